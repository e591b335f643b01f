/* SPDX-License-Identifier: GPL-3.0-or-later */
/* vpc-render-private.h: what the vpc-render-*.c files share. */
#pragma once

#include <pango/pangocairo.h>

#include "vpc-finding.h"
#include "vpc-render.h"
#include "vpc-layout.h"
#include "vpc-theme.h"
#include "vpc-painter.h"
#include "vpc-render-routes.h"

G_BEGIN_DECLS

/* Geometry of an icon element inside its layout cell. */
#define VPC_TILE        VPC_GEOMETRY_TILE
#define VPC_LABEL_SPILL VPC_GEOMETRY_LABEL_SPILL /* labels may run this far past each side */

#define VPC_RENDER_FONT_FAMILY "DejaVu Sans"

/* Which layers vpc_render_draw() draws: the canvas keeps a large design's
 * picture zoomed out (vpc-render-cache.c) and draws the selection and the
 * hovered element over it each frame. */
typedef enum {
  VPC_RENDER_PART_ALL,
  VPC_RENDER_PART_BASE,       /* all but the highlights and the title block */
  VPC_RENDER_PART_HIGHLIGHTS, /* the selection and the hovered element */
} VpcRenderPart;

typedef struct
{
  VpcPainter             *p;
  VpcRenderPart           part;
  VpcDesign              *design;
  const VpcDesignInfo    *info;
  const VpcRenderOptions *options;
  const VpcThemeColors       *pal;
  double                  scale;   /* world → device, for line widths and LOD */
  gboolean                detail;  /* labels and glyphs (not at low zoom) */
  gboolean                culling;
  VpcRect                 clip;
  VpcRect                 extents; /* world rectangle of the surface, for the grid */
  GHashTable             *marks;   /* id → packed finding counts, or NULL */
  guint                   marks_generation; /* changes whenever @marks does */
  /* options->overrides applied: id → shallow copy of the element with the
   * overriding layout (g_free only), or NULL when there are none. */
  GHashTable             *shadows;
  VpcDesignInfo           info_copy; /* ctx->info when the VPC box is overridden */
  double                  saved_text_scale; /* restored when the draw ends */
} VpcRenderCtx;

/* Finding counts packed in a guint: errors in the low half, warnings high. */
#define VPC_MARK_ERRORS(m)   ((m) & 0xffff)
#define VPC_MARK_WARNINGS(m) ((m) >> 16)
#define VPC_MARK_ONE_ERROR   1u
#define VPC_MARK_ONE_WARNING (1u << 16)

/* vpc-render.c */

/* The element as drawn: the design's, or its stand-in at the overriding
 * rectangle (VpcRenderOptions.overrides). Drawing code reads elements
 * through these two, never straight from the design. */
static inline const VpcElement *
vpc_render_shadow (const VpcRenderCtx *ctx,
                   const VpcElement   *e)
{
  const VpcElement *s;

  if (ctx->shadows == NULL)
    return e;
  s = g_hash_table_lookup (ctx->shadows, e->id);
  return s != NULL ? s : e;
}

static inline const VpcElement *
vpc_render_element (const VpcRenderCtx *ctx,
                    VpcKind             kind,
                    guint               i)
{
  return vpc_render_shadow (ctx, vpc_design_get_element (ctx->design, kind, i));
}

static inline const VpcElement *
vpc_render_lookup (const VpcRenderCtx *ctx,
                   const char         *id)
{
  const VpcElement *e = id != NULL ? vpc_design_lookup (ctx->design, id) : NULL;

  return e != NULL ? vpc_render_shadow (ctx, e) : NULL;
}

gboolean vpc_render_visible (const VpcRenderCtx *ctx,
                             const VpcRect      *r,
                             double              margin);
gboolean vpc_render_clip_segment (const VpcRenderCtx *ctx,
                                  double             *x0,
                                  double             *y0,
                                  double             *x1,
                                  double             *y1);
double   vpc_render_line (const VpcRenderCtx *ctx,
                          double              width);
guint    vpc_render_mark_of (const VpcRenderCtx *ctx,
                             const char         *id);
gboolean vpc_render_is_selected (const VpcRenderCtx *ctx,
                                 const char         *id);
void     vpc_render_tile_rect (const VpcElement *e,
                               VpcRect          *tile);
/* The same for an element whose box is @layout. */
void     vpc_render_tile_of_box (const VpcRect *layout,
                                 VpcRect       *tile);
/* Calls @func for every network interface of an interface endpoint, in a
 * stable order, with the marker's world rectangle. */
typedef void (*VpcEniFunc) (const VpcElement *endpoint,
                            const VpcElement *subnet,
                            const VpcRect    *marker,
                            gpointer          data);
