/* vpc-window-private.h: VpcWindow internals shared by vpc-window.c (state,
 * document, title) and vpc-window-actions.c (the "win.*" actions). */
#pragma once

#include "vpc-canvas.h"
#include "vpc-palette.h"
#include "vpc-start-page.h"
#include "vpc-validator.h"
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
  GtkWidget           *sidebar;
  GtkLabel            *findings_label;
  GtkLabel            *cost_label;
  GtkLabel            *selection_label;
  GtkLabel            *zoom_label;

  /* The document. */
  VpcDesign           *design;
  VpcValidator        *validator;
  GFile               *file;
  GSignalGroup        *design_signals;
  gboolean             close_confirmed;

  GtkNativeDialog     *chooser; /* the open file chooser, if any */
};

/* vpc-window.c */
void     _vpc_window_set_design (VpcWindow *self,
                                 VpcDesign *design,
                                 GFile     *file);
void     _vpc_window_update_title (VpcWindow *self);
void     _vpc_window_show_error (VpcWindow  *self,
                                 const char *heading,
                                 const char *body);
void     _vpc_window_toast (VpcWindow  *self,
                            const char *message);
gboolean _vpc_window_save_to (VpcWindow *self,
                              GFile     *file);

/* vpc-window-actions.c */
void     _vpc_window_class_actions_init (GtkWidgetClass *widget_class);
void     _vpc_window_actions_update (VpcWindow *self);

G_END_DECLS
