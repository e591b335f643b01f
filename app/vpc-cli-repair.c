/* SPDX-License-Identifier: GPL-3.0-or-later */
/* vpc-cli-repair.c: `vpc-designer repair FILE -o OUT.vpcd.json`
 * (format.md §5): writes a design that loads, with one line on stderr per
 * change; a file that loads already is written back unchanged. */
#include "vpc-cli-private.h"

#include <string.h>

#include "vpc-file-repair.h"
#include "vpc-safe-save.h"

int
_vpc_cli_repair (int    argc,
                 char **argv)
{
  const char *file = NULL, *out = NULL;
  const VpcCliOption options[] = {
    { "output", 'o', NULL, &out },
    { NULL },
  };
  g_autoptr(GPtrArray) changes = NULL;
  g_autoptr(GBytes) input = NULL;
  g_autoptr(GBytes) repaired = NULL;
  g_autoptr(GError) error = NULL;
  const char *data;
  gsize length;
  int status;

  status = _vpc_cli_parse (argc, argv, options, &file);
  if (status != VPC_CLI_EXIT_OK || file == NULL)
    return status;
  if (out == NULL)
    {
      _vpc_cli_usage_error ("repair", _("missing %s"), "-o OUT");
      return VPC_CLI_EXIT_ERROR;
    }
  /* Before anything is read: OUT must be a file we may replace, and never
   * the input, which stays as it was. */
  if (!vpc_safe_save_check (out, strcmp (file, "-") == 0 ? "/dev/stdin" : file, &error))
    {
      _vpc_cli_printerr ("vpc-designer: %s\n", error->message);
      return VPC_CLI_EXIT_ERROR;
    }

  input = _vpc_cli_read_input (file, &error);
  if (input != NULL)
    repaired = vpc_file_repair_bytes (input, &changes, NULL, &error);
  if (repaired == NULL)
    {
      _vpc_cli_printerr ("vpc-designer: %s: %s\n", file, error->message);
      return VPC_CLI_EXIT_ERROR;
    }
  data = g_bytes_get_data (repaired, &length);
  if (!vpc_safe_save (out, data, length, &error))
    {
      /* The writer's messages name OUT. */
      _vpc_cli_printerr ("vpc-designer: %s\n", error->message);
      return VPC_CLI_EXIT_ERROR;
    }
  /* Said once OUT holds what the lines describe. */
  for (guint i = 0; i < changes->len; i++)
    _vpc_cli_printerr ("%s\n", (const char *) g_ptr_array_index (changes, i));
  return VPC_CLI_EXIT_OK;
}
