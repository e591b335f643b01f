/* SPDX-License-Identifier: GPL-3.0-or-later */
/* vpc-what-if-bar.h: the bar under the canvas in what-if mode (issue 11).
 *
 * It names each switch (a chip that takes it away again), says how the
 * findings and the monthly cost would differ from the real design, lists
 * the findings that would be new, and offers Apply and Leave. It is a view:
 * its buttons activate the window's actions win.what-if-toggle((us)),
 * win.what-if-apply and win.what-if-leave.
 */
#pragma once

#include <gtk/gtk.h>

#include "vpc-design.h"
#include "vpc-what-if.h"

G_BEGIN_DECLS

#define VPC_TYPE_WHAT_IF_BAR (vpc_what_if_bar_get_type ())
G_DECLARE_FINAL_TYPE (VpcWhatIfBar, vpc_what_if_bar, VPC, WHAT_IF_BAR, GtkWidget)

GtkWidget  *vpc_what_if_bar_new (void);
/* Shows the difference between @design and @scenario, which @what_if made
 * from it; a NULL @what_if hides the bar. */
void        vpc_what_if_bar_update (VpcWhatIfBar *self,
                                    VpcDesign    *design,
                                    VpcDesign    *scenario,
                                    VpcWhatIf    *what_if);
/* The summary line shown ("Errors 0 → 3 …"), for tests and screen readers. */
const char *vpc_what_if_bar_get_summary (VpcWhatIfBar *self);

G_END_DECLS
