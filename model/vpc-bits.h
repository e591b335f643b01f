/* SPDX-License-Identifier: GPL-3.0-or-later */
/* vpc-bits.h: a set of the integers [0, n) as 64-bit words, for rules that
 * would otherwise test every pair of two long lists: a union or a count
 * costs n / 64 words. */
#pragma once

#include <string.h>

#include <glib.h>

typedef struct
{
  guint64 *words;
  guint    n_words;
  guint    n;
} VpcBits;

static inline void
vpc_bits_init (VpcBits *bits,
               guint    n)
{
  bits->n = n;
  bits->n_words = (n + 63) / 64;
  bits->words = g_new0 (guint64, MAX (bits->n_words, 1));
}

static inline void
vpc_bits_clear (VpcBits *bits)
{
  g_free (bits->words);
  bits->words = NULL;
}

static inline void
vpc_bits_empty (VpcBits *bits)
{
  memset (bits->words, 0, bits->n_words * sizeof (guint64));
}

static inline void
vpc_bits_add (VpcBits *bits,
              guint    i)
{
  bits->words[i >> 6] |= G_GUINT64_CONSTANT (1) << (i & 63);
}

static inline void
vpc_bits_add_all (VpcBits       *bits,
                  const VpcBits *other)
{
  for (guint w = 0; w < bits->n_words; w++)
    bits->words[w] |= other->words[w];
}

static inline guint
vpc_bits_count (const VpcBits *bits)
{
  guint count = 0;

  for (guint w = 0; w < bits->n_words; w++)
    count += (guint) __builtin_popcountll (bits->words[w]);
  return count;
}

/* The first integer from @from on that is not in @bits, or bits->n. */
static inline guint
vpc_bits_next_missing (const VpcBits *bits,
                       guint          from)
{
  for (guint w = from >> 6; w < bits->n_words; w++)
    {
      guint64 missing = ~bits->words[w];

      if (w == from >> 6)
        missing &= ~G_GUINT64_CONSTANT (0) << (from & 63);
      if (missing != 0)
        return MIN (w * 64 + (guint) __builtin_ctzll (missing), bits->n);
    }
  return bits->n;
}
