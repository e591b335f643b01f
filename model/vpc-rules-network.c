/* SPDX-License-Identifier: GPL-3.0-or-later */
/* vpc-rules-network.c: VPC201–213, subnets, AZs, routes and NAT gateways. */
#include "vpc-rules.h"

#include <stdlib.h>
#include <string.h>

#include "vpc-i18n.h"
#include "vpc-needs.h"

/* Kinds whose placement over AZs VPC201/202 judge. */
static gboolean
kind_wants_two_azs (VpcWorkloadKind kind)
{
  return vpc_needs_kind_is_container (kind) || kind == VPC_WORKLOAD_STUDIO_DOMAIN;
}

static VpcSeverity
placement_severity (const VpcElement *workload)
{
  return workload->workload_kind == VPC_WORKLOAD_REALTIME_ENDPOINT ? VPC_SEVERITY_ERROR
                                                                   : VPC_SEVERITY_WARNING;
}

/* VPC201 and VPC202. */
static void
check_placement (VpcRuleContext  *ctx,
                 VpcWorkloadInfo *info)
{
  const VpcElement *workload = info->element;
  const GPtrArray *subnets = workload->subnets;
  g_autoptr(GPtrArray) others = NULL;
  g_autofree char *who = NULL;
  const VpcElement *only_az = NULL;

  if (!kind_wants_two_azs (workload->workload_kind) || subnets == NULL || subnets->len == 0)
    return;

  if (subnets->len == 1)
    {
      const VpcSubnetInfo *subnet = vpc_rule_context_subnet (ctx, g_ptr_array_index (subnets, 0));

      others = g_ptr_array_new ();
      if (subnet != NULL)
        g_ptr_array_add (others, (gpointer) subnet->element);
      who = vpc_rules_describe (ctx, workload);
      vpc_rules_report (ctx, "VPC201", placement_severity (workload), workload, others, NULL,
                        /* TRANSLATORS: the first %s is a workload ("training job
                         * train-1"), the second the name of its subnet. */
                        vpc_rules_printf (_("%s has a single subnet, %s"), who,
                                          subnet != NULL
                                              ? vpc_rules_name (ctx, subnet->element)
                                              : (const char *) g_ptr_array_index (subnets, 0)));
      return;
    }

  for (guint i = 0; i < info->n_subnets; i++)
    {
      const VpcSubnetInfo *subnet = info->subnets[i];

      if (subnet->az == NULL)
        continue;
      if (only_az != NULL && only_az != subnet->az)
        return;
      only_az = subnet->az;
    }
  if (only_az == NULL)
    return;
  others = g_ptr_array_new ();
  g_ptr_array_add (others, (gpointer) only_az);
  who = vpc_rules_describe (ctx, workload);
  vpc_rules_report (ctx, "VPC202", placement_severity (workload), workload, others, NULL,
                    /* TRANSLATORS: %u is the number of subnets (at least two), the
                     * first %s a workload ("training job train-1"), the second the
                     * name of an availability zone. */
                    vpc_rules_printf (ngettext ("All %u subnets of %s are in availability zone %s",
                                                "All %u subnets of %s are in availability zone %s",
                                                subnets->len),
                                      subnets->len, who, vpc_rules_name (ctx, only_az)));
}

/* VPC207: SageMaker's interfaces get no public address in a public subnet. */
static void
check_public_subnets (VpcRuleContext  *ctx,
                      VpcWorkloadInfo *info)
{
  const VpcElement *workload = info->element;
  g_autoptr(GPtrArray) public = NULL;
  g_autofree char *who = NULL;
  g_autofree char *where = NULL;

  if (workload->workload_kind == VPC_WORKLOAD_CLIENT)
    return;
  for (guint i = 0; i < info->n_subnets; i++)
    if (info->subnets[i]->element->route == VPC_ROUTE_PUBLIC)
      {
        if (public == NULL)
          public = g_ptr_array_new ();
        g_ptr_array_add (public, (gpointer) info->subnets[i]->element);
      }
  if (public == NULL)
    return;
  vpc_rules_sort_elements (ctx, public);
  who = vpc_rules_describe (ctx, workload);
  where = vpc_rules_describe_list (ctx, public, ngettext ("public subnet", "public subnets",
                                                     public->len));
  vpc_rules_report (ctx, "VPC207", VPC_SEVERITY_WARNING, workload, public, NULL,
                    /* TRANSLATORS: the first %s is a workload ("training job train-1"),
                     * the second a list of its public subnets ("public subnet sn-a"). */
                    vpc_rules_printf (ngettext ("%s uses %s, which gives it no internet access",
                                                "%s uses %s, which give it no internet access",
                                                public->len),
                                      who, where));
}

