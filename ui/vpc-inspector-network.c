/* vpc-inspector-network.c: availability zones, subnets, NAT gateways and
 * security groups. */
#include "vpc-inspector-private.h"

#include "vpc-cidr.h"
#include "vpc-sg-rule-editor.h"

/* Choices among the elements of one kind (a subnet's AZ, a NAT gateway's
 * subnet), by position in the design's list. */
static char **
element_choices (VpcDesign *design,
                 VpcKind    kind)
{
  guint n = vpc_design_get_n_elements (design, kind);
  char **choices = g_new0 (char *, n + 1);

  for (guint i = 0; i < n; i++)
    choices[i] = g_strdup (vpc_element_get_display_name (vpc_design_get_element (design, kind, i)));
  return choices;
}

typedef struct
{
  VpcInspectorForm *form;
  VpcKind           kind;
} RefChoice;

static guint
get_reference (gconstpointer target, gpointer data)
{
  const VpcElement *element = target;
  VpcInspectorForm *form = data;
  const char *id = element->kind == VPC_KIND_SUBNET ? element->az : element->subnet;
  int index = id != NULL ? vpc_design_index_of (vpc_inspector_form_get_design (form), id) : -1;

  return index >= 0 ? (guint) index : GTK_INVALID_LIST_POSITION;
}

static void
set_reference (gpointer target, guint choice, gpointer data)
{
  VpcElement *element = target;
  VpcDesign *design = vpc_inspector_form_get_design (data);
  VpcKind kind = element->kind == VPC_KIND_SUBNET ? VPC_KIND_AZ : VPC_KIND_SUBNET;
  char **field = element->kind == VPC_KIND_SUBNET ? &element->az : &element->subnet;

  if (choice >= vpc_design_get_n_elements (design, kind))
    return;
  g_free (*field);
  *field = g_strdup (vpc_design_get_element (design, kind, choice)->id);
}

static char *
get_cidr (VpcInspectorForm *form, gconstpointer target, gpointer data)
{
  return g_strdup (((const VpcElement *) target)->cidr);
}

static gboolean
set_cidr (VpcInspectorForm *form, gpointer target, const char *text, gpointer data, char **error)
{
  VpcElement *subnet = target;

  if (!_vpc_inspector_check_cidr (vpc_inspector_form_get_design (form), text, TRUE, error))
    return FALSE;
  g_free (subnet->cidr);
  subnet->cidr = g_strdup (text);
  return TRUE;
}

static guint
get_route (gconstpointer target, gpointer data)
{
  return ((const VpcElement *) target)->route;
}

static void
set_route (gpointer target, guint choice, gpointer data)
{
  ((VpcElement *) target)->route = choice;
}

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

static void
build_az (VpcInspectorForm *form,
          const VpcElement *az)
{
  AdwPreferencesGroup *group = vpc_inspector_form_add_group (form, "Availability Zone", NULL);
  g_autoptr(GPtrArray) subnets = vpc_design_subnets_of_az (vpc_inspector_form_get_design (form), az->id);
  g_autofree char *count = g_strdup_printf ("%u", subnets->len);

  _vpc_inspector_add_identity (form, group, az);
  vpc_inspector_form_add_info (form, GTK_WIDGET (group), "Subnets", count);
}

static void
build_subnet (VpcInspectorForm *form,
              const VpcElement *subnet)
{
  static const char *const routes[] = { "Private", "NAT gateway", "Internet gateway", NULL };
  VpcDesign *design = vpc_inspector_form_get_design (form);
  AdwPreferencesGroup *group = vpc_inspector_form_add_group (form, "Subnet", NULL);
  g_auto(GStrv) azs = element_choices (design, VPC_KIND_AZ);

  _vpc_inspector_add_identity (form, group, subnet);
  vpc_inspector_form_add_entry (form, GTK_WIDGET (group), "CIDR block", get_cidr, set_cidr, NULL);
  vpc_inspector_form_add_combo (form, GTK_WIDGET (group), "Availability zone", (const char *const *) azs,
                                get_reference, set_reference, form);
  vpc_inspector_form_add_combo (form, GTK_WIDGET (group), "Default route", routes,
                                get_route, set_route, NULL);
}

static void
build_nat_gateway (VpcInspectorForm *form,
                   const VpcElement *nat)
{
  VpcDesign *design = vpc_inspector_form_get_design (form);
  AdwPreferencesGroup *group = vpc_inspector_form_add_group (form, "NAT Gateway",
                                                             "Sits in a public subnet; private subnets route to it");
  g_auto(GStrv) subnets = element_choices (design, VPC_KIND_SUBNET);

  _vpc_inspector_add_identity (form, group, nat);
  vpc_inspector_form_add_combo (form, GTK_WIDGET (group), "Subnet", (const char *const *) subnets,
                                get_reference, set_reference, form);
  vpc_inspector_form_add_spin (form, GTK_WIDGET (group), "Data processed (GB/month)", 0, 1e9, 10,
                               get_gb, set_gb, NULL);
}

static void
build_security_group (VpcInspectorForm *form,
                      const VpcElement *sg)
{
  AdwPreferencesGroup *group = vpc_inspector_form_add_group (form, "Security Group", NULL);

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
