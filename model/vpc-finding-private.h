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
/* A finding whose @n_elements ids and display names (or NULL) point at
 * the strings of a design its caller keeps, unchanged, for as long as the
 * finding: a check of 100,000 elements names ~2 million, and copying them
 * was a tenth of its time. Takes @message. */
VpcFinding *_vpc_finding_new_borrowing (const char        *rule_id,
                                        VpcSeverity        severity,
                                        char              *message,
                                        const char *const *elements,
                                        const char *const *names,
                                        guint              n_elements,
                                        const char        *service);
/* Sets the elements' display names (copied), one per element. */
void        _vpc_finding_set_element_names (VpcFinding        *self,
                                            const char *const *names);
/* Whether @a can stay for @b after a run: it says the same
 * (vpc_finding_equal()), and names the same elements where it gives names
 * (two elements may be called alike, and a rename must find the one its
 * message names). Unchecked: the validator compares every finding of a
 * large design's two lists (150,000 at 100,000 elements), where the type
 * checks took a third of the comparison. */
gboolean    _vpc_finding_same (VpcFinding *a,
                               VpcFinding *b);
/* A copy of @self saying @message instead (taken), with the same marks. */
VpcFinding *_vpc_finding_copy_with_message (VpcFinding *self,
                                            char       *message);

G_END_DECLS
