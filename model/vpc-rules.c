/* SPDX-License-Identifier: GPL-3.0-or-later */
/* vpc-rules.c: per-run indices and the helpers every rule file uses. */
#include "vpc-rules.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "vpc-i18n.h"
#include "vpc-needs.h"
#include "vpc-finding-private.h"
#include "vpc-rule-catalogue.h"

/* How many names a message spells out before "and N more". */
#define MAX_NAMED 5

static void
service_info_free (gpointer data)
{
  VpcServiceInfo *info = data;

  g_ptr_array_unref (info->interfaces);
  g_ptr_array_unref (info->gateways);
  g_clear_pointer (&info->gateway_subnets, g_hash_table_unref);
  g_ptr_array_unref (info->needed_by);
  g_free (info);
}

static void
workload_info_free (gpointer data)
{
  VpcWorkloadInfo *info = data;

  g_ptr_array_unref (info->needs);
  g_free (info); /* and its arrays, in the same block (index_workload()) */
}

VpcServiceInfo *
vpc_rule_context_service (VpcRuleContext *ctx,
                          const char     *service)
{
  return g_hash_table_lookup (ctx->services, service);
}

/* The entry for @service, created on first use. A name at an address met
 * before is found without hashing its text (at 100,000 elements, ~500,000
 * needs of a few static names). */
static VpcServiceInfo *
ensure_service (VpcRuleContext *ctx,
                const char     *service)
{
  guint slot = (guint) (((guintptr) service >> 3) % G_N_ELEMENTS (ctx->recent_services));
  VpcServiceInfo *info;

  if (ctx->recent_services[slot].name == service)
    return ctx->recent_services[slot].info;
  info = g_hash_table_lookup (ctx->services, service);
  ctx->recent_services[slot].name = service;
  if (info == NULL)
    {
      info = g_new0 (VpcServiceInfo, 1);
      info->service = service;
      info->interfaces = g_ptr_array_new ();
      info->gateways = g_ptr_array_new ();
      info->needed_by = g_ptr_array_new ();
      g_hash_table_insert (ctx->services, (gpointer) service, info);
    }
  ctx->recent_services[slot].info = info;
  return info;
}

static VpcSubnetInfo *
index_subnet (VpcRuleContext   *ctx,
              const VpcElement *subnet,
              guint             position)
{
  VpcSubnetInfo *info = g_new0 (VpcSubnetInfo, 1);

  info->element = subnet;
  info->position = position;
  info->cidr_ok = vpc_cidr_parse (subnet->cidr, &info->cidr, NULL);
  info->az = vpc_rule_context_lookup (ctx, subnet->az, VPC_KIND_AZ);
  g_hash_table_insert (ctx->subnets, subnet->id, info);
  ctx->subnet_at[position] = info;
  return info;
}

static void
index_subnets (VpcRuleContext *ctx)
{
  guint n = vpc_design_get_n_elements (ctx->design, VPC_KIND_SUBNET);

  for (guint i = 0; i < n; i++)
    index_subnet (ctx, vpc_design_get_element (ctx->design, VPC_KIND_SUBNET, i), i);
}

static void
index_nat_gateways (VpcRuleContext *ctx)
{
  guint n = vpc_design_get_n_elements (ctx->design, VPC_KIND_NAT_GATEWAY);

  ctx->has_nat = n > 0;
  for (guint i = 0; i < n; i++)
    {
      const VpcElement *nat = vpc_design_get_element (ctx->design, VPC_KIND_NAT_GATEWAY, i);
      const VpcSubnetInfo *subnet = vpc_rule_context_subnet (ctx, nat->subnet);

      if (subnet != NULL && subnet->element->route == VPC_ROUTE_PUBLIC)
        g_ptr_array_add (ctx->public_nats, (gpointer) nat);
    }
  /* Any of them gives every NAT-route subnet an internet path. */
  ctx->public_nat = ctx->public_nats->len > 0;
}

static void
index_gateway (VpcServiceInfo   *info,
               const VpcElement *endpoint)
{
  g_ptr_array_add (info->gateways, (gpointer) endpoint);
  if (endpoint->subnets == NULL || endpoint->subnets->len == 0)
    {
      info->gateway_serves_all = TRUE;
      return;
    }
  if (info->gateway_subnets == NULL)
    info->gateway_subnets = g_hash_table_new (g_str_hash, g_str_equal);
  for (guint i = 0; i < endpoint->subnets->len; i++)
    g_hash_table_add (info->gateway_subnets, g_ptr_array_index (endpoint->subnets, i));
}

static void
index_endpoints (VpcRuleContext *ctx)
{
  guint n = vpc_design_get_n_elements (ctx->design, VPC_KIND_ENDPOINT);

  for (guint i = 0; i < n; i++)
    {
      const VpcElement *endpoint = vpc_design_get_element (ctx->design, VPC_KIND_ENDPOINT, i);
      VpcServiceInfo *info;

      if (endpoint->service == NULL)
        continue;
      info = ensure_service (ctx, endpoint->service);
      if (endpoint->endpoint_type == VPC_ENDPOINT_INTERFACE)
        {
          g_ptr_array_add (info->interfaces, (gpointer) endpoint);
          if (info->first_interface_with_subnets == NULL && vpc_element_lists_subnets (endpoint))
            info->first_interface_with_subnets = endpoint;
        }
      /* Gateway endpoints exist for S3 and DynamoDB only (format.md §2). */
      else if (strcmp (endpoint->service, "s3") == 0 || strcmp (endpoint->service, "dynamodb") == 0)
        index_gateway (info, endpoint);
    }
}

/* The span of @n_listed subnets of which @n exist, @subnets. */
static void
span_of (const VpcSubnetInfo *const *subnets,
         guint                       n,
         guint                       n_listed,
         VpcSubnetSpan              *span)
{
  span->whole = n == n_listed;
  span->first = G_MAXUINT32;
  span->last = 0;
  for (guint i = 0; span->whole && i < n; i++)
    {
      span->whole = subnets[i]->cidr_ok;
      span->first = MIN (span->first, subnets[i]->cidr.address);
      span->last = MAX (span->last, vpc_cidr_last (&subnets[i]->cidr));
    }
}

