/* SPDX-License-Identifier: GPL-3.0-or-later */
/* vpc-cidr.c: strict parsing and arithmetic of IPv4 CIDR blocks. */
#include "vpc-cidr.h"

#include <math.h>

#include "vpc-i18n.h"

/* @text is N_(): translated only when someone asks why. */
static gboolean
fail (const char **reason,
      const char  *text)
{
  if (reason != NULL)
    *reason = _(text);
  return FALSE;
}

/* Reads a decimal number without leading zeros, at most @max. */
static gboolean
read_number (const char **p,
             guint        max,
             guint       *out)
{
  const char *s = *p;
  guint value = 0;
  guint digits = 0;

  if (!g_ascii_isdigit (*s))
    return FALSE;
  if (s[0] == '0' && g_ascii_isdigit (s[1]))
    return FALSE;
  while (g_ascii_isdigit (*s))
    {
      value = value * 10 + (guint) (*s - '0');
      if (++digits > 3 || value > max)
        return FALSE;
      s++;
    }
  *p = s;
  *out = value;
  return TRUE;
}

gboolean
vpc_cidr_parse (const char  *text,
                VpcCidr     *out,
                const char **reason)
{
  const char *p = text;
  guint32 address = 0;
  guint prefix;

  if (text == NULL)
    return fail (reason, N_("not a CIDR block"));

  for (int i = 0; i < 4; i++)
    {
      guint octet;

      if (!read_number (&p, 255, &octet))
        return fail (reason,
                     N_("expected four numbers 0–255 without leading zeros, as in 10.0.0.0/16"));
      address = (address << 8) | octet;
      if (i < 3 && *p++ != '.')
        return fail (reason, N_("expected four numbers separated by dots, as in 10.0.0.0/16"));
    }
  if (*p++ != '/')
    return fail (reason, N_("missing the /prefix, as in 10.0.0.0/16"));
  if (!read_number (&p, 32, &prefix))
    return fail (reason, N_("the prefix must be 0–32 without leading zeros"));
  if (*p != '\0')
    return fail (reason, N_("unexpected text after the prefix"));
  if (prefix < 32 && (address & (0xffffffffu >> prefix)) != 0)
    return fail (reason, N_("host bits are set (the address is not the first of its block)"));

  if (out != NULL)
    {
      out->address = address;
      out->prefix = prefix;
    }
  return TRUE;
}

char *
vpc_cidr_to_string (const VpcCidr *cidr)
{
  return g_strdup_printf ("%u.%u.%u.%u/%u",
                          (cidr->address >> 24) & 0xff, (cidr->address >> 16) & 0xff,
                          (cidr->address >> 8) & 0xff, cidr->address & 0xff, cidr->prefix);
}

static guint32
mask_of (guint prefix)
{
  return prefix == 0 ? 0 : 0xffffffffu << (32 - prefix);
}

gboolean
vpc_cidr_contains (const VpcCidr *outer,
                   const VpcCidr *inner)
{
  return inner->prefix >= outer->prefix &&
         (inner->address & mask_of (outer->prefix)) == outer->address;
}

guint32
vpc_cidr_last (const VpcCidr *cidr)
{
  return cidr->address | ~mask_of (cidr->prefix);
}

gboolean
vpc_cidr_overlaps (const VpcCidr *a,
                   const VpcCidr *b)
{
  return vpc_cidr_contains (a, b) || vpc_cidr_contains (b, a);
}

double
vpc_cidr_size (const VpcCidr *cidr)
{
  return ldexp (1.0, 32 - (int) cidr->prefix);
}
