/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-model.c: the design document, its queries, signals and history. */
#include <string.h>

#include "vpc-cidr.h"
#include "vpc-design.h"
#include "vpc-invariants.h"
#include "vpc-file.h"
#include "vpc-layout.h"

static VpcElement *
make_subnet (const char *id,
             const char *az,
             const char *cidr)
{
  VpcElement *subnet = vpc_element_new (VPC_KIND_SUBNET, id);

  subnet->az = g_strdup (az);
  subnet->cidr = g_strdup (cidr);
  return subnet;
}

/* Two AZs, three subnets, a group, an S3 endpoint, a NAT gateway and a job. */
static VpcDesign *
make_design (void)
{
  VpcDesign *design = vpc_design_new ();
  VpcElement *e;
  VpcSgRule peer_rule = { VPC_PROTOCOL_TCP, 443, 443, NULL };

  vpc_design_add_element (design, vpc_element_new (VPC_KIND_AZ, "az-a"), -1);
  vpc_design_add_element (design, vpc_element_new (VPC_KIND_AZ, "az-b"), -1);
  vpc_design_add_element (design, make_subnet ("sn-a", "az-a", "10.0.1.0/24"), -1);
  vpc_design_add_element (design, make_subnet ("sn-b", "az-b", "10.0.2.0/24"), -1);
  vpc_design_add_element (design, make_subnet ("sn-c", "az-b", "10.0.3.0/24"), -1);

  e = vpc_element_new (VPC_KIND_SECURITY_GROUP, "sg-1");
  peer_rule.peer = g_strdup ("sg-1");
  g_array_append_val (e->ingress, peer_rule);
  vpc_design_add_element (design, e, -1);

  e = vpc_element_new (VPC_KIND_ENDPOINT, "ep-s3");
  e->service = g_strdup ("s3");
  e->endpoint_type = VPC_ENDPOINT_GATEWAY;
  vpc_design_add_element (design, e, -1);

  e = vpc_element_new (VPC_KIND_NAT_GATEWAY, "nat-1");
  e->subnet = g_strdup ("sn-c");
  vpc_design_add_element (design, e, -1);

  e = vpc_element_new (VPC_KIND_WORKLOAD, "train");
  vpc_id_list_add (e->subnets, "sn-a");
  vpc_id_list_add (e->subnets, "sn-b");
  vpc_id_list_add (e->security_groups, "sg-1");
  vpc_design_add_element (design, e, -1);
  return design;
}

static void
test_cidr_parse (void)
{
  static const struct { const char *text; gboolean ok; } cases[] = {
    { "10.0.0.0/16", TRUE }, { "0.0.0.0/0", TRUE }, { "255.255.255.255/32", TRUE },
    { "10.0.1.5/24", FALSE }, { "010.0.0.0/16", FALSE }, { "10.0.0.0/33", FALSE },
    { "10.0.0.256/32", FALSE }, { "10.0.0/16", FALSE }, { "10.0.0.0", FALSE },
    { "10.0.0.0/016", FALSE }, { "10.0.0.0/16 ", FALSE }, { "", FALSE },
    { "1000.0.0.0/8", FALSE }, { "a.b.c.d/8", FALSE },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      const char *reason = NULL;
      VpcCidr cidr;
      gboolean ok = vpc_cidr_parse (cases[i].text, &cidr, &reason);

      g_assert_cmpint (ok, ==, cases[i].ok);
      if (ok)
        {
          g_autofree char *again = vpc_cidr_to_string (&cidr);
          g_assert_cmpstr (again, ==, cases[i].text);
        }
      else
        g_assert_nonnull (reason);
    }
}

static void
test_cidr_arithmetic (void)
{
  VpcCidr vpc, a, b, c;

  g_assert_true (vpc_cidr_parse ("10.0.0.0/16", &vpc, NULL));
  g_assert_true (vpc_cidr_parse ("10.0.1.0/24", &a, NULL));
  g_assert_true (vpc_cidr_parse ("10.0.0.0/23", &b, NULL));
  g_assert_true (vpc_cidr_parse ("10.1.0.0/24", &c, NULL));
  g_assert_true (vpc_cidr_contains (&vpc, &a));
  g_assert_false (vpc_cidr_contains (&a, &vpc));
  g_assert_false (vpc_cidr_contains (&vpc, &c));
  g_assert_true (vpc_cidr_overlaps (&a, &b));
  g_assert_false (vpc_cidr_overlaps (&a, &c));
  g_assert_cmpfloat (vpc_cidr_size (&a), ==, 256.0);
  /* The last address, at both ends of the prefixes. */
  g_assert_cmphex (vpc_cidr_last (&a), ==, 0x0a0001ff);
  g_assert_cmphex (vpc_cidr_last (&vpc), ==, 0x0a00ffff);
  g_assert_true (vpc_cidr_parse ("0.0.0.0/0", &c, NULL));
  g_assert_cmphex (vpc_cidr_last (&c), ==, 0xffffffff);
  g_assert_true (vpc_cidr_parse ("10.0.0.7/32", &c, NULL));
  g_assert_cmphex (vpc_cidr_last (&c), ==, 0x0a000007);
}

static void
test_element_copy_equal (void)
{
  g_autoptr(VpcDesign) design = make_design ();
  const VpcElement *group = vpc_design_lookup (design, "sg-1");
  g_autoptr(VpcElement) copy = vpc_element_copy (group);

  g_assert_true (vpc_element_equal (group, copy));
  g_array_index (copy->ingress, VpcSgRule, 0).port_to = 444;
  g_assert_false (vpc_element_equal (group, copy));
}

