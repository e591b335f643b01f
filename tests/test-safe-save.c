/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-safe-save.c: vpc_safe_save() keeps the old file on any failure,
 * leaves no temporary file, keeps the mode and writes through symlinks
 *, streams, refuses devices, FIFOs, sockets, folders
 * and the input file, and works for names up to NAME_MAX. */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <utime.h>
#include <unistd.h>

#include <gio/gio.h>
#include <gio/gunixsocketaddress.h>
#include <glib/gstdio.h>

#include "io-test-utils.h"
#include "vpc-safe-save.h"

typedef struct
{
  char *dir;
  char *path;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  f->dir = g_dir_make_tmp ("vpc-safe-save-XXXXXX", &error);
  g_assert_no_error (error);
  f->path = g_build_filename (f->dir, "design.vpcd.json", NULL);
}

/* Removes everything the test left, after checking no temp file is among it. */
static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(GDir) dir = g_dir_open (f->dir, 0, NULL);
  const char *name;

  g_assert_nonnull (dir);
  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = g_build_filename (f->dir, name, NULL);

      g_assert_null (strstr (name, ".vpcd-tmp-"));
      if (g_file_test (path, G_FILE_TEST_IS_DIR) && !g_file_test (path, G_FILE_TEST_IS_SYMLINK))
        g_assert_cmpint (g_rmdir (path), ==, 0);
      else
        g_assert_cmpint (g_unlink (path), ==, 0);
    }
  g_assert_cmpint (g_rmdir (f->dir), ==, 0);
  g_free (f->path);
  g_free (f->dir);
}

