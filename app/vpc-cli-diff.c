/* SPDX-License-Identifier: GPL-3.0-or-later */
/* vpc-cli-diff.c: `vpc-designer diff OLD NEW [--format text|json]
 * [--profile P] [--region R]` (format.md §5).
 *
 * Both files are read as written, without the automatic layout: an element
 * that has no layout on either side has not moved, whatever the automatic
 * layout would do with the other elements around it.
 */
#include "vpc-cli-private.h"

#include "vpc-diff.h"
#include "vpc-terminal.h"

static const char *const diff_formats[] = { "text", "json", NULL };
static const char *const diff_profiles[] = { "study-guide", "precise", NULL };

typedef struct
{
  const char *old_file; /* as given, valid UTF-8 */
  const char *new_file;
  VpcDesign  *old_design;
  VpcDesign  *new_design;
  VpcDiff    *diff;
} DiffRun;

/* --- json -------------------------------------------------------------- */

static void
json_findings (VpcJsonWriter *json,
               const char    *key,
               GPtrArray     *findings)
{
  vpc_json_writer_begin_array (json, key);
  for (guint i = 0; i < findings->len; i++)
    {
      VpcFinding *finding = g_ptr_array_index (findings, i);
      const char *const *elements = vpc_finding_get_elements (finding);

      vpc_json_writer_begin_object (json, NULL);
      vpc_json_writer_string (json, "rule", vpc_finding_get_rule_id (finding));
      vpc_json_writer_string (json, "severity",
                              vpc_severity_to_string (vpc_finding_get_severity (finding)));
      vpc_json_writer_begin_array (json, "elements");
      for (guint e = 0; elements != NULL && elements[e] != NULL; e++)
        vpc_json_writer_string (json, NULL, elements[e]);
      vpc_json_writer_end_array (json);
      vpc_json_writer_string (json, "message", vpc_finding_get_message (finding));
      vpc_json_writer_end_object (json);
    }
  vpc_json_writer_end_array (json);
}

static void
json_cost (VpcJsonWriter *json,
           VpcDiff       *diff)
{
  gboolean priced = diff->old_cost->priced && diff->new_cost->priced;

  vpc_json_writer_begin_object (json, "cost");
  vpc_json_writer_string (json, "region", diff->new_cost->region);
  vpc_json_writer_boolean (json, "priced", priced);
  if (!priced)
    {
      /* As `cost` says it (domain.md §4): no amounts, and why. */
      vpc_json_writer_string (json, "reason", diff->new_cost->reason);
      vpc_json_writer_null (json, "old_total");
      vpc_json_writer_null (json, "new_total");
      vpc_json_writer_null (json, "delta");
    }
  else
    {
      _vpc_cli_json_money (json, "old_total", diff->old_cost->total_micros);
      _vpc_cli_json_money (json, "new_total", diff->new_cost->total_micros);
      _vpc_cli_json_money (json, "delta",
                           diff->new_cost->total_micros - diff->old_cost->total_micros);
    }
  vpc_json_writer_begin_array (json, "items");
  for (guint i = 0; i < diff->cost_items->len; i++)
    {
      VpcDiffCostItem *item = g_ptr_array_index (diff->cost_items, i);

      vpc_json_writer_begin_object (json, NULL);
      vpc_json_writer_string (json, "element", item->element);
      _vpc_cli_json_money (json, "old", item->old_micros);
      _vpc_cli_json_money (json, "new", item->new_micros);
      _vpc_cli_json_money (json, "delta", item->new_micros - item->old_micros);
      vpc_json_writer_end_object (json);
    }
  vpc_json_writer_end_array (json);
  vpc_json_writer_end_object (json);
}

