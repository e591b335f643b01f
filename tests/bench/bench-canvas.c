/* SPDX-License-Identifier: GPL-3.0-or-later */
/* bench-canvas.c: what one pointer motion of a canvas drag costs.
 *
 * A subnet of the 10,000-element design is dragged into another AZ
 * through the tool functions (vpc-editing.h), 100 motion steps, and every
 * step draws one offscreen frame the size of a 1600x1000 canvas at 100 %,
 * centred on the pointer, with the tool's preview as the renderer's
 * overrides (what the canvas does). Prints "NAME: MEAN ms":
 *
 *   drag-motion-10000     tool motion + one frame (the figure to watch)
 *   drag-tool-10000       tool motion alone (no model work any more)
 *   drag-frame-10000      the frame alone, while dragging
 *   drag-release-10000    the one command applied on release
 *   drag-motion-old-10000 for comparison, the former way: edit the model
 *                         in a transaction per motion (rollback + replay),
 *                         re-validate (the window's validator ran once per
 *                         frame), then one frame
 */
#include "bench-utils.h"
#include "render-designs.h"
#include "vpc-containment.h"
#include "vpc-render.h"
#include "vpc-editing-private.h"
#include "vpc-validator.h"

#define VIEW_W 1600
#define VIEW_H 1000
#define STEPS  100
#define N      10000

typedef struct
{
  VpcDesign       *design;
  cairo_surface_t *surface;
} Bench;

static void
frame (Bench      *b,
       double      cx,
       double      cy,
       GHashTable *overrides)
{
  VpcRenderOptions options;
  cairo_t *cr = cairo_create (b->surface);

  vpc_render_options_init (&options);
  options.scale = 1.0;
  options.clip_x = cx - VIEW_W / 2.0;
  options.clip_y = cy - VIEW_H / 2.0;
  options.clip_w = VIEW_W;
  options.clip_h = VIEW_H;
  options.offset_x = -options.clip_x;
  options.offset_y = -options.clip_y;
  options.show_grid = TRUE;
  options.grid_size = 16;
  options.overrides = overrides;
  vpc_render_design (cr, b->design, &options);
  cairo_destroy (cr);
  cairo_surface_flush (b->surface);
}

/* Where to grab sn-0 (its header, clear of the icons inside) and how far
 * to drag it: two AZs on (its endpoint already has an interface in the next). */
static void
drag_path (VpcDesign *design,
           double    *x0,
           double    *y0,
           double    *dx)
{
  VpcRect sn, az0, az1;

  if (!vpc_editing_get_rect (design, "sn-0", &sn) ||
      !vpc_editing_get_rect (design, "az-0", &az0) ||
      !vpc_editing_get_rect (design, "az-2", &az1))
    g_error ("bench-canvas: the large design has no sn-0, az-0 or az-2");
  *x0 = sn.x + sn.w / 2;
  *y0 = sn.y + 8;
  *dx = az1.x - az0.x;
}

static void
bench_drag (Bench *b)
{
  g_autoptr(GHashTable) selection = vpc_selection_new ();
  VpcGesture *tool = vpc_gesture_new (b->design, selection);
  guint64 revision = vpc_design_get_revision (b->design);
  double x0, y0, dx, tool_ms = 0, frame_ms = 0, release_ms;
  g_autofree char *reason = NULL;
  gint64 start;

  drag_path (b->design, &x0, &y0, &dx);
  vpc_gesture_set_grid (tool, 16);
  vpc_gesture_press (tool, x0, y0, 0, 1.0);
  if (!g_hash_table_contains (selection, "sn-0"))
    g_error ("bench-canvas: the press did not pick sn-0");
  frame (b, x0, y0, NULL); /* warm-up */
  for (guint i = 1; i <= STEPS; i++)
    {
      double x = x0 + dx * i / STEPS;

      start = g_get_monotonic_time ();
      vpc_gesture_motion (tool, x, y0, 0);
      tool_ms += bench_ms_since (start);
      start = g_get_monotonic_time ();
      frame (b, x, y0, vpc_gesture_get_preview (tool));
      frame_ms += bench_ms_since (start);
    }
  if (vpc_design_get_revision (b->design) != revision)
    g_error ("bench-canvas: the design changed during the drag");
  start = g_get_monotonic_time ();
  if (!vpc_gesture_release (tool, x0 + dx, y0, 0, &reason))
    g_error ("bench-canvas: the drop was refused: %s", reason);
  release_ms = bench_ms_since (start);
  if (g_strcmp0 (vpc_design_lookup (b->design, "sn-0")->az, "az-2") != 0)
    g_error ("bench-canvas: sn-0 did not land in az-2");

  g_print ("drag-motion-%u: %.2f ms\n", N, (tool_ms + frame_ms) / STEPS);
  g_print ("drag-tool-%u: %.3f ms\n", N, tool_ms / STEPS);
  g_print ("drag-frame-%u: %.2f ms\n", N, frame_ms / STEPS);
  g_print ("drag-release-%u: %.2f ms\n", N, release_ms);
  vpc_gesture_free (tool);
  vpc_design_undo (b->design);
}

/* The former preview, for comparison: the model is edited at every motion
 * inside an open transaction that the next motion rolls back, and the
 * validator (deferred to one run per frame) re-checks the design. */
static void
bench_drag_old (Bench *b)
{
  g_autoptr(VpcValidator) validator = vpc_validator_new (b->design);
  g_autoptr(GHashTable) moved = vpc_selection_new ();
  g_autoptr(GHashTable) from = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  double x0, y0, dx, total_ms = 0;
  gboolean open = FALSE;
  GHashTableIter iter;
  gpointer key, value;

  drag_path (b->design, &x0, &y0, &dx);
  vpc_validator_set_deferred (validator, TRUE);
  g_hash_table_add (moved, g_strdup ("sn-0"));
  vpc_containment_collect_children (b->design, "sn-0", moved);
  g_hash_table_iter_init (&iter, moved);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    {
      VpcRect r;

      if (vpc_editing_get_rect (b->design, key, &r))
        g_hash_table_insert (from, g_strdup (key), g_memdup2 (&r, sizeof r));
    }
  for (guint i = 1; i <= STEPS; i++)
    {
      double x = x0 + dx * i / STEPS;
      gint64 start = g_get_monotonic_time ();

      if (open)
        vpc_design_rollback (b->design);
      vpc_design_begin (b->design, "Move");
      open = TRUE;
      g_hash_table_iter_init (&iter, from);
      while (g_hash_table_iter_next (&iter, &key, &value))
        {
          VpcRect r = *(VpcRect *) value;

          r.x += dx * i / STEPS;
          _vpc_tools_place_at (b->design, key, &r);
        }
      vpc_validator_flush (validator);
      frame (b, x, y0, NULL);
      total_ms += bench_ms_since (start);
    }
  if (open)
    vpc_design_rollback (b->design);
  g_print ("drag-motion-old-%u: %.2f ms\n", N, total_ms / STEPS);
}

int
main (int    argc,
      char **argv)
{
  Bench b;

  b.design = render_design_large (N);
  b.surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, VIEW_W, VIEW_H);
  g_print ("design-%u: %u elements\n", N, vpc_design_get_total_elements (b.design));
  bench_drag (&b);
  bench_drag_old (&b);
  cairo_surface_destroy (b.surface);
  g_object_unref (b.design);
  vpc_render_clear_caches ();
  return 0;
}
