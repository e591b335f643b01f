/* SPDX-License-Identifier: GPL-3.0-or-later */
/* vpc-design.h: the design document.
 *
 * A VpcDesign owns the top-level properties (VpcDesignInfo) and six ordered
 * lists of elements, one per VpcKind, with an id index. Every change goes
 * through a command on the design's history, so it can be undone:
 *
 *   g_autoptr(VpcElement) copy = vpc_element_copy (vpc_design_lookup (design, "sn-a"));
 *   g_free (copy->cidr);
 *   copy->cidr = g_strdup ("10.0.9.0/24");
 *   vpc_design_replace_element (design, g_steal_pointer (&copy));
 *
 * Several edits become one user step inside vpc_design_begin() / _commit().
 *
 * Signals tell views and the validator about every change:
 *   "element-added"    (VpcKind kind, guint index, const char *id)
 *   "element-removed"  (VpcKind kind, guint index, const char *id)   after removal
 *   "element-changed"  (VpcKind kind, guint index, const char *id)   replaced in place
 *   "info-changed"     ()                                            top-level properties
 *   "changed"          ()   once after every finished user step, undo or redo
 */
#pragma once

#include <gio/gio.h>

#include "vpc-element.h"

G_BEGIN_DECLS

#define VPC_TYPE_DESIGN (vpc_design_get_type ())
#define VPC_DESIGN_ERROR (vpc_design_error_quark ())

typedef enum {
  VPC_DESIGN_ERROR_NOT_FOUND,  /* no element has the old id */
  VPC_DESIGN_ERROR_INVALID_ID, /* not a valid id, or a reserved one */
  VPC_DESIGN_ERROR_ID_IN_USE,  /* another element has the new id */
  VPC_DESIGN_ERROR_REFUSED,    /* the edit would break an invariant (vpc-invariants.h) */
} VpcDesignError;

GQuark               vpc_design_error_quark (void);
G_DECLARE_FINAL_TYPE (VpcDesign, vpc_design, VPC, DESIGN, GObject)

VpcDesign           *vpc_design_new (void);
/* A detached copy of the current state, with an empty history (for "what
 * if" previews such as a quick fix's cost change). */
VpcDesign           *vpc_design_duplicate (VpcDesign *self);
/* A read-only copy of the current elements and settings, made in
 * microseconds, for one other thread to read (the live validator's rules)
 * while @self goes on changing: it shares @self's elements, and until it is
 * finalized @self frees none that an edit replaces or removes, renames only
 * by swapping the name pointer, and changes no other field the rules read
 * (a move sets the box in place). Its indices are built by its reader on
 * first use. Unref it on @self's thread. */
VpcDesign           *vpc_design_snapshot (VpcDesign *self);

/* A design that refuses every step, the way the guard refuses one that
 * breaks an invariant ("edit-refused" with "“LABEL” was not done.
 * REASON."), e.g. a what-if scenario on view. NULL makes it editable. */
void                 vpc_design_set_read_only (VpcDesign  *self,
                                               const char *reason);
/* The reason given, or NULL when the design is editable. */
const char          *vpc_design_get_read_only (VpcDesign *self);

/* Reading. */
const VpcDesignInfo *vpc_design_get_info (VpcDesign *self);
guint                vpc_design_get_n_elements (VpcDesign *self,
                                                VpcKind    kind);
const VpcElement    *vpc_design_get_element (VpcDesign *self,
                                             VpcKind    kind,
                                             guint      index);
const VpcElement    *vpc_design_lookup (VpcDesign  *self,
                                        const char *id);
/* Position of @id in its kind's list, or -1. */
int                  vpc_design_index_of (VpcDesign  *self,
                                          const char *id);
/* Position of @id in @kind's list, or -1 when no element of @kind has it
 * (one hash lookup). */
int                  vpc_design_index_of_kind (VpcDesign  *self,
                                               const char *id,
                                               VpcKind     kind);
/* Fills the cache the two above read, filled on first use otherwise: after
 * it, threads may read an unchanging design at once. */