void
vpc_rule_context_span (VpcRuleContext  *ctx,
                       const GPtrArray *ids,
                       VpcSubnetSpan   *span)
{
  guint n_listed = ids != NULL ? ids->len : 0, n = 0;
  g_autofree const VpcSubnetInfo **subnets = g_new (const VpcSubnetInfo *, n_listed);

  for (guint i = 0; i < n_listed; i++)
    if ((subnets[n] = vpc_rule_context_subnet (ctx, g_ptr_array_index (ids, i))) != NULL)
      n++;
  span_of (subnets, n, n_listed, span);
}

gboolean
vpc_subnet_span_within (const VpcSubnetSpan *span,
                        const VpcCidr       *cidr)
{
  return span->whole && cidr->address <= span->first && span->last <= vpc_cidr_last (cidr);
}

/* What @info's resolved subnets and its lists tell: the span of the
 * subnets it lists, whether it lists groups. */
static void
summarize_references (VpcWorkloadInfo *info)
{
  const GPtrArray *subnets = info->element->subnets;
  const GPtrArray *groups = info->element->security_groups;

  span_of (info->subnets, info->n_subnets, subnets != NULL ? subnets->len : 0, &info->span);
  info->lists_groups = groups != NULL && groups->len > 0;
}

static void
resolve_references (VpcRuleContext  *ctx,
                    VpcWorkloadInfo *info)
{
  const GPtrArray *subnets = info->element->subnets;
  const GPtrArray *groups = info->element->security_groups;

  for (guint i = 0; subnets != NULL && i < subnets->len; i++)
    {
      const VpcSubnetInfo *subnet = vpc_rule_context_subnet (ctx, g_ptr_array_index (subnets, i));

      if (subnet != NULL)
        {
          info->subnet_positions[info->n_subnets] = subnet->position;
          info->subnets[info->n_subnets++] = subnet;
        }
    }
  summarize_references (info);
  for (guint i = 0; groups != NULL && i < groups->len; i++)
    {
      /* One look-up gives the group and its position. */
      int position = vpc_rule_context_position (ctx, g_ptr_array_index (groups, i),
                                                VPC_KIND_SECURITY_GROUP);

      if (position >= 0)
        {
          info->group_positions[info->n_groups] = (guint) position;
          info->groups[info->n_groups++]
              = vpc_design_get_element (ctx->design, VPC_KIND_SECURITY_GROUP, (guint) position);
        }
    }
}

struct _VpcRuleMemo
{
  guint64    ids_generation; /* of the design indexed */
  VpcProfile profile;
  /* Its VpcWorkloadInfo, of which only what a run does not point into
   * (position, serial, element's address, needs, the positions of the
   * subnets and groups and their numbers) is read: the rest pointed into
   * that run's indices. NULL: none yet. */
  GPtrArray *workloads;
  guint      n_known; /* _vpc_rule_memo_get_known() */
};

VpcRuleMemo *
vpc_rule_memo_new (void)
{
  return g_new0 (VpcRuleMemo, 1);
}

guint
_vpc_rule_memo_get_known (const VpcRuleMemo *memo)
{
  return memo->n_known;
}

void
vpc_rule_memo_free (VpcRuleMemo *memo)
{
  if (memo == NULL)
    return;
  g_clear_pointer (&memo->workloads, g_ptr_array_unref);
  g_free (memo);
}

/* A workload's info and its five arrays in one block (pointers first, then
 * the positions): at 100,000 elements five allocations per workload took
 * a fifth of indexing them. */
static VpcWorkloadInfo *
workload_info_new (const VpcElement *workload,
                   guint             position,
                   GPtrArray        *needs,
                   guint             n_subnets,
                   guint             n_groups)
{
  gsize size = sizeof (VpcWorkloadInfo) + (needs->len + n_subnets + n_groups) * sizeof (gpointer)
               + (n_groups + n_subnets) * sizeof (guint);
  VpcWorkloadInfo *info = g_malloc0 (size);
  gpointer *arrays = (gpointer *) (info + 1);

  info->services = (VpcServiceInfo **) arrays;
  info->subnets = (const VpcSubnetInfo **) (arrays + needs->len);
  info->groups = (const VpcElement **) (arrays + needs->len + n_subnets);
  info->group_positions = (guint *) (arrays + needs->len + n_subnets + n_groups);
  info->subnet_positions = info->group_positions + n_groups;
  info->element = workload;
  info->position = position;
  info->serial = workload->serial;
  info->needs = needs;
  return info;
}

/* Service -> workloads needing it, for @info. */
static void
add_needs (VpcRuleContext  *ctx,
           VpcWorkloadInfo *info)
{
  for (guint s = 0; s < info->needs->len; s++)
    {
      info->services[s] = ensure_service (ctx, g_ptr_array_index (info->needs, s));
      g_ptr_array_add (info->services[s]->needed_by, info);
    }
}

/* The in-VPC workload @workload at @position with its needs, and service
 * -> workloads needing it. */
static void
index_workload (VpcRuleContext   *ctx,
                const VpcElement *workload,
                guint             position)
{
  GPtrArray *needs = vpc_needs_compute (workload, ctx->profile);
  guint n_subnets = workload->subnets != NULL ? workload->subnets->len : 0;
  guint n_groups = workload->security_groups != NULL ? workload->security_groups->len : 0;
  VpcWorkloadInfo *info = workload_info_new (workload, position, needs, n_subnets, n_groups);

  add_needs (ctx, info);
  resolve_references (ctx, info);
  g_ptr_array_add (ctx->workloads, info);
}

/* As index_workload(), from @known: the same workload indexed by an earlier
 * run of the same ids and profile (VpcRuleMemo). Its subnets' blocks may
 * have changed, and its groups' rules: those are this run's. */
