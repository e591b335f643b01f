/* main-editor.c: the editor, started by vpc-designer with its arguments. */
#include "vpc-application.h"

int
main (int   argc,
      char *argv[])
{
  g_autoptr(VpcApplication) app = vpc_application_new ();

  return g_application_run (G_APPLICATION (app), argc, argv);
}
