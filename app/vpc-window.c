/* vpc-window.c: the editor window: document state, title and sidebar. */
#include "vpc-window-private.h"

#include <stdio.h>
#include <string.h>

#include "vpc-cost.h"
#include "vpc-file.h"

G_DEFINE_FINAL_TYPE (VpcWindow, vpc_window, ADW_TYPE_APPLICATION_WINDOW)

enum {
  PROP_0,
  PROP_SHOW_GRID,
  PROP_SNAP_TO_GRID,
  N_PROPS,
};

static GParamSpec *properties[N_PROPS];

/* Title and sidebar */

static char *
design_title (VpcWindow *self)
{
  const char *name = self->design ? vpc_design_get_info (self->design)->name : NULL;

  if (name != NULL && name[0] != '\0')
    return g_strdup (name);
  if (self->file != NULL)
    {
      g_autofree char *base = g_file_get_basename (self->file);

      if (g_str_has_suffix (base, ".vpcd.json"))
        base[strlen (base) - strlen (".vpcd.json")] = '\0';
      return g_steal_pointer (&base);
    }
  return g_strdup ("Untitled Design");
}

void
_vpc_window_update_title (VpcWindow *self)
{
  g_autofree char *name = NULL;
  g_autofree char *title = NULL;
  g_autofree char *subtitle = NULL;

  if (self->design == NULL)
    {
      adw_window_title_set_title (self->window_title, "VPC Designer");
      adw_window_title_set_subtitle (self->window_title, NULL);
      gtk_window_set_title (GTK_WINDOW (self), "VPC Designer");
      return;
    }
  name = design_title (self);
  title = vpc_design_get_modified (self->design) ? g_strdup_printf ("• %s", name) : g_strdup (name);
  if (self->file != NULL)
    {
      g_autoptr(GFile) parent = g_file_get_parent (self->file);
      g_autofree char *base = g_file_get_basename (self->file);
      g_autofree char *dir = parent ? g_file_get_parse_name (parent) : NULL;

      subtitle = dir ? g_strdup_printf ("%s — %s", base, dir) : g_strdup (base);
    }
  else
    subtitle = g_strdup ("Not saved yet");
  adw_window_title_set_title (self->window_title, title);
  adw_window_title_set_subtitle (self->window_title, subtitle);
  gtk_window_set_title (GTK_WINDOW (self), title);
}

static void
update_findings (VpcWindow *self)
{
  g_autofree char *text = NULL;
  guint errors, warnings, infos;

  if (self->validator == NULL)
    {
      gtk_label_set_text (self->findings_label, "");
      return;
    }
  errors = vpc_validator_count (self->validator, VPC_SEVERITY_ERROR);
  warnings = vpc_validator_count (self->validator, VPC_SEVERITY_WARNING);
  infos = vpc_validator_count (self->validator, VPC_SEVERITY_INFO);
  if (errors + warnings + infos == 0)
    text = g_strdup ("No findings");
  else
    text = g_strdup_printf ("%u %s, %u %s, %u info",
                            errors, errors == 1 ? "error" : "errors",
                            warnings, warnings == 1 ? "warning" : "warnings", infos);
  gtk_label_set_text (self->findings_label, text);
}

static void
update_cost (VpcWindow *self)
{
  g_autoptr(VpcCostReport) report = NULL;
  g_autofree char *total = NULL;

  if (self->design == NULL)
    {
      gtk_label_set_text (self->cost_label, "");
      return;
    }
  report = vpc_cost_compute (self->design, NULL);
  if (!report->priced)
    {
      gtk_label_set_text (self->cost_label, report->reason ? report->reason : "Not priced");
      return;
    }
  total = vpc_cost_format (report->total_micros, FALSE);
  gtk_label_set_text (self->cost_label, total);
}

static void
selection_changed_cb (VpcWindow *self)
{
  GHashTable *selection = vpc_canvas_get_selection (self->canvas);
  guint n = g_hash_table_size (selection);
  g_autofree char *text = NULL;

  if (n == 0 || self->design == NULL)
    text = g_strdup ("Nothing selected");
  else if (n == 1)
    {
      GHashTableIter iter;
      gpointer key;
      const VpcElement *e;

      g_hash_table_iter_init (&iter, selection);
      g_hash_table_iter_next (&iter, &key, NULL);
      e = vpc_design_lookup (self->design, key);
      if (e == NULL)
        text = g_strdup ("The VPC");
      else if (e->kind == VPC_KIND_WORKLOAD)
        text = g_strdup_printf ("%s (%s)", vpc_element_get_display_name (e),
                                vpc_workload_kind_to_label (e->workload_kind));
      else if (e->kind == VPC_KIND_SUBNET)
        text = g_strdup_printf ("%s (%s subnet, %s)", vpc_element_get_display_name (e),
                                vpc_route_to_string (e->route), e->cidr ? e->cidr : "");
      else if (e->kind == VPC_KIND_ENDPOINT)
        text = g_strdup_printf ("%s (%s %s endpoint, %u subnets)", vpc_element_get_display_name (e),
                                e->service, vpc_endpoint_type_to_string (e->endpoint_type),
                                e->subnets->len);
      else
        text = g_strdup_printf ("%s (%s)", vpc_element_get_display_name (e), vpc_kind_to_label (e->kind));
    }
  else
    text = g_strdup_printf ("%u elements", n);
  gtk_label_set_text (self->selection_label, text);
}

