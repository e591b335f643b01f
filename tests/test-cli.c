/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-cli.c: the command line of format.md §4, run as a real process
 * (the path comes in VPC_DESIGNER from Meson) without a display. */
/* posix_openpt() and friends, for the terminal on standard input. */
#define _GNU_SOURCE
#include <fcntl.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <math.h>
#include <string.h>

#include "io-test-utils.h"
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

/* In the child: a command that blocks (reading a FIFO nobody writes to)
 * dies of SIGALRM instead of hanging the suite. A watchdog, not a timing:
 * the tests assert a normal exit. */
static void
set_alarm (gpointer data)
{
  alarm (60);
}

/* Runs vpc-designer with @args (NULL-terminated) and no display at all;
 * standard input comes from @stdin_path (NULL: none); @watchdog sets an
 * alarm in the child. */
static void
run_cli_full (Run               *run,
              const char *const *args,
              const char        *stdin_path,
              gboolean           watchdog)
{
  g_autoptr (GSubprocessLauncher) launcher
      = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE | G_SUBPROCESS_FLAGS_STDERR_PIPE);
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GError) error = NULL;
  const char *binary = g_getenv ("VPC_DESIGNER");

  g_assert_nonnull (binary);
  g_subprocess_launcher_unsetenv (launcher, "DISPLAY");
  g_subprocess_launcher_unsetenv (launcher, "WAYLAND_DISPLAY");
  g_subprocess_launcher_unsetenv (launcher, "NO_COLOR");
  if (stdin_path != NULL)
    g_subprocess_launcher_set_stdin_file_path (launcher, stdin_path);
  if (watchdog)
    g_subprocess_launcher_set_child_setup (launcher, set_alarm, NULL, NULL);
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

static void
run_cli (Run               *run,
         const char *const *args)
{
  run_cli_full (run, args, NULL, FALSE);
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
    assert_usage_error (&run, ".png, .svg, .pdf, .drawio, .json, .yaml, .cfn.json or .tf");
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
      g_assert_nonnull (
          strstr (run.out, "vpc-designer cost FILE [--format text|json|csv] [--region REGION]"));
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
      g_assert_true (
          g_strv_contains ((const char *const[]){ "error", "warning", "info", NULL }, severity));
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
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (object, "findings")), ==,
                    0);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (object, "warnings")), ==,
                    0);
  g_assert_cmpint (
      json_object_get_int_member (json_object_get_object_member (object, "summary"), "errors"), ==,
      0);
}

static const char *
level_of (const char *severity)
{
  return g_str_equal (severity, "error")     ? "error"
         : g_str_equal (severity, "warning") ? "warning"
                                             : "note";
}

