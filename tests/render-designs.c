/* SPDX-License-Identifier: GPL-3.0-or-later */
/* render-designs.c: designs built in code for render tests and benchmarks. */
#include "render-designs.h"
#include "vpc-layout.h"

#include <string.h>

static void
set_info (VpcDesign  *design,
          const char *name,
          const char *cidr)
{
  VpcDesignInfo *info = vpc_design_info_new ();

  g_free (info->name);
  info->name = g_strdup (name);
  g_free (info->description);
  info->description = g_strdup ("Private training and hosting, two AZs");
  g_free (info->vpc_name);
  info->vpc_name = g_strdup ("ml-vpc");
  g_free (info->vpc_cidr);
  info->vpc_cidr = g_strdup (cidr);
  vpc_design_take_info (design, info);
}

static void
add_az (VpcDesign  *design,
        const char *id,
        const char *name)
{
  VpcElement *az = vpc_element_new (VPC_KIND_AZ, id);

  az->name = g_strdup (name);
  vpc_design_take_element (design, az);
}

static void
add_subnet (VpcDesign  *design,
            const char *id,
            const char *name,
            const char *az,
            const char *cidr,
            VpcRoute    route)
{
  VpcElement *sn = vpc_element_new (VPC_KIND_SUBNET, id);

  sn->name = name != NULL ? g_strdup (name) : NULL;
  sn->az = g_strdup (az);
  sn->cidr = g_strdup (cidr);
  sn->route = route;
  vpc_design_take_element (design, sn);
}

static void
add_ids (GPtrArray         *list,
         const char *const *ids)
{
  for (guint i = 0; ids != NULL && ids[i] != NULL; i++)
    vpc_id_list_add (list, ids[i]);
}

static void
add_endpoint (VpcDesign         *design,
              const char        *id,
              const char        *service,
              const char *const *subnets,
              const char *const *groups)
{
  VpcElement *ep = vpc_element_new (VPC_KIND_ENDPOINT, id);

  ep->service = g_strdup (service);
  ep->endpoint_type = vpc_endpoint_default_type (service);
  add_ids (ep->subnets, subnets);
  if (ep->endpoint_type == VPC_ENDPOINT_INTERFACE)
    add_ids (ep->security_groups, groups);
  vpc_design_take_element (design, ep);
}

static void
add_workload (VpcDesign         *design,
              const char        *id,
              const char        *name,
              VpcWorkloadKind    kind,
              const char *const *subnets,
              const char *const *groups)
{
  VpcElement *w = vpc_element_new (VPC_KIND_WORKLOAD, id);

  w->name = name != NULL ? g_strdup (name) : NULL;
  w->workload_kind = kind;
  add_ids (w->subnets, subnets);
  add_ids (w->security_groups, groups);
  vpc_design_take_element (design, w);
}

static void
add_group (VpcDesign  *design,
           const char *id,
           const char *name)
{
  VpcElement *sg = vpc_element_new (VPC_KIND_SECURITY_GROUP, id);

  sg->name = g_strdup (name);
  vpc_design_take_element (design, sg);
}

VpcDesign *
render_design_demo (void)
{
  VpcDesign *design = vpc_design_new ();
  const char *const both[] = { "sn-train-a", "sn-train-b", NULL };
  const char *const sg_ml[] = { "sg-ml", NULL };
  const char *const sg_ep[] = { "sg-endpoints", NULL };
  VpcElement *nat;

  set_info (design, "Fraud model training", "10.0.0.0/16");
  add_az (design, "az-a", "us-east-1a");
  add_az (design, "az-b", "us-east-1b");
  add_subnet (design, "sn-train-a", "training-a", "az-a", "10.0.1.0/24", VPC_ROUTE_PRIVATE);
  add_subnet (design, "sn-train-b", "training-b", "az-b", "10.0.2.0/24", VPC_ROUTE_PRIVATE);
  add_subnet (design, "sn-tools", "tools", "az-a", "10.0.3.0/24", VPC_ROUTE_NAT);
  add_subnet (design, "sn-public", "public-edge", "az-b", "10.0.100.0/24", VPC_ROUTE_PUBLIC);
  add_group (design, "sg-ml", "ml-workloads");
  add_group (design, "sg-endpoints", "vpc-endpoints");
  add_endpoint (design, "ep-s3", "s3", NULL, NULL);
  add_endpoint (design, "ep-api", "sagemaker.api", both, sg_ep);
  add_endpoint (design, "ep-runtime", "sagemaker.runtime", both, sg_ep);
  add_endpoint (design, "ep-logs", "logs", both, sg_ep);
  add_endpoint (design, "ep-sts", "sts", (const char *const[]) { "sn-train-a", NULL }, sg_ep);
  nat = vpc_element_new (VPC_KIND_NAT_GATEWAY, "nat-1");
  nat->name = g_strdup ("nat-gw");
  nat->subnet = g_strdup ("sn-public");
  vpc_design_take_element (design, nat);
  add_workload (design, "train-1", "fraud-train", VPC_WORKLOAD_TRAINING_JOB,
                (const char *const[]) { "sn-train-a", NULL }, sg_ml);
  add_workload (design, "ep-hosting", "fraud-endpoint", VPC_WORKLOAD_REALTIME_ENDPOINT, both,
                sg_ml);
  add_workload (design, "nb-1", "analyst-notebook", VPC_WORKLOAD_NOTEBOOK_INSTANCE,
                (const char *const[]) { "sn-tools", NULL }, sg_ml);
  add_workload (design, "app-1", "scoring-service", VPC_WORKLOAD_CLIENT,
                (const char *const[]) { "sn-train-b", NULL }, NULL);
  vpc_layout_auto (design);
  vpc_design_clear_history (design);
  return design;
}

