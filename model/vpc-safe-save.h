/* SPDX-License-Identifier: GPL-3.0-or-later */
/* vpc-safe-save.h: the one way the app writes a file: design saves,
 * recovery copies, exports in every format and reports. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* A file being written: a temporary file beside the target that takes the
 * target's place on vpc_safe_save_commit(). Streams of any size go through
 * it without being held in memory. */
typedef struct _VpcSafeSave VpcSafeSave;

/* Checks, without writing anything, that @path may be replaced: symlinks
 * are followed to the file that really gets written; a folder, device,
 * FIFO or socket there is refused; so is the file @input (may be NULL)
 * under any name: the same file through a symlink or a hard link. */
gboolean     vpc_safe_save_check (const char *path,
                                  const char *input,
                                  GError    **error);

/* Starts writing @path: makes the checks of vpc_safe_save_check() (without
 * @input) and creates the temporary file, ".NAME.vpcd-tmp-XXXXXX", or
 * ".vpcd-tmp-XXXXXX" when NAME is too long to take a suffix. */
VpcSafeSave *vpc_safe_save_begin (const char *path,
                                  GError    **error);
/* Appends @data. After a failure every later write fails too; give up with
 * vpc_safe_save_abort(). */
gboolean     vpc_safe_save_write (VpcSafeSave *self,
                                  const void  *data,
                                  gsize        length,
                                  GError     **error);
/* Flushes the temporary file to disk, gives it the old file's mode (a new
 * file keeps what the umask gave it), renames it over the target and
 * flushes the folder. Frees @self. On failure the old file is untouched and
 * no temporary file remains. */
gboolean     vpc_safe_save_commit (VpcSafeSave *self,
                                   GError     **error);
/* Removes the temporary file and frees @self; NULL is ignored. */
void         vpc_safe_save_abort (VpcSafeSave *self);

/* begin, write and commit in one call. */
gboolean     vpc_safe_save (const char *path,
                            const char *data,
                            gsize       length,
                            GError    **error);

/* Removes the temporary files that saves of @path left behind when the
 * process died mid-save, if they are older than @min_age (microseconds), so a
 * save running elsewhere is not disturbed. For a name too long to take a
 * suffix this includes the folder's ".vpcd-tmp-XXXXXX" files, which belong
 * to one of its long-named files. Returns how many were removed. */
guint        vpc_safe_save_remove_stale (const char *path,
                                         GTimeSpan   min_age);

/* "a folder", "a pipe (FIFO)", "a character device", …: what a stat mode
 * that is not a regular file names, for messages (translated). */
const char  *vpc_safe_save_kind_name (guint mode);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (VpcSafeSave, vpc_safe_save_abort)

G_END_DECLS
