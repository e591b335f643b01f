/* SPDX-License-Identifier: GPL-3.0-or-later */
/* vpc-terminal.c: text from a design made safe to print on a terminal. */
#include "vpc-terminal.h"
#include "vpc-string-private.h"

#include <string.h>

gboolean
vpc_terminal_is_control (gunichar c)
{
  return c < 0x20 || (c >= 0x7f && c <= 0x9f) ||
         c == 0x061c || c == 0x200e || c == 0x200f ||
         (c >= 0x202a && c <= 0x202e) || (c >= 0x2066 && c <= 0x2069) ||
         c == 0x2028 || c == 0x2029;
}

static void
append_control (GString  *out,
                gunichar  c)
{
  switch (c)
    {
    case '\n':
      g_string_append (out, "\\n");
      break;
    case '\r':
      g_string_append (out, "\\r");
      break;
    case '\t':
      g_string_append (out, "\\t");
      break;
    default:
      if (c <= 0x7f)
        g_string_append_printf (out, "\\x%02x", c);
      else
        g_string_append_printf (out, "\\u%04x", c);
      break;
    }
}

/* How many of @p's first @n bytes are printable ASCII (0x20-0x7e), 8 at a
 * time. A word may be judged unprintable wrongly only after a byte that
 * really is; the byte loop of the caller settles it. */
static gsize
printable_words (const char *p,
                 gsize       n)
{
  const guint64 ones = G_GUINT64_CONSTANT (0x0101010101010101);
  const guint64 highs = G_GUINT64_CONSTANT (0x8080808080808080);
  gsize i = 0;

  for (; i + 8 <= n; i += 8)
    {
      guint64 x;

      memcpy (&x, p + i, 8);
      /* A byte of 0x80 or more, a 0x7f, or one below 0x20. */
      if (((x | (x + ones) | ((x - 0x20 * ones) & ~x)) & highs) != 0)
        break;
    }
  return i;
}

void
vpc_terminal_append (GString    *out,
                     const char *text,
                     gssize      length,
                     gboolean    keep_newlines)
{
  const char *p, *end;

  g_return_if_fail (out != NULL);

  if (text == NULL)
    return;
  end = text + (length < 0 ? strlen (text) : (gsize) length);
  for (p = text; p < end;)
    {
      const char *run = p;
      gunichar c;

      /* Copy the printable run in one go. */
      p += printable_words (p, (gsize) (end - p));
      while (p < end && (guchar) *p >= 0x20 && (guchar) *p < 0x7f)
        p++;
      vpc_string_append_run (out, run, (gsize) (p - run));
      if (p == end)
        break;
      c = g_utf8_get_char_validated (p, end - p);
      if (c == (gunichar) -1 || c == (gunichar) -2)
        {
          g_string_append_printf (out, "\\x%02x", (guchar) *p);
          p++;
          continue;
        }
      if (c == '\n' && keep_newlines)
        g_string_append_c (out, '\n');
      else if (vpc_terminal_is_control (c))
        append_control (out, c);
      else
        g_string_append_len (out, p, g_utf8_next_char (p) - p);
      p = g_utf8_next_char (p);
    }
}

char *
vpc_terminal_escape (const char *text)
{
  GString *out = g_string_new (NULL);

  vpc_terminal_append (out, text, -1, FALSE);
  return g_string_free (out, FALSE);
}