static void
assert_contents (const char *path,
                 const char *expected)
{
  g_autofree char *text = NULL;
  g_autoptr(GError) error = NULL;

  g_file_get_contents (path, &text, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (text, ==, expected);
}

static guint
mode_of (const char *path)
{
  GStatBuf st;

  g_assert_cmpint (g_stat (path, &st), ==, 0);
  return st.st_mode & 07777;
}

static void
write_file (const char *path,
            const char *text,
            guint       mode)
{
  g_autoptr(GError) error = NULL;

  g_file_set_contents (path, text, -1, &error);
  g_assert_no_error (error);
  g_assert_cmpint (g_chmod (path, (int) mode), ==, 0);
}

static void
test_new_file (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  mode_t old_umask = umask (022);

  g_assert_true (vpc_safe_save (f->path, "new", 3, &error));
  umask (old_umask);
  g_assert_no_error (error);
  assert_contents (f->path, "new");
  g_assert_cmpuint (mode_of (f->path), ==, 0644);
}

static void
test_replace_keeps_mode (Fixture       *f,
                         gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  write_file (f->path, "old", 0600);
  g_assert_true (vpc_safe_save (f->path, "newer", 5, &error));
  g_assert_no_error (error);
  assert_contents (f->path, "newer");
  g_assert_cmpuint (mode_of (f->path), ==, 0600);

  g_assert_cmpint (g_chmod (f->path, 0640), ==, 0);
  g_assert_true (vpc_safe_save (f->path, "", 0, &error));
  g_assert_no_error (error);
  assert_contents (f->path, "");
  g_assert_cmpuint (mode_of (f->path), ==, 0640);
}

static void
test_symlink_followed (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *sub = g_build_filename (f->dir, "real", NULL);
  g_autofree char *target = g_build_filename (sub, "target.vpcd.json", NULL);
  g_autofree char *link_text = NULL;
  GStatBuf st;

  g_assert_cmpint (g_mkdir (sub, 0755), ==, 0);
  write_file (target, "old", 0600);
  /* A relative link, resolved against the link's own folder. */
  g_assert_cmpint (symlink ("real/target.vpcd.json", f->path), ==, 0);
  g_assert_true (vpc_safe_save (f->path, "new", 3, &error));
  g_assert_no_error (error);
  g_assert_cmpint (g_lstat (f->path, &st), ==, 0);
  g_assert_true (S_ISLNK (st.st_mode));
  link_text = g_file_read_link (f->path, &error);
  g_assert_cmpstr (link_text, ==, "real/target.vpcd.json");
  assert_contents (target, "new");
  g_assert_cmpuint (mode_of (target), ==, 0600);
  g_assert_cmpint (g_unlink (target), ==, 0);
  g_assert_cmpint (g_rmdir (sub), ==, 0);
}

static void
test_dangling_symlink (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *target = g_build_filename (f->dir, "created.vpcd.json", NULL);
  GStatBuf st;

  g_assert_cmpint (symlink (target, f->path), ==, 0);
  g_assert_true (vpc_safe_save (f->path, "made", 4, &error));
  g_assert_no_error (error);
  g_assert_cmpint (g_lstat (f->path, &st), ==, 0);
  g_assert_true (S_ISLNK (st.st_mode));
  assert_contents (target, "made");
}

static void
test_symlink_loop (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  g_assert_cmpint (symlink (f->path, f->path), ==, 0);
  g_assert_false (vpc_safe_save (f->path, "x", 1, &error));
  g_assert_error (error, G_FILE_ERROR, G_FILE_ERROR_LOOP);
  g_assert_nonnull (strstr (error->message, f->path));
}

static void
test_target_is_folder (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  g_assert_cmpint (g_mkdir (f->path, 0755), ==, 0);
  g_assert_false (vpc_safe_save (f->path, "x", 1, &error));
  g_assert_error (error, G_FILE_ERROR, G_FILE_ERROR_ISDIR);
  g_assert_nonnull (strstr (error->message, f->path));
  g_assert_true (g_file_test (f->path, G_FILE_TEST_IS_DIR));
}

static void
test_missing_folder (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_build_filename (f->dir, "nowhere", "d.vpcd.json", NULL);

  g_assert_false (vpc_safe_save (path, "x", 1, &error));
  g_assert_error (error, G_FILE_ERROR, G_FILE_ERROR_NOENT);
  g_assert_nonnull (strstr (error->message, path));
}

/* A full disk, simulated: @body runs in a child process that may write at
 * most @limit bytes per file and ignores SIGXFSZ, so write() fails with
 * EFBIG in the middle; it returns 0 when the save failed as it should.
 * The old file must stay, with its mode. */
static void
run_on_full_disk (Fixture *f,
                  rlim_t   limit,
                  int    (*body) (Fixture *f))
{
  int status;
  pid_t pid;

  write_file (f->path, "the old design", 0600);
  pid = fork ();
  g_assert_cmpint (pid, >=, 0);
  if (pid == 0)
    {
      struct rlimit rl = { limit, limit };

      signal (SIGXFSZ, SIG_IGN);
      if (setrlimit (RLIMIT_FSIZE, &rl) != 0)
        _exit (3);
      _exit (body (f));
    }
  g_assert_cmpint (waitpid (pid, &status, 0), ==, pid);
  g_assert_true (WIFEXITED (status));
  g_assert_cmpint (WEXITSTATUS (status), ==, 0);
  assert_contents (f->path, "the old design");
  g_assert_cmpuint (mode_of (f->path), ==, 0600);
  /* The tear-down asserts that no temporary file is left. */
}

static int
save_too_much (Fixture *f)
{
  const gsize size = 100 * 1024;
  char *big = g_malloc (size);
  GError *error = NULL;

  memset (big, 'n', size);
  if (vpc_safe_save (f->path, big, size, &error) || error == NULL ||
      error->domain != G_FILE_ERROR || strstr (error->message, f->path) == NULL)
    return 1;
  return 0;
}

static void
test_write_fails (Fixture       *f,
                  gconstpointer  data)
{
  run_on_full_disk (f, 4096, save_too_much);
}

static void
test_no_temp_left (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  for (int i = 0; i < 5; i++)
    {
      g_autofree char *text = g_strdup_printf ("version %d", i);

      g_assert_true (vpc_safe_save (f->path, text, strlen (text), &error));
      g_assert_no_error (error);
      assert_contents (f->path, text);
    }
}

static char *
make_temp_of (Fixture    *f,
              const char *suffix,
              gint64      age_seconds)
{
  g_autofree char *name = g_strdup_printf (".design.vpcd.json.vpcd-tmp-%s", suffix);
  char *path = g_build_filename (f->dir, name, NULL);
  struct utimbuf times;

  write_file (path, "half a save", 0644);
  times.actime = times.modtime = time (NULL) - age_seconds;
  g_assert_cmpint (g_utime (path, &times), ==, 0);
  return path;
}

static void
test_remove_stale (Fixture       *f,
                   gconstpointer  data)
{
  g_autofree char *old_temp = make_temp_of (f, "AbC123", 3600);
  g_autofree char *young_temp = make_temp_of (f, "XyZ789", 0);
  g_autofree char *other = g_build_filename (f->dir, ".other.vpcd.json.vpcd-tmp-AbC123", NULL);

  write_file (f->path, "design", 0644);
  write_file (other, "another file's save", 0644);
  utime (other, &(struct utimbuf) { 0, 0 });

  g_assert_cmpuint (vpc_safe_save_remove_stale (f->path, 60 * G_USEC_PER_SEC), ==, 1);
  g_assert_false (g_file_test (old_temp, G_FILE_TEST_EXISTS));
  g_assert_true (g_file_test (young_temp, G_FILE_TEST_EXISTS));
  g_assert_true (g_file_test (other, G_FILE_TEST_EXISTS));
  assert_contents (f->path, "design");

  g_assert_cmpuint (vpc_safe_save_remove_stale (f->path, 0), ==, 1);
  g_assert_false (g_file_test (young_temp, G_FILE_TEST_EXISTS));
  g_assert_cmpint (g_unlink (other), ==, 0);
}

/* Kills a process that saves in a loop at random moments: the file is
 * always exactly the old or the new bytes, and the temporary files it
 * leaves are recognisable and cleaned up. */
static void
test_killed_mid_save (Fixture       *f,
                      gconstpointer  data)
{
  gsize size = 2 * 1024 * 1024;
  g_autofree char *a = g_malloc (size);
  g_autofree char *b = g_malloc (size);

  memset (a, 'a', size);
  memset (b, 'b', size);
  g_assert_true (vpc_safe_save (f->path, a, size, NULL));

  for (int round = 0; round < 20; round++)
    {
      g_autofree char *text = NULL;
      gsize length;
      pid_t pid = fork ();
      int status;

      g_assert_cmpint (pid, >=, 0);
      if (pid == 0)
        {
          for (int i = 0;; i++)
            vpc_safe_save (f->path, i % 2 ? a : b, size, NULL);
        }
      g_usleep (g_test_rand_int_range (1000, 30000));
      kill (pid, SIGKILL);
      g_assert_cmpint (waitpid (pid, &status, 0), ==, pid);
      g_assert_true (WIFSIGNALED (status));

      g_assert_true (g_file_get_contents (f->path, &text, &length, NULL));
      g_assert_cmpuint (length, ==, size);
      g_assert_true (memcmp (text, a, size) == 0 || memcmp (text, b, size) == 0);
    }
  vpc_safe_save_remove_stale (f->path, 0);
}

/* --- streaming, refusals, the input, long names (issue 9) --------------- */

static guint
count_entries (const char *dir_path)
{
  g_autoptr(GDir) dir = g_dir_open (dir_path, 0, NULL);
  guint n = 0;

  g_assert_nonnull (dir);
  while (g_dir_read_name (dir) != NULL)
    n++;
  return n;
}

static void
test_stream (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GString) expected = g_string_new (NULL);
  g_autofree char *text = NULL;
  VpcSafeSave *save;
  gsize length;

  write_file (f->path, "old", 0600);
  save = vpc_safe_save_begin (f->path, &error);
  g_assert_no_error (error);
  g_assert_nonnull (save);
  /* Pieces of every size around the internal buffer's (64 KiB). */
  for (guint i = 0; i < 200; i++)
    {
      gsize n = (i * 7919) % 70000;
      g_autofree char *piece = g_malloc (n + 1);

      memset (piece, 'a' + i % 26, n);
      g_assert_true (vpc_safe_save_write (save, piece, n, &error));
      g_assert_no_error (error);
      g_string_append_len (expected, piece, n);
    }
  /* The old file stays until the commit. */
  assert_contents (f->path, "old");
  g_assert_true (vpc_safe_save_commit (save, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (f->path, &text, &length, NULL));
  g_assert_cmpmem (text, length, expected->str, expected->len);
  g_assert_cmpuint (mode_of (f->path), ==, 0600);
}

static void
test_abort (Fixture       *f,
            gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *fresh = g_build_filename (f->dir, "never.png", NULL);
  VpcSafeSave *save;

  write_file (f->path, "old", 0644);
  save = vpc_safe_save_begin (f->path, &error);
  g_assert_no_error (error);
  g_assert_true (vpc_safe_save_write (save, "half", 4, &error));
  g_assert_cmpuint (count_entries (f->dir), ==, 2);
  vpc_safe_save_abort (save);
  assert_contents (f->path, "old");

  /* An aborted new file leaves nothing at all. */
  save = vpc_safe_save_begin (fresh, &error);
  g_assert_no_error (error);
  g_assert_true (vpc_safe_save_write (save, "half", 4, &error));
  vpc_safe_save_abort (save);
  g_assert_false (g_file_test (fresh, G_FILE_TEST_EXISTS));
  g_assert_cmpuint (count_entries (f->dir), ==, 1);
  vpc_safe_save_abort (NULL);
}

/* Streamed writes that hit a full disk in the middle: the write fails,
 * so do later ones, the old file stays and the temporary file goes. */
static int
stream_too_much (Fixture *f)
{
  char chunk[1000];
  GError *error = NULL;
  VpcSafeSave *save = vpc_safe_save_begin (f->path, &error);
  gboolean ok = TRUE;

  if (save == NULL)
    return 4;
  memset (chunk, 'x', sizeof chunk);
  for (int i = 0; ok && i < 1000; i++)
    ok = vpc_safe_save_write (save, chunk, sizeof chunk, &error);
  if (ok)
    return 5; /* 1 MB cannot fit in 100 KiB */
  if (error == NULL || error->domain != G_FILE_ERROR || strstr (error->message, f->path) == NULL)
    return 1;
  g_clear_error (&error);
  if (vpc_safe_save_write (save, "x", 1, &error) || error == NULL)
    return 6;
  vpc_safe_save_abort (save);
  return 0;
}

static void
test_stream_write_fails (Fixture       *f,
                         gconstpointer  data)
{
  run_on_full_disk (f, 100 * 1024, stream_too_much);
}

/* A device, a FIFO, a socket or a folder is never replaced by a regular
 * file, named directly or through a symlink; nothing is created. */
static void
test_refuses_special (Fixture       *f,
                      gconstpointer  data)
{
  g_autofree char *fifo = g_build_filename (f->dir, "pipe.png", NULL);
  g_autofree char *fifo_link = g_build_filename (f->dir, "pipe-link.svg", NULL);
  g_autofree char *null_link = g_build_filename (f->dir, "null.pdf", NULL);
  g_autofree char *folder = g_build_filename (f->dir, "folder.csv", NULL);
  g_autofree char *folder_link = g_build_filename (f->dir, "folder-link.json", NULL);
  g_autofree char *socket_path = g_build_filename (f->dir, "socket.png", NULL);
  g_autoptr(GSocket) sock = NULL;
  g_autoptr(GSocketAddress) address = NULL;
  g_autofree char *device = io_test_device_path (f->dir);
  g_autoptr(GError) error = NULL;
  const struct { const char *path, *kind; int code; } cases[] = {
    { device, "a character device", G_FILE_ERROR_INVAL },
    { null_link, "a character device", G_FILE_ERROR_INVAL },
    { fifo, "a pipe (FIFO)", G_FILE_ERROR_INVAL },
    { fifo_link, "a pipe (FIFO)", G_FILE_ERROR_INVAL },
    { socket_path, "a socket", G_FILE_ERROR_INVAL },
    { folder, "a folder", G_FILE_ERROR_ISDIR },
    { folder_link, "a folder", G_FILE_ERROR_ISDIR },
  };
  GStatBuf st;

  g_assert_cmpint (mkfifo (fifo, 0600), ==, 0);
  g_assert_cmpint (symlink ("pipe.png", fifo_link), ==, 0);
  g_assert_cmpint (symlink (device, null_link), ==, 0);
  g_assert_cmpint (g_mkdir (folder, 0700), ==, 0);
  g_assert_cmpint (symlink (folder, folder_link), ==, 0);
  sock = g_socket_new (G_SOCKET_FAMILY_UNIX, G_SOCKET_TYPE_STREAM, G_SOCKET_PROTOCOL_DEFAULT,
                       &error);
  g_assert_no_error (error);
  address = g_unix_socket_address_new (socket_path);
  g_assert_true (g_socket_bind (sock, address, FALSE, &error));
  g_assert_no_error (error);

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_test_message ("target %s", cases[i].path);
      g_assert_false (vpc_safe_save (cases[i].path, "x", 1, &error));
      g_assert_error (error, G_FILE_ERROR, cases[i].code);
      g_assert_nonnull (strstr (error->message, cases[i].path));
      g_assert_nonnull (strstr (error->message, cases[i].kind));
      g_assert_nonnull (strstr (error->message, "choose another name"));
      g_clear_error (&error);
      g_assert_false (vpc_safe_save_check (cases[i].path, NULL, &error));
      g_assert_error (error, G_FILE_ERROR, cases[i].code);
      g_clear_error (&error);
      g_assert_null (vpc_safe_save_begin (cases[i].path, &error));
      g_assert_error (error, G_FILE_ERROR, cases[i].code);
      g_clear_error (&error);
    }
  /* Everything is still what it was, and nothing was added. */
  g_assert_cmpint (g_lstat (fifo, &st), ==, 0);
  g_assert_true (S_ISFIFO (st.st_mode));
  g_assert_cmpint (g_lstat (null_link, &st), ==, 0);
  g_assert_true (S_ISLNK (st.st_mode));
  g_assert_cmpint (g_lstat (device, &st), ==, 0);
  g_assert_true (S_ISCHR (st.st_mode));
  g_assert_cmpint (g_lstat (socket_path, &st), ==, 0);
  g_assert_true (S_ISSOCK (st.st_mode));
  g_assert_cmpuint (count_entries (folder), ==, 0);
  g_assert_cmpuint (count_entries (f->dir), ==, geteuid () == 0 ? 7 : 6);
  g_socket_close (sock, NULL);
}

