/* SPDX-License-Identifier: GPL-3.0-or-later */
/* vpc-element.c: plain element data, its defaults and its enum names. */
#include "vpc-element.h"

#include <string.h>

#include "vpc-i18n.h"

GPtrArray *
vpc_id_list_new (void)
{
  return g_ptr_array_new_with_free_func (g_free);
}

GPtrArray *
vpc_id_list_copy (const GPtrArray *list)
{
  GPtrArray *copy;

  if (list == NULL)
    return NULL;
  copy = g_ptr_array_new_full (list->len, g_free);
  for (guint i = 0; i < list->len; i++)
    g_ptr_array_add (copy, g_strdup (g_ptr_array_index (list, i)));
  return copy;
}

gboolean
vpc_id_list_contains (const GPtrArray *list,
                      const char      *id)
{
  if (list == NULL)
    return FALSE;
  for (guint i = 0; i < list->len; i++)
    if (g_strcmp0 (g_ptr_array_index (list, i), id) == 0)
      return TRUE;
  return FALSE;
}

void
vpc_id_list_add (GPtrArray  *list,
                 const char *id)
{
  if (!vpc_id_list_contains (list, id))
    g_ptr_array_add (list, g_strdup (id));
}

/* Lists up to this long are searched for repeats by sorting a copy on the
 * stack; longer ones (rare) through a hash table. A table per list cost
 * more than the whole check at 100,000 workloads of 20 subnets each. */
#define REPEAT_SORTED_MAX 64

typedef struct
{
  const char *id;
  guint       index;
} Entry;

/* By id, then by position: equal ids end up in a row, the first first. */
static int
compare_entries (const Entry *a,
                 const Entry *b)
{
  int c = strcmp (a->id, b->id);

  if (c != 0)
    return c;
  return a->index < b->index ? -1 : 1;
}

int
vpc_strings_first_repeat (const char *const *ids,
                          guint              n)
{
  g_autoptr(GHashTable) seen = NULL;
  Entry entries[REPEAT_SORTED_MAX];
  int first = -1;

  if (n <= REPEAT_SORTED_MAX)
    {
      /* Insertion sort: the lists are short, and nearly all already sorted. */
      for (guint i = 0; i < n; i++)
        {
          Entry e = { ids[i], i };
          guint j = i;

          for (; j > 0 && compare_entries (&entries[j - 1], &e) > 0; j--)
            entries[j] = entries[j - 1];
          entries[j] = e;
        }
      /* Every entry equal to the one before it repeats an earlier id: the
       * first repeat is the one earliest in the list. */
      for (guint i = 1; i < n; i++)
        if (strcmp (entries[i].id, entries[i - 1].id) == 0
            && (first < 0 || entries[i].index < (guint) first))
          first = (int) entries[i].index;
      return first;
    }
  seen = g_hash_table_new (g_str_hash, g_str_equal);
  for (guint i = 0; i < n; i++)
    if (!g_hash_table_add (seen, (gpointer) ids[i]))
      return (int) i;
  return -1;
}

gboolean
vpc_element_lists_subnets (const VpcElement *element)
{
  return element->subnets != NULL && element->subnets->len > 0;
}

gboolean
vpc_id_list_remove (GPtrArray  *list,
                    const char *id)
{
  gboolean removed = FALSE;

  for (guint i = list->len; i > 0; i--)
    if (g_strcmp0 (g_ptr_array_index (list, i - 1), id) == 0)
      {
        g_ptr_array_remove_index (list, i - 1);
        removed = TRUE;
      }
  return removed;
}

gboolean
vpc_id_list_equal (const GPtrArray *a,
                   const GPtrArray *b)
{
  guint na = a != NULL ? a->len : 0, nb = b != NULL ? b->len : 0;

  if (na != nb)
    return FALSE;
  for (guint i = 0; i < na; i++)
    if (strcmp (g_ptr_array_index (a, i), g_ptr_array_index (b, i)) != 0)
      return FALSE;
  return TRUE;
}

static void
sg_rule_clear (gpointer data)
{
  VpcSgRule *rule = data;

  g_clear_pointer (&rule->peer, g_free);
}

static GArray *
sg_rules_new (void)
{
  GArray *rules = g_array_new (FALSE, TRUE, sizeof (VpcSgRule));

  g_array_set_clear_func (rules, sg_rule_clear);
  return rules;
}

