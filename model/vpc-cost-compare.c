/* SPDX-License-Identifier: GPL-3.0-or-later */
/* vpc-cost-compare.c: interface endpoints versus NAT gateways. */
#include "vpc-cost-compare.h"

#include <math.h>
#include <string.h>

#include "vpc-cost.h"
#include "vpc-i18n.h"
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
          const VpcElement *az
              = vpc_design_az_of_subnet (design, g_ptr_array_index (endpoint->subnets, j));

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

  out->endpoint_fixed_micros
      = (gint64) out->endpoint_azs * prices->endpoint_hour_micros * VPC_HOURS_PER_MONTH;
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

/* A count of NAT gateways that starts a sentence, in words up to six. */
static const char *
count_word (guint n)
{
  const char *const words[] = {
    C_("NAT gateways", "No"), C_("NAT gateways", "One"), C_("NAT gateways", "Two"),
    C_("NAT gateways", "Three"), C_("NAT gateways", "Four"), C_("NAT gateways", "Five"),
    C_("NAT gateways", "Six"),
  };

  return n < G_N_ELEMENTS (words) ? words[n] : NULL;
}

static char *
format_gb (double gb)
{
  return g_strdup_printf (_("%.0f GB"), gb);
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
  g_autofree char *ep_line = NULL;
  g_autofree char *nat_line = NULL;
  gint64           ep_now = c->endpoint_fixed_micros
                  + (gint64) llround (c->gb_per_month * (double) c->endpoint_gb_micros);
  gint64 nat_now
      = c->nat_fixed_micros + (gint64) llround (c->gb_per_month * (double) c->nat_gb_micros);
  g_autofree char *difference = vpc_cost_format (ABS (ep_now - nat_now), FALSE);

  if (c->break_even_gb <= 0)
    verdict = g_strdup (_("Endpoints are cheaper at any volume."));
  else if (isinf (c->break_even_gb))
    verdict = g_strdup (_("NAT gateways are cheaper at any volume."));
  else
    verdict = g_strdup_printf (_("Endpoints are cheaper above ~%.0f GB/month."),
                               ceil (c->break_even_gb));

  if (ep_now == nat_now)
    /* TRANSLATORS: %s is a data volume ("500 GB"). */
    now = g_strdup_printf (_("At your %s/month both cost the same."), volume);
  else if (ep_now < nat_now)
    /* TRANSLATORS: a data volume ("500 GB"), then an amount of money. */
    now = g_strdup_printf (_("At your %s/month, endpoints save %s a month."), volume, difference);
  else
    /* TRANSLATORS: a data volume ("500 GB"), then an amount of money. */
    now = g_strdup_printf (_("At your %s/month, NAT gateways save %s a month."), volume,
                           difference);

  /* TRANSLATORS: a count of endpoint network interfaces (one per AZ),
   * then the fixed price a month and the price per GB. */
  ep_line = g_strdup_printf (ngettext ("Your %u endpoint-AZ: %s + %s/GB.",
                                       "Your %u endpoint-AZs: %s + %s/GB.", c->endpoint_azs),
                             c->endpoint_azs, ep_fixed, ep_gb);
  /* TRANSLATORS: the first %s is a count in words ("Two") or digits,
   * then the fixed price a month and the price per GB. */
  nat_line = g_strdup_printf (ngettext ("%s NAT gateway instead: %s + %s/GB.",
                                        "%s NAT gateways instead: %s + %s/GB.", c->nat_count),
                              nats, nat_fixed, nat_gb);
  return g_strdup_printf ("%s\n%s\n%s %s", ep_line, nat_line, verdict, now);
}