/* VPC208 and VPC209: what a VpcConfig accepts. */
static void
check_vpc_config (VpcRuleContext   *ctx,
                  const VpcElement *workload)
{
  guint n_subnets = workload->subnets != NULL ? workload->subnets->len : 0;
  guint n_groups = workload->security_groups != NULL ? workload->security_groups->len : 0;
  g_autofree char *who = NULL;

  if (n_subnets == 0 || n_subnets > 16 || n_groups == 0 || n_groups > 5)
    {
      who = vpc_rules_describe (ctx, workload);
      vpc_rules_report (ctx, "VPC208", VPC_SEVERITY_ERROR, workload, NULL, NULL,
                        /* TRANSLATORS: %s is a workload ("training job train-1"), the
                         * first %u its number of subnets, the second its number of
                         * security groups (either may be 0 or 1). */
                        vpc_rules_printf (_("%s has %u subnets and %u security groups; a VPC "
                                            "configuration takes 1 to 16 subnets and 1 to 5 "
                                            "groups"),
                                          who, n_subnets, n_groups));
    }
  if (workload->workload_kind == VPC_WORKLOAD_NOTEBOOK_INSTANCE && n_subnets > 1)
    {
      g_clear_pointer (&who, g_free);
      who = vpc_rules_describe (ctx, workload);
      vpc_rules_report (ctx, "VPC209", VPC_SEVERITY_ERROR, workload, NULL, NULL,
                        /* TRANSLATORS: %s is a notebook instance ("notebook instance
                         * nb-1"), %u its number of subnets (at least two). */
                        vpc_rules_printf (ngettext ("%s lists %u subnets; a notebook instance "
                                                    "takes exactly one",
                                                    "%s lists %u subnets; a notebook instance "
                                                    "takes exactly one",
                                                    n_subnets),
                                          who, n_subnets));
    }
}

static void
check_subnet_cidr (VpcRuleContext      *ctx,
                   const VpcSubnetInfo *subnet)
{
  const VpcElement *element = subnet->element;
  const char *name = vpc_rules_name (ctx, element);

  if (element->route == VPC_ROUTE_NAT && !ctx->has_nat)
    vpc_rules_report (ctx, "VPC205", VPC_SEVERITY_ERROR, element, NULL, NULL,
                      vpc_rules_printf (_("subnet %s routes to a NAT gateway, but the VPC has "
                                          "none"),
                                        name));
  if (!subnet->cidr_ok)
    return;
  if (ctx->vpc_cidr_ok && !vpc_cidr_contains (&ctx->vpc_cidr, &subnet->cidr))
    vpc_rules_report (ctx, "VPC203", VPC_SEVERITY_ERROR, element, NULL, NULL,
                      /* TRANSLATORS: the first %s is a subnet's name, the second its
                       * CIDR block, the third the VPC's CIDR block. */
                      vpc_rules_printf (_("subnet %s has CIDR %s, outside the VPC's %s"),
                                        name, element->cidr, ctx->info->vpc_cidr));
  if (subnet->cidr.prefix < 16 || subnet->cidr.prefix > 28)
    vpc_rules_report (ctx, "VPC213", VPC_SEVERITY_ERROR, element, NULL, NULL,
                      /* TRANSLATORS: the first %s is a subnet's name, the second its
                       * CIDR block ("10.0.0.0/30"). */
                      vpc_rules_printf (_("subnet %s has CIDR %s; AWS accepts /16 to /28"),
                                        name, element->cidr));
}

/* VPC204. CIDR blocks either nest or are disjoint, so after sorting by
 * start address (bigger block first) a stack of enclosing blocks yields every
 * overlapping pair in O(n log n + pairs), with no all-pairs loop. */
typedef struct
{
  const VpcSubnetInfo *subnet;
  guint64              start;
  guint64              end;
  int                  index;
} Block;