static GArray *
sg_rules_copy (const GArray *rules)
{
  GArray *copy;

  if (rules == NULL)
    return NULL;
  copy = sg_rules_new ();
  for (guint i = 0; i < rules->len; i++)
    {
      VpcSgRule rule = g_array_index (rules, VpcSgRule, i);

      rule.peer = g_strdup (rule.peer);
      g_array_append_val (copy, rule);
    }
  return copy;
}

gboolean
vpc_sg_rules_equal (const GArray *a,
                    const GArray *b)
{
  guint na = a != NULL ? a->len : 0, nb = b != NULL ? b->len : 0;

  if (na != nb)
    return FALSE;
  for (guint i = 0; i < na; i++)
    {
      const VpcSgRule *ra = &g_array_index (a, VpcSgRule, i);
      const VpcSgRule *rb = &g_array_index (b, VpcSgRule, i);

      if (ra->protocol != rb->protocol || ra->port_from != rb->port_from ||
          ra->port_to != rb->port_to || g_strcmp0 (ra->peer, rb->peer) != 0)
        return FALSE;
    }
  return TRUE;
}

/* A number no element made before has: an element of a design is replaced
 * by a copy when anything but its name or box changes, so the serial tells
 * indices kept across runs that it is still the one they saw, where its
 * address may be a new one's (vpc-rules.c). */
static guint64
next_serial (void)
{
  static guint64 last;

  return __atomic_add_fetch (&last, 1, __ATOMIC_RELAXED);
}

VpcElement *
vpc_element_new (VpcKind     kind,
                 const char *id)
{
  VpcElement *element = g_new0 (VpcElement, 1);

  g_return_val_if_fail (kind < VPC_N_KINDS, NULL);

  element->kind = kind;
  element->serial = next_serial ();
  element->id = g_strdup (id);
  element->route = VPC_ROUTE_PRIVATE;
  element->endpoint_type = VPC_ENDPOINT_INTERFACE;
  element->private_dns = TRUE;
  element->vpc_mode = TRUE;
  element->instance_count = 1;
  element->image_access = VPC_IMAGE_ACCESS_PLATFORM;
  element->direct_internet_access = TRUE;

  switch (kind)
    {
    case VPC_KIND_SECURITY_GROUP:
      {
        VpcSgRule all = { VPC_PROTOCOL_ALL, 0, 65535, g_strdup ("0.0.0.0/0") };

        element->ingress = sg_rules_new ();
        element->egress = sg_rules_new ();
        g_array_append_val (element->egress, all);
      }
      break;
    case VPC_KIND_ENDPOINT:
    case VPC_KIND_WORKLOAD:
      element->subnets = vpc_id_list_new ();
      element->security_groups = vpc_id_list_new ();
      break;
    case VPC_KIND_AZ:
    case VPC_KIND_SUBNET:
    case VPC_KIND_NAT_GATEWAY:
    case VPC_N_KINDS:
    default:
      break;
    }

  return element;
}

VpcElement *
vpc_element_copy (const VpcElement *element)
{
  VpcElement *copy;

  g_return_val_if_fail (element != NULL, NULL);

  copy = g_memdup2 (element, sizeof *element);
  copy->serial = next_serial ();
  copy->id = g_strdup (element->id);
  copy->name = g_strdup (element->name);
  copy->az = g_strdup (element->az);
  copy->cidr = g_strdup (element->cidr);
  copy->ingress = sg_rules_copy (element->ingress);
  copy->egress = sg_rules_copy (element->egress);
  copy->service = g_strdup (element->service);
  copy->subnets = vpc_id_list_copy (element->subnets);
  copy->security_groups = vpc_id_list_copy (element->security_groups);
  copy->subnet = g_strdup (element->subnet);
  copy->calls = vpc_id_list_copy (element->calls);
  return copy;
}

void
vpc_element_free (VpcElement *element)
{
  if (element == NULL)
    return;
  g_free (element->id);
  g_free (element->name);
  g_free (element->az);
  g_free (element->cidr);
  g_clear_pointer (&element->ingress, g_array_unref);
  g_clear_pointer (&element->egress, g_array_unref);
  g_free (element->service);
  g_clear_pointer (&element->subnets, g_ptr_array_unref);
  g_clear_pointer (&element->security_groups, g_ptr_array_unref);
  g_free (element->subnet);
  g_clear_pointer (&element->calls, g_ptr_array_unref);
  g_free (element);
}