static void
test_defaults (void)
{
  g_autoptr(VpcElement) group = vpc_element_new (VPC_KIND_SECURITY_GROUP, "sg");
  g_autoptr(VpcElement) notebook = vpc_element_new (VPC_KIND_WORKLOAD, "nb");
  VpcSgRule *rule;

  /* AWS's default group: no ingress, all egress to anywhere. */
  g_assert_cmpuint (group->ingress->len, ==, 0);
  g_assert_cmpuint (group->egress->len, ==, 1);
  rule = &g_array_index (group->egress, VpcSgRule, 0);
  g_assert_cmpint (rule->protocol, ==, VPC_PROTOCOL_ALL);
  g_assert_cmpstr (rule->peer, ==, "0.0.0.0/0");

  notebook->workload_kind = VPC_WORKLOAD_NOTEBOOK_INSTANCE;
  g_assert_cmpuint (vpc_workload_n_calls (notebook), ==, 5);
  g_assert_cmpstr (vpc_workload_get_call (notebook, 1), ==, "sagemaker.api");
  notebook->workload_kind = VPC_WORKLOAD_TRAINING_JOB;
  g_assert_cmpuint (vpc_workload_n_calls (notebook), ==, 0);

  g_assert_cmpint (vpc_endpoint_default_type ("s3"), ==, VPC_ENDPOINT_GATEWAY);
  g_assert_cmpint (vpc_endpoint_default_type ("dynamodb"), ==, VPC_ENDPOINT_GATEWAY);
  g_assert_cmpint (vpc_endpoint_default_type ("logs"), ==, VPC_ENDPOINT_INTERFACE);
}

static void
test_ids (void)
{
  g_assert_true (vpc_id_is_valid ("sn-a.1_b:c"));
  g_assert_false (vpc_id_is_valid (""));
  g_assert_false (vpc_id_is_valid ("self"));
  g_assert_false (vpc_id_is_valid ("prefix-list:s3"));
  g_assert_false (vpc_id_is_valid ("with space"));
  g_assert_false (
      vpc_id_is_valid ("x123456789x123456789x123456789x123456789x123456789x123456789x1234"));
  g_assert_true (vpc_service_name_is_valid ("sagemaker.featurestore-runtime"));
  g_assert_false (vpc_service_name_is_valid ("S3"));
}

/* The first repeat of random lists of every length either side of the
 * sorted and hashed paths, against the definition: the earliest index
 * whose id appeared before it. */
static void
test_first_repeat (void)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (7);
  static const char *const pool[] = { "a", "b", "sn-1", "sn-10", "sn-2", "z", "sg-a", "A" };

  for (guint round = 0; round < 4000; round++)
    {
      guint n = g_rand_int_range (rand, 0, 100);
      guint alphabet = g_rand_int_range (rand, 1, 200);
      g_autoptr(GPtrArray) ids = g_ptr_array_new_with_free_func (g_free);
      int expected = -1;

      for (guint i = 0; i < n; i++)
        {
          guint v = g_rand_int_range (rand, 0, alphabet);

          g_ptr_array_add (ids, v < G_N_ELEMENTS (pool) ? g_strdup (pool[v])
                                                        : g_strdup_printf ("id-%u", v));
        }
      for (guint i = 0; i < n && expected < 0; i++)
        for (guint j = 0; j < i && expected < 0; j++)
          if (strcmp (ids->pdata[i], ids->pdata[j]) == 0)
            expected = (int) i;
      g_assert_cmpint (vpc_strings_first_repeat ((const char *const *) ids->pdata, n), ==,
                       expected);
    }
}

static void
test_enum_names (void)
{
  VpcWorkloadKind kind;
  VpcRoute route;

  for (guint i = 0; i < VPC_N_WORKLOAD_KINDS; i++)
    {
      g_assert_true (vpc_workload_kind_from_string (vpc_workload_kind_to_string (i), &kind));
      g_assert_cmpint (kind, ==, i);
    }
  g_assert_true (vpc_route_from_string ("nat", &route));
  g_assert_cmpint (route, ==, VPC_ROUTE_NAT);
  g_assert_false (vpc_route_from_string ("NAT", &route));
}

static void
test_queries (void)
{
  g_autoptr(VpcDesign) design = make_design ();
  g_autoptr(GPtrArray) subnets = vpc_design_subnets_of_az (design, "az-b");
  g_autoptr(GPtrArray) s3 = vpc_design_endpoints_of_service (design, "s3");
  g_autoptr(GPtrArray) referrers = vpc_design_referrers (design, "sn-b");
  g_autofree char *id = vpc_design_make_id (design, "sn");

  g_assert_cmpuint (subnets->len, ==, 2);
  g_assert_cmpstr (((VpcElement *) subnets->pdata[0])->id, ==, "sn-b");
  g_assert_cmpstr (vpc_design_az_of_subnet (design, "sn-c")->id, ==, "az-b");
  g_assert_null (vpc_design_az_of_subnet (design, "az-a"));
  g_assert_cmpuint (s3->len, ==, 1);
  g_assert_cmpuint (referrers->len, ==, 1);
  g_assert_cmpstr (((VpcElement *) referrers->pdata[0])->id, ==, "train");
  g_assert_cmpint (vpc_design_index_of (design, "sn-c"), ==, 2);
  g_assert_cmpint (vpc_design_index_of (design, "nope"), ==, -1);
  g_assert_cmpuint (vpc_design_get_total_elements (design), ==, 9);
  g_assert_cmpstr (id, ==, "sn-1");
}

static void
count_cb (gpointer data)
{
  (*(guint *) data)++;
}

