/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-quick-fix.c: every quick fix, on every rule case that produces it.
 *
 * For each finding of each design in tests/data/rules/ that has a quick fix:
 * the fix describes itself with a monthly cost change, applies as one undo
 * step, makes that finding disappear, and undo restores the exact prior
 * state (byte-identical serialization).
 */
#include <json-glib/json-glib.h>
#include <string.h>

#include "vpc-file.h"
#include "vpc-quick-fix.h"
#include "vpc-validator.h"

static JsonObject *bases;
static GHashTable *fixed_rules; /* rule ids whose fix was exercised */

static JsonObject *
load_json (const char *file)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", "rules", file, NULL);
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;

  json_parser_load_from_file (parser, path, &error);
  g_assert_no_error (error);
  return json_object_ref (json_node_get_object (json_parser_get_root (parser)));
}

/* The case's design, judged in the case's profile (fixes use the design's
 * own profile, so the profile is written into it). */
static VpcDesign *
case_design (JsonObject *spec)
{
  JsonObject *base
      = json_object_get_object_member (bases, json_object_get_string_member (spec, "base"));
  g_autoptr(JsonObject) merged = json_object_new ();
  g_autoptr(JsonNode) node = json_node_new (JSON_NODE_OBJECT);
  g_autoptr(GList) members = json_object_get_members (base);
  g_autofree char *text = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;
  VpcDesign *design;

  for (GList *l = members; l != NULL; l = l->next)
    json_object_set_member (merged, l->data,
                            json_node_copy (json_object_get_member (base, l->data)));
  if (json_object_has_member (spec, "design"))
    {
      JsonObject *design_spec = json_object_get_object_member (spec, "design");
      g_autoptr(GList) overrides = json_object_get_members (design_spec);

      for (GList *l = overrides; l != NULL; l = l->next)
        json_object_set_member (merged, l->data,
                                json_node_copy (json_object_get_member (design_spec, l->data)));
    }
  if (json_object_has_member (spec, "profile"))
    json_object_set_string_member (merged, "profile",
                                   json_object_get_string_member (spec, "profile"));
  json_node_set_object (node, merged);
  text = json_to_string (node, FALSE);
  bytes = g_bytes_new (text, strlen (text));
  design = vpc_file_load_bytes (bytes, NULL, &error);
  g_assert_no_error (error);
  return design;
}

static GPtrArray *
validate (VpcDesign *design)
{
  return vpc_validate (design, vpc_design_get_info (design)->profile);
}

static gboolean
same_finding (VpcFinding *a,
              VpcFinding *b)
{
  return strcmp (vpc_finding_get_rule_id (a), vpc_finding_get_rule_id (b)) == 0
         && g_strcmp0 (vpc_finding_get_primary_element (a), vpc_finding_get_primary_element (b))
                == 0
         && g_strcmp0 (vpc_finding_get_service (a), vpc_finding_get_service (b)) == 0;
}

static gboolean
still_reported (VpcDesign  *design,
                VpcFinding *finding)
{
  g_autoptr(GPtrArray) findings = validate (design);

  for (guint i = 0; i < findings->len; i++)
    if (same_finding (g_ptr_array_index (findings, i), finding))
      return TRUE;
  return FALSE;
}

static void
check_fix (JsonObject *spec,
           guint       index)
{
  g_autoptr(VpcDesign) design = case_design (spec);
  g_autoptr(GPtrArray) findings = validate (design);
  VpcFinding *finding = g_ptr_array_index (findings, index);
  g_autofree char *before = NULL;
  g_autofree char *after_undo = NULL;
  g_autofree char *description = NULL;
  g_autofree char *label = NULL;

  if (!vpc_quick_fix_available (finding, design))
    {
      g_assert_null (vpc_quick_fix_describe (finding, design));
      return;
    }
  g_test_message ("%s: %s", json_object_get_string_member (spec, "name"),
                  vpc_finding_get_message (finding));
  g_hash_table_add (fixed_rules, g_strdup (vpc_finding_get_rule_id (finding)));

  description = vpc_quick_fix_describe (finding, design);
  g_assert_nonnull (description);
  g_assert_true (g_str_has_suffix (description, "/month"));
  g_assert_nonnull (strstr (description, ": +$") != NULL ? description
                                                         : strstr (description, ": -$"));

  before = vpc_file_serialize (design, NULL);
  g_assert_false (vpc_design_get_can_undo (design));
  g_assert_true (vpc_quick_fix_apply (finding, design));
  g_assert_true (vpc_design_get_can_undo (design));
  label = g_strdup (vpc_design_get_undo_label (design));
  g_assert_true (g_str_has_prefix (label, "Quick fix: "));
  g_assert_false (still_reported (design, finding));

  /* One step: a single undo restores the design byte for byte. */
  g_assert_true (vpc_design_undo (design));
  g_assert_false (vpc_design_get_can_undo (design));
  after_undo = vpc_file_serialize (design, NULL);
  g_assert_cmpstr (after_undo, ==, before);
  g_assert_true (still_reported (design, finding));

  g_assert_true (vpc_design_redo (design));
  g_assert_false (still_reported (design, finding));
}

