/* SPDX-License-Identifier: GPL-3.0-or-later */
/* vpc-validator.h: the live rule engine.
 *
 * A VpcValidator is a GListModel of VpcFinding, sorted as domain.md §3 says,
 * that re-validates itself after every change of its design ("changed" and
 * "info-changed") and emits items-changed for what differs. The profile is
 * the design's (VpcDesignInfo.profile).
 */
#pragma once

#include "vpc-design.h"
#include "vpc-finding.h"

G_BEGIN_DECLS

#define VPC_TYPE_VALIDATOR (vpc_validator_get_type ())
G_DECLARE_FINAL_TYPE (VpcValidator, vpc_validator, VPC, VALIDATOR, GObject)

VpcValidator *vpc_validator_new (VpcDesign *design);
/* The same, "deferred" from the start: the first run of a big design is on
 * another thread too. */
VpcValidator *vpc_validator_new_deferred (VpcDesign *design);
VpcDesign    *vpc_validator_get_design (VpcValidator *self);
/* "deferred" (default FALSE): re-validate in an idle callback after changes
 * instead of inside the change signal, coalescing bursts. Needs a running
 * main loop; the list shows the previous result until the idle runs. */
gboolean      vpc_validator_get_deferred (VpcValidator *self);
void          vpc_validator_set_deferred (VpcValidator *self,
                                          gboolean      deferred);
/* Runs a pending deferred re-validation now, here (a run under way on
 * another thread is dropped). */
void          vpc_validator_flush (VpcValidator *self);
/* "checking": TRUE while a deferred validator of a big design runs the
 * rules on another thread; the list keeps the previous findings until
 * then. */
gboolean      vpc_validator_get_checking (VpcValidator *self);
guint         vpc_validator_count (VpcValidator *self,
                                   VpcSeverity   severity);
/* How many times it has run every rule: renames run none (tests and
 * benchmarks read it). */
guint         vpc_validator_get_full_runs (VpcValidator *self);
/* Findings whose elements include @id (primary or other), in list order. */
GPtrArray    *vpc_validator_findings_for (VpcValidator *self,
                                          const char   *id);

/* Tests: from how many elements on a deferred validator runs the rules on
 * another thread (0: the default). */
void          _vpc_validator_set_thread_min_elements (guint n);
/* For tests: how many runs were about a few edited workloads alone. */
guint         _vpc_validator_get_scoped_runs (VpcValidator *self);
/* ... and of those, how many ran the rules that read the cost alone. */
guint         _vpc_validator_get_cost_runs (VpcValidator *self);
/* For tests: vpc_validate() reading and filling @memo (vpc-rules.h). */
struct _VpcRuleMemo;
GPtrArray    *_vpc_validate_remembering (VpcDesign           *design,
                                         VpcProfile           profile,
                                         struct _VpcRuleMemo *memo);

/* One-shot validation: a sorted array of VpcFinding (owned). */
GPtrArray    *vpc_validate (VpcDesign *design,
                            VpcProfile profile);
/* The same, each finding also keeping its elements' display names
 * (vpc_finding_get_element_names()): a report that prints them needs no
 * look-up by id, which at 100,000 elements misses the cache each time. */
GPtrArray    *vpc_validate_with_names (VpcDesign *design,
                                       VpcProfile profile);

typedef enum
{
  VPC_VALIDATE_DEFAULT = 0,
  /* As vpc_validate_with_names(). */
  VPC_VALIDATE_NAMES = 1 << 0,
  /* The findings point at @design's ids (and names) instead of copying
   * them: the caller keeps it, unchanged, for as long as they live. A
   * one-shot command's findings name ~2 million elements at 100,000. */
  VPC_VALIDATE_BORROW = 1 << 1,
} VpcValidateFlags;

GPtrArray    *vpc_validate_full (VpcDesign       *design,
                                 VpcProfile       profile,
                                 VpcValidateFlags flags);

G_END_DECLS
