/* SPDX-License-Identifier: GPL-3.0-or-later */
/* vpc-file-repair.h: `repair` (format.md §5): from a file that is JSON
 * within the limits of format.md §3 but that the loader refuses, the text of
 * a design that loads, dropping only what is invalid. */
#pragma once

#include "vpc-file.h"

G_BEGIN_DECLS

/* TRUE when @error, from loading a file, is one that repair may fix: a
 * schema, format or reference error (not unreadable JSON or a limit). */
gboolean vpc_file_repair_applies (const GError *error);

/* Repairs the file text @input. Returns the text of a design that loads:
 * @input itself when it loads already (written back unchanged), else a
 * two-space indented copy without what is invalid. @changes (may be NULL)
 * receives one line per change, "PLACE: dropped WHAT: REASON" (or "PLACE:
 * added VALUE: REASON" for a required top-level value), with PLACE as in
 * @input; none when @input loads. @design (may be NULL) receives the design
 * the text loads into; after changes it is unsaved, with nothing to undo.
 *
 * Returns NULL with @error (VPC_FILE_ERROR) when @input is not repairable:
 * not JSON, over a limit, not a JSON object, or made by a newer version. */
GBytes  *vpc_file_repair_bytes (GBytes     *input,
                                GPtrArray **changes,
                                VpcDesign **design,
                                GError    **error);

G_END_DECLS
