/* SPDX-License-Identifier: GPL-3.0-or-later */
/* vpc-cost-panel.c: the design's monthly cost, its breakdown and pricing.
 *
 * The panel recomputes the report after every finished step of the design
 * (so undo re-prices too). Rows of the breakdown are updated in place while
 * the same elements are priced, so a spin button being edited keeps focus.
 * A rename prices nothing anew: the rows only show the new name (pricing
 * 100,000 elements took ~0.1 s of each rename).
 */
#include "vpc-cost-panel.h"

#include <adwaita.h>
#include <string.h>

#include "vpc-cost-compare.h"
#include "vpc-accessible.h"
#include "vpc-cost-item-row.h"
#include "vpc-i18n.h"
#include "vpc-panel-rows.h"
#include "vpc-prices.h"
#include "vpc-safe-save.h"
#include "vpc-toast.h"

struct _VpcCostPanel
{
  GtkWidget       parent_instance;

  GtkLabel       *total_label;
  GtkLabel       *total_detail;
  AdwComboRow    *region_row;
  GtkStringList  *region_list;
  AdwComboRow    *environment_row;
  GtkWidget      *breakdown_group;
  GtkListBox     *items_list;
  GtkWidget      *compare_group;
  GtkLabel       *compare_label;
  GtkLabel       *source_label;

  VpcDesign      *design;
  GSignalGroup   *design_signals;
  GPtrArray      *region_codes; /* char *, parallel to region_list */
  GPtrArray      *rows;         /* VpcCostItemRow, in item order */
  GtkButton      *more_button;
  guint           n_shown;      /* rows shown at most: the first items */
  GtkNativeDialog *chooser;
  gboolean        syncing;
  guint64         shown_revision; /* the design's content revision shown */
  VpcCostReport  *report;         /* the report shown, or NULL */
  guint64         priced_revision; /* ... and the design's rules revision then */
};

G_DEFINE_FINAL_TYPE (VpcCostPanel, vpc_cost_panel, GTK_TYPE_WIDGET)

/* "73.00": an amount for CSV, in dollars with cents. */
static char *
csv_amount (gint64 micros)
{
  g_autofree char *text = vpc_cost_format (micros, FALSE);
  const char *p = text;

  if (*p == '-')
    p++;
  if (*p == '$')
    p++;
  return g_strdup_printf ("%s%s", text[0] == '-' ? "-" : "", p);
}

char *
vpc_cost_panel_build_csv (VpcDesign *design)
{
  g_autoptr(VpcCostReport) report = NULL;
  g_autofree char *total = NULL;
  GString *csv;

  g_return_val_if_fail (VPC_IS_DESIGN (design), NULL);

  report = vpc_cost_compute (design, NULL);
  if (!report->priced)
    return NULL;
  csv = g_string_new ("element,kind,service,azs,hourly_charge,data_charge,monthly\n");
  for (guint i = 0; i < report->items->len; i++)
    {
      const VpcCostItem *item = g_ptr_array_index (report->items, i);
      g_autofree char *hourly = csv_amount (item->hourly_micros);
      g_autofree char *data = csv_amount (item->data_micros);
      g_autofree char *monthly = csv_amount (item->monthly_micros);

      g_string_append_printf (csv, "%s,%s,%s,%u,%s,%s,%s\n", item->element,
                              vpc_cost_kind_to_string (item->kind),
                              item->service != NULL ? item->service : "",
                              item->azs, hourly, data, monthly);
    }
  total = csv_amount (report->total_micros);
  g_string_append_printf (csv, "total,,,,,,%s\n", total);
  return g_string_free (csv, FALSE);
}

gboolean
vpc_cost_panel_export_csv (VpcCostPanel *self,
                           const char   *path,
                           GError      **error)
{
  g_autofree char *csv = NULL;

  g_return_val_if_fail (VPC_IS_COST_PANEL (self), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  if (self->design == NULL || (csv = vpc_cost_panel_build_csv (self->design)) == NULL)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                           _("The design's region has no prices to export"));
      return FALSE;
    }
  return vpc_safe_save (path, csv, strlen (csv), error);
}

