/* SPDX-License-Identifier: GPL-3.0-or-later */
/* vpc-file-repair-text.c: the text side of repair: reading the places of
 * the loader's messages ("subnets[2].az: …"), saying what a change
 * dropped, and writing the repaired file with its own keys in their order. */
#include "vpc-file-repair-private.h"

#include <string.h>

#include "vpc-i18n.h"
#include "vpc-json-write.h"

#define QUOTE_MAX_CHARS 80
#define VALUE_MAX_CHARS 40

/* Places */

static void
step_clear (Step *step)
{
  g_free (step->name);
}

GArray *
_vpc_repair_steps_new (void)
{
  GArray *steps = g_array_new (FALSE, TRUE, sizeof (Step));

  g_array_set_clear_func (steps, (GDestroyNotify) step_clear);
  return steps;
}

void
_vpc_repair_steps_clear (GArray *steps)
{
  g_array_set_size (steps, 0);
}

static void
steps_add (GArray     *steps,
           const char *name,
           gsize       length,
           guint       index)
{
  Step step = { name != NULL ? g_strndup (name, length) : NULL, index };

  g_array_append_val (steps, step);
}

void
_vpc_repair_steps_copy (GArray *to,
                        GArray *from)
{
  _vpc_repair_steps_clear (to);
  for (guint i = 0; i < from->len; i++)
    {
      const Step *step = &g_array_index (from, Step, i);

      steps_add (to, step->name, step->name != NULL ? strlen (step->name) : 0, step->index);
    }
}

const Step *
_vpc_repair_step_at (GArray *steps,
                     guint   i)
{
  return i < steps->len ? &g_array_index (steps, Step, i) : NULL;
}

gboolean
_vpc_repair_step_is (GArray     *steps,
                     guint       i,
                     const char *name)
{
  const Step *step = _vpc_repair_step_at (steps, i);

  return step != NULL && step->name != NULL && strcmp (step->name, name) == 0;
}

gboolean
_vpc_repair_step_is_index (GArray *steps,
                           guint   i)
{
  const Step *step = _vpc_repair_step_at (steps, i);

  return step != NULL && step->name == NULL;
}

/* Splits a loader message, "PLACE: WHAT" (vpc_invariants_set_error), into
 * the steps of PLACE and returns WHAT. A message without a place leaves
 * @steps empty and returns the whole text. */
const char *
_vpc_repair_split_message (const char *message,
                           GArray     *steps)
{
  const char *p = message;

  _vpc_repair_steps_clear (steps);
  for (;;)
    {
      const char *start = p;

      if (!g_ascii_isalpha (*p) && *p != '_')
        break;
      while (g_ascii_isalnum (*p) || *p == '_')
        p++;
      steps_add (steps, start, p - start, 0);
      while (p[0] == '[' && g_ascii_isdigit (p[1]))
        {
          char *end = NULL;
          guint64 index = g_ascii_strtoull (p + 1, &end, 10);

          if (*end != ']' || index > G_MAXUINT)
            goto none;
          steps_add (steps, NULL, 0, (guint) index);
          p = end + 1;
        }
      if (*p == '.')
        {
          p++;
          continue;
        }
      if (p[0] == ':' && p[1] == ' ')
        return p + 2;
      break;
    }
none:
  _vpc_repair_steps_clear (steps);
  return message;
}

/* Steps @from to the end: "ingress[2].peer". */
char *
_vpc_repair_render_place (GArray *steps,
                          guint   from)
{
  GString *place = g_string_new (NULL);

  for (guint i = from; i < steps->len; i++)
    {
      const Step *step = _vpc_repair_step_at (steps, i);

      if (step->name == NULL)
        g_string_append_printf (place, "[%u]", step->index);
      else
        g_string_append_printf (place, "%s%s", place->len > 0 ? "." : "", step->name);
    }
  return g_string_free (place, FALSE);
}

/* TRUE when @steps are the first @length steps of @other. */
gboolean
_vpc_repair_same_steps (GArray *steps,
                        GArray *other,
                        guint   length)
{
  if (steps->len != length || other->len < length)
    return FALSE;
  for (guint i = 0; i < length; i++)
    {
      const Step *a = STEP (steps, i);
      const Step *b = STEP (other, i);

      if (g_strcmp0 (a->name, b->name) != 0 || (a->name == NULL && a->index != b->index))
        return FALSE;
    }
  return TRUE;
}

/* Messages */

char *
_vpc_repair_quote (const char *value)
{
  GString *out = g_string_new (NULL);

  vpc_json_append_quoted_short (out, value, QUOTE_MAX_CHARS);
  return g_string_free (out, FALSE);
}

