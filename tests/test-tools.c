/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-tools.c: gestures, containment and clipboard on a design, in world
 * coordinates, without a display. */
#include <math.h>
#include <string.h>

#include "vpc-clipboard.h"
#include "vpc-containment.h"
#include "vpc-editing.h"
#include "vpc-file.h"

/* VPC (0,0 1000×700) ⊃ AZ a (24,56) and AZ b (476,56), 420×400 each.
 * sn-a and sn-a2 in AZ a, sn-b in AZ b; train-1 inside sn-a; ep-logs has
 * its interface in sn-a and sits below the AZs. */
static VpcElement *
box (VpcKind kind, const char *id, double x, double y, double w, double h)
{
  VpcElement *e = vpc_element_new (kind, id);

  e->has_layout = TRUE;
  e->layout = (VpcRect) { x, y, w, h };
  return e;
}

static VpcElement *
subnet (const char *id, const char *az, const char *cidr, double x, double y, double h)
{
  VpcElement *e = box (VPC_KIND_SUBNET, id, x, y, 372, h);

  e->az = g_strdup (az);
  e->cidr = g_strdup (cidr);
  return e;
}

static VpcDesign *
make_design (void)
{
  VpcDesign *design = vpc_design_new ();
  VpcDesignInfo *info = vpc_design_info_new ();
  VpcElement *e;

  g_free (info->region);
  info->region = g_strdup ("us-east-1");
  g_free (info->vpc_cidr);
  info->vpc_cidr = g_strdup ("10.0.0.0/16");
  info->has_vpc_layout = TRUE;
  info->vpc_layout = (VpcRect) { 0, 0, 1000, 700 };
  vpc_design_take_info (design, info);

  e = box (VPC_KIND_AZ, "az-a", 24, 56, 420, 400);
  e->name = g_strdup ("us-east-1a");
  vpc_design_take_element (design, e);
  e = box (VPC_KIND_AZ, "az-b", 476, 56, 420, 400);
  e->name = g_strdup ("us-east-1b");
  vpc_design_take_element (design, e);
  vpc_design_take_element (design, subnet ("sn-a", "az-a", "10.0.1.0/24", 48, 100, 190));
  vpc_design_take_element (design, subnet ("sn-b", "az-b", "10.0.2.0/24", 500, 100, 190));
  vpc_design_take_element (design, subnet ("sn-a2", "az-a", "10.0.3.0/24", 48, 310, 120));
  e = box (VPC_KIND_WORKLOAD, "train-1", 72, 156, 72, 72);
  e->workload_kind = VPC_WORKLOAD_TRAINING_JOB;
  vpc_id_list_add (e->subnets, "sn-a");
  vpc_design_take_element (design, e);
  e = box (VPC_KIND_ENDPOINT, "ep-logs", 48, 500, 72, 72);
  g_free (e->service);
  e->service = g_strdup ("logs");
  e->endpoint_type = VPC_ENDPOINT_INTERFACE;
  vpc_id_list_add (e->subnets, "sn-a");
  vpc_design_take_element (design, e);
  vpc_design_take_element (design, box (VPC_KIND_SECURITY_GROUP, "sg-1", 600, 500, 72, 72));
  return design;
}

typedef struct
{
  VpcDesign  *design;
  GHashTable *selection;
  VpcGesture    *tool;
  /* What the design emitted: "changed", and every finer-grained signal. */
  guint       n_changed;
  guint       n_edits;
} Fixture;

static void
changed_cb (VpcDesign *design, Fixture *f)
{
  f->n_changed++;
}

/* Connected swapped: the signals' own arguments differ and are ignored. */
static void
edit_cb (Fixture *f)
{
  f->n_edits++;
}

static void
setup (Fixture *f, gconstpointer data)
{
  static const char *const edits[] = {
    "element-added", "element-removed", "element-changed", "info-changed",
  };

  f->design = make_design ();
  f->selection = vpc_selection_new ();
  f->tool = vpc_gesture_new (f->design, f->selection);
  g_signal_connect (f->design, "changed", G_CALLBACK (changed_cb), f);
  for (guint i = 0; i < G_N_ELEMENTS (edits); i++)
    g_signal_connect_swapped (f->design, edits[i], G_CALLBACK (edit_cb), f);
}

static void
teardown (Fixture *f, gconstpointer data)
{
  vpc_gesture_free (f->tool);
  g_hash_table_unref (f->selection);
  g_assert_finalize_object (f->design);
}

static VpcRect
rect_of (Fixture *f, const char *id)
{
  const VpcElement *e = vpc_design_lookup (f->design, id);

  g_assert_nonnull (e);
  return e->layout;
}

/* Every element's layout and the VPC box, to compare designs by geometry. */
static char *
geometry_of (VpcDesign *design)
{
  GString *out = g_string_new (NULL);
  VpcRect vpc = vpc_containment_vpc_rect (design);

  g_string_append_printf (out, "vpc %g %g %g %g\n", vpc.x, vpc.y, vpc.w, vpc.h);
  for (guint k = 0; k < VPC_N_KINDS; k++)
    for (guint i = 0; i < vpc_design_get_n_elements (design, k); i++)
      {
        const VpcElement *e = vpc_design_get_element (design, k, i);

        g_string_append_printf (out, "%s %d %g %g %g %g %s\n", e->id, e->has_layout,
                                e->layout.x, e->layout.y, e->layout.w, e->layout.h,
                                e->az != NULL ? e->az : "-");
      }
  return g_string_free (out, FALSE);
}

