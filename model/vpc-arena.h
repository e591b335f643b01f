/* SPDX-License-Identifier: GPL-3.0-or-later */
/* vpc-arena.h: memory carved from large blocks and freed all at once.
 *
 * For the many small pieces of one short-lived structure (the parsed JSON
 * tree, the router's grids): a piece costs a pointer bump rather than a
 * malloc(), and the structure one free() per block rather than per piece.
 * Pieces are 8-byte aligned; one larger than a block gets a block of its
 * own. Header only: the bump is inlined into the loops that use it.
 */
#pragma once

#include <glib.h>

typedef struct
{
  GPtrArray *blocks;
  char      *next; /* the current block's first unused byte */
  gsize      left; /* ... and how many follow it */
  gsize      block_size;
} VpcArena;

static inline void
vpc_arena_init (VpcArena *arena,
                gsize     block_size)
{
  arena->blocks = g_ptr_array_new_with_free_func (g_free);
  arena->next = NULL;
  arena->left = 0;
  arena->block_size = block_size;
}

static inline void
vpc_arena_clear (VpcArena *arena)
{
  g_clear_pointer (&arena->blocks, g_ptr_array_unref);
  arena->next = NULL;
  arena->left = 0;
}

static inline gpointer
vpc_arena_alloc (VpcArena *arena,
                 gsize     size)
{
  char *piece;

  size = (size + 7) & ~(gsize) 7;
  if (G_UNLIKELY (size > arena->left))
    {
      char *block = g_malloc (MAX (size, arena->block_size));

      g_ptr_array_add (arena->blocks, block);
      if (size > arena->block_size)
        return block;
      arena->next = block;
      arena->left = arena->block_size;
    }
  piece = arena->next;
  arena->next += size;
  arena->left -= size;
  return piece;
}
