/* SPDX-License-Identifier: GPL-3.0-or-later */
/* vpc-file-read.c: the schema walk of the loader (format.md §1–3): from
 * the parsed JSON object to a design, with the loader's warnings and errors.
 * It reads every element first, then resolves references, so that a
 * reference may point forward in the file.
 */
#include "vpc-file-private.h"

#include <math.h>
#include <string.h>

#include "vpc-cidr.h"
#include "vpc-i18n.h"
#include "vpc-json-scan.h"
#include "vpc-json-write.h"
#include "vpc-invariants.h"
#include "vpc-layout.h"

#define LAYOUT_MAX      VPC_LAYOUT_LIMIT
#define GB_MAX          VPC_GB_LIMIT
#define INSTANCES_MAX   VPC_INSTANCES_LIMIT
#define QUOTE_MAX_CHARS 80

typedef struct
{
  VpcDesign  *design;
  GPtrArray  *warnings; /* may be NULL */
  GError    **error;
} Loader;

/* Messages */

/* "path.key", or whichever of the two is set. */
static char *
place_of (const char *path,
          const char *key)
{
  GString *place = g_string_new (path);

  if (key != NULL)
    {
      if (place->len > 0)
        g_string_append_c (place, '.');
      g_string_append (place, key);
    }
  return g_string_free (place, FALSE);
}

/* Places in a design file are short: an element ("workloads[12]") and a
 * few fixed keys. Built on the stack, they cost nothing when all is well. */
#define PLACE_CHARS 160

static void
place_into (char       *out,
            const char *path,
            const char *key)
{
  gsize n = strnlen (path, PLACE_CHARS / 2);

  memcpy (out, path, n);
  if (n > 0)
    out[n++] = '.';
  g_strlcpy (out + n, key, PLACE_CHARS - n);
}

/* "path[index]" (snprintf is slow enough to show at 100,000 elements). */
static void
place_index (char       *out,
             const char *path,
             guint       index)
{
  gsize n = strnlen (path, PLACE_CHARS - 16);
  char digits[16];
  int d = 0;

  memcpy (out, path, n);
  out[n++] = '[';
  do
    digits[d++] = (char) ('0' + index % 10);
  while ((index /= 10) > 0);
  while (d > 0)
    out[n++] = digits[--d];
  out[n++] = ']';
  out[n] = '\0';
}

/* @value in double quotes, escaped and shortened for a message. */
static char *
quote (const char *value)
{
  GString *out = g_string_new (NULL);

  vpc_json_append_quoted_short (out, value, QUOTE_MAX_CHARS);
  return g_string_free (out, FALSE);
}

static gboolean fail (Loader     *ld,
                      int         code,
                      const char *path,
                      const char *key,
                      const char *format,
                      ...) G_GNUC_PRINTF (5, 6);

/* Sets the one load error, "place: what". Returns FALSE. */
static gboolean
fail (Loader     *ld,
      int         code,
      const char *path,
      const char *key,
      const char *format,
      ...)
{
  g_autofree char *place = place_of (path, key);
  g_autofree char *what = NULL;
  va_list args;

  va_start (args, format);
  what = g_strdup_vprintf (format, args);
  va_end (args);
  vpc_invariants_set_error (ld->error, code, place, what);
  return FALSE;
}

static void warn (Loader     *ld,
                  const char *path,
                  const char *key,
                  const char *format,
                  ...) G_GNUC_PRINTF (4, 5);

static void
warn (Loader     *ld,
      const char *path,
      const char *key,
      const char *format,
      ...)
{
  g_autofree char *what = NULL;
  GString *place;
  va_list args;

  if (ld->warnings == NULL)
    return;
  va_start (args, format);
  what = g_strdup_vprintf (format, args);
  va_end (args);
  /* Keys can be any text: quote the odd ones. */
  place = g_string_new (path);
  if (key != NULL)
    {
      gboolean plain = *key != '\0';

      for (const char *p = key; plain && *p != '\0'; p++)
        plain = g_ascii_isalnum (*p) || *p == '_' || *p == '-';
      if (plain)
        g_string_append_printf (place, "%s%s", place->len > 0 ? "." : "", key);
      else
        {
          g_string_append_c (place, '[');
          vpc_json_append_quoted_short (place, key, QUOTE_MAX_CHARS);
          g_string_append_c (place, ']');
        }
    }
  g_ptr_array_add (ld->warnings, g_strdup_printf ("%s: %s", place->str, what));
  g_string_free (place, TRUE);
}

/* "must be a string, not an array": one wording for both JSON trees. The
 * names are translated where a message takes them. */
static const char *const type_names[] = {
  [VPC_JSON_NULL] = N_("null"),        [VPC_JSON_BOOLEAN] = N_("a boolean"),
  [VPC_JSON_NUMBER] = N_("a number"),  [VPC_JSON_STRING] = N_("a string"),
  [VPC_JSON_ARRAY] = N_("an array"),   [VPC_JSON_OBJECT] = N_("an object"),
};