static void
assert_sarif_result (JsonObject *result,
                     JsonArray  *rules,
                     JsonObject *finding,
                     const char *uri)
{
  JsonObject *rule
      = json_array_get_object_element (rules, json_object_get_int_member (result, "ruleIndex"));
  JsonObject *location
      = json_array_get_object_element (json_object_get_array_member (result, "locations"), 0);
  JsonObject *artifact = json_object_get_object_member (
      json_object_get_object_member (location, "physicalLocation"), "artifactLocation");
  JsonArray *logical = json_object_get_array_member (location, "logicalLocations");
  JsonArray *elements = json_object_get_array_member (finding, "elements");

  g_assert_cmpstr (json_object_get_string_member (result, "ruleId"), ==,
                   json_object_get_string_member (finding, "rule"));
  g_assert_cmpstr (json_object_get_string_member (rule, "id"), ==,
                   json_object_get_string_member (result, "ruleId"));
  g_assert_cmpstr (json_object_get_string_member (result, "level"), ==,
                   level_of (json_object_get_string_member (finding, "severity")));
  g_assert_cmpstr (
      json_object_get_string_member (json_object_get_object_member (result, "message"), "text"), ==,
      json_object_get_string_member (finding, "message"));
  g_assert_cmpstr (json_object_get_string_member (artifact, "uri"), ==, uri);
  g_assert_cmpuint (json_array_get_length (logical), ==, json_array_get_length (elements));
  for (guint i = 0; i < json_array_get_length (elements); i++)
    {
      JsonObject *place = json_array_get_object_element (logical, i);

      g_assert_cmpstr (json_object_get_string_member (place, "name"), ==,
                       json_array_get_string_element (elements, i));
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
  driver
      = json_object_get_object_member (json_object_get_object_member (sarif_run, "tool"), "driver");
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

  assert_members (
      object,
      priced ? "region,currency,hours_per_month,priced,prices_as_of,items,monthly_total"
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

/* --- outputs: one writer for every format (issue 9) -------------------- */

static const char *const export_suffixes[] = { "png", "svg", "pdf", "json" };

static guint
mode_of (const char *path)
{
  GStatBuf st;

  g_assert_cmpint (g_stat (path, &st), ==, 0);
  return st.st_mode & 07777;
}

static int
compare_names (gconstpointer a,
               gconstpointer b)
{
  return strcmp (*(const char *const *) a, *(const char *const *) b);
}

/* The folder's entries, sorted and joined, to show nothing was added. */
static char *
listing (const char *dir_path)
{
  g_autoptr(GDir) dir = g_dir_open (dir_path, 0, NULL);
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  const char *name;

  g_assert_nonnull (dir);
  while ((name = g_dir_read_name (dir)) != NULL)
    g_ptr_array_add (names, g_strdup (name));
  g_ptr_array_sort (names, compare_names);
  g_ptr_array_add (names, NULL);
  return g_strjoinv ("|", (char **) names->pdata);
}

static void
remove_tree (const char *path)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GFileEnumerator) children = NULL;
  GFileInfo *info;

  if (g_file_query_file_type (file, G_FILE_QUERY_INFO_NOFOLLOW_SYMLINKS, NULL)
      == G_FILE_TYPE_DIRECTORY)
    {
      children = g_file_enumerate_children (file, G_FILE_ATTRIBUTE_STANDARD_NAME,
                                            G_FILE_QUERY_INFO_NOFOLLOW_SYMLINKS, NULL, NULL);
      while (children != NULL
             && (info = g_file_enumerator_next_file (children, NULL, NULL)) != NULL)
        {
          g_autofree char *child = g_build_filename (path, g_file_info_get_name (info), NULL);

          remove_tree (child);
          g_object_unref (info);
        }
    }
  g_assert_cmpint (g_remove (path), ==, 0);
}

/* An export refused before anything is written: status 2, a message
 * naming the problem, nothing on stdout, the folder as it was. */
static void
assert_refused (Run        *run,
                const char *dir,
                const char *before,
                const char *problem)
{
  g_autofree char *after = listing (dir);

  g_assert_cmpint (run->status, ==, 2);
  g_assert_cmpstr (run->out, ==, "");
  g_assert_nonnull (strstr (run->err, problem));
  g_assert_cmpstr (after, ==, before);
}

/* Through a symlink every format rewrites the link's target and keeps the
 * link, like Save. */
static void
test_export_symlink (void)
{
  g_autofree char *clean = data_file ("clean.vpcd.json");
  g_autofree char *dir = g_dir_make_tmp ("vpc-cli-XXXXXX", NULL);
  g_autofree char *real = g_build_filename (dir, "real", NULL);

  g_assert_cmpint (g_mkdir (real, 0755), ==, 0);
  for (guint i = 0; i < G_N_ELEMENTS (export_suffixes); i++)
    {
      g_autofree char *target_name = g_strdup_printf ("target.%s", export_suffixes[i]);
      g_autofree char *target = g_build_filename (dir, "real", target_name, NULL);
      g_autofree char *link_name = g_strdup_printf ("link.%s", export_suffixes[i]);
      g_autofree char *link_path = g_build_filename (dir, link_name, NULL);
      g_autofree char *link_text = g_strdup_printf ("real/%s", target_name);
      g_autofree char *read_back = NULL;
      g_autofree char *contents = NULL;
      g_auto(Run) run = { 0 };
      GStatBuf st;

      g_assert_true (g_file_set_contents (target, "old", -1, NULL));
      g_assert_cmpint (symlink (link_text, link_path), ==, 0);
      RUN (&run, "export", clean, "-o", link_path);
      g_assert_cmpint (run.status, ==, 0);
      g_assert_cmpint (g_lstat (link_path, &st), ==, 0);
      g_assert_true (S_ISLNK (st.st_mode));
      read_back = g_file_read_link (link_path, NULL);
      g_assert_cmpstr (read_back, ==, link_text);
      contents = read_text (target);
      g_assert_cmpstr (contents, !=, "old");
      g_assert_cmpuint (strlen (contents), >, 3);
    }
  remove_tree (dir);
}

/* A folder, a device (/dev/null, through a symlink) or a FIFO named like
 * an output is refused with a message, for every format. */
static void
test_export_refuses_special (void)
{
  g_autofree char *clean = data_file ("clean.vpcd.json");
  g_autofree char *dir = g_dir_make_tmp ("vpc-cli-XXXXXX", NULL);
  g_autofree char *device = io_test_device_path (dir);

  for (guint i = 0; i < G_N_ELEMENTS (export_suffixes); i++)
    {
      g_autofree char *folder = g_strdup_printf ("%s/folder.%s", dir, export_suffixes[i]);
      g_autofree char *device_link = g_strdup_printf ("%s/null.%s", dir, export_suffixes[i]);
      g_autofree char *fifo = g_strdup_printf ("%s/pipe.%s", dir, export_suffixes[i]);
      g_autofree char *before = NULL;

      g_assert_cmpint (g_mkdir (folder, 0755), ==, 0);
      g_assert_cmpint (symlink (device, device_link), ==, 0);
      g_assert_cmpint (mkfifo (fifo, 0644), ==, 0);
      before = listing (dir);
      {
        g_auto(Run) run = { 0 };
        RUN (&run, "export", clean, "-o", folder);
        assert_refused (&run, dir, before, "is a folder");
      }
      {
        g_auto(Run) run = { 0 };
        RUN (&run, "export", clean, "-o", device_link);
        assert_refused (&run, dir, before, "is a character device");
      }
      {
        g_auto(Run) run = { 0 };
        RUN (&run, "export", clean, "-o", fifo);
        assert_refused (&run, dir, before, "is a pipe (FIFO)");
      }
    }
  remove_tree (dir);
}

/* A 0600 output stays 0600 in every format; a new one gets the umask's mode. */
static void
test_export_keeps_mode (void)
{
  g_autofree char *clean = data_file ("clean.vpcd.json");
  g_autofree char *dir = g_dir_make_tmp ("vpc-cli-XXXXXX", NULL);
  mode_t old_umask = umask (022);

  for (guint i = 0; i < G_N_ELEMENTS (export_suffixes); i++)
    {
      g_autofree char *private = g_strdup_printf ("%s/private.%s", dir, export_suffixes[i]);
      g_autofree char *fresh = g_strdup_printf ("%s/fresh.%s", dir, export_suffixes[i]);
      g_autofree char *contents = NULL;
      g_auto(Run) run = { 0 };
      g_auto(Run) again = { 0 };

      g_assert_true (g_file_set_contents (private, "old", -1, NULL));
      g_assert_cmpint (g_chmod (private, 0600), ==, 0);
      RUN (&run, "export", clean, "-o", private);
      g_assert_cmpint (run.status, ==, 0);
      contents = read_text (private);
      g_assert_cmpstr (contents, !=, "old");
      g_assert_cmpuint (mode_of (private), ==, 0600);
      RUN (&again, "export", clean, "-o", fresh);
      g_assert_cmpint (again.status, ==, 0);
      g_assert_cmpuint (mode_of (fresh), ==, 0644);
    }
  umask (old_umask);
  remove_tree (dir);
}

/* A legal 255-byte name works in every format (the temporary name must
 * not be longer than the file system allows). */
static void
test_export_long_name (void)
{
  g_autofree char *clean = data_file ("clean.vpcd.json");
  g_autofree char *dir = g_dir_make_tmp ("vpc-cli-XXXXXX", NULL);

  for (guint i = 0; i < G_N_ELEMENTS (export_suffixes); i++)
    {
      g_autofree char *stem = g_strnfill (255 - 1 - strlen (export_suffixes[i]), 'x');
      g_autofree char *name = g_strdup_printf ("%s.%s", stem, export_suffixes[i]);
      g_autofree char *path = g_build_filename (dir, name, NULL);
      g_auto(Run) run = { 0 };
      g_auto(Run) again = { 0 };

      g_assert_cmpuint (strlen (name), ==, 255);
      RUN (&run, "export", clean, "-o", path);
      g_assert_cmpint (run.status, ==, 0);
      /* No message (a sanitizer build may add its own summary). */
      g_assert_null (strstr (run.err, "vpc-designer:"));
      g_assert_true (g_file_test (path, G_FILE_TEST_IS_REGULAR));
      /* Replacing it works too, and leaves no temporary file. */
      RUN (&again, "export", clean, "-o", path);
      g_assert_cmpint (again.status, ==, 0);
      g_assert_cmpint (g_unlink (path), ==, 0);
    }
  g_assert_cmpint (g_rmdir (dir), ==, 0);
}

/* The input is never an output: the same file by name, through a symlink
 * or a hard link, or redirected into "-", is refused with exit 2. */
static void
test_export_onto_input (void)
{
  g_autofree char *clean = data_file ("clean.vpcd.json");
  g_autofree char *dir = g_dir_make_tmp ("vpc-cli-XXXXXX", NULL);
  g_autofree char *design = g_build_filename (dir, "design.png", NULL);
  g_autofree char *json = g_build_filename (dir, "design.json", NULL);
  g_autofree char *soft = g_build_filename (dir, "soft.svg", NULL);
  g_autofree char *hard = g_build_filename (dir, "hard.pdf", NULL);
  g_autofree char *original = read_text (clean);
  g_autofree char *before = NULL;
  const char *pairs[][2] = {
    { design, design }, { json, json }, { design, soft }, { soft, design },
    { design, hard }, { hard, soft }, { soft, json },
  };

  /* A design file named like an image, as in the issue. */
  g_assert_true (g_file_set_contents (design, original, -1, NULL));
  g_assert_cmpint (symlink ("design.png", soft), ==, 0);
  g_assert_cmpint (link (design, hard), ==, 0);
  g_assert_cmpint (symlink ("hard.pdf", json), ==, 0);
  before = listing (dir);

  for (guint i = 0; i < G_N_ELEMENTS (pairs); i++)
    {
      g_autofree char *now = NULL;
      g_auto(Run) run = { 0 };

      RUN (&run, "export", pairs[i][0], "-o", pairs[i][1]);
      assert_refused (&run, dir, before, "choose another name");
      g_assert_nonnull (strstr (run.err, pairs[i][1]));
      now = read_text (design);
      g_assert_cmpstr (now, ==, original);
    }
  {
    g_autofree char *now = NULL;
    g_auto(Run) run = { 0 };

    run_cli_full (&run, (const char *const[]) { "export", "-", "-o", soft, NULL }, design, FALSE);
    assert_refused (&run, dir, before, "choose another name");
    now = read_text (design);
    g_assert_cmpstr (now, ==, original);
  }
  remove_tree (dir);
}

/* --- inputs ------------------------------------------------------------ */

/* A FIFO nobody writes to, a device or a folder as FILE is refused at once
 * by every command (the child runs under an alarm, so a regression that
 * blocks ends in SIGALRM instead of a hung suite). */
static void
test_input_not_regular (void)
{
  g_autofree char *dir = g_dir_make_tmp ("vpc-cli-XXXXXX", NULL);
  g_autofree char *fifo = g_build_filename (dir, "design.vpcd.json", NULL);
  g_autofree char *out = g_build_filename (dir, "out.png", NULL);
  const char      *inputs[][2]
      = { { fifo, "pipe (FIFO)" }, { "/dev/null", "character device" }, { dir, "folder" } };

  g_assert_cmpint (mkfifo (fifo, 0644), ==, 0);
  for (guint i = 0; i < G_N_ELEMENTS (inputs); i++)
    {
      const char *const commands[][5] = {
        { "check", inputs[i][0], NULL }, { "cost", inputs[i][0], NULL },
        { "check", inputs[i][0], "--format", "json", NULL },
        { "export", inputs[i][0], "-o", out, NULL },
      };

      for (guint c = 0; c < G_N_ELEMENTS (commands); c++)
        {
          g_auto(Run) run = { 0 };
          g_autofree char *prefix = g_strdup_printf ("vpc-designer: %s: ", inputs[i][0]);

          run_cli_full (&run, commands[c], NULL, TRUE);
          g_assert_cmpint (run.status, ==, 2);
          g_assert_cmpstr (run.out, ==, "");
          g_assert_true (g_str_has_prefix (run.err, prefix));
          g_assert_nonnull (strstr (run.err, inputs[i][1]));
          g_assert_false (g_file_test (out, G_FILE_TEST_EXISTS));
        }
    }
  remove_tree (dir);
}

/* "-" and "/dev/stdin" read standard input: the same report as the file;
 * an empty one is refused like an empty file; the terminal is refused. */
static void
test_input_stdin (void)
{
  g_autofree char *errors = data_file ("errors.vpcd.json");
  g_auto(Run) by_name = { 0 };
  g_auto(Run) dash = { 0 };
  g_auto(Run) dev_stdin = { 0 };
  g_auto(Run) empty = { 0 };
  g_autofree char *quoted = g_strdup_printf ("\"file\": \"%s\"", errors);
  g_auto(GStrv) parts = NULL;
  g_autofree char *rebuilt = NULL;

  RUN (&by_name, "check", errors, "--format", "json");
  run_cli_full (&dash, (const char *const[]){ "check", "-", "--format", "json", NULL }, errors,
                FALSE);
  run_cli_full (&dev_stdin, (const char *const[]){ "cost", "/dev/stdin", "--format", "csv", NULL },
                errors, FALSE);
  g_assert_cmpint (dash.status, ==, 1);
  g_assert_cmpint (by_name.status, ==, 1);
  /* Only "file" differs: the path as given. */
  parts = g_strsplit (by_name.out, quoted, 2);
  g_assert_cmpuint (g_strv_length (parts), ==, 2);
  rebuilt = g_strjoinv ("\"file\": \"-\"", parts);
  g_assert_cmpstr (dash.out, ==, rebuilt);
  g_assert_cmpint (dev_stdin.status, ==, 0);
  g_assert_true (g_str_has_prefix (dev_stdin.out, "element,kind,service"));

  run_cli_full (&empty, (const char *const[]) { "check", "-", NULL }, "/dev/null", FALSE);
  g_assert_cmpint (empty.status, ==, 2);
  g_assert_cmpstr (empty.out, ==, "");
  g_assert_true (g_str_has_prefix (empty.err, "vpc-designer: -: "));
  g_assert_nonnull (strstr (empty.err, "empty"));
}

static void
test_input_stdin_terminal (void)
{
  g_autoptr (GSubprocessLauncher) launcher
      = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE | G_SUBPROCESS_FLAGS_STDERR_PIPE);
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *out = NULL, *err = NULL;
  int master = posix_openpt (O_RDWR | O_NOCTTY);
  int slave;

  g_assert_cmpint (master, >=, 0);
  g_assert_cmpint (grantpt (master), ==, 0);
  g_assert_cmpint (unlockpt (master), ==, 0);
  slave = g_open (ptsname (master), O_RDWR | O_NOCTTY, 0);
  g_assert_cmpint (slave, >=, 0);
  g_subprocess_launcher_take_stdin_fd (launcher, slave);
  g_subprocess_launcher_set_child_setup (launcher, set_alarm, NULL, NULL);
  process = g_subprocess_launcher_spawn (launcher, &error, g_getenv ("VPC_DESIGNER"), "check", "-",
                                         NULL);
  g_assert_no_error (error);
  g_subprocess_communicate_utf8 (process, NULL, NULL, &out, &err, &error);
  g_assert_no_error (error);
  g_assert_true (g_subprocess_get_if_exited (process));
  g_assert_cmpint (g_subprocess_get_exit_status (process), ==, 2);
  g_assert_cmpstr (out, ==, "");
  g_assert_nonnull (strstr (err, "standard input is a terminal"));
  close (master);
}

