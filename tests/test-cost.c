/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-cost.c: the cost model of domain.md §4 and the price table. */
#include "vpc-cost.h"
#include "vpc-prices.h"

#include <math.h>
#include <string.h>

/* Whole micro-dollars of a literal dollar amount (14.6 × 10^6 is not exact). */
#define USD(x) ((gint64) llround ((x) * 1e6))

/* A design in @region with two AZs and a subnet in each. */
static VpcDesign *
make_design (const char *region)
{
  VpcDesign *design = vpc_design_new ();
  VpcDesignInfo *info = vpc_design_info_new ();
  const char *azs[] = { "az-a", "az-b" };
  const char *subnets[] = { "sn-a", "sn-b" };

  g_free (info->region);
  info->region = g_strdup (region);
  g_free (info->vpc_cidr);
  info->vpc_cidr = g_strdup ("10.0.0.0/16");
  vpc_design_take_info (design, info);
  for (guint i = 0; i < G_N_ELEMENTS (azs); i++)
    {
      VpcElement *subnet = vpc_element_new (VPC_KIND_SUBNET, subnets[i]);

      vpc_design_take_element (design, vpc_element_new (VPC_KIND_AZ, azs[i]));
      subnet->az = g_strdup (azs[i]);
      subnet->cidr = g_strdup_printf ("10.0.%u.0/24", i);
      vpc_design_take_element (design, subnet);
    }
  return design;
}

/* Adds an interface endpoint in the subnets listed in @subnets ("sn-a,sn-b"). */
static void
add_interface (VpcDesign  *design,
               const char *id,
               const char *service,
               const char *subnets,
               double      gb)
{
  VpcElement *endpoint = vpc_element_new (VPC_KIND_ENDPOINT, id);
  g_auto(GStrv) ids = g_strsplit (subnets, ",", -1);

  endpoint->service = g_strdup (service);
  endpoint->endpoint_type = VPC_ENDPOINT_INTERFACE;
  endpoint->gb_per_month = gb;
  for (guint i = 0; ids[i] != NULL; i++)
    if (*ids[i] != '\0')
      vpc_id_list_add (endpoint->subnets, ids[i]);
  vpc_design_take_element (design, endpoint);
}

static void
add_gateway (VpcDesign  *design,
             const char *id,
             const char *service)
{
  VpcElement *endpoint = vpc_element_new (VPC_KIND_ENDPOINT, id);

  endpoint->service = g_strdup (service);
  endpoint->endpoint_type = VPC_ENDPOINT_GATEWAY;
  vpc_design_take_element (design, endpoint);
}

static void
add_nat (VpcDesign  *design,
         const char *id,
         double      gb)
{
  VpcElement *nat = vpc_element_new (VPC_KIND_NAT_GATEWAY, id);

  nat->subnet = g_strdup ("sn-a");
  nat->gb_per_month = gb;
  vpc_design_take_element (design, nat);
}

static const VpcCostItem *
item_at (VpcCostReport *report,
         guint          index)
{
  g_assert_cmpuint (index, <, report->items->len);
  return g_ptr_array_index (report->items, index);
}

