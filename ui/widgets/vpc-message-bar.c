/* SPDX-License-Identifier: GPL-3.0-or-later */
/* vpc-message-bar.c: a dismissable banner with the full text of a message. */
#include "vpc-message-bar.h"

#include "vpc-accessible.h"

#include "vpc-i18n.h"

struct _VpcMessageBar
{
  GtkWidget       parent_instance;

  GtkWidget      *revealer;
  GtkWidget      *box;
  GtkImage       *icon;
  GtkLabel       *label;

  char           *text;
  VpcMessageKind  kind;
};

G_DEFINE_FINAL_TYPE (VpcMessageBar, vpc_message_bar, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_TEXT,
  N_PROPS,
};

static GParamSpec *properties[N_PROPS];

static const struct {
  const char *icon;
  const char *heading;
  const char *style;
} kinds[] = {
  [VPC_MESSAGE_REFUSED] = { "dialog-warning-symbolic", N_("Edit not done"), "refused" },
  [VPC_MESSAGE_NOTICE] = { "dialog-information-symbolic", N_("Edit done with a change"), "notice" },
};

/* Named colours follow the light, dark and high-contrast styles. */
static const char css[]
    = ".vpc-message-bar { padding: 8px 8px 8px 14px; border-bottom: 1px solid alpha(currentColor, "
      "0.15); }\n"
      ".vpc-message-bar.refused { background-color: mix(@view_bg_color, @error_color, 0.14); }\n"
      ".vpc-message-bar.refused .vpc-message-icon { color: @error_color; }\n"
      ".vpc-message-bar.notice { background-color: mix(@view_bg_color, @accent_color, 0.14); }\n"
      ".vpc-message-bar.notice .vpc-message-icon { color: @accent_color; }\n";

/* The bar's style sheet, once per display (tests have no application to
 * load style.css). */
static void
ensure_css (GtkWidget *widget)
{
  GdkDisplay *display = gtk_widget_get_display (widget);
  g_autoptr(GtkCssProvider) provider = NULL;

  if (display == NULL || g_object_get_data (G_OBJECT (display), "vpc-message-bar-css") != NULL)
    return;
  provider = gtk_css_provider_new ();
  gtk_css_provider_load_from_data (provider, css, -1);
  gtk_style_context_add_provider_for_display (display, GTK_STYLE_PROVIDER (provider),
                                              GTK_STYLE_PROVIDER_PRIORITY_APPLICATION);
  g_object_set_data_full (G_OBJECT (display), "vpc-message-bar-css", g_steal_pointer (&provider),
                          g_object_unref);
}

static void
dismiss_clicked_cb (VpcMessageBar *self)
{
  vpc_message_bar_dismiss (self);
}

static void
vpc_message_bar_dispose (GObject *object)
{
  VpcMessageBar *self = VPC_MESSAGE_BAR (object);

  g_clear_pointer (&self->revealer, gtk_widget_unparent);
  G_OBJECT_CLASS (vpc_message_bar_parent_class)->dispose (object);
}

static void
vpc_message_bar_finalize (GObject *object)
{
  VpcMessageBar *self = VPC_MESSAGE_BAR (object);

  g_free (self->text);
  G_OBJECT_CLASS (vpc_message_bar_parent_class)->finalize (object);
}

static void
vpc_message_bar_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  VpcMessageBar *self = VPC_MESSAGE_BAR (object);

  switch (prop_id)
    {
    case PROP_TEXT:
      g_value_set_string (value, self->text);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
vpc_message_bar_class_init (VpcMessageBarClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = vpc_message_bar_dispose;
  object_class->finalize = vpc_message_bar_finalize;
  object_class->get_property = vpc_message_bar_get_property;

  properties[PROP_TEXT] =
    g_param_spec_string ("text", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "vpc-message-bar");
  /* Screen readers announce an alert when it appears. */
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_ALERT);
}

