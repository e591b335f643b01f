/* SPDX-License-Identifier: GPL-3.0-or-later */
/* vpc-aws-cli-import.c: a design from saved AWS CLI output (format.md §5),
 * offline, without credentials.
 *
 * Each file is the JSON one command printed; the files come in any order:
 * `aws ec2 describe-vpcs`, `describe-subnets`, `describe-route-tables`,
 * `describe-security-groups`, `describe-vpc-endpoints`,
 * `describe-nat-gateways`, `describe-availability-zones` and
 * `describe-managed-prefix-lists` (to name prefix-list peers), and
 * `aws sagemaker describe-training-job`, `describe-processing-job`,
 * `describe-transform-job`, `describe-endpoint-config`, `describe-model`,
 * `describe-notebook-instance`, `describe-domain`. A file is told by its
 * top-level keys. Routes decide `route`: a 0.0.0.0/0 route to a NAT gateway
 * is `nat`, to an internet gateway `public`, else `private`; a subnet
 * without an explicit association takes the VPC's main route table.
 */
#include "vpc-aws-cli-import.h"

#include <string.h>

#include "vpc-file.h"
#include "vpc-i18n.h"
#include "vpc-iac.h"

typedef struct
{
  GPtrArray  *warnings;
  char       *region;
  const char *vpc;
  /* The inputs, by what they hold (JsonObject, borrowed). */
  GPtrArray  *vpcs, *subnets, *tables, *groups, *endpoints, *nats, *zones, *prefix_lists;
  GPtrArray  *training, *processing, *transform, *endpoint_configs, *models, *notebooks, *domains;
  GHashTable *ids;      /* element ids taken */
  GHashTable *in_vpc;   /* AWS ids of this VPC's subnets and groups */
} CliImport;

static void
warn (CliImport  *im,
      const char *format,
      ...) G_GNUC_PRINTF (2, 3);

static void
warn (CliImport  *im,
      const char *format,
      ...)
{
  va_list args;

  va_start (args, format);
  g_ptr_array_add (im->warnings, g_strdup_vprintf (format, args));
  va_end (args);
}

static const char *
str (JsonObject *o,
     const char *key)
{
  JsonNode *node = o != NULL ? json_object_get_member (o, key) : NULL;

  return node != NULL && JSON_NODE_HOLDS_VALUE (node)
                 && json_node_get_value_type (node) == G_TYPE_STRING
             ? json_node_get_string (node)
             : NULL;
}

static JsonObject *
obj (JsonObject *o,
     const char *key)
{
  JsonNode *node = o != NULL ? json_object_get_member (o, key) : NULL;

  return node != NULL && JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
}

static JsonArray *
arr (JsonObject *o,
     const char *key)
{
  JsonNode *node = o != NULL ? json_object_get_member (o, key) : NULL;

  return node != NULL && JSON_NODE_HOLDS_ARRAY (node) ? json_node_get_array (node) : NULL;
}

static gboolean
boolean (JsonObject *o,
         const char *key,
         gboolean    fallback)
{
  JsonNode *node = o != NULL ? json_object_get_member (o, key) : NULL;

  return node != NULL && JSON_NODE_HOLDS_VALUE (node)
                 && json_node_get_value_type (node) == G_TYPE_BOOLEAN
             ? json_node_get_boolean (node)
             : fallback;
}

static gint64
integer (JsonObject *o,
         const char *key,
         gint64      fallback)
{
  JsonNode *node = o != NULL ? json_object_get_member (o, key) : NULL;

  return node != NULL && JSON_NODE_HOLDS_VALUE (node)
                 && json_node_get_value_type (node) == G_TYPE_INT64
             ? json_node_get_int (node)
             : fallback;
}

/* Appends every object of @array to @into. */
static void
take_all (GPtrArray *into,
          JsonArray *array)
{
  for (guint i = 0; array != NULL && i < json_array_get_length (array); i++)
    if (JSON_NODE_HOLDS_OBJECT (json_array_get_element (array, i)))
      g_ptr_array_add (into, json_array_get_object_element (array, i));
}

/* Each command's output by the top-level key that tells it, and the list
 * it goes in. SageMaker's describe outputs first: a notebook's own
 * "SecurityGroups" is a list of ids, not describe-security-groups. */
