/* SPDX-License-Identifier: GPL-3.0-or-later */
/* vpc-render-title.c: the title block and legend under an exported diagram:
 * design name, region, profile, environment, monthly total and date, then
 * a key to the colours and shapes. */
#include <string.h>

#include "vpc-i18n.h"
#include "vpc-render-private.h"
#include "vpc-finding.h"
#include "vpc-icons.h"

#define GAP         28.0
#define MIN_W       760.0
#define HEAD_H      86.0
#define LEGEND_ROW  22.0
#define LEGEND_PAD  14.0
#define SWATCH_W    22.0

typedef enum {
  SWATCH_VPC,
  SWATCH_AZ,
  SWATCH_PRIVATE,
  SWATCH_NAT,
  SWATCH_PUBLIC,
  SWATCH_WORKLOAD,
  SWATCH_CLIENT,
  SWATCH_GROUP,
  SWATCH_INTERFACE,
  SWATCH_GATEWAY,
  SWATCH_ENI,
  SWATCH_NAT_GATEWAY,
  SWATCH_LINK_WORKLOAD,
  SWATCH_LINK_INTERFACE,
  SWATCH_LINK_GATEWAY,
  SWATCH_LINK_NAT,
  SWATCH_ERROR,
  SWATCH_WARNING,
  N_SWATCHES,
} Swatch;

static const char *const legend_labels[N_SWATCHES] = {
  [SWATCH_VPC] = N_("VPC"),
  [SWATCH_AZ] = N_("Availability zone"),
  [SWATCH_PRIVATE] = N_("Private subnet"),
  [SWATCH_NAT] = N_("NAT subnet"),
  [SWATCH_PUBLIC] = N_("Public subnet"),
  [SWATCH_WORKLOAD] = N_("SageMaker workload"),
  [SWATCH_CLIENT] = N_("Client application"),
  [SWATCH_GROUP] = N_("Security group (its SG chip on members)"),
  [SWATCH_INTERFACE] = N_("Interface endpoint"),
  [SWATCH_GATEWAY] = N_("Gateway endpoint"),
  [SWATCH_ENI] = N_("Network interface"),
  [SWATCH_NAT_GATEWAY] = N_("NAT gateway"),
  [SWATCH_LINK_WORKLOAD] = N_("Workload also runs in"),
  [SWATCH_LINK_INTERFACE] = N_("Interface of endpoint"),
  [SWATCH_LINK_GATEWAY] = N_("Gateway route of subnet"),
  [SWATCH_LINK_NAT] = N_("NAT gateway of subnet"),
  [SWATCH_ERROR] = N_("Error"),
  [SWATCH_WARNING] = N_("Warning"),
};

/* What the design's elements and links show, so that the legend explains
 * that and no more; the findings' swatches are left out. */
static void
design_swatches (VpcDesign              *design,
                 const VpcRenderOptions *options,
                 gboolean               *used)
{
  memset (used, 0, N_SWATCHES * sizeof *used);
  used[SWATCH_VPC] = vpc_design_get_info (design)->has_vpc_layout;
  used[SWATCH_AZ] = vpc_design_get_n_elements (design, VPC_KIND_AZ) > 0;
  used[SWATCH_GROUP] = vpc_design_get_n_elements (design, VPC_KIND_SECURITY_GROUP) > 0;
  used[SWATCH_NAT_GATEWAY] = vpc_design_get_n_elements (design, VPC_KIND_NAT_GATEWAY) > 0;
  for (guint i = 0; i < vpc_design_get_n_elements (design, VPC_KIND_SUBNET); i++)
    {
      VpcRoute route = vpc_design_get_element (design, VPC_KIND_SUBNET, i)->route;

      used[route == VPC_ROUTE_PUBLIC ? SWATCH_PUBLIC
           : route == VPC_ROUTE_NAT  ? SWATCH_NAT
                                     : SWATCH_PRIVATE]
          = TRUE;
    }
  for (guint i = 0; i < vpc_design_get_n_elements (design, VPC_KIND_ENDPOINT); i++)
    {
      const VpcElement *e = vpc_design_get_element (design, VPC_KIND_ENDPOINT, i);

      if (e->endpoint_type == VPC_ENDPOINT_GATEWAY)
        used[SWATCH_GATEWAY] = TRUE;
      else
        {
          used[SWATCH_INTERFACE] = TRUE;
          used[SWATCH_ENI] |= e->subnets != NULL && e->subnets->len > 0;
        }
    }
  for (guint i = 0; i < vpc_design_get_n_elements (design, VPC_KIND_WORKLOAD); i++)
    {
      const VpcElement *e = vpc_design_get_element (design, VPC_KIND_WORKLOAD, i);

      used[e->workload_kind == VPC_WORKLOAD_CLIENT ? SWATCH_CLIENT : SWATCH_WORKLOAD] = TRUE;
    }
  {
    /* Only the kinds: a page drawn too small for connectors routes none. */
    guint kinds = vpc_render_route_kinds_of (design, options);

    used[SWATCH_LINK_INTERFACE] = (kinds & (1u << VPC_LINK_INTERFACE)) != 0;
    used[SWATCH_LINK_GATEWAY] = (kinds & (1u << VPC_LINK_GATEWAY)) != 0;
    used[SWATCH_LINK_NAT] = (kinds & (1u << VPC_LINK_NAT)) != 0;
    used[SWATCH_LINK_WORKLOAD] = (kinds & (1u << VPC_LINK_WORKLOAD)) != 0;
  }
}