static GString *
format_json (DiffRun *run)
{
  VpcJsonWriter *json = _vpc_cli_json_new ();
  VpcDiff *diff = run->diff;

  vpc_json_writer_begin_object (json, NULL);
  vpc_json_writer_string (json, "old", run->old_file);
  vpc_json_writer_string (json, "new", run->new_file);
  vpc_json_writer_string (json, "profile", vpc_profile_to_string (diff->profile));
  vpc_json_writer_begin_object (json, "elements");
  _vpc_cli_json_ids (json, "added", diff->added);
  _vpc_cli_json_ids (json, "removed", diff->removed);
  _vpc_cli_json_ids (json, "changed", diff->changed);
  _vpc_cli_json_ids (json, "moved", diff->moved);
  vpc_json_writer_end_object (json);
  vpc_json_writer_begin_object (json, "findings");
  json_findings (json, "introduced", diff->introduced);
  json_findings (json, "resolved", diff->resolved);
  vpc_json_writer_end_object (json);
  json_cost (json, diff);
  vpc_json_writer_end_object (json);
  return _vpc_cli_json_finish (json);
}

/* --- text -------------------------------------------------------------- */

/* "train (training job “Train”)" for an element of @design. */
static void
append_element (GString    *out,
                VpcDesign  *design,
                const char *id)
{
  const VpcElement *element = vpc_design_lookup (design, id);
  const char *label = element->kind == VPC_KIND_WORKLOAD
                        ? vpc_workload_kind_to_label (element->workload_kind)
                        : vpc_kind_to_label (element->kind);
  g_autofree char *escaped_id = vpc_terminal_escape (id);

  if (element->name != NULL && g_strcmp0 (element->name, id) != 0)
    {
      g_autofree char *name = vpc_terminal_escape (element->name);

      /* TRANSLATORS: an element's id, its kind ("training job") and its
       * name, in the quotation marks of your language. */
      g_string_append_printf (out, _("%s (%s “%s”)"), escaped_id, label, name);
    }
  else
    g_string_append_printf (out, "%s (%s)", escaped_id, label);
}

static void
text_elements (GString *out,
               DiffRun *run)
{
  VpcDiff *diff = run->diff;

  g_string_append_c (out, '\n');
  /* TRANSLATORS: how many elements NEW added, removed, changed and moved. */
  g_string_append_printf (out, _("Elements: %u added, %u removed, %u changed, %u moved"),
                          diff->added->len, diff->removed->len, diff->changed->len,
                          diff->moved->len);
  g_string_append_c (out, '\n');
  for (guint i = 0; i < diff->added->len; i++)
    {
      g_string_append (out, "  + ");
      append_element (out, run->new_design, g_ptr_array_index (diff->added, i));
      g_string_append_c (out, '\n');
    }
  for (guint i = 0; i < diff->removed->len; i++)
    {
      g_string_append (out, "  - ");
      append_element (out, run->old_design, g_ptr_array_index (diff->removed, i));
      g_string_append_c (out, '\n');
    }
  for (guint i = 0; i < diff->changed->len; i++)
    {
      const char *id = g_ptr_array_index (diff->changed, i);
      g_autoptr(GPtrArray) keys = vpc_diff_changed_keys (vpc_design_lookup (run->old_design, id),
                                                         vpc_design_lookup (run->new_design, id));

      g_string_append (out, "  ~ ");
      append_element (out, run->new_design, id);
      g_string_append (out, ": ");
      for (guint k = 0; k < keys->len; k++)
        g_string_append_printf (out, "%s%s", k > 0 ? ", " : "",
                                (const char *) g_ptr_array_index (keys, k));
      g_string_append_c (out, '\n');
    }
  for (guint i = 0; i < diff->moved->len; i++)
    {
      g_string_append (out, "  > ");
      append_element (out, run->new_design, g_ptr_array_index (diff->moved, i));
      g_string_append (out, ": ");
      /* TRANSLATORS: said of an element whose place on the diagram changed. */
      g_string_append (out, _("moved"));
      g_string_append_c (out, '\n');
    }
}

static void
text_findings (GString    *out,
               const char *heading,
               GPtrArray  *findings)
{
  if (findings->len == 0)
    return;
  g_string_append_printf (out, "  %s:\n", heading);
  for (guint i = 0; i < findings->len; i++)
    {
      VpcFinding *finding = g_ptr_array_index (findings, i);
      g_autofree char *message = vpc_terminal_escape (vpc_finding_get_message (finding));

      g_string_append_printf (out, "    %-7s %s  %s\n",
                              _vpc_cli_severity_label (vpc_finding_get_severity (finding)),
                              vpc_finding_get_rule_id (finding), message);
    }
}

