/* SPDX-License-Identifier: GPL-3.0-or-later */
/* vpc-what-if.h: a design as it would be after a change, for judging it
 * (check --without, trace --without, the app's what-if mode) while the
 * design itself stays as it is.
 */
#pragma once

#include "vpc-design.h"

G_BEGIN_DECLS

/* A detached copy of @design with @ids deleted as the model deletes them
 * (vpc_design_delete(): an AZ takes its subnets, a subnet leaves every
 * subnets list and takes its NAT gateways, a security group leaves every
 * security_groups list and every rule whose peer it is; format.md §5).
 * Returns NULL with VPC_DESIGN_ERROR_NOT_FOUND when an id names no element,
 * or VPC_DESIGN_ERROR_REFUSED when the delete was refused. */
VpcDesign *vpc_what_if_without (VpcDesign         *design,
                                const char *const *ids,
                                guint              n_ids,
                                GError           **error);

/* What-if mode (issue 11): a set of switches over a design, never saved,
 * that gives the design as it would be: an AZ down, an endpoint or NAT
 * gateway off (each deleted as above), isolation on for a workload. */
typedef enum {
  VPC_WHAT_IF_OFF,      /* an AZ, endpoint or NAT gateway taken away */
  VPC_WHAT_IF_ISOLATED, /* a workload with network_isolation turned on */
} VpcWhatIfChange;

typedef struct _VpcWhatIf VpcWhatIf;

VpcWhatIf *vpc_what_if_new (void);
void       vpc_what_if_free (VpcWhatIf *self);
/* Whether @change applies to the element @id of @design: OFF to an AZ,
 * endpoint or NAT gateway, ISOLATED to a workload without isolation. */
gboolean   vpc_what_if_applies (VpcDesign       *design,
                                VpcWhatIfChange  change,
                                const char      *id);
/* Adds the switch, or takes it away when it is there; TRUE when added. */
gboolean   vpc_what_if_toggle (VpcWhatIf       *self,
                               VpcWhatIfChange  change,
                               const char      *id);
gboolean   vpc_what_if_contains (VpcWhatIf       *self,
                                 VpcWhatIfChange  change,
                                 const char      *id);
guint      vpc_what_if_get_n_switches (VpcWhatIf *self);
/* The @i-th switch in the order they were added; @id receives its element. */
VpcWhatIfChange vpc_what_if_get_switch (VpcWhatIf   *self,
                                        guint        i,
                                        const char **id);
/* Drops the switches that no longer apply to @design (their element went,
 * or a workload got isolation); TRUE when one went. */
gboolean   vpc_what_if_prune (VpcWhatIf *self,
                              VpcDesign *design);
/* A detached copy of @design with the switches made, read-only
 * (vpc_design_set_read_only) with @read_only_reason; NULL with @error
 * when the guard refused them. */
VpcDesign *vpc_what_if_scenario (VpcWhatIf   *self,
                                 VpcDesign   *design,
                                 const char  *read_only_reason,
                                 GError     **error);
/* Makes the switches on @design itself as one undoable step labelled
 * @label; FALSE when the guard refused it (the design says why). */
gboolean   vpc_what_if_apply (VpcWhatIf  *self,
                              VpcDesign  *design,
                              const char *label);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (VpcWhatIf, vpc_what_if_free)

G_END_DECLS
