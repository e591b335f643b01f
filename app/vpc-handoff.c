/* SPDX-License-Identifier: GPL-3.0-or-later */
/* vpc-handoff.c: see vpc-handoff.h. */
#include "vpc-handoff.h"

#include <errno.h>
#include <stdio.h>
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

int
vpc_handoff (const char *helper,
             char      **argv)
{
  g_autofree char *path = helper_beside_self (helper);
  int saved;

  if (path == NULL)
    path = g_build_filename (VPC_HELPER_DIR, helper, NULL);
  fflush (stdout);
  execv (path, argv);
  saved = errno;
  _vpc_cli_printerr ("vpc-designer: cannot start %s: %s\n", path, g_strerror (saved));
  return VPC_CLI_EXIT_ERROR;
}
