/* SPDX-License-Identifier: GPL-3.0-or-later */
/* vpc-cli-export.c: `vpc-designer export FILE -o OUT [--theme light|dark]
 * [--scale N]`; OUT's suffix picks the format: .png .svg .pdf .drawio .json,
 * CloudFormation .yaml .cfn.json and Terraform .tf. */
#include "vpc-cli-private.h"

#include <string.h>

#include "vpc-export.h"
#include "vpc-iac.h"
#include "vpc-file.h"
#include "vpc-safe-save.h"

/* The renderer falls back to 1 outside (0, 100]; refuse instead of
 * silently drawing at another size. */
#define MAX_SCALE 100.0

static const char *const themes[] = { "light", "dark", NULL };

typedef enum {
  OUTPUT_UNKNOWN,
  OUTPUT_JSON,
  OUTPUT_INFRASTRUCTURE_CODE, /* .yaml .cfn.json .tf */
  OUTPUT_DRAWING, /* .png .svg .pdf .drawio, from the layout */
} OutputKind;

/* Suffixes compare without case, as the renderer does (".PNG" works). */
static OutputKind
output_kind (const char *path)
{
  if (vpc_iac_path_is_export (path))
    return OUTPUT_INFRASTRUCTURE_CODE;
  if (vpc_file_path_has_suffix (path, ".json"))
    return OUTPUT_JSON;
  if (vpc_file_path_has_suffix (path, ".png") || vpc_file_path_has_suffix (path, ".svg") ||
      vpc_file_path_has_suffix (path, ".pdf") || vpc_file_path_has_suffix (path, ".drawio"))
    return OUTPUT_DRAWING;
  return OUTPUT_UNKNOWN;
}

static gboolean
parse_scale (const char *text,
             double     *scale)
{
  if (text == NULL)
    {
      *scale = 1.0;
      return TRUE;
    }
  return _vpc_cli_parse_decimal (text, scale) && *scale > 0 && *scale <= MAX_SCALE;
}

/* The canonical design file (format.md §3), written by the one writer. */
static gboolean
export_json (VpcDesign  *design,
             const char *out,
             GError    **error)
{
  gsize length = 0;
  g_autofree char *text = vpc_file_serialize (design, &length);

  return vpc_safe_save (out, text, length, error);
}

int
_vpc_cli_export (int    argc,
                 char **argv)
{
  const char *file = NULL, *out = NULL, *theme = "light", *scale_text = NULL;
  const VpcCliOption options[] = {
    { "output", 'o', NULL, &out },
    { "theme", 0, themes, &theme },
    { "scale", 0, NULL, &scale_text },
    { NULL },
  };
  g_autoptr(VpcDesign) design = NULL;
  g_autoptr(GPtrArray) warnings = NULL;
  g_autoptr(GError) error = NULL;
  OutputKind kind;
  double scale;
  int status;
  gboolean ok;

  status = _vpc_cli_parse (argc, argv, options, &file);
  if (status != VPC_CLI_EXIT_OK || file == NULL)
    return status;
  /* Every usage problem is found before anything is read or written. */
  if (out == NULL)
    {
      _vpc_cli_usage_error ("export", _("missing %s"), "-o OUT");
      return VPC_CLI_EXIT_ERROR;
    }
  kind = output_kind (out);
  if (kind == OUTPUT_UNKNOWN)
    {
      _vpc_cli_usage_error (
          "export",
          _("cannot tell the format of '%s': OUT must end in .png, .svg, .pdf, .drawio, "
             ".json, .yaml, .cfn.json or .tf"),
          out);
      return VPC_CLI_EXIT_ERROR;
    }
  if (!parse_scale (scale_text, &scale))
    {
      _vpc_cli_usage_error ("export",
                            _("invalid value '%s' for '--scale' (expected a decimal number "
                               "above 0 and at most 100, such as 2 or 0.5)"),
                            scale_text);
      return VPC_CLI_EXIT_ERROR;
    }
  /* OUT must be a file we may replace, and never the design being read
   * ("-" is standard input, which may be a redirected file). */
  if (!vpc_safe_save_check (out, strcmp (file, "-") == 0 ? "/dev/stdin" : file, &error))
    {
      _vpc_cli_printerr ("vpc-designer: %s\n", error->message);
      return VPC_CLI_EXIT_ERROR;
    }

  design = _vpc_cli_load (file, &warnings);
  if (design == NULL)
    return VPC_CLI_EXIT_ERROR;
  _vpc_cli_print_warnings (file, warnings);

  if (kind == OUTPUT_JSON)
    ok = export_json (design, out, &error);
  else if (kind == OUTPUT_INFRASTRUCTURE_CODE)
    ok = vpc_iac_export_to_file (design, out, &error);
  else
    {
      /* An unnamed design is titled with its file's name. */
      g_autofree char *title = vpc_export_title_from_path (file);
      VpcExportOptions export_options;

      vpc_export_options_init (&export_options);
      export_options.theme = g_str_equal (theme, "dark") ? VPC_THEME_DARK : VPC_THEME_LIGHT;
      export_options.scale = scale;
      export_options.fallback_title = title;
      export_options.one_shot = TRUE;
      ok = vpc_export_to_file_full (design, out, &export_options, &error);
    }
  if (!ok)
    {
      /* The messages name OUT already. */
      _vpc_cli_printerr ("vpc-designer: %s\n",
                         error != NULL ? error->message : _("cannot write the output"));
      return VPC_CLI_EXIT_ERROR;
    }
  /* Freed by the exit, with what the export left (one_shot). */
  _vpc_cli_keep (g_steal_pointer (&design), g_object_unref);
  return VPC_CLI_EXIT_OK;
}
