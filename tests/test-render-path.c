/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-render-path.c: where a traced path is drawn over the diagram
 * (vpc-render-path.h), with no display: the hops of known examples, the
 * shape of every way on a design that has them all, and the pixels.
 *
 * VPC_RENDER_SAVE_DIR=DIR saves the pictures drawn. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "vpc-file.h"
#include "vpc-layout.h"
#include "vpc-render.h"
#include "vpc-render-path.h"
#include "vpc-render-private.h"
#include "vpc-trace.h"

#define EXAMPLE "training-cannot-reach-s3-ecr.vpcd.json"

static VpcDesign *
load (const char *dir,
      const char *name)
{
  g_autofree char *path = g_build_filename (dir, name, NULL);
  g_autoptr(GError) error = NULL;
  VpcDesign *design = vpc_file_load_path (path, NULL, &error);

  g_assert_no_error (error);
  g_assert_nonnull (design);
  vpc_layout_auto (design);
  return design;
}

static VpcDesign *
load_example (void)
{
  return load (g_getenv ("VPC_EXAMPLES_DIR"), EXAMPLE);
}

static VpcTrace *
trace_of (VpcDesign  *design,
          const char *workload,
          const char *service)
{
  return vpc_trace_new (design, vpc_design_get_info (design)->profile, workload, service);
}

static void
options_at (VpcRenderOptions *options,
            VpcTheme          theme)
{
  vpc_render_options_init (options);
  options->theme = theme;
  options->offset_x = 40;
  options->offset_y = 60;
}

static void
tile_of (VpcDesign  *design,
         const char *id,
         VpcRect    *tile)
{
  const VpcElement *e = vpc_design_lookup (design, id);

  g_assert_nonnull (e);
  g_assert_true (e->has_layout);
  vpc_render_tile_rect (e, tile);
}

static gboolean
on_border (const VpcRect *r,
           double         x,
           double         y)
{
  gboolean inside
      = x >= r->x - 0.5 && x <= r->x + r->w + 0.5 && y >= r->y - 0.5 && y <= r->y + r->h + 0.5;

  return inside && (fabs (x - r->x) < 0.5 || fabs (x - r->x - r->w) < 0.5 ||
                    fabs (y - r->y) < 0.5 || fabs (y - r->y - r->h) < 0.5);
}

static const VpcPathHop *
hop (const VpcPathLine *line,
     guint              i)
{
  g_assert_cmpuint (i, <, line->hops->len);
  return &g_array_index (line->hops, VpcPathHop, i);
}

static const VpcPoint *
point (const VpcPathLine *line,
       guint              i)
{
  g_assert_cmpuint (i, <, line->points->len);
  return &g_array_index (line->points, VpcPoint, i);
}

static const VpcPoint *
last_point (const VpcPathLine *line)
{
  return point (line, line->points->len - 1);
}

static gboolean
passes (const VpcPathLine *line,
        double             x,
        double             y)
{
  for (guint i = 0; i < line->points->len; i++)
    if (fabs (point (line, i)->x - x) < 0.01 && fabs (point (line, i)->y - y) < 0.01)
      return TRUE;
  return FALSE;
}

static void
assert_centre (const VpcPathHop *h,
               const VpcRect    *r)
{
  g_assert_cmpfloat_with_epsilon (h->x, r->x + r->w / 2, 0.01);
  g_assert_cmpfloat_with_epsilon (h->y, r->y + r->h / 2, 0.01);
}

typedef struct
{
  const char *endpoint, *subnet;
  VpcRect     rect;
  gboolean    found;
} FindMarker;

static void
find_marker_cb (const VpcElement *endpoint,
                const VpcElement *subnet,
                const VpcRect    *rect,
                gpointer          data)
{
  FindMarker *f = data;

  if (strcmp (endpoint->id, f->endpoint) == 0 && strcmp (subnet->id, f->subnet) == 0)
    {
      f->rect = *rect;
      f->found = TRUE;
    }
}

