/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-scenarios.c: whole designs judged against expectations written by
 * hand from domain.md, independently of the rule tests.
 *
 * tests/data/scenarios/NAME.vpcd.json is judged in each profile that has a
 * NAME.PROFILE.expected file: one line per finding, in order,
 * "SEVERITY RULE ELEMENT..." (primary first). NAME.cost holds the expected
 * monthly total in the file's region, in dollars.
 */
#include <string.h>

#include "vpc-cost.h"
#include "vpc-file.h"
#include "vpc-validator.h"

static char *
describe_findings (GPtrArray *findings)
{
  GString *text = g_string_new (NULL);

  for (guint i = 0; i < findings->len; i++)
    {
      VpcFinding *finding = g_ptr_array_index (findings, i);
      const char *const *elements = vpc_finding_get_elements (finding);

      g_string_append_printf (text, "%s %s",
                              vpc_severity_to_string (vpc_finding_get_severity (finding)),
                              vpc_finding_get_rule_id (finding));
      for (guint j = 0; elements != NULL && elements[j] != NULL; j++)
        g_string_append_printf (text, " %s", elements[j]);
      g_string_append_c (text, '\n');
    }
  return g_string_free (text, FALSE);
}

static VpcDesign *
load_scenario (const char *name)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *file = g_strconcat (name, ".vpcd.json", NULL);
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", "scenarios", file, NULL);
  VpcDesign *design = vpc_file_load_path (path, NULL, &error);

  g_assert_no_error (error);
  return design;
}

static void
test_expected (gconstpointer data)
{
  const char *expected_file = data;
  g_autofree char *base = g_path_get_basename (expected_file);
  g_auto(GStrv) parts = g_strsplit (base, ".", 3); /* NAME, PROFILE, "expected" */
  g_autoptr(VpcDesign) design = load_scenario (parts[0]);
  g_autofree char *expected = NULL;
  g_autofree char *actual = NULL;
  g_autoptr(GPtrArray) findings = NULL;
  VpcProfile profile;

  g_assert_true (vpc_profile_from_string (parts[1], &profile));
  g_assert_true (g_file_get_contents (expected_file, &expected, NULL, NULL));
  findings = vpc_validate (design, profile);
  actual = describe_findings (findings);
  g_assert_cmpstr (actual, ==, expected);
}

static void
test_cost (gconstpointer data)
{
  const char *cost_file = data;
  g_autofree char *base = g_path_get_basename (cost_file);
  g_auto(GStrv) parts = g_strsplit (base, ".", 2);
  g_autoptr(VpcDesign) design = load_scenario (parts[0]);
  g_autoptr(VpcCostReport) report = vpc_cost_compute (design, NULL);
  g_autofree char *expected = NULL;
  g_autofree char *actual = NULL;

  g_assert_true (g_file_get_contents (cost_file, &expected, NULL, NULL));
  g_strstrip (expected);
  g_assert_true (report->priced);
  actual = vpc_cost_format (report->total_micros, FALSE);
  g_assert_cmpstr (actual + 1, ==, expected); /* skip the "$" */
}

static int
compare_names (gconstpointer a,
               gconstpointer b)
{
  return strcmp (*(const char *const *) a, *(const char *const *) b);
}

int
main (int argc, char *argv[])
{
  g_autofree char *dir_path = NULL;
  g_autoptr(GDir) dir = NULL;
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  const char *name;

  g_test_init (&argc, &argv, NULL);

  dir_path = g_test_build_filename (G_TEST_DIST, "data", "scenarios", NULL);
  dir = g_dir_open (dir_path, 0, NULL);
  g_assert_nonnull (dir);
  while ((name = g_dir_read_name (dir)) != NULL)
    g_ptr_array_add (names, g_strdup (name));
  g_ptr_array_sort (names, compare_names);

  for (guint i = 0; i < names->len; i++)
    {
      const char *file = g_ptr_array_index (names, i);
      char *path = g_build_filename (dir_path, file, NULL);
      char *test_path;

      if (g_str_has_suffix (file, ".expected"))
        {
          test_path = g_strdup_printf ("/scenarios/findings/%s", file);
          g_test_add_data_func_full (test_path, path, test_expected, g_free);
        }
      else if (g_str_has_suffix (file, ".cost"))
        {
          test_path = g_strdup_printf ("/scenarios/cost/%s", file);
          g_test_add_data_func_full (test_path, path, test_cost, g_free);
        }
      else
        {
          g_free (path);
          continue;
        }
      g_free (test_path);
    }
  return g_test_run ();
}
