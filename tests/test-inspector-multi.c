/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-inspector-multi.c: several elements selected on the canvas are
 * edited together in the inspector, under Xvfb: what they share, where they
 * differ, and one undo step for a change to all of them. */
#include <adwaita.h>
#include <string.h>

#include "gui-test-utils.h"
#include "vpc-canvas.h"
#include "vpc-checklist-view.h"
#include "vpc-file.h"
#include "vpc-sidebar.h"
#include "vpc-window.h"

static const char *const seven[] = {
  "ep-logs", "ep-sts", "train-1", "train-2", "train-3", "train-4", "train-5", NULL,
};
static const char *const jobs[] = { "train-1", "train-2", "train-3", "train-4", "train-5", NULL };

typedef struct
{
  VpcWindow *window;
  VpcCanvas *canvas;
  VpcDesign *design;
  GtkWidget *inspector;
  char      *dir;
  char      *path;
} Fixture;

static void
setup (Fixture *f, gconstpointer data)
{
  f->design = gui_test_open_copy ("gui-multi.vpcd.json", &f->window, &f->dir, &f->path);
  f->canvas = VPC_CANVAS (vpc_window_get_canvas (f->window));
  f->inspector = GTK_WIDGET (vpc_sidebar_get_inspector (vpc_window_get_sidebar (f->window)));
  vpc_sidebar_set_page (vpc_window_get_sidebar (f->window), "inspector");
}

static void
teardown (Fixture *f, gconstpointer data)
{
  gui_test_close_copy (f->window, f->dir, f->path);
}

/* Selects on the canvas, as a rubber band or Shift-clicks would. */
static void
select_ids (Fixture *f, const char *const *ids)
{
  vpc_canvas_select (f->canvas, ids);
  gui_test_spin (5);
}

static GtkWidget *
find_row (Fixture *f, const char *title)
{
  return gui_test_find_row (f->inspector, title);
}

/* The check of candidate @title in the check list @list. */
static GtkCheckButton *
find_member_check (Fixture *f, const char *list, const char *title)
{
  return GTK_CHECK_BUTTON (gui_test_find_type (gui_test_find_row (find_row (f, list), title),
                                               GTK_TYPE_CHECK_BUTTON));
}

static GtkWidget *
find_suffix (Fixture *f, const char *title, GType type)
{
  GtkWidget *widget = gui_test_find_type (find_row (f, title), type);

  g_assert_nonnull (widget);
  return widget;
}

static gboolean
has_member (Fixture *f, const char *id, const char *group)
{
  return vpc_id_list_contains (vpc_design_lookup (f->design, id)->security_groups, group);
}

static guint
count_members (Fixture *f, const char *group)
{
  guint n = 0;

  for (guint i = 0; seven[i] != NULL; i++)
    n += has_member (f, seven[i], group);
  return n;
}

/* Attaching a group to seven elements is one action and one undo step; a
 * group that some of them have shows as mixed and becomes everyone's. */
static void
test_attach_group (Fixture *f, gconstpointer data)
{
  GtkCheckButton *sg1, *sg2;
  GtkWidget *list;

  select_ids (f, seven);
  g_assert_cmpstr (gui_test_named_label (f->inspector, "inspector-title"), ==, "7 elements");
  /* Only what all seven have: no name, no instance count. */
  g_assert_false (gui_test_has_row (f->inspector, "Name"));
  g_assert_false (gui_test_has_row (f->inspector, "Instances"));

  sg1 = find_member_check (f, "Security groups", "jobs");
  sg2 = find_member_check (f, "Security groups", "endpoints");
  g_assert_true (gtk_check_button_get_inconsistent (sg1));
  g_assert_false (gtk_check_button_get_inconsistent (sg2));
  g_assert_false (gtk_check_button_get_active (sg2));
  list = find_row (f, "Security groups");
  g_assert_cmpstr (adw_expander_row_get_subtitle (ADW_EXPANDER_ROW (list)), ==, "jobs (3 of 7)");
  adw_expander_row_set_expanded (ADW_EXPANDER_ROW (list), TRUE);
  gui_test_spin (20);
  gui_test_check_screenshot (f->inspector, "inspector-multi");

  /* One click: all seven, one step. */
  gtk_check_button_set_active (sg2, TRUE);
  gui_test_spin (5);
  g_assert_cmpuint (count_members (f, "sg-2"), ==, 7);
  g_assert_cmpuint (count_members (f, "sg-1"), ==, 3);
  g_assert_cmpstr (vpc_design_get_undo_label (f->design), ==,
                   "Change “Security groups” of 7 elements");
  g_assert_true (vpc_window_get_modified (f->window));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.undo", NULL));
  gui_test_spin (5);
  g_assert_false (vpc_design_get_can_undo (f->design));
  g_assert_cmpuint (count_members (f, "sg-2"), ==, 0);
  g_assert_false (vpc_window_get_modified (f->window));
  /* The form follows the undo. */
  sg2 = find_member_check (f, "Security groups", "endpoints");
  g_assert_false (gtk_check_button_get_active (sg2));

  /* A click on the mixed group gives it to everyone (and clears the mix). */
  sg1 = find_member_check (f, "Security groups", "jobs");
  gtk_check_button_set_active (sg1, TRUE);
  gui_test_spin (5);
  g_assert_cmpuint (count_members (f, "sg-1"), ==, 7);
  sg1 = find_member_check (f, "Security groups", "jobs");
  g_assert_false (gtk_check_button_get_inconsistent (sg1));
  g_assert_true (gtk_check_button_get_active (sg1));
  g_assert_true (vpc_design_undo (f->design));
  g_assert_false (vpc_design_get_can_undo (f->design));
  g_assert_cmpuint (count_members (f, "sg-1"), ==, 3);
}