static void
index_known (VpcRuleContext        *ctx,
             const VpcElement      *workload,
             const VpcWorkloadInfo *known)
{
  VpcWorkloadInfo *info = workload_info_new (workload, known->position,
                                             g_ptr_array_ref (known->needs),
                                             known->n_subnets, known->n_groups);

  add_needs (ctx, info);
  for (guint i = 0; i < known->n_subnets; i++)
    {
      info->subnet_positions[i] = known->subnet_positions[i];
      info->subnets[i] = ctx->subnet_at[known->subnet_positions[i]];
    }
  info->n_subnets = known->n_subnets;
  summarize_references (info);
  for (guint g = 0; g < known->n_groups; g++)
    {
      info->group_positions[g] = known->group_positions[g];
      info->groups[g] = vpc_design_get_element (ctx->design, VPC_KIND_SECURITY_GROUP,
                                                known->group_positions[g]);
    }
  info->n_groups = known->n_groups;
  g_ptr_array_add (ctx->workloads, info);
}

/* What @ctx->memo knows of this design's workloads, in file order, or
 * NULL. */
static GPtrArray *
memo_workloads (VpcRuleContext *ctx)
{
  const VpcRuleMemo *memo = ctx->memo;

  if (memo == NULL || memo->workloads == NULL || memo->profile != ctx->profile
      || memo->ids_generation != vpc_design_get_ids_generation (ctx->design))
    return NULL;
  return memo->workloads;
}

/* Every workload (outside the VPC they concern VPC303 only), each one the
 * memo knows from what it knows. */
static void
index_workloads (VpcRuleContext *ctx)
{
  guint n = vpc_design_get_n_elements (ctx->design, VPC_KIND_WORKLOAD);
  GPtrArray *known = memo_workloads (ctx);
  guint k = 0, n_known = 0;

  g_assert (vpc_rule_context_checks_others (ctx)); /* every subnet is indexed */
  for (guint i = 0; i < n; i++)
    {
      const VpcElement *workload = vpc_design_get_element (ctx->design, VPC_KIND_WORKLOAD, i);
      const VpcWorkloadInfo *info = NULL;

      if (!workload->vpc_mode)
        continue;
      for (; known != NULL && k < known->len; k++)
        {
          info = g_ptr_array_index (known, k);
          if (info->position >= i)
            break;
        }
      /* The address alone may be a new element's. */
      if (known != NULL && k < known->len && info->position == i && info->element == workload
          && info->serial == workload->serial)
        {
          index_known (ctx, workload, info);
          n_known++;
        }
      else
        index_workload (ctx, workload, i);
    }
  ctx->indexed_all = TRUE;
  if (ctx->memo != NULL)
    ctx->memo->n_known = n_known;
}

/* With @scope NULL, a run over the whole design. */
static VpcRuleContext *
context_new (VpcDesign *design,
             VpcProfile profile,
             GPtrArray *scope,
             gboolean   others,
             gboolean   indexed)
{
  VpcRuleContext *ctx = g_new0 (VpcRuleContext, 1);

  ctx->design = design;
  ctx->info = vpc_design_get_info (design);
  ctx->profile = profile;
  ctx->vpc_cidr_ok = vpc_cidr_parse (ctx->info->vpc_cidr, &ctx->vpc_cidr, NULL);
  ctx->subnets = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, g_free);
  ctx->subnet_at = g_new0 (VpcSubnetInfo *, vpc_design_get_n_elements (design, VPC_KIND_SUBNET));
  ctx->services = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, service_info_free);
  ctx->workloads = g_ptr_array_new_with_free_func (workload_info_free);
  ctx->public_nats = g_ptr_array_new ();
  ctx->findings = g_ptr_array_new_with_free_func (g_object_unref);
  ctx->group_marks
      = g_new0 (guint, vpc_design_get_n_elements (design, VPC_KIND_SECURITY_GROUP) + 1);

  ctx->scope = scope;
  ctx->others = scope != NULL && others;
  if (!indexed)
    return ctx;
  if (vpc_rule_context_checks_others (ctx))
    index_subnets (ctx);
  index_nat_gateways (ctx);
  index_endpoints (ctx);
  return ctx;
}

VpcRuleContext *
vpc_rule_context_new (VpcDesign *design,
                      VpcProfile profile)
{
  return vpc_rule_context_new_remembering (design, profile, NULL);
}

VpcRuleContext *
vpc_rule_context_new_remembering (VpcDesign   *design,
                                  VpcProfile   profile,
                                  VpcRuleMemo *memo)
{
  VpcRuleContext *ctx = context_new (design, profile, NULL, FALSE, TRUE);

  ctx->memo = memo;
  index_workloads (ctx);
  ctx->checked = g_ptr_array_ref (ctx->workloads);
  return ctx;
}

gboolean
vpc_rules_same_to_others (const VpcElement *was,
                          const VpcElement *now,
                          VpcProfile        profile)
{
  g_autoptr(GPtrArray) needs_was = NULL;
  g_autoptr(GPtrArray) needs_now = NULL;

  /* VPC110 reads a notebook's direct internet access, as its own rules. */
  if (was->workload_kind != now->workload_kind || was->vpc_mode != now->vpc_mode
      || was->direct_internet_access != now->direct_internet_access
      || !vpc_id_list_equal (was->subnets, now->subnets)
      || !vpc_id_list_equal (was->security_groups, now->security_groups)
      || g_strcmp0 (was->name, now->name) != 0)
    return FALSE;
  needs_was = vpc_needs_compute (was, profile);
  needs_now = vpc_needs_compute (now, profile);
  return vpc_id_list_equal (needs_was, needs_now);
}

/* The in-VPC workloads of @ctx->scope, among all of ctx->workloads (both
 * in file order). */
