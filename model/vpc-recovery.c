/* SPDX-License-Identifier: GPL-3.0-or-later */
/* vpc-recovery.c: recovery copies of unsaved designs. */
#include "vpc-recovery.h"

#include <errno.h>
#include <glib/gstdio.h>
#include <signal.h>
#include <string.h>
#include <sys/types.h>
#include <unistd.h>

#include "vpc-file.h"
#include "vpc-safe-save.h"

#define INDEX_NAME  "index.ini"
#define SUFFIX      ".vpcd.json"
#define APP_FOLDER  "org.example.VpcDesigner"

void
vpc_recovery_entry_free (VpcRecoveryEntry *entry)
{
  if (entry == NULL)
    return;
  g_free (entry->id);
  g_free (entry->path);
  g_free (entry->original_path);
  g_free (entry->name);
  g_free (entry);
}

char *
vpc_recovery_get_dir (void)
{
  char *dir = g_build_filename (g_get_user_data_dir (), APP_FOLDER, "recovery", NULL);

  g_mkdir_with_parents (dir, 0700);
  return dir;
}

static char *
recovery_file (const char *name)
{
  g_autofree char *dir = vpc_recovery_get_dir ();

  return g_build_filename (dir, name, NULL);
}

/* A killed process that its parent has not reaped yet still answers
 * kill (pid, 0): on Linux, read its state and treat a zombie as dead. */
static gboolean
process_is_zombie (gint64 pid)
{
  g_autofree char *path = g_strdup_printf ("/proc/%" G_GINT64_FORMAT "/stat", pid);
  g_autofree char *stat = NULL;
  const char *after_name;

  if (!g_file_get_contents (path, &stat, NULL, NULL))
    return FALSE;
  /* "PID (COMM) STATE ...": COMM may hold spaces and parentheses. */
  after_name = strrchr (stat, ')');
  return after_name != NULL && after_name[1] == ' ' && after_name[2] == 'Z';
}

static gboolean
process_alive (gint64 pid)
{
  if (pid <= 0)
    return FALSE;
  if (pid == getpid ())
    return TRUE;
  if (kill ((pid_t) pid, 0) != 0 && errno != EPERM)
    return FALSE;
  return !process_is_zombie (pid);
}

/* The index: one group per uuid. Read-modify-write is fine: each process
 * only adds or removes its own groups and writes the whole file atomically. */
static GKeyFile *
index_load (void)
{
  g_autofree char *path = recovery_file (INDEX_NAME);
  GKeyFile *index = g_key_file_new ();

  g_key_file_load_from_file (index, path, G_KEY_FILE_NONE, NULL);
  return index;
}

static gboolean
index_save (GKeyFile *index,
            GError  **error)
{
  g_autofree char *path = recovery_file (INDEX_NAME);
  gsize length;
  g_autofree char *data = g_key_file_to_data (index, &length, NULL);

  return vpc_safe_save (path, data, length, error);
}

gboolean
vpc_recovery_begin_session (void)
{
  g_autofree char *dir = vpc_recovery_get_dir ();
  g_autofree char *own = g_strdup_printf ("running-%d", (int) getpid ());
  g_autofree char *own_path = g_build_filename (dir, own, NULL);
  g_autoptr(GDir) folder = g_dir_open (dir, 0, NULL);
  gboolean unclean = FALSE;
  const char *name;

  while (folder != NULL && (name = g_dir_read_name (folder)) != NULL)
    {
      gint64 pid;

      if (!g_str_has_prefix (name, "running-") || g_str_equal (name, own))
        continue;
      pid = g_ascii_strtoll (name + strlen ("running-"), NULL, 10);
      if (!process_alive (pid))
        {
          g_autofree char *stale = g_build_filename (dir, name, NULL);

          unclean = TRUE;
          g_unlink (stale);
        }
    }
  g_file_set_contents (own_path, "", 0, NULL);
  return unclean;
}

void
vpc_recovery_end_session (void)
{
  g_autofree char *own = g_strdup_printf ("running-%d", (int) getpid ());
  g_autofree char *path = recovery_file (own);

  g_unlink (path);
}

static int
compare_newest_first (gconstpointer a,
                      gconstpointer b)
{
  const VpcRecoveryEntry *x = *(VpcRecoveryEntry *const *) a;
  const VpcRecoveryEntry *y = *(VpcRecoveryEntry *const *) b;

  return (x->written < y->written) - (x->written > y->written);
}

