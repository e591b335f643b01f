/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-sidebar.c: the sidebar panels under Xvfb.
 *
 * Runs in suite 'gui' with GDK_BACKEND=x11, GSK_RENDERER=cairo and
 * GTK_A11Y=test from tests/meson.build. Without a display it fails with a
 * clear message rather than skipping. VPC_UPDATE_GOLDENS=1 rewrites the
 * golden screenshots; VPC_SCREENSHOT_DIR=DIR also saves every capture there.
 */
#include <adwaita.h>
#include <string.h>

#include "gui-test-utils.h"
#include "vpc-cost.h"
#include "vpc-cost-compare.h"
#include "vpc-cost-item-row.h"
#include "vpc-panel-rows.h"
#include "vpc-preferences.h"
#include "vpc-sidebar.h"

#define SIDEBAR_WIDTH  360
#define SIDEBAR_HEIGHT 820

/* A training job in two private subnets with five interface endpoints in
 * both AZs ($73.00 a month in us-east-1) and an S3 gateway endpoint; the
 * study-guide profile misses ecr.dkr. */
static VpcDesign *
make_design (void)
{
  VpcDesign *design = vpc_design_new ();
  VpcDesignInfo *info = vpc_design_info_new ();
  const char *services[] = { "sagemaker.api", "sagemaker.runtime", "logs", "sts", "ecr.api" };
  VpcElement *e;
  VpcSgRule rule = { VPC_PROTOCOL_TCP, 443, 443, NULL };

  g_free (info->name);
  info->name = g_strdup ("Fraud model training");
  g_free (info->region);
  info->region = g_strdup ("us-east-1");
  g_free (info->vpc_name);
  info->vpc_name = g_strdup ("ml-vpc");
  g_free (info->vpc_cidr);
  info->vpc_cidr = g_strdup ("10.0.0.0/16");
  vpc_design_take_info (design, info);

  for (guint i = 0; i < 2; i++)
    {
      g_autofree char *az = g_strdup_printf ("az-%c", 'a' + i);
      g_autofree char *sn = g_strdup_printf ("sn-%c", 'a' + i);

      e = vpc_element_new (VPC_KIND_AZ, az);
      e->name = g_strdup_printf ("us-east-1%c", 'a' + i);
      vpc_design_take_element (design, e);
      e = vpc_element_new (VPC_KIND_SUBNET, sn);
      e->az = g_strdup (az);
      e->cidr = g_strdup_printf ("10.0.%u.0/24", i + 1);
      vpc_design_take_element (design, e);
    }

  e = vpc_element_new (VPC_KIND_SECURITY_GROUP, "sg-train");
  vpc_design_take_element (design, e);
  e = vpc_element_new (VPC_KIND_SECURITY_GROUP, "sg-endpoints");
  rule.peer = g_strdup ("sg-train");
  g_array_append_val (e->ingress, rule);
  vpc_design_take_element (design, e);

  e = vpc_element_new (VPC_KIND_ENDPOINT, "ep-s3");
  e->service = g_strdup ("s3");
  e->endpoint_type = VPC_ENDPOINT_GATEWAY;
  vpc_design_take_element (design, e);
  for (guint i = 0; i < G_N_ELEMENTS (services); i++)
    {
      g_autofree char *id = g_strdup_printf ("ep-%s", services[i]);

      e = vpc_element_new (VPC_KIND_ENDPOINT, id);
      e->service = g_strdup (services[i]);
      e->endpoint_type = VPC_ENDPOINT_INTERFACE;
      vpc_id_list_add (e->subnets, "sn-a");
      vpc_id_list_add (e->subnets, "sn-b");
      vpc_id_list_add (e->security_groups, "sg-endpoints");
      vpc_design_take_element (design, e);
    }

  e = vpc_element_new (VPC_KIND_WORKLOAD, "train-1");
  e->name = g_strdup ("Fraud training");
  e->workload_kind = VPC_WORKLOAD_TRAINING_JOB;
  vpc_id_list_add (e->subnets, "sn-a");
  vpc_id_list_add (e->subnets, "sn-b");
  vpc_id_list_add (e->security_groups, "sg-train");
  vpc_design_take_element (design, e);
  return design;
}

typedef struct
{
  VpcDesign    *design;
  VpcValidator *validator;
  GtkWidget    *window;
  VpcSidebar   *sidebar;
} Fixture;

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  f->design = make_design ();
  f->validator = vpc_validator_new (f->design);
  f->sidebar = VPC_SIDEBAR (vpc_sidebar_new ());
  vpc_sidebar_set_design (f->sidebar, f->design, f->validator);
  f->window = gtk_window_new ();
  gtk_window_set_default_size (GTK_WINDOW (f->window), SIDEBAR_WIDTH, SIDEBAR_HEIGHT);
  gtk_window_set_child (GTK_WINDOW (f->window), GTK_WIDGET (f->sidebar));
  gtk_window_present (GTK_WINDOW (f->window));
  gtk_test_widget_wait_for_draw (f->window);
  gui_test_spin (1);
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  gtk_window_destroy (GTK_WINDOW (f->window));
  gui_test_spin (1);
  g_assert_finalize_object (f->validator);
  g_assert_finalize_object (f->design);
}

