/* SPDX-License-Identifier: GPL-3.0-or-later */
/* bench-validate.c: how fast the rule engine is.
 *
 * Generates designs of about 100, 1,000 and 10,000 elements with a realistic
 * mix (three AZs, private and public subnets, NAT gateways, security groups
 * with rules, interface and gateway endpoints, workloads of every kind) and
 * prints the full-check time, the live validator's re-validation time after
 * one edit (median of many), and the growth ratio 10k / 1k.
 *
 * Targets: one edit of 1,000 elements < 1 ms; a full check of 10,000 < 100 ms.
 */
#include <stdio.h>
#include <stdlib.h>

#include "bench-utils.h"
#include "vpc-validator.h"

/* The study guide's checklist; further services are "svc-N". */
static const char *const checklist[] = {
  "sagemaker.api", "sagemaker.runtime", "logs", "ecr.api", "ecr.dkr", "sts",
};

static VpcElement *
element (VpcKind     kind,
         const char *prefix,
         guint       n)
{
  g_autofree char *id = g_strdup_printf ("%s-%u", prefix, n);

  return vpc_element_new (kind, id);
}

static void
add_rule (GArray     *rules,
          VpcProtocol protocol,
          guint16     from,
          guint16     to,
          const char *peer)
{
  VpcSgRule rule = { protocol, from, to, g_strdup (peer) };

  g_array_append_val (rules, rule);
}

static char *
service_name (guint i)
{
  if (i < G_N_ELEMENTS (checklist))
    return g_strdup (checklist[i]);
  return g_strdup_printf ("svc-%u", i);
}

/* About @total elements: 20 % subnets, 15 % groups, 8 % endpoints (one per
 * service, as private DNS allows), three NAT gateways, the rest workloads.
 * Mostly correct, with a few mistakes of the common kinds. */
static VpcDesign *
generate (guint total)
{
  VpcDesign *design = vpc_design_new ();
  VpcDesignInfo *info = vpc_design_info_new ();
  guint n_subnets = MAX (total / 5, 6);
  guint n_groups = MAX (total * 15 / 100, 2);
  guint n_endpoints = MAX (total * 8 / 100, G_N_ELEMENTS (checklist) + 2);
  guint n_services = n_endpoints - 1;
  guint n_nat = 3;
  guint n_workloads = total - MIN (total, 3 + n_subnets + n_groups + n_endpoints + n_nat);

  g_free (info->vpc_cidr);
  info->vpc_cidr = g_strdup ("10.0.0.0/16");
  vpc_design_take_info (design, info);

  for (guint i = 0; i < 3; i++)
    vpc_design_take_element (design, element (VPC_KIND_AZ, "az", i));

  /* /27 blocks: 2,048 fit in the /16. Subnet j lies in AZ j % 3; the first
   * three are public and hold the NAT gateways. */
  for (guint i = 0; i < n_subnets; i++)
    {
      VpcElement *subnet = element (VPC_KIND_SUBNET, "sn", i);

      subnet->az = g_strdup_printf ("az-%u", i % 3);
      subnet->cidr = g_strdup_printf ("10.0.%u.%u/27", i / 8, (i % 8) * 32);
      subnet->route = i < 3 ? VPC_ROUTE_PUBLIC : (i % 4 == 0 ? VPC_ROUTE_NAT : VPC_ROUTE_PRIVATE);
      vpc_design_take_element (design, subnet);
    }
  for (guint i = 0; i < n_nat; i++)
    {
      VpcElement *nat = element (VPC_KIND_NAT_GATEWAY, "nat", i);

      nat->subnet = g_strdup_printf ("sn-%u", i);
      vpc_design_take_element (design, nat);
    }

  /* sg-0 guards the endpoints; the others are workload groups. */
  for (guint i = 0; i < n_groups; i++)
    {
      VpcElement *group = element (VPC_KIND_SECURITY_GROUP, "sg", i);

      g_array_set_size (group->egress, 0);
      if (i == 0)
        add_rule (group->ingress, VPC_PROTOCOL_TCP, 443, 443, "10.0.0.0/16");
      else
        {
          add_rule (group->ingress, VPC_PROTOCOL_ALL, 0, 65535, "self");
          add_rule (group->egress, VPC_PROTOCOL_ALL, 0, 65535, "self");
          add_rule (group->egress, VPC_PROTOCOL_TCP, 443, 443, "sg-0");
          /* A few groups forget the S3 prefix list (VPC405). */
          if (i % 25 != 0)
            add_rule (group->egress, VPC_PROTOCOL_TCP, 443, 443, "prefix-list:s3");
        }
      vpc_design_take_element (design, group);
    }

  for (guint i = 0; i < n_endpoints; i++)
    {
      VpcElement *endpoint = element (VPC_KIND_ENDPOINT, "ep", i);

      if (i == 0)
        {
          endpoint->service = g_strdup ("s3");
          endpoint->endpoint_type = VPC_ENDPOINT_GATEWAY;
          vpc_design_take_element (design, endpoint);
          continue;
        }
      endpoint->service = service_name (i - 1);
      endpoint->private_dns = i % 40 != 0; /* a few VPC111 */
      for (guint az = 0; az < 3; az++)
        {
          /* Some endpoints miss an AZ (VPC113). */
          g_autofree char *subnet
              = g_strdup_printf ("sn-%u", 3 + (i % ((n_subnets - 3) / 3)) * 3 + az);

          if (az < 2 || i % 30 != 0)
            vpc_id_list_add (endpoint->subnets, subnet);
        }
      vpc_id_list_add (endpoint->security_groups, "sg-0");
      vpc_design_take_element (design, endpoint);
    }

  for (guint i = 0; i < n_workloads; i++)
    {
      VpcElement *workload = element (VPC_KIND_WORKLOAD, "w", i);
      g_autofree char *group_id = g_strdup_printf ("sg-%u", 1 + i % (n_groups - 1));
      guint n_own = workload->workload_kind == VPC_WORKLOAD_NOTEBOOK_INSTANCE ? 1 : 2;

      workload->workload_kind = i % 7;
      n_own = workload->workload_kind == VPC_WORKLOAD_NOTEBOOK_INSTANCE ? 1 : 2;
      for (guint k = 0; k < n_own; k++)
        {
          g_autofree char *subnet = g_strdup_printf ("sn-%u", 3 + (i * 2 + k) % (n_subnets - 3));
          vpc_id_list_add (workload->subnets, subnet);
        }
      vpc_id_list_add (workload->security_groups, group_id);
      workload->instance_count = i % 5 == 0 ? 2 : 1;
      workload->direct_internet_access = FALSE;
      if (workload->workload_kind != VPC_WORKLOAD_CLIENT)
        {
          /* Code calls one more service; one in fifty needs the internet. */
          g_autofree char *call = service_name (i % n_services);

          workload->calls = vpc_id_list_new ();
          vpc_id_list_add (workload->calls, call);
          workload->needs_internet = i % 50 == 0;
        }
      vpc_design_take_element (design, workload);
    }
  return design;
}

