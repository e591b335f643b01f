/* SPDX-License-Identifier: GPL-3.0-or-later */
/* vpc-render-routes.c: ports and orthogonal routes for the diagram's
 * connectors (see vpc-render-routes.h). GLib and the model only.
 *
 * Ports. A link meets its subnet on the side that faces its icon (left or
 * right; top or bottom when the icon is above or below and overlaps the
 * subnet horizontally), at the icon's centre clamped into that side. Ports
 * on one side keep the order of their icons and are pushed apart to
 * MARKER_STEP. Interfaces and gateway endpoints get their ports first, from
 * this rule alone (markers must not depend on what else is drawn); NAT
 * gateways and workloads choose theirs while routing, among free lanes.
 *
 * Routes. Each link tries a few route shapes in its port's frame (u points
 * out of the side, v along it): straight; one bend (out to the icon's
 * column, then into its tile); two bends (out to a lane between side and
 * icon, along it, into the icon's near side); three bends (out to a lane,
 * across to the icon's column, into it). Lanes come from the gaps between
 * what lies around. Every candidate is scored: length, bends, and heavy
 * costs for crossing a route already placed, passing over another icon or
 * its label, a marker, or a subnet that is neither end. Straight links go
 * first, then the shortest detours, so that the links of one side nest
 * instead of crossing. Deterministic: no hashing order, no randomness. */
#include "vpc-render-routes.h"

#include <math.h>
#include <string.h>

#include "vpc-arena.h"
#include "vpc-layout.h"
#include "vpc-layout-index.h"

#define MARKER       16.0 /* a network-interface marker's side */
#define MARKER_STEP  21.0 /* between port centres along a side */
#define MARKER_INSET 5.0  /* marker to the subnet's border */
#define PORT_MARGIN  8.0  /* chosen ports keep this far from corners */
#define CLEAR        8.0  /* lanes keep this far from what they pass */
#define ENTRY_STEP   7.0  /* between routes entering one side of a tile */
#define REGION       220.0 /* what a route may pass lies this near its ends */

#define BEND         24.0
#define PEN_CROSS    5000.0
#define PEN_TOUCH    2000.0
#define PEN_TILE     6000.0 /* under an icon a line reads as tied to it */
#define PEN_ICON     1500.0 /* through an icon's label */
#define PEN_MARKER   800.0
#define PEN_CLOSE    1500.0 /* parallel to another route, closer than CLEAR */
#define PEN_BOX      400.0
#define PEN_LABEL    250.0 /* the route's own icon's label */
#define PEN_SHARE    100.0

/* Past this much work (candidates times things near them) the remaining
 * links are routed without looking around: huge designs stay fast. */
#define WORK_BUDGET  40000000.0
#define IMPROVE_PASSES 3
/* What an update after a move may spend (vpc_router_update()). */
#define UPDATE_WORK  (WORK_BUDGET / 10)
/* Candidates a link looking around may try, at most (about). */
#define TRIED_ESTIMATE 2048
/* Regions over more grid cells are not looked at by an update. */
#define AFFORDABLE_CELLS 64

#define GRID_CELL    256.0
#define GRID_MAX_CELLS 4096
#define GRID_LONG_CELLS 16 /* more cells than this: kept in the coarse cells */
#define GRID_COARSE_SHIFT 4 /* a coarse cell is 2^4 cells wide and high */
#define GRID_DENSE_MAX (4 * 1024 * 1024) /* cells in a grid's block (64 MiB) */

typedef enum {
  SIDE_LEFT,
  SIDE_RIGHT,
  SIDE_TOP,
  SIDE_BOTTOM,
} Side;

typedef struct
{
  const VpcElement *e; /* as drawn */
  VpcRect           rect;
  guint             index; /* the subnet's in its list */
} Box;

typedef struct
{
  const VpcElement *e;
  VpcRect           tile;
  VpcRect           extent; /* tile and label */
  int               home;   /* the box its tile's centre lies in, or -1 */
  VpcKind           kind;
  guint             index;  /* the element's in its kind's list */
} Icon;

typedef struct
{
  VpcLinkKind kind;
  const VpcElement *owner; /* the endpoint, NAT gateway or workload */
  int         icon;  /* -1: an interface whose endpoint has no layout */
  guint       box;
  gboolean    want;
  gboolean    fixed; /* port placed by the side rule */
  Side        side;
  double      port;  /* fixed: centre of the port along the side */
  double      size;  /* marker side (interfaces) */
  VpcRect     marker;
  double      target; /* the icon's centre along the side, for ordering */
  VpcLinkRoute *route;
  guint       seg0, n_segs; /* its segments in VpcRouter.segs */
  double      penalty;      /* of its route when last routed */
  guint       owner_index;  /* the owner's in its kind's list */
  /* Routed: its route is the routes array's [out], which owns it. */
  gboolean    given;
  guint       out;
} Link;

/* A placed segment, world coordinates, horizontal or vertical. */
typedef struct
{
  double   x0, y0, x1, y1;
  guint    link;
  gboolean dead; /* its link was routed again */
} Seg;

/* The items in one cell of a grid. Not a GArray: a long connector is
 * added to every cell it crosses, and at 100,000 elements those appends,
 * through g_array_append_vals() and its memcpy(), were most of routing.
 * @items lies in the grid's blocks (see map_take()). */
typedef struct
{
  guint  len, cap;
  guint *items;
} Cell;

/* Bytes per block of a grid's cells' rooms. */
#define GRID_BLOCK (64 * 1024)
/* Sizes of a cell's room: 4, 8, ... 2^33 items. */
#define GRID_ROOM_CLASSES 32

/* Cells of one size and the items in them. */
typedef struct
{
  /* Cells of the design's extent in one block (a cell is two array
   * reads, not a hash lookup); cells beyond it, if any, in @cells. */
  Cell       *dense;
  gint64      dense_x, dense_y, dense_w, dense_h;
  GHashTable *cells; /* packed cell → Cell */
  /* Where the cells' items live, freed together. A cell that grows takes
   * twice its room and gives the old room to the next cell that grows to
   * that size (rooms are 4, 8, 16... items; a free room holds a pointer to
   * the next one). Through realloc() each growth cost a search of
   * malloc's bins, and freeing a grid a free() per cell: a quarter of
   * re-routing 100,000 elements after an edit. */
  VpcArena    rooms;
  gpointer    free_rooms[GRID_ROOM_CLASSES];
} CellMap;

/* An item's cells, inclusive. */
typedef struct
{
  gint64 x0, y0, x1, y1;
} Span;

typedef struct
{
  CellMap     fine;
  /* Items over more than GRID_LONG_CELLS cells (long connectors, big
   * subnets) are kept in cells GRID_COARSE times as wide, with their
   * span: a connector across a 100,000-element design crossed hundreds of
   * cells, and adding it to each was a tenth of routing. A query reads
   * the coarse cells too and keeps those whose span meets its own: the
   * answer is the one the fine cells alone would give. */
  CellMap     coarse;
  GArray     *spans; /* Span per item (read for the coarse ones) */
  GArray     *wide;  /* items spanning too many cells: always returned */
  GArray     *stamp; /* guint per item: the query that last returned it */
  guint       now;
  /* guint8 per item, or NULL: moved by grid_move(), so its fine cells
   * hold it where it was too, and @spans says where it is */
  GArray     *moved;
} Grid;

struct _VpcRouter
{
  VpcDesign       *design;
  VpcRoutesOptions options;
  GArray          *boxes;   /* Box */
  GArray          *icons;   /* Icon */
  GArray          *links;   /* Link */
  /* subnet id (a copy: an update takes new elements) → index + 1 */
  GHashTable      *box_of;
  /* routing */
  GArray          *segs;    /* Seg */
  Grid             icon_grid, marker_grid, box_grid, seg_grid;
  GPtrArray       *box_links; /* per box, GArray of its links' indices */
  double           work;
  /* A drag preview's (VpcRect), or NULL: only the workloads and security
   * groups near one of these are collected, the only ones its routes can
   * meet. */
  const GArray    *near;
  /* route_link()'s scratch arrays, kept from link to link (no malloc
   * churn): found, rects, segs, ucoords, vcoords, side_ports, the bands
   * of rects and segs, their extents. */
  GArray          *scratch[15];
  /* updating (vpc_router_update()) */
  guint            n_given; /* routes handed out */
  gboolean         updating;
  struct Places   *places;
};

void
vpc_link_route_free (VpcLinkRoute *route)
{
  if (route == NULL)
    return;
  g_free (route->from);
  g_free (route->to);
  g_free (route->points);
  g_free (route);
}

void
vpc_routes_options_init (VpcRoutesOptions *options)
{
  *options = (VpcRoutesOptions) {
    .subnet_header = 40.0,
    .text_scale = 1.0,
  };
}

/* ---- geometry helpers ---- */

/* The start of a span of @size inside [lo, lo + len] nearest @v, such that
 * start + size does not pass lo + len even by rounding. */
static double
start_inside (double lo,
              double len,
              double size,
              double v)
{
  double hi = lo + len - size;

  while (hi > lo && hi + size > lo + len)
    hi = nextafter (hi, lo);
  return CLAMP (v, lo, MAX (lo, hi));
}

static void
tile_of (const VpcElement *e,
         VpcRect          *tile)
{
  double size = MIN (VPC_GEOMETRY_TILE, MIN (e->layout.w, e->layout.h));

  *tile = (VpcRect) { e->layout.x + (e->layout.w - size) / 2, e->layout.y, size, size };
}

static gboolean
contains (const VpcRect *r,
          double         x,
          double         y)
{
  return x > r->x && x < r->x + r->w && y > r->y && y < r->y + r->h;
}

/* The side of @box that faces a point. */
static Side
facing_side (const VpcRect *box,
             double         cx,
             double         cy)
{
  double right = box->x + box->w, bottom = box->y + box->h;

  if (contains (box, cx, cy))
    {
      double d[4] = { cx - box->x, right - cx, cy - box->y, bottom - cy };
      Side best = SIDE_BOTTOM;

      for (Side s = SIDE_LEFT; s <= SIDE_BOTTOM; s++)
        if (d[s] < d[best])
          best = s;
      return best;
    }
  if (cx >= box->x && cx <= right)
    return cy < box->y ? SIDE_TOP : SIDE_BOTTOM;
  return cx < box->x ? SIDE_LEFT : SIDE_RIGHT;
}

static gboolean
side_is_vertical (Side side)
{
  return side == SIDE_LEFT || side == SIDE_RIGHT;
}

/* The frame of a side: u points out of the subnet, v runs along the side. */
static void
to_local (Side    side,
          double  x,
          double  y,
          double *u,
          double *v)
{
  switch (side)
    {
    case SIDE_LEFT:   *u = -x; *v = y; break;
    case SIDE_RIGHT:  *u = x;  *v = y; break;
    case SIDE_TOP:    *u = -y; *v = x; break;
    case SIDE_BOTTOM:
    default:          *u = y;  *v = x; break;
    }
}

static void
to_world (Side    side,
          double  u,
          double  v,
          double *x,
          double *y)
{
  switch (side)
    {
    case SIDE_LEFT:   *x = -u; *y = v; break;
    case SIDE_RIGHT:  *x = u;  *y = v; break;
    case SIDE_TOP:    *x = v;  *y = -u; break;
    case SIDE_BOTTOM:
    default:          *x = v;  *y = u; break;
    }
}

/* A rectangle in a side's frame: [u0, u1] x [v0, v1]. */
typedef struct
{
  double u0, v0, u1, v1;
  double pen;
} LRect;

static LRect
rect_to_local (Side           side,
               const VpcRect *r,
               double         pen)
{
  double ua, va, ub, vb;

  to_local (side, r->x, r->y, &ua, &va);
  to_local (side, r->x + r->w, r->y + r->h, &ub, &vb);
  return (LRect) { MIN (ua, ub), MIN (va, vb), MAX (ua, ub), MAX (va, vb), pen };
}

/* ---- a bucket grid of rectangles ---- */

static gint64 cell_of (double v);

/* The size class of a room of @n items, a power of two from 4. */
static inline guint
room_class (gsize n)
{
  /* g_bit_storage() is one instruction; g_bit_nth_msf() loops over bits. */
  return g_bit_storage ((gulong) n) - 3;
}

/* Room for @n items (a power of two from 4) from @map's blocks. */
static inline guint *
map_take (CellMap *map,
          gsize    n)
{
  gpointer *free_room = map->free_rooms[room_class (n)];

  if (free_room == NULL)
    return vpc_arena_alloc (&map->rooms, n * sizeof (guint));
  map->free_rooms[room_class (n)] = *free_room;
  return (guint *) free_room;
}

static inline void
cell_add (CellMap *map,
          Cell    *cell,
          guint    item)
{
  if (G_UNLIKELY (cell->len == cell->cap))
    {
      guint *items;

      items = map_take (map, MAX (4, cell->cap * 2));
      if (cell->len > 0)
        {
          gpointer *old = (gpointer *) cell->items;

          memcpy (items, cell->items, cell->len * sizeof *items);
          *old = map->free_rooms[room_class (cell->cap)];
          map->free_rooms[room_class (cell->cap)] = old;
        }
      cell->cap = MAX (4, cell->cap * 2);
      cell->items = items;
    }
  cell->items[cell->len++] = item;
}

/* A dense block of @w x @h cells from (@x, @y), unless too large. */
static void
map_init (CellMap *map,
          gint64   x,
          gint64   y,
          gint64   w,
          gint64   h)
{
  map->cells = g_hash_table_new_full (vpc_cell_key_hash, g_int64_equal, g_free, g_free);
  vpc_arena_init (&map->rooms, GRID_BLOCK);
  memset (map->free_rooms, 0, sizeof map->free_rooms);
  map->dense = NULL;
  map->dense_x = x;
  map->dense_y = y;
  map->dense_w = map->dense_h = 0;
  if (w > 0 && h > 0 && w * h <= GRID_DENSE_MAX)
    {
      map->dense_w = w;
      map->dense_h = h;
      map->dense = g_new0 (Cell, w * h);
    }
}

static void
map_clear (CellMap *map)
{
  g_clear_pointer (&map->dense, g_free);
  vpc_arena_clear (&map->rooms);
  g_clear_pointer (&map->cells, g_hash_table_unref);
}

/* @extent: where nearly everything lies (the design's extent), or NULL. */
static void
grid_init (Grid          *grid,
           const VpcRect *extent)
{
  gint64 x = 0, y = 0, w = 0, h = 0;

  if (extent != NULL)
    {
      x = cell_of (extent->x) - 1;
      y = cell_of (extent->y) - 1;
      w = cell_of (extent->x + extent->w) + 2 - x;
      h = cell_of (extent->y + extent->h) + 2 - y;
    }
  map_init (&grid->fine, x, y, w, h);
  /* >> floors negative cells too (arithmetic shift). */
  map_init (&grid->coarse, x >> GRID_COARSE_SHIFT, y >> GRID_COARSE_SHIFT,
            extent != NULL ? ((x + w - 1) >> GRID_COARSE_SHIFT) - (x >> GRID_COARSE_SHIFT) + 1 : 0,
            extent != NULL ? ((y + h - 1) >> GRID_COARSE_SHIFT) - (y >> GRID_COARSE_SHIFT) + 1 : 0);
  grid->spans = g_array_new (FALSE, FALSE, sizeof (Span));
  grid->wide = g_array_new (FALSE, FALSE, sizeof (guint));
  grid->stamp = g_array_new (FALSE, TRUE, sizeof (guint));
  grid->now = 0;
}

static void
grid_clear (Grid *grid)
{
  map_clear (&grid->fine);
  map_clear (&grid->coarse);
  g_clear_pointer (&grid->spans, g_array_unref);
  g_clear_pointer (&grid->wide, g_array_unref);
  g_clear_pointer (&grid->stamp, g_array_unref);
  g_clear_pointer (&grid->moved, g_array_unref);
}

static gint64
cell_of (double v)
{
  return isnan (v) ? 0 : (gint64) floor (CLAMP (v, -1e9, 1e9) / GRID_CELL);
}

/* Cells are within ±2^22 (coordinates within ±1e9): both fit in 32 bits. */
static gint64
cell_key (gint64 cx,
          gint64 cy)
{
  return (gint64) (((guint64) (guint32) cx << 32) | (guint32) cy);
}

/* Cell (@cx, @cy). Cells of the dense block always exist; others are
 * created empty with @create, else NULL until something was added. */
static Cell *
map_cell (CellMap *map,
          gint64   cx,
          gint64   cy,
          gboolean create)
{
  gint64 key;
  Cell *cell;

  if (cx >= map->dense_x && cx < map->dense_x + map->dense_w &&
      cy >= map->dense_y && cy < map->dense_y + map->dense_h)
    return &map->dense[(cy - map->dense_y) * map->dense_w + (cx - map->dense_x)];
  key = cell_key (cx, cy);
  cell = g_hash_table_lookup (map->cells, &key);
  if (cell == NULL && create)
    {
      cell = g_new0 (Cell, 1);
      g_hash_table_insert (map->cells, g_memdup2 (&key, sizeof key), cell);
    }
  return cell;
}

static void
grid_add (Grid          *grid,
          const VpcRect *r,
          guint          item)
{
  gint64 x0 = cell_of (r->x), x1 = cell_of (r->x + r->w);
  gint64 y0 = cell_of (r->y), y1 = cell_of (r->y + r->h);

  if (grid->stamp->len <= item)
    g_array_set_size (grid->stamp, item + 1);
  if ((x1 - x0 + 1) * (y1 - y0 + 1) > GRID_MAX_CELLS)
    {
      g_array_append_val (grid->wide, item);
      return;
    }
  if ((x1 - x0 + 1) * (y1 - y0 + 1) > GRID_LONG_CELLS)
    {
      if (grid->spans->len <= item)
        g_array_set_size (grid->spans, item + 1);
      g_array_index (grid->spans, Span, item) = (Span) { x0, y0, x1, y1 };
      for (gint64 cx = x0 >> GRID_COARSE_SHIFT; cx <= x1 >> GRID_COARSE_SHIFT; cx++)
        for (gint64 cy = y0 >> GRID_COARSE_SHIFT; cy <= y1 >> GRID_COARSE_SHIFT; cy++)
          cell_add (&grid->coarse, map_cell (&grid->coarse, cx, cy, TRUE), item);
      return;
    }
  for (gint64 cx = x0; cx <= x1; cx++)
    for (gint64 cy = y0; cy <= y1; cy++)
      cell_add (&grid->fine, map_cell (&grid->fine, cx, cy, TRUE), item);
}

