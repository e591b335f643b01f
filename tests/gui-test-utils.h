/* SPDX-License-Identifier: GPL-3.0-or-later */
/* gui-test-utils.h: what the GUI tests (test-gui, test-window,
 * test-sidebar) share: spinning the main loop, finding widgets, comparing
 * screenshots with golden images, and opening a copy of a design in a
 * window. */
#pragma once

#include <adwaita.h>

#include "vpc-finding-row.h"

G_BEGIN_DECLS

/* g_test_init(), GTK and libadwaita for test program @name, with
 * XDG_DATA_HOME in a new temporary folder and recent files off; exits
 * with a message when there is no display (the suite runs under Xvfb). */
void           gui_test_init (int        *argc,
                              char     ***argv,
                              const char *name);

/* Runs the pending main-loop work @rounds times over: one round drains
 * what is ready now; later rounds catch what the earlier ones queued. */
void           gui_test_spin (int rounds);

/* The first descendant of @root (itself included, depth first) that
 * @match accepts, or NULL. */
typedef gboolean (*GuiTestMatch) (GtkWidget     *widget,
                                  gconstpointer  data);
GtkWidget     *gui_test_find (GtkWidget     *root,
                              GuiTestMatch   match,
                              gconstpointer  data);
/* The first descendant that is a @type. */
GtkWidget     *gui_test_find_type (GtkWidget *root,
                                   GType      type);
/* Whether @root holds a preferences row (AdwActionRow, AdwEntryRow, …)
 * titled @title; the first such row (asserting that there is one). */
gboolean       gui_test_has_row (GtkWidget  *root,
                                 const char *title);
GtkWidget     *gui_test_find_row (GtkWidget  *root,
                                  const char *title);
/* The first descendant whose widget name is @name. */
GtkWidget     *gui_test_find_named (GtkWidget  *root,
                                    const char *name);
/* The text of the label named @name; asserts that there is one. */
const char    *gui_test_named_label (GtkWidget  *root,
                                     const char *name);
/* The finding row of @rule_id in the findings panel. */
VpcFindingRow *gui_test_find_finding_row (GtkWidget  *root,
                                          const char *rule_id);

/* @widget as its window's renderer draws it (cairo in the test
 * environment), after waiting for the next frame. */
GdkTexture    *gui_test_capture (GtkWidget *widget);
/* Pixels of two textures of one size that differ by more than 24 in a
 * channel. */
gsize          gui_test_count_differing (GdkTexture *a,
                                         GdkTexture *b);
/* Renders @widget with its window's renderer (cairo in the test
 * environment) and compares it with tests/data/golden/NAME.png: at most
 * one pixel in 200 may differ by more than 24 in a channel.
 * VPC_UPDATE_GOLDENS=1 rewrites the golden image instead;
 * VPC_SCREENSHOT_DIR=DIR also saves every capture there. */
void           gui_test_check_screenshot (GtkWidget  *widget,
                                          const char *name);

/* Copies the file @source to @dir/@name and returns the new path. */
char          *gui_test_copy_file (const char *source,
                                   const char *dir,
                                   const char *name);
/* Deletes what gui_test_copy_file() made: @path, then the folder @dir. */
void           gui_test_remove_copy (const char *dir,
                                     const char *path);

#ifdef GUI_TEST_WITH_WINDOW
#include "vpc-window.h"

/* Opens @path in @window, presents it and waits until it is drawn, then
 * spins @rounds times. Returns the window's design (asserted non-NULL). */
VpcDesign     *gui_test_window_open (VpcWindow  *window,
                                     const char *path,
                                     int         rounds);
/* Copies tests/data/@name into a new temporary folder (@dir) as
 * design.vpcd.json (@path) and opens the copy in a new window; returns its
 * design. gui_test_close_copy() destroys the window and removes (and frees)
 * both. */
VpcDesign     *gui_test_open_copy (const char  *name,
                                   VpcWindow  **window,
                                   char       **dir,
                                   char       **path);
void           gui_test_close_copy (VpcWindow *window,
                                    char      *dir,
                                    char      *path);
#endif

G_END_DECLS
