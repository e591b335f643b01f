/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-rules.c: the rule engine against domain.md §3.
 *
 * Most cases are data: tests/data/rules/ (one JSON file per area) hold small designs (a base
 * design plus the top-level keys a case replaces) and the exact, sorted list
 * of findings each must give, as "severity RULE primary others… [service]".
 * Every rule has a case where it fires and a near miss where it does not.
 */
#include <json-glib/json-glib.h>
#include <string.h>

#include "random-designs.h"
#include "vpc-file.h"
#include "vpc-rule-catalogue.h"
#include "vpc-rules.h"
#include "vpc-validator.h"

static JsonObject *bases;

static int
rules_strcmp_indirect (gconstpointer a,
                       gconstpointer b)
{
  return strcmp (*(const char *const *) a, *(const char *const *) b);
}

static VpcDesign *
load_text (const char *text)
{
  g_autoptr(GBytes) bytes = g_bytes_new (text, strlen (text));
  g_autoptr(GError) error = NULL;
  VpcDesign *design = vpc_file_load_bytes (bytes, NULL, &error);

  g_assert_no_error (error);
  g_assert_nonnull (design);
  return design;
}

/* "error VPC107 train sn-a sn-b [kms]" */
static char *
describe_finding (VpcFinding *finding,
                  gboolean    with_service)
{
  GString *line = g_string_new (vpc_severity_to_string (vpc_finding_get_severity (finding)));
  const char *const *elements = vpc_finding_get_elements (finding);

  g_string_append_printf (line, " %s", vpc_finding_get_rule_id (finding));
  for (guint i = 0; elements[i] != NULL; i++)
    g_string_append_printf (line, " %s", elements[i]);
  if (with_service && vpc_finding_get_service (finding) != NULL)
    g_string_append_printf (line, " [%s]", vpc_finding_get_service (finding));
  return g_string_free (line, FALSE);
}

static char *
join_lines (GPtrArray *lines)
{
  GString *out = g_string_new (NULL);

  for (guint i = 0; i < lines->len; i++)
    g_string_append_printf (out, "  %s\n", (const char *) g_ptr_array_index (lines, i));
  return g_string_free (out, FALSE);
}

/* Compares the whole sorted list, so a missing, extra or misordered
 * finding fails and both lists are shown. */
static void
assert_findings_full (VpcDesign *design,
                      VpcProfile profile,
                      GPtrArray *expected,
                      gboolean   with_service)
{
  g_autoptr(GPtrArray) findings = vpc_validate (design, profile);
  g_autoptr(GPtrArray) actual = g_ptr_array_new_with_free_func (g_free);
  gboolean same;

  for (guint i = 0; i < findings->len; i++)
    {
      VpcFinding *finding = g_ptr_array_index (findings, i);

      g_assert_true (vpc_finding_get_message (finding)[0] != '\0');
      g_ptr_array_add (actual, describe_finding (finding, with_service));
    }
  same = actual->len == expected->len;
  for (guint i = 0; same && i < actual->len; i++)
    same = strcmp (g_ptr_array_index (actual, i), g_ptr_array_index (expected, i)) == 0;
  if (!same)
    {
      g_autofree char *want = join_lines (expected);
      g_autofree char *got = join_lines (actual);

      g_test_message ("expected:\n%sactual:\n%s", want, got);
      g_test_fail ();
    }
}

static void
assert_findings (VpcDesign *design,
                 VpcProfile profile,
                 GPtrArray *expected)
{
  assert_findings_full (design, profile, expected, TRUE);
}

typedef struct
{
  char       *file;
  JsonObject *spec; /* one entry of "cases" */
} Case;

static void
case_free (gpointer data)
{
  Case *c = data;

  g_free (c->file);
  json_object_unref (c->spec);
  g_free (c);
}

/* The base design with the case's top-level keys replaced. */
static VpcDesign *
case_design (Case *c)
{
  const char *base_name = json_object_get_string_member (c->spec, "base");
  JsonObject *base = json_object_get_object_member (bases, base_name);
  g_autoptr(JsonObject) merged = json_object_new ();
  g_autoptr(JsonNode) node = json_node_new (JSON_NODE_OBJECT);
  g_autoptr(GList) members = json_object_get_members (base);
  g_autofree char *text = NULL;

  g_assert_nonnull (base);
  for (GList *l = members; l != NULL; l = l->next)
    json_object_set_member (merged, l->data,
                            json_node_copy (json_object_get_member (base, l->data)));
  if (json_object_has_member (c->spec, "design"))
    {
      JsonObject *design = json_object_get_object_member (c->spec, "design");
      g_autoptr(GList) overrides = json_object_get_members (design);

      for (GList *l = overrides; l != NULL; l = l->next)
        json_object_set_member (merged, l->data,
                                json_node_copy (json_object_get_member (design, l->data)));
    }
  json_node_set_object (node, merged);
  text = json_to_string (node, TRUE);
  return load_text (text);
}

static void
test_case (gconstpointer data)
{
  Case *c = (Case *) data;
  g_autoptr(VpcDesign) design = case_design (c);
  g_autoptr(GPtrArray) expected = g_ptr_array_new ();
  JsonArray *expect = json_object_get_array_member (c->spec, "expect");
  VpcProfile profile = vpc_design_get_info (design)->profile;

  if (json_object_has_member (c->spec, "profile"))
    g_assert_true (
        vpc_profile_from_string (json_object_get_string_member (c->spec, "profile"), &profile));
  for (guint i = 0; i < json_array_get_length (expect); i++)
    g_ptr_array_add (expected, (gpointer) json_array_get_string_element (expect, i));
  assert_findings (design, profile, expected);
}

static void
add_cases (const char *file)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", "rules", file, NULL);
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *group = g_strndup (file, strlen (file) - strlen (".json"));
  JsonArray *cases;

  json_parser_load_from_file (parser, path, &error);
  g_assert_no_error (error);
  cases = json_object_get_array_member (json_node_get_object (json_parser_get_root (parser)),
                                        "cases");
  for (guint i = 0; i < json_array_get_length (cases); i++)
    {
      Case *c = g_new0 (Case, 1);
      g_autofree char *test_path = NULL;

      c->file = g_strdup (file);
      c->spec = json_object_ref (json_array_get_object_element (cases, i));
      test_path = g_strdup_printf ("/rules/%s/%s", group,
                                   json_object_get_string_member (c->spec, "name"));
      g_test_add_data_func_full (test_path, c, test_case, case_free);
    }
}

static void
load_bases (void)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", "rules", "bases.json", NULL);
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;

  json_parser_load_from_file (parser, path, &error);
  g_assert_no_error (error);
  bases = json_object_ref (json_node_get_object (json_parser_get_root (parser)));
}


/* The scenario files other parts of the project test with (the CLI's),
 * written from domain.md alone: "severity RULE primary others…" per line. */
typedef struct
{
  char      *design;
  VpcProfile profile;
  char      *expected;
} Scenario;

static void
scenario_free (gpointer data)
{
  Scenario *scenario = data;

  g_free (scenario->design);
  g_free (scenario->expected);
  g_free (scenario);
}

static void
test_scenario (gconstpointer data)
{
  const Scenario *scenario = data;
  g_autoptr(GError) error = NULL;
  g_autoptr(VpcDesign) design = vpc_file_load_path (scenario->design, NULL, &error);
  g_autofree char *text = NULL;
  g_auto(GStrv) lines = NULL;
  g_autoptr(GPtrArray) expected = g_ptr_array_new ();

  g_assert_no_error (error);
  g_file_get_contents (scenario->expected, &text, NULL, &error);
  g_assert_no_error (error);
  lines = g_strsplit (text, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    if (*g_strstrip (lines[i]) != '\0')
      g_ptr_array_add (expected, lines[i]);
  assert_findings_full (design, scenario->profile, expected, FALSE);
}

static void
add_scenarios (void)
{
  g_autofree char *dir_path = g_test_build_filename (G_TEST_DIST, "data", "scenarios", NULL);
  g_autoptr(GDir) dir = g_dir_open (dir_path, 0, NULL);
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  const char *name;

  if (dir == NULL)
    return;
  while ((name = g_dir_read_name (dir)) != NULL)
    if (g_str_has_suffix (name, ".expected"))
      g_ptr_array_add (names, g_strdup (name));
  g_ptr_array_sort (names, rules_strcmp_indirect);
  for (guint i = 0; i < names->len; i++)
    {
      const char *file = g_ptr_array_index (names, i);
      g_auto(GStrv) parts = g_strsplit (file, ".", 3); /* NAME.PROFILE.expected */
      g_autofree char *design_file = g_strconcat (parts[0], ".vpcd.json", NULL);
      g_autofree char *test_path = g_strdup_printf ("/rules/scenarios/%s/%s", parts[0], parts[1]);
      Scenario *scenario;
      VpcProfile profile;

      if (g_strv_length (parts) != 3 || !vpc_profile_from_string (parts[1], &profile))
        continue;
      scenario = g_new0 (Scenario, 1);
      scenario->design = g_build_filename (dir_path, design_file, NULL);
      scenario->profile = profile;
      scenario->expected = g_build_filename (dir_path, file, NULL);
      g_test_add_data_func_full (test_path, scenario, test_scenario, scenario_free);
    }
}

/* The example designs teach what their description says: their findings
 * are pinned here (study-guide profile, and precise where it differs). */
typedef struct
{
  const char        *file;
  VpcProfile         profile;
  const char *const *expected;
} Example;

#define UNNEEDED_CHECKLIST \
  "info VPC116 ep-api", "info VPC116 ep-ecr-api", "info VPC116 ep-ecr-dkr", \
  "info VPC116 ep-logs", "info VPC116 ep-runtime", "info VPC116 ep-sts"

static const Example examples[] = {
  { "two-az-training-and-hosting.vpcd.json", VPC_PROFILE_STUDY_GUIDE,
    (const char *const[]){ NULL } },
  { "two-az-training-and-hosting.vpcd.json", VPC_PROFILE_PRECISE,
    (const char *const[]){ UNNEEDED_CHECKLIST, NULL } },
  { "training-cannot-reach-s3-ecr.vpcd.json", VPC_PROFILE_STUDY_GUIDE,
    (const char *const[]){ "error VPC101 train private-a private-b",
                           "error VPC105 train private-a private-b", NULL } },
  { "endpoint-single-subnet.vpcd.json", VPC_PROFILE_STUDY_GUIDE,
    (const char *const[]){ "warning VPC113 ep-logs az-b", NULL } },
  { "isolation-with-cloudwatch-logs.vpcd.json", VPC_PROFILE_STUDY_GUIDE,
    (const char *const[]){ "error VPC301 train", NULL } },
  { "sg-without-outbound-443.vpcd.json", VPC_PROFILE_STUDY_GUIDE,
    (const char *const[]){ "error VPC401 train sg-ml", "error VPC405 train sg-ml", NULL } },
  { "development-vpc-many-endpoints.vpcd.json", VPC_PROFILE_STUDY_GUIDE,
    (const char *const[]){ "info VPC501 ep-api ep-runtime ep-logs ep-ecr-api ep-ecr-dkr ep-sts",
                           NULL } },
  { "notebook-direct-internet.vpcd.json", VPC_PROFILE_STUDY_GUIDE,
    (const char *const[]){ "warning VPC304 notebook", NULL } },
  { "nat-in-private-subnet.vpcd.json", VPC_PROFILE_PRECISE,
    (const char *const[]){ "error VPC206 nat-1 private-a",
                           "error VPC305 preprocess private-a private-b", NULL } },
};

static void
test_example (gconstpointer data)
{
  const Example *example = data;
  const char *dir = g_getenv ("VPC_EXAMPLES_DIR");
  g_autofree char *path = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(VpcDesign) design = NULL;
  g_autoptr(GPtrArray) expected = g_ptr_array_new ();

  if (dir == NULL)
    {
      g_test_skip ("VPC_EXAMPLES_DIR is not set");
      return;
    }
  path = g_build_filename (dir, example->file, NULL);
  design = vpc_file_load_path (path, NULL, &error);
  g_assert_no_error (error);
  for (guint i = 0; example->expected[i] != NULL; i++)
    g_ptr_array_add (expected, (gpointer) example->expected[i]);
  assert_findings (design, example->profile, expected);
}

static void
add_examples (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (examples); i++)
    {
      g_autofree char *test_path = g_strdup_printf ("/rules/examples/%s/%s", examples[i].file,
                                                    vpc_profile_to_string (examples[i].profile));

      g_test_add_data_func (test_path, &examples[i], test_example);
    }
}

/* The live validator. */

typedef struct
{
  guint position, removed, added, calls;
} ItemsChanged;

