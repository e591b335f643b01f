/* SPDX-License-Identifier: GPL-3.0-or-later */
/* vpc-cfn-export.c: a CloudFormation template of a design.
 *
 * The VPC, each subnet with its own route table (a default route to a NAT
 * gateway of its AZ or to the internet gateway, as its `route` says), NAT
 * gateways with their Elastic IPs, security groups (rules with CIDR and
 * prefix-list peers inline, rules between groups as their own resources so
 * that a group may name itself), VPC endpoints, and the SageMaker
 * resources CloudFormation declares: notebook instances, Studio domains,
 * and real-time endpoints as Model, EndpointConfig and Endpoint. Training,
 * processing and transform jobs and client applications, which
 * CloudFormation cannot declare, become Outputs carrying their VpcConfig.
 * Parameters hold what a template user supplies: AZ names (defaulting to
 * the design's), the SageMaker execution role, the model image, and the
 * ids of AWS-managed prefix lists.
 */
#include "vpc-cfn.h"

#include <string.h>

/* Settings a template needs that the design does not hold. */
#define NOTEBOOK_INSTANCE_TYPE "ml.t3.medium"
#define ENDPOINT_INSTANCE_TYPE "ml.m5.large"
#define ROLE_PARAMETER         "SageMakerExecutionRoleArn"
#define IMAGE_PARAMETER        "ModelImageUri"
#define MODEL_DATA_PARAMETER   "ModelDataUrl"

typedef struct
{
  VpcDesign  *design;
  GHashTable *used;      /* logical ids taken */
  GHashTable *logical;   /* element id → logical id */
  JsonObject *parameters;
  JsonObject *resources;
  JsonObject *outputs;
  JsonObject *metadata;  /* the template's VpcDesigner metadata */
  JsonObject *prefix_lists;
  JsonArray  *output_workloads;
  char       *igw;       /* the internet gateway's logical id, or NULL */
  char       *igw_attachment;
  GHashTable *tables;    /* subnet id → its route table's logical id */
} Export;

/* --- names ------------------------------------------------------------------ */

char *
vpc_cfn_logical_id (const char *id)
{
  GString *out = g_string_new (NULL);
  gboolean upper = TRUE;

  for (const char *c = id; c != NULL && *c != '\0'; c++)
    {
      if (!g_ascii_isalnum (*c))
        {
          upper = TRUE;
          continue;
        }
      g_string_append_c (out, upper ? g_ascii_toupper (*c) : *c);
      upper = FALSE;
    }
  if (out->len == 0 || g_ascii_isdigit (out->str[0]))
    g_string_prepend_c (out, 'X');
  return g_string_free (out, FALSE);
}

/* @base, or @base2, @base3… when taken; reserved for the template. */
static const char *
unique (Export     *ex,
        const char *base)
{
  char *name = g_strdup (base);

  for (guint n = 2; g_hash_table_contains (ex->used, name); n++)
    {
      g_free (name);
      name = g_strdup_printf ("%s%u", base, n);
    }
  g_hash_table_add (ex->used, name);
  return name;
}

static const char *
logical_of (Export     *ex,
            const char *id)
{
  return g_hash_table_lookup (ex->logical, id);
}

/* "PrivateARouteTable" and the like: @id's logical id plus @suffix. */
static const char *
derived (Export     *ex,
         const char *id,
         const char *suffix)
{
  g_autofree char *base = g_strconcat (logical_of (ex, id), suffix, NULL);

  return unique (ex, base);
}

/* --- nodes ------------------------------------------------------------------ */

static JsonNode *
ref (const char *name)
{
  JsonObject *object = json_object_new ();
  JsonNode *node = json_node_new (JSON_NODE_OBJECT);

  json_object_set_string_member (object, "Ref", name);
  json_node_take_object (node, object);
  return node;
}

static JsonNode *
get_att (const char *name,
         const char *attribute)
{
  JsonObject *object = json_object_new ();
  JsonArray *args = json_array_new ();
  JsonNode *node = json_node_new (JSON_NODE_OBJECT);

  json_array_add_string_element (args, name);
  json_array_add_string_element (args, attribute);
  json_object_set_array_member (object, "Fn::GetAtt", args);
  json_node_take_object (node, object);
  return node;
}

static JsonNode *
sub (const char *text)
{
  JsonObject *object = json_object_new ();
  JsonNode *node = json_node_new (JSON_NODE_OBJECT);

  json_object_set_string_member (object, "Fn::Sub", text);
  json_node_take_object (node, object);
  return node;
}

