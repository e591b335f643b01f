/* SPDX-License-Identifier: GPL-3.0-or-later */
/* cli-test-utils.c: running vpc-designer as a process in the tests. */
#include "cli-test-utils.h"

#include <string.h>

void
cli_run_clear (CliRun *run)
{
  g_clear_pointer (&run->out, g_free);
  g_clear_pointer (&run->err, g_free);
}

void
cli_run (CliRun            *run,
         const char        *cwd,
         const char *const *args)
{
  g_autoptr (GSubprocessLauncher) launcher
      = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE | G_SUBPROCESS_FLAGS_STDERR_PIPE);
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GError) error = NULL;
  const char *binary = g_getenv ("VPC_DESIGNER");

  g_assert_nonnull (binary);
  /* Subcommands must never need a display. */
  g_subprocess_launcher_unsetenv (launcher, "DISPLAY");
  g_subprocess_launcher_unsetenv (launcher, "WAYLAND_DISPLAY");
  if (cwd != NULL)
    g_subprocess_launcher_set_cwd (launcher, cwd);
  g_ptr_array_add (argv, (gpointer) binary);
  for (guint i = 0; args[i] != NULL; i++)
    g_ptr_array_add (argv, (gpointer) args[i]);
  g_ptr_array_add (argv, NULL);

  process = g_subprocess_launcher_spawnv (launcher, (const char *const *) argv->pdata, &error);
  g_assert_no_error (error);
  g_subprocess_communicate_utf8 (process, NULL, NULL, &run->out, &run->err, &error);
  g_assert_no_error (error);
  g_assert_true (g_subprocess_get_if_exited (process));
  run->status = g_subprocess_get_exit_status (process);
}

void
cli_assert_usage_error (CliRun     *run,
                        const char *problem)
{
  g_assert_cmpint (run->status, ==, 2);
  g_assert_cmpstr (run->out, ==, "");
  if (strstr (run->err, problem) == NULL)
    g_error ("expected \"%s\" on stderr, got: %s", problem, run->err);
  g_assert_nonnull (strstr (run->err, "--help"));
}

void
cli_add_designs (GPtrArray  *paths,
                 const char *dir_path,
                 gboolean    recurse)
{
  g_autoptr(GDir) dir = g_dir_open (dir_path, 0, NULL);
  const char *name;

  g_assert_nonnull (dir);
  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir_path, name, NULL);

      if (recurse && g_file_test (path, G_FILE_TEST_IS_DIR))
        cli_add_designs (paths, path, TRUE);
      else if (g_str_has_suffix (name, ".vpcd.json"))
        g_ptr_array_add (paths, g_steal_pointer (&path));
    }
}
