/* SPDX-License-Identifier: GPL-3.0-or-later */
/* vpc-render-index.c: what a frame needs to find without walking the whole
 * design: the elements and connectors near the visible rectangle, and the
 * finding counts per element.
 *
 * A frame at 100 % of a 100,000-element design shows a few hundred of
 * them; testing each of the 100,000 (and their routes, and 150,000
 * findings) every frame costs more than drawing what shows. So each kind's
 * elements and the design's cached routes are put in a uniform grid once
 * per revision of the design, kept on it, and a frame asks the grid. The
 * answer is a superset in drawing order: the callers test visibility as
 * before, so the picture is the same. Small designs (and views with
 * stand-ins, whose geometry is not the design's) walk everything. */
#include <math.h>

#include "vpc-finding.h"
#include "vpc-render-private.h"

/* Below this many items a walk is as cheap as the grid. */
#define MIN_INDEXED 512
/* An item over more cells than this is kept aside and always answered. */
#define MAX_CELLS_PER_ITEM 64

typedef struct
{
  double  x0, y0, cell;
  guint   cols, rows;
  guint  *start; /* cols * rows + 1 offsets into items */
  guint  *items;
  GArray *big;   /* of guint: items over many cells */
  guint   n_ids; /* above every item's id */
  /* Items that moved since the grid was built, where they are now (of
   * Item, or NULL): answered from here too, their cells still hold them
   * where they were (a superset, as every answer). */
  GArray *moved;
} Grid;

/* Items moved since a grid was built, at most: then it is built again. */
#define MOVED_MAX 1024

typedef struct
{
  guint64    revision;
  guint64    routes_revision; /* @route_grid's routes as they were then */
  gboolean   built[VPC_N_KINDS];
  Grid       kinds[VPC_N_KINDS];
  GPtrArray *routes; /* the routes route_grid indexes (a reference) */
  Grid       route_grid;
  GArray    *boxes[VPC_N_KINDS]; /* VpcRenderBox, of the elements with a box */
  GHashTable *list_key; /* vpc_render_cached_list(): @list built for it */
  guint       list_generation;
  GArray     *list;
} Index;

static void
grid_clear (Grid *grid)
{
  g_clear_pointer (&grid->start, g_free);
  g_clear_pointer (&grid->items, g_free);
  g_clear_pointer (&grid->big, g_array_unref);
  g_clear_pointer (&grid->moved, g_array_unref);
  *grid = (Grid) { 0 };
}

/* The cells @r covers, clamped to the grid. */
static void
grid_span (const Grid    *grid,
           const VpcRect *r,
           guint         *c0,
           guint         *r0,
           guint         *c1,
           guint         *r1)
{
  double a = floor ((r->x - grid->x0) / grid->cell), b = floor ((r->y - grid->y0) / grid->cell);
  double c = floor ((r->x + r->w - grid->x0) / grid->cell);
  double d = floor ((r->y + r->h - grid->y0) / grid->cell);

  *c0 = (guint) CLAMP (a, 0, grid->cols - 1);
  *r0 = (guint) CLAMP (b, 0, grid->rows - 1);
  *c1 = (guint) CLAMP (c, 0, grid->cols - 1);
  *r1 = (guint) CLAMP (d, 0, grid->rows - 1);
}

/* What a grid holds: a rectangle, and what to answer when it is met. */
typedef struct
{
  VpcRect r;
  guint   id;
} Item;

/* Sizes the grid for @n items of @bounds, about one per cell, with cells
 * no smaller than @min_cell. */
static void
grid_size (Grid          *grid,
           const VpcRect *bounds,
           guint          n,
           double         min_cell)
{
  double area = MAX (bounds->w, 1) * MAX (bounds->h, 1);

  grid->cell = MAX (MAX (sqrt (area / MAX (n, 1)), min_cell), 1.0);
  grid->x0 = bounds->x;
  grid->y0 = bounds->y;
  grid->cols = (guint) CLAMP (ceil (MAX (bounds->w, 1) / grid->cell), 1, 4096);
  grid->rows = (guint) CLAMP (ceil (MAX (bounds->h, 1) / grid->cell), 1, 4096);
  grid->cell = MAX (grid->cell, MAX (bounds->w / grid->cols, bounds->h / grid->rows) * 1.0001);
}

