/* SPDX-License-Identifier: GPL-3.0-or-later */
/* vpc-render-routes.h: where the diagram's connectors run, as data.
 *
 * Pure geometry on the model (GLib only: no cairo, pango or GTK), so that
 * the renderer, the canvas's hit testing and the tests share one answer.
 *
 * A link ties an icon (endpoint, NAT gateway, workload) to a subnet. It
 * meets the subnet at a port on the side of the subnet that faces the icon;
 * an interface endpoint's port is its network-interface marker. Ports on one
 * side keep the order of their icons and never overlap each other or the
 * subnet's header. A route is an orthogonal polyline from one end to the
 * other: straight when the icon lies opposite its port, else bent along
 * lanes chosen so that routes cross neither each other nor other icons
 * where the drawing leaves a way round. */
#pragma once

#include "vpc-design.h"

G_BEGIN_DECLS

typedef enum {
  VPC_LINK_INTERFACE, /* network interface (in a subnet) → its endpoint */
  VPC_LINK_GATEWAY,   /* gateway endpoint → a subnet whose route table holds it */
  VPC_LINK_NAT,       /* NAT gateway drawn outside its subnet → that subnet */
  VPC_LINK_WORKLOAD,  /* workload → a VpcConfig subnet it is not drawn in */
} VpcLinkKind;

typedef struct
{
  double x, y;
} VpcPoint;

typedef struct
{
  VpcLinkKind kind;
  /* format.md §7 data-from and data-to: for an interface the interface
   * ("ENDPOINT-ID/SUBNET-ID") and the endpoint; else the icon's id and the
   * subnet's. The route runs from @from's end to @to's. */
  char       *from;
  char       *to;
  guint       n_points; /* at least 2 */
  VpcPoint   *points;
  /* The route ends on the subnet's border (a port dot is drawn there);
   * interfaces start at their marker instead. */
  gboolean    end_dot;
} VpcLinkRoute;

void vpc_link_route_free (VpcLinkRoute *route);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (VpcLinkRoute, vpc_link_route_free)

/* The element as drawn (e.g. at its drag-preview rectangle); @e itself
 * when there is nothing to change. */
typedef const VpcElement *(*VpcRoutesShadow) (const VpcElement *e,
                                              gpointer          data);
/* Whether a link is drawn (routed); the ports of every link are placed
 * regardless, so markers do not move when the answer changes. */
typedef gboolean (*VpcRoutesWant) (VpcLinkKind       kind,
                                   const VpcElement *icon,
                                   const VpcElement *subnet,
                                   gpointer          data);

typedef struct
{
  /* Height of a subnet's header (name, CIDR, route badge): ports on its
   * left and right sides stay below it. */
  double          subnet_header;
  /* Text size (1.0–2.0): icons' labels, which routes avoid, grow with it. */
  double          text_scale;
  VpcRoutesShadow shadow; /* NULL: the design's own geometry */
  gpointer        shadow_data;
  VpcRoutesWant   want;   /* NULL: every link */
  gpointer        want_data;
  /* Only the endpoints' ports, for the markers: nothing is routed. */
  gboolean        markers_only;
} VpcRoutesOptions;

void vpc_routes_options_init (VpcRoutesOptions *options);

typedef struct _VpcRouter VpcRouter;

/* Collects the links of @design and places their ports. @options may be
 * NULL (defaults). The router reads @design's elements: free it before the
 * design changes. */
VpcRouter  *vpc_router_new (VpcDesign              *design,
                            const VpcRoutesOptions *options);
void        vpc_router_free (VpcRouter *router);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (VpcRouter, vpc_router_free)

/* Calls @func for every network interface of an interface endpoint, in
 * endpoint then subnet order, with its marker's world rectangle (always
 * inside the subnet). */
typedef void (*VpcMarkerFunc) (const VpcElement *endpoint,
                               const VpcElement *subnet,
                               const VpcRect    *marker,
                               gpointer          data);
/* Whether elements of @kind decide where markers go (subnets and
 * endpoints): moving any other kind leaves every marker in place. */
gboolean    vpc_routes_kind_places_markers (VpcKind kind);
void        vpc_router_foreach_marker (VpcRouter     *router,
                                       VpcMarkerFunc  func,
                                       gpointer       data);

/* The routes of the links @options->want draws, as VpcLinkRoute (owned by
 * the array): interfaces, gateway endpoints, NAT gateways, then workloads,
 * each in file order. Deterministic. */
GPtrArray  *vpc_router_route (VpcRouter *router);

/* Both steps at once. */
GPtrArray  *vpc_routes_compute (VpcDesign              *design,
                                const VpcRoutesOptions *options);

/* Beyond this many interface endpoints the lines from their network
 * interfaces would be a hairball: they are drawn only for the hovered or
 * selected endpoint or subnet (the markers still show the service). */
#define VPC_ROUTES_MAX_LINKED_ENDPOINTS 16
/* Whether @design's interface links are all drawn (at most
 * VPC_ROUTES_MAX_LINKED_ENDPOINTS interface endpoints). */