const char *
_vpc_file_type_name (JsonNode *node)
{
  switch (JSON_NODE_TYPE (node))
    {
    case JSON_NODE_OBJECT:
      return _(type_names[VPC_JSON_OBJECT]);
    case JSON_NODE_ARRAY:
      return _(type_names[VPC_JSON_ARRAY]);
    case JSON_NODE_NULL:
      return _(type_names[VPC_JSON_NULL]);
    case JSON_NODE_VALUE:
    default:
      break;
    }
  switch (json_node_get_value_type (node))
    {
    case G_TYPE_STRING:
      return _(type_names[VPC_JSON_STRING]);
    case G_TYPE_BOOLEAN:
      return _(type_names[VPC_JSON_BOOLEAN]);
    default:
      return _(type_names[VPC_JSON_NUMBER]);
    }
}

static const char *
type_name (const VpcJson *node)
{
  return _(type_names[node->type]);
}

static gboolean
fail_type (Loader     *ld,
           const char *path,
           const char *key,
           const VpcJson   *node,
           const char *wanted)
{
  /* TRANSLATORS: "must be a string, not an array": two kinds of JSON
   * value, as in "a string", "an array", "true or false". */
  return fail (ld, VPC_FILE_ERROR_INVALID, path, key, _("must be %s, not %s"),
               _(wanted), type_name (node));
}

static gboolean
fail_missing (Loader     *ld,
              const char *path,
              const char *key)
{
  return fail (ld, VPC_FILE_ERROR_INVALID, path, NULL, _("missing required key \"%s\""), key);
}

/* @choices is translated: the values in quotes stay as they are. */
static gboolean
fail_enum (Loader     *ld,
           const char *path,
           const char *key,
           const char *value,
           const char *choices)
{
  g_autofree char *quoted = quote (value);

  return fail (ld, VPC_FILE_ERROR_INVALID, path, key, _("unknown value %s (expected %s)"),
               quoted, choices);
}

/* Typed members. Optional readers leave *out alone when the key is absent. */

static gboolean
is_number (const VpcJson *node)
{
  return node->type == VPC_JSON_NUMBER;
}

static gboolean
is_string (const VpcJson *node)
{
  return node->type == VPC_JSON_STRING;
}

static gboolean
is_boolean (const VpcJson *node)
{
  return node->type == VPC_JSON_BOOLEAN;
}

static gboolean
is_object (const VpcJson *node)
{
  return node->type == VPC_JSON_OBJECT;
}

static gboolean
is_array (const VpcJson *node)
{
  return node->type == VPC_JSON_ARRAY;
}

/* The member @key when @holds accepts it, in *out; NULL when it is absent,
 * which is an error only when @required. @wanted names the type for the
 * message, untranslated (N_()): it is translated only for a message. */
static gboolean
read_member (Loader      *ld,
             const VpcJson  *obj,
             const char  *path,
             const char  *key,
             gboolean     required,
             gboolean   (*holds) (const VpcJson *node),
             const char  *wanted,
             const VpcJson   **out)
{
  const VpcJson *node = vpc_json_get_member (obj, key);

  *out = NULL;
  if (node == NULL)
    return !required || fail_missing (ld, path, key);
  if (!holds (node))
    return fail_type (ld, path, key, node, wanted);
  *out = node;
  return TRUE;
}

static gboolean
read_string (Loader      *ld,
             const VpcJson  *obj,
             const char  *path,
             const char  *key,
             gboolean     required,
             const char **out)
{
  const VpcJson *node;

  if (!read_member (ld, obj, path, key, required, is_string, N_("a string"), &node))
    return FALSE;
  if (node != NULL)
    *out = node->v.string;
  return TRUE;
}

/* Replaces *out by a copy of the member when it is present. */
static gboolean
read_string_dup (Loader     *ld,
                 const VpcJson *obj,
                 const char *path,
                 const char *key,
                 gboolean    required,
                 char      **out)
{
  const char *value = NULL;

  if (!read_string (ld, obj, path, key, required, &value))
    return FALSE;
  if (value != NULL)
    {
      g_free (*out);
      *out = g_strdup (value);
    }
  return TRUE;
}

static gboolean
read_boolean (Loader     *ld,
              const VpcJson *obj,
              const char *path,
              const char *key,
              gboolean   *out)
{
  const VpcJson *node;

  /* TRANSLATORS: true and false are JSON's words: keep them. */
  if (!read_member (ld, obj, path, key, FALSE, is_boolean, N_("true or false"), &node))
    return FALSE;
  if (node != NULL)
    *out = node->v.boolean;
  return TRUE;
}

static gboolean
read_finite (Loader     *ld,
             const VpcJson   *node,
             const char *path,
             const char *key,
             double     *out)
{
  if (!is_number (node))
    return fail_type (ld, path, key, node, N_("a number"));
  *out = node->v.number;
  if (!isfinite (*out))
    return fail (ld, VPC_FILE_ERROR_INVALID, path, key, _("must be a finite number"));
  return TRUE;
}

