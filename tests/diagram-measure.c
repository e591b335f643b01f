/* SPDX-License-Identifier: GPL-3.0-or-later */
/* diagram-measure.c: counts truncated labels, overlaps and connector
 * crossings in an exported SVG (see diagram-measure.h).
 *
 * The SVG is read once into flat records: groups (with their class, data
 * attributes and <title>), element groups and the shapes and texts drawn
 * directly in them, connector groups and their segments, and what is drawn
 * outside any group (for the SVGs from before issue 10). Transforms on any
 * element are applied, so every box is in page coordinates. */
#include <math.h>
#include <string.h>
#include <pango/pangocairo.h>

#include "diagram-measure.h"

/* Boxes closer than this overlap by rounding, not by drawing. */
#define EPS       0.5
/* Points this close are the same point (coordinates are written with at
 * most four decimals). */
#define POINT_EPS 1e-3
#define ELLIPSIS  "\xe2\x80\xa6"
/* vpc-render.h's VPC_RENDER_TEXT_MAX_CHARS: titles are cut there too. */
#define TITLE_MAX_CHARS 2048

typedef struct
{
  double x0, y0, x1, y1;
} Box;

typedef struct
{
  double x0, y0, x1, y1;
} Seg;

enum { SPECIAL_NONE, SPECIAL_TITLE, SPECIAL_LEGEND };
enum { ANCHOR_START, ANCHOR_MIDDLE, ANCHOR_END };
enum { TAG_OTHER, TAG_G, TAG_TEXT, TAG_TSPAN, TAG_TITLE, TAG_STYLE };

typedef struct
{
  char *klass;
  char *title;
  int   parent;  /* enclosing group, -1 */
  int   element; /* this group's element record, -1 */
  int   link;    /* this group's link record, -1 */
} Group;

typedef struct
{
  char   *kind;   /* "subnet" for class "vpcd-subnet" */
  char   *id;
  int     group;
  int     parent; /* enclosing element, -1 */
  GArray *shapes; /* Box, drawn directly in the group */
  GArray *texts;  /* int, indices of texts drawn directly in it */
} Element;

typedef struct
{
  GString    *text;
  double      x, y;   /* as written */
  double      m[6];
  int         anchor;
  double      size;
  gboolean    bold;
  const char *family;
  int         group;
  int         element;
  int         special;
  Box         box;
} Text;

typedef struct
{
  char   *from, *to;
  GArray *segs;  /* Seg, in drawing order */
} Link;

/* Drawn outside element and link groups (the SVGs from before issue 10). */
typedef struct
{
  Seg    seg;
  double stroke_opacity;
  int    special;
} LooseLine;

typedef struct
{
  Box    box;
  double w, h, rx;
} LooseRect;

typedef struct
{
  double      m[6];
  const char *fill;   /* interned; NULL: SVG's default (black) */
  const char *stroke; /* interned; NULL: none */
  double      stroke_opacity;
  double      opacity;
  double      font_size;
  int         bold;
  const char *family;
  int         anchor;
  int         group;
  int         element;
  int         link;
  int         special;
  gboolean    hidden;
  int         text;
  int         tag;
  int         n_children;
} Frame;

typedef struct
{
  double      size;   /* 0: unset */
  int         bold;   /* -1: unset */
  const char *family; /* NULL: unset */
} FontRule;

typedef struct
{
  GArray     *frames;  /* Frame */
  GArray     *groups;  /* Group */
  GArray     *elements; /* Element */
  GArray     *texts;   /* Text */
  GArray     *links;   /* Link */
  GArray     *lines;   /* LooseLine */
  GArray     *rects;   /* LooseRect */
  GHashTable *classes; /* name → FontRule * */
  FontRule    text_rule;
  GString    *chars;   /* <title> or <style> being read */
  gboolean    have_root_m;
  double      root_m[6]; /* the first transform on a group under <svg> */
  guint       n_lines;   /* texts that are not blank */
} Doc;

/* --- boxes --------------------------------------------------------------- */

static const Box box_empty = { G_MAXDOUBLE, G_MAXDOUBLE, -G_MAXDOUBLE, -G_MAXDOUBLE };

static gboolean
box_is_empty (const Box *b)
{
  return b->x0 > b->x1 || b->y0 > b->y1;
}

static void
box_add_point (Box    *b,
               double  x,
               double  y)
{
  b->x0 = MIN (b->x0, x);
  b->y0 = MIN (b->y0, y);
  b->x1 = MAX (b->x1, x);
  b->y1 = MAX (b->y1, y);
}

static void
box_union (Box       *b,
           const Box *other)
{
  if (box_is_empty (other))
    return;
  box_add_point (b, other->x0, other->y0);
  box_add_point (b, other->x1, other->y1);
}

static double
box_area (const Box *b)
{
  return box_is_empty (b) ? 0 : (b->x1 - b->x0) * (b->y1 - b->y0);
}

/* Overlap by more than EPS both ways. */
static gboolean
box_overlap (const Box *a,
             const Box *b)
{
  if (box_is_empty (a) || box_is_empty (b))
    return FALSE;
  return MIN (a->x1, b->x1) - MAX (a->x0, b->x0) > EPS &&
         MIN (a->y1, b->y1) - MAX (a->y0, b->y0) > EPS;
}

static gboolean
box_inside (const Box *a,
            const Box *b)
{
  return a->x0 >= b->x0 - EPS && a->y0 >= b->y0 - EPS &&
         a->x1 <= b->x1 + EPS && a->y1 <= b->y1 + EPS;
}

/* --- transforms ---------------------------------------------------------- */

static const double identity[6] = { 1, 0, 0, 1, 0, 0 };

/* r = a × b (b applied first). */
static void
matrix_multiply (double        r[6],
                 const double  a[6],
                 const double  b[6])
{
  double t[6];

  t[0] = a[0] * b[0] + a[2] * b[1];
  t[1] = a[1] * b[0] + a[3] * b[1];
  t[2] = a[0] * b[2] + a[2] * b[3];
  t[3] = a[1] * b[2] + a[3] * b[3];
  t[4] = a[0] * b[4] + a[2] * b[5] + a[4];
  t[5] = a[1] * b[4] + a[3] * b[5] + a[5];
  memcpy (r, t, sizeof t);
}

static void
matrix_apply (const double  m[6],
              double        x,
              double        y,
              double       *ox,
              double       *oy)
{
  *ox = m[0] * x + m[2] * y + m[4];
  *oy = m[1] * x + m[3] * y + m[5];
}

static void
box_add_transformed (Box          *b,
                     const double  m[6],
                     double        x0,
                     double        y0,
                     double        x1,
                     double        y1)
{
  const double xs[4] = { x0, x1, x1, x0 }, ys[4] = { y0, y0, y1, y1 };

  for (int i = 0; i < 4; i++)
    {
      double x, y;

      matrix_apply (m, xs[i], ys[i], &x, &y);
      box_add_point (b, x, y);
    }
}

/* Numbers in attribute lists: separated by spaces and/or commas, or by
 * nothing before a sign or a second point. */
static gboolean
next_number (const char **p,
             double      *value)
{
  char *end;

  while (**p == ' ' || **p == ',' || **p == '\t' || **p == '\n' || **p == '\r')
    (*p)++;
  if (**p == '\0')
    return FALSE;
  *value = g_ascii_strtod (*p, &end);
  if (end == *p)
    return FALSE;
  *p = end;
  return TRUE;
}

/* Multiplies @m by the transform list @text (matrix, translate, scale,
 * rotate, skewX, skewY). */
static void
apply_transform (double      m[6],
                 const char *text)
{
  const char *p = text;

  while (*p != '\0')
    {
      char name[16] = "";
      double v[6] = { 0 };
      double t[6];
      int n = 0, len = 0;

      while (*p != '\0' && !g_ascii_isalpha (*p))
        p++;
      while (g_ascii_isalpha (*p) && len < 15)
        name[len++] = *p++;
      name[len] = '\0';
      while (*p != '\0' && *p != '(')
        p++;
      if (*p == '\0')
        return;
      p++;
      while (n < 6 && next_number (&p, &v[n]))
        n++;
      while (*p != '\0' && *p != ')')
        p++;
      if (*p == ')')
        p++;

      memcpy (t, identity, sizeof t);
      if (g_str_equal (name, "matrix") && n == 6)
        memcpy (t, v, sizeof t);
      else if (g_str_equal (name, "translate") && n >= 1)
        {
          t[4] = v[0];
          t[5] = n > 1 ? v[1] : 0;
        }
      else if (g_str_equal (name, "scale") && n >= 1)
        {
          t[0] = v[0];
          t[3] = n > 1 ? v[1] : v[0];
        }
      else if (g_str_equal (name, "rotate") && n >= 1)
        {
          double a = v[0] * G_PI / 180, c = cos (a), s = sin (a);
          double cx = n >= 3 ? v[1] : 0, cy = n >= 3 ? v[2] : 0;

          t[0] = c; t[1] = s; t[2] = -s; t[3] = c;
          t[4] = cx - c * cx + s * cy;
          t[5] = cy - s * cx - c * cy;
        }
      else if (g_str_equal (name, "skewX") && n >= 1)
        t[2] = tan (v[0] * G_PI / 180);
      else if (g_str_equal (name, "skewY") && n >= 1)
        t[1] = tan (v[0] * G_PI / 180);
      matrix_multiply (m, m, t);
    }
}