static void
items_changed_cb (GListModel   *model,
                  guint         position,
                  guint         removed,
                  guint         added,
                  ItemsChanged *record)
{
  record->position = position;
  record->removed = removed;
  record->added = added;
  record->calls++;
}

/* A view's copy of the list, kept by the changes the list reports, as a
 * GTK list view keeps its rows: it must end as the list itself, object
 * for object. */
static void
mirror_changed_cb (GListModel *model,
                   guint       position,
                   guint       removed,
                   guint       added,
                   GPtrArray  *mirror)
{
  g_assert_cmpuint (position + removed, <=, mirror->len);
  g_ptr_array_remove_range (mirror, position, removed);
  for (guint k = 0; k < added; k++)
    g_ptr_array_insert (mirror, (int) (position + k), g_list_model_get_item (model, position + k));
}

static GPtrArray *
mirror_new (GListModel *model)
{
  GPtrArray *mirror = g_ptr_array_new_with_free_func (g_object_unref);

  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    g_ptr_array_add (mirror, g_list_model_get_item (model, i));
  g_signal_connect (model, "items-changed", G_CALLBACK (mirror_changed_cb), mirror);
  return mirror;
}

static void
assert_mirror_matches (GListModel *model,
                       GPtrArray  *mirror)
{
  g_assert_cmpuint (mirror->len, ==, g_list_model_get_n_items (model));
  for (guint i = 0; i < mirror->len; i++)
    {
      g_autoptr(VpcFinding) item = g_list_model_get_item (model, i);

      g_assert_true (item == g_ptr_array_index (mirror, i));
    }
}

/* The model holds exactly what a one-shot validation gives. */
static void
assert_model_matches (VpcValidator *validator)
{
  VpcDesign *design = vpc_validator_get_design (validator);
  g_autoptr(GPtrArray) fresh = vpc_validate (design, vpc_design_get_info (design)->profile);
  GListModel *model = G_LIST_MODEL (validator);

  g_assert_cmpuint (g_list_model_get_n_items (model), ==, fresh->len);
  for (guint i = 0; i < fresh->len; i++)
    {
      g_autoptr(VpcFinding) item = g_list_model_get_item (model, i);

      g_assert_true (vpc_finding_equal (item, g_ptr_array_index (fresh, i)));
    }
}

/* The message of the validator's @rule_id finding about @id (any
 * element when NULL), or NULL. */
static char *
message_of (VpcValidator *validator,
            const char   *rule_id,
            const char   *id)
{
  GListModel *model = G_LIST_MODEL (validator);

  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(VpcFinding) item = g_list_model_get_item (model, i);

      if (g_str_equal (vpc_finding_get_rule_id (item), rule_id)
          && (id == NULL || g_strcmp0 (vpc_finding_get_primary_element (item), id) == 0))
        return g_strdup (vpc_finding_get_message (item));
    }
  return NULL;
}

/* Whether the validator lists a finding of @rule_id. */
static gboolean
has_rule (VpcValidator *validator,
          const char   *rule_id)
{
  g_autofree char *message = message_of (validator, rule_id, NULL);

  return message != NULL;
}

static const char live_design[]
    = "{ \"format\": \"vpc-designer\", \"version\": 1, \"region\": \"us-east-1\", \"profile\": "
      "\"precise\","
      "  \"vpc\": { \"cidr\": \"10.0.0.0/16\" },"
      "  \"availability_zones\": [ { \"id\": \"az-a\" }, { \"id\": \"az-b\" } ],"
      "  \"subnets\": [ { \"id\": \"sn-a\", \"az\": \"az-a\", \"cidr\": \"10.0.1.0/24\" },"
      "                 { \"id\": \"sn-b\", \"az\": \"az-b\", \"cidr\": \"10.0.2.0/24\" } ],"
      "  \"security_groups\": [ { \"id\": \"sg\" } ],"
      "  \"endpoints\": [ { \"id\": \"gw\", \"service\": \"s3\" } ],"
      "  \"workloads\": [ { \"id\": \"a\", \"kind\": \"training_job\", \"subnets\": [\"sn-a\"], "
      "\"security_groups\": [\"sg\"] },"
      "                   { \"id\": \"b\", \"kind\": \"training_job\", \"subnets\": [\"sn-a\"], "
      "\"security_groups\": [\"sg\"] },"
      "                   { \"id\": \"c\", \"kind\": \"training_job\", \"subnets\": [\"sn-a\"], "
      "\"security_groups\": [\"sg\"] } ] }";

static void
test_live_update (void)
{
  g_autoptr(VpcDesign) design = load_text (live_design);
  g_autoptr(VpcValidator) validator = vpc_validator_new (design);
  GListModel *model = G_LIST_MODEL (validator);
  g_autoptr(VpcFinding) first = NULL;
  g_autoptr(VpcFinding) last = NULL;
  g_autoptr(VpcFinding) first_after = NULL;
  g_autoptr(VpcFinding) last_after = NULL;
  g_autoptr(VpcElement) copy = NULL;
  g_autoptr(GPtrArray) for_b = NULL;
  ItemsChanged record = { 0 };

  /* Three VPC201 warnings, one per job. */
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 3);
  g_assert_true (g_list_model_get_item_type (model) == VPC_TYPE_FINDING);
  g_assert_cmpuint (vpc_validator_count (validator, VPC_SEVERITY_WARNING), ==, 3);
  first = g_list_model_get_item (model, 0);
  last = g_list_model_get_item (model, 2);
  g_signal_connect (model, "items-changed", G_CALLBACK (items_changed_cb), &record);

  /* Giving b a second subnet drops only the middle finding. */
  copy = vpc_element_copy (vpc_design_lookup (design, "b"));
  vpc_id_list_add (copy->subnets, "sn-b");
  vpc_design_replace_element (design, g_steal_pointer (&copy));
  g_assert_cmpuint (record.calls, ==, 1);
  g_assert_cmpuint (record.position, ==, 1);
  g_assert_cmpuint (record.removed, ==, 1);
  g_assert_cmpuint (record.added, ==, 0);
  assert_model_matches (validator);
  first_after = g_list_model_get_item (model, 0);
  last_after = g_list_model_get_item (model, 1);
  g_assert_true (first_after == first); /* rows kept, not rebuilt */
  g_assert_true (last_after == last);
  for_b = vpc_validator_findings_for (validator, "b");
  g_assert_cmpuint (for_b->len, ==, 0);

  /* Undo brings it back, in the same place. */
  g_assert_true (vpc_design_undo (design));
  g_assert_cmpuint (record.calls, ==, 2);
  g_assert_cmpuint (record.position, ==, 1);
  g_assert_cmpuint (record.removed, ==, 0);
  g_assert_cmpuint (record.added, ==, 1);
  assert_model_matches (validator);
  g_clear_pointer (&for_b, g_ptr_array_unref);
  for_b = vpc_validator_findings_for (validator, "b");
  g_assert_cmpuint (for_b->len, ==, 1);
  g_clear_pointer (&for_b, g_ptr_array_unref);
  for_b = vpc_validator_findings_for (validator, "sn-a");
  g_assert_cmpuint (for_b->len, ==, 3);

  /* An edit that changes no finding emits nothing. */
  copy = vpc_element_copy (vpc_design_lookup (design, "sg"));
  copy->name = g_strdup ("renamed");
  vpc_design_replace_element (design, g_steal_pointer (&copy));
  g_assert_cmpuint (record.calls, ==, 2);

  /* Boxes moved (the rules read none), then an edit after them: the
   * findings follow the edit, not a state before the moves. */
  {
    VpcRect box = { 10, 10, 72, 72 };

    vpc_design_set_layout (design, VPC_KIND_WORKLOAD, vpc_design_index_of (design, "b"), &box);
    g_assert_cmpuint (record.calls, ==, 2);
    assert_model_matches (validator);
    copy = vpc_element_copy (vpc_design_lookup (design, "c"));
    vpc_id_list_add (copy->subnets, "sn-b");
    vpc_design_replace_element (design, g_steal_pointer (&copy));
    g_assert_cmpuint (record.calls, ==, 3);
    assert_model_matches (validator);
    box.x = 300;
    vpc_design_set_layout (design, VPC_KIND_WORKLOAD, vpc_design_index_of (design, "c"), &box);
    g_assert_true (vpc_design_undo (design));
    g_assert_true (vpc_design_undo (design));
    g_assert_cmpuint (record.calls, ==, 4);
    assert_model_matches (validator);
  }

  g_signal_handlers_disconnect_by_data (model, &record);
}

static void
test_live_profile (void)
{
  g_autoptr(VpcDesign) design = load_text (live_design);
  g_autoptr(VpcValidator) validator = vpc_validator_new (design);
  g_autoptr(VpcDesignInfo) info = vpc_design_info_copy (vpc_design_get_info (design));

  g_assert_cmpuint (vpc_validator_count (validator, VPC_SEVERITY_ERROR), ==, 0);
  info->profile = VPC_PROFILE_STUDY_GUIDE;
  vpc_design_set_info (design, g_steal_pointer (&info));
  /* Study guide: five checklist services missing for three jobs. */
  g_assert_cmpuint (vpc_validator_count (validator, VPC_SEVERITY_ERROR), ==, 15);
  assert_model_matches (validator);
  g_assert_true (vpc_design_undo (design));
  g_assert_cmpuint (vpc_validator_count (validator, VPC_SEVERITY_ERROR), ==, 0);
  assert_model_matches (validator);
}

static void
test_live_transaction (void)
{
  g_autoptr(VpcDesign) design = load_text (live_design);
  g_autoptr(VpcValidator) validator = vpc_validator_new (design);
  const char *const ids[] = { "gw" };

  vpc_design_delete (design, ids, 1);
  g_assert_cmpuint (vpc_validator_count (validator, VPC_SEVERITY_ERROR), ==, 3);
  assert_model_matches (validator);
  g_assert_true (vpc_design_undo (design));
  g_assert_cmpuint (vpc_validator_count (validator, VPC_SEVERITY_ERROR), ==, 0);
  assert_model_matches (validator);
  g_object_ref (design);
  g_clear_object (&validator);
  g_object_unref (design);
}

/* Renames @element to @name (NULL: no name) as the inspector does. */
static void
rename_element (VpcDesign        *design,
                const VpcElement *element,
                const char       *name)
{
  g_autoptr(VpcElement) copy = vpc_element_copy (element);

  g_free (copy->name);
  copy->name = g_strdup (name);
  vpc_design_replace_element (design, g_steal_pointer (&copy));
}

/* A random element of @design. */
static const VpcElement *
random_element (VpcDesign *design,
                GRand     *rand)
{
  guint pick = g_rand_int_range (rand, 0, vpc_design_get_total_elements (design));

  for (VpcKind kind = 0; kind < VPC_N_KINDS; kind++)
    {
      guint n = vpc_design_get_n_elements (design, kind);

      if (pick < n)
        return vpc_design_get_element (design, kind, pick);
      pick -= n;
    }
  g_assert_not_reached ();
}

/* Renames run no rule: the findings that name the element say its new
 * name, exactly as a full run would (messages, order, everything), after
 * undo and redo too, on random designs that fire every kind of message. */
static void
test_live_renames (void)
{
  static const char *const names[] = {
    NULL, "x", "Name (with) parens", "Zürich → año …", "a, b and c", "%s %d", "sn-0",
    "training job t", "  spaced  ", "\xe2\x80\x8f\xd7\xa9\xd7\x9c\xd7\x95\xd7\x9d",
  };
  g_autoptr(GRand) rand = g_rand_new_with_seed (15);
  guint named = 0;

  for (guint seed = 1; seed <= 150; seed++)
    {
      g_autofree char *json = random_design_json (seed);
      g_autoptr(VpcDesign) design = load_text (json);
      g_autoptr(VpcValidator) validator = vpc_validator_new (design);
      guint runs = vpc_validator_get_full_runs (validator);

      if (vpc_design_get_total_elements (design) == 0)
        continue;
      for (guint round = 0; round < 8; round++)
        {
          const VpcElement *element = random_element (design, rand);
          const char *name = names[g_rand_int_range (rand, 0, G_N_ELEMENTS (names))];
          g_autoptr(GPtrArray) naming = vpc_validator_findings_for (validator, element->id);

          /* Sometimes its own id: then it is shown without "(id)". */
          if (round == 3)
            name = element->id;
          rename_element (design, element, name);
          assert_model_matches (validator);
          named += naming->len;
          if (round % 3 == 2)
            {
              g_assert_true (vpc_design_undo (design));
              assert_model_matches (validator);
              g_assert_true (vpc_design_redo (design));
              assert_model_matches (validator);
            }
        }
      g_assert_cmpuint (vpc_validator_get_full_runs (validator), ==, runs);

      /* Anything else the rules read runs them all. */
      {
        const VpcElement *element = random_element (design, rand);
        const char *const ids[] = { element->id };

        vpc_design_delete (design, ids, 1);
        assert_model_matches (validator);
        g_assert_cmpuint (vpc_validator_get_full_runs (validator), ==, runs + 1);
      }
    }
  /* The renamed elements were in findings, not only beside them. */
  g_assert_cmpuint (named, >, 500);
}

