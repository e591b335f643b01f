/* SPDX-License-Identifier: GPL-3.0-or-later */
/* vpc-file-lesson.c: the `lesson` key of the design file (format.md §6),
 * read and written. A goal the reader does not know is a load error: a
 * grader must never pass a lab silently. */
#include "vpc-file-private.h"

#include <math.h>
#include <string.h>

#include "vpc-i18n.h"
#include "vpc-invariants.h"
#include "vpc-json-write.h"
#include "vpc-rule-catalogue.h"

/* The goal keys, for messages. */
static const char *
goal_keys (void)
{
  /* TRANSLATORS: keys of the file: keep them as they are. */
  return _("no_errors, no_finding, reachable, no_internet, max_monthly_cost or keeps");
}

static gboolean
is_string (JsonNode *node)
{
  return JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING;
}

static gboolean fail (GError **error, const char *place, const char *format, ...)
    G_GNUC_PRINTF (3, 4);

static gboolean
fail (GError    **error,
      const char *place,
      const char *format,
      ...)
{
  g_autofree char *what = NULL;
  va_list args;

  va_start (args, format);
  what = g_strdup_vprintf (format, args);
  va_end (args);
  vpc_invariants_set_error (error, VPC_FILE_ERROR_INVALID, place, what);
  return FALSE;
}

static gboolean
fail_type (GError    **error,
           const char *place,
           JsonNode   *node,
           const char *wanted)
{
  /* TRANSLATORS: "must be a string, not an array": two kinds of JSON
   * value, as in "a string", "an array", "true or false". */
  return fail (error, place, _("must be %s, not %s"), wanted, _vpc_file_type_name (node));
}

static char *
quoted (const char *text)
{
  GString *out = g_string_new (NULL);

  vpc_json_append_quoted_short (out, text, 60);
  return g_string_free (out, FALSE);
}

/* A string member (optional unless @required), copied into *out. */
static gboolean
read_string (JsonObject *obj,
             const char *path,
             const char *key,
             gboolean    required,
             char      **out,
             GError    **error)
{
  JsonNode *node = json_object_get_member (obj, key);
  g_autofree char *place = g_strdup_printf ("%s.%s", path, key);

  if (node == NULL)
    return !required || fail (error, path, _("missing required key \"%s\""), key);
  if (!is_string (node))
    return fail_type (error, place, node, _("a string"));
  g_free (*out);
  *out = g_strdup (json_node_get_string (node));
  return TRUE;
}

/* An array of strings at @node (place @place), appended to @out. */
static gboolean
read_strings (JsonNode   *node,
              const char *place,
              GPtrArray  *out,
              GError    **error)
{
  JsonArray *array;

  if (!JSON_NODE_HOLDS_ARRAY (node))
    return fail_type (error, place, node, _("an array of strings"));
  array = json_node_get_array (node);
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *entry = json_array_get_element (array, i);
      g_autofree char *where = g_strdup_printf ("%s[%u]", place, i);

      if (!is_string (entry))
        return fail_type (error, where, entry, _("a string"));
      g_ptr_array_add (out, g_strdup (json_node_get_string (entry)));
    }
  return TRUE;
}

static void
warn_unknown (JsonObject        *obj,
              const char        *path,
              const char *const *known,
              GPtrArray         *warnings)
{
  JsonObjectIter iter;
  const char *key;

  if (warnings == NULL)
    return;
  json_object_iter_init (&iter, obj);
  while (json_object_iter_next (&iter, &key, NULL))
    if (!g_strv_contains (known, key))
      {
        g_autofree char *name = quoted (key);

        g_autofree char *what = g_strdup_printf (_("unknown key %s; ignored"), name);

        /* "PLACE: WHAT", as the loader's warnings */
        g_ptr_array_add (warnings, g_strdup_printf ("%s: %s", path, what));
      }
}