/* Press, ten motions, release. While the button is down the design must
 * not change at all: same revision, no signal, same geometry. */
static void
drag (Fixture *f, double x0, double y0, double x1, double y1, VpcModifiers mods, gboolean expect_ok)
{
  g_autofree char *reason = NULL;
  g_autofree char *before = geometry_of (f->design);
  guint64 revision = vpc_design_get_revision (f->design);
  guint changed = f->n_changed, edits = f->n_edits;

  vpc_gesture_press (f->tool, x0, y0, mods, 1.0);
  for (int i = 1; i <= 10; i++)
    {
      g_autofree char *now = NULL;

      vpc_gesture_motion (f->tool, x0 + (x1 - x0) * i / 10, y0 + (y1 - y0) * i / 10, mods);
      g_assert_cmpuint (vpc_design_get_revision (f->design), ==, revision);
      g_assert_cmpuint (f->n_changed, ==, changed);
      g_assert_cmpuint (f->n_edits, ==, edits);
      now = geometry_of (f->design);
      g_assert_cmpstr (now, ==, before);
    }
  g_assert_cmpint (vpc_gesture_release (f->tool, x1, y1, mods, &reason), ==, expect_ok);
  g_assert_true (expect_ok ? reason == NULL : reason != NULL);
  g_assert_null (vpc_gesture_get_preview (f->tool));
  /* A finished gesture is at most one step: "changed" at most once. */
  g_assert_cmpuint (f->n_changed - changed, <=, 1);
}

static gboolean
has_preview (Fixture *f, const char *id)
{
  GHashTable *preview = vpc_gesture_get_preview (f->tool);

  return preview != NULL && g_hash_table_contains (preview, id);
}

/* The rectangle @id is drawn at during the drag (it must be displaced). */
static VpcRect
preview_of (Fixture *f, const char *id)
{
  GHashTable *preview = vpc_gesture_get_preview (f->tool);
  const VpcRect *r = preview != NULL ? g_hash_table_lookup (preview, id) : NULL;

  g_assert_nonnull (r);
  return r != NULL ? *r : (VpcRect) { 0 };
}

static void
test_select_click (Fixture *f, gconstpointer data)
{
  drag (f, 200, 250, 200, 250, 0, TRUE);
  g_assert_cmpuint (g_hash_table_size (f->selection), ==, 1);
  g_assert_true (g_hash_table_contains (f->selection, "sn-a"));

  drag (f, 700, 250, 700, 250, VPC_MODIFIER_SHIFT, TRUE);
  g_assert_cmpuint (g_hash_table_size (f->selection), ==, 2);
  drag (f, 200, 250, 200, 250, VPC_MODIFIER_SHIFT, TRUE);
  g_assert_cmpuint (g_hash_table_size (f->selection), ==, 1);
  g_assert_true (g_hash_table_contains (f->selection, "sn-b"));

  /* The icon on top of its subnet wins; an AZ is picked by its header. */
  drag (f, 108, 192, 108, 192, 0, TRUE);
  g_assert_true (g_hash_table_contains (f->selection, "train-1"));
  drag (f, 200, 70, 200, 70, 0, TRUE);
  g_assert_true (g_hash_table_contains (f->selection, "az-a"));
  drag (f, 500, 20, 500, 20, 0, TRUE);
  g_assert_true (g_hash_table_contains (f->selection, VPC_CONTAINMENT_VPC_ID));

  /* A click on empty space clears the selection. */
  drag (f, 200, 445, 200, 445, 0, TRUE);
  g_assert_cmpuint (g_hash_table_size (f->selection), ==, 0);
  g_assert_false (vpc_design_get_can_undo (f->design));
}

static void
test_rubber_band (Fixture *f, gconstpointer data)
{
  VpcRect band;

  vpc_gesture_press (f->tool, -50, -50, 0, 1.0);
  vpc_gesture_motion (f->tool, 460, 460, 0);
  g_assert_cmpint (vpc_gesture_get_mode (f->tool), ==, VPC_GESTURE_RUBBER_BAND);
  g_assert_true (vpc_gesture_get_rubber_band (f->tool, &band));
  g_assert_cmpfloat (band.w, ==, 510);
  g_assert_true (vpc_gesture_release (f->tool, 460, 460, 0, NULL));
  g_assert_cmpuint (g_hash_table_size (f->selection), ==, 4);
  g_assert_true (g_hash_table_contains (f->selection, "az-a"));
  g_assert_true (g_hash_table_contains (f->selection, "sn-a"));
  g_assert_true (g_hash_table_contains (f->selection, "sn-a2"));
  g_assert_true (g_hash_table_contains (f->selection, "train-1"));
  g_assert_false (vpc_design_get_can_undo (f->design));
}