static const struct { const char *key; gsize offset; gboolean list; } input_kinds[] = {
  { "TrainingJobName", G_STRUCT_OFFSET (CliImport, training), FALSE },
  { "ProcessingJobName", G_STRUCT_OFFSET (CliImport, processing), FALSE },
  { "TransformJobName", G_STRUCT_OFFSET (CliImport, transform), FALSE },
  { "EndpointConfigName", G_STRUCT_OFFSET (CliImport, endpoint_configs), FALSE },
  { "NotebookInstanceName", G_STRUCT_OFFSET (CliImport, notebooks), FALSE },
  { "DomainId", G_STRUCT_OFFSET (CliImport, domains), FALSE },
  { "ModelName", G_STRUCT_OFFSET (CliImport, models), FALSE },
  { "Vpcs", G_STRUCT_OFFSET (CliImport, vpcs), TRUE },
  { "Subnets", G_STRUCT_OFFSET (CliImport, subnets), TRUE },
  { "RouteTables", G_STRUCT_OFFSET (CliImport, tables), TRUE },
  { "SecurityGroups", G_STRUCT_OFFSET (CliImport, groups), TRUE },
  { "VpcEndpoints", G_STRUCT_OFFSET (CliImport, endpoints), TRUE },
  { "NatGateways", G_STRUCT_OFFSET (CliImport, nats), TRUE },
  { "AvailabilityZones", G_STRUCT_OFFSET (CliImport, zones), TRUE },
  { "PrefixLists", G_STRUCT_OFFSET (CliImport, prefix_lists), TRUE },
};

/* Sorts one command's output into its list; FALSE when none fits. */
static gboolean
sort_input (CliImport  *im,
            JsonObject *root)
{
  for (guint i = 0; i < G_N_ELEMENTS (input_kinds); i++)
    if (json_object_has_member (root, input_kinds[i].key))
      {
        GPtrArray *into = G_STRUCT_MEMBER (GPtrArray *, im, input_kinds[i].offset);

        if (input_kinds[i].list)
          take_all (into, arr (root, input_kinds[i].key));
        else
          g_ptr_array_add (into, root);
        return TRUE;
      }
  return FALSE;
}

/* Sorts every input; the first that is no known output is an error. */
static gboolean
sort_inputs (CliImport  *im,
             GPtrArray  *roots,
             GPtrArray  *names,
             GError    **error)
{
  for (guint i = 0; i < roots->len; i++)
    {
      JsonNode *root = g_ptr_array_index (roots, i);

      if (!JSON_NODE_HOLDS_OBJECT (root) || !sort_input (im, json_node_get_object (root)))
        {
          g_set_error (error, VPC_FILE_ERROR, VPC_FILE_ERROR_FORMAT,
                       /* TRANSLATORS: %s is a file name. */
                       _("%s: neither a CloudFormation template (no Resources) nor the output of "
                          "an AWS CLI "
                          "command this import reads (aws ec2 describe-vpcs, describe-subnets, …, "
                          "aws sagemaker "
                          "describe-training-job, …)"),
                       (const char *) g_ptr_array_index (names, i));
          return FALSE;
        }
    }
  return TRUE;
}

/* The Name tag, or NULL. */
static const char *
name_tag (JsonObject *o)
{
  JsonArray *tags = arr (o, "Tags");

  for (guint i = 0; tags != NULL && i < json_array_get_length (tags); i++)
    {
      JsonObject *tag = json_array_get_object_element (tags, i);

      if (g_strcmp0 (str (tag, "Key"), "Name") == 0)
        return str (tag, "Value");
    }
  return NULL;
}

/* A new element { id, name }: @id made unique (SageMaker names may
 * repeat across kinds). */
static JsonObject *
element_new (CliImport  *im,
             const char *id,
             const char *name)
{
  JsonObject *e = json_object_new ();
  g_autofree char *unique = g_strdup (id);

  for (guint n = 2; g_hash_table_contains (im->ids, unique); n++)
    {
      g_free (unique);
      unique = g_strdup_printf ("%s-%u", id, n);
    }
  g_hash_table_add (im->ids, g_strdup (unique));
  json_object_set_string_member (e, "id", unique);
  if (name != NULL && *name != '\0' && g_strcmp0 (name, unique) != 0)
    json_object_set_string_member (e, "name", name);
  return e;
}

/* Ids of @values (strings) that belong to this VPC; the others warned of. */
static JsonArray *
ids_in_vpc (CliImport  *im,
            JsonArray  *values,
            const char *member,
            const char *where)
{
  JsonArray *ids = json_array_new ();

  for (guint i = 0; values != NULL && i < json_array_get_length (values); i++)
    {
      JsonNode *node = json_array_get_element (values, i);
      const char *id = JSON_NODE_HOLDS_OBJECT (node) ? str (json_node_get_object (node), member)
                       : JSON_NODE_HOLDS_VALUE (node) ? json_node_get_string (node) : NULL;

      if (id != NULL && g_hash_table_contains (im->in_vpc, id))
        json_array_add_string_element (ids, id);
      else if (id != NULL)
        /* TRANSLATORS: a place in the inputs, an AWS id, then a VPC id. */
        warn (im, _("%s: %s is not part of %s (or its describe output is missing); left out"),
              where, id, im->vpc);
    }
  return ids;
}

/* --- network ------------------------------------------------------------------- */

