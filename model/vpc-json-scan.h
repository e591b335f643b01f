/* SPDX-License-Identifier: GPL-3.0-or-later */
/* vpc-json-scan.h: a strict, non-recursive parser of untrusted JSON text.
 *
 * It accepts exactly RFC 8259 JSON within our limits: no comments, hex,
 * single quotes, raw control characters, \u0000, lone surrogates, repeated
 * keys, integers beyond 2^53 or nesting deeper than 64. Errors are in the
 * VPC_FILE_ERROR domain and name the place: the JSON path when known and
 * "line L, column C".
 *
 * The tree it builds is compact (a few large blocks, members in file order)
 * and read-only: the loader reads designs from it. Code that edits JSON
 * (repair, lessons) uses json-glib, which may parse text this scan passed.
 */
#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

/* Bounds parse time and memory: a full 100,000-element design stays far
 * below it, 64 MiB of tiny values does not. */
#define VPC_JSON_SCAN_MAX_VALUES 4000000

typedef enum {
  VPC_JSON_NULL,
  VPC_JSON_BOOLEAN,
  VPC_JSON_NUMBER,
  VPC_JSON_STRING,
  VPC_JSON_ARRAY,
  VPC_JSON_OBJECT,
} VpcJsonType;

typedef struct _VpcJson VpcJson;
struct _VpcJson
{
  VpcJsonType type;
  guint       length; /* entries of an array, members of an object, bytes of a string */
  const char *key;    /* the member's name, in an object */
  VpcJson    *next;   /* the next entry or member */
  union {
    gboolean    boolean;
    double      number;
    const char *string;
    VpcJson    *first; /* the first entry or member */
  } v;
};

typedef struct _VpcJsonDoc VpcJsonDoc;

/* Parses @data (@length bytes, not NUL-terminated; a UTF-8 BOM is skipped). */
VpcJsonDoc    *vpc_json_parse         (const char *data,
                                       gsize       length,
                                       GError    **error);
const VpcJson *vpc_json_doc_get_root  (VpcJsonDoc *doc);
void           vpc_json_doc_free      (VpcJsonDoc *doc);
/* The member named @key of an object, or NULL. */
const VpcJson *vpc_json_get_member    (const VpcJson *object,
                                       const char    *key);
/* A json-glib copy of @value, for code that works on json-glib trees. */
JsonNode      *vpc_json_to_node       (const VpcJson *value);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (VpcJsonDoc, vpc_json_doc_free)

/* Checks @data (@length bytes, not NUL-terminated). On success stores in
 * @start the offset where the JSON text begins (after a UTF-8 BOM). */
gboolean vpc_json_scan (const char *data,
                        gsize       length,
                        gsize      *start,
                        GError    **error);

G_END_DECLS
