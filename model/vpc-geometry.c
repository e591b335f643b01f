/* SPDX-License-Identifier: GPL-3.0-or-later */
/* vpc-geometry.c: see vpc-geometry.h. */
#include "vpc-geometry.h"

#include <math.h>

/* How many steps of @step fit in @length: at least one, so a small box
 * still takes an icon (it grows around it), and at most 65,535. */
static guint
columns (double length,
         double step)
{
  double n = floor (length / step);

  return n >= 1 ? (guint) MIN (n, 65535) : 1;
}

guint
vpc_geometry_subnet_capacity (const VpcRect *subnet)
{
  return columns (subnet->w - VPC_GEOMETRY_PAD, VPC_GEOMETRY_ICON_CELL) *
         columns (subnet->h - VPC_GEOMETRY_SUBNET_TOP - VPC_GEOMETRY_ENI_STRIP,
                  VPC_GEOMETRY_SUBNET_ROW);
}

void
vpc_geometry_subnet_slot (const VpcRect *subnet,
                          guint          slot,
                          VpcRect       *icon)
{
  guint per_row = columns (subnet->w - VPC_GEOMETRY_PAD, VPC_GEOMETRY_ICON_CELL);

  *icon
      = (VpcRect){ subnet->x + VPC_GEOMETRY_PAD + (slot % per_row) * VPC_GEOMETRY_ICON_CELL,
                   subnet->y + VPC_GEOMETRY_SUBNET_TOP + (slot / per_row) * VPC_GEOMETRY_SUBNET_ROW,
                   VPC_GEOMETRY_ICON, VPC_GEOMETRY_ICON };
}

void
vpc_geometry_row_slot (double   left,
                       double   top,
                       double   width,
                       guint64  cell,
                       VpcRect *icon)
{
  guint per_row = columns (width, VPC_GEOMETRY_ICON_CELL);

  *icon = (VpcRect) { left + (cell % per_row) * VPC_GEOMETRY_ICON_CELL +
                        (VPC_GEOMETRY_ICON_CELL - VPC_GEOMETRY_ICON) / 2,
                      top + (cell / per_row) * VPC_GEOMETRY_FREE_ROW,
                      VPC_GEOMETRY_ICON, VPC_GEOMETRY_ICON };
}
