/* SPDX-License-Identifier: GPL-3.0-or-later */
/* vpc-cli-output.c: output helpers of the command line: colour, element
 * names and the reports' JSON style. */
#include "vpc-cli-private.h"

#include <stdio.h>
#include <unistd.h>

#include "vpc-cost.h"

gboolean
_vpc_cli_use_color (void)
{
  /* Colour codes in a file or a pipe would only be noise for the reader. */
  return g_getenv ("NO_COLOR") == NULL && isatty (fileno (stdout));
}

const char *
_vpc_cli_severity_label (VpcSeverity severity)
{
  switch (severity)
    {
    case VPC_SEVERITY_ERROR:
      return _("error");
    case VPC_SEVERITY_WARNING:
      return _("warning");
    case VPC_SEVERITY_INFO:
    default:
      return _("info");
    }
}

const char *
_vpc_cli_element_name (VpcDesign  *design,
                       const char *id)
{
  const VpcElement *element = vpc_design_lookup (design, id);

  return element != NULL ? vpc_element_get_display_name (element) : id;
}

char *
_vpc_cli_utf8 (const char *text)
{
  /* Paths come from the command line in the file-system encoding; JSON
   * must be UTF-8. */
  return g_utf8_make_valid (text != NULL ? text : "", -1);
}

/* --- JSON ------------------------------------------------------------- */

VpcJsonWriter *
_vpc_cli_json_new (void)
{
  return vpc_json_writer_new_with_flags (VPC_JSON_WRITER_NULL_STRINGS
                                         | VPC_JSON_WRITER_HEX_CONTROLS);
}

GString *
_vpc_cli_json_finish (VpcJsonWriter *json)
{
  gsize length = 0;
  g_autofree char *text = vpc_json_writer_finish (json, &length);

  return g_string_new_len (text, (gssize) length);
}

void
_vpc_cli_json_money (VpcJsonWriter *json,
                     const char    *key,
                     gint64         micros)
{
  g_autofree char *text = vpc_cost_format_plain (micros);

  vpc_json_writer_raw (json, key, text);
}

void
_vpc_cli_json_ids (VpcJsonWriter *json,
                   const char    *key,
                   GPtrArray     *ids)
{
  vpc_json_writer_begin_array (json, key);
  for (guint i = 0; i < ids->len; i++)
    vpc_json_writer_string (json, NULL, g_ptr_array_index (ids, i));
  vpc_json_writer_end_array (json);
}
