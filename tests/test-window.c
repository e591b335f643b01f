/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-window.c: the whole editor window under Xvfb: the sidebar wired to
 * the canvas, unsaved changes, files changed on disk, recovery after a
 * crash, accessibility and a screenshot.
 *
 * Runs in suite 'gui' (GDK_BACKEND=x11, GSK_RENDERER=cairo, GTK_A11Y=test,
 * XDG_DATA_HOME in the build tree). VPC_UPDATE_GOLDENS=1 rewrites the
 * golden screenshot.
 */
#include <adwaita.h>
#include <glib/gstdio.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "gui-test-utils.h"
#include "vpc-application.h"
#include "vpc-canvas.h"
#include "vpc-cost.h"
#include "vpc-file.h"
#include "vpc-outline-model.h"
#include "vpc-recovery.h"
#include "vpc-window.h"
#include "vpc-window-private.h"

#define EXAMPLE "training-cannot-reach-s3-ecr.vpcd.json"

typedef struct
{
  VpcWindow  *window;
  VpcCanvas  *canvas;
  VpcSidebar *sidebar;
  VpcDesign  *design;
  char       *dir;
  char       *path;
} Fixture;

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  g_autofree char *src = g_build_filename (g_getenv ("VPC_EXAMPLES_DIR"), EXAMPLE, NULL);
  g_autoptr(GError) error = NULL;

  /* The screenshot shows the folder in the subtitle: give it a fixed one. */
  if (data != NULL)
    {
      f->dir = g_build_filename (g_get_tmp_dir (), data, NULL);
      g_assert_cmpint (g_mkdir_with_parents (f->dir, 0700), ==, 0);
    }
  else
    f->dir = g_dir_make_tmp ("vpc-window-XXXXXX", &error);
  g_assert_no_error (error);
  f->path = gui_test_copy_file (src, f->dir, EXAMPLE);

  f->window = g_object_new (VPC_TYPE_WINDOW, "default-width", 1180, "default-height", 760, NULL);
  f->canvas = VPC_CANVAS (vpc_window_get_canvas (f->window));
  f->sidebar = vpc_window_get_sidebar (f->window);
  f->design = gui_test_window_open (f->window, f->path, 10);
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  if (f->window != NULL)
    gtk_window_destroy (GTK_WINDOW (f->window));
  gui_test_spin (10);
  gui_test_remove_copy (f->dir, f->path);
  g_free (f->path);
  g_free (f->dir);
}

/* Widgets */

/* The visible message dialog over @parent, or NULL. */
static AdwMessageDialog *
find_dialog (GtkWindow *parent)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWindow) window = g_list_model_get_item (toplevels, i);

      if (ADW_IS_MESSAGE_DIALOG (window) && gtk_window_get_transient_for (window) == parent &&
          gtk_widget_get_visible (GTK_WIDGET (window)))
        return ADW_MESSAGE_DIALOG (window);
    }
  return NULL;
}

/* What a click on a response button does: respond, then close. */
static void
respond (AdwMessageDialog *dialog,
         const char       *response)
{
  g_object_ref (dialog);
  adw_message_dialog_response (dialog, response);
  gtk_window_destroy (GTK_WINDOW (dialog));
  g_object_unref (dialog);
  gui_test_spin (10);
}

static char *
cost_text (VpcDesign *design)
{
  g_autoptr(VpcCostReport) report = vpc_cost_compute (design, NULL);

  return vpc_cost_format (report->total_micros, FALSE);
}

/* Tests: the sidebar follows the window's design */

static void
test_sidebar_follows_model (Fixture       *f,
                            gconstpointer  data)
{
  GtkWidget *findings = GTK_WIDGET (vpc_sidebar_get_findings_panel (f->sidebar));
  GtkWidget *cost = GTK_WIDGET (vpc_sidebar_get_cost_panel (f->sidebar));
  const char *ids[] = { "ep-sts", NULL };
  g_autofree char *before = cost_text (f->design);
  g_autofree char *after = NULL;

  g_assert_cmpstr (gui_test_named_label (findings, "errors-count"), ==, "2 errors");
  g_assert_cmpstr (gui_test_named_label (cost, "cost-total"), ==, "$58.40");
  g_assert_cmpstr (before, ==, "$58.40");
  g_assert_nonnull (gui_test_find_finding_row (findings, "VPC101"));

  /* Removing the STS endpoint: cheaper, and one more thing missing. */
  vpc_design_delete (f->design, ids, 1);
  gui_test_spin (10);
  after = cost_text (f->design);
  g_assert_cmpstr (after, ==, "$43.80");
  g_assert_cmpstr (gui_test_named_label (cost, "cost-total"), ==, after);
  g_assert_nonnull (gui_test_find_finding_row (findings, "VPC101"));
  g_assert_cmpuint (g_list_model_get_n_items (vpc_canvas_get_findings (f->canvas)), >=, 3);

  vpc_design_undo (f->design);
  gui_test_spin (10);
  g_assert_cmpstr (gui_test_named_label (cost, "cost-total"), ==, "$58.40");
  g_assert_cmpstr (gui_test_named_label (findings, "errors-count"), ==, "2 errors");
}

