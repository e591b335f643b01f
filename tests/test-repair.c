/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-repair.c: `repair` (format.md §5), in the model and as a command.
 *
 * Every file under tests/data (and every example) goes through repair. A
 * file that loads comes back byte for byte. One that does not comes back
 * as a file that loads, judged against the changes repair reports:
 *   - every element no line names is kept exactly as it was;
 *   - every change was needed: putting back any one dropped node (or taking
 *     out any one value repair put in) makes the file fail to load again.
 * The hand-written cases in tests/data/repair also have golden stderr.
 */
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <math.h>
#include <string.h>

#include "cli-test-utils.h"
#include "vpc-file-repair.h"
#include "vpc-json-scan.h"
#include "vpc-json-write.h"

static GBytes *
read_bytes (const char *path)
{
  g_autoptr(GError) error = NULL;
  char *data = NULL;
  gsize length = 0;

  g_file_get_contents (path, &data, &length, &error);
  g_assert_no_error (error);
  return g_bytes_new_take (data, length);
}

/* A mutable tree of a text the loader's scanner accepts. */
static JsonNode *
parse (GBytes *bytes)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  gsize length, start = 0;
  const char *data = g_bytes_get_data (bytes, &length);

  g_assert_true (vpc_json_scan (data, length, &start, NULL));
  json_parser_load_from_data (parser, data + start, (gssize) (length - start), &error);
  g_assert_no_error (error);
  return json_node_copy (json_parser_get_root (parser));
}

/* JSON text of a tree (json-glib 1.6's generator writes some doubles as
 * invalid JSON). */
static void
write_node (GString  *out,
            JsonNode *node)
{
  if (JSON_NODE_HOLDS_OBJECT (node))
    {
      JsonObjectIter iter;
      const char *name;
      JsonNode *value;
      gboolean first = TRUE;

      g_string_append_c (out, '{');
      json_object_iter_init_ordered (&iter, json_node_get_object (node));
      while (json_object_iter_next_ordered (&iter, &name, &value))
        {
          g_string_append (out, first ? "" : ",");
          vpc_json_append_string (out, name);
          g_string_append_c (out, ':');
          write_node (out, value);
          first = FALSE;
        }
      g_string_append_c (out, '}');
    }
  else if (JSON_NODE_HOLDS_ARRAY (node))
    {
      JsonArray *array = json_node_get_array (node);

      g_string_append_c (out, '[');
      for (guint i = 0; i < json_array_get_length (array); i++)
        {
          g_string_append (out, i > 0 ? "," : "");
          write_node (out, json_array_get_element (array, i));
        }
      g_string_append_c (out, ']');
    }
  else if (JSON_NODE_HOLDS_NULL (node))
    g_string_append (out, "null");
  else if (json_node_get_value_type (node) == G_TYPE_STRING)
    vpc_json_append_string (out, json_node_get_string (node));
  else if (json_node_get_value_type (node) == G_TYPE_BOOLEAN)
    g_string_append (out, json_node_get_boolean (node) ? "true" : "false");
  else if (json_node_get_value_type (node) == G_TYPE_INT64)
    g_string_append_printf (out, "%" G_GINT64_FORMAT, json_node_get_int (node));
  else if (!isfinite (json_node_get_double (node)))
    g_string_append (out, json_node_get_double (node) > 0 ? "1e999" : "-1e999"); /* as read */
  else
    vpc_json_append_number (out, json_node_get_double (node));
}

/* The loader refuses @root for its content, not its syntax. */
static void
assert_refused (JsonNode   *root,
                const char *line)
{
  g_autoptr(GString) text = g_string_new (NULL);
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(VpcDesign) design = NULL;

  write_node (text, root);
  bytes = g_string_free_to_bytes (g_steal_pointer (&text));
  design = vpc_file_load_bytes (bytes, NULL, &error);
  if (design != NULL)
    g_error ("the change was not needed: %s", line);
  g_assert_true (vpc_file_repair_applies (error));
}

/* Changes, read back */

static const char *const labels[] = {
  "availability zone", "subnet", "security group", "endpoint", "NAT gateway", "workload", NULL,
};

typedef enum {
  CHANGE_ELEMENT,  /* an element went */
  CHANGE_ENTRY,    /* an entry of an element's list went */
  CHANGE_KEY,      /* a key of an element went */
  CHANGE_TOP,      /* a top-level value went or was put in */
} ChangeType;