static int
compare_blocks (gconstpointer a,
                gconstpointer b)
{
  const Block *x = a, *y = b;

  if (x->start != y->start)
    return x->start < y->start ? -1 : 1;
  if (x->subnet->cidr.prefix != y->subnet->cidr.prefix)
    return x->subnet->cidr.prefix < y->subnet->cidr.prefix ? -1 : 1;
  return (x->index > y->index) - (x->index < y->index);
}

static void
add_overlap (GHashTable *overlaps,
             const Block *a,
             const Block *b)
{
  const Block *later = a->index > b->index ? a : b;
  const Block *earlier = later == a ? b : a;
  GPtrArray *list = g_hash_table_lookup (overlaps, later->subnet->element);

  if (list == NULL)
    {
      list = g_ptr_array_new ();
      g_hash_table_insert (overlaps, (gpointer) later->subnet->element, list);
    }
  g_ptr_array_add (list, (gpointer) earlier->subnet->element);
}

static void
check_overlaps (VpcRuleContext *ctx)
{
  guint n = vpc_design_get_n_elements (ctx->design, VPC_KIND_SUBNET);
  g_autofree Block *blocks = g_new (Block, MAX (n, 1));
  g_autofree Block **stack = g_new (Block *, MAX (n, 1));
  g_autoptr(GHashTable) overlaps = g_hash_table_new_full (NULL, NULL, NULL,
                                                          (GDestroyNotify) g_ptr_array_unref);
  guint n_blocks = 0, depth = 0;

  for (guint i = 0; i < n; i++)
    {
      const VpcElement *element = vpc_design_get_element (ctx->design, VPC_KIND_SUBNET, i);
      const VpcSubnetInfo *subnet = vpc_rule_context_subnet (ctx, element->id);

      if (subnet == NULL || !subnet->cidr_ok)
        continue;
      blocks[n_blocks].subnet = subnet;
      blocks[n_blocks].start = subnet->cidr.address;
      blocks[n_blocks].end = subnet->cidr.address + (guint64) vpc_cidr_size (&subnet->cidr) - 1;
      blocks[n_blocks].index = (int) i;
      n_blocks++;
    }
  qsort (blocks, n_blocks, sizeof *blocks, compare_blocks);

  for (guint i = 0; i < n_blocks; i++)
    {
      while (depth > 0 && stack[depth - 1]->end < blocks[i].start)
        depth--;
      for (guint d = 0; d < depth; d++)
        add_overlap (overlaps, stack[d], &blocks[i]);
      stack[depth++] = &blocks[i];
    }
  if (g_hash_table_size (overlaps) == 0)
    return;

  for (guint i = 0; i < n; i++)
    {
      const VpcElement *element = vpc_design_get_element (ctx->design, VPC_KIND_SUBNET, i);
      GPtrArray *earlier = g_hash_table_lookup (overlaps, element);
      g_autofree char *what = NULL;
      g_autofree char *list = NULL;

      if (earlier == NULL)
        continue;
      vpc_rules_sort_elements (ctx, earlier);
      what = vpc_rules_describe (ctx, element);
      list = vpc_rules_describe_list (ctx, earlier, ngettext ("subnet", "subnets", earlier->len));
      vpc_rules_report (ctx, "VPC204", VPC_SEVERITY_ERROR, element, earlier, NULL,
                        /* TRANSLATORS: the first %s is a subnet ("subnet private-b
                         * (sn-b)"), the second its CIDR block, the third a list of
                         * subnets ("subnets sn-a and sn-c"). */
                        vpc_rules_printf (_("%s (%s) overlaps %s"), what, element->cidr, list));
    }
}

