/* SPDX-License-Identifier: GPL-3.0-or-later */
/* vpc-report.c: what the review report says, and which writer writes it. */
#include "vpc-report.h"

#include <stdarg.h>
#include <string.h>

#include "vpc-cost-compare.h"
#include "vpc-cost.h"
#include "vpc-export.h"
#include "vpc-i18n.h"
#include "vpc-prices.h"
#include "vpc-file.h"
#include "vpc-safe-save.h"
#include "vpc-validator.h"

/* --- blocks ---------------------------------------------------------------- */

static void
block_free (gpointer data)
{
  VpcReportBlock *block = data;

  g_free (block->label);
  g_free (block->text);
  g_clear_pointer (&block->cells, g_ptr_array_unref);
  g_free (block->widths);
  g_free (block);
}

static VpcReportBlock *
add (VpcReport    *report,
     VpcReportKind kind,
     const char   *text)
{
  VpcReportBlock *block = g_new0 (VpcReportBlock, 1);

  block->kind = kind;
  block->text = g_strdup (text);
  block->tone = -1;
  g_ptr_array_add (report->blocks, block);
  return block;
}

static void
add_field (VpcReport  *report,
           const char *label,
           const char *text)
{
  if (text != NULL && *text != '\0')
    add (report, VPC_REPORT_FIELD, text)->label = g_strdup (label);
}

/* A table with the header @names (NULL-terminated, marked with N_() and
 * shown translated) and column shares @widths; rows are added with
 * add_row(). */
static VpcReportBlock *
add_table (VpcReport          *report,
           const char *const  *names,
           const double       *widths)
{
  VpcReportBlock *block = add (report, VPC_REPORT_TABLE, NULL);

  block->columns = g_strv_length ((char **) names);
  block->cells = g_ptr_array_new_with_free_func (g_free);
  block->widths = g_new (double, block->columns);
  for (guint i = 0; i < block->columns; i++)
    {
      g_ptr_array_add (block->cells, g_strdup (_(names[i])));
      block->widths[i] = widths[i];
    }
  return block;
}

/* Takes the strings of one row (block->columns of them). */
static void
add_row (VpcReportBlock *table,
         ...)
{
  va_list args;

  va_start (args, table);
  for (guint i = 0; i < table->columns; i++)
    g_ptr_array_add (table->cells, va_arg (args, char *));
  va_end (args);
}

/* "Private A (private-a)", or the id alone when it is the name. */
static char *
element_name (VpcDesign  *design,
              const char *id)
{
  const VpcElement *e = vpc_design_lookup (design, id);

  if (e == NULL || e->name == NULL || g_str_equal (e->name, id))
    return g_strdup (id);
  return g_strdup_printf ("%s (%s)", e->name, id);
}

static char *
id_list_names (VpcDesign *design,
               GPtrArray *ids)
{
  GString *text = g_string_new (NULL);

  for (guint i = 0; ids != NULL && i < ids->len; i++)
    {
      g_autofree char *name = element_name (design, g_ptr_array_index (ids, i));

      g_string_append_printf (text, "%s%s", i > 0 ? ", " : "", name);
    }
  if (text->len == 0)
    g_string_append (text, "—");
  return g_string_free (text, FALSE);
}

static char *
yes_no (gboolean value)
{
  return g_strdup (value ? _("yes") : _("no"));
}

/* --- sections -------------------------------------------------------------- */