static void
zoom_changed_cb (VpcWindow *self)
{
  g_autofree char *text =
    g_strdup_printf ("%.0f%%", 100 * vpc_viewport_get_zoom (vpc_canvas_get_viewport (self->canvas)));

  gtk_label_set_text (self->zoom_label, text);
}

static void
design_changed_cb (VpcWindow *self)
{
  update_cost (self);
  selection_changed_cb (self);
  _vpc_window_actions_update (self);
}

static void
modified_changed_cb (VpcWindow *self)
{
  _vpc_window_update_title (self);
  _vpc_window_actions_update (self);
}

/* Document */

void
_vpc_window_set_design (VpcWindow *self,
                        VpcDesign *design,
                        GFile     *file)
{
  if (self->validator != NULL)
    g_signal_handlers_disconnect_by_data (self->validator, self);
  vpc_canvas_set_findings (self->canvas, NULL);
  vpc_canvas_set_design (self->canvas, NULL);
  g_clear_object (&self->validator);
  g_set_object (&self->design, design);
  g_set_object (&self->file, file);
  g_signal_group_set_target (self->design_signals, design);

  if (design != NULL)
    {
      self->validator = vpc_validator_new (design);
      g_signal_connect_object (self->validator, "items-changed",
                               G_CALLBACK (update_findings), self, G_CONNECT_SWAPPED);
      vpc_canvas_set_design (self->canvas, design);
      vpc_canvas_set_findings (self->canvas, G_LIST_MODEL (self->validator));
      gtk_stack_set_visible_child_name (self->stack, "editor");
      gtk_widget_grab_focus (GTK_WIDGET (self->canvas));
    }
  else
    gtk_stack_set_visible_child_name (self->stack, "start");
  update_findings (self);
  update_cost (self);
  selection_changed_cb (self);
  _vpc_window_update_title (self);
  _vpc_window_actions_update (self);
}

void
vpc_window_set_design (VpcWindow *self,
                       VpcDesign *design,
                       GFile     *file)
{
  g_autoptr(VpcDesign) owned = design;

  g_return_if_fail (VPC_IS_WINDOW (self));
  _vpc_window_set_design (self, owned, file);
}

VpcDesign *
vpc_window_get_design (VpcWindow *self)
{
  g_return_val_if_fail (VPC_IS_WINDOW (self), NULL);
  return self->design;
}

GFile *
vpc_window_get_file (VpcWindow *self)
{
  g_return_val_if_fail (VPC_IS_WINDOW (self), NULL);
  return self->file;
}

gboolean
vpc_window_get_modified (VpcWindow *self)
{
  g_return_val_if_fail (VPC_IS_WINDOW (self), FALSE);
  return self->design != NULL && vpc_design_get_modified (self->design);
}

GtkWidget *
vpc_window_get_canvas (VpcWindow *self)
{
  g_return_val_if_fail (VPC_IS_WINDOW (self), NULL);
  return GTK_WIDGET (self->canvas);
}

VpcDesign *
vpc_window_new_design (void)
{
  VpcDesign *design = vpc_design_new ();
  VpcDesignInfo *info = vpc_design_info_new ();

  info->has_vpc_layout = TRUE;
  info->vpc_layout = (VpcRect) { 0, 0, 920, 420 };
  vpc_design_take_info (design, info);
  return design;
}

void
_vpc_window_show_error (VpcWindow  *self,
                        const char *heading,
                        const char *body)
{
  GtkWidget *dialog = adw_message_dialog_new (GTK_WINDOW (self), heading, body);

  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", "_Close");
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "close");
  gtk_window_present (GTK_WINDOW (dialog));
}

void
_vpc_window_toast (VpcWindow  *self,
                   const char *message)
{
  adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (message));
}

