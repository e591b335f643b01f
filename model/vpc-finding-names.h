/* SPDX-License-Identifier: GPL-3.0-or-later */
/* vpc-finding-names.h: which findings name which element, for following
 * renames (vpc-validator.c). Internal to the model. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct _VpcFindingNames VpcFindingNames;

/* Indexes the elements the messages of @findings (VpcFinding, kept with
 * names as marks) name. Reads each finding once. */
VpcFindingNames *vpc_finding_names_new           (GPtrArray       *findings);
/* Appends to @positions (guint) the positions of the findings that name
 * element @id, last first, each once. */
void             vpc_finding_names_add_positions (VpcFindingNames *names,
                                                  const char      *id,
                                                  GArray          *positions);
void             vpc_finding_names_free          (VpcFindingNames *names);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (VpcFindingNames, vpc_finding_names_free)

G_END_DECLS
