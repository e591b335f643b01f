/* SPDX-License-Identifier: GPL-3.0-or-later */
/* vpc-render.h: draws a design with cairo and pango only (no GTK), for the
 * canvas and for the PNG/SVG/PDF exports alike. */
#pragma once

#include <cairo.h>
#include <gio/gio.h>

#include "vpc-design.h"

G_BEGIN_DECLS

/* The key of the VPC box in VpcRenderOptions.overrides (not an element id;
 * the same key as the canvas's VPC_CONTAINMENT_VPC_ID). */
#define VPC_RENDER_VPC_ID "#vpc"

typedef enum {
  VPC_THEME_LIGHT,
  VPC_THEME_DARK,
} VpcTheme;

/* The scales the renderer draws at; options->scale is kept within them. */
#define VPC_RENDER_MIN_SCALE 1e-6
#define VPC_RENDER_MAX_SCALE 1e3
/* Below this zoom the canvas draws plain boxes: no text, no glyphs, no
 * connectors. */
#define VPC_RENDER_LOD_SCALE 0.35
/* The text sizes the renderer draws at (the text-size preference's 100 %
 * to 200 %); options->text_scale is kept within them. */
#define VPC_RENDER_MIN_TEXT_SCALE 1.0
#define VPC_RENDER_MAX_TEXT_SCALE 2.0

typedef struct
{
  VpcTheme    theme;
  /* World → device: device = world * scale + offset. */
  double      scale;
  double      offset_x, offset_y;
  /* Visible world rectangle for culling; w <= 0 draws everything. */
  double      clip_x, clip_y, clip_w, clip_h;
  GListModel *findings;     /* of VpcFinding, or NULL: outlines and badges */
  GHashTable *selection;    /* set of selected ids, or NULL */
  const char *hover_id;     /* or NULL */
  gboolean    show_grid;
  double      grid_size;
  gboolean    title_block;  /* name, region, profile, total, date + legend (exports) */
  const char *date;         /* printed in the title block */
  const char *monthly_total; /* "$73.00" for the title block, or NULL */
  /* View state drawn instead of the design's geometry, e.g. the canvas's
   * drag preview: id → VpcRect * (VPC_RENDER_VPC_ID for the VPC box), or
   * NULL. Elements and everything attached to them (labels, connectors,
   * interface markers, badges, selection) are drawn at these rectangles;
   * bounds, hit testing and the title block still follow the design.
   * Exports leave it NULL. */
  GHashTable *overrides;
  /* View state: ids of elements not drawn at all (VPC_RENDER_VPC_ID for
   * the VPC box), with their connectors, interfaces and badges, e.g. the
   * steps of a presentation not yet revealed; NULL draws everything. */
  GHashTable *hidden;
  /* Text size, 1.0 to 2.0 (the text-size preference): fonts and the room
   * kept for labels grow with it. */
  double      text_scale;
  /* The title block's title when the design has no name (the file's name,
   * e.g. "my-vpc"), or NULL for the generic "Untitled design". */
  const char *fallback_title;
  /* Export choices: draw the title block's legend; fill the page (FALSE:
   * transparent background, PNG/SVG only). */
  gboolean    legend;
  gboolean    background;
  /* @findings counted by vpc_render_count_marks(), for a caller that draws
   * one page many times (a PNG export, in bands); NULL: counted at each
   * draw. */
  GHashTable *marks;
  /* Leave out connectors and interface markers until the design has been
   * routed once (vpc_routes_were_made()): routing 10,000 elements took a
   * quarter of the editor's way to its first frame, so the canvas draws a
   * large design first and routes it right after (vpc_render_route()). */
  gboolean    connectors_when_routed;
} VpcRenderOptions;

void     vpc_render_options_init (VpcRenderOptions *options);
/* Routes @design's connectors for drawing with @options, as drawing would;
 * the routes stay on the design until it changes. */
void     vpc_render_route (VpcDesign              *design,
                           const VpcRenderOptions *options);
/* Starts routing @design's connectors for @options on another thread, for
 * the drawing that follows (vpc_routes_prefetch()). */
void     vpc_render_prefetch_routes (VpcDesign              *design,
                                     const VpcRenderOptions *options);
/* The finding counts the renderer draws from @findings (for
 * VpcRenderOptions.marks), or NULL when there are none to draw. */
GHashTable *vpc_render_count_marks (GListModel *findings);
/* The same counts of an array of VpcFinding, on any thread. */
GHashTable *vpc_render_count_marks_array (GPtrArray *findings);
/* Hands vpc_render_count_marks() the counts of @findings made already
 * (vpc_render_count_marks_array() on the thread that computed them, for
 * an export), which it then returns instead of counting; it reads them
 * once the list is complete (after g_list_model_get_n_items()), until the
 * list changes. */
void        vpc_render_set_counted_marks (GListModel *findings,
                                          GHashTable *marks);
/* Draws the design with the transform of @options onto @cr. */
void     vpc_render_design (cairo_t                *cr,
                            VpcDesign              *design,
                            const VpcRenderOptions *options);
/* Appends the design as a standalone SVG document of @width x @height
 * device units (the export), drawn by the same code as vpc_render_design(). */
void     vpc_render_design_svg (GString                *svg,
                                VpcDesign              *design,
                                const VpcRenderOptions *options,
                                double                  width,
                                double                  height);
/* The same document handed to @write in chunks as it is drawn (the SVG
 * export streams it into the file); @write (a VpcPainterWriteFunc) returns
 * FALSE to stop the writing. */
void     vpc_render_design_svg_stream (gboolean (*write) (const char *data,
                                                            gsize       length,
                                                            gpointer    user_data),
                                       gpointer                user_data,
                                       VpcDesign              *design,
                                       const VpcRenderOptions *options,
                                       double                  width,
                                       double                  height);
/* The world-space bounds of everything drawn (with the title block when asked). */
void     vpc_render_get_bounds (VpcDesign              *design,
                                const VpcRenderOptions *options,
                                double                 *x,
                                double                 *y,
                                double                 *w,
                                double                 *h);
/* The topmost element under a world point, or NULL (hit testing for the canvas). */
const char *vpc_render_hit_test (VpcDesign *design,
                                 double     x,
                                 double     y);
/* Labels never show more characters than this (the rest is "…"). */
#define VPC_RENDER_TEXT_MAX_CHARS 2048

/* @text as it can be shown in every output: valid UTF-8 (a broken byte
 * becomes U+FFFD), tab and line breaks as spaces, other control characters
 * and Unicode noncharacters (which cairo's PDF text and XML refuse) as
 * U+FFFD, and at most @max_chars characters, then "…". Returns NULL when
 * @text is fine as it is, else a new string. */
char       *vpc_render_clean_text (const char *text,
                                   gsize       max_chars);
/* Loads the fonts and measures them now rather than at the first label:
 * fontconfig's first use takes tens of milliseconds, which an export spends
 * while its findings are computed on another thread. @n_elements: how
 * many elements the drawing has; with thousands, a font that cuts many
 * labels takes the widths of character pairs early (until the next call:
 * only how soon changes, never where a label is cut). */
void        vpc_render_prepare_text (guint n_elements);
/* Frees the text and icon caches (tests call it before exiting). */
void        vpc_render_clear_caches (void);

G_END_DECLS
