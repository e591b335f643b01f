/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-open-repair.c: opening a design that fails the schema or reference
 * checks (format.md §5 "repair") in the editor window under Xvfb: the
 * offer lists every change, the repaired design opens under the file's
 * name, unsaved and with nothing to undo, the file stays as it was until
 * saved, and what is saved opens again. Suite 'gui'.
 */
#include <adwaita.h>
#include <glib/gstdio.h>
#include <string.h>

#include "gui-test-utils.h"
#include "vpc-file-repair.h"
#include "vpc-window-private.h"

#define BROKEN "cascade.vpcd.json"

typedef struct
{
  VpcWindow *window;
  char      *dir;
  char      *path;   /* a copy of tests/data/repair/BROKEN */
  GFile     *file;
  GBytes    *original;
} Fixture;

static GBytes *
read_bytes (const char *path)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  GBytes *bytes = g_file_load_bytes (file, NULL, NULL, &error);

  g_assert_no_error (error);
  return bytes;
}

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  g_autofree char *source = g_test_build_filename (G_TEST_DIST, "data", "repair", BROKEN, NULL);
  g_autoptr(GError) error = NULL;

  f->dir = g_dir_make_tmp ("vpc-open-repair-XXXXXX", &error);
  g_assert_no_error (error);
  f->path = gui_test_copy_file (source, f->dir, "broken.vpcd.json");
  f->file = g_file_new_for_path (f->path);
  f->original = read_bytes (f->path);
  f->window = g_object_new (VPC_TYPE_WINDOW, "default-width", 1000, "default-height", 700, NULL);
  gtk_window_present (GTK_WINDOW (f->window));
  gtk_test_widget_wait_for_draw (GTK_WIDGET (f->window));
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(GBytes) after = read_bytes (f->path);

  /* Whatever happened, the file on disk is as it was. */
  g_assert_true (g_bytes_equal (after, f->original));
  gtk_window_destroy (GTK_WINDOW (f->window));
  gui_test_spin (10);
  gui_test_remove_copy (f->dir, f->path);
  g_object_unref (f->file);
  g_bytes_unref (f->original);
  g_free (f->path);
  g_free (f->dir);
}

/* The visible message dialog over @parent, or NULL. */
static AdwMessageDialog *
find_dialog (GtkWindow *parent)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWindow) window = g_list_model_get_item (toplevels, i);

      if (ADW_IS_MESSAGE_DIALOG (window) && gtk_window_get_transient_for (window) == parent &&
          gtk_widget_get_visible (GTK_WIDGET (window)))
        return ADW_MESSAGE_DIALOG (window);
    }
  return NULL;
}

/* What a click on a response button does: respond, then close. */
static void
respond (AdwMessageDialog *dialog,
         const char       *response)
{
  g_object_ref (dialog);
  adw_message_dialog_response (dialog, response);
  gtk_window_destroy (GTK_WINDOW (dialog));
  g_object_unref (dialog);
  gui_test_spin (10);
}

/* The offer over @f's window: its heading, its full list of changes (the
 * same lines as `repair` prints) and its two answers. */
static AdwMessageDialog *
assert_offer (Fixture *f)
{
  AdwMessageDialog *dialog = find_dialog (GTK_WINDOW (f->window));
  g_autoptr(GPtrArray) changes = NULL;
  g_autoptr(GBytes) repaired = vpc_file_repair_bytes (f->original, &changes, NULL, NULL);
  g_autoptr(GString) expected = g_string_new (NULL);
  g_autofree char *text = NULL;
  GtkWidget *view;
  GtkTextBuffer *buffer;
  GtkTextIter start, end;

  g_assert_nonnull (dialog);
  g_assert_cmpstr (adw_message_dialog_get_heading (dialog), ==, "This design has problems");
  g_assert_nonnull (strstr (adw_message_dialog_get_body (dialog), "broken.vpcd.json"));
  g_assert_cmpstr (adw_message_dialog_get_response_label (dialog, "cancel"), ==, "_Cancel");
  g_assert_cmpstr (adw_message_dialog_get_response_label (dialog, "repair"), ==,
                   "_Open with Repairs");

  view = gui_test_find_named (adw_message_dialog_get_extra_child (dialog), "repair-changes");
  g_assert_true (GTK_IS_TEXT_VIEW (view));
  g_assert_false (gtk_text_view_get_editable (GTK_TEXT_VIEW (view)));
  buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (view));
  gtk_text_buffer_get_bounds (buffer, &start, &end);
  text = gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
  for (guint i = 0; i < changes->len; i++)
    g_string_append_printf (expected, "%s%s", i > 0 ? "\n" : "", (const char *) changes->pdata[i]);
  g_assert_cmpuint (changes->len, ==, 14);
  g_assert_cmpstr (text, ==, expected->str);
  g_assert_nonnull (strstr (
      text, "nat_gateways[0].subnet: dropped the NAT gateway: subnet \"sn-b\" was dropped"));
  return dialog;
}

