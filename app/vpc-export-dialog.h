/* SPDX-License-Identifier: GPL-3.0-or-later */
/* vpc-export-dialog.h: the choices of an export (issue 10): format, scale,
 * theme, background, title block and legend, remembered in GSettings.
 *
 * The dialog only chooses. Its "Export…" button emits "export-requested";
 * the window then asks where (a file chooser) and calls
 * vpc_export_dialog_write(), which draws at the chosen settings, the
 * text-size preference and, for an unnamed design, the file's name as
 * the title.
 */
#pragma once

#include <adwaita.h>

#include "vpc-design.h"
#include "vpc-export.h"

G_BEGIN_DECLS

#define VPC_TYPE_EXPORT_DIALOG (vpc_export_dialog_get_type ())
G_DECLARE_FINAL_TYPE (VpcExportDialog, vpc_export_dialog, VPC, EXPORT_DIALOG, AdwWindow)

/* @settings may be NULL: the app's schema is used when it is installed,
 * else the choices start at their defaults and are not remembered.
 * @format ("png", "svg", "pdf", "json" or NULL: the last one) is chosen
 * first. @design_file (may be NULL) names the fallback title. */
GtkWidget  *vpc_export_dialog_new (GtkWindow  *parent,
                                   VpcDesign  *design,
                                   GFile      *design_file,
                                   GSettings  *settings,
                                   const char *format);
/* "png", "svg", "pdf" or "json". */
const char *vpc_export_dialog_get_format (VpcExportDialog *self);
/* The suffix of the chosen format: ".png", …, ".vpcd.json". */
const char *vpc_export_dialog_get_suffix (VpcExportDialog *self);
/* The choices as export options (fallback_title points into the dialog). */
void        vpc_export_dialog_get_options (VpcExportDialog  *self,
                                           VpcExportOptions *options);
/* Writes the design to @path in the chosen format; never over the design
 * file itself (that is Save). */
gboolean    vpc_export_dialog_write (VpcExportDialog *self,
                                     const char      *path,
                                     GError         **error);

G_END_DECLS