/* The seed's own example: five (then six) interface endpoints in two AZs. */
static void
test_seed_figures (void)
{
  static const char *services[]
      = { "sagemaker.api", "sagemaker.runtime", "logs", "sts", "ecr.api", "ecr.dkr" };
  g_autoptr(VpcDesign) design = make_design ("us-east-1");
  g_autoptr(VpcCostReport) five = NULL;
  g_autoptr(VpcCostReport) six = NULL;
  g_autofree char *text = NULL;

  for (guint i = 0; i < 5; i++)
    add_interface (design, services[i], services[i], "sn-a,sn-b", 0);
  five = vpc_cost_compute (design, NULL);
  g_assert_true (five->priced);
  g_assert_cmpstr (five->region, ==, "us-east-1");
  g_assert_cmpstr (five->prices_as_of, ==, "2025-10-01");
  g_assert_nonnull (five->source);
  g_assert_null (five->reason);
  g_assert_cmpint (five->total_micros, ==, USD (73));
  text = vpc_cost_format (five->total_micros, FALSE);
  g_assert_cmpstr (text, ==, "$73.00");
  for (guint i = 0; i < 5; i++)
    {
      const VpcCostItem *item = item_at (five, i);

      g_assert_cmpstr (item->element, ==, services[i]);
      g_assert_cmpstr (item->service, ==, services[i]);
      g_assert_cmpint (item->kind, ==, VPC_COST_INTERFACE_ENDPOINT);
      g_assert_cmpuint (item->azs, ==, 2);
      g_assert_cmpint (item->hourly_micros, ==, USD (14.6));
      g_assert_cmpint (item->data_micros, ==, 0);
      g_assert_cmpint (item->monthly_micros, ==, USD (14.6));
    }

  add_interface (design, services[5], services[5], "sn-a,sn-b", 0);
  six = vpc_cost_compute (design, NULL);
  g_assert_cmpint (six->total_micros, ==, USD (87.6));
}

/* AZs are counted distinct: two subnets in one AZ bill one AZ-hour. */
static void
test_distinct_azs (void)
{
  g_autoptr(VpcDesign) design = make_design ("us-east-1");
  g_autoptr(VpcCostReport) report = NULL;
  VpcElement *extra = vpc_element_new (VPC_KIND_SUBNET, "sn-a2");

  extra->az = g_strdup ("az-a");
  extra->cidr = g_strdup ("10.0.9.0/24");
  vpc_design_take_element (design, extra);
  add_interface (design, "ep-1", "logs", "sn-a,sn-a2", 0);
  add_interface (design, "ep-2", "sts", "", 0);
  report = vpc_cost_compute (design, NULL);
  g_assert_cmpuint (item_at (report, 0)->azs, ==, 1);
  g_assert_cmpint (item_at (report, 0)->monthly_micros, ==, USD (7.3));
  g_assert_cmpuint (item_at (report, 1)->azs, ==, 0);
  g_assert_cmpint (item_at (report, 1)->monthly_micros, ==, 0);
}

static void
test_nat_and_gateway (void)
{
  g_autoptr(VpcDesign) design = make_design ("us-east-1");
  g_autoptr(VpcCostReport) report = NULL;
  const VpcCostItem *item;

  /* NAT gateways come after every endpoint, whatever the file order. */
  add_nat (design, "nat-1", 100);
  add_gateway (design, "ep-s3", "s3");
  add_interface (design, "ep-logs", "logs", "sn-a", 10);
  report = vpc_cost_compute (design, NULL);
  g_assert_cmpuint (report->items->len, ==, 3);

  item = item_at (report, 0);
  g_assert_cmpstr (item->element, ==, "ep-s3");
  g_assert_cmpint (item->kind, ==, VPC_COST_GATEWAY_ENDPOINT);
  g_assert_cmpstr (vpc_cost_kind_to_string (item->kind), ==, "gateway_endpoint");
  g_assert_cmpstr (item->service, ==, "s3");
  g_assert_cmpuint (item->azs, ==, 0);
  g_assert_cmpint (item->monthly_micros, ==, 0);

  item = item_at (report, 1);
  g_assert_cmpstr (item->element, ==, "ep-logs");
  g_assert_cmpint (item->hourly_micros, ==, USD (7.3));
  g_assert_cmpint (item->data_micros, ==, USD (0.1));

  item = item_at (report, 2);
  g_assert_cmpstr (item->element, ==, "nat-1");
  g_assert_cmpint (item->kind, ==, VPC_COST_NAT_GATEWAY);
  g_assert_cmpstr (vpc_cost_kind_to_string (item->kind), ==, "nat_gateway");
  g_assert_null (item->service);
  g_assert_cmpuint (item->azs, ==, 1);
  g_assert_cmpint (item->hourly_micros, ==, 32850000); /* 0.045 × 730 */
  g_assert_cmpint (item->data_micros, ==, 4500000);    /* 100 GB × 0.045 */
  g_assert_cmpint (item->monthly_micros, ==, 37350000);

  g_assert_cmpint (report->total_micros, ==, 37350000 + 7400000);
}