/* A copy of workload @workload of @design changed in @what: one of the
 * fields that other elements' rules do not read (0, 1) or may (2-10). */
#define N_WORKLOAD_EDITS 11

static VpcElement *
edited_workload (VpcDesign        *design,
                 const VpcElement *workload,
                 guint             what,
                 GRand            *rand)
{
  VpcElement *copy = vpc_element_copy (workload);
  gboolean *toggles[] = { &copy->inter_container_encryption, &copy->network_isolation,
                          &copy->needs_internet, &copy->direct_internet_access,
                          &copy->vpc_mode };
  static const char *const services[] = { "s3", "logs", "sts", "ecr.dkr", "kms", "sqs" };

  if (what == 0)
    /* Another number (the same one would be no edit); now and then
     * enough to fill a subnet (VPC211). */
    copy->instance_count = copy->instance_count % 60 + g_rand_int_range (rand, 1, 30)
                           + (g_rand_boolean (rand) ? 0 : 60 * g_rand_int_range (rand, 1, 80));
  else if (what <= G_N_ELEMENTS (toggles))
    *toggles[what - 1] = !*toggles[what - 1];
  else if (what == 6 || what == 7)
    {
      /* One of its subnets or groups less, or one more. */
      GPtrArray *list = what == 6 ? copy->subnets : copy->security_groups;
      VpcKind kind = what == 6 ? VPC_KIND_SUBNET : VPC_KIND_SECURITY_GROUP;
      guint n = vpc_design_get_n_elements (design, kind);

      if (list->len > 0 && g_rand_boolean (rand))
        g_ptr_array_remove_index (list, g_rand_int_range (rand, 0, list->len));
      else if (n > 0)
        vpc_id_list_add (list, vpc_design_get_element (design, kind,
                                                       g_rand_int_range (rand, 0, n))->id);
    }
  else if (what == 8)
    copy->workload_kind = g_rand_int_range (rand, 0, VPC_WORKLOAD_CLIENT + 1);
  else if (what == 9)
    {
      /* Other calls: other needs. */
      g_clear_pointer (&copy->calls, g_ptr_array_unref);
      copy->calls = g_ptr_array_new_with_free_func (g_free);
      for (guint i = 0; i < G_N_ELEMENTS (services); i++)
        if (g_rand_boolean (rand))
          g_ptr_array_add (copy->calls, g_strdup (services[i]));
    }
  else
    /* Another image: ECR through the VPC or not. */
    copy->image_access = copy->image_access == VPC_IMAGE_ACCESS_VPC ? VPC_IMAGE_ACCESS_PLATFORM
                                                                    : VPC_IMAGE_ACCESS_VPC;
  return copy;
}

/* A copy of security group @group with a rule less, or one more of those
 * the rules look for (TCP 443 out, everything from itself, ...). */
static VpcElement *
edited_group (const VpcElement *group,
              GRand            *rand)
{
  static const VpcSgRule rules[] = {
    { VPC_PROTOCOL_TCP, 443, 443, (char *) "0.0.0.0/0" },
    { VPC_PROTOCOL_ALL, 0, 65535, (char *) "self" },
    { VPC_PROTOCOL_TCP, 443, 443, (char *) "prefix-list:s3" },
    { VPC_PROTOCOL_ESP, 0, 0, (char *) "self" },
    { VPC_PROTOCOL_TCP, 0, 65535, (char *) "10.0.0.0/8" },
  };
  VpcElement *copy = vpc_element_copy (group);
  GArray *list = g_rand_boolean (rand) ? copy->ingress : copy->egress;

  if (list->len > 0 && g_rand_boolean (rand))
    g_array_remove_index (list, g_rand_int_range (rand, 0, list->len));
  else
    {
      VpcSgRule rule = rules[g_rand_int_range (rand, 0, G_N_ELEMENTS (rules))];

      rule.peer = g_strdup (rule.peer);
      g_array_append_val (list, rule);
    }
  return copy;
}

/* A copy of subnet @subnet of @design in another zone (one of the
 * design's, or one it lacks), with another block (another subnet's, a
 * small one, one outside the VPC, or none that parses) or another route. */
static VpcElement *
edited_subnet (VpcDesign        *design,
               const VpcElement *subnet,
               GRand            *rand)
{
  static const char *const cidrs[] = { "10.0.200.0/28", "10.0.0.0/16", "192.168.1.0/24",
                                       "10.0.300.0/24" };
  VpcElement *copy = vpc_element_copy (subnet);
  guint n_zones = vpc_design_get_n_elements (design, VPC_KIND_AZ);
  guint n_subnets = vpc_design_get_n_elements (design, VPC_KIND_SUBNET);

  switch (g_rand_int_range (rand, 0, 3))
    {
    case 0:
      g_free (copy->az);
      copy->az = g_strdup (n_zones > 0 && g_rand_int_range (rand, 0, 4) > 0
                               ? vpc_design_get_element (design, VPC_KIND_AZ,
                                                         g_rand_int_range (rand, 0, n_zones))->id
                               : "az-nowhere");
      break;
    case 1:
      g_free (copy->cidr);
      copy->cidr = g_strdup (
          g_rand_boolean (rand)
              ? vpc_design_get_element (design, VPC_KIND_SUBNET,
                                        g_rand_int_range (rand, 0, n_subnets))->cidr
              : cidrs[g_rand_int_range (rand, 0, G_N_ELEMENTS (cidrs))]);
      break;
    default:
      copy->route = (copy->route + g_rand_int_range (rand, 1, 3)) % 3;
      break;
    }
  return copy;
}

/* Whether an endpoint or a NAT gateway of @design is in subnet @id. */
static gboolean
subnet_has_service (VpcDesign  *design,
                    const char *id)
{
  for (guint i = 0; i < vpc_design_get_n_elements (design, VPC_KIND_ENDPOINT); i++)
    {
      const GPtrArray *subnets = vpc_design_get_element (design, VPC_KIND_ENDPOINT, i)->subnets;

      for (guint k = 0; subnets != NULL && k < subnets->len; k++)
        if (g_str_equal (g_ptr_array_index (subnets, k), id))
          return TRUE;
    }
  for (guint i = 0; i < vpc_design_get_n_elements (design, VPC_KIND_NAT_GATEWAY); i++)
    if (g_strcmp0 (vpc_design_get_element (design, VPC_KIND_NAT_GATEWAY, i)->subnet, id) == 0)
      return TRUE;
  return FALSE;
}

/* An edit of a workload runs the rules about it alone, and the rules about
 * other elements when it changed what they read of it (its subnets,
 * groups, needs, kind, VPC mode); an edit of a security group or of a
 * subnet without endpoints or NAT gateways, the rules about the workloads
 * that list it and about other elements; an endpoint's or a NAT gateway's
 * data per month, the rules about other elements alone. The findings
 * are a full run's all the same (messages, order), through undo, redo,
 * renames after it and edits that need a full run, on random designs. */
static void
test_live_scoped (void)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (21);
  guint scoped = 0, changed = 0, wide = 0, wide_changed = 0, groups = 0, groups_changed = 0;
  guint subnets = 0, subnets_changed = 0, subnets_scoped = 0, data = 0, data_changed = 0;
  guint cost_findings = 0;

  for (guint seed = 1; seed <= 150; seed++)
    {
      g_autofree char *json = random_design_json (seed);
      g_autoptr(VpcDesign) design = load_text (json);
      g_autoptr(VpcValidator) validator = vpc_validator_new (design);
      ItemsChanged record = { 0 };
      guint n = vpc_design_get_n_elements (design, VPC_KIND_WORKLOAD);

      if (n == 0)
        continue;
      g_signal_connect (validator, "items-changed", G_CALLBACK (items_changed_cb), &record);
      for (guint round = 0; round < 14; round++)
        {
          guint index = g_rand_int_range (rand, 0, n);
          guint what = g_rand_int_range (rand, 0, N_WORKLOAD_EDITS);
          const VpcElement *workload = vpc_design_get_element (design, VPC_KIND_WORKLOAD, index);
          guint runs = vpc_validator_get_full_runs (validator);
          guint scoped_runs = _vpc_validator_get_scoped_runs (validator);
          guint cost_runs = _vpc_validator_get_cost_runs (validator);
          guint calls = record.calls;
          guint64 revision = vpc_design_get_revision (design);

          guint n_groups = vpc_design_get_n_elements (design, VPC_KIND_SECURITY_GROUP);
          guint n_subnets = vpc_design_get_n_elements (design, VPC_KIND_SUBNET);

          guint n_endpoints = vpc_design_get_n_elements (design, VPC_KIND_ENDPOINT);
          guint n_nats = vpc_design_get_n_elements (design, VPC_KIND_NAT_GATEWAY);

          if (n_endpoints + n_nats > 0 && g_rand_int_range (rand, 0, 8) == 0)
            {
              guint pick = g_rand_int_range (rand, 0, n_endpoints + n_nats);
              VpcElement *copy = vpc_element_copy (
                  pick < n_endpoints
                      ? vpc_design_get_element (design, VPC_KIND_ENDPOINT, pick)
                      : vpc_design_get_element (design, VPC_KIND_NAT_GATEWAY, pick - n_endpoints));

              /* Another data volume: the cost, VPC116's and VPC501's texts;
               * now and then with another private DNS, which needs every rule. */
              gboolean more = pick < n_endpoints && copy->endpoint_type == VPC_ENDPOINT_INTERFACE
                              && g_rand_int_range (rand, 0, 4) == 0;

              copy->gb_per_month = copy->gb_per_month > 0 && g_rand_boolean (rand)
                                       ? 0
                                       : g_rand_int_range (rand, 1, 200000);
              copy->private_dns ^= more;
              vpc_design_replace_element (design, copy);
              assert_model_matches (validator);
              g_assert_cmpuint (vpc_validator_get_full_runs (validator), ==, runs + more);
              g_assert_cmpuint (_vpc_validator_get_scoped_runs (validator), ==,
                                scoped_runs + !more);
              /* Only VPC116 and VPC501 ran, which read the cost. */
              g_assert_cmpuint (_vpc_validator_get_cost_runs (validator), ==, cost_runs + !more);
              cost_findings += !more && (has_rule (validator, "VPC116")
                                         || has_rule (validator, "VPC501"));
              data++;
              data_changed += record.calls > calls;
              continue;
            }
          if (n_subnets > 0 && g_rand_int_range (rand, 0, 4) == 0)
            {
              const VpcElement *subnet = vpc_design_get_element (
                  design, VPC_KIND_SUBNET, g_rand_int_range (rand, 0, n_subnets));
              gboolean served = subnet_has_service (design, subnet->id);
              guint scoped_now;

              vpc_design_replace_element (design, edited_subnet (design, subnet, rand));
              assert_model_matches (validator);
              /* Some are refused (two subnets of one block) or no edit. */
              if (vpc_design_get_revision (design) == revision)
                continue;
              /* One run: a full one when an endpoint or a NAT gateway is
               * in the subnet (or the edit moved other elements too). */
              scoped_now = _vpc_validator_get_scoped_runs (validator) - scoped_runs;
              g_assert_cmpuint (vpc_validator_get_full_runs (validator) - runs + scoped_now, ==, 1);
              g_assert_true (!served || scoped_now == 0);
              subnets++;
              subnets_scoped += scoped_now;
              subnets_changed += scoped_now && record.calls > calls;
              /* (An edit back to what it was merges into none.) */
              if (round % 3 == 0 && vpc_design_undo (design))
                assert_model_matches (validator);
              continue;
            }

          if (n_groups > 0 && g_rand_int_range (rand, 0, 4) == 0)
            {
              const VpcElement *group = vpc_design_get_element (
                  design, VPC_KIND_SECURITY_GROUP, g_rand_int_range (rand, 0, n_groups));

              vpc_design_replace_element (design, edited_group (group, rand));
              assert_model_matches (validator);
              g_assert_cmpuint (vpc_validator_get_full_runs (validator), ==, runs);
              g_assert_cmpuint (_vpc_validator_get_scoped_runs (validator), ==, scoped_runs + 1);
              groups++;
              groups_changed += record.calls > calls;
              continue;
            }
          vpc_design_replace_element (design, edited_workload (design, workload, what, rand));
          assert_model_matches (validator);
          /* Some are refused (a notebook's isolation) or no edit (no subnets). */
          if (vpc_design_get_revision (design) == revision)
            {
              g_assert_cmpuint (what, >=, 2);
              continue;
            }
          g_assert_cmpuint (vpc_validator_get_full_runs (validator), ==, runs);
          g_assert_cmpuint (_vpc_validator_get_scoped_runs (validator), ==, scoped_runs + 1);
          scoped++;
          changed += record.calls > calls;
          if (what >= 5)
            {
              wide++;
              wide_changed += record.calls > calls;
            }
          if (round % 4 == 1)
            {
              g_assert_true (vpc_design_undo (design));
              assert_model_matches (validator);
              g_assert_true (vpc_design_redo (design));
              assert_model_matches (validator);
            }
          if (round % 4 == 2)
            {
              rename_element (design, vpc_design_get_element (design, VPC_KIND_WORKLOAD, index),
                              "Renamed (after an edit)");
              assert_model_matches (validator);
            }
        }
      g_signal_handlers_disconnect_by_data (validator, &record);
    }
  g_assert_cmpuint (scoped, >, 1000);
  g_assert_cmpuint (wide, >, 500);
  /* The edits changed findings, not only left them. */
  g_assert_cmpuint (changed, >, 300);
  g_assert_cmpuint (wide_changed, >, 200);
  g_assert_cmpuint (groups, >, 200);
  g_assert_cmpuint (groups_changed, >, 20);
  /* Most subnets are without endpoints or NAT gateways. */
  g_assert_cmpuint (subnets_scoped, >, 50);
  g_assert_cmpuint (subnets_changed, >, 30);
  g_assert_cmpuint (data, >, 100);
  g_assert_cmpuint (data_changed, >, 10);
  g_assert_cmpuint (cost_findings, >, 20);
  g_test_message ("%u edits of data volumes, %u changed findings, %u with findings that "
                  "give a cost", data, data_changed, cost_findings);
  g_test_message ("%u scoped runs, %u of them wide; %u and %u changed findings; "
                  "%u edits of groups, %u changed findings; %u of subnets, %u of them "
                  "scoped, %u of those changed findings",
                  scoped, wide, changed, wide_changed, groups, groups_changed, subnets,
                  subnets_scoped, subnets_changed);
}

