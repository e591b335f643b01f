/* SPDX-License-Identifier: GPL-3.0-or-later */
/* vpc-safe-save.c: replace a file so that a crash or a full disk never
 * leaves it half-written. Every file the app writes
 * goes through here, so symlinks, modes and refusals work the same way for
 * a design, a recovery copy, an export and a report.
 *
 * Not g_file_replace_contents(): on a write error it renames the truncated
 * temporary file over the original. Not g_file_set_contents(): it resets the
 * mode and replaces symlinks.
 */
/* sync_file_range() */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE
#endif
#include "vpc-safe-save.h"

#include <errno.h>
#include <string.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <glib/gstdio.h>

#include "vpc-i18n.h"

#define MAX_SYMLINK_HOPS 40
/* Small writes (cairo's PDF stream, libpng's chunks) are gathered. */
#define BUFFER_SIZE      (64 * 1024)
/* How much written data may wait before its write-back is started. */
#define WRITEBACK_STEP   (2 * 1024 * 1024)
#define TEMP_SUFFIX      ".vpcd-tmp-XXXXXX"
/* What a file system without pathconf() answers allows (NAME_MAX). */
#define FALLBACK_NAME_MAX 255

struct _VpcSafeSave
{
  char     *path;     /* as given, for messages */
  char     *real;     /* the file that gets replaced, symlinks followed */
  char     *dir;
  char     *tmp;
  int       fd;
  gboolean  exists;
  GStatBuf  old;
  gboolean  failed;
  gsize     buffered;
  off_t     written;    /* bytes written to @fd so far */
  off_t     started;    /* of those, bytes whose write-back was started */
  guint8    buffer[BUFFER_SIZE];
};

/* @what (N_()) says what failed, as in "writing". */
static gboolean
fail_errno (GError    **error,
            const char *path,
            const char *what,
            int         saved_errno)
{
  g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (saved_errno),
               /* TRANSLATORS: a file name, what failed ("writing"), and the
                * system's reason. */
               _("cannot write “%s”: %s: %s"), path, _(what), g_strerror (saved_errno));
  return FALSE;
}

const char *
vpc_safe_save_kind_name (guint mode)
{
  if (S_ISDIR (mode))
    return _("a folder");
  if (S_ISFIFO (mode))
    return _("a pipe (FIFO)");
  if (S_ISSOCK (mode))
    return _("a socket");
  if (S_ISCHR (mode))
    return _("a character device");
  if (S_ISBLK (mode))
    return _("a block device");
  if (S_ISLNK (mode))
    return _("a symbolic link");
  return _("not a regular file");
}

/* Follows symlinks to the file that really gets replaced, which may not
 * exist yet (a dangling link creates its target). */
static char *
resolve_symlinks (const char *path,
                  GError    **error)
{
  g_autofree char *current = g_strdup (path);

  for (int hops = 0; hops < MAX_SYMLINK_HOPS; hops++)
    {
      g_autofree char *target = NULL;
      GStatBuf st;

      if (g_lstat (current, &st) != 0 || !S_ISLNK (st.st_mode))
        return g_steal_pointer (&current);
      target = g_file_read_link (current, error);
      if (target == NULL)
        return NULL;
      if (!g_path_is_absolute (target))
        {
          g_autofree char *dir = g_path_get_dirname (current);
          char *joined = g_build_filename (dir, target, NULL);

          g_free (target);
          target = joined;
        }
      g_free (current);
      current = g_steal_pointer (&target);
    }
  fail_errno (error, path, N_("following symbolic links"), ELOOP);
  return NULL;
}

/* Resolves @path and refuses what must not be replaced by a regular file.
 * Returns the real path, with @exists and @st describing what is there. */
