/* SPDX-License-Identifier: GPL-3.0-or-later */
/* vpc-rule-catalogue.h: what each rule of domain.md §3 is about.
 *
 * One static entry per rule id: its fixed severity, a one-line title, what
 * breaks (in the project's own words), how to fix it and the AWS page the
 * rule rests on. Findings take their texts from here, so the CLI, the SARIF
 * output and the sidebar all say the same thing.
 */
#pragma once

#include "vpc-element.h"
#include "vpc-finding.h"

G_BEGIN_DECLS

typedef struct
{
  const char *id;          /* "VPC101" */
  VpcSeverity severity;    /* the fixed severity; VPC201/202 give the warning form */
  gboolean    variable;    /* TRUE when the severity depends on the finding */
  /* The three texts are English msgids marked with N_(): pass them through
   * _() to show them (the vpc_finding_get_* getters do). */
  const char *title;
  const char *explanation;
  const char *fix;
  const char *url;         /* NULL when no AWS page backs the rule */
  /* The kind of a finding's primary element, domain.md §3's element
   * column (VPC210 and VPC213 may have none). */
  VpcKind     subject;
} VpcRuleInfo;

/* The rule with @id, or NULL. */
const VpcRuleInfo *vpc_rule_catalogue_lookup (const char *id);
/* Every rule, in id order; @n_rules receives the count. */
const VpcRuleInfo *vpc_rule_catalogue_all (guint *n_rules);

/* A readable name for a short service name ("Amazon S3" for "s3"), already
 * translated, or NULL when the service is not one domain.md §1 lists. */
const char        *vpc_service_get_label (const char *service);
/* The short name of the @i-th service domain.md §1 lists, or NULL past
 * the last. */
const char        *vpc_service_nth (guint i);

G_END_DECLS
