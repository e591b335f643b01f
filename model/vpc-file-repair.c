/* SPDX-License-Identifier: GPL-3.0-or-later */
/* vpc-file-repair.c: `repair` (format.md §5).
 *
 * The loader stays the only judge of values: every element is read by it
 * alone, in a file of its own (where nothing it refers to exists, so once its
 * values pass only a reference error can stop it). A fault the loader names
 * is removed at the smallest node that holds it: an entry of a list (a rule
 * goes whole), a key that has a default, else the element. References are
 * resolved here over the whole file, so that what refers to a dropped element
 * is dropped too, as a delete cascades (format.md §5 "Deleting"). A last load
 * of the result proves it; whatever that load still names is dropped the
 * same way. Each change is one line, with places as in the ORIGINAL file.
 *
 * Time: each element is judged once when it is sound; a broken one is judged
 * once per fault in its keys, and its lists in windows of WINDOW entries, so
 * many faults in one long list stay linear.
 */
#include "vpc-file-repair-private.h"

#include <math.h>
#include <string.h>

#include "vpc-file-private.h"
#include "vpc-i18n.h"
#include "vpc-invariants.h"
#include "vpc-json-scan.h"

#define WINDOW           64
#define MAX_RUN          64
#define MAX_LAST_ROUNDS  64

/* The loader as judge */

static JsonNode *
object_node (JsonObject *object)
{
  JsonNode *node = json_node_alloc ();

  json_node_init_object (node, object);
  return node;
}

/* @value for another tree: objects are shared (their nodes are not). */
JsonNode *
_vpc_repair_share (JsonNode *value)
{
  if (JSON_NODE_HOLDS_OBJECT (value))
    return object_node (json_node_get_object (value));
  if (JSON_NODE_HOLDS_ARRAY (value))
    {
      JsonNode *node = json_node_alloc ();

      json_node_init_array (node, json_node_get_array (value));
      return node;
    }
  return json_node_copy (value);
}

/* A valid top level around @list (taken), as the list of @kind. */
static JsonObject *
file_with (VpcKind    kind,
           JsonArray *list)
{
  JsonObject *root = json_object_new ();
  JsonObject *vpc = json_object_new ();

  json_object_set_string_member (root, "format", VPC_FILE_FORMAT_NAME);
  json_object_set_int_member (root, "version", VPC_FILE_FORMAT_VERSION);
  json_object_set_string_member (root, "region", DEFAULT_REGION);
  json_object_set_string_member (vpc, "cidr", DEFAULT_CIDR);
  json_object_set_object_member (root, "vpc", vpc);
  json_object_set_array_member (root, vpc_kind_to_string (kind), list);
  return root;
}

/* The same around one element (taken). */
static JsonObject *
file_around (VpcKind   kind,
             JsonNode *element)
{
  JsonArray *list = json_array_new ();

  json_array_add_element (list, element);
  return file_with (kind, list);
}

/* Reads @root (taken) with the loader's schema walk. Returns NULL when it
 * passes, else the loader's error. A reference error counts as a pass: the
 * loader checks references only once every value has passed, and alone an
 * element finds nothing it refers to. */
GError *
_vpc_repair_judge (JsonObject *root,
                   GPtrArray  *warnings)
{
  g_autoptr(JsonObject) owned = root;
  g_autoptr(VpcDesign) design = vpc_design_new ();
  GError *error = NULL;

  if (_vpc_file_read_design_json (design, owned, warnings, &error))
    return NULL;
  if (g_error_matches (error, VPC_FILE_ERROR, VPC_FILE_ERROR_REFERENCE))
    g_clear_error (&error);
  return error;
}

/* The member at @steps[from..to) below @obj (keys only), or NULL. */
JsonNode *
_vpc_repair_member_at (JsonObject *obj,
                       GArray     *steps,
                       guint       from,
                       guint       to,
                       JsonObject **parent)
{
  JsonNode *node = NULL;

  for (guint i = from; i < to; i++)
    {
      const Step *step = _vpc_repair_step_at (steps, i);

      if (step == NULL || step->name == NULL || obj == NULL)
        return NULL;
      node = json_object_get_member (obj, step->name);
      if (node == NULL)
        return NULL;
      if (parent != NULL)
        *parent = obj;
      obj = JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
    }
  return node;
}

gboolean
_vpc_repair_remove_at (JsonObject *obj,
                       GArray     *steps,
                       guint       from,
                       guint       to)
{
  JsonObject *parent = NULL;

  if (to <= from || _vpc_repair_member_at (obj, steps, from, to, &parent) == NULL)
    return FALSE;
  json_object_remove_member (parent, STEP (steps, to - 1)->name);
  return TRUE;
}

/* Lists of an element */

static void
list_free (List *list)
{
  g_free (list->key);
  json_array_unref (list->array);
  g_free (list->dropped);
  g_free (list);
}

