/* SPDX-License-Identifier: GPL-3.0-or-later */
/* vpc-cli-grade.c: `vpc-designer grade FILE [--format text|json]`
 * (format.md §6): each goal of the file's lesson met or not, with a
 * sentence, then passed or not passed.
 *
 * Exit 0 when every goal is met, 1 when one is not, 2 when the file has
 * no lesson or cannot be loaded (then nothing on stdout).
 */
#include "vpc-cli-private.h"

#include "vpc-cost.h"
#include "vpc-lesson-grade.h"
#include "vpc-terminal.h"

static const char *const grade_formats[] = { "text", "json", NULL };

static GString *
format_json (const char *file,
             const VpcLesson *lesson,
             GPtrArray  *results,
             gboolean    passed)
{
  VpcJsonWriter *json = _vpc_cli_json_new ();

  vpc_json_writer_begin_object (json, NULL);
  vpc_json_writer_string (json, "file", file);
  vpc_json_writer_string (json, "title", lesson->title);
  vpc_json_writer_begin_array (json, "goals");
  for (guint i = 0; i < results->len; i++)
    {
      const VpcGoalResult *result = g_ptr_array_index (results, i);

      vpc_json_writer_begin_object (json, NULL);
      vpc_lesson_write_goal (json, "goal", result->goal);
      vpc_json_writer_boolean (json, "met", result->met);
      vpc_json_writer_string (json, "detail", result->detail);
      vpc_json_writer_end_object (json);
    }
  vpc_json_writer_end_array (json);
  vpc_json_writer_boolean (json, "passed", passed);
  vpc_json_writer_end_object (json);
  return _vpc_cli_json_finish (json);
}

/* "no_finding VPC105 (element train)", "reachable train → ecr.dkr", … */
static void
append_goal (GString       *out,
             const VpcGoal *goal)
{
  g_string_append (out, vpc_goal_kind_to_string (goal->kind));
  switch (goal->kind)
    {
    case VPC_GOAL_NO_FINDING:
      g_string_append_c (out, ' ');
      vpc_terminal_append (out, goal->rule, -1, FALSE);
      if (goal->element != NULL)
        {
          g_autofree char *element = vpc_terminal_escape (goal->element);

          g_string_append_c (out, ' ');
          /* TRANSLATORS: the id of the element a no_finding goal is about. */
          g_string_append_printf (out, _("(element %s)"), element);
        }
      break;
    case VPC_GOAL_REACHABLE:
      g_string_append_c (out, ' ');
      vpc_terminal_append (out, goal->from, -1, FALSE);
      g_string_append (out, " → ");
      vpc_terminal_append (out, goal->to, -1, FALSE);
      break;
    case VPC_GOAL_NO_INTERNET:
      g_string_append_c (out, ' ');
      vpc_terminal_append (out, goal->workload, -1, FALSE);
      break;
    case VPC_GOAL_MAX_MONTHLY_COST:
      {
        g_autofree char *usd = vpc_cost_format ((gint64) (goal->usd * 1e6 + 0.5), FALSE);

        g_string_append_printf (out, " %s", usd);
        break;
      }
    case VPC_GOAL_KEEPS:
      for (guint i = 0; i < goal->ids->len; i++)
        {
          g_string_append (out, i == 0 ? " " : ", ");
          vpc_terminal_append (out, g_ptr_array_index (goal->ids, i), -1, FALSE);
        }
      break;
    case VPC_GOAL_NO_ERRORS:
    default:
      break;
    }
}

static GString *
format_text (const VpcLesson *lesson,
             GPtrArray       *results,
             gboolean         passed)
{
  g_autofree char *title = vpc_terminal_escape (lesson->title);
  GString *out = g_string_new (NULL);
  guint met = 0;

  g_string_append_printf (out, _("Lesson: %s"), title);
  g_string_append_c (out, '\n');
  for (guint i = 0; i < results->len; i++)
    {
      const VpcGoalResult *result = g_ptr_array_index (results, i);

      met += result->met;
      /* TRANSLATORS: whether a goal of the lesson is met; padded to 9. */
      g_string_append_printf (out, "  %-9s", result->met ? _("met") : _("NOT met"));
      append_goal (out, result->goal);
      g_string_append (out, ": ");
      vpc_terminal_append (out, result->detail, -1, FALSE);
      g_string_append_c (out, '\n');
    }
  if (passed)
    /* TRANSLATORS: the lesson's verdict. The plural follows the second
     * number; English keeps "goals" for one as well: scripts read this line. */
    g_string_append_printf (
        out, ngettext ("passed (%u of %u goals met)", "passed (%u of %u goals met)", results->len),
        met, results->len);
  else
    /* TRANSLATORS: the lesson's verdict. The plural follows the second
     * number; English keeps "goals" for one as well: scripts read this line. */
    g_string_append_printf (out,
                            ngettext ("not passed (%u of %u goals met)",
                                      "not passed (%u of %u goals met)", results->len),
                            met, results->len);
  g_string_append_c (out, '\n');
  return out;
}

int
_vpc_cli_grade (int    argc,
                char **argv)
{
  const char *format = "text", *file = NULL;
  const VpcCliOption options[] = {
    { "format", 0, grade_formats, &format },
    { NULL },
  };
  g_autoptr(VpcDesign) design = NULL;
  g_autoptr(GPtrArray) warnings = NULL;
  g_autoptr(GPtrArray) results = NULL;
  g_autoptr(GString) out = NULL;
  g_autofree char *file_utf8 = NULL;
  const VpcLesson *lesson;
  gboolean passed = FALSE;
  int status;

  design = _vpc_cli_open (argc, argv, options, &file, &warnings, &status);
  if (design == NULL)
    return status;
  lesson = vpc_design_get_info (design)->lesson;
  if (lesson == NULL)
    {
      _vpc_cli_printerr (_("vpc-designer: %s: the design has no lesson to grade (FORMAT.md §6: "
                            "the \"lesson\" key)\n"),
                         file);
      return VPC_CLI_EXIT_ERROR;
    }
  results = vpc_lesson_grade (design, &passed);
  file_utf8 = _vpc_cli_utf8 (file);
  if (g_str_equal (format, "json"))
    out = format_json (file_utf8, lesson, results, passed);
  else
    {
      _vpc_cli_print_warnings (file, warnings);
      out = format_text (lesson, results, passed);
    }
  return _vpc_cli_emit (out, passed ? VPC_CLI_EXIT_OK : VPC_CLI_EXIT_FINDINGS);
}
