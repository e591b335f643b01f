/* vpc-inspector-form.c: rows that edit one target and commit undoable steps. */
#include "vpc-inspector-form.h"

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
  GtkWidget        *widget; /* the switch, spin or check button, or NULL */
  char             *title;
  gpointer          get;
  gpointer          set;
  gpointer          data;
  char             *id;     /* FIELD_CHECK: the element ticked */
  char             *shown;  /* FIELD_ENTRY: the text last read from the design */
  VpcKind           kind;   /* FIELD_CHECKLIST: the candidates' kind */
  gsize             offset; /* FIELD_CHECK(LIST): the id list in VpcElement */
  GtkEventController *focus; /* FIELD_ENTRY: commits on focus-out */
} Field;

struct _VpcInspectorForm
{
  VpcDesign *design;
  char      *id;
  GtkBox    *box;
  GPtrArray *fields;
  gboolean   syncing;
};

static gconstpointer
target_current (VpcInspectorForm *form)
{
  if (form->id == NULL)
    return vpc_design_get_info (form->design);
  return vpc_design_lookup (form->design, form->id);
}

static gpointer
target_copy (VpcInspectorForm *form)
{
  gconstpointer current = target_current (form);

  if (current == NULL)
    return NULL;
  return form->id != NULL ? (gpointer) vpc_element_copy (current) : (gpointer) vpc_design_info_copy (current);
}

static void
target_free (VpcInspectorForm *form,
             gpointer          copy)
{
  if (copy == NULL)
    return;
  if (form->id != NULL)
    vpc_element_free (copy);
  else
    vpc_design_info_free (copy);
}

/* Hands @copy to the design: one undo step, none when nothing changed. */
static void
target_commit (VpcInspectorForm *form,
               gpointer          copy)
{
  if (form->id != NULL)
    vpc_design_replace_element (form->design, copy);
  else
    vpc_design_set_info (form->design, copy);
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
  g_free (field->shown);
  g_free (field);
}

VpcInspectorForm *
vpc_inspector_form_new (VpcDesign  *design,
                        const char *id,
                        GtkBox     *box)
{
  VpcInspectorForm *form = g_new0 (VpcInspectorForm, 1);

  form->design = g_object_ref (design);
  form->id = g_strdup (id);
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
  g_free (form->id);
  g_free (form);
}

VpcDesign *
vpc_inspector_form_get_design (VpcInspectorForm *form)
{
  return form->design;
}

const VpcElement *
vpc_inspector_form_get_element (VpcInspectorForm *form)
{
  return form->id != NULL ? vpc_design_lookup (form->design, form->id) : NULL;
}

void
vpc_inspector_form_commit (VpcInspectorForm *form,
                           VpcFormEdit       edit,
                           gpointer          data)
{
  gpointer copy = target_copy (form);

  if (copy == NULL)
    return;
  edit (form, copy, data);
  target_commit (form, copy);
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

/* Text rows */

static void
entry_show_error (Field      *field,
                  const char *error)
{
  g_autofree char *title = NULL;

  if (error != NULL)
    {
      title = g_strdup_printf ("%s: %s", field->title, error);
      gtk_widget_add_css_class (field->row, "error");
      gtk_accessible_update_property (GTK_ACCESSIBLE (field->row),
                                      GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, error, -1);
    }
  else
    {
      gtk_widget_remove_css_class (field->row, "error");
      gtk_accessible_reset_property (GTK_ACCESSIBLE (field->row), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION);
    }
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (field->row), title != NULL ? title : field->title);
}

/* Runs the setter on a scratch copy. Returns the copy when @text is
 * acceptable (the caller commits or frees it), else NULL with @error set. */
static gpointer
entry_try (Field      *field,
           const char *text,
           char      **error)
{
  gpointer copy = target_copy (field->form);

  if (copy == NULL)
    return NULL;
  if (!((VpcFormSetText) field->set) (field->form, copy, text, field->data, error))
    {
      target_free (field->form, copy);
      return NULL;
    }
  return copy;
}

static void
entry_changed_cb (GtkEditable *editable,
                  Field       *field)
{
  g_autofree char *error = NULL;
  gpointer copy;

  if (field->form->syncing)
    return;
  copy = entry_try (field, gtk_editable_get_text (editable), &error);
  target_free (field->form, copy);
  entry_show_error (field, copy != NULL ? NULL : error != NULL ? error : "not valid");
}

