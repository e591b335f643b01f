/* SPDX-License-Identifier: GPL-3.0-or-later */
/* vpc-file-repair-top.c: repair of the top level: optional values with a
 * default go; the required ones (format, version, region, the VPC and its
 * CIDR) are put in rather than losing the file, the CIDR chosen to hold
 * every subnet. */
#include "vpc-file-repair-private.h"

#include <string.h>

#include "vpc-cidr.h"
#include "vpc-file-private.h"
#include "vpc-i18n.h"

/* The top level */

void
_vpc_repair_cidr_fix_free (CidrFix *fix)
{
  g_free (fix->place);
  g_free (fix->dropped);
  g_free (fix->reason);
  g_free (fix);
}

/* The value a required top-level key gets when it is missing or wrong. */
static JsonNode *
default_value (const char *key)
{
  JsonNode *node = json_node_alloc ();

  if (strcmp (key, "format") == 0)
    json_node_init_string (node, VPC_FILE_FORMAT_NAME);
  else if (strcmp (key, "version") == 0)
    json_node_init_int (node, VPC_FILE_FORMAT_VERSION);
  else if (strcmp (key, "region") == 0)
    json_node_init_string (node, DEFAULT_REGION);
  else if (strcmp (key, "cidr") == 0)
    json_node_init_string (node, DEFAULT_CIDR);
  else
    {
      JsonObject *vpc = json_object_new ();

      json_object_set_string_member (vpc, "cidr", DEFAULT_CIDR);
      json_node_init_object (node, vpc);
      json_object_unref (vpc);
    }
  return node;
}

static gboolean
is_required (const char *key)
{
  return g_strv_contains ((const char *const[]){ "format", "version", "region", "vpc", NULL }, key);
}

static gboolean
is_list_key (const char *key)
{
  for (guint k = 0; k < VPC_N_KINDS; k++)
    if (strcmp (key, vpc_kind_to_string (k)) == 0)
      return TRUE;
  return FALSE;
}

/* "missing required key \"region\"" → "region", for the keys repair puts
 * in. The loader's message is in the user's language: it is compared with
 * the same message made here. */
static char *
missing_key (const char *reason)
{
  static const char *const keys[] = { "format", "version", "region", "vpc", "cidr" };

  for (guint i = 0; i < G_N_ELEMENTS (keys); i++)
    {
      g_autofree char *missing = g_strdup_printf (_("missing required key \"%s\""), keys[i]);

      if (g_str_has_prefix (reason, missing))
        return g_strdup (keys[i]);
    }
  return NULL;
}

/* "region: added \"us-east-1\": …" or "region: dropped the value \"US\"
 * (now \"us-east-1\"): …"; @old NULL when the key was missing, "" when it
 * was not a plain value. */
static void
add_default_change (Repair     *r,
                    const char *place,
                    const char *old,
                    const char *now,
                    const char *reason)
{
  if (old == NULL)
    /* TRANSLATORS: a place in the file ("vpc.cidr"), the value put in, and
     * why. */
    _vpc_repair_add_change (r, 0, 0, _("%s: added %s: %s"), place, now, reason);
  else if (*old != '\0')
    /* TRANSLATORS: a place in the file, the value dropped, the value put
     * in, and why. */
    _vpc_repair_add_change (r, 0, 0, _("%s: dropped the value %s (now %s): %s"), place, old, now,
                            reason);
  else
    /* TRANSLATORS: a place in the file, the value put in, and why. */
    _vpc_repair_add_change (r, 0, 0, _("%s: dropped the value (now %s): %s"), place, now, reason);
}

static JsonNode *
empty_array_node (void)
{
  g_autoptr(JsonArray) array = json_array_new ();

  return json_node_init_array (json_node_alloc (), array);
}

/* The top level as the loader should see it: the six lists empty. */
static JsonObject *
top_level_view (Repair *r)
{
  JsonObject *view = json_object_new ();
  JsonObjectIter iter;
  const char *name;
  JsonNode *value;

  json_object_iter_init_ordered (&iter, r->root);
  while (json_object_iter_next_ordered (&iter, &name, &value))
    json_object_set_member (view, name, is_list_key (name) && JSON_NODE_HOLDS_ARRAY (value)
                                        ? empty_array_node () : _vpc_repair_share (value));
  return view;
}

/* A fault repair answers with a default: a required top-level value
 * (format, version, region, vpc, vpc.cidr) missing or wrong. Sets where it
 * goes: the object, the key and the place for the message. */
