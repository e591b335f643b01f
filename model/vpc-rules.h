/* SPDX-License-Identifier: GPL-3.0-or-later */
/* vpc-rules.h: the state of one validation run, shared by the rule files.
 *
 * Internal to the validator. A run first builds indices over the design
 * (subnet -> AZ and CIDR, service -> endpoints, service -> workloads that
 * need it), so that every rule is a walk over one list with constant-time
 * look-ups: a check stays about linear in the size of the design.
 */
#pragma once

#include "vpc-cidr.h"
#include "vpc-cost.h"
#include "vpc-design.h"
#include "vpc-finding.h"

G_BEGIN_DECLS

/* The rule about subnets too small for the workloads in them (VPC211). */
#define VPC_RULES_SUBNET_SIZE "VPC211"
/* The two rules that read the cost (vpc_rule_context_new_costs()). */
#define VPC_RULES_UNNEEDED "VPC116"
#define VPC_RULES_ENDPOINT_BILL "VPC501"

/* At most this many "other" elements are listed in one finding. */
#define VPC_RULES_MAX_OTHERS 100

typedef struct
{
  const VpcElement *element;
  guint             position; /* in the design's list of subnets */
  gboolean          cidr_ok;
  VpcCidr           cidr;
  const VpcElement *az; /* NULL when the AZ is missing */
} VpcSubnetInfo;

typedef struct
{
  const char *service;
  GPtrArray  *interfaces;       /* interface endpoints, file order */
  GPtrArray  *gateways;         /* gateway endpoints (s3/dynamodb only), file order */
  const VpcElement *first_interface_with_subnets;
  gboolean    gateway_serves_all; /* a gateway endpoint with an empty subnet list */
  GHashTable *gateway_subnets;  /* subnet ids some gateway endpoint lists, or NULL */
  GPtrArray  *needed_by;        /* VpcWorkloadInfo of in-VPC workloads needing it */
} VpcServiceInfo;

/* A list of subnets as a CIDR sees it: when every subnet listed exists
 * with a valid block (@whole), the first and last address of their
 * blocks together. Blocks nest or are apart, so a CIDR holds them all
 * exactly when it holds both (vpc_subnet_span_within()); an empty list
 * is whole and held by any CIDR. */
typedef struct
{
  gboolean whole;
  guint32  first;
  guint32  last;
} VpcSubnetSpan;

/* An in-VPC workload with its references resolved once per run. */
typedef struct
{
  const VpcElement     *element;
  guint                 position;  /* in the design's list of workloads */
  guint64               serial;    /* the element's, as indexed (VpcRuleMemo) */
  GPtrArray            *needs;     /* const char * service names, sorted, unique */
  VpcServiceInfo      **services;  /* one per need, never NULL */
  const VpcSubnetInfo **subnets;   /* its subnets that exist, in its list's order */
  guint                *subnet_positions; /* theirs in the design's list of subnets */
  guint                 n_subnets;
  VpcSubnetSpan         span;      /* of the subnets it lists */
  const VpcElement    **groups;    /* its security groups that exist, in list order */
  guint                *group_positions; /* theirs in the design's list of groups */
  guint                 n_groups;
  gboolean              lists_groups; /* its group list is not empty */
} VpcWorkloadInfo;

