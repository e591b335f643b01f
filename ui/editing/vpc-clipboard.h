/* SPDX-License-Identifier: GPL-3.0-or-later */
/* vpc-clipboard.h: copy, cut, paste and duplicate of design elements.
 *
 * A VpcClipboard holds copies of elements (with the children that move with
 * them: an AZ's subnets, a subnet's icons). Pasting gives every element a
 * fresh id from vpc_design_make_id(), remaps references inside the pasted
 * set, keeps references to elements that still exist in the target design
 * and drops the others (an element that cannot live without one, such as a
 * subnet without its AZ, is left out). Pasted subnets get free CIDR blocks.
 *
 * A copy also has a text form, a design file of its own (format 1), so
 * that it can travel through the system clipboard to another window or
 * program, and text pasted from elsewhere is read back like a file.
 * GTK-free; the canvas puts both forms on the display's clipboard.
 */
#pragma once

#include "vpc-design.h"

G_BEGIN_DECLS

typedef struct _VpcClipboard VpcClipboard;

#define VPC_TYPE_CLIPBOARD (vpc_clipboard_get_type ())
GType         vpc_clipboard_get_type (void) G_GNUC_CONST;

/* Copies the selected elements (a set of ids) and their children. */
VpcClipboard *vpc_clipboard_copy (VpcDesign  *design,
                                  GHashTable *selection);
VpcClipboard *vpc_clipboard_dup (VpcClipboard *clipboard);
void          vpc_clipboard_free (VpcClipboard *clipboard);
/* The text form of copying @selection from @design: a design file with the
 * design's settings, the selected elements and their children, and what
 * they cannot exist without (a subnet's AZ, a NAT gateway's subnet);
 * references to anything else are left out. */
char         *vpc_clipboard_serialize (VpcDesign  *design,
                                       GHashTable *selection);
/* Every element of a design file's text (@text, @length bytes), checked as
 * the loader checks a file; NULL with @error (VPC_FILE_ERROR, the place
 * named) when it is not one. */
VpcClipboard *vpc_clipboard_new_from_text (const char *text,
                                           gsize       length,
                                           GError    **error);
guint         vpc_clipboard_get_n_elements (VpcClipboard *clipboard);
/* Whether @clipboard was copied from @design (which still exists): then a
 * paste keeps references to the design's other elements. */
gboolean      vpc_clipboard_is_from (VpcClipboard *clipboard,
                                     VpcDesign    *design);
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
