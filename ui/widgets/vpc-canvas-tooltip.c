/* SPDX-License-Identifier: GPL-3.0-or-later */
/* vpc-canvas-tooltip.c: the canvas tooltip: the full name of the element
 * under the pointer (the diagram may cut it with "…") and its findings. */
#include "vpc-canvas-private.h"

#include "vpc-finding-row.h"
#include "vpc-i18n.h"
#include "vpc-validator.h"

/* The findings naming @id, as "• title: message" lines; NULL when none. */
static char *
findings_text (VpcCanvas  *self,
               const char *id)
{
  g_autoptr(GPtrArray) findings = NULL;
  GString *text;

  if (!VPC_IS_VALIDATOR (self->findings))
    return NULL;
  findings = vpc_validator_findings_for (VPC_VALIDATOR (self->findings), id);
  if (findings->len == 0)
    return NULL;
  text = g_string_new (NULL);
  for (guint i = 0; i < findings->len; i++)
    {
      VpcFinding *finding = g_ptr_array_index (findings, i);
      /* TRANSLATORS: a finding in the canvas tooltip: its rule id (VPC101),
       * its severity ("error") and its message. */
      g_autofree char *line =
        g_markup_printf_escaped (_("<b>%s</b> %s: %s"),
                                 vpc_finding_get_rule_id (finding),
                                 vpc_finding_row_severity_word (vpc_finding_get_severity (finding)),
                                 vpc_finding_get_message (finding));

      if (i > 0)
        g_string_append_c (text, '\n');
      g_string_append (text, line);
    }
  return g_string_free (text, FALSE);
}

static gboolean
query_tooltip_cb (VpcCanvas  *self,
                  int         x,
                  int         y,
                  gboolean    keyboard,
                  GtkTooltip *tooltip)
{
  VpcHit hit;
  double wx, wy;
  g_autofree char *markup = NULL;

  if (self->design == NULL || keyboard)
    return FALSE;
  /* During a drag: why it would be refused here, if it would. */
  if (_vpc_canvas_drop_hint (self) != NULL)
    {
      gtk_tooltip_set_text (tooltip, _vpc_canvas_drop_hint (self));
      return TRUE;
    }
  if (self->tool != NULL && vpc_gesture_get_mode (self->tool) != VPC_GESTURE_IDLE)
    return FALSE;
  _vpc_canvas_to_world (self, x, y, &wx, &wy);
  hit = vpc_editing_hit_test (self->design, self->selection, wx, wy,
                            vpc_viewport_get_zoom (self->viewport));
  if ((hit.type != VPC_HIT_ELEMENT && hit.type != VPC_HIT_HANDLE) || hit.id == NULL)
    return FALSE;
  markup = findings_text (self, hit.id);
  {
    const VpcElement *e = vpc_design_lookup (self->design, hit.id);
    g_autofree char *name = NULL;
    g_autofree char *all = NULL;
    GtkWidget *label;

    if (e == NULL)
      return FALSE;
    name = g_markup_printf_escaped ("<b>%s</b>", vpc_element_get_display_name (e));
    all = markup != NULL ? g_strconcat (name, "\n", markup, NULL) : g_steal_pointer (&name);
    /* Wrapped: a finding's message can be longer than the screen is wide. */
    label = gtk_label_new (NULL);
    gtk_label_set_markup (GTK_LABEL (label), all);
    gtk_label_set_wrap (GTK_LABEL (label), TRUE);
    gtk_label_set_max_width_chars (GTK_LABEL (label), 72);
    gtk_label_set_xalign (GTK_LABEL (label), 0);
    gtk_tooltip_set_custom (tooltip, label);
  }
  return TRUE;
}

char *
vpc_canvas_get_findings_markup (VpcCanvas  *self,
                                const char *id)
{
  g_return_val_if_fail (VPC_IS_CANVAS (self), NULL);
  g_return_val_if_fail (id != NULL, NULL);

  return findings_text (self, id);
}

void
_vpc_canvas_tooltip_init (VpcCanvas *self)
{
  gtk_widget_set_has_tooltip (GTK_WIDGET (self), TRUE);
  g_signal_connect (self, "query-tooltip", G_CALLBACK (query_tooltip_cb), NULL);
}
