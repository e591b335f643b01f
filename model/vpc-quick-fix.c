/* SPDX-License-Identifier: GPL-3.0-or-later */
/* vpc-quick-fix.c: one-step repairs for findings.
 *
 * Each fix is a function that edits a design and describes what it did. It
 * first reads everything it needs through a rule context, frees the context
 * (its element pointers die with the first edit), then edits. The same
 * function serves three purposes: run on a duplicate it tells whether a fix
 * is available and what it would cost; run inside a transaction on the real
 * design it is the fix, one undo step.
 */
#include "vpc-quick-fix.h"

#include <string.h>

#include "vpc-cidr.h"
#include "vpc-cost.h"
#include "vpc-i18n.h"
#include "vpc-layout.h"
#include "vpc-needs.h"
#include "vpc-rules.h"

typedef gboolean (*FixFunc) (VpcDesign  *design,
                             VpcFinding *finding,
                             GString    *text);

/* Editing helpers. */

static VpcElement *
copy_of (VpcDesign  *design,
         const char *id)
{
  const VpcElement *element = vpc_design_lookup (design, id);

  return element != NULL ? vpc_element_copy (element) : NULL;
}

static gboolean
has_rule (const GArray *rules,
          VpcProtocol   protocol,
          guint16       from,
          guint16       to,
          const char   *peer)
{
  for (guint i = 0; i < rules->len; i++)
    {
      const VpcSgRule *rule = &g_array_index (rules, VpcSgRule, i);

      if (rule->protocol == protocol && rule->port_from == from && rule->port_to == to &&
          g_strcmp0 (rule->peer, peer) == 0)
        return TRUE;
    }
  return FALSE;
}

/* Adds a rule to a group unless it is there already. */
static void
add_rule (VpcDesign  *design,
          const char *group_id,
          gboolean    ingress,
          VpcProtocol protocol,
          guint16     from,
          guint16     to,
          const char *peer)
{
  g_autoptr(VpcElement) group = copy_of (design, group_id);
  GArray *rules;
  VpcSgRule rule = { protocol, from, to, NULL };

  g_return_if_fail (group != NULL && group->kind == VPC_KIND_SECURITY_GROUP);
  rules = ingress ? group->ingress : group->egress;
  if (has_rule (rules, protocol, from, to, peer))
    return;
  rule.peer = g_strdup (peer);
  g_array_append_val (rules, rule);
  vpc_design_replace_element (design, g_steal_pointer (&group));
}

/* The first of the element's security groups that exists, or NULL. */
static const char *
first_group (VpcDesign        *design,
             const VpcElement *element)
{
  for (guint i = 0; element->security_groups != NULL && i < element->security_groups->len; i++)
    {
      const VpcElement *group
          = vpc_design_lookup (design, g_ptr_array_index (element->security_groups, i));

      if (group != NULL && group->kind == VPC_KIND_SECURITY_GROUP)
        return group->id;
    }
  return NULL;
}

/* "sn-a, sn-b": ids as a fix's description lists them. */
static char *
join_ids (const GPtrArray *ids)
{
  GString *text = g_string_new (NULL);

  for (guint i = 0; i < ids->len; i++)
    g_string_append_printf (text, "%s%s", i > 0 ? ", " : "",
                            (const char *) g_ptr_array_index (ids, i));
  return g_string_free (text, FALSE);
}

static const char *
az_of (VpcDesign  *design,
       const char *subnet_id)
{
  const VpcElement *az = vpc_design_az_of_subnet (design, subnet_id);

  return az != NULL ? az->id : NULL;
}

/* VPC101–107: paths to services. */

typedef enum {
  ACTION_NONE,
  ACTION_ADD_GATEWAY,
  ACTION_ROUTE_GATEWAY,
  ACTION_ADD_INTERFACE,
  ACTION_EXTEND_INTERFACE,
} ActionKind;

typedef struct
{
  ActionKind kind;
  char      *service;
  char      *endpoint; /* existing endpoint, or the new one's id */
  GPtrArray *subnets;  /* subnet ids added */
} Action;

static void
action_clear (Action *action)
{
  g_free (action->service);
  g_free (action->endpoint);
  g_clear_pointer (&action->subnets, g_ptr_array_unref);
}

static const VpcElement *
first_endpoint (VpcDesign       *design,
                const char      *service,
                VpcEndpointType  type)
{
  guint n = vpc_design_get_n_elements (design, VPC_KIND_ENDPOINT);

  for (guint i = 0; i < n; i++)
    {
      const VpcElement *endpoint = vpc_design_get_element (design, VPC_KIND_ENDPOINT, i);

      if (g_strcmp0 (endpoint->service, service) == 0 && endpoint->endpoint_type == type)
        return endpoint;
    }
  return NULL;
}

