/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-guard.c: the design's invariant guard (vpc-invariants.h): edits that
 * would make an unsaveable design are refused whole, edits a user clearly
 * means carry their consequences in the same undo step. */
#include <math.h>
#include <string.h>

#include "vpc-design.h"
#include "vpc-file.h"
#include "vpc-invariants.h"
#include "vpc-layout.h"

static VpcElement *
make_subnet (const char *id,
             const char *az,
             const char *cidr)
{
  VpcElement *e = vpc_element_new (VPC_KIND_SUBNET, id);

  e->az = g_strdup (az);
  e->cidr = g_strdup (cidr);
  return e;
}

/* Two AZs, a subnet in each, an interface endpoint with a network interface
 * in both, a group and a job. */
static VpcDesign *
make_design (void)
{
  VpcDesign *design = vpc_design_new ();
  VpcElement *e;

  g_assert_true (vpc_design_add_element (design, vpc_element_new (VPC_KIND_AZ, "az-1"), -1));
  g_assert_true (vpc_design_add_element (design, vpc_element_new (VPC_KIND_AZ, "az-2"), -1));
  g_assert_true (
      vpc_design_add_element (design, make_subnet ("subnet-1", "az-1", "10.0.1.0/24"), -1));
  g_assert_true (
      vpc_design_add_element (design, make_subnet ("subnet-2", "az-2", "10.0.2.0/24"), -1));
  g_assert_true (
      vpc_design_add_element (design, vpc_element_new (VPC_KIND_SECURITY_GROUP, "sg-1"), -1));
  e = vpc_element_new (VPC_KIND_ENDPOINT, "ep-logs");
  e->service = g_strdup ("logs");
  vpc_id_list_add (e->subnets, "subnet-1");
  vpc_id_list_add (e->subnets, "subnet-2");
  vpc_id_list_add (e->security_groups, "sg-1");
  g_assert_true (vpc_design_add_element (design, e, -1));
  e = vpc_element_new (VPC_KIND_WORKLOAD, "train");
  vpc_id_list_add (e->subnets, "subnet-1");
  g_assert_true (vpc_design_add_element (design, e, -1));
  vpc_design_clear_history (design);
  return design;
}

static void
count_cb (GObject    *object,
          const char *message,
          gpointer    data)
{
  char **last = data;

  g_free (*last);
  *last = g_strdup (message);
}

static char *
reload (const char *text)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = g_bytes_new (text, strlen (text));
  g_autoptr(VpcDesign) again = vpc_file_load_bytes (bytes, NULL, &error);

  g_assert_no_error (error);
  return vpc_file_serialize (again, NULL);
}

/* Whatever the design holds saves to a file that loads (the loader only adds
 * the automatic layout) and then saves byte-identically. */
static void
assert_saveable (VpcDesign *design)
{
  g_autofree char *text = vpc_file_serialize (design, NULL);
  g_autofree char *once = reload (text);
  g_autofree char *twice = reload (once);

  g_assert_cmpstr (once, ==, twice);
}

/* Moving subnet-1 into az-2, where subnet-2 holds the other interface of
 * ep-logs, takes subnet-1 out of ep-logs in the same undo step. */
static void
test_move_subnet_releases_interface (void)
{
  g_autoptr(VpcDesign) design = make_design ();
  g_autofree char *before = vpc_file_serialize (design, NULL);
  g_autofree char *after = NULL, *undone = NULL, *notice = NULL, *refusal = NULL;
  VpcElement *copy = vpc_element_copy (vpc_design_lookup (design, "subnet-1"));
  const VpcElement *ep;

  g_signal_connect (design, "edit-notice", G_CALLBACK (count_cb), &notice);
  g_signal_connect (design, "edit-refused", G_CALLBACK (count_cb), &refusal);
  g_free (copy->az);
  copy->az = g_strdup ("az-2");
  g_assert_true (vpc_design_replace_element (design, copy));
  g_assert_null (refusal);
  g_assert_nonnull (notice);
  g_assert_nonnull (strstr (notice, "ep-logs"));
  ep = vpc_design_lookup (design, "ep-logs");
  g_assert_cmpuint (ep->subnets->len, ==, 1);
  g_assert_cmpstr (g_ptr_array_index (ep->subnets, 0), ==, "subnet-2");
  g_assert_cmpstr (vpc_design_lookup (design, "subnet-1")->az, ==, "az-2");
  assert_saveable (design);
  after = vpc_file_serialize (design, NULL);

  /* One step back gives the original bytes, one forward the result. */
  g_assert_true (vpc_design_undo (design));
  g_assert_false (vpc_design_get_can_undo (design));
  undone = vpc_file_serialize (design, NULL);
  g_assert_cmpstr (undone, ==, before);
  g_assert_true (vpc_design_redo (design));
  g_free (undone);
  undone = vpc_file_serialize (design, NULL);
  g_assert_cmpstr (undone, ==, after);
}

