/* SPDX-License-Identifier: GPL-3.0-or-later */
/* vpc-prices.c: loads the price table (resources/prices.json). */
#include "vpc-prices.h"

#include <json-glib/json-glib.h>
#include <math.h>

#include "vpc-cost.h"
#include "vpc-model-resources.h"

#define PRICES_RESOURCE "/org/example/VpcDesigner/model/prices.json"

/* A price above this is surely a typo in the table (USD per hour or GB). */
#define MAX_PRICE_USD 1000.0

struct _VpcPriceTable
{
  char      *source;
  char      *currency;
  GArray    *tiers;   /* of VpcPriceTier */
  GPtrArray *regions; /* of VpcRegionPrices * */
  GPtrArray *codes;   /* region codes, NULL-terminated (borrowed from regions) */
};

G_DEFINE_QUARK (vpc-prices-error-quark, vpc_prices_error)

static void
region_prices_free (VpcRegionPrices *prices)
{
  g_free (prices->region);
  g_free (prices->as_of);
  g_free (prices->note);
  g_free (prices);
}

void
vpc_price_table_free (VpcPriceTable *table)
{
  if (table == NULL)
    return;
  g_free (table->source);
  g_free (table->currency);
  g_clear_pointer (&table->tiers, g_array_unref);
  g_clear_pointer (&table->codes, g_ptr_array_unref);
  g_clear_pointer (&table->regions, g_ptr_array_unref);
  g_free (table);
}

static gboolean
invalid (GError    **error,
         const char *place,
         const char *problem)
{
  g_set_error (error, VPC_PRICES_ERROR, VPC_PRICES_ERROR_INVALID,
               "price table: %s: %s", place, problem);
  return FALSE;
}

static gboolean
get_string (JsonObject  *object,
            const char  *key,
            const char  *place,
            char       **out,
            GError     **error)
{
  JsonNode *node = json_object_get_member (object, key);
  g_autofree char *where = g_strdup_printf ("%s.%s", place, key);

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) ||
      json_node_get_value_type (node) != G_TYPE_STRING ||
      *json_node_get_string (node) == '\0')
    return invalid (error, where, "expected a non-empty string");
  *out = g_strdup (json_node_get_string (node));
  return TRUE;
}

/* Reads a price in USD and converts it to micro-dollars. The table is
 * money, so a figure with more than six decimals is refused rather than
 * silently rounded. */
static gboolean
get_price (JsonObject *object,
           const char *key,
           const char *place,
           gint64     *out,
           GError    **error)
{
  JsonNode *node = json_object_get_member (object, key);
  g_autofree char *where = g_strdup_printf ("%s.%s", place, key);
  double usd, micros;

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) ||
      (json_node_get_value_type (node) != G_TYPE_DOUBLE &&
       json_node_get_value_type (node) != G_TYPE_INT64))
    return invalid (error, where, "expected a number");
  usd = json_node_get_double (node);
  if (!isfinite (usd) || usd < 0 || usd > MAX_PRICE_USD)
    return invalid (error, where, "price out of range");
  micros = usd * 1e6;
  if (fabs (micros - round (micros)) > 1e-6)
    return invalid (error, where, "more than six decimals");
  *out = (gint64) llround (micros);
  return TRUE;
}

static gboolean
parse_tier (JsonNode     *node,
            guint         index,
            gboolean      last,
            gint64        previous_bound,
            VpcPriceTier *tier,
            GError      **error)
{
  g_autofree char *place = g_strdup_printf ("interface_data_tiers[%u]", index);
  JsonObject *object;
  JsonNode *bound, *rate;

  if (!JSON_NODE_HOLDS_OBJECT (node))
    return invalid (error, place, "expected an object");
  object = json_node_get_object (node);
  bound = json_object_get_member (object, "up_to_gb");
  rate = json_object_get_member (object, "per_gb");
  if (bound == NULL || rate == NULL)
    return invalid (error, place, "needs up_to_gb and per_gb");

  /* Only the last tier is open-ended, so every GB falls in exactly one. */
  if (last)
    {
      if (!JSON_NODE_HOLDS_NULL (bound))
        return invalid (error, place, "the last tier's up_to_gb must be null");
      tier->up_to_gb = VPC_PRICE_TIER_UNBOUNDED;
    }
  else
    {
      if (!JSON_NODE_HOLDS_VALUE (bound) || json_node_get_value_type (bound) != G_TYPE_INT64 ||
          json_node_get_int (bound) <= previous_bound || json_node_get_int (bound) > 1000000000000)
        return invalid (error, place, "up_to_gb must be a whole number above the previous tier's");
      tier->up_to_gb = json_node_get_int (bound);
    }

  if (JSON_NODE_HOLDS_VALUE (rate) && json_node_get_value_type (rate) == G_TYPE_STRING)
    {
      if (g_strcmp0 (json_node_get_string (rate), "region") != 0)
        return invalid (error, place, "per_gb must be a number or \"region\"");
      tier->per_gb_micros = VPC_PRICE_TIER_REGION;
      return TRUE;
    }
  return get_price (object, "per_gb", place, &tier->per_gb_micros, error);
}

