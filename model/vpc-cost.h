/* SPDX-License-Identifier: GPL-3.0-or-later */
/* vpc-cost.h: the monthly cost model (domain.md §4).
 *
 * Money is held in integer micro-dollars (1 USD = 1,000,000) so that sums do
 * not drift; it is rounded to cents only when printed. Data volumes are
 * taken in micro-GB, so data charges are exact before they are rounded to
 * the micro-dollar (vpc-cost.c says how the tiered charge is shared).
 */
#pragma once

#include "vpc-design.h"
#include "vpc-prices.h"

G_BEGIN_DECLS

#define VPC_HOURS_PER_MONTH 730

typedef enum {
  VPC_COST_INTERFACE_ENDPOINT,
  VPC_COST_GATEWAY_ENDPOINT,
  VPC_COST_NAT_GATEWAY,
} VpcCostKind;

const char *vpc_cost_kind_to_string (VpcCostKind kind); /* "interface_endpoint", … */

typedef struct
{
  char       *element;  /* id */
  VpcCostKind kind;
  char       *service;  /* endpoints only, else NULL */
  guint       azs;      /* interface: distinct AZs; NAT: 1; gateway: 0 */
  gint64      hourly_micros;
  gint64      data_micros;
  gint64      monthly_micros;
} VpcCostItem;

typedef struct
{
  char      *region;
  gboolean   priced;
  char      *reason;        /* when not priced */
  char      *prices_as_of;  /* "2025-10-01", NULL when not priced */
  char      *source;        /* where the prices come from */
  GPtrArray *items;         /* of VpcCostItem: endpoints in file order, then NAT gateways */
  gint64     total_micros;
  char      *note;          /* a caveat about the region's prices, or NULL */
} VpcCostReport;

/* Prices @design in @region (NULL: the design's own region). */
VpcCostReport *vpc_cost_compute (VpcDesign  *design,
                                 const char *region);
/* The same with another price table (tests, what-if pricing). A design
 * whose figures overflow the arithmetic comes back not priced, with a reason. */
VpcCostReport *vpc_cost_compute_with_table (VpcDesign     *design,
                                            const char    *region,
                                            VpcPriceTable *table);
void           vpc_cost_report_free (VpcCostReport *report);
/* "$73.00" (cents, half away from zero); "+$29.20" with @sign. */
char          *vpc_cost_format (gint64   micros,
                                gboolean sign);
/* "73.00": the amount in dollars and cents, for CSV and JSON numbers. */
char          *vpc_cost_format_plain (gint64 micros);
/* @micros in whole cents, rounded half away from zero. */
gint64         vpc_cost_round_to_cents (gint64 micros);
/* Regions of the price table, in table order (static strings). */
const char *const *vpc_cost_regions (void);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (VpcCostReport, vpc_cost_report_free)

G_END_DECLS
