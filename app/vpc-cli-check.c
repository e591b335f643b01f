/* SPDX-License-Identifier: GPL-3.0-or-later */
/* vpc-cli-check.c: `vpc-designer check FILE [--format text|json|sarif]
 * [--profile study-guide|precise] [--without ID[,ID...]]`. */
#include "vpc-cli-private.h"

#include <string.h>

#include "vpc-finding.h"
#include "vpc-terminal.h"
#include "vpc-validator.h"

#define SARIF_SCHEMA "https://json.schemastore.org/sarif-2.1.0.json"

static const char *const check_formats[] = { "text", "json", "sarif", NULL };
static const char *const check_profiles[] = { "study-guide", "precise", NULL };

/* What the command works on, shared by the three output formats. */
typedef struct
{
  const char *file;     /* as given */
  VpcDesign  *design;
  VpcProfile  profile;
  GPtrArray  *findings; /* of VpcFinding, sorted (domain.md §3) */
  GPtrArray  *warnings; /* the loader's, strings */
  guint       counts[3]; /* by VpcSeverity */
} CheckRun;

static void
count_findings (CheckRun *run)
{
  for (guint i = 0; i < run->findings->len; i++)
    {
      VpcSeverity severity = vpc_finding_get_severity (g_ptr_array_index (run->findings, i));

      g_assert ((guint) severity < G_N_ELEMENTS (run->counts));
      run->counts[severity]++;
    }
}

/* --- json -------------------------------------------------------------- */

static void
json_string_list (VpcJsonWriter     *json,
                  const char        *key,
                  const char *const *values,
                  guint              n)
{
  vpc_json_writer_begin_array (json, key);
  for (guint i = 0; i < n; i++)
    vpc_json_writer_string (json, NULL, values[i]);
  vpc_json_writer_end_array (json);
}

static void
json_finding (VpcJsonWriter *json,
              VpcFinding    *finding)
{
  const char *const *elements = vpc_finding_get_elements (finding);

  vpc_json_writer_begin_object (json, NULL);
  vpc_json_writer_string (json, "rule", vpc_finding_get_rule_id (finding));
  vpc_json_writer_string (json, "severity",
                          vpc_severity_to_string (vpc_finding_get_severity (finding)));
  vpc_json_writer_string (json, "title", vpc_finding_get_title (finding));
  vpc_json_writer_string (json, "message", vpc_finding_get_message (finding));
  json_string_list (json, "elements", elements,
                    elements != NULL ? g_strv_length ((char **) elements) : 0);
  vpc_json_writer_string (json, "fix", vpc_finding_get_fix (finding));
  vpc_json_writer_end_object (json);
}

static GString *
format_json (CheckRun *run)
{
  VpcJsonWriter *json = _vpc_cli_json_new ();

  _vpc_cli_json_stream (json);
  vpc_json_writer_begin_object (json, NULL);
  vpc_json_writer_string (json, "file", run->file);
  vpc_json_writer_string (json, "profile", vpc_profile_to_string (run->profile));
  vpc_json_writer_begin_array (json, "findings");
  for (guint i = 0; i < run->findings->len; i++)
    json_finding (json, g_ptr_array_index (run->findings, i));
  vpc_json_writer_end_array (json);
  vpc_json_writer_begin_object (json, "summary");
  vpc_json_writer_int (json, "errors", run->counts[VPC_SEVERITY_ERROR]);
  vpc_json_writer_int (json, "warnings", run->counts[VPC_SEVERITY_WARNING]);
  vpc_json_writer_int (json, "info", run->counts[VPC_SEVERITY_INFO]);
  vpc_json_writer_end_object (json);
  json_string_list (json, "warnings", (const char *const *) run->warnings->pdata,
                    run->warnings->len);
  vpc_json_writer_end_object (json);
  return _vpc_cli_json_finish (json);
}

/* --- sarif ------------------------------------------------------------- */

