/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-render.c: the renderer draws what a reader checks, with no display. */
#include <glib/gstdio.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "render-designs.h"
#include "vpc-render.h"
#include "vpc-render-cache.h"
#include "vpc-export.h"
#include "vpc-file.h"
#include "vpc-finding.h"
#include "vpc-render-private.h"
#include "vpc-render-routes.h"
#include "vpc-cost.h"
#include "vpc-validator.h"
#include <locale.h>
#include <string.h>

typedef struct
{
  guint8 r, g, b;
} Pixel;

static cairo_surface_t *
render (VpcDesign              *design,
        const VpcRenderOptions *options,
        int                     width,
        int                     height)
{
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, width, height);
  cairo_t *cr = cairo_create (surface);

  vpc_render_design (cr, design, options);
  g_assert_cmpint (cairo_status (cr), ==, CAIRO_STATUS_SUCCESS);
  cairo_destroy (cr);
  cairo_surface_flush (surface);
  return surface;
}

static Pixel
pixel_at (cairo_surface_t *surface,
          int              x,
          int              y)
{
  const guint8 *data = cairo_image_surface_get_data (surface);
  guint32 v = *(const guint32 *) (data + y * cairo_image_surface_get_stride (surface) + x * 4);

  return (Pixel) { v >> 16 & 0xff, v >> 8 & 0xff, v & 0xff };
}

static double
luminance (Pixel p)
{
  return (0.2126 * p.r + 0.7152 * p.g + 0.0722 * p.b) / 255.0;
}

/* Renders the whole design fitted at @scale. */
static cairo_surface_t *
render_fitted (VpcDesign *design,
               VpcTheme   theme,
               double     scale,
               double    *ox,
               double    *oy)
{
  VpcRenderOptions options;
  double x, y, w, h;

  vpc_render_options_init (&options);
  options.theme = theme;
  options.scale = scale;
  vpc_render_get_bounds (design, &options, &x, &y, &w, &h);
  options.offset_x = *ox = (20 - x) * scale;
  options.offset_y = *oy = (20 - y) * scale;
  return render (design, &options, (int) ceil ((w + 40) * scale), (int) ceil ((h + 40) * scale));
}

static void
maybe_save (cairo_surface_t *surface,
            const char      *name)
{
  const char *dir = g_getenv ("VPC_RENDER_SAVE_DIR");
  g_autofree char *path = NULL;

  if (dir == NULL)
    return;
  path = g_build_filename (dir, name, NULL);
  cairo_surface_write_to_png (surface, path);
}

static void
test_theme_backgrounds (void)
{
  g_autoptr(VpcDesign) design = render_design_demo ();
  double ox, oy;
  cairo_surface_t *light = render_fitted (design, VPC_THEME_LIGHT, 1.0, &ox, &oy);
  cairo_surface_t *dark = render_fitted (design, VPC_THEME_DARK, 1.0, &ox, &oy);

  maybe_save (light, "demo-light.png");
  maybe_save (dark, "demo-dark.png");
  g_assert_cmpfloat (luminance (pixel_at (light, 2, 2)), >, 0.9);
  g_assert_cmpfloat (luminance (pixel_at (dark, 2, 2)), <, 0.2);
  cairo_surface_destroy (light);
  cairo_surface_destroy (dark);
}

static void
test_hit_test_order (void)
{
  g_autoptr(VpcDesign) design = render_design_demo ();
  const VpcElement *w = vpc_design_lookup (design, "train-1");
  const VpcElement *sn = vpc_design_lookup (design, "sn-train-a");
  const VpcElement *az = vpc_design_lookup (design, "az-a");

  g_assert_nonnull (w);
  g_assert_true (w->has_layout && sn->has_layout && az->has_layout);
  /* The icon sits inside the subnet inside the AZ: the icon wins. */
  g_assert_cmpstr (vpc_render_hit_test (design, w->layout.x + 5, w->layout.y + 5), ==, "train-1");
  g_assert_cmpstr (
      vpc_render_hit_test (design, sn->layout.x + 3, sn->layout.y + sn->layout.h / 2 - 30), ==,
      "sn-train-a");
  g_assert_cmpstr (vpc_render_hit_test (design, az->layout.x + 3, az->layout.y + 3), ==, "az-a");
  g_assert_null (vpc_render_hit_test (design, -1000, -1000));
}


static gboolean
near_color (Pixel  p,
            guint32 rgb,
            int     tolerance)
{
  return abs (p.r - (int) (rgb >> 16 & 0xff)) <= tolerance &&
         abs (p.g - (int) (rgb >> 8 & 0xff)) <= tolerance &&
         abs (p.b - (int) (rgb & 0xff)) <= tolerance;
}

/* An error on an element puts a red badge on its rectangle. */
static void
test_error_badge (void)
{
  g_autoptr(VpcDesign) design = render_design_demo ();
  g_autoptr(GListStore) findings = g_list_store_new (VPC_TYPE_FINDING);
  const char *const ids[] = { "train-1", NULL };
  g_autoptr(VpcFinding) f = vpc_finding_new ("VPC101", VPC_SEVERITY_ERROR, "no S3 path", ids, NULL);
  const VpcElement *w = vpc_design_lookup (design, "train-1");
  VpcRenderOptions options;
  cairo_surface_t *with, *without;
  /* The badge's middle sits on the icon tile's top-right corner (44 wide,
   * centred in the cell); sample left of the digit. */
  double tile_x = w->layout.x + (w->layout.w - 44) / 2;
  double bx = tile_x + 44 - 6, by = w->layout.y + 1;

  g_list_store_append (findings, f);
  vpc_render_options_init (&options);
  options.offset_x = 20;
  options.offset_y = 20;
  g_assert_true (bx > w->layout.x && bx < w->layout.x + w->layout.w);
  g_assert_true (by > w->layout.y && by < w->layout.y + w->layout.h);

  without = render (design, &options, 1000, 900);
  options.findings = G_LIST_MODEL (findings);
  with = render (design, &options, 1000, 900);
  maybe_save (with, "badge.png");
  g_assert_true (near_color (pixel_at (with, 20 + bx, 20 + by), 0xd91515, 12));
  g_assert_false (near_color (pixel_at (without, 20 + bx, 20 + by), 0xd91515, 40));
  /* Another element's corner stays clean. */
  w = vpc_design_lookup (design, "app-1");
  tile_x = w->layout.x + (w->layout.w - 44) / 2;
  g_assert_false (
      near_color (pixel_at (with, 20 + tile_x + 38, 20 + w->layout.y + 1), 0xd91515, 40));
  cairo_surface_destroy (with);
  cairo_surface_destroy (without);
}

static void
test_selection_and_cull (void)
{
  g_autoptr(VpcDesign) design = render_design_demo ();
  g_autoptr(GHashTable) selection = g_hash_table_new (g_str_hash, g_str_equal);
  const VpcElement *sn = vpc_design_lookup (design, "sn-public");
  VpcRenderOptions options;
  cairo_surface_t *surface;

  g_hash_table_add (selection, (gpointer) "sn-public");
  vpc_render_options_init (&options);
  options.selection = selection;
  options.offset_x = 20;
  options.offset_y = 20;
  surface = render (design, &options, 1000, 900);
  /* The selection outline runs 2 units outside the subnet. */
  g_assert_true (near_color (pixel_at (surface, 20 + sn->layout.x + sn->layout.w / 2,
                                       20 + sn->layout.y + sn->layout.h + 2), 0x3584e4, 40));
  cairo_surface_destroy (surface);

  /* A clip far from the design draws the background only. */
  options.clip_x = 50000;
  options.clip_y = 50000;
  options.clip_w = 100;
  options.clip_h = 100;
  options.show_grid = FALSE;
  surface = render (design, &options, 1000, 900);
  g_assert_true (
      near_color (pixel_at (surface, 20 + sn->layout.x + 10, 20 + sn->layout.y + 10), 0xffffff, 0));
  cairo_surface_destroy (surface);
}

/* A frame drawn through the render index (a clip given) equals the same
 * frame drawn by walking every element: zoomed out (tiles only, most
 * elements in view: the index answers through its bitmap) and at 100 %
 * (a few elements: it sorts them). */
static void
test_cull_same_picture (void)
{
  g_autoptr(VpcDesign) design = render_design_large (6000);
  const int width = 640, height = 400;
  double x, y, w, h, scales[2];

  vpc_render_get_bounds (design, NULL, &x, &y, &w, &h);
  g_assert_cmpuint (vpc_design_get_n_elements (design, VPC_KIND_WORKLOAD), >=, 1024);
  /* Half the design across, or 100 %. */
  scales[0] = width / (w / 2);
  scales[1] = 1.0;
  g_assert_cmpfloat (scales[0], <, VPC_RENDER_LOD_SCALE);
  for (guint i = 0; i < G_N_ELEMENTS (scales); i++)
    {
      VpcRenderOptions options;
      cairo_surface_t *culled, *walked;

      vpc_render_options_init (&options);
      options.scale = scales[i];
      /* The view in the middle: parts of the design lie on every side.
       * The clip is in world units, the offsets in pixels. */
      options.clip_w = width / scales[i];
      options.clip_h = height / scales[i];
      options.clip_x = x + (w - options.clip_w) / 2;
      options.clip_y = y + (h - options.clip_h) / 2;
      options.offset_x = -options.clip_x * scales[i];
      options.offset_y = -options.clip_y * scales[i];
      culled = render (design, &options, width, height);
      options.clip_w = options.clip_h = 0;
      walked = render (design, &options, width, height);
      g_assert_cmpint (memcmp (cairo_image_surface_get_data (culled),
                               cairo_image_surface_get_data (walked),
                               (gsize) cairo_image_surface_get_stride (culled) * height),
                       ==, 0);
      cairo_surface_destroy (culled);
      cairo_surface_destroy (walked);
    }
}

static gboolean
same_pixels (cairo_surface_t *a,
             cairo_surface_t *b)
{
  return memcmp (cairo_image_surface_get_data (a), cairo_image_surface_get_data (b),
                 (gsize) cairo_image_surface_get_stride (a) * cairo_image_surface_get_height (a))
         == 0;
}

/* After moves (into the view, out of it, within it; workloads, subnets
 * and groups; some undone), a frame drawn through the render index,
 * which takes in only what moved, and the routes updated in place still
 * equal the frame drawn by walking every element. */
