/* SPDX-License-Identifier: GPL-3.0-or-later */
/* vpc-render-items.c: icon elements (workloads, endpoints, NAT gateways,
 * security groups), the lines that tie them to subnets, finding outlines
 * and badges, and selection/hover highlights. */
#include <math.h>
#include <string.h>

#include "vpc-i18n.h"
#include "vpc-render-private.h"
#include "vpc-icons.h"

typedef struct
{
  const char     *icon;
  const VpcColor *color;
  gboolean        round;    /* gateway endpoints are round tiles */
  const char     *subtitle;
} ItemStyle;

static const char *
workload_icon (VpcWorkloadKind kind)
{
  static const char *const names[VPC_N_WORKLOAD_KINDS] = {
    [VPC_WORKLOAD_TRAINING_JOB] = "training-job",
    [VPC_WORKLOAD_PROCESSING_JOB] = "processing-job",
    [VPC_WORKLOAD_BATCH_TRANSFORM] = "batch-transform",
    [VPC_WORKLOAD_REALTIME_ENDPOINT] = "realtime-endpoint",
    [VPC_WORKLOAD_NOTEBOOK_INSTANCE] = "notebook-instance",
    [VPC_WORKLOAD_STUDIO_DOMAIN] = "studio-domain",
    [VPC_WORKLOAD_CLIENT] = "client",
  };
  return kind < VPC_N_WORKLOAD_KINDS ? names[kind] : "client";
}

/* The glyph of an endpoint's service: its own for the common services,
 * else the generic endpoint plug. */
const char *
vpc_render_service_icon (const char *service)
{
  static const struct { const char *prefix; const char *icon; } table[] = {
    { "s3", "svc-s3" },
    { "dynamodb", "svc-dynamodb" },
    { "ecr.", "svc-ecr" },
    { "logs", "svc-logs" },
    { "monitoring", "svc-monitoring" },
    { "sagemaker.api", "svc-api" },
    { "sagemaker.runtime", "svc-runtime" },
    { "sts", "svc-sts" },
    { "kms", "svc-sts" },
    { "secretsmanager", "svc-sts" },
    { "notebook", "notebook-instance" },
    { "studio", "studio-domain" },
  };

  if (service == NULL)
    return "endpoint";
  for (guint i = 0; i < G_N_ELEMENTS (table); i++)
    if (g_str_has_prefix (service, table[i].prefix))
      return table[i].icon;
  return "endpoint";
}

/* The tile's colour: all a low-zoom frame needs (item_style() also looks
 * up icons and translates subtitles, a quarter of a zoomed-out frame of
 * 100,000 elements). */
static const VpcColor *
kind_color (const VpcRenderCtx *ctx,
            VpcKind             kind,
            gboolean            client)
{
  const VpcThemeColors *pal = ctx->pal;

  switch (kind)
    {
    case VPC_KIND_WORKLOAD:
      return client ? &pal->client : &pal->ml;
    case VPC_KIND_ENDPOINT:
    case VPC_KIND_NAT_GATEWAY:
      return &pal->networking;
    case VPC_KIND_SECURITY_GROUP:
    default:
      return &pal->security_group;
    }
}

static const VpcColor *
item_color (const VpcRenderCtx *ctx,
            const VpcElement   *e)
{
  return kind_color (ctx, e->kind, e->workload_kind == VPC_WORKLOAD_CLIENT);
}

static void
item_style (const VpcRenderCtx *ctx,
            const VpcElement   *e,
            ItemStyle          *style)
{
  style->round = FALSE;
  style->color = item_color (ctx, e);
  switch (e->kind)
    {
    case VPC_KIND_WORKLOAD:
      style->icon = workload_icon (e->workload_kind);
      style->subtitle = vpc_workload_kind_to_label (e->workload_kind);
      break;
    case VPC_KIND_ENDPOINT:
      style->icon = vpc_render_service_icon (e->service);
      style->round = e->endpoint_type == VPC_ENDPOINT_GATEWAY;
      style->subtitle = e->service;
      break;
    case VPC_KIND_NAT_GATEWAY:
      style->icon = "nat-gateway";
      style->subtitle = _("NAT gateway");
      break;
    case VPC_KIND_SECURITY_GROUP:
    default:
      style->icon = "security-group";
      style->subtitle = _("security group");
      break;
    }
}

static void
tile_shape (VpcPainter    *p,
            const VpcRect *t,
            gboolean       round)
{
  if (round)
    vpc_painter_circle (p, t->x + t->w / 2, t->y + t->h / 2, t->w / 2);
  else
    vpc_painter_rect (p, t->x, t->y, t->w, t->h, t->w * 0.18);
}

/* Interface endpoints carry a network card's edge along the tile's bottom;
 * gateway endpoints are round with a ring, like a gate in the route table. */