static const char *
choose_vpc (CliImport  *im,
            const char *wanted,
            GError    **error)
{
  g_autoptr(GPtrArray) seen = g_ptr_array_new ();

  for (guint i = 0; i < im->vpcs->len; i++)
    g_ptr_array_add (seen, (gpointer) str (g_ptr_array_index (im->vpcs, i), "VpcId"));
  for (guint i = 0; i < im->subnets->len; i++)
    {
      const char *vpc = str (g_ptr_array_index (im->subnets, i), "VpcId");

      if (vpc != NULL && !g_ptr_array_find_with_equal_func (seen, vpc, g_str_equal, NULL))
        g_ptr_array_add (seen, (gpointer) vpc);
    }
  if (wanted != NULL)
    {
      if (g_ptr_array_find_with_equal_func (seen, wanted, g_str_equal, NULL))
        return wanted;
      g_set_error (error, VPC_FILE_ERROR, VPC_FILE_ERROR_INVALID, _("no VPC \"%s\" in the inputs"),
                   wanted);
      return NULL;
    }
  if (seen->len == 1)
    return g_ptr_array_index (seen, 0);
  if (seen->len == 0)
    g_set_error_literal (
        error, VPC_FILE_ERROR, VPC_FILE_ERROR_INVALID,
        _("no VPC in the inputs: give the output of aws ec2 describe-vpcs or describe-subnets"));
  else
    g_set_error (error, VPC_FILE_ERROR, VPC_FILE_ERROR_INVALID,
                 ngettext ("the inputs hold %u VPC: choose one with --vpc VPC-ID",
                           "the inputs hold %u VPCs: choose one with --vpc VPC-ID", seen->len),
                 seen->len);
  return NULL;
}

static gboolean
of_vpc (CliImport  *im,
        JsonObject *o)
{
  return g_strcmp0 (str (o, "VpcId"), im->vpc) == 0;
}

/* The route table of @subnet: its explicit association, else the main one. */
static JsonObject *
table_of (CliImport  *im,
          const char *subnet)
{
  JsonObject *main_table = NULL;

  for (guint i = 0; i < im->tables->len; i++)
    {
      JsonObject *table = g_ptr_array_index (im->tables, i);
      JsonArray *associations = arr (table, "Associations");

      if (!of_vpc (im, table))
        continue;
      for (guint k = 0; associations != NULL && k < json_array_get_length (associations); k++)
        {
          JsonObject *a = json_array_get_object_element (associations, k);

          if (g_strcmp0 (str (a, "SubnetId"), subnet) == 0)
            return table;
          if (boolean (a, "Main", FALSE))
            main_table = table;
        }
    }
  return main_table;
}

static const char *
route_of (CliImport  *im,
          const char *subnet)
{
  JsonObject *table = table_of (im, subnet);
  JsonArray *routes = arr (table, "Routes");

  for (guint i = 0; routes != NULL && i < json_array_get_length (routes); i++)
    {
      JsonObject *route = json_array_get_object_element (routes, i);

      if (g_strcmp0 (str (route, "DestinationCidrBlock"), "0.0.0.0/0") != 0)
        continue;
      if (str (route, "NatGatewayId") != NULL)
        return "nat";
      if (g_str_has_prefix (str (route, "GatewayId") != NULL ? str (route, "GatewayId") : "",
                            "igw-"))
        return "public";
    }
  return "private";
}

static void
build_network (CliImport *im,
               JsonArray *azs,
               JsonArray *subnets,
               JsonArray *nats)
{
  g_autoptr(GHashTable) zones = g_hash_table_new (g_str_hash, g_str_equal);

  for (guint i = 0; i < im->subnets->len; i++)
    {
      JsonObject *sn = g_ptr_array_index (im->subnets, i);
      const char *zone = str (sn, "AvailabilityZone");
      JsonObject *e;

      if (!of_vpc (im, sn) || str (sn, "SubnetId") == NULL)
        continue;
      if (zone == NULL)
        zone = "unknown-az";
      if (g_hash_table_add (zones, (gpointer) zone))
        {
          JsonObject *az = element_new (im, zone, NULL);

          json_object_set_string_member (az, "name", zone);
          json_array_add_object_element (azs, az);
        }
      e = element_new (im, str (sn, "SubnetId"), name_tag (sn));
      json_object_set_string_member (e, "az", zone);
      if (str (sn, "CidrBlock") != NULL)
        json_object_set_string_member (e, "cidr", str (sn, "CidrBlock"));
      json_object_set_string_member (e, "route", route_of (im, str (sn, "SubnetId")));
      json_array_add_object_element (subnets, e);
      g_hash_table_add (im->in_vpc, g_strdup (str (sn, "SubnetId")));
    }
  for (guint i = 0; i < im->nats->len; i++)
    {
      JsonObject *nat = g_ptr_array_index (im->nats, i);
      JsonObject *e;

      if (!of_vpc (im, nat)
          || !g_hash_table_contains (im->in_vpc,
                                     str (nat, "SubnetId") ? str (nat, "SubnetId") : ""))
        continue;
      if (g_strcmp0 (str (nat, "State"), "deleted") == 0)
        {
          warn (im, _("NAT gateway %s is deleted; left out"), str (nat, "NatGatewayId"));
          continue;
        }
      e = element_new (im, str (nat, "NatGatewayId"), name_tag (nat));
      json_object_set_string_member (e, "subnet", str (nat, "SubnetId"));
      json_array_add_object_element (nats, e);
    }
}

