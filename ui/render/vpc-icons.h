/* SPDX-License-Identifier: GPL-3.0-or-later */
/* vpc-icons.h: the project's own SVG icons (resources/icons), drawn with
 * librsvg from a GResource built into the render library, and cached. */
#pragma once

#include <cairo.h>
#include <glib.h>

G_BEGIN_DECLS

/* Draws icon @name (e.g. "training-job") into the square (@x, @y, @size) in
 * user space. @vector keeps it as vectors (PDF/SVG targets); otherwise a
 * bitmap rendered once per device size is used. Unknown names draw nothing. */
void     vpc_icons_draw (cairo_t    *cr,
                         const char *name,
                         double      x,
                         double      y,
                         double      size,
                         gboolean    vector);
/* TRUE when the icon exists and parses. */
gboolean vpc_icons_has (const char *name);
void     vpc_icons_clear_cache (void);

G_END_DECLS
