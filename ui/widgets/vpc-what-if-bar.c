/* SPDX-License-Identifier: GPL-3.0-or-later */
/* vpc-what-if-bar.c: switches, the difference they make, Apply and Leave. */
#include "vpc-what-if-bar.h"

#include "vpc-accessible.h"

#include "vpc-cost.h"
#include "vpc-i18n.h"
#include "vpc-validator.h"

/* Up to this many new findings are named; the findings panel has them all. */
#define MAX_NEW_FINDINGS 3

struct _VpcWhatIfBar
{
  GtkWidget  parent_instance;

  GtkWidget *revealer;
  GtkWidget *chips;    /* GtkFlowBox of switch buttons */
  GtkLabel  *summary;
  GtkLabel  *details;  /* the new findings */
};

G_DEFINE_FINAL_TYPE (VpcWhatIfBar, vpc_what_if_bar, GTK_TYPE_WIDGET)

static const char css[] =
  ".vpc-what-if-bar { padding: 8px 10px; border-top: 1px solid alpha(currentColor, 0.15);"
  " background-color: mix(@view_bg_color, @warning_color, 0.16); }\n"
  ".vpc-what-if-bar .vpc-what-if-chip { padding: 2px 8px; border-radius: 999px; }\n";

static void
ensure_css (GtkWidget *widget)
{
  GdkDisplay *display = gtk_widget_get_display (widget);
  g_autoptr(GtkCssProvider) provider = NULL;

  if (display == NULL || g_object_get_data (G_OBJECT (display), "vpc-what-if-bar-css") != NULL)
    return;
  provider = gtk_css_provider_new ();
  gtk_css_provider_load_from_data (provider, css, -1);
  gtk_style_context_add_provider_for_display (display, GTK_STYLE_PROVIDER (provider),
                                              GTK_STYLE_PROVIDER_PRIORITY_APPLICATION);
  g_object_set_data_full (G_OBJECT (display), "vpc-what-if-bar-css", g_steal_pointer (&provider),
                          g_object_unref);
}

/* "us-east-1a down", "ECR API off", "Training job isolated". */
static char *
switch_label (VpcDesign       *design,
              VpcWhatIfChange  change,
              const char      *id)
{
  const VpcElement *e = vpc_design_lookup (design, id);
  const char *name = e != NULL ? vpc_element_get_display_name (e) : id;

  if (change == VPC_WHAT_IF_ISOLATED)
    return g_strdup_printf (_("%s isolated"), name);
  if (e != NULL && e->kind == VPC_KIND_AZ)
    return g_strdup_printf (_("%s down"), name);
  return g_strdup_printf (_("%s off"), name);
}

static GtkWidget *
chip_new (VpcDesign       *design,
          VpcWhatIfChange  change,
          const char      *id)
{
  g_autofree char *label = switch_label (design, change, id);
  g_autofree char *tooltip = g_strdup_printf (_("Take “%s” back"), label);
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 4);
  GtkWidget *button = gtk_button_new ();

  gtk_box_append (GTK_BOX (box), gtk_label_new (label));
  gtk_box_append (GTK_BOX (box), gtk_image_new_from_icon_name ("window-close-symbolic"));
  gtk_button_set_child (GTK_BUTTON (button), box);
  gtk_widget_add_css_class (button, "vpc-what-if-chip");
  gtk_widget_set_tooltip_text (button, tooltip);
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, tooltip,
                                  -1);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), "win.what-if-toggle");
  gtk_actionable_set_action_target (GTK_ACTIONABLE (button), "(us)", (guint32) change, id);
  return button;
}

static void
count (GPtrArray *findings,
       guint     *errors,
       guint     *warnings)
{
  *errors = *warnings = 0;
  for (guint i = 0; i < findings->len; i++)
    {
      VpcSeverity severity = vpc_finding_get_severity (findings->pdata[i]);

      *errors += severity == VPC_SEVERITY_ERROR;
      *warnings += severity == VPC_SEVERITY_WARNING;
    }
}

