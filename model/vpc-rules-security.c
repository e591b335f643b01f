/* SPDX-License-Identifier: GPL-3.0-or-later */
/* vpc-rules-security.c: VPC401–405, security-group rules.
 *
 * Checks run per workload × its groups × their rules. What a group lets
 * out on 443 is summarised once per run and reused by every workload in
 * that group. VPC401 and VPC402 compare workloads with the endpoints of
 * the services they need: instead of testing every pair, each workload's
 * reachable endpoints and each endpoint's admitted workloads are a union
 * of sets (vpc-bits.h), a few words per 64 elements.
 */
#include "vpc-rules.h"

#include <string.h>

#include "vpc-i18n.h"
#include "vpc-item-sets.h"
#include "vpc-needs.h"

#define WORLD "0.0.0.0/0"

/* A rule "allows 443" when its protocol is tcp or all and its ports are all
 * or a range holding 443 (ports are ignored for `all`). */
static gboolean
allows_443 (const VpcSgRule *rule)
{
  if (rule->protocol == VPC_PROTOCOL_ALL)
    return TRUE;
  return rule->protocol == VPC_PROTOCOL_TCP && rule->port_from <= 443 && rule->port_to >= 443;
}

/* All traffic, or TCP on every port (VPC403). */
static gboolean
allows_everything (const VpcSgRule *rule)
{
  if (rule->protocol == VPC_PROTOCOL_ALL)
    return TRUE;
  return rule->protocol == VPC_PROTOCOL_TCP && rule->port_from == 0 && rule->port_to == 65535;
}

static gboolean
allows_esp (const VpcSgRule *rule)
{
  return rule->protocol == VPC_PROTOCOL_ESP || rule->protocol == VPC_PROTOCOL_ALL;
}

/* The group a rule's peer names: "self" is the rule's own group. */
static const char *
peer_group (const VpcSgRule  *rule,
            const VpcElement *group)
{
  if (g_strcmp0 (rule->peer, "self") == 0)
    return group->id;
  return rule->peer;
}

static gboolean
peer_is_self (const VpcSgRule  *rule,
              const VpcElement *group)
{
  return g_strcmp0 (rule->peer, "self") == 0 || g_strcmp0 (rule->peer, group->id) == 0;
}

/* Whether @cidr holds every subnet @endpoint lists: its span, made once
 * per run (at 100,000 elements the workloads ask about the same few
 * thousand endpoints again and again). */
static gboolean
cidr_holds_endpoint (VpcRuleContext   *ctx,
                     const VpcCidr    *cidr,
                     const VpcElement *endpoint)
{
  VpcSubnetSpan *span;

  if (ctx->endpoint_spans == NULL)
    ctx->endpoint_spans = g_hash_table_new_full (NULL, NULL, NULL, g_free);
  span = g_hash_table_lookup (ctx->endpoint_spans, endpoint);
  if (span == NULL)
    {
      span = g_new (VpcSubnetSpan, 1);
      vpc_rule_context_span (ctx, endpoint->subnets, span);
      g_hash_table_insert (ctx->endpoint_spans, (gpointer) endpoint, span);
    }
  return vpc_subnet_span_within (span, cidr);
}

/* The element's groups that exist, sorted by file position: their
 * positions are known, so no look-up by id (a fifth of a second's worth
 * at 100,000 elements). */
static GPtrArray *
sorted_groups (const VpcWorkloadInfo *workload)
{
  return vpc_rules_sorted_by_position (workload->groups, workload->group_positions,
                                       workload->n_groups);
}

static gboolean
has_group_list (const VpcElement *element)
{
  return element->security_groups != NULL && element->security_groups->len > 0;
}

static VpcRulesMethod method;

void
_vpc_rules_security_set_method (VpcRulesMethod value)
{
  method = value;
}

/* A service with more interface endpoints than this is checked through
 * sets: below it, testing each pair costs less than making the sets
 * (a tenth of the rules' time at 10,000 elements). */
#define SETS_MIN_ENDPOINTS 32

static gboolean
use_sets (const VpcServiceInfo *service)
{
  if (method != VPC_RULES_METHOD_AUTO)
    return method == VPC_RULES_METHOD_SETS;
  return service->interfaces->len > SETS_MIN_ENDPOINTS;
}

