/* SPDX-License-Identifier: GPL-3.0-or-later */
/* vpc-cli-import.c: `vpc-designer import SOURCE... -o OUT.vpcd.json [--vpc ID]
 * [--region R]` (format.md §5): a design from a CloudFormation template,
 * JSON or YAML (short and long intrinsic forms), or from saved AWS CLI
 * outputs (several files, any order). Elements without a layout
 * are placed by the automatic layout; what cannot be modelled is printed
 * as warnings on stderr, never dropped in silence. Exit 0 when OUT was
 * written, 2 otherwise. */
#include "vpc-cli-private.h"

#include <string.h>

#include "vpc-file.h"
#include "vpc-iac.h"
#include "vpc-safe-save.h"

int
_vpc_cli_import (int    argc,
                 char **argv)
{
  const char *out = NULL, *vpc = NULL, *region = NULL;
  const VpcCliOption options[] = {
    { "output", 'o', NULL, &out },
    { "vpc", 0, NULL, &vpc },
    { "region", 0, NULL, &region },
    { NULL },
  };
  g_autoptr(GPtrArray) files = g_ptr_array_new ();
  g_autoptr(GPtrArray) roots = g_ptr_array_new_with_free_func ((GDestroyNotify) json_node_unref);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) warnings = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(VpcDesign) design = NULL;
  const char *failed = NULL;
  int status;

  status = _vpc_cli_parse_list (argc, argv, options, "SOURCE", files);
  if (status != VPC_CLI_EXIT_OK || files->len == 0)
    return status;
  if (out == NULL)
    {
      _vpc_cli_usage_error ("import", _("missing %s"), "-o OUT.vpcd.json");
      return VPC_CLI_EXIT_ERROR;
    }
  for (guint i = 0; i < files->len; i++)
    {
      const char *file = g_ptr_array_index (files, i);

      if (!vpc_safe_save_check (out, strcmp (file, "-") == 0 ? "/dev/stdin" : file, &error))
        {
          _vpc_cli_printerr ("vpc-designer: %s\n", error->message);
          return VPC_CLI_EXIT_ERROR;
        }
    }
  for (guint i = 0; i < files->len && failed == NULL; i++)
    {
      g_autoptr(GBytes) bytes = _vpc_cli_read_input (g_ptr_array_index (files, i), &error);
      JsonNode *root = bytes != NULL ? vpc_iac_parse_template (bytes, &error) : NULL;

      if (root == NULL)
        failed = g_ptr_array_index (files, i);
      else
        g_ptr_array_add (roots, root);
    }
  if (failed == NULL)
    design = vpc_iac_import (roots, files, vpc, region, warnings, &error);
  if (design == NULL)
    {
      _vpc_cli_printerr ("vpc-designer: %s: %s\n",
                         failed != NULL ? failed : (const char *) g_ptr_array_index (files, 0),
                         error != NULL ? error->message : _("cannot be imported"));
      return VPC_CLI_EXIT_ERROR;
    }
  for (guint i = 0; i < warnings->len; i++)
    _vpc_cli_printerr (_("vpc-designer: import: warning: %s\n"),
                       (const char *) g_ptr_array_index (warnings, i));
  if (!vpc_file_save_path (design, out, &error))
    {
      _vpc_cli_printerr ("vpc-designer: %s\n", error->message);
      return VPC_CLI_EXIT_ERROR;
    }
  return VPC_CLI_EXIT_OK;
}
