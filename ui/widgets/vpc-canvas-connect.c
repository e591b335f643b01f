/* SPDX-License-Identifier: GPL-3.0-or-later */
/* vpc-canvas-connect.c: "Connect to…" from the keyboard. A popover at the
 * selected workload, interface endpoint or NAT gateway lists the subnets
 * it can connect to (name, zone, CIDR); Enter on one connects through the
 * same undoable edit as a connection line released over the subnet
 * (vpc_editing_connect()), Esc cancels. While the popover is open the
 * mouse gesture stays armed: a click on a subnet connects as well. */
#include "vpc-canvas-private.h"

#include "vpc-containment.h"
#include "vpc-i18n.h"

#define SUBNET_KEY "vpc-connect-subnet"

static void
disarm (VpcCanvas *self)
{
  if (self->tool != NULL)
    vpc_gesture_arm_connect (self->tool, NULL);
  gtk_widget_set_cursor (GTK_WIDGET (self), NULL);
}

static void
row_activated_cb (GtkListBox    *list,
                  GtkListBoxRow *row,
                  VpcCanvas     *self)
{
  const char *subnet = g_object_get_data (G_OBJECT (row), SUBNET_KEY);
  g_autofree char *from = g_strdup (self->connect_from);
  g_autofree char *reason = NULL;
  g_autofree char *message = NULL;
  const VpcElement *s;

  self->connect_done = TRUE;
  gtk_popover_popdown (GTK_POPOVER (self->connect_popover));
  if (self->design == NULL || from == NULL || subnet == NULL)
    return;
  s = vpc_design_lookup (self->design, subnet);
  /* TRANSLATORS: %s is the name of a subnet. */
  message = g_strdup_printf (_("Connected to %s"), s != NULL ? vpc_element_get_display_name (s)
                                                             : subnet);
  if (vpc_editing_connect (self->design, from, subnet, &reason))
    _vpc_canvas_emit_toast (self, message, TRUE);
  else
    _vpc_canvas_refused (self, reason);
}

static gboolean
key_pressed_cb (GtkEventControllerKey *controller,
                guint                  keyval,
                guint                  keycode,
                GdkModifierType        state,
                VpcCanvas             *self)
{
  if (keyval == GDK_KEY_Escape)
    self->connect_done = TRUE;
  return GDK_EVENT_PROPAGATE;
}

static void
closed_cb (GtkPopover *popover,
           VpcCanvas  *self)
{
  /* Closed by a click elsewhere: the click may go on to a subnet. */
  if (self->connect_done)
    disarm (self);
  g_clear_pointer (&self->connect_from, g_free);
  /* Back where the command came from (the canvas, or an outline row). */
  if (self->connect_return != NULL && gtk_widget_get_mapped (self->connect_return))
    gtk_widget_grab_focus (self->connect_return);
  else
    gtk_widget_grab_focus (GTK_WIDGET (self));
  g_clear_weak_pointer (&self->connect_return);
}

static GtkWidget *
subnet_row (VpcDesign        *design,
            const VpcElement *subnet)
{
  const VpcElement *az = vpc_design_lookup (design, subnet->az);
  GtkWidget *row = adw_action_row_new ();
  g_autofree char *subtitle = NULL;

  /* TRANSLATORS: a subnet's availability zone and CIDR block. */
  subtitle = g_strdup_printf (_("%s · %s"), az != NULL ? vpc_element_get_display_name (az) : "",
                              subnet->cidr != NULL ? subnet->cidr : "");
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), vpc_element_get_display_name (subnet));
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
  g_object_set_data_full (G_OBJECT (row), SUBNET_KEY, g_strdup (subnet->id), g_free);
  return row;
}

static void
ensure_popover (VpcCanvas *self)
{
  GtkEventController *keys;

  if (self->connect_popover != NULL)
    return;
  self->connect_popover = gtk_popover_new ();
  gtk_widget_set_parent (self->connect_popover, GTK_WIDGET (self));
  gtk_widget_add_css_class (self->connect_popover, "vpc-connect-popover");
  g_signal_connect (self->connect_popover, "closed", G_CALLBACK (closed_cb), self);
  keys = gtk_event_controller_key_new ();
  gtk_event_controller_set_propagation_phase (keys, GTK_PHASE_CAPTURE);
  g_signal_connect (keys, "key-pressed", G_CALLBACK (key_pressed_cb), self);
  gtk_widget_add_controller (self->connect_popover, keys);
}

