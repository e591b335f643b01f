/* SPDX-License-Identifier: GPL-3.0-or-later */
/* vpc-canvas-actions.c: the "canvas.*" actions, their keys, the clipboard
 * and the context menu. */
#include "vpc-canvas-private.h"

#include <string.h>

#include "vpc-clipboard.h"
#include "vpc-containment.h"
#include "vpc-i18n.h"
#include "vpc-layout.h"

#define ZOOM_STEP   1.25
#define NUDGE       1.0
#define NUDGE_SHIFT VPC_CANVAS_GRID
#define PASTE_SHIFT 32.0

/* What the clipboard of @self's display offers: our copy (when this
 * process put it there) or text that may be a design. */
static gboolean
can_paste (VpcCanvas *self)
{
  GdkContentFormats *formats = gdk_clipboard_get_formats (gtk_widget_get_clipboard (GTK_WIDGET (self)));

  return gdk_content_formats_contain_gtype (formats, VPC_TYPE_CLIPBOARD) ||
         gdk_content_formats_contain_gtype (formats, G_TYPE_STRING);
}

static gboolean
has_elements_selected (VpcCanvas *self)
{
  GHashTableIter iter;
  gpointer key;

  g_hash_table_iter_init (&iter, self->selection);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    if (g_strcmp0 (key, VPC_CONTAINMENT_VPC_ID) != 0)
      return TRUE;
  return FALSE;
}

const char *
_vpc_canvas_single_selected (VpcCanvas *self)
{
  GHashTableIter iter;
  gpointer key;

  if (g_hash_table_size (self->selection) != 1)
    return NULL;
  g_hash_table_iter_init (&iter, self->selection);
  g_hash_table_iter_next (&iter, &key, NULL);
  return key;
}

static gboolean
can_connect (VpcCanvas *self)
{
  const char *id = _vpc_canvas_single_selected (self);
  const VpcElement *e
      = id != NULL && self->design != NULL ? vpc_design_lookup (self->design, id) : NULL;

  return e != NULL
         && (e->kind == VPC_KIND_WORKLOAD || e->kind == VPC_KIND_NAT_GATEWAY
             || (e->kind == VPC_KIND_ENDPOINT && e->endpoint_type == VPC_ENDPOINT_INTERFACE));
}

void
_vpc_canvas_update_actions (VpcCanvas *self)
{
  GtkWidget *widget = GTK_WIDGET (self);
  gboolean has_design = self->design != NULL;
  gboolean selected = has_design && has_elements_selected (self);
  gboolean connection = has_design && self->tool != NULL &&
                        vpc_gesture_get_selected_connection (self->tool, NULL, NULL);

  gtk_widget_action_set_enabled (widget, "canvas.delete", selected || connection);
  gtk_widget_action_set_enabled (widget, "canvas.cut", selected);
  gtk_widget_action_set_enabled (widget, "canvas.copy", selected);
  gtk_widget_action_set_enabled (widget, "canvas.duplicate", selected);
  gtk_widget_action_set_enabled (widget, "canvas.paste", has_design && can_paste (self));
  gtk_widget_action_set_enabled (widget, "canvas.connect", has_design && can_connect (self));
  gtk_widget_action_set_enabled (widget, "canvas.nudge",
                                 has_design && g_hash_table_size (self->selection) > 0);
  gtk_widget_action_set_enabled (widget, "canvas.select-all", has_design);
  gtk_widget_action_set_enabled (widget, "canvas.add-element", has_design);
  gtk_widget_action_set_enabled (widget, "canvas.zoom-fit", has_design);
  _vpc_canvas_path_update_actions (self);
}

/* Zoom */

static void
zoom_about_center (VpcCanvas *self,
                   double     factor)
{
  double cx
      = self->pointer_inside ? self->pointer_x : gtk_widget_get_width (GTK_WIDGET (self)) / 2.0;
  double cy
      = self->pointer_inside ? self->pointer_y : gtk_widget_get_height (GTK_WIDGET (self)) / 2.0;

  vpc_viewport_zoom_about (self->viewport, factor, cx, cy);
}

