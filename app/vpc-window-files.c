/* SPDX-License-Identifier: GPL-3.0-or-later */
/* vpc-window-files.c: the window's file: open, save (asking when the file
 * changed on disk), recent files and dropped files. */
#include "vpc-window-private.h"

#include <string.h>

#include "vpc-file.h"
#include "vpc-heap.h"
#include "vpc-i18n.h"
#include "vpc-iac.h"
#include "vpc-file-repair.h"
#include "vpc-safe-save.h"

#define MAX_RECENT 8

/* Stamp of the file on disk */

static gboolean
query_stamp (GFile   *file,
             guint64 *mtime,
             goffset *size)
{
  g_autoptr (GFileInfo) info
      = g_file_query_info (file,
                           G_FILE_ATTRIBUTE_TIME_MODIFIED "," G_FILE_ATTRIBUTE_TIME_MODIFIED_USEC
                                                          "," G_FILE_ATTRIBUTE_STANDARD_SIZE,
                           G_FILE_QUERY_INFO_NONE, NULL, NULL);

  if (info == NULL)
    return FALSE;
  *mtime = g_file_info_get_attribute_uint64 (info, G_FILE_ATTRIBUTE_TIME_MODIFIED) * G_USEC_PER_SEC
           + g_file_info_get_attribute_uint32 (info, G_FILE_ATTRIBUTE_TIME_MODIFIED_USEC);
  *size = g_file_info_get_size (info);
  return TRUE;
}

void
_vpc_window_remember_disk_state (VpcWindow *self)
{
  self->disk_known = self->file != NULL &&
                     query_stamp (self->file, &self->disk_mtime, &self->disk_size);
}

/* TRUE when another program rewrote (or removed) the file since we read or
 * wrote it. */
static gboolean
changed_on_disk (VpcWindow *self)
{
  guint64 mtime;
  goffset size;

  if (self->file == NULL || !self->disk_known)
    return FALSE;
  if (!query_stamp (self->file, &mtime, &size))
    return FALSE;  /* gone: saving recreates it, nothing is lost */
  return mtime != self->disk_mtime || size != self->disk_size;
}

/* Recent files */

static gboolean
is_design_uri (const char *uri)
{
  return g_str_has_suffix (uri, ".vpcd.json");
}

static void
recent_changed_cb (VpcWindow        *self,
                   GtkRecentManager *manager)
{
  GList *items = gtk_recent_manager_get_items (manager);
  guint n = 0;

  g_menu_remove_all (self->recent_menu);
  for (GList *l = items; l != NULL && n < MAX_RECENT; l = l->next)
    {
      GtkRecentInfo *info = l->data;
      const char *uri = gtk_recent_info_get_uri (info);
      g_autoptr(GMenuItem) item = NULL;

      if (!is_design_uri (uri) || !gtk_recent_info_exists (info))
        continue;
      item = g_menu_item_new (gtk_recent_info_get_display_name (info), NULL);
      g_menu_item_set_action_and_target (item, "win.open-recent", "s", uri);
      g_menu_append_item (self->recent_menu, item);
      n++;
    }
  g_list_free_full (items, (GDestroyNotify) gtk_recent_info_unref);
}

void
_vpc_window_add_recent (VpcWindow *self,
                        GFile     *file)
{
  g_autofree char *uri = NULL;
  gboolean enabled = TRUE;

  /* The desktop's "remember recent files" privacy switch. */
  g_object_get (gtk_widget_get_settings (GTK_WIDGET (self)), "gtk-recent-files-enabled", &enabled,
                NULL);
  if (!enabled)
    return;
  uri = g_file_get_uri (file);
  gtk_recent_manager_add_item (gtk_recent_manager_get_default (), uri);
}

/* Open */

/* Shows @design, read from @file, and tells what the reading left out:
 * the loader's warnings, or how many changes a repair made. */
