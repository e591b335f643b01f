/* SPDX-License-Identifier: GPL-3.0-or-later */
/* vpc-window-what-if.c: what-if mode (issue 11).
 *
 * View state, never an edit and never saved: the window keeps its design
 * and shows, on the canvas and in the sidebar, a read-only scenario that
 * VpcWhatIf makes from it (an AZ down, an endpoint or NAT gateway off,
 * isolation on for a workload), with the difference in the bar under the
 * canvas, until the user leaves the mode. Apply makes the switches on the
 * design as one undoable step. An edit of the design itself (undo, a file
 * reloaded) makes the scenario again from it.
 *
 * Actions: win.what-if-off and win.what-if-isolate switch the selected
 * elements; win.what-if-toggle((us)) one switch (VpcWhatIfChange, id);
 * win.what-if-apply; win.what-if-leave.
 */
#include "vpc-window-private.h"

#include "vpc-i18n.h"

#include "vpc-editing.h"
#include "vpc-what-if-bar.h"

static const char *
read_only_reason (void)
{
  return _("This is a what-if view of the design: leave what-if mode to edit it");
}

static void
scenario_refused_cb (VpcWindow  *self,
                     const char *message)
{
  vpc_message_bar_show (self->message_bar, VPC_MESSAGE_REFUSED, message);
}

/* Shows @design with @validator in the canvas and the sidebar. */
static void
show (VpcWindow    *self,
      VpcDesign    *design,
      VpcValidator *validator)
{
  g_auto(GStrv) ids = NULL;

  vpc_canvas_set_findings (self->canvas, NULL);
  vpc_canvas_switch_design (self->canvas, design);
  vpc_canvas_set_findings (self->canvas, G_LIST_MODEL (validator));
  vpc_sidebar_set_design (self->sidebar, design, validator);
  ids = vpc_editing_selected_ids (design, vpc_canvas_get_selection (self->canvas));
  vpc_sidebar_set_selection (self->sidebar, (const char *const *) ids);
}

static void
clear_scenario (VpcWindow *self)
{
  if (self->scenario != NULL)
    g_signal_handlers_disconnect_by_data (self->scenario, self);
  g_clear_object (&self->scenario_validator);
  g_clear_object (&self->scenario);
}

/* Makes the scenario again from the design and the switches; leaves the
 * mode when no switch is left. */
static void
refresh (VpcWindow *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(VpcDesign) scenario = NULL;

  if (self->what_if == NULL || self->design == NULL)
    return;
  vpc_what_if_prune (self->what_if, self->design);
  if (vpc_what_if_get_n_switches (self->what_if) == 0)
    {
      _vpc_window_what_if_leave (self);
      return;
    }
  scenario = vpc_what_if_scenario (self->what_if, self->design, read_only_reason (), &error);
  if (scenario == NULL)
    {
      vpc_message_bar_show (self->message_bar, VPC_MESSAGE_REFUSED, error->message);
      return;
    }
  clear_scenario (self);
  self->scenario = g_steal_pointer (&scenario);
  g_signal_connect_swapped (self->scenario, "edit-refused", G_CALLBACK (scenario_refused_cb), self);
  self->scenario_validator = vpc_validator_new (self->scenario);
  show (self, self->scenario, self->scenario_validator);
  vpc_what_if_bar_update (VPC_WHAT_IF_BAR (self->what_if_bar), self->design, self->scenario,
                          self->what_if);
  _vpc_window_actions_update (self);
}

static void
leave_mode (VpcWindow *self)
{
  gboolean shown = self->scenario != NULL;

  g_clear_pointer (&self->what_if, vpc_what_if_free);
  /* A refusal of the scenario's says nothing about the design. */
  if (shown)
    vpc_message_bar_dismiss (self->message_bar);
  if (shown && self->design != NULL)
    show (self, self->design, self->validator);
  clear_scenario (self);
  vpc_what_if_bar_update (VPC_WHAT_IF_BAR (self->what_if_bar), NULL, NULL, NULL);
  _vpc_window_actions_update (self);
}

void
_vpc_window_what_if_leave (VpcWindow *self)
{
  if (self->what_if != NULL)
    leave_mode (self);
}

void
_vpc_window_what_if_design_changed (VpcWindow *self)
{
  if (self->what_if != NULL)
    refresh (self);
}

gboolean
_vpc_window_what_if_active (VpcWindow *self)
{
  return self->what_if != NULL;
}

/* The ids selected on the canvas to which @change applies (in the design:
 * an element the scenario shows is one of the design's). */
static GPtrArray *
selected_for (VpcWindow       *self,
              VpcWhatIfChange  change)
{
  GPtrArray *ids = g_ptr_array_new_with_free_func (g_free);
  VpcDesign *shown = vpc_canvas_get_design (self->canvas);
  g_auto(GStrv) selected = NULL;

  if (self->design == NULL || shown == NULL)
    return ids;
  selected = vpc_editing_selected_ids (shown, vpc_canvas_get_selection (self->canvas));
  for (guint i = 0; selected != NULL && selected[i] != NULL; i++)
    if (vpc_what_if_applies (self->design, change, selected[i]) &&
        (self->what_if == NULL || !vpc_what_if_contains (self->what_if, change, selected[i])))
      g_ptr_array_add (ids, g_strdup (selected[i]));
  return ids;
}