/* @item, added before, now lies at @r: queries no longer answer it where
 * it was (the cells keep it: removing it would search them). */
static void
grid_move (Grid          *grid,
           const VpcRect *r,
           guint          item)
{
  Span span = { cell_of (r->x), cell_of (r->y), cell_of (r->x + r->w), cell_of (r->y + r->h) };

  if (grid->moved == NULL)
    grid->moved = g_array_new (FALSE, TRUE, sizeof (guint8));
  if (grid->moved->len <= item)
    g_array_set_size (grid->moved, item + 1);
  g_array_index (grid->moved, guint8, item) = 1;
  if (grid->spans->len <= item)
    g_array_set_size (grid->spans, item + 1);
  g_array_index (grid->spans, Span, item) = span;
  grid_add (grid, r, item);
}

static gint
compare_uint (gconstpointer a,
              gconstpointer b)
{
  guint x = *(const guint *) a, y = *(const guint *) b;

  return x < y ? -1 : x > y;
}

static inline void
take (guint  *stamp,
      guint   now,
      guint   item,
      GArray *out)
{
  if (stamp[item] != now)
    {
      stamp[item] = now;
      g_array_append_val (out, item);
    }
}

/* Items whose cells meet @r, each once, in increasing order so that scores
 * do not depend on the grid. FALSE when @r spans too many cells to ask. */
static gboolean
grid_query (Grid          *grid,
            const VpcRect *r,
            GArray        *out)
{
  gint64 x0 = cell_of (r->x), x1 = cell_of (r->x + r->w);
  gint64 y0 = cell_of (r->y), y1 = cell_of (r->y + r->h);
  guint *stamp = (guint *) (gpointer) grid->stamp->data;
  guint now = ++grid->now;
  const guint8 *moved = grid->moved != NULL ? (const guint8 *) grid->moved->data : NULL;
  guint n_moved = grid->moved != NULL ? grid->moved->len : 0;

  g_array_set_size (out, 0);
  if ((x1 - x0 + 1) * (y1 - y0 + 1) > GRID_MAX_CELLS)
    return FALSE;
  for (guint i = 0; i < grid->wide->len; i++)
    take (stamp, now, g_array_index (grid->wide, guint, i), out);
  for (gint64 cx = x0; cx <= x1; cx++)
    for (gint64 cy = y0; cy <= y1; cy++)
      {
        const Cell *cell = map_cell (&grid->fine, cx, cy, FALSE);

        for (guint i = 0; cell != NULL && i < cell->len; i++)
          {
            guint item = cell->items[i];

            if (G_UNLIKELY (item < n_moved && moved[item]))
              {
                const Span *span = &g_array_index (grid->spans, Span, item);

                if (span->x0 > x1 || span->x1 < x0 || span->y0 > y1 || span->y1 < y0)
                  continue;
              }
            take (stamp, now, item, out);
          }
      }
  for (gint64 cx = x0 >> GRID_COARSE_SHIFT; cx <= x1 >> GRID_COARSE_SHIFT; cx++)
    for (gint64 cy = y0 >> GRID_COARSE_SHIFT; cy <= y1 >> GRID_COARSE_SHIFT; cy++)
      {
        const Cell *cell = map_cell (&grid->coarse, cx, cy, FALSE);

        for (guint i = 0; cell != NULL && i < cell->len; i++)
          {
            const Span *span = &g_array_index (grid->spans, Span, cell->items[i]);

            if (span->x0 <= x1 && span->x1 >= x0 && span->y0 <= y1 && span->y1 >= y0)
              take (stamp, now, cell->items[i], out);
          }
      }
  g_array_sort (out, compare_uint);
  return TRUE;
}

/* ---- collecting the links ---- */

/* @e as @options draw it. */
static const VpcElement *
as_drawn (const VpcRoutesOptions *options,
          const VpcElement       *e)
{
  const VpcElement *s;

  if (options->shadow == NULL)
    return e;
  s = options->shadow (e, options->shadow_data);
  return s != NULL ? s : e;
}

static const VpcElement *
drawn (VpcRouter        *router,
       const VpcElement *e)
{
  return as_drawn (&router->options, e);
}

/* Whether @e has a rectangle routes can use. Edits in progress may hold
 * anything (the design judges at the commit): NaN, infinities, sizes of 0
 * or less; such an element is left out until it is valid again. */
static gboolean
placed (const VpcElement *e)
{
  const VpcRect *r = &e->layout;

  return e->has_layout && isfinite (r->x) && isfinite (r->y) && isfinite (r->w) && isfinite (r->h)
         && r->w > 0 && r->h > 0 && fabs (r->x) + r->w < 1e15 && fabs (r->y) + r->h < 1e15;
}

static int
box_index (VpcRouter  *router,
           const char *id)
{
  return GPOINTER_TO_INT (g_hash_table_lookup (router->box_of, id)) - 1;
}

/* The subnets an icon may be drawn in: a NAT gateway's, a VPC-mode
 * workload's; NULL for the others. @one: room for a NAT gateway's. */
static const GPtrArray *
home_candidates (const VpcElement *e,
                 GPtrArray        *one)
{
  if (e->kind == VPC_KIND_NAT_GATEWAY && e->subnet != NULL)
    {
      one->pdata = (gpointer *) &e->subnet;
      one->len = 1;
      return one;
    }
  if (e->kind == VPC_KIND_WORKLOAD && e->vpc_mode)
    return e->subnets;
  return NULL;
}

/* Whether @icon's tile centre lies in the @b-th box: the subnet it is drawn
 * in, which no line but an interface's joins it to. */
static gboolean
icon_in_box (VpcRouter  *router,
             const Icon *icon,
             guint       b)
{
  return contains (&g_array_index (router->boxes, Box, b).rect, icon->tile.x + icon->tile.w / 2,
                   icon->tile.y + icon->tile.h / 2);
}

/* @icon's tile and label from its element's box, and the subnet it lies in. */
static void
shape_icon (VpcRouter *router,
            Icon      *icon)
{
  const VpcElement *e = icon->e;
  double label_h
      = VPC_GEOMETRY_LABEL_GAP
        + router->options.text_scale
              * (VPC_GEOMETRY_LABEL_LINES * VPC_GEOMETRY_NAME_LINE_H + VPC_GEOMETRY_KIND_LINE_H);
  GPtrArray one = { 0 };
  const GPtrArray *candidates = home_candidates (e, &one);

  tile_of (e, &icon->tile);
  icon->extent = (VpcRect) {
    MIN (icon->tile.x, e->layout.x - VPC_GEOMETRY_LABEL_SPILL), icon->tile.y,
    0, icon->tile.h + label_h,
  };
  icon->extent.w
      = MAX (icon->tile.x + icon->tile.w, e->layout.x + e->layout.w + VPC_GEOMETRY_LABEL_SPILL)
        - icon->extent.x;
  icon->home = -1;
  for (guint i = 0; candidates != NULL && i < candidates->len; i++)
    {
      int b = box_index (router, g_ptr_array_index (candidates, i));

      if (b >= 0 && icon_in_box (router, icon, b))
        {
          icon->home = b;
          break;
        }
    }
}

/* The @index-th element of its kind, drawn as an icon. */
static int
add_icon (VpcRouter        *router,
          const VpcElement *e,
          guint             index)
{
  Icon icon = { e, { 0 }, { 0 }, -1, e->kind, index };

  shape_icon (router, &icon);
  g_array_append_val (router->icons, icon);
  return (int) router->icons->len - 1;
}

/* Which side of its subnet @link meets, facing its icon; FALSE when its
 * icon (not an interface's) lies inside the subnet: then no line is drawn. */
static gboolean
face_link (VpcRouter *router,
           Link      *link)
{
  const Box *b = &g_array_index (router->boxes, Box, link->box);
  const Icon *ic = link->icon >= 0 ? &g_array_index (router->icons, Icon, link->icon) : NULL;
  double cx, cy;

  if (ic == NULL)
    {
      /* No icon to face: along the bottom, in file order. */
      link->side = SIDE_BOTTOM;
      link->target = -G_MAXDOUBLE;
      return TRUE;
    }
  cx = ic->tile.x + ic->tile.w / 2;
  cy = ic->tile.y + ic->tile.h / 2;
  /* Lines end at the subnet's border, so an icon drawn inside the
   * subnet needs none (only a marker has a place of its own). */
  if (link->kind != VPC_LINK_INTERFACE && icon_in_box (router, ic, link->box))
    return FALSE;
  link->side = facing_side (&b->rect, cx, cy);
  link->target = side_is_vertical (link->side) ? cy : cx;
  return TRUE;
}

/* Whether a line of @kind from @owner to @subnet is drawn. */
static gboolean
link_wanted (VpcRouter        *router,
             VpcLinkKind       kind,
             const VpcElement *owner,
             const VpcElement *subnet)
{
  return !router->options.markers_only
         && (router->options.want == NULL
             || router->options.want (kind, owner, subnet, router->options.want_data));
}

static void
add_link (VpcRouter        *router,
          VpcLinkKind       kind,
          const VpcElement *owner,
          guint             owner_index,
          int               icon,
          guint             box,
          const char       *from,
          const char       *to)
{
  const Box *b = &g_array_index (router->boxes, Box, box);
  Link        link
      = { kind, owner, icon, box, TRUE, kind == VPC_LINK_INTERFACE || kind == VPC_LINK_GATEWAY };

  link.owner_index = owner_index;
  if (!face_link (router, &link))
    return;
  link.want = link_wanted (router, kind, owner, b->e);
  if (link.want)
    {
      link.route = g_new0 (VpcLinkRoute, 1);
      link.route->kind = kind;
      link.route->from = g_strdup (from);
      link.route->to = g_strdup (to);
      link.route->end_dot = kind != VPC_LINK_INTERFACE;
    }
  g_array_append_val (router->links, link);
}

/* The element @i of @kind, as drawn. */
static const VpcElement *
nth_drawn (VpcRouter *router,
           VpcKind    kind,
           guint      i)
{
  return drawn (router, vpc_design_get_element (router->design, kind, i));
}

/* Whether collect() draws @e (of a kind with icons) as an icon. */
static gboolean
gets_icon (const VpcElement *e)
{
  return placed (e) && (e->kind != VPC_KIND_ENDPOINT || e->subnets != NULL);
}

/* Subnets: the boxes links meet. */
static void
collect_boxes (VpcRouter *router)
{
  guint n = vpc_design_get_n_elements (router->design, VPC_KIND_SUBNET);

  for (guint i = 0; i < n; i++)
    {
      const VpcElement *sn = nth_drawn (router, VPC_KIND_SUBNET, i);
      Box box = { sn, sn->layout, i };

      if (!placed (sn))
        continue;
      g_array_append_val (router->boxes, box);
      g_hash_table_insert (router->box_of, g_strdup (sn->id), GINT_TO_POINTER (router->boxes->len));
    }
}

/* An endpoint of @type: an interface (with its marker) in each of its
 * subnets, or a gateway endpoint's connector to each. */
static void
collect_endpoint (VpcRouter        *router,
                  const VpcElement *ep,
                  guint             index,
                  VpcEndpointType   type)
{
  int icon = -1;

  if (ep->endpoint_type != type || ep->subnets == NULL)
    return;
  if (gets_icon (ep))
    icon = add_icon (router, ep, index);
  else if (type == VPC_ENDPOINT_GATEWAY)
    return;
  for (guint j = 0; j < ep->subnets->len; j++)
    {
      const char *sn_id = g_ptr_array_index (ep->subnets, j);
      int box = box_index (router, sn_id);
      g_autofree char *eni = NULL;

      if (box < 0)
        continue;
      if (type == VPC_ENDPOINT_INTERFACE)
        {
          eni = g_strconcat (ep->id, "/", sn_id, NULL);
          add_link (router, VPC_LINK_INTERFACE, ep, index, icon, box, eni, ep->id);
        }
      else
        add_link (router, VPC_LINK_GATEWAY, ep, index, icon, box, ep->id, sn_id);
    }
}

/* Endpoints: interfaces, then gateway endpoints. */
static void
collect_endpoints (VpcRouter *router)
{
  guint n = vpc_design_get_n_elements (router->design, VPC_KIND_ENDPOINT);

  for (int pass = 0; pass < 2; pass++)
    {
      VpcEndpointType type = pass == 0 ? VPC_ENDPOINT_INTERFACE : VPC_ENDPOINT_GATEWAY;

      for (guint i = 0; i < n; i++)
        collect_endpoint (router, nth_drawn (router, VPC_KIND_ENDPOINT, i), i, type);
    }
}

static void
collect_nat_gateways (VpcRouter *router)
{
  guint n = vpc_design_get_n_elements (router->design, VPC_KIND_NAT_GATEWAY);

  for (guint i = 0; i < n; i++)
    {
      const VpcElement *nat = nth_drawn (router, VPC_KIND_NAT_GATEWAY, i);
      int box = nat->subnet != NULL ? box_index (router, nat->subnet) : -1;

      if (!placed (nat))
        continue;
      add_icon (router, nat, i);
      if (box >= 0)
        add_link (router, VPC_LINK_NAT, nat, i, (int) router->icons->len - 1, box, nat->id,
                  nat->subnet);
    }
}

/* Whether a preview (router->near) needs the icon of @e: its tile and
 * label, within @e's box widened by NEAR_SPILL, may meet what the preview
 * routes pass. A label hangs at most 86 units below its box (at text size
 * 2) and VPC_GEOMETRY_LABEL_SPILL to its sides; so may the dragged icon's,
 * past router->near. */
#define NEAR_SPILL 200.0

static gboolean
near_enough (VpcRouter        *router,
             const VpcElement *e)
{
  const VpcRect *r = &e->layout;

  if (router->near == NULL)
    return TRUE;
  for (guint i = 0; i < router->near->len; i++)
    {
      const VpcRect *n = &g_array_index (router->near, VpcRect, i);

      if (r->x - NEAR_SPILL < n->x + n->w && r->x + r->w + NEAR_SPILL > n->x
          && r->y - NEAR_SPILL < n->y + n->h && r->y + r->h + NEAR_SPILL > n->y)
        return TRUE;
    }
  return FALSE;
}

static void
collect_workloads (VpcRouter *router)
{
  guint n = vpc_design_get_n_elements (router->design, VPC_KIND_WORKLOAD);

  for (guint i = 0; i < n; i++)
    {
      const VpcElement *w = nth_drawn (router, VPC_KIND_WORKLOAD, i);
      int icon;

      if (!placed (w) || !near_enough (router, w))
        continue;
      icon = add_icon (router, w, i);
      for (guint j = 0; w->vpc_mode && w->subnets != NULL && j < w->subnets->len; j++)
        {
          const char *sn_id = g_ptr_array_index (w->subnets, j);
          int box = box_index (router, sn_id);

          if (box >= 0)
            add_link (router, VPC_LINK_WORKLOAD, w, i, icon, box, w->id, sn_id);
        }
    }
}

/* Security groups only stand in the way. */
static void
collect_security_groups (VpcRouter *router)
{
  guint n = vpc_design_get_n_elements (router->design, VPC_KIND_SECURITY_GROUP);

  for (guint i = 0; i < n; i++)
    {
      const VpcElement *sg = nth_drawn (router, VPC_KIND_SECURITY_GROUP, i);

      if (placed (sg) && near_enough (router, sg))
        add_icon (router, sg, i);
    }
}

gboolean
vpc_routes_kind_places_markers (VpcKind kind)
{
  return kind == VPC_KIND_SUBNET || kind == VPC_KIND_ENDPOINT;
}

static void
collect (VpcRouter *router)
{
  /* The markers: vpc_routes_kind_places_markers()'s kinds only. */
  collect_boxes (router);
  collect_endpoints (router);
  if (router->options.markers_only)
    return;
  collect_nat_gateways (router);
  collect_workloads (router);
  collect_security_groups (router);
}

/* ---- ports ---- */

/* Centres along a side, from @lo to @hi, for ports of one side. */
static void
side_range (VpcRouter  *router,
            const Link *link,
            double     *lo,
            double     *hi)
{
  const VpcRect *r = &g_array_index (router->boxes, Box, link->box).rect;
  double half = link->size / 2;

  if (side_is_vertical (link->side))
    {
      *lo = r->y + MIN (router->options.subnet_header, r->h / 2) + 2 + half;
      *hi = r->y + r->h - MARKER_INSET - half;
    }
  else
    {
      *lo = r->x + MARKER_INSET + half;
      *hi = r->x + r->w - MARKER_INSET - half;
    }
  if (*hi < *lo)
    *lo = *hi = (*lo + *hi) / 2;
}

/* Pushes sorted wishes apart to @step within [lo, hi], moving each as
 * little as the order allows from the first one on. */
static void
spread (double *p,
        guint   n,
        double  lo,
        double  hi,
        double  step)
{
  if (n == 0)
    return;
  if (n > 1 && (n - 1) * step > hi - lo)
    step = (hi - lo) / (n - 1);
  for (guint i = 0; i < n; i++)
    p[i] = CLAMP (p[i], lo, hi);
  for (guint i = 1; i < n; i++)
    p[i] = MAX (p[i], p[i - 1] + step);
  if (p[n - 1] > hi)
    {
      p[n - 1] = hi;
      for (guint i = n - 1; i-- > 0;)
        p[i] = MIN (p[i], p[i + 1] - step);
    }
}

static gint
compare_ports (gconstpointer a,
               gconstpointer b,
               gpointer      data)
{
  VpcRouter *router = data;
  const Link *la = &g_array_index (router->links, Link, *(const guint *) a);
  const Link *lb = &g_array_index (router->links, Link, *(const guint *) b);

  if (la->box != lb->box)
    return la->box < lb->box ? -1 : 1;
  if (la->side != lb->side)
    return la->side < lb->side ? -1 : 1;
  if (la->target != lb->target)
    return la->target < lb->target ? -1 : 1;
  return *(const guint *) a < *(const guint *) b ? -1 : *(const guint *) a > *(const guint *) b;
}

