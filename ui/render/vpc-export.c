/* SPDX-License-Identifier: GPL-3.0-or-later */
/* vpc-export.c: PNG, SVG and PDF documents of a design, drawn by the same
 * renderer as the canvas, fitted with margins, with a title block, legend
 * and the findings of the design's own profile.
 *
 * PNG and PDF are drawn with the cairo painter, SVG with the SVG painter
 * (plain elements and real text, written out as drawn): the same drawing
 * code either way. PNGs are drawn in bands of rows into small buffers and
 * encoded by vpc-png-writer.c on other threads while the next band is
 * drawn.
 *
 * PNG, SVG and PDF stream into the temporary file of vpc-safe-save.c (the one
 * writer of the app), which is renamed over the target only when the whole
 * document is written: a failed export leaves nothing (or the previous
 * file) at the target, and the encoded document is never held in memory.
 * PDFs carry a fixed creation date so that the same design gives the same
 * bytes. */
#include <math.h>
#include <string.h>
#include <cairo-pdf.h>

#include "vpc-cost.h"
#include "vpc-export.h"
#include "vpc-export-drawio.h"
#include "vpc-file.h"
#include "vpc-png-writer.h"
#include "vpc-i18n.h"
#include "vpc-safe-save.h"
#include "vpc-validator.h"
#include "vpc-render.h"
#include "vpc-render-routes.h"

#define MARGIN        32.0
#define PNG_MAX_SIDE  VPC_EXPORT_PNG_MAX_SIDE
#define PNG_MAX_AREA  VPC_EXPORT_PNG_MAX_PIXELS
/* The PDF title (document metadata) is the design's name, cut to this. */
#define PDF_TITLE_MAX_CHARS 200
/* cairo's PDF surface fails past 32767 units, and PDF viewers dislike
 * pages over 200 inches: bigger designs are scaled down to fit. SVG is
 * written at world scale whatever its size. */
#define PDF_MAX_SIDE  14400.0
/* A PNG is drawn in bands of about this many bytes of pixels, each with
 * what lies this many device pixels beyond it. Three bands are in flight
 * (vpc-png-writer.c) and the painter keeps a tile image of one: at 8 MB
 * a 10,000-element PNG peaked at 87 MB, at 4 MB 70 MB, as fast once a
 * band no longer walked the whole design for its title block. */
#define BAND_BYTES    (4 * 1024 * 1024)
#define BAND_MARGIN   64.0
/* Used when SOURCE_DATE_EPOCH is not set: the PDF's creation date. */
#define FIXED_PDF_DATE "2025-01-01T00:00:00Z"

G_DEFINE_QUARK (vpc-export-error-quark, vpc_export_error)

typedef enum {
  FORMAT_PNG,
  FORMAT_SVG,
  FORMAT_PDF,
  FORMAT_DRAWIO,
} Format;

typedef struct
{
  VpcDesign        *design;
  VpcRenderOptions  options;
  double            x, y, w, h;  /* world bounds, margins included */
  char             *date;
  char             *total;
  GListModel       *findings;
  gboolean          one_shot;
} Page;

static gboolean
format_of (const char *path,
           Format     *format)
{
  if (vpc_file_path_has_suffix (path, ".png"))
    *format = FORMAT_PNG;
  else if (vpc_file_path_has_suffix (path, ".svg"))
    *format = FORMAT_SVG;
  else if (vpc_file_path_has_suffix (path, ".pdf"))
    *format = FORMAT_PDF;
  else if (vpc_file_path_has_suffix (path, ".drawio"))
    *format = FORMAT_DRAWIO;
  else
    return FALSE;
  return TRUE;
}

/* SOURCE_DATE_EPOCH when set (reproducible builds), else now. */
static GDateTime *
export_time (gboolean *fixed)
{
  const char *epoch = g_getenv ("SOURCE_DATE_EPOCH");
  gint64 seconds;

  *fixed = epoch != NULL && g_ascii_string_to_signed (epoch, 10, 0, G_MAXINT64 / 2, &seconds, NULL);
  if (*fixed)
    return g_date_time_new_from_unix_utc (seconds);
  return g_date_time_new_now_local ();
}

