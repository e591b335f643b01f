/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-bounds.c: every value the loader accepts can be laid out, drawn,
 * exported and saved back (issue 9): the layout's occupancy index, sizes
 * and coordinates the layout computes, vpc_layout_contain(), tiny icons and
 * scales, noncharacters in names, and text shortened before it is laid out.
 * Speed is measured by tools/bench-bounds.sh, not here. */
#include <glib/gstdio.h>
#include <math.h>
#include <string.h>

#include "vpc-export.h"
#include "vpc-file.h"
#include "vpc-invariants.h"
#include "vpc-layout.h"
#include "vpc-layout-index.h"
#include "vpc-render-private.h"

#define LIMIT VPC_LAYOUT_LIMIT

/* --- helpers ------------------------------------------------------------- */

static VpcDesign *
load (const char *text)
{
  g_autoptr(GBytes) bytes = g_bytes_new (text, strlen (text));
  g_autoptr(GError) error = NULL;
  VpcDesign *design = vpc_file_load_bytes (bytes, NULL, &error);

  g_assert_no_error (error);
  g_assert_nonnull (design);
  return design;
}

/* A design file with one AZ, two subnets, an interface endpoint, a NAT
 * gateway and a workload; @extra is spliced into the top-level object and
 * the element lists take their layouts from the arguments ("" = none). */
static char *
design_text (const char *name,
             const char *az_layout,
             const char *endpoint_layout,
             const char *workload_layout)
{
  return g_strdup_printf (
    "{\"format\":\"vpc-designer\",\"version\":1,\"region\":\"us-east-1\",\"name\":\"%s\","
    "\"vpc\":{\"cidr\":\"10.0.0.0/16\"},"
    "\"availability_zones\":[{\"id\":\"az-a\"%s},{\"id\":\"az-b\"}],"
    "\"subnets\":[{\"id\":\"sn-a\",\"az\":\"az-a\",\"cidr\":\"10.0.1.0/24\"},"
    "{\"id\":\"sn-a2\",\"az\":\"az-a\",\"cidr\":\"10.0.3.0/24\"},"
    "{\"id\":\"sn-b\",\"az\":\"az-b\",\"cidr\":\"10.0.2.0/24\"}],"
    "\"endpoints\":[{\"id\":\"ep\",\"service\":\"logs\",\"subnets\":[\"sn-a\",\"sn-b\"]%s}],"
    "\"nat_gateways\":[{\"id\":\"nat\",\"subnet\":\"sn-a\"}],"
    "\"workloads\":[{\"id\":\"w\",\"kind\":\"training_job\",\"subnets\":[\"sn-a\"]%s},"
    "{\"id\":\"w2\",\"kind\":\"processing_job\",\"subnets\":[\"sn-b\"]}]}",
    name, az_layout, endpoint_layout, workload_layout);
}

static void
assert_rect_valid (const VpcRect *r)
{
  g_assert_true (r->x >= -LIMIT && r->x <= LIMIT);
  g_assert_true (r->y >= -LIMIT && r->y <= LIMIT);
  g_assert_true (r->w > 0 && r->w <= LIMIT);
  g_assert_true (r->h > 0 && r->h <= LIMIT);
}

/* Every element is laid out with values the loader accepts, the design
 * passes the loader's checks, is contained, and saves to a file that loads
 * and saves again to the same bytes. */
static void
assert_sound (VpcDesign *design)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(VpcDesign) again = NULL;
  g_autofree char *text = NULL;
  g_autofree char *text2 = NULL;
  const VpcDesignInfo *info = vpc_design_get_info (design);

  g_assert_true (info->has_vpc_layout);
  assert_rect_valid (&info->vpc_layout);
  for (guint k = 0; k < VPC_N_KINDS; k++)
    for (guint i = 0; i < vpc_design_get_n_elements (design, k); i++)
      {
        const VpcElement *e = vpc_design_get_element (design, k, i);

        g_assert_true (e->has_layout);
        assert_rect_valid (&e->layout);
      }
  g_assert_true (vpc_invariants_check_design (design, VPC_INVARIANTS_PLACE_FILE, &error));
  g_assert_no_error (error);
  g_assert_true (vpc_layout_is_contained (design));

  text = vpc_file_serialize (design, NULL);
  again = load (text);
  text2 = vpc_file_serialize (again, NULL);
  g_assert_cmpstr (text, ==, text2);
}

static const VpcRect *
layout_of (VpcDesign  *design,
           const char *id)
{
  const VpcElement *e = vpc_design_lookup (design, id);

  g_assert_nonnull (e);
  g_assert_true (e->has_layout);
  return &e->layout;
}