/* The list @key of @item, or NULL when the member is not an array. */
List *
_vpc_repair_item_list (Item       *item,
                       const char *key)
{
  JsonNode *node;
  List *list;

  for (guint i = 0; item->lists != NULL && i < item->lists->len; i++)
    {
      list = g_ptr_array_index (item->lists, i);
      if (strcmp (list->key, key) == 0)
        return list;
    }
  node = item->obj != NULL ? json_object_get_member (item->obj, key) : NULL;
  if (node == NULL || !JSON_NODE_HOLDS_ARRAY (node))
    return NULL;
  list = g_new0 (List, 1);
  list->key = g_strdup (key);
  list->array = json_array_ref (json_node_get_array (node));
  list->dropped = g_new0 (guint8, json_array_get_length (list->array) + 1);
  if (item->lists == NULL)
    item->lists = g_ptr_array_new_with_free_func ((GDestroyNotify) list_free);
  g_ptr_array_add (item->lists, list);
  return list;
}

static guint
list_length (const List *list)
{
  return json_array_get_length (list->array);
}

static void
drop_entry (Repair     *r,
            Item       *item,
            List       *list,
            guint       index,
            const char *place,
            const char *reason)
{
  g_autofree char *what
      = _vpc_repair_describe_entry (list->key, json_array_get_element (list->array, index));

  if (list->dropped[index])
    return;
  list->dropped[index] = TRUE;
  list->n_dropped++;
  _vpc_repair_add_element_change (r, item, list->key, index, place, what, reason);
}

static char *
entry_place (const Item *item,
             const char *key,
             guint       index,
             const char *tail)
{
  return g_strdup_printf ("%s[%u].%s[%u]%s%s", vpc_kind_to_string (item->kind), item->index,
                          key, index, tail != NULL ? "." : "", tail != NULL ? tail : "");
}

/* Elements */

static void
drop_item (Repair     *r,
           Item       *item,
           const char *place,
           const char *reason)
{
  g_autofree char *what = _vpc_repair_describe_element (item->kind);
  const char *id;

  if (item->dropped)
    return;
  item->dropped = TRUE;
  /* What went from it before says nothing more: it goes whole. */
  for (guint i = 0; item->changes != NULL && i < item->changes->len; i++)
    g_clear_pointer (&((Change *) g_ptr_array_index (item->changes, i))->text, g_free);
  _vpc_repair_add_element_change (r, item, NULL, 0, place, what, reason);
  id = item->obj != NULL ? _vpc_repair_string_member (item->obj, "id") : NULL;
  if (id == NULL)
    return;
  if (g_hash_table_lookup (r->ids, id) == item)
    g_hash_table_remove (r->ids, id);
  if (!g_hash_table_contains (r->dropped_ids, id))
    g_hash_table_insert (r->dropped_ids, (gpointer) id, item);
}

/* The loader's place for @item ("subnets[0].layout.w" in the file around
 * it) with the element's index in the file. */
static char *
item_place (const Item *item,
            GArray     *steps)
{
  g_autofree char *rest = _vpc_repair_render_place (steps, 2);

  return g_strdup_printf ("%s[%u]%s%s", vpc_kind_to_string (item->kind), item->index,
                          *rest != '\0' ? "." : "", rest);
}

/* TRUE when @steps name something inside the element of the file around it
 * ("KIND[0]…"). */
static gboolean
in_element (const Item *item,
            GArray     *steps)
{
  return _vpc_repair_step_is (steps, 0, vpc_kind_to_string (item->kind))
         && _vpc_repair_step_is_index (steps, 1) && _vpc_repair_step_at (steps, 1)->index == 0;
}

/* The element as the loader should see it: each list emptied, except @key's,
 * which holds @window; the members in @skip left out. */
static JsonObject *
element_view (JsonObject *obj,
              const char *key,
              JsonArray  *window,
              GHashTable *skip)
{
  JsonObject *view = json_object_new ();
  JsonObjectIter iter;
  const char *name;
  JsonNode *value;

  json_object_iter_init_ordered (&iter, obj);
  while (json_object_iter_next_ordered (&iter, &name, &value))
    {
      if (skip != NULL && g_hash_table_contains (skip, name))
        continue;
      if (key != NULL && strcmp (name, key) == 0)
        json_object_set_array_member (view, name, json_array_ref (window));
      else if (JSON_NODE_HOLDS_ARRAY (value))
        json_object_set_array_member (view, name, json_array_new ());
      else
        json_object_set_member (view, name, _vpc_repair_share (value));
    }
  return view;
}

static GError *
judge_view (Item       *item,
            JsonObject *view,
            GPtrArray  *warnings)
{
  JsonNode *node = object_node (view);

  json_object_unref (view);
  return _vpc_repair_judge (file_around (item->kind, node), warnings);
}

/* Keys the loader reports as unknown or not applying ("…; ignored"): it
 * does not read them, so repair leaves them as they are. */
static GHashTable *
ignored_keys (const Item *item,
              GPtrArray  *warnings)
{
  GHashTable *keys = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GArray) steps = _vpc_repair_steps_new ();

  for (guint i = 0; i < warnings->len; i++)
    {
      _vpc_repair_split_message (g_ptr_array_index (warnings, i), steps);
      if (steps->len == 3 && in_element (item, steps) && STEP (steps, 2)->name != NULL)
        g_hash_table_add (keys, g_strdup (STEP (steps, 2)->name));
    }
  return keys;
}

