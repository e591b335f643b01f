/* SPDX-License-Identifier: GPL-3.0-or-later */
/* vpc-render-text.c: fonts and text measurement shared by the painters.
 * Every label on the canvas, PNG and PDF goes through pango (selectable
 * text in PDF). Shaping is the expensive part, so laid-out labels are kept
 * in a cache keyed by font, width, alignment and text, built on one pango
 * context with hinting off: a label has the same world size at every zoom
 * and on every surface, which keeps the canvas and the exports identical.
 *
 * The SVG writer emits real text and only needs to know where to cut a
 * label that is too wide: vpc_render_text_fit() clears short ASCII labels
 * with a per-font advance table taken from pango once (no shaping per
 * label), cuts the others from the widths of character pairs pango gave
 * once a font has cut many, and shapes the rest with their pango layout. */
#include <math.h>
#include <string.h>

#include "vpc-render-private.h"

#define CACHE_MAX 8192
/* Wrapped lines are small, and an export measures every label of a large
 * design once before drawing any (vpc-render.c): they are kept for more. */
#define WRAPS_MAX (256 * 1024)
#define ELLIPSIS  "\xe2\x80\xa6" /* … */

typedef struct
{
  double      px;
  PangoWeight weight;
} FontSpec;

/* Sizes at text size 1.0, as large as the lines the layout keeps for them
 * allow (model/vpc-layout.h): a label's 12 px line of DejaVu Sans is 14
 * units high (VPC_GEOMETRY_NAME_LINE_H), the kind line's 11 px is 12.8
 * (VPC_GEOMETRY_KIND_LINE_H is 13). No text is smaller than 11 px at 100 %
 * zoom (issue 17): smaller captions were hard to read at fit zoom. */
static const FontSpec font_specs[VPC_N_FONTS] = {
  [VPC_FONT_TITLE]   = { 22.0, PANGO_WEIGHT_BOLD },
  [VPC_FONT_HEADING] = { 15.0, PANGO_WEIGHT_BOLD },
  [VPC_FONT_BOX]     = { 14.0, PANGO_WEIGHT_BOLD },
  [VPC_FONT_LABEL]   = { 12.0, PANGO_WEIGHT_NORMAL },
  [VPC_FONT_SMALL]   = { 11.0, PANGO_WEIGHT_NORMAL },
  [VPC_FONT_BADGE]   = { 11.0, PANGO_WEIGHT_BOLD },
  [VPC_FONT_GLYPH]   = { 11.0, PANGO_WEIGHT_BOLD },
};

/* The characters whose widths are taken in pairs: printable ASCII, ' '
 * to '~', then the few others our own texts are full of (a rule summary's
 * "·", a cut label's "…", "→" and dashes). */
static const gunichar paired_more[] = { 0xb7, 0x2026, 0x2192, 0x2013, 0x2014 };
#define N_ASCII  95
#define N_PAIRED (N_ASCII + 5)

typedef struct
{
  gboolean ready;
  double   scale;        /* the text scale they were measured at */
  double   advance[128]; /* printable ASCII, world units */
  double   ellipsis;
  double   baseline;
  /* Where a label of paired characters is cut, and where its first line
   * ends, found without shaping it (fit_by_pairs(), wrap_by_pairs()): each
   * character's width in pango units before each other one, its kerning
   * with it included, and last in a text. Taken from pango once the font
   * has shaped pairs_after labels at this scale (PAIRS_AFTER_MANY in a
   * drawing of many elements), and only for our own font family. */
  guint    n_shaped;     /* labels cut by shaping them (a wrap counts as two) */
  int      pairs_state;  /* 0: not taken yet, 1: taken, -1: cannot be */
  int      ends[N_PAIRED];
  int      pairs[N_PAIRED][N_PAIRED];
  guint8   ligature[N_PAIRED][N_PAIRED]; /* the pair is one glyph: "fi" */
  /* What pango's line breaking reads of the font's runs (wrap_by_pairs()). */
  PangoLanguage *language;
  int      safe_distance;
} FontMetrics;

static PangoContext         *context;
static PangoFontDescription *fonts[VPC_N_FONTS];
static double                fonts_scale = 1.0; /* the scale fonts[] are at */
static double                text_scale = 1.0;  /* vpc_render_text_set_scale() */
static GHashTable           *layouts; /* key string → PangoLayout */
static GHashTable           *wraps;   /* key string → char ** (wrapped lines) */
static FontMetrics           metrics[VPC_N_FONTS];
static GHashTable           *widths[VPC_N_FONTS]; /* text → width in pango units */

/* Taking a font's pairs costs about what cutting 280 labels by shaping
 * them does (callgrind), a wrap counting as two cuts: a design of 1,000
 * elements cuts ~240 labels and wraps ~100, and never needs them. */
static guint pairs_after = 512;
/* A drawing of thousands of elements (vpc_render_prepare_text(), until
 * its next call) cuts thousands of labels: a font that has cut a few
 * dozen takes them. */
#define MANY_ELEMENTS    2000
#define PAIRS_AFTER_MANY 32
static gboolean many_labels;
/* Labels cut and wrapped from the pairs, for the tests. */
static guint paired_cuts, paired_wraps;

double
vpc_render_text_set_scale (double scale)
{
  double old = text_scale;

  text_scale = isfinite (scale)
                   ? CLAMP (scale, VPC_RENDER_MIN_TEXT_SCALE, VPC_RENDER_MAX_TEXT_SCALE)
                   : 1.0;
  return old;
}

