/* SPDX-License-Identifier: GPL-3.0-or-later */
/* vpc-test-hooks.c: see vpc-test-hooks.h. */
#include "vpc-test-hooks.h"

#include <stdio.h>

#ifdef VPC_TEST_HOOKS

gboolean
vpc_test_hooks_window_size (int *width,
                            int *height)
{
  const char *size = g_getenv ("VPC_TEST_WINDOW_SIZE");

  return size != NULL && sscanf (size, "%dx%d", width, height) == 2 && *width > 0 && *height > 0;
}

gboolean
vpc_test_hooks_view (double *zoom,
                     double *offset_x,
                     double *offset_y)
{
  const char *view = g_getenv ("VPC_TEST_VIEW");

  return view != NULL && sscanf (view, "%lf,%lf,%lf", zoom, offset_x, offset_y) == 3;
}

void
vpc_test_hooks_write_origin (GtkWidget *widget)
{
  const char *path = g_getenv ("VPC_TEST_GEOMETRY_FILE");
  GtkNative *native = gtk_widget_get_native (widget);
  g_autofree char *text = NULL;
  graphene_point_t p;
  double sx, sy;

  if (path == NULL || native == NULL ||
      !gtk_widget_compute_point (widget, GTK_WIDGET (native), &GRAPHENE_POINT_INIT (0, 0), &p))
    return;
  gtk_native_get_surface_transform (native, &sx, &sy);
  text = g_strdup_printf ("%.0f %.0f\n", p.x + sx, p.y + sy);
  g_file_set_contents (path, text, -1, NULL);
}

#else /* a release build */

gboolean
vpc_test_hooks_window_size (int *width,
                            int *height)
{
  return FALSE;
}

gboolean
vpc_test_hooks_view (double *zoom,
                     double *offset_x,
                     double *offset_y)
{
  return FALSE;
}

void
vpc_test_hooks_write_origin (GtkWidget *widget)
{
}

#endif
