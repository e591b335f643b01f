/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-routes.c: the diagram's connectors (vpc-render-routes.h, issue 10).
 *
 * - The crossing counter on hand-made routes.
 * - Markers: on the side of their subnet that faces their endpoint, in the
 *   endpoints' order, apart, inside the subnet and below its header.
 * - Routes: orthogonal, from the right place to the right place; the
 *   study guide's design laid out with an endpoint column between the AZs
 *   (the representation README's "Diagrams" explains) routes every
 *   interface straight and nothing crosses.
 * - No crossings on every example and on the study guide's design
 *   (tests/data/diagram/study-guide.vpcd.json, laid out automatically),
 *   counted both on the routes and on the exported SVG's vpcd-link groups.
 * - 200 seeded random designs: valid routes; the total of crossings is
 *   reported (g_test_message), not judged.
 */
#include <math.h>
#include <string.h>

#include "random-designs.h"
#include "render-designs.h"
#include "vpc-export.h"
#include "vpc-file.h"
#include "vpc-layout.h"
#include "vpc-render-private.h"
#include "vpc-render-routes.h"

#define N_RANDOM 200

/* Examples whose saved layout still has endpoints in a row under the AZs,
 * where the links of two AZs must cross (K2,n drawn with both subnets on
 * one side), would wait here for Tidy to lay them out again. Tidy (issue
 * 10) has re-laid out and saved them all. */
static const char *const waiting_for_tidy[] = {
  NULL,
};

/* The automatic layout is Tidy's engine: the study guide's design must
 * not cross. */
#define STUDY_GUIDE_WAITS_FOR_TIDY FALSE

/* --- helpers ------------------------------------------------------------- */

static VpcLinkRoute *
route_new (VpcLinkKind  kind,
           const char  *from,
           const char  *to,
           const double *xy,
           guint        n)
{
  VpcLinkRoute *route = g_new0 (VpcLinkRoute, 1);

  route->kind = kind;
  route->from = g_strdup (from);
  route->to = g_strdup (to);
  route->n_points = n;
  route->points = g_new (VpcPoint, n);
  for (guint i = 0; i < n; i++)
    route->points[i] = (VpcPoint) { xy[2 * i], xy[2 * i + 1] };
  return route;
}

#define ROUTE(routes, from, to, ...)                                                               \
  g_ptr_array_add (routes,                                                                         \
                   route_new (VPC_LINK_WORKLOAD, from, to, (const double[]){ __VA_ARGS__ },        \
                              G_N_ELEMENTS (((const double[]){ __VA_ARGS__ })) / 2))

static VpcDesign *
load_path (const char *path)
{
  g_autoptr(GError) error = NULL;
  VpcDesign *design = vpc_file_load_path (path, NULL, &error);

  g_assert_no_error (error);
  g_assert_nonnull (design);
  return design;
}

static VpcDesign *
load_text (const char *text)
{
  g_autoptr(GBytes) bytes = g_bytes_new (text, strlen (text));
  g_autoptr(GError) error = NULL;
  VpcDesign *design = vpc_file_load_bytes (bytes, NULL, &error);

  g_assert_no_error (error);
  g_assert_nonnull (design);
  return design;
}

/* The routes the renderer draws for @design (no view state). */
static GPtrArray *
routes_of (VpcDesign *design)
{
  VpcRenderOptions options;
  VpcRenderCtx ctx = { 0 };

  vpc_render_options_init (&options);
  ctx.design = design;
  ctx.info = vpc_design_get_info (design);
  ctx.options = &options;
  ctx.scale = 1.0;
  ctx.detail = TRUE;
  return vpc_render_routes (&ctx);
}

typedef struct
{
  GHashTable *markers; /* "EP/SN" → VpcRect * */
  GPtrArray  *order;   /* the same keys, in call order */
} Markers;

static void
collect_marker (const VpcElement *endpoint,
                const VpcElement *subnet,
                const VpcRect    *marker,
                gpointer          data)
{
  Markers *m = data;
  char *key = g_strconcat (endpoint->id, "/", subnet->id, NULL);

  g_hash_table_insert (m->markers, key, g_memdup2 (marker, sizeof *marker));
  g_ptr_array_add (m->order, key);
}

/* The markers a frame draws, with @shadows (NULL, or id → stand-in, as
 * a drag preview's) in place of their elements. @routed: as a router
 * made with those stand-ins places them (the reference). */
static void
markers_init_shadowed (Markers    *m,
                       VpcDesign  *design,
                       GHashTable *shadows,
                       gboolean    routed)
{
  VpcRenderOptions options;
  VpcRenderCtx ctx = { 0 };

  m->markers = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  m->order = g_ptr_array_new ();
  vpc_render_options_init (&options);
  ctx.design = design;
  ctx.info = vpc_design_get_info (design);
  ctx.options = &options;
  ctx.shadows = shadows;
  if (routed)
    {
      VpcRoutesOptions routes;
      g_autoptr(VpcRouter) router = NULL;

      vpc_render_routes_options (&ctx, &routes);
      routes.markers_only = TRUE;
      router = vpc_router_new (design, &routes);
      vpc_router_foreach_marker (router, collect_marker, m);
    }
  else
    vpc_render_foreach_eni (&ctx, collect_marker, m);
}

static void
markers_init (Markers   *m,
              VpcDesign *design)
{
  markers_init_shadowed (m, design, NULL, FALSE);
}

static void
markers_clear (Markers *m)
{
  g_ptr_array_unref (m->order);
  g_hash_table_unref (m->markers);
}

/* Whether @m and @n hold the same markers in the same order. */
static gboolean
markers_equal (const Markers *m,
               const Markers *n)
{
  if (m->order->len != n->order->len)
    return FALSE;
  for (guint i = 0; i < m->order->len; i++)
    {
      const char *key = g_ptr_array_index (m->order, i);

      if (!g_str_equal (key, g_ptr_array_index (n->order, i))
          || memcmp (g_hash_table_lookup (m->markers, key), g_hash_table_lookup (n->markers, key),
                     sizeof (VpcRect))
                 != 0)
        return FALSE;
    }
  return TRUE;
}

static void
tile_of (const VpcElement *e,
         VpcRect          *t)
{
  vpc_render_tile_rect (e, t);
}

static gboolean
on_border (const VpcRect *r,
           double         x,
           double         y)
{
  gboolean in_x = x >= r->x - 1e-6 && x <= r->x + r->w + 1e-6;
  gboolean in_y = y >= r->y - 1e-6 && y <= r->y + r->h + 1e-6;

  return in_x && in_y &&
         (fabs (x - r->x) < 1e-6 || fabs (x - r->x - r->w) < 1e-6 ||
          fabs (y - r->y) < 1e-6 || fabs (y - r->y - r->h) < 1e-6);
}

/* Every route: at least two finite points, orthogonal, from its marker or
 * icon to its endpoint's tile or its subnet's border. Returns how many
 * fell back to a slanted line. */
static guint
check_routes (VpcDesign *design,
              GPtrArray *routes)
{
  Markers m;
  guint slanted = 0;

  markers_init (&m, design);
  for (guint i = 0; i < routes->len; i++)
    {
      const VpcLinkRoute *r = g_ptr_array_index (routes, i);
      const VpcPoint *first, *last;
      const VpcElement *to, *from;
      VpcRect tile;

      g_assert_cmpuint (r->n_points, >=, 2);
      for (guint k = 0; k < r->n_points; k++)
        g_assert_true (isfinite (r->points[k].x) && isfinite (r->points[k].y));
      for (guint k = 0; k + 1 < r->n_points; k++)
        if (r->points[k].x != r->points[k + 1].x && r->points[k].y != r->points[k + 1].y)
          slanted++;
      first = &r->points[0];
      last = &r->points[r->n_points - 1];
      to = vpc_design_lookup (design, r->to);
      g_assert_nonnull (to);
      if (r->kind == VPC_LINK_INTERFACE)
        {
          const VpcRect *marker = g_hash_table_lookup (m.markers, r->from);

          g_assert_nonnull (marker);
          g_assert_true (on_border (marker, first->x, first->y));
          g_assert_false (r->end_dot);
          g_assert_cmpint (to->kind, ==, VPC_KIND_ENDPOINT);
          tile_of (to, &tile);
          if (r->n_points > 2 || slanted == 0)
            g_assert_true (on_border (&tile, last->x, last->y));
        }
      else
        {
          from = vpc_design_lookup (design, r->from);
          g_assert_nonnull (from);
          g_assert_cmpint (to->kind, ==, VPC_KIND_SUBNET);
          g_assert_true (r->end_dot);
          g_assert_true (on_border (&to->layout, last->x, last->y));
          tile_of (from, &tile);
          g_assert_true (on_border (&tile, first->x, first->y));
        }
    }
  markers_clear (&m);
  return slanted;
}

/* Route segments that pass under the tile of an icon other than their
 * own ends: such a line reads as tied to that icon (issue 10). */
static guint
count_under_tiles (VpcDesign *design,
                   GPtrArray *routes)
{
  static const VpcKind icons[] = {
    VPC_KIND_SECURITY_GROUP, VPC_KIND_ENDPOINT, VPC_KIND_NAT_GATEWAY, VPC_KIND_WORKLOAD,
  };
  guint n = 0;

  for (guint i = 0; i < routes->len; i++)
    {
      const VpcLinkRoute *r = g_ptr_array_index (routes, i);
      g_autofree char *endpoint = g_strdup (r->from);

      /* An interface's own endpoint is the part before the slash. */
      if (strchr (endpoint, '/') != NULL)
        *strchr (endpoint, '/') = '\0';
      for (guint k = 0; k < G_N_ELEMENTS (icons); k++)
        for (guint e = 0; e < vpc_design_get_n_elements (design, icons[k]); e++)
          {
            const VpcElement *icon = vpc_design_get_element (design, icons[k], e);
            VpcRect t;

            if (!icon->has_layout || g_str_equal (icon->id, endpoint)
                || g_str_equal (icon->id, r->to))
              continue;
            vpc_render_tile_rect (icon, &t);
            for (guint p = 0; p + 1 < r->n_points; p++)
              {
                double x0 = MIN (r->points[p].x, r->points[p + 1].x),
                       x1 = MAX (r->points[p].x, r->points[p + 1].x);
                double y0 = MIN (r->points[p].y, r->points[p + 1].y),
                       y1 = MAX (r->points[p].y, r->points[p + 1].y);

                n += x1 > t.x + 1 && x0 < t.x + t.w - 1 && y1 > t.y + 1 && y0 < t.y + t.h - 1;
              }
          }
    }
  return n;
}

/* The connectors of an exported SVG (format.md §7): each vpcd-link group's
 * <line> elements, chained into polylines. */
static double
attr (const char *tag,
      const char *name)
{
  g_autofree char *key = g_strdup_printf (" %s=\"", name);
  const char *at = strstr (tag, key);

  g_assert_nonnull (at);
  return g_ascii_strtod (at + strlen (key), NULL);
}

static char *
text_attr (const char *tag,
           const char *name)
{
  g_autofree char *key = g_strdup_printf (" %s=\"", name);
  const char *at = strstr (tag, key), *end;

  g_assert_nonnull (at);
  at += strlen (key);
  end = strchr (at, '"');
  return g_strndup (at, end - at);
}

static GPtrArray *
svg_routes (const char *svg)
{
  GPtrArray *routes = g_ptr_array_new_with_free_func ((GDestroyNotify) vpc_link_route_free);
  const char *at = svg;

  while ((at = strstr (at, "<g class=\"vpcd-link\"")) != NULL)
    {
      const char *end = strchr (at, '>');
      g_autofree char *from = text_attr (at, "data-from");
      g_autofree char *to = text_attr (at, "data-to");
      g_autoptr(GArray) xy = g_array_new (FALSE, FALSE, sizeof (double));
      int depth = 1;

      for (at = end + 1; depth > 0; at = end + 1)
        {
          at = strchr (at, '<');
          end = strchr (at, '>');
          g_assert_nonnull (at);
          g_assert_nonnull (end);
          if (g_str_has_prefix (at, "</g"))
            depth--;
          else if (g_str_has_prefix (at, "<g"))
            depth++;
          else if (g_str_has_prefix (at, "<line"))
            {
              g_autofree char *tag = g_strndup (at, end - at);
              double           seg[4]
                  = { attr (tag, "x1"), attr (tag, "y1"), attr (tag, "x2"), attr (tag, "y2") };

              if (xy->len >= 2 &&
                  (fabs (g_array_index (xy, double, xy->len - 2) - seg[0]) > 0.02 ||
                   fabs (g_array_index (xy, double, xy->len - 1) - seg[1]) > 0.02))
                {
                  /* A break (clipped): a new piece. */
                  g_ptr_array_add (routes, route_new (VPC_LINK_WORKLOAD, from, to,
                                                      (double *) (gpointer) xy->data, xy->len / 2));
                  g_array_set_size (xy, 0);
                }
              if (xy->len == 0)
                g_array_append_vals (xy, seg, 2);
              g_array_append_vals (xy, seg + 2, 2);
            }
          else
            g_assert_not_reached (); /* only lines in a connector */
        }
      g_assert_cmpuint (xy->len, >=, 4);
      g_ptr_array_add (routes, route_new (VPC_LINK_WORKLOAD, from, to,
                                          (double *) (gpointer) xy->data, xy->len / 2));
    }
  return routes;
}

static char *
export_svg (VpcDesign *design)
{
  GString *svg = g_string_new (NULL);
  VpcRenderOptions options;
  double x, y, w, h;

  vpc_render_options_init (&options);
  vpc_render_get_bounds (design, &options, &x, &y, &w, &h);
  options.offset_x = -x;
  options.offset_y = -y;
  vpc_render_design_svg (svg, design, &options, w, h);
  return g_string_free (svg, FALSE);
}

/* Crossings of @design's connectors, on the routes and on its SVG (the
 * same number); the routes are checked on the way. */
static guint
crossings_of (VpcDesign *design)
{
  g_autoptr(GPtrArray) routes = routes_of (design);
  g_autofree char *svg = export_svg (design);
  g_autoptr(GPtrArray) drawn = svg_routes (svg);
  guint n = vpc_render_routes_count_crossings (routes);

  g_assert_cmpuint (check_routes (design, routes), ==, 0);
  g_assert_cmpuint (drawn->len, ==, routes->len);
  g_assert_cmpuint (vpc_render_routes_count_crossings (drawn), ==, n);
  return n;
}

static void
set_layout (VpcDesign  *design,
            const char *id,
            double      x,
            double      y,
            double      w,
            double      h)
{
  g_autoptr(VpcElement) copy = vpc_element_copy (vpc_design_lookup (design, id));

  copy->has_layout = TRUE;
  copy->layout = (VpcRect) { x, y, w, h };
  g_assert_true (vpc_design_replace_element (design, g_steal_pointer (&copy)));
}

/* --- the counter --------------------------------------------------------- */

static void
test_count_crossings (void)
{
  g_autoptr (GPtrArray) routes
      = g_ptr_array_new_with_free_func ((GDestroyNotify) vpc_link_route_free);

  /* Apart, parallel, and one that turns: none. */
  ROUTE (routes, "a", "A", 0, 0, 100, 0);
  ROUTE (routes, "b", "B", 0, 10, 100, 10);
  ROUTE (routes, "c", "C", 0, 20, 50, 20, 50, 60);
  g_assert_cmpuint (vpc_render_routes_count_crossings (routes), ==, 0);

  /* Through one: a crossing. */
  ROUTE (routes, "d", "D", 20, -10, 20, 30);
  g_assert_cmpuint (vpc_render_routes_count_crossings (routes), ==, 3);
  g_ptr_array_set_size (routes, 3);

  /* Along one (collinear overlap), and touching one's middle. */
  ROUTE (routes, "e", "E", 90, 0, 150, 0);
  ROUTE (routes, "f", "F", 30, 10, 30, 15);
  g_assert_cmpuint (vpc_render_routes_count_crossings (routes), ==, 2);
  g_ptr_array_set_size (routes, 3);

  /* Both ending at one point of one element: not a crossing; of two
   * elements, or ending on the other's bend: a crossing. */
  ROUTE (routes, "g", "C", 80, 60, 50, 60);
  g_assert_cmpuint (vpc_render_routes_count_crossings (routes), ==, 0);
  ROUTE (routes, "h", "H", 50, 20, 50, -20);
  g_assert_cmpuint (vpc_render_routes_count_crossings (routes), ==, 4);
  g_ptr_array_set_size (routes, 4);
  ROUTE (routes, "C", "i", 50, 60, 50, 90);
  g_assert_cmpuint (vpc_render_routes_count_crossings (routes), ==, 0);

  /* Slanted lines count too. */
  ROUTE (routes, "j", "J", 0, 0, 100, 100);
  g_assert_cmpuint (vpc_render_routes_count_crossings (routes), ==, 5);
}

/* --- markers ------------------------------------------------------------- */

/* One subnet, endpoints around it: each marker on the facing side, in the
 * endpoints' order along it, never overlapping, inside, below the header. */
static void
test_markers_face (void)
{
  static const char text[]
      = "{\"format\":\"vpc-designer\",\"version\":1,\"region\":\"us-east-1\","
        "\"vpc\":{\"cidr\":\"10.0.0.0/16\",\"layout\":{\"x\":0,\"y\":0,\"w\":1400,\"h\":1400}},"
        "\"availability_zones\":[{\"id\":\"az\",\"layout\":{\"x\":300,\"y\":300,\"w\":500,\"h\":"
        "500}}],"
        "\"subnets\":[{\"id\":\"sn\",\"az\":\"az\",\"cidr\":\"10.0.1.0/24\","
        "\"layout\":{\"x\":320,\"y\":340,\"w\":400,\"h\":300}}],"
        "\"endpoints\":["
        "{\"id\":\"r1\",\"service\":\"logs\",\"subnets\":[\"sn\"],\"layout\":{\"x\":900,\"y\":500,"
        "\"w\":72,\"h\":72}},"
        "{\"id\":\"r0\",\"service\":\"sts\",\"subnets\":[\"sn\"],\"layout\":{\"x\":900,\"y\":400,"
        "\"w\":72,\"h\":72}},"
        "{\"id\":\"r2\",\"service\":\"kms\",\"subnets\":[\"sn\"],\"layout\":{\"x\":900,\"y\":505,"
        "\"w\":72,\"h\":72}},"
        "{\"id\":\"r3\",\"service\":\"ssm\",\"subnets\":[\"sn\"],\"layout\":{\"x\":900,\"y\":1000,"
        "\"w\":72,\"h\":72}},"
        "{\"id\":\"l0\",\"service\":\"ecr.api\",\"subnets\":[\"sn\"],\"layout\":{\"x\":100,\"y\":0,"
        "\"w\":72,\"h\":72}},"
        "{\"id\":\"b0\",\"service\":\"ecr.dkr\",\"subnets\":[\"sn\"],\"layout\":{\"x\":400,\"y\":"
        "900,\"w\":72,\"h\":72}},"
        "{\"id\":\"t0\",\"service\":\"sagemaker.api\",\"subnets\":[\"sn\"],\"layout\":{\"x\":600,"
        "\"y\":100,\"w\":72,\"h\":72}}"
        "]}";
  g_autoptr(VpcDesign) design = load_text (text);
  const VpcElement *sn = vpc_design_lookup (design, "sn");
  const VpcRect *s = &sn->layout;
  Markers m;
  const VpcRect *r0, *r1, *r2, *r3, *l0, *b0, *t0;

  markers_init (&m, design);
  g_assert_cmpuint (m.order->len, ==, 7);
  r0 = g_hash_table_lookup (m.markers, "r0/sn");
  r1 = g_hash_table_lookup (m.markers, "r1/sn");
  r2 = g_hash_table_lookup (m.markers, "r2/sn");
  r3 = g_hash_table_lookup (m.markers, "r3/sn");
  l0 = g_hash_table_lookup (m.markers, "l0/sn");
  b0 = g_hash_table_lookup (m.markers, "b0/sn");
  t0 = g_hash_table_lookup (m.markers, "t0/sn");

  /* Right side: at the tile's centre where it can be, in order, apart. */
  for (const VpcRect *const *r = (const VpcRect *const[]) { r0, r1, r2, r3, NULL }; *r != NULL; r++)
    {
      g_assert_cmpfloat (fabs ((*r)->x + (*r)->w - (s->x + s->w)), <, 8);
      g_assert_cmpfloat ((*r)->y, >=, s->y + 40);
      g_assert_cmpfloat ((*r)->y + (*r)->h, <=, s->y + s->h);
    }
  g_assert_cmpfloat (r0->y + r0->h / 2, ==, 422);
  g_assert_cmpfloat (r1->y + r1->h / 2, ==, 522);
  g_assert_cmpfloat (r2->y, >=, r1->y + r1->h);
  g_assert_cmpfloat (r3->y, >=, r2->y + r2->h);
  /* Left (diagonal: left and above), bottom and top sides. */
  g_assert_cmpfloat (fabs (l0->x - s->x), <, 8);
  g_assert_cmpfloat (l0->y, >=, s->y + 40);
  g_assert_cmpfloat (fabs (b0->y + b0->h - (s->y + s->h)), <, 8);
  g_assert_cmpfloat (b0->x + b0->w / 2, ==, 436);
  g_assert_cmpfloat (t0->y, >=, s->y + 40);
  g_assert_cmpfloat (t0->x + t0->w / 2, ==, 636);
  markers_clear (&m);
}

/* --- the study guide's design -------------------------------------------- */

static char *
study_guide_path (void)
{
  return g_test_build_filename (G_TEST_DIST, "data", "diagram", "study-guide.vpcd.json", NULL);
}

/* The representation issue 10 chose, laid out here by hand (the layout
 * engine does the same): the endpoints in a column between the two AZs, one
 * per row, the subnets as tall as the rows; workloads at the top of
 * Private A. */
static void
test_study_guide_column (void)
{
  g_autofree char *path = study_guide_path ();
  g_autoptr(VpcDesign) design = load_path (path);
  g_autoptr(GPtrArray) routes = NULL;
  const double az_w = 300, gutter = 168, row = 104, top = 100;
  guint n_ep = vpc_design_get_n_elements (design, VPC_KIND_ENDPOINT);
  double sub_h = 56 + n_ep * row, bx = 24 + az_w + gutter;
  guint straight = 0;

  vpc_design_begin (design, "Column");
  {
    g_autoptr(VpcDesignInfo) info = vpc_design_info_copy (vpc_design_get_info (design));

    info->has_vpc_layout = TRUE;
    info->vpc_layout = (VpcRect) { 0, 0, 2 * az_w + gutter + 48, 56 + 44 + sub_h + 24 + 140 };
    g_assert_true (vpc_design_set_info (design, g_steal_pointer (&info)));
  }
  set_layout (design, "az-a", 24, 56, az_w, 44 + sub_h + 24);
  set_layout (design, "az-b", bx, 56, az_w, 44 + sub_h + 24);
  set_layout (design, "private-a", 48, top, az_w - 48, sub_h);
  set_layout (design, "private-b", bx + 24, top, az_w - 48, sub_h);
  for (guint i = 0; i < n_ep; i++)
    set_layout (design, vpc_design_get_element (design, VPC_KIND_ENDPOINT, i)->id,
                24 + az_w + gutter / 2 - 36, top + 56 + i * row, 72, 72);
  set_layout (design, "training", 72, top + 56, 72, 72);
  set_layout (design, "hosting", 184, top + 56, 72, 72);
  g_assert_true (vpc_design_commit (design));

  routes = routes_of (design);
  for (guint i = 0; i < routes->len; i++)
    {
      const VpcLinkRoute *r = g_ptr_array_index (routes, i);

      if (r->kind == VPC_LINK_INTERFACE)
        {
          g_assert_cmpuint (r->n_points, ==, 2);
          g_assert_cmpfloat (r->points[0].y, ==, r->points[1].y);
          straight++;
        }
      else
        g_assert_cmpint (r->kind, ==, VPC_LINK_WORKLOAD);
    }
  g_assert_cmpuint (straight, ==, 12);
  g_assert_cmpuint (routes->len, ==, 14);
  g_assert_cmpuint (count_under_tiles (design, routes), ==, 0);
  g_assert_cmpuint (crossings_of (design), ==, 0);
}

static void
test_study_guide_auto (void)
{
  g_autofree char *path = study_guide_path ();
  g_autoptr(VpcDesign) design = load_path (path);
  guint n = crossings_of (design);

  g_test_message ("study guide, automatic layout: %u crossings", n);
  if (!STUDY_GUIDE_WAITS_FOR_TIDY)
    g_assert_cmpuint (n, ==, 0);
}

/* An edit in progress may hold any number (the design judges at the
 * commit): elements at NaN, infinity, far out or of size 0 are left out,
 * the others still route, with finite points. */
static void
test_hostile_layouts (void)
{
  static const double values[] = { NAN, INFINITY, -INFINITY, 1e13, -1e13, 0, -5 };
  g_autofree char *path = study_guide_path ();
  g_autoptr(VpcDesign) design = load_path (path);
  const char *const ids[] = { "training", "ep-api", "private-b", "s3-gateway", "sg-ml" };

  for (guint v = 0; v < G_N_ELEMENTS (values); v++)
    for (guint field = 0; field < 4; field++)
      {
        vpc_design_begin (design, "Hostile");
        for (guint i = 0; i < G_N_ELEMENTS (ids); i++)
          {
            g_autoptr(VpcElement) copy = vpc_element_copy (vpc_design_lookup (design, ids[i]));
            double *f[] = { &copy->layout.x, &copy->layout.y, &copy->layout.w, &copy->layout.h };

            *f[field] = values[v];
            g_assert_true (vpc_design_replace_element (design, g_steal_pointer (&copy)));
          }
        {
          g_autoptr(GPtrArray) routes = routes_of (design);

          for (guint i = 0; i < routes->len; i++)
            {
              const VpcLinkRoute *r = g_ptr_array_index (routes, i);

              for (guint k = 0; k < r->n_points; k++)
                g_assert_true (isfinite (r->points[k].x) && isfinite (r->points[k].y));
            }
          vpc_render_routes_count_crossings (routes);
        }
        vpc_design_rollback (design);
      }
}

/* --- examples and random designs ----------------------------------------- */

static gint
compare_names (gconstpointer a,
               gconstpointer b)
{
  return strcmp (*(const char *const *) a, *(const char *const *) b);
}

static void
test_examples (void)
{
  const char *dir = g_getenv ("VPC_EXAMPLES_DIR");
  g_autoptr(GDir) folder = NULL;
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  const char *name;
  guint total = 0, unexpected = 0;

  g_assert_nonnull (dir);
  folder = g_dir_open (dir, 0, NULL);
  g_assert_nonnull (folder);
  while ((name = g_dir_read_name (folder)) != NULL)
    if (g_str_has_suffix (name, ".vpcd.json"))
      g_ptr_array_add (names, g_strdup (name));
  g_ptr_array_sort (names, compare_names);
  g_assert_cmpuint (names->len, >=, 8);
  for (guint i = 0; i < names->len; i++)
    {
      name = g_ptr_array_index (names, i);
      {
        g_autofree char *path = g_build_filename (dir, name, NULL);
        g_autoptr(VpcDesign) design = load_path (path);
        g_autoptr(GPtrArray) routes = routes_of (design);
        guint n = crossings_of (design);
        guint under = count_under_tiles (design, routes);

        g_test_message ("%s: %u crossings, %u segments under other icons", name, n, under);
        if (!g_strv_contains (waiting_for_tidy, name))
          unexpected += under;
        total += n;
        if (!g_strv_contains (waiting_for_tidy, name))
          unexpected += n;
      }
    }
  g_test_message ("examples: %u crossings in all", total);
  g_assert_cmpuint (unexpected, ==, 0);
}

/* Drawing a canvas frame of a design not routed yet: with
 * connectors_when_routed nothing is routed (and no connector drawn); once
 * vpc_render_route() has run, the frame draws them from the routes kept
 * on the design. */
static void
test_connectors_when_routed (void)
{
  const char *dir = g_getenv ("VPC_EXAMPLES_DIR");
  g_autofree char *path = g_build_filename (dir, "two-az-training-and-hosting.vpcd.json", NULL);
  g_autoptr(VpcDesign) design = load_path (path);
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 400, 300);
  cairo_t *cr = cairo_create (surface);
  VpcRenderOptions options;
  GPtrArray *routes = NULL;

  vpc_render_options_init (&options);
  options.connectors_when_routed = TRUE;
  g_assert_false (vpc_routes_were_made (design));
  vpc_render_design (cr, design, &options);
  g_assert_false (vpc_routes_were_made (design));

  vpc_render_route (design, &options);
  g_assert_true (vpc_routes_were_made (design));
  vpc_routes_get_cached (design, NULL, &routes);
  g_assert_cmpuint (routes->len, >, 0);
  vpc_render_design (cr, design, &options);
  g_assert_cmpint (cairo_status (cr), ==, CAIRO_STATUS_SUCCESS);

  /* Without the option, the first frame routes as before. */
  {
    g_autoptr(VpcDesign) fresh = load_path (path);

    options.connectors_when_routed = FALSE;
    vpc_render_design (cr, fresh, &options);
    g_assert_true (vpc_routes_were_made (fresh));
  }
  cairo_destroy (cr);
  cairo_surface_destroy (surface);
}

