/* SPDX-License-Identifier: GPL-3.0-or-later */
/* vpc-outline-model.c: the design as a tree of readable rows. */
#include "vpc-outline-model.h"

#include "vpc-containment.h"
#include "vpc-i18n.h"
#include "vpc-rule-catalogue.h"

struct _VpcOutlineNode
{
  GObject     parent_instance;

  char       *id;
  char       *kind_label;
  char       *name;
  char       *facts;
  guint       n_findings;
  guint       n_errors;
  GListStore *children; /* NULL for a leaf */
};

G_DEFINE_FINAL_TYPE (VpcOutlineNode, vpc_outline_node, G_TYPE_OBJECT)

static void
vpc_outline_node_finalize (GObject *object)
{
  VpcOutlineNode *self = VPC_OUTLINE_NODE (object);

  g_free (self->id);
  g_free (self->kind_label);
  g_free (self->name);
  g_free (self->facts);
  g_clear_object (&self->children);
  G_OBJECT_CLASS (vpc_outline_node_parent_class)->finalize (object);
}

static void
vpc_outline_node_class_init (VpcOutlineNodeClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = vpc_outline_node_finalize;
}

static void
vpc_outline_node_init (VpcOutlineNode *self)
{
}

const char *
vpc_outline_node_get_id (VpcOutlineNode *self)
{
  g_return_val_if_fail (VPC_IS_OUTLINE_NODE (self), NULL);
  return self->id;
}

const char *
vpc_outline_node_get_kind_label (VpcOutlineNode *self)
{
  g_return_val_if_fail (VPC_IS_OUTLINE_NODE (self), NULL);
  return self->kind_label;
}

const char *
vpc_outline_node_get_name (VpcOutlineNode *self)
{
  g_return_val_if_fail (VPC_IS_OUTLINE_NODE (self), NULL);
  return self->name;
}

const char *
vpc_outline_node_get_facts (VpcOutlineNode *self)
{
  g_return_val_if_fail (VPC_IS_OUTLINE_NODE (self), NULL);
  return self->facts;
}

guint
vpc_outline_node_get_n_findings (VpcOutlineNode *self)
{
  g_return_val_if_fail (VPC_IS_OUTLINE_NODE (self), 0);
  return self->n_findings;
}

guint
vpc_outline_node_get_n_errors (VpcOutlineNode *self)
{
  g_return_val_if_fail (VPC_IS_OUTLINE_NODE (self), 0);
  return self->n_errors;
}

GListModel *
vpc_outline_node_get_children (VpcOutlineNode *self)
{
  g_return_val_if_fail (VPC_IS_OUTLINE_NODE (self), NULL);
  return self->children != NULL ? G_LIST_MODEL (self->children) : NULL;
}

char *
vpc_outline_node_dup_accessible_name (VpcOutlineNode *self)
{
  g_autofree char *findings = NULL;

  g_return_val_if_fail (VPC_IS_OUTLINE_NODE (self), NULL);

  if (self->n_findings == 0)
    findings = g_strdup (_("no findings"));
  else
    findings = g_strdup_printf (ngettext ("%u finding", "%u findings", self->n_findings),
                                self->n_findings);
  if (self->n_errors > 0)
    {
      g_autofree char *errors
          = g_strdup_printf (ngettext ("%u error", "%u errors", self->n_errors), self->n_errors);
      char *both = g_strdup_printf (_("%1$s, %2$s"), findings, errors);

      g_free (findings);
      findings = both;
    }
  if (self->facts[0] == '\0')
    /* TRANSLATORS: an outline row read aloud: kind, name, findings,
     * e.g. "Security group web-sg, no findings". */
    return g_strdup_printf (_("%1$s %2$s, %3$s"), self->kind_label, self->name, findings);
  /* TRANSLATORS: an outline row read aloud: kind, name, facts, findings,
   * e.g. "Subnet private-a, 10.0.1.0/24, private, 2 findings". */
  return g_strdup_printf (_("%1$s %2$s, %3$s, %4$s"), self->kind_label, self->name, self->facts,
                          findings);
}

/* Building */

typedef struct
{
  VpcDesign  *design;
  GHashTable *findings; /* id → count (GUINT_TO_POINTER) */
  GHashTable *errors;   /* id → count */
  GHashTable *in_subnet; /* subnet id → GPtrArray of const VpcElement * */
} Builder;