/* The file being read is refused as the target under any of its names. */
static void
test_check_input (Fixture       *f,
                  gconstpointer  data)
{
  g_autofree char *soft = g_build_filename (f->dir, "link.png", NULL);
  g_autofree char *hard = g_build_filename (f->dir, "hard.svg", NULL);
  g_autofree char *other = g_build_filename (f->dir, "other.pdf", NULL);
  g_autofree char *missing = g_build_filename (f->dir, "missing.json", NULL);
  g_autoptr(GError) error = NULL;
  const char *same[] = { f->path, soft, hard };

  write_file (f->path, "the design", 0644);
  write_file (other, "another file", 0644);
  g_assert_cmpint (symlink ("design.vpcd.json", soft), ==, 0);
  g_assert_cmpint (link (f->path, hard), ==, 0);

  for (guint i = 0; i < G_N_ELEMENTS (same); i++)
    for (guint j = 0; j < G_N_ELEMENTS (same); j++)
      {
        g_assert_false (vpc_safe_save_check (same[i], same[j], &error));
        g_assert_error (error, G_FILE_ERROR, G_FILE_ERROR_EXIST);
        g_assert_nonnull (strstr (error->message, same[i]));
        g_assert_nonnull (strstr (error->message, same[j]));
        g_clear_error (&error);
      }
  g_assert_true (vpc_safe_save_check (other, f->path, &error));
  g_assert_true (vpc_safe_save_check (missing, f->path, &error));
  g_assert_true (vpc_safe_save_check (f->path, missing, &error));
  g_assert_true (vpc_safe_save_check (f->path, NULL, &error));
  g_assert_no_error (error);
  assert_contents (f->path, "the design");
  g_assert_cmpuint (count_entries (f->dir), ==, 4);
}

