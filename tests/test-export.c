/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-export.c: PNG, SVG and PDF exports, checked as a reader would. */
#include <glib/gstdio.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <librsvg/rsvg.h>

#include "render-designs.h"
#include "vpc-export.h"
#include "vpc-render-routes.h"
#include "vpc-validator.h"

/* As in vpc-export.c: the page is the content bounds plus this margin. */
#define MARGIN 32.0

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
      g_autofree char *copy
          = g_build_filename (g_getenv ("VPC_RENDER_SAVE_DIR"), "export-dark.png", NULL);
      g_autofree char *copy1
          = g_build_filename (g_getenv ("VPC_RENDER_SAVE_DIR"), "export-light.png", NULL);
      g_autofree char *contents = NULL;
      gsize len;
      g_file_get_contents (two, &contents, &len, NULL);
      g_file_set_contents (copy, contents, len, NULL);
      g_free (g_steal_pointer (&contents));
      g_file_get_contents (one, &contents, &len, NULL);
      g_file_set_contents (copy1, contents, len, NULL);
    }
}

/* Parses @path with librsvg and draws it at its intrinsic size. */
static cairo_surface_t *
rasterize_svg (const char *path)
{
  g_autoptr(GError) error = NULL;
  RsvgHandle *handle = rsvg_handle_new_from_file (path, &error);
  cairo_surface_t *surface;
  double w = 0, h = 0;
  cairo_t *cr;

  g_assert_no_error (error);
  g_assert_nonnull (handle);
  g_assert_true (rsvg_handle_get_intrinsic_size_in_pixels (handle, &w, &h));
  surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, (int) ceil (w), (int) ceil (h));
  cr = cairo_create (surface);
  g_assert_true (rsvg_handle_render_document (handle, cr, &(RsvgRectangle) { 0, 0, w, h }, &error));
  g_assert_no_error (error);
  cairo_destroy (cr);
  cairo_surface_flush (surface);
  g_object_unref (handle);
  return surface;
}

typedef struct
{
  guint8 r, g, b;
} Pixel;

static Pixel
pixel_at (cairo_surface_t *surface,
          double           x,
          double           y)
{
  const guint8 *data = cairo_image_surface_get_data (surface);
  int ix = (int) x, iy = (int) y;
  guint32 v;

  g_assert_cmpint (ix, >=, 0);
  g_assert_cmpint (iy, >=, 0);
  g_assert_cmpint (ix, <, cairo_image_surface_get_width (surface));
  g_assert_cmpint (iy, <, cairo_image_surface_get_height (surface));
  v = *(const guint32 *) (data + iy * cairo_image_surface_get_stride (surface) + ix * 4);
  return (Pixel) { v >> 16 & 0xff, v >> 8 & 0xff, v & 0xff };
}

static gboolean
near_color (Pixel   p,
            guint32 rgb,
            int     tolerance)
{
  return abs (p.r - (int) (rgb >> 16 & 0xff)) <= tolerance &&
         abs (p.g - (int) (rgb >> 8 & 0xff)) <= tolerance &&
         abs (p.b - (int) (rgb & 0xff)) <= tolerance;
}

static double
luminance (Pixel p)
{
  return (0.2126 * p.r + 0.7152 * p.g + 0.0722 * p.b) / 255.0;
}

/* The world point at the page's top-left corner (see page_init). */
static void
page_origin (VpcDesign *design,
             double    *x,
             double    *y)
{
  VpcRenderOptions options;
  double w, h;

  vpc_render_options_init (&options);
  options.title_block = TRUE;
  vpc_render_get_bounds (design, &options, x, y, &w, &h);
  *x -= MARGIN;
  *y -= MARGIN;
}

static char *
read_text (const char *path)
{
  char *contents = NULL;

  g_assert_true (g_file_get_contents (path, &contents, NULL, NULL));
  return contents;
}

/* "<text ...>@label</text>" is in @svg. */
static gboolean
has_text_element (const char *svg,
                  const char *label)
{
  g_autofree char *escaped = g_markup_escape_text (label, -1);
  g_autofree char *close = g_strdup_printf (">%s</text>", escaped);
  const char *hit = strstr (svg, close);

  if (hit == NULL)
    return FALSE;
  /* The element the text closes is a <text>. */
  while (hit > svg && *hit != '<')
    hit--;
  return g_str_has_prefix (hit, "<text");
}