static GPtrArray *
scope_infos (VpcRuleContext *ctx)
{
  GPtrArray *infos = g_ptr_array_sized_new (ctx->scope->len);
  guint w = 0;

  for (guint i = 0; i < ctx->scope->len; i++)
    {
      const VpcElement *workload = g_ptr_array_index (ctx->scope, i);

      if (!workload->vpc_mode)
        continue;
      while (w < ctx->workloads->len
             && ((VpcWorkloadInfo *) g_ptr_array_index (ctx->workloads, w))->element != workload)
        w++;
      g_assert (w < ctx->workloads->len);
      g_ptr_array_add (infos, g_ptr_array_index (ctx->workloads, w));
    }
  return infos;
}

VpcRuleContext *
vpc_rule_context_new_scoped (VpcDesign   *design,
                             VpcProfile   profile,
                             const guint *positions,
                             guint        n,
                             gboolean     others,
                             VpcRuleMemo *memo)
{
  VpcRuleContext *ctx = context_new (design, profile, g_ptr_array_sized_new (n), others, TRUE);

  ctx->scope_ids = g_ptr_array_new ();
  for (guint i = 0; i < n; i++)
    {
      const VpcElement *workload
          = vpc_design_get_element (design, VPC_KIND_WORKLOAD, positions[i]);

      g_assert (i == 0 || positions[i - 1] < positions[i]);
      g_ptr_array_add (ctx->scope, (gpointer) workload);
      g_ptr_array_add (ctx->scope_ids, workload->id);
      if (workload->vpc_mode && !others)
        index_workload (ctx, workload, positions[i]);
    }
  ctx->n_scope_workloads = ctx->scope_ids->len;
  if (others)
    {
      /* The rules about other elements read every workload. */
      ctx->memo = memo;
      index_workloads (ctx);
      ctx->checked = scope_infos (ctx);
      return ctx;
    }
  ctx->checked = g_ptr_array_ref (ctx->workloads);
  /* Their subnets, each once, for VPC211. */
  for (guint w = 0; w < ctx->workloads->len; w++)
    {
      const VpcWorkloadInfo *info = g_ptr_array_index (ctx->workloads, w);

      for (guint i = 0; i < info->n_subnets; i++)
        {
          const char *id = info->subnets[i]->element->id;
          guint k = ctx->n_scope_workloads;

          while (k < ctx->scope_ids->len && g_ptr_array_index (ctx->scope_ids, k) != id)
            k++;
          if (k == ctx->scope_ids->len)
            g_ptr_array_add (ctx->scope_ids, (gpointer) id);
        }
    }
  return ctx;
}

void
vpc_rule_context_size_subnets (VpcRuleContext    *ctx,
                               const char *const *ids,
                               guint              n)
{
  g_return_if_fail (ctx->scope != NULL && ctx->others && !ctx->sizes_scoped);

  for (guint i = 0; i < n; i++)
    g_ptr_array_add (ctx->scope_ids, (gpointer) ids[i]);
  ctx->sizes_scoped = TRUE;
}

/* The first of @findings from @low to @high that does not sort before
 * @severity and @rule_id, or with @past, that sorts past them
 * (vpc_finding_compare() orders by them first). */
static guint
rule_bound (GPtrArray  *findings,
            guint       low,
            guint       high,
            VpcSeverity severity,
            const char *rule_id,
            gboolean    past)
{
  while (low < high)
    {
      guint middle = low + (high - low) / 2;
      VpcFinding *finding = g_ptr_array_index (findings, middle);
      VpcSeverity s = vpc_finding_get_severity (finding);
      int c = s != severity ? (s < severity ? -1 : 1)
                            : strcmp (vpc_finding_get_rule_id (finding), rule_id);

      if (c < 0 || (past && c == 0))
        low = middle + 1;
      else
        high = middle;
    }
  return low;
}

/* Where @findings (sorted) holds rule @rule_id's (of its fixed severity). */
static VpcFindingSpan
rule_span (GPtrArray  *findings,
           const char *rule_id)
{
  VpcSeverity severity = vpc_rule_catalogue_lookup (rule_id)->severity;
  VpcFindingSpan span;

  span.start = rule_bound (findings, 0, findings->len, severity, rule_id, FALSE);
  span.end = rule_bound (findings, span.start, findings->len, severity, rule_id, TRUE);
  return span;
}

/* The first of @findings from @low to @high (one rule's) whose primary
 * element does not sort before @id (no element sorts first). */
static guint
primary_start (GPtrArray  *findings,
               guint       low,
               guint       high,
               const char *id)
{
  while (low < high)
    {
      guint middle = low + (high - low) / 2;
      const char *primary = vpc_finding_get_primary_element (g_ptr_array_index (findings, middle));

      if (primary == NULL || strcmp (primary, id) < 0)
        low = middle + 1;
      else
        high = middle;
    }
  return low;
}

static int
compare_spans (gconstpointer a,
               gconstpointer b)
{
  guint sa = ((const VpcFindingSpan *) a)->start, sb = ((const VpcFindingSpan *) b)->start;

  return (sa > sb) - (sa < sb);
}

VpcRuleContext *
vpc_rule_context_new_costs (VpcDesign *design,
                            VpcProfile profile,
                            GPtrArray *previous)
{
  /* Neither rule asks for the subnets, endpoints or NAT gateways indexed. */
  VpcRuleContext *ctx = context_new (design, profile, g_ptr_array_new (), FALSE, FALSE);
  VpcFindingSpan span = rule_span (previous, VPC_RULES_UNNEEDED);

  ctx->scope_ids = g_ptr_array_new ();
  ctx->checked = g_ptr_array_ref (ctx->workloads);
  ctx->unneeded = g_ptr_array_sized_new (span.end - span.start);
  for (guint i = span.start; i < span.end; i++)
    {
      const char *id = vpc_finding_get_primary_element (g_ptr_array_index (previous, i));
      const VpcElement *endpoint
          = id != NULL ? vpc_rule_context_lookup (ctx, id, VPC_KIND_ENDPOINT) : NULL;

      if (endpoint != NULL)
        g_ptr_array_add (ctx->unneeded, (gpointer) endpoint);
    }
  return ctx;
}

