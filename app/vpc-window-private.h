/* SPDX-License-Identifier: GPL-3.0-or-later */
/* vpc-window-private.h: VpcWindow internals shared by vpc-window.c (state,
 * sidebar, settings, closing), vpc-window-files.c (open, save, recent files,
 * drops) and vpc-window-actions.c (the "win.*" actions). */
#pragma once

#include "vpc-canvas.h"
#include "vpc-message-bar.h"
#include "vpc-palette.h"
#include "vpc-recovery.h"
#include "vpc-sidebar.h"
#include "vpc-start-page.h"
#include "vpc-validator.h"
#include "vpc-what-if.h"
#include "vpc-window.h"

G_BEGIN_DECLS

struct _VpcWindow
{
  AdwApplicationWindow parent_instance;

  /* Template children. */
  AdwWindowTitle      *window_title;
  AdwToastOverlay     *toast_overlay;
  GtkStack            *stack;
  VpcStartPage        *start_page;
  VpcPalette          *palette;
  VpcCanvas           *canvas;
  VpcMessageBar       *message_bar;
  VpcSidebar          *sidebar;
  GtkLabel            *zoom_label;
  GtkWidget           *export_button;
  GMenu               *recent_menu;

  GSettings           *settings;  /* NULL in tests without an application */

  /* The document. */
  VpcDesign           *design;
  VpcValidator        *validator;
  GFile               *file;
  GSignalGroup        *design_signals;
  VpcRecoveryWriter   *recovery;
  gboolean             close_confirmed;
  gboolean             focus_view; /* palette and sidebar hidden */

  /* The file as it was on disk when loaded or saved (G5). */
  gboolean             disk_known;
  guint64              disk_mtime;  /* microseconds */
  goffset              disk_size;

  GtkNativeDialog     *chooser; /* the open file chooser, if any */

  /* What-if mode (vpc-window-what-if.c): the switches, or NULL outside
   * the mode, and the read-only scenario shown instead of the design. */
  VpcWhatIf           *what_if;
  VpcDesign           *scenario;
  VpcValidator        *scenario_validator;
  GtkWidget           *what_if_bar;

  /* Presentation mode (vpc-window-present.c): its steps, or NULL. */
  GPtrArray           *present_steps;
  guint                present_step;
  GtkWidget           *present_caption;
  GtkWidget           *header_bar;
  gboolean             present_was_focus;
  double               present_text_scale;

  GtkWidget           *lesson_panel; /* VpcLessonPanel (vpc-window-lesson.c) */

  /* File → Compare With… (vpc-window-review.c): the other version, or NULL. */
  VpcDesign           *compare_other;
  char                *compare_name;
  GtkWidget           *compare_bar;
};

/* vpc-window.c */
void       _vpc_window_set_design (VpcWindow *self,
                                   VpcDesign *design,
                                   GFile     *file);
void       _vpc_window_update_title (VpcWindow *self);
char      *_vpc_window_design_title (VpcWindow *self);
void       _vpc_window_show_error (VpcWindow  *self,
                                   const char *heading,
                                   const char *body);
void       _vpc_window_toast (VpcWindow  *self,
                              const char *message);
VpcDesign *_vpc_window_new_design (VpcWindow *self);
void       _vpc_window_close_soon (VpcWindow *self);

/* vpc-window-actions.c: the export dialog, with @format (or NULL: the
 * last one) chosen; NULL without a design. */
GtkWidget *_vpc_window_open_export_dialog (VpcWindow  *self,
                                           const char *format);

/* Imports (vpc-window-import.c): a template opens as a new design. */
void       _vpc_window_class_import_init (GtkWidgetClass *widget_class);
gboolean   _vpc_window_import_file (VpcWindow *self,
                                    GFile     *file);
/* A template, or AWS CLI outputs (GFile, any order). */
gboolean   _vpc_window_import_files (VpcWindow *self,
                                     GPtrArray *files);

/* Reviews (vpc-window-review.c): Compare With… and the review report. */
void       _vpc_window_review_init (VpcWindow *self);
void       _vpc_window_class_review_init (GtkWidgetClass *widget_class);
void       _vpc_window_review_dispose (VpcWindow *self);
void       _vpc_window_compare_design_changed (VpcWindow *self);
void       _vpc_window_compare_leave (VpcWindow *self);
gboolean   _vpc_window_compare_with (VpcWindow *self,
                                     GFile     *file);

/* vpc-window-what-if.c */
void       _vpc_window_what_if_init (VpcWindow *self);
void       _vpc_window_class_what_if_init (GtkWidgetClass *widget_class);
void       _vpc_window_what_if_dispose (VpcWindow *self);
void       _vpc_window_what_if_update_actions (VpcWindow *self);
/* The design changed: the scenario is made again from it. */
void       _vpc_window_what_if_design_changed (VpcWindow *self);
/* Shows the design again, dropping the switches (no-op outside the mode). */
void       _vpc_window_what_if_leave (VpcWindow *self);
gboolean   _vpc_window_what_if_active (VpcWindow *self);

/* vpc-window-lesson.c */
void       _vpc_window_lesson_init (VpcWindow *self);
void       _vpc_window_class_lesson_init (GtkWidgetClass *widget_class);
/* The panel follows the design (and hides while presenting). */
void       _vpc_window_lesson_update (VpcWindow *self);

/* vpc-window-present.c */
void       _vpc_window_present_init (VpcWindow *self);
void       _vpc_window_class_present_init (GtkWidgetClass *widget_class);
void       _vpc_window_present_dispose (VpcWindow *self);
void       _vpc_window_present_design_changed (VpcWindow *self);

/* vpc-window-files.c */
void       _vpc_window_files_init (VpcWindow *self);
gboolean   _vpc_window_save_to (VpcWindow *self,
                                GFile     *file);
/* Saves to the design's file (asking first when it changed on disk), or
 * asks for a name; closes the window afterwards when @then_close. */
void       _vpc_window_save (VpcWindow *self,
                             gboolean   then_close);
void       _vpc_window_save_as (VpcWindow *self,
                                gboolean   then_close);
void       _vpc_window_remember_disk_state (VpcWindow *self);
/* Opens @file in the window that shows it already, else in this window
 * when it holds nothing unsaved, else in a new window. */
void       _vpc_window_open_anywhere (VpcWindow *self,
                                      GFile     *file);
void       _vpc_window_add_recent (VpcWindow *self,
                                   GFile     *file);

/* vpc-window-actions.c */
void       _vpc_window_class_actions_init (GtkWidgetClass *widget_class);
/* File choosers: one at a time, modal; done when it answered. */
void       _vpc_window_show_chooser (VpcWindow       *self,
                                     GtkNativeDialog *dialog,
                                     GCallback        response_cb);
void       _vpc_window_chooser_done (VpcWindow       *self,
                                     GtkNativeDialog *dialog);
GtkFileFilter *_vpc_window_design_filter (void);
/* "my-vpc.pdf": the file's name (or the design's) with @suffix. */
char      *_vpc_window_suggested_name (VpcWindow  *self,
                                       const char *suffix);
void       _vpc_window_actions_update (VpcWindow *self);
/* A window for another document: this one when it holds nothing worth
 * keeping, else a new one. */
VpcWindow *_vpc_window_target (VpcWindow *self);

G_END_DECLS
