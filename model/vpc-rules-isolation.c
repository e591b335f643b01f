/* SPDX-License-Identifier: GPL-3.0-or-later */
/* vpc-rules-isolation.c: VPC301–305, network isolation and internet access. */
#include "vpc-rules.h"

#include "vpc-i18n.h"
#include "vpc-needs.h"

/* VPC301 and VPC302. */
static void
check_isolation (VpcRuleContext   *ctx,
                 const VpcElement *workload)
{
  g_autofree char *who = NULL;
  guint n_calls;

  if (!workload->network_isolation)
    return;
  who = vpc_rules_describe (ctx, workload);
  if (!vpc_needs_kind_is_container (workload->workload_kind))
    {
      vpc_rules_report (ctx, "VPC302", VPC_SEVERITY_ERROR, workload, NULL, NULL,
                        /* TRANSLATORS: the first %s is a workload ("studio domain
                         * studio"), the second its kind ("studio domain"). */
                        vpc_rules_printf (_("%s has network isolation on, which a %s does not "
                                             "support"),
                                          who,
                                          vpc_workload_kind_to_label (workload->workload_kind)));
      return;
    }
  n_calls = vpc_workload_n_calls (workload);
  if (n_calls == 0 && !workload->needs_internet)
    return;
  vpc_rules_report (ctx, "VPC301", VPC_SEVERITY_ERROR, workload, NULL, NULL,
                    /* TRANSLATORS: %s is a workload ("training job train-1"). */
                    vpc_rules_printf (n_calls > 0 && workload->needs_internet
                                        ? _("%s has network isolation on, which blocks the service "
                                            "calls its code makes and its internet downloads")
                                        : n_calls > 0
                                        ? _("%s has network isolation on, which blocks the service "
                                            "calls its code makes")
                                        : _("%s has network isolation on, which blocks its "
                                            "internet downloads"),
                                      who));
}

/* VPC305: internet needed but some subnet has no path for this workload. */
static void
check_internet (VpcRuleContext  *ctx,
                VpcWorkloadInfo *info)
{
  const VpcElement *workload = info->element;
  g_autoptr(GPtrArray) without = NULL;
  g_autofree char *who = NULL;
  g_autofree char *where = NULL;

  if (workload->network_isolation || !workload->needs_internet)
    return;
  without = g_ptr_array_new ();
  for (guint i = 0; i < info->n_subnets; i++)
    if (!vpc_needs_internet_path (ctx, workload, info->subnets[i]))
      g_ptr_array_add (without, (gpointer) info->subnets[i]->element);
  if (without->len == 0)
    return;
  vpc_rules_sort_elements (ctx, without);
  who = vpc_rules_describe (ctx, workload);
  where = vpc_rules_describe_list (ctx, without, ngettext ("subnet", "subnets", without->len));
  vpc_rules_report (ctx, "VPC305", VPC_SEVERITY_ERROR, workload, without, NULL,
                    /* TRANSLATORS: the first %s is a workload ("training job train-1"),
                     * the second a list of its subnets ("subnets sn-a and sn-b"). */
                    vpc_rules_printf (ngettext ("%s needs the internet, but %s has no internet "
                                                "path for it",
                                                "%s needs the internet, but %s have no internet "
                                                "path for it",
                                                without->len),
                                      who, where));
}

void
vpc_rules_check_isolation (VpcRuleContext *ctx)
{
  guint n = ctx->scope != NULL ? ctx->scope->len
                               : vpc_design_get_n_elements (ctx->design, VPC_KIND_WORKLOAD);

  for (guint w = 0; w < ctx->checked->len; w++)
    {
      VpcWorkloadInfo *info = g_ptr_array_index (ctx->checked, w);
      const VpcElement *workload = info->element;
      g_autofree char *who = NULL;

      check_isolation (ctx, workload);
      check_internet (ctx, info);
      if (workload->workload_kind == VPC_WORKLOAD_NOTEBOOK_INSTANCE
          && workload->direct_internet_access)
        {
          who = vpc_rules_describe (ctx, workload);
          vpc_rules_report (ctx, "VPC304", VPC_SEVERITY_WARNING, workload, NULL, NULL,
                            vpc_rules_printf (_("%s has direct internet access, which bypasses "
                                                "the VPC"), who));
        }
    }

  /* VPC303 is the one rule about workloads outside the VPC. */
  for (guint i = 0; i < n; i++)
    {
      const VpcElement *workload
          = ctx->scope != NULL ? g_ptr_array_index (ctx->scope, i)
                               : vpc_design_get_element (ctx->design, VPC_KIND_WORKLOAD, i);
      g_autofree char *who = NULL;

      if (workload->vpc_mode || workload->workload_kind == VPC_WORKLOAD_CLIENT)
        continue;
      who = vpc_rules_describe (ctx, workload);
      vpc_rules_report (ctx, "VPC303", VPC_SEVERITY_WARNING, workload, NULL, NULL,
                        vpc_rules_printf (_("%s runs outside the VPC, with SageMaker-managed "
                                            "internet access"), who));
    }
}
