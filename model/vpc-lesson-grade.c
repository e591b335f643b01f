/* SPDX-License-Identifier: GPL-3.0-or-later */
/* vpc-lesson-grade.c: a lesson's goals judged by the code that judges
 * everything else: check's findings (vpc_validate), trace's reachability
 * (vpc_trace_new), domain.md §2's internet paths (vpc_needs_internet_path)
 * and the cost model (vpc_cost_compute). */
#include "vpc-lesson-grade.h"

#include <string.h>

#include "vpc-cost.h"
#include "vpc-i18n.h"
#include "vpc-needs.h"
#include "vpc-rules.h"
#include "vpc-trace.h"
#include "vpc-validator.h"

static void
result_free (gpointer data)
{
  VpcGoalResult *result = data;

  g_free (result->detail);
  g_free (result);
}

static gboolean
grade_no_errors (GPtrArray *findings,
                 GString   *detail)
{
  GString *rules = g_string_new (NULL);
  guint n = 0;

  for (guint i = 0; i < findings->len; i++)
    if (vpc_finding_get_severity (findings->pdata[i]) == VPC_SEVERITY_ERROR)
      g_string_append_printf (rules, "%s%s", n++ > 0 ? ", " : "",
                              vpc_finding_get_rule_id (findings->pdata[i]));
  if (n == 0)
    g_string_append (detail, _("check reports no error finding"));
  else
    /* TRANSLATORS: a count, then the rule ids ("VPC101, VPC203"). */
    g_string_append_printf (detail, ngettext ("check reports %u error finding: %s",
                                              "check reports %u error findings: %s", n),
                            n, rules->str);
  g_string_free (rules, TRUE);
  return n == 0;
}

static gboolean
grade_no_finding (GPtrArray     *findings,
                  const VpcGoal *goal,
                  GString       *detail)
{
  for (guint i = 0; i < findings->len; i++)
    {
      VpcFinding *f = findings->pdata[i];

      if (strcmp (vpc_finding_get_rule_id (f), goal->rule) != 0
          || (goal->element != NULL
              && g_strcmp0 (vpc_finding_get_primary_element (f), goal->element) != 0))
        continue;
      /* TRANSLATORS: a rule id ("VPC105"), then the finding's message. */
      g_string_append_printf (detail, _("%s is still reported: %s"), goal->rule,
                              vpc_finding_get_message (f));
      return FALSE;
    }
  if (goal->element != NULL)
    /* TRANSLATORS: a rule id ("VPC105"), then an element id. */
    g_string_append_printf (detail, _("no %s finding for %s"), goal->rule, goal->element);
  else
    /* TRANSLATORS: %s is a rule id ("VPC105"). */
    g_string_append_printf (detail, _("no %s finding"), goal->rule);
  return TRUE;
}

static const VpcElement *
workload_of (VpcDesign  *design,
             const char *id)
{
  const VpcElement *e = vpc_design_lookup (design, id);

  return e != NULL && e->kind == VPC_KIND_WORKLOAD ? e : NULL;
}

static gboolean
grade_reachable (VpcDesign     *design,
                 VpcProfile     profile,
                 const VpcGoal *goal,
                 GString       *detail)
{
  g_autoptr(VpcTrace) trace = NULL;
  GString *failing;
  guint n_failing = 0;

  if (workload_of (design, goal->from) == NULL)
    {
      /* TRANSLATORS: a workload id, then a service name ("s3"). */
      g_string_append_printf (detail, _("there is no workload \"%s\" to reach %s from"),
                              goal->from, goal->to);
      return FALSE;
    }
  trace = vpc_trace_new (design, profile, goal->from, goal->to);
  if (trace->reachable)
    {
      /* TRANSLATORS: a workload id, then a service name ("s3"). */
      g_string_append_printf (detail, _("%s reaches %s from every subnet"), goal->from, goal->to);
      return TRUE;
    }
  failing = g_string_new (NULL);
  for (guint i = 0; i < trace->paths->len; i++)
    {
      const VpcTracePath *path = g_ptr_array_index (trace->paths, i);

      if (!path->reachable)
        {
          g_string_append_printf (failing, "%s%s", failing->len > 0 ? ", " : "", path->subnet);
          n_failing++;
        }
    }
  /* TRANSLATORS: a workload id, a service name ("s3"), then subnet ids. */
  g_string_append_printf (detail, ngettext ("%s cannot reach %s from subnet %s",
                                            "%s cannot reach %s from subnets %s", n_failing),
                          goal->from, goal->to, failing->str);
  g_string_free (failing, TRUE);
  return FALSE;
}

