/* SPDX-License-Identifier: GPL-3.0-or-later */
/* vpc-heap.c: see vpc-heap.h. On the virtual machines the tool is
 * measured on, a page fault costs tens of microseconds: checking 100,000
 * elements touched ~76,000 4 KB pages and spent a quarter of its time
 * faulting them in. */
#include "vpc-heap.h"

#include "vpc-huge-pages.h"

#include <glib/gstdio.h>
#include <sys/stat.h>

#if defined (__GLIBC__)
#include <malloc.h>
#include <stdint.h>
#include <stdlib.h>
#include <sys/mman.h>
#include <unistd.h>
#endif

/* The most glibc lets the main heap keep before it uses mmap() itself. */
#define MMAP_THRESHOLD_MAX (32 * 1024 * 1024)
#define HUGE_PAGE ((uintptr_t) VPC_HUGE_PAGE)
/* Below the 64 MB a thread's heap can have (twice glibc's largest mmap
 * threshold), less its header. */
#define THREAD_HEAP_MAX (63 * 1024 * 1024)
/* The largest block that stays on the heap (below the mmap threshold). */
#define BLOCK_MAX (MMAP_THRESHOLD_MAX - 2 * HUGE_PAGE)
/* Larger than any block freed before a design is loaded, so that it is
 * cut from the top of the heap rather than reused. */
#define PROBE (256 * 1024)
#define PAGE 4096

#if defined (__GLIBC__) && defined (MADV_HUGEPAGE)
/* Blocks that move the heap's top to a huge-page boundary: kept (never
 * touched beyond their headers, so they cost address space, not memory). */
static gpointer heap_padding[2];

/* What the command allocates next comes from the top of the heap; a huge
 * page only covers a whole aligned 2 MB, so without this the first
 * megabytes of a design (all of a small one) land below the first
 * boundary, in 4 KB pages. */
static uintptr_t
align_heap_top (void)
{
  uintptr_t top;
  gsize gap;

  /* Once per process: a later design (the editor opens more than one)
   * grows the heap past where it ends now. */
  if (heap_padding[0] != NULL)
    return ((uintptr_t) sbrk (0) + HUGE_PAGE - 1) & ~(HUGE_PAGE - 1);
  heap_padding[0] = g_malloc (PROBE);
  top = (uintptr_t) heap_padding[0] + PROBE;
  gap = ((top + HUGE_PAGE - 1) & ~(HUGE_PAGE - 1)) - top;
  /* The heap's top keeps its size in a header past the last block: that
   * write must fall in the 4 KB page below the boundary, since a huge page
   * is only given to a 2 MB range nothing has touched yet. */
  if (gap > PAGE + 64)
    heap_padding[1] = g_malloc (gap - PAGE - 16);
  return top + gap;
}
#endif

static void
reserve (gsize expected)
{
#if defined (__GLIBC__) && defined (MADV_HUGEPAGE)
  int step = (int) MIN (expected, G_MAXINT / 8);
  gsize grown = ((gsize) step + HUGE_PAGE - 1) & ~(HUGE_PAGE - 1);
  uintptr_t start, end;

  if (expected < HUGE_PAGE)
    return;
  /* Sanitizers' allocators refuse mallopt(): then nothing changes. Large
   * blocks stay on the heap, and the heap grows (by the pad) and shrinks in
   * steps of @expected, so that one madvise() covers what the command will
   * use: the first growth, made while the heap's top is moved to a
   * boundary, with room for what that boundary costs. */
  if (mallopt (M_MMAP_THRESHOLD, MMAP_THRESHOLD_MAX) != 1
      || mallopt (M_TRIM_THRESHOLD, 4 * step + 4 * (int) HUGE_PAGE) != 1
      || mallopt (M_TOP_PAD, step + 2 * (int) HUGE_PAGE) != 1)
    return;
  start = align_heap_top ();
  end = (uintptr_t) sbrk (0) & ~(HUGE_PAGE - 1);
  if (end < start + MIN (grown, BLOCK_MAX))
    {
      /* The heap had room for those blocks (glibc's own huge-page tunable
       * starts it at 2 MB): one more block grows it (g_malloc(): the
       * compiler would drop a malloc() freed unused). Only its end is
       * written to, past the range advised; the trim threshold keeps the
       * heap when it is freed. */
      void *first = g_malloc (MIN (grown, BLOCK_MAX) + PAGE);

      end = ((uintptr_t) first + malloc_usable_size (first)) & ~(HUGE_PAGE - 1);
      g_free (first);
    }
  /* Only a hint: where transparent huge pages are off, it fails harmlessly. */
  if (end > start)
    madvise ((void *) start, end - start, MADV_HUGEPAGE);
  /* The pad is also the first size of a thread's heap, which then grows a
   * page per system call (an export's router made 567 of them at 10,000
   * elements): twice the step leaves room for the threads' work. */
  mallopt (M_TOP_PAD, MAX (step, MIN (2 * step, THREAD_HEAP_MAX)));
#else
  (void) expected;
#endif
}

void
vpc_heap_prepare_for_file (const char *path)
{
  GStatBuf st;

  /* A design takes about eight times its file in memory while loaded. */
  if (path != NULL && g_stat (path, &st) == 0 && S_ISREG (st.st_mode))
    reserve ((gsize) st.st_size * 8);
}
