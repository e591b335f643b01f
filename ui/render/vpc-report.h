/* SPDX-License-Identifier: GPL-3.0-or-later */
/* vpc-report.h: the design-review document (`vpc-designer report`, Export
 * → Review Report…) as PDF, HTML or Markdown (no GTK).
 *
 * One list of blocks — the title page, findings by severity with what
 * breaks and the fix, the cost table with the NAT comparison, the
 * inventory — is built once from the model and written by three writers,
 * so the formats cannot say different things.
 */
#pragma once

#include "vpc-design.h"

G_BEGIN_DECLS

typedef enum {
  VPC_REPORT_TITLE,       /* the document's title */
  VPC_REPORT_HEADING,     /* a section */
  VPC_REPORT_SUBHEADING,  /* a severity, a kind of element */
  VPC_REPORT_ITEM,        /* one finding */
  VPC_REPORT_TEXT,        /* a paragraph */
  VPC_REPORT_FIELD,       /* "Fix: …": @label, then @text */
  VPC_REPORT_TOTAL,       /* the monthly total, large */
  VPC_REPORT_TABLE,       /* @columns columns; the first row is the header */
  VPC_REPORT_DIAGRAM,     /* the design as the export draws it */
  VPC_REPORT_PAGE_BREAK,  /* a new page in the PDF; nothing elsewhere */
} VpcReportKind;

typedef struct
{
  VpcReportKind kind;
  char         *label;   /* FIELD */
  char         *text;
  int           tone;    /* a severity's SUBHEADING, a finding's ITEM: the VpcSeverity, else -1 */
  guint         columns; /* TABLE */
  GPtrArray    *cells;   /* TABLE: strings, row after row */
  double       *widths;  /* TABLE: each column's share of the width */
} VpcReportBlock;

typedef struct
{
  VpcDesign *design;
  char      *title;
  char      *fallback_title; /* the file's name, for the diagram's title block */
  GPtrArray *blocks;         /* of VpcReportBlock */
} VpcReport;

/* The report of @design judged by its own profile and priced in its own
 * region; @fallback_title names an unnamed design (NULL: "Untitled design"). */
VpcReport *vpc_report_new (VpcDesign  *design,
                           const char *fallback_title);
void       vpc_report_free (VpcReport *report);

/* Writes the report; @path's suffix (.pdf, .html, .md) picks the format. A
 * Markdown report writes the diagram beside it (OUT.svg for OUT.md). Files
 * are replaced safely: on error the old ones stay. */
gboolean   vpc_report_to_file (VpcDesign  *design,
                               const char *path,
                               const char *fallback_title,
                               GError    **error);
/* TRUE when @path ends in a suffix vpc_report_to_file() writes. */
gboolean   vpc_report_path_is_supported (const char *path);
/* "report.svg" for "report.md": where a Markdown report's diagram goes. */
char      *vpc_report_markdown_svg_path (const char *md_path);

/* The writers (vpc-report-text.c, vpc-report-pdf.c). */
char      *vpc_report_markdown (VpcReport  *report,
                                const char *svg_name);
char      *vpc_report_html (VpcReport *report);
gboolean   vpc_report_pdf (VpcReport  *report,
                           const char *path,
                           GError    **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (VpcReport, vpc_report_free)

G_END_DECLS