/* A scalar as JSON text, shortened for a message; NULL for a container. */
char *
_vpc_repair_value_text (JsonNode *node)
{
  GString *out;

  if (node == NULL || JSON_NODE_HOLDS_OBJECT (node) || JSON_NODE_HOLDS_ARRAY (node))
    return NULL;
  if (JSON_NODE_HOLDS_NULL (node))
    return g_strdup ("null");
  out = g_string_new (NULL);
  switch (json_node_get_value_type (node))
    {
    case G_TYPE_STRING:
      vpc_json_append_quoted_short (out, json_node_get_string (node), VALUE_MAX_CHARS);
      break;
    case G_TYPE_BOOLEAN:
      g_string_append (out, json_node_get_boolean (node) ? "true" : "false");
      break;
    case G_TYPE_INT64:
      g_string_append_printf (out, "%" G_GINT64_FORMAT, json_node_get_int (node));
      break;
    default:
      vpc_json_append_number (out, json_node_get_double (node));
      break;
    }
  return g_string_free (out, FALSE);
}

/* "the value 2.5", "the layout", "the value" (an object or array). */
char *
_vpc_repair_describe_value (const char *key,
                            JsonNode   *node)
{
  g_autofree char *text = _vpc_repair_value_text (node);

  if (g_strcmp0 (key, "layout") == 0)
    return g_strdup (_("the layout"));
  if (text == NULL)
    return g_strdup (_("the value"));
  /* TRANSLATORS: what repair dropped: %s is a value as JSON writes it. */
  return g_strdup_printf (_("the value %s"), text);
}

/* What a list entry is: a rule, a reference or a service name. */
char *
_vpc_repair_describe_entry (const char *key,
                            JsonNode   *node)
{
  g_autofree char *quoted = NULL;

  if (JSON_NODE_HOLDS_OBJECT (node))
    return g_strdup (_("the rule"));
  if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
    return g_strdup (_("the entry"));
  quoted = _vpc_repair_quote (json_node_get_string (node));
  if (strcmp (key, "subnets") == 0 || strcmp (key, "security_groups") == 0)
    /* TRANSLATORS: what repair dropped: %s is a quoted id. */
    return g_strdup_printf (_("the reference %s"), quoted);
  /* TRANSLATORS: what repair dropped: %s is a quoted text. */
  return g_strdup_printf (_("the entry %s"), quoted);
}

char *
_vpc_repair_describe_element (VpcKind kind)
{
  /* What repair dropped, by kind (VpcKind order). */
  static const char *const elements[] = {
    N_("the availability zone"), N_("the subnet"), N_("the security group"), N_("the endpoint"),
    N_("the NAT gateway"), N_("the workload"),
  };

  G_STATIC_ASSERT (G_N_ELEMENTS (elements) == VPC_N_KINDS);
  g_return_val_if_fail ((guint) kind < G_N_ELEMENTS (elements), NULL);
  return g_strdup (_(elements[kind]));
}

void
_vpc_repair_change_free (Change *change)
{
  g_free (change->text);
  g_free (change);
}

void
_vpc_repair_add_change (Repair     *r,
                        guint       order,
                        guint       index,
                        const char *format,
                        ...)
{
  Change *change = g_new0 (Change, 1);
  va_list args;

  va_start (args, format);
  change->text = g_strdup_vprintf (format, args);
  va_end (args);
  change->order = order;
  change->index = index;
  change->seq = r->seq++;
  g_ptr_array_add (r->changes, change);
}

/* @list (may be NULL) names the list whose @entry the change is about. */
void
_vpc_repair_add_element_change (Repair     *r,
                                Item       *item,
                                const char *list,
                                guint       entry,
                                const char *place,
                                const char *what,
                                const char *reason)
{
  Change *change;
  JsonObjectIter iter;
  const char *name;
  guint position = 1;

  /* TRANSLATORS: a place in the file, what was dropped there ("the
   * subnet"), and why. */
  _vpc_repair_add_change (r, 1 + item->kind, item->index, _("%s: dropped %s: %s"), place, what,
                          reason);
  change = g_ptr_array_index (r->changes, r->changes->len - 1);
  if (item->changes == NULL)
    item->changes = g_ptr_array_new ();
  g_ptr_array_add (item->changes, change);
  if (list == NULL || item->obj == NULL)
    return;
  json_object_iter_init_ordered (&iter, item->obj);
  while (json_object_iter_next_ordered (&iter, &name, NULL) && strcmp (name, list) != 0)
    position++;
  change->list = position;
  change->entry = entry;
}

int
_vpc_repair_compare_changes (gconstpointer a,
                             gconstpointer b)
{
  const Change *x = *(const Change *const *) a;
  const Change *y = *(const Change *const *) b;

  if (x->order != y->order)
    return x->order < y->order ? -1 : 1;
  if (x->index != y->index)
    return x->index < y->index ? -1 : 1;
  if (x->list != y->list)
    return x->list < y->list ? -1 : 1;
  if (x->entry != y->entry)
    return x->entry < y->entry ? -1 : 1;
  return x->seq < y->seq ? -1 : x->seq > y->seq;
}

/* Writing */

typedef struct
{
  GString *out;
  gboolean pretty;
} Writer;

static void
newline (Writer *w,
         guint   depth)
{
  if (!w->pretty)
    return;
  g_string_append_c (w->out, '\n');
  for (guint i = 0; i < depth; i++)
    g_string_append (w->out, "  ");
}

static void write_value (Writer   *w,
                         JsonNode *node,
                         guint     depth);