static void
sync_regions (VpcCostPanel *self,
              const char   *current)
{
  const char *const *regions = vpc_cost_regions ();
  guint n = g_strv_length ((char **) regions);
  gboolean extra = current != NULL && !g_strv_contains (regions, current);
  guint wanted = n + (extra ? 1 : 0);
  gboolean same = self->region_codes->len == wanted;

  for (guint i = 0; same && i < n; i++)
    same = g_str_equal (g_ptr_array_index (self->region_codes, i), regions[i]);
  if (same && extra)
    same = g_str_equal (g_ptr_array_index (self->region_codes, n), current);
  if (!same)
    {
      g_autoptr(GPtrArray) labels = g_ptr_array_new_with_free_func (g_free);

      g_ptr_array_set_size (self->region_codes, 0);
      for (guint i = 0; i < n; i++)
        {
          g_ptr_array_add (self->region_codes, g_strdup (regions[i]));
          g_ptr_array_add (labels, g_strdup (regions[i]));
        }
      if (extra)
        {
          g_ptr_array_add (self->region_codes, g_strdup (current));
          g_ptr_array_add (labels, g_strdup_printf (_("%s (no prices)"), current));
        }
      g_ptr_array_add (labels, NULL);
      gtk_string_list_splice (self->region_list, 0,
                              g_list_model_get_n_items (G_LIST_MODEL (self->region_list)),
                              (const char *const *) labels->pdata);
    }
  for (guint i = 0; current != NULL && i < self->region_codes->len; i++)
    if (g_str_equal (g_ptr_array_index (self->region_codes, i), current))
      adw_combo_row_set_selected (self->region_row, i);
}

/* The first items have rows, and a button adds more (vpc-panel-rows.h). */

static gboolean
rows_match (VpcCostPanel        *self,
            const VpcCostReport *report)
{
  if (self->rows->len != MIN (report->items->len, self->n_shown))
    return FALSE;
  for (guint i = 0; i < self->rows->len; i++)
    {
      const VpcCostItem *item = g_ptr_array_index (report->items, i);

      if (g_strcmp0 (vpc_cost_item_row_get_element (g_ptr_array_index (self->rows, i)),
                     item->element)
          != 0)
        return FALSE;
    }
  return TRUE;
}

static void
clear_rows (VpcCostPanel *self)
{
  for (guint i = 0; i < self->rows->len; i++)
    gtk_list_box_remove (self->items_list, g_ptr_array_index (self->rows, i));
  g_ptr_array_set_size (self->rows, 0);
}

static void
sync_more (VpcCostPanel *self,
           guint         n_items)
{
  g_autofree char *label = NULL;

  gtk_widget_set_visible (GTK_WIDGET (self->more_button), n_items > self->rows->len);
  if (n_items <= self->rows->len)
    return;
  label = vpc_panel_rows_more_label (self->rows->len, n_items);
  gtk_button_set_label (self->more_button, label);
}

static void
sync_items (VpcCostPanel        *self,
            const VpcCostReport *report)
{
  if (rows_match (self, report))
    {
      for (guint i = 0; i < self->rows->len; i++)
        vpc_cost_item_row_update (g_ptr_array_index (self->rows, i),
                                  g_ptr_array_index (report->items, i));
      sync_more (self, report->items->len);
      return;
    }
  clear_rows (self);
  for (guint i = 0; i < report->items->len && i < self->n_shown; i++)
    {
      GtkWidget *row = vpc_cost_item_row_new (self->design, g_ptr_array_index (report->items, i));

      g_ptr_array_add (self->rows, row);
      gtk_list_box_append (self->items_list, row);
    }
  sync_more (self, report->items->len);
}