static gboolean
read_step (JsonNode   *node,
           const char *place,
           VpcLesson  *lesson,
           GPtrArray  *warnings,
           GError    **error)
{
  static const char *const known[] = { "title", "text", "show", NULL };
  VpcLessonStep *step;
  JsonObject *obj;
  JsonNode *show;

  if (!JSON_NODE_HOLDS_OBJECT (node))
    return fail_type (error, place, node, _("an object"));
  obj = json_node_get_object (node);
  step = g_new0 (VpcLessonStep, 1);
  step->title = g_strdup ("");
  step->text = g_strdup ("");
  step->show = g_ptr_array_new_with_free_func (g_free);
  g_ptr_array_add (lesson->steps, step);
  if (!read_string (obj, place, "title", FALSE, &step->title, error) ||
      !read_string (obj, place, "text", FALSE, &step->text, error))
    return FALSE;
  if ((show = json_object_get_member (obj, "show")) != NULL)
    {
      g_autofree char *where = g_strdup_printf ("%s.show", place);

      if (!read_strings (show, where, step->show, error))
        return FALSE;
    }
  warn_unknown (obj, place, known, warnings);
  return TRUE;
}

/* Which goal the object @obj holds: exactly one goal key (a no_finding
 * goal may add "element"). Sets @kind, or @error. */
static gboolean
goal_kind_of (JsonObject *obj,
              const char *place,
              int        *kind,
              GError    **error)
{
  JsonObjectIter iter;
  const char *key;

  *kind = -1;
  json_object_iter_init (&iter, obj);
  while (json_object_iter_next (&iter, &key, NULL))
    {
      g_autofree char *name = quoted (key);
      int found = -1;

      for (int k = VPC_GOAL_NO_ERRORS; k <= VPC_GOAL_KEEPS; k++)
        if (strcmp (key, vpc_goal_kind_to_string (k)) == 0)
          found = k;
      if (found < 0 && strcmp (key, "element") == 0 && json_object_has_member (obj, "no_finding"))
        continue;
      if (found < 0)
        /* TRANSLATORS: a quoted key, then the goal keys. */
        return fail (error, place, _("unknown goal key %s (expected %s)"), name, goal_keys ());
      if (*kind >= 0)
        /* TRANSLATORS: two goal keys. */
        return fail (error, place,
                     _("more than one goal (%s and \"%s\"): give each its own object"), name,
                     vpc_goal_kind_to_string (*kind));
      *kind = found;
    }
  if (*kind < 0)
    /* TRANSLATORS: %s lists the goal keys. */
    return fail (error, place, _("no goal key (expected %s)"), goal_keys ());
  return TRUE;
}

static gboolean
read_no_errors (JsonNode   *value,
                const char *where,
                GError    **error)
{
  if (!JSON_NODE_HOLDS_VALUE (value) || json_node_get_value_type (value) != G_TYPE_BOOLEAN)
    return fail_type (error, where, value, "true");
  if (!json_node_get_boolean (value))
    return fail (error, where, _("must be true (a goal of no error findings)"));
  return TRUE;
}

/* A rule id, and the goal object's optional "element" beside it. */
static gboolean
read_no_finding (JsonObject *obj,
                 JsonNode   *value,
                 const char *place,
                 const char *where,
                 VpcGoal    *goal,
                 GError    **error)
{
  if (!is_string (value))
    return fail_type (error, where, value, _("a rule id such as \"VPC105\""));
  goal->rule = g_strdup (json_node_get_string (value));
  if (vpc_rule_catalogue_lookup (goal->rule) == NULL)
    {
      g_autofree char *rule = quoted (goal->rule);

      return fail (error, where, _("unknown rule %s (rules are VPC101 to VPC502, DOMAIN.md §3)"),
                   rule);
    }
  if (json_object_has_member (obj, "element")
      && !read_string (obj, place, "element", FALSE, &goal->element, error))
    return FALSE;
  return TRUE;
}

