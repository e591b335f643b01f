/* SPDX-License-Identifier: GPL-3.0-or-later */
/* vpc-terraform.c: a design as Terraform (HCL, the AWS provider).
 *
 * The same coverage as the CloudFormation template (vpc-cfn-export.c):
 * VPC, subnets with their own route tables and default routes, internet
 * gateway, NAT gateways with Elastic IPs, security groups with one
 * aws_security_group_rule per rule (AWS-managed prefix lists looked up
 * with data "aws_prefix_list"), VPC endpoints, notebook instances, Studio
 * domains, real-time endpoints (model, endpoint configuration, endpoint),
 * and jobs and clients as outputs carrying their VpcConfig. Variables hold
 * what a user supplies: AZ names (defaulting to the design's), the role,
 * the model image and artifacts.
 */
#include "vpc-terraform.h"

#include <string.h>

#include "vpc-json-write.h"

#define NOTEBOOK_INSTANCE_TYPE "ml.t3.medium"
#define ENDPOINT_INSTANCE_TYPE "ml.m5.large"

typedef struct
{
  VpcDesign  *design;
  GString    *out;
  GHashTable *names;  /* element id → Terraform name */
  GHashTable *used;
  gboolean    needs_role, needs_model;
  GHashTable *prefix_lists; /* service names looked up */
} Tf;

/* --- names and strings ------------------------------------------------------ */

/* "private-a" → "private_a": letters, digits, _ and -, not starting with a digit. */
static char *
tf_identifier (const char *id)
{
  GString *name = g_string_new (NULL);

  for (const char *c = id; *c != '\0'; c++)
    g_string_append_c (name, g_ascii_isalnum (*c) || *c == '-' ? *c : '_');
  if (name->len == 0 || !(g_ascii_isalpha (name->str[0]) || name->str[0] == '_'))
    g_string_prepend_c (name, '_');
  return g_string_free (name, FALSE);
}

static const char *
name_of (Tf         *tf,
         const char *id)
{
  return g_hash_table_lookup (tf->names, id);
}

static void
attr_string (Tf         *tf,
             const char *key,
             const char *value)
{
  g_string_append_printf (tf->out, "  %s = ", key);
  vpc_quote_append (tf->out, value, VPC_QUOTE_HCL);
  g_string_append_c (tf->out, '\n');
}

static void
attr_raw (Tf         *tf,
          const char *key,
          const char *format,
          ...) G_GNUC_PRINTF (3, 4);

static void
attr_raw (Tf         *tf,
          const char *key,
          const char *format,
          ...)
{
  va_list args;

  g_string_append_printf (tf->out, "  %s = ", key);
  va_start (args, format);
  g_string_append_vprintf (tf->out, format, args);
  va_end (args);
  g_string_append_c (tf->out, '\n');
}

/* [aws_subnet.a.id, aws_subnet.b.id] */
static char *
id_list (Tf              *tf,
         const char      *type,
         const GPtrArray *ids)
{
  GString *text = g_string_new ("[");

  for (guint i = 0; ids != NULL && i < ids->len; i++)
    g_string_append_printf (text, "%s%s.%s.id", i > 0 ? ", " : "", type,
                            name_of (tf, g_ptr_array_index (ids, i)));
  g_string_append_c (text, ']');
  return g_string_free (text, FALSE);
}

static void
tags (Tf               *tf,
      const VpcElement *e)
{
  g_string_append (tf->out, "  tags = {\n    Name = ");
  vpc_quote_append (tf->out, vpc_element_get_display_name (e), VPC_QUOTE_HCL);
  g_string_append (tf->out, "\n  }\n");
}

static void
begin (Tf         *tf,
       const char *kind,
       const char *type,
       const char *name)
{
  g_string_append_printf (tf->out, "\n%s \"%s\" \"%s\" {\n", kind, type, name);
}

static void
end (Tf *tf)
{
  g_string_append (tf->out, "}\n");
}

/* --- network ----------------------------------------------------------------- */