static gboolean
rects_equal (gboolean a_set, const VpcRect *a, gboolean b_set, const VpcRect *b)
{
  if (a_set != b_set)
    return FALSE;
  return !a_set || (a->x == b->x && a->y == b->y && a->w == b->w && a->h == b->h);
}

gboolean
vpc_element_layout_equal (const VpcElement *a,
                          const VpcElement *b)
{
  return rects_equal (a->has_layout, &a->layout, b->has_layout, &b->layout);
}

gboolean
vpc_element_equal (const VpcElement *a,
                   const VpcElement *b)
{
  if (a == NULL || b == NULL)
    return a == b;
  return a->kind == b->kind &&
         g_strcmp0 (a->id, b->id) == 0 &&
         g_strcmp0 (a->name, b->name) == 0 &&
         vpc_element_layout_equal (a, b) &&
         g_strcmp0 (a->az, b->az) == 0 &&
         g_strcmp0 (a->cidr, b->cidr) == 0 &&
         a->route == b->route &&
         vpc_sg_rules_equal (a->ingress, b->ingress) &&
         vpc_sg_rules_equal (a->egress, b->egress) &&
         g_strcmp0 (a->service, b->service) == 0 &&
         a->endpoint_type == b->endpoint_type &&
         a->private_dns == b->private_dns &&
         vpc_id_list_equal (a->subnets, b->subnets) &&
         vpc_id_list_equal (a->security_groups, b->security_groups) &&
         a->gb_per_month == b->gb_per_month &&
         g_strcmp0 (a->subnet, b->subnet) == 0 &&
         a->workload_kind == b->workload_kind &&
         a->vpc_mode == b->vpc_mode &&
         a->network_isolation == b->network_isolation &&
         a->instance_count == b->instance_count &&
         a->inter_container_encryption == b->inter_container_encryption &&
         a->image_access == b->image_access &&
         vpc_id_list_equal (a->calls, b->calls) &&
         a->needs_internet == b->needs_internet &&
         a->direct_internet_access == b->direct_internet_access;
}

const char *
vpc_element_get_display_name (const VpcElement *element)
{
  g_return_val_if_fail (element != NULL, NULL);

  return element->name != NULL ? element->name : element->id;
}

VpcDesignInfo *
vpc_design_info_new (void)
{
  VpcDesignInfo *info = g_new0 (VpcDesignInfo, 1);

  info->name = g_strdup ("");
  info->description = g_strdup ("");
  info->region = g_strdup ("us-east-1");
  info->environment = VPC_ENVIRONMENT_PRODUCTION;
  info->profile = VPC_PROFILE_STUDY_GUIDE;
  info->vpc_name = g_strdup ("vpc");
  info->vpc_cidr = g_strdup ("10.0.0.0/16");
  info->dns_support = TRUE;
  info->dns_hostnames = TRUE;
  return info;
}

VpcDesignInfo *
vpc_design_info_copy (const VpcDesignInfo *info)
{
  VpcDesignInfo *copy = g_memdup2 (info, sizeof *info);

  copy->name = g_strdup (info->name);
  copy->description = g_strdup (info->description);
  copy->region = g_strdup (info->region);
  copy->vpc_name = g_strdup (info->vpc_name);
  copy->vpc_cidr = g_strdup (info->vpc_cidr);
  copy->lesson = vpc_lesson_copy (info->lesson);
  return copy;
}

void
vpc_design_info_free (VpcDesignInfo *info)
{
  if (info == NULL)
    return;
  g_free (info->name);
  g_free (info->description);
  g_free (info->region);
  g_free (info->vpc_name);
  g_free (info->vpc_cidr);
  vpc_lesson_free (info->lesson);
  g_free (info);
}

