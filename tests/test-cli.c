/* test-cli.c: the command line of FORMAT.md §4, run as a real process
 * (the path comes in VPC_DESIGNER from Meson) without a display. */
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <math.h>
#include <string.h>

#include "vpc-file.h"

typedef struct
{
  int   status;
  char *out;
  char *err;
} Run;

static void
run_clear (Run *run)
{
  g_clear_pointer (&run->out, g_free);
  g_clear_pointer (&run->err, g_free);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Run, run_clear)

static char *
data_file (const char *name)
{
  return g_test_build_filename (G_TEST_DIST, "data", "cli", name, NULL);
}

/* Runs vpc-designer with @args (NULL-terminated) and no display at all. */
static void
run_cli (Run               *run,
         const char *const *args)
{
  g_autoptr(GSubprocessLauncher) launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE |
                                                                        G_SUBPROCESS_FLAGS_STDERR_PIPE);
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GError) error = NULL;
  const char *binary = g_getenv ("VPC_DESIGNER");

  g_assert_nonnull (binary);
  g_subprocess_launcher_unsetenv (launcher, "DISPLAY");
  g_subprocess_launcher_unsetenv (launcher, "WAYLAND_DISPLAY");
  g_subprocess_launcher_unsetenv (launcher, "NO_COLOR");
  g_ptr_array_add (argv, (gpointer) binary);
  for (guint i = 0; args[i] != NULL; i++)
    g_ptr_array_add (argv, (gpointer) args[i]);
  g_ptr_array_add (argv, NULL);

  process = g_subprocess_launcher_spawnv (launcher, (const char *const *) argv->pdata, &error);
  g_assert_no_error (error);
  g_subprocess_communicate_utf8 (process, NULL, NULL, &run->out, &run->err, &error);
  g_assert_no_error (error);
  g_assert_true (g_subprocess_get_if_exited (process));
  run->status = g_subprocess_get_exit_status (process);
}

#define RUN(run, ...) run_cli (run, (const char *const[]) { __VA_ARGS__, NULL })

/* A usage error: status 2, nothing on stdout, the problem and the hint on stderr. */
static void
assert_usage_error (Run        *run,
                    const char *problem)
{
  g_assert_cmpint (run->status, ==, 2);
  g_assert_cmpstr (run->out, ==, "");
  g_assert_nonnull (strstr (run->err, problem));
  g_assert_nonnull (strstr (run->err, "--help"));
}

static JsonNode *
parse_json (const char *text)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;

  json_parser_load_from_data (parser, text, -1, &error);
  g_assert_no_error (error);
  return json_node_copy (json_parser_get_root (parser));
}

/* The object's member names, in order, joined by commas. */
static char *
member_names (JsonObject *object)
{
  GList *names = json_object_get_members (object);
  GString *text = g_string_new (NULL);

  for (GList *l = names; l != NULL; l = l->next)
    g_string_append_printf (text, "%s%s", l == names ? "" : ",", (const char *) l->data);
  g_list_free (names);
  return g_string_free (text, FALSE);
}

static void
assert_members (JsonObject *object,
                const char *expected)
{
  g_autofree char *names = member_names (object);

  g_assert_cmpstr (names, ==, expected);
}

/* A money amount: a JSON number, compared in cents. */
static gint64
cents (JsonObject *object,
       const char *key)
{
  JsonNode *node = json_object_get_member (object, key);

  g_assert_nonnull (node);
  g_assert_true (JSON_NODE_HOLDS_VALUE (node));
  g_assert_true (json_node_get_value_type (node) == G_TYPE_DOUBLE ||
                 json_node_get_value_type (node) == G_TYPE_INT64);
  return (gint64) llround (json_node_get_double (node) * 100);
}

/* --- usage ------------------------------------------------------------ */