void
_vpc_window_what_if_update_actions (VpcWindow *self)
{
  GtkWidget *widget = GTK_WIDGET (self);
  g_autoptr(GPtrArray) off = selected_for (self, VPC_WHAT_IF_OFF);
  g_autoptr(GPtrArray) isolate = selected_for (self, VPC_WHAT_IF_ISOLATED);

  gtk_widget_action_set_enabled (widget, "win.what-if-off", off->len > 0);
  gtk_widget_action_set_enabled (widget, "win.what-if-isolate", isolate->len > 0);
  gtk_widget_action_set_enabled (widget, "win.what-if-toggle", self->design != NULL);
  gtk_widget_action_set_enabled (widget, "win.what-if-apply", self->what_if != NULL);
  gtk_widget_action_set_enabled (widget, "win.what-if-leave", self->what_if != NULL);
}

static void
switch_ids (VpcWindow       *self,
            VpcWhatIfChange  change,
            GPtrArray       *ids)
{
  if (ids->len == 0)
    return;
  if (self->what_if == NULL)
    {
      /* One overlay at a time: compare marks belong to the real design. */
      _vpc_window_compare_leave (self);
      self->what_if = vpc_what_if_new ();
    }
  for (guint i = 0; i < ids->len; i++)
    vpc_what_if_toggle (self->what_if, change, ids->pdata[i]);
  refresh (self);
}

static void
switch_selected_cb (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  VpcWindow *self = VPC_WINDOW (widget);
  VpcWhatIfChange change
      = g_str_equal (action_name, "win.what-if-isolate") ? VPC_WHAT_IF_ISOLATED : VPC_WHAT_IF_OFF;
  g_autoptr(GPtrArray) ids = selected_for (self, change);

  switch_ids (self, change, ids);
}

static void
toggle_cb (GtkWidget  *widget,
           const char *action_name,
           GVariant   *parameter)
{
  VpcWindow *self = VPC_WINDOW (widget);
  guint32 change;
  const char *id;

  g_variant_get (parameter, "(u&s)", &change, &id);
  if (self->design == NULL || change > VPC_WHAT_IF_ISOLATED)
    return;
  /* Taking a switch back is always possible; adding one must apply. */
  if (self->what_if != NULL && vpc_what_if_contains (self->what_if, change, id))
    {
      vpc_what_if_toggle (self->what_if, change, id);
      refresh (self);
      return;
    }
  if (vpc_what_if_applies (self->design, change, id))
    {
      g_autoptr(GPtrArray) ids = g_ptr_array_new ();

      g_ptr_array_add (ids, (gpointer) id);
      switch_ids (self, change, ids);
    }
}

static void
apply_cb (GtkWidget  *widget,
          const char *action_name,
          GVariant   *parameter)
{
  VpcWindow *self = VPC_WINDOW (widget);
  g_autoptr(VpcWhatIf) what_if = NULL;

  if (self->what_if == NULL || self->design == NULL)
    return;
  /* Leave first: the edit below must not make a scenario again. */
  what_if = g_steal_pointer (&self->what_if);
  leave_mode (self);
  vpc_what_if_apply (what_if, self->design, _("Apply What-If"));
}

static void
leave_cb (GtkWidget  *widget,
          const char *action_name,
          GVariant   *parameter)
{
  _vpc_window_what_if_leave (VPC_WINDOW (widget));
}

void
_vpc_window_what_if_init (VpcWindow *self)
{
  GtkWidget *overlay = gtk_widget_get_parent (GTK_WIDGET (self->canvas));

  self->what_if_bar = vpc_what_if_bar_new ();
  gtk_widget_set_valign (self->what_if_bar, GTK_ALIGN_END);
  gtk_overlay_add_overlay (GTK_OVERLAY (overlay), self->what_if_bar);
  g_signal_connect_object (self->canvas, "selection-changed",
                           G_CALLBACK (_vpc_window_what_if_update_actions), self,
                           G_CONNECT_SWAPPED);
}

void
_vpc_window_what_if_dispose (VpcWindow *self)
{
  g_clear_pointer (&self->what_if, vpc_what_if_free);
  clear_scenario (self);
}

void
_vpc_window_class_what_if_init (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "win.what-if-off", NULL, switch_selected_cb);
  gtk_widget_class_install_action (widget_class, "win.what-if-isolate", NULL, switch_selected_cb);
  gtk_widget_class_install_action (widget_class, "win.what-if-toggle", "(us)", toggle_cb);
  gtk_widget_class_install_action (widget_class, "win.what-if-apply", NULL, apply_cb);
  gtk_widget_class_install_action (widget_class, "win.what-if-leave", NULL, leave_cb);
}
