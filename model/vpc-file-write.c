/* SPDX-License-Identifier: GPL-3.0-or-later */
/* vpc-file-write.c: saving the design file: our own writer
 * (vpc-json-write.c) in format.md's key order, checked before it replaces
 * the file.
 */
#include "vpc-file-private.h"

#include "vpc-i18n.h"
#include "vpc-json-scan.h"
#include "vpc-json-write.h"
#include "vpc-safe-save.h"

static void
write_layout (VpcJsonWriter *w,
              const VpcRect *rect)
{
  vpc_json_writer_begin_object (w, "layout");
  vpc_json_writer_number (w, "x", rect->x);
  vpc_json_writer_number (w, "y", rect->y);
  vpc_json_writer_number (w, "w", rect->w);
  vpc_json_writer_number (w, "h", rect->h);
  vpc_json_writer_end_object (w);
}

void
_vpc_file_write_strings (VpcJsonWriter   *w,
                         const char      *key,
                         const GPtrArray *list)
{
  vpc_json_writer_begin_array (w, key);
  for (guint i = 0; list != NULL && i < list->len; i++)
    vpc_json_writer_string (w, NULL, g_ptr_array_index (list, i));
  vpc_json_writer_end_array (w);
}

static void
write_rules (VpcJsonWriter *w,
             const char    *key,
             const GArray  *rules)
{
  vpc_json_writer_begin_array (w, key);
  for (guint i = 0; rules != NULL && i < rules->len; i++)
    {
      const VpcSgRule *rule = &g_array_index (rules, VpcSgRule, i);
      g_autofree char *ports = vpc_sg_rule_ports_to_string (rule);

      vpc_json_writer_begin_object (w, NULL);
      vpc_json_writer_string (w, "protocol", vpc_protocol_to_string (rule->protocol));
      vpc_json_writer_string (w, "ports", ports);
      vpc_json_writer_string (w, "peer", rule->peer);
      vpc_json_writer_end_object (w);
    }
  vpc_json_writer_end_array (w);
}

static void
write_endpoint (VpcJsonWriter    *w,
                const VpcElement *e)
{
  vpc_json_writer_string (w, "service", e->service);
  vpc_json_writer_string (w, "type", vpc_endpoint_type_to_string (e->endpoint_type));
  _vpc_file_write_strings (w, "subnets", e->subnets);
  if (e->endpoint_type == VPC_ENDPOINT_INTERFACE)
    {
      vpc_json_writer_boolean (w, "private_dns", e->private_dns);
      _vpc_file_write_strings (w, "security_groups", e->security_groups);
    }
  vpc_json_writer_number (w, "gb_per_month", e->gb_per_month);
}

static void
write_workload (VpcJsonWriter    *w,
                const VpcElement *e)
{
  vpc_json_writer_string (w, "kind", vpc_workload_kind_to_string (e->workload_kind));
  vpc_json_writer_boolean (w, "vpc_mode", e->vpc_mode);
  _vpc_file_write_strings (w, "subnets", e->subnets);
  _vpc_file_write_strings (w, "security_groups", e->security_groups);
  vpc_json_writer_boolean (w, "network_isolation", e->network_isolation);
  vpc_json_writer_number (w, "instance_count", e->instance_count);
  vpc_json_writer_boolean (w, "inter_container_encryption", e->inter_container_encryption);
  vpc_json_writer_string (w, "image_access", vpc_image_access_to_string (e->image_access));
  if (e->calls != NULL)
    _vpc_file_write_strings (w, "calls", e->calls);
  vpc_json_writer_boolean (w, "needs_internet", e->needs_internet);
  if (e->workload_kind == VPC_WORKLOAD_NOTEBOOK_INSTANCE)
    vpc_json_writer_boolean (w, "direct_internet_access", e->direct_internet_access);
}

