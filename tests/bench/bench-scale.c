/* SPDX-License-Identifier: GPL-3.0-or-later */
/* bench-scale.c: what the editor does with a large design, in-process
 * (the whole-command figures are in tools/bench-commands.sh).
 *
 * Usage: bench-scale PLACED.vpcd.json UNPLACED.vpcd.json (UNPLACED "-": no layout)
 * Prints "NAME: MEDIAN ms" (and the elements), medians of several runs:
 *
 *   layout-N       the automatic layout of a design without any layout
 *   frame-fit-N    one 1600x1000 frame of the whole placed design (zoomed out)
 *   frame-100-N    one frame at 100 %, panned to the middle
 *                  (both with the findings' outlines and badges, as the
 *                  window draws them)
 *   frame-fit-cached-N  the zoomed-out frame through the canvas's cache
 *                  (vpc-render-cache.h) when it draws its picture: after a
 *                  zoom, or a pan out of it
 *   frame-pan-fit-N  the zoomed-out frame panned by whole pixels, as a
 *                  drag of the view does, through the cache
 *   frame-zoom-fit-N  a step of a zoom under way from there: the kept
 *                  picture scaled (the exact frame follows once it rests)
 *   edit-N         one undoable edit (a workload renamed), the
 *                  re-validation the window runs (the renamed findings'
 *                  messages only), and one frame at 100 %
 *   edit-first-N   the first of them
 *   edit-move-N    the same for a workload moved: no re-validation (the
 *                  rules read no box), the connectors updated
 *   edit-field-N   the same for a workload's number of instances: the
 *                  connectors are kept, the rules about that workload
 *                  (and its subnets' sizes) run again, in the idle callback
 *                  (vpc-validator.c: a full run would go to another thread
 *                  at 100,000, the frame not waiting for it)
 *   edit-field-findings-N  until that run's findings are drawn
 *   edit-field-findings-busy-N  the window's work when they come: taking
 *                  them (and what follows them) and drawing them
 *   edit-connect-N the same for a workload moved to another subnet: the
 *                  rules about it and every rule about other elements
 *                  (which read its subnets) run again
 *   edit-connect-findings-N  until that run's findings are drawn
 *   edit-group-N   the same for a rule added to a security group: the
 *                  rules about the workloads in it and every rule about
 *                  other elements run again
 *   edit-group-findings-N  until that run's findings are drawn
 *   edit-subnet-N  the same for the route of a subnet of a workload (one
 *                  without endpoints or NAT gateways): the rules about the
 *                  workloads in it and every rule about other elements
 *   edit-subnet-findings-N  until that run's findings are drawn
 *   edit-data-N    the same for an endpoint's data per month (its cost):
 *                  the two rules that read the cost (VPC116, VPC501)
 *   edit-data-findings-N  until that run's findings are drawn
 *   edit-endpoint-N  the same for an endpoint's private DNS turned on or
 *                  off: every rule runs again, on another thread (with
 *                  what the last run indexed of the workloads)
 *   edit-endpoint-findings-N  until that run's findings are drawn
 *   edit-data-costs-N, edit-data-costs-findings-N  the same two alone, with
 *                  BENCH_SCALE_COSTS set (tools/bench: on a design in the
 *                  precise profile and development, whose findings give
 *                  the endpoints' cost)
 *   drag-frame-N   one frame at 100 % while a workload is dragged (the
 *                  canvas's preview: the renderer's overrides)
 */
#include <math.h>

#include "bench-utils.h"
#include "vpc-heap.h"
#include "vpc-file.h"
#include "vpc-layout.h"
#include "vpc-render.h"
#include "vpc-render-cache.h"
#include "vpc-validator.h"

#define VIEW_W 1600
#define VIEW_H 1000
#define RUNS   5

static VpcDesign *
load (const char *path,
      gboolean    as_written)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = vpc_file_read_path (path, &error);
  VpcDesign *design = NULL;

  if (bytes != NULL)
    design = vpc_file_load_bytes_full (
        bytes, as_written ? VPC_FILE_LOAD_AS_WRITTEN : VPC_FILE_LOAD_DEFAULT, NULL, &error);
  if (design == NULL)
    g_error ("bench-scale: %s: %s", path, error->message);
  return design;
}