/* Groups a new interface endpoint starts with: those of the first interface
 * endpoint that has some, since endpoints usually share one group. */
static GPtrArray *
shared_endpoint_groups (VpcDesign *design)
{
  guint n = vpc_design_get_n_elements (design, VPC_KIND_ENDPOINT);

  for (guint i = 0; i < n; i++)
    {
      const VpcElement *endpoint = vpc_design_get_element (design, VPC_KIND_ENDPOINT, i);

      if (endpoint->endpoint_type == VPC_ENDPOINT_INTERFACE &&
          endpoint->security_groups != NULL && endpoint->security_groups->len > 0)
        return vpc_id_list_copy (endpoint->security_groups);
    }
  return vpc_id_list_new ();
}

/* Plans the endpoint change that lets @workload reach @service from every
 * subnet: S3 and DynamoDB through a gateway endpoint, the rest through an
 * interface endpoint with one subnet in each of the workload's AZs,
 * extending an existing endpoint rather than adding a second one. */
static void
plan_service_path (VpcDesign        *design,
                   const VpcElement *workload,
                   const char       *service,
                   Action           *action)
{
  const GPtrArray *subnets = workload->subnets;
  const VpcElement *endpoint;

  action->service = g_strdup (service);
  action->subnets = vpc_id_list_new ();
  if (vpc_endpoint_default_type (service) == VPC_ENDPOINT_GATEWAY)
    {
      endpoint = first_endpoint (design, service, VPC_ENDPOINT_GATEWAY);
      if (endpoint == NULL)
        {
          action->kind = ACTION_ADD_GATEWAY;
          return;
        }
      action->kind = ACTION_ROUTE_GATEWAY;
      action->endpoint = g_strdup (endpoint->id);
      for (guint i = 0; i < subnets->len; i++)
        if (!vpc_id_list_contains (endpoint->subnets, g_ptr_array_index (subnets, i)))
          vpc_id_list_add (action->subnets, g_ptr_array_index (subnets, i));
      return;
    }

  {
    g_autoptr(GHashTable) covered = g_hash_table_new (g_str_hash, g_str_equal);

    endpoint = first_endpoint (design, service, VPC_ENDPOINT_INTERFACE);
    action->kind = endpoint != NULL ? ACTION_EXTEND_INTERFACE : ACTION_ADD_INTERFACE;
    for (guint i = 0; endpoint != NULL && i < endpoint->subnets->len; i++)
      {
        const char *az = az_of (design, g_ptr_array_index (endpoint->subnets, i));
        if (az != NULL)
          g_hash_table_add (covered, (gpointer) az);
      }
    for (guint i = 0; i < subnets->len; i++)
      {
        const char *az = az_of (design, g_ptr_array_index (subnets, i));

        if (az != NULL && g_hash_table_add (covered, (gpointer) az))
          vpc_id_list_add (action->subnets, g_ptr_array_index (subnets, i));
      }
    if (endpoint != NULL)
      action->endpoint = g_strdup (endpoint->id);
  }
}

static void
perform_action (VpcDesign *design,
                Action    *action)
{
  VpcElement *endpoint;

  switch (action->kind)
    {
    case ACTION_ADD_GATEWAY:
    case ACTION_ADD_INTERFACE:
      {
        g_autofree char *prefix = g_strdup_printf ("ep-%s", action->service);

        g_strdelimit (prefix, ".", '-');
        action->endpoint = vpc_design_make_id (design, prefix);
        endpoint = vpc_element_new (VPC_KIND_ENDPOINT, action->endpoint);
        endpoint->service = g_strdup (action->service);
        endpoint->endpoint_type = action->kind == ACTION_ADD_GATEWAY ? VPC_ENDPOINT_GATEWAY
                                                                      : VPC_ENDPOINT_INTERFACE;
        if (action->kind == ACTION_ADD_INTERFACE)
          {
            g_ptr_array_unref (endpoint->subnets);
            endpoint->subnets = vpc_id_list_copy (action->subnets);
            g_ptr_array_unref (endpoint->security_groups);
            endpoint->security_groups = shared_endpoint_groups (design);
          }
        vpc_design_add_element (design, endpoint, -1);
      }
      break;
    case ACTION_ROUTE_GATEWAY:
    case ACTION_EXTEND_INTERFACE:
      endpoint = copy_of (design, action->endpoint);
      for (guint i = 0; i < action->subnets->len; i++)
        vpc_id_list_add (endpoint->subnets, g_ptr_array_index (action->subnets, i));
      vpc_design_replace_element (design, endpoint);
      break;
    case ACTION_NONE:
    default:
      break;
    }
}

