/* SPDX-License-Identifier: GPL-3.0-or-later */
/* vpc-theme.h: the diagram palettes (domain.md §5), light and dark. */
#pragma once

#include <cairo.h>
#include <glib.h>

#include "vpc-render.h"

G_BEGIN_DECLS

typedef struct
{
  double r, g, b;
} VpcColor;

typedef struct
{
  VpcColor background;
  VpcColor grid;
  VpcColor text;
  VpcColor text_dim;
  VpcColor vpc;            /* networking purple, solid border */
  VpcColor vpc_fill;
  VpcColor az;             /* blue, dashed */
  VpcColor az_fill;
  VpcColor private_stroke; /* teal */
  VpcColor private_fill;
  VpcColor nat_stroke;     /* a deeper teal with a blue cast */
  VpcColor nat_fill;
  VpcColor public_stroke;  /* green */
  VpcColor public_fill;
  VpcColor security_group; /* red */
  VpcColor ml;             /* machine learning */
  VpcColor networking;
  VpcColor storage;
  VpcColor management;
  VpcColor client;
  VpcColor icon_glyph;     /* text on badges: chips, finding counts */
  VpcColor line;           /* connectors */
  VpcColor error;
  VpcColor warning;
  VpcColor selection;
  VpcColor hover;
  VpcColor panel;          /* title block */
  VpcColor panel_border;
  VpcColor reachable;      /* a traced path that gets through */
  VpcColor spotlight;      /* where a presenter points */
} VpcThemeColors;

const VpcThemeColors *vpc_theme_get_colors (VpcTheme theme);

void vpc_color_set (cairo_t        *cr,
                    const VpcColor *color);
void vpc_color_set_alpha (cairo_t        *cr,
                          const VpcColor *color,
                          double          alpha);

G_END_DECLS