static char *
resolve_target (const char *path,
                gboolean   *exists,
                GStatBuf   *st,
                GError    **error)
{
  g_autofree char *real = resolve_symlinks (path, error);
  GFileError code;

  if (real == NULL)
    return NULL;
  *exists = g_stat (real, st) == 0;
  if (!*exists && errno != ENOENT)
    {
      fail_errno (error, path, N_("reading its permissions"), errno);
      return NULL;
    }
  if (!*exists || S_ISREG (st->st_mode))
    return g_steal_pointer (&real);

  /* Renaming over a device or a FIFO would replace the node itself (the
   * export would never reach the device); over a folder it fails anyway. */
  code = S_ISDIR (st->st_mode) ? G_FILE_ERROR_ISDIR : G_FILE_ERROR_INVAL;
  if (g_strcmp0 (real, path) != 0)
    g_set_error (error, G_FILE_ERROR, code,
                 /* TRANSLATORS: a file name, what it is ("a folder"), and where
                  * the symbolic link of that name leads. */
                 _("cannot write “%s”: it is %s, not a file (the symbolic link leads to “%s”); "
                    "choose another name"),
                 path, vpc_safe_save_kind_name (st->st_mode), real);
  else
    /* TRANSLATORS: a file name, then what it is ("a folder"). */
    g_set_error (error, G_FILE_ERROR, code,
                 _("cannot write “%s”: it is %s, not a file; choose another name"), path,
                 vpc_safe_save_kind_name (st->st_mode));
  return NULL;
}

gboolean
vpc_safe_save_check (const char *path,
                     const char *input,
                     GError    **error)
{
  g_autofree char *real = NULL;
  GStatBuf st, in;
  gboolean exists;

  g_return_val_if_fail (path != NULL, FALSE);

  real = resolve_target (path, &exists, &st, error);
  if (real == NULL)
    return FALSE;
  /* stat() follows symlinks and a hard link shares the inode: one test
   * finds the input under any of its names. */
  if (exists && input != NULL && g_stat (input, &in) == 0 &&
      in.st_dev == st.st_dev && in.st_ino == st.st_ino)
    {
      g_set_error (error, G_FILE_ERROR, G_FILE_ERROR_EXIST,
                   _("cannot write “%s”: it is the design file “%s” itself, which would be "
                     "lost; choose another name"), path, input);
      return FALSE;
    }
  return TRUE;
}

static gsize
name_max (const char *dir)
{
  long limit = pathconf (dir, _PC_NAME_MAX);

  return limit > 0 ? (gsize) limit : FALLBACK_NAME_MAX;
}

/* ".NAME.vpcd-tmp-XXXXXX" beside the target, recognisable for clean-up;
 * ".vpcd-tmp-XXXXXX" when NAME is too long to take the suffix. */
static gboolean
takes_suffix (const char *dir,
              const char *base)
{
  return 1 + strlen (base) + strlen (TEMP_SUFFIX) <= name_max (dir);
}

VpcSafeSave *
vpc_safe_save_begin (const char *path,
                     GError    **error)
{
  g_autoptr(VpcSafeSave) self = NULL;
  g_autofree char *base = NULL;
  g_autofree char *tmp_name = NULL;

  g_return_val_if_fail (path != NULL, NULL);

  self = g_malloc (sizeof (VpcSafeSave));
  memset (self, 0, G_STRUCT_OFFSET (VpcSafeSave, buffer));
  self->fd = -1;
  self->path = g_strdup (path);
  self->real = resolve_target (path, &self->exists, &self->old, error);
  if (self->real == NULL)
    return NULL;
  self->dir = g_path_get_dirname (self->real);
  base = g_path_get_basename (self->real);
  tmp_name = takes_suffix (self->dir, base) ? g_strconcat (".", base, TEMP_SUFFIX, NULL)
                                            : g_strdup (TEMP_SUFFIX);
  self->tmp = g_build_filename (self->dir, tmp_name, NULL);
  self->fd = g_mkstemp_full (self->tmp, O_WRONLY | O_CLOEXEC, 0666);
  if (self->fd < 0)
    {
      /* Nothing was created: abort must not remove a stranger's file. */
      g_clear_pointer (&self->tmp, g_free);
      fail_errno (error, path, N_("creating a temporary file"), errno);
      return NULL;
    }
  return g_steal_pointer (&self);
}

