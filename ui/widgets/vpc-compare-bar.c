/* SPDX-License-Identifier: GPL-3.0-or-later */
/* vpc-compare-bar.c: what changed since another version, in words. */
#include "vpc-compare-bar.h"

#include "vpc-accessible.h"

#include "vpc-finding-row.h"
#include "vpc-i18n.h"

struct _VpcCompareBar
{
  GtkWidget  parent_instance;

  GtkWidget *revealer;
  GtkLabel  *heading;
  GtkLabel  *summary;
  GtkLabel  *details;
};

G_DEFINE_FINAL_TYPE (VpcCompareBar, vpc_compare_bar, GTK_TYPE_WIDGET)

static const char css[] =
  ".vpc-compare-bar { padding: 8px 10px; border-top: 1px solid alpha(currentColor, 0.15);"
  " background-color: mix(@view_bg_color, @accent_bg_color, 0.12); }\n";

static void
ensure_css (GtkWidget *widget)
{
  GdkDisplay *display = gtk_widget_get_display (widget);
  g_autoptr(GtkCssProvider) provider = NULL;

  if (display == NULL || g_object_get_data (G_OBJECT (display), "vpc-compare-bar-css") != NULL)
    return;
  provider = gtk_css_provider_new ();
  gtk_css_provider_load_from_data (provider, css, -1);
  gtk_style_context_add_provider_for_display (display, GTK_STYLE_PROVIDER (provider),
                                              GTK_STYLE_PROVIDER_PRIORITY_APPLICATION);
  g_object_set_data_full (G_OBJECT (display), "vpc-compare-bar-css", g_steal_pointer (&provider),
                          g_object_unref);
}

static const char *
name_of (VpcDesign  *design,
         const char *id)
{
  const VpcElement *e = vpc_design_lookup (design, id);

  return e != NULL ? vpc_element_get_display_name (e) : id;
}

static char *
summary_text (VpcDiff *diff)
{
  GString *text = g_string_new (NULL);

  g_string_append_printf (text, _("%u added · %u removed · %u changed · %u moved"),
                          diff->added->len, diff->removed->len, diff->changed->len,
                          diff->moved->len);
  g_string_append_printf (text, _(" — findings: %u introduced, %u resolved"),
                          diff->introduced->len, diff->resolved->len);
  if (diff->old_cost->priced && diff->new_cost->priced)
    {
      g_autofree char *a = vpc_cost_format (diff->old_cost->total_micros, FALSE);
      g_autofree char *b = vpc_cost_format (diff->new_cost->total_micros, FALSE);
      g_autofree char *d
          = vpc_cost_format (diff->new_cost->total_micros - diff->old_cost->total_micros, TRUE);

      g_string_append_printf (text, _(" — cost %s → %s a month (%s)"), a, b, d);
    }
  return g_string_free (text, FALSE);
}

static void
append_findings (GString    *text,
                 const char *sign,
                 GPtrArray  *findings)
{
  for (guint i = 0; i < findings->len; i++)
    {
      VpcFinding *f = g_ptr_array_index (findings, i);

      g_string_append_printf (text, "%s%s %s %s · %s", text->len > 0 ? "\n" : "", sign,
                              vpc_finding_row_severity_word (vpc_finding_get_severity (f)),
                              vpc_finding_get_rule_id (f),
                              vpc_finding_get_message (f));
    }
}

static char *
details_text (VpcDiff   *diff,
              VpcDesign *other,
              VpcDesign *design)
{
  GString *text = g_string_new (NULL);

  append_findings (text, _("Introduced:"), diff->introduced);
  append_findings (text, _("Resolved:"), diff->resolved);
  for (guint i = 0; i < diff->cost_items->len; i++)
    {
      VpcDiffCostItem *item = g_ptr_array_index (diff->cost_items, i);
      g_autofree char *a = vpc_cost_format (item->old_micros, FALSE);
      g_autofree char *b = vpc_cost_format (item->new_micros, FALSE);
      g_autofree char *d = vpc_cost_format (item->new_micros - item->old_micros, TRUE);
      const char      *name = vpc_design_lookup (design, item->element) != NULL
                                  ? name_of (design, item->element)
                                  : name_of (other, item->element);

      g_string_append_printf (text, _("%sCost of %s: %s → %s (%s)"), text->len > 0 ? "\n" : "",
                              name, a, b, d);
    }
  return g_string_free (text, FALSE);
}

