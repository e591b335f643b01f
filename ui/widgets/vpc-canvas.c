/* SPDX-License-Identifier: GPL-3.0-or-later */
/* vpc-canvas.c: the canvas widget's state and drawing. */
#include "vpc-canvas-private.h"

#include <math.h>
#include <stdio.h>

#include "vpc-geometry.h"
#include "vpc-i18n.h"
#include "vpc-outline-model.h"
#include "vpc-render.h"
#include "vpc-test-hooks.h"
#include "vpc-toast.h"
#include "vpc-theme.h"

G_DEFINE_FINAL_TYPE (VpcCanvas, vpc_canvas, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_DESIGN,
  PROP_FINDINGS,
  PROP_VIEWPORT,
  PROP_SHOW_GRID,
  PROP_SNAP_TO_GRID,
  PROP_TEXT_SCALE,
  N_PROPS,
};

enum {
  SIGNAL_REFUSED,
  SIGNAL_SELECTION_CHANGED,
  N_SIGNALS,
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static void
redraw_cb (VpcCanvas *self)
{
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void update_accessible_label (VpcCanvas *self);

static void
design_changed_cb (VpcCanvas *self)
{
  guint before = g_hash_table_size (self->selection);

  vpc_editing_prune_selection (self->design, self->selection);
  if (self->hover_id != NULL && vpc_design_lookup (self->design, self->hover_id) == NULL)
    _vpc_canvas_set_hover (self, NULL);
  if (before != g_hash_table_size (self->selection))
    _vpc_canvas_selection_changed (self);
  else
    update_accessible_label (self); /* a rename, new findings */
  _vpc_canvas_update_actions (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

void
_vpc_canvas_emit_toast (VpcCanvas  *self,
                        const char *message,
                        gboolean    offer_undo)
{
  AdwToast *toast = adw_toast_new (message);

  if (offer_undo)
    {
      adw_toast_set_button_label (toast, _("_Undo"));
      adw_toast_set_action_name (toast, "win.undo");
    }
  vpc_toast_show (GTK_WIDGET (self), toast);
}

void
_vpc_canvas_refused (VpcCanvas  *self,
                     const char *reason)
{
  if (reason != NULL)
    g_signal_emit (self, signals[SIGNAL_REFUSED], 0, reason);
}

/* A screen reader hears what is selected as the outline reads it: kind,
 * name, key facts and findings (the canvas is one picture to it). */
static void
update_accessible_label (VpcCanvas *self)
{
  guint n = g_hash_table_size (self->selection);
  g_autofree char *label = NULL;
  g_autofree char *what = NULL;

  if (n == 1 && self->design != NULL)
    {
      GHashTableIter iter;
      gpointer key;

      g_hash_table_iter_init (&iter, self->selection);
      g_hash_table_iter_next (&iter, &key, NULL);
      if (g_str_equal (key, VPC_CONTAINMENT_VPC_ID))
        what = g_strdup (_("the VPC"));
      else
        what = vpc_outline_describe (self->design, self->findings, key);
    }
  if (what != NULL)
    /* TRANSLATORS: the canvas's spoken name; %s names the selected element. */
    label = g_strdup_printf (_("Design canvas, selected: %s"), what);
  else
    label = g_strdup_printf (
        ngettext ("Design canvas, %u selected", "Design canvas, %u selected", n), n);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
}

void
_vpc_canvas_selection_changed (VpcCanvas *self)
{
  update_accessible_label (self);
  _vpc_canvas_update_actions (self);
  g_signal_emit (self, signals[SIGNAL_SELECTION_CHANGED], 0);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

void
_vpc_canvas_set_hover (VpcCanvas  *self,
                       const char *id)
{
  if (g_strcmp0 (self->hover_id, id) == 0)
    return;
  g_free (self->hover_id);
  self->hover_id = g_strdup (id);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

void
_vpc_canvas_to_world (VpcCanvas *self,
                      double     wx,
                      double     wy,
                      double    *x,
                      double    *y)
{
  vpc_viewport_widget_to_world (self->viewport, wx, wy, x, y);
}

/* Drawing */

static void
draw_handles (VpcCanvas            *self,
              cairo_t              *cr,
              const VpcThemeColors *colors,
              const char           *id)
{
  double zoom = vpc_viewport_get_zoom (self->viewport);
  double s = VPC_EDITING_HANDLE_SIZE;
  VpcRect r;

  /* During a resize the handles follow the preview. */
  if (!vpc_gesture_get_rect (self->tool, id, &r))
    return;
  if (g_strcmp0 (id, VPC_CONTAINMENT_VPC_ID) == 0)
    {
      double x0, y0;

      vpc_viewport_world_to_widget (self->viewport, r.x, r.y, &x0, &y0);
      cairo_rectangle (cr, x0 - 2, y0 - 2, r.w * zoom + 4, r.h * zoom + 4);
      vpc_color_set_alpha (cr, &colors->selection, 0.9);
      cairo_set_line_width (cr, 2);
      cairo_stroke (cr);
    }
  else
    {
      const VpcElement *e = vpc_design_lookup (self->design, id);
      if (e == NULL || !vpc_kind_is_box (e->kind))
        return;
    }
  for (guint h = 0; h < VPC_N_HANDLES; h++)
    {
      double x, y, wx, wy;

      vpc_editing_handle_point (&r, h, &x, &y);
      vpc_viewport_world_to_widget (self->viewport, x, y, &wx, &wy);
      cairo_rectangle (cr, round (wx - s / 2) + 0.5, round (wy - s / 2) + 0.5, s, s);
    }
  vpc_color_set (cr, &colors->background);
  cairo_fill_preserve (cr);
  vpc_color_set (cr, &colors->selection);
  cairo_set_line_width (cr, 1);
  cairo_stroke (cr);
}

static void
draw_line (VpcCanvas *self,
           cairo_t   *cr,
           double     x0,
           double     y0,
           double     x1,
           double     y1)
{
  double a, b, c, d;

  vpc_viewport_world_to_widget (self->viewport, x0, y0, &a, &b);
  vpc_viewport_world_to_widget (self->viewport, x1, y1, &c, &d);
  cairo_move_to (cr, a, b);
  cairo_line_to (cr, c, d);
}

/* What the tools add on top of the design: the drop target, handles, the
 * rubber band, the line being connected, the selected connection. Sizes
 * are in pixels. (The dragged boxes themselves are drawn by the renderer,
 * from the tool's preview.) */
static void
draw_overlay (VpcCanvas            *self,
              cairo_t              *cr,
              const VpcThemeColors *colors)
{
  const char *from, *subnet;
  g_autoptr(VpcLinkRoute) route = NULL;
  double x0, y0, x1, y1;
  VpcRect band;

  _vpc_canvas_draw_drop (self, cr);

  if (vpc_gesture_get_selected_connection (self->tool, &from, &subnet) &&
      (route = vpc_editing_connection_route (self->design, vpc_design_lookup (self->design, from),
                                           subnet)) != NULL)
    {
      for (guint i = 0; i + 1 < route->n_points; i++)
        draw_line (self, cr, route->points[i].x, route->points[i].y,
                   route->points[i + 1].x, route->points[i + 1].y);
      vpc_color_set_alpha (cr, &colors->selection, 0.9);
      cairo_set_line_width (cr, 4);
      cairo_set_line_cap (cr, CAIRO_LINE_CAP_ROUND);
      cairo_stroke (cr);
    }

  if (g_hash_table_size (self->selection) <= VPC_GEOMETRY_MAX_HANDLES &&
      vpc_gesture_get_mode (self->tool) != VPC_GESTURE_MOVE)
    {
      GHashTableIter iter;
      gpointer key;

      g_hash_table_iter_init (&iter, self->selection);
      while (g_hash_table_iter_next (&iter, &key, NULL))
        draw_handles (self, cr, colors, key);
    }

  if (vpc_gesture_get_rubber_band (self->tool, &band))
    {
      double bx, by;
      double zoom = vpc_viewport_get_zoom (self->viewport);

      vpc_viewport_world_to_widget (self->viewport, band.x, band.y, &bx, &by);
      cairo_rectangle (cr, round (bx) + 0.5, round (by) + 0.5, round (band.w * zoom),
                       round (band.h * zoom));
      vpc_color_set_alpha (cr, &colors->selection, 0.15);
      cairo_fill_preserve (cr);
      vpc_color_set_alpha (cr, &colors->selection, 0.8);
      cairo_set_line_width (cr, 1);
      cairo_stroke (cr);
    }

  if (vpc_gesture_get_connect_line (self->tool, &x0, &y0, &x1, &y1))
    {
      static const double dash[] = { 6, 4 };

      draw_line (self, cr, x0, y0, x1, y1);
      vpc_color_set_alpha (cr, &colors->selection, 0.9);
      cairo_set_line_width (cr, 2);
      cairo_set_dash (cr, dash, G_N_ELEMENTS (dash), 0);
      cairo_stroke (cr);
      cairo_set_dash (cr, NULL, 0, 0);
    }
}

/* Above this many elements the first frame comes without connectors and
 * they follow once routed (VpcRenderOptions.connectors_when_routed). */
#define ROUTE_AFTER_FIRST_FRAME_ELEMENTS 5000

static gboolean
route_idle_cb (gpointer data)
{
  VpcCanvas *self = data;
  VpcRenderOptions options;

  self->route_idle = 0;
  /* Zoomed out since (the first fit): a frame that shows connectors will
   * ask again. */
  if (self->design == NULL || vpc_viewport_get_zoom (self->viewport) < VPC_RENDER_LOD_SCALE)
    return G_SOURCE_REMOVE;
  vpc_render_options_init (&options);
  options.text_scale = self->text_scale;
  vpc_render_route (self->design, &options);
  gtk_widget_queue_draw (GTK_WIDGET (self));
  return G_SOURCE_REMOVE;
}

/* Whether a frame at @zoom leaves the connectors for later: a large
 * design not routed yet, which an idle callback then routes. Zoomed out,
 * connectors are not drawn at all: that waits until a frame shows them. */
static gboolean
connectors_later (VpcCanvas *self,
                  double     zoom)
{
  if (vpc_design_get_total_elements (self->design) <= ROUTE_AFTER_FIRST_FRAME_ELEMENTS
      || vpc_routes_were_made (self->design))
    return FALSE;
  if (zoom >= VPC_RENDER_LOD_SCALE && self->route_idle == 0)
    self->route_idle = g_idle_add_full (G_PRIORITY_DEFAULT_IDLE, route_idle_cb, self, NULL);
  return TRUE;
}

/* Zoom steps closer together than this are one gesture; this long after
 * the last, the exact frame follows the interim ones. */
#define ZOOM_STEP_GAP_US  (250 * G_TIME_SPAN_MILLISECOND)
#define ZOOM_SETTLE_MS    150

static gboolean
zoom_settled_cb (gpointer data)
{
  VpcCanvas *self = data;

  self->zoom_settle = 0;
  gtk_widget_queue_draw (GTK_WIDGET (self));
  return G_SOURCE_REMOVE;
}

/* The design as the renderer draws it, through the picture kept for a
 * large design zoomed out: a pan copies it, and the second and later steps
 * of a zoom scale it (an interim frame; the exact one follows when the
 * zoom rests). Its pixels are the widget's: not on a scaled display. */
static void
draw_design (VpcCanvas              *self,
             cairo_t                *cr,
             const VpcRenderOptions *options,
             int                     w,
             int                     h)
{
  /* Until the zoom rests, every frame is an interim one. */
  gboolean zooming = self->zoom_settle != 0;
  gboolean zoomed = options->scale != self->frame_zoom;

  if (gtk_widget_get_scale_factor (GTK_WIDGET (self)) != 1)
    {
      vpc_render_design (cr, self->design, options);
      return;
    }
  /* From the end of the frame before: a slow one does not end a gesture. */
  if (zoomed)
    zooming = zooming || g_get_monotonic_time () - self->frame_zoom_changed < ZOOM_STEP_GAP_US;
  self->frame_zoom = options->scale;
  if (zooming
      && vpc_render_cache_draw_interim (self->render_cache, cr, self->design, options, w, h))
    {
      g_clear_handle_id (&self->zoom_settle, g_source_remove);
      self->zoom_settle = g_timeout_add (ZOOM_SETTLE_MS, zoom_settled_cb, self);
    }
  else
    vpc_render_cache_draw (self->render_cache, cr, self->design, options, w, h);
  if (zoomed)
    self->frame_zoom_changed = g_get_monotonic_time ();
}

static void
vpc_canvas_snapshot (GtkWidget   *widget,
                     GtkSnapshot *snapshot)
{
  VpcCanvas *self = VPC_CANVAS (widget);
  int w = gtk_widget_get_width (widget);
  int h = gtk_widget_get_height (widget);
  VpcRenderOptions options;
  const VpcThemeColors *colors;
  cairo_t *cr;

  if (w <= 0 || h <= 0)
    return;
  cr = gtk_snapshot_append_cairo (snapshot, &GRAPHENE_RECT_INIT (0, 0, w, h));
  if (self->design != NULL)
    {
      vpc_render_options_init (&options);
      options.theme = adw_style_manager_get_dark (adw_style_manager_get_default ())
                      ? VPC_THEME_DARK : VPC_THEME_LIGHT;
      colors = vpc_theme_get_colors (options.theme);
      options.scale = vpc_viewport_get_zoom (self->viewport);
      options.offset_x = vpc_viewport_get_offset_x (self->viewport);
      options.offset_y = vpc_viewport_get_offset_y (self->viewport);
      vpc_viewport_get_visible (self->viewport, w, h,
                                &options.clip_x, &options.clip_y, &options.clip_w, &options.clip_h);
      options.findings = self->findings;
      options.selection = self->selection;
      options.hover_id = self->hover_id;
      options.show_grid = self->show_grid;
      options.text_scale = self->text_scale;
      options.grid_size = VPC_CANVAS_GRID;
      /* A drag in progress is view state: the tool's pending geometry. */
      options.overrides = vpc_gesture_get_preview (self->tool);
      options.hidden = self->hidden;
      options.connectors_when_routed = connectors_later (self, options.scale);
      cairo_save (cr);
      draw_design (self, cr, &options, w, h);
      _vpc_canvas_compare_draw (self, cr, &options);
      _vpc_canvas_path_draw (self, cr, &options);
      cairo_restore (cr);
      draw_overlay (self, cr, colors);
      /* Presentation: where the teacher points, for the back row. */
      if (self->pointer_highlight && self->pointer_inside)
        {
          vpc_color_set_alpha (cr, &colors->spotlight, 0.35);
          cairo_arc (cr, self->pointer_x, self->pointer_y, 26, 0, 2 * G_PI);
          cairo_fill (cr);
        }
    }
  /* The keyboard focus, always visible: a ring inside the canvas's edge. */
  if (gtk_widget_has_visible_focus (widget))
    {
      colors = vpc_theme_get_colors (adw_style_manager_get_dark (adw_style_manager_get_default ())
                                         ? VPC_THEME_DARK : VPC_THEME_LIGHT);
      cairo_rectangle (cr, 1, 1, w - 2, h - 2);
      vpc_color_set (cr, &colors->selection);
      cairo_set_line_width (cr, 2);
      cairo_stroke (cr);
    }
  cairo_destroy (cr);
}

static void
vpc_canvas_state_flags_changed (GtkWidget     *widget,
                                GtkStateFlags  previous)
{
  GtkStateFlags changed = previous ^ gtk_widget_get_state_flags (widget);

  /* The focus ring comes and goes with the focus and its visibility. */
  if (changed & (GTK_STATE_FLAG_FOCUSED | GTK_STATE_FLAG_FOCUS_VISIBLE |
                 GTK_STATE_FLAG_FOCUS_WITHIN))
    gtk_widget_queue_draw (widget);
  GTK_WIDGET_CLASS (vpc_canvas_parent_class)->state_flags_changed (widget, previous);
}

/* The first fit of a design, or the view a test fixed (vpc-test-hooks.h). */
static gboolean
fit_idle_cb (gpointer data)
{
  VpcCanvas *self = data;
  double zoom, ox, oy;

  self->fit_idle = 0;
  if (!self->needs_fit || self->design == NULL)
    return G_SOURCE_REMOVE;
  self->needs_fit = FALSE;
  if (vpc_test_hooks_view (&zoom, &ox, &oy))
    vpc_viewport_set_view (self->viewport, zoom, ox, oy);
  else
    vpc_canvas_zoom_fit (self);
  vpc_test_hooks_write_origin (GTK_WIDGET (self));
  return G_SOURCE_REMOVE;
}

static void
vpc_canvas_size_allocate (GtkWidget *widget,
                          int        width,
                          int        height,
                          int        baseline)
{
  VpcCanvas *self = VPC_CANVAS (widget);

  if (self->context_menu != NULL)
    gtk_popover_present (GTK_POPOVER (self->context_menu));
  if (self->connect_popover != NULL)
    gtk_popover_present (GTK_POPOVER (self->connect_popover));
  _vpc_canvas_path_allocate (self);
  /* Fitting changes the viewport, whose listeners may resize other widgets:
   * not during allocation, but right after it. */
  if (self->needs_fit && width > 0 && height > 0 && self->design != NULL && self->fit_idle == 0)
    self->fit_idle = g_idle_add_full (G_PRIORITY_HIGH_IDLE, fit_idle_cb, self, NULL);
}

static void
vpc_canvas_measure (GtkWidget      *widget,
                    GtkOrientation  orientation,
                    int             for_size,
                    int            *minimum,
                    int            *natural,
                    int            *minimum_baseline,
                    int            *natural_baseline)
{
  *minimum = 100;
  *natural = orientation == GTK_ORIENTATION_HORIZONTAL ? 900 : 600;
}

/* Properties */

static void
vpc_canvas_get_property (GObject    *object,
                         guint       prop_id,
                         GValue     *value,
                         GParamSpec *pspec)
{
  VpcCanvas *self = VPC_CANVAS (object);

  switch (prop_id)
    {
    case PROP_DESIGN:
      g_value_set_object (value, self->design);
      break;
    case PROP_FINDINGS:
      g_value_set_object (value, self->findings);
      break;
    case PROP_VIEWPORT:
      g_value_set_object (value, self->viewport);
      break;
    case PROP_SHOW_GRID:
      g_value_set_boolean (value, self->show_grid);
      break;
    case PROP_SNAP_TO_GRID:
      g_value_set_boolean (value, self->snap_to_grid);
      break;
    case PROP_TEXT_SCALE:
      g_value_set_double (value, self->text_scale);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
vpc_canvas_set_property (GObject      *object,
                         guint         prop_id,
                         const GValue *value,
                         GParamSpec   *pspec)
{
  VpcCanvas *self = VPC_CANVAS (object);

  switch (prop_id)
    {
    case PROP_DESIGN:
      vpc_canvas_set_design (self, g_value_get_object (value));
      break;
    case PROP_FINDINGS:
      vpc_canvas_set_findings (self, g_value_get_object (value));
      break;
    case PROP_SHOW_GRID:
      vpc_canvas_set_show_grid (self, g_value_get_boolean (value));
      break;
    case PROP_SNAP_TO_GRID:
      vpc_canvas_set_snap_to_grid (self, g_value_get_boolean (value));
      break;
    case PROP_TEXT_SCALE:
      vpc_canvas_set_text_scale (self, g_value_get_double (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
disconnect_design (VpcCanvas *self)
{
  if (self->design == NULL)
    return;
  vpc_gesture_cancel (self->tool);
  g_signal_group_set_target (self->design_signals, NULL);
}

static void
vpc_canvas_dispose (GObject *object)
{
  VpcCanvas *self = VPC_CANVAS (object);

  disconnect_design (self);
  g_clear_object (&self->design_signals);
  _vpc_canvas_path_dispose (self);
  _vpc_canvas_compare_dispose (self);
  g_clear_pointer (&self->hidden, g_hash_table_unref);
  g_clear_handle_id (&self->fit_idle, g_source_remove);
  g_clear_handle_id (&self->route_idle, g_source_remove);
  g_clear_handle_id (&self->zoom_settle, g_source_remove);
  g_clear_pointer (&self->tool, vpc_gesture_free);
  g_clear_pointer (&self->context_menu, gtk_widget_unparent);
  g_clear_pointer (&self->connect_popover, gtk_widget_unparent);
  g_clear_object (&self->design);
  g_clear_object (&self->findings);
  if (self->viewport != NULL)
    g_signal_handlers_disconnect_by_data (self->viewport, self);
  g_clear_object (&self->viewport);
  g_signal_handlers_disconnect_by_data (adw_style_manager_get_default (), self);
  g_signal_handlers_disconnect_by_data (gtk_widget_get_clipboard (GTK_WIDGET (self)), self);
  G_OBJECT_CLASS (vpc_canvas_parent_class)->dispose (object);
}

static void
vpc_canvas_finalize (GObject *object)
{
  VpcCanvas *self = VPC_CANVAS (object);

  g_clear_pointer (&self->selection, g_hash_table_unref);
  g_clear_pointer (&self->render_cache, vpc_render_cache_free);
  g_free (self->hover_id);
  g_free (self->connect_from);
  g_free (self->drop_item);
  g_free (self->drop_key);
  g_free (self->drop_target);
  g_free (self->drop_hint);
  g_free (self->announced_hint);
  G_OBJECT_CLASS (vpc_canvas_parent_class)->finalize (object);
}

static void
vpc_canvas_class_init (VpcCanvasClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->get_property = vpc_canvas_get_property;
  object_class->set_property = vpc_canvas_set_property;
  object_class->dispose = vpc_canvas_dispose;
  object_class->finalize = vpc_canvas_finalize;
  widget_class->snapshot = vpc_canvas_snapshot;
  widget_class->size_allocate = vpc_canvas_size_allocate;
  widget_class->measure = vpc_canvas_measure;
  widget_class->state_flags_changed = vpc_canvas_state_flags_changed;

  properties[PROP_DESIGN] =
    g_param_spec_object ("design", NULL, NULL, VPC_TYPE_DESIGN,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_FINDINGS] =
    g_param_spec_object ("findings", NULL, NULL, G_TYPE_LIST_MODEL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_VIEWPORT] =
    g_param_spec_object ("viewport", NULL, NULL, VPC_TYPE_VIEWPORT,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_SHOW_GRID] =
    g_param_spec_boolean ("show-grid", NULL, NULL, TRUE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_SNAP_TO_GRID] =
    g_param_spec_boolean ("snap-to-grid", NULL, NULL, TRUE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_TEXT_SCALE] = g_param_spec_double (
      "text-scale", NULL, NULL, VPC_RENDER_MIN_TEXT_SCALE, VPC_RENDER_MAX_TEXT_SCALE, 1.0,
      G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  signals[SIGNAL_REFUSED] =
    g_signal_new ("refused", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                  NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);
  signals[SIGNAL_SELECTION_CHANGED] =
    g_signal_new ("selection-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                  NULL, NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_set_css_name (widget_class, "vpc-canvas");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_IMG);
  _vpc_canvas_path_class_init (widget_class);
  _vpc_canvas_class_actions_init (widget_class);
}

static void
vpc_canvas_init (VpcCanvas *self)
{
  self->viewport = vpc_viewport_new ();
  self->selection = vpc_selection_new ();
  self->render_cache = vpc_render_cache_new ();
  self->show_grid = TRUE;
  self->text_scale = 1.0;
  self->snap_to_grid = TRUE;
  self->needs_fit = TRUE;
  self->design_signals = g_signal_group_new (VPC_TYPE_DESIGN);
  g_signal_group_connect_swapped (self->design_signals, "changed", G_CALLBACK (design_changed_cb),
                                  self);
  g_signal_group_connect_swapped (self->design_signals, "info-changed", G_CALLBACK (redraw_cb),
                                  self);
  g_signal_group_connect_swapped (self->design_signals, "element-added", G_CALLBACK (redraw_cb),
                                  self);
  g_signal_group_connect_swapped (self->design_signals, "element-removed", G_CALLBACK (redraw_cb),
                                  self);
  g_signal_group_connect_swapped (self->design_signals, "element-changed", G_CALLBACK (redraw_cb),
                                  self);
  gtk_widget_set_focusable (GTK_WIDGET (self), TRUE);
  gtk_widget_set_focus_on_click (GTK_WIDGET (self), TRUE);
  gtk_widget_set_overflow (GTK_WIDGET (self), GTK_OVERFLOW_HIDDEN);
  g_signal_connect_swapped (self->viewport, "notify", G_CALLBACK (redraw_cb), self);
  /* Paste is enabled while the clipboard offers a copy or text. */
  g_signal_connect_swapped (gtk_widget_get_clipboard (GTK_WIDGET (self)), "changed",
                            G_CALLBACK (_vpc_canvas_update_actions), self);
  g_signal_connect_swapped (adw_style_manager_get_default (), "notify::dark",
                            G_CALLBACK (redraw_cb), self);
  _vpc_canvas_input_init (self);
  _vpc_canvas_drop_init (self);
  _vpc_canvas_tooltip_init (self);
  update_accessible_label (self);
  _vpc_canvas_update_actions (self);
}

GtkWidget *
vpc_canvas_new (void)
{
  return g_object_new (VPC_TYPE_CANVAS, NULL);
}

/* Public API */

VpcDesign *
vpc_canvas_get_design (VpcCanvas *self)
{
  g_return_val_if_fail (VPC_IS_CANVAS (self), NULL);
  return self->design;
}

void
vpc_canvas_set_design (VpcCanvas *self,
                       VpcDesign *design)
{
  g_return_if_fail (VPC_IS_CANVAS (self));
  g_return_if_fail (design == NULL || VPC_IS_DESIGN (design));

  if (self->design == design)
    return;
  vpc_canvas_set_trace (self, NULL, NULL);
  disconnect_design (self);
  _vpc_canvas_drop_clear (self);
  g_clear_pointer (&self->tool, vpc_gesture_free);
  g_set_object (&self->design, design);
  g_hash_table_remove_all (self->selection);
  g_clear_pointer (&self->hover_id, g_free);
  if (design != NULL)
    {
      self->tool = vpc_gesture_new (design, self->selection);
      vpc_gesture_set_grid (self->tool, self->snap_to_grid ? VPC_CANVAS_GRID : 0);
      g_signal_group_set_target (self->design_signals, design);
      self->needs_fit = TRUE;
      gtk_widget_queue_allocate (GTK_WIDGET (self));
    }
  _vpc_canvas_selection_changed (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DESIGN]);
}

void
vpc_canvas_switch_design (VpcCanvas *self,
                          VpcDesign *design)
{
  double zoom, x, y;
  g_autofree char *workload = NULL;
  g_autofree char *service = NULL;
  g_autoptr(GPtrArray) kept = g_ptr_array_new_with_free_func (g_free);
  GHashTableIter iter;
  gpointer key;

  g_return_if_fail (VPC_IS_CANVAS (self));
  g_return_if_fail (VPC_IS_DESIGN (design));

  if (self->design == NULL || self->design == design)
    {
      vpc_canvas_set_design (self, design);
      return;
    }
  zoom = vpc_viewport_get_zoom (self->viewport);
  x = vpc_viewport_get_offset_x (self->viewport);
  y = vpc_viewport_get_offset_y (self->viewport);
  if (vpc_canvas_get_trace (self) != NULL)
    {
      workload = g_strdup (vpc_canvas_get_trace (self)->workload);
      service = g_strdup (vpc_canvas_get_trace (self)->service);
    }
  g_hash_table_iter_init (&iter, self->selection);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    if (vpc_design_lookup (design, key) != NULL)
      g_ptr_array_add (kept, g_strdup (key));
  g_ptr_array_add (kept, NULL);

  vpc_canvas_set_design (self, design);
  self->needs_fit = FALSE;
  vpc_viewport_set_view (self->viewport, zoom, x, y);
  vpc_canvas_select (self, (const char *const *) kept->pdata);
  if (workload != NULL && vpc_design_lookup (design, workload) != NULL)
    vpc_canvas_set_trace (self, workload, service);
}

GListModel *
vpc_canvas_get_findings (VpcCanvas *self)
{
  g_return_val_if_fail (VPC_IS_CANVAS (self), NULL);
  return self->findings;
}

/* New findings: new badges, and a new count in the selection's spoken name
 * (a deferred validator reports after the design's "changed"). */
static void
findings_changed_cb (VpcCanvas *self)
{
  update_accessible_label (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

void
vpc_canvas_set_findings (VpcCanvas  *self,
                         GListModel *findings)
{
  g_return_if_fail (VPC_IS_CANVAS (self));

  if (self->findings != NULL)
    g_signal_handlers_disconnect_by_data (self->findings, self);
  if (g_set_object (&self->findings, findings))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FINDINGS]);
  if (findings != NULL)
    g_signal_connect_object (findings, "items-changed", G_CALLBACK (findings_changed_cb), self,
                             G_CONNECT_SWAPPED);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

VpcViewport *
vpc_canvas_get_viewport (VpcCanvas *self)
{
  g_return_val_if_fail (VPC_IS_CANVAS (self), NULL);
  return self->viewport;
}

gboolean
vpc_canvas_get_show_grid (VpcCanvas *self)
{
  g_return_val_if_fail (VPC_IS_CANVAS (self), FALSE);
  return self->show_grid;
}

void
vpc_canvas_set_show_grid (VpcCanvas *self,
                          gboolean   show_grid)
{
  g_return_if_fail (VPC_IS_CANVAS (self));
  show_grid = !!show_grid;
  if (self->show_grid == show_grid)
    return;
  self->show_grid = show_grid;
  gtk_widget_queue_draw (GTK_WIDGET (self));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SHOW_GRID]);
}

void
vpc_canvas_queue_fit (VpcCanvas *self)
{
  g_return_if_fail (VPC_IS_CANVAS (self));
  self->needs_fit = TRUE;
  gtk_widget_queue_allocate (GTK_WIDGET (self));
}

void
vpc_canvas_set_hidden (VpcCanvas  *self,
                       GHashTable *hidden)
{
  g_return_if_fail (VPC_IS_CANVAS (self));
  if (hidden != NULL)
    g_hash_table_ref (hidden);
  g_clear_pointer (&self->hidden, g_hash_table_unref);
  self->hidden = hidden;
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

GHashTable *
vpc_canvas_get_hidden (VpcCanvas *self)
{
  g_return_val_if_fail (VPC_IS_CANVAS (self), NULL);
  return self->hidden;
}

void
vpc_canvas_set_pointer_highlight (VpcCanvas *self,
                                  gboolean   highlight)
{
  g_return_if_fail (VPC_IS_CANVAS (self));
  self->pointer_highlight = !!highlight;
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

double
vpc_canvas_get_text_scale (VpcCanvas *self)
{
  g_return_val_if_fail (VPC_IS_CANVAS (self), 1.0);
  return self->text_scale;
}

void
vpc_canvas_set_text_scale (VpcCanvas *self,
                           double     text_scale)
{
  g_return_if_fail (VPC_IS_CANVAS (self));
  text_scale = isfinite (text_scale)
                   ? CLAMP (text_scale, VPC_RENDER_MIN_TEXT_SCALE, VPC_RENDER_MAX_TEXT_SCALE)
                   : 1.0;
  if (self->text_scale == text_scale)
    return;
  self->text_scale = text_scale;
  gtk_widget_queue_draw (GTK_WIDGET (self));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TEXT_SCALE]);
}

gboolean
vpc_canvas_get_snap_to_grid (VpcCanvas *self)
{
  g_return_val_if_fail (VPC_IS_CANVAS (self), FALSE);
  return self->snap_to_grid;
}

void
vpc_canvas_set_snap_to_grid (VpcCanvas *self,
                             gboolean   snap_to_grid)
{
  g_return_if_fail (VPC_IS_CANVAS (self));
  snap_to_grid = !!snap_to_grid;
  if (self->snap_to_grid == snap_to_grid)
    return;
  self->snap_to_grid = snap_to_grid;
  if (self->tool != NULL)
    vpc_gesture_set_grid (self->tool, snap_to_grid ? VPC_CANVAS_GRID : 0);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SNAP_TO_GRID]);
}

GHashTable *
vpc_canvas_get_selection (VpcCanvas *self)
{
  g_return_val_if_fail (VPC_IS_CANVAS (self), NULL);
  return self->selection;
}

void
vpc_canvas_select (VpcCanvas         *self,
                   const char *const *ids)
{
  g_return_if_fail (VPC_IS_CANVAS (self));

  g_hash_table_remove_all (self->selection);
  if (self->tool != NULL)
    vpc_gesture_clear_connection (self->tool);
  for (guint i = 0; ids != NULL && ids[i] != NULL; i++)
    if (self->design != NULL && (vpc_design_lookup (self->design, ids[i]) != NULL ||
                                 g_str_equal (ids[i], VPC_CONTAINMENT_VPC_ID)))
      g_hash_table_add (self->selection, g_strdup (ids[i]));
  _vpc_canvas_selection_changed (self);
}

void
vpc_canvas_centre_on (VpcCanvas         *self,
                      const char *const *ids)
{
  int width = gtk_widget_get_width (GTK_WIDGET (self));
  int height = gtk_widget_get_height (GTK_WIDGET (self));
  double x0 = G_MAXDOUBLE, y0 = G_MAXDOUBLE, x1 = -G_MAXDOUBLE, y1 = -G_MAXDOUBLE;
  double cx, cy, zoom;

  g_return_if_fail (VPC_IS_CANVAS (self));
  if (self->design == NULL || ids == NULL || width <= 0 || height <= 0)
    return;
  for (guint i = 0; ids[i] != NULL; i++)
    {
      VpcRect r;

      if (!vpc_editing_get_rect (self->design, ids[i], &r))
        continue;
      x0 = MIN (x0, r.x);
      y0 = MIN (y0, r.y);
      x1 = MAX (x1, r.x + r.w);
      y1 = MAX (y1, r.y + r.h);
    }
  if (x1 < x0)
    return;
  zoom = vpc_viewport_get_zoom (self->viewport);
  if ((x1 - x0) * zoom > width - 48 || (y1 - y0) * zoom > height - 48)
    {
      vpc_viewport_fit (self->viewport, x0, y0, x1 - x0, y1 - y0, width, height, 24);
      return;
    }
  vpc_viewport_world_to_widget (self->viewport, (x0 + x1) / 2, (y0 + y1) / 2, &cx, &cy);
  vpc_viewport_pan (self->viewport, width / 2.0 - cx, height / 2.0 - cy);
}

void
vpc_canvas_zoom_fit (VpcCanvas *self)
{
  VpcRenderOptions options;
  double x, y, w, h;

  g_return_if_fail (VPC_IS_CANVAS (self));
  if (self->design == NULL)
    return;
  vpc_render_options_init (&options);
  options.text_scale = self->text_scale;
  vpc_render_get_bounds (self->design, &options, &x, &y, &w, &h);
  vpc_viewport_fit (self->viewport, x, y, w, h,
                    gtk_widget_get_width (GTK_WIDGET (self)),
                    gtk_widget_get_height (GTK_WIDGET (self)), 32);
}

void
vpc_canvas_cancel_gesture (VpcCanvas *self)
{
  g_return_if_fail (VPC_IS_CANVAS (self));
  if (self->tool != NULL && vpc_gesture_get_mode (self->tool) != VPC_GESTURE_IDLE)
    {
      vpc_gesture_cancel (self->tool);
      gtk_widget_queue_draw (GTK_WIDGET (self));
    }
}
