/* SPDX-License-Identifier: GPL-3.0-or-later */
/* vpc-outline.h: the design as a tree of rows, for the keyboard and for
 * screen readers (the canvas is one picture to them). */
#pragma once

#include <gtk/gtk.h>

#include "vpc-design.h"
#include "vpc-validator.h"

G_BEGIN_DECLS

#define VPC_TYPE_OUTLINE (vpc_outline_get_type ())
G_DECLARE_FINAL_TYPE (VpcOutline, vpc_outline, VPC, OUTLINE, GtkWidget)

/* Selecting rows activates "win.select-elements" with their ids; the row
 * menu (right click, Menu, Shift+F10) activates "win.canvas-action" with a
 * canvas action's name ("canvas.delete", "canvas.connect"),
 * "sidebar.edit-field" ("name" or "placement") and "sidebar.go-to-page". */
GtkWidget  *vpc_outline_new (void);
void        vpc_outline_set_design (VpcOutline   *self,
                                    VpcDesign    *design,
                                    VpcValidator *validator);
/* Selects the rows of the elements @ids (NULL: none) without activating
 * anything, and scrolls the first into view. */
void        vpc_outline_set_selection (VpcOutline        *self,
                                       const char *const *ids);
/* The number of rows, every row expanded (for tests). */
guint       vpc_outline_get_n_rows (VpcOutline *self);
/* The rows (GtkTreeListRow of VpcOutlineNode, vpc-outline-model.h) and
 * their selection: what a user selects. */
GtkSelectionModel *vpc_outline_get_model (VpcOutline *self);

G_END_DECLS
