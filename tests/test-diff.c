/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-diff.c: `vpc-designer diff` (format.md §5) run as a process.
 *
 * - Pairs built from every example by one model edit each (delete every
 *   element through the model's delete, change what each means; rename and
 *   move the first of each kind; add endpoints), both ways: the element lists equal an oracle
 * written on the two files' JSON (ids, objects without "layout"), the findings equal the multiset
 * difference of `check --format json` of both sides (rule and elements), and the cost equals `cost
 * --format json` of both sides.
 * - Files without layouts: nothing is "moved" when an element is added.
 * - Exit 1 exactly when an error-severity finding is introduced.
 * - Usage errors, unreadable sides, and golden text and JSON
 *   (tests/data/diff/; VPC_UPDATE_GOLDEN=1 rewrites them).
 */
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <string.h>

#include "cli-test-utils.h"
#include "vpc-file.h"

static const char *const lists[] = {
  "availability_zones", "subnets", "security_groups", "endpoints", "nat_gateways", "workloads",
};

static char *work_dir;

/* --- helpers -------------------------------------------------------------- */

static JsonObject *
parse_object (const char *text)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;

  if (!json_parser_load_from_data (parser, text, -1, &error))
    g_error ("not JSON (%s):\n%s", error->message, text);
  return json_object_ref (json_node_get_object (json_parser_get_root (parser)));
}

static JsonObject *
parse_file (const char *path)
{
  g_autofree char *text = NULL;

  g_assert_true (g_file_get_contents (path, &text, NULL, NULL));
  return parse_object (text);
}

static char *
save (VpcDesign  *design,
      const char *name)
{
  char *path = g_build_filename (work_dir, name, NULL);
  g_autoptr(GError) error = NULL;

  g_assert_true (vpc_file_save_path (design, path, &error));
  g_assert_no_error (error);
  return path;
}

static VpcDesign *
load (const char *path)
{
  g_autoptr(GError) error = NULL;
  VpcDesign *design = vpc_file_load_path (path, NULL, &error);

  g_assert_no_error (error);
  return design;
}

static char *
strings_of (JsonArray *array)
{
  GString *text = g_string_new ("[");

  for (guint i = 0; i < json_array_get_length (array); i++)
    g_string_append_printf (text, "%s%s", i > 0 ? "," : "",
                            json_array_get_string_element (array, i));
  g_string_append_c (text, ']');
  return g_string_free (text, FALSE);
}

static char *
joined (GPtrArray *ids)
{
  GString *text = g_string_new ("[");

  for (guint i = 0; i < ids->len; i++)
    g_string_append_printf (text, "%s%s", i > 0 ? "," : "",
                            (const char *) g_ptr_array_index (ids, i));
  g_string_append_c (text, ']');
  return g_string_free (text, FALSE);
}

/* --- the oracle, on the files' JSON ---------------------------------------- */

/* id → element object, and the ids in file order. */
static GHashTable *
elements_of (JsonObject *root,
             GPtrArray  *order)
{
  GHashTable *table = g_hash_table_new (g_str_hash, g_str_equal);

  for (guint l = 0; l < G_N_ELEMENTS (lists); l++)
    {
      JsonArray *list = json_object_has_member (root, lists[l])
                            ? json_object_get_array_member (root, lists[l])
                            : NULL;

      for (guint i = 0; list != NULL && i < json_array_get_length (list); i++)
        {
          JsonObject *element = json_array_get_object_element (list, i);
          const char *id = json_object_get_string_member (element, "id");

          g_hash_table_insert (table, (gpointer) id, element);
          g_ptr_array_add (order, (gpointer) id);
        }
    }
  return table;
}

/* The element without its layout, as canonical text (both files come from
 * one writer, so equal content is equal text). */
static char *
content_of (JsonObject *element)
{
  g_autoptr(JsonNode) node = json_node_new (JSON_NODE_OBJECT);
  g_autoptr(JsonObject) copy = json_object_new ();
  GList *members = json_object_get_members (element);

  for (GList *m = members; m != NULL; m = m->next)
    if (!g_str_equal (m->data, "layout"))
      json_object_set_member (copy, m->data,
                              json_node_copy (json_object_get_member (element, m->data)));
  g_list_free (members);
  json_node_set_object (node, copy);
  return json_to_string (node, FALSE);
}

