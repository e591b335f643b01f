/* vpc-layout.h: natural sizes and the automatic layout (FORMAT.md §1). */
#pragma once

#include "vpc-design.h"
#include "vpc-invariants.h" /* VPC_LAYOUT_LIMIT: the one home of the layout limits */

G_BEGIN_DECLS

/* Box sizes in canvas units; icon kinds report their icon cell. */
void vpc_layout_natural_size (VpcKind kind,
                              double *w,
                              double *h);

/* Places every element that has no layout, and the VPC if it has none:
 * AZs as columns inside the VPC, subnets stacked in their AZ, NAT gateways
 * and workloads inside their (first) subnet, endpoints and security groups
 * in rows below the AZs, workloads outside the VPC below it. Deterministic;
 * one undoable step (callers that load a file clear the history after). */
void vpc_layout_auto (VpcDesign *design);

/* Makes the layout agree with containment, recording the changes through
 * the design's edit API (into the open transaction, or as one step): every
 * subnet's box lies inside its AZ's box, every AZ inside the VPC box, and a
 * NAT gateway or VPC-mode workload whose centre is in its (first) subnet
 * lies wholly inside it. A container grows to hold a child while it stays
 * within VPC_LAYOUT_LIMIT; otherwise the child moves to the nearest place
 * inside (shrinking when it is bigger), carrying its own content along.
 * Deterministic, and idempotent: a second call changes nothing. Every
 * value it writes is one the loader accepts. vpc_layout_auto() ends with it. */
void     vpc_layout_contain (VpcDesign *design);
/* TRUE when vpc_layout_contain() would change nothing (no side effects). */
gboolean vpc_layout_is_contained (VpcDesign *design);

G_END_DECLS
