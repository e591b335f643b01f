/* SPDX-License-Identifier: GPL-3.0-or-later */
/* vpc-render-cache.c: a large design zoomed out, kept as pixels between
 * frames. Zoomed out to 100,000 elements a frame took ~30 ms, two thirds
 * of it the findings' marks (about six dots on every pixel), and a pan drew
 * the same picture shifted. The cache keeps the picture without the
 * highlights for the view and half a view beyond each side, and draws it
 * again when anything it shows changes: the design (any revision), the
 * findings' counts, the zoom, a drawing option, or a pan by a fraction of
 * a pixel or out of it. While a zoom is under way, the canvas shows the
 * picture scaled (vpc_render_cache_draw_interim()) until the zoom rests. */
#include "vpc-render-cache.h"

#include <math.h>

#include "vpc-render-private.h"

/* Smaller designs draw zoomed out in a few milliseconds. */
#define CACHE_MIN_ELEMENTS 5000

struct _VpcRenderCache
{
  cairo_surface_t *image;   /* ARGB32, or NULL */
  /* The image's top-left corner in scaled world units: its device
   * position is this plus the offset. */
  double           origin_x, origin_y;
  int              width, height;
  /* What the image shows. */
  VpcDesign       *design;  /* a weak pointer */
  guint64          revision;
  GHashTable      *marks;   /* held: its address names one table */
  guint            marks_generation;
  VpcRenderOptions options;
  guint            served;  /* frames that came from the picture */
};

VpcRenderCache *
vpc_render_cache_new (void)
{
  return g_new0 (VpcRenderCache, 1);
}

static void
forget (VpcRenderCache *cache)
{
  g_clear_pointer (&cache->image, cairo_surface_destroy);
  g_clear_pointer (&cache->marks, g_hash_table_unref);
  g_clear_weak_pointer (&cache->design);
}

void
vpc_render_cache_free (VpcRenderCache *cache)
{
  if (cache == NULL)
    return;
  forget (cache);
  g_free (cache);
}

static gboolean
is_empty (GHashTable *table)
{
  return table == NULL || g_hash_table_size (table) == 0;
}

/* Whether @cr draws device pixels one to one, shifted by whole pixels. */
static gboolean
pixel_aligned (cairo_t *cr)
{
  cairo_matrix_t m;
  double sx, sy;

  cairo_get_matrix (cr, &m);
  cairo_surface_get_device_scale (cairo_get_target (cr), &sx, &sy);
  return m.xx == 1 && m.yy == 1 && m.xy == 0 && m.yx == 0 && m.x0 == floor (m.x0)
         && m.y0 == floor (m.y0) && sx == 1 && sy == 1;
}

/* Whether the frame may come from the cache: a large design zoomed out,
 * without view state that changes from frame to frame (a drag's
 * preview, steps hidden) or an export's title block. */
static gboolean
cacheable (cairo_t                *cr,
           VpcDesign              *design,
           const VpcRenderOptions *options)
{
  return options->scale > 0 && options->scale < VPC_RENDER_LOD_SCALE
         && options->clip_w > 0 && options->clip_h > 0
         && vpc_design_get_total_elements (design) >= CACHE_MIN_ELEMENTS
         && is_empty (options->overrides) && is_empty (options->hidden)
         && options->marks == NULL && !options->title_block && pixel_aligned (cr);
}

/* The options that change the picture the cache keeps (not the offset,
 * the clip or the highlights). Not connectors_when_routed either: zoomed
 * out no connector or interface marker is drawn, and the canvas's flips
 * when the design's routes are made, on a frame of its own. */
static gboolean
same_options (const VpcRenderOptions *a,
              const VpcRenderOptions *b)
{
  return a->theme == b->theme && a->scale == b->scale && a->findings == b->findings
         && a->show_grid == b->show_grid && a->grid_size == b->grid_size
         && a->text_scale == b->text_scale && a->background == b->background;
}

/* Where the image starts in the view (device pixels), when the view lies
 * within it at a whole-pixel shift. */
static gboolean
place_image (const VpcRenderCache   *cache,
             const VpcRenderOptions *options,
             int                     width,
             int                     height,
             int                    *x,
             int                    *y)
{
  double dx = cache->origin_x + options->offset_x, dy = cache->origin_y + options->offset_y;

  if (fabs (dx - round (dx)) > 1e-6 || fabs (dy - round (dy)) > 1e-6)
    return FALSE;
  *x = (int) round (dx);
  *y = (int) round (dy);
  return *x <= 0 && *y <= 0 && *x + cache->width >= width && *y + cache->height >= height;
}

/* Beyond each side of the view the image reaches this share of the view:
 * pans that far come from it. */
#define CACHE_MARGIN 0.5
/* At most this many pixels in the image (32 MB): on a very large view
 * the margin shrinks, down to none. */
#define CACHE_MAX_PIXELS (8 * 1024 * 1024)

/* The margin for a @width x @height view. */
static double
margin_for (int width,
            int height)
{
  double room = sqrt ((double) CACHE_MAX_PIXELS / ((double) width * height));

  return CLAMP ((room - 1) / 2, 0, CACHE_MARGIN);
}

