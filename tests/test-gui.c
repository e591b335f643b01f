/* test-gui.c: the editor window under a real (Xvfb) display, driven through
 * its actions as RELIABILITY.md §3 recommends. */
#include <adwaita.h>
#include <glib/gstdio.h>
#include <string.h>
#include <time.h>
#include <utime.h>

#include "gui-test-utils.h"
#include "vpc-canvas.h"
#include "vpc-containment.h"
#include "vpc-file.h"
#include "vpc-palette.h"
#include "vpc-render.h"
#include "vpc-tools.h"
#include "vpc-window.h"

typedef struct
{
  VpcWindow *window;
  VpcCanvas *canvas;
  VpcDesign *design;
  char      *dir;
  char      *path;
} Fixture;

static void
setup (Fixture *f, gconstpointer data)
{
  f->design = gui_test_open_copy ("gui-two-az.vpcd.json", &f->window, &f->dir, &f->path);
  f->canvas = VPC_CANVAS (vpc_window_get_canvas (f->window));
}

static void
teardown (Fixture *f, gconstpointer data)
{
  gui_test_close_copy (f->window, f->dir, f->path);
}

static void
activate (gpointer widget, const char *name, GVariant *parameter)
{
  /* gtk_widget_activate_action_variant() does not sink a floating parameter. */
  g_autoptr(GVariant) owned = parameter ? g_variant_ref_sink (parameter) : NULL;

  g_assert_true (gtk_widget_activate_action_variant (GTK_WIDGET (widget), name, owned));
}

static void
test_title_and_undo (Fixture *f, gconstpointer data)
{
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (f->window)), ==, "GUI drag test");
  g_assert_false (vpc_window_get_modified (f->window));

  activate (f->canvas, "canvas.add-element", g_variant_new_string ("az"));
  g_assert_cmpuint (vpc_design_get_n_elements (f->design, VPC_KIND_AZ), ==, 3);
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (f->window)), ==, "• GUI drag test");
  /* The new AZ is selected. */
  g_assert_true (g_hash_table_contains (vpc_canvas_get_selection (f->canvas), "az-1"));

  activate (f->window, "win.undo", NULL);
  g_assert_cmpuint (vpc_design_get_n_elements (f->design, VPC_KIND_AZ), ==, 2);
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (f->window)), ==, "GUI drag test");

  activate (f->window, "win.redo", NULL);
  g_assert_cmpuint (vpc_design_get_n_elements (f->design, VPC_KIND_AZ), ==, 3);
}

static void
test_zoom (Fixture *f, gconstpointer data)
{
  VpcViewport *vp = vpc_canvas_get_viewport (f->canvas);
  int w = gtk_widget_get_width (GTK_WIDGET (f->canvas));
  int h = gtk_widget_get_height (GTK_WIDGET (f->canvas));
  double zoom = vpc_viewport_get_zoom (vp);
  double x0, y0, x1, y1;

  g_assert_cmpint (w, >, 100);
  /* The design was fitted on the first layout: the VPC is in view. */
  vpc_viewport_world_to_widget (vp, 0, 0, &x0, &y0);
  vpc_viewport_world_to_widget (vp, 1000, 700, &x1, &y1);
  g_assert_cmpfloat (x0, >=, 0);
  g_assert_cmpfloat (y0, >=, 0);
  g_assert_cmpfloat (x1, <=, w);
  g_assert_cmpfloat (y1, <=, h);

  activate (f->canvas, "canvas.zoom-in", NULL);
  g_assert_cmpfloat_with_epsilon (vpc_viewport_get_zoom (vp), zoom * 1.25, 1e-9);
  activate (f->window, "win.zoom-out", NULL);
  g_assert_cmpfloat_with_epsilon (vpc_viewport_get_zoom (vp), zoom, 1e-9);
  activate (f->canvas, "canvas.zoom-reset", NULL);
  g_assert_cmpfloat (vpc_viewport_get_zoom (vp), ==, 1.0);
  activate (f->canvas, "canvas.zoom-fit", NULL);
  g_assert_cmpfloat_with_epsilon (vpc_viewport_get_zoom (vp), zoom, 1e-9);
}

static void
test_delete_undo (Fixture *f, gconstpointer data)
{
  const char *ids[] = { "sn-a2", NULL };

  vpc_canvas_select (f->canvas, ids);
  activate (f->canvas, "canvas.delete", NULL);
  g_assert_null (vpc_design_lookup (f->design, "sn-a2"));
  g_assert_cmpuint (g_hash_table_size (vpc_canvas_get_selection (f->canvas)), ==, 0);
  activate (f->window, "win.undo", NULL);
  g_assert_nonnull (vpc_design_lookup (f->design, "sn-a2"));
}

