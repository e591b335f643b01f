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

/* Writes @design to @path; the suffix (.png, .svg, .pdf) picks the format.
 * Fits the content with margins, with the title block and legend, findings
 * shown on their elements. @scale multiplies the size (PNG pixels). The file
 * is written safely: on error nothing is left at @path (or the old file stays). */
gboolean vpc_export_to_file (VpcDesign  *design,
                             const char *path,
                             VpcTheme    theme,
                             double      scale,
                             GError    **error);

G_END_DECLS
