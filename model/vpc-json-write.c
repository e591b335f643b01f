/* SPDX-License-Identifier: GPL-3.0-or-later */
/* vpc-json-write.c: the pretty-printing JSON writer behind the design file
 * and the command line's reports. */
#include "vpc-json-write.h"
#include "vpc-string-private.h"

#include <math.h>
#include <string.h>

#include "vpc-terminal.h"

struct _VpcJsonWriter
{
  VpcJsonWriterFlags  flags;
  GString            *out;
  /* One byte per open container: TRUE once it has a member. */
  GByteArray         *has_member;
  VpcJsonWriterSink   sink;      /* or NULL: everything stays in @out */
  gpointer            sink_data;
};

/* How much text a writer with a sink holds before handing it over. */
#define SINK_CHUNK (64 * 1024)

/* 2^53: every whole number below it is an exact double and a safe integer. */
#define MAX_SAFE_INTEGER 9007199254740992.0

static void append_string (GString            *out,
                           const char         *value,
                           VpcJsonWriterFlags  flags);

VpcJsonWriter *
vpc_json_writer_new (void)
{
  return vpc_json_writer_new_with_flags (VPC_JSON_WRITER_DEFAULT);
}

VpcJsonWriter *
vpc_json_writer_new_with_flags (VpcJsonWriterFlags flags)
{
  VpcJsonWriter *self = g_new0 (VpcJsonWriter, 1);

  self->flags = flags;
  self->out = g_string_sized_new (4096);
  self->has_member = g_byte_array_new ();
  return self;
}

void
vpc_json_writer_free (VpcJsonWriter *self)
{
  if (self == NULL)
    return;
  g_string_free (self->out, TRUE);
  g_byte_array_unref (self->has_member);
  g_free (self);
}

void
vpc_json_writer_set_sink (VpcJsonWriter    *self,
                          VpcJsonWriterSink sink,
                          gpointer          user_data)
{
  self->sink = sink;
  self->sink_data = user_data;
}

char *
vpc_json_writer_finish (VpcJsonWriter *self,
                        gsize         *length)
{
  GString *out;

  g_return_val_if_fail (self->has_member->len == 0, NULL);

  out = g_steal_pointer (&self->out);
  g_string_append_c (out, '\n');
  if (length != NULL)
    *length = out->len;
  g_byte_array_unref (self->has_member);
  g_free (self);
  return g_string_free (out, FALSE);
}

/* TRUE when none of the 8 bytes of @x needs a look: all are 0x20-0x7e and
 * none is '"' or '\\'. May say FALSE wrongly after a byte that does. */
static inline gboolean
plain_word (guint64 x)
{
  const guint64 ones = G_GUINT64_CONSTANT (0x0101010101010101);
  guint64 quote = x ^ (0x22 * ones), backslash = x ^ (0x5c * ones);
  guint64 flags = x | (x + ones) | ((x - 0x20 * ones) & ~x) |
                  ((quote - ones) & ~quote) | ((backslash - ones) & ~backslash);

  return (flags & G_GUINT64_CONSTANT (0x8080808080808080)) == 0;
}

static void
newline_and_indent (VpcJsonWriter *self)
{
  static const char spaces[] = "                                        ";
  guint n = self->has_member->len * 2;

  g_string_append_c (self->out, '\n');
  for (; n > sizeof spaces - 1; n -= sizeof spaces - 1)
    vpc_string_append_run (self->out, spaces, sizeof spaces - 1);
  vpc_string_append_run (self->out, spaces, n);
}

/* The decimal digits of @value, without printf: check's JSON of 100,000
 * elements writes hundreds of thousands of numbers. */
static void
append_int (GString *out,
            gint64   value)
{
  char digits[24];
  guint at = sizeof digits;
  guint64 magnitude = value < 0 ? -(guint64) value : (guint64) value;

  do
    digits[--at] = (char) ('0' + magnitude % 10);
  while ((magnitude /= 10) != 0);
  if (value < 0)
    digits[--at] = '-';
  g_string_append_len (out, digits + at, sizeof digits - at);
}

/* Separates the new value from the previous member and writes its key. */
static void
begin_value (VpcJsonWriter *self,
             const char    *key)
{
  guint depth = self->has_member->len;

  if (self->sink != NULL && self->out->len >= SINK_CHUNK)
    {
      self->sink (self->out->str, self->out->len, self->sink_data);
      g_string_truncate (self->out, 0);
    }
  if (depth > 0)
    {
      if (self->has_member->data[depth - 1])
        g_string_append_c (self->out, ',');
      self->has_member->data[depth - 1] = TRUE;
      newline_and_indent (self);
    }
  if (key != NULL)
    {
      append_string (self->out, key, self->flags);
      vpc_string_append_run (self->out, ": ", 2);
    }
}

