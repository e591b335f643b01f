/* SPDX-License-Identifier: GPL-3.0-or-later */
/* vpc-invariants.c: the one list of what a design must satisfy (format.md
 * §2–3). Checks run element by element in file order; for each element its
 * own values first, then its references, so the first message is the one a
 * reader of the file would expect.
 */
#include "vpc-invariants.h"

#include <math.h>
#include <string.h>

#include "vpc-cidr.h"
#include "vpc-design-private.h"
#include "vpc-file.h"
#include "vpc-i18n.h"
#include "vpc-json-write.h"

#define QUOTE_MAX_CHARS 80

typedef struct
{
  VpcDesign         *design;
  VpcInvariantsPlace place;
  const VpcElement  *element; /* NULL: the top level */
  guint              index;
  GError           **error;
} Check;

static char *
quote (const char *value)
{
  GString *out = g_string_new (NULL);

  vpc_json_append_quoted_short (out, value, QUOTE_MAX_CHARS);
  return g_string_free (out, FALSE);
}

/* A name as a message shows it: valid UTF-8 (the fault may be in the name
 * itself) and short. */
static char *
short_name (const char *name)
{
  g_autofree char *valid = g_utf8_make_valid (name, -1);
  g_autofree char *cut = NULL;

  if (g_utf8_strlen (valid, -1) <= QUOTE_MAX_CHARS)
    return g_steal_pointer (&valid);
  cut = g_utf8_substring (valid, 0, QUOTE_MAX_CHARS);
  return g_strconcat (cut, "…", NULL);
}

/* Where the fault is, in the form the reader of the message knows. */
static char *
place_of (Check      *c,
          const char *key)
{
  GString *place = g_string_new (NULL);

  if (c->place == VPC_INVARIANTS_PLACE_FILE)
    {
      if (c->element != NULL)
        g_string_append_printf (place, "%s[%u]", vpc_kind_to_string (c->element->kind), c->index);
      if (key != NULL)
        g_string_append_printf (place, "%s%s", place->len > 0 ? "." : "", key);
      return g_string_free (place, FALSE);
    }
  if (c->element != NULL)
    {
      g_autofree char *label = g_strdup (vpc_kind_to_label (c->element->kind));
      g_autofree char *name = short_name (vpc_element_get_display_name (c->element));

      label[0] = g_ascii_toupper (label[0]);
      /* TRANSLATORS: where a fault is: a kind of element ("Subnet"), then
       * its name. */
      g_string_append_printf (place, _("%s “%s”"), label, name);
    }
  else
    g_string_append (place, _("The design"));
  if (key != NULL)
    g_string_append_printf (place, ", %s", key);
  return g_string_free (place, FALSE);
}

static gboolean fail (Check      *c,
                      int         code,
                      const char *key,
                      const char *format,
                      ...) G_GNUC_PRINTF (4, 5);

static gboolean
fail (Check      *c,
      int         code,
      const char *key,
      const char *format,
      ...)
{
  g_autofree char *place = place_of (c, key);
  g_autofree char *what = NULL;
  va_list args;

  va_start (args, format);
  what = g_strdup_vprintf (format, args);
  va_end (args);
  vpc_invariants_set_error (c->error, code, place, what);
  return FALSE;
}

void
vpc_invariants_set_error (GError    **error,
                          int         code,
                          const char *place,
                          const char *what)
{
  if (*place != '\0')
    g_set_error (error, VPC_FILE_ERROR, code, "%s: %s", place, what);
  else
    g_set_error_literal (error, VPC_FILE_ERROR, code, what);
}

/* Values */

gboolean
vpc_region_is_valid (const char *region)
{
  if (region == NULL || *region == '\0')
    return FALSE;
  for (const char *p = region; *p != '\0'; p++)
    if (!g_ascii_islower (*p) && !g_ascii_isdigit (*p) && *p != '-')
      return FALSE;
  return TRUE;
}

gboolean
vpc_invariants_text_is_valid (const char *text)
{
  return text == NULL || g_utf8_validate (text, -1, NULL);
}