void     vpc_render_foreach_eni (const VpcRenderCtx *ctx,
                                 VpcEniFunc          func,
                                 gpointer            data);
/* The options that route @ctx's design as drawn (@ctx NULL: as saved). */
void     vpc_render_routes_options (const VpcRenderCtx *ctx,
                                    VpcRoutesOptions   *options);

/* TRUE when @ctx leaves connectors and interface markers out for now
 * (VpcRenderOptions.connectors_when_routed). */
gboolean vpc_render_connectors_wait (const VpcRenderCtx *ctx);

/* Draws the design through ctx->p (both entry points end here). */
void     vpc_render_draw (VpcRenderCtx *ctx);
/* vpc_render_design(), @part of it only. */
void     vpc_render_design_part (cairo_t                *cr,
                                 VpcDesign              *design,
                                 const VpcRenderOptions *options,
                                 VpcRenderPart           part);

/* vpc-render-text.c */
PangoLayout *vpc_render_text_layout (VpcFont     font,
                                     const char *text,
                                     double      width,
                                     VpcAlign    align);
double   vpc_render_text_width (VpcFont     font,
                                const char *text);
double   vpc_render_font_height (VpcFont font);
double   vpc_render_font_baseline (VpcFont font);
double   vpc_render_font_px (VpcFont font);
gboolean vpc_render_font_bold (VpcFont font);
/* Whether @font comes out as VPC_RENDER_FONT_FAMILY (not a fallback):
 * what the shortcuts assume of its widths was checked for that family. */
gboolean vpc_render_font_is_ours (VpcFont font);
/* NULL when @text fits @width, else a newly allocated prefix + "…". */
char    *vpc_render_text_fit (VpcFont     font,
                              const char *text,
                              double      width);
void     vpc_render_text_cache_clear (void);
/* The text size every measurement and label uses from now on (clamped to
 * VPC_RENDER_MIN/MAX_TEXT_SCALE); returns the one before. A draw sets its
 * options' text size and restores the previous one at the end. */
double   vpc_render_text_set_scale (double scale);
double   vpc_render_text_get_scale (void);
/* @text broken into lines of at most @width (words first, then inside
 * words), at most @max_lines of them (0: any number), the last one cut
 * with "…" when the rest does not fit. NULL-terminated, owned by a cache:
 * valid until the next call. */
const char *const *vpc_render_text_wrap (VpcFont     font,
                                         const char *text,
                                         double      width,
                                         guint       max_lines);
/* Tests: FALSE makes pango shape every label whole, as the shortcuts
 * above must give the same lines and cuts (clears the caches). */
void     vpc_render_text_set_shortcuts (gboolean enabled);
/* Tests: after how many labels shaped (a wrap counting as two) a font
 * cuts and wraps labels from the widths of character pairs instead (0: at
 * once; a drawing of many elements takes them sooner); returns the old
 * number. */
guint    vpc_render_text_set_pairs_after (guint labels);
/* Tests: how many labels were cut, and wrapped in two lines, from the
 * pairs so far. */
void     vpc_render_text_get_paired (guint *n_cuts,
                                     guint *n_wraps);
/* Whether the last of @lines ends in "…" (the text did not fit). */
gboolean vpc_render_text_lines_cut (const char *const *lines);
/* @text as a label of @width shows it (vpc_render_clean_text()), cut to
 * the characters @width can hold at most; NULL when @text is fine as it is. */
char    *vpc_render_text_prepare (VpcFont     font,
                                  const char *text,
                                  double      width);

/* Every label goes through here, so both painters only ever see text that
 * is short enough to lay out and that cairo, pango and XML all accept. */
static inline void
vpc_render_text (VpcRenderCtx   *ctx,
                 VpcFont         font,
                 const char     *text,
                 double          x,
                 double          y,
                 double          width,
                 VpcAlign        align,
                 const VpcColor *color)
{
  g_autofree char *shown = NULL;

  if (text == NULL || *text == '\0' || (width > 0 && width < 8))
    return;
  shown = vpc_render_text_prepare (font, text, width);
  vpc_painter_text (ctx->p, font, shown != NULL ? shown : text, x, y, width, align, color);
}

/* Draws @text on at most @max_lines lines of @width from (x, y), each
 * @line_h below the last (scaled by the text size); returns the height
 * used. The last line ends in "…" when the text does not fit: the caller's
 * group <title> holds it whole. */
double   vpc_render_text_lines (VpcRenderCtx   *ctx,
                                VpcFont         font,
                                const char     *text,
                                double          x,
                                double          y,
                                double          width,
                                guint           max_lines,
                                double          line_h,
                                VpcAlign        align,
                                const VpcColor *color);

/* Opens @e's group (format.md §7); vpc_painter_end_group() closes it. */
void     vpc_render_begin_element (VpcRenderCtx     *ctx,
                                   const VpcElement *e);

