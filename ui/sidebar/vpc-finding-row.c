/* SPDX-License-Identifier: GPL-3.0-or-later */
/* vpc-finding-row.c: one finding, expandable to what breaks and the fix. */
#include "vpc-finding-row.h"

#include <string.h>

#include "vpc-i18n.h"
#include "vpc-lesson-grade.h"
#include "vpc-quick-fix.h"
#include "vpc-rule-catalogue.h"
#include "vpc-rules.h"
#include "vpc-trace.h"

#define MAX_NAMED_ELEMENTS 4
/* Up to this many elements, every row prices its quick fix in the
 * background so that the button (and its price) is there before the row
 * is expanded; see schedule_quick_fix(). */
#define EAGER_FIX_MAX_ELEMENTS 2000

struct _VpcFindingRow
{
  GtkListBoxRow   parent_instance;

  GtkImage       *severity_icon;
  GtkLabel       *title_label;
  GtkLabel       *subtitle_label;
  GtkImage       *arrow;
  GtkRevealer    *revealer;
  gboolean        details_filled; /* the labels below, on first expansion */
  GtkLabel       *message_label;
  GtkLabel       *explanation_label;
  GtkLabel       *fix_label;
  GtkButton      *quick_fix_button;
  GtkLabel       *quick_fix_label;
  GtkButton      *show_path_button;
  GtkLabel       *show_path_label;
  GtkLinkButton  *link_button;

  VpcFinding     *finding;
  VpcDesign      *design;
  gulong          design_handlers[2];
  guint           fix_idle_id;
  gboolean        fix_checked;
};

G_DEFINE_FINAL_TYPE (VpcFindingRow, vpc_finding_row, GTK_TYPE_LIST_BOX_ROW)

static const char *const severity_icons[] = {
  "dialog-error-symbolic", "dialog-warning-symbolic", "dialog-information-symbolic",
};
static const char *const severity_classes[] = { "error", "warning", "accent" };
static const char *const severity_labels[] = { N_("Error"), N_("Warning"), N_("Info") };

const char *
vpc_finding_row_severity_word (VpcSeverity severity)
{
  switch (severity)
    {
    case VPC_SEVERITY_ERROR:
      return C_("severity", "error");
    case VPC_SEVERITY_WARNING:
      return C_("severity", "warning");
    case VPC_SEVERITY_INFO:
      return C_("severity", "info");
    default:
      return vpc_severity_to_string (severity);
    }
}

/* "train-1, sn-a, sn-b and 3 more": the finding's elements by display name. */
static char *
describe_elements (VpcFinding *finding,
                   VpcDesign  *design)
{
  const char *const *ids = vpc_finding_get_elements (finding);
  GString *text = g_string_new (NULL);
  guint n = ids != NULL ? g_strv_length ((char **) ids) : 0;
  guint more = n > MAX_NAMED_ELEMENTS ? n - MAX_NAMED_ELEMENTS : 0;

  for (guint i = 0; i < n && i < MAX_NAMED_ELEMENTS; i++)
    {
      const VpcElement *element = design != NULL ? vpc_design_lookup (design, ids[i]) : NULL;

      if (i > 0)
        g_string_append (text, ", ");
      g_string_append (text, element != NULL ? vpc_element_get_display_name (element) : ids[i]);
    }
  if (more > 0)
    {
      g_autofree char *named = g_string_free (text, FALSE);

      /* TRANSLATORS: %s is a list of element names ("train-1, sn-a"),
       * %u how many more elements the finding names. */
      return g_strdup_printf (ngettext ("%s and %u more", "%s and %u more", more), named, more);
    }
  return g_string_free (text, FALSE);
}

/* Fills the quick-fix button: whether there is a fix, what it does and
 * its cost change ("…: +$29.20/month"), which the button shows on its own
 * line. Pricing a fix copies the design, so this runs from a low-priority
 * idle after the row is made (or at once when the row is expanded first),
 * and again after each change of the design, since a fix's cost depends on
 * the rest of the design and on its region. The button is in the tree
 * while the row is collapsed, so assistive technologies find every fix
 * (and its price) without expanding the row first. */
