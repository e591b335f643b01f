/* SPDX-License-Identifier: GPL-3.0-or-later */
/* vpc-cost-item-row.h: one line of the cost breakdown, with its GB/month. */
#pragma once

#include <adwaita.h>

#include "vpc-cost.h"

G_BEGIN_DECLS

#define VPC_TYPE_COST_ITEM_ROW (vpc_cost_item_row_get_type ())
G_DECLARE_FINAL_TYPE (VpcCostItemRow, vpc_cost_item_row, VPC, COST_ITEM_ROW, AdwExpanderRow)

/* A row for the element @item prices; editing its GB/month replaces the
 * element in @design (one undoable step per committed value). */
GtkWidget  *vpc_cost_item_row_new (VpcDesign         *design,
                                   const VpcCostItem *item);
const char *vpc_cost_item_row_get_element (VpcCostItemRow *self);
/* Shows @item (same element) and the element's current GB/month. */
void        vpc_cost_item_row_update (VpcCostItemRow    *self,
                                      const VpcCostItem *item);

G_END_DECLS
