/* SPDX-License-Identifier: GPL-3.0-or-later */
/* vpc-yaml.c: JSON trees as text (JSON and YAML), and YAML read into JSON
 * trees with CloudFormation's short-form tags (libyaml).
 *
 * Strings are always written double-quoted: YAML's double-quoted style is
 * a superset of JSON's strings, so no name can turn into a number, a
 * boolean or a tag. Numbers go through the model's shortest-exact writer
 * (json-glib 1.6's generator prints some doubles as invalid JSON).
 */
#include "vpc-yaml.h"

#include <string.h>
#include <yaml.h>

#include "vpc-i18n.h"
#include "vpc-json-write.h"

/* --- writing ------------------------------------------------------------------ */

/* YAML 1.1's printable characters may stand as they are in a
 * double-quoted scalar; every other one is escaped. */
static void
append_scalar_styled (GString  *out,
                      JsonNode *node,
                      gboolean  yaml)
{
  if (JSON_NODE_HOLDS_NULL (node))
    g_string_append (out, "null");
  else if (json_node_get_value_type (node) == G_TYPE_STRING && yaml)
    vpc_quote_append (out, json_node_get_string (node), VPC_QUOTE_YAML);
  else if (json_node_get_value_type (node) == G_TYPE_STRING)
    vpc_json_append_string (out, json_node_get_string (node));
  else if (json_node_get_value_type (node) == G_TYPE_BOOLEAN)
    g_string_append (out, json_node_get_boolean (node) ? "true" : "false");
  else if (json_node_get_value_type (node) == G_TYPE_INT64)
    g_string_append_printf (out, "%" G_GINT64_FORMAT, json_node_get_int (node));
  else
    vpc_json_append_number (out, json_node_get_double (node));
}

static void
append_scalar (GString  *out,
               JsonNode *node)
{
  append_scalar_styled (out, node, FALSE);
}

static void
append_yaml_scalar (GString  *out,
                    JsonNode *node)
{
  append_scalar_styled (out, node, TRUE);
}

static void
indent (GString *out,
        guint    depth)
{
  for (guint i = 0; i < depth; i++)
    g_string_append (out, "  ");
}

static void
json_text (GString  *out,
           JsonNode *node,
           guint     depth)
{
  if (JSON_NODE_HOLDS_OBJECT (node))
    {
      JsonObject *object = json_node_get_object (node);
      GList *members = json_object_get_members (object);

      if (members == NULL)
        {
          g_string_append (out, "{}");
          return;
        }
      g_string_append (out, "{\n");
      for (GList *m = members; m != NULL; m = m->next)
        {
          indent (out, depth + 1);
          vpc_json_append_string (out, m->data);
          g_string_append (out, ": ");
          json_text (out, json_object_get_member (object, m->data), depth + 1);
          g_string_append (out, m->next != NULL ? ",\n" : "\n");
        }
      indent (out, depth);
      g_string_append_c (out, '}');
      g_list_free (members);
    }
  else if (JSON_NODE_HOLDS_ARRAY (node))
    {
      JsonArray *array = json_node_get_array (node);
      guint n = json_array_get_length (array);

      if (n == 0)
        {
          g_string_append (out, "[]");
          return;
        }
      g_string_append (out, "[\n");
      for (guint i = 0; i < n; i++)
        {
          indent (out, depth + 1);
          json_text (out, json_array_get_element (array, i), depth + 1);
          g_string_append (out, i + 1 < n ? ",\n" : "\n");
        }
      indent (out, depth);
      g_string_append_c (out, ']');
    }
  else
    append_scalar (out, node);
}

char *
vpc_json_tree_to_text (JsonNode *root)
{
  GString *out = g_string_new (NULL);

  json_text (out, root, 0);
  g_string_append_c (out, '\n');
  return g_string_free (out, FALSE);
}