/* Sets the data per month of endpoint or NAT gateway @id. */
static void
set_data (VpcDesign  *design,
          const char *id,
          double      gb)
{
  VpcElement *copy = vpc_element_copy (vpc_design_lookup (design, id));

  copy->gb_per_month = gb;
  g_assert_true (vpc_design_replace_element (design, copy));
}

/* Two interface endpoints nobody needs ($14.60 a month each for two AZs),
 * in development: VPC116 gives each one's cost, VPC501 comes at $50.00. */
static const char costs_design[]
    = "{ \"format\": \"vpc-designer\", \"version\": 1, \"region\": \"us-east-1\","
      "  \"profile\": \"precise\", \"environment\": \"development\","
      "  \"vpc\": { \"cidr\": \"10.0.0.0/16\" },"
      "  \"availability_zones\": [ { \"id\": \"az-a\" }, { \"id\": \"az-b\" } ],"
      "  \"subnets\": [ { \"id\": \"sn-a\", \"az\": \"az-a\", \"cidr\": \"10.0.1.0/24\", "
      "\"route\": \"public\" },"
      "                 { \"id\": \"sn-b\", \"az\": \"az-b\", \"cidr\": \"10.0.2.0/24\" } ],"
      "  \"endpoints\": [ { \"id\": \"ep-sts\", \"service\": \"sts\", \"subnets\": [\"sn-a\", \"sn-b\"] },"
      "                   { \"id\": \"ep-kms\", \"service\": \"kms\", \"subnets\": [\"sn-a\", \"sn-b\"], "
      "\"gb_per_month\": 100 } ],"
      "  \"nat_gateways\": [ { \"id\": \"nat\", \"subnet\": \"sn-a\" } ] }";

/* An edit of data per month alone runs VPC116 and VPC501 alone, and they
 * give what a whole run gives: VPC501 comes and goes at $50.00, and one
 * endpoint's data past the first tier changes the other's share of the
 * data charge, so its VPC116 cost too. */
static void
test_live_costs (void)
{
  g_autoptr(VpcDesign) design = load_text (costs_design);
  g_autoptr(VpcValidator) validator = vpc_validator_new (design);
  g_autofree char *kms_before = NULL, *kms_after = NULL, *sts_before = NULL, *sts_after = NULL;
  guint cost_runs = _vpc_validator_get_cost_runs (validator);

  assert_model_matches (validator);
  g_assert_false (has_rule (validator, "VPC501"));
  kms_before = message_of (validator, "VPC116", "ep-kms");
  sts_before = message_of (validator, "VPC116", "ep-sts");
  g_assert_nonnull (strstr (kms_before, "$15.60"));
  g_assert_nonnull (strstr (sts_before, "$14.60"));

  /* $14.60 + $15.60 + 2,000 GB at $0.01 = $50.20. */
  set_data (design, "ep-sts", 2000);
  assert_model_matches (validator);
  g_assert_true (has_rule (validator, "VPC501"));
  g_clear_pointer (&sts_after, g_free);
  sts_after = message_of (validator, "VPC116", "ep-sts");
  g_assert_nonnull (strstr (sts_after, "$34.60"));
  set_data (design, "ep-sts", 1900);
  assert_model_matches (validator);
  g_assert_false (has_rule (validator, "VPC501"));

  /* Past 1 PB the charge is shared: kms's 100 GB cost less than $1.00. */
  set_data (design, "ep-sts", 3000000);
  assert_model_matches (validator);
  g_assert_true (has_rule (validator, "VPC501"));
  kms_after = message_of (validator, "VPC116", "ep-kms");
  g_assert_cmpstr (kms_after, !=, kms_before);
  g_assert_null (strstr (kms_after, "$15.60"));

  /* A NAT gateway's data changes no finding. */
  set_data (design, "nat", 500);
  assert_model_matches (validator);
  g_clear_pointer (&sts_after, g_free);
  sts_after = message_of (validator, "VPC116", "ep-sts");
  g_assert_cmpstr (sts_after, !=, sts_before);
  g_assert_cmpuint (_vpc_validator_get_cost_runs (validator), ==, cost_runs + 4);

  /* Undone, the first findings again. */
  for (guint i = 0; i < 4; i++)
    {
      g_assert_true (vpc_design_undo (design));
      assert_model_matches (validator);
    }
  g_assert_false (has_rule (validator, "VPC501"));
  g_clear_pointer (&kms_after, g_free);
  kms_after = message_of (validator, "VPC116", "ep-kms");
  g_assert_cmpstr (kms_after, ==, kms_before);
  g_assert_cmpuint (_vpc_validator_get_cost_runs (validator), ==, cost_runs + 8);
}

/* live_design with an S3 interface endpoint in sn-b that has no groups:
 * its VPC402 finding names every job. */
static VpcDesign *
live_design_with_interface (void)
{
  VpcDesign *design = load_text (live_design);
  VpcElement *endpoint = vpc_element_new (VPC_KIND_ENDPOINT, "ep-s3");

  endpoint->service = g_strdup ("s3");
  vpc_id_list_add (endpoint->subnets, "sn-b");
  g_assert_true (vpc_design_add_element (design, endpoint, -1));
  return design;
}

/* Whether a finding of @rule_id names element @id. */
static gboolean
names_in (VpcValidator *validator,
          const char   *id,
          const char   *rule_id)
{
  g_autoptr(GPtrArray) naming = vpc_validator_findings_for (validator, id);

  for (guint i = 0; i < naming->len; i++)
    if (g_str_equal (vpc_finding_get_rule_id (g_ptr_array_index (naming, i)), rule_id))
      return TRUE;
  return FALSE;
}

/* A subnet with a NAT gateway in it gives workloads that do not list it
 * their internet path: its edit runs every rule (a scoped run would not
 * see the job's VPC305). */
static void
test_live_scoped_subnet_served (void)
{
  static const char json[]
      = "{ \"format\": \"vpc-designer\", \"version\": 1, \"region\": \"us-east-1\","
        "  \"vpc\": { \"cidr\": \"10.0.0.0/16\" },"
        "  \"availability_zones\": [ { \"id\": \"az-a\" } ],"
        "  \"subnets\": [ { \"id\": \"sn-a\", \"az\": \"az-a\", \"cidr\": \"10.0.1.0/24\","
        "                   \"route\": \"nat\" },"
        "                 { \"id\": \"sn-pub\", \"az\": \"az-a\", \"cidr\": \"10.0.2.0/24\","
        "                   \"route\": \"public\" } ],"
        "  \"nat_gateways\": [ { \"id\": \"nat\", \"subnet\": \"sn-pub\" } ],"
        "  \"workloads\": [ { \"id\": \"job\", \"kind\": \"training_job\", "
        "\"subnets\": [\"sn-a\"], \"needs_internet\": true } ] }";
  g_autoptr(VpcDesign) design = load_text (json);
  g_autoptr(VpcValidator) validator = vpc_validator_new (design);
  guint runs = vpc_validator_get_full_runs (validator);
  VpcElement *copy = vpc_element_copy (vpc_design_lookup (design, "sn-pub"));

  g_assert_false (names_in (validator, "job", "VPC305"));
  copy->route = VPC_ROUTE_PRIVATE;
  g_assert_true (vpc_design_replace_element (design, copy));
  assert_model_matches (validator);
  g_assert_true (names_in (validator, "job", "VPC305"));
  g_assert_cmpuint (vpc_validator_get_full_runs (validator), ==, runs + 1);
}

/* A subnet's block made too small for its job: a scoped run, which
 * reports VPC211 about that subnet again (and only the subnets whose size
 * may have changed). */
static void
test_live_scoped_subnet_size (void)
{
  static const char json[]
      = "{ \"format\": \"vpc-designer\", \"version\": 1, \"region\": \"us-east-1\","
        "  \"vpc\": { \"cidr\": \"10.0.0.0/16\" },"
        "  \"availability_zones\": [ { \"id\": \"az-a\" } ],"
        "  \"subnets\": [ { \"id\": \"sn-a\", \"az\": \"az-a\", \"cidr\": \"10.0.1.0/24\" },"
        "                 { \"id\": \"sn-b\", \"az\": \"az-a\", \"cidr\": \"10.0.2.0/28\" } ],"
        "  \"workloads\": [ { \"id\": \"job\", \"kind\": \"training_job\", "
        "\"subnets\": [\"sn-a\"], \"instance_count\": 10 },"
        "                   { \"id\": \"big\", \"kind\": \"training_job\", "
        "\"subnets\": [\"sn-b\"], \"instance_count\": 20 } ] }";
  g_autoptr(VpcDesign) design = load_text (json);
  g_autoptr(VpcValidator) validator = vpc_validator_new (design);
  guint runs = vpc_validator_get_full_runs (validator);
  guint scoped = _vpc_validator_get_scoped_runs (validator);
  VpcElement *copy = vpc_element_copy (vpc_design_lookup (design, "sn-a"));

  g_assert_false (names_in (validator, "sn-a", VPC_RULES_SUBNET_SIZE));
  g_assert_true (names_in (validator, "sn-b", VPC_RULES_SUBNET_SIZE));
  g_free (copy->cidr);
  copy->cidr = g_strdup ("10.0.1.0/28");
  g_assert_true (vpc_design_replace_element (design, copy));
  assert_model_matches (validator);
  g_assert_true (names_in (validator, "sn-a", VPC_RULES_SUBNET_SIZE));
  g_assert_true (names_in (validator, "sn-b", VPC_RULES_SUBNET_SIZE));
  g_assert_cmpuint (vpc_validator_get_full_runs (validator), ==, runs);
  g_assert_cmpuint (_vpc_validator_get_scoped_runs (validator), ==, scoped + 1);
  g_assert_true (vpc_design_undo (design));
  assert_model_matches (validator);
  g_assert_false (names_in (validator, "sn-a", VPC_RULES_SUBNET_SIZE));
}

/* A rename in place and an edit of the same workload in one burst: the
 * findings the scoped run keeps give the new name too (VPC402's, of an
 * endpoint without groups, name every job); two workloads edited in one
 * burst, the later first. */