/* @routes as text: "kind from to" per line, then with @points every
 * point's coordinates exact. */
static char *
describe_routes (GPtrArray *routes,
                 gboolean   points)
{
  GString *text = g_string_new (NULL);

  for (guint i = 0; i < routes->len; i++)
    {
      const VpcLinkRoute *r = g_ptr_array_index (routes, i);

      g_string_append_printf (text, "%d %s %s:", r->kind, r->from, r->to);
      for (guint k = 0; points && k < r->n_points; k++)
        g_string_append_printf (text, " %.17g,%.17g", r->points[k].x, r->points[k].y);
      g_string_append_c (text, '\n');
    }
  return g_string_free (text, FALSE);
}

static char *
routes_text (GPtrArray *routes)
{
  return describe_routes (routes, TRUE);
}

/* Which link goes where in @routes. */
static char *
links_text (GPtrArray *routes)
{
  return describe_routes (routes, FALSE);
}

/* The routes @design gets from vpc_routes_get_cached() with @options. */
static char *
cached_routes_text (VpcDesign              *design,
                    const VpcRoutesOptions *options)
{
  GPtrArray *routes = NULL;

  vpc_routes_get_cached (design, options, &routes);
  return routes_text (routes);
}

/* No line reads a name: renaming an element keeps the routes made (and
 * the router, whose elements are still the design's), and the next frame
 * draws the new name; a move makes them again. */