double
vpc_render_text_get_scale (void)
{
  return text_scale;
}

static void
ensure_fonts (void)
{
  if (fonts[0] != NULL && fonts_scale == text_scale)
    return;
  for (guint i = 0; i < VPC_N_FONTS; i++)
    {
      if (fonts[i] == NULL)
        {
          fonts[i] = pango_font_description_new ();
          pango_font_description_set_family_static (fonts[i], VPC_RENDER_FONT_FAMILY);
          pango_font_description_set_weight (fonts[i], font_specs[i].weight);
        }
      pango_font_description_set_absolute_size (fonts[i],
                                                font_specs[i].px * text_scale * PANGO_SCALE);
      if (widths[i] == NULL)
        widths[i] = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
      else
        g_hash_table_remove_all (widths[i]);
    }
  fonts_scale = text_scale;
}

static void
ensure_context (void)
{
  cairo_font_options_t *options;

  if (context != NULL)
    return;
  context = pango_font_map_create_context (pango_cairo_font_map_get_default ());
  options = cairo_font_options_create ();
  cairo_font_options_set_hint_metrics (options, CAIRO_HINT_METRICS_OFF);
  cairo_font_options_set_hint_style (options, CAIRO_HINT_STYLE_NONE);
  cairo_font_options_set_antialias (options, CAIRO_ANTIALIAS_GRAY);
  pango_cairo_context_set_font_options (context, options);
  cairo_font_options_destroy (options);
  pango_cairo_context_set_resolution (context, 96.0);
  layouts = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_object_unref);
  wraps = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify) g_strfreev);
}

/* @value in hex and a "|", at @out; returns the end. */
static char *
put_field (char    *out,
           guint64  value)
{
  char digits[16];
  int n = 0;

  do
    digits[n++] = "0123456789abcdef"[value & 15];
  while ((value >>= 4) != 0);
  while (n > 0)
    *out++ = digits[--n];
  *out++ = '|';
  return out;
}

/* The key of a cached layout or wrap: the font, the text size (its bits),
 * a width and one more number, then the text. Written by hand: printf's
 * "%g" made the keys a tenth of an export's text work (32,000 labels at
 * 10,000 elements). */
static char *
cache_key (VpcFont     font,
           int         width,
           int         more,
           const char *text)
{
  gsize len = strlen (text);
  char *key = g_malloc (4 * 17 + len + 1), *end;
  guint64 scale_bits;

  memcpy (&scale_bits, &text_scale, sizeof scale_bits);
  end = put_field (key, (guint) font);
  end = put_field (end, scale_bits);
  end = put_field (end, (guint32) width);
  end = put_field (end, (guint32) more);
  memcpy (end, text, len + 1);
  return key;
}

/* A new layout of @text on one line, for measuring it once: labels that
 * are drawn come from the cache, but keeping every label measured (an
 * export measures each once) held megabytes of glyphs nobody read again. */
static PangoLayout *
measure_layout (VpcFont     font,
                const char *text)
{
  PangoLayout *layout;

  ensure_context ();
  ensure_fonts ();
  layout = pango_layout_new (context);
  pango_layout_set_font_description (layout, fonts[font]);
  pango_layout_set_single_paragraph_mode (layout, TRUE);
  pango_layout_set_text (layout, text, -1);
  return layout;
}

PangoLayout *
vpc_render_text_layout (VpcFont     font,
                        const char *text,
                        double      width,
                        VpcAlign    align)
{
  int pango_width = width > 0 ? (int) (width * PANGO_SCALE) : -1;
  g_autofree char *key = NULL;
  PangoLayout *layout;

  ensure_context ();
  ensure_fonts ();
  key = cache_key (font, pango_width, align, text);
  layout = g_hash_table_lookup (layouts, key);
  if (layout != NULL)
    return layout;

  if (g_hash_table_size (layouts) >= CACHE_MAX)
    g_hash_table_remove_all (layouts);
  layout = measure_layout (font, text);
  if (pango_width > 0)
    {
      pango_layout_set_width (layout, pango_width);
      pango_layout_set_ellipsize (layout, PANGO_ELLIPSIZE_END);
    }
  pango_layout_set_alignment (layout,
                              align == VPC_ALIGN_CENTER ? PANGO_ALIGN_CENTER :
                              align == VPC_ALIGN_RIGHT ? PANGO_ALIGN_RIGHT : PANGO_ALIGN_LEFT);
  g_hash_table_insert (layouts, g_steal_pointer (&key), layout);
  return layout;
}

double
vpc_render_text_width (VpcFont     font,
                       const char *text)
{
  PangoRectangle logical;
  gpointer known;

  ensure_context ();
  ensure_fonts ();
  /* Chips and badges measure the same few texts thousands of times. */
  if (g_hash_table_lookup_extended (widths[font], text, NULL, &known))
    return GPOINTER_TO_INT (known) / (double) PANGO_SCALE;
  {
    g_autoptr(PangoLayout) layout = measure_layout (font, text);

    pango_layout_get_extents (layout, NULL, &logical);
  }
  if (g_hash_table_size (widths[font]) >= CACHE_MAX)
    g_hash_table_remove_all (widths[font]);
  g_hash_table_insert (widths[font], g_strdup (text), GINT_TO_POINTER (logical.width));
  return logical.width / (double) PANGO_SCALE;
}