void
vpc_rule_context_replaced_spans (VpcRuleContext *ctx,
                                 GPtrArray      *findings,
                                 GArray         *spans)
{
  guint start = 0;

  g_return_if_fail (ctx->scope != NULL);
  g_array_set_size (spans, 0);
  if (ctx->unneeded != NULL)
    {
      /* VPC116's come before VPC501's (same severity). */
      const char *rules[] = { VPC_RULES_UNNEEDED, VPC_RULES_ENDPOINT_BILL };

      for (guint r = 0; r < G_N_ELEMENTS (rules); r++)
        {
          VpcFindingSpan span = rule_span (findings, rules[r]);

          if (span.end > span.start)
            g_array_append_val (spans, span);
        }
      return;
    }
  while (start < findings->len)
    {
      VpcFinding *first = g_ptr_array_index (findings, start);
      const char *rule_id = vpc_finding_get_rule_id (first);
      guint end = rule_bound (findings, start + 1, findings->len, vpc_finding_get_severity (first),
                              rule_id, TRUE);
      const VpcRuleInfo *rule = vpc_rule_catalogue_lookup (rule_id);
      /* The workloads' findings of every rule; their subnets' of VPC211. */
      guint n = strcmp (rule_id, VPC_RULES_SUBNET_SIZE) == 0 ? ctx->scope_ids->len
                                                             : ctx->n_scope_workloads;

      /* Every finding of a rule about other elements, when they all ran
       * (VPC211 perhaps about a few subnets). */
      if (ctx->others && rule->subject != VPC_KIND_WORKLOAD
          && !(ctx->sizes_scoped && strcmp (rule_id, VPC_RULES_SUBNET_SIZE) == 0))
        {
          VpcFindingSpan span = { start, end };

          g_array_append_val (spans, span);
          start = end;
          continue;
        }

      for (guint k = 0; k < n; k++)
        {
          const char *id = g_ptr_array_index (ctx->scope_ids, k);
          VpcFindingSpan span;

          span.start = span.end = primary_start (findings, start, end, id);
          while (span.end < end
                 && g_strcmp0 (vpc_finding_get_primary_element (g_ptr_array_index (findings,
                                                                                   span.end)),
                               id) == 0)
            span.end++;
          if (span.end > span.start)
            g_array_append_val (spans, span);
        }
      start = end;
    }
  g_array_sort (spans, compare_spans);
}

void
vpc_rule_context_free (VpcRuleContext *ctx)
{
  if (ctx == NULL)
    return;
  g_hash_table_unref (ctx->subnets);
  g_clear_pointer (&ctx->az_positions, g_hash_table_unref);
  g_clear_pointer (&ctx->group_positions, g_hash_table_unref);
  g_free (ctx->subnet_at);
  g_hash_table_unref (ctx->services);
  if (ctx->memo != NULL && ctx->indexed_all)
    {
      /* For the next run: what its infos point into is freed here. */
      g_clear_pointer (&ctx->memo->workloads, g_ptr_array_unref);
      ctx->memo->workloads = g_ptr_array_ref (ctx->workloads);
      ctx->memo->ids_generation = vpc_design_get_ids_generation (ctx->design);
      ctx->memo->profile = ctx->profile;
    }
  g_ptr_array_unref (ctx->workloads);
  g_clear_pointer (&ctx->checked, g_ptr_array_unref);
  g_ptr_array_unref (ctx->public_nats);
  g_clear_pointer (&ctx->scope, g_ptr_array_unref);
  g_clear_pointer (&ctx->scope_ids, g_ptr_array_unref);
  g_clear_pointer (&ctx->unneeded, g_ptr_array_unref);
  g_clear_pointer (&ctx->egress, g_ptr_array_unref);
  g_clear_pointer (&ctx->endpoint_spans, g_hash_table_unref);
  g_clear_pointer (&ctx->cost, vpc_cost_report_free);
  g_clear_pointer (&ctx->findings, g_ptr_array_unref);
  g_clear_pointer (&ctx->marks, g_string_chunk_free);
  g_free (ctx->group_marks);
  g_free (ctx);
}

GPtrArray *
vpc_rule_context_take_findings (VpcRuleContext *ctx)
{
  GPtrArray *findings = g_steal_pointer (&ctx->findings);

  vpc_finding_sort (findings);
  return findings;
}

VpcWorkloadInfo *
vpc_rule_context_workload (VpcRuleContext *ctx,
                           const char     *id)
{
  for (guint i = 0; i < ctx->workloads->len; i++)
    {
      VpcWorkloadInfo *info = g_ptr_array_index (ctx->workloads, i);

      if (g_strcmp0 (info->element->id, id) == 0)
        return info;
    }
  return NULL;
}

const VpcSubnetInfo *
vpc_rule_context_subnet (VpcRuleContext *ctx,
                         const char     *id)
{
  const VpcSubnetInfo *info;
  int position;

  if (id == NULL)
    return NULL;
  info = g_hash_table_lookup (ctx->subnets, id);
  /* A scoped run indexes the few it meets. */
  if (info != NULL || vpc_rule_context_checks_others (ctx)
      || (position = vpc_design_index_of_kind (ctx->design, id, VPC_KIND_SUBNET)) < 0)
    return info;
  return index_subnet (ctx, vpc_design_get_element (ctx->design, VPC_KIND_SUBNET, (guint) position),
                       (guint) position);
}

const VpcCostReport *
vpc_rule_context_cost (VpcRuleContext *ctx)
{
  if (!ctx->cost_done)
    {
      ctx->cost = vpc_cost_compute (ctx->design, NULL);
      ctx->cost_done = TRUE;
    }
  return ctx->cost;
}

const VpcCostItem *
vpc_rule_context_cost_item (VpcRuleContext *ctx,
                            const char     *id)
{
  const VpcCostReport *report = vpc_rule_context_cost (ctx);
  int position = vpc_design_index_of_kind (ctx->design, id, VPC_KIND_ENDPOINT);

  /* The endpoints' items come first, in file order (domain.md §4). */
  if (report == NULL || position < 0 || (guint) position >= report->items->len)
    return NULL;
  return g_ptr_array_index (report->items, position);
}

