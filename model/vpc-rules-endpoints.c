/* SPDX-License-Identifier: GPL-3.0-or-later */
/* vpc-rules-endpoints.c: VPC101–107 (reaching what a workload needs) and
 * VPC110–116 (the endpoints themselves). */
#include "vpc-rules.h"

#include <string.h>

#include "vpc-i18n.h"
#include "vpc-needs.h"

static const struct { const char *service, *rule; } path_rules[] = {
  { "s3", "VPC101" },
  { "sagemaker.api", "VPC102" },
  { "sagemaker.runtime", "VPC103" },
  { "logs", "VPC104" },
  { "ecr.api", "VPC105" },
  { "ecr.dkr", "VPC105" },
  { "sts", "VPC106" },
};

const char *
vpc_rules_path_rule (const char *service)
{
  for (guint i = 0; i < G_N_ELEMENTS (path_rules); i++)
    if (strcmp (path_rules[i].service, service) == 0)
      return path_rules[i].rule;
  return "VPC107";
}

guint
vpc_rules_finding_services (VpcFinding  *finding,
                            const char **services)
{
  const char *rule = vpc_finding_get_rule_id (finding);
  guint n = 0;

  if (strcmp (rule, "VPC107") == 0)
    {
      services[0] = vpc_finding_get_service (finding);
      return services[0] != NULL ? 1 : 0;
    }
  for (guint i = 0; i < G_N_ELEMENTS (path_rules) && n < 2; i++)
    if (strcmp (path_rules[i].rule, rule) == 0)
      services[n++] = path_rules[i].service;
  return n;
}

/* The subnets of @workload from which it cannot reach its @i-th need,
 * sorted; NULL when it reaches it everywhere. The path engine decides, so
 * that trace's "via": "none" and these lists are one answer. */
static GPtrArray *
unreachable_subnets (VpcRuleContext  *ctx,
                     VpcWorkloadInfo *workload,
                     guint            i)
{
  const VpcServiceInfo *info = workload->services[i];
  GPtrArray *failing = NULL;

  for (guint s = 0; s < workload->n_subnets; s++)
    if (vpc_needs_way (ctx, workload->element, info, workload->subnets[s], NULL) == VPC_VIA_NONE)
      {
        if (failing == NULL)
          failing = g_ptr_array_new ();
        g_ptr_array_add (failing, (gpointer) workload->subnets[s]->element);
      }
  vpc_rules_sort_elements (ctx, failing);
  return failing;
}

/* Why nothing reaches @service, for the message. */
static char *
missing_path_reason (VpcRuleContext *ctx,
                     const char     *service)
{
  const VpcServiceInfo *info = vpc_rule_context_service (ctx, service);

  if (info != NULL && info->gateways->len > 0)
    /* TRANSLATORS: %s is an endpoint's name; this ends "… cannot reach … from …: %s". */
    return vpc_rules_printf (_("the gateway endpoint %s is not routed to it, and there is no "
                               "internet path"),
                             vpc_rules_name (ctx, g_ptr_array_index (info->gateways, 0)));
  if (info != NULL && info->interfaces->len > 0)
    /* TRANSLATORS: %s is an endpoint's name; this ends "… cannot reach … from …: %s". */
    return vpc_rules_printf (_("its interface endpoint %s has no subnets, and there is no "
                               "internet path"),
                             vpc_rules_name (ctx, g_ptr_array_index (info->interfaces, 0)));
  return g_strdup (_("there is no endpoint for it and no internet path"));
}

static void
report_unreachable (VpcRuleContext  *ctx,
                    VpcWorkloadInfo *workload,
                    const char      *rule_id,
                    const char      *service,
                    const char      *services_text,
                    GPtrArray       *failing)
{
  g_autofree char *who = vpc_rules_describe (ctx, workload->element);
  g_autofree char *where = vpc_rules_describe_list (ctx, failing, ngettext ("subnet", "subnets",
                                                                        failing->len));
  g_autofree char *why = missing_path_reason (ctx, service);

  vpc_rules_report (ctx, rule_id, VPC_SEVERITY_ERROR, workload->element, failing,
                    strcmp (rule_id, "VPC107") == 0 ? service : NULL,
                    /* TRANSLATORS: the first %s is a workload ("training job train-1"),
                     * the second a service ("Amazon S3 (s3)"), the third a list of
                     * subnets ("subnets sn-a and sn-b"), the fourth the reason ("there
                     * is no endpoint for it and no internet path"). */
                    vpc_rules_printf (_("%s cannot reach %s from %s: %s"),
                                      who, services_text, where, why));
}

