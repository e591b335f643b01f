/* SPDX-License-Identifier: GPL-3.0-or-later */
/* random-designs.h: seeded random designs for the data-driven tests
 * (test-trace, test-routes). */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* A random design as JSON text, within the format (format.md §2–3): up to
 * 3 AZs, 6 subnets, 3 groups, 6 endpoints, 2 NAT gateways and 1–4
 * workloads, with random references, rules and settings, and no layout.
 * The same @seed always gives the same text. */
char *random_design_json (guint seed);

G_END_DECLS