/* Whether @r goes aside: it covers more than @max_cells cells. */
static gboolean
grid_is_big (const Grid    *grid,
             const VpcRect *r,
             guint          max_cells,
             guint         *c0,
             guint         *r0,
             guint         *c1,
             guint         *r1)
{
  grid_span (grid, r, c0, r0, c1, r1);
  return (guint64) (*c1 - *c0 + 1) * (*r1 - *r0 + 1) > max_cells;
}

/* Counting sort of the items into their cells: one pass counts, one
 * places. */
static void
grid_fill (Grid       *grid,
           const Item *items,
           guint       n,
           guint       max_cells)
{
  guint n_cells = grid->cols * grid->rows, c0, r0, c1, r1;
  g_autofree guint *fill = g_new0 (guint, n_cells);

  grid->start = g_new0 (guint, n_cells + 1);
  grid->big = g_array_new (FALSE, FALSE, sizeof (guint));
  for (guint i = 0; i < n; i++)
    {
      if (grid_is_big (grid, &items[i].r, max_cells, &c0, &r0, &c1, &r1))
        {
          g_array_append_val (grid->big, items[i].id);
          continue;
        }
      for (guint row = r0; row <= r1; row++)
        for (guint col = c0; col <= c1; col++)
          grid->start[row * grid->cols + col + 1]++;
    }
  for (guint c = 0; c < n_cells; c++)
    grid->start[c + 1] += grid->start[c];
  grid->items = g_new (guint, MAX (grid->start[n_cells], 1));
  for (guint i = 0; i < n; i++)
    {
      if (grid_is_big (grid, &items[i].r, max_cells, &c0, &r0, &c1, &r1))
        continue;
      for (guint row = r0; row <= r1; row++)
        for (guint col = c0; col <= c1; col++)
          {
            guint c = row * grid->cols + col;

            grid->items[grid->start[c] + fill[c]++] = items[i].id;
          }
    }
}

/* @min_cell keeps long thin items (connector segments) from filling
 * thousands of small cells each. */
static void
grid_build (Grid       *grid,
            const Item *items,
            guint       n,
            double      min_cell,
            guint       max_cells)
{
  double x0 = G_MAXDOUBLE, y0 = G_MAXDOUBLE, x1 = -G_MAXDOUBLE, y1 = -G_MAXDOUBLE;
  VpcRect bounds = { 0, 0, 1, 1 };

  grid->n_ids = 0;
  for (guint i = 0; i < n; i++)
    {
      grid->n_ids = MAX (grid->n_ids, items[i].id + 1);
      x0 = MIN (x0, items[i].r.x);
      y0 = MIN (y0, items[i].r.y);
      x1 = MAX (x1, items[i].r.x + items[i].r.w);
      y1 = MAX (y1, items[i].r.y + items[i].r.h);
    }
  if (n > 0)
    bounds = (VpcRect) { x0, y0, x1 - x0, y1 - y0 };
  grid_size (grid, &bounds, n, min_cell);
  grid_fill (grid, items, n, max_cells);
}

static gint
compare_uint (gconstpointer a,
              gconstpointer b)
{
  guint x = *(const guint *) a, y = *(const guint *) b;

  return (x > y) - (x < y);
}

/* @found's ids ascending, each once: through a bitmap of every id when
 * that is cheaper than sorting (a zoomed-out frame asks for nearly all of
 * 100,000 items, and sorting them took a third of the frame). */
static void
sort_unique (GArray *found,
             guint   n_ids)
{
  guint *ids = (guint *) (gpointer) found->data, out = 0;

  if (found->len > 64 && n_ids / 64 < found->len * 4)
    {
      g_autofree guint64 *bits = g_new0 (guint64, n_ids / 64 + 1);

      for (guint i = 0; i < found->len; i++)
        bits[ids[i] / 64] |= G_GUINT64_CONSTANT (1) << (ids[i] % 64);
      for (guint w = 0; w <= n_ids / 64; w++)
        for (guint64 word = bits[w]; word != 0; word &= word - 1)
          ids[out++] = w * 64 + (guint) __builtin_ctzll (word);
    }
  else
    {
      g_array_sort (found, compare_uint);
      for (guint i = 0; i < found->len; i++)
        if (out == 0 || ids[i] != ids[out - 1])
          ids[out++] = ids[i];
    }
  g_array_set_size (found, out);
}

static gboolean
rects_meet (const VpcRect *a,
            const VpcRect *b)
{
  return a->x <= b->x + b->w && b->x <= a->x + a->w && a->y <= b->y + b->h && b->y <= a->y + a->h;
}

/* Item @id (below the grid's n_ids) now lies at @r. FALSE when too many
 * moved: the grid is to be built again. */
