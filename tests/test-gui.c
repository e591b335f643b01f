/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-gui.c: the editor window under a real (Xvfb) display, driven through
 * its actions the way GTK's own test suite does. */
#include <adwaita.h>
#include <glib/gstdio.h>
#include <math.h>
#include <string.h>
#include <time.h>
#include <utime.h>

#include "gui-test-utils.h"
#include "vpc-canvas.h"
#include "vpc-canvas-private.h"
#include "vpc-clipboard.h"
#include "vpc-containment.h"
#include "vpc-invariants.h"
#include "vpc-message-bar.h"
#include "vpc-sidebar.h"
#include "vpc-file.h"
#include "vpc-palette.h"
#include "render-designs.h"
#include "vpc-render.h"
#include "vpc-render-cache.h"
#include "vpc-render-routes.h"
#include "vpc-editing.h"
#include "vpc-window.h"

typedef struct
{
  VpcWindow *window;
  VpcCanvas *canvas;
  VpcDesign *design;
  char      *dir;
  char      *path;
} Fixture;

static void
setup (Fixture *f, gconstpointer data)
{
  f->design = gui_test_open_copy ("gui-two-az.vpcd.json", &f->window, &f->dir, &f->path);
  f->canvas = VPC_CANVAS (vpc_window_get_canvas (f->window));
}

static void
teardown (Fixture *f, gconstpointer data)
{
  gui_test_close_copy (f->window, f->dir, f->path);
}

static void
activate (gpointer widget, const char *name, GVariant *parameter)
{
  /* gtk_widget_activate_action_variant() does not sink a floating parameter. */
  g_autoptr(GVariant) owned = parameter ? g_variant_ref_sink (parameter) : NULL;

  g_assert_true (gtk_widget_activate_action_variant (GTK_WIDGET (widget), name, owned));
}

static void
test_title_and_undo (Fixture *f, gconstpointer data)
{
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (f->window)), ==, "GUI drag test");
  g_assert_false (vpc_window_get_modified (f->window));

  activate (f->canvas, "canvas.add-element", g_variant_new_string ("az"));
  g_assert_cmpuint (vpc_design_get_n_elements (f->design, VPC_KIND_AZ), ==, 3);
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (f->window)), ==, "• GUI drag test");
  /* The new AZ is selected. */
  g_assert_true (g_hash_table_contains (vpc_canvas_get_selection (f->canvas), "az-1"));

  activate (f->window, "win.undo", NULL);
  g_assert_cmpuint (vpc_design_get_n_elements (f->design, VPC_KIND_AZ), ==, 2);
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (f->window)), ==, "GUI drag test");

  activate (f->window, "win.redo", NULL);
  g_assert_cmpuint (vpc_design_get_n_elements (f->design, VPC_KIND_AZ), ==, 3);
}

static void
test_zoom (Fixture *f, gconstpointer data)
{
  VpcViewport *vp = vpc_canvas_get_viewport (f->canvas);
  int w = gtk_widget_get_width (GTK_WIDGET (f->canvas));
  int h = gtk_widget_get_height (GTK_WIDGET (f->canvas));
  double zoom = vpc_viewport_get_zoom (vp);
  double x0, y0, x1, y1;

  g_assert_cmpint (w, >, 100);
  /* The design was fitted on the first layout: the VPC is in view. */
  vpc_viewport_world_to_widget (vp, 0, 0, &x0, &y0);
  vpc_viewport_world_to_widget (vp, 1000, 700, &x1, &y1);
  g_assert_cmpfloat (x0, >=, 0);
  g_assert_cmpfloat (y0, >=, 0);
  g_assert_cmpfloat (x1, <=, w);
  g_assert_cmpfloat (y1, <=, h);

  activate (f->canvas, "canvas.zoom-in", NULL);
  g_assert_cmpfloat_with_epsilon (vpc_viewport_get_zoom (vp), zoom * 1.25, 1e-9);
  activate (f->window, "win.zoom-out", NULL);
  g_assert_cmpfloat_with_epsilon (vpc_viewport_get_zoom (vp), zoom, 1e-9);
  activate (f->canvas, "canvas.zoom-reset", NULL);
  g_assert_cmpfloat (vpc_viewport_get_zoom (vp), ==, 1.0);
  activate (f->canvas, "canvas.zoom-fit", NULL);
  g_assert_cmpfloat_with_epsilon (vpc_viewport_get_zoom (vp), zoom, 1e-9);
}

static void
test_delete_undo (Fixture *f, gconstpointer data)
{
  const char *ids[] = { "sn-a2", NULL };

  vpc_canvas_select (f->canvas, ids);
  activate (f->canvas, "canvas.delete", NULL);
  g_assert_null (vpc_design_lookup (f->design, "sn-a2"));
  g_assert_cmpuint (g_hash_table_size (vpc_canvas_get_selection (f->canvas)), ==, 0);
  activate (f->window, "win.undo", NULL);
  g_assert_nonnull (vpc_design_lookup (f->design, "sn-a2"));
}

