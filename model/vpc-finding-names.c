/* SPDX-License-Identifier: GPL-3.0-or-later */
/* vpc-finding-names.c: see vpc-finding-names.h. A design of 100,000
 * elements has ~150,000 findings naming ~100,000 elements ~300,000 times.
 * A table of the ids took ~45 ms to build after every run; the positions
 * with a hash of each id named there, in the order of the findings, are
 * built from the last run's index by copying what did not change, and a
 * rename reads them all (~300,000 entries: well under a millisecond). */
#include "vpc-finding-names.h"

#include <string.h>

#include "vpc-element.h"
#include "vpc-finding-private.h"
#include "vpc-rules.h"

typedef struct
{
  guint   position; /* of the finding */
  guint32 hash;     /* of the id named there */
} Entry;

struct _VpcFindingNames
{
  gatomicrefcount ref;
  GArray         *entries; /* Entry, by position */
};

/* FNV-1a. */
static guint32
id_hash (const char *id,
         gsize       length)
{
  guint32 hash = 2166136261u;

  for (gsize i = 0; i < length; i++)
    hash = (hash ^ (guchar) id[i]) * 16777619u;
  return hash;
}

static void
add_names (GArray     *entries,
           VpcFinding *finding,
           guint       position)
{
  const char *marked = _vpc_finding_get_marked (finding);
  const char *id;
  gsize id_len;

  for (const char *p = marked; p != NULL && (p = vpc_rules_next_name (p, &id, &id_len)) != NULL;)
    {
      Entry entry = { position, id_hash (id, id_len) };

      g_array_append_val (entries, entry);
    }
}

static VpcFindingNames *
names_new (guint reserved)
{
  VpcFindingNames *names = g_new (VpcFindingNames, 1);

  g_atomic_ref_count_init (&names->ref);
  names->entries = g_array_sized_new (FALSE, FALSE, sizeof (Entry), reserved);
  return names;
}

VpcFindingNames *
vpc_finding_names_new (GPtrArray *findings)
{
  VpcFindingNames *names = names_new (findings->len * 2);

  for (guint i = 0; i < findings->len; i++)
    add_names (names->entries, g_ptr_array_index (findings, i), i);
  return names;
}

VpcFindingNames *
vpc_finding_names_update (VpcFindingNames         *previous,
                          GPtrArray               *findings,
                          const VpcFindingsChange *changes,
                          guint                    n_changes)
{
  const GArray *old = previous->entries;
  VpcFindingNames *names = names_new (old->len + 64);
  guint e = 0, old_position = 0, position = 0;

  for (guint c = 0; c <= n_changes; c++)
    {
      /* Up to the change (or the end) nothing changed but positions. */
      guint end = c < n_changes ? changes[c].position : findings->len;
      guint old_end = old_position + (end - position);

      for (; e < old->len && g_array_index (old, Entry, e).position < old_end; e++)
        {
          Entry entry = g_array_index (old, Entry, e);

          entry.position = entry.position - old_position + position;
          g_array_append_val (names->entries, entry);
        }
      if (c == n_changes)
        break;
      old_position = old_end + changes[c].removed;
      for (; e < old->len && g_array_index (old, Entry, e).position < old_position; e++)
        ;
      for (position = end; position < end + changes[c].added; position++)
        add_names (names->entries, g_ptr_array_index (findings, position), position);
    }
  return names;
}

VpcFindingNames *
vpc_finding_names_ref (VpcFindingNames *names)
{
  g_atomic_ref_count_inc (&names->ref);
  return names;
}

void
vpc_finding_names_unref (VpcFindingNames *names)
{
  if (names == NULL || !g_atomic_ref_count_dec (&names->ref))
    return;
  g_array_unref (names->entries);
  g_free (names);
}

void
vpc_finding_names_add_positions (VpcFindingNames *names,
                                 const char      *id,
                                 GArray          *positions)
{
  guint32 hash = id_hash (id, strlen (id));
  guint last = G_MAXUINT;

  for (guint e = 0; e < names->entries->len; e++)
    {
      const Entry *entry = &g_array_index (names->entries, Entry, e);

      /* A message may name an element twice. */
      if (entry->hash == hash && entry->position != last)
        {
          g_array_append_val (positions, entry->position);
          last = entry->position;
        }
    }
}