/* Every kind of output keeps a 0600 file private: the writer does not
 * know or care what the bytes are. */
static void
test_keeps_mode_any_name (Fixture       *f,
                          gconstpointer  data)
{
  const char *names[] = { "d.png", "d.svg", "d.pdf", "d.json", "cost.csv", "report.txt" };
  g_autoptr(GError) error = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_autofree char *path = g_build_filename (f->dir, names[i], NULL);

      write_file (path, "old", 0600);
      g_assert_true (vpc_safe_save (path, "new", 3, &error));
      g_assert_no_error (error);
      assert_contents (path, "new");
      g_assert_cmpuint (mode_of (path), ==, 0600);
    }
}

/* A file an hour old, written in place (g_file_set_contents() would need
 * a longer temporary name than NAME_MAX allows). */
static void
make_old_file (const char *path)
{
  struct utimbuf old;
  int fd = g_open (path, O_WRONLY | O_CREAT | O_EXCL, 0644);

  g_assert_cmpint (fd, >=, 0);
  g_assert_cmpint (write (fd, "half a save", 11), ==, 11);
  g_assert_cmpint (close (fd), ==, 0);
  old.actime = old.modtime = time (NULL) - 3600;
  g_assert_cmpint (g_utime (path, &old), ==, 0);
}

