/* SPDX-License-Identifier: GPL-3.0-or-later */
/* vpc-painter-cairo.c: the painter on cairo + pango, for the canvas, PNG
 * and PDF. Consecutive shapes of one style go into one path and are filled
 * and stroked together when the style changes (or text, an icon or the end
 * comes): at low zoom 10,000 subnet boxes cost two cairo_fill calls rather
 * than 10,000. Text is pango's, from the shared layout cache. */
#include <math.h>
#include <string.h>

#include "vpc-render-private.h"
#include "vpc-icons.h"

typedef struct
{
  VpcPainter parent;
  cairo_t   *cr;
  double     scale;
  gboolean   vector;

  gboolean   has_fill, has_stroke;
  VpcColor   fill, stroke;
  double     fill_alpha, stroke_alpha, width;
  double     dash[4];
  int        n_dash;
  double     dash_offset;

  gboolean   pending;  /* the current path holds shapes not yet drawn */
  gboolean   curved;   /* ... some of them not axis-aligned rectangles */
} CairoPainter;

static void
cairo_painter_flush (VpcPainter *p)
{
  CairoPainter *self = (CairoPainter *) p;
  cairo_t *cr = self->cr;

  if (!self->pending)
    return;
  self->pending = FALSE;
  self->curved = FALSE;
  if (self->has_fill)
    {
      cairo_set_source_rgba (cr, self->fill.r, self->fill.g, self->fill.b, self->fill_alpha);
      if (self->has_stroke)
        cairo_fill_preserve (cr);
      else
        cairo_fill (cr);
    }
  if (self->has_stroke)
    {
      cairo_set_source_rgba (cr, self->stroke.r, self->stroke.g, self->stroke.b,
                             self->stroke_alpha);
      cairo_set_line_width (cr, self->width);
      cairo_set_dash (cr, self->dash, self->n_dash, self->dash_offset);
      /* A path of rectangles only takes cairo's fast rectilinear stroker,
       * which wants mitred joins (on right angles the same picture). */
      cairo_set_line_join (cr, self->curved ? CAIRO_LINE_JOIN_ROUND : CAIRO_LINE_JOIN_MITER);
      cairo_stroke (cr);
    }
  cairo_new_path (cr);
}

static gboolean
same_color (const VpcColor *a,
            const VpcColor *b)
{
  return a->r == b->r && a->g == b->g && a->b == b->b;
}

static void
cairo_painter_set_fill (VpcPainter     *p,
                        const VpcColor *color,
                        double          alpha)
{
  CairoPainter *self = (CairoPainter *) p;

  if (color == NULL ? !self->has_fill :
      self->has_fill && same_color (color, &self->fill) && alpha == self->fill_alpha)
    return;
  cairo_painter_flush (p);
  self->has_fill = color != NULL;
  if (color != NULL)
    {
      self->fill = *color;
      self->fill_alpha = alpha;
    }
}

static void
cairo_painter_set_stroke (VpcPainter     *p,
                          const VpcColor *color,
                          double          alpha,
                          double          width)
{
  CairoPainter *self = (CairoPainter *) p;

  if (color == NULL ? !self->has_stroke :
      self->has_stroke && same_color (color, &self->stroke) &&
      alpha == self->stroke_alpha && width == self->width)
    return;
  cairo_painter_flush (p);
  self->has_stroke = color != NULL;
  if (color != NULL)
    {
      self->stroke = *color;
      self->stroke_alpha = alpha;
      self->width = width;
    }
}

static void
cairo_painter_set_dash (VpcPainter   *p,
                        const double *dash,
                        int           n,
                        double        offset)
{
  CairoPainter *self = (CairoPainter *) p;

  n = CLAMP (n, 0, (int) G_N_ELEMENTS (self->dash));
  if (n == self->n_dash && offset == self->dash_offset &&
      (n == 0 || memcmp (dash, self->dash, n * sizeof (double)) == 0))
    return;
  cairo_painter_flush (p);
  self->n_dash = n;
  self->dash_offset = offset;
  if (n > 0)
    memcpy (self->dash, dash, n * sizeof (double));
}

static void
cairo_painter_clear (VpcPainter     *p,
                     const VpcColor *color)
{
  CairoPainter *self = (CairoPainter *) p;

  cairo_painter_flush (p);
  cairo_set_source_rgb (self->cr, color->r, color->g, color->b);
  cairo_paint (self->cr);
}

