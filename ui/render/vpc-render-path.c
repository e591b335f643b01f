/* SPDX-License-Identifier: GPL-3.0-or-later */
/* vpc-render-path.c: a traced path over the diagram (vpc-render-path.h).
 *
 * Each path of the trace becomes one line: from the workload's tile along
 * its connector to the subnet (or, for the subnet it is drawn in, straight
 * to that subnet's border), then by the way the trace found: to the
 * network interface of the endpoint in that subnet (else one in the same
 * AZ) and along the interface's connector to the endpoint; along the
 * gateway endpoint's connector; straight to the NAT gateway; or out of the
 * subnet to the internet. A path with no way ends at the subnet's border
 * with a ✗. Markers and connectors come from the renderer itself
 * (vpc_render_foreach_eni(), vpc_render_routes()), so the line lies on
 * what is drawn. */
#include <math.h>
#include <string.h>

#include "vpc-render-path.h"
#include "vpc-render-private.h"

#define LINE_WIDTH   4.0
#define HALO         3.0
#define ARROW_LENGTH 13.0
#define ARROW_HALF   6.5
#define PORT_RADIUS  5.0
#define CROSS_RADIUS 10.0
#define BADGE_PAD_X  7.0
#define BADGE_PAD_Y  3.0
#define BADGE_GAP    5.0
#define INTERNET_RUN 40.0
#define BADGE_FONT   VPC_FONT_BOX

VpcPathVerdict
vpc_path_verdict (const VpcTracePath *path)
{
  g_return_val_if_fail (path != NULL, VPC_PATH_NONE);

  if (!path->reachable)
    return VPC_PATH_NONE;
  return path->problems->len > 0 ? VPC_PATH_PROBLEMS : VPC_PATH_OK;
}

/* --- geometry ----------------------------------------------------------- */

typedef struct
{
  const char *endpoint;
  const char *subnet;
  const char *az;
  VpcRect     rect;
} Marker;

typedef struct
{
  VpcRenderCtx     ctx;
  GPtrArray       *routes;  /* VpcLinkRoute as drawn */
  GArray          *markers; /* Marker */
  VpcPathGeometry *geometry;
} Builder;

static void
hop_clear (gpointer data)
{
  g_free (((VpcPathHop *) data)->id);
}

static void
line_free (gpointer data)
{
  VpcPathLine *line = data;

  g_array_unref (line->hops);
  g_array_unref (line->points);
  g_array_unref (line->arrows);
  g_free (line);
}

static void
end_free (gpointer data)
{
  VpcPathEnd *end = data;

  g_free (end->label);
  g_free (end);
}

void
vpc_path_geometry_free (VpcPathGeometry *geometry)
{
  if (geometry == NULL)
    return;
  g_ptr_array_unref (geometry->lines);
  g_ptr_array_unref (geometry->ends);
  g_ptr_array_unref (geometry->blocking);
  g_free (geometry);
}

static VpcPathLine *
line_new (guint          path,
          VpcPathVerdict verdict)
{
  VpcPathLine *line = g_new0 (VpcPathLine, 1);

  line->path = path;
  line->verdict = verdict;
  line->hops = g_array_new (FALSE, FALSE, sizeof (VpcPathHop));
  g_array_set_clear_func (line->hops, hop_clear);
  line->points = g_array_new (FALSE, FALSE, sizeof (VpcPoint));
  line->arrows = g_array_new (FALSE, FALSE, sizeof (guint));
  return line;
}

static void
add_hop (VpcPathLine *line,
         VpcHopKind   kind,
         const char  *id,
         double       x,
         double       y)
{
  VpcPathHop hop = { kind, g_strdup (id), x, y };

  g_array_append_val (line->hops, hop);
}

static void
add_point (VpcPathLine *line,
           double       x,
           double       y)
{
  VpcPoint p = { x, y };

  if (line->points->len > 0)
    {
      const VpcPoint *last = &g_array_index (line->points, VpcPoint, line->points->len - 1);

      if (fabs (last->x - x) < 0.01 && fabs (last->y - y) < 0.01)
        return;
    }
  g_array_append_val (line->points, p);
}

/* An arrowhead arrives at the line's last point. */
static void
add_arrow (VpcPathLine *line)
{
  guint i = line->points->len - 1;

  if (line->points->len >= 2 &&
      (line->arrows->len == 0 || g_array_index (line->arrows, guint, line->arrows->len - 1) != i))
    g_array_append_val (line->arrows, i);
}

