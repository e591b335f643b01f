/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-png-writer.c: the PNG encoder that runs beside the drawing
 * (ui/render/vpc-png-writer.c). Its segments, compressed on pool threads,
 * must join into one valid PNG whose pixels are the ones handed over,
 * whatever the number of bands; a failed write must end it cleanly. */
#include <cairo.h>
#include <string.h>
#include <zlib.h>

#include "vpc-deflate-runs.h"
#include "vpc-png-writer.h"

typedef struct
{
  GByteArray *bytes;
  gsize       fail_after; /* 0: never */
  gboolean    failed;
} Out;

static gboolean
write_out (const char *data,
           gsize       length,
           gpointer    closure)
{
  Out *out = closure;

  /* Nothing is written once a write has failed. */
  g_assert_false (out->failed);
  if (out->fail_after > 0 && out->bytes->len + length > out->fail_after)
    {
      out->failed = TRUE;
      return FALSE;
    }
  g_byte_array_append (out->bytes, (const guint8 *) data, length);
  return TRUE;
}

/* Pixels in cairo's format: runs of one colour (what diagrams have) and
 * noise (what defeats the RLE strategy), opaque or, with @alpha, also
 * clear and half-transparent. */
static guint32 *
make_pixels (int      width,
             int      height,
             gboolean alpha,
             guint32  seed)
{
  guint32 *pixels = g_new (guint32, (gsize) width * height);
  GRand *rand = g_rand_new_with_seed (seed);

  for (int y = 0; y < height; y++)
    for (int x = 0; x < width; x++)
      {
        guint32 a = 255, v = x < width / 3 ? 0x3366cc : g_rand_int (rand) & 0xffffff;

        if (alpha && y % 3 == 1)
          a = 0;
        else if (alpha && y % 3 == 2)
          a = 128;
        /* Premultiplied, as cairo keeps them. */
        v = (((v >> 16 & 0xff) * a / 255) << 16) | (((v >> 8 & 0xff) * a / 255) << 8)
            | ((v & 0xff) * a / 255);
        pixels[(gsize) y * width + x] = (a << 24) | v;
      }
  g_rand_free (rand);
  return pixels;
}

/* Hands @pixels over in bands of @band_rows rows. */
static gboolean
encode (const guint32 *pixels,
        int            width,
        int            height,
        int            band_rows,
        gboolean       alpha,
        Out           *out)
{
  int stride = width * 4;
  VpcPngWriter *writer = vpc_png_writer_new (width, height, stride, band_rows, alpha, write_out,
                                             out);
  gboolean ok = writer != NULL;

  for (int y0 = 0; ok && y0 < height; y0 += band_rows)
    {
      int rows = MIN (band_rows, height - y0);
      guint8 *band = vpc_png_writer_next_band (writer);

      memcpy (band, pixels + (gsize) y0 * width, (gsize) rows * stride);
      ok = vpc_png_writer_put_band (writer, rows);
    }
  return writer != NULL && vpc_png_writer_finish (writer, ok);
}

typedef struct
{
  const guint8 *data;
  gsize         length, at;
} In;

static cairo_status_t
read_in (void          *closure,
         unsigned char *data,
         unsigned int   length)
{
  In *in = closure;

  if (in->at + length > in->length)
    return CAIRO_STATUS_READ_ERROR;
  memcpy (data, in->data + in->at, length);
  in->at += length;
  return CAIRO_STATUS_SUCCESS;
}

/* The IDAT payloads joined: one zlib stream, checked by zlib itself
 * (its Adler-32 included) and as long as the filtered rows. */
static void
assert_zlib_stream (GByteArray *png,
                    int         width,
                    int         height,
                    gboolean    alpha)
{
  g_autoptr(GByteArray) stream = g_byte_array_new ();
  uLongf expected = (uLongf) height * (1 + (gsize) width * (alpha ? 4 : 3));
  g_autofree guint8 *raw = g_malloc (expected + 1);
  uLongf length = expected + 1;

  for (gsize at = 8; at + 12 <= png->len;)
    {
      guint32 size;

      memcpy (&size, png->data + at, sizeof size);
      size = GUINT32_FROM_BE (size);

      if (memcmp (png->data + at + 4, "IDAT", 4) == 0)
        g_byte_array_append (stream, png->data + at + 8, size);
      at += 12 + size;
    }
  g_assert_cmpint (uncompress (raw, &length, stream->data, stream->len), ==, Z_OK);
  g_assert_cmpuint (length, ==, expected);
}