/* --- numbers ----------------------------------------------------------- */

/* --scale takes a plain decimal number in (0, 100]; anything else is a
 * usage error, found before anything is read or written. */
static void
test_scale_strict (void)
{
  static const char *const good[] = { "2", "0.5", "1.25", "100", "007", "0.01", "100.000" };
  static const char *const bad[] = {
    "0x10",
    " 2",
    "2 ",
    "\t2",
    "+2",
    "-1",
    "0",
    "0.0",
    "100.5",
    "101",
    "1e2",
    "1e-300",
    "1E1",
    "inf",
    "Infinity",
    "nan",
    "NaN",
    ".5",
    "2.",
    "1,5",
    "2..0",
    "",
    "1/2",
    "٢",
    "1000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000"
    "00000"
    "0000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000"
    "00000"
    "0000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000"
    "00000"
    "0000000000000000000000000000000000",
  };
  g_autofree char *clean = data_file ("clean.vpcd.json");
  g_autofree char *dir = g_dir_make_tmp ("vpc-cli-XXXXXX", NULL);
  g_autofree char *out = g_build_filename (dir, "out.svg", NULL);

  for (guint i = 0; i < G_N_ELEMENTS (good); i++)
    {
      g_auto(Run) run = { 0 };

      RUN (&run, "export", clean, "-o", out, "--scale", good[i]);
      g_assert_cmpint (run.status, ==, 0);
      g_assert_cmpint (g_unlink (out), ==, 0);
    }
  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autofree char *joined = g_strconcat ("--scale=", bad[i], NULL);
      g_auto(Run) run = { 0 };
      g_auto(Run) split = { 0 };

      g_test_message ("--scale '%s'", bad[i]);
      RUN (&run, "export", clean, "-o", out, joined);
      assert_usage_error (&run, *bad[i] ? "invalid value" : "needs a value");
      g_assert_nonnull (strstr (run.err, "--scale"));
      RUN (&split, "export", clean, "-o", out, "--scale", bad[i]);
      g_assert_cmpint (split.status, ==, 2);
      g_assert_false (g_file_test (out, G_FILE_TEST_EXISTS));
    }
  g_assert_cmpint (g_rmdir (dir), ==, 0);
}