static void
endpoint_type_marker (VpcRenderCtx     *ctx,
                      const VpcElement *e,
                      const VpcRect    *t)
{
  double cx = t->x + t->w / 2;

  if (e->endpoint_type == VPC_ENDPOINT_GATEWAY)
    {
      vpc_painter_stroke_with (ctx->p, &ctx->pal->networking, 1.5);
      vpc_painter_circle (ctx->p, cx, t->y + t->h / 2, t->w / 2 + 3.5);
      return;
    }
  vpc_painter_fill_with (ctx->p, &ctx->pal->background);
  vpc_painter_rect (ctx->p, cx - 11, t->y + t->h - 4, 22, 8, 2);
  vpc_painter_fill_with (ctx->p, &ctx->pal->networking);
  vpc_painter_rect (ctx->p, cx - 9.5, t->y + t->h - 2.5, 19, 5, 1.5);
}

/* A security group's number (1, 2, …: its place in the design), which its
 * chip and its members' chips show, so that a reader of a printed page
 * sees who shares which group. */
static guint
group_number (VpcRenderCtx *ctx,
              const char   *id)
{
  int index = vpc_design_index_of (ctx->design, id);

  return index >= 0 ? (guint) index + 1 : 0;
}

/* A pill "SG2" at (x, y), its left end: unlike the round finding badges. */
static void
number_chip (VpcRenderCtx *ctx,
             double        x,
             double        cy,
             guint         number)
{
  char text[8] = "SG", zeros[8] = "SG";
  guint digits = number >= 100 ? 3 : number >= 10 ? 2 : 1;
  double w;

  /* By hand: printf was a third of the chips' time. */
  number = MIN (number, 999u);
  for (guint i = digits; i > 0; i--, number /= 10)
    text[1 + i] = (char) ('0' + number % 10);
  memset (zeros + 2, '0', digits);
  text[2 + digits] = zeros[2 + digits] = '\0';
  /* Every digit of our font is as wide as "0" and kerns with nothing
   * (/render/chip-widths): the width is measured once per number of
   * digits, not shaped for each group (a thousand at 10,000 elements). */
  w = vpc_render_text_width (VPC_FONT_BADGE,
                             vpc_render_font_is_ours (VPC_FONT_BADGE) ? zeros : text)
      + 8;
  vpc_painter_fill_with (ctx->p, &ctx->pal->background);
  vpc_painter_rect (ctx->p, x - 1.5, cy - 8.5, w + 3, 17, 5);
  vpc_painter_fill_with (ctx->p, &ctx->pal->security_group);
  vpc_painter_rect (ctx->p, x, cy - 7, w, 14, 4);
  vpc_render_text (ctx, VPC_FONT_BADGE, text, x, cy - 6 * vpc_render_text_get_scale (), w,
                   VPC_ALIGN_CENTER, &ctx->pal->icon_glyph);
}

/* Chips down the tile's left edge, one per group of the member. */
#define MAX_CHIPS 3

static void
security_chips (VpcRenderCtx     *ctx,
                const VpcElement *e,
                const VpcRect    *t)
{
  guint n = e->security_groups != NULL ? e->security_groups->len : 0;

  for (guint i = 0; i < MIN (n, MAX_CHIPS); i++)
    number_chip (ctx, t->x - 8, t->y + 1 + i * 17,
                 group_number (ctx, g_ptr_array_index (e->security_groups, i)));
}

/* "in: tcp 443 from self · out: all to 0.0.0.0/0": what a group lets in
 * and out, for the line under its name. */
static char *
rules_summary (VpcRenderCtx     *ctx,
               const VpcElement *group)
{
  GString *text = g_string_new (NULL);

  for (int egress = 0; egress < 2; egress++)
    {
      const GArray *rules = egress ? group->egress : group->ingress;
      guint n = rules != NULL ? rules->len : 0;

      g_string_append_printf (text, "%s%s", egress ? " · " : "", egress ? _("out:") : _("in:"));
      if (n == 0)
        g_string_append_printf (text, " %s", _("nothing"));
      for (guint i = 0; i < n; i++)
        {
          const VpcSgRule *rule = &g_array_index (rules, VpcSgRule, i);
          const VpcElement *peer = vpc_design_lookup (ctx->design, rule->peer);
          g_autofree char *ports = vpc_sg_rule_ports_to_string (rule);
          gboolean          ported
              = rule->protocol == VPC_PROTOCOL_TCP || rule->protocol == VPC_PROTOCOL_UDP;

          g_string_append_printf (text, "%s %s%s%s %s %s", i > 0 ? "," : "",
                                  vpc_protocol_to_string (rule->protocol), ported ? " " : "",
                                  ported ? ports : "", egress ? _("to") : _("from"),
                                  peer != NULL ? vpc_element_get_display_name (peer) : rule->peer);
        }
    }
  return g_string_free (text, FALSE);
}

