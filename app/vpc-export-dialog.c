/* SPDX-License-Identifier: GPL-3.0-or-later */
/* vpc-export-dialog.c: format, scale, theme, background, title block and
 * legend of an export, remembered in GSettings. */
#include "vpc-export-dialog.h"

#include "vpc-accessible.h"

#include "vpc-i18n.h"

#include "vpc-file.h"
#include "vpc-iac.h"
#include "vpc-preferences.h"
#include "vpc-safe-save.h"
#include "vpc-settings.h"

struct _VpcExportDialog
{
  AdwWindow    parent_instance;

  AdwComboRow *format_row;
  AdwComboRow *scale_row;
  AdwComboRow *theme_row;
  GtkSwitch   *transparent_switch;
  GtkSwitch   *title_switch;
  GtkSwitch   *legend_switch;
  GtkWidget   *transparent_row;
  GtkWidget   *legend_row;
  AdwActionRow *title_row;

  VpcDesign   *design;
  char        *design_path;    /* NULL when not saved yet */
  char        *fallback_title; /* the file's name, or NULL */
  GSettings   *settings;       /* NULL: choices are not remembered */
};

G_DEFINE_FINAL_TYPE (VpcExportDialog, vpc_export_dialog, ADW_TYPE_WINDOW)

enum {
  SIGNAL_EXPORT_REQUESTED,
  N_SIGNALS,
};

static guint signals[N_SIGNALS];

/* The settings' values, in the order of the rows' items. */
static const char *const formats[]
    = { "png", "svg", "pdf", "json", "drawio", "cfn-yaml", "cfn-json", "terraform", NULL };
static const char *const suffixes[]
    = { ".png", ".svg", ".pdf", ".vpcd.json", ".drawio", ".yaml", ".cfn.json", ".tf" };
static const char *const scales[] = { "1", "2", "3", NULL };
static const char *const themes[] = { "light", "dark", NULL };

const char *
vpc_export_dialog_get_format (VpcExportDialog *self)
{
  guint i = adw_combo_row_get_selected (self->format_row);

  return i < G_N_ELEMENTS (suffixes) ? formats[i] : formats[0];
}

const char *
vpc_export_dialog_get_suffix (VpcExportDialog *self)
{
  guint i = adw_combo_row_get_selected (self->format_row);

  return i < G_N_ELEMENTS (suffixes) ? suffixes[i] : suffixes[0];
}

/* Only what the format can use is offered. */
static void
update_rows (VpcExportDialog *self)
{
  const char *format = vpc_export_dialog_get_format (self);
  /* A diagrams.net page is shapes for its editor: no theme, no title block. */
  gboolean picture = !g_str_equal (format, "json") && !g_str_equal (format, "drawio") &&
                     !vpc_iac_path_is_export (vpc_export_dialog_get_suffix (self));

  gtk_widget_set_sensitive (GTK_WIDGET (self->scale_row), g_str_equal (format, "png"));
  gtk_widget_set_sensitive (GTK_WIDGET (self->theme_row), picture);
  gtk_widget_set_sensitive (self->transparent_row,
                            g_str_equal (format, "png") || g_str_equal (format, "svg"));
  gtk_widget_set_sensitive (GTK_WIDGET (self->title_row), picture);
  gtk_widget_set_sensitive (self->legend_row,
                            picture && gtk_switch_get_active (self->title_switch));
}

void
vpc_export_dialog_get_options (VpcExportDialog  *self,
                               VpcExportOptions *options)
{
  const char *format = vpc_export_dialog_get_format (self);
  g_autofree char *text_size
      = self->settings != NULL ? g_settings_get_string (self->settings, "text-size") : NULL;

  vpc_export_options_init (options);
  options->theme
      = adw_combo_row_get_selected (self->theme_row) == 1 ? VPC_THEME_DARK : VPC_THEME_LIGHT;
  options->scale
      = g_str_equal (format, "png") ? adw_combo_row_get_selected (self->scale_row) + 1.0 : 1.0;
  options->background = !(gtk_switch_get_active (self->transparent_switch) &&
                          (g_str_equal (format, "png") || g_str_equal (format, "svg")));
  options->title_block = gtk_switch_get_active (self->title_switch);
  options->legend = options->title_block && gtk_switch_get_active (self->legend_switch);
  options->text_scale = text_size != NULL ? g_ascii_strtod (text_size, NULL) / 100.0 : 1.0;
  options->fallback_title = self->fallback_title;
}

