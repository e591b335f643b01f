/* SPDX-License-Identifier: GPL-3.0-or-later */
/* vpc-clipboard.h: copy, cut, paste and duplicate of design elements.
 *
 * A VpcClipboard holds copies of elements (with the children that move with
 * them: an AZ's subnets, a subnet's icons). Pasting gives every element a
 * fresh id from vpc_design_make_id(), remaps references inside the pasted
 * set, keeps references to elements that still exist in the target design
 * and drops the others (an element that cannot live without one, such as a
 * subnet without its AZ, is left out). Pasted subnets get free CIDR blocks.
 * GTK-free; the canvas keeps one clipboard for the whole process.
 */
#pragma once

#include "vpc-design.h"

G_BEGIN_DECLS

typedef struct _VpcClipboard VpcClipboard;

/* Copies the selected elements (a set of ids) and their children. */
VpcClipboard *vpc_clipboard_copy (VpcDesign  *design,
                                  GHashTable *selection);
void          vpc_clipboard_free (VpcClipboard *clipboard);
guint         vpc_clipboard_get_n_elements (VpcClipboard *clipboard);
/* Adds the copies shifted by (@dx, @dy) as one undo step ("Paste") and
 * returns the new ids (NULL-terminated, owned; empty, with @reason, when
 * nothing could be pasted). NULL with @reason when the design refused the
 * paste. */
char        **vpc_clipboard_paste (VpcClipboard *clipboard,
                                   VpcDesign    *design,
                                   double        dx,
                                   double        dy,
                                   char        **reason);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (VpcClipboard, vpc_clipboard_free)

G_END_DECLS
