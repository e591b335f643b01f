/* SPDX-License-Identifier: GPL-3.0-or-later */
/* vpc-painter-svg.c: the painter as an SVG writer. Rather than going
 * through cairo's SVG surface (which turns every glyph into its own element
 * and formats every number through printf), it appends plain elements to a
 * GString:
 *
 *  - shapes are <rect>, <circle> and <line>, grouped in a <g> per style, so
 *    one colour is written once for a run of shapes;
 *  - text is real <text> with the label (XML-escaped), cut with "…" where
 *    the pango layout of the canvas would ellipsize it;
 *  - each icon is copied once from the render GResource into a <symbol> and
 *    placed with <use>;
 *  - numbers go through a small locale-free formatter (two decimals).
 *
 * A streamed document (the export) is handed on in chunks as it grows,
 * never held whole: 100,000 elements make 130 MB of SVG. */
#include <math.h>
#include <string.h>

#include "vpc-render-private.h"
#include "vpc-render-resources.h"

#define ICON_PATH "/org/example/VpcDesigner/render/icons/%s.svg"
/* A streamed document is handed on once this much is buffered. */
#define CHUNK     (64 * 1024)

typedef struct
{
  gboolean has_fill, has_stroke;
  VpcColor fill, stroke;
  double   fill_alpha, stroke_alpha, width;
  int      n_dash;
  double   dash[4];
  double   dash_offset;
} Style;

typedef struct
{
  VpcPainter  parent;
  GString    *out;
  VpcPainterWriteFunc write; /* NULL: @out is the caller's document */
  gpointer    write_data;
  gboolean    write_failed;
  Style       state;   /* what set_* asked for */
  Style       group;   /* what the open <g> says */
  gboolean    group_open;
  GHashTable *icons;   /* name → symbol id (char *), or "" when missing */
  GPtrArray  *icon_order;
  double      width, height, scale, offset_x, offset_y;
} SvgPainter;

/* llround() without the call into libm (a fifth of writing a number):
 * below 2^52 a double's whole part converts exactly and its fraction is
 * exact, so halves round away from zero as llround() rounds them. */
static inline gint64
round_away (double x)
{
  gint64 whole;
  double frac;

  if (!(fabs (x) < 4503599627370496.0))
    return llround (x);
  whole = (gint64) x;
  frac = x - (double) whole;
  return whole + (frac >= 0.5) - (frac <= -0.5);
}

/* "00" to "99": a number's digits are written two at a time. */
static const char digit_pairs[] =
  "00010203040506070809101112131415161718192021222324252627282930313233343536373839"
  "40414243444546474849505152535455565758596061626364656667686970717273747576777879"
  "8081828384858687888990919293949596979899";

/* The decimal digits of @whole, as many as @digits says it has, written
 * two at a time from the last one back to @buf. */
static inline void
put_digits (char    *buf,
            guint64  whole,
            int      digits)
{
  char *p = buf + digits;

  for (; whole >= 10; whole /= 100)
    {
      p -= 2;
      memcpy (p, digit_pairs + 2 * (whole % 100), 2);
    }
  if (p > buf)
    *--p = (char) ('0' + whole);
}

static inline int
count_digits (guint64 whole)
{
  int digits = 1;

  for (guint64 limit = 10; digits < 19 && whole >= limit; limit *= 10)
    digits++;
  return digits;
}

int
vpc_painter_format_number (char   *buf,
                           double  value)
{
  gint64 v;
  guint64 hundredths, whole;
  guint frac;
  int n = 0, digits;

  if (!isfinite (value))
    value = 0;
  v = round_away (value * 100.0);
  hundredths = (guint64) v;
  if (v < 0)
    {
      buf[n++] = '-';
      hundredths = -hundredths; /* unsigned: well defined for G_MININT64 too */
    }
  whole = hundredths / 100;
  frac = (guint) (hundredths % 100);
  /* Most numbers of a drawing have five digits or fewer. */
  digits = whole < 10 ? 1 : whole < 100 ? 2 : whole < 1000 ? 3 : whole < 10000 ? 4
         : whole < 100000 ? 5 : count_digits (whole);
  put_digits (buf + n, whole, digits);
  n += digits;
  if (frac != 0)
    {
      buf[n++] = '.';
      buf[n++] = digit_pairs[2 * frac];
      if (frac % 10 != 0)
        buf[n++] = digit_pairs[2 * frac + 1];
    }
  if (n == 2 && buf[0] == '-' && buf[1] == '0')
    n = 1, buf[0] = '0';
  buf[n] = '\0';
  return n;
}