/* The network interface marker of @endpoint in @subnet, as the renderer
 * places it. */
static gboolean
marker_of (VpcDesign              *design,
           const VpcRenderOptions *options,
           const char             *endpoint,
           const char             *subnet,
           VpcRect                *rect)
{
  VpcRenderCtx ctx = { 0 };
  FindMarker f = { endpoint, subnet, { 0 }, FALSE };

  ctx.design = design;
  ctx.info = vpc_design_get_info (design);
  ctx.options = options;
  vpc_render_foreach_eni (&ctx, find_marker_cb, &f);
  *rect = f.rect;
  return f.found;
}

/* Every line: starts on the workload's tile border, hops in order, the
 * subnet hop on the subnet's border, and what the way goes through. */
static void
check_line (VpcDesign              *design,
            const VpcRenderOptions *options,
            const VpcTrace         *trace,
            const VpcPathGeometry  *g,
            const VpcPathLine      *line)
{
  const VpcTracePath *path = g_ptr_array_index (trace->paths, line->path);
  const VpcElement *subnet = vpc_design_lookup (design, path->subnet);
  const char *first = path->through->len > 0 ? g_ptr_array_index (path->through, 0) : NULL;
  const VpcPathEnd *end = g_ptr_array_index (g->ends, line->end);
  VpcRect wtile, tile, marker;
  guint n = 0;

  g_assert_cmpint (line->verdict, ==, vpc_path_verdict (path));
  tile_of (design, trace->workload, &wtile);
  g_assert_cmpint (hop (line, n)->kind, ==, VPC_HOP_WORKLOAD);
  g_assert_cmpstr (hop (line, n)->id, ==, trace->workload);
  assert_centre (hop (line, n++), &wtile);
  g_assert_true (on_border (&wtile, point (line, 0)->x, point (line, 0)->y));

  /* The subnet's port is on its border, or it is the interface of the
   * endpoint inside the subnet. */
  g_assert_cmpint (hop (line, n)->kind, ==, VPC_HOP_SUBNET);
  g_assert_cmpstr (hop (line, n)->id, ==, path->subnet);
  if (!on_border (&subnet->layout, hop (line, n)->x, hop (line, n)->y))
    {
      g_assert_cmpint (hop (line, n + 1)->kind, ==, VPC_HOP_INTERFACE);
      g_assert_cmpfloat_with_epsilon (hop (line, n)->x, hop (line, n + 1)->x, 0.01);
      g_assert_cmpfloat_with_epsilon (hop (line, n)->y, hop (line, n + 1)->y, 0.01);
    }
  g_assert_true (passes (line, hop (line, n)->x, hop (line, n)->y));
  n++;

  switch (path->via)
    {
    case VPC_VIA_INTERFACE_ENDPOINT:
      g_assert_cmpint (hop (line, n)->kind, ==, VPC_HOP_INTERFACE);
      g_assert_cmpstr (hop (line, n)->id, ==, first);
      /* The endpoint's interface in the subnet, else in its AZ. */
      if (!marker_of (design, options, first, path->subnet, &marker))
        {
          const VpcElement *endpoint = vpc_design_lookup (design, first);
          gboolean found = FALSE;

          for (guint i = 0; i < endpoint->subnets->len && !found; i++)
            {
              const VpcElement *other
                  = vpc_design_lookup (design, g_ptr_array_index (endpoint->subnets, i));

              if (g_strcmp0 (other->az, subnet->az) == 0)
                found = marker_of (design, options, first, other->id, &marker);
            }
          if (!found)
            g_assert_true (marker_of (design, options, first,
                                      g_ptr_array_index (endpoint->subnets, 0), &marker));
        }
      assert_centre (hop (line, n), &marker);
      g_assert_true (passes (line, hop (line, n)->x, hop (line, n)->y));
      n++;
      G_GNUC_FALLTHROUGH;
    case VPC_VIA_GATEWAY_ENDPOINT:
    case VPC_VIA_NAT:
      g_assert_cmpint (hop (line, n)->kind, ==,
                       path->via == VPC_VIA_NAT ? VPC_HOP_NAT : VPC_HOP_ENDPOINT);
      g_assert_cmpstr (hop (line, n)->id, ==, first);
      tile_of (design, first, &tile);
      assert_centre (hop (line, n++), &tile);
      /* The line stops at the icon; the badge sits beside it. */
      g_assert_true (on_border (&tile, last_point (line)->x, last_point (line)->y));
      g_assert_false (end->cross);
      g_assert_true (end->badge.x >= tile.x + tile.w || end->badge.x + end->badge.w <= tile.x);
      g_assert_cmpfloat (end->badge.y, <, tile.y + tile.h);
      g_assert_cmpfloat (end->badge.y + end->badge.h, >, tile.y);
      break;
    case VPC_VIA_INTERNET:
      g_assert_false (end->cross);
      break;
    case VPC_VIA_NONE:
      /* The line ends at the subnet, with a ✗. */
      g_assert_true (end->cross);
      g_assert_cmpfloat_with_epsilon (end->x, last_point (line)->x, 0.01);
      g_assert_cmpfloat_with_epsilon (end->y, last_point (line)->y, 0.01);
      g_assert_true (on_border (&subnet->layout, end->x, end->y));
      break;
    case VPC_VIA_PLATFORM:
    default:
      g_assert_not_reached ();
    }
  g_assert_cmpint (hop (line, n)->kind, ==, VPC_HOP_SERVICE);
  g_assert_cmpstr (hop (line, n)->id, ==, trace->service);
  assert_centre (hop (line, n++), &end->badge);
  g_assert_cmpuint (n, ==, line->hops->len);
  g_assert_true (g_str_has_prefix (end->label, trace->service));
}