gboolean
vpc_export_dialog_write (VpcExportDialog *self,
                         const char      *path,
                         GError         **error)
{
  VpcExportOptions options;

  g_return_val_if_fail (VPC_IS_EXPORT_DIALOG (self), FALSE);

  if (!vpc_safe_save_check (path, self->design_path, error))
    return FALSE;
  if (g_str_equal (vpc_export_dialog_get_format (self), "json"))
    {
      gsize length = 0;
      g_autofree char *text = vpc_file_serialize (self->design, &length);

      return vpc_safe_save (path, text, length, error);
    }
  if (vpc_iac_path_is_export (vpc_export_dialog_get_suffix (self)))
    return vpc_iac_export_to_file (self->design, path, error);
  vpc_export_dialog_get_options (self, &options);
  return vpc_export_to_file_full (self->design, path, &options, error);
}

static void
export_clicked_cb (VpcExportDialog *self)
{
  g_signal_emit (self, signals[SIGNAL_EXPORT_REQUESTED], 0);
}

static void
vpc_export_dialog_dispose (GObject *object)
{
  VpcExportDialog *self = VPC_EXPORT_DIALOG (object);

  g_clear_object (&self->design);
  g_clear_object (&self->settings);
  G_OBJECT_CLASS (vpc_export_dialog_parent_class)->dispose (object);
}

static void
vpc_export_dialog_finalize (GObject *object)
{
  VpcExportDialog *self = VPC_EXPORT_DIALOG (object);

  g_free (self->design_path);
  g_free (self->fallback_title);
  G_OBJECT_CLASS (vpc_export_dialog_parent_class)->finalize (object);
}

static void
vpc_export_dialog_class_init (VpcExportDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = vpc_export_dialog_dispose;
  object_class->finalize = vpc_export_dialog_finalize;
  /* "export-requested" (): the user chose; the window asks where. */
  signals[SIGNAL_EXPORT_REQUESTED] =
    g_signal_new ("export-requested", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                  NULL, NULL, NULL, G_TYPE_NONE, 0);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static AdwComboRow *
combo_row (AdwPreferencesGroup *group,
           const char          *title,
           const char          *subtitle,
           const char *const   *items)
{
  GtkWidget *row = adw_combo_row_new ();
  g_autoptr(GtkStringList) model = gtk_string_list_new (items);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  if (subtitle != NULL)
    adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  adw_combo_row_set_model (ADW_COMBO_ROW (row), G_LIST_MODEL (model));
  vpc_accessible_name_combo_items (ADW_COMBO_ROW (row));
  adw_preferences_group_add (group, row);
  return ADW_COMBO_ROW (row);
}

static GtkSwitch *
switch_row (AdwPreferencesGroup *group,
            const char          *title,
            const char          *subtitle,
            GtkWidget          **row_out)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *toggle = gtk_switch_new ();

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  if (subtitle != NULL)
    adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  gtk_widget_set_valign (toggle, GTK_ALIGN_CENTER);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), toggle);
  adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), toggle);
  adw_preferences_group_add (group, row);
  if (row_out != NULL)
    *row_out = row;
  return GTK_SWITCH (toggle);
}

