/* vpc-layout.h: natural sizes and the automatic layout (FORMAT.md §1). */
#pragma once

#include "vpc-design.h"

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

G_END_DECLS
