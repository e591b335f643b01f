/* SPDX-License-Identifier: GPL-3.0-or-later */
/* vpc-handoff.c: see vpc-handoff.h. */
#include "vpc-handoff.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "vpc-cli-private.h"

/* @helper beside the running program, or NULL. */
static char *
helper_beside_self (const char *helper)
{
  g_autofree char *self = g_file_read_link ("/proc/self/exe", NULL);
  g_autofree char *dir = NULL;
  char *path;

  if (self == NULL)
    return NULL;
  dir = g_path_get_dirname (self);
  path = g_build_filename (dir, helper, NULL);
  if (g_file_test (path, G_FILE_TEST_IS_EXECUTABLE))
    return path;
  g_free (path);
  return NULL;
}

/* Adds glibc's tunable @name=@value to the environment the helper starts
 * with, unless the user set that one. */
static void
add_tunable (const char *name,
             const char *value)
{
  const char *tunables = g_getenv ("GLIBC_TUNABLES");
  g_autofree char *tunable = g_strconcat (name, "=", value, NULL);
  g_autofree char *all = NULL;

  if (tunables != NULL && strstr (tunables, name) != NULL)
    return;
  all = tunables != NULL && *tunables != '\0' ? g_strconcat (tunables, ":", tunable, NULL)
                                               : g_strdup (tunable);
  g_setenv ("GLIBC_TUNABLES", all, TRUE);
}

/* Asks glibc (2.35 and later; others ignore them) to back every heap of
 * the process with transparent huge pages: export's threads (validation,
 * the connectors' router, the PNG encoders) each allocate from an arena
 * of their own, faulted in 4 KB at a time otherwise, which on the virtual
 * machines measured cost more than the work (an SVG of 10,000 elements
 * took 0.48 s with it off, 0.40 s with it on). And to give all those
 * threads one arena besides the main one: each arena's first huge page is
 * zeroed whole even for a thread that allocates a few bytes (fontconfig's
 * start-up), and the router's and the rules' memory went to two arenas
 * (SVG of 10,000 elements 72 -> 57 MB, PNG 70 -> 66 MB, no slower; with a
 * single arena for everything 49 MB, but the threads then wait on its
 * lock). The user's tunables stay. */
static void
tune_heap_for_threads (void)
{
  add_tunable ("glibc.malloc.hugetlb", "1");
  add_tunable ("glibc.malloc.arena_max", "2");
}

int
vpc_handoff (const char *helper,
             char      **argv)
{
  g_autofree char *path = helper_beside_self (helper);
  int saved;

  if (path == NULL)
    path = g_build_filename (VPC_HELPER_DIR, helper, NULL);
  if (g_str_equal (helper, VPC_HELPER_RENDER))
    tune_heap_for_threads ();
  fflush (stdout);
  execv (path, argv);
  saved = errno;
  _vpc_cli_printerr ("vpc-designer: cannot start %s: %s\n", path, g_strerror (saved));
  return VPC_CLI_EXIT_ERROR;
}
