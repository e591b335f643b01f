/* vpc-inspector-services.c: VPC endpoints and SageMaker workloads. */
#include "vpc-inspector-private.h"

#include <string.h>

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

static gboolean
set_service (VpcInspectorForm *form, gpointer target, const char *text, gpointer data, char **error)
{
  VpcElement *endpoint = target;

  if (!vpc_service_name_is_valid (text))
    {
      *error = g_strdup ("use a short name such as sagemaker.api");
      return FALSE;
    }
  if (endpoint->endpoint_type == VPC_ENDPOINT_GATEWAY && !gateway_capable (text))
    {
      *error = g_strdup ("a gateway endpoint serves only s3 or dynamodb");
      return FALSE;
    }
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

static gboolean
get_flag (gconstpointer target, gpointer data)
{
  return *(const gboolean *) G_STRUCT_MEMBER_P (target, GPOINTER_TO_SIZE (data));
}

static void
set_flag (gpointer target, gboolean value, gpointer data)
{
  *(gboolean *) G_STRUCT_MEMBER_P (target, GPOINTER_TO_SIZE (data)) = value;
}

#define FLAG(member) GSIZE_TO_POINTER (G_STRUCT_OFFSET (VpcElement, member))

static double
get_gb (gconstpointer target, gpointer data)
{
  return ((const VpcElement *) target)->gb_per_month;
}

static void
set_gb (gpointer target, double value, gpointer data)
{
  ((VpcElement *) target)->gb_per_month = value;
}

void
_vpc_inspector_build_endpoint (VpcInspectorForm *form,
                               const VpcElement *endpoint)
{
  static const char *const types[] = { "Interface", "Gateway", NULL };
  gboolean interface = endpoint->endpoint_type == VPC_ENDPOINT_INTERFACE;
  AdwPreferencesGroup *group = vpc_inspector_form_add_group (form, "VPC Endpoint", NULL);

  _vpc_inspector_add_identity (form, group, endpoint);
  vpc_inspector_form_add_entry (form, GTK_WIDGET (group), "Service", get_service, set_service, NULL);
  if (gateway_capable (endpoint->service))
    vpc_inspector_form_add_combo (form, GTK_WIDGET (group), "Type", types, get_type, set_type, NULL);
  else
    vpc_inspector_form_add_info (form, GTK_WIDGET (group), "Type", "Interface");
  if (interface)
    vpc_inspector_form_add_switch (form, GTK_WIDGET (group), "Private DNS",
                                   "SDKs reach the endpoint under the service's usual host name",
                                   get_flag, set_flag, FLAG (private_dns));
  vpc_inspector_form_add_spin (form, GTK_WIDGET (group), "Data processed (GB/month)", 0, 1e9, 10,
                               get_gb, set_gb, NULL);

  group = vpc_inspector_form_add_group (form, "Placement",
                                        interface ? "One network interface per subnet, at most one per AZ"
                                                  : "Route tables of these subnets get the route; none means all");
  vpc_inspector_form_add_checklist (form, GTK_WIDGET (group), "Subnets", VPC_KIND_SUBNET,
                                    G_STRUCT_OFFSET (VpcElement, subnets));
  if (interface)
    vpc_inspector_form_add_checklist (form, GTK_WIDGET (group), "Security groups", VPC_KIND_SECURITY_GROUP,
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

static guint
get_image_access (gconstpointer target, gpointer data)
{
  return ((const VpcElement *) target)->image_access;
}

static void
set_image_access (gpointer target, guint choice, gpointer data)
{
  ((VpcElement *) target)->image_access = choice == 1 ? VPC_IMAGE_ACCESS_VPC : VPC_IMAGE_ACCESS_PLATFORM;
}

static double
get_instances (gconstpointer target, gpointer data)
{
  return ((const VpcElement *) target)->instance_count;
}

static void
set_instances (gpointer target, double value, gpointer data)
{
  ((VpcElement *) target)->instance_count = (int) value;
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

  if (text[0] == '\0')
    return TRUE;
  if (!vpc_service_name_is_valid (text))
    {
      *error = g_strdup ("use a short name such as kms");
      return FALSE;
    }
  if (vpc_id_list_contains (own_calls (workload), text))
    {
      *error = g_strdup ("already listed");
      return FALSE;
    }
  vpc_id_list_add (workload->calls, text);
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
  AdwPreferencesGroup *group =
    vpc_inspector_form_add_group (form, "Calls",
                                  workload->calls == NULL ? "AWS services its code calls (the kind's default)"
                                                          : "AWS services its code calls");

  for (guint i = 0; i < n; i++)
    vpc_inspector_form_add_button (form, GTK_WIDGET (group), vpc_workload_get_call (workload, i),
                                   "Remove", FALSE, remove_call, GUINT_TO_POINTER (i));
  vpc_inspector_form_add_entry (form, GTK_WIDGET (group), "Add a service", get_new_call, add_call, NULL);
  if (workload->calls != NULL)
    vpc_inspector_form_add_button (form, GTK_WIDGET (group), "Kind's default calls", "Reset",
                                   FALSE, reset_calls, NULL);
}

void
_vpc_inspector_build_workload (VpcInspectorForm *form,
                               const VpcElement *workload)
{
  static const char *const image_access[] = { "Platform", "Through the VPC", NULL };
  char *kinds[VPC_N_WORKLOAD_KINDS + 1] = { NULL };
  AdwPreferencesGroup *group = vpc_inspector_form_add_group (form, "Workload", NULL);

  for (guint i = 0; i < VPC_N_WORKLOAD_KINDS; i++)
    {
      const char *label = vpc_workload_kind_to_label (i);

      kinds[i] = g_strdup_printf ("%c%s", g_ascii_toupper (label[0]), label + 1);
    }
  _vpc_inspector_add_identity (form, group, workload);
  vpc_inspector_form_add_combo (form, GTK_WIDGET (group), "Kind", (const char *const *) kinds,
                                get_kind, set_kind, NULL);
  for (guint i = 0; i < VPC_N_WORKLOAD_KINDS; i++)
    g_free (kinds[i]);
  vpc_inspector_form_add_spin (form, GTK_WIDGET (group), "Instances", 1, 10000, 1,
                               get_instances, set_instances, NULL);
  vpc_inspector_form_add_combo (form, GTK_WIDGET (group), "Image access", image_access,
                                get_image_access, set_image_access, NULL);

  group = vpc_inspector_form_add_group (form, "Network", NULL);
  vpc_inspector_form_add_switch (form, GTK_WIDGET (group), "VPC mode", "Runs its network interfaces in these subnets",
                                 get_flag, set_flag, FLAG (vpc_mode));
  vpc_inspector_form_add_checklist (form, GTK_WIDGET (group), "Subnets", VPC_KIND_SUBNET,
                                    G_STRUCT_OFFSET (VpcElement, subnets));
  vpc_inspector_form_add_checklist (form, GTK_WIDGET (group), "Security groups", VPC_KIND_SECURITY_GROUP,
                                    G_STRUCT_OFFSET (VpcElement, security_groups));
  vpc_inspector_form_add_switch (form, GTK_WIDGET (group), "Network isolation",
                                 "The container makes no network calls at all",
                                 get_flag, set_flag, FLAG (network_isolation));
  vpc_inspector_form_add_switch (form, GTK_WIDGET (group), "Inter-container encryption", NULL,
                                 get_flag, set_flag, FLAG (inter_container_encryption));
  vpc_inspector_form_add_switch (form, GTK_WIDGET (group), "Needs the internet",
                                 "Its code downloads from the public internet",
                                 get_flag, set_flag, FLAG (needs_internet));
  if (workload->workload_kind == VPC_WORKLOAD_NOTEBOOK_INSTANCE)
    vpc_inspector_form_add_switch (form, GTK_WIDGET (group), "Direct internet access",
                                   "Internet through SageMaker's network, bypassing the VPC",
                                   get_flag, set_flag, FLAG (direct_internet_access));
  build_calls (form, workload);
}