static gboolean
required_fault (Repair      *r,
                GArray      *steps,
                const char  *reason,
                JsonObject **parent,
                char       **key,
                char       **place)
{
  g_autofree char *missing = missing_key (reason);
  JsonNode *vpc = json_object_get_member (r->root, "vpc");
  gboolean vpc_object = vpc != NULL && JSON_NODE_HOLDS_OBJECT (vpc);
  const char *first = steps->len > 0 ? _vpc_repair_step_at (steps, 0)->name : NULL;

  *parent = r->root;
  if (steps->len == 0 && missing != NULL && is_required (missing))
    *key = g_steal_pointer (&missing);
  else if (steps->len == 1 && vpc_object && _vpc_repair_step_is (steps, 0, "vpc")
           && g_strcmp0 (missing, "cidr") == 0)
    *key = g_strdup ("cidr");
  else if (steps->len == 1 && first != NULL && is_required (first)
           && !(vpc_object && _vpc_repair_step_is (steps, 0, "vpc")))
    *key = g_strdup (first);
  else if (steps->len == 2 && vpc_object && _vpc_repair_step_is (steps, 0, "vpc")
           && _vpc_repair_step_is (steps, 1, "cidr"))
    *key = g_strdup ("cidr");
  else
    return FALSE;
  if (strcmp (*key, "cidr") == 0)
    *parent = json_node_get_object (vpc);
  *place = g_strdup (*parent == r->root ? *key : "vpc.cidr");
  return TRUE;
}

/* Puts in the default for a required top-level value that is missing or
 * wrong. */
static void
set_required (Repair     *r,
              JsonObject *parent,
              const char *key,
              const char *place,
              const char *reason)
{
  JsonNode *old = json_object_get_member (parent, key);
  g_autofree char *old_text = old != NULL ? _vpc_repair_value_text (old) : NULL;
  g_autofree char *text = NULL;

  if (old != NULL && old_text == NULL)
    old_text = g_strdup ("");
  if (old == NULL && parent == r->root)
    g_ptr_array_add (r->added, g_strdup (key));
  json_object_set_member (parent, key, default_value (key));
  if (strcmp (key, "cidr") == 0 || strcmp (key, "vpc") == 0)
    {
      /* Said once the subnets are known: the CIDR is chosen to hold them. */
      g_clear_pointer (&r->cidr_fix, _vpc_repair_cidr_fix_free);
      r->cidr_fix = g_new0 (CidrFix, 1);
      r->cidr_fix->place = g_strdup (place);
      r->cidr_fix->dropped = g_steal_pointer (&old_text);
      r->cidr_fix->reason = g_strdup (reason);
      r->cidr_fix->whole_vpc = strcmp (key, "vpc") == 0;
      return;
    }
  text = _vpc_repair_value_text (json_object_get_member (parent, key));
  add_default_change (r, place, old_text, text, reason);
}

/* The key just dropped: said only once the next round shows that its
 * container need not go with it. */
typedef struct
{
  GArray *steps;  /* where it was */
  char   *place;  /* NULL when nothing is pending */
  char   *what;
  char   *reason;
} Pending;

static void
pending_clear (Pending *pending)
{
  g_clear_pointer (&pending->steps, g_array_unref);
  g_clear_pointer (&pending->place, g_free);
  g_clear_pointer (&pending->what, g_free);
  g_clear_pointer (&pending->reason, g_free);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Pending, pending_clear)

/* Remembers that the key at @steps is dropped, with what it held and why. */
static void
pend (Pending    *pending,
      GArray     *steps,
      char       *place,
      char       *what,
      const char *reason)
{
  g_free (pending->what);
  pending->what = what;
  g_free (pending->reason);
  pending->reason = g_strdup (reason);
  g_free (pending->place);
  pending->place = place;
  _vpc_repair_steps_copy (pending->steps, steps);
}

/* Whether the fault at @steps is the pending key's container missing it
 * ("x" of a layout); then the container goes instead. */
static gboolean
drop_pending_container (Repair  *r,
                        Pending *pending,
                        GArray  *steps)
{
  guint up = pending->steps->len - 1;

  if (up == 0 || !_vpc_repair_same_steps (steps, pending->steps, up))
    return FALSE;
  g_free (pending->what);
  pending->what = _vpc_repair_describe_value (
      STEP (pending->steps, up - 1)->name,
      _vpc_repair_member_at (r->root, pending->steps, 0, up, NULL));
  _vpc_repair_remove_at (r->root, pending->steps, 0, up);
  g_array_set_size (pending->steps, up);
  return TRUE;
}

static void
report_pending (Repair  *r,
                Pending *pending)
{
  /* TRANSLATORS: a place in the file, what was dropped there ("the
   * value 2.5"), and why. */
  _vpc_repair_add_change (r, 0, 0, _("%s: dropped %s: %s"), pending->place, pending->what,
                          pending->reason);
  g_clear_pointer (&pending->place, g_free);
}

/* A lesson goes whole: a lab without one of its goals would grade wrong
 * answers as right (format.md §6). */
static void
drop_lesson (Repair     *r,
             Pending    *pending,
             GArray     *steps,
             const char *place,
             const char *reason)
{
  g_autofree char *inner = g_strdup_printf ("%s: %s", place, reason);

  g_array_set_size (steps, 1);
  pend (pending, steps, g_strdup ("lesson"), g_strdup (_("the lesson")), inner);
  _vpc_repair_remove_at (r->root, steps, 0, steps->len);
}

