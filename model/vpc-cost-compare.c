/* vpc-cost-compare.c: interface endpoints versus NAT gateways. */
#include "vpc-cost-compare.h"

#include <math.h>
#include <string.h>

#include "vpc-cost.h"
#include "vpc-prices.h"

gboolean
vpc_cost_compare (VpcDesign         *design,
                  const char        *region,
                  VpcCostComparison *out)
{
  const VpcRegionPrices *prices;
  g_autoptr(GHashTable) azs = g_hash_table_new (g_str_hash, g_str_equal);
  double extra_micros;

  g_return_val_if_fail (VPC_IS_DESIGN (design), FALSE);
  g_return_val_if_fail (out != NULL, FALSE);

  if (region == NULL)
    region = vpc_design_get_info (design)->region;
  prices = vpc_price_table_lookup (vpc_price_table_get_default (), region);
  if (prices == NULL)
    return FALSE;

  *out = (VpcCostComparison) { 0 };
  for (guint i = 0; i < vpc_design_get_n_elements (design, VPC_KIND_ENDPOINT); i++)
    {
      const VpcElement *endpoint = vpc_design_get_element (design, VPC_KIND_ENDPOINT, i);
      g_autoptr(GHashTable) own = g_hash_table_new (g_str_hash, g_str_equal);

      if (endpoint->endpoint_type != VPC_ENDPOINT_INTERFACE)
        continue;
      for (guint j = 0; j < endpoint->subnets->len; j++)
        {
          const VpcElement *az = vpc_design_az_of_subnet (design, g_ptr_array_index (endpoint->subnets, j));

          if (az == NULL)
            continue;
          g_hash_table_add (own, az->id);
          g_hash_table_add (azs, az->id);
        }
      out->endpoint_azs += g_hash_table_size (own);
      out->gb_per_month += endpoint->gb_per_month;
    }
  if (out->endpoint_azs == 0)
    return FALSE;

  out->endpoint_fixed_micros = (gint64) out->endpoint_azs * prices->endpoint_hour_micros * VPC_HOURS_PER_MONTH;
  out->endpoint_gb_micros = prices->endpoint_gb_micros;
  out->nat_count = g_hash_table_size (azs);
  out->nat_fixed_micros = (gint64) out->nat_count * prices->nat_hour_micros * VPC_HOURS_PER_MONTH;
  out->nat_gb_micros = prices->nat_gb_micros;

  extra_micros = (double) (out->endpoint_fixed_micros - out->nat_fixed_micros);
  if (extra_micros <= 0)
    out->break_even_gb = 0;
  else if (out->nat_gb_micros > out->endpoint_gb_micros)
    out->break_even_gb = extra_micros / (double) (out->nat_gb_micros - out->endpoint_gb_micros);
  else
    out->break_even_gb = INFINITY;
  return TRUE;
}

char *
vpc_cost_format_unit_price (gint64 micros)
{
  g_autofree char *text = g_strdup_printf ("%.6f", (double) micros / 1e6);
  gsize len = strlen (text);
  const char *dot = strchr (text, '.');

  /* Keep at least two decimals. */
  while (len > (gsize) (dot - text) + 3 && text[len - 1] == '0')
    text[--len] = '\0';
  return g_strdup_printf ("$%s", text);
}

static const char *
count_word (guint n)
{
  static const char *const words[] = { "No", "One", "Two", "Three", "Four", "Five", "Six" };

  return n < G_N_ELEMENTS (words) ? words[n] : NULL;
}

static char *
format_gb (double gb)
{
  return g_strdup_printf ("%.0f GB", gb);
}

char *
vpc_cost_comparison_describe (const VpcCostComparison *c)
{
  g_autofree char *ep_fixed = vpc_cost_format (c->endpoint_fixed_micros, FALSE);
  g_autofree char *ep_gb = vpc_cost_format_unit_price (c->endpoint_gb_micros);
  g_autofree char *nat_fixed = vpc_cost_format (c->nat_fixed_micros, FALSE);
  g_autofree char *nat_gb = vpc_cost_format_unit_price (c->nat_gb_micros);
  g_autofree char *nats = count_word (c->nat_count) != NULL
                          ? g_strdup (count_word (c->nat_count))
                          : g_strdup_printf ("%u", c->nat_count);
  g_autofree char *volume = format_gb (c->gb_per_month);
  g_autofree char *verdict = NULL;
  g_autofree char *now = NULL;
  gint64 ep_now = c->endpoint_fixed_micros + (gint64) llround (c->gb_per_month * (double) c->endpoint_gb_micros);
  gint64 nat_now = c->nat_fixed_micros + (gint64) llround (c->gb_per_month * (double) c->nat_gb_micros);
  g_autofree char *difference = vpc_cost_format (ABS (ep_now - nat_now), FALSE);

  if (c->break_even_gb <= 0)
    verdict = g_strdup ("Endpoints are cheaper at any volume.");
  else if (isinf (c->break_even_gb))
    verdict = g_strdup ("NAT gateways are cheaper at any volume.");
  else
    verdict = g_strdup_printf ("Endpoints are cheaper above ~%.0f GB/month.", ceil (c->break_even_gb));

  if (ep_now == nat_now)
    now = g_strdup_printf ("At your %s/month both cost the same.", volume);
  else
    now = g_strdup_printf ("At your %s/month, %s save %s a month.", volume,
                           ep_now < nat_now ? "endpoints" : "NAT gateways", difference);

  return g_strdup_printf ("Your %u endpoint-AZ%s: %s + %s/GB.\n"
                          "%s NAT gateway%s instead: %s + %s/GB.\n"
                          "%s %s",
                          c->endpoint_azs, c->endpoint_azs == 1 ? "" : "s", ep_fixed, ep_gb,
                          nats, c->nat_count == 1 ? "" : "s", nat_fixed, nat_gb,
                          verdict, now);
}
