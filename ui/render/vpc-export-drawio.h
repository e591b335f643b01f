/* SPDX-License-Identifier: GPL-3.0-or-later */
/* vpc-export-drawio.h: an editable diagrams.net file of a design (no GTK). */
#pragma once

#include "vpc-design.h"

G_BEGIN_DECLS

/* The .drawio XML of @design (laid out): one page titled @title. */
char       *vpc_export_drawio (VpcDesign  *design,
                               const char *title);
/* The cell @e is nested in: an element id, or the VPC's or the page's
 * own cell (ids starting with "vpcd:"). */
const char *vpc_export_drawio_parent (VpcDesign        *design,
                                      const VpcElement *e);

G_END_DECLS
