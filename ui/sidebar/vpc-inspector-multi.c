/* SPDX-License-Identifier: GPL-3.0-or-later */
/* vpc-inspector-multi.c: what several selected elements have in common.
 *
 * A row is offered when every selected element has the property (security
 * groups: workloads and interface endpoints; data processed: endpoints and
 * NAT gateways; route: subnets; …). The form shows where the elements
 * differ and changes all of them as one undo step. Names and ids stay
 * per element.
 */
#include "vpc-i18n.h"
#include "vpc-inspector-private.h"

typedef gboolean (*Applies) (const VpcElement *element);

static gboolean
is_subnet (const VpcElement *e)
{
  return e->kind == VPC_KIND_SUBNET;
}

static gboolean
is_workload (const VpcElement *e)
{
  return e->kind == VPC_KIND_WORKLOAD;
}

static gboolean
is_notebook (const VpcElement *e)
{
  return e->kind == VPC_KIND_WORKLOAD && e->workload_kind == VPC_WORKLOAD_NOTEBOOK_INSTANCE;
}

static gboolean
is_interface_endpoint (const VpcElement *e)
{
  return e->kind == VPC_KIND_ENDPOINT && e->endpoint_type == VPC_ENDPOINT_INTERFACE;
}

static gboolean
has_traffic (const VpcElement *e)
{
  return e->kind == VPC_KIND_ENDPOINT || e->kind == VPC_KIND_NAT_GATEWAY;
}

static gboolean
has_subnets (const VpcElement *e)
{
  return e->kind == VPC_KIND_ENDPOINT || e->kind == VPC_KIND_WORKLOAD;
}

static gboolean
has_groups (const VpcElement *e)
{
  return e->kind == VPC_KIND_WORKLOAD || is_interface_endpoint (e);
}

static gboolean
all (VpcInspectorForm *form,
     Applies           applies)
{
  guint n = vpc_inspector_form_get_n_elements (form);

  for (guint i = 0; i < n; i++)
    {
      const VpcElement *e = vpc_inspector_form_get_nth (form, i);

      if (e == NULL || !applies (e))
        return FALSE;
    }
  return n > 0;
}

static void
add_flag (VpcInspectorForm    *form,
          AdwPreferencesGroup *group,
          const char          *title,
          const char          *subtitle,
          gpointer             member)
{
  vpc_inspector_form_add_switch (form, GTK_WIDGET (group), title, subtitle,
                                 _vpc_inspector_get_flag, _vpc_inspector_set_flag, member);
}

/* Each adds the rows that apply and returns how many. */
static guint
add_placement (VpcInspectorForm    *form,
               AdwPreferencesGroup *group)
{
  VpcDesign *design = vpc_inspector_form_get_design (form);
  guint rows = 0;

  if (all (form, has_groups))
    {
      vpc_inspector_form_add_checklist (form, GTK_WIDGET (group), _("Security groups"),
                                        VPC_KIND_SECURITY_GROUP,
                                        G_STRUCT_OFFSET (VpcElement, security_groups));
      rows++;
    }
  if (all (form, has_subnets))
    {
      vpc_inspector_form_add_checklist (form, GTK_WIDGET (group), _("Subnets"), VPC_KIND_SUBNET,
                                        G_STRUCT_OFFSET (VpcElement, subnets));
      rows++;
    }
  if (all (form, is_subnet))
    {
      g_auto(GStrv) azs = _vpc_inspector_element_choices (design, VPC_KIND_AZ);

      vpc_inspector_form_add_combo (form, GTK_WIDGET (group), _("Availability zone"),
                                    (const char *const *) azs, _vpc_inspector_get_reference,
                                    _vpc_inspector_set_reference, form);
      vpc_inspector_form_add_fixed_combo (form, GTK_WIDGET (group), _("Default route"),
                                          vpc_inspector_routes, _vpc_inspector_get_route,
                                          _vpc_inspector_set_route, NULL);
      rows += 2;
    }
  if (all (form, is_interface_endpoint))
    {
      add_flag (form, group, _("Private DNS"),
                _("SDKs reach the endpoints under the services' usual host names"),
                VPC_INSPECTOR_FLAG (private_dns));
      rows++;
    }
  if (all (form, has_traffic))
    {
      vpc_inspector_form_add_spin (form, GTK_WIDGET (group), _("Data processed (GB/month)"), 0,
                                   1e9, 10, _vpc_inspector_get_gb, _vpc_inspector_set_gb, NULL);
      rows++;
    }
  return rows;
}

static guint
add_workload (VpcInspectorForm    *form,
              AdwPreferencesGroup *group)
{
  if (!all (form, is_workload))
    return 0;
  add_flag (form, group, _("VPC mode"), _("They run their network interfaces in their subnets"),
            VPC_INSPECTOR_FLAG (vpc_mode));
  vpc_inspector_form_add_spin (form, GTK_WIDGET (group), _("Instances"), 1, 10000, 1,
                               _vpc_inspector_get_instances, _vpc_inspector_set_instances, NULL);
  vpc_inspector_form_add_fixed_combo (form, GTK_WIDGET (group), _("Image access"),
                                      vpc_inspector_image_access, _vpc_inspector_get_image_access,
                                      _vpc_inspector_set_image_access, NULL);
  add_flag (form, group, _("Network isolation"), _("The containers make no network calls at all"),
            VPC_INSPECTOR_FLAG (network_isolation));
  add_flag (form, group, _("Inter-container encryption"), NULL,
            VPC_INSPECTOR_FLAG (inter_container_encryption));
  add_flag (form, group, _("Needs the internet"),
            _("Their code downloads from the public internet"),
            VPC_INSPECTOR_FLAG (needs_internet));
  if (!all (form, is_notebook))
    return 6;
  add_flag (form, group, _("Direct internet access"),
            _("Internet through SageMaker's network, bypassing the VPC"),
            VPC_INSPECTOR_FLAG (direct_internet_access));
  return 7;
}

void
_vpc_inspector_build_multi (VpcInspectorForm *form)
{
  guint n = vpc_inspector_form_get_n_elements (form);
  g_autofree char *title
      = g_strdup_printf (ngettext ("Common to the %u element", "Common to the %u elements", n), n);
  AdwPreferencesGroup *group = vpc_inspector_form_add_group (
      form, title, _("A change applies to every selected element, as one step to undo"));

  if (add_placement (form, group) + add_workload (form, group) == 0)
    adw_preferences_group_set_description (
        group, _("These elements have no property in common that can be "
                  "edited together. Select one of them to edit it."));
}