static void
check_geometry (VpcDesign              *design,
                const VpcRenderOptions *options,
                const VpcTrace         *trace,
                const VpcPathGeometry  *g)
{
  g_assert_cmpuint (g->lines->len, ==, trace->paths->len);
  for (guint i = 0; i < g->lines->len; i++)
    {
      const VpcPathLine *line = g_ptr_array_index (g->lines, i);

      g_assert_cmpuint (line->path, ==, i);
      check_line (design, options, trace, g, line);
    }
  /* Every blocking element is one a problem of the trace names. */
  for (guint i = 0; i < g->blocking->len; i++)
    {
      gboolean named = FALSE;

      for (guint p = 0; p < trace->paths->len && !named; p++)
        {
          const VpcTracePath *path = g_ptr_array_index (trace->paths, p);

          for (guint k = 0; k < path->problems->len && !named; k++)
            named = g_strcmp0 (vpc_trace_problem_element (g_ptr_array_index (path->problems, k)),
                               g_ptr_array_index (g->blocking, i)) == 0;
        }
      g_assert_true (named);
    }
}

/* --- pixels ------------------------------------------------------------- */

static cairo_surface_t *
draw (VpcDesign              *design,
      const VpcRenderOptions *options,
      const VpcPathGeometry  *g,
      const char             *save_as)
{
  const char *dir = g_getenv ("VPC_RENDER_SAVE_DIR");
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 1100, 700);
  cairo_t *cr = cairo_create (surface);

  vpc_render_design (cr, design, options);
  if (g != NULL)
    vpc_render_path (cr, design, options, g);
  g_assert_cmpint (cairo_status (cr), ==, CAIRO_STATUS_SUCCESS);
  cairo_destroy (cr);
  cairo_surface_flush (surface);
  if (dir != NULL && save_as != NULL)
    {
      g_autofree char *path = g_build_filename (dir, save_as, NULL);

      cairo_surface_write_to_png (surface, path);
    }
  return surface;
}