double
vpc_render_font_height (VpcFont font)
{
  PangoRectangle logical;

  pango_layout_get_extents (vpc_render_text_layout (font, "Ag", -1, VPC_ALIGN_LEFT), NULL,
                            &logical);
  return logical.height / (double) PANGO_SCALE;
}

double
vpc_render_font_px (VpcFont font)
{
  return font_specs[font].px * text_scale;
}

gboolean
vpc_render_font_bold (VpcFont font)
{
  return font_specs[font].weight >= PANGO_WEIGHT_BOLD;
}

static int fonts_ours[VPC_N_FONTS]; /* 0: not asked yet, 1: ours, -1: a fallback */

gboolean
vpc_render_font_is_ours (VpcFont font)
{
  if (fonts_ours[font] == 0)
    {
      g_autoptr(PangoFont) loaded = NULL;
      g_autoptr(PangoFontDescription) found = NULL;

      ensure_context ();
      ensure_fonts ();
      loaded = pango_context_load_font (context, fonts[font]);
      found = loaded != NULL ? pango_font_describe (loaded) : NULL;
      fonts_ours[font] = found != NULL
                                 && g_strcmp0 (pango_font_description_get_family (found),
                                               VPC_RENDER_FONT_FAMILY) == 0
                             ? 1
                             : -1;
    }
  return fonts_ours[font] > 0;
}

/* One pango layout per font gives the advance of every printable ASCII
 * character, the width of "…" and the baseline. */
static const FontMetrics *
get_metrics (VpcFont font)
{
  FontMetrics *m = &metrics[font];
  char chars[96];
  PangoLayout *layout;

  if (m->ready && m->scale == text_scale)
    return m;
  for (int c = 32; c < 127; c++)
    chars[c - 32] = (char) c;
  chars[95] = '\0';
  layout = vpc_render_text_layout (font, chars, -1, VPC_ALIGN_LEFT);
  for (int c = 32; c < 127; c++)
    {
      PangoRectangle pos;

      pango_layout_index_to_pos (layout, c - 32, &pos);
      m->advance[c] = pos.width / (double) PANGO_SCALE;
    }
  m->ellipsis = vpc_render_text_width (font, ELLIPSIS);
  m->baseline = pango_layout_get_baseline (layout) / (double) PANGO_SCALE;
  m->n_shaped = 0;
  m->pairs_state = 0;
  m->ready = TRUE;
  m->scale = text_scale;
  return m;
}

void
vpc_render_prepare_text (guint n_elements)
{
  many_labels = n_elements >= MANY_ELEMENTS;
  for (VpcFont font = 0; font < VPC_N_FONTS; font++)
    get_metrics (font);
}

double
vpc_render_font_baseline (VpcFont font)
{
  return get_metrics (font)->baseline;
}

/* Whether the character at byte @index of @layout, then "…" (@ellipsis
 * wide), end past @width. */
static gboolean
ends_past (PangoLayout *layout,
           int          index,
           double       ellipsis,
           double       width)
{
  PangoRectangle pos;

  pango_layout_index_to_pos (layout, index, &pos);
  return (pos.x + MAX (pos.width, 0)) / (double) PANGO_SCALE + ellipsis > width;
}

/* TRUE when every run of @layout's first line goes left to right: then
 * the characters' right edges never decrease. */
static gboolean
left_to_right (PangoLayout *layout)
{
  for (GSList *run = pango_layout_get_line_readonly (layout, 0)->runs; run != NULL;
       run = run->next)
    if (((PangoGlyphItem *) run->data)->item->analysis.level % 2 != 0)
      return FALSE;
  return TRUE;
}

/* Whether @c is of the scripts shaping_prefix() knows: ASCII, Latin
 * (German and Spanish included) and the few signs our own texts use,
 * none of them right to left, so that a character's place on a line
 * never depends on text after it further than its next neighbours. */
static gboolean
is_bounded_char (gunichar c)
{
  if ((c >= 0x20 && c < 0x7f) || (c >= 0xa0 && c < 0x250))
    return TRUE;
  for (guint i = 0; i < G_N_ELEMENTS (paired_more); i++)
    if (c == paired_more[i])
      return TRUE;
  return FALSE;
}

/* How many bytes of @text pango needs to shape to lay out everything that
 * can fall within @width (of one line, or of several together): up to the
 * first character past which the text is surely wider, and two more
 * characters, since kerning and ligatures join a character to its next.
 * A lower bound on the width says "surely": printable ASCII characters
 * other than the space at SURE_SHARE of their advance (kerning takes far
 * less from a run of them), anything else as nothing. The whole length
 * when the text is not surely wider, has characters of other scripts, or
 * the shortcuts are off. */
#define SURE_SHARE 0.8

static gboolean shortcuts = TRUE;

static gsize
shaping_prefix (VpcFont     font,
                const char *text,
                double      width)
{
  const FontMetrics *m = get_metrics (font);
  const char *c = text;
  double at_least = 0;
  int more = -1; /* characters still to take once past @width */

  if (!shortcuts)
    return strlen (text);
  for (; *c != '\0' && more != 0; c = g_utf8_next_char (c))
    {
      guchar b = (guchar) *c;

      if (b >= 0x80 && !is_bounded_char (g_utf8_get_char (c)))
        return strlen (text);
      if (more > 0)
        more--;
      else if (b > ' ' && b < 0x7f && (at_least += m->advance[b] * SURE_SHARE) > width)
        more = 2;
    }
  /* Unknown scripts may still follow: only a prefix of bounded ones is kept. */
  for (const char *rest = c; *rest != '\0'; rest = g_utf8_next_char (rest))
    if ((guchar) *rest >= 0x80 && !is_bounded_char (g_utf8_get_char (rest)))
      return strlen (text);
  return c - text;
}

