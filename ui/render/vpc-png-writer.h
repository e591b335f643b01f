/* SPDX-License-Identifier: GPL-3.0-or-later */
/* vpc-png-writer.h: a PNG encoded on other threads while the next band of
 * rows is drawn. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Writes @length bytes of the file; FALSE stops the PNG. Called on the
 * thread that uses the writer. */
typedef gboolean (*VpcPngWrite) (const char *data,
                                 gsize       length,
                                 gpointer    closure);

typedef struct _VpcPngWriter VpcPngWriter;

/* An 8-bit RGB (or RGBA with @alpha) PNG of @width x @height whose pixels
 * come in bands of at most @band_rows rows of cairo's native-endian
 * pixels, @stride bytes a row (CAIRO_FORMAT_RGB24 / ARGB32). NULL when the
 * header cannot be written. */
VpcPngWriter *vpc_png_writer_new (int         width,
                                  int         height,
                                  int         stride,
                                  int         band_rows,
                                  gboolean    alpha,
                                  VpcPngWrite write,
                                  gpointer    closure);
/* A band to draw the next rows into, once the encoder is done with it, or
 * NULL when out of memory. */
guint8       *vpc_png_writer_next_band (VpcPngWriter *writer);
/* Hands the first @rows rows of the band vpc_png_writer_next_band() gave
 * last to the encoder: @band_rows rows, fewer only in the last band.
 * FALSE once writing has failed. */
gboolean      vpc_png_writer_put_band (VpcPngWriter *writer,
                                       int           rows);
/* Waits for the encoder, ends the file when @ok, and frees @writer.
 * TRUE when the whole PNG was written. */
gboolean      vpc_png_writer_finish (VpcPngWriter *writer,
                                     gboolean      ok);

G_END_DECLS