static void
test_nudge_and_clipboard (Fixture *f, gconstpointer data)
{
  const char *ids[] = { "train-1", NULL };
  const char *sn[] = { "sn-b", NULL };

  vpc_canvas_select (f->canvas, ids);
  activate (f->canvas, "canvas.nudge", g_variant_new ("(dd)", 16.0, 0.0));
  g_assert_cmpfloat (vpc_design_lookup (f->design, "train-1")->layout.x, ==, 88);

  vpc_canvas_select (f->canvas, sn);
  activate (f->canvas, "canvas.copy", NULL);
  activate (f->canvas, "canvas.paste", NULL);
  g_assert_nonnull (vpc_design_lookup (f->design, "sn-b-1"));
  g_assert_true (g_hash_table_contains (vpc_canvas_get_selection (f->canvas), "sn-b-1"));
  activate (f->canvas, "canvas.duplicate", NULL);
  g_assert_nonnull (vpc_design_lookup (f->design, "sn-b-2"));
  activate (f->canvas, "canvas.select-all", NULL);
  g_assert_cmpuint (g_hash_table_size (vpc_canvas_get_selection (f->canvas)), ==,
                    vpc_design_get_total_elements (f->design));
}

/* Runs the main loop until @done says so, at most five seconds: the
 * clipboard's text arrives asynchronously. */
static void
spin_until (gboolean (*done) (gpointer),
            gpointer  data)
{
  gint64 deadline = g_get_monotonic_time () + 5 * G_USEC_PER_SEC;

  while (!done (data) && g_get_monotonic_time () < deadline)
    if (!g_main_context_iteration (NULL, FALSE))
      g_usleep (1000);
}

static guint pasted_before;

static gboolean
routes_made (gpointer design)
{
  return vpc_routes_were_made (design);
}

/* A design past 5,000 elements: the canvas draws its first frame without
 * routing (vpc-render.h, connectors_when_routed) and routes it in an idle
 * callback just after, once a frame is close enough to show connectors;
 * zoomed out it routes nothing. */
static void
test_route_after_first_frame (void)
{
  g_autoptr(VpcDesign) design = vpc_design_new ();
  GtkWidget *window = gtk_window_new ();
  VpcCanvas *canvas = VPC_CANVAS (vpc_canvas_new ());
  VpcElement *az = vpc_element_new (VPC_KIND_AZ, "az-a");

  az->has_layout = TRUE;
  az->layout = (VpcRect) { 0, 0, 100 * 300 + 40, 51 * 200 + 80 };
  vpc_design_add_element (design, az, -1);
  for (guint i = 0; i < 5001; i++)
    {
      g_autofree char *id = g_strdup_printf ("sn-%u", i);
      g_autofree char *cidr = g_strdup_printf ("10.%u.%u.0/24", i / 256, i % 256);
      VpcElement *sn = vpc_element_new (VPC_KIND_SUBNET, id);

      sn->az = g_strdup ("az-a");
      sn->cidr = g_strdup (cidr);
      sn->has_layout = TRUE;
      sn->layout = (VpcRect) { 20 + (i % 100) * 300, 60 + (i / 100) * 200, 280, 180 };
      vpc_design_add_element (design, sn, -1);
    }
  gtk_window_set_default_size (GTK_WINDOW (window), 600, 400);
  gtk_window_set_child (GTK_WINDOW (window), GTK_WIDGET (canvas));
  vpc_canvas_set_design (canvas, design);
  gtk_window_present (GTK_WINDOW (window));
  gui_test_spin (5);
  /* Fitted, the frame is too small for connectors: nothing routed. */
  g_assert_cmpfloat (vpc_viewport_get_zoom (vpc_canvas_get_viewport (canvas)), <,
                     VPC_RENDER_LOD_SCALE);
  g_assert_false (vpc_routes_were_made (design));
  /* Zoomed in, the next frame leaves them out and the idle routes them. */
  vpc_viewport_set_view (vpc_canvas_get_viewport (canvas), 1.0, 0, 0);
  spin_until (routes_made, design);
  g_assert_true (vpc_routes_were_made (design));
  gtk_window_destroy (GTK_WINDOW (window));
  gui_test_spin (2);
}

static gboolean
design_grew (gpointer design)
{
  return vpc_design_get_total_elements (design) > pasted_before;
}

static gboolean
has_text (gpointer text)
{
  return *(char **) text != NULL;
}

static void
refused_cb (VpcCanvas  *canvas,
            const char *message,
            char      **out)
{
  g_free (*out);
  *out = g_strdup (message);
}