static const char *
sarif_level (VpcSeverity severity)
{
  switch (severity)
    {
    case VPC_SEVERITY_ERROR:
      return "error";
    case VPC_SEVERITY_WARNING:
      return "warning";
    case VPC_SEVERITY_INFO:
    default:
      return "note";
    }
}

/* One finding per rule id that occurs, in rule-id order; @indexes maps a
 * rule id to its position (the results' ruleIndex). */
static GPtrArray *
collect_rules (CheckRun   *run,
               GHashTable *indexes)
{
  GPtrArray *rules = g_ptr_array_new ();

  for (guint i = 0; i < run->findings->len; i++)
    {
      VpcFinding *finding = g_ptr_array_index (run->findings, i);
      const char *id = vpc_finding_get_rule_id (finding);
      guint at = 0;

      if (g_hash_table_contains (indexes, id))
        continue;
      g_hash_table_add (indexes, (gpointer) id);
      while (at < rules->len &&
             strcmp (vpc_finding_get_rule_id (g_ptr_array_index (rules, at)), id) < 0)
        at++;
      g_ptr_array_insert (rules, at, finding);
    }
  for (guint i = 0; i < rules->len; i++)
    g_hash_table_insert (indexes, (gpointer) vpc_finding_get_rule_id (g_ptr_array_index (rules, i)),
                         GUINT_TO_POINTER (i));
  return rules;
}

/* {"text": TEXT}, SARIF's message and multiformatMessageString. */
static void
sarif_text (VpcJsonWriter *json,
            const char    *key,
            const char    *text)
{
  vpc_json_writer_begin_object (json, key);
  vpc_json_writer_string (json, "text", text != NULL ? text : "");
  vpc_json_writer_end_object (json);
}

static void
sarif_rule (VpcJsonWriter *json,
            VpcFinding    *finding)
{
  vpc_json_writer_begin_object (json, NULL);
  vpc_json_writer_string (json, "id", vpc_finding_get_rule_id (finding));
  sarif_text (json, "shortDescription", vpc_finding_get_title (finding));
  sarif_text (json, "fullDescription", vpc_finding_get_explanation (finding));
  sarif_text (json, "help", vpc_finding_get_fix (finding));
  /* helpUri must be a URI: left out for rules no AWS page backs. */
  if (vpc_finding_get_url (finding) != NULL)
    vpc_json_writer_string (json, "helpUri", vpc_finding_get_url (finding));
  vpc_json_writer_end_object (json);
}

static void
sarif_driver (VpcJsonWriter *json,
              GPtrArray     *rules)
{
  vpc_json_writer_begin_object (json, "tool");
  vpc_json_writer_begin_object (json, "driver");
  vpc_json_writer_string (json, "name", "vpc-designer");
  vpc_json_writer_string (json, "version", VPC_VERSION);
  vpc_json_writer_string (json, "informationUri", VPC_CLI_INFORMATION_URI);
  vpc_json_writer_begin_array (json, "rules");
  for (guint i = 0; i < rules->len; i++)
    sarif_rule (json, g_ptr_array_index (rules, i));
  vpc_json_writer_end_array (json);
  vpc_json_writer_end_object (json);
  vpc_json_writer_end_object (json);
}

/* An element id as a logical location: "subnets/sn-a" names its list. */
static void
sarif_logical_location (VpcJsonWriter *json,
                        CheckRun      *run,
                        const char    *id)
{
  const VpcElement *element = vpc_design_lookup (run->design, id);
  g_autofree char *qualified = element != NULL
                                 ? g_strconcat (vpc_kind_to_string (element->kind), "/", id, NULL)
                                 : g_strdup (id);

  vpc_json_writer_begin_object (json, NULL);
  vpc_json_writer_string (json, "name", id);
  vpc_json_writer_string (json, "fullyQualifiedName", qualified);
  vpc_json_writer_string (json, "kind", "resource");
  vpc_json_writer_end_object (json);
}