/* Room for @n more bytes and a nul at the end of the output: where they
 * go. The caller writes them and ends the string with done(). GLib 2.74's
 * g_string_append() and g_string_append_len() go through
 * g_string_insert_len() (which checks whether the text lies inside the
 * string and moves memory) for every name, number and quote: 380 M
 * instructions of a 10,000-element SVG. */
static inline char *
room (SvgPainter *self,
      gsize       n)
{
  GString *out = self->out;

  if (G_UNLIKELY (out->len + n >= out->allocated_len))
    {
      gsize len = out->len;

      g_string_set_size (out, len + n);
      g_string_truncate (out, len);
    }
  return out->str + out->len;
}

static inline void
done (SvgPainter *self,
      char       *end)
{
  self->out->len = (gsize) (end - self->out->str);
  *end = '\0';
}

/* Appends @n bytes of @s. */
static inline void
put_len (SvgPainter *self,
         const char *s,
         gsize       n)
{
  char *at = room (self, n);

  memcpy (at, s, n);
  done (self, at + n);
}

static inline void
put (SvgPainter *self,
     const char *s)
{
  put_len (self, s, strlen (s));
}

/* Room for the longest number vpc_painter_format_number() writes and its
 * nul: "-92233720368547758.08", 21 bytes. */
#define NUMBER_MAX 24
G_STATIC_ASSERT (NUMBER_MAX >= sizeof "-92233720368547758.08");

/* A number written straight into the output: most of an SVG's bytes,
 * which a copy through a buffer of its own made a call to memcpy() each. */
static inline void
put_num (SvgPainter *self,
         double      value)
{
  char *at = room (self, NUMBER_MAX);

  done (self, at + vpc_painter_format_number (at, value));
}

/* ' name="value"' */
static inline void
put_attr (SvgPainter *self,
          const char *name,
          double      value)
{
  gsize name_len = strlen (name);
  char *at = room (self, name_len + 4 + NUMBER_MAX);

  *at++ = ' ';
  memcpy (at, name, name_len);
  at += name_len;
  *at++ = '=';
  *at++ = '"';
  at += vpc_painter_format_number (at, value);
  *at++ = '"';
  done (self, at);
}

static void
put_color (SvgPainter     *self,
           const VpcColor *c)
{
  static const char hex[] = "0123456789abcdef";
  int v[3] = {
    (int) round_away (CLAMP (c->r, 0, 1) * 255),
    (int) round_away (CLAMP (c->g, 0, 1) * 255),
    (int) round_away (CLAMP (c->b, 0, 1) * 255),
  };
  char buf[8] = { '#' };

  for (int i = 0; i < 3; i++)
    {
      buf[1 + 2 * i] = hex[v[i] >> 4];
      buf[2 + 2 * i] = hex[v[i] & 15];
    }
  put_len (self, buf, 7);
}

/* @text XML-escaped, with nothing XML 1.0 forbids (the renderer hands
 * over clean text already; this keeps the document well-formed whatever
 * comes), cut to its first @max_chars. @specials: the characters escaped,
 * "&<>" in text content, with the quotes too in an attribute (as
 * g_markup_escape_text()). Written run by run, not copied and printed. */
static void
put_xml (SvgPainter *self,
         const char *text,
         gsize       max_chars,
         const char *specials)
{
  g_autofree char *clean = vpc_render_clean_text (text, max_chars);

  for (const char *c = clean != NULL ? clean : text; *c != '\0';)
    {
      gsize plain = strcspn (c, specials);

      put_len (self, c, plain);
      c += plain;
      switch (*c)
        {
        case '&':
          put (self, "&amp;");
          break;
        case '<':
          put (self, "&lt;");
          break;
        case '>':
          put (self, "&gt;");
          break;
        case '\'':
          put (self, "&apos;");
          break;
        case '"':
          put (self, "&quot;");
          break;
        default:
          continue; /* the end */
        }
      c++;
    }
}