/* Drops the keys the loader refuses, one at a time: a key with a default
 * just goes; when the loader then misses it (a required key, "x" of a
 * layout), its container goes instead, up to the element itself. Returns
 * the keys the loader ignores, or NULL when the element was dropped. */
static GHashTable *
fix_element_keys (Repair *r,
                  Item   *item)
{
  g_autoptr(GArray) pending = _vpc_repair_steps_new (); /* the key just dropped */
  g_autofree char *pending_place = NULL;
  g_autofree char *pending_what = NULL;
  g_autofree char *pending_reason = NULL;

  for (;;)
    {
      g_autoptr(GPtrArray) warnings = g_ptr_array_new_with_free_func (g_free);
      g_autoptr (GError) error
          = judge_view (item, element_view (item->obj, NULL, NULL, NULL), warnings);
      g_autoptr(GArray) steps = _vpc_repair_steps_new ();
      const char *reason = error != NULL ? _vpc_repair_split_message (error->message, steps) : NULL;
      JsonNode *node;

      if (pending_place != NULL)
        {
          guint up = pending->len - 1;

          if (error != NULL && _vpc_repair_same_steps (steps, pending, up))
            {
              if (up == 2)
                {
                  drop_item (r, item, pending_place, pending_reason);
                  return NULL;
                }
              /* Its container misses it: the container goes instead. */
              g_free (pending_what);
              pending_what = _vpc_repair_describe_value (
                  STEP (pending, up - 1)->name,
                  _vpc_repair_member_at (item->obj, pending, 2, up, NULL));
              _vpc_repair_remove_at (item->obj, pending, 2, up);
              g_array_set_size (pending, up);
              continue;
            }
          _vpc_repair_add_element_change (r, item, NULL, 0, pending_place, pending_what,
                                          pending_reason);
          g_clear_pointer (&pending_place, g_free);
        }
      if (error == NULL)
        return ignored_keys (item, warnings);

      node = in_element (item, steps) && steps->len > 2 && !_vpc_repair_step_is (steps, 2, "id")
             ? _vpc_repair_member_at (item->obj, steps, 2, steps->len, NULL) : NULL;
      if (node == NULL)
        {
          /* The element itself (a missing key, a bad id: references to it
           * then say it was dropped), or nothing that can go alone. */
          g_autofree char *place = item_place (item, steps);

          drop_item (r, item, place, reason);
          return NULL;
        }
      g_free (pending_what);
      pending_what = _vpc_repair_describe_value (STEP (steps, steps->len - 1)->name, node);
      g_free (pending_reason);
      pending_reason = g_strdup (reason);
      pending_place = item_place (item, steps);
      _vpc_repair_steps_copy (pending, steps);
      _vpc_repair_remove_at (item->obj, steps, 2, steps->len);
    }
}

/* A list entry given twice: the first one stays (format.md §3 refuses the
 * repeat; the loader would name only the first repeat). */
static void
drop_repeats (Repair *r,
              Item   *item,
              List   *list)
{
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);

  for (guint i = 0; i < list_length (list); i++)
    {
      JsonNode *node = json_array_get_element (list->array, i);
      g_autofree char *place = NULL;
      g_autofree char *reason = NULL;
      g_autofree char *quoted = NULL;
      const char *value;

      if (list->dropped[i] || !JSON_NODE_HOLDS_VALUE (node) ||
          json_node_get_value_type (node) != G_TYPE_STRING)
        continue;
      value = json_node_get_string (node);
      if (g_hash_table_add (seen, (gpointer) value))
        continue;
      quoted = _vpc_repair_quote (value);
      reason = g_strdup_printf (_("%s is listed twice"), quoted);
      place = entry_place (item, list->key, i, NULL);
      drop_entry (r, item, list, i, place, reason);
    }
}

/* Judges the entries of the list @key in windows of WINDOW: the loader stops
 * at the first fault, so the entries before it passed. Returns FALSE when
 * the element had to go. */
