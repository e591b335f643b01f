/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-export-all.c: every shipped example and every rule scenario
 * (resources/examples/, tests/data/scenarios/, read at run time so that new
 * scenario files are covered as soon as they are added) is exported by the
 * built `vpc-designer export` (path in VPC_DESIGNER) to PNG, SVG, dark SVG,
 * PDF and JSON, and each file is checked as a reader would:
 *
 * - the PNG loads and has the page's size;
 * - both SVGs pass `xmllint --noout` and parse with librsvg at the page's
 *   size; the light page is light and the dark page is dark all round;
 * - the PDF has exactly one page (`pdfinfo`), its text (`pdftotext`) holds
 *   every subnet's name and CIDR and the SOURCE_DATE_EPOCH date, and
 *   vpc_export_to_file() in this process gives the same bytes;
 * - the JSON loads without warnings, writes back to the same bytes, and
 *   judges the same as the original: the same findings (rule, severity,
 *   elements, message, service) in both profiles, and the same cost.
 *
 * The exports of one design run as concurrent processes, into a folder in
 * memory where there is one: each export fsyncs its file, and waiting for
 * those one after another would dominate. */
#include <glib/gstdio.h>
#include <math.h>
#include <string.h>
#include <unistd.h>
#include <librsvg/rsvg.h>

#include "render-designs.h"
#include "vpc-cost.h"
#include "vpc-export.h"
#include "vpc-file.h"
#include "vpc-finding.h"
#include "vpc-validator.h"

/* As in vpc-export.c: the page is the content bounds plus this margin, and
 * PNGs are kept within these limits. */
#define MARGIN       32.0
#define PNG_MAX_SIDE VPC_EXPORT_PNG_MAX_SIDE
#define PNG_MAX_AREA VPC_EXPORT_PNG_MAX_PIXELS

/* 2026-01-01T00:00:00Z, passed to the exports as SOURCE_DATE_EPOCH. */
#define EPOCH      "1767225600"
#define EPOCH_DATE "2026-01-01"

typedef enum {
  OUT_PNG,
  OUT_SVG,
  OUT_SVG_DARK,
  OUT_PDF,
  OUT_JSON,
  OUT_DRAWIO,
  N_OUTS
} Output;

static const struct
{
  const char *file;
  const char *theme;
} outputs[N_OUTS] = {
  [OUT_PNG] = { "design.png", "light" },
  [OUT_SVG] = { "design.svg", "light" },
  [OUT_SVG_DARK] = { "dark.svg", "dark" },
  [OUT_PDF] = { "design.pdf", "light" },
  [OUT_JSON] = { "design.json", NULL },
  [OUT_DRAWIO] = { "design.drawio", NULL },
};

typedef struct
{
  guint8 r, g, b;
} Pixel;

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

static char *
read_file (const char *path,
           gsize      *length)
{
  g_autoptr(GError) error = NULL;
  char *contents = NULL;

  g_file_get_contents (path, &contents, length, &error);
  g_assert_no_error (error);
  return contents;
}

/* Runs every export of @input into @dir at once; fails the test with the
 * command's stderr when one does not exit 0 or writes to stdout. */