/* The points of @route, from its @from end (or backwards). */
static void
add_route (VpcPathLine        *line,
           const VpcLinkRoute *route,
           gboolean            backwards)
{
  for (guint i = 0; i < route->n_points; i++)
    {
      const VpcPoint *p = &route->points[backwards ? route->n_points - 1 - i : i];

      add_point (line, p->x, p->y);
    }
}

static gboolean
rect_contains (const VpcRect *r,
               double         x,
               double         y)
{
  return x >= r->x - 0.01 && x <= r->x + r->w + 0.01 && y >= r->y - 0.01 && y <= r->y + r->h + 0.01;
}

static void
rect_centre (const VpcRect *r,
             double        *x,
             double        *y)
{
  *x = r->x + r->w / 2;
  *y = r->y + r->h / 2;
}

/* Where the segment from (@x0, @y0), inside @r, to (@x1, @y1) leaves @r;
 * (@x1, @y1) itself when it lies in @r. */
static void
leave_rect (const VpcRect *r,
            double         x0,
            double         y0,
            double         x1,
            double         y1,
            double        *x,
            double        *y)
{
  double dx = x1 - x0, dy = y1 - y0, t = 1.0;

  if (rect_contains (r, x1, y1))
    {
      *x = x1;
      *y = y1;
      return;
    }
  if (dx > 0)
    t = MIN (t, (r->x + r->w - x0) / dx);
  else if (dx < 0)
    t = MIN (t, (r->x - x0) / dx);
  if (dy > 0)
    t = MIN (t, (r->y + r->h - y0) / dy);
  else if (dy < 0)
    t = MIN (t, (r->y - y0) / dy);
  t = CLAMP (t, 0.0, 1.0);
  *x = x0 + t * dx;
  *y = y0 + t * dy;
}

/* The point of @r's left, right or bottom border nearest to (@x, @y), a
 * point inside it (the top holds the subnet's name). */
static void
nearest_exit (const VpcRect *r,
              double         x,
              double         y,
              double        *ox,
              double        *oy)
{
  double left = x - r->x, right = r->x + r->w - x, bottom = r->y + r->h - y;

  x = CLAMP (x, r->x, r->x + r->w);
  y = CLAMP (y, r->y, r->y + r->h);
  if (left <= right && left <= bottom)
    *ox = r->x, *oy = y;
  else if (right <= bottom)
    *ox = r->x + r->w, *oy = y;
  else
    *ox = x, *oy = r->y + r->h;
}

/* The point of @r's border nearest to (@x, @y), which lies outside it. */
static void
nearest_border (const VpcRect *r,
                double         x,
                double         y,
                double        *ox,
                double        *oy)
{
  *ox = CLAMP (x, r->x, r->x + r->w);
  *oy = CLAMP (y, r->y, r->y + r->h);
}

/* The rectangle an element is drawn at: an icon's tile, a box's layout. */
static gboolean
element_rect (Builder    *b,
              const char *id,
              VpcRect    *r)
{
  const VpcElement *e = vpc_render_lookup (&b->ctx, id);

  if (e == NULL || !e->has_layout)
    return FALSE;
  if (e->kind == VPC_KIND_AZ || e->kind == VPC_KIND_SUBNET)
    *r = e->layout;
  else
    vpc_render_tile_rect (e, r);
  return TRUE;
}

static void
collect_marker (const VpcElement *endpoint,
                const VpcElement *subnet,
                const VpcRect    *rect,
                gpointer          data)
{
  Marker m = { endpoint->id, subnet->id, subnet->az, *rect };

  g_array_append_val ((GArray *) data, m);
}

/* @endpoint's network interface for a path from @subnet: the one in
 * @subnet, else one in its AZ, else the first. */
static const Marker *
choose_marker (Builder          *b,
               const char       *endpoint,
               const VpcElement *subnet)
{
  const Marker *same_az = NULL, *any = NULL;

  for (guint i = 0; i < b->markers->len; i++)
    {
      const Marker *m = &g_array_index (b->markers, Marker, i);

      if (strcmp (m->endpoint, endpoint) != 0)
        continue;
      if (strcmp (m->subnet, subnet->id) == 0)
        return m;
      if (same_az == NULL && g_strcmp0 (m->az, subnet->az) == 0)
        same_az = m;
      if (any == NULL)
        any = m;
    }
  return same_az != NULL ? same_az : any;
}

/* The label of the end badge: the service, and the verdict as a sign. */
static char *
end_label (const char     *service,
           VpcPathVerdict  verdict)
{
  static const char *const signs[] = { "\xe2\x9c\x93", "\xe2\x9a\xa0", "\xe2\x9c\x97" }; /* ✓ ⚠ ✗ */

  return g_strdup_printf ("%s %s", service, signs[verdict]);
}