static void
vpc_export_dialog_init (VpcExportDialog *self)
{
  const char *format_items[] = { _("PNG image"),
                                 _("SVG vector image"),
                                 _("PDF document"),
                                 _("Design file (JSON)"),
                                 _("Editable diagram (diagrams.net)"),
                                 _("CloudFormation template (YAML)"),
                                 _("CloudFormation template (JSON)"),
                                 _("Terraform configuration"),
                                 NULL };
  const char *scale_items[] = { _("1× (as on screen)"), _("2× (documents, slides)"),
                                _("3× (print, large screens)"), NULL };
  const char *theme_items[] = { _("Light"), _("Dark"), NULL };
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *header = adw_header_bar_new ();
  GtkWidget *cancel = vpc_button_new_with_mnemonic (_("_Cancel"));
  GtkWidget *export = vpc_button_new_with_mnemonic (_("_Export…"));
  GtkWidget *page = adw_preferences_page_new ();
  AdwPreferencesGroup *what = ADW_PREFERENCES_GROUP (adw_preferences_group_new ());
  AdwPreferencesGroup *look = ADW_PREFERENCES_GROUP (adw_preferences_group_new ());

  gtk_window_set_title (GTK_WINDOW (self), _("Export Design"));
  gtk_window_set_default_size (GTK_WINDOW (self), 460, -1);
  adw_header_bar_set_show_end_title_buttons (ADW_HEADER_BAR (header), FALSE);
  adw_header_bar_pack_start (ADW_HEADER_BAR (header), cancel);
  adw_header_bar_pack_end (ADW_HEADER_BAR (header), export);
  gtk_widget_add_css_class (export, "suggested-action");
  gtk_actionable_set_action_name (GTK_ACTIONABLE (cancel), "window.close");
  g_signal_connect_swapped (export, "clicked", G_CALLBACK (export_clicked_cb), self);
  gtk_box_append (GTK_BOX (box), header);
  gtk_box_append (GTK_BOX (box), page);
  adw_window_set_content (ADW_WINDOW (self), box);
  gtk_window_set_default_widget (GTK_WINDOW (self), export);

  adw_preferences_group_set_title (what, _("File"));
  adw_preferences_page_add (ADW_PREFERENCES_PAGE (page), what);
  self->format_row = combo_row (what, _("Format"), NULL, format_items);
  self->scale_row
      = combo_row (what, _("Scale"), _("Pixels per diagram unit of a PNG"), scale_items);
  adw_preferences_group_set_title (look, _("Picture"));
  adw_preferences_page_add (ADW_PREFERENCES_PAGE (page), look);
  self->theme_row = combo_row (look, _("Theme"), NULL, theme_items);
  self->transparent_switch = switch_row (look, _("Transparent Background"),
                                         _("For slides and pages with their own colour (PNG, SVG)"),
                                         &self->transparent_row);
  self->title_switch = switch_row (look, _("Title Block"), NULL, NULL);
  self->title_row = ADW_ACTION_ROW (
      gtk_widget_get_ancestor (GTK_WIDGET (self->title_switch), ADW_TYPE_ACTION_ROW));
  self->legend_switch = switch_row (
      look, _("Legend"), _("What the shapes and lines of this design mean"), &self->legend_row);
  adw_combo_row_set_selected (self->scale_row, 1);
  gtk_switch_set_active (self->title_switch, TRUE);
  gtk_switch_set_active (self->legend_switch, TRUE);
  g_signal_connect_swapped (self->format_row, "notify::selected", G_CALLBACK (update_rows), self);
  g_signal_connect_swapped (self->title_switch, "notify::active", G_CALLBACK (update_rows), self);
}

GtkWidget *
vpc_export_dialog_new (GtkWindow  *parent,
                       VpcDesign  *design,
                       GFile      *design_file,
                       GSettings  *settings,
                       const char *format)
{
  VpcExportDialog *self;
  g_autofree char *title_text = NULL;

  g_return_val_if_fail (VPC_IS_DESIGN (design), NULL);

  self = g_object_new (VPC_TYPE_EXPORT_DIALOG, "transient-for", parent, "modal", parent != NULL,
                       NULL);
  self->design = g_object_ref (design);
  self->design_path = design_file != NULL ? g_file_get_path (design_file) : NULL;
  self->fallback_title = vpc_export_title_from_path (self->design_path);
  self->settings = settings != NULL ? g_object_ref (settings) : vpc_settings_new ();
  if (self->settings != NULL)
    {
      vpc_preferences_bind_combo (self->settings, "export-format", self->format_row, formats);
      vpc_preferences_bind_combo (self->settings, "export-scale", self->scale_row, scales);
      vpc_preferences_bind_combo (self->settings, "export-theme", self->theme_row, themes);
      g_settings_bind (self->settings, "export-transparent", self->transparent_switch, "active",
                       G_SETTINGS_BIND_DEFAULT);
      g_settings_bind (self->settings, "export-title-block", self->title_switch, "active",
                       G_SETTINGS_BIND_DEFAULT);
      g_settings_bind (self->settings, "export-legend", self->legend_switch, "active",
                       G_SETTINGS_BIND_DEFAULT);
    }
  for (guint i = 0; format != NULL && formats[i] != NULL; i++)
    if (g_str_equal (formats[i], format))
      adw_combo_row_set_selected (self->format_row, i);

  /* Say which title the picture will carry. */
  {
    const char *name = vpc_design_get_info (design)->name;

    if (name != NULL && *name != '\0')
      title_text = g_strdup_printf (_("Titled “%s”"), name);
    else if (self->fallback_title != NULL)
      title_text = g_strdup_printf (_("Titled “%s”, the file’s name (the design has none)"),
                                    self->fallback_title);
    else
      title_text
          = g_strdup (_("Titled “Untitled design”: give the design a name in the inspector"));
    adw_action_row_set_subtitle (self->title_row, title_text);
  }
  update_rows (self);
  return GTK_WIDGET (self);
}