/* --- paths --------------------------------------------------------------- */

typedef struct
{
  GArray *points;  /* double pairs of the current subpath */
  GPtrArray *subpaths; /* GArray * of double pairs */
} PathPoints;

static void
path_close_subpath (PathPoints *pp)
{
  if (pp->points != NULL && pp->points->len >= 2)
    g_ptr_array_add (pp->subpaths, pp->points);
  else if (pp->points != NULL)
    g_array_unref (pp->points);
  pp->points = NULL;
}

static void
path_add (PathPoints *pp,
          double      x,
          double      y)
{
  double xy[2] = { x, y };

  if (pp->points == NULL)
    pp->points = g_array_new (FALSE, FALSE, sizeof (double));
  g_array_append_vals (pp->points, xy, 2);
}

static gboolean
next_flag (const char **p,
           double      *value)
{
  while (**p == ' ' || **p == ',' || **p == '\t' || **p == '\n' || **p == '\r')
    (*p)++;
  if (**p != '0' && **p != '1')
    return FALSE;
  *value = **p - '0';
  (*p)++;
  return TRUE;
}

/* The subpaths of a path's d attribute as polylines: curves become eight
 * chords, arcs one. */
static GPtrArray *
parse_path (const char *d)
{
  PathPoints pp = { NULL, g_ptr_array_new_with_free_func ((GDestroyNotify) g_array_unref) };
  const char *p = d;
  double cx = 0, cy = 0, sx = 0, sy = 0, lcx = 0, lcy = 0;
  char cmd = 0, prev = 0;

  for (;;)
    {
      double v[7];
      gboolean rel;

      while (*p == ' ' || *p == ',' || *p == '\t' || *p == '\n' || *p == '\r')
        p++;
      if (*p == '\0')
        break;
      if (g_ascii_isalpha (*p))
        cmd = *p++;
      else if (cmd == 0)
        break;
      rel = g_ascii_islower (cmd);
      switch (g_ascii_toupper (cmd))
        {
        case 'Z':
          if (pp.points != NULL)
            path_add (&pp, sx, sy);
          path_close_subpath (&pp);
          cx = sx;
          cy = sy;
          cmd = 0;
          break;
        case 'M':
        case 'L':
        case 'T':
          if (!next_number (&p, &v[0]) || !next_number (&p, &v[1]))
            goto done;
          if (rel)
            {
              v[0] += cx;
              v[1] += cy;
            }
          if (g_ascii_toupper (cmd) == 'M')
            {
              path_close_subpath (&pp);
              sx = v[0];
              sy = v[1];
              cmd = rel ? 'l' : 'L';
            }
          else if (pp.points == NULL)
            path_add (&pp, cx, cy);
          path_add (&pp, v[0], v[1]);
          cx = v[0];
          cy = v[1];
          break;
        case 'H':
        case 'V':
          if (!next_number (&p, &v[0]))
            goto done;
          if (pp.points == NULL)
            path_add (&pp, cx, cy);
          if (g_ascii_toupper (cmd) == 'H')
            cx = rel ? cx + v[0] : v[0];
          else
            cy = rel ? cy + v[0] : v[0];
          path_add (&pp, cx, cy);
          break;
        case 'C':
        case 'S':
        case 'Q':
          {
            char up = g_ascii_toupper (cmd);
            int n = up == 'C' ? 6 : 4;
            double x1, y1, x2, y2, x, y;

            for (int i = 0; i < n; i++)
              if (!next_number (&p, &v[i]))
                goto done;
            if (rel)
              for (int i = 0; i < n; i += 2)
                {
                  v[i] += cx;
                  v[i + 1] += cy;
                }
            if (up == 'S')
              {
                gboolean smooth = strchr ("CcSs", prev) != NULL;

                x1 = smooth ? 2 * cx - lcx : cx;
                y1 = smooth ? 2 * cy - lcy : cy;
                x2 = v[0]; y2 = v[1]; x = v[2]; y = v[3];
              }
            else if (up == 'C')
              {
                x1 = v[0]; y1 = v[1]; x2 = v[2]; y2 = v[3]; x = v[4]; y = v[5];
              }
            else
              {
                /* Quadratic as cubic. */
                x1 = cx + 2.0 / 3 * (v[0] - cx);
                y1 = cy + 2.0 / 3 * (v[1] - cy);
                x2 = v[2] + 2.0 / 3 * (v[0] - v[2]);
                y2 = v[3] + 2.0 / 3 * (v[1] - v[3]);
                x = v[2]; y = v[3];
              }
            if (pp.points == NULL)
              path_add (&pp, cx, cy);
            for (int i = 1; i <= 8; i++)
              {
                double t = i / 8.0, u = 1 - t;

                path_add (&pp,
                          u * u * u * cx + 3 * u * u * t * x1 + 3 * u * t * t * x2 + t * t * t * x,
                          u * u * u * cy + 3 * u * u * t * y1 + 3 * u * t * t * y2 + t * t * t * y);
              }
            lcx = up == 'Q' ? v[0] : x2;
            lcy = up == 'Q' ? v[1] : y2;
            cx = x;
            cy = y;
          }
          break;
        case 'A':
          if (!next_number (&p, &v[0]) || !next_number (&p, &v[1]) || !next_number (&p, &v[2]) ||
              !next_flag (&p, &v[3]) || !next_flag (&p, &v[4]) ||
              !next_number (&p, &v[5]) || !next_number (&p, &v[6]))
            goto done;
          if (rel)
            {
              v[5] += cx;
              v[6] += cy;
            }
          if (pp.points == NULL)
            path_add (&pp, cx, cy);
          path_add (&pp, v[5], v[6]);
          cx = v[5];
          cy = v[6];
          break;
        default:
          goto done;
        }
      prev = cmd;
    }
done:
  path_close_subpath (&pp);
  return pp.subpaths;
}

/* --- text measurement ------------------------------------------------------ */

static PangoContext *measure_context;

static void
text_measure (Text *t)
{
  PangoFontDescription *font;
  PangoLayout *layout;
  PangoRectangle logical;
  double w, h, baseline, x0;

  if (measure_context == NULL)
    {
      PangoFontMap *map = pango_cairo_font_map_new ();
      cairo_font_options_t *options = cairo_font_options_create ();

      /* As the renderer measures: unhinted metrics at 96 dpi. */
      measure_context = pango_font_map_create_context (map);
      cairo_font_options_set_hint_metrics (options, CAIRO_HINT_METRICS_OFF);
      cairo_font_options_set_hint_style (options, CAIRO_HINT_STYLE_NONE);
      pango_cairo_context_set_font_options (measure_context, options);
      pango_cairo_context_set_resolution (measure_context, 96.0);
      cairo_font_options_destroy (options);
      g_object_unref (map);
    }
  font = pango_font_description_new ();
  pango_font_description_set_family (font, t->family != NULL ? t->family : "sans-serif");
  pango_font_description_set_weight (font, t->bold ? PANGO_WEIGHT_BOLD : PANGO_WEIGHT_NORMAL);
  pango_font_description_set_absolute_size (font, (t->size > 0 ? t->size : 16.0) * PANGO_SCALE);
  layout = pango_layout_new (measure_context);
  pango_layout_set_font_description (layout, font);
  pango_layout_set_single_paragraph_mode (layout, TRUE);
  pango_layout_set_text (layout, t->text->str, -1);
  pango_layout_get_extents (layout, NULL, &logical);
  w = logical.width / (double) PANGO_SCALE;
  h = logical.height / (double) PANGO_SCALE;
  baseline = pango_layout_get_baseline (layout) / (double) PANGO_SCALE;
  g_object_unref (layout);
  pango_font_description_free (font);

  x0 = t->anchor == ANCHOR_MIDDLE ? t->x - w / 2 : t->anchor == ANCHOR_END ? t->x - w : t->x;
  t->box = box_empty;
  if (strspn (t->text->str, " ") < t->text->len)
    box_add_transformed (&t->box, t->m, x0, t->y - baseline, x0 + w, t->y - baseline + h);
}

