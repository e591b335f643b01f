/* SPDX-License-Identifier: GPL-3.0-or-later */
/* vpc-aws-cli-import.h: a design from saved AWS CLI output (aws ec2
 * describe-*, aws sagemaker describe-*), offline (format.md §5). */
#pragma once

#include <json-glib/json-glib.h>

#include "vpc-design.h"

G_BEGIN_DECLS

/* @roots: the parsed outputs (JsonNode), named by @names (file names, for
 * messages), in any order. @vpc picks one VPC when they hold several;
 * @region overrides the AZs'. What cannot be modelled goes to @warnings.
 * NULL with @error for an input that is no known output, or no VPC. */
VpcDesign *vpc_aws_cli_import (GPtrArray  *roots,
                               GPtrArray  *names,
                               const char *vpc,
                               const char *region,
                               GPtrArray  *warnings,
                               GError    **error);

G_END_DECLS