static void
show_opened (VpcWindow *self,
             VpcDesign *design,
             GFile     *file,
             GPtrArray *warnings,
             guint      n_repairs)
{
  g_autofree char *path = g_file_get_path (file);
  g_autofree char *message = NULL;

  /* Temporary files that a crashed save left beside it (old enough not to
   * belong to a save running elsewhere). */
  if (path != NULL)
    vpc_safe_save_remove_stale (path, 60 * G_USEC_PER_SEC);
  _vpc_window_set_design (self, design, file);
  _vpc_window_remember_disk_state (self);
  _vpc_window_add_recent (self, file);
  if (n_repairs > 0)
    {
      /* It stays readable until dismissed: the design differs from its file. */
      message = g_strdup_printf (
          ngettext ("Opened with %u repair: what could not be read was left out. "
                    "The file itself stays as it was until you save.",
                    "Opened with %u repairs: what could not be read was left out. "
                    "The file itself stays as it was until you save.",
                    n_repairs),
          n_repairs);
      vpc_message_bar_show (self->message_bar, VPC_MESSAGE_NOTICE, message);
    }
  else if (warnings != NULL && warnings->len > 0)
    {
      /* TRANSLATORS: how many warnings the loader gave, and the first. */
      message = g_strdup_printf (
          ngettext ("Opened with %u warning: %s", "Opened with %u warnings: %s", warnings->len),
          warnings->len, (const char *) g_ptr_array_index (warnings, 0));
      _vpc_window_toast (self, message);
    }
}

/* A repaired design waiting for the user's answer. */
typedef struct
{
  VpcDesign *design;
  GFile     *file;
  guint      n_changes;
} RepairOffer;

static void
repair_offer_free (RepairOffer *offer)
{
  g_clear_object (&offer->design);
  g_clear_object (&offer->file);
  g_free (offer);
}

static void
repair_response_cb (AdwMessageDialog *dialog,
                    const char       *response,
                    VpcWindow        *self)
{
  RepairOffer *offer = g_object_get_data (G_OBJECT (dialog), "offer");

  if (g_strcmp0 (response, "repair") == 0)
    show_opened (self, offer->design, offer->file, NULL, offer->n_changes);
}

/* Every change, one per line: scrolled, selectable, wrapped. */
static GtkWidget *
changes_view (GPtrArray *changes)
{
  GtkWidget *scrolled = gtk_scrolled_window_new ();
  GtkWidget *view = gtk_text_view_new ();
  g_autoptr(GString) text = g_string_new (NULL);

  for (guint i = 0; i < changes->len; i++)
    g_string_append_printf (text, "%s%s", i > 0 ? "\n" : "",
                            (const char *) g_ptr_array_index (changes, i));
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (GTK_TEXT_VIEW (view)), text->str,
                            (int) text->len);
  gtk_text_view_set_editable (GTK_TEXT_VIEW (view), FALSE);
  gtk_text_view_set_cursor_visible (GTK_TEXT_VIEW (view), FALSE);
  gtk_text_view_set_wrap_mode (GTK_TEXT_VIEW (view), GTK_WRAP_WORD_CHAR);
  gtk_text_view_set_monospace (GTK_TEXT_VIEW (view), TRUE);
  gtk_text_view_set_top_margin (GTK_TEXT_VIEW (view), 6);
  gtk_text_view_set_bottom_margin (GTK_TEXT_VIEW (view), 6);
  gtk_text_view_set_left_margin (GTK_TEXT_VIEW (view), 6);
  gtk_text_view_set_right_margin (GTK_TEXT_VIEW (view), 6);
  gtk_widget_set_name (view, "repair-changes");
  gtk_accessible_update_property (GTK_ACCESSIBLE (view), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("What opening with repairs leaves out"), -1);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), view);
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scrolled), GTK_POLICY_NEVER,
                                  GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_min_content_height (GTK_SCROLLED_WINDOW (scrolled), 80);
  gtk_scrolled_window_set_max_content_height (GTK_SCROLLED_WINDOW (scrolled), 320);
  gtk_scrolled_window_set_propagate_natural_height (GTK_SCROLLED_WINDOW (scrolled), TRUE);
  gtk_widget_set_size_request (scrolled, 480, -1);
  gtk_widget_add_css_class (scrolled, "card");
  return scrolled;
}

/* A file the loader refuses for what it holds (not for its syntax or a
 * limit): offers to open it without what is invalid (format.md §5). The
 * file stays as it is until the user saves. FALSE when repair cannot help. */