/* The texts say "subnets" even for one subnet, in English as before: their
 * two English forms are the same so that the output does not change. */
static void
describe_actions (GString *text,
                  Action  *actions,
                  guint    n)
{
  for (guint i = 0; i < n; i++)
    {
      Action *a = &actions[i];
      g_autofree char *ids = NULL;

      if (a->kind == ACTION_NONE)
        continue;
      if (text->len > 0)
        g_string_append (text, "; ");
      ids = join_ids (a->subnets);
      switch (a->kind)
        {
        case ACTION_ADD_GATEWAY:
          /* TRANSLATORS: %s is a service ("s3"). */
          g_string_append_printf (text, _("Add an %s gateway endpoint for every subnet"),
                                  a->service);
          break;
        case ACTION_ROUTE_GATEWAY:
          /* TRANSLATORS: the first %s is an endpoint's id, the second a list of
           * subnet ids ("sn-a, sn-b"). */
          g_string_append_printf (text, ngettext ("Route gateway endpoint %s to subnets %s",
                                                  "Route gateway endpoint %s to subnets %s",
                                                  a->subnets->len),
                                  a->endpoint, ids);
          break;
        case ACTION_ADD_INTERFACE:
          /* "Add ecr.api and ecr.dkr endpoints in subnets …" when two new
           * endpoints share their subnets. */
          if (i + 1 < n && actions[i + 1].kind == ACTION_ADD_INTERFACE &&
              actions[i + 1].subnets->len == a->subnets->len)
            {
              /* TRANSLATORS: the first two %s are services ("ecr.api"), the
               * third a list of subnet ids ("sn-a, sn-b"). */
              g_string_append_printf (text, ngettext ("Add %s and %s endpoints in subnets %s",
                                                      "Add %s and %s endpoints in subnets %s",
                                                      a->subnets->len),
                                      a->service, actions[i + 1].service, ids);
              i++;
              break;
            }
          /* TRANSLATORS: the first %s is a service ("sts"), the second a list
           * of subnet ids ("sn-a, sn-b"). */
          g_string_append_printf (text, ngettext ("Add a %s endpoint in subnets %s",
                                                  "Add a %s endpoint in subnets %s",
                                                  a->subnets->len),
                                  a->service, ids);
          break;
        case ACTION_EXTEND_INTERFACE:
          /* TRANSLATORS: the first %s is a list of subnet ids ("sn-a, sn-b"),
           * the second an endpoint's id. */
          g_string_append_printf (text, ngettext ("Add subnets %s to endpoint %s",
                                                  "Add subnets %s to endpoint %s",
                                                  a->subnets->len),
                                  ids, a->endpoint);
          break;
        case ACTION_NONE:
        default:
          break;
        }
    }
}

/* TRUE when the workload needs @service and cannot reach it from some subnet. */
static gboolean
service_unreachable (VpcRuleContext  *ctx,
                     VpcWorkloadInfo *info,
                     const char      *service)
{
  const VpcServiceInfo *service_info = vpc_rule_context_service (ctx, service);
  const GPtrArray *subnets = info->element->subnets;

  if (!vpc_needs_contains (info->needs, service))
    return FALSE;
  for (guint i = 0; i < subnets->len; i++)
    {
      const VpcSubnetInfo *subnet = vpc_rule_context_subnet (ctx, g_ptr_array_index (subnets, i));

      if (subnet != NULL && vpc_needs_reach (ctx, info->element, service_info, subnet) == 0)
        return TRUE;
    }
  return FALSE;
}

static VpcRuleContext *
context_for (VpcDesign *design)
{
  return vpc_rule_context_new (design, vpc_design_get_info (design)->profile);
}

static gboolean
fix_service_path (VpcDesign  *design,
                  VpcFinding *finding,
                  GString    *text)
{
  const char *services[2] = { NULL, NULL };
  guint n = vpc_rules_finding_services (finding, services);
  Action actions[2] = { { 0 }, { 0 } };
  VpcRuleContext *ctx = context_for (design);
  VpcWorkloadInfo *info
      = vpc_rule_context_workload (ctx, vpc_finding_get_primary_element (finding));
  gboolean any = FALSE;

  for (guint i = 0; info != NULL && i < n; i++)
    if (service_unreachable (ctx, info, services[i]))
      {
        plan_service_path (design, info->element, services[i], &actions[i]);
        any = TRUE;
      }
  vpc_rule_context_free (ctx);

  for (guint i = 0; i < n; i++)
    perform_action (design, &actions[i]);
  describe_actions (text, actions, n);
  for (guint i = 0; i < n; i++)
    action_clear (&actions[i]);
  return any;
}