static void
update_quick_fix (VpcFindingRow *self)
{
  g_autofree char *description = NULL;
  g_autofree char *label = NULL;
  g_autofree char *accessible = NULL;
  char *cost;
  gboolean available;

  if (self->fix_checked)
    return;
  self->fix_checked = TRUE;
  g_clear_handle_id (&self->fix_idle_id, g_source_remove);
  /* NULL when the finding has no quick fix for this design. */
  available = self->design != NULL &&
              (description = vpc_quick_fix_describe (self->finding, self->design)) != NULL;
  gtk_widget_set_visible (GTK_WIDGET (self->quick_fix_button), available);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "finding.apply-fix", available);
  if (!available)
    return;
  cost = g_strrstr (description, ": ");
  if (cost != NULL)
    {
      *cost = '\0';
      label = g_strdup_printf ("%s\n%s", description, cost + 2);
      /* TRANSLATORS: %s are the rule id (VPC101), what the fix does and
       * its cost change. */
      accessible = g_strdup_printf (_("Quick fix for %s: %s, %s"),
                                    vpc_finding_get_rule_id (self->finding), description, cost + 2);
    }
  else
    {
      label = g_strdup (description);
      /* TRANSLATORS: %s are the rule id (VPC101) and what the fix does. */
      accessible = g_strdup_printf (_("Quick fix for %s: %s"),
                                    vpc_finding_get_rule_id (self->finding), description);
    }
  gtk_label_set_label (self->quick_fix_label, label);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->quick_fix_button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, accessible,
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                  _("Applies the fix as one step; Undo reverts it"), -1);
}

static gboolean
quick_fix_idle_cb (gpointer data)
{
  VpcFindingRow *self = data;

  self->fix_idle_id = 0;
  update_quick_fix (self);
  return G_SOURCE_REMOVE;
}

/* Re-prices the fix soon: always for designs of ordinary size; in very
 * large designs (where every row would copy the whole design after every
 * edit) only while the row is expanded, else on its next expansion. */
static void
schedule_quick_fix (VpcFindingRow *self)
{
  gboolean eager = self->design != NULL &&
                   vpc_design_get_total_elements (self->design) <= EAGER_FIX_MAX_ELEMENTS;

  self->fix_checked = FALSE;
  if (self->fix_idle_id == 0 && (eager || gtk_revealer_get_reveal_child (self->revealer)))
    self->fix_idle_id = g_idle_add_full (G_PRIORITY_LOW, quick_fix_idle_cb, self, NULL);
}

static void
design_changed_cb (VpcFindingRow *self)
{
  schedule_quick_fix (self);
}

/* Assistive technologies see the quick-fix button while the row is
 * collapsed, and press it with gtk_widget_activate(); GtkButton ignores
 * that while it is not realized (the revealer has never shown it), so the
 * fix is applied here instead. A realized button clicks as usual. */
static void
quick_fix_activate_cb (VpcFindingRow *self)
{
  if (!gtk_widget_get_realized (GTK_WIDGET (self->quick_fix_button)))
    gtk_widget_activate_action (GTK_WIDGET (self), "finding.apply-fix", NULL);
}

/* "finding.toggle-details": what a click on the row does (expand or
 * collapse it, and show the elements on the canvas), for assistive
 * technologies, which see a row's parameterless actions. */
static void
toggle_details_cb (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  g_signal_emit_by_name (widget, "activate");
}

/* "Show Path" of VPC101–107 (a workload cannot reach a service it needs):
 * the service the finding is about (VPC105's first, ecr.api; the button
 * picks between the two ECR services when pressed). NULL for other rules. */
static const char *
path_service (VpcFinding *finding)
{
  const char *services[2] = { NULL, NULL };

  if (vpc_finding_get_primary_element (finding) == NULL
      || vpc_rules_finding_services (finding, services) == 0)
    return NULL;
  return services[0];
}

/* "finding.show-path": the path on the canvas, through the window's
 * win.show-path. For VPC105 the registry's path when that one is broken,
 * else the ECR API's. */
static void
show_path_cb (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  VpcFindingRow *self = VPC_FINDING_ROW (widget);
  const char *workload = vpc_finding_get_primary_element (self->finding);
  const char *service = path_service (self->finding);
  const VpcElement *element;

  if (service == NULL || self->design == NULL
      || (element = vpc_design_lookup (self->design, workload)) == NULL
      || element->kind != VPC_KIND_WORKLOAD)
    return;
  /* VPC105 covers both ECR services: the registry's path when that one is
   * broken (images are pulled from it), else the ECR API's. */
  if (strcmp (vpc_finding_get_rule_id (self->finding), "VPC105") == 0)
    {
      g_autoptr (VpcTrace) dkr = vpc_trace_new (
          self->design, vpc_design_get_info (self->design)->profile, workload, "ecr.dkr");

      service = dkr->reachable ? "ecr.api" : "ecr.dkr";
    }
  gtk_widget_activate_action (widget, "win.show-path", "(ss)", workload, service);
}

/* Lesson authoring: "no such finding" becomes a goal (one undo step). */
static void
make_goal_cb (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  VpcFindingRow *self = VPC_FINDING_ROW (widget);

  if (self->design != NULL)
    vpc_lesson_add_no_finding_goal (self->design, vpc_finding_get_rule_id (self->finding),
                                    vpc_finding_get_primary_element (self->finding));
}

