/* SPDX-License-Identifier: GPL-3.0-or-later */
/* fuzz-driver.c: runs a libFuzzer target over files, without libFuzzer
 * (GLib's fuzzing/driver.c idea). Each argument is a file or a folder of
 * files; the output is TAP, one line per input. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <glib.h>

int LLVMFuzzerTestOneInput (const uint8_t *data,
                            size_t         size);

static int
compare_paths (gconstpointer a,
               gconstpointer b)
{
  return strcmp (*(char *const *) a, *(char *const *) b);
}

/* The files named, with each folder replaced by its files, sorted. */
static GPtrArray *
collect_inputs (int    argc,
                char **argv)
{
  GPtrArray *inputs = g_ptr_array_new_with_free_func (g_free);

  for (int i = 1; i < argc; i++)
    {
      g_autoptr(GDir) dir = NULL;
      const char *name;
      guint first = inputs->len;

      if (!g_file_test (argv[i], G_FILE_TEST_IS_DIR))
        {
          g_ptr_array_add (inputs, g_strdup (argv[i]));
          continue;
        }
      dir = g_dir_open (argv[i], 0, NULL);
      while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
        {
          char *path = g_build_filename (argv[i], name, NULL);

          if (g_file_test (path, G_FILE_TEST_IS_REGULAR))
            g_ptr_array_add (inputs, path);
          else
            g_free (path);
        }
      /* Sort each folder's files so runs are reproducible. */
      qsort (inputs->pdata + first, inputs->len - first, sizeof (gpointer), compare_paths);
    }
  return inputs;
}

int
main (int argc, char *argv[])
{
  g_autoptr(GPtrArray) inputs = collect_inputs (argc, argv);

  if (inputs->len == 0)
    {
      fprintf (stderr, "usage: %s FILE-OR-FOLDER...\n", argv[0]);
      return 2;
    }
  printf ("1..%u\n", inputs->len);
  for (guint i = 0; i < inputs->len; i++)
    {
      const char *path = inputs->pdata[i];
      g_autoptr(GError) error = NULL;
      g_autofree char *data = NULL;
      gsize size = 0;

      if (!g_file_get_contents (path, &data, &size, &error))
        {
          printf ("not ok %u - %s: %s\n", i + 1, path, error->message);
          return 1;
        }
      LLVMFuzzerTestOneInput ((const uint8_t *) data, size);
      printf ("ok %u - %s\n", i + 1, path);
      fflush (stdout);
    }
  return 0;
}