static gboolean
grid_move (Grid          *grid,
           guint          id,
           const VpcRect *r)
{
  Item item = { *r, id };

  if (id >= grid->n_ids)
    return FALSE;
  if (grid->moved == NULL)
    grid->moved = g_array_new (FALSE, FALSE, sizeof (Item));
  for (guint i = 0; i < grid->moved->len; i++)
    if (g_array_index (grid->moved, Item, i).id == id)
      {
        g_array_index (grid->moved, Item, i).r = *r;
        return TRUE;
      }
  g_array_append_val (grid->moved, item);
  return grid->moved->len <= MOVED_MAX;
}

/* The items whose rectangles may meet @r, ascending, each once. */
static GArray *
grid_query (const Grid    *grid,
            const VpcRect *r)
{
  GArray *found = g_array_new (FALSE, FALSE, sizeof (guint));
  guint c0, r0, c1, r1;

  g_array_append_vals (found, grid->big->data, grid->big->len);
  for (guint i = 0; grid->moved != NULL && i < grid->moved->len; i++)
    if (rects_meet (&g_array_index (grid->moved, Item, i).r, r))
      g_array_append_val (found, g_array_index (grid->moved, Item, i).id);
  if (r->x <= grid->x0 + grid->cols * grid->cell && r->x + r->w >= grid->x0 &&
      r->y <= grid->y0 + grid->rows * grid->cell && r->y + r->h >= grid->y0)
    {
      grid_span (grid, r, &c0, &r0, &c1, &r1);
      for (guint row = r0; row <= r1; row++)
        {
          guint a = grid->start[row * grid->cols + c0];
          guint b = grid->start[row * grid->cols + c1 + 1];

          g_array_append_vals (found, grid->items + a, b - a);
        }
    }
  sort_unique (found, grid->n_ids);
  return found;
}

static void
index_free (gpointer data)
{
  Index *index = data;

  for (guint k = 0; k < VPC_N_KINDS; k++)
    {
      grid_clear (&index->kinds[k]);
      g_clear_pointer (&index->boxes[k], g_array_unref);
    }
  grid_clear (&index->route_grid);
  g_clear_pointer (&index->routes, g_ptr_array_unref);
  g_clear_pointer (&index->list_key, g_hash_table_unref);
  g_clear_pointer (&index->list, g_array_unref);
  g_free (index);
}

/* Takes in the boxes that moved since the index was made, when only a
 * few did; FALSE otherwise. The routes are looked at when asked for. */
static gboolean
index_update (Index     *index,
              VpcDesign *design)
{
  g_autoptr(GArray) moved = g_array_new (FALSE, FALSE, sizeof (VpcBoxRef));

  if (!vpc_design_get_elements_changed_since (design, index->revision, MOVED_MAX, moved))
    return FALSE;
  for (guint i = 0; i < moved->len; i++)
    {
      const VpcBoxRef *ref = &g_array_index (moved, VpcBoxRef, i);
      const VpcElement *e;

      if (ref->kind >= VPC_N_KINDS)
        continue;
      g_clear_pointer (&index->boxes[ref->kind], g_array_unref);
      if (!index->built[ref->kind])
        continue;
      e = vpc_design_get_element (design, ref->kind, ref->index);
      /* One without a box now was in the grid: built again. */
      if (!e->has_layout || !grid_move (&index->kinds[ref->kind], ref->index, &e->layout))
        return FALSE;
    }
  g_clear_pointer (&index->list_key, g_hash_table_unref);
  g_clear_pointer (&index->list, g_array_unref);
  return TRUE;
}

/* The design's index, emptied when the design changed since (but for a
 * few boxes moved). */
static Index *
index_of (VpcDesign *design)
{
  static const char key[] = "vpc-render-index";
  Index *index = g_object_get_data (G_OBJECT (design), key);
  guint64 revision = vpc_design_get_shape_revision (design);

  if (index == NULL)
    {
      index = g_new0 (Index, 1);
      index->revision = revision;
      g_object_set_data_full (G_OBJECT (design), key, index, index_free);
    }
  if (index->revision != revision && !index_update (index, design))
    {
      for (guint k = 0; k < VPC_N_KINDS; k++)
        {
          grid_clear (&index->kinds[k]);
          g_clear_pointer (&index->boxes[k], g_array_unref);
          index->built[k] = FALSE;
        }
      grid_clear (&index->route_grid);
      g_clear_pointer (&index->routes, g_ptr_array_unref);
      g_clear_pointer (&index->list_key, g_hash_table_unref);
      g_clear_pointer (&index->list, g_array_unref);
    }
  index->revision = revision;
  return index;
}

