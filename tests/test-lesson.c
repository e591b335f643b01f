/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-lesson.c: the `lesson` key and `vpc-designer grade` (format.md §6):
 * loading with places in the errors, unknown goals refused, the writer's
 * round trip, every goal kind judged by the code of check, trace and cost,
 * the command's text, JSON and exit codes; and every shipped lesson: its
 * start fails grade, its worked solution (tests/data/lessons) passes.
 */
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <string.h>

#include "cli-test-utils.h"
#include "vpc-file.h"
#include "vpc-lesson-grade.h"

#define BASE_DESIGN "training-cannot-reach-s3-ecr.vpcd.json"

/* The example with @lesson (JSON text) as its lesson. */
static char *
design_text (const char *lesson)
{
  g_autofree char *path = g_build_filename (g_getenv ("VPC_EXAMPLES_DIR"), BASE_DESIGN, NULL);
  g_autofree char *text = NULL;
  gsize length;
  char *end;

  g_assert_true (g_file_get_contents (path, &text, &length, NULL));
  end = strrchr (text, '}');
  g_assert_nonnull (end);
  *end = '\0';
  return g_strdup_printf ("%s, \"lesson\": %s }\n", text, lesson);
}

static VpcDesign *
load_lesson (const char *lesson,
             GError    **error)
{
  g_autofree char *text = design_text (lesson);
  g_autoptr(GBytes) bytes = g_bytes_new (text, strlen (text));

  return vpc_file_load_bytes (bytes, NULL, error);
}

#define GOALS_ALL                                                                                  \
  "{ \"title\": \"Pull the image\", \"steps\": [ { \"title\": \"The VPC\", \"text\": \"Two "       \
  "AZs.\", "                                                                                       \
  "\"show\": [\"vpc\", \"availability_zones\", \"subnets\"] }, { \"title\": \"The job\", "         \
  "\"text\": \"It fails.\", "                                                                      \
  "\"show\": [\"train\"] } ], \"task\": \"Fix the VPC.\", \"hints\": [\"Two ECR endpoints.\"], "   \
  "\"goals\": [ "                                                                                  \
  "{ \"no_finding\": \"VPC105\" }, { \"reachable\": { \"from\": \"train\", \"to\": \"ecr.dkr\" } " \
  "}, "                                                                                            \
  "{ \"keeps\": [\"train\"] }, { \"max_monthly_cost\": 100 }, { \"no_errors\": true }, "           \
  "{ \"no_internet\": \"train\" }, { \"no_finding\": \"VPC101\", \"element\": \"train\" } ] }"

