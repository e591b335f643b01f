/* SPDX-License-Identifier: GPL-3.0-or-later */
/* vpc-cfn-import.c: the design a CloudFormation template describes.
 *
 * Intrinsic functions are resolved where the template allows it (Ref of a
 * parameter takes its default, AWS::Region the region, Fn::Sub, Join,
 * Select, Split, GetAZs, FindInMap, If with the conditions it can
 * evaluate); a reference to a resource stays a reference. The VPC's
 * resources become the design's elements, written as a design file and
 * loaded by the one loader — so a template that breaks a rule of the
 * format is repaired the way `repair` does it, each change a warning.
 * What has no place in a design is listed as a warning too, never dropped
 * in silence. The "VpcDesigner" metadata of an exported template gives
 * back what CloudFormation cannot say (ids, names, layouts, jobs).
 */
#include "vpc-cfn.h"

#include <string.h>

#include "vpc-file.h"
#include "vpc-i18n.h"
#include "vpc-iac.h"

/* A resolved reference to a resource: this byte, then its logical id. */
#define RESOURCE_MARK '\x01'
/* A parameter without a default: this byte, then its name. */
#define PARAMETER_MARK '\x02'

typedef struct
{
  JsonObject *root;
  JsonObject *resources;
  JsonObject *parameters;
  JsonObject *conditions;
  JsonObject *mappings;
  JsonObject *meta;        /* the template's VpcDesigner metadata, or NULL */
  char       *region;
  GPtrArray  *warnings;
  GHashTable *used;        /* logical ids turned into elements or parts of them */
  GHashTable *ids;         /* logical id → element id */
  char       *vpc;         /* the VPC's logical id */
  char       *vpc_cidr;    /* its CIDR block, or the one assumed */
  char       *cidr_base;   /* "10.0": where assumed subnet blocks go */
  guint       next_subnet;
} Import;

static void
warn (Import     *im,
      const char *format,
      ...) G_GNUC_PRINTF (2, 3);

static void
warn (Import     *im,
      const char *format,
      ...)
{
  va_list args;
  char *message;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);
  /* The same note once, however many resources lead to it. */
  if (g_ptr_array_find_with_equal_func (im->warnings, message, g_str_equal, NULL))
    g_free (message);
  else
    g_ptr_array_add (im->warnings, message);
}

static JsonObject *
object_member (JsonObject *object,
               const char *key)
{
  JsonNode *node = object != NULL ? json_object_get_member (object, key) : NULL;

  return node != NULL && JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
}

static JsonObject *
meta_of (JsonObject *resource)
{
  return object_member (object_member (resource, "Metadata"), VPC_CFN_METADATA_KEY);
}

/* --- intrinsic functions -------------------------------------------------------- */

static JsonNode *resolve (Import *im, JsonNode *node);
static JsonNode *resolve_function (Import *im, const char *name, JsonNode *arg);

/* A parameter without a default stands as its name where text is shown. */
static gboolean
unresolved (const char *text)
{
  return text != NULL && text[0] == PARAMETER_MARK;
}

static const char *
plain (const char *text)
{
  return unresolved (text) ? text + 1 : text;
}

static JsonNode *
string_node (const char *text)
{
  JsonNode *node = json_node_new (JSON_NODE_VALUE);

  json_node_set_string (node, text);
  return node;
}

/* A node holding @array, which it takes. */
static JsonNode *
array_node (JsonArray *array)
{
  JsonNode *node = json_node_new (JSON_NODE_ARRAY);

  json_node_take_array (node, array);
  return node;
}

static gboolean
is_string (JsonNode *node)
{
  return node != NULL && JSON_NODE_HOLDS_VALUE (node)
         && json_node_get_value_type (node) == G_TYPE_STRING;
}

/* The resource a resolved value refers to, or NULL. */
static const char *
resource_of (JsonNode *node)
{
  const char *text = is_string (node) ? json_node_get_string (node) : NULL;

  return text != NULL && text[0] == RESOURCE_MARK ? text + 1 : NULL;
}

static JsonNode *
resource_node (const char *name)
{
  g_autofree char *text = g_strdup_printf ("%c%s", RESOURCE_MARK, name);

  return string_node (text);
}

static JsonNode *
resolve_ref (Import     *im,
             const char *name)
{
  JsonObject *parameter;

  if (g_str_equal (name, "AWS::Region"))
    return string_node (im->region);
  if (g_str_equal (name, "AWS::NoValue"))
    return NULL;
  if (g_str_has_prefix (name, "AWS::"))
    return string_node (g_str_equal (name, "AWS::AccountId") ? "123456789012" : name + 5);
  if (json_object_has_member (im->resources, name))
    return resource_node (name);
  parameter = object_member (im->parameters, name);
  if (parameter != NULL)
    {
      const char *type = json_object_get_string_member_with_default (parameter, "Type", "String");
      JsonNode *value = json_object_get_member (parameter, "Default");

      /* A list parameter's default is one comma-separated string. */
      if (value != NULL && is_string (value) && (g_str_has_prefix (type, "List<") ||
                                                  g_str_equal (type, "CommaDelimitedList")))
        {
          g_auto(GStrv) parts = g_strsplit (json_node_get_string (value), ",", -1);
          JsonArray *array = json_array_new ();

          for (guint i = 0; parts[i] != NULL; i++)
            json_array_add_string_element (array, g_strstrip (parts[i]));
          return array_node (array);
        }
      if (value != NULL)
        return resolve (im, value);
      /* AZ names the user would choose: the region's, in order. */
      if (g_str_equal (type, "List<AWS::EC2::AvailabilityZone::Name>"))
        {
          /* TRANSLATORS: %s is a parameter of the template. */
          warn (im,
                _("Parameters.%s has no default: the region's first availability zones assumed"),
                name);
          return resolve_function (im, "Fn::GetAZs", NULL);
        }
    }
  /* A parameter without a default (a CIDR, an image URI, a role): marked,
   * so that each use can say what it assumes. */
  {
    g_autofree char *marked = g_strdup_printf ("%c%s", PARAMETER_MARK, name);

    return string_node (marked);
  }
}

/* "${AWS::Region}" and "${Name}" in @text; ${Name.Attr} of a resource
 * becomes its name. */
static JsonNode *
resolve_sub (Import     *im,
             const char *text,
             JsonObject *vars)
{
  GString *out = g_string_new (NULL);

  for (const char *c = text; *c != '\0'; c++)
    {
      const char *end;

      if (c[0] == '$' && c[1] == '{' && c[2] != '!' && (end = strchr (c, '}')) != NULL)
        {
          g_autofree char *name = g_strndup (c + 2, end - c - 2);
          char *dot = strchr (name, '.');
          g_autoptr(JsonNode) value = NULL;

          if (vars != NULL && json_object_has_member (vars, name))
            value = resolve (im, json_object_get_member (vars, name));
          else
            {
              if (dot != NULL && json_object_has_member (im->resources, name) == FALSE)
                *dot = '\0';
              value = resolve_ref (im, name);
            }
          if (resource_of (value) != NULL)
            g_string_append (out, resource_of (value));
          else if (is_string (value))
            g_string_append (out, json_node_get_string (value)
                                      + (json_node_get_string (value)[0] == PARAMETER_MARK));
          c = end;
        }
      else
        g_string_append_c (out, *c);
    }
  {
    JsonNode *node = string_node (out->str);

    g_string_free (out, TRUE);
    return node;
  }
}

static gboolean evaluate_condition (Import *im, JsonNode *node);

static gboolean
condition_named (Import     *im,
                 const char *name)
{
  JsonNode *node = im->conditions != NULL ? json_object_get_member (im->conditions, name) : NULL;

  if (node == NULL)
    {
      /* TRANSLATORS: %s is a condition of the template. */
      warn (im, _("Conditions.%s: not defined; taken as true"), name);
      return TRUE;
    }
  return evaluate_condition (im, node);
}

static gboolean
nodes_equal (JsonNode *a,
             JsonNode *b)
{
  if (a == NULL || b == NULL)
    return a == b;
  return json_node_equal (a, b);
}

