/* SPDX-License-Identifier: GPL-3.0-or-later */
/* vpc-canvas-private.h: VpcCanvas internals shared by vpc-canvas.c (state,
 * drawing), vpc-canvas-input.c (event controllers) and vpc-canvas-actions.c
 * (actions, clipboard, context menu). */
#pragma once

#include "vpc-canvas.h"
#include "vpc-render.h"
#include "vpc-render-cache.h"
#include "vpc-editing.h"

G_BEGIN_DECLS

#define VPC_CANVAS_GRID 16.0

typedef struct _VpcCanvasPath VpcCanvasPath;

struct _VpcCanvas
{
  GtkWidget    parent_instance;

  VpcDesign   *design;
  GListModel  *findings;
  VpcViewport *viewport;
  GHashTable  *selection;
  VpcGesture     *tool;
  GSignalGroup *design_signals; /* redraws on the design's changes */
  VpcRenderCache *render_cache; /* a large design zoomed out, for pans */
  /* A zoom under way: the zoom of the last frame, when a frame at a new
   * zoom last ended, and the exact frame that follows interim ones once
   * the zoom rests. */
  double       frame_zoom;
  gint64       frame_zoom_changed;
  guint        zoom_settle;

  gboolean     show_grid;
  double       text_scale;  /* the text-size preference, 1.0 to 2.0 */
  GHashTable  *hidden;      /* ids not drawn (presentation steps), or NULL */
  gboolean     pointer_highlight;
  gboolean     snap_to_grid;
  gboolean     needs_fit;
  guint        fit_idle;
  guint        route_idle;   /* routes a large design after its first frame */

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

  /* "Connect to…" (vpc-canvas-connect.c): the popover, the element it
   * connects and whether it closed by a choice or Esc (else the mouse
   * gesture stays armed). */
  GtkWidget   *connect_popover;
  char        *connect_from;
  gboolean     connect_done;
  GtkWidget   *connect_return; /* had focus before the popover (weak) */

  /* A palette item dragged over the canvas (vpc-canvas-drop.c). */
  char        *drop_item;
  double       drop_x, drop_y;  /* world point it would be placed at */
  char        *drop_key;        /* item and target of the verdict below */
  char        *drop_target;
  gboolean     drop_ok;
  char        *drop_hint;
  char        *announced_hint;  /* the refusal screen readers were told */

  /* The traced path shown over the design (vpc-canvas-path.c), or NULL. */
  VpcCanvasPath *path;

  /* File → Compare With… (vpc-canvas-compare.c): the other version and
   * id → VpcDiffChange, or NULL. */
  VpcDesign     *compare_other;
  GHashTable    *compare_changes;
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

/* vpc-canvas-drop.c */
void          _vpc_canvas_drop_init (VpcCanvas *self);
/* Forgets a palette drag in progress. */
void          _vpc_canvas_drop_clear (VpcCanvas *self);
/* Where @item dropped at world point (@x, @y) is placed (snapped when the
 * canvas snaps, moved off other elements). */
void          _vpc_canvas_drop_point (VpcCanvas  *self,
                                      const char *item,
                                      double      x,
                                      double      y,
                                      double     *out_x,
                                      double     *out_y);
/* The box a drag would drop into, outlined in the accent colour, or red and
 * dashed with the reason beside the pointer when the drop would be refused. */
void          _vpc_canvas_draw_drop (VpcCanvas *self,
                                     cairo_t   *cr);
/* Tells screen readers (the canvas's description) when a drag would be
 * refused, and why. */
void          _vpc_canvas_announce_drop (VpcCanvas *self);
/* The reason the drag under way would be refused, or NULL. */
const char   *_vpc_canvas_drop_hint (VpcCanvas *self);

/* vpc-canvas-actions.c: the id of the one selected element, or NULL. */
const char   *_vpc_canvas_single_selected (VpcCanvas *self);

/* vpc-canvas-compare.c */
void          _vpc_canvas_compare_draw (VpcCanvas              *self,
                                        cairo_t                *cr,
                                        const VpcRenderOptions *options);
void          _vpc_canvas_compare_dispose (VpcCanvas *self);

/* vpc-canvas-path.c */
void          _vpc_canvas_path_class_init (GtkWidgetClass *widget_class);
void          _vpc_canvas_path_dispose (VpcCanvas *self);
void          _vpc_canvas_path_update_actions (VpcCanvas *self);
/* Draws the path over the design with the options it was drawn with. */
void          _vpc_canvas_path_draw (VpcCanvas              *self,
                                     cairo_t                *cr,
                                     const VpcRenderOptions *options);
void          _vpc_canvas_path_allocate (VpcCanvas *self);
/* A primary press at world point (@x, @y): TRUE when the path took it
 * (its end badge opens the details); a press on an endpoint of another
 * service traces that service instead. */
gboolean      _vpc_canvas_path_press (VpcCanvas *self,
                                      double     x,
                                      double     y);

/* vpc-canvas-connect.c: opens the list of subnets @from_id can connect to. */
void          _vpc_canvas_connect_popup (VpcCanvas  *self,
                                         const char *from_id);

/* vpc-canvas-tooltip.c */
void          _vpc_canvas_tooltip_init (VpcCanvas *self);

/* vpc-canvas-actions.c */
void          _vpc_canvas_class_actions_init (GtkWidgetClass *widget_class);
void          _vpc_canvas_show_context_menu (VpcCanvas *self,
                                             double     x,
                                             double     y);

G_END_DECLS
