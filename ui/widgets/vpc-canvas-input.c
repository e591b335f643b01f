/* SPDX-License-Identifier: GPL-3.0-or-later */
/* vpc-canvas-input.c: event controllers. Handlers stay thin: they translate
 * to world coordinates and call the tools (vpc-editing.h) or the viewport. */
#include "vpc-canvas-private.h"

#include <math.h>


#define WHEEL_PAN_STEP 48.0 /* pixels per wheel notch */
#define WHEEL_ZOOM     1.15 /* factor per wheel notch */

VpcModifiers
_vpc_canvas_modifiers (GdkModifierType state)
{
  VpcModifiers mods = 0;

  if (state & GDK_SHIFT_MASK)
    mods |= VPC_MODIFIER_SHIFT;
  if (state & GDK_CONTROL_MASK)
    mods |= VPC_MODIFIER_CONTROL;
  if (state & GDK_ALT_MASK)
    mods |= VPC_MODIFIER_ALT;
  return mods;
}

static VpcModifiers
gesture_modifiers (GtkGesture *gesture)
{
  return _vpc_canvas_modifiers (
      gtk_event_controller_get_current_event_state (GTK_EVENT_CONTROLLER (gesture)));
}

static const char *
cursor_for_hit (const VpcHit *hit)
{
  static const char *const resize[] = {
    "nw-resize", "n-resize", "ne-resize", "e-resize",
    "se-resize", "s-resize", "sw-resize", "w-resize",
  };

  switch (hit->type)
    {
    case VPC_HIT_HANDLE:
      return resize[hit->handle];
    case VPC_HIT_ELEMENT:
    case VPC_HIT_VPC:
      return "grab";
    case VPC_HIT_CONNECTION:
      return "pointer";
    case VPC_HIT_NONE:
    default:
      return NULL;
    }
}

static void
update_hover (VpcCanvas *self)
{
  VpcHit hit = { VPC_HIT_NONE, NULL, NULL, 0 };
  const char *cursor = NULL;
  double x, y;

  if (self->design != NULL && self->pointer_inside)
    {
      _vpc_canvas_to_world (self, self->pointer_x, self->pointer_y, &x, &y);
      hit = vpc_editing_hit_test (self->design, self->selection, x, y,
                                vpc_viewport_get_zoom (self->viewport));
    }
  _vpc_canvas_set_hover (self, hit.type == VPC_HIT_ELEMENT ? hit.id : NULL);
  if (self->panning)
    cursor = "grabbing";
  else if (self->tool != NULL && vpc_gesture_is_connect_armed (self->tool))
    cursor = "crosshair";
  else if (self->space_down)
    cursor = "grab";
  else
    cursor = cursor_for_hit (&hit);
  gtk_widget_set_cursor_from_name (GTK_WIDGET (self), cursor);
}

/* Pointer motion: hover and cursor. */

static void
motion_cb (GtkEventControllerMotion *controller,
           double                    x,
           double                    y,
           VpcCanvas                *self)
{
  self->pointer_x = x;
  self->pointer_y = y;
  self->pointer_inside = TRUE;
  if (self->pointer_highlight)
    gtk_widget_queue_draw (GTK_WIDGET (self));
  if (self->tool == NULL || vpc_gesture_get_mode (self->tool) == VPC_GESTURE_IDLE)
    update_hover (self);
}

static void
leave_cb (GtkEventControllerMotion *controller,
          VpcCanvas                *self)
{
  self->pointer_inside = FALSE;
  _vpc_canvas_set_hover (self, NULL);
}

/* Primary button: the tools, or panning with Space held. */

static void
drag_begin_cb (GtkGestureDrag *gesture,
               double          x,
               double          y,
               VpcCanvas      *self)
{
  double wx, wy;

  gtk_widget_grab_focus (GTK_WIDGET (self));
  self->drag_start_x = x;
  self->drag_start_y = y;
  if (self->space_down || self->tool == NULL)
    {
      self->panning = self->space_down;
      self->pan_last_x = x;
      self->pan_last_y = y;
      update_hover (self);
      return;
    }
  _vpc_canvas_to_world (self, x, y, &wx, &wy);
  if (_vpc_canvas_path_press (self, wx, wy))
    return;
  vpc_gesture_press (self->tool, wx, wy, gesture_modifiers (GTK_GESTURE (gesture)),
                  vpc_viewport_get_zoom (self->viewport));
  _vpc_canvas_selection_changed (self);
  if (vpc_gesture_get_mode (self->tool) == VPC_GESTURE_PRESSED)
    gtk_widget_set_cursor_from_name (GTK_WIDGET (self), "grabbing");
}