/* Id -> position + 1 of the elements of @kind. */
static GHashTable *
positions_of_kind (VpcDesign *design,
                   VpcKind    kind)
{
  guint n = vpc_design_get_n_elements (design, kind);
  GHashTable *positions = g_hash_table_new (g_str_hash, g_str_equal);

  for (guint i = 0; i < n; i++)
    g_hash_table_insert (positions, vpc_design_get_element (design, kind, i)->id,
                         GUINT_TO_POINTER (i + 1));
  return positions;
}

int
vpc_rule_context_position (VpcRuleContext *ctx,
                           const char     *id,
                           VpcKind         kind)
{
  GHashTable **positions = kind == VPC_KIND_AZ               ? &ctx->az_positions
                           : kind == VPC_KIND_SECURITY_GROUP ? &ctx->group_positions
                                                             : NULL;

  if (id == NULL)
    return -1;
  if (positions == NULL)
    {
      const VpcSubnetInfo *subnet
          = kind == VPC_KIND_SUBNET ? g_hash_table_lookup (ctx->subnets, id) : NULL;

      return subnet != NULL ? (int) subnet->position
                            : vpc_design_index_of_kind (ctx->design, id, kind);
    }
  if (*positions == NULL)
    *positions = positions_of_kind (ctx->design, kind);
  return (int) GPOINTER_TO_UINT (g_hash_table_lookup (*positions, id)) - 1;
}

const VpcElement *
vpc_rule_context_lookup (VpcRuleContext *ctx,
                         const char     *id,
                         VpcKind         kind)
{
  const VpcElement *element;
  int position;

  if (kind == VPC_KIND_AZ || kind == VPC_KIND_SUBNET || kind == VPC_KIND_SECURITY_GROUP)
    {
      position = vpc_rule_context_position (ctx, id, kind);
      return position >= 0 ? vpc_design_get_element (ctx->design, kind, (guint) position) : NULL;
    }
  element = vpc_design_lookup (ctx->design, id);
  return element != NULL && element->kind == kind ? element : NULL;
}

/* Sorting by file position: the design keeps an id -> index map. */

typedef struct
{
  const VpcElement *element;
  guint             kind;
  int               index;
} Positioned;

static int
compare_positioned (gconstpointer a,
                    gconstpointer b)
{
  const Positioned *pa = a, *pb = b;

  if (pa->kind != pb->kind)
    return pa->kind < pb->kind ? -1 : 1;
  return (pa->index > pb->index) - (pa->index < pb->index);
}

/* Puts @items' elements into @elements in @items' sorted order, each
 * once. */
static void
sort_positioned (Positioned *items,
                 guint       n,
                 GPtrArray  *elements)
{
  guint out = 0;

  /* qsort() must not see the NULL of an empty array (UBSan says so). */
  if (n > 1)
    qsort (items, n, sizeof *items, compare_positioned);
  g_ptr_array_set_size (elements, n);
  for (guint i = 0; i < n; i++)
    if (out == 0 || items[i].element != g_ptr_array_index (elements, out - 1))
      elements->pdata[out++] = (gpointer) items[i].element;
  g_ptr_array_set_size (elements, out);
}

void
vpc_rules_sort_elements (VpcRuleContext *ctx,
                         GPtrArray      *elements)
{
  g_autofree Positioned *items = NULL;

  if (elements == NULL || elements->len < 2)
    return;
  items = g_new (Positioned, elements->len);
  for (guint i = 0; i < elements->len; i++)
    {
      const VpcElement *e = g_ptr_array_index (elements, i);

      items[i].element = e;
      items[i].kind = e->kind;
      items[i].index = vpc_rule_context_position (ctx, e->id, e->kind);
    }
  sort_positioned (items, elements->len, elements);
}

GPtrArray *
vpc_rules_sorted_by_position (const VpcElement *const *elements,
                              const guint             *positions,
                              guint                    n)
{
  g_autofree Positioned *items = g_new (Positioned, n);
  GPtrArray *sorted = g_ptr_array_sized_new (n);

  for (guint i = 0; i < n; i++)
    items[i] = (Positioned) { elements[i], elements[i]->kind, (int) positions[i] };
  sort_positioned (items, n, sorted);
  return sorted;
}

/* --- messages ------------------------------------------------------------ */

/* Appends the decimal digits of @value, negative when @negative. */
static void
append_decimal (GString   *out,
                guint64    value,
                gboolean   negative)
{
  char digits[24];
  guint at = sizeof digits;

  do
    digits[--at] = (char) ('0' + value % 10);
  while ((value /= 10) != 0);
  if (negative)
    digits[--at] = '-';
  g_string_append_len (out, digits + at, sizeof digits - at);
}

/* The formats of the rules' messages use only %s, %d, %u and %%: those are
 * formatted here, in a fraction of vasprintf's time (a check of 100,000
 * elements builds ~150,000 messages). Returns FALSE on anything else
 * (positional arguments a translation may use, widths, other
 * conversions) before consuming any argument. */
static gboolean
format_simple (GString    *out,
               const char *format,
               va_list     args)
{
  for (const char *p = strchr (format, '%'); p != NULL; p = strchr (p + 2, '%'))
    if (p[1] != 's' && p[1] != 'd' && p[1] != 'u' && p[1] != '%')
      return FALSE;
  for (const char *p = format; *p != '\0';)
    {
      const char *percent = strchr (p, '%');

      if (percent == NULL)
        {
          g_string_append (out, p);
          break;
        }
      g_string_append_len (out, p, percent - p);
      switch (percent[1])
        {
        case 's':
          {
            const char *text = va_arg (args, const char *);

            /* As glibc's printf prints it. */
            g_string_append (out, text != NULL ? text : "(null)");
            break;
          }
        case 'd':
          {
            int value = va_arg (args, int);

            append_decimal (out, value < 0 ? -(guint64) value : (guint64) value, value < 0);
            break;
          }
        case 'u':
          append_decimal (out, va_arg (args, unsigned int), FALSE);
          break;
        default:
          g_string_append_c (out, '%');
          break;
        }
      p = percent + 2;
    }
  return TRUE;
}

