/* SPDX-License-Identifier: GPL-3.0-or-later */
/* vpc-trace.c: one path per subnet of a workload to a service, with the
 * findings of check that stand in its way.
 *
 * The way comes from vpc_needs_way(), the predicate VPC101–107 use. Which
 * findings "concern" a path is decided per rule below; README.md ("trace")
 * gives the same table in words.
 */
#include "vpc-trace.h"

#include <string.h>

#include "vpc-i18n.h"
#include "vpc-needs.h"
#include "vpc-validator.h"

const char *
vpc_via_to_string (VpcVia via)
{
  static const char *const names[] = {
    "none", "interface_endpoint", "gateway_endpoint", "nat", "internet", "platform",
  };

  g_return_val_if_fail ((guint) via < G_N_ELEMENTS (names), "none");
  return names[via];
}

/* --- symptoms (domain.md §1, "what breaks") ----------------------------- */

char *
vpc_trace_symptom (const VpcElement *workload,
                   const char       *service)
{
  static const struct { const char *service, *symptom; } table[] = {
    { "sagemaker.api", N_("Jobs and endpoints cannot be launched or managed from inside the VPC") },
    { "sagemaker.runtime", N_("Endpoint invocations fail") },
    { "logs", N_("No visibility into job output: the Python SDK shows \"Starting\" forever") },
    { "monitoring", N_("Custom metrics are lost") },
    /* TRANSLATORS: SageMaker's own error message; keep it searchable,
     * for example by leaving it in English. */
    { "ecr.api", N_("Unable to pull container image") },
    { "ecr.dkr", N_("Unable to pull container image") },
    { "sts", N_("Role-based access fails, often silently or as a misleading permission error") },
    { "notebook", N_("The notebook's web UI is reachable only over the internet") },
    { "studio", N_("The Studio web UI is reachable only over the internet") },
  };

  if (strcmp (service, "s3") == 0)
    {
      /* The platform moves a job's data and a model's artifacts; a notebook,
       * Studio or a client only makes its own calls. */
      if (workload->workload_kind == VPC_WORKLOAD_REALTIME_ENDPOINT)
        return g_strdup (_("The endpoint fails to download its model data from Amazon S3"));
      if (vpc_needs_kind_is_container (workload->workload_kind))
        /* TRANSLATORS: SageMaker's own error message; keep it searchable,
         * for example by leaving it in English. */
        return g_strdup (_("Artifact upload failed: route to an S3 VPC endpoint or a NAT device"));
    }
  for (guint i = 0; i < G_N_ELEMENTS (table); i++)
    if (strcmp (table[i].service, service) == 0)
      return g_strdup (_(table[i].symptom));
  /* TRANSLATORS: %s is a service ("kms"). */
  return g_strdup_printf (_("Calls to %s fail"), service);
}

/* --- which findings concern a path ------------------------------------- */

typedef struct
{
  VpcRuleContext        *ctx;
  const VpcWorkloadInfo *workload;
  const char            *service;
  const VpcSubnetInfo   *subnet;
  VpcVia                 via;
  GPtrArray             *through; /* const VpcElement * */
} Path;

static gboolean
lists_other (VpcFinding *finding,
             const char *id)
{
  const char *const *elements = vpc_finding_get_elements (finding);

  for (guint i = 1; id != NULL && elements[0] != NULL && elements[i] != NULL; i++)
    if (strcmp (elements[i], id) == 0)
      return TRUE;
  return FALSE;
}

static gboolean
goes_through (const Path *path,
              const char *id)
{
  for (guint i = 0; id != NULL && i < path->through->len; i++)
    if (strcmp (((const VpcElement *) g_ptr_array_index (path->through, i))->id, id) == 0)
      return TRUE;
  return FALSE;
}

static gboolean
is_primary (VpcFinding *finding,
            const char *id)
{
  return g_strcmp0 (vpc_finding_get_primary_element (finding), id) == 0;
}

/* VPC401: an endpoint on the way that the workload's egress does not reach. */
static gboolean
egress_blocked (const Path *path)
{
  for (guint i = 0; i < path->through->len; i++)
    if (!vpc_rules_egress_reaches_endpoint (path->ctx, path->workload,
                                            g_ptr_array_index (path->through, i)))
      return TRUE;
  return FALSE;
}

/* VPC405 exists only when no group allows 443 to the world, so every NAT or
 * public-route way is blocked; a gateway way needs the prefix list. */
