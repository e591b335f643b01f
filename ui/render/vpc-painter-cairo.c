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

  /* Tiles not yet drawn, as pixels of an image over the clip (in the
   * space of an identity matrix) for the matrix @tiles_matrix. At low zoom
   * a frame of 100,000 elements spent most of its time building and
   * filling cairo paths of sub-pixel rectangles; written as pixels and
   * painted at once they cost a fraction. Only the written span is
   * painted. NULL: none pending. */
  cairo_surface_t *tiles;
  cairo_matrix_t   tiles_matrix;
  guint32         *tile_pixels;
  int              tiles_x, tiles_y, tiles_w, tiles_h, tiles_stride;
  int              dirty_x0, dirty_y0, dirty_x1, dirty_y1;

  /* The coverage (0–255) of a dot of radius @dot_radius pixels centred on
   * a pixel, @dot_side pixels square: a frame's dots share one size. */
  guint8          *dot_mask;
  double           dot_radius;
  int              dot_side;
} CairoPainter;

/* The tiles' last image, kept cleared for the next frame: a new one each
 * frame was a fresh mapping whose every page faulted (a third of a
 * zoomed-out frame). */
G_LOCK_DEFINE_STATIC (spare_tiles);
static cairo_surface_t *spare_tiles;

/* A cleared image of @w x @h pixels, the spare one when it fits. */
static cairo_surface_t *
tiles_take (int w,
            int h)
{
  cairo_surface_t *surface;

  G_LOCK (spare_tiles);
  surface = g_steal_pointer (&spare_tiles);
  G_UNLOCK (spare_tiles);
  if (surface != NULL && cairo_image_surface_get_width (surface) == w &&
      cairo_image_surface_get_height (surface) == h)
    return surface;
  g_clear_pointer (&surface, cairo_surface_destroy);
  return cairo_image_surface_create (CAIRO_FORMAT_ARGB32, w, h);
}

/* Clears what @self wrote and keeps its image as the spare one. */
static void
tiles_give_back (CairoPainter *self)
{
  cairo_surface_t *surface = g_steal_pointer (&self->tiles);

  /* Gives what holds a snapshot of it (a recording target) its own copy
   * before the pixels change. */
  cairo_surface_flush (surface);
  for (int row = self->dirty_y0; row < self->dirty_y1; row++)
    memset (self->tile_pixels + (gsize) row * self->tiles_stride + self->dirty_x0, 0,
            (gsize) (self->dirty_x1 - self->dirty_x0) * sizeof (guint32));
  cairo_surface_mark_dirty (surface);
  G_LOCK (spare_tiles);
  if (spare_tiles == NULL)
    spare_tiles = g_steal_pointer (&surface);
  G_UNLOCK (spare_tiles);
  g_clear_pointer (&surface, cairo_surface_destroy);
}

/* Draws the pending tiles over what is already drawn. */
static void
tiles_flush (CairoPainter *self)
{
  cairo_t *cr = self->cr;

  if (self->tiles == NULL)
    return;
  if (self->dirty_x0 < self->dirty_x1)
    {
      cairo_surface_mark_dirty (self->tiles);
      cairo_save (cr);
      cairo_identity_matrix (cr);
      cairo_set_source_surface (cr, self->tiles, self->tiles_x, self->tiles_y);
      cairo_pattern_set_filter (cairo_get_source (cr), CAIRO_FILTER_NEAREST);
      cairo_rectangle (cr, self->tiles_x + self->dirty_x0, self->tiles_y + self->dirty_y0,
                       self->dirty_x1 - self->dirty_x0, self->dirty_y1 - self->dirty_y0);
      cairo_fill (cr);
      cairo_restore (cr);
    }
  tiles_give_back (self);
}

static void
cairo_painter_flush (VpcPainter *p)
{
  CairoPainter *self = (CairoPainter *) p;
  cairo_t *cr = self->cr;

  tiles_flush (self);
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

  tiles_flush (self);
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

  tiles_flush (self);
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

  tiles_flush (self);
  if (self->has_fill)
    cairo_painter_set_fill (p, NULL, 0);
  cairo_move_to (self->cr, x0, y0);
  cairo_line_to (self->cr, x1, y1);
  self->pending = TRUE;
  if (x0 != x1 && y0 != y1)
    self->curved = TRUE;
}

/* Starts the tiles' image over the clip for @matrix: FALSE when the
 * matrix turns or flips, the output is not pixels, or the clip is too
 * large for an image. */