char *
vpc_rules_printf (const char *format,
                  ...)
{
  GString *out = g_string_sized_new (strlen (format) + 64);
  va_list args, copy;
  gboolean done;

  va_start (args, format);
  va_copy (copy, args);
  done = format_simple (out, format, copy);
  va_end (copy);
  if (!done)
    {
      g_string_free (out, TRUE);
      out = NULL;
    }
  if (out == NULL)
    {
      char *text = g_strdup_vprintf (format, args);

      va_end (args);
      return text;
    }
  va_end (args);
  /* A design's findings keep their messages: not the GString's spare room
   * (a 10,000-element design's messages took 3.1 MB with it). */
  {
    gsize len = out->len;

    return g_realloc (g_string_free (out, FALSE), len + 1);
  }
}

/* A name in a kept message is a mark: MARK_START, the form, the element's
 * id, MARK_END. Neither byte occurs in UTF-8, and every text that enters
 * a message is UTF-8 (the file is checked, the editor's entries are), so
 * no other text reads as a mark; an id has neither either (format.md §1). */
#define MARK_START '\xff'
#define MARK_END   '\xfe'

typedef enum {
  FORM_NAME = 'N',     /* "private-b" (the display name) */
  FORM_NAME_ID = 'I',  /* "private-b (sn-b)", or "sn-b" unnamed */
  FORM_DESCRIBE = 'D', /* "subnet private-b (sn-b)", or "subnet sn-b" */
} NameForm;

/* Users know elements by name; the id, when it differs, finds it in the file. */
static gboolean
named_apart (const VpcElement *element,
             const char       *name)
{
  return name != NULL && strcmp (name, element->id) != 0;
}

static void
append_form (GString          *out,
             const VpcElement *element,
             NameForm          form)
{
  /* Read once: a snapshot's source may rename it meanwhile
   * (vpc_design_snapshot()). */
  const char *name = g_atomic_pointer_get ((char **) &element->name);

  if (form == FORM_DESCRIBE)
    {
      g_string_append (out, element->kind == VPC_KIND_WORKLOAD
                                ? vpc_workload_kind_to_label (element->workload_kind)
                                : vpc_kind_to_label (element->kind));
      g_string_append_c (out, ' ');
    }
  g_string_append (out, name != NULL ? name : element->id);
  if (form != FORM_NAME && named_apart (element, name))
    {
      g_string_append (out, " (");
      g_string_append (out, element->id);
      g_string_append_c (out, ')');
    }
}

/* Room for any mark: an id is at most VPC_ID_MAX_LEN bytes. */
#define MARK_MAX (VPC_ID_MAX_LEN + 3)

/* Writes @element's mark in @form at @out (MARK_MAX bytes) without a
 * terminating nul; returns its length. */
static gsize
write_mark (char             *out,
            const VpcElement *element,
            NameForm          form)
{
  gsize len = MIN (strlen (element->id), VPC_ID_MAX_LEN);

  out[0] = MARK_START;
  out[1] = (char) form;
  memcpy (out + 2, element->id, len);
  out[len + 2] = MARK_END;
  return len + 3;
}

static void
append_mark (GString          *out,
             const VpcElement *element,
             NameForm          form)
{
  char mark[MARK_MAX];

  g_string_append_len (out, mark, write_mark (mark, element, form));
}

static void
remember_marked (VpcRuleContext   *ctx,
                 const VpcElement *element)
{
  ctx->marked[ctx->n_marked++ % G_N_ELEMENTS (ctx->marked)] = element;
}

/* @element in @form, or its mark when the run keeps names. */
static void
append_name (VpcRuleContext   *ctx,
             GString          *out,
             const VpcElement *element,
             NameForm          form)
{
  if (ctx->marks != NULL)
    {
      append_mark (out, element, form);
      remember_marked (ctx, element);
    }
  else
    append_form (out, element, form);
}

void
vpc_rule_context_name_elements (VpcRuleContext *ctx)
{
  ctx->name_elements = TRUE;
}

void
vpc_rule_context_borrow_strings (VpcRuleContext *ctx)
{
  g_return_if_fail (ctx->marks == NULL);
  ctx->borrow_strings = TRUE;
}

void
vpc_rule_context_keep_names (VpcRuleContext *ctx)
{
  g_return_if_fail (!ctx->borrow_strings);
  if (ctx->marks == NULL)
    ctx->marks = g_string_chunk_new (64 * 1024);
}

const char *
vpc_rules_name (VpcRuleContext   *ctx,
                const VpcElement *element)
{
  char mark[MARK_MAX];
  gsize len;

  if (ctx->marks == NULL)
    return vpc_element_get_display_name (element);
  len = write_mark (mark, element, FORM_NAME);
  remember_marked (ctx, element);
  return g_string_chunk_insert_len (ctx->marks, mark, len);
}

char *
vpc_rules_describe (VpcRuleContext   *ctx,
                    const VpcElement *element)
{
  GString *out = g_string_sized_new (64);

  append_name (ctx, out, element, FORM_DESCRIBE);
  return g_string_free (out, FALSE);
}

char *
vpc_rules_describe_list (VpcRuleContext *ctx,
                         GPtrArray      *elements,
                         const char     *noun)
{
  return vpc_rules_describe_list_of (ctx, elements, elements->len, noun);
}

char *
vpc_rules_describe_list_of (VpcRuleContext *ctx,
                            GPtrArray      *elements,
                            guint           total,
                            const char     *noun)
{
  GString *out = g_string_new (noun);
  guint named = total > MAX_NAMED + 1 ? MAX_NAMED : total;

  g_string_append_c (out, ' ');
  for (guint i = 0; i < named; i++)
    {
      if (i > 0)
        /* TRANSLATORS: the separators of a list of names, "a, b and c". */
        g_string_append (out, i + 1 == total ? _(" and ") : _(", "));
      append_name (ctx, out, g_ptr_array_index (elements, i), FORM_NAME_ID);
    }
  if (named < total)
    /* TRANSLATORS: ends a list of names that shows only the first few,
     * "a, b, c, d, e and 7 more". */
    g_string_append_printf (out, ngettext (" and %u more", " and %u more", total - named),
                            total - named);
  return g_string_free (out, FALSE);
}