/* One frame: @scale, centred on (@cx, @cy) in design units, with the
 * marks of @findings. */
static void
frame_with (cairo_surface_t *surface,
            VpcDesign       *design,
            GListModel      *findings,
            GHashTable      *overrides,
            double           scale,
            double           cx,
            double           cy)
{
  VpcRenderOptions options;
  cairo_t *cr = cairo_create (surface);

  vpc_render_options_init (&options);
  options.scale = scale;
  options.clip_w = VIEW_W / scale;
  options.clip_h = VIEW_H / scale;
  options.clip_x = cx - options.clip_w / 2;
  options.clip_y = cy - options.clip_h / 2;
  /* Offsets are device pixels, the clip world units. */
  options.offset_x = -options.clip_x * scale;
  options.offset_y = -options.clip_y * scale;
  options.show_grid = TRUE;
  options.grid_size = 16;
  options.findings = findings;
  options.overrides = overrides;
  vpc_render_design (cr, design, &options);
  cairo_destroy (cr);
  cairo_surface_flush (surface);
}

static void
frame (cairo_surface_t *surface,
       VpcDesign       *design,
       GListModel      *findings,
       double           scale,
       double           cx,
       double           cy)
{
  frame_with (surface, design, findings, NULL, scale, cx, cy);
}

/* The canvas's options for a view at @scale with the device offset
 * (@ox, @oy), with the marks of @findings. */
static void
view_options (VpcRenderOptions *options,
              GListModel       *findings,
              double            scale,
              double            ox,
              double            oy)
{
  vpc_render_options_init (options);
  options->scale = scale;
  options->offset_x = ox;
  options->offset_y = oy;
  options->clip_x = -ox / scale;
  options->clip_y = -oy / scale;
  options->clip_w = VIEW_W / scale;
  options->clip_h = VIEW_H / scale;
  options->show_grid = TRUE;
  options->grid_size = 16;
  options->findings = findings;
}

/* One frame drawn by @draw (a vpc_render_cache_draw*() function) through
 * @cache at @scale and device offset (@ox, @oy), as the canvas draws it;
 * what @draw returned (for vpc_render_cache_draw(): whether the kept
 * picture served). */
static gboolean
frame_through (gboolean (*draw) (VpcRenderCache *, cairo_t *, VpcDesign *,
                                 const VpcRenderOptions *, int, int),
               cairo_surface_t *surface,
               VpcRenderCache  *cache,
               VpcDesign       *design,
               GListModel      *findings,
               double           scale,
               double           ox,
               double           oy)
{
  VpcRenderOptions options;
  cairo_t *cr = cairo_create (surface);
  gboolean result;

  view_options (&options, findings, scale, ox, oy);
  result = draw (cache, cr, design, &options, VIEW_W, VIEW_H);
  cairo_destroy (cr);
  cairo_surface_flush (surface);
  return result;
}

/* One interim frame through @cache at @scale, centred on the design: a
 * step of a zoom under way. */
static gboolean
frame_interim (cairo_surface_t *surface,
               VpcRenderCache  *cache,
               VpcDesign       *design,
               GListModel      *findings,
               double           scale)
{
  const VpcRect *box = &vpc_design_get_info (design)->vpc_layout;

  return frame_through (vpc_render_cache_draw_interim, surface, cache, design, findings, scale,
                        VIEW_W / 2.0 - (box->x + box->w / 2) * scale,
                        VIEW_H / 2.0 - (box->y + box->h / 2) * scale);
}

/* frame-fit-cached-N, frame-pan-fit-N and frame-zoom-fit-N: zoomed out to the whole design,
 * through the canvas's cache, drawn anew (a zoom), panned, then a step
 * of a zoom from the kept picture. */