static void
test_live_scoped_renamed (void)
{
  g_autoptr(VpcDesign) design = live_design_with_interface ();
  g_autoptr(VpcValidator) validator = vpc_validator_new (design);
  guint scoped_runs;

  vpc_validator_set_deferred (validator, TRUE);
  while (g_main_context_iteration (NULL, FALSE))
    ;
  scoped_runs = _vpc_validator_get_scoped_runs (validator);
  for (guint i = 0; i < 3; i++)
    {
      const char *id = i == 0 ? "a" : i == 1 ? "b" : "c";
      g_autofree char *name = g_strdup_printf ("Job %u", i);
      g_autoptr(VpcElement) copy = NULL;

      /* Its instances fill sn-a (a /24): VPC211 names every job. */
      rename_element (design, vpc_design_lookup (design, id), name);
      copy = vpc_element_copy (vpc_design_lookup (design, id));
      copy->instance_count = 100 + i;
      vpc_design_replace_element (design, g_steal_pointer (&copy));
      /* Another element renamed in the same burst. */
      rename_element (design, vpc_design_lookup (design, "sn-b"), name);
      vpc_validator_flush (validator);
      assert_model_matches (validator);
    }
  g_assert_cmpuint (_vpc_validator_get_scoped_runs (validator), ==, scoped_runs + 3);
  g_assert_true (names_in (validator, "sn-a", "VPC211"));
  g_assert_true (names_in (validator, "c", "VPC402"));

  for (guint i = 0; i < 2; i++)
    {
      g_autoptr(VpcElement) copy = vpc_element_copy (vpc_design_lookup (design, i == 0 ? "c" : "a"));

      copy->instance_count = 1;
      vpc_design_replace_element (design, g_steal_pointer (&copy));
    }
  vpc_validator_flush (validator);
  assert_model_matches (validator);
  g_assert_cmpuint (_vpc_validator_get_scoped_runs (validator), ==, scoped_runs + 4);
}

/* Renames in one burst, deferred: followed up to a limit, then a full
 * run; either way the model ends as a full run would leave it. */
static void
test_live_renames_deferred (void)
{
  g_autoptr(VpcDesign) design = load_text (live_design);
  g_autoptr(VpcValidator) validator = vpc_validator_new (design);
  const VpcElement *subnet = vpc_design_lookup (design, "sn-a");
  ItemsChanged record = { 0 };
  guint runs = vpc_validator_get_full_runs (validator);

  g_signal_connect (validator, "items-changed", G_CALLBACK (items_changed_cb), &record);
  vpc_validator_set_deferred (validator, TRUE);
  /* Idle for a while: which findings name what is indexed then. */
  g_usleep (1200 * 1000);
  while (g_main_context_iteration (NULL, FALSE))
    ;
  rename_element (design, vpc_design_lookup (design, "b"), "Job B");
  rename_element (design, subnet, "Subnet A");
  vpc_validator_flush (validator);
  assert_model_matches (validator);
  g_assert_cmpuint (vpc_validator_get_full_runs (validator), ==, runs);
  /* All three findings name the subnet: one span. */
  g_assert_cmpuint (record.calls, ==, 1);
  g_assert_cmpuint (record.position, ==, 0);
  g_assert_cmpuint (record.removed, ==, 3);
  g_assert_cmpuint (record.added, ==, 3);

  for (guint i = 0; i < 70; i++)
    {
      g_autofree char *name = g_strdup_printf ("Subnet %u", i);

      rename_element (design, vpc_design_lookup (design, "sn-a"), name);
    }
  vpc_validator_flush (validator);
  assert_model_matches (validator);
  g_assert_cmpuint (vpc_validator_get_full_runs (validator), ==, runs + 1);
  g_signal_handlers_disconnect_by_data (validator, &record);
}

/* A full run that words a message the same but names another element
 * (two gateway endpoints called alike, the first deleted) keeps that
 * element's mark: a rename of it then reaches the message. */
static void
test_live_renames_same_words (void)
{
  static const char text[]
      = "{ \"format\": \"vpc-designer\", \"version\": 1, \"region\": \"us-east-1\","
        "  \"vpc\": { \"cidr\": \"10.0.0.0/16\" },"
        "  \"availability_zones\": [ { \"id\": \"az-a\" } ],"
        "  \"subnets\": [ { \"id\": \"sn-a\", \"az\": \"az-a\", \"cidr\": \"10.0.1.0/24\" },"
        "                 { \"id\": \"sn-b\", \"az\": \"az-a\", \"cidr\": \"10.0.2.0/24\" } ],"
        "  \"security_groups\": [ { \"id\": \"sg\" } ],"
        "  \"endpoints\": [ { \"id\": \"gw-1\", \"name\": \"Gateway\", \"service\": \"s3\","
        "                   \"subnets\": [\"sn-b\"] },"
        "                 { \"id\": \"gw-2\", \"name\": \"Gateway\", \"service\": \"s3\","
        "                   \"subnets\": [\"sn-b\"] } ],"
        "  \"workloads\": [ { \"id\": \"job\", \"kind\": \"training_job\", \"subnets\": [\"sn-a\"], "
        "\"security_groups\": [\"sg\"] } ] }";
  g_autoptr(VpcDesign) design = load_text (text);
  g_autoptr(VpcValidator) validator = vpc_validator_new (design);
  const char *const first[] = { "gw-1" };
  g_autoptr(GPtrArray) naming = NULL;

  naming = vpc_validator_findings_for (validator, "job");
  g_assert_cmpuint (naming->len, >, 0);
  vpc_design_delete (design, first, 1);
  assert_model_matches (validator);
  rename_element (design, vpc_design_lookup (design, "gw-2"), "Second gateway");
  assert_model_matches (validator);
  g_assert_true (vpc_design_undo (design));
  assert_model_matches (validator);
}

/* Until the validator is done: its idle callback, the run on another
 * thread, and what that run's end looks at again. */
static void
settle (VpcValidator *validator)
{
  for (;;)
    {
      while (g_main_context_iteration (NULL, FALSE))
        ;
      if (!vpc_validator_get_checking (validator))
        return;
      g_main_context_iteration (NULL, TRUE);
    }
}

/* A rename in place while a full run is under way on another thread, and
 * an edit of the same workload: the run's end looks at both, and the
 * findings it keeps give the new name. */
static void
test_live_scoped_after_thread (void)
{
  g_autoptr(VpcDesign) design = live_design_with_interface ();
  g_autoptr(VpcValidator) validator = NULL;
  g_autoptr(VpcElement) endpoint = NULL;
  g_autoptr(VpcElement) job = NULL;

  _vpc_validator_set_thread_min_elements (1);
  validator = vpc_validator_new_deferred (design);
  settle (validator);
  /* Not a workload: every rule, on the other thread. */
  endpoint = vpc_element_copy (vpc_design_lookup (design, "ep-s3"));
  endpoint->private_dns = !endpoint->private_dns;
  vpc_design_replace_element (design, g_steal_pointer (&endpoint));
  while (!vpc_validator_get_checking (validator))
    g_main_context_iteration (NULL, TRUE);
  /* Its findings made with the old name, not yet taken. */
  g_usleep (300 * 1000);
  g_assert_true (vpc_validator_get_checking (validator));
  rename_element (design, vpc_design_lookup (design, "c"), "Job C");
  job = vpc_element_copy (vpc_design_lookup (design, "c"));
  job->instance_count = 3;
  vpc_design_replace_element (design, g_steal_pointer (&job));
  settle (validator);
  assert_model_matches (validator);
  g_assert_true (names_in (validator, "c", "VPC402"));
  _vpc_validator_set_thread_min_elements (0);
}

/* A workload moved to another subnet in a big design: the rules about it
 * and every rule about other elements run on the other thread (VPC211
 * leaves the subnet it left, which no scoped run without them looks at,
 * and comes to the one it joined); a rename in place during that run
 * reaches the findings kept (VPC402 of the S3 endpoint names every job). */
static void
test_live_scoped_thread (void)
{
  g_autoptr(VpcDesign) design = live_design_with_interface ();
  g_autoptr(VpcValidator) validator = NULL;
  g_autoptr(VpcElement) job = NULL;
  guint full_runs, scoped_runs;

  _vpc_validator_set_thread_min_elements (1);
  validator = vpc_validator_new_deferred (design);
  settle (validator);
  /* Its instances fill sn-a, a /24: a scoped run right away. */
  job = vpc_element_copy (vpc_design_lookup (design, "a"));
  job->instance_count = 200;
  vpc_design_replace_element (design, g_steal_pointer (&job));
  settle (validator);
  g_assert_true (names_in (validator, "sn-a", "VPC211"));
  full_runs = vpc_validator_get_full_runs (validator);
  scoped_runs = _vpc_validator_get_scoped_runs (validator);

  job = vpc_element_copy (vpc_design_lookup (design, "a"));
  g_ptr_array_set_size (job->subnets, 0);
  vpc_id_list_add (job->subnets, "sn-b");
  vpc_design_replace_element (design, g_steal_pointer (&job));
  while (!vpc_validator_get_checking (validator))
    g_main_context_iteration (NULL, TRUE);
  rename_element (design, vpc_design_lookup (design, "b"), "Job B");
  settle (validator);
  assert_model_matches (validator);
  g_assert_false (names_in (validator, "sn-a", "VPC211"));
  g_assert_true (names_in (validator, "sn-b", "VPC211"));
  g_assert_true (names_in (validator, "b", "VPC402"));
  g_assert_cmpuint (vpc_validator_get_full_runs (validator), ==, full_runs);
  g_assert_cmpuint (_vpc_validator_get_scoped_runs (validator), ==, scoped_runs + 1);
  _vpc_validator_set_thread_min_elements (0);
}

/* An edit of one of @element's fields that rules read, or a rename. */
static void
edit_field (VpcDesign        *design,
            const VpcElement *element,
            GRand            *rand)
{
  g_autoptr(VpcElement) copy = vpc_element_copy (element);

  switch (copy->kind)
    {
    case VPC_KIND_WORKLOAD:
      /* What other elements' rules read of it or not (edited_workload()). */
      g_clear_pointer (&copy, vpc_element_free);
      copy = edited_workload (design, element, g_rand_int_range (rand, 0, N_WORKLOAD_EDITS),
                              rand);
      break;
    case VPC_KIND_ENDPOINT:
      copy->private_dns = !copy->private_dns;
      break;
    case VPC_KIND_SUBNET:
      copy->route = (copy->route + 1) % (VPC_ROUTE_PUBLIC + 1);
      break;
    case VPC_KIND_AZ:
    case VPC_KIND_SECURITY_GROUP:
    case VPC_KIND_NAT_GATEWAY:
    case VPC_N_KINDS:
    default:
      g_free (copy->name);
      copy->name = g_strdup_printf ("Edited %u", g_rand_int (rand));
    }
  vpc_design_replace_element (design, g_steal_pointer (&copy));
}

/* A deferred validator of a big design runs the rules on another thread,
 * on a snapshot: edits, renames, deletions, undo and redo while a run is
 * under way (the snapshot keeps what they free; a rename's old name may be
 * read) end as a full run would leave the findings, messages included;
 * a flush during a run catches up at once. */
static void
test_live_thread (void)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (21);
  guint during = 0, scoped = 0;

  _vpc_validator_set_thread_min_elements (1);
  for (guint seed = 1; seed <= 80; seed++)
    {
      g_autofree char *json = random_design_json (seed);
      g_autoptr(VpcDesign) design = load_text (json);
      /* Half of them deferred from the start: the first run is on the
       * other thread too, and the list stays empty until it ends. */
      g_autoptr(VpcValidator) validator
          = seed % 2 == 0 ? vpc_validator_new_deferred (design) : vpc_validator_new (design);
      g_autoptr(GPtrArray) mirror = mirror_new (G_LIST_MODEL (validator));

      if (vpc_design_get_total_elements (design) == 0)
        {
          g_signal_handlers_disconnect_by_data (validator, mirror);
          continue;
        }
      if (seed % 2 == 0)
        {
          g_assert_true (vpc_validator_get_checking (validator));
          g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (validator)), ==, 0);
        }
      vpc_validator_set_deferred (validator, TRUE);
      for (guint round = 0; round < 12 && vpc_design_get_total_elements (design) > 0; round++)
        {
          const VpcElement *element = random_element (design, rand);

          switch (g_rand_int_range (rand, 0, 6))
            {
            case 0:
              rename_element (design, element, g_rand_boolean (rand) ? "Renamed" : NULL);
              break;
            case 1:
            case 2:
              edit_field (design, element, rand);
              break;
            case 3:
              {
                const char *ids[] = { element->id };

                vpc_design_delete (design, ids, 1);
              }
              break;
            case 4:
              vpc_design_undo (design);
              break;
            default:
              vpc_design_redo (design);
            }
          /* The run starts at the idle callback; sometimes it also ends
           * before the next edit. */
          if (g_rand_boolean (rand))
            g_main_context_iteration (NULL, FALSE);
          if (g_rand_int_range (rand, 0, 4) == 0)
            settle (validator);
          if (vpc_validator_get_checking (validator))
            during++;
        }
      if (seed % 4 == 0)
        {
          guint runs;

          vpc_validator_flush (validator);
          g_assert_false (vpc_validator_get_checking (validator));
          assert_model_matches (validator);
          /* A run it went past ends unheeded: nothing is run again. */
          runs = vpc_validator_get_full_runs (validator);
          settle (validator);
          g_assert_cmpuint (vpc_validator_get_full_runs (validator), ==, runs);
        }
      else
        settle (validator);
      assert_model_matches (validator);
      assert_mirror_matches (G_LIST_MODEL (validator), mirror);
      g_signal_handlers_disconnect_by_data (validator, mirror);
      scoped += _vpc_validator_get_scoped_runs (validator);
    }
  /* Edits came while runs were under way; edits of workloads ran scoped,
   * on the other thread too (those that change what other elements'
   * rules read of them). */
  g_assert_cmpuint (during, >, 200);
  g_assert_cmpuint (scoped, >, 10);
  g_test_message ("%u scoped runs", scoped);
  _vpc_validator_set_thread_min_elements (0);
}

