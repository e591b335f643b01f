/* SPDX-License-Identifier: GPL-3.0-or-later */
/* main-editor.c: the editor, started by vpc-designer with its arguments. */
#include <gtk/gtk.h>

#include "vpc-application.h"
#include "vpc-locale.h"

/* TRUE when the machine has a GPU that GTK could draw with: a DRM render
 * node. */
static gboolean
has_render_node (void)
{
  g_autoptr(GDir) dir = g_dir_open ("/dev/dri", 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    if (g_str_has_prefix (name, "renderD"))
      return TRUE;
  return FALSE;
}

/* Without a GPU, GTK 4.8 draws with OpenGL all the same, on Mesa's
 * software llvmpipe: setting it up was half of a 0.85 s start to the
 * first frame on such a machine (a virtual machine, a remote desktop),
 * and the canvas is drawn with cairo anyway. There GTK draws with cairo
 * (0.35 s), unless the user chose a renderer. */
static void
prefer_cairo_without_gpu (void)
{
  if (g_getenv ("GSK_RENDERER") != NULL || g_getenv ("GDK_DEBUG") != NULL || has_render_node ())
    return;
  g_setenv ("GSK_RENDERER", "cairo", FALSE);
  g_setenv ("GDK_DEBUG", "gl-disable", FALSE);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(VpcApplication) app = NULL;

  vpc_locale_init ();
  prefer_cairo_without_gpu ();
  /* GTK would set LC_NUMERIC from the environment again. */
  gtk_disable_setlocale ();
  app = vpc_application_new ();

  return g_application_run (G_APPLICATION (app), argc, argv);
}
