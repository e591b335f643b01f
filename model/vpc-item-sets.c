/* SPDX-License-Identifier: GPL-3.0-or-later */
/* vpc-item-sets.c: see vpc-item-sets.h.
 *
 * The groups are one array of (group, item) pairs sorted by group (by
 * counting: the items come in order, so each group's stay in order): a
 * group's items are a run, found by bisecting the runs (one per group
 * that has items: memory by the items, not by the design's groups). A CIDR holds an item when it
 * holds the range from its subnets' lowest address to their highest (a
 * CIDR is a range, so holding every subnet is holding that span); the
 * spans are sorted by their start, and a CIDR's items are found among
 * those starting inside it, once per distinct CIDR. */
#include "vpc-item-sets.h"

typedef struct
{
  guint group;
  guint item;
} Pair;

typedef struct
{
  guint64 lo, hi;
  guint   item;
} Span;

/* A group's pairs: [start, the next run's start). */
typedef struct
{
  guint group;
  guint start;
} Run;

/* The items of a CIDR, and their set once it is worth keeping. */
typedef struct
{
  GArray *items; /* guint */
  VpcBits bits;  /* words NULL until made */
} Held;

struct _VpcItemSets
{
  guint       n, n_groups;
  GArray     *pairs;  /* Pair, sorted by group then item once sealed */
  GArray     *runs;   /* Run, by group, once sealed */
  GArray     *spans;  /* Span, sorted by lo on the first CIDR */
  gboolean    spans_sorted;
  GArray     *always; /* guint: items without subnets, which every CIDR holds */
  GHashTable *dense;  /* group + 1 -> VpcBits: the large groups' sets */
  GHashTable *held;   /* VpcCidr (a copy) -> Held */
  VpcBits     unite;
};

static guint
cidr_hash (gconstpointer key)
{
  const VpcCidr *cidr = key;

  return cidr->address * 33u + cidr->prefix;
}

static gboolean
cidr_equal (gconstpointer a,
            gconstpointer b)
{
  const VpcCidr *x = a, *y = b;

  return x->address == y->address && x->prefix == y->prefix;
}

static void
bits_free (gpointer data)
{
  vpc_bits_clear (data);
  g_free (data);
}

static void
held_free (gpointer data)
{
  Held *held = data;

  g_array_unref (held->items);
  vpc_bits_clear (&held->bits);
  g_free (held);
}

VpcItemSets *
vpc_item_sets_new (guint n_groups)
{
  VpcItemSets *sets = g_new0 (VpcItemSets, 1);

  sets->n_groups = n_groups;
  sets->pairs = g_array_new (FALSE, FALSE, sizeof (Pair));
  sets->spans = g_array_new (FALSE, FALSE, sizeof (Span));
  sets->always = g_array_new (FALSE, FALSE, sizeof (guint));
  sets->dense = g_hash_table_new_full (NULL, NULL, NULL, bits_free);
  sets->held = g_hash_table_new_full (cidr_hash, cidr_equal, g_free, held_free);
  return sets;
}

void
vpc_item_sets_free (VpcItemSets *sets)
{
  if (sets == NULL)
    return;
  g_array_unref (sets->pairs);
  if (sets->runs != NULL)
    g_array_unref (sets->runs);
  g_array_unref (sets->spans);
  g_array_unref (sets->always);
  g_hash_table_unref (sets->dense);
  g_hash_table_unref (sets->held);
  vpc_bits_clear (&sets->unite);
  g_free (sets);
}

static guint64
cidr_last (const VpcCidr *cidr)
{
  return (guint64) cidr->address + (G_GUINT64_CONSTANT (1) << (32 - cidr->prefix)) - 1;
}

guint
vpc_item_sets_add (VpcItemSets   *sets,
                   const guint   *groups,
                   guint          n_groups,
                   const VpcCidr *subnets,
                   guint          n_subnets,
                   gboolean       held_never)
{
  guint item = sets->n++;

  g_return_val_if_fail (sets->unite.words == NULL, item);

  for (guint g = 0; g < n_groups; g++)
    {
      Pair pair = { groups[g], item };

      g_return_val_if_fail (groups[g] < sets->n_groups, item);
      g_array_append_val (sets->pairs, pair);
    }
  if (held_never)
    return item;
  if (n_subnets == 0)
    {
      g_array_append_val (sets->always, item);
      return item;
    }
  {
    Span span = { G_MAXUINT64, 0, item };

    for (guint s = 0; s < n_subnets; s++)
      {
        span.lo = MIN (span.lo, (guint64) subnets[s].address);
        span.hi = MAX (span.hi, cidr_last (&subnets[s]));
      }
    g_array_append_val (sets->spans, span);
  }
  return item;
}

static int
compare_spans (gconstpointer a,
               gconstpointer b)
{
  const Span *x = a, *y = b;

  if (x->lo != y->lo)
    return x->lo < y->lo ? -1 : 1;
  return (x->item > y->item) - (x->item < y->item);
}

