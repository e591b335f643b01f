/* SPDX-License-Identifier: GPL-3.0-or-later */
/* vpc-editing.h: what pointer and keyboard gestures do to a design.
 *
 * Plain functions and a small state machine that take world coordinates and
 * modifier flags, never GDK events, so that every gesture is testable
 * without a display. The canvas translates events and calls
 * these. A selection is a GHashTable set of ids (g_str_hash, owned keys),
 * the same set the renderer takes; the VPC box is VPC_CONTAINMENT_VPC_ID.
 *
 * One undo step per finished gesture, and none before it ends: during a
 * drag the design is not touched (it emits nothing, its revision stays).
 * The tool keeps the pending geometry as view state (vpc_gesture_get_preview(),
 * which the canvas hands to the renderer) and applies the final geometry,
 * with its containment effects, as one command on release. Cancelling
 * leaves no trace in the design.
 */
#pragma once

#include "vpc-containment.h"
#include "vpc-design.h"
#include "vpc-render-routes.h"

G_BEGIN_DECLS

typedef enum {
  VPC_MODIFIER_SHIFT   = 1 << 0,
  VPC_MODIFIER_CONTROL = 1 << 1,
  VPC_MODIFIER_ALT     = 1 << 2,
} VpcModifiers;

typedef enum {
  VPC_HIT_NONE,
  VPC_HIT_ELEMENT,     /* id */
  VPC_HIT_VPC,         /* the VPC's header or border */
  VPC_HIT_HANDLE,      /* id (or the VPC key) + handle */
  VPC_HIT_CONNECTION,  /* id = workload, subnet */
} VpcHitType;

/* Resize handles, clockwise from the top-left corner. */
typedef enum {
  VPC_HANDLE_NW,
  VPC_HANDLE_N,
  VPC_HANDLE_NE,
  VPC_HANDLE_E,
  VPC_HANDLE_SE,
  VPC_HANDLE_S,
  VPC_HANDLE_SW,
  VPC_HANDLE_W,
  VPC_N_HANDLES,
} VpcHandle;

typedef struct
{
  VpcHitType  type;
  const char *id;      /* owned by the design (or static), valid until it changes */
  const char *subnet;  /* connections */
  VpcHandle   handle;
} VpcHit;

typedef enum {
  VPC_GESTURE_IDLE,
  VPC_GESTURE_PRESSED,    /* on an element, not moved yet */
  VPC_GESTURE_MOVE,
  VPC_GESTURE_RESIZE,
  VPC_GESTURE_RUBBER_BAND,
  VPC_GESTURE_CONNECT,
} VpcGestureMode;

/* Geometry shared with the canvas's overlay drawing. */
#define VPC_EDITING_HANDLE_SIZE 8.0  /* pixels */
gboolean vpc_editing_get_rect (VpcDesign  *design,
                             const char *id,
                             VpcRect    *rect);
void     vpc_editing_handle_point (const VpcRect *rect,
                                 VpcHandle      handle,
                                 double        *x,
                                 double        *y);
/* The line from a workload to one of its subnets as the renderer draws it
 * (vpc-render-routes.h), or NULL when there is none (the workload is drawn
 * inside the subnet). Free with vpc_link_route_free(). */
VpcLinkRoute *vpc_editing_connection_route (VpcDesign        *design,
                                          const VpcElement *workload,
                                          const char       *subnet_id);
/* One segment of that line, the middle one. FALSE when there is none. */
gboolean vpc_editing_connection_line (VpcDesign        *design,
                                    const VpcElement *workload,
                                    const char       *subnet_id,
                                    double           *x0,
                                    double           *y0,
                                    double           *x1,
                                    double           *y1);

/* What lies under a world point. @zoom scales the pick tolerances (pixels).
 * Handles are only offered on selected boxes. */
VpcHit   vpc_editing_hit_test (VpcDesign  *design,
                             GHashTable *selection,
                             double      x,
                             double      y,
                             double      zoom);

/* Selection helpers. */
GHashTable *vpc_selection_new (void);
void        vpc_selection_set_one (GHashTable *selection,
                                   const char *id);
/* Elements (and the VPC) whose boxes lie entirely inside @rect. */
void        vpc_editing_select_rect (VpcDesign     *design,
                                   GHashTable    *selection,
                                   const VpcRect *rect,
                                   gboolean       extend);
void        vpc_editing_select_all (VpcDesign  *design,
                                  GHashTable *selection);
/* Drops ids that are no longer in the design. */
void        vpc_editing_prune_selection (VpcDesign  *design,
                                       GHashTable *selection);
/* The selected element ids, in design order (NULL-terminated, owned). */
char      **vpc_editing_selected_ids (VpcDesign  *design,
                                    GHashTable *selection);
/* The element after (or before) @id in design order, wrapping; NULL when empty. */
const char *vpc_editing_next_element (VpcDesign  *design,
                                    const char *id,
                                    gboolean    backwards);

