/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-recovery.c: recovery copies of unsaved designs.
 * No display. Runs with its own XDG_DATA_HOME in a temporary folder (set by
 * hand: G_TEST_OPTION_ISOLATE_DIRS leaks in GLib 2.74 under LSan); "unclean
 * exit" is a child process of this binary that writes a copy and exits
 * without ending its session. */
#include <glib/gstdio.h>
#include <string.h>
#include <sys/wait.h>

#include "vpc-file.h"
#include "vpc-recovery.h"

static VpcDesign *
make_design (const char *name)
{
  VpcDesign *design = vpc_design_new ();
  VpcDesignInfo *info = vpc_design_info_new ();
  VpcElement *az = vpc_element_new (VPC_KIND_AZ, "az-a");

  g_free (info->name);
  info->name = g_strdup (name);
  g_free (info->region);
  info->region = g_strdup ("us-east-1");
  g_free (info->vpc_cidr);
  info->vpc_cidr = g_strdup ("10.0.0.0/16");
  vpc_design_take_info (design, info);
  az->name = g_strdup ("us-east-1a");
  vpc_design_take_element (design, az);
  return design;
}

static void
edit (VpcDesign  *design,
      const char *name)
{
  g_autoptr(VpcElement) copy = vpc_element_copy (vpc_design_lookup (design, "az-a"));

  g_free (copy->name);
  copy->name = g_strdup (name);
  vpc_design_replace_element (design, g_steal_pointer (&copy));
}

static char *
copy_path (const char *id)
{
  g_autofree char *dir = vpc_recovery_get_dir ();
  g_autofree char *file = g_strconcat (id, ".vpcd.json", NULL);

  return g_build_filename (dir, file, NULL);
}

static gboolean
quit_cb (gpointer data)
{
  *(gboolean *) data = TRUE;
  return G_SOURCE_REMOVE;
}

/* Runs the main context until @path exists (or not), for at most 2 s. */
static void
wait_for_file (const char *path,
               gboolean    exists)
{
  gboolean timed_out = FALSE;
  guint id = g_timeout_add (2000, quit_cb, &timed_out);

  while (g_file_test (path, G_FILE_TEST_EXISTS) != exists && !timed_out)
    g_main_context_iteration (NULL, TRUE);
  if (!timed_out)
    g_source_remove (id);
  g_assert_cmpint (g_file_test (path, G_FILE_TEST_EXISTS), ==, exists);
}

static void
test_writer_follows_edits (void)
{
  g_autoptr(VpcDesign) design = make_design ("Writer");
  g_autoptr(VpcRecoveryWriter) writer = vpc_recovery_writer_new (design, "/tmp/writer.vpcd.json");
  g_autofree char *path = copy_path (vpc_recovery_writer_get_id (writer));
  g_autofree char *contents = NULL;
  g_autofree char *expected = NULL;
  g_autoptr(GPtrArray) orphans = NULL;

  vpc_recovery_writer_set_delay (writer, 20);
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));

  /* A copy appears shortly after an edit and holds the current design. */
  edit (design, "us-east-1a (edited)");
  wait_for_file (path, TRUE);
  g_assert_true (g_file_get_contents (path, &contents, NULL, NULL));
  expected = vpc_file_serialize (design, NULL);
  g_assert_cmpstr (contents, ==, expected);

  /* This process is alive: its copies are not offered to others. */
  orphans = vpc_recovery_list_orphans ();
  g_assert_cmpuint (orphans->len, ==, 0);

  /* Saving removes the copy; a later edit writes it again; closing removes it. */
  vpc_design_mark_saved (design);
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
  edit (design, "us-east-1a (again)");
  wait_for_file (path, TRUE);
  vpc_recovery_writer_discard (writer);
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
}

static void
test_writer_undo_to_saved (void)
{
  g_autoptr(VpcDesign) design = make_design ("Undo");
  g_autoptr(VpcRecoveryWriter) writer = vpc_recovery_writer_new (design, NULL);
  g_autofree char *path = copy_path (vpc_recovery_writer_get_id (writer));

  vpc_recovery_writer_set_delay (writer, 20);
  edit (design, "changed");
  wait_for_file (path, TRUE);
  /* Undo back to the saved state: nothing is unsaved any more. */
  vpc_design_undo (design);
  g_assert_false (vpc_design_get_modified (design));
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
}

static void
test_flush (void)
{
  g_autoptr(VpcDesign) design = make_design ("Flush");
  g_autoptr(VpcRecoveryWriter) writer = vpc_recovery_writer_new (design, NULL);
  g_autofree char *path = copy_path (vpc_recovery_writer_get_id (writer));

  edit (design, "changed");
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
  vpc_recovery_writer_flush (writer);
  g_assert_true (g_file_test (path, G_FILE_TEST_EXISTS));
  vpc_recovery_writer_discard (writer);
}

static void
run_child (const char *argv0,
           const char *mode)
{
  const char *argv[] = { argv0, mode, g_get_user_data_dir (), NULL };
  g_autoptr(GError) error = NULL;
  int status;

  g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_DEFAULT, NULL, NULL, NULL, NULL, &status,
                &error);
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, NULL));
}

