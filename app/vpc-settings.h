/* SPDX-License-Identifier: GPL-3.0-or-later */
/* vpc-settings.h: the app's GSettings, found even when run from a build
 * directory without an installed schema. */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* Settings for schema VPC_APP_ID: the installed (or GSETTINGS_SCHEMA_DIR)
 * schema, else the one compiled into the build directory (VPC_SCHEMA_DIR).
 * NULL, with a warning on stderr, when neither exists. */
GSettings *vpc_settings_new (void);

G_END_DECLS
