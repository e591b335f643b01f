/* SPDX-License-Identifier: GPL-3.0-or-later */
/* vpc-cli-commands.c: the commands vpc-designer runs itself. */
#include "vpc-cli.h"

#include <string.h>

#include "vpc-cli-private.h"

gboolean
vpc_cli_is_subcommand (const char *arg)
{
  return g_strcmp0 (arg, "check") == 0 || g_strcmp0 (arg, "cost") == 0 ||
         g_strcmp0 (arg, "repair") == 0 || g_strcmp0 (arg, "trace") == 0 ||
         g_strcmp0 (arg, "grade") == 0 || g_strcmp0 (arg, "diff") == 0 ||
         g_strcmp0 (arg, "import") == 0 || g_strcmp0 (arg, "rules") == 0;
}

gboolean
vpc_cli_is_render_command (const char *arg)
{
  return g_strcmp0 (arg, "export") == 0 || g_strcmp0 (arg, "report") == 0;
}

int
vpc_cli_run (int    argc,
             char **argv)
{
  g_return_val_if_fail (argc >= 2, VPC_CLI_EXIT_ERROR);

  if (strcmp (argv[1], "check") == 0)
    return _vpc_cli_check (argc, argv);
  if (strcmp (argv[1], "cost") == 0)
    return _vpc_cli_cost (argc, argv);
  if (strcmp (argv[1], "repair") == 0)
    return _vpc_cli_repair (argc, argv);
  if (strcmp (argv[1], "trace") == 0)
    return _vpc_cli_trace (argc, argv);
  if (strcmp (argv[1], "grade") == 0)
    return _vpc_cli_grade (argc, argv);
  if (strcmp (argv[1], "diff") == 0)
    return _vpc_cli_diff (argc, argv);
  if (strcmp (argv[1], "import") == 0)
    return _vpc_cli_import (argc, argv);
  if (strcmp (argv[1], "rules") == 0)
    return _vpc_cli_rules (argc, argv);
  _vpc_cli_usage_error (NULL, _("unknown command '%s'"), argv[1]);
  return VPC_CLI_EXIT_ERROR;
}