static void
test_nudge_and_clipboard (Fixture *f, gconstpointer data)
{
  const char *ids[] = { "train-1", NULL };
  const char *sn[] = { "sn-b", NULL };

  vpc_canvas_select (f->canvas, ids);
  activate (f->canvas, "canvas.nudge", g_variant_new ("(dd)", 16.0, 0.0));
  g_assert_cmpfloat (vpc_design_lookup (f->design, "train-1")->layout.x, ==, 88);

  vpc_canvas_select (f->canvas, sn);
  activate (f->canvas, "canvas.copy", NULL);
  activate (f->canvas, "canvas.paste", NULL);
  g_assert_nonnull (vpc_design_lookup (f->design, "sn-b-1"));
  g_assert_true (g_hash_table_contains (vpc_canvas_get_selection (f->canvas), "sn-b-1"));
  activate (f->canvas, "canvas.duplicate", NULL);
  g_assert_nonnull (vpc_design_lookup (f->design, "sn-b-2"));
  activate (f->canvas, "canvas.select-all", NULL);
  g_assert_cmpuint (g_hash_table_size (vpc_canvas_get_selection (f->canvas)), ==,
                    vpc_design_get_total_elements (f->design));
}

static void
test_save (Fixture *f, gconstpointer data)
{
  g_autoptr(VpcDesign) saved = NULL;
  g_autoptr(GError) error = NULL;

  activate (f->canvas, "canvas.add-element", g_variant_new_string ("endpoint:sts"));
  g_assert_true (vpc_window_get_modified (f->window));
  activate (f->window, "win.save", NULL);
  g_assert_false (vpc_window_get_modified (f->window));
  saved = vpc_file_load_path (f->path, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (vpc_design_get_n_elements (saved, VPC_KIND_ENDPOINT), ==, 3);
}

/* The drag preview is drawn by the renderer from the tool's view state:
 * a frame with the preview as overrides is the frame of a design where the
 * move really happened, pixel for pixel, and the design is untouched. */
static guint32 *
frame_pixels (VpcDesign  *design,
              GHashTable *overrides,
              GHashTable *selection)
{
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 600, 420);
  VpcRenderOptions options;
  cairo_t *cr = cairo_create (surface);
  guint32 *pixels;

  vpc_render_options_init (&options);
  options.scale = 0.55;
  options.offset_x = options.offset_y = 10;
  options.show_grid = TRUE;
  options.selection = selection;
  options.overrides = overrides;
  vpc_render_design (cr, design, &options);
  cairo_destroy (cr);
  cairo_surface_flush (surface);
  g_assert_cmpint (cairo_image_surface_get_stride (surface), ==, 600 * 4);
  pixels = g_memdup2 (cairo_image_surface_get_data (surface), 600 * 420 * 4);
  cairo_surface_destroy (surface);
  return pixels;
}

static void
test_preview_render (Fixture *f, gconstpointer data)
{
  g_autoptr(GHashTable) selection = vpc_selection_new ();
  g_autoptr(VpcDesign) moved = NULL;
  g_autofree guint32 *before = NULL, *preview = NULL, *after = NULL;
  VpcTool *tool = vpc_tool_new (f->design, selection);
  guint64 revision = vpc_design_get_revision (f->design);
  VpcRect r;

  g_assert_cmpstr (VPC_RENDER_VPC_ID, ==, VPC_CONTAINMENT_VPC_ID);
  vpc_tool_set_grid (tool, 0);
  before = frame_pixels (f->design, NULL, selection);
  /* sn-a2 (centre 234, 370 in world units) dragged into AZ b... */
  vpc_tool_press (tool, 234, 370, 0, 1.0);
  vpc_tool_motion (tool, 460, 370, 0);
  vpc_tool_motion (tool, 686, 370, 0);
  g_assert_nonnull (vpc_tool_get_preview (tool));
  preview = frame_pixels (f->design, vpc_tool_get_preview (tool), selection);
  g_assert_cmpuint (vpc_design_get_revision (f->design), ==, revision);
  g_assert_true (memcmp (before, preview, 600 * 420 * 4) != 0);

  /* ...is drawn exactly where the finished move puts it. */
  moved = vpc_design_duplicate (f->design);
  g_assert_true (vpc_tools_move_selection (moved, selection, 452, 0, NULL));
  g_assert_true (vpc_tool_get_rect (tool, "sn-a2", &r));
  g_assert_cmpfloat (r.x, ==, vpc_design_lookup (moved, "sn-a2")->layout.x);
  g_assert_cmpstr (vpc_design_lookup (moved, "sn-a2")->az, ==, "az-b");
  after = frame_pixels (moved, NULL, selection);
  g_assert_true (memcmp (after, preview, 600 * 420 * 4) == 0);

  vpc_tool_cancel (tool);
  vpc_tool_free (tool);
  g_assert_cmpuint (vpc_design_get_revision (f->design), ==, revision);
}

static gboolean
is_export_button (GtkWidget *widget, gconstpointer data)
{
  return GTK_IS_MENU_BUTTON (widget) &&
         g_strcmp0 (gtk_menu_button_get_label (GTK_MENU_BUTTON (widget)), "_Export") == 0;
}