static void
title_page (VpcReport *report,
            GPtrArray *findings,
            VpcCostReport *cost)
{
  const VpcDesignInfo *info = vpc_design_get_info (report->design);
  guint counts[3] = { 0, 0, 0 };
  g_autofree char *vpc = g_strdup_printf ("%s, %s", info->vpc_name, info->vpc_cidr);
  g_autofree char     *elements
      = g_strdup_printf ("%u", vpc_design_get_total_elements (report->design));
  g_autofree char *summary = NULL;
  g_autofree char *total = NULL;
  g_autofree char *errors = NULL;
  g_autofree char *warnings = NULL;

  for (guint i = 0; i < findings->len; i++)
    counts[vpc_finding_get_severity (g_ptr_array_index (findings, i))]++;

  add (report, VPC_REPORT_TITLE, report->title);
  if (info->description != NULL && *info->description != '\0')
    add (report, VPC_REPORT_TEXT, info->description);
  add_field (report, _("Region"), info->region);
  add_field (report, _("Environment"), vpc_environment_to_string (info->environment));
  add_field (report, _("Rule profile"), vpc_profile_to_string (info->profile));
  add_field (report, _("VPC"), vpc);
  add_field (report, _("Elements"), elements);
  if (cost->priced)
    {
      g_autofree char *amount = vpc_cost_format (cost->total_micros, FALSE);

      total = g_strdup_printf (_("%s a month"), amount);
    }
  else
    total = g_strdup_printf (_("Not priced: %s"), cost->reason);
  add (report, VPC_REPORT_TOTAL, total);
  errors = g_strdup_printf (ngettext ("%u error", "%u errors", counts[VPC_SEVERITY_ERROR]),
                            counts[VPC_SEVERITY_ERROR]);
  warnings = g_strdup_printf (ngettext ("%u warning", "%u warnings", counts[VPC_SEVERITY_WARNING]),
                              counts[VPC_SEVERITY_WARNING]);
  /* TRANSLATORS: the findings in a sentence: "2 errors", "1 warning" and
   * how many findings are for information. */
  summary = g_strdup_printf (ngettext ("%s, %s and %u for information.",
                                       "%s, %s and %u for information.", counts[VPC_SEVERITY_INFO]),
                             errors, warnings, counts[VPC_SEVERITY_INFO]);
  add (report, VPC_REPORT_TEXT, summary);
  add (report, VPC_REPORT_DIAGRAM, NULL);
  add (report, VPC_REPORT_PAGE_BREAK, NULL);
}

static void
one_finding (VpcReport  *report,
             VpcFinding *finding)
{
  const char *const *ids = vpc_finding_get_elements (finding);
  g_autofree char *heading = g_strdup_printf ("%s · %s", vpc_finding_get_rule_id (finding),
                                              vpc_finding_get_title (finding));
  g_autoptr(GString) names = g_string_new (NULL);

  add (report, VPC_REPORT_ITEM, heading)->tone = vpc_finding_get_severity (finding);
  add (report, VPC_REPORT_TEXT, vpc_finding_get_message (finding));
  add_field (report, _("What breaks"), vpc_finding_get_explanation (finding));
  add_field (report, _("Fix"), vpc_finding_get_fix (finding));
  for (guint i = 0; ids != NULL && ids[i] != NULL; i++)
    {
      g_autofree char *name = element_name (report->design, ids[i]);

      g_string_append_printf (names, "%s%s", i > 0 ? ", " : "", name);
    }
  add_field (report, _("Elements"), names->str);
  add_field (report, _("Reference"), vpc_finding_get_url (finding));
}

static void
findings_section (VpcReport *report,
                  GPtrArray *findings)
{
  static const char *const groups[] = { N_("Errors"), N_("Warnings"), N_("Information") };

  add (report, VPC_REPORT_HEADING, _("Findings"));
  if (findings->len == 0)
    {
      add (report, VPC_REPORT_TEXT, _("No findings: every rule of the profile passes."));
      return;
    }
  /* Sorted by severity first (domain.md §3), so each group is one run. */
  for (VpcSeverity severity = VPC_SEVERITY_ERROR; severity <= VPC_SEVERITY_INFO; severity++)
    {
      guint n = 0;

      for (guint i = 0; i < findings->len; i++)
        n += vpc_finding_get_severity (g_ptr_array_index (findings, i)) == severity;
      if (n == 0)
        continue;
      {
        g_autofree char *heading = g_strdup_printf ("%s (%u)", _(groups[severity]), n);

        add (report, VPC_REPORT_SUBHEADING, heading)->tone = severity;
      }
      for (guint i = 0; i < findings->len; i++)
        if (vpc_finding_get_severity (g_ptr_array_index (findings, i)) == severity)
          one_finding (report, g_ptr_array_index (findings, i));
    }
}