/* The place of the character at *@p among the paired ones, moving *@p
 * past it; -1 when it is not one of them. */
static int
paired_index (const char **p)
{
  guchar b = (guchar) **p;
  gunichar c;

  if (b >= ' ' && b <= '~')
    {
      (*p)++;
      return b - ' ';
    }
  if (b < 0x80)
    return -1;
  c = g_utf8_get_char (*p);
  for (guint i = 0; i < G_N_ELEMENTS (paired_more); i++)
    if (c == paired_more[i])
      {
        *p = g_utf8_next_char (*p);
        return N_ASCII + i;
      }
  return -1;
}

static void
append_paired (GString *text,
               int      index)
{
  if (index < N_ASCII)
    g_string_append_c (text, (char) (' ' + index));
  else
    g_string_append_unichar (text, paired_more[index - N_ASCII]);
}

/* Every ordered pair of paired characters, each once, in one sequence of
 * N_PAIRED² + 1: an Eulerian circuit of the complete graph with loops
 * (Hierholzer's, read backwards: still every pair once). */
static guint8 *
every_pair (gsize *len)
{
  guint next[N_PAIRED] = { 0 }, depth = 0;
  g_autofree guint *stack = g_new (guint, N_PAIRED * N_PAIRED + 2);
  guint8 *seq = g_new (guint8, N_PAIRED * N_PAIRED + 1);

  *len = 0;
  stack[depth++] = 0;
  while (depth > 0)
    {
      guint at = stack[depth - 1];

      if (next[at] < N_PAIRED)
        stack[depth++] = next[at]++;
      else
        seq[(*len)++] = (guint8) stack[--depth];
    }
  return seq;
}

/* The width of the first of two paired characters shaped alone. */
static int
first_of_two (VpcFont font,
              int     a,
              int     b)
{
  g_autoptr(GString) two = g_string_new (NULL);
  g_autoptr(PangoLayout) layout = NULL;
  PangoRectangle pos;

  append_paired (two, a);
  append_paired (two, b);
  layout = measure_layout (font, two->str);
  pango_layout_index_to_pos (layout, 0, &pos);
  return pos.width;
}

/* The pairs of @font from one line holding all of them, and each character
 * alone. Pango rounds each glyph's advance, kerning included, to a whole
 * pixel, and our fonts kern pairs only: a character's width depends on it
 * and the next one. The pairs inside a ligature (DejaVu's "ff", "fi" and
 * "fl", which begin its ligatures of three too) are marked, and those next
 * to one, kerned there against it, shaped on their own. Refused (-1)
 * unless the line is one left-to-right run, in our own font family (what
 * other fonts kern and join was never checked). */
static void
take_pairs (VpcFont      font,
            FontMetrics *m)
{
  gsize len;
  g_autofree guint8 *seq = every_pair (&len);
  g_autofree int *advances = g_new0 (int, len);
  g_autofree int *at_byte = NULL; /* byte → place in @seq, or -1 */
  g_autoptr(GString) text = g_string_new (NULL);
  g_autoptr(PangoLayout) layout = NULL;
  PangoGlyphString *glyphs;
  GSList *runs;

  m->pairs_state = -1;
  if (!vpc_render_font_is_ours (font))
    return;
  for (gsize i = 0; i < len; i++)
    append_paired (text, seq[i]);
  at_byte = g_new (int, text->len + 1);
  for (gsize i = 0, byte = 0; i <= len; i++)
    {
      gsize end = byte;

      if (i < len)
        {
          const char *p = text->str + byte;

          paired_index (&p);
          end = p - text->str;
        }
      at_byte[byte] = (int) i;
      while (++byte < end)
        at_byte[byte] = -1;
      byte = end;
    }
  layout = measure_layout (font, text->str);
  runs = pango_layout_get_line_readonly (layout, 0)->runs;
  if (pango_layout_get_line_count (layout) != 1 || runs == NULL || runs->next != NULL
      || !left_to_right (layout) || ((PangoGlyphItem *) runs->data)->glyphs->log_clusters[0] != 0)
    return;
  memset (m->ligature, 0, sizeof m->ligature);
  {
    PangoItem *item = ((PangoGlyphItem *) runs->data)->item;
    PangoFontMetrics *font_metrics
        = pango_font_get_metrics (item->analysis.font, item->analysis.language);

    m->language = item->analysis.language;
    m->safe_distance = pango_font_metrics_get_approximate_char_width (font_metrics) * 3;
    pango_font_metrics_unref (font_metrics);
  }
  glyphs = ((PangoGlyphItem *) runs->data)->glyphs;
  for (int g = 0; g < glyphs->num_glyphs; g++)
    {
      int first = at_byte[glyphs->log_clusters[g]];
      int next = at_byte[g + 1 < glyphs->num_glyphs ? glyphs->log_clusters[g + 1] : (int) text->len];

      if (first < 0 || next <= first)
        return;
      advances[first] = next - first == 1 ? glyphs->glyphs[g].geometry.width : -1;
      for (int i = first + 1; i < next; i++)
        {
          m->ligature[seq[i - 1]][seq[i]] = TRUE;
          advances[i] = -1;
        }
    }
  /* Each pair is in @seq once: one next to a ligature is shaped alone. */
  for (gsize i = 0; i + 1 < len; i++)
    if (!m->ligature[seq[i]][seq[i + 1]])
      m->pairs[seq[i]][seq[i + 1]] = advances[i] >= 0 && advances[i + 1] >= 0
                                         ? advances[i]
                                         : first_of_two (font, seq[i], seq[i + 1]);
  for (int c = 0; c < N_PAIRED; c++)
    {
      g_autoptr(GString) alone = g_string_new (NULL);
      g_autoptr(PangoLayout) one = NULL;
      PangoRectangle logical;

      append_paired (alone, c);
      one = measure_layout (font, alone->str);
      pango_layout_get_extents (one, NULL, &logical);
      m->ends[c] = logical.width;
    }
  m->pairs_state = 1;
}