/* Read, written, read again: the same lesson; the writer's text is stable. */
static void
test_round_trip (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(VpcDesign) design = load_lesson (GOALS_ALL, &error);
  g_autoptr(VpcDesign) again = NULL;
  g_autofree char *text = NULL;
  g_autofree char *text_again = NULL;
  g_autoptr(GBytes) bytes = NULL;
  const VpcLesson *lesson;
  const VpcGoal *goal;
  gsize length;

  g_assert_no_error (error);
  lesson = vpc_design_get_info (design)->lesson;
  g_assert_nonnull (lesson);
  g_assert_cmpstr (lesson->title, ==, "Pull the image");
  g_assert_cmpuint (lesson->steps->len, ==, 2);
  g_assert_cmpuint (lesson->goals->len, ==, 7);
  goal = g_ptr_array_index (lesson->goals, 6);
  g_assert_cmpint (goal->kind, ==, VPC_GOAL_NO_FINDING);
  g_assert_cmpstr (goal->element, ==, "train");
  text = vpc_file_serialize (design, &length);
  bytes = g_bytes_new (text, length);
  again = vpc_file_load_bytes (bytes, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (vpc_lesson_equal (lesson, vpc_design_get_info (again)->lesson));
  text_again = vpc_file_serialize (again, NULL);
  g_assert_cmpstr (text_again, ==, text);
}

/* A grader must never pass silently: what it does not understand is a
 * load error naming the place. */
static void
test_errors (void)
{
  static const struct { const char *goal, *message;
  } cases[] = {
    { "{ \"nope\": 1 }", "lesson.goals[1]: unknown goal key \"nope\"" },
    { "{ \"no_errors\": false }", "lesson.goals[1].no_errors: must be true" },
    { "{ \"no_finding\": \"VPC999\" }", "lesson.goals[1].no_finding: unknown rule \"VPC999\"" },
    { "{ \"reachable\": { \"from\": \"train\" } }",
      "lesson.goals[1].reachable: missing required key \"to\"" },
    { "{ \"reachable\": { \"from\": \"train\", \"to\": \"s3\", \"via\": 1 } }",
      "lesson.goals[1].reachable: unknown key \"via\"" },
    { "{ \"max_monthly_cost\": -1 }", "lesson.goals[1].max_monthly_cost: must be 0 or more" },
    { "{ \"keeps\": \"train\" }",
      "lesson.goals[1].keeps: must be an array of strings, not a string" },
    { "{ }", "lesson.goals[1]: no goal key" },
    { "{ \"no_errors\": true, \"keeps\": [] }", "lesson.goals[1]: more than one goal" },
    { "{ \"element\": \"train\" }", "lesson.goals[1]: unknown goal key \"element\"" },
    { "7", "lesson.goals[1]: must be an object" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *lesson
          = g_strdup_printf ("{ \"goals\": [ { \"keeps\": [] }, %s ] }", cases[i].goal);
      g_autoptr(GError) error = NULL;
      g_autoptr(VpcDesign) design = load_lesson (lesson, &error);

      g_assert_null (design);
      g_assert_error (error, VPC_FILE_ERROR, VPC_FILE_ERROR_INVALID);
      if (strstr (error->message, cases[i].message) == NULL)
        g_error ("goal %s: \"%s\" does not say \"%s\"", cases[i].goal, error->message,
                 cases[i].message);
    }
  {
    g_autoptr(GError) error = NULL;
    g_autoptr(VpcDesign) design = load_lesson ("[]", &error);

    g_assert_null (design);
    g_assert_nonnull (strstr (error->message, "lesson: must be an object"));
  }
}

/* Every goal kind, judged on the broken example and on it fixed. */
static void
test_grade (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(VpcDesign) design = load_lesson (GOALS_ALL, &error);
  g_autoptr(GPtrArray) results = NULL;
  gboolean passed = TRUE;
  static const gboolean broken[] = { FALSE, FALSE, TRUE, TRUE, FALSE, TRUE, FALSE };

  g_assert_no_error (error);
  results = vpc_lesson_grade (design, &passed);
  g_assert_false (passed);
  g_assert_cmpuint (results->len, ==, G_N_ELEMENTS (broken));
  for (guint i = 0; i < results->len; i++)
    {
      const VpcGoalResult *r = g_ptr_array_index (results, i);

      g_assert_cmpint (r->met, ==, broken[i]);
      g_assert_true (r->detail != NULL && *r->detail != '\0');
    }

  /* Add the ECR endpoints and an S3 gateway: every goal but the cost. */
  {
    const char *subnets[] = { "private-a", "private-b" };
    const char *services[] = { "ecr.api", "ecr.dkr", "s3" };

    vpc_design_begin (design, "Fix");
    for (guint i = 0; i < G_N_ELEMENTS (services); i++)
      {
        g_autofree char *id = g_strdup_printf ("ep-%u", i);
        VpcElement *e = vpc_element_new (VPC_KIND_ENDPOINT, id);

        e->service = g_strdup (services[i]);
        e->endpoint_type = i == 2 ? VPC_ENDPOINT_GATEWAY : VPC_ENDPOINT_INTERFACE;
        for (guint k = 0; i < 2 && k < G_N_ELEMENTS (subnets); k++)
          vpc_id_list_add (e->subnets, subnets[k]);
        if (i < 2)
          vpc_id_list_add (e->security_groups, "sg-endpoints");
        vpc_design_add_element (design, e, -1);
      }
    /* The gateway needs 443 out to S3's prefix list (VPC405). */
    {
      VpcElement *sg = vpc_element_copy (vpc_design_lookup (design, "sg-ml"));
      VpcSgRule rule = { VPC_PROTOCOL_TCP, 443, 443, g_strdup ("prefix-list:s3") };

      g_array_append_val (sg->egress, rule);
      vpc_design_replace_element (design, sg);
    }
    g_assert_true (vpc_design_commit (design));
  }
  g_clear_pointer (&results, g_ptr_array_unref);
  results = vpc_lesson_grade (design, &passed);
  for (guint i = 0; i < results->len; i++)
    {
      const VpcGoalResult *r = g_ptr_array_index (results, i);

      if (!r->met)
        g_test_message ("not met: %s", r->detail);
      g_assert_true (r->met);
    }
  g_assert_true (passed);

  /* A cheaper limit and a removed workload are caught. */
  {
    const char *ids[] = { "train" };

    g_assert_true (vpc_design_delete (design, ids, 1));
    g_clear_pointer (&results, g_ptr_array_unref);
    results = vpc_lesson_grade (design, &passed);
    g_assert_false (passed);
    g_assert_false (((VpcGoalResult *) g_ptr_array_index (results, 2))->met);
    g_assert_nonnull (strstr (((VpcGoalResult *) g_ptr_array_index (results, 2))->detail, "train"));
    g_assert_false (((VpcGoalResult *) g_ptr_array_index (results, 1))->met);
  }
}

/* no_internet: isolation, or no internet path from any subnet. */
static void
test_no_internet (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(VpcDesign) design = load_lesson ("{ \"goals\": [ { \"no_internet\": \"train\" }, "
                                             "{ \"no_internet\": \"nobody\" } ] }", &error);
  g_autoptr(GPtrArray) results = NULL;
  g_autoptr(VpcElement) train = NULL;

  g_assert_no_error (error);
  results = vpc_lesson_grade (design, NULL);
  g_assert_true (((VpcGoalResult *) g_ptr_array_index (results, 0))->met);
  g_assert_false (((VpcGoalResult *) g_ptr_array_index (results, 1))->met);
  /* Outside the VPC it has SageMaker's internet; isolated it has none. */
  train = vpc_element_copy (vpc_design_lookup (design, "train"));
  train->vpc_mode = FALSE;
  g_assert_true (vpc_design_replace_element (design, vpc_element_copy (train)));
  g_clear_pointer (&results, g_ptr_array_unref);
  results = vpc_lesson_grade (design, NULL);
  g_assert_false (((VpcGoalResult *) g_ptr_array_index (results, 0))->met);
  train->network_isolation = TRUE;
  g_assert_true (vpc_design_replace_element (design, g_steal_pointer (&train)));
  g_clear_pointer (&results, g_ptr_array_unref);
  results = vpc_lesson_grade (design, NULL);
  g_assert_true (((VpcGoalResult *) g_ptr_array_index (results, 0))->met);
}

static char *
write_temp (const char *dir,
            const char *name,
            const char *text)
{
  char *path = g_build_filename (dir, name, NULL);

  g_assert_true (g_file_set_contents (path, text, -1, NULL));
  return path;
}

/* The command: text, JSON, exit codes. */
static void
test_cli (void)
{
  g_autofree char *dir = g_dir_make_tmp ("vpc-grade-XXXXXX", NULL);
  g_autofree char *text = design_text (GOALS_ALL);
  g_autofree char *lab = write_temp (dir, "lab.vpcd.json", text);
  g_autofree char *plain_src = g_build_filename (g_getenv ("VPC_EXAMPLES_DIR"), BASE_DESIGN, NULL);
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_auto(CliRun) run = { 0 };
  g_auto(CliRun) json = { 0 };
  g_auto(CliRun) none = { 0 };
  g_auto(CliRun) usage = { 0 };
  JsonObject *root;

  CLI_RUN (&run, NULL, "grade", lab);
  g_assert_cmpint (run.status, ==, 1);
  g_assert_true (g_str_has_prefix (run.out, "Lesson: Pull the image\n"));
  g_assert_nonnull (strstr (run.out, "  NOT met  no_finding VPC105: VPC105 is still reported"));
  g_assert_nonnull (strstr (run.out, "  met      keeps train: "));
  g_assert_true (g_str_has_suffix (run.out, "not passed (3 of 7 goals met)\n"));

  CLI_RUN (&json, NULL, "grade", lab, "--format", "json");
  g_assert_cmpint (json.status, ==, 1);
  g_assert_true (json_parser_load_from_data (parser, json.out, -1, NULL));
  root = json_node_get_object (json_parser_get_root (parser));
  g_assert_cmpstr (json_object_get_string_member (root, "file"), ==, lab);
  g_assert_cmpstr (json_object_get_string_member (root, "title"), ==, "Pull the image");
  g_assert_false (json_object_get_boolean_member (root, "passed"));
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (root, "goals")), ==, 7);
  {
    JsonObject *first
        = json_array_get_object_element (json_object_get_array_member (root, "goals"), 1);
    JsonObject *goal = json_object_get_object_member (first, "goal");

    g_assert_cmpstr (
        json_object_get_string_member (json_object_get_object_member (goal, "reachable"), "to"), ==,
        "ecr.dkr");
    g_assert_false (json_object_get_boolean_member (first, "met"));
    g_assert_true (json_object_has_member (first, "detail"));
  }

  CLI_RUN (&none, NULL, "grade", plain_src);
  g_assert_cmpint (none.status, ==, 2);
  g_assert_cmpstr (none.out, ==, "");
  g_assert_nonnull (strstr (none.err, "no lesson"));

  CLI_RUN (&usage, NULL, "grade", lab, "--format", "xml");
  cli_assert_usage_error (&usage, "--format");
  g_unlink (lab);
  g_rmdir (dir);
}

