/* SPDX-License-Identifier: GPL-3.0-or-later */
/* vpc-test-hooks.h: what tests that drive the real app (xdotool, AT-SPI)
 * may fix through the environment: the window's size, the canvas's view,
 * and where the canvas lies in its window.
 *
 * Only development builds have them (meson's buildtype debug or
 * debugoptimized defines VPC_TEST_HOOKS, as tools/test builds); a release
 * build reads no test variable and these do nothing.
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* $VPC_TEST_WINDOW_SIZE ("1280x800"): TRUE with the size, else FALSE. */
gboolean vpc_test_hooks_window_size (int *width,
                                     int *height);
/* $VPC_TEST_VIEW ("zoom,offset_x,offset_y"): TRUE with the view. */
gboolean vpc_test_hooks_view (double *zoom,
                              double *offset_x,
                              double *offset_y);
/* Writes where @widget's origin lies in its window's surface ("X Y\n") to
 * $VPC_TEST_GEOMETRY_FILE, when set. */
void     vpc_test_hooks_write_origin (GtkWidget *widget);

G_END_DECLS