static void
assert_round_trip (int      width,
                   int      height,
                   int      band_rows,
                   gboolean alpha)
{
  g_autofree guint32 *pixels = make_pixels (width, height, alpha, width * 31 + height);
  Out out = { g_byte_array_new () };
  In in;
  cairo_surface_t *image;
  int stride;
  guint8 *data;

  g_assert_true (encode (pixels, width, height, band_rows, alpha, &out));
  assert_zlib_stream (out.bytes, width, height, alpha);
  in = (In) { out.bytes->data, out.bytes->len, 0 };
  image = cairo_image_surface_create_from_png_stream (read_in, &in);
  g_assert_cmpint (cairo_surface_status (image), ==, CAIRO_STATUS_SUCCESS);
  g_assert_cmpint (in.at, ==, out.bytes->len); /* read to IEND, nothing after */
  g_assert_cmpint (cairo_image_surface_get_width (image), ==, width);
  g_assert_cmpint (cairo_image_surface_get_height (image), ==, height);
  g_assert_cmpint (cairo_image_surface_get_format (image), ==,
                   alpha ? CAIRO_FORMAT_ARGB32 : CAIRO_FORMAT_RGB24);
  stride = cairo_image_surface_get_stride (image);
  data = cairo_image_surface_get_data (image);
  for (int y = 0; y < height; y++)
    for (int x = 0; x < width; x++)
      {
        guint32 got = *(guint32 *) (gpointer) (data + (gsize) y * stride + x * 4);
        guint32 want = pixels[(gsize) y * width + x];

        if (!alpha)
          g_assert_cmphex (got & 0xffffff, ==, want & 0xffffff);
        else
          /* Premultiplied, then not, then again: within one step. */
          for (int shift = 0; shift < 32; shift += 8)
            g_assert_cmpint (ABS ((int) (got >> shift & 0xff) - (int) (want >> shift & 0xff)),
                             <=, 1);
      }
  cairo_surface_destroy (image);
  g_byte_array_unref (out.bytes);
}

static void
test_bands (void)
{
  /* One band, bands that divide the height, a short last band, one row
   * a band: more bands than the writer has buffers every time. */
  assert_round_trip (37, 5, 8, FALSE);
  assert_round_trip (64, 48, 8, FALSE);
  assert_round_trip (53, 61, 7, FALSE);
  assert_round_trip (300, 40, 1, FALSE);
}

static void
test_alpha (void)
{
  assert_round_trip (41, 30, 4, TRUE);
  assert_round_trip (9, 1, 1, TRUE);
}

/* The same pixels give the same bytes, however the pool schedules. */
static void
test_deterministic (void)
{
  g_autofree guint32 *pixels = make_pixels (200, 150, FALSE, 7);
  Out a = { g_byte_array_new () }, b = { g_byte_array_new () };

  g_assert_true (encode (pixels, 200, 150, 9, FALSE, &a));
  g_assert_true (encode (pixels, 200, 150, 9, FALSE, &b));
  g_assert_cmpmem (a.bytes->data, a.bytes->len, b.bytes->data, b.bytes->len);
  g_byte_array_unref (a.bytes);
  g_byte_array_unref (b.bytes);
}

/* A write that fails in the header, or halfway through the rows, ends the
 * PNG with FALSE: no hang, no write after the failure. */
static void
test_write_failure (void)
{
  g_autofree guint32 *pixels = make_pixels (120, 90, FALSE, 3);
  Out whole = { g_byte_array_new () };

  g_assert_true (encode (pixels, 120, 90, 4, FALSE, &whole));
  for (gsize fail_after = 10; fail_after < whole.bytes->len; fail_after += whole.bytes->len / 5)
    {
      Out out = { g_byte_array_new (), fail_after };

      g_assert_false (encode (pixels, 120, 90, 4, FALSE, &out));
      g_assert_true (out.failed);
      g_assert_cmpuint (out.bytes->len, <=, fail_after);
      g_byte_array_unref (out.bytes);
    }
  g_byte_array_unref (whole.bytes);
}

