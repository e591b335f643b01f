/* SPDX-License-Identifier: GPL-3.0-or-later */
/* vpc-compare-bar.h: the bar under the canvas while comparing the design
 * with another version (File → Compare With…). */
#pragma once

#include <gtk/gtk.h>

#include "vpc-diff.h"

G_BEGIN_DECLS

#define VPC_TYPE_COMPARE_BAR (vpc_compare_bar_get_type ())
G_DECLARE_FINAL_TYPE (VpcCompareBar, vpc_compare_bar, VPC, COMPARE_BAR, GtkWidget)

GtkWidget  *vpc_compare_bar_new (void);
/* Shows @diff of the design (NEW) against @other (OLD), which is called
 * @other_name; a NULL @diff hides the bar. */
void        vpc_compare_bar_update (VpcCompareBar *self,
                                    VpcDiff       *diff,
                                    VpcDesign     *other,
                                    VpcDesign     *design,
                                    const char    *other_name);
/* The summary line shown, for tests and screen readers. */
const char *vpc_compare_bar_get_summary (VpcCompareBar *self);
/* The details: findings introduced and resolved, cost per item. */
const char *vpc_compare_bar_get_details (VpcCompareBar *self);

G_END_DECLS