static void
place_marker (VpcRouter *router,
              Link      *link)
{
  const VpcRect *r = &g_array_index (router->boxes, Box, link->box).rect;
  double s = link->size;
  VpcRect m = { 0, 0, s, s };

  switch (link->side)
    {
    case SIDE_LEFT:
      m.x = r->x + MARKER_INSET;
      m.y = link->port - s / 2;
      break;
    case SIDE_RIGHT:
      m.x = r->x + r->w - MARKER_INSET - s;
      m.y = link->port - s / 2;
      break;
    case SIDE_TOP:
      m.x = link->port - s / 2;
      m.y = r->y + MIN (router->options.subnet_header, r->h / 2) + 2;
      break;
    case SIDE_BOTTOM:
    default:
      m.x = link->port - s / 2;
      m.y = r->y + r->h - MARKER_INSET - s;
      break;
    }
  /* Always inside its subnet, even a tiny one. */
  m.x = start_inside (r->x, r->w, m.w, m.x);
  m.y = start_inside (r->y, r->h, m.h, m.y);
  link->marker = m;
}

/* Places the ports of the fixed links in @order (all those of each side
 * they are on), sorting it. */
static void
spread_ports (VpcRouter *router,
              GArray    *order)
{
  g_autoptr(GArray) wish = g_array_new (FALSE, FALSE, sizeof (double));

  g_array_sort_with_data (order, compare_ports, router);

  for (guint start = 0, end; start < order->len; start = end)
    {
      Link *first = &g_array_index (router->links, Link, g_array_index (order, guint, start));
      double lo, hi;

      for (end = start + 1; end < order->len; end++)
        {
          Link *l = &g_array_index (router->links, Link, g_array_index (order, guint, end));
          if (l->box != first->box || l->side != first->side)
            break;
        }
      side_range (router, first, &lo, &hi);
      g_array_set_size (wish, end - start);
      for (guint k = start; k < end; k++)
        {
          Link *l = &g_array_index (router->links, Link, g_array_index (order, guint, k));
          g_array_index (wish, double, k - start) = l->icon >= 0 ? l->target : lo;
        }
      spread ((double *) (gpointer) wish->data, end - start, lo, hi, MARKER_STEP);
      for (guint k = start; k < end; k++)
        {
          Link *l = &g_array_index (router->links, Link, g_array_index (order, guint, k));

          l->port = g_array_index (wish, double, k - start);
          if (l->kind == VPC_LINK_INTERFACE)
            place_marker (router, l);
        }
    }
}

static void
size_marker (VpcRouter *router,
             Link      *link)
{
  const VpcRect *r = &g_array_index (router->boxes, Box, link->box).rect;

  link->size = MIN (MARKER, MIN (r->w, r->h));
}

static void
place_ports (VpcRouter *router)
{
  g_autoptr(GArray) order = g_array_new (FALSE, FALSE, sizeof (guint));

  for (guint i = 0; i < router->links->len; i++)
    {
      Link *link = &g_array_index (router->links, Link, i);

      size_marker (router, link);
      if (link->fixed)
        g_array_append_val (order, i);
    }
  spread_ports (router, order);
}

/* From an element's place in its list to what the router made of it:
 * the lists keep their order while only boxes change. */
typedef struct Places
{
  int *boxes;              /* subnet → box, or -1 */
  int *icons[VPC_N_KINDS]; /* element → icon, or -1 */
  int *links[VPC_N_KINDS]; /* owner → its first link (the others follow), or -1 */
} Places;

static void
places_free (Places *places)
{
  if (places == NULL)
    return;
  g_free (places->boxes);
  for (guint k = 0; k < VPC_N_KINDS; k++)
    {
      g_free (places->icons[k]);
      g_free (places->links[k]);
    }
  g_free (places);
}

/* The kind of the element a link of @kind starts at. */
static VpcKind
owner_kind (VpcLinkKind kind)
{
  switch (kind)
    {
    case VPC_LINK_NAT:
      return VPC_KIND_NAT_GATEWAY;
    case VPC_LINK_WORKLOAD:
      return VPC_KIND_WORKLOAD;
    case VPC_LINK_INTERFACE:
    case VPC_LINK_GATEWAY:
    default:
      return VPC_KIND_ENDPOINT;
    }
}

static int *
minus_ones (guint n)
{
  int *a = g_new (int, MAX (n, 1));

  memset (a, 0xff, MAX (n, 1) * sizeof *a);
  return a;
}

static Places *
places_of (VpcRouter *router)
{
  Places *places;

  if (router->places != NULL)
    return router->places;
  places = router->places = g_new0 (Places, 1);
  places->boxes = minus_ones (vpc_design_get_n_elements (router->design, VPC_KIND_SUBNET));
  for (guint k = 0; k < VPC_N_KINDS; k++)
    {
      places->icons[k] = minus_ones (vpc_design_get_n_elements (router->design, k));
      places->links[k] = minus_ones (vpc_design_get_n_elements (router->design, k));
    }
  for (guint i = 0; i < router->boxes->len; i++)
    places->boxes[g_array_index (router->boxes, Box, i).index] = (int) i;
  for (guint i = 0; i < router->icons->len; i++)
    {
      const Icon *icon = &g_array_index (router->icons, Icon, i);

      places->icons[icon->kind][icon->index] = (int) i;
    }
  for (guint i = router->links->len; i-- > 0;)
    {
      const Link *link = &g_array_index (router->links, Link, i);

      places->links[owner_kind (link->kind)][link->owner_index] = (int) i;
    }
  return places;
}

/* @near: NULL, or where a drag preview's routes may pass (router->near,
 * for collect() only). */
static VpcRouter *
router_new_near (VpcDesign              *design,
                 const VpcRoutesOptions *options,
                 const GArray           *near)
{
  VpcRouter *router;

  router = g_new0 (VpcRouter, 1);
  router->design = design;
  router->near = near;
  if (options != NULL)
    router->options = *options;
  else
    vpc_routes_options_init (&router->options);
  router->options.text_scale = CLAMP (router->options.text_scale, 1.0, 2.0);
  if (!(router->options.subnet_header >= 0))
    router->options.subnet_header = 0;
  router->boxes = g_array_new (FALSE, FALSE, sizeof (Box));
  router->icons = g_array_new (FALSE, FALSE, sizeof (Icon));
  router->links = g_array_new (FALSE, FALSE, sizeof (Link));
  router->box_of = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  collect (router);
  router->near = NULL;
  place_ports (router);
  return router;
}

VpcRouter *
vpc_router_new (VpcDesign              *design,
                const VpcRoutesOptions *options)
{
  g_return_val_if_fail (VPC_IS_DESIGN (design), NULL);

  return router_new_near (design, options, NULL);
}

void
vpc_router_free (VpcRouter *router)
{
  if (router == NULL)
    return;
  for (guint i = 0; i < router->links->len; i++)
    if (!g_array_index (router->links, Link, i).given)
      vpc_link_route_free (g_array_index (router->links, Link, i).route);
  g_array_unref (router->links);
  g_array_unref (router->icons);
  g_array_unref (router->boxes);
  g_hash_table_unref (router->box_of);
  for (guint i = 0; i < G_N_ELEMENTS (router->scratch); i++)
    g_clear_pointer (&router->scratch[i], g_array_unref);
  places_free (router->places);
  if (router->segs != NULL)
    {
      g_array_unref (router->segs);
      grid_clear (&router->icon_grid);
      grid_clear (&router->marker_grid);
      g_ptr_array_unref (router->box_links);
      grid_clear (&router->box_grid);
      grid_clear (&router->seg_grid);
    }
  g_free (router);
}

void
vpc_router_foreach_marker (VpcRouter     *router,
                           VpcMarkerFunc  func,
                           gpointer       data)
{
  g_return_if_fail (router != NULL && func != NULL);

  for (guint i = 0; i < router->links->len; i++)
    {
      const Link *link = &g_array_index (router->links, Link, i);

      if (link->kind == VPC_LINK_INTERFACE)
        func (link->owner, g_array_index (router->boxes, Box, link->box).e, &link->marker, data);
    }
}

/* ---- routing ---- */

typedef struct
{
  double u, v;
} LPoint;

/* A placed segment in a link's frame: along u at v = c (or along v at
 * u = c), spanning [a0, a1]. */
typedef struct
{
  double   a0, a1, c;
  gboolean along_u;
  gboolean tile_end; /* (end of the span) is where its route meets its tile */
  double   tu, tv;   /* that point */
  int      icon;
} LSeg;

#define MAX_POINTS 8
#define MAX_LANES  28
#define MAX_BANDS  64

/* A scene's rectangles (or placed segments) by band across the segments'
 * direction: a candidate segment along u at v = c can only meet a
 * rectangle whose v-extent holds c, so it reads the rectangles of c's band
 * instead of all (with dozens of lanes tried per link, those reads were
 * most of routing). An item is listed in every band its extent reaches, in
 * scene order. */
typedef struct
{
  double  lo, hi, step; /* band k holds [lo + k step, lo + (k + 1) step) */
  guint   n;            /* bands; 0 when no item can be met */
  GArray *starts;       /* guint: band k's items start at [k], end at [k + 1] */
  GArray *items;        /* guint: indexes into the scene's rectangles (segments) */
} Bands;

typedef struct
{
  LPoint p[MAX_POINTS];
  guint  n;
  double cost, penalty;
} Path;

typedef struct
{
  VpcRouter *router;
  const Link *link;
  Side       side;
  double     e;          /* u of the port */
  double     plo, phi;   /* where the port may be along the side */
  LRect      tile, label, target;
  GArray    *rects;      /* LRect: other icons, markers, foreign subnets */
  Bands      bands[2];   /* @rects by band: [TRUE] for segments along u */
  GArray    *segs;       /* LSeg */
  Bands      seg_bands[2]; /* @segs by band, alike */
  GArray    *extents;    /* double pairs: scratch for the bands */
  GArray    *ucoords, *vcoords;
  GArray    *side_ports; /* double: ports already on this side (flexible links) */
  gboolean   look;       /* FALSE past the work budget: shortest shape only */
  gboolean   banded;     /* @bands and @seg_bands made (ensure_bands()) */
  Path       best;
  gboolean   found;
  guint      tried;
} Scene;

/* The bounding box of the segment from @a to @b. */
static inline LRect
seg_box (const LPoint *a,
         const LPoint *b)
{
  return (LRect) { MIN (a->u, b->u), MIN (a->v, b->v), MAX (a->u, b->u), MAX (a->v, b->v), 0 };
}

/* The band of @c, between @bands->lo and hi. Monotonic in @c, so a value
 * inside an extent falls in a band between those of the extent's ends. */
static inline guint
band_of (const Bands *bands,
         double       c)
{
  double k = floor ((c - bands->lo) / bands->step);

  return k <= 0 ? 0 : k >= bands->n - 1 ? bands->n - 1 : (guint) k;
}

/* The open extent across a segment along u (@along_u) or v in which @r
 * can be met: seg_meets_rect()'s bounds on the segment's line. */
static inline void
rect_extent (const LRect *r,
             gboolean     along_u,
             double      *a,
             double      *b)
{
  *a = (along_u ? r->v0 : r->u0) + 0.5;
  *b = (along_u ? r->v1 : r->u1) - 0.5;
}

/* Fills @bands from @n extents (pairs in @ext, each [a, b]; items with
 * a >= b are never met) of items 0 to @n - 1. */
static void
bands_build (Bands        *bands,
             const double *ext,
             guint         n)
{
  guint *starts, *items, n_met = 0;
  double a, b;

  bands->lo = G_MAXDOUBLE;
  bands->hi = -G_MAXDOUBLE;
  for (guint i = 0; i < n; i++)
    {
      a = ext[2 * i], b = ext[2 * i + 1];
      if (a >= b)
        continue; /* thinner than the margins: never met */
      bands->lo = MIN (bands->lo, a);
      bands->hi = MAX (bands->hi, b);
      n_met++;
    }
  bands->n = n_met == 0 ? 0 : CLAMP (n_met / 2, 1, MAX_BANDS);
  g_array_set_size (bands->starts, bands->n + 1);
  g_array_set_size (bands->items, 0);
  if (bands->n == 0)
    return;
  bands->step = (bands->hi - bands->lo) / bands->n;
  starts = (guint *) (gpointer) bands->starts->data;
  memset (starts, 0, (bands->n + 1) * sizeof *starts);
  /* Counts per band (shifted by one), their sums, then the indexes. */
  for (guint i = 0; i < n; i++)
    {
      a = ext[2 * i], b = ext[2 * i + 1];
      for (guint k = band_of (bands, a); a < b && k <= band_of (bands, b); k++)
        starts[k + 1]++;
    }
  for (guint k = 0; k < bands->n; k++)
    starts[k + 1] += starts[k];
  g_array_set_size (bands->items, starts[bands->n]);
  items = (guint *) (gpointer) bands->items->data;
  for (guint i = 0; i < n; i++)
    {
      a = ext[2 * i], b = ext[2 * i + 1];
      for (guint k = band_of (bands, a); a < b && k <= band_of (bands, b); k++)
        items[starts[k]++] = i;
    }
  /* Each start moved to its band's end, which is the next band's start. */
  memmove (starts + 1, starts, bands->n * sizeof *starts);
  starts[0] = 0;
}

/* Fills @bands from @rects for segments along u (@along_u) or v. */
static void
rect_bands_build (Bands    *bands,
                  GArray   *rects,
                  gboolean  along_u,
                  GArray   *extents)
{
  g_array_set_size (extents, 2 * rects->len);
  for (guint i = 0; i < rects->len; i++)
    rect_extent (&g_array_index (rects, LRect, i), along_u,
                 &g_array_index (extents, double, 2 * i),
                 &g_array_index (extents, double, 2 * i + 1));
  bands_build (bands, (const double *) (gpointer) extents->data, rects->len);
}

/* For tests: each candidate's band checked against a scan of every
 * placed segment, and how many were. */
static gboolean check_bands;
static guint    bands_checked;

guint
_vpc_routes_set_check_bands (gboolean enabled)
{
  guint checked = bands_checked;

  check_bands = enabled;
  bands_checked = 0;
  return checked;
}

/* Fills @bands from @segs for candidate segments along u (@along_u) or v:
 * where across them such a segment can cost anything against each (see
 * seg_cost()), a closed extent: a parallel one within CLEAR of its line,
 * a perpendicular one within half a unit of its span. Exact in floating
 * point: t->c ± CLEAR is the double nearest the true bound, so no c
 * outside it is within CLEAR as seg_cost() computes it, and the span's
 * bounds are the very expressions seg_cost() compares with. */
static void
seg_bands_build (Bands    *bands,
                 GArray   *segs,
                 gboolean  along_u,
                 GArray   *extents)
{
  g_array_set_size (extents, 2 * segs->len);
  for (guint i = 0; i < segs->len; i++)
    {
      const LSeg *t = &g_array_index (segs, LSeg, i);
      double *ext = &g_array_index (extents, double, 2 * i);

      G_STATIC_ASSERT (CLEAR > 0.5);
      if (t->along_u == along_u)
        ext[0] = t->c - CLEAR, ext[1] = t->c + CLEAR;
      else
        ext[0] = t->a0 - 0.5, ext[1] = t->a1 + 0.5;
    }
  bands_build (bands, (const double *) (gpointer) extents->data, segs->len);
}

/* Whether a segment with the bounding box @s, along u when @along_u (else
 * along v), passes through @r (more than touching it). */
static inline gboolean
seg_meets_rect (const LRect *s,
                gboolean     along_u,
                const LRect *r)
{
  if (along_u)
    return s->v0 > r->v0 + 0.5 && s->v0 < r->v1 - 0.5 && s->u0 < r->u1 - 0.5 && s->u1 > r->u0 + 0.5;
  return s->u0 > r->u0 + 0.5 && s->u0 < r->u1 - 0.5 && s->v0 < r->v1 - 0.5 && s->v1 > r->v0 + 0.5;
}

/* What a candidate segment costs against one placed segment. */
static inline double
seg_cost (const Scene  *sc,
          const LPoint *a,
          const LPoint *b,
          const LPoint *tile_end,
          const LSeg   *t)
{
  gboolean along_u = a->v == b->v;
  double c = along_u ? a->v : a->u;
  double lo = along_u ? MIN (a->u, b->u) : MIN (a->v, b->v);
  double hi = along_u ? MAX (a->u, b->u) : MAX (a->v, b->v);
  double pu, pv;

  if (along_u == t->along_u)
    {
      double overlap = MIN (hi, t->a1) - MAX (lo, t->a0);

      if (fabs (c - t->c) < 0.5)
        {
          if (overlap > 0.5)
            return PEN_CROSS;
          if (overlap < -0.5)
            return 0;
          /* End to end on one line. */
          pu = along_u ? (fabs (lo - t->a1) < fabs (hi - t->a0) ? lo : hi) : c;
          pv = along_u ? c : (fabs (lo - t->a1) < fabs (hi - t->a0) ? lo : hi);
        }
      else
        return fabs (c - t->c) < CLEAR && overlap > 1 ? PEN_CLOSE : 0;
    }
  else
    {
      /* Perpendicular: they meet at (t->c, c) along u, or (c, t->c). */
      if (t->c < lo - 0.5 || t->c > hi + 0.5 || c < t->a0 - 0.5 || c > t->a1 + 0.5)
        return 0;
      if (t->c > lo + 0.5 && t->c < hi - 0.5 && c > t->a0 + 0.5 && c < t->a1 - 0.5)
        return PEN_CROSS;
      pu = along_u ? t->c : c;
      pv = along_u ? c : t->c;
    }
  /* They touch at one point: fine only where both end at one tile. */
  if (t->tile_end && t->icon == sc->link->icon && sc->link->icon >= 0 &&
      fabs (pu - tile_end->u) < 0.5 && fabs (pv - tile_end->v) < 0.5 &&
      fabs (pu - t->tu) < 0.5 && fabs (pv - t->tv) < 0.5)
    return PEN_SHARE;
  return PEN_TOUCH;
}

/* Whether a path costing at least @cost cannot beat the best one. */
static inline gboolean
cannot_win (const Scene *sc,
            double       cost)
{
  return sc->found && cost >= sc->best.cost - 1e-9;
}

/* Adds @cost to @pen; FALSE when the path (at least @bound and @pen)
 * can no longer beat the best one. */
static inline gboolean
add_penalty (const Scene *sc,
             double       bound,
             double      *pen,
             double       cost)
{
  *pen += cost;
  return !cannot_win (sc, bound + *pen);
}

/* @in into @path without empty segments and with straight runs merged;
 * FALSE for a run that turns back on itself (no route). */
