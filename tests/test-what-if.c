/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-what-if.c: what-if mode's model (issue 11): switches over a design
 * give a read-only scenario without touching the design, the scenario is
 * the design the same edits make, and Apply is one undoable step.
 */
#include <string.h>

#include "vpc-file.h"
#include "vpc-what-if.h"

static VpcDesign *
load_example (const char *name)
{
  g_autofree char *path = g_build_filename (g_getenv ("VPC_EXAMPLES_DIR"), name, NULL);
  g_autoptr(GError) error = NULL;
  VpcDesign *design = vpc_file_load_path (path, NULL, &error);

  g_assert_no_error (error);
  return design;
}

static char *
text_of (VpcDesign *design)
{
  return vpc_file_serialize (design, NULL);
}

static void
count_refusal (VpcDesign  *design,
               const char *message,
               guint      *n)
{
  (*n)++;
}

/* A read-only design refuses every kind of step with the reason, and
 * stays as it was, without history. */
static void
test_read_only (void)
{
  g_autoptr(VpcDesign) design = load_example ("two-az-training-and-hosting.vpcd.json");
  g_autofree char *before = text_of (design);
  g_autofree char *after = NULL;
  g_autoptr(VpcElement) az = NULL;
  VpcDesignInfo *info;
  const char *ids[] = { "az-a" };
  guint refusals = 0;

  g_signal_connect (design, "edit-refused", G_CALLBACK (count_refusal), &refusals);
  vpc_design_set_read_only (design, "A what-if view shows the design as it would be");
  g_assert_cmpstr (vpc_design_get_read_only (design), ==,
                   "A what-if view shows the design as it would be");
  g_assert_false (vpc_design_add_element (design, vpc_element_new (VPC_KIND_AZ, "az-new"), -1));
  g_assert_cmpstr (
      vpc_design_get_last_refusal (design), ==,
      "“Add availability zone” was not done. A what-if view shows the design as it would be.");
  az = vpc_element_copy (vpc_design_lookup (design, "az-a"));
  g_free (az->name);
  az->name = g_strdup ("renamed");
  g_assert_false (vpc_design_replace_element (design, g_steal_pointer (&az)));
  g_assert_false (vpc_design_delete (design, ids, 1));
  info = vpc_design_info_copy (vpc_design_get_info (design));
  g_free (info->name);
  info->name = g_strdup ("renamed");
  g_assert_false (vpc_design_set_info (design, info));
  g_assert_cmpuint (refusals, ==, 4);
  after = text_of (design);
  g_assert_cmpstr (after, ==, before);
  g_assert_false (vpc_design_get_can_undo (design));
  g_assert_false (vpc_design_get_modified (design));

  vpc_design_set_read_only (design, NULL);
  g_assert_true (vpc_design_delete (design, ids, 1));
}

static void
test_switches (void)
{
  g_autoptr(VpcDesign) design = load_example ("two-az-training-and-hosting.vpcd.json");
  g_autoptr(VpcWhatIf) what_if = vpc_what_if_new ();
  const char *id;

  g_assert_true (vpc_what_if_applies (design, VPC_WHAT_IF_OFF, "az-a"));
  g_assert_true (vpc_what_if_applies (design, VPC_WHAT_IF_OFF, "ep-ecr-api"));
  g_assert_false (vpc_what_if_applies (design, VPC_WHAT_IF_OFF, "private-a"));
  g_assert_false (vpc_what_if_applies (design, VPC_WHAT_IF_OFF, "train"));
  g_assert_true (vpc_what_if_applies (design, VPC_WHAT_IF_ISOLATED, "train"));
  g_assert_false (vpc_what_if_applies (design, VPC_WHAT_IF_ISOLATED, "az-a"));
  g_assert_false (vpc_what_if_applies (design, VPC_WHAT_IF_OFF, "no-such-id"));

  g_assert_true (vpc_what_if_toggle (what_if, VPC_WHAT_IF_OFF, "az-a"));
  g_assert_true (vpc_what_if_toggle (what_if, VPC_WHAT_IF_ISOLATED, "train"));
  g_assert_true (vpc_what_if_toggle (what_if, VPC_WHAT_IF_OFF, "ep-ecr-api"));
  g_assert_false (vpc_what_if_toggle (what_if, VPC_WHAT_IF_OFF, "az-a"));
  g_assert_cmpuint (vpc_what_if_get_n_switches (what_if), ==, 2);
  g_assert_cmpint (vpc_what_if_get_switch (what_if, 0, &id), ==, VPC_WHAT_IF_ISOLATED);
  g_assert_cmpstr (id, ==, "train");
  g_assert_true (vpc_what_if_contains (what_if, VPC_WHAT_IF_OFF, "ep-ecr-api"));
  g_assert_false (vpc_what_if_contains (what_if, VPC_WHAT_IF_OFF, "az-a"));

  /* The endpoint goes from the design: its switch goes too. */
  {
    const char *ids[] = { "ep-ecr-api" };

    g_assert_false (vpc_what_if_prune (what_if, design));
    g_assert_true (vpc_design_delete (design, ids, 1));
    g_assert_true (vpc_what_if_prune (what_if, design));
    g_assert_cmpuint (vpc_what_if_get_n_switches (what_if), ==, 1);
  }
}