/* The display's clipboard carries a copy to another window's canvas, and
 * design text from another program pastes like a file; other text is
 * refused with the loader's message. */
static void
test_clipboard_across (Fixture *f, gconstpointer data)
{
  const char *sn[] = { "sn-b", NULL };
  g_autoptr(VpcDesign) other = vpc_design_new ();
  GtkWidget *window = gtk_window_new ();
  VpcCanvas *canvas = VPC_CANVAS (vpc_canvas_new ());
  GdkClipboard *clipboard = gtk_widget_get_clipboard (GTK_WIDGET (f->canvas));
  g_autofree char *refusal = NULL;
  g_autofree char *text = NULL;
  guint before;

  gtk_window_set_child (GTK_WINDOW (window), GTK_WIDGET (canvas));
  vpc_canvas_set_design (canvas, other);
  gtk_window_present (GTK_WINDOW (window));
  g_signal_connect (canvas, "refused", G_CALLBACK (refused_cb), &refusal);

  /* Copied in one window, pasted in another: sn-b with its AZ. */
  vpc_canvas_select (f->canvas, sn);
  activate (f->canvas, "canvas.copy", NULL);
  gui_test_spin (5);
  g_assert_true (gtk_widget_activate_action_variant (GTK_WIDGET (canvas), "canvas.paste", NULL));
  pasted_before = 0;
  spin_until (design_grew, other);
  g_assert_cmpuint (vpc_design_get_n_elements (other, VPC_KIND_SUBNET), ==, 1);
  g_assert_cmpuint (vpc_design_get_n_elements (other, VPC_KIND_AZ), ==, 1);

  /* Text another program put there: a design file pastes like one. */
  {
    g_autoptr(GHashTable) selection = vpc_selection_new ();

    g_hash_table_add (selection, g_strdup ("sn-a"));
    text = vpc_clipboard_serialize (f->design, selection);
  }
  gdk_clipboard_set_text (clipboard, text);
  before = pasted_before = vpc_design_get_total_elements (other);
  activate (canvas, "canvas.paste", NULL);
  spin_until (design_grew, other);
  g_assert_cmpuint (vpc_design_get_total_elements (other), >, before);
  g_assert_null (refusal);
  /* What was pasted passed the invariant guard: it saves and loads again. */
  {
    gsize length = 0;
    g_autofree char *saved = vpc_file_serialize (other, &length);
    g_autoptr(GBytes) bytes = g_bytes_new (saved, length);
    g_autoptr(GError) error = NULL;
    g_autoptr(VpcDesign) reloaded = vpc_file_load_bytes (bytes, NULL, &error);

    g_assert_no_error (error);
    g_assert_cmpuint (vpc_design_get_total_elements (reloaded), ==,
                      vpc_design_get_total_elements (other));
  }

  /* Text that is not a design: nothing changes, the place is named. */
  gdk_clipboard_set_text (clipboard, "{\"format\": \"vpc-designer\", \"version\": 1, \"subnets\": 3}");
  before = vpc_design_get_total_elements (other);
  activate (canvas, "canvas.paste", NULL);
  spin_until (has_text, &refusal);
  g_assert_nonnull (refusal);
  g_assert_nonnull (strstr (refusal, "not a design"));
  g_assert_cmpuint (vpc_design_get_total_elements (other), ==, before);
  gtk_window_destroy (GTK_WINDOW (window));
}

static void
test_save (Fixture *f, gconstpointer data)
{
  g_autoptr(VpcDesign) saved = NULL;
  g_autoptr(GError) error = NULL;

  activate (f->canvas, "canvas.add-element", g_variant_new_string ("endpoint:sts"));
  g_assert_true (vpc_window_get_modified (f->window));
  activate (f->window, "win.save", NULL);
  g_assert_false (vpc_window_get_modified (f->window));
  saved = vpc_file_load_path (f->path, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (vpc_design_get_n_elements (saved, VPC_KIND_ENDPOINT), ==, 3);
}

/* The message bar over the canvas (asserted to be there). */
static VpcMessageBar *
message_bar (VpcWindow *window)
{
  GtkWidget *bar = gui_test_find_type (GTK_WIDGET (window), VPC_TYPE_MESSAGE_BAR);

  g_assert_nonnull (bar);
  return VPC_MESSAGE_BAR (bar);
}

/* The label in the bar shows @text whole: wrapped, never ellipsized. */
static void
assert_bar_shows (VpcWindow *window, VpcMessageKind kind, const char *text)
{
  VpcMessageBar *bar = message_bar (window);
  GtkLabel *label;

  g_assert_cmpstr (vpc_message_bar_get_text (bar), ==, text);
  g_assert_cmpint (vpc_message_bar_get_kind (bar), ==, kind);
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (bar)));
  label = GTK_LABEL (gui_test_find_type (GTK_WIDGET (bar), GTK_TYPE_LABEL));
  g_assert_cmpstr (gtk_label_get_text (label), ==, text);
  g_assert_true (gtk_label_get_wrap (label));
  g_assert_true (gtk_label_get_selectable (label));
  g_assert_cmpint (gtk_label_get_ellipsize (label), ==, PANGO_ELLIPSIZE_NONE);
  g_assert_cmpint (gtk_accessible_get_accessible_role (GTK_ACCESSIBLE (bar)), ==,
                   GTK_ACCESSIBLE_ROLE_ALERT);
  gtk_test_accessible_assert_property (bar, GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, text);
}