/* Prices the interface endpoints of @gbs (one endpoint each, no subnets)
 * and checks each data charge and the total. */
static void
check_tiers (const double *gbs,
             const gint64 *expected,
             guint         n,
             gint64        expected_total)
{
  g_autoptr(VpcDesign) design = make_design ("us-east-1");
  g_autoptr(VpcCostReport) report = NULL;

  for (guint i = 0; i < n; i++)
    {
      g_autofree char *id = g_strdup_printf ("ep-%u", i);

      add_interface (design, id, "logs", "", gbs[i]);
    }
  report = vpc_cost_compute (design, NULL);
  g_assert_true (report->priced);
  for (guint i = 0; i < n; i++)
    g_assert_cmpint (item_at (report, i)->data_micros, ==, expected[i]);
  g_assert_cmpint (report->total_micros, ==, expected_total);
}

static void
test_tiers (void)
{
  /* Exactly 1 PB: all at the base rate. One GB more: 0.006 for that GB. */
  check_tiers ((double[]) { 1000000 }, (gint64[]) { USD (10000) }, 1, USD (10000));
  check_tiers ((double[]) { 1000001 }, (gint64[]) { 10000006000 }, 1, 10000006000);
  /* Exactly 5 PB, then one GB over at 0.004. */
  check_tiers ((double[]) { 5000000 }, (gint64[]) { USD (34000) }, 1, USD (34000));
  check_tiers ((double[]) { 5000001 }, (gint64[]) { 34000004000 }, 1, 34000004000);
  /* The tiers apply to the sum: two endpoints of 0.6 PB share 1.2 PB's
   * charge (10,000 + 200,000 × 0.006 = 11,200) half and half. */
  check_tiers ((double[]){ 600000, 600000 }, (gint64[]){ USD (5600), USD (5600) }, 2, USD (11200));
  /* 4 PB + 2 PB: 10,000 + 24,000 + 4,000 = 38,000, shared 2:1. The
   * leftover micro-dollar goes to the larger remainder (the second). */
  check_tiers ((double[]) { 4000000, 2000000 },
               (gint64[]) { 25333333333, 12666666667 }, 2, USD (38000));
  /* Below 1 PB each share is exactly GB × rate. */
  check_tiers ((double[]) { 0.5, 123.456789, 0 },
               (gint64[]) { 5000, 1234568, 0 }, 3, 1239568);
}

/* 1,000 endpoints of 0.1 GB each: exactly $1.00, no floating-point drift. */
static void
test_no_drift (void)
{
  g_autoptr(VpcDesign) design = make_design ("us-east-1");
  g_autoptr(VpcCostReport) report = NULL;

  for (guint i = 0; i < 1000; i++)
    {
      g_autofree char *id = g_strdup_printf ("ep-%u", i);

      add_interface (design, id, "logs", "", 0.1);
    }
  report = vpc_cost_compute (design, NULL);
  for (guint i = 0; i < 1000; i++)
    g_assert_cmpint (item_at (report, i)->data_micros, ==, 1000);
  g_assert_cmpint (report->total_micros, ==, USD (1));

  /* Three thirds of a GB: shares differ by at most one micro-dollar. */
  {
    g_autoptr(VpcDesign) thirds = make_design ("us-east-1");
    g_autoptr(VpcCostReport) third_report = NULL;

    for (guint i = 0; i < 3; i++)
      {
        g_autofree char *id = g_strdup_printf ("ep-%u", i);

        add_interface (thirds, id, "logs", "", 1.0 / 3.0);
      }
    third_report = vpc_cost_compute (thirds, NULL);
    /* 3 × 333,333 µGB × 0.01 = 9,999.99 µ$, rounded once. */
    g_assert_cmpint (third_report->total_micros, ==, 10000);
  }
}