void
vpc_item_sets_seal (VpcItemSets *sets)
{
  g_autofree guint *next = g_new0 (guint, sets->n_groups + 1);
  g_autoptr(GArray) sorted = g_array_sized_new (FALSE, FALSE, sizeof (Pair), sets->pairs->len);
  Run end;

  g_return_if_fail (sets->unite.words == NULL);

  sets->runs = g_array_new (FALSE, FALSE, sizeof (Run));
  for (guint p = 0; p < sets->pairs->len; p++)
    next[g_array_index (sets->pairs, Pair, p).group + 1]++;
  for (guint g = 0; g < sets->n_groups; g++)
    {
      if (next[g + 1] > 0)
        {
          Run run = { g, next[g] };

          g_array_append_val (sets->runs, run);
        }
      next[g + 1] += next[g];
    }
  end = (Run) { sets->n_groups, sets->pairs->len };
  g_array_append_val (sets->runs, end);
  g_array_set_size (sorted, sets->pairs->len);
  for (guint p = 0; p < sets->pairs->len; p++)
    {
      const Pair *pair = &g_array_index (sets->pairs, Pair, p);

      g_array_index (sorted, Pair, next[pair->group]++) = *pair;
    }
  g_array_unref (sets->pairs);
  sets->pairs = g_steal_pointer (&sorted);
  vpc_bits_init (&sets->unite, sets->n);
}

guint
vpc_item_sets_get_n (const VpcItemSets *sets)
{
  return sets->n;
}

void
vpc_item_sets_start (VpcItemSets *sets)
{
  g_return_if_fail (sets->unite.words != NULL);

  vpc_bits_empty (&sets->unite);
}

const VpcBits *
vpc_item_sets_get_union (const VpcItemSets *sets)
{
  return &sets->unite;
}

void
vpc_item_sets_add_group (VpcItemSets *sets,
                         guint        group)
{
  guint lo = 0, hi = sets->runs->len - 1, start, end;
  VpcBits *bits;

  /* The last run only ends the one before it. */
  while (lo < hi)
    {
      guint mid = lo + (hi - lo) / 2;

      if (g_array_index (sets->runs, Run, mid).group < group)
        lo = mid + 1;
      else
        hi = mid;
    }
  if (lo == sets->runs->len - 1 || g_array_index (sets->runs, Run, lo).group != group)
    return;
  start = g_array_index (sets->runs, Run, lo).start;
  end = g_array_index (sets->runs, Run, lo + 1).start;
  if (end - start <= sets->unite.n_words)
    {
      for (guint p = start; p < end; p++)
        vpc_bits_add (&sets->unite, g_array_index (sets->pairs, Pair, p).item);
      return;
    }
  bits = g_hash_table_lookup (sets->dense, GUINT_TO_POINTER (group + 1));
  if (bits == NULL)
    {
      bits = g_new0 (VpcBits, 1);
      vpc_bits_init (bits, sets->n);
      for (guint p = start; p < end; p++)
        vpc_bits_add (bits, g_array_index (sets->pairs, Pair, p).item);
      g_hash_table_insert (sets->dense, GUINT_TO_POINTER (group + 1), bits);
    }
  vpc_bits_add_all (&sets->unite, bits);
}

/* The items @cidr holds: those without subnets, and those whose span
 * starts inside it and ends inside it too. */
static Held *
held_by (VpcItemSets   *sets,
         const VpcCidr *cidr)
{
  Held *held = g_hash_table_lookup (sets->held, cidr);
  guint64 first = cidr->address, last = cidr_last (cidr);
  guint lo = 0, hi = sets->spans->len;

  if (held != NULL)
    return held;
  if (!sets->spans_sorted)
    {
      g_array_sort (sets->spans, compare_spans);
      sets->spans_sorted = TRUE;
    }
  held = g_new0 (Held, 1);
  held->items = g_array_new (FALSE, FALSE, sizeof (guint));
  g_array_append_vals (held->items, sets->always->data, sets->always->len);
  while (lo < hi)
    {
      guint mid = lo + (hi - lo) / 2;

      if (g_array_index (sets->spans, Span, mid).lo < first)
        lo = mid + 1;
      else
        hi = mid;
    }
  for (guint s = lo; s < sets->spans->len && g_array_index (sets->spans, Span, s).lo <= last; s++)
    if (g_array_index (sets->spans, Span, s).hi <= last)
      g_array_append_val (held->items, g_array_index (sets->spans, Span, s).item);
  if (held->items->len > sets->unite.n_words)
    {
      vpc_bits_init (&held->bits, sets->n);
      for (guint i = 0; i < held->items->len; i++)
        vpc_bits_add (&held->bits, g_array_index (held->items, guint, i));
    }
  g_hash_table_insert (sets->held, g_memdup2 (cidr, sizeof *cidr), held);
  return held;
}

void
vpc_item_sets_add_cidr (VpcItemSets   *sets,
                        const VpcCidr *cidr)
{
  Held *held = held_by (sets, cidr);

  if (held->bits.words != NULL)
    {
      vpc_bits_add_all (&sets->unite, &held->bits);
      return;
    }
  for (guint i = 0; i < held->items->len; i++)
    vpc_bits_add (&sets->unite, g_array_index (held->items, guint, i));
}
