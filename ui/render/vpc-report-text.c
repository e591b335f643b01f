/* SPDX-License-Identifier: GPL-3.0-or-later */
/* vpc-report-text.c: the review report as Markdown and as one HTML file.
 *
 * HTML is written as well-formed XML (XHTML syntax), so that any XML tool
 * can read it, with the diagram as inline SVG and its style inline: the
 * file needs no network and no other file.
 */
#include "vpc-report.h"

#include <string.h>

#include "vpc-export.h"
#include "vpc-finding.h"
#include "vpc-i18n.h"
#include "vpc-render.h"

/* Text as every output can hold it (no control characters). */
static char *
clean (const char *text)
{
  char *cleaned = vpc_render_clean_text (text != NULL ? text : "", G_MAXSIZE);

  return cleaned != NULL ? cleaned : g_strdup (text != NULL ? text : "");
}

/* --- Markdown ---------------------------------------------------------------- */

/* A backslash before what Markdown could read as markup: emphasis, code,
 * links, HTML, table cells, and a list marker at the start. */
static void
md_text (GString    *out,
         const char *text)
{
  g_autofree char *safe = clean (text);

  for (const char *c = safe; *c != '\0'; c++)
    {
      if (strchr ("\\`*_[]<>|#~&", *c) != NULL || (c == safe && strchr ("-+", *c) != NULL))
        g_string_append_c (out, '\\');
      g_string_append_c (out, *c);
    }
}

/* A translated @format with one "%s": its text and @arg each as md_text()
 * writes them, so a translation is escaped like the rest. */
static void
md_format (GString    *out,
           const char *format,
           const char *arg)
{
  const char *at = strstr (format, "%s");
  g_autofree char *before = NULL;

  if (at == NULL)
    {
      md_text (out, format);
      return;
    }
  before = g_strndup (format, at - format);
  md_text (out, before);
  md_text (out, arg);
  md_text (out, at + 2);
}

static void
md_table (GString              *out,
          const VpcReportBlock *block)
{
  guint rows = block->cells->len / block->columns;

  for (guint r = 0; r < rows; r++)
    {
      g_string_append (out, "|");
      for (guint c = 0; c < block->columns; c++)
        {
          g_string_append_c (out, ' ');
          md_text (out, g_ptr_array_index (block->cells, r * block->columns + c));
          g_string_append (out, " |");
        }
      g_string_append_c (out, '\n');
      if (r == 0)
        {
          g_string_append (out, "|");
          for (guint c = 0; c < block->columns; c++)
            g_string_append (out, " --- |");
          g_string_append_c (out, '\n');
        }
    }
  g_string_append_c (out, '\n');
}

char *
vpc_report_markdown (VpcReport  *report,
                     const char *svg_name)
{
  GString *out = g_string_new (NULL);

  for (guint i = 0; i < report->blocks->len; i++)
    {
      const VpcReportBlock *block = g_ptr_array_index (report->blocks, i);

      switch (block->kind)
        {
        case VPC_REPORT_TITLE:
          g_string_append (out, "# ");
          md_text (out, block->text);
          g_string_append (out, "\n\n");
          break;
        case VPC_REPORT_HEADING:
          g_string_append (out, "## ");
          md_text (out, block->text);
          g_string_append (out, "\n\n");
          break;
        case VPC_REPORT_SUBHEADING:
          g_string_append (out, "### ");
          md_text (out, block->text);
          g_string_append (out, "\n\n");
          break;
        case VPC_REPORT_ITEM:
          g_string_append (out, "#### ");
          md_text (out, block->text);
          g_string_append (out, "\n\n");
          break;
        case VPC_REPORT_TEXT:
          md_text (out, block->text);
          g_string_append (out, "\n\n");
          break;
        case VPC_REPORT_FIELD:
          g_string_append (out, "**");
          md_text (out, block->label);
          g_string_append (out, ":** ");
          md_text (out, block->text);
          g_string_append (out, "\n\n");
          break;
        case VPC_REPORT_TOTAL:
          g_string_append (out, "**");
          md_format (out, _("Monthly cost: %s"), block->text);
          g_string_append (out, "**\n\n");
          break;
        case VPC_REPORT_TABLE:
          md_table (out, block);
          break;
        case VPC_REPORT_DIAGRAM:
          {
            g_autofree char *link = g_uri_escape_string (svg_name, "/", FALSE);

            g_string_append (out, "![");
            /* TRANSLATORS: the diagram's description; %s is the design's name. */
            md_format (out, _("Diagram of %s"), report->title);
            g_string_append_printf (out, "](%s)\n\n", link);
          }
          break;
        case VPC_REPORT_PAGE_BREAK:
        default:
          break;
        }
    }
  g_string_append (out, "---\n\n");
  /* TRANSLATORS: %s is the version of VPC Designer. */
  md_format (out, _("Made with VPC Designer %s."), VPC_VERSION);
  g_string_append_c (out, '\n');
  return g_string_free (out, FALSE);
}

/* --- HTML ---------------------------------------------------------------------- */

