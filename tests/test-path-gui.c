/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-path-gui.c: paths and what-ifs on the canvas (issue 11): "Show
 * Path" of a finding draws it hop by hop with its details, the Trace Path
 * menu's action picks another service, a change of the design traces it
 * again, Escape and "Clear Path" remove it, and nothing of it is an edit.
 * What-if mode shows a read-only scenario with the difference, leaves the
 * design alone, and Apply is one undoable edit. Compare With… marks what
 * changed since another version and sums up findings and cost, follows
 * edits, gives way to what-if mode and leaves the design alone.
 *
 * Runs in suite 'gui' under Xvfb (tools/test).
 */
#include <adwaita.h>
#include <glib/gstdio.h>
#include <string.h>

#include "gui-test-utils.h"
#include "vpc-canvas.h"
#include "vpc-file.h"
#include "vpc-message-bar.h"
#include "vpc-compare-bar.h"
#include "vpc-what-if-bar.h"
#include "vpc-window-private.h"
#include "vpc-window.h"

#define EXAMPLE "training-cannot-reach-s3-ecr.vpcd.json"

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
               gconstpointer  data)
{
  g_autofree char *src = g_build_filename (g_getenv ("VPC_EXAMPLES_DIR"), EXAMPLE, NULL);
  g_autoptr(GError) error = NULL;

  f->dir = g_dir_make_tmp ("vpc-path-XXXXXX", &error);
  g_assert_no_error (error);
  f->path = gui_test_copy_file (src, f->dir, EXAMPLE);
  f->window = g_object_new (VPC_TYPE_WINDOW, "default-width", 1180, "default-height", 760, NULL);
  f->canvas = VPC_CANVAS (vpc_window_get_canvas (f->window));
  f->design = gui_test_window_open (f->window, f->path, 10);
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  gtk_window_destroy (GTK_WINDOW (f->window));
  gui_test_spin (10);
  gui_test_remove_copy (f->dir, f->path);
  g_free (f->path);
  g_free (f->dir);
}

/* The visible popover attached to the canvas, or NULL. */
static gboolean
is_visible_popover (GtkWidget     *widget,
                    gconstpointer  data)
{
  return GTK_IS_POPOVER (widget) && gtk_widget_get_visible (widget);
}

static GtkWidget *
details_popover (Fixture *f)
{
  return gui_test_find (GTK_WIDGET (f->canvas), is_visible_popover, NULL);
}

static const VpcTracePath *
path_at (const VpcTrace *trace,
         guint           i)
{
  g_assert_cmpuint (i, <, trace->paths->len);
  return g_ptr_array_index (trace->paths, i);
}

/* VPC105's "Show Path": the registry's path (broken from both subnets),
 * drawn, with the details open; Escape closes the details, then the path;
 * the design is never modified. */