static void
test_findings_counts (Fixture       *f,
                      gconstpointer  data)
{
  GtkWidget *panel = GTK_WIDGET (vpc_sidebar_get_findings_panel (f->sidebar));
  g_autofree char *errors
      = g_strdup_printf ("%u errors", vpc_validator_count (f->validator, VPC_SEVERITY_ERROR));
  const VpcElement *sn_b = vpc_design_lookup (f->design, "sn-b");
  g_autoptr(VpcElement) copy = vpc_element_copy (sn_b);
  guint before = vpc_validator_count (f->validator, VPC_SEVERITY_ERROR);

  g_assert_cmpuint (before, >, 0);
  if (before == 1)
    g_assert_cmpstr (gui_test_named_label (panel, "errors-count"), ==, "1 error");
  else
    g_assert_cmpstr (gui_test_named_label (panel, "errors-count"), ==, errors);

  /* A subnet outside the VPC adds VPC203: the counts follow the edit. */
  g_free (copy->cidr);
  copy->cidr = g_strdup ("10.1.2.0/24");
  vpc_design_replace_element (f->design, g_steal_pointer (&copy));
  gui_test_spin (1);
  g_assert_cmpuint (vpc_validator_count (f->validator, VPC_SEVERITY_ERROR), >, before);
  g_free (errors);
  errors = g_strdup_printf ("%u errors", vpc_validator_count (f->validator, VPC_SEVERITY_ERROR));
  g_assert_cmpstr (gui_test_named_label (panel, "errors-count"), ==, errors);

  vpc_design_undo (f->design);
  gui_test_spin (1);
  g_assert_cmpuint (vpc_validator_count (f->validator, VPC_SEVERITY_ERROR), ==, before);
}

/* A big design is checked on another thread: the panel says so, and keeps
 * the previous counts, until the findings come; then it counts them. */
static void
test_findings_checking (Fixture       *f,
                        gconstpointer  data)
{
  GtkWidget *panel = GTK_WIDGET (vpc_sidebar_get_findings_panel (f->sidebar));
  GtkWidget *checking = gui_test_find_named (panel, "checking");
  g_autoptr(VpcElement) copy = vpc_element_copy (vpc_design_lookup (f->design, "sn-b"));
  g_autofree char *shown = g_strdup (gui_test_named_label (panel, "errors-count"));
  guint before = vpc_validator_count (f->validator, VPC_SEVERITY_ERROR);
  g_autofree char *errors = NULL;

  g_assert_nonnull (checking);
  g_assert_false (gtk_widget_get_visible (checking));
  _vpc_validator_set_thread_min_elements (1);
  vpc_validator_set_deferred (f->validator, TRUE);
  /* A subnet outside the VPC adds VPC203. */
  g_free (copy->cidr);
  copy->cidr = g_strdup ("10.1.2.0/24");
  vpc_design_replace_element (f->design, g_steal_pointer (&copy));
  /* The idle callback starts the run; its end needs this loop. */
  while (!vpc_validator_get_checking (f->validator) && g_main_context_iteration (NULL, FALSE))
    ;
  g_assert_true (vpc_validator_get_checking (f->validator));
  g_assert_true (gtk_widget_get_visible (checking));
  /* Not the first run: the previous counts stay in view. */
  g_assert_true (gtk_widget_get_visible (gtk_widget_get_parent (
      gui_test_find_named (panel, "errors-count"))));
  g_assert_cmpstr (gui_test_named_label (panel, "errors-count"), ==, shown);

  while (vpc_validator_get_checking (f->validator))
    g_main_context_iteration (NULL, TRUE);
  g_assert_false (gtk_widget_get_visible (checking));
  g_assert_cmpuint (vpc_validator_count (f->validator, VPC_SEVERITY_ERROR), >, before);
  errors = g_strdup_printf ("%u errors", vpc_validator_count (f->validator, VPC_SEVERITY_ERROR));
  g_assert_cmpstr (gui_test_named_label (panel, "errors-count"), ==, errors);
  _vpc_validator_set_thread_min_elements (0);
}

/* A window opening a big design draws before its first findings come:
 * no counts and no "no problems" page until then, only "Checking…". */
static void
test_findings_first_run (Fixture       *f,
                         gconstpointer  data)
{
  GtkWidget *panel = GTK_WIDGET (vpc_sidebar_get_findings_panel (f->sidebar));
  g_autoptr(VpcValidator) validator = NULL;

  _vpc_validator_set_thread_min_elements (1);
  validator = vpc_validator_new_deferred (f->design);
  vpc_sidebar_set_design (f->sidebar, f->design, validator);
  g_assert_true (vpc_validator_get_checking (validator));
  g_assert_true (gtk_widget_get_visible (gui_test_find_named (panel, "checking")));
  g_assert_false (gtk_widget_get_visible (gui_test_find_type (panel, ADW_TYPE_STATUS_PAGE)));
  g_assert_false (gtk_widget_get_visible (gtk_widget_get_parent (
      gui_test_find_named (panel, "errors-count"))));

  while (vpc_validator_get_checking (validator))
    g_main_context_iteration (NULL, TRUE);
  g_assert_false (gtk_widget_get_visible (gui_test_find_named (panel, "checking")));
  g_assert_true (gtk_widget_get_visible (gtk_widget_get_parent (
      gui_test_find_named (panel, "errors-count"))));
  g_assert_cmpuint (vpc_validator_count (validator, VPC_SEVERITY_ERROR), ==,
                    vpc_validator_count (f->validator, VPC_SEVERITY_ERROR));
  vpc_sidebar_set_design (f->sidebar, f->design, f->validator);
  _vpc_validator_set_thread_min_elements (0);
}

/* Descendants of @root that are @type (a row of a list, say). */
static guint
count_type (GtkWidget *root,
            GType      type)
{
  guint n = G_TYPE_CHECK_INSTANCE_TYPE (root, type) ? 1 : 0;

  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    n += count_type (child, type);
  return n;
}

static gboolean
is_more_button (GtkWidget     *widget,
                gconstpointer  data)
{
  return GTK_IS_BUTTON (widget) && gtk_widget_get_visible (widget) &&
         g_strcmp0 (gtk_button_get_label (GTK_BUTTON (widget)), data) == 0;
}

/* A large design: the panels build rows for the first findings and cost
 * items only, and "Show 50 More of N" (or, for findings, scrolling to the
 * end) adds the next ones. */
