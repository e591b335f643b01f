/* SPDX-License-Identifier: GPL-3.0-or-later */
/* gui-test-utils.c: helpers of the GUI tests, compiled into each of them.
 * test-gui and test-window link the editor window and define
 * GUI_TEST_WITH_WINDOW; test-sidebar does not. */
#include "gui-test-utils.h"

#include <stdlib.h>

#include <glib/gstdio.h>

void
gui_test_spin (int rounds)
{
  for (int i = 0; i < rounds; i++)
    while (g_main_context_iteration (NULL, FALSE))
      ;
}

/* Widgets */

GtkWidget *
gui_test_find (GtkWidget     *root,
               GuiTestMatch   match,
               gconstpointer  data)
{
  if (match (root, data))
    return root;
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = gui_test_find (child, match, data);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static gboolean
is_of_type (GtkWidget     *widget,
            gconstpointer  type)
{
  return G_TYPE_CHECK_INSTANCE_TYPE (widget, GPOINTER_TO_SIZE (type));
}

GtkWidget *
gui_test_find_type (GtkWidget *root,
                    GType      type)
{
  return gui_test_find (root, is_of_type, GSIZE_TO_POINTER (type));
}

static gboolean
is_row_titled (GtkWidget     *widget,
               gconstpointer  title)
{
  return ADW_IS_PREFERENCES_ROW (widget) &&
         g_strcmp0 (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (widget)), title) == 0;
}

gboolean
gui_test_has_row (GtkWidget  *root,
                  const char *title)
{
  return gui_test_find (root, is_row_titled, title) != NULL;
}

GtkWidget *
gui_test_find_row (GtkWidget  *root,
                   const char *title)
{
  GtkWidget *row = gui_test_find (root, is_row_titled, title);

  if (row == NULL)
    g_error ("no row titled “%s”", title);
  return row;
}

static gboolean
has_name (GtkWidget     *widget,
          gconstpointer  name)
{
  return g_strcmp0 (gtk_widget_get_name (widget), name) == 0;
}

GtkWidget *
gui_test_find_named (GtkWidget  *root,
                     const char *name)
{
  return gui_test_find (root, has_name, name);
}

const char *
gui_test_named_label (GtkWidget  *root,
                      const char *name)
{
  GtkWidget *label = gui_test_find_named (root, name);

  g_assert_nonnull (label);
  return gtk_label_get_label (GTK_LABEL (label));
}

static gboolean
is_finding_row_of (GtkWidget     *widget,
                   gconstpointer  rule_id)
{
  return VPC_IS_FINDING_ROW (widget)
         && g_strcmp0 (
                vpc_finding_get_rule_id (vpc_finding_row_get_finding (VPC_FINDING_ROW (widget))),
                rule_id)
                == 0;
}

VpcFindingRow *
gui_test_find_finding_row (GtkWidget  *root,
                           const char *rule_id)
{
  GtkWidget *row = gui_test_find (root, is_finding_row_of, rule_id);

  return row != NULL ? VPC_FINDING_ROW (row) : NULL;
}

/* Screenshots */

GdkTexture *
gui_test_capture (GtkWidget *widget)
{
  g_autoptr(GdkPaintable) paintable = gtk_widget_paintable_new (widget);
  GtkSnapshot *snapshot = gtk_snapshot_new ();
  g_autoptr(GskRenderNode) node = NULL;
  int width, height;

  gtk_test_widget_wait_for_draw (GTK_WIDGET (gtk_widget_get_root (widget)));
  gui_test_spin (10);
  width = gtk_widget_get_width (widget);
  height = gtk_widget_get_height (widget);
  gdk_paintable_snapshot (paintable, snapshot, width, height);
  node = gtk_snapshot_free_to_node (snapshot);
  g_assert_nonnull (node);
  return gsk_renderer_render_texture (gtk_native_get_renderer (gtk_widget_get_native (widget)),
                                      node, &GRAPHENE_RECT_INIT (0, 0, width, height));
}

gsize
gui_test_count_differing (GdkTexture *a,
                          GdkTexture *b)
{
  int width = gdk_texture_get_width (a), height = gdk_texture_get_height (a);
  gsize stride = (gsize) width * 4, differing = 0;
  g_autofree guchar *pa = NULL;
  g_autofree guchar *pb = NULL;

  g_assert_cmpint (gdk_texture_get_width (b), ==, width);
  g_assert_cmpint (gdk_texture_get_height (b), ==, height);
  pa = g_malloc (stride * height);
  pb = g_malloc (stride * height);
  gdk_texture_download (a, pa, stride);
  gdk_texture_download (b, pb, stride);
  for (gsize i = 0; i < stride * height; i += 4)
    for (gsize c = 0; c < 4; c++)
      if (ABS ((int) pa[i + c] - (int) pb[i + c]) > 24)
        {
          differing++;
          break;
        }
  return differing;
}