static gboolean
parse_tiers (JsonObject    *root,
             VpcPriceTable *table,
             GError       **error)
{
  JsonNode *node = json_object_get_member (root, "interface_data_tiers");
  JsonArray *array;
  gint64 bound = 0;

  if (node == NULL || !JSON_NODE_HOLDS_ARRAY (node) ||
      json_array_get_length (json_node_get_array (node)) == 0)
    return invalid (error, "interface_data_tiers", "expected a non-empty array");
  array = json_node_get_array (node);
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      VpcPriceTier tier;
      gboolean last = i + 1 == json_array_get_length (array);

      if (!parse_tier (json_array_get_element (array, i), i, last, bound, &tier, error))
        return FALSE;
      bound = tier.up_to_gb;
      g_array_append_val (table->tiers, tier);
    }
  return TRUE;
}

static gboolean
parse_region (JsonNode      *node,
              guint          index,
              VpcPriceTable *table,
              GError       **error)
{
  g_autofree char *place = g_strdup_printf ("regions[%u]", index);
  VpcRegionPrices *prices;
  JsonObject *object;

  if (!JSON_NODE_HOLDS_OBJECT (node))
    return invalid (error, place, "expected an object");
  object = json_node_get_object (node);

  prices = g_new0 (VpcRegionPrices, 1);
  g_ptr_array_add (table->regions, prices);
  if (!get_string (object, "region", place, &prices->region, error)
      || !get_price (object, "interface_endpoint_per_az_hour", place, &prices->endpoint_hour_micros,
                     error)
      || !get_price (object, "interface_endpoint_per_gb", place, &prices->endpoint_gb_micros, error)
      || !get_price (object, "nat_gateway_per_hour", place, &prices->nat_hour_micros, error)
      || !get_price (object, "nat_gateway_per_gb", place, &prices->nat_gb_micros, error)
      || !get_string (object, "as_of", place, &prices->as_of, error))
    return FALSE;
  if (json_object_has_member (object, "note") &&
      !get_string (object, "note", place, &prices->note, error))
    return FALSE;
  if (vpc_price_table_lookup (table, prices->region) != prices)
    return invalid (error, place, "region listed twice");
  return TRUE;
}

static gboolean
parse_regions (JsonObject    *root,
               VpcPriceTable *table,
               GError       **error)
{
  JsonNode *node = json_object_get_member (root, "regions");
  JsonArray *array;

  if (node == NULL || !JSON_NODE_HOLDS_ARRAY (node))
    return invalid (error, "regions", "expected an array");
  array = json_node_get_array (node);
  for (guint i = 0; i < json_array_get_length (array); i++)
    if (!parse_region (json_array_get_element (array, i), i, table, error))
      return FALSE;

  for (guint i = 0; i < table->regions->len; i++)
    g_ptr_array_add (table->codes,
                     ((VpcRegionPrices *) g_ptr_array_index (table->regions, i))->region);
  g_ptr_array_add (table->codes, NULL);
  return TRUE;
}

static gboolean
node_is_int (JsonNode *node,
             gint64    value)
{
  return node != NULL && JSON_NODE_HOLDS_VALUE (node) &&
         json_node_get_value_type (node) == G_TYPE_INT64 &&
         json_node_get_int (node) == value;
}