static void
test_many_rows (Fixture       *f,
                gconstpointer  data)
{
  GtkWidget *findings = GTK_WIDGET (vpc_sidebar_get_findings_panel (f->sidebar));
  GtkWidget *cost = GTK_WIDGET (vpc_sidebar_get_cost_panel (f->sidebar));
  g_autofree char *findings_label = NULL, *cost_label = NULL;
  GtkWidget *button;
  guint errors, items;

  /* 120 workloads without security groups (VPC208 each) and 80 more
   * interface endpoints (a priced item each). */
  vpc_design_begin (f->design, "Many");
  for (guint i = 0; i < 120; i++)
    {
      g_autofree char *id = g_strdup_printf ("w-%u", i);
      VpcElement *w = vpc_element_new (VPC_KIND_WORKLOAD, id);

      w->workload_kind = VPC_WORKLOAD_TRAINING_JOB;
      vpc_id_list_add (w->subnets, "sn-a");
      vpc_design_add_element (f->design, w, -1);
    }
  for (guint i = 0; i < 80; i++)
    {
      g_autofree char *id = g_strdup_printf ("ep-many-%u", i);
      VpcElement *e = vpc_element_new (VPC_KIND_ENDPOINT, id);

      e->service = g_strdup_printf ("svc%u.example", i);
      vpc_id_list_add (e->subnets, "sn-a");
      vpc_design_add_element (f->design, e, -1);
    }
  g_assert_true (vpc_design_commit (f->design));
  gui_test_spin (2);

  errors = vpc_validator_count (f->validator, VPC_SEVERITY_ERROR);
  g_assert_cmpuint (errors, >, 2 * VPC_PANEL_ROWS_STEP);
  g_assert_cmpuint (count_type (findings, VPC_TYPE_FINDING_ROW), <=,
                    3 * VPC_PANEL_ROWS_FIRST_FINDINGS);
  findings_label = vpc_panel_rows_more_label (VPC_PANEL_ROWS_FIRST_FINDINGS, errors);
  button = gui_test_find (findings, is_more_button, findings_label);
  g_assert_nonnull (button);
  {
    guint before = count_type (findings, VPC_TYPE_FINDING_ROW);

    g_signal_emit_by_name (button, "clicked");
    gui_test_spin (2);
    g_assert_cmpuint (count_type (findings, VPC_TYPE_FINDING_ROW), ==,
                      before + VPC_PANEL_ROWS_STEP);
  }
  {
    /* Scrolling to the panel's end shows more too, of the lowest list
     * that has more (warnings); reaching the top shows nothing more. */
    GtkWidget *scroller = gui_test_find_type (findings, GTK_TYPE_SCROLLED_WINDOW);
    guint warnings = vpc_validator_count (f->validator, VPC_SEVERITY_WARNING);
    guint before = count_type (findings, VPC_TYPE_FINDING_ROW);

    g_assert_nonnull (scroller);
    g_assert_cmpuint (warnings, >, VPC_PANEL_ROWS_FIRST_FINDINGS);
    g_signal_emit_by_name (scroller, "edge-reached", GTK_POS_TOP);
    gui_test_spin (2);
    g_assert_cmpuint (count_type (findings, VPC_TYPE_FINDING_ROW), ==, before);
    g_signal_emit_by_name (scroller, "edge-reached", GTK_POS_BOTTOM);
    gui_test_spin (2);
    g_assert_cmpuint (count_type (findings, VPC_TYPE_FINDING_ROW), ==,
                      before + MIN (VPC_PANEL_ROWS_STEP,
                                    warnings - VPC_PANEL_ROWS_FIRST_FINDINGS));
  }

  {
    VpcCostReport *report = vpc_cost_compute (f->design, NULL);

    items = report->items->len;
    vpc_cost_report_free (report);
  }
  g_assert_cmpuint (items, >, VPC_PANEL_ROWS_STEP);
  g_assert_cmpuint (items, <=, 2 * VPC_PANEL_ROWS_STEP);
  g_assert_cmpuint (count_type (cost, VPC_TYPE_COST_ITEM_ROW), ==, VPC_PANEL_ROWS_STEP);
  cost_label = vpc_panel_rows_more_label (VPC_PANEL_ROWS_STEP, items);
  button = gui_test_find (cost, is_more_button, cost_label);
  g_assert_nonnull (button);
  g_signal_emit_by_name (button, "clicked");
  gui_test_spin (2);
  g_assert_cmpuint (count_type (cost, VPC_TYPE_COST_ITEM_ROW), ==, items);
  g_assert_null (gui_test_find (cost, is_more_button, cost_label));
}

/* The entry row of the inspector whose title starts with @title. */
static gboolean
is_entry_row_titled (GtkWidget     *widget,
                     gconstpointer  title)
{
  return ADW_IS_ENTRY_ROW (widget) &&
         g_str_has_prefix (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (widget)), title);
}

static AdwEntryRow *
find_entry_row (GtkWidget  *root,
                const char *title)
{
  GtkWidget *row = gui_test_find (root, is_entry_row_titled, title);

  return row != NULL ? ADW_ENTRY_ROW (row) : NULL;
}

static void
test_quick_fix (Fixture       *f,
                gconstpointer  data)
{
  GtkWidget *panel = GTK_WIDGET (vpc_sidebar_get_findings_panel (f->sidebar));
  VpcFindingRow *row = gui_test_find_finding_row (panel, "VPC105");
  const char *label;
  guint64 revision;

  g_assert_nonnull (row);
  g_assert_cmpuint (vpc_validator_count (f->validator, VPC_SEVERITY_ERROR), ==, 1);
  vpc_finding_row_set_expanded (row, TRUE);
  label = vpc_finding_row_get_quick_fix_label (row);
  g_assert_nonnull (label);
  /* One ecr.dkr interface endpoint in two AZs: 2 × 730 h × $0.01. */
  g_assert_true (g_str_has_suffix (label, "+$14.60/month"));
  g_assert_nonnull (strstr (label, "ecr.dkr"));
  gui_test_check_screenshot (GTK_WIDGET (f->sidebar), "sidebar-finding-expanded");

  revision = vpc_design_get_revision (f->design);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (row), "finding.apply-fix", NULL));
  gui_test_spin (1);
  g_assert_cmpuint (vpc_design_get_revision (f->design), >, revision);
  g_assert_null (gui_test_find_finding_row (panel, "VPC105"));
  g_assert_cmpuint (vpc_validator_count (f->validator, VPC_SEVERITY_ERROR), ==, 0);
  g_assert_cmpstr (gui_test_named_label (panel, "errors-count"), ==, "0 errors");

  /* One undo step takes it all back. */
  g_assert_true (vpc_design_undo (f->design));
  gui_test_spin (1);
  g_assert_false (vpc_design_get_can_undo (f->design));
  g_assert_nonnull (gui_test_find_finding_row (panel, "VPC105"));
  g_assert_cmpstr (gui_test_named_label (panel, "errors-count"), ==, "1 error");
}