static void
sarif_result (VpcJsonWriter *json,
              CheckRun      *run,
              VpcFinding    *finding,
              guint          rule_index,
              const char    *uri)
{
  const char *const *elements = vpc_finding_get_elements (finding);

  vpc_json_writer_begin_object (json, NULL);
  vpc_json_writer_string (json, "ruleId", vpc_finding_get_rule_id (finding));
  vpc_json_writer_int (json, "ruleIndex", rule_index);
  vpc_json_writer_string (json, "level", sarif_level (vpc_finding_get_severity (finding)));
  sarif_text (json, "message", vpc_finding_get_message (finding));
  vpc_json_writer_begin_array (json, "locations");
  vpc_json_writer_begin_object (json, NULL);
  vpc_json_writer_begin_object (json, "physicalLocation");
  vpc_json_writer_begin_object (json, "artifactLocation");
  vpc_json_writer_string (json, "uri", uri);
  vpc_json_writer_end_object (json);
  vpc_json_writer_end_object (json);
  if (elements != NULL && elements[0] != NULL)
    {
      vpc_json_writer_begin_array (json, "logicalLocations");
      for (guint i = 0; elements[i] != NULL; i++)
        sarif_logical_location (json, run, elements[i]);
      vpc_json_writer_end_array (json);
    }
  vpc_json_writer_end_object (json);
  vpc_json_writer_end_array (json);
  vpc_json_writer_end_object (json);
}

/* The loader's warnings become tool notifications of the run. */
static void
sarif_invocation (VpcJsonWriter *json,
                  CheckRun      *run)
{
  vpc_json_writer_begin_array (json, "invocations");
  vpc_json_writer_begin_object (json, NULL);
  vpc_json_writer_boolean (json, "executionSuccessful", TRUE);
  if (run->warnings->len > 0)
    {
      vpc_json_writer_begin_array (json, "toolExecutionNotifications");
      for (guint i = 0; i < run->warnings->len; i++)
        {
          vpc_json_writer_begin_object (json, NULL);
          vpc_json_writer_string (json, "level", "warning");
          sarif_text (json, "message", g_ptr_array_index (run->warnings, i));
          vpc_json_writer_end_object (json);
        }
      vpc_json_writer_end_array (json);
    }
  vpc_json_writer_end_object (json);
  vpc_json_writer_end_array (json);
}

static GString *
format_sarif (CheckRun *run)
{
  g_autoptr(GHashTable) indexes = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GPtrArray) rules = collect_rules (run, indexes);
  g_autofree char *valid = _vpc_cli_utf8 (run->file);
  /* artifactLocation.uri is a URI reference: the path as given, with the
   * characters a URI cannot hold (spaces, non-ASCII) percent-encoded. */
  g_autofree char *uri = g_uri_escape_string (valid, G_URI_RESERVED_CHARS_ALLOWED_IN_PATH, FALSE);
  VpcJsonWriter *json = _vpc_cli_json_new ();

  _vpc_cli_json_stream (json);
  vpc_json_writer_begin_object (json, NULL);
  vpc_json_writer_string (json, "$schema", SARIF_SCHEMA);
  vpc_json_writer_string (json, "version", "2.1.0");
  vpc_json_writer_begin_array (json, "runs");
  vpc_json_writer_begin_object (json, NULL);
  sarif_driver (json, rules);
  sarif_invocation (json, run);
  vpc_json_writer_begin_array (json, "results");
  for (guint i = 0; i < run->findings->len; i++)
    {
      VpcFinding *finding = g_ptr_array_index (run->findings, i);
      guint       index
          = GPOINTER_TO_UINT (g_hash_table_lookup (indexes, vpc_finding_get_rule_id (finding)));

      sarif_result (json, run, finding, index, uri);
    }
  vpc_json_writer_end_array (json);
  vpc_json_writer_end_object (json);
  vpc_json_writer_end_array (json);
  vpc_json_writer_end_object (json);
  return _vpc_cli_json_finish (json);
}

/* --- text -------------------------------------------------------------- */

typedef struct
{
  const char *bold, *error, *warning, *info, *reset;
  /* The labels, translated once rather than per finding. */
  const char *elements, *fix;
} Palette;