static gboolean
outbound_blocked (const Path *path)
{
  gboolean prefix_list_missing, world_missing;

  switch (path->via)
    {
    case VPC_VIA_GATEWAY_ENDPOINT:
      vpc_rules_outbound_gaps (path->ctx, (VpcWorkloadInfo *) path->workload,
                               &prefix_list_missing, &world_missing);
      return prefix_list_missing;
    case VPC_VIA_NAT:
      return TRUE;
    case VPC_VIA_INTERNET:
      /* A notebook's direct access leaves through SageMaker, not its groups. */
      return path->workload->element->workload_kind == VPC_WORKLOAD_CLIENT;
    case VPC_VIA_NONE:
    case VPC_VIA_INTERFACE_ENDPOINT:
    case VPC_VIA_PLATFORM:
    default:
      return FALSE;
    }
}

static gboolean
calls_service (const VpcElement *workload,
               const char       *service)
{
  guint n = vpc_workload_n_calls (workload);

  for (guint i = 0; i < n; i++)
    if (strcmp (vpc_workload_get_call (workload, i), service) == 0)
      return TRUE;
  return FALSE;
}

/* VPC101–107: the workload's finding for this service; it lists this subnet
 * exactly when the way is none (the same predicate made both). */
static gboolean
is_missing_path (const Path *path,
                 VpcFinding *finding)
{
  const char *rule = vpc_finding_get_rule_id (finding);

  if (strcmp (rule, vpc_rules_path_rule (path->service)) != 0 ||
      !is_primary (finding, path->workload->element->id))
    return FALSE;
  /* VPC105 is one finding for both ECR services: it names this one when
   * this one is missing here. */
  if (strcmp (rule, "VPC107") == 0
      && g_strcmp0 (vpc_finding_get_service (finding), path->service) != 0)
    return FALSE;
  return path->via == VPC_VIA_NONE;
}

/* The reading of "findings that concern this workload, service and
 * subnet": a finding about a link of this path (the subnet's way out, the
 * endpoints or NAT gateways it goes through, the groups on it, their DNS and
 * AZ coverage, isolation blocking this call) or one explaining why there is
 * no way. Findings about whether the workload or subnet can exist at all
 * (VPC201–204, 208, 209, 211, 213, 302) or about things off the path (VPC116,
 * 303, 305, 403, 404, 501) are left to check. */
static gboolean
concerns (const Path *path,
          VpcFinding *finding)
{
  const char *rule = vpc_finding_get_rule_id (finding);
  const char *primary = vpc_finding_get_primary_element (finding);
  const VpcElement *workload = path->workload->element;
  const VpcElement *subnet = path->subnet->element;
  const char *az = path->subnet->az != NULL ? path->subnet->az->id : NULL;
  gboolean interface = path->via == VPC_VIA_INTERFACE_ENDPOINT;
  gboolean none = path->via == VPC_VIA_NONE;
  const char *const *elements = vpc_finding_get_elements (finding);
  const VpcElement *element;

  if (g_str_has_prefix (rule, "VPC10"))
    return is_missing_path (path, finding);
  if (strcmp (rule, "VPC110") == 0)
    return strcmp (path->service, "ecr.dkr") == 0 &&
           workload->workload_kind != VPC_WORKLOAD_CLIENT &&
           !vpc_needs_internet_path (path->ctx, workload, path->subnet);
  if (strcmp (rule, "VPC111") == 0 || strcmp (rule, "VPC115") == 0)
    return interface && goes_through (path, primary);
  if (strcmp (rule, "VPC112") == 0)
    return interface && (goes_through (path, primary) ||
                         goes_through (path, elements[0] != NULL ? elements[1] : NULL));
  if (strcmp (rule, "VPC113") == 0)
    return interface && goes_through (path, primary) && lists_other (finding, az);
  if (strcmp (rule, "VPC114") == 0)
    {
      element = primary != NULL ? vpc_design_lookup (path->ctx->design, primary) : NULL;
      return none && element != NULL && g_strcmp0 (element->service, path->service) == 0;
    }
  if (strcmp (rule, "VPC205") == 0)
    return none && g_strcmp0 (primary, subnet->id) == 0;
  if (strcmp (rule, "VPC206") == 0)
    return none && subnet->route == VPC_ROUTE_NAT;
  if (strcmp (rule, "VPC207") == 0)
    return none && is_primary (finding, workload->id) && lists_other (finding, subnet->id);
  if (strcmp (rule, "VPC212") == 0)
    return path->via == VPC_VIA_NAT && lists_other (finding, az);
  if (strcmp (rule, "VPC301") == 0)
    return is_primary (finding, workload->id) && calls_service (workload, path->service);
  if (strcmp (rule, "VPC304") == 0)
    return path->via == VPC_VIA_INTERNET && is_primary (finding, workload->id);
  if (strcmp (rule, "VPC401") == 0)
    return interface && is_primary (finding, workload->id) && egress_blocked (path);
  if (strcmp (rule, "VPC402") == 0)
    return interface && goes_through (path, primary) && lists_other (finding, workload->id);
  if (strcmp (rule, "VPC405") == 0)
    return is_primary (finding, workload->id) && outbound_blocked (path);
  if (strcmp (rule, "VPC502") == 0)
    return strcmp (path->service, "s3") == 0 && is_primary (finding, workload->id) &&
           lists_other (finding, subnet->id);
  return FALSE;
}