/* A mapping key: plain when it is a CloudFormation name ("Fn::GetAtt"). */
static void
yaml_key (GString    *out,
          const char *key)
{
  gboolean plain = g_ascii_isalpha (key[0]);

  for (const char *c = key; plain && *c != '\0'; c++)
    plain = g_ascii_isalnum (*c) || (*c == ':' && c[1] != ' ' && c[1] != '\0') || *c == '_'
            || *c == '-' || *c == '.';
  if (plain
      && g_strv_contains ((const char *const[]){ "true", "false", "null", "yes", "no", "on", "off",
                                                 "y", "n", NULL },
                          key))
    plain = FALSE;
  if (plain)
    g_string_append (out, key);
  else
    vpc_quote_append (out, key, VPC_QUOTE_YAML);
}

static gboolean
is_empty_container (JsonNode *node)
{
  return (JSON_NODE_HOLDS_OBJECT (node) && json_object_get_size (json_node_get_object (node)) == 0)
         || (JSON_NODE_HOLDS_ARRAY (node)
             && json_array_get_length (json_node_get_array (node)) == 0);
}

static void yaml_block (GString  *out,
                        JsonNode *node,
                        guint     depth);

/* After "key:" or "- ": a scalar or empty container on the same line,
 * else a block below. */
static void
yaml_value (GString  *out,
            JsonNode *node,
            guint     depth,
            gboolean  in_sequence)
{
  if (JSON_NODE_HOLDS_OBJECT (node) && !is_empty_container (node))
    {
      if (in_sequence)
        {
          /* "- Key: v" with the other keys under the first. */
          yaml_block (out, node, depth);
          return;
        }
      g_string_append_c (out, '\n');
      indent (out, depth);
      yaml_block (out, node, depth);
    }
  else if (JSON_NODE_HOLDS_ARRAY (node) && !is_empty_container (node))
    {
      g_string_append_c (out, '\n');
      indent (out, depth);
      yaml_block (out, node, depth);
    }
  else if (is_empty_container (node))
    g_string_append (out, JSON_NODE_HOLDS_OBJECT (node) ? " {}" : " []");
  else
    {
      g_string_append_c (out, ' ');
      append_yaml_scalar (out, node);
    }
}

/* @node's block at @depth; the first line's indent is already written. */
static void
yaml_block (GString  *out,
            JsonNode *node,
            guint     depth)
{
  if (JSON_NODE_HOLDS_OBJECT (node))
    {
      JsonObject *object = json_node_get_object (node);
      GList *members = json_object_get_members (object);

      for (GList *m = members; m != NULL; m = m->next)
        {
          if (m != members)
            indent (out, depth);
          yaml_key (out, m->data);
          g_string_append_c (out, ':');
          yaml_value (out, json_object_get_member (object, m->data), depth + 1, FALSE);
          if (m->next != NULL)
            g_string_append_c (out, '\n');
        }
      g_list_free (members);
    }
  else if (JSON_NODE_HOLDS_ARRAY (node))
    {
      JsonArray *array = json_node_get_array (node);

      for (guint i = 0; i < json_array_get_length (array); i++)
        {
          JsonNode *item = json_array_get_element (array, i);

          if (i > 0)
            indent (out, depth);
          g_string_append_c (out, '-');
          if (JSON_NODE_HOLDS_OBJECT (item) && !is_empty_container (item))
            {
              g_string_append_c (out, ' ');
              yaml_block (out, item, depth + 1);
            }
          else if (JSON_NODE_HOLDS_ARRAY (item) && !is_empty_container (item))
            {
              g_string_append_c (out, '\n');
              indent (out, depth + 1);
              yaml_block (out, item, depth + 1);
            }
          else
            yaml_value (out, item, depth + 1, TRUE);
          if (i + 1 < json_array_get_length (array))
            g_string_append_c (out, '\n');
        }
    }
  else
    append_yaml_scalar (out, node);
}

char *
vpc_yaml_from_tree (JsonNode *root)
{
  GString *out = g_string_new (NULL);

  yaml_block (out, root, 0);
  g_string_append_c (out, '\n');
  return g_string_free (out, FALSE);
}

/* --- reading -------------------------------------------------------------------- */

G_DEFINE_QUARK (vpc-yaml-error-quark, vpc_yaml_error)

typedef struct
{
  yaml_parser_t parser;
  GError      **error;
  guint         depth;
} Reader;

#define MAX_DEPTH 64