static void
test_move_one_step (Fixture *f, gconstpointer data)
{
  guint64 revision;

  vpc_gesture_set_grid (f->tool, 0);
  drag (f, 108, 192, 158, 212, 0, TRUE);
  g_assert_cmpuint (f->n_changed, ==, 1);
  g_assert_cmpfloat (rect_of (f, "train-1").x, ==, 122);
  g_assert_cmpfloat (rect_of (f, "train-1").y, ==, 176);
  g_assert_cmpstr (vpc_design_get_undo_label (f->design), ==, "Move");
  g_assert_true (vpc_design_undo (f->design));
  g_assert_false (vpc_design_get_can_undo (f->design)); /* exactly one step */
  g_assert_cmpfloat (rect_of (f, "train-1").x, ==, 72);
  g_assert_true (vpc_design_redo (f->design));
  g_assert_cmpfloat (rect_of (f, "train-1").x, ==, 122);

  /* Snapping: the moved box lands on the grid. */
  vpc_gesture_set_grid (f->tool, 16);
  drag (f, 150, 200, 163, 203, 0, TRUE);
  g_assert_cmpfloat (rect_of (f, "train-1").x, ==, 128);
  g_assert_cmpfloat (rect_of (f, "train-1").y, ==, 176);

  /* During a drag only the preview moves; cancelling (Escape) leaves no
   * trace in the design, not even a signal. */
  revision = vpc_design_get_revision (f->design);
  f->n_changed = f->n_edits = 0;
  vpc_gesture_press (f->tool, 150, 200, 0, 1.0);
  vpc_gesture_motion (f->tool, 250, 264, 0);
  g_assert_cmpint (vpc_gesture_get_mode (f->tool), ==, VPC_GESTURE_MOVE);
  g_assert_true (has_preview (f, "train-1"));
  g_assert_cmpfloat (preview_of (f, "train-1").x, ==, 224);
  g_assert_cmpfloat (preview_of (f, "train-1").y, ==, 240);
  g_assert_cmpfloat (rect_of (f, "train-1").x, ==, 128);
  vpc_gesture_cancel (f->tool);
  g_assert_null (vpc_gesture_get_preview (f->tool));
  g_assert_cmpfloat (rect_of (f, "train-1").x, ==, 128);
  g_assert_cmpuint (vpc_design_get_revision (f->design), ==, revision);
  g_assert_cmpuint (f->n_changed, ==, 0);
  g_assert_cmpuint (f->n_edits, ==, 0);
  g_assert_true (vpc_design_undo (f->design));
  g_assert_true (vpc_design_undo (f->design));
  g_assert_false (vpc_design_get_can_undo (f->design)); /* two gestures, two steps */
}

/* A drag emits nothing until the button is released, then "changed" once. */
static void
test_drag_is_view_state (Fixture *f, gconstpointer data)
{
  guint64 revision = vpc_design_get_revision (f->design);
  VpcRect r;

  vpc_gesture_set_grid (f->tool, 0);
  vpc_gesture_press (f->tool, 200, 380, 0, 1.0);
  g_assert_cmpint (vpc_gesture_get_mode (f->tool), ==, VPC_GESTURE_PRESSED);
  g_assert_null (vpc_gesture_get_preview (f->tool));
  g_assert_null (vpc_gesture_get_drop_target (f->tool));
  for (int i = 1; i <= 100; i++)
    {
      vpc_gesture_motion (f->tool, 200 + 452.0 * i / 100, 380, 0);
      g_assert_cmpuint (f->n_changed, ==, 0);
      g_assert_cmpuint (f->n_edits, ==, 0);
      g_assert_cmpuint (vpc_design_get_revision (f->design), ==, revision);
    }
  /* The subnet is drawn in AZ b and would land there; the file says az-a. */
  g_assert_true (vpc_gesture_get_rect (f->tool, "sn-a2", &r));
  g_assert_cmpfloat (r.x, ==, 500);
  g_assert_cmpfloat (rect_of (f, "sn-a2").x, ==, 48);
  g_assert_cmpstr (vpc_design_lookup (f->design, "sn-a2")->az, ==, "az-a");
  g_assert_cmpstr (vpc_gesture_get_drop_target (f->tool), ==, "az-b");
  /* Only the dragged subnet is displaced. */
  g_assert_cmpuint (g_hash_table_size (vpc_gesture_get_preview (f->tool)), ==, 1);
  g_assert_true (vpc_gesture_get_rect (f->tool, "sn-a", &r));
  g_assert_cmpfloat (r.x, ==, 48);

  g_assert_true (vpc_gesture_release (f->tool, 652, 380, 0, NULL));
  g_assert_cmpuint (f->n_changed, ==, 1);
  g_assert_cmpuint (vpc_design_get_revision (f->design), >, revision);
  g_assert_cmpstr (vpc_design_lookup (f->design, "sn-a2")->az, ==, "az-b");
  g_assert_cmpfloat (rect_of (f, "sn-a2").x, ==, 500);
  g_assert_true (vpc_design_undo (f->design));
  g_assert_false (vpc_design_get_can_undo (f->design));
}

static void
test_nudge (Fixture *f, gconstpointer data)
{
  vpc_selection_set_one (f->selection, "train-1");
  g_assert_true (vpc_editing_move_selection (f->design, f->selection, 10, 0, NULL));
  g_assert_cmpfloat (rect_of (f, "train-1").x, ==, 82);
  g_assert_true (vpc_design_undo (f->design));
  g_assert_false (vpc_design_get_can_undo (f->design));
}

