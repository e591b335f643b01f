/* SPDX-License-Identifier: GPL-3.0-or-later */
/* vpc-render-boxes.c: the grid, the VPC, AZ columns, subnets and the
 * markers of interface-endpoint network interfaces. */
#include <math.h>
#include <string.h>

#include "vpc-i18n.h"
#include "vpc-render-private.h"
#include "vpc-icons.h"

#define CORNER_TILE 26.0 /* group icon in a box's top-left corner */

void
vpc_render_grid (VpcRenderCtx *ctx)
{
  double step = ctx->options->grid_size > 0 ? ctx->options->grid_size : 20.0;
  double x0 = ctx->extents.x, y0 = ctx->extents.y;
  double x1 = x0 + ctx->extents.w, y1 = y0 + ctx->extents.h;

  /* Denser than one line per 6 device pixels is noise: coarsen. */
  while (step * ctx->scale < 6.0)
    step *= 5.0;
  if (ctx->culling)
    {
      x0 = MAX (x0, ctx->clip.x);
      y0 = MAX (y0, ctx->clip.y);
      x1 = MIN (x1, ctx->clip.x + ctx->clip.w);
      y1 = MIN (y1, ctx->clip.y + ctx->clip.h);
    }
  /* A line just past the edge still reaches into it by half its width:
   * with it, a view drawn alone and the same view cut from a larger one
   * (vpc-render-cache.c) are the same pixels. */
  x0 -= 0.5 / ctx->scale;
  y0 -= 0.5 / ctx->scale;
  x1 += 0.5 / ctx->scale;
  y1 += 0.5 / ctx->scale;
  vpc_painter_stroke_with (ctx->p, &ctx->pal->grid, 1.0 / ctx->scale);
  for (double x = floor (x0 / step) * step; x <= x1; x += step)
    vpc_painter_line (ctx->p, x, y0, x, y1);
  for (double y = floor (y0 / step) * step; y <= y1; y += step)
    vpc_painter_line (ctx->p, x0, y, x1, y);
}

/* A box's header: an icon tile in the corner, a bold name and a dim line. */
static void
box_header (VpcRenderCtx   *ctx,
            const VpcRect  *r,
            const VpcColor *color,
            const char     *icon,
            const char     *name,
            const char     *detail,
            double          right_reserve)
{
  double text_w = r->w - CORNER_TILE - 14 - right_reserve;

  vpc_painter_fill_with (ctx->p, color);
  vpc_painter_rect (ctx->p, r->x, r->y, CORNER_TILE, CORNER_TILE, 0);
  vpc_painter_icon (ctx->p, icon, r->x + 3, r->y + 3, CORNER_TILE - 6);
  vpc_render_text (ctx, VPC_FONT_BOX, name, r->x + CORNER_TILE + 8, r->y + 4,
                   text_w, VPC_ALIGN_LEFT, &ctx->pal->text);
  vpc_render_text (ctx, VPC_FONT_LABEL, detail, r->x + CORNER_TILE + 8, r->y + 21,
                   text_w, VPC_ALIGN_LEFT, &ctx->pal->text_dim);
}

void
vpc_render_vpc_box (VpcRenderCtx *ctx)
{
  const VpcRect *r = &ctx->info->vpc_layout;
  g_autofree char *detail = NULL;

  const char *name = ctx->info->vpc_name != NULL && *ctx->info->vpc_name != '\0'
                         ? ctx->info->vpc_name
                         : _("VPC");

  if (!ctx->info->has_vpc_layout || !vpc_render_visible (ctx, r, 4))
    return;
  /* The VPC has no id in the file: its group's is "vpc". */
  vpc_painter_begin_group (ctx->p, "vpcd-vpc", "vpc", name);
  vpc_painter_set_fill (ctx->p, &ctx->pal->vpc_fill, 1.0);
  vpc_painter_set_stroke (ctx->p, &ctx->pal->vpc, 1.0, vpc_render_line (ctx, 2.0));
  vpc_painter_rect (ctx->p, r->x, r->y, r->w, r->h, 0);
  if (ctx->detail)
    {
      /* TRANSLATORS: the VPC box's header; %s is its CIDR block. */
      detail
          = g_strdup_printf (_("VPC  %s"), ctx->info->vpc_cidr != NULL ? ctx->info->vpc_cidr : "");
      box_header (ctx, r, &ctx->pal->vpc, "vpc", name, detail, 0);
    }
  vpc_painter_end_group (ctx->p);
}