static void
test_usage_errors (void)
{
  g_autofree char *clean = data_file ("clean.vpcd.json");
  g_autofree char *dir = g_dir_make_tmp ("vpc-cli-XXXXXX", NULL);
  g_autofree char *txt = g_build_filename (dir, "out.txt", NULL);
  g_autofree char *json = g_build_filename (dir, "out.json", NULL);

  {
    g_auto(Run) run = { 0 };
    RUN (&run, "check");
    assert_usage_error (&run, "missing FILE");
  }
  {
    g_auto(Run) run = { 0 };
    RUN (&run, "check", clean, "--format", "yaml");
    assert_usage_error (&run, "--format");
  }
  {
    g_auto(Run) run = { 0 };
    RUN (&run, "check", clean, "--format");
    assert_usage_error (&run, "needs a value");
  }
  {
    g_auto(Run) run = { 0 };
    RUN (&run, "check", clean, "--profile=strict");
    assert_usage_error (&run, "--profile");
  }
  {
    g_auto(Run) run = { 0 };
    RUN (&run, "check", clean, "extra.json");
    assert_usage_error (&run, "unexpected argument 'extra.json'");
  }
  {
    g_auto(Run) run = { 0 };
    RUN (&run, "cost", clean, "--bogus");
    assert_usage_error (&run, "unknown option '--bogus'");
  }
  {
    g_auto(Run) run = { 0 };
    RUN (&run, "cost", clean, "--format", "sarif");
    assert_usage_error (&run, "--format");
  }
  {
    g_auto(Run) run = { 0 };
    RUN (&run, "export", clean);
    assert_usage_error (&run, "-o OUT");
  }
  {
    g_auto(Run) run = { 0 };
    RUN (&run, "export", clean, "-o", txt);
    assert_usage_error (&run, ".png, .svg, .pdf or .json");
    g_assert_false (g_file_test (txt, G_FILE_TEST_EXISTS));
  }
  {
    g_auto(Run) run = { 0 };
    RUN (&run, "export", clean, "-o", json, "--scale", "0");
    assert_usage_error (&run, "--scale");
    g_assert_false (g_file_test (json, G_FILE_TEST_EXISTS));
  }
  {
    g_auto(Run) run = { 0 };
    RUN (&run, "export", clean, "-o", json, "--theme", "blue");
    assert_usage_error (&run, "--theme");
    g_assert_false (g_file_test (json, G_FILE_TEST_EXISTS));
  }
  g_assert_cmpint (g_rmdir (dir), ==, 0);
}

static void
test_help (void)
{
  static const char *commands[] = { "check", "cost", "export" };

  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    {
      g_auto(Run) run = { 0 };

      /* --help wins even after a bad option. */
      RUN (&run, commands[i], "--bogus", "--help");
      g_assert_cmpint (run.status, ==, 0);
      g_assert_nonnull (strstr (run.out, "Usage:"));
      g_assert_nonnull (strstr (run.out, "vpc-designer cost FILE [--format text|json|csv] [--region REGION]"));
      g_assert_cmpstr (run.err, ==, "");
    }

  /* --help after FILE prints the usage only: nothing is read, run or written. */
  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    {
      g_autofree char *clean = data_file ("clean.vpcd.json");
      g_autofree char *dir = g_dir_make_tmp ("vpc-cli-XXXXXX", NULL);
      g_autofree char *json = g_build_filename (dir, "out.json", NULL);
      g_auto(Run) run = { 0 };

      if (g_str_equal (commands[i], "export"))
        RUN (&run, commands[i], clean, "-o", json, "--help");
      else
        RUN (&run, commands[i], clean, "--format", "json", "--help");
      g_assert_cmpint (run.status, ==, 0);
      g_assert_true (g_str_has_prefix (run.out, "Usage:"));
      g_assert_null (strstr (run.out, "{"));
      g_assert_cmpstr (run.err, ==, "");
      g_assert_false (g_file_test (json, G_FILE_TEST_EXISTS));
      g_assert_cmpint (g_rmdir (dir), ==, 0);
    }
}

