/* SPDX-License-Identifier: GPL-3.0-or-later */
/* vpc-cli.c: the pieces every command of the command line shares: argument
 * parsing, loading, messages and output. Never touches GTK. */
#include "vpc-cli-private.h"
#include "vpc-cli.h"

#include <errno.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "vpc-file.h"
#include "vpc-heap.h"
#include "vpc-terminal.h"

const char *
vpc_cli_usage (void)
{
  /* TRANSLATORS: the --help text. Keep the commands, options, metavariables
   * (FILE, OUT, ID, …), values and suffixes as they are: they are typed.
   * Translate the descriptions; the column of descriptions may move. */
  return _("Usage:\n"
         "  vpc-designer [FILE...]                          open the editor\n"
         "  vpc-designer check FILE [--format text|json|sarif] [--profile study-guide|precise]\n"
         "                     [--without ID[,ID...]]\n"
         "  vpc-designer cost FILE [--format text|json|csv] [--region REGION]\n"
         "  vpc-designer export FILE -o OUT [--theme light|dark] [--scale N]\n"
         "                                                  OUT's suffix picks the format:\n"
         "                                                  .png .svg .pdf .json .drawio, and\n"
         "                                                  CloudFormation .yaml .cfn.json,\n"
         "                                                  Terraform .tf\n"
         "  vpc-designer repair FILE -o OUT.vpcd.json       drop what keeps FILE from\n"
         "                                                  loading; one line per change\n"
         "  vpc-designer trace FILE --from WORKLOAD --to SERVICE [--without ID[,ID...]]\n"
         "                     [--profile study-guide|precise] [--format text|json]\n"
         "                                                  how WORKLOAD reaches SERVICE\n"
         "                                                  from each of its subnets\n"
         "  vpc-designer grade FILE [--format text|json]    judge FILE against the goals\n"
         "                                                  of its lesson\n"
         "  vpc-designer diff OLD NEW [--format text|json] [--profile study-guide|precise]\n"
         "                    [--region REGION]             elements added, removed, changed\n"
         "                                                  and moved; findings introduced and\n"
         "                                                  resolved; the cost of both sides\n"
         "  vpc-designer report FILE -o OUT                 a design-review document; OUT's\n"
         "                                                  suffix picks the format: .pdf .html\n"
         "                                                  .md (with OUT.svg beside it)\n"
         "  vpc-designer import SOURCE... -o OUT.vpcd.json [--vpc ID] [--region REGION]\n"
         "                                                  a design from a CloudFormation\n"
         "                                                  template (JSON or YAML) or from\n"
         "                                                  saved aws ec2/sagemaker describe-*\n"
         "                                                  outputs\n"
         "  vpc-designer rules [--format markdown|json]     the rule catalogue: id, severity,\n"
         "                                                  title, what breaks, the fix, the\n"
         "                                                  AWS page\n"
         "  vpc-designer --version | --help\n"
         "\n"
         "FILE must be a regular file, or '-' for standard input (a pipe or a\n"
         "redirected file). OUT is replaced safely and keeps its permissions; it may\n"
         "not be FILE itself, a folder, a device or a FIFO. N is a decimal number\n"
         "above 0 and at most 100 (2, 0.5, 1.25). Control characters in a design's\n"
         "names and texts are printed as escapes (\\x1b, \\u202e) in text and CSV.\n"
         "--without judges the design as if the listed elements were deleted (an AZ\n"
         "with its subnets, a subnet with its NAT gateways); the file is not changed.\n"
         "\n"
         "Exit status: 0 success and no error-severity findings; 1 the design has at\n"
         "least one error-severity finding (check only); 2 usage error or a file that\n"
         "cannot be read or loaded. trace exits 0 whether or not the service is\n"
         "reachable: read \"reachable\" in its output. grade exits 0 when every goal\n"
         "is met, 1 when one is not, 2 when FILE has no lesson. diff exits 1 when NEW\n"
         "introduces an error-severity finding, so that it can gate a review.\n");
}

void
_vpc_cli_printerr (const char *format,
                   ...)
{
  g_autofree char *message = NULL;
  va_list args;

  g_autoptr(GString) safe = NULL;
  gsize length;
  gboolean newline;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);
  /* Raw UTF-8, like stdout: g_printerr() would turn the loader's quotes
   * and non-ASCII file names into "?" under LANG=C. What a file or its
   * name holds must not drive the terminal or forge a line: controls,
   * line breaks too, come out escaped; only the final newline stays. */
  length = strlen (message);
  newline = length > 0 && message[length - 1] == '\n';
  safe = g_string_sized_new (length + 1);
  vpc_terminal_append (safe, message, (gssize) length - newline, FALSE);
  if (newline)
    g_string_append_c (safe, '\n');
  fputs (safe->str, stderr);
  fflush (stderr);
}