static void
test_cull_after_moves (void)
{
  g_autoptr(VpcDesign) design = render_design_large (6000);
  g_autoptr(GRand) rand = g_rand_new_with_seed (5);
  const int width = 640, height = 400;
  static const VpcKind kinds[] = { VPC_KIND_WORKLOAD, VPC_KIND_SUBNET, VPC_KIND_SECURITY_GROUP };
  VpcRenderOptions options;
  double x, y, w, h;

  _vpc_routes_set_update_min_routes (0);
  vpc_render_get_bounds (design, NULL, &x, &y, &w, &h);
  /* Workloads in a block right of the design, each with a line to its
   * subnet: enough routes for the index; the view where they come in. */
  vpc_design_begin (design, "Move out");
  for (guint i = 0; i < 700; i++)
    {
      VpcRect r = vpc_design_get_element (design, VPC_KIND_WORKLOAD, i)->layout;

      r.x = x + w + 200 + (i % 25) * 90;
      r.y = y + (i / 25) * 110;
      vpc_design_set_layout (design, VPC_KIND_WORKLOAD, i, &r);
    }
  g_assert_true (vpc_design_commit (design));
  vpc_render_options_init (&options);
  options.clip_w = width;
  options.clip_h = height;
  options.clip_x = x + w - width / 2;
  options.clip_y = y + 100;
  options.offset_x = -options.clip_x;
  options.offset_y = -options.clip_y;
  for (guint step = 0; step < 36; step++)
    {
      VpcKind kind = kinds[g_rand_int_range (rand, 0, G_N_ELEMENTS (kinds))];
      cairo_surface_t *culled, *walked;
      VpcRenderOptions walk = options;
      guint index;
      VpcRect r;

      /* Every third a workload with a line comes into the view, else
       * half the time one of them moves. */
      if (step % 3 == 0)
        kind = VPC_KIND_WORKLOAD;
      index = kind == VPC_KIND_WORKLOAD && (step % 3 == 0 || g_rand_boolean (rand))
                        ? (guint) g_rand_int_range (rand, 0, 700)
                        : (guint) g_rand_int_range (rand, 0, vpc_design_get_n_elements (design, kind));
      r = vpc_design_get_element (design, kind, index)->layout;
      /* Drawn (the index made or taken in) before each move. */
      cairo_surface_destroy (render (design, &options, width, height));
      if (step % 3 == 0)
        {
          /* From anywhere into the view. */
          r.x = options.clip_x + g_rand_double_range (rand, 0, width - r.w);
          r.y = options.clip_y + g_rand_double_range (rand, 0, height - r.h);
        }
      else
        {
          r.x += g_rand_double_range (rand, -300, 300);
          r.y += g_rand_double_range (rand, -300, 300);
        }
      vpc_design_set_layout (design, kind, index, &r);
      if (step % 5 == 4)
        vpc_design_undo (design);
      culled = render (design, &options, width, height);
      walk.clip_w = walk.clip_h = 0;
      walked = render (design, &walk, width, height);
      g_assert_true (same_pixels (culled, walked));
      cairo_surface_destroy (culled);
      cairo_surface_destroy (walked);
    }
  /* A drag preview draws the kept routes and routes the dragged ones,
   * and the index answers the stand-in where it is drawn. */
  {
    g_autoptr(GHashTable) overrides = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, g_free);
    /* From the far end of the block, well out of the view. */
    const VpcElement *dragged = vpc_design_get_element (design, VPC_KIND_WORKLOAD, 699);
    VpcRect *r = g_memdup2 (&dragged->layout, sizeof *r);

    r->x = options.clip_x + width / 2;
    r->y = options.clip_y + height / 2;
    VpcRenderOptions walk;
    cairo_surface_t *culled, *walked;

    g_hash_table_insert (overrides, dragged->id, r);
    options.overrides = overrides;
    walk = options;
    walk.clip_w = walk.clip_h = 0;
    culled = render (design, &options, width, height);
    walked = render (design, &walk, width, height);
    g_assert_true (same_pixels (culled, walked));
    cairo_surface_destroy (culled);
    cairo_surface_destroy (walked);
    options.overrides = NULL;
  }
  _vpc_routes_set_update_min_routes (2048);
}

/* The page's bounds (kept on the design between drawings) follow an
 * element moved past the edge, and its undo. */
static void
test_bounds_follow_edits (void)
{
  g_autoptr(VpcDesign) design = render_design_demo ();
  const VpcElement *workload = vpc_design_get_element (design, VPC_KIND_WORKLOAD, 0);
  g_autoptr(VpcElement) moved = vpc_element_copy (workload);
  double x, y, w, h, w2;

  vpc_render_get_bounds (design, NULL, &x, &y, &w, &h);
  vpc_render_get_bounds (design, NULL, &x, &y, &w2, &h);
  g_assert_cmpfloat (w2, ==, w);
  moved->layout.x = x + w + 2000;
  g_assert_true (vpc_design_replace_element (design, g_steal_pointer (&moved)));
  vpc_render_get_bounds (design, NULL, &x, &y, &w2, &h);
  g_assert_cmpfloat (w2, >, w + 1900);
  g_assert_true (vpc_design_undo (design));
  vpc_render_get_bounds (design, NULL, &x, &y, &w2, &h);
  g_assert_cmpfloat (w2, ==, w);
}

static guint32
argb_at (cairo_surface_t *surface,
         int              x,
         int              y)
{
  const guint8 *data = cairo_image_surface_get_data (surface);

  return *(const guint32 *) (data + y * cairo_image_surface_get_stride (surface) + x * 4);
}

/* The cairo painter's pixel operations: a tile with a border and no fill
 * leaves its inside alone; a dot is opaque inside, blended on its edge,
 * absent outside, and clipped at the image's border. */
static void
test_painter_pixels (void)
{
  static const VpcColor red = { 1, 0, 0 }, blue = { 0, 0, 1 };
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 40, 40);
  cairo_t *cr = cairo_create (surface);
  VpcPainter *p = vpc_painter_cairo_new (cr, 1.0, FALSE);
  guint32 edge;

  vpc_painter_tile (p, 4, 4, 10, 10, NULL, &red, 2);
  vpc_painter_dot (p, 30.5, 30.5, 4, &blue);
  vpc_painter_dot (p, 0.5, 0.5, 4, &blue);
  vpc_painter_free (p);
  cairo_destroy (cr);
  cairo_surface_flush (surface);

  g_assert_cmphex (argb_at (surface, 4, 4), ==, 0xffff0000);
  g_assert_cmphex (argb_at (surface, 5, 9), ==, 0xffff0000);
  g_assert_cmphex (argb_at (surface, 13, 9), ==, 0xffff0000);
  g_assert_cmphex (argb_at (surface, 9, 9), ==, 0);
  g_assert_cmphex (argb_at (surface, 14, 14), ==, 0);

  g_assert_cmphex (argb_at (surface, 30, 30), ==, 0xff0000ff);
  g_assert_cmphex (argb_at (surface, 27, 30), ==, 0xff0000ff);
  g_assert_cmphex (argb_at (surface, 30, 24), ==, 0);
  g_assert_cmphex (argb_at (surface, 36, 36), ==, 0);
  /* Premultiplied blue at part coverage, 4.3 pixels out at 45°. */
  edge = argb_at (surface, 33, 33);
  g_assert_cmpuint (edge >> 24, >, 0);
  g_assert_cmpuint (edge >> 24, <, 255);
  g_assert_cmphex (edge & 0x00ffff00, ==, 0);
  g_assert_cmpuint (edge & 0xff, ==, edge >> 24);

  g_assert_cmphex (argb_at (surface, 0, 0), ==, 0xff0000ff);
  g_assert_cmphex (argb_at (surface, 3, 0), ==, 0xff0000ff);
  cairo_surface_destroy (surface);
}

/* The whole design zoomed out with its findings' marks: the frame drawn
 * from the index's boxes and its kept list of marked elements equals the
 * one drawn by walking every element, and after an edit changes the
 * findings the kept list follows them. */
static void
test_low_zoom_marks (void)
{
  g_autoptr(VpcDesign) design = render_design_large (1000);
  g_autoptr(VpcValidator) validator = vpc_validator_new (design);
  const int width = 640, height = 400;
  VpcRenderOptions options;
  cairo_surface_t *frames[2][3];
  double x, y, w, h;

  vpc_render_get_bounds (design, NULL, &x, &y, &w, &h);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (validator)), >, 0);
  vpc_render_options_init (&options);
  options.scale = MIN (width / w, height / h);
  g_assert_cmpfloat (options.scale, <, VPC_RENDER_LOD_SCALE);
  options.offset_x = -x * options.scale;
  options.offset_y = -y * options.scale;
  /* Enough workloads for the index to answer with its boxes. */
  g_assert_cmpuint (vpc_design_get_n_elements (design, VPC_KIND_WORKLOAD), >=, 512);
  for (guint step = 0; step < 2; step++)
    {
      /* A workload with findings goes, and its marks with it. */
      if (step == 1)
        {
          g_autoptr(GPtrArray) found = vpc_validator_findings_for (validator, "wl-0-0");

          g_assert_cmpuint (found->len, >, 0);
          g_assert_true (vpc_design_remove_element (design, "wl-0-0"));
        }
      options.findings = G_LIST_MODEL (validator);
      options.clip_x = x;
      options.clip_y = y;
      options.clip_w = width / options.scale;
      options.clip_h = height / options.scale;
      frames[step][0] = render (design, &options, width, height);
      /* Twice: the second from the kept lists. */
      cairo_surface_destroy (frames[step][0]);
      frames[step][0] = render (design, &options, width, height);
      options.clip_w = options.clip_h = 0;
      frames[step][1] = render (design, &options, width, height);
      options.findings = NULL;
      frames[step][2] = render (design, &options, width, height);
      g_assert_true (same_pixels (frames[step][0], frames[step][1]));
      /* The marks show. */
      g_assert_false (same_pixels (frames[step][1], frames[step][2]));
    }
  g_assert_false (same_pixels (frames[0][0], frames[1][0]));
  for (guint step = 0; step < 2; step++)
    for (guint i = 0; i < 3; i++)
      cairo_surface_destroy (frames[step][i]);
}

/* One frame drawn by @draw (a vpc_render_cache_draw*() function) through
 * @cache at @options' view, in @frame; what @draw returned. */
static gboolean
render_through (gboolean (*draw) (VpcRenderCache *, cairo_t *, VpcDesign *,
                                  const VpcRenderOptions *, int, int),
                VpcRenderCache         *cache,
                VpcDesign              *design,
                const VpcRenderOptions *options,
                int                     width,
                int                     height,
                cairo_surface_t       **frame)
{
  cairo_t *cr;
  gboolean result;

  *frame = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, width, height);
  cr = cairo_create (*frame);
  result = draw (cache, cr, design, options, width, height);
  g_assert_cmpint (cairo_status (cr), ==, CAIRO_STATUS_SUCCESS);
  cairo_destroy (cr);
  cairo_surface_flush (*frame);
  return result;
}

/* One frame through @cache at @options' view; whether the kept picture
 * served, and the frame in @frame. */