/* A number in [min, max], or in (min, max] when @above_min. */
static gboolean
read_number (Loader     *ld,
             const VpcJson *obj,
             const char *path,
             const char *key,
             gboolean    required,
             double      min,
             double      max,
             gboolean    above_min,
             double     *out)
{
  const VpcJson *node = vpc_json_get_member (obj, key);
  g_autoptr(GString) lo = NULL;
  g_autoptr(GString) hi = NULL;
  double value;

  if (node == NULL)
    return !required || fail_missing (ld, path, key);
  if (!read_finite (ld, node, path, key, &value))
    return FALSE;
  if (value <= max && (above_min ? value > min : value >= min))
    {
      *out = value == 0 ? 0 : value; /* no -0 in the model */
      return TRUE;
    }
  /* Only for the message: every layout has four numbers. */
  lo = g_string_new (NULL);
  hi = g_string_new (NULL);
  vpc_json_append_number (lo, min);
  vpc_json_append_number (hi, max);
  if (above_min)
    return fail (ld, VPC_FILE_ERROR_INVALID, path, key,
                 _("must be a number above %s and at most %s"), lo->str, hi->str);
  return fail (ld, VPC_FILE_ERROR_INVALID, path, key,
               _("must be a number from %s to %s"), lo->str, hi->str);
}

static gboolean
read_whole (Loader     *ld,
            const VpcJson *obj,
            const char *path,
            const char *key,
            int         min,
            int         max,
            int        *out)
{
  const VpcJson *node = vpc_json_get_member (obj, key);
  double value;

  if (node == NULL)
    return TRUE;
  if (!read_finite (ld, node, path, key, &value))
    return FALSE;
  if (value != floor (value) || value < min || value > max)
    return fail (ld, VPC_FILE_ERROR_INVALID, path, key,
                 _("must be a whole number from %d to %d"), min, max);
  *out = (int) value;
  return TRUE;
}

static gboolean
read_object (Loader      *ld,
             const VpcJson  *obj,
             const char  *path,
             const char  *key,
             gboolean     required,
             const VpcJson **out)
{
  const VpcJson *node;

  *out = NULL;
  if (!read_member (ld, obj, path, key, required, is_object, N_("an object"), &node))
    return FALSE;
  if (node != NULL)
    *out = node;
  return TRUE;
}

static gboolean
read_array (Loader     *ld,
            const VpcJson *obj,
            const char *path,
            const char *key,
            const VpcJson **out)
{
  const VpcJson *node;

  *out = NULL;
  if (!read_member (ld, obj, path, key, FALSE, is_array, N_("an array"), &node))
    return FALSE;
  if (node != NULL)
    *out = node;
  return TRUE;
}

/* g_strv_contains(), run for every key of every element: the first
 * character rules out most names. */
static gboolean
in_list (const char *const *list,
         const char        *key)
{
  for (; *list != NULL; list++)
    if ((*list)[0] == key[0] && strcmp (*list, key) == 0)
      return TRUE;
  return FALSE;
}

/* Reports keys outside @known, and keys in @ignored with @why (N_(),
 * translated here: most elements have no such key); file order. */
static void
warn_keys (Loader            *ld,
           const VpcJson        *obj,
           const char        *path,
           const char *const *known,
           const char *const *ignored,
           const char        *why)
{
  for (const VpcJson *member = obj->v.first; member != NULL; member = member->next)
    {
      const char *key = member->key;

      if (ignored != NULL && in_list (ignored, key))
        /* TRANSLATORS: %s says why a key is not read, as in "does not
         * apply to a gateway endpoint". */
        warn (ld, path, key, _("%s; ignored"), _(why));
      else if (!in_list (known, key))
        warn (ld, path, key, _("unknown key; ignored"));
    }
}

/* Strings with a meaning */

static gboolean
check_cidr (Loader     *ld,
            const char *path,
            const char *key,
            const char *text)
{
  const char *reason = NULL;
  g_autofree char *quoted = NULL;

  if (vpc_cidr_parse (text, NULL, &reason))
    return TRUE;
  quoted = quote (text);
  return fail (ld, VPC_FILE_ERROR_INVALID, path, key, _("%s is not a valid CIDR block: %s"),
               quoted, reason);
}

static gboolean
check_service (Loader     *ld,
               const char *path,
               const char *key,
               const char *name)
{
  g_autofree char *quoted = NULL;

  if (vpc_service_name_is_valid (name))
    return TRUE;
  quoted = quote (name);
  return fail (ld, VPC_FILE_ERROR_INVALID, path, key,
               _("%s is not a service name (lowercase letters, digits, '.' and '-', e.g. \"s3\")"),
               quoted);
}

/* Lists of ids and names */

/* Reads an array of strings. Ids are checked later, when every element is
 * known; an entry given twice is an error here. */