/* The position of the first outline row of @id, or G_MAXUINT. */
static guint
outline_position (GtkSelectionModel *rows,
                  const char        *id)
{
  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (rows)); i++)
    {
      g_autoptr(GtkTreeListRow) row = g_list_model_get_item (G_LIST_MODEL (rows), i);
      g_autoptr(VpcOutlineNode) node = gtk_tree_list_row_get_item (row);

      if (g_str_equal (vpc_outline_node_get_id (node), id))
        return i;
    }
  return G_MAXUINT;
}

static guint
outline_selected_count (GtkSelectionModel *rows)
{
  g_autoptr(GtkBitset) set = gtk_selection_model_get_selection (rows);

  return (guint) gtk_bitset_get_size (set);
}

static gboolean
has_finding (VpcValidator *validator,
             const char   *id,
             const char   *rule)
{
  g_autoptr(GPtrArray) findings = vpc_validator_findings_for (validator, id);

  for (guint i = 0; i < findings->len; i++)
    if (g_str_equal (vpc_finding_get_rule_id (g_ptr_array_index (findings, i)), rule))
      return TRUE;
  return FALSE;
}

/* The Outline page: selection both ways with the canvas, and the row
 * menu's commands (rename, quick fix, delete) on the selected element. */
static void
test_outline_commands (Fixture       *f,
                       gconstpointer  data)
{
  VpcOutline *outline = vpc_sidebar_get_outline (f->sidebar);
  GtkSelectionModel *rows = vpc_outline_get_model (outline);
  GHashTable *selection = vpc_canvas_get_selection (f->canvas);
  const char *train[] = { "train", NULL };
  guint position;
  GtkWidget *focus;

  vpc_sidebar_set_page (f->sidebar, "outline");
  gui_test_spin (10);
  g_assert_cmpuint (vpc_outline_get_n_rows (outline), >, vpc_design_get_total_elements (f->design));

  /* Canvas → outline: both rows of the job (it is in two subnets). */
  vpc_canvas_select (f->canvas, train);
  gui_test_spin (5);
  g_assert_cmpuint (outline_selected_count (rows), ==, 2);
  g_assert_true (gtk_selection_model_is_selected (rows, outline_position (rows, "train")));

  /* Outline → canvas. */
  position = outline_position (rows, "sg-ml");
  g_assert_cmpuint (position, !=, G_MAXUINT);
  gtk_selection_model_select_item (rows, position, TRUE);
  gui_test_spin (5);
  g_assert_cmpuint (g_hash_table_size (selection), ==, 1);
  g_assert_true (g_hash_table_contains (selection, "sg-ml"));

  /* The VPC's row stays selected (the VPC is no element of the file). */
  gtk_selection_model_select_item (rows, outline_position (rows, "#vpc"), TRUE);
  gui_test_spin (5);
  g_assert_true (g_hash_table_contains (selection, "#vpc"));
  g_assert_true (gtk_selection_model_is_selected (rows, outline_position (rows, "#vpc")));
  gtk_selection_model_select_item (rows, outline_position (rows, "sg-ml"), TRUE);
  gui_test_spin (5);

  /* An edit rebuilds the rows; keyboard focus comes back to the selected
   * row instead of falling out of the window. */
  gtk_widget_grab_focus (GTK_WIDGET (outline));
  gtk_widget_child_focus (GTK_WIDGET (outline), GTK_DIR_TAB_FORWARD);
  {
    g_autoptr(VpcElement) renamed = vpc_element_copy (vpc_design_lookup (f->design, "private-a"));
    GtkWidget *expander;

    g_free (renamed->name);
    renamed->name = g_strdup ("Renamed A");
    g_assert_true (vpc_design_replace_element (f->design, g_steal_pointer (&renamed)));
    vpc_validator_flush (f->window->validator);
    gui_test_spin (10);
    focus = gtk_root_get_focus (GTK_ROOT (f->window));
    g_assert_nonnull (focus);
    g_assert_true (gtk_widget_is_ancestor (focus, GTK_WIDGET (outline)));
    /* The row widget, or its expander (GTK 4.8 gives the focus on). */
    expander = GTK_IS_TREE_EXPANDER (focus) ? focus : gtk_widget_get_first_child (focus);
    g_assert_true (GTK_IS_TREE_EXPANDER (expander));
    g_assert_cmpuint (gtk_tree_list_row_get_position (gtk_tree_expander_get_list_row (
                          GTK_TREE_EXPANDER (expander))), ==, outline_position (rows, "sg-ml"));
  }

  /* Rename (F2): the inspector, with focus in the Name row. */
  gtk_widget_activate_action (GTK_WIDGET (outline), "sidebar.edit-field", "s", "name");
  gui_test_spin (5);
  g_assert_cmpstr (vpc_sidebar_get_page (f->sidebar), ==, "inspector");
  focus = gtk_root_get_focus (GTK_ROOT (f->window));
  g_assert_nonnull (focus);
  g_assert_nonnull (gtk_widget_get_ancestor (focus, ADW_TYPE_ENTRY_ROW));
  g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (
                       gtk_widget_get_ancestor (focus, ADW_TYPE_ENTRY_ROW))), ==, "Name");

  /* A quick fix from the job's menu (its second: ECR's endpoints, for
   * VPC105): the finding goes, in one undoable step. */
  vpc_sidebar_set_page (f->sidebar, "outline");
  vpc_canvas_select (f->canvas, train);
  gui_test_spin (5);
  g_assert_true (has_finding (f->window->validator, "train", "VPC105"));
  gtk_widget_activate_action (GTK_WIDGET (outline), "outline.context-menu", NULL);
  gui_test_spin (5);
  gtk_widget_activate_action (GTK_WIDGET (outline), "outline.quick-fix", "u", 1);
  vpc_validator_flush (f->window->validator);
  gui_test_spin (10);
  g_assert_false (has_finding (f->window->validator, "train", "VPC105"));
  g_assert_true (has_finding (f->window->validator, "train", "VPC101"));
  g_assert_true (vpc_design_get_can_undo (f->design));

  /* Delete from the outline. */
  gtk_widget_activate_action (GTK_WIDGET (outline), "win.canvas-action", "s", "canvas.delete");
  gui_test_spin (10);
  g_assert_null (vpc_design_lookup (f->design, "train"));
  g_assert_cmpuint (outline_position (rows, "train"), ==, G_MAXUINT);
}