static void
test_unpriced_region (void)
{
  g_autoptr(VpcDesign) design = make_design ("mars-north-1");
  g_autoptr(VpcCostReport) report = NULL;

  add_interface (design, "ep-logs", "logs", "sn-a,sn-b", 10);
  add_nat (design, "nat-1", 1);
  report = vpc_cost_compute (design, NULL);
  g_assert_false (report->priced);
  g_assert_cmpstr (report->region, ==, "mars-north-1");
  g_assert_nonnull (report->reason);
  g_assert_nonnull (strstr (report->reason, "mars-north-1"));
  g_assert_null (report->prices_as_of);
  g_assert_cmpuint (report->items->len, ==, 0);
  g_assert_cmpint (report->total_micros, ==, 0);
}

/* --region prices the same design elsewhere; the design is not changed. */
static void
test_region_override (void)
{
  g_autoptr(VpcDesign) design = make_design ("us-east-1");
  g_autoptr(VpcCostReport) frankfurt = NULL;
  g_autoptr(VpcCostReport) home = NULL;
  g_autoptr(VpcCostReport) nowhere = NULL;

  for (guint i = 0; i < 5; i++)
    {
      g_autofree char *id = g_strdup_printf ("ep-%u", i);

      add_interface (design, id, "logs", "sn-a,sn-b", 0);
    }
  add_nat (design, "nat-1", 100);
  frankfurt = vpc_cost_compute (design, "eu-central-1");
  g_assert_true (frankfurt->priced);
  g_assert_cmpstr (frankfurt->region, ==, "eu-central-1");
  g_assert_cmpstr (frankfurt->prices_as_of, ==, "2026-09-01");
  g_assert_nonnull (frankfurt->note); /* the unconfirmed NAT $/GB */
  /* 5 × 2 × 730 × 0.012 + 0.052 × 730 + 100 × 0.052 */
  g_assert_cmpint (frankfurt->total_micros, ==, 87600000 + 37960000 + 5200000);

  home = vpc_cost_compute (design, NULL);
  g_assert_cmpstr (home->region, ==, "us-east-1");
  g_assert_null (home->note);
  g_assert_cmpint (home->total_micros, ==, USD (73) + 37350000);

  nowhere = vpc_cost_compute (design, "xx-nowhere-1");
  g_assert_false (nowhere->priced);
}

static void
test_too_large (void)
{
  g_autoptr(VpcDesign) design = make_design ("us-east-1");
  g_autoptr(VpcCostReport) report = NULL;

  add_interface (design, "ep-1", "logs", "sn-a", 1e13);
  report = vpc_cost_compute (design, NULL);
  g_assert_false (report->priced);
  g_assert_nonnull (report->reason);
  g_assert_cmpuint (report->items->len, ==, 0);
}