GPtrArray *
vpc_recovery_list_orphans (void)
{
  g_autoptr(GKeyFile) index = index_load ();
  g_auto(GStrv) groups = g_key_file_get_groups (index, NULL);
  GPtrArray *entries = g_ptr_array_new_with_free_func ((GDestroyNotify) vpc_recovery_entry_free);

  for (guint i = 0; groups[i] != NULL; i++)
    {
      g_autofree char *file = g_strconcat (groups[i], SUFFIX, NULL);
      g_autofree char *path = recovery_file (file);
      VpcRecoveryEntry *entry;

      if (process_alive (g_key_file_get_int64 (index, groups[i], "pid", NULL)) ||
          !g_file_test (path, G_FILE_TEST_IS_REGULAR))
        continue;
      entry = g_new0 (VpcRecoveryEntry, 1);
      entry->id = g_strdup (groups[i]);
      entry->path = g_steal_pointer (&path);
      entry->original_path = g_key_file_get_string (index, groups[i], "original", NULL);
      if (entry->original_path != NULL && entry->original_path[0] == '\0')
        g_clear_pointer (&entry->original_path, g_free);
      entry->name = g_key_file_get_string (index, groups[i], "name", NULL);
      entry->written = g_key_file_get_int64 (index, groups[i], "written", NULL);
      g_ptr_array_add (entries, entry);
    }
  g_ptr_array_sort (entries, compare_newest_first);
  return entries;
}

VpcDesign *
vpc_recovery_load (const VpcRecoveryEntry *entry,
                   GError                **error)
{
  VpcDesign *design;

  g_return_val_if_fail (entry != NULL, NULL);

  design = vpc_file_load_path (entry->path, NULL, error);
  if (design == NULL)
    return NULL;
  /* Unsaved, with nothing to undo. */
  vpc_design_mark_unsaved (design);
  g_assert (vpc_design_get_modified (design));
  return design;
}

char *
vpc_recovery_write (const char *id,
                    VpcDesign  *design,
                    const char *original_path,
                    GError    **error)
{
  g_autofree char *uuid = id != NULL ? g_strdup (id) : g_uuid_string_random ();
  g_autofree char *file = g_strconcat (uuid, SUFFIX, NULL);
  g_autofree char *path = recovery_file (file);
  g_autoptr(GKeyFile) index = NULL;
  g_autofree char *data = NULL;
  gsize length;

  g_return_val_if_fail (VPC_IS_DESIGN (design), NULL);

  data = vpc_file_serialize (design, &length);
  if (!vpc_safe_save (path, data, length, error))
    return NULL;
  index = index_load ();
  g_key_file_set_string (index, uuid, "original", original_path != NULL ? original_path : "");
  g_key_file_set_string (index, uuid, "name", vpc_design_get_info (design)->name != NULL
                                              ? vpc_design_get_info (design)->name : "");
  g_key_file_set_int64 (index, uuid, "written", g_get_real_time () / G_USEC_PER_SEC);
  g_key_file_set_int64 (index, uuid, "pid", getpid ());
  if (!index_save (index, error))
    return NULL;
  return g_steal_pointer (&uuid);
}

void
vpc_recovery_discard (const char *id)
{
  g_autofree char *file = NULL;
  g_autofree char *path = NULL;
  g_autoptr(GKeyFile) index = NULL;

  g_return_if_fail (id != NULL);

  file = g_strconcat (id, SUFFIX, NULL);
  path = recovery_file (file);
  g_unlink (path);
  index = index_load ();
  if (g_key_file_remove_group (index, id, NULL))
    index_save (index, NULL);
}

/* VpcRecoveryWriter */

struct _VpcRecoveryWriter
{
  GObject    parent_instance;

  VpcDesign *design;
  char      *id;
  char      *original_path;
  guint      delay_ms;
  guint      timeout_id;
  gulong     changed_id;
  gulong     modified_id;
  gboolean   written;
};

G_DEFINE_FINAL_TYPE (VpcRecoveryWriter, vpc_recovery_writer, G_TYPE_OBJECT)