static void
pixel_at (cairo_surface_t        *surface,
          const VpcRenderOptions *options,
          double                  x,
          double                  y,
          VpcColor               *out)
{
  const guint8 *data = cairo_image_surface_get_data (surface);
  int px = (int) floor (x * options->scale + options->offset_x);
  int py = (int) floor (y * options->scale + options->offset_y);
  guint32 v = *(const guint32 *) (data + py * cairo_image_surface_get_stride (surface) + px * 4);

  *out = (VpcColor) { (v >> 16 & 0xff) / 255.0, (v >> 8 & 0xff) / 255.0, (v & 0xff) / 255.0 };
}

static void
assert_color (const VpcColor *got,
              const VpcColor *want)
{
  g_assert_cmpfloat (fabs (got->r - want->r), <, 0.05);
  g_assert_cmpfloat (fabs (got->g - want->g), <, 0.05);
  g_assert_cmpfloat (fabs (got->b - want->b), <, 0.05);
}

/* The middle of the line's longest segment: a point only the line covers. */
static void
line_middle (const VpcPathLine *line,
             double            *x,
             double            *y)
{
  double best = -1;

  for (guint i = 0; i + 1 < line->points->len; i++)
    {
      const VpcPoint *a = point (line, i), *b = point (line, i + 1);
      double len = hypot (b->x - a->x, b->y - a->y);

      if (len > best)
        {
          best = len;
          *x = (a->x + b->x) / 2;
          *y = (a->y + b->y) / 2;
        }
    }
}

/* --- tests -------------------------------------------------------------- */

/* The example of the brief: no way to S3 from either subnet. */
static void
test_example_broken (void)
{
  g_autoptr(VpcDesign) design = load_example ();
  g_autoptr(VpcTrace) trace = trace_of (design, "train", "s3");
  g_autoptr(VpcPathGeometry) g = NULL;
  const VpcElement *a = vpc_design_lookup (design, "private-a");
  const VpcElement *b = vpc_design_lookup (design, "private-b");
  const VpcThemeColors *pal = vpc_theme_get_colors (VPC_THEME_LIGHT);
  VpcRenderOptions options;
  const VpcPathLine *line;
  const VpcPathEnd *end;
  cairo_surface_t *surface;
  VpcColor got;
  double x, y;

  options_at (&options, VPC_THEME_LIGHT);
  g = vpc_render_path_geometry (design, &options, trace);
  check_geometry (design, &options, trace, g);
  g_assert_cmpuint (g->lines->len, ==, 2);
  g_assert_cmpuint (g->ends->len, ==, 2);

  /* Private A holds the job's icon: its line leaves by the nearest side
   * (the left border, level with the icon) and ends there. */
  line = g_ptr_array_index (g->lines, 0);
  g_assert_cmpint (line->verdict, ==, VPC_PATH_NONE);
  g_assert_cmpuint (line->hops->len, ==, 3);
  g_assert_cmpfloat_with_epsilon (hop (line, 1)->x, a->layout.x, 0.01);
  g_assert_cmpfloat_with_epsilon (hop (line, 1)->y, hop (line, 0)->y, 0.01);
  end = g_ptr_array_index (g->ends, line->end);
  g_assert_true (end->cross);
  g_assert_cmpstr (end->label, ==, "s3 \xe2\x9c\x97");

  /* Private B, in the other AZ: along the job's connector to its port. */
  line = g_ptr_array_index (g->lines, 1);
  g_assert_cmpint (line->verdict, ==, VPC_PATH_NONE);
  g_assert_true (on_border (&b->layout, hop (line, 1)->x, hop (line, 1)->y));
  g_assert_cmpfloat (line->points->len, >=, 2);

  /* The finding that blocks it names the job. */
  g_assert_cmpuint (g->blocking->len, ==, 1);
  g_assert_cmpstr (g_ptr_array_index (g->blocking, 0), ==, "train");

  /* Red where the lines run, and red in the ✗ discs. */
  surface = draw (design, &options, g, "path-broken.png");
  for (guint i = 0; i < g->lines->len; i++)
    {
      line = g_ptr_array_index (g->lines, i);
      line_middle (line, &x, &y);
      pixel_at (surface, &options, x, y, &got);
      assert_color (&got, &pal->error);
      end = g_ptr_array_index (g->ends, line->end);
      pixel_at (surface, &options, end->x, end->y + 7, &got);
      assert_color (&got, &pal->error);
    }
  cairo_surface_destroy (surface);
}