static void
begin_container (VpcJsonWriter *self,
                 const char    *key,
                 char           open)
{
  guint8 none = FALSE;

  begin_value (self, key);
  g_string_append_c (self->out, open);
  g_byte_array_append (self->has_member, &none, 1);
}

static void
end_container (VpcJsonWriter *self,
               char           close)
{
  guint depth = self->has_member->len;
  gboolean had_members;

  g_return_if_fail (depth > 0);

  had_members = self->has_member->data[depth - 1];
  g_byte_array_set_size (self->has_member, depth - 1);
  if (had_members)
    newline_and_indent (self);
  g_string_append_c (self->out, close);
}

void
vpc_json_writer_begin_object (VpcJsonWriter *self,
                              const char    *key)
{
  begin_container (self, key, '{');
}

void
vpc_json_writer_end_object (VpcJsonWriter *self)
{
  end_container (self, '}');
}

void
vpc_json_writer_begin_array (VpcJsonWriter *self,
                             const char    *key)
{
  begin_container (self, key, '[');
}

void
vpc_json_writer_end_array (VpcJsonWriter *self)
{
  end_container (self, ']');
}

void
vpc_json_writer_string (VpcJsonWriter *self,
                        const char    *key,
                        const char    *value)
{
  begin_value (self, key);
  if (value == NULL && (self->flags & VPC_JSON_WRITER_NULL_STRINGS))
    g_string_append (self->out, "null");
  else
    append_string (self->out, value != NULL ? value : "", self->flags);
}

void
vpc_json_writer_number (VpcJsonWriter *self,
                        const char    *key,
                        double         value)
{
  begin_value (self, key);
  vpc_json_append_number (self->out, value);
}

void
vpc_json_writer_int (VpcJsonWriter *self,
                     const char    *key,
                     gint64         value)
{
  begin_value (self, key);
  append_int (self->out, value);
}

void
vpc_json_writer_boolean (VpcJsonWriter *self,
                         const char    *key,
                         gboolean       value)
{
  begin_value (self, key);
  g_string_append (self->out, value ? "true" : "false");
}

void
vpc_json_writer_null (VpcJsonWriter *self,
                      const char    *key)
{
  begin_value (self, key);
  g_string_append (self->out, "null");
}

void
vpc_json_writer_raw (VpcJsonWriter *self,
                     const char    *key,
                     const char    *text)
{
  begin_value (self, key);
  g_string_append (self->out, text);
}

void
vpc_json_append_string (GString    *out,
                        const char *value)
{
  append_string (out, value, VPC_JSON_WRITER_DEFAULT);
}

static void
append_string (GString            *out,
               const char         *value,
               VpcJsonWriterFlags  flags)
{
  gboolean hex = (flags & VPC_JSON_WRITER_HEX_CONTROLS) != 0;
  g_autofree char *repaired = NULL;
  const char *run, *p, *end;

  /* ASCII needs no validation (almost every string of a design). */
  end = value + strlen (value);
  for (p = value; p + 8 <= end; p += 8)
    {
      guint64 x;

      memcpy (&x, p, 8);
      if ((x & G_GUINT64_CONSTANT (0x8080808080808080)) != 0)
        break;
    }
  while (p < end && (guchar) *p < 0x80)
    p++;
  if (p < end && !g_utf8_validate (p, -1, NULL))
    {
      value = repaired = g_utf8_make_valid (value, -1);
      end = value + strlen (value);
    }

  g_string_append_c (out, '"');
  for (run = p = value; p < end; p++)
    {
      guchar c;

      while (p + 8 <= end)
        {
          guint64 x;

          memcpy (&x, p, 8);
          if (!plain_word (x))
            break;
          p += 8;
        }
      if (p == end)
        break;
      c = (guchar) *p;

      /* Bytes copied as they are go out in runs, not one by one. */
      if ((c >= 0x20 && c < 0x7f && c != '"' && c != '\\') || (c >= 0x80 && !hex))
        continue;
      vpc_string_append_run (out, run, (gsize) (p - run));
      run = p + 1;
      switch (c)
        {
        case '"':
          g_string_append (out, "\\\"");
          break;
        case '\\':
          g_string_append (out, "\\\\");
          break;
        case '\b':
          g_string_append (out, hex ? "\\u0008" : "\\b");
          break;
        case '\f':
          g_string_append (out, hex ? "\\u000c" : "\\f");
          break;
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
          if (c < 0x20 || (hex && c == 0x7f))
            g_string_append_printf (out, "\\u%04x", c);
          else if (hex && c >= 0x80 && vpc_terminal_is_control (g_utf8_get_char (p)))
            {
              /* C1 and bidi controls: a report printed raw on a terminal
               * must not act on it. */
              g_string_append_printf (out, "\\u%04x", g_utf8_get_char (p));
              p = g_utf8_next_char (p) - 1;
              run = p + 1;
            }
          else
            g_string_append_c (out, (char) c);
          break;
        }
    }
  vpc_string_append_run (out, run, (gsize) (p - run));
  g_string_append_c (out, '"');
}

