/* vpc-canvas-private.h: VpcCanvas internals shared by vpc-canvas.c (state,
 * drawing), vpc-canvas-input.c (event controllers) and vpc-canvas-actions.c
 * (actions, clipboard, context menu). */
#pragma once

#include "vpc-canvas.h"
#include "vpc-tools.h"

G_BEGIN_DECLS

#define VPC_CANVAS_GRID 16.0

struct _VpcCanvas
{
  GtkWidget    parent_instance;

  VpcDesign   *design;
  GListModel  *findings;
  VpcViewport *viewport;
  GHashTable  *selection;
  VpcTool     *tool;
  gulong       changed_handler;
  gulong       element_handlers[3];
  gulong       info_handler;

  gboolean     show_grid;
  gboolean     snap_to_grid;
  gboolean     needs_fit;
  guint        fit_idle;

  char        *hover_id;
  double       pointer_x, pointer_y;  /* widget coordinates */
  gboolean     pointer_inside;

  /* Input state. */
  gboolean     space_down;
  gboolean     panning;
  double       pan_last_x, pan_last_y;
  double       drag_start_x, drag_start_y;
  double       zoom_gesture_scale;
  guint        paste_count;

  GtkWidget   *context_menu;
};

/* vpc-canvas.c */
void          _vpc_canvas_emit_toast (VpcCanvas  *self,
                                      const char *message,
                                      gboolean    offer_undo);
/* Emits "refused" with @reason (nothing when NULL). */
void          _vpc_canvas_refused (VpcCanvas  *self,
                                   const char *reason);
void          _vpc_canvas_selection_changed (VpcCanvas *self);
void          _vpc_canvas_update_actions (VpcCanvas *self);
void          _vpc_canvas_set_hover (VpcCanvas  *self,
                                     const char *id);
void          _vpc_canvas_to_world (VpcCanvas *self,
                                    double     wx,
                                    double     wy,
                                    double    *x,
                                    double    *y);

/* vpc-canvas-input.c */
void          _vpc_canvas_input_init (VpcCanvas *self);
VpcModifiers  _vpc_canvas_modifiers (GdkModifierType state);

/* vpc-canvas-tooltip.c */
void          _vpc_canvas_tooltip_init (VpcCanvas *self);

/* vpc-canvas-actions.c */
void          _vpc_canvas_class_actions_init (GtkWidgetClass *widget_class);
void          _vpc_canvas_show_context_menu (VpcCanvas *self,
                                             double     x,
                                             double     y);
void          _vpc_canvas_clipboard_clear (void);

G_END_DECLS