/* VPC206. */
static void
check_nat_gateways (VpcRuleContext *ctx)
{
  guint n = vpc_design_get_n_elements (ctx->design, VPC_KIND_NAT_GATEWAY);

  for (guint i = 0; i < n; i++)
    {
      const VpcElement *nat = vpc_design_get_element (ctx->design, VPC_KIND_NAT_GATEWAY, i);
      const VpcSubnetInfo *subnet = vpc_rule_context_subnet (ctx, nat->subnet);
      g_autoptr(GPtrArray) others = NULL;

      if (subnet == NULL || subnet->element->route == VPC_ROUTE_PUBLIC)
        continue;
      others = g_ptr_array_new ();
      g_ptr_array_add (others, (gpointer) subnet->element);
      vpc_rules_report (ctx, "VPC206", VPC_SEVERITY_ERROR, nat, others, NULL,
                        /* TRANSLATORS: the first %s is a NAT gateway's name, the
                         * second a subnet's name, the third the subnet's route as the
                         * file writes it ("private", "nat"). */
                        vpc_rules_printf (_("NAT gateway %s sits in subnet %s, whose route is "
                                            "%s, not public"),
                                          vpc_rules_name (ctx, nat),
                                          vpc_rules_name (ctx, subnet->element),
                                          vpc_route_to_string (subnet->element->route)));
    }
}

/* VPC210. */
static void
check_az_count (VpcRuleContext *ctx)
{
  guint n = vpc_design_get_n_elements (ctx->design, VPC_KIND_AZ);

  if (n >= 2)
    return;
  vpc_rules_report (ctx, "VPC210", VPC_SEVERITY_INFO,
                    n == 1 ? vpc_design_get_element (ctx->design, VPC_KIND_AZ, 0) : NULL,
                    NULL, NULL,
                    g_strdup (n == 1 ? _("The design has a single availability zone")
                                     : _("The design has no availability zone")));
}

/* VPC211: addresses asked of each subnet. */
typedef struct
{
  gint64     instances;
  gint64     endpoints;
  GPtrArray *workloads;
} Usage;

/* Counts what each subnet is asked for into @usages, one per subnet by
 * position (a flat array: at 100,000 elements a table of them took ~20 ms
 * of lookups and allocations). */
static void
count_usage (VpcRuleContext *ctx,
             Usage          *usages)
{
  guint n = vpc_design_get_n_elements (ctx->design, VPC_KIND_ENDPOINT);

  for (guint w = 0; w < ctx->workloads->len; w++)
    {
      VpcWorkloadInfo *workload = g_ptr_array_index (ctx->workloads, w);

      for (guint i = 0; i < workload->n_subnets; i++)
        {
          Usage *usage = &usages[workload->subnets[i]->position];

          usage->instances += workload->element->instance_count;
          /* The workloads come in file order and none lists a subnet twice
           * (the invariants refuse it): each list is sorted as the finding
           * gives them. */
          if (usage->workloads == NULL)
            usage->workloads = g_ptr_array_new ();
          g_ptr_array_add (usage->workloads, (gpointer) workload->element);
        }
    }
  for (guint e = 0; e < n; e++)
    {
      const VpcElement *endpoint = vpc_design_get_element (ctx->design, VPC_KIND_ENDPOINT, e);

      if (endpoint->endpoint_type != VPC_ENDPOINT_INTERFACE)
        continue;
      for (guint i = 0; endpoint->subnets != NULL && i < endpoint->subnets->len; i++)
        {
          const VpcSubnetInfo *subnet
              = vpc_rule_context_subnet (ctx, g_ptr_array_index (endpoint->subnets, i));

          if (subnet != NULL)
            usages[subnet->position].endpoints++;
        }
    }
}

/* VPC211 for @element, asked @usage. */
static void
report_subnet_size (VpcRuleContext      *ctx,
                    const VpcSubnetInfo *subnet,
                    const Usage         *usage)
{
  gint64 usable, wanted;
  g_autofree char *what = NULL;

  if (!subnet->cidr_ok)
    return;
  usable = (gint64) vpc_cidr_size (&subnet->cidr) - 5;
  wanted = usage != NULL ? 2 * usage->instances + usage->endpoints : 0;
  if (usable >= wanted)
    return;
  what = vpc_rules_describe (ctx, subnet->element);
  vpc_rules_report (ctx, VPC_RULES_SUBNET_SIZE, VPC_SEVERITY_WARNING, subnet->element,
                    usage != NULL ? usage->workloads : NULL, NULL,
                    /* TRANSLATORS: %s is a subnet ("subnet private-b (sn-b)"),
                     * the numbers are counts of IP addresses. */
                    vpc_rules_printf (_("%s has %lld usable addresses but needs %lld"),
                                      what, (long long) usable, (long long) wanted));
}

