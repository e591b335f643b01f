/* SPDX-License-Identifier: GPL-3.0-or-later */
/* vpc-lesson-grade.h: judging a design against its lesson's goals
 * (format.md §6): `vpc-designer grade` and the app's "Check my answer".
 */
#pragma once

#include "vpc-design.h"
#include "vpc-lesson.h"

G_BEGIN_DECLS

typedef struct
{
  const VpcGoal *goal;   /* borrowed from the lesson */
  gboolean       met;
  char          *detail; /* one sentence for a person */
} VpcGoalResult;

/* Every goal of @design's lesson, in order, judged with the design's own
 * profile and region; *@passed (may be NULL) is TRUE when all are met.
 * NULL when the design has no lesson. */
GPtrArray *vpc_lesson_grade (VpcDesign *design,
                             gboolean  *passed);

/* Lesson authoring, each one undoable step on @design (a lesson is
 * created when there is none). */
/* Adds the goal "no finding @rule (for @element, may be NULL)"; FALSE when
 * the lesson has it already. */
gboolean   vpc_lesson_add_no_finding_goal (VpcDesign  *design,
                                           const char *rule,
                                           const char *element);
/* Adds a step titled @title that shows @ids (NULL-terminated: element
 * ids, or kinds such as "subnets"). */
void       vpc_lesson_add_step (VpcDesign         *design,
                                const char        *title,
                                const char *const *ids);

G_END_DECLS