/* @r grown by @margin on every side, as the clip is compared with it. */
static void
query_rect (const VpcRenderCtx *ctx,
            double              margin,
            VpcRect            *r)
{
  *r = (VpcRect) { ctx->clip.x - margin, ctx->clip.y - margin,
                   ctx->clip.w + 2 * margin, ctx->clip.h + 2 * margin };
}

/* Whether @r holds the whole grid: then every item is wanted, and a walk
 * in order is cheaper than sorting the answer. */
static gboolean
grid_within (const Grid    *grid,
             const VpcRect *r)
{
  return r->x <= grid->x0 && r->y <= grid->y0 &&
         r->x + r->w >= grid->x0 + grid->cols * grid->cell &&
         r->y + r->h >= grid->y0 + grid->rows * grid->cell;
}

static void
build_kind (Index     *index,
            VpcDesign *design,
            VpcKind    kind)
{
  guint n = vpc_design_get_n_elements (design, kind), count = 0;
  g_autofree Item *items = g_new (Item, n);

  for (guint i = 0; i < n; i++)
    {
      const VpcElement *e = vpc_design_get_element (design, kind, i);

      /* Elements without a layout are never drawn. */
      if (e->has_layout)
        items[count++] = (Item) { e->layout, i };
    }
  grid_build (&index->kinds[kind], items, count, 0, MAX_CELLS_PER_ITEM);
  index->built[kind] = TRUE;
}

GArray *
vpc_render_cull (const VpcRenderCtx *ctx,
                 VpcKind             kind,
                 double              margin)
{
  guint n = vpc_design_get_n_elements (ctx->design, kind);
  Index *index;
  VpcRect r;
  GArray *found;

  if (!ctx->culling || n < MIN_INDEXED)
    return NULL;
  index = index_of (ctx->design);
  if (!index->built[kind])
    build_kind (index, ctx->design, kind);
  query_rect (ctx, margin, &r);
  if (grid_within (&index->kinds[kind], &r))
    return NULL;
  found = grid_query (&index->kinds[kind], &r);
  if (ctx->shadows != NULL)
    {
      /* A drag preview's stand-ins (or hidden elements): wherever they
       * are drawn now, the callers look at them. */
      GHashTableIter iter;
      gpointer id, stand_in;

      g_hash_table_iter_init (&iter, ctx->shadows);
      while (g_hash_table_iter_next (&iter, &id, &stand_in))
        {
          int i = ((const VpcElement *) stand_in)->kind == kind
                      ? vpc_design_index_of_kind (ctx->design, id, kind)
                      : -1;

          if (i >= 0)
            g_array_append_val (found, i);
        }
      sort_unique (found, MAX (index->kinds[kind].n_ids, n));
    }
  return found;
}

GArray *
vpc_render_cached_list (VpcRenderCtx *ctx,
                        GHashTable   *key,
                        guint         generation,
                        GArray     *(*build) (VpcRenderCtx *ctx))
{
  Index *index;

  if (!ctx->culling || ctx->shadows != NULL ||
      vpc_design_get_total_elements (ctx->design) < MIN_INDEXED)
    return NULL;
  index = index_of (ctx->design);
  /* Holding @key keeps its address from naming another table. */
  if (index->list == NULL || index->list_key != key || index->list_generation != generation)
    {
      g_clear_pointer (&index->list_key, g_hash_table_unref);
      g_clear_pointer (&index->list, g_array_unref);
      index->list = build (ctx);
      index->list_key = g_hash_table_ref (key);
      index->list_generation = generation;
    }
  return g_array_ref (index->list);
}

/* The boxes of @kind's elements that have one, in drawing order. */
static GArray *
boxes_of (VpcDesign *design,
          VpcKind    kind)
{
  guint n = vpc_design_get_n_elements (design, kind);
  GArray *boxes = g_array_sized_new (FALSE, FALSE, sizeof (VpcRenderBox), n);

  for (guint i = 0; i < n; i++)
    {
      const VpcElement *e = vpc_design_get_element (design, kind, i);
      VpcRenderBox box = { e->layout, e->workload_kind == VPC_WORKLOAD_CLIENT };

      if (e->has_layout)
        g_array_append_val (boxes, box);
    }
  return boxes;
}

