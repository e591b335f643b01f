/* SPDX-License-Identifier: GPL-3.0-or-later */
/* vpc-render-cache.h: a large design zoomed out, kept as pixels between
 * the frames of one view. */
#pragma once

#include "vpc-render.h"

G_BEGIN_DECLS

typedef struct _VpcRenderCache VpcRenderCache;

VpcRenderCache *vpc_render_cache_new  (void);
void            vpc_render_cache_free (VpcRenderCache *cache);
/* Draws what vpc_render_design() draws onto @cr (device pixels, the view
 * @width x @height at its origin). A large design zoomed out comes from the
 * picture kept from an earlier frame when only the offset moved, by whole
 * pixels, within it; the selection and the hovered element are drawn over
 * it each time. Returns whether the kept picture served. */
gboolean        vpc_render_cache_draw (VpcRenderCache         *cache,
                                       cairo_t                *cr,
                                       VpcDesign              *design,
                                       const VpcRenderOptions *options,
                                       int                     width,
                                       int                     height);

/* While a zoom is under way: the picture kept for another zoom (half to
 * twice this one) of the same design, findings and options, scaled to
 * @options' view, the highlights drawn over it exactly. An interim frame,
 * coarser than vpc_render_cache_draw()'s, for the steps of one gesture;
 * the caller draws the exact frame once the zoom rests. Returns FALSE,
 * drawing nothing, when there is no such picture. */
gboolean        vpc_render_cache_draw_interim (VpcRenderCache         *cache,
                                               cairo_t                *cr,
                                               VpcDesign              *design,
                                               const VpcRenderOptions *options,
                                               int                     width,
                                               int                     height);

/* How many frames the kept picture served, interim ones too (for tests
 * and diagnostics). */
guint           vpc_render_cache_get_served (VpcRenderCache *cache);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (VpcRenderCache, vpc_render_cache_free)

G_END_DECLS