static gboolean
render_cached (VpcRenderCache         *cache,
               VpcDesign              *design,
               const VpcRenderOptions *options,
               int                     width,
               int                     height,
               cairo_surface_t       **frame)
{
  return render_through (vpc_render_cache_draw, cache, design, options, width, height, frame);
}

/* The view at @options' scale with its top-left corner at device offset
 * (@ox, @oy). */
static void
set_view (VpcRenderOptions *options,
          double            ox,
          double            oy,
          int               width,
          int               height)
{
  options->offset_x = ox;
  options->offset_y = oy;
  options->clip_x = -ox / options->scale;
  options->clip_y = -oy / options->scale;
  options->clip_w = width / options->scale;
  options->clip_h = height / options->scale;
}

/* The frame through the cache is the frame drawn directly; whether the
 * cache's picture served it. */
static gboolean
cached_as_drawn (VpcRenderCache         *cache,
                 VpcDesign              *design,
                 const VpcRenderOptions *options,
                 int                     width,
                 int                     height)
{
  cairo_surface_t *cached, *direct = render (design, options, width, height);
  gboolean kept = render_cached (cache, design, options, width, height, &cached);

  g_assert_true (same_pixels (cached, direct));
  cairo_surface_destroy (cached);
  cairo_surface_destroy (direct);
  return kept;
}

/* A large design zoomed out comes from the canvas's cache when only the
 * view moved by whole pixels, and is drawn again when anything it shows
 * changes; either way the frame is the one drawn directly. */
static void
test_cache_pans (void)
{
  g_autoptr(VpcDesign) design = render_design_large (6000);
  g_autoptr(VpcRenderCache) cache = vpc_render_cache_new ();
  g_autoptr(GListStore) findings = g_list_store_new (VPC_TYPE_FINDING);
  g_autoptr(GHashTable) selection = g_hash_table_new (g_str_hash, g_str_equal);
  const int width = 640, height = 400;
  const VpcElement *workload;
  VpcRenderOptions options;
  double x, y, w, h, ox, oy;
  guint index;

  vpc_render_get_bounds (design, NULL, &x, &y, &w, &h);
  g_assert_cmpuint (vpc_design_get_total_elements (design), >=, 5000);
  vpc_render_options_init (&options);
  options.scale = width / (w / 2);
  g_assert_cmpfloat (options.scale, <, VPC_RENDER_LOD_SCALE);
  options.show_grid = TRUE;
  options.grid_size = 16;
  options.findings = G_LIST_MODEL (findings);
  options.selection = selection;
  /* The middle of the design, and a workload in the view's left half. */
  ox = round (width / 2.0 - (x + w / 2) * options.scale);
  oy = round (height / 2.0 - (y + h / 2) * options.scale);
  set_view (&options, ox, oy, width, height);
  for (index = 0; index < vpc_design_get_n_elements (design, VPC_KIND_WORKLOAD); index++)
    {
      const VpcRect *r = &vpc_design_get_element (design, VPC_KIND_WORKLOAD, index)->layout;

      if (r->x > options.clip_x + options.clip_w / 4 && r->y > options.clip_y + options.clip_h / 4
          && r->x + r->w < options.clip_x + options.clip_w / 2
          && r->y + r->h < options.clip_y + options.clip_h * 3 / 4)
        break;
    }
  g_assert_cmpuint (index, <, vpc_design_get_n_elements (design, VPC_KIND_WORKLOAD));
  workload = vpc_design_get_element (design, VPC_KIND_WORKLOAD, index);

  g_assert_false (cached_as_drawn (cache, design, &options, width, height));
  /* Pans by whole pixels, within half a view: the picture moves. */
  set_view (&options, ox + 37, oy - 23, width, height);
  g_assert_true (cached_as_drawn (cache, design, &options, width, height));
  set_view (&options, ox - width / 2, oy + height / 2, width, height);
  g_assert_true (cached_as_drawn (cache, design, &options, width, height));
  /* A pan past it, or by half a pixel: drawn again. */
  set_view (&options, ox - width / 2 - 1, oy, width, height);
  g_assert_false (cached_as_drawn (cache, design, &options, width, height));
  set_view (&options, ox + 0.5, oy, width, height);
  g_assert_false (cached_as_drawn (cache, design, &options, width, height));
  set_view (&options, ox, oy, width, height);
  g_assert_false (cached_as_drawn (cache, design, &options, width, height));
  g_assert_true (cached_as_drawn (cache, design, &options, width, height));

  /* The selection and the hovered element are drawn over the picture. */
  g_hash_table_add (selection, workload->id);
  g_assert_true (cached_as_drawn (cache, design, &options, width, height));
  options.hover_id = vpc_design_get_element (design, VPC_KIND_SUBNET, 3)->id;
  g_assert_true (cached_as_drawn (cache, design, &options, width, height));

  /* A finding appears: its mark. */
  {
    const char *ids[] = { workload->id, NULL };
    g_autoptr(VpcFinding) finding
        = vpc_finding_new ("VPC101", VPC_SEVERITY_ERROR, "m", ids, NULL);

    g_list_store_append (findings, finding);
  }
  g_assert_false (cached_as_drawn (cache, design, &options, width, height));
  g_assert_true (cached_as_drawn (cache, design, &options, width, height));

  /* The workload moves; then the theme changes, then the zoom. */
  {
    VpcRect r = workload->layout;

    r.x += 400;
    vpc_design_set_layout (design, VPC_KIND_WORKLOAD, index, &r);
  }
  g_assert_false (cached_as_drawn (cache, design, &options, width, height));
  options.theme = VPC_THEME_DARK;
  g_assert_false (cached_as_drawn (cache, design, &options, width, height));
  options.scale *= 0.9;
  set_view (&options, ox, oy, width, height);
  g_assert_false (cached_as_drawn (cache, design, &options, width, height));
  g_assert_true (cached_as_drawn (cache, design, &options, width, height));

  /* A very large view has no margin: the picture holds the view alone
   * (at most 8 Mpixels), and a pan draws again. */
  {
    const int big_w = 3000, big_h = 2800;

    set_view (&options, ox, oy, big_w, big_h);
    g_assert_false (cached_as_drawn (cache, design, &options, big_w, big_h));
    g_assert_true (cached_as_drawn (cache, design, &options, big_w, big_h));
    set_view (&options, ox + 1, oy, big_w, big_h);
    g_assert_false (cached_as_drawn (cache, design, &options, big_w, big_h));
  }

  /* Close up, the cache stays out of the way. */
  options.scale = 1.0;
  set_view (&options, -x * options.scale, -y * options.scale, width, height);
  g_assert_false (cached_as_drawn (cache, design, &options, width, height));
  g_assert_false (cached_as_drawn (cache, design, &options, width, height));
}

/* One interim frame through @cache; whether there was one, the frame in
 * @frame. */
static gboolean
render_interim (VpcRenderCache         *cache,
                VpcDesign              *design,
                const VpcRenderOptions *options,
                int                     width,
                int                     height,
                cairo_surface_t       **frame)
{
  return render_through (vpc_render_cache_draw_interim, cache, design, options, width, height,
                         frame);
}

/* Whether there is an interim frame through @cache for @options. */
static gboolean
has_interim (VpcRenderCache         *cache,
             VpcDesign              *design,
             const VpcRenderOptions *options,
             int                     width,
             int                     height)
{
  cairo_surface_t *frame;
  gboolean drawn = render_interim (cache, design, options, width, height, &frame);

  cairo_surface_destroy (frame);
  return drawn;
}

/* How many pixels of @surface are @color exactly. */
static guint
count_color (cairo_surface_t *surface,
             const VpcColor  *color)
{
  int width = cairo_image_surface_get_width (surface);
  int height = cairo_image_surface_get_height (surface);
  guint n = 0;

  for (int y = 0; y < height; y++)
    for (int x = 0; x < width; x++)
      {
        Pixel p = pixel_at (surface, x, y);

        n += p.r == (int) round (color->r * 255) && p.g == (int) round (color->g * 255)
             && p.b == (int) round (color->b * 255);
      }
  return n;
}

/* The mean difference of @a and @b, over blocks of 16 x 16 pixels (their
 * average colours), with @b shifted right by @shift pixels. */
static double
block_difference (cairo_surface_t *a,
                  cairo_surface_t *b,
                  int              shift)
{
  int width = cairo_image_surface_get_width (a), height = cairo_image_surface_get_height (a);
  double total = 0;
  guint blocks = 0;

  for (int by = 0; by + 16 <= height; by += 16)
    for (int bx = 64; bx + 16 + 64 <= width; bx += 16)
      {
        double sum[2][3] = { { 0 } };

        for (int y = by; y < by + 16; y++)
          for (int x = bx; x < bx + 16; x++)
            {
              Pixel p = pixel_at (a, x, y), q = pixel_at (b, x - shift, y);

              sum[0][0] += p.r, sum[0][1] += p.g, sum[0][2] += p.b;
              sum[1][0] += q.r, sum[1][1] += q.g, sum[1][2] += q.b;
            }
        for (int c = 0; c < 3; c++)
          total += fabs (sum[0][c] - sum[1][c]) / 256;
        blocks++;
      }
  return total / blocks;
}

/* A step of a zoom under way scales the kept picture: in its place (close
 * to the exact frame, far from it shifted), the highlights over it, and
 * none at all for a picture of another design state or too far a zoom. */