/* --- security groups ----------------------------------------------------------- */

static const char *
protocol_of (const char *ip_protocol)
{
  if (ip_protocol == NULL || g_str_equal (ip_protocol, "-1"))
    return "all";
  if (g_str_equal (ip_protocol, "tcp") || g_str_equal (ip_protocol, "6"))
    return "tcp";
  if (g_str_equal (ip_protocol, "udp") || g_str_equal (ip_protocol, "17"))
    return "udp";
  if (g_str_equal (ip_protocol, "icmp") || g_str_equal (ip_protocol, "1"))
    return "icmp";
  if (g_str_equal (ip_protocol, "50") || g_str_equal (ip_protocol, "esp"))
    return "esp";
  return NULL;
}

/* "com.amazonaws.us-east-1.s3" for pl-63a5400a, from describe-managed-prefix-lists. */
static char *
prefix_list_peer (CliImport  *im,
                  const char *id)
{
  for (guint i = 0; i < im->prefix_lists->len; i++)
    {
      JsonObject *list = g_ptr_array_index (im->prefix_lists, i);
      const char *name = str (list, "PrefixListName");

      if (g_strcmp0 (str (list, "PrefixListId"), id) == 0 && name != NULL
          && g_str_has_prefix (name, "com.amazonaws."))
        {
          const char *service = strrchr (name, '.');

          return g_strconcat ("prefix-list:", service + 1, NULL);
        }
    }
  return NULL;
}

static void
add_rule (JsonArray  *rules,
          const char *protocol,
          JsonObject *permission,
          const char *peer)
{
  JsonObject *rule = json_object_new ();

  json_object_set_string_member (rule, "protocol", protocol);
  if (g_str_equal (protocol, "tcp") || g_str_equal (protocol, "udp"))
    {
      gint64 from = integer (permission, "FromPort", 0), to = integer (permission, "ToPort", 65535);
      g_autofree char *ports
          = from < 0 || (from == 0 && to == 65535) ? g_strdup ("all")
            : from == to                           ? g_strdup_printf ("%" G_GINT64_FORMAT, from)
                         : g_strdup_printf ("%" G_GINT64_FORMAT "-%" G_GINT64_FORMAT, from, to);

      json_object_set_string_member (rule, "ports", ports);
    }
  json_object_set_string_member (rule, "peer", peer);
  json_array_add_object_element (rules, rule);
}

static JsonArray *
rules_of (CliImport  *im,
          JsonObject *group,
          const char *key)
{
  JsonArray *rules = json_array_new ();
  JsonArray *permissions = arr (group, key);
  const char *self = str (group, "GroupId");

  for (guint i = 0; permissions != NULL && i < json_array_get_length (permissions); i++)
    {
      JsonObject *p = json_array_get_object_element (permissions, i);
      const char *protocol = protocol_of (str (p, "IpProtocol"));
      JsonArray  *ranges = arr (p, "IpRanges"), *pairs = arr (p, "UserIdGroupPairs"),
                *lists = arr (p, "PrefixListIds");
      /* TRANSLATORS: where in the inputs: a group id, a list of it
       * ("IpPermissions") and an index. */
      g_autofree char *where = g_strdup_printf (_("security group %s, %s[%u]"), self, key, i);

      if (protocol == NULL)
        {
          /* TRANSLATORS: a place in the inputs, then a protocol. */
          warn (im, _("%s: protocol %s is not one the design format holds; left out"), where,
                str (p, "IpProtocol"));
          continue;
        }
      for (guint k = 0; ranges != NULL && k < json_array_get_length (ranges); k++)
        if (str (json_array_get_object_element (ranges, k), "CidrIp") != NULL)
          add_rule (rules, protocol, p, str (json_array_get_object_element (ranges, k), "CidrIp"));
      for (guint k = 0; pairs != NULL && k < json_array_get_length (pairs); k++)
        {
          const char *peer = str (json_array_get_object_element (pairs, k), "GroupId");

          if (g_strcmp0 (peer, self) == 0)
            add_rule (rules, protocol, p, "self");
          else if (peer != NULL && g_hash_table_contains (im->in_vpc, peer))
            add_rule (rules, protocol, p, peer);
          else
            /* TRANSLATORS: a place in the inputs, then a group id. */
            warn (im, _("%s: peer group %s is not among the inputs; rule left out"), where,
                  peer != NULL ? peer : "?");
        }
      for (guint k = 0; lists != NULL && k < json_array_get_length (lists); k++)
        {
          const char *id = str (json_array_get_object_element (lists, k), "PrefixListId");
          g_autofree char *peer = id != NULL ? prefix_list_peer (im, id) : NULL;

          if (peer != NULL)
            add_rule (rules, protocol, p, peer);
          else
            /* TRANSLATORS: a place in the inputs, then a prefix list id. */
            warn (im,
                  _("%s: prefix list %s is unknown (add aws ec2 describe-managed-prefix-lists); "
                     "rule left out"),
                  where, id != NULL ? id : "?");
        }
      if (arr (p, "Ipv6Ranges") != NULL && json_array_get_length (arr (p, "Ipv6Ranges")) > 0)
        /* TRANSLATORS: %s is a place in the inputs. */
        warn (im, _("%s: IPv6 ranges are not part of the design format; left out"), where);
    }
  return rules;
}

