/* SPDX-License-Identifier: GPL-3.0-or-later */
/* vpc-findings-panel.c: the live list of findings, grouped by severity.
 *
 * Each severity has its own boxed list bound to a GtkFilterListModel over
 * the validator, so the lists follow the validator's items-changed exactly
 * and rows of unchanged findings survive an edit. A list shows its first
 * rows; its button, or scrolling to the panel's end, shows more
 * (vpc-panel-rows.h).
 */
#include "vpc-findings-panel.h"

#include <adwaita.h>

#include "vpc-finding-row.h"
#include "vpc-i18n.h"
#include "vpc-panel-rows.h"

#define N_SEVERITIES 3

typedef struct
{
  GtkWidget          *box;
  GtkLabel           *count;
  GtkListBox         *list;
  GtkFilterListModel *model;
  GtkSliceListModel  *shown; /* the first rows of @model */
  GtkButton          *more;
} Group;

struct _VpcFindingsPanel
{
  GtkWidget         parent_instance;

  GtkWidget        *scroller;
  GtkLabel         *profile_hint;
  GtkLabel         *errors_count;
  GtkLabel         *warnings_count;
  GtkLabel         *info_count;
  AdwStatusPage    *empty_page;
  GtkWidget        *summary_box;
  GtkWidget        *checking_box;
  GtkSpinner       *checking_spinner;
  gboolean          checked_once; /* the validator has had findings to show */
  GtkBox           *groups_box;

  Group             groups[N_SEVERITIES];
  VpcValidator     *validator;
  VpcDesign        *design;
  GSignalGroup     *validator_signals;
  GSignalGroup     *design_signals;
};

G_DEFINE_FINAL_TYPE (VpcFindingsPanel, vpc_findings_panel, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_VALIDATOR,
  PROP_PROFILE,
  N_PROPS,
};
static GParamSpec *properties[N_PROPS];

static const struct
{
  const char *title;
  const char *name;  /* of the group's list widget: "errors-list" */
} severity_text[N_SEVERITIES] = {
  { N_("Errors"), "errors" },
  { N_("Warnings"), "warnings" },
  { N_("Information"), "info" },
};

static const char *profile_hints[] = {
  N_("Study guide: every private SageMaker workload needs the exam checklist's endpoints."),
  N_("Precise: each workload needs only the endpoints AWS documents for it."),
};

/* "3 errors": how many findings of a severity there are. */
static char *
count_text (VpcSeverity severity,
            guint       n)
{
  switch (severity)
    {
    case VPC_SEVERITY_ERROR:
      return g_strdup_printf (ngettext ("%u error", "%u errors", n), n);
    case VPC_SEVERITY_WARNING:
      return g_strdup_printf (ngettext ("%u warning", "%u warnings", n), n);
    default:
      return g_strdup_printf (ngettext ("%u info", "%u info", n), n);
    }
}

static gboolean
match_severity (gpointer item,
                gpointer user_data)
{
  return vpc_finding_get_severity (VPC_FINDING (item))
         == (VpcSeverity) GPOINTER_TO_UINT (user_data);
}

static GtkWidget *
create_row (gpointer item,
            gpointer user_data)
{
  VpcFindingsPanel *self = user_data;

  return vpc_finding_row_new (VPC_FINDING (item), self->design);
}

static void
update_counts (VpcFindingsPanel *self)
{
  GtkLabel *labels[N_SEVERITIES] = { self->errors_count, self->warnings_count, self->info_count };
  guint total = 0;
  gboolean first_run;

  for (guint s = 0; s < N_SEVERITIES; s++)
    {
      guint n = self->validator != NULL ? vpc_validator_count (self->validator, s) : 0;
      g_autofree char *text = count_text (s, n);
      g_autofree char *count = g_strdup_printf ("%u", n);

      gtk_label_set_label (labels[s], text);
      /* style.css: secondary text, 4.5:1 (a faded severity colour was not). */
      if (n > 0)
        gtk_widget_remove_css_class (GTK_WIDGET (labels[s]), "zero");
      else
        gtk_widget_add_css_class (GTK_WIDGET (labels[s]), "zero");
      gtk_label_set_label (self->groups[s].count, count);
      gtk_accessible_update_property (GTK_ACCESSIBLE (self->groups[s].count),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL, text, -1);
      gtk_widget_set_visible (self->groups[s].box, n > 0);
      total += n;
    }
  /* No findings yet (a big design's first run) is not none. */
  first_run = self->validator != NULL && !self->checked_once;
  gtk_widget_set_visible (self->summary_box, !first_run);
  gtk_widget_set_visible (GTK_WIDGET (self->empty_page),
                          self->validator != NULL && total == 0 && !first_run);
}

