/* SPDX-License-Identifier: GPL-3.0-or-later */
/* vpc-inspector-design.c: the design's own properties and its VPC, shown
 * when nothing is selected. */
#include "vpc-i18n.h"
#include "vpc-inspector-private.h"

static char *
get_name (VpcInspectorForm *form, gconstpointer target, gpointer data)
{
  return g_strdup (((const VpcDesignInfo *) target)->name);
}

static gboolean
set_name (VpcInspectorForm *form, gpointer target, const char *text, gpointer data, char **error)
{
  VpcDesignInfo *info = target;

  g_free (info->name);
  info->name = g_strdup (text);
  return TRUE;
}

static char *
get_description (VpcInspectorForm *form, gconstpointer target, gpointer data)
{
  return g_strdup (((const VpcDesignInfo *) target)->description);
}

static gboolean
set_description (
    VpcInspectorForm *form, gpointer target, const char *text, gpointer data, char **error)
{
  VpcDesignInfo *info = target;

  g_free (info->description);
  info->description = g_strdup (text);
  return TRUE;
}

static char *
get_region (VpcInspectorForm *form, gconstpointer target, gpointer data)
{
  return g_strdup (((const VpcDesignInfo *) target)->region);
}

/* Any region code the file format takes (the design's guard judges). */
static gboolean
set_region (VpcInspectorForm *form, gpointer target, const char *text, gpointer data, char **error)
{
  VpcDesignInfo *info = target;

  g_free (info->region);
  info->region = g_strdup (text);
  return TRUE;
}

static guint
get_environment (gconstpointer target, gpointer data)
{
  return ((const VpcDesignInfo *) target)->environment;
}

static void
set_environment (gpointer target, guint choice, gpointer data)
{
  ((VpcDesignInfo *) target)->environment
      = choice == 1 ? VPC_ENVIRONMENT_DEVELOPMENT : VPC_ENVIRONMENT_PRODUCTION;
}

static guint
get_profile (gconstpointer target, gpointer data)
{
  return ((const VpcDesignInfo *) target)->profile;
}

static void
set_profile (gpointer target, guint choice, gpointer data)
{
  ((VpcDesignInfo *) target)->profile = choice == 1 ? VPC_PROFILE_PRECISE : VPC_PROFILE_STUDY_GUIDE;
}

static char *
get_vpc_name (VpcInspectorForm *form, gconstpointer target, gpointer data)
{
  return g_strdup (((const VpcDesignInfo *) target)->vpc_name);
}

static gboolean
set_vpc_name (
    VpcInspectorForm *form, gpointer target, const char *text, gpointer data, char **error)
{
  VpcDesignInfo *info = target;

  g_free (info->vpc_name);
  info->vpc_name = g_strdup (text);
  return TRUE;
}

static char *
get_vpc_cidr (VpcInspectorForm *form, gconstpointer target, gpointer data)
{
  return g_strdup (((const VpcDesignInfo *) target)->vpc_cidr);
}

static gboolean
set_vpc_cidr (
    VpcInspectorForm *form, gpointer target, const char *text, gpointer data, char **error)
{
  VpcDesignInfo *info = target;

  g_free (info->vpc_cidr);
  info->vpc_cidr = g_strdup (text);
  return TRUE;
}

static gboolean
get_dns (gconstpointer target, gpointer data)
{
  const VpcDesignInfo *info = target;

  return data != NULL ? info->dns_hostnames : info->dns_support;
}

static void
set_dns (gpointer target, gboolean value, gpointer data)
{
  VpcDesignInfo *info = target;

  if (data != NULL)
    info->dns_hostnames = value;
  else
    info->dns_support = value;
}

void
_vpc_inspector_build_design (VpcInspectorForm *form)
{
  static const char *const environments[] = { N_("Production"), N_("Development"), NULL };
  static const char *const profiles[] = { N_("Study guide"), N_("Precise"), NULL };
  AdwPreferencesGroup *group;

  group = vpc_inspector_form_add_group (form, _("Design"),
                                        _("Select an element on the canvas to edit it"));
  vpc_inspector_form_add_entry (form, GTK_WIDGET (group), _("Name"), get_name, set_name, NULL);
  vpc_inspector_form_add_entry (form, GTK_WIDGET (group), _("Description"), get_description,
                                set_description, NULL);
  vpc_inspector_form_add_entry (form, GTK_WIDGET (group), _("Region"), get_region, set_region,
                                NULL);
  vpc_inspector_form_add_fixed_combo (form, GTK_WIDGET (group), _("Environment"), environments,
                                get_environment, set_environment, NULL);
  vpc_inspector_form_add_fixed_combo (form, GTK_WIDGET (group), _("Rule profile"), profiles,
                                get_profile, set_profile, NULL);

  group = vpc_inspector_form_add_group (form, _("VPC"), NULL);
  vpc_inspector_form_add_entry (form, GTK_WIDGET (group), _("Name"), get_vpc_name, set_vpc_name,
                                NULL);
  vpc_inspector_form_add_entry (form, GTK_WIDGET (group), _("CIDR block"), get_vpc_cidr,
                                set_vpc_cidr, NULL);
  vpc_inspector_form_add_switch (form, GTK_WIDGET (group), _("DNS resolution"),
                                 _("Needed for private DNS of interface endpoints"), get_dns,
                                 set_dns, NULL);
  vpc_inspector_form_add_switch (form, GTK_WIDGET (group), _("DNS hostnames"),
                                 _("Needed for private DNS of interface endpoints"), get_dns,
                                 set_dns, GINT_TO_POINTER (1));
}