static gboolean
rect_inside (const VpcRect *outer,
             const VpcRect *inner)
{
  return inner->x >= outer->x && inner->y >= outer->y &&
         inner->x + inner->w <= outer->x + outer->w &&
         inner->y + inner->h <= outer->y + outer->h;
}

/* --- the occupancy index ------------------------------------------------- */

static void
test_index_cells (void)
{
  g_autoptr(VpcLayoutIndex) index = vpc_layout_index_new (24);
  VpcRect icon = { 10, 10, 72, 72 };
  VpcRect huge = { -LIMIT, 5e6, LIMIT, LIMIT };
  VpcRect next_to = { 10 + 4 * 24, 10, 72, 72 };
  VpcRect on_huge = { -1234, 9e6, 72, 72 };

  vpc_layout_index_add (index, &icon);
  /* 72 units from 10 touch cells 0–3 on each axis. */
  g_assert_cmpuint (vpc_layout_index_get_n_cells (index), ==, 16);
  g_assert_false (vpc_layout_index_is_free (index, &icon));
  g_assert_true (vpc_layout_index_is_free (index, &next_to));

  /* 1e7 square marks a coarse grid, never more than 8 x 8 cells. */
  vpc_layout_index_add (index, &huge);
  g_assert_cmpuint (vpc_layout_index_get_n_cells (index), <=, 16 + 64);
  g_assert_false (vpc_layout_index_is_free (index, &on_huge));
  g_assert_true (vpc_layout_index_is_free (index, &next_to));
}

/* A row of 100,000 icons in one grid row: with the old key (bx << 32 ^ by
 * through a 32-bit hash) every cell of a row collided; each is found now. */
static void
test_index_row (void)
{
  g_autoptr(VpcLayoutIndex) index = vpc_layout_index_new (24);

  for (guint i = 0; i < 100000; i++)
    {
      VpcRect r = { i * 96.0, 0, 72, 72 };
      vpc_layout_index_add (index, &r);
    }
  g_assert_cmpuint (vpc_layout_index_get_n_cells (index), ==, 100000 * 9);
  for (guint i = 0; i < 100000; i += 997)
    {
      VpcRect taken = { i * 96.0 + 30, 30, 10, 10 };
      VpcRect free_cell = { i * 96.0 + 72, 30, 20, 20 };

      g_assert_false (vpc_layout_index_is_free (index, &taken));
      g_assert_true (vpc_layout_index_is_free (index, &free_cell));
    }
}

/* The probe budget ends any search: afterwards every place is "free". */
static void
test_index_budget (void)
{
  g_autoptr(VpcLayoutIndex) index = vpc_layout_index_new (24);
  VpcRect wall = { 0, 0, 24 * 8 - 1, 24 * 8 - 1 };
  VpcRect probe = { 0, 0, 24 * 8 - 1, 24 * 8 - 1 };
  guint64 refused = 0;

  vpc_layout_index_add (index, &wall);
  while (!vpc_layout_index_is_free (index, &probe))
    refused++;
  /* Each refused probe costs one cell lookup (the first cell is taken). */
  g_assert_cmpuint (refused, ==, VPC_LAYOUT_INDEX_BUDGET);
}

/* --- the automatic layout ------------------------------------------------ */

/* One icon 1e7 square (the documented maximum) or 1e6 wide: loading lays
 * the rest out around it, in bounded time. */
static void
test_layout_huge_icon (void)
{
  static const char *const layouts[] = {
    ",\"layout\":{\"x\":0,\"y\":0,\"w\":1e7,\"h\":1e7}",
    ",\"layout\":{\"x\":0,\"y\":0,\"w\":1000000,\"h\":72}",
    ",\"layout\":{\"x\":-1e7,\"y\":-1e7,\"w\":1e7,\"h\":1e7}",
  };

  for (guint i = 0; i < G_N_ELEMENTS (layouts); i++)
    {
      g_autofree char *text = design_text ("huge icon", "", layouts[i], layouts[i]);
      g_autoptr(VpcDesign) design = load (text);

      assert_sound (design);
      g_assert_cmpfloat (layout_of (design, "ep")->w, >=, 1e6);
    }
}

/* An AZ 1 unit wide used to give its new subnets w -47 (a file the loader
 * refuses); now they get room for an icon and the AZ grows to hold them. */
static void
test_layout_narrow_az (void)
{
  g_autofree char *text = design_text ("narrow", ",\"layout\":{\"x\":24,\"y\":56,\"w\":1,\"h\":1}",
                                       "", "");
  g_autoptr(VpcDesign) design = load (text);
  const VpcRect *az = layout_of (design, "az-a");

  assert_sound (design);
  g_assert_true (rect_inside (az, layout_of (design, "sn-a")));
  g_assert_true (rect_inside (az, layout_of (design, "sn-a2")));
  g_assert_cmpfloat (layout_of (design, "sn-a")->w, >=, 100);
  /* The AZ kept its place. */
  g_assert_cmpfloat (az->x, ==, 24);
  g_assert_cmpfloat (az->y, ==, 56);
}

