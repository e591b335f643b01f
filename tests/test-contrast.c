/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-contrast.c: every text colour is at least 4.5:1 against what it is
 * drawn on (WCAG 2.1, 1.4.3; issue 17), in the light and the dark theme.
 *
 * The diagram: each text colour of VpcThemeColors against the fill the
 * renderer draws it on (ui/render/vpc-render-*.c). The window: the
 * opacities and alpha colours of resources/style.css (read from the source
 * tree, VPC_STYLE_CSS) applied to Adwaita 1.2's foreground over each of its
 * backgrounds, and every literal colour/background pair in one rule. A
 * failure names the pair and its ratio. No display, no GTK. */
#include <glib.h>
#include <math.h>
#include <string.h>

#include "vpc-theme.h"

#define MINIMUM 4.5

typedef struct
{
  double r, g, b, a;
} Rgba;

static double
channel (double c)
{
  return c <= 0.03928 ? c / 12.92 : pow ((c + 0.055) / 1.055, 2.4);
}

static double
luminance (const VpcColor *c)
{
  return 0.2126 * channel (c->r) + 0.7152 * channel (c->g) + 0.0722 * channel (c->b);
}

static double
ratio (const VpcColor *a,
       const VpcColor *b)
{
  double la = luminance (a), lb = luminance (b);

  return (MAX (la, lb) + 0.05) / (MIN (la, lb) + 0.05);
}

/* @fg with alpha @alpha composited over the opaque @bg. */
static VpcColor
over (const VpcColor *fg,
      double          alpha,
      const VpcColor *bg)
{
  return (VpcColor) { fg->r * alpha + bg->r * (1 - alpha), fg->g * alpha + bg->g * (1 - alpha),
                      fg->b * alpha + bg->b * (1 - alpha) };
}

static char *
hex (const VpcColor *c)
{
  return g_strdup_printf ("#%02x%02x%02x", (int) round (c->r * 255), (int) round (c->g * 255),
                          (int) round (c->b * 255));
}

/* Records a failure (and goes on, so that one run names every pair). */
static gboolean
check_pair (const char     *what,
            const VpcColor *text,
            const VpcColor *background)
{
  double r = ratio (text, background);
  g_autofree char *t = hex (text);
  g_autofree char *b = hex (background);

  if (r + 1e-9 >= MINIMUM)
    {
      g_test_message ("%s: %s on %s: %.2f:1", what, t, b, r);
      return TRUE;
    }
  g_test_message ("FAIL %s: %s on %s: %.2f:1 (< %.1f:1)", what, t, b, r, MINIMUM);
  g_test_fail_printf ("%s: %s on %s has contrast %.2f:1, below %.1f:1", what, t, b, r, MINIMUM);
  return FALSE;
}

/* --------------------------------------------------------------- diagram */

typedef struct
{
  const char *text;
  const char *background;
  gsize       text_offset;
  gsize       background_offset;
} DiagramPair;