static void
cairo_painter_rect (VpcPainter *p,
                    double      x,
                    double      y,
                    double      w,
                    double      h,
                    double      radius)
{
  CairoPainter *self = (CairoPainter *) p;
  cairo_t *cr = self->cr;

  radius = MIN (radius, MIN (w, h) / 2);
  /* Corners under a quarter of a device pixel are not worth four arcs. */
  if (radius * self->scale < 0.25)
    cairo_rectangle (cr, x, y, w, h);
  else
    {
      cairo_new_sub_path (cr);
      cairo_arc (cr, x + w - radius, y + radius, radius, -G_PI / 2, 0);
      cairo_arc (cr, x + w - radius, y + h - radius, radius, 0, G_PI / 2);
      cairo_arc (cr, x + radius, y + h - radius, radius, G_PI / 2, G_PI);
      cairo_arc (cr, x + radius, y + radius, radius, G_PI, 3 * G_PI / 2);
      cairo_close_path (cr);
      self->curved = TRUE;
    }
  self->pending = TRUE;
}

static void
cairo_painter_circle (VpcPainter *p,
                      double      cx,
                      double      cy,
                      double      r)
{
  CairoPainter *self = (CairoPainter *) p;

  cairo_new_sub_path (self->cr);
  cairo_arc (self->cr, cx, cy, r, 0, 2 * G_PI);
  cairo_close_path (self->cr);
  self->pending = TRUE;
  self->curved = TRUE;
}

static void
cairo_painter_line (VpcPainter *p,
                    double      x0,
                    double      y0,
                    double      x1,
                    double      y1)
{
  CairoPainter *self = (CairoPainter *) p;

  if (self->has_fill)
    cairo_painter_set_fill (p, NULL, 0);
  cairo_move_to (self->cr, x0, y0);
  cairo_line_to (self->cr, x1, y1);
  self->pending = TRUE;
  if (x0 != x1 && y0 != y1)
    self->curved = TRUE;
}

static void
cairo_painter_text (VpcPainter     *p,
                    VpcFont         font,
                    const char     *text,
                    double          x,
                    double          y,
                    double          width,
                    VpcAlign        align,
                    const VpcColor *color)
{
  CairoPainter *self = (CairoPainter *) p;
  PangoLayout *layout = vpc_render_text_layout (font, text, width, align);

  cairo_painter_flush (p);
  cairo_set_source_rgb (self->cr, color->r, color->g, color->b);
  cairo_move_to (self->cr, x, y);
  pango_cairo_show_layout (self->cr, layout);
  cairo_new_path (self->cr);
}

static void
cairo_painter_icon (VpcPainter *p,
                    const char *name,
                    double      x,
                    double      y,
                    double      size)
{
  CairoPainter *self = (CairoPainter *) p;

  /* An icon under a twentieth of a device pixel shows nothing, and scaling
   * the icon down to it (a legal size of 1e-300) would leave cairo with a
   * matrix it cannot invert, failing the whole page. */
  if (!(size * self->scale >= 0.05) || !isfinite (size * self->scale))
    return;
  cairo_painter_flush (p);
  vpc_icons_draw (self->cr, name, x, y, size, self->vector);
}

static void
cairo_painter_finish (VpcPainter *p)
{
  CairoPainter *self = (CairoPainter *) p;

  cairo_painter_flush (p);
  cairo_set_dash (self->cr, NULL, 0, 0);
  g_free (self);
}

static const VpcPainterClass cairo_painter_class = {
  .set_fill = cairo_painter_set_fill,
  .set_stroke = cairo_painter_set_stroke,
  .set_dash = cairo_painter_set_dash,
  .clear = cairo_painter_clear,
  .rect = cairo_painter_rect,
  .circle = cairo_painter_circle,
  .line = cairo_painter_line,
  .text = cairo_painter_text,
  .icon = cairo_painter_icon,
  .flush = cairo_painter_flush,
  .finish = cairo_painter_finish,
};

VpcPainter *
vpc_painter_cairo_new (cairo_t  *cr,
                       double    scale,
                       gboolean  vector)
{
  CairoPainter *self = g_new0 (CairoPainter, 1);

  self->parent.klass = &cairo_painter_class;
  self->cr = cr;
  self->scale = scale > 0 ? scale : 1.0;
  self->vector = vector;
  cairo_new_path (cr);
  return &self->parent;
}
