/* SPDX-License-Identifier: GPL-3.0-or-later */
/* vpc-cli.h: the headless command line (format.md §4). No GTK here. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* TRUE for the commands vpc_cli_run() runs: "check", "cost", … */
gboolean vpc_cli_is_subcommand     (const char *arg);
/* TRUE for "export" and "report", which the render helper runs. */
gboolean vpc_cli_is_render_command (const char *arg);
/* Runs a subcommand; returns the exit status (0, 1 or 2). */
int      vpc_cli_run (int    argc,
                      char **argv);
/* The --help text. */
const char *vpc_cli_usage (void);

G_END_DECLS