/* VPC110 and VPC502: an S3 gateway endpoint that serves every subnet. */
static gboolean
fix_s3_gateway (VpcDesign  *design,
                VpcFinding *finding,
                GString    *text)
{
  const VpcElement *gateway = first_endpoint (design, "s3", VPC_ENDPOINT_GATEWAY);
  VpcElement *copy;

  if (gateway == NULL)
    {
      Action action = { ACTION_ADD_GATEWAY, g_strdup ("s3"), NULL, vpc_id_list_new () };

      perform_action (design, &action);
      describe_actions (text, &action, 1);
      action_clear (&action);
      return TRUE;
    }
  /* An empty list routes the endpoint to every subnet of the VPC. */
  copy = vpc_element_copy (gateway);
  g_ptr_array_set_size (copy->subnets, 0);
  g_string_append_printf (text, _("Route gateway endpoint %s to every subnet"), copy->id);
  vpc_design_replace_element (design, copy);
  return TRUE;
}

/* VPC111. */
static gboolean
fix_private_dns (VpcDesign  *design,
                 VpcFinding *finding,
                 GString    *text)
{
  g_autoptr(VpcElement) endpoint = copy_of (design, vpc_finding_get_primary_element (finding));

  if (endpoint == NULL || endpoint->private_dns)
    return FALSE;
  endpoint->private_dns = TRUE;
  g_string_append_printf (text, _("Turn on private DNS for endpoint %s"), endpoint->id);
  vpc_design_replace_element (design, g_steal_pointer (&endpoint));
  return TRUE;
}

/* A subnet of @az_id for an endpoint: one a workload uses if possible. */
static const char *
subnet_in_az (VpcDesign  *design,
              const char *az_id)
{
  guint n_workloads = vpc_design_get_n_elements (design, VPC_KIND_WORKLOAD);
  g_autoptr(GPtrArray) subnets = vpc_design_subnets_of_az (design, az_id);

  for (guint s = 0; s < subnets->len; s++)
    {
      const VpcElement *subnet = g_ptr_array_index (subnets, s);

      for (guint w = 0; w < n_workloads; w++)
        {
          const VpcElement *workload = vpc_design_get_element (design, VPC_KIND_WORKLOAD, w);

          if (workload->vpc_mode && vpc_id_list_contains (workload->subnets, subnet->id))
            return subnet->id;
        }
    }
  return subnets->len > 0 ? ((const VpcElement *) g_ptr_array_index (subnets, 0))->id : NULL;
}

/* VPC113: a subnet of each missing AZ joins the endpoint. */
static gboolean
fix_endpoint_azs (VpcDesign  *design,
                  VpcFinding *finding,
                  GString    *text)
{
  const char *const *elements = vpc_finding_get_elements (finding);
  g_autoptr(VpcElement) endpoint = copy_of (design, elements[0]);
  g_autoptr(GPtrArray) added = vpc_id_list_new ();
  g_autofree char *ids = NULL;

  if (endpoint == NULL)
    return FALSE;
  for (guint i = 1; elements[i] != NULL; i++)
    {
      const char *subnet = subnet_in_az (design, elements[i]);

      if (subnet != NULL)
        {
          vpc_id_list_add (endpoint->subnets, subnet);
          vpc_id_list_add (added, subnet);
        }
    }
  if (added->len == 0)
    return FALSE;
  ids = join_ids (added);
  /* TRANSLATORS: the first %s is a list of subnet ids ("sn-a, sn-b"), the
   * second an endpoint's id. */
  g_string_append_printf (text, ngettext ("Add subnets %s to endpoint %s",
                                          "Add subnets %s to endpoint %s",
                                          added->len),
                          ids, endpoint->id);
  vpc_design_replace_element (design, g_steal_pointer (&endpoint));
  return TRUE;
}

/* VPC115. */
static gboolean
fix_vpc_dns (VpcDesign  *design,
             VpcFinding *finding,
             GString    *text)
{
  VpcDesignInfo *info = vpc_design_info_copy (vpc_design_get_info (design));

  info->dns_support = TRUE;
  info->dns_hostnames = TRUE;
  vpc_design_set_info (design, info);
  g_string_append (text, _("Turn on DNS resolution and DNS host names for the VPC"));
  return TRUE;
}