static gboolean
evaluate_condition (Import   *im,
                    JsonNode *node)
{
  JsonObject *object = JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
  JsonNode *args_node = NULL;
  JsonArray *args;

  if (object == NULL || json_object_get_size (object) != 1)
    {
      g_autoptr(JsonNode) value = resolve (im, node);

      return value != NULL
             && (!is_string (value)
                 || g_ascii_strcasecmp (json_node_get_string (value), "false") != 0);
    }
  if (json_object_has_member (object, "Condition"))
    return condition_named (im, json_object_get_string_member (object, "Condition"));
  if ((args_node = json_object_get_member (object, "Fn::Equals")) != NULL
      && JSON_NODE_HOLDS_ARRAY (args_node)
      && json_array_get_length (args = json_node_get_array (args_node)) == 2)
    {
      g_autoptr(JsonNode) a = resolve (im, json_array_get_element (args, 0));
      g_autoptr(JsonNode) b = resolve (im, json_array_get_element (args, 1));

      return nodes_equal (a, b);
    }
  if ((args_node = json_object_get_member (object, "Fn::Not")) != NULL
      && JSON_NODE_HOLDS_ARRAY (args_node)
      && json_array_get_length (json_node_get_array (args_node)) == 1)
    return !evaluate_condition (im, json_array_get_element (json_node_get_array (args_node), 0));
  if (((args_node = json_object_get_member (object, "Fn::And")) != NULL
       || (args_node = json_object_get_member (object, "Fn::Or")) != NULL)
      && JSON_NODE_HOLDS_ARRAY (args_node))
    {
      gboolean is_and = json_object_has_member (object, "Fn::And");

      args = json_node_get_array (args_node);
      for (guint i = 0; i < json_array_get_length (args); i++)
        if (evaluate_condition (im, json_array_get_element (args, i)) != is_and)
          return !is_and;
      return is_and;
    }
  warn (im, _("a condition could not be evaluated; taken as true"));
  return TRUE;
}

/* One intrinsic function: @arg is its argument, @args the same when it is
 * a list (else NULL) and @n its length. Each sets @result and returns TRUE
 * when it can resolve its argument (@result may be NULL: AWS::NoValue). */
typedef gboolean (*FunctionResolver) (Import    *im,
                                      JsonNode  *arg,
                                      JsonArray *args,
                                      guint      n,
                                      JsonNode **result);

static gboolean
resolve_ref_function (Import    *im,
                      JsonNode  *arg,
                      JsonArray *args,
                      guint      n,
                      JsonNode **result)
{
  if (!is_string (arg))
    return FALSE;
  *result = resolve_ref (im, json_node_get_string (arg));
  return TRUE;
}

/* A resource's attribute stands for the resource. */
static gboolean
resolve_get_att (Import    *im,
                 JsonNode  *arg,
                 JsonArray *args,
                 guint      n,
                 JsonNode **result)
{
  if (n >= 1 && is_string (json_array_get_element (args, 0)))
    {
      *result = resource_node (json_node_get_string (json_array_get_element (args, 0)));
      return TRUE;
    }
  if (is_string (arg))
    {
      g_auto(GStrv) parts = g_strsplit (json_node_get_string (arg), ".", 2);

      *result = resource_node (parts[0]);
      return TRUE;
    }
  return FALSE;
}

static gboolean
resolve_sub_function (Import    *im,
                      JsonNode  *arg,
                      JsonArray *args,
                      guint      n,
                      JsonNode **result)
{
  if (is_string (arg))
    {
      *result = resolve_sub (im, json_node_get_string (arg), NULL);
      return TRUE;
    }
  if (n == 2 && is_string (json_array_get_element (args, 0)) &&
      JSON_NODE_HOLDS_OBJECT (json_array_get_element (args, 1)))
    {
      *result = resolve_sub (im, json_node_get_string (json_array_get_element (args, 0)),
                             json_node_get_object (json_array_get_element (args, 1)));
      return TRUE;
    }
  return FALSE;
}

static gboolean
resolve_join (Import    *im,
              JsonNode  *arg,
              JsonArray *args,
              guint      n,
              JsonNode **result)
{
  g_autoptr(JsonNode) list = NULL;
  GString *out;

  if (n != 2 || !is_string (json_array_get_element (args, 0)))
    return FALSE;
  list = resolve (im, json_array_get_element (args, 1));
  out = g_string_new (NULL);
  for (guint i = 0; list != NULL && JSON_NODE_HOLDS_ARRAY (list)
                    && i < json_array_get_length (json_node_get_array (list));
       i++)
    {
      JsonNode *item = json_array_get_element (json_node_get_array (list), i);

      if (i > 0)
        g_string_append (out, json_node_get_string (json_array_get_element (args, 0)));
      if (resource_of (item) != NULL)
        g_string_append (out, resource_of (item));
      else if (is_string (item))
        g_string_append (out, json_node_get_string (item));
    }
  *result = string_node (out->str);
  g_string_free (out, TRUE);
  return TRUE;
}

static gboolean
resolve_select (Import    *im,
                JsonNode  *arg,
                JsonArray *args,
                guint      n,
                JsonNode **result)
{
  g_autoptr(JsonNode) index = NULL;
  g_autoptr(JsonNode) list = NULL;
  gint64 i = -1;

  if (n != 2)
    return FALSE;
  index = resolve (im, json_array_get_element (args, 0));
  list = resolve (im, json_array_get_element (args, 1));
  if (index != NULL && JSON_NODE_HOLDS_VALUE (index))
    i = json_node_get_value_type (index) == G_TYPE_STRING
            ? g_ascii_strtoll (json_node_get_string (index), NULL, 10)
            : json_node_get_int (index);
  if (list == NULL || !JSON_NODE_HOLDS_ARRAY (list) || i < 0
      || i >= json_array_get_length (json_node_get_array (list)))
    return FALSE;
  *result = json_node_copy (json_array_get_element (json_node_get_array (list), (guint) i));
  return TRUE;
}

/* The region's AZs, as the template cannot ask AWS: a to f. */
static gboolean
resolve_get_azs (Import    *im,
                 JsonNode  *arg,
                 JsonArray *args,
                 guint      n,
                 JsonNode **result)
{
  JsonArray *azs = json_array_new ();

  for (char letter = 'a'; letter <= 'f'; letter++)
    {
      g_autofree char *az = g_strdup_printf ("%s%c", im->region, letter);

      json_array_add_string_element (azs, az);
    }
  *result = array_node (azs);
  return TRUE;
}

static gboolean
resolve_split (Import    *im,
               JsonNode  *arg,
               JsonArray *args,
               guint      n,
               JsonNode **result)
{
  g_autoptr(JsonNode) text = NULL;
  g_auto(GStrv) parts = NULL;
  JsonArray *array;

  if (n != 2 || !is_string (json_array_get_element (args, 0)))
    return FALSE;
  text = resolve (im, json_array_get_element (args, 1));
  if (!is_string (text))
    return FALSE;
  parts = g_strsplit (json_node_get_string (text),
                      json_node_get_string (json_array_get_element (args, 0)), -1);
  array = json_array_new ();
  for (guint i = 0; parts[i] != NULL; i++)
    json_array_add_string_element (array, parts[i]);
  *result = array_node (array);
  return TRUE;
}

static gboolean
resolve_find_in_map (Import    *im,
                     JsonNode  *arg,
                     JsonArray *args,
                     guint      n,
                     JsonNode **result)
{
  g_autoptr(JsonNode) map = NULL;
  g_autoptr(JsonNode) top = NULL;
  g_autoptr(JsonNode) second = NULL;
  JsonObject *level;
  JsonNode *value;

  if (n != 3 || im->mappings == NULL)
    return FALSE;
  map = resolve (im, json_array_get_element (args, 0));
  top = resolve (im, json_array_get_element (args, 1));
  second = resolve (im, json_array_get_element (args, 2));
  if (!is_string (map) || !is_string (top) || !is_string (second))
    return FALSE;
  level = object_member (object_member (im->mappings, json_node_get_string (map)),
                         json_node_get_string (top));
  value = level != NULL ? json_object_get_member (level, json_node_get_string (second)) : NULL;
  if (value == NULL)
    return FALSE;
  *result = resolve (im, value);
  return TRUE;
}

static gboolean
resolve_if (Import    *im,
            JsonNode  *arg,
            JsonArray *args,
            guint      n,
            JsonNode **result)
{
  gboolean holds;

  if (n != 3 || !is_string (json_array_get_element (args, 0)))
    return FALSE;
  holds = condition_named (im, json_node_get_string (json_array_get_element (args, 0)));
  *result = resolve (im, json_array_get_element (args, holds ? 1 : 2));
  return TRUE;
}