static JsonArray *
name_tags (const VpcElement *e)
{
  JsonArray *tags = json_array_new ();
  JsonObject *tag = json_object_new ();

  json_object_set_string_member (tag, "Key", "Name");
  json_object_set_string_member (tag, "Value", vpc_element_get_display_name (e));
  json_array_add_object_element (tags, tag);
  return tags;
}

static JsonObject *
layout_object (const VpcRect *r)
{
  JsonObject *layout = json_object_new ();

  json_object_set_double_member (layout, "x", r->x);
  json_object_set_double_member (layout, "y", r->y);
  json_object_set_double_member (layout, "w", r->w);
  json_object_set_double_member (layout, "h", r->h);
  return layout;
}

static JsonArray *
id_array (const GPtrArray *ids)
{
  JsonArray *array = json_array_new ();

  for (guint i = 0; ids != NULL && i < ids->len; i++)
    json_array_add_string_element (array, g_ptr_array_index (ids, i));
  return array;
}

/* The element's facts for the way back: id, name, layout. */
static JsonObject *
element_meta (const VpcElement *e)
{
  JsonObject *meta = json_object_new ();

  json_object_set_string_member (meta, "id", e->id);
  if (e->name != NULL)
    json_object_set_string_member (meta, "name", e->name);
  if (e->has_layout)
    json_object_set_object_member (meta, "layout", layout_object (&e->layout));
  return meta;
}

/* Adds Resources.@name = { Type, Metadata, Properties } and returns the
 * properties to fill. @meta may be NULL. */
static JsonObject *
add_resource (Export     *ex,
              const char *name,
              const char *type,
              JsonObject *meta)
{
  JsonObject *resource = json_object_new ();
  JsonObject *properties = json_object_new ();

  json_object_set_string_member (resource, "Type", type);
  if (meta != NULL)
    {
      JsonObject *metadata = json_object_new ();

      json_object_set_object_member (metadata, VPC_CFN_METADATA_KEY, meta);
      json_object_set_object_member (resource, "Metadata", metadata);
    }
  json_object_set_object_member (resource, "Properties", properties);
  json_object_set_object_member (ex->resources, name, resource);
  return properties;
}

static void
add_parameter (Export     *ex,
               const char *name,
               const char *type,
               const char *default_value,
               const char *description)
{
  JsonObject *parameter;

  if (json_object_has_member (ex->parameters, name))
    return;
  parameter = json_object_new ();
  json_object_set_string_member (parameter, "Type", type);
  if (default_value != NULL)
    json_object_set_string_member (parameter, "Default", default_value);
  json_object_set_string_member (parameter, "Description", description);
  json_object_set_object_member (ex->parameters, name, parameter);
}

static JsonNode *
role_ref (Export *ex)
{
  add_parameter (ex, ROLE_PARAMETER, "String", NULL,
                 "ARN of the IAM role SageMaker assumes for the notebooks, domains and models");
  return ref (ROLE_PARAMETER);
}

/* --- network ----------------------------------------------------------------- */

static void
export_vpc (Export *ex)
{
  const VpcDesignInfo *info = vpc_design_get_info (ex->design);
  JsonObject *p = add_resource (ex, "Vpc", "AWS::EC2::VPC", NULL); /* reserved first */
  JsonArray *tags = json_array_new ();
  JsonObject *tag = json_object_new ();

  json_object_set_string_member (p, "CidrBlock", info->vpc_cidr);
  json_object_set_boolean_member (p, "EnableDnsSupport", info->dns_support);
  json_object_set_boolean_member (p, "EnableDnsHostnames", info->dns_hostnames);
  json_object_set_string_member (tag, "Key", "Name");
  json_object_set_string_member (tag, "Value", info->vpc_name);
  json_array_add_object_element (tags, tag);
  json_object_set_array_member (p, "Tags", tags);
}

static void
export_azs (Export    *ex,
            JsonArray *azs)
{
  for (guint i = 0; i < vpc_design_get_n_elements (ex->design, VPC_KIND_AZ); i++)
    {
      const VpcElement *az = vpc_design_get_element (ex->design, VPC_KIND_AZ, i);
      g_autofree char *base = g_strconcat ("Az", logical_of (ex, az->id), NULL);
      const char *parameter = unique (ex, base);
      JsonObject *meta = element_meta (az);
      g_autofree char *description = g_strdup_printf ("The availability zone the design calls %s",
                                                      vpc_element_get_display_name (az));

      add_parameter (ex, parameter, "AWS::EC2::AvailabilityZone::Name",
                     vpc_element_get_display_name (az), description);
      json_object_set_string_member (meta, "parameter", parameter);
      json_array_add_object_element (azs, meta);
      g_hash_table_replace (ex->logical, g_strdup (az->id), g_strdup (parameter));
    }
}