static void
cost_section (VpcReport     *report,
              VpcCostReport *cost)
{
  static const char *const names[] = { N_("Element"), N_("Kind"), N_("Service"), N_("AZs"),
                                       N_("Hourly"),  N_("Data"), N_("Monthly"), NULL };
  static const double widths[] = { 3, 2.2, 1.8, 0.6, 1.1, 1.1, 1.2 };
  static const char *const cost_kind_labels[] = {
    [VPC_COST_INTERFACE_ENDPOINT] = N_("interface endpoint"),
    [VPC_COST_GATEWAY_ENDPOINT] = N_("gateway endpoint"),
    [VPC_COST_NAT_GATEWAY] = N_("NAT gateway"),
  };
  VpcCostComparison comparison;
  VpcReportBlock *table;
  g_autofree char *intro = NULL;

  add (report, VPC_REPORT_HEADING, _("Monthly cost"));
  if (!cost->priced)
    {
      g_autofree char *reason
          = g_strdup_printf (_("The design cannot be priced: %s."), cost->reason);

      add (report, VPC_REPORT_TEXT, reason);
      return;
    }
  /* TRANSLATORS: a region id (us-east-1), a currency (USD), the hours
   * of a month and the date of the prices. */
  intro = g_strdup_printf (_("In %s, in %s, at %d hours a month; prices as of %s."), cost->region,
                           vpc_price_table_get_currency (vpc_price_table_get_default ()),
                           VPC_HOURS_PER_MONTH, cost->prices_as_of);
  add (report, VPC_REPORT_TEXT, intro);
  if (cost->items->len == 0)
    add (report, VPC_REPORT_TEXT, _("The design has no VPC endpoints and no NAT gateways."));
  else
    {
      table = add_table (report, names, widths);
      for (guint i = 0; i < cost->items->len; i++)
        {
          VpcCostItem *item = g_ptr_array_index (cost->items, i);

          add_row (table, element_name (report->design, item->element),
                   g_strdup (_(cost_kind_labels[item->kind])),
                   g_strdup (item->service != NULL ? item->service : "—"),
                   g_strdup_printf ("%u", item->azs),
                   vpc_cost_format (item->hourly_micros, FALSE),
                   vpc_cost_format (item->data_micros, FALSE),
                   vpc_cost_format (item->monthly_micros, FALSE));
        }
      add_row (table, g_strdup (_("Total")), g_strdup (""), g_strdup (""), g_strdup (""),
               g_strdup (""), g_strdup (""), vpc_cost_format (cost->total_micros, FALSE));
    }
  if (vpc_cost_compare (report->design, cost->region, &comparison))
    {
      g_autofree char *compared = vpc_cost_comparison_describe (&comparison);
      g_auto(GStrv) lines = g_strsplit (compared, "\n", -1);

      add (report, VPC_REPORT_SUBHEADING, _("Interface endpoints or NAT gateways?"));
      for (guint i = 0; lines[i] != NULL; i++)
        if (*lines[i] != '\0')
          add (report, VPC_REPORT_TEXT, lines[i]);
    }
  if (cost->note != NULL)
    add_field (report, _("Note"), cost->note);
  add_field (report, _("Source"), cost->source);
}

static char *
rules_text (GArray *rules)
{
  GString *text = g_string_new (NULL);

  for (guint i = 0; rules != NULL && i < rules->len; i++)
    {
      const VpcSgRule *rule = &g_array_index (rules, VpcSgRule, i);
      g_autofree char *ports = vpc_sg_rule_ports_to_string (rule);

      g_string_append_printf (text, "%s%s %s %s", i > 0 ? "; " : "",
                              vpc_protocol_to_string (rule->protocol), ports, rule->peer);
    }
  if (text->len == 0)
    g_string_append (text, _("none"));
  return g_string_free (text, FALSE);
}

/* The rows of the inventory's tables, one function for each kind. */

static void
az_row (VpcDesign        *design,
        VpcReportBlock   *table,
        const VpcElement *e)
{
  add_row (table, g_strdup (e->id), g_strdup (vpc_element_get_display_name (e)));
}

