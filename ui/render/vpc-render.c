/* SPDX-License-Identifier: GPL-3.0-or-later */
/* vpc-render.c: draws a design as an AWS-style architecture diagram, for
 * the canvas and the exports alike.
 *
 * All drawing goes through a VpcPainter (vpc-painter.h): the cairo + pango
 * painter for the canvas, PNG and PDF (vpc_render_design), the SVG writer
 * for SVG (vpc_render_design_svg). Both run the same vpc_render_draw().
 *
 * Drawing goes back to front: background and grid, the VPC, AZ columns,
 * subnets, connectors, network-interface markers, icons, finding outlines
 * and badges, selection, and for exports the title block. Elements outside
 * the clip rectangle are skipped; below VPC_RENDER_LOD_SCALE only boxes
 * are drawn. */
#include <math.h>

#include "vpc-render-private.h"
#include "vpc-render-routes.h"
#include "vpc-finding.h"
#include "vpc-icons.h"
#include "vpc-layout.h"

void
vpc_render_options_init (VpcRenderOptions *options)
{
  *options = (VpcRenderOptions) {
    .theme = VPC_THEME_LIGHT,
    .scale = 1.0,
    .grid_size = 20.0,
    .text_scale = 1.0,
    .legend = TRUE,
    .background = TRUE,
  };
}

gboolean
vpc_render_visible (const VpcRenderCtx *ctx,
                    const VpcRect      *r,
                    double              margin)
{
  if (!ctx->culling)
    return TRUE;
  return r->x - margin < ctx->clip.x + ctx->clip.w &&
         r->x + r->w + margin > ctx->clip.x &&
         r->y - margin < ctx->clip.y + ctx->clip.h &&
         r->y + r->h + margin > ctx->clip.y;
}

/* A world line width that never gets thinner than 0.75 device pixels. */
double
vpc_render_line (const VpcRenderCtx *ctx,
                 double              width)
{
  return MAX (width, 0.75 / ctx->scale);
}

/* Clips the segment to the visible rectangle (Liang–Barsky), so that a
 * long line across a huge design costs only its visible part. FALSE when
 * nothing of it is visible. */
gboolean
vpc_render_clip_segment (const VpcRenderCtx *ctx,
                         double             *x0,
                         double             *y0,
                         double             *x1,
                         double             *y1)
{
  double dx = *x1 - *x0, dy = *y1 - *y0, t0 = 0, t1 = 1;
  double p[4], q[4];
  VpcRect c;

  if (!ctx->culling)
    return TRUE;
  c = (VpcRect) { ctx->clip.x - 8, ctx->clip.y - 8, ctx->clip.w + 16, ctx->clip.h + 16 };
  p[0] = -dx; q[0] = *x0 - c.x;
  p[1] = dx;  q[1] = c.x + c.w - *x0;
  p[2] = -dy; q[2] = *y0 - c.y;
  p[3] = dy;  q[3] = c.y + c.h - *y0;
  for (int i = 0; i < 4; i++)
    {
      double r;

      if (p[i] == 0)
        {
          if (q[i] < 0)
            return FALSE;
          continue;
        }
      r = q[i] / p[i];
      if (p[i] < 0)
        t0 = MAX (t0, r);
      else
        t1 = MIN (t1, r);
      if (t0 > t1)
        return FALSE;
    }
  *x1 = *x0 + t1 * dx;
  *y1 = *y0 + t1 * dy;
  *x0 = *x0 + t0 * dx;
  *y0 = *y0 + t0 * dy;
  return TRUE;
}

guint
vpc_render_mark_of (const VpcRenderCtx *ctx,
                    const char         *id)
{
  if (ctx->marks == NULL || id == NULL)
    return 0;
  return GPOINTER_TO_UINT (g_hash_table_lookup (ctx->marks, id));
}

