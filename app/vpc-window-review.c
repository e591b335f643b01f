/* SPDX-License-Identifier: GPL-3.0-or-later */
/* vpc-window-review.c: File → Compare With… and Export → Review Report….
 *
 * Comparing is view state, like a traced path: the other version is read
 * once, and after every edit the model's diff (the `diff` command's code)
 * is made again, marked on the canvas and summed up in a bar. Nothing of
 * the other version enters the document.
 */
#include "vpc-window-private.h"

#include "vpc-i18n.h"

#include "vpc-compare-bar.h"
#include "vpc-diff.h"
#include "vpc-export.h"
#include "vpc-file.h"
#include "vpc-report.h"

/* --- compare -------------------------------------------------------------- */

static void
refresh (VpcWindow *self)
{
  g_autoptr(VpcDiff) diff = NULL;

  if (self->compare_other == NULL || self->design == NULL)
    return;
  diff = vpc_diff_compute (self->compare_other, self->design,
                           vpc_design_get_info (self->design)->profile, NULL);
  vpc_canvas_set_comparison (self->canvas, self->compare_other, diff->changes);
  vpc_compare_bar_update (VPC_COMPARE_BAR (self->compare_bar), diff, self->compare_other,
                          self->design, self->compare_name);
}

void
_vpc_window_compare_leave (VpcWindow *self)
{
  if (self->compare_other == NULL)
    return;
  g_clear_object (&self->compare_other);
  g_clear_pointer (&self->compare_name, g_free);
  vpc_canvas_set_comparison (self->canvas, NULL, NULL);
  vpc_compare_bar_update (VPC_COMPARE_BAR (self->compare_bar), NULL, NULL, NULL, NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.compare-leave", FALSE);
}

void
_vpc_window_compare_design_changed (VpcWindow *self)
{
  refresh (self);
}

gboolean
_vpc_window_compare_with (VpcWindow *self,
                          GFile     *file)
{
  g_autofree char *path = g_file_get_path (file);
  g_autoptr(GError) error = NULL;
  g_autoptr(VpcDesign) other = NULL;

  if (self->design == NULL)
    return FALSE;
  if (path != NULL)
    other = vpc_file_load_path (path, NULL, &error);
  if (other == NULL)
    {
      g_autofree char *name = g_file_get_basename (file);
      g_autofree char *heading = g_strdup_printf (_("Could not compare with “%s”"), name);

      _vpc_window_show_error (self, heading,
                              error != NULL ? error->message : _("Only local files can be read"));
      return FALSE;
    }
  /* One overlay at a time: the what-if scenario is another design. */
  _vpc_window_what_if_leave (self);
  g_set_object (&self->compare_other, other);
  g_free (self->compare_name);
  self->compare_name = g_file_get_basename (file);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.compare-leave", TRUE);
  refresh (self);
  return TRUE;
}

static void
compare_response_cb (GtkNativeDialog *dialog,
                     int              response,
                     VpcWindow       *self)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));

      _vpc_window_compare_with (self, file);
    }
  _vpc_window_chooser_done (self, dialog);
}

static void
compare_cb (GtkWidget  *widget,
            const char *action_name,
            GVariant   *parameter)
{
  VpcWindow *self = VPC_WINDOW (widget);
  GtkFileChooserNative *chooser;
  g_autoptr(GtkFileFilter) filter = _vpc_window_design_filter ();

  if (self->design == NULL)
    return;
  chooser = gtk_file_chooser_native_new (_("Compare With Another Version"), GTK_WINDOW (self),
                                         GTK_FILE_CHOOSER_ACTION_OPEN, _("_Compare"), _("_Cancel"));
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), filter);
  _vpc_window_show_chooser (self, GTK_NATIVE_DIALOG (chooser), G_CALLBACK (compare_response_cb));
}

static void
compare_leave_cb (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  _vpc_window_compare_leave (VPC_WINDOW (widget));
}

/* --- the review report ---------------------------------------------------- */