static void
test_profile_switch (Fixture       *f,
                     gconstpointer  data)
{
  GtkWidget *panel = GTK_WIDGET (vpc_sidebar_get_findings_panel (f->sidebar));

  g_assert_true (gtk_widget_activate_action (panel, "findings.profile", "s", "precise"));
  gui_test_spin (1);
  g_assert_cmpint (vpc_design_get_info (f->design)->profile, ==, VPC_PROFILE_PRECISE);
  /* The precise profile needs no ECR endpoints for platform image access. */
  g_assert_null (gui_test_find_finding_row (panel, "VPC105"));
  g_assert_true (vpc_design_undo (f->design));
  gui_test_spin (1);
  g_assert_cmpint (vpc_design_get_info (f->design)->profile, ==, VPC_PROFILE_STUDY_GUIDE);
  g_assert_nonnull (gui_test_find_finding_row (panel, "VPC105"));
}

static void
test_cost_region (Fixture       *f,
                  gconstpointer  data)
{
  GtkWidget *panel = GTK_WIDGET (vpc_sidebar_get_cost_panel (f->sidebar));
  AdwComboRow *region = ADW_COMBO_ROW (gui_test_find_named (panel, "cost-region"));
  const char *const *regions = vpc_cost_regions ();
  g_autofree char *compare = NULL;
  guint eu = 0;

  g_assert_cmpstr (gui_test_named_label (panel, "cost-total"), ==, "$73.00");
  compare = g_strdup (gui_test_named_label (panel, "cost-compare"));
  g_assert_nonnull (strstr (compare, "Your 10 endpoint-AZs: $73.00 + $0.01/GB."));
  g_assert_nonnull (strstr (compare, "Two NAT gateways instead: $65.70 + $0.045/GB."));
  g_assert_nonnull (strstr (compare, "Endpoints are cheaper above ~209 GB/month."));

  while (regions[eu] != NULL && g_strcmp0 (regions[eu], "eu-west-1") != 0)
    eu++;
  g_assert_nonnull (regions[eu]);
  adw_combo_row_set_selected (region, eu);
  gui_test_spin (1);
  g_assert_cmpstr (vpc_design_get_info (f->design)->region, ==, "eu-west-1");
  /* 5 endpoints × 2 AZs × 730 h × $0.011. */
  g_assert_cmpstr (gui_test_named_label (panel, "cost-total"), ==, "$80.30");

  g_assert_true (vpc_design_undo (f->design));
  gui_test_spin (1);
  g_assert_cmpstr (gui_test_named_label (panel, "cost-total"), ==, "$73.00");
  g_assert_cmpuint (adw_combo_row_get_selected (region), !=, eu);
}

static gboolean
is_item_row (GtkWidget     *widget,
             gconstpointer  data)
{
  return VPC_IS_COST_ITEM_ROW (widget) &&
         g_strcmp0 (vpc_cost_item_row_get_element (VPC_COST_ITEM_ROW (widget)), data) == 0;
}

/* A cost line's details (the hourly part, the GB/month to edit) are made
 * when it is first expanded, then follow the design like the rest. */
static void
test_cost_item_details (Fixture       *f,
                        gconstpointer  data)
{
  GtkWidget *panel = GTK_WIDGET (vpc_sidebar_get_cost_panel (f->sidebar));
  GtkWidget *row = gui_test_find (panel, is_item_row, "ep-logs");
  GtkSpinButton *spin;

  g_assert_nonnull (row);
  g_assert_cmpuint (count_type (row, GTK_TYPE_SPIN_BUTTON), ==, 0);
  adw_expander_row_set_expanded (ADW_EXPANDER_ROW (row), TRUE);
  gui_test_spin (1);
  g_assert_cmpuint (count_type (row, GTK_TYPE_SPIN_BUTTON), ==, 1);
  spin = GTK_SPIN_BUTTON (gui_test_find_type (row, GTK_TYPE_SPIN_BUTTON));
  g_assert_cmpstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (gui_test_find_row (
                       row, "Hourly charge"))),
                   ==, "2 AZs × 730 h × $0.01");
  g_assert_cmpfloat (gtk_spin_button_get_value (spin), ==, 0);

  /* An edit through the spin button: one undoable change of the design. */
  gtk_spin_button_set_value (spin, 500);
  gui_test_spin (1);
  g_assert_cmpfloat (vpc_design_lookup (f->design, "ep-logs")->gb_per_month, ==, 500);
  g_assert_cmpstr (gui_test_named_label (panel, "cost-total"), ==, "$78.00");
  g_assert_cmpstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (gui_test_find_row (
                       row, "Data processed (GB/month)"))),
                   ==, "$5.00 a month");

  /* And back: the built details follow the design. */
  g_assert_true (vpc_design_undo (f->design));
  gui_test_spin (1);
  row = gui_test_find (panel, is_item_row, "ep-logs");
  spin = GTK_SPIN_BUTTON (gui_test_find_type (row, GTK_TYPE_SPIN_BUTTON));
  g_assert_nonnull (spin);
  g_assert_cmpfloat (gtk_spin_button_get_value (spin), ==, 0);
  g_assert_cmpstr (gui_test_named_label (panel, "cost-total"), ==, "$73.00");
}

static gboolean
is_label_with (GtkWidget     *widget,
               gconstpointer  data)
{
  return GTK_IS_LABEL (widget) && strstr (gtk_label_get_label (GTK_LABEL (widget)), data) != NULL;
}

