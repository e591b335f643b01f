/* SPDX-License-Identifier: GPL-3.0-or-later */
/* random-designs.c: seeded random designs for the data-driven tests. */
#include <json-glib/json-glib.h>

#include "random-designs.h"

/* JsonBuilder in short: "key": value members and the "PREFIX-N" ids. */
static void
member_string (JsonBuilder *b,
               const char  *key,
               const char  *value)
{
  json_builder_set_member_name (b, key);
  json_builder_add_string_value (b, value);
}

static void
member_boolean (JsonBuilder *b,
                const char  *key,
                gboolean     value)
{
  json_builder_set_member_name (b, key);
  json_builder_add_boolean_value (b, value);
}

static void
add_id (JsonBuilder *b,
        const char  *key,
        const char  *prefix,
        guint        n)
{
  g_autofree char *id = g_strdup_printf ("%s-%u", prefix, n);

  if (key != NULL)
    json_builder_set_member_name (b, key);
  json_builder_add_string_value (b, id);
}

/* "key": ["PREFIX-i", …], each of the @n taken with probability @tenths/10. */
static void
member_ids (JsonBuilder *b,
            GRand       *rand,
            const char  *key,
            const char  *prefix,
            guint        n,
            int          tenths)
{
  json_builder_set_member_name (b, key);
  json_builder_begin_array (b);
  for (guint i = 0; i < n; i++)
    if (g_rand_int_range (rand, 0, 10) < tenths)
      add_id (b, NULL, prefix, i);
  json_builder_end_array (b);
}

#define PICK(rand, array) ((array)[g_rand_int_range (rand, 0, G_N_ELEMENTS (array))])