/* Opening a design clears what a crashed save left beside it (old enough
 * not to be a save running elsewhere); a young one stays. */
static void
test_open_removes_stale (void)
{
  g_autofree char *src = g_test_build_filename (G_TEST_DIST, "data", "gui-two-az.vpcd.json", NULL);
  g_autofree char *dir = g_dir_make_tmp ("vpc-gui-XXXXXX", NULL);
  g_autofree char *path = gui_test_copy_file (src, dir, "design.vpcd.json");
  g_autofree char *stale = g_build_filename (dir, ".design.vpcd.json.vpcd-tmp-AbC123", NULL);
  g_autofree char *young = g_build_filename (dir, ".design.vpcd.json.vpcd-tmp-XyZ789", NULL);
  struct utimbuf old_times = { .actime = time (NULL) - 3600, .modtime = time (NULL) - 3600 };
  VpcWindow *window = g_object_new (VPC_TYPE_WINDOW, NULL);

  g_assert_true (g_file_set_contents (stale, "{\"half\":", -1, NULL));
  g_assert_cmpint (g_utime (stale, &old_times), ==, 0);
  g_assert_true (g_file_set_contents (young, "{\"half\":", -1, NULL));
  gui_test_window_open (window, path, 5);
  g_assert_false (g_file_test (stale, G_FILE_TEST_EXISTS));
  g_assert_true (g_file_test (young, G_FILE_TEST_EXISTS));
  gtk_window_destroy (GTK_WINDOW (window));
  gui_test_spin (20);
  g_unlink (young);
  gui_test_remove_copy (dir, path);
}

static void
test_start_page (void)
{
  VpcWindow *window = g_object_new (VPC_TYPE_WINDOW, NULL);
  GtkWidget *export_button;

  gtk_window_present (GTK_WINDOW (window));
  gtk_test_widget_wait_for_draw (GTK_WIDGET (window));
  g_assert_null (vpc_window_get_design (window));
  g_assert_false (gtk_widget_is_visible (vpc_window_get_canvas (window)) &&
                  gtk_widget_get_mapped (vpc_window_get_canvas (window)));
  /* Nothing to export on the start page. */
  export_button = gui_test_find (GTK_WIDGET (window), is_export_button, NULL);
  g_assert_nonnull (export_button);
  g_assert_false (gtk_widget_get_sensitive (export_button));
  activate (window, "win.new", NULL);
  g_assert_nonnull (vpc_window_get_design (window));
  g_assert_true (gtk_widget_get_sensitive (export_button));
  activate (vpc_window_get_canvas (window), "canvas.add-element", g_variant_new_string ("az"));
  activate (vpc_window_get_canvas (window), "canvas.add-element", g_variant_new_string ("subnet:private"));
  g_assert_cmpuint (vpc_design_get_n_elements (vpc_window_get_design (window), VPC_KIND_SUBNET), ==, 1);
  gtk_window_destroy (GTK_WINDOW (window));
  gui_test_spin (20);
}

static void
test_palette (void)
{
  GtkWidget *palette = g_object_ref_sink (vpc_palette_new ());
  const char *const *items = vpc_palette_list_items ();
  guint n = 0;

  for (; items[n] != NULL; n++)
    g_assert_nonnull (vpc_palette_get_tooltip (items[n]));
  g_assert_cmpuint (n, >=, 20);
  g_assert_cmpuint (vpc_palette_count_visible (VPC_PALETTE (palette)), ==, n);
  g_assert_finalize_object (palette);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  if (!gtk_init_check ())
    {
      /* No skip: tools/test runs this suite under xvfb-run. */
      g_printerr ("test-gui: cannot open a display. Run it under xvfb-run "
                  "(tools/test and the 'gui' suite do).\n");
      return 1;
    }
  adw_init ();
  /* Keep the user's recent files out of it (and GTK 4.8 leaks a GDateTime
   * each time it writes them). */
  g_object_set (gtk_settings_get_default (), "gtk-recent-files-enabled", FALSE, NULL);
#define ADD(path, func) g_test_add (path, Fixture, NULL, setup, func, teardown)
  ADD ("/gui/window/title-and-undo", test_title_and_undo);
  ADD ("/gui/canvas/zoom", test_zoom);
  ADD ("/gui/canvas/delete-undo", test_delete_undo);
  ADD ("/gui/canvas/nudge-and-clipboard", test_nudge_and_clipboard);
  ADD ("/gui/window/save", test_save);
  ADD ("/gui/canvas/preview-render", test_preview_render);
#undef ADD
  g_test_add_func ("/gui/window/start-page", test_start_page);
  g_test_add_func ("/gui/window/open-removes-stale", test_open_removes_stale);
  g_test_add_func ("/gui/palette/items", test_palette);
  return g_test_run ();
}
