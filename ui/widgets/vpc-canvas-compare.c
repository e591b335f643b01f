/* SPDX-License-Identifier: GPL-3.0-or-later */
/* vpc-canvas-compare.c: File → Compare With… drawn over the design.
 *
 * View state only: an outline and a tag on every element that was added,
 * changed or moved since the other version, the other version's place of
 * a moved element as a grey ghost, and a removed element where it was.
 * The colours live here and nowhere else; they follow the diff views of
 * GNOME's palette (green added, yellow changed, blue moved, red removed).
 */
#include "vpc-canvas-private.h"

#include <pango/pangocairo.h>

#include "vpc-diff.h"
#include "vpc-i18n.h"

typedef struct
{
  const char *tag;
  double      r, g, b;
} Mark;

static const Mark marks[] = {
  [VPC_DIFF_ADDED] = { N_("NEW"), 0.18, 0.76, 0.49 },
  [VPC_DIFF_REMOVED] = { N_("REMOVED"), 0.88, 0.11, 0.14 },
  [VPC_DIFF_CHANGED] = { N_("CHANGED"), 0.90, 0.65, 0.04 },
  [VPC_DIFF_MOVED] = { N_("MOVED"), 0.21, 0.52, 0.89 },
};

void
vpc_canvas_set_comparison (VpcCanvas  *self,
                           VpcDesign  *other,
                           GHashTable *changes)
{
  GHashTableIter iter;
  gpointer id, change;

  g_return_if_fail (VPC_IS_CANVAS (self));

  g_clear_object (&self->compare_other);
  g_clear_pointer (&self->compare_changes, g_hash_table_unref);
  if (other != NULL && changes != NULL)
    {
      self->compare_other = g_object_ref (other);
      /* A copy: the diff that made @changes goes with the next edit. */
      self->compare_changes = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
      g_hash_table_iter_init (&iter, changes);
      while (g_hash_table_iter_next (&iter, &id, &change))
        g_hash_table_insert (self->compare_changes, g_strdup (id), change);
    }
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
device_rect (const VpcRenderOptions *o,
             const VpcRect          *r,
             double                 *x,
             double                 *y,
             double                 *w,
             double                 *h)
{
  *x = r->x * o->scale + o->offset_x;
  *y = r->y * o->scale + o->offset_y;
  *w = r->w * o->scale;
  *h = r->h * o->scale;
}

static void
draw_tag (cairo_t    *cr,
          PangoLayout *layout,
          const Mark *mark,
          double      x,
          double      y)
{
  int tw, th;

  pango_layout_set_text (layout, _(mark->tag), -1);
  pango_layout_get_pixel_size (layout, &tw, &th);
  cairo_set_source_rgb (cr, mark->r, mark->g, mark->b);
  cairo_rectangle (cr, x, y - th - 4, tw + 8, th + 4);
  cairo_fill (cr);
  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_move_to (cr, x + 4, y - th - 2);
  pango_cairo_show_layout (cr, layout);
}

static void
outline (cairo_t    *cr,
         const Mark *mark,
         double      x,
         double      y,
         double      w,
         double      h,
         gboolean    dashed)
{
  static const double dash[] = { 6, 4 };

  cairo_set_source_rgb (cr, mark->r, mark->g, mark->b);
  cairo_set_line_width (cr, 3);
  cairo_set_dash (cr, dash, dashed ? 2 : 0, 0);
  cairo_rectangle (cr, x - 3, y - 3, w + 6, h + 6);
  cairo_stroke (cr);
  cairo_set_dash (cr, NULL, 0, 0);
}

void
_vpc_canvas_compare_draw (VpcCanvas              *self,
                          cairo_t                *cr,
                          const VpcRenderOptions *options)
{
  g_autoptr(PangoLayout) layout = NULL;
  PangoFontDescription *font;
  GHashTableIter iter;
  gpointer key, value;

  if (self->compare_changes == NULL || self->design == NULL)
    return;
  layout = pango_cairo_create_layout (cr);
  font = pango_font_description_from_string ("Sans Bold 8");
  pango_layout_set_font_description (layout, font);
  pango_font_description_free (font);

  g_hash_table_iter_init (&iter, self->compare_changes);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      VpcDiffChange change = GPOINTER_TO_INT (value);
      const Mark *mark = &marks[change];
      const VpcElement *now = vpc_design_lookup (self->design, key);
      const VpcElement *before = vpc_design_lookup (self->compare_other, key);
      double x, y, w, h;

      if (change == VPC_DIFF_SAME || change >= G_N_ELEMENTS (marks))
        continue;
      if (change == VPC_DIFF_REMOVED)
        {
          if (before == NULL)
            continue;
          device_rect (options, &before->layout, &x, &y, &w, &h);
          outline (cr, mark, x, y, w, h, TRUE);
          draw_tag (cr, layout, mark, x - 3, y - 3);
          continue;
        }
      if (now == NULL)
        continue;
      device_rect (options, &now->layout, &x, &y, &w, &h);
      if (change == VPC_DIFF_MOVED && before != NULL)
        {
          static const Mark ghost = { NULL, 0.55, 0.55, 0.55 };
          double gx, gy, gw, gh;

          device_rect (options, &before->layout, &gx, &gy, &gw, &gh);
          outline (cr, &ghost, gx, gy, gw, gh, TRUE);
          cairo_set_source_rgba (cr, mark->r, mark->g, mark->b, 0.8);
          cairo_set_line_width (cr, 1.5);
          cairo_move_to (cr, gx + gw / 2, gy + gh / 2);
          cairo_line_to (cr, x + w / 2, y + h / 2);
          cairo_stroke (cr);
        }
      outline (cr, mark, x, y, w, h, FALSE);
      draw_tag (cr, layout, mark, x - 3, y - 3);
    }
}

void
_vpc_canvas_compare_dispose (VpcCanvas *self)
{
  g_clear_object (&self->compare_other);
  g_clear_pointer (&self->compare_changes, g_hash_table_unref);
}