static void
test_finding_shows_path (Fixture       *f,
                         gconstpointer  data)
{
  VpcFindingRow *row = gui_test_find_finding_row (GTK_WIDGET (f->window), "VPC105");
  g_autoptr(GdkTexture) before = gui_test_capture (GTK_WIDGET (f->canvas));
  g_autoptr(GdkTexture) drawn = NULL;
  g_autoptr(GdkTexture) cleared = NULL;
  g_autoptr(GdkTexture) again = NULL;
  const VpcTrace *trace;
  int width = gtk_widget_get_width (GTK_WIDGET (f->canvas));
  int height = gtk_widget_get_height (GTK_WIDGET (f->canvas));

  g_assert_nonnull (row);
  g_assert_null (vpc_canvas_get_trace (f->canvas));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (row), "finding.show-path", NULL));
  /* The details open once the path is drawn. */
  gtk_test_widget_wait_for_draw (GTK_WIDGET (f->canvas));
  gui_test_spin (20);
  trace = vpc_canvas_get_trace (f->canvas);
  g_assert_nonnull (trace);
  g_assert_cmpstr (trace->workload, ==, "train");
  g_assert_cmpstr (trace->service, ==, "ecr.dkr");
  g_assert_false (trace->reachable);
  g_assert_cmpuint (trace->paths->len, ==, 2);
  g_assert_false (path_at (trace, 0)->reachable);
  g_assert_nonnull (path_at (trace, 0)->symptom);
  g_assert_nonnull (details_popover (f));

  /* Escape closes the details first; the path stays. */
  gtk_popover_popdown (GTK_POPOVER (details_popover (f)));
  gui_test_spin (10);
  g_assert_null (details_popover (f));
  drawn = gui_test_capture (GTK_WIDGET (f->canvas));

  /* Clearing takes the path and its badges away (far more pixels than
   * anti-aliasing moves); tracing again draws the same picture. The view
   * may have scrolled to show the path: compare at this view. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->canvas), "canvas.clear-path", NULL));
  gui_test_spin (10);
  g_assert_null (vpc_canvas_get_trace (f->canvas));
  cleared = gui_test_capture (GTK_WIDGET (f->canvas));
  g_assert_cmpuint (gui_test_count_differing (drawn, cleared), >, (gsize) width * height / 400);
  vpc_canvas_set_trace (f->canvas, "train", "ecr.dkr");
  again = gui_test_capture (GTK_WIDGET (f->canvas));
  g_assert_cmpuint (gui_test_count_differing (drawn, again), <, (gsize) width * height / 2000);
  g_assert_cmpuint (gui_test_count_differing (before, drawn), >, 0);
  g_assert_false (vpc_design_get_modified (f->design));
  g_assert_false (vpc_design_get_can_undo (f->design));
}

/* The Trace Path menu's action traces the selected workload to the service
 * picked; an edit traces it again (an S3 gateway endpoint repairs the S3
 * path, undo breaks it again); deleting the workload clears it. */
static void
test_menu_traces_and_follows_edits (Fixture       *f,
                                    gconstpointer  data)
{
  const char *train[] = { "train", NULL };
  const VpcTrace *trace;

  vpc_canvas_select (f->canvas, train);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->canvas), "canvas.trace-path", "s",
                                             "sagemaker.api"));
  gui_test_spin (10);
  trace = vpc_canvas_get_trace (f->canvas);
  g_assert_nonnull (trace);
  g_assert_cmpstr (trace->service, ==, "sagemaker.api");
  g_assert_true (trace->reachable);
  g_assert_cmpuint (path_at (trace, 0)->via, ==, VPC_VIA_INTERFACE_ENDPOINT);

  g_assert_true (
      gtk_widget_activate_action (GTK_WIDGET (f->canvas), "canvas.trace-path", "s", "s3"));
  gui_test_spin (10);
  trace = vpc_canvas_get_trace (f->canvas);
  g_assert_cmpstr (trace->service, ==, "s3");
  g_assert_false (trace->reachable);

  /* The palette's S3 (gateway): one undo step, serving every subnet. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->canvas), "canvas.add-element", "s",
                                             "endpoint:s3"));
  gui_test_spin (10);
  trace = vpc_canvas_get_trace (f->canvas);
  g_assert_nonnull (trace);
  g_assert_true (trace->reachable);
  g_assert_cmpuint (path_at (trace, 1)->via, ==, VPC_VIA_GATEWAY_ENDPOINT);
  vpc_design_undo (f->design);
  gui_test_spin (10);
  g_assert_false (vpc_canvas_get_trace (f->canvas)->reachable);

  /* Adding selected the new endpoint. */
  vpc_canvas_select (f->canvas, train);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->canvas), "canvas.delete", NULL));
  gui_test_spin (10);
  g_assert_null (vpc_design_lookup (f->design, "train"));
  g_assert_null (vpc_canvas_get_trace (f->canvas));
}

static VpcWhatIfBar *
what_if_bar (Fixture *f)
{
  VpcWhatIfBar *bar
      = VPC_WHAT_IF_BAR (gui_test_find_type (GTK_WIDGET (f->window), VPC_TYPE_WHAT_IF_BAR));

  g_assert_nonnull (bar);
  return bar;
}