static void
test_finding_selects_elements (Fixture       *f,
                               gconstpointer  data)
{
  GtkWidget *findings = GTK_WIDGET (vpc_sidebar_get_findings_panel (f->sidebar));
  VpcFindingRow *row = gui_test_find_finding_row (findings, "VPC101");
  VpcFinding *finding;
  const char *const *elements;
  GHashTable *selection = vpc_canvas_get_selection (f->canvas);

  g_assert_nonnull (row);
  finding = vpc_finding_row_get_finding (row);
  elements = vpc_finding_get_elements (finding);
  g_assert_nonnull (elements[0]);
  /* What a click on the row does. */
  g_signal_emit_by_name (gtk_widget_get_parent (GTK_WIDGET (row)), "row-activated", row);
  gui_test_spin (10);
  g_assert_cmpuint (g_hash_table_size (selection), ==, g_strv_length ((char **) elements));
  for (guint i = 0; elements[i] != NULL; i++)
    g_assert_true (g_hash_table_contains (selection, elements[i]));
  /* The inspector follows the canvas selection. */
  g_assert_nonnull (vpc_inspector_get_selection (vpc_sidebar_get_inspector (f->sidebar)));
  g_assert_true (g_hash_table_contains (
      selection, vpc_inspector_get_selection (vpc_sidebar_get_inspector (f->sidebar))));
}