/* VPC201/202: the lowest free block inside the VPC with @prefix. */
static gboolean
next_free_cidr (VpcDesign *design,
                guint      prefix,
                VpcCidr   *out)
{
  guint n = vpc_design_get_n_elements (design, VPC_KIND_SUBNET);
  VpcCidr vpc;
  guint64 size, end;

  if (!vpc_cidr_parse (vpc_design_get_info (design)->vpc_cidr, &vpc, NULL) || prefix < vpc.prefix)
    return FALSE;
  size = (guint64) 1 << (32 - prefix);
  end = (guint64) vpc.address + ((guint64) 1 << (32 - vpc.prefix));
  for (guint64 start = vpc.address; start + size <= end; start += size)
    {
      VpcCidr candidate = { (guint32) start, prefix };
      gboolean taken = FALSE;

      for (guint i = 0; i < n && !taken; i++)
        {
          VpcCidr other;

          if (vpc_cidr_parse (vpc_design_get_element (design, VPC_KIND_SUBNET, i)->cidr, &other,
                              NULL))
            taken = vpc_cidr_overlaps (&candidate, &other);
        }
      if (!taken)
        {
          *out = candidate;
          return TRUE;
        }
    }
  return FALSE;
}

/* An AZ the workload does not use yet, or NULL. */
static const char *
other_az (VpcDesign        *design,
          const VpcElement *workload)
{
  guint n = vpc_design_get_n_elements (design, VPC_KIND_AZ);

  for (guint i = 0; i < n; i++)
    {
      const VpcElement *az = vpc_design_get_element (design, VPC_KIND_AZ, i);
      gboolean used = FALSE;

      for (guint s = 0; s < workload->subnets->len && !used; s++)
        used = g_strcmp0 (az_of (design, g_ptr_array_index (workload->subnets, s)), az->id) == 0;
      if (!used)
        return az->id;
    }
  return NULL;
}

/* The new subnet joins the gateway endpoints that already route to its
 * sibling, so that S3 stays reachable from it. */
static void
route_gateways_like (VpcDesign  *design,
                     const char *sibling,
                     const char *subnet)
{
  guint n = vpc_design_get_n_elements (design, VPC_KIND_ENDPOINT);

  for (guint i = 0; i < n; i++)
    {
      const VpcElement *endpoint = vpc_design_get_element (design, VPC_KIND_ENDPOINT, i);

      if (endpoint->endpoint_type == VPC_ENDPOINT_GATEWAY &&
          vpc_id_list_contains (endpoint->subnets, sibling))
        {
          VpcElement *copy = vpc_element_copy (endpoint);

          vpc_id_list_add (copy->subnets, subnet);
          vpc_design_replace_element (design, copy);
        }
    }
}

static gboolean
fix_second_az (VpcDesign  *design,
               VpcFinding *finding,
               GString    *text)
{
  const VpcElement *workload
      = vpc_design_lookup (design, vpc_finding_get_primary_element (finding));
  const VpcElement *sibling;
  g_autofree char *az_id = NULL;
  g_autofree char *workload_id = NULL;
  g_autofree char *sibling_id = NULL;
  VpcElement *subnet;
  VpcElement *copy;
  VpcCidr sibling_cidr, cidr;

  if (workload == NULL || workload->kind != VPC_KIND_WORKLOAD || workload->subnets->len == 0)
    return FALSE;
  sibling = vpc_design_lookup (design, g_ptr_array_index (workload->subnets, 0));
  if (sibling == NULL || !vpc_cidr_parse (sibling->cidr, &sibling_cidr, NULL) ||
      !next_free_cidr (design, sibling_cidr.prefix, &cidr))
    return FALSE;
  workload_id = g_strdup (workload->id);
  sibling_id = g_strdup (sibling->id);
  az_id = g_strdup (other_az (design, workload));
  copy = vpc_element_copy (workload);

  if (az_id == NULL)
    {
      VpcElement *az;

      az_id = vpc_design_make_id (design, "az");
      az = vpc_element_new (VPC_KIND_AZ, az_id);
      vpc_design_add_element (design, az, -1);
      g_string_append_printf (text, _("Add availability zone %s"), az_id);
      g_string_append (text, "; ");
    }
  subnet = vpc_element_new (VPC_KIND_SUBNET, NULL);
  g_free (subnet->id);
  subnet->id = vpc_design_make_id (design, "sn");
  subnet->az = g_strdup (az_id);
  subnet->cidr = vpc_cidr_to_string (&cidr);
  subnet->route = sibling->route;
  /* TRANSLATORS: the first %s is a new subnet's id, the second its CIDR
   * block, the third an availability zone's id, the fourth a workload's id. */
  g_string_append_printf (text, _("Add subnet %s (%s) in availability zone %s to %s"),
                          subnet->id, subnet->cidr, az_id, workload_id);
  vpc_id_list_add (copy->subnets, subnet->id);
  route_gateways_like (design, sibling_id, subnet->id);
  vpc_design_add_element (design, subnet, -1);
  vpc_design_replace_element (design, copy);
  return TRUE;
}

