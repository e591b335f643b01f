/* SPDX-License-Identifier: GPL-3.0-or-later */
/* vpc-layout-private.h: the geometry that the automatic layout
 * (vpc-layout.c) and the containment rule (vpc-layout-contain.c) share. */
#pragma once

#include "vpc-geometry.h"
#include "vpc-layout.h"

G_BEGIN_DECLS

/* A coordinate or a size as the format allows it (format.md §3): NaN → 0,
 * coordinates in [-VPC_LAYOUT_LIMIT, VPC_LAYOUT_LIMIT], sizes in
 * (0, VPC_LAYOUT_LIMIT] (a size that is not above 0 becomes @fallback). */
double vpc_layout_clamp_coord (double v);
double vpc_layout_clamp_size (double v,
                              double fallback);

/* Rectangles by kind and index in the design's lists (arrays, not a table
 * keyed by id: laying out 100,000 elements looks each up once). */
typedef struct
{
  VpcRect  *rects[VPC_N_KINDS];
  gboolean *has[VPC_N_KINDS]; /* rects[k][i] was set */
  VpcRect   vpc;
} VpcLayoutPlaced;

VpcLayoutPlaced *vpc_layout_placed_new (VpcDesign *design);
void             vpc_layout_placed_free (VpcLayoutPlaced *placed);
/* The rectangle of the @index-th element of @kind, or NULL (also for -1). */
const VpcRect   *vpc_layout_placed_get (const VpcLayoutPlaced *placed,
                                        VpcKind                kind,
                                        int                    index);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (VpcLayoutPlaced, vpc_layout_placed_free)

/* Tidy's layout of every element of @design (vpc-layout-tidy.c), and the
 * VPC's box in *@vpc. Nothing is changed. */
VpcLayoutPlaced *vpc_layout_tidy_compute (VpcDesign *design,
                                          double     text_scale,
                                          VpcRect   *vpc);
/* Records the rectangles of @placed that differ (only for elements without
 * a layout when @only_missing; only for @ids and what they contain when
 * @ids is not NULL) and the VPC's box, through the design's edit API. */
void             vpc_layout_apply (VpcDesign             *design,
                                   const VpcLayoutPlaced *placed,
                                   const VpcRect         *vpc,
                                   GHashTable            *ids,
                                   gboolean               only_missing);

G_END_DECLS