static void
test_cache_zooms (void)
{
  g_autoptr(VpcDesign) design = render_design_large (6000);
  g_autoptr(VpcRenderCache) cache = vpc_render_cache_new ();
  g_autoptr(GHashTable) selection = g_hash_table_new (g_str_hash, g_str_equal);
  const int width = 640, height = 400;
  cairo_surface_t *interim, *exact, *kept;
  VpcRenderOptions options;
  double x, y, w, h, cx, cy, scale, near, shifted;

  vpc_render_get_bounds (design, NULL, &x, &y, &w, &h);
  vpc_render_options_init (&options);
  scale = width / (w / 2);
  /* Off the design's centre: the picture's origin is far from the view's. */
  cx = x + w / 3;
  cy = y + h / 3;
  options.scale = scale;
  set_view (&options, round (width / 2.0 - cx * scale), round (height / 2.0 - cy * scale), width,
            height);
  /* No picture yet. */
  g_assert_false (has_interim (cache, design, &options, width, height));
  g_assert_false (render_cached (cache, design, &options, width, height, &kept));
  cairo_surface_destroy (kept);

  /* Half again closer about the same centre, the picture scaled. */
  options.scale = scale * 1.5;
  set_view (&options, width / 2.0 - cx * options.scale, height / 2.0 - cy * options.scale, width,
            height);
  g_assert_true (render_interim (cache, design, &options, width, height, &interim));
  exact = render (design, &options, width, height);
  near = block_difference (interim, exact, 0);
  shifted = block_difference (interim, exact, 24);
  g_test_message ("interim vs exact: %.1f; shifted by 24 px: %.1f", near, shifted);
  g_assert_cmpfloat (near * 2, <, shifted);

  /* The selection is drawn over it, exactly. */
  {
    const VpcElement *subnet = vpc_design_get_element (design, VPC_KIND_SUBNET, 0);
    cairo_surface_t *selected, *selected_exact;

    g_hash_table_add (selection, subnet->id);
    options.selection = selection;
    options.clip_x = subnet->layout.x - 10;
    options.clip_y = subnet->layout.y - 10;
    options.offset_x = -options.clip_x * options.scale;
    options.offset_y = -options.clip_y * options.scale;
    g_assert_true (render_interim (cache, design, &options, width, height, &selected));
    selected_exact = render (design, &options, width, height);
    /* The outline in the selection's colour, as in the exact frame. */
    g_assert_cmpuint (count_color (selected, &vpc_theme_get_colors (VPC_THEME_LIGHT)->selection),
                      >, 100);
    g_assert_cmpuint (count_color (selected, &vpc_theme_get_colors (VPC_THEME_LIGHT)->selection),
                      ==,
                      count_color (selected_exact,
                                   &vpc_theme_get_colors (VPC_THEME_LIGHT)->selection));
    cairo_surface_destroy (selected);
    cairo_surface_destroy (selected_exact);
    options.selection = NULL;
  }

  /* Too far a zoom, another theme, an edit: no interim frame. */
  options.scale = scale * 2.5;
  g_assert_false (has_interim (cache, design, &options, width, height));
  options.scale = scale * 0.4;
  g_assert_false (has_interim (cache, design, &options, width, height));
  options.scale = scale * 1.2;
  options.theme = VPC_THEME_DARK;
  g_assert_false (has_interim (cache, design, &options, width, height));
  options.theme = VPC_THEME_LIGHT;
  g_assert_true (has_interim (cache, design, &options, width, height));
  {
    VpcRect r = vpc_design_get_element (design, VPC_KIND_WORKLOAD, 0)->layout;

    r.x += 200;
    vpc_design_set_layout (design, VPC_KIND_WORKLOAD, 0, &r);
  }
  g_assert_false (has_interim (cache, design, &options, width, height));
  cairo_surface_destroy (interim);
  cairo_surface_destroy (exact);
}

/* A finding for the marks test: one of a few ids (or none), any severity. */
static VpcFinding *
random_finding (GRand *rand)
{
  static const char *const pool[] = { "a", "b", "c", "d", "e", "f" };
  static const VpcSeverity severities[]
      = { VPC_SEVERITY_ERROR, VPC_SEVERITY_WARNING, VPC_SEVERITY_INFO };
  const char *ids[4] = { NULL };
  guint n = (guint) g_rand_int_range (rand, 0, 4);

  for (guint i = 0; i < n; i++)
    ids[i] = pool[g_rand_int_range (rand, 0, G_N_ELEMENTS (pool))];
  return vpc_finding_new ("VPC101", severities[g_rand_int_range (rand, 0, 3)], "m", ids, NULL);
}

/* Whether two mark tables give every id the same counts. */
static gboolean
same_marks (GHashTable *a,
            GHashTable *b)
{
  GHashTableIter iter;
  gpointer key, value;

  if ((a != NULL ? g_hash_table_size (a) : 0) != (b != NULL ? g_hash_table_size (b) : 0))
    return FALSE;
  if (a == NULL)
    return TRUE;
  g_hash_table_iter_init (&iter, a);
  while (g_hash_table_iter_next (&iter, &key, &value))
    if (b == NULL || g_hash_table_lookup (b, key) != value)
      return FALSE;
  return TRUE;
}

/* @marks with keys of its own: the findings whose ids it holds may go. */
static GHashTable *
copy_marks (GHashTable *marks)
{
  GHashTable *copy = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  GHashTableIter iter;
  gpointer key, value;

  if (marks == NULL)
    return copy;
  g_hash_table_iter_init (&iter, marks);
  while (g_hash_table_iter_next (&iter, &key, &value))
    g_hash_table_insert (copy, g_strdup (key), value);
  g_hash_table_unref (marks);
  return copy;
}

/* The counts kept on a findings list follow each change of it in place
 * (a few findings removed and added anywhere, a whole new list, findings
 * replaced by alike ones) and always equal counting the list afresh; a
 * change of the counts changes their generation. The findings replaced
 * are gone from the list, so freeing them would leave the table's keys
 * dangling under AddressSanitizer. */
static void
test_marks_follow_changes (void)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (11);
  g_autoptr(GListStore) store = g_list_store_new (VPC_TYPE_FINDING);
  g_autoptr(GHashTable) previous = NULL;
  guint generation = 0, before;

  for (guint i = 0; i < 200; i++)
    {
      g_autoptr(VpcFinding) f = random_finding (rand);

      g_list_store_append (store, f);
    }
  for (guint step = 0; step < 400; step++)
    {
      g_autoptr(GHashTable) kept = NULL;
      g_autoptr(GHashTable) fresh = NULL;
      guint n = g_list_model_get_n_items (G_LIST_MODEL (store));
      guint position = n > 0 ? (guint) g_rand_int_range (rand, 0, (gint32) n + 1) : 0;
      guint removed = (guint) g_rand_int_range (rand, 0, (gint32) MIN (n - position, 6) + 1);
      guint added = (guint) g_rand_int_range (rand, 0, 6);
      g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func (g_object_unref);

      kept = vpc_render_marks_cached (G_LIST_MODEL (store), &before);
      g_clear_pointer (&kept, g_hash_table_unref);
      g_clear_pointer (&previous, g_hash_table_unref);
      previous = copy_marks (vpc_render_count_marks (G_LIST_MODEL (store)));
      /* Now and then a large change: counted afresh. */
      if (step % 50 == 49)
        {
          removed = n;
          position = 0;
          added = 150;
        }
      for (guint k = 0; k < added; k++)
        g_ptr_array_add (items, random_finding (rand));
      g_list_store_splice (store, position, removed, items->pdata, items->len);
      kept = vpc_render_marks_cached (G_LIST_MODEL (store), &generation);
      fresh = copy_marks (vpc_render_count_marks (G_LIST_MODEL (store)));
      g_assert_true (same_marks (kept, fresh));
      /* What the marks drawn from the counts are kept by. */
      if (!same_marks (previous, fresh))
        g_assert_cmpuint (generation, !=, before);
    }
}

/* Findings counted as an array (an export's validation thread does) give
 * the counts the list gives, and a list handed its counts returns those
 * very counts rather than counting again. */
static void
test_marks_counted_ahead (void)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (5);

  for (guint round = 0; round < 50; round++)
    {
      g_autoptr(GListStore) store = g_list_store_new (VPC_TYPE_FINDING);
      g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func (g_object_unref);
      g_autoptr(GHashTable) listed = NULL;
      g_autoptr(GHashTable) counted = NULL;
      g_autoptr(GHashTable) handed = NULL;
      guint n = (guint) g_rand_int_range (rand, 0, 40);

      for (guint i = 0; i < n; i++)
        g_ptr_array_add (items, random_finding (rand));
      g_list_store_splice (store, 0, 0, items->pdata, items->len);
      listed = vpc_render_count_marks (G_LIST_MODEL (store));
      counted = vpc_render_count_marks_array (items);
      g_assert_true (same_marks (listed, counted));
      g_assert_true ((counted == NULL) == (n == 0));
      if (counted == NULL)
        continue;
      vpc_render_set_counted_marks (G_LIST_MODEL (store), counted);
      handed = vpc_render_count_marks (G_LIST_MODEL (store));
      g_assert_true (handed == counted);
      /* A change of the list drops them: counted afresh. */
      {
        g_autoptr(VpcFinding) more = random_finding (rand);
        g_autoptr(GHashTable) after = NULL;

        g_list_store_append (store, more);
        g_ptr_array_add (items, g_object_ref (more));
        g_clear_pointer (&counted, g_hash_table_unref);
        counted = vpc_render_count_marks_array (items);
        after = vpc_render_count_marks (G_LIST_MODEL (store));
        g_assert_true (after != handed);
        g_assert_true (same_marks (after, counted));
      }
    }
}

/* Low-zoom tiles are written into an image the painter keeps for the next
 * frame: a frame recorded (as GTK records a canvas) keeps its own tiles
 * after the next frame reuses the image, and plays back as drawn. */
static void
test_low_zoom_recorded (void)
{
  g_autoptr(VpcDesign) design = render_design_large (6000);
  const int width = 640, height = 400;
  cairo_rectangle_t extent = { 0, 0, width, height };
  cairo_surface_t *recorded[2], *direct, *played;
  VpcRenderOptions options[2];
  double x, y, w, h, scale;
  guint differ = 0;
  cairo_t *cr;

  vpc_render_get_bounds (design, NULL, &x, &y, &w, &h);
  scale = width / (w / 2);
  g_assert_cmpfloat (scale, <, VPC_RENDER_LOD_SCALE);
  for (guint i = 0; i < 2; i++)
    {
      vpc_render_options_init (&options[i]);
      options[i].scale = scale;
      options[i].clip_w = width / scale;
      options[i].clip_h = height / scale;
      /* Two views: the middle, then the top-left corner. */
      options[i].clip_x = i == 0 ? x + (w - options[i].clip_w) / 2 : x;
      options[i].clip_y = i == 0 ? y + (h - options[i].clip_h) / 2 : y;
      options[i].offset_x = -options[i].clip_x * scale;
      options[i].offset_y = -options[i].clip_y * scale;
      recorded[i] = cairo_recording_surface_create (CAIRO_CONTENT_COLOR_ALPHA, &extent);
      cr = cairo_create (recorded[i]);
      vpc_render_design (cr, design, &options[i]);
      g_assert_cmpint (cairo_status (cr), ==, CAIRO_STATUS_SUCCESS);
      cairo_destroy (cr);
    }
  direct = render (design, &options[0], width, height);
  played = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, width, height);
  cr = cairo_create (played);
  cairo_set_source_surface (cr, recorded[0], 0, 0);
  cairo_paint (cr);
  cairo_destroy (cr);
  cairo_surface_flush (played);
  g_assert_cmpint (memcmp (cairo_image_surface_get_data (direct), cairo_image_surface_get_data (played),
                           (gsize) cairo_image_surface_get_stride (direct) * height),
                   ==, 0);
  /* Not an empty picture: the two views differ. */
  cairo_surface_destroy (played);
  played = render (design, &options[1], width, height);
  for (int py = 0; py < height; py += 4)
    for (int px = 0; px < width; px += 4)
      {
        Pixel a = pixel_at (direct, px, py), b = pixel_at (played, px, py);

        differ += a.r != b.r || a.g != b.g || a.b != b.b;
      }
  g_assert_cmpuint (differ, >, 1000);
  cairo_surface_destroy (direct);
  cairo_surface_destroy (played);
  cairo_surface_destroy (recorded[0]);
  cairo_surface_destroy (recorded[1]);
}

