/* SPDX-License-Identifier: GPL-3.0-or-later */
/* vpc-application.c: the AdwApplication; one window per opened design,
 * the settings, and recovery after a crash. */
#include "vpc-application.h"

#include "vpc-canvas.h"
#include "vpc-i18n.h"
#include "vpc-preferences.h"
#include "vpc-recovery.h"
#include "vpc-settings.h"
#include "vpc-window.h"

struct _VpcApplication
{
  AdwApplication parent_instance;

  GSettings     *settings;
  GPtrArray     *orphans;  /* VpcRecoveryEntry not offered yet */
  gboolean       session_started;
};

G_DEFINE_FINAL_TYPE (VpcApplication, vpc_application, ADW_TYPE_APPLICATION)

/* Recovery */

static void
recovery_response_cb (AdwMessageDialog *dialog,
                      const char       *response,
                      VpcApplication   *self)
{
  VpcRecoveryEntry *entry = g_object_get_data (G_OBJECT (dialog), "entry");
  GtkWindow *parent = gtk_window_get_transient_for (GTK_WINDOW (dialog));

  if (g_strcmp0 (response, "recover") == 0)
    {
      g_autoptr(GError) error = NULL;
      VpcDesign *design = vpc_recovery_load (entry, &error);

      if (design == NULL)
        {
          GtkWidget *alert = adw_message_dialog_new (parent, _("Could Not Recover the Design"),
                                                     error->message);

          adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (alert), "close", _("_Close"));
          gtk_window_present (GTK_WINDOW (alert));
        }
      else
        {
          VpcWindow *target
              = VPC_IS_WINDOW (parent) && vpc_window_get_design (VPC_WINDOW (parent)) == NULL
                    ? VPC_WINDOW (parent)
                    : vpc_window_new (self);

          vpc_window_open_recovered (target, design, entry->original_path);
          gtk_window_present (GTK_WINDOW (target));
          /* The window wrote its own copy: the old one can go. */
          vpc_recovery_discard (entry->id);
        }
    }
  else if (g_strcmp0 (response, "discard") == 0)
    vpc_recovery_discard (entry->id);
  /* "later" (Escape) keeps the copy for the next start. */
  vpc_application_offer_recovery (self, parent);
}

static AdwMessageDialog *
offer_entry (VpcApplication         *self,
             GtkWindow              *parent,
             VpcRecoveryEntry       *entry)
{
  const char *name
      = entry->name != NULL && entry->name[0] != '\0' ? entry->name : _("Untitled Design");
  g_autofree char *heading = g_strdup_printf (_("Recover unsaved design “%s”?"), name);
  g_autoptr(GDateTime) when = g_date_time_new_from_unix_local (entry->written);
  g_autofree char *time
      = when != NULL ? g_date_time_format (when, "%x %X") : g_strdup (_("an unknown time"));
  g_autofree char *body = NULL;
  GtkWidget *dialog;

  if (entry->original_path != NULL)
    /* TRANSLATORS: the design's file, and when the copy was written. */
    body = g_strdup_printf (_("VPC Designer stopped before changes to %s were saved. "
                              "The recovery copy is from %s."), entry->original_path, time);
  else
    /* TRANSLATORS: %s is when the copy was written. */
    body = g_strdup_printf (_("VPC Designer stopped before this design was ever saved. "
                              "The recovery copy is from %s."), time);
  dialog = adw_message_dialog_new (parent, heading, body);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "discard", _("_Discard"),
                                    "recover", _("_Recover"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "discard",
                                              ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "recover",
                                              ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "recover");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "later");
  g_object_set_data_full (G_OBJECT (dialog), "entry", entry,
                          (GDestroyNotify) vpc_recovery_entry_free);
  g_signal_connect_object (dialog, "response", G_CALLBACK (recovery_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
  return ADW_MESSAGE_DIALOG (dialog);
}

GtkWidget *
vpc_application_offer_recovery (VpcApplication *self,
                                GtkWindow      *parent)
{
  g_return_val_if_fail (VPC_IS_APPLICATION (self), NULL);

  if (self->orphans == NULL || self->orphans->len == 0)
    return NULL;
  return GTK_WIDGET (offer_entry (self, parent, g_ptr_array_steal_index (self->orphans, 0)));
}

GSettings *
vpc_application_get_settings (VpcApplication *self)
{
  g_return_val_if_fail (VPC_IS_APPLICATION (self), NULL);
  return self->settings;
}

static void
vpc_application_activate (GApplication *app)
{
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (app));

  if (window == NULL)
    window = GTK_WINDOW (vpc_window_new (VPC_APPLICATION (app)));
  gtk_window_present (window);
  vpc_application_offer_recovery (VPC_APPLICATION (app), window);
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

      /* Shown first: a message about the file (an error, or the offer to
       * open it with repairs) stands over its window. The start page's
       * cards, laid out at every width for a window that never showed
       * them, took a third of the time to open a large design. */
      vpc_window_expect_file (window);
      gtk_window_present (GTK_WINDOW (window));
      vpc_window_open_file (window, files[i]);
    }
  vpc_application_offer_recovery (VPC_APPLICATION (app),
                                  gtk_application_get_active_window (GTK_APPLICATION (app)));
}

