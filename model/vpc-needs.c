/* SPDX-License-Identifier: GPL-3.0-or-later */
/* vpc-needs.c: needs per profile, internet paths and reachability.
 *
 * domain.md §2 word for word: the study-guide checklist, AWS's precise
 * needs, the reduction under network isolation, "ecr.dkr implies s3", and
 * reaches(S, N) by interface endpoint, gateway endpoint or internet path.
 */
#include "vpc-needs.h"

#include <string.h>

/* The study guide's checklist for every kind but client. */
static const char *const checklist[] = {
  "s3", "sagemaker.api", "sagemaker.runtime", "logs", "ecr.api", "ecr.dkr", "sts",
};

gboolean
vpc_needs_kind_is_container (VpcWorkloadKind kind)
{
  return kind == VPC_WORKLOAD_TRAINING_JOB ||
         kind == VPC_WORKLOAD_PROCESSING_JOB ||
         kind == VPC_WORKLOAD_BATCH_TRANSFORM ||
         kind == VPC_WORKLOAD_REALTIME_ENDPOINT;
}

gboolean
vpc_needs_kind_is_job (VpcWorkloadKind kind)
{
  return kind == VPC_WORKLOAD_TRAINING_JOB ||
         kind == VPC_WORKLOAD_PROCESSING_JOB ||
         kind == VPC_WORKLOAD_BATCH_TRANSFORM;
}

static void
add_calls (GPtrArray        *needs,
           const VpcElement *workload)
{
  guint n = vpc_workload_n_calls (workload);

  for (guint i = 0; i < n; i++)
    g_ptr_array_add (needs, (gpointer) vpc_workload_get_call (workload, i));
}

static void
add_ecr (GPtrArray *needs)
{
  g_ptr_array_add (needs, (gpointer) "ecr.api");
  g_ptr_array_add (needs, (gpointer) "ecr.dkr");
}

static int
compare_names (gconstpointer a,
               gconstpointer b)
{
  return strcmp (*(const char *const *) a, *(const char *const *) b);
}

/* Sorts and drops repeats in place. */
static void
sort_unique (GPtrArray *needs)
{
  guint out = 0;

  /* A dozen names at most: inserted in place, without the general sort's
   * set-up (it was a third of indexing a large design's workloads). */
  for (guint i = 1; i < needs->len; i++)
    {
      gpointer name = needs->pdata[i];
      guint j = i;

      for (; j > 0 && compare_names (&needs->pdata[j - 1], &name) > 0; j--)
        needs->pdata[j] = needs->pdata[j - 1];
      needs->pdata[j] = name;
    }
  for (guint i = 0; i < needs->len; i++)
    if (out == 0 || strcmp (g_ptr_array_index (needs, out - 1), g_ptr_array_index (needs, i)) != 0)
      needs->pdata[out++] = needs->pdata[i];
  g_ptr_array_set_size (needs, out);
}

GPtrArray *
vpc_needs_compute (const VpcElement *workload,
                   VpcProfile        profile)
{
  GPtrArray *needs = g_ptr_array_sized_new (12);
  VpcWorkloadKind kind = workload->workload_kind;
  gboolean image_in_vpc = workload->image_access == VPC_IMAGE_ACCESS_VPC;

  if (workload->network_isolation && vpc_needs_kind_is_container (kind))
    {
      /* Isolation leaves only what the platform moves through the subnets,
       * in both profiles; calls become VPC301 conflicts. */
      g_ptr_array_add (needs, (gpointer) "s3");
      if (image_in_vpc)
        add_ecr (needs);
    }
  else if (profile == VPC_PROFILE_STUDY_GUIDE)
    {
      if (kind != VPC_WORKLOAD_CLIENT)
        for (guint i = 0; i < G_N_ELEMENTS (checklist); i++)
          g_ptr_array_add (needs, (gpointer) checklist[i]);
      add_calls (needs, workload);
    }
  else
    {
      if (vpc_needs_kind_is_container (kind))
        {
          g_ptr_array_add (needs, (gpointer) "s3");
          if (image_in_vpc)
            add_ecr (needs);
        }
      add_calls (needs, workload);
    }

  /* Image layers live in S3. */
  for (guint i = 0; i < needs->len; i++)
    if (strcmp (g_ptr_array_index (needs, i), "ecr.dkr") == 0)
      {
        g_ptr_array_add (needs, (gpointer) "s3");
        break;
      }
  sort_unique (needs);
  return needs;
}

gboolean
vpc_needs_contains (GPtrArray  *needs,
                    const char *service)
{
  for (guint i = 0; i < needs->len; i++)
    if (strcmp (g_ptr_array_index (needs, i), service) == 0)
      return TRUE;
  return FALSE;
}