static gboolean
read_string_list (Loader      *ld,
                  const VpcJson  *obj,
                  const char  *path,
                  const char  *key,
                  gboolean     services,
                  GPtrArray  **out)
{
  char list_path[PLACE_CHARS], entry[PLACE_CHARS];
  g_autoptr(GPtrArray) list = vpc_id_list_new ();
  const VpcJson *array;
  const VpcJson *node;
  int repeat;
  guint i = 0;

  if (!read_array (ld, obj, path, key, &array))
    return FALSE;
  if (array == NULL)
    return TRUE;
  for (node = array->v.first; node != NULL; node = node->next, i++)
    {
      if (!is_string (node) || (services && !vpc_service_name_is_valid (node->v.string)))
        break;
      g_ptr_array_add (list, g_strdup (node->v.string));
    }
  /* The first fault in list order: a repeat before entry i, or entry i. */
  repeat = vpc_strings_first_repeat ((const char *const *) list->pdata, list->len);
  if (repeat >= 0)
    {
      g_autofree char *quoted = quote (g_ptr_array_index (list, repeat));

      place_into (list_path, path, key);
      g_snprintf (entry, sizeof entry, "%s[%d]", list_path, repeat);
      return fail (ld, VPC_FILE_ERROR_INVALID, entry, NULL, _("%s is listed twice"), quoted);
    }
  if (node != NULL)
    {
      place_into (list_path, path, key);
      g_snprintf (entry, sizeof entry, "%s[%u]", list_path, i);
      if (!is_string (node))
        return fail_type (ld, entry, NULL, node, N_("a string"));
      return check_service (ld, entry, NULL, node->v.string);
    }
  g_clear_pointer (out, g_ptr_array_unref);
  *out = g_steal_pointer (&list);
  return TRUE;
}

/* Layout */

static gboolean
read_layout (Loader     *ld,
             const VpcJson *obj,
             const char *path,
             VpcKind     kind,
             gboolean   *has_layout,
             VpcRect    *rect)
{
  static const char *const known[] = { "x", "y", "w", "h", NULL };
  char layout_path[PLACE_CHARS];
  const VpcJson *layout;
  gboolean ok;

  if (!read_object (ld, obj, path, "layout", FALSE, &layout))
    return FALSE;
  if (layout == NULL)
    return TRUE;
  place_into (layout_path, path, "layout");
  rect->w = rect->h = 0;
  if ((guint) kind < VPC_N_KINDS)
    vpc_layout_natural_size (kind, &rect->w, &rect->h);
  ok = read_number (ld, layout, layout_path, "x", TRUE, -LAYOUT_MAX, LAYOUT_MAX, FALSE, &rect->x) &&
       read_number (ld, layout, layout_path, "y", TRUE, -LAYOUT_MAX, LAYOUT_MAX, FALSE, &rect->y) &&
       read_number (ld, layout, layout_path, "w", FALSE, 0, LAYOUT_MAX, TRUE, &rect->w) &&
       read_number (ld, layout, layout_path, "h", FALSE, 0, LAYOUT_MAX, TRUE, &rect->h);
  if (!ok)
    return FALSE;
  warn_keys (ld, layout, layout_path, known, NULL, NULL);
  /* The VPC has no fixed natural size: the automatic layout computes it. */
  *has_layout = rect->w > 0 && rect->h > 0;
  return TRUE;
}

/* Security-group rules */

static gboolean
parse_port (const char **p,
            guint       *out)
{
  const char *s = *p;
  guint value = 0;
  guint digits = 0;

  if (s[0] == '0' && g_ascii_isdigit (s[1]))
    return FALSE;
  for (; g_ascii_isdigit (*s); s++)
    {
      value = value * 10 + (guint) (*s - '0');
      if (++digits > 5 || value > 65535)
        return FALSE;
    }
  *p = s;
  *out = value;
  return digits > 0;
}

/* "all", "443" or "8192-65535". */
static gboolean
parse_ports (const char *text,
             VpcSgRule  *rule)
{
  const char *p = text;
  guint from, to;

  if (strcmp (text, "all") == 0)
    {
      rule->port_from = 0;
      rule->port_to = 65535;
      return TRUE;
    }
  if (!parse_port (&p, &from))
    return FALSE;
  to = from;
  if (*p == '-')
    {
      p++;
      if (!parse_port (&p, &to) || to < from)
        return FALSE;
    }
  rule->port_from = (guint16) from;
  rule->port_to = (guint16) to;
  return *p == '\0';
}

static gboolean
check_peer (Loader     *ld,
            const char *path,
            const char *peer)
{
  g_autofree char *quoted = NULL;

  if (strcmp (peer, "self") == 0 || vpc_sg_peer_is_group (peer))
    return TRUE; /* a group id: resolved with the other references */
  if (!g_str_has_prefix (peer, "prefix-list:"))
    return check_cidr (ld, path, "peer", peer);
  if (strcmp (peer, "prefix-list:s3") == 0 || strcmp (peer, "prefix-list:dynamodb") == 0)
    return TRUE;
  quoted = quote (peer);
  return fail (
      ld, VPC_FILE_ERROR_INVALID, path, "peer",
      _("unknown prefix list %s (expected \"prefix-list:s3\" or \"prefix-list:dynamodb\")"),
      quoted);
}