void
vpc_json_append_number (GString *out,
                        double   value)
{
  char buf[G_ASCII_DTOSTR_BUF_SIZE];

  if (!isfinite (value))
    {
      g_string_append_c (out, '0');
      return;
    }
  if (value == floor (value) && fabs (value) < MAX_SAFE_INTEGER)
    {
      append_int (out, (gint64) value);
      return;
    }
  /* The shortest %g form that reads back exactly. It must show a '.' or an
   * exponent: a plain integer this large would be refused on loading. */
  for (int precision = 1; precision <= 17; precision++)
    {
      char format[8];

      g_snprintf (format, sizeof format, "%%.%dg", precision);
      g_ascii_formatd (buf, sizeof buf, format, value);
      if (g_ascii_strtod (buf, NULL) == value && strpbrk (buf, ".e") != NULL)
        {
          g_string_append (out, buf);
          return;
        }
    }
  g_ascii_formatd (buf, sizeof buf, "%.16e", value);
  g_string_append (out, buf);
}

void
vpc_json_append_quoted_short (GString    *out,
                              const char *value,
                              gsize       max_chars)
{
  g_autofree char *valid = g_utf8_make_valid (value, -1);
  g_autofree char *cut = NULL;

  if (g_utf8_strlen (valid, -1) <= (glong) max_chars)
    {
      vpc_json_append_string (out, valid);
      return;
    }
  cut = g_utf8_substring (valid, 0, (glong) max_chars);
  vpc_json_append_string (out, cut);
  g_string_insert (out, out->len - 1, "…");
}

/* YAML 1.2's printable set (c-printable). */
static gboolean
yaml_printable (gunichar c)
{
  return c == 0x9 || c == 0xA || c == 0xD || (c >= 0x20 && c <= 0x7E) || c == 0x85
         || (c >= 0xA0 && c <= 0xD7FF) || (c >= 0xE000 && c <= 0xFFFD)
         || (c >= 0x10000 && c <= 0x10FFFF);
}

/* Characters written as a numeric escape: YAML's non-printable ones and
 * line separators; HCL's controls (C0, DEL, C1) and line separators. */
static gboolean
needs_numeric_escape (gunichar      c,
                      VpcQuoteStyle style)
{
  if (c == 0x85 || c == 0x2028 || c == 0x2029)
    return TRUE;
  if (style == VPC_QUOTE_YAML)
    return !yaml_printable (c);
  return c < 0x20 || c == 0x7f || (c >= 0x80 && c < 0xa0);
}

void
vpc_quote_append (GString       *out,
                  const char    *text,
                  VpcQuoteStyle  style)
{
  g_autofree char *valid = g_utf8_make_valid (text, -1);

  g_string_append_c (out, '"');
  for (const char *p = valid; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (c == '"' || c == '\\')
        g_string_append_printf (out, "\\%c", (char) c);
      else if (c == '\n')
        g_string_append (out, "\\n");
      else if (c == '\t')
        g_string_append (out, "\\t");
      else if (c == '\r')
        g_string_append (out, "\\r");
      else if (needs_numeric_escape (c, style))
        g_string_append_printf (out, style == VPC_QUOTE_YAML && c <= 0xFF ? "\\x%02X"
                                     : c <= 0xFFFF ? "\\u%04X" : "\\U%08X", c);
      else if (style == VPC_QUOTE_HCL && (c == '$' || c == '%') && p[1] == '{')
        g_string_append_printf (out, "%c%c", (char) c, (char) c);
      else
        g_string_append_len (out, p, g_utf8_next_char (p) - p);
    }
  g_string_append_c (out, '"');
}
