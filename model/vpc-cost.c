/* SPDX-License-Identifier: GPL-3.0-or-later */
/* vpc-cost.c: the monthly cost model (domain.md §4).
 *
 * Exactness. Money is integer micro-dollars and data volumes are integer
 * micro-GB (gb_per_month × 10^6, rounded), so a data charge is an exact
 * integer of pico-dollars (µGB × µ$/GB); products are taken in 128 bits.
 *
 * - A NAT gateway's data charge is its exact pico-dollar charge rounded to
 *   the nearest micro-dollar (half up).
 * - The interface endpoints' tiered data charge is computed once for the
 *   design's total GB, rounded to the micro-dollar, and then shared among the
 *   endpoints in proportion to their GB by the largest-remainder method: each
 *   share is within one micro-dollar of its exact value and the shares add up
 *   to the tiered total exactly. Below the first tier boundary every share is
 *   therefore GB × rate.
 * - monthly_total is the plain sum of the items, so it equals what the items
 *   say; nothing is rounded to cents until it is printed.
 *
 * Every step uses checked arithmetic: a design whose figures do not fit
 * (over 10^12 GB on one element, say) is reported as not priced, with a
 * reason, rather than with a wrapped-around number.
 */
#include "vpc-cost.h"

#include <math.h>

#include "vpc-i18n.h"
#include "vpc-prices.h"

#define MICROS_PER_UNIT G_GUINT64_CONSTANT (1000000)
/* Above this a gb_per_month is not a real design (and µGB would overflow). */
#define MAX_GB_PER_ELEMENT 1e12

const char *
vpc_cost_kind_to_string (VpcCostKind kind)
{
  switch (kind)
    {
    case VPC_COST_INTERFACE_ENDPOINT:
      return "interface_endpoint";
    case VPC_COST_GATEWAY_ENDPOINT:
      return "gateway_endpoint";
    case VPC_COST_NAT_GATEWAY:
      return "nat_gateway";
    default:
      g_return_val_if_reached (NULL);
    }
}

/* --- 128-bit helpers -------------------------------------------------- */

/* a × b as a 128-bit number hi:lo (portable: no __int128 needed). */
static void
mul_64x64 (guint64  a,
           guint64  b,
           guint64 *hi,
           guint64 *lo)
{
  guint64 a_lo = a & 0xffffffffu, a_hi = a >> 32;
  guint64 b_lo = b & 0xffffffffu, b_hi = b >> 32;
  guint64 p0 = a_lo * b_lo, p1 = a_lo * b_hi, p2 = a_hi * b_lo, p3 = a_hi * b_hi;
  guint64 mid = (p0 >> 32) + (p1 & 0xffffffffu) + (p2 & 0xffffffffu);

  *lo = (p0 & 0xffffffffu) | (mid << 32);
  *hi = p3 + (p1 >> 32) + (p2 >> 32) + (mid >> 32);
}

/* floor (a × b / d) and its remainder. FALSE when the quotient does not fit
 * in 64 bits. Plain binary long division: at most a few hundred thousand
 * calls per design, so speed does not matter. */
static gboolean
mul_div (guint64  a,
         guint64  b,
         guint64  d,
         guint64 *quotient,
         guint64 *remainder)
{
  guint64 hi, lo, q = 0, r;

  g_assert (d > 0);
  mul_64x64 (a, b, &hi, &lo);
  if (hi >= d)
    return FALSE;
  r = hi;
  for (int bit = 63; bit >= 0; bit--)
    {
      /* r < d before the shift, so 2r + 1 < 2^65: one carry bit is enough. */
      gboolean carry = (r >> 63) != 0;

      r = (r << 1) | ((lo >> bit) & 1);
      q <<= 1;
      if (carry || r >= d)
        {
          r -= d;
          q |= 1;
        }
    }
  *quotient = q;
  *remainder = r;
  return TRUE;
}

/* a × b / 10^6 rounded half up, e.g. µGB × µ$/GB → µ$. */
static gboolean
mul_micros_rounded (guint64  a,
                    guint64  b,
                    guint64 *out)
{
  guint64 q, r;

  if (!mul_div (a, b, MICROS_PER_UNIT, &q, &r))
    return FALSE;
  return g_uint64_checked_add (out, q, r * 2 >= MICROS_PER_UNIT ? 1 : 0);
}

/* --- the report ------------------------------------------------------- */