static void
builder_init (Builder *builder)
{
  builder->findings = g_hash_table_new (g_str_hash, g_str_equal);
  builder->errors = g_hash_table_new (g_str_hash, g_str_equal);
  builder->in_subnet = g_hash_table_new_full (g_str_hash, g_str_equal, NULL,
                                              (GDestroyNotify) g_ptr_array_unref);
}

static void
builder_clear (Builder *builder)
{
  g_clear_pointer (&builder->findings, g_hash_table_unref);
  g_clear_pointer (&builder->errors, g_hash_table_unref);
  g_clear_pointer (&builder->in_subnet, g_hash_table_unref);
}

static VpcOutlineNode *
node_new (Builder    *builder,
          const char *id,
          const char *kind_label,
          const char *name,
          char       *facts /* taken */)
{
  VpcOutlineNode *node = g_object_new (VPC_TYPE_OUTLINE_NODE, NULL);

  node->id = g_strdup (id);
  node->kind_label = vpc_i18n_capitalize (kind_label);
  node->name = g_strdup (name);
  node->facts = facts != NULL ? facts : g_strdup ("");
  node->n_findings = GPOINTER_TO_UINT (g_hash_table_lookup (builder->findings, id));
  node->n_errors = GPOINTER_TO_UINT (g_hash_table_lookup (builder->errors, id));
  return node;
}

static void
add_child (VpcOutlineNode *parent,
           VpcOutlineNode *child /* taken */)
{
  if (parent->children == NULL)
    parent->children = g_list_store_new (VPC_TYPE_OUTLINE_NODE);
  g_list_store_append (parent->children, child);
  g_object_unref (child);
}

static void
count_findings (Builder    *builder,
                GListModel *findings)
{
  guint n = findings != NULL ? g_list_model_get_n_items (findings) : 0;

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(VpcFinding) finding = g_list_model_get_item (findings, i);
      const char *const *ids = vpc_finding_get_elements (finding);
      gboolean error = vpc_finding_get_severity (finding) == VPC_SEVERITY_ERROR;

      for (guint k = 0; ids != NULL && ids[k] != NULL; k++)
        {
          g_hash_table_insert (builder->findings, (gpointer) ids[k],
                               GUINT_TO_POINTER (GPOINTER_TO_UINT (g_hash_table_lookup (
                                                     builder->findings, ids[k])) + 1));
          if (error)
            g_hash_table_insert (builder->errors, (gpointer) ids[k],
                                 GUINT_TO_POINTER (GPOINTER_TO_UINT (g_hash_table_lookup (
                                                       builder->errors, ids[k])) + 1));
        }
    }
}

/* Names of the subnets @ids, comma-separated. */
static char *
subnet_names (VpcDesign       *design,
              const GPtrArray *ids)
{
  GString *names = g_string_new (NULL);

  for (guint i = 0; ids != NULL && i < ids->len; i++)
    {
      const VpcElement *subnet = vpc_design_lookup (design, g_ptr_array_index (ids, i));

      if (names->len > 0)
        g_string_append (names, ", ");
      g_string_append (names, subnet != NULL ? vpc_element_get_display_name (subnet)
                                             : (const char *) g_ptr_array_index (ids, i));
    }
  return g_string_free (names, FALSE);
}

static const char *
route_label (VpcRoute route)
{
  switch (route)
    {
    case VPC_ROUTE_NAT:
      return _("routed through a NAT gateway");
    case VPC_ROUTE_PUBLIC:
      return _("public");
    case VPC_ROUTE_PRIVATE:
    default:
      return _("private");
    }
}

static char *
subnet_facts (VpcDesign        *design,
              const VpcElement *subnet)
{
  const VpcElement *az = vpc_design_lookup (design, subnet->az);

  /* TRANSLATORS: a subnet's facts in the outline: CIDR, route, AZ name,
   * e.g. "10.0.1.0/24, private, in us-east-1a". */
  return g_strdup_printf (_("%1$s, %2$s, in %3$s"), subnet->cidr != NULL ? subnet->cidr : "",
                          route_label (subnet->route),
                          az != NULL ? vpc_element_get_display_name (az) : subnet->az);
}

