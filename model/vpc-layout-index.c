/* SPDX-License-Identifier: GPL-3.0-or-later */
/* vpc-layout-index.c: a set of occupied grid cells for the automatic layout
 * (see the header). Cells are 64-bit keys (grid level per axis and cell
 * indices) in an open-addressing set with a full 64-bit mix, so that no
 * pattern of keys (a row of cells, a column) collides: a GHashTable with
 * g_int64_hash keeps only 32 bits of the key, and a row of cells shifted
 * into the high half all landed in one bucket. */
#include "vpc-layout-index.h"

#include <math.h>

#define MAX_SPAN   8  /* cells a rectangle marks along each axis */
#define N_LEVELS   32 /* grids of cell × 2^level per axis */
#define INDEX_BITS 26
#define INDEX_MAX  ((1 << (INDEX_BITS - 1)) - 1)
#define INDEX_MASK ((G_GUINT64_CONSTANT (1) << INDEX_BITS) - 1)
#define KEY_FLAG   (G_GUINT64_CONSTANT (1) << 63) /* so that no key is 0 (empty) */

struct _VpcLayoutIndex
{
  double   cell;
  guint64 *slots;  /* 0 = empty */
  gsize    mask;   /* capacity - 1 (a power of two) */
  gsize    n;
  guint32  used[N_LEVELS]; /* bit ly of used[lx]: that grid has cells */
  guint64  work;   /* cell probes so far */
};

typedef struct
{
  gint64 lo, hi;
} Span;

/* splitmix64's finalizer: every key bit reaches every hash bit. */
static inline guint64
mix (guint64 z)
{
  z = (z ^ (z >> 30)) * G_GUINT64_CONSTANT (0xbf58476d1ce4e5b9);
  z = (z ^ (z >> 27)) * G_GUINT64_CONSTANT (0x94d049bb133111eb);
  return z ^ (z >> 31);
}

guint
vpc_cell_key_hash (gconstpointer key)
{
  return (guint) mix (*(const guint64 *) key);
}

static inline guint64
pack (guint  lx,
      guint  ly,
      gint64 bx,
      gint64 by)
{
  return KEY_FLAG | (guint64) lx << 57 | (guint64) ly << 52 |
         ((guint64) (bx + INDEX_MAX + 1) & INDEX_MASK) << INDEX_BITS |
         ((guint64) (by + INDEX_MAX + 1) & INDEX_MASK);
}

static gint64
to_index (double v)
{
  if (isnan (v))
    return 0;
  return (gint64) CLAMP (v, -INDEX_MAX, INDEX_MAX);
}

/* The cells of [x, x + w - 1] on the grid of @level (the layout's original
 * rule: a rectangle narrower than one unit touches no cell). */
static Span
span_at (const VpcLayoutIndex *self,
         double                x,
         double                w,
         guint                 level)
{
  double size = ldexp (self->cell, (int) level);

  return (Span) { to_index (floor (x / size)), to_index (floor ((x + w - 1) / size)) };
}

static guint
level_for (const VpcLayoutIndex *self,
           double                x,
           double                w)
{
  for (guint level = 0; level < N_LEVELS - 1; level++)
    {
      Span s = span_at (self, x, w, level);
      if (s.hi - s.lo < MAX_SPAN)
        return level;
    }
  return N_LEVELS - 1;
}

VpcLayoutIndex *
vpc_layout_index_new (double cell)
{
  VpcLayoutIndex *self = g_new0 (VpcLayoutIndex, 1);

  g_return_val_if_fail (cell > 0, self);

  self->cell = cell;
  self->mask = 1023;
  self->slots = g_new0 (guint64, self->mask + 1);
  return self;
}

void
vpc_layout_index_free (VpcLayoutIndex *self)
{
  if (self == NULL)
    return;
  g_free (self->slots);
  g_free (self);
}

static gboolean
contains (const VpcLayoutIndex *self,
          guint64               key)
{
  for (gsize i = mix (key) & self->mask;; i = (i + 1) & self->mask)
    {
      if (self->slots[i] == key)
        return TRUE;
      if (self->slots[i] == 0)
        return FALSE;
    }
}

static void
insert (VpcLayoutIndex *self,
        guint64         key)
{
  gsize i;

  /* At most half full, so probe runs stay short. */
  if (2 * (self->n + 1) > self->mask + 1)
    {
      guint64 *old = self->slots;
      gsize old_size = self->mask + 1;

      self->mask = 2 * old_size - 1;
      self->slots = g_new0 (guint64, self->mask + 1);
      self->n = 0;
      for (gsize j = 0; j < old_size; j++)
        if (old[j] != 0)
          insert (self, old[j]);
      g_free (old);
    }
  for (i = mix (key) & self->mask; self->slots[i] != 0; i = (i + 1) & self->mask)
    if (self->slots[i] == key)
      return;
  self->slots[i] = key;
  self->n++;
}

void
vpc_layout_index_add (VpcLayoutIndex *self,
                      const VpcRect  *r)
{
  guint lx = level_for (self, r->x, r->w), ly = level_for (self, r->y, r->h);
  Span sx = span_at (self, r->x, r->w, lx), sy = span_at (self, r->y, r->h, ly);

  if (sx.hi < sx.lo || sy.hi < sy.lo)
    return;
  self->used[lx] |= 1u << ly;
  for (gint64 by = sy.lo; by <= sy.hi; by++)
    for (gint64 bx = sx.lo; bx <= sx.hi; bx++)
      insert (self, pack (lx, ly, bx, by));
}

gboolean
vpc_layout_index_is_free (VpcLayoutIndex *self,
                          const VpcRect  *r)
{
  guint32 used_y = 0;
  Span sy[N_LEVELS];

  for (guint lx = 0; lx < N_LEVELS; lx++)
    used_y |= self->used[lx];
  for (guint ly = 0; ly < N_LEVELS; ly++)
    if (used_y & (1u << ly))
      sy[ly] = span_at (self, r->y, r->h, ly);
  for (guint lx = 0; lx < N_LEVELS; lx++)
    {
      Span sx;

      if (self->used[lx] == 0)
        continue;
      sx = span_at (self, r->x, r->w, lx);
      for (guint ly = 0; ly < N_LEVELS; ly++)
        {
          if ((self->used[lx] & (1u << ly)) == 0)
            continue;
          for (gint64 by = sy[ly].lo; by <= sy[ly].hi; by++)
            for (gint64 bx = sx.lo; bx <= sx.hi; bx++)
              {
                if (self->work >= VPC_LAYOUT_INDEX_BUDGET)
                  return TRUE;
                self->work++;
                if (contains (self, pack (lx, ly, bx, by)))
                  return FALSE;
              }
        }
    }
  return TRUE;
}

gsize
vpc_layout_index_get_n_cells (VpcLayoutIndex *self)
{
  return self->n;
}
