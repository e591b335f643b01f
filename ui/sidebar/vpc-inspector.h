/* SPDX-License-Identifier: GPL-3.0-or-later */
/* vpc-inspector.h: every property of the selected element, editable. */
#pragma once

#include <gtk/gtk.h>

#include "vpc-design.h"

G_BEGIN_DECLS

#define VPC_TYPE_INSPECTOR (vpc_inspector_get_type ())
G_DECLARE_FINAL_TYPE (VpcInspector, vpc_inspector, VPC, INSPECTOR, GtkWidget)

GtkWidget  *vpc_inspector_new (void);
/* Edits the element @id of @design, or the design and its VPC when @id is
 * NULL (or names no element). Each committed edit is one undoable step; the
 * inspector follows the design's signals, so undo shows up here. */
void        vpc_inspector_set_selection (VpcInspector *self,
                                         VpcDesign    *design,
                                         const char   *id);
/* Edits the elements @ids (NULL-terminated; ids that name no element are
 * left out): one shows all its properties, several show what they have in
 * common, and an edit of a common property changes all of them as one
 * undoable step. None edits the design. */
void        vpc_inspector_set_selection_ids (VpcInspector      *self,
                                             VpcDesign         *design,
                                             const char *const *ids);
/* The first selected element, or NULL. */
const char *vpc_inspector_get_selection (VpcInspector *self);
/* The selected elements (NULL-terminated), or NULL when none. */
const char *const *vpc_inspector_get_selection_ids (VpcInspector *self);
/* Moves keyboard focus to a field of the selection's form: "name", or
 * "placement" (a subnet's AZ, a NAT gateway's subnet, a workload's or
 * endpoint's subnets). FALSE when the form has no such field. */
gboolean    vpc_inspector_focus_field (VpcInspector *self,
                                       const char   *field);

G_END_DECLS
