/* SPDX-License-Identifier: GPL-3.0-or-later */
/* vpc-cli-cost.c: `vpc-designer cost FILE [--format text|json|csv] [--region REGION]`. */
#include "vpc-cli-private.h"

#include "vpc-cost-compare.h"

#include <string.h>

#include "vpc-cost.h"
#include "vpc-terminal.h"

static const char *const cost_formats[] = { "text", "json", "csv", NULL };

static const char *
kind_label (VpcCostKind kind)
{
  switch (kind)
    {
    case VPC_COST_INTERFACE_ENDPOINT:
      return _("interface endpoint");
    case VPC_COST_GATEWAY_ENDPOINT:
      return _("gateway endpoint");
    case VPC_COST_NAT_GATEWAY:
      return _("NAT gateway");
    default:
      g_return_val_if_reached ("");
    }
}

/* --- json -------------------------------------------------------------- */

static void
json_item (VpcJsonWriter     *json,
           const VpcCostItem *item)
{
  vpc_json_writer_begin_object (json, NULL);
  vpc_json_writer_string (json, "element", item->element);
  vpc_json_writer_string (json, "kind", vpc_cost_kind_to_string (item->kind));
  /* domain.md §4: "service" belongs to endpoints only. */
  if (item->kind != VPC_COST_NAT_GATEWAY)
    vpc_json_writer_string (json, "service", item->service);
  vpc_json_writer_int (json, "azs", item->azs);
  _vpc_cli_json_money (json, "hourly_charge", item->hourly_micros);
  _vpc_cli_json_money (json, "data_charge", item->data_micros);
  _vpc_cli_json_money (json, "monthly", item->monthly_micros);
  vpc_json_writer_end_object (json);
}

static GString *
format_json (VpcCostReport *report)
{
  VpcJsonWriter *json = _vpc_cli_json_new ();

  vpc_json_writer_begin_object (json, NULL);
  vpc_json_writer_string (json, "region", report->region);
  vpc_json_writer_string (json, "currency",
                          vpc_price_table_get_currency (vpc_price_table_get_default ()));
  vpc_json_writer_int (json, "hours_per_month", VPC_HOURS_PER_MONTH);
  vpc_json_writer_boolean (json, "priced", report->priced);
  if (!report->priced)
    vpc_json_writer_string (json, "reason", report->reason);
  vpc_json_writer_string (json, "prices_as_of", report->prices_as_of);
  vpc_json_writer_begin_array (json, "items");
  for (guint i = 0; i < report->items->len; i++)
    json_item (json, g_ptr_array_index (report->items, i));
  vpc_json_writer_end_array (json);
  if (report->priced)
    _vpc_cli_json_money (json, "monthly_total", report->total_micros);
  else
    vpc_json_writer_null (json, "monthly_total");
  vpc_json_writer_end_object (json);
  return _vpc_cli_json_finish (json);
}

/* --- csv --------------------------------------------------------------- */

/* RFC 4180 quoting for a field that holds a comma or a quote; lines end
 * in \n, as Unix tools expect. Controls (line breaks too) come out as
 * escapes like in the text format: CSV is read on terminals as well. */
static void
csv_field (GString    *out,
           const char *text,
           gboolean    last)
{
  g_autofree char *value = text != NULL ? vpc_terminal_escape (text) : NULL;

  if (value != NULL && value[strcspn (value, ",\"")] != '\0')
    {
      g_string_append_c (out, '"');
      for (const char *p = value; *p != '\0'; p++)
        {
          if (*p == '"')
            g_string_append_c (out, '"');
          g_string_append_c (out, *p);
        }
      g_string_append_c (out, '"');
    }
  else if (value != NULL)
    g_string_append (out, value);
  g_string_append (out, last ? "\n" : ",");
}

static void
csv_money (GString *out,
           gint64   micros,
           gboolean last)
{
  g_autofree char *text = vpc_cost_format_plain (micros);

  csv_field (out, text, last);
}