static void
badge_size (const char *label,
            double     *w,
            double     *h)
{
  *w = vpc_render_text_width (BADGE_FONT, label) + 2 * BADGE_PAD_X;
  *h = vpc_render_font_height (BADGE_FONT) + 2 * BADGE_PAD_Y;
}

/* Where the badge of an end goes: beside the icon the way ends at, on the
 * side the line does not come from (the label is below it); beside the ✗
 * on a subnet's top or bottom border, over it on a side border. */
static void
place_badge (VpcPathEnd        *end,
             const VpcPathLine *line,
             const VpcRect     *icon,
             const VpcRect     *subnet,
             double             w,
             double             h)
{
  double x = end->x, y = end->y;

  if (icon != NULL)
    {
      const VpcPoint *last = &g_array_index (line->points, VpcPoint, line->points->len - 1);
      const VpcPoint *prev = line->points->len >= 2
                                 ? &g_array_index (line->points, VpcPoint, line->points->len - 2)
                                 : last;
      gboolean        from_right
          = prev->x - last->x > 1.0 && fabs (prev->x - last->x) >= fabs (prev->y - last->y);

      end->badge = (VpcRect) { from_right ? icon->x - BADGE_GAP - w : icon->x + icon->w + BADGE_GAP,
                               icon->y + icon->h / 2 - h / 2, w, h };
    }
  else if (end->cross && subnet != NULL &&
           (fabs (y - subnet->y) < 0.5 || fabs (y - subnet->y - subnet->h) < 0.5))
    end->badge = (VpcRect) { x + CROSS_RADIUS + BADGE_GAP, y - h / 2, w, h };
  else if (end->cross)
    end->badge = (VpcRect) { x - w / 2, y - CROSS_RADIUS - BADGE_GAP - h, w, h };
  else
    end->badge = (VpcRect) { x - w / 2, y - h / 2, w, h };
}

/* The end at (@x, @y), shared by every line ending there: at @icon, or
 * (with a ✗ when @cross) on @subnet's border. */
static guint
add_end (Builder        *b,
         VpcPathLine    *line,
         const char     *service,
         gboolean        cross,
         double          x,
         double          y,
         const VpcRect  *icon,
         const VpcRect  *subnet)
{
  VpcPathGeometry *g = b->geometry;
  g_autofree char *label = end_label (service, line->verdict);
  VpcPathEnd *end;
  double w, h;

  for (guint i = 0; i < g->ends->len; i++)
    {
      end = g_ptr_array_index (g->ends, i);
      if (end->cross == cross && fabs (end->x - x) < 0.5 && fabs (end->y - y) < 0.5)
        {
          if (line->verdict > end->verdict)
            {
              end->verdict = line->verdict;
              g_free (end->label);
              end->label = g_steal_pointer (&label);
            }
          return i;
        }
    }
  end = g_new0 (VpcPathEnd, 1);
  end->verdict = line->verdict;
  end->cross = cross;
  end->x = x;
  end->y = y;
  badge_size (label, &w, &h);
  end->label = g_steal_pointer (&label);
  place_badge (end, line, icon, subnet, w, h);
  g_ptr_array_add (g->ends, end);
  return g->ends->len - 1;
}

static void
add_blocking (Builder            *b,
              const VpcTracePath *path)
{
  GPtrArray *blocking = b->geometry->blocking;

  for (guint i = 0; i < path->problems->len; i++)
    {
      const char *id = vpc_trace_problem_element (g_ptr_array_index (path->problems, i));

      if (id != NULL && vpc_design_lookup (b->ctx.design, id) != NULL &&
          !g_ptr_array_find_with_equal_func (blocking, id, g_str_equal, NULL))
        g_ptr_array_add (blocking, g_strdup (id));
    }
}

/* The last leg: to the border of @id's tile along @route when there is one,
 * else straight. */
static void
enter_icon (Builder            *b,
            VpcPathLine        *line,
            VpcHopKind          kind,
            const char         *id,
            const VpcLinkRoute *route,
            gboolean            backwards,
            VpcRect            *tile)
{
  const VpcPoint *last = &g_array_index (line->points, VpcPoint, line->points->len - 1);
  double cx, cy, x, y;

  rect_centre (tile, &cx, &cy);
  if (route != NULL)
    add_route (line, route, backwards);
  else
    {
      leave_rect (tile, cx, cy, last->x, last->y, &x, &y);
      add_point (line, x, y);
    }
  add_arrow (line);
  add_hop (line, kind, id, cx, cy);
}

