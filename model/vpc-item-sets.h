/* SPDX-License-Identifier: GPL-3.0-or-later */
/* vpc-item-sets.h: numbered items (workloads or endpoints) with the
 * security groups they are in and the addresses their subnets span, for
 * rules that ask, for many elements of another kind, which items are in
 * one of some groups or held by one of some CIDRs (VPC401, VPC402).
 *
 * A union is a VpcBits over the items. Adding a group or a CIDR costs the
 * number of its items, or n / 64 words once that is less (the set is then
 * kept as words), so each question costs about n / 64 words, never n. */
#pragma once

#include <glib.h>

#include "vpc-bits.h"
#include "vpc-cidr.h"

G_BEGIN_DECLS

typedef struct _VpcItemSets VpcItemSets;

/* Items in groups numbered below @n_groups. */
VpcItemSets   *vpc_item_sets_new       (guint n_groups);
void           vpc_item_sets_free      (VpcItemSets *sets);

/* Adds the next item (numbered from 0), in @n_groups groups (positions in
 * the design's list of groups). Its subnets' CIDRs, when it has some: a
 * CIDR holds the item when it holds all of them; @held_never: never (a
 * subnet is missing or its CIDR is not valid). Returns its number. */
guint          vpc_item_sets_add       (VpcItemSets   *sets,
                                        const guint   *groups,
                                        guint          n_groups,
                                        const VpcCidr *subnets,
                                        guint          n_subnets,
                                        gboolean       held_never);
/* Ends the adding: only questions follow. */
void           vpc_item_sets_seal      (VpcItemSets *sets);
guint          vpc_item_sets_get_n     (const VpcItemSets *sets);

/* A question: empties the union, adds the items of a group or held by a
 * CIDR, reads the union (valid until the next question). */
void           vpc_item_sets_start     (VpcItemSets *sets);
void           vpc_item_sets_add_group (VpcItemSets *sets,
                                        guint        group);
void           vpc_item_sets_add_cidr  (VpcItemSets   *sets,
                                        const VpcCidr *cidr);
const VpcBits *vpc_item_sets_get_union (const VpcItemSets *sets);

G_END_DECLS
