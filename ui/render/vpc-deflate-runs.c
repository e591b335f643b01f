/* SPDX-License-Identifier: GPL-3.0-or-later */
/* vpc-deflate-runs.c: see vpc-deflate-runs.h. A Huffman code goes into
 * the stream from its most significant bit, which in deflate's
 * least-significant-first bit order means reversed, while the extra bits
 * of a length go in as they are. */
#include "vpc-deflate-runs.h"

#include <string.h>

#define MIN_MATCH 3
#define MAX_MATCH 258
#define END_OF_BLOCK 256
#define N_LITLEN 286  /* literals, the end of block, the 29 length codes */

typedef struct
{
  guint32 bits;
  guint8  count;
} Code;

static Code literal_codes[256];
static guint literal_bits_max; /* no match costs as much a byte */
static Code end_of_block;
static Code match_codes[MAX_MATCH + 1]; /* the length's code and extra bits, then distance 1 */
/* The block's header: its type and its codes, as the stream spells them. */
static Code header[3 + 18 + N_LITLEN + 1];

static guint32
reversed (guint32 code,
          int     length)
{
  guint32 out = 0;

  for (int i = 0; i < length; i++)
    out |= ((code >> i) & 1) << (length - 1 - i);
  return out;
}

/* Canonical Huffman codes (RFC 1951, 3.2.2) of @n symbols of @lengths,
 * reversed for the stream. */
static void
canonical_codes (const guint8 *lengths,
                 guint         n,
                 Code         *codes)
{
  guint count[16] = { 0 }, next[16] = { 0 }, code = 0;

  for (guint i = 0; i < n; i++)
    count[lengths[i]]++;
  count[0] = 0;
  for (guint bits = 1; bits < 16; bits++)
    next[bits] = code = (code + count[bits - 1]) << 1;
  for (guint i = 0; i < n; i++)
    if (lengths[i] > 0)
      codes[i] = (Code) { reversed (next[lengths[i]]++, lengths[i]), lengths[i] };
}

/* The code lengths of the literals, the end of block and the lengths:
 * Huffman's for what six exported diagrams of 1,000 to 10,000 elements,
 * light and dark, half empty and full, spend on average (each counted
 * once, every symbol given a little so that none is longer than 13
 * bits). A match of 258 bytes, what a run of one colour across a row is
 * made of, is 3 bits (and its distance, the only one, 1); the literal 0,
 * where most runs start, too. One table for every block, so that the
 * header is made once: a band's own counts would save a few percent. */
static const guint8 litlen_lengths[N_LITLEN] = {
   3,  6,  7,  7,  7,  8,  7,  8,  8,  8,  8,  8,  9,  8,  9,  8,  9,  9,  9,  8,
   9,  9,  7,  7,  8,  8,  7,  8,  8,  8,  8,  8,  9,  9,  8,  8,  8,  9,  8,  9,
   8,  9,  9,  9,  9,  9,  9,  9,  8,  9,  9, 10,  9,  9,  9,  9,  9,  9,  9,  9,
   9,  9,  9,  9, 10,  9, 10,  9, 10,  9,  9, 10, 10,  9,  8,  9, 10,  9,  8,  9,
   8,  9,  9,  9,  9,  9,  9, 10,  9,  9, 10, 10,  9,  9,  9,  9, 10,  9, 10, 10,
   9,  9,  8, 10, 10,  8,  8,  9,  8,  9,  9,  8,  9,  8, 10,  8,  9,  9, 10,  9,
   8,  9, 10,  9, 10, 10,  9, 10, 10,  9, 10, 10, 10,  9, 10,  9,  9,  9, 10,  9,
   9,  9, 10,  9,  9,  8,  9,  8,  8,  9,  8,  8,  9, 10,  8,  9,  9, 10, 10, 10,
  10,  9,  9,  9,  9, 10, 10, 10,  9,  9, 10, 10,  9, 10,  9, 10,  8,  9,  8,  9,
   9,  9,  8,  9, 10, 10, 10,  9, 10, 10, 10,  9,  9,  9,  9,  9,  9, 10, 10,  8,
  10,  9,  9,  9, 10,  9,  9,  9,  8, 10,  9,  9,  9,  9,  9,  9,  9,  9,  8,  9,
   7,  8,  8,  9,  9,  8,  8,  9,  9,  9,  8,  8,  8,  8,  7,  9,  9,  8,  9,  8,
   8,  8,  8,  8,  9,  8,  8,  8,  8,  8,  7,  8,  7,  7,  7,  6, 13,  9, 12,  7,
  11, 12,  9, 11, 13,  7,  8, 12,  8,  9,  8, 10, 10,  8, 10, 10,  7,  8,  9,  9,
   8,  9,  8, 10,  9,  3
};