/* STS through its interface endpoint, from both subnets, in both themes. */
static void
test_example_reachable (void)
{
  g_autoptr(VpcDesign) design = load_example ();
  g_autoptr(VpcTrace) trace = trace_of (design, "train", "sts");

  for (VpcTheme theme = VPC_THEME_LIGHT; theme <= VPC_THEME_DARK; theme++)
    {
      g_autoptr(VpcPathGeometry) g = NULL;
      const VpcThemeColors *pal = vpc_theme_get_colors (theme);
      VpcRenderOptions options;
      VpcRect marker, tile;
      cairo_surface_t *surface;
      VpcColor got;
      double x, y;

      options_at (&options, theme);
      g = vpc_render_path_geometry (design, &options, trace);
      check_geometry (design, &options, trace, g);
      g_assert_cmpuint (g->lines->len, ==, 2);
      /* Both lines end at the one endpoint: one badge. */
      g_assert_cmpuint (g->ends->len, ==, 1);
      g_assert_cmpstr (((VpcPathEnd *) g_ptr_array_index (g->ends, 0))->label, ==,
                       "sts \xe2\x9c\x93");
      g_assert_cmpuint (g->blocking->len, ==, 0);
      tile_of (design, "ep-sts", &tile);
      for (guint i = 0; i < 2; i++)
        {
          const VpcPathLine *line = g_ptr_array_index (g->lines, i);
          const char *subnet = i == 0 ? "private-a" : "private-b";

          g_assert_cmpint (line->verdict, ==, VPC_PATH_OK);
          g_assert_cmpuint (line->hops->len, ==, 5);
          /* Each subnet's own interface of the endpoint. */
          g_assert_true (marker_of (design, &options, "ep-sts", subnet, &marker));
          assert_centre (hop (line, 2), &marker);
          assert_centre (hop (line, 3), &tile);
        }

      surface = draw (design, &options, g, theme == VPC_THEME_DARK ? "path-reachable-dark.png"
                                                                  : "path-reachable.png");
      line_middle (g_ptr_array_index (g->lines, 1), &x, &y);
      pixel_at (surface, &options, x, y, &got);
      assert_color (&got, &pal->reachable);
      cairo_surface_destroy (surface);
    }
}

/* Every way of tests/data/trace/ways.vpcd.json, laid out automatically,
 * for each workload and service traced there. */
static void
test_every_way (void)
{
  static const struct { const char *workload, *service; } cases[] = {
    { "train", "ecr.api" }, { "train", "logs" }, { "train", "s3" }, { "train", "sagemaker.api" },
    { "train", "sts" }, { "nb", "s3" }, { "nb", "logs" }, { "app", "dynamodb" },
    { "app", "sagemaker.runtime" }, { "iso", "s3" }, { "iso", "logs" },
  };
  g_autofree char *dir = g_test_build_filename (G_TEST_DIST, "data", "trace", NULL);
  g_autoptr(VpcDesign) design = load (dir, "ways.vpcd.json");
  guint seen[VPC_VIA_PLATFORM + 1] = { 0 };
  VpcRenderOptions options;

  options_at (&options, VPC_THEME_LIGHT);
  for (guint c = 0; c < G_N_ELEMENTS (cases); c++)
    {
      g_autoptr(VpcTrace) trace = trace_of (design, cases[c].workload, cases[c].service);
      g_autoptr(VpcPathGeometry) g = vpc_render_path_geometry (design, &options, trace);
      g_autofree char *name
          = g_strdup_printf ("path-ways-%s-%s.png", cases[c].workload, cases[c].service);
      cairo_surface_t *surface;

      check_geometry (design, &options, trace, g);
      for (guint i = 0; i < trace->paths->len; i++)
        seen[((VpcTracePath *) g_ptr_array_index (trace->paths, i))->via]++;
      surface = draw (design, &options, g, name);
      cairo_surface_destroy (surface);
    }
  /* The design has them all. */
  for (VpcVia via = VPC_VIA_NONE; via < VPC_VIA_PLATFORM; via++)
    g_assert_cmpuint (seen[via], >, 0);
}