/* VPC105 is one finding for both ECR endpoints, naming the ones missing. */
static void
check_ecr (VpcRuleContext  *ctx,
           VpcWorkloadInfo *workload,
           GPtrArray       *api_failing,
           GPtrArray       *dkr_failing)
{
  g_autoptr(GPtrArray) failing = g_ptr_array_new ();
  const char *services_text;
  const char *service;

  if (api_failing != NULL)
    g_ptr_array_extend (failing, api_failing, NULL, NULL);
  if (dkr_failing != NULL)
    g_ptr_array_extend (failing, dkr_failing, NULL, NULL);
  if (failing->len == 0)
    return;
  vpc_rules_sort_elements (ctx, failing);

  if (api_failing != NULL && api_failing->len > 0 && dkr_failing != NULL && dkr_failing->len > 0)
    {
      services_text = _("the ECR API (ecr.api) and the ECR registry (ecr.dkr)");
      service = "ecr.api";
    }
  else if (api_failing != NULL && api_failing->len > 0)
    {
      services_text = _("the ECR API (ecr.api)");
      service = "ecr.api";
    }
  else
    {
      services_text = _("the ECR registry (ecr.dkr)");
      service = "ecr.dkr";
    }
  report_unreachable (ctx, workload, "VPC105", service, services_text, failing);
}

/* VPC101–107 for one workload: its needs are sorted, so VPC107 findings
 * come out in service-name order. */
static void
check_workload_paths (VpcRuleContext  *ctx,
                      VpcWorkloadInfo *workload)
{
  g_autoptr(GPtrArray) ecr_api = NULL;
  g_autoptr(GPtrArray) ecr_dkr = NULL;

  for (guint i = 0; i < workload->needs->len; i++)
    {
      const char *service = g_ptr_array_index (workload->needs, i);
      g_autoptr(GPtrArray) failing = unreachable_subnets (ctx, workload, i);
      g_autofree char *service_text = NULL;

      if (failing == NULL)
        continue;
      if (strcmp (service, "ecr.api") == 0)
        ecr_api = g_steal_pointer (&failing);
      else if (strcmp (service, "ecr.dkr") == 0)
        ecr_dkr = g_steal_pointer (&failing);
      else
        {
          service_text = vpc_rules_describe_service (service);
          report_unreachable (ctx, workload, vpc_rules_path_rule (service), service,
                              service_text, failing);
        }
    }
  check_ecr (ctx, workload, ecr_api, ecr_dkr);
}

static const VpcElement *
first_endpoint_of (VpcRuleContext *ctx,
                   const char     *service)
{
  guint n = vpc_design_get_n_elements (ctx->design, VPC_KIND_ENDPOINT);

  for (guint i = 0; i < n; i++)
    {
      const VpcElement *endpoint = vpc_design_get_element (ctx->design, VPC_KIND_ENDPOINT, i);

      if (g_strcmp0 (endpoint->service, service) == 0)
        return endpoint;
    }
  return NULL;
}

/* VPC110: ECR layers come from S3; an ecr.dkr endpoint without any S3
 * endpoint fails for a workload in a subnet without internet. */
static void
check_ecr_without_s3 (VpcRuleContext *ctx)
{
  const VpcElement *dkr = first_endpoint_of (ctx, "ecr.dkr");
  const VpcElement *victim = NULL;
  g_autofree char *what = NULL;

  if (dkr == NULL || first_endpoint_of (ctx, "s3") != NULL)
    return;
  for (guint w = 0; w < ctx->workloads->len && victim == NULL; w++)
    {
      VpcWorkloadInfo *workload = g_ptr_array_index (ctx->workloads, w);

      if (workload->element->workload_kind == VPC_WORKLOAD_CLIENT)
        continue;
      for (guint i = 0; i < workload->n_subnets; i++)
        if (!vpc_needs_internet_path (ctx, workload->element, workload->subnets[i]))
          {
            victim = workload->element;
            break;
          }
    }
  if (victim == NULL)
    return;
  what = vpc_rules_describe (ctx, victim);
  vpc_rules_report (ctx, "VPC110", VPC_SEVERITY_ERROR, dkr, NULL, NULL,
                    /* TRANSLATORS: the first %s is an endpoint's name, the second a
                     * workload ("training job train-1"). */
                    vpc_rules_printf (_("The VPC has an ecr.dkr endpoint (%s) but no S3 endpoint: "
                                        "image layers cannot be downloaded from subnets without "
                                        "internet, such as those of %s"),
                                      vpc_rules_name (ctx, dkr), what));
}

static gboolean
is_interface (const VpcElement *endpoint)
{
  return endpoint->endpoint_type == VPC_ENDPOINT_INTERFACE;
}