static void
cost_item_free (VpcCostItem *item)
{
  g_free (item->element);
  g_free (item->service);
  g_free (item);
}

void
vpc_cost_report_free (VpcCostReport *report)
{
  if (report == NULL)
    return;
  g_free (report->region);
  g_free (report->reason);
  g_free (report->prices_as_of);
  g_free (report->source);
  g_free (report->note);
  g_clear_pointer (&report->items, g_ptr_array_unref);
  g_free (report);
}

static VpcCostReport *
report_new (const char *region)
{
  VpcCostReport *report = g_new0 (VpcCostReport, 1);

  report->region = g_strdup (region != NULL ? region : "");
  report->items = g_ptr_array_new_with_free_func ((GDestroyNotify) cost_item_free);
  return report;
}

/* Turns @report into the "not priced" form of domain.md §4. */
static VpcCostReport *
report_unpriced (VpcCostReport *report,
                 char          *reason)
{
  report->priced = FALSE;
  g_free (report->reason);
  report->reason = reason;
  g_clear_pointer (&report->prices_as_of, g_free);
  g_ptr_array_set_size (report->items, 0);
  report->total_micros = 0;
  return report;
}

static char *
reason_no_region (VpcPriceTable *table,
                  const char    *region)
{
  g_autofree char *known = g_strjoinv (", ", (char **) vpc_price_table_get_regions (table));

  if (region == NULL || *region == '\0')
    /* TRANSLATORS: %s lists region codes ("us-east-1, eu-west-1"). */
    return g_strdup_printf (_("the design names no region; the price table covers %s"), known);
  /* TRANSLATORS: a region code, then a list of them. */
  return g_strdup_printf (_("region %s is not in the price table (it covers %s)"), region, known);
}

/* gb_per_month in whole micro-GB. */
static gboolean
gb_to_micro_gb (double   gb,
                guint64 *out)
{
  if (!isfinite (gb) || gb < 0 || gb > MAX_GB_PER_ELEMENT)
    return FALSE;
  *out = (guint64) llround (gb * 1e6);
  return TRUE;
}

/* The distinct AZs of @endpoint's subnets, counted in @azs (a set by
 * address, emptied first: one for every endpoint, not a table each, which
 * was most of the cost of 20,000 endpoints). */
static guint
count_distinct_azs (VpcDesign        *design,
                    const VpcElement *endpoint,
                    GHashTable       *azs)
{
  g_hash_table_remove_all (azs);
  for (guint i = 0; endpoint->subnets != NULL && i < endpoint->subnets->len; i++)
    {
      const VpcElement *az
          = vpc_design_az_of_subnet (design, g_ptr_array_index (endpoint->subnets, i));

      if (az != NULL)
        g_hash_table_add (azs, (gpointer) az);
    }
  return g_hash_table_size (azs);
}

/* The charge, in µ$ (rounded half up from exact pico-dollars), for
 * @total_ugb processed by all interface endpoints under the table's tiers. */
static gboolean
tiered_data_micros (VpcPriceTable         *table,
                    const VpcRegionPrices *prices,
                    guint64                total_ugb,
                    guint64               *out)
{
  guint n_tiers;
  const VpcPriceTier *tiers = vpc_price_table_get_tiers (table, &n_tiers);
  guint64 lower = 0, whole = 0, fraction = 0;

  for (guint i = 0; i < n_tiers && total_ugb > lower; i++)
    {
      guint64 upper = tiers[i].up_to_gb == VPC_PRICE_TIER_UNBOUNDED
                        ? G_MAXUINT64 : (guint64) tiers[i].up_to_gb * MICROS_PER_UNIT;
      guint64 rate = tiers[i].per_gb_micros == VPC_PRICE_TIER_REGION
                       ? (guint64) prices->endpoint_gb_micros : (guint64) tiers[i].per_gb_micros;
      guint64 amount = MIN (total_ugb, upper) - lower;
      guint64 q, r;

      /* Keep the sub-micro-dollar parts apart and round once at the end. */
      if (!mul_div (amount, rate, MICROS_PER_UNIT, &q, &r) ||
          !g_uint64_checked_add (&whole, whole, q))
        return FALSE;
      fraction += r;
      lower = upper;
    }
  if (!g_uint64_checked_add (&whole, whole, fraction / MICROS_PER_UNIT))
    return FALSE;
  fraction %= MICROS_PER_UNIT;
  return g_uint64_checked_add (out, whole, fraction * 2 >= MICROS_PER_UNIT ? 1 : 0);
}