/* format.md §6: an isolated container workload, or one in the VPC with at
 * least one subnet and no internet path from any of them. */
static gboolean
grade_no_internet (VpcDesign     *design,
                   VpcProfile     profile,
                   const VpcGoal *goal,
                   GString       *detail)
{
  const VpcElement *w = workload_of (design, goal->workload);
  VpcRuleContext *ctx;
  GString *open;
  guint subnets = 0;

  if (w == NULL)
    {
      g_string_append_printf (detail, _("there is no workload \"%s\""), goal->workload);
      return FALSE;
    }
  if (w->network_isolation && vpc_needs_kind_is_container (w->workload_kind))
    {
      g_string_append_printf (detail, _("%s runs with network isolation"), goal->workload);
      return TRUE;
    }
  if (!w->vpc_mode)
    {
      g_string_append_printf (
          detail, _("%s runs outside the VPC, on SageMaker's network with internet access"),
          goal->workload);
      return FALSE;
    }
  ctx = vpc_rule_context_new (design, profile);
  open = g_string_new (NULL);
  for (guint i = 0; w->subnets != NULL && i < w->subnets->len; i++)
    {
      const VpcSubnetInfo *subnet
          = vpc_rule_context_subnet (ctx, g_ptr_array_index (w->subnets, i));

      if (subnet == NULL)
        continue;
      subnets++;
      if (vpc_needs_internet_path (ctx, w, subnet))
        g_string_append_printf (open, "%s%s", open->len > 0 ? ", " : "",
                                (const char *) g_ptr_array_index (w->subnets, i));
    }
  vpc_rule_context_free (ctx);
  if (subnets == 0)
    g_string_append_printf (detail, _("%s has no subnet"), goal->workload);
  else if (open->len > 0)
    /* TRANSLATORS: a workload id, then subnet ids. */
    g_string_append_printf (detail, _("%s has an internet path from %s"), goal->workload,
                            open->str);
  else
    g_string_append_printf (detail, _("%s has no internet path from any of its subnets"),
                            goal->workload);
  {
    gboolean met = subnets > 0 && open->len == 0;

    g_string_free (open, TRUE);
    return met;
  }
}

static gboolean
grade_cost (VpcDesign     *design,
            const VpcGoal *goal,
            GString       *detail)
{
  g_autoptr(VpcCostReport) report = vpc_cost_compute (design, NULL);
  gint64 limit = (gint64) (goal->usd * 1e6 + 0.5);
  g_autofree char *total = NULL;
  g_autofree char *max = vpc_cost_format (limit, FALSE);
  gboolean met;

  if (!report->priced)
    {
      /* TRANSLATORS: a region code, then why. */
      g_string_append_printf (detail, _("the cost cannot be computed in %s: %s"), report->region,
                              report->reason != NULL ? report->reason : _("no prices"));
      return FALSE;
    }
  total = vpc_cost_format (report->total_micros, FALSE);
  met = vpc_cost_round_to_cents (report->total_micros) <= vpc_cost_round_to_cents (limit);
  if (met)
    /* TRANSLATORS: the design's cost, a region code, then the goal's
     * limit. */
    g_string_append_printf (detail, _("%s a month in %s, within %s"), total, report->region, max);
  else
    /* TRANSLATORS: the design's cost, a region code, then the goal's
     * limit. */
    g_string_append_printf (detail, _("%s a month in %s, over %s"), total, report->region, max);
  return met;
}

static gboolean
grade_keeps (VpcDesign     *design,
             const VpcGoal *goal,
             GString       *detail)
{
  GString *missing = g_string_new (NULL);
  gboolean met;

  for (guint i = 0; i < goal->ids->len; i++)
    if (vpc_design_lookup (design, g_ptr_array_index (goal->ids, i)) == NULL)
      g_string_append_printf (missing, "%s%s", missing->len > 0 ? ", " : "",
                              (const char *) g_ptr_array_index (goal->ids, i));
  met = missing->len == 0;
  if (met)
    g_string_append_printf (detail,
                            ngettext ("the design still has %u required element",
                                      "the design still has %u required elements", goal->ids->len),
                            goal->ids->len);
  else
    /* TRANSLATORS: %s lists element ids. */
    g_string_append_printf (detail, _("removed but required: %s"), missing->str);
  g_string_free (missing, TRUE);
  return met;
}