void
_vpc_cli_usage_error (const char *command,
                      const char *format,
                      ...)
{
  g_autofree char *message = NULL;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);
  if (command != NULL)
    {
      _vpc_cli_printerr ("vpc-designer: %s: %s\n", command, message);
      _vpc_cli_printerr (_("Try 'vpc-designer %s --help' for more information.\n"), command);
    }
  else
    {
      _vpc_cli_printerr ("vpc-designer: %s\n", message);
      _vpc_cli_printerr ("%s", _("Try 'vpc-designer --help' for more information.\n"));
    }
}

/* --- argument parsing -------------------------------------------------- */

static gboolean
is_help (const char *arg)
{
  return strcmp (arg, "--help") == 0 || strcmp (arg, "-h") == 0;
}

static const VpcCliOption *
find_long (const VpcCliOption *options,
           const char         *name,
           gsize               length)
{
  for (; options->long_name != NULL; options++)
    if (strlen (options->long_name) == length && strncmp (options->long_name, name, length) == 0)
      return options;
  return NULL;
}

static const VpcCliOption *
find_short (const VpcCliOption *options,
            char                name)
{
  for (; options->long_name != NULL; options++)
    if (options->short_name != 0 && options->short_name == name)
      return options;
  return NULL;
}

/* "text, json or sarif" */
static char *
list_values (const char *const *values)
{
  GString *text = g_string_new (NULL);

  for (guint i = 0; values[i] != NULL; i++)
    {
      if (i > 0 && values[i + 1] == NULL)
        {
          g_autofree char *first = g_string_free (text, FALSE);

          /* TRANSLATORS: the last of the values an option accepts, added to
           * the others: "text, json" and "sarif" give "text, json or sarif". */
          return g_strdup_printf (_("%s or %s"), first, values[i]);
        }
      if (i > 0)
        g_string_append (text, ", ");
      g_string_append (text, values[i]);
    }
  return g_string_free (text, FALSE);
}

/* Checks and stores one option's value; returns an error message or NULL. */
static char *
take_value (const VpcCliOption *option,
            const char         *value)
{
  if (value == NULL || *value == '\0')
    return g_strdup_printf (_("option '--%s' needs a value"), option->long_name);
  if (option->values != NULL && !g_strv_contains (option->values, value))
    {
      g_autofree char *expected = list_values (option->values);

      /* TRANSLATORS: the value given, the option's name, the values it accepts. */
      return g_strdup_printf (_("invalid value '%s' for '--%s' (expected %s)"),
                              value, option->long_name, expected);
    }
  *option->value = value;
  /* What programs read is the same bytes in every language. */
  if (strcmp (option->long_name, "format") == 0 &&
      (strcmp (value, "json") == 0 || strcmp (value, "sarif") == 0 || strcmp (value, "csv") == 0))
    vpc_i18n_set_enabled (FALSE);
  if (option->all != NULL)
    g_ptr_array_add (option->all, (gpointer) value);
  return NULL;
}

/* Parses the option at argv[*i] ("--name", "--name=VALUE", "-o", "-oVALUE"),
 * taking its value from the next argument when needed. Returns an error
 * message or NULL. */
static char *
parse_option (int                 argc,
              char              **argv,
              int                *i,
              const VpcCliOption *options)
{
  const char *arg = argv[*i];
  const VpcCliOption *option;
  const char *value = NULL;

  if (arg[1] == '-')
    {
      const char *equals = strchr (arg, '=');

      option = find_long (options, arg + 2,
                          equals != NULL ? (gsize) (equals - arg - 2) : strlen (arg + 2));
      if (option == NULL)
        return g_strdup_printf (_("unknown option '%.*s'"),
                                equals != NULL ? (int) (equals - arg) : (int) strlen (arg), arg);
      if (equals != NULL)
        return take_value (option, equals + 1);
    }
  else
    {
      option = find_short (options, arg[1]);
      if (option == NULL)
        return g_strdup_printf (_("unknown option '-%c'"), arg[1]);
      if (arg[2] != '\0')
        return take_value (option, arg + 2);
    }
  if (*i + 1 < argc)
    value = argv[++*i];
  return take_value (option, value);
}