static void
test_signals_and_transactions (void)
{
  g_autoptr(VpcDesign) design = make_design ();
  guint added = 0, changed = 0, can_undo_notified = 0;
  g_autoptr(VpcElement) copy = NULL;

  vpc_design_clear_history (design);
  g_signal_connect_swapped (design, "element-added", G_CALLBACK (count_cb), &added);
  g_signal_connect_swapped (design, "changed", G_CALLBACK (count_cb), &changed);
  g_signal_connect_swapped (design, "notify::can-undo", G_CALLBACK (count_cb), &can_undo_notified);

  vpc_design_begin (design, "Two zones");
  vpc_design_add_element (design, vpc_element_new (VPC_KIND_AZ, "az-c"), -1);
  vpc_design_add_element (design, vpc_element_new (VPC_KIND_AZ, "az-d"), 0);
  g_assert_cmpuint (changed, ==, 0);
  vpc_design_commit (design);

  g_assert_cmpuint (added, ==, 2);
  g_assert_cmpuint (changed, ==, 1);
  g_assert_cmpuint (can_undo_notified, ==, 1);
  g_assert_cmpstr (vpc_design_get_undo_label (design), ==, "Two zones");
  g_assert_cmpstr (vpc_design_get_element (design, VPC_KIND_AZ, 0)->id, ==, "az-d");

  /* One step undoes both. */
  g_assert_true (vpc_design_undo (design));
  g_assert_null (vpc_design_lookup (design, "az-c"));
  g_assert_null (vpc_design_lookup (design, "az-d"));
  g_assert_false (vpc_design_get_can_undo (design));
  g_assert_true (vpc_design_redo (design));
  g_assert_nonnull (vpc_design_lookup (design, "az-d"));

  /* Rollback leaves no trace in the history. */
  vpc_design_begin (design, "Abandoned");
  copy = vpc_element_copy (vpc_design_lookup (design, "sn-a"));
  g_free (copy->cidr);
  copy->cidr = g_strdup ("10.0.9.0/24");
  vpc_design_replace_element (design, g_steal_pointer (&copy));
  vpc_design_rollback (design);
  g_assert_cmpstr (vpc_design_lookup (design, "sn-a")->cidr, ==, "10.0.1.0/24");
  g_assert_cmpstr (vpc_design_get_undo_label (design), ==, "Two zones");

  /* A no-op replace records nothing. */
  vpc_design_replace_element (design, vpc_element_copy (vpc_design_lookup (design, "sn-a")));
  g_assert_cmpstr (vpc_design_get_undo_label (design), ==, "Two zones");
}

/* A nested rollback reverts the whole transaction but leaves the outer
 * level open, so its commit is balanced and records only later edits. */
static void
test_nested_rollback (void)
{
  g_autoptr(VpcDesign) design = make_design ();

  vpc_design_clear_history (design);
  vpc_design_begin (design, "Outer");
  vpc_design_add_element (design, vpc_element_new (VPC_KIND_AZ, "az-x"), -1);
  vpc_design_begin (design, "Inner");
  vpc_design_add_element (design, vpc_element_new (VPC_KIND_AZ, "az-y"), -1);
  vpc_design_rollback (design);
  g_assert_null (vpc_design_lookup (design, "az-x"));
  g_assert_null (vpc_design_lookup (design, "az-y"));
  vpc_design_add_element (design, vpc_element_new (VPC_KIND_AZ, "az-z"), -1);
  vpc_design_commit (design);

  g_assert_nonnull (vpc_design_lookup (design, "az-z"));
  g_assert_cmpstr (vpc_design_get_undo_label (design), ==, "Outer");
  g_assert_true (vpc_design_undo (design));
  g_assert_null (vpc_design_lookup (design, "az-z"));
  g_assert_false (vpc_design_get_can_undo (design));
}

static void
test_delete_cascades (void)
{
  g_autoptr(VpcDesign) design = make_design ();
  const char *gone[] = { "az-b", "sg-1" };
  const VpcElement *train;

  vpc_design_clear_history (design);
  vpc_design_delete (design, gone, G_N_ELEMENTS (gone));

  /* The AZ took its subnets and their NAT gateway; references were dropped. */
  g_assert_null (vpc_design_lookup (design, "sn-b"));
  g_assert_null (vpc_design_lookup (design, "sn-c"));
  g_assert_null (vpc_design_lookup (design, "nat-1"));
  train = vpc_design_lookup (design, "train");
  g_assert_cmpuint (train->subnets->len, ==, 1);
  g_assert_cmpuint (train->security_groups->len, ==, 0);

  g_assert_true (vpc_design_undo (design));
  g_assert_nonnull (vpc_design_lookup (design, "nat-1"));
  g_assert_cmpint (vpc_design_index_of (design, "sn-c"), ==, 2);
  train = vpc_design_lookup (design, "train");
  g_assert_cmpuint (train->subnets->len, ==, 2);
  g_assert_false (vpc_design_get_can_undo (design));
}

static void
test_modified_flag (void)
{
  g_autoptr(VpcDesign) design = make_design ();

  vpc_design_clear_history (design);
  vpc_design_mark_saved (design);
  g_assert_false (vpc_design_get_modified (design));

  vpc_design_add_element (design, vpc_element_new (VPC_KIND_AZ, "az-x"), -1);
  g_assert_true (vpc_design_get_modified (design));
  vpc_design_undo (design);
  g_assert_false (vpc_design_get_modified (design));
  vpc_design_redo (design);
  vpc_design_mark_saved (design);
  vpc_design_undo (design);
  g_assert_true (vpc_design_get_modified (design));

  /* A new edit after undo drops the saved state from the history. */
  vpc_design_add_element (design, vpc_element_new (VPC_KIND_AZ, "az-y"), -1);
  g_assert_false (vpc_design_get_can_redo (design));
  vpc_design_undo (design);
  g_assert_true (vpc_design_get_modified (design));
}

static void
test_duplicate (void)
{
  g_autoptr(VpcDesign) design = make_design ();
  g_autoptr(VpcDesign) copy = vpc_design_duplicate (design);

  g_assert_cmpuint (vpc_design_get_total_elements (copy), ==, 9);
  g_assert_false (vpc_design_get_can_undo (copy));
  g_assert_true (vpc_element_equal (vpc_design_lookup (design, "train"),
                                    vpc_design_lookup (copy, "train")));
  vpc_design_remove_element (copy, "train");
  g_assert_nonnull (vpc_design_lookup (design, "train"));
}

