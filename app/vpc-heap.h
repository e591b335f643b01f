/* SPDX-License-Identifier: GPL-3.0-or-later */
/* vpc-heap.h: the process's heap, prepared for a large design. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Before loading the design at @path (may be NULL, or not a regular file:
 * then nothing happens): lets the heap grow at once by what a design of
 * that size needs, in transparent huge pages where the system has them,
 * so that loading, checking and drawing it fault in 2 MB at a time. Large
 * blocks then stay on the heap. Changes nothing under a sanitizer. */
void vpc_heap_prepare_for_file (const char *path);

G_END_DECLS
