/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-outline.c: the outline's tree and spoken names, without a display. */
#include <string.h>

#include "vpc-containment.h"
#include "vpc-file.h"
#include "vpc-outline-model.h"

typedef struct
{
  GHashTable *seen;   /* id → number of rows */
  GHashTable *parent; /* "id\tparent id" of every row, as a set */
} Walk;

static void
walk (Walk           *w,
      GListModel     *rows,
      VpcOutlineNode *parent)
{
  for (guint i = 0; i < g_list_model_get_n_items (rows); i++)
    {
      g_autoptr(VpcOutlineNode) node = g_list_model_get_item (rows, i);
      const char *id = vpc_outline_node_get_id (node);
      GListModel *children = vpc_outline_node_get_children (node);

      g_hash_table_insert (w->seen, g_strdup (id),
                           GUINT_TO_POINTER (GPOINTER_TO_UINT (g_hash_table_lookup (w->seen, id)) + 1));
      g_hash_table_add (w->parent, g_strdup_printf ("%s\t%s", id,
                                                    parent ? vpc_outline_node_get_id (parent) : ""));
      if (children != NULL)
        walk (w, children, node);
    }
}

static gboolean
has_parent (Walk       *w,
            const char *id,
            const char *parent)
{
  g_autofree char *key = g_strdup_printf ("%s\t%s", id, parent);

  return g_hash_table_contains (w->parent, key);
}

static VpcDesign *
load_example (const char *name)
{
  g_autofree char *path = g_build_filename (g_getenv ("VPC_EXAMPLES_DIR"), name, NULL);
  g_autoptr(GError) error = NULL;
  VpcDesign *design = vpc_file_load_path (path, NULL, &error);

  g_assert_no_error (error);
  return design;
}

/* Every element of every example has a row, in the right place: subnets
 * under their AZ, workloads and interface endpoints under each of their
 * subnets, NAT gateways under their subnet, endpoints and groups under the
 * VPC; a workload in no subnet under the VPC. */
static void
test_examples_covered (void)
{
  g_autoptr(GDir) dir = g_dir_open (g_getenv ("VPC_EXAMPLES_DIR"), 0, NULL);
  const char *name;
  guint files = 0;

  g_assert_nonnull (dir);
  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_autoptr(VpcDesign) design = NULL;
      g_autoptr(VpcValidator) validator = NULL;
      g_autoptr(GListModel) tree = NULL;
      Walk w = { g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL),
                 g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL) };

      if (!g_str_has_suffix (name, ".vpcd.json"))
        continue;
      files++;
      design = load_example (name);
      validator = vpc_validator_new (design);
      tree = vpc_outline_build (design, validator);
      g_assert_cmpuint (g_list_model_get_n_items (tree), ==, 1);
      walk (&w, tree, NULL);
      g_assert_true (has_parent (&w, VPC_CONTAINMENT_VPC_ID, ""));
      for (VpcKind kind = 0; kind < VPC_N_KINDS; kind++)
        for (guint i = 0; i < vpc_design_get_n_elements (design, kind); i++)
          {
            const VpcElement *e = vpc_design_get_element (design, kind, i);

            if (!g_hash_table_contains (w.seen, e->id))
              g_error ("%s: %s has no row", name, e->id);
            switch (kind)
              {
              case VPC_KIND_AZ:
              case VPC_KIND_SECURITY_GROUP:
                g_assert_true (has_parent (&w, e->id, VPC_CONTAINMENT_VPC_ID));
                break;
              case VPC_KIND_SUBNET:
                g_assert_true (has_parent (&w, e->id, e->az));
                break;
              case VPC_KIND_NAT_GATEWAY:
                g_assert_true (has_parent (&w, e->id, e->subnet));
                break;
              case VPC_KIND_ENDPOINT:
                g_assert_true (has_parent (&w, e->id, VPC_CONTAINMENT_VPC_ID));
                if (e->endpoint_type == VPC_ENDPOINT_INTERFACE)
                  for (guint s = 0; e->subnets != NULL && s < e->subnets->len; s++)
                    g_assert_true (has_parent (&w, e->id, g_ptr_array_index (e->subnets, s)));
                break;
              case VPC_KIND_WORKLOAD:
                if (!e->vpc_mode || e->subnets == NULL || e->subnets->len == 0)
                  g_assert_true (has_parent (&w, e->id, VPC_CONTAINMENT_VPC_ID));
                else
                  for (guint s = 0; s < e->subnets->len; s++)
                    g_assert_true (has_parent (&w, e->id, g_ptr_array_index (e->subnets, s)));
                break;
              case VPC_N_KINDS:
              default:
                g_assert_not_reached ();
              }
          }
      g_hash_table_unref (w.seen);
      g_hash_table_unref (w.parent);
    }
  g_assert_cmpuint (files, >=, 8);
}