static gboolean
tiles_begin (CairoPainter         *self,
             const cairo_matrix_t *matrix)
{
  cairo_t *cr = self->cr;
  double x1, y1, x2, y2;

  if (self->vector || matrix->xy != 0 || matrix->yx != 0 || !(matrix->xx > 0) ||
      !(matrix->yy > 0))
    return FALSE;
  cairo_save (cr);
  cairo_identity_matrix (cr);
  cairo_clip_extents (cr, &x1, &y1, &x2, &y2);
  cairo_restore (cr);
  if (!(x2 - x1 >= 1 && x2 - x1 <= 8192 && y2 - y1 >= 1 && y2 - y1 <= 8192))
    return FALSE;
  self->tiles_x = (int) floor (x1);
  self->tiles_y = (int) floor (y1);
  self->tiles_w = (int) ceil (x2) - self->tiles_x;
  self->tiles_h = (int) ceil (y2) - self->tiles_y;
  self->tiles = tiles_take (self->tiles_w, self->tiles_h);
  if (cairo_surface_status (self->tiles) != CAIRO_STATUS_SUCCESS)
    {
      g_clear_pointer (&self->tiles, cairo_surface_destroy);
      return FALSE;
    }
  cairo_surface_flush (self->tiles);
  self->tile_pixels = (guint32 *) (gpointer) cairo_image_surface_get_data (self->tiles);
  self->tiles_stride = cairo_image_surface_get_stride (self->tiles) / 4;
  self->tiles_matrix = *matrix;
  self->dirty_x0 = self->tiles_w;
  self->dirty_y0 = self->tiles_h;
  self->dirty_x1 = self->dirty_y1 = 0;
  return TRUE;
}

/* [@a, @b) in whole pixels: rounded, at least one pixel. */
static inline void
pixel_span (double  a,
            double  b,
            int    *from,
            int    *to)
{
  double p0 = floor (a + 0.5), p1 = MAX (p0 + 1, floor (b + 0.5));

  *from = (int) CLAMP (p0, -1e6, 1e6);
  *to = (int) CLAMP (p1, -1e6, 1e6);
}

/* A channel 0–1 as 0–255, rounded half up (lround() showed in profiles:
 * a zoomed-out frame converts colours for 100,000 tiles). */
static inline guint32
channel_255 (double value)
{
  return (guint32) (CLAMP (value, 0, 1) * 255 + 0.5);
}

static inline guint32
opaque_argb (const VpcColor *color)
{
  return 0xff000000u | channel_255 (color->r) << 16 | channel_255 (color->g) << 8 |
         channel_255 (color->b);
}

/* Pixels [@x0, @x1) x [@y0, @y1) were written. */
static inline void
tiles_touch (CairoPainter *self,
             int           x0,
             int           y0,
             int           x1,
             int           y1)
{
  self->dirty_x0 = MIN (self->dirty_x0, x0);
  self->dirty_y0 = MIN (self->dirty_y0, y0);
  self->dirty_x1 = MAX (self->dirty_x1, x1);
  self->dirty_y1 = MAX (self->dirty_y1, y1);
}

/* Pixels [@x0, @x1) x [@y0, @y1), clipped to the image, in @argb. */
static void
tiles_fill (CairoPainter *self,
            int           x0,
            int           y0,
            int           x1,
            int           y1,
            guint32       argb)
{
  x0 = MAX (x0, 0);
  y0 = MAX (y0, 0);
  x1 = MIN (x1, self->tiles_w);
  y1 = MIN (y1, self->tiles_h);
  if (x0 >= x1 || y0 >= y1)
    return;
  for (int row = y0; row < y1; row++)
    {
      guint32 *line = self->tile_pixels + (gsize) row * self->tiles_stride;

      for (int col = x0; col < x1; col++)
        line[col] = argb;
    }
  tiles_touch (self, x0, y0, x1, y1);
}

/* Whether tiles can be written as pixels now, with the current matrix:
 * starts an image (after drawing what was batched, which lies under the
 * tiles), or flushes one of another matrix first. */
static gboolean
tiles_ready (CairoPainter *self)
{
  cairo_matrix_t matrix;

  cairo_get_matrix (self->cr, &matrix);
  if (self->tiles != NULL && memcmp (&matrix, &self->tiles_matrix, sizeof matrix) != 0)
    tiles_flush (self);
  if (self->tiles != NULL)
    return TRUE;
  cairo_painter_flush ((VpcPainter *) self);
  return tiles_begin (self, &matrix);
}

/* @argb (opaque) over pixel @px at coverage @a (0–255), premultiplied:
 * each channel src × a + dst × (255 − a), divided by 255 and rounded, two
 * channels at a time (they fit in 16 bits each). */
static inline void
blend_over (guint32 *px,
            guint32  argb,
            guint    a)
{
  guint32 d = *px, rb, ag;

  rb = (argb & 0xff00ff) * a + (d & 0xff00ff) * (255 - a) + 0x800080;
  ag = ((argb >> 8) & 0xff00ff) * a + ((d >> 8) & 0xff00ff) * (255 - a) + 0x800080;
  rb = ((rb + ((rb >> 8) & 0xff00ff)) >> 8) & 0xff00ff;
  ag = (ag + ((ag >> 8) & 0xff00ff)) & 0xff00ff00;
  *px = rb | ag;
}