gboolean
vpc_render_is_selected (const VpcRenderCtx *ctx,
                        const char         *id)
{
  return ctx->options->selection != NULL &&
         g_hash_table_contains (ctx->options->selection, id);
}

/* format.md §7: each element drawn inside <g class="vpcd-KIND"
 * data-id="ID"> whose <title> is its name (the SVG writer; other painters
 * ignore groups). Groups are not nested: each closes when its element is
 * drawn, so every group is in the one coordinate system. */
void
vpc_render_begin_element (VpcRenderCtx     *ctx,
                          const VpcElement *e)
{
  static const char *const classes[VPC_N_KINDS] = {
    [VPC_KIND_AZ] = "vpcd-az",
    [VPC_KIND_SUBNET] = "vpcd-subnet",
    [VPC_KIND_SECURITY_GROUP] = "vpcd-security-group",
    [VPC_KIND_ENDPOINT] = "vpcd-endpoint",
    [VPC_KIND_NAT_GATEWAY] = "vpcd-nat-gateway",
    [VPC_KIND_WORKLOAD] = "vpcd-workload",
  };

  vpc_painter_begin_group (ctx->p, classes[e->kind], e->id, vpc_element_get_display_name (e));
}

/* The icon square of an icon element: centred at the top of its cell. */
void
vpc_render_tile_rect (const VpcElement *e,
                      VpcRect          *tile)
{
  vpc_render_tile_of_box (&e->layout, tile);
}

void
vpc_render_tile_of_box (const VpcRect *layout,
                        VpcRect       *tile)
{
  double size = MIN (VPC_TILE, MIN (layout->w, layout->h));

  tile->x = layout->x + (layout->w - size) / 2;
  tile->y = layout->y;
  tile->w = size;
  tile->h = size;
}

/* The element as drawn, for the routes (vpc-render-routes.h). */
static const VpcElement *
shadow_of (const VpcElement *e,
           gpointer          data)
{
  return vpc_render_shadow (data, e);
}

void
vpc_render_routes_options (const VpcRenderCtx *ctx,
                           VpcRoutesOptions   *options)
{
  vpc_routes_options_init (options);
  if (ctx == NULL)
    return;
  options->text_scale = ctx->options->text_scale;
  options->subnet_header *= CLAMP (ctx->options->text_scale, 1.0, 2.0);
  if (ctx->shadows != NULL)
    {
      options->shadow = shadow_of;
      options->shadow_data = (gpointer) ctx;
    }
}

/* The router's options for drawing a design (as saved) with @options. */
static void
routes_options_for (const VpcRenderOptions *options,
                    VpcRoutesOptions       *routes)
{
  VpcRenderCtx ctx = { .options = options };

  vpc_render_routes_options (&ctx, routes);
}

void
vpc_render_route (VpcDesign              *design,
                  const VpcRenderOptions *options)
{
  VpcRoutesOptions routes;

  g_return_if_fail (VPC_IS_DESIGN (design) && options != NULL);

  routes_options_for (options, &routes);
  vpc_routes_get_cached (design, &routes, NULL);
}

void
vpc_render_prefetch_routes (VpcDesign              *design,
                            const VpcRenderOptions *options)
{
  VpcRoutesOptions routes;

  g_return_if_fail (VPC_IS_DESIGN (design) && options != NULL);

  routes_options_for (options, &routes);
  vpc_routes_prefetch (design, &routes);
}

gboolean
vpc_render_connectors_wait (const VpcRenderCtx *ctx)
{
  return ctx != NULL && ctx->options->connectors_when_routed && ctx->shadows == NULL
         && !vpc_routes_were_made (ctx->design);
}

/* Whether @ctx's stand-ins leave every marker where the design puts it
 * (a workload dragged in a large design no longer places them all again
 * each frame). */