/* A workload outside the VPC: one line up to the badge over its icon. */
static void
test_platform (void)
{
  g_autofree char *dir = g_test_build_filename (G_TEST_DIST, "data", "trace", NULL);
  g_autoptr(VpcDesign) design = load (dir, "ways.vpcd.json");
  g_autoptr(VpcTrace) trace = trace_of (design, "outside", "s3");
  g_autoptr(VpcPathGeometry) g = NULL;
  VpcRenderOptions options;
  const VpcPathLine *line;
  const VpcPathEnd *end;
  VpcRect tile;

  g_assert_cmpint (trace->via, ==, VPC_VIA_PLATFORM);
  options_at (&options, VPC_THEME_LIGHT);
  g = vpc_render_path_geometry (design, &options, trace);
  g_assert_cmpuint (g->lines->len, ==, 1);
  line = g_ptr_array_index (g->lines, 0);
  g_assert_cmpuint (line->path, ==, G_MAXUINT);
  g_assert_cmpint (line->verdict, ==, VPC_PATH_OK);
  g_assert_cmpint (hop (line, 0)->kind, ==, VPC_HOP_WORKLOAD);
  g_assert_cmpint (hop (line, 1)->kind, ==, VPC_HOP_SERVICE);
  end = g_ptr_array_index (g->ends, 0);
  tile_of (design, "outside", &tile);
  g_assert_cmpfloat (end->badge.y + end->badge.h, <=, tile.y);
}

/* During a drag the line follows the preview, and the badge can be hit. */
static void
test_follows_preview (void)
{
  g_autoptr(VpcDesign) design = load_example ();
  g_autoptr(VpcTrace) trace = trace_of (design, "train", "sts");
  g_autoptr(GHashTable) overrides = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, g_free);
  g_autoptr(VpcPathGeometry) g = NULL;
  const VpcElement *endpoint = vpc_design_lookup (design, "ep-sts");
  VpcRect *moved = g_new (VpcRect, 1);
  const VpcPathLine *line;
  const VpcPathEnd *end;
  VpcRenderOptions options;
  VpcElement shadow;
  VpcRect tile;

  *moved = endpoint->layout;
  moved->x += 200;
  moved->y += 60;
  g_hash_table_insert (overrides, (gpointer) "ep-sts", moved);
  options_at (&options, VPC_THEME_LIGHT);
  options.overrides = overrides;
  g = vpc_render_path_geometry (design, &options, trace);
  shadow = *endpoint;
  shadow.layout = *moved;
  vpc_render_tile_rect (&shadow, &tile);
  line = g_ptr_array_index (g->lines, 0);
  assert_centre (hop (line, 3), &tile);
  g_assert_true (on_border (&tile, last_point (line)->x, last_point (line)->y));

  end = g_ptr_array_index (g->ends, 0);
  g_assert_cmpint (vpc_path_geometry_hit_end (g, end->badge.x + 2, end->badge.y + 2), ==, 0);
  g_assert_cmpint (vpc_path_geometry_hit_end (g, tile.x + 2, tile.y + tile.h - 2), ==, -1);
}

int
main (int    argc,
      char **argv)
{
  int status;

  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/render/path/example-broken", test_example_broken);
  g_test_add_func ("/render/path/example-reachable", test_example_reachable);
  g_test_add_func ("/render/path/every-way", test_every_way);
  g_test_add_func ("/render/path/platform", test_platform);
  g_test_add_func ("/render/path/follows-preview", test_follows_preview);
  status = g_test_run ();
  vpc_render_clear_caches ();
  return status;
}
