/* SPDX-License-Identifier: GPL-3.0-or-later */
/* vpc-sidebar.h: the panels beside the canvas: Findings, Cost, Inspector. */
#pragma once

#include <gtk/gtk.h>

#include "vpc-cost-panel.h"
#include "vpc-findings-panel.h"
#include "vpc-inspector.h"
#include "vpc-outline.h"
#include "vpc-validator.h"

G_BEGIN_DECLS

#define VPC_TYPE_SIDEBAR (vpc_sidebar_get_type ())
G_DECLARE_FINAL_TYPE (VpcSidebar, vpc_sidebar, VPC, SIDEBAR, GtkWidget)

/* Its panels reach the window through actions ("win.select-elements") and
 * the toast overlay above them (vpc-toast.h).
 * Property "page": the visible page, "findings", "cost", "inspector" or
 * "outline". */
GtkWidget        *vpc_sidebar_new (void);
/* Shows @design (NULL: nothing) and @validator, a validator of @design. */
void              vpc_sidebar_set_design (VpcSidebar   *self,
                                          VpcDesign    *design,
                                          VpcValidator *validator);
/* The canvas selection: the inspector edits the elements @ids (several at
 * once when there are several), or the design and its VPC when @ids is
 * NULL or empty; the outline selects their rows. */
void              vpc_sidebar_set_selection (VpcSidebar        *self,
                                             const char *const *ids);
const char       *vpc_sidebar_get_page (VpcSidebar *self);
void              vpc_sidebar_set_page (VpcSidebar *self,
                                        const char *page);

VpcFindingsPanel *vpc_sidebar_get_findings_panel (VpcSidebar *self);
VpcCostPanel     *vpc_sidebar_get_cost_panel (VpcSidebar *self);
VpcInspector     *vpc_sidebar_get_inspector (VpcSidebar *self);
VpcOutline       *vpc_sidebar_get_outline (VpcSidebar *self);

G_END_DECLS