static void
write_vpc (Tf *tf)
{
  const VpcDesignInfo *info = vpc_design_get_info (tf->design);

  begin (tf, "resource", "aws_vpc", "vpc");
  attr_string (tf, "cidr_block", info->vpc_cidr);
  attr_raw (tf, "enable_dns_support", "%s", info->dns_support ? "true" : "false");
  attr_raw (tf, "enable_dns_hostnames", "%s", info->dns_hostnames ? "true" : "false");
  g_string_append (tf->out, "  tags = {\n    Name = ");
  vpc_quote_append (tf->out, info->vpc_name, VPC_QUOTE_HCL);
  g_string_append (tf->out, "\n  }\n");
  end (tf);
}

/* An internet gateway only when a subnet is public. */
static void
write_internet_gateway (Tf *tf)
{
  gboolean public = FALSE;

  for (guint i = 0; i < vpc_design_get_n_elements (tf->design, VPC_KIND_SUBNET); i++)
    public |= vpc_design_get_element (tf->design, VPC_KIND_SUBNET, i)->route == VPC_ROUTE_PUBLIC;
  if (public)
    {
      begin (tf, "resource", "aws_internet_gateway", "igw");
      attr_raw (tf, "vpc_id", "aws_vpc.vpc.id");
      end (tf);
    }
}

/* The NAT gateway a NAT subnet routes through: one of its AZ, else any;
 * NULL for other subnets or when there is none. */
static const VpcElement *
nat_for_subnet (Tf               *tf,
                const VpcElement *sn)
{
  const VpcElement *nat = NULL;

  for (guint k = 0; sn->route == VPC_ROUTE_NAT
                    && k < vpc_design_get_n_elements (tf->design, VPC_KIND_NAT_GATEWAY);
       k++)
    {
      const VpcElement *candidate = vpc_design_get_element (tf->design, VPC_KIND_NAT_GATEWAY, k);
      const VpcElement *home = vpc_design_lookup (tf->design, candidate->subnet);

      if (nat == NULL || (home != NULL && g_strcmp0 (home->az, sn->az) == 0))
        nat = candidate;
      if (home != NULL && g_strcmp0 (home->az, sn->az) == 0)
        break;
    }
  return nat;
}

/* A subnet with its own route table and, if it has one, its default route. */
static void
write_subnet (Tf               *tf,
              const VpcElement *sn)
{
  const char *name = name_of (tf, sn->id);
  const VpcElement *nat = nat_for_subnet (tf, sn);

  begin (tf, "resource", "aws_subnet", name);
  attr_raw (tf, "vpc_id", "aws_vpc.vpc.id");
  attr_string (tf, "cidr_block", sn->cidr);
  attr_raw (tf, "availability_zone", "var.az_%s", name_of (tf, sn->az));
  tags (tf, sn);
  end (tf);
  begin (tf, "resource", "aws_route_table", name);
  attr_raw (tf, "vpc_id", "aws_vpc.vpc.id");
  end (tf);
  begin (tf, "resource", "aws_route_table_association", name);
  attr_raw (tf, "subnet_id", "aws_subnet.%s.id", name);
  attr_raw (tf, "route_table_id", "aws_route_table.%s.id", name);
  end (tf);

  if (sn->route == VPC_ROUTE_PUBLIC || nat != NULL)
    {
      begin (tf, "resource", "aws_route", name);
      attr_raw (tf, "route_table_id", "aws_route_table.%s.id", name);
      attr_string (tf, "destination_cidr_block", "0.0.0.0/0");
      if (sn->route == VPC_ROUTE_PUBLIC)
        attr_raw (tf, "gateway_id", "aws_internet_gateway.igw.id");
      else
        attr_raw (tf, "nat_gateway_id", "aws_nat_gateway.%s.id", name_of (tf, nat->id));
      end (tf);
    }
}

/* Each NAT gateway with its Elastic IP. */
static void
write_nat_gateways (Tf *tf)
{
  for (guint i = 0; i < vpc_design_get_n_elements (tf->design, VPC_KIND_NAT_GATEWAY); i++)
    {
      const VpcElement *nat = vpc_design_get_element (tf->design, VPC_KIND_NAT_GATEWAY, i);
      const char *name = name_of (tf, nat->id);

      begin (tf, "resource", "aws_eip", name);
      attr_string (tf, "domain", "vpc");
      end (tf);
      begin (tf, "resource", "aws_nat_gateway", name);
      attr_raw (tf, "subnet_id", "aws_subnet.%s.id", name_of (tf, nat->subnet));
      attr_raw (tf, "allocation_id", "aws_eip.%s.id", name);
      tags (tf, nat);
      end (tf);
    }
}

