/* SPDX-License-Identifier: GPL-3.0-or-later */
/* vpc-clipboard.c: element copies with id renaming and reference remapping. */
#include "vpc-clipboard.h"

#include <string.h>

#include "vpc-cidr.h"
#include "vpc-containment.h"
#include "vpc-file.h"
#include "vpc-i18n.h"

struct _VpcClipboard
{
  GPtrArray *elements; /* VpcElement *, in design order */
  VpcDesign *origin;   /* weak: the design copied from, while it exists */
};

static void
set_origin (VpcClipboard *clipboard,
            VpcDesign    *origin)
{
  clipboard->origin = origin;
  if (origin != NULL)
    g_object_add_weak_pointer (G_OBJECT (origin), (gpointer *) &clipboard->origin);
}

G_DEFINE_BOXED_TYPE (VpcClipboard, vpc_clipboard, vpc_clipboard_dup, vpc_clipboard_free)

VpcClipboard *
vpc_clipboard_copy (VpcDesign  *design,
                    GHashTable *selection)
{
  VpcClipboard *clipboard = g_new0 (VpcClipboard, 1);
  g_autoptr(GHashTable) ids = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  GHashTableIter iter;
  gpointer key;

  g_hash_table_iter_init (&iter, selection);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    {
      g_hash_table_add (ids, g_strdup (key));
      vpc_containment_collect_children (design, key, ids);
    }
  clipboard->elements = g_ptr_array_new_with_free_func ((GDestroyNotify) vpc_element_free);
  set_origin (clipboard, design);
  for (guint k = 0; k < VPC_N_KINDS; k++)
    for (guint i = 0; i < vpc_design_get_n_elements (design, k); i++)
      {
        const VpcElement *e = vpc_design_get_element (design, k, i);

        if (g_hash_table_contains (ids, e->id))
          g_ptr_array_add (clipboard->elements, vpc_element_copy (e));
      }
  return clipboard;
}

VpcClipboard *
vpc_clipboard_dup (VpcClipboard *clipboard)
{
  VpcClipboard *copy = g_new0 (VpcClipboard, 1);

  copy->elements = g_ptr_array_new_full (clipboard->elements->len, (GDestroyNotify) vpc_element_free);
  for (guint i = 0; i < clipboard->elements->len; i++)
    g_ptr_array_add (copy->elements, vpc_element_copy (g_ptr_array_index (clipboard->elements, i)));
  set_origin (copy, clipboard->origin);
  return copy;
}

/* @id and what it cannot exist without, into @keep. */
static void
keep_with_parents (VpcDesign  *design,
                   const char *id,
                   GHashTable *keep)
{
  const VpcElement *e = vpc_design_lookup (design, id);

  if (e == NULL || !g_hash_table_add (keep, g_strdup (id)))
    return;
  if (e->kind == VPC_KIND_SUBNET && e->az != NULL)
    keep_with_parents (design, e->az, keep);
  else if (e->kind == VPC_KIND_NAT_GATEWAY && e->subnet != NULL)
    keep_with_parents (design, e->subnet, keep);
}

char *
vpc_clipboard_serialize (VpcDesign  *design,
                         GHashTable *selection)
{
  g_autoptr(VpcDesign) copy = vpc_design_duplicate (design);
  g_autoptr(GHashTable) keep = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GHashTable) selected = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GPtrArray) dropped = g_ptr_array_new_with_free_func (g_free);
  GHashTableIter iter;
  gpointer key;

  g_hash_table_iter_init (&iter, selection);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    {
      g_hash_table_add (selected, g_strdup (key));
      vpc_containment_collect_children (design, key, selected);
    }
  g_hash_table_iter_init (&iter, selected);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    keep_with_parents (design, key, keep);
  for (guint k = 0; k < VPC_N_KINDS; k++)
    for (guint i = 0; i < vpc_design_get_n_elements (copy, k); i++)
      {
        const VpcElement *e = vpc_design_get_element (copy, k, i);

        if (!g_hash_table_contains (keep, e->id))
          g_ptr_array_add (dropped, g_strdup (e->id));
      }
  if (dropped->len > 0)
    vpc_design_delete (copy, (const char *const *) dropped->pdata, dropped->len);
  return vpc_file_serialize (copy, NULL);
}