static void
export_all (const char *input,
            const char *dir)
{
  const char *binary = g_getenv ("VPC_DESIGNER");
  GSubprocess *processes[N_OUTS] = { NULL };

  g_assert_nonnull (binary);
  for (Output o = 0; o < N_OUTS; o++)
    {
      g_autoptr(GSubprocessLauncher) launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_NONE);
      g_autofree char *out = g_build_filename (dir, outputs[o].file, NULL);
      g_autofree char *log = g_strconcat (out, ".stderr", NULL);
      g_autofree char *stdout_log = g_strconcat (out, ".stdout", NULL);
      const char      *argv[]
          = { binary, "export", input, "-o", out, "--theme", outputs[o].theme, NULL };
      g_autoptr(GError) error = NULL;

      if (outputs[o].theme == NULL)
        argv[5] = NULL;
      g_subprocess_launcher_set_stdout_file_path (launcher, stdout_log);
      g_subprocess_launcher_set_stderr_file_path (launcher, log);
      processes[o] = g_subprocess_launcher_spawnv (launcher, argv, &error);
      g_assert_no_error (error);
    }
  for (Output o = 0; o < N_OUTS; o++)
    {
      g_autofree char *out = g_build_filename (dir, outputs[o].file, NULL);
      g_autofree char *log = g_strconcat (out, ".stderr", NULL);
      g_autofree char *stdout_log = g_strconcat (out, ".stdout", NULL);
      g_autofree char *err_text = NULL, *out_text = NULL;
      g_autoptr(GError) error = NULL;
      gboolean ok;

      g_subprocess_wait (processes[o], NULL, &error);
      g_assert_no_error (error);
      ok = g_subprocess_get_if_exited (processes[o])
           && g_subprocess_get_exit_status (processes[o]) == 0;
      g_object_unref (processes[o]);
      err_text = read_file (log, NULL);
      out_text = read_file (stdout_log, NULL);
      if (!ok)
        g_error ("vpc-designer export %s -o %s failed: %s", input, outputs[o].file, err_text);
      g_assert_cmpstr (out_text, ==, "");
      g_assert_true (g_file_test (out, G_FILE_TEST_IS_REGULAR));
    }
}

/* Runs a tool that must be installed (tools/setup.sh) and succeed; returns
 * its stdout. */
static char *
run_tool (const char *const *argv)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *err = NULL;
  char *out = NULL;
  int status = 0;

  g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, &out, &err, &status,
                &error);
  g_assert_no_error (error);
  if (!g_spawn_check_wait_status (status, NULL))
    g_error ("%s %s failed: %s", argv[0], argv[1], err);
  return out;
}

/* The page's size in device units at scale 1, as vpc_export_to_file()
 * computes it; @png applies the PNG limits. */
static void
page_size (VpcDesign *design,
           gboolean   png,
           int       *width,
           int       *height)
{
  VpcRenderOptions options;
  double x, y, w, h, scale = 1.0;
  g_autoptr(GPtrArray) found = vpc_validate (design, vpc_design_get_info (design)->profile);
  g_autoptr(GListStore) findings = g_list_store_new (VPC_TYPE_FINDING);

  /* The legend lists error and warning markers when the page has them. */
  for (guint i = 0; i < found->len; i++)
    g_list_store_append (findings, found->pdata[i]);
  vpc_render_options_init (&options);
  options.title_block = TRUE;
  options.findings = G_LIST_MODEL (findings);
  vpc_render_get_bounds (design, &options, &x, &y, &w, &h);
  w += 2 * MARGIN;
  h += 2 * MARGIN;
  if (png)
    {
      scale = MIN (scale, PNG_MAX_SIDE / w);
      scale = MIN (scale, PNG_MAX_SIDE / h);
      if (w * scale * h * scale > PNG_MAX_AREA)
        scale *= sqrt (PNG_MAX_AREA / (w * scale * h * scale));
    }
  *width = MAX (1, (int) ceil (w * scale));
  *height = MAX (1, (int) ceil (h * scale));
}

static Pixel
pixel_at (cairo_surface_t *surface,
          int              x,
          int              y)
{
  const guint8 *data = cairo_image_surface_get_data (surface);
  guint32 v = *(const guint32 *) (data + y * cairo_image_surface_get_stride (surface) + x * 4);

  return (Pixel) { v >> 16 & 0xff, v >> 8 & 0xff, v & 0xff };
}

static double
luminance (Pixel p)
{
  return (0.2126 * p.r + 0.7152 * p.g + 0.0722 * p.b) / 255.0;
}

/* The four corners of the page are light (or dark). */
static void
assert_corners (cairo_surface_t *surface,
                gboolean         dark,
                const char      *what)
{
  int w = cairo_image_surface_get_width (surface), h = cairo_image_surface_get_height (surface);
  const int corners[][2] = { { 2, 2 }, { w - 3, 2 }, { 2, h - 3 }, { w - 3, h - 3 } };

  for (guint c = 0; c < G_N_ELEMENTS (corners); c++)
    {
      double l = luminance (pixel_at (surface, MAX (0, corners[c][0]), MAX (0, corners[c][1])));

      if (dark ? l >= 0.2 : l <= 0.9)
        g_error ("%s: corner %u has luminance %.2f, expected a %s page", what, c, l,
                 dark ? "dark" : "light");
    }
}

