/* SPDX-License-Identifier: GPL-3.0-or-later */
/* vpc-needs.h: what a workload needs and what it reaches (domain.md §2). */
#pragma once

#include "vpc-rules.h"
#include "vpc-trace.h"

G_BEGIN_DECLS

/* How a workload reaches a service from one subnet; several may hold. */
typedef enum {
  VPC_REACH_INTERFACE = 1 << 0, /* an interface endpoint with subnets exists */
  VPC_REACH_GATEWAY   = 1 << 1, /* a gateway endpoint serves the subnet */
  VPC_REACH_NAT       = 1 << 2, /* the subnet's NAT route leads to a public NAT gateway */
  VPC_REACH_DIRECT    = 1 << 3, /* internet other than NAT: a client's public route, or a
                                 * notebook's direct internet access */
} VpcReach;

/* Training, processing, transform and real-time workloads: the kinds whose
 * containers network isolation applies to. */
gboolean   vpc_needs_kind_is_container (VpcWorkloadKind kind);
/* The training, processing and transform kinds (jobs that may run several
 * instances). */
gboolean   vpc_needs_kind_is_job (VpcWorkloadKind kind);

/* The services @workload needs under @profile: sorted by code point, without
 * repeats. The strings are static or borrowed from @workload. */
GPtrArray *vpc_needs_compute (const VpcElement *workload,
                              VpcProfile        profile);
gboolean   vpc_needs_contains (GPtrArray  *needs,
                               const char *service);

/* TRUE when @subnet has an internet path for @workload. */
gboolean   vpc_needs_internet_path (VpcRuleContext      *ctx,
                                    const VpcElement    *workload,
                                    const VpcSubnetInfo *subnet);
/* How @workload reaches @service (may be NULL: nothing exists for it) from
 * @subnet; 0 when it cannot. */
VpcReach   vpc_needs_reach (VpcRuleContext       *ctx,
                            const VpcElement     *workload,
                            const VpcServiceInfo *service,
                            const VpcSubnetInfo  *subnet);
/* The way @workload reaches @service (may be NULL) from @subnet: the first
 * of vpc_needs_reach()'s ways in format.md §5's order, VPC_VIA_NONE when it
 * cannot. When @through is not NULL, what the way goes through is appended
 * (const VpcElement *, file order): the interface endpoints with subnets,
 * the gateway endpoints serving @subnet, or the NAT gateways in public
 * subnets. VPC101–107 and trace both ask this. */
VpcVia     vpc_needs_way (VpcRuleContext       *ctx,
                          const VpcElement     *workload,
                          const VpcServiceInfo *service,
                          const VpcSubnetInfo  *subnet,
                          GPtrArray            *through);
/* TRUE when a gateway endpoint of @service serves @subnet_id. */
gboolean   vpc_needs_gateway_serves (const VpcServiceInfo *service,
                                     const char           *subnet_id);

G_END_DECLS
