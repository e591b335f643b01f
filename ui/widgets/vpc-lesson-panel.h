/* SPDX-License-Identifier: GPL-3.0-or-later */
/* vpc-lesson-panel.h: the lesson of the design on the canvas (issue 12):
 * its task, hints revealed one at a time, "Check my answer" (each goal met
 * or not, by the code of `vpc-designer grade`) and "Reset Lab"
 * (win.reset-lab). Hidden when the design has no lesson.
 */
#pragma once

#include <gtk/gtk.h>

#include "vpc-design.h"

G_BEGIN_DECLS

#define VPC_TYPE_LESSON_PANEL (vpc_lesson_panel_get_type ())
G_DECLARE_FINAL_TYPE (VpcLessonPanel, vpc_lesson_panel, VPC, LESSON_PANEL, GtkWidget)

GtkWidget *vpc_lesson_panel_new (void);
/* Shows @design's lesson (NULL or a design without one hides the panel). */
void       vpc_lesson_panel_set_design (VpcLessonPanel *self,
                                        VpcDesign      *design);
/* Grades the design now, as the button does; TRUE when every goal is met.
 * The result list shows one row per goal. */
gboolean   vpc_lesson_panel_check (VpcLessonPanel *self);
/* Reveals the next hint; FALSE when all are shown. */
gboolean   vpc_lesson_panel_next_hint (VpcLessonPanel *self);
/* The text of the result list ("✓ …\n✗ …"), for tests and screen readers. */
char      *vpc_lesson_panel_get_results_text (VpcLessonPanel *self);

G_END_DECLS