static inline gboolean
simplify_path (const LPoint *in,
               guint         n_in,
               Path         *path)
{
  for (guint i = 0; i < n_in; i++)
    {
      if (path->n > 0 && in[i].u == path->p[path->n - 1].u && in[i].v == path->p[path->n - 1].v)
        continue;
      if (path->n >= 2)
        {
          const LPoint *a = &path->p[path->n - 2], *b = &path->p[path->n - 1];
          gboolean same_u = a->u == b->u && b->u == in[i].u;
          gboolean same_v = a->v == b->v && b->v == in[i].v;

          if (same_u || same_v)
            {
              double d0 = same_u ? b->v - a->v : b->u - a->u;
              double d1 = same_u ? in[i].v - b->v : in[i].u - b->u;

              if ((d0 > 0) != (d1 > 0))
                return FALSE;
              path->p[path->n - 1] = in[i];
              continue;
            }
        }
      path->p[path->n++] = in[i];
    }
  return TRUE;
}

/* The length of @path in @length; FALSE when a segment is slanted. */
static inline gboolean
path_length (const Path *path,
             double     *length)
{
  double sum = 0; /* a local: *@length may alias the points */

  for (guint i = 0; i + 1 < path->n; i++)
    {
      const LPoint *a = &path->p[i], *b = &path->p[i + 1];

      if (a->u != b->u && a->v != b->v)
        return FALSE;
      sum += fabs (b->u - a->u) + fabs (b->v - a->v);
    }
  *length = sum;
  return TRUE;
}

/* The items of @bands a candidate segment at @c across can meet, in
 * @items; how many. The extents are closed here (a rectangle's open one
 * only lists more than it meets), and a NaN meets nothing. */
static inline guint
band_items (const Bands  *bands,
            double        c,
            const guint **items)
{
  guint k;

  if (bands->n == 0 || !(c >= bands->lo && c <= bands->hi))
    return 0;
  k = band_of (bands, c);
  *items = (const guint *) (gpointer) bands->items->data + g_array_index (bands->starts, guint, k);
  return g_array_index (bands->starts, guint, k + 1) - g_array_index (bands->starts, guint, k);
}

/* Adds to @pen what the segment with the bounding box @box, along u when
 * @along_u, passes among the scene's rectangles; FALSE as soon as the path
 * (at least @bound and the penalty) cannot beat the best one. Called with
 * a constant @along_u: the direction is tested once, not per rectangle. */
G_ALWAYS_INLINE
static inline gboolean
add_rects_penalty (const Scene *sc,
                   const LRect *box,
                   gboolean     along_u,
                   double       bound,
                   double      *pen)
{
  double sum = *pen; /* a local: *@pen may alias what is read */
  const guint *items;
  guint n = band_items (&sc->bands[along_u], along_u ? box->v0 : box->u0, &items);

  for (guint i = 0; i < n; i++)
    {
      const LRect *r = &g_array_index (sc->rects, LRect, items[i]);

      if (seg_meets_rect (box, along_u, r) && !add_penalty (sc, bound, &sum, r->pen))
        return FALSE;
    }
  *pen = sum;
  return TRUE;
}

/* Aborts unless the placed segments in @items, those of the band of the
 * candidate segment from @a to @b, cost it in all what every placed
 * segment does (each cost a whole number: the sums are exact). */
static void
assert_band_complete (const Scene  *sc,
                      const LPoint *a,
                      const LPoint *b,
                      const LPoint *tile_end,
                      const guint  *items,
                      guint         n)
{
  double listed = 0, every = 0;

  for (guint i = 0; i < n; i++)
    listed += seg_cost (sc, a, b, tile_end, &g_array_index (sc->segs, LSeg, items[i]));
  for (guint k = 0; k < sc->segs->len; k++)
    every += seg_cost (sc, a, b, tile_end, &g_array_index (sc->segs, LSeg, k));
  g_assert_cmpfloat (listed, ==, every);
  bands_checked++;
}

/* Adds to @pen what the segment from @a to @b, along u when @along_u,
 * costs against the placed segments (those of its band, in scene order:
 * the others cost nothing); FALSE as soon as the path cannot beat the
 * best one. */
static inline gboolean
add_segs_penalty (const Scene  *sc,
                  const LPoint *a,
                  const LPoint *b,
                  const LPoint *tile_end,
                  gboolean      along_u,
                  double        bound,
                  double       *pen)
{
  double sum = *pen; /* a local: *@pen may alias what is read */
  const guint *items;
  guint n = band_items (&sc->seg_bands[along_u], along_u ? a->v : a->u, &items);

  if (G_UNLIKELY (check_bands))
    assert_band_complete (sc, a, b, tile_end, items, n);
  for (guint i = 0; i < n; i++)
    {
      double cost = seg_cost (sc, a, b, tile_end, &g_array_index (sc->segs, LSeg, items[i]));

      if (cost > 0 && !add_penalty (sc, bound, &sum, cost))
        return FALSE;
    }
  *pen = sum;
  return TRUE;
}

/* What @path passes (another icon, label, marker or subnet, a placed
 * route), in @penalty; FALSE as soon as the path (at least @bound and the
 * penalty so far) cannot beat the best one. */
static inline gboolean
path_penalty (const Scene *sc,
              const Path  *path,
              double       bound,
              double      *penalty)
{
  double pen = 0;

  for (guint i = 0; i + 1 < path->n; i++)
    {
      const LPoint *a = &path->p[i], *b = &path->p[i + 1];
      LRect box = seg_box (a, b);
      gboolean along_u = a->v == b->v;

      if (cannot_win (sc, bound + pen))
        return FALSE;
      /* Its own tile only at the end; its own label never. */
      if (i + 2 < path->n && seg_meets_rect (&box, along_u, &sc->tile))
        pen += PEN_TILE;
      if (seg_meets_rect (&box, along_u, &sc->label))
        pen += PEN_LABEL;
      if (i > 0 && seg_meets_rect (&box, along_u, &sc->target))
        pen += PEN_BOX;
      /* One copy of the loop per direction. */
      if (!(along_u ? add_rects_penalty (sc, &box, TRUE, bound, &pen)
                    : add_rects_penalty (sc, &box, FALSE, bound, &pen)))
        return FALSE;
      if (!add_segs_penalty (sc, a, b, &path->p[path->n - 1], along_u, bound, &pen))
        return FALSE;
    }
  *penalty = pen;
  return TRUE;
}

/* A chosen port keeps clear of the ports already on its side. */
static inline void
add_side_ports_penalty (const Scene *sc,
                        const Path  *path,
                        double      *penalty)
{
  double pen = *penalty;

  for (guint k = 0; k < sc->side_ports->len; k++)
    if (fabs (g_array_index (sc->side_ports, double, k) - path->p[0].v) < MARKER_STEP / 2)
      pen += PEN_MARKER;
  *penalty = pen;
}

/* The scene's things by band, made when a path's penalty is first asked
 * for: most links find their route, or give up, before any is (the
 * bands were a sixth of routing). */
static void
ensure_bands (Scene *sc)
{
  if (sc->banded)
    return;
  rect_bands_build (&sc->bands[FALSE], sc->rects, FALSE, sc->extents);
  rect_bands_build (&sc->bands[TRUE], sc->rects, TRUE, sc->extents);
  seg_bands_build (&sc->seg_bands[FALSE], sc->segs, FALSE, sc->extents);
  seg_bands_build (&sc->seg_bands[TRUE], sc->segs, TRUE, sc->extents);
  sc->banded = TRUE;
}

/* Scores the route through @in and keeps it if it is the best so far. */
static void
try_path (Scene        *sc,
          const LPoint *in,
          guint         n_in)
{
  Path path = { .n = 0 };
  double length, penalty = 0, bound;

  if (!simplify_path (in, n_in, &path) || path.n < 2)
    return;
  sc->tried++;
  if (!path_length (&path, &length))
    return;
  /* Every penalty is positive: once the cost so far cannot beat the best
   * path, the rest need not be counted (the same choice, found sooner; a
   * workload in a hundred subnets no longer takes seconds). */
  bound = length + BEND * (path.n - 2);
  if (cannot_win (sc, bound))
    return;
  if (sc->look)
    ensure_bands (sc);
  if (sc->look && !path_penalty (sc, &path, bound, &penalty))
    return;
  if (sc->look && !sc->link->fixed)
    add_side_ports_penalty (sc, &path, &penalty);
  path.penalty = penalty;
  path.cost = length + BEND * (path.n - 2) + penalty;
  if (!sc->found || path.cost < sc->best.cost - 1e-9)
    {
      sc->best = path;
      sc->found = TRUE;
    }
}

/* Sorts @n doubles in place, lowest first: an inline quicksort (median of
 * three, insertion sort for short runs), several times faster than
 * g_array_sort()'s call per comparison for the coordinates of every
 * scene. Equal values are equal doubles, so the order is the same. */
static void
sort_doubles (double *a,
              gsize   n)
{
  while (n > 16)
    {
      double pivot, t;
      gsize i = 0, j = n - 1, m = n / 2;

      if (a[m] < a[0])
        t = a[m], a[m] = a[0], a[0] = t;
      if (a[j] < a[0])
        t = a[j], a[j] = a[0], a[0] = t;
      if (a[j] < a[m])
        t = a[j], a[j] = a[m], a[m] = t;
      pivot = a[m];
      for (;;)
        {
          while (a[i] < pivot)
            i++;
          while (pivot < a[j])
            j--;
          if (i >= j)
            break;
          t = a[i], a[i] = a[j], a[j] = t;
          i++;
          j--;
        }
      /* Recurse into the smaller part, loop on the larger. */
      if (j + 1 < n - j - 1)
        {
          sort_doubles (a, j + 1);
          a += j + 1;
          n -= j + 1;
        }
      else
        {
          sort_doubles (a + j + 1, n - j - 1);
          n = j + 1;
        }
    }
  for (gsize i = 1; i < n; i++)
    {
      double v = a[i];
      gsize k = i;

      for (; k > 0 && v < a[k - 1]; k--)
        a[k] = a[k - 1];
      a[k] = v;
    }
}

/* Whether lane @x comes before lane @y: nearer @pref first, then lower. */
static inline gboolean
lane_before (double x,
             double y,
             double pref)
{
  double dx = fabs (x - pref), dy = fabs (y - pref);

  if (dx != dy)
    return dx < dy;
  return x < y;
}

/* One kind of lanes() candidate, walked outwards from @pref: the sorted
 * coordinates shifted by @shift, or the middles of the gaps between
 * neighbours; either way a sorted sequence (rounding keeps the order).
 * Its values within [lo, hi] are those at [@first, @last); the next one
 * above @pref is at @up, those below end at @down. Below @pref, values a
 * few ulps apart can be as near @pref once rounded, and the nearest come
 * lowest first: such a group, [@group, @down), is handed out from @next. */
typedef struct
{
  const double *cs;
  guint         n;
  double        shift;
  gboolean      middles;
  guint         first, last, down, up, group, next;
} LaneRun;

static inline double
lane_value (const LaneRun *run,
            guint          i)
{
  return run->middles ? (run->cs[i] + run->cs[i + 1]) / 2 : run->cs[i] + run->shift;
}

/* The first index of @run whose value is above @x (or, with @or_equal,
 * at least @x), searched in [@from, @run->n). */
static guint
lane_search (const LaneRun *run,
             guint          from,
             double         x,
             gboolean       or_equal)
{
  guint lo = from, hi = run->n;

  while (lo < hi)
    {
      guint mid = lo + (hi - lo) / 2;
      double v = lane_value (run, mid);

      if (or_equal ? v >= x : v > x)
        hi = mid;
      else
        lo = mid + 1;
    }
  return lo;
}

static void
lane_run_init (LaneRun      *run,
               const double *cs,
               guint         n_coords,
               double        shift,
               gboolean      middles,
               double        lo,
               double        hi,
               double        pref)
{
  run->cs = cs;
  run->n = middles ? (n_coords > 0 ? n_coords - 1 : 0) : n_coords;
  run->shift = shift;
  run->middles = middles;
  run->first = lane_search (run, 0, lo, TRUE);
  run->last = lane_search (run, run->first, hi, FALSE);
  run->down = run->up = CLAMP (lane_search (run, run->first, pref, FALSE), run->first, run->last);
  run->group = run->next = run->down;
}

/* The run's next candidate below @pref: the lowest of those as near as
 * the nearest left, found once per group. FALSE when none is left. */
static gboolean
lane_below (LaneRun *run,
            double   pref,
            double  *value)
{
  if (run->next == run->down)
    {
      double d;

      if (run->down == run->first)
        return FALSE;
      d = fabs (lane_value (run, run->down - 1) - pref);
      run->group = run->down - 1;
      while (run->group > run->first && fabs (lane_value (run, run->group - 1) - pref) == d)
        run->group--;
      run->next = run->group;
    }
  *value = lane_value (run, run->next);
  return TRUE;
}

/* Takes the candidate lane_below() gave. */
static void
lane_take_below (LaneRun *run)
{
  if (++run->next == run->down)
    run->down = run->next = run->group;
}

/* For tests: each lanes() answer checked against sorting every
 * candidate, and how many were. */
static gboolean check_lanes;
static guint    lanes_checked;

guint
_vpc_routes_set_check_lanes (gboolean enabled)
{
  guint checked = lanes_checked;

  check_lanes = enabled;
  lanes_checked = 0;
  return checked;
}

static int
compare_lanes (gconstpointer a,
               gconstpointer b,
               gpointer      pref)
{
  double x = *(const double *) a, y = *(const double *) b;

  return lane_before (x, y, *(double *) pref) ? -1 : lane_before (y, x, *(double *) pref) ? 1 : 0;
}

/* Aborts unless @out (@n lanes) is what sorting every candidate of
 * lanes() gives, nearest @pref first, with the near ones left out. */
static void
assert_lanes_sorted (const double *cs,
                     guint         n_coords,
                     double        lo,
                     double        hi,
                     double        pref,
                     guint         max,
                     const double *out,
                     guint         n)
{
  g_autoptr(GArray) all = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) want = g_array_new (FALSE, FALSE, sizeof (double));
  double fixed[4] = { CLAMP (pref, lo, hi), (lo + hi) / 2, lo, hi };

  for (guint f = 0; f < 4; f++)
    g_array_append_val (all, fixed[f]);
  for (guint i = 0; i < n_coords; i++)
    {
      double c[3] = { cs[i] - CLEAR, cs[i] + CLEAR, 0 };

      if (i + 1 < n_coords)
        c[2] = (cs[i] + cs[i + 1]) / 2;
      g_array_append_vals (all, c, i + 1 < n_coords ? 3 : 2);
    }
  g_array_sort_with_data (all, compare_lanes, &pref);
  for (guint i = 0; i < all->len && want->len < max; i++)
    {
      double c = g_array_index (all, double, i);
      gboolean near = FALSE;

      if (!(c >= lo && c <= hi))
        continue;
      for (guint k = 0; k < want->len && !near; k++)
        near = fabs (g_array_index (want, double, k) - c) < 2;
      if (!near)
        g_array_append_val (want, c);
    }
  g_assert_cmpuint (n, ==, want->len);
  for (guint k = 0; k < n; k++)
    g_assert_cmpfloat (out[k], ==, g_array_index (want, double, k));
  lanes_checked++;
}

/* Up to @max lanes in [lo, hi], nearest @pref first: @pref, the middle,
 * the ends, CLEAR off everything around, and the middles of the gaps.
 * The candidates come in the order a sort would give (nearer @pref, then
 * lower), only as many as needed: a lane search runs for every link,
 * among hundreds of coordinates. The coordinates are sorted, so each
 * kind of candidate is a sorted run, walked outwards from @pref: the next
 * candidate is the best of each run's next one either way. */
static guint
lanes (const Scene *sc,
       gboolean     along_u,
       double       lo,
       double       hi,
       double       pref,
       guint        max,
       double      *out)
{
  const GArray *coords = along_u ? sc->ucoords : sc->vcoords;
  const double *cs = (const double *) (gpointer) coords->data;
  guint n_coords = sc->look ? coords->len : 0;
  double fixed[4] = { CLAMP (pref, lo, hi), (lo + hi) / 2, lo, hi };
  gboolean taken[4] = { FALSE };
  LaneRun runs[3];
  guint n = 0;

  if (!(hi >= lo))
    return 0;
  lane_run_init (&runs[0], cs, n_coords, -CLEAR, FALSE, lo, hi, pref);
  lane_run_init (&runs[1], cs, n_coords, CLEAR, FALSE, lo, hi, pref);
  lane_run_init (&runs[2], cs, n_coords, 0, TRUE, lo, hi, pref);
  for (guint f = 0; f < 4; f++)
    taken[f] = !(fixed[f] >= lo && fixed[f] <= hi);
  while (n < max)
    {
      double best = 0;
      int from = -1; /* 0-3 the fixed ones, then 4 + 2 * run (+ 1 above) */
      gboolean near = FALSE;

#define CONSIDER(v, where)                                                                         \
  G_STMT_START                                                                                     \
  {                                                                                                \
    double v_ = (v);                                                                               \
    if (from < 0 || lane_before (v_, best, pref))                                                  \
      best = v_, from = (where);                                                                   \
  }                                                                                                \
  G_STMT_END
      for (guint f = 0; f < 4; f++)
        if (!taken[f])
          CONSIDER (fixed[f], (int) f);
      for (guint r = 0; r < 3; r++)
        {
          double below;

          if (lane_below (&runs[r], pref, &below))
            CONSIDER (below, (int) (4 + 2 * r));
          if (runs[r].up < runs[r].last)
            CONSIDER (lane_value (&runs[r], runs[r].up), (int) (5 + 2 * r));
        }
#undef CONSIDER
      if (from < 0)
        break;
      if (from < 4)
        taken[from] = TRUE;
      else if ((from - 4) % 2 == 0)
        lane_take_below (&runs[(from - 4) / 2]);
      else
        runs[(from - 4) / 2].up++;
      for (guint k = 0; k < n && !near; k++)
        near = fabs (out[k] - best) < 2;
      if (!near)
        out[n++] = best;
    }
  if (G_UNLIKELY (check_lanes))
    assert_lanes_sorted (cs, n_coords, lo, hi, pref, max, out, n);
  return n;
}