static void
write_key (Writer     *w,
           const char *key,
           gboolean    first,
           guint       depth)
{
  if (!first)
    g_string_append_c (w->out, ',');
  newline (w, depth);
  if (key == NULL)
    return;
  vpc_json_append_string (w->out, key);
  g_string_append (w->out, w->pretty ? ": " : ":");
}

/* An array without the entries flagged in @dropped (may be NULL). */
static void
write_array (Writer       *w,
             JsonArray    *array,
             const guint8 *dropped,
             guint         depth)
{
  gboolean first = TRUE;

  g_string_append_c (w->out, '[');
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      if (dropped != NULL && dropped[i])
        continue;
      write_key (w, NULL, first, depth + 1);
      write_value (w, json_array_get_element (array, i), depth + 1);
      first = FALSE;
    }
  if (!first)
    newline (w, depth);
  g_string_append_c (w->out, ']');
}

static void
write_object (Writer     *w,
              JsonObject *obj,
              Item       *item,
              guint       depth)
{
  JsonObjectIter iter;
  const char *name;
  JsonNode *value;
  gboolean first = TRUE;

  g_string_append_c (w->out, '{');
  json_object_iter_init_ordered (&iter, obj);
  while (json_object_iter_next_ordered (&iter, &name, &value))
    {
      List *list = item != NULL && JSON_NODE_HOLDS_ARRAY (value)
                       ? _vpc_repair_item_list (item, name)
                       : NULL;

      write_key (w, name, first, depth + 1);
      if (list != NULL)
        write_array (w, list->array, list->dropped, depth + 1);
      else
        write_value (w, value, depth + 1);
      first = FALSE;
    }
  if (!first)
    newline (w, depth);
  g_string_append_c (w->out, '}');
}

static void
write_value (Writer   *w,
             JsonNode *node,
             guint     depth)
{
  switch (JSON_NODE_TYPE (node))
    {
    case JSON_NODE_OBJECT:
      write_object (w, json_node_get_object (node), NULL, depth);
      return;
    case JSON_NODE_ARRAY:
      write_array (w, json_node_get_array (node), NULL, depth);
      return;
    case JSON_NODE_NULL:
      g_string_append (w->out, "null");
      return;
    case JSON_NODE_VALUE:
    default:
      break;
    }
  switch (json_node_get_value_type (node))
    {
    case G_TYPE_STRING:
      vpc_json_append_string (w->out, json_node_get_string (node));
      break;
    case G_TYPE_BOOLEAN:
      g_string_append (w->out, json_node_get_boolean (node) ? "true" : "false");
      break;
    case G_TYPE_INT64:
      g_string_append_printf (w->out, "%" G_GINT64_FORMAT, json_node_get_int (node));
      break;
    default:
      vpc_json_append_number (w->out, json_node_get_double (node));
      break;
    }
}

static void
write_list (Writer  *w,
            Repair  *r,
            VpcKind  kind,
            guint    depth)
{
  gboolean first = TRUE;

  g_ptr_array_set_size (r->kept[kind], 0);
  g_string_append_c (w->out, '[');
  for (guint i = 0; i < r->items[kind]->len; i++)
    {
      Item *item = &g_array_index (r->items[kind], Item, i);

      if (item->dropped)
        continue;
      write_key (w, NULL, first, depth + 1);
      write_object (w, item->obj, item, depth + 1);
      g_ptr_array_add (r->kept[kind], item);
      first = FALSE;
    }
  if (!first)
    newline (w, depth);
  g_string_append_c (w->out, ']');
}

/* The repaired file: the keys repair put in first, then the file's own
 * members in their order, each as it was less what was dropped. */
GBytes *
_vpc_repair_write_file (Repair  *r,
                        gboolean pretty)
{
  Writer w = { g_string_new (NULL), pretty };
  JsonObjectIter iter;
  const char *name;
  JsonNode *value;
  gboolean first = TRUE;

  g_string_append_c (w.out, '{');
  for (guint i = 0; i < r->added->len; i++)
    {
      write_key (&w, g_ptr_array_index (r->added, i), first, 1);
      write_value (&w, json_object_get_member (r->root, g_ptr_array_index (r->added, i)), 1);
      first = FALSE;
    }
  json_object_iter_init_ordered (&iter, r->root);
  while (json_object_iter_next_ordered (&iter, &name, &value))
    {
      int kind = -1;

      if (g_ptr_array_find_with_equal_func (r->added, name, g_str_equal, NULL))
        continue;
      for (guint k = 0; k < VPC_N_KINDS; k++)
        if (strcmp (name, vpc_kind_to_string (k)) == 0 && JSON_NODE_HOLDS_ARRAY (value))
          kind = (int) k;
      write_key (&w, name, first, 1);
      if (kind >= 0)
        write_list (&w, r, (VpcKind) kind, 1);
      else
        write_value (&w, value, 1);
      first = FALSE;
    }
  if (!first)
    newline (&w, 0);
  g_string_append (w.out, "}\n");
  return g_string_free_to_bytes (w.out);
}