static void
check_subnet_sizes (VpcRuleContext *ctx)
{
  guint n = vpc_design_get_n_elements (ctx->design, VPC_KIND_SUBNET);
  g_autofree Usage *usages = g_new0 (Usage, MAX (n, 1));

  count_usage (ctx, usages);
  for (guint i = 0; i < n; i++)
    {
      const VpcElement *element = vpc_design_get_element (ctx->design, VPC_KIND_SUBNET, i);
      const VpcSubnetInfo *subnet = vpc_rule_context_subnet (ctx, element->id);

      if (subnet != NULL)
        report_subnet_size (ctx, subnet, &usages[i]);
      g_clear_pointer (&usages[i].workloads, g_ptr_array_unref);
    }
}

/* The position of @id among the scoped run's subnets (ctx->scope_ids past
 * its workloads' ids), or -1. */
static int
scope_subnet (VpcRuleContext *ctx,
              const char     *id)
{
  for (guint k = ctx->n_scope_workloads; k < ctx->scope_ids->len; k++)
    if (strcmp (g_ptr_array_index (ctx->scope_ids, k), id) == 0)
      return (int) (k - ctx->n_scope_workloads);
  return -1;
}

/* VPC211 for the subnets of a scoped run (its workloads', or those
 * vpc_rule_context_size_subnets() gave): what count_usage()
 * gives them, from every workload and endpoint that lists them, in one
 * walk over the design (at 100,000 elements its cost is that of reading
 * each workload's list once). */
static void
check_scope_subnet_sizes (VpcRuleContext *ctx)
{
  guint n_workloads = vpc_design_get_n_elements (ctx->design, VPC_KIND_WORKLOAD);
  guint n_endpoints = vpc_design_get_n_elements (ctx->design, VPC_KIND_ENDPOINT);
  guint n = ctx->scope_ids->len - ctx->n_scope_workloads;
  g_autofree Usage *usages = NULL;

  if (n == 0)
    return;
  usages = g_new0 (Usage, n);
  for (guint k = 0; k < n; k++)
    usages[k].workloads = g_ptr_array_new ();
  for (guint i = 0; i < n_workloads; i++)
    {
      const VpcElement *workload = vpc_design_get_element (ctx->design, VPC_KIND_WORKLOAD, i);

      /* In-VPC workloads only, as in ctx->workloads; none lists a subnet
       * twice (the invariants refuse it). */
      for (guint s = 0; workload->vpc_mode && workload->subnets != NULL
                        && s < workload->subnets->len; s++)
        {
          int k = scope_subnet (ctx, g_ptr_array_index (workload->subnets, s));

          if (k >= 0)
            {
              usages[k].instances += workload->instance_count;
              g_ptr_array_add (usages[k].workloads, (gpointer) workload);
            }
        }
    }
  for (guint e = 0; e < n_endpoints; e++)
    {
      const VpcElement *endpoint = vpc_design_get_element (ctx->design, VPC_KIND_ENDPOINT, e);

      for (guint s = 0; endpoint->endpoint_type == VPC_ENDPOINT_INTERFACE
                        && endpoint->subnets != NULL && s < endpoint->subnets->len; s++)
        {
          int k = scope_subnet (ctx, g_ptr_array_index (endpoint->subnets, s));

          if (k >= 0)
            usages[k].endpoints++;
        }
    }
  for (guint k = 0; k < n; k++)
    {
      const Usage *usage = &usages[k];
      const VpcSubnetInfo *subnet
          = vpc_rule_context_subnet (ctx, g_ptr_array_index (ctx->scope_ids,
                                                             ctx->n_scope_workloads + k));

      /* (A subnet a workload listed may be gone.) */
      if (subnet != NULL)
        report_subnet_size (ctx, subnet,
                            usage->workloads->len > 0 || usage->endpoints > 0 ? usage : NULL);
      g_ptr_array_unref (usage->workloads);
    }
}

