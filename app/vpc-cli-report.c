/* SPDX-License-Identifier: GPL-3.0-or-later */
/* vpc-cli-report.c: `vpc-designer report FILE -o OUT.pdf|OUT.html|OUT.md`
 * (format.md §5): the design-review document. Exit 0 when written, 2 on a
 * usage error or a file that cannot be read or written; findings do not
 * change the status (check is the gate). */
#include "vpc-cli-private.h"

#include <string.h>

#include "vpc-export.h"
#include "vpc-report.h"
#include "vpc-safe-save.h"

int
_vpc_cli_report (int    argc,
                 char **argv)
{
  const char *file = NULL, *out = NULL;
  const VpcCliOption options[] = {
    { "output", 'o', NULL, &out },
    { NULL },
  };
  g_autoptr(VpcDesign) design = NULL;
  g_autoptr(GPtrArray) warnings = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *title = NULL;
  const char *input;
  int status;

  status = _vpc_cli_parse (argc, argv, options, &file);
  if (status != VPC_CLI_EXIT_OK || file == NULL)
    return status;
  if (out == NULL)
    {
      _vpc_cli_usage_error ("report", _("missing %s"), "-o OUT");
      return VPC_CLI_EXIT_ERROR;
    }
  if (!vpc_report_path_is_supported (out))
    {
      _vpc_cli_usage_error (
          "report", _("cannot tell the format of '%s': OUT must end in .pdf, .html or .md"), out);
      return VPC_CLI_EXIT_ERROR;
    }
  /* OUT (and a Markdown report's diagram beside it) must be files we may
   * replace, never the design being read. */
  input = strcmp (file, "-") == 0 ? "/dev/stdin" : file;
  if (!vpc_safe_save_check (out, input, &error))
    {
      _vpc_cli_printerr ("vpc-designer: %s\n", error->message);
      return VPC_CLI_EXIT_ERROR;
    }
  if (vpc_file_path_has_suffix (out, ".md"))
    {
      g_autofree char *svg = vpc_report_markdown_svg_path (out);

      if (svg != NULL && !vpc_safe_save_check (svg, input, &error))
        {
          _vpc_cli_printerr ("vpc-designer: %s\n", error->message);
          return VPC_CLI_EXIT_ERROR;
        }
    }

  design = _vpc_cli_load (file, &warnings);
  if (design == NULL)
    return VPC_CLI_EXIT_ERROR;
  _vpc_cli_print_warnings (file, warnings);
  title = vpc_export_title_from_path (file);
  if (!vpc_report_to_file (design, out, title, &error))
    {
      _vpc_cli_printerr ("vpc-designer: %s\n",
                         error != NULL ? error->message : _("cannot write the report"));
      return VPC_CLI_EXIT_ERROR;
    }
  return VPC_CLI_EXIT_OK;
}
