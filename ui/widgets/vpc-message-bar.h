/* SPDX-License-Identifier: GPL-3.0-or-later */
/* vpc-message-bar.h: a banner over the canvas for messages that must stay
 * readable (libadwaita 1.2 has no AdwBanner).
 *
 * It shows the whole text of an edit the design refused, or of a
 * consequence the design carried out with an edit, wrapped and selectable,
 * with an icon and a Dismiss button. It stays until dismissed or replaced by
 * the next message. Screen readers get it as an alert whose description is
 * the text.
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

typedef enum {
  VPC_MESSAGE_REFUSED, /* an edit was not done */
  VPC_MESSAGE_NOTICE,  /* an edit was done, with a consequence to know about */
} VpcMessageKind;

#define VPC_TYPE_MESSAGE_BAR (vpc_message_bar_get_type ())
G_DECLARE_FINAL_TYPE (VpcMessageBar, vpc_message_bar, VPC, MESSAGE_BAR, GtkWidget)

GtkWidget     *vpc_message_bar_new (void);
/* Shows @text, replacing what the bar showed. */
void           vpc_message_bar_show (VpcMessageBar  *self,
                                     VpcMessageKind  kind,
                                     const char     *text);
void           vpc_message_bar_dismiss (VpcMessageBar *self);
/* The text shown, or NULL when the bar is dismissed. */
const char    *vpc_message_bar_get_text (VpcMessageBar *self);
VpcMessageKind vpc_message_bar_get_kind (VpcMessageBar *self);

G_END_DECLS