/* --- check ------------------------------------------------------------ */

static void
test_check_exit_codes (void)
{
  g_autofree char *clean = data_file ("clean.vpcd.json");
  g_autofree char *errors = data_file ("errors.vpcd.json");
  g_autofree char *truncated = data_file ("truncated.vpcd.json");
  g_autofree char *bad_reference = data_file ("bad-reference.vpcd.json");
  g_autofree char *missing = data_file ("no-such-file.vpcd.json");

  {
    g_auto(Run) run = { 0 };
    RUN (&run, "check", clean);
    g_assert_cmpint (run.status, ==, 0);
    g_assert_nonnull (strstr (run.out, "0 errors, 0 warnings, 0 info"));
    /* Not a terminal: no colour codes. */
    g_assert_null (strchr (run.out, '\033'));
  }
  {
    g_auto(Run) run = { 0 };
    RUN (&run, "check", errors);
    g_assert_cmpint (run.status, ==, 1);
    g_assert_nonnull (strstr (run.out, "Errors ("));
    g_assert_nonnull (strstr (run.out, "Summary: "));
    /* Elements by name. */
    g_assert_nonnull (strstr (run.out, "Träining \"A\""));
    /* The loader's warning goes to stderr in text mode. */
    g_assert_nonnull (strstr (run.err, "colour"));
  }
  {
    const char *files[] = { truncated, bad_reference, missing };

    for (guint i = 0; i < G_N_ELEMENTS (files); i++)
      {
        g_auto(Run) run = { 0 };
        g_autofree char *prefix = g_strdup_printf ("vpc-designer: %s: ", files[i]);

        RUN (&run, "check", files[i], "--format", "json");
        g_assert_cmpint (run.status, ==, 2);
        g_assert_cmpstr (run.out, ==, "");
        g_assert_true (g_str_has_prefix (run.err, prefix));
      }
  }
  {
    g_auto(Run) run = { 0 };
    RUN (&run, "check", bad_reference);
    g_assert_nonnull (strstr (run.err, "subnets[0].az"));
  }
}

static void
test_check_json (void)
{
  g_autofree char *errors = data_file ("errors.vpcd.json");
  g_auto(Run) run = { 0 };
  g_autoptr(JsonNode) root = NULL;
  JsonObject *object, *summary;
  JsonArray *findings, *warnings;
  guint n_errors = 0;

  RUN (&run, "check", errors, "--format", "json", "--profile", "precise");
  g_assert_cmpint (run.status, ==, 1);
  g_assert_cmpstr (run.err, ==, "");
  root = parse_json (run.out);
  object = json_node_get_object (root);
  assert_members (object, "file,profile,findings,summary,warnings");
  g_assert_cmpstr (json_object_get_string_member (object, "file"), ==, errors);
  g_assert_cmpstr (json_object_get_string_member (object, "profile"), ==, "precise");

  findings = json_object_get_array_member (object, "findings");
  g_assert_cmpuint (json_array_get_length (findings), >, 0);
  for (guint i = 0; i < json_array_get_length (findings); i++)
    {
      JsonObject *finding = json_array_get_object_element (findings, i);
      JsonArray *elements = json_object_get_array_member (finding, "elements");
      const char *severity = json_object_get_string_member (finding, "severity");

      assert_members (finding, "rule,severity,title,message,elements,fix");
      g_assert_true (g_str_has_prefix (json_object_get_string_member (finding, "rule"), "VPC"));
      g_assert_true (g_strv_contains ((const char *const[]) { "error", "warning", "info", NULL }, severity));
      g_assert_cmpuint (json_array_get_length (elements), >, 0);
      n_errors += g_str_equal (severity, "error");
    }

  summary = json_object_get_object_member (object, "summary");
  assert_members (summary, "errors,warnings,info");
  g_assert_cmpint (json_object_get_int_member (summary, "errors"), ==, n_errors);
  g_assert_cmpint (n_errors, >, 0);

  warnings = json_object_get_array_member (object, "warnings");
  g_assert_cmpuint (json_array_get_length (warnings), ==, 1);
  g_assert_nonnull (strstr (json_array_get_string_element (warnings, 0), "colour"));
}