/* Labels longer than this are cut by shaping them. */
#define PAIRED_MAX 512

/* The widths of @n paired characters in a text, as pango shapes them
 * together (the last kerns with nothing), into @advances; their sum. */
static int
pair_advances (const FontMetrics *m,
               const guint8      *chars,
               guint              n,
               int               *advances)
{
  int total = 0;

  for (guint i = 0; i < n; i++)
    total += advances[i] = i + 1 < n ? m->pairs[chars[i]][chars[i + 1]] : m->ends[chars[i]];
  return total;
}

/* The first @length bytes of @text as @n paired characters and where
 * each starts, when they all are, none two make a ligature and @font has
 * its pairs (taken now if it has cut enough labels). */
static gboolean
paired_chars (VpcFont     font,
              const char *text,
              gsize       length,
              guint8     *chars,
              guint16    *starts,
              guint      *n)
{
  FontMetrics *m = &metrics[font];

  if (!shortcuts || m->pairs_state < 0
      || (m->pairs_state == 0
          && m->n_shaped < (many_labels ? MIN (pairs_after, PAIRS_AFTER_MANY) : pairs_after)))
    return FALSE;
  *n = 0;
  for (const char *p = text; p < text + length; (*n)++)
    {
      int index;

      if (*n == PAIRED_MAX)
        return FALSE;
      starts[*n] = p - text;
      if ((index = paired_index (&p)) < 0)
        return FALSE;
      chars[*n] = (guint8) index;
    }
  if (m->pairs_state == 0)
    take_pairs (font, m);
  if (m->pairs_state < 0)
    return FALSE;
  for (guint i = 0; i + 1 < *n; i++)
    if (m->ligature[chars[i]][chars[i + 1]])
      return FALSE;
  return TRUE;
}

/* fit_shaped() without shaping, from the widths of pairs, when the first
 * @shaped bytes of @text are paired characters and the font has its
 * pairs: the same sums of the same whole numbers pango adds up, compared
 * alike. FALSE when it cannot tell. */
static gboolean
fit_by_pairs (VpcFont     font,
              const char *text,
              gsize       shaped,
              gsize       len,
              double      width,
              double      ellipsis,
              gboolean   *fits,
              gsize      *keep)
{
  guint8 chars[PAIRED_MAX];
  guint16 starts[PAIRED_MAX];
  int advances[PAIRED_MAX], total, right = 0;
  guint n;

  if (!paired_chars (font, text, shaped, chars, starts, &n))
    return FALSE;
  paired_cuts++;
  total = pair_advances (&metrics[font], chars, n, advances);
  *fits = shaped == len && total / (double) PANGO_SCALE <= width;
  if (*fits)
    {
      *keep = len;
      return TRUE;
    }
  /* The first character whose right edge, then "…", passes @width. */
  for (guint i = 0; i < n; i++)
    {
      right += advances[i];
      if (right / (double) PANGO_SCALE + ellipsis > width)
        {
          *keep = starts[i];
          return TRUE;
        }
    }
  *keep = len;
  return TRUE;
}

/* Where the first line of @text wrapped at @width ends (a byte), found as
 * pango 1.50's process_item() finds it for a paragraph of one run
 * (pango-layout.c), with the widths of the pairs: every place pango may
 * break the line at (pango_get_log_attrs()) near the end of the line is
 * measured as the text before it shaped alone, a space before it not
 * counted. 0 when that cannot tell: not paired characters, a break that
 * would add a hyphen, or no word that fits (pango tries again between
 * characters). @text must not fit on one line. */
