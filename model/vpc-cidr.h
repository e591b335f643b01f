/* SPDX-License-Identifier: GPL-3.0-or-later */
/* vpc-cidr.h: IPv4 CIDR blocks in canonical form (format.md §3). */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct
{
  guint32 address; /* host byte order, host bits zero */
  guint   prefix;  /* 0–32 */
} VpcCidr;

/* Parses "a.b.c.d/n" in canonical form: no leading zeros, octets ≤ 255,
 * prefix 0–32, no host bits set. On failure sets a short reason
 * ("host bits set", "octet 3 is above 255", …) when @reason is not NULL. */
gboolean vpc_cidr_parse (const char  *text,
                         VpcCidr     *out,
                         const char **reason);
char    *vpc_cidr_to_string (const VpcCidr *cidr);
/* TRUE when @inner lies inside @outer (equal counts as inside). */
gboolean vpc_cidr_contains (const VpcCidr *outer,
                            const VpcCidr *inner);
/* The block's last address (its first is @cidr->address). */
guint32  vpc_cidr_last (const VpcCidr *cidr);
gboolean vpc_cidr_overlaps (const VpcCidr *a,
                            const VpcCidr *b);
/* 2^(32−prefix) as a double (no overflow at /0). */
double   vpc_cidr_size (const VpcCidr *cidr);

G_END_DECLS