static void
test_check_json_clean (void)
{
  g_autofree char *clean = data_file ("clean.vpcd.json");
  g_auto(Run) run = { 0 };
  g_autoptr(JsonNode) root = NULL;
  JsonObject *object;

  RUN (&run, "check", clean, "--format=json");
  g_assert_cmpint (run.status, ==, 0);
  root = parse_json (run.out);
  object = json_node_get_object (root);
  g_assert_cmpstr (json_object_get_string_member (object, "profile"), ==, "study-guide");
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (object, "findings")), ==, 0);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (object, "warnings")), ==, 0);
  g_assert_cmpint (json_object_get_int_member (json_object_get_object_member (object, "summary"), "errors"), ==, 0);
}

static const char *
level_of (const char *severity)
{
  return g_str_equal (severity, "error") ? "error" : g_str_equal (severity, "warning") ? "warning" : "note";
}

static void
assert_sarif_result (JsonObject *result,
                     JsonArray  *rules,
                     JsonObject *finding,
                     const char *uri)
{
  JsonObject *rule = json_array_get_object_element (rules, json_object_get_int_member (result, "ruleIndex"));
  JsonObject *location = json_array_get_object_element (json_object_get_array_member (result, "locations"), 0);
  JsonObject *artifact = json_object_get_object_member (json_object_get_object_member (location, "physicalLocation"),
                                                         "artifactLocation");
  JsonArray *logical = json_object_get_array_member (location, "logicalLocations");
  JsonArray *elements = json_object_get_array_member (finding, "elements");

  g_assert_cmpstr (json_object_get_string_member (result, "ruleId"), ==, json_object_get_string_member (finding, "rule"));
  g_assert_cmpstr (json_object_get_string_member (rule, "id"), ==, json_object_get_string_member (result, "ruleId"));
  g_assert_cmpstr (json_object_get_string_member (result, "level"), ==,
                   level_of (json_object_get_string_member (finding, "severity")));
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (result, "message"), "text"), ==,
                   json_object_get_string_member (finding, "message"));
  g_assert_cmpstr (json_object_get_string_member (artifact, "uri"), ==, uri);
  g_assert_cmpuint (json_array_get_length (logical), ==, json_array_get_length (elements));
  for (guint i = 0; i < json_array_get_length (elements); i++)
    {
      JsonObject *place = json_array_get_object_element (logical, i);

      g_assert_cmpstr (json_object_get_string_member (place, "name"), ==, json_array_get_string_element (elements, i));
      g_assert_true (json_object_has_member (place, "fullyQualifiedName"));
      g_assert_true (json_object_has_member (place, "kind"));
    }
}