typedef struct
{
  VpcCostItem *item;
  guint64      ugb;
  guint64      remainder; /* of the proportional share, in 1/total_ugb µ$ */
  guint        order;
} Share;

static int
compare_shares (gconstpointer a,
                gconstpointer b)
{
  const Share *x = *(const Share *const *) a;
  const Share *y = *(const Share *const *) b;

  if (x->remainder != y->remainder)
    return x->remainder > y->remainder ? -1 : 1;
  return x->order < y->order ? -1 : x->order > y->order;
}

/* Splits @charge among @shares in proportion to their GB, largest
 * remainders first (ties in file order), so the parts add up to @charge. */
static gboolean
apportion (GArray  *shares,
           guint64  charge,
           guint64  total_ugb)
{
  g_autoptr(GPtrArray) by_remainder = g_ptr_array_new ();
  guint64 given = 0;

  if (total_ugb == 0)
    return TRUE;
  for (guint i = 0; i < shares->len; i++)
    {
      Share *share = &g_array_index (shares, Share, i);
      guint64 part;

      if (!mul_div (charge, share->ugb, total_ugb, &part, &share->remainder))
        return FALSE;
      share->item->data_micros = (gint64) part;
      given += part;
      g_ptr_array_add (by_remainder, share);
    }
  /* Fewer micro-dollars are left over than there are shares. */
  g_ptr_array_sort (by_remainder, compare_shares);
  for (guint i = 0; given < charge; i++, given++)
    ((Share *) g_ptr_array_index (by_remainder, i))->item->data_micros++;
  return TRUE;
}

static VpcCostItem *
item_new (const VpcElement *element,
          VpcCostKind       kind)
{
  VpcCostItem *item = g_new0 (VpcCostItem, 1);

  item->element = g_strdup (element->id);
  item->kind = kind;
  /* Endpoints only: a NAT gateway has no service. */
  if (kind != VPC_COST_NAT_GATEWAY)
    item->service = g_strdup (element->service);
  return item;
}

/* Adds the endpoints' items with their hourly charges and collects the
 * interface endpoints' data volumes into @shares. */
static gboolean
add_endpoints (VpcCostReport         *report,
               VpcDesign             *design,
               const VpcRegionPrices *prices,
               GArray                *shares,
               guint64               *total_ugb)
{
  guint n = vpc_design_get_n_elements (design, VPC_KIND_ENDPOINT);
  g_autoptr(GHashTable) azs = g_hash_table_new (NULL, NULL);

  for (guint i = 0; i < n; i++)
    {
      const VpcElement *endpoint = vpc_design_get_element (design, VPC_KIND_ENDPOINT, i);
      gboolean interface = endpoint->endpoint_type == VPC_ENDPOINT_INTERFACE;
      VpcCostItem *item = item_new (endpoint, interface ? VPC_COST_INTERFACE_ENDPOINT
                                                        : VPC_COST_GATEWAY_ENDPOINT);
      Share share = { item, 0, 0, i };
      guint64 hourly;

      g_ptr_array_add (report->items, item);
      if (!interface)
        continue; /* gateway endpoints are free: 0 AZs, $0.00 */
      item->azs = count_distinct_azs (design, endpoint, azs);
      if (!g_uint64_checked_mul (&hourly, (guint64) prices->endpoint_hour_micros, item->azs) ||
          !g_uint64_checked_mul (&hourly, hourly, VPC_HOURS_PER_MONTH) ||
          hourly > G_MAXINT64 ||
          !gb_to_micro_gb (endpoint->gb_per_month, &share.ugb) ||
          !g_uint64_checked_add (total_ugb, *total_ugb, share.ugb))
        return FALSE;
      item->hourly_micros = (gint64) hourly;
      g_array_append_val (shares, share);
    }
  return TRUE;
}

static gboolean
add_nat_gateways (VpcCostReport         *report,
                  VpcDesign             *design,
                  const VpcRegionPrices *prices)
{
  guint n = vpc_design_get_n_elements (design, VPC_KIND_NAT_GATEWAY);

  for (guint i = 0; i < n; i++)
    {
      const VpcElement *nat = vpc_design_get_element (design, VPC_KIND_NAT_GATEWAY, i);
      VpcCostItem *item = item_new (nat, VPC_COST_NAT_GATEWAY);
      guint64 ugb, data;

      g_ptr_array_add (report->items, item);
      item->azs = 1;
      item->hourly_micros = prices->nat_hour_micros * VPC_HOURS_PER_MONTH;
      if (!gb_to_micro_gb (nat->gb_per_month, &ugb) ||
          !mul_micros_rounded (ugb, (guint64) prices->nat_gb_micros, &data) ||
          data > G_MAXINT64)
        return FALSE;
      item->data_micros = (gint64) data;
    }
  return TRUE;
}