static void
test_case_fixes (gconstpointer data)
{
  JsonObject *spec = (JsonObject *) data;
  g_autoptr(VpcDesign) design = case_design (spec);
  g_autoptr(GPtrArray) findings = validate (design);

  for (guint i = 0; i < findings->len; i++)
    check_fix (spec, i);
}

static void
add_cases (const char *file)
{
  g_autoptr(JsonObject) root = load_json (file);
  JsonArray *cases = json_object_get_array_member (root, "cases");
  g_autofree char *group = g_strndup (file, strlen (file) - strlen (".json"));

  for (guint i = 0; i < json_array_get_length (cases); i++)
    {
      JsonObject *spec = json_array_get_object_element (cases, i);
      g_autofree char *path = g_strdup_printf ("/quick-fix/%s/%s", group,
                                               json_object_get_string_member (spec, "name"));

      g_test_add_data_func_full (path, json_object_ref (spec), test_case_fixes,
                                 (GDestroyNotify) json_object_unref);
    }
}

/* Runs last: every rule that promises a fix had one exercised above. */
static void
test_coverage (void)
{
  static const char *const fixable[] = {
    "VPC101", "VPC102", "VPC103", "VPC104", "VPC105", "VPC106", "VPC107", "VPC110", "VPC111",
    "VPC113", "VPC115", "VPC201", "VPC202", "VPC301", "VPC401", "VPC402", "VPC403", "VPC404",
    "VPC405", "VPC502",
  };

  if (g_test_subprocess () || g_hash_table_size (fixed_rules) == 0)
    {
      g_test_skip ("needs the case tests to run first");
      return;
    }
  for (guint i = 0; i < G_N_ELEMENTS (fixable); i++)
    if (!g_hash_table_contains (fixed_rules, fixable[i]))
      {
        g_test_message ("no quick fix exercised for %s", fixable[i]);
        g_test_fail ();
      }
}

/* The example domain.md gives: both ECR endpoints in two AZs. */
static void
test_describe_ecr (void)
{
  g_autoptr(JsonObject) root = load_json ("endpoints.json");
  JsonArray *cases = json_object_get_array_member (root, "cases");
  JsonObject *spec = NULL;
  g_autoptr(VpcDesign) design = NULL;
  g_autoptr(GPtrArray) findings = NULL;
  g_autofree char *description = NULL;

  for (guint i = 0; i < json_array_get_length (cases); i++)
    if (g_strcmp0 (json_object_get_string_member (json_array_get_object_element (cases, i), "name"),
                   "vpc105-missing-both-one-finding") == 0)
      spec = json_array_get_object_element (cases, i);
  g_assert_nonnull (spec);
  design = case_design (spec);
  findings = validate (design);
  g_assert_cmpuint (findings->len, ==, 1);
  description = vpc_quick_fix_describe (g_ptr_array_index (findings, 0), design);
  g_assert_cmpstr (description, ==,
                   "Add ecr.api and ecr.dkr endpoints in subnets sn-a, sn-b: +$29.20/month");
}

static void
test_no_fix (void)
{
  const char *const elements[] = { "x", NULL };
  g_autoptr (VpcFinding) finding
      = vpc_finding_new ("VPC203", VPC_SEVERITY_ERROR, "m", elements, NULL);
  g_autoptr(VpcDesign) design = vpc_design_new ();

  g_assert_false (vpc_quick_fix_available (finding, design));
  g_assert_null (vpc_quick_fix_describe (finding, design));
  g_assert_false (vpc_quick_fix_apply (finding, design));
  g_assert_false (vpc_design_get_can_undo (design));
}

int
main (int argc, char **argv)
{
  int status;

  g_test_init (&argc, &argv, NULL);
  bases = load_json ("bases.json");
  fixed_rules = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_test_add_func ("/quick-fix/describe-ecr", test_describe_ecr);
  g_test_add_func ("/quick-fix/none", test_no_fix);
  add_cases ("endpoints.json");
  add_cases ("network.json");
  add_cases ("isolation.json");
  add_cases ("security.json");
  add_cases ("cost.json");
  g_test_add_func ("/zz-quick-fix/coverage", test_coverage);
  status = g_test_run ();
  g_hash_table_unref (fixed_rules);
  json_object_unref (bases);
  return status;
}
