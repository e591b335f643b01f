/* SPDX-License-Identifier: GPL-3.0-or-later */
/* vpc-terminal.h: text from a design made safe to print on a terminal.
 *
 * A name or description may hold anything JSON can: ESC sequences that
 * clear the screen or retitle the window, a newline that forges a line of
 * output, a right-to-left override that reverses what follows. Every text
 * the command line prints (stdout reports and stderr messages) goes
 * through here; the JSON reports escape the same characters as \uXXXX.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* TRUE for what a terminal may act on instead of showing: C0 controls,
 * DEL, C1 controls (U+0080–U+009F), the bidi controls (U+061C, U+200E,
 * U+200F, U+202A–U+202E, U+2066–U+2069) and the line and paragraph
 * separators U+2028, U+2029. */
gboolean vpc_terminal_is_control (gunichar c);

/* Appends @text (@length bytes, or up to NUL when -1) with each such
 * character as a visible escape: \n \r \t, \x1b for the other C0 controls
 * and DEL, \u202e for the rest; bytes that are not UTF-8 as \xff. With
 * @keep_newlines a '\n' passes as is (for lines we wrote ourselves). */
void     vpc_terminal_append (GString    *out,
                              const char *text,
                              gssize      length,
                              gboolean    keep_newlines);

/* @text escaped as vpc_terminal_append() does; NULL gives "". */
char    *vpc_terminal_escape (const char *text);

G_END_DECLS