/* Wide or tall AZs used to give a VPC over the 1e7 limit. */
static void
test_layout_huge_az (void)
{
  static const char *const layouts[] = {
    ",\"layout\":{\"x\":24,\"y\":56,\"w\":1e7,\"h\":300}",
    ",\"layout\":{\"x\":24,\"y\":56,\"w\":420,\"h\":1e7}",
    ",\"layout\":{\"x\":1e7,\"y\":1e7,\"w\":1e7,\"h\":1e7}",
    ",\"layout\":{\"x\":-1e7,\"y\":-1e7,\"w\":1e7,\"h\":1e7}",
    /* Subnets stacked below this one would pass y 1e7. */
    ",\"layout\":{\"x\":0,\"y\":9999900,\"w\":420,\"h\":50}",
  };

  for (guint i = 0; i < G_N_ELEMENTS (layouts); i++)
    {
      g_autofree char *text = design_text ("huge AZ", layouts[i], "", "");
      g_autoptr(VpcDesign) design = load (text);

      g_test_message ("AZ%s", layouts[i]);
      assert_sound (design);
      g_assert_true (rect_inside (&vpc_design_get_info (design)->vpc_layout,
                                  layout_of (design, "az-a")));
    }
}

/* A VPC layout with a position only: the layout starts there, and the
 * subnet laid out in the file stays inside the AZ placed for it. */
static void
test_layout_vpc_origin (void)
{
  static const char text[] =
    "{\"format\":\"vpc-designer\",\"version\":1,\"region\":\"us-east-1\","
    "\"vpc\":{\"cidr\":\"10.0.0.0/16\",\"layout\":{\"x\":9999990,\"y\":-9999990}},"
    "\"availability_zones\":[{\"id\":\"az-a\"},{\"id\":\"az-b\"}],"
    "\"subnets\":[{\"id\":\"sn-a\",\"az\":\"az-a\",\"cidr\":\"10.0.1.0/24\"},"
    "{\"id\":\"sn-b\",\"az\":\"az-b\",\"cidr\":\"10.0.2.0/24\","
    "\"layout\":{\"x\":9999000,\"y\":-9999000}}]}";
  g_autoptr(VpcDesign) design = load (text);

  assert_sound (design);
  g_assert_true (rect_inside (layout_of (design, "az-b"), layout_of (design, "sn-b")));
}

/* --- containment --------------------------------------------------------- */

static double
random_coord (GRand *rand)
{
  switch (g_rand_int_range (rand, 0, 6))
    {
    case 0:
      return LIMIT;
    case 1:
      return -LIMIT;
    case 2:
      return g_rand_double_range (rand, -LIMIT, LIMIT);
    default:
      return g_rand_double_range (rand, -200, 3000);
    }
}

static double
random_size (GRand *rand)
{
  switch (g_rand_int_range (rand, 0, 8))
    {
    case 0:
      return LIMIT;
    case 1:
      return 1e-300;
    case 2:
      return 1;
    case 3:
      return g_rand_double_range (rand, 1, LIMIT);
    default:
      return g_rand_double_range (rand, 10, 900);
    }
}

static void
random_layout (GRand      *rand,
               VpcElement *e)
{
  e->has_layout = g_rand_int_range (rand, 0, 10) > 0;
  e->layout = (VpcRect) { random_coord (rand), random_coord (rand),
                          random_size (rand), random_size (rand) };
}

/* A valid design with random (legal) layouts: 1–4 AZs with 0–4 subnets
 * each, NAT gateways and workloads in random subnets. */