/* At low zoom subnets are still filled with their route's colour. */
static void
test_low_zoom (void)
{
  g_autoptr(VpcDesign) design = render_design_demo ();
  const VpcElement *sn = vpc_design_lookup (design, "sn-public");
  double ox, oy;
  cairo_surface_t *surface = render_fitted (design, VPC_THEME_LIGHT, 0.2, &ox, &oy);

  g_assert_true (near_color (pixel_at (surface, ox + (sn->layout.x + sn->layout.w - 20) * 0.2,
                                       oy + (sn->layout.y + sn->layout.h / 2) * 0.2), 0xf2f6e8, 6));
  cairo_surface_destroy (surface);
}

/* Golden images: a small per-pixel tolerance for antialiasing and font
 * rasteriser differences; VPC_UPDATE_GOLDENS=1 rewrites them. */
static void
check_golden (cairo_surface_t *surface,
              const char      *name)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", "render", name, NULL);
  cairo_surface_t *golden;
  int w, h, bad = 0;

  if (g_getenv ("VPC_UPDATE_GOLDENS") != NULL)
    {
      g_assert_cmpint (cairo_surface_write_to_png (surface, path), ==, CAIRO_STATUS_SUCCESS);
      return;
    }
  golden = cairo_image_surface_create_from_png (path);
  g_assert_cmpint (cairo_surface_status (golden), ==, CAIRO_STATUS_SUCCESS);
  w = cairo_image_surface_get_width (surface);
  h = cairo_image_surface_get_height (surface);
  g_assert_cmpint (cairo_image_surface_get_width (golden), ==, w);
  g_assert_cmpint (cairo_image_surface_get_height (golden), ==, h);
  for (int y = 0; y < h; y++)
    for (int x = 0; x < w; x++)
      {
        Pixel a = pixel_at (surface, x, y), b = pixel_at (golden, x, y);
        if (abs (a.r - b.r) > 24 || abs (a.g - b.g) > 24 || abs (a.b - b.b) > 24)
          bad++;
      }
  cairo_surface_destroy (golden);
  /* At most 0.2 % of the pixels may differ visibly. */
  g_assert_cmpint (bad, <=, w * h / 500);
}

static void
test_goldens (void)
{
  g_autoptr(VpcDesign) design = render_design_demo ();
  double ox, oy;
  cairo_surface_t *light = render_fitted (design, VPC_THEME_LIGHT, 1.0, &ox, &oy);
  cairo_surface_t *dark = render_fitted (design, VPC_THEME_DARK, 0.75, &ox, &oy);

  check_golden (light, "demo-light.png");
  check_golden (dark, "demo-dark-75.png");
  cairo_surface_destroy (light);
  cairo_surface_destroy (dark);
}

/* The study guide's design (tests/data/diagram) as a user exports it: PNG
 * at 1× and 2×, light and dark, laid out by Tidy (the file has no
 * layout). VPC_UPDATE_GOLDENS=1 rewrites them (tools/diagram-stats shows
 * the figures behind them). */
static void
test_study_guide_goldens (void)
{
  g_autofree char *input
      = g_test_build_filename (G_TEST_DIST, "data", "diagram", "study-guide.vpcd.json", NULL);
  g_autofree char *dir = g_dir_make_tmp ("vpc-study-guide-XXXXXX", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(VpcDesign) design = vpc_file_load_path (input, NULL, &error);
  static const struct { double scale; VpcTheme theme; const char *name; } cases[] = {
    { 1, VPC_THEME_LIGHT, "study-guide-1x-light.png" },
    { 2, VPC_THEME_LIGHT, "study-guide-2x-light.png" },
    { 1, VPC_THEME_DARK, "study-guide-1x-dark.png" },
    { 2, VPC_THEME_DARK, "study-guide-2x-dark.png" },
  };

  g_assert_no_error (error);
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *out = g_build_filename (dir, cases[i].name, NULL);
      cairo_surface_t *surface;

      g_assert_true (vpc_export_to_file (design, out, cases[i].theme, cases[i].scale, &error));
      g_assert_no_error (error);
      surface = cairo_image_surface_create_from_png (out);
      g_assert_cmpint (cairo_surface_status (surface), ==, CAIRO_STATUS_SUCCESS);
      check_golden (surface, cases[i].name);
      cairo_surface_destroy (surface);
      g_unlink (out);
    }
  g_rmdir (dir);
}

/* The SVG writer's numbers: '.' whatever the locale, two decimals at most,
 * no trailing zeros, no "-0". */
/* @hundredths as the SVG writer should write them: at most two decimals,
 * no trailing zeros, no "-0"; the test's own spelling, by printf. */
static void
hundredths_text (gint64  hundredths,
                 char   *out)
{
  guint64 magnitude = hundredths < 0 ? -(guint64) hundredths : (guint64) hundredths;
  int n = g_snprintf (out, 48, "%s%" G_GUINT64_FORMAT, hundredths < 0 ? "-" : "",
                      magnitude / 100);

  if (magnitude % 100 != 0)
    {
      n += g_snprintf (out + n, 48 - n, ".%02u", (guint) (magnitude % 100));
      if (out[n - 1] == '0')
        out[n - 1] = '\0';
    }
}

static void
test_format_number (void)
{
  static const struct { double value; const char *text; } cases[] = {
    { 0, "0" }, { 1, "1" }, { -1, "-1" }, { 1.5, "1.5" }, { 2.25, "2.25" },
    { -3.1, "-3.1" }, { 0.004, "0" }, { -0.004, "0" }, { 0.005, "0.01" },
    { 1234567.891, "1234567.89" }, { 10.10, "10.1" }, { 99.999, "100" },
    { 74896, "74896" }, { 0.07, "0.07" }, { -12.05, "-12.05" },
  };
  char *saved = g_strdup (setlocale (LC_NUMERIC, NULL));

  /* A comma locale, where printf would write "1,5" (when installed). */
  setlocale (LC_NUMERIC, "de_DE.UTF-8");
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      char buf[32];
      int n = vpc_painter_format_number (buf, cases[i].value);

      g_assert_cmpstr (buf, ==, cases[i].text);
      g_assert_cmpint (n, ==, strlen (cases[i].text));
    }
  setlocale (LC_NUMERIC, saved);
  g_free (saved);
  /* Rounded in hundredths as llround() rounds them: halves away from zero,
   * next to halves, and past 2^52 hundredths. */
  {
    g_autoptr(GRand) rand = g_rand_new_with_seed (20261207);

    /* A few units in the last place either side of small halves, where
     * adding 0.5 and truncating would round up. */
    for (int k = -300; k <= 300; k++)
      for (int ulps = -6; ulps <= 6; ulps++)
        {
          double value = (k + 0.5) / 100.0;
          char buf[32], expected[48];

          for (int u = 0; u < ABS (ulps); u++)
            value = nextafter (value, ulps < 0 ? -G_MAXDOUBLE : G_MAXDOUBLE);
          hundredths_text (llround (value * 100.0), expected);
          vpc_painter_format_number (buf, value);
          g_assert_cmpstr (buf, ==, expected);
        }
    for (guint i = 0; i < 200000; i++)
      {
        double hundredths = i < 100000 ? (g_rand_int_range (rand, -2000000, 2000000) + 0.5)
                                       : g_rand_double_range (rand, -1e6, 1e6);
        double value = (i % 3 == 0 ? nextafter (hundredths, 0)
                        : i % 3 == 1 ? nextafter (hundredths, G_MAXDOUBLE)
                                     : hundredths) / 100.0;
        char buf[32], expected[48];

        if (i % 1000 == 0)
          value = (i % 2000 == 0 ? 1 : -1) * g_rand_double_range (rand, 4.6e13, 9e15);
        hundredths_text (llround (value * 100.0), expected);
        vpc_painter_format_number (buf, value);
        g_assert_cmpstr (buf, ==, expected);
      }
    /* Each number of digits at its edges, either sign, and both sides of
     * 2^32 hundredths (where the digits stop being written in 32 bits). */
    for (int p = 0; p <= 16; p++)
      for (int d = -3; d <= 3; d++)
        {
          const double edges[] = { pow (10, p) + d * 0.01, pow (10, p) + d * 0.005,
                                   4294967296.0 / 100 + d * 0.01 };

          for (guint e = 0; e < G_N_ELEMENTS (edges); e++)
            for (int sign = -1; sign <= 1; sign += 2)
              {
                char buf[32], expected[48];
                double value = sign * edges[e];

                hundredths_text (llround (value * 100.0), expected);
                g_assert_cmpint (vpc_painter_format_number (buf, value), ==, strlen (expected));
                g_assert_cmpstr (buf, ==, expected);
              }
        }
  }
}

/* The SVG writer cuts labels where pango would: the cut label with its
 * "…" fits the width, and labels that fit are left alone. */
static void
test_text_fit (void)
{
  static const char *const labels[] = {
    "an-extraordinarily-long-workload-name-that-cannot-fit",
    "überlange-Arbeitslast-mit-Umlauten-äöü-und-mehr",
    "SageMaker workloads and more words",
  };

  g_assert_null (vpc_render_text_fit (VPC_FONT_LABEL, "short", 80));
  g_assert_null (vpc_render_text_fit (VPC_FONT_LABEL, "anything", -1));
  for (guint i = 0; i < G_N_ELEMENTS (labels); i++)
    for (VpcFont font = VPC_FONT_TITLE; font < VPC_N_FONTS; font++)
      {
        double width = 80;
        g_autofree char *cut = vpc_render_text_fit (font, labels[i], width);

        g_assert_nonnull (cut);
        g_assert_true (g_utf8_validate (cut, -1, NULL));
        g_assert_true (g_str_has_suffix (cut, "…"));
        g_assert_cmpfloat (vpc_render_text_width (font, cut), <=, width + 1);
        /* Not cut much shorter than needed either. */
        g_assert_cmpfloat (vpc_render_text_width (font, cut), >,
                           width - 2 * vpc_render_font_px (font));
        g_assert_true (strncmp (cut, labels[i], strlen (cut) - strlen ("…")) == 0);
        /* Whatever fits is left alone. */
        g_assert_null (
            vpc_render_text_fit (font, labels[i], vpc_render_text_width (font, labels[i]) + 1));
      }
}

/* A random label: words of letters, digits, punctuation and a few
 * non-ASCII letters and signs, like names and rule summaries. */