static void
item_detail (VpcRenderCtx     *ctx,
             const VpcElement *e)
{
  const VpcRect *r = &e->layout;
  ItemStyle style;
  VpcRect t;
  double label_w = r->w + 2 * VPC_LABEL_SPILL, y, name_h;
  g_autofree char *summary = NULL;

  item_style (ctx, e, &style);
  vpc_render_tile_rect (e, &t);
  if (e->kind == VPC_KIND_SECURITY_GROUP)
    summary = rules_summary (ctx, e);
  vpc_render_begin_element (ctx, e);
  vpc_painter_fill_with (ctx->p, style.color);
  tile_shape (ctx->p, &t, style.round);
  vpc_painter_icon (ctx->p, style.icon, t.x + t.w * 0.17, t.y + t.h * 0.17, t.w * 0.66);
  if (e->kind == VPC_KIND_ENDPOINT)
    endpoint_type_marker (ctx, e, &t);
  if (e->kind == VPC_KIND_WORKLOAD
      || (e->kind == VPC_KIND_ENDPOINT && e->endpoint_type == VPC_ENDPOINT_INTERFACE))
    security_chips (ctx, e, &t);
  else if (e->kind == VPC_KIND_SECURITY_GROUP)
    number_chip (ctx, t.x - 8, t.y + 1, group_number (ctx, e->id));

  /* The name on up to two lines, the kind under the lines it took. */
  y = t.y + t.h + VPC_GEOMETRY_LABEL_GAP;
  name_h = vpc_render_text_lines (ctx, VPC_FONT_LABEL, vpc_element_get_display_name (e),
                                  r->x - VPC_LABEL_SPILL, y, label_w, VPC_GEOMETRY_LABEL_LINES,
                                  VPC_GEOMETRY_NAME_LINE_H, VPC_ALIGN_CENTER, &ctx->pal->text);
  /* A group's rules may take the line its name left free; their own
   * <title> holds them whole where the lines cut them. */
  if (summary != NULL)
    vpc_painter_begin_group (ctx->p, "vpcd-rules", NULL, summary);
  vpc_render_text_lines (ctx, VPC_FONT_SMALL, summary != NULL ? summary : style.subtitle,
                         r->x - VPC_LABEL_SPILL, y + name_h, label_w,
                         summary != NULL
                                 && name_h < (VPC_GEOMETRY_LABEL_LINES - 0.5)
                                                 * VPC_GEOMETRY_NAME_LINE_H
                                                 * vpc_render_text_get_scale ()
                             ? 2
                             : 1,
                         VPC_GEOMETRY_KIND_LINE_H, VPC_ALIGN_CENTER, &ctx->pal->text_dim);
  if (summary != NULL)
    vpc_painter_end_group (ctx->p);
  vpc_painter_end_group (ctx->p);
}

/* Low zoom: tiles only (the cairo painter writes them as pixels). */
static void
items_simple (VpcRenderCtx *ctx,
              VpcKind       kind)
{
  guint n = vpc_design_get_n_elements (ctx->design, kind);
  g_autoptr(GArray) boxes = vpc_render_all_boxes (ctx, kind);
  g_autoptr(GArray) culled = NULL;

  for (guint j = 0; boxes != NULL && j < boxes->len; j++)
    {
      const VpcRenderBox *box = &g_array_index (boxes, VpcRenderBox, j);
      VpcRect t;

      if (!vpc_render_visible (ctx, &box->layout, 2))
        continue;
      vpc_render_tile_of_box (&box->layout, &t);
      vpc_painter_tile (ctx->p, t.x, t.y, t.w, t.h, kind_color (ctx, kind, box->client), NULL, 0);
    }
  if (boxes != NULL)
    return;
  culled = vpc_render_cull (ctx, kind, 2);
  for (guint j = 0; j < VPC_RENDER_COUNT (culled, n); j++)
    {
      const VpcElement *e = vpc_render_element (ctx, kind, VPC_RENDER_NTH (culled, j));
      VpcRect t;

      if (!e->has_layout || !vpc_render_visible (ctx, &e->layout, 2))
        continue;
      vpc_render_tile_rect (e, &t);
      vpc_painter_tile (ctx->p, t.x, t.y, t.w, t.h, item_color (ctx, e), NULL, 0);
    }
}

void
vpc_render_items (VpcRenderCtx *ctx)
{
  static const VpcKind order[] = {
    VPC_KIND_SECURITY_GROUP, VPC_KIND_ENDPOINT, VPC_KIND_NAT_GATEWAY, VPC_KIND_WORKLOAD,
  };

  for (guint k = 0; k < G_N_ELEMENTS (order); k++)
    {
      guint n = vpc_design_get_n_elements (ctx->design, order[k]);
      g_autoptr(GArray) culled = NULL;

      if (!ctx->detail)
        {
          items_simple (ctx, order[k]);
          continue;
        }
      culled = vpc_render_cull (ctx, order[k], VPC_LABEL_SPILL);
      for (guint j = 0; j < VPC_RENDER_COUNT (culled, n); j++)
        {
          const VpcElement *e = vpc_render_element (ctx, order[k], VPC_RENDER_NTH (culled, j));
          if (e->has_layout && vpc_render_visible (ctx, &e->layout, VPC_LABEL_SPILL))
            item_detail (ctx, e);
        }
    }
}