/* Strokes the visible parts of a rectangle's edges only, with the dash
 * phase kept in world units so the pattern does not crawl when scrolling:
 * dashing a 60,000-unit AZ whole would cost far more than the frame. */
static void
stroke_dashed_rect (VpcRenderCtx  *ctx,
                    const VpcRect *r,
                    const double  *dash,
                    int            n_dash)
{
  double corners[5][2] = {
    { r->x, r->y }, { r->x + r->w, r->y }, { r->x + r->w, r->y + r->h },
    { r->x, r->y + r->h }, { r->x, r->y },
  };

  for (int i = 0; i < 4; i++)
    {
      double x0 = corners[i][0], y0 = corners[i][1];
      double x1 = corners[i + 1][0], y1 = corners[i + 1][1];
      double sx = x0, sy = y0;

      if (!vpc_render_clip_segment (ctx, &x0, &y0, &x1, &y1))
        continue;
      vpc_painter_set_dash (ctx->p, dash, n_dash, fabs (x0 - sx) + fabs (y0 - sy));
      vpc_painter_line (ctx->p, x0, y0, x1, y1);
    }
  vpc_painter_set_dash (ctx->p, NULL, 0, 0);
}

void
vpc_render_azs (VpcRenderCtx *ctx)
{
  static const double dash[] = { 8.0, 5.0 };
  guint n = vpc_design_get_n_elements (ctx->design, VPC_KIND_AZ);
  double width = vpc_render_line (ctx, 1.5);

  for (guint i = 0; i < n; i++)
    {
      const VpcElement *az = vpc_render_element (ctx, VPC_KIND_AZ, i);
      const VpcRect *r = &az->layout;

      if (!az->has_layout || !vpc_render_visible (ctx, r, 4))
        continue;
      vpc_render_begin_element (ctx, az);
      vpc_painter_fill_with (ctx->p, &ctx->pal->az_fill);
      vpc_painter_rect (ctx->p, r->x, r->y, r->w, r->h, 0);
      vpc_painter_stroke_with (ctx->p, &ctx->pal->az, width);
      if (ctx->detail)
        stroke_dashed_rect (ctx, r, dash, G_N_ELEMENTS (dash));
      else
        vpc_painter_rect (ctx->p, r->x, r->y, r->w, r->h, 0);
      if (ctx->detail)
        {
          vpc_render_text (ctx, VPC_FONT_BOX, vpc_element_get_display_name (az),
                           r->x + 12, r->y + 12, r->w - 24, VPC_ALIGN_CENTER, &ctx->pal->az);
        }
      vpc_painter_end_group (ctx->p);
    }
}

static void
subnet_style (const VpcRenderCtx *ctx,
              VpcRoute            route,
              const VpcColor    **stroke,
              const VpcColor    **fill,
              const char        **icon,
              const char        **badge)
{
  switch (route)
    {
    case VPC_ROUTE_PUBLIC:
      *stroke = &ctx->pal->public_stroke;
      *fill = &ctx->pal->public_fill;
      *icon = "subnet-public";
      *badge = C_("subnet badge", "PUBLIC");
      break;
    case VPC_ROUTE_NAT:
      *stroke = &ctx->pal->nat_stroke;
      *fill = &ctx->pal->nat_fill;
      *icon = "subnet-nat";
      *badge = C_("subnet badge", "NAT");
      break;
    case VPC_ROUTE_PRIVATE:
    default:
      *stroke = &ctx->pal->private_stroke;
      *fill = &ctx->pal->private_fill;
      *icon = "subnet-private";
      *badge = C_("subnet badge", "PRIVATE");
      break;
    }
}

/* A pill at the top-right of a box; returns its width. */
static double
route_badge (VpcRenderCtx   *ctx,
             const VpcRect  *r,
             const VpcColor *color,
             const char     *text)
{
  double w = vpc_render_text_width (VPC_FONT_BADGE, text) + 12;
  double x = r->x + r->w - w - 14, y = r->y + 8;

  if (w + 14 > r->w / 2)
    return 0;
  vpc_painter_fill_with (ctx->p, color);
  vpc_painter_rect (ctx->p, x, y, w, 16, 8);
  vpc_render_text (ctx, VPC_FONT_BADGE, text, x, y + 2, w, VPC_ALIGN_CENTER, &ctx->pal->background);
  return w + 14;
}