/* A big design is checked on another thread: say that the list is the
 * previous one until its findings come. */
static void
update_checking (VpcFindingsPanel *self)
{
  gboolean checking = self->validator != NULL && vpc_validator_get_checking (self->validator);

  gtk_widget_set_visible (self->checking_box, checking);
  gtk_spinner_set_spinning (self->checking_spinner, checking);
  self->checked_once |= self->validator != NULL && !checking;
  update_counts (self);
}

static void
update_profile (VpcFindingsPanel *self)
{
  VpcProfile profile = self->design != NULL ? vpc_design_get_info (self->design)->profile
                                            : VPC_PROFILE_STUDY_GUIDE;
  const char *description = profile == VPC_PROFILE_PRECISE
                            ? _("The design passes every rule of the precise profile.")
                            : _("The design passes every rule of the study-guide profile.");

  gtk_label_set_label (self->profile_hint, _(profile_hints[profile]));
  adw_status_page_set_description (self->empty_page, description);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "findings.profile", self->design != NULL);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PROFILE]);
}

static void
row_activated_cb (GtkListBox       *list,
                  GtkListBoxRow    *row,
                  VpcFindingsPanel *self)
{
  VpcFindingRow *finding_row = VPC_FINDING_ROW (row);
  VpcFinding *finding = vpc_finding_row_get_finding (finding_row);
  gboolean expand = !vpc_finding_row_get_expanded (finding_row);

  vpc_finding_row_set_expanded (finding_row, expand);
  if (expand)
    gtk_widget_activate_action (GTK_WIDGET (self), "win.select-elements", "^as",
                                vpc_finding_get_elements (finding));
}

static void
update_more (Group *group)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (group->model));
  guint shown = gtk_slice_list_model_get_size (group->shown);
  g_autofree char *label = NULL;

  gtk_widget_set_visible (GTK_WIDGET (group->more), n > shown);
  if (n <= shown)
    return;
  label = vpc_panel_rows_more_label (shown, n);
  gtk_button_set_label (group->more, label);
}

static void
model_changed_cb (GListModel *model,
                  guint       position,
                  guint       removed,
                  guint       added,
                  Group      *group)
{
  update_more (group);
}

static void
show_more (Group *group)
{
  guint shown = gtk_slice_list_model_get_size (group->shown);

  gtk_slice_list_model_set_size (group->shown, shown + VPC_PANEL_ROWS_STEP);
  update_more (group);
}

static void
more_clicked_cb (GtkButton *button,
                 Group     *group)
{
  show_more (group);
}

/* Reaching the end of the panel grows the lowest list that has more, the
 * one whose button is then in view. */
static void
edge_reached_cb (GtkScrolledWindow *scroller,
                 GtkPositionType    position,
                 VpcFindingsPanel  *self)
{
  if (position != GTK_POS_BOTTOM)
    return;
  for (guint s = N_SEVERITIES; s-- > 0;)
    if (gtk_widget_get_visible (GTK_WIDGET (self->groups[s].more)))
      {
        show_more (&self->groups[s]);
        return;
      }
}