static GtkWidget *
inspector_of (VpcWindow *window)
{
  return GTK_WIDGET (vpc_sidebar_get_inspector (vpc_window_get_sidebar (window)));
}

/* Issue 9: a subnet moved in the inspector into the AZ of a sibling that
 * holds the other network interface of the same interface endpoint. The
 * design carries the move out with the endpoint keeping one interface per
 * AZ, says so in the message bar, draws the subnet in its new zone, saves a
 * file that loads, and undo restores it exactly. */
static void
test_inspector_az_change (void)
{
  const char *const subnet_2[] = { "subnet-2", NULL };
  g_autoptr(VpcDesign) reloaded = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autofree char *saved_text = NULL;
  g_autofree char *reloaded_text = NULL;
  VpcWindow *window;
  VpcDesign *design;
  char *dir, *path;
  const VpcElement *endpoint;
  const char *notice;
  AdwComboRow *az;
  VpcRect subnet_box, az_box;

  design = gui_test_open_copy ("gui-endpoint-two-az.vpcd.json", &window, &dir, &path);
  before = vpc_file_serialize (design, NULL);
  vpc_canvas_select (VPC_CANVAS (vpc_window_get_canvas (window)), subnet_2);
  gui_test_spin (5);
  az = ADW_COMBO_ROW (gui_test_find_row (inspector_of (window), "Availability zone"));
  g_assert_cmpuint (adw_combo_row_get_selected (az), ==, 1);

  adw_combo_row_set_selected (az, 0);
  gui_test_spin (5);

  /* Carried out, with the consequence, as one step. */
  g_assert_cmpstr (vpc_design_lookup (design, "subnet-2")->az, ==, "az-1");
  endpoint = vpc_design_lookup (design, "ep-logs");
  g_assert_cmpuint (endpoint->subnets->len, ==, 1);
  g_assert_cmpstr (g_ptr_array_index (endpoint->subnets, 0), ==, "subnet-1");
  g_assert_cmpstr (vpc_design_get_undo_label (design), ==, "Change subnet");
  g_assert_true (vpc_invariants_check_design (design, VPC_INVARIANTS_PLACE_FILE, NULL));
  notice = vpc_message_bar_get_text (message_bar (window));
  g_assert_nonnull (notice);
  g_assert_nonnull (strstr (notice, "CloudWatch Logs"));
  g_assert_nonnull (strstr (notice, "private-2"));
  assert_bar_shows (window, VPC_MESSAGE_NOTICE, notice);
  /* The canvas draws what the file says: the subnet in its new zone. */
  g_assert_true (vpc_editing_get_rect (design, "subnet-2", &subnet_box));
  g_assert_true (vpc_editing_get_rect (design, "az-1", &az_box));
  g_assert_true (vpc_rect_inside (&subnet_box, &az_box));
  gtk_test_widget_wait_for_draw (GTK_WIDGET (window));
  gui_test_check_screenshot (GTK_WIDGET (window), "window-notice");

  /* Save writes a file that opens again, with the same design. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.save", NULL));
  g_assert_false (vpc_window_get_modified (window));
  reloaded = vpc_file_load_path (path, NULL, &error);
  g_assert_no_error (error);
  saved_text = vpc_file_serialize (design, NULL);
  reloaded_text = vpc_file_serialize (reloaded, NULL);
  g_assert_cmpstr (reloaded_text, ==, saved_text);

  /* Undo restores it exactly, and the inspector follows. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.undo", NULL));
  gui_test_spin (5);
  g_assert_false (vpc_design_get_can_undo (design));
  after = vpc_file_serialize (design, NULL);
  g_assert_cmpstr (after, ==, before);
  az = ADW_COMBO_ROW (gui_test_find_row (inspector_of (window), "Availability zone"));
  g_assert_cmpuint (adw_combo_row_get_selected (az), ==, 1);

  /* Dismissed, the bar goes. */
  g_signal_emit_by_name (gui_test_find_type (GTK_WIDGET (message_bar (window)), GTK_TYPE_BUTTON),
                         "clicked");
  g_assert_null (vpc_message_bar_get_text (message_bar (window)));
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (message_bar (window))));
  gui_test_close_copy (window, dir, path);
}