static void
test_what_if (Fixture       *f,
              gconstpointer  data)
{
  const char *endpoint[] = { "ep-api", NULL };
  g_autofree char *before = vpc_file_serialize (f->design, NULL);
  g_autofree char *after = NULL;
  VpcDesign *scenario;
  VpcMessageBar   *message_bar
      = VPC_MESSAGE_BAR (gui_test_find_type (GTK_WIDGET (f->window), VPC_TYPE_MESSAGE_BAR));

  /* Outside the mode the canvas shows the design, and Apply does nothing. */
  g_assert_true (vpc_canvas_get_design (f->canvas) == f->design);
  gtk_widget_activate_action (GTK_WIDGET (f->window), "win.what-if-apply", NULL);
  g_assert_false (vpc_design_get_can_undo (f->design));

  /* The SageMaker API endpoint off: the scenario is shown, read-only. */
  vpc_canvas_select (f->canvas, endpoint);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.what-if-off", NULL));
  gui_test_spin (10);
  scenario = vpc_canvas_get_design (f->canvas);
  g_assert_true (scenario != f->design);
  g_assert_nonnull (vpc_design_get_read_only (scenario));
  g_assert_null (vpc_design_lookup (scenario, "ep-api"));
  g_assert_nonnull (vpc_design_lookup (f->design, "ep-api"));
  g_assert_nonnull (strstr (vpc_what_if_bar_get_summary (what_if_bar (f)), "Errors 2 → 3"));
  g_assert_nonnull (strstr (vpc_what_if_bar_get_summary (what_if_bar (f)), "1 new, 0 gone"));

  /* Isolation on for the training job, by its chip's action. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.what-if-toggle", "(us)",
                                             (guint32) VPC_WHAT_IF_ISOLATED, "train"));
  gui_test_spin (10);
  scenario = vpc_canvas_get_design (f->canvas);
  g_assert_true (vpc_design_lookup (scenario, "train")->network_isolation);
  g_assert_false (vpc_design_lookup (f->design, "train")->network_isolation);

  /* An edit of what is shown is refused and says why. */
  {
    const char *train[] = { "train", NULL };

    vpc_canvas_select (f->canvas, train);
    gtk_widget_activate_action (GTK_WIDGET (f->canvas), "canvas.delete", NULL);
    gui_test_spin (5);
    g_assert_nonnull (vpc_design_lookup (vpc_canvas_get_design (f->canvas), "train"));
    g_assert_nonnull (vpc_message_bar_get_text (message_bar));
    g_assert_nonnull (strstr (vpc_message_bar_get_text (message_bar), "what-if"));
  }
  after = vpc_file_serialize (f->design, NULL);
  g_assert_cmpstr (after, ==, before);
  g_assert_false (vpc_design_get_modified (f->design));

  /* Taking a switch back keeps the mode; Leave shows the design again. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.what-if-toggle", "(us)",
                                             (guint32) VPC_WHAT_IF_ISOLATED, "train"));
  gui_test_spin (5);
  g_assert_false (
      vpc_design_lookup (vpc_canvas_get_design (f->canvas), "train")->network_isolation);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.what-if-leave", NULL));
  gui_test_spin (5);
  g_assert_true (vpc_canvas_get_design (f->canvas) == f->design);
  g_assert_null (vpc_message_bar_get_text (message_bar));

  /* Apply: the switches become one undoable edit of the design. */
  vpc_canvas_select (f->canvas, endpoint);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.what-if-off", NULL));
  gui_test_spin (5);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.what-if-apply", NULL));
  gui_test_spin (5);
  g_assert_true (vpc_canvas_get_design (f->canvas) == f->design);
  g_assert_null (vpc_design_lookup (f->design, "ep-api"));
  g_assert_cmpstr (vpc_design_get_undo_label (f->design), ==, "Apply What-If");
  g_assert_true (vpc_design_undo (f->design));
  g_clear_pointer (&after, g_free);
  after = vpc_file_serialize (f->design, NULL);
  g_assert_cmpstr (after, ==, before);
}

static VpcCompareBar *
compare_bar (Fixture *f)
{
  VpcCompareBar *bar
      = VPC_COMPARE_BAR (gui_test_find_type (GTK_WIDGET (f->window), VPC_TYPE_COMPARE_BAR));

  g_assert_nonnull (bar);
  return bar;
}

/* The file on disk is the older version; the window's design gets the
 * S3 gateway and the ECR endpoints of the fixed example, and loses its STS
 * endpoint: the bar counts them, names the resolved findings and prices
 * the change, and the canvas marks them. */