static void
zoom_in_cb (GtkWidget  *widget,
            const char *action_name,
            GVariant   *parameter)
{
  zoom_about_center (VPC_CANVAS (widget), ZOOM_STEP);
}

static void
zoom_out_cb (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  zoom_about_center (VPC_CANVAS (widget), 1 / ZOOM_STEP);
}

static void
zoom_reset_cb (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  VpcCanvas *self = VPC_CANVAS (widget);
  double cx = self->pointer_inside ? self->pointer_x : gtk_widget_get_width (widget) / 2.0;
  double cy = self->pointer_inside ? self->pointer_y : gtk_widget_get_height (widget) / 2.0;
  double x, y;

  /* Exactly 100 %: 1 / zoom * zoom need not be 1 in floating point. */
  vpc_viewport_widget_to_world (self->viewport, cx, cy, &x, &y);
  vpc_viewport_set_view (self->viewport, 1.0, cx - x, cy - y);
}

static void
zoom_fit_cb (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  vpc_canvas_zoom_fit (VPC_CANVAS (widget));
}

/* Selection */

static void
select_all_cb (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  VpcCanvas *self = VPC_CANVAS (widget);

  vpc_editing_select_all (self->design, self->selection);
  vpc_gesture_clear_connection (self->tool);
  _vpc_canvas_selection_changed (self);
}

static void
select_none_cb (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  VpcCanvas *self = VPC_CANVAS (widget);

  if (self->tool != NULL)
    vpc_gesture_clear_connection (self->tool);
  g_hash_table_remove_all (self->selection);
  _vpc_canvas_selection_changed (self);
}

/* Selects @id and scrolls it into view when it is outside. */
static void
select_and_reveal (VpcCanvas  *self,
                   const char *id)
{
  const char *ids[] = { id, NULL };
  int w = gtk_widget_get_width (GTK_WIDGET (self));
  int h = gtk_widget_get_height (GTK_WIDGET (self));
  double x0, y0, x1, y1;
  VpcRect r;

  vpc_canvas_select (self, ids);
  if (!vpc_editing_get_rect (self->design, id, &r))
    return;
  vpc_viewport_world_to_widget (self->viewport, r.x, r.y, &x0, &y0);
  vpc_viewport_world_to_widget (self->viewport, r.x + r.w, r.y + r.h, &x1, &y1);
  if (x1 < 0 || y1 < 0 || x0 > w || y0 > h)
    vpc_viewport_pan (self->viewport, w / 2.0 - (x0 + x1) / 2, h / 2.0 - (y0 + y1) / 2);
}

/* The arrow keys: the nearest element that way (vpc_editing_element_toward()). */
static void
select_toward_cb (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  VpcCanvas *self = VPC_CANVAS (widget);
  const char *next;
  int dx, dy;

  if (self->design == NULL)
    return;
  g_variant_get (parameter, "(ii)", &dx, &dy);
  next = vpc_editing_element_toward (self->design, _vpc_canvas_single_selected (self), dx, dy);
  if (next != NULL)
    select_and_reveal (self, next);
}

/* Editing */

static void
delete_cb (GtkWidget  *widget,
           const char *action_name,
           GVariant   *parameter)
{
  VpcCanvas *self = VPC_CANVAS (widget);
  g_auto(GStrv) ids = NULL;
  g_autofree char *message = NULL;
  guint n;

  if (self->design == NULL)
    return;
  vpc_canvas_cancel_gesture (self);
  if (vpc_gesture_get_selected_connection (self->tool, NULL, NULL))
    {
      if (vpc_gesture_delete (self->tool))
        _vpc_canvas_emit_toast (self, _("Removed the connection"), TRUE);
      _vpc_canvas_selection_changed (self);
      return;
    }
  ids = vpc_editing_selected_ids (self->design, self->selection);
  n = g_strv_length (ids);
  if (n == 0)
    return;
  if (n == 1)
    message = g_strdup_printf (
        _("Deleted %s"), vpc_element_get_display_name (vpc_design_lookup (self->design, ids[0])));
  else
    message = g_strdup_printf (ngettext ("Deleted %u element", "Deleted %u elements", n), n);
  /* A refused delete is explained by the design's "edit-refused". */
  if (vpc_editing_delete_selection (self->design, self->selection) > 0)
    _vpc_canvas_emit_toast (self, message, TRUE);
  _vpc_canvas_selection_changed (self);
}

