/* SPDX-License-Identifier: GPL-3.0-or-later */
/* vpc-toast.c: see vpc-toast.h. */
#include "vpc-toast.h"

void
vpc_toast_show (GtkWidget *widget,
                AdwToast  *toast)
{
  GtkWidget *overlay = gtk_widget_get_ancestor (widget, ADW_TYPE_TOAST_OVERLAY);

  g_object_ref_sink (toast);
  if (overlay != NULL)
    adw_toast_overlay_add_toast (ADW_TOAST_OVERLAY (overlay), g_object_ref (toast));
  g_object_unref (toast);
}