static char *
layout_of (JsonObject *element)
{
  JsonNode *layout = json_object_get_member (element, "layout");

  return layout != NULL ? json_to_string (layout, FALSE) : g_strdup ("none");
}

static void
expect_elements (JsonObject *old_root,
                 JsonObject *new_root,
                 JsonObject *diff_elements,
                 const char *what)
{
  g_autoptr(GPtrArray) old_order = g_ptr_array_new ();
  g_autoptr(GPtrArray) new_order = g_ptr_array_new ();
  g_autoptr(GHashTable) old_table = elements_of (old_root, old_order);
  g_autoptr(GHashTable) new_table = elements_of (new_root, new_order);
  g_autoptr(GPtrArray) added = g_ptr_array_new ();
  g_autoptr(GPtrArray) removed = g_ptr_array_new ();
  g_autoptr(GPtrArray) changed = g_ptr_array_new ();
  g_autoptr(GPtrArray) moved = g_ptr_array_new ();
  struct { const char *key; GPtrArray *ids; } expected[] = {
    { "added", added }, { "removed", removed }, { "changed", changed }, { "moved", moved },
  };

  for (guint i = 0; i < new_order->len; i++)
    {
      const char *id = g_ptr_array_index (new_order, i);
      JsonObject *before = g_hash_table_lookup (old_table, id);
      JsonObject *now = g_hash_table_lookup (new_table, id);
      g_autofree char *a = NULL, *b = NULL, *la = NULL, *lb = NULL;

      if (before == NULL)
        {
          g_ptr_array_add (added, (gpointer) id);
          continue;
        }
      a = content_of (before);
      b = content_of (now);
      la = layout_of (before);
      lb = layout_of (now);
      if (!g_str_equal (a, b))
        g_ptr_array_add (changed, (gpointer) id);
      else if (!g_str_equal (la, lb))
        g_ptr_array_add (moved, (gpointer) id);
    }
  for (guint i = 0; i < old_order->len; i++)
    if (!g_hash_table_contains (new_table, g_ptr_array_index (old_order, i)))
      g_ptr_array_add (removed, g_ptr_array_index (old_order, i));

  for (guint k = 0; k < G_N_ELEMENTS (expected); k++)
    {
      g_autofree char *want = joined (expected[k].ids);
      g_autofree char *got
          = strings_of (json_object_get_array_member (diff_elements, expected[k].key));

      if (!g_str_equal (want, got))
        g_error ("%s: elements.%s is %s, expected %s", what, expected[k].key, got, want);
    }
}

/* "VPC101 train,sn-a" */
static char *
finding_key (JsonObject *finding)
{
  g_autofree char *elements = strings_of (json_object_get_array_member (finding, "elements"));

  return g_strdup_printf ("%s %s", json_object_get_string_member (finding, "rule"), elements);
}

/* The findings of @ours (check's JSON) that @theirs lacks, counting repeats,
 * as "VPC101 [train,sn-a] error message" lines. */
static char *
missing_findings (JsonArray *ours,
                  JsonArray *theirs)
{
  g_autoptr(GHashTable) counts = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  GString *text = g_string_new (NULL);

  for (guint i = 0; i < json_array_get_length (theirs); i++)
    {
      char *key = finding_key (json_array_get_object_element (theirs, i));

      g_hash_table_insert (
          counts, key, GUINT_TO_POINTER (GPOINTER_TO_UINT (g_hash_table_lookup (counts, key)) + 1));
    }
  for (guint i = 0; i < json_array_get_length (ours); i++)
    {
      JsonObject *finding = json_array_get_object_element (ours, i);
      g_autofree char *key = finding_key (finding);
      guint n = GPOINTER_TO_UINT (g_hash_table_lookup (counts, key));

      if (n > 0)
        g_hash_table_replace (counts, g_steal_pointer (&key), GUINT_TO_POINTER (n - 1));
      else
        g_string_append_printf (text, "%s %s %s\n", key,
                                json_object_get_string_member (finding, "severity"),
                                json_object_get_string_member (finding, "message"));
    }
  return g_string_free (text, FALSE);
}