static void
test_rename_keeps_routes (void)
{
  const char *dir = g_getenv ("VPC_EXAMPLES_DIR");
  g_autofree char *path = g_build_filename (dir, "two-az-training-and-hosting.vpcd.json", NULL);
  g_autoptr(VpcDesign) design = load_path (path);
  g_autoptr(VpcElement) renamed = NULL, moved = NULL;
  g_autofree char *before = cached_routes_text (design, NULL), *svg = NULL;
  g_autofree char *after = NULL;
  const VpcElement *workload = vpc_design_get_element (design, VPC_KIND_WORKLOAD, 0);
  g_autoptr(GPtrArray) kept = NULL;
  GPtrArray *now = NULL;
  VpcExportOptions export_options;

  /* Held here, made again they could not come back at the same address. */
  vpc_routes_get_cached (design, NULL, &kept);
  g_ptr_array_ref (kept);

  g_assert_cmpstr (before, !=, "");
  renamed = vpc_element_copy (workload);
  g_free (renamed->name);
  renamed->name = g_strdup ("Renamed & kept");
  g_assert_true (vpc_design_replace_element (design, g_steal_pointer (&renamed)));
  vpc_routes_get_cached (design, NULL, &now);
  g_assert_true (now == kept);
  after = cached_routes_text (design, NULL);
  g_assert_cmpstr (after, ==, before);
  vpc_export_options_init (&export_options);
  svg = vpc_export_svg_text (design, &export_options);
  g_assert_nonnull (strstr (svg, "Renamed &amp; kept"));

  moved = vpc_element_copy (workload);
  g_assert_true (moved->has_layout);
  moved->layout.x += 400;
  g_assert_true (vpc_design_replace_element (design, g_steal_pointer (&moved)));
  vpc_routes_get_cached (design, NULL, &now);
  g_assert_true (now != kept);
  g_clear_pointer (&after, g_free);
  after = cached_routes_text (design, NULL);
  g_assert_cmpstr (after, !=, before);
}