/* ---- connectors ---- */

static gboolean
is_highlighted (const VpcRenderCtx *ctx,
                const char         *id)
{
  return g_strcmp0 (ctx->options->hover_id, id) == 0 || vpc_render_is_selected (ctx, id);
}

typedef struct
{
  const VpcRenderCtx *ctx;
  gboolean            linked; /* every interface link, not only highlighted ones */
} WantLinks;

static gboolean
want_highlighted (VpcLinkKind       kind,
                  const VpcElement *icon,
                  const VpcElement *subnet,
                  gpointer          data)
{
  return kind == VPC_LINK_INTERFACE
         && (is_highlighted (data, icon->id) || is_highlighted (data, subnet->id));
}

static gboolean
want_link (VpcLinkKind       kind,
           const VpcElement *icon,
           const VpcElement *subnet,
           gpointer          data)
{
  const WantLinks *want = data;

  return kind != VPC_LINK_INTERFACE || want->linked ||
         is_highlighted (want->ctx, icon->id) || is_highlighted (want->ctx, subnet->id);
}

/* Every connector drawn for @ctx, as data (vpc-render-routes.h). Past
 * VPC_ROUTES_MAX_LINKED_ENDPOINTS interface endpoints, interface links are
 * drawn for the hovered or selected endpoint or subnet only. Without view
 * state the design's own routes serve (routed once per change); the
 * highlighted interfaces are routed after them, so that hovering moves no
 * other line. */
/* The highlighted interfaces' routes, past the limit (else NULL): routed
 * after the design's own, so that hovering moves no other line. */
static GPtrArray *
highlighted_routes (const VpcRenderCtx *ctx,
                    gboolean            linked)
{
  VpcRoutesOptions options;

  if (linked || (ctx->options->hover_id == NULL &&
                 (ctx->options->selection == NULL ||
                  g_hash_table_size (ctx->options->selection) == 0)))
    return NULL;
  vpc_render_routes_options (ctx, &options);
  options.want = want_highlighted;
  options.want_data = (gpointer) ctx;
  return vpc_routes_compute (ctx->design, &options);
}

GPtrArray *
vpc_render_routes (const VpcRenderCtx *ctx)
{
  WantLinks want = { ctx, vpc_routes_link_interfaces (ctx->design) };
  g_autoptr(GPtrArray) highlighted = NULL;
  VpcRoutesOptions options;
  GPtrArray *cached, *routes;

  vpc_render_routes_options (ctx, &options);
  if (options.shadow != NULL)
    {
      /* A drag preview: this frame only. */
      options.want = want_link;
      options.want_data = &want;
      return vpc_routes_compute (ctx->design, &options);
    }
  vpc_routes_get_cached (ctx->design, &options, &cached);
  routes = g_ptr_array_new_full (cached->len, (GDestroyNotify) vpc_link_route_free);
  for (guint i = 0; i < cached->len; i++)
    g_ptr_array_add (routes, vpc_link_route_copy (g_ptr_array_index (cached, i)));
  highlighted = highlighted_routes (ctx, want.linked);
  for (guint i = 0; highlighted != NULL && i < highlighted->len; i++)
    g_ptr_array_add (routes, g_steal_pointer (&g_ptr_array_index (highlighted, i)));
  if (highlighted != NULL)
    g_ptr_array_set_free_func (highlighted, NULL);
  return routes;
}

/* The router's options for an export's connectors. */
static void
routes_options_of (const VpcRenderOptions *options,
                   VpcRoutesOptions       *routes_options)
{
  vpc_render_routes_options (NULL, routes_options);
  if (options != NULL && options->text_scale > 0)
    {
      routes_options->text_scale = options->text_scale;
      routes_options->subnet_header *= CLAMP (options->text_scale, 1.0, 2.0);
    }
}

GPtrArray *
vpc_render_routes_of (VpcDesign              *design,
                      const VpcRenderOptions *options)
{
  VpcRoutesOptions routes_options;
  GPtrArray *cached;

  routes_options_of (options, &routes_options);
  vpc_routes_get_cached (design, &routes_options, &cached);
  return g_ptr_array_ref (cached);
}

guint
vpc_render_route_kinds_of (VpcDesign              *design,
                           const VpcRenderOptions *options)
{
  VpcRoutesOptions routes_options;

  routes_options_of (options, &routes_options);
  return vpc_routes_get_kinds (design, &routes_options);
}

typedef struct
{
  const VpcColor *color;
  double          alpha, width;
  gboolean        dashed;
} LinkStyle;

