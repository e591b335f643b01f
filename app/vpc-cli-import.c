/* vpc-cli-import.c: `vpc-designer import SOURCE -o OUT.vpcd.json [--vpc ID]
 * [--region R]` (FORMAT.md §5): a design from a CloudFormation template,
 * JSON or YAML (short and long intrinsic forms). Elements without a layout
 * are placed by the automatic layout; what cannot be modelled is printed
 * as warnings on stderr, never dropped in silence. Exit 0 when OUT was
 * written, 2 otherwise. */
#include "vpc-cli-private.h"

#include <string.h>

#include "vpc-cfn.h"
#include "vpc-file.h"
#include "vpc-iac.h"
#include "vpc-safe-save.h"

int
_vpc_cli_import (int    argc,
                 char **argv)
{
  const char *file = NULL, *out = NULL, *vpc = NULL, *region = NULL;
  const VpcCliOption options[] = {
    { "output", 'o', NULL, &out },
    { "vpc", 0, NULL, &vpc },
    { "region", 0, NULL, &region },
    { NULL },
  };
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GPtrArray) warnings = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(VpcDesign) design = NULL;
  int status;

  status = _vpc_cli_parse (argc, argv, options, &file);
  if (status != VPC_CLI_EXIT_OK || file == NULL)
    return status;
  if (out == NULL)
    {
      _vpc_cli_usage_error ("import", "missing -o OUT.vpcd.json");
      return VPC_CLI_EXIT_ERROR;
    }
  if (!vpc_safe_save_check (out, strcmp (file, "-") == 0 ? "/dev/stdin" : file, &error))
    {
      _vpc_cli_printerr ("vpc-designer: %s\n", error->message);
      return VPC_CLI_EXIT_ERROR;
    }
  bytes = _vpc_cli_read_input (file, &error);
  if (bytes != NULL)
    root = vpc_iac_parse_template (bytes, &error);
  if (root != NULL)
    design = vpc_cfn_import_full (root, region, vpc, warnings, &error);
  if (design == NULL)
    {
      _vpc_cli_printerr ("vpc-designer: %s: %s\n", file, error != NULL ? error->message : "cannot be imported");
      return VPC_CLI_EXIT_ERROR;
    }
  _vpc_cli_print_warnings (file, warnings);
  if (!vpc_file_save_path (design, out, &error))
    {
      _vpc_cli_printerr ("vpc-designer: %s\n", error->message);
      return VPC_CLI_EXIT_ERROR;
    }
  return VPC_CLI_EXIT_OK;
}