static void
export_internet_gateway (Export *ex)
{
  const char *attachment;
  JsonObject *p;

  for (guint i = 0; i < vpc_design_get_n_elements (ex->design, VPC_KIND_SUBNET); i++)
    if (vpc_design_get_element (ex->design, VPC_KIND_SUBNET, i)->route == VPC_ROUTE_PUBLIC)
      {
        ex->igw = g_strdup (unique (ex, "InternetGateway"));
        add_resource (ex, ex->igw, "AWS::EC2::InternetGateway", NULL);
        attachment = unique (ex, "InternetGatewayAttachment");
        ex->igw_attachment = g_strdup (attachment);
        p = add_resource (ex, attachment, "AWS::EC2::VPCGatewayAttachment", NULL);
        json_object_set_member (p, "VpcId", ref ("Vpc"));
        json_object_set_member (p, "InternetGatewayId", ref (ex->igw));
        return;
      }
}

/* A NAT gateway for @subnet's default route: one in its AZ, else any. */
static const VpcElement *
nat_for (Export           *ex,
         const VpcElement *subnet)
{
  const VpcElement *any = NULL;

  for (guint i = 0; i < vpc_design_get_n_elements (ex->design, VPC_KIND_NAT_GATEWAY); i++)
    {
      const VpcElement *nat = vpc_design_get_element (ex->design, VPC_KIND_NAT_GATEWAY, i);
      const VpcElement *home = vpc_design_lookup (ex->design, nat->subnet);

      if (home != NULL && g_strcmp0 (home->az, subnet->az) == 0)
        return nat;
      if (any == NULL)
        any = nat;
    }
  return any;
}

static void
export_subnets (Export *ex)
{
  for (guint i = 0; i < vpc_design_get_n_elements (ex->design, VPC_KIND_SUBNET); i++)
    {
      const VpcElement *sn = vpc_design_get_element (ex->design, VPC_KIND_SUBNET, i);
      JsonObject *meta = element_meta (sn);
      const char *name = logical_of (ex, sn->id);
      const char *table = derived (ex, sn->id, "RouteTable");
      JsonObject *p;

      g_hash_table_replace (ex->tables, g_strdup (sn->id), g_strdup (table));
      json_object_set_string_member (meta, "az", sn->az);
      json_object_set_string_member (meta, "route", vpc_route_to_string (sn->route));
      p = add_resource (ex, name, "AWS::EC2::Subnet", meta);
      json_object_set_member (p, "VpcId", ref ("Vpc"));
      json_object_set_string_member (p, "CidrBlock", sn->cidr);
      json_object_set_member (p, "AvailabilityZone", ref (logical_of (ex, sn->az)));
      json_object_set_array_member (p, "Tags", name_tags (sn));

      p = add_resource (ex, table, "AWS::EC2::RouteTable", NULL);
      json_object_set_member (p, "VpcId", ref ("Vpc"));
      p = add_resource (ex, derived (ex, sn->id, "RouteTableAssociation"),
                        "AWS::EC2::SubnetRouteTableAssociation", NULL);
      json_object_set_member (p, "SubnetId", ref (name));
      json_object_set_member (p, "RouteTableId", ref (table));

      if (sn->route == VPC_ROUTE_PUBLIC && ex->igw != NULL)
        {
          const char *route = derived (ex, sn->id, "DefaultRoute");
          JsonObject *resource;
          JsonArray *depends = json_array_new ();

          p = add_resource (ex, route, "AWS::EC2::Route", NULL);
          json_object_set_member (p, "RouteTableId", ref (table));
          json_object_set_string_member (p, "DestinationCidrBlock", "0.0.0.0/0");
          json_object_set_member (p, "GatewayId", ref (ex->igw));
          /* The route needs the gateway attached first. */
          resource = json_object_get_object_member (ex->resources, route);
          json_array_add_string_element (depends, ex->igw_attachment);
          json_object_set_array_member (resource, "DependsOn", depends);
        }
      else if (sn->route == VPC_ROUTE_NAT && nat_for (ex, sn) != NULL)
        {
          p = add_resource (ex, derived (ex, sn->id, "DefaultRoute"), "AWS::EC2::Route", NULL);
          json_object_set_member (p, "RouteTableId", ref (table));
          json_object_set_string_member (p, "DestinationCidrBlock", "0.0.0.0/0");
          json_object_set_member (p, "NatGatewayId", ref (logical_of (ex, nat_for (ex, sn)->id)));
        }
    }
}

