/* vpc-file.c: loading the design file, format 1 (FORMAT.md §1–3).
 *
 * Loading runs in three steps: a strict pre-scan of the bytes
 * (vpc-json-scan.c), json-glib's parser, then a schema walk that builds the
 * design (vpc-file-read.c); the automatic layout places what the file does
 * not. Saving is in vpc-file-write.c.
 */
#include "vpc-file-private.h"

#include <errno.h>

#include <sys/stat.h>

#include <glib/gstdio.h>

#include "vpc-json-scan.h"
#include "vpc-layout.h"

G_DEFINE_QUARK (vpc-file-error-quark, vpc_file_error)

/* Ids of the elements the automatic layout is about to place. */
static GPtrArray *
unplaced_ids (VpcDesign *design)
{
  GPtrArray *ids = g_ptr_array_new_with_free_func (g_free);

  for (guint k = 0; k < VPC_N_KINDS; k++)
    for (guint i = 0; i < vpc_design_get_n_elements (design, k); i++)
      {
        const VpcElement *e = vpc_design_get_element (design, k, i);

        if (!e->has_layout)
          g_ptr_array_add (ids, g_strdup (e->id));
      }
  return ids;
}

/* The automatic layout puts a VPC without a layout at (0, 0). A VPC layout
 * without a size keeps its position: the VPC and what was placed inside it
 * move there, and the VPC takes the size the automatic layout gave it. */
static void
move_vpc (VpcDesign *design,
          GPtrArray *placed,
          double     x,
          double     y)
{
  g_autoptr(VpcDesignInfo) info = vpc_design_info_copy (vpc_design_get_info (design));

  info->vpc_layout.x += x;
  info->vpc_layout.y += y;
  vpc_design_take_info (design, g_steal_pointer (&info));
  for (guint i = 0; i < placed->len; i++)
    {
      g_autoptr(VpcElement) copy = vpc_element_copy (vpc_design_lookup (design, placed->pdata[i]));

      copy->layout.x += x;
      copy->layout.y += y;
      vpc_design_replace_element (design, g_steal_pointer (&copy));
    }
}

/* Every element gets a layout; the history starts clean. */
static void
finish_layout (VpcDesign *design,
               gboolean   vpc_sized,
               double     vpc_x,
               double     vpc_y)
{
  g_autoptr(GPtrArray) placed = vpc_sized ? NULL : unplaced_ids (design);

  vpc_layout_auto (design);
  if (placed != NULL && (vpc_x != 0 || vpc_y != 0))
    move_vpc (design, placed, vpc_x, vpc_y);
  vpc_design_clear_history (design);
  vpc_design_mark_saved (design);
}

static JsonObject *
parse_json (const char *data,
            gsize       length,
            JsonParser *parser,
            GError    **error)
{
  g_autoptr(GError) local = NULL;
  gsize start = 0;
  JsonNode *root;

  if (!vpc_json_scan (data, length, &start, error))
    return NULL;
  if (!json_parser_load_from_data (parser, data + start, (gssize) (length - start), &local))
    {
      g_set_error (error, VPC_FILE_ERROR, VPC_FILE_ERROR_SYNTAX, "invalid JSON: %s",
                   local->message);
      return NULL;
    }
  root = json_parser_get_root (parser);
  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    {
      g_set_error_literal (error, VPC_FILE_ERROR, VPC_FILE_ERROR_FORMAT,
                           "the file must hold one JSON object (a VPC Designer design)");
      return NULL;
    }
  return json_node_get_object (root);
}

VpcDesign *
vpc_file_load_bytes (GBytes     *bytes,
                     GPtrArray **warnings,
                     GError    **error)
{
  g_autoptr(JsonParser) parser = json_parser_new_immutable ();
  g_autoptr(VpcDesign) design = NULL;
  g_autoptr(GPtrArray) found = g_ptr_array_new_with_free_func (g_free);
  const VpcDesignInfo *info;
  JsonObject *root;
  gsize length;
  const char *data;

  g_return_val_if_fail (bytes != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  data = g_bytes_get_data (bytes, &length);
  root = parse_json (data, length, parser, error);
  if (root == NULL)
    return NULL;
  design = vpc_design_new ();
  if (!_vpc_file_read_design (design, root, found, error))
    return NULL;

  info = vpc_design_get_info (design);
  /* A VPC layout without w/h keeps its x/y; without a layout, (0, 0). */
  finish_layout (design, info->has_vpc_layout, info->vpc_layout.x, info->vpc_layout.y);

  if (warnings != NULL)
    {
      if (*warnings == NULL)
        *warnings = g_ptr_array_new_with_free_func (g_free);
      for (guint i = 0; i < found->len; i++)
        g_ptr_array_add (*warnings, g_strdup (g_ptr_array_index (found, i)));
    }
  return g_steal_pointer (&design);
}

/* Refuses a file over the limit before reading it into memory. */
static gboolean
check_file_size (const char *path,
                 gboolean   *regular,
                 GError    **error)
{
  GStatBuf st;
  int saved_errno;

  if (g_stat (path, &st) != 0)
    {
      saved_errno = errno;
      g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (saved_errno),
                   "cannot open “%s”: %s", path, g_strerror (saved_errno));
      return FALSE;
    }
  if (S_ISDIR (st.st_mode))
    {
      g_set_error (error, G_FILE_ERROR, G_FILE_ERROR_ISDIR, "“%s” is a folder, not a file", path);
      return FALSE;
    }
  *regular = S_ISREG (st.st_mode);
  if (S_ISREG (st.st_mode) && st.st_size > VPC_FILE_MAX_BYTES)
    {
      g_set_error (error, VPC_FILE_ERROR, VPC_FILE_ERROR_TOO_LARGE,
                   "the file is larger than 64 MiB (%" G_GINT64_FORMAT " bytes)",
                   (gint64) st.st_size);
      return FALSE;
    }
  return TRUE;
}

/* A pipe or device has no size to check first: reads at most one byte past
 * the limit, so that "/dev/zero" is refused instead of filling the memory. */
static gboolean
read_stream (const char *path,
             char      **data,
             gsize      *length,
             GError    **error)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GFileInputStream) stream = g_file_read (file, NULL, error);
  g_autoptr(GByteArray) buffer = NULL;
  guint8 chunk[65536];
  gssize n;

  if (stream == NULL)
    return FALSE;
  buffer = g_byte_array_new ();
  while ((n = g_input_stream_read (G_INPUT_STREAM (stream), chunk, sizeof chunk, NULL, error)) > 0)
    {
      if (buffer->len + (gsize) n > VPC_FILE_MAX_BYTES)
        {
          g_set_error (error, VPC_FILE_ERROR, VPC_FILE_ERROR_TOO_LARGE,
                       "the file is larger than 64 MiB");
          return FALSE;
        }
      g_byte_array_append (buffer, chunk, (guint) n);
    }
  if (n < 0)
    return FALSE;
  *length = buffer->len;
  *data = (char *) g_byte_array_free (g_steal_pointer (&buffer), FALSE);
  return TRUE;
}

VpcDesign *
vpc_file_load_path (const char *path,
                    GPtrArray **warnings,
                    GError    **error)
{
  g_autoptr(GBytes) bytes = NULL;
  char *data = NULL;
  gsize length = 0;
  gboolean regular = FALSE;

  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!check_file_size (path, &regular, error))
    return NULL;
  if (regular ? !g_file_get_contents (path, &data, &length, error)
              : !read_stream (path, &data, &length, error))
    return NULL;
  bytes = g_bytes_new_take (data, length);
  return vpc_file_load_bytes (bytes, warnings, error);
}
