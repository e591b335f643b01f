/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-tidy.c: the Tidy layout engine (vpc_layout_tidy, issue 10).
 *
 * - Deterministic: two copies tidy to the same bytes.
 * - One undo step, labelled "Tidy", that restores the design exactly.
 * - Idempotent: a second Tidy changes nothing.
 * - No overlapping icons or labels; icons lie wholly inside or wholly
 *   outside each container; subnets inside their AZ, AZs inside the VPC.
 * - Zero connector crossings on every example and on the study guide's
 *   design, with the router the renderer uses.
 * - 200 seeded random designs: tidied, saved and loaded again, tidied
 *   again without a change; no overlaps; the total of crossings is
 *   reported (g_test_message).
 * - A selection moves only the selected elements and what they contain.
 *
 * `test-tidy --retidy FILE...` tidies the files and saves them in place
 * (how resources/examples/ were laid out); `test-tidy --random SEED`
 * prints that random design as opened (laid out by Tidy's engine).
 */
#include <math.h>
#include <string.h>

#include "random-designs.h"
#include "vpc-file.h"
#include "vpc-invariants.h"
#include "vpc-layout.h"
#include "vpc-render-routes.h"

#define N_RANDOM 200

static VpcDesign *
load_path (const char *path)
{
  g_autoptr(GError) error = NULL;
  VpcDesign *design = vpc_file_load_path (path, NULL, &error);

  g_assert_no_error (error);
  g_assert_nonnull (design);
  return design;
}

static VpcDesign *
load_text (const char *text)
{
  g_autoptr(GBytes) bytes = g_bytes_new (text, strlen (text));
  g_autoptr(GError) error = NULL;
  VpcDesign *design = vpc_file_load_bytes (bytes, NULL, &error);

  g_assert_no_error (error);
  g_assert_nonnull (design);
  return design;
}

static char *
text_of (VpcDesign *design)
{
  return vpc_file_serialize (design, NULL);
}

static gint
compare_paths (gconstpointer a,
               gconstpointer b)
{
  return strcmp (*(const char *const *) a, *(const char *const *) b);
}

/* Every design the tests run on: the examples and the study guide's. */
static GPtrArray *
design_paths (void)
{
  const char *dir = g_getenv ("VPC_EXAMPLES_DIR");
  GPtrArray *paths = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GDir) folder = NULL;
  const char *name;

  g_assert_nonnull (dir);
  folder = g_dir_open (dir, 0, NULL);
  g_assert_nonnull (folder);
  while ((name = g_dir_read_name (folder)) != NULL)
    if (g_str_has_suffix (name, ".vpcd.json"))
      g_ptr_array_add (paths, g_build_filename (dir, name, NULL));
  g_ptr_array_sort (paths, compare_paths);
  g_assert_cmpuint (paths->len, >=, 8);
  g_ptr_array_add (paths, g_test_build_filename (G_TEST_DIST, "data", "diagram",
                                                 "study-guide.vpcd.json", NULL));
  return paths;
}

static guint
crossings_of (VpcDesign *design,
              double     text_scale)
{
  VpcRoutesOptions options;
  g_autoptr(GPtrArray) routes = NULL;

  vpc_routes_options_init (&options);
  options.text_scale = text_scale;
  options.subnet_header *= text_scale;
  routes = vpc_routes_compute (design, &options);
  return vpc_render_routes_count_crossings (routes);
}

/* An icon's drawn extent: tile and label (VPC_GEOMETRY_ICON_EXTENT_H). */
static VpcRect
extent_of (const VpcElement *e,
           double            text_scale)
{
  double h
      = VPC_GEOMETRY_TILE + VPC_GEOMETRY_LABEL_GAP
        + text_scale
              * (VPC_GEOMETRY_LABEL_LINES * VPC_GEOMETRY_NAME_LINE_H + VPC_GEOMETRY_KIND_LINE_H);

  return (VpcRect) { e->layout.x - VPC_GEOMETRY_LABEL_SPILL, e->layout.y,
                     e->layout.w + 2 * VPC_GEOMETRY_LABEL_SPILL, MAX (h, e->layout.h) };
}

static gboolean
meets (const VpcRect *a,
       const VpcRect *b)
{
  return a->x < b->x + b->w && b->x < a->x + a->w && a->y < b->y + b->h && b->y < a->y + a->h;
}

static gboolean
within (const VpcRect *inner,
        const VpcRect *outer)
{
  return inner->x >= outer->x && inner->y >= outer->y &&
         inner->x + inner->w <= outer->x + outer->w && inner->y + inner->h <= outer->y + outer->h;
}

/* Overlapping icon extents, icons partly inside a container, containers
 * outside their parent. */