/* A refused edit (a second network interface of ep-logs in AZ a, from the
 * inspector and from the canvas) shows the whole reason in the message bar
 * and leaves the design as it was. */
static void
test_refusal_message (Fixture *f, gconstpointer data)
{
  const char *const ep_logs[] = { "ep-logs", NULL };
  g_autofree char *before = vpc_file_serialize (f->design, NULL);
  g_autofree char *after = NULL;
  g_autofree char *refusal = NULL;
  GtkWidget *list;
  GtkCheckButton *check;

  vpc_canvas_select (f->canvas, ep_logs);
  vpc_sidebar_set_page (vpc_window_get_sidebar (f->window), "inspector");
  gui_test_spin (5);
  list = gui_test_find_row (inspector_of (f->window), "Subnets");
  check = GTK_CHECK_BUTTON (
      gui_test_find_type (gui_test_find_row (list, "private-a2"), GTK_TYPE_CHECK_BUTTON));
  gtk_check_button_set_active (check, TRUE);
  gui_test_spin (5);

  refusal = g_strdup (vpc_design_get_last_refusal (f->design));
  g_assert_nonnull (refusal);
  g_assert_nonnull (strstr (refusal, "sn-a2"));
  assert_bar_shows (f->window, VPC_MESSAGE_REFUSED, refusal);
  after = vpc_file_serialize (f->design, NULL);
  g_assert_cmpstr (after, ==, before);
  g_assert_false (vpc_design_get_can_undo (f->design));
  g_assert_false (vpc_window_get_modified (f->window));
  /* The form shows the design, not the refused tick. */
  check = GTK_CHECK_BUTTON (gui_test_find_type (
      gui_test_find_row (gui_test_find_row (inspector_of (f->window), "Subnets"), "private-a2"),
      GTK_TYPE_CHECK_BUTTON));
  g_assert_false (gtk_check_button_get_active (check));
  adw_expander_row_set_expanded (
      ADW_EXPANDER_ROW (gui_test_find_row (inspector_of (f->window), "Subnets")), TRUE);
  gui_test_spin (5);
  gui_test_check_screenshot (GTK_WIDGET (f->window), "window-refusal");

  /* The same edit by the canvas: ep-logs nudged into sn-a2. */
  vpc_message_bar_dismiss (message_bar (f->window));
  activate (f->canvas, "canvas.nudge", g_variant_new ("(dd)", 150.0, -166.0));
  gui_test_spin (5);
  g_assert_nonnull (vpc_message_bar_get_text (message_bar (f->window)));
  g_assert_nonnull (strstr (vpc_message_bar_get_text (message_bar (f->window)), "sn-a2"));
  g_clear_pointer (&after, g_free);
  after = vpc_file_serialize (f->design, NULL);
  g_assert_cmpstr (after, ==, before);

  /* Another design in the window: the message was about this one. */
  activate (f->window, "win.new", NULL);
  g_assert_null (vpc_message_bar_get_text (message_bar (f->window)));
}

/* A palette drop snaps to the grid and lands beside what it would cover. */
static void
test_palette_drop (Fixture *f, gconstpointer data)
{
  VpcViewport *viewport = vpc_canvas_get_viewport (f->canvas);
  GHashTableIter iter;
  gpointer key;
  const VpcElement *added;
  VpcRect train = vpc_design_lookup (f->design, "train-1")->layout;
  double x, y;

  g_assert_true (vpc_canvas_get_snap_to_grid (f->canvas));
  /* Dropped right on train-1 (centre 108, 192). */
  vpc_viewport_world_to_widget (viewport, 108, 192, &x, &y);
  g_assert_true (vpc_canvas_drop_item (f->canvas, "workload:training_job", x, y));
  g_assert_cmpuint (g_hash_table_size (vpc_canvas_get_selection (f->canvas)), ==, 1);
  g_hash_table_iter_init (&iter, vpc_canvas_get_selection (f->canvas));
  g_hash_table_iter_next (&iter, &key, NULL);
  added = vpc_design_lookup (f->design, key);
  g_assert_nonnull (added);
  g_assert_cmpfloat (fmod (added->layout.x, 16), ==, 0);
  g_assert_cmpfloat (fmod (added->layout.y, 16), ==, 0);
  /* Clear of train-1's box and label, and still in train-1's subnet. */
  g_assert_true (added->layout.x >= train.x + train.w + 2 * 18
                 || added->layout.x + added->layout.w + 2 * 18 <= train.x);
  g_assert_true (vpc_id_list_contains (added->subnets, "sn-a"));
  g_assert_cmpstr (vpc_design_get_undo_label (f->design), ==, "Add element");
  g_assert_true (vpc_design_undo (f->design));
  g_assert_false (vpc_design_get_can_undo (f->design));

  /* Without snapping, a free spot keeps the point. */
  vpc_canvas_set_snap_to_grid (f->canvas, FALSE);
  vpc_viewport_world_to_widget (viewport, 300.5, 210.25, &x, &y);
  g_assert_true (vpc_canvas_drop_item (f->canvas, "workload:training_job", x, y));
  g_hash_table_iter_init (&iter, vpc_canvas_get_selection (f->canvas));
  g_hash_table_iter_next (&iter, &key, NULL);
  added = vpc_design_lookup (f->design, key);
  g_assert_cmpfloat (fabs (added->layout.x + 36 - 300.5), <, 1e-6);
  g_assert_cmpfloat (fabs (added->layout.y + 36 - 210.25), <, 1e-6);
}