gboolean
vpc_design_info_equal (const VpcDesignInfo *a,
                       const VpcDesignInfo *b)
{
  return g_strcmp0 (a->name, b->name) == 0 &&
         g_strcmp0 (a->description, b->description) == 0 &&
         g_strcmp0 (a->region, b->region) == 0 &&
         a->environment == b->environment &&
         a->profile == b->profile &&
         g_strcmp0 (a->vpc_name, b->vpc_name) == 0 &&
         g_strcmp0 (a->vpc_cidr, b->vpc_cidr) == 0 &&
         a->dns_support == b->dns_support &&
         a->dns_hostnames == b->dns_hostnames &&
         rects_equal (a->has_vpc_layout, &a->vpc_layout, b->has_vpc_layout, &b->vpc_layout) &&
         vpc_lesson_equal (a->lesson, b->lesson);
}

/* Enum names. Each table is indexed by the enum value. */

static const char *const kind_keys[] = {
  "availability_zones", "subnets", "security_groups", "endpoints", "nat_gateways", "workloads",
};
static const char *const kind_labels[] = {
  /* TRANSLATORS: kinds of element as they appear inside sentences
   * ("no subnet with id …"): lowercase, except names such as NAT. */
  NC_("element kind", "availability zone"), NC_("element kind", "subnet"),
  NC_("element kind", "security group"), NC_("element kind", "endpoint"),
  NC_("element kind", "NAT gateway"), NC_("element kind", "workload"),
};
static const char *const kind_labels_with_article[] = {
  /* TRANSLATORS: the same kinds with an article, for "… is a subnet, not a
   * security group". */
  N_("an availability zone"), N_("a subnet"), N_("a security group"), N_("an endpoint"),
  N_("a NAT gateway"), N_("a workload"),
};
static const char *const route_names[] = { "private", "nat", "public" };
static const char *const endpoint_type_names[] = { "interface", "gateway" };
static const char *const workload_kind_names[] = {
  "training_job", "processing_job", "batch_transform", "realtime_endpoint",
  "notebook_instance", "studio_domain", "client",
};
static const char *const workload_kind_labels[] = {
  /* TRANSLATORS: kinds of SageMaker workload as they appear inside
   * sentences: lowercase, except names such as Studio. */
  N_("training job"), N_("processing job"), N_("batch transform job"), N_("real-time endpoint"),
  N_("notebook instance"), N_("Studio domain"), N_("client"),
};
static const char *const protocol_names[] = { "tcp", "udp", "icmp", "esp", "all" };
static const char *const image_access_names[] = { "platform", "vpc" };
static const char *const environment_names[] = { "production", "development" };
static const char *const profile_names[] = { "study-guide", "precise" };

static gboolean
lookup_name (const char *const *names,
             guint              n_names,
             const char        *s,
             int               *out)
{
  if (s == NULL)
    return FALSE;
  for (guint i = 0; i < n_names; i++)
    if (strcmp (names[i], s) == 0)
      {
        *out = (int) i;
        return TRUE;
      }
  return FALSE;
}

#define DEFINE_ENUM_NAMES(Type, type, names)                          \
  const char *vpc_##type##_to_string (Type value)                     \
  {                                                                   \
    g_return_val_if_fail ((guint) value < G_N_ELEMENTS (names), NULL); \
    return names[value];                                              \
  }                                                                   \
  gboolean vpc_##type##_from_string (const char *s, Type *out)        \
  {                                                                   \
    int value;                                                        \
    if (!lookup_name (names, G_N_ELEMENTS (names), s, &value))        \
      return FALSE;                                                   \
    *out = (Type) value;                                              \
    return TRUE;                                                      \
  }

DEFINE_ENUM_NAMES (VpcRoute, route, route_names)
DEFINE_ENUM_NAMES (VpcEndpointType, endpoint_type, endpoint_type_names)
DEFINE_ENUM_NAMES (VpcWorkloadKind, workload_kind, workload_kind_names)
DEFINE_ENUM_NAMES (VpcProtocol, protocol, protocol_names)

const char *
vpc_protocol_to_ip_protocol (VpcProtocol protocol)
{
  /* IANA numbers where EC2 has no name (ESP is 50). */
  static const char *const ip_protocols[] = { "tcp", "udp", "icmp", "50", "-1" };

  return (guint) protocol < G_N_ELEMENTS (ip_protocols) ? ip_protocols[protocol] : "-1";
}
DEFINE_ENUM_NAMES (VpcImageAccess, image_access, image_access_names)
DEFINE_ENUM_NAMES (VpcEnvironment, environment, environment_names)
DEFINE_ENUM_NAMES (VpcProfile, profile, profile_names)

