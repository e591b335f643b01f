/* SPDX-License-Identifier: GPL-3.0-or-later */
/* vpc-cli-trace.c: `vpc-designer trace FILE --from WORKLOAD --to SERVICE
 * [--without ID[,ID...]] [--profile P] [--format text|json]` (format.md §5).
 *
 * Exit 0 whenever the trace is made, reachable or not: §5 keeps §4's codes
 * and §4 gives 1 to check alone; scripts read "reachable".
 */
#include "vpc-cli-private.h"

#include "vpc-rule-catalogue.h"
#include "vpc-terminal.h"
#include "vpc-trace.h"

static const char *const trace_formats[] = { "text", "json", NULL };
static const char *const trace_profiles[] = { "study-guide", "precise", NULL };

typedef struct
{
  const char *file;    /* as given, valid UTF-8 */
  VpcDesign  *design;  /* after --without */
  GPtrArray  *without; /* ids as given */
  VpcTrace   *trace;
} TraceRun;

/* --- json -------------------------------------------------------------- */

static void
json_path (VpcJsonWriter *json,
           VpcTracePath  *path)
{
  vpc_json_writer_begin_object (json, NULL);
  vpc_json_writer_string (json, "subnet", path->subnet);
  vpc_json_writer_string (json, "az", path->az);
  vpc_json_writer_string (json, "via", vpc_via_to_string (path->via));
  _vpc_cli_json_ids (json, "through", path->through);
  vpc_json_writer_boolean (json, "reachable", path->reachable);
  vpc_json_writer_begin_array (json, "problems");
  for (guint i = 0; i < path->problems->len; i++)
    {
      VpcFinding *finding = g_ptr_array_index (path->problems, i);

      vpc_json_writer_begin_object (json, NULL);
      vpc_json_writer_string (json, "rule", vpc_finding_get_rule_id (finding));
      vpc_json_writer_string (json, "element", vpc_trace_problem_element (finding));
      vpc_json_writer_end_object (json);
    }
  vpc_json_writer_end_array (json);
  if (path->symptom != NULL)
    vpc_json_writer_string (json, "symptom", path->symptom);
  vpc_json_writer_end_object (json);
}

static GString *
format_json (TraceRun *run)
{
  VpcJsonWriter *json = _vpc_cli_json_new ();
  VpcTrace *trace = run->trace;

  vpc_json_writer_begin_object (json, NULL);
  vpc_json_writer_string (json, "file", run->file);
  vpc_json_writer_string (json, "profile", vpc_profile_to_string (trace->profile));
  vpc_json_writer_string (json, "from", trace->workload);
  vpc_json_writer_string (json, "to", trace->service);
  vpc_json_writer_boolean (json, "needed", trace->needed);
  _vpc_cli_json_ids (json, "without", run->without);
  /* Only a workload outside the VPC has a way of its own, without paths. */
  if (trace->via == VPC_VIA_PLATFORM)
    vpc_json_writer_string (json, "via", vpc_via_to_string (trace->via));
  vpc_json_writer_begin_array (json, "paths");
  for (guint i = 0; i < trace->paths->len; i++)
    json_path (json, g_ptr_array_index (trace->paths, i));
  vpc_json_writer_end_array (json);
  vpc_json_writer_boolean (json, "reachable", trace->reachable);
  vpc_json_writer_end_object (json);
  return _vpc_cli_json_finish (json);
}

/* --- text -------------------------------------------------------------- */

/* "Private A (private-a)", or the id alone; escaped. */
static char *
element_text (VpcDesign  *design,
              const char *id)
{
  const char *name = _vpc_cli_element_name (design, id);
  GString *out = g_string_new (NULL);

  vpc_terminal_append (out, name, -1, FALSE);
  if (g_strcmp0 (name, id) != 0)
    {
      g_string_append (out, " (");
      vpc_terminal_append (out, id, -1, FALSE);
      g_string_append_c (out, ')');
    }
  return g_string_free (out, FALSE);
}

