/* SPDX-License-Identifier: GPL-3.0-or-later */
/* vpc-report-pdf.c: the review report as A4 pages (cairo + pango).
 *
 * A simple flow: blocks go down the page and a block that does not fit
 * starts the next one; a heading keeps room for what follows it, a table
 * repeats its header on each page, the diagram takes what is left of the
 * title page (or a page of its own). Text is real text: selectable, and
 * found by pdftotext.
 */
#include "vpc-report.h"

#include <cairo-pdf.h>
#include <pango/pangocairo.h>
#include <string.h>

#include "vpc-export.h"
#include "vpc-i18n.h"
#include "vpc-render-private.h"
#include "vpc-render.h"
#include "vpc-safe-save.h"

#define PAGE_W   595.28 /* A4 in points */
#define PAGE_H   841.89
#define MARGIN   50.0
#define FOOTER   24.0
#define CELL_PAD 3.0
#define FONT     "DejaVu Sans"

typedef struct
{
  VpcReport       *report;
  cairo_t         *cr;
  double           y;
  guint            page;
} Flow;

static double
bottom (void)
{
  return PAGE_H - MARGIN - FOOTER;
}

static double
text_width (void)
{
  return PAGE_W - 2 * MARGIN;
}

static void
footer (Flow *f)
{
  g_autofree char *text = g_strdup_printf ("%u", f->page);
  PangoLayout *layout = pango_cairo_create_layout (f->cr);
  PangoFontDescription *font = pango_font_description_from_string (FONT " 8");
  int w, h;

  pango_layout_set_font_description (layout, font);
  pango_layout_set_text (layout, text, -1);
  pango_layout_get_size (layout, &w, &h);
  cairo_set_source_rgb (f->cr, 0.4, 0.4, 0.4);
  cairo_move_to (f->cr, PAGE_W - MARGIN - (double) w / PANGO_SCALE, PAGE_H - MARGIN);
  pango_cairo_show_layout (f->cr, layout);
  pango_font_description_free (font);
  g_object_unref (layout);
}

static void
new_page (Flow *f)
{
  footer (f);
  cairo_show_page (f->cr);
  f->page++;
  f->y = MARGIN;
}

static void
make_room (Flow  *f,
           double height)
{
  if (f->y + height > bottom () && f->y > MARGIN)
    new_page (f);
}

/* A layout of @text (pango markup when @markup) in @font, @width wide. */
static PangoLayout *
layout_new (Flow       *f,
            const char *text,
            gboolean    markup,
            const char *font_name,
            double      width)
{
  PangoLayout *layout = pango_cairo_create_layout (f->cr);
  PangoFontDescription *font = pango_font_description_from_string (font_name);
  g_autofree char *clean = markup ? NULL : vpc_render_clean_text (text, G_MAXSIZE);

  pango_layout_set_font_description (layout, font);
  pango_layout_set_width (layout, (int) (width * PANGO_SCALE));
  pango_layout_set_wrap (layout, PANGO_WRAP_WORD_CHAR);
  if (markup)
    pango_layout_set_markup (layout, text, -1);
  else
    pango_layout_set_text (layout, clean != NULL ? clean : text, -1);
  pango_font_description_free (font);
  return layout;
}

static double
layout_height (PangoLayout *layout)
{
  int w, h;

  pango_layout_get_size (layout, &w, &h);
  return (double) h / PANGO_SCALE;
}

/* A paragraph: @before points of space, then the text (a new page first
 * when it does not fit, and when @keep more points would not follow it). */
static void
paragraph (Flow       *f,
           const char *text,
           gboolean    markup,
           const char *font,
           double      before,
           double      after,
           double      keep,
           double      r,
           double      g,
           double      b)
{
  PangoLayout *layout = layout_new (f, text, markup, font, text_width ());
  double h = layout_height (layout);

  if (f->y > MARGIN)
    f->y += before;
  make_room (f, h + keep);
  cairo_set_source_rgb (f->cr, r, g, b);
  cairo_move_to (f->cr, MARGIN, f->y);
  pango_cairo_show_layout (f->cr, layout);
  f->y += h + after;
  g_object_unref (layout);
}

/* "<b>Fix:</b> text", both escaped. */
static char *
field_markup (const char *label,
              const char *text)
{
  g_autofree char *clean_text = vpc_render_clean_text (text, G_MAXSIZE);
  g_autofree char *l = g_markup_escape_text (label, -1);
  g_autofree char *t = g_markup_escape_text (clean_text != NULL ? clean_text : text, -1);

  return g_strdup_printf ("<b>%s:</b> %s", l, t);
}