/* A refused edit changes nothing, records nothing and says why. */
static void
test_refused_edits (void)
{
  g_autoptr(VpcDesign) design = make_design ();
  g_autofree char *before = vpc_file_serialize (design, NULL);
  g_autofree char *refusal = NULL;
  struct { const char *what; VpcElement *edit; } cases[6];
  VpcElement *e;
  VpcSgRule rule = { VPC_PROTOCOL_TCP, 443, 443, NULL };

  g_signal_connect (design, "edit-refused", G_CALLBACK (count_cb), &refusal);

  e = vpc_element_copy (vpc_design_lookup (design, "subnet-1"));
  g_free (e->az);
  e->az = g_strdup ("az-9");
  cases[0].what = "az-9";
  cases[0].edit = e;
  e = vpc_element_copy (vpc_design_lookup (design, "subnet-1"));
  g_free (e->cidr);
  e->cidr = g_strdup ("10.0.1.5/24");
  cases[1].what = "host bits";
  cases[1].edit = e;
  e = vpc_element_copy (vpc_design_lookup (design, "ep-logs"));
  e->endpoint_type = VPC_ENDPOINT_GATEWAY;
  cases[2].what = "only for s3";
  cases[2].edit = e;
  e = vpc_element_copy (vpc_design_lookup (design, "train"));
  e->instance_count = 0;
  cases[3].what = "instance_count";
  cases[3].edit = e;
  e = vpc_element_copy (vpc_design_lookup (design, "sg-1"));
  rule.peer = g_strdup ("sg-missing");
  g_array_append_val (e->ingress, rule);
  cases[4].what = "sg-missing";
  cases[4].edit = e;
  e = vpc_element_copy (vpc_design_lookup (design, "train"));
  e->has_layout = TRUE;
  e->layout = (VpcRect) { 0, 0, 2e7, 10 };
  cases[5].what = "layout.w";
  cases[5].edit = e;

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *now = NULL;

      g_clear_pointer (&refusal, g_free);
      g_assert_false (vpc_design_replace_element (design, cases[i].edit));
      g_assert_nonnull (refusal);
      g_assert_nonnull (strstr (refusal, cases[i].what));
      g_assert_cmpstr (vpc_design_get_last_refusal (design), ==, refusal);
      g_assert_false (vpc_design_get_can_undo (design));
      now = vpc_file_serialize (design, NULL);
      g_assert_cmpstr (now, ==, before);
    }

  /* A replacement that only moves a box takes the guard's short way (its
   * box alone is checked); a box the format refuses is still refused. */
  e = vpc_element_copy (vpc_design_lookup (design, "train"));
  e->has_layout = TRUE;
  e->layout = (VpcRect) { 40, 40, 72, 72 };
  g_assert_true (vpc_design_replace_element (design, e));
  e = vpc_element_copy (vpc_design_lookup (design, "train"));
  e->layout.w = NAN;
  g_clear_pointer (&refusal, g_free);
  g_assert_false (vpc_design_replace_element (design, e));
  g_assert_nonnull (refusal);
  g_assert_nonnull (strstr (refusal, "layout.w"));
  g_assert_cmpfloat (vpc_design_lookup (design, "train")->layout.w, ==, 72);
  g_assert_true (vpc_design_undo (design));
  {
    g_autofree char *now = vpc_file_serialize (design, NULL);

    g_assert_cmpstr (now, ==, before);
  }

  /* Removing an AZ alone would leave its subnets without one. */
  g_clear_pointer (&refusal, g_free);
  g_assert_false (vpc_design_remove_element (design, "az-1"));
  g_assert_nonnull (refusal);
  /* A transaction is judged as a whole at its commit. */
  vpc_design_begin (design, "Two steps");
  g_assert_true (vpc_design_remove_element (design, "az-1"));
  g_assert_false (vpc_design_commit (design));
  {
    g_autofree char *now = vpc_file_serialize (design, NULL);

    g_assert_cmpstr (now, ==, before);
  }
  /* Delete cascades and passes. */
  {
    const char *ids[] = { "az-1" };

    g_assert_true (vpc_design_delete (design, ids, 1));
    g_assert_null (vpc_design_lookup (design, "subnet-1"));
    assert_saveable (design);
  }
  /* A duplicate id is refused, not a critical. */
  g_assert_false (vpc_design_add_element (design, vpc_element_new (VPC_KIND_AZ, "az-2"), -1));
}

