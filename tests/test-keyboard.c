/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-keyboard.c: the editor without a mouse (issue 17). Real key presses
 * (xdotool, XTEST) reach the window under Xvfb, so the bindings are tested
 * as a person meets them: Tab leaves the canvas, arrows select, Alt+arrows
 * nudge (undoably), Ctrl+K connects through a keyboard list, Ctrl+F
 * reaches the palette's search from anywhere, Menu and Shift+F10 open the
 * context menu with the focus in it. */
#include <adwaita.h>
#include <gdk/x11/gdkx.h>

#include "gui-test-utils.h"
#include "vpc-canvas.h"
#include "vpc-palette.h"
#include "vpc-window.h"

typedef struct
{
  VpcWindow *window;
  VpcCanvas *canvas;
  VpcDesign *design;
  char      *dir;
  char      *path;
} Fixture;

/* Runs the main loop for @ms milliseconds: the X server delivers the keys
 * asynchronously. */
static void
spin_for (guint ms)
{
  gint64 end = g_get_monotonic_time () + ms * 1000;

  while (g_get_monotonic_time () < end)
    {
      while (g_main_context_iteration (NULL, FALSE))
        ;
      g_usleep (5000);
    }
}

static void
xdotool (const char *const *args)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  int status = 0;

  g_ptr_array_add (argv, (gpointer) "xdotool");
  for (guint i = 0; args[i] != NULL; i++)
    g_ptr_array_add (argv, (gpointer) args[i]);
  g_ptr_array_add (argv, NULL);
  g_spawn_sync (NULL, (char **) argv->pdata, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, NULL, NULL,
                &status, &error);
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, NULL));
}

/* Presses @keys (xdotool's names, e.g. "alt+Right") in the focused window. */
static void
press (const char *keys)
{
  xdotool ((const char *[]) { "key", "--delay", "40", keys, NULL });
  spin_for (250);
}

static void
setup (Fixture *f, gconstpointer data)
{
  g_autofree char *xid = NULL;
  GdkSurface *surface;

  f->design = gui_test_open_copy ("gui-two-az.vpcd.json", &f->window, &f->dir, &f->path);
  f->canvas = VPC_CANVAS (vpc_window_get_canvas (f->window));
  surface = gtk_native_get_surface (GTK_NATIVE (f->window));
  g_assert_true (GDK_IS_X11_SURFACE (surface));
  xid = g_strdup_printf ("%lu", (unsigned long) gdk_x11_surface_get_xid (surface));
  xdotool ((const char *[]) { "windowfocus", "--sync", xid, NULL });
  spin_for (200);
  gtk_widget_grab_focus (GTK_WIDGET (f->canvas));
  spin_for (50);
}

static void
teardown (Fixture *f, gconstpointer data)
{
  gui_test_close_copy (f->window, f->dir, f->path);
}

static GtkWidget *
focus (Fixture *f)
{
  return gtk_root_get_focus (GTK_ROOT (f->window));
}

static void
select_one (Fixture *f, const char *id)
{
  const char *ids[] = { id, NULL };

  vpc_canvas_select (f->canvas, ids);
}

static void
assert_selected (Fixture *f, const char *id)
{
  GHashTable *selection = vpc_canvas_get_selection (f->canvas);

  g_assert_cmpuint (g_hash_table_size (selection), ==, 1);
  g_assert_true (g_hash_table_contains (selection, id));
}

static void
test_tab_leaves_canvas (Fixture *f, gconstpointer data)
{
  select_one (f, "train-1");
  g_assert_true (gtk_widget_has_focus (GTK_WIDGET (f->canvas)));
  press ("Tab");
  g_assert_nonnull (focus (f));
  g_assert_false (gtk_widget_has_focus (GTK_WIDGET (f->canvas)));
  /* The selection is not what Tab changes. */
  assert_selected (f, "train-1");
  press ("shift+Tab");
  g_assert_true (gtk_widget_has_focus (GTK_WIDGET (f->canvas)));
  assert_selected (f, "train-1");
}

static void
test_arrows_select (Fixture *f, gconstpointer data)
{
  vpc_canvas_select (f->canvas, NULL);
  press ("Right");
  assert_selected (f, "az-a"); /* nothing selected: the first element */
  select_one (f, "sn-a");
  press ("Right");
  assert_selected (f, "sn-b");
  press ("Left");
  assert_selected (f, "sn-a");
  select_one (f, "train-1");
  press ("Down");
  assert_selected (f, "ep-s3");
  press ("Up");
  assert_selected (f, "train-1");
  /* Selecting is no edit. */
  g_assert_false (vpc_window_get_modified (f->window));
}

static void
test_alt_arrows_nudge (Fixture *f, gconstpointer data)
{
  select_one (f, "train-1");
  g_assert_cmpfloat (vpc_design_lookup (f->design, "train-1")->layout.x, ==, 72);
  press ("alt+Right");
  g_assert_cmpfloat (vpc_design_lookup (f->design, "train-1")->layout.x, ==, 73);
  press ("alt+shift+Down");
  g_assert_cmpfloat (vpc_design_lookup (f->design, "train-1")->layout.y, ==, 156 + 16);
  assert_selected (f, "train-1");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.undo", NULL));
  g_assert_cmpfloat (vpc_design_lookup (f->design, "train-1")->layout.y, ==, 156);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.undo", NULL));
  g_assert_cmpfloat (vpc_design_lookup (f->design, "train-1")->layout.x, ==, 72);
  g_assert_false (vpc_window_get_modified (f->window));
}

