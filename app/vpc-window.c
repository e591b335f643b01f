/* vpc-window.c: the editor window (a minimal shell for now). */
#include "vpc-window.h"

#include "vpc-file.h"

struct _VpcWindow
{
  AdwApplicationWindow parent_instance;

  AdwWindowTitle      *window_title;
  AdwToastOverlay     *toast_overlay;
  AdwStatusPage       *status_page;

  VpcDesign           *design;
  GFile               *file;
};

G_DEFINE_FINAL_TYPE (VpcWindow, vpc_window, ADW_TYPE_APPLICATION_WINDOW)

static void
vpc_window_dispose (GObject *object)
{
  VpcWindow *self = VPC_WINDOW (object);

  g_clear_object (&self->design);
  g_clear_object (&self->file);
  G_OBJECT_CLASS (vpc_window_parent_class)->dispose (object);
}

static void
vpc_window_class_init (VpcWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = vpc_window_dispose;
  gtk_widget_class_set_template_from_resource (widget_class, "/org/example/VpcDesigner/vpc-window.ui");
  gtk_widget_class_bind_template_child (widget_class, VpcWindow, window_title);
  gtk_widget_class_bind_template_child (widget_class, VpcWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, VpcWindow, status_page);
}

static void
vpc_window_init (VpcWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

VpcWindow *
vpc_window_new (VpcApplication *app)
{
  return g_object_new (VPC_TYPE_WINDOW, "application", app, NULL);
}

void
vpc_window_open_file (VpcWindow *self,
                      GFile     *file)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_file_get_path (file);
  g_autofree char *basename = g_file_get_basename (file);
  VpcDesign *design = vpc_file_load_path (path, NULL, &error);
  const char *name;

  if (design == NULL)
    {
      adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (error->message));
      return;
    }
  g_set_object (&self->file, file);
  g_clear_object (&self->design);
  self->design = design;
  name = vpc_design_get_info (design)->name;
  adw_window_title_set_title (self->window_title, name[0] ? name : basename);
  adw_window_title_set_subtitle (self->window_title, basename);
  adw_status_page_set_title (self->status_page, name[0] ? name : basename);
  adw_status_page_set_description (self->status_page, vpc_design_get_info (design)->description);
}