#define PAIR(t, b)                                                                                 \
  { #t, #b, G_STRUCT_OFFSET (VpcThemeColors, t), G_STRUCT_OFFSET (VpcThemeColors, b) }

/* What the renderer draws on what. */
static const DiagramPair diagram_pairs[] = {
  /* Names and kind lines of icons, box headers: on the canvas and in
   * every box they can stand in. */
  PAIR (text, background), PAIR (text_dim, background),
  PAIR (text, vpc_fill), PAIR (text_dim, vpc_fill),
  PAIR (text, az_fill), PAIR (text_dim, az_fill),
  PAIR (text, private_fill), PAIR (text_dim, private_fill),
  PAIR (text, nat_fill), PAIR (text_dim, nat_fill),
  PAIR (text, public_fill), PAIR (text_dim, public_fill),
  /* The title block and its legend. */
  PAIR (text, panel), PAIR (text_dim, panel),
  /* An AZ's name in its own colour. */
  PAIR (az, az_fill), PAIR (az, background),
  /* The route badges: PRIVATE, NAT, PUBLIC in the background colour. */
  PAIR (background, private_stroke), PAIR (background, nat_stroke),
  PAIR (background, public_stroke),
  /* Security group chips and finding badges. */
  PAIR (icon_glyph, security_group), PAIR (icon_glyph, error), PAIR (icon_glyph, warning),
  /* A traced path's end labels, in the verdict's colour on the background. */
  PAIR (reachable, background), PAIR (warning, background), PAIR (error, background),
};

static void
test_diagram (gconstpointer data)
{
  VpcTheme theme = GPOINTER_TO_INT (data);
  const VpcThemeColors *colors = vpc_theme_get_colors (theme);
  const char *name = theme == VPC_THEME_DARK ? "dark" : "light";

  for (gsize i = 0; i < G_N_ELEMENTS (diagram_pairs); i++)
    {
      const DiagramPair *p = &diagram_pairs[i];
      g_autofree char *what
          = g_strdup_printf ("%s diagram: %s on %s", name, p->text, p->background);

      check_pair (what, G_STRUCT_MEMBER_P (colors, p->text_offset),
                  G_STRUCT_MEMBER_P (colors, p->background_offset));
    }
}

/* ------------------------------------------------------------ style.css */

/* Adwaita 1.2's defaults (defaults-light.css, defaults-dark.css): the
 * foreground and the backgrounds text stands on. */
typedef struct
{
  const char *name;
  VpcColor    fg;
  double      fg_alpha;
  struct
  {
    const char *name;
    VpcColor    color;
  } backgrounds[6];
} AdwaitaTheme;

#define HEX(v) { ((v) >> 16 & 0xff) / 255.0, ((v) >> 8 & 0xff) / 255.0, ((v) &0xff) / 255.0 }

static const AdwaitaTheme adwaita[] = {
  { "light", HEX (0x000000), 0.8,
    { { "view", HEX (0xffffff) }, { "window", HEX (0xfafafa) },
      { "headerbar/sidebar", HEX (0xebebeb) }, { "card", HEX (0xffffff) },
      { "dialog", HEX (0xfafafa) }, { NULL } } },
  { "dark", HEX (0xffffff), 1.0,
    { { "view", HEX (0x1e1e1e) }, { "window", HEX (0x242424) },
      { "headerbar/sidebar", HEX (0x303030) }, { "card", HEX (0x373737) },
      { "dialog", HEX (0x383838) }, { NULL } } },
};

static char *
read_style (void)
{
  const char *path = g_getenv ("VPC_STYLE_CSS") ? g_getenv ("VPC_STYLE_CSS") : VPC_STYLE_CSS;
  g_autoptr(GError) error = NULL;
  char *text = NULL;

  g_file_get_contents (path, &text, NULL, &error);
  g_assert_no_error (error);
  return text;
}

/* The rules of @css without comments: selectors and bodies alternate. */
static GPtrArray *
css_rules (const char *css)
{
  g_autoptr(GRegex) comments = g_regex_new ("/\\*.*?\\*/", G_REGEX_DOTALL, 0, NULL);
  g_autofree char *plain = g_regex_replace_literal (comments, css, -1, 0, "", 0, NULL);
  g_autoptr(GRegex) rule = g_regex_new ("([^{}]+)\\{([^}]*)\\}", 0, 0, NULL);
  g_autoptr(GMatchInfo) match = NULL;
  GPtrArray *rules = g_ptr_array_new_with_free_func (g_free);

  g_regex_match (rule, plain, 0, &match);
  while (g_match_info_matches (match))
    {
      g_ptr_array_add (rules, g_strstrip (g_match_info_fetch (match, 1)));
      g_ptr_array_add (rules, g_match_info_fetch (match, 2));
      g_match_info_next (match, NULL);
    }
  return rules;
}

/* The numbers of "opacity: X" and "alpha(currentColor, X)" in @body. */
static GArray *
text_alphas (const char *body)
{
  g_autoptr(GRegex) re
      = g_regex_new ("(?:(?<![-\\w])opacity\\s*:\\s*|alpha\\(\\s*currentColor\\s*,\\s*)([0-9.]+)",
                     0, 0, NULL);
  g_autoptr(GMatchInfo) match = NULL;
  GArray *alphas = g_array_new (FALSE, FALSE, sizeof (double));

  g_regex_match (re, body, 0, &match);
  while (g_match_info_matches (match))
    {
      g_autofree char *number = g_match_info_fetch (match, 1);
      double alpha = g_ascii_strtod (number, NULL);

      g_array_append_val (alphas, alpha);
      g_match_info_next (match, NULL);
    }
  return alphas;
}

static gboolean
literal_color (const char *body,
               const char *property,
               VpcColor   *color)
{
  g_autofree char *pattern
      = g_strdup_printf ("(?<![-\\w])%s\\s*:\\s*#([0-9a-fA-F]{6})\\b", property);
  g_autoptr(GRegex) re = g_regex_new (pattern, 0, 0, NULL);
  g_autoptr(GMatchInfo) match = NULL;
  g_autofree char *digits = NULL;
  guint64 v;

  if (!g_regex_match (re, body, 0, &match))
    return FALSE;
  digits = g_match_info_fetch (match, 1);
  v = g_ascii_strtoull (digits, NULL, 16);
  *color = (VpcColor) HEX (v);
  return TRUE;
}

/* Checks every rule of @css; returns how many pairs it measured. */
static guint
check_style (const char *css)
{
  g_autoptr(GPtrArray) rules = css_rules (css);
  guint measured = 0;

  for (guint i = 0; i + 1 < rules->len; i += 2)
    {
      g_auto(GStrv) words = g_strsplit_set (rules->pdata[i], " \n\t", -1);
      g_autofree char *selector = NULL;
      const char *body = rules->pdata[i + 1];
      g_autoptr(GArray) alphas = text_alphas (body);
      VpcColor fg, bg;
      GString *joined = g_string_new (NULL);

      for (guint w = 0; words[w] != NULL; w++)
        if (words[w][0] != '\0')
          g_string_append_printf (joined, joined->len > 0 ? " %s" : "%s", words[w]);
      selector = g_string_free (joined, FALSE);
      for (guint k = 0; k < alphas->len; k++)
        for (gsize t = 0; t < G_N_ELEMENTS (adwaita); t++)
          for (gsize b = 0; adwaita[t].backgrounds[b].name != NULL; b++)
            {
              const VpcColor *back = &adwaita[t].backgrounds[b].color;
              double alpha = adwaita[t].fg_alpha * g_array_index (alphas, double, k);
              VpcColor text = over (&adwaita[t].fg, alpha, back);
              g_autofree char *what
                  = g_strdup_printf ("style.css \"%s\" (alpha %.2f) in %s on the %s background",
                                     selector, g_array_index (alphas, double, k), adwaita[t].name,
                                     adwaita[t].backgrounds[b].name);

              check_pair (what, &text, back);
              measured++;
            }
      if (literal_color (body, "color", &fg) && literal_color (body, "background-color", &bg))
        {
          g_autofree char *what = g_strdup_printf ("style.css \"%s\"", selector);

          check_pair (what, &fg, &bg);
          measured++;
        }
    }
  return measured;
}

static void
test_style (void)
{
  g_autofree char *css = read_style ();

  /* At least the dim labels, in two themes on five backgrounds. */
  g_assert_cmpuint (check_style (css), >=, 10);
}

/* The measure itself: known WCAG ratios, and the defaults this test
 * guards against (Adwaita's 0.55 dim text, the old PRIVATE badge) fail. */
static void
test_measure (void)
{
  VpcColor white = HEX (0xffffff), black = HEX (0x000000), gray = HEX (0x777777);
  VpcColor old_teal = HEX (0x00a4a6);
  VpcColor dim = over (&adwaita[0].fg, 0.8 * 0.55, &white);
  g_autofree char *old_dim = g_strdup ("x { opacity: 0.55; }");

  g_assert_cmpfloat_with_epsilon (ratio (&white, &black), 21.0, 1e-9);
  g_assert_cmpfloat_with_epsilon (ratio (&gray, &white), 4.48, 0.01);
  g_assert_cmpfloat_with_epsilon (ratio (&dim, &white), 3.24, 0.01); /* #8f8f8f */
  g_assert_cmpfloat_with_epsilon (ratio (&white, &old_teal), 3.06, 0.01);

  if (g_test_subprocess ())
    {
      check_pair ("old PRIVATE badge", &white, &old_teal);
      check_style (old_dim);
      return;
    }
  g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_DEFAULT);
  g_test_trap_assert_failed ();
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_data_func ("/contrast/diagram/light", GINT_TO_POINTER (VPC_THEME_LIGHT), test_diagram);
  g_test_add_data_func ("/contrast/diagram/dark", GINT_TO_POINTER (VPC_THEME_DARK), test_diagram);
  g_test_add_func ("/contrast/style", test_style);
  g_test_add_func ("/contrast/measure", test_measure);
  return g_test_run ();
}