typedef struct
{
  VpcDesign           *design;
  const VpcDesignInfo *info;
  VpcProfile           profile;
  gboolean             vpc_cidr_ok;
  VpcCidr              vpc_cidr;
  gboolean             has_nat;    /* the VPC has a NAT gateway */
  gboolean             public_nat; /* ... and one sits in a public subnet */
  GPtrArray           *public_nats; /* those NAT gateways, file order */

  GHashTable          *subnets;    /* id -> VpcSubnetInfo */
  /* Id -> position + 1 of the AZs and of the security groups, on first
   * use (vpc_rule_context_position()) */
  GHashTable          *az_positions;
  GHashTable          *group_positions;
  /* By position, the subnets indexed (all of them when the rules about
   * other elements run) */
  VpcSubnetInfo      **subnet_at;
  GHashTable          *services;   /* name -> VpcServiceInfo */
  GPtrArray           *workloads;  /* VpcWorkloadInfo, in-VPC workloads, file order */
  /* Kept for the next run when every workload is indexed, or NULL */
  struct _VpcRuleMemo *memo;
  gboolean             indexed_all; /* every workload is in ctx->workloads */
  /* Of those, the ones whose own rules run (all but in a scoped run). */
  GPtrArray           *checked;
  GPtrArray           *egress;     /* per security group (by position), its egress 443
                                    * summary, on first use (vpc-rules-security.c) */
  GHashTable          *endpoint_spans; /* endpoint -> VpcSubnetSpan, on first use */
  VpcCostReport       *cost;       /* computed on first use */
  gboolean             cost_done;

  /* A scoped run (vpc_rule_context_new_scoped()): the workloads it is
   * about, in file order, and the ids of what it reports on again (theirs
   * and their subnets'); NULL for a run over the whole design. */
  GPtrArray           *scope;
  GPtrArray           *scope_ids;
  guint                n_scope_workloads; /* the first of scope_ids */
  /* A scoped run that runs every rule about other elements as well. */
  gboolean             others;
  /* ... but VPC211 about the subnets in scope_ids past the workloads'
   * alone (vpc_rule_context_size_subnets()). */
  gboolean             sizes_scoped;
  /* A run after an edit of data per month alone
   * (vpc_rule_context_new_costs()): the endpoints VPC116 is about. */
  GPtrArray           *unneeded;

  GPtrArray           *findings;   /* VpcFinding, unsorted */
  /* Non-NULL when the findings keep their messages with names as marks
   * (vpc_rule_context_keep_names): the marks' text. */
  GStringChunk        *marks;
  gboolean             name_elements; /* vpc_rule_context_name_elements() */
  gboolean             borrow_strings; /* vpc_rule_context_borrow_strings() */
  /* The elements marked last, which the next finding's marks are nearly
   * always of: its message is given names from them without a look-up. */
  const VpcElement    *marked[8];
  guint                n_marked;
  /* Per security group (by position), a mark of the last pass that chose
   * it: a set of groups in O(1) per test without clearing. */
  guint               *group_marks;
  guint                group_mark;
  /* The services last found by the address of their name: the needs are
   * mostly the same few static strings (ensure_service()). */
  struct
  {
    const char     *name;
    VpcServiceInfo *info;
  }                    recent_services[32];
} VpcRuleContext;

VpcRuleContext       *vpc_rule_context_new (VpcDesign *design,
                                            VpcProfile profile);
/* What indexing every workload learnt (the positions of its subnets and
 * groups, its needs), kept from one run to the next over versions of one
 * design: a workload that is the same element as then (vpc-element.h's
 * serial; an edit replaces an element), with the same ids at the same
 * positions (vpc_design_get_ids_generation()) and the same profile, is
 * indexed without looking its references up or finding its needs again.
 * At 100,000 elements that was a third of a run after an edit. One run
 * uses a memo at a time; it may be freed on any thread. */
typedef struct _VpcRuleMemo VpcRuleMemo;
VpcRuleMemo          *vpc_rule_memo_new (void);
void                  vpc_rule_memo_free (VpcRuleMemo *memo);
/* For tests: how many workloads the last run that used @memo took from it. */
guint                 _vpc_rule_memo_get_known (const VpcRuleMemo *memo);
/* vpc_rule_context_new() with @memo (or NULL): read, and given what this
 * run indexes when it is freed. */
VpcRuleContext       *vpc_rule_context_new_remembering (VpcDesign   *design,
                                                       VpcProfile   profile,
                                                       VpcRuleMemo *memo);
/* Whether workload @now, an edited copy of @was, reads the same to the
 * rules about other elements (what a scoped run without @others asks of an
 * edit), and names itself the same. */
gboolean              vpc_rules_same_to_others (const VpcElement *was,
                                                const VpcElement *now,
                                                VpcProfile        profile);