GArray *
vpc_render_all_boxes (const VpcRenderCtx *ctx,
                      VpcKind             kind)
{
  Index *index;
  VpcRect r;

  if (!ctx->culling || ctx->shadows != NULL ||
      vpc_design_get_n_elements (ctx->design, kind) < MIN_INDEXED)
    return NULL;
  index = index_of (ctx->design);
  if (!index->built[kind])
    build_kind (index, ctx->design, kind);
  query_rect (ctx, 0, &r);
  if (!grid_within (&index->kinds[kind], &r))
    return NULL;
  /* Made on the first zoomed-out frame only: closer views ask the grid. */
  if (index->boxes[kind] == NULL)
    index->boxes[kind] = boxes_of (ctx->design, kind);
  return g_array_ref (index->boxes[kind]);
}

/* Routes are indexed by their segments: a bent route's bounds may span
 * the whole design while its lines pass far from the view. */
static void
build_routes (Index     *index,
              GPtrArray *routes)
{
  g_autoptr(GArray) items = g_array_new (FALSE, FALSE, sizeof (Item));
  double length = 0;

  for (guint i = 0; i < routes->len; i++)
    {
      const VpcLinkRoute *route = g_ptr_array_index (routes, i);

      for (guint k = 0; k + 1 < route->n_points; k++)
        {
          const VpcPoint *a = &route->points[k], *b = &route->points[k + 1];
          Item item = { { MIN (a->x, b->x), MIN (a->y, b->y), fabs (b->x - a->x),
                          fabs (b->y - a->y) }, i };

          length += item.r.w + item.r.h;
          g_array_append_val (items, item);
        }
    }
  /* Cells about an eighth of the average segment long: each segment lies
   * in about eight of them, not in hundreds. */
  grid_build (&index->route_grid, (const Item *) items->data, items->len,
              items->len > 0 ? length / items->len / 8 : 0, G_MAXUINT);
  index->routes = g_ptr_array_ref (routes);
  index->routes_revision = index->revision;
}

/* Takes in the routes an update routed again since the grid was made;
 * FALSE when they were made again, or too many changed. */
static gboolean
update_routes (Index     *index,
               VpcDesign *design)
{
  g_autoptr(GArray) rerouted = g_array_new (FALSE, FALSE, sizeof (guint));

  if (!vpc_routes_rerouted_since (design, index->routes, index->routes_revision, rerouted))
    return FALSE;
  for (guint i = 0; i < rerouted->len; i++)
    {
      guint k = g_array_index (rerouted, guint, i);
      VpcRect bounds;

      if (k >= index->routes->len)
        return FALSE;
      vpc_render_route_bounds (g_ptr_array_index (index->routes, k), &bounds);
      if (!grid_move (&index->route_grid, k, &bounds))
        return FALSE;
    }
  index->routes_revision = index->revision;
  return TRUE;
}

GArray *
vpc_render_cull_routes (const VpcRenderCtx *ctx,
                        GPtrArray          *routes,
                        double              margin)
{
  Index *index;
  VpcRect r;

  if (!ctx->culling || routes->len < MIN_INDEXED)
    return NULL;
  index = index_of (ctx->design);
  if (index->routes != routes ||
      (index->routes_revision != index->revision && !update_routes (index, ctx->design)))
    {
      grid_clear (&index->route_grid);
      g_clear_pointer (&index->routes, g_ptr_array_unref);
      build_routes (index, routes);
    }
  query_rect (ctx, margin, &r);
  if (grid_within (&index->route_grid, &r))
    return NULL;
  return grid_query (&index->route_grid, &r);
}

/* ---- finding counts ---- */

typedef struct
{
  GHashTable *marks;
  GPtrArray  *counted; /* the findings counted (refs), in list order */
  GPtrArray  *retired; /* findings replaced since: the table's keys are theirs */
  guint       generation; /* changes with the counts */
  gboolean    valid;
} Marks;

static void
marks_clear (Marks *marks)
{
  g_clear_pointer (&marks->marks, g_hash_table_unref);
  g_clear_pointer (&marks->counted, g_ptr_array_unref);
  g_clear_pointer (&marks->retired, g_ptr_array_unref);
  marks->valid = FALSE;
}

static void
marks_free (gpointer data)
{
  marks_clear (data);
  g_free (data);
}

/* Whether the @n findings now at @position count as the ones they
 * replaced (same severity, same elements): a rename gives findings new
 * messages and nothing else, and recounting 150,000 findings took ~100 ms.
 * Keeps the new ones, and the old ones alive for the table's keys. */