static gboolean
check_text (Check      *c,
            const char *key,
            const char *text)
{
  if (vpc_invariants_text_is_valid (text))
    return TRUE;
  return fail (c, VPC_FILE_ERROR_ENCODING, key, _("is not valid UTF-8"));
}

static gboolean
check_cidr (Check      *c,
            const char *key,
            const char *text)
{
  const char *reason = NULL;
  g_autofree char *quoted = NULL;

  if (text == NULL)
    return fail (c, VPC_FILE_ERROR_INVALID, key, _("a CIDR block is required"));
  if (vpc_cidr_parse (text, NULL, &reason))
    return TRUE;
  quoted = quote (text);
  return fail (c, VPC_FILE_ERROR_INVALID, key, _("%s is not a valid CIDR block: %s"), quoted,
               reason);
}

static gboolean
check_service (Check      *c,
               const char *key,
               const char *name)
{
  g_autofree char *quoted = NULL;

  if (name != NULL && vpc_service_name_is_valid (name))
    return TRUE;
  quoted = quote (name != NULL ? name : "");
  return fail (c, VPC_FILE_ERROR_INVALID, key,
               _("%s is not a service name (lowercase letters, digits, '.' and '-', e.g. \"s3\")"),
               quoted);
}

static gboolean
in_range (double   value,
          double   min,
          double   max,
          gboolean above_min)
{
  return isfinite (value) && value <= max && (above_min ? value > min : value >= min);
}

/* Every edit runs these checks: nothing is allocated unless one fails. */
static gboolean
check_range (Check      *c,
             const char *key,
             double      value,
             double      min,
             double      max,
             gboolean    above_min)
{
  g_autoptr(GString) lo = NULL;
  g_autoptr(GString) hi = NULL;

  if (in_range (value, min, max, above_min))
    return TRUE;
  lo = g_string_new (NULL);
  hi = g_string_new (NULL);
  vpc_json_append_number (lo, min);
  vpc_json_append_number (hi, max);
  if (above_min)
    return fail (c, VPC_FILE_ERROR_INVALID, key, _("must be a number above %s and at most %s"),
                 lo->str, hi->str);
  return fail (c, VPC_FILE_ERROR_INVALID, key, _("must be a number from %s to %s"), lo->str,
               hi->str);
}

static gboolean
check_layout (Check         *c,
              const char    *key,
              gboolean       has_layout,
              const VpcRect *r)
{
  static const char *const names[] = { "x", "y", "w", "h" };
  const double values[] = { r->x, r->y, r->w, r->h };

  for (guint i = 0; has_layout && i < G_N_ELEMENTS (values); i++)
    {
      double min = i < 2 ? -VPC_LAYOUT_LIMIT : 0;
      g_autofree char *field = NULL;

      if (in_range (values[i], min, VPC_LAYOUT_LIMIT, i >= 2))
        continue;
      field = g_strconcat (key, ".", names[i], NULL);
      return check_range (c, field, values[i], min, VPC_LAYOUT_LIMIT, i >= 2);
    }
  return TRUE;
}

gboolean
vpc_sg_peer_is_group (const char *peer)
{
  return strcmp (peer, "self") != 0 && strchr (peer, '/') == NULL &&
         !g_str_has_prefix (peer, "prefix-list:");
}

static gboolean
check_rule_values (Check           *c,
                   const char      *key,
                   const VpcSgRule *rule)
{
  g_autofree char *peer_key = g_strconcat (key, ".peer", NULL);
  g_autofree char *quoted = NULL;

  if ((guint) rule->protocol > VPC_PROTOCOL_ALL)
    return fail (c, VPC_FILE_ERROR_INVALID, key, _("unknown protocol"));
  if (rule->port_from > rule->port_to)
    return fail (c, VPC_FILE_ERROR_INVALID, key,
                 _("the port range %u-%u runs backwards"), rule->port_from, rule->port_to);
  if (rule->peer == NULL || *rule->peer == '\0')
    return fail (c, VPC_FILE_ERROR_INVALID, peer_key, _("a peer is required"));
  if (strcmp (rule->peer, "self") == 0 || vpc_sg_peer_is_group (rule->peer))
    return TRUE; /* a group id: checked with the references */
  if (!g_str_has_prefix (rule->peer, "prefix-list:"))
    return check_cidr (c, peer_key, rule->peer);
  if (strcmp (rule->peer, "prefix-list:s3") == 0
      || strcmp (rule->peer, "prefix-list:dynamodb") == 0)
    return TRUE;
  quoted = quote (rule->peer);
  return fail (
      c, VPC_FILE_ERROR_INVALID, peer_key,
      _("unknown prefix list %s (expected \"prefix-list:s3\" or \"prefix-list:dynamodb\")"),
      quoted);
}

