/* SPDX-License-Identifier: GPL-3.0-or-later */
/* vpc-painter-null.c: a painter that draws nothing. A pass through it
 * measures what a real pass would (labels are wrapped and cached), so an
 * export can do that work while another thread routes the connectors. */
#include "vpc-painter.h"

static void
null_set_fill (VpcPainter     *p,
               const VpcColor *color,
               double          alpha)
{
}

static void
null_set_stroke (VpcPainter     *p,
                 const VpcColor *color,
                 double          alpha,
                 double          width)
{
}

static void
null_set_dash (VpcPainter   *p,
               const double *dash,
               int           n,
               double        offset)
{
}

static void
null_clear (VpcPainter     *p,
            const VpcColor *color)
{
}

static void
null_rect (VpcPainter *p,
           double      x,
           double      y,
           double      w,
           double      h,
           double      radius)
{
}

static void
null_circle (VpcPainter *p,
             double      cx,
             double      cy,
             double      r)
{
}

static void
null_line (VpcPainter *p,
           double      x0,
           double      y0,
           double      x1,
           double      y1)
{
}

static void
null_text (VpcPainter     *p,
           VpcFont         font,
           const char     *text,
           double          x,
           double          y,
           double          width,
           VpcAlign        align,
           const VpcColor *color)
{
}

static void
null_icon (VpcPainter *p,
           const char *name,
           double      x,
           double      y,
           double      size)
{
}

static void
null_begin_group (VpcPainter *p,
                  const char *css_class,
                  const char *id,
                  const char *title)
{
}

static void
null_begin_link (VpcPainter *p,
                 const char *from,
                 const char *to)
{
}

static void
null_end_group (VpcPainter *p)
{
}

static void
null_flush (VpcPainter *p)
{
}

static void
null_finish (VpcPainter *p)
{
  g_free (p);
}

static const VpcPainterClass null_painter_class = {
  .set_fill = null_set_fill,
  .set_stroke = null_set_stroke,
  .set_dash = null_set_dash,
  .clear = null_clear,
  .rect = null_rect,
  .circle = null_circle,
  .line = null_line,
  .text = null_text,
  .icon = null_icon,
  .begin_group = null_begin_group,
  .begin_link = null_begin_link,
  .end_group = null_end_group,
  .flush = null_flush,
  .finish = null_finish,
};

VpcPainter *
vpc_painter_null_new (void)
{
  VpcPainter *p = g_new0 (VpcPainter, 1);

  p->klass = &null_painter_class;
  return p;
}