static void
subnet_row (VpcDesign        *design,
            VpcReportBlock   *table,
            const VpcElement *e)
{
  add_row (table, element_name (design, e->id), element_name (design, e->az), g_strdup (e->cidr),
           g_strdup (vpc_route_to_string (e->route)));
}

static void
security_group_row (VpcDesign        *design,
                    VpcReportBlock   *table,
                    const VpcElement *e)
{
  add_row (table, element_name (design, e->id), rules_text (e->ingress), rules_text (e->egress));
}

static void
endpoint_row (VpcDesign        *design,
              VpcReportBlock   *table,
              const VpcElement *e)
{
  add_row (table, element_name (design, e->id), g_strdup (e->service),
           g_strdup (vpc_endpoint_type_to_string (e->endpoint_type)),
           e->endpoint_type == VPC_ENDPOINT_GATEWAY && (e->subnets == NULL || e->subnets->len == 0)
               ? g_strdup (_("every subnet"))
               : id_list_names (design, e->subnets),
           id_list_names (design, e->security_groups),
           e->endpoint_type == VPC_ENDPOINT_INTERFACE ? yes_no (e->private_dns) : g_strdup ("—"));
}

static void
nat_gateway_row (VpcDesign        *design,
                 VpcReportBlock   *table,
                 const VpcElement *e)
{
  add_row (table, element_name (design, e->id), element_name (design, e->subnet),
           g_strdup_printf ("%g", e->gb_per_month));
}

static void
workload_row (VpcDesign        *design,
              VpcReportBlock   *table,
              const VpcElement *e)
{
  add_row (table, element_name (design, e->id),
           g_strdup (vpc_workload_kind_to_label (e->workload_kind)), yes_no (e->vpc_mode),
           id_list_names (design, e->subnets), id_list_names (design, e->security_groups),
           yes_no (e->network_isolation));
}

/* The inventory's table of one kind: heading, columns and rows. */
typedef struct
{
  const char        *heading;
  const char *const *names;
  const double      *widths;
  void (*row) (VpcDesign        *design,
               VpcReportBlock   *table,
               const VpcElement *e);
} InventoryTable;

static const char *const az_names[] = { N_("Id"), N_("Name"), NULL };
static const double az_widths[] = { 1, 1 };
static const char *const subnet_names[]
    = { N_("Subnet"), N_("AZ"), N_("CIDR"), N_("Route"), NULL };
static const double subnet_widths[] = { 3, 2, 1.6, 1 };
static const char *const sg_names[]
    = { N_("Security group"), N_("Inbound"), N_("Outbound"), NULL };
static const double sg_widths[] = { 2, 3, 3 };
static const char *const endpoint_names[] = {
  N_("Endpoint"), N_("Service"), N_("Type"), N_("Subnets"), N_("Groups"), N_("Private DNS"), NULL
};
static const double endpoint_widths[] = { 2.4, 1.5, 1.3, 2.6, 2, 1.1 };
static const char *const nat_names[] = { N_("NAT gateway"), N_("Subnet"), N_("GB a month"), NULL };
static const double nat_widths[] = { 2, 2, 1 };
static const char *const workload_names[] = {
  N_("Workload"), N_("Kind"), N_("VPC mode"), N_("Subnets"), N_("Groups"), N_("Isolated"), NULL
};
static const double workload_widths[] = { 2.4, 1.6, 1, 2.6, 2, 1 };

static const InventoryTable inventory_tables[VPC_N_KINDS] = {
  [VPC_KIND_AZ] = { N_("Availability zones"), az_names, az_widths, az_row },
  [VPC_KIND_SUBNET] = { N_("Subnets"), subnet_names, subnet_widths, subnet_row },
  [VPC_KIND_SECURITY_GROUP]
  = { N_("Security groups"), sg_names, sg_widths, security_group_row },
  [VPC_KIND_ENDPOINT] = { N_("VPC endpoints"), endpoint_names, endpoint_widths, endpoint_row },
  [VPC_KIND_NAT_GATEWAY] = { N_("NAT gateways"), nat_names, nat_widths, nat_gateway_row },
  [VPC_KIND_WORKLOAD] = { N_("Workloads"), workload_names, workload_widths, workload_row },
};