static void
test_quick_fix_and_undo (Fixture       *f,
                         gconstpointer  data)
{
  GtkWidget *findings = GTK_WIDGET (vpc_sidebar_get_findings_panel (f->sidebar));
  GtkWidget *cost = GTK_WIDGET (vpc_sidebar_get_cost_panel (f->sidebar));
  VpcFindingRow *row = gui_test_find_finding_row (findings, "VPC105");
  const char *label;

  g_assert_nonnull (row);
  vpc_finding_row_set_expanded (row, TRUE);
  label = vpc_finding_row_get_quick_fix_label (row);
  g_assert_nonnull (label);
  /* ecr.api and ecr.dkr, each in two AZs: 4 × 730 h × $0.01. */
  g_assert_true (g_str_has_suffix (label, "+$29.20/month"));

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (row), "finding.apply-fix", NULL));
  gui_test_spin (10);
  g_assert_null (gui_test_find_finding_row (findings, "VPC105"));
  g_assert_cmpstr (gui_test_named_label (cost, "cost-total"), ==, "$87.60");
  g_assert_true (vpc_window_get_modified (f->window));
  g_assert_true (g_str_has_prefix (gtk_window_get_title (GTK_WINDOW (f->window)), "• "));

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.undo", NULL));
  gui_test_spin (10);
  g_assert_nonnull (gui_test_find_finding_row (findings, "VPC105"));
  g_assert_cmpstr (gui_test_named_label (cost, "cost-total"), ==, "$58.40");
  g_assert_false (vpc_window_get_modified (f->window));
}

static void
test_region_reprices (Fixture       *f,
                      gconstpointer  data)
{
  GtkWidget *cost = GTK_WIDGET (vpc_sidebar_get_cost_panel (f->sidebar));
  AdwComboRow *region = ADW_COMBO_ROW (gui_test_find_named (cost, "cost-region"));
  const char *const *regions = vpc_cost_regions ();
  g_autofree char *expected = NULL;
  guint eu = 0;

  g_assert_nonnull (region);
  while (regions[eu] != NULL && g_strcmp0 (regions[eu], "eu-west-1") != 0)
    eu++;
  g_assert_nonnull (regions[eu]);
  adw_combo_row_set_selected (region, eu);
  gui_test_spin (10);
  g_assert_cmpstr (vpc_design_get_info (f->design)->region, ==, "eu-west-1");
  expected = cost_text (f->design);
  g_assert_cmpstr (expected, !=, "$58.40");
  g_assert_cmpstr (gui_test_named_label (cost, "cost-total"), ==, expected);
  g_assert_true (vpc_window_get_modified (f->window));
}

static void
test_tooltip_lists_findings (Fixture       *f,
                             gconstpointer  data)
{
  g_autofree char *markup = vpc_canvas_get_findings_markup (f->canvas, "train");
  g_autofree char *none = vpc_canvas_get_findings_markup (f->canvas, "ep-sts");

  g_assert_nonnull (markup);
  g_assert_nonnull (strstr (markup, "VPC101"));
  g_assert_nonnull (strstr (markup, "VPC105"));
  g_assert_null (none);
}

static void
count_cb (GListModel *model,
          guint       position,
          guint       removed,
          guint       added,
          guint      *count)
{
  (*count)++;
}

/* A burst of edits (repeated undo, typing in the inspector) is validated
 * once, after it. (A canvas drag is not a burst any more: it is previewed
 * as view state and applied as one edit on release.) */
static void
test_validation_coalesced (Fixture       *f,
                           gconstpointer  data)
{
  VpcValidator *validator = VPC_VALIDATOR (vpc_canvas_get_findings (f->canvas));
  const char *ids[] = { "ep-sts", NULL };
  guint count = 0;

  g_assert_true (vpc_validator_get_deferred (validator));
  g_signal_connect (validator, "items-changed", G_CALLBACK (count_cb), &count);
  for (int i = 0; i < 5; i++)
    {
      vpc_design_delete (f->design, ids, 1);
      vpc_design_undo (f->design);
    }
  vpc_design_delete (f->design, ids, 1);
  g_assert_cmpuint (count, ==, 0);
  gui_test_spin (10);
  g_assert_cmpuint (count, ==, 1);
  g_signal_handlers_disconnect_by_func (validator, count_cb, &count);
}

/* Files */

static void
test_close_unsaved (Fixture       *f,
                    gconstpointer  data)
{
  GtkWidget *window = GTK_WIDGET (f->window);
  AdwMessageDialog *dialog;

  g_object_add_weak_pointer (G_OBJECT (window), (gpointer *) &f->window);
  gtk_widget_activate_action (GTK_WIDGET (f->canvas), "canvas.add-element", "s", "az");
  g_assert_true (vpc_window_get_modified (f->window));

  gtk_window_close (GTK_WINDOW (window));
  gui_test_spin (10);
  dialog = find_dialog (GTK_WINDOW (window));
  g_assert_nonnull (dialog);
  g_assert_cmpstr (adw_message_dialog_get_heading (dialog), ==, "Save Changes?");
  respond (dialog, "cancel");
  g_assert_nonnull (f->window);
  g_assert_true (gtk_widget_get_visible (window));
  g_assert_null (find_dialog (GTK_WINDOW (window)));

  gtk_window_close (GTK_WINDOW (window));
  gui_test_spin (10);
  dialog = find_dialog (GTK_WINDOW (window));
  g_assert_nonnull (dialog);
  respond (dialog, "discard");
  /* Closed: the window (not held by an application) is gone. */
  g_assert_null (f->window);
}

