/* SPDX-License-Identifier: GPL-3.0-or-later */
/* vpc-handoff.h: the command line hands the editor and the picture-making
 * commands to helper programs, so that checking and pricing never load GTK,
 * cairo or pango (most of a short command's time was loading them). */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* The helper that runs the editor, and the one that runs export and report. */
#define VPC_HELPER_EDITOR "vpc-designer-editor"
#define VPC_HELPER_RENDER "vpc-designer-render"

/* Replaces this process by @helper with the same arguments. It is looked
 * for beside this program first (a build tree), then in the installed
 * helper folder. Returns only on failure, with the exit status to use after
 * printing why. */
int vpc_handoff (const char *helper,
                 char      **argv);

G_END_DECLS