static void
test_auto_layout (void)
{
  g_autoptr(VpcDesign) design = make_design ();
  const VpcElement *az_a, *az_b, *sn_b, *sn_c, *train;
  const VpcDesignInfo *info;

  vpc_layout_auto (design);
  info = vpc_design_get_info (design);
  az_a = vpc_design_lookup (design, "az-a");
  az_b = vpc_design_lookup (design, "az-b");
  sn_b = vpc_design_lookup (design, "sn-b");
  sn_c = vpc_design_lookup (design, "sn-c");
  train = vpc_design_lookup (design, "train");

  g_assert_true (info->has_vpc_layout);
  for (guint k = 0; k < VPC_N_KINDS; k++)
    for (guint i = 0; i < vpc_design_get_n_elements (design, k); i++)
      g_assert_true (vpc_design_get_element (design, k, i)->has_layout);

  /* AZs are side by side columns; subnets stack inside their AZ. */
  g_assert_cmpfloat (az_a->layout.y, ==, az_b->layout.y);
  g_assert_cmpfloat (az_a->layout.x + az_a->layout.w, <, az_b->layout.x);
  g_assert_cmpfloat (sn_b->layout.x, >=, az_b->layout.x);
  g_assert_cmpfloat (sn_b->layout.x + sn_b->layout.w, <=, az_b->layout.x + az_b->layout.w);
  g_assert_cmpfloat (sn_b->layout.y + sn_b->layout.h, <=, sn_c->layout.y);
  g_assert_cmpfloat (sn_c->layout.y + sn_c->layout.h, <=, az_b->layout.y + az_b->layout.h);
  /* The job sits in its first subnet; everything lies in the VPC box. */
  g_assert_cmpfloat (train->layout.y, >=, vpc_design_lookup (design, "sn-a")->layout.y);
  g_assert_cmpfloat (az_b->layout.x + az_b->layout.w, <=, info->vpc_layout.x + info->vpc_layout.w);

  /* One step, and laying out again changes nothing. */
  g_assert_cmpstr (vpc_design_get_undo_label (design), ==, "Arrange automatically");
  {
    guint64 revision = vpc_design_get_revision (design);
    vpc_layout_auto (design);
    g_assert_cmpuint (vpc_design_get_revision (design), ==, revision);
  }
}

static gboolean
rects_overlap (const VpcRect *a,
               const VpcRect *b)
{
  return a->x < b->x + b->w && b->x < a->x + a->w && a->y < b->y + b->h && b->y < a->y + a->h;
}

/* Elements added to a laid-out design (a quick fix, a paste) go to free
 * places: new icons avoid the old ones and a fuller AZ grows. */
static void
test_auto_layout_incremental (void)
{
  g_autoptr(VpcDesign) design = make_design ();
  VpcElement *e;
  const VpcElement *az_b, *sn_d, *ep_new, *ep_s3;
  double az_b_height;

  vpc_layout_auto (design);
  az_b_height = vpc_design_lookup (design, "az-b")->layout.h;

  vpc_design_add_element (design, make_subnet ("sn-d", "az-b", "10.0.4.0/24"), -1);
  e = vpc_element_new (VPC_KIND_ENDPOINT, "ep-new");
  e->service = g_strdup ("logs");
  vpc_design_add_element (design, e, -1);
  vpc_layout_auto (design);

  az_b = vpc_design_lookup (design, "az-b");
  sn_d = vpc_design_lookup (design, "sn-d");
  ep_new = vpc_design_lookup (design, "ep-new");
  ep_s3 = vpc_design_lookup (design, "ep-s3");
  g_assert_true (sn_d->has_layout && ep_new->has_layout);
  g_assert_false (rects_overlap (&ep_new->layout, &ep_s3->layout));
  g_assert_cmpfloat (az_b->layout.h, >, az_b_height);
  g_assert_cmpfloat (sn_d->layout.y + sn_d->layout.h, <=, az_b->layout.y + az_b->layout.h);
  g_assert_cmpfloat (az_b->layout.y + az_b->layout.h, <=,
                     vpc_design_get_info (design)->vpc_layout.y
                         + vpc_design_get_info (design)->vpc_layout.h);
  for (guint i = 0; i < vpc_design_get_n_elements (design, VPC_KIND_SUBNET); i++)
    {
      const VpcElement *other = vpc_design_get_element (design, VPC_KIND_SUBNET, i);
      if (other != sn_d)
        g_assert_false (rects_overlap (&sn_d->layout, &other->layout));
    }
}