static void
paste_from (VpcCanvas    *self,
            VpcClipboard *from,
            double        shift)
{
  g_autofree char *reason = NULL;
  g_auto(GStrv) ids = vpc_clipboard_paste (from, self->design, shift, shift, &reason);

  _vpc_canvas_refused (self, reason);
  if (ids != NULL && ids[0] != NULL)
    vpc_canvas_select (self, (const char *const *) ids);
}

/* Puts the selection on the display's clipboard, for every window of this
 * process (the copy itself) and for other programs (a design file's text). */
static void
copy_cb (GtkWidget  *widget,
         const char *action_name,
         GVariant   *parameter)
{
  VpcCanvas *self = VPC_CANVAS (widget);
  g_autoptr(VpcClipboard) copy = NULL;
  g_autoptr(GBytes) text = NULL;
  GdkContentProvider *forms[2];
  g_autoptr(GdkContentProvider) provider = NULL;
  char *serialized;

  if (self->design == NULL || !has_elements_selected (self))
    return;
  copy = vpc_clipboard_copy (self->design, self->selection);
  serialized = vpc_clipboard_serialize (self->design, self->selection);
  text = g_bytes_new_take (serialized, strlen (serialized));
  forms[0] = gdk_content_provider_new_typed (VPC_TYPE_CLIPBOARD, copy);
  forms[1] = gdk_content_provider_new_for_bytes ("text/plain;charset=utf-8", text);
  provider = gdk_content_provider_new_union (forms, G_N_ELEMENTS (forms));
  gdk_clipboard_set_content (gtk_widget_get_clipboard (widget), provider);
  self->paste_count = 0;
  _vpc_canvas_update_actions (self);
}

static void
cut_cb (GtkWidget  *widget,
        const char *action_name,
        GVariant   *parameter)
{
  VpcCanvas *self = VPC_CANVAS (widget);

  copy_cb (widget, action_name, parameter);
  if (self->design == NULL || !has_elements_selected (self))
    return;
  vpc_editing_delete_selection (self->design, self->selection);
  self->paste_count = 0;
  _vpc_canvas_selection_changed (self);
}

/* Text from another program: pasted when it is a design file, refused
 * with the loader's message (naming the place) when it is not. */
static void
paste_text_cb (GObject      *source,
               GAsyncResult *result,
               gpointer      data)
{
  g_autoptr(VpcCanvas) self = data;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = gdk_clipboard_read_text_finish (GDK_CLIPBOARD (source), result, &error);
  g_autoptr(VpcClipboard) pasted = NULL;
  g_autofree char *reason = NULL;

  if (self->design == NULL)
    return;
  if (text == NULL)
    {
      _vpc_canvas_refused (self, _("The clipboard holds nothing that can be pasted."));
      return;
    }
  pasted = vpc_clipboard_new_from_text (text, strlen (text), &error);
  if (pasted == NULL)
    {
      /* TRANSLATORS: %s is the loader's message, naming the place. */
      reason = g_strdup_printf (_("The pasted text is not a design: %s"), error->message);
      _vpc_canvas_refused (self, reason);
      return;
    }
  self->paste_count++;
  paste_from (self, pasted, PASTE_SHIFT * self->paste_count);
}