void
diagram_measure_clear (void)
{
  g_clear_object (&measure_context);
}

/* --- the parser ------------------------------------------------------------ */

static const char *
attr (const char **names,
      const char **values,
      const char  *name)
{
  for (int i = 0; names[i] != NULL; i++)
    if (g_str_equal (names[i], name))
      return values[i];
  return NULL;
}

static double
attr_number (const char **names,
             const char **values,
             const char  *name,
             double       fallback)
{
  const char *v = attr (names, values, name);
  char *end;
  double d;

  if (v == NULL)
    return fallback;
  d = g_ascii_strtod (v, &end);
  return end == v ? fallback : d;
}

static Frame *
top (Doc *doc)
{
  return &g_array_index (doc->frames, Frame, doc->frames->len - 1);
}

/* CSS's font-family list: the first family, unquoted. */
static const char *
first_family (const char *value)
{
  g_auto(GStrv) parts = g_strsplit (value, ",", 2);
  g_autofree char *family = g_strstrip (g_strdup (parts[0] != NULL ? parts[0] : ""));
  gsize len = strlen (family);

  if (len >= 2 && (family[0] == '\'' || family[0] == '"') && family[len - 1] == family[0])
    {
      family[len - 1] = '\0';
      return g_intern_string (family + 1);
    }
  return g_intern_string (family);
}

/* One declaration "name:value" of a style attribute or CSS rule. */
static void
font_declaration (FontRule   *rule,
                  const char *name,
                  const char *value)
{
  if (g_str_equal (name, "font-size"))
    rule->size = g_ascii_strtod (value, NULL);
  else if (g_str_equal (name, "font-weight"))
    rule->bold = g_str_equal (value, "bold") || g_str_equal (value, "bolder") ||
                 g_ascii_strtod (value, NULL) >= 600;
  else if (g_str_equal (name, "font-family"))
    rule->family = first_family (value);
}

static void
font_declarations (FontRule   *rule,
                   const char *text)
{
  g_auto(GStrv) decls = g_strsplit (text, ";", -1);

  for (int i = 0; decls[i] != NULL; i++)
    {
      char *colon = strchr (decls[i], ':');

      if (colon == NULL)
        continue;
      *colon = '\0';
      font_declaration (rule, g_strstrip (decls[i]), g_strstrip (colon + 1));
    }
}

/* The <style> sheet: "text{…}" and ".CLASS{…}" rules. */
static void
parse_style (Doc        *doc,
             const char *css)
{
  g_auto(GStrv) rules = g_strsplit (css, "}", -1);

  for (int i = 0; rules[i] != NULL; i++)
    {
      char *brace = strchr (rules[i], '{');
      g_auto(GStrv) selectors = NULL;

      if (brace == NULL)
        continue;
      *brace = '\0';
      selectors = g_strsplit (rules[i], ",", -1);
      for (int s = 0; selectors[s] != NULL; s++)
        {
          char *sel = g_strstrip (selectors[s]);
          FontRule *rule;

          if (g_str_equal (sel, "text"))
            rule = &doc->text_rule;
          else if (sel[0] == '.' && sel[1] != '\0')
            {
              rule = g_hash_table_lookup (doc->classes, sel + 1);
              if (rule == NULL)
                {
                  rule = g_new0 (FontRule, 1);
                  rule->bold = -1;
                  g_hash_table_insert (doc->classes, g_strdup (sel + 1), rule);
                }
            }
          else
            continue;
          font_declarations (rule, brace + 1);
        }
    }
}

static void
apply_font_rule (Frame          *f,
                 const FontRule *rule)
{
  if (rule->size > 0)
    f->font_size = rule->size;
  if (rule->bold >= 0)
    f->bold = rule->bold;
  if (rule->family != NULL)
    f->family = rule->family;
}

static const char *
paint_value (const char *v)
{
  g_autofree char *s = g_strstrip (g_strdup (v));

  return g_intern_string (s);
}

/* Inherited presentation: transform, fill, stroke, opacities, font. */
static void
inherit (Doc         *doc,
         Frame       *f,
         const char  *element_name,
         const char **names,
         const char **values)
{
  const char *v;
  FontRule rule = { 0, -1, NULL };

  if ((v = attr (names, values, "transform")) != NULL)
    apply_transform (f->m, v);
  if (g_str_equal (element_name, "text"))
    apply_font_rule (f, &doc->text_rule);
  if ((v = attr (names, values, "class")) != NULL)
    {
      g_auto(GStrv) classes = g_strsplit_set (v, " \t\n", -1);

      for (int i = 0; classes[i] != NULL; i++)
        {
          const FontRule *r = g_hash_table_lookup (doc->classes, classes[i]);
          if (r != NULL)
            apply_font_rule (f, r);
        }
    }
  for (int i = 0; names[i] != NULL; i++)
    font_declaration (&rule, names[i], values[i]);
  if ((v = attr (names, values, "style")) != NULL)
    font_declarations (&rule, v);
  apply_font_rule (f, &rule);

  if ((v = attr (names, values, "fill")) != NULL)
    f->fill = paint_value (v);
  if ((v = attr (names, values, "stroke")) != NULL)
    f->stroke = paint_value (v);
  f->stroke_opacity = attr_number (names, values, "stroke-opacity", f->stroke_opacity);
  f->opacity *= attr_number (names, values, "opacity", 1.0);
  if ((v = attr (names, values, "text-anchor")) != NULL)
    f->anchor = g_str_equal (v, "middle") ? ANCHOR_MIDDLE
                : g_str_equal (v, "end")  ? ANCHOR_END
                                          : ANCHOR_START;
}

static gboolean
is_none (const char *paint)
{
  return paint != NULL && (g_str_equal (paint, "none") || g_str_equal (paint, "transparent"));
}

static gboolean
visible (const Frame *f,
         gboolean     stroke_only)
{
  gboolean filled = !stroke_only && !is_none (f->fill);
  gboolean stroked = f->stroke != NULL && !is_none (f->stroke);

  return f->opacity > 0 && (filled || stroked);
}

/* A shape's box goes to its element; a connector's lines to its link;
 * what is outside both is kept loose for the old SVGs. */
static void
add_shape (Doc         *doc,
           const Frame *f,
           const Box   *box)
{
  if (f->element >= 0 && f->link < 0 && !box_is_empty (box))
    {
      Element *e = &g_array_index (doc->elements, Element, f->element);
      g_array_append_val (e->shapes, *box);
    }
}

static void
add_polyline (Doc          *doc,
              const Frame  *f,
              const double *xy,
              guint         n_points,
              gboolean      filled)
{
  Box box = box_empty;

  for (guint i = 0; i < n_points; i++)
    {
      double x, y;

      matrix_apply (f->m, xy[2 * i], xy[2 * i + 1], &x, &y);
      box_add_point (&box, x, y);
    }
  add_shape (doc, f, &box);

  if (f->link >= 0 && !filled && visible (f, TRUE))
    {
      Link *link = &g_array_index (doc->links, Link, f->link);

      for (guint i = 0; i + 1 < n_points; i++)
        {
          Seg s;

          matrix_apply (f->m, xy[2 * i], xy[2 * i + 1], &s.x0, &s.y0);
          matrix_apply (f->m, xy[2 * i + 2], xy[2 * i + 3], &s.x1, &s.y1);
          g_array_append_val (link->segs, s);
        }
    }
  else if (f->link < 0 && f->element < 0 && !filled && visible (f, TRUE))
    for (guint i = 0; i + 1 < n_points; i++)
      {
        LooseLine l = { .stroke_opacity = f->stroke_opacity, .special = f->special };

        matrix_apply (f->m, xy[2 * i], xy[2 * i + 1], &l.seg.x0, &l.seg.y0);
        matrix_apply (f->m, xy[2 * i + 2], xy[2 * i + 3], &l.seg.x1, &l.seg.y1);
        g_array_append_val (doc->lines, l);
      }
}

