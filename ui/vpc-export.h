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
