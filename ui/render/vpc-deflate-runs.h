/* SPDX-License-Identifier: GPL-3.0-or-later */
/* vpc-deflate-runs.h: a deflate encoder (RFC 1951) for data made of runs
 * of one byte, such as a diagram's PNG rows filtered with "sub": each run
 * is its byte then copies of the byte before (distance 1), in one block of
 * dynamic Huffman codes whose table was made once for diagrams. A run of
 * zeros is skipped eight bytes at a time and costs 4 bits per 258 bytes,
 * where zlib's RLE strategy compares every byte. The segments it ends join
 * the raw deflate stream the PNG writer builds from its bands, as zlib's
 * would. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct
{
  GByteArray *out;
  guint64     bits;      /* waiting to be written, the first in the lowest */
  int         n_bits;
  gsize       literals;  /* bytes written as themselves */
} VpcDeflateRuns;

/* Starts a block at the end of @out (at a byte boundary). */
void vpc_deflate_runs_begin (VpcDeflateRuns *d,
                             GByteArray     *out);
/* Encodes @length bytes of @data (a run never continues into the next
 * call's data). */
void vpc_deflate_runs_add   (VpcDeflateRuns *d,
                             const guint8   *data,
                             gsize           length);
/* Ends the block: with @last, the stream ends there (a final empty block);
 * else it ends at a byte boundary as zlib's Z_SYNC_FLUSH ends a segment
 * (an empty stored block), so that another segment may follow. */
void vpc_deflate_runs_end   (VpcDeflateRuns *d,
                             gboolean        last);

G_END_DECLS