/* The position of the group @id in the design's list, or -1. */
static int
group_position (VpcRuleContext *ctx,
                const char     *id)
{
  return vpc_rule_context_position (ctx, id, VPC_KIND_SECURITY_GROUP);
}

/* What one group lets out on TCP 443. */
typedef struct
{
  gboolean    world;        /* to 0.0.0.0/0 exactly */
  gboolean    prefix_list;  /* to prefix-list:s3 */
  GPtrArray  *peers;        /* group ids (self resolved) */
  GArray     *peer_positions; /* guint: theirs in the design's list, when they exist */
  GArray     *cidrs;        /* VpcCidr */
} Egress;

static void
egress_free (gpointer data)
{
  Egress *egress = data;

  if (egress == NULL)
    return;
  g_ptr_array_unref (egress->peers);
  g_array_unref (egress->peer_positions);
  g_array_unref (egress->cidrs);
  g_free (egress);
}

/* What the @g-th group of @workload lets out, by the group's position:
 * VPC401 asks for each endpoint a workload may not reach. */
static const Egress *
egress_of (VpcRuleContext        *ctx,
           const VpcWorkloadInfo *workload,
           guint                  g)
{
  const VpcElement *group = workload->groups[g];
  guint position = workload->group_positions[g];
  Egress *egress;

  if (ctx->egress == NULL)
    {
      ctx->egress = g_ptr_array_new_with_free_func (egress_free);
      g_ptr_array_set_size (ctx->egress,
                            vpc_design_get_n_elements (ctx->design, VPC_KIND_SECURITY_GROUP));
    }
  egress = g_ptr_array_index (ctx->egress, position);
  if (egress != NULL)
    return egress;

  egress = g_new0 (Egress, 1);
  egress->peers = g_ptr_array_new ();
  egress->peer_positions = g_array_new (FALSE, FALSE, sizeof (guint));
  egress->cidrs = g_array_new (FALSE, FALSE, sizeof (VpcCidr));
  for (guint r = 0; r < group->egress->len; r++)
    {
      const VpcSgRule *rule = &g_array_index (group->egress, VpcSgRule, r);
      VpcCidr cidr;

      if (!allows_443 (rule) || rule->peer == NULL)
        continue;
      if (strcmp (rule->peer, WORLD) == 0)
        egress->world = TRUE;
      if (strcmp (rule->peer, "prefix-list:s3") == 0)
        egress->prefix_list = TRUE;
      if (vpc_cidr_parse (rule->peer, &cidr, NULL))
        g_array_append_val (egress->cidrs, cidr);
      else
        {
          const char *peer = peer_group (rule, group);
          int peer_position = group_position (ctx, peer);

          g_ptr_array_add (egress->peers, (gpointer) peer);
          if (peer_position >= 0)
            g_array_append_val (egress->peer_positions, peer_position);
        }
    }
  ctx->egress->pdata[position] = egress;
  return egress;
}

/* VPC401's test for one endpoint: an egress rule for 443 to one of the
 * endpoint's groups, to a CIDR holding all its subnets, or to the world. */
gboolean
vpc_rules_egress_reaches_endpoint (VpcRuleContext        *ctx,
                                   const VpcWorkloadInfo *workload,
                                   const VpcElement      *endpoint)
{
  for (guint g = 0; g < workload->n_groups; g++)
    {
      const Egress *egress = egress_of (ctx, workload, g);

      if (egress->world)
        return TRUE;
      for (guint p = 0; p < egress->peers->len; p++)
        if (vpc_id_list_contains (endpoint->security_groups, g_ptr_array_index (egress->peers, p)))
          return TRUE;
      for (guint c = 0; c < egress->cidrs->len; c++)
        if (cidr_holds_endpoint (ctx, &g_array_index (egress->cidrs, VpcCidr, c), endpoint))
          return TRUE;
    }
  return FALSE;
}

/* The sets VPC401 and VPC402 use, per service (VpcServiceInfo), made on
 * first use in a run. */