static gboolean
offer_repair (VpcWindow *self,
              GFile     *file,
              GBytes    *bytes)
{
  g_autoptr(GPtrArray) changes = NULL;
  g_autoptr(VpcDesign) design = NULL;
  g_autoptr(GBytes) repaired = vpc_file_repair_bytes (bytes, &changes, &design, NULL);
  g_autofree char *name = NULL;
  g_autofree char *body = NULL;
  RepairOffer *offer;
  GtkWidget *dialog;

  if (repaired == NULL || changes->len == 0)
    return FALSE;
  name = g_file_get_basename (file);
  /* TRANSLATORS: the file's name and how many changes the repair makes. */
  body = g_strdup_printf (
      ngettext ("“%s” cannot be opened as it is. Opening it with repairs leaves out "
                "what is listed below (%u change). The file itself stays as it is "
                "until you save.",
                "“%s” cannot be opened as it is. Opening it with repairs leaves out "
                "what is listed below (%u changes). The file itself stays as it is "
                "until you save.",
                changes->len),
      name, changes->len);
  dialog = adw_message_dialog_new (GTK_WINDOW (self), _("This design has problems"), body);
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), changes_view (changes));
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "repair", _("_Open with Repairs"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "repair",
                                              ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "repair");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  offer = g_new0 (RepairOffer, 1);
  offer->design = g_steal_pointer (&design);
  offer->file = g_object_ref (file);
  offer->n_changes = changes->len;
  g_object_set_data_full (G_OBJECT (dialog), "offer", offer, (GDestroyNotify) repair_offer_free);
  g_signal_connect_object (dialog, "response", G_CALLBACK (repair_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
  return TRUE;
}

/* The one way a file opens: the file chooser, recent files, dropped files,
 * examples and the files the application is asked to open. */
void
vpc_window_open_file (VpcWindow *self,
                      GFile     *file)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) warnings = NULL;
  g_autoptr(VpcDesign) design = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autofree char *path = NULL;

  g_return_if_fail (VPC_IS_WINDOW (self));
  g_return_if_fail (G_IS_FILE (file));

  path = g_file_get_path (file);
  vpc_heap_prepare_for_file (path);
  if (path != NULL)
    bytes = vpc_file_read_path (path, &error);
  else
    g_set_error (&error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED, _("Only local files can be opened"));
  if (bytes != NULL)
    design = vpc_file_load_bytes (bytes, &warnings, &error);
  if (design == NULL)
    {
      g_autofree char *name = g_file_get_parse_name (file);
      g_autofree char *heading = g_strdup_printf (_("Could not open “%s”"), name);

      /* Back from vpc_window_expect_file(), while the message is read. */
      if (self->design == NULL)
        gtk_stack_set_visible_child_name (self->stack, "start");
      if (bytes != NULL && vpc_file_repair_applies (error) && offer_repair (self, file, bytes))
        return;
      /* The open document (if any) stays as it was. */
      _vpc_window_show_error (self, heading, error->message);
      return;
    }
  show_opened (self, design, file, warnings, 0);
}

void
_vpc_window_open_anywhere (VpcWindow *self,
                           GFile     *file)
{
  GtkApplication *app = gtk_window_get_application (GTK_WINDOW (self));

  /* A design opens once: its window comes forward. */
  for (GList *l = app ? gtk_application_get_windows (app) : NULL; l != NULL; l = l->next)
    {
      VpcWindow *other = l->data;

      if (VPC_IS_WINDOW (other) && other->file != NULL && other->design != NULL &&
          g_file_equal (other->file, file))
        {
          gtk_window_present (GTK_WINDOW (other));
          return;
        }
    }
  vpc_window_open_file (_vpc_window_target (self), file);
}

/* Save */

gboolean
_vpc_window_save_to (VpcWindow *self,
                     GFile     *file)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_file_get_path (file);

  if (self->design == NULL)
    return FALSE;
  if (path == NULL || !vpc_file_save_path (self->design, path, &error))
    {
      g_autofree char *name = g_file_get_parse_name (file);
      g_autofree char *heading = g_strdup_printf (_("Could not save “%s”"), name);

      _vpc_window_show_error (self, heading,
                              error ? error->message : _("Only local files can be saved"));
      return FALSE;
    }
  g_set_object (&self->file, file);
  _vpc_window_remember_disk_state (self);
  _vpc_window_add_recent (self, file);
  if (self->recovery != NULL)
    vpc_recovery_writer_set_original_path (self->recovery, path);
  _vpc_window_update_title (self);
  _vpc_window_actions_update (self);
  return TRUE;
}