/* File → Import: a template becomes a new, unsaved design in this window
 * (its design was unmodified), with what was left out listed; a broken
 * template changes nothing. */
static void
test_import_template (Fixture       *f,
                      gconstpointer  data)
{
  g_autofree char *source
      = g_test_build_filename (G_TEST_DIST, "data", "import", "short-forms.yaml", NULL);
  g_autofree char *bad = g_build_filename (f->dir, "broken.yaml", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (source);
  g_autoptr(GFile) broken = g_file_new_for_path (bad);
  AdwMessageDialog *dialog;
  VpcDesign *imported;

  g_assert_true (_vpc_window_import_file (f->window, file));
  gui_test_spin (10);
  imported = vpc_window_get_design (f->window);
  g_assert_true (imported != f->design);
  g_assert_cmpuint (vpc_design_get_n_elements (imported, VPC_KIND_SUBNET), ==, 3);
  g_assert_cmpuint (vpc_design_get_n_elements (imported, VPC_KIND_ENDPOINT), ==, 2);
  g_assert_null (vpc_window_get_file (f->window));
  g_assert_true (vpc_window_get_modified (f->window));
  dialog = find_dialog (GTK_WINDOW (f->window));
  g_assert_nonnull (dialog);
  g_assert_cmpstr (adw_message_dialog_get_heading (dialog), ==, "Imported “short-forms.yaml”");
  g_assert_nonnull (strstr (adw_message_dialog_get_body (dialog), "AWS::S3::Bucket"));
  respond (dialog, "close");
  gui_test_spin (5);

  g_assert_true (g_file_set_contents (bad, "Resources: [unclosed\n", -1, NULL));
  g_assert_false (_vpc_window_import_file (f->window, broken));
  gui_test_spin (10);
  g_assert_true (vpc_window_get_design (f->window) == imported);
  dialog = find_dialog (GTK_WINDOW (f->window));
  g_assert_nonnull (dialog);
  g_assert_nonnull (strstr (adw_message_dialog_get_heading (dialog), "Could not import"));
  respond (dialog, "close");
  /* AWS CLI outputs, several at once, become one design. */
  {
    g_autofree char *dir = g_test_build_filename (G_TEST_DIST, "data", "import", "aws-cli", NULL);
    g_autoptr(GPtrArray) outputs = g_ptr_array_new_with_free_func (g_object_unref);
    const char *names[]
        = { "describe-subnets.json", "describe-route-tables.json", "describe-security-groups.json",
            "describe-vpc-endpoints.json", "describe-training-job.json" };
    VpcDesign *from_cli;

    for (guint i = 0; i < G_N_ELEMENTS (names); i++)
      {
        g_autofree char *path = g_build_filename (dir, names[i], NULL);

        g_ptr_array_add (outputs, g_file_new_for_path (path));
      }
    /* Two VPCs among the subnets: refused, with the reason. */
    vpc_design_mark_saved (imported);
    g_assert_false (_vpc_window_import_files (f->window, outputs));
    gui_test_spin (5);
    dialog = find_dialog (GTK_WINDOW (f->window));
    g_assert_nonnull (dialog);
    g_assert_nonnull (strstr (adw_message_dialog_get_body (dialog), "--vpc"));
    respond (dialog, "close");
    /* The subnets of one VPC (a describe-subnets filtered by vpc-id). */
    {
      g_autofree char *one = g_build_filename (f->dir, "subnets.json", NULL);

      g_assert_true (g_file_set_contents (
          one,
          "{ \"Subnets\": [ { \"SubnetId\": \"subnet-0aaa1111aaaa1111a\", "
          "\"VpcId\": \"vpc-0a1b2c3d4e5f60718\", \"CidrBlock\": \"10.1.1.0/24\", "
          "\"AvailabilityZone\": \"eu-west-1a\" } ] }",
          -1, NULL));
      g_object_unref (g_ptr_array_index (outputs, 0));
      g_ptr_array_index (outputs, 0) = g_file_new_for_path (one);
    }
    g_assert_true (_vpc_window_import_files (f->window, outputs));
    gui_test_spin (10);
    from_cli = vpc_window_get_design (f->window);
    g_assert_true (from_cli != imported);
    g_assert_nonnull (vpc_design_lookup (from_cli, "churn-xgb-2026-01-15"));
    dialog = find_dialog (GTK_WINDOW (f->window));
    if (dialog != NULL)
      respond (dialog, "close");
    vpc_design_mark_saved (from_cli);
    {
      g_autofree char *one = g_build_filename (f->dir, "subnets.json", NULL);

      g_unlink (one);
    }
  }
  g_unlink (bad);
}

static void
test_load_error_keeps_design (Fixture       *f,
                              gconstpointer  data)
{
  g_autofree char *bad = g_build_filename (f->dir, "broken.vpcd.json", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (bad);
  AdwMessageDialog *dialog;

  g_assert_true (g_file_set_contents (bad, "{ not json", -1, NULL));
  vpc_window_open_file (f->window, file);
  gui_test_spin (10);
  g_assert_true (vpc_window_get_design (f->window) == f->design);
  dialog = find_dialog (GTK_WINDOW (f->window));
  g_assert_nonnull (dialog);
  g_assert_nonnull (strstr (adw_message_dialog_get_heading (dialog), "Could not open"));
  respond (dialog, "close");
  g_unlink (bad);
}

/* A window made to open a file shows the editor's page from the start (the
 * start page is never laid out for it), and the start page again when the
 * file cannot be opened. */
static void
test_expect_file (Fixture       *f,
                  gconstpointer  data)
{
  g_autofree char *bad = g_build_filename (f->dir, "broken.vpcd.json", NULL);
  g_autoptr(GFile) broken = g_file_new_for_path (bad);
  g_autoptr(GFile) good = g_file_new_for_path (f->path);
  VpcWindow *window = g_object_new (VPC_TYPE_WINDOW, NULL);
  AdwMessageDialog *dialog;

  g_assert_true (g_file_set_contents (bad, "{ not json", -1, NULL));
  g_assert_cmpstr (gtk_stack_get_visible_child_name (window->stack), ==, "start");
  vpc_window_expect_file (window);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (window->stack), ==, "editor");
  gtk_window_present (GTK_WINDOW (window));
  vpc_window_open_file (window, broken);
  gui_test_spin (10);
  g_assert_null (vpc_window_get_design (window));
  g_assert_cmpstr (gtk_stack_get_visible_child_name (window->stack), ==, "start");
  dialog = find_dialog (GTK_WINDOW (window));
  g_assert_nonnull (dialog);
  respond (dialog, "close");

  vpc_window_expect_file (window);
  vpc_window_open_file (window, good);
  gui_test_spin (10);
  g_assert_nonnull (vpc_window_get_design (window));
  g_assert_cmpstr (gtk_stack_get_visible_child_name (window->stack), ==, "editor");
  /* With a design shown, expecting another changes nothing. */
  vpc_window_expect_file (window);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (window->stack), ==, "editor");
  gtk_window_destroy (GTK_WINDOW (window));
  gui_test_spin (2);
  g_unlink (bad);
}