void                 vpc_design_prepare_reads (VpcDesign *self);
/* Total number of elements over the six lists. */
guint                vpc_design_get_total_elements (VpcDesign *self);
/* A counter bumped by every change (and by undo/redo), for caches. */
guint64              vpc_design_get_revision (VpcDesign *self);
/* The revision of the last change to anything but boxes (layouts and the
 * VPC's box): what the rules, the cost and the lists read. A step that only
 * moves or sizes boxes, its undo and its redo leave it as it was. */
guint64              vpc_design_get_content_revision (VpcDesign *self);
/* The revision of the last change to anything but names: what the boxes,
 * the connectors and the links read. Renaming an element keeps the element
 * (the same object, renamed in place) and leaves it as it was, and so do
 * its undo and its redo. */
guint64              vpc_design_get_shape_revision (VpcDesign *self);
/* The revision of the last change to anything but boxes and names: what
 * the rules and the cost read (the rules' messages give names, which a
 * rename updates on its own: vpc-validator.c). */
guint64              vpc_design_get_rules_revision (VpcDesign *self);
/* Which ids sit at which positions of the six lists: a number no other
 * design has, that changes when an element is added or removed or given
 * another id (and stays through replacements with the same id), and that
 * a snapshot shares with its design. For indices of positions kept across
 * runs (vpc-rules.c). */
guint64              vpc_design_get_ids_generation (VpcDesign *self);

/* An element whose box or anything else changed: its kind and place in
 * its list (VPC_N_KINDS: the VPC's box). */
typedef struct
{
  VpcKind kind;
  guint   index;
} VpcBoxRef;

/* The boxes and elements changed since @revision (a
 * vpc_design_get_revision()), for caches of the drawing that would rather
 * update than make everything again: when nothing changed since then but
 * boxes, names and elements replaced by a copy in their place (the same
 * id and kind; any other field may differ: a property edited in the
 * inspector, a list of subnets), and at most @max boxes and elements did,
 * appends them to @out (of VpcBoxRef, in the order they changed, one as
 * often as it did) and returns TRUE. FALSE when anything else changed
 * since (an element added, removed or given another id, the design's
 * settings), more did, or the design no longer remembers that far back.
 * An element replaced means a new element object at that place. */
gboolean             vpc_design_get_elements_changed_since (VpcDesign *self,
                                                            guint64    revision,
                                                            guint      max,
                                                            GArray    *out);

/* Queries. Returned arrays hold `const VpcElement *` in file order; free
 * the array (not the elements). */
GPtrArray           *vpc_design_subnets_of_az (VpcDesign  *self,
                                               const char *az_id);
const VpcElement    *vpc_design_az_of_subnet (VpcDesign  *self,
                                              const char *subnet_id);
GPtrArray           *vpc_design_endpoints_of_service (VpcDesign  *self,
                                                      const char *service);
/* Elements whose references name @id (subnets of an AZ, workloads and
 * endpoints listing a subnet or group, NAT gateways in a subnet, security
 * groups whose rules name a group as peer). */
GPtrArray           *vpc_design_referrers (VpcDesign  *self,
                                           const char *id);
/* A fresh id "PREFIX-N" not used in the design. The prefix is cut to
 * VPC_ID_PREFIX_MAX bytes, so that the id is valid whatever it is derived
 * from (a 64-character id, a long service name). */
#define VPC_ID_PREFIX_MAX 53 /* 64 - strlen ("-4294967295") */
char                *vpc_design_make_id (VpcDesign  *self,
                                         const char *prefix);

/* Editing: each call is one undoable step, or part of the open transaction.
 * Elements passed in are taken over by the design.
 *
 * The guard: a step (a call outside a transaction, or the outermost commit)
 * whose result breaks an invariant of the file format (vpc-invariants.h) is
 * reverted as a whole, leaves no history entry, and the design emits
 * "edit-refused" (const char *message) with a sentence for a person; the call
 * returns FALSE. Before the check, a step gets what it clearly implies, in the
 * same undo entry: fields that no longer apply are reset
 * (vpc_element_normalize), and a subnet moved into the AZ where a sibling
 * subnet holds a network interface of the same interface endpoint leaves that
 * endpoint; "edit-notice" (const char *message) then says so. Inside an open
 * transaction calls return TRUE and the commit decides. */