static JsonNode *
resolve_function (Import     *im,
                  const char *name,
                  JsonNode   *arg)
{
  static const struct { const char *name; FunctionResolver resolve; } functions[] = {
    { "Ref", resolve_ref_function },
    { "Fn::GetAtt", resolve_get_att },
    { "Fn::Sub", resolve_sub_function },
    { "Fn::Join", resolve_join },
    { "Fn::Select", resolve_select },
    { "Fn::GetAZs", resolve_get_azs },
    { "Fn::Split", resolve_split },
    { "Fn::FindInMap", resolve_find_in_map },
    { "Fn::If", resolve_if },
  };
  JsonArray *args = arg != NULL && JSON_NODE_HOLDS_ARRAY (arg) ? json_node_get_array (arg) : NULL;
  guint n = args != NULL ? json_array_get_length (args) : 0;

  for (guint i = 0; i < G_N_ELEMENTS (functions); i++)
    if (g_str_equal (name, functions[i].name))
      {
        JsonNode *result = NULL;

        if (functions[i].resolve (im, arg, args, n, &result))
          return result;
        break;
      }
  /* TRANSLATORS: %s is a CloudFormation function ("Fn::ImportValue"). */
  warn (im, _("%s: cannot be resolved without deploying the template; left out"), name);
  return NULL;
}

static JsonNode *
resolve (Import   *im,
         JsonNode *node)
{
  if (node == NULL)
    return NULL;
  if (JSON_NODE_HOLDS_OBJECT (node))
    {
      JsonObject *object = json_node_get_object (node);
      GList *members = json_object_get_members (object);
      JsonObject *copy;
      JsonNode *result;

      if (json_object_get_size (object) == 1 &&
          (g_str_equal (members->data, "Ref") || g_str_has_prefix (members->data, "Fn::")))
        {
          result = resolve_function (im, members->data,
                                     json_object_get_member (object, members->data));
          g_list_free (members);
          return result;
        }
      copy = json_object_new ();
      for (GList *m = members; m != NULL; m = m->next)
        {
          JsonNode *value = resolve (im, json_object_get_member (object, m->data));

          if (value != NULL)
            json_object_set_member (copy, m->data, value);
        }
      g_list_free (members);
      result = json_node_new (JSON_NODE_OBJECT);
      json_node_take_object (result, copy);
      return result;
    }
  if (JSON_NODE_HOLDS_ARRAY (node))
    {
      JsonArray *array = json_node_get_array (node);
      JsonArray *copy = json_array_new ();
      JsonNode *result = json_node_new (JSON_NODE_ARRAY);

      for (guint i = 0; i < json_array_get_length (array); i++)
        {
          JsonNode *value = resolve (im, json_array_get_element (array, i));

          if (value != NULL)
            json_array_add_element (copy, value);
        }
      json_node_take_array (result, copy);
      return result;
    }
  return json_node_copy (node);
}

/* --- resources -------------------------------------------------------------------- */

typedef struct
{
  const char *name;       /* logical id */
  JsonObject *resource;
  JsonObject *properties; /* resolved */
  JsonObject *meta;       /* VpcDesigner metadata, or NULL */
} Resource;

static void
resource_clear (gpointer data)
{
  Resource *r = data;

  g_clear_pointer (&r->properties, json_object_unref);
}

/* Resources of @type in template order, their conditions met. */
static GArray *
resources_of (Import     *im,
              const char *type)
{
  GArray *found = g_array_new (FALSE, TRUE, sizeof (Resource));
  GList *members = json_object_get_members (im->resources);

  g_array_set_clear_func (found, resource_clear);
  for (GList *m = members; m != NULL; m = m->next)
    {
      JsonObject *resource = object_member (im->resources, m->data);
      Resource r = { m->data, resource, NULL, NULL };
      g_autoptr(JsonNode) properties = NULL;

      if (resource == NULL
          || g_strcmp0 (json_object_get_string_member_with_default (resource, "Type", ""), type)
                 != 0)
        continue;
      if (json_object_has_member (resource, "Condition")
          && !condition_named (
              im, json_object_get_string_member_with_default (resource, "Condition", "")))
        {
          g_hash_table_add (im->used, g_strdup (m->data));
          continue;
        }
      properties = resolve (im, json_object_get_member (resource, "Properties"));
      r.properties = properties != NULL && JSON_NODE_HOLDS_OBJECT (properties)
                       ? json_object_ref (json_node_get_object (properties)) : json_object_new ();
      r.meta = meta_of (resource);
      g_array_append_val (found, r);
    }
  g_list_free (members);
  return found;
}

static const char *
prop_string (Resource   *r,
             const char *key)
{
  JsonNode *node = json_object_get_member (r->properties, key);

  return is_string (node) ? json_node_get_string (node) : NULL;
}

static const char *
prop_resource (Resource   *r,
               const char *key)
{
  return resource_of (json_object_get_member (r->properties, key));
}

static gboolean
prop_boolean (Resource   *r,
              const char *key,
              gboolean    fallback)
{
  JsonNode *node = json_object_get_member (r->properties, key);

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node))
    return fallback;
  if (json_node_get_value_type (node) == G_TYPE_BOOLEAN)
    return json_node_get_boolean (node);
  if (is_string (node))
    return g_ascii_strcasecmp (json_node_get_string (node), "true") == 0;
  return fallback;
}

/* The element id of a resource reference (NULL when it is none of ours). */
static const char *
element_of (Import     *im,
            const char *logical)
{
  return logical != NULL ? g_hash_table_lookup (im->ids, logical) : NULL;
}

/* Element ids of the resources an array property names. */
static JsonArray *
element_list (Import     *im,
              JsonNode   *node,
              const char *where)
{
  JsonArray *ids = json_array_new ();

  for (guint i = 0; node != NULL && JSON_NODE_HOLDS_ARRAY (node)
                    && i < json_array_get_length (json_node_get_array (node));
       i++)
    {
      JsonNode *item = json_array_get_element (json_node_get_array (node), i);
      const char *id = element_of (im, resource_of (item));

      if (id != NULL)
        json_array_add_string_element (ids, id);
      else
        /* TRANSLATORS: a place in the template, then a resource name. */
        warn (im, _("%s: %s is not an element of this VPC; left out"), where,
              is_string (item) ? json_node_get_string (item) : _("a value"));
    }
  return ids;
}

/* Element id from metadata, else the logical id; name from metadata or
 * the Name tag; layout from metadata. */
static JsonObject *
element_object (Import     *im,
                Resource   *r,
                const char *logical)
{
  JsonObject *e = json_object_new ();
  const char *id = r != NULL && r->meta != NULL
                       ? json_object_get_string_member_with_default (r->meta, "id", NULL)
                       : NULL;
  JsonNode *tags = r != NULL ? json_object_get_member (r->properties, "Tags") : NULL;

  if (id == NULL)
    id = logical;
  json_object_set_string_member (e, "id", id);
  g_hash_table_replace (im->ids, g_strdup (logical), g_strdup (id));
  g_hash_table_add (im->used, g_strdup (logical));
  if (r != NULL && r->meta != NULL && json_object_has_member (r->meta, "name"))
    json_object_set_member (e, "name", json_node_copy (json_object_get_member (r->meta, "name")));
  else if (tags != NULL && JSON_NODE_HOLDS_ARRAY (tags))
    for (guint i = 0; i < json_array_get_length (json_node_get_array (tags)); i++)
      {
        JsonNode *tag = json_array_get_element (json_node_get_array (tags), i);

        if (JSON_NODE_HOLDS_OBJECT (tag)
            && g_strcmp0 (json_object_get_string_member_with_default (json_node_get_object (tag),
                                                                      "Key", ""),
                          "Name")
                   == 0
            && is_string (json_object_get_member (json_node_get_object (tag), "Value")))
          json_object_set_string_member (
              e, "name",
              plain (json_object_get_string_member (json_node_get_object (tag), "Value")));
      }
  return e;
}

static void
copy_layout (JsonObject *e,
             JsonObject *meta)
{
  if (meta != NULL && object_member (meta, "layout") != NULL)
    json_object_set_member (e, "layout", json_node_copy (json_object_get_member (meta, "layout")));
}

/* --- the design -------------------------------------------------------------------- */

typedef struct
{
  Import    *im;
  GArray    *subnets, *associations, *routes, *nats, *groups, *ingress, *egress, *endpoints;
  GArray    *notebooks, *domains, *models, *configs;
  JsonArray *azs, *subnet_list, *group_list, *endpoint_list, *nat_list, *workload_list;
  GHashTable *az_ids;    /* AZ name → AZ id */
} Build;

static gboolean
in_vpc (Build    *b,
        Resource *r)
{
  const char *vpc = prop_resource (r, "VpcId");

  return vpc != NULL && g_str_equal (vpc, b->im->vpc);
}

/* The AZ element for @name, made on first use (from the template's
 * metadata when it has one for @name). */