static void
write_network (Tf *tf)
{
  write_vpc (tf);
  write_internet_gateway (tf);
  for (guint i = 0; i < vpc_design_get_n_elements (tf->design, VPC_KIND_SUBNET); i++)
    write_subnet (tf, vpc_design_get_element (tf->design, VPC_KIND_SUBNET, i));
  write_nat_gateways (tf);
}

/* --- security groups ----------------------------------------------------------- */

static void
write_rule (Tf               *tf,
            const VpcElement *group,
            const VpcSgRule  *rule,
            gboolean          ingress,
            guint             n)
{
  g_autofree char *name
      = g_strdup_printf ("%s_%s_%u", name_of (tf, group->id), ingress ? "in" : "out", n);
  gboolean ports = rule->protocol == VPC_PROTOCOL_TCP || rule->protocol == VPC_PROTOCOL_UDP;

  begin (tf, "resource", "aws_security_group_rule", name);
  attr_string (tf, "type", ingress ? "ingress" : "egress");
  attr_raw (tf, "security_group_id", "aws_security_group.%s.id", name_of (tf, group->id));
  attr_string (tf, "protocol", vpc_protocol_to_ip_protocol (rule->protocol));
  attr_raw (tf, "from_port", "%d",
            ports                                 ? rule->port_from
            : rule->protocol == VPC_PROTOCOL_ICMP ? -1
                                                  : 0);
  attr_raw (tf, "to_port", "%d",
            ports                                 ? rule->port_to
            : rule->protocol == VPC_PROTOCOL_ICMP ? -1
                                                  : 0);
  if (g_str_equal (rule->peer, "self"))
    attr_raw (tf, "self", "true");
  else if (g_str_has_prefix (rule->peer, "prefix-list:"))
    {
      g_autofree char *service = tf_identifier (rule->peer + strlen ("prefix-list:"));

      g_hash_table_replace (tf->prefix_lists, g_strdup (service),
                            g_strdup (rule->peer + strlen ("prefix-list:")));
      attr_raw (tf, "prefix_list_ids", "[data.aws_prefix_list.%s.id]", service);
    }
  else if (strchr (rule->peer, '/') != NULL)
    {
      g_string_append (tf->out, "  cidr_blocks = [");
      vpc_quote_append (tf->out, rule->peer, VPC_QUOTE_HCL);
      g_string_append (tf->out, "]\n");
    }
  else
    attr_raw (tf, "source_security_group_id", "aws_security_group.%s.id", name_of (tf, rule->peer));
  end (tf);
}

static void
write_groups (Tf *tf)
{
  for (guint i = 0; i < vpc_design_get_n_elements (tf->design, VPC_KIND_SECURITY_GROUP); i++)
    {
      const VpcElement *sg = vpc_design_get_element (tf->design, VPC_KIND_SECURITY_GROUP, i);

      begin (tf, "resource", "aws_security_group", name_of (tf, sg->id));
      attr_string (tf, "name", sg->id);
      attr_string (tf, "description", vpc_element_get_display_name (sg));
      attr_raw (tf, "vpc_id", "aws_vpc.vpc.id");
      tags (tf, sg);
      end (tf);
      for (guint r = 0; sg->ingress != NULL && r < sg->ingress->len; r++)
        write_rule (tf, sg, &g_array_index (sg->ingress, VpcSgRule, r), TRUE, r + 1);
      for (guint r = 0; sg->egress != NULL && r < sg->egress->len; r++)
        write_rule (tf, sg, &g_array_index (sg->egress, VpcSgRule, r), FALSE, r + 1);
    }
}

/* --- endpoints and workloads ------------------------------------------------------ */