static void
sync_comparison (VpcCostPanel *self)
{
  VpcCostComparison comparison;
  g_autofree char *text = NULL;

  if (self->design == NULL || !vpc_cost_compare (self->design, NULL, &comparison))
    {
      gtk_widget_set_visible (self->compare_group, FALSE);
      return;
    }
  text = vpc_cost_comparison_describe (&comparison);
  gtk_label_set_label (self->compare_label, text);
  gtk_widget_set_visible (self->compare_group, TRUE);
}

/* The choice of a combo row also goes in its description: screen readers
 * do not read the row's child list with it. */
static void
describe_choice (AdwComboRow *row)
{
  gpointer item = adw_combo_row_get_selected_item (row);

  gtk_accessible_update_property (
      GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
      GTK_IS_STRING_OBJECT (item) ? gtk_string_object_get_string (item) : "", -1);
}

static void
refresh (VpcCostPanel *self)
{
  const VpcCostReport *report;
  g_autofree char *total = NULL;
  g_autofree char *accessible = NULL;
  g_autofree char *detail = NULL;
  g_autofree char *source = NULL;
  const VpcDesignInfo *info;

  g_clear_pointer (&self->report, vpc_cost_report_free);
  if (self->design == NULL)
    {
      gtk_label_set_label (self->total_label, "—");
      gtk_label_set_label (self->total_detail, _("No design"));
      gtk_widget_set_visible (self->breakdown_group, FALSE);
      gtk_widget_set_visible (self->compare_group, FALSE);
      gtk_label_set_label (self->source_label, "");
      gtk_widget_action_set_enabled (GTK_WIDGET (self), "cost.export-csv", FALSE);
      return;
    }

  info = vpc_design_get_info (self->design);
  self->shown_revision = vpc_design_get_content_revision (self->design);
  self->priced_revision = vpc_design_get_rules_revision (self->design);
  report = self->report = vpc_cost_compute (self->design, NULL);
  self->syncing = TRUE;
  sync_regions (self, info->region);
  adw_combo_row_set_selected (self->environment_row,
                              info->environment == VPC_ENVIRONMENT_DEVELOPMENT ? 1 : 0);
  self->syncing = FALSE;
  describe_choice (self->region_row);
  describe_choice (self->environment_row);

  if (report->priced)
    {
      guint n = report->items->len;

      total = vpc_cost_format (report->total_micros, FALSE);
      accessible = g_strdup_printf (_("Monthly cost: %s"), total);
      /* TRANSLATORS: %s is a region id (us-east-1). */
      detail = n == 0
                   ? g_strdup_printf (_("in %s · no endpoints or NAT gateways"), report->region)
                   /* TRANSLATORS: %s is a region id (us-east-1), %u how many items have a price. */
                   : g_strdup_printf (
                       ngettext ("in %s · %u priced item", "in %s · %u priced items", n),
                       report->region, n);
      /* TRANSLATORS: %s are the date of the prices and where they come from. */
      source = g_strdup_printf (_("Prices as of %s · %s"), report->prices_as_of,
                                report->source != NULL ? report->source : "AWS Price List");
    }
  else
    {
      total = g_strdup (_("Not priced"));
      accessible = g_strdup_printf (_("Monthly cost: not priced. %s"),
                                    report->reason != NULL ? report->reason : "");
      detail = g_strdup (report->reason != NULL ? report->reason : _("This region has no prices."));
      source = g_strdup (_("Pick a priced region to see the cost."));
    }
  gtk_label_set_label (self->total_label, total);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->total_label),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, accessible,
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, detail, -1);
  gtk_label_set_label (self->total_detail, detail);
  gtk_label_set_label (self->source_label, source);
  gtk_widget_set_visible (self->breakdown_group, report->priced && report->items->len > 0);
  sync_items (self, report);
  sync_comparison (self);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "cost.export-csv", report->priced);
}

/* The cost reads no box: a step that only moved boxes (and the
 * "info-changed" that comes with a step's "changed") leaves it as shown. */
