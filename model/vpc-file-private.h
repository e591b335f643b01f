/* vpc-file-private.h: what the files of the design-file code share
 * (vpc-file.c loads, vpc-file-read.c walks the schema, vpc-file-write.c
 * saves). */
#pragma once

#include <json-glib/json-glib.h>

#include "vpc-file.h"

G_BEGIN_DECLS

#define VPC_FILE_FORMAT_NAME    "vpc-designer"
#define VPC_FILE_FORMAT_VERSION 1

/* Reads the design file's object @root into the empty @design. Warnings go
 * to @warnings (may be NULL). Returns FALSE with @error set when the file
 * cannot be loaded. */
gboolean _vpc_file_read_design (VpcDesign  *design,
                                JsonObject *root,
                                GPtrArray  *warnings,
                                GError    **error);

G_END_DECLS