static gsize
wrap_by_pairs (VpcFont     font,
               const char *text,
               double      width)
{
  FontMetrics *m = &metrics[font];
  gsize len = strlen (text);
  guint8 chars[PAIRED_MAX];
  guint16 starts[PAIRED_MAX];
  PangoLogAttr attrs[PAIRED_MAX + 1];
  int advances[PAIRED_MAX];
  int remaining = (int) (width * PANGO_SCALE), total, at = 0;
  int break_chars, break_width, break_extra;
  guint n;

  /* What follows is pango 1.50's: other versions shape it themselves. */
  if (pango_version () < PANGO_VERSION_ENCODE (1, 50, 0)
      || pango_version () >= PANGO_VERSION_ENCODE (1, 51, 0))
    return 0;
  if (!paired_chars (font, text, len, chars, starts, &n) || n < 2)
    return 0;
  pango_get_log_attrs (text, len, -1, m->language, attrs, n + 1);
  total = pair_advances (m, chars, n, advances);
  /* The whole text, its end a place to break at. */
  if (attrs[n].break_inserts_hyphen || total + (attrs[n - 1].is_white ? -advances[n - 1] : 0) <= remaining)
    return 0;
  break_chars = n;
  break_width = total;
  break_extra = attrs[n - 1].is_white ? -advances[n - 1] : 0;
  for (guint k = 0; k <= n; k++)
    {
      gboolean candidate = k > 0 && (k == n || attrs[k].is_line_break);
      int extra;

      /* A hyphen's width, where one would be added, counts only at a
       * place to break (below MIN() ignores it): such a place is left to
       * pango, which shapes the hyphen. A guard: pango adds none between
       * the paired characters (every break of 10^6 triples checked). */
      if (attrs[k].break_removes_preceding || (candidate && attrs[k].break_inserts_hyphen))
        return 0;
      extra = !attrs[k].break_inserts_hyphen && k > 0 && attrs[k - 1].is_white ? -advances[k - 1] : 0;
      if (MIN (at + extra, at) > remaining + m->safe_distance && break_chars < (int) n)
        break;
      if (candidate)
        {
          if (at + extra < remaining - m->safe_distance)
            {
              break_chars = k;
              break_width = at;
              break_extra = extra;
            }
          else
            {
              /* The text before k shaped alone: its last character kerns
               * with nothing; the whole text keeps its end's space. */
              int shaped = k < n ? at - advances[k - 1] + m->ends[chars[k - 1]] : total;
              int more = k < n && attrs[k - 1].is_white ? -advances[k - 1] : 0;

              if (break_chars == (int) n || shaped + more <= remaining
                  || shaped + more < break_width + break_extra)
                {
                  break_chars = k;
                  break_width = shaped;
                  break_extra = more;
                }
            }
        }
      if (k < n)
        at += advances[k];
    }
  if (break_width + break_extra > remaining || break_chars >= (int) n)
    return 0;
  paired_wraps++;
  return starts[break_chars];
}

/* How many bytes of a label too wide for @width keep, "…" included: the
 * characters before the first whose right edge passes the limit. Each
 * position costs a walk along the line, so left-to-right text, whose edges
 * grow, is searched by halves rather than walked character by character
 * (a rule summary of 90 characters was 90 walks). Only the prefix that
 * can fall within @width is shaped (a long rule summary is cut every time
 * a group is drawn). */
static gsize
fit_shaped (VpcFont     font,
            const char *text,
            double      width,
            double      ellipsis,
            gboolean   *fits)
{
  gsize len = strlen (text), shaped = shaping_prefix (font, text, width), keep;
  g_autofree char *prefix = NULL;
  g_autoptr(PangoLayout) layout = NULL;
  g_autoptr(GArray) starts = NULL;
  PangoRectangle logical;
  guint low = 0, high;

  if (fit_by_pairs (font, text, shaped, len, width, ellipsis, fits, &keep))
    return keep;
  metrics[font].n_shaped++;
  prefix = shaped < len ? g_strndup (text, shaped) : NULL;
  layout = measure_layout (font, prefix != NULL ? prefix : text);
  if (prefix == NULL)
    {
      pango_layout_get_extents (layout, NULL, &logical);
      *fits = logical.width / (double) PANGO_SCALE <= width;
      if (*fits)
        return len;
    }
  else
    *fits = FALSE; /* surely wider */
  starts = g_array_new (FALSE, FALSE, sizeof (int));
  for (const char *c = text; c < text + shaped; c = g_utf8_next_char (c))
    {
      int start = c - text;

      g_array_append_val (starts, start);
    }
  if (!left_to_right (layout))
    {
      while (low < starts->len
             && !ends_past (layout, g_array_index (starts, int, low), ellipsis, width))
        low++;
    }
  else
    {
      /* The first character past the limit lies in [low, high]. */
      for (high = starts->len; low < high;)
        {
          guint mid = low + (high - low) / 2;

          if (ends_past (layout, g_array_index (starts, int, mid), ellipsis, width))
            high = mid;
          else
            low = mid + 1;
        }
    }
  return low < starts->len ? (gsize) g_array_index (starts, int, low) : len;
}

char *
vpc_render_text_fit (VpcFont     font,
                     const char *text,
                     double      width)
{
  const FontMetrics *m;
  double x = 0;
  gsize keep;
  gboolean fits;

  if (width <= 0)
    return NULL;
  m = get_metrics (font);
  /* Most labels are ASCII and well within their width: the advance table
   * says so without shaping. It ignores kerning, so anything near or over
   * the width is measured exactly from its pango layout. */
  for (const char *c = text; *c != '\0'; c++)
    {
      if ((guchar) *c < 32 || (guchar) *c >= 127)
        {
          x = G_MAXDOUBLE;
          break;
        }
      x += m->advance[(guchar) *c];
    }
  if (x <= width * 0.95)
    return NULL;
  keep = fit_shaped (font, text, width, m->ellipsis, &fits);
  if (fits)
    return NULL;
  /* Like pango, drop the spaces before the ellipsis. */
  while (keep > 0 && text[keep - 1] == ' ')
    keep--;
  return g_strdup_printf ("%.*s" ELLIPSIS, (int) keep, text);
}

/* A pango layout that wraps @text in @width, words first, then inside
 * words that are wider than the line (not cached: the lines are). */