static void
write_endpoints (Tf *tf)
{
  for (guint i = 0; i < vpc_design_get_n_elements (tf->design, VPC_KIND_ENDPOINT); i++)
    {
      const VpcElement *ep = vpc_design_get_element (tf->design, VPC_KIND_ENDPOINT, i);
      g_autofree char  *service
          = g_strdup_printf ("com.amazonaws.${data.aws_region.current.name}.%s", ep->service);

      begin (tf, "resource", "aws_vpc_endpoint", name_of (tf, ep->id));
      attr_raw (tf, "vpc_id", "aws_vpc.vpc.id");
      /* Written raw: the interpolation is meant. */
      attr_raw (tf, "service_name", "\"%s\"", service);
      if (ep->endpoint_type == VPC_ENDPOINT_INTERFACE)
        {
          g_autofree char *subnets = id_list (tf, "aws_subnet", ep->subnets);
          g_autofree char *groups = id_list (tf, "aws_security_group", ep->security_groups);

          attr_string (tf, "vpc_endpoint_type", "Interface");
          attr_raw (tf, "subnet_ids", "%s", subnets);
          attr_raw (tf, "security_group_ids", "%s", groups);
          attr_raw (tf, "private_dns_enabled", "%s", ep->private_dns ? "true" : "false");
        }
      else
        {
          GString *tables = g_string_new ("[");
          gboolean every = ep->subnets == NULL || ep->subnets->len == 0;
          guint n = 0;

          attr_string (tf, "vpc_endpoint_type", "Gateway");
          for (guint s = 0; s < vpc_design_get_n_elements (tf->design, VPC_KIND_SUBNET); s++)
            {
              const VpcElement *sn = vpc_design_get_element (tf->design, VPC_KIND_SUBNET, s);

              if (every || vpc_id_list_contains (ep->subnets, sn->id))
                g_string_append_printf (tables, "%saws_route_table.%s.id", n++ > 0 ? ", " : "",
                                        name_of (tf, sn->id));
            }
          g_string_append_c (tables, ']');
          attr_raw (tf, "route_table_ids", "%s", tables->str);
          g_string_free (tables, TRUE);
        }
      tags (tf, ep);
      end (tf);
    }
}

/* The name SageMaker takes: no ".", "_" or ":". */
static char *
sagemaker_name (const VpcElement *w)
{
  return g_strdelimit (g_strdup (w->id), "._:", '-');
}

static void
write_notebook_instance (Tf               *tf,
                         const VpcElement *w)
{
  g_autofree char *groups = id_list (tf, "aws_security_group", w->security_groups);
  g_autofree char *sm_name = sagemaker_name (w);

  tf->needs_role = TRUE;
  begin (tf, "resource", "aws_sagemaker_notebook_instance", name_of (tf, w->id));
  attr_string (tf, "name", sm_name);
  attr_raw (tf, "role_arn", "var.sagemaker_execution_role_arn");
  attr_string (tf, "instance_type", NOTEBOOK_INSTANCE_TYPE);
  if (w->vpc_mode && w->subnets->len > 0)
    {
      attr_raw (tf, "subnet_id", "aws_subnet.%s.id",
                name_of (tf, g_ptr_array_index (w->subnets, 0)));
      attr_raw (tf, "security_groups", "%s", groups);
    }
  attr_string (tf, "direct_internet_access",
               w->direct_internet_access || !w->vpc_mode || w->subnets->len == 0 ? "Enabled"
                                                                                 : "Disabled");
  end (tf);
}

static void
write_studio_domain (Tf               *tf,
                     const VpcElement *w)
{
  g_autofree char *subnets = id_list (tf, "aws_subnet", w->subnets);
  g_autofree char *groups = id_list (tf, "aws_security_group", w->security_groups);
  g_autofree char *sm_name = sagemaker_name (w);

  tf->needs_role = TRUE;
  begin (tf, "resource", "aws_sagemaker_domain", name_of (tf, w->id));
  attr_string (tf, "domain_name", sm_name);
  attr_string (tf, "auth_mode", "IAM");
  attr_raw (tf, "vpc_id", "aws_vpc.vpc.id");
  attr_raw (tf, "subnet_ids", "%s", subnets);
  attr_string (tf, "app_network_access_type", w->vpc_mode ? "VpcOnly" : "PublicInternetOnly");
  g_string_append_printf (
      tf->out,
      "  default_user_settings {\n    execution_role  = var.sagemaker_execution_role_arn\n"
      "    security_groups = %s\n  }\n",
      groups);
  end (tf);
}

