/* SPDX-License-Identifier: GPL-3.0-or-later */
/* vpc-sidebar.c: the panels beside the canvas, one page each. */
#include "vpc-sidebar.h"

#include <adwaita.h>

#include "vpc-i18n.h"

struct _VpcSidebar
{
  GtkWidget         parent_instance;

  GtkStack         *stack;
  GtkWidget        *findings_tab;
  GtkWidget        *cost_tab;
  GtkWidget        *inspector_tab;
  GtkWidget        *outline_tab;
  GtkLabel         *errors_badge;
  VpcFindingsPanel *findings;
  VpcCostPanel     *cost;
  VpcInspector     *inspector;
  VpcOutline       *outline;

  VpcDesign        *design;
  VpcValidator     *validator;
  GSignalGroup     *validator_signals;
};

G_DEFINE_FINAL_TYPE (VpcSidebar, vpc_sidebar, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_PAGE,
  N_PROPS,
};
static GParamSpec *properties[N_PROPS];

static const char *const pages[] = { "findings", "cost", "inspector", "outline" };

/* The Findings tab shows the number of errors while there are any. */
static void
update_attention (VpcSidebar *self)
{
  guint errors
      = self->validator != NULL ? vpc_validator_count (self->validator, VPC_SEVERITY_ERROR) : 0;
  g_autofree char *count = g_strdup_printf ("%u", errors);
  g_autofree char *accessible
      = g_strdup_printf (ngettext ("%u error", "%u errors", errors), errors);
  g_autofree char *description = NULL;

  gtk_label_set_label (self->errors_badge, count);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->errors_badge),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, accessible, -1);
  /* The tab keeps its name; a screen reader hears the count after it. */
  description
      = g_strdup_printf ("%s. %s", accessible, gtk_widget_get_tooltip_text (self->findings_tab));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->findings_tab),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, description, -1);
  gtk_widget_set_visible (GTK_WIDGET (self->errors_badge), errors > 0);
}

/* The tabs are toggle buttons with the tab role: the shown page's tab is
 * also "selected" for assistive technologies, not only pressed. */
static void
update_tabs (VpcSidebar *self)
{
  GtkWidget *tabs[] = { self->findings_tab, self->cost_tab, self->inspector_tab,
                        self->outline_tab };
  const char *page = gtk_stack_get_visible_child_name (self->stack);

  G_STATIC_ASSERT (G_N_ELEMENTS (tabs) == G_N_ELEMENTS (pages));
  for (guint i = 0; i < G_N_ELEMENTS (pages); i++)
    gtk_accessible_update_state (GTK_ACCESSIBLE (tabs[i]), GTK_ACCESSIBLE_STATE_SELECTED,
                                 g_strcmp0 (page, pages[i]) == 0, -1);
}

static void
visible_child_cb (VpcSidebar *self)
{
  update_tabs (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PAGE]);
}

/* sidebar.edit-field(s): the outline's Rename and Move to: the inspector
 * shows the selection, with focus on that field. */
static void
edit_field_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  VpcSidebar *self = VPC_SIDEBAR (widget);

  vpc_sidebar_set_page (self, "inspector");
  vpc_inspector_focus_field (self->inspector, g_variant_get_string (parameter, NULL));
}

/* sidebar.go-to-page(s), Alt+1…4 from anywhere in the window: shows the
 * page and moves keyboard focus into it, so a screen reader follows. */
static void
go_to_page_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  VpcSidebar *self = VPC_SIDEBAR (widget);
  GtkWidget *tabs[] = { self->findings_tab, self->cost_tab, self->inspector_tab,
                        self->outline_tab };
  const char *name = g_variant_get_string (parameter, NULL);
  GtkWidget *page;

  vpc_sidebar_set_page (self, name);
  page = gtk_stack_get_visible_child (self->stack);
  if (page != NULL && gtk_widget_get_focus_child (page) != NULL)
    return; /* already there: keep the place */
  if (page != NULL && gtk_widget_child_focus (page, GTK_DIR_TAB_FORWARD))
    return;
  /* A page with nothing to focus: its tab. */
  for (guint i = 0; i < G_N_ELEMENTS (pages); i++)
    if (g_str_equal (name, pages[i]))
      gtk_widget_grab_focus (tabs[i]);
}