static void
build_groups (CliImport *im,
              JsonArray *groups)
{
  for (guint i = 0; i < im->groups->len; i++)
    if (of_vpc (im, g_ptr_array_index (im->groups, i))
        && str (g_ptr_array_index (im->groups, i), "GroupId") != NULL)
      g_hash_table_add (im->in_vpc, g_strdup (str (g_ptr_array_index (im->groups, i), "GroupId")));
  for (guint i = 0; i < im->groups->len; i++)
    {
      JsonObject *g = g_ptr_array_index (im->groups, i);
      JsonObject *e;

      if (!of_vpc (im, g) || str (g, "GroupId") == NULL)
        continue;
      e = element_new (im, str (g, "GroupId"),
                       name_tag (g) != NULL ? name_tag (g) : str (g, "GroupName"));
      json_object_set_array_member (e, "ingress", rules_of (im, g, "IpPermissions"));
      json_object_set_array_member (e, "egress", rules_of (im, g, "IpPermissionsEgress"));
      json_array_add_object_element (groups, e);
    }
}

/* --- endpoints ------------------------------------------------------------------ */

static void
build_endpoints (CliImport *im,
                 JsonArray *list)
{
  for (guint i = 0; i < im->endpoints->len; i++)
    {
      JsonObject *ep = g_ptr_array_index (im->endpoints, i);
      const char *service = str (ep, "ServiceName");
      const char *type = str (ep, "VpcEndpointType");
      /* TRANSLATORS: where in the inputs: %s is an endpoint id. */
      g_autofree char *where = g_strdup_printf (_("endpoint %s"), str (ep, "VpcEndpointId"));
      JsonObject *e;

      if (!of_vpc (im, ep) || str (ep, "VpcEndpointId") == NULL)
        continue;
      if (service == NULL || !g_str_has_prefix (service, "com.amazonaws."))
        {
          /* TRANSLATORS: a place in the inputs, then a service name. */
          warn (im, _("%s: service %s is not an AWS service the design names; left out"), where,
                service != NULL ? service : "?");
          continue;
        }
      e = element_new (im, str (ep, "VpcEndpointId"), name_tag (ep));
      /* com.amazonaws.REGION.SERVICE: the service may hold dots. */
      {
        const char *rest = service + strlen ("com.amazonaws.");
        const char *dot = strchr (rest, '.');

        json_object_set_string_member (e, "service", dot != NULL ? dot + 1 : rest);
      }
      if (g_strcmp0 (type, "Gateway") == 0)
        {
          JsonArray *subnets = json_array_new ();
          JsonArray *tables = arr (ep, "RouteTableIds");

          json_object_set_string_member (e, "type", "gateway");
          for (guint s = 0; s < im->subnets->len; s++)
            {
              const char *subnet = str (g_ptr_array_index (im->subnets, s), "SubnetId");
              JsonObject *table = subnet != NULL && g_hash_table_contains (im->in_vpc, subnet)
                                      ? table_of (im, subnet)
                                      : NULL;

              for (guint t = 0;
                   table != NULL && tables != NULL && t < json_array_get_length (tables); t++)
                if (g_strcmp0 (json_array_get_string_element (tables, t),
                               str (table, "RouteTableId"))
                    == 0)
                  json_array_add_string_element (subnets, subnet);
            }
          json_object_set_array_member (e, "subnets", subnets);
        }
      else
        {
          g_autofree char *subnets_where = g_strconcat (where, ", SubnetIds", NULL);
          g_autofree char *groups_where = g_strconcat (where, ", Groups", NULL);

          if (g_strcmp0 (type, "Interface") != 0)
            /* TRANSLATORS: a place in the inputs, then an endpoint type
             * ("GatewayLoadBalancer"). */
            warn (im, _("%s: a %s endpoint, kept as an interface endpoint"), where,
                  type != NULL ? type : _("typeless"));
          json_object_set_string_member (e, "type", "interface");
          json_object_set_array_member (
              e, "subnets", ids_in_vpc (im, arr (ep, "SubnetIds"), NULL, subnets_where));
          json_object_set_boolean_member (e, "private_dns",
                                          boolean (ep, "PrivateDnsEnabled", FALSE));
          json_object_set_array_member (
              e, "security_groups", ids_in_vpc (im, arr (ep, "Groups"), "GroupId", groups_where));
        }
      json_array_add_object_element (list, e);
    }
}

/* --- SageMaker -------------------------------------------------------------------- */