static void
bench_pans (cairo_surface_t *surface,
            VpcDesign       *placed,
            VpcValidator    *validator)
{
  const VpcRect *box = &vpc_design_get_info (placed)->vpc_layout;
  guint n = vpc_design_get_total_elements (placed);
  double fit = MIN (VIEW_W / box->w, VIEW_H / box->h);
  double ox = round (VIEW_W / 2.0 - (box->x + box->w / 2) * fit);
  double oy = round (VIEW_H / 2.0 - (box->y + box->h / 2) * fit);
  double drawn[RUNS], panned[RUNS], zoomed[RUNS];

  for (guint r = 0; r < RUNS; r++)
    {
      g_autoptr(VpcRenderCache) cache = vpc_render_cache_new ();
      gint64 start = g_get_monotonic_time ();

      if (frame_through (vpc_render_cache_draw, surface, cache, placed,
                         G_LIST_MODEL (validator), fit, ox, oy))
        g_error ("bench-scale: a new cache served a frame");
      drawn[r] = bench_ms_since (start);
      /* A pan of a few pixels a frame, as a drag of the view goes. */
      start = g_get_monotonic_time ();
      if (!frame_through (vpc_render_cache_draw, surface, cache, placed, G_LIST_MODEL (validator),
                          fit, ox + 7 * (r + 1), oy - 3 * (r + 1)))
        g_error ("bench-scale: the pan did not come from the cache");
      panned[r] = bench_ms_since (start);
      /* A step of a zoom under way, about the view's centre. */
      start = g_get_monotonic_time ();
      if (!frame_interim (surface, cache, placed, G_LIST_MODEL (validator), fit * (1.1 + 0.1 * r)))
        g_error ("bench-scale: no interim frame for the zoom");
      zoomed[r] = bench_ms_since (start);
    }
  g_print ("frame-fit-cached-%u: %.1f ms\n", n, bench_median (drawn, RUNS));
  g_print ("frame-pan-fit-%u: %.1f ms\n", n, bench_median (panned, RUNS));
  g_print ("frame-zoom-fit-%u: %.1f ms\n", n, bench_median (zoomed, RUNS));
}

/* drag-frame-N: frames while a workload is dragged a little further
 * each time. */
static void
bench_drag (cairo_surface_t *surface,
            VpcDesign       *placed,
            VpcValidator    *validator)
{
  const VpcElement *workload = vpc_design_get_element (placed, VPC_KIND_WORKLOAD, 7);
  g_autoptr(GHashTable) overrides = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, g_free);
  guint n = vpc_design_get_total_elements (placed);
  double times[RUNS];

  for (guint r = 0; r < RUNS; r++)
    {
      VpcRect *preview = g_memdup2 (&workload->layout, sizeof (VpcRect));
      gint64 start = g_get_monotonic_time ();

      preview->x += 8 * (r + 1);
      g_hash_table_insert (overrides, workload->id, preview);
      frame_with (surface, placed, G_LIST_MODEL (validator), overrides, 1.0, preview->x,
                  preview->y);
      times[r] = bench_ms_since (start);
    }
  g_print ("drag-frame-%u: %.1f ms\n", n, bench_median (times, RUNS));
}

/* frame-fit-N and frame-100-N: zoomed out to the whole design, then at
 * 100 % panned a little between runs. */
static void
bench_frames (cairo_surface_t *surface,
              VpcDesign       *placed,
              VpcValidator    *validator)
{
  const VpcRect *box = &vpc_design_get_info (placed)->vpc_layout;
  guint n = vpc_design_get_total_elements (placed);
  double times[RUNS], fit = MIN (VIEW_W / box->w, VIEW_H / box->h);

  for (guint r = 0; r < RUNS; r++)
    {
      gint64 start = g_get_monotonic_time ();

      frame (surface, placed, G_LIST_MODEL (validator), fit, box->x + box->w / 2,
             box->y + box->h / 2);
      times[r] = bench_ms_since (start);
    }
  g_print ("frame-fit-%u: %.1f ms\n", n, bench_median (times, RUNS));
  for (guint r = 0; r < RUNS; r++)
    {
      gint64 start = g_get_monotonic_time ();

      frame (surface, placed, G_LIST_MODEL (validator), 1.0, box->x + box->w / 2 + r * 40.0,
             box->y + box->h / 2);
      times[r] = bench_ms_since (start);
    }
  g_print ("frame-100-%u: %.1f ms\n", n, bench_median (times, RUNS));
}

typedef enum
{
  EDIT_RENAME,
  EDIT_MOVE,
  EDIT_FIELD, /* its number of instances, which rules read */
  EDIT_CONNECT, /* its first subnet, which rules about subnets and endpoints read */
  EDIT_GROUP,   /* a rule of its first security group */
  EDIT_SUBNET,  /* the route of one of its subnets without endpoints or NAT gateways */
  EDIT_DATA,    /* an endpoint's data per month */
  EDIT_ENDPOINT, /* an endpoint's private DNS: every rule runs again */
} Edit;