static char *
endpoint_facts (VpcDesign        *design,
                const VpcElement *endpoint)
{
  const char *service = vpc_service_get_label (endpoint->service);
  g_autofree char *subnets = NULL;

  if (service == NULL)
    service = endpoint->service;
  if (endpoint->endpoint_type == VPC_ENDPOINT_GATEWAY)
    /* TRANSLATORS: an endpoint's facts in the outline: its service. */
    return g_strdup_printf (_("%s, gateway"), service);
  if (endpoint->subnets == NULL || endpoint->subnets->len == 0)
    return g_strdup_printf (_("%s, interface, in no subnet"), service);
  subnets = subnet_names (design, endpoint->subnets);
  /* TRANSLATORS: an interface endpoint's facts: its service and subnets. */
  return g_strdup_printf (_("%1$s, interface, in %2$s"), service, subnets);
}

static char *
workload_facts (VpcDesign        *design,
                const VpcElement *workload)
{
  GString *facts = g_string_new (NULL);

  if (!workload->vpc_mode)
    g_string_append (facts, _("not in the VPC"));
  else if (workload->subnets == NULL || workload->subnets->len == 0)
    g_string_append (facts, _("in no subnet"));
  else
    {
      g_autofree char *subnets = subnet_names (design, workload->subnets);

      g_string_append_printf (facts, _("in %s"), subnets);
    }
  if (workload->network_isolation)
    g_string_append_printf (facts, ", %s", _("network isolation"));
  return g_string_free (facts, FALSE);
}

static char *
group_facts (const VpcElement *group)
{
  guint in = group->ingress != NULL ? group->ingress->len : 0;
  guint out = group->egress != NULL ? group->egress->len : 0;
  g_autofree char *inbound = g_strdup_printf (ngettext ("%u inbound rule", "%u inbound rules", in),
                                              in);
  g_autofree char *outbound
      = g_strdup_printf (ngettext ("%u outbound rule", "%u outbound rules", out), out);

  return g_strdup_printf (_("%1$s, %2$s"), inbound, outbound);
}

static VpcOutlineNode *
element_node (Builder          *builder,
              const VpcElement *element)
{
  const char *name = vpc_element_get_display_name (element);
  char *facts = NULL;
  const char *kind = vpc_kind_to_label (element->kind);

  switch (element->kind)
    {
    case VPC_KIND_AZ:
      {
        g_autoptr(GPtrArray) subnets = vpc_design_subnets_of_az (builder->design, element->id);

        facts = g_strdup_printf (ngettext ("%u subnet", "%u subnets", subnets->len), subnets->len);
      }
      break;
    case VPC_KIND_SUBNET:
      facts = subnet_facts (builder->design, element);
      break;
    case VPC_KIND_ENDPOINT:
      facts = endpoint_facts (builder->design, element);
      break;
    case VPC_KIND_WORKLOAD:
      kind = vpc_workload_kind_to_label (element->workload_kind);
      facts = workload_facts (builder->design, element);
      break;
    case VPC_KIND_SECURITY_GROUP:
      facts = group_facts (element);
      break;
    case VPC_KIND_NAT_GATEWAY:
    case VPC_N_KINDS:
    default:
      break;
    }
  return node_new (builder, element->id, kind, name, facts);
}

static void
index_in_subnet (Builder          *builder,
                 const VpcElement *element,
                 const char       *subnet)
{
  GPtrArray *list = g_hash_table_lookup (builder->in_subnet, subnet);

  if (list == NULL)
    {
      list = g_ptr_array_new ();
      g_hash_table_insert (builder->in_subnet, (gpointer) subnet, list);
    }
  g_ptr_array_add (list, (gpointer) element);
}

/* Which workloads, interface endpoints and NAT gateways each subnet holds,
 * in one pass (an outline of 100,000 elements stays linear). */
static void
index_subnets (Builder *builder)
{
  static const VpcKind kinds[] = { VPC_KIND_WORKLOAD, VPC_KIND_ENDPOINT, VPC_KIND_NAT_GATEWAY };

  for (guint k = 0; k < G_N_ELEMENTS (kinds); k++)
    for (guint i = 0, n = vpc_design_get_n_elements (builder->design, kinds[k]); i < n; i++)
      {
        const VpcElement *element = vpc_design_get_element (builder->design, kinds[k], i);

        if (element->kind == VPC_KIND_NAT_GATEWAY)
          {
            if (element->subnet != NULL)
              index_in_subnet (builder, element, element->subnet);
            continue;
          }
        if (element->kind == VPC_KIND_ENDPOINT && element->endpoint_type == VPC_ENDPOINT_GATEWAY)
          continue;
        if (element->kind == VPC_KIND_WORKLOAD && !element->vpc_mode)
          continue;
        for (guint s = 0; element->subnets != NULL && s < element->subnets->len; s++)
          index_in_subnet (builder, element, g_ptr_array_index (element->subnets, s));
      }
}

