/* SPDX-License-Identifier: GPL-3.0-or-later */
/* vpc-diff.h: what changed between two versions of a design — elements,
 * findings and cost (the `diff` command, File → Compare With…). */
#pragma once

#include "vpc-cost.h"
#include "vpc-design.h"
#include "vpc-finding.h"

G_BEGIN_DECLS

typedef enum {
  VPC_DIFF_SAME,
  VPC_DIFF_ADDED,    /* in new only */
  VPC_DIFF_REMOVED,  /* in old only */
  VPC_DIFF_CHANGED,  /* same id, different content (layout aside) */
  VPC_DIFF_MOVED,    /* same id, same content, different layout */
} VpcDiffChange;

/* One element's cost on both sides; an element absent from a side costs 0. */
typedef struct
{
  char  *element;
  gint64 old_micros;
  gint64 new_micros;
} VpcDiffCostItem;

typedef struct
{
  VpcProfile     profile;
  /* Element ids: added, changed and moved in NEW's order, removed in OLD's
   * (each side's order is its six lists in file order). */
  GPtrArray     *added;
  GPtrArray     *removed;
  GPtrArray     *changed;
  GPtrArray     *moved;
  /* VpcFinding: NEW's findings OLD does not have, and the reverse, in
   * check's order. A finding is its rule and its elements list; repeats
   * count (two equal findings on one side match two on the other). */
  GPtrArray     *introduced;
  GPtrArray     *resolved;
  /* Both sides priced in one region. */
  VpcCostReport *old_cost;
  VpcCostReport *new_cost;
  /* VpcDiffCostItem of every element whose monthly cost differs:
   * endpoints (NEW's order, then OLD's removed ones), then NAT gateways
   * the same way; empty when the region is not priced. */
  GPtrArray     *cost_items;
  GHashTable    *changes; /* id → VpcDiffChange of every element not the same */
} VpcDiff;

/* Compares @old_design with @new_design, judged by @profile and priced in
 * @region (NULL: NEW's region). Layouts are compared as the designs hold
 * them: an element without a layout on both sides has not moved. */
VpcDiff      *vpc_diff_compute (VpcDesign  *old_design,
                                VpcDesign  *new_design,
                                VpcProfile  profile,
                                const char *region);
void          vpc_diff_free (VpcDiff *diff);

/* TRUE when NEW has an error-severity finding OLD does not. */
gboolean      vpc_diff_introduces_error (VpcDiff *diff);

/* The file keys whose values differ between two versions of one element
 * ("kind" when it moved between lists, "name", "subnets", …), in the
 * file's key order, layout aside; empty when the content is the same.
 * Defaults count as written: a missing name equals the id. */
GPtrArray    *vpc_diff_changed_keys (const VpcElement *old_element,
                                     const VpcElement *new_element);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (VpcDiff, vpc_diff_free)

G_END_DECLS