/* The swatches of the findings' severities, in @used, whose error and
 * warning swatches are off on entry. */
static void
finding_swatches (const VpcRenderOptions *options,
                  gboolean               *used)
{
  GListModel *findings = options != NULL ? options->findings : NULL;
  guint n_findings = findings != NULL ? g_list_model_get_n_items (findings) : 0;

  /* From both ends: in a list sorted by severity (the validator's) the
   * first warning lay past 117,000 errors, and a PNG in bands asked twice
   * per band. */
  for (guint i = 0; i < n_findings && !(used[SWATCH_ERROR] && used[SWATCH_WARNING]); i++)
    {
      g_autoptr(VpcFinding) f = g_list_model_get_item (findings, i % 2 == 0 ? i / 2
                                                                  : n_findings - 1 - i / 2);

      if (vpc_finding_get_severity (f) == VPC_SEVERITY_ERROR)
        used[SWATCH_ERROR] = TRUE;
      else if (vpc_finding_get_severity (f) == VPC_SEVERITY_WARNING)
        used[SWATCH_WARNING] = TRUE;
    }
}

/* What the design shows, findings included. */
static void
used_swatches (VpcDesign              *design,
               const VpcRenderOptions *options,
               gboolean               *used)
{
  design_swatches (design, options, used);
  finding_swatches (options, used);
}

static double
legend_item_width (Swatch s)
{
  return SWATCH_W + 6 + vpc_render_text_width (VPC_FONT_LABEL, _(legend_labels[s])) + 18;
}

/* Rows the legend needs in @width for the swatches in @used; fills @row
 * and @col_x when not NULL. */
static guint
legend_layout (double          width,
               const gboolean *used,
               guint          *row,
               double         *col_x)
{
  double x = 0;
  guint rows = 1;

  for (Swatch s = 0; s < N_SWATCHES; s++)
    {
      double w;

      if (!used[s])
        continue;
      w = legend_item_width (s);
      if (x > 0 && x + w > width)
        {
          rows++;
          x = 0;
        }
      if (row != NULL)
        {
          row[s] = rows - 1;
          col_x[s] = x;
        }
      x += w;
    }
  return rows;
}

static double
legend_height (guint rows)
{
  return 2 * LEGEND_PAD + rows * LEGEND_ROW * vpc_render_text_get_scale () - 6;
}

static double
head_height (void)
{
  return HEAD_H * vpc_render_text_get_scale ();
}

static gboolean shortcut = TRUE;

void
vpc_render_title_set_shortcut (gboolean enabled)
{
  shortcut = enabled;
}

void
vpc_render_title_rect (VpcDesign              *design,
                       const VpcRenderOptions *options,
                       const VpcRect          *content,
                       VpcRect                *title)
{
  double w = MAX (content->w, MIN_W);
  double h = head_height ();

  if (options == NULL || options->legend)
    {
      gboolean used[N_SWATCHES];
      guint rows;

      /* The findings' swatches come last: when both fit in the last row,
       * the legend has as many rows whatever the findings are, and the
       * page's size is known without them. An export computes them on
       * another thread while it draws; asking here waited for all of them
       * before the first line (0.45-0.64 s at 100,000 elements). */
      G_STATIC_ASSERT (SWATCH_ERROR == N_SWATCHES - 2 && SWATCH_WARNING == N_SWATCHES - 1);
      design_swatches (design, options, used);
      rows = legend_layout (w - 2 * LEGEND_PAD, used, NULL, NULL);
      used[SWATCH_ERROR] = used[SWATCH_WARNING] = TRUE;
      if (!shortcut || legend_layout (w - 2 * LEGEND_PAD, used, NULL, NULL) != rows)
        {
          used[SWATCH_ERROR] = used[SWATCH_WARNING] = FALSE;
          finding_swatches (options, used);
          rows = legend_layout (w - 2 * LEGEND_PAD, used, NULL, NULL);
        }
      h += legend_height (rows);
    }
  *title = (VpcRect) { content->x, content->y + content->h + GAP, w, h };
}

