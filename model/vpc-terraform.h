/* SPDX-License-Identifier: GPL-3.0-or-later */
/* vpc-terraform.h: a design as Terraform configuration (format.md §5,
 * export to .tf): the AWS provider's resources, the same coverage as the
 * CloudFormation template. */
#pragma once

#include "vpc-design.h"

G_BEGIN_DECLS

/* The .tf text of @design. */
char *vpc_terraform_export (VpcDesign *design);

G_END_DECLS