/* The scenario is the design those edits make (the same cascade as check
 * --without), the design is untouched, and Apply is one undoable step
 * that gives the scenario's text. */
static void
test_scenario_and_apply (void)
{
  g_autoptr(VpcDesign) design = load_example ("two-az-training-and-hosting.vpcd.json");
  g_autoptr(VpcWhatIf) what_if = vpc_what_if_new ();
  g_autoptr(VpcDesign) scenario = NULL;
  g_autoptr(VpcDesign) without = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *before = text_of (design);
  g_autofree char *scenario_text = NULL;
  g_autofree char *without_text = NULL;
  g_autofree char *applied = NULL;
  g_autofree char *undone = NULL;
  const char *off[] = { "az-a", "ep-ecr-api" };
  const VpcElement *train;

  vpc_what_if_toggle (what_if, VPC_WHAT_IF_OFF, "az-a");
  vpc_what_if_toggle (what_if, VPC_WHAT_IF_OFF, "ep-ecr-api");
  scenario = vpc_what_if_scenario (what_if, design, "what-if", &error);
  g_assert_no_error (error);
  g_assert_nonnull (scenario);
  g_assert_cmpstr (vpc_design_get_read_only (scenario), ==, "what-if");
  g_assert_false (vpc_design_get_can_undo (scenario));
  g_assert_null (vpc_design_lookup (scenario, "az-a"));
  g_assert_null (vpc_design_lookup (scenario, "private-a"));
  g_assert_null (vpc_design_lookup (scenario, "ep-ecr-api"));
  without = vpc_what_if_without (design, off, G_N_ELEMENTS (off), &error);
  g_assert_no_error (error);
  scenario_text = text_of (scenario);
  without_text = text_of (without);
  g_assert_cmpstr (scenario_text, ==, without_text);

  vpc_what_if_toggle (what_if, VPC_WHAT_IF_ISOLATED, "train");
  g_clear_object (&scenario);
  g_clear_pointer (&scenario_text, g_free);
  scenario = vpc_what_if_scenario (what_if, design, "what-if", &error);
  g_assert_no_error (error);
  train = vpc_design_lookup (scenario, "train");
  g_assert_nonnull (train);
  g_assert_true (train->network_isolation);
  g_assert_false (vpc_design_lookup (design, "train")->network_isolation);
  {
    g_autofree char *still = text_of (design);

    g_assert_cmpstr (still, ==, before);
  }

  g_assert_true (vpc_what_if_apply (what_if, design, "Apply What-If"));
  g_assert_cmpstr (vpc_design_get_undo_label (design), ==, "Apply What-If");
  applied = text_of (design);
  scenario_text = text_of (scenario);
  g_assert_cmpstr (applied, ==, scenario_text);
  g_assert_true (vpc_design_undo (design));
  g_assert_false (vpc_design_get_can_undo (design));
  undone = text_of (design);
  g_assert_cmpstr (undone, ==, before);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/what-if/read-only", test_read_only);
  g_test_add_func ("/what-if/switches", test_switches);
  g_test_add_func ("/what-if/scenario-and-apply", test_scenario_and_apply);
  return g_test_run ();
}