static gboolean
read_rule (Loader     *ld,
           const VpcJson   *node,
           const char *path,
           VpcSgRule  *rule)
{
  static const char *const known[] = { "protocol", "ports", "peer", NULL };
  const VpcJson *obj;
  const char *protocol = NULL, *ports = NULL, *peer = NULL;

  if (!is_object (node))
    return fail_type (ld, path, NULL, node, N_("an object"));
  obj = node;
  if (!read_string (ld, obj, path, "protocol", TRUE, &protocol))
    return FALSE;
  if (!vpc_protocol_from_string (protocol, &rule->protocol))
    return fail_enum (ld, path, "protocol", protocol,
                      /* TRANSLATORS: the values in quotes are words of the file: keep them. */
                      _("\"tcp\", \"udp\", \"icmp\", \"esp\" or \"all\""));
  rule->port_from = 0;
  rule->port_to = 65535;
  /* Ports mean something for tcp and udp only; elsewhere they are ignored. */
  if (rule->protocol == VPC_PROTOCOL_TCP || rule->protocol == VPC_PROTOCOL_UDP)
    {
      g_autofree char *quoted = NULL;

      if (!read_string (ld, obj, path, "ports", FALSE, &ports))
        return FALSE;
      if (ports != NULL && !parse_ports (ports, rule))
        {
          quoted = quote (ports);
          return fail (ld, VPC_FILE_ERROR_INVALID, path, "ports",
                       _("%s is not a port range (expected \"443\", \"8192-65535\" or \"all\", "
                         "with ports from 0 to 65535)"), quoted);
        }
    }
  if (!read_string (ld, obj, path, "peer", TRUE, &peer) || !check_peer (ld, path, peer))
    return FALSE;
  rule->peer = g_strdup (peer);
  warn_keys (ld, obj, path, known, NULL, NULL);
  return TRUE;
}

static gboolean
read_rules (Loader     *ld,
            const VpcJson *obj,
            const char *path,
            const char *key,
            GArray     *rules)
{
  char list_path[PLACE_CHARS], rule_path[PLACE_CHARS];
  const VpcJson *array;
  guint i = 0;

  if (!read_array (ld, obj, path, key, &array))
    return FALSE;
  if (array == NULL)
    return TRUE; /* keep the default */
  place_into (list_path, path, key);
  g_array_set_size (rules, 0);
  for (const VpcJson *node = array->v.first; node != NULL; node = node->next, i++)
    {
      VpcSgRule rule = { 0 };

      place_index (rule_path, list_path, i);
      if (!read_rule (ld, node, rule_path, &rule))
        return FALSE;
      g_array_append_val (rules, rule);
    }
  return TRUE;
}

/* Elements, one reader per kind. Each reads its own keys and reports the
 * others; id, name and layout are read by read_element(). */

#define COMMON_KEYS "id", "name", "layout"

static gboolean
read_az (Loader     *ld,
         const VpcJson *obj,
         const char *path,
         VpcElement *e)
{
  static const char *const known[] = { COMMON_KEYS, NULL };

  warn_keys (ld, obj, path, known, NULL, NULL);
  return TRUE;
}

static gboolean
read_subnet (Loader     *ld,
             const VpcJson *obj,
             const char *path,
             VpcElement *e)
{
  static const char *const known[] = { COMMON_KEYS, "az", "cidr", "route", NULL };
  const char *route = NULL;

  if (!read_string_dup (ld, obj, path, "az", TRUE, &e->az) ||
      !read_string_dup (ld, obj, path, "cidr", TRUE, &e->cidr) ||
      !check_cidr (ld, path, "cidr", e->cidr) ||
      !read_string (ld, obj, path, "route", FALSE, &route))
    return FALSE;
  if (route != NULL && !vpc_route_from_string (route, &e->route))
    /* TRANSLATORS: the values in quotes are words of the file: keep them. */
    return fail_enum (ld, path, "route", route, _("\"private\", \"nat\" or \"public\""));
  warn_keys (ld, obj, path, known, NULL, NULL);
  return TRUE;
}

static gboolean
read_security_group (Loader     *ld,
                     const VpcJson *obj,
                     const char *path,
                     VpcElement *e)
{
  static const char *const known[] = { COMMON_KEYS, "ingress", "egress", NULL };

  if (!read_rules (ld, obj, path, "ingress", e->ingress) ||
      !read_rules (ld, obj, path, "egress", e->egress))
    return FALSE;
  warn_keys (ld, obj, path, known, NULL, NULL);
  return TRUE;
}

static gboolean
read_endpoint (Loader     *ld,
               const VpcJson *obj,
               const char *path,
               VpcElement *e)
{
  static const char *const known[] = {
    COMMON_KEYS, "service", "type", "subnets", "private_dns", "security_groups",
    "gb_per_month", NULL,
  };
  static const char *const interface_only[] = { "private_dns", "security_groups", NULL };
  const char *type = NULL;

  if (!read_string_dup (ld, obj, path, "service", TRUE, &e->service) ||
      !check_service (ld, path, "service", e->service) ||
      !read_string (ld, obj, path, "type", FALSE, &type))
    return FALSE;
  e->endpoint_type = vpc_endpoint_default_type (e->service);
  if (type != NULL && !vpc_endpoint_type_from_string (type, &e->endpoint_type))
    /* TRANSLATORS: the values in quotes are words of the file: keep them. */
    return fail_enum (ld, path, "type", type, _("\"interface\" or \"gateway\""));
  if (e->endpoint_type == VPC_ENDPOINT_GATEWAY &&
      vpc_endpoint_default_type (e->service) != VPC_ENDPOINT_GATEWAY)
    return fail (ld, VPC_FILE_ERROR_INVALID, path, "type",
                 _("a gateway endpoint exists only for s3 and dynamodb"));
  if (!read_string_list (ld, obj, path, "subnets", FALSE, &e->subnets) ||
      !read_number (ld, obj, path, "gb_per_month", FALSE, 0, GB_MAX, FALSE, &e->gb_per_month))
    return FALSE;
  if (e->endpoint_type == VPC_ENDPOINT_GATEWAY)
    {
      warn_keys (ld, obj, path, known, interface_only, N_("does not apply to a gateway endpoint"));
      return TRUE;
    }
  if (!read_boolean (ld, obj, path, "private_dns", &e->private_dns) ||
      !read_string_list (ld, obj, path, "security_groups", FALSE, &e->security_groups))
    return FALSE;
  warn_keys (ld, obj, path, known, NULL, NULL);
  return TRUE;
}

