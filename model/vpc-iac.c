/* SPDX-License-Identifier: GPL-3.0-or-later */
/* vpc-iac.c: which infrastructure-code writer or reader a file needs. */
#include "vpc-iac.h"

#include <string.h>

#include "vpc-aws-cli-import.h"
#include "vpc-cfn.h"
#include "vpc-file-repair.h"
#include "vpc-file.h"
#include "vpc-i18n.h"
#include "vpc-json-scan.h"
#include "vpc-safe-save.h"
#include "vpc-terraform.h"
#include "vpc-yaml.h"

gboolean
vpc_iac_path_is_export (const char *path)
{
  return vpc_file_path_has_suffix (path, ".yaml") || vpc_file_path_has_suffix (path, ".cfn.json") ||
         vpc_file_path_has_suffix (path, ".tf");
}

gboolean
vpc_iac_export_to_file (VpcDesign  *design,
                        const char *path,
                        GError    **error)
{
  g_autofree char *text = NULL;

  g_return_val_if_fail (VPC_IS_DESIGN (design), FALSE);

  if (vpc_file_path_has_suffix (path, ".tf"))
    text = vpc_terraform_export (design);
  else if (vpc_file_path_has_suffix (path, ".yaml") || vpc_file_path_has_suffix (path, ".cfn.json"))
    {
      g_autoptr(JsonNode) root = vpc_cfn_export (design);

      text = vpc_file_path_has_suffix (path, ".yaml") ? vpc_yaml_from_tree (root)
                                                      : vpc_json_tree_to_text (root);
    }
  else
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                   /* TRANSLATORS: %s is a file name; keep the suffixes. */
                   _("Unknown infrastructure-code format for %s: use .yaml, .cfn.json or .tf"),
                   path);
      return FALSE;
    }
  return vpc_safe_save (path, text, strlen (text), error);
}

gboolean
vpc_iac_path_is_template (const char *path)
{
  return vpc_file_path_has_suffix (path, ".yaml") || vpc_file_path_has_suffix (path, ".yml")
         || vpc_file_path_has_suffix (path, ".template")
         || vpc_file_path_has_suffix (path, ".cfn.json");
}

JsonNode *
vpc_iac_parse_template (GBytes  *bytes,
                        GError **error)
{
  gsize length;
  const char *data = g_bytes_get_data (bytes, &length);
  gsize start = 0;

  if (length >= 3 && memcmp (data, "\xef\xbb\xbf", 3) == 0)
    start = 3;
  while (start < length && g_ascii_isspace (data[start]))
    start++;
  if (start < length && data[start] == '{')
    {
      g_autoptr(JsonParser) parser = json_parser_new_immutable ();
      gsize scanned = 0;

      /* The loader's own limits (depth, size, UTF-8) first. */
      if (!vpc_json_scan (data, length, &scanned, error))
        return NULL;
      if (!json_parser_load_from_data (parser, data + scanned, (gssize) (length - scanned), error))
        return NULL;
      return json_node_copy (json_parser_get_root (parser));
    }
  if (!g_utf8_validate (data, (gssize) length, NULL))
    {
      g_set_error_literal (error, VPC_FILE_ERROR, VPC_FILE_ERROR_ENCODING,
                           _("the file is not valid UTF-8"));
      return NULL;
    }
  return vpc_yaml_parse (data, length, error);
}

VpcDesign *
vpc_iac_load_design (JsonObject *design,
                     GPtrArray  *warnings,
                     GError    **error)
{
  g_autoptr(JsonNode) node = json_node_new (JSON_NODE_OBJECT);
  g_autofree char *text = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) local = NULL;
  VpcDesign *result;

  json_node_set_object (node, design);
  text = vpc_json_tree_to_text (node);
  bytes = g_bytes_new (text, strlen (text));
  result = vpc_file_load_bytes (bytes, NULL, &local);
  if (result == NULL && vpc_file_repair_applies (local))
    {
      g_autoptr(GPtrArray) changes = NULL;
      g_autoptr(GBytes) repaired = NULL;
      g_autoptr(GError) repair_error = NULL;

      repaired = vpc_file_repair_bytes (bytes, &changes, &result, &repair_error);
      for (guint i = 0; changes != NULL && i < changes->len; i++)
        g_ptr_array_add (warnings, g_strdup_printf (_("repaired: %s"),
                                                    (const char *) g_ptr_array_index (changes, i)));
      if (result == NULL)
        g_propagate_error (error, g_steal_pointer (&repair_error));
    }
  else if (result == NULL)
    g_propagate_error (error, g_steal_pointer (&local));
  return result;
}

/* A CloudFormation template rather than AWS CLI output. */
static gboolean
is_template (JsonNode *root)
{
  return JSON_NODE_HOLDS_OBJECT (root) &&
         (json_object_has_member (json_node_get_object (root), "Resources") ||
          json_object_has_member (json_node_get_object (root), "AWSTemplateFormatVersion"));
}

VpcDesign *
vpc_iac_import (GPtrArray  *roots,
                GPtrArray  *names,
                const char *vpc,
                const char *region,
                GPtrArray  *warnings,
                GError    **error)
{
  g_return_val_if_fail (roots != NULL && roots->len > 0 && names != NULL, NULL);

  if (roots->len == 1 && is_template (g_ptr_array_index (roots, 0)))
    return vpc_cfn_import_full (g_ptr_array_index (roots, 0), region, vpc, warnings, error);
  return vpc_aws_cli_import (roots, names, vpc, region, warnings, error);
}