/* Random data of every kind a filtered row has (long runs of zeros, of
 * other bytes, runs of one to three, noise), in several segments each
 * ended as a band's is, inflates (zlib, raw) to the data itself. */
static void
test_deflate_runs (void)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (15);

  for (guint round = 0; round < 200; round++)
    {
      g_autoptr(GByteArray) data = g_byte_array_new ();
      g_autoptr(GByteArray) deflated = g_byte_array_new ();
      guint n_segments = (guint) g_rand_int_range (rand, 1, 5);
      g_autofree guint8 *inflated = NULL;
      z_stream z = { 0 };

      for (guint s = 0; s < n_segments; s++)
        {
          VpcDeflateRuns runs;
          guint n_adds = (guint) g_rand_int_range (rand, 0, 6);

          vpc_deflate_runs_begin (&runs, deflated);
          for (guint a = 0; a < n_adds; a++)
            {
              gsize start = data->len, length;

              while (data->len - start < (gsize) g_rand_int_range (rand, 0, 3000))
                {
                  guint8 byte = g_rand_boolean (rand) ? 0 : (guint8) g_rand_int_range (rand, 0, 256);
                  guint run = (guint) (g_rand_boolean (rand) ? g_rand_int_range (rand, 1, 4)
                                                             : g_rand_int_range (rand, 1, 1200));

                  for (guint k = 0; k < run; k++)
                    g_byte_array_append (data, &byte, 1);
                }
              length = data->len - start;
              vpc_deflate_runs_add (&runs, data->data + start, length);
            }
          vpc_deflate_runs_end (&runs, s + 1 == n_segments);
        }
      inflated = g_malloc (data->len + 1);
      g_assert_cmpint (inflateInit2 (&z, -15), ==, Z_OK);
      z.next_in = deflated->data;
      z.avail_in = deflated->len;
      z.next_out = inflated;
      z.avail_out = data->len + 1;
      g_assert_cmpint (inflate (&z, Z_FINISH), ==, Z_STREAM_END);
      g_assert_cmpuint (z.total_out, ==, data->len);
      g_assert_cmpuint (z.avail_in, ==, 0);
      g_assert_cmpmem (inflated, data->len, data->data, data->len);
      inflateEnd (&z);
    }
}

/* Data without runs, each byte value alternating with every other in
 * one long call (whatever codes are the longest, its output must fit the
 * room the call takes, which the coder asserts), inflates to itself. */
static void
test_deflate_runs_literals (void)
{
  g_autoptr(GByteArray) data = g_byte_array_new ();
  g_autoptr(GByteArray) deflated = g_byte_array_new ();
  g_autofree guint8 *inflated = NULL;
  VpcDeflateRuns runs;
  z_stream z = { 0 };

  vpc_deflate_runs_begin (&runs, deflated);
  for (guint v = 0; v < 256; v++)
    {
      gsize start = data->len;

      for (guint k = 0; k < 24; k++)
        for (guint w = 0; w < 256; w++)
          if (w != v)
            {
              guint8 pair[2] = { (guint8) v, (guint8) w };

              g_byte_array_append (data, pair, 2);
            }
      vpc_deflate_runs_add (&runs, data->data + start, data->len - start);
    }
  vpc_deflate_runs_end (&runs, TRUE);
  g_assert_cmpuint (runs.literals, ==, data->len);
  inflated = g_malloc (data->len);
  g_assert_cmpint (inflateInit2 (&z, -15), ==, Z_OK);
  z.next_in = deflated->data;
  z.avail_in = deflated->len;
  z.next_out = inflated;
  z.avail_out = data->len;
  g_assert_cmpint (inflate (&z, Z_FINISH), ==, Z_STREAM_END);
  g_assert_cmpmem (inflated, z.total_out, data->data, data->len);
  inflateEnd (&z);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/png-writer/bands", test_bands);
  g_test_add_func ("/png-writer/alpha", test_alpha);
  g_test_add_func ("/png-writer/deterministic", test_deterministic);
  g_test_add_func ("/png-writer/write-failure", test_write_failure);
  g_test_add_func ("/png-writer/deflate-runs", test_deflate_runs);
  g_test_add_func ("/png-writer/deflate-runs-literals", test_deflate_runs_literals);
  return g_test_run ();
}
