/* SPDX-License-Identifier: GPL-3.0-or-later */
/* vpc-window-import.c: File → Import… and files dropped on the window: a
 * CloudFormation template, or saved AWS CLI outputs chosen or dropped
 * together. The design opens unsaved, like a new one; what the files hold
 * that a design cannot is listed. */
#include "vpc-window-private.h"

#include "vpc-i18n.h"

#include "vpc-file.h"
#include "vpc-iac.h"

/* At most this many notes are listed; the rest are counted. */
#define MAX_NOTES 12

static void
show_notes (VpcWindow  *self,
            const char *name,
            GPtrArray  *warnings)
{
  g_autoptr(GString) body = g_string_new (NULL);
  g_autofree char *heading = g_strdup_printf (_("Imported “%s”"), name);
  GtkWidget *dialog;

  g_string_append (body, _("What the design cannot hold was left out:"));
  for (guint i = 0; i < MIN (warnings->len, MAX_NOTES); i++)
    g_string_append_printf (body, "\n• %s", (const char *) g_ptr_array_index (warnings, i));
  if (warnings->len > MAX_NOTES)
    /* TRANSLATORS: after the first notes of an import, how many more there are. */
    g_string_append_printf (body, ngettext ("\n…and %u more (vpc-designer import lists them all)",
                                            "\n…and %u more (vpc-designer import lists them all)",
                                            warnings->len - MAX_NOTES),
                            warnings->len - MAX_NOTES);
  dialog = adw_message_dialog_new (GTK_WINDOW (self), heading, body->str);
  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
  gtk_window_present (GTK_WINDOW (dialog));
}

/* Parses every file; NULL with the error of the first that fails. */
static GPtrArray *
parse_all (GPtrArray  *files,
           char      **failed,
           GError    **error)
{
  g_autoptr(GPtrArray) roots = g_ptr_array_new_with_free_func ((GDestroyNotify) json_node_unref);

  for (guint i = 0; i < files->len; i++)
    {
      g_autofree char *path = g_file_get_path (g_ptr_array_index (files, i));
      g_autoptr(GBytes) bytes = path != NULL ? vpc_file_read_path (path, error) : NULL;
      JsonNode *root = bytes != NULL ? vpc_iac_parse_template (bytes, error) : NULL;

      if (root == NULL)
        {
          *failed = g_file_get_basename (g_ptr_array_index (files, i));
          if (path == NULL)
            g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                                 _("Only local files can be read"));
          return NULL;
        }
      g_ptr_array_add (roots, root);
    }
  return g_steal_pointer (&roots);
}

gboolean
_vpc_window_import_files (VpcWindow *self,
                          GPtrArray *files)
{
  g_autoptr(GPtrArray) warnings = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) roots = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(VpcDesign) design = NULL;
  g_autofree char *failed = NULL;
  g_autofree char *title = NULL;
  VpcWindow *target;

  g_return_val_if_fail (files != NULL && files->len > 0, FALSE);

  for (guint i = 0; i < files->len; i++)
    g_ptr_array_add (names, g_file_get_basename (g_ptr_array_index (files, i)));
  title = files->len == 1
              ? g_strdup (g_ptr_array_index (names, 0))
              : g_strdup_printf (ngettext ("%u AWS CLI output", "%u AWS CLI outputs", files->len),
                                 files->len);
  roots = parse_all (files, &failed, &error);
  /* One template, or AWS CLI outputs (any number, any order). */
  if (roots != NULL)
    design = vpc_iac_import (roots, names, NULL, NULL, warnings, &error);
  if (design == NULL)
    {
      g_autofree char *heading
          = g_strdup_printf (_("Could not import “%s”"), failed != NULL ? failed : title);

      _vpc_window_show_error (self, heading,
                              error != NULL ? error->message : _("The files hold no design"));
      return FALSE;
    }
  /* A new design that has never been saved: closing asks first. */
  vpc_design_mark_unsaved (design);
  target = _vpc_window_target (self);
  vpc_window_set_design (target, g_steal_pointer (&design), NULL);
  gtk_window_present (GTK_WINDOW (target));
  if (warnings->len > 0)
    show_notes (target, title, warnings);
  else
    {
      g_autofree char *message = g_strdup_printf (_("Imported “%s”"), title);

      _vpc_window_toast (target, message);
    }
  return TRUE;
}

gboolean
_vpc_window_import_file (VpcWindow *self,
                         GFile     *file)
{
  g_autoptr(GPtrArray) files = g_ptr_array_new ();

  g_ptr_array_add (files, file);
  return _vpc_window_import_files (self, files);
}

static void
import_response_cb (GtkNativeDialog *dialog,
                    int              response,
                    VpcWindow       *self)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GListModel) chosen = gtk_file_chooser_get_files (GTK_FILE_CHOOSER (dialog));
      g_autoptr(GPtrArray) files = g_ptr_array_new_with_free_func (g_object_unref);

      for (guint i = 0; i < g_list_model_get_n_items (chosen); i++)
        g_ptr_array_add (files, g_list_model_get_item (chosen, i));
      if (files->len > 0)
        _vpc_window_import_files (self, files);
    }
  _vpc_window_chooser_done (self, dialog);
}

static void
import_cb (GtkWidget  *widget,
           const char *action_name,
           GVariant   *parameter)
{
  VpcWindow *self = VPC_WINDOW (widget);
  GtkFileChooserNative *chooser =
    gtk_file_chooser_native_new (_("Import a Template or AWS CLI Outputs"), GTK_WINDOW (self),
                                 GTK_FILE_CHOOSER_ACTION_OPEN, _("_Import"), _("_Cancel"));
  static const char *const patterns[] = { "*.yaml", "*.yml", "*.template", "*.json" };
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();

  gtk_file_filter_set_name (filter, _("CloudFormation templates and AWS CLI outputs"));
  for (guint i = 0; i < G_N_ELEMENTS (patterns); i++)
    gtk_file_filter_add_pattern (filter, patterns[i]);
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), filter);
  /* AWS CLI outputs come several at a time. */
  gtk_file_chooser_set_select_multiple (GTK_FILE_CHOOSER (chooser), TRUE);
  _vpc_window_show_chooser (self, GTK_NATIVE_DIALOG (chooser), G_CALLBACK (import_response_cb));
}

void
_vpc_window_class_import_init (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "win.import", NULL, import_cb);
}
