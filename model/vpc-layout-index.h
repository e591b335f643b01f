/* SPDX-License-Identifier: GPL-3.0-or-later */
/* vpc-layout-index.h: where the automatic layout has put icons, so that new
 * ones go elsewhere: a set of occupied grid cells whose cost stays bounded
 * whatever the layout values (up to the format's 1e7 limits).
 *
 * A rectangle marks the cells it touches on a grid of @cell units, as long
 * as that is at most 8 cells along each axis; along an axis where it is
 * longer, it marks cells of a coarser grid (cell × 2, × 4, …) instead, so no
 * rectangle marks more than 64 cells. Coarse cells block a little more than
 * the rectangle itself, never less. A free-test probes only the grids in use.
 *
 * The work is bounded too: after VPC_LAYOUT_INDEX_BUDGET cell probes the index
 * stops refusing places (every rectangle is then "free"), so a search for a
 * free place always ends, at worst with an overlap. */
#pragma once

#include "vpc-element.h"

G_BEGIN_DECLS

/* About half a second; laying out 100,000 elements takes some 630,000. */
#define VPC_LAYOUT_INDEX_BUDGET 4000000

typedef struct _VpcLayoutIndex VpcLayoutIndex;

VpcLayoutIndex *vpc_layout_index_new (double cell);
void            vpc_layout_index_free (VpcLayoutIndex *index);
void            vpc_layout_index_add (VpcLayoutIndex *index,
                                      const VpcRect  *rect);
/* TRUE when no rectangle added so far shares a cell with @rect. */
gboolean        vpc_layout_index_is_free (VpcLayoutIndex *index,
                                          const VpcRect  *rect);
/* Cells marked so far (for tests). */
gsize           vpc_layout_index_get_n_cells (VpcLayoutIndex *index);

/* A GHashFunc for 64-bit cell keys (pointers to gint64) that every key bit
 * reaches: g_int64_hash() XORs the halves, so cells (x, y) with equal
 * x ^ y all collide. */
guint           vpc_cell_key_hash (gconstpointer key);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (VpcLayoutIndex, vpc_layout_index_free)

G_END_DECLS
