/* SPDX-License-Identifier: GPL-3.0-or-later */
/* fuzz-load.c: libFuzzer target for the design loader.
 *
 * Any input either fails with an error, or loads; a loaded design must
 * serialize, load again, and serialize to the very same bytes. Built as a
 * plain program with fuzz-driver.c for `meson test`, and with
 * -fsanitize=fuzzer by tools/fuzz.
 */
#include <stdint.h>
#include <string.h>

#include "vpc-file.h"

int LLVMFuzzerTestOneInput (const uint8_t *data,
                            size_t         size);

static void
make_criticals_fatal (void)
{
  static gboolean done;

  /* A critical from the model means the loader let bad data through. */
  if (!done)
    g_log_set_always_fatal (G_LOG_LEVEL_CRITICAL | G_LOG_LEVEL_WARNING);
  done = TRUE;
}

static VpcDesign *
load (const char *data,
      gsize       size)
{
  g_autoptr(GBytes) bytes = g_bytes_new_static (data, size);
  g_autoptr(GPtrArray) warnings = NULL;
  g_autoptr(GError) error = NULL;
  VpcDesign *design = vpc_file_load_bytes (bytes, &warnings, &error);

  if (design == NULL)
    {
      g_assert (error != NULL && error->domain == VPC_FILE_ERROR && *error->message != '\0');
      g_assert (warnings == NULL);
    }
  else
    g_assert (error == NULL && warnings != NULL);
  return design;
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(VpcDesign) first = NULL;
  g_autoptr(VpcDesign) second = NULL;
  g_autofree char *text1 = NULL;
  g_autofree char *text2 = NULL;
  gsize length1, length2;

  make_criticals_fatal ();
  first = load ((const char *) data, size);
  if (first == NULL)
    return 0;
  text1 = vpc_file_serialize (first, &length1);
  second = load (text1, length1);
  if (second == NULL)
    g_error ("the saved text of a loaded design does not load:\n%s", text1);
  text2 = vpc_file_serialize (second, &length2);
  if (length1 != length2 || memcmp (text1, text2, length1) != 0)
    g_error ("save → load → save changed the text:\n%s\n---\n%s", text1, text2);
  return 0;
}
