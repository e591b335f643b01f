/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-viewport.c: the canvas's zoom/offset maths (no display). */
#include <math.h>

#include "vpc-viewport.h"

static void
notify_count_cb (GObject    *object,
                 GParamSpec *pspec,
                 gpointer    user_data)
{
  (*(guint *) user_data)++;
}

static void
test_round_trip (void)
{
  g_autoptr(VpcViewport) vp = vpc_viewport_new ();
  static const double points[][2] = { { 0, 0 }, { 10.5, -3 }, { 1200, 800 }, { -500, 9999 } };

  vpc_viewport_set_view (vp, 0.37, 123.25, -45.5);
  for (guint i = 0; i < G_N_ELEMENTS (points); i++)
    {
      double wx, wy, x, y;

      vpc_viewport_world_to_widget (vp, points[i][0], points[i][1], &wx, &wy);
      vpc_viewport_widget_to_world (vp, wx, wy, &x, &y);
      g_assert_cmpfloat_with_epsilon (x, points[i][0], 1e-9);
      g_assert_cmpfloat_with_epsilon (y, points[i][1], 1e-9);
    }
  g_assert_finalize_object (g_steal_pointer (&vp));
}

static void
test_zoom_about_point (void)
{
  g_autoptr(VpcViewport) vp = vpc_viewport_new ();
  double before_x, before_y, after_x, after_y;

  vpc_viewport_set_offset (vp, 40, 30);
  vpc_viewport_widget_to_world (vp, 300, 200, &before_x, &before_y);
  vpc_viewport_zoom_about (vp, 1.25, 300, 200);
  g_assert_cmpfloat_with_epsilon (vpc_viewport_get_zoom (vp), 1.25, 1e-12);
  vpc_viewport_widget_to_world (vp, 300, 200, &after_x, &after_y);
  g_assert_cmpfloat_with_epsilon (after_x, before_x, 1e-9);
  g_assert_cmpfloat_with_epsilon (after_y, before_y, 1e-9);

  /* Zooming out and back about the same point returns to the same view. */
  vpc_viewport_zoom_about (vp, 1 / 1.25, 300, 200);
  g_assert_cmpfloat_with_epsilon (vpc_viewport_get_zoom (vp), 1.0, 1e-12);
  g_assert_cmpfloat_with_epsilon (vpc_viewport_get_offset_x (vp), 40, 1e-9);
  g_assert_cmpfloat_with_epsilon (vpc_viewport_get_offset_y (vp), 30, 1e-9);
}

static void
test_clamp (void)
{
  g_autoptr(VpcViewport) vp = vpc_viewport_new ();
  double x, y;

  vpc_viewport_widget_to_world (vp, 100, 100, &x, &y);
  for (int i = 0; i < 100; i++)
    vpc_viewport_zoom_about (vp, 2.0, 100, 100);
  g_assert_cmpfloat (vpc_viewport_get_zoom (vp), ==, VPC_VIEWPORT_MAX_ZOOM);
  for (int i = 0; i < 100; i++)
    vpc_viewport_zoom_about (vp, 0.5, 100, 100);
  g_assert_cmpfloat (vpc_viewport_get_zoom (vp), ==, VPC_VIEWPORT_MIN_ZOOM);

  /* Even when clamped, the point under the cursor stays put. */
  {
    double x2, y2;
    vpc_viewport_widget_to_world (vp, 100, 100, &x2, &y2);
    g_assert_cmpfloat_with_epsilon (x2, x, 1e-6);
    g_assert_cmpfloat_with_epsilon (y2, y, 1e-6);
  }
  vpc_viewport_set_zoom (vp, 1e9);
  g_assert_cmpfloat (vpc_viewport_get_zoom (vp), ==, VPC_VIEWPORT_MAX_ZOOM);
}