static void
check_png (const char *path,
           VpcDesign  *design)
{
  cairo_surface_t *surface = cairo_image_surface_create_from_png (path);
  int w, h;

  g_assert_cmpint (cairo_surface_status (surface), ==, CAIRO_STATUS_SUCCESS);
  page_size (design, TRUE, &w, &h);
  g_assert_cmpint (w, >, 0);
  g_assert_cmpint (h, >, 0);
  g_assert_cmpint (cairo_image_surface_get_width (surface), ==, w);
  g_assert_cmpint (cairo_image_surface_get_height (surface), ==, h);
  assert_corners (surface, FALSE, path);
  cairo_surface_destroy (surface);
}

/* xmllint and librsvg accept it; it has the page's size; drawn at a
 * quarter of its size (enough for the corners, and fast), the page is
 * light or dark. */
static void
check_svg (const char *path,
           VpcDesign  *design,
           gboolean    dark)
{
  const char *argv[] = { "xmllint", "--noout", "--nonet", path, NULL };
  g_autofree char *lint = run_tool (argv);
  g_autoptr(GError) error = NULL;
  RsvgHandle *handle = rsvg_handle_new_from_file (path, &error);
  cairo_surface_t *surface;
  double w = 0, h = 0;
  int pw, ph;
  cairo_t *cr;

  g_assert_no_error (error);
  g_assert_nonnull (handle);
  g_assert_true (rsvg_handle_get_intrinsic_size_in_pixels (handle, &w, &h));
  page_size (design, FALSE, &pw, &ph);
  g_assert_cmpfloat (w, ==, pw);
  g_assert_cmpfloat (h, ==, ph);
  surface
      = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, (int) ceil (w / 4), (int) ceil (h / 4));
  cr = cairo_create (surface);
  g_assert_true (
      rsvg_handle_render_document (handle, cr, &(RsvgRectangle){ 0, 0, w / 4, h / 4 }, &error));
  g_assert_no_error (error);
  cairo_destroy (cr);
  cairo_surface_flush (surface);
  g_object_unref (handle);
  assert_corners (surface, dark, path);
  cairo_surface_destroy (surface);
}

/* Runs of white space become one space, so that a name is found however
 * pdftotext breaks or spaces the line. */
static char *
squeeze (const char *text)
{
  GString *out = g_string_new (NULL);
  gboolean space = FALSE;

  for (const char *p = text; *p; p++)
    {
      if (g_ascii_isspace (*p))
        space = TRUE;
      else
        {
          if (space && out->len > 0)
            g_string_append_c (out, ' ');
          space = FALSE;
          g_string_append_c (out, *p);
        }
    }
  return g_string_free (out, FALSE);
}

static void
check_pdf (const char *path,
           VpcDesign  *design,
           const char *input)
{
  g_autofree char *title = vpc_export_title_from_path (input);
  VpcExportOptions options;
  g_autofree char *again = g_strconcat (path, ".again.pdf", NULL);
  g_autoptr(GError) error = NULL;
  const char *info_argv[] = { "pdfinfo", path, NULL };
  const char *text_argv[] = { "pdftotext", "-enc", "UTF-8", path, "-", NULL };
  g_autofree char *info = run_tool (info_argv);
  g_autofree char *raw = run_tool (text_argv);
  g_autofree char *text = squeeze (raw);
  g_autofree char *a = NULL, *b = NULL;
  gsize na, nb;

  if (!g_regex_match_simple ("^Pages:\\s+1$", info, G_REGEX_MULTILINE, 0))
    g_error ("%s is not one page:\n%s", path, info);
  for (guint i = 0; i < vpc_design_get_n_elements (design, VPC_KIND_SUBNET); i++)
    {
      const VpcElement *sn = vpc_design_get_element (design, VPC_KIND_SUBNET, i);
      g_autofree char *name = squeeze (vpc_element_get_display_name (sn));

      if (strstr (text, name) == NULL)
        g_error ("%s: subnet %s's name \"%s\" is not in the PDF's text:\n%s", path, sn->id, name,
                 raw);
      if (strstr (text, sn->cidr) == NULL)
        g_error ("%s: subnet %s's CIDR %s is not in the PDF's text:\n%s", path, sn->id, sn->cidr,
                 raw);
    }
  /* The title block's date comes from SOURCE_DATE_EPOCH, not the clock. */
  if (strstr (text, EPOCH_DATE) == NULL)
    g_error ("%s: the date %s is not in the PDF's text:\n%s", path, EPOCH_DATE, raw);
  /* The same design gives the same bytes: exported again, in this
   * process, with the same SOURCE_DATE_EPOCH. */
  vpc_export_options_init (&options);
  options.fallback_title = title; /* as the command line titles an unnamed design */
  g_assert_true (vpc_export_to_file_full (design, again, &options, &error));
  g_assert_no_error (error);
  a = read_file (path, &na);
  b = read_file (again, &nb);
  g_assert_cmpmem (a, na, b, nb);
}

