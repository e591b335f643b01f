/* SPDX-License-Identifier: GPL-3.0-or-later */
/* vpc-canvas-drop.c: feedback while something is dragged over the canvas
 * (a moved element, a connection line, a palette item): the box it would
 * drop into, outlined in the accent colour when the design would take the
 * drop, or red and dashed, with the reason beside the pointer, when it
 * would refuse it. The answer comes from the design itself (the edit is
 * tried on a copy), so the highlight never promises a refused drop. */
#include "vpc-canvas-private.h"

#include <math.h>

#include "vpc-containment.h"
#include "vpc-layout.h"

#define HINT_WIDTH 360.0 /* pixels */

static const double accent[] = { 0.21, 0.52, 0.89 };
static const double refused[] = { 0.88, 0.11, 0.14 };

void
_vpc_canvas_drop_point (VpcCanvas  *self,
                        const char *item,
                        double      x,
                        double      y,
                        double     *out_x,
                        double     *out_y)
{
  vpc_containment_drop_point (self->design, item, x, y, self->snap_to_grid ? VPC_CANVAS_GRID : 0,
                              out_x, out_y);
}

const char *
_vpc_canvas_drop_hint (VpcCanvas *self)
{
  const char *hint = NULL;

  if (self->drop_item != NULL)
    return self->drop_ok ? NULL : self->drop_hint;
  if (self->tool != NULL && !vpc_gesture_get_drop_verdict (self->tool, &hint))
    return hint;
  return NULL;
}

void
_vpc_canvas_announce_drop (VpcCanvas *self)
{
  const char *hint = _vpc_canvas_drop_hint (self);

  if (g_strcmp0 (hint, self->announced_hint) == 0)
    return;
  g_free (self->announced_hint);
  self->announced_hint = g_strdup (hint);
  if (hint != NULL)
    gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                    hint, -1);
  else
    gtk_accessible_reset_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION);
}