static gboolean
replaced_alike (GListModel *findings,
                Marks      *marks,
                guint       position,
                guint       n)
{
  if (marks->counted == NULL || position + n > marks->counted->len)
    return FALSE;
  for (guint k = 0; k < n; k++)
    {
      VpcFinding *now = g_list_model_get_item (findings, position + k);
      VpcFinding *was = g_ptr_array_index (marks->counted, position + k);

      if (now != was &&
          (vpc_finding_get_severity (now) != vpc_finding_get_severity (was) ||
           !g_strv_equal (vpc_finding_get_elements (now), vpc_finding_get_elements (was))))
        {
          g_object_unref (now);
          return FALSE;
        }
      if (now == was)
        {
          g_object_unref (now);
          continue;
        }
      g_ptr_array_add (marks->retired, was);
      marks->counted->pdata[position + k] = now;
    }
  return TRUE;
}

/* Takes the @removed findings at @position out of the counts and adds
 * the @added ones now there: a field edit at 100,000 elements changes a
 * few of 150,000 findings, which took ~100 ms to count again. FALSE when
 * counting again costs no more (a large change), or when the findings
 * kept alive for the table's keys would outnumber the list. */
static gboolean
update_counts (GListModel *findings,
               Marks      *marks,
               guint       position,
               guint       removed,
               guint       added)
{
  GPtrArray *counted = marks->counted;
  guint n = counted != NULL ? counted->len : 0;

  if (counted == NULL || position + removed > n || removed + added > n / 4 + 16 ||
      marks->retired->len + removed > n / 2 + 16)
    return FALSE;
  if (marks->marks == NULL)
    marks->marks = g_hash_table_new (g_str_hash, g_str_equal);
  for (guint k = 0; k < removed; k++)
    vpc_render_mark_finding (marks->marks, g_ptr_array_index (counted, position + k), -1);

  /* Moved by hand: the references go to @retired, none is dropped. */
  g_ptr_array_set_free_func (counted, NULL);
  for (guint k = 0; k < removed; k++)
    g_ptr_array_add (marks->retired, g_ptr_array_index (counted, position + k));
  if (added > removed)
    g_ptr_array_set_size (counted, n + added - removed);
  memmove (&counted->pdata[position + added], &counted->pdata[position + removed],
           (n - position - removed) * sizeof (gpointer));
  if (added < removed)
    g_ptr_array_set_size (counted, n + added - removed);
  for (guint k = 0; k < added; k++)
    {
      counted->pdata[position + k] = g_list_model_get_item (findings, position + k);
      vpc_render_mark_finding (marks->marks, counted->pdata[position + k], 1);
    }
  g_ptr_array_set_free_func (counted, g_object_unref);
  if (g_hash_table_size (marks->marks) == 0)
    g_clear_pointer (&marks->marks, g_hash_table_unref);
  marks->generation++;
  return TRUE;
}

static void
findings_changed_cb (GListModel *findings,
                     guint       position,
                     guint       removed,
                     guint       added,
                     Marks      *marks)
{
  if (marks->valid &&
      ((removed == added && replaced_alike (findings, marks, position, added)) ||
       update_counts (findings, marks, position, removed, added)))
    return;
  /* The table's keys belong to findings that may be gone now. */
  marks_clear (marks);
}

GHashTable *
vpc_render_marks_cached (GListModel *findings,
                         guint      *generation)
{
  static const char key[] = "vpc-render-marks";
  Marks *marks;

  if (findings == NULL)
    return NULL;
  marks = g_object_get_data (G_OBJECT (findings), key);
  if (marks == NULL)
    {
      marks = g_new0 (Marks, 1);
      g_object_set_data_full (G_OBJECT (findings), key, marks, marks_free);
      g_signal_connect (findings, "items-changed", G_CALLBACK (findings_changed_cb), marks);
    }
  if (!marks->valid)
    {
      guint n = g_list_model_get_n_items (findings);

      marks->marks = vpc_render_count_marks (findings);
      marks->generation++;
      marks->counted = g_ptr_array_new_full (n, g_object_unref);
      for (guint i = 0; i < n; i++)
        g_ptr_array_add (marks->counted, g_list_model_get_item (findings, i));
      marks->retired = g_ptr_array_new_with_free_func (g_object_unref);
      marks->valid = TRUE;
    }
  *generation = marks->generation;
  return marks->marks != NULL ? g_hash_table_ref (marks->marks) : NULL;
}