static void
entry_commit (Field *field)
{
  VpcInspectorForm *form = field->form;
  const char *text = gtk_editable_get_text (GTK_EDITABLE (field->row));
  gconstpointer current = target_current (form);
  g_autofree char *old = current != NULL ? ((VpcFormGetText) field->get) (form, current, field->data) : NULL;
  g_autofree char *error = NULL;
  gpointer copy;

  if (form->syncing || current == NULL || g_strcmp0 (old, text) == 0)
    return;
  copy = entry_try (field, text, &error);
  if (copy == NULL)
    {
      entry_show_error (field, error != NULL ? error : "not valid");
      return;
    }
  entry_show_error (field, NULL);
  target_commit (form, copy);
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

static void
switch_cb (Field *field)
{
  gpointer copy;

  if (field->form->syncing || (copy = target_copy (field->form)) == NULL)
    return;
  ((VpcFormSetBool) field->set) (copy, gtk_switch_get_active (GTK_SWITCH (field->widget)), field->data);
  target_commit (field->form, copy);
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
  GtkWidget *toggle = gtk_switch_new ();
  Field *field = field_new (form, FIELD_SWITCH, row, title, get, set, data);

  field->widget = toggle;
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  if (subtitle != NULL)
    adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  gtk_widget_set_valign (toggle, GTK_ALIGN_CENTER);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), toggle);
  adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), toggle);
  g_signal_connect_swapped (toggle, "notify::active", G_CALLBACK (switch_cb), field);
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

  if (GTK_IS_STRING_LIST (model) && selected != GTK_INVALID_LIST_POSITION)
    text = gtk_string_list_get_string (GTK_STRING_LIST (model), selected);
  gtk_accessible_update_property (GTK_ACCESSIBLE (field->row), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                  text != NULL ? text : "", -1);
}

static void
combo_cb (Field *field)
{
  guint selected = adw_combo_row_get_selected (ADW_COMBO_ROW (field->row));
  gpointer copy;

  describe_choice (field);
  if (field->form->syncing || selected == GTK_INVALID_LIST_POSITION ||
      (copy = target_copy (field->form)) == NULL)
    return;
  ((VpcFormSetChoice) field->set) (copy, selected, field->data);
  target_commit (field->form, copy);
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
  g_signal_connect_swapped (row, "notify::selected", G_CALLBACK (combo_cb), field);
  add_row (parent, row);
  return row;
}

static void
spin_cb (Field *field)
{
  gpointer copy;

  if (field->form->syncing || (copy = target_copy (field->form)) == NULL)
    return;
  ((VpcFormSetNumber) field->set) (copy, gtk_spin_button_get_value (GTK_SPIN_BUTTON (field->widget)), field->data);
  target_commit (field->form, copy);
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
  add_row (parent, row);
  return row;
}

/* Check lists of element ids */

static void
check_cb (Field *field)
{
  gboolean active = gtk_check_button_get_active (GTK_CHECK_BUTTON (field->widget));
  VpcElement *copy;
  GPtrArray *list;

  if (field->form->syncing || (copy = target_copy (field->form)) == NULL)
    return;
  list = *id_list_at (copy, field->offset);
  if (active)
    {
      if (!vpc_id_list_contains (list, field->id))
        vpc_id_list_add (list, field->id);
    }
  else
    vpc_id_list_remove (list, field->id);
  target_commit (field->form, copy);
}

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
  for (guint i = 0; i < n; i++)
    {
      const VpcElement *candidate = vpc_design_get_element (form->design, kind, i);
      GtkWidget *row = adw_action_row_new ();
      GtkWidget *check = gtk_check_button_new ();
      Field *field = field_new (form, FIELD_CHECK, row, vpc_element_get_display_name (candidate),
                                NULL, NULL, NULL);

      field->widget = check;
      field->id = g_strdup (candidate->id);
      field->offset = list_offset;
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), vpc_element_get_display_name (candidate));
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      if (candidate->name != NULL && g_strcmp0 (candidate->name, candidate->id) != 0)
        adw_action_row_set_subtitle (ADW_ACTION_ROW (row), candidate->id);
      adw_action_row_add_prefix (ADW_ACTION_ROW (row), check);
      adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), check);
      g_signal_connect_swapped (check, "toggled", G_CALLBACK (check_cb), field);
      adw_expander_row_add_row (ADW_EXPANDER_ROW (expander), row);
    }
  if (n == 0)
    adw_expander_row_set_enable_expansion (ADW_EXPANDER_ROW (expander), FALSE);
  add_row (parent, expander);
  return expander;
}

