/* vpc-render-title.c: the title block and legend under an exported diagram:
 * design name, region, profile, environment, monthly total and date, then
 * a key to the colours and shapes. */
#include "vpc-render-private.h"
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
  SWATCH_GROUP,
  SWATCH_INTERFACE,
  SWATCH_GATEWAY,
  SWATCH_ENI,
  SWATCH_ERROR,
  SWATCH_WARNING,
  N_SWATCHES,
} Swatch;

static const char *const legend_labels[N_SWATCHES] = {
  "VPC", "Availability zone", "Private subnet", "NAT subnet", "Public subnet",
  "Security group", "Interface endpoint", "Gateway endpoint", "Network interface",
  "Error", "Warning",
};

static double
legend_item_width (Swatch s)
{
  return SWATCH_W + 6 + vpc_render_text_width (VPC_FONT_LABEL, legend_labels[s]) + 18;
}

/* Rows the legend needs in @width; fills @row and @col_x when not NULL. */
static guint
legend_layout (double width,
               guint  *row,
               double *col_x)
{
  double x = 0;
  guint rows = 1;

  for (Swatch s = 0; s < N_SWATCHES; s++)
    {
      double w = legend_item_width (s);
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

void
vpc_render_title_rect (VpcDesign     *design,
                       const VpcRect *content,
                       VpcRect       *title)
{
  double w = MAX (content->w, MIN_W);
  guint rows = legend_layout (w - 2 * LEGEND_PAD, NULL, NULL);

  *title = (VpcRect) {
    content->x, content->y + content->h + GAP,
    w, HEAD_H + 2 * LEGEND_PAD + rows * LEGEND_ROW - 6,
  };
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
  const VpcPalette *pal = ctx->pal;
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
  double top = t->y + HEAD_H + LEGEND_PAD;

  legend_layout (t->w - 2 * LEGEND_PAD, row, col_x);
  for (Swatch s = 0; s < N_SWATCHES; s++)
    {
      double x = t->x + LEGEND_PAD + col_x[s], y = top + row[s] * LEGEND_ROW;

      draw_swatch (ctx, s, x, y);
      vpc_render_text (ctx, VPC_FONT_LABEL, legend_labels[s], x + SWATCH_W + 6, y, -1,
                       VPC_ALIGN_LEFT, &ctx->pal->text);
    }
}

static void
draw_heading (VpcRenderCtx  *ctx,
              const VpcRect *t)
{
  const VpcDesignInfo *info = ctx->info;
  const char *name = info->name != NULL && *info->name ? info->name : "Untitled design";
  double right_w = 260, left_w = t->w - right_w - 40;
  g_autofree char *facts = NULL;

  facts = g_strdup_printf ("Region %s  ·  Profile %s  ·  %s",
                           info->region != NULL ? info->region : "—",
                           vpc_profile_to_string (info->profile),
                           vpc_environment_to_string (info->environment));
  vpc_render_text (ctx, VPC_FONT_TITLE, name, t->x + 20, t->y + 14, left_w,
                   VPC_ALIGN_LEFT, &ctx->pal->text);
  vpc_render_text (ctx, VPC_FONT_LABEL, facts, t->x + 20, t->y + 46, left_w,
                   VPC_ALIGN_LEFT, &ctx->pal->text_dim);
  vpc_render_text (ctx, VPC_FONT_LABEL, info->description, t->x + 20, t->y + 62, left_w,
                   VPC_ALIGN_LEFT, &ctx->pal->text_dim);

  if (ctx->options->monthly_total != NULL)
    {
      vpc_render_text (ctx, VPC_FONT_SMALL, "Estimated monthly cost", t->x + t->w - right_w - 20,
                       t->y + 14, right_w, VPC_ALIGN_RIGHT, &ctx->pal->text_dim);
      vpc_render_text (ctx, VPC_FONT_TITLE, ctx->options->monthly_total,
                       t->x + t->w - right_w - 20, t->y + 28, right_w, VPC_ALIGN_RIGHT,
                       &ctx->pal->text);
    }
  vpc_render_text (ctx, VPC_FONT_SMALL, ctx->options->date, t->x + t->w - right_w - 20,
                   t->y + 62, right_w, VPC_ALIGN_RIGHT, &ctx->pal->text_dim);
}

void
vpc_render_title_block (VpcRenderCtx  *ctx,
                        const VpcRect *content)
{
  VpcRect t;

  vpc_render_title_rect (ctx->design, content, &t);
  if (!vpc_render_visible (ctx, &t, 0))
    return;
  vpc_painter_set_fill (ctx->p, &ctx->pal->panel, 1.0);
  vpc_painter_set_stroke (ctx->p, &ctx->pal->panel_border, 1.0, 1.0);
  vpc_painter_rect (ctx->p, t.x, t.y, t.w, t.h, 6);
  vpc_painter_line (ctx->p, t.x + LEGEND_PAD, t.y + HEAD_H - 0.5,
                    t.x + t.w - LEGEND_PAD, t.y + HEAD_H - 0.5);
  if (!ctx->detail)
    return;
  draw_heading (ctx, &t);
  draw_legend (ctx, &t);
}
