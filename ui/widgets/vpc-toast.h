/* SPDX-License-Identifier: GPL-3.0-or-later */
/* vpc-toast.h: a message for the toast overlay a widget sits in. */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

/* Shows @toast (floating, taken) in the nearest AdwToastOverlay above
 * @widget; without one (a panel tested on its own) the toast is dropped. */
void vpc_toast_show (GtkWidget *widget,
                     AdwToast  *toast);

G_END_DECLS