static gboolean
shadows_keep_markers (const VpcRenderCtx *ctx)
{
  GHashTableIter iter;
  gpointer value;

  g_hash_table_iter_init (&iter, ctx->shadows);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    {
      const VpcElement *s = value;

      if (vpc_routes_kind_places_markers (s->kind))
        return FALSE;
    }
  return TRUE;
}

/* Markers sit on the side of their subnet that faces their endpoint, in
 * the order of the endpoints (vpc-render-routes.c places them). @ctx may
 * be NULL (hit testing): the design's own geometry. */
static void
foreach_eni (VpcDesign          *design,
             const VpcRenderCtx *ctx,
             VpcEniFunc          func,
             gpointer            data)
{
  g_autoptr(VpcRouter) router = NULL;
  VpcRoutesOptions options;

  if (vpc_render_connectors_wait (ctx))
    return;
  vpc_render_routes_options (ctx, &options);
  if (options.shadow != NULL && shadows_keep_markers (ctx))
    {
      options.shadow = NULL;
      options.shadow_data = NULL;
    }
  if (options.shadow == NULL)
    {
      vpc_router_foreach_marker (vpc_routes_get_cached (design, &options, NULL), func, data);
      return;
    }
  /* A drag preview: this frame only. */
  options.markers_only = TRUE;
  router = vpc_router_new (design, &options);
  vpc_router_foreach_marker (router, func, data);
}

void
vpc_render_foreach_eni (const VpcRenderCtx *ctx,
                        VpcEniFunc          func,
                        gpointer            data)
{
  foreach_eni (ctx->design, ctx, func, data);
}

void
vpc_render_mark_finding (GHashTable *marks,
                         VpcFinding *finding,
                         int         sign)
{
  static const char *const vpc_only[] = { "", NULL };
  VpcSeverity severity = vpc_finding_get_severity (finding);
  const char *const *ids = vpc_finding_get_elements (finding);
  guint add;

  if (severity == VPC_SEVERITY_INFO)
    return;
  add = severity == VPC_SEVERITY_ERROR ? VPC_MARK_ONE_ERROR : VPC_MARK_ONE_WARNING;
  if (ids == NULL || ids[0] == NULL)
    ids = vpc_only;
  for (guint k = 0; ids[k] != NULL; k++)
    {
      guint m = GPOINTER_TO_UINT (g_hash_table_lookup (marks, ids[k]));

      m = sign > 0 ? m + add : m - add;
      /* The key stays the string it was added with. */
      if (m == 0)
        g_hash_table_remove (marks, ids[k]);
      else
        g_hash_table_insert (marks, (gpointer) ids[k], GUINT_TO_POINTER (m));
    }
}

#define COUNTED_KEY "vpc-render-counted-marks"

GHashTable *
vpc_render_count_marks_array (GPtrArray *findings)
{
  GHashTable *marks;

  if (findings == NULL || findings->len == 0)
    return NULL;
  marks = g_hash_table_new (g_str_hash, g_str_equal);
  for (guint i = 0; i < findings->len; i++)
    vpc_render_mark_finding (marks, g_ptr_array_index (findings, i), 1);
  return marks;
}

/* Counts handed over describe the list as it was: a change drops them. */
static void
counted_list_changed (GListModel *findings,
                      guint       position,
                      guint       removed,
                      guint       added)
{
  g_object_set_data (G_OBJECT (findings), COUNTED_KEY, NULL);
  g_signal_handlers_disconnect_by_func (findings, counted_list_changed, NULL);
}

void
vpc_render_set_counted_marks (GListModel *findings,
                              GHashTable *marks)
{
  g_return_if_fail (G_IS_LIST_MODEL (findings));

  g_signal_handlers_disconnect_by_func (findings, counted_list_changed, NULL);
  g_object_set_data_full (G_OBJECT (findings), COUNTED_KEY,
                          marks != NULL ? g_hash_table_ref (marks) : NULL,
                          (GDestroyNotify) g_hash_table_unref);
  if (marks != NULL)
    g_signal_connect (findings, "items-changed", G_CALLBACK (counted_list_changed), NULL);
}