typedef struct
{
  VpcRuleContext *ctx;
  GHashTable     *targets; /* service -> Side: its endpoints */
  GHashTable     *sources; /* service -> Side: the workloads needing it */
  /* Per security group (by position), the endpoints of a pairwise chunk
   * that admit its members (bit i: the chunk's i-th); zero between chunks. */
  guint64        *admitted_by;
} SecuritySets;

/* One side of VPC401 or VPC402 for one service: its items (workloads or
 * endpoints) and their groups and subnets. */
typedef struct
{
  GPtrArray   *items;
  VpcItemSets *sets;
} Side;

static Side *
side_new (VpcRuleContext *ctx)
{
  Side *side = g_new0 (Side, 1);

  side->items = g_ptr_array_new ();
  side->sets = vpc_item_sets_new (
      vpc_design_get_n_elements (ctx->design, VPC_KIND_SECURITY_GROUP));
  return side;
}

static void
side_free (gpointer data)
{
  Side *side = data;

  g_ptr_array_unref (side->items);
  vpc_item_sets_free (side->sets);
  g_free (side);
}

/* VPC401's side: the service's interface endpoints with subnets, in file
 * order. */
static Side *
targets_of (SecuritySets         *sets,
            const VpcServiceInfo *service)
{
  VpcRuleContext *ctx = sets->ctx;
  Side *targets = g_hash_table_lookup (sets->targets, service);
  g_autoptr(GArray) groups = g_array_new (FALSE, FALSE, sizeof (guint));
  g_autoptr(GArray) cidrs = g_array_new (FALSE, FALSE, sizeof (VpcCidr));

  if (targets != NULL)
    return targets;
  targets = side_new (ctx);
  for (guint e = 0; e < service->interfaces->len; e++)
    {
      const VpcElement *endpoint = g_ptr_array_index (service->interfaces, e);
      gboolean held_never = FALSE;

      if (!vpc_element_lists_subnets (endpoint))
        continue;
      g_array_set_size (groups, 0);
      g_array_set_size (cidrs, 0);
      for (guint g = 0; endpoint->security_groups != NULL && g < endpoint->security_groups->len;
           g++)
        {
          int position = group_position (ctx, g_ptr_array_index (endpoint->security_groups, g));

          if (position >= 0)
            g_array_append_val (groups, position);
        }
      for (guint i = 0; i < endpoint->subnets->len; i++)
        {
          const VpcSubnetInfo *subnet
              = vpc_rule_context_subnet (ctx, g_ptr_array_index (endpoint->subnets, i));

          if (subnet == NULL || !subnet->cidr_ok)
            held_never = TRUE;
          else
            g_array_append_val (cidrs, subnet->cidr);
        }
      vpc_item_sets_add (targets->sets, (const guint *) groups->data, groups->len,
                         (const VpcCidr *) cidrs->data, cidrs->len, held_never);
      g_ptr_array_add (targets->items, (gpointer) endpoint);
    }
  vpc_item_sets_seal (targets->sets);
  g_hash_table_insert (sets->targets, (gpointer) service, targets);
  return targets;
}

/* The first of @service's endpoints with subnets that @workload's groups
 * let nothing out to on 443 (vpc_rules_egress_reaches_endpoint()), or
 * NULL: the union of the endpoints each egress rule reaches. */
static const VpcElement *
first_blocked (SecuritySets          *sets,
               const VpcServiceInfo  *service,
               const VpcWorkloadInfo *workload)
{
  Side *targets = targets_of (sets, service);
  guint k;

  vpc_item_sets_start (targets->sets);
  for (guint g = 0; g < workload->n_groups; g++)
    {
      const Egress *egress = egress_of (sets->ctx, workload, g);

      if (egress->world)
        return NULL;
      for (guint p = 0; p < egress->peer_positions->len; p++)
        vpc_item_sets_add_group (targets->sets, g_array_index (egress->peer_positions, guint, p));
      for (guint c = 0; c < egress->cidrs->len; c++)
        vpc_item_sets_add_cidr (targets->sets, &g_array_index (egress->cidrs, VpcCidr, c));
    }
  k = vpc_bits_next_missing (vpc_item_sets_get_union (targets->sets), 0);
  return k < targets->items->len ? g_ptr_array_index (targets->items, k) : NULL;
}