static VpcDesign *
random_design (GRand *rand)
{
  VpcDesign *design = vpc_design_new ();
  VpcDesignInfo *info = vpc_design_info_new ();
  guint n_az = g_rand_int_range (rand, 1, 5), n_subnets = 0;

  info->has_vpc_layout = TRUE;
  info->vpc_layout = (VpcRect) { random_coord (rand), random_coord (rand),
                                 random_size (rand), random_size (rand) };
  vpc_design_take_info (design, info);
  for (guint a = 0; a < n_az; a++)
    {
      g_autofree char *az_id = g_strdup_printf ("az-%u", a);
      VpcElement *az = vpc_element_new (VPC_KIND_AZ, az_id);
      guint n = g_rand_int_range (rand, 0, 5);

      random_layout (rand, az);
      vpc_design_take_element (design, az);
      for (guint s = 0; s < n; s++, n_subnets++)
        {
          g_autofree char *id = g_strdup_printf ("sn-%u", n_subnets);
          VpcElement *subnet = vpc_element_new (VPC_KIND_SUBNET, id);

          subnet->az = g_strdup (az_id);
          subnet->cidr = g_strdup_printf ("10.0.%u.0/24", n_subnets);
          random_layout (rand, subnet);
          vpc_design_take_element (design, subnet);
        }
    }
  for (guint i = 0; n_subnets > 0 && i < 6; i++)
    {
      g_autofree char *id = g_strdup_printf ("icon-%u", i);
      g_autofree char *subnet = g_strdup_printf ("sn-%u", g_rand_int_range (rand, 0, n_subnets));
      VpcElement *e = vpc_element_new (i % 2 ? VPC_KIND_NAT_GATEWAY : VPC_KIND_WORKLOAD, id);
      const VpcRect *sr = &vpc_design_lookup (design, subnet)->layout;

      if (e->kind == VPC_KIND_NAT_GATEWAY)
        e->subnet = g_strdup (subnet);
      else
        vpc_id_list_add (e->subnets, subnet);
      random_layout (rand, e);
      /* Half of the icons start in their subnet, partly sticking out. */
      if (g_rand_boolean (rand))
        {
          e->layout.x = sr->x + sr->w * g_rand_double (rand) - e->layout.w / 2;
          e->layout.y = sr->y + sr->h * g_rand_double (rand) - e->layout.h / 2;
          e->layout.x = CLAMP (e->layout.x, -LIMIT, LIMIT);
          e->layout.y = CLAMP (e->layout.y, -LIMIT, LIMIT);
        }
      vpc_design_take_element (design, e);
    }
  return design;
}

static void
test_contain_random (void)
{
  guint32 seed = g_test_rand_int ();
  g_autoptr(GRand) rand = g_rand_new_with_seed (seed);

  g_test_message ("seed %u", seed);
  for (guint round = 0; round < 2000; round++)
    {
      g_autoptr(VpcDesign) design = random_design (rand);
      g_autoptr(GError) error = NULL;
      guint64 revision;

      g_assert_true (vpc_invariants_check_design (design, VPC_INVARIANTS_PLACE_FILE, &error));
      vpc_layout_contain (design);
      if (vpc_design_get_last_refusal (design) != NULL)
        g_error ("seed %u, round %u: %s", seed, round, vpc_design_get_last_refusal (design));
      if (!vpc_layout_is_contained (design))
        g_error ("seed %u, round %u: not contained after vpc_layout_contain()", seed, round);
      g_assert_true (vpc_invariants_check_design (design, VPC_INVARIANTS_PLACE_FILE, &error));
      g_assert_no_error (error);

      /* Idempotent: a second call records nothing. */
      revision = vpc_design_get_revision (design);
      vpc_layout_contain (design);
      g_assert_cmpuint (vpc_design_get_revision (design), ==, revision);

      /* One undo step, and undo gives the original layout back. */
      if (vpc_design_get_can_undo (design))
        {
          g_assert_cmpstr (vpc_design_get_undo_label (design), ==,
                           "Keep elements inside their boxes");
          g_assert_true (vpc_design_undo (design));
          g_assert_false (vpc_design_get_can_undo (design));
        }
    }
}

/* The rule, on two small cases: a container grows when it can; a child
 * that cannot be held by growing is moved (and shrunk) inside. */