/* As quick_fix_activate_cb(), for the "Show Path" button. */
static void
show_path_activate_cb (VpcFindingRow *self)
{
  if (!gtk_widget_get_realized (GTK_WIDGET (self->show_path_button)))
    gtk_widget_activate_action (GTK_WIDGET (self), "finding.show-path", NULL);
}

static void
apply_fix_cb (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  VpcFindingRow *self = VPC_FINDING_ROW (widget);

  if (self->design != NULL && vpc_quick_fix_available (self->finding, self->design))
    vpc_quick_fix_apply (self->finding, self->design);
}

static void
vpc_finding_row_dispose (GObject *object)
{
  VpcFindingRow *self = VPC_FINDING_ROW (object);

  g_clear_handle_id (&self->fix_idle_id, g_source_remove);
  for (guint i = 0; i < G_N_ELEMENTS (self->design_handlers); i++)
    if (self->design_handlers[i] != 0)
      {
        g_signal_handler_disconnect (self->design, self->design_handlers[i]);
        self->design_handlers[i] = 0;
      }
  gtk_widget_dispose_template (GTK_WIDGET (self), VPC_TYPE_FINDING_ROW);
  g_clear_object (&self->finding);
  g_clear_object (&self->design);
  G_OBJECT_CLASS (vpc_finding_row_parent_class)->dispose (object);
}

static void
vpc_finding_row_class_init (VpcFindingRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = vpc_finding_row_dispose;
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/org/example/VpcDesigner/vpc-finding-row.ui");
  gtk_widget_class_bind_template_child (widget_class, VpcFindingRow, severity_icon);
  gtk_widget_class_bind_template_child (widget_class, VpcFindingRow, title_label);
  gtk_widget_class_bind_template_child (widget_class, VpcFindingRow, subtitle_label);
  gtk_widget_class_bind_template_child (widget_class, VpcFindingRow, arrow);
  gtk_widget_class_bind_template_child (widget_class, VpcFindingRow, revealer);
  gtk_widget_class_bind_template_child (widget_class, VpcFindingRow, message_label);
  gtk_widget_class_bind_template_child (widget_class, VpcFindingRow, explanation_label);
  gtk_widget_class_bind_template_child (widget_class, VpcFindingRow, fix_label);
  gtk_widget_class_bind_template_child (widget_class, VpcFindingRow, quick_fix_button);
  gtk_widget_class_bind_template_child (widget_class, VpcFindingRow, quick_fix_label);
  gtk_widget_class_bind_template_child (widget_class, VpcFindingRow, show_path_button);
  gtk_widget_class_bind_template_child (widget_class, VpcFindingRow, show_path_label);
  gtk_widget_class_bind_template_child (widget_class, VpcFindingRow, link_button);
  gtk_widget_class_install_action (widget_class, "finding.apply-fix", NULL, apply_fix_cb);
  gtk_widget_class_install_action (widget_class, "finding.toggle-details", NULL, toggle_details_cb);
  gtk_widget_class_install_action (widget_class, "finding.show-path", NULL, show_path_cb);
  gtk_widget_class_install_action (widget_class, "finding.make-goal", NULL, make_goal_cb);
}

static void
vpc_finding_row_init (VpcFindingRow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  g_signal_connect_swapped (self->quick_fix_button, "activate", G_CALLBACK (quick_fix_activate_cb),
                            self);
  g_signal_connect_swapped (self->show_path_button, "activate", G_CALLBACK (show_path_activate_cb),
                            self);
}

static void
update_show_path (VpcFindingRow *self)
{
  const char *service = path_service (self->finding);
  g_autofree char *label = NULL;

  gtk_widget_set_visible (GTK_WIDGET (self->show_path_button), service != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "finding.show-path", service != NULL);
  if (service == NULL)
    return;
  /* VPC105 picks its ECR service when pressed. */
  if (strcmp (vpc_finding_get_rule_id (self->finding), "VPC105") == 0)
    label = g_strdup (_("Show Path to ECR"));
  else
    label = g_strdup_printf (_("Show Path to %s"), vpc_service_get_label (service) != NULL
                                                    ? vpc_service_get_label (service) : service);
  gtk_label_set_label (self->show_path_label, label);
}

static void
set_text (GtkLabel   *label,
          const char *text)
{
  gtk_label_set_label (label, text != NULL ? text : "");
  gtk_widget_set_visible (GTK_WIDGET (label), text != NULL && text[0] != '\0');
}

/* The details' texts wait for the first expansion: a collapsed revealer
 * still measures its child's width, and the long wrapped texts of every
 * row made a sidebar of many findings slow to open. The row's accessible
 * description carries the message meanwhile. */
