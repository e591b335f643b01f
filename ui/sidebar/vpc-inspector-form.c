/* SPDX-License-Identifier: GPL-3.0-or-later */
/* vpc-inspector-form.c: rows that edit one or several targets and commit
 * undoable steps. */
#include "vpc-inspector-form.h"

#include "vpc-accessible.h"
#include "vpc-checklist-view.h"

#include "vpc-edit-check.h"
#include "vpc-i18n.h"

#define MIXED _("Mixed")

typedef enum {
  FIELD_ENTRY,
  FIELD_SWITCH,
  FIELD_COMBO,
  FIELD_SPIN,
  FIELD_CHECK,
  FIELD_CHECKLIST,
  FIELD_BUTTON,
  FIELD_SUMMARY,
} FieldType;

typedef struct
{
  VpcInspectorForm *form;
  FieldType         type;
  GtkWidget        *row;    /* owned reference */
  GtkWidget        *widget; /* the switch, check, spin or button, or NULL */
  char             *title;
  gpointer          get;
  gpointer          set;
  gpointer          data;
  char             *id;       /* FIELD_CHECK: the element ticked */
  char             *subtitle; /* FIELD_CHECK: the row's subtitle when not mixed */
  char             *shown;    /* FIELD_ENTRY: the text last read from the design */
  VpcKind           kind;     /* FIELD_CHECKLIST: the candidates' kind */
  gsize             offset;   /* FIELD_CHECK(LIST): the id list in VpcElement */
  GtkEventController *focus;  /* FIELD_ENTRY: commits on focus-out */
  gboolean          mixed;    /* the targets disagree */
  guint             apply_idle; /* FIELD_SPIN: see spin_input_cb() */
} Field;

struct _VpcInspectorForm
{
  VpcDesign *design;
  GStrv      ids;     /* NULL: the design form */
  GtkBox    *box;
  GPtrArray *fields;
  gboolean   syncing;
};

/* Targets */

static guint
n_targets (VpcInspectorForm *form)
{
  return form->ids != NULL ? g_strv_length (form->ids) : 1;
}

static gboolean
is_multi (VpcInspectorForm *form)
{
  return n_targets (form) > 1;
}

/* Target @index as @design has it (the form's design, or a copy of it
 * that an edit is tried on). */
static gconstpointer
target_in (VpcInspectorForm *form,
           VpcDesign        *design,
           guint             index)
{
  if (form->ids == NULL)
    return vpc_design_get_info (design);
  return vpc_design_lookup (design, form->ids[index]);
}

static gpointer
target_copy (VpcInspectorForm *form,
             gconstpointer     current)
{
  return form->ids != NULL ? (gpointer) vpc_element_copy (current)
                           : (gpointer) vpc_design_info_copy (current);
}

static void
target_free (VpcInspectorForm *form,
             gpointer          copy)
{
  if (form->ids != NULL)
    vpc_element_free (copy);
  else
    vpc_design_info_free (copy);
}

/* Hands @copy to @design: no step when nothing changed. */
static gboolean
target_commit (VpcInspectorForm *form,
               VpcDesign        *design,
               gpointer          copy)
{
  if (form->ids != NULL)
    return vpc_design_replace_element (design, copy);
  return vpc_design_set_info (design, copy);
}

/* The targets that still exist, in order. */
static GPtrArray *
current_targets (VpcInspectorForm *form)
{
  GPtrArray *targets = g_ptr_array_new ();

  for (guint i = 0; i < n_targets (form); i++)
    {
      gconstpointer current = target_in (form, form->design, i);

      if (current != NULL)
        g_ptr_array_add (targets, (gpointer) current);
    }
  return targets;
}

/* Editing every target as one step */

/* Puts @value into @copy; FALSE with @error when text cannot be read. */
typedef gboolean (*Change) (Field        *field,
                            gpointer      copy,
                            gconstpointer value,
                            char        **error);

typedef struct
{
  Field        *field;
  Change        change;
  gconstpointer value;
} Apply;

/* A VpcDesignEditFunc: runs the change on every target of @design. */
static gboolean
apply_to (VpcDesign *design,
          gpointer   data,
          char     **error)
{
  Apply *apply = data;
  VpcInspectorForm *form = apply->field->form;

  for (guint i = 0; i < n_targets (form); i++)
    {
      gconstpointer current = target_in (form, design, i);
      gpointer copy;

      if (current == NULL)
        continue;
      copy = target_copy (form, current);
      if (!apply->change (apply->field, copy, apply->value, error))
        {
          target_free (form, copy);
          return FALSE;
        }
      if (!target_commit (form, design, copy))
        return FALSE;
    }
  return TRUE;
}

/* The undo label of a change to several elements; a single target's step
 * keeps the design's own label ("Change subnet"). */