/* "A", "A and B", "A, B and C". */
static char *
elements_text (VpcDesign *design,
               GPtrArray *ids)
{
  GString *out = g_string_new (NULL);

  for (guint i = 0; i < ids->len; i++)
    {
      g_autofree char *element = element_text (design, g_ptr_array_index (ids, i));

      if (i > 0 && i + 1 == ids->len)
        {
          g_autofree char *first = g_string_free (out, FALSE);

          /* TRANSLATORS: the last element of a list, added to the others:
           * "A, B" and "C" give "A, B and C". */
          return g_strdup_printf (_("%s and %s"), first, element);
        }
      if (i > 0)
        g_string_append (out, ", ");
      g_string_append (out, element);
    }
  return g_string_free (out, FALSE);
}

/* How a reachable path gets there: "interface endpoints A and B", … */
static char *
way_text (TraceRun         *run,
          const VpcElement *workload,
          VpcTracePath     *path)
{
  g_autofree char *list = elements_text (run->design, path->through);
  guint n = path->through->len;

  switch (path->via)
    {
    case VPC_VIA_INTERFACE_ENDPOINT:
      /* TRANSLATORS: %s lists the endpoints' names. */
      return g_strdup_printf (ngettext ("interface endpoint %s", "interface endpoints %s", n),
                              list);
    case VPC_VIA_GATEWAY_ENDPOINT:
      /* TRANSLATORS: %s lists the endpoints' names. */
      return g_strdup_printf (ngettext ("gateway endpoint %s", "gateway endpoints %s", n), list);
    case VPC_VIA_NAT:
      /* TRANSLATORS: %s lists the NAT gateways' names. */
      return g_strdup_printf (
          ngettext ("the NAT route to NAT gateway %s", "the NAT route to NAT gateways %s", n),
          list);
    case VPC_VIA_INTERNET:
      return g_strconcat (workload->workload_kind == VPC_WORKLOAD_NOTEBOOK_INSTANCE
                            ? _("the notebook's direct internet access")
                            : _("the subnet's public route to the internet"),
                          list, NULL);
    case VPC_VIA_NONE:
    case VPC_VIA_PLATFORM:
    default:
      return g_steal_pointer (&list);
    }
}

static void
text_path (GString          *out,
           TraceRun         *run,
           const VpcElement *workload,
           VpcTracePath     *path)
{
  g_autofree char *subnet = element_text (run->design, path->subnet);
  g_autofree char *az = element_text (run->design, path->az);

  g_string_append (out, "\n  ");
  /* TRANSLATORS: a subnet, its availability zone and the way out it
   * takes, a value of the JSON's "via" (interface_endpoint, nat, …). */
  g_string_append_printf (out, _("Subnet %s in %s: via %s"), subnet, az,
                          vpc_via_to_string (path->via));
  if (path->reachable)
    {
      g_autofree char *way = way_text (run, workload, path);

      /* TRANSLATORS: follows "Subnet … via …"; %s is how, "interface
       * endpoint Ecr Api (ecr-api)". */
      g_string_append_printf (out, _(", through %s"), way);
      g_string_append_c (out, '\n');
    }
  else
    {
      g_autofree char *symptom = vpc_terminal_escape (path->symptom);

      /* TRANSLATORS: follows "Subnet … via …". */
      g_string_append (out, _(", NOT REACHABLE"));
      g_string_append (out, "\n      ");
      /* TRANSLATORS: what the workload would see, "a timeout". */
      g_string_append_printf (out, _("Symptom: %s"), symptom);
      g_string_append_c (out, '\n');
    }
  for (guint i = 0; i < path->problems->len; i++)
    {
      VpcFinding *finding = g_ptr_array_index (path->problems, i);
      g_autofree char *message = vpc_terminal_escape (vpc_finding_get_message (finding));

      g_string_append_printf (out, "      %s %s: %s\n", vpc_finding_get_rule_id (finding),
                              _vpc_cli_severity_label (vpc_finding_get_severity (finding)),
                              message);
    }
}

