/* SPDX-License-Identifier: GPL-3.0-or-later */
/* vpc-inspector-form.h: rows that edit one or several targets and commit
 * undoable steps.
 *
 * A form edits the design's top-level properties (VpcDesignInfo) when it
 * has no element ids, else the elements it was given: one, or several at
 * once (a multi-selection). Every row reads each target through a getter;
 * a committed change copies every target, runs the row's setter on each
 * copy and hands the copies to the design (vpc_design_replace_element or
 * vpc_design_set_info), as ONE undo step however many targets there are.
 * Whether the design accepts the step is the design's guard to say: a
 * refused step changes nothing and the design emits "edit-refused".
 *
 * With several targets a row whose getter disagrees between them shows a
 * mixed state: an inconsistent check button, an empty spin button or entry
 * with a "Mixed" placeholder, a combo with no choice and "Mixed" below its
 * title, and in a check list a check per candidate that is on (all have
 * it), off (none) or inconsistent (some).
 *
 * Text rows check as the user types by running the edit on a copy of the
 * design (vpc-edit-check.h), and commit on Enter, on the apply button or
 * when focus leaves; toggles, choices and numbers commit at once.
 */
#pragma once

#include <adwaita.h>

#include "vpc-design.h"

G_BEGIN_DECLS

typedef struct _VpcInspectorForm VpcInspectorForm;

/* @target is a `VpcElement *` for element forms, a `VpcDesignInfo *` for
 * the design form. Text setters return FALSE, with a short message in
 * @error, for text they cannot read (a port that is not a number); whether
 * a readable value is allowed is for the design to say. */
typedef char    *(*VpcFormGetText)   (VpcInspectorForm *form, gconstpointer target, gpointer data);
typedef gboolean (*VpcFormSetText)   (VpcInspectorForm *form, gpointer target, const char *text,
                                      gpointer data, char **error);
typedef gboolean (*VpcFormGetBool)   (gconstpointer target, gpointer data);
typedef void     (*VpcFormSetBool)   (gpointer target, gboolean value, gpointer data);
typedef guint    (*VpcFormGetChoice) (gconstpointer target, gpointer data);
typedef void     (*VpcFormSetChoice) (gpointer target, guint choice, gpointer data);
typedef double   (*VpcFormGetNumber) (gconstpointer target, gpointer data);
typedef void     (*VpcFormSetNumber) (gpointer target, double value, gpointer data);
/* Changes the target as a whole (add or remove a rule, reset a list). */
typedef void     (*VpcFormEdit)      (VpcInspectorForm *form, gpointer target, gpointer data);

/* @ids: NULL or empty for the design form, else the elements to edit. */
VpcInspectorForm    *vpc_inspector_form_new (VpcDesign         *design,
                                             const char *const *ids,
                                             GtkBox            *box);
void                 vpc_inspector_form_free (VpcInspectorForm *form);
VpcDesign           *vpc_inspector_form_get_design (VpcInspectorForm *form);
/* The number of elements edited (0 for the design form). */
guint                vpc_inspector_form_get_n_elements (VpcInspectorForm *form);
/* The element edited at @index (NULL when it is gone); index 0 is the one
 * a single-element form edits. */
const VpcElement    *vpc_inspector_form_get_nth (VpcInspectorForm *form,
                                                 guint             index);
const VpcElement    *vpc_inspector_form_get_element (VpcInspectorForm *form);
/* Re-reads every row from the design (after undo, redo or another view's edit). */
void                 vpc_inspector_form_sync (VpcInspectorForm *form);
/* Runs @edit on a copy of every target and commits them as one step.
 * FALSE when the design refused it. */
gboolean             vpc_inspector_form_commit (VpcInspectorForm *form,
                                                VpcFormEdit       edit,
                                                gpointer          data);

AdwPreferencesGroup *vpc_inspector_form_add_group (VpcInspectorForm *form,
                                                   const char       *title,
                                                   const char       *description);
/* @parent: a group or an expander row. */
GtkWidget           *vpc_inspector_form_add_entry (VpcInspectorForm *form,
                                                   GtkWidget        *parent,
                                                   const char       *title,
                                                   VpcFormGetText    get,
                                                   VpcFormSetText    set,
                                                   gpointer          data);
/* A switch, or a check button (which can show a mixed state) when the form
 * edits several elements. */
GtkWidget           *vpc_inspector_form_add_switch (VpcInspectorForm *form,
                                                    GtkWidget        *parent,
                                                    const char       *title,
                                                    const char       *subtitle,
                                                    VpcFormGetBool    get,
                                                    VpcFormSetBool    set,
                                                    gpointer          data);
/* @choices: NULL-terminated labels. */
GtkWidget           *vpc_inspector_form_add_combo (VpcInspectorForm  *form,
                                                   GtkWidget         *parent,
                                                   const char        *title,
                                                   const char *const *choices,
                                                   VpcFormGetChoice   get,
                                                   VpcFormSetChoice   set,
                                                   gpointer           data);
/* As vpc_inspector_form_add_combo(), for fixed labels marked with N_():
 * each is shown translated. */
GtkWidget           *vpc_inspector_form_add_fixed_combo (VpcInspectorForm  *form,
                                                         GtkWidget         *parent,
                                                         const char        *title,
                                                         const char *const *choices,
                                                         VpcFormGetChoice   get,
                                                         VpcFormSetChoice   set,
                                                         gpointer           data);
GtkWidget           *vpc_inspector_form_add_spin (VpcInspectorForm *form,
                                                  GtkWidget        *parent,
                                                  const char       *title,
                                                  double            min,
                                                  double            max,
                                                  double            step,
                                                  VpcFormGetNumber  get,
                                                  VpcFormSetNumber  set,
                                                  gpointer          data);
/* A check per element of @kind; ticks edit the id list at @list_offset in
 * the element (G_STRUCT_OFFSET (VpcElement, subnets)). */
GtkWidget           *vpc_inspector_form_add_checklist (VpcInspectorForm *form,
                                                       GtkWidget        *parent,
                                                       const char       *title,
                                                       VpcKind           kind,
                                                       gsize             list_offset);
/* Shows the text of @get as @row's title, re-read on every sync. */
void                 vpc_inspector_form_add_summary (VpcInspectorForm *form,
                                                     GtkWidget        *row,
                                                     VpcFormGetText    get,
                                                     gpointer          data);
/* A read-only row. */
GtkWidget           *vpc_inspector_form_add_info (VpcInspectorForm *form,
                                                  GtkWidget        *parent,
                                                  const char       *title,
                                                  const char       *value);
/* A row with a flat button that runs @edit as one step. */
GtkWidget           *vpc_inspector_form_add_button (VpcInspectorForm *form,
                                                    GtkWidget        *parent,
                                                    const char       *title,
                                                    const char       *label,
                                                    gboolean          destructive,
                                                    VpcFormEdit       edit,
                                                    gpointer          data);

G_END_DECLS
