/* test-export.c: PNG, SVG and PDF exports, checked as a reader would. */
#include <glib/gstdio.h>
#include <string.h>
#include <librsvg/rsvg.h>

#include "render-designs.h"
#include "vpc-export.h"

typedef struct
{
  char      *dir;
  VpcDesign *design;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  f->dir = g_dir_make_tmp ("vpc-export-XXXXXX", &error);
  g_assert_no_error (error);
  f->design = render_design_demo ();
}

static void
remove_tree (const char *path)
{
  GDir *dir = g_dir_open (path, 0, NULL);
  const char *name;

  if (dir == NULL)
    {
      g_unlink (path);
      return;
    }
  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);
      remove_tree (child);
    }
  g_dir_close (dir);
  g_rmdir (path);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  remove_tree (f->dir);
  g_free (f->dir);
  g_object_unref (f->design);
}

static char *
export (Fixture    *f,
        const char *name,
        VpcTheme    theme,
        double      scale)
{
  g_autoptr(GError) error = NULL;
  char *path = g_build_filename (f->dir, name, NULL);

  g_assert_true (vpc_export_to_file (f->design, path, theme, scale, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_test (path, G_FILE_TEST_IS_REGULAR));
  return path;
}

static guint
count_entries (const char *path)
{
  GDir *dir = g_dir_open (path, 0, NULL);
  guint n = 0;

  g_assert_nonnull (dir);
  while (g_dir_read_name (dir) != NULL)
    n++;
  g_dir_close (dir);
  return n;
}

/* Runs a poppler tool; returns its stdout or NULL when it cannot run. */
static char *
run_tool (const char *const *argv)
{
  g_autoptr(GError) error = NULL;
  char *out = NULL;
  int status = 0;

  if (!g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH | G_SPAWN_STDERR_TO_DEV_NULL,
                     NULL, NULL, &out, NULL, &status, &error))
    return NULL;
  g_assert_true (g_spawn_check_wait_status (status, NULL));
  return out;
}

static void
test_png (Fixture       *f,
          gconstpointer  data)
{
  g_autofree char *one = export (f, "one.png", VPC_THEME_LIGHT, 1.0);
  g_autofree char *two = export (f, "two.png", VPC_THEME_DARK, 2.0);
  cairo_surface_t *a = cairo_image_surface_create_from_png (one);
  cairo_surface_t *b = cairo_image_surface_create_from_png (two);
  int w = cairo_image_surface_get_width (a);

  g_assert_cmpint (cairo_surface_status (a), ==, CAIRO_STATUS_SUCCESS);
  g_assert_cmpint (cairo_surface_status (b), ==, CAIRO_STATUS_SUCCESS);
  g_assert_cmpint (w, >, 600);
  /* The scale multiplies the pixels. */
  g_assert_cmpint (abs (cairo_image_surface_get_width (b) - 2 * w), <=, 2);
  cairo_surface_destroy (a);
  cairo_surface_destroy (b);
  if (g_getenv ("VPC_RENDER_SAVE_DIR") != NULL)
    {
      g_autofree char *copy = g_build_filename (g_getenv ("VPC_RENDER_SAVE_DIR"), "export-dark.png", NULL);
      g_autofree char *copy1 = g_build_filename (g_getenv ("VPC_RENDER_SAVE_DIR"), "export-light.png", NULL);
      g_autofree char *contents = NULL;
      gsize len;
      g_file_get_contents (two, &contents, &len, NULL);
      g_file_set_contents (copy, contents, len, NULL);
      g_free (g_steal_pointer (&contents));
      g_file_get_contents (one, &contents, &len, NULL);
      g_file_set_contents (copy1, contents, len, NULL);
    }
}

static void
test_svg_well_formed (Fixture       *f,
                      gconstpointer  data)
{
  g_autofree char *path = export (f, "design.svg", VPC_THEME_LIGHT, 1.0);
  g_autofree char *dark = export (f, "dark.svg", VPC_THEME_DARK, 1.0);
  g_autoptr(GError) error = NULL;
  RsvgHandle *handle = rsvg_handle_new_from_file (path, &error);
  const char *argv[] = { "xmllint", "--noout", path, NULL };
  double w = 0, h = 0;

  g_assert_no_error (error);
  g_assert_nonnull (handle);
  g_assert_true (rsvg_handle_get_intrinsic_size_in_pixels (handle, &w, &h));
  g_assert_cmpfloat (w, >, 600);
  g_assert_cmpfloat (h, >, 400);
  g_free (run_tool (argv));
  g_object_unref (handle);
}