static gboolean
fix_list (Repair     *r,
          Item       *item,
          const char *key,
          GHashTable *ignored)
{
  List *list = _vpc_repair_item_list (item, key);
  guint next = 0;

  if (list == NULL)
    return TRUE;
  drop_repeats (r, item, list);
  while (next < list_length (list))
    {
      g_autoptr(JsonArray) window = json_array_new ();
      g_autoptr(GArray) indexes = g_array_new (FALSE, FALSE, sizeof (guint));
      g_autoptr(GArray) steps = _vpc_repair_steps_new ();
      g_autoptr(GError) error = NULL;
      g_autofree char *place = NULL;
      const char *reason;
      guint j;

      for (guint i = next; i < list_length (list) && indexes->len < WINDOW; i++)
        if (!list->dropped[i])
          {
            json_array_add_element (window,
                                    _vpc_repair_share (json_array_get_element (list->array, i)));
            g_array_append_val (indexes, i);
          }
      if (indexes->len == 0)
        break;
      error = judge_view (item, element_view (item->obj, key, window, ignored), NULL);
      if (error == NULL)
        {
          next = g_array_index (indexes, guint, indexes->len - 1) + 1;
          continue;
        }
      reason = _vpc_repair_split_message (error->message, steps);
      if (!in_element (item, steps) || !_vpc_repair_step_is (steps, 2, key)
          || !_vpc_repair_step_is_index (steps, 3)
          || _vpc_repair_step_at (steps, 3)->index >= indexes->len)
        {
          /* Not an entry's fault: the element cannot stay. */
          place = item_place (item, steps);
          drop_item (r, item, place, reason);
          return FALSE;
        }
      j = g_array_index (indexes, guint, _vpc_repair_step_at (steps, 3)->index);
      g_array_index (steps, Step, 3).index = j;
      place = item_place (item, steps);
      drop_entry (r, item, list, j, place, reason);
      next = j + 1;
    }
  return TRUE;
}

/* Judges one element: at once when it is sound (the common case), else key
 * by key and list by list. */
static void
fix_element (Repair   *r,
             Item     *item,
             JsonNode *node)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GHashTable) ignored = NULL;
  g_autoptr(GArray) steps = _vpc_repair_steps_new ();
  g_autoptr(GPtrArray) keys = NULL;
  JsonObjectIter iter;
  const char *name;
  JsonNode *value;

  error = _vpc_repair_judge (file_around (item->kind, _vpc_repair_share (node)), NULL);
  if (error == NULL)
    return;
  if (item->obj == NULL)
    {
      g_autofree char *place = NULL;
      const char *reason = _vpc_repair_split_message (error->message, steps);

      place = item_place (item, steps);
      drop_item (r, item, place, reason);
      return;
    }
  ignored = fix_element_keys (r, item);
  if (ignored == NULL)
    return;
  keys = g_ptr_array_new_with_free_func (g_free);
  json_object_iter_init_ordered (&iter, item->obj);
  while (json_object_iter_next_ordered (&iter, &name, &value))
    if (JSON_NODE_HOLDS_ARRAY (value) && !g_hash_table_contains (ignored, name))
      g_ptr_array_add (keys, g_strdup (name));
  for (guint i = 0; i < keys->len; i++)
    if (!fix_list (r, item, g_ptr_array_index (keys, i), ignored))
      return;
}

/* Judges the elements of one list in runs, as the loader reads them: it
 * stops at the first fault, so the run before it passed. A run doubles
 * while it passes and starts at one element again after a fault, so that a
 * sound list takes few loads and a broken one about one per element. */
static void
fix_kind (Repair    *r,
          VpcKind    kind,
          JsonArray *array)
{
  guint n = json_array_get_length (array), next = 0, run = 1;

  while (next < n)
    {
      guint end = MIN (next + run, n);
      JsonArray *list = json_array_new ();
      g_autoptr(GError) error = NULL;
      g_autoptr(GArray) steps = _vpc_repair_steps_new ();

      for (guint i = next; i < end; i++)
        json_array_add_element (list, _vpc_repair_share (json_array_get_element (array, i)));
      error = _vpc_repair_judge (file_with (kind, list), NULL);
      if (error == NULL)
        {
          next = end;
          run = MIN (run * 2, MAX_RUN);
          continue;
        }
      _vpc_repair_split_message (error->message, steps);
      if (_vpc_repair_step_is (steps, 0, vpc_kind_to_string (kind))
          && _vpc_repair_step_is_index (steps, 1) && STEP (steps, 1)->index < end - next)
        {
          /* The elements before it passed; those after it were not read. */
          guint j = next + STEP (steps, 1)->index;

          fix_element (r, &g_array_index (r->items[kind], Item, j),
                       json_array_get_element (array, j));
          next = j + 1;
        }
      else
        {
          /* Not one element's fault: each is judged alone. */
          for (; next < end; next++)
            fix_element (r, &g_array_index (r->items[kind], Item, next),
                         json_array_get_element (array, next));
        }
      run = 1;
    }
}

/* Ids and references */

/* The first of two elements with one id stays, as the loader reads them. */
static void
drop_duplicate_ids (Repair *r)
{
  for (guint k = 0; k < VPC_N_KINDS; k++)
    for (guint i = 0; i < r->items[k]->len; i++)
      {
        Item *item = &g_array_index (r->items[k], Item, i);
        const char *id;
        Item *first;
        g_autofree char *quoted = NULL;
        g_autofree char *reason = NULL;
        g_autofree char *place = NULL;

        if (item->dropped)
          continue;
        id = json_object_get_string_member (item->obj, "id");
        first = g_hash_table_lookup (r->ids, id);
        if (first == NULL)
          {
            g_hash_table_insert (r->ids, (gpointer) id, item);
            continue;
          }
        quoted = _vpc_repair_quote (id);
        /* TRANSLATORS: a quoted id, then where it is first used: a list
         * of the file ("subnets") and an index in it. */
        reason = g_strdup_printf (_("duplicate id %s (first used by %s[%u])"), quoted,
                                  vpc_kind_to_string (first->kind), first->index);
        place = g_strdup_printf ("%s[%u].id", vpc_kind_to_string (k), item->index);
        drop_item (r, item, place, reason);
      }
}