gboolean    vpc_routes_link_interfaces (VpcDesign *design);

/* The links of @design as saved (no view state), routed once per change
 * of the design and kept on it: every link but, past the limit above, the
 * interfaces. @options (NULL: defaults) may set only the sizes. The router
 * (for its markers) and *@routes belong to the design and stay valid until
 * it next changes. After a step that only moved a few boxes, a design of
 * many routes (2048) keeps its router and routes and updates them in
 * place: the markers and fixed ports are those routing anew would give,
 * the lines that meet what moved are routed again around the others, and
 * the others keep their way (routing anew could differ there). */
VpcRouter  *vpc_routes_get_cached (VpcDesign              *design,
                                   const VpcRoutesOptions *options,
                                   GPtrArray             **routes);

/* A drag preview of a design large enough to update its routes after a
 * move (see vpc_routes_get_cached()): only the links that touch the ids
 * of @moved (a set) are routed, with @options' shadow and around what
 * lies near, and returned; *@kept is set to the routes kept for the
 * design as saved (with @options' sizes), for the others. Past the
 * interface limit, the interfaces @options->want wants (e.g. the
 * highlighted ones) are routed too. NULL (and everything is to be routed
 * with the shadow) for a smaller design. */
GPtrArray  *vpc_routes_preview (VpcDesign              *design,
                                const VpcRoutesOptions *options,
                                GHashTable             *moved,
                                GPtrArray             **kept);

/* When *@routes of vpc_routes_get_cached() were updated in place since
 * @revision (a shape revision at which the caller read them) rather than
 * made again: appends the positions in @routes of those routed again
 * since (perhaps repeated) to @out and returns TRUE. FALSE otherwise
 * (every route may have changed). */
gboolean    vpc_routes_rerouted_since (VpcDesign *design,
                                       GPtrArray *routes,
                                       guint64    revision,
                                       GArray    *out);

/* Starts routing @design with @options' sizes on another thread: the next
 * vpc_routes_get_cached() for them waits for those routes rather than
 * making its own. The caller changes nothing in @design until then (an
 * export draws its boxes and labels meanwhile). */
void        vpc_routes_prefetch (VpcDesign              *design,
                                 const VpcRoutesOptions *options);
/* Whether routes of vpc_routes_prefetch() are still to be collected. */
gboolean    vpc_routes_prefetching (VpcDesign *design);

/* Whether vpc_routes_get_cached() has routed @design before, for any
 * revision and sizes: a canvas may draw a large design's first frame
 * without connectors and route it just after. */
gboolean    vpc_routes_were_made (VpcDesign *design);

/* The kinds of the routes vpc_routes_get_cached() gives (bit 1 << kind),
 * without routing anything when they are not made yet (an export's legend,
 * drawn too small for the connectors). */
guint       vpc_routes_get_kinds (VpcDesign              *design,
                                  const VpcRoutesOptions *options);

/* For tests: designs with at least @n routes have their cached routes
 * updated after a move rather than made again (2048 unless set). */
void        _vpc_routes_set_update_min_routes (guint n);
/* For tests: whether a drag preview collects only the icons near what it
 * routes (TRUE unless set); its routes are the same either way. */
void        _vpc_routes_set_preview_near (gboolean enabled);
/* For tests: whether each candidate's placed segments by band are also
 * checked against all of them (FALSE unless set; aborts on a difference);
 * returns how many candidates were checked since it was last set. */
guint       _vpc_routes_set_check_bands (gboolean enabled);
/* For tests: whether each search for lanes is also checked against
 * sorting all its candidates (FALSE unless set; aborts on a difference);
 * returns how many searches were checked since it was last set. */
guint       _vpc_routes_set_check_lanes (gboolean enabled);
/* For tests: the lanes of @n_coords coordinates (any order; up to @max,
 * in [@lo, @hi], nearest @pref first) into @out, checked as above; how
 * many. */
guint       _vpc_routes_test_lanes      (const double *coords,
                                         guint         n_coords,
                                         double        lo,
                                         double        hi,
                                         double        pref,
                                         guint         max,
                                         double       *out);

VpcLinkRoute       *vpc_link_route_copy (const VpcLinkRoute *route);
/* The route of the link of @kind from @from to @to in @routes, or NULL. */
const VpcLinkRoute *vpc_routes_find (GPtrArray   *routes,
                                     VpcLinkKind  kind,
                                     const char  *from,
                                     const char  *to);

/* Pairs of segments of different routes that cross or run along each
 * other (collinear overlap). Two routes that only touch where both end, at
 * the same element, do not cross; touching anywhere else counts. */
guint       vpc_render_routes_count_crossings (GPtrArray *routes);

/* Distance from (@x, @y) to the polyline of @route (hit testing). */
double      vpc_link_route_distance (const VpcLinkRoute *route,
                                     double              x,
                                     double              y);

G_END_DECLS