static void
subnet_detail (VpcRenderCtx     *ctx,
               const VpcElement *sn)
{
  const VpcColor *stroke, *fill;
  const char *icon, *badge;
  double reserve;

  subnet_style (ctx, sn->route, &stroke, &fill, &icon, &badge);
  vpc_render_begin_element (ctx, sn);
  vpc_painter_set_fill (ctx->p, fill, 1.0);
  vpc_painter_set_stroke (ctx->p, stroke, 1.0, 1.25);
  vpc_painter_rect (ctx->p, sn->layout.x, sn->layout.y, sn->layout.w, sn->layout.h, 0);
  reserve = route_badge (ctx, &sn->layout, stroke, badge);
  box_header (ctx, &sn->layout, stroke, icon, vpc_element_get_display_name (sn),
              sn->cidr, reserve);
  vpc_painter_end_group (ctx->p);
}

/* At low zoom subnets are boxes only, drawn route by route as tiles: the
 * cairo painter writes them as pixels, the others batch each route into
 * one fill and one stroke. */
static void
subnets_simple (VpcRenderCtx *ctx)
{
  guint n = vpc_design_get_n_elements (ctx->design, VPC_KIND_SUBNET);
  g_autoptr(GArray) culled = vpc_render_cull (ctx, VPC_KIND_SUBNET, 2);
  double width = vpc_render_line (ctx, 1.25);

  for (VpcRoute route = VPC_ROUTE_PRIVATE; route <= VPC_ROUTE_PUBLIC; route++)
    {
      const VpcColor *stroke, *fill;
      const char *icon, *badge;

      subnet_style (ctx, route, &stroke, &fill, &icon, &badge);
      for (guint j = 0; j < VPC_RENDER_COUNT (culled, n); j++)
        {
          const VpcElement *sn
              = vpc_render_element (ctx, VPC_KIND_SUBNET, VPC_RENDER_NTH (culled, j));
          if (sn->route != route || !sn->has_layout || !vpc_render_visible (ctx, &sn->layout, 2))
            continue;
          vpc_painter_tile (ctx->p, sn->layout.x, sn->layout.y, sn->layout.w, sn->layout.h, fill,
                            stroke, width);
        }
    }
}

void
vpc_render_subnets (VpcRenderCtx *ctx)
{
  guint n = vpc_design_get_n_elements (ctx->design, VPC_KIND_SUBNET);
  g_autoptr(GArray) culled = NULL;

  if (!ctx->detail)
    {
      subnets_simple (ctx);
      return;
    }
  culled = vpc_render_cull (ctx, VPC_KIND_SUBNET, 12);
  for (guint j = 0; j < VPC_RENDER_COUNT (culled, n); j++)
    {
      const VpcElement *sn = vpc_render_element (ctx, VPC_KIND_SUBNET, VPC_RENDER_NTH (culled, j));
      if (sn->has_layout && vpc_render_visible (ctx, &sn->layout, 12))
        subnet_detail (ctx, sn);
    }
}

static void
draw_eni (const VpcElement *endpoint,
          const VpcElement *subnet,
          const VpcRect    *m,
          gpointer          data)
{
  VpcRenderCtx *ctx = data;
  g_autofree char *id = NULL;
  g_autofree char *title = NULL;

  /* Hidden with its endpoint or subnet (a presentation step). */
  if (!vpc_render_visible (ctx, m, 2) || !vpc_render_shadow (ctx, endpoint)->has_layout ||
      !vpc_render_shadow (ctx, subnet)->has_layout)
    return;
  id = g_strdup_printf ("%s/%s", endpoint->id, subnet->id);
  title
      = g_strdup_printf (_("%s: network interface in %s"), vpc_element_get_display_name (endpoint),
                         vpc_element_get_display_name (subnet));
  vpc_painter_begin_group (ctx->p, "vpcd-eni", id, title);
  /* A small card in the subnet with the endpoint's service glyph. */
  vpc_painter_fill_with (ctx->p, &ctx->pal->networking);
  vpc_painter_rect (ctx->p, m->x, m->y, m->w, m->h, 3);
  vpc_painter_icon (ctx->p, vpc_render_service_icon (endpoint->service),
                    m->x + 2.5, m->y + 2.5, m->w - 5);
  vpc_painter_end_group (ctx->p);
}

void
vpc_render_enis (VpcRenderCtx *ctx)
{
  if (ctx->detail)
    vpc_render_foreach_eni (ctx, draw_eni, ctx);
}