/* NULL when @id names a kept element of kind @wanted, else why not. */
static char *
reference_fault (Repair     *r,
                 const char *id,
                 VpcKind     wanted)
{
  const Item *target = g_hash_table_lookup (r->ids, id);
  const Item *gone = g_hash_table_lookup (r->dropped_ids, id);
  const char *wanted_label = vpc_kind_to_label (wanted);
  g_autofree char *quoted = _vpc_repair_quote (id);

  if (target == NULL && gone != NULL && gone->kind == wanted)
    /* TRANSLATORS: a kind of element ("subnet"), then a quoted id. */
    return g_strdup_printf (_("%s %s was dropped"), wanted_label, quoted);
  if (target == NULL)
    /* TRANSLATORS: a kind of element ("subnet"), then a quoted id. */
    return g_strdup_printf (_("no %s %s"), wanted_label, quoted);
  if (target->kind == wanted)
    return NULL;
  /* TRANSLATORS: a quoted id, then two kinds of element with their
   * articles: "\"sg-1\" is a subnet, not a security group". */
  return g_strdup_printf (_("%s is %s, not %s"), quoted,
                          vpc_kind_to_label_with_article (target->kind),
                          vpc_kind_to_label_with_article (wanted));
}

const char *
_vpc_repair_string_member (JsonObject *obj,
                           const char *key)
{
  JsonNode *node = json_object_get_member (obj, key);

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node)
      || json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;
  return json_node_get_string (node);
}

/* A required reference (a subnet's AZ, a NAT gateway's subnet): the element
 * goes with a broken one. */
static void
check_single (Repair     *r,
              Item       *item,
              const char *key,
              VpcKind     wanted)
{
  const char *id = _vpc_repair_string_member (item->obj, key);
  g_autofree char *reason = NULL;
  g_autofree char *place = NULL;

  if (item->dropped || id == NULL || (reason = reference_fault (r, id, wanted)) == NULL)
    return;
  place = g_strdup_printf ("%s[%u].%s", vpc_kind_to_string (item->kind), item->index, key);
  drop_item (r, item, place, reason);
}

static void
check_list (Repair     *r,
            Item       *item,
            const char *key,
            VpcKind     wanted)
{
  List *list = item->dropped ? NULL : _vpc_repair_item_list (item, key);

  for (guint i = 0; list != NULL && i < list_length (list); i++)
    {
      JsonNode *node = json_array_get_element (list->array, i);
      g_autofree char *reason = NULL;
      g_autofree char *place = NULL;

      if (list->dropped[i] || !JSON_NODE_HOLDS_VALUE (node) ||
          json_node_get_value_type (node) != G_TYPE_STRING ||
          (reason = reference_fault (r, json_node_get_string (node), wanted)) == NULL)
        continue;
      place = entry_place (item, key, i, NULL);
      drop_entry (r, item, list, i, place, reason);
    }
}

static void
check_peers (Repair     *r,
             Item       *item,
             const char *key)
{
  List *list = item->dropped ? NULL : _vpc_repair_item_list (item, key);

  for (guint i = 0; list != NULL && i < list_length (list); i++)
    {
      JsonNode *node = json_array_get_element (list->array, i);
      const char *peer = JSON_NODE_HOLDS_OBJECT (node)
                         ? _vpc_repair_string_member (json_node_get_object (node), "peer") : NULL;
      g_autofree char *reason = NULL;
      g_autofree char *place = NULL;

      if (list->dropped[i] || peer == NULL || !vpc_sg_peer_is_group (peer) ||
          (reason = reference_fault (r, peer, VPC_KIND_SECURITY_GROUP)) == NULL)
        continue;
      place = entry_place (item, key, i, "peer");
      drop_entry (r, item, list, i, place, reason);
    }
}

static gboolean
is_interface (JsonObject *endpoint)
{
  const char *type = _vpc_repair_string_member (endpoint, "type");
  const char *service = _vpc_repair_string_member (endpoint, "service");
  VpcEndpointType value;

  if (type != NULL && vpc_endpoint_type_from_string (type, &value))
    return value == VPC_ENDPOINT_INTERFACE;
  return service != NULL && vpc_endpoint_default_type (service) == VPC_ENDPOINT_INTERFACE;
}