static void
test_contain_rule (void)
{
  g_autoptr(VpcDesign) design = vpc_design_new ();
  VpcDesignInfo *info = vpc_design_info_new ();
  VpcElement *az = vpc_element_new (VPC_KIND_AZ, "az");
  VpcElement *subnet = vpc_element_new (VPC_KIND_SUBNET, "sn");
  VpcElement *nat = vpc_element_new (VPC_KIND_NAT_GATEWAY, "nat");
  VpcElement *far = vpc_element_new (VPC_KIND_NAT_GATEWAY, "far");
  const VpcRect *r;

  info->has_vpc_layout = TRUE;
  info->vpc_layout = (VpcRect) { 0, 0, LIMIT, 1000 };
  vpc_design_take_info (design, info);
  az->has_layout = TRUE;
  az->layout = (VpcRect) { 100, 100, 400, 300 };
  vpc_design_take_element (design, az);
  subnet->az = g_strdup ("az");
  subnet->cidr = g_strdup ("10.0.1.0/24");
  subnet->has_layout = TRUE;
  subnet->layout = (VpcRect) { 300, 150, 400, 100 }; /* sticks out right */
  vpc_design_take_element (design, subnet);
  nat->subnet = g_strdup ("sn");
  nat->has_layout = TRUE;
  nat->layout = (VpcRect) { 650, 200, 72, 72 }; /* centre in, sticks out */
  vpc_design_take_element (design, nat);
  far->subnet = g_strdup ("sn");
  far->has_layout = TRUE;
  far->layout = (VpcRect) { 5000, 5000, 72, 72 }; /* elsewhere: left alone */
  vpc_design_take_element (design, far);

  g_assert_false (vpc_layout_is_contained (design));
  vpc_layout_contain (design);
  g_assert_true (vpc_layout_is_contained (design));

  /* The subnet grew to the NAT gateway plus the margins (24 right, 28
   * below), the AZ to the subnet (24 right, 24 below); they kept their
   * left and top. */
  r = layout_of (design, "sn");
  g_assert_cmpfloat (r->x, ==, 300);
  g_assert_cmpfloat (r->y, ==, 150);
  g_assert_cmpfloat (r->w, ==, 650 + 72 + 24 - 300);
  g_assert_cmpfloat (r->h, ==, 200 + 72 + 28 - 150);
  r = layout_of (design, "az");
  g_assert_cmpfloat (r->x, ==, 100);
  g_assert_cmpfloat (r->w, ==, 746 + 24 - 100);
  g_assert_cmpfloat (r->h, ==, 300);
  g_assert_cmpfloat (layout_of (design, "nat")->x, ==, 650);
  g_assert_cmpfloat (layout_of (design, "far")->x, ==, 5000);

  /* The AZ dragged left of a VPC that is already 1e7 wide and below it:
   * the AZ grows to its subnet again, the VPC grows down (it can) but not
   * left (it would pass 1e7), so the AZ moves back in by 500 and carries
   * its subnet and the NAT gateway held there along. */
  {
    g_autoptr(VpcElement) copy = vpc_element_copy (vpc_design_lookup (design, "az"));
    const VpcDesignInfo *vpc;

    copy->layout.x = -500;
    copy->layout.y = 900;
    copy->layout.h = 2000;
    g_assert_true (vpc_design_replace_element (design, g_steal_pointer (&copy)));
    vpc_layout_contain (design);
    g_assert_true (vpc_layout_is_contained (design));
    vpc = vpc_design_get_info (design);
    g_assert_cmpfloat (vpc->vpc_layout.x, ==, 0);
    g_assert_cmpfloat (vpc->vpc_layout.w, ==, LIMIT);
    g_assert_cmpfloat (vpc->vpc_layout.h, ==, 2900 + 24);
    r = layout_of (design, "az");
    g_assert_cmpfloat (r->x, ==, 0);
    g_assert_cmpfloat (r->y, ==, 150 - 44);
    g_assert_cmpfloat (r->w, ==, 746 + 24 + 500);
    g_assert_cmpfloat (layout_of (design, "sn")->x, ==, 300 + 500);
    g_assert_cmpfloat (layout_of (design, "sn")->w, ==, 446);
    g_assert_cmpfloat (layout_of (design, "nat")->x, ==, 650 + 500);
    g_assert_cmpfloat (layout_of (design, "far")->x, ==, 5000);
  }
}

/* --- drawing and exports ------------------------------------------------- */

static char *
temp_path (const char *dir,
           const char *name)
{
  return g_build_filename (dir, name, NULL);
}

static void
run_ok (const char *const *argv)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *err = NULL;
  int status;

  g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH | G_SPAWN_STDOUT_TO_DEV_NULL,
                NULL, NULL, NULL, &err, &status, &error);
  g_assert_no_error (error);
  if (!g_spawn_check_wait_status (status, NULL))
    g_error ("%s failed: %s", argv[0], err);
}

static void
assert_pdf (const char *path)
{
  g_autofree char *data = NULL;
  gsize length;

  g_assert_true (g_file_get_contents (path, &data, &length, NULL));
  g_assert_true (g_str_has_prefix (data, "%PDF-"));
  g_assert_nonnull (g_strstr_len (data + length - MIN (length, 32), -1, "%%EOF"));
}

/* Exports @design in every drawing format and checks what a reader would:
 * the PNG loads, the SVG is well-formed XML, the PDF is whole. */
static void
export_all (VpcDesign  *design,
            const char *dir)
{
  static const char *const names[] = { "out.png", "out.svg", "out.pdf" };

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_autofree char *path = temp_path (dir, names[i]);
      g_autoptr(GError) error = NULL;

      if (!vpc_export_to_file (design, path, VPC_THEME_LIGHT, 1.0, &error))
        g_error ("%s: %s", names[i], error->message);
      if (i == 0)
        {
          cairo_surface_t *png = cairo_image_surface_create_from_png (path);

          g_assert_cmpint (cairo_surface_status (png), ==, CAIRO_STATUS_SUCCESS);
          cairo_surface_destroy (png);
        }
      else if (i == 1)
        {
          const char *argv[] = { "xmllint", "--noout", "--nonet", path, NULL };
          run_ok (argv);
        }
      else
        assert_pdf (path);
    }
}