/* Text content. */
static void
put_escaped (SvgPainter *self,
             const char *text)
{
  put_xml (self, text, G_MAXSIZE, "&<>");
}

static gboolean
style_equal (const Style *a,
             const Style *b)
{
  if (a->has_fill != b->has_fill || a->has_stroke != b->has_stroke)
    return FALSE;
  if (a->has_fill &&
      (a->fill.r != b->fill.r || a->fill.g != b->fill.g || a->fill.b != b->fill.b ||
       a->fill_alpha != b->fill_alpha))
    return FALSE;
  if (a->has_stroke &&
      (a->stroke.r != b->stroke.r || a->stroke.g != b->stroke.g || a->stroke.b != b->stroke.b ||
       a->stroke_alpha != b->stroke_alpha || a->width != b->width ||
       a->n_dash != b->n_dash || a->dash_offset != b->dash_offset ||
       memcmp (a->dash, b->dash, a->n_dash * sizeof (double)) != 0))
    return FALSE;
  return TRUE;
}

/* Hands the buffered part of a streamed document on. */
static void
write_out (SvgPainter *self)
{
  if (!self->write_failed && self->out->len > 0)
    self->write_failed = !self->write (self->out->str, self->out->len, self->write_data);
  g_string_truncate (self->out, 0);
}

/* Called after each element: a streamed document keeps a chunk at most. */
static inline void
written (SvgPainter *self)
{
  if (self->write != NULL && self->out->len >= CHUNK)
    write_out (self);
}

static void
close_group (SvgPainter *self)
{
  if (self->group_open)
    put (self, "</g>\n");
  self->group_open = FALSE;
}

static void
use_style (SvgPainter  *self,
           const Style *want)
{
  if (self->group_open && style_equal (&self->group, want))
    return;
  close_group (self);
  put (self, "<g");
  if (want->has_fill)
    {
      put (self, " fill=\"");
      put_color (self, &want->fill);
      put (self, "\"");
      if (want->fill_alpha < 1)
        put_attr (self, "fill-opacity", want->fill_alpha);
    }
  else
    put (self, " fill=\"none\"");
  if (want->has_stroke)
    {
      put (self, " stroke=\"");
      put_color (self, &want->stroke);
      put (self, "\"");
      put_attr (self, "stroke-width", want->width);
      put (self, " stroke-linejoin=\"round\"");
      if (want->stroke_alpha < 1)
        put_attr (self, "stroke-opacity", want->stroke_alpha);
      if (want->n_dash > 0)
        {
          put (self, " stroke-dasharray=\"");
          for (int i = 0; i < want->n_dash; i++)
            {
              if (i > 0)
                g_string_append_c (self->out, ' ');
              put_num (self, want->dash[i]);
            }
          put (self, "\"");
          if (want->dash_offset != 0)
            put_attr (self, "stroke-dashoffset", want->dash_offset);
        }
    }
  put (self, ">\n");
  self->group = *want;
  self->group_open = TRUE;
}

static void
svg_set_fill (VpcPainter     *p,
              const VpcColor *color,
              double          alpha)
{
  SvgPainter *self = (SvgPainter *) p;

  self->state.has_fill = color != NULL;
  if (color != NULL)
    {
      self->state.fill = *color;
      self->state.fill_alpha = alpha;
    }
}

static void
svg_set_stroke (VpcPainter     *p,
                const VpcColor *color,
                double          alpha,
                double          width)
{
  SvgPainter *self = (SvgPainter *) p;

  self->state.has_stroke = color != NULL;
  if (color != NULL)
    {
      self->state.stroke = *color;
      self->state.stroke_alpha = alpha;
      self->state.width = width;
    }
}

