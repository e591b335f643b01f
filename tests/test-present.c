/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-present.c: presentation mode (issue 12) under Xvfb: F5 reveals the
 * lesson's steps one by one (then what no step shows), Page Down/Up walk
 * them, what is drawn at each step is checked (the hidden elements and a
 * golden screenshot), and Escape gives the editor back. Without a lesson
 * the default order is VPC and AZs, subnets, workloads, endpoints, groups.
 *
 * Runs in suite 'gui'. VPC_UPDATE_GOLDENS=1 rewrites the screenshot.
 */
#include <adwaita.h>
#include <glib/gstdio.h>
#include <string.h>

#include "gui-test-utils.h"
#include "vpc-canvas.h"
#include "vpc-lesson-panel.h"
#include "vpc-render.h"
#include "vpc-window.h"

#define EXAMPLE "training-cannot-reach-s3-ecr.vpcd.json"
#define LESSON                                                                                     \
  "\"lesson\": { \"title\": \"Pull the image\", \"steps\": [ "                                     \
  "{ \"title\": \"The network\", \"text\": \"Two private subnets in two AZs.\", "                  \
  "\"show\": [\"vpc\", \"availability_zones\", \"subnets\"] }, "                                   \
  "{ \"title\": \"The job\", \"text\": \"It pulls its image from ECR.\", \"show\": [\"train\"] } " \
  "], "                                                                                            \
  "\"task\": \"Fix it.\", \"goals\": [ { \"no_finding\": \"VPC105\" } ] }"

typedef struct
{
  VpcWindow *window;
  VpcCanvas *canvas;
  VpcDesign *design;
  char      *dir;
  char      *path;
} Fixture;

static void
fixture_setup (Fixture       *f,
               gconstpointer  with_lesson)
{
  g_autofree char *src = g_build_filename (g_getenv ("VPC_EXAMPLES_DIR"), EXAMPLE, NULL);
  g_autofree char *text = NULL;
  char *end;

  g_assert_true (g_file_get_contents (src, &text, NULL, NULL));
  if (with_lesson != NULL)
    {
      g_autofree char *head = NULL;

      end = strrchr (text, '}');
      *end = '\0';
      head = g_steal_pointer (&text);
      text = g_strdup_printf ("%s, " LESSON " }\n", head);
    }
  f->dir = g_build_filename (g_get_tmp_dir (), "vpc-present-golden", NULL);
  g_assert_cmpint (g_mkdir_with_parents (f->dir, 0700), ==, 0);
  f->path = g_build_filename (f->dir, "lab.vpcd.json", NULL);
  g_assert_true (g_file_set_contents (f->path, text, -1, NULL));
  f->window = g_object_new (VPC_TYPE_WINDOW, "default-width", 1280, "default-height", 720, NULL);
  f->canvas = VPC_CANVAS (vpc_window_get_canvas (f->window));
  f->design = gui_test_window_open (f->window, f->path, 10);
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  gtk_window_destroy (GTK_WINDOW (f->window));
  gui_test_spin (10);
  g_unlink (f->path);
  g_rmdir (f->dir);
  g_free (f->path);
  g_free (f->dir);
}

static gboolean
hidden (Fixture    *f,
        const char *id)
{
  GHashTable *set = vpc_canvas_get_hidden (f->canvas);

  return set != NULL && g_hash_table_contains (set, id);
}

static void
press (Fixture *f,
       guint    keyval)
{
  /* What the window's Page Down and Page Up keys do. */
  g_assert_true (vpc_window_get_presenting (f->window));
  if (keyval == GDK_KEY_Page_Down)
    vpc_window_presentation_go (f->window, 1);
  else if (keyval == GDK_KEY_Page_Up)
    vpc_window_presentation_go (f->window, -1);
  gui_test_spin (5);
}