static char *
make_dir (void)
{
  g_autoptr(GError) error = NULL;
  char *dir = g_dir_make_tmp ("vpc-bounds-XXXXXX", &error);

  g_assert_no_error (error);
  return dir;
}

static void
remove_dir (const char *dir)
{
  static const char *const names[] = { "out.png", "out.svg", "out.pdf", "tiny.png" };

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_autofree char *path = temp_path (dir, names[i]);
      g_unlink (path);
    }
  g_assert_cmpint (g_rmdir (dir), ==, 0);
}

/* A legal icon of 1e-300 made PNG and PDF fail ("invalid matrix"). */
static void
test_export_tiny_icon (void)
{
  static const char tiny[] = ",\"layout\":{\"x\":10,\"y\":10,\"w\":1e-300,\"h\":1e-300}";
  g_autofree char  *text
      = design_text ("tiny", ",\"layout\":{\"x\":24,\"y\":56,\"w\":1e-300,\"h\":1}", tiny, tiny);
  g_autoptr(VpcDesign) design = load (text);
  g_autofree char *dir = make_dir ();

  export_all (design, dir);
  remove_dir (dir);
}

/* Scales outside what the export takes are refused with a message that
 * names the range, and nothing is written; the extremes it takes work. */
static void
test_export_scales (void)
{
  static const double refused[] = { 1e-300, 0, -1, 0.009, 100.5, NAN, INFINITY };
  g_autoptr (VpcDesign) design
      = load ("{\"format\":\"vpc-designer\",\"version\":1,\"region\":\"us-east-1\","
              "\"vpc\":{\"cidr\":\"10.0.0.0/16\"}}");
  g_autofree char *dir = make_dir ();
  g_autofree char *path = temp_path (dir, "tiny.png");

  for (guint i = 0; i < G_N_ELEMENTS (refused); i++)
    {
      g_autoptr(GError) error = NULL;

      g_assert_false (vpc_export_to_file (design, path, VPC_THEME_LIGHT, refused[i], &error));
      g_assert_error (error, VPC_EXPORT_ERROR, VPC_EXPORT_ERROR_FAILED);
      g_assert_nonnull (strstr (error->message, "use a scale from 0.01 to 100"));
      g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
    }
  g_assert_true (vpc_export_to_file (design, path, VPC_THEME_LIGHT, VPC_EXPORT_MIN_SCALE, NULL));
  g_assert_true (g_file_test (path, G_FILE_TEST_IS_REGULAR));
  remove_dir (dir);
}

/* A page of some 1e7 x 1e7 units is drawn within the PNG limits (not as
 * 100 terapixels), and the PDF and SVG still come out whole. */
static void
test_export_huge_page (void)
{
  static const char huge[] = ",\"layout\":{\"x\":-1e7,\"y\":0,\"w\":1e7,\"h\":1e7}";
  g_autofree char *text = design_text ("huge page", "", huge, "");
  g_autoptr(VpcDesign) design = load (text);
  g_autofree char *dir = make_dir ();
  g_autofree char *png_path = temp_path (dir, "out.png");
  cairo_surface_t *png;
  double w, h;

  export_all (design, dir);
  png = cairo_image_surface_create_from_png (png_path);
  w = cairo_image_surface_get_width (png);
  h = cairo_image_surface_get_height (png);
  g_assert_cmpfloat (w, <=, VPC_EXPORT_PNG_MAX_SIDE);
  g_assert_cmpfloat (h, <=, VPC_EXPORT_PNG_MAX_SIDE);
  g_assert_cmpfloat (w * h, <=, VPC_EXPORT_PNG_MAX_PIXELS);
  /* The drawing keeps its shape: about as wide as tall. */
  g_assert_cmpfloat (fabs (w / h - 1), <, 0.1);
  cairo_surface_destroy (png);
  remove_dir (dir);
}

/* The renderer keeps any scale it is given within what cairo can invert. */
static void
test_render_extreme_scale (void)
{
  static const double scales[] = { 1e-300, 1e-9, 1e-6, 0.01, 100, 1000, 1e9, 1e300 };
  g_autofree char *text = design_text ("scale", "", "", "");
  g_autoptr(VpcDesign) design = load (text);

  for (guint i = 0; i < G_N_ELEMENTS (scales); i++)
    {
      cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, 64, 64);
      cairo_t *cr = cairo_create (surface);
      VpcRenderOptions options;

      vpc_render_options_init (&options);
      options.scale = scales[i];
      options.title_block = TRUE;
      vpc_render_design (cr, design, &options);
      g_assert_cmpint (cairo_status (cr), ==, CAIRO_STATUS_SUCCESS);
      cairo_destroy (cr);
      cairo_surface_destroy (surface);
    }
}

