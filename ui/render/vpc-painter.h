/* SPDX-License-Identifier: GPL-3.0-or-later */
/* vpc-painter.h: the few drawing operations the renderer needs, behind a
 * table of function pointers with two backends: cairo + pango (canvas, PNG,
 * PDF) and a direct SVG writer (SVG export). The drawing code in
 * vpc-render-*.c calls only these, so every output comes from the same
 * drawing functions.
 *
 * Coordinates are world units; the backend owns the world → device
 * transform. Shapes are drawn with the current fill (if any) and then the
 * current stroke (if any). Backends may batch consecutive shapes of one
 * style into one path: callers must not rely on the stacking of two
 * overlapping shapes drawn with identical style. */
#pragma once

#include <cairo.h>
#include <glib.h>

#include "vpc-theme.h"

G_BEGIN_DECLS

typedef enum {
  VPC_FONT_TITLE,
  VPC_FONT_HEADING,
  VPC_FONT_BOX,
  VPC_FONT_LABEL,
  VPC_FONT_SMALL,
  VPC_FONT_BADGE,
  VPC_FONT_GLYPH,
  VPC_N_FONTS,
} VpcFont;

typedef enum {
  VPC_ALIGN_LEFT,
  VPC_ALIGN_CENTER,
  VPC_ALIGN_RIGHT,
} VpcAlign;

typedef struct _VpcPainter VpcPainter;

typedef struct
{
  /* @color NULL: no fill / no stroke. */
  void (*set_fill)   (VpcPainter *p, const VpcColor *color, double alpha);
  void (*set_stroke) (VpcPainter *p, const VpcColor *color, double alpha, double width);
  /* @n 0: solid. Dashes stay in world units. */
  void (*set_dash)   (VpcPainter *p, const double *dash, int n, double offset);
  /* The whole page/surface in one colour (before anything else). */
  void (*clear)      (VpcPainter *p, const VpcColor *color);
  void (*rect)       (VpcPainter *p, double x, double y, double w, double h, double radius);
  void (*circle)     (VpcPainter *p, double cx, double cy, double r);
  void (*line)       (VpcPainter *p, double x0, double y0, double x1, double y1);
  /* An opaque rectangle seen from far (a low-zoom tile or box) filled
   * with @fill unless it is NULL and, unless @border is NULL, edged in
   * @border @width wide (world units): its edges may be snapped to whole
   * device pixels (at least one, the edge inside). It covers what was drawn
   * before it. Afterwards the current fill and stroke are unspecified: set
   * them before the next shape. NULL: those set and a rect
   * (vpc_painter_tile()). */
  void (*tile)       (VpcPainter *p, double x, double y, double w, double h,
                      const VpcColor *fill, const VpcColor *border, double width);
  /* A small opaque disc seen from far (a low-zoom badge), radius @r world
   * units, over what was drawn before it; may be drawn as pixels. The
   * current fill and stroke are unspecified afterwards. NULL: the fill set
   * to @color and a circle (vpc_painter_dot()). */
  void (*dot)        (VpcPainter *p, double cx, double cy, double r, const VpcColor *color);
  /* One line of text, top-left at (x, y), ellipsized to @width (<= 0:
   * natural width) and aligned inside it. */
  void (*text)       (VpcPainter *p, VpcFont font, const char *text, double x, double y,
                      double width, VpcAlign align, const VpcColor *color);
  /* Icon @name (resources/icons) in the square (x, y, size). */
  void (*icon)       (VpcPainter *p, const char *name, double x, double y, double size);
  /* Structure for tools that post-process exports (format.md §7): the SVG
   * writer opens <g class="CSS_CLASS" data-id="ID"> with <title>TITLE</title>
   * (@id and @title may be NULL), or for a connector <g class="vpcd-link"
   * data-from="FROM" data-to="TO">; end_group closes the innermost one.
   * Other backends ignore them. */
  void (*begin_group) (VpcPainter *p, const char *css_class, const char *id, const char *title);
  void (*begin_link)  (VpcPainter *p, const char *from, const char *to);
  void (*end_group)   (VpcPainter *p);
  /* Draws anything batched. */
  void (*flush)      (VpcPainter *p);
  /* Flushes, finishes the output and frees the painter. */
  void (*finish)     (VpcPainter *p);
} VpcPainterClass;

struct _VpcPainter
{
  const VpcPainterClass *klass;
};

static inline void
vpc_painter_set_fill (VpcPainter *p, const VpcColor *color, double alpha)
{
  p->klass->set_fill (p, color, alpha);
}

static inline void
vpc_painter_set_stroke (VpcPainter *p, const VpcColor *color, double alpha, double width)
{
  p->klass->set_stroke (p, color, alpha, width);
}

static inline void
vpc_painter_set_dash (VpcPainter *p, const double *dash, int n, double offset)
{
  p->klass->set_dash (p, dash, n, offset);
}