/* Fields that no longer apply are reset in the same step, so the design
 * saves and loads back equal. */
static void
test_normalized (void)
{
  g_autoptr(VpcDesign) design = make_design ();
  VpcElement *e = vpc_element_copy (vpc_design_lookup (design, "ep-logs"));
  VpcSgRule rule = { VPC_PROTOCOL_ICMP, 443, 443, NULL };

  g_free (e->service);
  e->service = g_strdup ("s3");
  e->endpoint_type = VPC_ENDPOINT_GATEWAY;
  e->private_dns = FALSE;
  g_assert_true (vpc_design_replace_element (design, e));
  e = (VpcElement *) vpc_design_lookup (design, "ep-logs");
  g_assert_cmpuint (e->security_groups->len, ==, 0);
  g_assert_true (e->private_dns);

  e = vpc_element_copy (vpc_design_lookup (design, "sg-1"));
  rule.peer = g_strdup ("self");
  g_array_append_val (e->ingress, rule);
  g_assert_true (vpc_design_replace_element (design, e));
  e = (VpcElement *) vpc_design_lookup (design, "sg-1");
  g_assert_cmpuint (g_array_index (e->ingress, VpcSgRule, 0).port_from, ==, 0);
  g_assert_cmpuint (g_array_index (e->ingress, VpcSgRule, 0).port_to, ==, 65535);

  e = vpc_element_copy (vpc_design_lookup (design, "train"));
  e->direct_internet_access = FALSE;
  g_assert_true (vpc_design_replace_element (design, e));
  g_assert_true (vpc_design_lookup (design, "train")->direct_internet_access);
  assert_saveable (design);
  /* Each normalized edit was one step; the last changed nothing a file
   * holds, so it is no step at all. */
  g_assert_true (vpc_design_undo (design));
  g_assert_true (vpc_design_undo (design));
  g_assert_false (vpc_design_get_can_undo (design));
}

/* A refusal names the element by a name a person can read, even when the
 * name itself is the fault or runs for pages (found by test-random-edits). */
static void
test_refusal_readable (void)
{
  g_autoptr(VpcDesign) design = make_design ();
  VpcElement *e = vpc_element_copy (vpc_design_lookup (design, "train"));
  const char *refusal;

  g_free (e->name);
  e->name = g_strdup ("Train \xc3");
  g_assert_false (vpc_design_replace_element (design, e));
  refusal = vpc_design_get_last_refusal (design);
  g_assert_true (g_utf8_validate (refusal, -1, NULL));
  g_assert_nonnull (strstr (refusal, "not valid UTF-8"));

  e = vpc_element_copy (vpc_design_lookup (design, "train"));
  g_free (e->name);
  e->name = g_strnfill (100000, 'n');
  e->instance_count = 0;
  g_assert_false (vpc_design_replace_element (design, e));
  refusal = vpc_design_get_last_refusal (design);
  g_assert_nonnull (strstr (refusal, "instance_count"));
  g_assert_cmpuint (strlen (refusal), <, 400);
}

/* A fresh id made from a long one (a copy of an element with a 64-character
 * id, a quick fix's group for such an endpoint) is still a valid id (found
 * by test-random-edits: the quick fix's new group was refused). */
static void
test_make_id_long_prefix (void)
{
  g_autoptr(VpcDesign) design = make_design ();
  g_autofree char *long_id = g_strnfill (64, 'a');
  g_autofree char *prefix = g_strconcat ("sg-", long_id, NULL);
  g_autofree char *first = NULL;
  g_autofree char *second = NULL;

  g_assert_true (vpc_design_rename (design, "ep-logs", long_id, NULL));
  first = vpc_design_make_id (design, prefix);
  g_assert_true (vpc_id_is_valid (first));
  g_assert_true (
      vpc_design_add_element (design, vpc_element_new (VPC_KIND_SECURITY_GROUP, first), -1));
  second = vpc_design_make_id (design, prefix);
  g_assert_true (vpc_id_is_valid (second));
  g_assert_cmpstr (first, !=, second);
  g_assert_true (g_str_has_prefix (second, "sg-aaa"));
}