static void
design_changed_cb (VpcCostPanel *self)
{
  if (vpc_design_get_content_revision (self->design) == self->shown_revision)
    return;
  if (self->report != NULL && vpc_design_get_rules_revision (self->design) == self->priced_revision)
    {
      /* Renamed elements only: the rows read their names again. */
      self->shown_revision = vpc_design_get_content_revision (self->design);
      sync_items (self, self->report);
      return;
    }
  refresh (self);
}

static void
more_clicked_cb (VpcCostPanel *self)
{
  self->n_shown += VPC_PANEL_ROWS_STEP;
  refresh (self);
}

static void
edit_info (VpcCostPanel *self,
           const char   *region,
           int           environment)
{
  g_autoptr(VpcDesignInfo) info = NULL;

  if (self->syncing || self->design == NULL)
    return;
  info = vpc_design_info_copy (vpc_design_get_info (self->design));
  if (region != NULL)
    {
      g_free (info->region);
      info->region = g_strdup (region);
    }
  if (environment >= 0)
    info->environment = environment;
  vpc_design_set_info (self->design, g_steal_pointer (&info));
}

static void
region_selected_cb (VpcCostPanel *self)
{
  guint selected = adw_combo_row_get_selected (self->region_row);

  describe_choice (self->region_row);
  if (selected < self->region_codes->len)
    edit_info (self, g_ptr_array_index (self->region_codes, selected), -1);
}

static void
environment_selected_cb (VpcCostPanel *self)
{
  guint selected = adw_combo_row_get_selected (self->environment_row);

  describe_choice (self->environment_row);
  if (selected != GTK_INVALID_LIST_POSITION)
    edit_info (self, NULL,
               selected == 1 ? VPC_ENVIRONMENT_DEVELOPMENT : VPC_ENVIRONMENT_PRODUCTION);
}

static void
chooser_response_cb (GtkNativeDialog *dialog,
                     int              response,
                     VpcCostPanel    *self)
{
  g_autoptr(GFile) file = NULL;
  g_autofree char *path = NULL;
  g_autoptr(GError) error = NULL;
  AdwToast *toast;

  if (response == GTK_RESPONSE_ACCEPT)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));
  g_clear_object (&self->chooser);
  if (file == NULL || (path = g_file_get_path (file)) == NULL)
    return;
  if (vpc_cost_panel_export_csv (self, path, &error))
    {
      g_autofree char *name = g_file_get_basename (file);

      toast = adw_toast_new_format (_("Cost breakdown saved as “%s”"), name);
    }
  else
    toast = adw_toast_new_format (_("Could not save the cost breakdown: %s"), error->message);
  vpc_toast_show (GTK_WIDGET (self), toast);
}

static void
export_csv_cb (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  VpcCostPanel *self = VPC_COST_PANEL (widget);
  GtkRoot *root = gtk_widget_get_root (widget);
  const char *name;
  g_autofree char *suggested = NULL;

  if (self->chooser != NULL || self->design == NULL)
    return;
  name = vpc_design_get_info (self->design)->name;
  /* TRANSLATORS: the suggested file name; %s is the design's name, or
   * "design" when it has none. */
  suggested
      = g_strdup_printf (_("%s cost.csv"), name != NULL && name[0] != '\0' ? name : _("design"));
  self->chooser = GTK_NATIVE_DIALOG (gtk_file_chooser_native_new (
      _("Export Cost Breakdown"), GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
      GTK_FILE_CHOOSER_ACTION_SAVE, _("_Export"), _("_Cancel")));
  gtk_native_dialog_set_modal (self->chooser, TRUE);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (self->chooser), suggested);
  g_signal_connect (self->chooser, "response", G_CALLBACK (chooser_response_cb), self);
  gtk_native_dialog_show (self->chooser);
}