static void
count_calls_cb (GListModel   *model,
                guint         position,
                guint         removed,
                guint         added,
                ItemsChanged *total)
{
  total->removed += removed;
  total->added += added;
  total->calls++;
}

/* One edit that changes findings far apart in the list (two jobs of a
 * hundred deleted at once, then back by undo: each job's findings sit in
 * every rule's run of a hundred) is told as several small changes, not as
 * one span of everything between: a view takes just those. Synchronous
 * and on another thread alike. */
static void
test_live_changes_apart (void)
{
  g_autoptr(GString) json = g_string_new (
      "{ \"format\": \"vpc-designer\", \"version\": 1, \"region\": \"us-east-1\","
      "  \"vpc\": { \"cidr\": \"10.0.0.0/16\" },"
      "  \"availability_zones\": [ { \"id\": \"az-a\" }, { \"id\": \"az-b\" } ],"
      "  \"subnets\": [ { \"id\": \"sn-a\", \"az\": \"az-a\", \"cidr\": \"10.0.1.0/24\" } ],"
      "  \"security_groups\": [ { \"id\": \"sg\" } ],"
      "  \"endpoints\": [ { \"id\": \"gw\", \"service\": \"s3\" } ],"
      "  \"workloads\": [");

  for (guint i = 0; i < 100; i++)
    g_string_append_printf (json,
                            "%s{ \"id\": \"j%03u\", \"kind\": \"training_job\", "
                            "\"subnets\": [\"sn-a\"], \"security_groups\": [\"sg\"] }",
                            i > 0 ? ", " : "", i);
  g_string_append (json, "] }");
  _vpc_validator_set_thread_min_elements (1);
  for (guint threaded = 0; threaded < 2; threaded++)
    {
      g_autoptr(VpcDesign) design = load_text (json->str);
      g_autoptr(VpcValidator) validator = vpc_validator_new (design);
      g_autoptr(GPtrArray) mirror = mirror_new (G_LIST_MODEL (validator));
      const char *ids[] = { "j010", "j080" };
      guint n = g_list_model_get_n_items (G_LIST_MODEL (validator)), n_after;
      ItemsChanged total = { 0 };

      g_assert_cmpuint (n, >=, 200);
      vpc_validator_set_deferred (validator, threaded);
      g_signal_connect (validator, "items-changed", G_CALLBACK (count_calls_cb), &total);
      g_assert_true (vpc_design_delete (design, ids, 2));
      settle (validator);
      n_after = g_list_model_get_n_items (G_LIST_MODEL (validator));
      g_assert_cmpuint (n_after, <, n);
      g_assert_cmpuint (total.calls, >=, 2);
      g_assert_cmpuint (total.removed - total.added, ==, n - n_after);
      g_assert_cmpuint (total.removed, <, n / 2);
      assert_mirror_matches (G_LIST_MODEL (validator), mirror);
      total = (ItemsChanged) { 0 };
      vpc_design_undo (design);
      settle (validator);
      g_assert_cmpuint (total.calls, >=, 2);
      g_assert_cmpuint (total.added, <, n / 2);
      g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (validator)), ==, n);
      assert_mirror_matches (G_LIST_MODEL (validator), mirror);
      assert_model_matches (validator);
      g_signal_handlers_disconnect_by_data (validator, mirror);
      g_signal_handlers_disconnect_by_data (validator, &total);
    }
  _vpc_validator_set_thread_min_elements (0);
}

/* A window may drop its validator while a run is under way: it goes at
 * once, on this thread, and the run's end frees the snapshot here too (it
 * held the design). */
static void
test_live_thread_dropped (void)
{
  g_autofree char *json = random_design_json (7);
  VpcDesign *design = load_text (json);
  VpcValidator *validator;
  GRand *rand = g_rand_new_with_seed (3);
  gint64 deadline = g_get_monotonic_time () + 30 * G_USEC_PER_SEC;

  _vpc_validator_set_thread_min_elements (1);
  validator = vpc_validator_new_deferred (design);
  g_assert_true (vpc_validator_get_checking (validator));
  g_assert_finalize_object (validator);

  validator = vpc_validator_new (design);
  vpc_validator_set_deferred (validator, TRUE);
  edit_field (design, random_element (design, rand), rand);
  while (!vpc_validator_get_checking (validator) && g_main_context_iteration (NULL, FALSE))
    ;
  g_assert_true (vpc_validator_get_checking (validator));
  g_assert_finalize_object (validator);

  /* The runs' snapshots hold the design until their ends come here. */
  while (G_OBJECT (design)->ref_count > 1 && g_get_monotonic_time () < deadline)
    if (!g_main_context_iteration (NULL, FALSE))
      g_usleep (1000);
  g_assert_finalize_object (design);
  g_rand_free (rand);
  _vpc_validator_set_thread_min_elements (0);
}

/* A run of @design with @profile and @memo gives a full run's findings,
 * taking @known workloads from the memo. */
static void
assert_memo_run (VpcDesign   *design,
                 VpcProfile   profile,
                 VpcRuleMemo *memo,
                 guint        known)
{
  g_autoptr(GPtrArray) findings = _vpc_validate_remembering (design, profile, memo);
  g_autoptr(GPtrArray) full = vpc_validate (design, profile);

  g_assert_cmpuint (_vpc_rule_memo_get_known (memo), ==, known);
  g_assert_cmpuint (findings->len, ==, full->len);
  for (guint i = 0; i < full->len; i++)
    g_assert_true (vpc_finding_equal (g_ptr_array_index (findings, i),
                                      g_ptr_array_index (full, i)));
}

/* A run with what the last one indexed (VpcRuleMemo) gives a full run's
 * findings, and takes from it only the workloads it may: the same
 * element (not one at its address), the same ids at the same positions,
 * the same profile. The messages name each workload's subnets, so a
 * subnet taken from a stale position shows. */
static void
test_memo (void)
{
  g_autoptr(VpcDesign) design = load_text (
      "{\"format\":\"vpc-designer\",\"version\":1,\"name\":\"m\",\"region\":\"us-east-1\","
      "\"vpc\":{\"name\":\"V\",\"cidr\":\"10.0.0.0/16\"},"
      "\"availability_zones\":[{\"id\":\"az-a\",\"name\":\"us-east-1a\"},"
      "{\"id\":\"az-b\",\"name\":\"us-east-1b\"}],"
      "\"subnets\":[{\"id\":\"sn-a\",\"name\":\"Alpha\",\"az\":\"az-a\",\"cidr\":\"10.0.0.0/24\"},"
      "{\"id\":\"sn-b\",\"name\":\"Bravo\",\"az\":\"az-a\",\"cidr\":\"10.0.1.0/24\"},"
      "{\"id\":\"sn-c\",\"name\":\"Charlie\",\"az\":\"az-b\",\"cidr\":\"10.0.2.0/24\"}],"
      "\"security_groups\":[{\"id\":\"sg-0\",\"name\":\"G0\"},{\"id\":\"sg-1\",\"name\":\"G1\","
      "\"ingress\":[{\"protocol\":\"tcp\",\"ports\":\"443\",\"peer\":\"self\"}]}],"
      "\"workloads\":[{\"id\":\"w-1\",\"name\":\"One\",\"kind\":\"training_job\","
      "\"subnets\":[\"sn-c\"],\"security_groups\":[\"sg-1\"]},"
      "{\"id\":\"w-2\",\"name\":\"Two\",\"kind\":\"processing_job\",\"subnets\":[\"sn-b\"]}]}");
  VpcProfile profile = vpc_design_get_info (design)->profile;
  VpcRuleMemo *memo = vpc_rule_memo_new ();
  const char *spare[] = { "sn-a" };
  VpcElement *workload, *subnet;

  assert_memo_run (design, profile, memo, 0);
  assert_memo_run (design, profile, memo, 2);

  /* Another element at the same address (in place here: the design never
   * does that, but malloc may give a new element an old one's address). */
  workload = (VpcElement *) vpc_design_get_element (design, VPC_KIND_WORKLOAD, 0);
  g_free (g_ptr_array_index (workload->subnets, 0));
  g_ptr_array_index (workload->subnets, 0) = g_strdup ("sn-a");
  workload->serial = G_MAXUINT64;
  assert_memo_run (design, profile, memo, 1);
  assert_memo_run (design, profile, memo, 2);

  /* Alpha gone and Zulu last: Charlie moves from the third place to the
   * second, and Zulu takes the third. */
  g_assert_true (vpc_design_delete (design, spare, 1));
  subnet = vpc_element_new (VPC_KIND_SUBNET, "sn-z");
  subnet->name = g_strdup ("Zulu");
  subnet->az = g_strdup ("az-b");
  subnet->cidr = g_strdup ("10.0.9.0/24");
  g_assert_true (vpc_design_add_element (design, subnet, -1));
  assert_memo_run (design, profile, memo, 0);

  /* Needs differ by profile. */
  assert_memo_run (design, VPC_PROFILE_PRECISE, memo, 0);
  vpc_rule_memo_free (memo);
}

/* Renames after runs that moved findings (scoped ones, on the window's
 * thread and on another): which findings name the renamed element follows
 * each run (vpc_finding_names_update()), so every message a rename
 * touches says the new name where a full run's does. */
static void
test_live_renames_moved (void)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (5);
  guint renamed = 0;

  _vpc_validator_set_thread_min_elements (1);
  for (guint seed = 1; seed <= 60; seed++)
    {
      g_autofree char *json = random_design_json (seed);
      g_autoptr(VpcDesign) design = load_text (json);
      g_autoptr(VpcValidator) validator = vpc_validator_new (design);

      if (vpc_design_get_n_elements (design, VPC_KIND_WORKLOAD) == 0)
        continue;
      vpc_validator_set_deferred (validator, seed % 2 == 0);
      for (guint round = 0; round < 10; round++)
        {
          guint n = vpc_design_get_n_elements (design, VPC_KIND_WORKLOAD);
          const VpcElement *workload
              = vpc_design_get_element (design, VPC_KIND_WORKLOAD, g_rand_int_range (rand, 0, n));
          g_autofree char *name = g_strdup_printf ("Name %u", round);

          /* First a rename, so that what names what is indexed. */
          rename_element (design, random_element (design, rand), name);
          settle (validator);
          edit_field (design, workload, rand);
          settle (validator);
          rename_element (design, random_element (design, rand), NULL);
          settle (validator);
          assert_model_matches (validator);
          renamed++;
        }
    }
  g_assert_cmpuint (renamed, >, 300);
  _vpc_validator_set_thread_min_elements (0);
}

static void
add_live (void)
{
  g_test_add_func ("/rules/live/renames-moved", test_live_renames_moved);
  g_test_add_func ("/rules/memo", test_memo);
  g_test_add_func ("/rules/live/thread-dropped", test_live_thread_dropped);
  g_test_add_func ("/rules/live/thread", test_live_thread);
  g_test_add_func ("/rules/live/renames-same-words", test_live_renames_same_words);
  g_test_add_func ("/rules/live/renames", test_live_renames);
  g_test_add_func ("/rules/live/renames-deferred", test_live_renames_deferred);
  g_test_add_func ("/rules/live/scoped", test_live_scoped);
  g_test_add_func ("/rules/live/costs", test_live_costs);
  g_test_add_func ("/rules/live/scoped-subnet-served", test_live_scoped_subnet_served);
  g_test_add_func ("/rules/live/scoped-subnet-size", test_live_scoped_subnet_size);
  g_test_add_func ("/rules/live/scoped-renamed", test_live_scoped_renamed);
  g_test_add_func ("/rules/live/scoped-after-thread", test_live_scoped_after_thread);
  g_test_add_func ("/rules/live/scoped-thread", test_live_scoped_thread);
  g_test_add_func ("/rules/live/update-and-undo", test_live_update);
  g_test_add_func ("/rules/live/changes-apart", test_live_changes_apart);
  g_test_add_func ("/rules/live/profile", test_live_profile);
  g_test_add_func ("/rules/live/transaction", test_live_transaction);
}