guint
_vpc_routes_test_lanes (const double *coords,
                        guint         n_coords,
                        double        lo,
                        double        hi,
                        double        pref,
                        guint         max,
                        double       *out)
{
  g_autoptr(GArray) sorted = g_array_new (FALSE, FALSE, sizeof (double));
  Scene sc = { .look = TRUE };
  gboolean was = check_lanes;
  guint n;

  g_array_append_vals (sorted, coords, n_coords);
  sort_doubles ((double *) (gpointer) sorted->data, sorted->len);
  sc.ucoords = sc.vcoords = sorted;
  check_lanes = TRUE;
  n = lanes (&sc, TRUE, lo, hi, pref, max, out);
  check_lanes = was;
  return n;
}

/* Where routes may meet one side of the tile: its middle first, then
 * steps of ENTRY_STEP either way. */
static guint
entries (double  lo,
         double  hi,
         double *out)
{
  double mid = (lo + hi) / 2;
  guint n = 0;

  out[n++] = mid;
  for (int k = 1; k <= 2; k++)
    {
      if (mid - k * ENTRY_STEP > lo + 3)
        out[n++] = mid - k * ENTRY_STEP;
      if (mid + k * ENTRY_STEP < hi - 3)
        out[n++] = mid + k * ENTRY_STEP;
    }
  return n;
}

static gboolean
clean (const Scene *sc)
{
  return sc->found && sc->best.penalty == 0;
}

static void
candidates (Scene *sc)
{
  const LRect *t = &sc->tile;
  double vc = (t->v0 + t->v1) / 2, e = sc->e;
  double ps[MAX_LANES], ru[5], qv[5], ls[MAX_LANES], ws[12];
  guint n_p, n_r, n_q, n_l, n_w;
  LPoint pts[MAX_POINTS];

  if (sc->link->fixed)
    {
      ps[0] = sc->plo;
      n_p = 1;
    }
  else
    n_p = lanes (sc, FALSE, sc->plo, sc->phi, CLAMP (vc, sc->plo, sc->phi),
                 sc->look ? MAX_LANES : 1, ps);
  n_r = entries (t->u0, t->u1, ru);
  n_q = entries (t->v0, t->v1, qv);

  /* Straight across. */
  for (guint i = 0; i < n_p; i++)
    if (ps[i] > t->v0 + 3 && ps[i] < t->v1 - 3 && t->u0 > e + 1)
      {
        pts[0] = (LPoint) { e, ps[i] };
        pts[1] = (LPoint) { t->u0, ps[i] };
        try_path (sc, pts, 2);
      }
  if (clean (sc))
    return;

  /* One bend: out to the tile's column, then into its end. */
  for (guint i = 0; i < n_p; i++)
    for (guint k = 0; k < n_r; k++)
      if ((ps[i] <= t->v0 - 1 || ps[i] >= t->v1 + 1) && ru[k] > e + 4)
        {
          pts[0] = (LPoint) { e, ps[i] };
          pts[1] = (LPoint) { ru[k], ps[i] };
          pts[2] = (LPoint) { ru[k], ps[i] < t->v0 ? t->v0 : t->v1 };
          try_path (sc, pts, 3);
        }

  /* Two bends: out to a lane before the tile, along it, into its side. */
  if (t->u0 > e + 8)
    {
      n_l = lanes (sc, TRUE, e + 4, t->u0 - 4, (e + t->u0) / 2, sc->look ? MAX_LANES : 1, ls);
      for (guint i = 0; i < MIN (n_p, 6u); i++)
        for (guint j = 0; j < n_l; j++)
          for (guint k = 0; k < n_q; k++)
            {
              pts[0] = (LPoint) { e, ps[i] };
              pts[1] = (LPoint) { ls[j], ps[i] };
              pts[2] = (LPoint) { ls[j], qv[k] };
              pts[3] = (LPoint) { t->u0, qv[k] };
              try_path (sc, pts, 4);
            }
    }
  if (clean (sc) || (sc->found && !sc->look))
    return;

  /* Three bends: out to a lane, across to the tile's column, into its end. */
  n_l = lanes (sc, TRUE, e + 4, t->u0 > e + 12 ? t->u0 - 4 : e + 120, e + 16, sc->look ? 6 : 1, ls);
  n_w = lanes (sc, FALSE, MIN (ps[0], t->v0) - 80, t->v0 - 4, t->v0 - 12, sc->look ? 5 : 1, ws);
  n_w += lanes (sc, FALSE, t->v1 + 4, MAX (ps[0], t->v1) + 80, t->v1 + 12, sc->look ? 5 : 1,
                ws + n_w);
  for (guint i = 0; i < MIN (n_p, 4u); i++)
    for (guint j = 0; j < n_l; j++)
      for (guint w = 0; w < n_w; w++)
        for (guint k = 0; k < MIN (n_r, 3u); k++)
          {
            pts[0] = (LPoint) { e, ps[i] };
            pts[1] = (LPoint) { ls[j], ps[i] };
            pts[2] = (LPoint) { ls[j], ws[w] };
            pts[3] = (LPoint) { ru[k], ws[w] };
            pts[4] = (LPoint) { ru[k], ws[w] < t->v0 ? t->v0 : t->v1 };
            try_path (sc, pts, 5);
          }
}

static void
build_routing (VpcRouter *router)
{
  double x0 = G_MAXDOUBLE, y0 = G_MAXDOUBLE, x1 = -G_MAXDOUBLE, y1 = -G_MAXDOUBLE;
  gboolean any = router->boxes->len > 0;
  VpcRect extent;

  /* Boxes hold the icons, markers and routes nearly always. */
  for (guint i = 0; i < router->boxes->len; i++)
    {
      const VpcRect *r = &g_array_index (router->boxes, Box, i).rect;

      x0 = MIN (x0, r->x);
      y0 = MIN (y0, r->y);
      x1 = MAX (x1, r->x + r->w);
      y1 = MAX (y1, r->y + r->h);
    }
  extent = (VpcRect) { x0, y0, x1 - x0, y1 - y0 };
  router->segs = g_array_new (FALSE, FALSE, sizeof (Seg));
  grid_init (&router->icon_grid, any ? &extent : NULL);
  grid_init (&router->marker_grid, any ? &extent : NULL);
  grid_init (&router->box_grid, any ? &extent : NULL);
  grid_init (&router->seg_grid, any ? &extent : NULL);
  for (guint i = 0; i < router->icons->len; i++)
    grid_add (&router->icon_grid, &g_array_index (router->icons, Icon, i).extent, i);
  router->box_links = g_ptr_array_new_with_free_func ((GDestroyNotify) g_array_unref);
  for (guint i = 0; i < router->boxes->len; i++)
    g_ptr_array_add (router->box_links, g_array_new (FALSE, FALSE, sizeof (guint)));
  for (guint i = 0; i < router->links->len; i++)
    {
      const Link *link = &g_array_index (router->links, Link, i);
      if (link->kind == VPC_LINK_INTERFACE)
        grid_add (&router->marker_grid, &link->marker, i);
      g_array_append_val (g_ptr_array_index (router->box_links, link->box), i);
    }
  for (guint i = 0; i < router->boxes->len; i++)
    grid_add (&router->box_grid, &g_array_index (router->boxes, Box, i).rect, i);
}

/* Where the next rectangles, segments and their coordinates go in a
 * scene's arrays. A batch of them takes its room at once (begin_adding())
 * and gives back what it did not use (end_adding()): appending them one by
 * one, a call each, was a tenth of routing. The two coordinate arrays grow
 * together, two of each per rectangle or segment. */
typedef struct
{
  guint rects, segs, coords;
} Adding;

static Adding
begin_adding (Scene *sc,
              guint  n_rects,
              guint  n_segs)
{
  Adding at = { sc->rects->len, sc->segs->len, sc->ucoords->len };

  g_array_set_size (sc->rects, at.rects + n_rects);
  g_array_set_size (sc->segs, at.segs + n_segs);
  g_array_set_size (sc->ucoords, at.coords + 2 * (n_rects + n_segs));
  g_array_set_size (sc->vcoords, at.coords + 2 * (n_rects + n_segs));
  return at;
}

static void
end_adding (Scene        *sc,
            const Adding *at)
{
  g_array_set_size (sc->rects, at->rects);
  g_array_set_size (sc->segs, at->segs);
  g_array_set_size (sc->ucoords, at->coords);
  g_array_set_size (sc->vcoords, at->coords);
}

static inline void
add_coords (Scene  *sc,
            Adding *at,
            double  u0,
            double  u1,
            double  v0,
            double  v1)
{
  double *u = &g_array_index (sc->ucoords, double, at->coords);
  double *v = &g_array_index (sc->vcoords, double, at->coords);

  u[0] = u0;
  u[1] = u1;
  v[0] = v0;
  v[1] = v1;
  at->coords += 2;
}

/* @r, grown by @margin on every side, as something routes avoid. */
static inline void
add_rect (Scene         *sc,
          Adding        *at,
          const VpcRect *r,
          double         pen,
          double         margin)
{
  VpcRect grown = { r->x - margin, r->y - margin, r->w + 2 * margin, r->h + 2 * margin };
  LRect l = rect_to_local (sc->side, &grown, pen);

  g_array_index (sc->rects, LRect, at->rects++) = l;
  add_coords (sc, at, l.u0, l.u1, l.v0, l.v1);
}

/* The port's place: for a fixed port the point where its route starts,
 * else the side's line and the range along it. */
static void
port_frame (VpcRouter  *router,
            const Link *link,
            double     *e,
            double     *plo,
            double     *phi)
{
  const VpcRect *r = &g_array_index (router->boxes, Box, link->box).rect;
  double x, y, u, v;

  if (link->kind == VPC_LINK_INTERFACE)
    {
      const VpcRect *m = &link->marker;

      switch (link->side)
        {
        case SIDE_LEFT:   x = m->x;          y = link->port; break;
        case SIDE_RIGHT:  x = m->x + m->w;   y = link->port; break;
        case SIDE_TOP:    x = link->port;    y = m->y; break;
        case SIDE_BOTTOM:
        default:          x = link->port;    y = m->y + m->h; break;
        }
      /* The marker may have been pushed inside a tiny subnet. */
      if (side_is_vertical (link->side))
        y = CLAMP (y, m->y, m->y + m->h);
      else
        x = CLAMP (x, m->x, m->x + m->w);
      to_local (link->side, x, y, &u, &v);
      *e = u;
      *plo = *phi = v;
      return;
    }
  switch (link->side)
    {
    case SIDE_LEFT:   x = r->x;        y = r->y; break;
    case SIDE_RIGHT:  x = r->x + r->w; y = r->y; break;
    case SIDE_TOP:    x = r->x;        y = r->y; break;
    case SIDE_BOTTOM:
    default:          x = r->x;        y = r->y + r->h; break;
    }
  to_local (link->side, x, y, &u, &v);
  *e = u;
  if (link->fixed)
    {
      *plo = *phi = link->port;
      return;
    }
  if (side_is_vertical (link->side))
    {
      *plo = r->y + MIN (PORT_MARGIN, r->h / 2);
      *phi = r->y + r->h - MIN (PORT_MARGIN, r->h / 2);
    }
  else
    {
      /* Clear of the header's corner icon. */
      *plo = r->x + MIN (34.0, r->w / 2);
      *phi = r->x + r->w - MIN (PORT_MARGIN, r->w / 2);
    }
}

/* Its segments no longer stand in the way: @link is routed again. */
static void
retire_segments (VpcRouter  *router,
                 const Link *link)
{
  for (guint i = 0; i < link->n_segs; i++)
    g_array_index (router->segs, Seg, link->seg0 + i).dead = TRUE;
}

/* The port, the icon's tile and label and the link's subnet, in the
 * port's frame. */
static void
frame_scene (Scene      *sc,
             const Icon *icon,
             const Box  *box)
{
  const Link *link = sc->link;
  VpcRect label = { icon->extent.x - CLEAR / 2, icon->tile.y + icon->tile.h,
                    icon->extent.w + CLEAR, icon->extent.h - icon->tile.h + CLEAR / 2 };

  port_frame (sc->router, link, &sc->e, &sc->plo, &sc->phi);
  sc->tile = rect_to_local (link->side, &icon->tile, PEN_TILE);
  sc->label = rect_to_local (link->side, &label, PEN_LABEL);
  sc->target = rect_to_local (link->side, &box->rect, PEN_BOX);
}

/* Where what the route may pass lies: around the icon and the part of
 * the side its port may take. */
static void
scene_region (const Scene *sc,
              const Icon  *icon,
              VpcRect     *region)
{
  Side side = sc->link->side;
  double v = CLAMP ((sc->tile.v0 + sc->tile.v1) / 2, sc->plo, sc->phi);
  double lo = MAX (sc->plo, v - 2 * REGION), hi = MIN (sc->phi, v + 2 * REGION);
  double x0, y0, x1, y1;

  to_world (side, sc->e, lo, &x0, &y0);
  to_world (side, sc->e, hi, &x1, &y1);
  region->x = MIN (MIN (x0, x1), icon->extent.x) - REGION;
  region->y = MIN (MIN (y0, y1), icon->extent.y) - REGION;
  region->w = MAX (MAX (x0, x1), icon->extent.x + icon->extent.w) + REGION - region->x;
  region->h = MAX (MAX (y0, y1), icon->extent.y + icon->extent.h) + REGION - region->y;
}

/* The other icons in @found: their tiles and labels. */
static void
add_other_icons (Scene        *sc,
                 const GArray *found)
{
  Adding at = begin_adding (sc, 2 * found->len, 0);

  for (guint i = 0; i < found->len; i++)
    {
      guint k = g_array_index (found, guint, i);
      const Icon *other = &g_array_index (sc->router->icons, Icon, k);
      VpcRect other_label = { other->extent.x, other->tile.y + other->tile.h, other->extent.w,
                              other->extent.h - other->tile.h };

      if ((int) k == sc->link->icon)
        continue;
      add_rect (sc, &at, &other->tile, PEN_TILE, CLEAR / 2);
      add_rect (sc, &at, &other_label, PEN_ICON, CLEAR / 2);
    }
  end_adding (sc, &at);
}

/* The other links' markers in @found. */
static void
add_other_markers (Scene        *sc,
                   const GArray *found)
{
  Adding at = begin_adding (sc, found->len, 0);

  for (guint i = 0; i < found->len; i++)
    {
      guint k = g_array_index (found, guint, i);
      const Link *other = &g_array_index (sc->router->links, Link, k);

      if (other != sc->link)
        add_rect (sc, &at, &other->marker, PEN_MARKER, 2);
    }
  end_adding (sc, &at);
}

/* A chosen port keeps clear of the ports already on its side. */
static void
add_side_ports (Scene *sc)
{
  const Link *link = sc->link;
  GArray *on_box = g_ptr_array_index (sc->router->box_links, link->box);

  for (guint i = 0; i < on_box->len; i++)
    {
      guint k = g_array_index (on_box, guint, i);
      const Link *other = &g_array_index (sc->router->links, Link, k);

      if (other != link && other->side == link->side &&
          (other->fixed || (other->route != NULL && other->route->points != NULL)))
        g_array_append_val (sc->side_ports, other->port);
    }
}

/* The subnets in @found: every one's header, and the body of those that
 * are neither the link's nor the one its icon lies in. */
static void
add_other_boxes (Scene        *sc,
                 const Icon   *icon,
                 const GArray *found)
{
  Adding at = begin_adding (sc, 2 * found->len, 0);

  for (guint i = 0; i < found->len; i++)
    {
      guint k = g_array_index (found, guint, i);
      const Box *other = &g_array_index (sc->router->boxes, Box, k);
      VpcRect header = { other->rect.x, other->rect.y, other->rect.w,
                         MIN (sc->router->options.subnet_header, other->rect.h / 2) };

      /* Lines keep off every subnet's name and CIDR. */
      add_rect (sc, &at, &header, PEN_LABEL, 0);
      if (k == sc->link->box || (int) k == icon->home)
        continue;
      add_rect (sc, &at, &other->rect, PEN_BOX, 0);
    }
  end_adding (sc, &at);
}

/* A placed segment @s in the scene's frame. */
static void
seg_to_local (const Scene *sc,
              const Seg   *s,
              LSeg        *l)
{
  Side side = sc->link->side;
  const Link *owner = &g_array_index (sc->router->links, Link, s->link);
  const VpcLinkRoute *r = owner->route;
  /* Where the owner meets its tile: its last point for an interface,
   * its first for the others. */
  const VpcPoint *end
      = owner->kind == VPC_LINK_INTERFACE ? &r->points[r->n_points - 1] : &r->points[0];
  double u0, v0, u1, v1;

  to_local (side, s->x0, s->y0, &u0, &v0);
  to_local (side, s->x1, s->y1, &u1, &v1);
  l->along_u = v0 == v1;
  l->c = l->along_u ? v0 : u0;
  l->a0 = l->along_u ? MIN (u0, u1) : MIN (v0, v1);
  l->a1 = l->along_u ? MAX (u0, u1) : MAX (v0, v1);
  l->icon = owner->icon;
  to_local (side, end->x, end->y, &l->tu, &l->tv);
  l->tile_end = (fabs (end->x - s->x0) < 1e-9 && fabs (end->y - s->y0) < 1e-9) ||
                (fabs (end->x - s->x1) < 1e-9 && fabs (end->y - s->y1) < 1e-9);
}

/* The live segments of the routes already placed, in @found. */
static void
add_placed_segments (Scene        *sc,
                     const GArray *found)
{
  Adding at = begin_adding (sc, 0, found->len);

  for (guint i = 0; i < found->len; i++)
    {
      const Seg *s = &g_array_index (sc->router->segs, Seg, g_array_index (found, guint, i));
      LSeg *l;

      if (s->dead)
        continue;
      l = &g_array_index (sc->segs, LSeg, at.segs++);
      seg_to_local (sc, s, l);
      add_coords (sc, &at, l->along_u ? l->a0 : l->c, l->along_u ? l->a1 : l->c,
                  l->along_u ? l->c : l->a0, l->along_u ? l->c : l->a1);
    }
  end_adding (sc, &at);
}

/* Whether looking at what lies in @region fits in an update's work left:
 * a long link's scene across a huge design holds tens of thousands of
 * things. */