static void
test_resize (Fixture *f, gconstpointer data)
{
  VpcRect r;

  vpc_selection_set_one (f->selection, "sn-a");
  /* The resize is previewed, not applied, until release. */
  vpc_gesture_press (f->tool, 420, 290, 0, 1.0);
  vpc_gesture_motion (f->tool, 440, 320, 0);
  g_assert_cmpint (vpc_gesture_get_mode (f->tool), ==, VPC_GESTURE_RESIZE);
  g_assert_true (has_preview (f, "sn-a"));
  g_assert_cmpfloat (preview_of (f, "sn-a").w, ==, 392);
  g_assert_cmpfloat (rect_of (f, "sn-a").w, ==, 372);
  g_assert_cmpuint (f->n_edits, ==, 0);
  vpc_gesture_cancel (f->tool);
  g_assert_cmpfloat (rect_of (f, "sn-a").w, ==, 372);
  g_assert_false (vpc_design_get_can_undo (f->design));

  drag (f, 420, 290, 440, 320, 0, TRUE);
  r = rect_of (f, "sn-a");
  g_assert_cmpfloat (r.x, ==, 48);
  g_assert_cmpfloat (r.w, ==, 392);
  g_assert_cmpfloat (r.h, ==, 220);
  g_assert_cmpstr (vpc_design_get_undo_label (f->design), ==, "Resize");
  /* A box never gets smaller than its minimum. */
  drag (f, 440, 320, -400, -400, 0, TRUE);
  r = rect_of (f, "sn-a");
  g_assert_cmpfloat (r.w, >=, 120);
  g_assert_cmpfloat (r.h, >=, 80);
  g_assert_true (vpc_design_undo (f->design));
  g_assert_true (vpc_design_undo (f->design));
  g_assert_false (vpc_design_get_can_undo (f->design));
  g_assert_cmpfloat (rect_of (f, "sn-a").w, ==, 372);
}

static void
test_connect (Fixture *f, gconstpointer data)
{
  const VpcElement *train;
  const char *from, *sn;
  double x0, y0, x1, y1;

  /* The line being drawn is view state too. */
  vpc_gesture_press (f->tool, 108, 192, VPC_MODIFIER_ALT, 1.0);
  vpc_gesture_motion (f->tool, 700, 200, VPC_MODIFIER_ALT);
  g_assert_cmpint (vpc_gesture_get_mode (f->tool), ==, VPC_GESTURE_CONNECT);
  g_assert_null (vpc_gesture_get_preview (f->tool));
  g_assert_cmpstr (vpc_gesture_get_drop_target (f->tool), ==, "sn-b");
  g_assert_cmpuint (f->n_edits, ==, 0);
  vpc_gesture_cancel (f->tool);
  g_assert_false (vpc_design_get_can_undo (f->design));

  drag (f, 108, 192, 700, 200, VPC_MODIFIER_ALT, TRUE);
  train = vpc_design_lookup (f->design, "train-1");
  g_assert_cmpuint (train->subnets->len, ==, 2);
  g_assert_true (vpc_id_list_contains (train->subnets, "sn-b"));
  g_assert_cmpfloat (rect_of (f, "train-1").x, ==, 72); /* a connection is not a move */

  /* Released on nothing: refused with a reason. */
  drag (f, 108, 192, 950, 650, VPC_MODIFIER_ALT, FALSE);

  /* Armed from the context menu: the next press on a subnet connects. */
  vpc_gesture_arm_connect (f->tool, "train-1");
  drag (f, 200, 380, 200, 380, 0, TRUE);
  train = vpc_design_lookup (f->design, "train-1");
  g_assert_true (vpc_id_list_contains (train->subnets, "sn-a2"));

  /* Selecting the line to sn-b (where the renderer draws it) and deleting
   * it disconnects. */
  g_assert_true (vpc_editing_connection_line (f->design, train, "sn-b", &x0, &y0, &x1, &y1));
  drag (f, (x0 + x1) / 2, (y0 + y1) / 2, (x0 + x1) / 2, (y0 + y1) / 2, 0, TRUE);
  g_assert_true (vpc_gesture_get_selected_connection (f->tool, &from, &sn));
  g_assert_cmpstr (from, ==, "train-1");
  g_assert_cmpstr (sn, ==, "sn-b");
  g_assert_cmpuint (g_hash_table_size (f->selection), ==, 0);
  g_assert_true (vpc_gesture_delete (f->tool));
  train = vpc_design_lookup (f->design, "train-1");
  g_assert_false (vpc_id_list_contains (train->subnets, "sn-b"));
  g_assert_true (vpc_id_list_contains (train->subnets, "sn-a"));
  g_assert_cmpstr (vpc_design_get_undo_label (f->design), ==, "Disconnect");
}

static void
test_subnet_changes_az (Fixture *f, gconstpointer data)
{
  drag (f, 200, 380, 652, 380, 0, TRUE);
  g_assert_cmpstr (vpc_design_lookup (f->design, "sn-a2")->az, ==, "az-b");
  g_assert_true (vpc_design_undo (f->design));
  g_assert_false (vpc_design_get_can_undo (f->design));
  g_assert_cmpstr (vpc_design_lookup (f->design, "sn-a2")->az, ==, "az-a");
  g_assert_cmpfloat (rect_of (f, "sn-a2").x, ==, 48);

  /* Dropped outside every AZ: refused, nothing changes. */
  drag (f, 200, 380, 200, 650, 0, FALSE);
  g_assert_cmpfloat (rect_of (f, "sn-a2").y, ==, 310);
  g_assert_false (vpc_design_get_can_undo (f->design));
}