typedef struct
{
  ChangeType type;
  char      *kind;   /* the list: "subnets" */
  guint      index;
  char      *list;   /* CHANGE_ENTRY */
  guint      entry;
  char     **path;   /* CHANGE_KEY: keys below the element; CHANGE_TOP: below the root */
  char      *line;
} Change;

static void
change_free (Change *c)
{
  g_free (c->kind);
  g_free (c->list);
  g_strfreev (c->path);
  g_free (c->line);
  g_free (c);
}

/* "layout.x" → {"layout", "x"}; with @layout, a path that ends at the
 * layout, which went whole ("subnets[0].layout.x: dropped the layout"). */
static char **
split_path (const char *place,
            gboolean    layout)
{
  g_auto(GStrv) parts = g_strsplit (place, ".", -1);
  GStrvBuilder *path = g_strv_builder_new ();
  GStrv result;

  for (guint i = 0; parts[i] != NULL; i++)
    {
      g_strv_builder_add (path, parts[i]);
      if (layout && strcmp (parts[i], "layout") == 0)
        break;
    }
  result = g_strv_builder_end (path);
  g_strv_builder_unref (path);
  return result;
}

/* "subnets[2].az: dropped the subnet: …" and its kin (README "repair"). */
static Change *
parse_change (const char *line)
{
  g_autoptr (GRegex) element
      = g_regex_new ("^([a-z_]+)\\[(\\d+)\\]((?:\\.[a-z_]+(?:\\[\\d+\\])?)*): "
                     "(dropped|added) (the [a-zA-Z ]+)?",
                     0, 0, NULL);
  g_autoptr (GRegex) top = g_regex_new (
      "^([a-z_]+(?:\\.[a-z_]+)*): (dropped the (value|layout)\\b|added\\b)", 0, 0, NULL);
  g_autoptr(GRegex) entry = g_regex_new ("^\\.([a-z_]+)\\[(\\d+)\\]", 0, 0, NULL);
  g_autoptr(GMatchInfo) match = NULL;
  Change *c = g_new0 (Change, 1);

  c->line = g_strdup (line);
  if (g_regex_match (element, line, 0, &match))
    {
      g_autofree char *rest = g_match_info_fetch (match, 3);
      g_autofree char *what = g_match_info_fetch (match, 5);
      g_autofree char *index = g_match_info_fetch (match, 2);
      g_autoptr(GMatchInfo) entry_match = NULL;

      c->kind = g_match_info_fetch (match, 1);
      c->index = (guint) g_ascii_strtoull (index, NULL, 10);
      c->type = CHANGE_ELEMENT;
      for (guint i = 0; labels[i] != NULL; i++)
        if (g_str_has_prefix (what, "the ") && strcmp (what + 4, labels[i]) == 0)
          return c;
      if (g_regex_match (entry, rest, 0, &entry_match))
        {
          g_autofree char *j = g_match_info_fetch (entry_match, 2);

          c->type = CHANGE_ENTRY;
          c->list = g_match_info_fetch (entry_match, 1);
          c->entry = (guint) g_ascii_strtoull (j, NULL, 10);
          return c;
        }
      c->type = CHANGE_KEY;
      g_assert_true (rest[0] == '.');
      c->path = split_path (rest + 1, g_str_has_prefix (what, "the layout"));
      return c;
    }
  g_clear_pointer (&match, g_match_info_unref);
  if (g_regex_match (top, line, 0, &match))
    {
      g_autofree char *place = g_match_info_fetch (match, 1);
      g_autofree char *what = g_match_info_fetch (match, 3);

      c->type = CHANGE_TOP;
      c->path = split_path (place, g_strcmp0 (what, "layout") == 0);
      return c;
    }
  g_error ("not a change line: %s", line);
  return NULL;
}

static JsonArray *
list_of (JsonNode   *root,
         const char *kind)
{
  JsonObject *obj = json_node_get_object (root);

  if (!json_object_has_member (obj, kind) ||
      !JSON_NODE_HOLDS_ARRAY (json_object_get_member (obj, kind)))
    json_object_set_array_member (obj, kind, json_array_new ());
  return json_object_get_array_member (obj, kind);
}

