/* test-safe-save.c: vpc_safe_save() keeps the old file on any failure,
 * leaves no temporary file, keeps the mode and writes through symlinks
 * (RELIABILITY.md §1.5). */
#include <errno.h>
#include <signal.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <utime.h>
#include <unistd.h>

#include <glib/gstdio.h>

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

/* A full disk, simulated: a child process may write at most 4 KiB per file
 * and ignores SIGXFSZ, so write() fails with EFBIG in the middle. */
static void
test_write_fails (Fixture       *f,
                  gconstpointer  data)
{
  const gsize size = 100 * 1024;
  g_autofree char *big = g_malloc (size + 1);
  int status;
  pid_t pid;

  memset (big, 'n', size);
  big[size] = '\0';
  write_file (f->path, "the old design", 0600);

  pid = fork ();
  g_assert_cmpint (pid, >=, 0);
  if (pid == 0)
    {
      struct rlimit limit = { 4096, 4096 };
      GError *error = NULL;
      gboolean saved;

      signal (SIGXFSZ, SIG_IGN);
      if (setrlimit (RLIMIT_FSIZE, &limit) != 0)
        _exit (3);
      saved = vpc_safe_save (f->path, big, size, &error);
      if (saved || error == NULL || error->domain != G_FILE_ERROR ||
          strstr (error->message, f->path) == NULL)
        _exit (1);
      _exit (0);
    }
  g_assert_cmpint (waitpid (pid, &status, 0), ==, pid);
  g_assert_true (WIFEXITED (status));
  g_assert_cmpint (WEXITSTATUS (status), ==, 0);
  assert_contents (f->path, "the old design");
  g_assert_cmpuint (mode_of (f->path), ==, 0600);
  /* The tear-down asserts that no temporary file is left. */
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
 * leaves are recognisable and cleaned up (RELIABILITY.md §1.5, G2). */
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
#undef ADD

  return g_test_run ();
}