/* Accepting: the repaired design under the file's name, unsaved, nothing
 * to undo; edits undo back to the repaired state and no further; saving to
 * another name writes a file that opens, and the broken one stays. */
static void
test_accept (Fixture       *f,
             gconstpointer  data)
{
  g_autofree char *saved_path = g_build_filename (f->dir, "fixed.vpcd.json", NULL);
  g_autoptr(GFile) saved = g_file_new_for_path (saved_path);
  g_autoptr(VpcDesign) reloaded = NULL;
  g_autoptr(GError) error = NULL;
  const char *ids[] = { "nat-d", NULL };
  VpcDesign *design;

  vpc_window_open_file (f->window, f->file);
  gui_test_spin (10);
  g_assert_null (vpc_window_get_design (f->window));
  respond (assert_offer (f), "repair");

  design = vpc_window_get_design (f->window);
  g_assert_nonnull (design);
  g_assert_true (g_file_equal (vpc_window_get_file (f->window), f->file));
  /* Titled after the file, marked unsaved. */
  g_assert_cmpstr (adw_window_title_get_title (f->window->window_title), ==, "• broken");
  g_assert_true (g_str_has_prefix (adw_window_title_get_subtitle (f->window->window_title),
                                   "broken.vpcd.json — "));
  g_assert_true (vpc_window_get_modified (f->window));
  g_assert_false (vpc_design_get_can_undo (design));
  /* Said where it stays readable. */
  g_assert_nonnull (strstr (vpc_message_bar_get_text (f->window->message_bar), "14 repairs"));
  /* What had no fault is there; what had one, and what hung on it, is not. */
  for (guint i = 0; i < 4; i++)
    {
      const char *kept[] = { "az-a", "az-b", "sn-a", "sn-d" };

      g_assert_nonnull (vpc_design_lookup (design, kept[i]));
    }
  g_assert_null (vpc_design_lookup (design, "sn-b"));
  g_assert_null (vpc_design_lookup (design, "sn-c"));
  g_assert_null (vpc_design_lookup (design, "nat-b"));
  g_assert_null (vpc_design_lookup (design, "nat-c"));
  g_assert_nonnull (vpc_design_lookup (design, "nat-d"));
  g_assert_cmpuint (vpc_design_lookup (design, "train")->subnets->len, ==, 1);

  /* The history starts after the repair. */
  g_assert_true (vpc_design_delete (design, ids, 1));
  g_assert_null (vpc_design_lookup (design, "nat-d"));
  g_assert_true (vpc_design_undo (design));
  g_assert_nonnull (vpc_design_lookup (design, "nat-d"));
  g_assert_false (vpc_design_get_can_undo (design));
  g_assert_null (vpc_design_lookup (design, "sn-b"));

  g_assert_true (_vpc_window_save_to (f->window, saved));
  gui_test_spin (5);
  g_assert_false (vpc_window_get_modified (f->window));
  g_assert_true (g_file_equal (vpc_window_get_file (f->window), saved));
  reloaded = vpc_file_load_path (saved_path, NULL, &error);
  g_assert_no_error (error);
  for (guint k = 0; k < VPC_N_KINDS; k++)
    {
      g_assert_cmpuint (vpc_design_get_n_elements (reloaded, k), ==,
                        vpc_design_get_n_elements (design, k));
      for (guint i = 0; i < vpc_design_get_n_elements (design, k); i++)
        g_assert_true (vpc_element_equal (vpc_design_get_element (design, k, i),
                                          vpc_design_get_element (reloaded, k, i)));
    }
  g_assert_cmpint (g_unlink (saved_path), ==, 0);
}

