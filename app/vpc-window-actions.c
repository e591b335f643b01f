/* SPDX-License-Identifier: GPL-3.0-or-later */
/* vpc-window-actions.c: the "win.*" actions (document, history, export,
 * zoom) and their sensitivity. */
#include "vpc-window-private.h"

#include <string.h>

#include "vpc-export.h"
#include "vpc-export-dialog.h"
#include "vpc-file.h"
#include "vpc-i18n.h"
#include "vpc-safe-save.h"

void
_vpc_window_actions_update (VpcWindow *self)
{
  GtkWidget *widget = GTK_WIDGET (self);
  gboolean has_design = self->design != NULL;

  gtk_widget_action_set_enabled (widget, "win.save", has_design);
  gtk_widget_action_set_enabled (widget, "win.save-as", has_design);
  gtk_widget_action_set_enabled (widget, "win.export", has_design);
  /* A menu button stays sensitive when its menu's actions are not. */
  gtk_widget_set_sensitive (self->export_button, has_design);
  gtk_widget_action_set_enabled (widget, "win.undo",
                                 has_design && vpc_design_get_can_undo (self->design));
  gtk_widget_action_set_enabled (widget, "win.redo",
                                 has_design && vpc_design_get_can_redo (self->design));
  gtk_widget_action_set_enabled (widget, "win.zoom-in", has_design);
  gtk_widget_action_set_enabled (widget, "win.zoom-out", has_design);
  gtk_widget_action_set_enabled (widget, "win.zoom-fit", has_design);
  gtk_widget_action_set_enabled (widget, "win.show-path", has_design);
  _vpc_window_what_if_update_actions (self);
}

/* History */

/* win.undo and win.redo. */
static void
history_cb (GtkWidget  *widget,
            const char *action_name,
            GVariant   *parameter)
{
  VpcWindow *self = VPC_WINDOW (widget);

  if (self->design == NULL)
    return;
  vpc_canvas_cancel_gesture (self->canvas);
  if (g_str_equal (action_name, "win.undo"))
    vpc_design_undo (self->design);
  else
    vpc_design_redo (self->design);
}

/* Zoom, forwarded to the canvas so the header buttons work from anywhere. */

static void
zoom_cb (GtkWidget  *widget,
         const char *action_name,
         GVariant   *parameter)
{
  VpcWindow *self = VPC_WINDOW (widget);
  g_autofree char *name = g_strconcat ("canvas.", action_name + strlen ("win."), NULL);

  gtk_widget_activate_action (GTK_WIDGET (self->canvas), name, NULL);
}

/* A traced path: win.show-path((workload, service)), e.g. from a finding
 * of the findings panel. */

static void
show_path_cb (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  VpcWindow *self = VPC_WINDOW (widget);
  const VpcElement *workload;
  const char *id, *service;

  g_variant_get (parameter, "(&s&s)", &id, &service);
  if (self->design == NULL || (workload = vpc_design_lookup (self->design, id)) == NULL ||
      workload->kind != VPC_KIND_WORKLOAD || !vpc_service_name_is_valid (service))
    return;
  vpc_canvas_set_trace (self->canvas, id, service);
  vpc_canvas_show_trace_details (self->canvas);
}

/* New and open */

/* Another document never replaces unsaved changes: it gets a window of its
 * own (the same for New, Open, Open Recent and dropped files). */
VpcWindow *
_vpc_window_target (VpcWindow *self)
{
  GtkApplication *app = gtk_window_get_application (GTK_WINDOW (self));
  VpcWindow *other;

  if (self->design == NULL || !vpc_design_get_modified (self->design) || !VPC_IS_APPLICATION (app))
    return self;
  other = vpc_window_new (VPC_APPLICATION (app));
  gtk_window_present (GTK_WINDOW (other));
  return other;
}

static void
new_cb (GtkWidget  *widget,
        const char *action_name,
        GVariant   *parameter)
{
  VpcWindow *self = VPC_WINDOW (widget);
  VpcWindow *target = _vpc_window_target (self);

  vpc_window_set_design (target, _vpc_window_new_design (self), NULL);
}