static char *
random_label (GRand *rand)
{
  static const char *const pieces[] = {
    "a", "e", "i", "o", "r", "t", "n", "l", "m", "W", "A", "V", "T", "o", "y", "L", "Y", "f",
    "fi", "0", "1", "7", "8", "-", ".", ",", ":", "/", "(", ")", "'", "\"", "%", " ", " ",
    " ", " ", "  ", "ä", "ß", "ñ", "é", "·", "…", "→", "Ш", "ש", "漢",
  };
  GString *out = g_string_new (NULL);
  guint n = g_rand_int_range (rand, 1, 160);

  for (guint i = 0; i < n; i++)
    {
      /* Mostly plain text: other scripts turn the shortcuts off. */
      guint limit = g_rand_int_range (rand, 0, 10) == 0 ? G_N_ELEMENTS (pieces)
                                                         : G_N_ELEMENTS (pieces) - 3;

      g_string_append (out, pieces[g_rand_int_range (rand, 0, limit)]);
    }
  return g_string_free (out, FALSE);
}

/* Lines and cuts of @labels at a few widths and line limits, as text. */
static char *
wrap_everything (GPtrArray *labels)
{
  static const double widths[] = { 8, 24, 61.5, 120, 200 };
  GString *out = g_string_new (NULL);

  for (guint i = 0; i < labels->len; i++)
    for (VpcFont font = VPC_FONT_TITLE; font < VPC_N_FONTS; font += 3)
      for (guint w = 0; w < G_N_ELEMENTS (widths); w++)
        {
          g_autofree char *cut = vpc_render_text_fit (font, labels->pdata[i], widths[w]);

          g_string_append_printf (out, "%s|%u|%g: %s\n", (char *) labels->pdata[i], font,
                                  widths[w], cut != NULL ? cut : "(fits)");
          for (guint max_lines = 0; max_lines <= 3; max_lines++)
            {
              const char *const *lines
                  = vpc_render_text_wrap (font, labels->pdata[i], widths[w], max_lines);

              for (guint l = 0; lines[l] != NULL; l++)
                g_string_append_printf (out, "  %u: [%s]\n", max_lines, lines[l]);
            }
        }
  return g_string_free (out, FALSE);
}

/* A random label of the characters whose widths are taken in pairs, with
 * kerning pairs (across the hyphens lines break after too), ligatures
 * ("ff", "fi", "ffl") and the signs of a rule summary and a cut label. */
static char *
random_paired_label (GRand *rand)
{
  static const char *const pieces[] = {
    "A", "V", "T", "o", "W", "a", "L", "Y", ".", ",", "y", "r", "f", "i", "l", "ff", "fi",
    "ffl", "ffi", "fl", "0", "7", "1", " ", " ", "-", "/", ":", "(", "\"", "'", "·", "…", "→",
    "–", "—", "in: tcp 443 from Group 12", " · out: nothing", "prefix-list:s3", "10.0.0.0/8",
    "-T", "-V", "-Y", "r-W", "L-T", "Ta", "AVAV",
  };
  GString *out = g_string_new (NULL);
  guint n = g_rand_int_range (rand, 1, 40);

  for (guint i = 0; i < n; i++)
    g_string_append (out, pieces[g_rand_int_range (rand, 0, G_N_ELEMENTS (pieces))]);
  return g_string_free (out, FALSE);
}

/* Fonts of every size and weight (the glyph font is the badge's). */
static const VpcFont distinct_fonts[] = {
  VPC_FONT_TITLE, VPC_FONT_HEADING, VPC_FONT_BOX, VPC_FONT_LABEL, VPC_FONT_SMALL, VPC_FONT_BADGE,
};

/* Every cut of @labels in those fonts at @widths, and their wraps into one
 * and two lines, as text. */
static char *
cut_everything (GPtrArray    *labels,
                const double *widths,
                guint         n_widths)
{
  GString *out = g_string_new (NULL);

  for (guint f = 0; f < G_N_ELEMENTS (distinct_fonts); f++)
    for (guint i = 0; i < labels->len; i++)
      for (guint w = 0; w < n_widths; w++)
        {
          VpcFont font = distinct_fonts[f];
          g_autofree char *cut = vpc_render_text_fit (font, labels->pdata[i], widths[w]);
          g_autofree char *escaped = g_strescape (labels->pdata[i], NULL);
          g_autofree char *escaped_cut = cut != NULL ? g_strescape (cut, NULL) : NULL;

          g_string_append_printf (out, "%s | font %u, %g wide: %s\n", escaped, font, widths[w],
                                  escaped_cut != NULL ? escaped_cut : "(fits)");
          for (guint max_lines = 1; max_lines <= 2; max_lines++)
            {
              const char *const *lines
                  = vpc_render_text_wrap (font, labels->pdata[i], widths[w], max_lines);

              for (guint l = 0; lines[l] != NULL; l++)
                {
                  g_autofree char *line = g_strescape (lines[l], NULL);

                  g_string_append_printf (out, "  %u: [%s]\n", max_lines, line);
                }
            }
        }
  return g_string_free (out, FALSE);
}

/* Labels cut and wrapped from the widths of character pairs are cut and
 * wrapped where shaping them whole does, in every font at several text
 * sizes; and the pairs served many of them. */
static void
test_text_pairs (void)
{
  static const double scales[] = { 1.0, 0.85, 1.6 };
  static const double widths[] = { 20, 47.5, 88, 240 };
  g_autoptr(GRand) rand = g_rand_new_with_seed (20261207);
  g_autoptr(GPtrArray) labels = g_ptr_array_new_with_free_func (g_free);
  guint saved_after = vpc_render_text_set_pairs_after (0);

  for (guint i = 0; i < 160; i++)
    g_ptr_array_add (labels, random_paired_label (rand));
  for (guint s = 0; s < G_N_ELEMENTS (scales); s++)
    {
      double saved = vpc_render_text_set_scale (scales[s]);
      guint cuts, wraps, cuts_after, wraps_after;
      g_autofree char *quick = NULL, *whole = NULL;

      vpc_render_text_get_paired (&cuts, &wraps);
      quick = cut_everything (labels, widths, G_N_ELEMENTS (widths));
      vpc_render_text_get_paired (&cuts_after, &wraps_after);
      /* Many: the others fit by far, have ligatures or one line. */
      g_assert_cmpuint (cuts_after - cuts, >,
                        labels->len * G_N_ELEMENTS (widths) * G_N_ELEMENTS (distinct_fonts) / 5);
      g_assert_cmpuint (wraps_after - wraps, >,
                        labels->len * G_N_ELEMENTS (widths) * G_N_ELEMENTS (distinct_fonts) / 20);
      vpc_render_text_set_shortcuts (FALSE);
      whole = cut_everything (labels, widths, G_N_ELEMENTS (widths));
      vpc_render_text_set_shortcuts (TRUE);
      g_assert_cmpstr (quick, ==, whole);
      vpc_render_text_set_scale (saved);
    }
  vpc_render_text_set_pairs_after (saved_after);
}

/* Texts with characters the pairs do not know wrap as pango wraps them:
 * a cluster of several code points (kept whole however narrow the line),
 * a decomposed accent, a trailing tab or no-break space (not counted
 * against the width at the end of a line). */
static void
test_text_wrap_unpaired (void)
{
  static const char *const texts[] = {
    "\xf0\x9f\x91\x8d\xf0\x9f\x8f\xbd", "e\xcc\x81" "e\xcc\x81" "e\xcc\x81 e\xcc\x81",
    "bbbb\t", "bbbb\xc2\xa0", "aa bbbb\xc2\xa0", "Tee\tTee\tTee",
  };
  static const double widths[] = { 6, 20, 26, 31, 40 };
  guint saved_after = vpc_render_text_set_pairs_after (0);

  for (guint t = 0; t < G_N_ELEMENTS (texts); t++)
    for (guint w = 0; w < G_N_ELEMENTS (widths); w++)
      for (guint max_lines = 1; max_lines <= 2; max_lines++)
        for (guint f = 0; f < G_N_ELEMENTS (distinct_fonts); f++)
          {
            g_auto(GStrv) quick = NULL;
            const char *const *whole;

            vpc_render_text_set_shortcuts (TRUE);
            quick = g_strdupv ((char **) vpc_render_text_wrap (distinct_fonts[f], texts[t], widths[w],
                                                              max_lines));
            vpc_render_text_set_shortcuts (FALSE);
            whole = vpc_render_text_wrap (distinct_fonts[f], texts[t], widths[w], max_lines);
            g_assert_cmpstrv (quick, whole);
          }
  vpc_render_text_set_shortcuts (TRUE);
  vpc_render_text_set_pairs_after (saved_after);
}

/* A drawing of thousands of elements takes a font's pairs after a few
 * dozen labels cut by shaping them; a small one only after hundreds. */
static void
test_text_pairs_early (void)
{
  for (guint big = 0; big < 2; big++)
    {
      guint cuts, cuts_after, wraps;

      vpc_render_text_cache_clear ();
      vpc_render_prepare_text (big ? 10000 : 1000);
      vpc_render_text_get_paired (&cuts, &wraps);
      for (guint i = 0; i < 100; i++)
        {
          g_autofree char *label = g_strdup_printf ("in: tcp %u from Group %u, all from 10.0.0.0/8", i, i);
          g_autofree char *cut = vpc_render_text_fit (VPC_FONT_SMALL, label, 90);

          g_assert_nonnull (cut);
        }
      vpc_render_text_get_paired (&cuts_after, &wraps);
      if (big)
        g_assert_cmpuint (cuts_after - cuts, >=, 100 - 32 - 1);
      else
        g_assert_cmpuint (cuts_after - cuts, ==, 0);
    }
  vpc_render_prepare_text (0);
}

/* A chip is as wide as "SG" and as many zeros as its number has digits:
 * our fonts' digits are all as wide and kern with nothing, at any size. */
static void
test_chip_widths (void)
{
  static const double scales[] = { 0.75, 1.0, 1.3, 1.6, 2.0 };

  for (guint s = 0; s < G_N_ELEMENTS (scales); s++)
    {
      double saved = vpc_render_text_set_scale (scales[s]);

      for (guint n = 1; n <= 999; n++)
        {
          char text[16], zeros[16];

          g_snprintf (text, sizeof text, "SG%u", n);
          g_snprintf (zeros, sizeof zeros, "SG%.*s", (int) strlen (text) - 2, "000");
          g_assert_cmpfloat (vpc_render_text_width (VPC_FONT_BADGE, text), ==,
                             vpc_render_text_width (VPC_FONT_BADGE, zeros));
        }
      vpc_render_text_set_scale (saved);
    }
}

/* A list of findings that counts how often it is read. */
#define TEST_TYPE_COUNTED (test_counted_get_type ())
G_DECLARE_FINAL_TYPE (TestCounted, test_counted, TEST, COUNTED, GObject)