static void
test_svg_well_formed (Fixture       *f,
                      gconstpointer  data)
{
  g_autofree char *path = export (f, "design.svg", VPC_THEME_LIGHT, 1.0);
  const char *argv[] = { "xmllint", "--noout", "--nonet", path, NULL };
  g_autofree char *lint = run_tool (argv);
  cairo_surface_t *surface;

  /* The connectors were routed on another thread and collected: no thread
   * outlives the export, and the routes stay on the design for the canvas. */
  g_assert_false (vpc_routes_prefetching (f->design));
  g_assert_true (vpc_routes_were_made (f->design));

  /* xmllint is a test dependency (tools/setup.sh): it must run and pass. */
  g_assert_nonnull (lint);
  surface = rasterize_svg (path);
  g_assert_cmpint (cairo_image_surface_get_width (surface), >, 600);
  g_assert_cmpint (cairo_image_surface_get_height (surface), >, 400);
  g_assert_cmpfloat (luminance (pixel_at (surface, 2, 2)), >, 0.9);
  cairo_surface_destroy (surface);
}

/* Every label is real text: subnet names and CIDRs, element names, the
 * design name; each icon is defined once and reused. */
static void
test_svg_text (Fixture       *f,
               gconstpointer  data)
{
  g_autofree char *path = export (f, "design.svg", VPC_THEME_LIGHT, 1.0);
  g_autofree char *svg = read_text (path);
  guint n_symbols = 0, n_uses = 0;

  for (guint i = 0; i < vpc_design_get_n_elements (f->design, VPC_KIND_SUBNET); i++)
    {
      const VpcElement *sn = vpc_design_get_element (f->design, VPC_KIND_SUBNET, i);
      g_assert_true (has_text_element (svg, vpc_element_get_display_name (sn)));
      g_assert_true (has_text_element (svg, sn->cidr));
    }
  for (guint i = 0; i < vpc_design_get_n_elements (f->design, VPC_KIND_WORKLOAD); i++)
    g_assert_true (has_text_element (svg, vpc_element_get_display_name (
      vpc_design_get_element (f->design, VPC_KIND_WORKLOAD, i))));
  g_assert_true (has_text_element (svg, "Fraud model training"));
  /* No outlined glyphs (cairo's SVG surface wrote one <symbol> per glyph). */
  g_assert_null (strstr (svg, "glyph"));
  for (const char *p = svg; (p = strstr (p, "<symbol ")) != NULL; p++)
    n_symbols++;
  for (const char *p = svg; (p = strstr (p, "<use ")) != NULL; p++)
    n_uses++;
  g_assert_cmpuint (n_symbols, >, 5);
  g_assert_cmpuint (n_uses, >, n_symbols);
  g_assert_nonnull (strstr (svg, "id=\"i-training-job\""));
}

/* Names with markup characters are escaped; non-ASCII survives; a name
 * too long for its label is cut with "…" as on the canvas. */
static void
test_svg_escaping (Fixture       *f,
                   gconstpointer  data)
{
  g_autofree char *path = NULL;
  g_autofree char *svg = NULL;
  const char *argv[3 + 2] = { "xmllint", "--noout", "--nonet", NULL, NULL };
  g_autofree char *lint = NULL;
  cairo_surface_t *surface;

  g_object_unref (f->design);
  f->design = render_design_awkward_names ();
  path = export (f, "awkward.svg", VPC_THEME_LIGHT, 1.0);
  argv[3] = path;
  lint = run_tool (argv);
  g_assert_nonnull (lint);
  svg = read_text (path);
  g_assert_null (strstr (svg, "<script"));
  /* Wrapped over the label's lines, whole in its group's <title>. */
  g_assert_nonnull (strstr (svg, "<title>&lt;script&gt;alert(1)&lt;/script&gt; &amp; co</title>"));
  g_assert_true (has_text_element (svg, "Zürich – 東京 ✓"));
  /* Too long for two lines: cut with "…", whole in the <title> only. */
  g_assert_false (has_text_element (svg, "an-extraordinarily-long-workload-name-that-cannot-fit"));
  g_assert_nonnull (
      strstr (svg, "<title>an-extraordinarily-long-workload-name-that-cannot-fit</title>"));
  g_assert_nonnull (strstr (svg, ">an-extraordinari"));
  g_assert_nonnull (strstr (svg, "\xe2\x80\xa6</text>"));
  g_assert_false (has_text_element (svg, "überlange-Arbeitslast-mit-Umlauten-äöü-und-mehr"));
  g_assert_nonnull (strstr (svg, ">überlange"));
  surface = rasterize_svg (path);
  cairo_surface_destroy (surface);
}

/* The flagged element's badge is drawn on its own rectangle, in the
 * severity's colour, and the dark theme's page is dark. */
