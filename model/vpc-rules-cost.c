/* SPDX-License-Identifier: GPL-3.0-or-later */
/* vpc-rules-cost.c: VPC501 and VPC502, money spent where it need not be. */
#include "vpc-rules.h"

#include "vpc-i18n.h"
#include "vpc-needs.h"

#define FIFTY_DOLLARS ((gint64) 50 * 1000000)

/* VPC501: in development, interface endpoints costing $50.00 a month or
 * more. The sum is of the unrounded items (hourly + data). */
static void
check_endpoint_bill (VpcRuleContext *ctx)
{
  const VpcCostReport *report;
  g_autoptr(GPtrArray) endpoints = NULL;
  g_autofree char *total = NULL;
  gint64 sum = 0;
  guint n = vpc_design_get_n_elements (ctx->design, VPC_KIND_ENDPOINT);

  if (ctx->info->environment != VPC_ENVIRONMENT_DEVELOPMENT)
    return;
  report = vpc_rule_context_cost (ctx);
  if (report == NULL || !report->priced)
    return;
  for (guint i = 0; i < report->items->len; i++)
    {
      const VpcCostItem *item = g_ptr_array_index (report->items, i);

      if (item->kind == VPC_COST_INTERFACE_ENDPOINT)
        sum += item->hourly_micros + item->data_micros;
    }
  if (sum < FIFTY_DOLLARS)
    return;

  endpoints = g_ptr_array_new ();
  for (guint i = 0; i < n; i++)
    {
      const VpcElement *endpoint = vpc_design_get_element (ctx->design, VPC_KIND_ENDPOINT, i);

      if (endpoint->endpoint_type == VPC_ENDPOINT_INTERFACE)
        g_ptr_array_add (endpoints, (gpointer) endpoint);
    }
  if (endpoints->len == 0)
    return;
  total = vpc_cost_format (sum, FALSE);
  {
    const VpcElement *first = g_ptr_array_index (endpoints, 0);

    g_ptr_array_remove_index (endpoints, 0);
    vpc_rules_report (ctx, VPC_RULES_ENDPOINT_BILL, VPC_SEVERITY_INFO, first, endpoints, NULL,
                      /* English keeps "endpoints" for one: its output may not change. */
                      /* TRANSLATORS: %u is the number of interface endpoints, %s a
                       * dollar amount ("$51.10"). */
                      vpc_rules_printf (ngettext ("This development VPC's %u interface endpoints "
                                                  "cost %s a month",
                                                  "This development VPC's %u interface endpoints "
                                                  "cost %s a month",
                                                  endpoints->len + 1),
                                        endpoints->len + 1, total));
  }
}

/* VPC502: S3 reached only through NAT, which bills per GB. A notebook with
 * direct internet access always has another way out. */
static void
check_s3_through_nat (VpcRuleContext  *ctx,
                      VpcWorkloadInfo *info)
{
  const VpcElement *workload = info->element;
  const VpcServiceInfo *s3;
  g_autoptr(GPtrArray) subnets = NULL;
  g_autofree char *who = NULL;
  g_autofree char *where = NULL;

  /* No NAT path, no NAT charge: skip the common case early. */
  if (!ctx->public_nat || !vpc_needs_contains (info->needs, "s3"))
    return;
  s3 = vpc_rule_context_service (ctx, "s3");
  for (guint i = 0; i < info->n_subnets; i++)
    if (vpc_needs_reach (ctx, workload, s3, info->subnets[i]) == VPC_REACH_NAT)
      {
        if (subnets == NULL)
          subnets = g_ptr_array_new ();
        g_ptr_array_add (subnets, (gpointer) info->subnets[i]->element);
      }
  if (subnets == NULL)
    return;
  vpc_rules_sort_elements (ctx, subnets);
  who = vpc_rules_describe (ctx, workload);
  where = vpc_rules_describe_list (ctx, subnets, ngettext ("subnet", "subnets", subnets->len));
  vpc_rules_report (ctx, "VPC502", VPC_SEVERITY_WARNING, workload, subnets, NULL,
                    /* TRANSLATORS: the first %s is a workload ("training job train-1"),
                     * the second a list of subnets ("subnets sn-a and sn-b"). */
                    vpc_rules_printf (_("%s reaches Amazon S3 from %s only through NAT, which "
                                        "bills every GB; an S3 gateway endpoint is free"),
                                      who, where));
}

void
vpc_rules_check_cost (VpcRuleContext *ctx)
{
  /* VPC501 is about endpoints. */
  if (vpc_rule_context_checks_others (ctx))
    check_endpoint_bill (ctx);
  for (guint w = 0; w < ctx->checked->len; w++)
    check_s3_through_nat (ctx, g_ptr_array_index (ctx->checked, w));
}

void
vpc_rules_check_costs (VpcRuleContext *ctx)
{
  g_return_if_fail (ctx->unneeded != NULL);

  check_endpoint_bill (ctx);
  for (guint i = 0; i < ctx->unneeded->len; i++)
    vpc_rules_report_unneeded (ctx, g_ptr_array_index (ctx->unneeded, i));
}