static void
test_az_carries_subnets (Fixture *f, gconstpointer data)
{
  /* The preview carries the AZ's subnets and their contents along. */
  vpc_gesture_press (f->tool, 200, 70, 0, 1.0);
  vpc_gesture_motion (f->tool, 200, 100, 0);
  g_assert_cmpuint (g_hash_table_size (vpc_gesture_get_preview (f->tool)), ==, 4);
  g_assert_cmpfloat (preview_of (f, "az-a").y, ==, 86);
  g_assert_cmpfloat (preview_of (f, "sn-a").y, ==, 130);
  g_assert_cmpfloat (preview_of (f, "sn-a2").y, ==, 340);
  g_assert_cmpfloat (preview_of (f, "train-1").y, ==, 186);
  g_assert_false (has_preview (f, "sn-b"));
  g_assert_cmpfloat (rect_of (f, "az-a").y, ==, 56);
  vpc_gesture_cancel (f->tool);

  drag (f, 200, 70, 200, 100, 0, TRUE);
  g_assert_cmpfloat (rect_of (f, "az-a").y, ==, 86);
  g_assert_cmpfloat (rect_of (f, "sn-a").y, ==, 130);
  g_assert_cmpfloat (rect_of (f, "sn-a2").y, ==, 340);
  g_assert_cmpfloat (rect_of (f, "train-1").y, ==, 186);
  g_assert_cmpfloat (rect_of (f, "sn-b").y, ==, 100);
  g_assert_cmpfloat (rect_of (f, "ep-logs").y, ==, 500);
  g_assert_true (vpc_design_undo (f->design));
  g_assert_false (vpc_design_get_can_undo (f->design));
}

static void
test_endpoint_drop_extends (Fixture *f, gconstpointer data)
{
  g_autofree char *reason = NULL;
  g_autofree char *id = vpc_containment_place (f->design, "endpoint:logs", 686, 195, &reason);
  const VpcElement *ep;

  g_assert_null (reason);
  g_assert_cmpstr (id, ==, "ep-logs");
  g_assert_cmpuint (vpc_design_get_n_elements (f->design, VPC_KIND_ENDPOINT), ==, 1);
  ep = vpc_design_lookup (f->design, "ep-logs");
  g_assert_cmpuint (ep->subnets->len, ==, 2);
  g_assert_true (vpc_id_list_contains (ep->subnets, "sn-b"));

  /* A new service creates an endpoint with an interface in that subnet. */
  g_clear_pointer (&id, g_free);
  id = vpc_containment_place (f->design, "endpoint:sagemaker.api", 234, 195, &reason);
  g_assert_cmpstr (id, ==, "ep-sagemaker-api-1");
  ep = vpc_design_lookup (f->design, id);
  g_assert_cmpint (ep->endpoint_type, ==, VPC_ENDPOINT_INTERFACE);
  g_assert_true (vpc_id_list_contains (ep->subnets, "sn-a"));

  /* S3 is a gateway endpoint. */
  g_clear_pointer (&id, g_free);
  id = vpc_containment_place (f->design, "endpoint:s3", 300, 600, &reason);
  g_assert_cmpint (vpc_design_lookup (f->design, id)->endpoint_type, ==, VPC_ENDPOINT_GATEWAY);
}

static void
message_cb (VpcDesign *design, const char *message, char **out)
{
  g_free (*out);
  *out = g_strdup (message);
}

/* The design's guard judges interfaces, whatever the gesture: a second one
 * in an AZ is refused with its reason; a subnet moved into the AZ of a
 * sibling interface takes the endpoint's interface out, in the same step. */
static void
test_second_interface_refused (Fixture *f, gconstpointer data)
{
  g_autofree char *reason = NULL;
  g_autofree char *refused = NULL;
  g_autofree char *notice = NULL;
  g_autofree char *id = NULL;
  g_autofree char *before = NULL;
  const VpcElement *ep;

  g_signal_connect (f->design, "edit-refused", G_CALLBACK (message_cb), &refused);
  g_signal_connect (f->design, "edit-notice", G_CALLBACK (message_cb), &notice);
  id = vpc_containment_place (f->design, "endpoint:logs", 234, 370, &reason);
  g_assert_null (id);
  g_assert_nonnull (reason);
  g_assert_cmpstr (reason, ==, refused);
  g_assert_nonnull (strstr (reason, "“Add element” was not done"));
  g_assert_nonnull (strstr (reason, "sn-a2"));
  g_assert_false (vpc_design_get_can_undo (f->design));
  g_assert_cmpuint (vpc_design_lookup (f->design, "ep-logs")->subnets->len, ==, 1);

  /* Moving a subnet with an interface into an AZ that has one. */
  g_assert_true (vpc_containment_add_interface (f->design, "ep-logs", "sn-b", NULL, NULL));
  vpc_design_clear_history (f->design);
  before = geometry_of (f->design);
  vpc_selection_set_one (f->selection, "sn-b");
  g_clear_pointer (&reason, g_free);
  g_assert_true (vpc_editing_move_selection (f->design, f->selection, -452, 210, &reason));
  g_assert_null (reason);
  g_assert_cmpstr (vpc_design_lookup (f->design, "sn-b")->az, ==, "az-a");
  ep = vpc_design_lookup (f->design, "ep-logs");
  g_assert_cmpuint (ep->subnets->len, ==, 1);
  g_assert_cmpstr (g_ptr_array_index (ep->subnets, 0), ==, "sn-a");
  g_assert_nonnull (notice);
  g_assert_nonnull (strstr (notice, "sn-b"));
  /* One step, undone exactly. */
  g_assert_true (vpc_design_undo (f->design));
  g_assert_false (vpc_design_get_can_undo (f->design));
  g_assert_cmpstr (vpc_design_lookup (f->design, "sn-b")->az, ==, "az-b");
  g_assert_cmpuint (vpc_design_lookup (f->design, "ep-logs")->subnets->len, ==, 2);
  {
    g_autofree char *after = geometry_of (f->design);
    g_assert_cmpstr (after, ==, before);
  }
}

/* A drag never promises a refused drop: the verdict comes from the design
 * (tried on a copy), and asking leaves the design untouched. */