static void
test_svg_badge_and_dark (Fixture       *f,
                         gconstpointer  data)
{
  g_autofree char *light = export (f, "light.svg", VPC_THEME_LIGHT, 1.0);
  g_autofree char *dark = export (f, "dark.svg", VPC_THEME_DARK, 1.0);
  g_autoptr (GPtrArray) findings
      = vpc_validate (f->design, vpc_design_get_info (f->design)->profile);
  cairo_surface_t *surface = rasterize_svg (light);
  const VpcElement *flagged = NULL;
  gboolean errors = FALSE;
  double ox, oy, tile_x, bx, by;

  /* A flagged icon element: its badge sits on the tile's top-right corner. */
  for (guint i = 0; i < findings->len && flagged == NULL; i++)
    {
      VpcFinding *finding = g_ptr_array_index (findings, i);
      const char *const *ids = vpc_finding_get_elements (finding);
      const VpcElement  *e
          = ids != NULL && ids[0] != NULL ? vpc_design_lookup (f->design, ids[0]) : NULL;

      if (e != NULL && e->kind == VPC_KIND_WORKLOAD && e->has_layout &&
          vpc_finding_get_severity (finding) != VPC_SEVERITY_INFO)
        flagged = e;
    }
  g_assert_nonnull (flagged);
  for (guint i = 0; i < findings->len; i++)
    {
      VpcFinding *finding = g_ptr_array_index (findings, i);
      const char *const *ids = vpc_finding_get_elements (finding);

      if (vpc_finding_get_severity (finding) == VPC_SEVERITY_ERROR && ids != NULL &&
          g_strv_contains (ids, flagged->id))
        errors = TRUE;
    }
  page_origin (f->design, &ox, &oy);
  tile_x = flagged->layout.x + (flagged->layout.w - 44) / 2;
  bx = tile_x + 44 - 6;
  by = flagged->layout.y + 1;
  g_assert_true (bx > flagged->layout.x && bx < flagged->layout.x + flagged->layout.w);
  g_assert_true (by > flagged->layout.y && by < flagged->layout.y + flagged->layout.h);
  g_assert_true (
      near_color (pixel_at (surface, bx - ox, by - oy), errors ? 0xd91515 : 0xad5a00, 16));
  cairo_surface_destroy (surface);

  surface = rasterize_svg (dark);
  g_assert_cmpfloat (luminance (pixel_at (surface, 2, 2)), <, 0.2);
  g_assert_cmpfloat (luminance (pixel_at (surface, cairo_image_surface_get_width (surface) - 3,
                                          cairo_image_surface_get_height (surface) - 3)), <, 0.2);
  cairo_surface_destroy (surface);
}

/* One renderer: the SVG (drawn by librsvg) and the PNG (drawn by cairo)
 * of the same design are the same picture, up to antialiasing and glyph
 * rasterisation. */
