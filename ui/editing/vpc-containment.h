/* SPDX-License-Identifier: GPL-3.0-or-later */
/* vpc-containment.h: what it means to put one element inside another.
 *
 * Boxes nest as VPC ⊃ AZ ⊃ subnet ⊃ icons. Dropping or moving an element
 * changes its references so that the file says what the drawing shows:
 * a subnet dropped into another AZ changes its `az`; an interface endpoint
 * dropped into a subnet gets a network interface there (at most one per AZ,
 * domain.md §1.3); a workload dropped into a subnet runs in it; a NAT gateway
 * sits in the subnet it is dropped into. Functions that may refuse return
 * FALSE (or NULL) and set @reason to a sentence for a person.
 *
 * Whether an edit is allowed is the design's guard to say (vpc-design.h):
 * these functions only refuse what they cannot express as an edit (a subnet
 * dropped outside every zone), and otherwise try the edit and pass the
 * guard's refusal on as @reason.
 *
 * Everything here is GTK-free, works in world coordinates and goes through
 * the design's public editing API, so each call is undoable (callers group
 * calls with vpc_design_begin()/commit()).
 */
#pragma once

#include "vpc-design.h"

G_BEGIN_DECLS

/* The selection key of the VPC box (not an element id: '#' is not allowed). */
#define VPC_CONTAINMENT_VPC_ID "#vpc"

/* Edits that pass the guard's refusal on: each returns what the design call
 * returned, and on FALSE sets @reason (when not set yet) to
 * vpc_design_get_last_refusal(). _refused() just does the latter. */
gboolean          vpc_containment_replace (VpcDesign  *design,
                                           VpcElement *element,
                                           char      **reason);
gboolean          vpc_containment_commit (VpcDesign  *design,
                                          char      **reason);
gboolean          vpc_containment_refused (VpcDesign  *design,
                                           char      **reason);

/* The element's rectangle: its layout, or its natural size at (0, 0). */
VpcRect           vpc_element_rect (const VpcElement *element);
gboolean          vpc_rect_contains (const VpcRect *rect,
                                     double         x,
                                     double         y);
/* TRUE when @inner lies entirely inside @outer. */
gboolean          vpc_rect_inside (const VpcRect *inner,
                                   const VpcRect *outer);
/* The VPC box (the design's VPC layout, or a default). */
VpcRect           vpc_containment_vpc_rect (VpcDesign *design);
/* TRUE for kinds drawn as boxes (AZ, subnet). */
gboolean          vpc_kind_is_box (VpcKind kind);

/* The topmost availability zone / subnet whose box holds the point. */
const VpcElement *vpc_containment_az_at (VpcDesign *design,
                                         double     x,
                                         double     y);
const VpcElement *vpc_containment_subnet_at (VpcDesign *design,
                                             double     x,
                                             double     y);

/* Ids of the elements that move along with @id (not @id itself): an AZ
 * carries its subnets and everything drawn inside it; a subnet carries the
 * icons drawn inside it; the VPC (VPC_CONTAINMENT_VPC_ID) carries everything
 * drawn inside it. Adds to @out (a set of ids) and returns it. */
GHashTable       *vpc_containment_collect_children (VpcDesign  *design,
                                                    const char *id,
                                                    GHashTable *out);

/* Gives interface endpoint @endpoint_id a network interface in @subnet_id,
 * replacing the one in @replaces (may be NULL). (The guard refuses a second
 * interface in one AZ.) */
gboolean          vpc_containment_add_interface (VpcDesign  *design,
                                                 const char *endpoint_id,
                                                 const char *subnet_id,
                                                 const char *replaces,
                                                 char      **reason);
/* Runs workload @workload_id in @subnet_id (a notebook instance takes exactly
 * one subnet, so its subnet is replaced). An interface endpoint gets an
 * interface there instead. */
gboolean          vpc_containment_connect (VpcDesign  *design,
                                           const char *from_id,
                                           const char *subnet_id,
                                           char      **reason);
/* Removes @subnet_id from the workload's (or endpoint's) subnets. */
void              vpc_containment_disconnect (VpcDesign  *design,
                                              const char *from_id,
                                              const char *subnet_id);

/* After @id was moved from a place where its centre lay in subnet
 * @old_subnet (may be NULL), updates its references to where it now is. */
gboolean          vpc_containment_settle (VpcDesign  *design,
                                          const char *id,
                                          const char *old_subnet,
                                          char      **reason);
/* Grows the element's parents (subnet → AZ → VPC; endpoints and security
 * groups → VPC) so that it fits inside. */
void              vpc_containment_grow_parents (VpcDesign  *design,
                                                const char *id);

/* A free CIDR of @prefix bits inside the VPC's block, or NULL. */
char             *vpc_containment_free_cidr (VpcDesign *design,
                                             guint      prefix);

/* Palette items: "az", "subnet:private", "subnet:nat", "subnet:public",
 * "nat", "sg", "endpoint:SERVICE", "workload:KIND" (KIND as in the file). */
gboolean          vpc_containment_item_is_valid (const char *item);
/* The kind of element @item creates; FALSE for an unknown item. */
gboolean          vpc_containment_item_kind (const char *item,
                                             VpcKind    *kind);
/* Creates @item centred on world point (@x, @y), one undo step. Returns the
 * id of the new element, or of the existing endpoint that got an interface;
 * NULL with @reason when refused. */
char             *vpc_containment_place (VpcDesign  *design,
                                         const char *item,
                                         double      x,
                                         double      y,
                                         char      **reason);
/* A good point for @item when it is added without a drop point: inside the
 * selected AZ or subnet @near_id (may be NULL), else next to its kind, else
 * at (@fallback_x, @fallback_y). */
void              vpc_containment_default_point (VpcDesign  *design,
                                                 const char *item,
                                                 const char *near_id,
                                                 double      fallback_x,
                                                 double      fallback_y,
                                                 double     *x,
                                                 double     *y);

/* Drops (vpc-containment-drop.c). Where @item dropped at world point
 * (@x, @y) is placed: its box's corner snapped to @grid (0: no snapping),
 * then moved to the nearest free place (outward in grid steps) where it
 * covers no other element's box or label and stays in the subnet, zone or
 * VPC it was dropped into. Subnets keep the point (their zone lays them
 * out). */
void              vpc_containment_drop_point (VpcDesign  *design,
                                              const char *item,
                                              double      x,
                                              double      y,
                                              double      grid,
                                              double     *out_x,
                                              double     *out_y);
/* The box @item dropped at (@x, @y) goes into (an AZ for a subnet; a
 * subnet for workloads, NAT gateways and interface endpoints), or NULL. */
const char       *vpc_containment_drop_target (VpcDesign  *design,
                                               const char *item,
                                               double      x,
                                               double      y);
/* Whether vpc_containment_place() would succeed there, asked on a copy of
 * the design (which the guard judges); FALSE with @reason. */
gboolean          vpc_containment_check_place (VpcDesign  *design,
                                               const char *item,
                                               double      x,
                                               double      y,
                                               char      **reason);
/* "Cannot drop here: …" from a refusal, for a hint shown during a drag. */
char             *vpc_containment_drop_hint (const char *refusal);

G_END_DECLS
