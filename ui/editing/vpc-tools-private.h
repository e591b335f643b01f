/* SPDX-License-Identifier: GPL-3.0-or-later */
/* vpc-tools-private.h: shared between vpc-tools.c and vpc-tool.c. */
#pragma once

#include "vpc-tools.h"

G_BEGIN_DECLS

/* Gives @id (an element or the VPC key) the rectangle @rect, as one edit. */
void _vpc_tools_place_at (VpcDesign     *design,
                          const char    *id,
                          const VpcRect *rect);

G_END_DECLS