/* Renames rewrite every reference, are one step, and undo to the same bytes. */
static void
test_rename (void)
{
  g_autoptr(VpcDesign) design = make_design ();
  g_autofree char *original = NULL;
  g_autofree char *again = NULL;
  const VpcElement *e;
  VpcElement *sg2, *ep;
  VpcSgRule rule = { VPC_PROTOCOL_TCP, 443, 443, NULL };
  const struct { const char *from, *to; } renames[] = {
    { "sg-1", "sg-web" }, { "az-b", "zone:b" }, { "sn-c", "public.c" },
    { "sn-a", "sn_A" }, { "nat-1", "nat-one" }, { "train", "training-job" },
    { "sg-2", "sg-1" }, /* a freed id can be taken again */
  };
  guint changed = 0;

  sg2 = vpc_element_new (VPC_KIND_SECURITY_GROUP, "sg-2");
  rule.peer = g_strdup ("sg-1");
  g_array_append_val (sg2->egress, rule);
  rule.peer = g_strdup ("10.0.0.0/16");
  g_array_append_val (sg2->egress, rule);
  vpc_design_add_element (design, sg2, 0);
  ep = vpc_element_copy (vpc_design_lookup (design, "ep-s3"));
  /* Interface: a gateway endpoint has no security groups to rename. */
  ep->endpoint_type = VPC_ENDPOINT_INTERFACE;
  vpc_id_list_add (ep->subnets, "sn-a");
  vpc_id_list_add (ep->security_groups, "sg-1");
  vpc_id_list_add (ep->security_groups, "sg-2");
  vpc_design_replace_element (design, ep);
  vpc_design_clear_history (design);
  original = vpc_file_serialize (design, NULL);
  g_signal_connect_swapped (design, "changed", G_CALLBACK (count_cb), &changed);

  for (guint i = 0; i < G_N_ELEMENTS (renames); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *before = vpc_file_serialize (design, NULL);
      g_autofree char *after = NULL;
      g_autofree char *undone = NULL;
      g_autofree char *redone = NULL;
      g_autofree char *quoted = g_strdup_printf ("\"%s\"", renames[i].from);
      int index = vpc_design_index_of (design, renames[i].from);
      VpcKind kind = vpc_design_lookup (design, renames[i].from)->kind;

      changed = 0;
      g_assert_true (vpc_design_rename (design, renames[i].from, renames[i].to, &error));
      g_assert_no_error (error);
      g_assert_cmpuint (changed, ==, 1);
      g_assert_cmpstr (vpc_design_get_undo_label (design), ==, "Rename");
      g_assert_null (vpc_design_lookup (design, renames[i].from));
      e = vpc_design_lookup (design, renames[i].to);
      g_assert_nonnull (e);
      g_assert_cmpint (e->kind, ==, kind);
      g_assert_cmpint (vpc_design_index_of (design, renames[i].to), ==, index);
      g_assert_true (vpc_design_get_element (design, kind, (guint) index) == e);
      after = vpc_file_serialize (design, NULL);
      /* No reference to the old id is left anywhere. */
      g_assert_null (strstr (after, quoted));

      g_assert_true (vpc_design_undo (design));
      undone = vpc_file_serialize (design, NULL);
      g_assert_cmpstr (undone, ==, before);
      g_assert_cmpuint (changed, ==, 2);
      g_assert_true (vpc_design_redo (design));
      redone = vpc_file_serialize (design, NULL);
      g_assert_cmpstr (redone, ==, after);
    }

  /* Every reference followed. */
  e = vpc_design_lookup (design, "sg-web");
  g_assert_cmpstr (g_array_index (e->ingress, VpcSgRule, 0).peer, ==, "sg-web");
  e = vpc_design_lookup (design, "sg-1"); /* was sg-2 */
  g_assert_cmpuint (e->egress->len, >=, 2); /* after the default rule(s) */
  g_assert_cmpstr (g_array_index (e->egress, VpcSgRule, e->egress->len - 2).peer, ==, "sg-web");
  g_assert_cmpstr (g_array_index (e->egress, VpcSgRule, e->egress->len - 1).peer, ==,
                   "10.0.0.0/16");
  g_assert_cmpstr (vpc_design_lookup (design, "sn-b")->az, ==, "zone:b");
  g_assert_cmpstr (vpc_design_lookup (design, "public.c")->az, ==, "zone:b");
  g_assert_cmpstr (vpc_design_lookup (design, "sn_A")->az, ==, "az-a");
  g_assert_cmpstr (vpc_design_lookup (design, "nat-one")->subnet, ==, "public.c");
  e = vpc_design_lookup (design, "training-job");
  g_assert_true (vpc_id_list_contains (e->subnets, "sn_A"));
  g_assert_true (vpc_id_list_contains (e->subnets, "sn-b"));
  g_assert_true (vpc_id_list_contains (e->security_groups, "sg-web"));
  g_assert_cmpstr (g_ptr_array_index (e->subnets, 0), ==, "sn_A"); /* order kept */
  e = vpc_design_lookup (design, "ep-s3");
  g_assert_cmpstr (g_ptr_array_index (e->subnets, 0), ==, "sn_A");
  g_assert_cmpstr (g_ptr_array_index (e->security_groups, 0), ==, "sg-web");
  g_assert_cmpstr (g_ptr_array_index (e->security_groups, 1), ==, "sg-1");

  /* One step each: undoing them all gives back the original bytes. */
  for (guint i = 0; i < G_N_ELEMENTS (renames); i++)
    g_assert_true (vpc_design_undo (design));
  g_assert_false (vpc_design_get_can_undo (design));
  again = vpc_file_serialize (design, NULL);
  g_assert_cmpstr (again, ==, original);
}

static void
test_rename_refused (void)
{
  g_autoptr(VpcDesign) design = make_design ();
  g_autofree char *before = vpc_file_serialize (design, NULL);
  g_autofree char *long_id = g_strnfill (65, 'a');
  g_autofree char *max_id = g_strnfill (64, 'b');
  const struct { const char *from, *to; int code; } cases[] = {
    { "sn-a", "", VPC_DESIGN_ERROR_INVALID_ID },
    { "sn-a", "sn a", VPC_DESIGN_ERROR_INVALID_ID },
    { "sn-a", "sn/a", VPC_DESIGN_ERROR_INVALID_ID },
    { "sn-a", "sné", VPC_DESIGN_ERROR_INVALID_ID },
    { "sn-a", long_id, VPC_DESIGN_ERROR_INVALID_ID },
    { "sg-1", "self", VPC_DESIGN_ERROR_INVALID_ID },
    { "sg-1", "prefix-list:s3", VPC_DESIGN_ERROR_INVALID_ID },
    { "sn-a", "sn-b", VPC_DESIGN_ERROR_ID_IN_USE },
    { "sn-a", "train", VPC_DESIGN_ERROR_ID_IN_USE },
    { "nope", "fine", VPC_DESIGN_ERROR_NOT_FOUND },
  };
  guint64 revision = vpc_design_get_revision (design);
  const char *label = vpc_design_get_undo_label (design);
  guint changed = 0;

  g_signal_connect_swapped (design, "changed", G_CALLBACK (count_cb), &changed);
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *now = NULL;

      g_assert_false (vpc_design_rename (design, cases[i].from, cases[i].to, &error));
      g_assert_error (error, VPC_DESIGN_ERROR, cases[i].code);
      g_assert_nonnull (error->message);
      now = vpc_file_serialize (design, NULL);
      g_assert_cmpstr (now, ==, before);
    }
  g_assert_cmpuint (changed, ==, 0);
  g_assert_cmpuint (vpc_design_get_revision (design), ==, revision);
  g_assert_cmpstr (vpc_design_get_undo_label (design), ==, label);

  /* The same id: nothing happens, and it is not an error. */
  g_assert_true (vpc_design_rename (design, "sn-a", "sn-a", NULL));
  /* The element's own string as argument. */
  g_assert_true (vpc_design_rename (design, "sn-a", vpc_design_lookup (design, "sn-a")->id, NULL));
  g_assert_cmpuint (changed, ==, 0);
  g_assert_cmpuint (vpc_design_get_revision (design), ==, revision);
  g_assert_cmpstr (vpc_design_get_undo_label (design), ==, label);

  /* 64 characters are fine; the element's own id string may be passed. */
  g_assert_true (vpc_design_rename (design, vpc_design_lookup (design, "sn-a")->id, max_id, NULL));
  g_assert_nonnull (vpc_design_lookup (design, max_id));
  g_assert_cmpstr (vpc_design_lookup (design, "train")->subnets->pdata[0], ==, max_id);
}

