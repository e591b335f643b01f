/* SPDX-License-Identifier: GPL-3.0-or-later */
/* io-test-utils.c: what the tests of file input and output share. */
#include "io-test-utils.h"

#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <unistd.h>

char *
io_test_device_path (const char *dir)
{
  char *path;

  if (geteuid () != 0)
    return g_strdup ("/dev/null");
  path = g_build_filename (dir, "dev-null", NULL);
  g_assert_cmpint (mknod (path, S_IFCHR | 0666, makedev (1, 3)), ==, 0);
  return path;
}