static void
test_check_sarif (void)
{
  g_autofree char *errors = data_file ("errors.vpcd.json");
  g_auto(Run) json_run = { 0 };
  g_auto(Run) run = { 0 };
  g_autoptr(JsonNode) json_root = NULL;
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GHashTable) rule_ids = g_hash_table_new (g_str_hash, g_str_equal);
  JsonObject *object, *sarif_run, *driver;
  JsonArray *rules, *results, *findings;

  RUN (&json_run, "check", errors, "--format", "json");
  RUN (&run, "check", errors, "--format", "sarif");
  g_assert_cmpint (run.status, ==, 1);
  json_root = parse_json (json_run.out);
  root = parse_json (run.out);
  object = json_node_get_object (root);
  g_assert_true (json_object_has_member (object, "$schema"));
  g_assert_cmpstr (json_object_get_string_member (object, "version"), ==, "2.1.0");

  sarif_run = json_array_get_object_element (json_object_get_array_member (object, "runs"), 0);
  driver = json_object_get_object_member (json_object_get_object_member (sarif_run, "tool"), "driver");
  g_assert_cmpstr (json_object_get_string_member (driver, "name"), ==, "vpc-designer");
  g_assert_true (json_object_has_member (driver, "version"));
  g_assert_true (json_object_has_member (driver, "informationUri"));
  rules = json_object_get_array_member (driver, "rules");
  for (guint i = 0; i < json_array_get_length (rules); i++)
    {
      JsonObject *rule = json_array_get_object_element (rules, i);
      const char *id = json_object_get_string_member (rule, "id");

      /* One entry per rule id. */
      g_assert_false (g_hash_table_contains (rule_ids, id));
      g_hash_table_add (rule_ids, (gpointer) id);
      g_assert_true (json_object_has_member (rule, "shortDescription"));
      g_assert_true (json_object_has_member (rule, "fullDescription"));
      g_assert_true (json_object_has_member (rule, "help"));
    }

  results = json_object_get_array_member (sarif_run, "results");
  findings = json_object_get_array_member (json_node_get_object (json_root), "findings");
  g_assert_cmpuint (json_array_get_length (results), ==, json_array_get_length (findings));
  for (guint i = 0; i < json_array_get_length (results); i++)
    assert_sarif_result (json_array_get_object_element (results, i), rules,
                         json_array_get_object_element (findings, i), errors);
}

/* --- cost ------------------------------------------------------------- */

static JsonObject *
assert_cost_header (JsonNode   *root,
                    const char *region,
                    gboolean    priced)
{
  JsonObject *object = json_node_get_object (root);

  assert_members (object, priced ? "region,currency,hours_per_month,priced,prices_as_of,items,monthly_total"
                                 : "region,currency,hours_per_month,priced,reason,prices_as_of,items,monthly_total");
  g_assert_cmpstr (json_object_get_string_member (object, "region"), ==, region);
  g_assert_cmpstr (json_object_get_string_member (object, "currency"), ==, "USD");
  g_assert_cmpint (json_object_get_int_member (object, "hours_per_month"), ==, 730);
  g_assert_cmpint (json_object_get_boolean_member (object, "priced"), ==, priced);
  return object;
}

static void
test_cost_json (void)
{
  g_autofree char *clean = data_file ("clean.vpcd.json");
  g_autofree char *errors = data_file ("errors.vpcd.json");
  g_auto(Run) run = { 0 };
  g_autoptr(JsonNode) root = NULL;
  JsonObject *object, *item;
  JsonArray *items;

  RUN (&run, "cost", clean, "--format", "json");
  g_assert_cmpint (run.status, ==, 0);
  root = parse_json (run.out);
  object = assert_cost_header (root, "us-east-1", TRUE);
  g_assert_cmpstr (json_object_get_string_member (object, "prices_as_of"), ==, "2025-10-01");
  /* The seed's six interface endpoints in two AZs. */
  g_assert_cmpint (cents (object, "monthly_total"), ==, 8760);
  items = json_object_get_array_member (object, "items");
  g_assert_cmpuint (json_array_get_length (items), ==, 7);
  item = json_array_get_object_element (items, 0);
  assert_members (item, "element,kind,service,azs,hourly_charge,data_charge,monthly");
  g_assert_cmpstr (json_object_get_string_member (item, "kind"), ==, "gateway_endpoint");
  g_assert_cmpint (json_object_get_int_member (item, "azs"), ==, 0);
  g_assert_cmpint (cents (item, "monthly"), ==, 0);
  item = json_array_get_object_element (items, 1);
  g_assert_cmpstr (json_object_get_string_member (item, "element"), ==, "ep-api");
  g_assert_cmpint (json_object_get_int_member (item, "azs"), ==, 2);
  g_assert_cmpint (cents (item, "hourly_charge"), ==, 1460);
  /* The literal text keeps two decimals. */
  g_assert_nonnull (strstr (run.out, "\"monthly_total\": 87.60"));

  {
    g_auto(Run) nat_run = { 0 };
    g_autoptr(JsonNode) nat_root = NULL;
    JsonObject *nat;

    RUN (&nat_run, "cost", errors, "--format", "json");
    nat_root = parse_json (nat_run.out);
    object = assert_cost_header (nat_root, "us-east-1", TRUE);
    g_assert_cmpint (cents (object, "monthly_total"), ==, 4475);
    items = json_object_get_array_member (object, "items");
    nat = json_array_get_object_element (items, 1);
    /* NAT gateways have no service. */
    assert_members (nat, "element,kind,azs,hourly_charge,data_charge,monthly");
    g_assert_cmpstr (json_object_get_string_member (nat, "kind"), ==, "nat_gateway");
    g_assert_cmpint (json_object_get_int_member (nat, "azs"), ==, 1);
    g_assert_cmpint (cents (nat, "hourly_charge"), ==, 3285);
    g_assert_cmpint (cents (nat, "data_charge"), ==, 450);
  }
}