/* A run about the workloads at @positions (ascending) alone, after an
 * edit of them: every finding whose primary element is a workload is
 * about that workload and other kinds of elements only (domain.md §3), so
 * the run reports what the whole run would about these workloads. With
 * @others FALSE, the edit changed nothing the rules about other elements
 * read of them (vpc_rules_same_to_others(): their needs, kind, VPC mode,
 * subnets and security groups are as before; their instances,
 * encryption, ... may differ): of those rules only VPC211 runs, on their
 * subnets (the only one that reads more of a workload: its instances), and
 * subnets are indexed as the run asks for them. With @others TRUE, every
 * rule about other elements runs as in the whole run, which indexes the
 * whole design for them (with @memo, as vpc_rule_context_new_remembering()
 * does). vpc_rule_context_replaced_spans() tells which
 * findings of the last whole run these stand for. */
VpcRuleContext       *vpc_rule_context_new_scoped (VpcDesign   *design,
                                                   VpcProfile   profile,
                                                   const guint *positions,
                                                   guint        n,
                                                   gboolean     others,
                                                   VpcRuleMemo *memo);
/* Makes the scoped run @ctx, which runs every rule about other elements,
 * report VPC211 about the @n subnets @ids alone (not every subnet): the
 * only ones whose block or use (the workloads and endpoints in them, the
 * workloads' instances) changed since the findings it stands in for.
 * @ids must outlive @ctx. */
void                  vpc_rule_context_size_subnets (VpcRuleContext    *ctx,
                                                     const char *const *ids,
                                                     guint              n);
/* A run after an edit of the data per month of endpoints or NAT gateways
 * alone, which only the cost reads: it reports VPC501 and VPC116
 * (vpc_rules_check_costs()), which give the interface endpoints' cost, and
 * stands for the findings of those two rules in @previous (sorted: the
 * last run's). An endpoint's data changes its share of the tiered data
 * charge, so every VPC116 finding's cost may change, but not whether an
 * endpoint is needed: VPC116 is about the endpoints @previous has it for,
 * and no workload is indexed. */
VpcRuleContext       *vpc_rule_context_new_costs (VpcDesign  *design,
                                                  VpcProfile  profile,
                                                  GPtrArray  *previous);
/* Whether @ctx runs the rules about other elements than workloads. */
static inline gboolean
vpc_rule_context_checks_others (const VpcRuleContext *ctx)
{
  return ctx->scope == NULL || ctx->others;
}
/* The findings of @findings (sorted: vpc_finding_compare()) that the
 * scoped run @ctx reports on again, as spans (VpcFindingSpan, in order)
 * into @spans. Looks at a few findings per rule, not at all of them. */
typedef struct
{
  guint start;
  guint end;
} VpcFindingSpan;

void                  vpc_rule_context_replaced_spans (VpcRuleContext *ctx,
                                                       GPtrArray      *findings,
                                                       GArray         *spans);
void                  vpc_rule_context_free (VpcRuleContext *ctx);
/* Makes each finding keep its message with the element names in it as
 * marks, so that a rename redoes only the messages it touches
 * (vpc_rules_resolve_names), not the run. */
void                  vpc_rule_context_keep_names (VpcRuleContext *ctx);
/* Makes each finding keep its elements' display names
 * (vpc_finding_get_element_names()), for a report that prints them. */
void                  vpc_rule_context_name_elements (VpcRuleContext *ctx);
/* Makes the findings point at the design's ids and names rather than copy
 * them (_vpc_finding_new_borrowing()), for a caller that keeps the design,
 * unchanged, for as long as they live. Not with keep_names: a run that
 * follows renames outlives the elements it names. */
void                  vpc_rule_context_borrow_strings (VpcRuleContext *ctx);
/* Hands the findings over, sorted (domain.md §3). */
GPtrArray            *vpc_rule_context_take_findings (VpcRuleContext *ctx);