static void
paste_cb (GtkWidget  *widget,
          const char *action_name,
          GVariant   *parameter)
{
  VpcCanvas *self = VPC_CANVAS (widget);
  GdkClipboard *clipboard = gtk_widget_get_clipboard (widget);
  GdkContentProvider *local = gdk_clipboard_get_content (clipboard);
  g_auto(GValue) value = G_VALUE_INIT;

  if (self->design == NULL)
    return;
  g_value_init (&value, VPC_TYPE_CLIPBOARD);
  /* Copied from this design: the elements themselves, references to the
   * rest kept. From anywhere else the text form, which carries what the
   * elements cannot exist without. */
  if (local != NULL && gdk_content_provider_get_value (local, &value, NULL) &&
      vpc_clipboard_is_from (g_value_get_boxed (&value), self->design))
    {
      self->paste_count++;
      paste_from (self, g_value_get_boxed (&value), PASTE_SHIFT * self->paste_count);
      return;
    }
  gdk_clipboard_read_text_async (clipboard, NULL, paste_text_cb, g_object_ref (self));
}

static void
duplicate_cb (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  VpcCanvas *self = VPC_CANVAS (widget);
  g_autoptr(VpcClipboard) copy = NULL;

  if (self->design == NULL || !has_elements_selected (self))
    return;
  copy = vpc_clipboard_copy (self->design, self->selection);
  paste_from (self, copy, PASTE_SHIFT);
}

/* Tidy (issue 10): lays out the selection, or everything when nothing is
 * selected, as one undo step, with room for labels at the text size the
 * canvas draws. */
static void
tidy_cb (GtkWidget  *widget,
         const char *action_name,
         GVariant   *parameter)
{
  VpcCanvas *self = VPC_CANVAS (widget);
  g_auto(GStrv) ids = NULL;

  if (self->design == NULL)
    return;
  vpc_canvas_cancel_gesture (self);
  ids = vpc_editing_selected_ids (self->design, self->selection);
  if (vpc_layout_tidy (self->design, (const char *const *) ids, self->text_scale))
    _vpc_canvas_emit_toast (self, _("Tidied the layout"), TRUE);
}

static void
nudge_cb (GtkWidget  *widget,
          const char *action_name,
          GVariant   *parameter)
{
  VpcCanvas *self = VPC_CANVAS (widget);
  g_autofree char *reason = NULL;
  double dx, dy;

  if (self->design == NULL)
    return;
  g_variant_get (parameter, "(dd)", &dx, &dy);
  if (!vpc_editing_move_selection (self->design, self->selection, dx, dy, &reason))
    _vpc_canvas_refused (self, reason);
}

/* "Connect to…": a list of the subnets, while a click on one connects too. */
static void
connect_cb (GtkWidget  *widget,
            const char *action_name,
            GVariant   *parameter)
{
  VpcCanvas *self = VPC_CANVAS (widget);
  const char *id = _vpc_canvas_single_selected (self);

  if (id == NULL || !can_connect (self))
    return;
  vpc_gesture_arm_connect (self->tool, id);
  gtk_widget_set_cursor_from_name (widget, "crosshair");
  _vpc_canvas_connect_popup (self, id);
}

static void
add_element_cb (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  vpc_canvas_add_item (VPC_CANVAS (widget), g_variant_get_string (parameter, NULL));
}

static gboolean
place (VpcCanvas  *self,
       const char *item,
       double      x,
       double      y)
{
  g_autofree char *reason = NULL;
  g_autofree char *id = NULL;
  const char *ids[2] = { NULL, NULL };

  if (self->design == NULL)
    return FALSE;
  vpc_canvas_cancel_gesture (self);
  id = vpc_containment_place (self->design, item, x, y, &reason);
  if (id == NULL)
    {
      _vpc_canvas_refused (self, reason);
      return FALSE;
    }
  ids[0] = id;
  vpc_canvas_select (self, ids);
  return TRUE;
}

