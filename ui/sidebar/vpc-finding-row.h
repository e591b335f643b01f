/* SPDX-License-Identifier: GPL-3.0-or-later */
/* vpc-finding-row.h: one finding in the findings panel. */
#pragma once

#include <gtk/gtk.h>

#include "vpc-design.h"
#include "vpc-finding.h"

G_BEGIN_DECLS

#define VPC_TYPE_FINDING_ROW (vpc_finding_row_get_type ())
G_DECLARE_FINAL_TYPE (VpcFindingRow, vpc_finding_row, VPC, FINDING_ROW, GtkListBoxRow)

/* Shows @finding; element names come from @design, and the row's quick-fix
 * button (action "finding.apply-fix") edits @design as one undoable step. */
GtkWidget  *vpc_finding_row_new (VpcFinding *finding,
                                 VpcDesign  *design);
VpcFinding *vpc_finding_row_get_finding (VpcFindingRow *self);
gboolean    vpc_finding_row_get_expanded (VpcFindingRow *self);
void        vpc_finding_row_set_expanded (VpcFindingRow *self,
                                          gboolean       expanded);
/* The quick-fix button's label ("Add endpoints  +$14.60/month"), or NULL
 * when the finding has no quick fix. */
const char *vpc_finding_row_get_quick_fix_label (VpcFindingRow *self);
/* The severity in words where a sentence names it ("error"), translated;
 * vpc_severity_to_string() gives the file token, which stays English. */
const char *vpc_finding_row_severity_word (VpcSeverity severity);

G_END_DECLS
