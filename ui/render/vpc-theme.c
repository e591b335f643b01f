/* SPDX-License-Identifier: GPL-3.0-or-later */
/* vpc-theme.c: the diagram palettes.
 *
 * Light follows AWS's architecture-diagram hues (domain.md §5), darkened
 * where text is drawn in or on them (the AZ name, the route badges, the
 * path ends, the chips and finding badges) so that every text keeps WCAG's
 * 4.5:1 (issue 17; tests/test-contrast.c measures each pair). Dark keeps
 * each hue and lifts its lightness; text on its bright badges is dark. */
#include "vpc-theme.h"

#define RGB(hex)                                                                                   \
  {                                                                                                \
    ((hex) >> 16 & 0xff) / 255.0, ((hex) >> 8 & 0xff) / 255.0, ((hex) &0xff) / 255.0               \
  }

static const VpcThemeColors light = {
  .background     = RGB (0xffffff),
  .grid           = RGB (0xe8eaed),
  .text           = RGB (0x16191f),
  .text_dim       = RGB (0x545b64),
  .vpc            = RGB (0x8c4fff),
  .vpc_fill       = RGB (0xffffff),
  .az             = RGB (0x1273ab),
  .az_fill        = RGB (0xf7fbfe),
  .private_stroke = RGB (0x007f81),
  .private_fill   = RGB (0xe6f6f6),
  .nat_stroke     = RGB (0x0b7d9a),
  .nat_fill       = RGB (0xe4f1f6),
  .public_stroke  = RGB (0x5a7a0f),
  .public_fill    = RGB (0xf2f6e8),
  .security_group = RGB (0xd42c44),
  .ml             = RGB (0x01a88d),
  .networking     = RGB (0x8c4fff),
  .storage        = RGB (0x7aa116),
  .management     = RGB (0xe7157b),
  .client         = RGB (0x545b64),
  .icon_glyph     = RGB (0xffffff),
  .line           = RGB (0x687078),
  .error          = RGB (0xd91515),
  .warning        = RGB (0xad5a00),
  .selection      = RGB (0x3584e4),
  .hover          = RGB (0x99c1f1),
  .panel          = RGB (0xf8f8fa),
  .panel_border   = RGB (0xd5dbdb),
  .reachable      = RGB (0x1a7f45),
  .spotlight      = RGB (0xffd600),
};

static const VpcThemeColors dark = {
  .background     = RGB (0x1b1d22),
  .grid           = RGB (0x2b2e35),
  .text           = RGB (0xeceef2),
  .text_dim       = RGB (0xaab1bb),
  .vpc            = RGB (0xb08cff),
  .vpc_fill       = RGB (0x1e1d27),
  .az             = RGB (0x4fb3ec),
  .az_fill        = RGB (0x1c2129),
  .private_stroke = RGB (0x2ed3d5),
  .private_fill   = RGB (0x17302f),
  .nat_stroke     = RGB (0x4cbfe0),
  .nat_fill       = RGB (0x172a33),
  .public_stroke  = RGB (0xa6d04a),
  .public_fill    = RGB (0x253019),
  .security_group = RGB (0xff6b80),
  .ml             = RGB (0x17c8a9),
  .networking     = RGB (0x9f6bff),
  .storage        = RGB (0x8fb92a),
  .management     = RGB (0xf0479a),
  .client         = RGB (0x78808c),
  .icon_glyph     = RGB (0x1b1d22),
  .line           = RGB (0x9aa3ad),
  .error          = RGB (0xff5c5c),
  .warning        = RGB (0xffb020),
  .selection      = RGB (0x78aeed),
  .hover          = RGB (0x3d6ea8),
  .panel          = RGB (0x24272e),
  .panel_border   = RGB (0x3a3e47),
  .reachable      = RGB (0x57e389),
  .spotlight      = RGB (0xffd600),
};

const VpcThemeColors *
vpc_theme_get_colors (VpcTheme theme)
{
  return theme == VPC_THEME_DARK ? &dark : &light;
}

void
vpc_color_set (cairo_t        *cr,
               const VpcColor *color)
{
  cairo_set_source_rgb (cr, color->r, color->g, color->b);
}

void
vpc_color_set_alpha (cairo_t        *cr,
                     const VpcColor *color,
                     double          alpha)
{
  cairo_set_source_rgba (cr, color->r, color->g, color->b, alpha);
}
