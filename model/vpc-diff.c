/* SPDX-License-Identifier: GPL-3.0-or-later */
/* vpc-diff.c: two versions of a design compared. */
#include "vpc-diff.h"

#include <string.h>

#include "vpc-validator.h"

/* --- elements ------------------------------------------------------------ */

/* A workload's calls as they act: its own list or the kind's default. */
static gboolean
calls_same (const VpcElement *a,
            const VpcElement *b)
{
  guint n;

  if (a->kind != VPC_KIND_WORKLOAD || b->kind != VPC_KIND_WORKLOAD)
    return vpc_id_list_equal (a->calls, b->calls);
  n = vpc_workload_n_calls (a);
  if (n != vpc_workload_n_calls (b))
    return FALSE;
  for (guint i = 0; i < n; i++)
    if (g_strcmp0 (vpc_workload_get_call (a, i), vpc_workload_get_call (b, i)) != 0)
      return FALSE;
  return TRUE;
}

GPtrArray *
vpc_diff_changed_keys (const VpcElement *a,
                       const VpcElement *b)
{
  GPtrArray *keys = g_ptr_array_new ();

  g_return_val_if_fail (a != NULL && b != NULL, keys);

  /* Fields that do not apply to a kind hold their defaults on both sides,
   * so comparing every field gives the keys the file would show. */
  if (a->kind != b->kind || a->workload_kind != b->workload_kind)
    g_ptr_array_add (keys, "kind");
  if (g_strcmp0 (vpc_element_get_display_name (a), vpc_element_get_display_name (b)) != 0)
    g_ptr_array_add (keys, "name");
  if (g_strcmp0 (a->az, b->az) != 0)
    g_ptr_array_add (keys, "az");
  if (g_strcmp0 (a->cidr, b->cidr) != 0)
    g_ptr_array_add (keys, "cidr");
  if (a->route != b->route)
    g_ptr_array_add (keys, "route");
  if (!vpc_sg_rules_equal (a->ingress, b->ingress))
    g_ptr_array_add (keys, "ingress");
  if (!vpc_sg_rules_equal (a->egress, b->egress))
    g_ptr_array_add (keys, "egress");
  if (g_strcmp0 (a->service, b->service) != 0)
    g_ptr_array_add (keys, "service");
  if (a->endpoint_type != b->endpoint_type)
    g_ptr_array_add (keys, "type");
  if (a->vpc_mode != b->vpc_mode)
    g_ptr_array_add (keys, "vpc_mode");
  if (!vpc_id_list_equal (a->subnets, b->subnets))
    g_ptr_array_add (keys, "subnets");
  if (g_strcmp0 (a->subnet, b->subnet) != 0)
    g_ptr_array_add (keys, "subnet");
  if (a->private_dns != b->private_dns)
    g_ptr_array_add (keys, "private_dns");
  if (!vpc_id_list_equal (a->security_groups, b->security_groups))
    g_ptr_array_add (keys, "security_groups");
  if (a->gb_per_month != b->gb_per_month)
    g_ptr_array_add (keys, "gb_per_month");
  if (a->network_isolation != b->network_isolation)
    g_ptr_array_add (keys, "network_isolation");
  if (a->instance_count != b->instance_count)
    g_ptr_array_add (keys, "instance_count");
  if (a->inter_container_encryption != b->inter_container_encryption)
    g_ptr_array_add (keys, "inter_container_encryption");
  if (a->image_access != b->image_access)
    g_ptr_array_add (keys, "image_access");
  if (!calls_same (a, b))
    g_ptr_array_add (keys, "calls");
  if (a->needs_internet != b->needs_internet)
    g_ptr_array_add (keys, "needs_internet");
  if (a->direct_internet_access != b->direct_internet_access)
    g_ptr_array_add (keys, "direct_internet_access");
  return keys;
}

