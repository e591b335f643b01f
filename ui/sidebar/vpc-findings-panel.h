/* SPDX-License-Identifier: GPL-3.0-or-later */
/* vpc-findings-panel.h: the live list of findings, grouped by severity. */
#pragma once

#include <gtk/gtk.h>

#include "vpc-validator.h"

G_BEGIN_DECLS

#define VPC_TYPE_FINDINGS_PANEL (vpc_findings_panel_get_type ())
G_DECLARE_FINAL_TYPE (VpcFindingsPanel, vpc_findings_panel, VPC, FINDINGS_PANEL, GtkWidget)

/* Activating a finding activates "win.select-elements" (as: its elements,
 * the primary one first): the window selects and centres them. */
GtkWidget    *vpc_findings_panel_new (void);
/* Shows @validator's findings (NULL for none); its design is edited by the
 * profile switch and by quick fixes. */
void          vpc_findings_panel_set_validator (VpcFindingsPanel *self,
                                                VpcValidator     *validator);
VpcValidator *vpc_findings_panel_get_validator (VpcFindingsPanel *self);

G_END_DECLS