/* A name of NAME_MAX bytes, which leaves no room for a suffix: the
 * temporary name is short, and the clean-up still finds it. */
static void
test_long_name (Fixture       *f,
                gconstpointer  data)
{
  g_autofree char *base = g_strnfill (255 - strlen (".png"), 'n');
  g_autofree char *name = g_strconcat (base, ".png", NULL);
  g_autofree char *path = g_build_filename (f->dir, name, NULL);
  g_autofree char *almost = g_strnfill (255 - strlen (".vpcd-tmp-XXXXXX") - 1, 'm');
  g_autofree char *almost_path = g_build_filename (f->dir, almost, NULL);
  g_autofree char *stale = g_build_filename (f->dir, ".vpcd-tmp-Ab12Cd", NULL);
  g_autofree char *almost_stale = g_strdup_printf ("%s/.%s.vpcd-tmp-Ef34Gh", f->dir, almost);
  g_autoptr(GError) error = NULL;

  g_assert_cmpuint (strlen (name), ==, 255);
  g_assert_true (vpc_safe_save (path, "first", 5, &error));
  g_assert_no_error (error);
  g_assert_cmpint (g_chmod (path, 0600), ==, 0);
  g_assert_true (vpc_safe_save (path, "second", 6, &error));
  g_assert_no_error (error);
  assert_contents (path, "second");
  g_assert_cmpuint (mode_of (path), ==, 0600);

  /* The longest name that still takes the suffix keeps the long form. */
  g_assert_true (vpc_safe_save (almost_path, "m", 1, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (count_entries (f->dir), ==, 2);

  make_old_file (stale);
  make_old_file (almost_stale);
  /* A short name's clean-up leaves the short-form temporary alone. */
  g_assert_cmpuint (vpc_safe_save_remove_stale (f->path, 60 * G_USEC_PER_SEC), ==, 0);
  g_assert_cmpuint (vpc_safe_save_remove_stale (almost_path, 60 * G_USEC_PER_SEC), ==, 1);
  g_assert_false (g_file_test (almost_stale, G_FILE_TEST_EXISTS));
  g_assert_true (g_file_test (stale, G_FILE_TEST_EXISTS));
  g_assert_cmpuint (vpc_safe_save_remove_stale (path, 60 * G_USEC_PER_SEC), ==, 1);
  g_assert_false (g_file_test (stale, G_FILE_TEST_EXISTS));
  assert_contents (path, "second");
}

/* Killed while streaming a long-named file: the short temporary names it
 * leaves are found by the clean-up of that name. */
static void
test_long_name_killed (Fixture       *f,
                       gconstpointer  data)
{
  g_autofree char *base = g_strnfill (250, 'k');
  g_autofree char *path = g_build_filename (f->dir, base, NULL);
  char chunk[4096];
  int status;
  pid_t pid;

  memset (chunk, 'k', sizeof chunk);
  pid = fork ();
  g_assert_cmpint (pid, >=, 0);
  if (pid == 0)
    {
      VpcSafeSave *save = vpc_safe_save_begin (path, NULL);

      if (save == NULL)
        _exit (1);
      vpc_safe_save_write (save, chunk, sizeof chunk, NULL);
      raise (SIGKILL);
    }
  g_assert_cmpint (waitpid (pid, &status, 0), ==, pid);
  g_assert_true (WIFSIGNALED (status));
  g_assert_cmpuint (count_entries (f->dir), ==, 1);
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
  g_assert_cmpuint (vpc_safe_save_remove_stale (path, 0), ==, 1);
  g_assert_cmpuint (count_entries (f->dir), ==, 0);
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/file/safe-save/new-file", test_new_file);
  ADD ("/file/safe-save/keeps-mode", test_replace_keeps_mode);
  ADD ("/file/safe-save/symlink", test_symlink_followed);
  ADD ("/file/safe-save/dangling-symlink", test_dangling_symlink);
  ADD ("/file/safe-save/symlink-loop", test_symlink_loop);
  ADD ("/file/safe-save/target-is-folder", test_target_is_folder);
  ADD ("/file/safe-save/missing-folder", test_missing_folder);
  ADD ("/file/safe-save/write-fails", test_write_fails);
  ADD ("/file/safe-save/no-temp-left", test_no_temp_left);
  ADD ("/file/safe-save/remove-stale", test_remove_stale);
  ADD ("/file/safe-save/killed-mid-save", test_killed_mid_save);
  ADD ("/file/safe-save/stream", test_stream);
  ADD ("/file/safe-save/abort", test_abort);
  ADD ("/file/safe-save/stream-write-fails", test_stream_write_fails);
  ADD ("/file/safe-save/refuses-special", test_refuses_special);
  ADD ("/file/safe-save/check-input", test_check_input);
  ADD ("/file/safe-save/keeps-mode-any-name", test_keeps_mode_any_name);
  ADD ("/file/safe-save/long-name", test_long_name);
  ADD ("/file/safe-save/long-name-killed", test_long_name_killed);
#undef ADD

  return g_test_run ();
}