/* The same by testing each endpoint in turn. */
static const VpcElement *
first_blocked_pairwise (VpcRuleContext        *ctx,
                        const VpcServiceInfo  *service,
                        const VpcWorkloadInfo *workload)
{
  for (guint e = 0; e < service->interfaces->len; e++)
    {
      const VpcElement *endpoint = g_ptr_array_index (service->interfaces, e);

      if (vpc_element_lists_subnets (endpoint)
          && !vpc_rules_egress_reaches_endpoint (ctx, workload, endpoint))
        return endpoint;
    }
  return NULL;
}

/* VPC401: one finding per workload, naming the first endpoint it cannot
 * talk to. */
static void
check_workload_egress (SecuritySets    *sets,
                       VpcWorkloadInfo *workload)
{
  VpcRuleContext *ctx = sets->ctx;
  const VpcElement *blocked = NULL;
  g_autoptr(GPtrArray) groups = NULL;
  g_autofree char *who = NULL;

  for (guint s = 0; s < workload->needs->len && blocked == NULL; s++)
    {
      const VpcServiceInfo *service = workload->services[s];

      if (service->first_interface_with_subnets == NULL)
        continue;
      blocked = use_sets (service) ? first_blocked (sets, service, workload)
                                   : first_blocked_pairwise (ctx, service, workload);
    }
  if (blocked == NULL)
    return;
  groups = sorted_groups (workload);
  who = vpc_rules_describe (ctx, workload->element);
  vpc_rules_report (ctx, "VPC401", VPC_SEVERITY_ERROR, workload->element, groups, NULL,
                    /* TRANSLATORS: the first %s is a workload ("training job train-1"),
                     * the second an endpoint's name, the third its service ("sts"). */
                    vpc_rules_printf (_("No security group of %s allows outbound TCP 443 to "
                                         "interface endpoint %s (%s)"),
                                      who, vpc_rules_name (ctx, blocked),
                                      blocked->service));
}

/* What one interface endpoint's groups admit on 443 (VPC402). The groups
 * admitted carry the admission's mark in ctx->group_marks. */
typedef struct
{
  const guint *marks;
  guint        mark;
  GArray      *cidrs;  /* VpcCidr */
  GArray      *groups; /* guint: the positions marked, each once */
  gboolean     world;
} Admission;

static void
admission_init (VpcRuleContext   *ctx,
                const VpcElement *endpoint,
                Admission        *admission)
{
  admission->marks = ctx->group_marks;
  admission->mark = ++ctx->group_mark;
  admission->cidrs = g_array_new (FALSE, FALSE, sizeof (VpcCidr));
  admission->groups = g_array_new (FALSE, FALSE, sizeof (guint));
  admission->world = FALSE;
  for (guint g = 0; endpoint->security_groups != NULL && g < endpoint->security_groups->len; g++)
    {
      const VpcElement *group = vpc_rule_context_lookup (
          ctx, g_ptr_array_index (endpoint->security_groups, g), VPC_KIND_SECURITY_GROUP);

      for (guint r = 0; group != NULL && r < group->ingress->len; r++)
        {
          const VpcSgRule *rule = &g_array_index (group->ingress, VpcSgRule, r);
          const VpcElement *peer;
          VpcCidr cidr;

          if (!allows_443 (rule) || rule->peer == NULL)
            continue;
          if (strcmp (rule->peer, WORLD) == 0)
            admission->world = TRUE;
          if (vpc_cidr_parse (rule->peer, &cidr, NULL))
            {
              g_array_append_val (admission->cidrs, cidr);
              continue;
            }
          /* A group that does not exist has no members to admit. */
          peer = vpc_rule_context_lookup (ctx, peer_group (rule, group), VPC_KIND_SECURITY_GROUP);
          if (peer != NULL)
            {
              guint position
                  = (guint) vpc_rule_context_position (ctx, peer->id, VPC_KIND_SECURITY_GROUP);

              if (ctx->group_marks[position] != admission->mark)
                g_array_append_val (admission->groups, position);
              ctx->group_marks[position] = admission->mark;
            }
        }
    }
}

static void
admission_clear (Admission *admission)
{
  g_array_unref (admission->cidrs);
  g_array_unref (admission->groups);
}