/* grade's output for a lab, against tests/data/lessons/STEM.SUFFIX;
 * VPC_UPDATE_GOLDENS=1 rewrites it. */
static void
check_golden (const char *stem,
              const char *suffix,
              const char *output)
{
  g_autofree char *name = g_strconcat (stem, suffix, NULL);
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", "lessons", name, NULL);
  g_autofree char *expected = NULL;

  if (g_strcmp0 (g_getenv ("VPC_UPDATE_GOLDENS"), "1") == 0)
    {
      g_assert_true (g_file_set_contents (path, output, -1, NULL));
      return;
    }
  g_assert_true (g_file_get_contents (path, &expected, NULL, NULL));
  g_assert_cmpstr (output, ==, expected);
}

/* Every shipped lesson: the lab fails grade, its worked solution passes,
 * and grade's text and JSON for the lab match their goldens. */
static void
test_shipped (void)
{
  g_autofree char *lessons
      = g_test_build_filename (G_TEST_DIST, "..", "resources", "lessons", NULL);
  g_autoptr(GDir) folder = g_dir_open (lessons, 0, NULL);
  const char *name;
  guint n = 0;

  g_assert_nonnull (folder);
  while ((name = g_dir_read_name (folder)) != NULL)
    {
      g_autofree char *lab = g_build_filename (lessons, name, NULL);
      g_autofree char *stem = g_strndup (name, strlen (name) - strlen (".vpcd.json"));
      g_autofree char *solution_name = g_strconcat (stem, ".solution.vpcd.json", NULL);
      g_autofree char *solution
          = g_test_build_filename (G_TEST_DIST, "data", "lessons", solution_name, NULL);
      g_auto(CliRun) start = { 0 };
      g_auto(CliRun) start_json = { 0 };
      g_auto(CliRun) solved = { 0 };

      if (!g_str_has_suffix (name, ".vpcd.json"))
        continue;
      n++;
      /* Run from the lessons folder: the outputs name the file as given. */
      CLI_RUN (&start, lessons, "grade", name);
      if (start.status != 1)
        g_error ("%s: grade exits %d, not 1 (the lab must start broken):\n%s%s", name, start.status,
                 start.out, start.err);
      CLI_RUN (&start_json, lessons, "grade", name, "--format", "json");
      g_assert_cmpint (start_json.status, ==, 1);
      check_golden (stem, ".grade.txt", start.out);
      check_golden (stem, ".grade.json", start_json.out);
      g_assert_true (g_file_test (solution, G_FILE_TEST_IS_REGULAR));
      CLI_RUN (&solved, NULL, "grade", solution);
      if (solved.status != 0)
        g_error ("%s: grade exits %d, not 0:\n%s%s", solution_name, solved.status, solved.out,
                 solved.err);
    }
  g_assert_cmpuint (n, >=, 8);
}

