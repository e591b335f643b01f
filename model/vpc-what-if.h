/* vpc-what-if.h: a design as it would be after a change, for judging it
 * (check --without, trace --without) while the design itself stays as it is.
 */
#pragma once

#include "vpc-design.h"

G_BEGIN_DECLS

/* A detached copy of @design with @ids deleted as the model deletes them
 * (vpc_design_delete(): an AZ takes its subnets, a subnet leaves every
 * subnets list and takes its NAT gateways, a security group leaves every
 * security_groups list and every rule whose peer it is; FORMAT.md §5).
 * Returns NULL with VPC_DESIGN_ERROR_NOT_FOUND when an id names no element,
 * or VPC_DESIGN_ERROR_REFUSED when the delete was refused. */
VpcDesign *vpc_what_if_without (VpcDesign         *design,
                                const char *const *ids,
                                guint              n_ids,
                                GError           **error);

G_END_DECLS