/* VPC111, VPC114, VPC115: one endpoint at a time. */
static void
check_endpoint_settings (VpcRuleContext   *ctx,
                         const VpcElement *endpoint)
{
  const char *name = vpc_rules_name (ctx, endpoint);

  if (!endpoint->private_dns)
    vpc_rules_report (ctx, "VPC111", VPC_SEVERITY_WARNING, endpoint, NULL, NULL,
                      /* TRANSLATORS: the first %s is an endpoint's name, the second its
                       * service ("sts"). */
                      vpc_rules_printf (_("Interface endpoint %s (%s) has private DNS off: SDK "
                                          "calls to the default host name bypass it"),
                                        name, endpoint->service));
  if (endpoint->subnets == NULL || endpoint->subnets->len == 0)
    vpc_rules_report (ctx, "VPC114", VPC_SEVERITY_ERROR, endpoint, NULL, NULL,
                      /* TRANSLATORS: the first %s is an endpoint's name, the second its
                       * service ("sts"). */
                      vpc_rules_printf (_("Interface endpoint %s (%s) has no subnets"),
                                        name, endpoint->service));
  if (endpoint->private_dns && (!ctx->info->dns_support || !ctx->info->dns_hostnames))
    vpc_rules_report (ctx, "VPC115", VPC_SEVERITY_ERROR, endpoint, NULL, NULL,
                      /* TRANSLATORS: the first %s is an endpoint's name, the second its
                       * service ("sts"). */
                      vpc_rules_printf (!ctx->info->dns_support && !ctx->info->dns_hostnames
                                          ? _("Interface endpoint %s (%s) uses private DNS, but "
                                              "the VPC has DNS resolution and DNS host names off")
                                          : !ctx->info->dns_support
                                          ? _("Interface endpoint %s (%s) uses private DNS, but "
                                              "the VPC has DNS resolution off")
                                          : _("Interface endpoint %s (%s) uses private DNS, but "
                                              "the VPC has DNS host names off"),
                                        name, endpoint->service));
}

/* VPC112: every interface endpoint with private DNS after the first one of
 * its service. */
static void
check_duplicate_dns (VpcRuleContext *ctx,
                     VpcServiceInfo *service)
{
  const VpcElement *first = NULL;

  for (guint i = 0; i < service->interfaces->len; i++)
    {
      const VpcElement *endpoint = g_ptr_array_index (service->interfaces, i);
      g_autoptr(GPtrArray) others = NULL;

      if (!endpoint->private_dns)
        continue;
      if (first == NULL)
        {
          first = endpoint;
          continue;
        }
      others = g_ptr_array_new ();
      g_ptr_array_add (others, (gpointer) first);
      vpc_rules_report (ctx, "VPC112", VPC_SEVERITY_ERROR, endpoint, others, NULL,
                        /* TRANSLATORS: the first two %s are endpoints' names, the third
                         * their service ("sts"). */
                        vpc_rules_printf (_("Interface endpoints %s and %s both have private DNS "
                                            "for %s; only one may"),
                                          vpc_rules_name (ctx, first),
                                          vpc_rules_name (ctx, endpoint),
                                          service->service));
    }
}

/* VPC113: AZs where a workload needing the service has a subnet but no
 * interface endpoint of the service has a network interface. */