GPtrArray *
vpc_lesson_grade (VpcDesign *design,
                  gboolean  *passed)
{
  const VpcDesignInfo *info;
  g_autoptr(GPtrArray) findings = NULL;
  GPtrArray *results;
  gboolean all = TRUE;

  g_return_val_if_fail (VPC_IS_DESIGN (design), NULL);

  info = vpc_design_get_info (design);
  if (info->lesson == NULL)
    return NULL;
  findings = vpc_validate (design, info->profile);
  results = g_ptr_array_new_with_free_func (result_free);
  for (guint i = 0; i < info->lesson->goals->len; i++)
    {
      const VpcGoal *goal = g_ptr_array_index (info->lesson->goals, i);
      VpcGoalResult *result = g_new0 (VpcGoalResult, 1);
      g_autoptr(GString) detail = g_string_new (NULL);

      result->goal = goal;
      switch (goal->kind)
        {
        case VPC_GOAL_NO_ERRORS:
          result->met = grade_no_errors (findings, detail);
          break;
        case VPC_GOAL_NO_FINDING:
          result->met = grade_no_finding (findings, goal, detail);
          break;
        case VPC_GOAL_REACHABLE:
          result->met = grade_reachable (design, info->profile, goal, detail);
          break;
        case VPC_GOAL_NO_INTERNET:
          result->met = grade_no_internet (design, info->profile, goal, detail);
          break;
        case VPC_GOAL_MAX_MONTHLY_COST:
          result->met = grade_cost (design, goal, detail);
          break;
        case VPC_GOAL_KEEPS:
        default:
          result->met = grade_keeps (design, goal, detail);
          break;
        }
      result->detail = g_string_free (g_steal_pointer (&detail), FALSE);
      all = all && result->met;
      g_ptr_array_add (results, result);
    }
  if (passed != NULL)
    *passed = all;
  return results;
}

/* Authoring */

static VpcDesignInfo *
info_with_lesson (VpcDesign *design)
{
  VpcDesignInfo *info = vpc_design_info_copy (vpc_design_get_info (design));

  if (info->lesson == NULL)
    info->lesson = vpc_lesson_new ();
  return info;
}

gboolean
vpc_lesson_add_no_finding_goal (VpcDesign  *design,
                                const char *rule,
                                const char *element)
{
  VpcDesignInfo *info;
  VpcGoal *goal;

  g_return_val_if_fail (VPC_IS_DESIGN (design) && rule != NULL, FALSE);

  info = info_with_lesson (design);
  for (guint i = 0; i < info->lesson->goals->len; i++)
    {
      const VpcGoal *g = g_ptr_array_index (info->lesson->goals, i);

      if (g->kind == VPC_GOAL_NO_FINDING && g_strcmp0 (g->rule, rule) == 0
          && g_strcmp0 (g->element, element) == 0)
        {
          vpc_design_info_free (info);
          return FALSE;
        }
    }
  goal = g_new0 (VpcGoal, 1);
  goal->kind = VPC_GOAL_NO_FINDING;
  goal->rule = g_strdup (rule);
  goal->element = g_strdup (element);
  g_ptr_array_add (info->lesson->goals, goal);
  return vpc_design_set_info (design, info);
}

void
vpc_lesson_add_step (VpcDesign         *design,
                     const char        *title,
                     const char *const *ids)
{
  VpcDesignInfo *info;
  VpcLessonStep *step;

  g_return_if_fail (VPC_IS_DESIGN (design));

  info = info_with_lesson (design);
  step = g_new0 (VpcLessonStep, 1);
  step->title = g_strdup (title);
  step->text = g_strdup ("");
  step->show = g_ptr_array_new_with_free_func (g_free);
  for (guint i = 0; ids != NULL && ids[i] != NULL; i++)
    g_ptr_array_add (step->show, g_strdup (ids[i]));
  g_ptr_array_add (info->lesson->steps, step);
  vpc_design_set_info (design, info);
}
