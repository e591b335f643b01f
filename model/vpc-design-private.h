/* SPDX-License-Identifier: GPL-3.0-or-later */
/* vpc-design-private.h: what the invariant check and containment tell the
 * design, so that its guard does not repeat their work. */
#pragma once

#include "vpc-design.h"

G_BEGIN_DECLS

/* The design, as it is now, passed vpc_invariants_check_design(): the guard
 * may then check a step that only sets layouts by its rectangles alone
 * (vpc-design.c, check_step). Any later change makes this stale. */
void _vpc_design_note_checked (VpcDesign *self);
/* vpc_layout_contain() would change nothing in the design as it is now
 * (it just settled): the guard skips its own containment until a change. */
void _vpc_design_note_contained (VpcDesign *self);

G_END_DECLS