void
gui_test_check_screenshot (GtkWidget  *widget,
                           const char *name)
{
  g_autoptr(GdkTexture) texture = gui_test_capture (widget);
  g_autoptr(GdkTexture) golden = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *file = g_strdup_printf ("%s.png", name);
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", "golden", file, NULL);
  const char *shots = g_getenv ("VPC_SCREENSHOT_DIR");
  int width = gdk_texture_get_width (texture), height = gdk_texture_get_height (texture);
  gsize differing;

  if (shots != NULL)
    {
      g_autofree char *shot = g_build_filename (shots, file, NULL);

      gdk_texture_save_to_png (texture, shot);
    }
  if (g_strcmp0 (g_getenv ("VPC_UPDATE_GOLDENS"), "1") == 0)
    {
      g_assert_true (gdk_texture_save_to_png (texture, path));
      return;
    }
  golden = gdk_texture_new_from_filename (path, &error);
  g_assert_no_error (error);
  differing = gui_test_count_differing (texture, golden);
  /* Anti-aliasing may move a little; layout changes move much more. */
  if (differing > (gsize) width * height / 200)
    {
      g_autofree char *out = g_build_filename (g_get_tmp_dir (), file, NULL);

      gdk_texture_save_to_png (texture, out);
      g_error ("%s differs from its golden image in %" G_GSIZE_FORMAT " pixels; see %s", name,
               differing, out);
    }
}

/* Files */

char *
gui_test_copy_file (const char *source,
                    const char *dir,
                    const char *name)
{
  char *path = g_build_filename (dir, name, NULL);
  g_autofree char *text = NULL;
  g_autoptr(GError) error = NULL;
  gsize length;

  g_file_get_contents (source, &text, &length, &error);
  g_assert_no_error (error);
  g_file_set_contents (path, text, length, &error);
  g_assert_no_error (error);
  return path;
}

void
gui_test_remove_copy (const char *dir,
                      const char *path)
{
  g_unlink (path);
  g_rmdir (dir);
}

#ifdef GUI_TEST_WITH_WINDOW
VpcDesign *
gui_test_window_open (VpcWindow  *window,
                      const char *path,
                      int         rounds)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);
  VpcDesign *design;

  vpc_window_open_file (window, file);
  design = vpc_window_get_design (window);
  g_assert_nonnull (design);
  gtk_window_present (GTK_WINDOW (window));
  gtk_test_widget_wait_for_draw (GTK_WIDGET (window));
  gui_test_spin (rounds);
  return design;
}

VpcDesign *
gui_test_open_copy (const char  *name,
                    VpcWindow  **window,
                    char       **dir,
                    char       **path)
{
  g_autofree char *source = g_test_build_filename (G_TEST_DIST, "data", name, NULL);
  g_autoptr(GError) error = NULL;

  *dir = g_dir_make_tmp ("vpc-gui-XXXXXX", &error);
  g_assert_no_error (error);
  *path = gui_test_copy_file (source, *dir, "design.vpcd.json");
  *window = g_object_new (VPC_TYPE_WINDOW, NULL);
  return gui_test_window_open (*window, *path, 20);
}

void
gui_test_close_copy (VpcWindow *window,
                     char      *dir,
                     char      *path)
{
  gtk_window_destroy (GTK_WINDOW (window));
  gui_test_spin (20);
  gui_test_remove_copy (dir, path);
  g_free (path);
  g_free (dir);
}
#endif

void
gui_test_init (int        *argc,
               char     ***argv,
               const char *name)
{
  g_autofree char *template = g_strdup_printf ("%s-data-XXXXXX", name);
  g_autofree char *data_home = g_dir_make_tmp (template, NULL);

  /* Recovery copies of this run live in a folder of their own. */
  g_assert_nonnull (data_home);
  g_setenv ("XDG_DATA_HOME", data_home, TRUE);
  g_test_init (argc, argv, NULL);
  if (!gtk_init_check ())
    {
      g_printerr ("%s: cannot open a display. The GUI suite runs under Xvfb: "
                  "use tools/test, or xvfb-run -a meson test --suite gui.\n", name);
      exit (1);
    }
  adw_init ();
  /* Keep the user's recent files out of it. */
  g_object_set (gtk_settings_get_default (), "gtk-recent-files-enabled", FALSE, NULL);
}