static char *
step_label (Field *field)
{
  VpcInspectorForm *form = field->form;
  const VpcElement *first;

  if (form->ids == NULL)
    return g_strdup (_("Change design properties"));
  if (is_multi (form))
    /* TRANSLATORS: an undo step; %s is a field's title ("Subnets"), %u
     * how many elements it changes (always two or more). */
    return g_strdup_printf (
        ngettext ("Change “%s” of %u element", "Change “%s” of %u elements", n_targets (form)),
        field->title, n_targets (form));
  first = vpc_design_lookup (form->design, form->ids[0]);
  /* TRANSLATORS: an undo step; %s is a kind of element ("subnet"). */
  return g_strdup_printf (_("Change %s"),
                          first != NULL ? vpc_kind_to_label (first->kind) : _("element"));
}

/* Commits @value to every target as ONE undo step. FALSE when the text
 * could not be read (@error set) or the design refused the step (it says
 * why with "edit-refused"). */
static gboolean
form_apply (Field        *field,
            Change        change,
            gconstpointer value,
            char        **error)
{
  VpcDesign *design = field->form->design;
  Apply apply = { field, change, value };
  g_autofree char *label = NULL;

  if (!is_multi (field->form))
    return apply_to (design, &apply, error);
  label = step_label (field);
  vpc_design_begin (design, label);
  if (!apply_to (design, &apply, error))
    {
      vpc_design_rollback (design);
      return FALSE;
    }
  return vpc_design_commit (design);
}

/* Whether form_apply() would pass, tried on a copy of the design. */
static gboolean
form_check (Field        *field,
            Change        change,
            gconstpointer value,
            char        **reason)
{
  Apply apply = { field, change, value };
  g_autofree char *label = step_label (field);

  return vpc_design_check_edit (field->form->design, label, apply_to, &apply, reason);
}

static GPtrArray **
id_list_at (gpointer element,
            gsize    offset)
{
  return G_STRUCT_MEMBER_P (element, offset);
}

static void
field_free (Field *field)
{
  g_clear_handle_id (&field->apply_idle, g_source_remove);
  if (field->widget != NULL)
    g_signal_handlers_disconnect_by_data (field->widget, field);
  /* A focused entry whose form is rebuilt still gets "leave" afterwards. */
  if (field->focus != NULL)
    g_signal_handlers_disconnect_by_data (field->focus, field);
  if (field->row != NULL)
    {
      g_signal_handlers_disconnect_by_data (field->row, field);
      g_object_unref (field->row);
    }
  g_free (field->title);
  g_free (field->id);
  g_free (field->subtitle);
  g_free (field->shown);
  g_free (field);
}

VpcInspectorForm *
vpc_inspector_form_new (VpcDesign         *design,
                        const char *const *ids,
                        GtkBox            *box)
{
  VpcInspectorForm *form = g_new0 (VpcInspectorForm, 1);

  form->design = g_object_ref (design);
  form->ids = ids != NULL && ids[0] != NULL ? g_strdupv ((char **) ids) : NULL;
  form->box = box;
  form->fields = g_ptr_array_new_with_free_func ((GDestroyNotify) field_free);
  return form;
}

void
vpc_inspector_form_free (VpcInspectorForm *form)
{
  if (form == NULL)
    return;
  g_ptr_array_unref (form->fields);
  g_object_unref (form->design);
  g_strfreev (form->ids);
  g_free (form);
}

VpcDesign *
vpc_inspector_form_get_design (VpcInspectorForm *form)
{
  return form->design;
}

guint
vpc_inspector_form_get_n_elements (VpcInspectorForm *form)
{
  return form->ids != NULL ? n_targets (form) : 0;
}

const VpcElement *
vpc_inspector_form_get_nth (VpcInspectorForm *form,
                            guint             index)
{
  if (form->ids == NULL || index >= n_targets (form))
    return NULL;
  return vpc_design_lookup (form->design, form->ids[index]);
}

const VpcElement *
vpc_inspector_form_get_element (VpcInspectorForm *form)
{
  return vpc_inspector_form_get_nth (form, 0);
}

static gboolean
change_by_edit (Field        *field,
                gpointer      copy,
                gconstpointer value,
                char        **error)
{
  ((VpcFormEdit) field->set) (field->form, copy, field->data);
  return TRUE;
}

gboolean
vpc_inspector_form_commit (VpcInspectorForm *form,
                           VpcFormEdit       edit,
                           gpointer          data)
{
  Field field = { .form = form, .title = (char *) _("Properties"), .set = edit, .data = data };

  return form_apply (&field, change_by_edit, NULL, NULL);
}

