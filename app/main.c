/* main.c: subcommands run headless; anything else opens the editor. */
#include <glib.h>
#include <string.h>

#include "vpc-application.h"
#include "vpc-cli.h"

int
main (int   argc,
      char *argv[])
{
  g_autoptr(VpcApplication) app = NULL;

  /* Subcommands must work without a display: they never touch GTK. */
  if (argc > 1 && vpc_cli_is_subcommand (argv[1]))
    return vpc_cli_run (argc, argv);
  if (argc > 1 && (strcmp (argv[1], "--help") == 0 || strcmp (argv[1], "-h") == 0))
    {
      g_print ("%s", vpc_cli_usage ());
      return 0;
    }
  if (argc > 1 && strcmp (argv[1], "--version") == 0)
    {
      g_print ("vpc-designer %s\n", VPC_VERSION);
      return 0;
    }

  app = vpc_application_new ();
  return g_application_run (G_APPLICATION (app), argc, argv);
}
