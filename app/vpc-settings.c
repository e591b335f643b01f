/* SPDX-License-Identifier: GPL-3.0-or-later */
/* vpc-settings.c: the app's GSettings with a build-directory fallback. */
#include "vpc-settings.h"

#include "vpc-i18n.h"

GSettings *
vpc_settings_new (void)
{
  GSettingsSchemaSource *source = g_settings_schema_source_get_default ();
  g_autoptr(GSettingsSchemaSource) local = NULL;
  g_autoptr(GSettingsSchema) schema = NULL;
  g_autoptr(GError) error = NULL;

  if (source != NULL)
    schema = g_settings_schema_source_lookup (source, VPC_APP_ID, TRUE);
#ifdef VPC_SCHEMA_DIR
  /* Run from the build directory: use the schema compiled there. */
  if (schema == NULL)
    {
      local = g_settings_schema_source_new_from_directory (VPC_SCHEMA_DIR, source, FALSE, &error);
      if (local != NULL)
        schema = g_settings_schema_source_lookup (local, VPC_APP_ID, FALSE);
    }
#endif
  if (schema == NULL)
    {
      /* TRANSLATORS: the schema's id, then ": " and why, or nothing twice. */
      g_printerr (_("vpc-designer: the settings schema %s is not installed%s%s; "
                    "preferences will not be kept\n"), VPC_APP_ID,
                  error != NULL ? ": " : "", error != NULL ? error->message : "");
      return NULL;
    }
  return g_settings_new_full (schema, NULL, NULL);
}