/* The code lengths of the code lengths (the header's own code): 3 bits
 * for the six most used, 4 for the four others, a complete code. */
static const guint8 length_lengths[19] = {
  [1] = 4, [3] = 3, [6] = 4, [7] = 3, [8] = 3, [9] = 3, [10] = 3, [11] = 4, [12] = 3, [13] = 4,
};

/* What an edit of the tables must keep: complete codes (a decoder
 * refuses others), a code length for every length used, and no match
 * costing more a byte than the longest literal (the room an add takes). */
static void
check_tables (void)
{
  guint32 litlen_space = 0, length_space = 0;

  for (guint i = 0; i < N_LITLEN; i++)
    {
      g_assert (litlen_lengths[i] >= 1 && litlen_lengths[i] <= 15);
      g_assert (length_lengths[litlen_lengths[i]] != 0);
      litlen_space += 1u << (15 - litlen_lengths[i]);
    }
  g_assert (length_lengths[1] != 0);
  for (guint i = 0; i < G_N_ELEMENTS (length_lengths); i++)
    if (length_lengths[i] > 0)
      {
        g_assert (length_lengths[i] <= 7);
        length_space += 1u << (7 - length_lengths[i]);
      }
  g_assert (litlen_space == 1u << 15 && length_space == 1u << 7);
  for (guint length = MIN_MATCH; length <= MAX_MATCH; length++)
    g_assert (match_codes[length].count <= length * literal_bits_max);
}

static void
make_tables (void)
{
  static const guint16 base[] = { 3,  4,  5,  6,  7,  8,  9,  10, 11,  13,  15,  17,  19,  23, 27,
                                  31, 35, 43, 51, 59, 67, 83, 99, 115, 131, 163, 195, 227, 258 };
  static const guint8 extra[] = { 0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2,
                                  2, 3, 3, 3, 3, 4, 4, 4, 4, 5, 5, 5, 5, 0 };
  /* The order the header lists the code lengths' code lengths in. */
  static const guint8 order[18] = { 16, 17, 18, 0, 8, 7, 9, 6, 10, 5, 11, 4, 12, 3, 13, 2, 14, 1 };
  Code codes[N_LITLEN], length_codes[19];
  guint h = 0;

  canonical_codes (litlen_lengths, N_LITLEN, codes);
  memcpy (literal_codes, codes, sizeof literal_codes);
  for (guint v = 0; v < 256; v++)
    literal_bits_max = MAX (literal_bits_max, literal_codes[v].count);
  end_of_block = codes[END_OF_BLOCK];
  for (guint s = 0; s < G_N_ELEMENTS (base); s++)
    {
      Code code = codes[257 + s];
      /* 258 has a code of its own, not the last extra value of the one
       * before. */
      guint last = s + 1 < G_N_ELEMENTS (base) ? base[s + 1] - 1u : MAX_MATCH;

      /* Then distance 1: the only distance code, of one bit, 0. */
      for (guint length = base[s]; length <= last; length++)
        match_codes[length] = (Code) { code.bits | (length - base[s]) << code.count,
                                       (guint8) (code.count + extra[s] + 1) };
    }

  /* BFINAL 0, BTYPE 10 (dynamic); HLIT 286 - 257, HDIST 1 - 1, HCLEN 18 - 4. */
  header[h++] = (Code) { 0x4, 3 };
  header[h++] = (Code) { N_LITLEN - 257, 10 };
  header[h++] = (Code) { 18 - 4, 4 };
  for (guint i = 0; i < G_N_ELEMENTS (order); i++)
    header[h++] = (Code) { length_lengths[order[i]], 3 };
  canonical_codes (length_lengths, G_N_ELEMENTS (length_lengths), length_codes);
  for (guint i = 0; i < N_LITLEN; i++)
    header[h++] = length_codes[litlen_lengths[i]];
  header[h++] = length_codes[1]; /* the distance code's length */
  g_assert (h == G_N_ELEMENTS (header));
  check_tables ();
}