static guint
count_unreachable (VpcTrace *trace)
{
  guint n = 0;

  for (guint i = 0; i < trace->paths->len; i++)
    n += !((VpcTracePath *) g_ptr_array_index (trace->paths, i))->reachable;
  return n;
}

static GString *
format_text (TraceRun *run)
{
  VpcTrace *trace = run->trace;
  const VpcElement *workload = vpc_design_lookup (run->design, trace->workload);
  g_autofree char *file = vpc_terminal_escape (run->file);
  const char *label = vpc_service_get_label (trace->service);
  g_autofree char *service = label != NULL ? g_strdup_printf ("%s (%s)", label, trace->service)
                                           : g_strdup (trace->service);
  g_autofree char *from = element_text (run->design, trace->workload);
  const char *kind = vpc_workload_kind_to_label (workload->workload_kind);
  GString *out = g_string_new (NULL);
  guint unreachable = count_unreachable (trace);

  g_string_append_printf (out, _("%s (profile %s)\n"), file,
                          vpc_profile_to_string (trace->profile));
  if (trace->needed)
    /* TRANSLATORS: the kind of workload ("training job"), its name, and
     * the service ("Amazon S3 (s3)"), which the workload needs. */
    g_string_append_printf (out, _("From %s %s to %s: needed"), kind, from, service);
  else
    /* TRANSLATORS: the kind of workload ("training job"), its name, and
     * the service ("Amazon S3 (s3)"), which the workload does not need. */
    g_string_append_printf (out, _("From %s %s to %s: not among its needs"), kind, from, service);
  g_string_append_c (out, '\n');
  if (run->without->len > 0)
    {
      g_autoptr(GString) ids = g_string_new (NULL);

      for (guint i = 0; i < run->without->len; i++)
        {
          if (i > 0)
            g_string_append (ids, ", ");
          vpc_terminal_append (ids, g_ptr_array_index (run->without, i), -1, FALSE);
        }
      /* TRANSLATORS: the ids given to --without, deleted for the trace. */
      g_string_append_printf (out, _("Without: %s"), ids->str);
      g_string_append_c (out, '\n');
    }

  if (trace->via == VPC_VIA_PLATFORM)
    g_string_append_printf (out, "\n  %s\n",
                            _("Runs outside the VPC (via platform): SageMaker's own network "
                              "carries its traffic."));
  else if (trace->paths->len == 0)
    g_string_append_printf (out, "\n  %s\n", _("The workload has no subnets: no paths."));
  for (guint i = 0; i < trace->paths->len; i++)
    text_path (out, run, workload, g_ptr_array_index (trace->paths, i));

  g_string_append_c (out, '\n');
  if (unreachable > 0)
    /* TRANSLATORS: "reachable" answers whether the workload reaches the
     * service; the numbers count subnets, the plural follows the second.
     * English keeps "subnets" for one as well: scripts read this line. */
    g_string_append_printf (out, ngettext ("Reachable: no (from %u of %u subnets there is no way)",
                                           "Reachable: no (from %u of %u subnets there is no way)",
                                           trace->paths->len),
                            unreachable, trace->paths->len);
  else
    g_string_append (out, _("Reachable: yes"));
  g_string_append_c (out, '\n');
  return out;
}

/* --- the subcommand ------------------------------------------------------ */

/* Checks --from and --to against the design; prints a usage error and
 * returns FALSE when they do not name a workload and a service. */
