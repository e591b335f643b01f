/* SPDX-License-Identifier: GPL-3.0-or-later */
/* vpc-cost-compare.h: interface endpoints versus NAT gateways (domain.md §4).
 *
 * The cost panel, `cost` and the review report show its text; tests check
 * its numbers. The comparison assumes S3 stays on its free gateway endpoint
 * in both designs, so only the interface endpoints' traffic is compared.
 */
#pragma once

#include "vpc-design.h"

G_BEGIN_DECLS

typedef struct
{
  guint  endpoint_azs;          /* endpoint-AZs: the sum of each interface endpoint's AZs */
  gint64 endpoint_fixed_micros; /* their hourly part, per month */
  gint64 endpoint_gb_micros;    /* their data price per GB (first tier) */
  guint  nat_count;             /* NAT gateways instead: one per AZ the endpoints serve */
  gint64 nat_fixed_micros;
  gint64 nat_gb_micros;
  double gb_per_month;          /* the interface endpoints' current traffic */
  double break_even_gb;         /* endpoints are cheaper above this; 0: at any volume */
} VpcCostComparison;

/* FALSE when @region (NULL: the design's) has no prices or the design has no
 * interface endpoint with subnets. */
gboolean vpc_cost_compare (VpcDesign         *design,
                           const char        *region,
                           VpcCostComparison *out);
/* "Your 10 endpoint-AZs: $73.00 + $0.01/GB. Two NAT gateways instead: …" */
char    *vpc_cost_comparison_describe (const VpcCostComparison *comparison);
/* "$0.045": a unit price with two to six decimals, trailing zeros dropped. */
char    *vpc_cost_format_unit_price (gint64 micros);

G_END_DECLS