static gboolean
write_all (int         fd,
           const void *data,
           gsize       length)
{
  const guint8 *p = data;

  while (length > 0)
    {
      gssize n = write (fd, p, MIN (length, (gsize) G_MAXSSIZE));

      if (n < 0 && errno == EINTR)
        continue;
      if (n <= 0)
        {
          if (n == 0)
            errno = EIO;
          return FALSE;
        }
      p += n;
      length -= (gsize) n;
    }
  return TRUE;
}

/* Starts writing what @self has written to the disk, without waiting for
 * it: the commit's fsync() then waits for the tail only. A 13 MB SVG spent
 * 20 ms in fsync() after the drawing; written back while the rest is
 * drawn, that time overlaps the drawing. Only a hint: errors show in
 * fsync(). */
static void
start_writeback (VpcSafeSave *self,
                 gsize        length)
{
  self->written += (off_t) length;
#if defined (__linux__) && defined (SYNC_FILE_RANGE_WRITE)
  if (self->written - self->started >= WRITEBACK_STEP)
    {
      (void) sync_file_range (self->fd, self->started, self->written - self->started,
                              SYNC_FILE_RANGE_WRITE);
      self->started = self->written;
    }
#endif
}

static gboolean
write_out (VpcSafeSave *self,
           const void  *data,
           gsize        length,
           GError     **error)
{
  if (write_all (self->fd, data, length))
    {
      start_writeback (self, length);
      return TRUE;
    }
  self->failed = TRUE;
  return fail_errno (error, self->path, N_("writing"), errno);
}

static gboolean
flush_buffer (VpcSafeSave *self,
              GError     **error)
{
  gsize length = self->buffered;

  self->buffered = 0;
  return write_out (self, self->buffer, length, error);
}

gboolean
vpc_safe_save_write (VpcSafeSave *self,
                     const void  *data,
                     gsize        length,
                     GError     **error)
{
  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (data != NULL || length == 0, FALSE);

  if (self->failed)
    return fail_errno (error, self->path, N_("writing after a failed write"), EIO);
  if (self->buffered + length > BUFFER_SIZE && self->buffered > 0 && !flush_buffer (self, error))
    return FALSE;
  if (length >= BUFFER_SIZE)
    return write_out (self, data, length, error);
  memcpy (self->buffer + self->buffered, data, length);
  self->buffered += length;
  return TRUE;
}

/* Makes the new file look like the old one: same mode and, where we may,
 * the same owner. A new file keeps what umask gave it at creation. */
static gboolean
copy_attributes (int             fd,
                 const GStatBuf *old)
{
  if (old == NULL)
    return TRUE;
  if ((old->st_uid != geteuid () || old->st_gid != getegid ()) &&
      fchown (fd, old->st_uid, old->st_gid) != 0)
    {
      /* Only root may give a file away; keeping our own ownership is fine. */
    }
  return fchmod (fd, old->st_mode & 07777) == 0;
}