/* ---- VPC401 and VPC402 through sets, against every pair ---- */

#define PICK_OF(rand, array) ((array)[g_rand_int_range (rand, 0, G_N_ELEMENTS (array))])

/* ", "-separated ids "PREFIX-i" of a random subset of @n, each with
 * probability 1/@one_in. */
static void
append_random_ids (GString    *json,
                   GRand      *rand,
                   const char *prefix,
                   guint       n,
                   guint       one_in)
{
  gboolean first = TRUE;

  for (guint i = 0; i < n; i++)
    if (g_rand_int_range (rand, 0, one_in) == 0)
      {
        g_string_append_printf (json, "%s\"%s-%u\"", first ? "" : ", ", prefix, i);
        first = FALSE;
      }
}

/* A design where many workloads meet many interface endpoints through
 * groups whose 443 rules name other groups, themselves, the world and
 * CIDRs holding some subnets or all: up to 200 workloads (more than the
 * 64 a word of a set holds), 12 groups, 30 endpoints; a sixth of them
 * with 65 to 149 endpoints of one service. */
static char *
security_design_json (GRand *rand)
{
  static const char *const protocols[] = { "tcp", "tcp", "all", "udp" };
  static const char *const ports[] = { "443", "all", "80", "400-500", "0-65535" };
  static const char *const cidrs[] = {
    "0.0.0.0/0",   "10.0.0.0/16", "10.0.0.0/23", "10.0.2.0/23",
    "10.0.4.0/22", "10.0.1.0/24", "10.1.0.0/16", "prefix-list:s3",
  };
  static const char *const services[] = { "sagemaker.api", "logs", "sts", "ecr.api", "ecr.dkr" };
  static const char *const kinds[] = { "training_job", "processing_job", "batch_transform",
                                       "realtime_endpoint", "studio_domain", "client" };
  guint n_groups = g_rand_int_range (rand, 1, 13);
  /* Sometimes more endpoints of one service than the 64 tested together. */
  gboolean crowded = g_rand_int_range (rand, 0, 6) == 0;
  guint n_endpoints = crowded ? g_rand_int_range (rand, 65, 150) : g_rand_int_range (rand, 0, 31);
  guint n_workloads = g_rand_int_range (rand, 1, 201);
  GString *json = g_string_new (
      "{ \"format\": \"vpc-designer\", \"version\": 1, \"region\": \"us-east-1\","
      "  \"vpc\": { \"cidr\": \"10.0.0.0/16\" },"
      "  \"availability_zones\": [ { \"id\": \"az-0\" }, { \"id\": \"az-1\" }, { \"id\": \"az-2\" } ],"
      "  \"subnets\": [");

  for (guint i = 0; i < 8; i++)
    g_string_append_printf (json, "%s{ \"id\": \"sn-%u\", \"az\": \"az-%u\", \"cidr\": \"10.0.%u.0/24\" }",
                            i > 0 ? ", " : "", i, i % 3, i);
  g_string_append (json, "], \"security_groups\": [");
  for (guint g = 0; g < n_groups; g++)
    {
      g_string_append_printf (json, "%s{ \"id\": \"sg-%u\"", g > 0 ? ", " : "", g);
      for (guint way = 0; way < 2; way++)
        {
          guint n_rules = g_rand_int_range (rand, 0, 4);

          g_string_append_printf (json, ", \"%s\": [", way == 0 ? "ingress" : "egress");
          for (guint r = 0; r < n_rules; r++)
            {
              guint peer = g_rand_int_range (rand, 0, 3);

              g_string_append_printf (json, "%s{ \"protocol\": \"%s\", \"ports\": \"%s\", \"peer\": ",
                                      r > 0 ? ", " : "", PICK_OF (rand, protocols),
                                      PICK_OF (rand, ports));
              if (peer == 0)
                g_string_append_printf (json, "\"%s\" }", PICK_OF (rand, cidrs));
              else if (peer == 1 && g_rand_boolean (rand))
                g_string_append (json, "\"self\" }");
              else
                g_string_append_printf (json, "\"sg-%u\" }", g_rand_int_range (rand, 0, n_groups));
            }
          g_string_append (json, "]");
        }
      g_string_append (json, " }");
    }
  g_string_append (json, "], \"endpoints\": [");
  for (guint e = 0; e < n_endpoints; e++)
    {
      gboolean first = TRUE;

      g_string_append_printf (json, "%s{ \"id\": \"ep-%u\", \"service\": \"%s\", \"subnets\": [",
                              e > 0 ? ", " : "", e,
                              crowded ? services[0] : PICK_OF (rand, services));
      /* At most one subnet per AZ; sometimes none. */
      for (guint az = 0; az < 3; az++)
        if (g_rand_int_range (rand, 0, 3) > 0)
          {
            guint subnet = az + 3 * g_rand_int_range (rand, 0, az < 2 ? 3 : 2);

            g_string_append_printf (json, "%s\"sn-%u\"", first ? "" : ", ", subnet);
            first = FALSE;
          }
      g_string_append (json, "], \"security_groups\": [");
      append_random_ids (json, rand, "sg", n_groups, 1 + n_groups / 2);
      g_string_append (json, "] }");
    }
  g_string_append (json, "], \"workloads\": [");
  for (guint w = 0; w < n_workloads; w++)
    {
      g_string_append_printf (json, "%s{ \"id\": \"w-%u\", \"kind\": \"%s\", \"subnets\": [",
                              w > 0 ? ", " : "", w, PICK_OF (rand, kinds));
      append_random_ids (json, rand, "sn", 8, 4);
      g_string_append (json, "], \"security_groups\": [");
      append_random_ids (json, rand, "sg", n_groups, 1 + n_groups / 2);
      g_string_append (json, "] }");
    }
  g_string_append (json, "] }");
  return g_string_free (json, FALSE);
}

static char *
describe_all (GPtrArray *findings)
{
  GString *out = g_string_new (NULL);

  for (guint i = 0; i < findings->len; i++)
    {
      VpcFinding *finding = g_ptr_array_index (findings, i);
      g_autofree char *line = describe_finding (finding, TRUE);

      g_string_append_printf (out, "%s: %s\n", line, vpc_finding_get_message (finding));
    }
  return g_string_free (out, FALSE);
}

/* VPC401 and VPC402 find through sets exactly what testing every workload
 * with every endpoint finds (the same findings, others and messages). */
static void
test_security_sets (void)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (401);
  guint fired[2] = { 0, 0 };

  for (guint round = 0; round < 300; round++)
    {
      g_autofree char *json = security_design_json (rand);
      g_autoptr(VpcDesign) design = load_text (json);

      for (VpcProfile profile = VPC_PROFILE_STUDY_GUIDE; profile <= VPC_PROFILE_PRECISE; profile++)
        {
          g_autoptr(GPtrArray) by_sets = NULL;
          g_autoptr(GPtrArray) by_pairs = NULL;
          g_autofree char *sets_text = NULL;
          g_autofree char *pairs_text = NULL;

          _vpc_rules_security_set_method (VPC_RULES_METHOD_SETS);
          by_sets = vpc_validate (design, profile);
          _vpc_rules_security_set_method (VPC_RULES_METHOD_PAIRS);
          by_pairs = vpc_validate (design, profile);
          _vpc_rules_security_set_method (VPC_RULES_METHOD_AUTO);
          sets_text = describe_all (by_sets);
          pairs_text = describe_all (by_pairs);
          if (g_strcmp0 (sets_text, pairs_text) != 0)
            {
              g_auto(GStrv) got = g_strsplit (sets_text, "\n", -1);
              g_auto(GStrv) want = g_strsplit (pairs_text, "\n", -1);
              guint i = 0;

              while (g_strcmp0 (got[i], want[i]) == 0)
                i++;
              g_test_message ("design %u:\n%s", round, json);
              g_assert_cmpstr (got[i], ==, want[i]);
            }
          fired[0] += strstr (sets_text, " VPC401 ") != NULL;
          fired[1] += strstr (sets_text, " VPC402 ") != NULL;
        }
    }
  /* The designs exercise both rules, firing and not (of 600 runs). */
  g_test_message ("VPC401 fired in %u runs, VPC402 in %u", fired[0], fired[1]);
  g_assert_cmpuint (fired[0], >, 50);
  g_assert_cmpuint (fired[1], >, 50);
  g_assert_cmpuint (fired[0], <, 580);
  g_assert_cmpuint (fired[1], <, 580);
}

/* "Others" are capped at 100; the message keeps the full count. */
static void
test_others_capped (void)
{
  g_autoptr(VpcDesign) design = vpc_design_new ();
  g_autoptr(GPtrArray) findings = NULL;
  VpcElement *az = vpc_element_new (VPC_KIND_AZ, "az-a");
  VpcElement *big;
  VpcFinding *finding;
  const char *const *elements;

  vpc_design_take_element (design, az);
  az = vpc_element_new (VPC_KIND_AZ, "az-b");
  vpc_design_take_element (design, az);
  for (guint i = 0; i < 120; i++)
    {
      VpcElement *subnet = vpc_element_new (VPC_KIND_SUBNET, NULL);

      g_free (subnet->id);
      subnet->id = g_strdup_printf ("sn-%03u", i);
      subnet->az = g_strdup ("az-a");
      subnet->cidr = g_strdup_printf ("10.0.%u.0/24", i);
      vpc_design_take_element (design, subnet);
    }
  big = vpc_element_new (VPC_KIND_SUBNET, "big");
  big->az = g_strdup ("az-b");
  big->cidr = g_strdup ("10.0.0.0/17");
  vpc_design_take_element (design, big);

  findings = vpc_validate (design, VPC_PROFILE_PRECISE);
  g_assert_cmpuint (findings->len, ==, 1);
  finding = g_ptr_array_index (findings, 0);
  g_assert_cmpstr (vpc_finding_get_rule_id (finding), ==, "VPC204");
  elements = vpc_finding_get_elements (finding);
  g_assert_cmpuint (g_strv_length ((char **) elements), ==, 101);
  g_assert_cmpstr (elements[0], ==, "big");
  g_assert_cmpstr (elements[1], ==, "sn-000");
  g_assert_cmpstr (elements[100], ==, "sn-099");
  g_assert_nonnull (strstr (vpc_finding_get_message (finding), "120"));
}

/* Messages name elements by their display names. */
static void
test_message_names (void)
{
  g_autoptr (VpcDesign) design = load_text (
      "{ \"format\": \"vpc-designer\", \"version\": 1, \"region\": \"us-east-1\", \"profile\": "
      "\"precise\","
      "  \"vpc\": { \"cidr\": \"10.0.0.0/16\" },"
      "  \"availability_zones\": [ { \"id\": \"az-a\" }, { \"id\": \"az-b\" } ],"
      "  \"subnets\": [ { \"id\": \"sn-a\", \"az\": \"az-a\", \"cidr\": \"10.0.1.0/24\" },"
      "                 { \"id\": \"sn-b\", \"name\": \"private-b\", \"az\": \"az-b\", \"cidr\": "
      "\"10.0.2.0/24\" } ],"
      "  \"security_groups\": [ { \"id\": \"sg\" } ],"
      "  \"endpoints\": [ { \"id\": \"gw\", \"name\": \"S3 gateway\", \"service\": \"s3\", "
      "\"subnets\": [\"sn-a\"] } ],"
      "  \"workloads\": [ { \"id\": \"train-1\", \"kind\": \"training_job\", \"subnets\": "
      "[\"sn-a\", \"sn-b\"],"
      "                     \"security_groups\": [\"sg\"] } ] }");
  g_autoptr(GPtrArray) findings = vpc_validate (design, VPC_PROFILE_PRECISE);
  const char *message;

  g_assert_cmpuint (findings->len, ==, 1);
  message = vpc_finding_get_message (g_ptr_array_index (findings, 0));
  g_assert_nonnull (strstr (message, "training job train-1"));
  g_assert_nonnull (strstr (message, "Amazon S3"));
  g_assert_nonnull (strstr (message, "private-b (sn-b)"));
  g_assert_nonnull (strstr (message, "S3 gateway"));
}