static void
export_nat_gateways (Export *ex)
{
  for (guint i = 0; i < vpc_design_get_n_elements (ex->design, VPC_KIND_NAT_GATEWAY); i++)
    {
      const VpcElement *nat = vpc_design_get_element (ex->design, VPC_KIND_NAT_GATEWAY, i);
      const char *eip = derived (ex, nat->id, "Eip");
      JsonObject *meta = element_meta (nat);
      JsonObject *p;

      json_object_set_double_member (meta, "gb_per_month", nat->gb_per_month);
      p = add_resource (ex, eip, "AWS::EC2::EIP", NULL);
      json_object_set_string_member (p, "Domain", "vpc");
      p = add_resource (ex, logical_of (ex, nat->id), "AWS::EC2::NatGateway", meta);
      json_object_set_member (p, "SubnetId", ref (logical_of (ex, nat->subnet)));
      json_object_set_member (p, "AllocationId", get_att (eip, "AllocationId"));
      json_object_set_array_member (p, "Tags", name_tags (nat));
    }
}

/* --- security groups --------------------------------------------------------- */

static gboolean
is_group_peer (const char *peer)
{
  return g_strcmp0 (peer, "self") == 0 ||
         (!g_str_has_prefix (peer, "prefix-list:") && strchr (peer, '/') == NULL);
}

/* A rule's protocol, ports and peer as properties of @rule_object. */
static void
rule_properties (Export           *ex,
                 const VpcElement *group,
                 const VpcSgRule  *rule,
                 gboolean          ingress,
                 JsonObject       *r)
{
  const char *peer = rule->peer;

  json_object_set_string_member (r, "IpProtocol", vpc_protocol_to_ip_protocol (rule->protocol));
  if (rule->protocol == VPC_PROTOCOL_TCP || rule->protocol == VPC_PROTOCOL_UDP)
    {
      json_object_set_int_member (r, "FromPort", rule->port_from);
      json_object_set_int_member (r, "ToPort", rule->port_to);
    }
  else if (rule->protocol == VPC_PROTOCOL_ICMP)
    {
      json_object_set_int_member (r, "FromPort", -1);
      json_object_set_int_member (r, "ToPort", -1);
    }
  if (g_str_has_prefix (peer, "prefix-list:"))
    {
      const char *service = peer + strlen ("prefix-list:");
      g_autofree char *service_id = vpc_cfn_logical_id (service);
      g_autofree char *parameter = g_strconcat ("PrefixList", service_id, NULL);
      g_autofree char *description = g_strdup_printf ("Id of the AWS-managed prefix list "
                                                      "com.amazonaws.<region>.%s (aws ec2 "
                                                      "describe-managed-prefix-lists)", service);

      add_parameter (ex, parameter, "String", NULL, description);
      json_object_set_string_member (ex->prefix_lists, parameter, service);
      json_object_set_member (r, ingress ? "SourcePrefixListId" : "DestinationPrefixListId",
                              ref (parameter));
    }
  else if (is_group_peer (peer))
    {
      const char *target = g_str_equal (peer, "self") ? group->id : peer;

      json_object_set_member (r, ingress ? "SourceSecurityGroupId" : "DestinationSecurityGroupId",
                              get_att (logical_of (ex, target), "GroupId"));
    }
  else
    json_object_set_string_member (r, "CidrIp", peer);
}

/* GroupDescription takes ASCII letters, digits, spaces and ._-:/()#,@[]+=&;{}!$* only. */
static char *
group_description (const VpcElement *group)
{
  const char *name = vpc_element_get_display_name (group);
  GString *text = g_string_new (NULL);

  for (const char *c = name; *c != '\0' && text->len < 250; c++)
    g_string_append_c (
        text, g_ascii_isalnum (*c) || strchr (" ._-:/()#,@[]+=&;{}!$*", *c) != NULL ? *c : '_');
  if (text->len == 0)
    g_string_append (text, group->id);
  return g_string_free (text, FALSE);
}