static void
vpc_message_bar_init (VpcMessageBar *self)
{
  GtkWidget *dismiss;

  self->revealer = gtk_revealer_new ();
  gtk_revealer_set_transition_type (GTK_REVEALER (self->revealer),
                                    GTK_REVEALER_TRANSITION_TYPE_SLIDE_DOWN);
  gtk_widget_set_parent (self->revealer, GTK_WIDGET (self));

  self->box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  gtk_widget_add_css_class (self->box, "vpc-message-bar");
  gtk_revealer_set_child (GTK_REVEALER (self->revealer), self->box);

  self->icon = GTK_IMAGE (gtk_image_new ());
  gtk_widget_add_css_class (GTK_WIDGET (self->icon), "vpc-message-icon");
  gtk_widget_set_valign (GTK_WIDGET (self->icon), GTK_ALIGN_START);
  gtk_widget_set_margin_top (GTK_WIDGET (self->icon), 2);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->icon), GTK_ACCESSIBLE_PROPERTY_LABEL, "",
                                  -1);
  gtk_box_append (GTK_BOX (self->box), GTK_WIDGET (self->icon));

  /* The whole text, however long: wrapped, never cut off, and selectable
   * so that it can be copied into a question or a bug report. */
  self->label = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_wrap (self->label, TRUE);
  gtk_label_set_wrap_mode (self->label, PANGO_WRAP_WORD_CHAR);
  gtk_label_set_natural_wrap_mode (self->label, GTK_NATURAL_WRAP_WORD);
  gtk_label_set_xalign (self->label, 0);
  gtk_label_set_selectable (self->label, TRUE);
  gtk_label_set_width_chars (self->label, 20);
  gtk_label_set_max_width_chars (self->label, 140);
  gtk_widget_set_hexpand (GTK_WIDGET (self->label), TRUE);
  gtk_widget_set_valign (GTK_WIDGET (self->label), GTK_ALIGN_CENTER);
  gtk_box_append (GTK_BOX (self->box), GTK_WIDGET (self->label));

  dismiss = vpc_button_new_with_mnemonic (_("_Dismiss"));
  gtk_widget_set_valign (dismiss, GTK_ALIGN_CENTER);
  gtk_widget_set_tooltip_text (dismiss, _("Hide this message"));
  g_signal_connect_object (dismiss, "clicked", G_CALLBACK (dismiss_clicked_cb), self,
                           G_CONNECT_SWAPPED);
  gtk_box_append (GTK_BOX (self->box), dismiss);

  gtk_widget_set_visible (GTK_WIDGET (self), FALSE);
}

GtkWidget *
vpc_message_bar_new (void)
{
  return g_object_new (VPC_TYPE_MESSAGE_BAR, NULL);
}

void
vpc_message_bar_show (VpcMessageBar  *self,
                      VpcMessageKind  kind,
                      const char     *text)
{
  g_return_if_fail (VPC_IS_MESSAGE_BAR (self));
  g_return_if_fail (kind <= VPC_MESSAGE_NOTICE);
  g_return_if_fail (text != NULL);

  ensure_css (GTK_WIDGET (self));
  gtk_widget_remove_css_class (self->box, kinds[self->kind].style);
  self->kind = kind;
  gtk_widget_add_css_class (self->box, kinds[kind].style);
  gtk_image_set_from_icon_name (self->icon, kinds[kind].icon);
  gtk_label_set_text (self->label, text);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _(kinds[kind].heading),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, text,
                                  -1);
  gtk_widget_set_visible (GTK_WIDGET (self), TRUE);
  gtk_revealer_set_reveal_child (GTK_REVEALER (self->revealer), TRUE);
  if (g_strcmp0 (self->text, text) != 0)
    {
      g_free (self->text);
      self->text = g_strdup (text);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TEXT]);
    }
}

void
vpc_message_bar_dismiss (VpcMessageBar *self)
{
  g_return_if_fail (VPC_IS_MESSAGE_BAR (self));

  if (self->text == NULL)
    return;
  g_clear_pointer (&self->text, g_free);
  gtk_revealer_set_reveal_child (GTK_REVEALER (self->revealer), FALSE);
  gtk_widget_set_visible (GTK_WIDGET (self), FALSE);
  gtk_accessible_reset_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TEXT]);
}

const char *
vpc_message_bar_get_text (VpcMessageBar *self)
{
  g_return_val_if_fail (VPC_IS_MESSAGE_BAR (self), NULL);
  return self->text;
}

VpcMessageKind
vpc_message_bar_get_kind (VpcMessageBar *self)
{
  g_return_val_if_fail (VPC_IS_MESSAGE_BAR (self), VPC_MESSAGE_REFUSED);
  return self->kind;
}
