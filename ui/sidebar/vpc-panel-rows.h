/* SPDX-License-Identifier: GPL-3.0-or-later */
/* vpc-panel-rows.h: how many rows a sidebar list shows before its "Show
 * More" button. A large design has tens of thousands of findings and
 * thousands of priced items; a row widget for each made opening it take
 * seconds (measuring their wrapped labels), and no one reads that far. */
#pragma once

#include <glib.h>

#include "vpc-i18n.h"

#define VPC_PANEL_ROWS_STEP 50
/* Finding rows wrap their messages, and measuring a wrapped label is what
 * costs: 50 of them per severity were 0.75 s of opening 10,000 elements.
 * The findings panel starts with fewer and shows more as it is scrolled
 * to its end (or its button is pressed). */
#define VPC_PANEL_ROWS_FIRST_FINDINGS 10

/* The button's label when @shown of @total rows are shown. */
static inline char *
vpc_panel_rows_more_label (guint shown,
                           guint total)
{
  guint more = MIN (VPC_PANEL_ROWS_STEP, total - shown);

  /* TRANSLATORS: how many more rows the button shows, of how many in all. */
  return g_strdup_printf (ngettext ("Show %u More of %u", "Show %u More of %u", more), more, total);
}