static gboolean
write_report (VpcWindow  *self,
              GFile      *file,
              GError    **error)
{
  g_autofree char *path = g_file_get_path (file);
  g_autofree char *title = NULL;

  if (path == NULL)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                           _("Only local files can be written"));
      return FALSE;
    }
  if (self->file != NULL)
    {
      g_autofree char *design_path = g_file_get_path (self->file);

      title = design_path != NULL ? vpc_export_title_from_path (design_path) : NULL;
    }
  return vpc_report_to_file (self->design, path, title, error);
}

static void
report_response_cb (GtkNativeDialog *dialog,
                    int              response,
                    VpcWindow       *self)
{
  if (response == GTK_RESPONSE_ACCEPT && self->design != NULL)
    {
      g_autoptr(GFile) chosen = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));
      g_autofree char *name = g_file_get_basename (chosen);
      g_autoptr(GFile) file = NULL;
      g_autoptr(GError) error = NULL;

      /* A name without a known suffix gets the PDF one. */
      if (vpc_report_path_is_supported (name))
        file = g_object_ref (chosen);
      else
        {
          g_autofree char *with_pdf = g_strconcat (name, ".pdf", NULL);
          g_autoptr(GFile) parent = g_file_get_parent (chosen);

          file = g_file_get_child (parent, with_pdf);
          g_free (name);
          name = g_steal_pointer (&with_pdf);
        }
      if (write_report (self, file, &error))
        {
          g_autofree char *message = g_strdup_printf (_("Wrote the review report “%s”"), name);

          _vpc_window_toast (self, message);
        }
      else
        {
          g_autofree char *heading = g_strdup_printf (_("Could not write “%s”"), name);

          _vpc_window_show_error (self, heading, error->message);
        }
    }
  _vpc_window_chooser_done (self, dialog);
}

static void
add_filter (GtkFileChooser *chooser,
            const char     *name,
            const char     *pattern)
{
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();

  gtk_file_filter_set_name (filter, name);
  gtk_file_filter_add_pattern (filter, pattern);
  gtk_file_chooser_add_filter (chooser, filter);
}

static void
export_report_cb (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  VpcWindow *self = VPC_WINDOW (widget);
  GtkFileChooserNative *chooser;
  g_autofree char *name = NULL;

  if (self->design == NULL)
    return;
  chooser = gtk_file_chooser_native_new (_("Write a Review Report"), GTK_WINDOW (self),
                                         GTK_FILE_CHOOSER_ACTION_SAVE, _("_Write"), _("_Cancel"));
  add_filter (GTK_FILE_CHOOSER (chooser), _("PDF document (A4)"), "*.pdf");
  add_filter (GTK_FILE_CHOOSER (chooser), _("Web page (one HTML file)"), "*.html");
  add_filter (GTK_FILE_CHOOSER (chooser), _("Markdown (with the diagram as SVG beside it)"),
              "*.md");
  name = _vpc_window_suggested_name (self, "-review.pdf");
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), name);
  _vpc_window_show_chooser (self, GTK_NATIVE_DIALOG (chooser), G_CALLBACK (report_response_cb));
}

/* --- set-up --------------------------------------------------------------- */

void
_vpc_window_review_init (VpcWindow *self)
{
  GtkWidget *overlay = gtk_widget_get_parent (GTK_WIDGET (self->canvas));

  self->compare_bar = vpc_compare_bar_new ();
  gtk_widget_set_valign (self->compare_bar, GTK_ALIGN_END);
  gtk_overlay_add_overlay (GTK_OVERLAY (overlay), self->compare_bar);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.compare-leave", FALSE);
}

void
_vpc_window_review_dispose (VpcWindow *self)
{
  g_clear_object (&self->compare_other);
  g_clear_pointer (&self->compare_name, g_free);
}

void
_vpc_window_class_review_init (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "win.compare", NULL, compare_cb);
  gtk_widget_class_install_action (widget_class, "win.compare-leave", NULL, compare_leave_cb);
  gtk_widget_class_install_action (widget_class, "win.export-report", NULL, export_report_cb);
}
