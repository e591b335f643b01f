/* vpc-json-scan.h: a strict, non-recursive pre-scan of untrusted JSON text
 * (RELIABILITY.md §2.4), run before json-glib 1.6 sees the bytes.
 *
 * json-glib 1.6 overflows its stack on deep nesting, wraps big integers,
 * accepts comments, hex, single quotes and raw control characters, truncates
 * strings at \u0000 and keeps only the last of two equal keys. The scan
 * refuses all of that, so what json-glib parses afterwards is plain RFC 8259
 * JSON within our limits. Errors are in the VPC_FILE_ERROR domain and name
 * the place: the JSON path when known and "line L, column C".
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Bounds parse time and memory: a full 100,000-element design stays far
 * below it, 64 MiB of tiny values does not. */
#define VPC_JSON_SCAN_MAX_VALUES 4000000

/* Checks @data (@length bytes, not NUL-terminated). On success stores in
 * @start the offset where the JSON text begins (after a UTF-8 BOM). */
gboolean vpc_json_scan (const char *data,
                        gsize       length,
                        gsize      *start,
                        GError    **error);

G_END_DECLS
