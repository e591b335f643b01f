/* SPDX-License-Identifier: GPL-3.0-or-later */
/* vpc-outline-model.h: the design as a tree a person can read row by row.
 *
 * The Outline page and its screen-reader names are built from this; it
 * knows the model only (no GTK), so it is tested without a display.
 *
 *   VPC
 *   ├── availability zone
 *   │   └── subnet
 *   │       └── workloads, interface endpoints and NAT gateways in it
 *   ├── endpoints (every one, gateway and interface)
 *   ├── security groups
 *   └── workloads outside the VPC's subnets
 *
 * An element in several subnets appears under each of them.
 */
#pragma once

#include <gio/gio.h>

#include "vpc-design.h"
#include "vpc-validator.h"

G_BEGIN_DECLS

#define VPC_TYPE_OUTLINE_NODE (vpc_outline_node_get_type ())
G_DECLARE_FINAL_TYPE (VpcOutlineNode, vpc_outline_node, VPC, OUTLINE_NODE, GObject)

/* The element's id, or VPC_CONTAINMENT_VPC_ID ("#vpc") for the VPC row. */
const char *vpc_outline_node_get_id (VpcOutlineNode *self);
/* What it is, capitalised: "Subnet", "Training job", "VPC". */
const char *vpc_outline_node_get_kind_label (VpcOutlineNode *self);
/* Its name, or its id when it has none. */
const char *vpc_outline_node_get_name (VpcOutlineNode *self);
/* Key facts, comma-separated: "10.0.1.0/24, private, in us-east-1a". */
const char *vpc_outline_node_get_facts (VpcOutlineNode *self);
guint       vpc_outline_node_get_n_findings (VpcOutlineNode *self);
guint       vpc_outline_node_get_n_errors (VpcOutlineNode *self);
/* The whole row as one sentence for a screen reader: kind, name, facts and
 * the finding count. */
char       *vpc_outline_node_dup_accessible_name (VpcOutlineNode *self);
/* The rows under it (a GListModel of VpcOutlineNode), or NULL for a leaf. */
GListModel *vpc_outline_node_get_children (VpcOutlineNode *self);

/* The tree of @design: a list holding the VPC row. Finding counts come
 * from @validator (NULL: none). */
GListModel *vpc_outline_build (VpcDesign    *design,
                               VpcValidator *validator);
/* The accessible name of the element @id alone (its outline row's), with
 * the number of @findings (VpcFinding, NULL: none) naming it; NULL when
 * @design has no such element. */
char       *vpc_outline_describe (VpcDesign  *design,
                                  GListModel *findings,
                                  const char *id);

G_END_DECLS