static void
link_style (const VpcRenderCtx *ctx,
            VpcLinkKind         kind,
            LinkStyle          *style)
{
  switch (kind)
    {
    case VPC_LINK_INTERFACE:
      *style = (LinkStyle) { &ctx->pal->networking, 0.45, 1.0, FALSE };
      break;
    case VPC_LINK_GATEWAY:
      *style = (LinkStyle) { &ctx->pal->networking, 0.6, 1.0, TRUE };
      break;
    case VPC_LINK_NAT:
      *style = (LinkStyle) { &ctx->pal->networking, 0.8, 1.0, FALSE };
      break;
    case VPC_LINK_WORKLOAD:
    default:
      *style = (LinkStyle) { &ctx->pal->ml, 0.8, 1.5, FALSE };
      break;
    }
}

void
vpc_render_link_swatch (VpcRenderCtx *ctx,
                        VpcLinkKind   kind,
                        double        x0,
                        double        y,
                        double        x1)
{
  static const double dash[] = { 5.0, 4.0 };
  LinkStyle style;

  link_style (ctx, kind, &style);
  vpc_painter_set_fill (ctx->p, NULL, 0);
  vpc_painter_set_stroke (ctx->p, style.color, MAX (style.alpha, 0.6), style.width + 0.5);
  if (style.dashed)
    vpc_painter_set_dash (ctx->p, dash, G_N_ELEMENTS (dash), 0);
  vpc_painter_line (ctx->p, x0, y, x1, y);
  if (style.dashed)
    vpc_painter_set_dash (ctx->p, NULL, 0, 0);
}

void
vpc_render_route_bounds (const VpcLinkRoute *route,
                         VpcRect            *r)
{
  double x0 = G_MAXDOUBLE, y0 = G_MAXDOUBLE, x1 = -G_MAXDOUBLE, y1 = -G_MAXDOUBLE;

  for (guint i = 0; i < route->n_points; i++)
    {
      x0 = MIN (x0, route->points[i].x);
      y0 = MIN (y0, route->points[i].y);
      x1 = MAX (x1, route->points[i].x);
      y1 = MAX (y1, route->points[i].y);
    }
  *r = (VpcRect) { x0, y0, x1 - x0, y1 - y0 };
}

/* One connector: its segments, clipped to what is visible, inside the
 * link's group (format.md §7). Dashes run on across the bends. */
static void
draw_route (VpcRenderCtx       *ctx,
            const VpcLinkRoute *route)
{
  static const double dash[] = { 5.0, 4.0 };
  LinkStyle style;
  double along = 0;

  link_style (ctx, route->kind, &style);
  vpc_painter_begin_link (ctx->p, route->from, route->to);
  vpc_painter_set_fill (ctx->p, NULL, 0);
  vpc_painter_set_stroke (ctx->p, style.color, style.alpha, style.width);
  for (guint i = 0; i + 1 < route->n_points; i++)
    {
      double x0 = route->points[i].x, y0 = route->points[i].y;
      double x1 = route->points[i + 1].x, y1 = route->points[i + 1].y;
      double sx = x0, sy = y0, length = hypot (x1 - x0, y1 - y0);

      if (vpc_render_clip_segment (ctx, &x0, &y0, &x1, &y1))
        {
          if (style.dashed)
            vpc_painter_set_dash (ctx->p, dash, G_N_ELEMENTS (dash),
                                  fmod (along + hypot (x0 - sx, y0 - sy), dash[0] + dash[1]));
          vpc_painter_line (ctx->p, x0, y0, x1, y1);
        }
      along += length;
    }
  if (style.dashed)
    vpc_painter_set_dash (ctx->p, NULL, 0, 0);
  vpc_painter_end_group (ctx->p);
}

/* A dot where a line meets its subnet's border. */
static void
draw_port (VpcRenderCtx       *ctx,
           const VpcLinkRoute *route)
{
  const VpcPoint *end = &route->points[route->n_points - 1];
  VpcRect dot = { end->x - 3, end->y - 3, 6, 6 };
  LinkStyle style;

  if (!route->end_dot || !vpc_render_visible (ctx, &dot, 2))
    return;
  link_style (ctx, route->kind, &style);
  vpc_painter_set_stroke (ctx->p, NULL, 0, 0);
  vpc_painter_set_fill (ctx->p, style.color, MAX (style.alpha, 0.8));
  vpc_painter_circle (ctx->p, end->x, end->y, 3.0);
}

/* Solid hairlines but for gateway endpoints, each segment clipped to the
 * view: dashing long lines makes cairo tessellate every dash, which costs
 * seconds and gigabytes on large PDF/SVG pages. */