/* The value at @steps that goes, or NULL when there is none to drop. */
static JsonNode *
node_to_drop (Repair *r,
              GArray *steps)
{
  JsonNode *node
      = steps->len > 0 ? _vpc_repair_member_at (r->root, steps, 0, steps->len, NULL) : NULL;

  if (node == NULL && steps->len > 1 && !_vpc_repair_step_is_index (steps, 0) &&
      !is_required (STEP (steps, 0)->name))
    {
      /* Inside a list of an optional key that repair does not take
       * apart: the key goes whole. */
      g_array_set_size (steps, 1);
      node = _vpc_repair_member_at (r->root, steps, 0, 1, NULL);
    }
  return node;
}

/* Reads the top level, with empty lists, until the loader accepts it. */
gboolean
_vpc_repair_fix_top_level (Repair  *r,
                           GError **error)
{
  g_auto(Pending) pending = { _vpc_repair_steps_new () };

  /* Each round drops or sets one of the few keys the loader reads here. */
  for (guint round = 0; round < 64; round++)
    {
      g_autoptr(GError) fault = _vpc_repair_judge (top_level_view (r), NULL);
      g_autoptr(GArray) steps = _vpc_repair_steps_new ();
      const char *reason = fault != NULL ? _vpc_repair_split_message (fault->message, steps) : NULL;
      g_autofree char *key = NULL;
      g_autofree char *place = NULL;
      JsonObject *parent = NULL;
      gboolean required = fault != NULL && required_fault (r, steps, reason, &parent, &key, &place);
      JsonNode *node;

      if (pending.place != NULL)
        {
          if (fault != NULL && !required && drop_pending_container (r, &pending, steps))
            continue;
          report_pending (r, &pending);
        }
      if (fault == NULL)
        return TRUE;
      if (required)
        {
          set_required (r, parent, key, place, reason);
          continue;
        }
      g_free (place);
      place = _vpc_repair_render_place (steps, 0);
      if (steps->len > 1 && _vpc_repair_step_is (steps, 0, "lesson"))
        {
          drop_lesson (r, &pending, steps, place, reason);
          continue;
        }
      node = node_to_drop (r, steps);
      if (node == NULL)
        {
          g_set_error_literal (error, VPC_FILE_ERROR, fault->code, fault->message);
          return FALSE;
        }
      /* A key with a default (environment, vpc.layout.w, a list that is not
       * an array): it goes. */
      pend (&pending, steps, g_steal_pointer (&place),
            _vpc_repair_describe_value (STEP (steps, steps->len - 1)->name, node), reason);
      _vpc_repair_remove_at (r->root, steps, 0, steps->len);
    }
  g_set_error_literal (error, VPC_FILE_ERROR, VPC_FILE_ERROR_INVALID,
                       _("the top level of the design cannot be repaired"));
  return FALSE;
}

/* The VPC CIDR repair puts in: 10.0.0.0/16 when it holds every subnet, else
 * the smallest block that does, at least a /16 as AWS VPCs are. */
static char *
vpc_cidr_for_subnets (Repair *r)
{
  VpcCidr fallback, cover = { 0, 0 };
  gboolean any = FALSE, inside = TRUE;

  vpc_cidr_parse (DEFAULT_CIDR, &fallback, NULL);
  for (guint i = 0; i < r->items[VPC_KIND_SUBNET]->len; i++)
    {
      const Item *item = &g_array_index (r->items[VPC_KIND_SUBNET], Item, i);
      const char *text = item->dropped ? NULL : _vpc_repair_string_member (item->obj, "cidr");
      VpcCidr cidr;

      if (text == NULL || !vpc_cidr_parse (text, &cidr, NULL))
        continue;
      inside = inside && vpc_cidr_contains (&fallback, &cidr);
      if (!any)
        cover = cidr;
      while (cover.prefix > 0 && !vpc_cidr_contains (&cover, &cidr))
        {
          cover.prefix--;
          cover.address &= cover.prefix == 0 ? 0 : ~(guint32) 0 << (32 - cover.prefix);
        }
      any = TRUE;
    }
  if (!any || inside)
    return g_strdup (DEFAULT_CIDR);
  if (cover.prefix > 16)
    {
      cover.prefix = 16;
      cover.address &= 0xffff0000u;
    }
  return vpc_cidr_to_string (&cover);
}

void
_vpc_repair_finish_cidr_fix (Repair *r)
{
  CidrFix *fix = r->cidr_fix;
  g_autofree char *cidr = NULL;
  g_autofree char *value = NULL;
  g_autofree char *quoted = NULL;
  JsonObject *vpc;

  if (fix == NULL)
    return;
  cidr = vpc_cidr_for_subnets (r);
  vpc = json_object_get_object_member (r->root, "vpc");
  json_object_set_string_member (vpc, "cidr", cidr);
  quoted = _vpc_repair_quote (cidr);
  value = fix->whole_vpc ? g_strdup_printf ("{\"cidr\": %s}", quoted) : g_strdup (quoted);
  add_default_change (r, fix->place, fix->dropped, value, fix->reason);
  g_clear_pointer (&r->cidr_fix, _vpc_repair_cidr_fix_free);
}