VpcClipboard *
vpc_clipboard_new_from_text (const char *text,
                             gsize       length,
                             GError    **error)
{
  g_autoptr(GBytes) bytes = g_bytes_new (text, length);
  g_autoptr(VpcDesign) design = vpc_file_load_bytes (bytes, NULL, error);
  VpcClipboard *clipboard;

  if (design == NULL)
    return NULL;
  clipboard = g_new0 (VpcClipboard, 1);
  clipboard->elements = g_ptr_array_new_with_free_func ((GDestroyNotify) vpc_element_free);
  for (guint k = 0; k < VPC_N_KINDS; k++)
    for (guint i = 0; i < vpc_design_get_n_elements (design, k); i++)
      g_ptr_array_add (clipboard->elements, vpc_element_copy (vpc_design_get_element (design, k, i)));
  return clipboard;
}

void
vpc_clipboard_free (VpcClipboard *clipboard)
{
  if (clipboard == NULL)
    return;
  if (clipboard->origin != NULL)
    g_object_remove_weak_pointer (G_OBJECT (clipboard->origin), (gpointer *) &clipboard->origin);
  g_ptr_array_unref (clipboard->elements);
  g_free (clipboard);
}

gboolean
vpc_clipboard_is_from (VpcClipboard *clipboard,
                       VpcDesign    *design)
{
  return clipboard != NULL && design != NULL && clipboard->origin == design;
}

guint
vpc_clipboard_get_n_elements (VpcClipboard *clipboard)
{
  return clipboard != NULL ? clipboard->elements->len : 0;
}

/* "sn-a-2" -> "sn-a": the id without its trailing "-N". */
static char *
id_prefix (const char *id)
{
  const char *dash = strrchr (id, '-');
  const char *p;

  if (dash == NULL || dash == id || dash[1] == '\0')
    return g_strdup (id);
  for (p = dash + 1; *p; p++)
    if (!g_ascii_isdigit (*p))
      return g_strdup (id);
  return g_strndup (id, dash - id);
}

static char *
fresh_id (VpcDesign  *design,
          GHashTable *taken,
          const char *old_id)
{
  g_autofree char *prefix = id_prefix (old_id);
  char *id;

  /* As make_id cuts it: "PREFIX-N" below stays a valid id. */
  if (strlen (prefix) > VPC_ID_PREFIX_MAX)
    prefix[VPC_ID_PREFIX_MAX] = '\0';
  id = vpc_design_make_id (design, prefix);

  /* make_id only knows the design; skip ids given to this paste already. */
  for (guint n = 2; g_hash_table_contains (taken, id); n++)
    {
      g_free (id);
      id = g_strdup_printf ("%s-%u", prefix, n);
      if (vpc_design_lookup (design, id) != NULL)
        g_hash_table_add (taken, g_strdup (id));
    }
  g_hash_table_add (taken, g_strdup (id));
  return id;
}

/* The id a reference should carry after the paste, or NULL to drop it. */
static const char *
remap (VpcDesign  *design,
       GHashTable *map,
       const char *ref)
{
  const char *mapped;

  if (ref == NULL)
    return NULL;
  mapped = g_hash_table_lookup (map, ref);
  if (mapped != NULL)
    return mapped;
  return vpc_design_lookup (design, ref) != NULL ? ref : NULL;
}

static void
remap_list (VpcDesign  *design,
            GHashTable *map,
            GPtrArray  *list)
{
  g_autoptr(GPtrArray) old = NULL;

  if (list == NULL)
    return;
  old = vpc_id_list_copy (list);
  g_ptr_array_set_size (list, 0);
  for (guint i = 0; i < old->len; i++)
    {
      const char *id = remap (design, map, g_ptr_array_index (old, i));
      if (id != NULL && !vpc_id_list_contains (list, id))
        vpc_id_list_add (list, id);
    }
}