static gboolean
check_rules_values (Check        *c,
                    const char   *key,
                    const GArray *rules)
{
  for (guint i = 0; rules != NULL && i < rules->len; i++)
    {
      char rule_key[64]; /* "ingress[4000000]" */

      g_snprintf (rule_key, sizeof rule_key, "%s[%u]", key, i);
      if (!check_rule_values (c, rule_key, &g_array_index (rules, VpcSgRule, i)))
        return FALSE;
    }
  return TRUE;
}

/* An id list names each id once. */
static gboolean
check_list_values (Check           *c,
                   const char      *key,
                   const GPtrArray *list,
                   gboolean         services)
{
  g_autofree char *entry = NULL;
  g_autofree char *quoted = NULL;
  guint n = 0;
  int repeat;

  if (list == NULL)
    return TRUE;
  while (n < list->len && g_ptr_array_index (list, n) != NULL &&
         (!services || vpc_service_name_is_valid (g_ptr_array_index (list, n))))
    n++;
  /* The first fault in list order: a repeat before entry n, or entry n. */
  repeat = vpc_strings_first_repeat ((const char *const *) list->pdata, n);
  if (repeat < 0 && n == list->len)
    return TRUE;
  if (repeat >= 0)
    {
      entry = g_strdup_printf ("%s[%d]", key, repeat);
      quoted = quote (g_ptr_array_index (list, repeat));
      return fail (c, VPC_FILE_ERROR_INVALID, entry, _("%s is listed twice"), quoted);
    }
  entry = g_strdup_printf ("%s[%u]", key, n);
  if (g_ptr_array_index (list, n) == NULL)
    return fail (c, VPC_FILE_ERROR_INVALID, entry, _("an entry is missing"));
  return check_service (c, entry, g_ptr_array_index (list, n));
}

