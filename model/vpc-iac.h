/* SPDX-License-Identifier: GPL-3.0-or-later */
/* vpc-iac.h: infrastructure code of a design — CloudFormation (.yaml,
 * .cfn.json) and Terraform (.tf) — written and read by one set of
 * functions for the command line and the app. */
#pragma once

#include <json-glib/json-glib.h>

#include "vpc-design.h"

G_BEGIN_DECLS

/* TRUE when @path's suffix is one vpc_iac_export_to_file() writes. */
gboolean   vpc_iac_path_is_export (const char *path);
/* Writes the template or configuration @path's suffix asks for, safely. */
gboolean   vpc_iac_export_to_file (VpcDesign  *design,
                                   const char *path,
                                   GError    **error);

/* TRUE when @path looks like a template to import (.yaml, .yml,
 * .template, .cfn.json) rather than a design. */
gboolean   vpc_iac_path_is_template (const char *path);
/* A template's tree from its text: JSON when it starts like JSON, else
 * YAML with CloudFormation's short forms. */
JsonNode  *vpc_iac_parse_template (GBytes  *bytes,
                                   GError **error);

/* The design of one CloudFormation template, or of AWS CLI outputs (any
 * number, any order): @roots are the parsed files (JsonNode), @names
 * their names for messages. @vpc picks a VPC (logical id or vpc-…),
 * @region overrides the files'. What cannot be modelled goes to @warnings. */
VpcDesign *vpc_iac_import (GPtrArray  *roots,
                           GPtrArray  *names,
                           const char *vpc,
                           const char *region,
                           GPtrArray  *warnings,
                           GError    **error);
/* An import's design (a format.md object) through the one loader: what
 * breaks the format is repaired as `repair` does it, each change added to
 * @warnings ("repaired: …"). */
VpcDesign *vpc_iac_load_design (JsonObject *design,
                                GPtrArray  *warnings,
                                GError    **error);

G_END_DECLS