struct _TestCounted
{
  GObject     parent_instance;
  GListStore *items;
  guint       reads;
};

static GType
counted_get_item_type (GListModel *model)
{
  return VPC_TYPE_FINDING;
}

static guint
counted_get_n_items (GListModel *model)
{
  TEST_COUNTED (model)->reads++;
  return g_list_model_get_n_items (G_LIST_MODEL (TEST_COUNTED (model)->items));
}

static gpointer
counted_get_item (GListModel *model,
                  guint       position)
{
  TEST_COUNTED (model)->reads++;
  return g_list_model_get_item (G_LIST_MODEL (TEST_COUNTED (model)->items), position);
}

static void
test_counted_model_init (GListModelInterface *iface)
{
  iface->get_item_type = counted_get_item_type;
  iface->get_n_items = counted_get_n_items;
  iface->get_item = counted_get_item;
}

G_DEFINE_FINAL_TYPE_WITH_CODE (TestCounted, test_counted, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, test_counted_model_init))

static void
test_counted_finalize (GObject *object)
{
  g_clear_object (&TEST_COUNTED (object)->items);
  G_OBJECT_CLASS (test_counted_parent_class)->finalize (object);
}

static void
test_counted_class_init (TestCountedClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = test_counted_finalize;
}

static void
test_counted_init (TestCounted *self)
{
  self->items = g_list_store_new (VPC_TYPE_FINDING);
}

/* The title block's height for @design with @findings, at @text_scale,
 * with the title's shortcut on (@shortcut) or off. */
static double
title_height (VpcDesign  *design,
              GListModel *findings,
              double      text_scale,
              gboolean    shortcut)
{
  VpcRenderOptions options;
  VpcRect content = { 0, 0, 10, 10 }, title;
  double old = vpc_render_text_set_scale (text_scale);

  vpc_render_options_init (&options);
  options.title_block = TRUE;
  options.findings = findings;
  vpc_render_title_set_shortcut (shortcut);
  vpc_render_title_rect (design, &options, &content, &title);
  vpc_render_title_set_shortcut (TRUE);
  vpc_render_text_set_scale (old);
  return title.h;
}

/* The page's size is known before the findings are (an export computes
 * them while it draws): the title block is as high as when it reads them,
 * with no finding, an error, a warning or both, and it reads them only
 * when their swatches would wrap to a row of their own. Some examples at
 * some text sizes do wrap, so both ways are taken. */
static void
test_legend_rows (void)
{
  const char *dir = g_getenv ("VPC_EXAMPLES_DIR");
  g_autoptr(GDir) folder = g_dir_open (dir, 0, NULL);
  g_autoptr(VpcFinding) error = vpc_finding_new ("VPC101", VPC_SEVERITY_ERROR, "e", NULL, NULL);
  g_autoptr(VpcFinding) warning = vpc_finding_new ("VPC102", VPC_SEVERITY_WARNING, "w", NULL, NULL);
  TestCounted *lists[4];
  const char *name;
  guint unread = 0, read = 0;

  for (guint i = 0; i < G_N_ELEMENTS (lists); i++)
    {
      lists[i] = g_object_new (TEST_TYPE_COUNTED, NULL);
      if (i & 1)
        g_list_store_append (lists[i]->items, error);
      if (i & 2)
        g_list_store_append (lists[i]->items, warning);
    }
  g_assert_nonnull (folder);
  while ((name = g_dir_read_name (folder)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);
      g_autoptr(VpcDesign) design = NULL;

      if (!g_str_has_suffix (name, ".vpcd.json"))
        continue;
      design = vpc_file_load_path (path, NULL, NULL);
      g_assert_nonnull (design);
      for (double scale = 1.0; scale <= 2.0; scale += 0.125)
        for (guint i = 0; i < G_N_ELEMENTS (lists); i++)
          {
            GListModel *findings = G_LIST_MODEL (lists[i]);
            double whole = title_height (design, findings, scale, FALSE);
            guint reads;

            lists[i]->reads = 0;
            g_assert_cmpfloat (title_height (design, findings, scale, TRUE), ==, whole);
            reads = lists[i]->reads;
            if (reads > 0)
              read++;
            else
              {
                /* Unread, it is as high as with both swatches. */
                unread++;
                g_assert_cmpfloat (whole, ==, title_height (design, G_LIST_MODEL (lists[3]),
                                                            scale, FALSE));
              }
          }
    }
  for (guint i = 0; i < G_N_ELEMENTS (lists); i++)
    g_object_unref (lists[i]);
  g_test_message ("%u title blocks sized without reading the findings, %u reading them", unread,
                  read);
  g_assert_cmpuint (unread, >, 0);
  g_assert_cmpuint (read, >, 0);
}

/* The shortcuts that shape only the part of a label that can show (and
 * skip shaping a label surely too wide for its line) break and cut every
 * label exactly where shaping all of it does. */
static void
test_text_shortcuts (void)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (20261205);
  g_autoptr(GPtrArray) labels = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *quick = NULL, *whole = NULL;

  g_ptr_array_add (labels, g_strdup ("in: tcp 443 from Group 12, icmp from 0.0.0.0/0, "
                                     "all from 10.0.0.0/8 · out: all to 0.0.0.0/0"));
  g_ptr_array_add (labels, g_strdup ("AVAVAVAVAVAVAVAVAVAVAVAVAVAV To To To Wa Wa LT LT Y. Y."));
  for (guint i = 0; i < 250; i++)
    g_ptr_array_add (labels, random_label (rand));
  quick = wrap_everything (labels);
  vpc_render_text_set_shortcuts (FALSE);
  whole = wrap_everything (labels);
  vpc_render_text_set_shortcuts (TRUE);
  g_assert_cmpstr (quick, ==, whole);
}

/* ---- the shipped examples and the rule scenarios, as a reader sees them ---- */

/* The title block's date: fixed, so that the goldens do not depend on the
 * day the tests run. */
#define FIXED_DATE "2026-01-01"
/* Padding around the fitted drawing, in world units. */
#define PAD 20.0

typedef struct
{
  VpcDesign        *design;
  GListStore       *findings;  /* of the design's own profile */
  char             *total;
  VpcRenderOptions  options;
  double            x, y, w, h; /* world bounds with the title block */
} Example;

static void
example_load (Example    *ex,
              const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) found = NULL;
  g_autoptr(VpcCostReport) cost = NULL;

  memset (ex, 0, sizeof *ex);
  ex->design = vpc_file_load_path (path, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (ex->design);
  found = vpc_validate (ex->design, vpc_design_get_info (ex->design)->profile);
  ex->findings = g_list_store_new (VPC_TYPE_FINDING);
  for (guint i = 0; i < found->len; i++)
    g_list_store_append (ex->findings, g_ptr_array_index (found, i));
  cost = vpc_cost_compute (ex->design, NULL);
  if (cost != NULL && cost->priced)
    ex->total = vpc_cost_format (cost->total_micros, FALSE);

  /* As the export draws it: title block, legend, findings. */
  vpc_render_options_init (&ex->options);
  ex->options.title_block = TRUE;
  ex->options.date = FIXED_DATE;
  ex->options.monthly_total = ex->total;
  ex->options.findings = G_LIST_MODEL (ex->findings);
  vpc_render_get_bounds (ex->design, &ex->options, &ex->x, &ex->y, &ex->w, &ex->h);
}

static void
example_clear (Example *ex)
{
  g_clear_object (&ex->design);
  g_clear_object (&ex->findings);
  g_clear_pointer (&ex->total, g_free);
}

/* Draws the example fitted with PAD around it at @scale; world → device is
 * device = world * scale + offset, as in VpcRenderOptions. */
static cairo_surface_t *
example_render (Example *ex,
                VpcTheme theme,
                double   scale)
{
  ex->options.theme = theme;
  ex->options.scale = scale;
  ex->options.offset_x = (PAD - ex->x) * scale;
  ex->options.offset_y = (PAD - ex->y) * scale;
  return render (ex->design, &ex->options,
                 (int) ceil ((ex->w + 2 * PAD) * scale), (int) ceil ((ex->h + 2 * PAD) * scale));
}

/* The rectangle a finding's outline and badge go on, as vpc-render-items.c
 * places them: the box of an AZ or subnet, the icon tile of anything else,
 * the VPC box for findings about the VPC itself (id ""). */
static gboolean
marked_rect (VpcDesign  *design,
             const char *id,
             VpcRect    *r)
{
  const VpcDesignInfo *info = vpc_design_get_info (design);
  const VpcElement *e;

  if (*id == '\0')
    {
      *r = info->vpc_layout;
      return info->has_vpc_layout;
    }
  e = vpc_design_lookup (design, id);
  if (e == NULL || !e->has_layout)
    return FALSE;
  if (e->kind == VPC_KIND_AZ || e->kind == VPC_KIND_SUBNET)
    *r = e->layout;
  else
    vpc_render_tile_rect (e, r);
  return TRUE;
}

static guint32
color_rgb (const VpcColor *c)
{
  return (guint32) lround (c->r * 255) << 16 | (guint32) lround (c->g * 255) << 8
         | (guint32) lround (c->b * 255);
}

/* Pixels of @rgb in the part of the badge disc (centred on the top-right
 * corner, radius 9) that lies inside @r, away from the count's digits. */
static guint
badge_pixels (cairo_surface_t *surface,
              const Example   *ex,
              const VpcRect   *r,
              guint32          rgb)
{
  double scale = ex->options.scale;
  double cx = (r->x + r->w) * scale + ex->options.offset_x;
  double cy = r->y * scale + ex->options.offset_y;
  guint n = 0;

  for (int dy = 1; dy <= 8 * scale; dy++)
    for (int dx = 1; dx <= 8 * scale; dx++)
      {
        int px = (int) floor (cx) - dx, py = (int) floor (cy) + dy;

        if (dx * dx + dy * dy > 64 * scale * scale ||
            px < 0 || py < 0 ||
            px >= cairo_image_surface_get_width (surface) ||
            py >= cairo_image_surface_get_height (surface))
          continue;
        /* Inside the element's own rectangle. */
        if ((px + 0.5 - ex->options.offset_x) / scale < r->x ||
            (py + 0.5 - ex->options.offset_y) / scale > r->y + r->h)
          continue;
        if (near_color (pixel_at (surface, px, py), rgb, 16))
          n++;
      }
  return n;
}