static void
swatch_box (VpcPainter     *p,
            double          x,
            double          y,
            const VpcColor *fill,
            const VpcColor *stroke)
{
  vpc_painter_set_fill (p, fill, 1.0);
  vpc_painter_set_stroke (p, stroke, 1.0, 1.5);
  vpc_painter_rect (p, x + 0.5, y + 0.5, SWATCH_W - 1, 13, 0);
}

static void
swatch_dot (VpcPainter     *p,
            double          x,
            double          y,
            double          radius,
            const VpcColor *color)
{
  vpc_painter_fill_with (p, color);
  vpc_painter_circle (p, x + SWATCH_W / 2, y + 7, radius);
}

static void
draw_swatch (VpcRenderCtx *ctx,
             Swatch        s,
             double        x,
             double        y)
{
  static const double dash[] = { 4.0, 2.5 };
  const VpcThemeColors *pal = ctx->pal;
  VpcPainter *p = ctx->p;

  switch (s)
    {
    case SWATCH_VPC:
      swatch_box (p, x, y, NULL, &pal->vpc);
      break;
    case SWATCH_AZ:
      vpc_painter_set_dash (p, dash, G_N_ELEMENTS (dash), 0);
      swatch_box (p, x, y, &pal->az_fill, &pal->az);
      vpc_painter_set_dash (p, NULL, 0, 0);
      break;
    case SWATCH_PRIVATE:
      swatch_box (p, x, y, &pal->private_fill, &pal->private_stroke);
      break;
    case SWATCH_NAT:
      swatch_box (p, x, y, &pal->nat_fill, &pal->nat_stroke);
      break;
    case SWATCH_PUBLIC:
      swatch_box (p, x, y, &pal->public_fill, &pal->public_stroke);
      break;
    case SWATCH_GROUP:
      vpc_painter_fill_with (p, &pal->security_group);
      vpc_painter_rect (p, x + 4, y - 1, 15, 15, 3);
      vpc_painter_icon (p, "security-group", x + 6, y + 1, 11);
      break;
    case SWATCH_INTERFACE:
      vpc_painter_fill_with (p, &pal->networking);
      vpc_painter_rect (p, x + 4, y - 1, 15, 15, 3);
      break;
    case SWATCH_GATEWAY:
      swatch_dot (p, x, y, 7.5, &pal->networking);
      break;
    case SWATCH_ENI:
      vpc_painter_fill_with (p, &pal->networking);
      vpc_painter_rect (p, x + 6, y + 1, 11, 11, 2);
      break;
    case SWATCH_WORKLOAD:
    case SWATCH_CLIENT:
      vpc_painter_fill_with (p, s == SWATCH_CLIENT ? &pal->client : &pal->ml);
      vpc_painter_rect (p, x + 4, y - 1, 15, 15, 3);
      break;
    case SWATCH_NAT_GATEWAY:
      vpc_painter_fill_with (p, &pal->networking);
      vpc_painter_rect (p, x + 4, y - 1, 15, 15, 3);
      vpc_painter_icon (p, "nat-gateway", x + 6, y + 1, 11);
      break;
    case SWATCH_LINK_WORKLOAD:
    case SWATCH_LINK_INTERFACE:
    case SWATCH_LINK_GATEWAY:
    case SWATCH_LINK_NAT:
      vpc_render_link_swatch (ctx, s == SWATCH_LINK_WORKLOAD ? VPC_LINK_WORKLOAD :
                              s == SWATCH_LINK_INTERFACE ? VPC_LINK_INTERFACE :
                              s == SWATCH_LINK_GATEWAY ? VPC_LINK_GATEWAY : VPC_LINK_NAT,
                              x, y + 7, x + SWATCH_W);
      break;
    case SWATCH_ERROR:
      swatch_dot (p, x, y, 6.5, &pal->error);
      break;
    case SWATCH_WARNING:
    case N_SWATCHES:
    default:
      swatch_dot (p, x, y, 6.5, &pal->warning);
      break;
    }
}