/* "$73.00", or NULL when the region is not priced. */
static char *
monthly_total (VpcDesign *design)
{
  g_autoptr(VpcCostReport) report = vpc_cost_compute (design, NULL);
  g_autofree char *amount = NULL;

  if (report == NULL || !report->priced)
    return NULL;
  amount = vpc_cost_format (report->total_micros, FALSE);
  return g_steal_pointer (&amount);
}

/* The findings of the design's own profile, as a list model that is
 * computed on a worker thread while the renderer draws everything the
 * findings do not change; the renderer reads the list for the finding
 * outlines and badges, after the bulk of an SVG or PDF page (a PNG needs
 * them for its first band), and for the page's size only when the
 * legend's error and warning swatches would need a row of their own. The
 * first read waits for the thread. Both sides only read the design, which
 * the export holds a reference to and nobody edits meanwhile (the export
 * is synchronous). */
#define VPC_TYPE_EXPORT_FINDINGS (vpc_export_findings_get_type ())
G_DECLARE_FINAL_TYPE (VpcExportFindings, vpc_export_findings, VPC, EXPORT_FINDINGS, GObject)

struct _VpcExportFindings
{
  GObject     parent_instance;
  VpcDesign  *design;
  GThread    *thread;
  GPtrArray  *items;
  GHashTable *marks; /* @items counted for the marks, by the thread */
};

static void vpc_export_findings_model_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (VpcExportFindings, vpc_export_findings, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL,
                                                      vpc_export_findings_model_init))

/* Writes @self's items and their marks, read once the thread is joined. */
static gpointer
validate_thread (gpointer data)
{
  VpcExportFindings *self = data;
  VpcDesign *design = self->design;

  /* The findings live no longer than the export, which nobody edits the
   * design during: they point at its ids rather than copy them. */
  self->items = vpc_validate_full (design, vpc_design_get_info (design)->profile,
                                   VPC_VALIDATE_BORROW);
  if (self->items == NULL)
    self->items = g_ptr_array_new_with_free_func (g_object_unref);
  /* Counted here, while the page is drawn, rather than when its marks
   * are: the end of an export waited for that alone. */
  self->marks = vpc_render_count_marks_array (self->items);
  return NULL;
}

static GPtrArray *
findings_get (VpcExportFindings *self)
{
  if (self->thread != NULL)
    {
      g_thread_join (g_steal_pointer (&self->thread));
      vpc_render_set_counted_marks (G_LIST_MODEL (self), self->marks);
    }
  return self->items;
}

static GType
findings_get_item_type (GListModel *model)
{
  return VPC_TYPE_FINDING;
}

static guint
findings_get_n_items (GListModel *model)
{
  return findings_get (VPC_EXPORT_FINDINGS (model))->len;
}

static gpointer
findings_get_item (GListModel *model,
                   guint       position)
{
  GPtrArray *items = findings_get (VPC_EXPORT_FINDINGS (model));

  return position < items->len ? g_object_ref (g_ptr_array_index (items, position)) : NULL;
}

static void
vpc_export_findings_model_init (GListModelInterface *iface)
{
  iface->get_item_type = findings_get_item_type;
  iface->get_n_items = findings_get_n_items;
  iface->get_item = findings_get_item;
}

static void
vpc_export_findings_finalize (GObject *object)
{
  VpcExportFindings *self = VPC_EXPORT_FINDINGS (object);

  if (self->thread != NULL)
    g_thread_join (g_steal_pointer (&self->thread));
  g_clear_pointer (&self->items, g_ptr_array_unref);
  g_clear_pointer (&self->marks, g_hash_table_unref);
  g_clear_object (&self->design);
  G_OBJECT_CLASS (vpc_export_findings_parent_class)->finalize (object);
}

static void
vpc_export_findings_class_init (VpcExportFindingsClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = vpc_export_findings_finalize;
}

static void
vpc_export_findings_init (VpcExportFindings *self)
{
}

static GListModel *
findings_of (VpcDesign *design)
{
  VpcExportFindings *self = g_object_new (VPC_TYPE_EXPORT_FINDINGS, NULL);

  self->design = g_object_ref (design);
  /* The rules read the design on another thread while it is drawn. */
  vpc_design_prepare_reads (design);
  self->thread = g_thread_try_new ("vpc-export-validate", validate_thread, self, NULL);
  if (self->thread == NULL)
    {
      validate_thread (self);
      vpc_render_set_counted_marks (G_LIST_MODEL (self), self->marks);
    }
  return G_LIST_MODEL (self);
}