void
vpc_window_open_file (VpcWindow *self,
                      GFile     *file)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) warnings = NULL;
  g_autoptr(VpcDesign) design = NULL;
  g_autofree char *path = NULL;

  g_return_if_fail (VPC_IS_WINDOW (self));
  g_return_if_fail (G_IS_FILE (file));

  path = g_file_get_path (file);
  if (path != NULL)
    design = vpc_file_load_path (path, &warnings, &error);
  else
    g_set_error (&error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED, "Only local files can be opened");
  if (design == NULL)
    {
      g_autofree char *name = g_file_get_parse_name (file);
      g_autofree char *heading = g_strdup_printf ("Could not open “%s”", name);

      /* The open document (if any) stays as it was. */
      _vpc_window_show_error (self, heading, error->message);
      return;
    }
  _vpc_window_set_design (self, design, file);
  if (warnings != NULL && warnings->len > 0)
    {
      g_autofree char *message =
        g_strdup_printf ("Opened with %u warning%s: %s", warnings->len, warnings->len == 1 ? "" : "s",
                         (const char *) g_ptr_array_index (warnings, 0));
      _vpc_window_toast (self, message);
    }
}

gboolean
_vpc_window_save_to (VpcWindow *self,
                     GFile     *file)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_file_get_path (file);

  if (self->design == NULL)
    return FALSE;
  if (path == NULL || !vpc_file_save_path (self->design, path, &error))
    {
      g_autofree char *name = g_file_get_parse_name (file);
      g_autofree char *heading = g_strdup_printf ("Could not save “%s”", name);

      _vpc_window_show_error (self, heading, error ? error->message : "Only local files can be saved");
      return FALSE;
    }
  g_set_object (&self->file, file);
  _vpc_window_update_title (self);
  _vpc_window_actions_update (self);
  return TRUE;
}

/* Callbacks from the template */

static void
open_example_cb (VpcWindow  *self,
                 const char *path)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);

  vpc_window_open_file (self, file);
  /* An example is a template: saving asks where to. */
  if (self->design != NULL && g_file_equal (self->file, file))
    {
      g_clear_object (&self->file);
      _vpc_window_update_title (self);
    }
}

static void
palette_item_activated_cb (VpcWindow  *self,
                           const char *item)
{
  vpc_canvas_add_item (self->canvas, item);
  gtk_widget_grab_focus (GTK_WIDGET (self->canvas));
}

/* Closing with unsaved changes */

static void
close_response_cb (AdwMessageDialog *dialog,
                   const char       *response,
                   VpcWindow        *self)
{
  if (g_strcmp0 (response, "discard") == 0)
    {
      self->close_confirmed = TRUE;
      gtk_window_close (GTK_WINDOW (self));
    }
  else if (g_strcmp0 (response, "save") == 0)
    gtk_widget_activate_action (GTK_WIDGET (self), "win.save-then-close", NULL);
}

