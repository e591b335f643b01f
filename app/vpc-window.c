/* SPDX-License-Identifier: GPL-3.0-or-later */
/* vpc-window.c: the editor window: document state, title, sidebar,
 * settings and closing. */
#include "vpc-window-private.h"

#include "vpc-test-hooks.h"

#include <stdio.h>
#include <string.h>

#include "vpc-application.h"
#include "vpc-i18n.h"
#include "vpc-editing.h"

G_DEFINE_FINAL_TYPE (VpcWindow, vpc_window, ADW_TYPE_APPLICATION_WINDOW)

enum {
  PROP_0,
  PROP_SHOW_GRID,
  PROP_SNAP_TO_GRID,
  PROP_FOCUS_VIEW,
  N_PROPS,
};

static GParamSpec *properties[N_PROPS];

/* Title and sidebar */

char *
_vpc_window_design_title (VpcWindow *self)
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
  return g_strdup (_("Untitled Design"));
}

void
_vpc_window_update_title (VpcWindow *self)
{
  g_autofree char *name = NULL;
  g_autofree char *title = NULL;
  g_autofree char *subtitle = NULL;

  if (self->design == NULL)
    {
      adw_window_title_set_title (self->window_title, _("VPC Designer"));
      adw_window_title_set_subtitle (self->window_title, NULL);
      gtk_window_set_title (GTK_WINDOW (self), _("VPC Designer"));
      return;
    }
  name = _vpc_window_design_title (self);
  title = vpc_design_get_modified (self->design) ? g_strdup_printf ("• %s", name) : g_strdup (name);
  if (self->file != NULL)
    {
      g_autoptr(GFile) parent = g_file_get_parent (self->file);
      g_autofree char *base = g_file_get_basename (self->file);
      g_autofree char *dir = parent ? g_file_get_parse_name (parent) : NULL;

      subtitle = dir ? g_strdup_printf ("%s — %s", base, dir) : g_strdup (base);
    }
  else
    subtitle = g_strdup (_("Not saved yet"));
  adw_window_title_set_title (self->window_title, title);
  adw_window_title_set_subtitle (self->window_title, subtitle);
  gtk_window_set_title (GTK_WINDOW (self), title);
}

static void
selection_changed_cb (VpcWindow *self)
{
  g_auto(GStrv) ids = NULL;

  if (self->design != NULL)
    ids = vpc_editing_selected_ids (self->design, vpc_canvas_get_selection (self->canvas));
  /* The VPC is no element, but the outline has a row for it. */
  if (ids != NULL && g_hash_table_contains (vpc_canvas_get_selection (self->canvas),
                                            VPC_CONTAINMENT_VPC_ID))
    {
      guint n = g_strv_length (ids);

      ids = g_renew (char *, ids, n + 2);
      ids[n] = g_strdup (VPC_CONTAINMENT_VPC_ID);
      ids[n + 1] = NULL;
    }
  vpc_sidebar_set_selection (self->sidebar, (const char *const *) ids);
}

/* win.select-elements(as): a panel picked elements (a finding's); the
 * canvas selects them and brings them into view. */
static void
select_elements_action (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *parameter)
{
  VpcWindow *self = VPC_WINDOW (widget);
  g_autofree const char **ids = g_variant_get_strv (parameter, NULL);

  if (self->design == NULL)
    return;
  vpc_canvas_select (self->canvas, ids);
  vpc_canvas_centre_on (self->canvas, ids);
}

/* win.canvas-action(s): a panel's command on the canvas selection (the
 * outline's Delete and Connect to…), e.g. 'canvas.delete'. */
static void
canvas_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  VpcWindow *self = VPC_WINDOW (widget);
  const char *name = g_variant_get_string (parameter, NULL);

  if (self->design != NULL && g_str_has_prefix (name, "canvas."))
    gtk_widget_activate_action (GTK_WIDGET (self->canvas), name, NULL);
}