gboolean
vpc_canvas_add_item (VpcCanvas  *self,
                     const char *item)
{
  double cx, cy, x, y;
  const char *near;

  g_return_val_if_fail (VPC_IS_CANVAS (self), FALSE);
  if (self->design == NULL)
    return FALSE;
  _vpc_canvas_to_world (self, gtk_widget_get_width (GTK_WIDGET (self)) / 2.0,
                        gtk_widget_get_height (GTK_WIDGET (self)) / 2.0, &cx, &cy);
  near = _vpc_canvas_single_selected (self);
  vpc_containment_default_point (self->design, item, near, cx, cy, &x, &y);
  _vpc_canvas_drop_point (self, item, x, y, &x, &y);
  return place (self, item, x, y);
}

gboolean
vpc_canvas_drop_item (VpcCanvas  *self,
                      const char *item,
                      double      widget_x,
                      double      widget_y)
{
  double x, y;

  g_return_val_if_fail (VPC_IS_CANVAS (self), FALSE);
  if (self->design == NULL)
    return FALSE;
  _vpc_canvas_to_world (self, widget_x, widget_y, &x, &y);
  _vpc_canvas_drop_point (self, item, x, y, &x, &y);
  return place (self, item, x, y);
}

/* Context menu */

static GMenuModel *
context_menu_model (void)
{
  GMenu *menu = g_menu_new ();
  GMenu *section = g_menu_new ();

  g_menu_append (section, _("Cu_t"), "canvas.cut");
  g_menu_append (section, _("_Copy"), "canvas.copy");
  g_menu_append (section, _("_Paste"), "canvas.paste");
  g_menu_append (section, _("_Duplicate"), "canvas.duplicate");
  g_menu_append_section (menu, NULL, G_MENU_MODEL (section));
  g_object_unref (section);
  section = g_menu_new ();
  {
    g_autoptr(GMenuItem) connect = g_menu_item_new (_("Co_nnect to…"), "canvas.connect");

    g_menu_item_set_attribute (connect, "accel", "s", "<Control>k");
    g_menu_append_item (section, connect);
  }
  g_menu_append (section, _("De_lete"), "canvas.delete");
  g_menu_append_section (menu, NULL, G_MENU_MODEL (section));
  g_object_unref (section);
  section = g_menu_new ();
  {
    g_autoptr(GMenuItem) trace = g_menu_item_new (_("_Trace Path…"), "canvas.trace-menu");
    g_autoptr(GMenuItem) clear = g_menu_item_new (_("C_lear Path"), "canvas.clear-path");

    g_menu_item_set_attribute (trace, "accel", "s", "<Control>t");
    g_menu_item_set_attribute (clear, "hidden-when", "s", "action-disabled");
    g_menu_append_item (section, trace);
    g_menu_append_item (section, clear);
  }
  g_menu_append_section (menu, NULL, G_MENU_MODEL (section));
  g_object_unref (section);
  section = g_menu_new ();
  {
    /* What-if mode belongs to the window that holds the document; the
     * items hide where it offers nothing (vpc-window-what-if.c). */
    g_autoptr(GMenuItem) off = g_menu_item_new (_("What If _Off"), "win.what-if-off");
    g_autoptr(GMenuItem) isolate = g_menu_item_new (_("What If _Isolated"), "win.what-if-isolate");

    g_menu_item_set_attribute (off, "hidden-when", "s", "action-disabled");
    g_menu_item_set_attribute (isolate, "hidden-when", "s", "action-disabled");
    g_menu_append_item (section, off);
    g_menu_append_item (section, isolate);
  }
  g_menu_append_section (menu, NULL, G_MENU_MODEL (section));
  g_object_unref (section);
  section = g_menu_new ();
  g_menu_append (section, _("Select _All"), "canvas.select-all");
  g_menu_append (section, _("_Fit to Window"), "canvas.zoom-fit");
  {
    g_autoptr(GMenuItem) tidy = g_menu_item_new (_("_Tidy"), "canvas.tidy");

    g_menu_item_set_attribute (tidy, "accel", "s", "<Control><Shift>t");
    g_menu_append_item (section, tidy);
  }
  g_menu_append_section (menu, NULL, G_MENU_MODEL (section));
  g_object_unref (section);
  return G_MENU_MODEL (menu);
}