/* Inserts @node (taken) at @position: JsonArray 1.6 only appends. */
static void
insert_at (JsonArray *array,
           guint      position,
           JsonNode  *node)
{
  g_autoptr(GPtrArray) rest = g_ptr_array_new_with_free_func ((GDestroyNotify) json_node_unref);

  while (json_array_get_length (array) > position)
    {
      guint last = json_array_get_length (array) - 1;

      g_ptr_array_insert (rest, 0, json_node_copy (json_array_get_element (array, last)));
      json_array_remove_element (array, last);
    }
  json_array_add_element (array, node);
  for (guint i = 0; i < rest->len; i++)
    json_array_add_element (array, json_node_copy (rest->pdata[i]));
}

typedef struct
{
  JsonNode  *input;
  JsonNode  *output;
  GPtrArray *changes; /* Change * */
} Judge;

/* The change of @type about element @index of @kind (and, for an entry,
 * entry @entry of its list @list), if any. With CHANGE_TOP, any change
 * about the element. */
static Change *
find_change (Judge      *j,
             ChangeType  type,
             const char *kind,
             guint       index,
             const char *list,
             guint       entry)
{
  for (guint i = 0; i < j->changes->len; i++)
    {
      Change *c = j->changes->pdata[i];

      if (c->type == CHANGE_TOP || strcmp (c->kind, kind) != 0 || c->index != index)
        continue;
      if (type == CHANGE_TOP
          || (c->type == type
              && (type != CHANGE_ENTRY || (strcmp (c->list, list) == 0 && c->entry == entry))))
        return c;
    }
  return NULL;
}

static gboolean
element_dropped (Judge      *j,
                 const char *kind,
                 guint       index)
{
  return find_change (j, CHANGE_ELEMENT, kind, index, NULL, 0) != NULL;
}

/* Where input element @index of @kind is in the output. */
static guint
kept_position (Judge      *j,
               const char *kind,
               guint       index)
{
  guint position = 0;

  for (guint i = 0; i < index; i++)
    position += !element_dropped (j, kind, i);
  return position;
}

static JsonObject *
input_element (Judge      *j,
               const char *kind,
               guint       index)
{
  JsonArray *list = json_object_get_array_member (json_node_get_object (j->input), kind);

  g_assert_cmpuint (index, <, json_array_get_length (list));
  return json_array_get_object_element (list, index);
}

/* Sets (or, when @from lacks it, removes) @path in @to as it is in @from. */
static void
restore_path (JsonObject *to,
              JsonObject *from,
              char      **path)
{
  guint n = g_strv_length (path);
  JsonNode *value;

  for (guint i = 0; i + 1 < n; i++)
    {
      to = json_object_get_object_member (to, path[i]);
      from = json_object_get_object_member (from, path[i]);
    }
  value = json_object_get_member (from, path[n - 1]);
  if (value != NULL)
    json_object_set_member (to, path[n - 1], json_node_copy (value));
  else
    json_object_remove_member (to, path[n - 1]);
}

/* The output with the one change @c undone. */
static JsonNode *
undo_change (Judge  *j,
             Change *c)
{
  JsonNode *root = json_node_copy (j->output);
  JsonObject *out = NULL;

  if (c->type != CHANGE_TOP)
    {
      JsonArray *list = list_of (root, c->kind);
      guint position = kept_position (j, c->kind, c->index);

      if (c->type == CHANGE_ELEMENT)
        {
          JsonArray *in = json_object_get_array_member (json_node_get_object (j->input), c->kind);

          insert_at (list, position, json_node_copy (json_array_get_element (in, c->index)));
          return root;
        }
      out = json_array_get_object_element (list, position);
    }
  switch (c->type)
    {
    case CHANGE_ENTRY:
      {
        JsonArray *from
            = json_object_get_array_member (input_element (j, c->kind, c->index), c->list);
        JsonArray *to;
        guint position = 0;

        if (!json_object_has_member (out, c->list))
          json_object_set_array_member (out, c->list, json_array_new ());
        to = json_object_get_array_member (out, c->list);
        for (guint i = 0; i < c->entry; i++)
          position += find_change (j, CHANGE_ENTRY, c->kind, c->index, c->list, i) == NULL;
        insert_at (to, position, json_node_copy (json_array_get_element (from, c->entry)));
        break;
      }
    case CHANGE_KEY:
      restore_path (out, input_element (j, c->kind, c->index), c->path);
      break;
    case CHANGE_TOP:
      restore_path (json_node_get_object (root), json_node_get_object (j->input), c->path);
      break;
    case CHANGE_ELEMENT:
    default:
      g_assert_not_reached ();
    }
  return root;
}