int
_vpc_cli_parse (int                 argc,
                char              **argv,
                const VpcCliOption *options,
                const char        **file)
{
  static const char *const names[] = { "FILE", NULL };

  return _vpc_cli_parse_files (argc, argv, options, names, file);
}

/* The one parser: options, and every positional argument into @given
 * (at most @max, more is a usage error). Returns VPC_CLI_EXIT_OK with
 * @help set after printing the usage, or the status of a usage error. */
static int
parse_arguments (int                 argc,
                 char              **argv,
                 const VpcCliOption *options,
                 GPtrArray          *given,
                 guint               max,
                 gboolean           *help)
{
  const char *command = argv[1];
  g_autofree char *problem = NULL;
  gboolean options_done = FALSE;

  *help = FALSE;
  /* Go through everything even after a problem: --help anywhere wins. */
  for (int i = 2; i < argc; i++)
    {
      const char *arg = argv[i];
      char *error = NULL;

      if (!options_done && strcmp (arg, "--") == 0)
        options_done = TRUE;
      else if (!options_done && is_help (arg))
        {
          /* No FILE: the caller must stop here, even after "check FILE --help". */
          *help = TRUE;
          fputs (vpc_cli_usage (), stdout);
          return VPC_CLI_EXIT_OK;
        }
      else if (!options_done && arg[0] == '-' && arg[1] != '\0')
        error = parse_option (argc, argv, &i, options);
      else if (given->len < max)
        g_ptr_array_add (given, (gpointer) arg);
      else
        error = g_strdup_printf (_("unexpected argument '%s'"), arg);

      if (problem == NULL)
        problem = error;
      else
        g_free (error);
    }

  if (problem != NULL)
    {
      _vpc_cli_usage_error (command, "%s", problem);
      return VPC_CLI_EXIT_ERROR;
    }
  return VPC_CLI_EXIT_OK;
}

int
_vpc_cli_parse_none (int                 argc,
                     char              **argv,
                     const VpcCliOption *options,
                     gboolean           *help)
{
  g_autoptr(GPtrArray) given = g_ptr_array_new ();

  return parse_arguments (argc, argv, options, given, 0, help);
}

int
_vpc_cli_parse_files (int                 argc,
                      char              **argv,
                      const VpcCliOption *options,
                      const char *const  *names,
                      const char        **files)
{
  guint n_files = g_strv_length ((char **) names);
  g_autoptr(GPtrArray) given = g_ptr_array_new ();
  gboolean help;
  int status;

  for (guint i = 0; i < n_files; i++)
    files[i] = NULL;
  status = parse_arguments (argc, argv, options, given, n_files, &help);
  if (status != VPC_CLI_EXIT_OK || help)
    return status;
  /* Counted after the options: a problem among them comes first. */
  if (given->len < n_files)
    {
      /* TRANSLATORS: %s is as the usage writes it: FILE, OLD, NEW, SOURCE,
       * -o OUT, --from WORKLOAD. */
      _vpc_cli_usage_error (argv[1], _("missing %s"), names[given->len]);
      return VPC_CLI_EXIT_ERROR;
    }
  for (guint i = 0; i < given->len; i++)
    files[i] = g_ptr_array_index (given, i);
  return VPC_CLI_EXIT_OK;
}

int
_vpc_cli_parse_list (int                 argc,
                     char              **argv,
                     const VpcCliOption *options,
                     const char         *name,
                     GPtrArray          *files)
{
  gboolean help;
  int status = parse_arguments (argc, argv, options, files, G_MAXUINT, &help);

  if (help)
    g_ptr_array_set_size (files, 0);
  else if (status == VPC_CLI_EXIT_OK && files->len == 0)
    {
      _vpc_cli_usage_error (argv[1], _("missing %s"), name);
      return VPC_CLI_EXIT_ERROR;
    }
  return status;
}

gboolean
_vpc_cli_parse_decimal (const char *text,
                        double     *value)
{
  const char *p = text;

  if (text == NULL || !g_ascii_isdigit (*p))
    return FALSE;
  while (g_ascii_isdigit (*p))
    p++;
  if (*p == '.')
    {
      if (!g_ascii_isdigit (*++p))
        return FALSE;
      while (g_ascii_isdigit (*p))
        p++;
    }
  if (*p != '\0')
    return FALSE;
  *value = g_ascii_strtod (text, NULL);
  return isfinite (*value);
}