/* Finding counts per element id, computed once per draw. Findings that
 * name no element concern the VPC itself and are kept under "". */
GHashTable *
vpc_render_count_marks (GListModel *findings)
{
  GHashTable *marks;
  guint n;

  if (findings == NULL || (n = g_list_model_get_n_items (findings)) == 0)
    return NULL;
  /* Read after the list is complete: its counts may come with it. */
  marks = g_object_get_data (G_OBJECT (findings), COUNTED_KEY);
  if (marks != NULL)
    return g_hash_table_ref (marks);
  marks = g_hash_table_new (g_str_hash, g_str_equal);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(VpcFinding) f = g_list_model_get_item (findings, i);

      vpc_render_mark_finding (marks, f, 1);
    }
  return marks;
}

static gboolean
target_is_vector (cairo_t *cr)
{
  switch (cairo_surface_get_type (cairo_get_target (cr)))
    {
    case CAIRO_SURFACE_TYPE_PDF:
    case CAIRO_SURFACE_TYPE_SVG:
    case CAIRO_SURFACE_TYPE_PS:
      return TRUE;
    default:
      return FALSE;
    }
}

static void
content_rect_walk (VpcDesign *design,
                   VpcRect   *out)
{
  const VpcDesignInfo *info = vpc_design_get_info (design);
  double x0 = G_MAXDOUBLE, y0 = G_MAXDOUBLE, x1 = -G_MAXDOUBLE, y1 = -G_MAXDOUBLE;

  if (info->has_vpc_layout)
    {
      x0 = info->vpc_layout.x;
      y0 = info->vpc_layout.y;
      x1 = x0 + info->vpc_layout.w;
      y1 = y0 + info->vpc_layout.h;
    }
  for (guint k = 0; k < VPC_N_KINDS; k++)
    for (guint i = 0; i < vpc_design_get_n_elements (design, k); i++)
      {
        const VpcElement *e = vpc_design_get_element (design, k, i);
        double spill = k >= VPC_KIND_SECURITY_GROUP ? VPC_LABEL_SPILL : 0;

        if (!e->has_layout)
          continue;
        x0 = MIN (x0, e->layout.x - spill);
        y0 = MIN (y0, e->layout.y);
        x1 = MAX (x1, e->layout.x + e->layout.w + spill);
        y1 = MAX (y1, e->layout.y + e->layout.h);
      }
  if (x0 > x1)
    {
      *out = (VpcRect) { 0, 0, 400, 300 };
      return;
    }
  /* Room for badges that straddle top-right corners. */
  *out = (VpcRect) { x0, y0 - 10, x1 - x0 + 10, y1 - y0 + 10 };
}

typedef struct
{
  guint64 revision;
  VpcRect rect;
} ContentRect;

/* What the elements cover, kept on the design until it changes: a PNG
 * drawn in bands placed its title block once per band, each a walk of
 * every element. */
static void
content_rect (VpcDesign *design,
              VpcRect   *out)
{
  static const char key[] = "vpc-render-content-rect";
  ContentRect *kept = g_object_get_data (G_OBJECT (design), key);
  guint64 revision = vpc_design_get_shape_revision (design);

  if (kept == NULL)
    {
      kept = g_new (ContentRect, 1);
      kept->revision = revision + 1;
      g_object_set_data_full (G_OBJECT (design), key, kept, g_free);
    }
  if (kept->revision != revision)
    {
      content_rect_walk (design, &kept->rect);
      kept->revision = revision;
    }
  *out = kept->rect;
}

