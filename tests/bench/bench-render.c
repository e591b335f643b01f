/* SPDX-License-Identifier: GPL-3.0-or-later */
/* bench-render.c: canvas frame times and export times of the renderer.
 *
 * Prints lines "NAME: MEDIAN ms" (tools/bench reads export-svg-10000 and
 * export-png-10000 to compare with Dia). Frames are drawn offscreen into an
 * image surface the size of a 1600x1000 canvas: at fit zoom (the whole
 * design, with level of detail) and at 100 % on a viewport-sized clip.
 *
 * "bench-render export [svg|png]" times the exports only (for profiling;
 * G_MESSAGES_DEBUG=vpc-render adds where each export's time goes). */
#include <glib/gstdio.h>

#include "bench-utils.h"
#include "render-designs.h"
#include "vpc-export.h"
#include "vpc-render.h"

#define VIEW_W 1600
#define VIEW_H 1000

static void
frame (cairo_surface_t        *surface,
       VpcDesign              *design,
       const VpcRenderOptions *options)
{
  cairo_t *cr = cairo_create (surface);

  vpc_render_design (cr, design, options);
  cairo_destroy (cr);
  cairo_surface_flush (surface);
}

/* Median time of @runs frames, after one warm-up frame. */
static double
time_frames (VpcDesign              *design,
             const VpcRenderOptions *options,
             guint                   runs)
{
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, VIEW_W, VIEW_H);
  g_autoptr(GArray) times = g_array_new (FALSE, FALSE, sizeof (double));

  frame (surface, design, options);
  for (guint i = 0; i < runs; i++)
    {
      gint64 start = g_get_monotonic_time ();
      double ms;

      frame (surface, design, options);
      ms = (g_get_monotonic_time () - start) / 1000.0;
      g_array_append_val (times, ms);
    }
  cairo_surface_destroy (surface);
  return bench_median ((double *) (gpointer) times->data, times->len);
}

static void
bench_frames (VpcDesign *design,
              guint      n)
{
  VpcRenderOptions options;
  double x, y, w, h, scale;

  vpc_render_options_init (&options);
  vpc_render_get_bounds (design, &options, &x, &y, &w, &h);

  /* Fit zoom: the whole design in the view. */
  scale = MIN (VIEW_W / w, VIEW_H / h);
  options.scale = scale;
  options.offset_x = -x * scale;
  options.offset_y = -y * scale;
  options.clip_x = x;
  options.clip_y = y;
  options.clip_w = VIEW_W / scale;
  options.clip_h = VIEW_H / scale;
  g_print ("frame-fit-%u: %.2f ms (zoom %.3f)\n", n, time_frames (design, &options, 30), scale);

  /* 100 %: a view-sized window at the middle of the design. */
  options.scale = 1.0;
  options.clip_x = x + w / 2 - VIEW_W / 2.0;
  options.clip_y = y + h / 2 - VIEW_H / 2.0;
  options.clip_w = VIEW_W;
  options.clip_h = VIEW_H;
  options.offset_x = -options.clip_x;
  options.offset_y = -options.clip_y;
  g_print ("frame-100-%u: %.2f ms\n", n, time_frames (design, &options, 30));
}

static void
bench_export (VpcDesign  *design,
              const char *dir,
              const char *format,
              guint       n,
              guint       runs)
{
  g_autofree char *name = g_strdup_printf ("bench.%s", format);
  g_autofree char *path = g_build_filename (dir, name, NULL);
  g_autoptr(GArray) times = g_array_new (FALSE, FALSE, sizeof (double));

  for (guint i = 0; i < runs; i++)
    {
      g_autoptr(GError) error = NULL;
      gint64 start = g_get_monotonic_time ();
      double ms;

      if (!vpc_export_to_file (design, path, VPC_THEME_LIGHT, 1.0, &error))
        g_error ("export %s: %s", path, error->message);
      ms = (g_get_monotonic_time () - start) / 1000.0;
      g_array_append_val (times, ms);
    }
  g_print ("export-%s-%u: %.1f ms\n", format, n,
           bench_median ((double *) (gpointer) times->data, times->len));
  g_unlink (path);
}

int
main (int    argc,
      char **argv)
{
  static const guint sizes[] = { 1000, 10000 };
  g_autofree char *dir = g_dir_make_tmp ("vpc-bench-XXXXXX", NULL);
  /* "bench-render export" skips the frames (for profiling the exports). */
  gboolean exports_only = argc > 1 && g_str_equal (argv[1], "export");
  const char *only = argc > 2 ? argv[2] : NULL; /* "svg" or "png" */

  for (guint i = 0; i < G_N_ELEMENTS (sizes); i++)
    {
      g_autoptr(VpcDesign) design = render_design_large (sizes[i]);

      g_print ("design-%u: %u elements\n", sizes[i], vpc_design_get_total_elements (design));
      if (!exports_only)
        bench_frames (design, sizes[i]);
      if (sizes[i] == 10000)
        {
          if (only == NULL || g_str_equal (only, "svg"))
            bench_export (design, dir, "svg", sizes[i], 5);
          if (only == NULL || g_str_equal (only, "png"))
            bench_export (design, dir, "png", sizes[i], 5);
        }
    }
  g_rmdir (dir);
  vpc_render_clear_caches ();
  return 0;
}