/* The mark at @p (a MARK_START): its form and id, and where it ends. */
static gboolean
read_mark (const char  *p,
           NameForm    *form,
           const char **id,
           gsize       *id_len,
           const char **end)
{
  const char *close;

  if (p[1] != FORM_NAME && p[1] != FORM_NAME_ID && p[1] != FORM_DESCRIBE)
    return FALSE;
  close = strchr (p + 2, MARK_END);
  if (close == NULL)
    return FALSE;
  *form = (NameForm) p[1];
  *id = p + 2;
  *id_len = close - (p + 2);
  *end = close + 1;
  return TRUE;
}

/* The element with the id @id (@id_len bytes): one of @ctx's last marked
 * when it is, else the design's. */
static const VpcElement *
marked_element (VpcDesign      *design,
                VpcRuleContext *ctx,
                const char     *id,
                gsize           id_len)
{
  char key[VPC_ID_MAX_LEN + 1];

  for (guint i = 0; ctx != NULL && i < MIN (ctx->n_marked, G_N_ELEMENTS (ctx->marked)); i++)
    {
      const VpcElement *e = ctx->marked[i];

      if (strncmp (e->id, id, id_len) == 0 && e->id[id_len] == '\0')
        return e;
    }
  if (id_len > VPC_ID_MAX_LEN)
    return NULL;
  memcpy (key, id, id_len);
  key[id_len] = '\0';
  return vpc_design_lookup (design, key);
}

static char *
resolve_names (VpcDesign      *design,
               VpcRuleContext *ctx,
               const char     *message)
{
  GString *out = g_string_sized_new (strlen (message) + 32);
  const char *p = message;

  for (const char *mark; (mark = strchr (p, MARK_START)) != NULL;)
    {
      const char *id, *end;
      gsize id_len;
      NameForm form;

      g_string_append_len (out, p, mark - p);
      if (!read_mark (mark, &form, &id, &id_len, &end))
        {
          g_string_append_c (out, *mark);
          p = mark + 1;
          continue;
        }
      {
        const VpcElement *element = marked_element (design, ctx, id, id_len);

        if (element != NULL)
          append_form (out, element, form);
        else
          g_string_append_len (out, id, id_len); /* cannot happen: renames keep ids */
      }
      p = end;
    }
  g_string_append (out, p);
  {
    gsize len = out->len;

    return g_realloc (g_string_free (out, FALSE), len + 1);
  }
}

char *
vpc_rules_resolve_names (VpcDesign  *design,
                         const char *message)
{
  return resolve_names (design, NULL, message);
}

const char *
vpc_rules_next_name (const char  *from,
                     const char **id,
                     gsize       *id_len)
{
  for (const char *p = strchr (from, MARK_START); p != NULL; p = strchr (p + 1, MARK_START))
    {
      const char *end;
      NameForm form;

      if (read_mark (p, &form, id, id_len, &end))
        return end;
    }
  return NULL;
}

char *
vpc_rules_describe_service (const char *service)
{
  const char *label = vpc_service_get_label (service);

  if (label == NULL)
    return g_strdup (service);
  return g_strconcat (label, " (", service, ")", NULL);
}

void
vpc_rules_report (VpcRuleContext   *ctx,
                  const char       *rule_id,
                  VpcSeverity       severity,
                  const VpcElement *primary,
                  GPtrArray        *others,
                  const char       *service,
                  char             *message)
{
  vpc_rules_report_of (ctx, rule_id, severity, primary, others,
                       others != NULL ? others->len : 0, service, message);
}

void
vpc_rules_report_of (VpcRuleContext   *ctx,
                     const char       *rule_id,
                     VpcSeverity       severity,
                     const VpcElement *primary,
                     GPtrArray        *others,
                     guint             n_others,
                     const char       *service,
                     char             *message)
{
  char *text = message;
  const char *ids[VPC_RULES_MAX_OTHERS + 2], *names[VPC_RULES_MAX_OTHERS + 2];
  guint kept = MIN (n_others, VPC_RULES_MAX_OTHERS);
  guint n_ids = 0;
  VpcFinding *finding;

  for (guint i = 0; i < kept + 1; i++)
    {
      const VpcElement *e = i == 0 ? primary : g_ptr_array_index (others, i - 1);

      if (e == NULL)
        continue;
      names[n_ids] = ctx->name_elements ? vpc_element_get_display_name (e) : NULL;
      ids[n_ids++] = e->id;
    }
  ids[n_ids] = names[n_ids] = NULL;

  if (n_others > kept)
    {
      /* TRANSLATORS: %s is a finding's message, the first %u how many
       * elements it involves, the second how many of them it lists. */
      char *longer = vpc_rules_printf (ngettext ("%s (%u element involved; the first %u are "
                                                 "listed)",
                                                 "%s (%u elements involved; the first %u are "
                                                 "listed)",
                                                 n_others),
                                       text, n_others, kept);
      g_free (text);
      text = longer;
    }
  if (ctx->borrow_strings)
    finding = _vpc_finding_new_borrowing (rule_id, severity, text, ids,
                                          ctx->name_elements ? names : NULL, n_ids, service);
  else if (ctx->marks != NULL && strchr (text, MARK_START) != NULL)
    {
      finding = vpc_finding_new_take (rule_id, severity, resolve_names (ctx->design, ctx, text),
                                      ids, service);
      _vpc_finding_take_marked (finding, text);
    }
  else
    finding = vpc_finding_new_take (rule_id, severity, text, ids, service);
  if (ctx->name_elements && !ctx->borrow_strings)
    _vpc_finding_set_element_names (finding, names);
  g_ptr_array_add (ctx->findings, finding);
}