static void
writer_write (VpcRecoveryWriter *self)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *id = NULL;

  g_clear_handle_id (&self->timeout_id, g_source_remove);
  if (self->design == NULL || !vpc_design_get_modified (self->design))
    return;
  id = vpc_recovery_write (self->id, self->design, self->original_path, &error);
  if (id == NULL)
    g_debug ("Could not write the recovery copy: %s", error->message);
  else
    self->written = TRUE;
}

static gboolean
timeout_cb (gpointer data)
{
  VpcRecoveryWriter *self = data;

  self->timeout_id = 0;
  writer_write (self);
  return G_SOURCE_REMOVE;
}

static void
design_changed_cb (VpcRecoveryWriter *self)
{
  g_clear_handle_id (&self->timeout_id, g_source_remove);
  if (vpc_design_get_modified (self->design))
    self->timeout_id = g_timeout_add (self->delay_ms, timeout_cb, self);
}

/* Saved (or undone back to the saved state): the copy is not needed. */
static void
modified_cb (VpcRecoveryWriter *self)
{
  if (vpc_design_get_modified (self->design))
    return;
  g_clear_handle_id (&self->timeout_id, g_source_remove);
  if (self->written)
    vpc_recovery_discard (self->id);
  self->written = FALSE;
}

static void
vpc_recovery_writer_dispose (GObject *object)
{
  VpcRecoveryWriter *self = VPC_RECOVERY_WRITER (object);

  g_clear_handle_id (&self->timeout_id, g_source_remove);
  g_clear_signal_handler (&self->changed_id, self->design);
  g_clear_signal_handler (&self->modified_id, self->design);
  g_clear_object (&self->design);
  G_OBJECT_CLASS (vpc_recovery_writer_parent_class)->dispose (object);
}

static void
vpc_recovery_writer_finalize (GObject *object)
{
  VpcRecoveryWriter *self = VPC_RECOVERY_WRITER (object);

  g_free (self->id);
  g_free (self->original_path);
  G_OBJECT_CLASS (vpc_recovery_writer_parent_class)->finalize (object);
}

static void
vpc_recovery_writer_class_init (VpcRecoveryWriterClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = vpc_recovery_writer_dispose;
  object_class->finalize = vpc_recovery_writer_finalize;
}

static void
vpc_recovery_writer_init (VpcRecoveryWriter *self)
{
  self->id = g_uuid_string_random ();
  self->delay_ms = VPC_RECOVERY_DEFAULT_DELAY_MS;
}

VpcRecoveryWriter *
vpc_recovery_writer_new (VpcDesign  *design,
                         const char *original_path)
{
  VpcRecoveryWriter *self;

  g_return_val_if_fail (VPC_IS_DESIGN (design), NULL);

  self = g_object_new (VPC_TYPE_RECOVERY_WRITER, NULL);
  self->design = g_object_ref (design);
  self->original_path = g_strdup (original_path);
  self->changed_id
      = g_signal_connect_swapped (design, "changed", G_CALLBACK (design_changed_cb), self);
  self->modified_id
      = g_signal_connect_swapped (design, "notify::modified", G_CALLBACK (modified_cb), self);
  /* A design that is already unsaved (a recovered copy) is a pending change. */
  design_changed_cb (self);
  return self;
}

void
vpc_recovery_writer_set_delay (VpcRecoveryWriter *self,
                               guint              delay_ms)
{
  g_return_if_fail (VPC_IS_RECOVERY_WRITER (self));

  self->delay_ms = delay_ms;
}

void
vpc_recovery_writer_set_original_path (VpcRecoveryWriter *self,
                                       const char        *path)
{
  g_return_if_fail (VPC_IS_RECOVERY_WRITER (self));

  g_free (self->original_path);
  self->original_path = g_strdup (path);
}

const char *
vpc_recovery_writer_get_id (VpcRecoveryWriter *self)
{
  g_return_val_if_fail (VPC_IS_RECOVERY_WRITER (self), NULL);

  return self->id;
}

void
vpc_recovery_writer_flush (VpcRecoveryWriter *self)
{
  g_return_if_fail (VPC_IS_RECOVERY_WRITER (self));

  if (self->timeout_id != 0)
    writer_write (self);
}

void
vpc_recovery_writer_discard (VpcRecoveryWriter *self)
{
  g_return_if_fail (VPC_IS_RECOVERY_WRITER (self));

  g_clear_handle_id (&self->timeout_id, g_source_remove);
  vpc_recovery_discard (self->id);
  self->written = FALSE;
}