static Field *
field_new (VpcInspectorForm *form,
           FieldType         type,
           GtkWidget        *row,
           const char       *title,
           gpointer          get,
           gpointer          set,
           gpointer          data)
{
  Field *field = g_new0 (Field, 1);

  field->form = form;
  field->type = type;
  field->row = g_object_ref (row);
  field->title = g_strdup (title);
  field->get = get;
  field->set = set;
  field->data = data;
  g_ptr_array_add (form->fields, field);
  return field;
}

static void
add_row (GtkWidget *parent,
         GtkWidget *row)
{
  if (ADW_IS_EXPANDER_ROW (parent))
    adw_expander_row_add_row (ADW_EXPANDER_ROW (parent), row);
  else
    adw_preferences_group_add (ADW_PREFERENCES_GROUP (parent), row);
}

AdwPreferencesGroup *
vpc_inspector_form_add_group (VpcInspectorForm *form,
                              const char       *title,
                              const char       *description)
{
  GtkWidget *group = adw_preferences_group_new ();

  if (title != NULL)
    adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (group), title);
  if (description != NULL)
    adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (group), description);
  gtk_box_append (form->box, group);
  return ADW_PREFERENCES_GROUP (group);
}

/* "Mixed" in an empty entry or spin button (their text delegate). */
static void
show_mixed_placeholder (GtkWidget *editable,
                        gboolean   mixed)
{
  GtkEditable *delegate = gtk_editable_get_delegate (GTK_EDITABLE (editable));

  if (GTK_IS_TEXT (delegate))
    gtk_text_set_placeholder_text (GTK_TEXT (delegate), mixed ? MIXED : NULL);
  if (mixed)
    gtk_accessible_update_property (GTK_ACCESSIBLE (editable), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                    _("Mixed: the selected elements differ"), -1);
}

/* Text rows */

/* @error: a short text for the title, or NULL; @detail: the whole reason
 * (a refusal), for the tooltip and screen readers. */
static void
entry_show_error (Field      *field,
                  const char *error,
                  const char *detail)
{
  g_autofree char *title = NULL;

  if (error != NULL)
    {
      /* TRANSLATORS: a field's title ("Ports") and what is wrong with its text. */
      title = g_strdup_printf (_("%s: %s"), field->title, error);
      gtk_widget_add_css_class (field->row, "error");
      gtk_widget_set_tooltip_text (field->row, detail);
      gtk_accessible_update_property (GTK_ACCESSIBLE (field->row),
                                      GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                      detail != NULL ? detail : error, -1);
    }
  else
    {
      gtk_widget_remove_css_class (field->row, "error");
      gtk_widget_set_tooltip_text (field->row, NULL);
      gtk_accessible_reset_property (GTK_ACCESSIBLE (field->row),
                                     GTK_ACCESSIBLE_PROPERTY_DESCRIPTION);
    }
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (field->row),
                                 title != NULL ? title : field->title);
}

static gboolean
change_text (Field        *field,
             gpointer      copy,
             gconstpointer value,
             char        **error)
{
  g_autofree char *own = NULL;

  if (((VpcFormSetText) field->set) (field->form, copy, value, field->data, &own))
    return TRUE;
  if (error != NULL)
    *error = own != NULL ? g_steal_pointer (&own) : g_strdup (_("not valid"));
  return FALSE;
}

/* As the user types: can the text be read, and would the design take it? */
static void
entry_changed_cb (GtkEditable *editable,
                  Field       *field)
{
  VpcInspectorForm *form = field->form;
  const char *text = gtk_editable_get_text (editable);
  gconstpointer first = target_in (form, form->design, 0);
  g_autofree char *reason = NULL;
  g_autofree char *error = NULL;
  gpointer scratch;

  if (form->syncing || first == NULL || (field->mixed && text[0] == '\0'))
    return;
  /* Text the setter cannot read gets its short message. */
  scratch = target_copy (form, first);
  if (!change_text (field, scratch, text, &error))
    entry_show_error (field, error, NULL);
  else if (!form_check (field, change_text, text, &reason))
    entry_show_error (field, _("not accepted"), reason);
  else
    entry_show_error (field, NULL, NULL);
  target_free (form, scratch);
}

static void
entry_commit (Field *field)
{
  VpcInspectorForm *form = field->form;
  const char *text = gtk_editable_get_text (GTK_EDITABLE (field->row));
  g_autofree char *error = NULL;
  g_autofree char *typed = NULL;

  if (form->syncing || target_in (form, form->design, 0) == NULL)
    return;
  if (field->mixed ? text[0] == '\0' : g_strcmp0 (field->shown, text) == 0)
    return;
  typed = g_strdup (text);
  if (form_apply (field, change_text, typed, &error))
    {
      entry_show_error (field, NULL, NULL);
      return;
    }
  if (error != NULL)
    entry_show_error (field, error, NULL);
  else
    entry_show_error (field, _("not accepted"), vpc_design_get_last_refusal (form->design));
}