static const char *
az_for (Build      *b,
        const char *name,
        const char *meta_id)
{
  g_autofree char *key
      = meta_id != NULL ? g_strconcat ("id:", meta_id, NULL) : g_strconcat ("name:", name, NULL);
  const char *id = g_hash_table_lookup (b->az_ids, key);
  JsonArray  *known
      = b->im->meta != NULL && json_object_has_member (b->im->meta, "availability_zones")
            ? json_object_get_array_member (b->im->meta, "availability_zones")
            : NULL;
  JsonObject *az;

  if (id != NULL)
    return id;
  az = json_object_new ();
  for (guint i = 0; known != NULL && i < json_array_get_length (known); i++)
    {
      JsonObject *entry = json_array_get_object_element (known, i);

      if (g_strcmp0 (json_object_get_string_member_with_default (entry, "id", NULL), meta_id) == 0)
        {
          json_object_set_string_member (az, "id", meta_id);
          json_object_set_string_member (az, "name", name);
          copy_layout (az, entry);
        }
    }
  if (!json_object_has_member (az, "id"))
    {
      g_autofree char *made = g_strdup_printf ("az-%s", name);

      g_strdelimit (made, " /\\", '-');
      json_object_set_string_member (az, "id", made);
      json_object_set_string_member (az, "name", name);
    }
  json_array_add_object_element (b->azs, az);
  g_hash_table_replace (b->az_ids, g_strdup (key),
                        g_strdup (json_object_get_string_member (az, "id")));
  return g_hash_table_lookup (b->az_ids, key);
}

/* An exported template's AZs, in the design's order, subnets or not:
 * each named by its parameter's value. */
static void
known_azs (Build *b)
{
  JsonArray *known
      = b->im->meta != NULL && json_object_has_member (b->im->meta, "availability_zones")
            ? json_object_get_array_member (b->im->meta, "availability_zones")
            : NULL;

  for (guint i = 0; known != NULL && i < json_array_get_length (known); i++)
    {
      JsonObject *entry = json_array_get_object_element (known, i);
      const char *id
          = entry != NULL ? json_object_get_string_member_with_default (entry, "id", NULL) : NULL;
      const char *parameter
          = entry != NULL ? json_object_get_string_member_with_default (entry, "parameter", NULL)
                          : NULL;
      g_autoptr(JsonNode) name = NULL;

      if (id == NULL)
        continue;
      name = parameter != NULL ? resolve_ref (b->im, parameter) : NULL;
      if (is_string (name))
        az_for (b, json_node_get_string (name), id);
      else if (entry != NULL && json_object_has_member (entry, "name"))
        az_for (b, json_object_get_string_member (entry, "name"), id);
    }
}

/* The subnets whose route table is @table (its associations). */
static GPtrArray *
subnets_of_table (Build      *b,
                  const char *table)
{
  GPtrArray *ids = g_ptr_array_new ();

  for (guint i = 0; i < b->associations->len; i++)
    {
      Resource *a = &g_array_index (b->associations, Resource, i);

      if (g_strcmp0 (prop_resource (a, "RouteTableId"), table) == 0
          && element_of (b->im, prop_resource (a, "SubnetId")))
        g_ptr_array_add (ids, (gpointer) element_of (b->im, prop_resource (a, "SubnetId")));
    }
  return ids;
}

/* private, nat or public, from the subnet's route table's default route. */
static const char *
route_of (Build      *b,
          const char *subnet)
{
  for (guint i = 0; i < b->associations->len; i++)
    {
      Resource *a = &g_array_index (b->associations, Resource, i);
      const char *table = prop_resource (a, "RouteTableId");

      if (g_strcmp0 (prop_resource (a, "SubnetId"), subnet) != 0 || table == NULL)
        continue;
      g_hash_table_add (b->im->used, g_strdup (a->name));
      for (guint k = 0; k < b->routes->len; k++)
        {
          Resource *route = &g_array_index (b->routes, Resource, k);

          if (g_strcmp0 (prop_resource (route, "RouteTableId"), table) != 0 ||
              g_strcmp0 (prop_string (route, "DestinationCidrBlock"), "0.0.0.0/0") != 0)
            continue;
          g_hash_table_add (b->im->used, g_strdup (route->name));
          if (json_object_has_member (route->properties, "NatGatewayId"))
            return "nat";
          if (json_object_has_member (route->properties, "GatewayId"))
            return "public";
        }
    }
  return "private";
}

static void
build_subnets (Build *b)
{
  for (guint i = 0; i < b->subnets->len; i++)
    {
      Resource *r = &g_array_index (b->subnets, Resource, i);
      JsonObject *e;
      const char *az = prop_string (r, "AvailabilityZone");
      const char *meta_az = r->meta != NULL
                                ? json_object_get_string_member_with_default (r->meta, "az", NULL)
                                : NULL;
      const char *route;

      if (!in_vpc (b, r))
        continue;
      e = element_object (b->im, r, r->name);
      if (az == NULL)
        {
          /* TRANSLATORS: a resource name, then a region code. */
          warn (b->im, _("Resources.%s: no availability zone given; placed in \"%s-unknown\""),
                r->name, b->im->region);
          az = "unknown";
        }
      json_object_set_string_member (e, "az", az_for (b, plain (az), meta_az));
      if (prop_string (r, "CidrBlock") != NULL && !unresolved (prop_string (r, "CidrBlock")))
        json_object_set_string_member (e, "cidr", prop_string (r, "CidrBlock"));
      else
        {
          /* The subnets need addresses to be a design: numbered /24s. */
          g_autofree char *cidr
              = g_strdup_printf ("%s.%u.0/24", b->im->cidr_base, b->im->next_subnet++);

          if (unresolved (prop_string (r, "CidrBlock")))
            /* TRANSLATORS: a resource name, a parameter, then the CIDR
             * block used instead. */
            warn (b->im, _("Resources.%s: its CIDR block is the parameter %s; %s assumed"), r->name,
                  plain (prop_string (r, "CidrBlock")), cidr);
          else
            /* TRANSLATORS: a resource name, then the CIDR block used
             * instead. */
            warn (b->im, _("Resources.%s: its CIDR block cannot be read; %s assumed"), r->name,
                  cidr);
          json_object_set_string_member (e, "cidr", cidr);
        }
      route = route_of (b, r->name);
      if (r->meta != NULL && json_object_has_member (r->meta, "route"))
        route = json_object_get_string_member (r->meta, "route");
      json_object_set_string_member (e, "route", route);
      copy_layout (e, r->meta);
      json_array_add_object_element (b->subnet_list, e);
    }
}

/* --- security groups --------------------------------------------------------------- */

/* "-1", "tcp", "6" … as the file's protocol, or NULL. */
static const char *
protocol_of (JsonNode *node)
{
  g_autofree char *text = NULL;

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node))
    return "all";
  text = json_node_get_value_type (node) == G_TYPE_STRING
             ? g_ascii_strdown (json_node_get_string (node), -1)
             : g_strdup_printf ("%" G_GINT64_FORMAT, json_node_get_int (node));
  if (g_str_equal (text, "-1") || g_str_equal (text, "all"))
    return "all";
  if (g_str_equal (text, "tcp") || g_str_equal (text, "6"))
    return "tcp";
  if (g_str_equal (text, "udp") || g_str_equal (text, "17"))
    return "udp";
  if (g_str_equal (text, "icmp") || g_str_equal (text, "1"))
    return "icmp";
  if (g_str_equal (text, "esp") || g_str_equal (text, "50"))
    return "esp";
  return NULL;
}

static gint64
int_of (JsonObject *rule,
        const char *key,
        gint64      fallback)
{
  JsonNode *node = json_object_get_member (rule, key);

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node))
    return fallback;
  if (json_node_get_value_type (node) == G_TYPE_STRING)
    return g_ascii_strtoll (json_node_get_string (node), NULL, 10);
  return json_node_get_int (node);
}