static void
test_drop_verdict (Fixture *f, gconstpointer data)
{
  g_autofree char *reason = NULL;
  guint64 revision = vpc_design_get_revision (f->design);
  guint edits = f->n_edits;
  const char *hint = NULL;

  /* ep-logs (interface in sn-a) dragged from under the AZs into sn-a2,
   * in the same AZ: the guard refuses a second interface there. */
  vpc_gesture_press (f->tool, 84, 536, 0, 1.0);
  vpc_gesture_motion (f->tool, 150, 450, 0);
  vpc_gesture_motion (f->tool, 234, 370, 0);
  g_assert_cmpstr (vpc_gesture_get_drop_target (f->tool), ==, "sn-a2");
  g_assert_false (vpc_gesture_get_drop_verdict (f->tool, &hint));
  g_assert_nonnull (hint);
  g_assert_true (g_str_has_prefix (hint, "Cannot drop here: "));
  g_assert_nonnull (strstr (hint, "sn-a2"));
  g_assert_null (strstr (hint, "was not done"));
  g_assert_cmpuint (vpc_design_get_revision (f->design), ==, revision);
  g_assert_cmpuint (f->n_edits, ==, edits);
  /* Over sn-b, in the other AZ: fine. */
  vpc_gesture_motion (f->tool, 686, 195, 0);
  g_assert_cmpstr (vpc_gesture_get_drop_target (f->tool), ==, "sn-b");
  g_assert_true (vpc_gesture_get_drop_verdict (f->tool, &hint));
  g_assert_null (hint);
  /* Back over sn-a2 and released there: refused as the verdict said. */
  vpc_gesture_motion (f->tool, 234, 370, 0);
  g_assert_false (vpc_gesture_get_drop_verdict (f->tool, NULL));
  g_assert_false (vpc_gesture_release (f->tool, 234, 370, 0, &reason));
  g_assert_nonnull (strstr (reason, "sn-a2"));
  g_assert_false (vpc_design_get_can_undo (f->design));
  g_assert_cmpfloat (rect_of (f, "ep-logs").y, ==, 500);
  /* No drag, no verdict to give. */
  g_assert_true (vpc_gesture_get_drop_verdict (f->tool, NULL));

  /* A connection line: the same judge. */
  vpc_gesture_arm_connect (f->tool, "ep-logs");
  vpc_gesture_press (f->tool, 234, 370, 0, 1.0);
  g_assert_cmpstr (vpc_gesture_get_drop_target (f->tool), ==, "sn-a2");
  g_assert_false (vpc_gesture_get_drop_verdict (f->tool, &hint));
  vpc_gesture_cancel (f->tool);

  /* A subnet moved into the AZ of a sibling interface is carried out
   * (the endpoint gives up one interface): the highlight says yes. */
  g_assert_true (vpc_containment_add_interface (f->design, "ep-logs", "sn-b", NULL, NULL));
  vpc_gesture_press (f->tool, 686, 120, 0, 1.0);
  vpc_gesture_motion (f->tool, 234, 350, 0);
  g_assert_cmpstr (vpc_gesture_get_drop_target (f->tool), ==, "az-a");
  g_assert_true (vpc_gesture_get_drop_verdict (f->tool, NULL));
  vpc_gesture_cancel (f->tool);
}

/* Palette drops snap to the grid and never cover another element or its
 * label; they stay in the subnet they were dropped into. */
static void
test_drop_point (Fixture *f, gconstpointer data)
{
  g_autofree char *reason = NULL;
  g_autofree char *id = NULL;
  VpcRect train = rect_of (f, "train-1");
  VpcRect r;
  double x, y;

  /* A free place: only snapped (the box's corner on the 16 grid). */
  vpc_containment_drop_point (f->design, "workload:training_job", 300.3, 210.2, 16, &x, &y);
  g_assert_cmpfloat (x, ==, 308);
  g_assert_cmpfloat (y, ==, 212);
  /* No grid: kept. */
  vpc_containment_drop_point (f->design, "workload:training_job", 300.3, 210.2, 0, &x, &y);
  g_assert_cmpfloat (x, ==, 300.3);
  g_assert_cmpfloat (y, ==, 210.2);

  /* On top of train-1: moved beside it, clear of its label, still in sn-a. */
  vpc_containment_drop_point (f->design, "workload:training_job", 108, 192, 16, &x, &y);
  g_assert_cmpfloat (fmod (x - 36, 16), ==, 0);
  g_assert_cmpfloat (fmod (y - 36, 16), ==, 0);
  g_assert_cmpfloat (x - 36 - 18, >=, train.x + train.w + 18);
  g_assert_cmpfloat (x, <=, 108 + 8 * 16);
  g_assert_cmpstr (vpc_containment_subnet_at (f->design, x, y)->id, ==, "sn-a");
  id = vpc_containment_place (f->design, "workload:training_job", x, y, &reason);
  g_assert_nonnull (id);
  r = rect_of (f, id);
  g_assert_cmpfloat (r.x, ==, x - 36);
  g_assert_true (vpc_id_list_contains (vpc_design_lookup (f->design, id)->subnets, "sn-a"));
  /* Below the subnet's name, above its interface markers. */
  g_assert_cmpfloat (r.y, >=, 100 + 56);
  g_assert_cmpfloat (r.y + r.h, <=, 290 - 28);

  /* A security group dropped on sg-1 goes beside it. */
  vpc_containment_drop_point (f->design, "sg", 636, 536, 16, &x, &y);
  g_assert_true (ABS (x - 636) >= 72 + 36 || ABS (y - 536) >= 72 + 10);
  /* A zone dropped on az-b does not cover it. */
  vpc_containment_drop_point (f->design, "az", 686, 256, 16, &x, &y);
  g_assert_true (x - 210 >= 476 + 420 || x + 210 <= 476 || y - 122 >= 56 + 400 || y + 122 <= 56);
  g_assert_true (x - 210 >= 24 + 420 || y - 122 >= 56 + 400);  /* nor az-a */

  /* Targets, and the design's verdict on a drop, without touching it. */
  g_assert_cmpstr (vpc_containment_drop_target (f->design, "subnet:private", 200, 380), ==, "az-a");
  g_assert_cmpstr (vpc_containment_drop_target (f->design, "endpoint:logs", 234, 370), ==, "sn-a2");
  g_assert_null (vpc_containment_drop_target (f->design, "endpoint:s3", 234, 370));
  g_assert_null (vpc_containment_drop_target (f->design, "sg", 234, 370));
  {
    guint64 revision = vpc_design_get_revision (f->design);
    g_autofree char *why = NULL;
    g_autofree char *hint = NULL;

    g_assert_false (vpc_containment_check_place (f->design, "endpoint:logs", 234, 370, &why));
    g_assert_nonnull (strstr (why, "sn-a2"));
    hint = vpc_containment_drop_hint (why);
    g_assert_true (g_str_has_prefix (hint, "Cannot drop here: Endpoint"));
    g_assert_true (vpc_containment_check_place (f->design, "endpoint:logs", 686, 195, NULL));
    g_assert_cmpuint (vpc_design_get_revision (f->design), ==, revision);
  }
}