static gboolean
has_finding (GPtrArray  *findings,
             VpcFinding *finding)
{
  for (guint i = 0; i < findings->len; i++)
    if (vpc_finding_equal (findings->pdata[i], finding))
      return TRUE;
  return FALSE;
}

static char *
summary_text (VpcDesign *design,
              VpcDesign *scenario,
              GPtrArray *before,
              GPtrArray *after,
              GString   *details)
{
  g_autoptr(VpcCostReport) cost_before = vpc_cost_compute (design, NULL);
  g_autoptr(VpcCostReport) cost_after = vpc_cost_compute (scenario, NULL);
  guint errors[2], warnings[2], new_findings = 0, gone = 0;
  g_autoptr(GString) text = g_string_new (NULL);

  count (before, &errors[0], &warnings[0]);
  count (after, &errors[1], &warnings[1]);
  for (guint i = 0; i < after->len; i++)
    if (!has_finding (before, after->pdata[i]))
      {
        if (new_findings++ < MAX_NEW_FINDINGS)
          g_string_append_printf (details, "%s%s · %s", details->len > 0 ? "\n" : "",
                                  vpc_finding_get_rule_id (after->pdata[i]),
                                  vpc_finding_get_message (after->pdata[i]));
      }
  for (guint i = 0; i < before->len; i++)
    gone += !has_finding (after, before->pdata[i]);
  if (new_findings > MAX_NEW_FINDINGS)
    g_string_append_printf (details, "\n%s",
                            _("…and more in the findings panel"));

  g_string_append_printf (text, _("Errors %u → %u · Warnings %u → %u"), errors[0], errors[1],
                          warnings[0], warnings[1]);
  if (cost_before->priced && cost_after->priced)
    {
      g_autofree char *a = vpc_cost_format (cost_before->total_micros, FALSE);
      g_autofree char *b = vpc_cost_format (cost_after->total_micros, FALSE);
      g_autofree char *d
          = vpc_cost_format (cost_after->total_micros - cost_before->total_micros, TRUE);

      g_string_append_printf (text, _(" · Cost %s → %s a month (%s)"), a, b, d);
    }
  g_string_append_printf (text, _(" · %u new, %u gone"), new_findings, gone);
  return g_string_free (g_steal_pointer (&text), FALSE);
}

void
vpc_what_if_bar_update (VpcWhatIfBar *self,
                        VpcDesign    *design,
                        VpcDesign    *scenario,
                        VpcWhatIf    *what_if)
{
  GtkWidget *child;

  g_return_if_fail (VPC_IS_WHAT_IF_BAR (self));

  while ((child = gtk_widget_get_first_child (self->chips)) != NULL)
    gtk_flow_box_remove (GTK_FLOW_BOX (self->chips), child);
  if (what_if == NULL || design == NULL || scenario == NULL)
    {
      gtk_label_set_text (self->summary, "");
      gtk_label_set_text (self->details, "");
      gtk_revealer_set_reveal_child (GTK_REVEALER (self->revealer), FALSE);
      return;
    }
  for (guint i = 0; i < vpc_what_if_get_n_switches (what_if); i++)
    {
      const char *id;
      VpcWhatIfChange change = vpc_what_if_get_switch (what_if, i, &id);

      gtk_flow_box_append (GTK_FLOW_BOX (self->chips), chip_new (design, change, id));
    }
  {
    VpcProfile profile = vpc_design_get_info (design)->profile;
    g_autoptr(GPtrArray) before = vpc_validate (design, profile);
    g_autoptr(GPtrArray) after = vpc_validate (scenario, profile);
    g_autoptr(GString) details = g_string_new (NULL);
    g_autofree char *summary = summary_text (design, scenario, before, after, details);

    gtk_label_set_text (self->summary, summary);
    gtk_label_set_text (self->details, details->str);
    gtk_widget_set_visible (GTK_WIDGET (self->details), details->len > 0);
  }
  gtk_revealer_set_reveal_child (GTK_REVEALER (self->revealer), TRUE);
}