/* VPC301: keep isolation, drop what it blocks. Turning isolation off is the
 * other way out, but it widens the workload's needs at once; clearing the
 * conflicting settings keeps the security the user asked for. */
static gboolean
fix_isolation_conflict (VpcDesign  *design,
                        VpcFinding *finding,
                        GString    *text)
{
  g_autoptr(VpcElement) workload = copy_of (design, vpc_finding_get_primary_element (finding));

  if (workload == NULL || workload->kind != VPC_KIND_WORKLOAD)
    return FALSE;
  if (vpc_workload_n_calls (workload) > 0)
    {
      g_clear_pointer (&workload->calls, g_ptr_array_unref);
      workload->calls = vpc_id_list_new ();
    }
  workload->needs_internet = FALSE;
  g_string_append_printf (text, _("Keep network isolation on %s: clear its calls and its "
                                  "internet need"), workload->id);
  vpc_design_replace_element (design, g_steal_pointer (&workload));
  return TRUE;
}

/* VPC401: egress 443 from the workload's first group to each endpoint it
 * cannot reach: to the endpoint's group, else to the VPC's CIDR, else to
 * the world. */
static gboolean
fix_workload_egress (VpcDesign  *design,
                     VpcFinding *finding,
                     GString    *text)
{
  VpcRuleContext *ctx = context_for (design);
  VpcWorkloadInfo *info
      = vpc_rule_context_workload (ctx, vpc_finding_get_primary_element (finding));
  g_autoptr(GPtrArray) peers = vpc_id_list_new ();
  g_autofree char *group = NULL;
  g_autofree char *to = NULL;

  if (info != NULL && first_group (design, info->element) != NULL)
    {
      group = g_strdup (first_group (design, info->element));
      for (guint s = 0; s < info->needs->len; s++)
        {
          const VpcServiceInfo *service
              = vpc_rule_context_service (ctx, g_ptr_array_index (info->needs, s));

          for (guint e = 0; service != NULL && e < service->interfaces->len; e++)
            {
              const VpcElement *endpoint = g_ptr_array_index (service->interfaces, e);
              const char *peer = first_group (design, endpoint);

              if (endpoint->subnets->len == 0 ||
                  vpc_rules_egress_reaches_endpoint (ctx, info, endpoint))
                continue;
              if (peer == NULL)
                peer = ctx->vpc_cidr_ok ? ctx->info->vpc_cidr : "0.0.0.0/0";
              vpc_id_list_add (peers, peer);
            }
        }
    }
  vpc_rule_context_free (ctx);
  if (peers->len == 0)
    return FALSE;

  for (guint i = 0; i < peers->len; i++)
    add_rule (design, group, FALSE, VPC_PROTOCOL_TCP, 443, 443, g_ptr_array_index (peers, i));
  to = join_ids (peers);
  /* TRANSLATORS: the first %s is a security group's id, the second a list of
   * peers: group ids, CIDR blocks or "prefix-list:s3". */
  g_string_append_printf (text, _("Allow outbound TCP 443 from group %s to %s"), group, to);
  return TRUE;
}

/* VPC402: ingress 443 on the endpoint's group from each failing workload's
 * first group; an endpoint without groups gets a new one. */