static void
shape_element (Doc         *doc,
               Frame       *f,
               const char  *name,
               const char **names,
               const char **values)
{
  Box box = box_empty;
  double (*num) (const char **, const char **, const char *, double) = attr_number;

  if (g_str_equal (name, "line"))
    {
      double xy[4] = { num (names, values, "x1", 0), num (names, values, "y1", 0),
                       num (names, values, "x2", 0), num (names, values, "y2", 0) };
      if (visible (f, TRUE))
        add_polyline (doc, f, xy, 2, FALSE);
      return;
    }
  if (g_str_equal (name, "polyline") || g_str_equal (name, "polygon"))
    {
      g_autoptr(GArray) xy = g_array_new (FALSE, FALSE, sizeof (double));
      const char *p = attr (names, values, "points");
      double v;

      while (p != NULL && next_number (&p, &v))
        g_array_append_val (xy, v);
      if (g_str_equal (name, "polygon") && xy->len >= 2)
        {
          double first[2] = { g_array_index (xy, double, 0), g_array_index (xy, double, 1) };
          g_array_append_vals (xy, first, 2);
        }
      if (visible (f, FALSE) && xy->len >= 4)
        add_polyline (doc, f, (double *) xy->data, xy->len / 2, !is_none (f->fill));
      return;
    }
  if (g_str_equal (name, "path"))
    {
      const char *d = attr (names, values, "d");
      g_autoptr(GPtrArray) subpaths = NULL;

      if (d == NULL || !visible (f, FALSE))
        return;
      subpaths = parse_path (d);
      for (guint i = 0; i < subpaths->len; i++)
        {
          GArray *pts = g_ptr_array_index (subpaths, i);
          add_polyline (doc, f, (double *) pts->data, pts->len / 2, !is_none (f->fill));
        }
      return;
    }
  if (g_str_equal (name, "rect") || g_str_equal (name, "use") || g_str_equal (name, "image"))
    {
      double x = num (names, values, "x", 0), y = num (names, values, "y", 0);
      double w = num (names, values, "width", 0), h = num (names, values, "height", 0);

      if (w <= 0 || h <= 0 || (g_str_equal (name, "rect") && !visible (f, FALSE))
          || f->opacity <= 0)
        return;
      box_add_transformed (&box, f->m, x, y, x + w, y + h);
      add_shape (doc, f, &box);
      if (g_str_equal (name, "rect") && f->element < 0 && f->link < 0)
        {
          LooseRect r = { box, w, h, num (names, values, "rx", 0) };
          g_array_append_val (doc->rects, r);
        }
      return;
    }
  if (g_str_equal (name, "circle") || g_str_equal (name, "ellipse"))
    {
      double cx = num (names, values, "cx", 0), cy = num (names, values, "cy", 0);
      double rx = g_str_equal (name, "circle") ? num (names, values, "r", 0)
                                               : num (names, values, "rx", 0);
      double ry = g_str_equal (name, "circle") ? rx : num (names, values, "ry", 0);

      if (rx <= 0 || ry <= 0 || !visible (f, FALSE))
        return;
      box_add_transformed (&box, f->m, cx - rx, cy - ry, cx + rx, cy + ry);
      add_shape (doc, f, &box);
    }
}

static int
new_text (Doc         *doc,
          const Frame *f,
          double       x,
          double       y)
{
  Text t = { 0 };

  t.text = g_string_new (NULL);
  t.x = x;
  t.y = y;
  memcpy (t.m, f->m, sizeof t.m);
  t.anchor = f->anchor;
  t.size = f->font_size;
  t.bold = f->bold > 0;
  t.family = f->family;
  t.group = f->group;
  t.element = f->element;
  t.special = f->special;
  g_array_append_val (doc->texts, t);
  if (f->element >= 0)
    {
      int index = doc->texts->len - 1;
      g_array_append_val (g_array_index (doc->elements, Element, f->element).texts, index);
    }
  return doc->texts->len - 1;
}

static void
start_element (GMarkupParseContext *context,
               const char          *name,
               const char         **names,
               const char         **values,
               gpointer             data,
               GError             **error)
{
  Doc *doc = data;
  Frame *parent = top (doc);
  Frame f = *parent;

  parent->n_children++;
  f.n_children = 0;
  f.tag = TAG_OTHER;
  f.text = -1;
  if (parent->tag == TAG_TEXT || parent->tag == TAG_TSPAN)
    f.text = parent->text;
  inherit (doc, &f, name, names, values);

  if (g_str_equal (name, "defs") || g_str_equal (name, "symbol") || g_str_equal (name, "clipPath")
      || g_str_equal (name, "mask") || g_str_equal (name, "marker") || g_str_equal (name, "pattern")
      || g_str_equal (name, "metadata") || g_str_equal (name, "desc")
      || g_str_equal (name, "linearGradient") || g_str_equal (name, "radialGradient"))
    f.hidden = TRUE;

  if (g_str_equal (name, "style"))
    {
      f.tag = TAG_STYLE;
      g_string_truncate (doc->chars, 0);
    }
  else if (g_str_equal (name, "title"))
    {
      f.tag = TAG_TITLE;
      g_string_truncate (doc->chars, 0);
    }
  else if (f.hidden)
    ;
  else if (g_str_equal (name, "g"))
    {
      const char *klass = attr (names, values, "class");
      const char *id = attr (names, values, "data-id");
      Group g = { g_strdup (klass), NULL, parent->group, -1, -1 };

      f.tag = TAG_G;
      if (!doc->have_root_m && attr (names, values, "transform") != NULL)
        {
          doc->have_root_m = TRUE;
          memcpy (doc->root_m, f.m, sizeof f.m);
        }
      if (klass != NULL && g_str_equal (klass, "vpcd-link"))
        {
          Link link = { g_strdup (attr (names, values, "data-from")),
                        g_strdup (attr (names, values, "data-to")),
                        g_array_new (FALSE, FALSE, sizeof (Seg)) };

          g_array_append_val (doc->links, link);
          f.link = g.link = doc->links->len - 1;
          f.element = -1;
        }
      else if (klass != NULL && g_str_equal (klass, "vpcd-title"))
        f.special = SPECIAL_TITLE;
      else if (klass != NULL && g_str_equal (klass, "vpcd-legend"))
        f.special = SPECIAL_LEGEND;
      else if (klass != NULL && g_str_has_prefix (klass, "vpcd-") && id != NULL)
        {
          Element e = { g_strdup (klass + 5),
                        g_strdup (id),
                        doc->groups->len,
                        parent->element,
                        g_array_new (FALSE, FALSE, sizeof (Box)),
                        g_array_new (FALSE, FALSE, sizeof (int)) };

          g_array_append_val (doc->elements, e);
          f.element = g.element = doc->elements->len - 1;
          f.link = -1;
        }
      g_array_append_val (doc->groups, g);
      f.group = doc->groups->len - 1;
    }
  else if (g_str_equal (name, "text"))
    {
      f.tag = TAG_TEXT;
      f.text = new_text (doc, &f, attr_number (names, values, "x", 0),
                         attr_number (names, values, "y", 0));
    }
  else if (g_str_equal (name, "tspan") && f.text >= 0)
    {
      const Text *base = &g_array_index (doc->texts, Text, f.text);
      const char *x = attr (names, values, "x"), *y = attr (names, values, "y");
      double dy = attr_number (names, values, "dy", 0);

      f.tag = TAG_TSPAN;
      /* A tspan placed on its own is a line of its own. */
      if (x != NULL || y != NULL || dy != 0)
        f.text = new_text (doc, &f, attr_number (names, values, "x", base->x),
                           attr_number (names, values, "y", base->y) + dy);
    }
  else
    shape_element (doc, &f, name, names, values);
  g_array_append_val (doc->frames, f);
}

static void
end_element (GMarkupParseContext *context,
             const char          *name,
             gpointer             data,
             GError             **error)
{
  Doc *doc = data;
  Frame f = *top (doc);

  g_array_set_size (doc->frames, doc->frames->len - 1);
  if (f.tag == TAG_STYLE)
    parse_style (doc, doc->chars->str);
  else if (f.tag == TAG_TITLE)
    {
      const Frame *parent = top (doc);

      /* The title of a group is its (first) <title> child. */
      if (parent->tag == TAG_G)
        {
          Group *g = &g_array_index (doc->groups, Group, parent->group);
          if (g->title == NULL)
            g->title = g_strdup (doc->chars->str);
        }
    }
}

static void
text (GMarkupParseContext *context,
      const char          *chars,
      gsize                len,
      gpointer             data,
      GError             **error)
{
  Doc *doc = data;
  const Frame *f = top (doc);

  if (f->tag == TAG_STYLE || f->tag == TAG_TITLE)
    g_string_append_len (doc->chars, chars, len);
  else if ((f->tag == TAG_TEXT || f->tag == TAG_TSPAN) && f->text >= 0 && !f->hidden)
    g_string_append_len (g_array_index (doc->texts, Text, f->text).text, chars, len);
}

