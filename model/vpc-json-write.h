/* SPDX-License-Identifier: GPL-3.0-or-later */
/* vpc-json-write.h: a small pretty-printing JSON writer.
 *
 * json-glib 1.6's generator writes invalid JSON for some doubles (NaN, Inf,
 * 1e20 → "1e+20.0") and puts a space before colons, so
 * the design file is written with this instead: two-space indent,
 * `"key": value`, `[]` for empty arrays, numbers in their shortest exact
 * form, strings escaped per RFC 8259 with non-ASCII UTF-8 kept as is.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct _VpcJsonWriter VpcJsonWriter;

/* How a writer spells what JSON allows in more than one way. The design
 * file uses the defaults; the command line's reports (format.md §4) have
 * always used both flags. */
typedef enum
{
  VPC_JSON_WRITER_DEFAULT = 0,
  /* vpc_json_writer_string() writes a NULL value as null, not "". */
  VPC_JSON_WRITER_NULL_STRINGS = 1 << 0,
  /* Every control character and DEL is written as \u00XX (no \b or \f),
   * and so are the C1 and bidi controls (vpc_terminal_is_control()). */
  VPC_JSON_WRITER_HEX_CONTROLS = 1 << 1,
} VpcJsonWriterFlags;

VpcJsonWriter *vpc_json_writer_new (void);
VpcJsonWriter *vpc_json_writer_new_with_flags (VpcJsonWriterFlags flags);
void           vpc_json_writer_free (VpcJsonWriter *self);
/* Receives a writer's text in pieces, in order. */
typedef void (*VpcJsonWriterSink) (const char *text,
                                   gsize       length,
                                   gpointer    user_data);

/* From now on, hands the text to @sink in pieces of about 64 KiB as it is
 * written, so that a large document never sits whole in memory; finish()
 * then returns only what is left. */
void           vpc_json_writer_set_sink (VpcJsonWriter    *self,
                                         VpcJsonWriterSink sink,
                                         gpointer          user_data);
/* Ends the text with a newline and returns it; frees the writer. */
char          *vpc_json_writer_finish (VpcJsonWriter *self,
                                       gsize         *length);

/* @key names the member inside an object; pass NULL inside arrays and for
 * the root. Containers without members come out as `[]` / `{}`. */
void vpc_json_writer_begin_object (VpcJsonWriter *self,
                                   const char    *key);
void vpc_json_writer_end_object (VpcJsonWriter *self);
void vpc_json_writer_begin_array (VpcJsonWriter *self,
                                  const char    *key);
void vpc_json_writer_end_array (VpcJsonWriter *self);
void vpc_json_writer_string (VpcJsonWriter *self,
                             const char    *key,
                             const char    *value);
void vpc_json_writer_number (VpcJsonWriter *self,
                             const char    *key,
                             double         value);
/* A whole number exactly, whatever its size. */
void vpc_json_writer_int (VpcJsonWriter *self,
                          const char    *key,
                          gint64         value);
void vpc_json_writer_boolean (VpcJsonWriter *self,
                              const char    *key,
                              gboolean       value);
void vpc_json_writer_null (VpcJsonWriter *self,
                           const char    *key);
/* Writes @text verbatim as the value: the caller vouches that it is one
 * JSON value, e.g. money as "14.60", which a double cannot keep. */
void vpc_json_writer_raw (VpcJsonWriter *self,
                          const char    *key,
                          const char    *text);

/* Appends @value as a JSON string literal (quotes included). Invalid UTF-8
 * is repaired first, so the result always parses. */
void vpc_json_append_string (GString    *out,
                             const char *value);
/* Appends the shortest decimal text that reads back as exactly @value:
 * whole numbers below 2^53 as integers. Non-finite values cannot be JSON;
 * they come out as 0. */
void vpc_json_append_number (GString *out,
                             double   value);
/* For messages: @value quoted and escaped like a JSON string, cut after
 * @max_chars characters with "…". */
void vpc_json_append_quoted_short (GString    *out,
                                   const char *value,
                                   gsize       max_chars);
/* The exports' other double-quoted strings: YAML (non-printable
 * characters as \xXX/\uXXXX/\UXXXXXXXX) and HCL (controls as \uXXXX,
 * "${" and "%{" kept literal as "$${" and "%%{"). Invalid UTF-8 is
 * repaired first. */
typedef enum {
  VPC_QUOTE_YAML,
  VPC_QUOTE_HCL,
} VpcQuoteStyle;

void vpc_quote_append (GString       *out,
                       const char    *text,
                       VpcQuoteStyle  style);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (VpcJsonWriter, vpc_json_writer_free)

G_END_DECLS