static PangoLayout *
wrap_layout (VpcFont     font,
             const char *text,
             double      width)
{
  PangoLayout *layout = measure_layout (font, text);

  /* A wrap costs pango about two cuts. */
  metrics[font].n_shaped += 2;
  pango_layout_set_width (layout, (int) (width * PANGO_SCALE));
  pango_layout_set_wrap (layout, PANGO_WRAP_WORD_CHAR);
  return layout;
}

/* @s without the spaces at its ends (a new string). */
static char *
trimmed (const char *s,
         gsize       len)
{
  while (len > 0 && *s == ' ')
    s++, len--;
  while (len > 0 && s[len - 1] == ' ')
    len--;
  return g_strndup (s, len);
}

/* A layout wrapping @text at @width, with as much of it as decides the
 * first @max_lines lines (0: all of it); @more says the text surely has
 * more lines than those, whatever pango makes of the last. Such a text
 * needs only the prefix that can fall within the lines before the last:
 * their breaks, and so where the last one starts, are the whole text's. */
static PangoLayout *
wrap_enough (VpcFont     font,
             const char *text,
             double      width,
             guint       max_lines,
             gboolean   *more)
{
  gsize len = strlen (text);

  *more = max_lines != 0 && shaping_prefix (font, text, max_lines * width) < len;
  if (*more)
    {
      g_autofree char *prefix
          = g_strndup (text, shaping_prefix (font, text, (max_lines - 1) * width));
      PangoLayout *layout = wrap_layout (font, prefix, width);

      if (pango_layout_get_line_count (layout) >= (int) max_lines)
        return layout;
      /* Cannot happen while the lower bound holds: pango decides. */
      g_object_unref (layout);
      *more = FALSE;
    }
  return wrap_layout (font, text, width);
}

/* The last line a label has room for, from @from on: as much as fits,
 * then "…", cut where a one-line label would be. */
static char *
last_line (VpcFont     font,
           const char *from,
           double      width)
{
  g_autofree char *rest = trimmed (from, strlen (from));
  char *cut = vpc_render_text_fit (font, rest, width);

  return cut != NULL ? cut : g_steal_pointer (&rest);
}

/* Whether every character of @s is one of those taken in pairs. */
static gboolean
all_paired (const char *s)
{
  while (*s != '\0')
    if (paired_index (&s) < 0)
      return FALSE;
  return TRUE;
}

/* Whether @s, its spaces at both ends aside, is one character at most. */
static gboolean
one_character (const char *s)
{
  while (*s == ' ')
    s++;
  if (*s != '\0')
    s = g_utf8_next_char (s);
  while (*s == ' ')
    s++;
  return *s == '\0';
}

/* The lines of a text that does not fit on one line, when that takes no
 * layout: pango's first line starts the text, and the pairs may say where
 * its second starts (wrap_by_pairs()); the last line is the rest, cut
 * with "…" unless it fits. NULL when the pairs cannot tell, when a
 * character is not one of the paired ones (pango keeps a cluster of
 * several whole, and does not count a trailing tab or no-break space
 * against the width), or when the rest is a single character, which
 * pango leaves whole even when it overflows the line (it has nowhere to
 * break it). */
static GPtrArray *
wrap_short (VpcFont     font,
            const char *text,
            double      width,
            guint       max_lines)
{
  GPtrArray *lines;
  gsize second = 0;

  /* With the shortcuts off, every wrap is pango's (the tests' reference). */
  if (!shortcuts || !all_paired (text))
    return NULL;
  if (max_lines == 2)
    {
      g_autofree char *prefix = g_strndup (text, shaping_prefix (font, text, width));

      if ((second = wrap_by_pairs (font, prefix, width)) == 0)
        return NULL;
    }
  if (one_character (text + second))
    return NULL;
  lines = g_ptr_array_new ();
  if (second > 0)
    g_ptr_array_add (lines, trimmed (text, second));
  g_ptr_array_add (lines, last_line (font, text + second, width));
  return lines;
}

static char **
wrap_lines (VpcFont     font,
            const char *text,
            double      width,
            guint       max_lines)
{
  g_autoptr(PangoLayout) layout = NULL;
  GPtrArray *lines = NULL;
  gboolean more;
  guint n;

  /* One line when it fits (a text surely wider need not be cut to know). */
  if (shaping_prefix (font, text, width) == strlen (text))
    {
      g_autofree char *one_line = vpc_render_text_fit (font, text, width);

      if (one_line == NULL)
        {
          lines = g_ptr_array_new ();
          g_ptr_array_add (lines, g_strdup (text));
        }
    }
  /* Else, as one or two lines, from the pairs. */
  if (lines == NULL && (max_lines == 1 || max_lines == 2))
    lines = wrap_short (font, text, width, max_lines);
  if (lines != NULL)
    {
      g_ptr_array_add (lines, NULL);
      return (char **) g_ptr_array_free (lines, FALSE);
    }
  lines = g_ptr_array_new ();
  layout = wrap_enough (font, text, width, max_lines, &more);
  n = pango_layout_get_line_count (layout);
  for (guint i = 0; i < n && (max_lines == 0 || i < max_lines); i++)
    {
      PangoLayoutLine *line = pango_layout_get_line_readonly (layout, i);

      if (max_lines != 0 && i + 1 == max_lines && (more || i + 1 < n))
        {
          /* The rest does not fit the last line. */
          g_ptr_array_add (lines, last_line (font, text + line->start_index, width));
          break;
        }
      g_ptr_array_add (lines, trimmed (text + line->start_index, line->length));
    }
  g_ptr_array_add (lines, NULL);
  return (char **) g_ptr_array_free (lines, FALSE);
}