static void
doc_free (Doc *doc)
{
  for (guint i = 0; i < doc->groups->len; i++)
    {
      Group *g = &g_array_index (doc->groups, Group, i);
      g_free (g->klass);
      g_free (g->title);
    }
  for (guint i = 0; i < doc->elements->len; i++)
    {
      Element *e = &g_array_index (doc->elements, Element, i);
      g_free (e->kind);
      g_free (e->id);
      g_array_unref (e->shapes);
      g_array_unref (e->texts);
    }
  for (guint i = 0; i < doc->texts->len; i++)
    g_string_free (g_array_index (doc->texts, Text, i).text, TRUE);
  for (guint i = 0; i < doc->links->len; i++)
    {
      Link *l = &g_array_index (doc->links, Link, i);
      g_free (l->from);
      g_free (l->to);
      g_array_unref (l->segs);
    }
  g_array_unref (doc->frames);
  g_array_unref (doc->groups);
  g_array_unref (doc->elements);
  g_array_unref (doc->texts);
  g_array_unref (doc->links);
  g_array_unref (doc->lines);
  g_array_unref (doc->rects);
  g_hash_table_unref (doc->classes);
  g_string_free (doc->chars, TRUE);
  g_free (doc);
}
G_DEFINE_AUTOPTR_CLEANUP_FUNC (Doc, doc_free)

/* Line breaks and tabs in a <text> are spaces (xml:space="preserve"). */
static void
normalize_in_place (GString *s)
{
  for (gsize i = 0; i < s->len; i++)
    if (s->str[i] == '\n' || s->str[i] == '\r' || s->str[i] == '\t')
      s->str[i] = ' ';
}

static Doc *
doc_parse (const char  *svg,
           gsize        len,
           GError     **error)
{
  static const GMarkupParser parser = { start_element, end_element, text, NULL, NULL };
  g_autoptr(Doc) doc = g_new0 (Doc, 1);
  g_autoptr(GMarkupParseContext) context = NULL;
  Frame root = { .fill = NULL,
                 .stroke = NULL,
                 .stroke_opacity = 1,
                 .opacity = 1,
                 .font_size = 16,
                 .bold = 0,
                 .family = NULL,
                 .anchor = ANCHOR_START,
                 .group = -1,
                 .element = -1,
                 .link = -1,
                 .special = SPECIAL_NONE,
                 .hidden = FALSE,
                 .text = -1,
                 .tag = TAG_OTHER };

  memcpy (root.m, identity, sizeof root.m);
  doc->frames = g_array_new (FALSE, FALSE, sizeof (Frame));
  doc->groups = g_array_new (FALSE, FALSE, sizeof (Group));
  doc->elements = g_array_new (FALSE, FALSE, sizeof (Element));
  doc->texts = g_array_new (FALSE, FALSE, sizeof (Text));
  doc->links = g_array_new (FALSE, FALSE, sizeof (Link));
  doc->lines = g_array_new (FALSE, FALSE, sizeof (LooseLine));
  doc->rects = g_array_new (FALSE, FALSE, sizeof (LooseRect));
  doc->classes = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  doc->text_rule.bold = -1;
  doc->chars = g_string_new (NULL);
  memcpy (doc->root_m, identity, sizeof doc->root_m);
  g_array_append_val (doc->frames, root);

  context = g_markup_parse_context_new (&parser, G_MARKUP_TREAT_CDATA_AS_TEXT, doc, NULL);
  if (!g_markup_parse_context_parse (context, svg, len, error) ||
      !g_markup_parse_context_end_parse (context, error))
    return NULL;
  for (guint i = 0; i < doc->texts->len; i++)
    {
      Text *t = &g_array_index (doc->texts, Text, i);

      normalize_in_place (t->text);
      text_measure (t);
      /* A <text> whose lines are all tspans of their own is no line. */
      doc->n_lines += !box_is_empty (&t->box);
    }
  return g_steal_pointer (&doc);
}

/* --- texts ------------------------------------------------------------------- */

/* Whitespace runs as one space, trimmed. */
static char *
squash (const char *s)
{
  GString *out = g_string_new (NULL);
  gboolean space = FALSE;

  for (const char *p = s; *p != '\0'; p++)
    {
      if (g_ascii_isspace (*p))
        space = out->len > 0;
      else
        {
          if (space)
            g_string_append_c (out, ' ');
          space = FALSE;
          g_string_append_c (out, *p);
        }
    }
  return g_string_free (out, FALSE);
}

/* Without any whitespace. */
static char *
unspaced (const char *s)
{
  GString *out = g_string_new (NULL);

  for (const char *p = s; *p != '\0'; p++)
    if (!g_ascii_isspace (*p))
      g_string_append_c (out, *p);
  return g_string_free (out, FALSE);
}

/* @s without its trailing "…" or "..." (and the spaces before it), or
 * NULL when it does not end in one. */
static char *
strip_ellipsis (const char *s)
{
  gsize len = strlen (s);
  char *cut;

  if (g_str_has_suffix (s, ELLIPSIS))
    cut = g_strndup (s, len - strlen (ELLIPSIS));
  else if (g_str_has_suffix (s, "..."))
    cut = g_strndup (s, len - 3);
  else
    return NULL;
  return g_strchomp (cut);
}

static gboolean
ends_in_ellipsis (const char *s)
{
  return g_str_has_suffix (s, ELLIPSIS) || g_str_has_suffix (s, "...");
}

/* Whether a title holds the full text of a label cut to @cut. */
static gboolean
title_holds (const char *title,
             const char *shown,
             const char *cut)
{
  g_autofree char *t = squash (title);

  if (g_str_equal (t, shown))
    return TRUE;  /* the name itself ends in an ellipsis */
  if (strstr (t, cut) == NULL || strlen (t) <= strlen (cut))
    return FALSE;
  /* A title cut at the renderer's limit is as full as text gets. */
  return !ends_in_ellipsis (t) || g_utf8_strlen (t, -1) >= TITLE_MAX_CHARS;
}

/* The texts drawn directly in @element, or in the title block. */
static GPtrArray *
scope_lines (Doc *doc,
             int  element,
             int  special)
{
  GPtrArray *lines = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; i < doc->texts->len; i++)
    {
      const Text *t = &g_array_index (doc->texts, Text, i);

      if (element >= 0 ? t->element == element : (t->element < 0 && t->special == special))
        g_ptr_array_add (lines, squash (t->text->str));
    }
  return lines;
}

/* Whether the lines of a scope together hold @full (a label wrapped over
 * lines, maybe broken inside a word with a hyphen). */
static gboolean
lines_hold (GPtrArray  *lines,
            const char *full)
{
  g_autofree char *want = unspaced (full);
  g_autoptr(GString) joined = g_string_new (NULL);
  g_autoptr(GString) dehyphened = g_string_new (NULL);

  for (guint i = 0; i < lines->len; i++)
    {
      g_autofree char *line = unspaced (g_ptr_array_index (lines, i));
      gsize len = strlen (line);

      g_string_append (joined, line);
      if (len > 0 && (line[len - 1] == '-'))
        line[len - 1] = '\0';
      else if (g_str_has_suffix (line, "\xe2\x80\x90")) /* U+2010 HYPHEN */
        line[len - 3] = '\0';
      g_string_append (dehyphened, line);
    }
  return strstr (joined->str, want) != NULL || strstr (dehyphened->str, want) != NULL;
}

/* A line that is a strict prefix of @full, not continued on another. */
static gboolean
prefix_cut (GPtrArray  *lines,
            const char *line,
            const char *full)
{
  if (full == NULL || *line == '\0' || g_str_equal (line, full) || !g_str_has_prefix (full, line))
    return FALSE;
  return !lines_hold (lines, full);
}

static const char *
element_title (Doc *doc,
               int  element)
{
  const Element *e = &g_array_index (doc->elements, Element, element);

  return g_array_index (doc->groups, Group, e->group).title;
}