static void
add_zones (Builder        *builder,
           VpcOutlineNode *vpc)
{
  for (guint i = 0, n = vpc_design_get_n_elements (builder->design, VPC_KIND_AZ); i < n; i++)
    {
      const VpcElement *az = vpc_design_get_element (builder->design, VPC_KIND_AZ, i);
      VpcOutlineNode *az_node = element_node (builder, az);
      g_autoptr(GPtrArray) subnets = vpc_design_subnets_of_az (builder->design, az->id);

      for (guint s = 0; s < subnets->len; s++)
        {
          const VpcElement *subnet = g_ptr_array_index (subnets, s);
          VpcOutlineNode *subnet_node = element_node (builder, subnet);
          GPtrArray *inside = g_hash_table_lookup (builder->in_subnet, subnet->id);

          for (guint c = 0; inside != NULL && c < inside->len; c++)
            add_child (subnet_node, element_node (builder, g_ptr_array_index (inside, c)));
          add_child (az_node, subnet_node);
        }
      add_child (vpc, az_node);
    }
}

/* Endpoints and groups belong to the VPC as a whole; workloads that are in
 * no subnet would otherwise be missing. */
static void
add_vpc_wide (Builder        *builder,
              VpcOutlineNode *vpc)
{
  static const VpcKind kinds[] = { VPC_KIND_ENDPOINT, VPC_KIND_SECURITY_GROUP, VPC_KIND_WORKLOAD };

  for (guint k = 0; k < G_N_ELEMENTS (kinds); k++)
    for (guint i = 0, n = vpc_design_get_n_elements (builder->design, kinds[k]); i < n; i++)
      {
        const VpcElement *element = vpc_design_get_element (builder->design, kinds[k], i);

        if (element->kind == VPC_KIND_WORKLOAD && element->vpc_mode && element->subnets != NULL &&
            element->subnets->len > 0)
          continue;
        add_child (vpc, element_node (builder, element));
      }
}

GListModel *
vpc_outline_build (VpcDesign    *design,
                   VpcValidator *validator)
{
  const VpcDesignInfo *info;
  Builder builder = { design };
  GListStore *root;
  VpcOutlineNode *vpc;
  const char *vpc_name;

  g_return_val_if_fail (VPC_IS_DESIGN (design), NULL);
  g_return_val_if_fail (validator == NULL || VPC_IS_VALIDATOR (validator), NULL);

  info = vpc_design_get_info (design);
  builder_init (&builder);
  count_findings (&builder, G_LIST_MODEL (validator));
  index_subnets (&builder);

  vpc_name = info->vpc_name != NULL && info->vpc_name[0] != '\0' ? info->vpc_name : _("VPC");
  vpc = node_new (&builder, VPC_CONTAINMENT_VPC_ID, _("VPC"), vpc_name,
                  /* TRANSLATORS: the VPC's facts in the outline: CIDR and region. */
                  g_strdup_printf (_("%1$s, %2$s"), info->vpc_cidr != NULL ? info->vpc_cidr : "",
                                   info->region != NULL ? info->region : ""));
  vpc->children = g_list_store_new (VPC_TYPE_OUTLINE_NODE);
  add_zones (&builder, vpc);
  add_vpc_wide (&builder, vpc);

  root = g_list_store_new (VPC_TYPE_OUTLINE_NODE);
  g_list_store_append (root, vpc);
  g_object_unref (vpc);
  builder_clear (&builder);
  return G_LIST_MODEL (root);
}

char *
vpc_outline_describe (VpcDesign  *design,
                      GListModel *findings,
                      const char *id)
{
  const VpcElement *element;
  Builder builder = { design };
  g_autoptr(VpcOutlineNode) node = NULL;

  g_return_val_if_fail (VPC_IS_DESIGN (design), NULL);
  g_return_val_if_fail (findings == NULL || G_IS_LIST_MODEL (findings), NULL);
  g_return_val_if_fail (id != NULL, NULL);

  element = vpc_design_lookup (design, id);
  if (element == NULL)
    return NULL;
  builder_init (&builder);
  count_findings (&builder, findings);
  node = element_node (&builder, element);
  builder_clear (&builder);
  return vpc_outline_node_dup_accessible_name (node);
}