/* A subnet of @workload that no endpoint or NAT gateway of @design is in. */
static const VpcElement *
quiet_subnet (VpcDesign        *design,
              const VpcElement *workload)
{
  for (guint s = 0; s < workload->subnets->len; s++)
    {
      const char *id = g_ptr_array_index (workload->subnets, s);
      gboolean served = FALSE;

      for (guint i = 0; i < vpc_design_get_n_elements (design, VPC_KIND_ENDPOINT) && !served; i++)
        {
          const VpcElement *endpoint = vpc_design_get_element (design, VPC_KIND_ENDPOINT, i);

          served = endpoint->subnets != NULL && vpc_id_list_contains (endpoint->subnets, id);
        }
      for (guint i = 0; i < vpc_design_get_n_elements (design, VPC_KIND_NAT_GATEWAY) && !served; i++)
        served = g_strcmp0 (vpc_design_get_element (design, VPC_KIND_NAT_GATEWAY, i)->subnet, id) == 0;
      if (!served)
        return vpc_design_lookup (design, id);
    }
  return NULL;
}

/* One undoable edit of the @r-th workload through @validator, which
 * re-checks what it must as the window's does, then one frame at 100 %
 * around it. */
static double
edit_once (cairo_surface_t *surface,
           VpcDesign       *placed,
           VpcValidator    *validator,
           guint            r,
           Edit             edit,
           double          *settled_ms,
           double          *busy_ms)
{
  const VpcElement *workload = vpc_design_get_element (placed, VPC_KIND_WORKLOAD, r);
  g_autoptr(VpcElement) copy = NULL;
  gint64 start = g_get_monotonic_time ();
  double ms;

  /* As the canvas and the inspector do: a copy that differs in one thing. */
  if (edit == EDIT_GROUP)
    {
      VpcSgRule rule = { VPC_PROTOCOL_TCP, 443, 443, g_strdup ("0.0.0.0/0") };

      copy = vpc_element_copy (vpc_design_lookup (placed,
                                                  g_ptr_array_index (workload->security_groups, 0)));
      g_array_append_val (copy->egress, rule);
    }
  else if (edit == EDIT_DATA)
    {
      copy = vpc_element_copy (vpc_design_get_element (placed, VPC_KIND_ENDPOINT, r));
      copy->gb_per_month += 10;
    }
  else if (edit == EDIT_ENDPOINT)
    {
      copy = vpc_element_copy (vpc_design_get_element (placed, VPC_KIND_ENDPOINT, r));
      copy->private_dns = !copy->private_dns;
    }
  else if (edit == EDIT_SUBNET)
    {
      const VpcElement *subnet = NULL;

      /* Untimed: finding one (the workload's own may all have endpoints). */
      for (guint k = r; subnet == NULL; k += 97)
        subnet = quiet_subnet (placed, vpc_design_get_element (placed, VPC_KIND_WORKLOAD, k));
      start = g_get_monotonic_time ();
      copy = vpc_element_copy (subnet);
      copy->route = copy->route == VPC_ROUTE_NAT ? VPC_ROUTE_PRIVATE : VPC_ROUTE_NAT;
    }
  else
    copy = vpc_element_copy (workload);
  if (edit == EDIT_MOVE)
    copy->layout.x += 8;
  else if (edit == EDIT_FIELD)
    copy->instance_count = copy->instance_count % 4 + 1;
  else if (edit == EDIT_CONNECT)
    {
      guint n_subnets = vpc_design_get_n_elements (placed, VPC_KIND_SUBNET);
      const char *other = vpc_design_get_element (placed, VPC_KIND_SUBNET,
                                                  (r * 7919 + 13) % n_subnets)->id;

      g_assert (copy->subnets->len > 0 && !vpc_id_list_contains (copy->subnets, other));
      g_ptr_array_remove_index (copy->subnets, 0);
      vpc_id_list_add (copy->subnets, other);
    }
  else if (edit == EDIT_RENAME)
    {
      g_free (copy->name);
      copy->name = g_strdup_printf ("Renamed %u", r);
    }
  vpc_design_replace_element (placed, g_steal_pointer (&copy));
  /* The window's validator looks at the edit at the end of the main-loop
   * cycle: a rename, here; other edits of a big design, on another thread. */
  while (g_main_context_iteration (NULL, FALSE))
    ;
  /* The element now there: the edit replaced the one read above. */
  workload = vpc_design_get_element (placed, VPC_KIND_WORKLOAD, r);
  frame (surface, placed, G_LIST_MODEL (validator), 1.0, workload->layout.x, workload->layout.y);
  ms = bench_ms_since (start);
  /* The findings follow: the window keeps answering until they come, and
   * draws them then. */
  if (vpc_validator_get_checking (validator))
    {
      double taking = 0;
      gint64 drawn;

      /* Polled, so that the iteration that takes the findings is timed
       * alone: the window's work when they come. */
      while (vpc_validator_get_checking (validator))
        {
          gint64 t = g_get_monotonic_time ();

          if (g_main_context_iteration (NULL, FALSE))
            taking = bench_ms_since (t);
          else
            g_usleep (200);
        }
      drawn = g_get_monotonic_time ();
      frame (surface, placed, G_LIST_MODEL (validator), 1.0, workload->layout.x,
             workload->layout.y);
      if (busy_ms != NULL)
        *busy_ms = taking + bench_ms_since (drawn);
    }
  if (settled_ms != NULL)
    *settled_ms = bench_ms_since (start);
  /* Untimed: the findings are there (counting them walks them all). */
  g_assert (vpc_validator_count (validator, VPC_SEVERITY_ERROR) > 0);
  return ms;
}