static void
test_cost_region (void)
{
  g_autofree char *clean = data_file ("clean.vpcd.json");
  g_autofree char *unpriced = data_file ("unpriced.vpcd.json");
  g_auto(Run) run = { 0 };
  g_auto(Run) mars = { 0 };
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(JsonNode) mars_root = NULL;
  JsonObject *object;

  /* 6 endpoints × 2 AZs × 730 h × $0.012 */
  RUN (&run, "cost", clean, "--format", "json", "--region", "eu-central-1");
  root = parse_json (run.out);
  object = assert_cost_header (root, "eu-central-1", TRUE);
  g_assert_cmpint (cents (object, "monthly_total"), ==, 10512);
  g_assert_cmpstr (json_object_get_string_member (object, "prices_as_of"), ==, "2026-09-01");

  RUN (&mars, "cost", unpriced, "--format", "json");
  g_assert_cmpint (mars.status, ==, 0);
  mars_root = parse_json (mars.out);
  object = assert_cost_header (mars_root, "mars-north-1", FALSE);
  g_assert_true (json_object_get_null_member (object, "monthly_total"));
  g_assert_true (json_object_get_null_member (object, "prices_as_of"));
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (object, "items")), ==, 0);
  g_assert_nonnull (strstr (json_object_get_string_member (object, "reason"), "mars-north-1"));
}

static void
test_cost_csv_and_text (void)
{
  g_autofree char *clean = data_file ("clean.vpcd.json");
  g_autofree char *unpriced = data_file ("unpriced.vpcd.json");
  g_auto(Run) csv = { 0 };
  g_auto(Run) text = { 0 };
  g_auto(Run) none = { 0 };
  g_auto(GStrv) lines = NULL;

  RUN (&csv, "cost", clean, "--format", "csv");
  g_assert_cmpint (csv.status, ==, 0);
  lines = g_strsplit (csv.out, "\n", -1);
  /* Header, seven items, total, and the empty string after the last newline. */
  g_assert_cmpuint (g_strv_length (lines), ==, 10);
  g_assert_cmpstr (lines[0], ==, "element,kind,service,azs,hourly_charge,data_charge,monthly");
  g_assert_cmpstr (lines[1], ==, "ep-s3,gateway_endpoint,s3,0,0.00,0.00,0.00");
  g_assert_cmpstr (lines[2], ==, "ep-api,interface_endpoint,sagemaker.api,2,14.60,0.00,14.60");
  g_assert_cmpstr (lines[8], ==, "total,,,,87.60,0.00,87.60");
  g_assert_cmpstr (lines[9], ==, "");

  RUN (&text, "cost", clean);
  g_assert_cmpint (text.status, ==, 0);
  g_assert_nonnull (strstr (text.out, "$87.60"));
  g_assert_nonnull (strstr (text.out, "Prices as of 2025-10-01"));

  RUN (&none, "cost", unpriced);
  g_assert_cmpint (none.status, ==, 0);
  g_assert_nonnull (strstr (none.out, "cannot be priced"));
}