/* The dot mask for radius @rp pixels: each pixel covers the share of the
 * disc's edge that crosses it (about a pixel wide). */
static const guint8 *
dot_mask (CairoPainter *self,
          double        rp)
{
  int half;

  if (self->dot_mask != NULL && self->dot_radius == rp)
    return self->dot_mask;
  half = (int) ceil (rp + 0.5);
  self->dot_radius = rp;
  self->dot_side = 2 * half + 1;
  g_free (self->dot_mask);
  self->dot_mask = g_new (guint8, self->dot_side * self->dot_side);
  for (int row = 0; row < self->dot_side; row++)
    for (int col = 0; col < self->dot_side; col++)
      {
        double d = hypot (col - half, row - half);

        self->dot_mask[row * self->dot_side + col]
            = (guint8) lround (CLAMP (rp + 0.5 - d, 0, 1) * 255);
      }
  return self->dot_mask;
}

static void
cairo_painter_dot (VpcPainter     *p,
                   double          cx,
                   double          cy,
                   double          r,
                   const VpcColor *color)
{
  CairoPainter *self = (CairoPainter *) p;
  const cairo_matrix_t *m = &self->tiles_matrix;
  guint32 argb = opaque_argb (color);
  const guint8 *mask;
  int x, y, half, x0, x1, y0, y1;

  if (!tiles_ready (self))
    {
      cairo_painter_set_fill (p, color, 1.0);
      cairo_painter_set_stroke (p, NULL, 1.0, 0);
      cairo_painter_circle (p, cx, cy, r);
      return;
    }
  /* Centred on the nearest pixel: seen from far, half a pixel is not. */
  mask = dot_mask (self, MAX (r * m->xx, 0.5));
  half = self->dot_side / 2;
  x = (int) CLAMP (floor (m->xx * cx + m->x0 - self->tiles_x), -1e6, 1e6);
  y = (int) CLAMP (floor (m->yy * cy + m->y0 - self->tiles_y), -1e6, 1e6);
  x0 = MAX (x - half, 0);
  y0 = MAX (y - half, 0);
  x1 = MIN (x + half + 1, self->tiles_w);
  y1 = MIN (y + half + 1, self->tiles_h);
  if (x0 >= x1 || y0 >= y1)
    return;
  for (int row = y0; row < y1; row++)
    {
      guint32 *line = self->tile_pixels + (gsize) row * self->tiles_stride;
      const guint8 *cover = mask + (row - y + half) * self->dot_side - x + half;
      int col = x0;

      /* The edge, the inside in one run, the other edge. */
      for (; col < x1 && cover[col] < 255; col++)
        if (cover[col] > 0)
          blend_over (&line[col], argb, cover[col]);
      for (; col < x1 && cover[col] == 255; col++)
        line[col] = argb;
      for (; col < x1; col++)
        if (cover[col] > 0)
          blend_over (&line[col], argb, cover[col]);
    }
  tiles_touch (self, x0, y0, x1, y1);
}

static void
cairo_painter_tile (VpcPainter     *p,
                    double          x,
                    double          y,
                    double          w,
                    double          h,
                    const VpcColor *fill,
                    const VpcColor *border,
                    double          width)
{
  CairoPainter *self = (CairoPainter *) p;
  const cairo_matrix_t *m = &self->tiles_matrix;
  int x0, x1, y0, y1, edge;

  if (!tiles_ready (self))
    {
      cairo_painter_set_fill (p, fill, 1.0);
      cairo_painter_set_stroke (p, border, 1.0, width);
      cairo_painter_rect (p, x, y, w, h, 0);
      return;
    }
  pixel_span (m->xx * x + m->x0 - self->tiles_x, m->xx * (x + w) + m->x0 - self->tiles_x, &x0, &x1);
  pixel_span (m->yy * y + m->y0 - self->tiles_y, m->yy * (y + h) + m->y0 - self->tiles_y, &y0, &y1);
  if (x1 <= 0 || y1 <= 0 || x0 >= self->tiles_w || y0 >= self->tiles_h)
    return;
  if (fill != NULL)
    tiles_fill (self, x0, y0, x1, y1, opaque_argb (fill));
  if (border == NULL)
    return;
  edge = (int) MAX (1, lround (width * m->xx));
  tiles_fill (self, x0, y0, x1, y0 + edge, opaque_argb (border));
  tiles_fill (self, x0, y1 - edge, x1, y1, opaque_argb (border));
  tiles_fill (self, x0, y0, x0 + edge, y1, opaque_argb (border));
  tiles_fill (self, x1 - edge, y0, x1, y1, opaque_argb (border));
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
  g_free (self->dot_mask);
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
  .tile = cairo_painter_tile,
  .dot = cairo_painter_dot,
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
