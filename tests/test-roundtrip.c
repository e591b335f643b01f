/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-roundtrip.c: every example and test design loads, and
 * save → load → save gives byte-identical text (format.md §3). */
#include <string.h>

#include <json-glib/json-glib.h>

#include "vpc-file.h"

static void
assert_designs_equal (VpcDesign *a,
                      VpcDesign *b)
{
  g_assert_true (vpc_design_info_equal (vpc_design_get_info (a), vpc_design_get_info (b)));
  for (guint k = 0; k < VPC_N_KINDS; k++)
    {
      g_assert_cmpuint (vpc_design_get_n_elements (a, k), ==, vpc_design_get_n_elements (b, k));
      for (guint i = 0; i < vpc_design_get_n_elements (a, k); i++)
        g_assert_true (vpc_element_equal (vpc_design_get_element (a, k, i),
                                          vpc_design_get_element (b, k, i)));
    }
}

static VpcDesign *
load_text (const char *text)
{
  g_autoptr(GBytes) bytes = g_bytes_new (text, strlen (text));
  g_autoptr(GError) error = NULL;
  VpcDesign *design = vpc_file_load_bytes (bytes, NULL, &error);

  g_assert_no_error (error);
  return design;
}

static void
test_round_trip (gconstpointer data)
{
  const char *path = data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) warnings = NULL;
  g_autoptr(VpcDesign) first = vpc_file_load_path (path, &warnings, &error);
  g_autoptr(VpcDesign) second = NULL, third = NULL;
  g_autofree char *text1 = NULL, *text2 = NULL, *text3 = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();

  g_assert_no_error (error);
  for (guint i = 0; i < warnings->len; i++)
    g_test_message ("%s: warning: %s", path, (char *) warnings->pdata[i]);
  g_assert_cmpuint (warnings->len, ==, 0);

  text1 = vpc_file_serialize (first, NULL);
  json_parser_load_from_data (parser, text1, -1, &error);
  g_assert_no_error (error);
  second = load_text (text1);
  assert_designs_equal (first, second);
  text2 = vpc_file_serialize (second, NULL);
  g_assert_cmpstr (text1, ==, text2);
  third = load_text (text2);
  text3 = vpc_file_serialize (third, NULL);
  g_assert_cmpstr (text2, ==, text3);
}

static int
compare_names (gconstpointer a,
               gconstpointer b)
{
  return strcmp (*(char *const *) a, *(char *const *) b);
}

/* Adds one test per *.vpcd.json in @dir; returns how many. */
static guint
add_folder (const char *prefix,
            const char *dir_path,
            GPtrArray  *paths)
{
  g_autoptr(GDir) dir = g_dir_open (dir_path, 0, NULL);
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  const char *name;

  if (dir == NULL)
    return 0;
  while ((name = g_dir_read_name (dir)) != NULL)
    if (g_str_has_suffix (name, ".vpcd.json"))
      g_ptr_array_add (names, g_strdup (name));
  g_ptr_array_sort (names, compare_names);
  for (guint i = 0; i < names->len; i++)
    {
      char *path = g_build_filename (dir_path, names->pdata[i], NULL);
      g_autofree char *test_name = g_strdup_printf ("/file/round-trip/%s/%s", prefix,
                                                    (char *) names->pdata[i]);

      g_ptr_array_add (paths, path);
      g_test_add_data_func (test_name, path, test_round_trip);
    }
  return names->len;
}

int
main (int argc, char *argv[])
{
  g_autoptr(GPtrArray) paths = g_ptr_array_new_with_free_func (g_free);
  const char *examples = g_getenv ("VPC_EXAMPLES_DIR");
  const char *srcdir = g_getenv ("G_TEST_SRCDIR");
  g_autofree char *own = g_build_filename (srcdir != NULL ? srcdir : ".", "data", "file", NULL);
  int status;

  g_test_init (&argc, &argv, NULL);
  if (examples != NULL)
    add_folder ("examples", examples, paths);
  g_assert_cmpuint (add_folder ("tests", own, paths), >, 0);
  status = g_test_run ();
  return status;
}
