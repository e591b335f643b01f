/* SPDX-License-Identifier: GPL-3.0-or-later */
/* vpc-viewport.h: the canvas's view state (zoom and offset), GTK-free.
 *
 * World coordinates are canvas units (format.md: 1 unit = 1 pixel at 100 %).
 * Widget coordinates are pixels from the canvas's top-left corner:
 *
 *   widget = world * zoom + offset
 *
 * The zoom is clamped to [VPC_VIEWPORT_MIN_ZOOM, VPC_VIEWPORT_MAX_ZOOM].
 * Views connect to "notify" and redraw (libshumate's ShumateViewport idea).
 */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

#define VPC_VIEWPORT_MIN_ZOOM 0.02
#define VPC_VIEWPORT_MAX_ZOOM 8.0

#define VPC_TYPE_VIEWPORT (vpc_viewport_get_type ())
G_DECLARE_FINAL_TYPE (VpcViewport, vpc_viewport, VPC, VIEWPORT, GObject)

VpcViewport *vpc_viewport_new (void);

double       vpc_viewport_get_zoom (VpcViewport *self);
/* Sets the zoom (clamped), keeping the world point at widget (0, 0) fixed. */
void         vpc_viewport_set_zoom (VpcViewport *self,
                                    double       zoom);
double       vpc_viewport_get_offset_x (VpcViewport *self);
double       vpc_viewport_get_offset_y (VpcViewport *self);
void         vpc_viewport_set_offset (VpcViewport *self,
                                      double       offset_x,
                                      double       offset_y);
/* Sets zoom and offset at once (one notify per changed property). */
void         vpc_viewport_set_view (VpcViewport *self,
                                    double       zoom,
                                    double       offset_x,
                                    double       offset_y);

void         vpc_viewport_widget_to_world (VpcViewport *self,
                                           double       wx,
                                           double       wy,
                                           double      *x,
                                           double      *y);
void         vpc_viewport_world_to_widget (VpcViewport *self,
                                           double       x,
                                           double       y,
                                           double      *wx,
                                           double      *wy);
/* The world rectangle seen through a widget of @width × @height pixels. */
void         vpc_viewport_get_visible (VpcViewport *self,
                                       double       width,
                                       double       height,
                                       double      *x,
                                       double      *y,
                                       double      *w,
                                       double      *h);

/* Moves the view by a widget-space delta (drag-to-pan, scroll). */
void         vpc_viewport_pan (VpcViewport *self,
                               double       dx,
                               double       dy);
/* Multiplies the zoom by @factor (clamped) keeping the world point under
 * widget point (@wx, @wy) where it is. */
void         vpc_viewport_zoom_about (VpcViewport *self,
                                      double       factor,
                                      double       wx,
                                      double       wy);
/* Fits the world rectangle into a widget of @width × @height with @margin
 * pixels on each side, centred. The zoom never goes above 100 % (a small
 * design is shown at its natural size) and stays clamped. Empty bounds or
 * an empty widget leave the view unchanged. */
void         vpc_viewport_fit (VpcViewport *self,
                               double       x,
                               double       y,
                               double       w,
                               double       h,
                               double       width,
                               double       height,
                               double       margin);

G_END_DECLS