/* A renamed element's findings say its new name (no rule runs for it). */
static void
test_findings_rename (Fixture       *f,
                      gconstpointer  data)
{
  GtkWidget *panel = GTK_WIDGET (vpc_sidebar_get_findings_panel (f->sidebar));
  g_autoptr(VpcFinding) first = g_list_model_get_item (G_LIST_MODEL (f->validator), 0);
  const VpcElement *primary = vpc_design_lookup (f->design, vpc_finding_get_primary_element (first));
  g_autoptr(VpcElement) copy = vpc_element_copy (primary);
  guint runs = vpc_validator_get_full_runs (f->validator);

  g_assert_nonnull (strstr (vpc_finding_get_message (first), vpc_element_get_display_name (primary)));
  g_assert_null (gui_test_find (panel, is_label_with, "Renamed in a test"));
  g_free (copy->name);
  copy->name = g_strdup ("Renamed in a test");
  g_assert_true (vpc_design_replace_element (f->design, g_steal_pointer (&copy)));
  gui_test_spin (1);
  g_assert_nonnull (gui_test_find (panel, is_label_with, "Renamed in a test"));
  g_assert_cmpuint (vpc_validator_get_full_runs (f->validator), ==, runs);

  g_assert_true (vpc_design_undo (f->design));
  gui_test_spin (1);
  g_assert_null (gui_test_find (panel, is_label_with, "Renamed in a test"));
}

/* A rename prices nothing again: the same rows show the new name, and
 * undo the old one. */
static void
test_cost_rename (Fixture       *f,
                  gconstpointer  data)
{
  GtkWidget *panel = GTK_WIDGET (vpc_sidebar_get_cost_panel (f->sidebar));
  GtkWidget *row = gui_test_find (panel, is_item_row, "ep-logs");
  g_autoptr(VpcElement) copy = vpc_element_copy (vpc_design_lookup (f->design, "ep-logs"));
  const char *before;
  g_autofree char *old_title = NULL;

  g_assert_nonnull (row);
  before = adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row));
  old_title = g_strdup (before);
  g_free (copy->name);
  copy->name = g_strdup ("Logs for training");
  g_assert_true (vpc_design_replace_element (f->design, g_steal_pointer (&copy)));
  gui_test_spin (1);
  g_assert_true (gui_test_find (panel, is_item_row, "ep-logs") == row);
  g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)), ==,
                   "Logs for training");
  g_assert_cmpstr (gui_test_named_label (panel, "cost-total"), ==, "$73.00");

  g_assert_true (vpc_design_undo (f->design));
  gui_test_spin (1);
  g_assert_true (gui_test_find (panel, is_item_row, "ep-logs") == row);
  g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)), ==, old_title);
}

static void
test_inspector_cidr (Fixture       *f,
                     gconstpointer  data)
{
  const char *const selection[] = { "sn-a", NULL };
  GtkWidget *inspector = GTK_WIDGET (vpc_sidebar_get_inspector (f->sidebar));
  AdwEntryRow *cidr;

  vpc_sidebar_set_selection (f->sidebar, selection);
  vpc_sidebar_set_page (f->sidebar, "inspector");
  gui_test_spin (1);
  cidr = find_entry_row (inspector, "CIDR block");
  g_assert_nonnull (cidr);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (cidr)), ==, "10.0.1.0/24");

  /* Host bits set: the design's guard refuses it; shown as an error with
   * the guard's reason, and refused. (Outside the VPC is a finding.) */
  gtk_editable_set_text (GTK_EDITABLE (cidr), "10.0.7.5/24");
  g_assert_true (gtk_widget_has_css_class (GTK_WIDGET (cidr), "error"));
  g_assert_nonnull (strstr (gtk_widget_get_tooltip_text (GTK_WIDGET (cidr)), "host bits are set"));
  gui_test_check_screenshot (GTK_WIDGET (f->sidebar), "sidebar-inspector-error");
  g_signal_emit_by_name (cidr, "entry-activated");
  gui_test_spin (1);
  g_assert_false (vpc_design_get_can_undo (f->design));
  g_assert_cmpstr (vpc_design_lookup (f->design, "sn-a")->cidr, ==, "10.0.1.0/24");

  /* A valid block commits as one undo step. */
  gtk_editable_set_text (GTK_EDITABLE (cidr), "10.0.7.0/24");
  g_assert_false (gtk_widget_has_css_class (GTK_WIDGET (cidr), "error"));
  g_signal_emit_by_name (cidr, "entry-activated");
  gui_test_spin (1);
  g_assert_cmpstr (vpc_design_lookup (f->design, "sn-a")->cidr, ==, "10.0.7.0/24");
  g_assert_cmpstr (vpc_design_get_undo_label (f->design), ==, "Change subnet");
  g_assert_true (vpc_design_undo (f->design));
  g_assert_false (vpc_design_get_can_undo (f->design));
  gui_test_spin (1);
  /* The inspector follows the undo. */
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (find_entry_row (inspector, "CIDR block"))),
                   ==, "10.0.1.0/24");
}

static void
test_inspector_follows_selection (Fixture       *f,
                                  gconstpointer  data)
{
  GtkWidget *inspector = GTK_WIDGET (vpc_sidebar_get_inspector (f->sidebar));
  const char *const workload[] = { "train-1", NULL };
  const char *const group[] = { "sg-endpoints", NULL };

  g_assert_cmpstr (gui_test_named_label (inspector, "inspector-title"), ==, "Fraud model training");
  vpc_sidebar_set_page (f->sidebar, "inspector");
  gui_test_check_screenshot (GTK_WIDGET (f->sidebar), "sidebar-inspector-design");
  vpc_sidebar_set_selection (f->sidebar, workload);
  gui_test_spin (1);
  g_assert_cmpstr (gui_test_named_label (inspector, "inspector-title"), ==, "Fraud training");
  g_assert_nonnull (find_entry_row (inspector, "Add a service"));
  gui_test_check_screenshot (GTK_WIDGET (f->sidebar), "sidebar-inspector-workload");
  vpc_sidebar_set_selection (f->sidebar, group);
  gui_test_spin (1);
  g_assert_nonnull (find_entry_row (inspector, "Source"));
  gui_test_check_screenshot (GTK_WIDGET (f->sidebar), "sidebar-inspector-group");

  /* Deleting the selection falls back to the design. */
  vpc_design_delete (f->design, group, 1);
  gui_test_spin (1);
  g_assert_null (vpc_inspector_get_selection (VPC_INSPECTOR (inspector)));
  g_assert_cmpstr (gui_test_named_label (inspector, "inspector-title"), ==, "Fraud model training");
}