const char *
vpc_what_if_bar_get_summary (VpcWhatIfBar *self)
{
  g_return_val_if_fail (VPC_IS_WHAT_IF_BAR (self), NULL);
  return gtk_label_get_text (self->summary);
}

static void
vpc_what_if_bar_dispose (GObject *object)
{
  VpcWhatIfBar *self = VPC_WHAT_IF_BAR (object);

  g_clear_pointer (&self->revealer, gtk_widget_unparent);
  G_OBJECT_CLASS (vpc_what_if_bar_parent_class)->dispose (object);
}

static void
vpc_what_if_bar_root (GtkWidget *widget)
{
  GTK_WIDGET_CLASS (vpc_what_if_bar_parent_class)->root (widget);
  ensure_css (widget);
}

static void
vpc_what_if_bar_class_init (VpcWhatIfBarClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = vpc_what_if_bar_dispose;
  widget_class->root = vpc_what_if_bar_root;
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "vpc-what-if-bar");
}

static void
vpc_what_if_bar_init (VpcWhatIfBar *self)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  GtkWidget *top = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 8);
  GtkWidget *heading = gtk_label_new (_("What if"));
  GtkWidget *apply = vpc_button_new_with_mnemonic (_("_Apply"));
  GtkWidget *leave = vpc_button_new_with_mnemonic (_("_Leave What-If"));

  self->revealer = gtk_revealer_new ();
  gtk_revealer_set_transition_type (GTK_REVEALER (self->revealer),
                                    GTK_REVEALER_TRANSITION_TYPE_SLIDE_UP);
  gtk_widget_set_parent (self->revealer, GTK_WIDGET (self));
  gtk_revealer_set_child (GTK_REVEALER (self->revealer), box);
  gtk_widget_add_css_class (box, "vpc-what-if-bar");
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("What if"), -1);

  gtk_widget_add_css_class (heading, "heading");
  gtk_box_append (GTK_BOX (top), heading);
  self->chips = gtk_flow_box_new ();
  gtk_flow_box_set_selection_mode (GTK_FLOW_BOX (self->chips), GTK_SELECTION_NONE);
  gtk_flow_box_set_max_children_per_line (GTK_FLOW_BOX (self->chips), 8);
  gtk_widget_set_hexpand (self->chips, TRUE);
  gtk_box_append (GTK_BOX (top), self->chips);
  gtk_widget_set_tooltip_text (apply,
                               _("Make these changes to the design, as one step you can undo"));
  gtk_widget_add_css_class (apply, "suggested-action");
  gtk_actionable_set_action_name (GTK_ACTIONABLE (apply), "win.what-if-apply");
  gtk_actionable_set_action_name (GTK_ACTIONABLE (leave), "win.what-if-leave");
  gtk_widget_set_valign (apply, GTK_ALIGN_START);
  gtk_widget_set_valign (leave, GTK_ALIGN_START);
  gtk_box_append (GTK_BOX (top), apply);
  gtk_box_append (GTK_BOX (top), leave);
  gtk_box_append (GTK_BOX (box), top);

  self->summary = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_xalign (self->summary, 0);
  gtk_label_set_wrap (self->summary, TRUE);
  gtk_label_set_selectable (self->summary, TRUE);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->summary));
  self->details = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_xalign (self->details, 0);
  gtk_label_set_wrap (self->details, TRUE);
  gtk_label_set_selectable (self->details, TRUE);
  gtk_widget_add_css_class (GTK_WIDGET (self->details), "dim-label");
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->details));
}

GtkWidget *
vpc_what_if_bar_new (void)
{
  return g_object_new (VPC_TYPE_WHAT_IF_BAR, NULL);
}