static void
export_rules (Export           *ex,
              const VpcElement *group,
              GArray           *rules,
              gboolean          ingress,
              JsonObject       *properties,
              JsonObject       *meta)
{
  JsonArray *inline_rules = json_array_new ();
  guint n_separate = 0;

  for (guint i = 0; rules != NULL && i < rules->len; i++)
    {
      const VpcSgRule *rule = &g_array_index (rules, VpcSgRule, i);
      JsonObject *r;

      if (is_group_peer (rule->peer))
        {
          g_autofree char *suffix
              = g_strdup_printf ("%s%u", ingress ? "Ingress" : "Egress", ++n_separate);

          r = add_resource (
              ex, derived (ex, group->id, suffix),
              ingress ? "AWS::EC2::SecurityGroupIngress" : "AWS::EC2::SecurityGroupEgress", NULL);
          json_object_set_member (r, "GroupId", get_att (logical_of (ex, group->id), "GroupId"));
        }
      else
        {
          r = json_object_new ();
          json_array_add_object_element (inline_rules, r);
        }
      rule_properties (ex, group, rule, ingress, r);
    }
  /* Without inline egress, AWS keeps its allow-all rule: a rule nobody can
   * use stands in for "no other egress" (and the metadata says so). */
  if (!ingress && json_array_get_length (inline_rules) == 0)
    {
      JsonObject *r = json_object_new ();

      json_object_set_string_member (r, "IpProtocol", "-1");
      json_object_set_string_member (r, "CidrIp", "127.0.0.1/32");
      json_array_add_object_element (inline_rules, r);
      json_object_set_boolean_member (meta, "egress_placeholder", TRUE);
    }
  if (json_array_get_length (inline_rules) > 0)
    json_object_set_array_member (
        properties, ingress ? "SecurityGroupIngress" : "SecurityGroupEgress", inline_rules);
  else
    json_array_unref (inline_rules);
}

static void
export_security_groups (Export *ex)
{
  for (guint i = 0; i < vpc_design_get_n_elements (ex->design, VPC_KIND_SECURITY_GROUP); i++)
    {
      const VpcElement *sg = vpc_design_get_element (ex->design, VPC_KIND_SECURITY_GROUP, i);
      g_autofree char *description = group_description (sg);
      JsonObject *meta = element_meta (sg);
      JsonObject *p = add_resource (ex, logical_of (ex, sg->id), "AWS::EC2::SecurityGroup", meta);

      json_object_set_string_member (p, "GroupDescription", description);
      json_object_set_member (p, "VpcId", ref ("Vpc"));
      export_rules (ex, sg, sg->ingress, TRUE, p, meta);
      export_rules (ex, sg, sg->egress, FALSE, p, meta);
      json_object_set_array_member (p, "Tags", name_tags (sg));
    }
}

/* --- endpoints ---------------------------------------------------------------- */

static JsonArray *
refs_of (Export          *ex,
         const GPtrArray *ids,
         const char      *attribute)
{
  JsonArray *array = json_array_new ();

  for (guint i = 0; ids != NULL && i < ids->len; i++)
    {
      const char *name = logical_of (ex, g_ptr_array_index (ids, i));

      json_array_add_element (array, attribute != NULL ? get_att (name, attribute) : ref (name));
    }
  return array;
}

static void
export_endpoints (Export *ex)
{
  for (guint i = 0; i < vpc_design_get_n_elements (ex->design, VPC_KIND_ENDPOINT); i++)
    {
      const VpcElement *ep = vpc_design_get_element (ex->design, VPC_KIND_ENDPOINT, i);
      g_autofree char *service = g_strdup_printf ("com.amazonaws.${AWS::Region}.%s", ep->service);
      JsonObject *meta = element_meta (ep);
      JsonObject *p;

      json_object_set_double_member (meta, "gb_per_month", ep->gb_per_month);
      p = add_resource (ex, logical_of (ex, ep->id), "AWS::EC2::VPCEndpoint", meta);
      json_object_set_member (p, "VpcId", ref ("Vpc"));
      json_object_set_member (p, "ServiceName", sub (service));
      if (ep->endpoint_type == VPC_ENDPOINT_INTERFACE)
        {
          json_object_set_string_member (p, "VpcEndpointType", "Interface");
          json_object_set_array_member (p, "SubnetIds", refs_of (ex, ep->subnets, NULL));
          json_object_set_array_member (p, "SecurityGroupIds",
                                        refs_of (ex, ep->security_groups, "GroupId"));
          json_object_set_boolean_member (p, "PrivateDnsEnabled", ep->private_dns);
        }
      else
        {
          JsonArray *tables = json_array_new ();
          gboolean every = ep->subnets == NULL || ep->subnets->len == 0;

          json_object_set_string_member (p, "VpcEndpointType", "Gateway");
          for (guint s = 0; s < vpc_design_get_n_elements (ex->design, VPC_KIND_SUBNET); s++)
            {
              const VpcElement *sn = vpc_design_get_element (ex->design, VPC_KIND_SUBNET, s);
              if (every || vpc_id_list_contains (ep->subnets, sn->id))
                json_array_add_element (tables, ref (g_hash_table_lookup (ex->tables, sn->id)));
            }
          json_object_set_array_member (p, "RouteTableIds", tables);
          json_object_set_boolean_member (meta, "every_subnet", every);
        }
    }
}

