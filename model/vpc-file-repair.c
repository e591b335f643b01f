/* vpc-file-repair.c: `repair` (FORMAT.md §5).
 *
 * The loader stays the only judge of values: every element is read by it
 * alone, in a file of its own (where nothing it refers to exists, so once its
 * values pass only a reference error can stop it). A fault the loader names
 * is removed at the smallest node that holds it: an entry of a list (a rule
 * goes whole), a key that has a default, else the element. References are
 * resolved here over the whole file, so that what refers to a dropped element
 * is dropped too, as a delete cascades (FORMAT.md §5 "Deleting"). A last load
 * of the result proves it; whatever that load still names is dropped the
 * same way. Each change is one line, with places as in the ORIGINAL file.
 *
 * Time: each element is judged once when it is sound; a broken one is judged
 * once per fault in its keys, and its lists in windows of WINDOW entries, so
 * many faults in one long list stay linear.
 */
#include "vpc-file-repair.h"

#include <math.h>
#include <string.h>

#include "vpc-cidr.h"
#include "vpc-file-private.h"
#include "vpc-invariants.h"
#include "vpc-json-scan.h"
#include "vpc-json-write.h"

#define WINDOW           64
#define MAX_RUN          64
#define MAX_LAST_ROUNDS  64
#define QUOTE_MAX_CHARS  80
#define VALUE_MAX_CHARS  40
#define DEFAULT_REGION   "us-east-1"
#define DEFAULT_CIDR     "10.0.0.0/16"

/* One step of a place: a key, or an index when @name is NULL. */
typedef struct
{
  char *name;
  guint index;
} Step;

/* A list inside an element; entries are dropped by flag so that indexes
 * stay those of the file. */
typedef struct
{
  char      *key;
  JsonArray *array;
  guint8    *dropped;
  guint      n_dropped;
} List;

typedef struct
{
  VpcKind     kind;
  guint       index;   /* in the file's list */
  JsonObject *obj;     /* NULL when the entry is not an object */
  gboolean    dropped;
  GPtrArray  *lists;   /* List *, made when first needed */
} Item;

/* Changes are listed in file order: the top level, then element by
 * element; in an element its own keys, then its lists in the order of its
 * members, entry by entry. */
typedef struct
{
  guint order;         /* 0: the top level; 1 + kind for elements */
  guint index;         /* of the element */
  guint list;          /* 0: the element's own keys; 1 + the list's member position */
  guint entry;         /* in the list */
  guint seq;
  char *text;
} Change;

/* A required top-level value put in by repair; the VPC CIDR is known only
 * once the subnets are. */
typedef struct
{
  char    *place;
  char    *dropped;    /* the value it replaces, as text, or NULL when absent */
  char    *reason;
  gboolean whole_vpc;  /* the value is {"cidr": …} */
} CidrFix;

typedef struct
{
  JsonObject *root;
  GArray     *items[VPC_N_KINDS]; /* Item */
  GHashTable *ids;                /* id → Item *, kept elements */
  GHashTable *dropped_ids;        /* id → Item *, the first dropped one */
  GPtrArray  *changes;            /* Change * */
  GPtrArray  *added;              /* top-level keys repair put in, in order */
  CidrFix    *cidr_fix;
  GPtrArray  *kept[VPC_N_KINDS];  /* Item * in the order written */
  guint       seq;
} Repair;

/* Places */

static void
step_clear (Step *step)
{
  g_free (step->name);
}

static GArray *
steps_new (void)
{
  GArray *steps = g_array_new (FALSE, TRUE, sizeof (Step));

  g_array_set_clear_func (steps, (GDestroyNotify) step_clear);
  return steps;
}

static void
steps_clear (GArray *steps)
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

static void
steps_copy (GArray *to,
            GArray *from)
{
  steps_clear (to);
  for (guint i = 0; i < from->len; i++)
    {
      const Step *step = &g_array_index (from, Step, i);

      steps_add (to, step->name, step->name != NULL ? strlen (step->name) : 0, step->index);
    }
}

/* In range only; step_at() checks. */
#define STEP(steps, i) (&g_array_index ((steps), Step, (i)))

static const Step *
step_at (GArray *steps,
         guint   i)
{
  return i < steps->len ? &g_array_index (steps, Step, i) : NULL;
}

static gboolean
step_is (GArray     *steps,
         guint       i,
         const char *name)
{
  const Step *step = step_at (steps, i);

  return step != NULL && step->name != NULL && strcmp (step->name, name) == 0;
}

static gboolean
step_is_index (GArray *steps,
               guint   i)
{
  const Step *step = step_at (steps, i);

  return step != NULL && step->name == NULL;
}

/* Splits a loader message, "PLACE: WHAT" (vpc_invariants_set_error), into
 * the steps of PLACE and returns WHAT. A message without a place leaves
 * @steps empty and returns the whole text. */