static gboolean
read_nat_gateway (Loader     *ld,
                  const VpcJson *obj,
                  const char *path,
                  VpcElement *e)
{
  static const char *const known[] = { COMMON_KEYS, "subnet", "gb_per_month", NULL };

  if (!read_string_dup (ld, obj, path, "subnet", TRUE, &e->subnet) ||
      !read_number (ld, obj, path, "gb_per_month", FALSE, 0, GB_MAX, FALSE, &e->gb_per_month))
    return FALSE;
  warn_keys (ld, obj, path, known, NULL, NULL);
  return TRUE;
}

static gboolean
read_workload_kind (Loader     *ld,
                    const VpcJson *obj,
                    const char *path,
                    VpcElement *e)
{
  const char *kind = NULL;

  if (!read_string (ld, obj, path, "kind", TRUE, &kind))
    return FALSE;
  if (!vpc_workload_kind_from_string (kind, &e->workload_kind))
    return fail_enum (ld, path, "kind", kind,
                      /* TRANSLATORS: the values in quotes are words of the file: keep them. */
                      _("\"training_job\", \"processing_job\", \"batch_transform\", "
                        "\"realtime_endpoint\", \"notebook_instance\", \"studio_domain\" "
                        "or \"client\""));
  return TRUE;
}

static gboolean
read_workload (Loader     *ld,
               const VpcJson *obj,
               const char *path,
               VpcElement *e)
{
  static const char *const known[] = {
    COMMON_KEYS, "kind", "vpc_mode", "subnets", "security_groups", "network_isolation",
    "instance_count", "inter_container_encryption", "image_access", "calls",
    "needs_internet", "direct_internet_access", NULL,
  };
  static const char *const notebook_only[] = { "direct_internet_access", NULL };
  const char *access = NULL;
  gboolean notebook;

  if (!read_workload_kind (ld, obj, path, e) ||
      !read_boolean (ld, obj, path, "vpc_mode", &e->vpc_mode) ||
      !read_string_list (ld, obj, path, "subnets", FALSE, &e->subnets) ||
      !read_string_list (ld, obj, path, "security_groups", FALSE, &e->security_groups) ||
      !read_boolean (ld, obj, path, "network_isolation", &e->network_isolation) ||
      !read_whole (ld, obj, path, "instance_count", 1, INSTANCES_MAX, &e->instance_count) ||
      !read_boolean (ld, obj, path, "inter_container_encryption",
                     &e->inter_container_encryption) ||
      !read_string (ld, obj, path, "image_access", FALSE, &access))
    return FALSE;
  if (access != NULL && !vpc_image_access_from_string (access, &e->image_access))
    /* TRANSLATORS: the values in quotes are words of the file: keep them. */
    return fail_enum (ld, path, "image_access", access, _("\"platform\" or \"vpc\""));
  if (!read_string_list (ld, obj, path, "calls", TRUE, &e->calls) ||
      !read_boolean (ld, obj, path, "needs_internet", &e->needs_internet))
    return FALSE;
  notebook = e->workload_kind == VPC_WORKLOAD_NOTEBOOK_INSTANCE;
  if (notebook &&
      !read_boolean (ld, obj, path, "direct_internet_access", &e->direct_internet_access))
    return FALSE;
  warn_keys (ld, obj, path, known, notebook ? NULL : notebook_only,
             N_("applies only to a notebook instance"));
  return TRUE;
}

typedef gboolean (*KindReader) (Loader     *ld,
                                const VpcJson *obj,
                                const char *path,
                                VpcElement *e);

static const KindReader kind_readers[VPC_N_KINDS] = {
  [VPC_KIND_AZ] = read_az,
  [VPC_KIND_SUBNET] = read_subnet,
  [VPC_KIND_SECURITY_GROUP] = read_security_group,
  [VPC_KIND_ENDPOINT] = read_endpoint,
  [VPC_KIND_NAT_GATEWAY] = read_nat_gateway,
  [VPC_KIND_WORKLOAD] = read_workload,
};

/* "subnets[0]": where an element sits in the file. */
static char *
element_path (const VpcElement *e,
              guint             index)
{
  return g_strdup_printf ("%s[%u]", vpc_kind_to_string (e->kind), index);
}

