/* SPDX-License-Identifier: GPL-3.0-or-later */
/* cli-test-utils.h: running vpc-designer as a process in the tests (the
 * path comes in VPC_DESIGNER from Meson), with no display at all. */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

typedef struct
{
  int   status;
  char *out;
  char *err;
} CliRun;

void cli_run_clear (CliRun *run);

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (CliRun, cli_run_clear)

/* Runs vpc-designer with @args (NULL-terminated) in folder @cwd (NULL:
 * the test's own) and waits for it; it must exit normally. */
void cli_run (CliRun            *run,
              const char        *cwd,
              const char *const *args);

#define CLI_RUN(run, cwd, ...) cli_run (run, cwd, (const char *const[]) { __VA_ARGS__, NULL })

/* A usage error: status 2, nothing on stdout, @problem and the hint to
 * --help on stderr. */
void cli_assert_usage_error (CliRun     *run,
                             const char *problem);

/* Appends the path of every *.vpcd.json in @dir_path (and its folders
 * when @recurse) to @paths (strings, owned). */
void cli_add_designs (GPtrArray  *paths,
                      const char *dir_path,
                      gboolean    recurse);

G_END_DECLS