/* After the rename: makes the new directory entry durable. */
static gboolean
sync_folder (const char *path,
             const char *dir,
             GError    **error)
{
  int fd = open (dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  int saved_errno;

  if (fd < 0)
    return fail_errno (error, path, N_("opening the folder to flush it"), errno);
  if (fsync (fd) == 0 || errno == EINVAL || errno == ENOTSUP)
    {
      close (fd);
      return TRUE;
    }
  saved_errno = errno;
  close (fd);
  return fail_errno (error, path, N_("flushing the folder"), saved_errno);
}

gboolean
vpc_safe_save_commit (VpcSafeSave *save,
                      GError     **error)
{
  g_autoptr(VpcSafeSave) self = save;
  const char *what = NULL;
  int saved_errno;

  g_return_val_if_fail (self != NULL, FALSE);

  if (self->failed)
    return fail_errno (error, self->path, N_("writing"), EIO);
  if (!flush_buffer (self, error))
    return FALSE;
  if (!copy_attributes (self->fd, self->exists ? &self->old : NULL))
    what = N_("setting the permissions");
  else if (fsync (self->fd) != 0)
    what = N_("flushing to disk");
  if (what == NULL)
    {
      int fd = self->fd;

      self->fd = -1;
      if (close (fd) != 0)
        what = N_("closing");
    }
  if (what == NULL && g_rename (self->tmp, self->real) != 0)
    what = N_("replacing the file");
  if (what != NULL)
    {
      saved_errno = errno;
      return fail_errno (error, self->path, what, saved_errno);
    }
  /* Renamed: nothing is left for the clean-up to remove. */
  g_clear_pointer (&self->tmp, g_free);
  return sync_folder (self->path, self->dir, error);
}

void
vpc_safe_save_abort (VpcSafeSave *self)
{
  if (self == NULL)
    return;
  if (self->fd >= 0)
    close (self->fd);
  if (self->tmp != NULL)
    g_unlink (self->tmp);
  g_free (self->path);
  g_free (self->real);
  g_free (self->dir);
  g_free (self->tmp);
  g_free (self);
}

gboolean
vpc_safe_save (const char *path,
               const char *data,
               gsize       length,
               GError    **error)
{
  g_autoptr(VpcSafeSave) save = NULL;

  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (data != NULL || length == 0, FALSE);

  save = vpc_safe_save_begin (path, error);
  if (save == NULL || !vpc_safe_save_write (save, data != NULL ? data : "", length, error))
    return FALSE;
  return vpc_safe_save_commit (g_steal_pointer (&save), error);
}

/* "XXXXXX" as g_mkstemp() fills it: letters and digits. */
static gboolean
is_temp_tail (const char *rest)
{
  if (!g_str_has_prefix (rest, ".vpcd-tmp-") || strlen (rest) != strlen (TEMP_SUFFIX))
    return FALSE;
  for (const char *p = rest + strlen (".vpcd-tmp-"); *p != '\0'; p++)
    if (!g_ascii_isalnum (*p))
      return FALSE;
  return TRUE;
}

/* A temporary name of the file NAME: ".NAME.vpcd-tmp-XXXXXX", or the short
 * ".vpcd-tmp-XXXXXX" when @short_form. */
static gboolean
is_temp_of (const char *entry,
            const char *base,
            gboolean    short_form)
{
  gsize base_len = strlen (base);

  if (short_form && is_temp_tail (entry))
    return TRUE;
  if (entry[0] != '.' || strncmp (entry + 1, base, base_len) != 0)
    return FALSE;
  return is_temp_tail (entry + 1 + base_len);
}

guint
vpc_safe_save_remove_stale (const char *path,
                            GTimeSpan   min_age)
{
  g_autofree char *real = resolve_symlinks (path, NULL);
  g_autofree char *dir_path = NULL;
  g_autofree char *base = NULL;
  g_autoptr(GDir) dir = NULL;
  gint64 now = g_get_real_time ();
  gboolean short_form;
  const char *entry;
  guint removed = 0;

  if (real == NULL)
    return 0;
  dir_path = g_path_get_dirname (real);
  base = g_path_get_basename (real);
  short_form = !takes_suffix (dir_path, base);
  dir = g_dir_open (dir_path, 0, NULL);
  while (dir != NULL && (entry = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *candidate = NULL;
      GStatBuf st;

      if (!is_temp_of (entry, base, short_form))
        continue;
      candidate = g_build_filename (dir_path, entry, NULL);
      /* A young temporary file may belong to a save in progress elsewhere. */
      if (g_lstat (candidate, &st) != 0 || !S_ISREG (st.st_mode) ||
          now - (gint64) st.st_mtime * G_USEC_PER_SEC < min_age)
        continue;
      if (g_unlink (candidate) == 0)
        removed++;
    }
  return removed;
}