static guint
count_overlaps (VpcDesign *design,
                double     text_scale)
{
  static const VpcKind icons[] = {
    VPC_KIND_SECURITY_GROUP, VPC_KIND_ENDPOINT, VPC_KIND_NAT_GATEWAY, VPC_KIND_WORKLOAD,
  };
  const VpcDesignInfo *info = vpc_design_get_info (design);
  g_autoptr(GArray) ext = g_array_new (FALSE, FALSE, sizeof (VpcRect));
  g_autoptr(GArray) boxes = g_array_new (FALSE, FALSE, sizeof (VpcRect));
  guint n = 0;

  for (guint k = 0; k < G_N_ELEMENTS (icons); k++)
    for (guint i = 0; i < vpc_design_get_n_elements (design, icons[k]); i++)
      {
        VpcRect r = extent_of (vpc_design_get_element (design, icons[k], i), text_scale);
        g_array_append_val (ext, r);
      }
  for (guint k = VPC_KIND_AZ; k <= VPC_KIND_SUBNET; k++)
    for (guint i = 0; i < vpc_design_get_n_elements (design, k); i++)
      {
        const VpcElement *e = vpc_design_get_element (design, k, i);
        const VpcElement *parent = k == VPC_KIND_SUBNET ? vpc_design_lookup (design, e->az) : NULL;

        g_array_append_val (boxes, e->layout);
        if (parent != NULL && !within (&e->layout, &parent->layout))
          n++;
        if (k == VPC_KIND_AZ && !within (&e->layout, &info->vpc_layout))
          n++;
      }
  g_array_append_val (boxes, info->vpc_layout);
  for (guint i = 0; i < ext->len; i++)
    {
      const VpcRect *a = &g_array_index (ext, VpcRect, i);

      for (guint j = i + 1; j < ext->len; j++)
        if (meets (a, &g_array_index (ext, VpcRect, j)))
          n++;
      for (guint j = 0; j < boxes->len; j++)
        {
          const VpcRect *b = &g_array_index (boxes, VpcRect, j);
          if (meets (a, b) && !within (a, b))
            n++;
        }
    }
  return n;
}

static void
tidy_all (VpcDesign *design)
{
  g_assert_true (vpc_layout_tidy (design, NULL, 1.0));
}

/* --- tests --------------------------------------------------------------- */

static void
test_deterministic (void)
{
  g_autoptr(GPtrArray) paths = design_paths ();

  for (guint i = 0; i < paths->len; i++)
    {
      g_autoptr(VpcDesign) a = load_path (g_ptr_array_index (paths, i));
      g_autoptr(VpcDesign) b = load_path (g_ptr_array_index (paths, i));
      g_autofree char *ta = NULL, *tb = NULL;

      tidy_all (a);
      tidy_all (b);
      ta = text_of (a);
      tb = text_of (b);
      g_assert_cmpstr (ta, ==, tb);
    }
}

static void
test_one_undo_step (void)
{
  g_autoptr(GPtrArray) paths = design_paths ();

  for (guint i = 0; i < paths->len; i++)
    {
      g_autoptr(VpcDesign) design = load_path (g_ptr_array_index (paths, i));
      g_autofree char *before = NULL, *after = NULL, *undone = NULL, *redone = NULL;

      /* Move something first, so that Tidy has work in every design. */
      {
        const VpcElement *e = vpc_design_get_element (design, VPC_KIND_SUBNET, 0);
        g_autoptr(VpcElement) copy = vpc_element_copy (e);

        copy->layout.x += 7;
        copy->layout.w += 50;
        g_assert_true (vpc_design_replace_element (design, g_steal_pointer (&copy)));
      }
      vpc_design_clear_history (design);
      before = text_of (design);
      tidy_all (design);
      after = text_of (design);
      g_assert_cmpstr (before, !=, after);
      g_assert_cmpstr (vpc_design_get_undo_label (design), ==, "Tidy");
      g_assert_true (vpc_design_undo (design));
      g_assert_false (vpc_design_get_can_undo (design));
      undone = text_of (design);
      g_assert_cmpstr (undone, ==, before);
      g_assert_true (vpc_design_redo (design));
      redone = text_of (design);
      g_assert_cmpstr (redone, ==, after);
    }
}

static void
test_idempotent (void)
{
  g_autoptr(GPtrArray) paths = design_paths ();

  for (guint i = 0; i < paths->len; i++)
    {
      g_autoptr(VpcDesign) design = load_path (g_ptr_array_index (paths, i));
      g_autofree char *once = NULL, *twice = NULL;

      tidy_all (design);
      once = text_of (design);
      vpc_design_clear_history (design);
      tidy_all (design);
      twice = text_of (design);
      g_assert_cmpstr (once, ==, twice);
      g_assert_false (vpc_design_get_can_undo (design));
      /* What the contain rule would change, Tidy already did. */
      g_assert_true (vpc_layout_is_contained (design));
    }
}