static char *
diff_findings (JsonArray *findings)
{
  GString *text = g_string_new (NULL);

  for (guint i = 0; i < json_array_get_length (findings); i++)
    {
      JsonObject *finding = json_array_get_object_element (findings, i);
      g_autofree char *key = finding_key (finding);

      g_assert_cmpuint (json_object_get_size (finding), ==, 4);
      g_string_append_printf (text, "%s %s %s\n", key,
                              json_object_get_string_member (finding, "severity"),
                              json_object_get_string_member (finding, "message"));
    }
  return g_string_free (text, FALSE);
}

static JsonObject *
run_json (const char *subcommand,
          const char *path,
          const char *option,
          const char *value)
{
  g_auto(CliRun) run = { 0 };

  if (option != NULL)
    CLI_RUN (&run, work_dir, subcommand, path, option, value, "--format", "json");
  else
    CLI_RUN (&run, work_dir, subcommand, path, "--format", "json");
  g_assert_cmpint (run.status, !=, 2);
  return parse_object (run.out);
}

static gint64
cents (JsonObject *object,
       const char *key)
{
  return (gint64) (json_object_get_double_member (object, key) * 100
                   + (json_object_get_double_member (object, key) < 0 ? -0.5 : 0.5));
}

static void
expect_cost (const char *old_path,
             const char *new_path,
             const char *region,
             JsonObject *cost,
             const char *what)
{
  g_autoptr(JsonObject) old_cost = run_json ("cost", old_path, "--region", region);
  g_autoptr(JsonObject) new_cost = run_json ("cost", new_path, "--region", region);
  JsonArray *old_items = json_object_get_array_member (old_cost, "items");
  JsonArray *new_items = json_object_get_array_member (new_cost, "items");
  JsonArray *items = json_object_get_array_member (cost, "items");
  g_autoptr(GHashTable) old_monthly = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GHashTable) listed = g_hash_table_new (g_str_hash, g_str_equal);

  g_assert_cmpstr (json_object_get_string_member (cost, "region"), ==, region);
  g_assert_true (json_object_get_boolean_member (cost, "priced"));
  g_assert_cmpint (cents (cost, "old_total"), ==, cents (old_cost, "monthly_total"));
  g_assert_cmpint (cents (cost, "new_total"), ==, cents (new_cost, "monthly_total"));
  g_assert_cmpint (cents (cost, "delta"), ==,
                   cents (new_cost, "monthly_total") - cents (old_cost, "monthly_total"));

  for (guint i = 0; i < json_array_get_length (items); i++)
    {
      JsonObject *item = json_array_get_object_element (items, i);

      g_assert_cmpint (cents (item, "delta"), ==, cents (item, "new") - cents (item, "old"));
      g_assert_cmpint (cents (item, "delta"), !=, 0);
      g_hash_table_insert (listed, (gpointer) json_object_get_string_member (item, "element"),
                           item);
    }
  /* Every element whose monthly cost differs is listed with both amounts,
   * and nothing else is. */
  for (guint i = 0; i < json_array_get_length (old_items); i++)
    {
      JsonObject *item = json_array_get_object_element (old_items, i);

      g_hash_table_insert (old_monthly, (gpointer) json_object_get_string_member (item, "element"),
                           item);
    }
  for (guint i = 0; i < json_array_get_length (new_items); i++)
    {
      JsonObject *now = json_array_get_object_element (new_items, i);
      const char *id = json_object_get_string_member (now, "element");
      JsonObject *before = g_hash_table_lookup (old_monthly, id);
      gint64 was = before != NULL ? cents (before, "monthly") : 0;
      JsonObject *item = g_hash_table_lookup (listed, id);

      if (was != cents (now, "monthly"))
        {
          if (item == NULL)
            g_error ("%s: cost item %s (%" G_GINT64_FORMAT " → %" G_GINT64_FORMAT
                     " cents) not listed",
                     what, id, was, cents (now, "monthly"));
          g_assert_cmpint (cents (item, "old"), ==, was);
          g_assert_cmpint (cents (item, "new"), ==, cents (now, "monthly"));
        }
      else
        g_assert_null (item);
      g_hash_table_remove (old_monthly, id);
      g_hash_table_remove (listed, id);
    }
  /* What is left was removed: listed when it cost something. */
  {
    GHashTableIter iter;
    gpointer key, value;

    g_hash_table_iter_init (&iter, old_monthly);
    while (g_hash_table_iter_next (&iter, &key, &value))
      {
        JsonObject *item = g_hash_table_lookup (listed, key);

        if (cents (value, "monthly") == 0)
          g_assert_null (item);
        else
          {
            g_assert_nonnull (item);
            g_assert_cmpint (cents (item, "new"), ==, 0);
            g_hash_table_remove (listed, key);
          }
      }
  }
  g_assert_cmpuint (g_hash_table_size (listed), ==, 0);
}