static void
test_changed_on_disk (Fixture       *f,
                      gconstpointer  data)
{
  AdwMessageDialog *dialog;
  g_autofree char *text = NULL;
  g_autoptr(VpcDesign) saved = NULL;

  /* Another program rewrites the file (a different size). */
  g_assert_true (g_file_set_contents (f->path, "{\"changed\": \"elsewhere\"}\n", -1, NULL));
  gtk_widget_activate_action (GTK_WIDGET (f->canvas), "canvas.add-element", "s", "az");

  gtk_widget_activate_action (GTK_WIDGET (f->window), "win.save", NULL);
  gui_test_spin (10);
  dialog = find_dialog (GTK_WINDOW (f->window));
  g_assert_nonnull (dialog);
  g_assert_cmpstr (adw_message_dialog_get_heading (dialog), ==, "File Changed on Disk");
  respond (dialog, "cancel");
  g_assert_true (g_file_get_contents (f->path, &text, NULL, NULL));
  g_assert_cmpstr (text, ==, "{\"changed\": \"elsewhere\"}\n");
  g_assert_true (vpc_window_get_modified (f->window));

  gtk_widget_activate_action (GTK_WIDGET (f->window), "win.save", NULL);
  gui_test_spin (10);
  dialog = find_dialog (GTK_WINDOW (f->window));
  g_assert_nonnull (dialog);
  respond (dialog, "overwrite");
  g_assert_false (vpc_window_get_modified (f->window));
  saved = vpc_file_load_path (f->path, NULL, NULL);
  g_assert_nonnull (saved);

  /* Saved by us: the next save does not ask. */
  gtk_widget_activate_action (GTK_WIDGET (f->canvas), "canvas.add-element", "s", "az");
  gtk_widget_activate_action (GTK_WIDGET (f->window), "win.save", NULL);
  gui_test_spin (10);
  g_assert_null (find_dialog (GTK_WINDOW (f->window)));
  g_assert_false (vpc_window_get_modified (f->window));
}

