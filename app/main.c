/* SPDX-License-Identifier: GPL-3.0-or-later */
/* main.c: the vpc-designer command. Checking, pricing and the other
 * commands that need only the model run here; pictures (export, report)
 * and the editor run in helper programs (vpc-handoff.h). */
#include <glib.h>
#include <string.h>

#include "vpc-cli.h"
#include "vpc-handoff.h"
#include "vpc-locale.h"

int
main (int   argc,
      char *argv[])
{
  vpc_locale_init ();
  if (argc > 1 && vpc_cli_is_render_command (argv[1]))
    return vpc_handoff (VPC_HELPER_RENDER, argv);
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
  return vpc_handoff (VPC_HELPER_EDITOR, argv);
}