void
_vpc_canvas_drop_clear (VpcCanvas *self)
{
  if (self->drop_item == NULL)
    return;
  g_clear_pointer (&self->drop_item, g_free);
  g_clear_pointer (&self->drop_key, g_free);
  g_clear_pointer (&self->drop_target, g_free);
  g_clear_pointer (&self->drop_hint, g_free);
  _vpc_canvas_announce_drop (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

/* A palette item over widget point (@wx, @wy): where it would land, in
 * what, and whether the design would take it (asked once per item and
 * target). */
static gboolean
palette_hover (VpcCanvas  *self,
               const char *item,
               double      wx,
               double      wy)
{
  g_autofree char *key = NULL;
  g_autofree char *reason = NULL;
  const char *target;
  double x, y;

  if (self->design == NULL || item == NULL || !vpc_containment_item_is_valid (item))
    return FALSE;
  self->pointer_x = wx;
  self->pointer_y = wy;
  _vpc_canvas_to_world (self, wx, wy, &x, &y);
  g_free (self->drop_item);
  self->drop_item = g_strdup (item);
  _vpc_canvas_drop_point (self, item, x, y, &self->drop_x, &self->drop_y);
  target = vpc_containment_drop_target (self->design, item, self->drop_x, self->drop_y);
  key = g_strdup_printf ("%s %s", item, target != NULL ? target : "");
  if (g_strcmp0 (key, self->drop_key) != 0)
    {
      g_free (self->drop_target);
      self->drop_target = g_strdup (target);
      self->drop_ok
          = vpc_containment_check_place (self->design, item, self->drop_x, self->drop_y, &reason);
      g_free (self->drop_hint);
      self->drop_hint = self->drop_ok ? NULL : vpc_containment_drop_hint (reason);
      g_free (self->drop_key);
      self->drop_key = g_steal_pointer (&key);
      _vpc_canvas_announce_drop (self);
    }
  gtk_widget_queue_draw (GTK_WIDGET (self));
  return self->drop_ok;
}

static const char *
dragged_item (GtkDropTarget *target)
{
  const GValue *value = gtk_drop_target_get_value (target);

  return value != NULL && G_VALUE_HOLDS_STRING (value) ? g_value_get_string (value) : NULL;
}

/* The item may arrive after the pointer: until then, promise nothing. */
static GdkDragAction
motion_cb (GtkDropTarget *target,
           double         x,
           double         y,
           VpcCanvas     *self)
{
  const char *item = dragged_item (target);

  self->pointer_x = x;
  self->pointer_y = y;
  if (item == NULL)
    return 0;
  return palette_hover (self, item, x, y) ? GDK_ACTION_COPY : 0;
}

static void
value_cb (GtkDropTarget *target,
          GParamSpec    *pspec,
          VpcCanvas     *self)
{
  if (dragged_item (target) != NULL)
    palette_hover (self, dragged_item (target), self->pointer_x, self->pointer_y);
}

static void
leave_cb (GtkDropTarget *target,
          VpcCanvas     *self)
{
  _vpc_canvas_drop_clear (self);
}

static gboolean
drop_cb (GtkDropTarget *target,
         const GValue  *value,
         double         x,
         double         y,
         VpcCanvas     *self)
{
  const char *item = G_VALUE_HOLDS_STRING (value) ? g_value_get_string (value) : NULL;

  _vpc_canvas_drop_clear (self);
  if (item == NULL || !vpc_containment_item_is_valid (item))
    return FALSE;
  return vpc_canvas_drop_item (self, item, x, y);
}

void
_vpc_canvas_drop_init (VpcCanvas *self)
{
  GtkDropTarget *target = gtk_drop_target_new (G_TYPE_STRING, GDK_ACTION_COPY);

  gtk_drop_target_set_preload (target, TRUE);
  g_signal_connect (target, "enter", G_CALLBACK (motion_cb), self);
  g_signal_connect (target, "motion", G_CALLBACK (motion_cb), self);
  g_signal_connect (target, "notify::value", G_CALLBACK (value_cb), self);
  g_signal_connect (target, "leave", G_CALLBACK (leave_cb), self);
  g_signal_connect (target, "drop", G_CALLBACK (drop_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (target));
}

/* Drawing */

static void
outline (VpcCanvas     *self,
         cairo_t       *cr,
         const VpcRect *r,
         const double  *color,
         double         width,
         gboolean       fill)
{
  static const double dash[] = { 8, 4 };
  double zoom = vpc_viewport_get_zoom (self->viewport);
  double x, y;

  vpc_viewport_world_to_widget (self->viewport, r->x, r->y, &x, &y);
  cairo_rectangle (cr, round (x) - 2.5, round (y) - 2.5, round (r->w * zoom) + 5,
                   round (r->h * zoom) + 5);
  if (fill)
    {
      cairo_set_source_rgba (cr, color[0], color[1], color[2], 0.08);
      cairo_fill_preserve (cr);
    }
  cairo_set_source_rgba (cr, color[0], color[1], color[2], 0.95);
  cairo_set_line_width (cr, width);
  cairo_set_dash (cr, dash, G_N_ELEMENTS (dash), 0);
  cairo_stroke (cr);
  cairo_set_dash (cr, NULL, 0, 0);
}

/* The reason, in a red bubble beside the pointer, kept inside the canvas. */
static void
draw_hint (VpcCanvas  *self,
           cairo_t    *cr,
           const char *hint)
{
  PangoLayout *layout = gtk_widget_create_pango_layout (GTK_WIDGET (self), hint);
  double width = gtk_widget_get_width (GTK_WIDGET (self));
  double height = gtk_widget_get_height (GTK_WIDGET (self));
  double wrap = MIN (HINT_WIDTH, width - 40);
  double pad = 8, x, y;
  int tw, th;

  pango_layout_set_width (layout, (int) (MAX (wrap, 80) * PANGO_SCALE));
  pango_layout_set_wrap (layout, PANGO_WRAP_WORD_CHAR);
  pango_layout_get_pixel_size (layout, &tw, &th);
  x = CLAMP (self->pointer_x + 18, 8, MAX (8, width - tw - 2 * pad - 8));
  y = self->pointer_y + 22;
  if (y + th + 2 * pad > height - 8)
    y = MAX (8, self->pointer_y - th - 2 * pad - 12);
  cairo_new_sub_path (cr);
  cairo_arc (cr, x + tw + 2 * pad - 6, y + 6, 6, -G_PI / 2, 0);
  cairo_arc (cr, x + tw + 2 * pad - 6, y + th + 2 * pad - 6, 6, 0, G_PI / 2);
  cairo_arc (cr, x + 6, y + th + 2 * pad - 6, 6, G_PI / 2, G_PI);
  cairo_arc (cr, x + 6, y + 6, 6, G_PI, 3 * G_PI / 2);
  cairo_close_path (cr);
  cairo_set_source_rgba (cr, 0.75, 0.11, 0.16, 0.96);
  cairo_fill (cr);
  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_move_to (cr, x + pad, y + pad);
  pango_cairo_show_layout (cr, layout);
  g_object_unref (layout);
}

void
_vpc_canvas_draw_drop (VpcCanvas *self,
                       cairo_t   *cr)
{
  const char *hint = _vpc_canvas_drop_hint (self);
  const double *color = hint == NULL ? accent : refused;
  const char *target;
  VpcRect r;

  if (self->drop_item != NULL)
    {
      VpcKind kind;

      target = self->drop_target;
      /* Where the new element would land. */
      if (vpc_containment_item_kind (self->drop_item, &kind) && kind != VPC_KIND_SUBNET)
        {
          vpc_layout_natural_size (kind, &r.w, &r.h);
          r.x = self->drop_x - r.w / 2;
          r.y = self->drop_y - r.h / 2;
          outline (self, cr, &r, color, 1.5, FALSE);
        }
    }
  else
    target = vpc_gesture_get_drop_target (self->tool);
  if (target != NULL && vpc_editing_get_rect (self->design, target, &r))
    outline (self, cr, &r, color, 3, hint != NULL);
  else if (hint != NULL && self->drop_item == NULL &&
           vpc_gesture_get_rect (self->tool, vpc_gesture_get_pressed (self->tool), &r))
    outline (self, cr, &r, color, 3, TRUE);
  if (hint != NULL)
    draw_hint (self, cr, hint);
}