static char *
checklist_summary (VpcInspectorForm *form,
                   const GPtrArray  *list)
{
  GString *text;

  if (list == NULL || list->len == 0)
    return g_strdup ("None");
  text = g_string_new (NULL);
  for (guint i = 0; i < list->len; i++)
    {
      const VpcElement *element = vpc_design_lookup (form->design, g_ptr_array_index (list, i));

      if (i > 0)
        g_string_append (text, ", ");
      g_string_append (text, element != NULL ? vpc_element_get_display_name (element)
                                             : (const char *) g_ptr_array_index (list, i));
    }
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
  vpc_inspector_form_commit (field->form, (VpcFormEdit) field->set, field->data);
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
  GtkWidget *button = gtk_button_new_with_mnemonic (label);
  Field *field = field_new (form, FIELD_BUTTON, row, title, NULL, edit, data);

  field->widget = button;
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, title, -1);
  if (destructive)
    gtk_widget_add_css_class (button, "destructive-action");
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), button);
  g_signal_connect_swapped (button, "clicked", G_CALLBACK (button_cb), field);
  add_row (parent, row);
  return row;
}

/* Sync */

static void
field_sync (Field        *field,
            gconstpointer current)
{
  VpcInspectorForm *form = field->form;

  switch (field->type)
    {
    case FIELD_ENTRY:
      {
        g_autofree char *text = ((VpcFormGetText) field->get) (form, current, field->data);
        GtkRoot *root = gtk_widget_get_root (field->row);
        GtkWidget *focus = root != NULL ? gtk_root_get_focus (root) : NULL;
        const char *typed = gtk_editable_get_text (GTK_EDITABLE (field->row));

        /* Keep what the user is typing; follow the design otherwise. */
        if (focus == NULL || !gtk_widget_is_ancestor (focus, field->row) ||
            g_strcmp0 (typed, field->shown) == 0)
          {
            if (g_strcmp0 (typed, text) != 0)
              gtk_editable_set_text (GTK_EDITABLE (field->row), text != NULL ? text : "");
            entry_show_error (field, NULL);
          }
        g_free (field->shown);
        field->shown = g_steal_pointer (&text);
      }
      break;
    case FIELD_SWITCH:
      gtk_switch_set_active (GTK_SWITCH (field->widget), ((VpcFormGetBool) field->get) (current, field->data));
      break;
    case FIELD_COMBO:
      adw_combo_row_set_selected (ADW_COMBO_ROW (field->row), ((VpcFormGetChoice) field->get) (current, field->data));
      describe_choice (field);
      break;
    case FIELD_SPIN:
      gtk_spin_button_set_value (GTK_SPIN_BUTTON (field->widget), ((VpcFormGetNumber) field->get) (current, field->data));
      break;
    case FIELD_CHECK:
      gtk_check_button_set_active (GTK_CHECK_BUTTON (field->widget),
                                   vpc_id_list_contains (*id_list_at ((gpointer) current, field->offset), field->id));
      break;
    case FIELD_CHECKLIST:
      {
        g_autofree char *summary = checklist_summary (form, *id_list_at ((gpointer) current, field->offset));

        adw_expander_row_set_subtitle (ADW_EXPANDER_ROW (field->row), summary);
        gtk_accessible_update_property (GTK_ACCESSIBLE (field->row), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                        summary, -1);
      }
      break;
    case FIELD_SUMMARY:
      {
        g_autofree char *text = ((VpcFormGetText) field->get) (form, current, field->data);

        adw_preferences_row_set_title (ADW_PREFERENCES_ROW (field->row), text);
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
  gconstpointer current = target_current (form);

  if (current == NULL)
    return;
  form->syncing = TRUE;
  for (guint i = 0; i < form->fields->len; i++)
    field_sync (g_ptr_array_index (form->fields, i), current);
  form->syncing = FALSE;
}
