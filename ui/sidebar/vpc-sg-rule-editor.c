/* SPDX-License-Identifier: GPL-3.0-or-later */
/* vpc-sg-rule-editor.c: a security group's ingress or egress rules.
 *
 * Rows address a rule by direction and index (packed into the row's data),
 * so a rule edit is a replace of the whole group: one undo step.
 */
#include "vpc-sg-rule-editor.h"

#include <stdlib.h>

#include "vpc-i18n.h"

#define RULE_DATA(egress, index) GUINT_TO_POINTER (((egress) ? 0x10000u : 0u) | (index))
#define RULE_EGRESS(data)        ((GPOINTER_TO_UINT (data) & 0x10000u) != 0)
#define RULE_INDEX(data)         (GPOINTER_TO_UINT (data) & 0xffffu)

/* Shown translated: protocol names stay as they are, "All traffic" is marked. */
static const char *const protocols[] = { "TCP", "UDP", "ICMP", "ESP", N_("All traffic"), NULL };

static GArray *
rules_of (gconstpointer target,
          gpointer      data)
{
  const VpcElement *sg = target;

  return RULE_EGRESS (data) ? sg->egress : sg->ingress;
}

static VpcSgRule *
rule_at (gconstpointer target,
         gpointer      data)
{
  GArray *rules = rules_of (target, data);

  if (RULE_INDEX (data) >= rules->len)
    return NULL;
  return &g_array_index (rules, VpcSgRule, RULE_INDEX (data));
}

char *
vpc_sg_rule_format_ports (const VpcSgRule *rule)
{
  return vpc_sg_rule_ports_to_string (rule);
}

static gboolean
parse_port (const char *text,
            guint16    *port)
{
  guint64 value;

  if (!g_ascii_string_to_unsigned (text, 10, 0, 65535, &value, NULL))
    return FALSE;
  *port = (guint16) value;
  return TRUE;
}

gboolean
vpc_sg_rule_parse_ports (const char *text,
                         guint16    *from,
                         guint16    *to,
                         char      **error)
{
  g_auto(GStrv) parts = NULL;

  if (g_strcmp0 (text, "all") == 0)
    {
      *from = 0;
      *to = 65535;
      return TRUE;
    }
  parts = g_strsplit (text, "-", 3);
  if (parts[0] == NULL || !parse_port (parts[0], from) ||
      (parts[1] != NULL && (parts[2] != NULL || !parse_port (parts[1], to))))
    {
      /* TRANSLATORS: what the Ports field takes; "all" is typed as it is. */
      *error = g_strdup (_("a port 0–65535, a range such as 1024-2048, or all"));
      return FALSE;
    }
  if (parts[1] == NULL)
    *to = *from;
  if (*from > *to)
    {
      *error = g_strdup (_("the range must start at its lower port"));
      return FALSE;
    }
  return TRUE;
}

static char *
get_summary (VpcInspectorForm *form, gconstpointer target, gpointer data)
{
  const VpcSgRule *rule = rule_at (target, data);
  g_autofree char *ports = NULL;
  g_autofree char *what = NULL;
  const VpcElement *peer;

  if (rule == NULL)
    return g_strdup ("");
  peer = vpc_design_lookup (vpc_inspector_form_get_design (form), rule->peer);
  if (rule->protocol == VPC_PROTOCOL_TCP || rule->protocol == VPC_PROTOCOL_UDP)
    ports = vpc_sg_rule_format_ports (rule);
  what = ports != NULL ? g_strdup_printf ("%s %s", protocols[rule->protocol], ports)
                       : g_strdup (_(protocols[rule->protocol]));
  /* TRANSLATORS: a security group rule: what it allows ("TCP 443") and
   * the peer (a group's name or a CIDR block). */
  return g_strdup_printf (RULE_EGRESS (data) ? _("%s to %s")
                                             /* TRANSLATORS: as "%s to %s", for an inbound rule. */
                                             : _("%s from %s"),
                          what,
                          peer != NULL ? vpc_element_get_display_name (peer) : rule->peer);
}

static guint
get_protocol (gconstpointer target, gpointer data)
{
  const VpcSgRule *rule = rule_at (target, data);

  return rule != NULL ? rule->protocol : 0;
}

static void
set_protocol (gpointer target, guint choice, gpointer data)
{
  VpcSgRule *rule = rule_at (target, data);

  if (rule != NULL && choice <= VPC_PROTOCOL_ALL)
    rule->protocol = choice;
}