static void
test_no_overlaps (void)
{
  static const double scales[] = { 1.0, 1.5, 2.0 };
  g_autoptr(GPtrArray) paths = design_paths ();

  for (guint i = 0; i < paths->len; i++)
    for (guint s = 0; s < G_N_ELEMENTS (scales); s++)
      {
        g_autoptr(VpcDesign) design = load_path (g_ptr_array_index (paths, i));

        g_assert_true (vpc_layout_tidy (design, NULL, scales[s]));
        g_assert_cmpuint (count_overlaps (design, scales[s]), ==, 0);
      }
}

static void
test_no_crossings (void)
{
  g_autoptr(GPtrArray) paths = design_paths ();
  guint total = 0;

  for (guint i = 0; i < paths->len; i++)
    {
      g_autoptr(VpcDesign) design = load_path (g_ptr_array_index (paths, i));
      guint n;

      tidy_all (design);
      n = crossings_of (design, 1.0);
      g_test_message ("%s: %u crossings after Tidy", (char *) g_ptr_array_index (paths, i), n);
      total += n;
    }
  g_assert_cmpuint (total, ==, 0);
}

/* The study guide's design has no layout: opening it lays it out with the
 * same engine. */
static void
test_auto_is_tidy (void)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", "diagram",
                                                 "study-guide.vpcd.json", NULL);
  g_autoptr(VpcDesign) opened = load_path (path);
  g_autoptr(VpcDesign) tidied = load_path (path);
  g_autofree char *a = text_of (opened);
  g_autofree char *b = NULL;

  tidy_all (tidied);
  b = text_of (tidied);
  g_assert_cmpstr (a, ==, b);
  g_assert_cmpuint (crossings_of (opened, 1.0), ==, 0);
}

static void
test_selection (void)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", "diagram",
                                                 "study-guide.vpcd.json", NULL);
  g_autoptr(VpcDesign) design = load_path (path);
  const char *const ids[] = { "private-a", NULL };
  VpcRect api, training;

  /* Scatter two elements, tidy only Private A: its workload comes back,
   * the endpoint outside the selection stays where it was put. */
  vpc_design_begin (design, "Scatter");
  {
    const char *const moved[] = { "training", "ep-api" };

    for (guint i = 0; i < G_N_ELEMENTS (moved); i++)
      {
        g_autoptr(VpcElement) copy = vpc_element_copy (vpc_design_lookup (design, moved[i]));

        copy->layout.x += 5;
        copy->layout.y += 3;
        g_assert_true (vpc_design_replace_element (design, g_steal_pointer (&copy)));
      }
  }
  g_assert_true (vpc_design_commit (design));
  api = vpc_design_lookup (design, "ep-api")->layout;
  training = vpc_design_lookup (design, "training")->layout;
  g_assert_true (vpc_layout_tidy (design, ids, 1.0));
  g_assert_cmpmem (&vpc_design_lookup (design, "ep-api")->layout, sizeof api, &api, sizeof api);
  g_assert_cmpfloat (vpc_design_lookup (design, "training")->layout.x, ==, training.x - 5);
  g_assert_cmpfloat (vpc_design_lookup (design, "training")->layout.y, ==, training.y - 3);

  /* A selected workload is tidied where its subnet now is. */
  {
    const char *const one[] = { "training", NULL };
    g_autoptr(VpcElement) az = vpc_element_copy (vpc_design_lookup (design, "az-a"));
    g_autoptr(VpcElement) subnet = vpc_element_copy (vpc_design_lookup (design, "private-a"));
    g_autoptr(VpcElement) moved = vpc_element_copy (vpc_design_lookup (design, "training"));

    vpc_design_begin (design, "Move");
    az->layout.y += 40;
    subnet->layout.y += 40;
    moved->layout.y += 40 + 9;
    g_assert_true (vpc_design_replace_element (design, g_steal_pointer (&az)));
    g_assert_true (vpc_design_replace_element (design, g_steal_pointer (&subnet)));
    g_assert_true (vpc_design_replace_element (design, g_steal_pointer (&moved)));
    g_assert_true (vpc_design_commit (design));
    g_assert_true (vpc_layout_tidy (design, one, 1.0));
    g_assert_cmpfloat (vpc_design_lookup (design, "training")->layout.y, ==, training.y - 3 + 40);
    g_assert_cmpfloat (vpc_design_lookup (design, "private-a")->layout.y, ==,
                       vpc_design_lookup (design, "az-a")->layout.y + 44);
  }
}