/* --- workloads ----------------------------------------------------------------- */

static JsonObject *
workload_meta (const VpcElement *w)
{
  JsonObject *meta = element_meta (w);

  json_object_set_string_member (meta, "kind", vpc_workload_kind_to_string (w->workload_kind));
  json_object_set_boolean_member (meta, "vpc_mode", w->vpc_mode);
  json_object_set_array_member (meta, "subnets", id_array (w->subnets));
  json_object_set_array_member (meta, "security_groups", id_array (w->security_groups));
  json_object_set_boolean_member (meta, "network_isolation", w->network_isolation);
  json_object_set_int_member (meta, "instance_count", w->instance_count);
  json_object_set_boolean_member (meta, "inter_container_encryption",
                                  w->inter_container_encryption);
  json_object_set_string_member (meta, "image_access",
                                 vpc_image_access_to_string (w->image_access));
  if (w->calls != NULL)
    json_object_set_array_member (meta, "calls", id_array (w->calls));
  json_object_set_boolean_member (meta, "needs_internet", w->needs_internet);
  json_object_set_boolean_member (meta, "direct_internet_access", w->direct_internet_access);
  return meta;
}

static JsonObject *
vpc_config (Export           *ex,
            const VpcElement *w)
{
  JsonObject *config = json_object_new ();

  json_object_set_array_member (config, "SecurityGroupIds",
                                refs_of (ex, w->security_groups, "GroupId"));
  json_object_set_array_member (config, "Subnets", refs_of (ex, w->subnets, NULL));
  return config;
}

/* "train" → a name SageMaker accepts: letters, digits and hyphens. */
static char *
sagemaker_name (const VpcElement *w)
{
  GString *name = g_string_new (NULL);

  for (const char *c = w->id; *c != '\0' && name->len < 60; c++)
    g_string_append_c (name, g_ascii_isalnum (*c) ? *c : '-');
  while (name->len > 0 && name->str[name->len - 1] == '-')
    g_string_truncate (name, name->len - 1);
  if (name->len == 0 || !g_ascii_isalnum (name->str[0]))
    g_string_prepend (name, "w");
  return g_string_free (name, FALSE);
}

static void
export_notebook (Export           *ex,
                 const VpcElement *w)
{
  JsonObject *p = add_resource (ex, logical_of (ex, w->id), "AWS::SageMaker::NotebookInstance",
                                workload_meta (w));

  json_object_set_string_member (p, "InstanceType", NOTEBOOK_INSTANCE_TYPE);
  json_object_set_member (p, "RoleArn", role_ref (ex));
  if (w->vpc_mode && w->subnets->len > 0)
    {
      json_object_set_member (p, "SubnetId",
                              ref (logical_of (ex, g_ptr_array_index (w->subnets, 0))));
      json_object_set_array_member (p, "SecurityGroupIds",
                                    refs_of (ex, w->security_groups, "GroupId"));
    }
  /* Without a subnet, SageMaker gives the notebook internet access anyway. */
  json_object_set_string_member (p, "DirectInternetAccess",
                                 w->direct_internet_access || !w->vpc_mode || w->subnets->len == 0
                                   ? "Enabled" : "Disabled");
}

static void
export_domain (Export           *ex,
               const VpcElement *w)
{
  JsonObject *p
      = add_resource (ex, logical_of (ex, w->id), "AWS::SageMaker::Domain", workload_meta (w));
  JsonObject *settings = json_object_new ();
  g_autofree char *name = sagemaker_name (w);

  json_object_set_string_member (p, "AppNetworkAccessType",
                                 w->vpc_mode ? "VpcOnly" : "PublicInternetOnly");
  json_object_set_string_member (p, "AuthMode", "IAM");
  json_object_set_member (settings, "ExecutionRole", role_ref (ex));
  json_object_set_array_member (settings, "SecurityGroups",
                                refs_of (ex, w->security_groups, "GroupId"));
  json_object_set_object_member (p, "DefaultUserSettings", settings);
  json_object_set_string_member (p, "DomainName", name);
  json_object_set_array_member (p, "SubnetIds", refs_of (ex, w->subnets, NULL));
  json_object_set_member (p, "VpcId", ref ("Vpc"));
}

