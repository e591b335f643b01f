/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-export-dialog.c: the app half of issue 10 under Xvfb: the export
 * dialog writes what it shows and remembers it, an unnamed design is
 * titled with its file's name, Focus view (F9) gives the canvas the
 * window, and the text size reaches the canvas.
 *
 * Runs in suite 'gui' (GSETTINGS_BACKEND=memory: choices live for the
 * process only). VPC_UPDATE_GOLDENS=1 rewrites the Focus view golden.
 */
#include <adwaita.h>
#include <glib/gstdio.h>
#include <string.h>

#include "gui-test-utils.h"
#include "vpc-canvas.h"
#include "vpc-export-dialog.h"
#include "vpc-file.h"
#include "vpc-settings.h"
#include "vpc-window.h"

#define EXAMPLE "two-az-training-and-hosting.vpcd.json"

typedef struct
{
  VpcWindow *window;
  VpcDesign *design;
  char      *dir;
  char      *path;
} Fixture;

/* The example as "lab-one.vpcd.json", without a name. */
static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  g_autofree char *src = g_build_filename (g_getenv ("VPC_EXAMPLES_DIR"), EXAMPLE, NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(VpcDesign) design = vpc_file_load_path (src, NULL, &error);
  VpcDesignInfo *info;

  g_assert_no_error (error);
  info = vpc_design_info_copy (vpc_design_get_info (design));
  g_free (info->name);
  info->name = g_strdup ("");
  g_assert_true (vpc_design_set_info (design, info));
  /* A fixed folder: the window's subtitle shows it in the screenshot. */
  f->dir = g_build_filename (g_get_tmp_dir (), "vpc-export-dialog-golden", NULL);
  g_assert_cmpint (g_mkdir_with_parents (f->dir, 0700), ==, 0);
  f->path = g_build_filename (f->dir, "lab-one.vpcd.json", NULL);
  g_assert_true (vpc_file_save_path (design, f->path, &error));
  g_assert_no_error (error);
  f->window = g_object_new (VPC_TYPE_WINDOW, "default-width", 1280, "default-height", 720, NULL);
  f->design = gui_test_window_open (f->window, f->path, 10);
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  gtk_window_destroy (GTK_WINDOW (f->window));
  gui_test_spin (10);
  g_unlink (f->path);
  g_rmdir (f->dir);
  g_free (f->path);
  g_free (f->dir);
}

static VpcExportDialog *
open_dialog (Fixture    *f,
             GSettings  *settings,
             const char *format)
{
  GtkWidget *dialog = vpc_export_dialog_new (GTK_WINDOW (f->window), f->design,
                                             vpc_window_get_file (f->window), settings, format);

  gtk_window_present (GTK_WINDOW (dialog));
  gui_test_spin (5);
  return VPC_EXPORT_DIALOG (dialog);
}

static char *
write_to (Fixture         *f,
          VpcExportDialog *dialog,
          const char      *name)
{
  g_autoptr(GError) error = NULL;
  char *out = g_build_filename (f->dir, name, NULL);

  g_assert_true (vpc_export_dialog_write (dialog, out, &error));
  g_assert_no_error (error);
  return out;
}

/* What the rows show is what is written: the scale, the transparent
 * background, the title block and legend, the file's name as title. */
