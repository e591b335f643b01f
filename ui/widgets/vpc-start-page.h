/* SPDX-License-Identifier: GPL-3.0-or-later */
/* vpc-start-page.h: what an empty window shows: New design, Open…, and the
 * bundled examples.
 *
 * Signals: "open-example" (const char *path).
 */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define VPC_TYPE_START_PAGE (vpc_start_page_get_type ())
G_DECLARE_FINAL_TYPE (VpcStartPage, vpc_start_page, VPC, START_PAGE, AdwBin)

GtkWidget *vpc_start_page_new (void);
/* The folder of example designs: $VPC_EXAMPLES_DIR, else the source tree's
 * resources/examples (when it exists), else the installed copy. */
const char *vpc_start_page_get_examples_dir (void);
/* Example files (full paths, sorted, NULL-terminated, owned). */
char      **vpc_start_page_list_examples (void);
/* The shipped lessons (a "lessons" folder beside the examples), sorted. */
char       **vpc_start_page_list_lessons (void);

G_END_DECLS