static gboolean
cidrs_admit (const Admission       *admission,
             const VpcWorkloadInfo *workload)
{
  for (guint c = 0; c < admission->cidrs->len; c++)
    if (vpc_subnet_span_within (&workload->span, &g_array_index (admission->cidrs, VpcCidr, c)))
      return TRUE;
  return FALSE;
}

/* From one of the workload's groups, from a CIDR holding all its subnets,
 * or from the world. */
static gboolean
admits (const Admission       *admission,
        const VpcWorkloadInfo *workload)
{
  if (admission->world)
    return TRUE;
  for (guint i = 0; i < workload->n_groups; i++)
    if (admission->marks[workload->group_positions[i]] == admission->mark)
      return TRUE;
  return cidrs_admit (admission, workload);
}

gboolean
vpc_rules_endpoint_admits (VpcRuleContext        *ctx,
                           const VpcElement      *endpoint,
                           const VpcWorkloadInfo *workload)
{
  Admission admission;
  gboolean result;

  admission_init (ctx, endpoint, &admission);
  result = admits (&admission, workload);
  admission_clear (&admission);
  return result;
}

/* VPC402's side: the workloads needing the service that list groups, in
 * file order, by the positions of their groups. */
static Side *
sources_of (SecuritySets         *sets,
            const VpcServiceInfo *service)
{
  Side *sources = g_hash_table_lookup (sets->sources, service);
  g_autoptr(GArray) cidrs = g_array_new (FALSE, FALSE, sizeof (VpcCidr));

  if (sources != NULL)
    return sources;
  sources = side_new (sets->ctx);
  for (guint w = 0; w < service->needed_by->len; w++)
    {
      const VpcWorkloadInfo *workload = g_ptr_array_index (service->needed_by, w);
      /* A subnet that does not exist is held by no CIDR. */
      gboolean held_never = workload->n_subnets != workload->element->subnets->len;

      if (!workload->lists_groups)
        continue;
      g_array_set_size (cidrs, 0);
      for (guint s = 0; s < workload->n_subnets; s++)
        if (!workload->subnets[s]->cidr_ok)
          held_never = TRUE;
        else
          g_array_append_val (cidrs, workload->subnets[s]->cidr);
      vpc_item_sets_add (sources->sets, workload->group_positions, workload->n_groups,
                         (const VpcCidr *) cidrs->data, cidrs->len, held_never);
      g_ptr_array_add (sources->items, (gpointer) workload);
    }
  vpc_item_sets_seal (sources->sets);
  g_hash_table_insert (sets->sources, (gpointer) service, sources);
  return sources;
}

/* The workloads needing @service that @admission fails, in file order: the
 * first VPC_RULES_MAX_OTHERS in @failed, the count returned. */
static guint
failed_workloads (SecuritySets         *sets,
                  const VpcServiceInfo *service,
                  const Admission      *admission,
                  GPtrArray            *failed)
{
  Side *sources = sources_of (sets, service);
  const VpcBits *admitted = vpc_item_sets_get_union (sources->sets);

  vpc_item_sets_start (sources->sets);
  for (guint g = 0; g < admission->groups->len; g++)
    vpc_item_sets_add_group (sources->sets, g_array_index (admission->groups, guint, g));
  for (guint c = 0; c < admission->cidrs->len; c++)
    vpc_item_sets_add_cidr (sources->sets, &g_array_index (admission->cidrs, VpcCidr, c));
  for (guint i = vpc_bits_next_missing (admitted, 0);
       i < sources->items->len && failed->len < VPC_RULES_MAX_OTHERS;
       i = vpc_bits_next_missing (admitted, i + 1))
    g_ptr_array_add (failed,
                     (gpointer) ((const VpcWorkloadInfo *) g_ptr_array_index (sources->items, i))
                         ->element);
  return sources->items->len - vpc_bits_count (admitted);
}

/* VPC402's finding for @endpoint, which fails @n_failed workloads, the
 * first of them in @failed. An endpoint without groups gets the VPC's
 * default group, which admits only its own members: it fails them all. */