/* The element a step from @id in direction (@dx, @dy) (each -1, 0 or 1)
 * selects: the nearest whose centre lies that way, preferring those within
 * 45° of the direction; when none does, the next (@dx + @dy > 0) or
 * previous element in design order; with @id NULL, the first or last. */
const char *vpc_editing_element_toward (VpcDesign  *design,
                                        const char *id,
                                        int         dx,
                                        int         dy);

/* One-step edits on the selection. A move returns FALSE with @reason when
 * it was refused (by containment or by the design's guard); a delete
 * returns how many selected elements went (0 when refused). */
gboolean vpc_editing_move_selection (VpcDesign  *design,
                                   GHashTable *selection,
                                   double      dx,
                                   double      dy,
                                   char      **reason);
guint    vpc_editing_delete_selection (VpcDesign  *design,
                                     GHashTable *selection);

/* Connects workload, interface endpoint or NAT gateway @from_id to subnet
 * @subnet_id as one undo step ("Connect"): the edit a connection line
 * released over the subnet makes. FALSE with @reason when refused. */
gboolean vpc_editing_connect (VpcDesign  *design,
                              const char *from_id,
                              const char *subnet_id,
                              char      **reason);
/* The subnets (const VpcElement *, design order) that @from_id is not yet
 * connected to and that vpc_editing_connect() would accept (asked of a
 * copy of the design). Free with g_ptr_array_unref(). */
GPtrArray *vpc_editing_connect_targets (VpcDesign  *design,
                                        const char *from_id);

/* The gesture state machine. */
typedef struct _VpcGesture VpcGesture;

VpcGesture    *vpc_gesture_new (VpcDesign  *design,
                          GHashTable *selection);
void        vpc_gesture_free (VpcGesture *tool);
/* Snap moved and resized boxes to this grid (0: no snapping). */
void        vpc_gesture_set_grid (VpcGesture *tool,
                               double   grid);
/* The next press on a subnet connects @from_id to it (context menu). */
void        vpc_gesture_arm_connect (VpcGesture    *tool,
                                  const char *from_id);
gboolean    vpc_gesture_is_connect_armed (VpcGesture *tool);

void        vpc_gesture_press (VpcGesture      *tool,
                            double        x,
                            double        y,
                            VpcModifiers  modifiers,
                            double        zoom);
void        vpc_gesture_motion (VpcGesture      *tool,
                             double        x,
                             double        y,
                             VpcModifiers  modifiers);
/* Ends the gesture. Returns FALSE with @reason when the design refused it
 * (nothing was changed then). */
gboolean    vpc_gesture_release (VpcGesture      *tool,
                              double        x,
                              double        y,
                              VpcModifiers  modifiers,
                              char        **reason);
/* Abandons the gesture: drops the preview; the design never saw it. */
void        vpc_gesture_cancel (VpcGesture *tool);

/* The drag preview: id → VpcRect * (the VPC under VPC_CONTAINMENT_VPC_ID)
 * where the moved or resized boxes are drawn now instead of their layout,
 * or NULL when nothing is displaced. Owned by the tool, valid until the next
 * press, motion, release or cancel; pass it as VpcRenderOptions.overrides. */
GHashTable *vpc_gesture_get_preview (VpcGesture *tool);
/* Where @id is drawn now: its preview rectangle during a drag, else its
 * rectangle in the design (vpc_editing_get_rect()). */
gboolean    vpc_gesture_get_rect (VpcGesture    *tool,
                               const char *id,
                               VpcRect    *rect);
/* The box that would take the dragged element or connection line if the
 * gesture ended now (an AZ for a subnet, a subnet for an icon or a line),
 * or NULL. For the canvas to highlight. */
const char *vpc_gesture_get_drop_target (VpcGesture *tool);
/* Whether the gesture would be accepted if it ended now: the move or
 * connection is tried on a copy of the design (whose guard judges), once
 * per drop target. FALSE with @hint ("Cannot drop here: …", owned by the
 * tool) when it would be refused, so the canvas never promises a drop
 * that will not happen. TRUE when no drop is under way. */
gboolean    vpc_gesture_get_drop_verdict (VpcGesture     *tool,
                                       const char **hint);

VpcGestureMode vpc_gesture_get_mode (VpcGesture *tool);
/* The element (or VPC key) the gesture started on, or NULL. */
const char *vpc_gesture_get_pressed (VpcGesture *tool);
gboolean    vpc_gesture_get_rubber_band (VpcGesture *tool,
                                      VpcRect *rect);
gboolean    vpc_gesture_get_connect_line (VpcGesture *tool,
                                       double  *x0,
                                       double  *y0,
                                       double  *x1,
                                       double  *y1);
/* The selected connection line (workload, subnet), or FALSE. */
gboolean    vpc_gesture_get_selected_connection (VpcGesture     *tool,
                                              const char **from_id,
                                              const char **subnet_id);
void        vpc_gesture_clear_connection (VpcGesture *tool);
/* Deletes the selected connection, or else the selected elements. */
gboolean    vpc_gesture_delete (VpcGesture *tool);

G_END_DECLS