/* Routes made on another thread (an export's) are the routes made when
 * asked, and tell the kinds of links meanwhile; asked for other sizes,
 * they are made again; a design freed before they are collected waits
 * for the thread. */
static void
test_prefetch (void)
{
  const char *dir = g_getenv ("VPC_EXAMPLES_DIR");
  g_autofree char *path = g_build_filename (dir, "two-az-training-and-hosting.vpcd.json", NULL);
  g_autoptr(VpcDesign) fetched = load_path (path);
  g_autoptr(VpcDesign) plain = load_path (path);
  VpcRoutesOptions options, larger;
  g_autofree char *expected = NULL, *got = NULL, *got_larger = NULL, *expected_larger = NULL;

  vpc_routes_options_init (&options);
  larger = options;
  larger.subnet_header += 40;
  expected = cached_routes_text (plain, &options);
  g_assert_cmpstr (expected, !=, "");

  vpc_routes_prefetch (fetched, &options);
  g_assert_true (vpc_routes_prefetching (fetched));
  g_assert_false (vpc_routes_were_made (fetched));
  /* The legend's kinds of links are read from the links the thread has
   * collected, without waiting for or taking its routes. */
  g_assert_cmpuint (vpc_routes_get_kinds (fetched, &options), !=, 0);
  g_assert_cmpuint (vpc_routes_get_kinds (fetched, &options), ==,
                    vpc_routes_get_kinds (plain, &options));
  g_assert_true (vpc_routes_prefetching (fetched));
  got = cached_routes_text (fetched, &options);
  g_assert_false (vpc_routes_prefetching (fetched));
  g_assert_cmpstr (got, ==, expected);

  {
    g_autoptr(VpcDesign) other = load_path (path);

    vpc_routes_prefetch (other, &options);
    expected_larger = cached_routes_text (plain, &larger);
    got_larger = cached_routes_text (other, &larger);
    g_assert_false (vpc_routes_prefetching (other));
    g_assert_cmpstr (got_larger, ==, expected_larger);
    g_assert_cmpstr (got_larger, !=, expected);
  }
  {
    VpcDesign *gone = load_path (path);

    vpc_routes_prefetch (gone, &options);
    g_object_unref (gone);
  }
}

