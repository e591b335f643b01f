/* SPDX-License-Identifier: GPL-3.0-or-later */
/* render-designs.h: designs built in code for the render tests and the
 * render benchmark (no loader needed). */
#pragma once

#include "vpc-design.h"

G_BEGIN_DECLS

/* A small, realistic design: two AZs, private/NAT/public subnets, interface
 * and gateway endpoints, a NAT gateway, security groups and four workloads,
 * laid out automatically. */
VpcDesign *render_design_demo (void);
/* A small design whose names need care in SVG and PDF: markup characters,
 * non-ASCII text and a name far too long for its label. */
VpcDesign *render_design_awkward_names (void);
/* About @n_elements elements in a grid of AZs and subnets, laid out. */
VpcDesign *render_design_large (guint n_elements);
/* Every design file the data-driven tests go over, read at run time so that
 * files added later are picked up: resources/examples/ (VPC_EXAMPLES_DIR)
 * then tests/data/scenarios/ (G_TEST_SRCDIR), each sorted by name. Paths are
 * absolute; @labels (may be NULL) receives "examples/NAME" or
 * "scenarios/NAME" (NAME without ".vpcd.json") for test paths. */
GPtrArray *render_design_files (GPtrArray **labels);

G_END_DECLS
