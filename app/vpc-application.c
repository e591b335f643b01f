/* vpc-application.c: the AdwApplication; one window per opened design. */
#include "vpc-application.h"

#include "vpc-window.h"

struct _VpcApplication
{
  AdwApplication parent_instance;
};

G_DEFINE_FINAL_TYPE (VpcApplication, vpc_application, ADW_TYPE_APPLICATION)

static void
vpc_application_activate (GApplication *app)
{
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (app));

  if (window == NULL)
    window = GTK_WINDOW (vpc_window_new (VPC_APPLICATION (app)));
  gtk_window_present (window);
}

static void
vpc_application_open (GApplication  *app,
                      GFile        **files,
                      int            n_files,
                      const char    *hint)
{
  for (int i = 0; i < n_files; i++)
    {
      VpcWindow *window = vpc_window_new (VPC_APPLICATION (app));

      vpc_window_open_file (window, files[i]);
      gtk_window_present (GTK_WINDOW (window));
    }
}

static void
quit_cb (GSimpleAction *action,
         GVariant      *parameter,
         gpointer       user_data)
{
  g_application_quit (G_APPLICATION (user_data));
}

static void
vpc_application_startup (GApplication *app)
{
  static const GActionEntry entries[] = {
    { .name = "quit", .activate = quit_cb },
  };
  static const char *const quit_accels[] = { "<Control>q", NULL };

  G_APPLICATION_CLASS (vpc_application_parent_class)->startup (app);
  g_action_map_add_action_entries (G_ACTION_MAP (app), entries, G_N_ELEMENTS (entries), app);
  gtk_application_set_accels_for_action (GTK_APPLICATION (app), "app.quit", quit_accels);
}

static void
vpc_application_class_init (VpcApplicationClass *klass)
{
  GApplicationClass *app_class = G_APPLICATION_CLASS (klass);

  app_class->activate = vpc_application_activate;
  app_class->open = vpc_application_open;
  app_class->startup = vpc_application_startup;
}

static void
vpc_application_init (VpcApplication *self)
{
}

VpcApplication *
vpc_application_new (void)
{
  return g_object_new (VPC_TYPE_APPLICATION,
                       "application-id", VPC_APP_ID,
                       "flags", G_APPLICATION_HANDLES_OPEN | G_APPLICATION_NON_UNIQUE,
                       "resource-base-path", "/org/example/VpcDesigner",
                       NULL);
}