/* The content revision moves with everything but boxes: what the rules,
 * the cost and the lists read. */
static void
test_content_revision (void)
{
  g_autoptr(VpcDesign) design = make_design ();
  g_autoptr(VpcElement) moved = vpc_element_copy (vpc_design_lookup (design, "train"));
  g_autoptr(VpcElement) renamed = NULL;
  g_autoptr(VpcDesignInfo) info = vpc_design_info_copy (vpc_design_get_info (design));
  VpcRect box = { 40, 40, 72, 72 };
  guint64 content = vpc_design_get_content_revision (design);
  guint64 revision = vpc_design_get_revision (design);
  int train = vpc_design_index_of (design, "train");

  /* A box set, by itself or in a step, its undo and its redo. */
  g_assert_true (vpc_design_set_layout (design, VPC_KIND_WORKLOAD, train, &box));
  g_assert_cmpuint (vpc_design_get_revision (design), >, revision);
  vpc_design_begin (design, "Move");
  box.x += 16;
  vpc_design_set_layout (design, VPC_KIND_WORKLOAD, train, &box);
  box.y += 16;
  vpc_design_set_layout (design, VPC_KIND_WORKLOAD, train, &box);
  g_assert_true (vpc_design_commit (design));
  g_assert_true (vpc_design_undo (design));
  g_assert_true (vpc_design_redo (design));
  /* A replacement and the VPC's box differing only in their boxes. */
  moved->has_layout = TRUE;
  moved->layout = (VpcRect) { 200, 40, 72, 72 };
  g_assert_true (vpc_design_replace_element (design, g_steal_pointer (&moved)));
  info->has_vpc_layout = TRUE;
  info->vpc_layout = (VpcRect) { 0, 0, 2000, 1000 };
  g_assert_true (vpc_design_set_info (design, vpc_design_info_copy (info)));
  g_assert_true (vpc_design_undo (design));
  g_assert_cmpuint (vpc_design_get_content_revision (design), ==, content);
  g_assert_cmpuint (vpc_design_get_revision (design), >, revision + 6);

  /* Anything else moves it: a name, its undo, the region, a removal. */
  renamed = vpc_element_copy (vpc_design_lookup (design, "train"));
  renamed->name = g_strdup ("Training");
  g_assert_true (vpc_design_replace_element (design, g_steal_pointer (&renamed)));
  g_assert_cmpuint (vpc_design_get_content_revision (design), >, content);
  content = vpc_design_get_content_revision (design);
  g_assert_true (vpc_design_undo (design));
  g_assert_cmpuint (vpc_design_get_content_revision (design), >, content);
  content = vpc_design_get_content_revision (design);
  g_free (info->region);
  info->region = g_strdup ("eu-west-1");
  g_assert_true (vpc_design_set_info (design, g_steal_pointer (&info)));
  g_assert_cmpuint (vpc_design_get_content_revision (design), >, content);
  content = vpc_design_get_content_revision (design);
  g_assert_true (vpc_design_remove_element (design, "nat-1"));
  g_assert_cmpuint (vpc_design_get_content_revision (design), >, content);
  g_assert_cmpuint (vpc_design_get_content_revision (design), ==,
                    vpc_design_get_revision (design));
}

/* What vpc_design_get_elements_changed_since() answers at every revision of
 * a random run of moves, renames, other edits of one element, undos and
 * redos (and now and then something else): the design as it was then. */
typedef struct
{
  guint64     revision;
  GPtrArray  *elements[VPC_N_KINDS]; /* the element pointers then */
  GArray     *boxes[VPC_N_KINDS];    /* VpcRect, has_layout as w < 0 */
  VpcRect     vpc;
} Snapshot;

static Snapshot *
snapshot_take (VpcDesign *design)
{
  Snapshot *s = g_new0 (Snapshot, 1);

  s->revision = vpc_design_get_revision (design);
  s->vpc = vpc_design_get_info (design)->vpc_layout;
  for (guint k = 0; k < VPC_N_KINDS; k++)
    {
      s->elements[k] = g_ptr_array_new ();
      s->boxes[k] = g_array_new (FALSE, FALSE, sizeof (VpcRect));
      for (guint i = 0; i < vpc_design_get_n_elements (design, k); i++)
        {
          const VpcElement *e = vpc_design_get_element (design, k, i);
          VpcRect r = e->has_layout ? e->layout : (VpcRect) { 0, 0, -1, -1 };

          g_ptr_array_add (s->elements[k], (gpointer) e);
          g_array_append_val (s->boxes[k], r);
        }
    }
  return s;
}

static void
snapshot_free (gpointer data)
{
  Snapshot *s = data;

  for (guint k = 0; k < VPC_N_KINDS; k++)
    {
      g_ptr_array_unref (s->elements[k]);
      g_array_unref (s->boxes[k]);
    }
  g_free (s);
}

/* Whether @refs names (@kind, @index). */
static gboolean
refs_name (GArray *refs,
           guint   kind,
           guint   index)
{
  for (guint i = 0; i < refs->len; i++)
    if (g_array_index (refs, VpcBoxRef, i).kind == kind &&
        g_array_index (refs, VpcBoxRef, i).index == index)
      return TRUE;
  return FALSE;
}

/* An element of @design with a box, at random. */
static void
random_placed (VpcDesign *design,
               GRand     *rand,
               VpcKind   *kind,
               guint     *index)
{
  for (;;)
    {
      *kind = g_rand_int_range (rand, 0, VPC_N_KINDS);
      if (vpc_design_get_n_elements (design, *kind) == 0)
        continue;
      *index = g_rand_int_range (rand, 0, vpc_design_get_n_elements (design, *kind));
      if (vpc_design_get_element (design, *kind, *index)->has_layout)
        return;
    }
}