/* Median of @runs one-shot validations, in milliseconds. */
static double
time_full_check (VpcDesign *design,
                 guint      runs,
                 guint     *n_findings)
{
  g_autofree double *times = g_new (double, runs);

  for (guint r = 0; r < runs; r++)
    {
      gint64 start = g_get_monotonic_time ();
      g_autoptr(GPtrArray) findings = vpc_validate (design, VPC_PROFILE_STUDY_GUIDE);

      times[r] = (g_get_monotonic_time () - start) / 1000.0;
      *n_findings = findings->len;
    }
  return bench_median (times, runs);
}

/* Median time from one edit to an up-to-date live validator, in ms. The
 * edit toggles a workload's internet need, so findings really change. */
static double
time_one_edit (VpcDesign *design,
               guint      runs)
{
  g_autoptr(VpcValidator) validator = vpc_validator_new (design);
  g_autofree double *times = g_new (double, runs);
  const VpcElement *target = vpc_design_get_element (design, VPC_KIND_WORKLOAD, 0);
  g_autofree char *id = g_strdup (target->id);

  for (guint r = 0; r < runs; r++)
    {
      VpcElement *copy = vpc_element_copy (vpc_design_lookup (design, id));
      gint64 start;

      copy->needs_internet = !copy->needs_internet;
      start = g_get_monotonic_time ();
      vpc_design_replace_element (design, copy);
      times[r] = (g_get_monotonic_time () - start) / 1000.0;
    }
  return bench_median (times, runs);
}

int
main (int argc, char **argv)
{
  static const guint sizes[] = { 100, 1000, 10000 };
  double full[G_N_ELEMENTS (sizes)];

  printf ("%8s %10s %10s %14s\n", "elements", "findings", "full ms", "one-edit ms");
  for (guint s = 0; s < G_N_ELEMENTS (sizes); s++)
    {
      g_autoptr(VpcDesign) design = generate (sizes[s]);
      guint n_findings = 0;
      double edit;

      full[s] = time_full_check (design, sizes[s] >= 10000 ? 11 : 51, &n_findings);
      edit = time_one_edit (design, sizes[s] >= 10000 ? 21 : 201);
      printf ("%8u %10u %10.3f %14.3f\n", vpc_design_get_total_elements (design), n_findings,
              full[s], edit);
    }
  printf ("growth 10k/1k (full check): %.1fx for 10x the elements\n", full[2] / full[1]);
  return 0;
}