static void
test_compare (Fixture       *f,
              gconstpointer  data)
{
  const char *sts[] = { "ep-sts", NULL };
  g_autoptr(GFile) older = g_file_new_for_path (f->path);
  g_autoptr(GdkTexture) plain = NULL;
  g_autoptr(GdkTexture) marked = NULL;
  g_autoptr(GdkTexture) left = NULL;
  g_autofree char *before = vpc_file_serialize (f->design, NULL);
  g_autofree char *after = NULL;
  int width = gtk_widget_get_width (GTK_WIDGET (f->canvas));
  int height = gtk_widget_get_height (GTK_WIDGET (f->canvas));

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->canvas), "canvas.add-element", "s",
                                             "endpoint:s3"));
  gui_test_spin (10);
  vpc_canvas_select (f->canvas, sts);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->canvas), "canvas.delete", NULL));
  gui_test_spin (10);
  plain = gui_test_capture (GTK_WIDGET (f->canvas));

  g_assert_true (_vpc_window_compare_with (f->window, older));
  gui_test_spin (10);
  g_assert_nonnull (strstr (vpc_compare_bar_get_summary (compare_bar (f)), "1 added · 1 removed"));
  g_assert_nonnull (strstr (vpc_compare_bar_get_summary (compare_bar (f)), "1 resolved"));
  g_assert_nonnull (strstr (vpc_compare_bar_get_summary (compare_bar (f)), "$58.40 → $43.80"));
  g_assert_nonnull (
      strstr (vpc_compare_bar_get_details (compare_bar (f)), "Resolved: error VPC101"));
  g_assert_nonnull (
      strstr (vpc_compare_bar_get_details (compare_bar (f)), "Cost of STS: $14.60 → $0.00"));
  marked = gui_test_capture (GTK_WIDGET (f->canvas));
  g_assert_cmpuint (gui_test_count_differing (plain, marked), >, (gsize) width * height / 1000);

  /* An edit is compared again: the STS endpoint back, by undo. */
  g_assert_true (vpc_design_undo (f->design));
  gui_test_spin (10);
  g_assert_nonnull (strstr (vpc_compare_bar_get_summary (compare_bar (f)), "1 added · 0 removed"));

  /* What-if mode takes its place; leaving it shows the plain design. */
  vpc_canvas_select (f->canvas, sts);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.what-if-off", NULL));
  gui_test_spin (10);
  g_assert_cmpstr (vpc_compare_bar_get_summary (compare_bar (f)), ==, "");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.what-if-leave", NULL));
  g_assert_true (_vpc_window_compare_with (f->window, older));
  gui_test_spin (10);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.compare-leave", NULL));
  gui_test_spin (10);
  g_assert_cmpstr (vpc_compare_bar_get_summary (compare_bar (f)), ==, "");
  g_assert_true (vpc_design_redo (f->design));
  gui_test_spin (10);
  left = gui_test_capture (GTK_WIDGET (f->canvas));
  g_assert_cmpuint (gui_test_count_differing (plain, left), <, (gsize) width * height / 2000);

  /* Comparing never edited the design: undo takes back exactly the two edits. */
  g_assert_true (vpc_design_undo (f->design));
  g_assert_true (vpc_design_undo (f->design));
  after = vpc_file_serialize (f->design, NULL);
  g_assert_cmpstr (after, ==, before);
}

int
main (int   argc,
      char *argv[])
{
  gui_test_init (&argc, &argv, "test-path-gui");
  g_test_add ("/path/finding-shows-path", Fixture, NULL, fixture_setup, test_finding_shows_path,
              fixture_teardown);
  g_test_add ("/path/menu-and-edits", Fixture, NULL, fixture_setup,
              test_menu_traces_and_follows_edits, fixture_teardown);
  g_test_add ("/what-if/switch-apply-leave", Fixture, NULL, fixture_setup, test_what_if,
              fixture_teardown);
  g_test_add ("/compare/marks-bar-leave", Fixture, NULL, fixture_setup, test_compare,
              fixture_teardown);
  return g_test_run ();
}
