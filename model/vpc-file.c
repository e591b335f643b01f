/* SPDX-License-Identifier: GPL-3.0-or-later */
/* vpc-file.c: loading the design file, format 1 (format.md §1–3).
 *
 * Loading runs in steps: a strict parse of the bytes into a compact tree
 * (vpc-json-scan.c), then a schema walk that builds the design from it
 * (vpc-file-read.c); the automatic layout places what the file does not.
 * Saving is in vpc-file-write.c.
 */
#include "vpc-file-private.h"

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <unistd.h>

#include <sys/stat.h>

#include <glib/gstdio.h>

#include "vpc-i18n.h"
#include "vpc-json-scan.h"
#include "vpc-layout.h"
#include "vpc-safe-save.h"

G_DEFINE_QUARK (vpc-file-error-quark, vpc_file_error)

/* Every element gets a layout (a VPC layout without a size keeps its
 * position: the automatic layout starts there); the history starts clean. */
static void
finish_layout (VpcDesign *design)
{
  vpc_layout_auto (design);
  vpc_design_clear_history (design);
  vpc_design_mark_saved (design);
}

/* The design file's top-level object, or NULL with @error set. */
static const VpcJson *
parse_json (const char  *data,
            gsize        length,
            VpcJsonDoc **doc,
            GError     **error)
{
  const VpcJson *root;

  *doc = vpc_json_parse (data, length, error);
  if (*doc == NULL)
    return NULL;
  root = vpc_json_doc_get_root (*doc);
  if (root->type != VPC_JSON_OBJECT)
    {
      g_set_error_literal (error, VPC_FILE_ERROR, VPC_FILE_ERROR_FORMAT,
                           _("the file must hold one JSON object (a VPC Designer design)"));
      return NULL;
    }
  return root;
}

VpcDesign *
vpc_file_load_bytes (GBytes     *bytes,
                     GPtrArray **warnings,
                     GError    **error)
{
  return vpc_file_load_bytes_full (bytes, VPC_FILE_LOAD_DEFAULT, warnings, error);
}

/* Takes @bytes, and lets each step's input go as soon as the step is done
 * (the bytes once parsed, the parsed tree once read): what the next step
 * makes then takes their memory rather than more (an SVG export of 10,000
 * elements peaked 4 MB lower). */
static VpcDesign *
load_bytes (GBytes          *bytes,
            VpcFileLoadFlags flags,
            GPtrArray      **warnings,
            GError         **error)
{
  g_autoptr(VpcJsonDoc) doc = NULL;
  g_autoptr(VpcDesign) design = NULL;
  g_autoptr(GPtrArray) found = g_ptr_array_new_with_free_func (g_free);
  const VpcJson *root;
  gsize length;
  const char *data;

  data = g_bytes_get_data (bytes, &length);
  root = parse_json (data, length, &doc, error);
  g_bytes_unref (bytes);
  if (root == NULL)
    return NULL;
  design = vpc_design_new ();
  if (!_vpc_file_read_design (design, root, found, error))
    return NULL;
  g_clear_pointer (&doc, vpc_json_doc_free);

  if (flags & VPC_FILE_LOAD_AS_WRITTEN)
    {
      vpc_design_clear_history (design);
      vpc_design_mark_saved (design);
    }
  else
    finish_layout (design);

  if (warnings != NULL)
    {
      if (*warnings == NULL)
        *warnings = g_ptr_array_new_with_free_func (g_free);
      for (guint i = 0; i < found->len; i++)
        g_ptr_array_add (*warnings, g_strdup (g_ptr_array_index (found, i)));
    }
  return g_steal_pointer (&design);
}