/* One CloudFormation rule as a design rule, or NULL with a warning. */
static JsonObject *
rule_of (Build      *b,
         const char *group,
         JsonObject *rule,
         gboolean    ingress,
         const char *where)
{
  const char *protocol = protocol_of (json_object_get_member (rule, "IpProtocol"));
  const char *peer_keys[] = { ingress ? "SourceSecurityGroupId" : "DestinationSecurityGroupId",
                              ingress ? "SourcePrefixListId" : "DestinationPrefixListId" };
  JsonNode *group_peer = json_object_get_member (rule, peer_keys[0]);
  JsonNode *prefix = json_object_get_member (rule, peer_keys[1]);
  JsonObject *out;
  g_autofree char *peer = NULL;

  if (protocol == NULL)
    {
      /* TRANSLATORS: %s is a place in the template. */
      warn (b->im,
            _("%s: protocol not in the design format (tcp, udp, icmp, esp, all); rule left out"),
            where);
      return NULL;
    }
  if (json_object_has_member (rule, "CidrIp"))
    peer = g_strdup (json_object_get_string_member_with_default (rule, "CidrIp", ""));
  else if (group_peer != NULL && element_of (b->im, resource_of (group_peer)) != NULL)
    peer = g_strdup (g_strcmp0 (resource_of (group_peer), group) == 0 ? "self"
                     : element_of (b->im, resource_of (group_peer)));
  else if (is_string (prefix))
    {
      JsonObject *lists = b->im->meta != NULL ? object_member (b->im->meta, "prefix_lists") : NULL;
      const char *parameter = plain (json_node_get_string (prefix));
      const char *service
          = lists != NULL ? json_object_get_string_member_with_default (lists, parameter, NULL)
                          : NULL;

      if (service == NULL && g_str_has_prefix (parameter, "PrefixList"))
        service = parameter + strlen ("PrefixList");
      if (service != NULL)
        {
          g_autofree char *lower = g_ascii_strdown (service, -1);

          peer = g_strconcat ("prefix-list:", lower, NULL);
        }
    }
  if (peer == NULL)
    {
      /* TRANSLATORS: %s is a place in the template. */
      warn (b->im,
            _("%s: a peer the design cannot hold (IPv6, another VPC's group, an unknown prefix "
               "list); "
               "rule left out"),
            where);
      return NULL;
    }
  out = json_object_new ();
  json_object_set_string_member (out, "protocol", protocol);
  if (g_str_equal (protocol, "tcp") || g_str_equal (protocol, "udp"))
    {
      gint64 from = int_of (rule, "FromPort", 0), to = int_of (rule, "ToPort", 65535);
      g_autofree char *ports = NULL;

      if (from < 0 || to < 0 || (from == 0 && to == 65535))
        ports = g_strdup ("all");
      else
        ports = from == to ? g_strdup_printf ("%" G_GINT64_FORMAT, from)
                           : g_strdup_printf ("%" G_GINT64_FORMAT "-%" G_GINT64_FORMAT, from, to);
      json_object_set_string_member (out, "ports", ports);
    }
  json_object_set_string_member (out, "peer", peer);
  return out;
}

static void
add_rules (Build      *b,
           const char *group,
           JsonNode   *rules,
           gboolean    ingress,
           gboolean    placeholder,
           JsonArray  *into)
{
  for (guint i = 0; rules != NULL && JSON_NODE_HOLDS_ARRAY (rules)
                    && i < json_array_get_length (json_node_get_array (rules));
       i++)
    {
      JsonNode *item = json_array_get_element (json_node_get_array (rules), i);
      g_autofree char *where
          = g_strdup_printf ("Resources.%s.Properties.%s[%u]", group,
                             ingress ? "SecurityGroupIngress" : "SecurityGroupEgress", i);
      JsonObject *rule;

      if (!JSON_NODE_HOLDS_OBJECT (item))
        continue;
      /* The exporter's stand-in for "no egress but what follows". */
      if (placeholder
          && g_strcmp0 (json_object_get_string_member_with_default (json_node_get_object (item),
                                                                    "CidrIp", ""),
                        "127.0.0.1/32")
                 == 0)
        continue;
      rule = rule_of (b, group, json_node_get_object (item), ingress, where);
      if (rule != NULL)
        json_array_add_object_element (into, rule);
    }
}

/* Pass one: every group of the VPC gets its element (and its id). */
static void
register_groups (Build *b)
{
  for (guint i = 0; i < b->groups->len; i++)
    {
      Resource *r = &g_array_index (b->groups, Resource, i);
      JsonObject *e;

      if (!in_vpc (b, r))
        continue;
      e = element_object (b->im, r, r->name);
      /* A group without a Name tag goes by its description. */
      if (r->meta == NULL && !json_object_has_member (e, "name")
          && prop_string (r, "GroupDescription") != NULL)
        json_object_set_string_member (e, "name", prop_string (r, "GroupDescription"));
      copy_layout (e, r->meta);
      json_array_add_object_element (b->group_list, e);
    }
}

/* Rules given as resources of their own (AWS::EC2::SecurityGroupIngress…). */
static void
add_separate_rules (Build      *b,
                    GArray     *rules,
                    const char *group,
                    gboolean    ingress,
                    JsonArray  *into)
{
  for (guint i = 0; i < rules->len; i++)
    {
      Resource *r = &g_array_index (rules, Resource, i);
      g_autofree char *where = g_strdup_printf ("Resources.%s", r->name);
      JsonObject *rule;

      if (g_strcmp0 (prop_resource (r, "GroupId"), group) != 0)
        continue;
      g_hash_table_add (b->im->used, g_strdup (r->name));
      rule = rule_of (b, group, r->properties, ingress, where);
      if (rule != NULL)
        json_array_add_object_element (into, rule);
    }
}

static gboolean
has_separate_rules (GArray     *rules,
                    const char *group)
{
  for (guint i = 0; i < rules->len; i++)
    if (g_strcmp0 (prop_resource (&g_array_index (rules, Resource, i), "GroupId"), group) == 0)
      return TRUE;
  return FALSE;
}

/* Pass two: the rules, now that every group has its id. */
static void
build_groups (Build *b)
{
  guint at = 0;

  for (guint i = 0; i < b->groups->len; i++)
    {
      Resource *r = &g_array_index (b->groups, Resource, i);
      JsonObject *e;
      JsonArray *ingress = json_array_new (), *egress = json_array_new ();
      gboolean placeholder;

      if (!in_vpc (b, r))
        {
          json_array_unref (ingress);
          json_array_unref (egress);
          continue;
        }
      e = json_array_get_object_element (b->group_list, at++);
      placeholder
          = r->meta != NULL
            && json_object_get_boolean_member_with_default (r->meta, "egress_placeholder", FALSE);
      add_rules (b, r->name, json_object_get_member (r->properties, "SecurityGroupIngress"), TRUE,
                 FALSE, ingress);
      add_separate_rules (b, b->ingress, r->name, TRUE, ingress);
      json_object_set_array_member (e, "ingress", ingress);
      if (json_object_has_member (r->properties, "SecurityGroupEgress")
          || has_separate_rules (b->egress, r->name))
        {
          /* Without inline egress AWS keeps its allow-all rule. */
          if (!json_object_has_member (r->properties, "SecurityGroupEgress"))
            {
              JsonObject *all = json_object_new ();

              json_object_set_string_member (all, "protocol", "all");
              json_object_set_string_member (all, "peer", "0.0.0.0/0");
              json_array_add_object_element (egress, all);
            }
          add_rules (b, r->name, json_object_get_member (r->properties, "SecurityGroupEgress"),
                     FALSE, placeholder, egress);
          add_separate_rules (b, b->egress, r->name, FALSE, egress);
          json_object_set_array_member (e, "egress", egress);
        }
      else
        json_array_unref (egress);
    }
}

/* --- NAT gateways and endpoints ------------------------------------------------------ */

static double
meta_double (JsonObject *meta,
             const char *key)
{
  return meta != NULL ? json_object_get_double_member_with_default (meta, key, 0) : 0;
}

static void
register_nat_gateways (Build *b)
{
  for (guint i = 0; i < b->nats->len; i++)
    {
      Resource *r = &g_array_index (b->nats, Resource, i);
      const char *subnet = element_of (b->im, prop_resource (r, "SubnetId"));
      const char *eip = resource_of (json_object_get_member (r->properties, "AllocationId"));
      JsonObject *e;

      if (subnet == NULL)
        continue;
      e = element_object (b->im, r, r->name);
      json_object_set_string_member (e, "subnet", subnet);
      json_object_set_double_member (e, "gb_per_month", meta_double (r->meta, "gb_per_month"));
      copy_layout (e, r->meta);
      json_array_add_object_element (b->nat_list, e);
      if (eip != NULL)
        g_hash_table_add (b->im->used, g_strdup (eip));
    }
}