static void
test_place (Fixture *f, gconstpointer data)
{
  g_autofree char *reason = NULL;
  g_autofree char *az = NULL, *sn = NULL, *nat = NULL, *train = NULL;
  double x, y;

  g_assert_null (vpc_containment_place (f->design, "subnet:public", 950, 650, &reason));
  g_assert_nonnull (reason);
  g_assert_null (vpc_containment_place (f->design, "bogus", 0, 0, NULL));

  vpc_containment_default_point (f->design, "az", NULL, 0, 0, &x, &y);
  az = vpc_containment_place (f->design, "az", x, y, NULL);
  g_assert_cmpstr (az, ==, "az-1");
  g_assert_cmpstr (vpc_design_lookup (f->design, az)->name, ==, "us-east-1c");
  /* The VPC grew around it. */
  g_assert_cmpfloat (vpc_design_get_info (f->design)->vpc_layout.w, >, 1000);

  vpc_containment_default_point (f->design, "subnet:public", az, 0, 0, &x, &y);
  sn = vpc_containment_place (f->design, "subnet:public", x, y, NULL);
  g_assert_nonnull (sn);
  g_assert_cmpstr (vpc_design_lookup (f->design, sn)->az, ==, az);
  g_assert_cmpstr (vpc_design_lookup (f->design, sn)->cidr, ==, "10.0.0.0/24");
  g_assert_cmpint (vpc_design_lookup (f->design, sn)->route, ==, VPC_ROUTE_PUBLIC);

  vpc_containment_default_point (f->design, "nat", NULL, 0, 0, &x, &y);
  nat = vpc_containment_place (f->design, "nat", x, y, NULL);
  g_assert_cmpstr (vpc_design_lookup (f->design, nat)->subnet, ==, sn);

  vpc_containment_default_point (f->design, "workload:training_job", "sn-b", 0, 0, &x, &y);
  train = vpc_containment_place (f->design, "workload:training_job", x, y, NULL);
  g_assert_cmpstr (train, ==, "train-2");
  g_assert_true (vpc_id_list_contains (vpc_design_lookup (f->design, train)->subnets, "sn-b"));

  /* Each placement is one step. */
  for (int i = 0; i < 4; i++)
    g_assert_true (vpc_design_undo (f->design));
  g_assert_false (vpc_design_get_can_undo (f->design));
}

static void
test_paste_renames (Fixture *f, gconstpointer data)
{
  g_autoptr(VpcClipboard) clip = NULL;
  g_auto(GStrv) ids = NULL;
  const VpcElement *sn, *train;

  vpc_selection_set_one (f->selection, "sn-a");
  clip = vpc_clipboard_copy (f->design, f->selection);
  g_assert_cmpuint (vpc_clipboard_get_n_elements (clip), ==, 2); /* with train-1 inside */
  ids = vpc_clipboard_paste (clip, f->design, 0, 330, NULL);
  g_assert_cmpuint (g_strv_length (ids), ==, 2);
  g_assert_cmpstr (ids[0], ==, "sn-a-1");
  g_assert_cmpstr (ids[1], ==, "train-2");
  sn = vpc_design_lookup (f->design, "sn-a-1");
  g_assert_cmpstr (sn->az, ==, "az-a");
  g_assert_cmpstr (sn->cidr, ==, "10.0.0.0/24");
  g_assert_cmpfloat (sn->layout.y, ==, 430);
  train = vpc_design_lookup (f->design, "train-2");
  g_assert_cmpuint (train->subnets->len, ==, 1);
  g_assert_cmpstr (g_ptr_array_index (train->subnets, 0), ==, "sn-a-1");
  g_assert_cmpstr (vpc_design_get_undo_label (f->design), ==, "Paste");

  /* Pasting again gives fresh ids again. */
  g_clear_pointer (&ids, g_strfreev);
  ids = vpc_clipboard_paste (clip, f->design, 20, 20, NULL);
  g_assert_cmpstr (ids[0], ==, "sn-a-2");
  g_assert_cmpstr (ids[1], ==, "train-3");

  /* A subnet whose AZ is gone is left out. */
  {
    const char *gone[] = { "az-a" };
    g_auto(GStrv) none = NULL;
    g_autofree char *reason = NULL;

    vpc_design_delete (f->design, gone, 1);
    none = vpc_clipboard_paste (clip, f->design, 0, 0, &reason);
    g_assert_cmpuint (g_strv_length (none), ==, 1); /* just the workload */
    g_assert_null (reason);
  }
}