const VpcSubnetInfo  *vpc_rule_context_subnet (VpcRuleContext *ctx,
                                               const char     *id);
VpcServiceInfo       *vpc_rule_context_service (VpcRuleContext *ctx,
                                                const char     *service);
/* The design's cost report (vpc_cost_compute), computed once per run. */
const VpcCostReport  *vpc_rule_context_cost (VpcRuleContext *ctx);
/* The cost item of endpoint @id, or NULL (unpriced region, or no such
 * endpoint). */
const VpcCostItem    *vpc_rule_context_cost_item (VpcRuleContext *ctx,
                                                  const char     *id);
/* The element with @id when it is of @kind, else NULL. */
const VpcElement     *vpc_rule_context_lookup (VpcRuleContext *ctx,
                                               const char     *id,
                                               VpcKind         kind);
/* Its position in the design's list of @kind, or -1. AZs, subnets and
 * groups come from the run's own indices of them: a run on another thread
 * reads a snapshot of the design, whose index of every id took a third of
 * a run after an edit at 100,000 elements to build. */
int                   vpc_rule_context_position (VpcRuleContext *ctx,
                                                 const char     *id,
                                                 VpcKind         kind);

/* The span of the subnets listed by id in @ids (may be NULL). */
void                  vpc_rule_context_span (VpcRuleContext  *ctx,
                                             const GPtrArray *ids,
                                             VpcSubnetSpan   *span);
/* Whether @cidr holds every subnet of @span. */
gboolean              vpc_subnet_span_within (const VpcSubnetSpan *span,
                                              const VpcCidr       *cidr);

/* Sorts @elements (const VpcElement *) by their position in their list,
 * dropping repeats. */
void                  vpc_rules_sort_elements (VpcRuleContext *ctx,
                                               GPtrArray      *elements);
/* The same for @n elements whose positions are known (@positions[i] is
 * @elements[i]'s): no look-up by id. A new array. */
GPtrArray            *vpc_rules_sorted_by_position (const VpcElement *const *elements,
                                                    const guint             *positions,
                                                    guint                    n);
/* Element names in messages. Messages take them only from these, so
 * that a run that keeps names (vpc_rule_context_keep_names) can mark
 * where each one goes. */

/* The name an element is shown by (vpc_element_get_display_name()), valid
 * until the run ends. */
const char           *vpc_rules_name (VpcRuleContext   *ctx,
                                      const VpcElement *element);
/* "subnet sn-a", "subnets sn-a and sn-b", "subnets a, b, c, d, e and 7 more":
 * @noun, then the display names of @elements in the given order. @noun is
 * already translated and in the number that fits elements->len:
 * ngettext ("subnet", "subnets", elements->len). */
char                 *vpc_rules_describe_list (VpcRuleContext *ctx,
                                               GPtrArray      *elements,
                                               const char     *noun);
/* The same for a list of @total elements of which @elements holds the
 * first (at least the first six). */
char                 *vpc_rules_describe_list_of (VpcRuleContext *ctx,
                                                  GPtrArray      *elements,
                                                  guint           total,
                                                  const char     *noun);
/* "training job train-1", "subnet private-b (sn-b)". */
char                 *vpc_rules_describe (VpcRuleContext   *ctx,
                                          const VpcElement *element);
/* @message, kept with names as marks, with the names @design gives its
 * elements now: what the run would say after a rename. */
char                 *vpc_rules_resolve_names (VpcDesign  *design,
                                               const char *message);
/* The first name in kept @message from @from on: sets @id and @id_len to
 * the element's id and returns where its mark ends, or NULL when no name
 * follows. */
const char           *vpc_rules_next_name (const char  *from,
                                           const char **id,
                                           gsize       *id_len);
/* "Amazon S3 (s3)"; the bare name for services the catalogue does not know. */
char                 *vpc_rules_describe_service (const char *service);

/* g_strdup_printf(), faster for the plain %s, %d, %u formats of messages. */
char                 *vpc_rules_printf (const char *format,
                                        ...) G_GNUC_PRINTF (1, 2);