/* One path's line while it is built. */
typedef struct
{
  const VpcTrace     *trace;
  const VpcTracePath *path;
  const VpcElement   *subnet;
  const char         *first;    /* what the way goes through after the subnet */
  const Marker       *marker;   /* @first's interface the way takes, if drawn */
  const VpcLinkRoute *route;    /* the connector the way leaves by, if any */
  VpcPathLine        *line;
  VpcRect             tile;     /* @first's */
  const VpcRect      *end_icon; /* the tile the line ends at, or NULL */
  gboolean            has_target, cross;
  double              wx, wy;   /* the workload's centre */
  double              tx, ty;   /* where the way continues after the subnet */
  double              sx, sy;   /* where the line meets the subnet */
} Way;

/* The way continues at the centre of @first's tile, if it is drawn. */
static void
target_tile (Builder *b,
             Way     *w)
{
  if (element_rect (b, w->first, &w->tile))
    {
      rect_centre (&w->tile, &w->tx, &w->ty);
      w->has_target = TRUE;
    }
}

/* Where the way continues after the subnet. */
static void
find_target (Builder *b,
             Way     *w)
{
  switch (w->first != NULL ? w->path->via : VPC_VIA_NONE)
    {
    case VPC_VIA_INTERFACE_ENDPOINT:
      w->marker = choose_marker (b, w->first, w->subnet);
      if (w->marker != NULL)
        {
          rect_centre (&w->marker->rect, &w->tx, &w->ty);
          w->has_target = TRUE;
        }
      else
        target_tile (b, w);
      break;
    case VPC_VIA_GATEWAY_ENDPOINT:
      w->route = vpc_routes_find (b->routes, VPC_LINK_GATEWAY, w->first, w->subnet->id);
      if (w->route != NULL)
        {
          w->tx = w->route->points[w->route->n_points - 1].x;
          w->ty = w->route->points[w->route->n_points - 1].y;
          w->has_target = TRUE;
        }
      else
        target_tile (b, w);
      break;
    case VPC_VIA_NAT:
      target_tile (b, w);
      break;
    case VPC_VIA_NONE:
    case VPC_VIA_INTERNET:
    case VPC_VIA_PLATFORM:
    default:
      break;
    }
}

/* The workload to its subnet: along its connector, or (for the subnet it
 * is drawn in) from its tile to the subnet's border. */
static void
to_subnet (Builder       *b,
           Way           *w,
           const VpcRect *wtile)
{
  const VpcRect *box = &w->subnet->layout;
  const VpcLinkRoute *wroute
      = vpc_routes_find (b->routes, VPC_LINK_WORKLOAD, w->trace->workload, w->subnet->id);
  double x, y;

  if (wroute != NULL)
    {
      add_route (w->line, wroute, FALSE);
      w->sx = wroute->points[wroute->n_points - 1].x;
      w->sy = wroute->points[wroute->n_points - 1].y;
    }
  else
    {
      if (!rect_contains (box, w->wx, w->wy))
        nearest_border (box, w->wx, w->wy, &w->sx, &w->sy);
      else if (w->has_target)
        leave_rect (box, w->wx, w->wy, w->tx, w->ty, &w->sx, &w->sy);
      else
        nearest_exit (box, w->wx, w->wy, &w->sx, &w->sy);
      leave_rect (wtile, w->wx, w->wy, w->sx, w->sy, &x, &y);
      add_point (w->line, x, y);
      add_point (w->line, w->sx, w->sy);
    }
  if (w->path->reachable)
    add_arrow (w->line);
  add_hop (w->line, VPC_HOP_SUBNET, w->subnet->id, w->sx, w->sy);
}

/* To the interface endpoint: by its network interface and the
 * interface's connector when the marker is drawn. */
static void
through_interface (Builder *b,
                   Way     *w)
{
  if (w->marker != NULL)
    {
      g_autofree char *from = g_strconcat (w->first, "/", w->marker->subnet, NULL);

      add_point (w->line, w->tx, w->ty);
      add_arrow (w->line);
      add_hop (w->line, VPC_HOP_INTERFACE, w->first, w->tx, w->ty);
      w->route = vpc_routes_find (b->routes, VPC_LINK_INTERFACE, from, w->first);
    }
  enter_icon (b, w->line, VPC_HOP_ENDPOINT, w->first, w->route, FALSE, &w->tile);
}

