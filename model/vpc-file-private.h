/* SPDX-License-Identifier: GPL-3.0-or-later */
/* vpc-file-private.h: what the files of the design-file code share
 * (vpc-file.c loads, vpc-file-read.c walks the schema, vpc-file-write.c
 * saves). */
#pragma once

#include <json-glib/json-glib.h>

#include "vpc-file.h"
#include "vpc-json-scan.h"
#include "vpc-json-write.h"
#include "vpc-lesson.h"

G_BEGIN_DECLS

#define VPC_FILE_FORMAT_NAME    "vpc-designer"
#define VPC_FILE_FORMAT_VERSION 1

/* Reads the design file's object @root into the empty @design. Warnings go
 * to @warnings (may be NULL). Returns FALSE with @error set when the file
 * cannot be loaded. */
gboolean _vpc_file_read_design      (VpcDesign     *design,
                                     const VpcJson *root,
                                     GPtrArray     *warnings,
                                     GError       **error);
/* The same from a json-glib object (repair edits json-glib trees). */
gboolean _vpc_file_read_design_json (VpcDesign     *design,
                                     JsonObject    *root,
                                     GPtrArray     *warnings,
                                     GError       **error);

/* vpc-file-read.c: "a string", "an array", … for "must be X, not Y". */
const char *_vpc_file_type_name (JsonNode *node);
/* vpc-file-write.c: an array of strings (an empty one when NULL). */
void     _vpc_file_write_strings (VpcJsonWriter   *w,
                                  const char      *key,
                                  const GPtrArray *list);

/* vpc-file-lesson.c: the `lesson` member's value @node (format.md §6)
 * into *@out; FALSE with @error naming the place ("lesson.goals[2]: …"). */
gboolean _vpc_file_read_lesson (JsonNode   *node,
                                VpcLesson **out,
                                GPtrArray  *warnings,
                                GError    **error);
void     _vpc_file_write_lesson (VpcJsonWriter   *w,
                                 const VpcLesson *lesson);

G_END_DECLS