static const Palette colors = { "\033[1m", "\033[1;31m", "\033[1;33m", "\033[1;34m", "\033[0m" };
static const Palette plain = { "", "", "", "", "" };

static void
append_label (GString    *out,
              const char *label)
{
  g_string_append (out, "          ");
  g_string_append (out, label);
  g_string_append_c (out, ' ');
}

static const char *
severity_color (const Palette *palette,
                VpcSeverity    severity)
{
  return severity == VPC_SEVERITY_ERROR ? palette->error
         : severity == VPC_SEVERITY_WARNING ? palette->warning : palette->info;
}

/* "2 errors, 1 warning, 0 info" */
static char *
summary_text (CheckRun *run)
{
  guint e = run->counts[VPC_SEVERITY_ERROR], w = run->counts[VPC_SEVERITY_WARNING];
  guint i = run->counts[VPC_SEVERITY_INFO];
  g_autofree char *errors = g_strdup_printf (ngettext ("%u error", "%u errors", e), e);
  g_autofree char *warnings = g_strdup_printf (ngettext ("%u warning", "%u warnings", w), w);
  /* TRANSLATORS: findings of severity "info"; English has one form. */
  g_autofree char *info = g_strdup_printf (ngettext ("%u info", "%u info", i), i);

  /* TRANSLATORS: check's summary: the counts of errors, warnings and
   * info findings, "2 errors, 1 warning, 0 info". */
  return g_strdup_printf (_("%s, %s, %s"), errors, warnings, info);
}

/* Every text that may quote the design (names, ids, descriptions) is
 * escaped: it must not drive the reader's terminal or forge a line. */
static void
text_finding (GString       *out,
              CheckRun      *run,
              VpcFinding    *finding,
              const Palette *palette)
{
  const char *const *elements = vpc_finding_get_elements (finding);
  const char *const *names = vpc_finding_get_element_names (finding);
  const char *fix = vpc_finding_get_fix (finding);

  /* Escaped straight into @out: at 100,000 elements there are ~150,000
   * findings, and a copy per field showed in the whole command's time. */
  g_string_append (out, "  ");
  g_string_append (out, palette->bold);
  vpc_terminal_append (out, vpc_finding_get_rule_id (finding), -1, FALSE);
  g_string_append (out, palette->reset);
  g_string_append (out, "  ");
  vpc_terminal_append (out, vpc_finding_get_title (finding), -1, FALSE);
  g_string_append (out, "\n          ");
  vpc_terminal_append (out, vpc_finding_get_message (finding), -1, FALSE);
  g_string_append_c (out, '\n');
  if (elements != NULL && elements[0] != NULL)
    {
      append_label (out, palette->elements);
      for (guint i = 0; elements[i] != NULL; i++)
        {
          if (i > 0)
            g_string_append (out, ", ");
          vpc_terminal_append (out,
                               names != NULL ? names[i]
                                             : _vpc_cli_element_name (run->design, elements[i]),
                               -1, FALSE);
        }
      g_string_append_c (out, '\n');
    }
  if (fix != NULL)
    {
      append_label (out, palette->fix);
      vpc_terminal_append (out, fix, -1, FALSE);
      g_string_append_c (out, '\n');
    }
}