/* An interface endpoint keeps the first of its subnets in each AZ. */
static void
check_one_subnet_per_az (Repair *r,
                         Item   *item)
{
  g_autoptr(GHashTable) by_az = g_hash_table_new (g_str_hash, g_str_equal);
  List *list = item->dropped ? NULL : _vpc_repair_item_list (item, "subnets");

  for (guint i = 0; list != NULL && i < list_length (list); i++)
    {
      JsonNode *node = json_array_get_element (list->array, i);
      const char *id, *az, *other;
      Item *subnet;
      g_autofree char *a = NULL, *b = NULL, *zone = NULL, *reason = NULL, *place = NULL;

      if (list->dropped[i] || !JSON_NODE_HOLDS_VALUE (node) ||
          json_node_get_value_type (node) != G_TYPE_STRING)
        continue;
      id = json_node_get_string (node);
      subnet = g_hash_table_lookup (r->ids, id);
      az = subnet != NULL ? _vpc_repair_string_member (subnet->obj, "az") : NULL;
      if (az == NULL)
        continue;
      other = g_hash_table_lookup (by_az, az);
      if (other == NULL)
        {
          g_hash_table_insert (by_az, (gpointer) az, (gpointer) id);
          continue;
        }
      a = _vpc_repair_quote (other);
      b = _vpc_repair_quote (id);
      zone = _vpc_repair_quote (az);
      reason = g_strdup_printf (_("%s and %s are both in availability zone %s; an interface "
                                  "endpoint takes one subnet per AZ"), a, b, zone);
      place = entry_place (item, "subnets", i, NULL);
      drop_entry (r, item, list, i, place, reason);
    }
}

/* In format.md's order, so that a dropped AZ takes its subnets and they
 * take their NAT gateways before anything refers to them. Runs again after
 * a late drop and changes only what is new. */
static void
check_references (Repair *r)
{
  for (guint k = 0; k < VPC_N_KINDS; k++)
    for (guint i = 0; i < r->items[k]->len; i++)
      {
        Item *item = &g_array_index (r->items[k], Item, i);

        if (item->dropped)
          continue;
        switch (item->kind)
          {
          case VPC_KIND_SUBNET:
            check_single (r, item, "az", VPC_KIND_AZ);
            break;
          case VPC_KIND_SECURITY_GROUP:
            check_peers (r, item, "ingress");
            check_peers (r, item, "egress");
            break;
          case VPC_KIND_ENDPOINT:
            check_list (r, item, "subnets", VPC_KIND_SUBNET);
            if (is_interface (item->obj))
              {
                check_list (r, item, "security_groups", VPC_KIND_SECURITY_GROUP);
                check_one_subnet_per_az (r, item);
              }
            break;
          case VPC_KIND_NAT_GATEWAY:
            check_single (r, item, "subnet", VPC_KIND_SUBNET);
            break;
          case VPC_KIND_WORKLOAD:
            check_list (r, item, "subnets", VPC_KIND_SUBNET);
            check_list (r, item, "security_groups", VPC_KIND_SECURITY_GROUP);
            break;
          case VPC_KIND_AZ:
          case VPC_N_KINDS:
          default:
            break;
          }
      }
}

/* The last load */

/* Drops what the loader still names in the written file (its indexes are
 * those of the written lists). FALSE when it names nothing repair can drop. */
static gboolean
drop_named (Repair       *r,
            const GError *fault)
{
  g_autoptr(GArray) steps = _vpc_repair_steps_new ();
  const char *reason = _vpc_repair_split_message (fault->message, steps);
  g_autofree char *place = NULL;
  Item *item = NULL;
  List *list;

  for (guint k = 0; k < VPC_N_KINDS && _vpc_repair_step_is_index (steps, 1); k++)
    if (_vpc_repair_step_is (steps, 0, vpc_kind_to_string (k))
        && STEP (steps, 1)->index < r->kept[k]->len)
      item = g_ptr_array_index (r->kept[k], STEP (steps, 1)->index);
  if (item == NULL)
    return FALSE;
  g_array_index (steps, Step, 1).index = item->index;
  list = _vpc_repair_step_at (steps, 2) != NULL && _vpc_repair_step_at (steps, 2)->name != NULL
                 && _vpc_repair_step_is_index (steps, 3)
             ? _vpc_repair_item_list (item, _vpc_repair_step_at (steps, 2)->name)
             : NULL;
  if (list != NULL)
    {
      guint written = STEP (steps, 3)->index;

      for (guint i = 0; i < list_length (list); i++)
        if (!list->dropped[i] && written-- == 0)
          {
            g_array_index (steps, Step, 3).index = i;
            place = _vpc_repair_render_place (steps, steps->len);
            drop_entry (r, item, list, i, place, reason);
            return TRUE;
          }
    }
  place = _vpc_repair_render_place (steps, steps->len);
  drop_item (r, item, place, reason);
  return TRUE;
}