static void
ensure_tables (void)
{
  static gsize made;

  if (g_once_init_enter (&made))
    {
      make_tables ();
      g_once_init_leave (&made, 1);
    }
}

/* Where the bytes go: room for @length more bytes of output at @d's end. */
static guint8 *
reserve (VpcDeflateRuns *d,
         gsize           length)
{
  gsize used = d->out->len;

  g_byte_array_set_size (d->out, used + length);
  return d->out->data + used;
}

static inline guint8 *
put (VpcDeflateRuns *d,
     guint8         *at,
     Code            code)
{
  d->bits |= (guint64) code.bits << d->n_bits;
  d->n_bits += code.count;
  if (d->n_bits >= 32)
    {
      guint32 word = GUINT32_TO_LE ((guint32) d->bits);

      memcpy (at, &word, 4);
      at += 4;
      d->bits >>= 32;
      d->n_bits -= 32;
    }
  return at;
}

/* Writes the whole bytes waiting, and the last part byte when @pad. */
static void
flush_bits (VpcDeflateRuns *d,
            gboolean        pad)
{
  while (d->n_bits >= 8 || (pad && d->n_bits > 0))
    {
      guint8 byte = (guint8) d->bits;

      g_byte_array_append (d->out, &byte, 1);
      d->bits >>= 8;
      d->n_bits = MAX (d->n_bits - 8, 0);
    }
}

void
vpc_deflate_runs_begin (VpcDeflateRuns *d,
                        GByteArray     *out)
{
  guint8 *at;

  ensure_tables ();
  *d = (VpcDeflateRuns) { .out = out };
  at = reserve (d, sizeof header);
  for (guint i = 0; i < G_N_ELEMENTS (header); i++)
    at = put (d, at, header[i]);
  g_byte_array_set_size (d->out, (guint) (at - d->out->data));
}

/* The length of the run of @data[0] at the start of @data (@length > 0). */
static inline gsize
run_length (const guint8 *data,
            gsize         length)
{
  gsize n = 1;

  if (data[0] == 0)
    for (guint64 word; n + 8 <= length && (memcpy (&word, data + n, 8), word == 0);)
      n += 8;
  while (n < length && data[n] == data[0])
    n++;
  return n;
}

void
vpc_deflate_runs_add (VpcDeflateRuns *d,
                      const guint8   *data,
                      gsize           length)
{
  /* At most a literal's longest code a byte (make_tables() checks that no
   * match costs more a byte), and the bits put() holds from before. */
  gsize room = (length * literal_bits_max + 7) / 8 + 16;
  guint8 *start = reserve (d, room), *at = start;

  for (gsize i = 0; i < length;)
    {
      gsize run = run_length (data + i, length - i), left = run - 1;

      at = put (d, at, literal_codes[data[i]]);
      d->literals++;
      for (; left >= MIN_MATCH; left -= MIN (left, MAX_MATCH))
        at = put (d, at, match_codes[MIN (left, MAX_MATCH)]);
      for (; left > 0; left--)
        {
          at = put (d, at, literal_codes[data[i]]);
          d->literals++;
        }
      i += run;
    }
  g_assert ((gsize) (at - start) <= room);
  g_byte_array_set_size (d->out, (guint) (at - d->out->data));
}

void
vpc_deflate_runs_end (VpcDeflateRuns *d,
                      gboolean        last)
{
  static const guint8 empty_stored[] = { 0x00, 0x00, 0xff, 0xff };
  guint8 *at = reserve (d, 16), *start = at;

  at = put (d, at, end_of_block);
  if (last)
    /* A final empty block of fixed codes: BFINAL 1, BTYPE 01, then 256. */
    at = put (d, at, (Code) { 0x3, 3 + 7 });
  else
    /* BFINAL 0, BTYPE 00: a stored block, its length from the next byte. */
    at = put (d, at, (Code) { 0, 3 });
  g_byte_array_set_size (d->out, d->out->len - 16 + (guint) (at - start));
  flush_bits (d, TRUE);
  if (!last)
    g_byte_array_append (d->out, empty_stored, sizeof empty_stored);
}