static gboolean
is_check_in_expander (GtkWidget     *widget,
                      gconstpointer  data)
{
  return GTK_IS_CHECK_BUTTON (widget) && gtk_widget_get_ancestor (widget, ADW_TYPE_EXPANDER_ROW);
}

static gboolean
calls (const VpcElement *workload,
       const char       *service)
{
  for (guint i = 0; i < vpc_workload_n_calls (workload); i++)
    if (g_str_equal (vpc_workload_get_call (workload, i), service))
      return TRUE;
  return FALSE;
}

/* An edit that changes the form's rows (a service added to a workload's
 * calls) rebuilds the form: the keyboard focus stays on the row it was
 * on, so a keyboard user can add the next service at once, and open
 * lists stay open. */
static void
test_inspector_keeps_focus (Fixture       *f,
                            gconstpointer  data)
{
  GtkWidget *inspector = GTK_WIDGET (vpc_sidebar_get_inspector (f->sidebar));
  const char *const workload[] = { "train-1", NULL };
  AdwEntryRow *add;
  GtkWidget *focus, *row, *old_row;
  AdwExpanderRow *subnets;

  vpc_sidebar_set_page (f->sidebar, "inspector");
  vpc_sidebar_set_selection (f->sidebar, workload);
  gui_test_spin (1);
  subnets = ADW_EXPANDER_ROW (gtk_widget_get_ancestor (
      GTK_WIDGET (gui_test_find (inspector, is_check_in_expander, NULL)), ADW_TYPE_EXPANDER_ROW));
  adw_expander_row_set_expanded (subnets, TRUE);
  add = find_entry_row (inspector, "Add a service");
  g_assert_nonnull (add);
  g_assert_true (gtk_widget_grab_focus (GTK_WIDGET (add)));
  old_row = GTK_WIDGET (add);
  g_object_add_weak_pointer (G_OBJECT (old_row), (gpointer *) &old_row);
  gtk_editable_set_text (GTK_EDITABLE (add), "kms");
  g_signal_emit_by_name (add, "entry-activated");
  gui_test_spin (3);

  /* The form was rebuilt (the old row is gone) with the new call … */
  g_assert_null (old_row);
  g_assert_true (calls (vpc_design_lookup (f->design, "train-1"), "kms"));
  /* … focus is on the new "Add a service" row, and the list is open. */
  focus = gtk_root_get_focus (GTK_ROOT (f->window));
  g_assert_nonnull (focus);
  row = gtk_widget_get_ancestor (focus, ADW_TYPE_ENTRY_ROW);
  g_assert_nonnull (row);
  g_assert_true (row == GTK_WIDGET (find_entry_row (inspector, "Add a service")));
  subnets = ADW_EXPANDER_ROW (gtk_widget_get_ancestor (
      GTK_WIDGET (gui_test_find (inspector, is_check_in_expander, NULL)), ADW_TYPE_EXPANDER_ROW));
  g_assert_true (adw_expander_row_get_expanded (subnets));
}

static gboolean
is_combo_row_titled (GtkWidget     *widget,
                     gconstpointer  title)
{
  return ADW_IS_COMBO_ROW (widget) &&
         g_strcmp0 (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (widget)), title) == 0;
}

static AdwComboRow *
find_combo_row (GtkWidget  *root,
                const char *title)
{
  GtkWidget *row = gui_test_find (root, is_combo_row_titled, title);

  return row != NULL ? ADW_COMBO_ROW (row) : NULL;
}

static void
test_preferences (void)
{
  g_autoptr(GSettings) settings = g_settings_new (VPC_APP_ID);
  AdwStyleManager *style = adw_style_manager_get_default ();
  GtkWidget *window;
  AdwComboRow *scheme, *profile;
  g_autofree char *chosen = NULL;

  vpc_preferences_follow_color_scheme (settings);
  window = vpc_preferences_new (NULL, settings);
  gtk_window_present (GTK_WINDOW (window));
  gtk_test_widget_wait_for_draw (window);
  scheme = find_combo_row (window, "Style");
  profile = find_combo_row (window, "Rule Profile");
  g_assert_nonnull (scheme);
  g_assert_nonnull (profile);
  g_assert_cmpuint (adw_combo_row_get_selected (scheme), ==, 0);

  adw_combo_row_set_selected (scheme, 2);
  g_assert_cmpint (g_settings_get_enum (settings, "color-scheme"), ==, 2);
  g_assert_cmpint (adw_style_manager_get_color_scheme (style), ==, ADW_COLOR_SCHEME_FORCE_DARK);
  gui_test_check_screenshot (window, "preferences-dark");
  g_settings_set_string (settings, "color-scheme", "light");
  g_assert_cmpuint (adw_combo_row_get_selected (scheme), ==, 1);
  g_assert_cmpint (adw_style_manager_get_color_scheme (style), ==, ADW_COLOR_SCHEME_FORCE_LIGHT);
  g_settings_reset (settings, "color-scheme");
  g_assert_cmpint (adw_style_manager_get_color_scheme (style), ==, ADW_COLOR_SCHEME_DEFAULT);

  adw_combo_row_set_selected (profile, 1);
  chosen = g_settings_get_string (settings, "default-profile");
  g_assert_cmpstr (chosen, ==, "precise");
  g_settings_reset (settings, "default-profile");
  g_signal_handlers_disconnect_matched (settings, G_SIGNAL_MATCH_DATA, 0, 0, NULL, NULL, NULL);
  gtk_window_destroy (GTK_WINDOW (window));
  gui_test_spin (1);
}