/* Straight on, out of the subnet. */
static void
out_to_internet (Way *w)
{
  double dx = w->sx - w->wx, dy = w->sy - w->wy, len = hypot (dx, dy);

  if (len < 1)
    dx = 0, dy = -1, len = 1;
  add_point (w->line, w->sx + dx / len * INTERNET_RUN, w->sy + dy / len * INTERNET_RUN);
  add_arrow (w->line);
}

/* Out of the subnet, to what the way goes through. */
static void
out_of_subnet (Builder *b,
               Way     *w)
{
  const VpcTracePath *path = w->path;

  switch (w->has_target ? path->via
                        : path->via == VPC_VIA_INTERNET ? VPC_VIA_INTERNET : VPC_VIA_NONE)
    {
    case VPC_VIA_INTERFACE_ENDPOINT:
      if (!element_rect (b, w->first, &w->tile))
        break;
      through_interface (b, w);
      w->end_icon = &w->tile;
      break;
    case VPC_VIA_GATEWAY_ENDPOINT:
      if (!element_rect (b, w->first, &w->tile))
        break;
      if (w->route != NULL)
        add_point (w->line, w->tx, w->ty);
      enter_icon (b, w->line, VPC_HOP_ENDPOINT, w->first, w->route, TRUE, &w->tile);
      w->end_icon = &w->tile;
      break;
    case VPC_VIA_NAT:
      if (!element_rect (b, w->first, &w->tile))
        break;
      enter_icon (b, w->line, VPC_HOP_NAT, w->first, NULL, FALSE, &w->tile);
      w->end_icon = &w->tile;
      break;
    case VPC_VIA_INTERNET:
      out_to_internet (w);
      break;
    case VPC_VIA_NONE:
    case VPC_VIA_PLATFORM:
    default:
      /* No way, or one through something not drawn. */
      w->cross = !path->reachable;
      break;
    }
}

/* The line's end and its badge, the service's hop. */
static void
end_line (Builder *b,
          Way     *w)
{
  VpcPathLine *line = w->line;
  const VpcPoint *last = &g_array_index (line->points, VpcPoint, line->points->len - 1);
  VpcPathEnd *end;
  double ex, ey, bx, by;

  if (w->end_icon != NULL)
    rect_centre (w->end_icon, &ex, &ey);
  else
    ex = last->x, ey = last->y;
  line->end = add_end (b, line, w->trace->service, w->cross, ex, ey, w->end_icon,
                       &w->subnet->layout);
  end = g_ptr_array_index (b->geometry->ends, line->end);
  rect_centre (&end->badge, &bx, &by);
  add_hop (line, VPC_HOP_SERVICE, w->trace->service, bx, by);
}

static void
build_line (Builder            *b,
            const VpcTrace     *trace,
            guint               index,
            const VpcRect      *wtile)
{
  const VpcTracePath *path = g_ptr_array_index (trace->paths, index);
  Way w = { trace, path, vpc_render_lookup (&b->ctx, path->subnet) };

  if (w.subnet == NULL || !w.subnet->has_layout)
    return;
  w.first = path->through->len > 0 ? g_ptr_array_index (path->through, 0) : NULL;
  w.line = line_new (index, vpc_path_verdict (path));
  add_blocking (b, path);
  rect_centre (wtile, &w.wx, &w.wy);
  add_hop (w.line, VPC_HOP_WORKLOAD, trace->workload, w.wx, w.wy);
  find_target (b, &w);
  to_subnet (b, &w, wtile);
  out_of_subnet (b, &w);
  end_line (b, &w);
  g_ptr_array_add (b->geometry->lines, w.line);
}

/* A workload outside the VPC: the platform carries its calls. */
static void
build_platform (Builder        *b,
                const VpcTrace *trace,
                const VpcRect  *wtile)
{
  VpcPathLine *line = line_new (G_MAXUINT, VPC_PATH_OK);
  VpcPathEnd *end;
  double wx, wy, bx, by;

  rect_centre (wtile, &wx, &wy);
  add_hop (line, VPC_HOP_WORKLOAD, trace->workload, wx, wy);
  add_point (line, wx, wtile->y);
  line->end = add_end (b, line, trace->service, FALSE, wx, wtile->y - 26, NULL, NULL);
  end = g_ptr_array_index (b->geometry->ends, line->end);
  add_point (line, wx, end->badge.y + end->badge.h);
  rect_centre (&end->badge, &bx, &by);
  add_hop (line, VPC_HOP_SERVICE, trace->service, bx, by);
  g_ptr_array_add (b->geometry->lines, line);
}

/* Stand-ins for the elements a drag preview moves (as the renderer makes
 * them: shallow copies with the overriding rectangle as their layout). */