static gboolean
fail (Reader           *r,
      const yaml_mark_t *mark,
      const char        *message)
{
  /* TRANSLATORS: where in the text, then what is wrong. */
  g_set_error (r->error, VPC_YAML_ERROR, 0, _("line %zu, column %zu: %s"), mark->line + 1,
               mark->column + 1, message);
  return FALSE;
}

static gboolean
next_event (Reader       *r,
            yaml_event_t *event)
{
  if (yaml_parser_parse (&r->parser, event))
    return TRUE;
  /* TRANSLATORS: where in the text, then what is wrong (libyaml's words,
   * in English). */
  g_set_error (r->error, VPC_YAML_ERROR, 0, _("line %zu, column %zu: %s"),
               r->parser.problem_mark.line + 1, r->parser.problem_mark.column + 1,
               r->parser.problem != NULL ? r->parser.problem : _("not YAML"));
  return FALSE;
}

/* A plain scalar as YAML's core schema reads it. */
static JsonNode *
plain_scalar (const char *text)
{
  JsonNode *node = json_node_new (JSON_NODE_VALUE);
  gint64 number;
  char *end = NULL;
  double real;

  if (g_str_equal (text, "") || g_str_equal (text, "~") || g_ascii_strcasecmp (text, "null") == 0)
    {
      json_node_init_null (node);
      return node;
    }
  if (g_ascii_strcasecmp (text, "true") == 0 || g_ascii_strcasecmp (text, "false") == 0)
    {
      json_node_set_boolean (node, g_ascii_strcasecmp (text, "true") == 0);
      return node;
    }
  if (g_ascii_string_to_signed (text, 10, G_MININT64, G_MAXINT64, &number, NULL))
    {
      json_node_set_int (node, number);
      return node;
    }
  real = g_ascii_strtod (text, &end);
  if (end != NULL && *end == '\0' && end != text && strpbrk (text, "0123456789") != NULL &&
      strpbrk (text, "xXnN") == NULL)
    {
      json_node_set_double (node, real);
      return node;
    }
  json_node_set_string (node, text);
  return node;
}

static JsonNode *read_node (Reader *r, yaml_event_t *event);

/* "!GetAtt A.B" is Fn::GetAtt [A, B]; "!Ref X" is Ref; others Fn::Name. */
static JsonNode *
apply_tag (const char *tag,
           JsonNode   *value)
{
  JsonObject *object;
  JsonNode *node;
  const char *name = tag + 1;

  if (g_str_equal (name, "GetAtt") && JSON_NODE_HOLDS_VALUE (value)
      && json_node_get_value_type (value) == G_TYPE_STRING
      && strchr (json_node_get_string (value), '.') != NULL)
    {
      const char *text = json_node_get_string (value);
      const char *dot = strchr (text, '.');
      JsonArray *args = json_array_new ();
      g_autofree char *resource = g_strndup (text, dot - text);

      json_array_add_string_element (args, resource);
      json_array_add_string_element (args, dot + 1);
      json_node_unref (value);
      value = json_node_new (JSON_NODE_ARRAY);
      json_node_take_array (value, args);
    }
  object = json_object_new ();
  if (g_str_equal (name, "Ref") || g_str_equal (name, "Condition"))
    json_object_set_member (object, name, value);
  else
    {
      g_autofree char *key = g_strconcat ("Fn::", name, NULL);

      json_object_set_member (object, key, value);
    }
  node = json_node_new (JSON_NODE_OBJECT);
  json_node_take_object (node, object);
  return node;
}