static gboolean
check_new_id (Loader     *ld,
              const char *path,
              const char *id)
{
  const VpcElement *first;
  g_autofree char *quoted = NULL;
  g_autofree char *first_path = NULL;

  if (!vpc_id_is_reserved (id) && vpc_id_is_valid (id)
      && vpc_design_lookup (ld->design, id) == NULL)
    return TRUE;
  quoted = quote (id);
  if (vpc_id_is_reserved (id))
    return fail (ld, VPC_FILE_ERROR_INVALID, path, "id",
                 _("%s is reserved (\"self\" and \"prefix-list:…\" name security-group peers)"),
                 quoted);
  if (!vpc_id_is_valid (id))
    return fail (ld, VPC_FILE_ERROR_INVALID, path, "id",
                 _("%s is not a valid id (1 to 64 characters of A-Z, a-z, 0-9, '.', '_', ':' "
                   "and '-')"), quoted);
  first = vpc_design_lookup (ld->design, id);
  if (first == NULL)
    return TRUE;
  first_path = element_path (first, (guint) vpc_design_index_of (ld->design, id));
  return fail (ld, VPC_FILE_ERROR_INVALID, path, "id", _("duplicate id %s (first used by %s)"),
               quoted, first_path);
}

static gboolean
read_element (Loader     *ld,
              VpcKind     kind,
              const VpcJson   *node,
              const char *path)
{
  g_autoptr(VpcElement) e = NULL;
  const VpcJson *obj;
  const char *id = NULL;

  if (!is_object (node))
    return fail_type (ld, path, NULL, node, N_("an object"));
  obj = node;
  if (!read_string (ld, obj, path, "id", TRUE, &id) || !check_new_id (ld, path, id))
    return FALSE;
  e = vpc_element_new (kind, id);
  if (!read_string_dup (ld, obj, path, "name", FALSE, &e->name) ||
      !kind_readers[kind] (ld, obj, path, e) ||
      !read_layout (ld, obj, path, kind, &e->has_layout, &e->layout))
    return FALSE;
  vpc_design_take_element (ld->design, g_steal_pointer (&e));
  return TRUE;
}

/* The six lists must be arrays; together they hold at most 100,000 entries. */
static gboolean
count_elements (Loader     *ld,
                const VpcJson *root,
                const VpcJson *lists[VPC_N_KINDS])
{
  guint64 total = 0;

  for (guint k = 0; k < VPC_N_KINDS; k++)
    {
      if (!read_array (ld, root, "", vpc_kind_to_string (k), &lists[k]))
        return FALSE;
      if (lists[k] != NULL)
        total += lists[k]->length;
    }
  if (total > VPC_FILE_MAX_ELEMENTS)
    {
      g_autofree char *count = g_strdup_printf ("%" G_GUINT64_FORMAT, total);

      return fail (ld, VPC_FILE_ERROR_TOO_LARGE, "", NULL,
                   /* TRANSLATORS: the first %s is a number of elements. */
                   ngettext ("the design has %s element; the limit is %d",
                             "the design has %s elements; the limit is %d", (gulong) total),
                   count, VPC_FILE_MAX_ELEMENTS);
    }
  return TRUE;
}

static gboolean
read_elements (Loader            *ld,
               const VpcJson *const *lists)
{
  for (guint k = 0; k < VPC_N_KINDS; k++)
    {
      if (lists[k] == NULL)
        continue;
      guint i = 0;

      for (const VpcJson *node = lists[k]->v.first; node != NULL; node = node->next, i++)
        {
          char path[PLACE_CHARS];

          place_index (path, vpc_kind_to_string (k), i);
          if (!read_element (ld, k, node, path))
            return FALSE;
        }
    }
  return TRUE;
}

/* Top level */

static gboolean
read_format_and_version (Loader     *ld,
                         const VpcJson *root)
{
  const VpcJson *format = vpc_json_get_member (root, "format");
  const VpcJson *version = vpc_json_get_member (root, "version");
  double number;

  if (format == NULL)
    {
      /* Starts as every missing key does: repair reads the key from it. */
      g_autofree char *missing = g_strdup_printf (_("missing required key \"%s\""), "format");

      /* TRANSLATORS: %s is "missing required key "format"". */
      return fail (ld, VPC_FILE_ERROR_FORMAT, "", NULL, _("%s: this is not a VPC Designer design"),
                   missing);
    }
  if (!is_string (format) || strcmp (format->v.string, VPC_FILE_FORMAT_NAME) != 0)
    return fail (ld, VPC_FILE_ERROR_FORMAT, "format", NULL, _("must be \"%s\""),
                 VPC_FILE_FORMAT_NAME);
  if (version == NULL)
    return fail (ld, VPC_FILE_ERROR_FORMAT, "", NULL, _("missing required key \"%s\""), "version");
  if (!is_number (version))
    return fail (ld, VPC_FILE_ERROR_FORMAT, "version", NULL, _("must be %d"),
                 VPC_FILE_FORMAT_VERSION);
  number = version->v.number;
  if (isfinite (number) && number == floor (number) && number > VPC_FILE_FORMAT_VERSION)
    {
      g_autoptr(GString) text = g_string_new (NULL);

      vpc_json_append_number (text, number);
      return fail (ld, VPC_FILE_ERROR_FORMAT, "version", NULL,
                   _("made by a newer version (%s) of VPC Designer"), text->str);
    }
  if (number != VPC_FILE_FORMAT_VERSION)
    return fail (ld, VPC_FILE_ERROR_FORMAT, "version", NULL, _("must be %d"),
                 VPC_FILE_FORMAT_VERSION);
  return TRUE;
}