void
vpc_render_get_bounds (VpcDesign              *design,
                       const VpcRenderOptions *options,
                       double                 *x,
                       double                 *y,
                       double                 *w,
                       double                 *h)
{
  VpcRect r, title;

  content_rect (design, &r);
  if (options != NULL && options->title_block)
    {
      /* Measured at the text size it will be drawn at. */
      double saved
          = vpc_render_text_set_scale (options->text_scale > 0 ? options->text_scale : 1.0);

      vpc_render_title_rect (design, options, &r, &title);
      vpc_render_text_set_scale (saved);
      r.w = MAX (r.x + r.w, title.x + title.w) - r.x;
      r.h = title.y + title.h - r.y;
    }
  *x = r.x;
  *y = r.y;
  *w = r.w;
  *h = r.h;
}

/* Stand-ins for the overridden elements: shallow copies (sharing the
 * element's strings and arrays, which outlive the draw) with the overriding
 * rectangle as their layout. */
static void
apply_overrides (VpcRenderCtx *ctx,
                 GHashTable   *overrides)
{
  GHashTableIter iter;
  gpointer key, value;

  ctx->shadows = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, g_free);
  g_hash_table_iter_init (&iter, overrides);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      const VpcRect *r = value;
      const VpcElement *e;
      VpcElement *shadow;

      if (g_str_equal (key, VPC_RENDER_VPC_ID))
        {
          ctx->info_copy = *ctx->info;
          ctx->info_copy.has_vpc_layout = TRUE;
          ctx->info_copy.vpc_layout = *r;
          ctx->info = &ctx->info_copy;
          continue;
        }
      if ((e = vpc_design_lookup (ctx->design, key)) == NULL)
        continue;
      shadow = g_memdup2 (e, sizeof *e);
      shadow->has_layout = TRUE;
      shadow->layout = *r;
      g_hash_table_insert (ctx->shadows, shadow->id, shadow);
    }
}

/* Hidden elements are stand-ins without a layout, which every part of the
 * drawing (and the router) leaves out. */
static void
apply_hidden (VpcRenderCtx *ctx,
              GHashTable   *hidden)
{
  GHashTableIter iter;
  gpointer key;

  if (ctx->shadows == NULL)
    ctx->shadows = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, g_free);
  g_hash_table_iter_init (&iter, hidden);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    {
      const VpcElement *e;
      VpcElement *shadow;

      if (g_str_equal (key, VPC_RENDER_VPC_ID))
        {
          if (ctx->info != &ctx->info_copy)
            ctx->info_copy = *ctx->info;
          ctx->info_copy.has_vpc_layout = FALSE;
          ctx->info = &ctx->info_copy;
          continue;
        }
      if ((e = vpc_design_lookup (ctx->design, key)) == NULL)
        continue;
      shadow = g_memdup2 (vpc_render_shadow (ctx, e), sizeof *e);
      shadow->has_layout = FALSE;
      g_hash_table_replace (ctx->shadows, shadow->id, shadow);
    }
}

static void
ctx_init (VpcRenderCtx           *ctx,
          VpcDesign              *design,
          const VpcRenderOptions *options)
{
  ctx->design = design;
  ctx->info = vpc_design_get_info (design);
  ctx->options = options;
  ctx->pal = vpc_theme_get_colors (options->theme);
  /* Past these a cairo matrix stops being invertible (or the drawing
   * means nothing): the scale is kept within them. */
  ctx->scale = options->scale > 0 ? CLAMP (options->scale, VPC_RENDER_MIN_SCALE,
                                           VPC_RENDER_MAX_SCALE) : 1.0;
  ctx->detail = ctx->scale >= VPC_RENDER_LOD_SCALE;
  ctx->culling = options->clip_w > 0 && options->clip_h > 0;
  ctx->clip = (VpcRect) { options->clip_x, options->clip_y, options->clip_w, options->clip_h };
  if (options->overrides != NULL && g_hash_table_size (options->overrides) > 0)
    apply_overrides (ctx, options->overrides);
  if (options->hidden != NULL && g_hash_table_size (options->hidden) > 0)
    apply_hidden (ctx, options->hidden);
  ctx->saved_text_scale
      = vpc_render_text_set_scale (options->text_scale > 0 ? options->text_scale : 1.0);
}