/* A real-time endpoint: model, endpoint configuration, endpoint. */
static void
write_realtime_endpoint (Tf               *tf,
                         const VpcElement *w)
{
  const char *name = name_of (tf, w->id);
  g_autofree char *subnets = id_list (tf, "aws_subnet", w->subnets);
  g_autofree char *groups = id_list (tf, "aws_security_group", w->security_groups);
  g_autofree char *sm_name = sagemaker_name (w);

  tf->needs_role = tf->needs_model = TRUE;
  begin (tf, "resource", "aws_sagemaker_model", name);
  attr_string (tf, "name", sm_name);
  attr_raw (tf, "execution_role_arn", "var.sagemaker_execution_role_arn");
  attr_raw (tf, "enable_network_isolation", "%s", w->network_isolation ? "true" : "false");
  g_string_append (tf->out, "  primary_container {\n    image          = var.model_image_uri\n"
                            "    model_data_url = var.model_data_url\n  }\n");
  if (w->vpc_mode)
    g_string_append_printf (tf->out, "  vpc_config {\n    subnets            = %s\n"
                                     "    security_group_ids = %s\n  }\n", subnets, groups);
  end (tf);
  begin (tf, "resource", "aws_sagemaker_endpoint_configuration", name);
  g_string_append_printf (
      tf->out,
      "  production_variants {\n    variant_name           = \"AllTraffic\"\n"
      "    model_name             = aws_sagemaker_model.%s.name\n"
      "    initial_instance_count = %d\n"
      "    instance_type          = \"%s\"\n  }\n",
      name, w->instance_count, ENDPOINT_INSTANCE_TYPE);
  end (tf);
  begin (tf, "resource", "aws_sagemaker_endpoint", name);
  attr_raw (tf, "endpoint_config_name", "aws_sagemaker_endpoint_configuration.%s.name", name);
  end (tf);
}

/* Jobs and clients are no resources: an output carries their VpcConfig. */
static void
write_vpc_config_output (Tf               *tf,
                         const VpcElement *w)
{
  const char *name = name_of (tf, w->id);
  g_autofree char *subnets = id_list (tf, "aws_subnet", w->subnets);
  g_autofree char *groups = id_list (tf, "aws_security_group", w->security_groups);
  g_autofree char *output = g_strconcat (name, "_vpc_config", NULL);
  g_autofree char *description = g_strdup_printf (
      "VpcConfig of the %s %s (%s)", vpc_workload_kind_to_english_label (w->workload_kind),
      vpc_element_get_display_name (w), w->vpc_mode ? "VPC mode" : "no VPC");

  g_string_append_printf (tf->out, "\noutput \"%s\" {\n", output);
  attr_string (tf, "description", description);
  g_string_append_printf (tf->out, "  value = {\n    subnets            = %s\n"
                                   "    security_group_ids = %s\n  }\n", subnets, groups);
  end (tf);
}

static void
write_workload (Tf               *tf,
                const VpcElement *w)
{
  switch (w->workload_kind)
    {
    case VPC_WORKLOAD_NOTEBOOK_INSTANCE:
      write_notebook_instance (tf, w);
      break;
    case VPC_WORKLOAD_STUDIO_DOMAIN:
      write_studio_domain (tf, w);
      break;
    case VPC_WORKLOAD_REALTIME_ENDPOINT:
      write_realtime_endpoint (tf, w);
      break;
    case VPC_WORKLOAD_TRAINING_JOB:
    case VPC_WORKLOAD_PROCESSING_JOB:
    case VPC_WORKLOAD_BATCH_TRANSFORM:
    case VPC_WORKLOAD_CLIENT:
    default:
      write_vpc_config_output (tf, w);
      break;
    }
}

/* --- the file ---------------------------------------------------------------- */

