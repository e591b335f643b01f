/* SPDX-License-Identifier: GPL-3.0-or-later */
/* main-render.c: export and report, started by vpc-designer with its
 * arguments; the only commands that draw. */
#include <string.h>

#include "vpc-cli-private.h"
#include "vpc-locale.h"

int
main (int   argc,
      char *argv[])
{
  vpc_locale_init ();
  if (argc > 1 && strcmp (argv[1], "export") == 0)
    return _vpc_cli_export (argc, argv);
  if (argc > 1 && strcmp (argv[1], "report") == 0)
    return _vpc_cli_report (argc, argv);
  _vpc_cli_usage_error (NULL, "%s runs only export and report", argv[0]);
  return VPC_CLI_EXIT_ERROR;
}