VpcDesign *
render_design_awkward_names (void)
{
  VpcDesign *design = vpc_design_new ();
  const char *const sn[] = { "sn-markup", NULL };

  set_info (design, "Tags <b> & \"quotes\" 'n' stuff", "10.0.0.0/16");
  add_az (design, "az-a", "us-east-1a");
  add_subnet (design, "sn-markup", "<script>alert(1)</script> & co", "az-a", "10.0.1.0/24",
              VPC_ROUTE_PRIVATE);
  add_subnet (design, "sn-unicode", "Zürich – 東京 ✓", "az-a", "10.0.2.0/24", VPC_ROUTE_PUBLIC);
  add_workload (design, "wl-long", "an-extraordinarily-long-workload-name-that-cannot-fit",
                VPC_WORKLOAD_TRAINING_JOB, sn, NULL);
  add_workload (design, "wl-long-utf8", "überlange-Arbeitslast-mit-Umlauten-äöü-und-mehr",
                VPC_WORKLOAD_PROCESSING_JOB, sn, NULL);
  vpc_layout_auto (design);
  vpc_design_clear_history (design);
  return design;
}

VpcDesign *
render_design_large (guint n_elements)
{
  VpcDesign *design = vpc_design_new ();
  /* Per subnet: the subnet, 3 workloads, one endpoint = 5 elements. */
  guint n_subnets = MAX (1, n_elements / 5), n_az = 6;
  guint n_ep_services = 0;

  set_info (design, "Large design", "10.0.0.0/8");
  for (guint a = 0; a < n_az; a++)
    {
      g_autofree char *id = g_strdup_printf ("az-%u", a);
      g_autofree char *name = g_strdup_printf ("us-east-1%c", 'a' + a);
      add_az (design, id, name);
    }
  for (guint s = 0; s < n_subnets; s++)
    {
      g_autofree char *id = g_strdup_printf ("sn-%u", s);
      g_autofree char *name = g_strdup_printf ("subnet-%u", s);
      g_autofree char *az = g_strdup_printf ("az-%u", s % n_az);
      g_autofree char *cidr = g_strdup_printf ("10.%u.%u.0/24", s / 256, s % 256);
      add_subnet (design, id, name, az, cidr, (VpcRoute) (s % 3));
    }
  for (guint s = 0; s < n_subnets; s++)
    for (guint k = 0; k < 3; k++)
      {
        g_autofree char *id = g_strdup_printf ("wl-%u-%u", s, k);
        g_autofree char *sn = g_strdup_printf ("sn-%u", s);
        const char *const subnets[] = { sn, NULL };
        add_workload (design, id, NULL, (VpcWorkloadKind) ((s + k) % VPC_N_WORKLOAD_KINDS),
                      subnets, NULL);
      }
  for (guint s = 0; s + 1 < n_subnets; s += 2, n_ep_services++)
    {
      g_autofree char *id = g_strdup_printf ("ep-%u", s);
      g_autofree char *service = g_strdup_printf ("svc%u.example", n_ep_services);
      g_autofree char *a = g_strdup_printf ("sn-%u", s);
      g_autofree char *b = g_strdup_printf ("sn-%u", s + 1);
      const char *const subnets[] = { a, b, NULL };
      add_endpoint (design, id, service, subnets, NULL);
    }
  for (guint g = 0; vpc_design_get_total_elements (design) < n_elements; g++)
    {
      g_autofree char *id = g_strdup_printf ("sg-%u", g);
      add_group (design, id, id);
    }
  vpc_layout_auto (design);
  vpc_design_clear_history (design);
  return design;
}

static gint
compare_strings (gconstpointer a,
                 gconstpointer b)
{
  return strcmp (*(const char *const *) a, *(const char *const *) b);
}

static void
add_folder (GPtrArray  *files,
            GPtrArray  *labels,
            const char *dir_path,
            const char *label)
{
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GError) error = NULL;
  GDir *dir = g_dir_open (dir_path, 0, &error);
  const char *name;

  g_assert_no_error (error);
  while ((name = g_dir_read_name (dir)) != NULL)
    if (g_str_has_suffix (name, ".vpcd.json") && name[0] != '.')
      g_ptr_array_add (names, g_strdup (name));
  g_dir_close (dir);
  g_ptr_array_sort (names, compare_strings);
  for (guint i = 0; i < names->len; i++)
    {
      const char *file = g_ptr_array_index (names, i);

      g_ptr_array_add (files, g_build_filename (dir_path, file, NULL));
      if (labels != NULL)
        g_ptr_array_add (labels,
                         g_strdup_printf ("%s/%.*s", label,
                                          (int) (strlen (file) - strlen (".vpcd.json")), file));
    }
}

GPtrArray *
render_design_files (GPtrArray **labels)
{
  const char *examples = g_getenv ("VPC_EXAMPLES_DIR");
  g_autofree char *scenarios = g_test_build_filename (G_TEST_DIST, "data", "scenarios", NULL);
  GPtrArray *files = g_ptr_array_new_with_free_func (g_free);

  g_assert_nonnull (examples);
  if (labels != NULL)
    *labels = g_ptr_array_new_with_free_func (g_free);
  add_folder (files, labels != NULL ? *labels : NULL, examples, "examples");
  add_folder (files, labels != NULL ? *labels : NULL, scenarios, "scenarios");
  return files;
}