/* diff OLD NEW against the oracles; returns the number of introduced errors. */
static void
assert_pair (const char *old_path,
             const char *new_path,
             const char *what)
{
  g_autoptr(JsonObject) old_root = parse_file (old_path);
  g_autoptr(JsonObject) new_root = parse_file (new_path);
  const char *profile = json_object_has_member (new_root, "profile")
                          ? json_object_get_string_member (new_root, "profile") : "study-guide";
  const char *region = json_object_get_string_member (new_root, "region");
  g_autoptr(JsonObject) old_check = run_json ("check", old_path, "--profile", profile);
  g_autoptr(JsonObject) new_check = run_json ("check", new_path, "--profile", profile);
  g_autoptr(JsonObject) diff = NULL;
  g_autofree char *want_introduced = NULL, *want_resolved = NULL;
  g_autofree char *introduced = NULL, *resolved = NULL;
  g_auto(CliRun) run = { 0 };
  JsonObject *findings;
  gboolean error_introduced;

  CLI_RUN (&run, work_dir, "diff", old_path, new_path, "--format", "json");
  diff = parse_object (run.out);
  g_assert_cmpstr (json_object_get_string_member (diff, "old"), ==, old_path);
  g_assert_cmpstr (json_object_get_string_member (diff, "new"), ==, new_path);
  g_assert_cmpstr (json_object_get_string_member (diff, "profile"), ==, profile);
  expect_elements (old_root, new_root, json_object_get_object_member (diff, "elements"), what);

  findings = json_object_get_object_member (diff, "findings");
  want_introduced = missing_findings (json_object_get_array_member (new_check, "findings"),
                                      json_object_get_array_member (old_check, "findings"));
  want_resolved = missing_findings (json_object_get_array_member (old_check, "findings"),
                                    json_object_get_array_member (new_check, "findings"));
  introduced = diff_findings (json_object_get_array_member (findings, "introduced"));
  resolved = diff_findings (json_object_get_array_member (findings, "resolved"));
  if (!g_str_equal (introduced, want_introduced) || !g_str_equal (resolved, want_resolved))
    g_error ("%s: findings differ from "
             "check's:\nintroduced\n%s---expected\n%s\nresolved\n%s---expected\n%s",
             what, introduced, want_introduced, resolved, want_resolved);
  error_introduced = strstr (want_introduced, " error ") != NULL;
  g_assert_cmpint (run.status, ==, error_introduced ? 1 : 0);

  expect_cost (old_path, new_path, region, json_object_get_object_member (diff, "cost"), what);
}

/* --- the edits ------------------------------------------------------------ */

typedef gboolean (*EditFunc) (VpcDesign *design, const char *id);

static gboolean
edit_delete (VpcDesign  *design,
             const char *id)
{
  const char *ids[] = { id };

  return vpc_design_delete (design, ids, 1);
}

static gboolean
edit_replace (VpcDesign  *design,
              VpcElement *copy)
{
  vpc_design_begin (design, "test");
  vpc_design_replace_element (design, copy);
  return vpc_design_commit (design);
}

static gboolean
edit_rename (VpcDesign  *design,
             const char *id)
{
  VpcElement *copy = vpc_element_copy (vpc_design_lookup (design, id));

  g_free (copy->name);
  copy->name = g_strdup ("Renamed in review");
  return edit_replace (design, copy);
}

/* A change of meaning, one per kind. */
static gboolean
edit_meaning (VpcDesign  *design,
              const char *id)
{
  VpcElement *copy = vpc_element_copy (vpc_design_lookup (design, id));

  switch (copy->kind)
    {
    case VPC_KIND_SUBNET:
      copy->route = copy->route == VPC_ROUTE_PRIVATE ? VPC_ROUTE_PUBLIC : VPC_ROUTE_PRIVATE;
      break;
    case VPC_KIND_SECURITY_GROUP:
      g_array_set_size (copy->egress, 0);
      break;
    case VPC_KIND_ENDPOINT:
      copy->gb_per_month += 250;
      break;
    case VPC_KIND_NAT_GATEWAY:
      copy->gb_per_month += 100;
      break;
    case VPC_KIND_WORKLOAD:
      copy->network_isolation = !copy->network_isolation;
      break;
    case VPC_KIND_AZ:
    default:
      g_free (copy->name);
      copy->name = g_strdup ("us-east-1f");
      break;
    }
  return edit_replace (design, copy);
}

