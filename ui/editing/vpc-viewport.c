/* SPDX-License-Identifier: GPL-3.0-or-later */
/* vpc-viewport.c: zoom and offset of the canvas, with the maths in doubles. */
#include "vpc-viewport.h"

#include <math.h>

struct _VpcViewport
{
  GObject parent_instance;

  double  zoom;
  double  offset_x;
  double  offset_y;
};

G_DEFINE_FINAL_TYPE (VpcViewport, vpc_viewport, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ZOOM,
  PROP_OFFSET_X,
  PROP_OFFSET_Y,
  N_PROPS,
};

static GParamSpec *properties[N_PROPS];

static void
vpc_viewport_get_property (GObject    *object,
                           guint       prop_id,
                           GValue     *value,
                           GParamSpec *pspec)
{
  VpcViewport *self = VPC_VIEWPORT (object);

  switch (prop_id)
    {
    case PROP_ZOOM:
      g_value_set_double (value, self->zoom);
      break;
    case PROP_OFFSET_X:
      g_value_set_double (value, self->offset_x);
      break;
    case PROP_OFFSET_Y:
      g_value_set_double (value, self->offset_y);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
vpc_viewport_set_property (GObject      *object,
                           guint         prop_id,
                           const GValue *value,
                           GParamSpec   *pspec)
{
  VpcViewport *self = VPC_VIEWPORT (object);

  switch (prop_id)
    {
    case PROP_ZOOM:
      vpc_viewport_set_zoom (self, g_value_get_double (value));
      break;
    case PROP_OFFSET_X:
      vpc_viewport_set_offset (self, g_value_get_double (value), self->offset_y);
      break;
    case PROP_OFFSET_Y:
      vpc_viewport_set_offset (self, self->offset_x, g_value_get_double (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
vpc_viewport_class_init (VpcViewportClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->get_property = vpc_viewport_get_property;
  object_class->set_property = vpc_viewport_set_property;

  properties[PROP_ZOOM] =
    g_param_spec_double ("zoom", NULL, NULL,
                         VPC_VIEWPORT_MIN_ZOOM, VPC_VIEWPORT_MAX_ZOOM, 1.0,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_OFFSET_X] =
    g_param_spec_double ("offset-x", NULL, NULL, -G_MAXDOUBLE, G_MAXDOUBLE, 0.0,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_OFFSET_Y] =
    g_param_spec_double ("offset-y", NULL, NULL, -G_MAXDOUBLE, G_MAXDOUBLE, 0.0,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
vpc_viewport_init (VpcViewport *self)
{
  self->zoom = 1.0;
}

VpcViewport *
vpc_viewport_new (void)
{
  return g_object_new (VPC_TYPE_VIEWPORT, NULL);
}

double
vpc_viewport_get_zoom (VpcViewport *self)
{
  g_return_val_if_fail (VPC_IS_VIEWPORT (self), 1.0);
  return self->zoom;
}

double
vpc_viewport_get_offset_x (VpcViewport *self)
{
  g_return_val_if_fail (VPC_IS_VIEWPORT (self), 0.0);
  return self->offset_x;
}

double
vpc_viewport_get_offset_y (VpcViewport *self)
{
  g_return_val_if_fail (VPC_IS_VIEWPORT (self), 0.0);
  return self->offset_y;
}

static double
clamp_zoom (double zoom)
{
  if (!isfinite (zoom))
    return 1.0;
  return CLAMP (zoom, VPC_VIEWPORT_MIN_ZOOM, VPC_VIEWPORT_MAX_ZOOM);
}

void
vpc_viewport_set_view (VpcViewport *self,
                       double       zoom,
                       double       offset_x,
                       double       offset_y)
{
  gboolean zoom_changed, x_changed, y_changed;

  g_return_if_fail (VPC_IS_VIEWPORT (self));
  g_return_if_fail (isfinite (offset_x) && isfinite (offset_y));

  zoom = clamp_zoom (zoom);
  zoom_changed = zoom != self->zoom;
  x_changed = offset_x != self->offset_x;
  y_changed = offset_y != self->offset_y;
  if (!zoom_changed && !x_changed && !y_changed)
    return;

  self->zoom = zoom;
  self->offset_x = offset_x;
  self->offset_y = offset_y;

  g_object_freeze_notify (G_OBJECT (self));
  if (zoom_changed)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ZOOM]);
  if (x_changed)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_OFFSET_X]);
  if (y_changed)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_OFFSET_Y]);
  g_object_thaw_notify (G_OBJECT (self));
}

void
vpc_viewport_set_zoom (VpcViewport *self,
                       double       zoom)
{
  g_return_if_fail (VPC_IS_VIEWPORT (self));
  vpc_viewport_zoom_about (self, clamp_zoom (zoom) / self->zoom, 0, 0);
}

void
vpc_viewport_set_offset (VpcViewport *self,
                         double       offset_x,
                         double       offset_y)
{
  g_return_if_fail (VPC_IS_VIEWPORT (self));
  vpc_viewport_set_view (self, self->zoom, offset_x, offset_y);
}

void
vpc_viewport_widget_to_world (VpcViewport *self,
                              double       wx,
                              double       wy,
                              double      *x,
                              double      *y)
{
  g_return_if_fail (VPC_IS_VIEWPORT (self));
  if (x != NULL)
    *x = (wx - self->offset_x) / self->zoom;
  if (y != NULL)
    *y = (wy - self->offset_y) / self->zoom;
}

void
vpc_viewport_world_to_widget (VpcViewport *self,
                              double       x,
                              double       y,
                              double      *wx,
                              double      *wy)
{
  g_return_if_fail (VPC_IS_VIEWPORT (self));
  if (wx != NULL)
    *wx = x * self->zoom + self->offset_x;
  if (wy != NULL)
    *wy = y * self->zoom + self->offset_y;
}

void
vpc_viewport_get_visible (VpcViewport *self,
                          double       width,
                          double       height,
                          double      *x,
                          double      *y,
                          double      *w,
                          double      *h)
{
  g_return_if_fail (VPC_IS_VIEWPORT (self));
  vpc_viewport_widget_to_world (self, 0, 0, x, y);
  if (w != NULL)
    *w = MAX (width, 0) / self->zoom;
  if (h != NULL)
    *h = MAX (height, 0) / self->zoom;
}

void
vpc_viewport_pan (VpcViewport *self,
                  double       dx,
                  double       dy)
{
  g_return_if_fail (VPC_IS_VIEWPORT (self));
  vpc_viewport_set_view (self, self->zoom, self->offset_x + dx, self->offset_y + dy);
}

void
vpc_viewport_zoom_about (VpcViewport *self,
                         double       factor,
                         double       wx,
                         double       wy)
{
  double x, y, zoom;

  g_return_if_fail (VPC_IS_VIEWPORT (self));
  g_return_if_fail (isfinite (factor) && factor > 0);

  vpc_viewport_widget_to_world (self, wx, wy, &x, &y);
  zoom = clamp_zoom (self->zoom * factor);
  /* Keep (x, y) under (wx, wy): wx = x * zoom + offset_x. */
  vpc_viewport_set_view (self, zoom, wx - x * zoom, wy - y * zoom);
}

void
vpc_viewport_fit (VpcViewport *self,
                  double       x,
                  double       y,
                  double       w,
                  double       h,
                  double       width,
                  double       height,
                  double       margin)
{
  double avail_w, avail_h, zoom, offset_x, offset_y;

  g_return_if_fail (VPC_IS_VIEWPORT (self));

  avail_w = width - 2 * margin;
  avail_h = height - 2 * margin;
  if (!(w > 0) || !(h > 0) || !(avail_w > 0) || !(avail_h > 0))
    return;
  zoom = clamp_zoom (MIN (MIN (avail_w / w, avail_h / h), 1.0));
  /* Centred, unless even the smallest zoom cannot show it all: then from
   * its start, where a design begins (its VPC's header, the first AZ),
   * rather than the middle of a box too large to show anything else. */
  offset_x = w * zoom > avail_w + 0.5 ? margin - x * zoom : width / 2 - (x + w / 2) * zoom;
  offset_y = h * zoom > avail_h + 0.5 ? margin - y * zoom : height / 2 - (y + h / 2) * zoom;
  vpc_viewport_set_view (self, zoom, offset_x, offset_y);
}