/* The drag preview is drawn by the renderer from the tool's view state:
 * a frame with the preview as overrides is the frame of a design where the
 * move really happened, pixel for pixel, and the design is untouched. */
static guint32 *
frame_pixels (VpcDesign  *design,
              GHashTable *overrides,
              GHashTable *selection)
{
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 600, 420);
  VpcRenderOptions options;
  cairo_t *cr = cairo_create (surface);
  guint32 *pixels;

  vpc_render_options_init (&options);
  options.scale = 0.55;
  options.offset_x = options.offset_y = 10;
  options.show_grid = TRUE;
  options.selection = selection;
  options.overrides = overrides;
  vpc_render_design (cr, design, &options);
  cairo_destroy (cr);
  cairo_surface_flush (surface);
  g_assert_cmpint (cairo_image_surface_get_stride (surface), ==, 600 * 4);
  pixels = g_memdup2 (cairo_image_surface_get_data (surface), 600 * 420 * 4);
  cairo_surface_destroy (surface);
  return pixels;
}

static void
test_preview_render (Fixture *f, gconstpointer data)
{
  g_autoptr(GHashTable) selection = vpc_selection_new ();
  g_autoptr(VpcDesign) moved = NULL;
  g_autofree guint32 *before = NULL, *preview = NULL, *after = NULL;
  VpcGesture *tool = vpc_gesture_new (f->design, selection);
  guint64 revision = vpc_design_get_revision (f->design);
  VpcRect r;

  g_assert_cmpstr (VPC_RENDER_VPC_ID, ==, VPC_CONTAINMENT_VPC_ID);
  vpc_gesture_set_grid (tool, 0);
  before = frame_pixels (f->design, NULL, selection);
  /* sn-a2 (centre 234, 370 in world units) dragged into AZ b... */
  vpc_gesture_press (tool, 234, 370, 0, 1.0);
  vpc_gesture_motion (tool, 460, 370, 0);
  vpc_gesture_motion (tool, 686, 370, 0);
  g_assert_nonnull (vpc_gesture_get_preview (tool));
  preview = frame_pixels (f->design, vpc_gesture_get_preview (tool), selection);
  g_assert_cmpuint (vpc_design_get_revision (f->design), ==, revision);
  g_assert_true (memcmp (before, preview, 600 * 420 * 4) != 0);

  /* ...is drawn exactly where the finished move puts it. */
  moved = vpc_design_duplicate (f->design);
  g_assert_true (vpc_editing_move_selection (moved, selection, 452, 0, NULL));
  g_assert_true (vpc_gesture_get_rect (tool, "sn-a2", &r));
  g_assert_cmpfloat (r.x, ==, vpc_design_lookup (moved, "sn-a2")->layout.x);
  g_assert_cmpstr (vpc_design_lookup (moved, "sn-a2")->az, ==, "az-b");
  after = frame_pixels (moved, NULL, selection);
  g_assert_true (memcmp (after, preview, 600 * 420 * 4) == 0);

  vpc_gesture_cancel (tool);
  vpc_gesture_free (tool);
  g_assert_cmpuint (vpc_design_get_revision (f->design), ==, revision);
}

static gboolean
is_export_button (GtkWidget *widget, gconstpointer data)
{
  return GTK_IS_MENU_BUTTON (widget) &&
         g_strcmp0 (gtk_menu_button_get_label (GTK_MENU_BUTTON (widget)), "_Export") == 0;
}

/* Opening a design clears what a crashed save left beside it (old enough
 * not to be a save running elsewhere); a young one stays. */