static void
entry_leave_cb (GtkEventControllerFocus *controller,
                Field                   *field)
{
  entry_commit (field);
}

GtkWidget *
vpc_inspector_form_add_entry (VpcInspectorForm *form,
                              GtkWidget        *parent,
                              const char       *title,
                              VpcFormGetText    get,
                              VpcFormSetText    set,
                              gpointer          data)
{
  GtkWidget *row = adw_entry_row_new ();
  GtkEventController *focus = gtk_event_controller_focus_new ();
  Field *field = field_new (form, FIELD_ENTRY, row, title, get, set, data);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_entry_row_set_show_apply_button (ADW_ENTRY_ROW (row), TRUE);
  g_signal_connect (row, "changed", G_CALLBACK (entry_changed_cb), field);
  g_signal_connect_swapped (row, "apply", G_CALLBACK (entry_commit), field);
  g_signal_connect_swapped (row, "entry-activated", G_CALLBACK (entry_commit), field);
  g_signal_connect (focus, "leave", G_CALLBACK (entry_leave_cb), field);
  field->focus = focus;
  gtk_widget_add_controller (row, focus);
  add_row (parent, row);
  return row;
}

/* Switches, choices and numbers: commit at once */

static gboolean
change_bool (Field        *field,
             gpointer      copy,
             gconstpointer value,
             char        **error)
{
  ((VpcFormSetBool) field->set) (copy, GPOINTER_TO_INT (value), field->data);
  return TRUE;
}

static void
switch_cb (Field *field)
{
  gboolean active;

  if (field->form->syncing)
    return;
  if (GTK_IS_SWITCH (field->widget))
    active = gtk_switch_get_active (GTK_SWITCH (field->widget));
  else
    {
      /* A click on a mixed check sets every element. */
      gtk_check_button_set_inconsistent (GTK_CHECK_BUTTON (field->widget), FALSE);
      active = gtk_check_button_get_active (GTK_CHECK_BUTTON (field->widget));
    }
  form_apply (field, change_bool, GINT_TO_POINTER (active), NULL);
}

GtkWidget *
vpc_inspector_form_add_switch (VpcInspectorForm *form,
                               GtkWidget        *parent,
                               const char       *title,
                               const char       *subtitle,
                               VpcFormGetBool    get,
                               VpcFormSetBool    set,
                               gpointer          data)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *toggle = is_multi (form) ? gtk_check_button_new () : gtk_switch_new ();
  Field *field = field_new (form, FIELD_SWITCH, row, title, get, set, data);

  field->widget = toggle;
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  if (subtitle != NULL)
    adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  gtk_widget_set_valign (toggle, GTK_ALIGN_CENTER);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), toggle);
  adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), toggle);
  if (GTK_IS_SWITCH (toggle))
    g_signal_connect_swapped (toggle, "notify::active", G_CALLBACK (switch_cb), field);
  else
    g_signal_connect_swapped (toggle, "toggled", G_CALLBACK (switch_cb), field);
  add_row (parent, row);
  return row;
}

/* A combo row shows its choice in a child list that screen readers do not
 * read with the row: the choice also goes in the row's description. */
static void
describe_choice (Field *field)
{
  GListModel *model = adw_combo_row_get_model (ADW_COMBO_ROW (field->row));
  guint selected = adw_combo_row_get_selected (ADW_COMBO_ROW (field->row));
  const char *text = NULL;

  if (field->mixed)
    text = MIXED;
  else if (GTK_IS_STRING_LIST (model) && selected != GTK_INVALID_LIST_POSITION)
    text = gtk_string_list_get_string (GTK_STRING_LIST (model), selected);
  gtk_accessible_update_property (GTK_ACCESSIBLE (field->row), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                  text != NULL ? text : "", -1);
}

static gboolean
change_choice (Field        *field,
               gpointer      copy,
               gconstpointer value,
               char        **error)
{
  ((VpcFormSetChoice) field->set) (copy, GPOINTER_TO_UINT (value), field->data);
  return TRUE;
}

static void
combo_cb (Field *field)
{
  guint selected = adw_combo_row_get_selected (ADW_COMBO_ROW (field->row));

  if (field->form->syncing || selected == GTK_INVALID_LIST_POSITION)
    return;
  field->mixed = FALSE;
  describe_choice (field);
  form_apply (field, change_choice, GUINT_TO_POINTER (selected), NULL);
}