static void
test_random (void)
{
  guint total = 0, with = 0, links = 0, slanted = 0, under = 0;

  for (guint seed = 1; seed <= N_RANDOM; seed++)
    {
      g_autofree char *text = random_design_json (seed);
      g_autoptr(VpcDesign) design = load_text (text);
      g_autoptr(GPtrArray) routes = routes_of (design);
      guint n = vpc_render_routes_count_crossings (routes);

      slanted += check_routes (design, routes);
      under += count_under_tiles (design, routes);
      links += routes->len;
      total += n;
      with += n > 0;
    }
  g_test_message ("%u random designs: %u links, %u crossings, %u designs with any, "
                  "%u segments under other icons, %u slanted segments",
                  N_RANDOM, links, total, with, under, slanted);
  g_assert_cmpuint (slanted, ==, 0);
}

/* The placed segments by band (only those that can cost a candidate
 * anything) cost every candidate segment what all of them do, each sum
 * exact (whole-number costs): so the routes are those a scan of every
 * placed segment chooses. And the lanes, taken from sorted runs walked
 * outwards, are those sorting every candidate gives. On the random
 * designs and the scenarios, whose larger scenes hold dozens. */
static void
test_indexed_segments (void)
{
  g_autofree char *dir = g_test_build_filename (G_TEST_DIST, "data", "scenarios", NULL);
  g_autoptr(GDir) folder = g_dir_open (dir, 0, NULL);
  const char *name;
  guint designs = 0, checked, lanes;

  _vpc_routes_set_check_bands (TRUE);
  _vpc_routes_set_check_lanes (TRUE);
  for (guint seed = 1; seed <= N_RANDOM; seed++, designs++)
    {
      g_autofree char *text = random_design_json (seed);
      g_autoptr(VpcDesign) design = load_text (text);
      g_autoptr(GPtrArray) routes = routes_of (design);
    }
  g_assert_nonnull (folder);
  while ((name = g_dir_read_name (folder)) != NULL)
    if (g_str_has_suffix (name, ".vpcd.json"))
      {
        g_autofree char *path = g_build_filename (dir, name, NULL);
        g_autoptr(VpcDesign) design = load_path (path);
        g_autoptr(GPtrArray) routes = routes_of (design);

        designs++;
      }
  checked = _vpc_routes_set_check_bands (FALSE);
  lanes = _vpc_routes_set_check_lanes (FALSE);
  g_test_message ("%u designs, %u candidate segments and %u lane searches checked", designs,
                  checked, lanes);
  g_assert_cmpuint (designs, >, N_RANDOM);
  g_assert_cmpuint (checked, >, 100000);
  g_assert_cmpuint (lanes, >, 2000);
}

/* Lanes from coordinates a few ulps apart, which round to the same
 * distance from a far preferred place: the lower comes first, as a sort
 * gives (the search aborts on any difference from sorting every
 * candidate). A found case first, then random ones. */
static void
test_lanes_near_duplicates (void)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (2026);
  double found[2] = { 100.3, nextafter (100.3, G_MAXDOUBLE) }, out[64];

  /* 900, 1000, 500, then 8 either side of the pair, the lower first. */
  g_assert_cmpuint (_vpc_routes_test_lanes (found, 2, 0, 1000, 900, 28, out), ==, 7);
  g_assert_cmpfloat (out[3], ==, found[0] + 8);
  g_assert_cmpfloat (out[5], ==, found[0] - 8);
  for (guint t = 0; t < 20000; t++)
    {
      double coords[24], lo = g_rand_double_range (rand, -500, 500);
      double hi = lo + g_rand_double_range (rand, -50, 1500);
      double pref = g_rand_double_range (rand, lo - 600, hi + 600);
      guint n = (guint) g_rand_int_range (rand, 0, G_N_ELEMENTS (coords) + 1);

      for (guint i = 0; i < n; i++)
        {
          coords[i] = i > 0 && g_rand_boolean (rand)
                          ? nextafter (coords[i - 1], g_rand_boolean (rand) ? G_MAXDOUBLE : -G_MAXDOUBLE)
                          : g_rand_double_range (rand, lo - 100, hi + 100);
          if (g_rand_int_range (rand, 0, 4) == 0)
            coords[i] = floor (coords[i]);
        }
      _vpc_routes_test_lanes (coords, n, lo, hi, pref, (guint) g_rand_int_range (rand, 1, 30), out);
    }
}

/* @design's routes against those of a copy routed anew: the same links
 * in the same order, the same markers and fixed ports, and every route
 * from its marker or icon to its endpoint's tile or its subnet's border. */