static gboolean
affordable (VpcRouter     *router,
            const VpcRect *region,
            GArray        *found)
{
  double things = 1;

  /* Asking a grid over a large region costs already. */
  if ((region->w / GRID_CELL + 1) * (region->h / GRID_CELL + 1) > AFFORDABLE_CELLS)
    return FALSE;
  if (!grid_query (&router->icon_grid, region, found))
    return FALSE;
  things += 2 * found->len;
  if (!grid_query (&router->seg_grid, region, found))
    return FALSE;
  things += found->len;
  return things * TRIED_ESTIMATE <= WORK_BUDGET - router->work;
}

/* What lies in @region, unless the work budget is spent or a grid cannot
 * answer: then the scene holds nothing and only the shortest shapes are
 * tried. @found is scratch space for the grids' answers. */
static void
look_around (Scene         *sc,
             const Icon    *icon,
             const VpcRect *region,
             GArray        *found)
{
  VpcRouter *router = sc->router;

  sc->look = router->work < WORK_BUDGET && (!router->updating || affordable (router, region, found));
  if (sc->look && grid_query (&router->icon_grid, region, found))
    add_other_icons (sc, found);
  else
    sc->look = FALSE;
  if (sc->look && grid_query (&router->marker_grid, region, found))
    add_other_markers (sc, found);
  if (sc->look && !sc->link->fixed)
    add_side_ports (sc);
  if (sc->look && grid_query (&router->box_grid, region, found))
    add_other_boxes (sc, icon, found);
  if (sc->look && grid_query (&router->seg_grid, region, found))
    add_placed_segments (sc, found);
  else
    sc->look = FALSE;

  if (!sc->look)
    {
      g_array_set_size (sc->rects, 0);
      g_array_set_size (sc->segs, 0);
      g_array_set_size (sc->ucoords, 0);
      g_array_set_size (sc->vcoords, 0);
      g_array_set_size (sc->side_ports, 0);
    }
  sort_doubles ((double *) (gpointer) sc->ucoords->data, sc->ucoords->len);
  sort_doubles ((double *) (gpointer) sc->vcoords->data, sc->vcoords->len);
  sc->banded = FALSE;
}

/* Routed again: the route it has is the one to beat. */
static void
try_current_route (Scene              *sc,
                   const VpcLinkRoute *route)
{
  LPoint seed[MAX_POINTS];
  guint n = MIN (route->n_points, MAX_POINTS);

  for (guint i = 0; i < n; i++)
    {
      const VpcPoint *pt
          = &route->points[sc->link->kind == VPC_LINK_INTERFACE ? i : route->n_points - 1 - i];
      to_local (sc->link->side, pt->x, pt->y, &seed[i].u, &seed[i].v);
    }
  try_path (sc, seed, n);
}

/* Nothing orthogonal fits (the tile overlaps the port's side): a straight
 * line to the tile's centre. */
static void
straight_to_tile (Scene *sc)
{
  sc->best.n = 2;
  sc->best.p[0] = (LPoint) { sc->e, CLAMP ((sc->tile.v0 + sc->tile.v1) / 2, sc->plo, sc->phi) };
  sc->best.p[1] = (LPoint) { (sc->tile.u0 + sc->tile.u1) / 2, (sc->tile.v0 + sc->tile.v1) / 2 };
}

/* The best path as the link's route, in world coordinates. */
static void
store_route (Link        *link,
             const Scene *sc)
{
  VpcLinkRoute *route = link->route;
  double px, py;

  link->penalty = sc->found ? sc->best.penalty : 0;
  route->n_points = sc->best.n;
  g_free (route->points);
  route->points = g_new (VpcPoint, sc->best.n);
  for (guint i = 0; i < sc->best.n; i++)
    {
      /* Interfaces run from their marker, the others from their icon. */
      guint k = link->kind == VPC_LINK_INTERFACE ? i : sc->best.n - 1 - i;

      to_world (link->side, sc->best.p[i].u, sc->best.p[i].v, &px, &py);
      route->points[k] = (VpcPoint) { px, py };
    }
  if (!link->fixed)
    link->port = sc->best.p[0].v;
}

/* The route's segments, for the links routed after it to avoid. */
static void
place_segments (VpcRouter *router,
                guint      index)
{
  Link *link = &g_array_index (router->links, Link, index);
  const VpcLinkRoute *route = link->route;

  link->seg0 = router->segs->len;
  for (guint i = 0; i + 1 < route->n_points; i++)
    {
      Seg s = {
        route->points[i].x, route->points[i].y, route->points[i + 1].x, route->points[i + 1].y,
        index, FALSE,
      };
      VpcRect r = { MIN (s.x0, s.x1), MIN (s.y0, s.y1), fabs (s.x1 - s.x0), fabs (s.y1 - s.y0) };

      if (s.x0 != s.x1 && s.y0 != s.y1)
        continue; /* the fallback's slanted line: not indexed */
      g_array_append_val (router->segs, s);
      grid_add (&router->seg_grid, &r, router->segs->len - 1);
    }
  link->n_segs = router->segs->len - link->seg0;
}

static void
route_link (VpcRouter *router,
            guint      index)
{
  static const guint sizes[G_N_ELEMENTS (router->scratch)] = {
    sizeof (guint), sizeof (LRect), sizeof (LSeg), sizeof (double), sizeof (double),
    sizeof (double), sizeof (guint), sizeof (guint), sizeof (guint), sizeof (guint),
    sizeof (guint), sizeof (guint), sizeof (guint), sizeof (guint), sizeof (double),
  };
  Link *link = &g_array_index (router->links, Link, index);
  const Icon *icon = &g_array_index (router->icons, Icon, link->icon);
  const Box *box = &g_array_index (router->boxes, Box, link->box);
  Scene sc = { router, link, link->side };
  GArray *found, *rects;
  VpcRect region;

  for (guint i = 0; i < G_N_ELEMENTS (router->scratch); i++)
    {
      if (router->scratch[i] == NULL)
        router->scratch[i] = g_array_new (FALSE, FALSE, sizes[i]);
      g_array_set_size (router->scratch[i], 0);
    }
  found = router->scratch[0];
  rects = sc.rects = router->scratch[1];
  sc.segs = router->scratch[2];
  sc.ucoords = router->scratch[3];
  sc.vcoords = router->scratch[4];
  sc.side_ports = router->scratch[5];
  for (guint d = 0; d < 2; d++)
    {
      sc.bands[d].starts = router->scratch[6 + 2 * d];
      sc.bands[d].items = router->scratch[7 + 2 * d];
      sc.seg_bands[d].starts = router->scratch[10 + 2 * d];
      sc.seg_bands[d].items = router->scratch[11 + 2 * d];
    }
  sc.extents = router->scratch[14];
  retire_segments (router, link);
  frame_scene (&sc, icon, box);
  scene_region (&sc, icon, &region);
  look_around (&sc, icon, &region, found);
  if (link->route->points != NULL)
    try_current_route (&sc, link->route);
  candidates (&sc);
  router->work += sc.tried * (double) (rects->len + sc.segs->len + 1);
  if (!sc.found)
    straight_to_tile (&sc);
  store_route (link, &sc);
  place_segments (router, index);
}

typedef struct
{
  guint  index;
  int    klass;
  double key;
} Order;

static gint
compare_order (gconstpointer a,
               gconstpointer b)
{
  const Order *x = a, *y = b;

  if (x->klass != y->klass)
    return x->klass < y->klass ? -1 : 1;
  if (x->key != y->key)
    return x->key < y->key ? -1 : 1;
  return x->index < y->index ? -1 : x->index > y->index;
}

/* Where the @i-th link comes in the order links are routed: straight
 * fixed ports first, then the shortest detours. */
static Order
order_of (VpcRouter *router,
          guint      i)
{
  const Link *link = &g_array_index (router->links, Link, i);
  Order o = { i, 0, 0 };
  const Icon *icon = &g_array_index (router->icons, Icon, link->icon);
  const VpcRect *r = &g_array_index (router->boxes, Box, link->box).rect;
  double cx, cy, dx, dy;

  cx = icon->tile.x + icon->tile.w / 2;
  cy = icon->tile.y + icon->tile.h / 2;
  dx = MAX (0, MAX (r->x - cx, cx - r->x - r->w));
  dy = MAX (0, MAX (r->y - cy, cy - r->y - r->h));
  if (link->fixed)
    {
      double lo = side_is_vertical (link->side) ? icon->tile.y : icon->tile.x;
      double len = side_is_vertical (link->side) ? icon->tile.h : icon->tile.w;

      o.key = fabs (link->port - link->target);
      o.klass = link->port > lo + 3 && link->port < lo + len - 3 ? 0 : 1;
    }
  else
    {
      o.klass = link->kind == VPC_LINK_WORKLOAD ? 2 : 3;
      o.key = dx + dy;
    }
  return o;
}

/* Routes the links of @order (Order) in their order, each around those
 * before it; then again around all the others, keeping a route unless
 * another is cheaper, while that removes crossings and the work allows. */
static void
route_in_order (VpcRouter *router,
                GArray    *order)
{
  g_array_sort (order, compare_order);
  if (order->len > 0 && router->segs == NULL)
    build_routing (router);
  for (guint i = 0; i < order->len; i++)
    route_link (router, g_array_index (order, Order, i).index);
  for (guint pass = 0; pass < IMPROVE_PASSES && router->work < WORK_BUDGET; pass++)
    {
      double before = 0, after = 0;

      for (guint i = 0; i < order->len; i++)
        before
            += g_array_index (router->links, Link, g_array_index (order, Order, i).index).penalty;
      if (before == 0)
        break;
      for (guint i = 0; i < order->len; i++)
        {
          guint k = g_array_index (order, Order, i).index;

          route_link (router, k);
          after += g_array_index (router->links, Link, k).penalty;
        }
      if (after >= before)
        break;
    }
}

GPtrArray *
vpc_router_route (VpcRouter *router)
{
  g_autoptr(GArray) order = g_array_new (FALSE, FALSE, sizeof (Order));
  GPtrArray *routes = g_ptr_array_new_with_free_func ((GDestroyNotify) vpc_link_route_free);

  g_return_val_if_fail (router != NULL, routes);

  for (guint i = 0; i < router->links->len && !router->options.markers_only; i++)
    {
      const Link *link = &g_array_index (router->links, Link, i);
      Order o;

      if (!link->want || link->icon < 0 || link->route == NULL || link->route->points != NULL)
        continue;
      o = order_of (router, i);
      g_array_append_val (order, o);
    }
  route_in_order (router, order);

  /* The routes are the array's; the links keep reading them (an update
   * routes some again around the others, vpc_router_update()). */
  for (guint i = 0; i < router->links->len; i++)
    {
      Link *link = &g_array_index (router->links, Link, i);

      if (link->route != NULL && link->route->points != NULL)
        {
          link->given = TRUE;
          link->out = routes->len;
          g_ptr_array_add (routes, link->route);
          router->n_given++;
        }
    }
  return routes;
}

/* ---- updating after boxes moved ---- */

#define PASSING 2

/* What follows may spend a tenth of a whole routing's work, looking
 * around only where that allows (affordable()), then the shortest shapes. */
static void
limit_to_update_work (VpcRouter *router)
{
  router->work = WORK_BUDGET - UPDATE_WORK;
  router->updating = TRUE;
}

/* What an update works on: the boxes and icons that moved, the links to
 * place again, and where what moved now lies. */
typedef struct
{
  VpcRouter *router;
  /* One byte per box, icon, link: noted; for a link, 1 (placed again)
   * or PASSING (its line passes where something moved). */
  guint8    *box_seen, *icon_seen, *link_seen;
  GArray    *boxes;    /* guint: boxes that moved */
  GArray    *icons;    /* guint: icons that moved, or whose home or links to check */
  GArray    *links;    /* guint: links whose ports are placed again */
  GArray    *box_rects; /* VpcRect: each moved box where it was and where it is */
  GArray    *dirty;    /* VpcRect: where what moved now is */
} Update;

static void
update_clear (Update *u)
{
  g_free (u->box_seen);
  g_free (u->icon_seen);
  g_free (u->link_seen);
  g_array_unref (u->boxes);
  g_array_unref (u->icons);
  g_array_unref (u->links);
  g_array_unref (u->box_rects);
  g_array_unref (u->dirty);
}

static void
note_once (guint8 *seen,
           GArray *list,
           guint   i)
{
  if (!seen[i])
    {
      seen[i] = 1;
      g_array_append_val (list, i);
    }
}

/* The links of the @index-th element of @kind: [*start, *end), empty
 * when it has none (collect() adds an owner's links one after another). */
static void
owner_links (VpcRouter *router,
             VpcKind    kind,
             guint      index,
             guint     *start,
             guint     *end)
{
  int first = places_of (router)->links[kind][index];

  *start = *end = first >= 0 ? (guint) first : 0;
  while (first >= 0 && *end < router->links->len)
    {
      const Link *b = &g_array_index (router->links, Link, *end);

      if (owner_kind (b->kind) != kind || b->owner_index != index)
        break;
      (*end)++;
    }
}

/* Whether the links of @e, the @index-th endpoint, are those
 * collect_endpoint() would make now: of its type, to each of its subnets
 * drawn, in its list's order, but a gateway endpoint's to the subnet its
 * @icon lies in (NULL: it has none; a gateway endpoint then has no link). */
static gboolean
endpoint_links_match (VpcRouter        *router,
                      guint             index,
                      const VpcElement *e,
                      const Icon       *icon)
{
  VpcLinkKind kind = e->endpoint_type == VPC_ENDPOINT_INTERFACE ? VPC_LINK_INTERFACE
                                                                 : VPC_LINK_GATEWAY;
  gboolean linked = e->subnets != NULL && (e->endpoint_type == VPC_ENDPOINT_INTERFACE
                                           || (e->endpoint_type == VPC_ENDPOINT_GATEWAY
                                               && icon != NULL));
  guint k, end;

  owner_links (router, VPC_KIND_ENDPOINT, index, &k, &end);
  for (guint j = 0; linked && j < e->subnets->len; j++)
    {
      int b = box_index (router, g_ptr_array_index (e->subnets, j));

      if (b < 0)
        continue;
      if (kind == VPC_LINK_GATEWAY && icon_in_box (router, icon, b))
        continue;
      if (k >= end || g_array_index (router->links, Link, k).box != (guint) b
          || g_array_index (router->links, Link, k).kind != kind)
        return FALSE;
      k++;
    }
  return k == end;
}

/* Takes the design's element at @ref into the router. FALSE when the
 * router would collect something else for it: made again. */
static gboolean
take_element (Update          *u,
              const VpcBoxRef *ref)
{
  VpcRouter *router = u->router;
  Places *places = places_of (router);
  const VpcElement *e;
  Icon *icon, was;
  guint start, end;
  int at;

  if (ref->kind >= VPC_N_KINDS || ref->kind == VPC_KIND_AZ)
    return TRUE; /* the VPC's and the AZs' boxes meet no link */
  if (ref->index >= vpc_design_get_n_elements (router->design, ref->kind))
    return FALSE;
  e = vpc_design_get_element (router->design, ref->kind, ref->index);
  if (ref->kind == VPC_KIND_SUBNET)
    {
      Box *box;

      at = places->boxes[ref->index];
      if ((at >= 0) != placed (e))
        return FALSE;
      if (at < 0)
        return TRUE;
      box = &g_array_index (router->boxes, Box, at);
      box->e = e;
      if (!vpc_rect_equal (&box->rect, &e->layout))
        {
          g_array_append_val (u->box_rects, box->rect);
          box->rect = e->layout;
          g_array_append_val (u->box_rects, box->rect);
          g_array_append_val (u->dirty, box->rect);
          note_once (u->box_seen, u->boxes, at);
        }
      return TRUE;
    }
  owner_links (router, ref->kind, ref->index, &start, &end);
  for (guint i = start; i < end; i++)
    g_array_index (router->links, Link, i).owner = e;
  at = places->icons[ref->kind][ref->index];
  if ((at >= 0) != gets_icon (e))
    return FALSE;
  /* Without an icon only an interface endpoint has links, which do not
   * depend on where anything is. */
  if (at < 0)
    return ref->kind != VPC_KIND_ENDPOINT || endpoint_links_match (router, ref->index, e, NULL);
  icon = &g_array_index (router->icons, Icon, at);
  was = *icon;
  icon->e = e;
  shape_icon (router, icon);
  if (!vpc_rect_equal (&was.extent, &icon->extent) || !vpc_rect_equal (&was.tile, &icon->tile))
    g_array_append_val (u->dirty, icon->extent);
  /* Moved, or another copy of the element that may link elsewhere (its
   * subnets edited): its links are checked. */
  note_once (u->icon_seen, u->icons, at);
  return TRUE;
}

/* The icons whose home or links a moved box may change: those in its
 * rectangles, before and after. */
static gboolean
near_moved_boxes (Update *u,
                  GArray *found)
{
  VpcRouter *router = u->router;

  for (guint i = 0; i < u->box_rects->len; i++)
    {
      if (!grid_query (&router->icon_grid, &g_array_index (u->box_rects, VpcRect, i), found))
        return FALSE;
      for (guint j = 0; j < found->len; j++)
        note_once (u->icon_seen, u->icons, g_array_index (found, guint, j));
    }
  return TRUE;
}

/* Notes the links on @box, to place again. */
static void
note_box_links (Update *u,
                guint   box)
{
  GArray *on_box = g_ptr_array_index (u->router->box_links, box);

  for (guint i = 0; i < on_box->len; i++)
    note_once (u->link_seen, u->links, g_array_index (on_box, guint, i));
}

/* Places the ports of the noted links again (all of their sides' ports). */
static gboolean
place_ports_again (Update *u)
{
  VpcRouter *router = u->router;
  g_autoptr(GArray) fixed = g_array_new (FALSE, FALSE, sizeof (guint));
  g_autoptr(GArray) markers = g_array_new (FALSE, FALSE, sizeof (VpcRect));

  for (guint i = 0; i < u->links->len; i++)
    {
      guint k = g_array_index (u->links, guint, i);
      Link *link = &g_array_index (router->links, Link, k);

      if (!face_link (router, link))
        return FALSE;
      size_marker (router, link);
      g_array_append_val (markers, link->marker);
      if (link->fixed)
        g_array_append_val (fixed, k);
    }
  spread_ports (router, fixed);
  for (guint i = 0; i < u->links->len; i++)
    {
      guint k = g_array_index (u->links, guint, i);
      Link *link = &g_array_index (router->links, Link, k);
      const VpcRect *was = &g_array_index (markers, VpcRect, i);

      if (link->kind == VPC_LINK_INTERFACE && !vpc_rect_equal (was, &link->marker))
        {
          g_array_append_val (u->dirty, link->marker);
          grid_move (&router->marker_grid, &link->marker, k);
        }
    }
  return TRUE;
}