/* --- terminal safety ---------------------------------------------------- */

/* No C0 control but '\n', no DEL, no C1 control, no bidi control: nothing
 * a terminal would act on. */
static void
assert_terminal_safe (const char *text)
{
  g_autofree gunichar *chars = NULL;
  glong n = 0;

  g_assert_true (g_utf8_validate (text, -1, NULL));
  chars = g_utf8_to_ucs4_fast (text, -1, &n);
  for (glong i = 0; i < n; i++)
    {
      gunichar c = chars[i];

      if (c == '\n')
        continue;
      g_assert_false (c < 0x20 || (c >= 0x7f && c <= 0x9f));
      g_assert_false (c == 0x061c || c == 0x200e || c == 0x200f || (c >= 0x202a && c <= 0x202e) ||
                      (c >= 0x2066 && c <= 0x2069) || c == 0x2028 || c == 0x2029);
    }
}

/* No line of @text starts with @forged: a newline in a name cannot fake one. */
static void
assert_no_line (const char *text,
                const char *forged)
{
  g_auto(GStrv) lines = g_strsplit (text, "\n", -1);

  for (guint i = 0; lines[i] != NULL; i++)
    g_assert_false (g_str_has_prefix (g_strchug (lines[i]), forged));
}

/* A design whose names hold ESC[2J, OSC title sequences, "\nFAKE: 0
 * errors", C1 controls and U+202E, in a file whose name holds ESC: text
 * and CSV print them as escapes; JSON and SARIF as \uXXXX. */
