/* SPDX-License-Identifier: GPL-3.0-or-later */
/* vpc-canvas.h: the drawing surface of the editor.
 *
 * A custom GtkWidget whose snapshot() hands cairo to vpc_render_design() with
 * the transform of its VpcViewport. Input goes through event controllers to
 * the GTK-free tools (vpc-editing.h) in world coordinates.
 *
 * Actions (group "canvas"): zoom-in, zoom-out, zoom-fit, zoom-reset, delete,
 * select-all, select-none, cut, copy, paste, duplicate, nudge ((dd) in
 * pixels), focus-next, focus-previous, connect, add-element (s: a palette
 * item), show-grid and snap-to-grid (stateful); for traced paths
 * trace-menu (Ctrl+T), trace-path (s: a service, from the selected
 * workload), path-details, clear-path (Escape) and show-element (s).
 *
 * Messages go to the toast overlay the canvas sits in (vpc-toast.h).
 * Signals:
 *   "refused" (const char *message): a gesture or action was not carried
 *       out; the full reason, for a place where it stays readable. (The
 *       design's own "edit-refused" may carry the same text.)
 *   "selection-changed" ().
 */
#pragma once

#include <adwaita.h>

#include "vpc-design.h"
#include "vpc-trace.h"
#include "vpc-viewport.h"

G_BEGIN_DECLS

#define VPC_TYPE_CANVAS (vpc_canvas_get_type ())
G_DECLARE_FINAL_TYPE (VpcCanvas, vpc_canvas, VPC, CANVAS, GtkWidget)

GtkWidget   *vpc_canvas_new (void);

VpcDesign   *vpc_canvas_get_design (VpcCanvas *self);
void         vpc_canvas_set_design (VpcCanvas *self,
                                    VpcDesign *design);
/* Shows @design instead of the design shown, as another state of the same
 * document (a what-if scenario, or the design again): the view, the
 * selected elements that @design has and the traced path stay. */
void         vpc_canvas_switch_design (VpcCanvas *self,
                                       VpcDesign *design);
/* Findings to outline on their elements (a GListModel of VpcFinding). */
GListModel  *vpc_canvas_get_findings (VpcCanvas *self);
void         vpc_canvas_set_findings (VpcCanvas  *self,
                                      GListModel *findings);
VpcViewport *vpc_canvas_get_viewport (VpcCanvas *self);

/* Fits the design once the widget has its next size (after a change of
 * the window's layout, e.g. entering full screen). */
void         vpc_canvas_queue_fit (VpcCanvas *self);
/* Elements not drawn (VpcRenderOptions.hidden: the steps of a
 * presentation not revealed yet): a set of ids, or NULL for none. */
void         vpc_canvas_set_hidden (VpcCanvas  *self,
                                    GHashTable *hidden);
GHashTable  *vpc_canvas_get_hidden (VpcCanvas *self);
/* A bright disc under the pointer, for a projector. */
void         vpc_canvas_set_pointer_highlight (VpcCanvas *self,
                                               gboolean   highlight);
/* Property "text-scale": the diagram's text size, 1.0 to 2.0 (the
 * text-size preference), as exports draw it. */
double       vpc_canvas_get_text_scale (VpcCanvas *self);
void         vpc_canvas_set_text_scale (VpcCanvas *self,
                                        double     text_scale);
gboolean     vpc_canvas_get_show_grid (VpcCanvas *self);
void         vpc_canvas_set_show_grid (VpcCanvas *self,
                                       gboolean   show_grid);
gboolean     vpc_canvas_get_snap_to_grid (VpcCanvas *self);
void         vpc_canvas_set_snap_to_grid (VpcCanvas *self,
                                          gboolean   snap_to_grid);

/* The set of selected ids (owned by the canvas; do not modify). */
GHashTable  *vpc_canvas_get_selection (VpcCanvas *self);
void         vpc_canvas_select (VpcCanvas         *self,
                                const char *const *ids);
/* Scrolls the view so that the elements @ids are centred, zooming out
 * when they do not fit. */
void         vpc_canvas_centre_on (VpcCanvas         *self,
                                   const char *const *ids);
/* The tooltip of element @id: its findings as Pango markup, or NULL. */
char        *vpc_canvas_get_findings_markup (VpcCanvas  *self,
                                             const char *id);
/* Fits the whole design into the widget (also done on the first layout). */
void         vpc_canvas_zoom_fit (VpcCanvas *self);
/* Draws the path from @workload to @service over the design
 * (vpc-trace.h, vpc-render-path.h), traced again after every change of the
 * design and cleared when the workload goes; NULL, NULL clears it. */
/* Marks what changed since @other (File → Compare With…): @changes maps
 * ids to VpcDiffChange (vpc_diff_compute()'s changes; copied). NULLs clear
 * the marks. View state, never saved. */
void         vpc_canvas_set_comparison (VpcCanvas  *self,
                                        VpcDesign  *other,
                                        GHashTable *changes);
void         vpc_canvas_set_trace (VpcCanvas  *self,
                                   const char *workload,
                                   const char *service);
/* The path shown, or NULL. */
const VpcTrace *vpc_canvas_get_trace (VpcCanvas *self);
/* Opens the popover at the path's end (per subnet: the way, the symptom,
 * the findings in the way) once it is drawn, scrolling it into view. */
void         vpc_canvas_show_trace_details (VpcCanvas *self);
/* Abandons a gesture in progress (before undo, or when the design goes). */
void         vpc_canvas_cancel_gesture (VpcCanvas *self);
/* Adds a palette item at its default place, as a click in the palette does. */
gboolean     vpc_canvas_add_item (VpcCanvas  *self,
                                  const char *item);
/* Adds a palette item at a widget point, as a drop does: snapped to the
 * grid when the canvas snaps, and moved to the nearest free place when it
 * would cover another element or its label
 * (vpc_containment_drop_point()). */
gboolean     vpc_canvas_drop_item (VpcCanvas  *self,
                                   const char *item,
                                   double      widget_x,
                                   double      widget_y);
/* The "Connect to…" popover (canvas.connect), or NULL before the first. */
GtkWidget   *vpc_canvas_get_connect_popover (VpcCanvas *self);
/* The canvas's context menu (right click, Menu, Shift+F10), or NULL
 * before the first. */
GtkWidget   *vpc_canvas_get_context_menu (VpcCanvas *self);

G_END_DECLS