static void
test_catalogue (void)
{
  guint n;
  const VpcRuleInfo *rules = vpc_rule_catalogue_all (&n);
  static const char *const ids[] = {
    "VPC101", "VPC102", "VPC103", "VPC104", "VPC105", "VPC106", "VPC107", "VPC110", "VPC111",
    "VPC112", "VPC113", "VPC114", "VPC115", "VPC116", "VPC201", "VPC202", "VPC203", "VPC204",
    "VPC205", "VPC206", "VPC207", "VPC208", "VPC209", "VPC210", "VPC211", "VPC212", "VPC213",
    "VPC301", "VPC302", "VPC303", "VPC304", "VPC305", "VPC401", "VPC402", "VPC403", "VPC404",
    "VPC405", "VPC501", "VPC502",
  };
  const VpcRuleInfo *ecr;

  g_assert_cmpuint (n, ==, G_N_ELEMENTS (ids));
  for (guint i = 0; i < n; i++)
    {
      g_assert_cmpstr (rules[i].id, ==, ids[i]);
      g_assert_true (rules[i].title != NULL && *rules[i].title);
      g_assert_true (rules[i].explanation != NULL && *rules[i].explanation);
      g_assert_true (rules[i].fix != NULL && *rules[i].fix);
      g_assert_true (g_str_has_prefix (rules[i].url, "https://"));
      g_assert_true (vpc_rule_catalogue_lookup (ids[i]) == &rules[i]);
    }
  g_assert_null (vpc_rule_catalogue_lookup ("VPC999"));
  ecr = vpc_rule_catalogue_lookup ("VPC105");
  g_assert_nonnull (strstr (ecr->explanation, "study-guide"));
  g_assert_nonnull (strstr (ecr->explanation, "precise"));
}

/* Every finding's primary element is of the kind its rule's catalogue
 * entry says (domain.md §3's element column), which scoped runs rely on:
 * random designs, both profiles. */
static void
test_catalogue_subjects (void)
{
  guint seen[VPC_N_KINDS] = { 0 };

  for (guint seed = 1; seed <= 200; seed++)
    {
      g_autofree char *json = random_design_json (seed);
      g_autoptr(VpcDesign) design = load_text (json);

      for (VpcProfile profile = VPC_PROFILE_STUDY_GUIDE; profile <= VPC_PROFILE_PRECISE; profile++)
        {
          g_autoptr(GPtrArray) findings = vpc_validate_full (design, profile, VPC_VALIDATE_DEFAULT);

          for (guint i = 0; i < findings->len; i++)
            {
              VpcFinding *finding = g_ptr_array_index (findings, i);
              const char *rule_id = vpc_finding_get_rule_id (finding);
              const char *primary = vpc_finding_get_primary_element (finding);
              const VpcRuleInfo *rule = vpc_rule_catalogue_lookup (rule_id);

              if (primary == NULL)
                {
                  g_assert_true (g_str_equal (rule_id, "VPC210") || g_str_equal (rule_id, "VPC213"));
                  continue;
                }
              g_assert_cmpint (vpc_design_lookup (design, primary)->kind, ==, rule->subject);
              seen[rule->subject]++;
            }
        }
    }
  /* Each kind that is a subject was met. */
  for (VpcKind kind = VPC_KIND_AZ; kind < VPC_N_KINDS; kind++)
    if (kind != VPC_KIND_SECURITY_GROUP)
      g_assert_cmpuint (seen[kind], >, 0);
}

static void
test_finding_sort (void)
{
  const char *const none[] = { NULL };
  const char *const b[] = { "b", NULL };
  const char *const a[] = { "a", NULL };
  g_autoptr(VpcFinding) warning = vpc_finding_new ("VPC101", VPC_SEVERITY_WARNING, "", a, NULL);
  g_autoptr(VpcFinding) error_b = vpc_finding_new ("VPC101", VPC_SEVERITY_ERROR, "", b, NULL);
  g_autoptr(VpcFinding) error_none = vpc_finding_new ("VPC101", VPC_SEVERITY_ERROR, "", none, NULL);
  g_autoptr(VpcFinding) kms = vpc_finding_new ("VPC107", VPC_SEVERITY_ERROR, "", a, "kms");
  g_autoptr (VpcFinding) dynamodb
      = vpc_finding_new ("VPC107", VPC_SEVERITY_ERROR, "", a, "dynamodb");
  g_autoptr (VpcFinding) upper
      = vpc_finding_new ("VPC107", VPC_SEVERITY_ERROR, "", (const char *const[]){ "Z", NULL }, "x");

  g_assert_cmpint (vpc_finding_compare (error_b, warning), <, 0);
  g_assert_cmpint (vpc_finding_compare (error_none, error_b), <, 0);
  g_assert_cmpint (vpc_finding_compare (error_b, kms), <, 0);
  g_assert_cmpint (vpc_finding_compare (dynamodb, kms), <, 0);
  g_assert_cmpint (vpc_finding_compare (upper, dynamodb), <, 0); /* code point: 'Z' < 'a' */
  g_assert_null (vpc_finding_get_primary_element (error_none));
  g_assert_cmpstr (vpc_finding_get_title (kms), ==, "Workload cannot reach a service it calls");
  g_assert_true (vpc_finding_equal (kms, kms));
  g_assert_false (vpc_finding_equal (kms, dynamodb));
}

/* Names unlike the ids, on about half the elements. */
static void
rename_half (VpcDesign *design,
             GRand     *rand)
{
  for (guint r = 0; r < vpc_design_get_total_elements (design) / 2; r++)
    {
      const VpcElement *element = random_element (design, rand);
      g_autofree char *name = g_strdup_printf ("Named %s", element->id);

      rename_element (design, element, name);
    }
}

/* vpc_validate_with_names() gives the same findings as vpc_validate(),
 * each with its elements' display names; vpc_validate() keeps none. */
static void
test_element_names (void)
{
  for (guint seed = 0; seed < 150; seed++)
    {
      g_autofree char *json = random_design_json (seed);
      g_autoptr(VpcDesign) design = load_text (json);
      g_autoptr(GRand) rand = g_rand_new_with_seed (seed);
      g_autoptr(GPtrArray) plain = NULL;
      g_autoptr(GPtrArray) named = NULL;
      g_autofree char *plain_text = NULL;
      g_autofree char *named_text = NULL;

      rename_half (design, rand);
      plain = vpc_validate (design, VPC_PROFILE_PRECISE);
      named = vpc_validate_with_names (design, VPC_PROFILE_PRECISE);
      plain_text = describe_all (plain);
      named_text = describe_all (named);

      g_assert_cmpstr (plain_text, ==, named_text);
      for (guint i = 0; i < named->len; i++)
        {
          const char *const *elements = vpc_finding_get_elements (named->pdata[i]);
          const char *const *names = vpc_finding_get_element_names (named->pdata[i]);

          g_assert_null (vpc_finding_get_element_names (plain->pdata[i]));
          g_assert_nonnull (names);
          for (guint e = 0; elements[e] != NULL; e++)
            g_assert_cmpstr (names[e], ==,
                             vpc_element_get_display_name (vpc_design_lookup (design, elements[e])));
          g_assert_null (names[g_strv_length ((char **) elements)]);
        }
    }
}

/* A run that borrows (VPC_VALIDATE_BORROW) gives the same findings, with
 * and without names, whose ids and names are the design's own strings. */
static void
test_borrowed_strings (void)
{
  for (guint seed = 0; seed < 150; seed++)
    {
      g_autofree char *json = random_design_json (seed);
      g_autoptr(VpcDesign) design = load_text (json);
      g_autoptr(GRand) rand = g_rand_new_with_seed (seed);
      g_autoptr(GPtrArray) copied = NULL;
      g_autoptr(GPtrArray) borrowed = NULL;
      g_autoptr(GPtrArray) borrowed_plain = NULL;
      g_autofree char *copied_text = NULL;
      g_autofree char *borrowed_text = NULL;
      g_autofree char *borrowed_plain_text = NULL;

      rename_half (design, rand);
      copied = vpc_validate_with_names (design, VPC_PROFILE_PRECISE);
      borrowed = vpc_validate_full (design, VPC_PROFILE_PRECISE,
                                    VPC_VALIDATE_NAMES | VPC_VALIDATE_BORROW);
      borrowed_plain = vpc_validate_full (design, VPC_PROFILE_PRECISE, VPC_VALIDATE_BORROW);
      copied_text = describe_all (copied);
      borrowed_text = describe_all (borrowed);
      borrowed_plain_text = describe_all (borrowed_plain);
      g_assert_cmpstr (copied_text, ==, borrowed_text);
      g_assert_cmpstr (copied_text, ==, borrowed_plain_text);
      for (guint i = 0; i < borrowed->len; i++)
        {
          const char *const *elements = vpc_finding_get_elements (borrowed->pdata[i]);
          const char *const *names = vpc_finding_get_element_names (borrowed->pdata[i]);

          g_assert_null (vpc_finding_get_element_names (borrowed_plain->pdata[i]));
          g_assert_cmpstrv (names, vpc_finding_get_element_names (copied->pdata[i]));
          for (guint e = 0; elements[e] != NULL; e++)
            {
              const VpcElement *element = vpc_design_lookup (design, elements[e]);

              g_assert_true (elements[e] == element->id);
              g_assert_true (names[e] == vpc_element_get_display_name (element));
            }
        }
    }
}

static int
compare_findings_indirect (gconstpointer a,
                           gconstpointer b)
{
  return vpc_finding_compare (*(VpcFinding **) a, *(VpcFinding **) b);
}

/* vpc_finding_sort() (keys with the primary's first bytes) orders as a
 * stable sort by vpc_finding_compare(): ids that share eight bytes or
 * more, that are prefixes of one another, no primary, ties. */
static void
test_finding_sort_keys (void)
{
  static const char *const rules[] = { "VPC101", "VPC107", "VPC201", "VPC402" };
  static const char *const stems[] = { "w", "workload-", "workload-a", "workload-ab", "W", "a.b:c_" };
  static const char *const services[] = { NULL, "kms", "logs" };
  g_autoptr(GRand) rand = g_rand_new_with_seed (9);

  for (guint round = 0; round < 200; round++)
    {
      g_autoptr(GPtrArray) findings = g_ptr_array_new_with_free_func (g_object_unref);
      g_autoptr(GPtrArray) expected = NULL;
      guint n = g_rand_int_range (rand, 2, 300);

      for (guint i = 0; i < n; i++)
        {
          const char *stem = stems[g_rand_int_range (rand, 0, G_N_ELEMENTS (stems))];
          g_autofree char *id = g_strdup_printf ("%s%u", stem, g_rand_int_range (rand, 0, 30));
          const char *const elements[] = { g_rand_int_range (rand, 0, 20) == 0 ? NULL : id, NULL };

          g_ptr_array_add (findings,
                           vpc_finding_new (rules[g_rand_int_range (rand, 0, G_N_ELEMENTS (rules))],
                                            g_rand_int_range (rand, 0, 3), "", elements,
                                            services[g_rand_int_range (rand, 0, 3)]));
        }
      /* Not g_ptr_array_copy(): it would unref the findings a second time. */
      expected = g_ptr_array_new ();
      for (guint i = 0; i < n; i++)
        g_ptr_array_add (expected, g_ptr_array_index (findings, i));
      g_ptr_array_sort (expected, compare_findings_indirect);
      vpc_finding_sort (findings);
      for (guint i = 0; i < n; i++)
        g_assert_true (g_ptr_array_index (findings, i) == g_ptr_array_index (expected, i));
    }
}

int
main (int argc, char **argv)
{
  int status;

  g_test_init (&argc, &argv, NULL);
  load_bases ();
  add_cases ("endpoints.json");
  add_cases ("network.json");
  add_cases ("isolation.json");
  add_cases ("security.json");
  add_cases ("cost.json");
  g_test_add_func ("/rules/others-capped", test_others_capped);
  g_test_add_func ("/rules/message-names", test_message_names);
  g_test_add_func ("/rules/catalogue", test_catalogue);
  g_test_add_func ("/rules/catalogue/subjects", test_catalogue_subjects);
  g_test_add_func ("/rules/finding-sort", test_finding_sort);
  g_test_add_func ("/rules/finding-sort-keys", test_finding_sort_keys);
  g_test_add_func ("/rules/element-names", test_element_names);
  g_test_add_func ("/rules/borrowed-strings", test_borrowed_strings);
  g_test_add_func ("/rules/security-sets", test_security_sets);
  add_scenarios ();
  add_examples ();
  add_live ();
  status = g_test_run ();
  json_object_unref (bases);
  return status;
}