static gboolean
edit_move (VpcDesign  *design,
           const char *id)
{
  VpcElement *copy = vpc_element_copy (vpc_design_lookup (design, id));

  copy->layout.x += 8;
  copy->layout.y += 8;
  return edit_replace (design, copy);
}

/* An STS interface endpoint in the first subnet, and a gateway for S3. */
static gboolean
edit_add (VpcDesign  *design,
          const char *id)
{
  g_autoptr(VpcElement) sts = vpc_element_new (VPC_KIND_ENDPOINT, "ep-added-sts");
  g_autoptr(VpcElement) s3 = vpc_element_new (VPC_KIND_ENDPOINT, "ep-added-s3");

  (void) id;
  sts->service = g_strdup ("sts");
  if (vpc_design_get_n_elements (design, VPC_KIND_SUBNET) > 0)
    vpc_id_list_add (sts->subnets, vpc_design_get_element (design, VPC_KIND_SUBNET, 0)->id);
  s3->service = g_strdup ("s3");
  s3->endpoint_type = VPC_ENDPOINT_GATEWAY;
  vpc_design_begin (design, "test");
  vpc_design_add_element (design, g_steal_pointer (&sts), -1);
  vpc_design_add_element (design, g_steal_pointer (&s3), -1);
  return vpc_design_commit (design);
}

static guint
check_edits (const char *example,
             const char *edit_name,
             EditFunc    edit,
             gboolean    every_element)
{
  g_autoptr(VpcDesign) original = load (example);
  g_autofree char *base = g_path_get_basename (example);
  g_autofree char *old_path = save (original, "old.vpcd.json");
  g_autoptr(GPtrArray) ids = g_ptr_array_new_with_free_func (g_free);
  guint n = 0;

  /* Every element, or the first of each kind (the add edit: one pair). */
  for (VpcKind kind = 0; kind < VPC_N_KINDS; kind++)
    for (guint i = 0; i < vpc_design_get_n_elements (original, kind) && (every_element || i == 0);
         i++)
      g_ptr_array_add (ids, g_strdup (vpc_design_get_element (original, kind, i)->id));
  if (edit == edit_add)
    g_ptr_array_set_size (ids, MIN (ids->len, 1));

  for (guint i = 0; i < ids->len; i++)
    {
      g_autoptr(VpcDesign) edited = vpc_design_duplicate (original);
      g_autofree char *new_path = NULL;
      g_autofree char *what
          = g_strdup_printf ("%s, %s %s", base, edit_name, (char *) g_ptr_array_index (ids, i));

      if (!edit (edited, g_ptr_array_index (ids, i)))
        continue; /* the guard refused it: not a design anybody could save */
      new_path = save (edited, "new.vpcd.json");
      assert_pair (old_path, new_path, what);
      /* And back: what was added is removed, introduced is resolved. */
      assert_pair (new_path, old_path, what);
      n++;
    }
  return n;
}

static GPtrArray *
example_paths (void)
{
  const char *dir_path = g_getenv ("VPC_EXAMPLES_DIR");
  g_autoptr(GDir) dir = g_dir_open (dir_path, 0, NULL);
  GPtrArray *paths = g_ptr_array_new_with_free_func (g_free);
  const char *name;

  g_assert_nonnull (dir);
  while ((name = g_dir_read_name (dir)) != NULL)
    if (g_str_has_suffix (name, ".vpcd.json"))
      g_ptr_array_add (paths, g_build_filename (dir_path, name, NULL));
  g_ptr_array_sort (paths, (GCompareFunc) g_strcmp0);
  g_assert_cmpuint (paths->len, >=, 8);
  return paths;
}