/* Accessibility: what a screen reader hears and what AT-SPI scripts press
 * (tests/test-atspi.py drives the real bridge; this checks the same
 * properties in-process under GTK_A11Y=test). */

static gboolean
has_accessible_label (GtkWidget     *widget,
                      gconstpointer  label)
{
  g_autofree char *failure = gtk_test_accessible_check_property (
      GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_PROPERTY_LABEL, label);

  return gtk_test_accessible_has_property (GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_PROPERTY_LABEL)
         && failure == NULL;
}

static GtkWidget *
find_tab (Fixture    *f,
          const char *label)
{
  GtkWidget *tab = gui_test_find (GTK_WIDGET (f->sidebar), has_accessible_label, label);

  g_assert_nonnull (tab);
  g_assert_true (GTK_IS_TOGGLE_BUTTON (tab));
  gtk_test_accessible_assert_role (GTK_ACCESSIBLE (tab), GTK_ACCESSIBLE_ROLE_TAB);
  return tab;
}

static gboolean
is_quick_fix_button (GtkWidget     *widget,
                     gconstpointer  data)
{
  return GTK_IS_BUTTON (widget)
         && g_strcmp0 (gtk_actionable_get_action_name (GTK_ACTIONABLE (widget)),
                       "finding.apply-fix")
                == 0;
}

static void
assert_property (GtkWidget               *widget,
                 GtkAccessibleProperty    property,
                 const char              *expected)
{
  g_autofree char *failure
      = gtk_test_accessible_check_property (GTK_ACCESSIBLE (widget), property, expected);

  g_assert_cmpstr (failure, ==, NULL);
}

static void
test_accessible_tabs (Fixture       *f,
                      gconstpointer  data)
{
  GtkWidget *findings = find_tab (f, "Findings");
  GtkWidget *cost = find_tab (f, "Cost");
  GtkWidget *inspector = find_tab (f, "Inspector");

  /* The shown page's tab is selected, not only pressed. */
  g_assert_true (
      gtk_test_accessible_has_state (GTK_ACCESSIBLE (findings), GTK_ACCESSIBLE_STATE_SELECTED));
  assert_property (findings, GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                   "1 error. Problems the rules found (Alt+1)");
  g_assert_true (gtk_widget_activate_action (cost, "sidebar.page", "s", "cost"));
  gui_test_spin (1);
  {
    g_autofree char *failure = gtk_test_accessible_check_state (
        GTK_ACCESSIBLE (cost), GTK_ACCESSIBLE_STATE_SELECTED, TRUE);
    g_autofree char *failure2 = gtk_test_accessible_check_state (
        GTK_ACCESSIBLE (findings), GTK_ACCESSIBLE_STATE_SELECTED, FALSE);
    g_autofree char *failure3 = gtk_test_accessible_check_state (
        GTK_ACCESSIBLE (inspector), GTK_ACCESSIBLE_STATE_SELECTED, FALSE);

    g_assert_cmpstr (failure, ==, NULL);
    g_assert_cmpstr (failure2, ==, NULL);
    g_assert_cmpstr (failure3, ==, NULL);
  }

  /* Each page is a named group. */
  gtk_test_accessible_assert_role (GTK_ACCESSIBLE (vpc_sidebar_get_findings_panel (f->sidebar)),
                                   GTK_ACCESSIBLE_ROLE_GROUP);
  assert_property (GTK_WIDGET (vpc_sidebar_get_findings_panel (f->sidebar)),
                   GTK_ACCESSIBLE_PROPERTY_LABEL, "Findings");
  assert_property (GTK_WIDGET (vpc_sidebar_get_cost_panel (f->sidebar)),
                   GTK_ACCESSIBLE_PROPERTY_LABEL, "Cost");
  assert_property (GTK_WIDGET (vpc_sidebar_get_inspector (f->sidebar)),
                   GTK_ACCESSIBLE_PROPERTY_LABEL, "Inspector");
  assert_property (GTK_WIDGET (vpc_sidebar_get_inspector (f->sidebar)),
                   GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, "Design and VPC: Fraud model training");
}