static gboolean
check_element_values (Check            *c,
                      const VpcElement *e)
{
  g_autofree char *quoted = NULL;

  if (e->id == NULL || !vpc_id_is_valid (e->id))
    {
      quoted = quote (e->id != NULL ? e->id : "");
      return fail (c, VPC_FILE_ERROR_INVALID, "id",
                   _("%s is not a valid id (1 to 64 characters of A-Z, a-z, 0-9, '.', '_', ':' "
                     "and '-', not \"self\" or \"prefix-list:…\")"), quoted);
    }
  if (!check_text (c, "name", e->name) ||
      !check_layout (c, "layout", e->has_layout, &e->layout))
    return FALSE;
  switch (e->kind)
    {
    case VPC_KIND_SUBNET:
      if ((guint) e->route > VPC_ROUTE_PUBLIC)
        return fail (c, VPC_FILE_ERROR_INVALID, "route", _("unknown route"));
      if (e->az == NULL)
        return fail (c, VPC_FILE_ERROR_INVALID, "az", _("an availability zone is required"));
      return check_cidr (c, "cidr", e->cidr);
    case VPC_KIND_SECURITY_GROUP:
      return check_rules_values (c, "ingress", e->ingress) &&
             check_rules_values (c, "egress", e->egress);
    case VPC_KIND_ENDPOINT:
      if (!check_service (c, "service", e->service))
        return FALSE;
      if ((guint) e->endpoint_type > VPC_ENDPOINT_GATEWAY)
        return fail (c, VPC_FILE_ERROR_INVALID, "type", _("unknown endpoint type"));
      if (e->endpoint_type == VPC_ENDPOINT_GATEWAY &&
          vpc_endpoint_default_type (e->service) != VPC_ENDPOINT_GATEWAY)
        return fail (c, VPC_FILE_ERROR_INVALID, "type",
                     _("a gateway endpoint exists only for s3 and dynamodb"));
      return check_list_values (c, "subnets", e->subnets, FALSE) &&
             check_list_values (c, "security_groups", e->security_groups, FALSE) &&
             check_range (c, "gb_per_month", e->gb_per_month, 0, VPC_GB_LIMIT, FALSE);
    case VPC_KIND_NAT_GATEWAY:
      if (e->subnet == NULL)
        return fail (c, VPC_FILE_ERROR_INVALID, "subnet", _("a subnet is required"));
      return check_range (c, "gb_per_month", e->gb_per_month, 0, VPC_GB_LIMIT, FALSE);
    case VPC_KIND_WORKLOAD:
      if ((guint) e->workload_kind >= VPC_N_WORKLOAD_KINDS)
        return fail (c, VPC_FILE_ERROR_INVALID, "kind", _("unknown workload kind"));
      if ((guint) e->image_access > VPC_IMAGE_ACCESS_VPC)
        return fail (c, VPC_FILE_ERROR_INVALID, "image_access", _("unknown image access"));
      if (e->instance_count < 1 || e->instance_count > VPC_INSTANCES_LIMIT)
        return fail (c, VPC_FILE_ERROR_INVALID, "instance_count",
                     _("must be a whole number from 1 to %d"), VPC_INSTANCES_LIMIT);
      return check_list_values (c, "subnets", e->subnets, FALSE) &&
             check_list_values (c, "security_groups", e->security_groups, FALSE) &&
             check_list_values (c, "calls", e->calls, TRUE);
    case VPC_KIND_AZ:
    case VPC_N_KINDS:
    default:
      return TRUE;
    }
}

/* References */

static gboolean
check_reference (Check      *c,
                 const char *key,
                 const char *id,
                 VpcKind     wanted)
{
  const VpcElement *target = vpc_design_lookup (c->design, id);
  g_autofree char *quoted = NULL;

  if (target != NULL && target->kind == wanted)
    return TRUE;
  quoted = quote (id);
  if (target == NULL)
    /* TRANSLATORS: the first %s is a kind of element ("subnet"), the
     * second a quoted id. */
    return fail (c, VPC_FILE_ERROR_REFERENCE, key, _("no %s with id %s"),
                 vpc_kind_to_label (wanted), quoted);
  if (target->kind == wanted)
    return TRUE;
  /* TRANSLATORS: a quoted id, then two kinds of element with their
   * articles: "\"sg-1\" is a subnet, not a security group". */
  return fail (c, VPC_FILE_ERROR_REFERENCE, key, _("%s is %s, not %s"), quoted,
               vpc_kind_to_label_with_article (target->kind),
               vpc_kind_to_label_with_article (wanted));
}

static gboolean
check_reference_list (Check           *c,
                      const char      *key,
                      const GPtrArray *ids,
                      VpcKind          wanted)
{
  for (guint i = 0; ids != NULL && i < ids->len; i++)
    {
      const VpcElement *target = vpc_design_lookup (c->design, g_ptr_array_index (ids, i));
      g_autofree char *entry = NULL;

      if (target != NULL && target->kind == wanted)
        continue;
      entry = g_strdup_printf ("%s[%u]", key, i);
      return check_reference (c, entry, g_ptr_array_index (ids, i), wanted);
    }
  return TRUE;
}

static gboolean
check_rule_peers (Check        *c,
                  const char   *key,
                  const GArray *rules)
{
  for (guint i = 0; rules != NULL && i < rules->len; i++)
    {
      const char *peer = g_array_index (rules, VpcSgRule, i).peer;
      g_autofree char *rule_key = NULL;
      const VpcElement *target;

      if (!vpc_sg_peer_is_group (peer))
        continue;
      target = vpc_design_lookup (c->design, peer);
      if (target != NULL && target->kind == VPC_KIND_SECURITY_GROUP)
        continue;
      rule_key = g_strdup_printf ("%s[%u].peer", key, i);
      if (!check_reference (c, rule_key, peer, VPC_KIND_SECURITY_GROUP))
        return FALSE;
    }
  return TRUE;
}