static void
check_like_fresh (VpcDesign *design,
                  GPtrArray *routes)
{
  g_autoptr(VpcDesign) copy = vpc_design_duplicate (design);
  GPtrArray *fresh = NULL;
  Markers m, n;

  vpc_routes_get_cached (copy, NULL, &fresh);
  g_assert_cmpuint (routes->len, ==, fresh->len);
  for (guint i = 0; i < routes->len; i++)
    {
      const VpcLinkRoute *a = g_ptr_array_index (routes, i), *b = g_ptr_array_index (fresh, i);

      g_assert_cmpint (a->kind, ==, b->kind);
      g_assert_cmpstr (a->from, ==, b->from);
      g_assert_cmpstr (a->to, ==, b->to);
      /* Fixed ports: where an interface starts, a gateway endpoint ends. */
      if (a->kind == VPC_LINK_INTERFACE)
        g_assert_true (memcmp (&a->points[0], &b->points[0], sizeof (VpcPoint)) == 0);
      if (a->kind == VPC_LINK_GATEWAY)
        g_assert_true (memcmp (&a->points[a->n_points - 1], &b->points[b->n_points - 1],
                               sizeof (VpcPoint)) == 0);
    }
  g_assert_cmpuint (check_routes (design, routes), ==, 0);
  markers_init (&m, design);
  markers_init (&n, copy);
  g_assert_true (markers_equal (&m, &n));
  markers_clear (&m);
  markers_clear (&n);
}

/* An edit of one element's fields but its box and id, at random: one that
 * changes no link (*@neutral: a job's instance count, a subnet's route)
 * or one that may (a list of subnets, an endpoint's type, a NAT
 * gateway's subnet, a workload leaving the VPC or moved to another
 * subnet). FALSE when the design
 * refused it. */
static gboolean
edit_fields (VpcDesign *design,
             GRand     *rand,
             gboolean  *neutral)
{
  VpcKind kinds[] = { VPC_KIND_WORKLOAD, VPC_KIND_ENDPOINT, VPC_KIND_NAT_GATEWAY,
                      VPC_KIND_SUBNET };
  VpcKind kind = kinds[g_rand_int_range (rand, 0, G_N_ELEMENTS (kinds))];
  guint n = vpc_design_get_n_elements (design, kind);
  guint n_subnets = vpc_design_get_n_elements (design, VPC_KIND_SUBNET);
  g_autoptr(VpcElement) copy = NULL;
  const char *subnet;

  if (n == 0 || n_subnets == 0)
    return FALSE;
  copy = vpc_element_copy (vpc_design_get_element (design, kind, g_rand_int_range (rand, 0, n)));
  subnet = vpc_design_get_element (design, VPC_KIND_SUBNET,
                                   g_rand_int_range (rand, 0, n_subnets))->id;
  *neutral = g_rand_boolean (rand);
  if (kind == VPC_KIND_WORKLOAD && *neutral)
    copy->instance_count = copy->instance_count % 4 + 1;
  else if (kind == VPC_KIND_SUBNET && *neutral)
    copy->route = (copy->route + 1) % 3;
  else if (kind == VPC_KIND_SUBNET || *neutral)
    return FALSE;
  else if (kind == VPC_KIND_NAT_GATEWAY)
    {
      g_free (copy->subnet);
      copy->subnet = g_strdup (subnet);
    }
  else if (kind == VPC_KIND_ENDPOINT && g_rand_boolean (rand))
    copy->endpoint_type = copy->endpoint_type == VPC_ENDPOINT_INTERFACE ? VPC_ENDPOINT_GATEWAY
                                                                          : VPC_ENDPOINT_INTERFACE;
  else if (kind == VPC_KIND_WORKLOAD && g_rand_int_range (rand, 0, 4) == 0)
    copy->vpc_mode = !copy->vpc_mode;
  else if (kind == VPC_KIND_WORKLOAD && copy->subnets->len > 0
           && !vpc_id_list_contains (copy->subnets, subnet) && g_rand_boolean (rand))
    {
      /* Moved to another subnet: as many links. */
      guint i = g_rand_int_range (rand, 0, copy->subnets->len);

      g_free (g_ptr_array_index (copy->subnets, i));
      g_ptr_array_index (copy->subnets, i) = g_strdup (subnet);
    }
  else if (copy->subnets != NULL && copy->subnets->len > 0 && g_rand_boolean (rand))
    g_ptr_array_remove_index (copy->subnets, g_rand_int_range (rand, 0, copy->subnets->len));
  else if (copy->subnets != NULL && !vpc_id_list_contains (copy->subnets, subnet))
    g_ptr_array_add (copy->subnets, g_strdup (subnet));
  else
    return FALSE;
  return vpc_design_replace_element (design, g_steal_pointer (&copy));
}

/* Past a size (here every design), a move updates the routes kept on the
 * design rather than making them again: after each of many random moves
 * (of every kind of element, through either edit, some undone, some
 * taking an icon into or out of its subnet) and edits of other fields
 * (some changing links: a workload moved to another subnet is updated
 * too), they are still the links a fresh routing makes,
 * with its markers and fixed ports, each from its icon to its subnet. An
 * edit that changes no link keeps the routes. */
static void
test_update_after_moves (void)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (11);
  guint updated = 0, remade = 0, kept_over_edits = 0, edits_linking = 0, relinked = 0;

  _vpc_routes_set_update_min_routes (0);
  for (guint seed = 1; seed <= 80; seed++)
    {
      g_autofree char *text = random_design_json (seed);
      g_autoptr(VpcDesign) design = load_text (text);
      GPtrArray *routes = NULL;

      vpc_routes_get_cached (design, NULL, &routes);
      for (guint step = 0; step < 12; step++)
        {
          VpcKind kind = g_rand_int_range (rand, 0, VPC_N_KINDS);
          guint n = vpc_design_get_n_elements (design, kind), index;
          guint64 revision = vpc_design_get_shape_revision (design);
          double reach = g_rand_int_range (rand, 0, 4) == 0 ? 400 : 60;
          GPtrArray *before = routes; /* compared, never read: it may be gone */
          guint n_before = routes->len;
          gboolean neutral;
          VpcRect r;

          if (g_rand_int_range (rand, 0, 3) == 0)
            {
              g_autofree char *links_before = links_text (routes);
              g_autofree char *links_after = NULL;

              if (!edit_fields (design, rand, &neutral))
                continue;
              if (g_rand_int_range (rand, 0, 5) == 0)
                vpc_design_undo (design);
              vpc_routes_get_cached (design, NULL, &routes);
              /* Nothing to route again: the same routes, updated (a
               * router that routed nothing has nothing to update). */
              if (neutral && n_before > 0)
                g_assert_true (routes == before);
              kept_over_edits += neutral && n_before > 0;
              edits_linking += !neutral;
              /* Links to other subnets, as many: updated too. */
              links_after = links_text (routes);
              relinked += routes == before && g_strcmp0 (links_before, links_after) != 0;
              check_like_fresh (design, routes);
              continue;
            }
          if (n == 0 || !vpc_design_get_element (design, kind, index = g_rand_int_range (rand, 0, n))
                             ->has_layout)
            continue;
          r = vpc_design_get_element (design, kind, index)->layout;
          r.x += g_rand_double_range (rand, -reach, reach);
          r.y += g_rand_double_range (rand, -reach, reach);
          if (g_rand_boolean (rand))
            vpc_design_set_layout (design, kind, index, &r);
          else
            {
              VpcElement *copy = vpc_element_copy (vpc_design_get_element (design, kind, index));

              copy->layout = r;
              vpc_design_replace_element (design, copy);
            }
          if (g_rand_int_range (rand, 0, 5) == 0)
            vpc_design_undo (design);
          vpc_routes_get_cached (design, NULL, &routes);
          if (vpc_design_get_shape_revision (design) != revision)
            {
              if (routes == before)
                updated++;
              else
                remade++;
            }
          check_like_fresh (design, routes);
        }
    }
  _vpc_routes_set_update_min_routes (2048);
  g_test_message ("%u updates, %u made again; %u edits kept the routes, %u edits of links, "
                  "%u of them updated",
                  updated, remade, kept_over_edits, edits_linking, relinked);
  g_assert_cmpuint (updated, >, 200);
  g_assert_cmpuint (relinked, >, 0);
  g_assert_cmpuint (remade, >, 10);
  g_assert_cmpuint (kept_over_edits, >, 30);
  g_assert_cmpuint (edits_linking, >, 30);
}