/* The routed links to route again: those placed again, and those whose
 * lines now pass through something that moved (lines that went round
 * where it was keep their way: routing them again would cost as much as
 * the rest of a move). */
static gboolean
links_to_route (Update *u,
                GArray *found,
                GArray *order)
{
  VpcRouter *router = u->router;

  for (guint i = 0; i < u->links->len; i++)
    {
      guint k = g_array_index (u->links, guint, i);
      Link *link = &g_array_index (router->links, Link, k);

      if (link->given)
        {
          Order o = order_of (router, k);

          g_array_append_val (order, o);
        }
    }
  for (guint i = 0; i < u->dirty->len; i++)
    {
      const VpcRect *d = &g_array_index (u->dirty, VpcRect, i);
      VpcRect near = { d->x - CLEAR / 2, d->y - CLEAR / 2, d->w + CLEAR, d->h + CLEAR };

      if (!grid_query (&router->seg_grid, &near, found))
        return FALSE;
      for (guint j = 0; j < found->len; j++)
        {
          const Seg *seg = &g_array_index (router->segs, Seg, g_array_index (found, guint, j));

          if (MAX (seg->x0, seg->x1) < near.x || MIN (seg->x0, seg->x1) > near.x + near.w ||
              MAX (seg->y0, seg->y1) < near.y || MIN (seg->y0, seg->y1) > near.y + near.h)
            continue; /* in the cells only */
          if (!seg->dead && !u->link_seen[seg->link])
            {
              Order o = order_of (router, seg->link);

              u->link_seen[seg->link] = PASSING;
              g_array_append_val (order, o);
            }
        }
    }
  return TRUE;
}

/* Link @k in the list of box @from's links, moved to @to's (each list in
 * the order of the links). */
static void
move_box_link (VpcRouter *router,
               guint      k,
               guint      from,
               guint      to)
{
  GArray *was = g_ptr_array_index (router->box_links, from);
  GArray *now = g_ptr_array_index (router->box_links, to);
  guint i;

  for (i = 0; i < was->len && g_array_index (was, guint, i) != k; i++)
    ;
  if (i < was->len)
    g_array_remove_index (was, i);
  for (i = 0; i < now->len && g_array_index (now, guint, i) < k; i++)
    ;
  g_array_insert_val (now, i, k);
}

/* The box of the @j-th of @subnets, where @icon's line goes, or -1 when none goes
 * there (the subnet is not drawn, or @icon lies in it). */
static int
linked_box (VpcRouter       *router,
            const Icon      *icon,
            const GPtrArray *subnets,
            guint            j)
{
  int b = box_index (router, g_ptr_array_index (subnets, j));

  return b >= 0 && !icon_in_box (router, icon, b) ? b : -1;
}

/* Whether the links of the @at-th icon's element are those collect() would
 * make now (a NAT gateway, workload or gateway endpoint drawn inside a
 * subnet has no line to it), and its home is found again. A workload or
 * NAT gateway that links to other subnets but as many as before (moved to
 * another subnet) has those links moved to them in place, and the links of
 * both subnets noted, to be placed and routed again as after a move; a
 * link whose being drawn would change cannot (the routes hold one per
 * line drawn). */
static gboolean
links_follow (Update *u,
              guint   at)
{
  VpcRouter *router = u->router;
  Icon *icon = &g_array_index (router->icons, Icon, at);
  GPtrArray one = { 0 };
  const GPtrArray *subnets;
  guint start, end, n = 0;

  shape_icon (router, icon);
  if (icon->kind == VPC_KIND_ENDPOINT)
    return endpoint_links_match (router, icon->index, icon->e, icon);
  if (icon->kind != VPC_KIND_NAT_GATEWAY && icon->kind != VPC_KIND_WORKLOAD)
    return TRUE;
  subnets = home_candidates (icon->e, &one);
  owner_links (router, icon->kind, icon->index, &start, &end);
  for (guint j = 0; subnets != NULL && j < subnets->len; j++)
    n += linked_box (router, icon, subnets, j) >= 0;
  if (n != end - start)
    return FALSE;
  for (guint j = 0, k = start; subnets != NULL && j < subnets->len; j++)
    {
      int b = linked_box (router, icon, subnets, j);
      Link *link;

      if (b < 0)
        continue;
      link = &g_array_index (router->links, Link, k++);
      if (link->box == (guint) b)
        continue;
      if (link->want
          != link_wanted (router, link->kind, icon->e, g_array_index (router->boxes, Box, b).e))
        return FALSE;
      note_box_links (u, link->box);
      move_box_link (router, k - 1, link->box, b);
      link->box = b;
      note_box_links (u, b);
      if (link->route != NULL)
        {
          g_free (link->route->to);
          link->route->to = g_strdup (g_ptr_array_index (subnets, j));
        }
    }
  return TRUE;
}

/* After the boxes @changed (VpcBoxRef) moved in the router's design and
 * nothing else changed but where their links go, as many as before
 * (links_follow()): takes them, places the ports on the subnets they
 * touch again, and routes again the links they touch and those whose
 * lines now pass through them, around all the others, which keep their
 * routes. @routes is what vpc_router_route() gave, updated in place; the
 * positions in it of the routes routed again are added to @rerouted.
 * FALSE when the design changed in a way only routing everything again
 * answers (an element placed or unplaced, a line appearing or going as an
 * icon enters or leaves its subnet): the router is then to be freed. */
static gboolean
vpc_router_update (VpcRouter    *router,
                   GPtrArray    *routes,
                   const GArray *changed,
                   GArray       *rerouted)
{
  g_autoptr(GArray) found = g_array_new (FALSE, FALSE, sizeof (guint));
  g_autoptr(GArray) order = g_array_new (FALSE, FALSE, sizeof (Order));
  Update u = {
    router,
    g_new0 (guint8, MAX (router->boxes->len, 1)),
    g_new0 (guint8, MAX (router->icons->len, 1)),
    g_new0 (guint8, MAX (router->links->len, 1)),
    g_array_new (FALSE, FALSE, sizeof (guint)),
    g_array_new (FALSE, FALSE, sizeof (guint)),
    g_array_new (FALSE, FALSE, sizeof (guint)),
    g_array_new (FALSE, FALSE, sizeof (VpcRect)),
    g_array_new (FALSE, FALSE, sizeof (VpcRect)),
  };
  gboolean ok = router->segs != NULL && router->options.shadow == NULL
                && !router->options.markers_only && routes->len == router->n_given;
  guint n_moved_icons;

  for (guint i = 0; ok && i < changed->len; i++)
    ok = take_element (&u, &g_array_index (changed, VpcBoxRef, i));
  n_moved_icons = u.icons->len;
  ok = ok && near_moved_boxes (&u, found);
  for (guint i = 0; ok && i < u.icons->len; i++)
    ok = links_follow (&u, g_array_index (u.icons, guint, i));
  if (ok)
    {
      for (guint i = 0; i < u.boxes->len; i++)
        {
          guint b = g_array_index (u.boxes, guint, i);

          grid_move (&router->box_grid, &g_array_index (router->boxes, Box, b).rect, b);
          note_box_links (&u, b);
        }
      for (guint i = 0; i < u.icons->len; i++)
        {
          guint at = g_array_index (u.icons, guint, i);
          const Icon *icon = &g_array_index (router->icons, Icon, at);
          guint start, end;

          if (i < n_moved_icons)
            grid_move (&router->icon_grid, &icon->extent, at);
          owner_links (router, icon->kind, icon->index, &start, &end);
          for (guint k = start; k < end; k++)
            note_box_links (&u, g_array_index (router->links, Link, k).box);
        }
      ok = place_ports_again (&u) && links_to_route (&u, found, order);
    }
  if (ok)
    {
      /* Out of the way first: a link routed before another reads the
       * other's segments. The links placed again start afresh. */
      for (guint i = 0; i < order->len; i++)
        {
          guint k = g_array_index (order, Order, i).index;
          Link *link = &g_array_index (router->links, Link, k);

          retire_segments (router, link);
          link->n_segs = 0;
          if (u.link_seen[k] != PASSING)
            g_clear_pointer (&link->route->points, g_free);
          g_array_append_val (rerouted, link->out);
        }
      limit_to_update_work (router);
      route_in_order (router, order);
      router->updating = FALSE;
    }
  update_clear (&u);
  return ok;
}

GPtrArray *
vpc_routes_compute (VpcDesign              *design,
                    const VpcRoutesOptions *options)
{
  g_autoptr(VpcRouter) router = vpc_router_new (design, options);

  return vpc_router_route (router);
}

VpcLinkRoute *
vpc_link_route_copy (const VpcLinkRoute *route)
{
  VpcLinkRoute *copy = g_memdup2 (route, sizeof *route);

  copy->from = g_strdup (route->from);
  copy->to = g_strdup (route->to);
  copy->points = g_memdup2 (route->points, route->n_points * sizeof (VpcPoint));
  return copy;
}

const VpcLinkRoute *
vpc_routes_find (GPtrArray   *routes,
                 VpcLinkKind  kind,
                 const char  *from,
                 const char  *to)
{
  for (guint i = 0; routes != NULL && i < routes->len; i++)
    {
      const VpcLinkRoute *r = g_ptr_array_index (routes, i);

      if (r->kind == kind && g_strcmp0 (r->from, from) == 0 && g_strcmp0 (r->to, to) == 0)
        return r;
    }
  return NULL;
}

gboolean
vpc_routes_link_interfaces (VpcDesign *design)
{
  guint n = 0;

  for (guint i = 0; i < vpc_design_get_n_elements (design, VPC_KIND_ENDPOINT); i++)
    if (vpc_design_get_element (design, VPC_KIND_ENDPOINT, i)->endpoint_type
            == VPC_ENDPOINT_INTERFACE
        && ++n > VPC_ROUTES_MAX_LINKED_ENDPOINTS)
      return FALSE;
  return TRUE;
}

/* ---- routes kept on the design ---- */

typedef struct
{
  guint64    revision;
  double     text_scale, subnet_header;
  VpcRouter *router;
  GPtrArray *routes;
  /* Updates since the routes were made: the routes routed again, as
   * Rerouted, from @floor on (vpc_routes_rerouted_since()). */
  GArray    *rerouted;
  guint64    floor;
  gboolean   link_interfaces; /* vpc_routes_link_interfaces() when made */
} Cached;

typedef struct
{
  guint64 revision;
  guint   route;
} Rerouted;

/* Routes routed again remembered at most. */
#define REROUTED_MAX 4096

/* One for the canvas's text size, one for hit testing (size 1). */
#define N_CACHED 2
/* Past this many boxes moved, routing everything again is as quick. */
#define UPDATE_MAX_BOXES 256
/* Designs with fewer routes are routed again as a whole after a move, as a
 * file opened anew would be; larger ones are updated (vpc_router_update()),
 * so that a move takes milliseconds and lines far from it stay put. */
static guint update_min_routes = 2048;

void
_vpc_routes_set_update_min_routes (guint n)
{
  update_min_routes = n;
}

/* Brings @slot's routes to @revision by updating them, when only a few
 * boxes moved since. */
static gboolean
update_slot (VpcDesign *design,
             Cached    *slot,
             guint64    revision)
{
  g_autoptr(GArray) changed = g_array_new (FALSE, FALSE, sizeof (VpcBoxRef));
  g_autoptr(GArray) rerouted = g_array_new (FALSE, FALSE, sizeof (guint));

  /* An endpoint's type edited may take every interface's line away. */
  if (slot->routes->len < update_min_routes ||
      !vpc_design_get_elements_changed_since (design, slot->revision, UPDATE_MAX_BOXES, changed) ||
      vpc_routes_link_interfaces (design) != slot->link_interfaces ||
      !vpc_router_update (slot->router, slot->routes, changed, rerouted))
    return FALSE;
  slot->revision = revision;
  if (slot->rerouted == NULL)
    slot->rerouted = g_array_new (FALSE, FALSE, sizeof (Rerouted));
  if (slot->rerouted->len + rerouted->len > REROUTED_MAX)
    {
      g_array_set_size (slot->rerouted, 0);
      slot->floor = revision;
      return TRUE;
    }
  for (guint i = 0; i < rerouted->len; i++)
    {
      Rerouted r = { revision, g_array_index (rerouted, guint, i) };

      g_array_append_val (slot->rerouted, r);
    }
  return TRUE;
}
/* Where they are kept on the design (object data). */
#define ROUTES_KEY "vpc-render-routes"

static void
cached_free (gpointer data)
{
  Cached *cache = data;

  for (guint i = 0; i < N_CACHED; i++)
    {
      g_clear_pointer (&cache[i].router, vpc_router_free);
      g_clear_pointer (&cache[i].routes, g_ptr_array_unref);
      g_clear_pointer (&cache[i].rerouted, g_array_unref);
    }
  g_free (cache);
}

static gboolean
want_linked (VpcLinkKind       kind,
             const VpcElement *icon,
             const VpcElement *subnet,
             gpointer          data)
{
  return kind != VPC_LINK_INTERFACE || GPOINTER_TO_INT (data);
}

gboolean
vpc_routes_were_made (VpcDesign *design)
{
  Cached *cache;

  g_return_val_if_fail (VPC_IS_DESIGN (design), FALSE);

  cache = g_object_get_data (G_OBJECT (design), ROUTES_KEY);
  for (guint i = 0; cache != NULL && i < N_CACHED; i++)
    if (cache[i].router != NULL)
      return TRUE;
  return FALSE;
}

/* The router's options for the links of @design vpc_routes_get_cached()
 * routes, with @options' sizes. */
static void
linked_options (VpcDesign              *design,
                const VpcRoutesOptions *options,
                VpcRoutesOptions       *linked)
{
  *linked = *options;
  linked->want = want_linked;
  linked->want_data = GINT_TO_POINTER (vpc_routes_link_interfaces (design));
}

/* Routes made on another thread (vpc_routes_prefetch()), for one revision
 * and one set of sizes. */
typedef struct
{
  VpcDesign       *design;
  guint64          revision;
  VpcRoutesOptions options; /* as asked for */
  VpcRoutesOptions linked;  /* as routed */
  GThread         *thread;
  VpcRouter       *router;
  GPtrArray       *routes;
  /* The kinds of links routed, known once the router has collected them
   * (long before they are routed): the legend asks for them early. */
  GMutex           lock;
  GCond            collected_cond;
  gboolean         collected;
  guint            kinds;
} Prefetch;

#define PREFETCH_KEY "vpc-render-routes-prefetch"

/* The kinds of links @router will route: vpc_router_route() gives a route
 * to every wanted link with an icon. */
static guint
router_kinds (VpcRouter *router)
{
  guint kinds = 0;

  for (guint i = 0; i < router->links->len; i++)
    {
      const Link *link = &g_array_index (router->links, Link, i);

      if (link->want && link->icon >= 0 && link->route != NULL)
        kinds |= 1u << link->kind;
    }
  return kinds;
}

static gpointer
prefetch_thread (gpointer data)
{
  Prefetch *prefetch = data;

  prefetch->router = vpc_router_new (prefetch->design, &prefetch->linked);
  g_mutex_lock (&prefetch->lock);
  prefetch->kinds = router_kinds (prefetch->router);
  prefetch->collected = TRUE;
  g_cond_broadcast (&prefetch->collected_cond);
  g_mutex_unlock (&prefetch->lock);
  prefetch->routes = vpc_router_route (prefetch->router);
  return NULL;
}

/* Whether @prefetch routes what drawing at @revision with @options'
 * sizes asks for. */
static gboolean
prefetch_matches (const Prefetch         *prefetch,
                  guint64                 revision,
                  const VpcRoutesOptions *options)
{
  return prefetch->revision == revision && prefetch->options.text_scale == options->text_scale
         && prefetch->options.subnet_header == options->subnet_header;
}

/* Waits for the thread: the routes are then the caller's. */
static void
prefetch_join (Prefetch *prefetch)
{
  if (prefetch->thread != NULL)
    g_thread_join (g_steal_pointer (&prefetch->thread));
}

static void
prefetch_free (gpointer data)
{
  Prefetch *prefetch = data;

  prefetch_join (prefetch);
  g_clear_pointer (&prefetch->router, vpc_router_free);
  g_clear_pointer (&prefetch->routes, g_ptr_array_unref);
  g_mutex_clear (&prefetch->lock);
  g_cond_clear (&prefetch->collected_cond);
  g_free (prefetch);
}

/* The design's object data goes only after its lists: the thread reading
 * them is waited for when the design is disposed, before that. */
static void
prefetch_design_disposed (gpointer data,
                          GObject *where_it_was)
{
  prefetch_join (data);
}

void
vpc_routes_prefetch (VpcDesign              *design,
                     const VpcRoutesOptions *options)
{
  Prefetch *prefetch;

  g_return_if_fail (VPC_IS_DESIGN (design) && options != NULL);
  g_return_if_fail (options->shadow == NULL && options->want == NULL);

  if (g_object_get_data (G_OBJECT (design), PREFETCH_KEY) != NULL)
    return;
  prefetch = g_new0 (Prefetch, 1);
  g_mutex_init (&prefetch->lock);
  g_cond_init (&prefetch->collected_cond);
  prefetch->design = design;
  prefetch->revision = vpc_design_get_shape_revision (design);
  prefetch->options = *options;
  linked_options (design, options, &prefetch->linked);
  /* The router reads the design only; the caller keeps it unchanged. */
  vpc_design_prepare_reads (design);
  prefetch->thread = g_thread_try_new ("vpc-routes", prefetch_thread, prefetch, NULL);
  if (prefetch->thread == NULL)
    {
      prefetch_free (prefetch);
      return;
    }
  g_object_weak_ref (G_OBJECT (design), prefetch_design_disposed, prefetch);
  g_object_set_data_full (G_OBJECT (design), PREFETCH_KEY, prefetch, prefetch_free);
}

gboolean
vpc_routes_prefetching (VpcDesign *design)
{
  g_return_val_if_fail (VPC_IS_DESIGN (design), FALSE);

  return g_object_get_data (G_OBJECT (design), PREFETCH_KEY) != NULL;
}

/* The routes vpc_routes_prefetch() made for @revision and @options' sizes,
 * once made, or FALSE. */