/* vpc-render-boxes.c */
void     vpc_render_grid (VpcRenderCtx *ctx);
void     vpc_render_vpc_box (VpcRenderCtx *ctx);
void     vpc_render_azs (VpcRenderCtx *ctx);
void     vpc_render_subnets (VpcRenderCtx *ctx);
void     vpc_render_enis (VpcRenderCtx *ctx);

/* vpc-render-items.c */
const char *vpc_render_service_icon (const char *service);
void     vpc_render_connectors (VpcRenderCtx *ctx);
void     vpc_render_route_bounds (const VpcLinkRoute *route,
                                  VpcRect            *r);
/* The connectors vpc_render_connectors() draws, as VpcLinkRoute. */
GPtrArray *vpc_render_routes (const VpcRenderCtx *ctx);
/* The connectors of @design as an export draws them (no view state). */
GPtrArray *vpc_render_routes_of (VpcDesign              *design,
                                 const VpcRenderOptions *options);
/* Their kinds (bit 1 << VpcLinkKind), without routing them if need not. */
guint     vpc_render_route_kinds_of (VpcDesign              *design,
                                     const VpcRenderOptions *options);
/* A short stretch of connector of @kind, for the legend. */
void     vpc_render_link_swatch (VpcRenderCtx *ctx,
                                 VpcLinkKind   kind,
                                 double        x0,
                                 double        y,
                                 double        x1);
void     vpc_render_items (VpcRenderCtx *ctx);
void     vpc_render_marks (VpcRenderCtx *ctx);
void     vpc_render_highlights (VpcRenderCtx *ctx);
void     vpc_render_badge (VpcRenderCtx *ctx,
                           double        cx,
                           double        cy,
                           guint         mark);

/* vpc-render-index.c: culling without walking a large design. */

/* The indices of @kind's elements that may lie within the clip grown by
 * @margin, ascending (a superset: test visibility as usual); NULL when
 * there is no index to ask (no culling, stand-ins, a small design): walk
 * all of them. */
GArray     *vpc_render_cull (const VpcRenderCtx *ctx,
                             VpcKind             kind,
                             double              margin);
/* The same for @routes, the design's cached routes. */
GArray     *vpc_render_cull_routes (const VpcRenderCtx *ctx,
                                    GPtrArray          *routes,
                                    double              margin);
/* The @i-th index to draw of a walk that vpc_render_cull() answered. */
#define VPC_RENDER_NTH(culled, i) ((culled) != NULL ? g_array_index ((culled), guint, (i)) : (i))
#define VPC_RENDER_COUNT(culled, n) ((culled) != NULL ? (culled)->len : (n))
/* An element's box as a zoomed-out frame draws it. */
typedef struct
{
  VpcRect  layout;
  gboolean client; /* a client workload (its own colour) */
} VpcRenderBox;

/* When the clip holds every box of @kind and the design is indexed: the
 * boxes of its elements that have one, in drawing order, read in one
 * sweep instead of from 100,000 elements scattered in memory (that was
 * half of a zoomed-out frame). Else NULL. A reference. */
GArray     *vpc_render_all_boxes (const VpcRenderCtx *ctx,
                                  VpcKind             kind);
/* @build (@ctx) for the whole design (not only the clip), kept until the
 * design, @key or its @generation changes (a reference to @key is kept: a
 * hash table); NULL when there is no index to keep it on (see
 * vpc_render_cull()). A reference. */
GArray     *vpc_render_cached_list (VpcRenderCtx *ctx,
                                    GHashTable   *key,
                                    guint         generation,
                                    GArray     *(*build) (VpcRenderCtx *ctx));
/* Adds @finding's marks to @marks (@sign 1) or takes them away (-1): the
 * one rule vpc_render_count_marks() counts by. An id whose count comes
 * to nothing leaves the table. */
void        vpc_render_mark_finding (GHashTable *marks,
                                     VpcFinding *finding,
                                     int         sign);
/* vpc_render_count_marks (@findings), kept on @findings and brought up to
 * date as it changes; a reference. @generation changes with the counts. */
GHashTable *vpc_render_marks_cached (GListModel *findings,
                                     guint      *generation);

/* vpc-render-title.c */
/* The title block under @content: as wide as the content (at least
 * 760), as tall as its heading and the legend of what the design uses. */
void     vpc_render_title_rect (VpcDesign              *design,
                                const VpcRenderOptions *options,
                                const VpcRect          *content,
                                VpcRect                *title);
/* Tests: FALSE makes the title block's size read the findings always, as
 * it must come out the same when it does not need them. */
void     vpc_render_title_set_shortcut (gboolean enabled);
void     vpc_render_title_block (VpcRenderCtx  *ctx,
                                 const VpcRect *content);

G_END_DECLS