static GHashTable *
make_shadows (VpcDesign  *design,
              GHashTable *overrides)
{
  GHashTable *shadows = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, g_free);
  GHashTableIter iter;
  gpointer key, value;

  g_hash_table_iter_init (&iter, overrides);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      const VpcElement *e = vpc_design_lookup (design, key);
      VpcElement *shadow;

      if (e == NULL)
        continue;
      shadow = g_memdup2 (e, sizeof *e);
      shadow->has_layout = TRUE;
      shadow->layout = *(const VpcRect *) value;
      g_hash_table_insert (shadows, shadow->id, shadow);
    }
  return shadows;
}

static void
ctx_init (VpcRenderCtx           *ctx,
          VpcDesign              *design,
          const VpcRenderOptions *options)
{
  *ctx = (VpcRenderCtx) { 0 };
  ctx->design = design;
  ctx->info = vpc_design_get_info (design);
  ctx->options = options;
  ctx->pal = vpc_theme_get_colors (options->theme);
  ctx->scale = options->scale > 0
                   ? CLAMP (options->scale, VPC_RENDER_MIN_SCALE, VPC_RENDER_MAX_SCALE)
                   : 1.0;
  ctx->detail = ctx->scale >= VPC_RENDER_LOD_SCALE;
  if (options->overrides != NULL && g_hash_table_size (options->overrides) > 0)
    ctx->shadows = make_shadows (design, options->overrides);
}

VpcPathGeometry *
vpc_render_path_geometry (VpcDesign              *design,
                          const VpcRenderOptions *options,
                          const VpcTrace         *trace)
{
  Builder b = { 0 };
  VpcPathGeometry *g;
  VpcRect wtile;

  g_return_val_if_fail (VPC_IS_DESIGN (design) && options != NULL && trace != NULL, NULL);

  g = g_new0 (VpcPathGeometry, 1);
  g->lines = g_ptr_array_new_with_free_func (line_free);
  g->ends = g_ptr_array_new_with_free_func (end_free);
  g->blocking = g_ptr_array_new_with_free_func (g_free);
  b.geometry = g;
  ctx_init (&b.ctx, design, options);
  if (!element_rect (&b, trace->workload, &wtile))
    {
      g_clear_pointer (&b.ctx.shadows, g_hash_table_unref);
      return g;
    }
  if (trace->via == VPC_VIA_PLATFORM)
    build_platform (&b, trace, &wtile);
  else
    {
      b.routes = vpc_render_routes (&b.ctx);
      b.markers = g_array_new (FALSE, FALSE, sizeof (Marker));
      vpc_render_foreach_eni (&b.ctx, collect_marker, b.markers);
      for (guint i = 0; i < trace->paths->len; i++)
        build_line (&b, trace, i, &wtile);
      g_ptr_array_unref (b.routes);
      g_array_unref (b.markers);
    }
  g_clear_pointer (&b.ctx.shadows, g_hash_table_unref);
  return g;
}

int
vpc_path_geometry_hit_end (const VpcPathGeometry *geometry,
                           double                 x,
                           double                 y)
{
  g_return_val_if_fail (geometry != NULL, -1);

  for (guint i = geometry->ends->len; i-- > 0;)
    {
      const VpcPathEnd *end = g_ptr_array_index (geometry->ends, i);

      if (rect_contains (&end->badge, x, y) ||
          (end->cross && hypot (x - end->x, y - end->y) <= CROSS_RADIUS))
        return (int) i;
    }
  return -1;
}

gboolean
vpc_path_geometry_bounds (const VpcPathGeometry *geometry,
                          VpcRect               *bounds)
{
  double x0 = G_MAXDOUBLE, y0 = G_MAXDOUBLE, x1 = -G_MAXDOUBLE, y1 = -G_MAXDOUBLE;

  g_return_val_if_fail (geometry != NULL && bounds != NULL, FALSE);

  for (guint i = 0; i < geometry->lines->len; i++)
    {
      const VpcPathLine *line = g_ptr_array_index (geometry->lines, i);

      for (guint k = 0; k < line->points->len; k++)
        {
          const VpcPoint *p = &g_array_index (line->points, VpcPoint, k);

          x0 = MIN (x0, p->x), y0 = MIN (y0, p->y);
          x1 = MAX (x1, p->x), y1 = MAX (y1, p->y);
        }
    }
  for (guint i = 0; i < geometry->ends->len; i++)
    {
      const VpcRect *r = &((const VpcPathEnd *) g_ptr_array_index (geometry->ends, i))->badge;

      x0 = MIN (x0, r->x), y0 = MIN (y0, r->y);
      x1 = MAX (x1, r->x + r->w), y1 = MAX (y1, r->y + r->h);
    }
  if (x0 > x1)
    return FALSE;
  *bounds = (VpcRect) { x0, y0, x1 - x0, y1 - y0 };
  return TRUE;
}

