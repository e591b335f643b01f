/* SPDX-License-Identifier: GPL-3.0-or-later */
/* vpc-export.h: PNG, SVG and PDF documents of a design (no GTK). */
#pragma once

#include "vpc-render.h"

G_BEGIN_DECLS

#define VPC_EXPORT_ERROR (vpc_export_error_quark ())
typedef enum {
  VPC_EXPORT_ERROR_UNKNOWN_FORMAT,
  VPC_EXPORT_ERROR_FAILED,
} VpcExportError;
GQuark   vpc_export_error_quark (void);

/* The scales vpc_export_to_file() takes. */
#define VPC_EXPORT_MIN_SCALE 0.01
#define VPC_EXPORT_MAX_SCALE 100.0
/* PNGs stay within these (256 MB of pixels while drawing, so that an
 * export of the largest design stays under 1 GB): a bigger page is drawn at
 * a smaller scale, with a g_message() that says so. */
#define VPC_EXPORT_PNG_MAX_SIDE   16384.0
#define VPC_EXPORT_PNG_MAX_PIXELS (64.0 * 1000 * 1000)

/* The choices of the export dialog (and the command line). */
typedef struct
{
  VpcTheme    theme;
  double      scale;          /* VPC_EXPORT_MIN_SCALE to _MAX_SCALE; PNG pixels per unit */
  gboolean    background;     /* FALSE: transparent (PNG and SVG; a PDF page stays white) */
  gboolean    title_block;    /* name, facts, total, date */
  gboolean    legend;         /* the key, under the title block's heading */
  double      text_scale;     /* 1.0 to 2.0, the text-size preference */
  const char *fallback_title; /* shown when the design has no name (the file's name), or NULL */
  /* The process ends after the export (the command line): the findings it
   * made are left for the exit to reclaim, not freed one by one (150,000
   * of them at 100,000 elements; 5 % of an SVG of 10,000). */
  gboolean    one_shot;
} VpcExportOptions;

/* Light theme, scale 1, white background, title block and legend, 100 %
 * text, no fallback title. */
void     vpc_export_options_init (VpcExportOptions *options);
/* The file's name without its folder and its .vpcd.json or .json suffix
 * ("my-vpc" for "/x/my-vpc.vpcd.json"), for the fallback title. */
char    *vpc_export_title_from_path (const char *path);

/* The export's page (diagram, title block, margins) for documents that
 * hold it, e.g. the review report: its size in units, drawn at @scale with
 * its top left corner at the context's origin, or as SVG text. */
void     vpc_export_page_size (VpcDesign              *design,
                               const VpcExportOptions *options,
                               double                 *width,
                               double                 *height);
void     vpc_export_draw (VpcDesign              *design,
                          const VpcExportOptions *options,
                          cairo_t                *cr,
                          double                  scale);
char    *vpc_export_svg_text (VpcDesign              *design,
                              const VpcExportOptions *options);

gboolean vpc_export_to_file_full (VpcDesign              *design,
                                  const char             *path,
                                  const VpcExportOptions *options,
                                  GError                **error);

/* Writes @design to @path; the suffix (.png, .svg, .pdf) picks the format.
 * Fits the content with margins, with the title block and legend, findings
 * shown on their elements. @scale (VPC_EXPORT_MIN_SCALE to _MAX_SCALE, else
 * an error) multiplies the size (PNG pixels). The file is written safely: on
 * error nothing is left at @path (or the old file stays). */
gboolean vpc_export_to_file (VpcDesign  *design,
                             const char *path,
                             VpcTheme    theme,
                             double      scale,
                             GError    **error);

G_END_DECLS