static const char *
split_message (const char *message,
               GArray     *steps)
{
  const char *p = message;

  steps_clear (steps);
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
  steps_clear (steps);
  return message;
}

/* Steps @from to the end: "ingress[2].peer". */
static char *
render_place (GArray *steps,
              guint   from)
{
  GString *place = g_string_new (NULL);

  for (guint i = from; i < steps->len; i++)
    {
      const Step *step = step_at (steps, i);

      if (step->name == NULL)
        g_string_append_printf (place, "[%u]", step->index);
      else
        g_string_append_printf (place, "%s%s", place->len > 0 ? "." : "", step->name);
    }
  return g_string_free (place, FALSE);
}

/* TRUE when @steps are the first @length steps of @other. */
static gboolean
same_steps (GArray *steps,
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

static char *
quote (const char *value)
{
  GString *out = g_string_new (NULL);

  vpc_json_append_quoted_short (out, value, QUOTE_MAX_CHARS);
  return g_string_free (out, FALSE);
}

static const char *
article (const char *label)
{
  return strchr ("aeiou", label[0]) != NULL ? "an" : "a";
}

/* A scalar as JSON text, shortened for a message; NULL for a container. */
static char *
value_text (JsonNode *node)
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
static char *
describe_value (const char *key,
                JsonNode   *node)
{
  g_autofree char *text = value_text (node);

  if (g_strcmp0 (key, "layout") == 0)
    return g_strdup ("the layout");
  if (text == NULL)
    return g_strdup ("the value");
  return g_strconcat ("the value ", text, NULL);
}

/* What a list entry is: a rule, a reference or a service name. */
static char *
describe_entry (const char *key,
                JsonNode   *node)
{
  g_autofree char *quoted = NULL;

  if (JSON_NODE_HOLDS_OBJECT (node))
    return g_strdup ("the rule");
  if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
    return g_strdup ("the entry");
  quoted = quote (json_node_get_string (node));
  if (strcmp (key, "subnets") == 0 || strcmp (key, "security_groups") == 0)
    return g_strconcat ("the reference ", quoted, NULL);
  return g_strconcat ("the entry ", quoted, NULL);
}

static char *
describe_element (VpcKind kind)
{
  return g_strconcat ("the ", vpc_kind_to_label (kind), NULL);
}

static void
change_free (Change *change)
{
  g_free (change->text);
  g_free (change);
}

static void add_change (Repair     *r,
                        guint       order,
                        guint       index,
                        const char *format,
                        ...) G_GNUC_PRINTF (4, 5);

static void
add_change (Repair     *r,
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
static void
add_element_change (Repair     *r,
                    const Item *item,
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

  add_change (r, 1 + item->kind, item->index, "%s: dropped %s: %s", place, what, reason);
  change = g_ptr_array_index (r->changes, r->changes->len - 1);
  if (list == NULL || item->obj == NULL)
    return;
  json_object_iter_init_ordered (&iter, item->obj);
  while (json_object_iter_next_ordered (&iter, &name, NULL) && strcmp (name, list) != 0)
    position++;
  change->list = position;
  change->entry = entry;
}

static int
compare_changes (gconstpointer a,
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

/* The loader as judge */

static JsonNode *
object_node (JsonObject *object)
{
  JsonNode *node = json_node_alloc ();

  json_node_init_object (node, object);
  return node;
}

/* @value for another tree: objects are shared (their nodes are not). */
static JsonNode *
share (JsonNode *value)
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
static GError *
judge (JsonObject *root,
       GPtrArray  *warnings)
{
  g_autoptr(JsonObject) owned = root;
  g_autoptr(VpcDesign) design = vpc_design_new ();
  GError *error = NULL;

  if (_vpc_file_read_design (design, owned, warnings, &error))
    return NULL;
  if (g_error_matches (error, VPC_FILE_ERROR, VPC_FILE_ERROR_REFERENCE))
    g_clear_error (&error);
  return error;
}

/* The member at @steps[from..to) below @obj (keys only), or NULL. */
static JsonNode *
member_at (JsonObject *obj,
           GArray     *steps,
           guint       from,
           guint       to,
           JsonObject **parent)
{
  JsonNode *node = NULL;

  for (guint i = from; i < to; i++)
    {
      const Step *step = step_at (steps, i);

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

static gboolean
remove_at (JsonObject *obj,
           GArray     *steps,
           guint       from,
           guint       to)
{
  JsonObject *parent = NULL;

  if (to <= from || member_at (obj, steps, from, to, &parent) == NULL)
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
static List *
item_list (Item       *item,
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
  g_autofree char *what = describe_entry (list->key, json_array_get_element (list->array, index));

  if (list->dropped[index])
    return;
  list->dropped[index] = TRUE;
  list->n_dropped++;
  add_element_change (r, item, list->key, index, place, what, reason);
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
  g_autofree char *what = describe_element (item->kind);
  const char *id;

  if (item->dropped)
    return;
  item->dropped = TRUE;
  add_element_change (r, item, NULL, 0, place, what, reason);
  id = item->obj != NULL ? json_object_get_string_member_with_default (item->obj, "id", NULL) : NULL;
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
  g_autofree char *rest = render_place (steps, 2);

  return g_strdup_printf ("%s[%u]%s%s", vpc_kind_to_string (item->kind), item->index,
                          *rest != '\0' ? "." : "", rest);
}

/* TRUE when @steps name something inside the element of the file around it
 * ("KIND[0]…"). */
static gboolean
in_element (const Item *item,
            GArray     *steps)
{
  return step_is (steps, 0, vpc_kind_to_string (item->kind)) && step_is_index (steps, 1) &&
         step_at (steps, 1)->index == 0;
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
        json_object_set_member (view, name, share (value));
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
  return judge (file_around (item->kind, node), warnings);
}

/* Keys the loader reports as unknown or not applying ("…; ignored"): it
 * does not read them, so repair leaves them as they are. */
static GHashTable *
ignored_keys (const Item *item,
              GPtrArray  *warnings)
{
  GHashTable *keys = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GArray) steps = steps_new ();

  for (guint i = 0; i < warnings->len; i++)
    {
      split_message (g_ptr_array_index (warnings, i), steps);
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
  g_autoptr(GArray) pending = steps_new (); /* the key just dropped */
  g_autofree char *pending_place = NULL;
  g_autofree char *pending_what = NULL;
  g_autofree char *pending_reason = NULL;

  for (;;)
    {
      g_autoptr(GPtrArray) warnings = g_ptr_array_new_with_free_func (g_free);
      g_autoptr(GError) error = judge_view (item, element_view (item->obj, NULL, NULL, NULL), warnings);
      g_autoptr(GArray) steps = steps_new ();
      const char *reason = error != NULL ? split_message (error->message, steps) : NULL;
      JsonNode *node;

      if (pending_place != NULL)
        {
          guint up = pending->len - 1;

          if (error != NULL && same_steps (steps, pending, up))
            {
              if (up == 2)
                {
                  drop_item (r, item, pending_place, pending_reason);
                  return NULL;
                }
              /* Its container misses it: the container goes instead. */
              g_free (pending_what);
              pending_what = describe_value (STEP (pending, up - 1)->name,
                                             member_at (item->obj, pending, 2, up, NULL));
              remove_at (item->obj, pending, 2, up);
              g_array_set_size (pending, up);
              continue;
            }
          add_element_change (r, item, NULL, 0, pending_place, pending_what, pending_reason);
          g_clear_pointer (&pending_place, g_free);
        }
      if (error == NULL)
        return ignored_keys (item, warnings);

      node = in_element (item, steps) && steps->len > 2 && !step_is (steps, 2, "id")
             ? member_at (item->obj, steps, 2, steps->len, NULL) : NULL;
      if (node == NULL)
        {
          /* The element itself (a missing key, a bad id: references to it
           * then say it was dropped), or nothing that can go alone. */
          g_autofree char *place = item_place (item, steps);

          drop_item (r, item, place, reason);
          return NULL;
        }
      g_free (pending_what);
      pending_what = describe_value (STEP (steps, steps->len - 1)->name, node);
      g_free (pending_reason);
      pending_reason = g_strdup (reason);
      pending_place = item_place (item, steps);
      steps_copy (pending, steps);
      remove_at (item->obj, steps, 2, steps->len);
    }
}

/* A list entry given twice: the first one stays (FORMAT.md §3 refuses the
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
      quoted = quote (value);
      reason = g_strdup_printf ("%s is listed twice", quoted);
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
  List *list = item_list (item, key);
  guint next = 0;

  if (list == NULL)
    return TRUE;
  drop_repeats (r, item, list);
  while (next < list_length (list))
    {
      g_autoptr(JsonArray) window = json_array_new ();
      g_autoptr(GArray) indexes = g_array_new (FALSE, FALSE, sizeof (guint));
      g_autoptr(GArray) steps = steps_new ();
      g_autoptr(GError) error = NULL;
      g_autofree char *place = NULL;
      const char *reason;
      guint j;

      for (guint i = next; i < list_length (list) && indexes->len < WINDOW; i++)
        if (!list->dropped[i])
          {
            json_array_add_element (window, share (json_array_get_element (list->array, i)));
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
      reason = split_message (error->message, steps);
      if (!in_element (item, steps) || !step_is (steps, 2, key) || !step_is_index (steps, 3) ||
          step_at (steps, 3)->index >= indexes->len)
        {
          /* Not an entry's fault: the element cannot stay. */
          place = item_place (item, steps);
          drop_item (r, item, place, reason);
          return FALSE;
        }
      j = g_array_index (indexes, guint, step_at (steps, 3)->index);
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
  g_autoptr(GArray) steps = steps_new ();
  g_autoptr(GPtrArray) keys = NULL;
  JsonObjectIter iter;
  const char *name;
  JsonNode *value;

  error = judge (file_around (item->kind, share (node)), NULL);
  if (error == NULL)
    return;
  if (item->obj == NULL)
    {
      g_autofree char *place = NULL;
      const char *reason = split_message (error->message, steps);

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
      g_autoptr(GArray) steps = steps_new ();

      for (guint i = next; i < end; i++)
        json_array_add_element (list, share (json_array_get_element (array, i)));
      error = judge (file_with (kind, list), NULL);
      if (error == NULL)
        {
          next = end;
          run = MIN (run * 2, MAX_RUN);
          continue;
        }
      split_message (error->message, steps);
      if (step_is (steps, 0, vpc_kind_to_string (kind)) && step_is_index (steps, 1) &&
          STEP (steps, 1)->index < end - next)
        {
          /* The elements before it passed; those after it were not read. */
          guint j = next + STEP (steps, 1)->index;

          fix_element (r, &g_array_index (r->items[kind], Item, j), json_array_get_element (array, j));
          next = j + 1;
        }
      else
        {
          /* Not one element's fault: each is judged alone. */
          for (; next < end; next++)
            fix_element (r, &g_array_index (r->items[kind], Item, next), json_array_get_element (array, next));
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
        quoted = quote (id);
        reason = g_strdup_printf ("duplicate id %s (first used by %s[%u])", quoted,
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
  const char *target_label;
  g_autofree char *quoted = quote (id);

  if (target == NULL && gone != NULL && gone->kind == wanted)
    return g_strdup_printf ("%s %s was dropped", wanted_label, quoted);
  if (target == NULL)
    return g_strdup_printf ("no %s %s", wanted_label, quoted);
  if (target->kind == wanted)
    return NULL;
  target_label = vpc_kind_to_label (target->kind);
  return g_strdup_printf ("%s is %s %s, not %s %s", quoted, article (target_label), target_label,
                          article (wanted_label), wanted_label);
}

static const char *
string_member (JsonObject *obj,
               const char *key)
{
  JsonNode *node = json_object_get_member (obj, key);

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
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
  const char *id = string_member (item->obj, key);
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
  List *list = item->dropped ? NULL : item_list (item, key);

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
  List *list = item->dropped ? NULL : item_list (item, key);

  for (guint i = 0; list != NULL && i < list_length (list); i++)
    {
      JsonNode *node = json_array_get_element (list->array, i);
      const char *peer = JSON_NODE_HOLDS_OBJECT (node)
                         ? string_member (json_node_get_object (node), "peer") : NULL;
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
  const char *type = string_member (endpoint, "type");
  const char *service = string_member (endpoint, "service");
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
  List *list = item->dropped ? NULL : item_list (item, "subnets");

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
      az = subnet != NULL ? string_member (subnet->obj, "az") : NULL;
      if (az == NULL)
        continue;
      other = g_hash_table_lookup (by_az, az);
      if (other == NULL)
        {
          g_hash_table_insert (by_az, (gpointer) az, (gpointer) id);
          continue;
        }
      a = quote (other);
      b = quote (id);
      zone = quote (az);
      reason = g_strdup_printf ("%s and %s are both in availability zone %s; an interface "
                                "endpoint takes one subnet per AZ", a, b, zone);
      place = entry_place (item, "subnets", i, NULL);
      drop_entry (r, item, list, i, place, reason);
    }
}

/* In FORMAT.md's order, so that a dropped AZ takes its subnets and they
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

/* The top level */

static void
cidr_fix_free (CidrFix *fix)
{
  g_free (fix->place);
  g_free (fix->dropped);
  g_free (fix->reason);
  g_free (fix);
}

/* The value a required top-level key gets when it is missing or wrong. */
static JsonNode *
default_value (const char *key)
{
  JsonNode *node = json_node_alloc ();

  if (strcmp (key, "format") == 0)
    json_node_init_string (node, VPC_FILE_FORMAT_NAME);
  else if (strcmp (key, "version") == 0)
    json_node_init_int (node, VPC_FILE_FORMAT_VERSION);
  else if (strcmp (key, "region") == 0)
    json_node_init_string (node, DEFAULT_REGION);
  else if (strcmp (key, "cidr") == 0)
    json_node_init_string (node, DEFAULT_CIDR);
  else
    {
      JsonObject *vpc = json_object_new ();

      json_object_set_string_member (vpc, "cidr", DEFAULT_CIDR);
      json_node_init_object (node, vpc);
      json_object_unref (vpc);
    }
  return node;
}

static gboolean
is_required (const char *key)
{
  return g_strv_contains ((const char *const[]) { "format", "version", "region", "vpc", NULL }, key);
}

static gboolean
is_list_key (const char *key)
{
  for (guint k = 0; k < VPC_N_KINDS; k++)
    if (strcmp (key, vpc_kind_to_string (k)) == 0)
      return TRUE;
  return FALSE;
}

/* "missing required key \"region\"" → "region". */
static char *
missing_key (const char *reason)
{
  const char *prefix = "missing required key \"";
  const char *end;

  if (!g_str_has_prefix (reason, prefix))
    return NULL;
  end = strchr (reason + strlen (prefix), '"');
  return end != NULL ? g_strndup (reason + strlen (prefix), end - reason - strlen (prefix)) : NULL;
}

/* "region: added \"us-east-1\": …" or "region: dropped the value \"US\"
 * (now \"us-east-1\"): …"; @old NULL when the key was missing, "" when it
 * was not a plain value. */
static void
add_default_change (Repair     *r,
                    const char *place,
                    const char *old,
                    const char *now,
                    const char *reason)
{
  if (old == NULL)
    add_change (r, 0, 0, "%s: added %s: %s", place, now, reason);
  else
    add_change (r, 0, 0, "%s: dropped the value%s%s (now %s): %s", place, *old != '\0' ? " " : "",
                old, now, reason);
}

static JsonNode *
empty_array_node (void)
{
  g_autoptr(JsonArray) array = json_array_new ();

  return json_node_init_array (json_node_alloc (), array);
}

/* The top level as the loader should see it: the six lists empty. */
static JsonObject *
top_level_view (Repair *r)
{
  JsonObject *view = json_object_new ();
  JsonObjectIter iter;
  const char *name;
  JsonNode *value;

  json_object_iter_init_ordered (&iter, r->root);
  while (json_object_iter_next_ordered (&iter, &name, &value))
    json_object_set_member (view, name, is_list_key (name) && JSON_NODE_HOLDS_ARRAY (value)
                                        ? empty_array_node () : share (value));
  return view;
}

/* A fault repair answers with a default: a required top-level value
 * (format, version, region, vpc, vpc.cidr) missing or wrong. Sets where it
 * goes: the object, the key and the place for the message. */
static gboolean
required_fault (Repair      *r,
                GArray      *steps,
                const char  *reason,
                JsonObject **parent,
                char       **key,
                char       **place)
{
  g_autofree char *missing = missing_key (reason);
  JsonNode *vpc = json_object_get_member (r->root, "vpc");
  gboolean vpc_object = vpc != NULL && JSON_NODE_HOLDS_OBJECT (vpc);
  const char *first = steps->len > 0 ? step_at (steps, 0)->name : NULL;

  *parent = r->root;
  if (steps->len == 0 && missing != NULL && is_required (missing))
    *key = g_steal_pointer (&missing);
  else if (steps->len == 1 && vpc_object && step_is (steps, 0, "vpc") && g_strcmp0 (missing, "cidr") == 0)
    *key = g_strdup ("cidr");
  else if (steps->len == 1 && first != NULL && is_required (first) && !(vpc_object && step_is (steps, 0, "vpc")))
    *key = g_strdup (first);
  else if (steps->len == 2 && vpc_object && step_is (steps, 0, "vpc") && step_is (steps, 1, "cidr"))
    *key = g_strdup ("cidr");
  else
    return FALSE;
  if (strcmp (*key, "cidr") == 0)
    *parent = json_node_get_object (vpc);
  *place = g_strdup (*parent == r->root ? *key : "vpc.cidr");
  return TRUE;
}

/* Puts in the default for a required top-level value that is missing or
 * wrong. */
static void
set_required (Repair     *r,
              JsonObject *parent,
              const char *key,
              const char *place,
              const char *reason)
{
  JsonNode *old = json_object_get_member (parent, key);
  g_autofree char *old_text = old != NULL ? value_text (old) : NULL;
  g_autofree char *text = NULL;

  if (old != NULL && old_text == NULL)
    old_text = g_strdup ("");
  if (old == NULL && parent == r->root)
    g_ptr_array_add (r->added, g_strdup (key));
  json_object_set_member (parent, key, default_value (key));
  if (strcmp (key, "cidr") == 0 || strcmp (key, "vpc") == 0)
    {
      /* Said once the subnets are known: the CIDR is chosen to hold them. */
      g_clear_pointer (&r->cidr_fix, cidr_fix_free);
      r->cidr_fix = g_new0 (CidrFix, 1);
      r->cidr_fix->place = g_strdup (place);
      r->cidr_fix->dropped = g_steal_pointer (&old_text);
      r->cidr_fix->reason = g_strdup (reason);
      r->cidr_fix->whole_vpc = strcmp (key, "vpc") == 0;
      return;
    }
  text = value_text (json_object_get_member (parent, key));
  add_default_change (r, place, old_text, text, reason);
}

/* Reads the top level, with empty lists, until the loader accepts it. */
static gboolean
fix_top_level (Repair  *r,
               GError **error)
{
  g_autoptr(GArray) pending = steps_new (); /* the key just dropped */
  g_autofree char *pending_place = NULL;
  g_autofree char *pending_what = NULL;
  g_autofree char *pending_reason = NULL;

  /* Each round drops or sets one of the few keys the loader reads here. */
  for (guint round = 0; round < 64; round++)
    {
      g_autoptr(GError) fault = judge (top_level_view (r), NULL);
      g_autoptr(GArray) steps = steps_new ();
      const char *reason = fault != NULL ? split_message (fault->message, steps) : NULL;
      g_autofree char *key = NULL;
      g_autofree char *place = NULL;
      JsonObject *parent = NULL;
      gboolean required = fault != NULL && required_fault (r, steps, reason, &parent, &key, &place);
      JsonNode *node;

      if (pending_place != NULL)
        {
          guint up = pending->len - 1;

          if (fault != NULL && !required && up > 0 && same_steps (steps, pending, up))
            {
              /* Its container misses it ("x" of a layout): the container goes. */
              g_free (pending_what);
              pending_what = describe_value (STEP (pending, up - 1)->name,
                                             member_at (r->root, pending, 0, up, NULL));
              remove_at (r->root, pending, 0, up);
              g_array_set_size (pending, up);
              continue;
            }
          add_change (r, 0, 0, "%s: dropped %s: %s", pending_place, pending_what, pending_reason);
          g_clear_pointer (&pending_place, g_free);
        }
      if (fault == NULL)
        return TRUE;
      if (required)
        {
          set_required (r, parent, key, place, reason);
          continue;
        }
      g_free (place);
      place = render_place (steps, 0);
      node = steps->len > 0 ? member_at (r->root, steps, 0, steps->len, NULL) : NULL;
      if (node == NULL && steps->len > 1 && !step_is_index (steps, 0) &&
          !is_required (STEP (steps, 0)->name))
        {
          /* Inside a list of an optional key that repair does not take
           * apart: the key goes whole. */
          g_array_set_size (steps, 1);
          node = member_at (r->root, steps, 0, 1, NULL);
        }
      if (node == NULL)
        {
          g_set_error_literal (error, VPC_FILE_ERROR, fault->code, fault->message);
          return FALSE;
        }
      /* A key with a default (environment, vpc.layout.w, a list that is not
       * an array): it goes. */
      g_free (pending_what);
      pending_what = describe_value (STEP (steps, steps->len - 1)->name, node);
      g_free (pending_reason);
      pending_reason = g_strdup (reason);
      pending_place = g_steal_pointer (&place);
      steps_copy (pending, steps);
      remove_at (r->root, steps, 0, steps->len);
    }
  g_set_error_literal (error, VPC_FILE_ERROR, VPC_FILE_ERROR_INVALID,
                       "the top level of the design cannot be repaired");
  return FALSE;
}

/* The VPC CIDR repair puts in: 10.0.0.0/16 when it holds every subnet, else
 * the smallest block that does, at least a /16 as AWS VPCs are. */
static char *
vpc_cidr_for_subnets (Repair *r)
{
  VpcCidr fallback, cover = { 0, 0 };
  gboolean any = FALSE, inside = TRUE;

  vpc_cidr_parse (DEFAULT_CIDR, &fallback, NULL);
  for (guint i = 0; i < r->items[VPC_KIND_SUBNET]->len; i++)
    {
      const Item *item = &g_array_index (r->items[VPC_KIND_SUBNET], Item, i);
      const char *text = item->dropped ? NULL : string_member (item->obj, "cidr");
      VpcCidr cidr;

      if (text == NULL || !vpc_cidr_parse (text, &cidr, NULL))
        continue;
      inside = inside && vpc_cidr_contains (&fallback, &cidr);
      if (!any)
        cover = cidr;
      while (cover.prefix > 0 && !vpc_cidr_contains (&cover, &cidr))
        {
          cover.prefix--;
          cover.address &= cover.prefix == 0 ? 0 : ~(guint32) 0 << (32 - cover.prefix);
        }
      any = TRUE;
    }
  if (!any || inside)
    return g_strdup (DEFAULT_CIDR);
  if (cover.prefix > 16)
    {
      cover.prefix = 16;
      cover.address &= 0xffff0000u;
    }
  return vpc_cidr_to_string (&cover);
}

static void
finish_cidr_fix (Repair *r)
{
  CidrFix *fix = r->cidr_fix;
  g_autofree char *cidr = NULL;
  g_autofree char *value = NULL;
  g_autofree char *quoted = NULL;
  JsonObject *vpc;

  if (fix == NULL)
    return;
  cidr = vpc_cidr_for_subnets (r);
  vpc = json_object_get_object_member (r->root, "vpc");
  json_object_set_string_member (vpc, "cidr", cidr);
  quoted = quote (cidr);
  value = fix->whole_vpc ? g_strdup_printf ("{\"cidr\": %s}", quoted) : g_strdup (quoted);
  add_default_change (r, fix->place, fix->dropped, value, fix->reason);
  g_clear_pointer (&r->cidr_fix, cidr_fix_free);
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
      List *list = item != NULL && JSON_NODE_HOLDS_ARRAY (value) ? item_list (item, name) : NULL;

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
static GBytes *
write_file (Repair  *r,
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

/* The last load */

/* Drops what the loader still names in the written file (its indexes are
 * those of the written lists). FALSE when it names nothing repair can drop. */
static gboolean
drop_named (Repair       *r,
            const GError *fault)
{
  g_autoptr(GArray) steps = steps_new ();
  const char *reason = split_message (fault->message, steps);
  g_autofree char *place = NULL;
  Item *item = NULL;
  List *list;

  for (guint k = 0; k < VPC_N_KINDS && step_is_index (steps, 1); k++)
    if (step_is (steps, 0, vpc_kind_to_string (k)) && STEP (steps, 1)->index < r->kept[k]->len)
      item = g_ptr_array_index (r->kept[k], STEP (steps, 1)->index);
  if (item == NULL)
    return FALSE;
  g_array_index (steps, Step, 1).index = item->index;
  list = step_at (steps, 2) != NULL && step_at (steps, 2)->name != NULL && step_is_index (steps, 3)
         ? item_list (item, step_at (steps, 2)->name) : NULL;
  if (list != NULL)
    {
      guint written = STEP (steps, 3)->index;

      for (guint i = 0; i < list_length (list); i++)
        if (!list->dropped[i] && written-- == 0)
          {
            g_array_index (steps, Step, 3).index = i;
            place = render_place (steps, steps->len);
            drop_entry (r, item, list, i, place, reason);
            return TRUE;
          }
    }
  place = render_place (steps, steps->len);
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
      g_autoptr(GBytes) text = write_file (r, TRUE);
      g_autoptr(GError) fault = NULL;
      g_autoptr(VpcDesign) loaded = NULL;

      /* Indenting a minified file can cross the size limit; without it
       * the text is no longer than the input's. */
      if (g_bytes_get_size (text) > VPC_FILE_MAX_BYTES)
        {
          g_bytes_unref (text);
          text = write_file (r, FALSE);
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
          g_set_error (error, VPC_FILE_ERROR, fault->code, "cannot be repaired: %s", fault->message);
          return NULL;
        }
      check_references (r);
    }
  g_set_error_literal (error, VPC_FILE_ERROR, VPC_FILE_ERROR_INVALID,
                       "cannot be repaired: too many faults remain");
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

/* Unsaved, with nothing to undo: one step that ends where it began, then
 * the history is forgotten (which keeps "modified"). */
static void
mark_unsaved (VpcDesign *design)
{
  VpcDesignInfo *same = vpc_design_info_copy (vpc_design_get_info (design));
  VpcDesignInfo *other = vpc_design_info_copy (same);

  g_free (other->name);
  other->name = g_strconcat (same->name != NULL ? same->name : "", " (repaired)", NULL);
  vpc_design_begin (design, "Repair");
  vpc_design_set_info (design, other);
  vpc_design_set_info (design, same);
  vpc_design_commit (design);
  vpc_design_clear_history (design);
}

/* A design file newer than this one: repair must not guess at it. */
static gboolean
is_newer_version (JsonObject *root)
{
  JsonNode *node = json_object_get_member (root, "version");
  double version;

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) ||
      (json_node_get_value_type (node) != G_TYPE_INT64 && json_node_get_value_type (node) != G_TYPE_DOUBLE))
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
        g_clear_pointer (&g_array_index (r->items[k], Item, i).lists, g_ptr_array_unref);
      g_clear_pointer (&r->items[k], g_array_unref);
      g_clear_pointer (&r->kept[k], g_ptr_array_unref);
    }
  g_clear_pointer (&r->ids, g_hash_table_unref);
  g_clear_pointer (&r->dropped_ids, g_hash_table_unref);
  g_clear_pointer (&r->changes, g_ptr_array_unref);
  g_clear_pointer (&r->added, g_ptr_array_unref);
  g_clear_pointer (&r->cidr_fix, cidr_fix_free);
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
      JsonArray *array = node != NULL && JSON_NODE_HOLDS_ARRAY (node) ? json_node_get_array (node) : NULL;

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
      g_set_error (error, VPC_FILE_ERROR, VPC_FILE_ERROR_TOO_LARGE,
                   "the design has %" G_GUINT64_FORMAT " elements; the limit is %d",
                   total, VPC_FILE_MAX_ELEMENTS);
      return FALSE;
    }
  for (guint k = 0; k < VPC_N_KINDS; k++)
    if (r->items[k]->len > 0)
      fix_kind (r, k, json_object_get_array_member (r->root, vpc_kind_to_string (k)));
  return TRUE;
}

GBytes *
vpc_file_repair_bytes (GBytes     *input,
                       GPtrArray **changes,
                       VpcDesign **design,
                       GError    **error)
{
  g_autoptr(VpcDesign) loaded = NULL;
  g_autoptr(GError) load_error = NULL;
  g_autoptr(JsonParser) parser = NULL;
  g_autoptr(GBytes) output = NULL;
  Repair repair = { 0 };
  Repair *r = &repair;
  const char *data;
  gsize length, start = 0;
  JsonNode *root = NULL;
  gint64 t[6] = { 0 };

  g_return_val_if_fail (input != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (changes != NULL)
    *changes = g_ptr_array_new_with_free_func (g_free);
  t[0] = g_get_monotonic_time ();
  data = g_bytes_get_data (input, &length);
  parser = json_parser_new ();
  if (vpc_json_scan (data, length, &start, NULL) &&
      json_parser_load_from_data (parser, data + start, (gssize) (length - start), NULL))
    root = json_parser_get_root (parser);
  if (root != NULL && JSON_NODE_HOLDS_OBJECT (root))
    {
      g_autoptr(VpcDesign) scratch = vpc_design_new ();

      r->root = json_node_get_object (root);
      if (!_vpc_file_read_design (scratch, r->root, NULL, &load_error) &&
          vpc_file_repair_applies (load_error))
        root = NULL; /* to repair; the loader's own answer is not needed */
    }
  if (root != NULL || r->root == NULL)
    {
      /* The loader's own answer: a file it loads comes back as it is, and
       * text it cannot parse, or over a limit, is not repairable. */
      g_clear_error (&load_error);
      loaded = vpc_file_load_bytes (input, NULL, &load_error);
      if (loaded != NULL)
        {
          if (design != NULL)
            *design = g_steal_pointer (&loaded);
          return g_bytes_ref (input);
        }
      if (r->root == NULL || !vpc_file_repair_applies (load_error))
        {
          g_propagate_error (error, g_steal_pointer (&load_error));
          return NULL;
        }
    }
  if (is_newer_version (r->root))
    {
      g_set_error_literal (error, VPC_FILE_ERROR, VPC_FILE_ERROR_FORMAT,
                           "version: made by a newer version of VPC Designer; open it there "
                           "(repair does not change files of a newer format)");
      return NULL;
    }

  r->ids = g_hash_table_new (g_str_hash, g_str_equal);
  r->dropped_ids = g_hash_table_new (g_str_hash, g_str_equal);
  r->changes = g_ptr_array_new_with_free_func ((GDestroyNotify) change_free);
  r->added = g_ptr_array_new_with_free_func (g_free);
  t[2] = g_get_monotonic_time ();
  if (fix_top_level (r, error) && fix_elements (r, error))
    {
      t[3] = g_get_monotonic_time ();
      drop_duplicate_ids (r);
      check_references (r);
      finish_cidr_fix (r);
      t[4] = g_get_monotonic_time ();
      output = write_loadable (r, &loaded, error);
      t[5] = g_get_monotonic_time ();
      /* G_MESSAGES_DEBUG=vpc-model shows where the time goes. */
      g_debug ("repair: reading %.1f ms, values %.1f ms, references %.1f ms, "
               "writing and the last load %.1f ms; %u changes",
               (t[2] - t[0]) / 1000.0, (t[3] - t[2]) / 1000.0,
               (t[4] - t[3]) / 1000.0, (t[5] - t[4]) / 1000.0, r->changes->len);
    }
  if (output != NULL)
    {
      g_ptr_array_sort (r->changes, compare_changes);
      for (guint i = 0; changes != NULL && i < r->changes->len; i++)
        g_ptr_array_add (*changes, g_strdup (((Change *) g_ptr_array_index (r->changes, i))->text));
      if (design != NULL)
        {
          mark_unsaved (loaded);
          *design = g_steal_pointer (&loaded);
        }
    }
  repair_clear (r);
  return g_steal_pointer (&output);
}