static char *
get_ports (VpcInspectorForm *form, gconstpointer target, gpointer data)
{
  const VpcSgRule *rule = rule_at (target, data);

  return rule != NULL ? vpc_sg_rule_format_ports (rule) : g_strdup ("");
}

static gboolean
set_ports (VpcInspectorForm *form, gpointer target, const char *text, gpointer data, char **error)
{
  VpcSgRule *rule = rule_at (target, data);
  guint16 from, to;

  if (rule == NULL || !vpc_sg_rule_parse_ports (text, &from, &to, error))
    return FALSE;
  rule->port_from = from;
  rule->port_to = to;
  return TRUE;
}

static char *
get_peer (VpcInspectorForm *form, gconstpointer target, gpointer data)
{
  const VpcSgRule *rule = rule_at (target, data);

  return g_strdup (rule != NULL ? rule->peer : "");
}

/* A group id, self, a CIDR or a prefix list: the design's guard judges. */
static gboolean
set_peer (VpcInspectorForm *form, gpointer target, const char *text, gpointer data, char **error)
{
  VpcSgRule *rule = rule_at (target, data);

  if (rule == NULL)
    return FALSE;
  g_free (rule->peer);
  rule->peer = g_strdup (text);
  return TRUE;
}

static void
remove_rule (VpcInspectorForm *form, gpointer target, gpointer data)
{
  GArray *rules = rules_of (target, data);

  if (RULE_INDEX (data) < rules->len)
    g_array_remove_index (rules, RULE_INDEX (data));
}

static void
add_rule (VpcInspectorForm *form, gpointer target, gpointer data)
{
  const char *vpc = vpc_design_get_info (vpc_inspector_form_get_design (form))->vpc_cidr;
  VpcSgRule rule = { VPC_PROTOCOL_TCP, 443, 443, NULL };

  rule.peer = g_strdup (vpc != NULL && vpc[0] != '\0' ? vpc : "0.0.0.0/0");
  g_array_append_val (rules_of (target, data), rule);
}

/* The form outlives the button: the inspector removes its rows first. */
static void
add_clicked_cb (GtkButton        *button,
                VpcInspectorForm *form)
{
  gboolean egress = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (button), "vpc-egress"));

  vpc_inspector_form_commit (form, add_rule, RULE_DATA (egress, 0));
}

void
vpc_sg_rule_editor_build (VpcInspectorForm *form,
                          gboolean          egress)
{
  const VpcElement *sg = vpc_inspector_form_get_element (form);
  GArray *rules = egress ? sg->egress : sg->ingress;
  AdwPreferencesGroup *group = vpc_inspector_form_add_group (
      form, egress ? _("Outbound Rules") : _("Inbound Rules"),
      rules->len == 0 ? (egress ? _("No traffic may leave") : _("No traffic may enter")) : NULL);
  GtkWidget *add = gtk_button_new_from_icon_name ("list-add-symbolic");

  gtk_widget_add_css_class (add, "flat");
  gtk_widget_set_tooltip_text (add, egress ? _("Add an outbound rule") : _("Add an inbound rule"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (add), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  egress ? _("Add outbound rule") : _("Add inbound rule"), -1);
  g_object_set_data (G_OBJECT (add), "vpc-egress", GINT_TO_POINTER (egress));
  g_signal_connect (add, "clicked", G_CALLBACK (add_clicked_cb), form);
  adw_preferences_group_set_header_suffix (group, add);

  for (guint i = 0; i < rules->len && i <= 0xffff; i++)
    {
      GtkWidget *row = adw_expander_row_new ();
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      vpc_inspector_form_add_summary (form, row, get_summary, RULE_DATA (egress, i));
      vpc_inspector_form_add_fixed_combo (form, row, _("Protocol"), protocols, get_protocol,
                                          set_protocol, RULE_DATA (egress, i));
      vpc_inspector_form_add_entry (form, row, _("Ports"), get_ports, set_ports,
                                    RULE_DATA (egress, i));
      vpc_inspector_form_add_entry (form, row, egress ? _("Destination") : _("Source"), get_peer,
                                    set_peer, RULE_DATA (egress, i));
      vpc_inspector_form_add_button (form, row, _("Remove this rule"), _("Remove"), TRUE,
                                     remove_rule, RULE_DATA (egress, i));
      adw_preferences_group_add (group, row);
    }
}