static gboolean
read_reachable (JsonNode   *value,
                const char *where,
                VpcGoal    *goal,
                GError    **error)
{
  static const char *const known[] = { "from", "to", NULL };
  JsonObjectIter inner;
  const char *member;

  if (!JSON_NODE_HOLDS_OBJECT (value))
    /* TRANSLATORS: "from" and "to" are keys of the file: keep them. */
    return fail_type (error, where, value, _("an object {\"from\": WORKLOAD, \"to\": SERVICE}"));
  json_object_iter_init (&inner, json_node_get_object (value));
  while (json_object_iter_next (&inner, &member, NULL))
    if (!g_strv_contains (known, member))
      {
        g_autofree char *name = quoted (member);

        return fail (error, where, _("unknown key %s (expected \"from\" and \"to\")"), name);
      }
  if (!read_string (json_node_get_object (value), where, "from", TRUE, &goal->from, error)
      || !read_string (json_node_get_object (value), where, "to", TRUE, &goal->to, error))
    return FALSE;
  if (!vpc_service_name_is_valid (goal->to))
    {
      g_autofree char *to_place = g_strdup_printf ("%s.to", where);
      g_autofree char *service = quoted (goal->to);

      return fail (error, to_place, _("%s is not a service name (e.g. \"ecr.dkr\")"), service);
    }
  return TRUE;
}

static gboolean
read_no_internet (JsonNode   *value,
                  const char *where,
                  VpcGoal    *goal,
                  GError    **error)
{
  if (!is_string (value))
    return fail_type (error, where, value, _("a workload id"));
  goal->workload = g_strdup (json_node_get_string (value));
  return TRUE;
}

static gboolean
read_max_monthly_cost (JsonNode   *value,
                       const char *where,
                       VpcGoal    *goal,
                       GError    **error)
{
  if (!JSON_NODE_HOLDS_VALUE (value)
      || (json_node_get_value_type (value) != G_TYPE_DOUBLE
          && json_node_get_value_type (value) != G_TYPE_INT64))
    return fail_type (error, where, value, _("a number of US dollars"));
  goal->usd = json_node_get_double (value);
  if (!isfinite (goal->usd) || goal->usd < 0)
    return fail (error, where, _("must be 0 or more US dollars"));
  return TRUE;
}

static gboolean
read_keeps (JsonNode   *value,
            const char *where,
            VpcGoal    *goal,
            GError    **error)
{
  goal->ids = g_ptr_array_new_with_free_func (g_free);
  return read_strings (value, where, goal->ids, error);
}

/* One goal: an object with exactly one goal key (no_finding may add
 * "element"); anything else is refused. */
static gboolean
read_goal (JsonNode   *node,
           const char *place,
           VpcLesson  *lesson,
           GError    **error)
{
  JsonObject *obj;
  JsonNode *value;
  VpcGoal *goal;
  int kind;
  g_autofree char *where = NULL;

  if (!JSON_NODE_HOLDS_OBJECT (node))
    {
      /* TRANSLATORS: %s lists the goal keys. */
      g_autofree char *wanted
          = g_strdup_printf (_("an object with one goal key (%s)"), goal_keys ());

      return fail_type (error, place, node, wanted);
    }
  obj = json_node_get_object (node);
  if (!goal_kind_of (obj, place, &kind, error))
    return FALSE;

  /* The lesson owns the goal from here, however far its reading gets. */
  goal = g_new0 (VpcGoal, 1);
  goal->kind = kind;
  g_ptr_array_add (lesson->goals, goal);
  value = json_object_get_member (obj, vpc_goal_kind_to_string (kind));
  where = g_strdup_printf ("%s.%s", place, vpc_goal_kind_to_string (kind));
  switch (goal->kind)
    {
    case VPC_GOAL_NO_ERRORS:
      return read_no_errors (value, where, error);
    case VPC_GOAL_NO_FINDING:
      return read_no_finding (obj, value, place, where, goal, error);
    case VPC_GOAL_REACHABLE:
      return read_reachable (value, where, goal, error);
    case VPC_GOAL_NO_INTERNET:
      return read_no_internet (value, where, goal, error);
    case VPC_GOAL_MAX_MONTHLY_COST:
      return read_max_monthly_cost (value, where, goal, error);
    case VPC_GOAL_KEEPS:
    default:
      return read_keeps (value, where, goal, error);
    }
}