static gboolean
fix_endpoint_ingress (VpcDesign  *design,
                      VpcFinding *finding,
                      GString    *text)
{
  VpcRuleContext *ctx = context_for (design);
  const char *endpoint_id = vpc_finding_get_primary_element (finding);
  const VpcElement *endpoint = vpc_rule_context_lookup (ctx, endpoint_id, VPC_KIND_ENDPOINT);
  const VpcServiceInfo *service
      = endpoint != NULL ? vpc_rule_context_service (ctx, endpoint->service) : NULL;
  g_autoptr(GPtrArray) peers = vpc_id_list_new ();
  g_autofree char *group = NULL;
  g_autofree char *from = NULL;

  for (guint w = 0; service != NULL && w < service->needed_by->len; w++)
    {
      const VpcWorkloadInfo *workload = g_ptr_array_index (service->needed_by, w);
      const char *peer = first_group (design, workload->element);

      if (peer != NULL && !vpc_rules_endpoint_admits (ctx, endpoint, workload))
        vpc_id_list_add (peers, peer);
    }
  if (endpoint != NULL)
    group = g_strdup (first_group (design, endpoint));
  vpc_rule_context_free (ctx);
  if (peers->len == 0)
    return FALSE;

  from = join_ids (peers);
  if (group == NULL)
    {
      g_autofree char *prefix = g_strdup_printf ("sg-%s", endpoint_id);
      VpcElement *element;
      VpcElement *copy = copy_of (design, endpoint_id);

      g_return_val_if_fail (copy != NULL, FALSE);
      group = vpc_design_make_id (design, prefix);
      element = vpc_element_new (VPC_KIND_SECURITY_GROUP, group);
      vpc_design_add_element (design, element, -1);
      g_ptr_array_set_size (copy->security_groups, 0);
      vpc_id_list_add (copy->security_groups, group);
      vpc_design_replace_element (design, copy);
      /* TRANSLATORS: the first %s is an endpoint's id, the second a new
       * security group's id, the third a list of security group ids. */
      g_string_append_printf (text, _("Give endpoint %s a new security group %s that admits "
                                      "TCP 443 from %s"), endpoint_id, group, from);
    }
  else
    /* TRANSLATORS: the first %s is a security group's id, the second a list of
     * security group ids. */
    g_string_append_printf (text, _("Allow inbound TCP 443 to group %s from %s"), group, from);
  for (guint i = 0; i < peers->len; i++)
    add_rule (design, group, TRUE, VPC_PROTOCOL_TCP, 443, 443, g_ptr_array_index (peers, i));
  return TRUE;
}

/* VPC403/404: the self rules a cluster needs, on the job's first group. */
static gboolean
fix_cluster (VpcDesign  *design,
             VpcFinding *finding,
             GString    *text)
{
  VpcRuleContext *ctx = context_for (design);
  VpcWorkloadInfo *workload
      = vpc_rule_context_workload (ctx, vpc_finding_get_primary_element (finding));
  gboolean esp_rule = strcmp (vpc_finding_get_rule_id (finding), "VPC404") == 0;
  gboolean ingress = FALSE, egress = FALSE, esp = FALSE;
  g_autofree char *group = NULL;

  if (workload != NULL)
    {
      group = g_strdup (first_group (design, workload->element));
      vpc_rules_cluster_gaps (workload, &ingress, &egress, &esp);
    }
  vpc_rule_context_free (ctx);
  if (group == NULL)
    return FALSE;

  if (esp_rule)
    {
      if (!esp)
        return FALSE;
      add_rule (design, group, TRUE, VPC_PROTOCOL_ESP, 0, 65535, "self");
      g_string_append_printf (text, _("Allow inbound ESP from group %s to itself"), group);
      return TRUE;
    }
  if (!ingress && !egress)
    return FALSE;
  if (ingress)
    add_rule (design, group, TRUE, VPC_PROTOCOL_ALL, 0, 65535, "self");
  if (egress)
    add_rule (design, group, FALSE, VPC_PROTOCOL_ALL, 0, 65535, "self");
  /* TRANSLATORS: %s is a security group's id. */
  g_string_append_printf (text,
                          ingress && egress
                            ? _("Allow all traffic both ways between group %s and itself")
                            : ingress ? _("Allow all traffic into group %s and itself")
                                      : _("Allow all traffic out of group %s and itself"),
                          group);
  return TRUE;
}

/* VPC405: egress 443 to the world covers NAT and the S3 gateway; a gateway
 * alone needs only the S3 prefix list. */
static gboolean
fix_outbound (VpcDesign  *design,
              VpcFinding *finding,
              GString    *text)
{
  VpcRuleContext *ctx = context_for (design);
  VpcWorkloadInfo *info
      = vpc_rule_context_workload (ctx, vpc_finding_get_primary_element (finding));
  gboolean prefix_list = FALSE, world = FALSE;
  g_autofree char *group = NULL;
  const char *peer;

  if (info != NULL)
    {
      group = g_strdup (first_group (design, info->element));
      vpc_rules_outbound_gaps (ctx, info, &prefix_list, &world);
    }
  vpc_rule_context_free (ctx);
  if (group == NULL || (!prefix_list && !world))
    return FALSE;
  peer = world ? "0.0.0.0/0" : "prefix-list:s3";
  add_rule (design, group, FALSE, VPC_PROTOCOL_TCP, 443, 443, peer);
  /* TRANSLATORS: the first %s is a security group's id, the second a list of
   * peers: group ids, CIDR blocks or "prefix-list:s3". */
  g_string_append_printf (text, _("Allow outbound TCP 443 from group %s to %s"), group, peer);
  return TRUE;
}