static void
draw_lines (VpcRenderCtx *ctx,
            GPtrArray    *routes,
            GArray       *culled)
{
  for (guint j = 0; j < VPC_RENDER_COUNT (culled, routes->len); j++)
    {
      const VpcLinkRoute *route = g_ptr_array_index (routes, VPC_RENDER_NTH (culled, j));
      VpcRect bounds;

      vpc_render_route_bounds (route, &bounds);
      if (vpc_render_visible (ctx, &bounds, 4))
        draw_route (ctx, route);
    }
}

static void
draw_ports (VpcRenderCtx *ctx,
            GPtrArray    *routes,
            GArray       *culled)
{
  for (guint j = 0; j < VPC_RENDER_COUNT (culled, routes->len); j++)
    draw_port (ctx, g_ptr_array_index (routes, VPC_RENDER_NTH (culled, j)));
}

/* Whether @route ends at an element drawn with a stand-in. */
static gboolean
route_touches_shadow (const VpcRenderCtx *ctx,
                      const VpcLinkRoute *route)
{
  const char *slash;

  if (g_hash_table_contains (ctx->shadows, route->from) ||
      g_hash_table_contains (ctx->shadows, route->to))
    return TRUE;
  /* An interface runs from "ENDPOINT/SUBNET". */
  slash = route->kind == VPC_LINK_INTERFACE ? strchr (route->from, '/') : NULL;
  return slash != NULL && g_hash_table_contains (ctx->shadows, slash + 1);
}

/* A drag preview of a large design: the kept routes near the view but
 * those of what is dragged, which are routed for this frame (routing
 * 100,000 elements took 0.4 s a frame). FALSE for a smaller design. */
static gboolean
draw_preview_connectors (VpcRenderCtx           *ctx,
                         const VpcRoutesOptions *options)
{
  VpcRoutesOptions preview = *options;
  g_autoptr(GPtrArray) moved = NULL;
  g_autoptr(GArray) culled = NULL, kept_drawn = NULL;
  GPtrArray *kept = NULL;

  preview.want = want_highlighted;
  preview.want_data = (gpointer) ctx;
  moved = vpc_routes_preview (ctx->design, &preview, ctx->shadows, &kept);
  if (moved == NULL)
    return FALSE;
  culled = vpc_render_cull_routes (ctx, kept, 8);
  kept_drawn = g_array_new (FALSE, FALSE, sizeof (guint));
  for (guint j = 0; j < VPC_RENDER_COUNT (culled, kept->len); j++)
    {
      guint k = VPC_RENDER_NTH (culled, j);

      if (!route_touches_shadow (ctx, g_ptr_array_index (kept, k)))
        g_array_append_val (kept_drawn, k);
    }
  draw_lines (ctx, kept, kept_drawn);
  draw_lines (ctx, moved, NULL);
  draw_ports (ctx, kept, kept_drawn);
  draw_ports (ctx, moved, NULL);
  return TRUE;
}

/* The design's own routes are drawn from its cache, those near the view
 * only; a drag preview's are routed for this frame. */
void
vpc_render_connectors (VpcRenderCtx *ctx)
{
  g_autoptr(GPtrArray) highlighted = NULL;
  g_autoptr(GArray) culled = NULL;
  VpcRoutesOptions options;
  GPtrArray *cached;

  if (!ctx->detail || vpc_render_connectors_wait (ctx))
    return;
  vpc_render_routes_options (ctx, &options);
  if (options.shadow != NULL)
    {
      g_autoptr(GPtrArray) routes = NULL;

      if (draw_preview_connectors (ctx, &options))
        return;
      routes = vpc_render_routes (ctx);
      draw_lines (ctx, routes, NULL);
      draw_ports (ctx, routes, NULL);
      return;
    }
  vpc_routes_get_cached (ctx->design, &options, &cached);
  culled = vpc_render_cull_routes (ctx, cached, 8);
  highlighted = highlighted_routes (ctx, vpc_routes_link_interfaces (ctx->design));
  draw_lines (ctx, cached, culled);
  if (highlighted != NULL)
    draw_lines (ctx, highlighted, NULL);
  draw_ports (ctx, cached, culled);
  if (highlighted != NULL)
    draw_ports (ctx, highlighted, NULL);
}

/* ---- findings, selection, hover ---- */

static double
badge_radius (const VpcRenderCtx *ctx)
{
  return ctx->detail ? 9.0 : MAX (9.0, 4.0 / ctx->scale);
}

static const VpcColor *
mark_color (const VpcRenderCtx *ctx,
            guint               mark)
{
  return VPC_MARK_ERRORS (mark) > 0 ? &ctx->pal->error : &ctx->pal->warning;
}

/* A badge in three layers, so that a page of badges is three runs of one
 * style each: the background ring, the coloured disc, the count. */
typedef enum {
  BADGE_RING,
  BADGE_DISC,
  BADGE_COUNT,
} BadgeLayer;

