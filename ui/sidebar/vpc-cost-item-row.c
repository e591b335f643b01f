/* SPDX-License-Identifier: GPL-3.0-or-later */
/* vpc-cost-item-row.c: one line of the cost breakdown.
 *
 * Collapsed: the element, what it is and its monthly amount. Expanded: the
 * hourly part spelled out and the data processed, editable in GB/month.
 * Those rows are made when the row is first expanded: a collapsed
 * AdwExpanderRow still measures them, and 50 rows of them doubled the time
 * to open a large design.
 */
#include "vpc-cost-item-row.h"

#include "vpc-cost-compare.h"
#include "vpc-i18n.h"

#define MAX_GB_PER_MONTH 1e9

struct _VpcCostItemRow
{
  AdwExpanderRow  parent_instance;

  GtkLabel       *amount;
  AdwActionRow   *hourly_row;
  GtkLabel       *hourly_amount;
  AdwActionRow   *data_row;
  GtkSpinButton  *gb_spin;

  VpcDesign      *design;
  char           *element;
  VpcCostItem     shown;        /* the numbers of the last update */
  gboolean        syncing;
};

G_DEFINE_FINAL_TYPE (VpcCostItemRow, vpc_cost_item_row, ADW_TYPE_EXPANDER_ROW)

static void
gb_changed_cb (VpcCostItemRow *self)
{
  const VpcElement *element;
  g_autoptr(VpcElement) copy = NULL;

  if (self->syncing || self->design == NULL)
    return;
  element = vpc_design_lookup (self->design, self->element);
  if (element == NULL)
    return;
  copy = vpc_element_copy (element);
  copy->gb_per_month = gtk_spin_button_get_value (self->gb_spin);
  vpc_design_replace_element (self->design, g_steal_pointer (&copy));
}

static void
vpc_cost_item_row_dispose (GObject *object)
{
  VpcCostItemRow *self = VPC_COST_ITEM_ROW (object);

  g_clear_object (&self->design);
  G_OBJECT_CLASS (vpc_cost_item_row_parent_class)->dispose (object);
}

static void
vpc_cost_item_row_finalize (GObject *object)
{
  VpcCostItemRow *self = VPC_COST_ITEM_ROW (object);

  g_free (self->element);
  G_OBJECT_CLASS (vpc_cost_item_row_parent_class)->finalize (object);
}

static void
vpc_cost_item_row_class_init (VpcCostItemRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = vpc_cost_item_row_dispose;
  object_class->finalize = vpc_cost_item_row_finalize;
}

static GtkLabel *
amount_label (void)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_widget_add_css_class (label, "numeric");
  gtk_widget_set_valign (label, GTK_ALIGN_CENTER);
  return GTK_LABEL (label);
}

static void sync_details (VpcCostItemRow *self);

static void
build_details (VpcCostItemRow *self)
{
  self->hourly_row = ADW_ACTION_ROW (adw_action_row_new ());
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->hourly_row), _("Hourly charge"));
  self->hourly_amount = amount_label ();
  adw_action_row_add_suffix (self->hourly_row, GTK_WIDGET (self->hourly_amount));
  adw_expander_row_add_row (ADW_EXPANDER_ROW (self), GTK_WIDGET (self->hourly_row));

  self->data_row = ADW_ACTION_ROW (adw_action_row_new ());
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->data_row),
                                 _("Data processed (GB/month)"));
  self->gb_spin = GTK_SPIN_BUTTON (gtk_spin_button_new_with_range (0, MAX_GB_PER_MONTH, 10));
  gtk_spin_button_set_digits (self->gb_spin, 0);
  gtk_spin_button_set_numeric (self->gb_spin, TRUE);
  gtk_widget_set_valign (GTK_WIDGET (self->gb_spin), GTK_ALIGN_CENTER);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->gb_spin), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Data processed, GB per month"), -1);
  adw_action_row_add_suffix (self->data_row, GTK_WIDGET (self->gb_spin));
  adw_expander_row_add_row (ADW_EXPANDER_ROW (self), GTK_WIDGET (self->data_row));
  sync_details (self);
  g_signal_connect_swapped (self->gb_spin, "value-changed", G_CALLBACK (gb_changed_cb), self);
}

static void
expanded_cb (VpcCostItemRow *self)
{
  if (self->hourly_row == NULL && adw_expander_row_get_expanded (ADW_EXPANDER_ROW (self)))
    build_details (self);
}

static void
vpc_cost_item_row_init (VpcCostItemRow *self)
{
  self->amount = amount_label ();
  gtk_widget_add_css_class (GTK_WIDGET (self->amount), "heading");
  adw_expander_row_add_action (ADW_EXPANDER_ROW (self), GTK_WIDGET (self->amount));
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (self), FALSE);
  g_signal_connect (self, "notify::expanded", G_CALLBACK (expanded_cb), NULL);
}