VpcDesign *
vpc_file_load_bytes_full (GBytes          *bytes,
                          VpcFileLoadFlags flags,
                          GPtrArray      **warnings,
                          GError         **error)
{
  g_return_val_if_fail (bytes != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  return load_bytes (g_bytes_ref (bytes), flags, warnings, error);
}

VpcDesign *
vpc_file_load_bytes_take (GBytes          *bytes,
                          VpcFileLoadFlags flags,
                          GPtrArray      **warnings,
                          GError         **error)
{
  g_return_val_if_fail (bytes != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  return load_bytes (bytes, flags, warnings, error);
}

static gboolean
fail_open (const char *path,
           int         saved_errno,
           GError    **error)
{
  g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (saved_errno),
               _("cannot open “%s”: %s"), path, g_strerror (saved_errno));
  return FALSE;
}

static gboolean
fail_too_large (gint64   size,
                GError **error)
{
  g_autofree char *bytes = NULL;

  if (size < 0)
    {
      g_set_error_literal (error, VPC_FILE_ERROR, VPC_FILE_ERROR_TOO_LARGE,
                           _("the file is larger than 64 MiB"));
      return FALSE;
    }
  bytes = g_strdup_printf ("%" G_GINT64_FORMAT, size);
  g_set_error (error, VPC_FILE_ERROR, VPC_FILE_ERROR_TOO_LARGE,
               /* TRANSLATORS: %s is a number of bytes. */
               ngettext ("the file is larger than 64 MiB (%s byte)",
                         "the file is larger than 64 MiB (%s bytes)", (gulong) size),
               bytes);
  return FALSE;
}

/* Only a regular file is a design: a FIFO nobody writes to would block
 * open() forever, a device may never end. */
static gboolean
check_regular (const char     *path,
               const GStatBuf *st,
               GError        **error)
{
  if (S_ISREG (st->st_mode))
    return TRUE;
  g_set_error (error, G_FILE_ERROR, S_ISDIR (st->st_mode) ? G_FILE_ERROR_ISDIR : G_FILE_ERROR_INVAL,
               /* TRANSLATORS: a file name, then what it is ("a folder"). */
               _("cannot open “%s”: it is %s, not a design file"), path,
               vpc_safe_save_kind_name (st->st_mode));
  return FALSE;
}

#define READ_CHUNK 65536

/* Reads @fd to its end, stopping one chunk past the 64 MiB limit so that a
 * file growing while it is read cannot fill the memory. @size_hint (the
 * file's size when known) sizes the buffer once. */
static GBytes *
read_bounded (int          fd,
              gsize        size_hint,
              const char  *path,
              GError     **error)
{
  g_autoptr(GByteArray) buffer =
    g_byte_array_sized_new ((guint) MIN (size_hint, VPC_FILE_MAX_BYTES) + READ_CHUNK);

  for (;;)
    {
      guint len = buffer->len;
      gssize n;

      g_byte_array_set_size (buffer, len + READ_CHUNK);
      n = read (fd, buffer->data + len, READ_CHUNK);
      g_byte_array_set_size (buffer, len + (guint) MAX (n, 0));
      if (n < 0 && errno == EINTR)
        continue;
      if (n < 0 && errno == EAGAIN)
        {
          /* Standard input left non-blocking by whoever shares it. */
          struct pollfd wait = { fd, POLLIN, 0 };

          poll (&wait, 1, -1);
          continue;
        }
      if (n < 0)
        {
          int saved_errno = errno;

          g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (saved_errno),
                       _("cannot read “%s”: %s"), path, g_strerror (saved_errno));
          return NULL;
        }
      if (n == 0)
        return g_byte_array_free_to_bytes (g_steal_pointer (&buffer));
      if (buffer->len > VPC_FILE_MAX_BYTES)
        {
          fail_too_large (-1, error);
          return NULL;
        }
    }
}

GBytes *
vpc_file_read_path (const char *path,
                    GError    **error)
{
  GStatBuf st;
  GBytes *bytes;
  int fd;

  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  /* stat() first: it never blocks, whatever the file is. */
  if (g_stat (path, &st) != 0)
    {
      fail_open (path, errno, error);
      return NULL;
    }
  if (!check_regular (path, &st, error))
    return NULL;
  if (st.st_size > VPC_FILE_MAX_BYTES)
    {
      fail_too_large ((gint64) st.st_size, error);
      return NULL;
    }
  /* O_NONBLOCK: if a FIFO took the file's place since stat(), open()
   * returns at once and fstat() refuses it. */
  fd = g_open (path, O_RDONLY | O_NONBLOCK | O_NOCTTY | O_CLOEXEC, 0);
  if (fd < 0)
    {
      fail_open (path, errno, error);
      return NULL;
    }
  if (fstat (fd, &st) != 0)
    {
      fail_open (path, errno, error);
      close (fd);
      return NULL;
    }
  bytes = check_regular (path, &st, error) ? read_bounded (fd, (gsize) st.st_size, path, error)
                                           : NULL;
  close (fd);
  return bytes;
}

GBytes *
vpc_file_read_fd (int         fd,
                  const char *name,
                  GError    **error)
{
  g_return_val_if_fail (fd >= 0, NULL);
  g_return_val_if_fail (name != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  return read_bounded (fd, 0, name, error);
}

VpcDesign *
vpc_file_load_path (const char *path,
                    GPtrArray **warnings,
                    GError    **error)
{
  g_autoptr(GBytes) bytes = NULL;

  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  bytes = vpc_file_read_path (path, error);
  if (bytes == NULL)
    return NULL;
  return vpc_file_load_bytes_take (g_steal_pointer (&bytes), VPC_FILE_LOAD_DEFAULT, warnings,
                                   error);
}

gboolean
vpc_file_path_has_suffix (const char *path,
                          const char *suffix)
{
  g_autofree char *lower = g_ascii_strdown (path, -1);

  return g_str_has_suffix (lower, suffix);
}