static void
save_here (VpcWindow *self,
           gboolean   then_close)
{
  if (!_vpc_window_save_to (self, self->file))
    return;
  if (then_close)
    _vpc_window_close_soon (self);
  else
    _vpc_window_toast (self, _("Saved"));
}

static void
overwrite_response_cb (AdwMessageDialog *dialog,
                       const char       *response,
                       VpcWindow        *self)
{
  gboolean then_close = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (dialog), "then-close"));

  if (g_strcmp0 (response, "overwrite") == 0 && self->file != NULL)
    save_here (self, then_close);
}

void
_vpc_window_save (VpcWindow *self,
                  gboolean   then_close)
{
  GtkWidget *dialog;
  g_autofree char *name = NULL;
  g_autofree char *body = NULL;

  if (self->design == NULL)
    return;
  vpc_canvas_cancel_gesture (self->canvas);
  if (self->file == NULL)
    {
      _vpc_window_save_as (self, then_close);
      return;
    }
  if (!changed_on_disk (self))
    {
      save_here (self, then_close);
      return;
    }
  name = g_file_get_basename (self->file);
  body = g_strdup_printf (_("“%s” was changed by another program since it was opened here. "
                            "Saving replaces those changes with this design."), name);
  dialog = adw_message_dialog_new (GTK_WINDOW (self), _("File Changed on Disk"), body);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "overwrite", _("_Overwrite"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "overwrite",
                                              ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_object_set_data (G_OBJECT (dialog), "then-close", GINT_TO_POINTER (then_close));
  g_signal_connect_object (dialog, "response", G_CALLBACK (overwrite_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* Dropped files */

/* A design saved as plain .json says "vpc-designer" at its start. */
static gboolean
looks_like_design (GFile *file)
{
  g_autoptr(GFileInputStream) stream = NULL;
  char head[4096];
  gssize n;

  /* Only a regular file is read here (a FIFO could block): the rest is
   * Open's to refuse with its message. */
  if (g_file_query_file_type (file, G_FILE_QUERY_INFO_NONE, NULL) != G_FILE_TYPE_REGULAR)
    return TRUE;
  stream = g_file_read (file, NULL, NULL);
  if (stream == NULL)
    return TRUE;
  n = g_input_stream_read (G_INPUT_STREAM (stream), head, sizeof head - 1, NULL, NULL);
  if (n < 0)
    return TRUE;
  head[n] = '\0';
  return strstr (head, "\"vpc-designer\"") != NULL;
}

static gboolean
drop_cb (GtkDropTarget *target,
         const GValue  *value,
         double         x,
         double         y,
         VpcWindow     *self)
{
  g_autoptr(GPtrArray) outputs = g_ptr_array_new_with_free_func (g_object_unref);
  GSList *files;

  if (!G_VALUE_HOLDS (value, GDK_TYPE_FILE_LIST))
    return FALSE;
  files = g_value_get_boxed (value);
  for (GSList *l = files; l != NULL; l = l->next)
    {
      g_autofree char *name = g_file_get_basename (l->data);

      /* A design opens; a template, or AWS CLI output (JSON that is no
       * design, dropped together), becomes a new design. */
      if (name != NULL && vpc_iac_path_is_template (name))
        _vpc_window_import_file (self, l->data);
      else if (name != NULL && g_str_has_suffix (name, ".json")
               && !g_str_has_suffix (name, ".vpcd.json") && !looks_like_design (l->data))
        g_ptr_array_add (outputs, g_object_ref (l->data));
      else
        _vpc_window_open_anywhere (self, l->data);
    }
  if (outputs->len > 0)
    _vpc_window_import_files (self, outputs);
  return files != NULL;
}

void
_vpc_window_files_init (VpcWindow *self)
{
  GtkRecentManager *manager = gtk_recent_manager_get_default ();
  GtkDropTarget *target = gtk_drop_target_new (GDK_TYPE_FILE_LIST, GDK_ACTION_COPY);

  /* The canvas takes palette items; files land anywhere in the window. */
  g_signal_connect (target, "drop", G_CALLBACK (drop_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (target));

  g_signal_connect_object (manager, "changed", G_CALLBACK (recent_changed_cb), self,
                           G_CONNECT_SWAPPED);
  recent_changed_cb (self, manager);
}