GtkWidget *
vpc_inspector_form_add_combo (VpcInspectorForm  *form,
                              GtkWidget         *parent,
                              const char        *title,
                              const char *const *choices,
                              VpcFormGetChoice   get,
                              VpcFormSetChoice   set,
                              gpointer           data)
{
  GtkWidget *row = adw_combo_row_new ();
  g_autoptr(GtkStringList) model = gtk_string_list_new (choices);
  Field *field = field_new (form, FIELD_COMBO, row, title, get, set, data);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_combo_row_set_model (ADW_COMBO_ROW (row), G_LIST_MODEL (model));
  vpc_accessible_name_combo_items (ADW_COMBO_ROW (row));
  g_signal_connect_swapped (row, "notify::selected", G_CALLBACK (combo_cb), field);
  add_row (parent, row);
  return row;
}

GtkWidget *
vpc_inspector_form_add_fixed_combo (VpcInspectorForm  *form,
                                    GtkWidget         *parent,
                                    const char        *title,
                                    const char *const *choices,
                                    VpcFormGetChoice   get,
                                    VpcFormSetChoice   set,
                                    gpointer           data)
{
  g_autoptr(GPtrArray) labels = g_ptr_array_new ();

  for (guint i = 0; choices[i] != NULL; i++)
    g_ptr_array_add (labels, (gpointer) _(choices[i]));
  g_ptr_array_add (labels, NULL);
  return vpc_inspector_form_add_combo (form, parent, title, (const char *const *) labels->pdata,
                                       get, set, data);
}

static gboolean
change_number (Field        *field,
               gpointer      copy,
               gconstpointer value,
               char        **error)
{
  ((VpcFormSetNumber) field->set) (copy, *(const double *) value, field->data);
  return TRUE;
}

static void
spin_apply (Field *field)
{
  double value = gtk_spin_button_get_value (GTK_SPIN_BUTTON (field->widget));

  field->mixed = FALSE;
  form_apply (field, change_number, &value, NULL);
}

static void
spin_cb (Field *field)
{
  if (!field->form->syncing)
    spin_apply (field);
}

static gboolean
spin_apply_idle_cb (gpointer data)
{
  Field *field = data;

  field->apply_idle = 0;
  spin_apply (field);
  return G_SOURCE_REMOVE;
}

/* A mixed spin button shows no number, only the "Mixed" placeholder. */
static gboolean
spin_output_cb (GtkSpinButton *spin,
                Field         *field)
{
  if (!field->mixed)
    return FALSE;
  gtk_editable_set_text (GTK_EDITABLE (spin), "");
  return TRUE;
}

/* Leaving a mixed spin button empty changes nothing. A number typed there
 * is for every element, even when it equals the value kept behind the
 * placeholder (then "value-changed" does not come: apply it when idle). */
static int
spin_input_cb (GtkSpinButton *spin,
               double        *value,
               Field         *field)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (spin));
  double shown = gtk_spin_button_get_value (spin);
  char *end = NULL;

  if (!field->mixed)
    return FALSE;
  if (text[0] == '\0')
    {
      *value = shown;
      return TRUE;
    }
  *value = g_ascii_strtod (text, &end);
  if (end == text || *end != '\0')
    return GTK_INPUT_ERROR;
  field->mixed = FALSE;
  if (*value == shown && field->apply_idle == 0)
    field->apply_idle = g_idle_add (spin_apply_idle_cb, field);
  return TRUE;
}

GtkWidget *
vpc_inspector_form_add_spin (VpcInspectorForm *form,
                             GtkWidget        *parent,
                             const char       *title,
                             double            min,
                             double            max,
                             double            step,
                             VpcFormGetNumber  get,
                             VpcFormSetNumber  set,
                             gpointer          data)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *spin = gtk_spin_button_new_with_range (min, max, step);
  Field *field = field_new (form, FIELD_SPIN, row, title, get, set, data);

  field->widget = spin;
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  gtk_spin_button_set_digits (GTK_SPIN_BUTTON (spin), 0);
  gtk_spin_button_set_numeric (GTK_SPIN_BUTTON (spin), TRUE);
  gtk_widget_set_valign (spin, GTK_ALIGN_CENTER);
  gtk_accessible_update_property (GTK_ACCESSIBLE (spin), GTK_ACCESSIBLE_PROPERTY_LABEL, title, -1);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), spin);
  g_signal_connect_swapped (spin, "value-changed", G_CALLBACK (spin_cb), field);
  if (is_multi (form))
    {
      g_signal_connect (spin, "output", G_CALLBACK (spin_output_cb), field);
      g_signal_connect (spin, "input", G_CALLBACK (spin_input_cb), field);
    }
  add_row (parent, row);
  return row;
}

/* Check lists of element ids */

static gboolean
change_membership (Field        *field,
                   gpointer      copy,
                   gconstpointer value,
                   char        **error)
{
  GPtrArray *list = *id_list_at (copy, field->offset);

  if (!GPOINTER_TO_INT (value))
    vpc_id_list_remove (list, field->id);
  else if (!vpc_id_list_contains (list, field->id))
    vpc_id_list_add (list, field->id);
  return TRUE;
}