/* @route_ahead: the page will be drawn with its connectors (an SVG), which
 * are routed on another thread while the labels are measured. */
static void
page_init (Page                   *page,
           VpcDesign              *design,
           const VpcExportOptions *export_options,
           gboolean                route_ahead)
{
  gboolean fixed;
  g_autoptr(GDateTime) now = export_time (&fixed);
  guint n_elements = 0;

  for (VpcKind kind = 0; kind < VPC_N_KINDS; kind++)
    n_elements += vpc_design_get_n_elements (design, kind);
  page->design = design;
  page->one_shot = export_options->one_shot;
  page->date = g_date_time_format (now, "%Y-%m-%d");
  vpc_render_options_init (&page->options);
  page->options.theme = export_options->theme;
  page->options.title_block = export_options->title_block;
  page->options.legend = export_options->legend;
  page->options.background = export_options->background;
  page->options.text_scale = export_options->text_scale;
  page->options.fallback_title = export_options->fallback_title;
  page->options.date = page->date;
  if (route_ahead)
    vpc_render_prefetch_routes (design, &page->options);
  /* The findings are computed on another thread meanwhile. */
  page->findings = findings_of (design);
  page->total = monthly_total (design);
  vpc_render_prepare_text (n_elements);
  page->options.monthly_total = page->total;
  page->options.findings = page->findings;

  vpc_render_get_bounds (design, &page->options, &page->x, &page->y, &page->w, &page->h);
  page->x -= MARGIN;
  page->y -= MARGIN;
  page->w += 2 * MARGIN;
  page->h += 2 * MARGIN;
}

/* Keeps @findings, their thread joined, where the exit finds them (and a
 * leak checker sees them still in reach). */
static void
leave_for_exit (GListModel *findings)
{
  static GPtrArray *left;

  if (findings == NULL)
    return;
  findings_get (VPC_EXPORT_FINDINGS (findings));
  if (left == NULL)
    left = g_ptr_array_new ();
  g_ptr_array_add (left, findings);
}

static void
page_clear (Page *page)
{
  /* Routes started for the page and never drawn (nothing reached the
   * connectors) are collected: no thread outlives the export, which may be
   * the app's, whose design changes next. */
  if (vpc_routes_prefetching (page->design))
    vpc_render_route (page->design, &page->options);
  g_clear_pointer (&page->date, g_free);
  g_clear_pointer (&page->total, g_free);
  if (page->one_shot)
    leave_for_exit (g_steal_pointer (&page->findings));
  g_clear_object (&page->findings);
}

/* Draws the page at @scale (device units per world unit). */
static void
page_draw (Page    *page,
           cairo_t *cr,
           double   scale)
{
  page->options.scale = scale;
  page->options.offset_x = -page->x * scale;
  page->options.offset_y = -page->y * scale;
  vpc_render_design (cr, page->design, &page->options);
}

void
vpc_export_page_size (VpcDesign              *design,
                      const VpcExportOptions *options,
                      double                 *width,
                      double                 *height)
{
  Page page;

  page_init (&page, design, options, FALSE);
  *width = ceil (page.w);
  *height = ceil (page.h);
  page_clear (&page);
}

void
vpc_export_draw (VpcDesign              *design,
                 const VpcExportOptions *options,
                 cairo_t                *cr,
                 double                  scale)
{
  Page page;

  page_init (&page, design, options, FALSE);
  page_draw (&page, cr, scale);
  page_clear (&page);
}

static void
page_svg (Page    *page,
          GString *svg)
{
  page->options.scale = 1.0;
  page->options.offset_x = -page->x;
  page->options.offset_y = -page->y;
  vpc_render_design_svg (svg, page->design, &page->options, ceil (page->w), ceil (page->h));
}

char *
vpc_export_svg_text (VpcDesign              *design,
                     const VpcExportOptions *options)
{
  Page page;
  GString *svg = g_string_sized_new (1 << 16);

  page_init (&page, design, options, FALSE);
  page_svg (&page, svg);
  page_clear (&page);
  return g_string_free (svg, FALSE);
}

/* Where the encoders write: the temporary file, and its first error. */
typedef struct
{
  VpcSafeSave *save;
  GError      *error;
} Sink;