static void
text_cost (GString *out,
           DiffRun *run)
{
  VpcDiff *diff = run->diff;
  g_autofree char *region = vpc_terminal_escape (diff->new_cost->region);
  g_autofree char *old_total = NULL, *new_total = NULL, *delta = NULL;

  if (!diff->old_cost->priced || !diff->new_cost->priced)
    {
      g_autofree char *reason = vpc_terminal_escape (diff->new_cost->reason);

      g_string_append_c (out, '\n');
      /* TRANSLATORS: %s says why, "no prices for region xx-east-9". */
      g_string_append_printf (out, _("Cost: cannot be priced: %s."), reason);
      g_string_append_c (out, '\n');
      return;
    }
  g_string_append_c (out, '\n');
  /* TRANSLATORS: %s is a region, "eu-west-1"; the lines that follow give
   * each element's monthly cost before and after. */
  g_string_append_printf (out, _("Cost in %s, a month:"), region);
  g_string_append_c (out, '\n');
  for (guint i = 0; i < diff->cost_items->len; i++)
    {
      VpcDiffCostItem *item = g_ptr_array_index (diff->cost_items, i);
      g_autofree char *was = vpc_cost_format (item->old_micros, FALSE);
      g_autofree char *now = vpc_cost_format (item->new_micros, FALSE);
      g_autofree char *change = vpc_cost_format (item->new_micros - item->old_micros, TRUE);

      g_string_append (out, "  ");
      vpc_terminal_append (out, item->element, -1, FALSE);
      g_string_append_printf (out, ": %s → %s (%s)\n", was, now, change);
    }
  old_total = vpc_cost_format (diff->old_cost->total_micros, FALSE);
  new_total = vpc_cost_format (diff->new_cost->total_micros, FALSE);
  delta = vpc_cost_format (diff->new_cost->total_micros - diff->old_cost->total_micros, TRUE);
  g_string_append (out, "  ");
  /* TRANSLATORS: the monthly total of OLD, of NEW, and the difference. */
  g_string_append_printf (out, _("Total: %s → %s (%s)"), old_total, new_total, delta);
  g_string_append_c (out, '\n');
}

/* What the JSON leaves out because it lists elements only: the design's
 * own settings and its VPC. */
static void
text_design_settings (GString *out,
                      DiffRun *run)
{
  const VpcDesignInfo *a = vpc_design_get_info (run->old_design);
  const VpcDesignInfo *b = vpc_design_get_info (run->new_design);
  g_autoptr(GPtrArray) keys = g_ptr_array_new ();
  g_autoptr(GString) list = NULL;

  if (g_strcmp0 (a->name, b->name) != 0)
    g_ptr_array_add (keys, "name");
  if (g_strcmp0 (a->description, b->description) != 0)
    g_ptr_array_add (keys, "description");
  if (g_strcmp0 (a->region, b->region) != 0)
    g_ptr_array_add (keys, "region");
  if (a->environment != b->environment)
    g_ptr_array_add (keys, "environment");
  if (a->profile != b->profile)
    g_ptr_array_add (keys, "profile");
  if (g_strcmp0 (a->vpc_name, b->vpc_name) != 0 || g_strcmp0 (a->vpc_cidr, b->vpc_cidr) != 0 ||
      a->dns_support != b->dns_support || a->dns_hostnames != b->dns_hostnames)
    g_ptr_array_add (keys, "vpc");
  if (keys->len == 0)
    return;
  list = g_string_new (NULL);
  for (guint k = 0; k < keys->len; k++)
    g_string_append_printf (list, "%s%s", k > 0 ? ", " : "",
                            (const char *) g_ptr_array_index (keys, k));
  g_string_append_c (out, '\n');
  /* TRANSLATORS: %s lists keys of the design file ("name, region"), as
   * they are written in it. */
  g_string_append_printf (out, _("Design settings changed: %s"), list->str);
  g_string_append_c (out, '\n');
}