static gboolean
check_ends (VpcDesign  *loaded,
            VpcDesign  *design,
            const char *from,
            const char *to)
{
  const VpcElement *element = vpc_design_lookup (design, from);

  if (!vpc_service_name_is_valid (to))
    {
      _vpc_cli_usage_error ("trace", _("--to '%s' is not a service name (a-z, 0-9, '.' and '-', "
                                       "e.g. s3, ecr.dkr)"), to);
      return FALSE;
    }
  if (element == NULL && vpc_design_lookup (loaded, from) != NULL)
    {
      _vpc_cli_usage_error ("trace", _("--from '%s': deleted by --without"), from);
      return FALSE;
    }
  if (element == NULL)
    {
      _vpc_cli_usage_error ("trace", _("--from: no workload with id \"%s\""), from);
      return FALSE;
    }
  if (element->kind != VPC_KIND_WORKLOAD)
    {
      /* One sentence per kind, for the translators' sake. */
      switch (element->kind)
        {
        case VPC_KIND_AZ:
          _vpc_cli_usage_error ("trace", _("--from '%s' is an availability zone, not a workload"),
                                from);
          break;
        case VPC_KIND_SUBNET:
          _vpc_cli_usage_error ("trace", _("--from '%s' is a subnet, not a workload"), from);
          break;
        case VPC_KIND_SECURITY_GROUP:
          _vpc_cli_usage_error ("trace", _("--from '%s' is a security group, not a workload"),
                                from);
          break;
        case VPC_KIND_ENDPOINT:
          _vpc_cli_usage_error ("trace", _("--from '%s' is an endpoint, not a workload"), from);
          break;
        case VPC_KIND_NAT_GATEWAY:
        case VPC_KIND_WORKLOAD:
        default:
          _vpc_cli_usage_error ("trace", _("--from '%s' is a NAT gateway, not a workload"), from);
          break;
        }
      return FALSE;
    }
  return TRUE;
}

int
_vpc_cli_trace (int    argc,
                char **argv)
{
  const char *format = "text", *profile_name = NULL, *file = NULL;
  const char *from = NULL, *to = NULL, *without = NULL;
  g_autoptr(GPtrArray) without_values = g_ptr_array_new ();
  const VpcCliOption options[] = {
    { "from", 0, NULL, &from },
    { "to", 0, NULL, &to },
    { "without", 0, NULL, &without, without_values },
    { "profile", 0, trace_profiles, &profile_name },
    { "format", 0, trace_formats, &format },
    { NULL },
  };
  g_autoptr(VpcDesign) loaded = NULL;
  g_autoptr(VpcDesign) design = NULL;
  g_autoptr(GPtrArray) warnings = NULL;
  g_autoptr(GPtrArray) without_ids = NULL;
  g_autoptr(VpcTrace) trace = NULL;
  g_autoptr(GString) out = NULL;
  g_autofree char *file_utf8 = NULL;
  VpcProfile profile;
  TraceRun run = { 0 };
  int status;

  status = _vpc_cli_parse (argc, argv, options, &file);
  if (status != VPC_CLI_EXIT_OK || file == NULL)
    return status;
  if (from == NULL || to == NULL)
    {
      _vpc_cli_usage_error ("trace", _("missing %s"),
                            from == NULL ? "--from WORKLOAD" : "--to SERVICE");
      return VPC_CLI_EXIT_ERROR;
    }
  loaded = _vpc_cli_load (file, &warnings);
  if (loaded == NULL)
    return VPC_CLI_EXIT_ERROR;
  design = _vpc_cli_without ("trace", loaded, without_values, &without_ids);
  if (design == NULL || !check_ends (loaded, design, from, to))
    return VPC_CLI_EXIT_ERROR;

  profile = vpc_design_get_info (design)->profile;
  if (profile_name != NULL && !vpc_profile_from_string (profile_name, &profile))
    g_assert_not_reached (); /* the parser accepts only known profiles */
  trace = vpc_trace_new (design, profile, from, to);

  file_utf8 = _vpc_cli_utf8 (file);
  run.file = file_utf8;
  run.design = design;
  run.without = without_ids;
  run.trace = trace;
  if (g_str_equal (format, "json"))
    out = format_json (&run);
  else
    {
      _vpc_cli_print_warnings (file, warnings);
      out = format_text (&run);
    }
  return _vpc_cli_emit (out, VPC_CLI_EXIT_OK);
}
