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

/* Removes the temporary files that saves of @path left behind when the
 * process died mid-save, if they are older than @min_age (microseconds), so a
 * save running elsewhere is not disturbed. Returns how many were removed. */
guint    vpc_safe_save_remove_stale (const char *path,
                                     GTimeSpan   min_age);

G_END_DECLS
