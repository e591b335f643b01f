/* SPDX-License-Identifier: GPL-3.0-or-later */
/* vpc-file.h: the design file, format 1 (format.md §1–3). */
#pragma once

#include <gio/gio.h>

#include "vpc-design.h"

G_BEGIN_DECLS

#define VPC_FILE_ERROR (vpc_file_error_quark ())
typedef enum
{
  VPC_FILE_ERROR_TOO_LARGE, /* over 64 MiB, deeper than 64, over 100,000 elements */
  VPC_FILE_ERROR_ENCODING,  /* invalid UTF-8, NUL */
  VPC_FILE_ERROR_SYNTAX,    /* not JSON, duplicate key */
  VPC_FILE_ERROR_FORMAT,    /* wrong format/version */
  VPC_FILE_ERROR_INVALID,   /* schema: missing key, wrong type, bad value, bad CIDR, duplicate id */
  VPC_FILE_ERROR_REFERENCE, /* reference to a missing id or an element of the wrong kind */
} VpcFileError;
GQuark vpc_file_error_quark (void);

#define VPC_FILE_MAX_BYTES    (64 * 1024 * 1024)
#define VPC_FILE_MAX_DEPTH    64
#define VPC_FILE_MAX_ELEMENTS 100000

/* Loads a design. On failure returns NULL with one message naming the place
 * ("subnets[2].az: no availability zone with id \"az-c\""). Unknown or
 * inapplicable keys are appended to @warnings (strings, may be NULL) with
 * their place. Elements without a layout are laid out automatically. */
VpcDesign *vpc_file_load_bytes (GBytes     *bytes,
                                GPtrArray **warnings,
                                GError    **error);
/* How a load ends. AS_WRITTEN keeps the layouts the file gives and leaves
 * the others unset (has_layout FALSE): for commands that compare or judge
 * a file and never draw it. */
typedef enum {
  VPC_FILE_LOAD_DEFAULT = 0,
  VPC_FILE_LOAD_AS_WRITTEN = 1 << 0,
} VpcFileLoadFlags;
VpcDesign *vpc_file_load_bytes_full (GBytes          *bytes,
                                     VpcFileLoadFlags flags,
                                     GPtrArray      **warnings,
                                     GError         **error);
/* The same, taking @bytes: freed once parsed, when the caller holds no
 * other reference (a large file's memory is then reused by the load). */
VpcDesign *vpc_file_load_bytes_take (GBytes          *bytes,
                                     VpcFileLoadFlags flags,
                                     GPtrArray      **warnings,
                                     GError         **error);
VpcDesign *vpc_file_load_path (const char *path,
                               GPtrArray **warnings,
                               GError    **error);

/* The bytes of the file at @path, which must be a regular file (symlinks
 * followed) of at most 64 MiB: a folder, FIFO, socket or device is refused
 * at once, without opening it (a FIFO nobody writes to never blocks). */
GBytes    *vpc_file_read_path (const char *path,
                               GError    **error);
/* The bytes of @fd (standard input) up to its end, at most 64 MiB; @name
 * names it in messages. */
GBytes    *vpc_file_read_fd (int         fd,
                             const char *name,
                             GError    **error);

/* Whether @path ends in @suffix ("…/x.PDF" ends in ".pdf"): how every
 * export and import picks its format. */
gboolean   vpc_file_path_has_suffix (const char *path,
                                     const char *suffix);

/* The canonical text of a design: two-space indent, keys in format.md's
 * order, a final newline. Equal designs give identical bytes. */
char      *vpc_file_serialize (VpcDesign *design,
                               gsize     *length);

/* Serializes and writes with vpc_safe_save(); marks the design saved. */
gboolean   vpc_file_save_path (VpcDesign  *design,
                               const char *path,
                               GError    **error);

G_END_DECLS