/* A workload of @kind with @config's Subnets and SecurityGroupIds. */
static JsonObject *
workload_new (CliImport  *im,
              const char *kind,
              const char *name,
              JsonObject *config,
              gboolean    isolation)
{
  JsonObject *e = element_new (im, name, NULL);
  g_autofree char *subnets_where = g_strdup_printf ("%s %s, VpcConfig.Subnets", kind, name);
  g_autofree char *groups_where = g_strdup_printf ("%s %s, VpcConfig.SecurityGroupIds", kind, name);

  json_object_set_string_member (e, "kind", kind);
  json_object_set_boolean_member (e, "vpc_mode", config != NULL);
  json_object_set_array_member (e, "subnets",
                                ids_in_vpc (im, arr (config, "Subnets"), NULL, subnets_where));
  json_object_set_array_member (
      e, "security_groups", ids_in_vpc (im, arr (config, "SecurityGroupIds"), NULL, groups_where));
  json_object_set_boolean_member (e, "network_isolation", isolation);
  return e;
}

static JsonObject *
model_named (CliImport  *im,
             const char *name)
{
  for (guint i = 0; i < im->models->len; i++)
    if (g_strcmp0 (str (g_ptr_array_index (im->models, i), "ModelName"), name) == 0)
      return g_ptr_array_index (im->models, i);
  return NULL;
}

static const char *
access_mode (const char *mode)
{
  return g_strcmp0 (mode, "Vpc") == 0 ? "vpc" : "platform";
}

/* Whether the workload belongs to this VPC: a subnet or group in it, or
 * no VpcConfig at all (it then runs outside, which the design shows). */
static gboolean
belongs (JsonObject *e)
{
  return !json_object_get_boolean_member (e, "vpc_mode") ||
         json_array_get_length (json_object_get_array_member (e, "subnets")) > 0 ||
         json_array_get_length (json_object_get_array_member (e, "security_groups")) > 0;
}

static void
add_training_jobs (CliImport *im,
                   JsonArray *list)
{
  for (guint i = 0; i < im->training->len; i++)
    {
      JsonObject *job = g_ptr_array_index (im->training, i);
      JsonObject *e
          = workload_new (im, "training_job", str (job, "TrainingJobName"), obj (job, "VpcConfig"),
                          boolean (job, "EnableNetworkIsolation", FALSE));
      JsonObject *image = obj (obj (job, "AlgorithmSpecification"), "TrainingImageConfig");

      json_object_set_int_member (
          e, "instance_count", MAX (1, integer (obj (job, "ResourceConfig"), "InstanceCount", 1)));
      json_object_set_boolean_member (
          e, "inter_container_encryption",
          boolean (job, "EnableInterContainerTrafficEncryption", FALSE));
      json_object_set_string_member (e, "image_access",
                                     access_mode (str (image, "TrainingRepositoryAccessMode")));
      json_array_add_object_element (list, e);
    }
}

static void
add_processing_jobs (CliImport *im,
                     JsonArray *list)
{
  for (guint i = 0; i < im->processing->len; i++)
    {
      JsonObject *job = g_ptr_array_index (im->processing, i);
      JsonObject *network = obj (job, "NetworkConfig");
      JsonObject *e = workload_new (im, "processing_job", str (job, "ProcessingJobName"),
                                    obj (network, "VpcConfig"),
                                    boolean (network, "EnableNetworkIsolation", FALSE));

      json_object_set_int_member (
          e, "instance_count",
          MAX (1, integer (obj (obj (job, "ProcessingResources"), "ClusterConfig"), "InstanceCount",
                           1)));
      json_object_set_boolean_member (
          e, "inter_container_encryption",
          boolean (network, "EnableInterContainerTrafficEncryption", FALSE));
      json_array_add_object_element (list, e);
    }
}

/* Adds the transform jobs; the models they use go in @used. */
static void
add_transform_jobs (CliImport  *im,
                    JsonArray  *list,
                    GHashTable *used)
{
  for (guint i = 0; i < im->transform->len; i++)
    {
      JsonObject *job = g_ptr_array_index (im->transform, i);
      JsonObject *model = model_named (im, str (job, "ModelName"));
      JsonObject *e;

      /* A transform job runs in its model's VpcConfig. */
      if (model == NULL)
        /* TRANSLATORS: a job name, then a model name. */
        warn (im,
              _("transform job %s: its model %s is not among the inputs (add aws sagemaker "
                 "describe-model); "
                 "taken as running outside the VPC"),
              str (job, "TransformJobName"), str (job, "ModelName"));
      else
        g_hash_table_add (used, (gpointer) str (model, "ModelName"));
      e = workload_new (im, "batch_transform", str (job, "TransformJobName"),
                        obj (model, "VpcConfig"), boolean (model, "EnableNetworkIsolation", FALSE));
      json_object_set_int_member (
          e, "instance_count",
          MAX (1, integer (obj (job, "TransformResources"), "InstanceCount", 1)));
      json_object_set_string_member (
          e, "image_access",
          access_mode (
              str (obj (obj (model, "PrimaryContainer"), "ImageConfig"), "RepositoryAccessMode")));
      json_array_add_object_element (list, e);
    }
}