/* The repaired file loads, keeps what no change names exactly, and needs
 * every change it reports. */
static void
judge_repair (GBytes    *input,
              GBytes    *output,
              GPtrArray *lines)
{
  g_autoptr(GPtrArray) changes = g_ptr_array_new_with_free_func ((GDestroyNotify) change_free);
  g_autoptr(JsonNode) in = parse (input);
  g_autoptr(JsonNode) out = parse (output);
  g_autoptr(GError) error = NULL;
  g_autoptr(VpcDesign) design = vpc_file_load_bytes (output, NULL, &error);
  Judge j = { in, out, changes };

  g_assert_no_error (error);
  g_assert_nonnull (design);
  g_assert_cmpuint (lines->len, >, 0);
  for (guint i = 0; i < lines->len; i++)
    g_ptr_array_add (changes, parse_change (lines->pdata[i]));

  for (guint k = 0; k < VPC_N_KINDS && JSON_NODE_HOLDS_OBJECT (in); k++)
    {
      const char *kind = vpc_kind_to_string (k);
      JsonNode *node = json_object_get_member (json_node_get_object (in), kind);
      JsonArray  *from
          = node != NULL && JSON_NODE_HOLDS_ARRAY (node) ? json_node_get_array (node) : NULL;
      JsonNode *out_node = json_object_get_member (json_node_get_object (out), kind);
      guint kept = 0;

      for (guint i = 0; from != NULL && i < json_array_get_length (from); i++)
        {
          JsonNode *element = json_array_get_element (from, i);
          JsonNode *copy;

          if (element_dropped (&j, kind, i))
            continue;
          g_assert_nonnull (out_node);
          copy = json_array_get_element (json_node_get_array (out_node), kept++);
          if (find_change (&j, CHANGE_TOP, kind, i, NULL, 0) == NULL)
            g_assert_true (json_node_equal (element, copy));
          else
            g_assert_cmpstr (json_object_get_string_member (json_node_get_object (element), "id"),
                             ==, json_object_get_string_member (json_node_get_object (copy), "id"));
        }
      g_assert_cmpuint (
          out_node != NULL ? json_array_get_length (json_node_get_array (out_node)) : 0, ==, kept);
    }

  for (guint i = 0; i < changes->len; i++)
    {
      Change *c = changes->pdata[i];
      g_autoptr(JsonNode) undone = undo_change (&j, c);

      assert_refused (undone, c->line);
    }
}

static char *
joined (GPtrArray *lines)
{
  GString *text = g_string_new (NULL);

  for (guint i = 0; i < lines->len; i++)
    g_string_append_printf (text, "%s\n", (const char *) lines->pdata[i]);
  return g_string_free (text, FALSE);
}

/* Every design file the tests and examples hold */

static int
compare_strings (gconstpointer a,
                 gconstpointer b)
{
  return strcmp (*(const char *const *) a, *(const char *const *) b);
}

static void
collect (const char *dir,
         GPtrArray  *paths)
{
  g_autoptr(GDir) folder = g_dir_open (dir, 0, NULL);
  const char *name;

  g_assert_nonnull (folder);
  while ((name = g_dir_read_name (folder)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);

      if (g_file_test (path, G_FILE_TEST_IS_DIR))
        collect (path, paths);
      else if (g_str_has_suffix (name, ".json"))
        g_ptr_array_add (paths, g_steal_pointer (&path));
    }
}