static gboolean
vpc_window_close_request (GtkWindow *window)
{
  VpcWindow *self = VPC_WINDOW (window);
  GtkWidget *dialog;
  g_autofree char *name = NULL;
  g_autofree char *body = NULL;

  if (self->close_confirmed || !vpc_window_get_modified (self))
    return GTK_WINDOW_CLASS (vpc_window_parent_class)->close_request (window);
  name = design_title (self);
  body = g_strdup_printf ("“%s” has changes that are not saved. Closing discards them.", name);
  dialog = adw_message_dialog_new (window, "Save Changes?", body);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", "_Cancel",
                                    "discard", "_Discard",
                                    "save", "_Save",
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "discard",
                                              ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "save",
                                              ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "save");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_signal_connect_object (dialog, "response", G_CALLBACK (close_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
  return TRUE;
}

/* GObject */

static void
vpc_window_get_property (GObject    *object,
                         guint       prop_id,
                         GValue     *value,
                         GParamSpec *pspec)
{
  VpcWindow *self = VPC_WINDOW (object);

  switch (prop_id)
    {
    case PROP_SHOW_GRID:
      g_value_set_boolean (value, self->canvas == NULL || vpc_canvas_get_show_grid (self->canvas));
      break;
    case PROP_SNAP_TO_GRID:
      g_value_set_boolean (value, self->canvas == NULL || vpc_canvas_get_snap_to_grid (self->canvas));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
vpc_window_set_property (GObject      *object,
                         guint         prop_id,
                         const GValue *value,
                         GParamSpec   *pspec)
{
  VpcWindow *self = VPC_WINDOW (object);

  switch (prop_id)
    {
    case PROP_SHOW_GRID:
      if (self->canvas != NULL)
        vpc_canvas_set_show_grid (self->canvas, g_value_get_boolean (value));
      break;
    case PROP_SNAP_TO_GRID:
      if (self->canvas != NULL)
        vpc_canvas_set_snap_to_grid (self->canvas, g_value_get_boolean (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
forward_notify_cb (VpcWindow  *self,
                   GParamSpec *pspec)
{
  if (g_strcmp0 (pspec->name, "show-grid") == 0)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SHOW_GRID]);
  else if (g_strcmp0 (pspec->name, "snap-to-grid") == 0)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SNAP_TO_GRID]);
}

static void
vpc_window_dispose (GObject *object)
{
  VpcWindow *self = VPC_WINDOW (object);

  if (self->chooser != NULL)
    gtk_native_dialog_destroy (self->chooser);
  g_clear_object (&self->chooser);
  if (self->design_signals != NULL)
    g_signal_group_set_target (self->design_signals, NULL);
  g_clear_object (&self->design_signals);
  if (self->validator != NULL)
    g_signal_handlers_disconnect_by_data (self->validator, self);
  if (self->canvas != NULL)
    {
      vpc_canvas_set_findings (self->canvas, NULL);
      vpc_canvas_set_design (self->canvas, NULL);
    }
  g_clear_object (&self->validator);
  g_clear_object (&self->design);
  g_clear_object (&self->file);
  G_OBJECT_CLASS (vpc_window_parent_class)->dispose (object);
}

static void
vpc_window_class_init (VpcWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->dispose = vpc_window_dispose;
  object_class->get_property = vpc_window_get_property;
  object_class->set_property = vpc_window_set_property;
  window_class->close_request = vpc_window_close_request;

  properties[PROP_SHOW_GRID] =
    g_param_spec_boolean ("show-grid", NULL, NULL, TRUE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_SNAP_TO_GRID] =
    g_param_spec_boolean ("snap-to-grid", NULL, NULL, TRUE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (VPC_TYPE_CANVAS);
  g_type_ensure (VPC_TYPE_PALETTE);
  g_type_ensure (VPC_TYPE_START_PAGE);

  gtk_widget_class_set_template_from_resource (widget_class, "/org/example/VpcDesigner/vpc-window.ui");
  gtk_widget_class_bind_template_child (widget_class, VpcWindow, window_title);
  gtk_widget_class_bind_template_child (widget_class, VpcWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, VpcWindow, stack);
  gtk_widget_class_bind_template_child (widget_class, VpcWindow, start_page);
  gtk_widget_class_bind_template_child (widget_class, VpcWindow, palette);
  gtk_widget_class_bind_template_child (widget_class, VpcWindow, canvas);
  gtk_widget_class_bind_template_child (widget_class, VpcWindow, sidebar);
  gtk_widget_class_bind_template_child (widget_class, VpcWindow, findings_label);
  gtk_widget_class_bind_template_child (widget_class, VpcWindow, cost_label);
  gtk_widget_class_bind_template_child (widget_class, VpcWindow, selection_label);
  gtk_widget_class_bind_template_child (widget_class, VpcWindow, zoom_label);
  gtk_widget_class_bind_template_callback (widget_class, open_example_cb);
  gtk_widget_class_bind_template_callback (widget_class, palette_item_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, selection_changed_cb);

  _vpc_window_class_actions_init (widget_class);
}

static void
vpc_window_init (VpcWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->design_signals = g_signal_group_new (VPC_TYPE_DESIGN);
  g_signal_group_connect_swapped (self->design_signals, "changed", G_CALLBACK (design_changed_cb), self);
  g_signal_group_connect_swapped (self->design_signals, "info-changed", G_CALLBACK (modified_changed_cb), self);
  g_signal_group_connect_swapped (self->design_signals, "notify::modified", G_CALLBACK (modified_changed_cb), self);
  g_signal_group_connect_swapped (self->design_signals, "notify::can-undo", G_CALLBACK (_vpc_window_actions_update), self);
  g_signal_group_connect_swapped (self->design_signals, "notify::can-redo", G_CALLBACK (_vpc_window_actions_update), self);
  g_signal_connect_object (vpc_canvas_get_viewport (self->canvas), "notify::zoom",
                           G_CALLBACK (zoom_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->canvas, "notify", G_CALLBACK (forward_notify_cb), self,
                           G_CONNECT_SWAPPED);

  {
    const char *size = g_getenv ("VPC_TEST_WINDOW_SIZE");
    int w, h;

    if (size != NULL && sscanf (size, "%dx%d", &w, &h) == 2 && w > 0 && h > 0)
      gtk_window_set_default_size (GTK_WINDOW (self), w, h);
  }

  _vpc_window_set_design (self, NULL, NULL);
}

VpcWindow *
vpc_window_new (VpcApplication *app)
{
  return g_object_new (VPC_TYPE_WINDOW, "application", app, NULL);
}