/* The loader and the guard share one list: messages keep the file's place. */
static void
test_file_places (void)
{
  g_autoptr(VpcDesign) design = make_design ();
  g_autoptr(GError) error = NULL;

  g_assert_true (vpc_invariants_check_design (design, VPC_INVARIANTS_PLACE_FILE, &error));
  g_assert_true (vpc_sg_peer_is_group ("sg-1"));
  g_assert_false (vpc_sg_peer_is_group ("self"));
  g_assert_false (vpc_sg_peer_is_group ("0.0.0.0/0"));
  g_assert_false (vpc_sg_peer_is_group ("prefix-list:s3"));
  g_assert_true (vpc_region_is_valid ("eu-central-1"));
  g_assert_false (vpc_region_is_valid ("EU"));
  g_assert_false (vpc_region_is_valid (""));
}

static gboolean
overlap (const VpcRect *a,
         const VpcRect *b)
{
  return a->x < b->x + b->w && b->x < a->x + a->w && a->y < b->y + b->h && b->y < a->y + a->h;
}

/* An example with a layout, as the app opens it. */
static VpcDesign *
load_laid_out_example (void)
{
  g_autofree char *path = g_build_filename (g_getenv ("VPC_EXAMPLES_DIR"),
                                            "two-az-training-and-hosting.vpcd.json", NULL);
  g_autoptr(GError) error = NULL;
  VpcDesign *design = vpc_file_load_path (path, NULL, &error);

  g_assert_no_error (error);
  return design;
}

/* The inspector path of issue 9 on a laid-out example: the subnet is drawn
 * inside its new AZ, clear of every icon, and the file opens again. */
static void
test_move_subnet_is_drawn_there (void)
{
  g_autoptr(VpcDesign) design = load_laid_out_example ();
  const VpcElement *subnet, *az;
  VpcElement *copy;

  copy = vpc_element_copy (vpc_design_lookup (design, "private-b"));
  g_free (copy->az);
  copy->az = g_strdup (vpc_design_lookup (design, "private-a")->az);
  g_assert_true (vpc_design_replace_element (design, copy));
  subnet = vpc_design_lookup (design, "private-b");
  az = vpc_design_lookup (design, subnet->az);
  g_assert_true (subnet->layout.x >= az->layout.x && subnet->layout.y >= az->layout.y);
  g_assert_true (subnet->layout.x + subnet->layout.w <= az->layout.x + az->layout.w);
  g_assert_true (subnet->layout.y + subnet->layout.h <= az->layout.y + az->layout.h);
  g_assert_true (vpc_layout_is_contained (design));
  for (guint k = VPC_KIND_SECURITY_GROUP; k < VPC_N_KINDS; k++)
    for (guint i = 0; i < vpc_design_get_n_elements (design, k); i++)
      {
        const VpcElement *e = vpc_design_get_element (design, k, i);

        if (k == VPC_KIND_SECURITY_GROUP || k == VPC_KIND_ENDPOINT)
          g_assert_false (overlap (&e->layout, &az->layout));
      }
  assert_saveable (design);
  /* One undo step, back to the original bytes. */
  g_assert_true (vpc_design_undo (design));
  g_assert_false (vpc_design_get_can_undo (design));
}

/* An in-place edit of a design that passed the whole check just before
 * takes the guard's short way (the edited element alone is checked): what
 * that element breaks is still refused, worded as the whole check words it,
 * and nothing changes. */
static void
test_refused_after_check (void)
{
  static const struct { const char *id, *what; } cases[] = {
    { "train", "instance_count" },
    { "subnet-1", "host bits" },
    { "subnet-1", "az-9" },
    { "ep-logs", "only for s3" },
    { "ep-logs", "sg-missing" },
    { "sg-1", "sg-missing" },
  };
  g_autoptr(VpcDesign) design = make_design ();
  g_autofree char *refusal = NULL;

  g_signal_connect (design, "edit-refused", G_CALLBACK (count_cb), &refusal);
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *name = g_strdup_printf ("Train %u", i);
      g_autofree char *before = NULL, *now = NULL, *full = NULL;
      VpcElement *e = vpc_element_copy (vpc_design_lookup (design, "train"));
      VpcSgRule rule = { VPC_PROTOCOL_TCP, 443, 443, NULL };
      g_autoptr(GError) error = NULL;

      /* A step the whole check passes. */
      g_free (e->name);
      e->name = g_strdup (name);
      g_assert_true (vpc_design_replace_element (design, e));
      before = vpc_file_serialize (design, NULL);

      e = vpc_element_copy (vpc_design_lookup (design, cases[i].id));
      switch (i)
        {
        case 0:
          e->instance_count = 0;
          break;
        case 1:
          g_free (e->cidr);
          e->cidr = g_strdup ("10.0.1.5/24");
          break;
        case 2:
          g_free (e->az);
          e->az = g_strdup ("az-9");
          break;
        case 3:
          e->endpoint_type = VPC_ENDPOINT_GATEWAY;
          break;
        case 4:
          vpc_id_list_add (e->security_groups, "sg-missing");
          break;
        default:
          rule.peer = g_strdup ("sg-missing");
          g_array_append_val (e->egress, rule);
        }
      g_clear_pointer (&refusal, g_free);
      g_assert_false (vpc_design_replace_element (design, e));
      g_assert_nonnull (refusal);
      g_assert_nonnull (strstr (refusal, cases[i].what));
      now = vpc_file_serialize (design, NULL);
      g_assert_cmpstr (now, ==, before);
      g_assert_true (vpc_invariants_check_design (design, VPC_INVARIANTS_PLACE_ELEMENT, &error));
    }
}