static void
test_edits (gconstpointer data)
{
  const struct { const char *name; EditFunc edit; gboolean every; } *kind = data;
  g_autoptr(GPtrArray) paths = example_paths ();
  guint n = 0;

  for (guint i = 0; i < paths->len; i++)
    n += check_edits (g_ptr_array_index (paths, i), kind->name, kind->edit, kind->every);
  g_test_message ("%u pairs, both ways", n);
  g_assert_cmpuint (n, >=, kind->every ? 60 : 8);
}

/* Without layouts on either side, adding an element moves nothing, even
 * though the automatic layout would place the others anew. */
static void
test_no_layout (void)
{
  g_autoptr(GPtrArray) paths = example_paths ();
  g_autoptr(JsonObject) root = parse_file (g_ptr_array_index (paths, 0));
  g_autoptr(JsonNode) node = json_node_new (JSON_NODE_OBJECT);
  g_autofree char *old_path = g_build_filename (work_dir, "bare-old.vpcd.json", NULL);
  g_autofree char *new_path = g_build_filename (work_dir, "bare-new.vpcd.json", NULL);
  g_autofree char *text = NULL, *added = NULL;
  g_autoptr(JsonObject) diff = NULL;
  JsonObject *extra;
  JsonArray *azs;
  g_auto(CliRun) run = { 0 };

  json_object_remove_member (json_object_get_object_member (root, "vpc"), "layout");
  for (guint l = 0; l < G_N_ELEMENTS (lists); l++)
    if (json_object_has_member (root, lists[l]))
      for (guint i = 0; i < json_array_get_length (json_object_get_array_member (root, lists[l]));
           i++)
        json_object_remove_member (
            json_array_get_object_element (json_object_get_array_member (root, lists[l]), i),
            "layout");
  json_node_set_object (node, root);
  text = json_to_string (node, TRUE);
  g_assert_true (g_file_set_contents (old_path, text, -1, NULL));
  g_clear_pointer (&text, g_free);

  azs = json_object_get_array_member (root, "availability_zones");
  extra = json_object_new ();
  json_object_set_string_member (extra, "id", "az-extra");
  json_object_set_string_member (extra, "name", "us-east-1c");
  json_array_add_object_element (azs, extra);
  text = json_to_string (node, TRUE);
  g_assert_true (g_file_set_contents (new_path, text, -1, NULL));

  CLI_RUN (&run, work_dir, "diff", old_path, new_path, "--format", "json");
  g_assert_cmpint (run.status, ==, 0);
  diff = parse_object (run.out);
  assert_pair (old_path, new_path, "no layout, AZ added");
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (
                      json_object_get_object_member (diff, "elements"), "moved")), ==, 0);
  added = strings_of (
      json_object_get_array_member (json_object_get_object_member (diff, "elements"), "added"));
  g_assert_cmpstr (added, ==, "[az-extra]");
}

static void
test_usage (void)
{
  g_autoptr(GPtrArray) paths = example_paths ();
  const char *a = g_ptr_array_index (paths, 0);
  g_autofree char *bad = g_build_filename (work_dir, "bad.vpcd.json", NULL);
  g_auto(CliRun) missing = { 0 };
  g_auto(CliRun) extra = { 0 };
  g_auto(CliRun) stdin_twice = { 0 };
  g_auto(CliRun) option = { 0 };
  g_auto(CliRun) unreadable = { 0 };
  g_auto(CliRun) region = { 0 };
  g_auto(CliRun) same = { 0 };
  g_autoptr(JsonObject) unpriced = NULL;
  JsonObject *cost;

  CLI_RUN (&missing, NULL, "diff", a);
  cli_assert_usage_error (&missing, "missing NEW");
  CLI_RUN (&extra, NULL, "diff", a, a, a);
  cli_assert_usage_error (&extra, "unexpected argument");
  CLI_RUN (&stdin_twice, NULL, "diff", "-", "-");
  cli_assert_usage_error (&stdin_twice, "both be standard input");
  CLI_RUN (&option, NULL, "diff", a, a, "--format", "sarif");
  cli_assert_usage_error (&option, "invalid value 'sarif'");

  g_assert_true (g_file_set_contents (
      bad, "{\"format\": \"vpc-designer\", \"version\": 1, \"region\": 5}", -1, NULL));
  CLI_RUN (&unreadable, NULL, "diff", a, bad);
  g_assert_cmpint (unreadable.status, ==, 2);
  g_assert_cmpstr (unreadable.out, ==, "");
  g_assert_nonnull (strstr (unreadable.err, "bad.vpcd.json"));

  /* A file against itself: nothing changed, exit 0. */
  CLI_RUN (&same, NULL, "diff", a, a, "--format", "json");
  g_assert_cmpint (same.status, ==, 0);
  g_assert_nonnull (strstr (same.out, "\"introduced\": []"));
  g_assert_nonnull (strstr (same.out, "\"delta\": 0.00"));

  /* A region without prices: said so, no amounts. */
  CLI_RUN (&region, NULL, "diff", a, a, "--format", "json", "--region", "mars-north-1");
  g_assert_cmpint (region.status, ==, 0);
  unpriced = parse_object (region.out);
  cost = json_object_get_object_member (unpriced, "cost");
  g_assert_false (json_object_get_boolean_member (cost, "priced"));
  g_assert_true (json_object_get_null_member (cost, "old_total"));
  g_assert_true (json_object_get_null_member (cost, "delta"));
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (cost, "items")), ==, 0);
  g_assert_nonnull (strstr (json_object_get_string_member (cost, "reason"), "mars-north-1"));
}