static void
draw_legend (VpcRenderCtx  *ctx,
             const VpcRect *t)
{
  guint row[N_SWATCHES];
  double col_x[N_SWATCHES];
  double top = t->y + head_height () + LEGEND_PAD;
  gboolean used[N_SWATCHES];

  used_swatches (ctx->design, ctx->options, used);
  legend_layout (t->w - 2 * LEGEND_PAD, used, row, col_x);
  vpc_painter_begin_group (ctx->p, "vpcd-legend", NULL, NULL);
  for (Swatch s = 0; s < N_SWATCHES; s++)
    {
      double x, y;

      if (!used[s])
        continue;
      x = t->x + LEGEND_PAD + col_x[s];
      y = top + row[s] * LEGEND_ROW * vpc_render_text_get_scale ();
      draw_swatch (ctx, s, x, y);
      vpc_render_text (ctx, VPC_FONT_LABEL, _(legend_labels[s]), x + SWATCH_W + 6, y, -1,
                       VPC_ALIGN_LEFT, &ctx->pal->text);
    }
  vpc_painter_end_group (ctx->p);
}

/* The design's name, or the file's, or a generic one. */
static const char *
title_of (const VpcRenderCtx *ctx)
{
  const VpcDesignInfo *info = ctx->info;

  if (info->name != NULL && *info->name != '\0')
    return info->name;
  if (ctx->options->fallback_title != NULL && *ctx->options->fallback_title != '\0')
    return ctx->options->fallback_title;
  return _("Untitled design");
}

static void
draw_heading (VpcRenderCtx  *ctx,
              const VpcRect *t)
{
  const VpcDesignInfo *info = ctx->info;
  const char *name = title_of (ctx);
  double ts = vpc_render_text_get_scale ();
  double right_w = 260 * ts, left_w = t->w - right_w - 40;
  g_autofree char *facts = NULL;

  facts = g_strdup_printf (_("Region %s  ·  Profile %s  ·  %s"),
                           info->region != NULL ? info->region : "—",
                           vpc_profile_to_string (info->profile),
                           vpc_environment_to_string (info->environment));
  vpc_render_text (ctx, VPC_FONT_TITLE, name, t->x + 20, t->y + 14 * ts, left_w,
                   VPC_ALIGN_LEFT, &ctx->pal->text);
  vpc_render_text (ctx, VPC_FONT_LABEL, facts, t->x + 20, t->y + 46 * ts, left_w,
                   VPC_ALIGN_LEFT, &ctx->pal->text_dim);
  /* The description on its line, cut with "…": the group's <title>
   * holds it whole. */
  vpc_render_text_lines (ctx, VPC_FONT_LABEL, info->description, t->x + 20, t->y + 62 * ts, left_w,
                         1, VPC_GEOMETRY_NAME_LINE_H, VPC_ALIGN_LEFT, &ctx->pal->text_dim);

  if (ctx->options->monthly_total != NULL)
    {
      vpc_render_text (ctx, VPC_FONT_SMALL, _("Estimated monthly cost"), t->x + t->w - right_w - 20,
                       t->y + 14 * ts, right_w, VPC_ALIGN_RIGHT, &ctx->pal->text_dim);
      vpc_render_text (ctx, VPC_FONT_TITLE, ctx->options->monthly_total,
                       t->x + t->w - right_w - 20, t->y + 28 * ts, right_w, VPC_ALIGN_RIGHT,
                       &ctx->pal->text);
    }
  vpc_render_text (ctx, VPC_FONT_SMALL, ctx->options->date, t->x + t->w - right_w - 20,
                   t->y + 62 * ts, right_w, VPC_ALIGN_RIGHT, &ctx->pal->text_dim);
}

void
vpc_render_title_block (VpcRenderCtx  *ctx,
                        const VpcRect *content)
{
  const VpcDesignInfo *info = ctx->info;
  g_autofree char *whole = NULL;
  VpcRect t;

  vpc_render_title_rect (ctx->design, ctx->options, content, &t);
  if (!vpc_render_visible (ctx, &t, 0))
    return;
  whole = g_strdup_printf ("%s%s%s", title_of (ctx),
                           info->description != NULL && *info->description != '\0' ? " — " : "",
                           info->description != NULL ? info->description : "");
  vpc_painter_begin_group (ctx->p, "vpcd-title", NULL, whole);
  vpc_painter_set_fill (ctx->p, &ctx->pal->panel, 1.0);
  vpc_painter_set_stroke (ctx->p, &ctx->pal->panel_border, 1.0, 1.0);
  vpc_painter_rect (ctx->p, t.x, t.y, t.w, t.h, 6);
  if (ctx->options->legend)
    vpc_painter_line (ctx->p, t.x + LEGEND_PAD, t.y + head_height () - 0.5,
                      t.x + t.w - LEGEND_PAD, t.y + head_height () - 0.5);
  if (ctx->detail)
    {
      draw_heading (ctx, &t);
      if (ctx->options->legend)
        draw_legend (ctx, &t);
    }
  vpc_painter_end_group (ctx->p);
}