/* Adds a finding. @others (const VpcElement *, may be NULL) must already be
 * sorted; at most VPC_RULES_MAX_OTHERS are kept and, when more were given,
 * the message says how many there are. Takes @message. */
void                  vpc_rules_report (VpcRuleContext   *ctx,
                                        const char       *rule_id,
                                        VpcSeverity       severity,
                                        const VpcElement *primary,
                                        GPtrArray        *others,
                                        const char       *service,
                                        char             *message);
/* The same for @n_others elements of which @others holds the first
 * MIN (@n_others, VPC_RULES_MAX_OTHERS). */
void                  vpc_rules_report_of (VpcRuleContext   *ctx,
                                           const char       *rule_id,
                                           VpcSeverity       severity,
                                           const VpcElement *primary,
                                           GPtrArray        *others,
                                           guint             n_others,
                                           const char       *service,
                                           char             *message);

/* Security predicates the quick fixes reuse (vpc-rules-security.c). */
gboolean vpc_rules_egress_reaches_endpoint (VpcRuleContext        *ctx,
                                            const VpcWorkloadInfo *workload,
                                            const VpcElement      *endpoint);
gboolean vpc_rules_endpoint_admits (VpcRuleContext        *ctx,
                                    const VpcElement      *endpoint,
                                    const VpcWorkloadInfo *workload);
/* What VPC405 misses for @info: egress 443 to prefix-list:s3 (or the world),
 * and egress 443 to the world. */
void     vpc_rules_outbound_gaps (VpcRuleContext  *ctx,
                                  VpcWorkloadInfo *info,
                                  gboolean        *prefix_list_missing,
                                  gboolean        *world_missing);
/* What VPC403/404 miss for a multi-instance job: a self ingress rule for
 * all traffic, a self (or world) egress rule for all traffic, a self
 * ingress rule for ESP. */
void     vpc_rules_cluster_gaps (const VpcWorkloadInfo *workload,
                                 gboolean              *ingress_missing,
                                 gboolean              *egress_missing,
                                 gboolean              *esp_missing);
/* The in-VPC workload with @id, or NULL. */
VpcWorkloadInfo *vpc_rule_context_workload (VpcRuleContext *ctx,
                                            const char     *id);

/* The rule that reports a missing path to @service: VPC101–106, VPC107
 * for the rest. */
const char *vpc_rules_path_rule (const char *service);
/* The services a VPC101–107 finding is about, into @services (room for 2:
 * VPC105 is about ecr.api and ecr.dkr); 0 for other rules. */
guint       vpc_rules_finding_services (VpcFinding  *finding,
                                        const char **services);

/* The rule groups, one per file. */
void vpc_rules_check_endpoints (VpcRuleContext *ctx);  /* VPC101–116 */
void vpc_rules_check_network (VpcRuleContext *ctx);    /* VPC201–213 */
void vpc_rules_check_isolation (VpcRuleContext *ctx);  /* VPC301–305 */
void vpc_rules_check_security (VpcRuleContext *ctx);   /* VPC401–405 */
/* How VPC401 and VPC402 compare workloads with the endpoints of a
 * service: each pair as DOMAIN.md words it, or through sets of them
 * (vpc-item-sets.h), which pay for themselves with many endpoints. Tests
 * compare the two; the rules choose by the number of endpoints. */
typedef enum
{
  VPC_RULES_METHOD_AUTO,
  VPC_RULES_METHOD_PAIRS,
  VPC_RULES_METHOD_SETS,
} VpcRulesMethod;

void _vpc_rules_security_set_method (VpcRulesMethod method);
void vpc_rules_check_cost (VpcRuleContext *ctx);       /* VPC501–502 */
/* VPC501, and VPC116 about the endpoints of a vpc_rule_context_new_costs()
 * run. */
void vpc_rules_check_costs (VpcRuleContext *ctx);
void vpc_rules_report_unneeded (VpcRuleContext   *ctx,
                                const VpcElement *endpoint);

G_END_DECLS