void                 vpc_design_begin (VpcDesign  *self,
                                       const char *label);
/* FALSE when the guard refused the step. */
gboolean             vpc_design_commit (VpcDesign *self);
gboolean             vpc_design_try_commit (VpcDesign *self,
                                            GError   **error);
/* The message of the last refused step, or NULL. */
const char          *vpc_design_get_last_refusal (VpcDesign *self);
/* Reverts everything recorded in the open transaction and closes one level
 * of it; an enclosing level stays open (its commit then records only what
 * follows). */
void                 vpc_design_rollback (VpcDesign *self);
gboolean             vpc_design_add_element (VpcDesign  *self,
                                             VpcElement *element,
                                             int         index);
/* Replaces the element with the same id. */
gboolean             vpc_design_replace_element (VpcDesign  *self,
                                                 VpcElement *element);
/* Removes one element without touching references to it. */
gboolean             vpc_design_remove_element (VpcDesign  *self,
                                                const char *id);
/* Removes elements and everything that refers to them (an AZ's subnets, a
 * subnet's NAT gateways, ids in reference lists, rules whose peer is a removed
 * group), as one step. */
gboolean             vpc_design_delete (VpcDesign         *self,
                                        const char *const *ids,
                                        guint              n_ids);
gboolean             vpc_design_set_info (VpcDesign     *self,
                                          VpcDesignInfo *info);
/* Gives the @index-th element of @kind the layout @layout (has_layout
 * becomes TRUE), like replacing it with a copy that differs only there, but
 * the history keeps only the rectangles before and after: the automatic
 * layout, Tidy and containment set thousands at once. The element is
 * changed in place (pointers to it stay valid); "element-changed" is
 * emitted. Consecutive calls in a transaction share one history op. */
gboolean             vpc_design_set_layout (VpcDesign     *self,
                                            VpcKind        kind,
                                            guint          index,
                                            const VpcRect *layout);
/* Gives the element @old_id the id @new_id and rewrites every reference to
 * it (a subnet's AZ, a NAT gateway's subnet, endpoint and workload subnet
 * and security-group lists, security-group rule peers), as one undoable step
 * labelled "Rename". The element keeps its place in its list (it is removed
 * and inserted again: views see "element-removed" then "element-added").
 * Renaming to the same id is a no-op that returns TRUE. Returns FALSE with
 * @error set (VPC_DESIGN_ERROR), changing nothing, when @old_id names no
 * element, @new_id is not a valid id (vpc_id_is_valid) or is used by another
 * element. */
/* The checks of vpc_design_rename() alone, changing nothing: TRUE when the
 * rename would succeed (or is a no-op), else FALSE with @error set. */
gboolean             vpc_design_check_rename (VpcDesign   *self,
                                              const char  *old_id,
                                              const char  *new_id,
                                              GError     **error);
gboolean             vpc_design_rename (VpcDesign   *self,
                                        const char  *old_id,
                                        const char  *new_id,
                                        GError     **error);

/* Loading code fills a fresh design without history. */
void                 vpc_design_take_element (VpcDesign  *self,
                                              VpcElement *element);
void                 vpc_design_take_info (VpcDesign     *self,
                                           VpcDesignInfo *info);

/* History. */
gboolean             vpc_design_get_can_undo (VpcDesign *self);
gboolean             vpc_design_get_can_redo (VpcDesign *self);
gboolean             vpc_design_undo (VpcDesign *self);
gboolean             vpc_design_redo (VpcDesign *self);
/* Label of the step that undo/redo would take, or NULL. */
const char          *vpc_design_get_undo_label (VpcDesign *self);
const char          *vpc_design_get_redo_label (VpcDesign *self);
void                 vpc_design_clear_history (VpcDesign *self);
/* "modified" is FALSE exactly when the history stands where it was saved. */
gboolean             vpc_design_get_modified (VpcDesign *self);
void                 vpc_design_mark_saved (VpcDesign *self);
/* No state of the history is the saved one (a recovered or repaired design
 * that the file on disk does not hold). */
void                 vpc_design_mark_unsaved (VpcDesign *self);

G_END_DECLS