static GString *
format_csv (VpcCostReport *report)
{
  GString *out = g_string_new ("element,kind,service,azs,hourly_charge,data_charge,monthly\n");
  gint64 hourly = 0, data = 0;

  for (guint i = 0; i < report->items->len; i++)
    {
      const VpcCostItem *item = g_ptr_array_index (report->items, i);
      g_autofree char *azs = g_strdup_printf ("%u", item->azs);

      csv_field (out, item->element, FALSE);
      csv_field (out, vpc_cost_kind_to_string (item->kind), FALSE);
      csv_field (out, item->service, FALSE);
      csv_field (out, azs, FALSE);
      csv_money (out, item->hourly_micros, FALSE);
      csv_money (out, item->data_micros, FALSE);
      csv_money (out, item->monthly_micros, TRUE);
      hourly += item->hourly_micros;
      data += item->data_micros;
    }

  /* The total row: empty money fields when the region is not priced. */
  g_string_append (out, "total,,,,");
  if (report->priced)
    {
      csv_money (out, hourly, FALSE);
      csv_money (out, data, FALSE);
      csv_money (out, report->total_micros, TRUE);
    }
  else
    g_string_append (out, ",,\n");
  return out;
}

/* --- text -------------------------------------------------------------- */

typedef struct
{
  const char *title;
  gboolean    right; /* right-aligned */
  int         width;
} Column;

enum { COL_ELEMENT, COL_KIND, COL_SERVICE, COL_AZS, COL_HOURLY, COL_DATA, COL_MONTHLY, N_COLUMNS };

/* The cells of one item, as owned strings. */
static GStrv
item_cells (const VpcCostItem *item)
{
  GStrv cells = g_new0 (char *, N_COLUMNS + 1);

  cells[COL_ELEMENT] = vpc_terminal_escape (item->element);
  cells[COL_KIND] = g_strdup (kind_label (item->kind));
  cells[COL_SERVICE] = vpc_terminal_escape (item->service != NULL ? item->service : "-");
  cells[COL_AZS] = g_strdup_printf ("%u", item->azs);
  cells[COL_HOURLY] = vpc_cost_format (item->hourly_micros, FALSE);
  cells[COL_DATA] = vpc_cost_format (item->data_micros, FALSE);
  cells[COL_MONTHLY] = vpc_cost_format (item->monthly_micros, FALSE);
  return cells;
}

static void
append_row (GString            *out,
            Column             *columns,
            const char *const  *cells)
{
  for (guint c = 0; c < N_COLUMNS; c++)
    {
      /* Pad by characters, not bytes: names may be any UTF-8. */
      int pad = columns[c].width - (int) g_utf8_strlen (cells[c], -1);

      if (c > 0)
        g_string_append (out, "  ");
      if (columns[c].right)
        g_string_append_printf (out, "%*s%s", MAX (pad, 0), "", cells[c]);
      else if (c + 1 < N_COLUMNS)
        g_string_append_printf (out, "%s%*s", cells[c], MAX (pad, 0), "");
      else
        g_string_append (out, cells[c]);
    }
  g_string_append_c (out, '\n');
}

static void
append_table (GString       *out,
              VpcCostReport *report)
{
  Column columns[N_COLUMNS] = {
    /* TRANSLATORS: the column headings of cost's table, in capitals. */
    { N_("ELEMENT"), FALSE, 0 }, { N_("KIND"), FALSE, 0 },  { N_("SERVICE"), FALSE, 0 },
    { N_("AZS"), TRUE, 0 },      { N_("HOURLY"), TRUE, 0 }, { N_("DATA"), TRUE, 0 },
    { N_("MONTHLY"), TRUE, 0 },
  };
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);
  const char *header[N_COLUMNS];

  for (guint c = 0; c < N_COLUMNS; c++)
    {
      header[c] = _(columns[c].title);
      columns[c].width = (int) g_utf8_strlen (header[c], -1);
    }
  for (guint i = 0; i < report->items->len; i++)
    {
      GStrv cells = item_cells (g_ptr_array_index (report->items, i));

      for (guint c = 0; c < N_COLUMNS; c++)
        columns[c].width = MAX (columns[c].width, (int) g_utf8_strlen (cells[c], -1));
      g_ptr_array_add (rows, cells);
    }

  append_row (out, columns, header);
  for (guint i = 0; i < rows->len; i++)
    append_row (out, columns, g_ptr_array_index (rows, i));
}