static void
popup_context_menu (VpcCanvas *self,
                    double     x,
                    double     y)
{
  if (self->context_menu == NULL)
    {
      g_autoptr(GMenuModel) model = context_menu_model ();

      self->context_menu = gtk_popover_menu_new_from_model (model);
      gtk_widget_set_parent (self->context_menu, GTK_WIDGET (self));
      gtk_popover_set_has_arrow (GTK_POPOVER (self->context_menu), FALSE);
      gtk_widget_set_halign (self->context_menu, GTK_ALIGN_START);
    }
  _vpc_canvas_update_actions (self);
  gtk_popover_set_pointing_to (GTK_POPOVER (self->context_menu),
                               &(GdkRectangle) { (int) x, (int) y, 1, 1 });
  gtk_popover_popup (GTK_POPOVER (self->context_menu));
}

void
_vpc_canvas_show_context_menu (VpcCanvas *self,
                               double     x,
                               double     y)
{
  double wx, wy;

  if (self->design == NULL)
    return;
  _vpc_canvas_to_world (self, x, y, &wx, &wy);
  {
    VpcHit hit = vpc_editing_hit_test (self->design, self->selection, wx, wy,
                                     vpc_viewport_get_zoom (self->viewport));

    if ((hit.type == VPC_HIT_ELEMENT || hit.type == VPC_HIT_VPC) &&
        !g_hash_table_contains (self->selection, hit.id))
      {
        vpc_selection_set_one (self->selection, hit.id);
        vpc_gesture_clear_connection (self->tool);
        _vpc_canvas_selection_changed (self);
      }
  }
  popup_context_menu (self, x, y);
}

/* The Menu key and Shift+F10: the context menu of the selection, at the
 * selected element (or the middle of the view). */
static void
context_menu_cb (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  VpcCanvas *self = VPC_CANVAS (widget);
  const char *id = _vpc_canvas_single_selected (self);
  double x = gtk_widget_get_width (widget) / 2.0, y = gtk_widget_get_height (widget) / 2.0;
  VpcRect r;

  if (self->design == NULL)
    return;
  if (id != NULL && vpc_editing_get_rect (self->design, id, &r))
    {
      vpc_viewport_world_to_widget (self->viewport, r.x + r.w / 2, r.y + MIN (r.h / 2, 24), &x, &y);
      x = CLAMP (x, 0, gtk_widget_get_width (widget));
      y = CLAMP (y, 0, gtk_widget_get_height (widget));
    }
  popup_context_menu (self, x, y);
}

/* Class set-up */

static void
add_nudge_binding (GtkWidgetClass  *widget_class,
                   guint            keyval,
                   GdkModifierType  mods,
                   double           dx,
                   double           dy)
{
  gtk_widget_class_add_binding_action (widget_class, keyval, mods, "canvas.nudge", "(dd)", dx, dy);
}

