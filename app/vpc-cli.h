/* vpc-cli.h: the headless command line (FORMAT.md §4). No GTK here. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* TRUE for "check", "cost" and "export". */
gboolean vpc_cli_is_subcommand (const char *arg);
/* Runs a subcommand; returns the exit status (0, 1 or 2). */
int      vpc_cli_run (int    argc,
                      char **argv);
/* The --help text shared by the GUI and the subcommands. */
const char *vpc_cli_usage (void);

G_END_DECLS