static void
quit_cb (GSimpleAction *action,
         GVariant      *parameter,
         gpointer       user_data)
{
  GList *windows = g_list_copy (gtk_application_get_windows (GTK_APPLICATION (user_data)));

  /* Each window asks about its unsaved changes. */
  for (GList *l = windows; l != NULL; l = l->next)
    gtk_window_close (l->data);
  g_list_free (windows);
}

static void
new_window_cb (GSimpleAction *action,
               GVariant      *parameter,
               gpointer       user_data)
{
  gtk_window_present (GTK_WINDOW (vpc_window_new (VPC_APPLICATION (user_data))));
}

static void
about_cb (GSimpleAction *action,
          GVariant      *parameter,
          gpointer       user_data)
{
  const char *developers[] = { _("The VPC Designer authors"), NULL };
  /* TRANSLATORS: your name and e-mail, one translator a line. */
  const char *translators = _("translator-credits");

  adw_show_about_window (gtk_application_get_active_window (GTK_APPLICATION (user_data)),
                         "application-name", _("VPC Designer"), "application-icon",
                         "network-workgroup-symbolic", "version", VPC_VERSION, "comments",
                         _("Draw private networks for SageMaker, check them against "
                            "the rules and see what they cost."),
                         "developers", developers,
                         /* Untranslated, there is nobody to thank. */
                         "translator-credits",
                         g_str_equal (translators, "translator-credits") ? NULL : translators,
                         "license-type", GTK_LICENSE_GPL_3_0, NULL);
}

static void
preferences_cb (GSimpleAction *action,
                GVariant      *parameter,
                gpointer       user_data)
{
  VpcApplication *self = VPC_APPLICATION (user_data);
  GtkWindow *parent = gtk_application_get_active_window (GTK_APPLICATION (self));

  if (self->settings == NULL)
    return;
  gtk_window_present (GTK_WINDOW (vpc_preferences_new (parent, self->settings)));
}

static void
vpc_application_startup (GApplication *app)
{
  static const GActionEntry entries[] = {
    { .name = "quit", .activate = quit_cb },
    { .name = "new-window", .activate = new_window_cb },
    { .name = "about", .activate = about_cb },
    { .name = "preferences", .activate = preferences_cb },
  };
  static const struct {
    const char *action;
    const char *accels[3];
  } accels[] = {
    { "app.quit", { "<Control>q", NULL } },
    { "app.new-window", { "<Control><Shift>n", NULL } },
    { "app.preferences", { "<Control>comma", NULL } },
    { "win.new", { "<Control>n", NULL } },
    { "win.open", { "<Control>o", NULL } },
    { "win.save", { "<Control>s", NULL } },
    { "win.save-as", { "<Control><Shift>s", NULL } },
    { "win.undo", { "<Control>z", NULL } },
    { "win.redo", { "<Control><Shift>z", "<Control>y", NULL } },
    { "win.export('')", { "<Control>e", NULL } },
    { "window.close", { "<Control>w", NULL } },
  };

  VpcApplication *self = VPC_APPLICATION (app);

  G_APPLICATION_CLASS (vpc_application_parent_class)->startup (app);
  g_action_map_add_action_entries (G_ACTION_MAP (app), entries, G_N_ELEMENTS (entries), app);

  self->settings = vpc_settings_new ();
  if (self->settings != NULL)
    vpc_preferences_follow_color_scheme (self->settings);
  else
    g_simple_action_set_enabled (
        G_SIMPLE_ACTION (g_action_map_lookup_action (G_ACTION_MAP (app), "preferences")), FALSE);

  /* Copies left by a process that died are offered once a window shows. */
  vpc_recovery_begin_session ();
  self->session_started = TRUE;
  self->orphans = vpc_recovery_list_orphans ();
  for (guint i = 0; i < G_N_ELEMENTS (accels); i++)
    gtk_application_set_accels_for_action (GTK_APPLICATION (app), accels[i].action,
                                           accels[i].accels);
}

static void
vpc_application_shutdown (GApplication *app)
{
  VpcApplication *self = VPC_APPLICATION (app);

  /* A clean exit: the next start offers nothing of ours. */
  if (self->session_started)
    vpc_recovery_end_session ();
  self->session_started = FALSE;
  G_APPLICATION_CLASS (vpc_application_parent_class)->shutdown (app);
}

static void
vpc_application_dispose (GObject *object)
{
  VpcApplication *self = VPC_APPLICATION (object);

  g_clear_pointer (&self->orphans, g_ptr_array_unref);
  g_clear_object (&self->settings);
  G_OBJECT_CLASS (vpc_application_parent_class)->dispose (object);
}

static void
vpc_application_class_init (VpcApplicationClass *klass)
{
  GApplicationClass *app_class = G_APPLICATION_CLASS (klass);

  G_OBJECT_CLASS (klass)->dispose = vpc_application_dispose;
  app_class->shutdown = vpc_application_shutdown;
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
