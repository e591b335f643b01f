/* SPDX-License-Identifier: GPL-3.0-or-later */
/* vpc-cli-private.h: what the subcommand files of the command line share.
 * No GTK here: subcommands must run on a machine without a display. */
#pragma once

#include <glib.h>

#include "vpc-cli.h"
#include "vpc-i18n.h"
#include "vpc-design.h"
#include "vpc-file.h"
#include "vpc-finding.h"
#include "vpc-json-write.h"

G_BEGIN_DECLS

/* Exit statuses of format.md §4. */
enum {
  VPC_CLI_EXIT_OK = 0,
  VPC_CLI_EXIT_FINDINGS = 1,
  VPC_CLI_EXIT_ERROR = 2,
};

/* The tool's home page, for SARIF's informationUri. */
#define VPC_CLI_INFORMATION_URI "https://example.org/vpc-designer"

/* --- arguments (vpc-cli.c) ------------------------------------------- */

/* One option of a subcommand. @values lists the accepted values
 * (NULL-terminated), or is NULL for free text. */
typedef struct
{
  const char        *long_name;  /* "format" for --format */
  char               short_name; /* 'o' for -o, or 0 */
  const char *const *values;
  const char       **value;      /* where the value goes (last one given wins) */
  GPtrArray         *all;        /* when not NULL, also receives every value given */
} VpcCliOption;

/* Parses argv[2..] of subcommand argv[1]: @options and exactly one FILE.
 * Returns VPC_CLI_EXIT_OK with @file set to go on, or the status to exit
 * with (VPC_CLI_EXIT_OK and @file NULL after printing the usage for --help;
 * a message naming the problem on a usage error). */
int  _vpc_cli_parse (int                 argc,
                     char              **argv,
                     const VpcCliOption *options,
                     const char        **file);
/* The same for a command without positional arguments; @help is set after
 * printing the usage for --help. */
int  _vpc_cli_parse_none (int                 argc,
                          char              **argv,
                          const VpcCliOption *options,
                          gboolean           *help);
/* The same with several positional arguments, named by @names
 * (NULL-terminated, "OLD", "NEW") in usage errors; @files receives them. */
int  _vpc_cli_parse_files (int                 argc,
                           char              **argv,
                           const VpcCliOption *options,
                           const char *const  *names,
                           const char        **files);
/* The same with one or more positional arguments, all into @files (empty
 * after --help); @name ("SOURCE") names them in the usage error. */
int  _vpc_cli_parse_list (int                 argc,
                          char              **argv,
                          const VpcCliOption *options,
                          const char         *name,
                          GPtrArray          *files);
/* Reads a number strictly: decimal digits with an optional fraction ("2",
 * "0.5"); no sign, exponent, hex, spaces, inf or nan. The one parser of
 * every numeric option; each option checks its own range. */
gboolean _vpc_cli_parse_decimal (const char *text,
                                 double     *value);
/* Prints one line on stderr as UTF-8, whatever the locale, with controls
 * and line breaks escaped (vpc_terminal_append()) except the final '\n'. */
void _vpc_cli_printerr (const char *format,
                        ...) G_GNUC_PRINTF (1, 2);
/* "vpc-designer: check: MESSAGE" plus the hint to --help, on stderr. */
void _vpc_cli_usage_error (const char *command,
                           const char *format,
                           ...) G_GNUC_PRINTF (2, 3);
/* FILE's bytes: a regular file, or standard input for "-". */
GBytes    *_vpc_cli_read_input (const char *file,
                                GError    **error);
/* Loads @file, a regular file or "-" for standard input; on failure
 * prints "vpc-designer: FILE: MESSAGE" on stderr and returns NULL. @warnings receives the loader's
 * warnings (never NULL on success). */
VpcDesign *_vpc_cli_load (const char  *file,
                          GPtrArray  **warnings);
/* The same with the loader's @flags. */
VpcDesign *_vpc_cli_load_full (const char      *file,
                               VpcFileLoadFlags flags,
                               GPtrArray      **warnings);
/* What check, cost and grade start with: _vpc_cli_parse(), then the design
 * read as written (no automatic layout).
 * Returns the design, or NULL with @status set to the status to exit with
 * (VPC_CLI_EXIT_OK after --help). */