/* --- shared steps ------------------------------------------------------ */

/* FILE's bytes. "-" (or "/dev/stdin", which would otherwise be refused
 * as a pipe) reads standard input, unless it is the terminal, where nobody
 * would know that a design is expected. */
GBytes *
_vpc_cli_read_input (const char *file,
                     GError    **error)
{
  if (strcmp (file, "-") != 0 && strcmp (file, "/dev/stdin") != 0)
    return vpc_file_read_path (file, error);
  if (isatty (STDIN_FILENO))
    {
      g_set_error_literal (
          error, G_FILE_ERROR, G_FILE_ERROR_INVAL,
          _("standard input is a terminal: pipe a design into '-', or name the file"));
      return NULL;
    }
  return vpc_file_read_fd (STDIN_FILENO, _("standard input"), error);
}

VpcDesign *
_vpc_cli_load (const char  *file,
               GPtrArray  **warnings)
{
  return _vpc_cli_load_full (file, VPC_FILE_LOAD_DEFAULT, warnings);
}

VpcDesign *
_vpc_cli_load_full (const char      *file,
                    VpcFileLoadFlags flags,
                    GPtrArray      **warnings)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) found = NULL;
  GBytes *bytes;
  VpcDesign *design = NULL;

  vpc_heap_prepare_for_file (file);
  bytes = _vpc_cli_read_input (file, &error);
  if (bytes != NULL)
    design = vpc_file_load_bytes_take (bytes, flags, &found, &error);
  if (design == NULL)
    {
      _vpc_cli_printerr ("vpc-designer: %s: %s\n", file,
                  error != NULL ? error->message : _("cannot be loaded"));
      return NULL;
    }
  *warnings = found != NULL ? g_steal_pointer (&found) : g_ptr_array_new_with_free_func (g_free);
  return design;
}

VpcDesign *
_vpc_cli_open (int                 argc,
               char              **argv,
               const VpcCliOption *options,
               const char        **file,
               GPtrArray         **warnings,
               int                *status)
{
  VpcDesign *design;

  *status = _vpc_cli_parse (argc, argv, options, file);
  if (*status != VPC_CLI_EXIT_OK || *file == NULL)
    return NULL;
  /* Checking, pricing and grading read the design as written: laying out
   * the elements without a layout would change nothing they print. */
  design = _vpc_cli_load_full (*file, VPC_FILE_LOAD_AS_WRITTEN, warnings);
  if (design == NULL)
    *status = VPC_CLI_EXIT_ERROR;
  return design;
}

void
_vpc_cli_print_warnings (const char *file,
                         GPtrArray  *warnings)
{
  for (guint i = 0; i < warnings->len; i++)
    /* TRANSLATORS: a file name and what the loader noticed in it. */
    _vpc_cli_printerr (_("vpc-designer: %s: warning: %s\n"), file,
                       (const char *) g_ptr_array_index (warnings, i));
}

void
_vpc_cli_keep (gpointer       data,
               GDestroyNotify free_func)
{
  static gpointer kept[8];
  static guint n_kept;

  if (data == NULL)
    return;
  if (n_kept < G_N_ELEMENTS (kept))
    kept[n_kept++] = data;
  else
    free_func (data);
}

/* The first error writing stdout, kept for _vpc_cli_emit() to report. */
static int output_errno;

/* stdio rather than g_print: the text is UTF-8 already and may be large. */
static void
write_out (const char *text,
           gsize       length)
{
  if (output_errno == 0 && fwrite (text, 1, length, stdout) != length)
    output_errno = errno != 0 ? errno : EIO;
}

void
_vpc_cli_drain (GString *text)
{
  if (text->len < VPC_CLI_OUTPUT_CHUNK)
    return;
  write_out (text->str, text->len);
  g_string_truncate (text, 0);
}

static void
json_sink (const char *text,
           gsize       length,
           gpointer    user_data)
{
  write_out (text, length);
}

void
_vpc_cli_json_stream (VpcJsonWriter *json)
{
  vpc_json_writer_set_sink (json, json_sink, NULL);
}

int
_vpc_cli_emit (GString *text,
               int      status)
{
  write_out (text->str, text->len);
  if (output_errno == 0 && fflush (stdout) != 0)
    output_errno = errno;
  if (output_errno != 0)
    {
      _vpc_cli_printerr (_("vpc-designer: cannot write the output: %s\n"),
                         g_strerror (output_errno));
      return VPC_CLI_EXIT_ERROR;
    }
  return status;
}