static void
test_boxes_changed_since (void)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (7);
  g_autoptr(GPtrArray) snapshots = g_ptr_array_new_with_free_func (snapshot_free);
  /* The history's steps as the test made them: whether each changed only
   * boxes, names and elements in their place (what an answer covers). */
  g_autoptr(GArray) steps = g_array_new (FALSE, FALSE, sizeof (gboolean));
  guint answered = 0, refused = 0, answered_over_edits = 0;
  guint64 uncovered;

  for (guint run = 0; run < 40; run++)
    {
      g_autoptr(VpcDesign) design = make_design ();

      vpc_layout_auto (design);
      g_assert_cmpstr (vpc_design_get_last_refusal (design), ==, NULL);
      g_assert_true (vpc_design_get_element (design, VPC_KIND_WORKLOAD, 0)->has_layout);
      /* Undo does not take the boxes away. */
      vpc_design_clear_history (design);
      g_ptr_array_set_size (snapshots, 0);
      g_ptr_array_add (snapshots, snapshot_take (design));
      g_array_set_size (steps, 0);
      /* The last revision an answer does not cover. */
      uncovered = 0;
      for (guint step = 0, position = 0; step < 30; step++)
        {
          int what = g_rand_int_range (rand, 0, 13);
          guint64 revision = vpc_design_get_revision (design);
          gboolean covered = what != 8 && what < 11;
          VpcKind kind;
          guint index;

          random_placed (design, rand, &kind, &index);
          if (what < 3)
            {
              VpcRect r = vpc_design_get_element (design, kind, index)->layout;

              r.x += g_rand_int_range (rand, -60, 60);
              r.y += g_rand_int_range (rand, -60, 60);
              vpc_design_set_layout (design, kind, index, &r);
            }
          else if (what < 5)
            {
              VpcElement *copy = vpc_element_copy (vpc_design_get_element (design, kind, index));

              copy->layout.x += 24;
              vpc_design_replace_element (design, copy);
            }
          else if (what == 5)
            {
              VpcElement *copy = vpc_element_copy (vpc_design_get_element (design, kind, index));

              g_free (copy->name);
              copy->name = g_strdup_printf ("Name %u", step);
              vpc_design_replace_element (design, copy);
            }
          else if (what == 6)
            vpc_design_undo (design);
          else if (what == 7)
            vpc_design_redo (design);
          else if (what == 10 && vpc_design_get_n_elements (design, VPC_KIND_WORKLOAD) > 0)
            {
              /* Another field: a workload's instances. */
              guint n = vpc_design_get_n_elements (design, VPC_KIND_WORKLOAD);
              VpcElement *copy = vpc_element_copy (
                  vpc_design_get_element (design, VPC_KIND_WORKLOAD, index % n));

              copy->instance_count = copy->instance_count % 5 + 1;
              vpc_design_replace_element (design, copy);
            }
          else if (what == 11)
            {
              /* Another id (the references to it follow): not in place. */
              g_autofree char *id = g_strdup_printf ("renamed-%u", step);

              g_assert_true (vpc_design_rename (
                  design, vpc_design_get_element (design, kind, index)->id, id, NULL));
            }
          else if (what == 12)
            {
              /* An element taken away, with what depends on it. */
              const char *id = vpc_design_get_element (design, kind, index)->id;

              vpc_design_delete (design, &id, 1);
            }
          else if (what == 8 && g_rand_int_range (rand, 0, 4) == 0)
            {
              VpcDesignInfo *info = vpc_design_info_copy (vpc_design_get_info (design));

              g_free (info->description);
              info->description = g_strdup_printf ("Note %u", step);
              vpc_design_set_info (design, info);
            }
          else
            {
              VpcDesignInfo *info = vpc_design_info_copy (vpc_design_get_info (design));

              covered = TRUE;
              info->vpc_layout.w += 8;
              vpc_design_set_info (design, info);
            }
          /* Mirror the history: an undo or a redo is its step's kind. */
          if (vpc_design_get_revision (design) != revision)
            {
              if (what == 6)
                covered = g_array_index (steps, gboolean, --position);
              else if (what == 7)
                covered = g_array_index (steps, gboolean, position++);
              else
                {
                  g_array_set_size (steps, position++);
                  g_array_append_val (steps, covered);
                }
              if (!covered)
                uncovered = vpc_design_get_revision (design);
            }

          /* Every element whose box differs from a snapshot's, or that is
           * another object now, is answered; an answer is refused only
           * when something but boxes and names changed since. */
          for (guint s = 0; s < snapshots->len; s++)
            {
              Snapshot *then = g_ptr_array_index (snapshots, s);
              g_autoptr(GArray) refs = g_array_new (FALSE, FALSE, sizeof (VpcBoxRef));
              gboolean same_lists = TRUE;

              for (guint k = 0; k < VPC_N_KINDS; k++)
                same_lists = same_lists
                             && then->elements[k]->len == vpc_design_get_n_elements (design, k);
              if (!vpc_design_get_elements_changed_since (design, then->revision, 1000, refs))
                {
                  g_assert_cmpuint (uncovered, >, then->revision);
                  refused++;
                  continue;
                }
              g_assert_cmpuint (uncovered, <=, then->revision);
              answered++;
              answered_over_edits += vpc_design_get_rules_revision (design) > then->revision;
              g_assert_true (same_lists);
              if (!vpc_rect_equal (&then->vpc, &vpc_design_get_info (design)->vpc_layout))
                g_assert_true (refs_name (refs, VPC_N_KINDS, 0));
              for (guint k = 0; k < VPC_N_KINDS; k++)
                for (guint i = 0; i < then->elements[k]->len; i++)
                  {
                    const VpcElement *e = vpc_design_get_element (design, k, i);
                    VpcRect r = e->has_layout ? e->layout : (VpcRect) { 0, 0, -1, -1 };

                    if (!vpc_rect_equal (&r, &g_array_index (then->boxes[k], VpcRect, i))
                        || e != g_ptr_array_index (then->elements[k], i))
                      g_assert_true (refs_name (refs, k, i));
                  }
              /* At most @max, or refused. */
              if (refs->len > 0)
                {
                  g_autoptr(GArray) fewer = g_array_new (FALSE, FALSE, sizeof (VpcBoxRef));

                  g_assert_false (vpc_design_get_elements_changed_since (design, then->revision,
                                                                      refs->len - 1, fewer));
                }
            }
          g_ptr_array_add (snapshots, snapshot_take (design));
        }
      /* The future is not known. */
      {
        g_autoptr(GArray) refs = g_array_new (FALSE, FALSE, sizeof (VpcBoxRef));

        g_assert_false (vpc_design_get_elements_changed_since (
            design, vpc_design_get_revision (design) + 1, 1000, refs));
        g_assert_true (vpc_design_get_elements_changed_since (
            design, vpc_design_get_revision (design), 1000, refs));
        g_assert_cmpuint (refs->len, ==, 0);
      }
    }
  /* Both answers were asked for. */
  g_assert_cmpuint (answered, >, 1000);
  g_assert_cmpuint (answered_over_edits, >, 300);
  g_assert_cmpuint (refused, >, 100);
}