static void
test_text_escapes_controls (void)
{
  g_autofree char *hostile = data_file ("hostile-names.vpcd.json");
  g_autofree char *dir = g_dir_make_tmp ("vpc-cli-XXXXXX", NULL);
  g_autofree char *file = g_build_filename (dir, "evil\033]0;title\007\033[2J.vpcd.json", NULL);
  g_autofree char *contents = read_text (hostile);
  const char *region = "xx\033[2J\nFAKE: priced\xe2\x80\xae";
  g_auto(Run) check = { 0 };
  g_auto(Run) cost = { 0 };
  g_auto(Run) csv = { 0 };
  g_auto(Run) unpriced = { 0 };
  g_auto(Run) json = { 0 };
  g_auto(Run) sarif = { 0 };
  g_auto(Run) cost_json = { 0 };
  g_autoptr(JsonNode) root = NULL;
  JsonObject *finding;

  g_assert_true (g_file_set_contents (file, contents, -1, NULL));

  RUN (&check, "check", file);
  g_assert_cmpint (check.status, ==, 1);
  assert_terminal_safe (check.out);
  assert_terminal_safe (check.err);
  assert_no_line (check.out, "FAKE");
  g_assert_nonnull (strstr (check.out, "Job\\x1b[2J\\nFAKE: 0 errors\\u202e\\u0085 (train)"));
  g_assert_nonnull (strstr (check.out, "Subnet\\x1b]2;retitled\\x1b\\ \\u202eA"));
  g_assert_nonnull (strstr (check.out, "evil\\x1b]0;title\\x07\\x1b[2J.vpcd.json (profile"));

  RUN (&cost, "cost", file);
  g_assert_cmpint (cost.status, ==, 0);
  assert_terminal_safe (cost.out);
  g_assert_nonnull (strstr (cost.out, "Monthly cost of "));
  g_assert_nonnull (strstr (cost.out, "evil\\x1b]0;title\\x07\\x1b[2J.vpcd.json"));

  RUN (&unpriced, "cost", file, "--region", region);
  g_assert_cmpint (unpriced.status, ==, 0);
  assert_terminal_safe (unpriced.out);
  assert_no_line (unpriced.out, "FAKE");
  g_assert_nonnull (strstr (unpriced.out, "xx\\x1b[2J\\nFAKE: priced\\u202e"));

  RUN (&csv, "cost", file, "--format", "csv", "--region", region);
  g_assert_cmpint (csv.status, ==, 0);
  assert_terminal_safe (csv.out);
  assert_terminal_safe (csv.err);
  assert_no_line (csv.err, "FAKE");
  g_assert_nonnull (strstr (csv.err, "xx\\x1b[2J\\nFAKE: priced\\u202e"));

  /* JSON escapes them itself, and the values survive a round trip. */
  RUN (&json, "check", file, "--format", "json");
  RUN (&sarif, "check", file, "--format", "sarif");
  RUN (&cost_json, "cost", file, "--format", "json", "--region", region);
  assert_terminal_safe (json.out);
  assert_terminal_safe (sarif.out);
  assert_terminal_safe (cost_json.out);
  g_assert_nonnull (strstr (json.out, "Job\\u001b[2J\\nFAKE: 0 errors\\u202e\\u0085"));
  root = parse_json (json.out);
  g_assert_cmpstr (json_object_get_string_member (json_node_get_object (root), "file"), ==, file);
  finding = json_array_get_object_element (
      json_object_get_array_member (json_node_get_object (root), "findings"), 0);
  g_assert_nonnull (strstr (json_object_get_string_member (finding, "message"),
                            "Job\033[2J\nFAKE: 0 errors\xe2\x80\xae\xc2\x85"));
  remove_tree (dir);
}