static gboolean
sink_write (Sink       *sink,
            const void *data,
            gsize       length)
{
  return sink->error == NULL && vpc_safe_save_write (sink->save, data, length, &sink->error);
}

/* The PNG and SVG writers' callback. */
static gboolean
stream_write (const char *data,
              gsize       length,
              gpointer    closure)
{
  return sink_write (closure, data, length);
}

static cairo_status_t
cairo_sink_write (void                *closure,
                  const unsigned char *data,
                  unsigned int         length)
{
  return sink_write (closure, data, length) ? CAIRO_STATUS_SUCCESS : CAIRO_STATUS_WRITE_ERROR;
}

/* Keeps PNGs within what viewers and memory allow. */
static double
png_scale (const Page *page,
           double      scale)
{
  double area;

  scale = MIN (scale, PNG_MAX_SIDE / page->w);
  scale = MIN (scale, PNG_MAX_SIDE / page->h);
  area = page->w * scale * page->h * scale;
  if (area > PNG_MAX_AREA)
    scale *= sqrt (PNG_MAX_AREA / area);
  /* The image has whole pixels: rounding up must not pass the limits. */
  while (scale > 0 &&
         (ceil (page->w * scale) > PNG_MAX_SIDE || ceil (page->h * scale) > PNG_MAX_SIDE ||
          ceil (page->w * scale) * ceil (page->h * scale) > PNG_MAX_AREA))
    scale *= 0.999;
  return scale;
}

/* Draws the rows [@y0, @y0 + @rows) of the @w x @h page into @band
 * (@rows rows of @stride bytes). The band is the window of a surface of the
 * whole page, clipped to it: every pixel is computed exactly as on a page
 * drawn at once (a translated drawing would sample scaled icons a hair
 * apart), and only what reaches the band is drawn. */
static cairo_status_t
draw_band (Page           *page,
           cairo_format_t  format,
           guint8         *band,
           int             stride,
           int             w,
           int             h,
           double          scale,
           int             y0,
           int             rows)
{
  /* Generous: everything the band shows is drawn whole. */
  double margin = MAX (BAND_MARGIN / scale, BAND_MARGIN);
  cairo_surface_t *surface;
  cairo_status_t status;
  cairo_t *cr;

  if (!page->options.background)
    memset (band, 0, (gsize) stride * rows);
  /* Only the band's rows are ever touched (the clip), so the rows before
   * it need no memory. */
  surface = cairo_image_surface_create_for_data (band - (gssize) y0 * stride, format, w, h,
                                                 stride);
  cr = cairo_create (surface);
  cairo_rectangle (cr, 0, y0, w, rows);
  cairo_clip (cr);
  page->options.clip_x = page->x - margin;
  page->options.clip_y = page->y + y0 / scale - margin;
  page->options.clip_w = page->w + 2 * margin;
  page->options.clip_h = rows / scale + 2 * margin;
  page_draw (page, cr, scale);
  page->options.clip_w = page->options.clip_h = 0;
  status = cairo_status (cr);
  cairo_destroy (cr);
  cairo_surface_flush (surface);
  if (status == CAIRO_STATUS_SUCCESS)
    status = cairo_surface_status (surface);
  cairo_surface_destroy (surface);
  return status;
}

/* The page at @scale in bands of rows, each drawn into one small buffer
 * and handed to the PNG writer: a 64-megapixel page needs a few MB, not
 * 256 MB, and the pixels stay in the cache. */