static void
write_element (VpcJsonWriter    *w,
               const VpcElement *e)
{
  vpc_json_writer_begin_object (w, NULL);
  vpc_json_writer_string (w, "id", e->id);
  if (e->name != NULL)
    vpc_json_writer_string (w, "name", e->name);
  switch (e->kind)
    {
    case VPC_KIND_SUBNET:
      vpc_json_writer_string (w, "az", e->az);
      vpc_json_writer_string (w, "cidr", e->cidr);
      vpc_json_writer_string (w, "route", vpc_route_to_string (e->route));
      break;
    case VPC_KIND_SECURITY_GROUP:
      write_rules (w, "ingress", e->ingress);
      write_rules (w, "egress", e->egress);
      break;
    case VPC_KIND_ENDPOINT:
      write_endpoint (w, e);
      break;
    case VPC_KIND_NAT_GATEWAY:
      vpc_json_writer_string (w, "subnet", e->subnet);
      vpc_json_writer_number (w, "gb_per_month", e->gb_per_month);
      break;
    case VPC_KIND_WORKLOAD:
      write_workload (w, e);
      break;
    case VPC_KIND_AZ:
    case VPC_N_KINDS:
    default:
      break;
    }
  if (e->has_layout)
    write_layout (w, &e->layout);
  vpc_json_writer_end_object (w);
}

static void
write_info (VpcJsonWriter       *w,
            const VpcDesignInfo *info)
{
  vpc_json_writer_string (w, "format", VPC_FILE_FORMAT_NAME);
  vpc_json_writer_number (w, "version", VPC_FILE_FORMAT_VERSION);
  vpc_json_writer_string (w, "name", info->name);
  vpc_json_writer_string (w, "description", info->description);
  vpc_json_writer_string (w, "region", info->region);
  vpc_json_writer_string (w, "environment", vpc_environment_to_string (info->environment));
  vpc_json_writer_string (w, "profile", vpc_profile_to_string (info->profile));
  vpc_json_writer_begin_object (w, "vpc");
  vpc_json_writer_string (w, "name", info->vpc_name);
  vpc_json_writer_string (w, "cidr", info->vpc_cidr);
  vpc_json_writer_boolean (w, "dns_support", info->dns_support);
  vpc_json_writer_boolean (w, "dns_hostnames", info->dns_hostnames);
  if (info->has_vpc_layout)
    write_layout (w, &info->vpc_layout);
  vpc_json_writer_end_object (w);
}

char *
vpc_file_serialize (VpcDesign *design,
                    gsize     *length)
{
  g_autoptr(VpcJsonWriter) w = vpc_json_writer_new ();

  g_return_val_if_fail (VPC_IS_DESIGN (design), NULL);

  vpc_json_writer_begin_object (w, NULL);
  write_info (w, vpc_design_get_info (design));
  for (guint k = 0; k < VPC_N_KINDS; k++)
    {
      vpc_json_writer_begin_array (w, vpc_kind_to_string (k));
      for (guint i = 0; i < vpc_design_get_n_elements (design, k); i++)
        write_element (w, vpc_design_get_element (design, k, i));
      vpc_json_writer_end_array (w);
    }
  if (vpc_design_get_info (design)->lesson != NULL)
    _vpc_file_write_lesson (w, vpc_design_get_info (design)->lesson);
  vpc_json_writer_end_object (w);
  return vpc_json_writer_finish (g_steal_pointer (&w), length);
}

gboolean
vpc_file_save_path (VpcDesign  *design,
                    const char *path,
                    GError    **error)
{
  g_autofree char *text = NULL;
  g_autoptr(GError) local = NULL;
  gsize length = 0;

  g_return_val_if_fail (VPC_IS_DESIGN (design), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  text = vpc_file_serialize (design, &length);
  /* Never write what we could not read back. */
  if (!vpc_json_scan (text, length, NULL, &local))
    {
      g_set_error (error, VPC_FILE_ERROR, VPC_FILE_ERROR_INVALID,
                   /* TRANSLATORS: a file name, then why the text is not JSON. */
                   _("cannot save “%s”: the design could not be written as valid JSON (%s)"),
                   path, local->message);
      return FALSE;
    }
  if (!vpc_safe_save (path, text, length, error))
    return FALSE;
  vpc_design_mark_saved (design);
  return TRUE;
}