static void
build_groups (VpcFindingsPanel *self)
{
  for (guint s = 0; s < N_SEVERITIES; s++)
    {
      Group *group = &self->groups[s];
      GtkWidget *header = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
      GtkWidget *title = gtk_label_new (_(severity_text[s].title));
      GtkCustomFilter *filter = gtk_custom_filter_new (match_severity, GUINT_TO_POINTER (s), NULL);
      g_autofree char *name = g_strdup_printf ("%s-list", severity_text[s].name);

      group->box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
      gtk_widget_add_css_class (title, "heading");
      gtk_label_set_xalign (GTK_LABEL (title), 0);
      gtk_box_append (GTK_BOX (header), title);
      group->count = GTK_LABEL (gtk_label_new ("0"));
      gtk_widget_add_css_class (GTK_WIDGET (group->count), "finding-badge");
      gtk_widget_add_css_class (GTK_WIDGET (group->count), s == 0   ? "error"
                                                           : s == 1 ? "warning"
                                                                    : "accent");
      gtk_box_append (GTK_BOX (header), GTK_WIDGET (group->count));
      gtk_box_append (GTK_BOX (group->box), header);

      group->model = gtk_filter_list_model_new (NULL, GTK_FILTER (filter));
      group->list = GTK_LIST_BOX (gtk_list_box_new ());
      gtk_widget_set_name (GTK_WIDGET (group->list), name);
      gtk_list_box_set_selection_mode (group->list, GTK_SELECTION_NONE);
      gtk_widget_add_css_class (GTK_WIDGET (group->list), "boxed-list");
      gtk_accessible_update_property (GTK_ACCESSIBLE (group->list),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL, severity_text[s].title, -1);
      group->shown = gtk_slice_list_model_new (G_LIST_MODEL (g_object_ref (group->model)),
                                               0, VPC_PANEL_ROWS_FIRST_FINDINGS);
      gtk_list_box_bind_model (group->list, G_LIST_MODEL (group->shown), create_row, self, NULL);
      g_signal_connect (group->list, "row-activated", G_CALLBACK (row_activated_cb), self);
      gtk_box_append (GTK_BOX (group->box), GTK_WIDGET (group->list));
      group->more = GTK_BUTTON (gtk_button_new ());
      gtk_widget_set_halign (GTK_WIDGET (group->more), GTK_ALIGN_CENTER);
      gtk_widget_set_visible (GTK_WIDGET (group->more), FALSE);
      g_signal_connect (group->more, "clicked", G_CALLBACK (more_clicked_cb), group);
      g_signal_connect (group->model, "items-changed", G_CALLBACK (model_changed_cb), group);
      gtk_box_append (GTK_BOX (group->box), GTK_WIDGET (group->more));
      gtk_box_append (self->groups_box, group->box);
    }
}

static const char *
get_profile (VpcFindingsPanel *self)
{
  return vpc_profile_to_string (self->design != NULL ? vpc_design_get_info (self->design)->profile
                                                     : VPC_PROFILE_STUDY_GUIDE);
}

static void
set_profile (VpcFindingsPanel *self,
             const char       *text)
{
  g_autoptr(VpcDesignInfo) info = NULL;
  VpcProfile profile;

  if (self->design == NULL || text == NULL || !vpc_profile_from_string (text, &profile))
    return;
  if (profile == vpc_design_get_info (self->design)->profile)
    return;
  info = vpc_design_info_copy (vpc_design_get_info (self->design));
  info->profile = profile;
  vpc_design_set_info (self->design, g_steal_pointer (&info));
}

