/* SPDX-License-Identifier: GPL-3.0-or-later */
/* vpc-icons.c: loads the icons with librsvg once and keeps two caches: a
 * recording surface per icon (replayed as vectors into PDF and SVG), and
 * bitmaps per icon and device size for the canvas, where rendering an SVG
 * per frame would be far too slow. */
#include <gmodule.h>
#include <librsvg/rsvg.h>
#include <math.h>

#include "vpc-icons.h"
#include "vpc-render-resources.h"

#define ICON_PATH   "/org/example/VpcDesigner/render/icons/%s.svg"
#define ICON_UNITS  64.0
#define BITMAP_MAX  512

static GHashTable *vectors; /* name → cairo_surface_t (recording), or NULL when missing */
static GHashTable *bitmaps; /* "name@px" → cairo_surface_t (image) */
static GHashTable *handles; /* name → RsvgHandle, or NULL when missing */

static void
handle_free (gpointer handle)
{
  g_clear_object (&handle);
}

/* Finishing first detaches the snapshots that PDF and SVG surfaces hang on
 * a recording surface used as a source; without it the two keep each other
 * alive (cairo 1.16). */
static void
surface_free (gpointer surface)
{
  cairo_surface_finish (surface);
  cairo_surface_destroy (surface);
}

/* librsvg, loaded when the first icon is drawn rather than linked: with
 * the ten libraries it brings it made every export and report process
 * start ~9 ms later and 4 MB larger, and SVG exports and reports draw no
 * icon through it. */
typedef RsvgHandle *(*HandleNewFromData) (const guint8 *data, gsize size, GError **error);
typedef gboolean (*HandleRenderDocument) (RsvgHandle          *handle,
                                          cairo_t             *cr,
                                          const RsvgRectangle *viewport,
                                          GError             **error);

static HandleNewFromData    handle_new_from_data;
static HandleRenderDocument handle_render_document;

static gboolean
rsvg_loaded (void)
{
  static gsize done = 0;

  if (g_once_init_enter (&done))
    {
      GModule *module = g_module_open (VPC_RSVG_SONAME, G_MODULE_BIND_LAZY | G_MODULE_BIND_LOCAL);

      if (module == NULL
          || !g_module_symbol (module, "rsvg_handle_new_from_data",
                               (gpointer *) &handle_new_from_data)
          || !g_module_symbol (module, "rsvg_handle_render_document",
                               (gpointer *) &handle_render_document))
        {
          g_warning ("icons: %s", g_module_error ());
          handle_new_from_data = NULL;
        }
      else
        g_module_make_resident (module);
      g_once_init_leave (&done, 1);
    }
  return handle_new_from_data != NULL;
}

static RsvgHandle *
load_handle (const char *name)
{
  g_autofree char *path = g_strdup_printf (ICON_PATH, name);
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;
  RsvgHandle *handle;
  gsize size;
  const guint8 *data;

  bytes = g_resource_lookup_data (vpc_render_get_resource (), path,
                                  G_RESOURCE_LOOKUP_FLAGS_NONE, NULL);
  if (bytes == NULL || !rsvg_loaded ())
    return NULL;
  data = g_bytes_get_data (bytes, &size);
  handle = handle_new_from_data (data, size, &error);
  if (handle == NULL)
    g_warning ("icon %s: %s", name, error->message);
  return handle;
}

static void
render_handle (RsvgHandle *handle,
               cairo_t    *cr,
               double      size)
{
  RsvgRectangle viewport = { 0, 0, size, size };
  g_autoptr(GError) error = NULL;

  if (!handle_render_document (handle, cr, &viewport, &error))
    g_warning ("icon: %s", error->message);
}

/* The icon as a recording surface of ICON_UNITS square, or NULL. */
static cairo_surface_t *
get_vector (const char *name)
{
  cairo_rectangle_t extents = { 0, 0, ICON_UNITS, ICON_UNITS };
  RsvgHandle *handle;
  cairo_surface_t *surface;
  cairo_t *cr;

  if (vectors == NULL)
    vectors = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, surface_free);
  if (g_hash_table_contains (vectors, name))
    return g_hash_table_lookup (vectors, name);

  handle = load_handle (name);
  if (handle == NULL)
    {
      g_hash_table_insert (vectors, g_strdup (name), NULL);
      return NULL;
    }
  surface = cairo_recording_surface_create (CAIRO_CONTENT_COLOR_ALPHA, &extents);
  cr = cairo_create (surface);
  render_handle (handle, cr, ICON_UNITS);
  cairo_destroy (cr);
  g_object_unref (handle);
  g_hash_table_insert (vectors, g_strdup (name), surface);
  return surface;
}

