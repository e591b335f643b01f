/* SPDX-License-Identifier: GPL-3.0-or-later */
/* vpc-i18n.h: _() and friends for every part of VPC Designer.
 *
 * Text a person reads goes through _(), N_() or ngettext(). Output a program
 * reads (--format json, sarif, csv) must be the same bytes in every
 * language, so the command line turns translation off for those formats
 * before it builds anything; the app leaves it on.
 */
#pragma once

#include <glib/gi18n-lib.h>

G_BEGIN_DECLS

void        vpc_i18n_set_enabled (gboolean enabled);
gboolean    vpc_i18n_get_enabled (void);
const char *vpc_i18n_gettext (const char *msgid) G_GNUC_FORMAT (1);
const char *vpc_i18n_ngettext (const char   *msgid,
                               const char   *msgid_plural,
                               gulong        n) G_GNUC_FORMAT (1) G_GNUC_FORMAT (2);
const char *vpc_i18n_pgettext (const char *context_and_msgid,
                               gsize       msgid_offset) G_GNUC_FORMAT (1);

/* For NC_() tables: @msgid in @context. */
const char *vpc_i18n_pgettext2 (const char *context,
                                const char *msgid) G_GNUC_FORMAT (2);
/* A label (a kind, "training job") with its first letter in upper case, to
 * start a line or a heading: "Training job". */
char       *vpc_i18n_capitalize (const char *label);

#undef _
#define _(String) vpc_i18n_gettext (String)
#undef ngettext
#define ngettext(Singular, Plural, N) vpc_i18n_ngettext (Singular, Plural, N)
#undef C_
#define C_(Context, String) vpc_i18n_pgettext (Context "\004" String, sizeof (Context))

G_END_DECLS