/* An interface endpoint has one network interface per AZ. */
static gboolean
check_one_subnet_per_az (Check            *c,
                         const VpcElement *endpoint)
{
  guint n = endpoint->subnets->len;
  g_autofree const char **azs = g_new (const char *, n);
  g_autofree char *a = NULL, *b = NULL;
  int repeat;

  for (guint i = 0; i < n; i++)
    azs[i] = vpc_design_lookup (c->design, g_ptr_array_index (endpoint->subnets, i))->az;
  repeat = vpc_strings_first_repeat (azs, n);
  if (repeat < 0)
    return TRUE;
  for (int i = 0; a == NULL && i < repeat; i++) /* the one earlier subnet in that AZ */
    if (strcmp (azs[i], azs[repeat]) == 0)
      a = quote (g_ptr_array_index (endpoint->subnets, i));
  b = quote (g_ptr_array_index (endpoint->subnets, repeat));
  return fail (c, VPC_FILE_ERROR_INVALID, "subnets",
               _("%s and %s are both in availability zone %s; an interface endpoint takes "
                 "one subnet per AZ"), a, b, azs[repeat]);
}

static gboolean
check_element_references (Check            *c,
                          const VpcElement *e)
{
  switch (e->kind)
    {
    case VPC_KIND_SUBNET:
      return check_reference (c, "az", e->az, VPC_KIND_AZ);
    case VPC_KIND_SECURITY_GROUP:
      return check_rule_peers (c, "ingress", e->ingress) &&
             check_rule_peers (c, "egress", e->egress);
    case VPC_KIND_ENDPOINT:
      return check_reference_list (c, "subnets", e->subnets, VPC_KIND_SUBNET) &&
             check_reference_list (c, "security_groups", e->security_groups,
                                   VPC_KIND_SECURITY_GROUP) &&
             (e->endpoint_type != VPC_ENDPOINT_INTERFACE || check_one_subnet_per_az (c, e));
    case VPC_KIND_NAT_GATEWAY:
      return check_reference (c, "subnet", e->subnet, VPC_KIND_SUBNET);
    case VPC_KIND_WORKLOAD:
      return check_reference_list (c, "subnets", e->subnets, VPC_KIND_SUBNET) &&
             check_reference_list (c, "security_groups", e->security_groups,
                                   VPC_KIND_SECURITY_GROUP);
    case VPC_KIND_AZ:
    case VPC_N_KINDS:
    default:
      return TRUE;
    }
}

static gboolean
check_info (Check               *c,
            const VpcDesignInfo *info)
{
  g_autofree char *quoted = NULL;

  if (!check_text (c, "name", info->name) ||
      !check_text (c, "description", info->description) ||
      !check_text (c, "vpc.name", info->vpc_name))
    return FALSE;
  if (!vpc_region_is_valid (info->region))
    {
      quoted = quote (info->region != NULL ? info->region : "");
      return fail (c, VPC_FILE_ERROR_INVALID, "region",
                   _("%s is not a region code (lowercase letters, digits and '-', "
                     "e.g. \"us-east-1\")"), quoted);
    }
  if ((guint) info->environment > VPC_ENVIRONMENT_DEVELOPMENT)
    return fail (c, VPC_FILE_ERROR_INVALID, "environment", _("unknown environment"));
  if ((guint) info->profile > VPC_PROFILE_PRECISE)
    return fail (c, VPC_FILE_ERROR_INVALID, "profile", _("unknown profile"));
  return check_cidr (c, "vpc.cidr", info->vpc_cidr) &&
         check_layout (c, "vpc.layout", info->has_vpc_layout, &info->vpc_layout);
}