/* An edit that gives a workload another first subnet, its centre lying in
 * that subnet, draws it wholly inside in the same step; an edit of a field
 * the drawing does not place by (its instance count) moves nothing. */
static void
test_reparent_workload_is_drawn_there (void)
{
  g_autoptr(VpcDesign) design = load_laid_out_example ();
  const VpcElement *workload = NULL, *subnet = NULL;
  VpcRect before;
  VpcElement *copy;

  for (guint i = 0; workload == NULL && i < vpc_design_get_n_elements (design, VPC_KIND_WORKLOAD); i++)
    {
      const VpcElement *w = vpc_design_get_element (design, VPC_KIND_WORKLOAD, i);

      if (vpc_layout_container_of (w) != NULL)
        workload = w;
    }
  g_assert_nonnull (workload);
  for (guint i = 0; subnet == NULL && i < vpc_design_get_n_elements (design, VPC_KIND_SUBNET); i++)
    {
      const VpcElement *sn = vpc_design_get_element (design, VPC_KIND_SUBNET, i);

      if (strcmp (sn->id, vpc_layout_container_of (workload)) != 0 &&
          !overlap (&sn->layout, &workload->layout))
        subnet = sn;
    }
  g_assert_nonnull (subnet);
  g_assert_true (vpc_layout_is_contained (design));

  copy = vpc_element_copy (workload);
  before = copy->layout;
  copy->instance_count = copy->instance_count % 4 + 1;
  g_assert_true (vpc_design_replace_element (design, copy));
  workload = vpc_design_lookup (design, copy->id);
  g_assert_true (memcmp (&workload->layout, &before, sizeof before) == 0);

  /* Its centre just inside the other subnet's right edge: sticking out,
   * which is no fault while that is not its subnet. */
  copy = vpc_element_copy (workload);
  copy->layout.x = subnet->layout.x + subnet->layout.w - 1 - copy->layout.w / 2;
  copy->layout.y = subnet->layout.y + subnet->layout.h / 2 - copy->layout.h / 2;
  before = copy->layout;
  g_assert_true (vpc_design_replace_element (design, copy));
  workload = vpc_design_lookup (design, copy->id);
  g_assert_true (memcmp (&workload->layout, &before, sizeof before) == 0);

  copy = vpc_element_copy (workload);
  g_ptr_array_set_size (copy->subnets, 0);
  vpc_id_list_add (copy->subnets, subnet->id);
  g_assert_true (vpc_design_replace_element (design, copy));
  workload = vpc_design_lookup (design, copy->id);
  g_assert_true (workload->layout.x >= subnet->layout.x && workload->layout.y >= subnet->layout.y);
  g_assert_true (workload->layout.x + workload->layout.w <= subnet->layout.x + subnet->layout.w);
  g_assert_true (workload->layout.y + workload->layout.h <= subnet->layout.y + subnet->layout.h);
  g_assert_true (vpc_layout_is_contained (design));
  assert_saveable (design);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/guard/move-subnet-releases-interface", test_move_subnet_releases_interface);
  g_test_add_func ("/guard/move-subnet-is-drawn-there", test_move_subnet_is_drawn_there);
  g_test_add_func ("/guard/reparent-workload-is-drawn-there",
                   test_reparent_workload_is_drawn_there);
  g_test_add_func ("/guard/refused", test_refused_edits);
  g_test_add_func ("/guard/refused-after-check", test_refused_after_check);
  g_test_add_func ("/guard/normalized", test_normalized);
  g_test_add_func ("/guard/file-places", test_file_places);
  g_test_add_func ("/guard/refusal-readable", test_refusal_readable);
  g_test_add_func ("/guard/make-id-long-prefix", test_make_id_long_prefix);
  return g_test_run ();
}
