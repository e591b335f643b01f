/* SPDX-License-Identifier: GPL-3.0-or-later */
/* vpc-cost-panel.h: the design's monthly cost, its breakdown and pricing. */
#pragma once

#include <gtk/gtk.h>

#include "vpc-design.h"

G_BEGIN_DECLS

#define VPC_TYPE_COST_PANEL (vpc_cost_panel_get_type ())
G_DECLARE_FINAL_TYPE (VpcCostPanel, vpc_cost_panel, VPC, COST_PANEL, GtkWidget)

/* The CSV export's result shows in the toast overlay the panel sits in. */
GtkWidget  *vpc_cost_panel_new (void);
void        vpc_cost_panel_set_design (VpcCostPanel *self,
                                       VpcDesign    *design);
VpcDesign  *vpc_cost_panel_get_design (VpcCostPanel *self);
/* The breakdown as CSV: one row per item, then a total row. NULL when the
 * design's region has no prices. */
char       *vpc_cost_panel_build_csv (VpcDesign *design);
/* Writes the CSV to @path with vpc_safe_save(). */
gboolean    vpc_cost_panel_export_csv (VpcCostPanel *self,
                                       const char   *path,
                                       GError      **error);

G_END_DECLS