/* Values that differ: an empty spin button that says "Mixed", an
 * inconsistent check; a number typed there goes to every job. */
static void
test_mixed_values (Fixture *f, gconstpointer data)
{
  GtkSpinButton *instances;
  GtkCheckButton *internet;
  GtkEditable *text;

  select_ids (f, jobs);
  g_assert_cmpstr (gui_test_named_label (f->inspector, "inspector-title"), ==, "5 elements");
  instances = GTK_SPIN_BUTTON (find_suffix (f, "Instances", GTK_TYPE_SPIN_BUTTON));
  text = gtk_editable_get_delegate (GTK_EDITABLE (instances));
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (instances)), ==, "");
  g_assert_cmpstr (gtk_text_get_placeholder_text (GTK_TEXT (text)), ==, "Mixed");
  internet = GTK_CHECK_BUTTON (find_suffix (f, "Needs the internet", GTK_TYPE_CHECK_BUTTON));
  g_assert_true (gtk_check_button_get_inconsistent (internet));
  /* Shared values show plainly. */
  g_assert_cmpuint (adw_combo_row_get_selected (ADW_COMBO_ROW (find_row (f, "Image access"))), ==,
                    0);
  g_assert_false (gtk_check_button_get_inconsistent (
    GTK_CHECK_BUTTON (find_suffix (f, "VPC mode", GTK_TYPE_CHECK_BUTTON))));
  gui_test_check_screenshot (f->inspector, "inspector-multi-mixed");

  /* Leaving the mixed field empty changes nothing. */
  gtk_spin_button_update (instances);
  gui_test_spin (2);
  g_assert_false (vpc_design_get_can_undo (f->design));

  /* The number that the first job already has still goes to all five. */
  gtk_editable_set_text (GTK_EDITABLE (instances), "1");
  gtk_spin_button_update (instances);
  gui_test_spin (5);
  for (guint i = 0; jobs[i] != NULL; i++)
    g_assert_cmpint (vpc_design_lookup (f->design, jobs[i])->instance_count, ==, 1);
  g_assert_cmpstr (vpc_design_get_undo_label (f->design), ==, "Change “Instances” of 5 elements");
  instances = GTK_SPIN_BUTTON (find_suffix (f, "Instances", GTK_TYPE_SPIN_BUTTON));
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (instances)), ==, "1");

  /* The mixed check: one click sets all five. */
  internet = GTK_CHECK_BUTTON (find_suffix (f, "Needs the internet", GTK_TYPE_CHECK_BUTTON));
  gtk_check_button_set_active (internet, TRUE);
  gui_test_spin (5);
  for (guint i = 0; jobs[i] != NULL; i++)
    g_assert_true (vpc_design_lookup (f->design, jobs[i])->needs_internet);

  /* Two steps, undone exactly. */
  g_assert_true (vpc_design_undo (f->design));
  g_assert_true (vpc_design_undo (f->design));
  g_assert_false (vpc_design_get_can_undo (f->design));
  g_assert_cmpint (vpc_design_lookup (f->design, "train-4")->instance_count, ==, 4);
  g_assert_true (vpc_design_lookup (f->design, "train-3")->needs_internet);
  g_assert_false (vpc_design_lookup (f->design, "train-1")->needs_internet);
}