static void
test_every_data_file (void)
{
  g_autoptr(GPtrArray) paths = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *data = g_test_build_filename (G_TEST_DIST, "data", NULL);
  guint loads = 0, repaired = 0, refused = 0;

  collect (data, paths);
  collect (g_getenv ("VPC_EXAMPLES_DIR"), paths);
  g_ptr_array_sort (paths, compare_strings);
  for (guint i = 0; i < paths->len; i++)
    {
      const char *path = paths->pdata[i];
      g_autoptr(GBytes) input = read_bytes (path);
      g_autoptr(GError) load_error = NULL;
      g_autoptr(GError) error = NULL;
      g_autoptr(GPtrArray) lines = NULL;
      g_autoptr(VpcDesign) loaded = vpc_file_load_bytes (input, NULL, &load_error);
      g_autoptr(GBytes) output = vpc_file_repair_bytes (input, &lines, NULL, &error);

      g_test_message ("%s", path);
      if (loaded != NULL)
        {
          /* Written back unchanged. */
          g_assert_no_error (error);
          g_assert_true (g_bytes_equal (output, input));
          g_assert_cmpuint (lines->len, ==, 0);
          loads++;
        }
      else if (!vpc_file_repair_applies (load_error) || output == NULL)
        {
          gsize length, start;
          const char *text = g_bytes_get_data (input, &length);

          /* Not JSON, over a limit (an integer json-glib cannot hold is
           * refused by the scanner), or not an object at all. */
          g_assert_null (output);
          g_assert_nonnull (error);
          g_assert_true (!vpc_file_repair_applies (load_error) ||
                         !vpc_json_scan (text, length, &start, NULL) ||
                         g_str_has_suffix (path, "array-root.json"));
          refused++;
        }
      else
        {
          g_assert_no_error (error);
          judge_repair (input, output, lines);
          repaired++;
        }
    }
  g_test_message ("%u files load, %u repaired, %u not repairable", loads, repaired, refused);
  g_assert_cmpuint (repaired, >=, 20);
  g_assert_cmpuint (refused, >=, 14);
}

/* The hand-written cases and their golden stderr */

static GPtrArray *
repair_cases (void)
{
  g_autofree char *dir = g_test_build_filename (G_TEST_DIST, "data", "repair", NULL);
  g_autoptr(GDir) folder = g_dir_open (dir, 0, NULL);
  GPtrArray *names = g_ptr_array_new_with_free_func (g_free);
  const char *name;

  g_assert_nonnull (folder);
  while ((name = g_dir_read_name (folder)) != NULL)
    if (g_str_has_suffix (name, ".vpcd.json"))
      g_ptr_array_add (names, g_strndup (name, strlen (name) - strlen (".vpcd.json")));
  g_ptr_array_sort (names, compare_strings);
  return names;
}

static char *
golden (const char *name)
{
  g_autofree char *file = g_strconcat (name, ".stderr", NULL);
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", "repair", file, NULL);
  g_autoptr(GError) error = NULL;
  char *text = NULL;

  g_file_get_contents (path, &text, NULL, &error);
  g_assert_no_error (error);
  return text;
}

static void
test_golden (void)
{
  g_autoptr(GPtrArray) names = repair_cases ();

  g_assert_cmpuint (names->len, >=, 18);
  for (guint i = 0; i < names->len; i++)
    {
      g_autofree char *file = g_strconcat (names->pdata[i], ".vpcd.json", NULL);
      g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", "repair", file, NULL);
      g_autofree char *expected = golden (names->pdata[i]);
      g_autoptr(GBytes) input = read_bytes (path);
      g_autoptr(GPtrArray) lines = NULL;
      g_autoptr(GError) error = NULL;
      g_autoptr(GBytes) output = vpc_file_repair_bytes (input, &lines, NULL, &error);
      g_autofree char *text = NULL;

      g_test_message ("%s", path);
      g_assert_no_error (error);
      text = joined (lines);
      g_assert_cmpstr (text, ==, expected);
      judge_repair (input, output, lines);
    }
}

/* format.md §5's own example, word for word. */
static void
test_format_example (void)
{
  g_autofree char *path
      = g_test_build_filename (G_TEST_DIST, "data", "repair", "dangling-az.vpcd.json", NULL);
  g_autoptr(GBytes) input = read_bytes (path);
  g_autoptr(GPtrArray) lines = NULL;
  g_autoptr(VpcDesign) design = NULL;
  g_autoptr(GBytes) output = vpc_file_repair_bytes (input, &lines, &design, NULL);

  g_assert_nonnull (output);
  g_assert_cmpuint (lines->len, ==, 1);
  g_assert_cmpstr (lines->pdata[0], ==,
                   "subnets[2].az: dropped the subnet: no availability zone \"az-c\"");
  /* The design is what the text loads into, unsaved, with nothing to undo. */
  g_assert_cmpuint (vpc_design_get_n_elements (design, VPC_KIND_SUBNET), ==, 2);
  g_assert_null (vpc_design_lookup (design, "sn-c"));
  g_assert_nonnull (vpc_design_lookup (design, "train"));
  g_assert_true (vpc_design_get_modified (design));
  g_assert_false (vpc_design_get_can_undo (design));
  g_assert_false (vpc_design_get_can_redo (design));
  g_assert_cmpstr (vpc_design_get_info (design)->name, ==, "The example of FORMAT.md §5");
}