static void
test_connect_popover (Fixture *f, gconstpointer data)
{
  GtkWidget *popover;
  const VpcElement *train;

  select_one (f, "train-1");
  press ("ctrl+k");
  popover = vpc_canvas_get_connect_popover (f->canvas);
  g_assert_nonnull (popover);
  g_assert_true (gtk_widget_get_visible (popover));
  /* The keyboard is in the list: sn-b, then sn-a2 (train-1 runs in sn-a). */
  g_assert_true (gtk_widget_is_ancestor (focus (f), popover));
  press ("Down");
  press ("Return");
  g_assert_false (gtk_widget_get_visible (popover));
  train = vpc_design_lookup (f->design, "train-1");
  g_assert_cmpuint (train->subnets->len, ==, 2);
  g_assert_cmpstr (g_ptr_array_index (train->subnets, 1), ==, "sn-a2");
  g_assert_true (gtk_widget_has_focus (GTK_WIDGET (f->canvas)));
  /* One undo step. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.undo", NULL));
  g_assert_cmpuint (vpc_design_lookup (f->design, "train-1")->subnets->len, ==, 1);

  /* Esc cancels: nothing changes, and a later click connects nothing. */
  press ("ctrl+k");
  g_assert_true (gtk_widget_get_visible (popover));
  press ("Escape");
  g_assert_false (gtk_widget_get_visible (popover));
  g_assert_cmpuint (vpc_design_lookup (f->design, "train-1")->subnets->len, ==, 1);
  g_assert_true (gtk_widget_has_focus (GTK_WIDGET (f->canvas)));
}

static void
test_ctrl_f (Fixture *f, gconstpointer data)
{
  GtkWidget *search = gui_test_find_type (GTK_WIDGET (f->window), GTK_TYPE_SEARCH_ENTRY);
  g_autoptr(GPtrArray) subnets = NULL;
  const VpcElement *added;

  g_assert_nonnull (search);
  select_one (f, "az-b");
  press ("ctrl+f");
  g_assert_true (gtk_widget_is_ancestor (focus (f), search));
  xdotool ((const char *[]) { "type", "--delay", "40", "sub", NULL });
  spin_for (250);
  press ("Return");
  /* A private subnet, in the selected zone, selected, the focus back on
   * the canvas. */
  subnets = vpc_design_subnets_of_az (f->design, "az-b");
  g_assert_cmpuint (subnets->len, ==, 2);
  added = vpc_design_lookup (f->design, "subnet-1");
  g_assert_nonnull (added);
  g_assert_cmpstr (added->az, ==, "az-b");
  g_assert_cmpint (added->route, ==, VPC_ROUTE_PRIVATE);
  assert_selected (f, "subnet-1");
  g_assert_true (gtk_widget_has_focus (GTK_WIDGET (f->canvas)));

  /* From the sidebar too. */
  press ("Tab");
  g_assert_false (gtk_widget_has_focus (GTK_WIDGET (f->canvas)));
  press ("ctrl+f");
  g_assert_true (gtk_widget_is_ancestor (focus (f), search));
}

static void
test_context_menu_keys (Fixture *f, gconstpointer data)
{
  GtkWidget *menu;

  select_one (f, "train-1");
  press ("Menu");
  menu = vpc_canvas_get_context_menu (f->canvas);
  g_assert_nonnull (menu);
  g_assert_true (gtk_widget_get_visible (menu));
  g_assert_true (gtk_widget_is_ancestor (focus (f), menu));
  press ("Escape");
  g_assert_false (gtk_widget_get_visible (menu));
  g_assert_true (gtk_widget_has_focus (GTK_WIDGET (f->canvas)));
  press ("shift+F10");
  g_assert_true (gtk_widget_get_visible (menu));
  g_assert_true (gtk_widget_is_ancestor (focus (f), menu));
  press ("Escape");
  g_assert_false (gtk_widget_get_visible (menu));
}

/* What a keyboard user types finds what they mean. */
static void
test_palette_queries (void)
{
  static const struct {
    const char *query, *item;
  } cases[] = {
    { "az", "az" },
    { "zone", "az" },
    { "sub", "subnet:private" },
    { "subnet", "subnet:private" },
    { "public", "subnet:public" },
    { "s3", "endpoint:s3" },
    { "logs", "endpoint:logs" },
    { "sg", "sg" },
    { "security", "sg" },
    { "train", "workload:training_job" },
    { "nat", "subnet:nat" },
    { "ecr", "endpoint:ecr.api" },
    { "notebook", "workload:notebook_instance" },
  };
  GtkWidget *palette = g_object_ref_sink (vpc_palette_new ());

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    g_assert_cmpstr (vpc_palette_best_match (VPC_PALETTE (palette), cases[i].query), ==,
                     cases[i].item);
  g_assert_null (vpc_palette_best_match (VPC_PALETTE (palette), "zzzz"));
  g_assert_finalize_object (palette);
}

int
main (int   argc,
      char *argv[])
{
  gui_test_init (&argc, &argv, "test-keyboard");
  g_object_set (gtk_settings_get_default (), "gtk-enable-animations", FALSE, NULL);
#define ADD(path, func) g_test_add (path, Fixture, NULL, setup, func, teardown)
  ADD ("/keyboard/tab-leaves-canvas", test_tab_leaves_canvas);
  ADD ("/keyboard/arrows-select", test_arrows_select);
  ADD ("/keyboard/alt-arrows-nudge", test_alt_arrows_nudge);
  ADD ("/keyboard/connect-popover", test_connect_popover);
  ADD ("/keyboard/ctrl-f", test_ctrl_f);
  ADD ("/keyboard/context-menu", test_context_menu_keys);
#undef ADD
  g_test_add_func ("/keyboard/palette-queries", test_palette_queries);
  return g_test_run ();
}