static void
export_realtime_endpoint (Export           *ex,
                          const VpcElement *w)
{
  const char *model = logical_of (ex, w->id);
  const char *config = derived (ex, w->id, "Config");
  const char *endpoint = derived (ex, w->id, "Endpoint");
  JsonObject *p = add_resource (ex, model, "AWS::SageMaker::Model", workload_meta (w));
  JsonObject *container = json_object_new ();
  JsonArray *variants = json_array_new ();
  JsonObject *variant = json_object_new ();

  add_parameter (ex, IMAGE_PARAMETER, "String", NULL,
                 "URI of the model's inference image in Amazon ECR");
  add_parameter (ex, MODEL_DATA_PARAMETER, "String", NULL,
                 "S3 URI of the model artifacts (model.tar.gz)");
  json_object_set_member (p, "ExecutionRoleArn", role_ref (ex));
  json_object_set_member (container, "Image", ref (IMAGE_PARAMETER));
  json_object_set_member (container, "ModelDataUrl", ref (MODEL_DATA_PARAMETER));
  json_object_set_object_member (p, "PrimaryContainer", container);
  if (w->vpc_mode)
    json_object_set_object_member (p, "VpcConfig", vpc_config (ex, w));
  json_object_set_boolean_member (p, "EnableNetworkIsolation", w->network_isolation);

  p = add_resource (ex, config, "AWS::SageMaker::EndpointConfig", NULL);
  json_object_set_member (variant, "ModelName", get_att (model, "ModelName"));
  json_object_set_string_member (variant, "VariantName", "AllTraffic");
  json_object_set_int_member (variant, "InitialInstanceCount", w->instance_count);
  json_object_set_string_member (variant, "InstanceType", ENDPOINT_INSTANCE_TYPE);
  json_object_set_double_member (variant, "InitialVariantWeight", 1.0);
  json_array_add_object_element (variants, variant);
  json_object_set_array_member (p, "ProductionVariants", variants);

  p = add_resource (ex, endpoint, "AWS::SageMaker::Endpoint", NULL);
  json_object_set_member (p, "EndpointConfigName", get_att (config, "EndpointConfigName"));
}

/* A job or client as Outputs: its VpcConfig's subnets and groups. */
static void
export_as_outputs (Export           *ex,
                   const VpcElement *w)
{
  const char *name = logical_of (ex, w->id);
  const char *label = vpc_workload_kind_to_english_label (w->workload_kind);
  struct
  {
    const char      *suffix;
    const GPtrArray *ids;
    const char      *attribute;
    const char      *what;
  } parts[] = {
    { "Subnets", w->subnets, NULL, "subnets" },
    { "SecurityGroupIds", w->security_groups, "GroupId", "security groups" },
  };
  JsonObject *meta = workload_meta (w);

  json_object_set_string_member (meta, "output", name);
  json_array_add_object_element (ex->output_workloads, meta);
  for (guint i = 0; i < G_N_ELEMENTS (parts); i++)
    {
      g_autofree char *key = g_strconcat (name, parts[i].suffix, NULL);
      g_autofree char *description
          = g_strdup_printf ("VpcConfig %s of the %s %s (%s)", parts[i].what, label,
                             vpc_element_get_display_name (w), w->vpc_mode ? "VPC mode" : "no VPC");
      JsonObject *output = json_object_new ();
      JsonObject *join = json_object_new ();
      JsonArray *args = json_array_new ();
      JsonNode *value = json_node_new (JSON_NODE_OBJECT);

      json_array_add_string_element (args, ",");
      json_array_add_array_element (args, refs_of (ex, parts[i].ids, parts[i].attribute));
      json_object_set_array_member (join, "Fn::Join", args);
      json_node_take_object (value, join);
      json_object_set_string_member (output, "Description", description);
      json_object_set_member (output, "Value", value);
      json_object_set_object_member (ex->outputs, key, output);
    }
}

static void
export_workloads (Export *ex)
{
  JsonArray *order = json_array_new ();

  /* Resources and Outputs part the workloads; their order is the file's. */
  json_object_set_array_member (ex->metadata, "workload_order", order);
  for (guint i = 0; i < vpc_design_get_n_elements (ex->design, VPC_KIND_WORKLOAD); i++)
    {
      const VpcElement *w = vpc_design_get_element (ex->design, VPC_KIND_WORKLOAD, i);

      json_array_add_string_element (order, w->id);
      switch (w->workload_kind)
        {
        case VPC_WORKLOAD_NOTEBOOK_INSTANCE:
          export_notebook (ex, w);
          break;
        case VPC_WORKLOAD_STUDIO_DOMAIN:
          export_domain (ex, w);
          break;
        case VPC_WORKLOAD_REALTIME_ENDPOINT:
          export_realtime_endpoint (ex, w);
          break;
        case VPC_WORKLOAD_TRAINING_JOB:
        case VPC_WORKLOAD_PROCESSING_JOB:
        case VPC_WORKLOAD_BATCH_TRANSFORM:
        case VPC_WORKLOAD_CLIENT:
        default:
          export_as_outputs (ex, w);
          break;
        }
    }
}

