/* SPDX-License-Identifier: GPL-3.0-or-later */
/* vpc-preferences.h: the Preferences window, bound to GSettings. */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define VPC_TYPE_PREFERENCES (vpc_preferences_get_type ())
G_DECLARE_FINAL_TYPE (VpcPreferences, vpc_preferences, VPC, PREFERENCES, AdwPreferencesWindow)

/* A window editing @settings (schema org.example.VpcDesigner) live. */
GtkWidget *vpc_preferences_new (GtkWindow *parent,
                                GSettings *settings);
/* Keeps AdwStyleManager's colour scheme in step with the "color-scheme"
 * key (follow / light / dark) for the lifetime of @settings. */
void       vpc_preferences_follow_color_scheme (GSettings *settings);
/* Binds a combo row's "selected" to the string @key, whose values are
 * @nicks (NULL-terminated) in the order of the row's items. */
void       vpc_preferences_bind_combo (GSettings         *settings,
                                       const char        *key,
                                       AdwComboRow       *row,
                                       const char *const *nicks);

G_END_DECLS
