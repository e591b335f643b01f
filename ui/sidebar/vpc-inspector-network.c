/* SPDX-License-Identifier: GPL-3.0-or-later */
/* vpc-inspector-network.c: availability zones, subnets, NAT gateways and
 * security groups. */
#include "vpc-inspector-private.h"

#include "vpc-i18n.h"
#include "vpc-sg-rule-editor.h"

static char *
get_cidr (VpcInspectorForm *form, gconstpointer target, gpointer data)
{
  return g_strdup (((const VpcElement *) target)->cidr);
}

/* Any CIDR the file format takes: the design's guard refuses others, the
 * rules judge sizes and overlaps as findings. */
static gboolean
set_cidr (VpcInspectorForm *form, gpointer target, const char *text, gpointer data, char **error)
{
  VpcElement *subnet = target;

  g_free (subnet->cidr);
  subnet->cidr = g_strdup (text);
  return TRUE;
}

static void
build_az (VpcInspectorForm *form,
          const VpcElement *az)
{
  AdwPreferencesGroup *group = vpc_inspector_form_add_group (form, _("Availability Zone"), NULL);
  g_autoptr (GPtrArray) subnets
      = vpc_design_subnets_of_az (vpc_inspector_form_get_design (form), az->id);
  g_autofree char *count = g_strdup_printf ("%u", subnets->len);

  _vpc_inspector_add_identity (form, group, az);
  vpc_inspector_form_add_info (form, GTK_WIDGET (group), _("Subnets"), count);
}

static void
build_subnet (VpcInspectorForm *form,
              const VpcElement *subnet)
{
  VpcDesign *design = vpc_inspector_form_get_design (form);
  AdwPreferencesGroup *group = vpc_inspector_form_add_group (form, _("Subnet"), NULL);
  g_auto(GStrv) azs = _vpc_inspector_element_choices (design, VPC_KIND_AZ);

  _vpc_inspector_add_identity (form, group, subnet);
  vpc_inspector_form_add_entry (form, GTK_WIDGET (group), _("CIDR block"), get_cidr, set_cidr,
                                NULL);
  vpc_inspector_form_add_combo (form, GTK_WIDGET (group), _("Availability zone"),
                                (const char *const *) azs, _vpc_inspector_get_reference,
                                _vpc_inspector_set_reference, form);
  vpc_inspector_form_add_fixed_combo (form, GTK_WIDGET (group), _("Default route"),
                                      vpc_inspector_routes, _vpc_inspector_get_route,
                                      _vpc_inspector_set_route, NULL);
}

static void
build_nat_gateway (VpcInspectorForm *form,
                   const VpcElement *nat)
{
  VpcDesign *design = vpc_inspector_form_get_design (form);
  AdwPreferencesGroup *group = vpc_inspector_form_add_group (
      form, _("NAT Gateway"), _("Sits in a public subnet; private subnets route to it"));
  g_auto(GStrv) subnets = _vpc_inspector_element_choices (design, VPC_KIND_SUBNET);

  _vpc_inspector_add_identity (form, group, nat);
  vpc_inspector_form_add_combo (form, GTK_WIDGET (group), _("Subnet"),
                                (const char *const *) subnets, _vpc_inspector_get_reference,
                                _vpc_inspector_set_reference, form);
  vpc_inspector_form_add_spin (form, GTK_WIDGET (group), _("Data processed (GB/month)"), 0, 1e9, 10,
                               _vpc_inspector_get_gb, _vpc_inspector_set_gb, NULL);
}

static void
build_security_group (VpcInspectorForm *form,
                      const VpcElement *sg)
{
  AdwPreferencesGroup *group = vpc_inspector_form_add_group (form, _("Security Group"), NULL);

  _vpc_inspector_add_identity (form, group, sg);
  vpc_sg_rule_editor_build (form, FALSE);
  vpc_sg_rule_editor_build (form, TRUE);
}

void
_vpc_inspector_build_network (VpcInspectorForm *form,
                              const VpcElement *element)
{
  switch (element->kind)
    {
    case VPC_KIND_AZ:
      build_az (form, element);
      break;
    case VPC_KIND_SUBNET:
      build_subnet (form, element);
      break;
    case VPC_KIND_NAT_GATEWAY:
      build_nat_gateway (form, element);
      break;
    case VPC_KIND_SECURITY_GROUP:
      build_security_group (form, element);
      break;
    case VPC_KIND_ENDPOINT:
    case VPC_KIND_WORKLOAD:
    case VPC_N_KINDS:
    default:
      g_assert_not_reached ();
    }
}