static JsonNode *
read_container (Reader       *r,
                yaml_event_t *start)
{
  gboolean mapping = start->type == YAML_MAPPING_START_EVENT;
  JsonObject *object = mapping ? json_object_new () : NULL;
  JsonArray *array = mapping ? NULL : json_array_new ();
  JsonNode *node;

  if (++r->depth > MAX_DEPTH)
    {
      fail (r, &start->start_mark, _("nested deeper than 64"));
      goto failed;
    }
  for (;;)
    {
      yaml_event_t event;
      JsonNode *key = NULL, *value;

      if (!next_event (r, &event))
        goto failed;
      if (event.type == YAML_MAPPING_END_EVENT || event.type == YAML_SEQUENCE_END_EVENT)
        {
          yaml_event_delete (&event);
          break;
        }
      if (mapping)
        {
          key = read_node (r, &event);
          yaml_event_delete (&event);
          if (key == NULL)
            goto failed;
          if (!JSON_NODE_HOLDS_VALUE (key))
            {
              json_node_unref (key);
              fail (r, &r->parser.mark, _("a mapping key must be a scalar"));
              goto failed;
            }
          if (!next_event (r, &event))
            {
              json_node_unref (key);
              goto failed;
            }
        }
      value = read_node (r, &event);
      yaml_event_delete (&event);
      if (value == NULL)
        {
          g_clear_pointer (&key, json_node_unref);
          goto failed;
        }
      if (mapping)
        {
          g_autofree char *name = json_node_get_value_type (key) == G_TYPE_STRING
                                    ? g_strdup (json_node_get_string (key))
                                    : json_to_string (key, FALSE);

          json_node_unref (key);
          if (json_object_has_member (object, name))
            {
              json_node_unref (value);
              fail (r, &r->parser.mark, _("a key is given twice in one mapping"));
              goto failed;
            }
          json_object_set_member (object, name, value);
        }
      else
        json_array_add_element (array, value);
    }
  r->depth--;
  node = json_node_new (mapping ? JSON_NODE_OBJECT : JSON_NODE_ARRAY);
  if (mapping)
    json_node_take_object (node, object);
  else
    json_node_take_array (node, array);
  return node;

failed:
  if (object != NULL)
    json_object_unref (object);
  if (array != NULL)
    json_array_unref (array);
  return NULL;
}

static JsonNode *
read_node (Reader       *r,
           yaml_event_t *event)
{
  const char *tag = NULL;
  JsonNode *node;

  switch (event->type)
    {
    case YAML_SCALAR_EVENT:
      tag = (const char *) event->data.scalar.tag;
      if (event->data.scalar.style == YAML_PLAIN_SCALAR_STYLE && tag == NULL)
        node = plain_scalar ((const char *) event->data.scalar.value);
      else
        {
          node = json_node_new (JSON_NODE_VALUE);
          json_node_set_string (node, (const char *) event->data.scalar.value);
        }
      break;
    case YAML_MAPPING_START_EVENT:
      tag = (const char *) event->data.mapping_start.tag;
      node = read_container (r, event);
      break;
    case YAML_SEQUENCE_START_EVENT:
      tag = (const char *) event->data.sequence_start.tag;
      node = read_container (r, event);
      break;
    case YAML_ALIAS_EVENT:
      fail (r, &event->start_mark, _("aliases (*name) are not supported in templates"));
      return NULL;
    default:
      fail (r, &event->start_mark, _("unexpected YAML"));
      return NULL;
    }
  if (node != NULL && tag != NULL && tag[0] == '!' && tag[1] != '!' && tag[1] != '\0')
    node = apply_tag (tag, node);
  return node;
}

JsonNode *
vpc_yaml_parse (const char *text,
                gsize       length,
                GError    **error)
{
  Reader r = { .error = error };
  JsonNode *root = NULL;
  yaml_event_t event;
  gboolean done = FALSE;

  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  yaml_parser_initialize (&r.parser);
  yaml_parser_set_input_string (&r.parser, (const unsigned char *) text, length);
  while (!done)
    {
      if (!next_event (&r, &event))
        break;
      switch (event.type)
        {
        case YAML_STREAM_START_EVENT:
        case YAML_DOCUMENT_START_EVENT:
        case YAML_DOCUMENT_END_EVENT:
          break;
        case YAML_STREAM_END_EVENT:
          done = TRUE;
          break;
        default:
          if (root != NULL)
            {
              fail (&r, &event.start_mark, _("more than one document"));
              g_clear_pointer (&root, json_node_unref);
              done = TRUE;
              break;
            }
          root = read_node (&r, &event);
          if (root == NULL)
            done = TRUE;
          break;
        }
      yaml_event_delete (&event);
    }
  yaml_parser_delete (&r.parser);
  if (root == NULL && error != NULL && *error == NULL)
    g_set_error_literal (error, VPC_YAML_ERROR, 0, _("the file holds no YAML document"));
  if (root != NULL && error != NULL && *error != NULL)
    g_clear_pointer (&root, json_node_unref);
  return root;
}