/* VPC212: NAT-route subnets in several AZs, all NAT gateways in one. */
static void
check_nat_spread (VpcRuleContext *ctx)
{
  guint n_nat = vpc_design_get_n_elements (ctx->design, VPC_KIND_NAT_GATEWAY);
  guint n_subnets = vpc_design_get_n_elements (ctx->design, VPC_KIND_SUBNET);
  g_autoptr(GHashTable) routed = NULL;
  g_autoptr(GPtrArray) cut_off = NULL;
  const VpcElement *nat_az = NULL;
  g_autofree char *where = NULL;

  if (ctx->info->environment != VPC_ENVIRONMENT_PRODUCTION || n_nat == 0)
    return;
  for (guint i = 0; i < n_nat; i++)
    {
      const VpcElement *nat = vpc_design_get_element (ctx->design, VPC_KIND_NAT_GATEWAY, i);
      const VpcSubnetInfo *subnet = vpc_rule_context_subnet (ctx, nat->subnet);

      if (subnet == NULL || subnet->az == NULL)
        continue;
      if (nat_az != NULL && nat_az != subnet->az)
        return;
      nat_az = subnet->az;
    }
  if (nat_az == NULL)
    return;

  routed = g_hash_table_new (NULL, NULL);
  cut_off = g_ptr_array_new ();
  for (guint i = 0; i < n_subnets; i++)
    {
      const VpcElement *element = vpc_design_get_element (ctx->design, VPC_KIND_SUBNET, i);
      const VpcSubnetInfo *subnet = vpc_rule_context_subnet (ctx, element->id);

      if (element->route != VPC_ROUTE_NAT || subnet == NULL || subnet->az == NULL)
        continue;
      if (g_hash_table_add (routed, (gpointer) subnet->az) && subnet->az != nat_az)
        g_ptr_array_add (cut_off, (gpointer) subnet->az);
    }
  if (g_hash_table_size (routed) < 2)
    return;

  vpc_rules_sort_elements (ctx, cut_off);
  where = vpc_rules_describe_list (ctx, cut_off, ngettext ("availability zone", "availability zones",
                                                      cut_off->len));
  vpc_rules_report (ctx, "VPC212", VPC_SEVERITY_WARNING,
                    vpc_design_get_element (ctx->design, VPC_KIND_NAT_GATEWAY, 0), cut_off, NULL,
                    /* TRANSLATORS: the first %s is the name of an availability zone,
                     * the second a list of others ("availability zones az-b and az-c"). */
                    vpc_rules_printf (_("Every NAT gateway sits in availability zone %s: losing "
                                        "it cuts off the NAT-route subnets of %s"),
                                      vpc_rules_name (ctx, nat_az), where));
}

/* VPC213 for the VPC itself: no element stands for it. */
static void
check_vpc_cidr (VpcRuleContext *ctx)
{
  if (!ctx->vpc_cidr_ok || (ctx->vpc_cidr.prefix >= 16 && ctx->vpc_cidr.prefix <= 28))
    return;
  vpc_rules_report (ctx, "VPC213", VPC_SEVERITY_ERROR, NULL, NULL, NULL,
                    vpc_rules_printf (_("The VPC's CIDR %s is outside /16 to /28"),
                                      ctx->info->vpc_cidr));
}

void
vpc_rules_check_network (VpcRuleContext *ctx)
{
  guint n = vpc_design_get_n_elements (ctx->design, VPC_KIND_SUBNET);

  for (guint w = 0; w < ctx->checked->len; w++)
    {
      VpcWorkloadInfo *workload = g_ptr_array_index (ctx->checked, w);

      check_placement (ctx, workload);
      check_public_subnets (ctx, workload);
      check_vpc_config (ctx, workload->element);
    }
  /* The rest are about subnets, NAT gateways and zones. */
  if (!vpc_rule_context_checks_others (ctx))
    {
      check_scope_subnet_sizes (ctx);
      return;
    }
  for (guint i = 0; i < n; i++)
    {
      const VpcElement *element = vpc_design_get_element (ctx->design, VPC_KIND_SUBNET, i);
      const VpcSubnetInfo *subnet = vpc_rule_context_subnet (ctx, element->id);

      if (subnet != NULL)
        check_subnet_cidr (ctx, subnet);
    }
  check_overlaps (ctx);
  check_nat_gateways (ctx);
  check_az_count (ctx);
  if (ctx->sizes_scoped)
    check_scope_subnet_sizes (ctx);
  else
    check_subnet_sizes (ctx);
  check_nat_spread (ctx);
  check_vpc_cidr (ctx);
}