/* Fill only, opaque: the most common style. */
static inline void
vpc_painter_fill_with (VpcPainter *p, const VpcColor *color)
{
  p->klass->set_fill (p, color, 1.0);
  p->klass->set_stroke (p, NULL, 0, 0);
}

/* Stroke only, opaque. */
static inline void
vpc_painter_stroke_with (VpcPainter *p, const VpcColor *color, double width)
{
  p->klass->set_fill (p, NULL, 0);
  p->klass->set_stroke (p, color, 1.0, width);
}

static inline void
vpc_painter_clear (VpcPainter *p, const VpcColor *color)
{
  p->klass->clear (p, color);
}

static inline void
vpc_painter_rect (VpcPainter *p, double x, double y, double w, double h, double radius)
{
  p->klass->rect (p, x, y, w, h, radius);
}

static inline void
vpc_painter_circle (VpcPainter *p, double cx, double cy, double r)
{
  p->klass->circle (p, cx, cy, r);
}

static inline void
vpc_painter_line (VpcPainter *p, double x0, double y0, double x1, double y1)
{
  p->klass->line (p, x0, y0, x1, y1);
}

static inline void
vpc_painter_tile (VpcPainter *p, double x, double y, double w, double h, const VpcColor *fill,
                  const VpcColor *border, double width)
{
  if (p->klass->tile != NULL)
    p->klass->tile (p, x, y, w, h, fill, border, width);
  else
    {
      p->klass->set_fill (p, fill, 1.0);
      p->klass->set_stroke (p, border, 1.0, width);
      p->klass->rect (p, x, y, w, h, 0);
    }
}

static inline void
vpc_painter_dot (VpcPainter *p, double cx, double cy, double r, const VpcColor *color)
{
  if (p->klass->dot != NULL)
    p->klass->dot (p, cx, cy, r, color);
  else
    {
      p->klass->set_fill (p, color, 1.0);
      p->klass->set_stroke (p, NULL, 1.0, 0);
      p->klass->circle (p, cx, cy, r);
    }
}

static inline void
vpc_painter_text (VpcPainter *p, VpcFont font, const char *text, double x, double y,
                  double width, VpcAlign align, const VpcColor *color)
{
  p->klass->text (p, font, text, x, y, width, align, color);
}

static inline void
vpc_painter_icon (VpcPainter *p, const char *name, double x, double y, double size)
{
  p->klass->icon (p, name, x, y, size);
}

static inline void
vpc_painter_begin_group (VpcPainter *p, const char *css_class, const char *id, const char *title)
{
  if (p->klass->begin_group != NULL)
    p->klass->begin_group (p, css_class, id, title);
}

static inline void
vpc_painter_begin_link (VpcPainter *p, const char *from, const char *to)
{
  if (p->klass->begin_link != NULL)
    p->klass->begin_link (p, from, to);
}

static inline void
vpc_painter_end_group (VpcPainter *p)
{
  if (p->klass->end_group != NULL)
    p->klass->end_group (p);
}

static inline void
vpc_painter_flush (VpcPainter *p)
{
  p->klass->flush (p);
}

/* vpc-painter-cairo.c: draws on @cr in its current user space (world
 * units); @scale is world → device, @vector keeps icons as vectors. */
/* A painter that draws nothing: a pass through it only measures. */
VpcPainter *vpc_painter_null_new   (void);
VpcPainter *vpc_painter_cairo_new  (cairo_t  *cr,
                                    double    scale,
                                    gboolean  vector);
/* vpc-painter-svg.c: appends an SVG document to @out. The page is
 * @width x @height device units; device = world * scale + offset. */
VpcPainter *vpc_painter_svg_new    (GString  *out,
                                    double    width,
                                    double    height,
                                    double    scale,
                                    double    offset_x,
                                    double    offset_y);
/* Where a streamed document goes, a chunk at a time; FALSE stops the
 * writing (nothing more is handed over). */
typedef gboolean (*VpcPainterWriteFunc) (const char *data,
                                         gsize       length,
                                         gpointer    user_data);
/* The same document handed to @write in chunks of about 64 KiB as it is
 * drawn, so that a big export is never held whole in memory. */
VpcPainter *vpc_painter_svg_new_stream (VpcPainterWriteFunc  write,
                                        gpointer             user_data,
                                        double               width,
                                        double               height,
                                        double               scale,
                                        double               offset_x,
                                        double               offset_y);
/* Flushes, finishes the document (SVG) and frees the painter. */
void        vpc_painter_free       (VpcPainter *p);

/* Number formatting for the SVG writer (exposed for the tests): at most
 * two decimals, '.' whatever the locale, no trailing zeros. Returns the
 * length written into @buf (at least 32 bytes). */
int         vpc_painter_format_number (char   *buf,
                                       double  value);

G_END_DECLS