static void
check_endpoint_azs (VpcRuleContext *ctx,
                    VpcServiceInfo *service)
{
  g_autoptr(GHashTable) covered = NULL;
  g_autoptr(GPtrArray) missing = NULL;
  g_autofree char *service_text = NULL;
  g_autofree char *where = NULL;
  guint n_zones = vpc_design_get_n_elements (ctx->design, VPC_KIND_AZ);

  if (service->first_interface_with_subnets == NULL || service->needed_by->len == 0)
    return;

  covered = g_hash_table_new (NULL, NULL);
  for (guint i = 0; i < service->interfaces->len; i++)
    {
      const VpcElement *endpoint = g_ptr_array_index (service->interfaces, i);

      for (guint s = 0; endpoint->subnets != NULL && s < endpoint->subnets->len; s++)
        {
          const VpcSubnetInfo *subnet
              = vpc_rule_context_subnet (ctx, g_ptr_array_index (endpoint->subnets, s));

          if (subnet != NULL && subnet->az != NULL)
            g_hash_table_add (covered, (gpointer) subnet->az);
        }
    }

  missing = g_ptr_array_new ();
  /* Once every zone is covered or missing, no workload adds one: at
   * 100,000 elements reading every workload's subnets for each service
   * was most of the rules about endpoints. */
  for (guint w = 0; w < service->needed_by->len && g_hash_table_size (covered) < n_zones; w++)
    {
      VpcWorkloadInfo *workload = g_ptr_array_index (service->needed_by, w);

      for (guint s = 0; s < workload->n_subnets; s++)
        {
          const VpcSubnetInfo *subnet = workload->subnets[s];

          if (subnet->az != NULL && !g_hash_table_contains (covered, subnet->az))
            {
              /* Mark it covered so that each AZ is listed once. */
              g_hash_table_add (covered, (gpointer) subnet->az);
              g_ptr_array_add (missing, (gpointer) subnet->az);
            }
        }
    }
  if (missing->len == 0)
    return;

  vpc_rules_sort_elements (ctx, missing);
  service_text = vpc_rules_describe_service (service->service);
  where = vpc_rules_describe_list (ctx, missing, ngettext ("availability zone", "availability zones",
                                                      missing->len));
  vpc_rules_report (ctx, "VPC113", VPC_SEVERITY_WARNING, service->first_interface_with_subnets,
                    missing, NULL,
                    /* TRANSLATORS: the first %s is a service ("AWS STS (sts)"), the
                     * second a list of availability zones ("availability zone az-b"). */
                    vpc_rules_printf (_("No interface endpoint for %s has a network interface in "
                                        "%s, where workloads that need it run"),
                                      service_text, where));
}

static char *
monthly_cost_text (VpcRuleContext   *ctx,
                   const VpcElement *endpoint)
{
  const VpcCostReport *report = vpc_rule_context_cost (ctx);
  const VpcCostItem *item;
  g_autofree char *amount = NULL;

  if (report == NULL || !report->priced)
    /* TRANSLATORS: %s is an AWS region ("eu-west-1"). */
    return vpc_rules_printf (_("its cost is unknown: region %s is not priced"), ctx->info->region);
  item = vpc_rule_context_cost_item (ctx, endpoint->id);
  if (item == NULL)
    return g_strdup (_("its cost is unknown"));
  amount = vpc_cost_format (item->monthly_micros, FALSE);
  /* TRANSLATORS: %s is a dollar amount ("$7.30"). */
  return vpc_rules_printf (_("it costs %s a month"), amount);
}

/* VPC116's finding about @endpoint, which nobody in the VPC needs. */
void
vpc_rules_report_unneeded (VpcRuleContext   *ctx,
                           const VpcElement *endpoint)
{
  g_autofree char *cost = monthly_cost_text (ctx, endpoint);

  vpc_rules_report (ctx, VPC_RULES_UNNEEDED, VPC_SEVERITY_INFO, endpoint, NULL, NULL,
                    /* TRANSLATORS: the first %s is a service ("sts"), the second an
                     * endpoint's name, the third its cost ("it costs $7.30 a month"). */
                    vpc_rules_printf (_("No workload in the VPC needs %s, yet interface endpoint "
                                        "%s exists: %s"),
                                      endpoint->service, vpc_rules_name (ctx, endpoint),
                                      cost));
}

/* VPC116 (precise only): interface endpoints nobody in the VPC needs. */
static void
check_unneeded (VpcRuleContext   *ctx,
                const VpcElement *endpoint)
{
  const VpcServiceInfo *service = vpc_rule_context_service (ctx, endpoint->service);

  if (service == NULL || service->needed_by->len == 0)
    vpc_rules_report_unneeded (ctx, endpoint);
}

static void
check_each_service (VpcRuleContext *ctx)
{
  GHashTableIter iter;
  gpointer value;

  g_hash_table_iter_init (&iter, ctx->services);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    {
      check_duplicate_dns (ctx, value);
      check_endpoint_azs (ctx, value);
    }
}

void
vpc_rules_check_endpoints (VpcRuleContext *ctx)
{
  guint n = vpc_design_get_n_elements (ctx->design, VPC_KIND_ENDPOINT);

  for (guint w = 0; w < ctx->checked->len; w++)
    check_workload_paths (ctx, g_ptr_array_index (ctx->checked, w));
  /* The rest are about endpoints. */
  if (!vpc_rule_context_checks_others (ctx))
    return;

  check_ecr_without_s3 (ctx);
  check_each_service (ctx);

  for (guint i = 0; i < n; i++)
    {
      const VpcElement *endpoint = vpc_design_get_element (ctx->design, VPC_KIND_ENDPOINT, i);

      if (!is_interface (endpoint))
        continue;
      check_endpoint_settings (ctx, endpoint);
      if (ctx->profile == VPC_PROFILE_PRECISE)
        check_unneeded (ctx, endpoint);
    }
}