static void
fill_details (VpcFindingRow *self)
{
  if (self->details_filled)
    return;
  self->details_filled = TRUE;
  set_text (self->message_label, vpc_finding_get_message (self->finding));
  set_text (self->explanation_label, vpc_finding_get_explanation (self->finding));
  set_text (self->fix_label, vpc_finding_get_fix (self->finding));
}

GtkWidget *
vpc_finding_row_new (VpcFinding *finding,
                     VpcDesign  *design)
{
  VpcFindingRow *self;
  VpcSeverity severity;
  g_autofree char *elements = NULL;
  g_autofree char *subtitle = NULL;
  g_autofree char *accessible = NULL;
  const char *url;

  g_return_val_if_fail (VPC_IS_FINDING (finding), NULL);
  g_return_val_if_fail (design == NULL || VPC_IS_DESIGN (design), NULL);

  self = g_object_new (VPC_TYPE_FINDING_ROW, NULL);
  self->finding = g_object_ref (finding);
  g_set_object (&self->design, design);
  severity = vpc_finding_get_severity (finding);
  g_assert ((guint) severity < G_N_ELEMENTS (severity_icons));

  gtk_image_set_from_icon_name (self->severity_icon, severity_icons[severity]);
  gtk_widget_add_css_class (GTK_WIDGET (self->severity_icon), severity_classes[severity]);
  gtk_label_set_label (self->title_label, vpc_finding_get_title (finding));
  elements = describe_elements (finding, design);
  subtitle = elements[0] != '\0'
             ? g_strdup_printf ("%s · %s", vpc_finding_get_rule_id (finding), elements)
             : g_strdup (vpc_finding_get_rule_id (finding));
  gtk_label_set_label (self->subtitle_label, subtitle);
  url = vpc_finding_get_url (finding);
  if (url != NULL)
    {
      gtk_link_button_set_uri (self->link_button, url);
      gtk_widget_set_tooltip_text (GTK_WIDGET (self->link_button), url);
      gtk_widget_set_visible (GTK_WIDGET (self->link_button), TRUE);
    }
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "finding.apply-fix", FALSE);
  update_show_path (self);
  if (design != NULL)
    {
      self->design_handlers[0]
          = g_signal_connect_swapped (design, "changed", G_CALLBACK (design_changed_cb), self);
      self->design_handlers[1]
          = g_signal_connect_swapped (design, "info-changed", G_CALLBACK (design_changed_cb), self);
    }
  schedule_quick_fix (self);

  /* TRANSLATORS: a finding for a screen reader: its severity ("Error"),
   * rule id (VPC101), title, and the elements it names. */
  accessible = g_strdup_printf (_("%s %s: %s. %s"), _(severity_labels[severity]),
                                vpc_finding_get_rule_id (finding),
                                vpc_finding_get_title (finding), elements);
  gtk_accessible_update_property (
      GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL, accessible,
      GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
      vpc_finding_get_message (finding) != NULL ? vpc_finding_get_message (finding) : "", -1);
  gtk_accessible_update_state (GTK_ACCESSIBLE (self),
                               GTK_ACCESSIBLE_STATE_EXPANDED, FALSE, -1);
  return GTK_WIDGET (self);
}

VpcFinding *
vpc_finding_row_get_finding (VpcFindingRow *self)
{
  g_return_val_if_fail (VPC_IS_FINDING_ROW (self), NULL);

  return self->finding;
}

gboolean
vpc_finding_row_get_expanded (VpcFindingRow *self)
{
  g_return_val_if_fail (VPC_IS_FINDING_ROW (self), FALSE);

  return gtk_revealer_get_reveal_child (self->revealer);
}

void
vpc_finding_row_set_expanded (VpcFindingRow *self,
                              gboolean       expanded)
{
  g_return_if_fail (VPC_IS_FINDING_ROW (self));

  expanded = !!expanded;
  if (expanded == vpc_finding_row_get_expanded (self))
    return;
  if (expanded)
    {
      fill_details (self);
      update_quick_fix (self);
    }
  gtk_revealer_set_reveal_child (self->revealer, expanded);
  gtk_image_set_from_icon_name (self->arrow, expanded ? "pan-down-symbolic" : "pan-end-symbolic");
  gtk_accessible_update_state (GTK_ACCESSIBLE (self),
                               GTK_ACCESSIBLE_STATE_EXPANDED, expanded, -1);
}

const char *
vpc_finding_row_get_quick_fix_label (VpcFindingRow *self)
{
  g_return_val_if_fail (VPC_IS_FINDING_ROW (self), NULL);

  update_quick_fix (self);
  if (!gtk_widget_get_visible (GTK_WIDGET (self->quick_fix_button)))
    return NULL;
  return gtk_label_get_label (self->quick_fix_label);
}