/* --- export ----------------------------------------------------------- */

static char *
read_text (const char *path)
{
  g_autoptr(GError) error = NULL;
  char *text = NULL;

  g_file_get_contents (path, &text, NULL, &error);
  g_assert_no_error (error);
  return text;
}

static void
test_export_json (void)
{
  g_autofree char *clean = data_file ("clean.vpcd.json");
  g_autofree char *truncated = data_file ("truncated.vpcd.json");
  g_autofree char *dir = g_dir_make_tmp ("vpc-cli-XXXXXX", NULL);
  g_autofree char *first = g_build_filename (dir, "first.vpcd.json", NULL);
  g_autofree char *second = g_build_filename (dir, "second.vpcd.json", NULL);
  g_autofree char *never = g_build_filename (dir, "never.vpcd.json", NULL);
  g_autofree char *first_text = NULL, *second_text = NULL, *expected = NULL;
  g_autoptr(VpcDesign) design = NULL;
  g_autoptr(GError) error = NULL;

  {
    g_auto(Run) run = { 0 };
    RUN (&run, "export", clean, "-o", first);
    g_assert_cmpint (run.status, ==, 0);
    g_assert_cmpstr (run.out, ==, "");
  }
  {
    g_auto(Run) run = { 0 };
    RUN (&run, "export", first, "--output", second);
    g_assert_cmpint (run.status, ==, 0);
  }
  /* save → load → save gives identical bytes, and the canonical text. */
  first_text = read_text (first);
  second_text = read_text (second);
  g_assert_cmpstr (first_text, ==, second_text);
  design = vpc_file_load_path (clean, NULL, &error);
  g_assert_no_error (error);
  expected = vpc_file_serialize (design, NULL);
  g_assert_cmpstr (first_text, ==, expected);

  {
    g_auto(Run) run = { 0 };
    RUN (&run, "export", truncated, "-o", never);
    g_assert_cmpint (run.status, ==, 2);
    g_assert_false (g_file_test (never, G_FILE_TEST_EXISTS));
  }

  g_assert_cmpint (g_unlink (first), ==, 0);
  g_assert_cmpint (g_unlink (second), ==, 0);
  g_assert_cmpint (g_rmdir (dir), ==, 0);
}

static void
test_export_svg (void)
{
  g_autofree char *clean = data_file ("clean.vpcd.json");
  g_autofree char *dir = g_dir_make_tmp ("vpc-cli-XXXXXX", NULL);
  g_autofree char *svg = g_build_filename (dir, "design.svg", NULL);
  g_autofree char *text = NULL;
  g_auto(Run) run = { 0 };

  RUN (&run, "export", clean, "-o", svg, "--theme", "dark", "--scale", "2");
  g_assert_cmpint (run.status, ==, 0);
  text = read_text (svg);
  g_assert_nonnull (strstr (text, "<svg"));
  g_assert_cmpint (g_unlink (svg), ==, 0);
  g_assert_cmpint (g_rmdir (dir), ==, 0);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/cli/usage/errors", test_usage_errors);
  g_test_add_func ("/cli/usage/help", test_help);
  g_test_add_func ("/cli/check/exit-codes", test_check_exit_codes);
  g_test_add_func ("/cli/check/json", test_check_json);
  g_test_add_func ("/cli/check/json-clean", test_check_json_clean);
  g_test_add_func ("/cli/check/sarif", test_check_sarif);
  g_test_add_func ("/cli/cost/json", test_cost_json);
  g_test_add_func ("/cli/cost/region", test_cost_region);
  g_test_add_func ("/cli/cost/csv-and-text", test_cost_csv_and_text);
  g_test_add_func ("/cli/export/json", test_export_json);
  g_test_add_func ("/cli/export/svg", test_export_svg);
  return g_test_run ();
}