static gboolean
has_direct_internet (const VpcElement    *workload,
                     const VpcSubnetInfo *subnet)
{
  /* A notebook's direct access goes through SageMaker's network, from any
   * subnet; only a client gets internet from a public route, since
   * SageMaker's own interfaces have private addresses only. */
  if (workload->workload_kind == VPC_WORKLOAD_NOTEBOOK_INSTANCE)
    return workload->direct_internet_access;
  return workload->workload_kind == VPC_WORKLOAD_CLIENT &&
         subnet->element->route == VPC_ROUTE_PUBLIC;
}

static gboolean
has_nat_path (VpcRuleContext      *ctx,
              const VpcSubnetInfo *subnet)
{
  return subnet->element->route == VPC_ROUTE_NAT && ctx->public_nat;
}

gboolean
vpc_needs_internet_path (VpcRuleContext      *ctx,
                         const VpcElement    *workload,
                         const VpcSubnetInfo *subnet)
{
  return has_nat_path (ctx, subnet) || has_direct_internet (workload, subnet);
}

gboolean
vpc_needs_gateway_serves (const VpcServiceInfo *service,
                          const char           *subnet_id)
{
  if (service == NULL || service->gateways->len == 0)
    return FALSE;
  return service->gateway_serves_all ||
         (service->gateway_subnets != NULL &&
          g_hash_table_contains (service->gateway_subnets, subnet_id));
}

VpcReach
vpc_needs_reach (VpcRuleContext       *ctx,
                 const VpcElement     *workload,
                 const VpcServiceInfo *service,
                 const VpcSubnetInfo  *subnet)
{
  VpcReach reach = 0;

  /* An interface endpoint is reachable from every subnet of the VPC. */
  if (service != NULL && service->first_interface_with_subnets != NULL)
    reach |= VPC_REACH_INTERFACE;
  if (vpc_needs_gateway_serves (service, subnet->element->id))
    reach |= VPC_REACH_GATEWAY;
  if (has_nat_path (ctx, subnet))
    reach |= VPC_REACH_NAT;
  if (has_direct_internet (workload, subnet))
    reach |= VPC_REACH_DIRECT;
  return reach;
}

/* One gateway endpoint's share of vpc_needs_gateway_serves(). */
static gboolean
gateway_serves (const VpcElement *endpoint,
                const char       *subnet_id)
{
  return !vpc_element_lists_subnets (endpoint) || vpc_id_list_contains (endpoint->subnets, subnet_id);
}

static void
collect_through (VpcRuleContext       *ctx,
                 VpcVia                via,
                 const VpcServiceInfo *service,
                 const VpcSubnetInfo  *subnet,
                 GPtrArray            *through)
{
  switch (via)
    {
    case VPC_VIA_INTERFACE_ENDPOINT:
      for (guint i = 0; i < service->interfaces->len; i++)
        if (vpc_element_lists_subnets (g_ptr_array_index (service->interfaces, i)))
          g_ptr_array_add (through, g_ptr_array_index (service->interfaces, i));
      break;
    case VPC_VIA_GATEWAY_ENDPOINT:
      for (guint i = 0; i < service->gateways->len; i++)
        if (gateway_serves (g_ptr_array_index (service->gateways, i), subnet->element->id))
          g_ptr_array_add (through, g_ptr_array_index (service->gateways, i));
      break;
    case VPC_VIA_NAT:
      g_ptr_array_extend (through, ctx->public_nats, NULL, NULL);
      break;
    case VPC_VIA_NONE:
    case VPC_VIA_INTERNET:
    case VPC_VIA_PLATFORM:
    default:
      break;
    }
}

VpcVia
vpc_needs_way (VpcRuleContext       *ctx,
               const VpcElement     *workload,
               const VpcServiceInfo *service,
               const VpcSubnetInfo  *subnet,
               GPtrArray            *through)
{
  VpcReach reach = vpc_needs_reach (ctx, workload, service, subnet);
  VpcVia via;

  if (reach & VPC_REACH_INTERFACE)
    via = VPC_VIA_INTERFACE_ENDPOINT;
  else if (reach & VPC_REACH_GATEWAY)
    via = VPC_VIA_GATEWAY_ENDPOINT;
  else if (reach & VPC_REACH_NAT)
    via = VPC_VIA_NAT;
  else if (reach & VPC_REACH_DIRECT)
    via = VPC_VIA_INTERNET;
  else
    via = VPC_VIA_NONE;
  if (through != NULL)
    collect_through (ctx, via, service, subnet, through);
  return via;
}