static void
report_endpoint_ingress (VpcRuleContext   *ctx,
                         const VpcElement *endpoint,
                         GPtrArray        *failed,
                         guint             n_failed)
{
  g_autofree char *list = NULL;

  if (n_failed == 0)
    return;
  list = vpc_rules_describe_list_of (ctx, failed, n_failed,
                                     ngettext ("workload", "workloads", n_failed));
  vpc_rules_report_of (ctx, "VPC402", VPC_SEVERITY_ERROR, endpoint, failed, n_failed, NULL,
                       /* TRANSLATORS: the first %s is an endpoint's name, the second its
                        * service ("sts"), the third a list of workloads ("workloads
                        * train-1 and nb-1"). */
                       vpc_rules_printf (
                           has_group_list (endpoint)
                             ? _("Interface endpoint %s (%s) admits no TCP 443 from %s")
                             : _("Interface endpoint %s (%s) has no security group: the "
                                 "VPC's default group does not admit TCP 443 from %s"),
                           vpc_rules_name (ctx, endpoint), endpoint->service, list));
}

/* VPC402 for one endpoint through the service's sets. */
static void
check_endpoint_ingress (SecuritySets         *sets,
                        const VpcServiceInfo *service,
                        const VpcElement     *endpoint)
{
  g_autoptr(GPtrArray) failed = g_ptr_array_new ();
  Admission admission;
  guint n_failed = 0;

  admission_init (sets->ctx, endpoint, &admission);
  if (!admission.world)
    n_failed = failed_workloads (sets, service, &admission, failed);
  admission_clear (&admission);
  report_endpoint_ingress (sets->ctx, endpoint, failed, n_failed);
}

/* The most endpoints tested together: one bit each in a word per group. */
#define PAIRWISE_CHUNK 64

/* VPC402 for @endpoints (at most PAIRWISE_CHUNK) by testing each workload
 * needing the service against all of them at once: a workload's groups and
 * subnets are read once, not once per endpoint (at 100,000 elements they
 * had left the cache by the next endpoint), and its groups admit it to
 * every endpoint at once through the bits of the endpoints each group is
 * admitted by. */
static void
check_endpoints_ingress_pairwise (SecuritySets         *sets,
                                  const VpcServiceInfo *service,
                                  const VpcElement    **endpoints,
                                  guint                 n)
{
  VpcRuleContext *ctx = sets->ctx;
  Admission admissions[PAIRWISE_CHUNK];
  GPtrArray *failed[PAIRWISE_CHUNK];
  guint n_failed[PAIRWISE_CHUNK] = { 0 };
  guint64 open = 0; /* the endpoints that do not admit the world */

  g_assert (n <= PAIRWISE_CHUNK);
  if (sets->admitted_by == NULL)
    sets->admitted_by
        = g_new0 (guint64, vpc_design_get_n_elements (ctx->design, VPC_KIND_SECURITY_GROUP));
  for (guint i = 0; i < n; i++)
    {
      Admission *admission = &admissions[i];

      admission_init (ctx, endpoints[i], admission);
      failed[i] = g_ptr_array_new ();
      if (!admission->world)
        open |= G_GUINT64_CONSTANT (1) << i;
      for (guint g = 0; g < admission->groups->len; g++)
        sets->admitted_by[g_array_index (admission->groups, guint, g)]
            |= G_GUINT64_CONSTANT (1) << i;
    }
  for (guint w = 0; open != 0 && w < service->needed_by->len; w++)
    {
      const VpcWorkloadInfo *workload = g_ptr_array_index (service->needed_by, w);
      guint64 pending = open;

      if (!workload->lists_groups)
        continue;
      for (guint g = 0; g < workload->n_groups && pending != 0; g++)
        pending &= ~sets->admitted_by[workload->group_positions[g]];
      for (; pending != 0; pending &= pending - 1)
        {
          guint i = (guint) __builtin_ctzll (pending);

          /* Only the ones a finding lists are kept; the rest are counted. */
          if (!cidrs_admit (&admissions[i], workload) && n_failed[i]++ < VPC_RULES_MAX_OTHERS)
            g_ptr_array_add (failed[i], (gpointer) workload->element);
        }
    }
  for (guint i = 0; i < n; i++)
    {
      for (guint g = 0; g < admissions[i].groups->len; g++)
        sets->admitted_by[g_array_index (admissions[i].groups, guint, g)] = 0;
      admission_clear (&admissions[i]);
      report_endpoint_ingress (ctx, endpoints[i], failed[i], n_failed[i]);
      g_ptr_array_unref (failed[i]);
    }
}

