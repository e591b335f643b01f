/* SPDX-License-Identifier: GPL-3.0-or-later */
/* vpc-finding-private.h: what the rule engine keeps in a finding besides
 * what views read. */
#pragma once

#include "vpc-finding.h"

G_BEGIN_DECLS

/* The message with its element names as marks (vpc-rules.h), kept by a
 * run that keeps names; NULL otherwise or when it names no element. */
const char *_vpc_finding_get_marked (VpcFinding *self);
/* Sets it, taking @marked. */
void        _vpc_finding_take_marked (VpcFinding *self,
                                      char       *marked);
/* Sets the elements' display names (copied), one per element. */
void        _vpc_finding_set_element_names (VpcFinding        *self,
                                            const char *const *names);
/* A copy of @self saying @message instead (taken), with the same marks. */
VpcFinding *_vpc_finding_copy_with_message (VpcFinding *self,
                                            char       *message);

G_END_DECLS