/* A design that loads: the same bytes (a BOM and odd spacing included),
 * and the design as loaded, saved. */
static void
test_valid_unchanged (void)
{
  const char *text
      = "\xef\xbb\xbf{ \"format\":\"vpc-designer\",\"version\":1.0, \"region\":\"us-east-1\","
        "\"vpc\":{\"cidr\":\"10.0.0.0/16\"}, \"extra\": [1,2] }";
  g_autoptr(GBytes) input = g_bytes_new_static (text, strlen (text));
  g_autoptr(GPtrArray) lines = NULL;
  g_autoptr(VpcDesign) design = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) output = vpc_file_repair_bytes (input, &lines, &design, &error);

  g_assert_no_error (error);
  g_assert_true (g_bytes_equal (output, input));
  g_assert_cmpuint (lines->len, ==, 0);
  g_assert_false (vpc_design_get_modified (design));
}

static void
assert_not_repairable (const char *text,
                       int         code,
                       const char *message)
{
  g_autoptr(GBytes) input = g_bytes_new (text, strlen (text));
  g_autoptr(GPtrArray) lines = NULL;
  g_autoptr(VpcDesign) design = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) output = vpc_file_repair_bytes (input, &lines, &design, &error);

  g_assert_null (output);
  g_assert_null (design);
  g_assert_error (error, VPC_FILE_ERROR, code);
  g_assert_nonnull (strstr (error->message, message));
}

static void
test_not_repairable (void)
{
  GString *many = g_string_new ("{\"subnets\": [");

  assert_not_repairable ("{\"format\": \"vpc-designer\", ", VPC_FILE_ERROR_SYNTAX, "invalid JSON");
  assert_not_repairable ("[]", VPC_FILE_ERROR_FORMAT, "one JSON object");
  assert_not_repairable ("{\"format\": \"vpc-designer\", \"version\": 2, \"region\": 5}",
                         VPC_FILE_ERROR_FORMAT, "newer version");
  assert_not_repairable ("{\"a\": \"\\u0000\"}", VPC_FILE_ERROR_ENCODING, "NUL");
  /* Over the element limit, even with the top level broken too (the loader
   * stops at the region, before it counts). */
  for (guint i = 0; i <= 100000; i++)
    g_string_append (many, i > 0 ? ",1" : "1");
  g_string_append (many, "]}");
  assert_not_repairable (many->str, VPC_FILE_ERROR_TOO_LARGE, "100000");
  g_string_free (many, TRUE);
}

/* An element whose id is not a string goes whole, and whatever named it
 * goes with it (fuzz-mutate found the id read as a string there). */
static void
test_id_not_string (void)
{
  const char *ids[] = { "[\"a\"]", "5", "{}", "null", "true" };

  for (guint i = 0; i < G_N_ELEMENTS (ids); i++)
    {
      g_autofree char *text = g_strdup_printf (
          "{\"format\": \"vpc-designer\", \"version\": 1, \"region\": \"us-east-1\", "
          "\"vpc\": {\"cidr\": \"10.0.0.0/16\"}, "
          "\"availability_zones\": [{\"id\": %s, \"name\": \"us-east-1a\"}], "
          "\"subnets\": [{\"id\": \"s\", \"az\": \"a\", \"cidr\": \"10.0.0.0/24\"}]}",
          ids[i]);
      g_autoptr(GBytes) input = g_bytes_new (text, strlen (text));
      g_autoptr(GPtrArray) lines = NULL;
      g_autoptr(VpcDesign) design = NULL;
      g_autoptr(GError) error = NULL;
      g_autoptr(GBytes) output = vpc_file_repair_bytes (input, &lines, &design, &error);

      g_assert_no_error (error);
      g_assert_nonnull (output);
      g_assert_cmpuint (lines->len, ==, 2);
      g_assert_true (g_str_has_prefix (
          lines->pdata[0], "availability_zones[0].id: dropped the availability zone: "));
      g_assert_cmpstr (lines->pdata[1], ==,
                       "subnets[0].az: dropped the subnet: no availability zone \"a\"");
      g_assert_null (vpc_design_lookup (design, "s"));
    }
}

