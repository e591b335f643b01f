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

static void
reserve (gsize expected)
{
#if defined (__GLIBC__) && defined (MADV_HUGEPAGE)
  int step = (int) MIN (expected, G_MAXINT / 2);
  uintptr_t start, end;
  void *first;

  if (expected < HUGE_PAGE)
    return;
  /* Sanitizers' allocators refuse mallopt(): then nothing changes. Large
   * blocks stay on the heap, and the heap grows and shrinks in steps of
   * @expected, so that one madvise() covers what the command will use. */
  if (mallopt (M_MMAP_THRESHOLD, MMAP_THRESHOLD_MAX) != 1
      || mallopt (M_TRIM_THRESHOLD, step) != 1 || mallopt (M_TOP_PAD, step) != 1)
    return;
  start = (uintptr_t) sbrk (0);
  /* g_malloc(): the compiler would drop a malloc() freed unused. */
  first = g_malloc (HUGE_PAGE);
  g_free (first);
  end = (uintptr_t) sbrk (0);
  start = (start + HUGE_PAGE - 1) & ~(HUGE_PAGE - 1);
  end &= ~(HUGE_PAGE - 1);
  /* Only a hint: where transparent huge pages are off, it fails harmlessly. */
  if (end > start)
    madvise ((void *) start, end - start, MADV_HUGEPAGE);
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