/* --- goldens -------------------------------------------------------------- */

static void
assert_golden (const char *name,
               const char *actual)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", "diff", name, NULL);
  g_autofree char *expected = NULL;
  g_autoptr(GError) error = NULL;

  if (g_getenv ("VPC_UPDATE_GOLDEN") != NULL)
    {
      g_assert_true (g_file_set_contents (path, actual, -1, &error));
      g_assert_no_error (error);
      return;
    }
  g_assert_true (g_file_get_contents (path, &expected, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (actual, ==, expected);
}

static void
test_golden (void)
{
  static const char *const pairs[][3] = {
    { "two-az-training-and-hosting.vpcd.json", "training-cannot-reach-s3-ecr.vpcd.json", "broken" },
    { "training-cannot-reach-s3-ecr.vpcd.json", "two-az-training-and-hosting.vpcd.json", "fixed" },
    { "endpoint-single-subnet.vpcd.json", "development-vpc-many-endpoints.vpcd.json", "other" },
  };
  const char *dir = g_getenv ("VPC_EXAMPLES_DIR");

  for (guint i = 0; i < G_N_ELEMENTS (pairs); i++)
    {
      g_auto(CliRun) text = { 0 };
      g_auto(CliRun) json = { 0 };
      g_autofree char *text_name = g_strconcat (pairs[i][2], ".txt", NULL);
      g_autofree char *json_name = g_strconcat (pairs[i][2], ".json", NULL);

      CLI_RUN (&text, dir, "diff", pairs[i][0], pairs[i][1]);
      CLI_RUN (&json, dir, "diff", pairs[i][0], pairs[i][1], "--format", "json");
      g_assert_cmpint (text.status, ==, json.status);
      g_assert_cmpint (text.status, !=, 2);
      assert_golden (text_name, text.out);
      assert_golden (json_name, json.out);
    }
}

int
main (int   argc,
      char *argv[])
{
  static const struct { const char *name; EditFunc edit; gboolean every; } edits[] = {
    { "delete", edit_delete, TRUE },
    { "rename", edit_rename, FALSE },
    { "change", edit_meaning, TRUE },
    { "move", edit_move, FALSE },
    { "add", edit_add, FALSE },
  };
  int status;

  g_test_init (&argc, &argv, NULL);
  work_dir = g_dir_make_tmp ("vpc-diff-XXXXXX", NULL);
  for (guint i = 0; i < G_N_ELEMENTS (edits); i++)
    {
      g_autofree char *path = g_strdup_printf ("/diff/edits/%s", edits[i].name);

      g_test_add_data_func (path, &edits[i], test_edits);
    }
  g_test_add_func ("/diff/no-layout", test_no_layout);
  g_test_add_func ("/diff/usage", test_usage);
  g_test_add_func ("/diff/golden", test_golden);
  status = g_test_run ();

  {
    g_autoptr(GDir) dir = g_dir_open (work_dir, 0, NULL);
    const char *name;

    while ((name = g_dir_read_name (dir)) != NULL)
      {
        g_autofree char *path = g_build_filename (work_dir, name, NULL);

        g_unlink (path);
      }
  }
  g_rmdir (work_dir);
  g_free (work_dir);
  return status;
}
