/* SPDX-License-Identifier: GPL-3.0-or-later */
/* vpc-lesson.c: the lesson a design carries (format.md §6). */
#include "vpc-lesson.h"

#include <string.h>

static const char *const goal_keys[] = {
  [VPC_GOAL_NO_ERRORS] = "no_errors",
  [VPC_GOAL_NO_FINDING] = "no_finding",
  [VPC_GOAL_REACHABLE] = "reachable",
  [VPC_GOAL_NO_INTERNET] = "no_internet",
  [VPC_GOAL_MAX_MONTHLY_COST] = "max_monthly_cost",
  [VPC_GOAL_KEEPS] = "keeps",
};

const char *
vpc_goal_kind_to_string (VpcGoalKind kind)
{
  return kind <= VPC_GOAL_KEEPS ? goal_keys[kind] : "";
}

gboolean
vpc_lesson_is_show_kind (const char *name)
{
  static const char *const kinds[] = {
    "vpc",       "availability_zones", "subnets",   "security_groups",
    "endpoints", "nat_gateways",       "workloads", NULL,
  };

  return name != NULL && g_strv_contains (kinds, name);
}

static GPtrArray *
strings_copy (const GPtrArray *list)
{
  GPtrArray *copy = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; list != NULL && i < list->len; i++)
    g_ptr_array_add (copy, g_strdup (g_ptr_array_index (list, i)));
  return copy;
}

static gboolean
strings_equal (const GPtrArray *a,
               const GPtrArray *b)
{
  guint na = a != NULL ? a->len : 0, nb = b != NULL ? b->len : 0;

  if (na != nb)
    return FALSE;
  for (guint i = 0; i < na; i++)
    if (g_strcmp0 (g_ptr_array_index (a, i), g_ptr_array_index (b, i)) != 0)
      return FALSE;
  return TRUE;
}

static void
goal_free (gpointer data)
{
  VpcGoal *goal = data;

  g_free (goal->rule);
  g_free (goal->element);
  g_free (goal->from);
  g_free (goal->to);
  g_free (goal->workload);
  g_clear_pointer (&goal->ids, g_ptr_array_unref);
  g_free (goal);
}

static void
step_free (gpointer data)
{
  VpcLessonStep *step = data;

  g_free (step->title);
  g_free (step->text);
  g_clear_pointer (&step->show, g_ptr_array_unref);
  g_free (step);
}

VpcLesson *
vpc_lesson_new (void)
{
  VpcLesson *lesson = g_new0 (VpcLesson, 1);

  lesson->title = g_strdup ("");
  lesson->task = g_strdup ("");
  lesson->steps = g_ptr_array_new_with_free_func (step_free);
  lesson->hints = g_ptr_array_new_with_free_func (g_free);
  lesson->goals = g_ptr_array_new_with_free_func (goal_free);
  return lesson;
}

void
vpc_lesson_free (VpcLesson *lesson)
{
  if (lesson == NULL)
    return;
  g_free (lesson->title);
  g_free (lesson->task);
  g_ptr_array_unref (lesson->steps);
  g_ptr_array_unref (lesson->hints);
  g_ptr_array_unref (lesson->goals);
  g_free (lesson);
}

VpcLesson *
vpc_lesson_copy (const VpcLesson *lesson)
{
  VpcLesson *copy;

  if (lesson == NULL)
    return NULL;
  copy = vpc_lesson_new ();
  g_free (copy->title);
  copy->title = g_strdup (lesson->title);
  g_free (copy->task);
  copy->task = g_strdup (lesson->task);
  for (guint i = 0; i < lesson->steps->len; i++)
    {
      const VpcLessonStep *step = g_ptr_array_index (lesson->steps, i);
      VpcLessonStep *s = g_new0 (VpcLessonStep, 1);

      s->title = g_strdup (step->title);
      s->text = g_strdup (step->text);
      s->show = strings_copy (step->show);
      g_ptr_array_add (copy->steps, s);
    }
  g_ptr_array_unref (copy->hints);
  copy->hints = strings_copy (lesson->hints);
  for (guint i = 0; i < lesson->goals->len; i++)
    {
      const VpcGoal *goal = g_ptr_array_index (lesson->goals, i);
      VpcGoal *g = g_memdup2 (goal, sizeof *goal);

      g->rule = g_strdup (goal->rule);
      g->element = g_strdup (goal->element);
      g->from = g_strdup (goal->from);
      g->to = g_strdup (goal->to);
      g->workload = g_strdup (goal->workload);
      g->ids = goal->ids != NULL ? strings_copy (goal->ids) : NULL;
      g_ptr_array_add (copy->goals, g);
    }
  return copy;
}

static gboolean
goal_equal (const VpcGoal *a,
            const VpcGoal *b)
{
  return a->kind == b->kind && g_strcmp0 (a->rule, b->rule) == 0
         && g_strcmp0 (a->element, b->element) == 0 && g_strcmp0 (a->from, b->from) == 0
         && g_strcmp0 (a->to, b->to) == 0 && g_strcmp0 (a->workload, b->workload) == 0
         && a->usd == b->usd && strings_equal (a->ids, b->ids);
}

gboolean
vpc_lesson_equal (const VpcLesson *a,
                  const VpcLesson *b)
{
  if (a == NULL || b == NULL)
    return a == b;
  if (g_strcmp0 (a->title, b->title) != 0 || g_strcmp0 (a->task, b->task) != 0
      || a->steps->len != b->steps->len || a->goals->len != b->goals->len
      || !strings_equal (a->hints, b->hints))
    return FALSE;
  for (guint i = 0; i < a->steps->len; i++)
    {
      const VpcLessonStep *x = g_ptr_array_index (a->steps, i),
                          *y = g_ptr_array_index (b->steps, i);

      if (g_strcmp0 (x->title, y->title) != 0 || g_strcmp0 (x->text, y->text) != 0
          || !strings_equal (x->show, y->show))
        return FALSE;
    }
  for (guint i = 0; i < a->goals->len; i++)
    if (!goal_equal (g_ptr_array_index (a->goals, i), g_ptr_array_index (b->goals, i)))
      return FALSE;
  return TRUE;
}
