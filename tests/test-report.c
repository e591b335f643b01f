/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-report.c: `vpc-designer report` (format.md §5) run as a process.
 *
 * For every example and every loadable design under tests/data:
 * - PDF: A4 pages (pdfinfo), at least two; its text (pdftotext) holds the
 *   title, every finding's rule id that `check --format json` gives, and
 *   the monthly total that `cost --format json` gives (or "Not priced").
 * - HTML: well-formed XML (xmllint), the diagram inline as <svg>, nothing
 *   fetched from elsewhere (no script, link, or src/href to another file
 *   or the network, bar the findings' reference links), every rule id.
 * - Markdown: every rule id, and every link to a file resolves beside it
 *   (the diagram, OUT.svg, which is well-formed SVG).
 * And the command's errors: usage, an unreadable design, OUT = FILE.
 */
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <string.h>

#include "cli-test-utils.h"

static char *work_dir;

static char *
run_tool (const char *const *argv,
          int                *status)
{
  g_autoptr(GError) error = NULL;
  char *out = NULL;

  if (!g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH | G_SPAWN_STDERR_TO_DEV_NULL,
                     NULL, NULL, &out, NULL, status, &error))
    g_error ("%s cannot run (tools/setup.sh installs it): %s", argv[0], error->message);
  return out;
}

static JsonObject *
cli_json (const char *subcommand,
          const char *path)
{
  g_auto(CliRun) run = { 0 };
  g_autoptr(JsonParser) parser = json_parser_new ();

  CLI_RUN (&run, NULL, subcommand, path, "--format", "json");
  g_assert_cmpint (run.status, !=, 2);
  g_assert_true (json_parser_load_from_data (parser, run.out, -1, NULL));
  return json_object_ref (json_node_get_object (json_parser_get_root (parser)));
}

/* What every format must say: the rule ids and the total. */
typedef struct
{
  GPtrArray *rules;
  char      *total; /* "$87.60", or NULL when not priced */
} Expected;

static void
expected_clear (Expected *e)
{
  g_clear_pointer (&e->rules, g_ptr_array_unref);
  g_clear_pointer (&e->total, g_free);
}

static void
expected_init (Expected   *e,
               const char *path)
{
  g_autoptr(JsonObject) check = cli_json ("check", path);
  g_autoptr(JsonObject) cost = cli_json ("cost", path);
  JsonArray *findings = json_object_get_array_member (check, "findings");

  e->rules = g_ptr_array_new_with_free_func (g_free);
  for (guint i = 0; i < json_array_get_length (findings); i++)
    g_ptr_array_add (e->rules, g_strdup (json_object_get_string_member (
                                   json_array_get_object_element (findings, i), "rule")));
  e->total = json_object_get_boolean_member (cost, "priced")
               ? g_strdup_printf ("$%.2f", json_object_get_double_member (cost, "monthly_total"))
               : NULL;
}

static void
assert_mentions (const char     *what,
                 const char     *text,
                 const Expected *e)
{
  for (guint i = 0; i < e->rules->len; i++)
    if (strstr (text, g_ptr_array_index (e->rules, i)) == NULL)
      g_error ("%s does not mention %s", what, (char *) g_ptr_array_index (e->rules, i));
  if (e->total != NULL && strstr (text, e->total) == NULL)
    g_error ("%s does not give the total %s", what, e->total);
  if (e->total == NULL && strstr (text, "Not priced") == NULL)
    g_error ("%s does not say it is not priced", what);
}

static void
report (const char *design,
        const char *out)
{
  g_auto(CliRun) run = { 0 };

  CLI_RUN (&run, NULL, "report", design, "-o", out);
  if (run.status != 0)
    g_error ("report %s -o %s: exit %d: %s", design, out, run.status, run.err);
  g_assert_cmpstr (run.out, ==, "");
}

static void
check_pdf (const char     *design,
           const Expected *e)
{
  g_autofree char *pdf = g_build_filename (work_dir, "r.pdf", NULL);
  const char *info_argv[] = { "pdfinfo", pdf, NULL };
  const char *text_argv[] = { "pdftotext", "-layout", pdf, "-", NULL };
  g_autofree char *info = NULL, *text = NULL;
  const char *pages;
  int status;

  report (design, pdf);
  info = run_tool (info_argv, &status);
  g_assert_cmpint (status, ==, 0);
  g_assert_nonnull (strstr (info, "595.28 x 841.89 pts (A4)"));
  pages = strstr (info, "Pages:");
  g_assert_nonnull (pages);
  g_assert_cmpint (atoi (pages + strlen ("Pages:")), >=, 2);
  text = run_tool (text_argv, &status);
  g_assert_cmpint (status, ==, 0);
  assert_mentions (design, text, e);
  g_assert_nonnull (strstr (text, "Findings"));
  g_assert_nonnull (strstr (text, "Inventory"));
}

static void
check_html (const char     *design,
            const Expected *e)
{
  g_autofree char *html = g_build_filename (work_dir, "r.html", NULL);
  const char *lint_argv[] = { "xmllint", "--noout", "--nonet", html, NULL };
  g_autofree char *text = NULL, *lint = NULL;
  const char *at;
  int status;

  report (design, html);
  lint = run_tool (lint_argv, &status);
  if (status != 0)
    g_error ("%s: the HTML report is not well-formed XML", design);
  g_assert_true (g_file_get_contents (html, &text, NULL, NULL));
  assert_mentions (design, text, e);
  g_assert_nonnull (strstr (text, "<svg"));
  g_assert_null (strstr (text, "<script"));
  g_assert_null (strstr (text, "<link"));
  g_assert_null (strstr (text, "src="));
  /* The only href is SVG's own fragment links, if any. */
  for (at = strstr (text, "href=\""); at != NULL; at = strstr (at + 1, "href=\""))
    g_assert_true (at[strlen ("href=\"")] == '#');
}