static void
test_fit (void)
{
  g_autoptr(VpcViewport) vp = vpc_viewport_new ();
  double wx0, wy0, wx1, wy1;

  /* A 2000 × 1000 design into 1000 × 800 with 20 px margins. */
  vpc_viewport_fit (vp, 100, 50, 2000, 1000, 1000, 800, 20);
  g_assert_cmpfloat_with_epsilon (vpc_viewport_get_zoom (vp), 960.0 / 2000, 1e-12);
  vpc_viewport_world_to_widget (vp, 100, 50, &wx0, &wy0);
  vpc_viewport_world_to_widget (vp, 2100, 1050, &wx1, &wy1);
  g_assert_cmpfloat_with_epsilon (wx0, 20, 1e-9);
  g_assert_cmpfloat_with_epsilon (wx1, 980, 1e-9);
  g_assert_cmpfloat_with_epsilon ((wy0 + wy1) / 2, 400, 1e-9); /* centred */
  g_assert_cmpfloat (wy0, >=, 20);

  /* A small design is shown at 100 %, centred. */
  vpc_viewport_fit (vp, 0, 0, 100, 100, 1000, 800, 20);
  g_assert_cmpfloat (vpc_viewport_get_zoom (vp), ==, 1.0);
  vpc_viewport_world_to_widget (vp, 50, 50, &wx0, &wy0);
  g_assert_cmpfloat_with_epsilon (wx0, 500, 1e-9);
  g_assert_cmpfloat_with_epsilon (wy0, 400, 1e-9);

  /* Too large even at the smallest zoom: shown from its top-left corner,
   * not from the middle (where a generated design has only its VPC box);
   * a side that fits stays centred. */
  vpc_viewport_fit (vp, -500, 300, 100000, 50000, 1000, 800, 20);
  g_assert_cmpfloat (vpc_viewport_get_zoom (vp), ==, VPC_VIEWPORT_MIN_ZOOM);
  vpc_viewport_world_to_widget (vp, -500, 300, &wx0, &wy0);
  g_assert_cmpfloat_with_epsilon (wx0, 20, 1e-9);
  g_assert_cmpfloat_with_epsilon (wy0, 20, 1e-9);
  vpc_viewport_fit (vp, 0, 0, 100000, 1000, 1000, 800, 20);
  vpc_viewport_world_to_widget (vp, 0, 500, &wx0, &wy0);
  g_assert_cmpfloat_with_epsilon (wx0, 20, 1e-9);
  g_assert_cmpfloat_with_epsilon (wy0, 400, 1e-9);

  /* Empty bounds or widget: unchanged. */
  vpc_viewport_fit (vp, 0, 0, 100, 100, 1000, 800, 20);
  vpc_viewport_fit (vp, 0, 0, 0, 0, 1000, 800, 20);
  vpc_viewport_fit (vp, 0, 0, 100, 100, 10, 10, 20);
  g_assert_cmpfloat (vpc_viewport_get_zoom (vp), ==, 1.0);
}

static void
test_visible_and_pan (void)
{
  g_autoptr(VpcViewport) vp = vpc_viewport_new ();
  double x, y, w, h;

  vpc_viewport_set_view (vp, 2.0, -200, -100);
  vpc_viewport_get_visible (vp, 800, 600, &x, &y, &w, &h);
  g_assert_cmpfloat_with_epsilon (x, 100, 1e-9);
  g_assert_cmpfloat_with_epsilon (y, 50, 1e-9);
  g_assert_cmpfloat_with_epsilon (w, 400, 1e-9);
  g_assert_cmpfloat_with_epsilon (h, 300, 1e-9);
  vpc_viewport_pan (vp, 20, -10);
  g_assert_cmpfloat (vpc_viewport_get_offset_x (vp), ==, -180);
  g_assert_cmpfloat (vpc_viewport_get_offset_y (vp), ==, -110);
}

static void
test_notify (void)
{
  g_autoptr(VpcViewport) vp = vpc_viewport_new ();
  guint count = 0;

  g_signal_connect (vp, "notify", G_CALLBACK (notify_count_cb), &count);
  vpc_viewport_set_view (vp, 1.0, 0, 0);
  g_assert_cmpuint (count, ==, 0);            /* unchanged: no notify */
  vpc_viewport_set_view (vp, 2.0, 5, 0);
  g_assert_cmpuint (count, ==, 2);            /* zoom and offset-x */
  g_object_set (vp, "zoom", 3.0, NULL);
  g_assert_cmpfloat_with_epsilon (vpc_viewport_get_zoom (vp), 3.0, 1e-12);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/ui/viewport/round-trip", test_round_trip);
  g_test_add_func ("/ui/viewport/zoom-about-point", test_zoom_about_point);
  g_test_add_func ("/ui/viewport/clamp", test_clamp);
  g_test_add_func ("/ui/viewport/fit", test_fit);
  g_test_add_func ("/ui/viewport/visible-and-pan", test_visible_and_pan);
  g_test_add_func ("/ui/viewport/notify", test_notify);
  return g_test_run ();
}