/* edit-NAME-N and edit-NAME-findings-N: @edit, to the frame and until its
 * findings are drawn. */
static void
bench_edit_rows (cairo_surface_t *surface,
                 VpcDesign       *placed,
                 VpcValidator    *validator,
                 const char      *name,
                 Edit             edit)
{
  guint n = vpc_design_get_total_elements (placed);
  double times[RUNS], settled[RUNS];

  for (guint r = 0; r < RUNS; r++)
    times[r] = edit_once (surface, placed, validator, r, edit, &settled[r], NULL);
  g_print ("edit-%s-%u: %.1f ms\n", name, n, bench_median (times, RUNS));
  g_print ("edit-%s-findings-%u: %.1f ms\n", name, n, bench_median (settled, RUNS));
}

/* edit-N: one undoable edit (a workload renamed), the re-validation and a
 * frame at 100 % (edit-first-N: the first); edit-move-N: the same for a
 * workload moved (the rules read no box: no re-validation, the connectors
 * updated); edit-field-N: for its number of instances (the connectors are
 * kept; the rules about it run again; edit-field-findings-N waits for
 * findings to be drawn if they come from another thread). */
static void
bench_edit (cairo_surface_t *surface,
            VpcDesign       *placed,
            VpcValidator    *validator)
{
  guint n = vpc_design_get_total_elements (placed);
  double times[RUNS], settled[RUNS], busy[RUNS];

  for (guint r = 0; r < RUNS; r++)
    times[r] = edit_once (surface, placed, validator, r, EDIT_RENAME, NULL, NULL);
  g_print ("edit-first-%u: %.1f ms\n", n, times[0]);
  g_print ("edit-%u: %.1f ms\n", n, bench_median (times, RUNS));
  for (guint r = 0; r < RUNS; r++)
    times[r] = edit_once (surface, placed, validator, r, EDIT_MOVE, NULL, NULL);
  g_print ("edit-move-%u: %.1f ms\n", n, bench_median (times, RUNS));
  for (guint r = 0; r < RUNS; r++)
    times[r] = edit_once (surface, placed, validator, r, EDIT_FIELD, &settled[r], &busy[r]);
  g_print ("edit-field-%u: %.1f ms\n", n, bench_median (times, RUNS));
  g_print ("edit-field-findings-%u: %.1f ms\n", n, bench_median (settled, RUNS));
  g_print ("edit-field-findings-busy-%u: %.1f ms\n", n, bench_median (busy, RUNS));
  bench_edit_rows (surface, placed, validator, "connect", EDIT_CONNECT);
  bench_edit_rows (surface, placed, validator, "group", EDIT_GROUP);
  bench_edit_rows (surface, placed, validator, "subnet", EDIT_SUBNET);
  bench_edit_rows (surface, placed, validator, "data", EDIT_DATA);
  bench_edit_rows (surface, placed, validator, "endpoint", EDIT_ENDPOINT);
}