void
_vpc_canvas_class_actions_init (GtkWidgetClass *widget_class)
{
  static const struct {
    const char *name;
    const char *type;
    GtkWidgetActionActivateFunc activate;
  } actions[] = {
    { "canvas.zoom-in", NULL, zoom_in_cb },
    { "canvas.zoom-out", NULL, zoom_out_cb },
    { "canvas.zoom-reset", NULL, zoom_reset_cb },
    { "canvas.zoom-fit", NULL, zoom_fit_cb },
    { "canvas.select-all", NULL, select_all_cb },
    { "canvas.select-none", NULL, select_none_cb },
    { "canvas.select-toward", "(ii)", select_toward_cb },
    { "canvas.delete", NULL, delete_cb },
    { "canvas.cut", NULL, cut_cb },
    { "canvas.copy", NULL, copy_cb },
    { "canvas.paste", NULL, paste_cb },
    { "canvas.duplicate", NULL, duplicate_cb },
    { "canvas.nudge", "(dd)", nudge_cb },
    { "canvas.tidy", NULL, tidy_cb },
    { "canvas.connect", NULL, connect_cb },
    { "canvas.add-element", "s", add_element_cb },
    { "canvas.context-menu", NULL, context_menu_cb },
  };
  static const struct {
    guint keyval, keypad;
    int dx, dy;
  } arrows[] = {
    { GDK_KEY_Left, GDK_KEY_KP_Left, -1, 0 },
    { GDK_KEY_Right, GDK_KEY_KP_Right, 1, 0 },
    { GDK_KEY_Up, GDK_KEY_KP_Up, 0, -1 },
    { GDK_KEY_Down, GDK_KEY_KP_Down, 0, 1 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (actions); i++)
    gtk_widget_class_install_action (widget_class, actions[i].name, actions[i].type,
                                     actions[i].activate);
  gtk_widget_class_install_property_action (widget_class, "canvas.show-grid", "show-grid");
  gtk_widget_class_install_property_action (widget_class, "canvas.snap-to-grid", "snap-to-grid");

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_plus, GDK_CONTROL_MASK,
                                       "canvas.zoom-in", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_equal, GDK_CONTROL_MASK,
                                       "canvas.zoom-in", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Add, GDK_CONTROL_MASK,
                                       "canvas.zoom-in", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_minus, GDK_CONTROL_MASK,
                                       "canvas.zoom-out", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Subtract, GDK_CONTROL_MASK,
                                       "canvas.zoom-out", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_0, GDK_CONTROL_MASK, "canvas.zoom-fit",
                                       NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_1, GDK_CONTROL_MASK,
                                       "canvas.zoom-reset", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_a, GDK_CONTROL_MASK,
                                       "canvas.select-all", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "canvas.select-none", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Delete, 0, "canvas.delete", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Delete, 0, "canvas.delete", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_BackSpace, 0, "canvas.delete", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_x, GDK_CONTROL_MASK, "canvas.cut",
                                       NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_c, GDK_CONTROL_MASK, "canvas.copy",
                                       NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_v, GDK_CONTROL_MASK, "canvas.paste",
                                       NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_d, GDK_CONTROL_MASK,
                                       "canvas.duplicate", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_t, GDK_CONTROL_MASK | GDK_SHIFT_MASK,
                                       "canvas.tidy", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Menu, 0, "canvas.context-menu", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_F10, GDK_SHIFT_MASK,
                                       "canvas.context-menu", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_k, GDK_CONTROL_MASK, "canvas.connect",
                                       NULL);
  /* Tab and Shift+Tab move the keyboard focus on, as in any widget; the
   * arrows move the selection, Alt+arrows the selected elements. */
  for (guint i = 0; i < G_N_ELEMENTS (arrows); i++)
    {
      gtk_widget_class_add_binding_action (widget_class, arrows[i].keyval, 0,
                                           "canvas.select-toward", "(ii)", arrows[i].dx,
                                           arrows[i].dy);
      gtk_widget_class_add_binding_action (widget_class, arrows[i].keypad, 0,
                                           "canvas.select-toward", "(ii)", arrows[i].dx,
                                           arrows[i].dy);
      add_nudge_binding (widget_class, arrows[i].keyval, GDK_ALT_MASK, arrows[i].dx * NUDGE,
                         arrows[i].dy * NUDGE);
      add_nudge_binding (widget_class, arrows[i].keyval, GDK_ALT_MASK | GDK_SHIFT_MASK,
                         arrows[i].dx * NUDGE_SHIFT, arrows[i].dy * NUDGE_SHIFT);
    }
}

GtkWidget *
vpc_canvas_get_context_menu (VpcCanvas *self)
{
  g_return_val_if_fail (VPC_IS_CANVAS (self), NULL);
  return self->context_menu;
}