static void
remap_rules (VpcDesign  *design,
             GHashTable *map,
             GArray     *rules)
{
  if (rules == NULL)
    return;
  for (guint i = rules->len; i > 0; i--)
    {
      VpcSgRule *rule = &g_array_index (rules, VpcSgRule, i - 1);
      const char *mapped = g_hash_table_lookup (map, rule->peer);

      if (mapped != NULL)
        {
          g_free (rule->peer);
          rule->peer = g_strdup (mapped);
        }
    }
}

static const char *
required_ref (const VpcElement *e)
{
  if (e->kind == VPC_KIND_SUBNET)
    return e->az;
  if (e->kind == VPC_KIND_NAT_GATEWAY)
    return e->subnet;
  return NULL;
}

char **
vpc_clipboard_paste (VpcClipboard *clipboard,
                     VpcDesign    *design,
                     double        dx,
                     double        dy,
                     char        **reason)
{
  g_autoptr(GHashTable) map = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_autoptr(GHashTable) taken = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GPtrArray) keep = g_ptr_array_new ();
  GPtrArray *new_ids = g_ptr_array_new_with_free_func (g_free);

  g_return_val_if_fail (clipboard != NULL, NULL);

  /* Decide what can be pasted (AZs come before subnets, subnets before NAT
   * gateways) and name it. */
  for (guint i = 0; i < clipboard->elements->len; i++)
    {
      VpcElement *e = g_ptr_array_index (clipboard->elements, i);
      const char *needed = required_ref (e);

      if (needed != NULL && !g_hash_table_contains (map, needed) &&
          vpc_design_lookup (design, needed) == NULL)
        continue;
      g_hash_table_insert (map, g_strdup (e->id), fresh_id (design, taken, e->id));
      g_ptr_array_add (keep, e);
    }

  vpc_design_begin (design, _("Paste"));
  for (guint i = 0; i < keep->len; i++)
    {
      const VpcElement *old = g_ptr_array_index (keep, i);
      g_autoptr(VpcElement) e = vpc_element_copy (old);

      g_free (e->id);
      e->id = g_strdup (g_hash_table_lookup (map, old->id));
      if (e->has_layout)
        {
          e->layout.x += dx;
          e->layout.y += dy;
        }
      if (e->kind == VPC_KIND_SUBNET)
        {
          VpcCidr cidr;
          guint prefix = 24;

          if (e->cidr != NULL && vpc_cidr_parse (e->cidr, &cidr, NULL))
            prefix = cidr.prefix;
          g_free (e->az);
          e->az = g_strdup (remap (design, map, old->az));
          g_free (e->cidr);
          e->cidr = vpc_containment_free_cidr (design, prefix);
          if (e->cidr == NULL)
            e->cidr = g_strdup (old->cidr);
        }
      if (e->kind == VPC_KIND_NAT_GATEWAY)
        {
          g_free (e->subnet);
          e->subnet = g_strdup (remap (design, map, old->subnet));
        }
      remap_list (design, map, e->subnets);
      remap_list (design, map, e->security_groups);
      remap_rules (design, map, e->ingress);
      remap_rules (design, map, e->egress);
      g_ptr_array_add (new_ids, g_strdup (e->id));
      vpc_design_add_element (design, g_steal_pointer (&e), -1);
    }
  if (!vpc_containment_commit (design, reason))
    {
      g_ptr_array_free (new_ids, TRUE);
      return NULL;
    }
  if (new_ids->len == 0 && reason != NULL)
    *reason = g_strdup (_("Nothing was pasted: the availability zones and subnets "
                          "that the copied elements need are gone. Copy them along."));
  g_ptr_array_set_free_func (new_ids, NULL);
  g_ptr_array_add (new_ids, NULL);
  return (char **) g_ptr_array_free (new_ids, FALSE);
}