/* "com.amazonaws.us-east-1.ecr.dkr" → "ecr.dkr". */
static char *
service_of (Import     *im,
            const char *name)
{
  g_autofree char *prefix = g_strdup_printf ("com.amazonaws.%s.", im->region);

  if (g_str_has_prefix (name, prefix))
    return g_strdup (name + strlen (prefix));
  /* com.amazonaws.REGION.SERVICE, and SageMaker's UI endpoints
   * aws.sagemaker.REGION.notebook and .studio (domain.md §1). */
  if (g_str_has_prefix (name, "com.amazonaws.") || g_str_has_prefix (name, "aws.sagemaker."))
    {
      const char *rest = name
                         + (g_str_has_prefix (name, "aws.") ? strlen ("aws.sagemaker.")
                                                            : strlen ("com.amazonaws."));
      const char *dot = strchr (rest, '.');

      return g_strdup (dot != NULL ? dot + 1 : rest);
    }
  return NULL;
}

static void
build_endpoints (Build *b)
{
  for (guint i = 0; i < b->endpoints->len; i++)
    {
      Resource *r = &g_array_index (b->endpoints, Resource, i);
      g_autofree char *service = NULL;
      g_autofree char *where = g_strdup_printf ("Resources.%s", r->name);
      const char *type = prop_string (r, "VpcEndpointType");
      JsonObject *e;

      if (!in_vpc (b, r))
        continue;
      service = prop_string (r, "ServiceName") != NULL
                    ? service_of (b->im, prop_string (r, "ServiceName"))
                    : NULL;
      if (service == NULL)
        {
          /* TRANSLATORS: a place in the template, then a service name. */
          warn (b->im, _("%s: a service the design cannot name (%s); endpoint left out"), where,
                prop_string (r, "ServiceName") != NULL ? plain (prop_string (r, "ServiceName"))
                                                       : _("none given"));
          continue;
        }
      e = element_object (b->im, r, r->name);
      json_object_set_string_member (e, "service", service);
      /* CloudFormation's default type is Gateway. */
      if (type == NULL || g_ascii_strcasecmp (type, "Gateway") == 0)
        {
          JsonArray *subnets = json_array_new ();
          gboolean   every
              = r->meta != NULL
                && json_object_get_boolean_member_with_default (r->meta, "every_subnet", FALSE);
          JsonNode *tables = json_object_get_member (r->properties, "RouteTableIds");

          json_object_set_string_member (e, "type", "gateway");
          for (guint t = 0; !every && tables != NULL && JSON_NODE_HOLDS_ARRAY (tables) &&
                            t < json_array_get_length (json_node_get_array (tables)); t++)
            {
              const char *table
                  = resource_of (json_array_get_element (json_node_get_array (tables), t));
              g_autoptr(GPtrArray) served = table != NULL ? subnets_of_table (b, table) : NULL;

              for (guint k = 0; served != NULL && k < served->len; k++)
                json_array_add_string_element (subnets, g_ptr_array_index (served, k));
            }
          json_object_set_array_member (e, "subnets", subnets);
        }
      else if (g_ascii_strcasecmp (type, "Interface") == 0)
        {
          g_autofree char *subnets_where = g_strconcat (where, ".Properties.SubnetIds", NULL);
          g_autofree char *groups_where = g_strconcat (where, ".Properties.SecurityGroupIds", NULL);

          json_object_set_string_member (e, "type", "interface");
          json_object_set_array_member (
              e, "subnets",
              element_list (b->im, json_object_get_member (r->properties, "SubnetIds"),
                            subnets_where));
          json_object_set_boolean_member (e, "private_dns",
                                          prop_boolean (r, "PrivateDnsEnabled", FALSE));
          json_object_set_array_member (
              e, "security_groups",
              element_list (b->im, json_object_get_member (r->properties, "SecurityGroupIds"),
                            groups_where));
        }
      else
        /* TRANSLATORS: a place in the template, then an endpoint type
         * ("GatewayLoadBalancer"). */
        warn (b->im,
              _("%s: a %s endpoint, which the design format does not hold; kept as an interface "
                 "endpoint"),
              where, type);
      json_object_set_double_member (e, "gb_per_month", meta_double (r->meta, "gb_per_month"));
      copy_layout (e, r->meta);
      json_array_add_object_element (b->endpoint_list, e);
    }
}

/* --- workloads ------------------------------------------------------------------------- */

/* What the exporter's metadata says of a workload beyond CloudFormation. */
static void
copy_workload_meta (JsonObject *e,
                    JsonObject *meta,
                    gboolean    with_vpc_config)
{
  static const char *const keys[] = {
    "kind",
    "vpc_mode",
    "subnets",
    "security_groups",
    "network_isolation",
    "instance_count",
    "inter_container_encryption",
    "image_access",
    "calls",
    "needs_internet",
    "direct_internet_access",
  };

  if (meta == NULL)
    return;
  for (guint i = 0; i < G_N_ELEMENTS (keys); i++)
    {
      gboolean vpc_config = g_str_equal (keys[i], "subnets")
                            || g_str_equal (keys[i], "security_groups")
                            || g_str_equal (keys[i], "vpc_mode");

      if (json_object_has_member (meta, keys[i]) && (with_vpc_config || !vpc_config))
        json_object_set_member (e, keys[i],
                                json_node_copy (json_object_get_member (meta, keys[i])));
    }
}

static JsonObject *
workload_new (Build      *b,
              Resource   *r,
              const char *kind)
{
  JsonObject *e = element_object (b->im, r, r->name);

  json_object_set_string_member (e, "kind", kind);
  return e;
}

/* CloudFormation cannot say everything a design holds (a notebook takes
 * one subnet; a model outside the VPC keeps no subnets): the exporter's
 * metadata fills in what the properties left empty or could not hold. */
static void
fill_vpc_config (JsonObject *e,
                 JsonObject *meta)
{
  static const char *const lists[] = { "subnets", "security_groups" };

  if (meta == NULL)
    return;
  for (guint i = 0; i < G_N_ELEMENTS (lists); i++)
    {
      JsonArray *have = json_object_has_member (e, lists[i])
                            ? json_object_get_array_member (e, lists[i])
                            : NULL;
      JsonArray *want = json_object_has_member (meta, lists[i])
                            ? json_object_get_array_member (meta, lists[i])
                            : NULL;
      guint n_have = have != NULL ? json_array_get_length (have) : 0;

      if (want == NULL || json_array_get_length (want) <= n_have)
        continue;
      /* Only a longer list that begins with what CloudFormation said. */
      for (guint k = 0; k < n_have; k++)
        if (g_strcmp0 (json_array_get_string_element (have, k),
                       json_array_get_string_element (want, k))
            != 0)
          return;
      json_object_set_member (e, lists[i],
                              json_node_copy (json_object_get_member (meta, lists[i])));
    }
  if (json_object_has_member (meta, "vpc_mode"))
    json_object_set_member (e, "vpc_mode",
                            json_node_copy (json_object_get_member (meta, "vpc_mode")));
}

static void
finish_workload (Build      *b,
                 JsonObject *e,
                 Resource   *r)
{
  fill_vpc_config (e, r->meta);
  copy_workload_meta (e, r->meta, FALSE);
  copy_layout (e, r->meta);
  /* The loader's order of keys does not matter; notebooks take one subnet. */
  json_array_add_object_element (b->workload_list, e);
}

static void
add_notebooks (Build *b)
{
  for (guint i = 0; i < b->notebooks->len; i++)
    {
      Resource *r = &g_array_index (b->notebooks, Resource, i);
      const char *subnet = element_of (b->im, prop_resource (r, "SubnetId"));
      JsonObject *e = workload_new (b, r, "notebook_instance");
      JsonArray *subnets = json_array_new ();
      g_autofree char *where
          = g_strdup_printf ("Resources.%s.Properties.SecurityGroupIds", r->name);
      const char *access = prop_string (r, "DirectInternetAccess");

      if (subnet != NULL)
        json_array_add_string_element (subnets, subnet);
      json_object_set_boolean_member (e, "vpc_mode", subnet != NULL);
      json_object_set_array_member (e, "subnets", subnets);
      json_object_set_array_member (
          e, "security_groups",
          element_list (b->im, json_object_get_member (r->properties, "SecurityGroupIds"), where));
      json_object_set_boolean_member (e, "direct_internet_access",
                                      access == NULL
                                          || g_ascii_strcasecmp (access, "Disabled") != 0);
      finish_workload (b, e, r);
    }
}

