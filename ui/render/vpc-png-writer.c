/* SPDX-License-Identifier: GPL-3.0-or-later */
/* vpc-png-writer.c: PNG encoding beside the drawing, on every core.
 *
 * Encoding a 64-megapixel diagram (cairo's pixels to PNG's bytes, the row
 * filter, zlib) took twice as long as drawing it on one thread. So each
 * band of rows is filtered and compressed on a pool thread into a deflate
 * segment of its own while the next band is drawn, and the segments are
 * written in order: ended with a sync flush, segments join into one valid
 * zlib stream (as pigz does), whose checksum is their Adler-32s combined.
 * libpng still writes the signature, the header and the chunks (with their
 * CRCs); only the IDAT payload is ours. A band starts with an empty deflate
 * window, which costs a few bytes per band.
 *
 * The "sub" row filter, and runs of one byte coded with a table of codes
 * made for diagrams (vpc-deflate-runs.c): on diagrams (long runs of one
 * colour) many times faster than cairo's writer (zlib level 6, adaptive
 * filters), for a file 7-38 % larger than zlib's level 1 with its RLE
 * strategy gave, in a third less time. */
#include "vpc-png-writer.h"

#include <png.h>
#include <setjmp.h>
#include <stdlib.h>
#include <string.h>
#include <zlib.h>
#if defined (__linux__)
#include <sys/mman.h>
#endif

#include "vpc-deflate-runs.h"
#include "vpc-huge-pages.h"

/* At most this many encoders, and one band more than encoders: with the
 * thread drawing, two keep up on the machines measured, and three bands of
 * 8 MB keep a PNG export's memory well under a fifth of Dia's. */
#define MAX_ENCODERS 2
/* PNG's filter type "sub": each byte minus the one a pixel before it. */
#define FILTER_SUB 1
/* zlib's Adler-32 modulus, and the bytes adler32_runs() tests at once. */
#define ADLER_BASE 65521u
#define ZERO_BLOCK 64

typedef struct
{
  guint8     *pixels;
  int         rows, first_row;
  gboolean    busy;   /* handed to the encoder, not yet written */
  gboolean    done;   /* encoded (under the writer's lock) */
  gboolean    ok;
  GByteArray *deflated;
  guint32     adler;  /* of the filtered rows */
  gsize       length; /* ... and their length */
  guint8     *row;    /* one filtered row */
} Band;

struct _VpcPngWriter
{
  png_structp  png;
  png_infop    info;
  gboolean     alpha;
  int          width, height, stride, band_rows;
  VpcPngWrite  write;
  gpointer     closure;
  Band         bands[MAX_ENCODERS + 1];
  guint        n_bands;
  guint        next;     /* bands handed out so far */
  GThreadPool *pool;     /* NULL: encoded as handed over */
  GMutex       lock;
  GCond        encoded;
  guint32      adler;    /* of everything written so far */
  int          written;  /* rows */
  gboolean     failed;
};

/* A band's pixels, in huge pages where the kernel offers them: each 4 KB
 * page of a fresh 8 MB band faulted in on its own cost more than drawing
 * the band on the virtual machines measured. */
static guint8 *
band_alloc (gsize size)
{
#if defined (__linux__) && defined (MADV_HUGEPAGE)
  void *pixels;

  size = (size + VPC_HUGE_PAGE - 1) & ~(VPC_HUGE_PAGE - 1);
  if (posix_memalign (&pixels, VPC_HUGE_PAGE, size) != 0)
    return NULL;
  /* Only a hint: where transparent huge pages are off, it fails harmlessly. */
  madvise (pixels, size, MADV_HUGEPAGE);
  return pixels;
#else
  return malloc (size);
#endif
}

static void
append (png_structp png,
        png_bytep   data,
        size_t      length)
{
  VpcPngWriter *writer = png_get_io_ptr (png);

  if (!writer->write ((const char *) data, length, writer->closure))
    png_error (png, "cannot write the file");
}

static void
no_flush (png_structp png)
{
}

/* libpng's own handlers print to stderr; the caller reports the error. */
static void
quiet_error (png_structp     png,
             png_const_charp message)
{
  png_longjmp (png, 1);
}

static void
quiet_warning (png_structp     png,
               png_const_charp message)
{
}

static gboolean
write_header (VpcPngWriter *w)
{
  w->png = png_create_write_struct (PNG_LIBPNG_VER_STRING, NULL, quiet_error, quiet_warning);
  w->info = w->png != NULL ? png_create_info_struct (w->png) : NULL;
  if (w->info == NULL)
    return FALSE;
  if (setjmp (png_jmpbuf (w->png)))
    return FALSE;
  png_set_write_fn (w->png, w, append, no_flush);
  png_set_IHDR (w->png, w->info, w->width, w->height, 8,
                w->alpha ? PNG_COLOR_TYPE_RGBA : PNG_COLOR_TYPE_RGB, PNG_INTERLACE_NONE,
                PNG_COMPRESSION_TYPE_DEFAULT, PNG_FILTER_TYPE_DEFAULT);
  png_write_info (w->png, w->info);
  return TRUE;
}