static void
add_page_shortcuts (VpcSidebar *self)
{
  GtkEventController *controller = gtk_shortcut_controller_new ();

  /* Global: the keys work wherever focus is in the window. */
  gtk_shortcut_controller_set_scope (GTK_SHORTCUT_CONTROLLER (controller),
                                     GTK_SHORTCUT_SCOPE_GLOBAL);
  for (guint i = 0; i < G_N_ELEMENTS (pages); i++)
    {
      GtkShortcut *shortcut
          = gtk_shortcut_new (gtk_keyval_trigger_new (GDK_KEY_1 + i, GDK_ALT_MASK),
                              gtk_named_action_new ("sidebar.go-to-page"));

      gtk_shortcut_set_arguments (shortcut, g_variant_new_string (pages[i]));
      gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (controller), shortcut);
    }
  gtk_widget_add_controller (GTK_WIDGET (self), controller);
}

static void
vpc_sidebar_get_property (GObject    *object,
                          guint       prop_id,
                          GValue     *value,
                          GParamSpec *pspec)
{
  VpcSidebar *self = VPC_SIDEBAR (object);

  switch (prop_id)
    {
    case PROP_PAGE:
      g_value_set_string (value, vpc_sidebar_get_page (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
vpc_sidebar_set_property (GObject      *object,
                          guint         prop_id,
                          const GValue *value,
                          GParamSpec   *pspec)
{
  VpcSidebar *self = VPC_SIDEBAR (object);

  switch (prop_id)
    {
    case PROP_PAGE:
      vpc_sidebar_set_page (self, g_value_get_string (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
vpc_sidebar_dispose (GObject *object)
{
  VpcSidebar *self = VPC_SIDEBAR (object);

  if (self->validator_signals != NULL)
    g_signal_group_set_target (self->validator_signals, NULL);
  g_clear_object (&self->validator_signals);
  gtk_widget_dispose_template (GTK_WIDGET (self), VPC_TYPE_SIDEBAR);
  for (GtkWidget *child; (child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL;)
    gtk_widget_unparent (child);
  g_clear_object (&self->validator);
  g_clear_object (&self->design);
  G_OBJECT_CLASS (vpc_sidebar_parent_class)->dispose (object);
}

static void
vpc_sidebar_class_init (VpcSidebarClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = vpc_sidebar_dispose;
  object_class->get_property = vpc_sidebar_get_property;
  object_class->set_property = vpc_sidebar_set_property;

  properties[PROP_PAGE] =
    g_param_spec_string ("page", NULL, NULL, "findings",
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (VPC_TYPE_FINDINGS_PANEL);
  g_type_ensure (VPC_TYPE_COST_PANEL);
  g_type_ensure (VPC_TYPE_INSPECTOR);
  g_type_ensure (VPC_TYPE_OUTLINE);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/org/example/VpcDesigner/vpc-sidebar.ui");
  gtk_widget_class_bind_template_child (widget_class, VpcSidebar, stack);
  gtk_widget_class_bind_template_child (widget_class, VpcSidebar, findings_tab);
  gtk_widget_class_bind_template_child (widget_class, VpcSidebar, cost_tab);
  gtk_widget_class_bind_template_child (widget_class, VpcSidebar, inspector_tab);
  gtk_widget_class_bind_template_child (widget_class, VpcSidebar, errors_badge);
  gtk_widget_class_bind_template_child (widget_class, VpcSidebar, findings);
  gtk_widget_class_bind_template_child (widget_class, VpcSidebar, cost);
  gtk_widget_class_bind_template_child (widget_class, VpcSidebar, inspector);
  gtk_widget_class_bind_template_child (widget_class, VpcSidebar, outline_tab);
  gtk_widget_class_bind_template_child (widget_class, VpcSidebar, outline);
  gtk_widget_class_install_action (widget_class, "sidebar.edit-field", "s", edit_field_action);
  gtk_widget_class_install_property_action (widget_class, "sidebar.page", "page");
  gtk_widget_class_install_action (widget_class, "sidebar.go-to-page", "s", go_to_page_action);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "sidebar-panels");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
}

static void
vpc_sidebar_init (VpcSidebar *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Sidebar"), -1);
  /* GtkButton labels itself by its label child as well; with the label
   * set in the template GTK 4.8 would read "Cost Cost". */
  gtk_accessible_reset_relation (GTK_ACCESSIBLE (self->cost_tab),
                                 GTK_ACCESSIBLE_RELATION_LABELLED_BY);
  gtk_accessible_reset_relation (GTK_ACCESSIBLE (self->inspector_tab),
                                 GTK_ACCESSIBLE_RELATION_LABELLED_BY);
  gtk_accessible_reset_relation (GTK_ACCESSIBLE (self->outline_tab),
                                 GTK_ACCESSIBLE_RELATION_LABELLED_BY);
  g_signal_connect_swapped (self->stack, "notify::visible-child", G_CALLBACK (visible_child_cb),
                            self);
  update_tabs (self);
  add_page_shortcuts (self);

  self->validator_signals = g_signal_group_new (VPC_TYPE_VALIDATOR);
  g_signal_group_connect_swapped (self->validator_signals, "items-changed",
                                  G_CALLBACK (update_attention), self);
}

GtkWidget *
vpc_sidebar_new (void)
{
  return g_object_new (VPC_TYPE_SIDEBAR, NULL);
}

void
vpc_sidebar_set_design (VpcSidebar   *self,
                        VpcDesign    *design,
                        VpcValidator *validator)
{
  g_return_if_fail (VPC_IS_SIDEBAR (self));
  g_return_if_fail (design == NULL || VPC_IS_DESIGN (design));
  g_return_if_fail (validator == NULL || VPC_IS_VALIDATOR (validator));
  g_return_if_fail (validator == NULL || vpc_validator_get_design (validator) == design);

  g_set_object (&self->design, design);
  g_set_object (&self->validator, validator);
  g_signal_group_set_target (self->validator_signals, validator);
  vpc_findings_panel_set_validator (self->findings, validator);
  vpc_cost_panel_set_design (self->cost, design);
  vpc_inspector_set_selection (self->inspector, design, NULL);
  vpc_outline_set_design (self->outline, design, validator);
  update_attention (self);
}

void
vpc_sidebar_set_selection (VpcSidebar        *self,
                           const char *const *ids)
{
  g_return_if_fail (VPC_IS_SIDEBAR (self));

  vpc_inspector_set_selection_ids (self->inspector, self->design, ids);
  vpc_outline_set_selection (self->outline, ids);
}

const char *
vpc_sidebar_get_page (VpcSidebar *self)
{
  g_return_val_if_fail (VPC_IS_SIDEBAR (self), NULL);

  return gtk_stack_get_visible_child_name (self->stack);
}

void
vpc_sidebar_set_page (VpcSidebar *self,
                      const char *page)
{
  g_return_if_fail (VPC_IS_SIDEBAR (self));
  g_return_if_fail (page != NULL);

  if (gtk_stack_get_child_by_name (self->stack, page) != NULL)
    gtk_stack_set_visible_child_name (self->stack, page);
}

VpcFindingsPanel *
vpc_sidebar_get_findings_panel (VpcSidebar *self)
{
  g_return_val_if_fail (VPC_IS_SIDEBAR (self), NULL);

  return self->findings;
}

VpcCostPanel *
vpc_sidebar_get_cost_panel (VpcSidebar *self)
{
  g_return_val_if_fail (VPC_IS_SIDEBAR (self), NULL);

  return self->cost;
}

VpcOutline *
vpc_sidebar_get_outline (VpcSidebar *self)
{
  g_return_val_if_fail (VPC_IS_SIDEBAR (self), NULL);

  return self->outline;
}

VpcInspector *
vpc_sidebar_get_inspector (VpcSidebar *self)
{
  g_return_val_if_fail (VPC_IS_SIDEBAR (self), NULL);

  return self->inspector;
}
