/* vpc-window-import.c: File → Import CloudFormation Template… and
 * templates dropped on the window. The design opens unsaved, like a new
 * one; what the template holds that a design cannot is listed. */
#include "vpc-window-private.h"

#include <glib/gi18n.h>

#include "vpc-cfn.h"
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
    g_string_append_printf (body, _("\n…and %u more (vpc-designer import lists them all)"),
                            warnings->len - MAX_NOTES);
  dialog = adw_message_dialog_new (GTK_WINDOW (self), heading, body->str);
  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
  gtk_window_present (GTK_WINDOW (dialog));
}

gboolean
_vpc_window_import_file (VpcWindow *self,
                         GFile     *file)
{
  g_autofree char *path = g_file_get_path (file);
  g_autofree char *name = g_file_get_basename (file);
  g_autoptr(GPtrArray) warnings = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(VpcDesign) design = NULL;
  VpcWindow *target;

  if (path != NULL)
    bytes = vpc_file_read_path (path, &error);
  if (bytes != NULL)
    root = vpc_iac_parse_template (bytes, &error);
  if (root != NULL)
    design = vpc_cfn_import (root, NULL, warnings, &error);
  if (design == NULL)
    {
      g_autofree char *heading = g_strdup_printf (_("Could not import “%s”"), name);

      _vpc_window_show_error (self, heading, error != NULL ? error->message : _("Only local files can be read"));
      return FALSE;
    }
  /* A new design that has never been saved: closing asks first. */
  vpc_design_mark_unsaved (design);
  target = _vpc_window_target (self);
  vpc_window_set_design (target, g_steal_pointer (&design), NULL);
  gtk_window_present (GTK_WINDOW (target));
  if (warnings->len > 0)
    show_notes (target, name, warnings);
  else
    {
      g_autofree char *message = g_strdup_printf (_("Imported “%s”"), name);

      _vpc_window_toast (target, message);
    }
  return TRUE;
}

static void
import_response_cb (GtkNativeDialog *dialog,
                    int              response,
                    VpcWindow       *self)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));

      _vpc_window_import_file (self, file);
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
    gtk_file_chooser_native_new (_("Import a CloudFormation Template"), GTK_WINDOW (self),
                                 GTK_FILE_CHOOSER_ACTION_OPEN, _("_Import"), _("_Cancel"));
  static const char *const patterns[] = { "*.yaml", "*.yml", "*.template", "*.json" };
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();

  gtk_file_filter_set_name (filter, _("CloudFormation templates (YAML, JSON)"));
  for (guint i = 0; i < G_N_ELEMENTS (patterns); i++)
    gtk_file_filter_add_pattern (filter, patterns[i]);
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), filter);
  _vpc_window_show_chooser (self, GTK_NATIVE_DIALOG (chooser), G_CALLBACK (import_response_cb));
}

void
_vpc_window_class_import_init (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "win.import", NULL, import_cb);
}