/* One row of cairo's native-endian pixels as a filtered PNG row: opaque
 * pixels need no division, and each byte depends only on its pixel and the
 * one before it (no loop-carried state), which the compiler unrolls. */
static void
filter_row (const VpcPngWriter *w,
            const guint32      *src,
            guint8             *dst)
{
  *dst++ = FILTER_SUB;
  if (!w->alpha)
    {
      guint32 before = 0;

      for (int x = 0; x < w->width; x++)
        {
          guint32 v = src[x];

          dst[0] = (guint8) ((v >> 16) - (before >> 16));
          dst[1] = (guint8) ((v >> 8) - (before >> 8));
          dst[2] = (guint8) (v - before);
          dst += 3;
          before = v;
        }
      return;
    }
  for (int x = 0, r0 = 0, g0 = 0, b0 = 0, a0 = 0; x < w->width; x++)
    {
      guint32 v = src[x];
      guint a = v >> 24;
      /* cairo premultiplies; PNG does not. */
      int r = a == 0 ? 0 : (((v >> 16) & 0xff) * 255 + a / 2) / a;
      int g = a == 0 ? 0 : (((v >> 8) & 0xff) * 255 + a / 2) / a;
      int b = a == 0 ? 0 : ((v & 0xff) * 255 + a / 2) / a;

      *dst++ = (guint8) (r - r0);
      *dst++ = (guint8) (g - g0);
      *dst++ = (guint8) (b - b0);
      *dst++ = (guint8) (a - a0);
      r0 = r, g0 = g, b0 = b, a0 = (int) a;
    }
}

/* Adler-32 over zero bytes in closed form: over @k zeros the sum a stays
 * and b grows by k a. */
static guint32
adler32_zeros (guint32 adler,
               guint64 k)
{
  guint64 a = adler & 0xffff, b = adler >> 16;

  b = (b + (k % ADLER_BASE) * a) % ADLER_BASE;
  return (guint32) (b << 16 | a);
}

static inline gboolean
zero_block (const guint8 *p)
{
  guint64 any = 0;

  for (int i = 0; i < ZERO_BLOCK / 8; i++)
    {
      guint64 word;

      memcpy (&word, p + 8 * i, sizeof word);
      any |= word;
    }
  return any == 0;
}

/* zlib's adler32() of @data, with its runs of zero bytes summed in closed
 * form: a filtered row of a diagram is mostly such runs (a run of one
 * colour), and reading every byte of a 64-megapixel PNG was an eighth of
 * its encoders' time. */
static guint32
adler32_runs (guint32       adler,
              const guint8 *data,
              uInt          length)
{
  const guint8 *end = data + length, *p = data, *start = data;

  while ((gsize) (end - p) >= ZERO_BLOCK)
    {
      const guint8 *zeros;

      if (!zero_block (p))
        {
          p += ZERO_BLOCK;
          continue;
        }
      adler = adler32 (adler, start, (uInt) (p - start));
      zeros = p;
      do
        p += ZERO_BLOCK;
      while ((gsize) (end - p) >= ZERO_BLOCK && zero_block (p));
      adler = adler32_zeros (adler, (guint64) (p - zeros));
      start = p;
    }
  return adler32 (adler, start, (uInt) (end - start));
}

/* The band's rows as one raw deflate segment, ended so that the next
 * band's segment can follow it (or the stream ends, after the last). */
static gboolean
encode (const VpcPngWriter *w,
        Band               *band)
{
  gsize row_length = 1 + (gsize) w->width * (w->alpha ? 4 : 3);
  VpcDeflateRuns runs;

  g_byte_array_set_size (band->deflated, 0);
  band->adler = adler32 (0, NULL, 0);
  band->length = row_length * band->rows;
  vpc_deflate_runs_begin (&runs, band->deflated);
  for (int y = 0; y < band->rows; y++)
    {
      filter_row (w, (const guint32 *) (gconstpointer) (band->pixels + (gsize) y * w->stride),
                  band->row);
      band->adler = adler32_runs (band->adler, band->row, (uInt) row_length);
      vpc_deflate_runs_add (&runs, band->row, row_length);
    }
  vpc_deflate_runs_end (&runs, band->first_row + band->rows == w->height);
  return TRUE;
}

static void
encode_in_pool (gpointer data,
                gpointer user_data)
{
  VpcPngWriter *w = user_data;
  Band *band = data;
  gboolean ok = encode (w, band);

  g_mutex_lock (&w->lock);
  band->ok = ok;
  band->done = TRUE;
  g_cond_broadcast (&w->encoded);
  g_mutex_unlock (&w->lock);
}

static gboolean
write_chunk (VpcPngWriter *w,
             const char   *name,
             const guint8 *data,
             gsize         length)
{
  if (setjmp (png_jmpbuf (w->png)))
    return FALSE;
  png_write_chunk (w->png, (png_const_bytep) name, data, length);
  return TRUE;
}