static void
draw_image (VpcRenderCache         *cache,
            VpcDesign              *design,
            const VpcRenderOptions *options,
            int                     width,
            int                     height)
{
  VpcRenderOptions base = *options;
  double margin = margin_for (width, height);
  int x0 = -(int) ceil (width * margin), y0 = -(int) ceil (height * margin);
  cairo_t *cr;

  forget (cache);
  cache->width = width - 2 * x0;
  cache->height = height - 2 * y0;
  cache->image = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, cache->width, cache->height);
  cache->origin_x = x0 - options->offset_x;
  cache->origin_y = y0 - options->offset_y;
  base.offset_x = -cache->origin_x;
  base.offset_y = -cache->origin_y;
  base.clip_x = cache->origin_x / options->scale;
  base.clip_y = cache->origin_y / options->scale;
  base.clip_w = cache->width / options->scale;
  base.clip_h = cache->height / options->scale;
  base.selection = NULL;
  base.hover_id = NULL;
  cr = cairo_create (cache->image);
  vpc_render_design_part (cr, design, &base, VPC_RENDER_PART_BASE);
  cairo_destroy (cr);
  cairo_surface_flush (cache->image);
  g_set_weak_pointer (&cache->design, design);
  cache->revision = vpc_design_get_revision (design);
  cache->options = *options;
}

/* Whether the kept picture shows @design as drawn with @options now. The
 * findings' counts it is drawn with go to @marks and @generation (the
 * renderer reads the same, cached on the list). */
static gboolean
shows (const VpcRenderCache   *cache,
       VpcDesign              *design,
       const VpcRenderOptions *options,
       GHashTable            **marks,
       guint                  *generation)
{
  *generation = 0;
  *marks = vpc_render_marks_cached (options->findings, generation);
  return cache->image != NULL && cache->design == design
         && cache->revision == vpc_design_get_revision (design) && cache->marks == *marks
         && cache->marks_generation == *generation && same_options (&cache->options, options);
}

gboolean
vpc_render_cache_draw (VpcRenderCache         *cache,
                       cairo_t                *cr,
                       VpcDesign              *design,
                       const VpcRenderOptions *options,
                       int                     width,
                       int                     height)
{
  g_autoptr(GHashTable) marks = NULL;
  guint generation;
  gboolean kept;
  int x, y;

  g_return_val_if_fail (cache != NULL && cr != NULL && VPC_IS_DESIGN (design), FALSE);
  g_return_val_if_fail (options != NULL, FALSE);

  if (width <= 0 || height <= 0 || !cacheable (cr, design, options))
    {
      forget (cache);
      vpc_render_design (cr, design, options);
      return FALSE;
    }
  kept = shows (cache, design, options, &marks, &generation)
         && place_image (cache, options, width, height, &x, &y);
  if (!kept)
    {
      draw_image (cache, design, options, width, height);
      cache->marks = g_steal_pointer (&marks);
      cache->marks_generation = generation;
      /* Drawn for this view: it is in place, unless rounding said not. */
      if (!place_image (cache, options, width, height, &x, &y))
        {
          vpc_render_design (cr, design, options);
          return FALSE;
        }
    }
  cache->served += kept;
  cairo_save (cr);
  cairo_set_source_surface (cr, cache->image, x, y);
  cairo_pattern_set_filter (cairo_get_source (cr), CAIRO_FILTER_NEAREST);
  cairo_rectangle (cr, 0, 0, width, height);
  cairo_fill (cr);
  cairo_restore (cr);
  vpc_render_design_part (cr, design, options, VPC_RENDER_PART_HIGHLIGHTS);
  return kept;
}

/* Beyond these zoom ratios a scaled picture is too coarse or too small. */
#define INTERIM_MIN_RATIO 0.5
#define INTERIM_MAX_RATIO 2.0

gboolean
vpc_render_cache_draw_interim (VpcRenderCache         *cache,
                               cairo_t                *cr,
                               VpcDesign              *design,
                               const VpcRenderOptions *options,
                               int                     width,
                               int                     height)
{
  g_autoptr(GHashTable) marks = NULL;
  VpcRenderOptions kept_zoom;
  guint generation;
  double ratio;

  g_return_val_if_fail (cache != NULL && cr != NULL && VPC_IS_DESIGN (design), FALSE);
  g_return_val_if_fail (options != NULL, FALSE);

  if (cache->image == NULL || width <= 0 || height <= 0 || !cacheable (cr, design, options))
    return FALSE;
  ratio = options->scale / cache->options.scale;
  kept_zoom = *options;
  kept_zoom.scale = cache->options.scale;
  if (!shows (cache, design, &kept_zoom, &marks, &generation) || ratio < INTERIM_MIN_RATIO
      || ratio > INTERIM_MAX_RATIO)
    return FALSE;
  cairo_save (cr);
  cairo_rectangle (cr, 0, 0, width, height);
  cairo_clip (cr);
  /* Zoomed out past the picture's edge: the view's background. */
  if (options->background)
    {
      vpc_color_set (cr, &vpc_theme_get_colors (options->theme)->background);
      cairo_paint (cr);
    }
  /* The image's pixel (u, v) is the world point ((origin + u) / kept
   * scale): at the new scale, (origin + u) * ratio + offset. */
  cairo_translate (cr, cache->origin_x * ratio + options->offset_x,
                   cache->origin_y * ratio + options->offset_y);
  cairo_scale (cr, ratio, ratio);
  cairo_set_source_surface (cr, cache->image, 0, 0);
  cairo_pattern_set_filter (cairo_get_source (cr), CAIRO_FILTER_BILINEAR);
  cairo_paint (cr);
  cairo_restore (cr);
  vpc_render_design_part (cr, design, options, VPC_RENDER_PART_HIGHLIGHTS);
  cache->served++;
  return TRUE;
}

guint
vpc_render_cache_get_served (VpcRenderCache *cache)
{
  g_return_val_if_fail (cache != NULL, 0);

  return cache->served;
}