gboolean
_vpc_file_read_lesson (JsonNode   *node,
                       VpcLesson **out,
                       GPtrArray  *warnings,
                       GError    **error)
{
  static const char *const known[] = { "title", "steps", "task", "hints", "goals", NULL };
  g_autoptr(VpcLesson) lesson = vpc_lesson_new ();
  JsonObject *obj;
  JsonNode *member;

  if (!JSON_NODE_HOLDS_OBJECT (node))
    return fail_type (error, "lesson", node, _("an object"));
  obj = json_node_get_object (node);
  if (!read_string (obj, "lesson", "title", FALSE, &lesson->title, error) ||
      !read_string (obj, "lesson", "task", FALSE, &lesson->task, error))
    return FALSE;
  if ((member = json_object_get_member (obj, "steps")) != NULL)
    {
      if (!JSON_NODE_HOLDS_ARRAY (member))
        return fail_type (error, "lesson.steps", member, _("an array"));
      for (guint i = 0; i < json_array_get_length (json_node_get_array (member)); i++)
        {
          g_autofree char *place = g_strdup_printf ("lesson.steps[%u]", i);

          if (!read_step (json_array_get_element (json_node_get_array (member), i), place, lesson,
                          warnings, error))
            return FALSE;
        }
    }
  if ((member = json_object_get_member (obj, "hints")) != NULL &&
      !read_strings (member, "lesson.hints", lesson->hints, error))
    return FALSE;
  if ((member = json_object_get_member (obj, "goals")) != NULL)
    {
      if (!JSON_NODE_HOLDS_ARRAY (member))
        return fail_type (error, "lesson.goals", member, _("an array"));
      for (guint i = 0; i < json_array_get_length (json_node_get_array (member)); i++)
        {
          g_autofree char *place = g_strdup_printf ("lesson.goals[%u]", i);

          if (!read_goal (json_array_get_element (json_node_get_array (member), i), place, lesson,
                          error))
            return FALSE;
        }
    }
  warn_unknown (obj, "lesson", known, warnings);
  *out = g_steal_pointer (&lesson);
  return TRUE;
}

void
vpc_lesson_write_goal (VpcJsonWriter *w,
                       const char    *key,
                       const VpcGoal *goal)
{
  const char *name = vpc_goal_kind_to_string (goal->kind);

  vpc_json_writer_begin_object (w, key);
  switch (goal->kind)
    {
    case VPC_GOAL_NO_ERRORS:
      vpc_json_writer_boolean (w, name, TRUE);
      break;
    case VPC_GOAL_NO_FINDING:
      vpc_json_writer_string (w, name, goal->rule);
      if (goal->element != NULL)
        vpc_json_writer_string (w, "element", goal->element);
      break;
    case VPC_GOAL_REACHABLE:
      vpc_json_writer_begin_object (w, name);
      vpc_json_writer_string (w, "from", goal->from);
      vpc_json_writer_string (w, "to", goal->to);
      vpc_json_writer_end_object (w);
      break;
    case VPC_GOAL_NO_INTERNET:
      vpc_json_writer_string (w, name, goal->workload);
      break;
    case VPC_GOAL_MAX_MONTHLY_COST:
      vpc_json_writer_number (w, name, goal->usd);
      break;
    case VPC_GOAL_KEEPS:
    default:
      _vpc_file_write_strings (w, name, goal->ids);
      break;
    }
  vpc_json_writer_end_object (w);
}

void
_vpc_file_write_lesson (VpcJsonWriter   *w,
                        const VpcLesson *lesson)
{
  vpc_json_writer_begin_object (w, "lesson");
  vpc_json_writer_string (w, "title", lesson->title);
  vpc_json_writer_begin_array (w, "steps");
  for (guint i = 0; i < lesson->steps->len; i++)
    {
      const VpcLessonStep *step = g_ptr_array_index (lesson->steps, i);

      vpc_json_writer_begin_object (w, NULL);
      vpc_json_writer_string (w, "title", step->title);
      vpc_json_writer_string (w, "text", step->text);
      _vpc_file_write_strings (w, "show", step->show);
      vpc_json_writer_end_object (w);
    }
  vpc_json_writer_end_array (w);
  vpc_json_writer_string (w, "task", lesson->task);
  _vpc_file_write_strings (w, "hints", lesson->hints);
  vpc_json_writer_begin_array (w, "goals");
  for (guint i = 0; i < lesson->goals->len; i++)
    vpc_lesson_write_goal (w, NULL, g_ptr_array_index (lesson->goals, i));
  vpc_json_writer_end_array (w);
  vpc_json_writer_end_object (w);
}
