/* SPDX-License-Identifier: GPL-3.0-or-later */
/* vpc-inspector-services.c: VPC endpoints and SageMaker workloads. */
#include "vpc-inspector-private.h"

#include <string.h>

#include "vpc-i18n.h"

/* Endpoints */

static gboolean
gateway_capable (const char *service)
{
  return g_strcmp0 (service, "s3") == 0 || g_strcmp0 (service, "dynamodb") == 0;
}

static char *
get_service (VpcInspectorForm *form, gconstpointer target, gpointer data)
{
  return g_strdup (((const VpcElement *) target)->service);
}

/* The design's guard judges the name (and a gateway's service). */
static gboolean
set_service (VpcInspectorForm *form, gpointer target, const char *text, gpointer data, char **error)
{
  VpcElement *endpoint = target;

  g_free (endpoint->service);
  endpoint->service = g_strdup (text);
  return TRUE;
}

static guint
get_type (gconstpointer target, gpointer data)
{
  return ((const VpcElement *) target)->endpoint_type;
}

static void
set_type (gpointer target, guint choice, gpointer data)
{
  VpcElement *endpoint = target;

  endpoint->endpoint_type = choice == 1 && gateway_capable (endpoint->service)
                            ? VPC_ENDPOINT_GATEWAY : VPC_ENDPOINT_INTERFACE;
}

void
_vpc_inspector_build_endpoint (VpcInspectorForm *form,
                               const VpcElement *endpoint)
{
  static const char *const types[] = { N_("Interface"), N_("Gateway"), NULL };
  gboolean interface = endpoint->endpoint_type == VPC_ENDPOINT_INTERFACE;
  AdwPreferencesGroup *group = vpc_inspector_form_add_group (form, _("VPC Endpoint"), NULL);

  _vpc_inspector_add_identity (form, group, endpoint);
  vpc_inspector_form_add_entry (form, GTK_WIDGET (group), _("Service"), get_service, set_service,
                                NULL);
  if (gateway_capable (endpoint->service))
    vpc_inspector_form_add_fixed_combo (form, GTK_WIDGET (group), _("Type"), types, get_type,
                                        set_type, NULL);
  else
    vpc_inspector_form_add_info (form, GTK_WIDGET (group), _("Type"), _("Interface"));
  if (interface)
    vpc_inspector_form_add_switch (
        form, GTK_WIDGET (group), _("Private DNS"),
        _("SDKs reach the endpoint under the service's usual host name"), _vpc_inspector_get_flag,
        _vpc_inspector_set_flag, VPC_INSPECTOR_FLAG (private_dns));
  vpc_inspector_form_add_spin (form, GTK_WIDGET (group), _("Data processed (GB/month)"), 0, 1e9, 10,
                               _vpc_inspector_get_gb, _vpc_inspector_set_gb, NULL);

  group = vpc_inspector_form_add_group (
      form, _("Placement"),
      interface ? _("One network interface per subnet, at most one per AZ")
                : _("Route tables of these subnets get the route; none means all"));
  vpc_inspector_form_add_checklist (form, GTK_WIDGET (group), _("Subnets"), VPC_KIND_SUBNET,
                                    G_STRUCT_OFFSET (VpcElement, subnets));
  if (interface)
    vpc_inspector_form_add_checklist (form, GTK_WIDGET (group), _("Security groups"),
                                      VPC_KIND_SECURITY_GROUP,
                                      G_STRUCT_OFFSET (VpcElement, security_groups));
}

/* Workloads */

static guint
get_kind (gconstpointer target, gpointer data)
{
  return ((const VpcElement *) target)->workload_kind;
}

static void
set_kind (gpointer target, guint choice, gpointer data)
{
  if (choice < VPC_N_WORKLOAD_KINDS)
    ((VpcElement *) target)->workload_kind = choice;
}

/* The workload's calls as an explicit list (a copy of the kind's default
 * the first time it is edited). */
static GPtrArray *
own_calls (VpcElement *workload)
{
  if (workload->calls == NULL)
    {
      workload->calls = vpc_id_list_new ();
      for (guint i = 0; i < vpc_workload_n_calls (workload); i++)
        vpc_id_list_add (workload->calls, vpc_workload_get_call (workload, i));
    }
  return workload->calls;
}

static char *
get_new_call (VpcInspectorForm *form, gconstpointer target, gpointer data)
{
  return g_strdup ("");
}

static gboolean
add_call (VpcInspectorForm *form, gpointer target, const char *text, gpointer data, char **error)
{
  VpcElement *workload = target;

  /* The design's guard judges the name and refuses a repeat. */
  if (text[0] == '\0')
    return TRUE;
  g_ptr_array_add (own_calls (workload), g_strdup (text));
  return TRUE;
}