static void
assert_same_findings (VpcDesign  *original,
                      VpcDesign  *copy,
                      VpcProfile  profile,
                      const char *what)
{
  g_autoptr(GPtrArray) a = vpc_validate (original, profile);
  g_autoptr(GPtrArray) b = vpc_validate (copy, profile);

  g_test_message ("%s, profile %d: %u findings", what, profile, a->len);
  for (guint i = 0; i < MAX (a->len, b->len); i++)
    {
      VpcFinding *fa = i < a->len ? g_ptr_array_index (a, i) : NULL;
      VpcFinding *fb = i < b->len ? g_ptr_array_index (b, i) : NULL;

      if (fa == NULL || fb == NULL)
        g_error ("%s, profile %d: finding %u only in the %s: %s %s", what, profile, i,
                 fa != NULL ? "original" : "exported JSON",
                 vpc_finding_get_rule_id (fa != NULL ? fa : fb),
                 vpc_finding_get_message (fa != NULL ? fa : fb));
      g_assert_cmpstr (vpc_finding_get_rule_id (fa), ==, vpc_finding_get_rule_id (fb));
      g_assert_cmpint (vpc_finding_get_severity (fa), ==, vpc_finding_get_severity (fb));
      g_assert_cmpstr (vpc_finding_get_message (fa), ==, vpc_finding_get_message (fb));
      g_assert_cmpstr (vpc_finding_get_service (fa), ==, vpc_finding_get_service (fb));
      g_assert_true (g_strv_equal (vpc_finding_get_elements (fa), vpc_finding_get_elements (fb)));
      g_assert_true (vpc_finding_equal (fa, fb));
    }
}

static void
check_json (const char *path,
            VpcDesign  *original,
            const char *what)
{
  g_autoptr(GPtrArray) warnings = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GError) error = NULL;
  g_autoptr(VpcDesign) copy = vpc_file_load_path (path, &warnings, &error);
  g_autoptr(VpcCostReport) cost_a = NULL;
  g_autoptr(VpcCostReport) cost_b = NULL;
  g_autofree char *bytes = NULL, *again = NULL;
  gsize n_bytes, n_again;

  g_assert_no_error (error);
  g_assert_nonnull (copy);
  /* The app's own file has no key it does not know. */
  g_assert_cmpuint (warnings->len, ==, 0);
  /* Canonical: writing the copy gives the file's bytes back. */
  bytes = read_file (path, &n_bytes);
  again = vpc_file_serialize (copy, &n_again);
  g_assert_cmpmem (bytes, n_bytes, again, n_again);

  assert_same_findings (original, copy, VPC_PROFILE_STUDY_GUIDE, what);
  assert_same_findings (original, copy, VPC_PROFILE_PRECISE, what);
  g_assert_cmpint (vpc_design_get_info (copy)->profile, ==,
                   vpc_design_get_info (original)->profile);

  cost_a = vpc_cost_compute (original, NULL);
  cost_b = vpc_cost_compute (copy, NULL);
  g_assert_nonnull (cost_a);
  g_assert_nonnull (cost_b);
  g_assert_cmpint (cost_a->priced, ==, cost_b->priced);
  g_assert_cmpint (cost_a->total_micros, ==, cost_b->total_micros);
  g_assert_cmpuint (cost_a->items->len, ==, cost_b->items->len);
  for (guint i = 0; i < cost_a->items->len; i++)
    {
      VpcCostItem *ia = g_ptr_array_index (cost_a->items, i),
                  *ib = g_ptr_array_index (cost_b->items, i);

      g_assert_cmpstr (ia->element, ==, ib->element);
      g_assert_cmpint (ia->monthly_micros, ==, ib->monthly_micros);
    }
}