/* --- tables ------------------------------------------------------------------ */

static double
row_height (Flow                 *f,
            const VpcReportBlock *block,
            guint                 row,
            const double         *x,
            PangoLayout         **layouts)
{
  double h = 0;

  for (guint c = 0; c < block->columns; c++)
    {
      const char *font = row == 0 ? FONT " Bold 8" : FONT " 8";

      layouts[c] = layout_new (f, g_ptr_array_index (block->cells, row * block->columns + c), FALSE,
                               font, x[c + 1] - x[c] - 2 * CELL_PAD);
      h = MAX (h, layout_height (layouts[c]));
    }
  return h + 2 * CELL_PAD;
}

static void
draw_row (Flow                 *f,
          const VpcReportBlock *block,
          guint                 row,
          const double         *x,
          PangoLayout         **layouts,
          double                h)
{
  if (row == 0)
    {
      cairo_set_source_rgb (f->cr, 0.93, 0.93, 0.93);
      cairo_rectangle (f->cr, x[0], f->y, x[block->columns] - x[0], h);
      cairo_fill (f->cr);
    }
  cairo_set_source_rgb (f->cr, 0.1, 0.1, 0.1);
  for (guint c = 0; c < block->columns; c++)
    {
      cairo_move_to (f->cr, x[c] + CELL_PAD, f->y + CELL_PAD);
      pango_cairo_show_layout (f->cr, layouts[c]);
    }
  cairo_set_source_rgb (f->cr, 0.75, 0.75, 0.75);
  cairo_set_line_width (f->cr, 0.5);
  cairo_move_to (f->cr, x[0], f->y + h);
  cairo_line_to (f->cr, x[block->columns], f->y + h);
  cairo_stroke (f->cr);
  f->y += h;
}

static void
free_layouts (PangoLayout **layouts,
              guint         n)
{
  for (guint c = 0; c < n; c++)
    g_clear_object (&layouts[c]);
}

static void
table (Flow                 *f,
       const VpcReportBlock *block)
{
  guint rows = block->cells->len / block->columns;
  g_autofree double *x = g_new (double, block->columns + 1);
  g_autofree PangoLayout **header = g_new0 (PangoLayout *, block->columns);
  g_autofree PangoLayout **cells = g_new0 (PangoLayout *, block->columns);
  double total = 0, header_h;

  for (guint c = 0; c < block->columns; c++)
    total += block->widths[c];
  x[0] = MARGIN;
  for (guint c = 0; c < block->columns; c++)
    x[c + 1] = x[c] + text_width () * block->widths[c] / total;

  f->y += 4;
  header_h = row_height (f, block, 0, x, header);
  for (guint r = 1; r < rows; r++)
    {
      double h = row_height (f, block, r, x, cells);

      /* The header with the first row, and again at the top of a page. */
      if (r == 1 || f->y + h > bottom ())
        {
          make_room (f, header_h + h);
          draw_row (f, block, 0, x, header, header_h);
        }
      draw_row (f, block, r, x, cells, h);
      free_layouts (cells, block->columns);
    }
  free_layouts (header, block->columns);
  f->y += 10;
}

/* --- the diagram ------------------------------------------------------------ */

static void
diagram (Flow *f)
{
  VpcExportOptions options;
  double w, h, scale;

  vpc_export_options_init (&options);
  options.fallback_title = f->report->fallback_title;
  vpc_export_page_size (f->report->design, &options, &w, &h);
  f->y += 8;
  scale = MIN (1.0, MIN (text_width () / w, (bottom () - f->y) / h));
  /* Too small to show its names on what is left of the page: a page of
   * its own (where it may still be too big to show them all). */
  if (scale < VPC_RENDER_LOD_SCALE && f->y > MARGIN)
    {
      new_page (f);
      scale = MIN (1.0, MIN (text_width () / w, (bottom () - f->y) / h));
    }
  cairo_save (f->cr);
  cairo_translate (f->cr, MARGIN + (text_width () - w * scale) / 2, f->y);
  cairo_rectangle (f->cr, 0, 0, w * scale, h * scale);
  cairo_clip (f->cr);
  vpc_export_draw (f->report->design, &options, f->cr, scale);
  cairo_restore (f->cr);
  cairo_set_source_rgb (f->cr, 0.8, 0.8, 0.8);
  cairo_set_line_width (f->cr, 0.5);
  cairo_rectangle (f->cr, MARGIN + (text_width () - w * scale) / 2, f->y, w * scale, h * scale);
  cairo_stroke (f->cr);
  f->y += h * scale + 8;
}