static void
check_cb (Field *field)
{
  gboolean active = gtk_check_button_get_active (GTK_CHECK_BUTTON (field->widget));

  if (field->form->syncing)
    return;
  /* A click on a mixed check gives it to every element. */
  gtk_check_button_set_inconsistent (GTK_CHECK_BUTTON (field->widget), FALSE);
  form_apply (field, change_membership, GINT_TO_POINTER (active), NULL);
}

/* How many of @targets list @id at @offset. */
static guint
count_members (GPtrArray  *targets,
               gsize       offset,
               const char *id)
{
  guint count = 0;

  for (guint i = 0; i < targets->len; i++)
    count += vpc_id_list_contains (*id_list_at (g_ptr_array_index (targets, i), offset), id);
  return count;
}

/* A VpcChecklistDescribe over the form's design. */
static void
describe_candidate (const char  *id,
                    const char **name,
                    const char **subtitle,
                    gpointer     data)
{
  Field *list_field = data;
  const VpcElement *candidate = vpc_design_lookup (list_field->form->design, id);

  *name = candidate != NULL ? vpc_element_get_display_name (candidate) : id;
  *subtitle = candidate != NULL && candidate->name != NULL && g_strcmp0 (candidate->name, id) != 0
                  ? candidate->id
                  : NULL;
}

/* A VpcChecklistState: how many targets list @id. */
static void
candidate_state (const char *id,
                 guint      *count,
                 guint      *of,
                 gpointer    data)
{
  Field *list_field = data;
  g_autoptr(GPtrArray) targets = current_targets (list_field->form);

  *count = count_members (targets, list_field->offset, id);
  *of = targets->len;
}

/* A VpcChecklistToggled: @id given to or taken from every target. */
static void
candidate_toggled (const char *id,
                   gboolean    active,
                   gpointer    data)
{
  Field *list_field = data;

  g_free (list_field->id);
  list_field->id = g_strdup (id);
  form_apply (list_field, change_membership, GINT_TO_POINTER (active), NULL);
}

/* Beyond this many candidates a row each costs too much (20,000 subnets
 * took over a gigabyte): a searchable list makes rows for what it shows. */
#define CHECKLIST_ROWS_MAX 64

GtkWidget *
vpc_inspector_form_add_checklist (VpcInspectorForm *form,
                                  GtkWidget        *parent,
                                  const char       *title,
                                  VpcKind           kind,
                                  gsize             list_offset)
{
  GtkWidget *expander = adw_expander_row_new ();
  Field *list_field = field_new (form, FIELD_CHECKLIST, expander, title, NULL, NULL, NULL);
  guint n = vpc_design_get_n_elements (form->design, kind);

  list_field->kind = kind;
  list_field->offset = list_offset;
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (expander), title);
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (expander), FALSE);
  if (n > CHECKLIST_ROWS_MAX)
    {
      g_autoptr(GPtrArray) ids = g_ptr_array_sized_new (n + 1);

      for (guint i = 0; i < n; i++)
        g_ptr_array_add (ids, vpc_design_get_element (form->design, kind, i)->id);
      g_ptr_array_add (ids, NULL);
      list_field->widget = vpc_checklist_view_new (
          (const char *const *) ids->pdata, title,
          kind == VPC_KIND_SUBNET ? _("Search subnets") : _("Search security groups"),
          describe_candidate, candidate_state, candidate_toggled, list_field);
      adw_expander_row_add_row (ADW_EXPANDER_ROW (expander), list_field->widget);
      n = 0;
    }
  for (guint i = 0; i < n; i++)
    {
      const VpcElement *candidate = vpc_design_get_element (form->design, kind, i);
      GtkWidget *row = adw_action_row_new ();
      GtkWidget *check = gtk_check_button_new ();
      Field *field = field_new (form, FIELD_CHECK, row, title, NULL, NULL, NULL);

      field->widget = check;
      field->id = g_strdup (candidate->id);
      field->offset = list_offset;
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row),
                                     vpc_element_get_display_name (candidate));
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      if (candidate->name != NULL && g_strcmp0 (candidate->name, candidate->id) != 0)
        field->subtitle = g_strdup (candidate->id);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row),
                                   field->subtitle != NULL ? field->subtitle : "");
      adw_action_row_add_prefix (ADW_ACTION_ROW (row), check);
      adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), check);
      g_signal_connect_swapped (check, "toggled", G_CALLBACK (check_cb), field);
      adw_expander_row_add_row (ADW_EXPANDER_ROW (expander), row);
    }
  if (vpc_design_get_n_elements (form->design, kind) == 0)
    adw_expander_row_set_enable_expansion (ADW_EXPANDER_ROW (expander), FALSE);
  add_row (parent, expander);
  return expander;
}