static void
test_open_removes_stale (void)
{
  g_autofree char *src = g_test_build_filename (G_TEST_DIST, "data", "gui-two-az.vpcd.json", NULL);
  g_autofree char *dir = g_dir_make_tmp ("vpc-gui-XXXXXX", NULL);
  g_autofree char *path = gui_test_copy_file (src, dir, "design.vpcd.json");
  g_autofree char *stale = g_build_filename (dir, ".design.vpcd.json.vpcd-tmp-AbC123", NULL);
  g_autofree char *young = g_build_filename (dir, ".design.vpcd.json.vpcd-tmp-XyZ789", NULL);
  struct utimbuf old_times = { .actime = time (NULL) - 3600, .modtime = time (NULL) - 3600 };
  VpcWindow *window = g_object_new (VPC_TYPE_WINDOW, NULL);

  g_assert_true (g_file_set_contents (stale, "{\"half\":", -1, NULL));
  g_assert_cmpint (g_utime (stale, &old_times), ==, 0);
  g_assert_true (g_file_set_contents (young, "{\"half\":", -1, NULL));
  gui_test_window_open (window, path, 5);
  g_assert_false (g_file_test (stale, G_FILE_TEST_EXISTS));
  g_assert_true (g_file_test (young, G_FILE_TEST_EXISTS));
  gtk_window_destroy (GTK_WINDOW (window));
  gui_test_spin (20);
  g_unlink (young);
  gui_test_remove_copy (dir, path);
}

static void
test_start_page (void)
{
  VpcWindow *window = g_object_new (VPC_TYPE_WINDOW, NULL);
  GtkWidget *export_button;

  gtk_window_present (GTK_WINDOW (window));
  gtk_test_widget_wait_for_draw (GTK_WIDGET (window));
  g_assert_null (vpc_window_get_design (window));
  g_assert_false (gtk_widget_is_visible (vpc_window_get_canvas (window)) &&
                  gtk_widget_get_mapped (vpc_window_get_canvas (window)));
  /* Nothing to export on the start page. */
  export_button = gui_test_find (GTK_WIDGET (window), is_export_button, NULL);
  g_assert_nonnull (export_button);
  g_assert_false (gtk_widget_get_sensitive (export_button));
  activate (window, "win.new", NULL);
  g_assert_nonnull (vpc_window_get_design (window));
  g_assert_true (gtk_widget_get_sensitive (export_button));
  activate (vpc_window_get_canvas (window), "canvas.add-element", g_variant_new_string ("az"));
  activate (vpc_window_get_canvas (window), "canvas.add-element",
            g_variant_new_string ("subnet:private"));
  g_assert_cmpuint (vpc_design_get_n_elements (vpc_window_get_design (window), VPC_KIND_SUBNET), ==,
                    1);
  gtk_window_destroy (GTK_WINDOW (window));
  gui_test_spin (20);
}

static void
test_palette (void)
{
  GtkWidget *palette = g_object_ref_sink (vpc_palette_new ());
  const char *const *items = vpc_palette_list_items ();
  guint n = 0;

  for (; items[n] != NULL; n++)
    g_assert_nonnull (vpc_palette_get_tooltip (items[n]));
  g_assert_cmpuint (n, >=, 20);
  g_assert_cmpuint (vpc_palette_count_visible (VPC_PALETTE (palette)), ==, n);
  g_assert_finalize_object (palette);
}

/* What the renderer draws, without the canvas's cache, for @canvas's view
 * (its design, no findings, the light theme, the grid). */
static GdkTexture *
render_view (VpcCanvas *canvas)
{
  VpcViewport *viewport = vpc_canvas_get_viewport (canvas);
  int w = gtk_widget_get_width (GTK_WIDGET (canvas));
  int h = gtk_widget_get_height (GTK_WIDGET (canvas));
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, w, h);
  cairo_t *cr = cairo_create (surface);
  g_autoptr(GBytes) bytes = NULL;
  VpcRenderOptions options;

  vpc_render_options_init (&options);
  options.scale = vpc_viewport_get_zoom (viewport);
  options.offset_x = vpc_viewport_get_offset_x (viewport);
  options.offset_y = vpc_viewport_get_offset_y (viewport);
  vpc_viewport_get_visible (viewport, w, h, &options.clip_x, &options.clip_y, &options.clip_w,
                            &options.clip_h);
  options.show_grid = TRUE;
  options.grid_size = VPC_CANVAS_GRID;
  vpc_render_design (cr, vpc_canvas_get_design (canvas), &options);
  cairo_destroy (cr);
  cairo_surface_flush (surface);
  /* GDK_MEMORY_DEFAULT is cairo's ARGB32 in memory. */
  bytes = g_bytes_new (cairo_image_surface_get_data (surface),
                       (gsize) cairo_image_surface_get_stride (surface) * h);
  cairo_surface_destroy (surface);
  return gdk_memory_texture_new (w, h, GDK_MEMORY_DEFAULT, bytes, (gsize) w * 4);
}

/* A large design zoomed out in a real canvas: a pan by whole pixels comes
 * from the picture the canvas keeps (vpc-render-cache.c), through GTK's
 * recording of the canvas, and shows what the canvas draws anew at that
 * view; a wheel zoom's second step is an interim frame, and the exact
 * frame follows once the zoom rests. */
