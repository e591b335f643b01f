/* SPDX-License-Identifier: GPL-3.0-or-later */
/* vpc-quick-fix.h: one-step repairs for findings (domain.md §3).
 *
 * A quick fix edits the design that produced the finding so that the finding
 * goes away, as ONE undoable step. Before it is applied it can describe
 * itself with its monthly cost change, computed by applying it to a
 * duplicate of the design and pricing both:
 *
 *   "Add ecr.api and ecr.dkr endpoints in subnets sn-a, sn-b: +$29.20/month"
 *
 * Fixes exist for VPC101–107, 110, 111, 113, 115, 201, 202, 301, 401–405
 * and 502. Workload needs are judged in the design's own profile.
 */
#pragma once

#include "vpc-design.h"
#include "vpc-finding.h"

G_BEGIN_DECLS

/* TRUE when @finding has a quick fix that applies to @design. */
gboolean vpc_quick_fix_available (VpcFinding *finding,
                                  VpcDesign  *design);
/* What the fix does and its monthly cost change ("+$0.00/month" when free;
 * "cost unknown" when the region is not priced), or NULL if unavailable. */
char    *vpc_quick_fix_describe (VpcFinding *finding,
                                 VpcDesign  *design);
/* Applies the fix as one undoable step; FALSE (and no change) if it is not
 * available. */
gboolean vpc_quick_fix_apply (VpcFinding *finding,
                              VpcDesign  *design);

G_END_DECLS