static void
compare_elements (VpcDiff   *diff,
                  VpcDesign *old_design,
                  VpcDesign *new_design)
{
  for (VpcKind kind = 0; kind < VPC_N_KINDS; kind++)
    for (guint i = 0; i < vpc_design_get_n_elements (new_design, kind); i++)
      {
        const VpcElement *now = vpc_design_get_element (new_design, kind, i);
        const VpcElement *before = vpc_design_lookup (old_design, now->id);
        g_autoptr(GPtrArray) keys = NULL;

        if (before == NULL)
          {
            g_ptr_array_add (diff->added, g_strdup (now->id));
            continue;
          }
        keys = vpc_diff_changed_keys (before, now);
        if (keys->len > 0)
          g_ptr_array_add (diff->changed, g_strdup (now->id));
        else if (!vpc_element_layout_equal (before, now))
          g_ptr_array_add (diff->moved, g_strdup (now->id));
      }
  for (VpcKind kind = 0; kind < VPC_N_KINDS; kind++)
    for (guint i = 0; i < vpc_design_get_n_elements (old_design, kind); i++)
      {
        const VpcElement *before = vpc_design_get_element (old_design, kind, i);

        if (vpc_design_lookup (new_design, before->id) == NULL)
          g_ptr_array_add (diff->removed, g_strdup (before->id));
      }
}

/* --- findings ------------------------------------------------------------ */

/* "VPC101\x1ftrain\x1fsn-a": a finding's identity. */
static char *
finding_key (VpcFinding *finding)
{
  const char *const *elements = vpc_finding_get_elements (finding);
  GString *key = g_string_new (vpc_finding_get_rule_id (finding));

  for (guint i = 0; elements != NULL && elements[i] != NULL; i++)
    {
      g_string_append_c (key, '\x1f');
      g_string_append (key, elements[i]);
    }
  return g_string_free (key, FALSE);
}

/* The findings of @ours that @theirs lacks, counting repeats. */
static GPtrArray *
findings_missing (GPtrArray *ours,
                  GPtrArray *theirs)
{
  g_autoptr(GHashTable) counts = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  GPtrArray *missing = g_ptr_array_new_with_free_func (g_object_unref);

  for (guint i = 0; i < theirs->len; i++)
    {
      char *key = finding_key (g_ptr_array_index (theirs, i));
      guint n = GPOINTER_TO_UINT (g_hash_table_lookup (counts, key));

      g_hash_table_insert (counts, key, GUINT_TO_POINTER (n + 1));
    }
  for (guint i = 0; i < ours->len; i++)
    {
      VpcFinding *finding = g_ptr_array_index (ours, i);
      g_autofree char *key = finding_key (finding);
      guint n = GPOINTER_TO_UINT (g_hash_table_lookup (counts, key));

      if (n > 0)
        g_hash_table_replace (counts, g_steal_pointer (&key), GUINT_TO_POINTER (n - 1));
      else
        g_ptr_array_add (missing, g_object_ref (finding));
    }
  return missing;
}

/* --- cost ---------------------------------------------------------------- */

static void
cost_item_free (gpointer data)
{
  VpcDiffCostItem *item = data;

  g_free (item->element);
  g_free (item);
}

static GHashTable *
monthly_by_element (VpcCostReport *report)
{
  GHashTable *table = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, g_free);

  for (guint i = 0; i < report->items->len; i++)
    {
      VpcCostItem *item = g_ptr_array_index (report->items, i);

      g_hash_table_insert (table, item->element,
                           g_memdup2 (&item->monthly_micros, sizeof (gint64)));
    }
  return table;
}

static gboolean
is_nat (const VpcCostItem *item)
{
  return item->kind == VPC_COST_NAT_GATEWAY;
}

/* Adds the items of @report of one group (NAT gateways or endpoints) that
 * are not yet in @seen and whose cost differs on the other side. */
static void
add_cost_items (VpcDiff       *diff,
                VpcCostReport *report,
                gboolean       nat,
                gboolean       report_is_new,
                GHashTable    *other,
                GHashTable    *seen)
{
  for (guint i = 0; i < report->items->len; i++)
    {
      VpcCostItem *item = g_ptr_array_index (report->items, i);
      gint64 *there = g_hash_table_lookup (other, item->element);
      gint64 other_micros = there != NULL ? *there : 0;
      VpcDiffCostItem *entry;

      if (is_nat (item) != nat || !g_hash_table_add (seen, item->element) ||
          other_micros == item->monthly_micros)
        continue;
      entry = g_new0 (VpcDiffCostItem, 1);
      entry->element = g_strdup (item->element);
      entry->old_micros = report_is_new ? other_micros : item->monthly_micros;
      entry->new_micros = report_is_new ? item->monthly_micros : other_micros;
      g_ptr_array_add (diff->cost_items, entry);
    }
}