/* Cancelling: the design the window showed stays, untouched. */
static void
test_cancel (Fixture       *f,
             gconstpointer  data)
{
  g_autofree char *example = g_build_filename (g_getenv ("VPC_EXAMPLES_DIR"),
                                               "training-cannot-reach-s3-ecr.vpcd.json", NULL);
  VpcDesign *before = gui_test_window_open (f->window, example, 5);
  guint64 revision = vpc_design_get_revision (before);

  vpc_window_open_file (f->window, f->file);
  gui_test_spin (10);
  respond (assert_offer (f), "cancel");
  g_assert_true (vpc_window_get_design (f->window) == before);
  g_assert_cmpuint (vpc_design_get_revision (before), ==, revision);
  g_assert_null (find_dialog (GTK_WINDOW (f->window)));
}

/* Recent files and dropped files take the same way in. */
static void
test_recent_and_drop (Fixture       *f,
                      gconstpointer  data)
{
  g_autofree char *uri = g_file_get_uri (f->file);

  gtk_widget_activate_action (GTK_WIDGET (f->window), "win.open-recent", "s", uri);
  gui_test_spin (10);
  respond (assert_offer (f), "cancel");
  g_assert_null (vpc_window_get_design (f->window));

  _vpc_window_open_anywhere (f->window, f->file);
  gui_test_spin (10);
  respond (assert_offer (f), "repair");
  g_assert_nonnull (vpc_window_get_design (f->window));
  g_assert_true (vpc_window_get_modified (f->window));
}

/* What repair cannot help with is an error, as before: a newer format is
 * not guessed at, and text that is not JSON is not a design. */
static void
test_not_repairable (Fixture       *f,
                     gconstpointer  data)
{
  const char *texts[] = {
    "{\"format\": \"vpc-designer\", \"version\": 2, \"region\": \"us-east-1\", \"vpc\": {}}",
    "{\"format\": \"vpc-designer\", \"version\": 1,",
  };
  const char *messages[] = { "newer version", "invalid JSON" };

  for (guint i = 0; i < G_N_ELEMENTS (texts); i++)
    {
      g_autofree char *path = g_build_filename (f->dir, "other.vpcd.json", NULL);
      g_autoptr(GFile) file = g_file_new_for_path (path);
      AdwMessageDialog *dialog;

      g_assert_true (g_file_set_contents (path, texts[i], -1, NULL));
      vpc_window_open_file (f->window, file);
      gui_test_spin (10);
      dialog = find_dialog (GTK_WINDOW (f->window));
      g_assert_nonnull (dialog);
      g_assert_true (g_str_has_prefix (adw_message_dialog_get_heading (dialog), "Could not open"));
      g_assert_nonnull (strstr (adw_message_dialog_get_body (dialog), messages[i]));
      respond (dialog, "close");
      g_assert_null (vpc_window_get_design (f->window));
      g_assert_cmpint (g_unlink (path), ==, 0);
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  if (!gtk_init_check ())
    {
      g_printerr ("test-open-repair: cannot open a display. The GUI suite runs under Xvfb: "
                  "use tools/test, or xvfb-run -a meson test --suite gui.\n");
      return 1;
    }
  adw_init ();
  /* Keep the user's recent files out of it. */
  g_object_set (gtk_settings_get_default (), "gtk-recent-files-enabled", FALSE, NULL);
#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_setup, func, fixture_teardown)
  ADD ("/open-repair/accept", test_accept);
  ADD ("/open-repair/cancel", test_cancel);
  ADD ("/open-repair/recent-and-drop", test_recent_and_drop);
  ADD ("/open-repair/not-repairable", test_not_repairable);
#undef ADD
  return g_test_run ();
}