GtkFileFilter *
_vpc_window_design_filter (void)
{
  GtkFileFilter *filter = gtk_file_filter_new ();

  gtk_file_filter_set_name (filter, _("VPC designs"));
  gtk_file_filter_add_pattern (filter, "*.vpcd.json");
  gtk_file_filter_add_pattern (filter, "*.json");
  return filter;
}

void
_vpc_window_chooser_done (VpcWindow       *self,
                          GtkNativeDialog *dialog)
{
  if (self->chooser == dialog)
    g_clear_object (&self->chooser);
}

static void
open_response_cb (GtkNativeDialog *dialog,
                  int              response,
                  VpcWindow       *self)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));

      _vpc_window_open_anywhere (self, file);
    }
  _vpc_window_chooser_done (self, dialog);
}

void
_vpc_window_show_chooser (VpcWindow       *self,
                          GtkNativeDialog *dialog,
                          GCallback        response_cb)
{
  if (self->chooser != NULL)
    gtk_native_dialog_destroy (self->chooser);
  g_clear_object (&self->chooser);
  self->chooser = dialog;
  gtk_native_dialog_set_modal (dialog, TRUE);
  g_signal_connect_object (dialog, "response", response_cb, self, 0);
  gtk_native_dialog_show (dialog);
}

static void
open_cb (GtkWidget  *widget,
         const char *action_name,
         GVariant   *parameter)
{
  VpcWindow *self = VPC_WINDOW (widget);
  GtkFileChooserNative *chooser =
    gtk_file_chooser_native_new (_("Open Design"), GTK_WINDOW (self), GTK_FILE_CHOOSER_ACTION_OPEN,
                                 _("_Open"), _("_Cancel"));
  g_autoptr(GtkFileFilter) filter = _vpc_window_design_filter ();

  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), filter);
  _vpc_window_show_chooser (self, GTK_NATIVE_DIALOG (chooser), G_CALLBACK (open_response_cb));
}

/* Save */

char *
_vpc_window_suggested_name (VpcWindow  *self,
                            const char *suffix)
{
  const char *name = vpc_design_get_info (self->design)->name;
  g_autofree char *base = NULL;

  if (self->file != NULL)
    {
      base = g_file_get_basename (self->file);
      if (g_str_has_suffix (base, ".vpcd.json"))
        base[strlen (base) - strlen (".vpcd.json")] = '\0';
    }
  else
    /* TRANSLATORS: the file name offered for an unnamed design, before
     * its suffix ("design.vpcd.json"): no slashes. */
    base = g_strdup (name != NULL && name[0] ? name : _("design"));
  g_strdelimit (base, "/\\", '-');
  return g_strconcat (base, suffix, NULL);
}

static void
save_as_response_cb (GtkNativeDialog *dialog,
                     int              response,
                     VpcWindow       *self)
{
  gboolean then_close = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (dialog), "then-close"));

  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));

      if (_vpc_window_save_to (self, file) && then_close)
        _vpc_window_close_soon (self);
    }
  _vpc_window_chooser_done (self, dialog);
}

void
_vpc_window_save_as (VpcWindow *self,
                     gboolean   then_close)
{
  GtkFileChooserNative *chooser;
  g_autoptr(GtkFileFilter) filter = _vpc_window_design_filter ();
  g_autofree char *name = NULL;

  if (self->design == NULL)
    return;
  chooser = gtk_file_chooser_native_new (_("Save Design"), GTK_WINDOW (self),
                                         GTK_FILE_CHOOSER_ACTION_SAVE, _("_Save"), _("_Cancel"));
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), filter);
  name = _vpc_window_suggested_name (self, ".vpcd.json");
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), name);
  g_object_set_data (G_OBJECT (chooser), "then-close", GINT_TO_POINTER (then_close));
  _vpc_window_show_chooser (self, GTK_NATIVE_DIALOG (chooser), G_CALLBACK (save_as_response_cb));
}

static void
save_as_cb (GtkWidget  *widget,
            const char *action_name,
            GVariant   *parameter)
{
  _vpc_window_save_as (VPC_WINDOW (widget), FALSE);
}

static void
save_cb (GtkWidget  *widget,
         const char *action_name,
         GVariant   *parameter)
{
  _vpc_window_save (VPC_WINDOW (widget), FALSE);
}

static void
save_then_close_cb (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  _vpc_window_save (VPC_WINDOW (widget), TRUE);
}