VpcDesign *_vpc_cli_open (int                 argc,
                          char              **argv,
                          const VpcCliOption *options,
                          const char        **file,
                          GPtrArray         **warnings,
                          int                *status);
/* Prints the loader's warnings on stderr ("vpc-designer: FILE: warning: …"). */
void _vpc_cli_print_warnings (const char *file,
                              GPtrArray  *warnings);
/* Leaves @data (may be NULL) for the process's exit to reclaim: freeing a
 * large design object by object at the end of a command costs time and
 * changes nothing. It stays reachable, so leak checkers do not report it. */
void _vpc_cli_keep (gpointer       data,
                    GDestroyNotify free_func);
/* How much of a report _vpc_cli_drain() lets build up. */
#define VPC_CLI_OUTPUT_CHUNK (64 * 1024)
/* Writes @text to stdout once it holds VPC_CLI_OUTPUT_CHUNK, and empties it: a
 * report of 100,000 findings never sits whole in memory. Only for a
 * report that cannot fail once begun; a write error waits for emit. */
void _vpc_cli_drain (GString *text);
/* Lets @json drain to stdout as it grows, in the same way. */
void _vpc_cli_json_stream (VpcJsonWriter *json);
/* Writes @text to stdout. Returns VPC_CLI_EXIT_ERROR (with a message)
 * when this or an earlier drain failed, e.g. on a full disk, else @status. */
int  _vpc_cli_emit (GString *text,
                    int      status);

/* --- output helpers (vpc-cli-output.c) ------------------------------- */

/* TRUE when stdout is a terminal and NO_COLOR is unset. */
gboolean    _vpc_cli_use_color (void);
/* "error", "warning" or "info" for people: translated, unlike
 * vpc_severity_to_string(), which is the value JSON and SARIF carry. */
const char *_vpc_cli_severity_label (VpcSeverity severity);
/* The element's name for people, or @id itself when there is no such element. */
const char *_vpc_cli_element_name (VpcDesign  *design,
                                   const char *id);
/* A string safe to put in JSON: @text itself, or a repaired copy. */
char       *_vpc_cli_utf8 (const char *text);

/* The command line's reports are JSON written with the model's writer
 * (json-glib 1.6's generator prints some doubles as invalid JSON,
 * and cannot print money as "14.60"). A new writer in
 * the reports' style: NULL strings as null, controls as \u00XX. */
VpcJsonWriter *_vpc_cli_json_new (void);
/* Returns the text with a final newline and frees the writer. */
GString       *_vpc_cli_json_finish (VpcJsonWriter *json);
/* Micro-dollars as a JSON number rounded to cents: 14.60. */
void           _vpc_cli_json_money (VpcJsonWriter *json,
                                    const char    *key,
                                    gint64         micros);

/* An array of strings (ids) under @key. */
void           _vpc_cli_json_ids (VpcJsonWriter *json,
                                  const char    *key,
                                  GPtrArray     *ids);

/* --- what-if (vpc-cli-without.c) ------------------------------------- */

/* @design as if the ids of --without (each of @values a comma-separated
 * list) were deleted (vpc_what_if_without()), as a new reference (@design
 * itself when there are none). @ids receives the ids in the order given,
 * without repeats. Prints a usage error for @command and returns NULL
 * for an empty or unknown id. */
VpcDesign *_vpc_cli_without (const char *command,
                             VpcDesign  *design,
                             GPtrArray  *values,
                             GPtrArray **ids);

/* --- subcommands ------------------------------------------------------ */

int _vpc_cli_check (int    argc,
                    char **argv);
int _vpc_cli_cost (int    argc,
                   char **argv);
int _vpc_cli_export (int    argc,
                     char **argv);
int _vpc_cli_repair (int    argc,
                     char **argv);
int _vpc_cli_trace (int    argc,
                    char **argv);
int _vpc_cli_grade (int    argc,
                    char **argv);
int _vpc_cli_rules (int    argc,
                    char **argv);
int _vpc_cli_diff (int    argc,
                   char **argv);
int _vpc_cli_report (int    argc,
                     char **argv);
int _vpc_cli_import (int    argc,
                     char **argv);

G_END_DECLS
