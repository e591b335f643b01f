/* SPDX-License-Identifier: GPL-3.0-or-later */
/* vpc-lesson.h: a design's lesson (format.md §6): steps to reveal, a task,
 * hints and goals that `grade` and "Check my answer" judge.
 *
 * Goals are judged by the same code as check, trace and cost, so a lesson
 * can never disagree with what the app shows.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef enum {
  VPC_GOAL_NO_ERRORS,        /* no_errors: true */
  VPC_GOAL_NO_FINDING,       /* no_finding: RULE (, element: ID) */
  VPC_GOAL_REACHABLE,        /* reachable: { from, to } */
  VPC_GOAL_NO_INTERNET,      /* no_internet: WORKLOAD */
  VPC_GOAL_MAX_MONTHLY_COST, /* max_monthly_cost: USD */
  VPC_GOAL_KEEPS,            /* keeps: [IDS] */
} VpcGoalKind;

typedef struct
{
  VpcGoalKind kind;
  char       *rule;     /* no_finding */
  char       *element;  /* no_finding's element, or NULL */
  char       *from;     /* reachable */
  char       *to;       /* reachable: a service */
  char       *workload; /* no_internet */
  double      usd;      /* max_monthly_cost */
  GPtrArray  *ids;      /* keeps (char *) */
} VpcGoal;

typedef struct
{
  char      *title;
  char      *text;
  GPtrArray *show; /* (char *) kinds ("vpc", "subnets", …) or element ids */
} VpcLessonStep;

typedef struct
{
  char      *title;
  GPtrArray *steps; /* VpcLessonStep * */
  char      *task;
  GPtrArray *hints; /* char * */
  GPtrArray *goals; /* VpcGoal * */
} VpcLesson;

VpcLesson *vpc_lesson_new (void);
VpcLesson *vpc_lesson_copy (const VpcLesson *lesson);
void       vpc_lesson_free (VpcLesson *lesson);
gboolean   vpc_lesson_equal (const VpcLesson *a,
                             const VpcLesson *b);
/* The key a goal is written under ("no_errors", …). */
const char *vpc_goal_kind_to_string (VpcGoalKind kind);

/* Writes @goal as the file does ({"no_finding": "VPC105", "element": …}),
 * under @key (NULL in an array); the writer is a VpcJsonWriter. */
struct _VpcJsonWriter;
void       vpc_lesson_write_goal (struct _VpcJsonWriter *w,
                                  const char            *key,
                                  const VpcGoal         *goal);

/* The kinds a step's `show` may name besides element ids. */
gboolean   vpc_lesson_is_show_kind (const char *name);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (VpcLesson, vpc_lesson_free)

G_END_DECLS
