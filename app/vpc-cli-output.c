/* vpc-cli-output.c: output helpers of the command line: colour, element
 * names and a small JSON writer. */
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

/* --- JSON writer ------------------------------------------------------- */

typedef struct
{
  gboolean is_object;
  gboolean filled; /* TRUE once it has a member */
} Container;

struct _VpcCliJson
{
  GString *out;
  GArray  *open; /* of Container, innermost last */
};

VpcCliJson *
_vpc_cli_json_new (void)
{
  VpcCliJson *json = g_new0 (VpcCliJson, 1);

  json->out = g_string_new (NULL);
  json->open = g_array_new (FALSE, FALSE, sizeof (Container));
  return json;
}

GString *
_vpc_cli_json_finish (VpcCliJson *json)
{
  GString *out = json->out;

  g_assert (json->open->len == 0);
  g_string_append_c (out, '\n');
  g_array_unref (json->open);
  g_free (json);
  return out;
}

void
_vpc_cli_json_append_string (GString    *out,
                             const char *value)
{
  g_autofree char *valid = _vpc_cli_utf8 (value);

  g_string_append_c (out, '"');
  for (const char *p = valid; *p != '\0'; p++)
    {
      unsigned char c = (unsigned char) *p;

      switch (c)
        {
        case '"':
          g_string_append (out, "\\\"");
          break;
        case '\\':
          g_string_append (out, "\\\\");
          break;
        case '\n':
          g_string_append (out, "\\n");
          break;
        case '\r':
          g_string_append (out, "\\r");
          break;
        case '\t':
          g_string_append (out, "\\t");
          break;
        default:
          /* Other control characters must be escaped (RFC 8259 §7);
           * UTF-8 above ASCII is kept as is. */
          if (c < 0x20 || c == 0x7f)
            g_string_append_printf (out, "\\u%04x", c);
          else
            g_string_append_c (out, (char) c);
        }
    }
  g_string_append_c (out, '"');
}

/* Writes what comes before a value: the comma, the line break and indent,
 * and the member name. */
static void
indent (VpcCliJson *json)
{
  g_string_append_c (json->out, '\n');
  for (guint i = 0; i < json->open->len; i++)
    g_string_append (json->out, "  ");
}

/* Writes what comes before a value: the comma, the line break and indent,
 * and the member name. */
static void
begin_value (VpcCliJson *json,
             const char *key)
{
  Container *parent = NULL;

  if (json->open->len > 0)
    parent = &g_array_index (json->open, Container, json->open->len - 1);
  /* Members of objects have names; array elements and the root do not. */
  g_assert ((key != NULL) == (parent != NULL && parent->is_object));
  if (parent != NULL)
    {
      if (parent->filled)
        g_string_append_c (json->out, ',');
      parent->filled = TRUE;
      indent (json);
    }
  if (key != NULL)
    {
      _vpc_cli_json_append_string (json->out, key);
      g_string_append (json->out, ": ");
    }
}

static void
begin_container (VpcCliJson *json,
                 const char *key,
                 gboolean    is_object)
{
  Container container = { is_object, FALSE };

  begin_value (json, key);
  g_string_append_c (json->out, is_object ? '{' : '[');
  g_array_append_val (json->open, container);
}

static void
end_container (VpcCliJson *json,
               gboolean    is_object)
{
  Container container;

  g_assert (json->open->len > 0);
  container = g_array_index (json->open, Container, json->open->len - 1);
  g_assert (container.is_object == is_object);
  g_array_set_size (json->open, json->open->len - 1);
  /* Empty containers stay on one line: [] and {}. */
  if (container.filled)
    indent (json);
  g_string_append_c (json->out, is_object ? '}' : ']');
}

void
_vpc_cli_json_begin_object (VpcCliJson *json,
                            const char *key)
{
  begin_container (json, key, TRUE);
}

void
_vpc_cli_json_end_object (VpcCliJson *json)
{
  end_container (json, TRUE);
}

void
_vpc_cli_json_begin_array (VpcCliJson *json,
                           const char *key)
{
  begin_container (json, key, FALSE);
}

void
_vpc_cli_json_end_array (VpcCliJson *json)
{
  end_container (json, FALSE);
}

void
_vpc_cli_json_string (VpcCliJson *json,
                      const char *key,
                      const char *value)
{
  begin_value (json, key);
  if (value == NULL)
    g_string_append (json->out, "null");
  else
    _vpc_cli_json_append_string (json->out, value);
}

void
_vpc_cli_json_int (VpcCliJson *json,
                   const char *key,
                   gint64      value)
{
  begin_value (json, key);
  g_string_append_printf (json->out, "%" G_GINT64_FORMAT, value);
}

void
_vpc_cli_json_boolean (VpcCliJson *json,
                       const char *key,
                       gboolean    value)
{
  begin_value (json, key);
  g_string_append (json->out, value ? "true" : "false");
}

void
_vpc_cli_json_null (VpcCliJson *json,
                    const char *key)
{
  begin_value (json, key);
  g_string_append (json->out, "null");
}

void
_vpc_cli_json_money (VpcCliJson *json,
                     const char *key,
                     gint64      micros)
{
  g_autofree char *text = vpc_cost_format_plain (micros);

  begin_value (json, key);
  g_string_append (json->out, text);
}