const char *
vpc_kind_to_string (VpcKind kind)
{
  g_return_val_if_fail (kind < VPC_N_KINDS, NULL);
  return kind_keys[kind];
}

const char *
vpc_kind_to_label (VpcKind kind)
{
  g_return_val_if_fail (kind < VPC_N_KINDS, NULL);
  return vpc_i18n_pgettext2 ("element kind", kind_labels[kind]);
}

const char *
vpc_kind_to_label_with_article (VpcKind kind)
{
  g_return_val_if_fail (kind < VPC_N_KINDS, NULL);
  return _(kind_labels_with_article[kind]);
}

const char *
vpc_workload_kind_to_label (VpcWorkloadKind kind)
{
  g_return_val_if_fail (kind < VPC_N_WORKLOAD_KINDS, NULL);
  return _(workload_kind_labels[kind]);
}

const char *
vpc_workload_kind_to_english_label (VpcWorkloadKind kind)
{
  g_return_val_if_fail (kind < VPC_N_WORKLOAD_KINDS, NULL);
  return workload_kind_labels[kind];
}

VpcEndpointType
vpc_endpoint_default_type (const char *service)
{
  if (g_strcmp0 (service, "s3") == 0 || g_strcmp0 (service, "dynamodb") == 0)
    return VPC_ENDPOINT_GATEWAY;
  return VPC_ENDPOINT_INTERFACE;
}

const char *const *
vpc_workload_default_calls (VpcWorkloadKind kind)
{
  static const char *const none[] = { NULL };
  static const char *const console[] = {
    "s3", "sagemaker.api", "sagemaker.runtime", "sts", "logs", NULL,
  };
  static const char *const client[] = { "sagemaker.runtime", NULL };

  switch (kind)
    {
    case VPC_WORKLOAD_NOTEBOOK_INSTANCE:
    case VPC_WORKLOAD_STUDIO_DOMAIN:
      return console;
    case VPC_WORKLOAD_CLIENT:
      return client;
    case VPC_WORKLOAD_TRAINING_JOB:
    case VPC_WORKLOAD_PROCESSING_JOB:
    case VPC_WORKLOAD_BATCH_TRANSFORM:
    case VPC_WORKLOAD_REALTIME_ENDPOINT:
    case VPC_N_WORKLOAD_KINDS:
    default:
      return none;
    }
}

guint
vpc_workload_n_calls (const VpcElement *workload)
{
  if (workload->calls != NULL)
    return workload->calls->len;
  return g_strv_length ((char **) vpc_workload_default_calls (workload->workload_kind));
}

const char *
vpc_workload_get_call (const VpcElement *workload,
                       guint             i)
{
  if (workload->calls != NULL)
    return g_ptr_array_index (workload->calls, i);
  return vpc_workload_default_calls (workload->workload_kind)[i];
}

gboolean
vpc_id_is_reserved (const char *id)
{
  return g_strcmp0 (id, "self") == 0 || g_str_has_prefix (id, "prefix-list:");
}

gboolean
vpc_id_is_valid (const char *id)
{
  gsize len;

  if (id == NULL)
    return FALSE;
  len = strlen (id);
  if (len < 1 || len > VPC_ID_MAX_LEN)
    return FALSE;
  for (const char *p = id; *p; p++)
    if (!g_ascii_isalnum (*p) && *p != '.' && *p != '_' && *p != ':' && *p != '-')
      return FALSE;
  return !vpc_id_is_reserved (id);
}

gboolean
vpc_service_name_is_valid (const char *name)
{
  if (name == NULL || *name == '\0')
    return FALSE;
  for (const char *p = name; *p; p++)
    if (!(g_ascii_islower (*p) || g_ascii_isdigit (*p) || *p == '.' || *p == '-'))
      return FALSE;
  return TRUE;
}

char *
vpc_sg_rule_ports_to_string (const VpcSgRule *rule)
{
  gboolean ported = rule->protocol == VPC_PROTOCOL_TCP || rule->protocol == VPC_PROTOCOL_UDP;

  if (!ported || (rule->port_from == 0 && rule->port_to == 65535))
    return g_strdup ("all");
  if (rule->port_from == rule->port_to)
    return g_strdup_printf ("%u", rule->port_from);
  return g_strdup_printf ("%u-%u", rule->port_from, rule->port_to);
}