static void
zoom_changed_cb (VpcWindow *self)
{
  g_autofree char *text =
      /* TRANSLATORS: the zoom level in percent, on the header bar's button. */
      g_strdup_printf (_("%.0f%%"),
                       100 * vpc_viewport_get_zoom (vpc_canvas_get_viewport (self->canvas)));

  gtk_label_set_text (self->zoom_label, text);
}

static void
design_changed_cb (VpcWindow *self)
{
  _vpc_window_what_if_design_changed (self);
  _vpc_window_compare_design_changed (self);
  _vpc_window_present_design_changed (self);
  _vpc_window_actions_update (self);
}

/* Refused edits and the consequences of accepted ones stay readable in the
 * bar over the canvas until dismissed or replaced. */
static void
edit_refused_cb (VpcWindow  *self,
                 const char *message)
{
  vpc_message_bar_show (self->message_bar, VPC_MESSAGE_REFUSED, message);
}

static void
edit_notice_cb (VpcWindow  *self,
                const char *message)
{
  vpc_message_bar_show (self->message_bar, VPC_MESSAGE_NOTICE, message);
}

/* A gesture the canvas could not turn into an edit (dropped outside every
 * zone, …) or one the design refused (then the same text: shown once). */
static void
canvas_refused_cb (VpcWindow  *self,
                   const char *message)
{
  edit_refused_cb (self, message);
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
  g_autofree char *path = NULL;

  _vpc_window_what_if_leave (self);
  _vpc_window_compare_leave (self);
  if (vpc_window_get_presenting (self))
    vpc_window_set_presenting (self, FALSE);
  if (self->recovery != NULL)
    vpc_recovery_writer_discard (self->recovery);
  g_clear_object (&self->recovery);
  vpc_message_bar_dismiss (self->message_bar);
  vpc_sidebar_set_design (self->sidebar, NULL, NULL);
  vpc_canvas_set_findings (self->canvas, NULL);
  vpc_canvas_set_design (self->canvas, NULL);
  g_clear_object (&self->validator);
  g_set_object (&self->design, design);
  g_set_object (&self->file, file);
  self->disk_known = FALSE;
  g_signal_group_set_target (self->design_signals, design);

  if (design != NULL)
    {
      /* Re-check once after a burst of edits (a drag is one edit: the canvas
       * previews it as view state), not inside every change signal. */
      self->validator = vpc_validator_new_deferred (design);
      vpc_canvas_set_design (self->canvas, design);
      vpc_canvas_set_findings (self->canvas, G_LIST_MODEL (self->validator));
      vpc_sidebar_set_design (self->sidebar, design, self->validator);
      path = file != NULL ? g_file_get_path (file) : NULL;
      self->recovery = vpc_recovery_writer_new (design, path);
      gtk_stack_set_visible_child_name (self->stack, "editor");
      gtk_widget_grab_focus (GTK_WIDGET (self->canvas));
    }
  else
    gtk_stack_set_visible_child_name (self->stack, "start");
  selection_changed_cb (self);
  _vpc_window_update_title (self);
  _vpc_window_actions_update (self);
  _vpc_window_lesson_update (self);
}

void
vpc_window_expect_file (VpcWindow *self)
{
  g_return_if_fail (VPC_IS_WINDOW (self));

  if (self->design == NULL)
    gtk_stack_set_visible_child_name (self->stack, "editor");
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

/* A new design in the region and rule profile the preferences name. */
VpcDesign *
_vpc_window_new_design (VpcWindow *self)
{
  VpcDesign *design = vpc_window_new_design ();
  VpcDesignInfo *info;

  if (self->settings == NULL)
    return design;
  info = vpc_design_info_copy (vpc_design_get_info (design));
  g_free (info->region);
  info->region = g_settings_get_string (self->settings, "default-region");
  info->profile = g_settings_get_enum (self->settings, "default-profile") == 1
                  ? VPC_PROFILE_PRECISE : VPC_PROFILE_STUDY_GUIDE;
  vpc_design_take_info (design, info);
  return design;
}

void
vpc_window_open_recovered (VpcWindow  *self,
                           VpcDesign  *design,
                           const char *original_path)
{
  g_autoptr(VpcDesign) owned = design;
  g_autoptr(GFile) file = original_path != NULL ? g_file_new_for_path (original_path) : NULL;

  g_return_if_fail (VPC_IS_WINDOW (self));
  g_return_if_fail (VPC_IS_DESIGN (design));

  _vpc_window_set_design (self, owned, file);
  /* Our own copy replaces the one recovered from. */
  vpc_recovery_writer_flush (self->recovery);
}

VpcSidebar *
vpc_window_get_sidebar (VpcWindow *self)
{
  g_return_val_if_fail (VPC_IS_WINDOW (self), NULL);
  return self->sidebar;
}

void
_vpc_window_show_error (VpcWindow  *self,
                        const char *heading,
                        const char *body)
{
  GtkWidget *dialog = adw_message_dialog_new (GTK_WINDOW (self), heading, body);

  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "close");
  gtk_window_present (GTK_WINDOW (dialog));
}