/* Fills in monthly = hourly + data and the total. Every amount is
 * non-negative, so unsigned checked sums bounded by G_MAXINT64 suffice. */
static gboolean
sum_items (VpcCostReport *report)
{
  guint64 total = 0;

  for (guint i = 0; i < report->items->len; i++)
    {
      VpcCostItem *item = g_ptr_array_index (report->items, i);
      guint64 monthly;

      if (!g_uint64_checked_add (&monthly, (guint64) item->hourly_micros,
                                 (guint64) item->data_micros)
          || !g_uint64_checked_add (&total, total, monthly) || total > G_MAXINT64)
        return FALSE;
      item->monthly_micros = (gint64) monthly;
    }
  report->total_micros = (gint64) total;
  return TRUE;
}

static gboolean
price_design (VpcCostReport         *report,
              VpcDesign             *design,
              VpcPriceTable         *table,
              const VpcRegionPrices *prices)
{
  g_autoptr(GArray) shares = g_array_new (FALSE, FALSE, sizeof (Share));
  guint64 total_ugb = 0, charge = 0;

  return add_endpoints (report, design, prices, shares, &total_ugb) &&
         tiered_data_micros (table, prices, total_ugb, &charge) &&
         charge <= G_MAXINT64 &&
         apportion (shares, charge, total_ugb) &&
         add_nat_gateways (report, design, prices) &&
         sum_items (report);
}

VpcCostReport *
vpc_cost_compute_with_table (VpcDesign     *design,
                             const char    *region,
                             VpcPriceTable *table)
{
  const VpcRegionPrices *prices;
  VpcCostReport *report;

  g_return_val_if_fail (VPC_IS_DESIGN (design), NULL);
  g_return_val_if_fail (table != NULL, NULL);

  if (region == NULL)
    region = vpc_design_get_info (design)->region;
  report = report_new (region);
  report->source = g_strdup (vpc_price_table_get_source (table));
  prices = vpc_price_table_lookup (table, region);
  if (prices == NULL)
    return report_unpriced (report, reason_no_region (table, region));

  report->priced = TRUE;
  report->prices_as_of = g_strdup (prices->as_of);
  report->note = g_strdup (prices->note);
  if (!price_design (report, design, table, prices))
    return report_unpriced (report,
                            g_strdup (_("the design's data volumes are too large to price "
                                         "(gb_per_month is limited to 10^12 GB per element)")));
  return report;
}

VpcCostReport *
vpc_cost_compute (VpcDesign  *design,
                  const char *region)
{
  return vpc_cost_compute_with_table (design, region, vpc_price_table_get_default ());
}

/* |@micros| in whole cents, rounded half up; the caller adds the sign, so
 * that rounding is half away from zero. */
static guint64
magnitude_in_cents (gint64 micros)
{
  guint64 magnitude = micros < 0 ? -(guint64) micros : (guint64) micros;

  return magnitude / 10000 + (magnitude % 10000 >= 5000 ? 1 : 0);
}

gint64
vpc_cost_round_to_cents (gint64 micros)
{
  gint64 cents = (gint64) magnitude_in_cents (micros);

  return micros < 0 ? -cents : cents;
}

static char *
format_money (gint64      micros,
              const char *positive_prefix,
              const char *currency_sign)
{
  guint64 cents = magnitude_in_cents (micros);
  /* An amount that rounds to zero has no minus sign. */
  const char *prefix = micros < 0 && cents > 0 ? "-" : positive_prefix;

  return g_strdup_printf ("%s%s%" G_GUINT64_FORMAT ".%02u", prefix, currency_sign,
                          cents / 100, (guint) (cents % 100));
}

char *
vpc_cost_format (gint64   micros,
                 gboolean sign)
{
  return format_money (micros, sign ? "+" : "", "$");
}

char *
vpc_cost_format_plain (gint64 micros)
{
  return format_money (micros, "", "");
}

const char *const *
vpc_cost_regions (void)
{
  return vpc_price_table_get_regions (vpc_price_table_get_default ());
}