static void
test_random (void)
{
  guint total = 0, with = 0, overlaps = 0;

  for (guint seed = 1; seed <= N_RANDOM; seed++)
    {
      g_autofree char *text = random_design_json (seed);
      g_autoptr(VpcDesign) design = load_text (text);
      g_autofree char *saved = NULL;
      g_autoptr(VpcDesign) again = NULL;
      g_autofree char *resaved = NULL;
      guint n;

      tidy_all (design);
      g_assert_true (vpc_layout_is_contained (design));
      overlaps += count_overlaps (design, 1.0);
      n = crossings_of (design, 1.0);
      total += n;
      with += n > 0;
      saved = text_of (design);
      again = load_text (saved);
      resaved = text_of (again);
      g_assert_cmpstr (saved, ==, resaved);
      /* Idempotent here too: a second Tidy records nothing. */
      vpc_design_clear_history (again);
      tidy_all (again);
      g_assert_false (vpc_design_get_can_undo (again));
    }
  g_test_message ("%u random designs after Tidy: %u crossings, %u designs with any, %u overlaps",
                  N_RANDOM, total, with, overlaps);
  g_assert_cmpuint (overlaps, ==, 0);
}

/* A design far bigger than a screen lays out near a page's shape, and
 * every value stays within the format's limits. */
static void
test_large (void)
{
  GString *json
      = g_string_new ("{\"format\":\"vpc-designer\",\"version\":1,\"region\":\"us-east-1\","
                      "\"vpc\":{\"cidr\":\"10.0.0.0/8\"},\"availability_zones\":[");
  g_autoptr(VpcDesign) design = NULL;
  const VpcDesignInfo *info;
  const guint n_az = 12, n_sn = 8;

  for (guint a = 0; a < n_az; a++)
    g_string_append_printf (json, "%s{\"id\":\"az-%u\"}", a ? "," : "", a);
  g_string_append (json, "],\"subnets\":[");
  for (guint s = 0; s < n_az * n_sn; s++)
    g_string_append_printf (json,
                            "%s{\"id\":\"sn-%u\",\"az\":\"az-%u\",\"cidr\":\"10.%u.%u.0/24\"}",
                            s ? "," : "", s, s % n_az, s / 256, s % 256);
  g_string_append (json, "],\"workloads\":[");
  for (guint w = 0; w < 40; w++)
    g_string_append_printf (json, "%s{\"id\":\"w-%u\",\"kind\":\"client\",\"subnets\":[\"sn-%u\"]}",
                            w ? "," : "", w, w * 2);
  g_string_append (json, "]}");
  design = load_text (json->str);
  g_string_free (json, TRUE);
  tidy_all (design);
  info = vpc_design_get_info (design);
  g_test_message ("12 AZs x 8 subnets: %.0f x %.0f", info->vpc_layout.w, info->vpc_layout.h);
  g_assert_cmpfloat (info->vpc_layout.w / info->vpc_layout.h, >, 0.5);
  g_assert_cmpfloat (info->vpc_layout.w / info->vpc_layout.h, <, 4.0);
  g_assert_cmpuint (count_overlaps (design, 1.0), ==, 0);
  g_assert_true (vpc_layout_is_contained (design));
}

static int
retidy (int    argc,
        char **argv)
{
  for (int i = 0; i < argc; i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(VpcDesign) design = vpc_file_load_path (argv[i], NULL, &error);

      if (design == NULL || !vpc_layout_tidy (design, NULL, 1.0) ||
          !vpc_file_save_path (design, argv[i], &error))
        {
          g_printerr ("%s: %s\n", argv[i], error != NULL ? error->message : "Tidy refused");
          return 1;
        }
    }
  return 0;
}

int
main (int   argc,
      char *argv[])
{
  if (argc > 1 && g_str_equal (argv[1], "--retidy"))
    return retidy (argc - 2, argv + 2);
  /* `--random SEED`: the random design of that seed, as Tidy lays it out. */
  if (argc > 2 && g_str_equal (argv[1], "--random"))
    {
      g_autofree char *text = random_design_json ((guint) g_ascii_strtoull (argv[2], NULL, 10));
      g_autoptr(GBytes) bytes = g_bytes_new (text, strlen (text));
      g_autoptr(VpcDesign) design = vpc_file_load_bytes (bytes, NULL, NULL);
      g_autofree char *out = design != NULL ? text_of (design) : NULL;

      g_print ("%s", out != NULL ? out : "");
      return out != NULL ? 0 : 1;
    }

  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/tidy/deterministic", test_deterministic);
  g_test_add_func ("/tidy/one-undo-step", test_one_undo_step);
  g_test_add_func ("/tidy/idempotent", test_idempotent);
  g_test_add_func ("/tidy/no-overlaps", test_no_overlaps);
  g_test_add_func ("/tidy/no-crossings", test_no_crossings);
  g_test_add_func ("/tidy/auto-is-tidy", test_auto_is_tidy);
  g_test_add_func ("/tidy/selection", test_selection);
  g_test_add_func ("/tidy/random", test_random);
  g_test_add_func ("/tidy/large", test_large);

  return g_test_run ();
}