static cairo_surface_t *
get_bitmap (const char *name,
            int         px)
{
  g_autofree char *key = g_strdup_printf ("%s@%d", name, px);
  cairo_surface_t *vector, *surface;
  cairo_t *cr;

  if (bitmaps == NULL)
    bitmaps = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                     (GDestroyNotify) cairo_surface_destroy);
  surface = g_hash_table_lookup (bitmaps, key);
  if (surface != NULL)
    return surface;
  if ((vector = get_vector (name)) == NULL)
    return NULL;
  if (g_hash_table_size (bitmaps) >= BITMAP_MAX)
    g_hash_table_remove_all (bitmaps);

  surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, px, px);
  cr = cairo_create (surface);
  cairo_scale (cr, px / ICON_UNITS, px / ICON_UNITS);
  cairo_set_source_surface (cr, vector, 0, 0);
  cairo_paint (cr);
  cairo_destroy (cr);
  g_hash_table_insert (bitmaps, g_steal_pointer (&key), surface);
  return surface;
}

static int
device_pixels (cairo_t *cr,
               double   size)
{
  double dx = size, dy = 0, sx = 1, sy = 1;

  cairo_user_to_device_distance (cr, &dx, &dy);
  cairo_surface_get_device_scale (cairo_get_target (cr), &sx, &sy);
  return CLAMP ((int) ceil (hypot (dx, dy) * MAX (sx, 1.0)), 4, 512);
}

/* cairo 1.16's SVG surface leaks recording surfaces used as sources (and
 * the documents they were drawn into), so SVG documents get each icon drawn
 * by librsvg straight into the page. */
static void
draw_svg_direct (cairo_t    *cr,
                 const char *name,
                 double      x,
                 double      y,
                 double      size)
{
  RsvgHandle *handle;

  if (handles == NULL)
    handles = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, handle_free);
  if (!g_hash_table_lookup_extended (handles, name, NULL, (gpointer *) &handle))
    {
      handle = load_handle (name);
      g_hash_table_insert (handles, g_strdup (name), handle);
    }
  if (handle == NULL)
    return;
  cairo_save (cr);
  cairo_translate (cr, x, y);
  render_handle (handle, cr, size);
  cairo_restore (cr);
}

void
vpc_icons_draw (cairo_t    *cr,
                const char *name,
                double      x,
                double      y,
                double      size,
                gboolean    vector)
{
  cairo_surface_t *surface;
  double units;

  if (vector && cairo_surface_get_type (cairo_get_target (cr)) == CAIRO_SURFACE_TYPE_SVG)
    {
      draw_svg_direct (cr, name, x, y, size);
      return;
    }
  if (vector)
    {
      surface = get_vector (name);
      units = ICON_UNITS;
    }
  else
    {
      int px = device_pixels (cr, size);
      surface = get_bitmap (name, px);
      units = px;
    }
  if (surface == NULL)
    return;
  cairo_save (cr);
  cairo_translate (cr, x, y);
  cairo_scale (cr, size / units, size / units);
  cairo_set_source_surface (cr, surface, 0, 0);
  if (!vector)
    cairo_pattern_set_filter (cairo_get_source (cr), CAIRO_FILTER_GOOD);
  cairo_rectangle (cr, 0, 0, units, units);
  cairo_fill (cr);
  cairo_restore (cr);
}

gboolean
vpc_icons_has (const char *name)
{
  return get_vector (name) != NULL;
}

void
vpc_icons_clear_cache (void)
{
  g_clear_pointer (&bitmaps, g_hash_table_unref);
  g_clear_pointer (&vectors, g_hash_table_unref);
  g_clear_pointer (&handles, g_hash_table_unref);
}