static void
vpc_cost_panel_dispose (GObject *object)
{
  VpcCostPanel *self = VPC_COST_PANEL (object);

  if (self->chooser != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->chooser, self);
      gtk_native_dialog_destroy (self->chooser);
      g_clear_object (&self->chooser);
    }
  if (self->design_signals != NULL)
    g_signal_group_set_target (self->design_signals, NULL);
  g_clear_object (&self->design_signals);
  gtk_widget_dispose_template (GTK_WIDGET (self), VPC_TYPE_COST_PANEL);
  for (GtkWidget *child; (child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL;)
    gtk_widget_unparent (child);
  g_clear_pointer (&self->rows, g_ptr_array_unref);
  g_clear_pointer (&self->region_codes, g_ptr_array_unref);
  g_clear_pointer (&self->report, vpc_cost_report_free);
  g_clear_object (&self->design);
  G_OBJECT_CLASS (vpc_cost_panel_parent_class)->dispose (object);
}

static void
vpc_cost_panel_class_init (VpcCostPanelClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = vpc_cost_panel_dispose;


  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/org/example/VpcDesigner/vpc-cost-panel.ui");
  gtk_widget_class_bind_template_child (widget_class, VpcCostPanel, total_label);
  gtk_widget_class_bind_template_child (widget_class, VpcCostPanel, total_detail);
  gtk_widget_class_bind_template_child (widget_class, VpcCostPanel, region_row);
  gtk_widget_class_bind_template_child (widget_class, VpcCostPanel, region_list);
  gtk_widget_class_bind_template_child (widget_class, VpcCostPanel, environment_row);
  gtk_widget_class_bind_template_child (widget_class, VpcCostPanel, breakdown_group);
  gtk_widget_class_bind_template_child (widget_class, VpcCostPanel, items_list);
  gtk_widget_class_bind_template_child (widget_class, VpcCostPanel, more_button);
  gtk_widget_class_bind_template_child (widget_class, VpcCostPanel, compare_group);
  gtk_widget_class_bind_template_child (widget_class, VpcCostPanel, compare_label);
  gtk_widget_class_bind_template_child (widget_class, VpcCostPanel, source_label);
  gtk_widget_class_install_action (widget_class, "cost.export-csv", NULL, export_csv_cb);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "cost-panel");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
}

static void
vpc_cost_panel_init (VpcCostPanel *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Cost"),
                                  -1);
  vpc_accessible_name_combo_items (self->region_row);
  vpc_accessible_name_combo_items (self->environment_row);
  self->region_codes = g_ptr_array_new_with_free_func (g_free);
  self->rows = g_ptr_array_new ();
  self->n_shown = VPC_PANEL_ROWS_STEP;
  g_signal_connect_swapped (self->more_button, "clicked", G_CALLBACK (more_clicked_cb), self);
  g_signal_connect_swapped (self->region_row, "notify::selected", G_CALLBACK (region_selected_cb),
                            self);
  g_signal_connect_swapped (self->environment_row, "notify::selected",
                            G_CALLBACK (environment_selected_cb), self);

  self->design_signals = g_signal_group_new (VPC_TYPE_DESIGN);
  g_signal_group_connect_swapped (self->design_signals, "changed", G_CALLBACK (design_changed_cb),
                                  self);
  g_signal_group_connect_swapped (self->design_signals, "info-changed",
                                  G_CALLBACK (design_changed_cb), self);
  refresh (self);
}

GtkWidget *
vpc_cost_panel_new (void)
{
  return g_object_new (VPC_TYPE_COST_PANEL, NULL);
}

void
vpc_cost_panel_set_design (VpcCostPanel *self,
                           VpcDesign    *design)
{
  g_return_if_fail (VPC_IS_COST_PANEL (self));
  g_return_if_fail (design == NULL || VPC_IS_DESIGN (design));

  if (!g_set_object (&self->design, design))
    return;
  clear_rows (self);
  g_signal_group_set_target (self->design_signals, design);
  refresh (self);
}

VpcDesign *
vpc_cost_panel_get_design (VpcCostPanel *self)
{
  g_return_val_if_fail (VPC_IS_COST_PANEL (self), NULL);

  return self->design;
}