/* Accessibility: what a screen reader reads */

static void
test_accessible (Fixture       *f,
                 gconstpointer  data)
{
  GtkWidget *findings = GTK_WIDGET (vpc_sidebar_get_findings_panel (f->sidebar));
  GtkWidget *cost = GTK_WIDGET (vpc_sidebar_get_cost_panel (f->sidebar));
  GtkWidget *row = GTK_WIDGET (gui_test_find_finding_row (findings, "VPC101"));
  GtkWidget *total = gui_test_find_named (cost, "cost-total");
  g_autofree char *failure = NULL;

  g_assert_nonnull (row);
  g_assert_true (
      gtk_test_accessible_has_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_LABEL));
  g_assert_nonnull (total);
  failure = gtk_test_accessible_check_property (
      GTK_ACCESSIBLE (total), GTK_ACCESSIBLE_PROPERTY_LABEL, "Monthly cost: $58.40");
  g_assert_null (failure);
  g_assert_true (
      gtk_test_accessible_has_property (GTK_ACCESSIBLE (f->canvas), GTK_ACCESSIBLE_PROPERTY_LABEL));
}

/* Screenshot */

static void
test_screenshot (Fixture       *f,
                 gconstpointer  data)
{
  gui_test_check_screenshot (GTK_WIDGET (f->window), "window-findings");
}

/* Recovery after a crash */

static gint64
dead_pid (void)
{
  pid_t pid = fork ();

  if (pid == 0)
    _exit (0);
  g_assert_cmpint (pid, >, 0);
  waitpid (pid, NULL, 0);
  return pid;
}

/* A copy of the example as a process that died would have left it. */
static char *
plant_orphan (const char *original_path,
              gint64      pid)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(VpcDesign) design = vpc_file_load_path (original_path, NULL, &error);
  g_autofree char *dir = vpc_recovery_get_dir ();
  g_autofree char *index_path = g_build_filename (dir, "index.ini", NULL);
  g_autofree char *marker_name = g_strdup_printf ("running-%" G_GINT64_FORMAT, pid);
  g_autofree char *marker = g_build_filename (dir, marker_name, NULL);
  g_autoptr(GKeyFile) index = g_key_file_new ();
  char *id;

  g_assert_no_error (error);
  id = vpc_recovery_write (NULL, design, original_path, &error);
  g_assert_no_error (error);
  g_assert_true (g_key_file_load_from_file (index, index_path, G_KEY_FILE_NONE, NULL));
  g_key_file_set_int64 (index, id, "pid", pid);
  g_assert_true (g_key_file_save_to_file (index, index_path, NULL));
  g_assert_true (g_file_set_contents (marker, "", 0, NULL));
  return id;
}