static void
check_endpoints_ingress (SecuritySets *sets)
{
  VpcRuleContext *ctx = sets->ctx;
  GHashTableIter iter;
  gpointer value;

  g_hash_table_iter_init (&iter, ctx->services);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    {
      const VpcServiceInfo *service = value;

      const VpcElement *chunk[PAIRWISE_CHUNK];
      guint n = 0;

      if (service->needed_by->len == 0)
        continue;
      for (guint e = 0; e < service->interfaces->len; e++)
        {
          const VpcElement *endpoint = g_ptr_array_index (service->interfaces, e);

          if (!vpc_element_lists_subnets (endpoint))
            continue;
          if (use_sets (service))
            check_endpoint_ingress (sets, service, endpoint);
          else
            {
              chunk[n++] = endpoint;
              if (n == PAIRWISE_CHUNK)
                {
                  check_endpoints_ingress_pairwise (sets, service, chunk, n);
                  n = 0;
                }
            }
        }
      if (n > 0)
        check_endpoints_ingress_pairwise (sets, service, chunk, n);
    }
}

/* TRUE when one of the workload's groups has a self rule in @ingress (else
 * egress) satisfying @test; egress may also name the world (VPC403). */
static gboolean
has_self_rule (const VpcWorkloadInfo *workload,
               gboolean               ingress,
               gboolean             (*test) (const VpcSgRule *rule))
{
  for (guint g = 0; g < workload->n_groups; g++)
    {
      const VpcElement *group = workload->groups[g];
      const GArray *rules = ingress ? group->ingress : group->egress;

      for (guint r = 0; rules != NULL && r < rules->len; r++)
        {
          const VpcSgRule *rule = &g_array_index (rules, VpcSgRule, r);

          if (test (rule) &&
              (peer_is_self (rule, group) || (!ingress && g_strcmp0 (rule->peer, WORLD) == 0)))
            return TRUE;
        }
    }
  return FALSE;
}

void
vpc_rules_cluster_gaps (const VpcWorkloadInfo *workload,
                        gboolean              *ingress_missing,
                        gboolean              *egress_missing,
                        gboolean              *esp_missing)
{
  *ingress_missing = !has_self_rule (workload, TRUE, allows_everything);
  *egress_missing = !has_self_rule (workload, FALSE, allows_everything);
  *esp_missing = !has_self_rule (workload, TRUE, allows_esp);
}

/* VPC403 and VPC404: multi-instance jobs talk among themselves. A job
 * without groups has no such rules: both fire (VPC208 also reports it). */
static void
check_cluster (VpcRuleContext  *ctx,
               VpcWorkloadInfo *info)
{
  const VpcElement *workload = info->element;
  gboolean ingress_missing, egress_missing, esp_missing;
  g_autofree char *who = NULL;

  if (!vpc_needs_kind_is_job (workload->workload_kind) || workload->instance_count < 2)
    return;
  vpc_rules_cluster_gaps (info, &ingress_missing, &egress_missing, &esp_missing);
  who = vpc_rules_describe (ctx, workload);
  if (ingress_missing || egress_missing)
    {
      g_autoptr(GPtrArray) groups = sorted_groups (info);

      vpc_rules_report (ctx, "VPC403", VPC_SEVERITY_ERROR, workload, groups, NULL,
                        /* TRANSLATORS: %s is a job ("training job train-1"), %d its
                         * number of instances (at least two). */
                        vpc_rules_printf (ngettext ("%s runs %d instances, but its security groups "
                                                    "do not allow all traffic between them in both "
                                                    "directions",
                                                    "%s runs %d instances, but its security groups "
                                                    "do not allow all traffic between them in both "
                                                    "directions",
                                                    workload->instance_count),
                                          who, workload->instance_count));
    }
  if (workload->inter_container_encryption && esp_missing)
    vpc_rules_report (ctx, "VPC404", VPC_SEVERITY_WARNING, workload, NULL, NULL,
                      vpc_rules_printf (_("%s encrypts inter-container traffic, but no security "
                                          "group admits ESP from its own members"), who));
}

