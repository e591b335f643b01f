/* SPDX-License-Identifier: GPL-3.0-or-later */
/* main-editor.c: the editor, started by vpc-designer with its arguments. */
#include <gtk/gtk.h>

#include "vpc-application.h"
#include "vpc-locale.h"

int
main (int   argc,
      char *argv[])
{
  g_autoptr(VpcApplication) app = NULL;

  vpc_locale_init ();
  /* GTK would set LC_NUMERIC from the environment again. */
  gtk_disable_setlocale ();
  app = vpc_application_new ();

  return g_application_run (G_APPLICATION (app), argc, argv);
}