static void
compare_cost (VpcDiff *diff)
{
  g_autoptr(GHashTable) old_monthly = NULL;
  g_autoptr(GHashTable) new_monthly = NULL;
  g_autoptr(GHashTable) seen = NULL;

  if (!diff->old_cost->priced || !diff->new_cost->priced)
    return;
  old_monthly = monthly_by_element (diff->old_cost);
  new_monthly = monthly_by_element (diff->new_cost);
  seen = g_hash_table_new (g_str_hash, g_str_equal);
  for (int nat = 0; nat <= 1; nat++)
    {
      add_cost_items (diff, diff->new_cost, nat, TRUE, old_monthly, seen);
      add_cost_items (diff, diff->old_cost, nat, FALSE, new_monthly, seen);
    }
}

/* --- the whole ------------------------------------------------------------ */

static void
index_changes (GHashTable   *changes,
               GPtrArray    *ids,
               VpcDiffChange change)
{
  for (guint i = 0; i < ids->len; i++)
    g_hash_table_insert (changes, g_ptr_array_index (ids, i), GINT_TO_POINTER (change));
}

VpcDiff *
vpc_diff_compute (VpcDesign  *old_design,
                  VpcDesign  *new_design,
                  VpcProfile  profile,
                  const char *region)
{
  g_autoptr(GPtrArray) old_findings = NULL;
  g_autoptr(GPtrArray) new_findings = NULL;
  VpcDiff *diff;

  g_return_val_if_fail (VPC_IS_DESIGN (old_design) && VPC_IS_DESIGN (new_design), NULL);

  if (region == NULL)
    region = vpc_design_get_info (new_design)->region;
  diff = g_new0 (VpcDiff, 1);
  diff->profile = profile;
  diff->added = g_ptr_array_new_with_free_func (g_free);
  diff->removed = g_ptr_array_new_with_free_func (g_free);
  diff->changed = g_ptr_array_new_with_free_func (g_free);
  diff->moved = g_ptr_array_new_with_free_func (g_free);
  diff->cost_items = g_ptr_array_new_with_free_func (cost_item_free);
  compare_elements (diff, old_design, new_design);
  diff->changes = g_hash_table_new (g_str_hash, g_str_equal);
  index_changes (diff->changes, diff->added, VPC_DIFF_ADDED);
  index_changes (diff->changes, diff->removed, VPC_DIFF_REMOVED);
  index_changes (diff->changes, diff->changed, VPC_DIFF_CHANGED);
  index_changes (diff->changes, diff->moved, VPC_DIFF_MOVED);

  old_findings = vpc_validate (old_design, profile);
  new_findings = vpc_validate (new_design, profile);
  diff->introduced = findings_missing (new_findings, old_findings);
  diff->resolved = findings_missing (old_findings, new_findings);

  diff->old_cost = vpc_cost_compute (old_design, region);
  diff->new_cost = vpc_cost_compute (new_design, region);
  compare_cost (diff);
  return diff;
}

void
vpc_diff_free (VpcDiff *diff)
{
  if (diff == NULL)
    return;
  g_hash_table_unref (diff->changes);
  g_ptr_array_unref (diff->added);
  g_ptr_array_unref (diff->removed);
  g_ptr_array_unref (diff->changed);
  g_ptr_array_unref (diff->moved);
  g_ptr_array_unref (diff->introduced);
  g_ptr_array_unref (diff->resolved);
  vpc_cost_report_free (diff->old_cost);
  vpc_cost_report_free (diff->new_cost);
  g_ptr_array_unref (diff->cost_items);
  g_free (diff);
}

gboolean
vpc_diff_introduces_error (VpcDiff *diff)
{
  g_return_val_if_fail (diff != NULL, FALSE);

  for (guint i = 0; i < diff->introduced->len; i++)
    if (vpc_finding_get_severity (g_ptr_array_index (diff->introduced, i)) == VPC_SEVERITY_ERROR)
      return TRUE;
  return FALSE;
}
