/* SPDX-License-Identifier: GPL-3.0-or-later */
/* vpc-window.h: the editor window: one design, its canvas, palette and
 * sidebar. */
#pragma once

#include <adwaita.h>

#include "vpc-application.h"
#include "vpc-design.h"
#include "vpc-sidebar.h"

G_BEGIN_DECLS

#define VPC_TYPE_WINDOW (vpc_window_get_type ())
G_DECLARE_FINAL_TYPE (VpcWindow, vpc_window, VPC, WINDOW, AdwApplicationWindow)

VpcWindow *vpc_window_new (VpcApplication *app);
/* Before a new window is presented to open a file: shows the editor's
 * page, so that the start page (back if the file cannot be opened) is
 * not laid out for nothing. */
void       vpc_window_expect_file (VpcWindow *self);
/* Loads @file; on failure shows the message and keeps the current design. */
void       vpc_window_open_file (VpcWindow *self,
                                 GFile     *file);
/* Shows @design (taken over, may be NULL for the start page). */
void       vpc_window_set_design (VpcWindow *self,
                                  VpcDesign *design,
                                  GFile     *file);
VpcDesign *vpc_window_get_design (VpcWindow *self);
GFile     *vpc_window_get_file (VpcWindow *self);
/* TRUE when the window shows a design with unsaved changes. */
gboolean   vpc_window_get_modified (VpcWindow *self);
GtkWidget *vpc_window_get_canvas (VpcWindow *self);
VpcSidebar *vpc_window_get_sidebar (VpcWindow *self);
/* Shows a design recovered after a crash (taken over; it stays modified),
 * remembering @original_path (may be NULL) as its file, and writes this
 * window's own recovery copy at once. */
void       vpc_window_open_recovered (VpcWindow  *self,
                                      VpcDesign  *design,
                                      const char *original_path);
/* Property "focus-view" (action win.focus-view, F9): the palette and the
 * sidebar hidden, the canvas taking the window. */
gboolean   vpc_window_get_focus_view (VpcWindow *self);
void       vpc_window_set_focus_view (VpcWindow *self,
                                      gboolean   focus_view);
/* Presentation mode (win.presentation, F5): full screen, the design
 * revealed step by step (the lesson's steps, or a default order). */
gboolean   vpc_window_get_presenting (VpcWindow *self);
void       vpc_window_set_presenting (VpcWindow *self,
                                      gboolean   presenting);
/* The step shown (0-based) and, in @n_steps (may be NULL), how many. */
guint      vpc_window_get_presentation_step (VpcWindow *self,
                                             guint     *n_steps);
/* Moves @delta steps; FALSE past either end or outside the mode. */
gboolean   vpc_window_presentation_go (VpcWindow *self,
                                       int        delta);
/* A new, empty design: one VPC, 10.0.0.0/16, in us-east-1. */
VpcDesign *vpc_window_new_design (void);

G_END_DECLS