static guint
count_truncated (Doc       *doc,
                 VpcDesign *design,
                 GString   *details)
{
  const VpcDesignInfo *info = design != NULL ? vpc_design_get_info (design) : NULL;
  g_autofree char *name = info != NULL && info->name != NULL ? squash (info->name) : NULL;
  g_autofree char     *description
      = info != NULL && info->description != NULL ? squash (info->description) : NULL;
  guint n = 0;

  for (guint i = 0; i < doc->texts->len; i++)
    {
      const Text *t = &g_array_index (doc->texts, Text, i);
      g_autofree char *shown = squash (t->text->str);
      g_autofree char *cut = strip_ellipsis (shown);

      if (cut != NULL)
        {
          gboolean held = FALSE;

          for (int g = t->group; g >= 0 && !held; g = g_array_index (doc->groups, Group, g).parent)
            {
              const char *title = g_array_index (doc->groups, Group, g).title;
              held = title != NULL && title_holds (title, shown, cut);
            }
          if (!held)
            {
              n++;
              if (details != NULL)
                g_string_append_printf (
                    details, "truncated: \"%s\" (no <title> holds the full text)\n", shown);
            }
          continue;
        }

      if (t->element >= 0 || t->special == SPECIAL_TITLE)
        {
          g_autoptr(GPtrArray) lines = scope_lines (doc, t->element, t->special);
          g_autofree char *full = NULL;
          gboolean cut_short;

          if (t->element >= 0 && element_title (doc, t->element) != NULL)
            full = squash (element_title (doc, t->element));
          else if (t->element >= 0 && design != NULL)
            {
              const VpcElement *e = vpc_design_lookup (
                  design, g_array_index (doc->elements, Element, t->element).id);
              full = e != NULL ? squash (vpc_element_get_display_name (e)) : NULL;
            }
          if (t->element >= 0)
            cut_short = prefix_cut (lines, shown, full);
          else
            cut_short = prefix_cut (lines, shown, name) || prefix_cut (lines, shown, description);
          if (cut_short)
            {
              n++;
              if (details != NULL)
                g_string_append_printf (
                    details, "truncated: \"%s\" (cut from its full text without \"…\")\n", shown);
            }
        }
    }
  return n;
}

/* --- overlaps ---------------------------------------------------------------- */

typedef struct
{
  const char *id;
  gboolean    container;
  Box         box;      /* an icon's shapes and labels, a container's box */
  GArray     *headers;  /* Box: a container's name, badges, header icon */
  int         parent;   /* enclosing body (group nesting), -1 */
} Body;

static void
body_clear (Body *b)
{
  g_clear_pointer (&b->headers, g_array_unref);
}

static gboolean
is_container_kind (const char *kind)
{
  return g_str_equal (kind, "vpc") || g_str_equal (kind, "az") || g_str_equal (kind, "subnet");
}

static gboolean
body_nested (GArray *bodies,
             int     a,
             int     b)
{
  for (int p = g_array_index (bodies, Body, a).parent; p >= 0;
       p = g_array_index (bodies, Body, p).parent)
    if (p == b)
      return TRUE;
  return FALSE;
}

static gboolean
covers_header (const Body *c,
               const Body *x)
{
  if (c->headers == NULL)
    return FALSE;
  /* A container around @c covers its header by being around it. */
  if (x->container && box_inside (&c->box, &x->box))
    return FALSE;
  for (guint i = 0; i < c->headers->len; i++)
    if (box_overlap (&x->box, &g_array_index (c->headers, Box, i)))
      return TRUE;
  return FALSE;
}

static gboolean
partly_inside (const Body *c,
               const Body *x)
{
  if (!box_overlap (&x->box, &c->box) || box_inside (&x->box, &c->box))
    return FALSE;
  return !(x->container && box_inside (&c->box, &x->box));
}

static void
count_overlaps (GArray        *bodies,
                DiagramCounts *counts,
                GString       *details)
{
  for (guint i = 0; i < bodies->len; i++)
    for (guint j = i + 1; j < bodies->len; j++)
      {
        const Body *a = &g_array_index (bodies, Body, i), *b = &g_array_index (bodies, Body, j);
        const char *why = NULL;

        if (box_is_empty (&a->box) || box_is_empty (&b->box) || g_strcmp0 (a->id, b->id) == 0)
          continue;
        if (!a->container && !b->container)
          {
            if (!body_nested (bodies, i, j) && !body_nested (bodies, j, i)
                && box_overlap (&a->box, &b->box))
              {
                why = "boxes or labels overlap";
                counts->overlap_icons++;
              }
          }
        else if ((a->container && partly_inside (a, b)) || (b->container && partly_inside (b, a)))
          {
            why = "partly inside a container";
            counts->overlap_partial++;
          }
        else if ((a->container && covers_header (a, b)) || (b->container && covers_header (b, a)))
          {
            why = "over a container's header";
            counts->overlap_headers++;
          }
        if (why != NULL)
          {
            counts->overlaps++;
            if (details != NULL)
              g_string_append_printf (details, "overlap: %s × %s (%s)\n", a->id, b->id, why);
          }
      }
}

static GArray *
bodies_new (void)
{
  GArray *bodies = g_array_new (FALSE, TRUE, sizeof (Body));

  g_array_set_clear_func (bodies, (GDestroyNotify) body_clear);
  return bodies;
}

/* Icons: everything drawn directly in the group. Containers: the largest
 * shape is the box; the other shapes and the texts are the header. */
static GArray *
element_bodies (Doc *doc)
{
  GArray *bodies = bodies_new ();

  for (guint i = 0; i < doc->elements->len; i++)
    {
      const Element *e = &g_array_index (doc->elements, Element, i);
      Body b = { e->id, is_container_kind (e->kind), box_empty, NULL, e->parent };

      if (b.container)
        {
          int largest = -1;

          for (guint s = 0; s < e->shapes->len; s++)
            if (largest < 0 || box_area (&g_array_index (e->shapes, Box, s)) >
                               box_area (&g_array_index (e->shapes, Box, largest)))
              largest = s;
          if (largest >= 0)
            b.box = g_array_index (e->shapes, Box, largest);
          b.headers = g_array_new (FALSE, FALSE, sizeof (Box));
          for (guint s = 0; s < e->shapes->len; s++)
            {
              const Box *box = &g_array_index (e->shapes, Box, s);
              /* The border's lines have no area to cover. */
              if ((int) s != largest && box->x1 - box->x0 > EPS && box->y1 - box->y0 > EPS)
                g_array_append_val (b.headers, *box);
            }
          for (guint t = 0; t < e->texts->len; t++)
            {
              const Text *text
                  = &g_array_index (doc->texts, Text, g_array_index (e->texts, int, t));
              if (!box_is_empty (&text->box))
                g_array_append_val (b.headers, text->box);
            }
        }
      else
        {
          for (guint s = 0; s < e->shapes->len; s++)
            box_union (&b.box, &g_array_index (e->shapes, Box, s));
          for (guint t = 0; t < e->texts->len; t++)
            box_union (&b.box,
                       &g_array_index (doc->texts, Text, g_array_index (e->texts, int, t)).box);
        }
      g_array_append_val (bodies, b);
    }
  return bodies;
}

/* --- crossings ----------------------------------------------------------------- */

typedef enum {
  MEET_NONE,
  MEET_POINT,   /* *x, *y */
  MEET_OVERLAP, /* collinear, along a stretch */
} Meet;

static double
cross (double ax, double ay, double bx, double by)
{
  return ax * by - ay * bx;
}

static Meet
segments_meet (const Seg *s,
               const Seg *t,
               double    *x,
               double    *y)
{
  double rx = s->x1 - s->x0, ry = s->y1 - s->y0;
  double qx = t->x1 - t->x0, qy = t->y1 - t->y0;
  double denom = cross (rx, ry, qx, qy);
  double wx = t->x0 - s->x0, wy = t->y0 - s->y0;
  double rlen = hypot (rx, ry), qlen = hypot (qx, qy);

  if (rlen < POINT_EPS || qlen < POINT_EPS)
    {
      /* A dot: meets where it lies on the other. */
      const Seg *dot = rlen < POINT_EPS ? s : t, *other = rlen < POINT_EPS ? t : s;
      double ox = other->x1 - other->x0, oy = other->y1 - other->y0, olen = hypot (ox, oy);
      double px = dot->x0 - other->x0, py = dot->y0 - other->y0;
      double along = olen < POINT_EPS ? 0 : (px * ox + py * oy) / (olen * olen);

      if (olen < POINT_EPS ? hypot (px, py) < POINT_EPS
                           : fabs (cross (ox, oy, px, py)) / olen < POINT_EPS &&
                             along >= -POINT_EPS / olen && along <= 1 + POINT_EPS / olen)
        {
          *x = dot->x0;
          *y = dot->y0;
          return MEET_POINT;
        }
      return MEET_NONE;
    }
  if (fabs (denom) / (rlen * qlen) < 1e-9)
    {
      double t0, t1, lo, hi;

      /* Parallel: apart, or on one line. */
      if (fabs (cross (wx, wy, rx, ry)) / rlen > POINT_EPS)
        return MEET_NONE;
      t0 = (wx * rx + wy * ry) / (rlen * rlen);
      t1 = t0 + (qx * rx + qy * ry) / (rlen * rlen);
      lo = MAX (0, MIN (t0, t1));
      hi = MIN (1, MAX (t0, t1));
      if ((hi - lo) * rlen > POINT_EPS)
        {
          *x = s->x0 + rx * (lo + hi) / 2;
          *y = s->y0 + ry * (lo + hi) / 2;
          return MEET_OVERLAP;
        }
      if ((hi - lo) * rlen >= -POINT_EPS)
        {
          *x = s->x0 + rx * lo;
          *y = s->y0 + ry * lo;
          return MEET_POINT;
        }
      return MEET_NONE;
    }
  else
    {
      double u = cross (wx, wy, qx, qy) / denom; /* along s */
      double v = cross (wx, wy, rx, ry) / denom; /* along t */

      if (u < -POINT_EPS / rlen || u > 1 + POINT_EPS / rlen || v < -POINT_EPS / qlen
          || v > 1 + POINT_EPS / qlen)
        return MEET_NONE;
      *x = s->x0 + rx * u;
      *y = s->y0 + ry * u;
      return MEET_POINT;
    }
}

