/* SPDX-License-Identifier: GPL-3.0-or-later */
/* vpc-window-lesson.c: the lesson panel over the canvas and "Reset Lab"
 * (issue 12). The panel shows the lesson of the window's design (not of a
 * what-if scenario) and hides while presenting. */
#include "vpc-window-private.h"

#include "vpc-i18n.h"

#include "vpc-file.h"
#include "vpc-lesson-grade.h"
#include "vpc-lesson-panel.h"
#include "vpc-editing.h"

void
_vpc_window_lesson_update (VpcWindow *self)
{
  VpcLessonPanel *panel = VPC_LESSON_PANEL (self->lesson_panel);

  vpc_lesson_panel_set_design (panel, vpc_window_get_presenting (self) ? NULL : self->design);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.reset-lab",
                                 self->design != NULL && self->file != NULL &&
                                 vpc_design_get_info (self->design)->lesson != NULL);
}

static void
reset_response_cb (AdwMessageDialog *dialog,
                   const char       *response,
                   VpcWindow        *self)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  VpcDesign *design;

  if (g_strcmp0 (response, "reset") != 0 || self->file == NULL)
    return;
  path = g_file_get_path (self->file);
  design = path != NULL ? vpc_file_load_path (path, NULL, &error) : NULL;
  if (design == NULL)
    {
      _vpc_window_show_error (self, _("Could not reset the lab"),
                              error != NULL ? error->message : _("Only local files can be read"));
      return;
    }
  vpc_window_set_design (self, design, self->file);
  _vpc_window_remember_disk_state (self);
  _vpc_window_toast (self, _("The lab is as it was saved"));
}

static void
reset_lab_cb (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  VpcWindow *self = VPC_WINDOW (widget);
  GtkWidget *dialog;

  if (self->design == NULL || self->file == NULL)
    return;
  if (!vpc_design_get_modified (self->design))
    {
      reset_response_cb (NULL, "reset", self);
      return;
    }
  dialog = adw_message_dialog_new (
      GTK_WINDOW (self), _("Reset the Lab?"),
      _("Your changes to this lab are discarded and it opens again as it was saved."));
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog), "cancel", _("_Cancel"), "reset",
                                    _("_Reset"), NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "reset",
                                              ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_signal_connect_object (dialog, "response", G_CALLBACK (reset_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* Authoring: the selection (or, without one, everything) becomes the
 * lesson's next step, one undoable edit. */
static void
add_step_cb (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  VpcWindow *self = VPC_WINDOW (widget);
  g_auto(GStrv) ids = NULL;
  g_autofree char *title = NULL;
  const VpcLesson *lesson;
  static const char *const everything[] = {
    "vpc",       "availability_zones", "subnets",         "nat_gateways",
    "workloads", "endpoints",          "security_groups", NULL,
  };

  if (self->design == NULL || vpc_window_get_presenting (self) || _vpc_window_what_if_active (self))
    return;
  ids = vpc_editing_selected_ids (self->design, vpc_canvas_get_selection (self->canvas));
  lesson = vpc_design_get_info (self->design)->lesson;
  title = g_strdup_printf (_("Step %u"), (lesson != NULL ? lesson->steps->len : 0) + 1);
  vpc_lesson_add_step (self->design, title,
                       ids != NULL && ids[0] != NULL ? (const char *const *) ids : everything);
  _vpc_window_toast (self, _("Added a lesson step: it shows what was selected"));
}

void
_vpc_window_lesson_init (VpcWindow *self)
{
  GtkWidget *overlay = gtk_widget_get_parent (GTK_WIDGET (self->canvas));

  self->lesson_panel = vpc_lesson_panel_new ();
  gtk_widget_set_halign (self->lesson_panel, GTK_ALIGN_END);
  gtk_widget_set_valign (self->lesson_panel, GTK_ALIGN_START);
  gtk_widget_set_margin_top (self->lesson_panel, 12);
  gtk_widget_set_margin_end (self->lesson_panel, 12);
  gtk_overlay_add_overlay (GTK_OVERLAY (overlay), self->lesson_panel);
}

void
_vpc_window_class_lesson_init (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "win.reset-lab", NULL, reset_lab_cb);
  gtk_widget_class_install_action (widget_class, "win.add-lesson-step", NULL, add_step_cb);
}