void
vpc_compare_bar_update (VpcCompareBar *self,
                        VpcDiff       *diff,
                        VpcDesign     *other,
                        VpcDesign     *design,
                        const char    *other_name)
{
  g_autofree char *heading = NULL, *summary = NULL, *details = NULL;

  g_return_if_fail (VPC_IS_COMPARE_BAR (self));

  if (diff == NULL)
    {
      gtk_label_set_text (self->summary, "");
      gtk_label_set_text (self->details, "");
      gtk_revealer_set_reveal_child (GTK_REVEALER (self->revealer), FALSE);
      return;
    }
  heading = g_strdup_printf (_("Compared with “%s”"), other_name);
  summary = summary_text (diff);
  details = details_text (diff, other, design);
  gtk_label_set_text (self->heading, heading);
  gtk_label_set_text (self->summary, summary);
  gtk_label_set_text (self->details, details);
  gtk_widget_set_visible (GTK_WIDGET (self->details), *details != '\0');
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                  summary, -1);
  gtk_revealer_set_reveal_child (GTK_REVEALER (self->revealer), TRUE);
}

const char *
vpc_compare_bar_get_summary (VpcCompareBar *self)
{
  g_return_val_if_fail (VPC_IS_COMPARE_BAR (self), NULL);
  return gtk_label_get_text (self->summary);
}

const char *
vpc_compare_bar_get_details (VpcCompareBar *self)
{
  g_return_val_if_fail (VPC_IS_COMPARE_BAR (self), NULL);
  return gtk_label_get_text (self->details);
}

static void
vpc_compare_bar_dispose (GObject *object)
{
  VpcCompareBar *self = VPC_COMPARE_BAR (object);

  g_clear_pointer (&self->revealer, gtk_widget_unparent);
  G_OBJECT_CLASS (vpc_compare_bar_parent_class)->dispose (object);
}

static void
vpc_compare_bar_root (GtkWidget *widget)
{
  GTK_WIDGET_CLASS (vpc_compare_bar_parent_class)->root (widget);
  ensure_css (widget);
}

static void
vpc_compare_bar_class_init (VpcCompareBarClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = vpc_compare_bar_dispose;
  widget_class->root = vpc_compare_bar_root;
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "vpc-compare-bar");
}

static GtkLabel *
text_label (gboolean dim)
{
  GtkLabel *label = GTK_LABEL (gtk_label_new (NULL));

  gtk_label_set_xalign (label, 0);
  gtk_label_set_wrap (label, TRUE);
  gtk_label_set_selectable (label, TRUE);
  if (dim)
    gtk_widget_add_css_class (GTK_WIDGET (label), "dim-label");
  return label;
}

static void
vpc_compare_bar_init (VpcCompareBar *self)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  GtkWidget *top = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 8);
  GtkWidget *scroller = gtk_scrolled_window_new ();
  GtkWidget *leave = vpc_button_new_with_mnemonic (_("_Stop Comparing"));

  self->revealer = gtk_revealer_new ();
  gtk_revealer_set_transition_type (GTK_REVEALER (self->revealer),
                                    GTK_REVEALER_TRANSITION_TYPE_SLIDE_UP);
  gtk_widget_set_parent (self->revealer, GTK_WIDGET (self));
  gtk_revealer_set_child (GTK_REVEALER (self->revealer), box);
  gtk_widget_add_css_class (box, "vpc-compare-bar");
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Comparison"), -1);

  self->heading = text_label (FALSE);
  gtk_widget_add_css_class (GTK_WIDGET (self->heading), "heading");
  gtk_widget_set_hexpand (GTK_WIDGET (self->heading), TRUE);
  gtk_box_append (GTK_BOX (top), GTK_WIDGET (self->heading));
  gtk_actionable_set_action_name (GTK_ACTIONABLE (leave), "win.compare-leave");
  gtk_widget_set_tooltip_text (leave, _("Hide the marks of the other version"));
  gtk_box_append (GTK_BOX (top), leave);
  gtk_box_append (GTK_BOX (box), top);

  self->summary = text_label (FALSE);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->summary));
  self->details = text_label (TRUE);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scroller), GTK_WIDGET (self->details));
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scroller), GTK_POLICY_NEVER,
                                  GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_propagate_natural_height (GTK_SCROLLED_WINDOW (scroller), TRUE);
  gtk_scrolled_window_set_max_content_height (GTK_SCROLLED_WINDOW (scroller), 160);
  gtk_box_append (GTK_BOX (box), scroller);
}

GtkWidget *
vpc_compare_bar_new (void)
{
  return g_object_new (VPC_TYPE_COMPARE_BAR, NULL);
}