/* Many faults in one long list: windows of the loader, entry by entry. */
static void
test_long_lists (void)
{
  GString *text = g_string_new (
      "{\"format\": \"vpc-designer\", \"version\": 1, \"region\": \"us-east-1\", "
      "\"vpc\": {\"cidr\": \"10.0.0.0/16\"}, \"security_groups\": [{\"id\": \"sg\", "
      "\"ingress\": [");
  g_autoptr(GBytes) input = NULL;
  g_autoptr(GPtrArray) lines = NULL;
  g_autoptr(VpcDesign) design = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) output = NULL;
  const VpcElement *sg;

  for (guint i = 0; i < 1000; i++)
    g_string_append_printf (text, "%s{\"protocol\": \"tcp\", \"ports\": \"%u\", \"peer\": \"%s\"}",
                            i > 0 ? ", " : "", i % 3 == 1 ? 70000 + i : i,
                            i % 7 == 3 ? "sg-gone" : "self");
  g_string_append (
      text, "], \"name\": 5}], \"workloads\": [{\"id\": \"w\", \"kind\": \"client\", \"calls\": [");
  for (guint i = 0; i < 1000; i++)
    g_string_append_printf (text, "%s\"s%u\"", i > 0 ? ", " : "", i % 500);
  g_string_append (text, "]}]}");
  input = g_string_free_to_bytes (text);
  output = vpc_file_repair_bytes (input, &lines, &design, &error);
  g_assert_no_error (error);
  sg = vpc_design_lookup (design, "sg");
  /* 1000 rules: 333 with bad ports, 143 dangling, 48 both. */
  g_assert_cmpuint (sg->ingress->len, ==, 1000 - 333 - 143 + 48);
  g_assert_cmpuint (vpc_workload_n_calls (vpc_design_lookup (design, "w")), ==, 500);
  g_assert_cmpuint (lines->len, ==, 1 + 333 + 143 - 48 + 500);
  g_assert_cmpstr (lines->pdata[0], ==,
                   "security_groups[0].name: dropped the value 5: must be a string, not a number");
  g_assert_cmpstr (
      lines->pdata[1], ==,
      "security_groups[0].ingress[1].ports: dropped the rule: \"70001\" is not a port range "
      "(expected \"443\", \"8192-65535\" or \"all\", with ports from 0 to 65535)");
  g_assert_cmpstr (
      lines->pdata[2], ==,
      "security_groups[0].ingress[3].peer: dropped the rule: no security group \"sg-gone\"");
  g_assert_cmpstr (lines->pdata[lines->len - 1], ==,
                   "workloads[0].calls[999]: dropped the entry \"s499\": \"s499\" is listed twice");
}

/* The command */

static void
test_cli_golden (void)
{
  g_autoptr(GPtrArray) names = repair_cases ();
  g_autofree char *dir = g_dir_make_tmp ("vpc-repair-XXXXXX", NULL);

  for (guint i = 0; i < names->len; i++)
    {
      g_autofree char *file = g_strconcat (names->pdata[i], ".vpcd.json", NULL);
      g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", "repair", file, NULL);
      g_autofree char *out = g_build_filename (dir, file, NULL);
      g_autofree char *expected = golden (names->pdata[i]);
      g_autoptr(GBytes) input = read_bytes (path);
      g_autoptr(GBytes) library = vpc_file_repair_bytes (input, NULL, NULL, NULL);
      g_autoptr(GBytes) written = NULL;
      g_auto(CliRun) run = { 0 };

      CLI_RUN (&run, NULL, "repair", path, "-o", out);
      g_assert_cmpint (run.status, ==, 0);
      g_assert_cmpstr (run.out, ==, "");
      g_assert_cmpstr (run.err, ==, expected);
      written = read_bytes (out);
      g_assert_true (g_bytes_equal (written, library));
      g_assert_cmpint (g_unlink (out), ==, 0);
    }
  g_assert_cmpint (g_rmdir (dir), ==, 0);
}