/* A workload moved to another subnet (as many subnets) in a design big
 * enough to update its routes: its link goes to the other subnet in place,
 * as a fresh routing makes it; moving that subnet afterwards takes the
 * line along. */
static void
test_update_relinked (void)
{
  g_autofree char *text = random_design_json (5);
  g_autoptr(VpcDesign) design = load_text (text);
  GPtrArray *routes = NULL, *before;
  g_autoptr(VpcElement) copy = NULL;
  g_autofree char *links_before = NULL;
  g_autofree char *links_after = NULL;
  const char *target = NULL;
  VpcRect r;
  int at = -1;

  _vpc_routes_set_update_min_routes (0);
  vpc_routes_get_cached (design, NULL, &routes);
  before = routes;
  links_before = links_text (routes);
  /* The first workload with a line to a subnet: to another one. */
  for (guint i = 0; i < routes->len && at < 0; i++)
    {
      const VpcLinkRoute *route = g_ptr_array_index (routes, i);
      const VpcElement *w = vpc_design_lookup (design, route->from);

      if (route->kind != VPC_LINK_WORKLOAD || w == NULL)
        continue;
      for (guint k = 0; k < vpc_design_get_n_elements (design, VPC_KIND_SUBNET) && target == NULL;
           k++)
        {
          const VpcElement *subnet = vpc_design_get_element (design, VPC_KIND_SUBNET, k);

          if (subnet->has_layout && !vpc_id_list_contains (w->subnets, subnet->id))
            target = subnet->id;
        }
      copy = vpc_element_copy (w);
      for (guint j = 0; j < copy->subnets->len; j++)
        if (g_str_equal (g_ptr_array_index (copy->subnets, j), route->to))
          {
            g_free (g_ptr_array_index (copy->subnets, j));
            g_ptr_array_index (copy->subnets, j) = g_strdup (target);
            at = (int) j;
          }
    }
  g_assert_cmpint (at, >=, 0);
  g_assert_true (vpc_design_replace_element (design, g_steal_pointer (&copy)));
  vpc_routes_get_cached (design, NULL, &routes);
  g_assert_true (routes == before);
  links_after = links_text (routes);
  g_assert_cmpstr (links_after, !=, links_before);
  g_assert_nonnull (strstr (links_after, target));
  check_like_fresh (design, routes);

  /* The subnet it now links to moved: its line with it. */
  r = vpc_design_lookup (design, target)->layout;
  r.x += 24;
  r.y += 16;
  vpc_design_set_layout (design, VPC_KIND_SUBNET, vpc_design_index_of (design, target), &r);
  vpc_routes_get_cached (design, NULL, &routes);
  check_like_fresh (design, routes);
  _vpc_routes_set_update_min_routes (2048);
}

/* The first interface endpoint of @design with subnets, or -1. */
static int
first_interface (VpcDesign *design)
{
  for (guint i = 0; i < vpc_design_get_n_elements (design, VPC_KIND_ENDPOINT); i++)
    {
      const VpcElement *e = vpc_design_get_element (design, VPC_KIND_ENDPOINT, i);

      if (e->endpoint_type == VPC_ENDPOINT_INTERFACE && e->subnets != NULL && e->subnets->len > 0)
        return (int) i;
    }
  return -1;
}

/* Edits the routes kept on a design are updated over, in the cases random
 * edits rarely meet: an interface endpoint drawn without a box given
 * other subnets, and an endpoint's type edited across the number of
 * interface endpoints whose lines are drawn. As a fresh routing each. */
static void
test_update_after_edits (void)
{
  g_autofree char *text = random_design_json (5);
  g_autoptr(VpcDesign) design = load_text (text);
  GPtrArray *routes = NULL;
  int at = first_interface (design);
  g_autoptr(VpcElement) copy = NULL;
  guint n_interfaces = 0, n;

  g_assert_cmpint (at, >=, 0);
  _vpc_routes_set_update_min_routes (0);
  vpc_routes_get_cached (design, NULL, &routes);

  /* Without its box: its lines start at markers only. */
  copy = vpc_element_copy (vpc_design_get_element (design, VPC_KIND_ENDPOINT, at));
  copy->has_layout = FALSE;
  g_assert_true (vpc_design_replace_element (design, g_steal_pointer (&copy)));
  vpc_routes_get_cached (design, NULL, &routes);
  check_like_fresh (design, routes);
  /* One subnet fewer: one marker fewer. */
  copy = vpc_element_copy (vpc_design_get_element (design, VPC_KIND_ENDPOINT, at));
  g_ptr_array_remove_index (copy->subnets, 0);
  g_assert_true (vpc_design_replace_element (design, g_steal_pointer (&copy)));
  vpc_routes_get_cached (design, NULL, &routes);
  check_like_fresh (design, routes);

  /* One interface endpoint past the limit (its list of subnets empty, so
   * that nothing else about it changes with its type): no interface's
   * line is drawn, until its type makes it a gateway endpoint. */
  for (guint i = 0; i < vpc_design_get_n_elements (design, VPC_KIND_ENDPOINT); i++)
    n_interfaces += vpc_design_get_element (design, VPC_KIND_ENDPOINT, i)->endpoint_type
                    == VPC_ENDPOINT_INTERFACE;
  n = vpc_design_get_n_elements (design, VPC_KIND_ENDPOINT);
  for (guint i = n_interfaces; i <= VPC_ROUTES_MAX_LINKED_ENDPOINTS; i++)
    {
      copy = vpc_element_copy (vpc_design_get_element (design, VPC_KIND_ENDPOINT, at));
      g_free (copy->id);
      copy->id = g_strdup_printf ("ep-more-%u", i);
      g_ptr_array_set_size (copy->subnets, 0);
      /* A service with gateway endpoints too. */
      g_free (copy->service);
      copy->service = g_strdup ("s3");
      copy->has_layout = TRUE;
      copy->layout = (VpcRect) { -400.0 - 100 * i, -400, 72, 72 };
      g_assert_true (vpc_design_add_element (design, g_steal_pointer (&copy), -1));
    }
  g_assert_false (vpc_routes_link_interfaces (design));
  vpc_routes_get_cached (design, NULL, &routes);
  check_like_fresh (design, routes);
  copy = vpc_element_copy (vpc_design_get_element (design, VPC_KIND_ENDPOINT, n));
  copy->endpoint_type = VPC_ENDPOINT_GATEWAY;
  g_assert_true (vpc_design_replace_element (design, g_steal_pointer (&copy)));
  g_assert_true (vpc_routes_link_interfaces (design));
  vpc_routes_get_cached (design, NULL, &routes);
  check_like_fresh (design, routes);
  _vpc_routes_set_update_min_routes (2048);
}

static const VpcElement *
moved_stand_in (const VpcElement *e,
                gpointer          data)
{
  GHashTable *stand_ins = data;
  const VpcElement *s = g_hash_table_lookup (stand_ins, e->id);

  return s != NULL ? s : e;
}

/* A drag preview of a large design routes only the links of what is
 * dragged, from its stand-in to its subnet, as routing everything with
 * the stand-in would list them; the others are the kept routes. A small
 * design has no preview: everything is routed. */