static void
inventory_section (VpcReport *report)
{
  VpcDesign *design = report->design;

  add (report, VPC_REPORT_HEADING, _("Inventory"));
  for (VpcKind kind = 0; kind < VPC_N_KINDS; kind++)
    {
      const InventoryTable *spec = &inventory_tables[kind];
      guint n = vpc_design_get_n_elements (design, kind);
      g_autofree char *heading = NULL;
      VpcReportBlock *table;

      if (n == 0)
        continue;
      heading = g_strdup_printf ("%s (%u)", _(spec->heading), n);
      add (report, VPC_REPORT_SUBHEADING, heading);
      table = add_table (report, spec->names, spec->widths);
      for (guint i = 0; i < n; i++)
        spec->row (design, table, vpc_design_get_element (design, kind, i));
    }
}

VpcReport *
vpc_report_new (VpcDesign  *design,
                const char *fallback_title)
{
  const VpcDesignInfo *info;
  g_autoptr(GPtrArray) findings = NULL;
  g_autoptr(VpcCostReport) cost = NULL;
  VpcReport *report;

  g_return_val_if_fail (VPC_IS_DESIGN (design), NULL);

  info = vpc_design_get_info (design);
  report = g_new0 (VpcReport, 1);
  report->design = g_object_ref (design);
  report->fallback_title = g_strdup (fallback_title);
  report->title = g_strdup (info->name != NULL && *info->name != '\0' ? info->name
                            : fallback_title != NULL ? fallback_title : _("Untitled design"));
  report->blocks = g_ptr_array_new_with_free_func (block_free);
  findings = vpc_validate (design, info->profile);
  cost = vpc_cost_compute (design, NULL);

  title_page (report, findings, cost);
  findings_section (report, findings);
  add (report, VPC_REPORT_PAGE_BREAK, NULL);
  cost_section (report, cost);
  add (report, VPC_REPORT_PAGE_BREAK, NULL);
  inventory_section (report);
  return report;
}

void
vpc_report_free (VpcReport *report)
{
  if (report == NULL)
    return;
  g_object_unref (report->design);
  g_free (report->title);
  g_free (report->fallback_title);
  g_ptr_array_unref (report->blocks);
  g_free (report);
}

/* --- files ----------------------------------------------------------------- */

gboolean
vpc_report_path_is_supported (const char *path)
{
  return vpc_file_path_has_suffix (path, ".pdf") || vpc_file_path_has_suffix (path, ".html")
         || vpc_file_path_has_suffix (path, ".md");
}

char *
vpc_report_markdown_svg_path (const char *md_path)
{
  gsize length = strlen (md_path);

  g_return_val_if_fail (vpc_file_path_has_suffix (md_path, ".md"), NULL);
  return g_strdup_printf ("%.*s.svg", (int) (length - 3), md_path);
}

gboolean
vpc_report_to_file (VpcDesign  *design,
                    const char *path,
                    const char *fallback_title,
                    GError    **error)
{
  g_autoptr(VpcReport) report = NULL;
  g_autofree char *text = NULL;

  g_return_val_if_fail (VPC_IS_DESIGN (design), FALSE);

  if (!vpc_report_path_is_supported (path))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                   _("Unknown report format for %s: use .pdf, .html or .md"), path);
      return FALSE;
    }
  report = vpc_report_new (design, fallback_title);
  if (vpc_file_path_has_suffix (path, ".pdf"))
    return vpc_report_pdf (report, path, error);
  if (vpc_file_path_has_suffix (path, ".html"))
    text = vpc_report_html (report);
  else
    {
      /* The diagram first: a Markdown file never points at a missing one. */
      g_autofree char *svg_path = vpc_report_markdown_svg_path (path);
      g_autofree char *svg_name = g_path_get_basename (svg_path);
      g_autofree char *svg = NULL;
      VpcExportOptions options;

      vpc_export_options_init (&options);
      options.fallback_title = report->fallback_title;
      svg = vpc_export_svg_text (design, &options);
      if (!vpc_safe_save (svg_path, svg, strlen (svg), error))
        return FALSE;
      text = vpc_report_markdown (report, svg_name);
    }
  return vpc_safe_save (path, text, strlen (text), error);
}