/* Subnets and groups share nothing editable together: the form says so.
 * A selection of one goes back to the full form. */
static void
test_nothing_in_common (Fixture *f, gconstpointer data)
{
  const char *const mixed[] = { "sn-a", "sg-1", NULL };
  const char *const one[] = { "train-2", NULL };
  GtkWidget *group;

  select_ids (f, mixed);
  group = gui_test_find_type (f->inspector, ADW_TYPE_PREFERENCES_GROUP);
  g_assert_nonnull (group);
  g_assert_nonnull (strstr (adw_preferences_group_get_description (ADW_PREFERENCES_GROUP (group)),
                            "no property in common"));
  select_ids (f, one);
  g_assert_cmpstr (gui_test_named_label (f->inspector, "inspector-title"), ==, "train-2");
  find_row (f, "Name");
  g_assert_cmpstr (
      gtk_editable_get_text (GTK_EDITABLE (find_suffix (f, "Instances", GTK_TYPE_SPIN_BUTTON))), ==,
      "2");
}

/* How many descendants of @root are a @type. */
static guint
count_type (GtkWidget *root,
            GType      type)
{
  guint n = G_TYPE_CHECK_INSTANCE_TYPE (root, type);

  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    n += count_type (child, type);
  return n;
}

#define MANY_SUBNETS 3000

/* Types @text into @search and waits (the entry tells a search after a
 * pause) until @shown holds @expected items, or two seconds. */
static void
search_for (GtkWidget  *search,
            GListModel *shown,
            const char *text,
            guint       expected)
{
  gtk_editable_set_text (GTK_EDITABLE (search), text);
  for (guint i = 0; i < 200 && g_list_model_get_n_items (shown) != expected; i++)
    {
      g_usleep (10 * 1000);
      gui_test_spin (2);
    }
  g_assert_cmpuint (g_list_model_get_n_items (shown), ==, expected);
}

/* Thousands of subnets to tick (a 100,000-element design has 20,000): a
 * searchable list that makes rows only for what it shows, where a row
 * each took over a gigabyte. Ticks edit as the rows did, one step each,
 * mixed across a selection, and follow undo. */