static void
ctx_clear (VpcRenderCtx *ctx)
{
  g_clear_pointer (&ctx->marks, g_hash_table_unref);
  g_clear_pointer (&ctx->shadows, g_hash_table_unref);
  vpc_render_text_set_scale (ctx->saved_text_scale);
}

/* Back to front, through the painter: the canvas, PNG, PDF and SVG all
 * come from here. */
void
vpc_render_draw (VpcRenderCtx *ctx)
{
  const VpcRenderOptions *options = ctx->options;
  VpcRect content;

  if (ctx->part != VPC_RENDER_PART_HIGHLIGHTS)
    {
      if (options->background)
        vpc_painter_clear (ctx->p, &ctx->pal->background);
      if (options->show_grid)
        vpc_render_grid (ctx);
      vpc_render_vpc_box (ctx);
      vpc_render_azs (ctx);
      vpc_render_subnets (ctx);
      vpc_render_connectors (ctx);
      vpc_render_enis (ctx);
      vpc_render_items (ctx);
      /* The findings are read here, after the bulk of the drawing: an
       * export hands over a list that is still being computed on another
       * thread, and only now waits for it (unless the page's legend, or a
       * PNG's first band, needed it sooner). */
      /* A caller drawing many bands hands over its counts; the canvas draws
       * frame after frame from one list and keeps them on it until it changes. */
      if (options->marks != NULL)
        ctx->marks = g_hash_table_ref (options->marks);
      else if (ctx->culling)
        ctx->marks = vpc_render_marks_cached (options->findings, &ctx->marks_generation);
      else
        ctx->marks = vpc_render_count_marks (options->findings);
      vpc_render_marks (ctx);
    }
  if (ctx->part != VPC_RENDER_PART_BASE)
    vpc_render_highlights (ctx);
  if (ctx->part == VPC_RENDER_PART_ALL && options->title_block)
    {
      content_rect (ctx->design, &content);
      vpc_render_title_block (ctx, &content);
    }
  vpc_painter_flush (ctx->p);
}

void
vpc_render_design_part (cairo_t                *cr,
                        VpcDesign              *design,
                        const VpcRenderOptions *options,
                        VpcRenderPart           part)
{
  VpcRenderCtx ctx = { 0 };
  double x0, y0, x1, y1;

  ctx_init (&ctx, design, options);
  ctx.part = part;
  cairo_save (cr);
  cairo_translate (cr, options->offset_x, options->offset_y);
  cairo_scale (cr, ctx.scale, ctx.scale);
  cairo_set_line_join (cr, CAIRO_LINE_JOIN_ROUND);
  cairo_clip_extents (cr, &x0, &y0, &x1, &y1);
  ctx.extents = (VpcRect) { x0, y0, x1 - x0, y1 - y0 };
  ctx.p = vpc_painter_cairo_new (cr, ctx.scale, target_is_vector (cr));
  vpc_render_draw (&ctx);
  vpc_painter_free (ctx.p);
  cairo_restore (cr);
  ctx_clear (&ctx);
}

void
vpc_render_design (cairo_t                *cr,
                   VpcDesign              *design,
                   const VpcRenderOptions *options)
{
  g_return_if_fail (cr != NULL && VPC_IS_DESIGN (design) && options != NULL);

  vpc_render_design_part (cr, design, options, VPC_RENDER_PART_ALL);
}