/* Writes the file and loads it, dropping what the load still names. */
static GBytes *
write_loadable (Repair     *r,
                VpcDesign **design,
                GError    **error)
{
  for (guint round = 0; round < MAX_LAST_ROUNDS; round++)
    {
      g_autoptr(GBytes) text = _vpc_repair_write_file (r, TRUE);
      g_autoptr(GError) fault = NULL;
      g_autoptr(VpcDesign) loaded = NULL;

      /* Indenting a minified file can cross the size limit; without it
       * the text is no longer than the input's. */
      if (g_bytes_get_size (text) > VPC_FILE_MAX_BYTES)
        {
          g_bytes_unref (text);
          text = _vpc_repair_write_file (r, FALSE);
        }
      loaded = vpc_file_load_bytes (text, NULL, &fault);
      if (loaded != NULL)
        {
          if (design != NULL)
            *design = g_steal_pointer (&loaded);
          return g_steal_pointer (&text);
        }
      if (!drop_named (r, fault))
        {
          g_set_error (error, VPC_FILE_ERROR, fault->code, _("cannot be repaired: %s"),
                       fault->message);
          return NULL;
        }
      check_references (r);
    }
  g_set_error_literal (error, VPC_FILE_ERROR, VPC_FILE_ERROR_INVALID,
                       _("cannot be repaired: too many faults remain"));
  return NULL;
}

/* Public */

gboolean
vpc_file_repair_applies (const GError *error)
{
  return error != NULL && error->domain == VPC_FILE_ERROR &&
         (error->code == VPC_FILE_ERROR_FORMAT || error->code == VPC_FILE_ERROR_INVALID ||
          error->code == VPC_FILE_ERROR_REFERENCE);
}


/* A design file newer than this one: repair must not guess at it. */
static gboolean
is_newer_version (JsonObject *root)
{
  JsonNode *node = json_object_get_member (root, "version");
  double version;

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node)
      || (json_node_get_value_type (node) != G_TYPE_INT64
          && json_node_get_value_type (node) != G_TYPE_DOUBLE))
    return FALSE;
  version = json_node_get_double (node);
  return isfinite (version) && version == floor (version) && version > VPC_FILE_FORMAT_VERSION;
}

static void
repair_clear (Repair *r)
{
  for (guint k = 0; k < VPC_N_KINDS; k++)
    {
      for (guint i = 0; r->items[k] != NULL && i < r->items[k]->len; i++)
        {
          g_clear_pointer (&g_array_index (r->items[k], Item, i).lists, g_ptr_array_unref);
          g_clear_pointer (&g_array_index (r->items[k], Item, i).changes, g_ptr_array_unref);
        }
      g_clear_pointer (&r->items[k], g_array_unref);
      g_clear_pointer (&r->kept[k], g_ptr_array_unref);
    }
  g_clear_pointer (&r->ids, g_hash_table_unref);
  g_clear_pointer (&r->dropped_ids, g_hash_table_unref);
  g_clear_pointer (&r->changes, g_ptr_array_unref);
  g_clear_pointer (&r->added, g_ptr_array_unref);
  g_clear_pointer (&r->cidr_fix, _vpc_repair_cidr_fix_free);
}

/* Judges every element; FALSE when the lists hold too many. */
static gboolean
fix_elements (Repair  *r,
              GError **error)
{
  guint64 total = 0;

  for (guint k = 0; k < VPC_N_KINDS; k++)
    {
      JsonNode *node = json_object_get_member (r->root, vpc_kind_to_string (k));
      JsonArray *array
          = node != NULL && JSON_NODE_HOLDS_ARRAY (node) ? json_node_get_array (node) : NULL;

      r->items[k] = g_array_new (FALSE, TRUE, sizeof (Item));
      r->kept[k] = g_ptr_array_new ();
      if (array == NULL)
        continue;
      total += json_array_get_length (array);
      g_array_set_size (r->items[k], json_array_get_length (array));
      for (guint i = 0; i < json_array_get_length (array); i++)
        {
          Item *item = &g_array_index (r->items[k], Item, i);
          JsonNode *element = json_array_get_element (array, i);

          item->kind = k;
          item->index = i;
          item->obj = JSON_NODE_HOLDS_OBJECT (element) ? json_node_get_object (element) : NULL;
        }
    }
  if (total > VPC_FILE_MAX_ELEMENTS)
    {
      g_autofree char *count = g_strdup_printf ("%" G_GUINT64_FORMAT, total);

      g_set_error (error, VPC_FILE_ERROR, VPC_FILE_ERROR_TOO_LARGE,
                   /* TRANSLATORS: the first %s is a number of elements. */
                   ngettext ("the design has %s element; the limit is %d",
                             "the design has %s elements; the limit is %d", (gulong) total),
                   count, VPC_FILE_MAX_ELEMENTS);
      return FALSE;
    }
  for (guint k = 0; k < VPC_N_KINDS; k++)
    if (r->items[k]->len > 0)
      fix_kind (r, k, json_object_get_array_member (r->root, vpc_kind_to_string (k)));
  return TRUE;
}

/* The top-level object of @input as @parser reads it, or NULL when it is
 * no JSON object. */
static JsonObject *
parse_object (GBytes     *input,
              JsonParser *parser)
{
  gsize length, start = 0;
  const char *data = g_bytes_get_data (input, &length);
  JsonNode *root = NULL;

  if (vpc_json_scan (data, length, &start, NULL) &&
      json_parser_load_from_data (parser, data + start, (gssize) (length - start), NULL))
    root = json_parser_get_root (parser);
  return root != NULL && JSON_NODE_HOLDS_OBJECT (root) ? json_node_get_object (root) : NULL;
}