static void
test_many_candidates (Fixture *f, gconstpointer data)
{
  const char *const one[] = { "train-1", NULL };
  const char *const both[] = { "train-1", "train-2", NULL };
  VpcChecklistView *view;
  GtkWidget *list, *search, *subtitle;
  GListModel *shown;
  GtkCheckButton *check;

  vpc_design_begin (f->design, "Add subnets");
  for (guint i = 0; i < MANY_SUBNETS; i++)
    {
      g_autofree char *id = g_strdup_printf ("sn-many-%u", i);
      VpcElement *subnet = vpc_element_new (VPC_KIND_SUBNET, id);

      subnet->name = g_strdup_printf ("Many %u", i);
      subnet->az = g_strdup ("az-a");
      subnet->cidr = g_strdup_printf ("10.%u.%u.0/24", 100 + i / 256, i % 256);
      g_assert_true (vpc_design_add_element (f->design, subnet, -1));
    }
  g_assert_true (vpc_design_commit (f->design));
  select_ids (f, one);

  list = find_row (f, "Subnets");
  view = VPC_CHECKLIST_VIEW (gui_test_find_type (list, VPC_TYPE_CHECKLIST_VIEW));
  g_assert_nonnull (view);
  adw_expander_row_set_expanded (ADW_EXPANDER_ROW (list), TRUE);
  gui_test_spin (20);
  /* Rows for what the list shows and near it (GTK 4.8 keeps up to 200),
   * not for thousands. */
  g_assert_cmpuint (count_type (list, GTK_TYPE_CHECK_BUTTON), >, 0);
  g_assert_cmpuint (count_type (list, GTK_TYPE_CHECK_BUTTON), <, MANY_SUBNETS / 10);

  /* By name or id, as one types, whatever the case. */
  search = vpc_checklist_view_get_search (view);
  shown = G_LIST_MODEL (gtk_list_view_get_model (GTK_LIST_VIEW (vpc_checklist_view_get_list (view))));
  g_assert_cmpuint (g_list_model_get_n_items (shown), ==, MANY_SUBNETS + 1);
  search_for (search, shown, "many 2999", 1);
  /* sn-many-123 and sn-many-1230 to -1239 */
  search_for (search, shown, "sn-many-123", 11);
  search_for (search, shown, "SN-MANY-1234", 1);
  gui_test_spin (10);

  check = GTK_CHECK_BUTTON (gui_test_find_type (vpc_checklist_view_get_list (view),
                                                GTK_TYPE_CHECK_BUTTON));
  g_assert_cmpstr (gtk_check_button_get_label (check), ==, "Many 1234");
  g_assert_false (gtk_check_button_get_active (check));
  gtk_check_button_set_active (check, TRUE);
  gui_test_spin (5);
  g_assert_true (vpc_id_list_contains (vpc_design_lookup (f->design, "train-1")->subnets,
                                       "sn-many-1234"));
  g_assert_cmpstr (adw_expander_row_get_subtitle (ADW_EXPANDER_ROW (list)), ==,
                   "private-a, Many 1234");
  g_assert_true (vpc_design_undo (f->design));
  gui_test_spin (5);
  g_assert_false (vpc_id_list_contains (vpc_design_lookup (f->design, "train-1")->subnets,
                                        "sn-many-1234"));
  g_assert_false (gtk_check_button_get_active (check));
  g_assert_true (vpc_design_redo (f->design));
  gui_test_spin (5);
  g_assert_true (gtk_check_button_get_active (check));

  /* Two selected, one has it: mixed, and a click gives it to both. */
  select_ids (f, both);
  list = find_row (f, "Subnets");
  view = VPC_CHECKLIST_VIEW (gui_test_find_type (list, VPC_TYPE_CHECKLIST_VIEW));
  adw_expander_row_set_expanded (ADW_EXPANDER_ROW (list), TRUE);
  shown = G_LIST_MODEL (gtk_list_view_get_model (GTK_LIST_VIEW (vpc_checklist_view_get_list (view))));
  search_for (vpc_checklist_view_get_search (view), shown, "sn-many-1234", 1);
  gui_test_spin (10);
  check = GTK_CHECK_BUTTON (gui_test_find_type (vpc_checklist_view_get_list (view),
                                                GTK_TYPE_CHECK_BUTTON));
  g_assert_true (gtk_check_button_get_inconsistent (check));
  subtitle = gtk_widget_get_next_sibling (GTK_WIDGET (check));
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (subtitle)), ==,
                   "sn-many-1234 · 1 of 2 selected elements");
  gtk_check_button_set_active (check, TRUE);
  gui_test_spin (5);
  g_assert_true (vpc_id_list_contains (vpc_design_lookup (f->design, "train-2")->subnets,
                                       "sn-many-1234"));
  g_assert_false (gtk_check_button_get_inconsistent (check));
  g_assert_cmpstr (vpc_design_get_undo_label (f->design), ==, "Change “Subnets” of 2 elements");

  /* What the ticks made saves and opens again. */
  {
    gsize length = 0;
    g_autofree char *text = vpc_file_serialize (f->design, &length);
    g_autoptr(GBytes) bytes = g_bytes_new (text, length);
    g_autoptr(GError) error = NULL;
    g_autoptr(VpcDesign) reopened = vpc_file_load_bytes (bytes, NULL, &error);

    g_assert_no_error (error);
    g_assert_true (vpc_id_list_contains (vpc_design_lookup (reopened, "train-2")->subnets,
                                         "sn-many-1234"));
  }
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  if (!gtk_init_check ())
    {
      /* No skip: the 'gui' suite runs under xvfb-run. */
      g_printerr ("test-inspector-multi: cannot open a display. Run it under xvfb-run.\n");
      return 1;
    }
  adw_init ();
  /* Screenshots of expanded rows, not of their animation. */
  g_object_set (gtk_settings_get_default (), "gtk-recent-files-enabled", FALSE,
                "gtk-enable-animations", FALSE, NULL);
#define ADD(path, func) g_test_add (path, Fixture, NULL, setup, func, teardown)
  ADD ("/inspector/multi/attach-group", test_attach_group);
  ADD ("/inspector/multi/mixed-values", test_mixed_values);
  ADD ("/inspector/multi/nothing-in-common", test_nothing_in_common);
  ADD ("/inspector/many-candidates", test_many_candidates);
#undef ADD
  return g_test_run ();
}