static void
pan_to (VpcCanvas *self,
        double     x,
        double     y)
{
  vpc_viewport_pan (self->viewport, x - self->pan_last_x, y - self->pan_last_y);
  self->pan_last_x = x;
  self->pan_last_y = y;
}

static void
drag_update_cb (GtkGestureDrag *gesture,
                double          dx,
                double          dy,
                VpcCanvas      *self)
{
  double x = self->drag_start_x + dx, y = self->drag_start_y + dy;
  double wx, wy;

  self->pointer_x = x;
  self->pointer_y = y;
  if (self->panning)
    {
      pan_to (self, x, y);
      return;
    }
  if (self->tool == NULL)
    return;
  _vpc_canvas_to_world (self, x, y, &wx, &wy);
  vpc_gesture_motion (self->tool, wx, wy, gesture_modifiers (GTK_GESTURE (gesture)));
  _vpc_canvas_announce_drop (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
drag_end_cb (GtkGestureDrag *gesture,
             double          dx,
             double          dy,
             VpcCanvas      *self)
{
  g_autofree char *reason = NULL;
  double wx, wy;

  if (self->panning || self->tool == NULL || vpc_gesture_get_mode (self->tool) == VPC_GESTURE_IDLE)
    {
      self->panning = FALSE;
      update_hover (self);
      return;
    }
  _vpc_canvas_to_world (self, self->drag_start_x + dx, self->drag_start_y + dy, &wx, &wy);
  if (!vpc_gesture_release (self->tool, wx, wy, gesture_modifiers (GTK_GESTURE (gesture)), &reason))
    _vpc_canvas_refused (self, reason);
  _vpc_canvas_announce_drop (self);
  _vpc_canvas_selection_changed (self);
  update_hover (self);
}

static void
drag_cancel_cb (GtkGesture       *gesture,
                GdkEventSequence *sequence,
                VpcCanvas        *self)
{
  self->panning = FALSE;
  vpc_canvas_cancel_gesture (self);
}

/* Middle button: pan. */

static void
pan_begin_cb (GtkGestureDrag *gesture,
              double          x,
              double          y,
              VpcCanvas      *self)
{
  self->panning = TRUE;
  self->pan_last_x = x;
  self->pan_last_y = y;
  update_hover (self);
}

static void
pan_update_cb (GtkGestureDrag *gesture,
               double          dx,
               double          dy,
               VpcCanvas      *self)
{
  double x, y;

  gtk_gesture_drag_get_start_point (gesture, &x, &y);
  pan_to (self, x + dx, y + dy);
}

static void
pan_end_cb (GtkGestureDrag *gesture,
            double          dx,
            double          dy,
            VpcCanvas      *self)
{
  self->panning = FALSE;
  update_hover (self);
}

/* Secondary button: the context menu. */

static void
context_pressed_cb (GtkGestureClick *gesture,
                    int              n_press,
                    double           x,
                    double           y,
                    VpcCanvas       *self)
{
  gtk_widget_grab_focus (GTK_WIDGET (self));
  _vpc_canvas_show_context_menu (self, x, y);
  gtk_gesture_set_state (GTK_GESTURE (gesture), GTK_EVENT_SEQUENCE_CLAIMED);
}

/* Scrolling: pan, or zoom about the pointer with Ctrl. */

static gboolean
scroll_cb (GtkEventControllerScroll *controller,
           double                    dx,
           double                    dy,
           VpcCanvas                *self)
{
  GdkModifierType state
      = gtk_event_controller_get_current_event_state (GTK_EVENT_CONTROLLER (controller));
  gboolean wheel = gtk_event_controller_scroll_get_unit (controller) == GDK_SCROLL_UNIT_WHEEL;
  double   cx
      = self->pointer_inside ? self->pointer_x : gtk_widget_get_width (GTK_WIDGET (self)) / 2.0;
  double cy
      = self->pointer_inside ? self->pointer_y : gtk_widget_get_height (GTK_WIDGET (self)) / 2.0;

  if (state & GDK_CONTROL_MASK)
    {
      double factor = wheel ? pow (WHEEL_ZOOM, -dy) : exp (-dy / 200.0);

      vpc_viewport_zoom_about (self->viewport, factor, cx, cy);
      return GDK_EVENT_STOP;
    }
  if (wheel)
    {
      dx *= WHEEL_PAN_STEP;
      dy *= WHEEL_PAN_STEP;
    }
  if (state & GDK_SHIFT_MASK)
    vpc_viewport_pan (self->viewport, -dy, -dx);
  else
    vpc_viewport_pan (self->viewport, -dx, -dy);
  return GDK_EVENT_STOP;
}

/* Pinch. */

static void
zoom_begin_cb (GtkGesture       *gesture,
               GdkEventSequence *sequence,
               VpcCanvas        *self)
{
  self->zoom_gesture_scale = 1.0;
}

static void
zoom_scale_changed_cb (GtkGestureZoom *gesture,
                       double          scale,
                       VpcCanvas      *self)
{
  double cx, cy;

  if (!(scale > 0) || !(self->zoom_gesture_scale > 0))
    return;
  if (!gtk_gesture_get_bounding_box_center (GTK_GESTURE (gesture), &cx, &cy))
    return;
  vpc_viewport_zoom_about (self->viewport, scale / self->zoom_gesture_scale, cx, cy);
  self->zoom_gesture_scale = scale;
}

/* Keys: Space held turns a primary drag into a pan; Escape cancels. */

static gboolean
key_pressed_cb (GtkEventControllerKey *controller,
                guint                  keyval,
                guint                  keycode,
                GdkModifierType        state,
                VpcCanvas             *self)
{
  if (keyval == GDK_KEY_space)
    {
      self->space_down = TRUE;
      update_hover (self);
      return GDK_EVENT_STOP;
    }
  if (keyval == GDK_KEY_Escape && self->tool != NULL &&
      (vpc_gesture_get_mode (self->tool) != VPC_GESTURE_IDLE || vpc_gesture_is_connect_armed (self->tool)))
    {
      vpc_gesture_arm_connect (self->tool, NULL);
      vpc_canvas_cancel_gesture (self);
      update_hover (self);
      return GDK_EVENT_STOP;
    }
  return GDK_EVENT_PROPAGATE;
}

static void
key_released_cb (GtkEventControllerKey *controller,
                 guint                  keyval,
                 guint                  keycode,
                 GdkModifierType        state,
                 VpcCanvas             *self)
{
  if (keyval == GDK_KEY_space)
    {
      self->space_down = FALSE;
      update_hover (self);
    }
}

void
_vpc_canvas_input_init (VpcCanvas *self)
{
  GtkWidget *widget = GTK_WIDGET (self);
  GtkEventController *controller;
  GtkGesture *gesture;

  controller = gtk_event_controller_motion_new ();
  g_signal_connect (controller, "enter", G_CALLBACK (motion_cb), self);
  g_signal_connect (controller, "motion", G_CALLBACK (motion_cb), self);
  g_signal_connect (controller, "leave", G_CALLBACK (leave_cb), self);
  gtk_widget_add_controller (widget, controller);

  gesture = gtk_gesture_drag_new ();
  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (gesture), GDK_BUTTON_PRIMARY);
  g_signal_connect (gesture, "drag-begin", G_CALLBACK (drag_begin_cb), self);
  g_signal_connect (gesture, "drag-update", G_CALLBACK (drag_update_cb), self);
  g_signal_connect (gesture, "drag-end", G_CALLBACK (drag_end_cb), self);
  g_signal_connect (gesture, "cancel", G_CALLBACK (drag_cancel_cb), self);
  gtk_widget_add_controller (widget, GTK_EVENT_CONTROLLER (gesture));

  gesture = gtk_gesture_drag_new ();
  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (gesture), GDK_BUTTON_MIDDLE);
  g_signal_connect (gesture, "drag-begin", G_CALLBACK (pan_begin_cb), self);
  g_signal_connect (gesture, "drag-update", G_CALLBACK (pan_update_cb), self);
  g_signal_connect (gesture, "drag-end", G_CALLBACK (pan_end_cb), self);
  gtk_widget_add_controller (widget, GTK_EVENT_CONTROLLER (gesture));

  gesture = gtk_gesture_click_new ();
  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (gesture), GDK_BUTTON_SECONDARY);
  g_signal_connect (gesture, "pressed", G_CALLBACK (context_pressed_cb), self);
  gtk_widget_add_controller (widget, GTK_EVENT_CONTROLLER (gesture));

  controller = gtk_event_controller_scroll_new (GTK_EVENT_CONTROLLER_SCROLL_BOTH_AXES);
  g_signal_connect (controller, "scroll", G_CALLBACK (scroll_cb), self);
  gtk_widget_add_controller (widget, controller);

  gesture = gtk_gesture_zoom_new ();
  g_signal_connect (gesture, "begin", G_CALLBACK (zoom_begin_cb), self);
  g_signal_connect (gesture, "scale-changed", G_CALLBACK (zoom_scale_changed_cb), self);
  gtk_widget_add_controller (widget, GTK_EVENT_CONTROLLER (gesture));

  controller = gtk_event_controller_key_new ();
  g_signal_connect (controller, "key-pressed", G_CALLBACK (key_pressed_cb), self);
  g_signal_connect (controller, "key-released", G_CALLBACK (key_released_cb), self);
  gtk_widget_add_controller (widget, controller);
}