/* The popover's content for @from_id: a heading and one row per subnet. */
static GtkWidget *
build_content (VpcCanvas   *self,
               const char  *from_id,
               GtkWidget  **out_list)
{
  g_autoptr(GPtrArray) targets = vpc_editing_connect_targets (self->design, from_id);
  const VpcElement *from = vpc_design_lookup (self->design, from_id);
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  g_autofree char *title = NULL;
  GtkWidget *heading, *list;

  /* TRANSLATORS: %s is a workload, endpoint or NAT gateway. */
  title = g_strdup_printf (_("Connect %s to"), vpc_element_get_display_name (from));
  heading = gtk_label_new (title);
  gtk_label_set_xalign (GTK_LABEL (heading), 0);
  gtk_widget_add_css_class (heading, "heading");
  gtk_box_append (GTK_BOX (box), heading);
  if (targets->len == 0)
    {
      GtkWidget *none = gtk_label_new (_("No subnet to connect to"));

      gtk_label_set_xalign (GTK_LABEL (none), 0);
      gtk_widget_add_css_class (none, "dim-label");
      gtk_box_append (GTK_BOX (box), none);
      return box;
    }
  list = *out_list = gtk_list_box_new ();
  gtk_widget_set_name (list, "connect-list");
  gtk_list_box_set_selection_mode (GTK_LIST_BOX (list), GTK_SELECTION_NONE);
  gtk_widget_add_css_class (list, "boxed-list");
  gtk_accessible_update_property (GTK_ACCESSIBLE (list), GTK_ACCESSIBLE_PROPERTY_LABEL, title,
                                  -1);
  for (guint i = 0; i < targets->len; i++)
    gtk_list_box_append (GTK_LIST_BOX (list),
                         subnet_row (self->design, g_ptr_array_index (targets, i)));
  g_signal_connect (list, "row-activated", G_CALLBACK (row_activated_cb), self);
  if (targets->len > 8)
    {
      GtkWidget *scrolled = gtk_scrolled_window_new ();

      gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scrolled), GTK_POLICY_NEVER,
                                      GTK_POLICY_AUTOMATIC);
      gtk_scrolled_window_set_max_content_height (GTK_SCROLLED_WINDOW (scrolled), 420);
      gtk_scrolled_window_set_propagate_natural_height (GTK_SCROLLED_WINDOW (scrolled), TRUE);
      gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), list);
      gtk_box_append (GTK_BOX (box), scrolled);
    }
  else
    gtk_box_append (GTK_BOX (box), list);
  return box;
}

void
_vpc_canvas_connect_popup (VpcCanvas  *self,
                           const char *from_id)
{
  GtkWidget *content, *list = NULL;
  double x0, y0, x1, y1;
  VpcRect r;

  ensure_popover (self);
  {
    GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

    g_set_weak_pointer (&self->connect_return, root != NULL ? gtk_root_get_focus (root) : NULL);
  }
  g_free (self->connect_from);
  self->connect_from = g_strdup (from_id);
  self->connect_done = FALSE;
  content = build_content (self, from_id, &list);
  gtk_popover_set_child (GTK_POPOVER (self->connect_popover), content);
  if (vpc_editing_get_rect (self->design, from_id, &r))
    {
      vpc_viewport_world_to_widget (self->viewport, r.x, r.y, &x0, &y0);
      vpc_viewport_world_to_widget (self->viewport, r.x + r.w, r.y + r.h, &x1, &y1);
      x0 = CLAMP (x0, 0, gtk_widget_get_width (GTK_WIDGET (self)) - 1);
      y0 = CLAMP (y0, 0, gtk_widget_get_height (GTK_WIDGET (self)) - 1);
      gtk_popover_set_pointing_to (GTK_POPOVER (self->connect_popover),
                                   &(GdkRectangle) { (int) x0, (int) y0,
                                                     MAX (1, (int) (x1 - x0)),
                                                     MAX (1, (int) (y1 - y0)) });
    }
  gtk_popover_popup (GTK_POPOVER (self->connect_popover));
  /* Keyboard focus into the list, on its first subnet. */
  if (list != NULL)
    gtk_widget_grab_focus (GTK_WIDGET (gtk_list_box_get_row_at_index (GTK_LIST_BOX (list), 0)));
}

GtkWidget *
vpc_canvas_get_connect_popover (VpcCanvas *self)
{
  g_return_val_if_fail (VPC_IS_CANVAS (self), NULL);
  return self->connect_popover;
}