static GString *
format_text (CheckRun *run)
{
  static const char *headings[] = { N_("Errors"), N_("Warnings"), N_("Info") };
  Palette palette_labels = *(_vpc_cli_use_color () ? &colors : &plain);
  const Palette *palette = &palette_labels;
  g_autofree char *summary = summary_text (run);
  g_autofree char *file = vpc_terminal_escape (run->file);
  /* Drained as it grows: a chunk and a finding or two. */
  GString *out = g_string_sized_new (VPC_CLI_OUTPUT_CHUNK + 16 * 1024);
  guint start = 0;

  palette_labels.elements = _("Elements:");
  /* TRANSLATORS: what to change so that the finding goes away. */
  palette_labels.fix = _("Fix:");
  /* TRANSLATORS: the design's file and the rule profile it was checked
   * with: study-guide or precise, as --profile takes it. */
  g_string_append_printf (out, _("%s (profile %s)\n"), file, vpc_profile_to_string (run->profile));
  if (run->findings->len == 0)
    g_string_append_printf (out, "\n%s\n", _("No findings."));

  /* The findings are sorted by severity first, so each group is a run of
   * the length counted. */
  for (VpcSeverity severity = VPC_SEVERITY_ERROR; severity <= VPC_SEVERITY_INFO;
       start += run->counts[severity++])
    {
      if (run->counts[severity] == 0)
        continue;
      g_string_append_printf (out, "\n%s%s (%u)%s\n", severity_color (palette, severity),
                              _(headings[severity]), run->counts[severity], palette->reset);
      for (guint i = start; i < start + run->counts[severity]; i++)
        {
          VpcFinding *finding = g_ptr_array_index (run->findings, i);

          g_assert (vpc_finding_get_severity (finding) == severity);
          text_finding (out, run, finding, palette);
          _vpc_cli_drain (out);
        }
    }
  g_string_append_c (out, '\n');
  g_string_append_printf (out, _("Summary: %s"), summary);
  g_string_append_c (out, '\n');
  return out;
}

/* --- the subcommand ------------------------------------------------------ */

int
_vpc_cli_check (int    argc,
                char **argv)
{
  const char *format = "text", *profile = NULL, *file = NULL, *without = NULL;
  g_autoptr(GPtrArray) without_values = g_ptr_array_new ();
  const VpcCliOption options[] = {
    { "format", 0, check_formats, &format },
    { "profile", 0, check_profiles, &profile },
    { "without", 0, NULL, &without, without_values },
    { NULL },
  };
  g_autoptr(VpcDesign) loaded = NULL;
  g_autoptr(VpcDesign) design = NULL;
  g_autoptr(GPtrArray) without_ids = NULL;
  g_autoptr(GPtrArray) warnings = NULL;
  g_autoptr(GPtrArray) findings = NULL;
  g_autoptr(GString) out = NULL;
  g_autofree char *file_utf8 = NULL;
  CheckRun run = { 0 };
  int status;

  loaded = _vpc_cli_open (argc, argv, options, &file, &warnings, &status);
  if (loaded == NULL)
    return status;
  /* Exactly what check prints for the file with those ids deleted. */
  design = _vpc_cli_without ("check", loaded, without_values, &without_ids);
  if (design == NULL)
    return VPC_CLI_EXIT_ERROR;

  file_utf8 = _vpc_cli_utf8 (file);
  run.file = file_utf8;
  run.design = design;
  run.warnings = warnings;
  run.profile = vpc_design_get_info (design)->profile;
  if (profile != NULL && !vpc_profile_from_string (profile, &run.profile))
    g_assert_not_reached (); /* the parser accepts only known profiles */
  /* The text report prints the elements' names: the run keeps them. Both
   * the findings and the design are kept until the process ends. */
  findings = vpc_validate_full (design, run.profile,
                                VPC_VALIDATE_BORROW
                                  | (g_str_equal (format, "text") ? VPC_VALIDATE_NAMES
                                                                  : VPC_VALIDATE_DEFAULT));
  run.findings = findings;
  count_findings (&run);

  if (g_str_equal (format, "json"))
    out = format_json (&run);
  else if (g_str_equal (format, "sarif"))
    out = format_sarif (&run);
  else
    {
      _vpc_cli_print_warnings (file, warnings);
      out = format_text (&run);
    }
  _vpc_cli_keep (g_steal_pointer (&findings), (GDestroyNotify) g_ptr_array_unref);
  _vpc_cli_keep (g_steal_pointer (&design), g_object_unref);
  _vpc_cli_keep (g_steal_pointer (&loaded), g_object_unref);
  return _vpc_cli_emit (out, run.counts[VPC_SEVERITY_ERROR] > 0 ? VPC_CLI_EXIT_FINDINGS
                                                                 : VPC_CLI_EXIT_OK);
}
