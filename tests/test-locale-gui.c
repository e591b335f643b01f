/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-locale-gui.c: the editor window in German and Spanish under Xvfb.
 *
 * With an example open at 1280×720: every label, button and tab the window
 * shows is translated (no text that the catalogue translates is shown in
 * English), no translated label is cut short with an ellipsis, and the
 * window still fits 1280×720 (its minimum size).
 *
 * Runs in suite 'gui' with the build tree's catalogues (VPC_BUILD_LOCALEDIR).
 */
#include <adwaita.h>
#include <glib/gstdio.h>
#include <locale.h>
#include <string.h>

#include "gui-test-utils.h"
#include "vpc-i18n.h"
#include "vpc-window.h"

#define EXAMPLE "training-cannot-reach-s3-ecr.vpcd.json"

/* Switches the messages to @language ("de", "es"). */
static void
use_language (const char *language)
{
  g_setenv ("LANGUAGE", language, TRUE);
  setlocale (LC_ALL, "");
  setlocale (LC_NUMERIC, "C");
  bindtextdomain (GETTEXT_PACKAGE, VPC_BUILD_LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  /* Setting the domain again drops gettext's cached catalogue. */
  textdomain (GETTEXT_PACKAGE);
}

/* Every shown GtkLabel under @widget. */
static void
collect_labels (GtkWidget *widget,
                GPtrArray *labels)
{
  if (!gtk_widget_get_mapped (widget))
    return;
  if (GTK_IS_LABEL (widget))
    g_ptr_array_add (labels, widget);
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    collect_labels (child, labels);
}

/* TRUE when @text has a letter: "12", "$14.60" and "—" need no words. */
static gboolean
has_words (const char *text)
{
  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    if (g_unichar_isalpha (g_utf8_get_char (p)))
      return TRUE;
  return FALSE;
}

static void
test_window_in_language (gconstpointer data)
{
  const char *language = data;
  g_autofree char *src = g_build_filename (g_getenv ("VPC_EXAMPLES_DIR"), EXAMPLE, NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("vpc-locale-XXXXXX", &error);
  g_autofree char *path = NULL;
  g_autoptr(GPtrArray) labels = g_ptr_array_new ();
  g_autoptr(GString) english = g_string_new (NULL);
  g_autoptr(GString) cut = g_string_new (NULL);
  guint translated = 0;
  VpcWindow *window;
  int min_w, min_h;

  g_assert_no_error (error);
  use_language (language);
  /* The catalogue is there and speaks @language. */
  g_assert_cmpstr (g_dgettext (GETTEXT_PACKAGE, "Findings"), !=, "Findings");

  path = gui_test_copy_file (src, dir, EXAMPLE);
  window = g_object_new (VPC_TYPE_WINDOW, "default-width", 1280, "default-height", 720, NULL);
  gui_test_window_open (window, path, 10);
  gtk_window_present (GTK_WINDOW (window));
  gui_test_spin (30);

  gtk_widget_measure (GTK_WIDGET (window), GTK_ORIENTATION_HORIZONTAL, -1, &min_w, NULL, NULL,
                      NULL);
  gtk_widget_measure (GTK_WIDGET (window), GTK_ORIENTATION_VERTICAL, 1280, &min_h, NULL, NULL,
                      NULL);
  g_test_message ("%s: minimum size %d×%d", language, min_w, min_h);
  g_assert_cmpint (min_w, <=, 1280);
  g_assert_cmpint (min_h, <=, 720);

  collect_labels (GTK_WIDGET (window), labels);
  for (guint i = 0; i < labels->len; i++)
    {
      GtkLabel *label = g_ptr_array_index (labels, i);
      const char *text = gtk_label_get_text (label);

      if (!has_words (text))
        continue;
      /* English text the catalogue translates, shown as it is. */
      if (strcmp (g_dgettext (GETTEXT_PACKAGE, text), text) != 0)
        g_string_append_printf (english, "\n  “%s”", text);
      else
        translated++;
      if (gtk_label_get_ellipsize (label) != PANGO_ELLIPSIZE_NONE &&
          pango_layout_is_ellipsized (gtk_label_get_layout (label)))
        g_string_append_printf (cut, "\n  “%s”", text);
    }
  g_test_message ("%s: %u labels with words, cut short:%s", language, translated,
                  cut->len > 0 ? cut->str : " none");
  if (english->len > 0)
    g_error ("%s: shown in English:%s", language, english->str);
  g_assert_cmpuint (translated, >=, 20);
  if (cut->len > 0)
    g_error ("%s: labels cut short at 1280×720:%s", language, cut->str);

  gtk_window_destroy (GTK_WINDOW (window));
  gui_test_spin (10);
  gui_test_remove_copy (dir, path);
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *data_home = g_dir_make_tmp ("vpc-locale-data-XXXXXX", NULL);

  /* Recovery copies of this run live in a folder of their own. */
  g_assert_nonnull (data_home);
  g_setenv ("XDG_DATA_HOME", data_home, TRUE);
  gtk_disable_setlocale ();
  g_test_init (&argc, &argv, NULL);
  if (!gtk_init_check ())
    {
      g_printerr ("test-locale-gui: cannot open a display. The GUI suite runs under Xvfb: "
                  "use tools/test, or xvfb-run -a meson test --suite gui.\n");
      return 1;
    }
  adw_init ();
  g_object_set (gtk_settings_get_default (), "gtk-recent-files-enabled", FALSE, NULL);
  g_test_add_data_func ("/locale/window/de", "de", test_window_in_language);
  g_test_add_data_func ("/locale/window/es", "es", test_window_in_language);
  return g_test_run ();
}