/* --- drawing ------------------------------------------------------------ */

static const VpcColor *
verdict_color (const VpcThemeColors *pal,
               VpcPathVerdict    verdict)
{
  switch (verdict)
    {
    case VPC_PATH_OK:
      return &pal->reachable;
    case VPC_PATH_PROBLEMS:
      return &pal->warning;
    case VPC_PATH_NONE:
    default:
      return &pal->error;
    }
}

static void
polyline (cairo_t           *cr,
          const VpcPathLine *line)
{
  for (guint i = 0; i < line->points->len; i++)
    {
      const VpcPoint *p = &g_array_index (line->points, VpcPoint, i);

      if (i == 0)
        cairo_move_to (cr, p->x, p->y);
      else
        cairo_line_to (cr, p->x, p->y);
    }
}

static void
arrowhead (cairo_t           *cr,
           const VpcPathLine *line,
           guint              at,
           double             grow)
{
  const VpcPoint *tip = &g_array_index (line->points, VpcPoint, at);
  const VpcPoint *from = NULL;
  double dx, dy, len, ux, uy, length = ARROW_LENGTH + grow, half = ARROW_HALF + grow / 2;

  for (guint i = at; i-- > 0 && from == NULL;)
    {
      const VpcPoint *p = &g_array_index (line->points, VpcPoint, i);

      if (hypot (tip->x - p->x, tip->y - p->y) > 0.5)
        from = p;
    }
  if (from == NULL)
    return;
  dx = tip->x - from->x;
  dy = tip->y - from->y;
  len = hypot (dx, dy);
  ux = dx / len;
  uy = dy / len;
  cairo_move_to (cr, tip->x + ux * grow / 2, tip->y + uy * grow / 2);
  cairo_line_to (cr, tip->x - ux * length - uy * half, tip->y - uy * length + ux * half);
  cairo_line_to (cr, tip->x - ux * length + uy * half, tip->y - uy * length - ux * half);
  cairo_close_path (cr);
}

static void
rounded_rect (cairo_t       *cr,
              const VpcRect *r,
              double         radius)
{
  radius = MIN (radius, MIN (r->w, r->h) / 2);
  cairo_new_sub_path (cr);
  cairo_arc (cr, r->x + r->w - radius, r->y + radius, radius, -G_PI / 2, 0);
  cairo_arc (cr, r->x + r->w - radius, r->y + r->h - radius, radius, 0, G_PI / 2);
  cairo_arc (cr, r->x + radius, r->y + r->h - radius, radius, G_PI / 2, G_PI);
  cairo_arc (cr, r->x + radius, r->y + radius, radius, G_PI, 3 * G_PI / 2);
  cairo_close_path (cr);
}

/* The elements that block a path: a thick dashed red outline. */
static void
draw_blocking (Builder               *b,
               cairo_t               *cr,
               const VpcPathGeometry *g)
{
  double width = vpc_render_line (&b->ctx, 3.0);
  double dash[] = { 7.0, 4.0 };

  cairo_set_dash (cr, dash, G_N_ELEMENTS (dash), 0);
  cairo_set_line_width (cr, width);
  vpc_color_set (cr, &b->ctx.pal->error);
  for (guint i = 0; i < g->blocking->len; i++)
    {
      VpcRect r;

      if (!element_rect (b, g_ptr_array_index (g->blocking, i), &r))
        continue;
      r = (VpcRect) { r.x - 5, r.y - 5, r.w + 10, r.h + 10 };
      rounded_rect (cr, &r, 8);
      cairo_stroke (cr);
    }
  cairo_set_dash (cr, NULL, 0, 0);
}

