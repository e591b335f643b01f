/* SPDX-License-Identifier: GPL-3.0-or-later */
/* vpc-geometry.h: the diagram's measurements, in world units (1 unit = 1
 * pixel at 100 %), and where icons go inside a container.
 *
 * The automatic layout, Tidy, drops from the palette, hit testing and the
 * renderer all read these, so a box drawn in one place is hit and filled in
 * the same place everywhere.
 */
#pragma once

#include "vpc-element.h"

G_BEGIN_DECLS

#define VPC_GEOMETRY_PAD         24.0  /* inside a box, around its content */
#define VPC_GEOMETRY_AZ_GAP      32.0  /* between two AZ boxes */
#define VPC_GEOMETRY_AZ_HEADER   44.0  /* an AZ's name */
#define VPC_GEOMETRY_VPC_HEADER  56.0  /* the VPC's name and CIDR */
#define VPC_GEOMETRY_SUBNET_TOP  56.0  /* a subnet's name and CIDR */
#define VPC_GEOMETRY_SUBNET_GAP  20.0  /* between two subnets of an AZ */
#define VPC_GEOMETRY_ENI_STRIP   28.0  /* network-interface markers along a subnet's bottom */
#define VPC_GEOMETRY_ICON        72.0  /* an icon's box */
#define VPC_GEOMETRY_ICON_CELL   112.0 /* an icon's column: the icon and its label */
#define VPC_GEOMETRY_SUBNET_ROW  84.0  /* an icon's row inside a subnet */
#define VPC_GEOMETRY_FREE_ROW    104.0 /* an icon's row outside the subnets, with a longer label */
#define VPC_GEOMETRY_LABEL_H 20.0 /* what hit testing counts as an icon's label under its box */

/* How an icon element (security group, endpoint, NAT gateway, workload) is
 * drawn in its layout box, shared by the renderer and the layout engine: a
 * square tile of VPC_GEOMETRY_TILE at the top centre, then its label (the
 * name on at most VPC_GEOMETRY_LABEL_LINES wrapped lines, then one line of
 * kind or service) starting VPC_GEOMETRY_LABEL_GAP below the tile, centred,
 * VPC_GEOMETRY_LABEL_SPILL wider than the box on each side. At text size 1.0
 * everything drawn for the element lies within VPC_GEOMETRY_ICON_EXTENT_H of
 * the box's top; the label heights grow with the text size. */
#define VPC_GEOMETRY_TILE          44.0
#define VPC_GEOMETRY_LABEL_GAP     5.0
#define VPC_GEOMETRY_LABEL_SPILL   24.0
#define VPC_GEOMETRY_LABEL_LINES   2
#define VPC_GEOMETRY_NAME_LINE_H   14.0 /* one line of the name at text size 1.0 */
#define VPC_GEOMETRY_KIND_LINE_H   13.0 /* the kind/service line (11 px text) */
#define VPC_GEOMETRY_ICON_EXTENT_H (VPC_GEOMETRY_TILE + VPC_GEOMETRY_LABEL_GAP + \
                                  VPC_GEOMETRY_LABEL_LINES * VPC_GEOMETRY_NAME_LINE_H + \
                                  VPC_GEOMETRY_KIND_LINE_H)

/* Selections up to this size show resize handles (and only then are the
 * handles hit): past it, drawing and hit-testing them would cost more than
 * they help. */
#define VPC_GEOMETRY_MAX_HANDLES 64

/* How many icon slots a subnet of @subnet's size holds: at least one (a
 * small subnet grows around its icon). */
guint vpc_geometry_subnet_capacity (const VpcRect *subnet);
/* The icon box of slot @slot in @subnet: row by row from the top left,
 * under the subnet's name. @slot may be past the capacity (the box then
 * lies below the subnet). */
void  vpc_geometry_subnet_slot (const VpcRect *subnet,
                                guint          slot,
                                VpcRect       *icon);
/* The icon box of cell @cell of a row of icons that starts at (@left,
 * @top) and wraps at @width (the icon centred in its column). */
void  vpc_geometry_row_slot (double   left,
                             double   top,
                             double   width,
                             guint64  cell,
                             VpcRect *icon);

G_END_DECLS