/* Authoring: a finding becomes a goal, a selection a step, each one
 * undoable edit; a design without a lesson gets one. */
static void
test_authoring (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_build_filename (g_getenv ("VPC_EXAMPLES_DIR"), BASE_DESIGN, NULL);
  g_autoptr(VpcDesign) design = vpc_file_load_path (path, NULL, &error);
  const char *ids[] = { "train", "subnets", NULL };
  const VpcLesson *lesson;
  const VpcGoal *goal;

  g_assert_no_error (error);
  g_assert_null (vpc_design_get_info (design)->lesson);
  g_assert_true (vpc_lesson_add_no_finding_goal (design, "VPC105", "train"));
  g_assert_false (vpc_lesson_add_no_finding_goal (design, "VPC105", "train"));
  vpc_lesson_add_step (design, "The job", ids);
  lesson = vpc_design_get_info (design)->lesson;
  g_assert_nonnull (lesson);
  g_assert_cmpuint (lesson->goals->len, ==, 1);
  goal = g_ptr_array_index (lesson->goals, 0);
  g_assert_cmpstr (goal->rule, ==, "VPC105");
  g_assert_cmpstr (goal->element, ==, "train");
  g_assert_cmpuint (lesson->steps->len, ==, 1);
  g_assert_cmpuint (((VpcLessonStep *) g_ptr_array_index (lesson->steps, 0))->show->len, ==, 2);
  g_assert_true (vpc_design_undo (design));
  g_assert_cmpuint (vpc_design_get_info (design)->lesson->steps->len, ==, 0);
  g_assert_true (vpc_design_undo (design));
  g_assert_null (vpc_design_get_info (design)->lesson);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/lesson/round-trip", test_round_trip);
  g_test_add_func ("/lesson/errors", test_errors);
  g_test_add_func ("/lesson/grade", test_grade);
  g_test_add_func ("/lesson/no-internet", test_no_internet);
  g_test_add_func ("/lesson/cli", test_cli);
  g_test_add_func ("/lesson/authoring", test_authoring);
  g_test_add_func ("/lesson/shipped", test_shipped);
  return g_test_run ();
}