/* "sg-a, sg-b (3 of 7)": what the targets list, in the candidates' order,
 * with the share of the targets that list each when they differ. */
static char *
checklist_summary (Field     *field,
                   GPtrArray *targets)
{
  VpcDesign *design = field->form->design;
  GString *text = g_string_new (NULL);

  for (guint i = 0; i < vpc_design_get_n_elements (design, field->kind); i++)
    {
      const VpcElement *candidate = vpc_design_get_element (design, field->kind, i);
      guint count = count_members (targets, field->offset, candidate->id);

      if (count == 0)
        continue;
      if (text->len > 0)
        g_string_append (text, ", ");
      g_string_append (text, vpc_element_get_display_name (candidate));
      if (count < targets->len)
        /* TRANSLATORS: how many of the selected elements list this one. */
        g_string_append_printf (text, _(" (%u of %u)"), count, targets->len);
    }
  /* Ids that name no candidate (a file opened with repairs pending). */
  for (guint t = 0; t < targets->len && targets->len == 1; t++)
    {
      GPtrArray *list = *id_list_at (g_ptr_array_index (targets, t), field->offset);

      for (guint i = 0; list != NULL && i < list->len; i++)
        if (vpc_design_lookup (design, g_ptr_array_index (list, i)) == NULL)
          g_string_append_printf (text, "%s%s", text->len > 0 ? ", " : "",
                                  (const char *) g_ptr_array_index (list, i));
    }
  if (text->len == 0)
    g_string_append (text, _("None"));
  return g_string_free (text, FALSE);
}

/* Read-only rows and buttons */

void
vpc_inspector_form_add_summary (VpcInspectorForm *form,
                                GtkWidget        *row,
                                VpcFormGetText    get,
                                gpointer          data)
{
  field_new (form, FIELD_SUMMARY, row, NULL, get, NULL, data);
}

GtkWidget *
vpc_inspector_form_add_info (VpcInspectorForm *form,
                             GtkWidget        *parent,
                             const char       *title,
                             const char       *value)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *label = gtk_label_new (value);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  gtk_label_set_selectable (GTK_LABEL (label), TRUE);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_MIDDLE);
  gtk_widget_add_css_class (label, "dim-label");
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), label);
  /* A screen reader hears "ID, train": the title names the row, the
   * description carries the value. */
  gtk_accessible_update_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                  value != NULL ? value : "", -1);
  add_row (parent, row);
  return row;
}

static void
button_cb (Field *field)
{
  form_apply (field, change_by_edit, NULL, NULL);
}

GtkWidget *
vpc_inspector_form_add_button (VpcInspectorForm *form,
                               GtkWidget        *parent,
                               const char       *title,
                               const char       *label,
                               gboolean          destructive,
                               VpcFormEdit       edit,
                               gpointer          data)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *button = vpc_button_new_with_mnemonic (label);
  Field *field = field_new (form, FIELD_BUTTON, row, title, NULL, edit, data);

  field->widget = button;
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, title,
                                  -1);
  if (destructive)
    gtk_widget_add_css_class (button, "destructive-action");
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), button);
  g_signal_connect_swapped (button, "clicked", G_CALLBACK (button_cb), field);
  add_row (parent, row);
  return row;
}

/* Sync */

static void
sync_entry (Field     *field,
            GPtrArray *targets)
{
  VpcInspectorForm *form = field->form;
  g_autofree char  *text
      = ((VpcFormGetText) field->get) (form, g_ptr_array_index (targets, 0), field->data);
  GtkRoot *root = gtk_widget_get_root (field->row);
  GtkWidget *focus = root != NULL ? gtk_root_get_focus (root) : NULL;
  const char *typed = gtk_editable_get_text (GTK_EDITABLE (field->row));

  field->mixed = FALSE;
  for (guint i = 1; i < targets->len && !field->mixed; i++)
    {
      g_autofree char *other
          = ((VpcFormGetText) field->get) (form, g_ptr_array_index (targets, i), field->data);

      field->mixed = g_strcmp0 (text, other) != 0;
    }
  if (field->mixed)
    g_clear_pointer (&text, g_free);
  /* Keep what the user is typing; follow the design otherwise. */
  if (focus == NULL || !gtk_widget_is_ancestor (focus, field->row) ||
      g_strcmp0 (typed, field->shown != NULL ? field->shown : "") == 0)
    {
      if (g_strcmp0 (typed, text != NULL ? text : "") != 0)
        gtk_editable_set_text (GTK_EDITABLE (field->row), text != NULL ? text : "");
      entry_show_error (field, NULL, NULL);
    }
  if (is_multi (form))
    show_mixed_placeholder (field->row, field->mixed);
  g_free (field->shown);
  field->shown = g_steal_pointer (&text);
}

