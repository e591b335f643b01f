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

/* Shared rows: the element's id (read-only) and name. */
void  _vpc_inspector_add_identity (VpcInspectorForm    *form,
                                   AdwPreferencesGroup *group,
                                   const VpcElement    *element);
/* Setters shared by several kinds. */
gboolean _vpc_inspector_check_cidr (VpcDesign   *design,
                                    const char  *text,
                                    gboolean     inside_vpc,
                                    char       **error);

G_END_DECLS
