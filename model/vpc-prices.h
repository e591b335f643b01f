/* SPDX-License-Identifier: GPL-3.0-or-later */
/* vpc-prices.h: the price table of domain.md §4, kept as data.
 *
 * The table ships as resources/prices.json, compiled into the model library
 * as a GResource of its own. Prices are held in integer micro-dollars
 * (1 USD = 1,000,000), so a price must be a whole number of micro-dollars.
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define VPC_PRICES_ERROR (vpc_prices_error_quark ())
typedef enum {
  VPC_PRICES_ERROR_INVALID,
} VpcPricesError;
GQuark vpc_prices_error_quark (void);

/* The prices of one region. */
typedef struct
{
  char  *region;
  gint64 endpoint_hour_micros; /* interface endpoint, per AZ and hour */
  gint64 endpoint_gb_micros;   /* interface endpoint data, first tier */
  gint64 nat_hour_micros;
  gint64 nat_gb_micros;
  char  *as_of;                /* "2025-10-01" */
  char  *note;                 /* a caveat about a figure, or NULL */
} VpcRegionPrices;

/* One data-processing tier of the interface endpoints. Bounds are
 * cumulative over the design's total GB. */
#define VPC_PRICE_TIER_UNBOUNDED (-1)
#define VPC_PRICE_TIER_REGION    (-1)
typedef struct
{
  gint64 up_to_gb;      /* whole GB, or VPC_PRICE_TIER_UNBOUNDED (last tier) */
  gint64 per_gb_micros; /* or VPC_PRICE_TIER_REGION: the region's own rate */
} VpcPriceTier;

typedef struct _VpcPriceTable VpcPriceTable;

/* Parses a table in the format of resources/prices.json. */
VpcPriceTable         *vpc_price_table_load (GBytes  *bytes,
                                             GError **error);
void                   vpc_price_table_free (VpcPriceTable *table);
/* The table built into the program (loaded once, never freed). */
VpcPriceTable         *vpc_price_table_get_default (void);

/* The region's prices, or NULL when the table does not cover it. */
const VpcRegionPrices *vpc_price_table_lookup (VpcPriceTable *table,
                                               const char    *region);
/* Region codes in table order, NULL-terminated, owned by the table. */
const char *const     *vpc_price_table_get_regions (VpcPriceTable *table);
const VpcPriceTier    *vpc_price_table_get_tiers (VpcPriceTable *table,
                                                  guint         *n_tiers);
const char            *vpc_price_table_get_source (VpcPriceTable *table);
const char            *vpc_price_table_get_currency (VpcPriceTable *table);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (VpcPriceTable, vpc_price_table_free)

G_END_DECLS
