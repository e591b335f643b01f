/* vpc-cli.c: placeholder until the rules issue lands. */
#include "vpc-cli.h"

#include <string.h>

gboolean
vpc_cli_is_subcommand (const char *arg)
{
  return g_strcmp0 (arg, "check") == 0 || g_strcmp0 (arg, "cost") == 0 ||
         g_strcmp0 (arg, "export") == 0;
}

const char *
vpc_cli_usage (void)
{
  return "Usage:\n"
         "  vpc-designer [FILE...]                          open the editor\n"
         "  vpc-designer check FILE [--format text|json|sarif] [--profile study-guide|precise]\n"
         "  vpc-designer cost FILE [--format text|json|csv] [--region REGION]\n"
         "  vpc-designer export FILE -o OUT [--theme light|dark] [--scale N]\n"
         "                                                  OUT's suffix picks the format:\n"
         "                                                  .png .svg .pdf .json\n"
         "  vpc-designer --version | --help\n";
}

int
vpc_cli_run (int    argc,
             char **argv)
{
  g_printerr ("vpc-designer: %s is not implemented yet\n", argv[1]);
  return 2;
}