static gboolean
take_prefetched (VpcDesign              *design,
                 guint64                 revision,
                 const VpcRoutesOptions *options,
                 VpcRouter             **router,
                 GPtrArray             **routes)
{
  Prefetch *prefetch = g_object_steal_data (G_OBJECT (design), PREFETCH_KEY);
  gboolean ok;

  if (prefetch == NULL)
    return FALSE;
  g_object_weak_unref (G_OBJECT (design), prefetch_design_disposed, prefetch);
  prefetch_join (prefetch);
  ok = prefetch_matches (prefetch, revision, options);
  if (ok)
    {
      *router = g_steal_pointer (&prefetch->router);
      *routes = g_steal_pointer (&prefetch->routes);
    }
  prefetch_free (prefetch);
  return ok;
}

VpcRouter *
vpc_routes_get_cached (VpcDesign              *design,
                       const VpcRoutesOptions *options,
                       GPtrArray             **routes)
{
  Cached *cache = g_object_get_data (G_OBJECT (design), ROUTES_KEY);
  guint64 revision = vpc_design_get_shape_revision (design);
  VpcRoutesOptions defaults;
  Cached *slot;

  g_return_val_if_fail (VPC_IS_DESIGN (design), NULL);
  if (options == NULL)
    {
      vpc_routes_options_init (&defaults);
      options = &defaults;
    }
  g_return_val_if_fail (options->shadow == NULL && options->want == NULL, NULL);

  if (cache == NULL)
    {
      cache = g_new0 (Cached, N_CACHED);
      g_object_set_data_full (G_OBJECT (design), ROUTES_KEY, cache, cached_free);
    }
  slot = &cache[N_CACHED - 1];
  for (guint i = 0; i < N_CACHED; i++)
    if (cache[i].router != NULL && cache[i].text_scale == options->text_scale
        && cache[i].subnet_header == options->subnet_header)
      {
        if (cache[i].revision == revision || update_slot (design, &cache[i], revision))
          {
            if (routes != NULL)
              *routes = cache[i].routes;
            return cache[i].router;
          }
        slot = &cache[i];
        break;
      }
  /* Out of date, or the least recently made: made again. */
  g_clear_pointer (&slot->router, vpc_router_free);
  g_clear_pointer (&slot->routes, g_ptr_array_unref);
  g_clear_pointer (&slot->rerouted, g_array_unref);
  *slot = (Cached) { revision, options->text_scale, options->subnet_header, NULL, NULL, NULL,
                     revision, vpc_routes_link_interfaces (design) };
  if (!take_prefetched (design, revision, options, &slot->router, &slot->routes))
    {
      VpcRoutesOptions linked;

      linked_options (design, options, &linked);
      slot->router = vpc_router_new (design, &linked);
      slot->routes = vpc_router_route (slot->router);
    }
  if (routes != NULL)
    *routes = slot->routes;
  return slot->router;
}

typedef struct
{
  GHashTable *moved;       /* the stand-ins (pointers): drawn() gives them */
  gboolean    linked;      /* every interface link is drawn */
  VpcRoutesWant also;      /* and these, past the limit */
  gpointer    also_data;
} PreviewWant;

static gboolean
want_preview (VpcLinkKind       kind,
              const VpcElement *icon,
              const VpcElement *subnet,
              gpointer          data)
{
  const PreviewWant *want = data;

  if (kind == VPC_LINK_INTERFACE && !want->linked)
    return want->also != NULL && want->also (kind, icon, subnet, want->also_data);
  return g_hash_table_contains (want->moved, icon) || g_hash_table_contains (want->moved, subnet);
}

static gboolean preview_near = TRUE;

void
_vpc_routes_set_preview_near (gboolean enabled)
{
  preview_near = enabled;
}

/* A link's scene (scene_region()) lies within its icon and its subnet,
 * widened by REGION: adds that rectangle to @near, for @icon and @subnet
 * as drawn, unless either has no usable box (then it has no link). */
static void
add_near (GArray           *near,
          const VpcElement *icon,
          const VpcElement *subnet)
{
  const VpcRect *a = &icon->layout, *b = &subnet->layout;
  VpcRect r;

  if (!placed (icon) || !placed (subnet))
    return;
  r.x = MIN (a->x, b->x) - REGION;
  r.y = MIN (a->y, b->y) - REGION;
  r.w = MAX (a->x + a->w, b->x + b->w) + REGION - r.x;
  r.h = MAX (a->y + a->h, b->y + b->h) + REGION - r.y;
  g_array_append_val (near, r);
}

/* The subnet @id as @options draw it, or NULL. */
static const VpcElement *
drawn_subnet (VpcDesign              *design,
              const VpcRoutesOptions *options,
              const char             *id)
{
  const VpcElement *sn = vpc_design_lookup (design, id);

  return sn != NULL ? as_drawn (options, sn) : NULL;
}

/* Where the links a preview routes may pass (router->near): those of the
 * stand-ins of the moved elements, and the interfaces @want routes too.
 * NULL when the preview may route anything (a subnet moved: every link
 * into it) or nothing. */
static GArray *
preview_region (VpcDesign              *design,
                const VpcRoutesOptions *options,
                GHashTable             *stand_ins,
                const PreviewWant      *want)
{
  g_autoptr(GArray) near = g_array_new (FALSE, FALSE, sizeof (VpcRect));
  guint n = vpc_design_get_n_elements (design, VPC_KIND_ENDPOINT);
  const VpcElement *sn;
  GHashTableIter iter;
  gpointer key;

  g_hash_table_iter_init (&iter, stand_ins);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    {
      const VpcElement *s = key;

      if (s == NULL)
        continue;
      if (s->kind != VPC_KIND_WORKLOAD && s->kind != VPC_KIND_ENDPOINT
          && s->kind != VPC_KIND_NAT_GATEWAY && s->kind != VPC_KIND_SECURITY_GROUP)
        return NULL;
      /* Its own box: what a route passes near it (a group has no link). */
      add_near (near, s, s);
      if (s->kind == VPC_KIND_NAT_GATEWAY && s->subnet != NULL
          && (sn = drawn_subnet (design, options, s->subnet)) != NULL)
        add_near (near, s, sn);
      for (guint i = 0; s->kind != VPC_KIND_NAT_GATEWAY && s->subnets != NULL
                        && i < s->subnets->len; i++)
        if ((sn = drawn_subnet (design, options, g_ptr_array_index (s->subnets, i))) != NULL)
          add_near (near, s, sn);
    }
  for (guint i = 0; !want->linked && want->also != NULL && i < n; i++)
    {
      const VpcElement *ep = as_drawn (options, vpc_design_get_element (design, VPC_KIND_ENDPOINT, i));

      for (guint j = 0; ep->endpoint_type == VPC_ENDPOINT_INTERFACE && ep->subnets != NULL
                        && j < ep->subnets->len; j++)
        {
          sn = drawn_subnet (design, options, g_ptr_array_index (ep->subnets, j));
          if (sn != NULL && want->also (VPC_LINK_INTERFACE, ep, sn, want->also_data))
            add_near (near, ep, sn);
        }
    }
  return near->len > 0 ? g_steal_pointer (&near) : NULL;
}

GPtrArray *
vpc_routes_preview (VpcDesign              *design,
                    const VpcRoutesOptions *options,
                    GHashTable             *moved,
                    GPtrArray             **kept)
{
  VpcRoutesOptions plain = *options, preview;
  g_autoptr(GHashTable) stand_ins = g_hash_table_new (NULL, NULL);
  PreviewWant want = { stand_ins, vpc_routes_link_interfaces (design), options->want,
                       options->want_data };
  g_autoptr(VpcRouter) router = NULL;
  g_autoptr(GArray) near = NULL;
  GHashTableIter iter;
  gpointer id;

  g_return_val_if_fail (VPC_IS_DESIGN (design) && options->shadow != NULL, NULL);

  plain.shadow = NULL;
  plain.shadow_data = NULL;
  plain.want = NULL;
  plain.want_data = NULL;
  vpc_routes_get_cached (design, &plain, kept);
  if ((*kept)->len < update_min_routes)
    return NULL;
  /* Pointers, not ids: the router asks about every link. */
  g_hash_table_iter_init (&iter, moved);
  while (g_hash_table_iter_next (&iter, &id, NULL))
    {
      const VpcElement *e = vpc_design_lookup (design, id);

      if (e != NULL)
        g_hash_table_add (stand_ins, (gpointer) options->shadow (e, options->shadow_data));
    }
  preview = *options;
  preview.want = want_preview;
  preview.want_data = &want;
  if (preview_near)
    near = preview_region (design, options, stand_ins, &want);
  router = router_new_near (design, &preview, near);
  limit_to_update_work (router);
  return vpc_router_route (router);
}

gboolean
vpc_routes_rerouted_since (VpcDesign *design,
                           GPtrArray *routes,
                           guint64    revision,
                           GArray    *out)
{
  Cached *cache = g_object_get_data (G_OBJECT (design), ROUTES_KEY);

  g_return_val_if_fail (VPC_IS_DESIGN (design) && routes != NULL && out != NULL, FALSE);

  for (guint i = 0; cache != NULL && i < N_CACHED; i++)
    {
      const Cached *slot = &cache[i];

      if (slot->routes != routes)
        continue;
      if (revision < slot->floor || revision > slot->revision)
        return FALSE;
      for (guint k = 0; slot->rerouted != NULL && k < slot->rerouted->len; k++)
        {
          const Rerouted *r = &g_array_index (slot->rerouted, Rerouted, k);

          if (r->revision > revision)
            g_array_append_val (out, r->route);
        }
      return TRUE;
    }
  return FALSE;
}

/* vpc_routes_get_kinds()'s answer when there are no routes to read it
 * from, kept on the design: an export in bands asks once per band. */
typedef struct
{
  guint64 revision;
  double  text_scale, subnet_header;
  guint   kinds;
} CachedKinds;

static guint
unrouted_kinds (VpcDesign              *design,
                const VpcRoutesOptions *options)
{
  static const char key[] = "vpc-render-route-kinds";
  CachedKinds *cache = g_object_get_data (G_OBJECT (design), key);
  guint64 revision = vpc_design_get_shape_revision (design);
  VpcRoutesOptions linked;
  g_autoptr(VpcRouter) router = NULL;
  Prefetch *prefetch = g_object_get_data (G_OBJECT (design), PREFETCH_KEY);

  if (cache != NULL && cache->revision == revision && cache->text_scale == options->text_scale &&
      cache->subnet_header == options->subnet_header)
    return cache->kinds;
  /* The routes being made on another thread say, once their links are
   * collected: a second router would cost the time and the memory again. */
  if (prefetch != NULL && prefetch_matches (prefetch, revision, options))
    {
      guint kinds;

      g_mutex_lock (&prefetch->lock);
      while (!prefetch->collected)
        g_cond_wait (&prefetch->collected_cond, &prefetch->lock);
      kinds = prefetch->kinds;
      g_mutex_unlock (&prefetch->lock);
      return kinds;
    }
  if (cache == NULL)
    {
      cache = g_new0 (CachedKinds, 1);
      g_object_set_data_full (G_OBJECT (design), key, cache, g_free);
    }
  *cache = (CachedKinds) { revision, options->text_scale, options->subnet_header, 0 };
  linked_options (design, options, &linked);
  router = vpc_router_new (design, &linked);
  cache->kinds = router_kinds (router);
  return cache->kinds;
}

guint
vpc_routes_get_kinds (VpcDesign              *design,
                      const VpcRoutesOptions *options)
{
  Cached *cache = g_object_get_data (G_OBJECT (design), ROUTES_KEY);
  guint64 revision = vpc_design_get_shape_revision (design);
  VpcRoutesOptions defaults;
  guint kinds = 0;

  g_return_val_if_fail (VPC_IS_DESIGN (design), 0);
  if (options == NULL)
    {
      vpc_routes_options_init (&defaults);
      options = &defaults;
    }
  g_return_val_if_fail (options->shadow == NULL && options->want == NULL, 0);

  for (guint i = 0; cache != NULL && i < N_CACHED; i++)
    if (cache[i].router != NULL && cache[i].revision == revision &&
        cache[i].text_scale == options->text_scale &&
        cache[i].subnet_header == options->subnet_header)
      {
        for (guint k = 0; k < cache[i].routes->len; k++)
          kinds |= 1u << ((const VpcLinkRoute *) g_ptr_array_index (cache[i].routes, k))->kind;
        return kinds;
      }
  return unrouted_kinds (design, options);
}

/* ---- counting crossings ---- */

typedef struct
{
  double x0, y0, x1, y1;
  guint  route;
} CSeg;

static double
orient (double ax, double ay, double bx, double by, double cx, double cy)
{
  double v = (bx - ax) * (cy - ay) - (by - ay) * (cx - ax);
  double scale = fabs (bx - ax) + fabs (by - ay) + fabs (cx - ax) + fabs (cy - ay);

  return fabs (v) <= 1e-9 * MAX (1.0, scale * scale) ? 0 : v;
}

static gboolean
on_segment (const CSeg *s,
            double      x,
            double      y)
{
  return x >= MIN (s->x0, s->x1) - 1e-6 && x <= MAX (s->x0, s->x1) + 1e-6 &&
         y >= MIN (s->y0, s->y1) - 1e-6 && y <= MAX (s->y0, s->y1) + 1e-6;
}

/* The element at the end of @route that lies at (x, y), or NULL. */
static const char *
end_element (const VpcLinkRoute *route,
             double              x,
             double              y)
{
  const VpcPoint *a = &route->points[0], *b = &route->points[route->n_points - 1];

  if (fabs (a->x - x) < 1e-6 && fabs (a->y - y) < 1e-6)
    return route->from;
  if (fabs (b->x - x) < 1e-6 && fabs (b->y - y) < 1e-6)
    return route->to;
  return NULL;
}

static gboolean
crosses (GPtrArray  *routes,
         const CSeg *a,
         const CSeg *b)
{
  double o1 = orient (a->x0, a->y0, a->x1, a->y1, b->x0, b->y0);
  double o2 = orient (a->x0, a->y0, a->x1, a->y1, b->x1, b->y1);
  double o3 = orient (b->x0, b->y0, b->x1, b->y1, a->x0, a->y0);
  double o4 = orient (b->x0, b->y0, b->x1, b->y1, a->x1, a->y1);
  double px, py;
  const char *ea, *eb;

  if (o1 == 0 && o2 == 0)
    {
      /* On one line: crossing when they share more than a point. */
      gboolean by_x = fabs (a->x1 - a->x0) >= fabs (a->y1 - a->y0);
      double alo = by_x ? MIN (a->x0, a->x1) : MIN (a->y0, a->y1);
      double ahi = by_x ? MAX (a->x0, a->x1) : MAX (a->y0, a->y1);
      double blo = by_x ? MIN (b->x0, b->x1) : MIN (b->y0, b->y1);
      double bhi = by_x ? MAX (b->x0, b->x1) : MAX (b->y0, b->y1);
      double overlap = MIN (ahi, bhi) - MAX (alo, blo);

      if (overlap > 1e-6)
        return TRUE;
      if (overlap < -1e-6)
        return FALSE;
      /* End to end: the shared point. */
      if (on_segment (b, a->x0, a->y0))
        px = a->x0, py = a->y0;
      else
        px = a->x1, py = a->y1;
    }
  else if (((o1 > 0 && o2 < 0) || (o1 < 0 && o2 > 0)) &&
           ((o3 > 0 && o4 < 0) || (o3 < 0 && o4 > 0)))
    return TRUE;
  else if (o1 == 0 && on_segment (a, b->x0, b->y0))
    px = b->x0, py = b->y0;
  else if (o2 == 0 && on_segment (a, b->x1, b->y1))
    px = b->x1, py = b->y1;
  else if (o3 == 0 && on_segment (b, a->x0, a->y0))
    px = a->x0, py = a->y0;
  else if (o4 == 0 && on_segment (b, a->x1, a->y1))
    px = a->x1, py = a->y1;
  else
    return FALSE;
  /* They touch at one point: not a crossing where both routes end there,
   * at the same element. */
  ea = end_element (g_ptr_array_index (routes, a->route), px, py);
  eb = end_element (g_ptr_array_index (routes, b->route), px, py);
  return ea == NULL || eb == NULL || strcmp (ea, eb) != 0;
}

guint
vpc_render_routes_count_crossings (GPtrArray *routes)
{
  g_autoptr(GArray) segs = g_array_new (FALSE, FALSE, sizeof (CSeg));
  guint n = 0;

  g_return_val_if_fail (routes != NULL, 0);

  for (guint r = 0; r < routes->len; r++)
    {
      const VpcLinkRoute *route = g_ptr_array_index (routes, r);

      for (guint i = 0; i + 1 < route->n_points; i++)
        {
          CSeg s = { route->points[i].x, route->points[i].y,
                     route->points[i + 1].x, route->points[i + 1].y, r };
          if (s.x0 != s.x1 || s.y0 != s.y1)
            g_array_append_val (segs, s);
        }
    }
  for (guint i = 0; i < segs->len; i++)
    for (guint j = i + 1; j < segs->len; j++)
      {
        const CSeg *a = &g_array_index (segs, CSeg, i), *b = &g_array_index (segs, CSeg, j);

        if (a->route == b->route || MAX (a->x0, a->x1) < MIN (b->x0, b->x1) - 1e-6
            || MAX (b->x0, b->x1) < MIN (a->x0, a->x1) - 1e-6
            || MAX (a->y0, a->y1) < MIN (b->y0, b->y1) - 1e-6
            || MAX (b->y0, b->y1) < MIN (a->y0, a->y1) - 1e-6)
          continue;
        n += crosses (routes, a, b);
      }
  return n;
}

double
vpc_link_route_distance (const VpcLinkRoute *route,
                         double              x,
                         double              y)
{
  double best = G_MAXDOUBLE;

  g_return_val_if_fail (route != NULL, G_MAXDOUBLE);

  for (guint i = 0; i + 1 < route->n_points; i++)
    {
      double x0 = route->points[i].x, y0 = route->points[i].y;
      double dx = route->points[i + 1].x - x0, dy = route->points[i + 1].y - y0;
      double len2 = dx * dx + dy * dy;
      double t = len2 > 0 ? CLAMP (((x - x0) * dx + (y - y0) * dy) / len2, 0, 1) : 0;

      best = MIN (best, hypot (x - (x0 + t * dx), y - (y0 + t * dy)));
    }
  return best;
}