/* VPC405: the paths that leave through the S3 prefix list or the internet. */
void
vpc_rules_outbound_gaps (VpcRuleContext  *ctx,
                         VpcWorkloadInfo *info,
                         gboolean        *prefix_list_missing,
                         gboolean        *world_missing)
{
  const VpcElement *workload = info->element;
  const VpcServiceInfo *s3 = NULL;
  gboolean via_gateway = FALSE, via_nat_only = FALSE;
  gboolean to_world = FALSE, to_prefix_list = FALSE;

  for (guint g = 0; g < info->n_groups; g++)
    {
      const Egress *egress = egress_of (ctx, info, g);

      to_world |= egress->world;
      to_prefix_list |= egress->prefix_list;
    }
  for (guint s = 0; s < info->needs->len; s++)
    if (strcmp (g_ptr_array_index (info->needs, s), "s3") == 0)
      s3 = info->services[s];

  for (guint i = 0; i < info->n_subnets; i++)
    {
      const VpcSubnetInfo *subnet = info->subnets[i];

      if (vpc_needs_gateway_serves (s3, subnet->element->id))
        via_gateway = TRUE;
      /* Only a NAT route can be the only way: skip the rest otherwise. */
      if (subnet->element->route != VPC_ROUTE_NAT || !ctx->public_nat)
        continue;
      for (guint s = 0; s < info->needs->len && !via_nat_only; s++)
        if (vpc_needs_reach (ctx, workload, info->services[s], subnet) == VPC_REACH_NAT)
          via_nat_only = TRUE;
    }
  *prefix_list_missing = via_gateway && !to_world && !to_prefix_list;
  *world_missing = !to_world &&
                   ((!workload->network_isolation && workload->needs_internet) || via_nat_only);
}

static void
check_outbound_paths (VpcRuleContext  *ctx,
                      VpcWorkloadInfo *info)
{
  gboolean prefix_list_missing, world_missing;
  g_autoptr(GPtrArray) groups = NULL;
  g_autofree char *who = NULL;

  vpc_rules_outbound_gaps (ctx, info, &prefix_list_missing, &world_missing);
  if (!prefix_list_missing && !world_missing)
    return;
  groups = sorted_groups (info);
  who = vpc_rules_describe (ctx, info->element);
  vpc_rules_report (ctx, "VPC405", VPC_SEVERITY_ERROR, info->element, groups, NULL,
                    /* TRANSLATORS: %s is a workload ("training job train-1"). */
                    vpc_rules_printf (prefix_list_missing && world_missing
                                        ? _("No security group of %s allows outbound TCP 443 to "
                                            "0.0.0.0/0, which its S3 gateway endpoint and its "
                                            "internet traffic need")
                                        : prefix_list_missing
                                        ? _("No security group of %s allows outbound TCP 443 to "
                                            "prefix-list:s3 or 0.0.0.0/0, which its S3 gateway "
                                            "endpoint needs")
                                        : _("No security group of %s allows outbound TCP 443 to "
                                            "0.0.0.0/0, which its internet and NAT traffic need"),
                                      who));
}

void
vpc_rules_check_security (VpcRuleContext *ctx)
{
  SecuritySets sets = {
    ctx,
    g_hash_table_new_full (NULL, NULL, NULL, side_free),
    g_hash_table_new_full (NULL, NULL, NULL, side_free),
    NULL,
  };

  for (guint w = 0; w < ctx->checked->len; w++)
    {
      VpcWorkloadInfo *workload = g_ptr_array_index (ctx->checked, w);

      check_cluster (ctx, workload);
      /* VPC401 and VPC405 skip a workload without groups (VPC208 reports it). */
      if (!workload->lists_groups)
        continue;
      check_workload_egress (&sets, workload);
      check_outbound_paths (ctx, workload);
    }
  /* VPC402 is about endpoints. */
  if (vpc_rule_context_checks_others (ctx))
    check_endpoints_ingress (&sets);
  g_hash_table_unref (sets.targets);
  g_hash_table_unref (sets.sources);
  g_free (sets.admitted_by);
}