static void
variable (GString    *head,
          const char *name,
          const char *description,
          const char *default_value)
{
  g_string_append_printf (head, "\nvariable \"%s\" {\n  description = ", name);
  vpc_quote_append (head, description, VPC_QUOTE_HCL);
  g_string_append (head, "\n  type        = string\n");
  if (default_value != NULL)
    {
      g_string_append (head, "  default     = ");
      vpc_quote_append (head, default_value, VPC_QUOTE_HCL);
      g_string_append_c (head, '\n');
    }
  g_string_append (head, "}\n");
}

char *
vpc_terraform_export (VpcDesign *design)
{
  const VpcDesignInfo *info;
  Tf tf = { design };
  GString *head;

  g_return_val_if_fail (VPC_IS_DESIGN (design), NULL);

  info = vpc_design_get_info (design);
  tf.out = g_string_new (NULL);
  tf.names = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  tf.used = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  tf.prefix_lists = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  for (VpcKind kind = 0; kind < VPC_N_KINDS; kind++)
    for (guint i = 0; i < vpc_design_get_n_elements (design, kind); i++)
      {
        const VpcElement *e = vpc_design_get_element (design, kind, i);
        g_autofree char *base = tf_identifier (e->id);
        char *name = g_strdup (base);

        /* Two ids may map to one identifier ("a.b", "a_b"). */
        for (guint n = 2; g_hash_table_contains (tf.used, name); n++)
          {
            g_free (name);
            name = g_strdup_printf ("%s_%u", base, n);
          }
        g_hash_table_add (tf.used, g_strdup (name));
        g_hash_table_replace (tf.names, g_strdup (e->id), name);
      }

  write_network (&tf);
  write_groups (&tf);
  write_endpoints (&tf);
  for (guint i = 0; i < vpc_design_get_n_elements (design, VPC_KIND_WORKLOAD); i++)
    write_workload (&tf, vpc_design_get_element (design, VPC_KIND_WORKLOAD, i));

  head = g_string_new ("# ");
  g_string_append (head, info->name != NULL && *info->name != '\0' ? info->name : "VPC design");
  g_strdelimit (head->str, "\n\r", ' ');
  g_string_append (
      head, " — made with VPC Designer " VPC_VERSION "\n\n"
            "terraform {\n  required_providers {\n    aws = {\n      source = \"hashicorp/aws\"\n"
            "    }\n  }\n}\n\ndata \"aws_region\" \"current\" {}\n");
  {
    g_autoptr(GList) services = g_hash_table_get_keys (tf.prefix_lists);

    services = g_list_sort (services, (GCompareFunc) g_strcmp0);
    for (GList *s = services; s != NULL; s = s->next)
      g_string_append_printf (head,
                              "\ndata \"aws_prefix_list\" \"%s\" {\n  name = "
                              "\"com.amazonaws.${data.aws_region.current.name}.%s\"\n}\n",
                              (char *) s->data,
                              (char *) g_hash_table_lookup (tf.prefix_lists, s->data));
  }
  for (guint i = 0; i < vpc_design_get_n_elements (design, VPC_KIND_AZ); i++)
    {
      const VpcElement *az = vpc_design_get_element (design, VPC_KIND_AZ, i);
      g_autofree char *variable_name = g_strconcat ("az_", name_of (&tf, az->id), NULL);
      g_autofree char *description = g_strdup_printf ("The availability zone the design calls %s",
                                                      vpc_element_get_display_name (az));

      variable (head, variable_name, description, vpc_element_get_display_name (az));
    }
  if (tf.needs_role)
    variable (head, "sagemaker_execution_role_arn", "ARN of the IAM role SageMaker assumes", NULL);
  if (tf.needs_model)
    {
      variable (head, "model_image_uri", "URI of the model's inference image in Amazon ECR", NULL);
      variable (head, "model_data_url", "S3 URI of the model artifacts (model.tar.gz)", NULL);
    }
  g_string_append_len (head, tf.out->str, tf.out->len);

  g_string_free (tf.out, TRUE);
  g_hash_table_unref (tf.names);
  g_hash_table_unref (tf.used);
  g_hash_table_unref (tf.prefix_lists);
  return g_string_free (head, FALSE);
}