static void
svg_set_dash (VpcPainter   *p,
              const double *dash,
              int           n,
              double        offset)
{
  SvgPainter *self = (SvgPainter *) p;

  n = CLAMP (n, 0, (int) G_N_ELEMENTS (self->state.dash));
  memset (self->state.dash, 0, sizeof self->state.dash);
  self->state.n_dash = n;
  self->state.dash_offset = n > 0 ? offset : 0;
  if (n > 0)
    memcpy (self->state.dash, dash, n * sizeof (double));
}

static void
svg_clear (VpcPainter     *p,
           const VpcColor *color)
{
  SvgPainter *self = (SvgPainter *) p;

  /* The page in world units (the group carries the page transform). */
  close_group (self);
  put (self, "<rect");
  put_attr (self, "x", -self->offset_x / self->scale - 1);
  put_attr (self, "y", -self->offset_y / self->scale - 1);
  put_attr (self, "width", self->width / self->scale + 2);
  put_attr (self, "height", self->height / self->scale + 2);
  put (self, " fill=\"");
  put_color (self, color);
  put (self, "\"/>\n");
}

static void
svg_rect (VpcPainter *p,
          double      x,
          double      y,
          double      w,
          double      h,
          double      radius)
{
  SvgPainter *self = (SvgPainter *) p;

  use_style (self, &self->state);
  put (self, "<rect");
  put_attr (self, "x", x);
  put_attr (self, "y", y);
  put_attr (self, "width", w);
  put_attr (self, "height", h);
  radius = MIN (radius, MIN (w, h) / 2);
  if (radius > 0)
    put_attr (self, "rx", radius);
  put (self, "/>\n");
  written (self);
}

static void
svg_circle (VpcPainter *p,
            double      cx,
            double      cy,
            double      r)
{
  SvgPainter *self = (SvgPainter *) p;

  use_style (self, &self->state);
  put (self, "<circle");
  put_attr (self, "cx", cx);
  put_attr (self, "cy", cy);
  put_attr (self, "r", r);
  put (self, "/>\n");
  written (self);
}

static void
svg_line (VpcPainter *p,
          double      x0,
          double      y0,
          double      x1,
          double      y1)
{
  SvgPainter *self = (SvgPainter *) p;

  self->state.has_fill = FALSE;
  use_style (self, &self->state);
  put (self, "<line");
  put_attr (self, "x1", x0);
  put_attr (self, "y1", y0);
  put_attr (self, "x2", x1);
  put_attr (self, "y2", y1);
  put (self, "/>\n");
  written (self);
}

static void
svg_text (VpcPainter     *p,
          VpcFont         font,
          const char     *text,
          double          x,
          double          y,
          double          width,
          VpcAlign        align,
          const VpcColor *color)
{
  SvgPainter *self = (SvgPainter *) p;
  g_autofree char *cut = vpc_render_text_fit (font, text, width);
  Style want = { .has_fill = TRUE, .fill = *color, .fill_alpha = 1.0 };

  use_style (self, &want);
  if (width > 0 && align == VPC_ALIGN_CENTER)
    x += width / 2;
  else if (width > 0 && align == VPC_ALIGN_RIGHT)
    x += width;
  put (self, "<text class=\"f");
  g_string_append_c (self->out, (char) ('0' + font));
  put (self, "\"");
  if (align == VPC_ALIGN_CENTER && width > 0)
    put (self, " text-anchor=\"middle\"");
  else if (align == VPC_ALIGN_RIGHT && width > 0)
    put (self, " text-anchor=\"end\"");
  put_attr (self, "x", x);
  put_attr (self, "y", y + vpc_render_font_baseline (font));
  put (self, ">");
  put_escaped (self, cut != NULL ? cut : text);
  put (self, "</text>\n");
  written (self);
}

/* The id of the icon's <symbol>, or NULL when there is no such icon. */
static const char *
icon_symbol (SvgPainter *self,
             const char *name)
{
  char *id;

  if (g_hash_table_lookup_extended (self->icons, name, NULL, (gpointer *) &id))
    return *id != '\0' ? id : NULL;
  {
    g_autofree char *path = g_strdup_printf (ICON_PATH, name);
    g_autoptr(GBytes) bytes = g_resource_lookup_data (vpc_render_get_resource (), path,
                                                      G_RESOURCE_LOOKUP_FLAGS_NONE, NULL);

    if (bytes == NULL)
      {
        g_hash_table_insert (self->icons, g_strdup (name), g_strdup (""));
        return NULL;
      }
    id = g_strconcat ("i-", name, NULL);
    g_hash_table_insert (self->icons, g_strdup (name), id);
    g_ptr_array_add (self->icon_order, g_strdup (name));
    return id;
  }
}