static void
test_lesson_steps (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(GdkTexture) first = NULL;
  g_autoptr(GdkTexture) second = NULL;
  guint n;

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.presentation", NULL));
  gui_test_spin (20);
  g_assert_true (vpc_window_get_presenting (f->window));
  g_assert_true (vpc_window_get_focus_view (f->window));
  g_assert_cmpuint (vpc_window_get_presentation_step (f->window, &n), ==, 0);
  /* The lesson's two steps, then the rest of the design. */
  g_assert_cmpuint (n, ==, 3);
  g_assert_false (hidden (f, VPC_RENDER_VPC_ID));
  g_assert_false (hidden (f, "private-a"));
  g_assert_true (hidden (f, "train"));
  g_assert_true (hidden (f, "ep-api"));
  g_assert_true (hidden (f, "sg-ml"));
  g_assert_cmpfloat (vpc_canvas_get_text_scale (f->canvas), >, 1.0);
  first = gui_test_capture (GTK_WIDGET (f->canvas));

  press (f, GDK_KEY_Page_Down);
  g_assert_cmpuint (vpc_window_get_presentation_step (f->window, NULL), ==, 1);
  g_assert_false (hidden (f, "train"));
  g_assert_true (hidden (f, "ep-api"));
  second = gui_test_capture (GTK_WIDGET (f->canvas));
  g_assert_cmpuint (gui_test_count_differing (first, second), >, 500);
  gui_test_check_screenshot (GTK_WIDGET (f->window), "present-lesson-step-2");

  press (f, GDK_KEY_Page_Down);
  g_assert_false (hidden (f, "ep-api"));
  g_assert_false (hidden (f, "sg-ml"));
  g_assert_false (vpc_window_presentation_go (f->window, 1));
  press (f, GDK_KEY_Page_Up);
  g_assert_true (hidden (f, "ep-api"));

  /* Editing stays possible, and is never a step. */
  g_assert_false (vpc_design_get_modified (f->design));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.presentation", NULL));
  gui_test_spin (10);
  g_assert_false (vpc_window_get_presenting (f->window));
  g_assert_null (vpc_canvas_get_hidden (f->canvas));
  g_assert_false (vpc_window_get_focus_view (f->window));
  g_assert_cmpfloat (vpc_canvas_get_text_scale (f->canvas), ==, 1.0);
}

/* Without a lesson: VPC and AZs, subnets, workloads, endpoints, groups. */
static void
test_default_order (Fixture       *f,
                    gconstpointer  data)
{
  static const struct { const char *shown, *still_hidden; } order[] = {
    { "az-a", "private-a" }, { "private-a", "train" }, { "train", "ep-api" }, { "ep-api", "sg-ml" },
    { "sg-ml", NULL },
  };
  guint n;

  vpc_window_set_presenting (f->window, TRUE);
  gui_test_spin (10);
  vpc_window_get_presentation_step (f->window, &n);
  g_assert_cmpuint (n, ==, G_N_ELEMENTS (order));
  for (guint i = 0; i < G_N_ELEMENTS (order); i++)
    {
      g_assert_cmpuint (vpc_window_get_presentation_step (f->window, NULL), ==, i);
      g_assert_false (hidden (f, order[i].shown));
      if (order[i].still_hidden != NULL)
        g_assert_true (hidden (f, order[i].still_hidden));
      vpc_window_presentation_go (f->window, 1);
      gui_test_spin (3);
    }
  vpc_window_set_presenting (f->window, FALSE);
}

/* The lesson panel: the task, hints one at a time, Check My Answer with
 * the grade of each goal, and hidden without a lesson or while presenting. */
static void
test_lesson_panel (Fixture       *f,
                   gconstpointer  with_lesson)
{
  VpcLessonPanel *panel
      = VPC_LESSON_PANEL (gui_test_find_type (GTK_WIDGET (f->window), VPC_TYPE_LESSON_PANEL));
  g_autofree char *results = NULL;

  g_assert_nonnull (panel);
  if (with_lesson == NULL)
    {
      g_assert_false (gtk_widget_get_visible (GTK_WIDGET (panel)));
      return;
    }
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (panel)));
  g_assert_false (vpc_lesson_panel_next_hint (panel)); /* this lesson has none */
  g_assert_false (vpc_lesson_panel_check (panel));
  results = vpc_lesson_panel_get_results_text (panel);
  g_assert_true (g_str_has_prefix (results, "✗ VPC105 is still reported"));
  vpc_window_set_presenting (f->window, TRUE);
  gui_test_spin (5);
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (panel)));
  vpc_window_set_presenting (f->window, FALSE);
  gui_test_spin (5);
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (panel)));
}

int
main (int   argc,
      char *argv[])
{
  gui_test_init (&argc, &argv, "test-present");
  g_test_add ("/present/lesson-steps", Fixture, "lesson", fixture_setup, test_lesson_steps,
              fixture_teardown);
  g_test_add ("/present/default-order", Fixture, NULL, fixture_setup, test_default_order,
              fixture_teardown);
  g_test_add ("/lesson-panel/with-lesson", Fixture, "lesson", fixture_setup, test_lesson_panel,
              fixture_teardown);
  g_test_add ("/lesson-panel/without", Fixture, NULL, fixture_setup, test_lesson_panel,
              fixture_teardown);
  return g_test_run ();
}