static void
test_recovery_offer (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(VpcApplication) app = vpc_application_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *id = plant_orphan (f->path, dead_pid ());
  g_autofree char *dir = vpc_recovery_get_dir ();
  g_autofree char *name = g_strconcat (id, ".vpcd.json", NULL);
  g_autofree char *copy = g_build_filename (dir, name, NULL);
  g_autofree char *own_name = NULL;
  g_autofree char *own = NULL;
  g_autofree char *original = NULL;
  VpcWindow *window;
  AdwMessageDialog *dialog;

  g_assert_true (g_file_test (copy, G_FILE_TEST_EXISTS));
  /* Startup notices the dead process and its copy. */
  g_assert_true (g_application_register (G_APPLICATION (app), NULL, &error));
  g_assert_no_error (error);
  window = vpc_window_new (app);
  gtk_window_present (GTK_WINDOW (window));
  gtk_test_widget_wait_for_draw (GTK_WIDGET (window));

  dialog = ADW_MESSAGE_DIALOG (vpc_application_offer_recovery (app, GTK_WINDOW (window)));
  g_assert_nonnull (dialog);
  g_assert_true (find_dialog (GTK_WINDOW (window)) == dialog);
  g_assert_nonnull (strstr (adw_message_dialog_get_heading (dialog), "Recover unsaved design “"));
  g_assert_true (adw_message_dialog_has_response (dialog, "recover"));
  g_assert_true (adw_message_dialog_has_response (dialog, "discard"));
  respond (dialog, "recover");

  /* The empty window shows the design, unsaved, with its own file. */
  g_assert_nonnull (vpc_window_get_design (window));
  g_assert_true (vpc_window_get_modified (window));
  g_assert_nonnull (vpc_window_get_file (window));
  original = g_file_get_path (vpc_window_get_file (window));
  g_assert_cmpstr (original, ==, f->path);
  /* The old copy is replaced by the window's own, and offered only once. */
  g_assert_false (g_file_test (copy, G_FILE_TEST_EXISTS));
  g_assert_null (vpc_application_offer_recovery (app, GTK_WINDOW (window)));

  /* Closing and discarding removes the window's copy too. */
  gtk_window_close (GTK_WINDOW (window));
  gui_test_spin (10);
  dialog = find_dialog (GTK_WINDOW (window));
  g_assert_nonnull (dialog);
  respond (dialog, "discard");
  {
    g_autoptr(GPtrArray) left = vpc_recovery_list_orphans ();
    g_autoptr(GDir) folder = g_dir_open (dir, 0, NULL);
    const char *entry;

    g_assert_cmpuint (left->len, ==, 0);
    while ((entry = g_dir_read_name (folder)) != NULL)
      g_assert_false (g_str_has_suffix (entry, ".vpcd.json"));
  }
  own_name = g_strdup_printf ("running-%d", (int) getpid ());
  own = g_build_filename (dir, own_name, NULL);
  g_assert_true (g_file_test (own, G_FILE_TEST_EXISTS));
  vpc_recovery_end_session ();
  g_assert_false (g_file_test (own, G_FILE_TEST_EXISTS));
}

static void
remove_tree (GFile *file)
{
  g_autoptr (GFileEnumerator) children = g_file_enumerate_children (
      file, G_FILE_ATTRIBUTE_STANDARD_NAME, G_FILE_QUERY_INFO_NOFOLLOW_SYMLINKS, NULL, NULL);
  GFileInfo *info;

  while (children != NULL && (info = g_file_enumerator_next_file (children, NULL, NULL)) != NULL)
    {
      g_autoptr(GFile) child = g_file_get_child (file, g_file_info_get_name (info));

      remove_tree (child);
      g_object_unref (info);
    }
  g_file_delete (file, NULL, NULL);
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *data_home = NULL;
  g_autoptr(GFile) data_folder = NULL;
  int status;

  /* Recovery copies of this run live in a folder of their own. */
  data_home = g_dir_make_tmp ("vpc-window-data-XXXXXX", NULL);
  g_assert_nonnull (data_home);
  g_setenv ("XDG_DATA_HOME", data_home, TRUE);

  g_test_init (&argc, &argv, NULL);
  if (!gtk_init_check ())
    {
      g_printerr ("test-window: cannot open a display. The GUI suite runs under Xvfb: "
                  "use tools/test, or xvfb-run -a meson test --suite gui.\n");
      return 1;
    }
  adw_init ();
  /* Keep the user's recent files out of it (and GTK 4.8 leaks a GDateTime
   * each time it writes them). */
  g_object_set (gtk_settings_get_default (), "gtk-recent-files-enabled", FALSE, NULL);
#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_setup, func, fixture_teardown)
  ADD ("/window/sidebar/follows-model", test_sidebar_follows_model);
  ADD ("/window/sidebar/finding-selects", test_finding_selects_elements);
  ADD ("/window/sidebar/quick-fix-undo", test_quick_fix_and_undo);
  ADD ("/window/sidebar/region-reprices", test_region_reprices);
  ADD ("/window/sidebar/outline", test_outline_commands);
  ADD ("/window/canvas/tooltip", test_tooltip_lists_findings);
  ADD ("/window/canvas/validation-coalesced", test_validation_coalesced);
  ADD ("/window/files/close-unsaved", test_close_unsaved);
  ADD ("/window/files/load-error", test_load_error_keeps_design);
  ADD ("/window/files/expect-file", test_expect_file);
  ADD ("/window/files/import-template", test_import_template);
  ADD ("/window/files/changed-on-disk", test_changed_on_disk);
  ADD ("/window/a11y/sidebar", test_accessible);
  g_test_add ("/window/screenshot", Fixture, "vpc-window-golden", fixture_setup, test_screenshot,
              fixture_teardown);
  ADD ("/window/recovery/offer", test_recovery_offer);
#undef ADD
  status = g_test_run ();
  data_folder = g_file_new_for_path (data_home);
  remove_tree (data_folder);
  return status;
}
