/* SPDX-License-Identifier: GPL-3.0-or-later */
/* vpc-inspector-private.h: the inspector's forms, one builder per kind.
 * Shared by vpc-inspector*.c and vpc-sg-rule-editor.c only. */
#pragma once

#include "vpc-inspector-form.h"

G_BEGIN_DECLS

void  _vpc_inspector_build_design (VpcInspectorForm *form);
void  _vpc_inspector_build_network (VpcInspectorForm *form,
                                    const VpcElement *element);
void  _vpc_inspector_build_endpoint (VpcInspectorForm *form,
                                     const VpcElement *element);
void  _vpc_inspector_build_workload (VpcInspectorForm *form,
                                     const VpcElement *element);

/* Several elements: what they have in common (vpc-inspector-multi.c). */
void  _vpc_inspector_build_multi (VpcInspectorForm *form);

/* Shared rows: the element's id (read-only) and name. */
void  _vpc_inspector_add_identity (VpcInspectorForm    *form,
                                   AdwPreferencesGroup *group,
                                   const VpcElement    *element);

/* Getters and setters shared by the forms (vpc-inspector.c). A boolean
 * member of VpcElement, by offset: */
#define VPC_INSPECTOR_FLAG(member) GSIZE_TO_POINTER (G_STRUCT_OFFSET (VpcElement, member))
gboolean _vpc_inspector_get_flag (gconstpointer target, gpointer data);
void     _vpc_inspector_set_flag (gpointer target, gboolean value, gpointer data);
double   _vpc_inspector_get_gb (gconstpointer target, gpointer data);
void     _vpc_inspector_set_gb (gpointer target, double value, gpointer data);
guint    _vpc_inspector_get_route (gconstpointer target, gpointer data);
void     _vpc_inspector_set_route (gpointer target, guint choice, gpointer data);
double   _vpc_inspector_get_instances (gconstpointer target, gpointer data);
void     _vpc_inspector_set_instances (gpointer target, double value, gpointer data);
guint    _vpc_inspector_get_image_access (gconstpointer target, gpointer data);
void     _vpc_inspector_set_image_access (gpointer target, guint choice, gpointer data);
/* A subnet's AZ or a NAT gateway's subnet, as a position in the list of
 * its kind; @data is the form. */
guint    _vpc_inspector_get_reference (gconstpointer target, gpointer data);
void     _vpc_inspector_set_reference (gpointer target, guint choice, gpointer data);
/* The display names of the elements of @kind, for a combo (free with g_strfreev). */
char   **_vpc_inspector_element_choices (VpcDesign *design,
                                         VpcKind    kind);

extern const char *const vpc_inspector_routes[];
extern const char *const vpc_inspector_image_access[];

G_END_DECLS