static void
sync_switch (Field     *field,
             GPtrArray *targets)
{
  gboolean first = ((VpcFormGetBool) field->get) (g_ptr_array_index (targets, 0), field->data);

  field->mixed = FALSE;
  for (guint i = 1; i < targets->len; i++)
    field->mixed
        |= !((VpcFormGetBool) field->get) (g_ptr_array_index (targets, i), field->data) != !first;
  if (GTK_IS_SWITCH (field->widget))
    gtk_switch_set_active (GTK_SWITCH (field->widget), first);
  else
    {
      gtk_check_button_set_active (GTK_CHECK_BUTTON (field->widget), first && !field->mixed);
      gtk_check_button_set_inconsistent (GTK_CHECK_BUTTON (field->widget), field->mixed);
    }
}

static void
sync_combo (Field     *field,
            GPtrArray *targets)
{
  guint first = ((VpcFormGetChoice) field->get) (g_ptr_array_index (targets, 0), field->data);

  field->mixed = FALSE;
  for (guint i = 1; i < targets->len; i++)
    field->mixed
        |= ((VpcFormGetChoice) field->get) (g_ptr_array_index (targets, i), field->data) != first;
  adw_combo_row_set_selected (ADW_COMBO_ROW (field->row),
                              field->mixed ? GTK_INVALID_LIST_POSITION : first);
  if (is_multi (field->form))
    adw_action_row_set_subtitle (ADW_ACTION_ROW (field->row), field->mixed ? MIXED : "");
  describe_choice (field);
}

static void
sync_spin (Field     *field,
           GPtrArray *targets)
{
  double first = ((VpcFormGetNumber) field->get) (g_ptr_array_index (targets, 0), field->data);

  field->mixed = FALSE;
  for (guint i = 1; i < targets->len; i++)
    field->mixed
        |= ((VpcFormGetNumber) field->get) (g_ptr_array_index (targets, i), field->data) != first;
  if (is_multi (field->form))
    show_mixed_placeholder (field->widget, field->mixed);
  /* Also when the value stays: the output handler shows it or "Mixed". */
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (field->widget), first);
  if (!field->mixed)
    gtk_accessible_reset_property (GTK_ACCESSIBLE (field->widget),
                                   GTK_ACCESSIBLE_PROPERTY_DESCRIPTION);
}

static void
sync_check (Field     *field,
            GPtrArray *targets)
{
  guint count = count_members (targets, field->offset, field->id);
  g_autofree char *subtitle = NULL;

  field->mixed = count > 0 && count < targets->len;
  gtk_check_button_set_active (GTK_CHECK_BUTTON (field->widget), count == targets->len);
  gtk_check_button_set_inconsistent (GTK_CHECK_BUTTON (field->widget), field->mixed);
  if (!is_multi (field->form))
    return;
  subtitle = vpc_checklist_subtitle (field->subtitle, count, targets->len);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (field->row), subtitle != NULL ? subtitle : "");
}

static void
field_sync (Field     *field,
            GPtrArray *targets)
{
  switch (field->type)
    {
    case FIELD_ENTRY:
      sync_entry (field, targets);
      break;
    case FIELD_SWITCH:
      sync_switch (field, targets);
      break;
    case FIELD_COMBO:
      sync_combo (field, targets);
      break;
    case FIELD_SPIN:
      sync_spin (field, targets);
      break;
    case FIELD_CHECK:
      sync_check (field, targets);
      break;
    case FIELD_CHECKLIST:
      {
        g_autofree char *summary = checklist_summary (field, targets);

        adw_expander_row_set_subtitle (ADW_EXPANDER_ROW (field->row), summary);
        gtk_accessible_update_property (GTK_ACCESSIBLE (field->row),
                                        GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, summary, -1);
        if (field->widget != NULL)
          vpc_checklist_view_sync (VPC_CHECKLIST_VIEW (field->widget));
      }
      break;
    case FIELD_SUMMARY:
      {
        g_autofree char *text = ((VpcFormGetText) field->get) (
            field->form, g_ptr_array_index (targets, 0), field->data);

        adw_preferences_row_set_title (ADW_PREFERENCES_ROW (field->row), text);
        /* An expander row's title is not its accessible name in Adw 1.2. */
        gtk_accessible_update_property (GTK_ACCESSIBLE (field->row),
                                        GTK_ACCESSIBLE_PROPERTY_LABEL, text, -1);
      }
      break;
    case FIELD_BUTTON:
    default:
      break;
    }
}

void
vpc_inspector_form_sync (VpcInspectorForm *form)
{
  g_autoptr(GPtrArray) targets = current_targets (form);

  if (targets->len == 0)
    return;
  form->syncing = TRUE;
  for (guint i = 0; i < form->fields->len; i++)
    field_sync (g_ptr_array_index (form->fields, i), targets);
  form->syncing = FALSE;
}
