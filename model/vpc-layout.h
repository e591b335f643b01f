/* SPDX-License-Identifier: GPL-3.0-or-later */
/* vpc-layout.h: natural sizes and the automatic layout (format.md §1). */
#pragma once

#include "vpc-design.h"
#include "vpc-geometry.h"
#include "vpc-invariants.h" /* VPC_LAYOUT_LIMIT: the one home of the layout limits */

G_BEGIN_DECLS


/* Box sizes in canvas units; icon kinds report their icon cell. */
void vpc_layout_natural_size (VpcKind kind,
                              double *w,
                              double *h);

/* Places every element that has no layout, and the VPC if it has none.
 * A design with no layout at all gets Tidy's layout (vpc_layout_tidy(), at
 * text size 1.0). Otherwise the laid-out elements stay and the others are
 * added: AZs as columns inside the VPC, subnets stacked in their AZ, NAT
 * gateways and workloads inside their (first) subnet, endpoints and security
 * groups in rows below the AZs, workloads outside the VPC below it. Deterministic;
 * one undoable step (callers that load a file clear the history after). */
void vpc_layout_auto (VpcDesign *design);

/* Tidy (issue 10): lays out the whole design, or with @ids (NULL-terminated,
 * NULL or empty for all) the selected elements and what they contain, as
 * one undoable step labelled "Tidy": AZ columns with their subnets in bands
 * that line up across AZs, interface endpoints in a column in the gutter
 * between AZs level with the subnets they serve (so that their links run
 * straight and never cross), workloads and NAT gateways inside their subnet
 * away from the endpoints, security groups and the remaining endpoints in
 * rows under the AZs. A selection is tidied where it stands: each selected
 * element takes its place in Tidy's layout shifted by how far its nearest
 * unselected container lies from that container's own place there (the
 * VPC keeps its origin), then containers grow to hold it
 * (vpc_layout_contain). Containers are sized to their content; icons and
 * their labels (at @text_scale, 1.0–2.0) do not overlap; many AZs or
 * subnets wrap to stay near a page's aspect ratio. Deterministic and
 * idempotent; keeps the VPC's origin. FALSE when the guard refused it. */
gboolean vpc_layout_tidy (VpcDesign         *design,
                          const char *const *ids,
                          double             text_scale);

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
/* The id of the element @e is drawn inside: a subnet's AZ, a NAT gateway's
 * subnet, a VPC-mode workload's first subnet; NULL for the others (inside
 * the VPC box, or anywhere for a workload outside the VPC). */
const char *vpc_layout_container_of (const VpcElement *e);
/* TRUE when vpc_layout_contain() would change nothing (no side effects). */
gboolean vpc_layout_is_contained (VpcDesign *design);

G_END_DECLS