static void
test_accessible_finding (Fixture       *f,
                         gconstpointer  data)
{
  GtkWidget *panel = GTK_WIDGET (vpc_sidebar_get_findings_panel (f->sidebar));
  VpcFindingRow *row = gui_test_find_finding_row (panel, "VPC105");
  GtkWidget *button;
  g_auto(GStrv) lines = NULL;
  g_autofree char *expected = NULL;

  g_assert_nonnull (row);
  assert_property (GTK_WIDGET (row), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                   vpc_finding_get_message (vpc_finding_row_get_finding (row)));
  /* The quick fix is priced in the background and is in the tree (with
   * its price) while the row is still collapsed. */
  gui_test_spin (2);
  g_assert_false (vpc_finding_row_get_expanded (row));
  button = gui_test_find (GTK_WIDGET (row), is_quick_fix_button, NULL);
  g_assert_nonnull (button);
  g_assert_true (gtk_widget_get_visible (button));
  lines = g_strsplit (vpc_finding_row_get_quick_fix_label (row), "\n", 2);
  g_assert_cmpstr (lines[1], ==, "+$14.60/month");
  expected = g_strdup_printf ("Quick fix for VPC105: %s, %s", lines[0], lines[1]);
  assert_property (button, GTK_ACCESSIBLE_PROPERTY_LABEL, expected);

  /* The row's own action expands it, as a click does. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (row), "finding.toggle-details", NULL));
  gui_test_spin (1);
  g_assert_true (vpc_finding_row_get_expanded (row));
  g_assert_true (
      gtk_test_accessible_has_state (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_STATE_EXPANDED));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (row), "finding.toggle-details", NULL));
  gui_test_spin (1);
  g_assert_false (vpc_finding_row_get_expanded (row));
}

/* AT-SPI's "click" is gtk_widget_activate(), which a button never shown
 * would ignore: the row applies the fix itself. */
static void
test_accessible_quick_fix_collapsed (Fixture       *f,
                                     gconstpointer  data)
{
  GtkWidget *panel = GTK_WIDGET (vpc_sidebar_get_findings_panel (f->sidebar));
  VpcFindingRow *row = gui_test_find_finding_row (panel, "VPC105");
  GtkWidget *button;

  g_assert_nonnull (row);
  gui_test_spin (2);
  button = gui_test_find (GTK_WIDGET (row), is_quick_fix_button, NULL);
  g_assert_nonnull (button);
  g_assert_false (gtk_widget_get_realized (button));
  g_assert_true (gtk_widget_activate (button));
  gui_test_spin (1);
  g_assert_null (gui_test_find_finding_row (panel, "VPC105"));
  g_assert_cmpuint (vpc_validator_count (f->validator, VPC_SEVERITY_ERROR), ==, 0);
  g_assert_true (vpc_design_undo (f->design));
  gui_test_spin (1);
}

static void
test_accessible_values (Fixture       *f,
                        gconstpointer  data)
{
  GtkWidget *cost = GTK_WIDGET (vpc_sidebar_get_cost_panel (f->sidebar));
  GtkWidget *inspector = GTK_WIDGET (vpc_sidebar_get_inspector (f->sidebar));
  GtkWidget *total = gui_test_find_named (cost, "cost-total");
  GtkWidget *environment = gui_test_find (inspector, is_combo_row_titled, "Environment");

  assert_property (total, GTK_ACCESSIBLE_PROPERTY_LABEL, "Monthly cost: $73.00");
  assert_property (total, GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, "in us-east-1 · 6 priced items");
  assert_property (gui_test_find_named (cost, "cost-region"), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                   "us-east-1");
  /* A combo row says its choice; it follows the design. */
  g_assert_nonnull (environment);
  assert_property (environment, GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, "Production");
  adw_combo_row_set_selected (ADW_COMBO_ROW (environment), 1);
  gui_test_spin (1);
  g_assert_cmpint (vpc_design_get_info (f->design)->environment, ==, VPC_ENVIRONMENT_DEVELOPMENT);
  environment = gui_test_find (inspector, is_combo_row_titled, "Environment");
  assert_property (environment, GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, "Development");
}

static void
test_screenshot_findings (Fixture       *f,
                          gconstpointer  data)
{
  gui_test_check_screenshot (GTK_WIDGET (f->sidebar), "sidebar-findings");
}

static void
test_screenshot_cost (Fixture       *f,
                      gconstpointer  data)
{
  vpc_sidebar_set_page (f->sidebar, "cost");
  gtk_test_widget_wait_for_draw (f->window);
  gui_test_spin (1);
  gui_test_check_screenshot (GTK_WIDGET (f->sidebar), "sidebar-cost");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  if (!gtk_init_check ())
    {
      g_printerr ("test-sidebar: cannot open a display. The GUI suite runs under Xvfb: "
                  "use tools/test, or xvfb-run -a meson test --suite gui.\n");
      return 1;
    }
  adw_init ();
  g_object_set (gtk_settings_get_default (), "gtk-enable-animations", FALSE, NULL);

  g_test_add ("/sidebar/findings/checking", Fixture, NULL, fixture_setup, test_findings_checking,
              fixture_teardown);
  g_test_add ("/sidebar/findings/first-run", Fixture, NULL, fixture_setup, test_findings_first_run,
              fixture_teardown);
  g_test_add ("/sidebar/findings/counts", Fixture, NULL, fixture_setup, test_findings_counts,
              fixture_teardown);
  g_test_add ("/sidebar/findings/rename", Fixture, NULL, fixture_setup, test_findings_rename,
              fixture_teardown);
  g_test_add ("/sidebar/findings/quick-fix", Fixture, NULL, fixture_setup, test_quick_fix,
              fixture_teardown);
  g_test_add ("/sidebar/findings/profile", Fixture, NULL, fixture_setup, test_profile_switch,
              fixture_teardown);
  g_test_add ("/sidebar/findings/many", Fixture, NULL, fixture_setup, test_many_rows,
              fixture_teardown);
  g_test_add ("/sidebar/cost/region", Fixture, NULL, fixture_setup, test_cost_region,
              fixture_teardown);
  g_test_add ("/sidebar/cost/item-details", Fixture, NULL, fixture_setup, test_cost_item_details,
              fixture_teardown);
  g_test_add ("/sidebar/cost/rename", Fixture, NULL, fixture_setup, test_cost_rename,
              fixture_teardown);
  g_test_add ("/sidebar/inspector/cidr", Fixture, NULL, fixture_setup, test_inspector_cidr,
              fixture_teardown);
  g_test_add ("/sidebar/inspector/selection", Fixture, NULL, fixture_setup,
              test_inspector_follows_selection, fixture_teardown);
  g_test_add ("/sidebar/inspector/keeps-focus", Fixture, NULL, fixture_setup,
              test_inspector_keeps_focus, fixture_teardown);
  g_test_add ("/sidebar/a11y/tabs", Fixture, NULL, fixture_setup, test_accessible_tabs,
              fixture_teardown);
  g_test_add ("/sidebar/a11y/finding", Fixture, NULL, fixture_setup, test_accessible_finding,
              fixture_teardown);
  g_test_add ("/sidebar/a11y/quick-fix-collapsed", Fixture, NULL, fixture_setup,
              test_accessible_quick_fix_collapsed, fixture_teardown);
  g_test_add ("/sidebar/a11y/values", Fixture, NULL, fixture_setup, test_accessible_values,
              fixture_teardown);
  g_test_add_func ("/preferences/settings", test_preferences);
  g_test_add ("/sidebar/screenshot/findings", Fixture, NULL, fixture_setup,
              test_screenshot_findings, fixture_teardown);
  g_test_add ("/sidebar/screenshot/cost", Fixture, NULL, fixture_setup, test_screenshot_cost,
              fixture_teardown);
  return g_test_run ();
}