static void
remove_call (VpcInspectorForm *form, gpointer target, gpointer data)
{
  VpcElement *workload = target;
  GPtrArray *calls = own_calls (workload);
  guint index = GPOINTER_TO_UINT (data);

  if (index < calls->len)
    g_ptr_array_remove_index (calls, index);
}

static void
reset_calls (VpcInspectorForm *form, gpointer target, gpointer data)
{
  g_clear_pointer (&((VpcElement *) target)->calls, g_ptr_array_unref);
}

static void
build_calls (VpcInspectorForm *form,
             const VpcElement *workload)
{
  guint n = vpc_workload_n_calls (workload);
  AdwPreferencesGroup *group = vpc_inspector_form_add_group (
      form, _("Calls"),
      workload->calls == NULL ? _("AWS services its code calls (the kind's default)")
                              : _("AWS services its code calls"));

  for (guint i = 0; i < n; i++)
    vpc_inspector_form_add_button (form, GTK_WIDGET (group), vpc_workload_get_call (workload, i),
                                   _("Remove"), FALSE, remove_call, GUINT_TO_POINTER (i));
  vpc_inspector_form_add_entry (form, GTK_WIDGET (group), _("Add a service"), get_new_call,
                                add_call, NULL);
  if (workload->calls != NULL)
    vpc_inspector_form_add_button (form, GTK_WIDGET (group), _("Kind's default calls"), _("Reset"),
                                   FALSE, reset_calls, NULL);
}

void
_vpc_inspector_build_workload (VpcInspectorForm *form,
                               const VpcElement *workload)
{
  char *kinds[VPC_N_WORKLOAD_KINDS + 1] = { NULL };
  AdwPreferencesGroup *group = vpc_inspector_form_add_group (form, _("Workload"), NULL);

  for (guint i = 0; i < VPC_N_WORKLOAD_KINDS; i++)
    {
      const char *label = vpc_workload_kind_to_label (i);

      kinds[i] = g_strdup_printf ("%c%s", g_ascii_toupper (label[0]), label + 1);
    }
  _vpc_inspector_add_identity (form, group, workload);
  vpc_inspector_form_add_combo (form, GTK_WIDGET (group), _("Kind"), (const char *const *) kinds,
                                get_kind, set_kind, NULL);
  for (guint i = 0; i < VPC_N_WORKLOAD_KINDS; i++)
    g_free (kinds[i]);
  vpc_inspector_form_add_spin (form, GTK_WIDGET (group), _("Instances"), 1, 10000, 1,
                               _vpc_inspector_get_instances, _vpc_inspector_set_instances, NULL);
  vpc_inspector_form_add_fixed_combo (form, GTK_WIDGET (group), _("Image access"),
                                      vpc_inspector_image_access, _vpc_inspector_get_image_access,
                                      _vpc_inspector_set_image_access, NULL);

  group = vpc_inspector_form_add_group (form, _("Network"), NULL);
  vpc_inspector_form_add_switch (
      form, GTK_WIDGET (group), _("VPC mode"), _("Runs its network interfaces in these subnets"),
      _vpc_inspector_get_flag, _vpc_inspector_set_flag, VPC_INSPECTOR_FLAG (vpc_mode));
  vpc_inspector_form_add_checklist (form, GTK_WIDGET (group), _("Subnets"), VPC_KIND_SUBNET,
                                    G_STRUCT_OFFSET (VpcElement, subnets));
  vpc_inspector_form_add_checklist (form, GTK_WIDGET (group), _("Security groups"),
                                    VPC_KIND_SECURITY_GROUP,
                                    G_STRUCT_OFFSET (VpcElement, security_groups));
  vpc_inspector_form_add_switch (form, GTK_WIDGET (group), _("Network isolation"),
                                 _("The container makes no network calls at all"),
                                 _vpc_inspector_get_flag, _vpc_inspector_set_flag,
                                 VPC_INSPECTOR_FLAG (network_isolation));
  vpc_inspector_form_add_switch (form, GTK_WIDGET (group), _("Inter-container encryption"), NULL,
                                 _vpc_inspector_get_flag, _vpc_inspector_set_flag,
                                 VPC_INSPECTOR_FLAG (inter_container_encryption));
  vpc_inspector_form_add_switch (form, GTK_WIDGET (group), _("Needs the internet"),
                                 _("Its code downloads from the public internet"),
                                 _vpc_inspector_get_flag, _vpc_inspector_set_flag,
                                 VPC_INSPECTOR_FLAG (needs_internet));
  if (workload->workload_kind == VPC_WORKLOAD_NOTEBOOK_INSTANCE)
    vpc_inspector_form_add_switch (form, GTK_WIDGET (group), _("Direct internet access"),
                                   _("Internet through SageMaker's network, bypassing the VPC"),
                                   _vpc_inspector_get_flag, _vpc_inspector_set_flag,
                                   VPC_INSPECTOR_FLAG (direct_internet_access));
  build_calls (form, workload);
}
