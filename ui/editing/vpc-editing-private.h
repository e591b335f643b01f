/* SPDX-License-Identifier: GPL-3.0-or-later */
/* vpc-editing-private.h: shared between vpc-editing.c and vpc-gesture.c. */
#pragma once

#include "vpc-editing.h"

G_BEGIN_DECLS

/* Gives @id (an element or the VPC key) the rectangle @rect, as one edit. */
void _vpc_tools_place_at (VpcDesign     *design,
                          const char    *id,
                          const VpcRect *rect);

G_END_DECLS
