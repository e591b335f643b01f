/* vpc-inspector-form.h: rows that edit one target and commit undoable steps.
 *
 * A form edits either one element of a design or, when it has no element
 * id, the design's top-level properties (VpcDesignInfo). Every row reads the
 * target through a getter; a committed change copies the target, runs the
 * row's setter on the copy and hands the copy to the design
 * (vpc_design_replace_element or vpc_design_set_info): one undo step each.
 * Text rows validate as the user types by running their setter on a scratch
 * copy, and commit on Enter, on the apply button or when focus leaves;
 * toggles, choices and numbers commit at once.
 */
#pragma once

#include <adwaita.h>

#include "vpc-design.h"

G_BEGIN_DECLS

typedef struct _VpcInspectorForm VpcInspectorForm;

/* @target is a `VpcElement *` for element forms, a `VpcDesignInfo *` for
 * the design form. Setters return FALSE, with a short message in @error,
 * to refuse a value. */
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

VpcInspectorForm    *vpc_inspector_form_new (VpcDesign  *design,
                                             const char *id,
                                             GtkBox     *box);
void                 vpc_inspector_form_free (VpcInspectorForm *form);
VpcDesign           *vpc_inspector_form_get_design (VpcInspectorForm *form);
/* The element being edited (NULL for the design form or when it is gone). */
const VpcElement    *vpc_inspector_form_get_element (VpcInspectorForm *form);
/* Re-reads every row from the design (after undo, redo or another view's edit). */
void                 vpc_inspector_form_sync (VpcInspectorForm *form);
/* Runs @edit on a copy of the target and commits it as one step. */
void                 vpc_inspector_form_commit (VpcInspectorForm *form,
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
