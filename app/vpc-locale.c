/* SPDX-License-Identifier: GPL-3.0-or-later */
/* vpc-locale.c: see vpc-locale.h. */
#include "vpc-locale.h"

#include <glib/gi18n-lib.h>
#include <locale.h>

/* The catalogues for this program: the build tree's when it runs there. */
static const char *
locale_dir (void)
{
  g_autofree char *self = g_file_read_link ("/proc/self/exe", NULL);
  g_autofree char *dir = self != NULL ? g_path_get_dirname (self) : NULL;

  if (dir != NULL && g_strcmp0 (dir, VPC_BUILD_APPDIR) == 0)
    return VPC_BUILD_LOCALEDIR;
  return LOCALEDIR;
}

void
vpc_locale_init (void)
{
  setlocale (LC_ALL, "");
  /* Decimal points stay points: designs, exports and reports are read by
   * programs as well as people. */
  setlocale (LC_NUMERIC, "C");
  bindtextdomain (GETTEXT_PACKAGE, locale_dir ());
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);
}