static void
test_large_pan (void)
{
  g_autoptr(VpcDesign) design = render_design_large (6000);
  GtkWidget *window = gtk_window_new ();
  VpcCanvas *canvas = VPC_CANVAS (vpc_canvas_new ());
  g_autoptr(GdkTexture) panned = NULL;
  g_autoptr(GdkTexture) drawn = NULL;
  VpcViewport *viewport;
  double zoom, ox, oy;
  guint served;

  gtk_window_set_default_size (GTK_WINDOW (window), 900, 600);
  gtk_window_set_child (GTK_WINDOW (window), GTK_WIDGET (canvas));
  vpc_canvas_set_design (canvas, design);
  gtk_window_present (GTK_WINDOW (window));
  gtk_test_widget_wait_for_draw (window);
  gui_test_spin (20);
  viewport = vpc_canvas_get_viewport (canvas);
  zoom = vpc_viewport_get_zoom (viewport);
  g_assert_cmpfloat (zoom, <, VPC_RENDER_LOD_SCALE);
  ox = round (vpc_viewport_get_offset_x (viewport));
  oy = round (vpc_viewport_get_offset_y (viewport));
  vpc_viewport_set_view (viewport, zoom, ox, oy);
  panned = gui_test_capture (GTK_WIDGET (canvas));

  served = vpc_render_cache_get_served (canvas->render_cache);
  vpc_viewport_set_view (viewport, zoom, ox + 37, oy - 23);
  g_clear_object (&panned);
  panned = gui_test_capture (GTK_WIDGET (canvas));
  g_assert_cmpuint (vpc_render_cache_get_served (canvas->render_cache), >, served);
  drawn = render_view (canvas);
  g_assert_cmpuint (gui_test_count_differing (panned, drawn), ==, 0);

  /* Two zoom steps close together: the second from the picture, scaled,
   * then the exact frame once the zoom rests. */
  vpc_viewport_set_view (viewport, zoom * 1.1, ox, oy);
  gtk_test_widget_wait_for_draw (window);
  served = vpc_render_cache_get_served (canvas->render_cache);
  vpc_viewport_set_view (viewport, zoom * 1.2, ox, oy);
  gtk_test_widget_wait_for_draw (window);
  g_assert_cmpuint (vpc_render_cache_get_served (canvas->render_cache), ==, served + 1);
  /* Once it rests, the exact frame at the new zoom: a pan then comes
   * from its picture. */
  while (canvas->zoom_settle != 0)
    g_main_context_iteration (NULL, TRUE);
  gtk_test_widget_wait_for_draw (window);
  g_assert_cmpuint (vpc_render_cache_get_served (canvas->render_cache), ==, served + 1);
  vpc_viewport_set_view (viewport, zoom * 1.2, ox + 5, oy);
  gtk_test_widget_wait_for_draw (window);
  g_assert_cmpuint (vpc_render_cache_get_served (canvas->render_cache), ==, served + 2);

  gtk_window_destroy (GTK_WINDOW (window));
  gui_test_spin (10);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  if (!gtk_init_check ())
    {
      /* No skip: tools/test runs this suite under xvfb-run. */
      g_printerr ("test-gui: cannot open a display. Run it under xvfb-run "
                  "(tools/test and the 'gui' suite do).\n");
      return 1;
    }
  adw_init ();
  /* Keep the user's recent files out of it (and GTK 4.8 leaks a GDateTime
   * each time it writes them). */
  g_object_set (gtk_settings_get_default (), "gtk-recent-files-enabled", FALSE, NULL);
  /* Screenshots of the message bar shown, not sliding in. */
  g_object_set (gtk_settings_get_default (), "gtk-enable-animations", FALSE, NULL);
#define ADD(path, func) g_test_add (path, Fixture, NULL, setup, func, teardown)
  ADD ("/gui/window/title-and-undo", test_title_and_undo);
  ADD ("/gui/canvas/zoom", test_zoom);
  ADD ("/gui/canvas/delete-undo", test_delete_undo);
  ADD ("/gui/canvas/nudge-and-clipboard", test_nudge_and_clipboard);
  ADD ("/gui/canvas/clipboard-across", test_clipboard_across);
  ADD ("/gui/window/save", test_save);
  ADD ("/gui/canvas/preview-render", test_preview_render);
  ADD ("/gui/window/refusal-message", test_refusal_message);
  ADD ("/gui/canvas/palette-drop", test_palette_drop);
#undef ADD
  g_test_add_func ("/gui/window/start-page", test_start_page);
  g_test_add_func ("/gui/canvas/large-pan", test_large_pan);
  g_test_add_func ("/gui/window/open-removes-stale", test_open_removes_stale);
  g_test_add_func ("/gui/inspector/az-change", test_inspector_az_change);
  g_test_add_func ("/gui/palette/items", test_palette);
  g_test_add_func ("/gui/canvas/route-after-first-frame", test_route_after_first_frame);
  return g_test_run ();
}
