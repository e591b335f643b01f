/* SPDX-License-Identifier: GPL-3.0-or-later */
/* vpc-cfn.h: CloudFormation templates of a design, and designs of
 * templates (format.md §5, export to .yaml/.cfn.json and import).
 *
 * A template is held as a JsonNode tree (the JSON form; YAML is written
 * and read through vpc-yaml.c). What CloudFormation cannot say — element
 * ids and names, layouts, a workload's calls, the data volumes the cost
 * model reads, training jobs — travels in each resource's and the
 * template's Metadata under "VpcDesigner", as CloudFormation Designer kept
 * its layout there, so that an exported template imports to a design
 * judged the same.
 */
#pragma once

#include <json-glib/json-glib.h>

#include "vpc-design.h"

G_BEGIN_DECLS

#define VPC_CFN_METADATA_KEY "VpcDesigner"

/* The template of @design (laid out), as a new tree. */
JsonNode  *vpc_cfn_export (VpcDesign *design);

/* The design a template describes. @region fills AWS::Region (NULL: the
 * template's metadata, else us-east-1). What cannot be modelled is added
 * to @warnings (strings). NULL with @error when the template holds no VPC
 * or is not a template. */
VpcDesign *vpc_cfn_import (JsonNode   *template_root,
                           const char *region,
                           GPtrArray  *warnings,
                           GError    **error);

/* The same, for the VPC of logical id @vpc (NULL: the only one). */
VpcDesign *vpc_cfn_import_full (JsonNode   *template_root,
                                const char *region,
                                const char *vpc,
                                GPtrArray  *warnings,
                                GError    **error);

/* "PrivateA" for "private-a": an id as a CloudFormation logical id
 * (letters and digits, starting with a letter). */
char      *vpc_cfn_logical_id (const char *id);

G_END_DECLS