static cairo_status_t
render_png (Page       *page,
            double      scale,
            Sink       *out)
{
  /* An opaque page (the background is painted first) needs no alpha. */
  cairo_format_t format = page->options.background ? CAIRO_FORMAT_RGB24 : CAIRO_FORMAT_ARGB32;
  cairo_status_t status = CAIRO_STATUS_SUCCESS;
  VpcPngWriter *writer;
  int w, h, rows, stride;

  {
    double fitted = png_scale (page, scale);

    /* A page too big for one image is drawn smaller, and says so. */
    if (fitted < scale)
      g_message (_("The PNG would be %.0f x %.0f pixels, more than %.0f a side or %.0f million in "
                   "all: it is drawn at scale %.3g instead of %.3g (%.0f x %.0f). Export SVG or "
                   "PDF for every detail."),
                 ceil (page->w * scale), ceil (page->h * scale), PNG_MAX_SIDE, PNG_MAX_AREA / 1e6,
                 fitted, scale, ceil (page->w * fitted), ceil (page->h * fitted));
    scale = fitted;
  }
  w = MAX (1, (int) ceil (page->w * scale));
  h = MAX (1, (int) ceil (page->h * scale));
  stride = cairo_format_stride_for_width (format, w);
  rows = CLAMP (BAND_BYTES / stride, 1, h);
  writer = vpc_png_writer_new (w, h, stride, rows, !page->options.background, stream_write,
                               out);
  if (writer == NULL)
    return out->error != NULL ? CAIRO_STATUS_WRITE_ERROR : CAIRO_STATUS_NO_MEMORY;
  /* Counted once, not per band. */
  page->options.marks = vpc_render_count_marks (page->findings);
  for (int y0 = 0; status == CAIRO_STATUS_SUCCESS && y0 < h; y0 += rows)
    {
      int n = MIN (rows, h - y0);

      status = draw_band (page, format, vpc_png_writer_next_band (writer), stride, w, h, scale,
                          y0, n);
      if (status == CAIRO_STATUS_SUCCESS && !vpc_png_writer_put_band (writer, n))
        status = CAIRO_STATUS_WRITE_ERROR;
    }
  if (!vpc_png_writer_finish (writer, status == CAIRO_STATUS_SUCCESS)
      && status == CAIRO_STATUS_SUCCESS)
    status = CAIRO_STATUS_WRITE_ERROR;
  g_clear_pointer (&page->options.marks, g_hash_table_unref);
  g_debug ("png %dx%d in bands of %d rows", w, h, rows);
  return status;
}

/* Streamed into the file as it is drawn: a 100,000-element SVG is 130 MB,
 * never held whole. */
static cairo_status_t
render_svg (Page       *page,
            Sink       *out)
{
  page->options.scale = 1.0;
  page->options.offset_x = -page->x;
  page->options.offset_y = -page->y;
  vpc_render_design_svg_stream (stream_write, out, page->design, &page->options,
                                ceil (page->w), ceil (page->h));
  return out->error == NULL ? CAIRO_STATUS_SUCCESS : CAIRO_STATUS_WRITE_ERROR;
}

static cairo_status_t
render_pdf (Page       *page,
            Sink       *out)
{
  double scale = MIN (1.0, PDF_MAX_SIDE / MAX (page->w, page->h));
  double w = ceil (page->w * scale), h = ceil (page->h * scale);
  const VpcDesignInfo *info = vpc_design_get_info (page->design);
  gboolean fixed;
  g_autoptr(GDateTime) now = export_time (&fixed);
  g_autofree char *created = g_date_time_format (now, "%Y-%m-%dT%H:%M:%SZ");
  cairo_surface_t *surface;
  cairo_status_t status;
  cairo_t *cr;

  surface = cairo_pdf_surface_create_for_stream (cairo_sink_write, out, w, h);
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_CREATE_DATE,
                                  fixed ? created : FIXED_PDF_DATE);
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_CREATOR, "VPC Designer");
  if (info->name != NULL && *info->name)
    {
      /* cairo refuses noncharacters, and a 60 MB name is no title. */
      g_autofree char *title = vpc_render_clean_text (info->name, PDF_TITLE_MAX_CHARS);

      cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_TITLE,
                                      title != NULL ? title : info->name);
    }
  cr = cairo_create (surface);
  page_draw (page, cr, scale);
  cairo_show_page (cr);
  status = cairo_status (cr);
  cairo_destroy (cr);
  cairo_surface_finish (surface);
  if (status == CAIRO_STATUS_SUCCESS)
    status = cairo_surface_status (surface);
  cairo_surface_destroy (surface);
  return status;
}

void
vpc_export_options_init (VpcExportOptions *options)
{
  *options = (VpcExportOptions) {
    .theme = VPC_THEME_LIGHT,
    .scale = 1.0,
    .background = TRUE,
    .title_block = TRUE,
    .legend = TRUE,
    .text_scale = 1.0,
  };
}

char *
vpc_export_title_from_path (const char *path)
{
  g_autofree char *base = NULL;

  if (path == NULL || g_strcmp0 (path, "-") == 0)
    return NULL;
  base = g_path_get_basename (path);
  if (g_str_has_suffix (base, ".vpcd.json"))
    base[strlen (base) - strlen (".vpcd.json")] = '\0';
  else if (g_str_has_suffix (base, ".json"))
    base[strlen (base) - strlen (".json")] = '\0';
  return *base != '\0' ? g_steal_pointer (&base) : NULL;
}

