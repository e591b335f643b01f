/* SPDX-License-Identifier: GPL-3.0-or-later */
/* vpc-trace.h: the path engine, "can workload W reach service S, from which
 * of its subnets, by which way, and what else stands in the way"
 * (format.md §5, trace; domain.md §2, reaches).
 *
 * The way from one subnet is decided by the same function the rules use for
 * VPC101–107 (vpc_needs_way()), so a path with via "none" is exactly a
 * subnet that check's VPC101–107 finding for W and S lists.
 */
#pragma once

#include "vpc-design.h"
#include "vpc-finding.h"

G_BEGIN_DECLS

/* The first way that applies (format.md §5). */
typedef enum {
  VPC_VIA_NONE,
  VPC_VIA_INTERFACE_ENDPOINT, /* an interface endpoint for S with subnets exists */
  VPC_VIA_GATEWAY_ENDPOINT,   /* a gateway endpoint for S serves the subnet */
  VPC_VIA_NAT,                /* the subnet's NAT route gives an internet path */
  VPC_VIA_INTERNET,           /* another internet path: a client's public route,
                               * a notebook's direct internet access */
  VPC_VIA_PLATFORM,           /* the workload runs outside the VPC */
} VpcVia;

/* "none", "interface_endpoint", …, "platform". */
const char *vpc_via_to_string (VpcVia via);

/* One subnet of the workload. */
typedef struct
{
  char       *subnet;    /* id */
  char       *az;        /* id of the subnet's AZ */
  VpcVia      via;
  GPtrArray  *through;   /* ids (char *) of what the way goes through, file order */
  gboolean    reachable; /* via is not none */
  GPtrArray  *problems;  /* VpcFinding of check that concern this path, check's order */
  char       *symptom;   /* what the user sees when the path is missing, else NULL */
} VpcTracePath;

typedef struct
{
  char       *workload;  /* id */
  char       *service;
  VpcProfile  profile;
  gboolean    needed;    /* the service is among the workload's needs */
  VpcVia      via;       /* VPC_VIA_PLATFORM outside the VPC, else VPC_VIA_NONE */
  GPtrArray  *paths;     /* VpcTracePath, one per subnet in the workload's order */
  gboolean    reachable; /* every path is reachable */
  GPtrArray  *findings;  /* every finding of check, sorted (domain.md §3) */
} VpcTrace;

/* Traces @workload_id, which must name a workload of @design, to @service
 * (a valid service name) under @profile. */
VpcTrace   *vpc_trace_new (VpcDesign  *design,
                           VpcProfile  profile,
                           const char *workload_id,
                           const char *service);
void        vpc_trace_free (VpcTrace *trace);

/* The element a problem blames on this path: the finding's primary
 * element, or for VPC401/VPC405 (whose primary is the workload) its first
 * security group, the thing to change. */
const char *vpc_trace_problem_element (VpcFinding *finding);

/* What a person sees when @workload cannot reach @service (domain.md §1,
 * "what breaks"). */
char       *vpc_trace_symptom (const VpcElement *workload,
                               const char       *service);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (VpcTrace, vpc_trace_free)

G_END_DECLS