/* --- the document ------------------------------------------------------------ */

static void
tone_color (int     tone,
            double *rgb)
{
  static const double colors[][3] = {
    { 0.75, 0.11, 0.16 }, /* error */
    { 0.61, 0.43, 0.01 }, /* warning */
    { 0.11, 0.44, 0.85 }, /* info */
  };

  if (tone >= 0 && tone < 3)
    memcpy (rgb, colors[tone], sizeof colors[tone]);
  else
    rgb[0] = rgb[1] = rgb[2] = 0.1;
}

static void
write_blocks (Flow *f)
{
  for (guint i = 0; i < f->report->blocks->len; i++)
    {
      const VpcReportBlock *block = g_ptr_array_index (f->report->blocks, i);
      double rgb[3];

      switch (block->kind)
        {
        case VPC_REPORT_TITLE:
          paragraph (f, block->text, FALSE, FONT " Bold 22", 0, 10, 0, 0.1, 0.1, 0.1);
          break;
        case VPC_REPORT_HEADING:
          paragraph (f, block->text, FALSE, FONT " Bold 15", 14, 6, 60, 0.1, 0.1, 0.1);
          break;
        case VPC_REPORT_SUBHEADING:
          tone_color (block->tone, rgb);
          paragraph (f, block->text, FALSE, FONT " Bold 12.5", 12, 4, 50, rgb[0], rgb[1], rgb[2]);
          break;
        case VPC_REPORT_ITEM:
          tone_color (block->tone, rgb);
          paragraph (f, block->text, FALSE, FONT " Bold 10.5", 9, 3, 40, rgb[0], rgb[1], rgb[2]);
          break;
        case VPC_REPORT_TEXT:
          paragraph (f, block->text, FALSE, FONT " 9.5", 0, 5, 0, 0.1, 0.1, 0.1);
          break;
        case VPC_REPORT_FIELD:
          {
            g_autofree char *markup = field_markup (block->label, block->text);

            paragraph (f, markup, TRUE, FONT " 9.5", 0, 4, 0, 0.1, 0.1, 0.1);
          }
          break;
        case VPC_REPORT_TOTAL:
          paragraph (f, block->text, FALSE, FONT " Bold 18", 8, 8, 0, 0.1, 0.1, 0.1);
          break;
        case VPC_REPORT_TABLE:
          table (f, block);
          break;
        case VPC_REPORT_DIAGRAM:
          diagram (f);
          break;
        case VPC_REPORT_PAGE_BREAK:
        default:
          if (f->y > MARGIN)
            new_page (f);
          break;
        }
    }
  footer (f);
  cairo_show_page (f->cr);
}

static cairo_status_t
append_bytes (void                *closure,
              const unsigned char *data,
              unsigned int         length)
{
  g_byte_array_append (closure, data, length);
  return CAIRO_STATUS_SUCCESS;
}

gboolean
vpc_report_pdf (VpcReport  *report,
                const char *path,
                GError    **error)
{
  g_autoptr(GByteArray) bytes = g_byte_array_new ();
  g_autofree char *title = vpc_render_clean_text (report->title, 200);
  cairo_surface_t *surface;
  cairo_status_t status;
  Flow f = { report, NULL, MARGIN, 1 };

  surface = cairo_pdf_surface_create_for_stream (append_bytes, bytes, PAGE_W, PAGE_H);
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_TITLE,
                                  title != NULL ? title : report->title);
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_CREATOR, "VPC Designer " VPC_VERSION);
  f.cr = cairo_create (surface);
  write_blocks (&f);
  status = cairo_status (f.cr);
  cairo_destroy (f.cr);
  cairo_surface_finish (surface);
  if (status == CAIRO_STATUS_SUCCESS)
    status = cairo_surface_status (surface);
  cairo_surface_destroy (surface);
  if (status != CAIRO_STATUS_SUCCESS)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, _("Cannot draw the report %s: %s"), path,
                   cairo_status_to_string (status));
      return FALSE;
    }
  return vpc_safe_save (path, (const char *) bytes->data, bytes->len, error);
}