gboolean
vpc_export_to_file (VpcDesign  *design,
                    const char *path,
                    VpcTheme    theme,
                    double      scale,
                    GError    **error)
{
  VpcExportOptions options;

  vpc_export_options_init (&options);
  options.theme = theme;
  options.scale = scale;
  return vpc_export_to_file_full (design, path, &options, error);
}

/* The diagrams.net file: the same layout, as editable shapes. */
static gboolean
export_drawio (VpcDesign              *design,
               const char             *path,
               const VpcExportOptions *options,
               GError                **error)
{
  const char *name = vpc_design_get_info (design)->name;
  g_autofree char *text
      = vpc_export_drawio (design, name != NULL && *name != '\0' ? name : options->fallback_title);
  g_autoptr(GError) local = NULL;

  if (vpc_safe_save (path, text, strlen (text), &local))
    return TRUE;
  g_set_error_literal (error, VPC_EXPORT_ERROR, VPC_EXPORT_ERROR_FAILED, local->message);
  return FALSE;
}

gboolean
vpc_export_to_file_full (VpcDesign              *design,
                         const char             *path,
                         const VpcExportOptions *options,
                         GError                **error)
{
  double scale = options->scale;
  g_autoptr(VpcSafeSave) save = NULL;
  g_autoptr(GError) local = NULL;
  Sink sink = { NULL, NULL };
  cairo_status_t status;
  Format format;
  Page page;
  gint64 start, prepared, drawn;

  g_return_val_if_fail (VPC_IS_DESIGN (design), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!format_of (path, &format))
    {
      g_set_error (error, VPC_EXPORT_ERROR, VPC_EXPORT_ERROR_UNKNOWN_FORMAT,
                   _("Unknown export format for %s: use .png, .svg, .pdf or .drawio"), path);
      return FALSE;
    }
  if (format == FORMAT_DRAWIO)
    return export_drawio (design, path, options, error);
  if (!(scale >= VPC_EXPORT_MIN_SCALE && scale <= VPC_EXPORT_MAX_SCALE))
    {
      g_set_error (error, VPC_EXPORT_ERROR, VPC_EXPORT_ERROR_FAILED,
                   _("Cannot export %s at scale %g: use a scale from %g to %g"), path, scale,
                   VPC_EXPORT_MIN_SCALE, VPC_EXPORT_MAX_SCALE);
      return FALSE;
    }

  /* A target that cannot be written is refused before anything is drawn. */
  save = vpc_safe_save_begin (path, &local);
  if (save == NULL)
    goto failed;
  sink.save = save;
  start = g_get_monotonic_time ();
  page_init (&page, design, options, format == FORMAT_SVG);
  prepared = g_get_monotonic_time ();
  if (format == FORMAT_PNG)
    status = render_png (&page, scale, &sink);
  else if (format == FORMAT_SVG)
    status = render_svg (&page, &sink);
  else
    status = render_pdf (&page, &sink);
  page_clear (&page);
  drawn = g_get_monotonic_time ();

  if (sink.error != NULL)
    {
      local = g_steal_pointer (&sink.error);
      goto failed;
    }
  if (status != CAIRO_STATUS_SUCCESS)
    {
      g_set_error (error, VPC_EXPORT_ERROR, VPC_EXPORT_ERROR_FAILED,
                   /* TRANSLATORS: a file's path and what went wrong. */
                   _("Cannot draw %s: %s"), path, cairo_status_to_string (status));
      return FALSE;
    }
  if (!vpc_safe_save_commit (g_steal_pointer (&save), &local))
    goto failed;
  /* G_MESSAGES_DEBUG=vpc-render shows where an export's time goes. */
  g_debug ("export %s: findings and cost %.1f ms, drawing, encoding and writing %.1f ms, "
           "flushing %.1f ms",
           path, (prepared - start) / 1000.0, (drawn - prepared) / 1000.0,
           (g_get_monotonic_time () - drawn) / 1000.0);
  return TRUE;

failed:
  g_set_error_literal (error, VPC_EXPORT_ERROR, VPC_EXPORT_ERROR_FAILED, local->message);
  return FALSE;
}
