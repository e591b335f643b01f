/* vpc-safe-save.h: atomic, durable file replacement (RELIABILITY.md §1.5). */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Writes @data to a temporary file beside the target (".NAME.vpcd-tmp-XXXXXX"),
 * fsyncs it, keeps the old file's mode, renames it over the target (following
 * symlinks to the real file) and fsyncs the folder. On any failure the old
 * file is untouched and no temporary file remains. */
gboolean vpc_safe_save (const char *path,
                        const char *data,
                        gsize       length,
                        GError    **error);

G_END_DECLS