static void
badge_layer (VpcRenderCtx *ctx,
             double        cx,
             double        cy,
             guint         mark,
             BadgeLayer    layer)
{
  guint errors = VPC_MARK_ERRORS (mark), warnings = VPC_MARK_WARNINGS (mark);
  double radius = badge_radius (ctx);
  char count[16];

  switch (layer)
    {
    case BADGE_RING:
      /* At low zoom the disc covers the ring. */
      if (!ctx->detail)
        return;
      vpc_painter_fill_with (ctx->p, &ctx->pal->background);
      vpc_painter_circle (ctx->p, cx, cy, radius + (ctx->detail ? 1.5 : 0));
      break;
    case BADGE_DISC:
      /* At low zoom the cairo painter writes the discs as pixels. */
      if (!ctx->detail)
        {
          vpc_painter_dot (ctx->p, cx, cy, radius, mark_color (ctx, mark));
          break;
        }
      vpc_painter_fill_with (ctx->p, mark_color (ctx, mark));
      vpc_painter_circle (ctx->p, cx, cy, radius);
      break;
    case BADGE_COUNT:
    default:
      if (!ctx->detail)
        return;
      g_snprintf (count, sizeof count, "%u", MIN (errors > 0 ? errors : warnings, 99u));
      vpc_render_text (ctx, VPC_FONT_BADGE, count, cx - radius, cy - 6, 2 * radius,
                       VPC_ALIGN_CENTER, &ctx->pal->icon_glyph);
      break;
    }
}

void
vpc_render_badge (VpcRenderCtx *ctx,
                  double        cx,
                  double        cy,
                  guint         mark)
{
  for (BadgeLayer l = BADGE_RING; l <= BADGE_COUNT; l++)
    badge_layer (ctx, cx, cy, mark, l);
}

/* The rectangle a highlight goes around: the tile of an icon, the box. */
static void
outline_rect (const VpcElement *e,
              VpcRect          *r,
              gboolean         *round)
{
  *round = FALSE;
  if (e->kind == VPC_KIND_AZ || e->kind == VPC_KIND_SUBNET)
    {
      *r = e->layout;
      return;
    }
  vpc_render_tile_rect (e, r);
  *round = e->kind == VPC_KIND_ENDPOINT && e->endpoint_type == VPC_ENDPOINT_GATEWAY;
}

static void
outline (VpcRenderCtx   *ctx,
         const VpcRect  *r,
         gboolean        round,
         double          gap,
         double          width,
         const VpcColor *color)
{
  VpcRect o = { r->x - gap, r->y - gap, r->w + 2 * gap, r->h + 2 * gap };
  double w = vpc_render_line (ctx, width);

  /* At low zoom tiles are plain squares (items_simple), and so are their
   * outlines: the band a stroke of @o would cover, as a tile's border
   * (the cairo painter writes it as pixels). */
  if (!ctx->detail)
    {
      vpc_painter_tile (ctx->p, o.x - w / 2, o.y - w / 2, o.w + w, o.h + w, NULL, color, w);
      return;
    }
  vpc_painter_stroke_with (ctx->p, color, w);
  if (r->w > 2 * VPC_TILE)
    vpc_painter_rect (ctx->p, o.x, o.y, o.w, o.h, 4);
  else
    tile_shape (ctx->p, &o, round);
}

static const VpcKind mark_order[] = {
  VPC_KIND_AZ, VPC_KIND_SUBNET, VPC_KIND_SECURITY_GROUP, VPC_KIND_ENDPOINT,
  VPC_KIND_NAT_GATEWAY, VPC_KIND_WORKLOAD,
};

/* An element with findings, as its marks are drawn. */
typedef struct
{
  VpcRect  layout; /* its box, for the visibility test */
  VpcRect  r;      /* outline_rect() */
  gboolean round;
  guint    mark;
} Marked;

/* The elements with findings in drawing order, those near the clip only
 * unless @all. */
static GArray *
marked_elements (VpcRenderCtx *ctx,
                 gboolean      all)
{
  GArray *marked = g_array_new (FALSE, FALSE, sizeof (Marked));

  for (guint k = 0; k < G_N_ELEMENTS (mark_order); k++)
    {
      g_autoptr(GArray) culled = all ? NULL : vpc_render_cull (ctx, mark_order[k], 12);
      guint n = vpc_design_get_n_elements (ctx->design, mark_order[k]);

      for (guint j = 0; j < VPC_RENDER_COUNT (culled, n); j++)
        {
          const VpcElement *e = vpc_render_element (ctx, mark_order[k], VPC_RENDER_NTH (culled, j));
          Marked m;

          /* The cheap test first: a PNG band asks about every element. */
          if (!e->has_layout || (!all && !vpc_render_visible (ctx, &e->layout, 12)) ||
              (m.mark = vpc_render_mark_of (ctx, e->id)) == 0)
            continue;
          m.layout = e->layout;
          outline_rect (e, &m.r, &m.round);
          g_array_append_val (marked, m);
        }
    }
  return marked;
}

static GArray *
all_marked_elements (VpcRenderCtx *ctx)
{
  return marked_elements (ctx, TRUE);
}