static gboolean
read_vpc (Loader        *ld,
          const VpcJson    *root,
          VpcDesignInfo *info)
{
  static const char *const known[] = {
    "name", "cidr", "dns_support", "dns_hostnames", "layout", NULL,
  };
  const VpcJson *vpc;

  if (!read_object (ld, root, "", "vpc", TRUE, &vpc) ||
      !read_string_dup (ld, vpc, "vpc", "name", FALSE, &info->vpc_name) ||
      !read_string_dup (ld, vpc, "vpc", "cidr", TRUE, &info->vpc_cidr) ||
      !check_cidr (ld, "vpc", "cidr", info->vpc_cidr) ||
      !read_boolean (ld, vpc, "vpc", "dns_support", &info->dns_support) ||
      !read_boolean (ld, vpc, "vpc", "dns_hostnames", &info->dns_hostnames) ||
      !read_layout (ld, vpc, "vpc", VPC_N_KINDS, &info->has_vpc_layout, &info->vpc_layout))
    return FALSE;
  warn_keys (ld, vpc, "vpc", known, NULL, NULL);
  return TRUE;
}

static gboolean
read_info (Loader        *ld,
           const VpcJson    *root,
           VpcDesignInfo *info)
{
  const char *environment = NULL, *profile = NULL;
  g_autofree char *quoted = NULL;

  if (!read_string_dup (ld, root, "", "name", FALSE, &info->name) ||
      !read_string_dup (ld, root, "", "description", FALSE, &info->description) ||
      !read_string_dup (ld, root, "", "region", TRUE, &info->region))
    return FALSE;
  if (!vpc_region_is_valid (info->region))
    {
      quoted = quote (info->region);
      return fail (ld, VPC_FILE_ERROR_INVALID, "region", NULL,
                   _("%s is not a region code (lowercase letters, digits and '-', "
                     "e.g. \"us-east-1\")"), quoted);
    }
  if (!read_string (ld, root, "", "environment", FALSE, &environment))
    return FALSE;
  if (environment != NULL && !vpc_environment_from_string (environment, &info->environment))
    /* TRANSLATORS: the values in quotes are words of the file: keep them. */
    return fail_enum (ld, "", "environment", environment, _("\"production\" or \"development\""));
  if (!read_string (ld, root, "", "profile", FALSE, &profile))
    return FALSE;
  if (profile != NULL && !vpc_profile_from_string (profile, &info->profile))
    /* TRANSLATORS: the values in quotes are words of the file: keep them. */
    return fail_enum (ld, "", "profile", profile, _("\"study-guide\" or \"precise\""));
  return read_vpc (ld, root, info);
}

gboolean
_vpc_file_read_design (VpcDesign     *design,
                       const VpcJson *root,
                       GPtrArray  *warnings,
                       GError    **error)
{
  static const char *const known[] = {
    "format", "version", "name", "description", "region", "environment", "profile", "vpc",
    "availability_zones", "subnets", "security_groups", "endpoints", "nat_gateways",
    "workloads", "lesson", NULL,
  };
  Loader loader = { design, warnings, error };
  Loader *ld = &loader;
  g_autoptr(VpcDesignInfo) info = vpc_design_info_new ();
  const VpcJson *lists[VPC_N_KINDS];
  const VpcJson *lesson;

  /* format.md defaults where vpc_design_info_new() has editor defaults. */
  g_free (info->vpc_name);
  info->vpc_name = g_strdup ("");
  info->has_vpc_layout = FALSE;

  if (!read_format_and_version (ld, root))
    return FALSE;
  warn_keys (ld, root, "", known, NULL, NULL);
  if (!read_info (ld, root, info) ||
      !count_elements (ld, root, lists) ||
      !read_elements (ld, lists))
    return FALSE;
  lesson = vpc_json_get_member (root, "lesson");
  if (lesson != NULL)
    {
      g_autoptr(JsonNode) node = vpc_json_to_node (lesson);

      if (!_vpc_file_read_lesson (node, &info->lesson, ld->warnings, ld->error))
        return FALSE;
    }
  vpc_design_take_info (ld->design, g_steal_pointer (&info));
  /* References, once every element is known; the values read above pass
   * again, so the first fault is the first broken reference in file order. */
  return vpc_invariants_check_design (ld->design, VPC_INVARIANTS_PLACE_FILE, ld->error);
}

gboolean
_vpc_file_read_design_json (VpcDesign  *design,
                            JsonObject *root,
                            GPtrArray  *warnings,
                            GError    **error)
{
  g_autoptr(JsonNode) node = json_node_init_object (json_node_alloc (), root);
  g_autofree char *text = json_to_string (node, FALSE);
  g_autoptr(VpcJsonDoc) doc = vpc_json_parse (text, strlen (text), error);

  return doc != NULL &&
         _vpc_file_read_design (design, vpc_json_doc_get_root (doc), warnings, error);
}
