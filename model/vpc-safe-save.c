/* vpc-safe-save.c: replace a file so that a crash or a full disk never
 * leaves it half-written (RELIABILITY.md §1.5).
 *
 * Not g_file_replace_contents(): on a write error it renames the truncated
 * temporary file over the original. Not g_file_set_contents(): it resets the
 * mode and replaces symlinks.
 */
#include "vpc-safe-save.h"

#include <errno.h>
#include <string.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <glib/gstdio.h>

#define MAX_SYMLINK_HOPS 40

static gboolean
fail_errno (GError    **error,
            const char *path,
            const char *what,
            int         saved_errno)
{
  g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (saved_errno),
               "cannot save “%s”: %s: %s", path, what, g_strerror (saved_errno));
  return FALSE;
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
  fail_errno (error, path, "following symbolic links", ELOOP);
  return NULL;
}

static gboolean
write_all (int         fd,
           const char *data,
           gsize       length)
{
  while (length > 0)
    {
      gssize n = write (fd, data, MIN (length, (gsize) G_MAXSSIZE));

      if (n < 0 && errno == EINTR)
        continue;
      if (n <= 0)
        {
          if (n == 0)
            errno = EIO;
          return FALSE;
        }
      data += n;
      length -= (gsize) n;
    }
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

/* Writes and flushes @tmp; on failure removes it and sets @error. */
static gboolean
write_temp (const char     *path,
            char           *tmp,
            const GStatBuf *old,
            const char     *data,
            gsize           length,
            GError        **error)
{
  int fd = g_mkstemp_full (tmp, O_WRONLY | O_CLOEXEC, 0666);
  int saved_errno;
  const char *what;

  if (fd < 0)
    return fail_errno (error, path, "creating a temporary file", errno);
  if (!write_all (fd, data, length))
    what = "writing";
  else if (!copy_attributes (fd, old))
    what = "setting the permissions";
  else if (fsync (fd) != 0)
    what = "flushing to disk";
  else
    {
      if (close (fd) == 0)
        return TRUE;
      fd = -1;
      what = "closing";
    }
  saved_errno = errno;
  if (fd >= 0)
    close (fd);
  g_unlink (tmp);
  return fail_errno (error, path, what, saved_errno);
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
    return fail_errno (error, path, "opening the folder to flush it", errno);
  if (fsync (fd) == 0 || errno == EINVAL || errno == ENOTSUP)
    {
      close (fd);
      return TRUE;
    }
  saved_errno = errno;
  close (fd);
  return fail_errno (error, path, "flushing the folder", saved_errno);
}

gboolean
vpc_safe_save (const char *path,
               const char *data,
               gsize       length,
               GError    **error)
{
  g_autofree char *real = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *base = NULL;
  g_autofree char *tmp_name = NULL;
  g_autofree char *tmp = NULL;
  GStatBuf st;
  gboolean exists;

  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (data != NULL || length == 0, FALSE);

  real = resolve_symlinks (path, error);
  if (real == NULL)
    return FALSE;
  exists = g_stat (real, &st) == 0;
  if (!exists && errno != ENOENT)
    return fail_errno (error, path, "reading its permissions", errno);
  if (exists && S_ISDIR (st.st_mode))
    return fail_errno (error, path, "it is a folder", EISDIR);

  dir = g_path_get_dirname (real);
  base = g_path_get_basename (real);
  tmp_name = g_strdup_printf (".%s.vpcd-tmp-XXXXXX", base);
  tmp = g_build_filename (dir, tmp_name, NULL);
  if (!write_temp (path, tmp, exists ? &st : NULL, data != NULL ? data : "", length, error))
    return FALSE;
  if (g_rename (tmp, real) != 0)
    {
      int saved_errno = errno;

      g_unlink (tmp);
      return fail_errno (error, path, "replacing the file", saved_errno);
    }
  return sync_folder (path, dir, error);
}

/* A temporary name ".NAME.vpcd-tmp-XXXXXX" for the file NAME. */
static gboolean
is_temp_of (const char *entry,
            const char *base)
{
  gsize base_len = strlen (base);
  const char *rest;

  if (entry[0] != '.' || strncmp (entry + 1, base, base_len) != 0)
    return FALSE;
  rest = entry + 1 + base_len;
  return g_str_has_prefix (rest, ".vpcd-tmp-") && strlen (rest) == strlen (".vpcd-tmp-XXXXXX");
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
  const char *entry;
  guint removed = 0;

  if (real == NULL)
    return 0;
  dir_path = g_path_get_dirname (real);
  base = g_path_get_basename (real);
  dir = g_dir_open (dir_path, 0, NULL);
  while (dir != NULL && (entry = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *candidate = NULL;
      GStatBuf st;

      if (!is_temp_of (entry, base))
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