/* stderr escapes what it quotes too: a file name or an argument. */
static void
test_stderr_escapes_controls (void)
{
  g_auto(Run) missing = { 0 };
  g_auto(Run) usage = { 0 };

  RUN (&missing, "check", "no\033[2J\nFAKE: 0 errors\xe2\x80\xae.json");
  g_assert_cmpint (missing.status, ==, 2);
  assert_terminal_safe (missing.err);
  assert_no_line (missing.err, "FAKE");
  g_assert_nonnull (strstr (missing.err, "no\\x1b[2J\\nFAKE: 0 errors\\u202e.json"));

  RUN (&usage, "cost", "a.json", "--region", "r", "\033]0;t\007");
  g_assert_cmpint (usage.status, ==, 2);
  assert_terminal_safe (usage.err);
  g_assert_nonnull (strstr (usage.err, "unexpected argument '\\x1b]0;t\\x07'"));
  /* The usage text itself still has its two lines. */
  g_assert_nonnull (strstr (usage.err, "'\n"));
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
  g_test_add_func ("/cli/export/symlink", test_export_symlink);
  g_test_add_func ("/cli/export/refuses-special", test_export_refuses_special);
  g_test_add_func ("/cli/export/keeps-mode", test_export_keeps_mode);
  g_test_add_func ("/cli/export/long-name", test_export_long_name);
  g_test_add_func ("/cli/export/onto-input", test_export_onto_input);
  g_test_add_func ("/cli/input/not-regular", test_input_not_regular);
  g_test_add_func ("/cli/input/stdin", test_input_stdin);
  g_test_add_func ("/cli/input/stdin-terminal", test_input_stdin_terminal);
  g_test_add_func ("/cli/usage/scale-strict", test_scale_strict);
  g_test_add_func ("/cli/text/escapes-controls", test_text_escapes_controls);
  g_test_add_func ("/cli/text/stderr-escapes-controls", test_stderr_escapes_controls);
  return g_test_run ();
}