/* Error and warning counts per element id ("" for the VPC itself). */
static GHashTable *
marks_of (GListModel *findings)
{
  GHashTable *marks = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  for (guint i = 0; i < g_list_model_get_n_items (findings); i++)
    {
      g_autoptr(VpcFinding) f = g_list_model_get_item (findings, i);
      const char *const *ids = vpc_finding_get_elements (f);
      static const char *const vpc_only[] = { "", NULL };
      guint add;

      if (vpc_finding_get_severity (f) == VPC_SEVERITY_INFO)
        continue;
      add = vpc_finding_get_severity (f) == VPC_SEVERITY_ERROR ? 1 : 1 << 16;
      if (ids == NULL || ids[0] == NULL)
        ids = vpc_only;
      for (guint k = 0; ids[k] != NULL; k++)
        {
          guint m = GPOINTER_TO_UINT (g_hash_table_lookup (marks, ids[k]));
          g_hash_table_insert (marks, g_strdup (ids[k]), GUINT_TO_POINTER (m + add));
        }
    }
  return marks;
}

/* Every element with an error finding carries a red badge on its own
 * rectangle; warning-only elements an amber one; elements without findings
 * none. In both themes, at two zooms. */
static void
test_example_badges (gconstpointer data)
{
  const char *path = data;
  static const double scales[] = { 1.0, 2.0 };
  Example ex;
  g_autoptr(GHashTable) marks = NULL;
  guint n_errors = 0;

  example_load (&ex, path);
  marks = marks_of (G_LIST_MODEL (ex.findings));
  for (VpcTheme theme = VPC_THEME_LIGHT; theme <= VPC_THEME_DARK; theme++)
    for (guint s = 0; s < G_N_ELEMENTS (scales); s++)
      {
        const VpcThemeColors *pal = vpc_theme_get_colors (theme);
        guint32 error_rgb = color_rgb (&pal->error);
        guint32 warning_rgb = color_rgb (&pal->warning);
        cairo_surface_t *surface = example_render (&ex, theme, scales[s]);
        GHashTableIter iter;
        gpointer key, value;

        n_errors = 0;
        g_hash_table_iter_init (&iter, marks);
        while (g_hash_table_iter_next (&iter, &key, &value))
          {
            guint mark = GPOINTER_TO_UINT (value);
            gboolean error = VPC_MARK_ERRORS (mark) > 0;
            VpcRect r;
            guint n;

            if (!marked_rect (ex.design, key, &r))
              continue;
            n = badge_pixels (surface, &ex, &r, error ? error_rgb : warning_rgb);
            if (n < 8 * scales[s] * scales[s])
              g_error (
                  "%s: %s '%s' has no %s badge on its rectangle (%u pixels, theme %d, scale %g)",
                  path, error ? "errored" : "warned", (const char *) key, error ? "red" : "amber",
                  n, theme, scales[s]);
            n_errors += error;
          }
        /* Elements without findings have no badge at their corner. */
        for (VpcKind k = 0; k < VPC_N_KINDS; k++)
          for (guint i = 0; i < vpc_design_get_n_elements (ex.design, k); i++)
            {
              const VpcElement *e = vpc_design_get_element (ex.design, k, i);
              VpcRect r;

              if (g_hash_table_contains (marks, e->id) || !marked_rect (ex.design, e->id, &r))
                continue;
              if (badge_pixels (surface, &ex, &r, error_rgb) > 4 * scales[s] * scales[s])
                g_error ("%s: '%s' has no error but a red badge (theme %d, scale %g)",
                         path, e->id, theme, scales[s]);
            }
        cairo_surface_destroy (surface);
      }
  g_test_message ("%s: %u elements with errors badged", path, n_errors);

  /* The check sees the badges, not something red in the drawing itself:
   * drawn without findings, no flagged element shows one. */
  {
    GListModel *findings = ex.options.findings;
    const VpcThemeColors *pal = vpc_theme_get_colors (VPC_THEME_LIGHT);
    cairo_surface_t *surface;
    GHashTableIter iter;
    gpointer key, value;

    ex.options.findings = NULL;
    surface = example_render (&ex, VPC_THEME_LIGHT, 1.0);
    g_hash_table_iter_init (&iter, marks);
    while (g_hash_table_iter_next (&iter, &key, &value))
      {
        guint mark = GPOINTER_TO_UINT (value);
        VpcRect r;

        if (marked_rect (ex.design, key, &r))
          g_assert_cmpuint (
              badge_pixels (surface, &ex, &r,
                            color_rgb (VPC_MARK_ERRORS (mark) > 0 ? &pal->error : &pal->warning)),
              <, 8);
      }
    cairo_surface_destroy (surface);
    ex.options.findings = findings;
  }
  example_clear (&ex);
}

/* The dark theme's page is dark all round (and the light one light). */
static void
test_example_themes (gconstpointer data)
{
  const char *path = data;
  Example ex;

  example_load (&ex, path);
  for (VpcTheme theme = VPC_THEME_LIGHT; theme <= VPC_THEME_DARK; theme++)
    {
      cairo_surface_t *surface = example_render (&ex, theme, 0.5);
      int w = cairo_image_surface_get_width (surface), h = cairo_image_surface_get_height (surface);
      const int corners[][2] = { { 2, 2 }, { w - 3, 2 }, { 2, h - 3 }, { w - 3, h - 3 } };

      for (guint c = 0; c < G_N_ELEMENTS (corners); c++)
        {
          double l = luminance (pixel_at (surface, corners[c][0], corners[c][1]));

          if (theme == VPC_THEME_DARK)
            g_assert_cmpfloat (l, <, 0.2);
          else
            g_assert_cmpfloat (l, >, 0.9);
        }
      cairo_surface_destroy (surface);
    }
  example_clear (&ex);
}

/* The same design drawn twice gives the same pixels (no clock, no hash
 * order in the drawing). */
static void
test_example_deterministic (void)
{
  g_autofree char *path = g_build_filename (g_getenv ("VPC_EXAMPLES_DIR"),
                                            "training-cannot-reach-s3-ecr.vpcd.json", NULL);
  Example a, b;
  cairo_surface_t *sa, *sb;
  gsize size;

  example_load (&a, path);
  example_load (&b, path);
  sa = example_render (&a, VPC_THEME_LIGHT, 1.0);
  sb = example_render (&b, VPC_THEME_LIGHT, 1.0);
  g_assert_cmpint (cairo_image_surface_get_width (sa), ==, cairo_image_surface_get_width (sb));
  g_assert_cmpint (cairo_image_surface_get_height (sa), ==, cairo_image_surface_get_height (sb));
  size = (gsize) cairo_image_surface_get_stride (sa) * cairo_image_surface_get_height (sa);
  g_assert_cmpmem (cairo_image_surface_get_data (sa), size, cairo_image_surface_get_data (sb),
                   size);
  cairo_surface_destroy (sa);
  cairo_surface_destroy (sb);
  example_clear (&a);
  example_clear (&b);
}

/* Two examples as the export draws them (title block with a fixed date,
 * legend, findings): one clean design in the light theme, one with error
 * badges in the dark theme. */
static void
test_example_goldens (void)
{
  static const struct { const char *example; VpcTheme theme; const char *golden; } cases[] = {
    { "two-az-training-and-hosting", VPC_THEME_LIGHT, "two-az-training-and-hosting-light.png" },
    { "training-cannot-reach-s3-ecr", VPC_THEME_LIGHT, "training-cannot-reach-s3-ecr-light.png" },
    { "training-cannot-reach-s3-ecr", VPC_THEME_DARK, "training-cannot-reach-s3-ecr-dark.png" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *file = g_strconcat (cases[i].example, ".vpcd.json", NULL);
      g_autofree char *path = g_build_filename (g_getenv ("VPC_EXAMPLES_DIR"), file, NULL);
      cairo_surface_t *surface;
      Example ex;

      example_load (&ex, path);
      surface = example_render (&ex, cases[i].theme, 1.0);
      maybe_save (surface, cases[i].golden);
      check_golden (surface, cases[i].golden);
      cairo_surface_destroy (surface);
      example_clear (&ex);
    }
}

int
main (int    argc,
      char **argv)
{
  g_autoptr(GPtrArray) files = NULL;
  g_autoptr(GPtrArray) labels = NULL;
  int status;

  /* The title block's date, fixed for the goldens. */
  g_setenv ("SOURCE_DATE_EPOCH", "1767225600", TRUE); /* 2026-01-01 */
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/render/theme-backgrounds", test_theme_backgrounds);
  g_test_add_func ("/render/hit-test-order", test_hit_test_order);
  g_test_add_func ("/render/error-badge", test_error_badge);
  g_test_add_func ("/render/selection-and-cull", test_selection_and_cull);
  g_test_add_func ("/render/low-zoom", test_low_zoom);
  g_test_add_func ("/render/cull-same-picture", test_cull_same_picture);
  g_test_add_func ("/render/cull-after-moves", test_cull_after_moves);
  g_test_add_func ("/render/low-zoom-recorded", test_low_zoom_recorded);
  g_test_add_func ("/render/low-zoom-marks", test_low_zoom_marks);
  g_test_add_func ("/render/marks-follow-changes", test_marks_follow_changes);
  g_test_add_func ("/render/marks-counted-ahead", test_marks_counted_ahead);
  g_test_add_func ("/render/cache-pans", test_cache_pans);
  g_test_add_func ("/render/cache-zooms", test_cache_zooms);
  g_test_add_func ("/render/painter-pixels", test_painter_pixels);
  g_test_add_func ("/render/bounds-follow-edits", test_bounds_follow_edits);
  g_test_add_func ("/render/goldens", test_goldens);
  g_test_add_func ("/render/study-guide-goldens", test_study_guide_goldens);
  g_test_add_func ("/render/format-number", test_format_number);
  g_test_add_func ("/render/text-fit", test_text_fit);
  g_test_add_func ("/render/text-shortcuts", test_text_shortcuts);
  g_test_add_func ("/render/chip-widths", test_chip_widths);
  g_test_add_func ("/render/text-pairs", test_text_pairs);
  g_test_add_func ("/render/text-pairs-early", test_text_pairs_early);
  g_test_add_func ("/render/text-wrap-unpaired", test_text_wrap_unpaired);
  g_test_add_func ("/render/legend-rows", test_legend_rows);
  g_test_add_func ("/render/examples/deterministic", test_example_deterministic);
  g_test_add_func ("/render/examples/goldens", test_example_goldens);
  files = render_design_files (&labels);
  /* Every example and rule scenario, found at run time. */
  g_assert_cmpuint (files->len, >=, 8);
  for (guint i = 0; i < files->len; i++)
    {
      g_autofree char *badges = g_strdup_printf ("/render/%s/badges", (char *) labels->pdata[i]);
      g_autofree char *themes = g_strdup_printf ("/render/%s/themes", (char *) labels->pdata[i]);

      g_test_add_data_func (badges, files->pdata[i], test_example_badges);
      g_test_add_data_func (themes, files->pdata[i], test_example_themes);
    }
  status = g_test_run ();
  vpc_render_clear_caches ();
  return status;
}