static void
add_studio_domains (Build *b)
{
  for (guint i = 0; i < b->domains->len; i++)
    {
      Resource *r = &g_array_index (b->domains, Resource, i);
      JsonObject *e = workload_new (b, r, "studio_domain");
      JsonObject *settings = object_member (r->properties, "DefaultUserSettings");
      const char *access = prop_string (r, "AppNetworkAccessType");
      g_autofree char *subnets_where
          = g_strdup_printf ("Resources.%s.Properties.SubnetIds", r->name);
      g_autofree char *groups_where
          = g_strdup_printf ("Resources.%s.Properties.DefaultUserSettings.SecurityGroups", r->name);

      json_object_set_boolean_member (
          e, "vpc_mode", access != NULL && g_ascii_strcasecmp (access, "VpcOnly") == 0);
      json_object_set_array_member (
          e, "subnets",
          element_list (b->im, json_object_get_member (r->properties, "SubnetIds"), subnets_where));
      json_object_set_array_member (
          e, "security_groups",
          element_list (
              b->im, settings != NULL ? json_object_get_member (settings, "SecurityGroups") : NULL,
              groups_where));
      finish_workload (b, e, r);
    }
}

/* The endpoint configurations that serve model @r give its size; they
 * count as used. */
static void
size_from_endpoint_configs (Build      *b,
                            JsonObject *e,
                            Resource   *r)
{
  for (guint c = 0; c < b->configs->len; c++)
    {
      Resource *cfg = &g_array_index (b->configs, Resource, c);
      JsonNode *variants = json_object_get_member (cfg->properties, "ProductionVariants");

      for (guint v = 0; variants != NULL && JSON_NODE_HOLDS_ARRAY (variants) &&
                        v < json_array_get_length (json_node_get_array (variants)); v++)
        {
          JsonNode *variant = json_array_get_element (json_node_get_array (variants), v);
          JsonObject *vo = JSON_NODE_HOLDS_OBJECT (variant) ? json_node_get_object (variant) : NULL;

          if (vo != NULL
              && g_strcmp0 (resource_of (json_object_get_member (vo, "ModelName")), r->name) == 0)
            {
              json_object_set_int_member (e, "instance_count",
                                          MAX (1, int_of (vo, "InitialInstanceCount", 1)));
              g_hash_table_add (b->im->used, g_strdup (cfg->name));
            }
        }
    }
}

/* A model is a real-time endpoint. */
static void
add_models (Build *b)
{
  for (guint i = 0; i < b->models->len; i++)
    {
      Resource *r = &g_array_index (b->models, Resource, i);
      JsonObject *e = workload_new (b, r, "realtime_endpoint");
      JsonObject *config = object_member (r->properties, "VpcConfig");
      g_autofree char *subnets_where
          = g_strdup_printf ("Resources.%s.Properties.VpcConfig.Subnets", r->name);
      g_autofree char *groups_where
          = g_strdup_printf ("Resources.%s.Properties.VpcConfig.SecurityGroupIds", r->name);

      json_object_set_boolean_member (e, "vpc_mode", config != NULL);
      json_object_set_array_member (
          e, "subnets",
          element_list (b->im, config != NULL ? json_object_get_member (config, "Subnets") : NULL,
                        subnets_where));
      json_object_set_array_member (
          e, "security_groups",
          element_list (b->im,
                        config != NULL ? json_object_get_member (config, "SecurityGroupIds") : NULL,
                        groups_where));
      json_object_set_boolean_member (e, "network_isolation",
                                      prop_boolean (r, "EnableNetworkIsolation", FALSE));
      size_from_endpoint_configs (b, e, r);
      finish_workload (b, e, r);
    }
}

static void
build_workloads (Build *b)
{
  add_notebooks (b);
  add_studio_domains (b);
  add_models (b);
}

/* Jobs and clients of an exported template: its metadata and Outputs. */
static void
build_output_workloads (Build *b)
{
  JsonArray *list = b->im->meta != NULL && json_object_has_member (b->im->meta, "workloads")
                      ? json_object_get_array_member (b->im->meta, "workloads") : NULL;

  for (guint i = 0; list != NULL && i < json_array_get_length (list); i++)
    {
      JsonObject *meta = json_array_get_object_element (list, i);
      JsonObject *e = json_object_new ();

      if (meta == NULL || !json_object_has_member (meta, "id")
          || !json_object_has_member (meta, "kind"))
        continue;
      json_object_set_string_member (e, "id", json_object_get_string_member (meta, "id"));
      if (json_object_has_member (meta, "name"))
        json_object_set_member (e, "name", json_node_copy (json_object_get_member (meta, "name")));
      copy_workload_meta (e, meta, TRUE);
      copy_layout (e, meta);
      json_array_add_object_element (b->workload_list, e);
    }
}

/* The file's order of workloads, when the metadata keeps it. */
static void
order_workloads (Build *b)
{
  JsonArray *order = b->im->meta != NULL && json_object_has_member (b->im->meta, "workload_order")
                       ? json_object_get_array_member (b->im->meta, "workload_order") : NULL;
  JsonArray *sorted;
  g_autoptr(GHashTable) placed = NULL;

  if (order == NULL)
    return;
  sorted = json_array_new ();
  placed = g_hash_table_new (g_str_hash, g_str_equal);
  for (guint i = 0; i < json_array_get_length (order); i++)
    for (guint k = 0; k < json_array_get_length (b->workload_list); k++)
      {
        JsonObject *e = json_array_get_object_element (b->workload_list, k);
        const char *id = json_object_get_string_member (e, "id");

        if (g_strcmp0 (id, json_array_get_string_element (order, i)) == 0
            && g_hash_table_add (placed, (gpointer) id))
          json_array_add_object_element (sorted, json_object_ref (e));
      }
  for (guint k = 0; k < json_array_get_length (b->workload_list); k++)
    {
      JsonObject *e = json_array_get_object_element (b->workload_list, k);

      if (!g_hash_table_contains (placed, json_object_get_string_member (e, "id")))
        json_array_add_object_element (sorted, json_object_ref (e));
    }
  json_array_unref (b->workload_list);
  b->workload_list = sorted;
}

/* Exported SageMaker endpoints come with their configuration and
 * endpoint; other helper resources of the network are consumed above. */
static void
mark_helpers (Build *b)
{
  static const char *const helpers[] = {
    "AWS::EC2::RouteTable", "AWS::EC2::InternetGateway", "AWS::EC2::VPCGatewayAttachment",
    "AWS::SageMaker::Endpoint", NULL,
  };
  GList *members = json_object_get_members (b->im->resources);

  for (GList *m = members; m != NULL; m = m->next)
    {
      JsonObject *resource = object_member (b->im->resources, m->data);
      const char *type = resource != NULL
                             ? json_object_get_string_member_with_default (resource, "Type", "")
                             : "";

      if (g_strv_contains (helpers, type))
        g_hash_table_add (b->im->used, g_strdup (m->data));
    }
  g_list_free (members);
}

static void
warn_unused (Import *im)
{
  GList *members = json_object_get_members (im->resources);

  for (GList *m = members; m != NULL; m = m->next)
    if (!g_hash_table_contains (im->used, m->data) && !g_str_equal (m->data, im->vpc))
      {
        JsonObject *resource = object_member (im->resources, m->data);

        /* TRANSLATORS: a resource name, then its type ("AWS::S3::Bucket"). */
        warn (im, _("Resources.%s (%s): not part of the VPC design; left out"),
              (const char *) m->data,
              resource != NULL
                  ? json_object_get_string_member_with_default (resource, "Type", _("no type"))
                  : _("not an object"));
      }
  g_list_free (members);
}

/* --- the whole ------------------------------------------------------------------------ */

static const char *
choose_vpc (Import     *im,
            const char *wanted,
            GError    **error)
{
  g_autoptr(GArray) vpcs = resources_of (im, "AWS::EC2::VPC");

  for (guint i = 0; wanted != NULL && i < vpcs->len; i++)
    if (g_str_equal (g_array_index (vpcs, Resource, i).name, wanted))
      return g_array_index (vpcs, Resource, i).name;
  if (wanted != NULL)
    {
      g_set_error (error, VPC_FILE_ERROR, VPC_FILE_ERROR_INVALID,
                   _("the template has no VPC \"%s\""), wanted);
      return NULL;
    }
  if (vpcs->len == 1)
    return g_array_index (vpcs, Resource, 0).name;
  if (vpcs->len == 0)
    g_set_error_literal (error, VPC_FILE_ERROR, VPC_FILE_ERROR_INVALID,
                         _("the template declares no AWS::EC2::VPC: nothing to import"));
  else
    g_set_error (error, VPC_FILE_ERROR, VPC_FILE_ERROR_INVALID,
                 ngettext ("the template declares %u VPC: choose one with --vpc LOGICAL-ID",
                           "the template declares %u VPCs: choose one with --vpc LOGICAL-ID",
                           vpcs->len),
                 vpcs->len);
  return NULL;
}