static void
test_unclean_exit (gconstpointer data)
{
  const char *argv0 = data;
  g_autoptr(GPtrArray) orphans = NULL;
  g_autoptr(VpcDesign) design = NULL;
  g_autoptr(GError) error = NULL;
  const VpcRecoveryEntry *entry;

  /* A clean run leaves nothing to offer. */
  run_child (argv0, "--child-clean");
  g_assert_false (vpc_recovery_begin_session ());
  orphans = vpc_recovery_list_orphans ();
  g_assert_cmpuint (orphans->len, ==, 0);
  g_clear_pointer (&orphans, g_ptr_array_unref);
  vpc_recovery_end_session ();

  /* A crashed run leaves its marker and its copy. */
  run_child (argv0, "--child-crash");
  g_assert_true (vpc_recovery_begin_session ());
  orphans = vpc_recovery_list_orphans ();
  g_assert_cmpuint (orphans->len, ==, 1);
  entry = g_ptr_array_index (orphans, 0);
  g_assert_cmpstr (entry->original_path, ==, "/home/someone/crashed.vpcd.json");
  g_assert_cmpstr (entry->name, ==, "Crashed");
  design = vpc_recovery_load (entry, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (vpc_design_get_info (design)->name, ==, "Crashed");
  g_assert_cmpstr (vpc_design_lookup (design, "az-a")->name, ==, "unsaved edit");

  /* The marker is consumed; discarding the copy removes it from the list. */
  vpc_recovery_discard (entry->id);
  g_clear_pointer (&orphans, g_ptr_array_unref);
  orphans = vpc_recovery_list_orphans ();
  g_assert_cmpuint (orphans->len, ==, 0);
  vpc_recovery_end_session ();
  g_assert_false (vpc_recovery_begin_session ());
  vpc_recovery_end_session ();
}

static gboolean
is_zombie (GPid pid)
{
  g_autofree char *path = g_strdup_printf ("/proc/%d/stat", (int) pid);
  g_autofree char *stat = NULL;
  const char *end;

  if (!g_file_get_contents (path, &stat, NULL, NULL))
    return FALSE;
  end = strrchr (stat, ')');
  return end != NULL && end[2] == 'Z';
}

/* A crashed instance that nobody has reaped yet is a zombie: it still
 * answers kill (pid, 0) but its copy must be offered all the same. */
static void
test_unreaped_crash (gconstpointer data)
{
  const char *argv[] = { data, "--child-crash", g_get_user_data_dir (), NULL };
  g_autoptr(GPtrArray) orphans = NULL;
  g_autoptr(GError) error = NULL;
  GPid pid;
  int status;

  g_spawn_async (NULL, (char **) argv, NULL, G_SPAWN_DO_NOT_REAP_CHILD, NULL, NULL, &pid, &error);
  g_assert_no_error (error);
  for (int i = 0; i < 500 && !is_zombie (pid); i++)
    g_usleep (10000);
  g_assert_true (is_zombie (pid));

  g_assert_true (vpc_recovery_begin_session ());
  orphans = vpc_recovery_list_orphans ();
  g_assert_cmpuint (orphans->len, ==, 1);
  vpc_recovery_discard (((const VpcRecoveryEntry *) g_ptr_array_index (orphans, 0))->id);
  vpc_recovery_end_session ();

  g_assert_cmpint (waitpid (pid, &status, 0), ==, pid);
  g_spawn_close_pid (pid);
}

/* The child side of test_unclean_exit. */
static int
child_main (const char *mode,
            const char *data_dir)
{
  g_autoptr(VpcDesign) design = make_design ("Crashed");
  g_autofree char *id = NULL;

  g_setenv ("XDG_DATA_HOME", data_dir, TRUE);
  vpc_recovery_begin_session ();
  if (g_str_equal (mode, "--child-clean"))
    {
      vpc_recovery_end_session ();
      return 0;
    }
  edit (design, "unsaved edit");
  id = vpc_recovery_write (NULL, design, "/home/someone/crashed.vpcd.json", NULL);
  return id != NULL ? 0 : 1;
}

static void
remove_tree (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);

      if (g_file_test (child, G_FILE_TEST_IS_DIR))
        remove_tree (child);
      else
        g_unlink (child);
    }
  g_rmdir (path);
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *data_home = NULL;
  int status;

  if (argc == 3 && g_str_has_prefix (argv[1], "--child-"))
    return child_main (argv[1], argv[2]);

  g_test_init (&argc, &argv, NULL);
  data_home = g_dir_make_tmp ("test-recovery-XXXXXX", NULL);
  g_assert_nonnull (data_home);
  g_setenv ("XDG_DATA_HOME", data_home, TRUE);
  g_test_add_func ("/recovery/writer/follows-edits", test_writer_follows_edits);
  g_test_add_func ("/recovery/writer/undo-to-saved", test_writer_undo_to_saved);
  g_test_add_func ("/recovery/writer/flush", test_flush);
  g_test_add_data_func ("/recovery/session/unclean-exit", argv[0], test_unclean_exit);
  g_test_add_data_func ("/recovery/session/unreaped-crash", argv[0], test_unreaped_crash);
  status = g_test_run ();
  remove_tree (data_home);
  return status;
}