GtkWidget *
vpc_cost_item_row_new (VpcDesign         *design,
                       const VpcCostItem *item)
{
  VpcCostItemRow *self;

  g_return_val_if_fail (VPC_IS_DESIGN (design), NULL);
  g_return_val_if_fail (item != NULL, NULL);

  self = g_object_new (VPC_TYPE_COST_ITEM_ROW, NULL);
  self->design = g_object_ref (design);
  self->element = g_strdup (item->element);
  vpc_cost_item_row_update (self, item);
  return GTK_WIDGET (self);
}

const char *
vpc_cost_item_row_get_element (VpcCostItemRow *self)
{
  g_return_val_if_fail (VPC_IS_COST_ITEM_ROW (self), NULL);

  return self->element;
}

static char *
describe_kind (const VpcCostItem *item)
{
  switch (item->kind)
    {
    case VPC_COST_INTERFACE_ENDPOINT:
      /* TRANSLATORS: %s is a service name (ecr.api), %u in how many availability zones. */
      return g_strdup_printf (ngettext ("%s · %u AZ", "%s · %u AZs", item->azs), item->service,
                              item->azs);
    case VPC_COST_GATEWAY_ENDPOINT:
      /* TRANSLATORS: %s is a service name (s3). */
      return g_strdup_printf (_("%s · gateway, free"), item->service);
    case VPC_COST_NAT_GATEWAY:
    default:
      return g_strdup (_("NAT gateway"));
    }
}

/* The expanded part, from the numbers of the last update. */
static void
sync_details (VpcCostItemRow *self)
{
  const VpcCostItem *item = &self->shown;
  const VpcElement *element = vpc_design_lookup (self->design, self->element);
  g_autofree char *hourly = vpc_cost_format (item->hourly_micros, FALSE);
  g_autofree char *data = vpc_cost_format (item->data_micros, FALSE);
  g_autofree char *hourly_detail = NULL;
  g_autofree char *data_detail = NULL;
  guint units = item->kind == VPC_COST_NAT_GATEWAY ? 1 : item->azs;

  if (units > 0 && item->hourly_micros > 0)
    {
      g_autofree char *rate
          = vpc_cost_format_unit_price (item->hourly_micros / units / VPC_HOURS_PER_MONTH);

      if (item->kind == VPC_COST_NAT_GATEWAY)
        /* TRANSLATORS: how many gateways × hours a month × the hourly price. */
        hourly_detail = g_strdup_printf (
            ngettext ("%u gateway × %d h × %s", "%u gateways × %d h × %s", units), units,
            VPC_HOURS_PER_MONTH, rate);
      else
        /* TRANSLATORS: how many AZs × hours a month × the hourly price. */
        hourly_detail
            = g_strdup_printf (ngettext ("%u AZ × %d h × %s", "%u AZs × %d h × %s", units), units,
                               VPC_HOURS_PER_MONTH, rate);
    }
  else
    hourly_detail = g_strdup (_("No hourly charge"));
  adw_action_row_set_subtitle (self->hourly_row, hourly_detail);
  gtk_label_set_label (self->hourly_amount, hourly);
  data_detail = g_strdup_printf (_("%s a month"), data);
  adw_action_row_set_subtitle (self->data_row, data_detail);

  self->syncing = TRUE;
  if (element != NULL)
    gtk_spin_button_set_value (self->gb_spin, element->gb_per_month);
  self->syncing = FALSE;
}

void
vpc_cost_item_row_update (VpcCostItemRow    *self,
                          const VpcCostItem *item)
{
  const VpcElement *element;
  g_autofree char *kind = describe_kind (item);
  g_autofree char *monthly = vpc_cost_format (item->monthly_micros, FALSE);
  g_autofree char *accessible = NULL;

  g_return_if_fail (VPC_IS_COST_ITEM_ROW (self));
  g_return_if_fail (g_strcmp0 (item->element, self->element) == 0);

  element = vpc_design_lookup (self->design, self->element);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self),
                                 element != NULL ? vpc_element_get_display_name (element)
                                                 : item->element);
  adw_expander_row_set_subtitle (ADW_EXPANDER_ROW (self), kind);
  gtk_label_set_label (self->amount, monthly);

  /* Only the numbers are kept: the strings belong to the report. */
  self->shown = (VpcCostItem) { .kind = item->kind, .azs = item->azs,
                                .hourly_micros = item->hourly_micros,
                                .data_micros = item->data_micros,
                                .monthly_micros = item->monthly_micros };
  if (self->hourly_row != NULL)
    sync_details (self);

  /* TRANSLATORS: the element's name, what it is ("ecr.api · 2 AZs") and
   * its monthly cost. */
  accessible = g_strdup_printf (
      _("%s, %s: %s a month"),
      element != NULL ? vpc_element_get_display_name (element) : item->element, kind, monthly);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL, accessible,
                                  -1);
}