/* Names with noncharacters, controls and bidi marks (all accepted by the
 * loader) export to a PDF cairo finishes and to SVG that is XML. */
static void
test_export_noncharacters (void)
{
  static const char name[] = "A\\ufdd0B\\ufdef\\uffff C\\ufffe\\ud83f\\udffe \\u202eevil\\u202c "
                             "\\u0001\\u001b[2J\\u007f\\u0085 &<>";
  g_autofree char *text = design_text (name, "", "", "");
  g_autoptr(VpcDesign) design = NULL;
  g_autofree char *dir = make_dir ();
  g_autofree char *svg_path = temp_path (dir, "out.svg");
  g_autofree char *svg = NULL;

  /* The subnet's and the endpoint's names too. */
  {
    g_autoptr(GString) s = g_string_new (text);

    g_string_replace (s, "\"id\":\"sn-a\"", "\"id\":\"sn-a\",\"name\":\"\\uffffsub\\ufdd5\"", 1);
    g_string_replace (s, "\"id\":\"ep\"", "\"id\":\"ep\",\"name\":\"e\\ud83f\\udfff\\u0007p\"", 1);
    design = load (s->str);
  }
  g_assert_true (strstr (vpc_design_get_info (design)->name, "\xef\xb7\x90") != NULL);
  export_all (design, dir);
  g_assert_true (g_file_get_contents (svg_path, &svg, NULL, NULL));
  g_assert_null (strstr (svg, "\xef\xbf\xbf"));   /* U+FFFF */
  g_assert_null (strstr (svg, "\xef\xb7\x90"));   /* U+FDD0 */
  g_assert_null (strstr (svg, "\x1b"));
  g_assert_nonnull (strstr (svg, "A\xef\xbf\xbd" "B"));     /* U+FFFD stands in */
  g_assert_nonnull (strstr (svg, "\xe2\x80\xae" "evil"));   /* bidi marks stay */
  g_assert_nonnull (strstr (svg, "&amp;&lt;&gt;"));
  remove_dir (dir);
}

static void
test_clean_text (void)
{
  static const struct
  {
    const char *in;
    gsize       max;
    const char *out; /* NULL: unchanged */
  } cases[] = {
    { "plain ASCII", 100, NULL },
    { "caf\xc3\xa9 \xe5\x90\x8d", 100, NULL },
    { "\xe2\x80\xae" "bidi", 100, NULL },
    { "a\tb\nc\rd", 100, "a b c d" },
    { "a\x01" "b\x7f" "c\xc2\x85" "d", 100, "a\xef\xbf\xbd" "b\xef\xbf\xbd" "c\xef\xbf\xbd" "d" },
    { "x\xef\xb7\x90y\xef\xbf\xbe" "z\xf0\x9f\xbf\xbf", 100,
      "x\xef\xbf\xbdy\xef\xbf\xbdz\xef\xbf\xbd" },
    { "bad\xff" "byte\xc3", 100, "bad\xef\xbf\xbd" "byte\xef\xbf\xbd" },
    { "abcdef", 6, NULL },
    { "abcdefg", 6, "abcdef\xe2\x80\xa6" },
    { "\xc3\xa9\xc3\xa9\xc3\xa9", 2, "\xc3\xa9\xc3\xa9\xe2\x80\xa6" },
    { "", 0, NULL },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *out = vpc_render_clean_text (cases[i].in, cases[i].max);

      g_test_message ("case %u", i);
      g_assert_cmpstr (out, ==, cases[i].out);
      if (out != NULL)
        g_assert_true (g_utf8_validate (out, -1, NULL));
    }
}

/* A label is cut to what its width can show before pango sees it: a name
 * of 6 MB (60 MB in tools/bench-bounds.sh) comes out as a short prefix. */