/* The text form is a design file of its own: the copy with its AZ, read
 * back as the loader reads a file; text that is not a design is refused
 * with the place named. */
static void
test_clipboard_text (Fixture *f, gconstpointer data)
{
  g_autofree char *text = NULL;
  g_autoptr(VpcDesign) alone = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(VpcClipboard) back = NULL;
  g_autoptr(VpcClipboard) bad = NULL;
  g_auto(GStrv) ids = NULL;
  guint before = vpc_design_get_total_elements (f->design);

  vpc_selection_set_one (f->selection, "sn-a");
  text = vpc_clipboard_serialize (f->design, f->selection);
  bytes = g_bytes_new (text, strlen (text));
  alone = vpc_file_load_bytes (bytes, NULL, &error);
  g_assert_no_error (error);
  /* sn-a, train-1 inside it, and az-a that sn-a cannot exist without. */
  g_assert_cmpuint (vpc_design_get_total_elements (alone), ==, 3);
  g_assert_nonnull (vpc_design_lookup (alone, "az-a"));
  g_assert_nonnull (vpc_design_lookup (alone, "train-1"));
  g_assert_null (vpc_design_lookup (alone, "sn-b"));
  /* What train-1 referred to outside the copy is left out. */
  g_assert_cmpuint (vpc_design_lookup (alone, "train-1")->subnets->len, ==, 1);

  back = vpc_clipboard_new_from_text (text, strlen (text), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (vpc_clipboard_get_n_elements (back), ==, 3);
  ids = vpc_clipboard_paste (back, f->design, 0, 400, NULL);
  g_assert_cmpuint (g_strv_length (ids), ==, 3);
  g_assert_cmpuint (vpc_design_get_total_elements (f->design), ==, before + 3);

  bad = vpc_clipboard_new_from_text ("{\"format\": 1, \"subnets\": 3}", 27, &error);
  g_assert_null (bad);
  g_assert_nonnull (error);
  g_assert_true (error->domain == VPC_FILE_ERROR);
  g_assert_true (g_str_has_prefix (error->message, "format: ")); /* the place first */
}

static void
test_delete_and_tab (Fixture *f, gconstpointer data)
{
  const char *next;

  next = vpc_editing_next_element (f->design, NULL, FALSE);
  g_assert_cmpstr (next, ==, "az-a");
  next = vpc_editing_next_element (f->design, "az-a", FALSE);
  g_assert_cmpstr (next, ==, "az-b");
  next = vpc_editing_next_element (f->design, "az-a", TRUE);
  g_assert_cmpstr (next, ==, "train-1");  /* kinds in file order, workloads last */
  next = vpc_editing_next_element (f->design, "sn-a2", FALSE);
  g_assert_cmpstr (next, ==, "sg-1");
  next = vpc_editing_next_element (f->design, "train-1", FALSE);
  g_assert_cmpstr (next, ==, "az-a");

  vpc_editing_select_all (f->design, f->selection);
  g_assert_cmpuint (g_hash_table_size (f->selection), ==,
                    vpc_design_get_total_elements (f->design));
  vpc_selection_set_one (f->selection, "az-a");
  g_assert_cmpuint (vpc_editing_delete_selection (f->design, f->selection), ==, 1);
  g_assert_null (vpc_design_lookup (f->design, "sn-a"));  /* with its subnets */
  g_assert_cmpuint (g_hash_table_size (f->selection), ==, 0);
  g_assert_true (vpc_design_undo (f->design));
  g_assert_nonnull (vpc_design_lookup (f->design, "sn-a"));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
#define ADD(path, func) g_test_add (path, Fixture, NULL, setup, func, teardown)
  ADD ("/ui/tools/select-click", test_select_click);
  ADD ("/ui/tools/rubber-band", test_rubber_band);
  ADD ("/ui/tools/move-one-step", test_move_one_step);
  ADD ("/ui/tools/drag-is-view-state", test_drag_is_view_state);
  ADD ("/ui/tools/nudge", test_nudge);
  ADD ("/ui/tools/resize", test_resize);
  ADD ("/ui/tools/connect", test_connect);
  ADD ("/ui/containment/subnet-changes-az", test_subnet_changes_az);
  ADD ("/ui/containment/az-carries-subnets", test_az_carries_subnets);
  ADD ("/ui/containment/endpoint-drop-extends", test_endpoint_drop_extends);
  ADD ("/ui/containment/second-interface-refused", test_second_interface_refused);
  ADD ("/ui/containment/place", test_place);
  ADD ("/ui/containment/drop-verdict", test_drop_verdict);
  ADD ("/ui/containment/drop-point", test_drop_point);
  ADD ("/ui/clipboard/paste-renames", test_paste_renames);
  ADD ("/ui/clipboard/text-form", test_clipboard_text);
  ADD ("/ui/tools/delete-and-tab", test_delete_and_tab);
#undef ADD
  return g_test_run ();
}