static void
test_pdf (Fixture       *f,
          gconstpointer  data)
{
  g_autofree char *path = export (f, "design.pdf", VPC_THEME_LIGHT, 1.0);
  g_autofree char *again = export (f, "again.pdf", VPC_THEME_LIGHT, 1.0);
  const char *text_argv[] = { "pdftotext", "-layout", path, "-", NULL };
  const char *info_argv[] = { "pdfinfo", path, NULL };
  g_autofree char *text = run_tool (text_argv);
  g_autofree char *info = run_tool (info_argv);
  g_autofree char *a = NULL, *b = NULL;
  gsize na, nb;

  g_assert_nonnull (text);
  g_assert_nonnull (info);
  /* Every subnet's name is real, selectable text. */
  for (guint i = 0; i < vpc_design_get_n_elements (f->design, VPC_KIND_SUBNET); i++)
    {
      const VpcElement *sn = vpc_design_get_element (f->design, VPC_KIND_SUBNET, i);
      g_assert_nonnull (strstr (text, vpc_element_get_display_name (sn)));
      g_assert_nonnull (strstr (text, sn->cidr));
    }
  g_assert_nonnull (strstr (text, "Fraud model training"));
  g_assert_true (g_regex_match_simple ("^Pages:\\s+1$", info, G_REGEX_MULTILINE, 0));
  /* The same design gives the same bytes. */
  g_assert_true (g_file_get_contents (path, &a, &na, NULL));
  g_assert_true (g_file_get_contents (again, &b, &nb, NULL));
  g_assert_cmpmem (a, na, b, nb);
}

static void
test_bad_path (Fixture       *f,
               gconstpointer  data)
{
  g_autofree char *missing = g_build_filename (f->dir, "no-such-dir", "out.png", NULL);
  g_autofree char *is_dir = g_build_filename (f->dir, "taken.svg", NULL);
  g_autoptr(GError) error = NULL;

  g_assert_false (vpc_export_to_file (f->design, missing, VPC_THEME_LIGHT, 1, &error));
  g_assert_error (error, VPC_EXPORT_ERROR, VPC_EXPORT_ERROR_FAILED);
  g_clear_error (&error);
  g_assert_cmpint (count_entries (f->dir), ==, 0);

  /* The target is a folder: the rename fails and no temporary file stays. */
  g_assert_cmpint (g_mkdir (is_dir, 0700), ==, 0);
  g_assert_false (vpc_export_to_file (f->design, is_dir, VPC_THEME_LIGHT, 1, &error));
  g_assert_error (error, VPC_EXPORT_ERROR, VPC_EXPORT_ERROR_FAILED);
  g_clear_error (&error);
  g_assert_cmpint (count_entries (f->dir), ==, 1);
  g_assert_cmpint (count_entries (is_dir), ==, 0);
}

static void
test_unknown_format (Fixture       *f,
                     gconstpointer  data)
{
  g_autofree char *path = g_build_filename (f->dir, "design.bmp", NULL);
  g_autoptr(GError) error = NULL;

  g_assert_false (vpc_export_to_file (f->design, path, VPC_THEME_LIGHT, 1, &error));
  g_assert_error (error, VPC_EXPORT_ERROR, VPC_EXPORT_ERROR_UNKNOWN_FORMAT);
  g_assert_cmpint (count_entries (f->dir), ==, 0);
}

int
main (int    argc,
      char **argv)
{
  int status;

  g_setenv ("SOURCE_DATE_EPOCH", "1767225600", TRUE); /* 2026-01-01 */
  g_test_init (&argc, &argv, NULL);
#define ADD(path, func) \
  g_test_add ("/export/" path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("png", test_png);
  ADD ("svg-well-formed", test_svg_well_formed);
  ADD ("pdf", test_pdf);
  ADD ("bad-path", test_bad_path);
  ADD ("unknown-format", test_unknown_format);
  status = g_test_run ();
  vpc_render_clear_caches ();
  return status;
}