static void
draw_line (Builder           *b,
           cairo_t           *cr,
           const VpcPathLine *line)
{
  const VpcThemeColors *pal = b->ctx.pal;
  double width = vpc_render_line (&b->ctx, LINE_WIDTH);
  double halo = width + 2 * vpc_render_line (&b->ctx, HALO);

  if (line->points->len < 2)
    return;
  /* A halo of the background keeps the line readable over anything. */
  polyline (cr, line);
  vpc_color_set_alpha (cr, &pal->background, 0.85);
  cairo_set_line_width (cr, halo);
  cairo_stroke (cr);
  for (guint i = 0; i < line->arrows->len; i++)
    arrowhead (cr, line, g_array_index (line->arrows, guint, i), halo - width);
  cairo_fill (cr);

  polyline (cr, line);
  vpc_color_set (cr, verdict_color (pal, line->verdict));
  cairo_set_line_width (cr, width);
  cairo_stroke (cr);
  for (guint i = 0; i < line->arrows->len; i++)
    arrowhead (cr, line, g_array_index (line->arrows, guint, i), 0);
  cairo_fill (cr);

  /* The subnet's port. */
  for (guint i = 0; i < line->hops->len; i++)
    {
      const VpcPathHop *hop = &g_array_index (line->hops, VpcPathHop, i);

      if (hop->kind != VPC_HOP_SUBNET || line->verdict == VPC_PATH_NONE)
        continue;
      cairo_new_sub_path (cr);
      cairo_arc (cr, hop->x, hop->y, PORT_RADIUS, 0, 2 * G_PI);
      vpc_color_set (cr, verdict_color (pal, line->verdict));
      cairo_fill_preserve (cr);
      vpc_color_set (cr, &pal->background);
      cairo_set_line_width (cr, vpc_render_line (&b->ctx, 1.5));
      cairo_stroke (cr);
    }
}

static void
draw_end (Builder          *b,
          cairo_t          *cr,
          const VpcPathEnd *end)
{
  const VpcThemeColors *pal = b->ctx.pal;
  const VpcColor *color = verdict_color (pal, end->verdict);
  double arm = CROSS_RADIUS * 0.45;

  if (end->cross)
    {
      cairo_new_sub_path (cr);
      cairo_arc (cr, end->x, end->y, CROSS_RADIUS, 0, 2 * G_PI);
      vpc_color_set (cr, color);
      cairo_fill_preserve (cr);
      vpc_color_set (cr, &pal->background);
      cairo_set_line_width (cr, vpc_render_line (&b->ctx, 2.0));
      cairo_stroke (cr);
      cairo_move_to (cr, end->x - arm, end->y - arm);
      cairo_line_to (cr, end->x + arm, end->y + arm);
      cairo_move_to (cr, end->x + arm, end->y - arm);
      cairo_line_to (cr, end->x - arm, end->y + arm);
      cairo_set_line_width (cr, vpc_render_line (&b->ctx, 2.5));
      cairo_set_line_cap (cr, CAIRO_LINE_CAP_ROUND);
      cairo_stroke (cr);
    }
  rounded_rect (cr, &end->badge, end->badge.h / 2);
  vpc_color_set (cr, &pal->background);
  cairo_fill_preserve (cr);
  vpc_color_set (cr, color);
  cairo_set_line_width (cr, vpc_render_line (&b->ctx, 2.0));
  cairo_stroke (cr);
  if (b->ctx.detail)
    {
      vpc_render_text (&b->ctx, BADGE_FONT, end->label, end->badge.x, end->badge.y + BADGE_PAD_Y,
                       end->badge.w, VPC_ALIGN_CENTER, color);
      vpc_painter_flush (b->ctx.p);
    }
}

void
vpc_render_path (cairo_t                *cr,
                 VpcDesign              *design,
                 const VpcRenderOptions *options,
                 const VpcPathGeometry  *geometry)
{
  Builder b = { 0 };

  g_return_if_fail (cr != NULL && VPC_IS_DESIGN (design) && options != NULL && geometry != NULL);

  ctx_init (&b.ctx, design, options);
  cairo_save (cr);
  cairo_translate (cr, options->offset_x, options->offset_y);
  cairo_scale (cr, b.ctx.scale, b.ctx.scale);
  cairo_set_line_join (cr, CAIRO_LINE_JOIN_ROUND);
  cairo_set_line_cap (cr, CAIRO_LINE_CAP_ROUND);
  b.ctx.p = vpc_painter_cairo_new (cr, b.ctx.scale, FALSE);

  draw_blocking (&b, cr, geometry);
  /* Lines that reach first, so that the broken ones stay on top. */
  for (int verdict = VPC_PATH_OK; verdict <= VPC_PATH_NONE; verdict++)
    for (guint i = 0; i < geometry->lines->len; i++)
      {
        const VpcPathLine *line = g_ptr_array_index (geometry->lines, i);

        if ((int) line->verdict == verdict)
          draw_line (&b, cr, line);
      }
  for (guint i = 0; i < geometry->ends->len; i++)
    draw_end (&b, cr, g_ptr_array_index (geometry->ends, i));

  vpc_painter_free (b.ctx.p);
  cairo_restore (cr);
  g_clear_pointer (&b.ctx.shadows, g_hash_table_unref);
}