static void
test_format (void)
{
  static const struct { gint64 micros; gboolean sign; const char *text; } cases[] = {
    { 73000000, FALSE, "$73.00" }, { 29200000, TRUE, "+$29.20" },
    { 0, FALSE, "$0.00" }, { 0, TRUE, "+$0.00" },
    { 5000, FALSE, "$0.01" }, { 4999, FALSE, "$0.00" },
    { 14605000, FALSE, "$14.61" }, { 14604999, FALSE, "$14.60" },
    { -5000, FALSE, "-$0.01" }, { -4999, TRUE, "+$0.00" },
    { -29200000, TRUE, "-$29.20" }, { 123456789012345, FALSE, "$123456789.01" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *text = vpc_cost_format (cases[i].micros, cases[i].sign);

      g_assert_cmpstr (text, ==, cases[i].text);
    }
  {
    g_autofree char *plain = vpc_cost_format_plain (14600000);
    g_autofree char *half = vpc_cost_format_plain (-15000);

    g_assert_cmpstr (plain, ==, "14.60");
    g_assert_cmpstr (half, ==, "-0.02");
  }
  g_assert_cmpint (vpc_cost_round_to_cents (14605000), ==, 1461);
  g_assert_cmpint (vpc_cost_round_to_cents (-14605000), ==, -1461);
  g_assert_cmpint (vpc_cost_round_to_cents (G_MININT64), <, 0);
}

static void
test_price_table (void)
{
  static const char *expected[] = { "us-east-1", "us-west-2", "eu-west-1", "eu-central-1",
                                     "ap-southeast-1", "ap-northeast-1", NULL };
  VpcPriceTable *table = vpc_price_table_get_default ();
  const char *const *regions = vpc_cost_regions ();
  const VpcRegionPrices *tokyo = vpc_price_table_lookup (table, "ap-northeast-1");
  const VpcPriceTier *tiers;
  guint n_tiers;

  g_assert_cmpstrv (regions, expected);
  g_assert_cmpstr (vpc_price_table_get_currency (table), ==, "USD");
  g_assert_nonnull (tokyo);
  g_assert_cmpint (tokyo->endpoint_hour_micros, ==, 14000);
  g_assert_cmpint (tokyo->endpoint_gb_micros, ==, 10000);
  g_assert_cmpint (tokyo->nat_hour_micros, ==, 62000);
  g_assert_cmpint (tokyo->nat_gb_micros, ==, 62000);
  g_assert_cmpstr (tokyo->as_of, ==, "2026-09-13");
  g_assert_nonnull (vpc_price_table_lookup (table, "eu-central-1")->note);
  g_assert_null (vpc_price_table_lookup (table, "us-east-2"));

  tiers = vpc_price_table_get_tiers (table, &n_tiers);
  g_assert_cmpuint (n_tiers, ==, 3);
  g_assert_cmpint (tiers[0].up_to_gb, ==, 1000000);
  g_assert_cmpint (tiers[0].per_gb_micros, ==, VPC_PRICE_TIER_REGION);
  g_assert_cmpint (tiers[1].per_gb_micros, ==, 6000);
  g_assert_cmpint (tiers[2].up_to_gb, ==, VPC_PRICE_TIER_UNBOUNDED);
  g_assert_cmpint (tiers[2].per_gb_micros, ==, 4000);
}

static void
test_price_table_invalid (void)
{
  static const char *head = "{\"format\":\"vpc-designer-prices\",\"version\":1,\"currency\":"
                            "\"USD\",\"hours_per_month\":730,"
                            "\"source\":\"s\",";
  static const char *bodies[] = {
    /* a price with seven decimals */
    "\"interface_data_tiers\":[{\"up_to_gb\":null,\"per_gb\":\"region\"}],\"regions\":[{\"region\":"
    "\"r\","
    "\"interface_endpoint_per_az_hour\":0.0100001,\"interface_endpoint_per_gb\":0.01,"
    "\"nat_gateway_per_hour\":0.045,\"nat_gateway_per_gb\":0.045,\"as_of\":\"d\"}]}",
    /* the last tier is bounded */
    "\"interface_data_tiers\":[{\"up_to_gb\":10,\"per_gb\":\"region\"}],\"regions\":[]}",
    /* tiers out of order */
    "\"interface_data_tiers\":[{\"up_to_gb\":10,\"per_gb\":0.1},{\"up_to_gb\":5,\"per_gb\":0.1},"
    "{\"up_to_gb\":null,\"per_gb\":0.1}],\"regions\":[]}",
    /* a missing price */
    "\"interface_data_tiers\":[{\"up_to_gb\":null,\"per_gb\":0.1}],\"regions\":[{\"region\":\"r\","
    "\"as_of\":\"d\"}]}",
    /* not an object */
    "\"interface_data_tiers\":[1],\"regions\":[]}",
  };

  for (guint i = 0; i < G_N_ELEMENTS (bodies); i++)
    {
      g_autofree char *text = g_strconcat (head, bodies[i], NULL);
      g_autoptr(GBytes) bytes = g_bytes_new (text, strlen (text));
      g_autoptr(GError) error = NULL;
      g_autoptr(VpcPriceTable) table = vpc_price_table_load (bytes, &error);

      g_assert_null (table);
      g_assert_error (error, VPC_PRICES_ERROR, VPC_PRICES_ERROR_INVALID);
    }
  {
    g_autoptr(GBytes) bytes = g_bytes_new_static ("[1,", 3);
    g_autoptr(GError) error = NULL;
    g_autoptr(VpcPriceTable) table = vpc_price_table_load (bytes, &error);

    g_assert_null (table);
    g_assert_nonnull (error);
  }
}

/* A table of our own: other tiers and rates flow through unchanged. */
static void
test_custom_table (void)
{
  static const char *text
      = "{\"format\":\"vpc-designer-prices\",\"version\":1,\"currency\":\"USD\",\"hours_per_"
        "month\":730,"
        "\"source\":\"test\",\"interface_data_tiers\":[{\"up_to_gb\":10,\"per_gb\":\"region\"},"
        "{\"up_to_gb\":null,\"per_gb\":0.5}],\"regions\":[{\"region\":\"test-1\","
        "\"interface_endpoint_per_az_hour\":1,\"interface_endpoint_per_gb\":1,"
        "\"nat_gateway_per_hour\":0,\"nat_gateway_per_gb\":0.000001,\"as_of\":\"today\"}]}";
  g_autoptr(GBytes) bytes = g_bytes_new_static (text, strlen (text));
  g_autoptr(GError) error = NULL;
  g_autoptr(VpcPriceTable) table = vpc_price_table_load (bytes, &error);
  g_autoptr(VpcDesign) design = make_design ("test-1");
  g_autoptr(VpcCostReport) report = NULL;

  g_assert_no_error (error);
  add_interface (design, "ep-1", "logs", "sn-a", 8);
  add_interface (design, "ep-2", "sts", "sn-b", 4);
  add_nat (design, "nat-1", 0.4); /* 0.4 µ$ rounds to nothing */
  report = vpc_cost_compute_with_table (design, NULL, table);
  g_assert_true (report->priced);
  g_assert_cmpstr (report->source, ==, "test");
  /* 12 GB: 10 × $1 + 2 × $0.5 = $11, shared 8:4. */
  g_assert_cmpint (item_at (report, 0)->data_micros, ==, 7333333);
  g_assert_cmpint (item_at (report, 1)->data_micros, ==, 3666667);
  g_assert_cmpint (item_at (report, 0)->hourly_micros, ==, USD (730));
  g_assert_cmpint (item_at (report, 2)->data_micros, ==, 0);
  g_assert_cmpint (report->total_micros, ==, USD (1460 + 11));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/cost/seed-figures", test_seed_figures);
  g_test_add_func ("/cost/distinct-azs", test_distinct_azs);
  g_test_add_func ("/cost/nat-and-gateway", test_nat_and_gateway);
  g_test_add_func ("/cost/tiers", test_tiers);
  g_test_add_func ("/cost/no-drift", test_no_drift);
  g_test_add_func ("/cost/unpriced-region", test_unpriced_region);
  g_test_add_func ("/cost/region-override", test_region_override);
  g_test_add_func ("/cost/too-large", test_too_large);
  g_test_add_func ("/cost/format", test_format);
  g_test_add_func ("/cost/price-table", test_price_table);
  g_test_add_func ("/cost/price-table-invalid", test_price_table_invalid);
  g_test_add_func ("/cost/custom-table", test_custom_table);
  return g_test_run ();
}