static void
test_text_shortened (void)
{
  gsize big = 6 * 1000 * 1000;
  g_autofree char *name = g_malloc (big + 1);
  g_autofree char *label = NULL;
  g_autofree char *unbounded = NULL;
  g_autofree char *text = NULL;
  g_autoptr(VpcDesign) design = NULL;
  g_autofree char *dir = make_dir ();
  g_autofree char *svg_path = temp_path (dir, "out.svg");
  g_autofree char *svg = NULL;
  gsize svg_length;

  memset (name, 'm', big);
  name[big] = '\0';
  label = vpc_render_text_prepare (VPC_FONT_LABEL, name, 108);
  g_assert_nonnull (label);
  /* 108 units at the label's size hold at most ceil (108 / (0.2 px)) + 1
   * characters, then "…". */
  g_assert_cmpuint (g_utf8_strlen (label, -1), ==,
                    (guint) ceil (108 / (0.2 * vpc_render_font_px (VPC_FONT_LABEL))) + 1 + 1);
  g_assert_true (g_str_has_suffix (label, "\xe2\x80\xa6"));
  unbounded = vpc_render_text_prepare (VPC_FONT_TITLE, name, -1);
  g_assert_cmpuint (g_utf8_strlen (unbounded, -1), ==, VPC_RENDER_TEXT_MAX_CHARS + 1);
  /* Short labels are left alone (no copy). */
  g_assert_null (vpc_render_text_prepare (VPC_FONT_LABEL, "Private A", 108));

  text = design_text (name, "", "", "");
  design = load (text);
  export_all (design, dir);
  g_assert_true (g_file_get_contents (svg_path, &svg, &svg_length, NULL));
  g_assert_cmpuint (svg_length, <, 200 * 1000);
  g_assert_nonnull (strstr (svg, "mmmmmmmmmm\xe2\x80\xa6"));
  remove_dir (dir);
}

typedef struct
{
  guint n;
  guint outside;
} EniCount;

static void
count_eni (const VpcElement *endpoint,
           const VpcElement *subnet,
           const VpcRect    *marker,
           gpointer          data)
{
  EniCount *count = data;

  count->n++;
  if (!(marker->w > 0) || !rect_inside (&subnet->layout, marker))
    count->outside++;
}

/* Network-interface chips are drawn inside their subnet's box, whatever
 * its size and however many endpoints it serves. */
static void
test_eni_inside (void)
{
  static const VpcRect subnets[] = {
    { 0.1, 0.3, 1, 1 }, { 10, 10, 30, 30 }, { -LIMIT, LIMIT, 1e-300, 1e-300 },
    { 100, 100, 372, 176 }, { 3, 7, LIMIT, 20 },
  };

  for (guint s = 0; s < G_N_ELEMENTS (subnets); s++)
    {
      g_autoptr(VpcDesign) design = vpc_design_new ();
      VpcElement *az = vpc_element_new (VPC_KIND_AZ, "az");
      VpcElement *subnet = vpc_element_new (VPC_KIND_SUBNET, "sn");
      VpcRenderOptions options;
      VpcRenderCtx ctx = { 0 };
      EniCount count = { 0 };

      vpc_design_take_element (design, az);
      subnet->az = g_strdup ("az");
      subnet->cidr = g_strdup ("10.0.1.0/24");
      subnet->has_layout = TRUE;
      subnet->layout = subnets[s];
      vpc_design_take_element (design, subnet);
      for (guint i = 0; i < 60; i++)
        {
          g_autofree char *id = g_strdup_printf ("ep-%u", i);
          VpcElement *ep = vpc_element_new (VPC_KIND_ENDPOINT, id);

          ep->service = g_strdup ("logs");
          vpc_id_list_add (ep->subnets, "sn");
          vpc_design_take_element (design, ep);
        }
      vpc_render_options_init (&options);
      ctx.design = design;
      ctx.info = vpc_design_get_info (design);
      ctx.options = &options;
      vpc_render_foreach_eni (&ctx, count_eni, &count);
      g_assert_cmpuint (count.n, ==, 60);
      g_assert_cmpuint (count.outside, ==, 0);
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/bounds/index/cells", test_index_cells);
  g_test_add_func ("/bounds/index/row", test_index_row);
  g_test_add_func ("/bounds/index/budget", test_index_budget);
  g_test_add_func ("/bounds/layout/huge-icon", test_layout_huge_icon);
  g_test_add_func ("/bounds/layout/narrow-az", test_layout_narrow_az);
  g_test_add_func ("/bounds/layout/huge-az", test_layout_huge_az);
  g_test_add_func ("/bounds/layout/vpc-origin", test_layout_vpc_origin);
  g_test_add_func ("/bounds/contain/rule", test_contain_rule);
  g_test_add_func ("/bounds/contain/random", test_contain_random);
  g_test_add_func ("/bounds/render/extreme-scale", test_render_extreme_scale);
  g_test_add_func ("/bounds/render/eni-inside", test_eni_inside);
  g_test_add_func ("/bounds/text/clean", test_clean_text);
  g_test_add_func ("/bounds/text/shortened", test_text_shortened);
  g_test_add_func ("/bounds/export/tiny-icon", test_export_tiny_icon);
  g_test_add_func ("/bounds/export/scales", test_export_scales);
  g_test_add_func ("/bounds/export/huge-page", test_export_huge_page);
  g_test_add_func ("/bounds/export/noncharacters", test_export_noncharacters);

  return g_test_run ();
}