/* A rename keeps the element (the same object, renamed in place) and the
 * shape revision, through its undo and its redo; it still moves the
 * content revision (findings name elements). Anything else moves both. */
static void
test_shape_revision (void)
{
  g_autoptr(VpcDesign) design = make_design ();
  const VpcElement *train = vpc_design_lookup (design, "train");
  g_autoptr(VpcElement) renamed = vpc_element_copy (train);
  g_autoptr(VpcElement) both = NULL;
  guint64 shape = vpc_design_get_shape_revision (design);
  guint64 content = vpc_design_get_content_revision (design);
  VpcRect box = { 40, 40, 72, 72 };

  g_free (renamed->name);
  renamed->name = g_strdup ("Training");
  g_assert_true (vpc_design_replace_element (design, g_steal_pointer (&renamed)));
  g_assert_true (vpc_design_lookup (design, "train") == train);
  g_assert_cmpstr (train->name, ==, "Training");
  g_assert_cmpuint (vpc_design_get_shape_revision (design), ==, shape);
  g_assert_cmpuint (vpc_design_get_content_revision (design), >, content);
  g_assert_true (vpc_design_undo (design));
  g_assert_true (vpc_design_lookup (design, "train") == train);
  g_assert_cmpstr (train->name, !=, "Training");
  g_assert_true (vpc_design_redo (design));
  g_assert_cmpstr (train->name, ==, "Training");
  g_assert_cmpuint (vpc_design_get_shape_revision (design), ==, shape);
  g_assert_true (vpc_invariants_check_design (design, VPC_INVARIANTS_PLACE_ELEMENT, NULL));

  /* A new name and another change: a new element, a new shape revision. */
  both = vpc_element_copy (train);
  g_free (both->name);
  both->name = g_strdup ("Training 2");
  both->has_layout = TRUE;
  both->layout = (VpcRect) { 200, 40, 72, 72 };
  g_assert_true (vpc_design_replace_element (design, g_steal_pointer (&both)));
  g_assert_cmpuint (vpc_design_get_shape_revision (design), >, shape);
  g_assert_cmpstr (vpc_design_lookup (design, "train")->name, ==, "Training 2");
  shape = vpc_design_get_shape_revision (design);

  /* A box set, in a step or by itself, and a removal. */
  vpc_design_begin (design, "Move");
  vpc_design_set_layout (design, VPC_KIND_WORKLOAD, vpc_design_index_of (design, "train"), &box);
  box.x += 16;
  vpc_design_set_layout (design, VPC_KIND_WORKLOAD, vpc_design_index_of (design, "train"), &box);
  g_assert_true (vpc_design_commit (design));
  g_assert_cmpuint (vpc_design_get_shape_revision (design), >, shape);
  shape = vpc_design_get_shape_revision (design);
  g_assert_true (vpc_design_remove_element (design, "nat-1"));
  g_assert_cmpuint (vpc_design_get_shape_revision (design), >, shape);
  g_assert_cmpuint (vpc_design_get_shape_revision (design), ==, vpc_design_get_revision (design));
}

/* A drawn subnet that leaves its AZ for none is not moved into one (the
 * step used to look the missing AZ up by a NULL id and crash); whatever
 * the guard decides, the design stays whole. */
static void
test_subnet_leaves_az (void)
{
  g_autoptr(VpcDesign) design = make_design ();
  g_autoptr(VpcElement) orphan = NULL;

  vpc_layout_auto (design);
  g_assert_true (vpc_design_lookup (design, "sn-a")->has_layout);
  orphan = vpc_element_copy (vpc_design_lookup (design, "sn-a"));
  g_clear_pointer (&orphan->az, g_free);
  vpc_design_replace_element (design, g_steal_pointer (&orphan));
  g_assert_true (vpc_invariants_check_design (design, VPC_INVARIANTS_PLACE_ELEMENT, NULL));
  g_assert_nonnull (vpc_design_lookup (design, "sn-a"));
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/model/cidr/parse", test_cidr_parse);
  g_test_add_func ("/model/cidr/arithmetic", test_cidr_arithmetic);
  g_test_add_func ("/model/element/copy-equal", test_element_copy_equal);
  g_test_add_func ("/model/element/defaults", test_defaults);
  g_test_add_func ("/model/element/ids", test_ids);
  g_test_add_func ("/model/element/first-repeat", test_first_repeat);
  g_test_add_func ("/model/element/enum-names", test_enum_names);
  g_test_add_func ("/model/design/queries", test_queries);
  g_test_add_func ("/model/design/shape-revision", test_shape_revision);
  g_test_add_func ("/model/design/subnet-leaves-az", test_subnet_leaves_az);
  g_test_add_func ("/model/design/signals-transactions", test_signals_and_transactions);
  g_test_add_func ("/model/design/nested-rollback", test_nested_rollback);
  g_test_add_func ("/model/design/delete-cascades", test_delete_cascades);
  g_test_add_func ("/model/design/modified", test_modified_flag);
  g_test_add_func ("/model/design/duplicate", test_duplicate);
  g_test_add_func ("/model/design/rename", test_rename);
  g_test_add_func ("/model/design/rename-refused", test_rename_refused);
  g_test_add_func ("/model/design/content-revision", test_content_revision);
  g_test_add_func ("/model/design/boxes-changed-since", test_boxes_changed_since);
  g_test_add_func ("/model/layout/auto", test_auto_layout);
  g_test_add_func ("/model/layout/incremental", test_auto_layout_incremental);
  return g_test_run ();
}
