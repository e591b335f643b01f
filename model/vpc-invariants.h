/* SPDX-License-Identifier: GPL-3.0-or-later */
/* vpc-invariants.h: what every design must satisfy to be saved and opened
 * again (format.md §2–3), in one place.
 *
 * The loader runs it on what it read, and VpcDesign runs it on the result of
 * every edit step (its guard), so whatever the app holds, it can save, and
 * whatever it saves, it opens again.
 */
#pragma once

#include "vpc-design.h"

G_BEGIN_DECLS

/* Limits of the format's numbers (format.md §3). */
#define VPC_LAYOUT_LIMIT    1e7   /* |x|, |y| ≤ this; 0 < w, h ≤ this */
#define VPC_GB_LIMIT        1e12  /* gb_per_month */
#define VPC_INSTANCES_LIMIT 10000 /* instance_count */

typedef enum {
  /* "subnets[2].az: no availability zone with id \"az-c\"" (the loader's form). */
  VPC_INVARIANTS_PLACE_FILE,
  /* "Subnet “Private A”, az: …" (for a person editing). */
  VPC_INVARIANTS_PLACE_ELEMENT,
} VpcInvariantsPlace;

/* Checks the whole design, elements in file order. Returns FALSE with one
 * message (domain VPC_FILE_ERROR) for the first broken invariant. */
gboolean vpc_invariants_check_design (VpcDesign          *design,
                                      VpcInvariantsPlace  place,
                                      GError            **error);

/* Checks one element of @design (at @index of its kind's list): its values
 * and its references. Enough after an edit that replaced it in place when
 * the design passed the whole check before, unless the edit changed what
 * another element's check reads of it (a subnet's AZ). */
gboolean vpc_invariants_check_element (VpcDesign          *design,
                                       const VpcElement   *element,
                                       guint               index,
                                       VpcInvariantsPlace  place,
                                       GError            **error);

/* Sets the one message of a load or edit error: "PLACE: WHAT", or WHAT
 * alone when @place is empty. Every loader message has this form, so the
 * place can be read back from it (repair does). */
void     vpc_invariants_set_error (GError    **error,
                                   int         code,
                                   const char *place,
                                   const char *what);

/* Any security-group peer that is not "self", a CIDR or a prefix list
 * names a group. */
gboolean vpc_sg_peer_is_group (const char *peer);

/* Whether a layout rectangle is one the format accepts (what the check
 * above asks of every layout), without a message. */
gboolean vpc_invariants_layout_is_valid (const VpcRect *r);

/* Whether a free text (a name, a description) is one the format accepts:
 * none, or valid UTF-8 (what the check above asks of every text). */
gboolean vpc_invariants_text_is_valid (const char *text);

/* Region codes: lowercase letters, digits and '-'. */
gboolean vpc_region_is_valid (const char *region);

/* Puts fields that do not apply to an element back to what a save and a load
 * would make of them (ports of a rule without ports, security groups and
 * private DNS of a gateway endpoint, direct internet access off a notebook,
 * -0 in numbers). Returns TRUE when something changed. */
gboolean vpc_element_normalize (VpcElement *element);
gboolean vpc_design_info_normalize (VpcDesignInfo *info);

G_END_DECLS
