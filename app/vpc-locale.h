/* SPDX-License-Identifier: GPL-3.0-or-later */
/* vpc-locale.h: the user's language for every vpc-designer program. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Sets the locale from the environment and binds the message catalogues:
 * those built beside the program when it runs from the build tree, else the
 * installed ones. Numbers keep the C locale's form, so files, JSON and CSV
 * are the same bytes in every language. */
void vpc_locale_init (void);

G_END_DECLS