/* A fresh folder for one design's files: in memory when /dev/shm is there,
 * since every export fsyncs its file and on a disk those waits would
 * dominate the run. */
static char *
make_tmp_dir (void)
{
  g_autoptr(GError) error = NULL;
  char *dir;

  if (g_file_test ("/dev/shm", G_FILE_TEST_IS_DIR) && g_access ("/dev/shm", W_OK) == 0)
    {
      dir = g_build_filename ("/dev/shm", "vpc-export-all-XXXXXX", NULL);
      if (g_mkdtemp (dir) != NULL)
        return dir;
      g_free (dir);
    }
  dir = g_dir_make_tmp ("vpc-export-all-XXXXXX", &error);
  g_assert_no_error (error);
  return dir;
}

/* The diagrams.net page through the command line: a vertex named by each
 * element's id (test-drawio reads the structure in depth). */
static void
check_drawio (const char *path,
              VpcDesign  *design)
{
  g_autofree char *text = NULL;

  g_assert_true (g_file_get_contents (path, &text, NULL, NULL));
  g_assert_true (g_str_has_prefix (text, "<?xml"));
  g_assert_nonnull (strstr (text, "<mxfile"));
  for (VpcKind kind = 0; kind < VPC_N_KINDS; kind++)
    for (guint i = 0; i < vpc_design_get_n_elements (design, kind); i++)
      {
        g_autofree char *cell
            = g_strdup_printf ("<mxCell id=\"%s\"", vpc_design_get_element (design, kind, i)->id);

        g_assert_nonnull (strstr (text, cell));
      }
}

static void
test_design (gconstpointer data)
{
  const char *input = data;
  g_autoptr(GError) error = NULL;
  g_autoptr(VpcDesign) design = vpc_file_load_path (input, NULL, &error);
  g_autofree char *dir = make_tmp_dir ();
  char *paths[N_OUTS];

  g_assert_no_error (error);
  g_assert_nonnull (design);
  for (Output o = 0; o < N_OUTS; o++)
    paths[o] = g_build_filename (dir, outputs[o].file, NULL);

  export_all (input, dir);
  check_png (paths[OUT_PNG], design);
  check_svg (paths[OUT_SVG], design, FALSE);
  check_svg (paths[OUT_SVG_DARK], design, TRUE);
  check_pdf (paths[OUT_PDF], design, input);
  check_json (paths[OUT_JSON], design, input);
  check_drawio (paths[OUT_DRAWIO], design);

  for (Output o = 0; o < N_OUTS; o++)
    g_free (paths[o]);
  remove_tree (dir);
}

int
main (int    argc,
      char **argv)
{
  g_autoptr(GPtrArray) files = NULL;
  g_autoptr(GPtrArray) labels = NULL;
  guint n_examples = 0;
  int status;

  g_setenv ("SOURCE_DATE_EPOCH", EPOCH, TRUE);
  g_test_init (&argc, &argv, NULL);
  files = render_design_files (&labels);
  for (guint i = 0; i < files->len; i++)
    {
      g_autofree char *path = g_strdup_printf ("/export-all/%s", (char *) labels->pdata[i]);

      n_examples += g_str_has_prefix (labels->pdata[i], "examples/");
      g_test_add_data_func (path, files->pdata[i], test_design);
    }
  /* A wrong folder must not pass by testing nothing. */
  g_assert_cmpuint (n_examples, >=, 8);
  g_assert_cmpuint (files->len, >, n_examples);
  status = g_test_run ();
  vpc_render_clear_caches ();
  return status;
}