static void
open_recent_cb (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  g_autoptr(GFile) file = g_file_new_for_uri (g_variant_get_string (parameter, NULL));

  _vpc_window_open_anywhere (VPC_WINDOW (widget), file);
}

/* Export: the dialog chooses, the file chooser asks where. */

static void
export_response_cb (GtkNativeDialog *chooser,
                    int              response,
                    VpcWindow       *self)
{
  VpcExportDialog *dialog = g_object_get_data (G_OBJECT (chooser), "export-dialog");

  if (response == GTK_RESPONSE_ACCEPT && self->design != NULL && dialog != NULL)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
      g_autofree char *path = g_file_get_path (file);
      g_autofree char *name = g_file_get_basename (file);
      g_autoptr(GError) error = NULL;

      if (path != NULL && vpc_export_dialog_write (dialog, path, &error))
        {
          g_autofree char *message = g_strdup_printf (_("Exported “%s”"), name);

          gtk_window_destroy (GTK_WINDOW (dialog));
          _vpc_window_toast (self, message);
        }
      else
        {
          g_autofree char *heading = g_strdup_printf (_("Could not export “%s”"), name);

          _vpc_window_show_error (self, heading,
                                  error != NULL ? error->message
                                                : _("Only local files can be written"));
        }
    }
  _vpc_window_chooser_done (self, chooser);
}

static void
export_requested_cb (VpcExportDialog *dialog,
                     VpcWindow       *self)
{
  GtkFileChooserNative *chooser;
  g_autofree char *name = NULL;

  if (self->design == NULL)
    return;
  chooser
      = gtk_file_chooser_native_new (_("Export Design"), GTK_WINDOW (dialog),
                                     GTK_FILE_CHOOSER_ACTION_SAVE, _("_Export"), _("_Cancel"));
  name = _vpc_window_suggested_name (self, vpc_export_dialog_get_suffix (dialog));
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), name);
  g_object_set_data_full (G_OBJECT (chooser), "export-dialog", g_object_ref (dialog),
                          g_object_unref);
  _vpc_window_show_chooser (self, GTK_NATIVE_DIALOG (chooser), G_CALLBACK (export_response_cb));
}

GtkWidget *
_vpc_window_open_export_dialog (VpcWindow  *self,
                                const char *format)
{
  GtkWidget *dialog;

  if (self->design == NULL)
    return NULL;
  dialog
      = vpc_export_dialog_new (GTK_WINDOW (self), self->design, self->file, self->settings, format);
  g_signal_connect_object (dialog, "export-requested", G_CALLBACK (export_requested_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
  return dialog;
}

static void
export_cb (GtkWidget  *widget,
           const char *action_name,
           GVariant   *parameter)
{
  const char *format = g_variant_get_string (parameter, NULL);

  _vpc_window_open_export_dialog (VPC_WINDOW (widget), *format != '\0' ? format : NULL);
}

void
_vpc_window_class_actions_init (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "win.new", NULL, new_cb);
  gtk_widget_class_install_action (widget_class, "win.open", NULL, open_cb);
  gtk_widget_class_install_action (widget_class, "win.open-recent", "s", open_recent_cb);
  gtk_widget_class_install_action (widget_class, "win.save", NULL, save_cb);
  gtk_widget_class_install_action (widget_class, "win.save-as", NULL, save_as_cb);
  gtk_widget_class_install_action (widget_class, "win.save-then-close", NULL, save_then_close_cb);
  gtk_widget_class_install_action (widget_class, "win.undo", NULL, history_cb);
  gtk_widget_class_install_action (widget_class, "win.redo", NULL, history_cb);
  gtk_widget_class_install_action (widget_class, "win.export", "s", export_cb);
  gtk_widget_class_install_action (widget_class, "win.zoom-in", NULL, zoom_cb);
  gtk_widget_class_install_action (widget_class, "win.zoom-out", NULL, zoom_cb);
  gtk_widget_class_install_action (widget_class, "win.zoom-fit", NULL, zoom_cb);
  gtk_widget_class_install_action (widget_class, "win.show-path", "(ss)", show_path_cb);
  gtk_widget_class_install_property_action (widget_class, "win.show-grid", "show-grid");
  gtk_widget_class_install_property_action (widget_class, "win.snap-to-grid", "snap-to-grid");
}
