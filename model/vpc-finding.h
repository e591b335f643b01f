/* SPDX-License-Identifier: GPL-3.0-or-later */
/* vpc-finding.h: one result of a rule (domain.md §3). Immutable. */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

typedef enum {
  VPC_SEVERITY_ERROR,
  VPC_SEVERITY_WARNING,
  VPC_SEVERITY_INFO,
} VpcSeverity;

const char *vpc_severity_to_string (VpcSeverity severity); /* "error", "warning", "info" */

#define VPC_TYPE_FINDING (vpc_finding_get_type ())
G_DECLARE_FINAL_TYPE (VpcFinding, vpc_finding, VPC, FINDING, GObject)

/* @elements: ids, the primary one first (may be empty). @service: the
 * service a VPC107 finding is about (else NULL), used for sorting. */
VpcFinding  *vpc_finding_new (const char        *rule_id,
                              VpcSeverity        severity,
                              const char        *message,
                              const char *const *elements,
                              const char        *service);
/* The same, taking @message (may be NULL). */
VpcFinding  *vpc_finding_new_take (const char        *rule_id,
                                   VpcSeverity        severity,
                                   char              *message,
                                   const char *const *elements,
                                   const char        *service);

const char  *vpc_finding_get_rule_id (VpcFinding *self);   /* "VPC101" */
VpcSeverity  vpc_finding_get_severity (VpcFinding *self);
/* Title, explanation and fix are the catalogue's, translated. */
const char  *vpc_finding_get_title (VpcFinding *self);     /* the rule's one-line title */
const char  *vpc_finding_get_message (VpcFinding *self);   /* names elements by name */
const char  *vpc_finding_get_explanation (VpcFinding *self); /* what breaks */
const char  *vpc_finding_get_fix (VpcFinding *self);
const char  *vpc_finding_get_url (VpcFinding *self);       /* AWS page, or NULL */
const char *const *vpc_finding_get_elements (VpcFinding *self);
/* The elements' display names as the run that made the finding saw them,
 * when it kept them (vpc_validate_with_names()), else NULL. */
const char *const *vpc_finding_get_element_names (VpcFinding *self);
const char  *vpc_finding_get_primary_element (VpcFinding *self); /* or NULL */
const char  *vpc_finding_get_service (VpcFinding *self);
/* Sort order of domain.md §3: severity, rule id, primary id (none first),
 * then service; strings by code point. */
int          vpc_finding_compare (VpcFinding *a,
                                  VpcFinding *b);
/* Sorts @findings (of VpcFinding) into vpc_finding_compare()'s order,
 * stably, faster than a sort with it. */
void         vpc_finding_sort (GPtrArray *findings);
/* TRUE when both say the same thing (used to keep rows stable). */
gboolean     vpc_finding_equal (VpcFinding *a,
                                VpcFinding *b);

G_END_DECLS