const char *const *
vpc_render_text_wrap (VpcFont     font,
                      const char *text,
                      double      width,
                      guint       max_lines)
{
  g_autofree char *key = NULL;
  char **lines;

  ensure_context ();
  key = cache_key (font, (int) (width * PANGO_SCALE), max_lines, text);
  lines = g_hash_table_lookup (wraps, key);
  if (lines != NULL)
    return (const char *const *) lines;
  if (g_hash_table_size (wraps) >= WRAPS_MAX)
    g_hash_table_remove_all (wraps);
  lines = wrap_lines (font, text, width, max_lines);
  g_hash_table_insert (wraps, g_steal_pointer (&key), lines);
  return (const char *const *) lines;
}

guint
vpc_render_text_set_pairs_after (guint labels)
{
  guint old = pairs_after;

  pairs_after = labels;
  return old;
}

void
vpc_render_text_get_paired (guint *n_cuts,
                            guint *n_wraps)
{
  *n_cuts = paired_cuts;
  *n_wraps = paired_wraps;
}

void
vpc_render_text_set_shortcuts (gboolean enabled)
{
  shortcuts = enabled;
  vpc_render_text_cache_clear ();
}

gboolean
vpc_render_text_lines_cut (const char *const *lines)
{
  guint n = g_strv_length ((char **) lines);

  return n > 0 && g_str_has_suffix (lines[n - 1], ELLIPSIS);
}

/* Noncharacters (U+FDD0–U+FDEF and the last two code points of every
 * plane): cairo refuses them as "not valid UTF-8", and XML 1.0 forbids
 * U+FFFE and U+FFFF. */
static gboolean
is_noncharacter (gunichar c)
{
  return (c >= 0xfdd0 && c <= 0xfdef) || (c & 0xfffe) == 0xfffe;
}

char *
vpc_render_clean_text (const char *text,
                       gsize       max_chars)
{
  const char *p = text;
  GString *out = NULL;
  gsize n = 0;

  if (text == NULL)
    return NULL;
  while (*p != '\0')
    {
      const char *start = p;
      gunichar c;

      if (n == max_chars)
        {
          if (out == NULL)
            out = g_string_new_len (text, p - text);
          g_string_append (out, ELLIPSIS);
          break;
        }
      n++;
      /* Printable ASCII, the common case, is kept as it is. */
      if ((guchar) *p >= 0x20 && (guchar) *p < 0x7f)
        {
          if (out != NULL)
            g_string_append_c (out, *p);
          p++;
          continue;
        }
      c = g_utf8_get_char_validated (p, -1);
      if (c == (gunichar) -1 || c == (gunichar) -2)
        p++; /* one byte of a broken sequence: one U+FFFD */
      else
        p = g_utf8_next_char (p);
      if (c == '\t' || c == '\n' || c == '\r')
        c = ' ';
      else if (c == (gunichar) -1 || c == (gunichar) -2 || c < 0x20 ||
               (c >= 0x7f && c < 0xa0) || is_noncharacter (c))
        c = 0xfffd;
      else
        {
          if (out != NULL)
            g_string_append_len (out, start, p - start);
          continue;
        }
      if (out == NULL)
        out = g_string_new_len (text, start - text);
      g_string_append_unichar (out, c);
    }
  return out != NULL ? g_string_free (out, FALSE) : NULL;
}

/* No glyph of our fonts advances less than a fifth of the font size (bar
 * zero-width marks), so a label @width wide never shows more characters
 * than this: a 60 MB name is cut before pango shapes any of it. */
char *
vpc_render_text_prepare (VpcFont     font,
                         const char *text,
                         double      width)
{
  double most = VPC_RENDER_TEXT_MAX_CHARS;

  if (width > 0)
    most = MIN (most, ceil (width / (0.2 * vpc_render_font_px (font))) + 1);
  return vpc_render_clean_text (text, (gsize) most);
}

void
vpc_render_text_cache_clear (void)
{
  g_clear_pointer (&layouts, g_hash_table_unref);
  g_clear_pointer (&wraps, g_hash_table_unref);
  for (guint i = 0; i < VPC_N_FONTS; i++)
    {
      g_clear_pointer (&fonts[i], pango_font_description_free);
      g_clear_pointer (&widths[i], g_hash_table_unref);
      metrics[i].ready = FALSE;
      fonts_ours[i] = 0;
    }
  g_clear_object (&context);
}

double
vpc_render_text_lines (VpcRenderCtx   *ctx,
                       VpcFont         font,
                       const char     *text,
                       double          x,
                       double          y,
                       double          width,
                       guint           max_lines,
                       double          line_h,
                       VpcAlign        align,
                       const VpcColor *color)
{
  g_autofree char *clean = NULL;
  const char *const *lines;
  double step = line_h * text_scale;
  guint n = 0;

  if (text == NULL || *text == '\0' || width < 8)
    return 0;
  clean = vpc_render_text_prepare (font, text, width * MAX (max_lines, 1));
  lines = vpc_render_text_wrap (font, clean != NULL ? clean : text, width, max_lines);
  for (; lines[n] != NULL; n++)
    vpc_painter_text (ctx->p, font, lines[n], x, y + n * step, width, align, color);
  return n * step;
}