/* --- the template -------------------------------------------------------------- */

static void
design_metadata (Export *ex)
{
  const VpcDesignInfo *info = vpc_design_get_info (ex->design);
  JsonObject *vpc = json_object_new ();

  json_object_set_int_member (ex->metadata, "format", 1);
  json_object_set_string_member (ex->metadata, "name", info->name);
  json_object_set_string_member (ex->metadata, "description", info->description);
  json_object_set_string_member (ex->metadata, "region", info->region);
  json_object_set_string_member (ex->metadata, "environment",
                                 vpc_environment_to_string (info->environment));
  json_object_set_string_member (ex->metadata, "profile", vpc_profile_to_string (info->profile));
  json_object_set_string_member (vpc, "name", info->vpc_name);
  if (info->has_vpc_layout)
    json_object_set_object_member (vpc, "layout", layout_object (&info->vpc_layout));
  json_object_set_object_member (ex->metadata, "vpc", vpc);
}

JsonNode *
vpc_cfn_export (VpcDesign *design)
{
  const VpcDesignInfo *info;
  Export ex = { design };
  JsonObject *root = json_object_new ();
  JsonObject *metadata = json_object_new ();
  JsonArray *azs = json_array_new ();
  JsonNode *node = json_node_new (JSON_NODE_OBJECT);
  g_autofree char *description = NULL;

  g_return_val_if_fail (VPC_IS_DESIGN (design), NULL);

  info = vpc_design_get_info (design);
  ex.used = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  ex.logical = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  ex.parameters = json_object_new ();
  ex.resources = json_object_new ();
  ex.outputs = json_object_new ();
  ex.metadata = json_object_new ();
  ex.prefix_lists = json_object_new ();
  ex.output_workloads = json_array_new ();
  ex.tables = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);

  /* Every element's name first, in file order, so that they do not depend
   * on which helper resources come first. */
  unique (&ex, "Vpc");
  for (VpcKind kind = 0; kind < VPC_N_KINDS; kind++)
    for (guint i = 0; i < vpc_design_get_n_elements (design, kind); i++)
      {
        const VpcElement *e = vpc_design_get_element (design, kind, i);
        g_autofree char *base = vpc_cfn_logical_id (e->id);

        if (kind != VPC_KIND_AZ)
          g_hash_table_replace (ex.logical, g_strdup (e->id), g_strdup (unique (&ex, base)));
        else
          g_hash_table_replace (ex.logical, g_strdup (e->id), g_strdup (base));
      }

  design_metadata (&ex);
  export_azs (&ex, azs);
  export_vpc (&ex);
  export_internet_gateway (&ex);
  export_subnets (&ex);
  export_nat_gateways (&ex);
  export_security_groups (&ex);
  export_endpoints (&ex);
  export_workloads (&ex);
  json_object_set_array_member (ex.metadata, "availability_zones", azs);
  json_object_set_object_member (ex.metadata, "prefix_lists", ex.prefix_lists);
  json_object_set_array_member (ex.metadata, "workloads", ex.output_workloads);

  description
      = g_strdup_printf ("%s — made with VPC Designer",
                         info->name != NULL && *info->name != '\0' ? info->name : "VPC design");
  json_object_set_string_member (root, "AWSTemplateFormatVersion", "2010-09-09");
  json_object_set_string_member (root, "Description", description);
  json_object_set_object_member (metadata, VPC_CFN_METADATA_KEY, ex.metadata);
  json_object_set_object_member (root, "Metadata", metadata);
  json_object_set_object_member (root, "Parameters", ex.parameters);
  json_object_set_object_member (root, "Resources", ex.resources);
  if (json_object_get_size (ex.outputs) > 0)
    json_object_set_object_member (root, "Outputs", ex.outputs);
  else
    json_object_unref (ex.outputs);
  json_node_take_object (node, root);

  g_hash_table_unref (ex.used);
  g_hash_table_unref (ex.logical);
  g_hash_table_unref (ex.tables);
  g_free (ex.igw);
  g_free (ex.igw_attachment);
  return node;
}