typedef struct
{
  const char *from, *to; /* the elements at its ends, or NULL: unknown */
  GArray     *segs;      /* Seg */
} Route;

static gboolean
near (double ax, double ay, double bx, double by)
{
  return hypot (ax - bx, ay - by) < POINT_EPS * 10;
}

/* The element @route ends at in (@x, @y), "" for an end of unknown
 * element, NULL when (@x, @y) is not an end of it. */
static const char *
end_at (const Route *route,
        double       x,
        double       y)
{
  const Seg *first = &g_array_index (route->segs, Seg, 0);
  const Seg *last = &g_array_index (route->segs, Seg, route->segs->len - 1);

  if (near (first->x0, first->y0, x, y))
    return route->from != NULL ? route->from : "";
  if (near (last->x1, last->y1, x, y))
    return route->to != NULL ? route->to : "";
  return NULL;
}

static guint
count_crossings (GArray  *routes,
                 GString *details)
{
  guint n = 0;

  for (guint i = 0; i < routes->len; i++)
    for (guint j = i + 1; j < routes->len; j++)
      {
        const Route *a = &g_array_index (routes, Route, i), *b = &g_array_index (routes, Route, j);

        if (a->segs->len == 0 || b->segs->len == 0)
          continue;
        for (guint s = 0; s < a->segs->len; s++)
          for (guint t = 0; t < b->segs->len; t++)
            {
              double x = 0, y = 0;
              Meet        meet = segments_meet (&g_array_index (a->segs, Seg, s),
                                                &g_array_index (b->segs, Seg, t), &x, &y);
              const char *ea, *eb;

              if (meet == MEET_NONE)
                continue;
              if (meet == MEET_POINT)
                {
                  /* Both end here, at the same element (unknown: any). */
                  ea = end_at (a, x, y);
                  eb = end_at (b, x, y);
                  if (ea != NULL && eb != NULL
                      && (g_str_equal (ea, eb) || *ea == '\0' || *eb == '\0'))
                    continue;
                }
              n++;
              if (details != NULL)
                g_string_append_printf (
                    details, "crossing: %s→%s × %s→%s %s (%.1f, %.1f)\n",
                    a->from != NULL ? a->from : "?", a->to != NULL ? a->to : "?",
                    b->from != NULL ? b->from : "?", b->to != NULL ? b->to : "?",
                    meet == MEET_OVERLAP ? "along each other near" : "at", x, y);
            }
      }
  return n;
}

/* --- structure ----------------------------------------------------------------- */

static const char *const kind_classes[VPC_N_KINDS] = {
  [VPC_KIND_AZ] = "az",
  [VPC_KIND_SUBNET] = "subnet",
  [VPC_KIND_SECURITY_GROUP] = "security-group",
  [VPC_KIND_ENDPOINT] = "endpoint",
  [VPC_KIND_NAT_GATEWAY] = "nat-gateway",
  [VPC_KIND_WORKLOAD] = "workload",
};

static guint
count_missing (Doc       *doc,
               VpcDesign *design,
               GString   *details)
{
  g_autoptr(GHashTable) groups = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  gboolean vpc = FALSE;
  guint n = 0;

  for (guint i = 0; i < doc->elements->len; i++)
    {
      const Element *e = &g_array_index (doc->elements, Element, i);

      g_hash_table_add (groups, g_strdup_printf ("%s %s", e->kind, e->id));
      vpc = vpc || g_str_equal (e->kind, "vpc");
      if (element_title (doc, i) == NULL)
        {
          n++;
          if (details != NULL)
            g_string_append_printf (details, "missing: <title> in the group of %s %s\n", e->kind,
                                    e->id);
        }
    }
  if (design == NULL)
    return n;
  if (!vpc)
    {
      n++;
      if (details != NULL)
        g_string_append (details, "missing: the group of the VPC\n");
    }
  for (VpcKind kind = 0; kind < VPC_N_KINDS; kind++)
    for (guint i = 0; i < vpc_design_get_n_elements (design, kind); i++)
      {
        const VpcElement *e = vpc_design_get_element (design, kind, i);
        g_autofree char *key = g_strdup_printf ("%s %s", kind_classes[kind], e->id);

        if (!g_hash_table_contains (groups, key))
          {
            n++;
            if (details != NULL)
              g_string_append_printf (details, "missing: group %s\n", key);
          }
        if (kind == VPC_KIND_ENDPOINT && e->endpoint_type == VPC_ENDPOINT_INTERFACE
            && e->subnets != NULL)
          for (guint s = 0; s < e->subnets->len; s++)
            {
              g_autofree char *eni = g_strdup_printf (
                  "eni %s/%s", e->id, (const char *) g_ptr_array_index (e->subnets, s));
              if (!g_hash_table_contains (groups, eni))
                {
                  n++;
                  if (details != NULL)
                    g_string_append_printf (details, "missing: group %s\n", eni);
                }
            }
      }
  return n;
}

/* --- the two measures -------------------------------------------------------------- */

static void
route_clear (Route *r)
{
  g_clear_pointer (&r->segs, g_array_unref);
}

gboolean
diagram_measure_svg (const char    *svg,
                     gsize          len,
                     VpcDesign     *design,
                     DiagramCounts *counts,
                     GString       *details,
                     GError       **error)
{
  g_autoptr(Doc) doc = doc_parse (svg, len, error);
  g_autoptr(GArray) bodies = NULL;
  g_autoptr(GArray) routes = NULL;

  if (doc == NULL)
    return FALSE;
  counts->designs++;
  counts->texts += doc->n_lines;
  counts->elements += doc->elements->len;
  counts->links += doc->links->len;
  counts->truncated += count_truncated (doc, design, details);
  bodies = element_bodies (doc);
  count_overlaps (bodies, counts, details);

  routes = g_array_new (FALSE, TRUE, sizeof (Route));
  g_array_set_clear_func (routes, (GDestroyNotify) route_clear);
  for (guint i = 0; i < doc->links->len; i++)
    {
      const Link *l = &g_array_index (doc->links, Link, i);
      Route r = { l->from, l->to, g_array_ref (l->segs) };
      g_array_append_val (routes, r);
    }
  counts->crossings += count_crossings (routes, details);
  counts->missing += count_missing (doc, design, details);
  return TRUE;
}

/* --- before issue 10 ----------------------------------------------------------------- */

/* The old renderer's icon square: 44 wide at the top of the cell. */
static void
old_tile (const VpcElement *e,
          VpcRect          *t)
{
  double size = MIN (44.0, MIN (e->layout.w, e->layout.h));

  t->x = e->layout.x + (e->layout.w - size) / 2;
  t->y = e->layout.y;
  t->w = size;
  t->h = size;
}

static Box
page_box (Doc    *doc,
          double  x0,
          double  y0,
          double  x1,
          double  y1)
{
  Box b = box_empty;

  box_add_transformed (&b, doc->root_m, x0, y0, x1, y1);
  return b;
}

static gboolean
full_text_of (VpcDesign  *design,
              const char *shown)
{
  const VpcDesignInfo *info = vpc_design_get_info (design);

  if (g_strcmp0 (info->name, shown) == 0 || g_strcmp0 (info->description, shown) == 0 ||
      g_strcmp0 (info->vpc_name, shown) == 0)
    return TRUE;
  for (VpcKind kind = 0; kind < VPC_N_KINDS; kind++)
    for (guint i = 0; i < vpc_design_get_n_elements (design, kind); i++)
      if (g_str_equal (vpc_element_get_display_name (vpc_design_get_element (design, kind, i)),
                       shown))
        return TRUE;
  return FALSE;
}