static void
test_svg_matches_png (Fixture       *f,
                      gconstpointer  data)
{
  g_autofree char *svg_path = export (f, "same.svg", VPC_THEME_DARK, 1.0);
  g_autofree char *png_path = export (f, "same.png", VPC_THEME_DARK, 1.0);
  cairo_surface_t *svg = rasterize_svg (svg_path);
  cairo_surface_t *png = cairo_image_surface_create_from_png (png_path);
  int w = cairo_image_surface_get_width (png), h = cairo_image_surface_get_height (png), bad = 0;

  g_assert_cmpint (cairo_surface_status (png), ==, CAIRO_STATUS_SUCCESS);
  g_assert_cmpint (abs (cairo_image_surface_get_width (svg) - w), <=, 1);
  g_assert_cmpint (abs (cairo_image_surface_get_height (svg) - h), <=, 1);
  w = MIN (w, cairo_image_surface_get_width (svg));
  h = MIN (h, cairo_image_surface_get_height (svg));
  for (int y = 0; y < h; y++)
    for (int x = 0; x < w; x++)
      {
        Pixel a = pixel_at (svg, x, y), b = pixel_at (png, x, y);
        if (abs (a.r - b.r) > 48 || abs (a.g - b.g) > 48 || abs (a.b - b.b) > 48)
          bad++;
      }
  g_test_message ("svg vs png: %d of %d pixels differ", bad, w * h);
  g_assert_cmpint (bad, <=, w * h / 50);
  cairo_surface_destroy (svg);
  cairo_surface_destroy (png);
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

/* The export dialog's choices: a transparent PNG has alpha and clear
 * corners; title block and legend can be left out; an unnamed design is
 * titled with the fallback; a larger text size makes a larger page. */
static void
test_options (Fixture       *f,
              gconstpointer  data)
{
  g_autofree char *png = g_build_filename (f->dir, "clear.png", NULL);
  g_autofree char *svg = g_build_filename (f->dir, "bare.svg", NULL);
  g_autofree char *named = g_build_filename (f->dir, "named.svg", NULL);
  g_autofree char *big = g_build_filename (f->dir, "big.png", NULL);
  g_autofree char *text = NULL;
  g_autofree char *title = vpc_export_title_from_path ("/some/folder/my-lab.vpcd.json");
  g_autoptr(GError) error = NULL;
  VpcExportOptions options;
  VpcDesignInfo *info;
  cairo_surface_t *surface, *larger;
  int h;

  g_assert_cmpstr (title, ==, "my-lab");
  vpc_export_options_init (&options);
  options.background = FALSE;
  g_assert_true (vpc_export_to_file_full (f->design, png, &options, &error));
  g_assert_no_error (error);
  surface = cairo_image_surface_create_from_png (png);
  g_assert_cmpint (cairo_image_surface_get_format (surface), ==, CAIRO_FORMAT_ARGB32);
  g_assert_cmpuint (((guint32 *) cairo_image_surface_get_data (surface))[0] >> 24, ==, 0);
  h = cairo_image_surface_get_height (surface);
  cairo_surface_destroy (surface);

  options.background = TRUE;
  options.text_scale = 1.5;
  g_assert_true (vpc_export_to_file_full (f->design, big, &options, &error));
  larger = cairo_image_surface_create_from_png (big);
  g_assert_cmpint (cairo_image_surface_get_format (larger), ==, CAIRO_FORMAT_RGB24);
  g_assert_cmpint (cairo_image_surface_get_height (larger), >, h);
  cairo_surface_destroy (larger);

  options.text_scale = 1.0;
  options.legend = FALSE;
  g_assert_true (vpc_export_to_file_full (f->design, svg, &options, &error));
  text = read_text (svg);
  g_assert_nonnull (strstr (text, "class=\"vpcd-title\""));
  g_assert_null (strstr (text, "class=\"vpcd-legend\""));
  g_clear_pointer (&text, g_free);
  options.title_block = FALSE;
  g_assert_true (vpc_export_to_file_full (f->design, svg, &options, &error));
  text = read_text (svg);
  g_assert_null (strstr (text, "class=\"vpcd-title\""));
  g_clear_pointer (&text, g_free);

  info = vpc_design_info_copy (vpc_design_get_info (f->design));
  g_free (info->name);
  info->name = g_strdup ("");
  g_assert_true (vpc_design_set_info (f->design, info));
  vpc_export_options_init (&options);
  options.fallback_title = title;
  g_assert_true (vpc_export_to_file_full (f->design, named, &options, &error));
  text = read_text (named);
  g_assert_true (has_text_element (text, "my-lab"));
  g_assert_null (strstr (text, "Untitled"));
}

/* The command line's exports leave their findings to the exit
 * (one_shot): the files are the same, byte for byte. */
static void
test_one_shot (Fixture       *f,
               gconstpointer  data)
{
  static const char *const suffixes[] = { "svg", "png", "pdf" };

  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *kept_name = g_strdup_printf ("kept.%s", suffixes[i]);
      g_autofree char *left_name = g_strdup_printf ("left.%s", suffixes[i]);
      g_autofree char *kept = g_build_filename (f->dir, kept_name, NULL);
      g_autofree char *left = g_build_filename (f->dir, left_name, NULL);
      g_autofree char *kept_bytes = NULL, *left_bytes = NULL;
      gsize kept_len, left_len;
      g_autoptr(GError) error = NULL;
      VpcExportOptions options;

      vpc_export_options_init (&options);
      g_assert_true (vpc_export_to_file_full (f->design, kept, &options, &error));
      options.one_shot = TRUE;
      g_assert_true (vpc_export_to_file_full (f->design, left, &options, &error));
      g_assert_no_error (error);
      g_assert_true (g_file_get_contents (kept, &kept_bytes, &kept_len, NULL));
      g_assert_true (g_file_get_contents (left, &left_bytes, &left_len, NULL));
      g_assert_cmpmem (kept_bytes, kept_len, left_bytes, left_len);
    }
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
  ADD ("svg-text", test_svg_text);
  ADD ("svg-escaping", test_svg_escaping);
  ADD ("svg-badge-and-dark", test_svg_badge_and_dark);
  ADD ("svg-matches-png", test_svg_matches_png);
  ADD ("pdf", test_pdf);
  ADD ("bad-path", test_bad_path);
  ADD ("one-shot", test_one_shot);
  ADD ("unknown-format", test_unknown_format);
  ADD ("options", test_options);
  status = g_test_run ();
  vpc_render_clear_caches ();
  return status;
}