/* Pass 0 draws the outlines of one severity, errors then warnings (each a
 * run of one style), passes 1–3 the badge layers over all of them. */
static void
marks_pass (VpcRenderCtx *ctx,
            GArray       *marked,
            int           pass,
            gboolean      errors)
{
  guint vpc_mark = vpc_render_mark_of (ctx, "");

  if (vpc_mark != 0 && ctx->info->has_vpc_layout)
    {
      const VpcRect *r = &ctx->info->vpc_layout;

      if (pass > 0)
        badge_layer (ctx, r->x + r->w, r->y, vpc_mark, pass - 1);
      else if ((VPC_MARK_ERRORS (vpc_mark) > 0) == errors)
        outline (ctx, r, FALSE, 0, 3, mark_color (ctx, vpc_mark));
    }
  for (guint i = 0; i < marked->len; i++)
    {
      const Marked *m = &g_array_index (marked, Marked, i);

      if (!vpc_render_visible (ctx, &m->layout, 12))
        continue;
      if (pass > 0)
        badge_layer (ctx, m->r.x + m->r.w, m->r.y, m->mark, pass - 1);
      else if ((VPC_MARK_ERRORS (m->mark) > 0) == errors)
        outline (ctx, &m->r, m->round, m->round || m->r.w < 100 ? 3 : 0, 2.5,
                 mark_color (ctx, m->mark));
    }
}

void
vpc_render_marks (VpcRenderCtx *ctx)
{
  g_autoptr(GArray) marked = NULL;

  if (ctx->marks == NULL)
    return;
  /* Zoomed out, a large design's list is kept until it or its findings
   * change: each frame found the same hundred thousand. Closer, the few
   * near the clip are found faster than the whole list is walked. */
  if (!ctx->detail)
    marked = vpc_render_cached_list (ctx, ctx->marks, ctx->marks_generation,
                                     all_marked_elements);
  if (marked == NULL)
    marked = marked_elements (ctx, FALSE);
  marks_pass (ctx, marked, 0, FALSE);
  marks_pass (ctx, marked, 0, TRUE);
  for (int pass = 1; pass <= 3; pass++)
    marks_pass (ctx, marked, pass, FALSE);
}

static gboolean
is_group (VpcRenderCtx *ctx,
          const char   *id)
{
  const VpcElement *e = id != NULL ? vpc_render_lookup (ctx, id) : NULL;
  return e != NULL && e->kind == VPC_KIND_SECURITY_GROUP;
}

/* When a security group is hovered or selected, its members are circled in
 * the group's red, so a reader sees who shares it. */
static void
group_members (VpcRenderCtx *ctx,
               const char   *group)
{
  static const double dash[] = { 4.0, 3.0 };
  static const VpcKind kinds[] = { VPC_KIND_WORKLOAD, VPC_KIND_ENDPOINT };

  vpc_painter_set_dash (ctx->p, dash, G_N_ELEMENTS (dash), 0);
  for (guint k = 0; k < G_N_ELEMENTS (kinds); k++)
    for (guint i = 0; i < vpc_design_get_n_elements (ctx->design, kinds[k]); i++)
      {
        const VpcElement *e = vpc_render_element (ctx, kinds[k], i);
        gboolean round;
        VpcRect r;

        if (!e->has_layout || e->security_groups == NULL ||
            !vpc_id_list_contains (e->security_groups, group))
          continue;
        outline_rect (e, &r, &round);
        outline (ctx, &r, round, 6, 1.5, &ctx->pal->security_group);
      }
  vpc_painter_set_dash (ctx->p, NULL, 0, 0);
}

static void
highlight (VpcRenderCtx   *ctx,
           const char     *id,
           const VpcColor *color,
           double          width)
{
  const VpcElement *e = vpc_render_lookup (ctx, id);
  gboolean round;
  VpcRect r;

  if (e == NULL || !e->has_layout || !vpc_render_visible (ctx, &e->layout, 12))
    return;
  outline_rect (e, &r, &round);
  outline (ctx, &r, round, e->kind == VPC_KIND_AZ || e->kind == VPC_KIND_SUBNET ? 2 : 5,
           width, color);
}

void
vpc_render_highlights (VpcRenderCtx *ctx)
{
  const char *hover = ctx->options->hover_id;
  GHashTableIter iter;
  gpointer key;

  if (hover != NULL && !vpc_render_is_selected (ctx, hover))
    {
      highlight (ctx, hover, &ctx->pal->hover, 2.0);
      if (is_group (ctx, hover))
        group_members (ctx, hover);
    }
  if (ctx->options->selection == NULL)
    return;
  g_hash_table_iter_init (&iter, ctx->options->selection);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    {
      highlight (ctx, key, &ctx->pal->selection, 2.5);
      if (is_group (ctx, key))
        group_members (ctx, key);
    }
}