/* Models behind endpoint configurations are real-time endpoints; the
 * models go in @used. */
static void
add_realtime_endpoints (CliImport  *im,
                        JsonArray  *list,
                        GHashTable *used)
{
  for (guint i = 0; i < im->endpoint_configs->len; i++)
    {
      JsonObject *config = g_ptr_array_index (im->endpoint_configs, i);
      JsonArray *variants = arr (config, "ProductionVariants");

      for (guint v = 0; variants != NULL && v < json_array_get_length (variants); v++)
        {
          JsonObject *variant = json_array_get_object_element (variants, v);
          JsonObject *model = model_named (im, str (variant, "ModelName"));
          JsonObject *e;

          if (model == NULL)
            {
              /* TRANSLATORS: an endpoint configuration name, then a model
               * name. */
              warn (im,
                    _("endpoint configuration %s: model %s is not among the inputs (add aws "
                       "sagemaker "
                       "describe-model); left out"),
                    str (config, "EndpointConfigName"), str (variant, "ModelName"));
              continue;
            }
          g_hash_table_add (used, (gpointer) str (model, "ModelName"));
          e = workload_new (im, "realtime_endpoint", str (config, "EndpointConfigName"),
                            obj (model, "VpcConfig"),
                            boolean (model, "EnableNetworkIsolation", FALSE));
          json_object_set_int_member (e, "instance_count",
                                      MAX (1, integer (variant, "InitialInstanceCount", 1)));
          json_object_set_string_member (
              e, "image_access",
              access_mode (str (obj (obj (model, "PrimaryContainer"), "ImageConfig"),
                                "RepositoryAccessMode")));
          json_array_add_object_element (list, e);
        }
    }
}

/* A model nothing in @used runs is warned of: it alone is no workload. */
static void
warn_unused_models (CliImport  *im,
                    GHashTable *used)
{
  for (guint i = 0; i < im->models->len; i++)
    if (str (g_ptr_array_index (im->models, i), "ModelName") != NULL &&
        !g_hash_table_contains (used, str (g_ptr_array_index (im->models, i), "ModelName")))
      warn (im, _("model %s: no endpoint configuration or transform job uses it; left out"),
            str (g_ptr_array_index (im->models, i), "ModelName"));
}

static void
add_notebooks (CliImport *im,
               JsonArray *list)
{
  for (guint i = 0; i < im->notebooks->len; i++)
    {
      JsonObject *nb = g_ptr_array_index (im->notebooks, i);
      JsonObject *config = json_object_new ();
      JsonArray *subnets = json_array_new ();
      JsonObject *e;

      if (str (nb, "SubnetId") != NULL)
        json_array_add_string_element (subnets, str (nb, "SubnetId"));
      json_object_set_array_member (config, "Subnets", subnets);
      if (arr (nb, "SecurityGroups") != NULL)
        json_object_set_member (config, "SecurityGroupIds",
                                json_node_copy (json_object_get_member (nb, "SecurityGroups")));
      e = workload_new (im, "notebook_instance", str (nb, "NotebookInstanceName"),
                        str (nb, "SubnetId") != NULL ? config : NULL, FALSE);
      json_object_set_boolean_member (e, "direct_internet_access",
                                      g_strcmp0 (str (nb, "DirectInternetAccess"), "Disabled")
                                          != 0);
      json_object_unref (config);
      json_array_add_object_element (list, e);
    }
}

static void
add_studio_domains (CliImport *im,
                    JsonArray *list)
{
  for (guint i = 0; i < im->domains->len; i++)
    {
      JsonObject *domain = g_ptr_array_index (im->domains, i);
      JsonObject *config = json_object_new ();
      JsonObject *e;

      if (arr (domain, "SubnetIds") != NULL)
        json_object_set_member (config, "Subnets",
                                json_node_copy (json_object_get_member (domain, "SubnetIds")));
      if (arr (obj (domain, "DefaultUserSettings"), "SecurityGroups") != NULL)
        json_object_set_member (config, "SecurityGroupIds",
                                json_node_copy (json_object_get_member (
                                    obj (domain, "DefaultUserSettings"), "SecurityGroups")));
      e = workload_new (im, "studio_domain",
                        str (domain, "DomainName") ? str (domain, "DomainName")
                                                   : str (domain, "DomainId"),
                        config, FALSE);
      json_object_set_boolean_member (
          e, "vpc_mode", g_strcmp0 (str (domain, "AppNetworkAccessType"), "VpcOnly") == 0);
      json_object_unref (config);
      json_array_add_object_element (list, e);
    }
}

/* Workloads of another VPC are not this design's. */
static void
drop_other_vpc_workloads (CliImport *im,
                          JsonArray *list)
{
  for (guint i = json_array_get_length (list); i-- > 0;)
    if (!belongs (json_array_get_object_element (list, i)))
      {
        warn (im, _("%s runs in another VPC; left out"),
              json_object_get_string_member (json_array_get_object_element (list, i), "id"));
        json_array_remove_element (list, i);
      }
}

