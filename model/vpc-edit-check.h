/* SPDX-License-Identifier: GPL-3.0-or-later */
/* vpc-edit-check.h: would the design accept this edit?
 *
 * Views ask before they promise something (a drop highlight, a field that
 * shows its text as valid): the edit runs on a detached copy of the design
 * (vpc_design_duplicate()) as one step, and the copy's guard answers. The
 * design itself is not touched and emits nothing. Only the public design
 * API is used, so the answer is the one the real edit would get.
 */
#pragma once

#include "vpc-design.h"

G_BEGIN_DECLS

/* An edit on @design (the copy). Returns FALSE with @reason to refuse it
 * before the design is asked (e.g. "Drop the subnet inside an availability
 * zone"). */
typedef gboolean (*VpcDesignEditFunc) (VpcDesign *design,
                                       gpointer   data,
                                       char     **reason);

/* Runs @edit on a copy of @design inside one step called @label (the label
 * the real edit would have: refusals name it). TRUE when the step would be
 * accepted; else FALSE with @reason (may be NULL) set to the edit's own
 * reason or to the guard's refusal. */
gboolean vpc_design_check_edit (VpcDesign         *design,
                                 const char        *label,
                                 VpcDesignEditFunc  edit,
                                 gpointer           data,
                                 char             **reason);
/* The same for vpc_design_replace_element (design, copy of @element), and
 * for vpc_design_set_info (design, copy of @info). */
gboolean vpc_design_check_replace (VpcDesign        *design,
                                   const char       *label,
                                   const VpcElement *element,
                                   char            **reason);
gboolean vpc_design_check_set_info (VpcDesign           *design,
                                    const char          *label,
                                    const VpcDesignInfo *info,
                                    char               **reason);

G_END_DECLS