static void
svg_icon (VpcPainter *p,
          const char *name,
          double      x,
          double      y,
          double      size)
{
  SvgPainter *self = (SvgPainter *) p;
  const char *id;

  /* Like the cairo painter: nothing under a twentieth of a device pixel. */
  if (!(size * self->scale >= 0.05) || !isfinite (size * self->scale))
    return;
  id = icon_symbol (self, name);
  if (id == NULL)
    return;
  close_group (self);
  put (self, "<use xlink:href=\"#");
  put (self, id);
  put (self, "\"");
  put_attr (self, "x", x);
  put_attr (self, "y", y);
  put_attr (self, "width", size);
  put_attr (self, "height", size);
  put (self, "/>\n");
  written (self);
}

static void
svg_flush (VpcPainter *p)
{
}

/* The icon file without its XML prolog and root element, as a <symbol>
 * with the root's viewBox. */
static void
write_symbol (SvgPainter *self,
              const char *name)
{
  g_autofree char *path = g_strdup_printf (ICON_PATH, name);
  g_autoptr(GBytes) bytes = g_resource_lookup_data (vpc_render_get_resource (), path,
                                                    G_RESOURCE_LOOKUP_FLAGS_NONE, NULL);
  gsize len;
  const char *data = g_bytes_get_data (bytes, &len);
  g_autofree char *doc = g_strndup (data, len);
  const char *root = strstr (doc, "<svg"), *start, *end, *vb;
  g_autofree char *view_box = NULL;

  if (root == NULL || (start = strchr (root, '>')) == NULL ||
      (end = g_strrstr (doc, "</svg>")) == NULL || end < start)
    return;
  vb = g_strstr_len (root, start - root, "viewBox=\"");
  if (vb != NULL)
    {
      const char *q = strchr (vb + 9, '"');
      view_box = q != NULL ? g_strndup (vb + 9, q - vb - 9) : NULL;
    }
  put (self, "<symbol id=\"");
  put (self, g_hash_table_lookup (self->icons, name));
  put (self, "\" viewBox=\"");
  put (self, view_box != NULL ? view_box : "0 0 64 64");
  put (self, "\">");
  put_len (self, start + 1, end - start - 1);
  put (self, "</symbol>\n");
}

/* An attribute's value, or a title's: cut, and with the quotes escaped. */
static void
put_markup (SvgPainter *self,
            const char *text)
{
  put_xml (self, text, VPC_RENDER_TEXT_MAX_CHARS, "&<>'\"");
}

/* ' name="text"', XML-escaped. */
static void
put_text_attr (SvgPainter *self,
               const char *name,
               const char *text)
{
  put_len (self, " ", 1);
  put (self, name);
  put_len (self, "=\"", 2);
  put_markup (self, text);
  put_len (self, "\"", 1);
}

static void
svg_begin_group (VpcPainter *p,
                 const char *css_class,
                 const char *id,
                 const char *title)
{
  SvgPainter *self = (SvgPainter *) p;

  close_group (self);
  put (self, "<g");
  put_text_attr (self, "class", css_class);
  if (id != NULL)
    put_text_attr (self, "data-id", id);
  put (self, ">");
  if (title != NULL)
    {
      put (self, "<title>");
      put_markup (self, title);
      put (self, "</title>");
    }
  put (self, "\n");
}

static void
svg_begin_link (VpcPainter *p,
                const char *from,
                const char *to)
{
  SvgPainter *self = (SvgPainter *) p;

  close_group (self);
  put (self, "<g class=\"vpcd-link\"");
  put_text_attr (self, "data-from", from);
  put_text_attr (self, "data-to", to);
  put (self, ">\n");
}

static void
svg_end_group (VpcPainter *p)
{
  SvgPainter *self = (SvgPainter *) p;

  close_group (self);
  put (self, "</g>\n");
  written (self);
}