static void
test_cli_cases (void)
{
  g_autofree char *dir = g_dir_make_tmp ("vpc-repair-XXXXXX", NULL);
  g_autofree char *out = g_build_filename (dir, "out.vpcd.json", NULL);
  g_autofree char *clean
      = g_test_build_filename (G_TEST_DIST, "data", "cli", "clean.vpcd.json", NULL);
  g_autofree char *truncated
      = g_test_build_filename (G_TEST_DIST, "data", "cli", "truncated.vpcd.json", NULL);
  g_autofree char *deep
      = g_test_build_filename (G_TEST_DIST, "data", "hostile", "depth-65.json", NULL);
  g_autofree char *array
      = g_test_build_filename (G_TEST_DIST, "data", "hostile", "array-root.json", NULL);
  g_autofree char *broken
      = g_test_build_filename (G_TEST_DIST, "data", "repair", "cascade.vpcd.json", NULL);
  g_autofree char *copy = g_build_filename (dir, "copy.vpcd.json", NULL);
  g_autoptr(GBytes) broken_bytes = read_bytes (broken);

  {
    /* A file that loads: the same bytes, nothing said. */
    g_auto(CliRun) run = { 0 };
    g_autoptr(GBytes) in = read_bytes (clean);
    g_autoptr(GBytes) written = NULL;

    CLI_RUN (&run, NULL, "repair", clean, "-o", out);
    g_assert_cmpint (run.status, ==, 0);
    g_assert_cmpstr (run.err, ==, "");
    written = read_bytes (out);
    g_assert_true (g_bytes_equal (written, in));
    g_assert_cmpint (g_unlink (out), ==, 0);
  }
  {
    const char *refused[] = { truncated, deep, array };

    /* Not repairable: exit 2, a message, nothing written. */
    for (guint i = 0; i < G_N_ELEMENTS (refused); i++)
      {
        g_auto(CliRun) run = { 0 };

        CLI_RUN (&run, NULL, "repair", refused[i], "-o", out);
        g_assert_cmpint (run.status, ==, 2);
        g_assert_true (g_str_has_prefix (run.err, "vpc-designer: "));
        g_assert_nonnull (strstr (run.err, refused[i]));
        g_assert_false (g_file_test (out, G_FILE_TEST_EXISTS));
      }
  }
  {
    g_auto(CliRun) run = { 0 };

    CLI_RUN (&run, NULL, "repair", broken);
    cli_assert_usage_error (&run, "missing -o OUT");
  }
  {
    /* Never over the input, under any name. */
    g_auto(CliRun) run = { 0 };
    g_autoptr(GBytes) after = NULL;

    g_assert_true (g_file_set_contents (copy, g_bytes_get_data (broken_bytes, NULL),
                                        g_bytes_get_size (broken_bytes), NULL));
    CLI_RUN (&run, NULL, "repair", copy, "-o", copy);
    g_assert_cmpint (run.status, ==, 2);
    after = read_bytes (copy);
    g_assert_true (g_bytes_equal (after, broken_bytes));
  }
  {
    g_auto(CliRun) run = { 0 };

    CLI_RUN (&run, NULL, "repair", broken, "-o", dir);
    g_assert_cmpint (run.status, ==, 2);
    g_assert_nonnull (strstr (run.err, "folder"));
  }
  {
    g_auto(CliRun) run = { 0 };

    CLI_RUN (&run, NULL, "--help");
    g_assert_cmpint (run.status, ==, 0);
    g_assert_nonnull (strstr (run.out, "vpc-designer repair FILE -o OUT.vpcd.json"));
  }
  g_assert_cmpint (g_unlink (copy), ==, 0);
  g_assert_cmpint (g_rmdir (dir), ==, 0);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/file/repair/every-data-file", test_every_data_file);
  g_test_add_func ("/file/repair/golden", test_golden);
  g_test_add_func ("/file/repair/format-example", test_format_example);
  g_test_add_func ("/file/repair/valid-unchanged", test_valid_unchanged);
  g_test_add_func ("/file/repair/not-repairable", test_not_repairable);
  g_test_add_func ("/file/repair/id-not-string", test_id_not_string);
  g_test_add_func ("/file/repair/long-lists", test_long_lists);
  g_test_add_func ("/file/repair/cli-golden", test_cli_golden);
  g_test_add_func ("/file/repair/cli-cases", test_cli_cases);
  return g_test_run ();
}
