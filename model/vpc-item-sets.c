/* SPDX-License-Identifier: GPL-3.0-or-later */
/* vpc-item-sets.c: see vpc-item-sets.h.
 *
 * The groups' items are one array, sorted by group once all are added (by
 * counting: the items come in order, so each group's stay in order): a
 * group's items are a run, found by bisecting the runs (one per group
 * that has items: memory by the items, not by the design's groups). A
 * group's or a CIDR's items are added to a union one by one, or as words
 * made once when there are more of them than the union has words. A CIDR holds an item when it
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

/* A group's items: the sealed items [start, the next run's start). */
typedef struct
{
  guint   group;
  guint   start;
  VpcBits words; /* NULL until made */
} Run;

/* The items of a CIDR. */
typedef struct
{
  GArray *items; /* guint */
  VpcBits words; /* NULL until made */
} Held;

struct _VpcItemSets
{
  guint       n, n_groups;
  GArray     *pairs;  /* Pair, until sealed */
  GArray     *items;  /* guint, by group once sealed */
  GArray     *runs;   /* Run, by group, then an end, once sealed */
  GArray     *spans;  /* Span, sorted by lo on the first CIDR */
  gboolean    spans_sorted;
  GArray     *always; /* guint: items without subnets, which every CIDR holds */
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
held_free (gpointer data)
{
  Held *held = data;

  g_array_unref (held->items);
  vpc_bits_clear (&held->words);
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
  sets->held = g_hash_table_new_full (cidr_hash, cidr_equal, g_free, held_free);
  return sets;
}

void
vpc_item_sets_free (VpcItemSets *sets)
{
  if (sets == NULL)
    return;
  g_clear_pointer (&sets->pairs, g_array_unref);
  g_clear_pointer (&sets->items, g_array_unref);
  for (guint r = 0; sets->runs != NULL && r < sets->runs->len; r++)
    vpc_bits_clear (&g_array_index (sets->runs, Run, r).words);
  g_clear_pointer (&sets->runs, g_array_unref);
  g_array_unref (sets->spans);
  g_array_unref (sets->always);
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
  Run end = { sets->n_groups, sets->pairs->len, { NULL } };

  g_return_if_fail (sets->unite.words == NULL);

  sets->runs = g_array_new (FALSE, TRUE, sizeof (Run));
  for (guint p = 0; p < sets->pairs->len; p++)
    next[g_array_index (sets->pairs, Pair, p).group + 1]++;
  for (guint g = 0; g < sets->n_groups; g++)
    {
      if (next[g + 1] > 0)
        {
          Run run = { g, next[g], { NULL } };

          g_array_append_val (sets->runs, run);
        }
      next[g + 1] += next[g];
    }
  g_array_append_val (sets->runs, end);
  sets->items = g_array_sized_new (FALSE, FALSE, sizeof (guint), sets->pairs->len);
  g_array_set_size (sets->items, sets->pairs->len);
  for (guint p = 0; p < sets->pairs->len; p++)
    {
      const Pair *pair = &g_array_index (sets->pairs, Pair, p);

      g_array_index (sets->items, guint, next[pair->group]++) = pair->item;
    }
  g_clear_pointer (&sets->pairs, g_array_unref);
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

/* Adds @n @items to the union: one by one, or through @words (made on
 * first use) when there are more of them than the union has words. */
static void
unite (VpcItemSets *sets,
       const guint *items,
       guint        n,
       VpcBits     *words)
{
  if (n <= sets->unite.n_words)
    {
      for (guint i = 0; i < n; i++)
        vpc_bits_add (&sets->unite, items[i]);
      return;
    }
  if (words->words == NULL)
    {
      vpc_bits_init (words, sets->n);
      for (guint i = 0; i < n; i++)
        vpc_bits_add (words, items[i]);
    }
  vpc_bits_add_all (&sets->unite, words);
}

static int
compare_runs (gconstpointer a,
              gconstpointer b)
{
  const Run *x = a, *y = b;

  return (x->group > y->group) - (x->group < y->group);
}

void
vpc_item_sets_add_group (VpcItemSets *sets,
                         guint        group)
{
  Run key = { group, 0, { NULL } };
  guint r;

  /* The end run's group is no group's: it is never found. */
  if (group >= sets->n_groups || !g_array_binary_search (sets->runs, &key, compare_runs, &r))
    return;
  unite (sets, &g_array_index (sets->items, guint, g_array_index (sets->runs, Run, r).start),
         g_array_index (sets->runs, Run, r + 1).start - g_array_index (sets->runs, Run, r).start,
         &g_array_index (sets->runs, Run, r).words);
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
  g_hash_table_insert (sets->held, g_memdup2 (cidr, sizeof *cidr), held);
  return held;
}

void
vpc_item_sets_add_cidr (VpcItemSets   *sets,
                        const VpcCidr *cidr)
{
  Held *held = held_by (sets, cidr);

  unite (sets, (const guint *) held->items->data, held->items->len, &held->words);
}