/* The VPC's CIDR block, or 10.0.0.0/16 said aloud; assumed subnet blocks
 * are /24s numbered inside its first two octets. */
static void
vpc_cidr (Import *im)
{
  g_autoptr(GArray) vpcs = resources_of (im, "AWS::EC2::VPC");
  const char *cidr = NULL;
  g_auto(GStrv) octets = NULL;

  for (guint i = 0; i < vpcs->len; i++)
    if (g_str_equal (g_array_index (vpcs, Resource, i).name, im->vpc))
      cidr = prop_string (&g_array_index (vpcs, Resource, i), "CidrBlock");
  if (cidr == NULL || unresolved (cidr))
    {
      if (unresolved (cidr))
        /* TRANSLATORS: a resource name, then a parameter. */
        warn (im, _("Resources.%s: its CIDR block is the parameter %s; 10.0.0.0/16 assumed"),
              im->vpc, plain (cidr));
      else
        /* TRANSLATORS: %s is a resource name. */
        warn (im, _("Resources.%s: its CIDR block cannot be read; 10.0.0.0/16 assumed"), im->vpc);
      cidr = "10.0.0.0/16";
    }
  im->vpc_cidr = g_strdup (cidr);
  octets = g_strsplit (cidr, ".", 3);
  im->cidr_base = g_strdup_printf ("%s.%s", octets[0], octets[1] != NULL ? octets[1] : "0");
  im->next_subnet = 200;
}

static void
set_string_from (JsonObject *design,
                 const char *key,
                 JsonObject *meta,
                 const char *fallback)
{
  const char *value
      = meta != NULL ? json_object_get_string_member_with_default (meta, key, fallback) : fallback;

  if (value != NULL)
    json_object_set_string_member (design, key, value);
}

static JsonObject *
design_object (Import *im,
               Build  *b)
{
  g_autoptr(GArray) vpcs = resources_of (im, "AWS::EC2::VPC");
  JsonObject *design = json_object_new ();
  JsonObject *vpc = json_object_new ();
  JsonObject *meta_vpc = im->meta != NULL ? object_member (im->meta, "vpc") : NULL;
  Resource *r = NULL;

  for (guint i = 0; i < vpcs->len; i++)
    if (g_str_equal (g_array_index (vpcs, Resource, i).name, im->vpc))
      r = &g_array_index (vpcs, Resource, i);
  json_object_set_string_member (design, "format", "vpc-designer");
  json_object_set_int_member (design, "version", 1);
  set_string_from (design, "name", im->meta,
                   json_object_get_string_member_with_default (im->root, "Description", ""));
  set_string_from (design, "description", im->meta, NULL);
  json_object_set_string_member (design, "region", im->region);
  set_string_from (design, "environment", im->meta, NULL);
  set_string_from (design, "profile", im->meta, NULL);
  if (meta_vpc != NULL && json_object_has_member (meta_vpc, "name"))
    json_object_set_member (vpc, "name",
                            json_node_copy (json_object_get_member (meta_vpc, "name")));
  else
    json_object_set_string_member (vpc, "name", im->vpc);
  json_object_set_string_member (vpc, "cidr", im->vpc_cidr);
  if (r != NULL)
    {
      json_object_set_boolean_member (vpc, "dns_support",
                                      prop_boolean (r, "EnableDnsSupport", TRUE));
      json_object_set_boolean_member (vpc, "dns_hostnames",
                                      prop_boolean (r, "EnableDnsHostnames", FALSE));
    }
  copy_layout (vpc, meta_vpc);
  json_object_set_object_member (design, "vpc", vpc);
  json_object_set_array_member (design, "availability_zones", json_array_ref (b->azs));
  json_object_set_array_member (design, "subnets", json_array_ref (b->subnet_list));
  json_object_set_array_member (design, "security_groups", json_array_ref (b->group_list));
  json_object_set_array_member (design, "endpoints", json_array_ref (b->endpoint_list));
  json_object_set_array_member (design, "nat_gateways", json_array_ref (b->nat_list));
  json_object_set_array_member (design, "workloads", json_array_ref (b->workload_list));
  return design;
}

static void
build_clear (Build *b)
{
  GArray **arrays[]
      = { &b->subnets, &b->associations, &b->routes,    &b->nats,    &b->groups, &b->ingress,
          &b->egress,  &b->endpoints,    &b->notebooks, &b->domains, &b->models, &b->configs };
  JsonArray **lists[] = { &b->azs,           &b->subnet_list, &b->group_list,
                          &b->endpoint_list, &b->nat_list,    &b->workload_list };

  for (guint i = 0; i < G_N_ELEMENTS (arrays); i++)
    g_clear_pointer (arrays[i], g_array_unref);
  for (guint i = 0; i < G_N_ELEMENTS (lists); i++)
    g_clear_pointer (lists[i], json_array_unref);
  g_clear_pointer (&b->az_ids, g_hash_table_unref);
}

VpcDesign *
vpc_cfn_import_full (JsonNode   *template_root,
                     const char *region,
                     const char *vpc,
                     GPtrArray  *warnings,
                     GError    **error)
{
  Import im = { 0 };
  Build b = { &im };
  g_autoptr(JsonObject) design = NULL;
  VpcDesign *result = NULL;

  if (template_root == NULL || !JSON_NODE_HOLDS_OBJECT (template_root) ||
      object_member (json_node_get_object (template_root), "Resources") == NULL)
    {
      g_set_error_literal (error, VPC_FILE_ERROR, VPC_FILE_ERROR_FORMAT,
                           _("not a CloudFormation template (no Resources object)"));
      return NULL;
    }
  im.root = json_node_get_object (template_root);
  im.resources = object_member (im.root, "Resources");
  im.parameters = object_member (im.root, "Parameters");
  im.conditions = object_member (im.root, "Conditions");
  im.mappings = object_member (im.root, "Mappings");
  im.meta = object_member (object_member (im.root, "Metadata"), VPC_CFN_METADATA_KEY);
  im.region
      = g_strdup (region != NULL ? region
                  : im.meta != NULL
                      ? json_object_get_string_member_with_default (im.meta, "region", "us-east-1")
                      : "us-east-1");
  im.warnings = warnings;
  im.used = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  im.ids = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  im.vpc = g_strdup (choose_vpc (&im, vpc, error));
  if (im.vpc == NULL)
    goto out;

  vpc_cidr (&im);
  b.subnets = resources_of (&im, "AWS::EC2::Subnet");
  b.associations = resources_of (&im, "AWS::EC2::SubnetRouteTableAssociation");
  b.routes = resources_of (&im, "AWS::EC2::Route");
  b.nats = resources_of (&im, "AWS::EC2::NatGateway");
  b.groups = resources_of (&im, "AWS::EC2::SecurityGroup");
  b.ingress = resources_of (&im, "AWS::EC2::SecurityGroupIngress");
  b.egress = resources_of (&im, "AWS::EC2::SecurityGroupEgress");
  b.endpoints = resources_of (&im, "AWS::EC2::VPCEndpoint");
  b.notebooks = resources_of (&im, "AWS::SageMaker::NotebookInstance");
  b.domains = resources_of (&im, "AWS::SageMaker::Domain");
  b.models = resources_of (&im, "AWS::SageMaker::Model");
  b.configs = resources_of (&im, "AWS::SageMaker::EndpointConfig");
  b.azs = json_array_new ();
  b.subnet_list = json_array_new ();
  b.group_list = json_array_new ();
  b.endpoint_list = json_array_new ();
  b.nat_list = json_array_new ();
  b.workload_list = json_array_new ();
  b.az_ids = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);

  known_azs (&b);
  build_subnets (&b);
  register_groups (&b);
  register_nat_gateways (&b);
  build_groups (&b);
  build_endpoints (&b);
  build_workloads (&b);
  build_output_workloads (&b);
  order_workloads (&b);
  mark_helpers (&b);
  warn_unused (&im);
  design = design_object (&im, &b);

  result = vpc_iac_load_design (design, warnings, error);

out:
  build_clear (&b);
  g_hash_table_unref (im.used);
  g_hash_table_unref (im.ids);
  g_free (im.region);
  g_free (im.vpc);
  g_free (im.vpc_cidr);
  g_free (im.cidr_base);
  return result;
}

VpcDesign *
vpc_cfn_import (JsonNode   *template_root,
                const char *region,
                GPtrArray  *warnings,
                GError    **error)
{
  return vpc_cfn_import_full (template_root, region, NULL, warnings, error);
}
