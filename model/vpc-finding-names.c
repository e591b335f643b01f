/* SPDX-License-Identifier: GPL-3.0-or-later */
/* vpc-finding-names.c: see vpc-finding-names.h. A design of 100,000
 * elements has ~150,000 findings naming ~100,000 elements: an array and a
 * copy of the id per element took ~80 ms to build, ~35 to free. Here each
 * id is stored once in a chunk, and the positions in one array, each entry
 * pointing at the one before it of the same id. */
#include "vpc-finding-names.h"

#include <string.h>

#include "vpc-element.h"
#include "vpc-finding-private.h"
#include "vpc-rules.h"

typedef struct
{
  guint position; /* of the finding */
  guint previous; /* the entry before it of the same id, + 1; 0: none */
} Entry;

struct _VpcFindingNames
{
  GHashTable   *last; /* id (in @ids) -> its last entry + 1 */
  GStringChunk *ids;
  GArray       *entries; /* Entry */
};

VpcFindingNames *
vpc_finding_names_new (GPtrArray *findings)
{
  VpcFindingNames *names = g_new (VpcFindingNames, 1);

  names->last = g_hash_table_new (g_str_hash, g_str_equal);
  names->ids = g_string_chunk_new (64 * 1024);
  names->entries = g_array_sized_new (FALSE, FALSE, sizeof (Entry), findings->len * 2);
  for (guint i = 0; i < findings->len; i++)
    {
      const char *marked = _vpc_finding_get_marked (g_ptr_array_index (findings, i));
      const char *id;
      gsize id_len;

      for (const char *p = marked; p != NULL && (p = vpc_rules_next_name (p, &id, &id_len)) != NULL;)
        {
          char key[VPC_ID_MAX_LEN + 1];
          gpointer stored, last;
          Entry entry = { i, 0 };

          /* Marks come from the design's ids: never longer. */
          if (id_len > VPC_ID_MAX_LEN)
            continue;
          memcpy (key, id, id_len);
          key[id_len] = '\0';
          if (g_hash_table_lookup_extended (names->last, key, &stored, &last))
            {
              /* A message may name an element twice. */
              if (g_array_index (names->entries, Entry, GPOINTER_TO_UINT (last) - 1).position == i)
                continue;
              entry.previous = GPOINTER_TO_UINT (last);
            }
          else
            stored = g_string_chunk_insert_len (names->ids, key, (gssize) id_len);
          g_array_append_val (names->entries, entry);
          g_hash_table_insert (names->last, stored, GUINT_TO_POINTER (names->entries->len));
        }
    }
  return names;
}

void
vpc_finding_names_add_positions (VpcFindingNames *names,
                                 const char      *id,
                                 GArray          *positions)
{
  for (guint k = GPOINTER_TO_UINT (g_hash_table_lookup (names->last, id)); k != 0;)
    {
      const Entry *entry = &g_array_index (names->entries, Entry, k - 1);

      g_array_append_val (positions, entry->position);
      k = entry->previous;
    }
}

void
vpc_finding_names_free (VpcFindingNames *names)
{
  if (names == NULL)
    return;
  g_hash_table_unref (names->last);
  g_string_chunk_free (names->ids);
  g_array_unref (names->entries);
  g_free (names);
}