static void
test_writes_choices (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(GSettings) settings = vpc_settings_new ();
  VpcExportDialog *dialog;
  g_autofree char *one = NULL;
  g_autofree char *three = NULL;
  g_autofree char *svg = NULL, *drawio = NULL, *terraform = NULL;
  g_autofree char *text = NULL;
  cairo_surface_t *a, *b;

  g_assert_nonnull (settings);
  dialog = open_dialog (f, settings, "png");
  g_assert_cmpstr (vpc_export_dialog_get_format (dialog), ==, "png");
  adw_combo_row_set_selected (ADW_COMBO_ROW (gui_test_find_row (GTK_WIDGET (dialog), "Scale")), 0);
  one = write_to (f, dialog, "one.png");
  adw_combo_row_set_selected (ADW_COMBO_ROW (gui_test_find_row (GTK_WIDGET (dialog), "Scale")), 2);
  gtk_switch_set_active (
      GTK_SWITCH (gui_test_find_type (
          gui_test_find_row (GTK_WIDGET (dialog), "Transparent Background"), GTK_TYPE_SWITCH)),
      TRUE);
  three = write_to (f, dialog, "three.png");
  a = cairo_image_surface_create_from_png (one);
  b = cairo_image_surface_create_from_png (three);
  g_assert_cmpint (abs (cairo_image_surface_get_width (b) - 3 * cairo_image_surface_get_width (a)),
                   <=, 3);
  g_assert_cmpint (cairo_image_surface_get_format (a), ==, CAIRO_FORMAT_RGB24);
  g_assert_cmpint (cairo_image_surface_get_format (b), ==, CAIRO_FORMAT_ARGB32);
  g_assert_cmpuint (((guint32 *) cairo_image_surface_get_data (b))[0] >> 24, ==, 0);
  cairo_surface_destroy (a);
  cairo_surface_destroy (b);

  adw_combo_row_set_selected (ADW_COMBO_ROW (gui_test_find_row (GTK_WIDGET (dialog), "Format")), 1);
  g_assert_cmpstr (vpc_export_dialog_get_suffix (dialog), ==, ".svg");
  gtk_switch_set_active (GTK_SWITCH (gui_test_find_type (
                             gui_test_find_row (GTK_WIDGET (dialog), "Legend"), GTK_TYPE_SWITCH)),
                         FALSE);
  svg = write_to (f, dialog, "named.svg");
  g_file_get_contents (svg, &text, NULL, NULL);
  g_assert_nonnull (strstr (text, ">lab-one</text>"));
  g_assert_null (strstr (text, "Untitled"));
  g_assert_nonnull (strstr (text, "class=\"vpcd-title\""));
  g_assert_null (strstr (text, "class=\"vpcd-legend\""));
  gtk_window_destroy (GTK_WINDOW (dialog));

  /* Opened again (no format asked for): the last choices. */
  dialog = open_dialog (f, settings, NULL);
  g_assert_cmpstr (vpc_export_dialog_get_format (dialog), ==, "svg");
  g_assert_cmpuint (
      adw_combo_row_get_selected (ADW_COMBO_ROW (gui_test_find_row (GTK_WIDGET (dialog), "Scale"))),
      ==, 2);
  g_assert_false (gtk_switch_get_active (GTK_SWITCH (
      gui_test_find_type (gui_test_find_row (GTK_WIDGET (dialog), "Legend"), GTK_TYPE_SWITCH))));
  /* Never over the design file itself. */
  {
    g_autoptr(GError) error = NULL;

    g_assert_false (vpc_export_dialog_write (dialog, f->path, &error));
    g_assert_nonnull (error);
  }
  /* The editable diagram: shapes for diagrams.net, no picture settings. */
  adw_combo_row_set_selected (ADW_COMBO_ROW (gui_test_find_row (GTK_WIDGET (dialog), "Format")), 4);
  g_assert_cmpstr (vpc_export_dialog_get_suffix (dialog), ==, ".drawio");
  g_assert_false (gtk_widget_get_sensitive (gui_test_find_row (GTK_WIDGET (dialog), "Theme")));
  drawio = write_to (f, dialog, "named.drawio");
  g_clear_pointer (&text, g_free);
  g_file_get_contents (drawio, &text, NULL, NULL);
  g_assert_nonnull (strstr (text, "<mxfile"));
  g_assert_nonnull (strstr (text, "name=\"lab-one\""));
  /* Infrastructure code: Terraform, with the same choices set aside. */
  adw_combo_row_set_selected (ADW_COMBO_ROW (gui_test_find_row (GTK_WIDGET (dialog), "Format")), 7);
  g_assert_cmpstr (vpc_export_dialog_get_suffix (dialog), ==, ".tf");
  g_assert_false (gtk_widget_get_sensitive (gui_test_find_row (GTK_WIDGET (dialog), "Theme")));
  terraform = write_to (f, dialog, "named.tf");
  g_clear_pointer (&text, g_free);
  g_file_get_contents (terraform, &text, NULL, NULL);
  g_assert_nonnull (strstr (text, "resource \"aws_vpc\" \"vpc\""));
  gtk_window_destroy (GTK_WINDOW (dialog));
  g_unlink (terraform);
  g_unlink (drawio);
  g_unlink (one);
  g_unlink (three);
  g_unlink (svg);
}

/* F9 hides the palette and the sidebar; the canvas takes the window; F9
 * again brings them back. */
static void
test_focus_view (Fixture       *f,
                 gconstpointer  data)
{
  GtkWidget *canvas = vpc_window_get_canvas (f->window);
  GtkWidget *sidebar = GTK_WIDGET (vpc_window_get_sidebar (f->window));
  int before = gtk_widget_get_width (canvas);

  g_assert_true (gtk_widget_get_visible (sidebar));
  g_assert_cmpint (before, <, gtk_widget_get_width (GTK_WIDGET (f->window)) * 0.7);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.focus-view", NULL));
  gtk_test_widget_wait_for_draw (GTK_WIDGET (f->window));
  gui_test_spin (10);
  g_assert_true (vpc_window_get_focus_view (f->window));
  g_assert_false (gtk_widget_get_visible (sidebar));
  g_assert_cmpint (gtk_widget_get_width (canvas), >=,
                   gtk_widget_get_width (GTK_WIDGET (f->window)) * 0.9);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "canvas.zoom-fit", NULL) ||
                 gtk_widget_activate_action (canvas, "canvas.zoom-fit", NULL));
  gui_test_spin (10);
  gui_test_check_screenshot (GTK_WIDGET (f->window), "window-focus-view");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.focus-view", NULL));
  gtk_test_widget_wait_for_draw (GTK_WIDGET (f->window));
  gui_test_spin (10);
  g_assert_true (gtk_widget_get_visible (sidebar));
  g_assert_cmpint (gtk_widget_get_width (canvas), ==, before);
}

/* The text size reaches the canvas: larger text, another picture. */
static void
test_text_size (Fixture       *f,
                gconstpointer  data)
{
  VpcCanvas *canvas = VPC_CANVAS (vpc_window_get_canvas (f->window));
  g_autoptr(GdkTexture) normal = gui_test_capture (GTK_WIDGET (canvas));
  g_autoptr(GdkTexture) large = NULL;

  g_assert_cmpfloat (vpc_canvas_get_text_scale (canvas), ==, 1.0);
  g_object_set (canvas, "text-scale", 1.5, NULL);
  g_assert_cmpfloat (vpc_canvas_get_text_scale (canvas), ==, 1.5);
  large = gui_test_capture (GTK_WIDGET (canvas));
  g_assert_cmpuint (gui_test_count_differing (normal, large), >, 1000);
  vpc_canvas_set_text_scale (canvas, 9.0);
  g_assert_cmpfloat (vpc_canvas_get_text_scale (canvas), ==, 2.0);
}

int
main (int   argc,
      char *argv[])
{
  gui_test_init (&argc, &argv, "test-export-dialog");
#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_setup, func, fixture_teardown)
  ADD ("/export-dialog/writes-and-remembers", test_writes_choices);
  ADD ("/window/focus-view", test_focus_view);
  ADD ("/window/text-size", test_text_size);
#undef ADD
  return g_test_run ();
}