static void
build_workloads (CliImport *im,
                 JsonArray *list)
{
  /* Models some transform job or endpoint configuration runs. */
  g_autoptr(GHashTable) used = g_hash_table_new (g_str_hash, g_str_equal);

  add_training_jobs (im, list);
  add_processing_jobs (im, list);
  add_transform_jobs (im, list, used);
  add_realtime_endpoints (im, list, used);
  warn_unused_models (im, used);
  add_notebooks (im, list);
  add_studio_domains (im, list);
  drop_other_vpc_workloads (im, list);
}

/* --- the whole -------------------------------------------------------------------- */

/* The region: asked for, else the AZs', else the subnets' AZs', else
 * us-east-1. */
static char *
choose_region (CliImport  *im,
               const char *region)
{
  if (region != NULL)
    return g_strdup (region);
  for (guint i = 0; i < im->zones->len; i++)
    if (str (g_ptr_array_index (im->zones, i), "RegionName") != NULL)
      return g_strdup (str (g_ptr_array_index (im->zones, i), "RegionName"));
  for (guint i = 0; i < im->subnets->len; i++)
    {
      const char *zone = str (g_ptr_array_index (im->subnets, i), "AvailabilityZone");

      if (zone != NULL && strlen (zone) > 1 && g_ascii_isalpha (zone[strlen (zone) - 1]))
        return g_strndup (zone, strlen (zone) - 1);
    }
  return g_strdup ("us-east-1");
}

/* The design's "vpc": the chosen VPC's CIDR and Name tag when
 * describe-vpcs was given. */
static JsonObject *
vpc_object_new (CliImport *im)
{
  JsonObject *vpc_object = json_object_new ();

  json_object_set_string_member (vpc_object, "name", im->vpc);
  json_object_set_string_member (vpc_object, "cidr", "10.0.0.0/16");
  for (guint i = 0; i < im->vpcs->len; i++)
    {
      JsonObject *v = g_ptr_array_index (im->vpcs, i);

      if (g_strcmp0 (str (v, "VpcId"), im->vpc) != 0)
        continue;
      if (str (v, "CidrBlock") != NULL)
        json_object_set_string_member (vpc_object, "cidr", str (v, "CidrBlock"));
      if (name_tag (v) != NULL)
        json_object_set_string_member (vpc_object, "name", name_tag (v));
    }
  if (im->vpcs->len == 0)
    warn (im, _("no aws ec2 describe-vpcs output: the VPC's CIDR is taken as 10.0.0.0/16"));
  return vpc_object;
}

/* The design document (format.md) of the sorted inputs. */
static JsonObject *
design_new (CliImport *im)
{
  JsonObject *design = json_object_new ();
  JsonArray *azs = json_array_new (), *subnets = json_array_new (), *groups = json_array_new ();
  JsonArray  *endpoints = json_array_new (), *nats = json_array_new (),
            *workloads = json_array_new ();

  build_network (im, azs, subnets, nats);
  build_groups (im, groups);
  build_endpoints (im, endpoints);
  build_workloads (im, workloads);

  json_object_set_string_member (design, "format", "vpc-designer");
  json_object_set_int_member (design, "version", 1);
  json_object_set_string_member (design, "name", im->vpc);
  json_object_set_string_member (design, "region", im->region);
  json_object_set_object_member (design, "vpc", vpc_object_new (im));
  json_object_set_array_member (design, "availability_zones", azs);
  json_object_set_array_member (design, "subnets", subnets);
  json_object_set_array_member (design, "security_groups", groups);
  json_object_set_array_member (design, "endpoints", endpoints);
  json_object_set_array_member (design, "nat_gateways", nats);
  json_object_set_array_member (design, "workloads", workloads);
  return design;
}

VpcDesign *
vpc_aws_cli_import (GPtrArray  *roots,
                    GPtrArray  *names,
                    const char *vpc,
                    const char *region,
                    GPtrArray  *warnings,
                    GError    **error)
{
  CliImport im = { warnings };
  VpcDesign *result = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (input_kinds); i++)
    G_STRUCT_MEMBER (GPtrArray *, &im, input_kinds[i].offset) = g_ptr_array_new ();
  im.ids = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  im.in_vpc = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  if (sort_inputs (&im, roots, names, error)
      && (im.vpc = choose_vpc (&im, vpc, error)) != NULL)
    {
      g_autoptr(JsonObject) design = NULL;

      im.region = choose_region (&im, region);
      design = design_new (&im);
      result = vpc_iac_load_design (design, warnings, error);
    }

  for (guint i = 0; i < G_N_ELEMENTS (input_kinds); i++)
    g_ptr_array_unref (G_STRUCT_MEMBER (GPtrArray *, &im, input_kinds[i].offset));
  g_hash_table_unref (im.ids);
  g_hash_table_unref (im.in_vpc);
  g_free (im.region);
  return result;
}