/* Whether the reader refuses @root for something repair fixes. */
static gboolean
needs_repair (JsonObject *root)
{
  g_autoptr(VpcDesign) scratch = vpc_design_new ();
  g_autoptr(GError) load_error = NULL;

  return !_vpc_file_read_design_json (scratch, root, NULL, &load_error) &&
         vpc_file_repair_applies (load_error);
}

/* The loader's own answer: a file it loads comes back as it is, and text
 * it cannot parse (@parsed FALSE), or over a limit, is not repairable.
 * FALSE when there is no answer yet: repair goes on. */
static gboolean
loader_answers (GBytes     *input,
                gboolean    parsed,
                VpcDesign **design,
                GBytes    **output,
                GError    **error)
{
  g_autoptr(GError) load_error = NULL;
  g_autoptr(VpcDesign) loaded = vpc_file_load_bytes (input, NULL, &load_error);

  if (loaded != NULL)
    {
      if (design != NULL)
        *design = g_steal_pointer (&loaded);
      *output = g_bytes_ref (input);
      return TRUE;
    }
  if (!parsed || !vpc_file_repair_applies (load_error))
    {
      g_propagate_error (error, g_steal_pointer (&load_error));
      return TRUE;
    }
  return FALSE;
}

/* Fixes what can be fixed in @r->root and writes it so that it loads;
 * @started is when the reading began. */
static GBytes *
repair_and_write (Repair     *r,
                  gint64      started,
                  VpcDesign **loaded,
                  GError    **error)
{
  GBytes *output;
  gint64 t[4];

  r->ids = g_hash_table_new (g_str_hash, g_str_equal);
  r->dropped_ids = g_hash_table_new (g_str_hash, g_str_equal);
  r->changes = g_ptr_array_new_with_free_func ((GDestroyNotify) _vpc_repair_change_free);
  r->added = g_ptr_array_new_with_free_func (g_free);
  t[0] = g_get_monotonic_time ();
  if (!_vpc_repair_fix_top_level (r, error) || !fix_elements (r, error))
    return NULL;
  t[1] = g_get_monotonic_time ();
  drop_duplicate_ids (r);
  check_references (r);
  _vpc_repair_finish_cidr_fix (r);
  t[2] = g_get_monotonic_time ();
  output = write_loadable (r, loaded, error);
  t[3] = g_get_monotonic_time ();
  /* G_MESSAGES_DEBUG=vpc-model shows where the time goes. */
  g_debug ("repair: reading %.1f ms, values %.1f ms, references %.1f ms, "
           "writing and the last load %.1f ms; %u changes",
           (t[0] - started) / 1000.0, (t[1] - t[0]) / 1000.0,
           (t[2] - t[1]) / 1000.0, (t[3] - t[2]) / 1000.0, r->changes->len);
  return output;
}

/* The changes in the order the user reads them; the notes of changes
 * without text stay out. */
static void
list_changes (Repair    *r,
              GPtrArray *changes)
{
  g_ptr_array_sort (r->changes, _vpc_repair_compare_changes);
  for (guint i = 0; changes != NULL && i < r->changes->len; i++)
    if (((Change *) g_ptr_array_index (r->changes, i))->text != NULL)
      g_ptr_array_add (changes, g_strdup (((Change *) g_ptr_array_index (r->changes, i))->text));
}

GBytes *
vpc_file_repair_bytes (GBytes     *input,
                       GPtrArray **changes,
                       VpcDesign **design,
                       GError    **error)
{
  g_autoptr(VpcDesign) loaded = NULL;
  g_autoptr(JsonParser) parser = NULL;
  g_autoptr(GBytes) output = NULL;
  Repair repair = { 0 };
  Repair *r = &repair;
  gint64 started;

  g_return_val_if_fail (input != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (changes != NULL)
    *changes = g_ptr_array_new_with_free_func (g_free);
  started = g_get_monotonic_time ();
  parser = json_parser_new ();
  r->root = parse_object (input, parser);
  /* A file to repair skips the loader: its answer is not needed. */
  if ((r->root == NULL || !needs_repair (r->root))
      && loader_answers (input, r->root != NULL, design, &output, error))
    return g_steal_pointer (&output);
  if (is_newer_version (r->root))
    {
      g_set_error_literal (error, VPC_FILE_ERROR, VPC_FILE_ERROR_FORMAT,
                           _("version: made by a newer version of VPC Designer; open it there "
                             "(repair does not change files of a newer format)"));
      return NULL;
    }

  output = repair_and_write (r, started, &loaded, error);
  if (output != NULL)
    {
      list_changes (r, changes != NULL ? *changes : NULL);
      if (design != NULL)
        {
          vpc_design_mark_unsaved (loaded);
          *design = g_steal_pointer (&loaded);
        }
    }
  repair_clear (r);
  return g_steal_pointer (&output);
}