static void
random_rules (JsonBuilder *b,
              GRand       *rand,
              const char  *key,
              guint        n_groups)
{
  static const char *const protocols[] = { "tcp", "tcp", "all", "udp", "esp" };
  static const char *const ports[] = { "443", "all", "80", "400-500" };
  static const char *const peers[] = {
    "self", "0.0.0.0/0", "10.0.0.0/16", "10.0.1.0/24", "prefix-list:s3", NULL,
  };
  guint n_rules = g_rand_int_range (rand, 0, 4);

  json_builder_set_member_name (b, key);
  json_builder_begin_array (b);
  for (guint r = 0; r < n_rules; r++)
    {
      const char *protocol = PICK (rand, protocols);
      const char *peer = PICK (rand, peers);

      json_builder_begin_object (b);
      member_string (b, "protocol", protocol);
      if (g_str_equal (protocol, "tcp") || g_str_equal (protocol, "udp"))
        member_string (b, "ports", PICK (rand, ports));
      if (peer != NULL)
        member_string (b, "peer", peer);
      else
        add_id (b, "peer", "sg", g_rand_int_range (rand, 0, n_groups));
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
}

static const char *const random_services[] = {
  "s3",      "dynamodb", "sagemaker.api", "sagemaker.runtime", "logs", "ecr.api",
  "ecr.dkr", "sts",      "kms",
};

static void
random_endpoint (JsonBuilder *b,
                 GRand       *rand,
                 guint        i,
                 const guint *subnet_az,
                 guint        n_subnets,
                 guint        n_groups)
{
  const char *service = PICK (rand, random_services);
  gboolean gateway = (g_str_equal (service, "s3") || g_str_equal (service, "dynamodb")) &&
                     g_rand_int_range (rand, 0, 10) < 7;
  guint used_az = 0;

  json_builder_begin_object (b);
  add_id (b, "id", "ep", i);
  member_string (b, "service", service);
  member_string (b, "type", gateway ? "gateway" : "interface");
  json_builder_set_member_name (b, "subnets");
  json_builder_begin_array (b);
  for (guint s = 0; s < n_subnets; s++)
    {
      /* An interface endpoint takes at most one subnet per AZ. */
      if (g_rand_int_range (rand, 0, 10) >= 4 || (!gateway && (used_az & (1u << subnet_az[s]))))
        continue;
      used_az |= 1u << subnet_az[s];
      add_id (b, NULL, "sn", s);
    }
  json_builder_end_array (b);
  if (!gateway)
    {
      member_boolean (b, "private_dns", g_rand_int_range (rand, 0, 10) < 8);
      member_ids (b, rand, "security_groups", "sg", n_groups, 5);
    }
  json_builder_end_object (b);
}

static void
random_workload (JsonBuilder *b,
                 GRand       *rand,
                 guint        i,
                 guint        n_subnets,
                 guint        n_groups)
{
  static const char *const kinds[] = {
    "training_job", "processing_job", "batch_transform", "realtime_endpoint",
    "notebook_instance", "studio_domain", "client",
  };
  const char *kind = PICK (rand, kinds);

  json_builder_begin_object (b);
  add_id (b, "id", "w", i);
  member_string (b, "kind", kind);
  member_boolean (b, "vpc_mode", g_rand_int_range (rand, 0, 10) > 0);
  member_ids (b, rand, "subnets", "sn", n_subnets, 4);
  member_ids (b, rand, "security_groups", "sg", n_groups, 5);
  member_boolean (b, "network_isolation", g_rand_int_range (rand, 0, 5) == 0);
  json_builder_set_member_name (b, "instance_count");
  json_builder_add_int_value (b, g_rand_int_range (rand, 1, 4));
  member_string (b, "image_access", g_rand_boolean (rand) ? "vpc" : "platform");
  if (g_rand_boolean (rand))
    {
      json_builder_set_member_name (b, "calls");
      json_builder_begin_array (b);
      for (guint s = 0; s < G_N_ELEMENTS (random_services); s++)
        if (g_rand_int_range (rand, 0, 10) < 2)
          json_builder_add_string_value (b, random_services[s]);
      if (g_rand_int_range (rand, 0, 5) == 0)
        json_builder_add_string_value (b, "textract");
      json_builder_end_array (b);
    }
  member_boolean (b, "needs_internet", g_rand_int_range (rand, 0, 4) == 0);
  if (g_str_equal (kind, "notebook_instance"))
    member_boolean (b, "direct_internet_access", g_rand_boolean (rand));
  json_builder_end_object (b);
}

char *
random_design_json (guint seed)
{
  static const char *const routes[] = { "private", "nat", "public" };
  g_autoptr(GRand) rand = g_rand_new_with_seed (seed);
  g_autoptr(JsonBuilder) b = json_builder_new ();
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;
  guint n_az = g_rand_int_range (rand, 0, 4);
  guint n_subnets = n_az > 0 ? g_rand_int_range (rand, 0, 7) : 0;
  guint n_groups = g_rand_int_range (rand, 0, 4);
  guint n_endpoints = g_rand_int_range (rand, 0, 7);
  guint n_nats = n_subnets > 0 ? g_rand_int_range (rand, 0, 3) : 0;
  guint n_workloads = g_rand_int_range (rand, 1, 5);
  guint subnet_az[8];

  json_builder_begin_object (b);
  member_string (b, "format", "vpc-designer");
  json_builder_set_member_name (b, "version");
  json_builder_add_int_value (b, 1);
  member_string (b, "region", "us-east-1");
  member_string (b, "profile", g_rand_boolean (rand) ? "study-guide" : "precise");
  json_builder_set_member_name (b, "vpc");
  json_builder_begin_object (b);
  member_string (b, "cidr", "10.0.0.0/16");
  member_boolean (b, "dns_support", g_rand_int_range (rand, 0, 10) > 0);
  json_builder_end_object (b);

  json_builder_set_member_name (b, "availability_zones");
  json_builder_begin_array (b);
  for (guint i = 0; i < n_az; i++)
    {
      json_builder_begin_object (b);
      add_id (b, "id", "az", i);
      json_builder_end_object (b);
    }
  json_builder_end_array (b);

  json_builder_set_member_name (b, "subnets");
  json_builder_begin_array (b);
  for (guint i = 0; i < n_subnets; i++)
    {
      g_autofree char *cidr = g_strdup_printf ("10.0.%u.0/24", i);

      subnet_az[i] = g_rand_int_range (rand, 0, n_az);
      json_builder_begin_object (b);
      add_id (b, "id", "sn", i);
      add_id (b, "az", "az", subnet_az[i]);
      member_string (b, "cidr", cidr);
      member_string (b, "route", PICK (rand, routes));
      json_builder_end_object (b);
    }
  json_builder_end_array (b);

  json_builder_set_member_name (b, "security_groups");
  json_builder_begin_array (b);
  for (guint i = 0; i < n_groups; i++)
    {
      json_builder_begin_object (b);
      add_id (b, "id", "sg", i);
      random_rules (b, rand, "ingress", n_groups);
      /* Absent egress: AWS's default, all traffic to the world. */
      if (g_rand_int_range (rand, 0, 3) > 0)
        random_rules (b, rand, "egress", n_groups);
      json_builder_end_object (b);
    }
  json_builder_end_array (b);

  json_builder_set_member_name (b, "endpoints");
  json_builder_begin_array (b);
  for (guint i = 0; i < n_endpoints; i++)
    random_endpoint (b, rand, i, subnet_az, n_subnets, n_groups);
  json_builder_end_array (b);

  json_builder_set_member_name (b, "nat_gateways");
  json_builder_begin_array (b);
  for (guint i = 0; i < n_nats; i++)
    {
      json_builder_begin_object (b);
      add_id (b, "id", "nat", i);
      add_id (b, "subnet", "sn", g_rand_int_range (rand, 0, n_subnets));
      json_builder_end_object (b);
    }
  json_builder_end_array (b);

  json_builder_set_member_name (b, "workloads");
  json_builder_begin_array (b);
  for (guint i = 0; i < n_workloads; i++)
    random_workload (b, rand, i, n_subnets, n_groups);
  json_builder_end_array (b);
  json_builder_end_object (b);

  root = json_builder_get_root (b);
  json_generator_set_root (generator, root);
  json_generator_set_pretty (generator, TRUE);
  return json_generator_to_data (generator, NULL);
}
