/* SPDX-License-Identifier: GPL-3.0-or-later */
/* vpc-i18n.c: see vpc-i18n.h. */
#include "vpc-i18n.h"

#include <string.h>

/* Set once, before the work starts; read from worker threads afterwards. */
static gboolean translate = TRUE;

void
vpc_i18n_set_enabled (gboolean enabled)
{
  translate = enabled;
}

gboolean
vpc_i18n_get_enabled (void)
{
  return translate;
}

const char *
vpc_i18n_gettext (const char *msgid)
{
  return translate ? g_dgettext (GETTEXT_PACKAGE, msgid) : msgid;
}

const char *
vpc_i18n_ngettext (const char *msgid,
                   const char *msgid_plural,
                   gulong      n)
{
  if (translate)
    return g_dngettext (GETTEXT_PACKAGE, msgid, msgid_plural, n);
  return n == 1 ? msgid : msgid_plural;
}

const char *
vpc_i18n_pgettext (const char *context_and_msgid,
                   gsize       msgid_offset)
{
  if (translate)
    return g_dpgettext (GETTEXT_PACKAGE, context_and_msgid, msgid_offset);
  return context_and_msgid + msgid_offset;
}

const char *
vpc_i18n_pgettext2 (const char *context,
                    const char *msgid)
{
  return translate ? g_dpgettext2 (GETTEXT_PACKAGE, context, msgid) : msgid;
}

char *
vpc_i18n_capitalize (const char *label)
{
  gunichar first;
  char upper[8] = { 0 };

  g_return_val_if_fail (label != NULL, NULL);

  first = g_utf8_get_char (label);
  if (first == 0)
    return g_strdup ("");
  g_unichar_to_utf8 (g_unichar_totitle (first), upper);
  return g_strconcat (upper, g_utf8_next_char (label), NULL);
}