static void
vpc_findings_panel_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  VpcFindingsPanel *self = VPC_FINDINGS_PANEL (object);

  switch (prop_id)
    {
    case PROP_VALIDATOR:
      g_value_set_object (value, self->validator);
      break;
    case PROP_PROFILE:
      g_value_set_string (value, get_profile (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
vpc_findings_panel_set_property (GObject      *object,
                                 guint         prop_id,
                                 const GValue *value,
                                 GParamSpec   *pspec)
{
  VpcFindingsPanel *self = VPC_FINDINGS_PANEL (object);

  switch (prop_id)
    {
    case PROP_VALIDATOR:
      vpc_findings_panel_set_validator (self, g_value_get_object (value));
      break;
    case PROP_PROFILE:
      set_profile (self, g_value_get_string (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
vpc_findings_panel_dispose (GObject *object)
{
  VpcFindingsPanel *self = VPC_FINDINGS_PANEL (object);

  if (self->validator_signals != NULL)
    g_signal_group_set_target (self->validator_signals, NULL);
  if (self->design_signals != NULL)
    g_signal_group_set_target (self->design_signals, NULL);
  g_clear_object (&self->validator_signals);
  g_clear_object (&self->design_signals);
  gtk_widget_dispose_template (GTK_WIDGET (self), VPC_TYPE_FINDINGS_PANEL);
  for (GtkWidget *child; (child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL;)
    gtk_widget_unparent (child);
  for (guint s = 0; s < N_SEVERITIES; s++)
    {
      if (self->groups[s].model != NULL)
        g_signal_handlers_disconnect_by_data (self->groups[s].model, &self->groups[s]);
      g_clear_object (&self->groups[s].shown);
      g_clear_object (&self->groups[s].model);
    }
  g_clear_object (&self->validator);
  g_clear_object (&self->design);
  G_OBJECT_CLASS (vpc_findings_panel_parent_class)->dispose (object);
}

static void
vpc_findings_panel_class_init (VpcFindingsPanelClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = vpc_findings_panel_dispose;
  object_class->get_property = vpc_findings_panel_get_property;
  object_class->set_property = vpc_findings_panel_set_property;

  properties[PROP_VALIDATOR] =
    g_param_spec_object ("validator", NULL, NULL, VPC_TYPE_VALIDATOR,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /* The design's rule profile, "study-guide" or "precise"; setting it is
   * an undoable edit of the design. */
  properties[PROP_PROFILE] =
    g_param_spec_string ("profile", NULL, NULL, "study-guide",
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/org/example/VpcDesigner/vpc-findings-panel.ui");
  gtk_widget_class_bind_template_child (widget_class, VpcFindingsPanel, scroller);
  gtk_widget_class_bind_template_child (widget_class, VpcFindingsPanel, profile_hint);
  gtk_widget_class_bind_template_child (widget_class, VpcFindingsPanel, errors_count);
  gtk_widget_class_bind_template_child (widget_class, VpcFindingsPanel, warnings_count);
  gtk_widget_class_bind_template_child (widget_class, VpcFindingsPanel, info_count);
  gtk_widget_class_bind_template_child (widget_class, VpcFindingsPanel, empty_page);
  gtk_widget_class_bind_template_child (widget_class, VpcFindingsPanel, summary_box);
  gtk_widget_class_bind_template_child (widget_class, VpcFindingsPanel, checking_box);
  gtk_widget_class_bind_template_child (widget_class, VpcFindingsPanel, checking_spinner);
  gtk_widget_class_bind_template_child (widget_class, VpcFindingsPanel, groups_box);
  gtk_widget_class_install_property_action (widget_class, "findings.profile", "profile");
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "findings-panel");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
}

static void
vpc_findings_panel_init (VpcFindingsPanel *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Findings"), -1);
  build_groups (self);
  g_signal_connect (self->scroller, "edge-reached", G_CALLBACK (edge_reached_cb), self);

  self->validator_signals = g_signal_group_new (VPC_TYPE_VALIDATOR);
  g_signal_group_connect_swapped (self->validator_signals, "items-changed",
                                  G_CALLBACK (update_counts), self);
  g_signal_group_connect_swapped (self->validator_signals, "notify::checking",
                                  G_CALLBACK (update_checking), self);
  self->design_signals = g_signal_group_new (VPC_TYPE_DESIGN);
  g_signal_group_connect_swapped (self->design_signals, "info-changed",
                                  G_CALLBACK (update_profile), self);
  update_counts (self);
  update_profile (self);
}

GtkWidget *
vpc_findings_panel_new (void)
{
  return g_object_new (VPC_TYPE_FINDINGS_PANEL, NULL);
}

void
vpc_findings_panel_set_validator (VpcFindingsPanel *self,
                                  VpcValidator     *validator)
{
  VpcDesign *design;

  g_return_if_fail (VPC_IS_FINDINGS_PANEL (self));
  g_return_if_fail (validator == NULL || VPC_IS_VALIDATOR (validator));

  design = validator != NULL ? vpc_validator_get_design (validator) : NULL;

  if (!g_set_object (&self->validator, validator))
    return;
  g_set_object (&self->design, design);
  g_signal_group_set_target (self->validator_signals, validator);
  g_signal_group_set_target (self->design_signals, self->design);
  for (guint s = 0; s < N_SEVERITIES; s++)
    gtk_filter_list_model_set_model (self->groups[s].model, G_LIST_MODEL (validator));
  self->checked_once = FALSE;
  update_checking (self);
  update_profile (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_VALIDATOR]);
}

VpcValidator *
vpc_findings_panel_get_validator (VpcFindingsPanel *self)
{
  g_return_val_if_fail (VPC_IS_FINDINGS_PANEL (self), NULL);

  return self->validator;
}