static VpcOutlineNode *
find_row (GListModel *rows,
          const char *id)
{
  for (guint i = 0; i < g_list_model_get_n_items (rows); i++)
    {
      g_autoptr(VpcOutlineNode) node = g_list_model_get_item (rows, i);
      GListModel *children = vpc_outline_node_get_children (node);
      VpcOutlineNode *found;

      if (g_str_equal (vpc_outline_node_get_id (node), id))
        return g_steal_pointer (&node);
      if (children != NULL && (found = find_row (children, id)) != NULL)
        return found;
    }
  return NULL;
}

/* A row says what it is, its name, its key facts and its findings; the
 * canvas's description of an element is the same sentence. */
static void
test_names (void)
{
  g_autoptr(VpcDesign) design = load_example ("training-cannot-reach-s3-ecr.vpcd.json");
  g_autoptr(VpcValidator) validator = vpc_validator_new (design);
  g_autoptr(GListModel) tree = vpc_outline_build (design, validator);
  g_autoptr(GPtrArray) findings = vpc_validator_findings_for (validator, "train");
  g_autoptr(VpcOutlineNode) job = find_row (tree, "train");
  g_autoptr(VpcOutlineNode) subnet = NULL;
  g_autoptr(VpcOutlineNode) vpc = find_row (tree, VPC_CONTAINMENT_VPC_ID);
  g_autofree char *spoken = NULL;
  g_autofree char *described = NULL;
  g_autofree char *expected_count = NULL;
  const VpcElement *sn = vpc_design_get_element (design, VPC_KIND_SUBNET, 0);

  g_assert_nonnull (job);
  g_assert_cmpstr (vpc_outline_node_get_kind_label (job), ==, "Training job");
  g_assert_cmpuint (vpc_outline_node_get_n_findings (job), ==, findings->len);
  g_assert_cmpuint (findings->len, >, 0);
  spoken = vpc_outline_node_dup_accessible_name (job);
  expected_count = g_strdup_printf ("%u findings, %u errors", findings->len,
                                    vpc_outline_node_get_n_errors (job));
  g_assert_true (g_str_has_prefix (spoken, "Training job "));
  g_assert_nonnull (strstr (spoken, vpc_element_get_display_name (vpc_design_lookup (design,
                                                                                       "train"))));
  g_assert_nonnull (strstr (spoken, expected_count));
  described = vpc_outline_describe (design, G_LIST_MODEL (validator), "train");
  g_assert_cmpstr (described, ==, spoken);
  g_assert_null (vpc_outline_describe (design, NULL, "no-such-element"));

  subnet = find_row (tree, sn->id);
  g_clear_pointer (&spoken, g_free);
  spoken = vpc_outline_node_dup_accessible_name (subnet);
  g_assert_true (g_str_has_prefix (spoken, "Subnet "));
  g_assert_nonnull (strstr (spoken, sn->cidr));
  g_assert_nonnull (strstr (spoken, "private"));

  g_assert_cmpstr (vpc_outline_node_get_kind_label (vpc), ==, "VPC");
  g_assert_nonnull (strstr (vpc_outline_node_get_facts (vpc), vpc_design_get_info (design)->vpc_cidr));
}

/* Edits show in a rebuilt outline: a new subnet appears under its AZ, and
 * without a validator there are no counts. */
static void
test_follows_edits (void)
{
  g_autoptr(VpcDesign) design = load_example ("training-cannot-reach-s3-ecr.vpcd.json");
  const VpcElement *az = vpc_design_get_element (design, VPC_KIND_AZ, 0);
  VpcElement *added = vpc_element_new (VPC_KIND_SUBNET, "sn-new");
  g_autoptr(GListModel) tree = NULL;
  g_autoptr(VpcOutlineNode) row = NULL;
  g_autoptr(VpcOutlineNode) zone = NULL;
  GListModel *zone_rows;
  gboolean under_zone = FALSE;

  added->az = g_strdup (az->id);
  added->cidr = g_strdup ("10.0.99.0/24");
  added->name = g_strdup ("Fresh");
  g_assert_true (vpc_design_add_element (design, added, -1));
  tree = vpc_outline_build (design, NULL);
  row = find_row (tree, "sn-new");
  g_assert_nonnull (row);
  g_assert_cmpstr (vpc_outline_node_get_name (row), ==, "Fresh");
  g_assert_cmpuint (vpc_outline_node_get_n_findings (row), ==, 0);
  zone = find_row (tree, az->id);
  zone_rows = vpc_outline_node_get_children (zone);
  for (guint i = 0; i < g_list_model_get_n_items (zone_rows); i++)
    {
      g_autoptr(VpcOutlineNode) child = g_list_model_get_item (zone_rows, i);

      under_zone |= g_str_equal (vpc_outline_node_get_id (child), "sn-new");
    }
  g_assert_true (under_zone);
}

int
main (int   argc,
      char *argv[])
{
  g_setenv ("LANGUAGE", "C", TRUE);
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/outline/examples-covered", test_examples_covered);
  g_test_add_func ("/outline/names", test_names);
  g_test_add_func ("/outline/follows-edits", test_follows_edits);
  return g_test_run ();
}