/* Waits for @band's segment and writes it: the zlib header before the
 * first, the checksum after the last. */
static void
write_band (VpcPngWriter *w,
            Band         *band)
{
  g_mutex_lock (&w->lock);
  while (!band->done)
    g_cond_wait (&w->encoded, &w->lock);
  g_mutex_unlock (&w->lock);
  band->busy = FALSE;
  if (w->failed || !band->ok)
    {
      w->failed = TRUE;
      return;
    }
  if (band->first_row == 0)
    {
      /* Deflate, 32 KB window, fastest level: 0x78 0x01. */
      static const guint8 zlib_header[] = { 0x78, 0x01 };

      g_byte_array_prepend (band->deflated, zlib_header, sizeof zlib_header);
    }
  w->adler = adler32_combine (w->adler, band->adler, band->length);
  w->written += band->rows;
  if (w->written == w->height)
    {
      guint32 sum = GUINT32_TO_BE (w->adler);

      g_byte_array_append (band->deflated, (const guint8 *) &sum, sizeof sum);
    }
  if (!write_chunk (w, "IDAT", band->deflated->data, band->deflated->len))
    w->failed = TRUE;
}

static void
writer_free (VpcPngWriter *w)
{
  if (w->pool != NULL)
    g_thread_pool_free (w->pool, FALSE, TRUE);
  png_destroy_write_struct (&w->png, w->png != NULL ? &w->info : NULL);
  for (guint i = 0; i < w->n_bands; i++)
    {
      free (w->bands[i].pixels);
      g_free (w->bands[i].row);
      g_byte_array_unref (w->bands[i].deflated);
    }
  g_mutex_clear (&w->lock);
  g_cond_clear (&w->encoded);
  g_free (w);
}

VpcPngWriter *
vpc_png_writer_new (int         width,
                    int         height,
                    int         stride,
                    int         band_rows,
                    gboolean    alpha,
                    VpcPngWrite write,
                    gpointer    closure)
{
  guint encoders = CLAMP (g_get_num_processors (), 1, MAX_ENCODERS);
  VpcPngWriter *w;

  g_return_val_if_fail (width > 0 && height > 0 && band_rows > 0 && write != NULL, NULL);
  g_return_val_if_fail (stride >= width * 4, NULL);

  w = g_new0 (VpcPngWriter, 1);
  *w = (VpcPngWriter) { .alpha = alpha, .width = width, .height = height, .stride = stride,
                        .band_rows = band_rows, .write = write, .closure = closure,
                        .adler = adler32 (0, NULL, 0) };
  g_mutex_init (&w->lock);
  g_cond_init (&w->encoded);
  for (; w->n_bands < encoders + 1; w->n_bands++)
    {
      Band *band = &w->bands[w->n_bands];

      band->pixels = band_alloc ((gsize) stride * band_rows);
      band->row = g_try_malloc (1 + (gsize) width * (alpha ? 4 : 3));
      band->deflated = g_byte_array_new ();
      if (band->pixels == NULL || band->row == NULL)
        {
          w->n_bands++;
          writer_free (w);
          return NULL;
        }
    }
  if (!write_header (w))
    {
      writer_free (w);
      return NULL;
    }
  w->pool = g_thread_pool_new (encode_in_pool, w, (int) encoders, FALSE, NULL);
  return w;
}

guint8 *
vpc_png_writer_next_band (VpcPngWriter *w)
{
  Band *band;

  g_return_val_if_fail (w != NULL, NULL);

  band = &w->bands[w->next % w->n_bands];
  /* The band drawn n_bands ago: every earlier one is written already. */
  if (band->busy)
    write_band (w, band);
  return band->pixels;
}

gboolean
vpc_png_writer_put_band (VpcPngWriter *w,
                         int           rows)
{
  Band *band;

  g_return_val_if_fail (w != NULL && rows > 0 && rows <= w->band_rows, FALSE);

  band = &w->bands[w->next % w->n_bands];
  g_return_val_if_fail (!band->busy, FALSE);
  band->first_row = w->next * w->band_rows;
  g_return_val_if_fail (band->first_row + rows <= w->height, FALSE);
  band->rows = rows;
  band->busy = TRUE;
  band->done = FALSE;
  w->next++;
  if (w->pool != NULL && g_thread_pool_push (w->pool, band, NULL))
    return !w->failed;
  encode_in_pool (band, w);
  return !w->failed;
}

gboolean
vpc_png_writer_finish (VpcPngWriter *w,
                       gboolean      ok)
{
  g_return_val_if_fail (w != NULL, FALSE);

  /* Nothing more is written after a failure, but every band is waited
   * for: the encoders use them. */
  w->failed = w->failed || !ok;
  /* In order, from the oldest band still out. */
  for (guint i = 0; i < w->n_bands; i++)
    {
      Band *band = &w->bands[(w->next + i) % w->n_bands];

      if (band->busy)
        write_band (w, band);
    }
  ok = !w->failed && w->written == w->height && write_chunk (w, "IEND", NULL, 0);
  writer_free (w);
  return ok;
}