static void
html_text (GString    *out,
           const char *text)
{
  g_autofree char *safe = clean (text);
  g_autofree char *escaped = g_markup_escape_text (safe, -1);

  g_string_append (out, escaped);
}

static void
html_element (GString    *out,
              const char *tag,
              const char *class_name,
              const char *text)
{
  g_string_append_printf (out, "<%s", tag);
  if (class_name != NULL)
    g_string_append_printf (out, " class=\"%s\"", class_name);
  g_string_append_c (out, '>');
  html_text (out, text);
  g_string_append_printf (out, "</%s>\n", tag);
}

static void
html_table (GString              *out,
            const VpcReportBlock *block)
{
  guint rows = block->cells->len / block->columns;

  g_string_append (out, "<table>\n");
  for (guint r = 0; r < rows; r++)
    {
      g_string_append (out, "<tr>");
      for (guint c = 0; c < block->columns; c++)
        {
          const char *tag = r == 0 ? "th" : "td";

          g_string_append_printf (out, "<%s>", tag);
          html_text (out, g_ptr_array_index (block->cells, r * block->columns + c));
          g_string_append_printf (out, "</%s>", tag);
        }
      g_string_append (out, "</tr>\n");
    }
  g_string_append (out, "</table>\n");
}

/* The export's SVG without its XML declaration, to sit inside the page. */
static void
html_diagram (GString   *out,
              VpcReport *report)
{
  VpcExportOptions options;
  g_autofree char *svg = NULL;
  const char *start;

  vpc_export_options_init (&options);
  options.fallback_title = report->fallback_title;
  svg = vpc_export_svg_text (report->design, &options);
  start = g_str_has_prefix (svg, "<?xml") ? strstr (svg, "?>") + 2 : svg;
  while (*start == '\n')
    start++;
  g_string_append (out, "<figure class=\"diagram\">\n");
  g_string_append (out, start);
  g_string_append (out, "</figure>\n");
}

static const char html_style[]
    = "body{font-family:'DejaVu Sans',Cantarell,sans-serif;max-width:60em;margin:2em "
      "auto;padding:0 1em;"
      "color:#1e1e1e;line-height:1.45}"
      "h1{font-size:1.9em;margin-bottom:.3em}h2{margin-top:2em;border-bottom:1px solid #ccc}"
      "h3,h4{margin-bottom:.2em}.error{color:#c01c28}.warning{color:#9c6e03}.info{color:#1c71d8}"
      ".total{font-size:1.5em;font-weight:bold}.field b{margin-right:.4em}"
      "table{border-collapse:collapse;width:100%;margin:.5em 0 1em}"
      "th,td{border:1px solid #ccc;padding:.3em .5em;text-align:left;vertical-align:top}"
      "th{background:#f2f2f2}figure.diagram{margin:1em 0}figure.diagram "
      "svg{max-width:100%;height:auto}"
      "footer{margin-top:3em;color:#555;font-size:.9em}"
      "@media print{h2{page-break-before:always}}";

char *
vpc_report_html (VpcReport *report)
{
  GString *out = g_string_new ("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<!DOCTYPE html>\n"
                               "<html xmlns=\"http://www.w3.org/1999/xhtml\" lang=\"en\">\n<head>\n"
                               "<meta charset=\"UTF-8\" />\n<title>");

  html_text (out, report->title);
  g_string_append_printf (out, "</title>\n<style>%s</style>\n</head>\n<body>\n", html_style);
  for (guint i = 0; i < report->blocks->len; i++)
    {
      const VpcReportBlock *block = g_ptr_array_index (report->blocks, i);

      switch (block->kind)
        {
        case VPC_REPORT_TITLE:
          html_element (out, "h1", NULL, block->text);
          break;
        case VPC_REPORT_HEADING:
          html_element (out, "h2", NULL, block->text);
          break;
        case VPC_REPORT_SUBHEADING:
          html_element (out, "h3", block->tone >= 0 ? vpc_severity_to_string (block->tone) : NULL,
                        block->text);
          break;
        case VPC_REPORT_ITEM:
          html_element (out, "h4", block->tone >= 0 ? vpc_severity_to_string (block->tone) : NULL,
                        block->text);
          break;
        case VPC_REPORT_TEXT:
          html_element (out, "p", NULL, block->text);
          break;
        case VPC_REPORT_FIELD:
          g_string_append (out, "<p class=\"field\"><b>");
          html_text (out, block->label);
          g_string_append (out, ":</b>");
          html_text (out, block->text);
          g_string_append (out, "</p>\n");
          break;
        case VPC_REPORT_TOTAL:
          html_element (out, "p", "total", block->text);
          break;
        case VPC_REPORT_TABLE:
          html_table (out, block);
          break;
        case VPC_REPORT_DIAGRAM:
          html_diagram (out, report);
          break;
        case VPC_REPORT_PAGE_BREAK:
        default:
          break;
        }
    }
  {
    g_autofree char *made = g_strdup_printf (_("Made with VPC Designer %s."), VPC_VERSION);

    g_string_append (out, "<footer>");
    html_text (out, made);
    g_string_append (out, "</footer>\n</body>\n</html>\n");
  }
  return g_string_free (out, FALSE);
}
