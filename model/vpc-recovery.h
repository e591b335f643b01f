/* SPDX-License-Identifier: GPL-3.0-or-later */
/* vpc-recovery.h: recovery copies of unsaved designs.
 *
 * GTK-free. Files live in g_get_user_data_dir()/org.example.VpcDesigner/recovery/:
 *   <uuid>.vpcd.json   the design as vpc_file_serialize() writes it (vpc_safe_save)
 *   index.ini          uuid -> original path, display name, time, owning process
 *   running-<pid>      a marker per running process, removed on a clean exit
 *
 * A process calls vpc_recovery_begin_session() at start: it reports whether
 * an earlier process died without ending its session, and
 * vpc_recovery_list_orphans() then lists the copies such processes left.
 * Each open design gets a VpcRecoveryWriter that rewrites its copy a few
 * seconds after the last change and removes it on save or close.
 */
#pragma once

#include "vpc-design.h"

G_BEGIN_DECLS

#define VPC_RECOVERY_DEFAULT_DELAY_MS 3000

typedef struct
{
  char   *id;            /* the uuid */
  char   *path;          /* the recovery file */
  char   *original_path; /* the design's own file, or NULL when never saved */
  char   *name;          /* the design's name when it was written */
  gint64  written;       /* unix time, seconds */
} VpcRecoveryEntry;

void              vpc_recovery_entry_free (VpcRecoveryEntry *entry);

/* The recovery folder (created on demand). */
char             *vpc_recovery_get_dir (void);
/* Marks this process as running. Returns TRUE when an earlier process
 * exited uncleanly (its marker is still there and it is gone). */
gboolean          vpc_recovery_begin_session (void);
/* Removes this process's marker: a clean exit. */
void              vpc_recovery_end_session (void);

/* Copies left by processes that are no longer running, newest first. */
GPtrArray        *vpc_recovery_list_orphans (void);
/* Loads a copy; the design is marked modified (it was never saved). */
VpcDesign        *vpc_recovery_load (const VpcRecoveryEntry *entry,
                                     GError                **error);

/* Writes the copy @id now (a fresh uuid when @id is NULL; returned). */
char             *vpc_recovery_write (const char *id,
                                      VpcDesign  *design,
                                      const char *original_path,
                                      GError    **error);
/* Removes the copy @id and its index entry (no error if absent). */
void              vpc_recovery_discard (const char *id);

#define VPC_TYPE_RECOVERY_WRITER (vpc_recovery_writer_get_type ())
G_DECLARE_FINAL_TYPE (VpcRecoveryWriter, vpc_recovery_writer, VPC, RECOVERY_WRITER, GObject)

/* Follows @design: @delay_ms after its last change (and while it is
 * modified) the copy is rewritten; when the design is saved (no longer
 * modified) the copy is removed. A design that is modified already (a
 * recovered copy) is written after the delay, or at once by _flush(). */
VpcRecoveryWriter *vpc_recovery_writer_new (VpcDesign  *design,
                                            const char *original_path);
void               vpc_recovery_writer_set_delay (VpcRecoveryWriter *self,
                                                  guint              delay_ms);
/* After "Save As": the index records the new path. */
void               vpc_recovery_writer_set_original_path (VpcRecoveryWriter *self,
                                                          const char        *path);
/* The uuid of its copy. */
const char        *vpc_recovery_writer_get_id (VpcRecoveryWriter *self);
/* Writes a pending change now (e.g. before quitting with unsaved changes). */
void               vpc_recovery_writer_flush (VpcRecoveryWriter *self);
/* Removes the copy for good: call when the document is closed. */
void               vpc_recovery_writer_discard (VpcRecoveryWriter *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (VpcRecoveryEntry, vpc_recovery_entry_free)

G_END_DECLS
