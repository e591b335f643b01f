/* SPDX-License-Identifier: GPL-3.0-or-later */
/* vpc-string-private.h: appending to a GString on the output hot paths. */
#pragma once

#include <string.h>
#include <glib.h>

/* g_string_append_len() without its call into g_string_insert_len() when
 * the bytes fit, as they nearly always do (check appends ~10 short runs
 * per finding). */
static inline void
vpc_string_append_run (GString    *out,
                       const char *run,
                       gsize       length)
{
  if (out->len + length < out->allocated_len)
    {
      memcpy (out->str + out->len, run, length);
      out->len += length;
      out->str[out->len] = '\0';
    }
  else
    g_string_append_len (out, run, (gssize) length);
}
