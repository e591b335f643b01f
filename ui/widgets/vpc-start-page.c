/* SPDX-License-Identifier: GPL-3.0-or-later */
/* vpc-start-page.c: the empty window's start page. */
#include "vpc-start-page.h"

#include <string.h>

#include "vpc-file.h"

#ifndef VPC_EXAMPLES_DIR
#define VPC_EXAMPLES_DIR ""
#endif
#ifndef VPC_INSTALLED_EXAMPLES_DIR
#define VPC_INSTALLED_EXAMPLES_DIR ""
#endif

struct _VpcStartPage
{
  AdwBin      parent_instance;

  GtkListBox *examples;
  GtkWidget  *examples_heading;
  GtkListBox *lessons;
  GtkWidget  *lessons_heading;
  GtkWidget  *new_button;
};

G_DEFINE_FINAL_TYPE (VpcStartPage, vpc_start_page, ADW_TYPE_BIN)

enum {
  SIGNAL_OPEN_EXAMPLE,
  N_SIGNALS,
};

static guint signals[N_SIGNALS];

const char *
vpc_start_page_get_examples_dir (void)
{
  const char *env = g_getenv ("VPC_EXAMPLES_DIR");

  if (env != NULL && env[0] != '\0')
    return env;
  if (VPC_EXAMPLES_DIR[0] != '\0' && g_file_test (VPC_EXAMPLES_DIR, G_FILE_TEST_IS_DIR))
    return VPC_EXAMPLES_DIR;
  return VPC_INSTALLED_EXAMPLES_DIR;
}

static int
compare_paths (gconstpointer a,
               gconstpointer b)
{
  return g_strcmp0 (*(char **) a, *(char **) b);
}

/* The shipped lessons (resources/lessons) sit beside the examples. */
static char *
lessons_dir (void)
{
  g_autofree char *parent = g_path_get_dirname (vpc_start_page_get_examples_dir ());

  return g_build_filename (parent, "lessons", NULL);
}

static char **
list_designs (const char *dir_path)
{
  g_autoptr(GDir) dir = dir_path[0] ? g_dir_open (dir_path, 0, NULL) : NULL;
  GPtrArray *paths = g_ptr_array_new ();
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    if (g_str_has_suffix (name, ".vpcd.json"))
      g_ptr_array_add (paths, g_build_filename (dir_path, name, NULL));
  g_ptr_array_sort (paths, compare_paths);
  g_ptr_array_add (paths, NULL);
  return (char **) g_ptr_array_free (paths, FALSE);
}

char **
vpc_start_page_list_examples (void)
{
  return list_designs (vpc_start_page_get_examples_dir ());
}

char **
vpc_start_page_list_lessons (void)
{
  g_autofree char *dir = lessons_dir ();

  return list_designs (dir);
}

/* "two-az-training.vpcd.json" -> the design's name, or a readable file name. */
static char *
example_title (const char *path,
               char      **subtitle)
{
  g_autoptr(VpcDesign) design = vpc_file_load_path (path, NULL, NULL);
  g_autofree char *base = g_path_get_basename (path);

  *subtitle = NULL;
  if (design != NULL)
    {
      const VpcDesignInfo *info = vpc_design_get_info (design);

      if (info->description != NULL && info->description[0])
        *subtitle = g_strdup (info->description);
      if (info->name != NULL && info->name[0])
        return g_strdup (info->name);
    }
  if (g_str_has_suffix (base, ".vpcd.json"))
    base[strlen (base) - strlen (".vpcd.json")] = '\0';
  g_strdelimit (base, "-_", ' ');
  return g_steal_pointer (&base);
}

static void
example_activated_cb (VpcStartPage  *self,
                      GtkListBoxRow *row)
{
  const char *path = g_object_get_data (G_OBJECT (row), "vpc-example-path");

  g_signal_emit (self, signals[SIGNAL_OPEN_EXAMPLE], 0, path);
}

static void
fill_list (GtkListBox *list,
           GtkWidget  *heading,
           char      **paths)
{
  for (guint i = 0; paths[i] != NULL; i++)
    {
      g_autofree char *subtitle = NULL;
      g_autofree char *title = example_title (paths[i], &subtitle);
      g_autofree char *escaped = g_markup_escape_text (title, -1);
      g_autofree char *escaped_sub = subtitle ? g_markup_escape_text (subtitle, -1) : NULL;
      GtkWidget *row = adw_action_row_new ();

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), escaped);
      if (escaped_sub != NULL)
        adw_action_row_set_subtitle (ADW_ACTION_ROW (row), escaped_sub);
      /* Wrapping labels of any height in a clamped status page were
       * measured ~400 times each before the first frame (6,000 pango
       * layouts); with a fixed number of lines, ~50. The whole text stays
       * in the tooltip. */
      adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 3);
      adw_action_row_set_title_lines (ADW_ACTION_ROW (row), 2);
      gtk_widget_set_tooltip_text (row, subtitle);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row),
                                 gtk_image_new_from_icon_name ("go-next-symbolic"));
      gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
      g_object_set_data_full (G_OBJECT (row), "vpc-example-path", g_strdup (paths[i]), g_free);
      gtk_list_box_append (list, row);
    }
  gtk_widget_set_visible (GTK_WIDGET (list), paths[0] != NULL);
  gtk_widget_set_visible (heading, paths[0] != NULL);
}

static void
fill_examples (VpcStartPage *self)
{
  g_auto(GStrv) examples = vpc_start_page_list_examples ();
  g_auto(GStrv) lessons = vpc_start_page_list_lessons ();

  fill_list (self->examples, self->examples_heading, examples);
  fill_list (self->lessons, self->lessons_heading, lessons);
}

static void
vpc_start_page_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), VPC_TYPE_START_PAGE);
  G_OBJECT_CLASS (vpc_start_page_parent_class)->dispose (object);
}

static gboolean
vpc_start_page_grab_focus (GtkWidget *widget)
{
  return gtk_widget_grab_focus (VPC_START_PAGE (widget)->new_button);
}

static void
vpc_start_page_class_init (VpcStartPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = vpc_start_page_dispose;
  widget_class->grab_focus = vpc_start_page_grab_focus;

  signals[SIGNAL_OPEN_EXAMPLE] =
    g_signal_new ("open-example", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                  NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/org/example/VpcDesigner/vpc-start-page.ui");
  gtk_widget_class_bind_template_child (widget_class, VpcStartPage, examples);
  gtk_widget_class_bind_template_child (widget_class, VpcStartPage, examples_heading);
  gtk_widget_class_bind_template_child (widget_class, VpcStartPage, lessons);
  gtk_widget_class_bind_template_child (widget_class, VpcStartPage, lessons_heading);
  gtk_widget_class_bind_template_child (widget_class, VpcStartPage, new_button);
  gtk_widget_class_bind_template_callback (widget_class, example_activated_cb);
}

static void
vpc_start_page_init (VpcStartPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  fill_examples (self);
}

GtkWidget *
vpc_start_page_new (void)
{
  return g_object_new (VPC_TYPE_START_PAGE, NULL);
}