static GString *
format_text (DiffRun *run)
{
  VpcDiff *diff = run->diff;
  g_autofree char *old_file = vpc_terminal_escape (run->old_file);
  g_autofree char *new_file = vpc_terminal_escape (run->new_file);
  GString *out = g_string_new (NULL);

  /* TRANSLATORS: OLD's file, NEW's file and the rule profile both were
   * checked with: study-guide or precise, as --profile takes it. */
  g_string_append_printf (out, _("%s → %s (profile %s)\n"), old_file, new_file,
                          vpc_profile_to_string (diff->profile));
  text_design_settings (out, run);
  text_elements (out, run);
  g_string_append_c (out, '\n');
  /* TRANSLATORS: how many findings NEW has that OLD had not, and the reverse. */
  g_string_append_printf (out, _("Findings: %u introduced, %u resolved"),
                          diff->introduced->len, diff->resolved->len);
  g_string_append_c (out, '\n');
  /* TRANSLATORS: the findings NEW has and OLD had not. */
  text_findings (out, _("Introduced"), diff->introduced);
  /* TRANSLATORS: the findings OLD had and NEW has not. */
  text_findings (out, _("Resolved"), diff->resolved);
  text_cost (out, run);
  if (vpc_diff_introduces_error (diff))
    g_string_append_printf (out, "\n%s\n", _("NEW introduces an error-severity finding."));
  return out;
}

/* --- the subcommand ------------------------------------------------------ */

int
_vpc_cli_diff (int    argc,
               char **argv)
{
  static const char *const names[] = { "OLD", "NEW", NULL };
  const char *format = "text", *profile = NULL, *region = NULL;
  const char *files[2] = { NULL, NULL };
  const VpcCliOption options[] = {
    { "format", 0, diff_formats, &format },
    { "profile", 0, diff_profiles, &profile },
    { "region", 0, NULL, &region },
    { NULL },
  };
  g_autoptr(VpcDesign) old_design = NULL;
  g_autoptr(VpcDesign) new_design = NULL;
  g_autoptr(GPtrArray) old_warnings = NULL;
  g_autoptr(GPtrArray) new_warnings = NULL;
  g_autoptr(VpcDiff) diff = NULL;
  g_autoptr(GString) out = NULL;
  g_autofree char *old_utf8 = NULL, *new_utf8 = NULL;
  VpcProfile chosen;
  DiffRun run;
  int status;

  status = _vpc_cli_parse_files (argc, argv, options, names, files);
  if (status != VPC_CLI_EXIT_OK || files[0] == NULL)
    return status;
  if (g_str_equal (files[0], "-") && g_str_equal (files[1], "-"))
    {
      _vpc_cli_usage_error ("diff", "%s", _("OLD and NEW cannot both be standard input"));
      return VPC_CLI_EXIT_ERROR;
    }
  old_design = _vpc_cli_load_full (files[0], VPC_FILE_LOAD_AS_WRITTEN, &old_warnings);
  if (old_design == NULL)
    return VPC_CLI_EXIT_ERROR;
  new_design = _vpc_cli_load_full (files[1], VPC_FILE_LOAD_AS_WRITTEN, &new_warnings);
  if (new_design == NULL)
    return VPC_CLI_EXIT_ERROR;

  /* One profile judges both sides: --profile, else NEW's. */
  chosen = vpc_design_get_info (new_design)->profile;
  if (profile != NULL && !vpc_profile_from_string (profile, &chosen))
    g_assert_not_reached (); /* the parser accepts only known profiles */
  diff = vpc_diff_compute (old_design, new_design, chosen, region);

  old_utf8 = _vpc_cli_utf8 (files[0]);
  new_utf8 = _vpc_cli_utf8 (files[1]);
  run = (DiffRun) { old_utf8, new_utf8, old_design, new_design, diff };
  /* diff's JSON has no place for the loaders' warnings: stderr in both. */
  _vpc_cli_print_warnings (files[0], old_warnings);
  _vpc_cli_print_warnings (files[1], new_warnings);
  out = g_str_equal (format, "json") ? format_json (&run) : format_text (&run);
  return _vpc_cli_emit (out,
                        vpc_diff_introduces_error (diff) ? VPC_CLI_EXIT_FINDINGS : VPC_CLI_EXIT_OK);
}