static gboolean
node_is_string (JsonNode   *node,
                const char *value)
{
  return node != NULL && JSON_NODE_HOLDS_VALUE (node) &&
         json_node_get_value_type (node) == G_TYPE_STRING &&
         g_strcmp0 (json_node_get_string (node), value) == 0;
}

/* The cost model hard-codes 730 hours (VPC_HOURS_PER_MONTH); a table that
 * assumes another month would silently disagree with it. */
static gboolean
check_header (JsonObject    *root,
              VpcPriceTable *table,
              GError       **error)
{
  JsonNode *format = json_object_get_member (root, "format");
  JsonNode *version = json_object_get_member (root, "version");
  JsonNode *hours = json_object_get_member (root, "hours_per_month");

  if (!node_is_string (format, "vpc-designer-prices") || !node_is_int (version, 1))
    return invalid (error, "format", "not a version 1 price table");
  if (!node_is_int (hours, VPC_HOURS_PER_MONTH))
    return invalid (error, "hours_per_month", "must be 730");
  return get_string (root, "currency", "(top)", &table->currency, error) &&
         get_string (root, "source", "(top)", &table->source, error);
}

VpcPriceTable *
vpc_price_table_load (GBytes  *bytes,
                      GError **error)
{
  g_autoptr(JsonParser) parser = json_parser_new_immutable ();
  g_autoptr(VpcPriceTable) table = NULL;
  gsize size = 0;
  const char *data = g_bytes_get_data (bytes, &size);
  JsonNode *root;

  if (!json_parser_load_from_data (parser, data, size, error))
    return NULL;
  root = json_parser_get_root (parser);
  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    {
      invalid (error, "(top)", "expected an object");
      return NULL;
    }

  table = g_new0 (VpcPriceTable, 1);
  table->tiers = g_array_new (FALSE, FALSE, sizeof (VpcPriceTier));
  table->regions = g_ptr_array_new_with_free_func ((GDestroyNotify) region_prices_free);
  table->codes = g_ptr_array_new ();
  if (!check_header (json_node_get_object (root), table, error) ||
      !parse_tiers (json_node_get_object (root), table, error) ||
      !parse_regions (json_node_get_object (root), table, error))
    return NULL;
  return g_steal_pointer (&table);
}

VpcPriceTable *
vpc_price_table_get_default (void)
{
  static VpcPriceTable *table;

  if (g_once_init_enter (&table))
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GBytes) bytes = NULL;
      VpcPriceTable *loaded;

      /* Looked up in our own GResource (not the global registry) so that
       * linking the static model library always pulls the data in. */
      bytes = g_resource_lookup_data (vpc_model_get_resource (), PRICES_RESOURCE,
                                      G_RESOURCE_LOOKUP_FLAGS_NONE, &error);
      loaded = bytes != NULL ? vpc_price_table_load (bytes, &error) : NULL;
      if (loaded == NULL)
        g_error ("The built-in price table is broken: %s", error->message);
      g_once_init_leave (&table, loaded);
    }
  return table;
}

const VpcRegionPrices *
vpc_price_table_lookup (VpcPriceTable *table,
                        const char    *region)
{
  g_return_val_if_fail (table != NULL, NULL);

  if (region == NULL)
    return NULL;
  for (guint i = 0; i < table->regions->len; i++)
    {
      const VpcRegionPrices *prices = g_ptr_array_index (table->regions, i);

      if (g_strcmp0 (prices->region, region) == 0)
        return prices;
    }
  return NULL;
}

const char *const *
vpc_price_table_get_regions (VpcPriceTable *table)
{
  g_return_val_if_fail (table != NULL, NULL);
  return (const char *const *) table->codes->pdata;
}

const VpcPriceTier *
vpc_price_table_get_tiers (VpcPriceTable *table,
                           guint         *n_tiers)
{
  g_return_val_if_fail (table != NULL, NULL);
  if (n_tiers != NULL)
    *n_tiers = table->tiers->len;
  return (const VpcPriceTier *) (void *) table->tiers->data;
}

const char *
vpc_price_table_get_source (VpcPriceTable *table)
{
  g_return_val_if_fail (table != NULL, NULL);
  return table->source;
}

const char *
vpc_price_table_get_currency (VpcPriceTable *table)
{
  g_return_val_if_fail (table != NULL, NULL);
  return table->currency;
}