/* Into @svg when @write is NULL, else streamed to @write. */
static void
design_svg (GString                *svg,
            VpcPainterWriteFunc     write,
            gpointer                user_data,
            VpcDesign              *design,
            const VpcRenderOptions *options,
            double                  width,
            double                  height)
{
  VpcRenderCtx ctx = { 0 };

  ctx_init (&ctx, design, options);
  ctx.extents = (VpcRect) {
    -options->offset_x / ctx.scale, -options->offset_y / ctx.scale,
    width / ctx.scale, height / ctx.scale,
  };
  if (write != NULL)
    ctx.p = vpc_painter_svg_new_stream (write, user_data, width, height, ctx.scale,
                                        options->offset_x, options->offset_y);
  else
    ctx.p = vpc_painter_svg_new (svg, width, height, ctx.scale, options->offset_x,
                                 options->offset_y);
  /* While another thread routes the connectors (an export asked for it),
   * the labels, drawn after them, are wrapped and cached now: the two
   * largest parts of a big SVG overlap. */
  if (vpc_routes_prefetching (design))
    {
      VpcPainter *real = g_steal_pointer (&ctx.p);

      ctx.p = vpc_painter_null_new ();
      vpc_render_items (&ctx);
      vpc_painter_free (ctx.p);
      ctx.p = real;
    }
  vpc_render_draw (&ctx);
  vpc_painter_free (ctx.p);
  ctx_clear (&ctx);
}

void
vpc_render_design_svg (GString                *svg,
                       VpcDesign              *design,
                       const VpcRenderOptions *options,
                       double                  width,
                       double                  height)
{
  g_return_if_fail (svg != NULL && VPC_IS_DESIGN (design) && options != NULL);

  design_svg (svg, NULL, NULL, design, options, width, height);
}

void
vpc_render_design_svg_stream (VpcPainterWriteFunc     write,
                              gpointer                user_data,
                              VpcDesign              *design,
                              const VpcRenderOptions *options,
                              double                  width,
                              double                  height)
{
  g_return_if_fail (write != NULL && VPC_IS_DESIGN (design) && options != NULL);

  design_svg (NULL, write, user_data, design, options, width, height);
}

static gboolean
rect_contains (const VpcRect *r,
               double         x,
               double         y)
{
  return x >= r->x && x < r->x + r->w && y >= r->y && y < r->y + r->h;
}

typedef struct
{
  double      x, y;
  const char *hit;
} EniHit;

static void
eni_hit (const VpcElement *endpoint,
         const VpcElement *subnet,
         const VpcRect    *marker,
         gpointer          data)
{
  EniHit *h = data;

  if (rect_contains (marker, h->x, h->y))
    h->hit = endpoint->id;
}

static const char *
hit_kind (VpcDesign *design,
          VpcKind    kind,
          double     x,
          double     y)
{
  /* Later elements are drawn on top, so look from the end. */
  for (guint i = vpc_design_get_n_elements (design, kind); i-- > 0;)
    {
      const VpcElement *e = vpc_design_get_element (design, kind, i);
      if (e->has_layout && rect_contains (&e->layout, x, y))
        return e->id;
    }
  return NULL;
}

const char *
vpc_render_hit_test (VpcDesign *design,
                     double     x,
                     double     y)
{
  static const VpcKind icons[] = {
    VPC_KIND_WORKLOAD, VPC_KIND_NAT_GATEWAY, VPC_KIND_ENDPOINT, VPC_KIND_SECURITY_GROUP,
  };
  EniHit eni = { x, y, NULL };
  const char *hit;

  g_return_val_if_fail (VPC_IS_DESIGN (design), NULL);

  for (guint i = 0; i < G_N_ELEMENTS (icons); i++)
    if ((hit = hit_kind (design, icons[i], x, y)) != NULL)
      return hit;
  foreach_eni (design, NULL, eni_hit, &eni);
  if (eni.hit != NULL)
    return eni.hit;
  if ((hit = hit_kind (design, VPC_KIND_SUBNET, x, y)) != NULL)
    return hit;
  return hit_kind (design, VPC_KIND_AZ, x, y);
}

void
vpc_render_clear_caches (void)
{
  vpc_render_text_cache_clear ();
  vpc_icons_clear_cache ();
}
