/* SPDX-License-Identifier: GPL-3.0-or-later */
/* vpc-finding-names.h: which findings name which element, for following
 * renames (vpc-validator.c). Internal to the model. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct _VpcFindingNames VpcFindingNames;

/* One change of a sorted list of findings: at @position (of the list as
 * changed so far), @removed findings gave way to @added. */
typedef struct
{
  guint position;
  guint removed;
  guint added;
} VpcFindingsChange;

/* Indexes the elements the messages of @findings (VpcFinding, kept with
 * names as marks) name. Reads each finding once. Immutable: threads may
 * share it. */
VpcFindingNames *vpc_finding_names_new           (GPtrArray       *findings);
/* The index of @findings, which @changes (in order) made of the list
 * @previous indexes: only the findings added are read. */
VpcFindingNames *vpc_finding_names_update        (VpcFindingNames         *previous,
                                                  GPtrArray               *findings,
                                                  const VpcFindingsChange *changes,
                                                  guint                    n_changes);
VpcFindingNames *vpc_finding_names_ref           (VpcFindingNames *names);
void             vpc_finding_names_unref         (VpcFindingNames *names);
/* Appends to @positions (guint) the positions of the findings that name
 * element @id, in order, and perhaps a few that do not (their names are
 * told apart by a hash): a caller reads those findings anyway. */
void             vpc_finding_names_add_positions (VpcFindingNames *names,
                                                  const char      *id,
                                                  GArray          *positions);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (VpcFindingNames, vpc_finding_names_unref)

G_END_DECLS
