/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define VPC_TYPE_APPLICATION (vpc_application_get_type ())
G_DECLARE_FINAL_TYPE (VpcApplication, vpc_application, VPC, APPLICATION, AdwApplication)

VpcApplication *vpc_application_new (void);
/* The app's settings (schema VPC_APP_ID), or NULL when the schema is
 * missing. Valid after startup. */
GSettings      *vpc_application_get_settings (VpcApplication *self);
/* Offers the recovery copies found at startup, one dialog after another,
 * over @parent. Returns the first dialog, or NULL when there is nothing to
 * offer (each copy is offered once per process). */
GtkWidget      *vpc_application_offer_recovery (VpcApplication *self,
                                                GtkWindow      *parent);

G_END_DECLS