int
main (int    argc,
      char **argv)
{
  g_autoptr(VpcDesign) placed = NULL;
  g_autoptr(VpcValidator) validator = NULL;
  cairo_surface_t *surface;
  double times[RUNS];
  guint n;

  if (argc != 3)
    {
      g_printerr ("usage: bench-scale PLACED.vpcd.json UNPLACED.vpcd.json\n");
      return 2;
    }

  /* "-" as UNPLACED leaves the layout out. */
  for (guint r = 0; r < RUNS && !g_str_equal (argv[2], "-"); r++)
    {
      g_autoptr(VpcDesign) unplaced = load (argv[2], TRUE);
      gint64 start = g_get_monotonic_time ();

      vpc_layout_auto (unplaced);
      times[r] = bench_ms_since (start);
      n = vpc_design_get_total_elements (unplaced);
      if (r == RUNS - 1)
        g_print ("layout-%u: %.1f ms\n", n, bench_median (times, RUNS));
    }

  /* As the window does when it opens a file. */
  vpc_heap_prepare_for_file (argv[1]);
  placed = load (argv[1], FALSE);
  surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, VIEW_W, VIEW_H);
  validator = vpc_validator_new (placed);
  /* As the window's: deferred, and idle for a while before the user's
   * first edit (it indexes the findings then). */
  vpc_validator_set_deferred (validator, TRUE);
  g_usleep (1200 * 1000);
  while (g_main_context_iteration (NULL, FALSE))
    ;
  if (g_getenv ("BENCH_SCALE_COSTS") != NULL)
    {
      bench_edit_rows (surface, placed, validator, "data-costs", EDIT_DATA);
      cairo_surface_destroy (surface);
      return 0;
    }
  if (g_getenv ("BENCH_SCALE_FRAMES") != NULL) /* for a profiler: frames only */
    {
      for (guint i = 0; i < 20; i++)
        {
          bench_frames (surface, placed, validator);
          bench_pans (surface, placed, validator);
        }
      cairo_surface_destroy (surface);
      return 0;
    }
  if (g_getenv ("BENCH_SCALE_DRAG") != NULL) /* for a profiler: drag frames only */
    {
      for (guint r = 0; r < 10; r++)
        bench_drag (surface, placed, validator);
      cairo_surface_destroy (surface);
      return 0;
    }
  if (g_getenv ("BENCH_SCALE_MOVES") != NULL || g_getenv ("BENCH_SCALE_FIELDS") != NULL
      || g_getenv ("BENCH_SCALE_CONNECTS") != NULL || g_getenv ("BENCH_SCALE_GROUPS") != NULL
      || g_getenv ("BENCH_SCALE_SUBNETS") != NULL || g_getenv ("BENCH_SCALE_DATA") != NULL
      || g_getenv ("BENCH_SCALE_ENDPOINTS") != NULL)
    {
      /* For a profiler: one kind of edit only. */
      Edit edit = g_getenv ("BENCH_SCALE_MOVES") != NULL      ? EDIT_MOVE
                  : g_getenv ("BENCH_SCALE_FIELDS") != NULL   ? EDIT_FIELD
                  : g_getenv ("BENCH_SCALE_CONNECTS") != NULL ? EDIT_CONNECT
                  : g_getenv ("BENCH_SCALE_GROUPS") != NULL   ? EDIT_GROUP
                  : g_getenv ("BENCH_SCALE_SUBNETS") != NULL  ? EDIT_SUBNET
                  : g_getenv ("BENCH_SCALE_DATA") != NULL     ? EDIT_DATA
                                                              : EDIT_ENDPOINT;

      for (guint r = 0; r < 20; r++)
        edit_once (surface, placed, validator, r, edit, NULL, NULL);
      cairo_surface_destroy (surface);
      return 0;
    }
  bench_frames (surface, placed, validator);
  bench_pans (surface, placed, validator);
  bench_edit (surface, placed, validator);
  bench_drag (surface, placed, validator);
  cairo_surface_destroy (surface);
  return 0;
}
