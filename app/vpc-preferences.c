/* SPDX-License-Identifier: GPL-3.0-or-later */
/* vpc-preferences.c: the Preferences window, bound to GSettings. */
#include "vpc-preferences.h"

#include "vpc-accessible.h"
#include "vpc-i18n.h"

#include "vpc-cost.h"

struct _VpcPreferences
{
  AdwPreferencesWindow parent_instance;

  AdwComboRow   *color_scheme_row;
  AdwComboRow   *text_size_row;
  GtkSwitch     *grid_switch;
  GtkSwitch     *snap_switch;
  AdwComboRow   *region_row;
  GtkStringList *region_list;
  AdwComboRow   *profile_row;

  GSettings     *settings;
};

G_DEFINE_FINAL_TYPE (VpcPreferences, vpc_preferences, ADW_TYPE_PREFERENCES_WINDOW)

static const char *const color_schemes[] = { "follow", "light", "dark", NULL };
static const char *const profiles[] = { "study-guide", "precise", NULL };
static const char *const text_sizes[] = { "100", "125", "150", "175", "200", NULL };

/* A combo row's "selected" <-> a string key, through a NULL-terminated
 * list of the key's values (stored as the mapping's user data). */
static gboolean
nick_to_selected (GValue   *value,
                  GVariant *variant,
                  gpointer  user_data)
{
  const char *const *nicks = user_data;
  const char *nick = g_variant_get_string (variant, NULL);

  for (guint i = 0; nicks[i] != NULL; i++)
    if (g_str_equal (nicks[i], nick))
      {
        g_value_set_uint (value, i);
        return TRUE;
      }
  /* A value the list does not offer (a region typed into the design). */
  g_value_set_uint (value, GTK_INVALID_LIST_POSITION);
  return TRUE;
}

static GVariant *
selected_to_nick (const GValue       *value,
                  const GVariantType *type,
                  gpointer            user_data)
{
  const char *const *nicks = user_data;
  guint selected = g_value_get_uint (value);

  if (selected >= g_strv_length ((char **) nicks))
    return NULL;
  return g_variant_new_string (nicks[selected]);
}

void
vpc_preferences_bind_combo (GSettings         *settings,
                            const char        *key,
                            AdwComboRow       *row,
                            const char *const *nicks)
{
  g_settings_bind_with_mapping (settings, key, row, "selected", G_SETTINGS_BIND_DEFAULT,
                                nick_to_selected, selected_to_nick, (gpointer) nicks, NULL);
}

static void
vpc_preferences_dispose (GObject *object)
{
  VpcPreferences *self = VPC_PREFERENCES (object);

  g_clear_object (&self->settings);
  G_OBJECT_CLASS (vpc_preferences_parent_class)->dispose (object);
}

static void
vpc_preferences_class_init (VpcPreferencesClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = vpc_preferences_dispose;
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/org/example/VpcDesigner/vpc-preferences.ui");
  gtk_widget_class_bind_template_child (widget_class, VpcPreferences, color_scheme_row);
  gtk_widget_class_bind_template_child (widget_class, VpcPreferences, text_size_row);
  gtk_widget_class_bind_template_child (widget_class, VpcPreferences, grid_switch);
  gtk_widget_class_bind_template_child (widget_class, VpcPreferences, snap_switch);
  gtk_widget_class_bind_template_child (widget_class, VpcPreferences, region_row);
  gtk_widget_class_bind_template_child (widget_class, VpcPreferences, region_list);
  gtk_widget_class_bind_template_child (widget_class, VpcPreferences, profile_row);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_w, GDK_CONTROL_MASK, "window.close",
                                       NULL);
}

/* Adw 1.2's search entry of a preferences window has no accessible name. */
static void
name_search_entry (GtkWidget *widget)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      if (GTK_IS_SEARCH_ENTRY (child))
        gtk_accessible_update_property (GTK_ACCESSIBLE (child), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                        _("Search Preferences"), -1);
      else
        name_search_entry (child);
    }
}

static void
vpc_preferences_init (VpcPreferences *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  gtk_string_list_splice (self->region_list, 0, 0, vpc_cost_regions ());
  vpc_accessible_name_combo_items (self->color_scheme_row);
  vpc_accessible_name_combo_items (self->text_size_row);
  vpc_accessible_name_combo_items (self->region_row);
  vpc_accessible_name_combo_items (self->profile_row);
  name_search_entry (GTK_WIDGET (self));
}

GtkWidget *
vpc_preferences_new (GtkWindow *parent,
                     GSettings *settings)
{
  VpcPreferences *self;

  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (G_IS_SETTINGS (settings), NULL);

  self = g_object_new (VPC_TYPE_PREFERENCES,
                       "transient-for", parent,
                       "modal", parent != NULL,
                       NULL);
  self->settings = g_object_ref (settings);
  vpc_preferences_bind_combo (settings, "color-scheme", self->color_scheme_row, color_schemes);
  vpc_preferences_bind_combo (settings, "text-size", self->text_size_row, text_sizes);
  vpc_preferences_bind_combo (settings, "default-region", self->region_row, vpc_cost_regions ());
  vpc_preferences_bind_combo (settings, "default-profile", self->profile_row, profiles);
  g_settings_bind (settings, "show-grid", self->grid_switch, "active", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (settings, "snap-to-grid", self->snap_switch, "active", G_SETTINGS_BIND_DEFAULT);
  return GTK_WIDGET (self);
}

static void
color_scheme_changed_cb (GSettings  *settings,
                         const char *key,
                         gpointer    user_data)
{
  static const AdwColorScheme schemes[] = {
    ADW_COLOR_SCHEME_DEFAULT, ADW_COLOR_SCHEME_FORCE_LIGHT, ADW_COLOR_SCHEME_FORCE_DARK,
  };
  int value = g_settings_get_enum (settings, "color-scheme");

  if (value >= 0 && (guint) value < G_N_ELEMENTS (schemes))
    adw_style_manager_set_color_scheme (adw_style_manager_get_default (), schemes[value]);
}

void
vpc_preferences_follow_color_scheme (GSettings *settings)
{
  g_return_if_fail (G_IS_SETTINGS (settings));

  g_signal_connect (settings, "changed::color-scheme", G_CALLBACK (color_scheme_changed_cb), NULL);
  color_scheme_changed_cb (settings, "color-scheme", NULL);
}
