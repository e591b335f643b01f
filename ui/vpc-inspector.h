/* vpc-inspector.h: every property of the selected element, editable. */
#pragma once

#include <gtk/gtk.h>

#include "vpc-design.h"

G_BEGIN_DECLS

#define VPC_TYPE_INSPECTOR (vpc_inspector_get_type ())
G_DECLARE_FINAL_TYPE (VpcInspector, vpc_inspector, VPC, INSPECTOR, GtkWidget)

/* Signals:
 *   "add-toast" (AdwToast *): a message for the window's toast overlay. */
GtkWidget  *vpc_inspector_new (void);
/* Edits the element @id of @design, or the design and its VPC when @id is
 * NULL (or names no element). Each committed edit is one undoable step; the
 * inspector follows the design's signals, so undo shows up here. */
void        vpc_inspector_set_selection (VpcInspector *self,
                                         VpcDesign    *design,
                                         const char   *id);
const char *vpc_inspector_get_selection (VpcInspector *self);

G_END_DECLS