static void
test_preview (void)
{
  const char *dir = g_getenv ("VPC_EXAMPLES_DIR");
  g_autofree char *path = g_build_filename (dir, "two-az-training-and-hosting.vpcd.json", NULL);
  g_autoptr(VpcDesign) design = load_path (path);
  g_autoptr(GHashTable) stand_ins = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, g_free);
  g_autoptr(GPtrArray) preview = NULL, full = NULL;
  GPtrArray *kept = NULL, *cached = NULL;
  VpcRoutesOptions options;
  guint touching = 0;

  for (guint i = 0; i < vpc_design_get_n_elements (design, VPC_KIND_WORKLOAD); i++)
    {
      const VpcElement *w = vpc_design_get_element (design, VPC_KIND_WORKLOAD, i);
      VpcElement *s = g_memdup2 (w, sizeof *w);

      s->layout.x += 150 + 60 * i;
      s->layout.y += 40;
      g_hash_table_insert (stand_ins, s->id, s);
    }
  vpc_routes_options_init (&options);
  options.shadow = moved_stand_in;
  options.shadow_data = stand_ins;
  g_assert_null (vpc_routes_preview (design, &options, stand_ins, &kept));

  _vpc_routes_set_update_min_routes (0);
  preview = vpc_routes_preview (design, &options, stand_ins, &kept);
  _vpc_routes_set_update_min_routes (2048);
  g_assert_nonnull (preview);
  vpc_routes_get_cached (design, NULL, &cached);
  g_assert_true (kept == cached);
  full = vpc_routes_compute (design, &options);
  for (guint i = 0; i < full->len; i++)
    {
      const VpcLinkRoute *r = g_ptr_array_index (full, i), *p;
      const VpcElement *icon, *subnet;
      VpcRect tile;

      if (!g_hash_table_contains (stand_ins, r->from))
        continue;
      g_assert_cmpuint (touching, <, preview->len);
      p = g_ptr_array_index (preview, touching++);
      g_assert_cmpint (p->kind, ==, r->kind);
      g_assert_cmpstr (p->from, ==, r->from);
      g_assert_cmpstr (p->to, ==, r->to);
      icon = g_hash_table_lookup (stand_ins, p->from);
      subnet = vpc_design_lookup (design, p->to);
      tile_of (icon, &tile);
      g_assert_true (on_border (&tile, p->points[0].x, p->points[0].y));
      g_assert_true (on_border (&subnet->layout, p->points[p->n_points - 1].x,
                                p->points[p->n_points - 1].y));
    }
  g_assert_cmpuint (touching, >, 0);
  g_assert_cmpuint (touching, ==, preview->len);
}

/* The interfaces of the endpoint named by @data, as a selected one's. */
static gboolean
want_interfaces_of (VpcLinkKind       kind,
                    const VpcElement *icon,
                    const VpcElement *subnet,
                    gpointer          data)
{
  return kind == VPC_LINK_INTERFACE && g_str_equal (icon->id, data);
}

/* A drag preview of a large design collects only the icons near what it
 * routes (a frame at 100,000 elements collected them all): its routes
 * are those of a preview that collects every icon. Seeded drags of one or
 * two workloads out of their subnets (the lines then pass other icons), an
 * endpoint or a group, some with a selected endpoint's interfaces routed
 * too. */
static void
test_preview_near (void)
{
  static const VpcKind kinds[] = { VPC_KIND_WORKLOAD, VPC_KIND_WORKLOAD, VPC_KIND_ENDPOINT,
                                   VPC_KIND_SECURITY_GROUP };
  g_autoptr(VpcDesign) design = render_design_large (3000);
  g_autoptr(GRand) rand = g_rand_new_with_seed (7);
  guint n_routes = 0;

  _vpc_routes_set_update_min_routes (0);
  for (guint drag = 0; drag < 240; drag++)
    {
      g_autoptr(GHashTable) stand_ins = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, g_free);
      g_autoptr(GPtrArray) near = NULL, all = NULL;
      GPtrArray *kept = NULL;
      VpcRoutesOptions options;
      VpcKind kind = kinds[drag % G_N_ELEMENTS (kinds)];
      guint n = vpc_design_get_n_elements (design, kind);
      guint first = g_rand_int_range (rand, 0, n - 1);

      /* One, or two neighbours dragged together. */
      for (guint i = first; i <= first + drag % 2; i++)
        {
          VpcElement *s = g_memdup2 (vpc_design_get_element (design, kind, i), sizeof (VpcElement));

          s->layout.x += g_rand_double_range (rand, -500, 500);
          s->layout.y += g_rand_double_range (rand, -500, 500);
          g_hash_table_insert (stand_ins, s->id, s);
        }
      vpc_routes_options_init (&options);
      options.shadow = moved_stand_in;
      options.shadow_data = stand_ins;
      if (drag % 3 == 0)
        {
          n = vpc_design_get_n_elements (design, VPC_KIND_ENDPOINT);
          options.want = want_interfaces_of;
          options.want_data
              = vpc_design_get_element (design, VPC_KIND_ENDPOINT, g_rand_int_range (rand, 0, n))->id;
        }
      near = vpc_routes_preview (design, &options, stand_ins, &kept);
      _vpc_routes_set_preview_near (FALSE);
      all = vpc_routes_preview (design, &options, stand_ins, &kept);
      _vpc_routes_set_preview_near (TRUE);
      g_assert_nonnull (near);
      g_assert_nonnull (all);
      {
        g_autofree char *near_text = routes_text (near), *all_text = routes_text (all);

        g_assert_cmpstr (near_text, ==, all_text);
      }
      n_routes += near->len;
    }
  _vpc_routes_set_update_min_routes (2048);
  /* Most drags route something. */
  g_assert_cmpuint (n_routes, >, 40);
}

/* While a workload, NAT gateway or group is dragged, a frame draws the
 * markers where the design has them (no router made for them per frame):
 * where a router made with the stand-ins places them. A dragged endpoint
 * or subnet takes its markers with it. */
static void
test_markers_while_dragging (void)
{
  g_autoptr(VpcDesign) design = render_design_demo ();
  static const VpcKind kinds[] = { VPC_KIND_WORKLOAD, VPC_KIND_NAT_GATEWAY,
                                   VPC_KIND_SECURITY_GROUP, VPC_KIND_ENDPOINT, VPC_KIND_SUBNET };
  Markers still;

  markers_init (&still, design);
  g_assert_cmpuint (still.order->len, >, 0);
  for (guint k = 0; k < G_N_ELEMENTS (kinds); k++)
    {
      g_autoptr(GHashTable) shadows = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, g_free);
      guint at = kinds[k] == VPC_KIND_ENDPOINT ? (guint) first_interface (design) : 0;
      VpcElement *s;
      Markers drawn, routed;

      g_assert_cmpuint (vpc_design_get_n_elements (design, kinds[k]), >, at);
      s = g_memdup2 (vpc_design_get_element (design, kinds[k], at), sizeof (VpcElement));
      s->layout.x += 300;
      s->layout.y -= 120;
      g_hash_table_insert (shadows, s->id, s);
      markers_init_shadowed (&drawn, design, shadows, FALSE);
      markers_init_shadowed (&routed, design, shadows, TRUE);
      g_assert_true (markers_equal (&drawn, &routed));
      /* Only an endpoint or a subnet moves markers. */
      g_assert_true (markers_equal (&drawn, &still)
                     == (kinds[k] != VPC_KIND_ENDPOINT && kinds[k] != VPC_KIND_SUBNET));
      markers_clear (&drawn);
      markers_clear (&routed);
    }
  markers_clear (&still);
}

int
main (int   argc,
      char *argv[])
{
  int status;

  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/routes/count-crossings", test_count_crossings);
  g_test_add_func ("/routes/markers/face", test_markers_face);
  g_test_add_func ("/routes/study-guide/column", test_study_guide_column);
  g_test_add_func ("/routes/study-guide/auto", test_study_guide_auto);
  g_test_add_func ("/routes/hostile-layouts", test_hostile_layouts);
  g_test_add_func ("/routes/examples", test_examples);
  g_test_add_func ("/routes/random", test_random);
  g_test_add_func ("/routes/indexed-segments", test_indexed_segments);
  g_test_add_func ("/routes/connectors-when-routed", test_connectors_when_routed);
  g_test_add_func ("/routes/prefetch", test_prefetch);
  g_test_add_func ("/routes/rename-keeps-routes", test_rename_keeps_routes);
  g_test_add_func ("/routes/update-after-moves", test_update_after_moves);
  g_test_add_func ("/routes/update-after-edits", test_update_after_edits);
  g_test_add_func ("/routes/update-relinked", test_update_relinked);
  g_test_add_func ("/routes/preview", test_preview);
  g_test_add_func ("/routes/lanes-near-duplicates", test_lanes_near_duplicates);
  g_test_add_func ("/routes/preview-near", test_preview_near);
  g_test_add_func ("/routes/markers-while-dragging", test_markers_while_dragging);

  status = g_test_run ();
  vpc_render_clear_caches ();
  return status;
}