gboolean
diagram_measure_svg_before (const char    *svg,
                            gsize          len,
                            VpcDesign     *laid_out,
                            DiagramCounts *counts,
                            GString       *details,
                            GError       **error)
{
  const VpcDesignInfo *info = vpc_design_get_info (laid_out);
  g_autoptr(Doc) doc = doc_parse (svg, len, error);
  g_autoptr(GArray) bodies = NULL;
  g_autoptr(GArray) routes = NULL;
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GArray) worlds = NULL; /* VpcRect: each body's world rectangle */
  g_autofree gboolean *taken = NULL; /* texts that are an icon's label */

  if (doc == NULL)
    return FALSE;
  counts->designs++;
  counts->texts += doc->n_lines;

  for (guint i = 0; i < doc->texts->len; i++)
    {
      g_autofree char *shown = squash (g_array_index (doc->texts, Text, i).text->str);

      if (g_str_has_suffix (shown, ELLIPSIS) && !full_text_of (laid_out, shown))
        {
          counts->truncated++;
          if (details != NULL)
            g_string_append_printf (details, "truncated: \"%s\"\n", shown);
        }
    }

  /* Connectors: one <line> each, at the connectors' opacities. */
  routes = g_array_new (FALSE, TRUE, sizeof (Route));
  g_array_set_clear_func (routes, (GDestroyNotify) route_clear);
  for (guint i = 0; i < doc->lines->len; i++)
    {
      const LooseLine *l = &g_array_index (doc->lines, LooseLine, i);
      Route r = { NULL, NULL, NULL };

      if (l->special != SPECIAL_NONE ||
          !(fabs (l->stroke_opacity - 0.3) < 1e-3 || fabs (l->stroke_opacity - 0.55) < 1e-3 ||
            fabs (l->stroke_opacity - 0.8) < 1e-3))
        continue;
      r.segs = g_array_new (FALSE, FALSE, sizeof (Seg));
      g_array_append_val (r.segs, l->seg);
      g_array_append_val (routes, r);
    }
  counts->links += routes->len;
  counts->crossings += count_crossings (routes, details);

  /* Boxes from the layout that binary made. */
  bodies = bodies_new ();
  worlds = g_array_new (FALSE, FALSE, sizeof (VpcRect));
  taken = g_new0 (gboolean, doc->texts->len + 1);
  if (info->has_vpc_layout)
    {
      const VpcRect *r = &info->vpc_layout;
      Body b = { "VPC", TRUE, page_box (doc, r->x, r->y, r->x + r->w, r->y + r->h), NULL, -1 };
      g_array_append_val (bodies, b);
      g_array_append_val (worlds, *r);
    }
  for (VpcKind kind = 0; kind < VPC_N_KINDS; kind++)
    for (guint i = 0; i < vpc_design_get_n_elements (laid_out, kind); i++)
      {
        const VpcElement *e = vpc_design_get_element (laid_out, kind, i);
        Body b = { e->id, kind == VPC_KIND_AZ || kind == VPC_KIND_SUBNET, box_empty, NULL, -1 };
        VpcRect t;
        double cx;

        if (!e->has_layout)
          continue;
        counts->elements++;
        if (b.container)
          {
            b.box = page_box (doc, e->layout.x, e->layout.y, e->layout.x + e->layout.w,
                              e->layout.y + e->layout.h);
            g_array_append_val (bodies, b);
            g_array_append_val (worlds, e->layout);
            continue;
          }
        old_tile (e, &t);
        cx = t.x + t.w / 2;
        b.box = page_box (doc, t.x, t.y, t.x + t.w, t.y + t.h);
        if (kind == VPC_KIND_ENDPOINT && e->endpoint_type == VPC_ENDPOINT_GATEWAY)
          {
            double r = t.w / 2 + 3.5;
            Box ring = page_box (doc, cx - r, t.y + t.h / 2 - r, cx + r, t.y + t.h / 2 + r);
            box_union (&b.box, &ring);
          }
        if ((kind == VPC_KIND_WORKLOAD
             || (kind == VPC_KIND_ENDPOINT && e->endpoint_type == VPC_ENDPOINT_INTERFACE))
            && e->security_groups != NULL && e->security_groups->len > 0)
          {
            Box chip = page_box (doc, t.x + 1 - 9.5, t.y + 1 - 9.5, t.x + 1 + 9.5, t.y + 1 + 9.5);
            box_union (&b.box, &chip);
          }
        /* Its name and kind, centred under the tile. */
        for (guint j = 0; j < doc->texts->len; j++)
          {
            const Text *text = &g_array_index (doc->texts, Text, j);

            if (text->special == SPECIAL_NONE && text->anchor == ANCHOR_MIDDLE
                && fabs (text->x - cx) < 0.01 && text->y > t.y + t.h && text->y < t.y + t.h + 40)
              {
                box_union (&b.box, &text->box);
                taken[j] = TRUE;
              }
          }
        g_array_append_val (bodies, b);
        g_array_append_val (worlds, e->layout);
      }
  /* Containers' headers: the 26-unit icon square of the VPC and subnets,
   * and the texts in the top 40 units of the innermost container. */
  for (guint c = 0; c < worlds->len; c++)
    {
      Body *b = &g_array_index (bodies, Body, c);
      const VpcRect *w = &g_array_index (worlds, VpcRect, c);
      const VpcElement *e = vpc_design_lookup (laid_out, b->id);

      if (!b->container)
        continue;
      b->headers = g_array_new (FALSE, FALSE, sizeof (Box));
      if (e == NULL || e->kind == VPC_KIND_SUBNET)
        {
          Box square = page_box (doc, w->x, w->y, w->x + 26, w->y + 26);
          g_array_append_val (b->headers, square);
        }
    }
  for (guint j = 0; j < doc->texts->len; j++)
    {
      const Text *text = &g_array_index (doc->texts, Text, j);
      int inner = -1;

      if (taken[j] || text->special != SPECIAL_NONE || box_is_empty (&text->box))
        continue;
      for (guint c = 0; c < worlds->len; c++)
        {
          const VpcRect *w = &g_array_index (worlds, VpcRect, c);

          if (g_array_index (bodies, Body, c).container && text->x >= w->x && text->x <= w->x + w->w
              && text->y >= w->y && text->y <= w->y + 40
              && (inner < 0
                  || w->w * w->h < g_array_index (worlds, VpcRect, inner).w
                                       * g_array_index (worlds, VpcRect, inner).h))
            inner = c;
        }
      if (inner >= 0)
        g_array_append_val (g_array_index (bodies, Body, inner).headers, text->box);
    }
  /* Network-interface markers: 16-unit squares with rounded corners. */
  for (guint i = 0; i < doc->rects->len; i++)
    {
      const LooseRect *r = &g_array_index (doc->rects, LooseRect, i);

      if (fabs (r->w - 16) < 0.01 && fabs (r->h - 16) < 0.01 && fabs (r->rx - 3) < 0.01)
        {
          char *name = g_strdup_printf ("network interface at (%.0f, %.0f)", r->box.x0, r->box.y0);
          Body b = { name, FALSE, r->box, NULL, -1 };

          g_ptr_array_add (names, name);
          g_array_append_val (bodies, b);
        }
    }
  count_overlaps (bodies, counts, details);
  return TRUE;
}

/* --- counts ---------------------------------------------------------------------- */

void
diagram_counts_add (DiagramCounts       *sum,
                    const DiagramCounts *c)
{
  sum->designs += c->designs;
  sum->texts += c->texts;
  sum->elements += c->elements;
  sum->links += c->links;
  sum->truncated += c->truncated;
  sum->overlaps += c->overlaps;
  sum->overlap_icons += c->overlap_icons;
  sum->overlap_partial += c->overlap_partial;
  sum->overlap_headers += c->overlap_headers;
  sum->crossings += c->crossings;
  sum->missing += c->missing;
}

char *
diagram_counts_format (const char          *label,
                       const DiagramCounts *c)
{
  return g_strdup_printf ("%s: %u designs, truncated %u, overlaps %u, crossings %u\n"
                          "  (overlaps: %u icons, %u partly inside a container, %u over a header; "
                          "%u texts, %u elements, %u connectors, %u missing groups or titles)",
                          label, c->designs, c->truncated, c->overlaps, c->crossings,
                          c->overlap_icons, c->overlap_partial, c->overlap_headers,
                          c->texts, c->elements, c->links, c->missing);
}