static void
check_markdown (const char     *design,
                const Expected *e)
{
  g_autofree char *md = g_build_filename (work_dir, "r.md", NULL);
  g_autofree char *svg = g_build_filename (work_dir, "r.svg", NULL);
  const char *lint_argv[] = { "xmllint", "--noout", "--nonet", svg, NULL };
  g_autofree char *text = NULL, *lint = NULL;
  g_autoptr(GRegex) links = g_regex_new ("\\]\\(([^)]+)\\)", 0, 0, NULL);
  g_autoptr(GMatchInfo) match = NULL;
  guint n_files = 0;
  int status;

  report (design, md);
  g_assert_true (g_file_get_contents (md, &text, NULL, NULL));
  assert_mentions (design, text, e);
  g_regex_match (links, text, 0, &match);
  for (; g_match_info_matches (match); g_match_info_next (match, NULL))
    {
      g_autofree char *target = g_match_info_fetch (match, 1);
      g_autofree char *unescaped = NULL, *path = NULL;

      if (g_str_has_prefix (target, "http"))
        continue;
      unescaped = g_uri_unescape_string (target, NULL);
      path = g_build_filename (work_dir, unescaped, NULL);
      if (!g_file_test (path, G_FILE_TEST_IS_REGULAR))
        g_error ("%s: the Markdown report links to %s, which is not there", design, target);
      n_files++;
    }
  g_assert_cmpuint (n_files, ==, 1);
  lint = run_tool (lint_argv, &status);
  g_assert_cmpint (status, ==, 0);
}

static void
test_designs (gconstpointer data)
{
  gboolean examples = GPOINTER_TO_INT (data);
  g_autoptr(GPtrArray) paths = g_ptr_array_new_with_free_func (g_free);
  guint n = 0;

  if (examples)
    cli_add_designs (paths, g_getenv ("VPC_EXAMPLES_DIR"), FALSE);
  else
    {
      g_autofree char *data_dir = g_test_build_filename (G_TEST_DIST, "data", NULL);

      cli_add_designs (paths, data_dir, TRUE);
    }
  g_ptr_array_sort (paths, (GCompareFunc) g_strcmp0);
  for (guint i = 0; i < paths->len; i++)
    {
      const char *path = g_ptr_array_index (paths, i);
      g_auto(CliRun) probe = { 0 };
      Expected e = { 0 };

      /* Only designs that load (tests/data also holds broken files). */
      CLI_RUN (&probe, NULL, "check", path, "--format", "json");
      if (probe.status == 2)
        continue;
      expected_init (&e, path);
      check_pdf (path, &e);
      check_html (path, &e);
      check_markdown (path, &e);
      expected_clear (&e);
      n++;
    }
  g_test_message ("%u designs", n);
  g_assert_cmpuint (n, >=, examples ? 8 : 40);
}

static void
test_errors (void)
{
  g_autofree char *example = g_build_filename (g_getenv ("VPC_EXAMPLES_DIR"),
                                               "two-az-training-and-hosting.vpcd.json", NULL);
  g_autofree char *out = g_build_filename (work_dir, "never.pdf", NULL);
  g_autofree char *bad = g_build_filename (work_dir, "bad.vpcd.json", NULL);
  g_autofree char *copy = g_build_filename (work_dir, "copy.vpcd.json", NULL);
  g_autofree char *copy_text = NULL;
  g_auto(CliRun) missing = { 0 };
  g_auto(CliRun) suffix = { 0 };
  g_auto(CliRun) unreadable = { 0 };
  g_auto(CliRun) self = { 0 };

  CLI_RUN (&missing, NULL, "report", example);
  cli_assert_usage_error (&missing, "missing -o OUT");
  CLI_RUN (&suffix, NULL, "report", example, "-o", "report.docx");
  cli_assert_usage_error (&suffix, ".pdf, .html or .md");

  g_assert_true (g_file_set_contents (bad, "{ not json", -1, NULL));
  CLI_RUN (&unreadable, NULL, "report", bad, "-o", out);
  g_assert_cmpint (unreadable.status, ==, 2);
  g_assert_nonnull (strstr (unreadable.err, "invalid JSON"));
  g_assert_false (g_file_test (out, G_FILE_TEST_EXISTS));

  /* Never over the design itself. */
  g_assert_true (g_file_get_contents (example, &copy_text, NULL, NULL));
  g_assert_true (g_file_set_contents (copy, copy_text, -1, NULL));
  CLI_RUN (&self, NULL, "report", copy, "-o", copy);
  g_assert_cmpint (self.status, ==, 2);
  {
    g_autofree char *after = NULL;

    g_assert_true (g_file_get_contents (copy, &after, NULL, NULL));
    g_assert_cmpstr (after, ==, copy_text);
  }
  g_unlink (bad);
  g_unlink (copy);
}

int
main (int   argc,
      char *argv[])
{
  int status;

  g_test_init (&argc, &argv, NULL);
  work_dir = g_dir_make_tmp ("vpc-report-XXXXXX", NULL);
  g_test_add_data_func ("/report/examples", GINT_TO_POINTER (TRUE), test_designs);
  g_test_add_data_func ("/report/data", GINT_TO_POINTER (FALSE), test_designs);
  g_test_add_func ("/report/errors", test_errors);
  status = g_test_run ();
  {
    const char *names[] = { "r.pdf", "r.html", "r.md", "r.svg" };

    for (guint i = 0; i < G_N_ELEMENTS (names); i++)
      {
        g_autofree char *path = g_build_filename (work_dir, names[i], NULL);

        g_unlink (path);
      }
  }
  g_rmdir (work_dir);
  g_free (work_dir);
  return status;
}