const char *
vpc_trace_problem_element (VpcFinding *finding)
{
  const char *rule = vpc_finding_get_rule_id (finding);
  const char *const *elements = vpc_finding_get_elements (finding);

  if ((strcmp (rule, "VPC401") == 0 || strcmp (rule, "VPC405") == 0) &&
      elements[0] != NULL && elements[1] != NULL)
    return elements[1];
  return elements[0];
}

/* --- the trace --------------------------------------------------------- */

static void
path_free (gpointer data)
{
  VpcTracePath *path = data;

  g_free (path->subnet);
  g_free (path->az);
  g_ptr_array_unref (path->through);
  g_ptr_array_unref (path->problems);
  g_free (path->symptom);
  g_free (path);
}

void
vpc_trace_free (VpcTrace *trace)
{
  if (trace == NULL)
    return;
  g_free (trace->workload);
  g_free (trace->service);
  g_ptr_array_unref (trace->paths);
  g_ptr_array_unref (trace->findings);
  g_free (trace);
}

static VpcTracePath *
trace_subnet (VpcRuleContext        *ctx,
              const VpcWorkloadInfo *workload,
              const char            *service,
              const VpcSubnetInfo   *subnet,
              GPtrArray             *findings)
{
  VpcTracePath *result = g_new0 (VpcTracePath, 1);
  g_autoptr(GPtrArray) through = g_ptr_array_new ();
  Path path = { ctx, workload, service, subnet, VPC_VIA_NONE, through };

  path.via = vpc_needs_way (ctx, workload->element, vpc_rule_context_service (ctx, service),
                            subnet, through);
  result->subnet = g_strdup (subnet->element->id);
  result->az = g_strdup (subnet->element->az);
  result->via = path.via;
  result->reachable = path.via != VPC_VIA_NONE;
  result->through = g_ptr_array_new_full (through->len, g_free);
  for (guint i = 0; i < through->len; i++)
    g_ptr_array_add (result->through,
                     g_strdup (((const VpcElement *) g_ptr_array_index (through, i))->id));
  result->problems = g_ptr_array_new_with_free_func (g_object_unref);
  for (guint i = 0; i < findings->len; i++)
    if (concerns (&path, g_ptr_array_index (findings, i)))
      g_ptr_array_add (result->problems, g_object_ref (g_ptr_array_index (findings, i)));
  if (!result->reachable)
    result->symptom = vpc_trace_symptom (workload->element, service);
  return result;
}

VpcTrace *
vpc_trace_new (VpcDesign  *design,
               VpcProfile  profile,
               const char *workload_id,
               const char *service)
{
  const VpcElement *element;
  VpcRuleContext *ctx;
  VpcWorkloadInfo *workload;
  g_autoptr(GPtrArray) needs = NULL;
  VpcTrace *trace;

  g_return_val_if_fail (VPC_IS_DESIGN (design), NULL);
  g_return_val_if_fail (service != NULL, NULL);
  element = vpc_design_lookup (design, workload_id);
  g_return_val_if_fail (element != NULL && element->kind == VPC_KIND_WORKLOAD, NULL);

  trace = g_new0 (VpcTrace, 1);
  trace->workload = g_strdup (workload_id);
  trace->service = g_strdup (service);
  trace->profile = profile;
  trace->paths = g_ptr_array_new_with_free_func (path_free);
  trace->reachable = TRUE;
  /* check's own findings, so that problems are exactly what it prints. */
  trace->findings = vpc_validate (design, profile);
  needs = vpc_needs_compute (element, profile);
  trace->needed = vpc_needs_contains (needs, service);
  if (!element->vpc_mode)
    {
      trace->via = VPC_VIA_PLATFORM;
      return trace;
    }

  ctx = vpc_rule_context_new (design, profile);
  workload = vpc_rule_context_workload (ctx, workload_id);
  for (guint i = 0; i < workload->n_subnets; i++)
    {
      VpcTracePath *path = trace_subnet (ctx, workload, service, workload->subnets[i],
                                         trace->findings);

      trace->reachable &= path->reachable;
      g_ptr_array_add (trace->paths, path);
    }
  vpc_rule_context_free (ctx);
  return trace;
}