gboolean
vpc_invariants_check_design (VpcDesign          *design,
                             VpcInvariantsPlace  place,
                             GError            **error)
{
  Check check = { design, place, NULL, 0, error };

  g_return_val_if_fail (VPC_IS_DESIGN (design), FALSE);

  if (!check_info (&check, vpc_design_get_info (design)))
    return FALSE;
  /* Values first over the whole design: a reference check may rely on the
   * target's values (an endpoint's subnets need their AZ). */
  for (guint pass = 0; pass < 2; pass++)
    for (guint k = 0; k < VPC_N_KINDS; k++)
      for (guint i = 0; i < vpc_design_get_n_elements (design, k); i++)
        {
          const VpcElement *e = vpc_design_get_element (design, k, i);

          check.element = e;
          check.index = i;
          if (!(pass == 0 ? check_element_values (&check, e)
                          : check_element_references (&check, e)))
            return FALSE;
        }
  _vpc_design_note_checked (design);
  return TRUE;
}

gboolean
vpc_invariants_check_element (VpcDesign          *design,
                              const VpcElement   *element,
                              guint               index,
                              VpcInvariantsPlace  place,
                              GError            **error)
{
  Check check = { design, place, element, index, error };

  g_return_val_if_fail (VPC_IS_DESIGN (design), FALSE);
  g_return_val_if_fail (element != NULL, FALSE);

  return check_element_values (&check, element) && check_element_references (&check, element);
}

gboolean
vpc_invariants_layout_is_valid (const VpcRect *r)
{
  /* What check_layout() accepts. */
  return in_range (r->x, -VPC_LAYOUT_LIMIT, VPC_LAYOUT_LIMIT, FALSE) &&
         in_range (r->y, -VPC_LAYOUT_LIMIT, VPC_LAYOUT_LIMIT, FALSE) &&
         in_range (r->w, 0, VPC_LAYOUT_LIMIT, TRUE) && in_range (r->h, 0, VPC_LAYOUT_LIMIT, TRUE);
}

/* Normalizing */

static gboolean
set_double (double *field,
            double  value)
{
  if (memcmp (field, &value, sizeof value) == 0)
    return FALSE;
  *field = value;
  return TRUE;
}

/* -0 reads back as 0. */
static gboolean
normalize_zero (double *field)
{
  return *field == 0 && set_double (field, 0);
}

static gboolean
normalize_rect (VpcRect *r)
{
  gboolean changed = FALSE;

  changed |= normalize_zero (&r->x);
  changed |= normalize_zero (&r->y);
  return changed;
}

static gboolean
normalize_rules (GArray *rules)
{
  gboolean changed = FALSE;

  for (guint i = 0; rules != NULL && i < rules->len; i++)
    {
      VpcSgRule *rule = &g_array_index (rules, VpcSgRule, i);

      if (rule->protocol == VPC_PROTOCOL_TCP || rule->protocol == VPC_PROTOCOL_UDP)
        continue;
      if (rule->port_from != 0 || rule->port_to != 65535)
        {
          rule->port_from = 0;
          rule->port_to = 65535;
          changed = TRUE;
        }
    }
  return changed;
}

gboolean
vpc_element_normalize (VpcElement *e)
{
  gboolean changed = FALSE;

  g_return_val_if_fail (e != NULL, FALSE);

  if (e->has_layout)
    changed |= normalize_rect (&e->layout);
  changed |= normalize_zero (&e->gb_per_month);
  changed |= normalize_rules (e->ingress);
  changed |= normalize_rules (e->egress);
  if (e->kind == VPC_KIND_ENDPOINT && e->endpoint_type == VPC_ENDPOINT_GATEWAY)
    {
      if (!e->private_dns)
        {
          e->private_dns = TRUE;
          changed = TRUE;
        }
      if (e->security_groups != NULL && e->security_groups->len > 0)
        {
          g_ptr_array_set_size (e->security_groups, 0);
          changed = TRUE;
        }
    }
  if (e->kind == VPC_KIND_WORKLOAD && e->workload_kind != VPC_WORKLOAD_NOTEBOOK_INSTANCE &&
      !e->direct_internet_access)
    {
      e->direct_internet_access = TRUE;
      changed = TRUE;
    }
  return changed;
}

gboolean
vpc_design_info_normalize (VpcDesignInfo *info)
{
  g_return_val_if_fail (info != NULL, FALSE);

  return info->has_vpc_layout && normalize_rect (&info->vpc_layout);
}