/* The file name, the region and the reason (which quotes the region) come
 * from the user or the design: escaped like every name. */
static GString *
format_text (VpcDesign     *design,
             VpcCostReport *report,
             const char    *file_name)
{
  VpcCostComparison comparison;
  GString *out = g_string_new (NULL);
  g_autofree char *total = NULL;
  g_autofree char *file = vpc_terminal_escape (file_name);
  g_autofree char *region = vpc_terminal_escape (report->region);

  if (!report->priced)
    {
      g_autofree char *reason = vpc_terminal_escape (report->reason);

      /* TRANSLATORS: the design's file and why it has no price. */
      g_string_append_printf (out, _("%s cannot be priced: %s.\n"), file, reason);
      return out;
    }

  /* TRANSLATORS: the design's file, the region ("eu-west-1"), the
   * currency ("USD") and the hours a month are billed for (730). */
  g_string_append_printf (out, _("Monthly cost of %s in %s (%s, %d hours a month)\n\n"), file,
                          region, vpc_price_table_get_currency (vpc_price_table_get_default ()),
                          VPC_HOURS_PER_MONTH);
  if (report->items->len == 0)
    g_string_append_printf (out, "%s\n", _("The design has no VPC endpoints and no NAT gateways."));
  else
    append_table (out, report);
  total = vpc_cost_format (report->total_micros, FALSE);
  g_string_append_c (out, '\n');
  g_string_append_printf (out, _("Total: %s a month"), total);
  g_string_append_c (out, '\n');
  if (vpc_cost_compare (design, report->region, &comparison))
    {
      g_autofree char *compared = vpc_cost_comparison_describe (&comparison);

      g_string_append_printf (out, "%s\n", compared);
    }
  /* TRANSLATORS: the date of the price table. */
  g_string_append_printf (out, _("Prices as of %s."), report->prices_as_of);
  if (report->note != NULL)
    {
      g_string_append_c (out, ' ');
      g_string_append_printf (out, _("Note: %s."), report->note);
    }
  g_string_append_c (out, '\n');
  /* TRANSLATORS: where the prices come from (a web address). */
  g_string_append_printf (out, _("Source: %s"), report->source);
  g_string_append_c (out, '\n');
  return out;
}

/* --- the subcommand ------------------------------------------------------ */

int
_vpc_cli_cost (int    argc,
               char **argv)
{
  const char *format = "text", *region = NULL, *file = NULL;
  const VpcCliOption options[] = {
    { "format", 0, cost_formats, &format },
    { "region", 0, NULL, &region },
    { NULL },
  };
  g_autoptr(VpcDesign) design = NULL;
  g_autoptr(GPtrArray) warnings = NULL;
  g_autoptr(VpcCostReport) report = NULL;
  g_autoptr(GString) out = NULL;
  int status;

  design = _vpc_cli_open (argc, argv, options, &file, &warnings, &status);
  if (design == NULL)
    return status;
  _vpc_cli_print_warnings (file, warnings);

  report = vpc_cost_compute (design, region);
  if (g_str_equal (format, "json"))
    out = format_json (report);
  else if (g_str_equal (format, "csv"))
    {
      out = format_csv (report);
      /* CSV has no place for the reason: say it where people look. */
      if (!report->priced)
        _vpc_cli_printerr (_("vpc-designer: %s: not priced: %s\n"), file, report->reason);
    }
  else
    out = format_text (design, report, file);
  _vpc_cli_keep (g_steal_pointer (&report), (GDestroyNotify) vpc_cost_report_free);
  _vpc_cli_keep (g_steal_pointer (&design), g_object_unref);
  return _vpc_cli_emit (out, VPC_CLI_EXIT_OK);
}