static void
svg_finish (VpcPainter *p)
{
  SvgPainter *self = (SvgPainter *) p;

  close_group (self);
  put (self, "</g>\n");
  if (self->icon_order->len > 0)
    {
      put (self, "<defs>\n");
      for (guint i = 0; i < self->icon_order->len; i++)
        write_symbol (self, g_ptr_array_index (self->icon_order, i));
      put (self, "</defs>\n");
    }
  put (self, "</svg>\n");
  if (self->write != NULL)
    {
      write_out (self);
      g_string_free (self->out, TRUE);
    }
  g_hash_table_unref (self->icons);
  g_ptr_array_unref (self->icon_order);
  g_free (self);
}

static const VpcPainterClass svg_painter_class = {
  .set_fill = svg_set_fill,
  .set_stroke = svg_set_stroke,
  .set_dash = svg_set_dash,
  .clear = svg_clear,
  .rect = svg_rect,
  .circle = svg_circle,
  .line = svg_line,
  .text = svg_text,
  .icon = svg_icon,
  .begin_group = svg_begin_group,
  .begin_link = svg_begin_link,
  .end_group = svg_end_group,
  .flush = svg_flush,
  .finish = svg_finish,
};

static SvgPainter *
svg_painter_new (GString *out,
                 double   width,
                 double   height,
                 double   scale,
                 double   offset_x,
                 double   offset_y)
{
  SvgPainter *self = g_new0 (SvgPainter, 1);

  self->parent.klass = &svg_painter_class;
  self->out = out;
  self->icons = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  self->icon_order = g_ptr_array_new_with_free_func (g_free);
  self->width = width;
  self->height = height;
  self->scale = scale > 0 ? scale : 1.0;
  self->offset_x = offset_x;
  self->offset_y = offset_y;

  put (self, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
             "<svg xmlns=\"http://www.w3.org/2000/svg\" "
             "xmlns:xlink=\"http://www.w3.org/1999/xlink\" version=\"1.1\"");
  put_attr (self, "width", width);
  put_attr (self, "height", height);
  put (self, " viewBox=\"0 0 ");
  put_num (self, width);
  g_string_append_c (out, ' ');
  put_num (self, height);
  put (self, "\" xml:space=\"preserve\">\n<style>\ntext{font-family:'"
             VPC_RENDER_FONT_FAMILY "',sans-serif}\n");
  for (int f = 0; f < VPC_N_FONTS; f++)
    {
      g_string_append_printf (out, ".f%d{font-size:", f);
      put_num (self, vpc_render_font_px (f));
      put (self, vpc_render_font_bold (f) ? "px;font-weight:bold}\n" : "px}\n");
    }
  {
    char s[G_ASCII_DTOSTR_BUF_SIZE], x[G_ASCII_DTOSTR_BUF_SIZE], y[G_ASCII_DTOSTR_BUF_SIZE];

    g_string_append_printf (out, "</style>\n<g "
                            "transform=\"matrix(%s 0 0 %s %s %s)\">\n",
                            g_ascii_formatd (s, sizeof s, "%.6g", scale),
                            s,
                            g_ascii_formatd (x, sizeof x, "%.4f", offset_x),
                            g_ascii_formatd (y, sizeof y, "%.4f", offset_y));
  }
  return self;
}

VpcPainter *
vpc_painter_svg_new (GString *out,
                     double   width,
                     double   height,
                     double   scale,
                     double   offset_x,
                     double   offset_y)
{
  return &svg_painter_new (out, width, height, scale, offset_x, offset_y)->parent;
}

VpcPainter *
vpc_painter_svg_new_stream (VpcPainterWriteFunc  write,
                            gpointer             user_data,
                            double               width,
                            double               height,
                            double               scale,
                            double               offset_x,
                            double               offset_y)
{
  /* Room for a chunk and the element that passes it. */
  SvgPainter *self = svg_painter_new (g_string_sized_new (CHUNK + 4096), width, height, scale,
                                      offset_x, offset_y);

  self->write = write;
  self->write_data = user_data;
  return &self->parent;
}