void
_vpc_window_toast (VpcWindow  *self,
                   const char *message)
{
  adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (message));
}

/* Callbacks from the template */

static void
open_example_cb (VpcWindow  *self,
                 const char *path)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);

  vpc_window_open_file (self, file);
  /* An example is a template: saving asks where to. */
  if (self->design != NULL && self->file != NULL && g_file_equal (self->file, file))
    {
      g_clear_object (&self->file);
      self->disk_known = FALSE;
      if (self->recovery != NULL)
        vpc_recovery_writer_set_original_path (self->recovery, NULL);
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

static gboolean
close_idle_cb (gpointer data)
{
  gtk_window_close (GTK_WINDOW (data));
  return G_SOURCE_REMOVE;
}

/* Closes after the dialog that asked has gone (it is transient for us). */
void
_vpc_window_close_soon (VpcWindow *self)
{
  g_idle_add_full (G_PRIORITY_DEFAULT, close_idle_cb, g_object_ref (self), g_object_unref);
}

static void
close_response_cb (AdwMessageDialog *dialog,
                   const char       *response,
                   VpcWindow        *self)
{
  if (g_strcmp0 (response, "discard") == 0)
    {
      self->close_confirmed = TRUE;
      _vpc_window_close_soon (self);
    }
  else if (g_strcmp0 (response, "save") == 0)
    _vpc_window_save (self, TRUE);
}

static void
remember_size (VpcWindow *self)
{
  int width, height;

  if (self->settings == NULL)
    return;
  gtk_window_get_default_size (GTK_WINDOW (self), &width, &height);
  g_settings_delay (self->settings);
  g_settings_set_boolean (self->settings, "window-maximized",
                          gtk_window_is_maximized (GTK_WINDOW (self)));
  if (!gtk_window_is_maximized (GTK_WINDOW (self)) && width > 0 && height > 0)
    {
      g_settings_set_int (self->settings, "window-width", width);
      g_settings_set_int (self->settings, "window-height", height);
    }
  g_settings_apply (self->settings);
}

static gboolean
vpc_window_close_request (GtkWindow *window)
{
  VpcWindow *self = VPC_WINDOW (window);
  GtkWidget *dialog;
  g_autofree char *name = NULL;
  g_autofree char *body = NULL;

  if (self->close_confirmed || !vpc_window_get_modified (self))
    {
      remember_size (self);
      /* Saved, or the user chose to discard: no recovery copy is wanted. */
      if (self->recovery != NULL)
        vpc_recovery_writer_discard (self->recovery);
      return GTK_WINDOW_CLASS (vpc_window_parent_class)->close_request (window);
    }
  name = _vpc_window_design_title (self);
  body = g_strdup_printf (_("“%s” has changes that are not saved. Closing discards them."), name);
  dialog = adw_message_dialog_new (window, _("Save Changes?"), body);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "discard", _("_Discard"),
                                    "save", _("_Save"),
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
      g_value_set_boolean (value,
                           self->canvas == NULL || vpc_canvas_get_snap_to_grid (self->canvas));
      break;
    case PROP_FOCUS_VIEW:
      g_value_set_boolean (value, vpc_window_get_focus_view (self));
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
    case PROP_FOCUS_VIEW:
      vpc_window_set_focus_view (self, g_value_get_boolean (value));
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
  if (self->recovery != NULL)
    vpc_recovery_writer_discard (self->recovery);
  g_clear_object (&self->recovery);
  if (self->sidebar != NULL)
    vpc_sidebar_set_design (self->sidebar, NULL, NULL);
  if (self->canvas != NULL)
    {
      vpc_canvas_set_findings (self->canvas, NULL);
      vpc_canvas_set_design (self->canvas, NULL);
    }
  _vpc_window_what_if_dispose (self);
  _vpc_window_review_dispose (self);
  _vpc_window_present_dispose (self);
  g_clear_object (&self->validator);
  g_clear_object (&self->design);
  g_clear_object (&self->file);
  g_clear_object (&self->settings);
  G_OBJECT_CLASS (vpc_window_parent_class)->dispose (object);
}

/* The text-size preference ("100" … "200" percent) as the canvas's text scale. */
static gboolean
text_size_to_scale (GValue   *value,
                    GVariant *variant,
                    gpointer  user_data)
{
  g_value_set_double (value, g_ascii_strtod (g_variant_get_string (variant, NULL), NULL) / 100.0);
  return TRUE;
}

/* The application's settings, when there is one (tests build bare windows). */
static void
vpc_window_constructed (GObject *object)
{
  VpcWindow *self = VPC_WINDOW (object);
  GtkApplication *app = gtk_window_get_application (GTK_WINDOW (self));
  int w, h;

  G_OBJECT_CLASS (vpc_window_parent_class)->constructed (object);

  if (VPC_IS_APPLICATION (app) && vpc_application_get_settings (VPC_APPLICATION (app)) != NULL)
    {
      self->settings = g_object_ref (vpc_application_get_settings (VPC_APPLICATION (app)));
      g_settings_bind (self->settings, "show-grid", self->canvas, "show-grid",
                       G_SETTINGS_BIND_DEFAULT);
      g_settings_bind (self->settings, "snap-to-grid", self->canvas, "snap-to-grid",
                       G_SETTINGS_BIND_DEFAULT);
      g_settings_bind (self->settings, "sidebar-page", self->sidebar, "page",
                       G_SETTINGS_BIND_DEFAULT);
      g_settings_bind_with_mapping (self->settings, "text-size", self->canvas, "text-scale",
                                    G_SETTINGS_BIND_GET, text_size_to_scale, NULL, NULL, NULL);
      gtk_window_set_default_size (GTK_WINDOW (self),
                                   g_settings_get_int (self->settings, "window-width"),
                                   g_settings_get_int (self->settings, "window-height"));
      if (g_settings_get_boolean (self->settings, "window-maximized"))
        gtk_window_maximize (GTK_WINDOW (self));
    }
  if (vpc_test_hooks_window_size (&w, &h))
    gtk_window_set_default_size (GTK_WINDOW (self), w, h);
}

static void
vpc_window_class_init (VpcWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->constructed = vpc_window_constructed;
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
  /* The canvas alone, for a class or a small screen (F9). */
  properties[PROP_FOCUS_VIEW] =
    g_param_spec_boolean ("focus-view", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (VPC_TYPE_CANVAS);
  g_type_ensure (VPC_TYPE_PALETTE);
  g_type_ensure (VPC_TYPE_START_PAGE);
  g_type_ensure (VPC_TYPE_SIDEBAR);
  g_type_ensure (VPC_TYPE_MESSAGE_BAR);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/org/example/VpcDesigner/vpc-window.ui");
  gtk_widget_class_bind_template_child (widget_class, VpcWindow, window_title);
  gtk_widget_class_bind_template_child (widget_class, VpcWindow, header_bar);
  gtk_widget_class_bind_template_child (widget_class, VpcWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, VpcWindow, stack);
  gtk_widget_class_bind_template_child (widget_class, VpcWindow, start_page);
  gtk_widget_class_bind_template_child (widget_class, VpcWindow, palette);
  gtk_widget_class_bind_template_child (widget_class, VpcWindow, canvas);
  gtk_widget_class_bind_template_child (widget_class, VpcWindow, message_bar);
  gtk_widget_class_bind_template_child (widget_class, VpcWindow, sidebar);
  gtk_widget_class_bind_template_child (widget_class, VpcWindow, zoom_label);
  gtk_widget_class_bind_template_child (widget_class, VpcWindow, export_button);
  gtk_widget_class_bind_template_child (widget_class, VpcWindow, recent_menu);
  gtk_widget_class_bind_template_callback (widget_class, open_example_cb);
  gtk_widget_class_bind_template_callback (widget_class, palette_item_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, selection_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, canvas_refused_cb);
  gtk_widget_class_install_action (widget_class, "win.select-elements", "as",
                                   select_elements_action);
  gtk_widget_class_install_action (widget_class, "win.canvas-action", "s", canvas_action);

  _vpc_window_class_actions_init (widget_class);
  _vpc_window_class_what_if_init (widget_class);
  _vpc_window_class_review_init (widget_class);
  _vpc_window_class_import_init (widget_class);
  _vpc_window_class_present_init (widget_class);
  _vpc_window_class_lesson_init (widget_class);
  gtk_widget_class_install_property_action (widget_class, "win.focus-view", "focus-view");
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_F9, 0, "win.focus-view", NULL);
}

static void
vpc_window_init (VpcWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->design_signals = g_signal_group_new (VPC_TYPE_DESIGN);
  g_signal_group_connect_swapped (self->design_signals, "changed", G_CALLBACK (design_changed_cb),
                                  self);
  g_signal_group_connect_swapped (self->design_signals, "edit-refused",
                                  G_CALLBACK (edit_refused_cb), self);
  g_signal_group_connect_swapped (self->design_signals, "edit-notice", G_CALLBACK (edit_notice_cb),
                                  self);
  g_signal_group_connect_swapped (self->design_signals, "info-changed",
                                  G_CALLBACK (modified_changed_cb), self);
  g_signal_group_connect_swapped (self->design_signals, "notify::modified",
                                  G_CALLBACK (modified_changed_cb), self);
  g_signal_group_connect_swapped (self->design_signals, "notify::can-undo",
                                  G_CALLBACK (_vpc_window_actions_update), self);
  g_signal_group_connect_swapped (self->design_signals, "notify::can-redo",
                                  G_CALLBACK (_vpc_window_actions_update), self);
  g_signal_connect_object (vpc_canvas_get_viewport (self->canvas), "notify::zoom",
                           G_CALLBACK (zoom_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->canvas, "notify", G_CALLBACK (forward_notify_cb), self,
                           G_CONNECT_SWAPPED);
  _vpc_window_files_init (self);
  _vpc_window_what_if_init (self);
  _vpc_window_review_init (self);
  _vpc_window_present_init (self);
  _vpc_window_lesson_init (self);

  _vpc_window_set_design (self, NULL, NULL);
}

gboolean
vpc_window_get_focus_view (VpcWindow *self)
{
  g_return_val_if_fail (VPC_IS_WINDOW (self), FALSE);
  return self->focus_view;
}

void
vpc_window_set_focus_view (VpcWindow *self,
                           gboolean   focus_view)
{
  g_return_if_fail (VPC_IS_WINDOW (self));
  focus_view = !!focus_view;
  if (self->focus_view == focus_view)
    return;
  self->focus_view = focus_view;
  gtk_widget_set_visible (GTK_WIDGET (self->palette), !focus_view);
  gtk_widget_set_visible (GTK_WIDGET (self->sidebar), !focus_view);
  /* The canvas keeps the keyboard (Tab walks the elements, F9 comes back). */
  if (self->design != NULL)
    gtk_widget_grab_focus (GTK_WIDGET (self->canvas));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FOCUS_VIEW]);
}

VpcWindow *
vpc_window_new (VpcApplication *app)
{
  return g_object_new (VPC_TYPE_WINDOW, "application", app, NULL);
}