static FixFunc
fix_for (VpcFinding *finding)
{
  static const struct { const char *rule; FixFunc fix; } fixes[] = {
    { "VPC101", fix_service_path }, { "VPC102", fix_service_path }, { "VPC103", fix_service_path },
    { "VPC104", fix_service_path }, { "VPC105", fix_service_path }, { "VPC106", fix_service_path },
    { "VPC107", fix_service_path }, { "VPC110", fix_s3_gateway }, { "VPC111", fix_private_dns },
    { "VPC113", fix_endpoint_azs }, { "VPC115", fix_vpc_dns }, { "VPC201", fix_second_az },
    { "VPC202", fix_second_az }, { "VPC301", fix_isolation_conflict },
    { "VPC401", fix_workload_egress }, { "VPC402", fix_endpoint_ingress },
    { "VPC403", fix_cluster }, { "VPC404", fix_cluster }, { "VPC405", fix_outbound },
    { "VPC502", fix_s3_gateway },
  };
  const char *rule = vpc_finding_get_rule_id (finding);

  for (guint i = 0; i < G_N_ELEMENTS (fixes); i++)
    if (strcmp (fixes[i].rule, rule) == 0)
      return fixes[i].fix;
  return NULL;
}

/* Runs the fix on a detached copy. Returns the copy, or NULL. */
static VpcDesign *
try_on_copy (VpcFinding *finding,
             VpcDesign  *design,
             GString    *text)
{
  FixFunc fix = fix_for (finding);
  g_autoptr(VpcDesign) copy = NULL;

  if (fix == NULL)
    return NULL;
  copy = vpc_design_duplicate (design);
  if (!fix (copy, finding, text))
    return NULL;
  return g_steal_pointer (&copy);
}

gboolean
vpc_quick_fix_available (VpcFinding *finding,
                         VpcDesign  *design)
{
  g_autoptr(GString) text = g_string_new (NULL);
  g_autoptr(VpcDesign) copy = NULL;

  g_return_val_if_fail (VPC_IS_FINDING (finding), FALSE);
  g_return_val_if_fail (VPC_IS_DESIGN (design), FALSE);

  copy = try_on_copy (finding, design, text);
  return copy != NULL;
}

char *
vpc_quick_fix_describe (VpcFinding *finding,
                        VpcDesign  *design)
{
  GString *text;
  g_autoptr(VpcDesign) copy = NULL;
  g_autoptr(VpcCostReport) before = NULL;
  g_autoptr(VpcCostReport) after = NULL;

  g_return_val_if_fail (VPC_IS_FINDING (finding), NULL);
  g_return_val_if_fail (VPC_IS_DESIGN (design), NULL);

  text = g_string_new (NULL);
  copy = try_on_copy (finding, design, text);
  if (copy == NULL)
    {
      g_string_free (text, TRUE);
      return NULL;
    }
  before = vpc_cost_compute (design, NULL);
  after = vpc_cost_compute (copy, NULL);
  if (before != NULL && after != NULL && before->priced && after->priced)
    {
      g_autofree char *delta = vpc_cost_format (after->total_micros - before->total_micros, TRUE);

      /* TRANSLATORS: follows a quick fix's description; %s is the change of
       * the monthly bill ("+$7.30"). */
      g_string_append_printf (text, _(": %s/month"), delta);
    }
  else
    /* TRANSLATORS: follows a quick fix's description. */
    g_string_append (text, _(": cost unknown (region not priced)"));
  return g_string_free (text, FALSE);
}

gboolean
vpc_quick_fix_apply (VpcFinding *finding,
                     VpcDesign  *design)
{
  g_autoptr(GString) text = g_string_new (NULL);
  g_autofree char *label = NULL;
  FixFunc fix;

  g_return_val_if_fail (VPC_IS_FINDING (finding), FALSE);
  g_return_val_if_fail (VPC_IS_DESIGN (design), FALSE);

  fix = fix_for (finding);
  if (fix == NULL)
    return FALSE;
  /* TRANSLATORS: an undo step; %s is a rule's title. */
  label = g_strdup_printf (_("Quick fix: %s"), vpc_finding_get_title (finding));
  vpc_design_begin (design, label);
  if (!fix (design, finding, text))
    {
      vpc_design_rollback (design);
      return FALSE;
    }
  /* New elements get a place on the canvas within the same step. */
  vpc_layout_auto (design);
  vpc_design_commit (design);
  return TRUE;
}
