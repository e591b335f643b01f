/* SPDX-License-Identifier: GPL-3.0-or-later */
/* vpc-window-present.c: presentation mode (issue 12), F5.
 *
 * Full screen, without header bar, palette and sidebar, the text at the
 * presentation size (Preferences), a bright disc under the pointer, and
 * the design revealed step by step: the lesson's steps (format.md §6,
 * `show` cumulative), or without a lesson VPC and AZs, subnets, workloads,
 * endpoints, security groups. What no step shows comes last, as "The whole
 * design". Page Down, →, ↓ and Space go on (a clicker sends Page Down),
 * Page Up, ←, ↑ and Backspace go back (arrows only while nothing is
 * selected: they nudge a selection, editing stays possible), Esc or F5
 * leaves. The steps are view state: nothing of them is an edit.
 */
#include "vpc-window-private.h"

#include "vpc-i18n.h"

#include "vpc-render.h"

typedef struct
{
  char      *title;
  char      *text;
  GPtrArray *ids; /* revealed from this step on */
} Step;

static void
step_free (gpointer data)
{
  Step *step = data;

  g_free (step->title);
  g_free (step->text);
  g_ptr_array_unref (step->ids);
  g_free (step);
}

static Step *
step_new (const char *title,
          const char *text)
{
  Step *step = g_new0 (Step, 1);

  step->title = g_strdup (title);
  step->text = g_strdup (text != NULL ? text : "");
  step->ids = g_ptr_array_new_with_free_func (g_free);
  return step;
}

static VpcKind
kind_of_name (const char *name,
              gboolean   *is_kind)
{
  for (VpcKind k = 0; k < VPC_N_KINDS; k++)
    if (g_str_equal (name, vpc_kind_to_string (k)))
      {
        *is_kind = TRUE;
        return k;
      }
  *is_kind = FALSE;
  return 0;
}

/* Adds what @name names (a kind, "vpc" or an id) to @step, once. */
static void
reveal (VpcDesign  *design,
        Step       *step,
        GHashTable *shown,
        const char *name)
{
  gboolean is_kind;
  VpcKind kind = kind_of_name (name, &is_kind);
  const VpcElement *e;

  if (g_str_equal (name, "vpc"))
    {
      if (g_hash_table_add (shown, g_strdup (VPC_RENDER_VPC_ID)))
        g_ptr_array_add (step->ids, g_strdup (VPC_RENDER_VPC_ID));
      return;
    }
  if (!is_kind)
    {
      if ((e = vpc_design_lookup (design, name)) != NULL
          && g_hash_table_add (shown, g_strdup (e->id)))
        g_ptr_array_add (step->ids, g_strdup (e->id));
      return;
    }
  for (guint i = 0; i < vpc_design_get_n_elements (design, kind); i++)
    {
      e = vpc_design_get_element (design, kind, i);
      if (g_hash_table_add (shown, g_strdup (e->id)))
        g_ptr_array_add (step->ids, g_strdup (e->id));
    }
}

static GPtrArray *
build_steps (VpcDesign *design)
{
  static const struct { const char *title; const char *names[3]; } defaults[] = {
    { N_("The VPC and its availability zones"), { "vpc", "availability_zones", NULL } },
    { N_("Subnets"), { "subnets", "nat_gateways", NULL } },
    { N_("Workloads"), { "workloads", NULL } },
    { N_("Endpoints"), { "endpoints", NULL } },
    { N_("Security groups"), { "security_groups", NULL } },
  };
  const VpcLesson *lesson = vpc_design_get_info (design)->lesson;
  g_autoptr(GHashTable) shown = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  GPtrArray *steps = g_ptr_array_new_with_free_func (step_free);
  Step *rest;

  if (lesson != NULL && lesson->steps->len > 0)
    for (guint i = 0; i < lesson->steps->len; i++)
      {
        const VpcLessonStep *ls = g_ptr_array_index (lesson->steps, i);
        Step *step = step_new (ls->title, ls->text);

        for (guint k = 0; k < ls->show->len; k++)
          reveal (design, step, shown, g_ptr_array_index (ls->show, k));
        g_ptr_array_add (steps, step);
      }
  else
    for (guint i = 0; i < G_N_ELEMENTS (defaults); i++)
      {
        Step *step = step_new (_(defaults[i].title), NULL);

        for (guint k = 0; defaults[i].names[k] != NULL; k++)
          reveal (design, step, shown, defaults[i].names[k]);
        g_ptr_array_add (steps, step);
      }
  /* What no step names comes last. */
  rest = step_new (_("The whole design"), NULL);
  reveal (design, rest, shown, "vpc");
  for (VpcKind k = 0; k < VPC_N_KINDS; k++)
    reveal (design, rest, shown, vpc_kind_to_string (k));
  if (rest->ids->len > 0)
    g_ptr_array_add (steps, rest);
  else
    step_free (rest);
  return steps;
}

/* The ids not revealed by the steps up to @self->present_step. */
static GHashTable *
hidden_at (VpcWindow *self)
{
  GHashTable *hidden = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  for (guint i = self->present_step + 1; i < self->present_steps->len; i++)
    {
      Step *step = g_ptr_array_index (self->present_steps, i);

      for (guint k = 0; k < step->ids->len; k++)
        g_hash_table_add (hidden, g_strdup (g_ptr_array_index (step->ids, k)));
    }
  return hidden;
}

static void
show_step (VpcWindow *self)
{
  g_autoptr(GHashTable) hidden = hidden_at (self);
  Step *step = g_ptr_array_index (self->present_steps, self->present_step);
  g_autofree char *caption = NULL;

  vpc_canvas_set_hidden (self->canvas, hidden);
  caption = g_markup_printf_escaped ("<b>%u / %u · %s</b>%s%s", self->present_step + 1,
                                     self->present_steps->len, step->title,
                                     *step->text != '\0' ? "\n" : "", step->text);
  gtk_label_set_markup (GTK_LABEL (self->present_caption), caption);
}

void
_vpc_window_present_design_changed (VpcWindow *self)
{
  if (!vpc_window_get_presenting (self) || self->design == NULL)
    return;
  /* Edited while presenting: the steps again, at the same place. */
  g_ptr_array_unref (self->present_steps);
  self->present_steps = build_steps (self->design);
  self->present_step = MIN (self->present_step, self->present_steps->len - 1);
  show_step (self);
}

guint
vpc_window_get_presentation_step (VpcWindow *self,
                                  guint     *n_steps)
{
  g_return_val_if_fail (VPC_IS_WINDOW (self), 0);
  if (n_steps != NULL)
    *n_steps = self->present_steps != NULL ? self->present_steps->len : 0;
  return self->present_step;
}

gboolean
vpc_window_get_presenting (VpcWindow *self)
{
  g_return_val_if_fail (VPC_IS_WINDOW (self), FALSE);
  return self->present_steps != NULL;
}

static double
presentation_scale (VpcWindow *self)
{
  g_autofree char *size = self->settings != NULL
                              ? g_settings_get_string (self->settings, "presentation-text-size")
                              : NULL;

  return size != NULL ? g_ascii_strtod (size, NULL) / 100.0 : 1.25;
}

void
vpc_window_set_presenting (VpcWindow *self,
                           gboolean   presenting)
{
  g_return_if_fail (VPC_IS_WINDOW (self));

  if (presenting == vpc_window_get_presenting (self) || (presenting && self->design == NULL))
    return;
  if (presenting)
    {
      self->present_was_focus = vpc_window_get_focus_view (self);
      self->present_text_scale = vpc_canvas_get_text_scale (self->canvas);
      self->present_steps = build_steps (self->design);
      self->present_step = 0;
      vpc_window_set_focus_view (self, TRUE);
      gtk_widget_set_visible (self->header_bar, FALSE);
      gtk_widget_set_visible (self->present_caption, TRUE);
      vpc_canvas_set_text_scale (self->canvas, presentation_scale (self));
      vpc_canvas_set_pointer_highlight (self->canvas, TRUE);
      _vpc_window_lesson_update (self);
      gtk_window_fullscreen (GTK_WINDOW (self));
      show_step (self);
      vpc_canvas_queue_fit (self->canvas);
    }
  else
    {
      g_clear_pointer (&self->present_steps, g_ptr_array_unref);
      vpc_canvas_set_hidden (self->canvas, NULL);
      vpc_canvas_set_pointer_highlight (self->canvas, FALSE);
      vpc_canvas_set_text_scale (self->canvas, self->present_text_scale);
      gtk_widget_set_visible (self->present_caption, FALSE);
      gtk_widget_set_visible (self->header_bar, TRUE);
      gtk_window_unfullscreen (GTK_WINDOW (self));
      _vpc_window_lesson_update (self);
      vpc_window_set_focus_view (self, self->present_was_focus);
      vpc_canvas_queue_fit (self->canvas);
    }
  gtk_widget_grab_focus (GTK_WIDGET (self->canvas));
}

gboolean
vpc_window_presentation_go (VpcWindow *self,
                            int        delta)
{
  int step;

  g_return_val_if_fail (VPC_IS_WINDOW (self), FALSE);
  if (!vpc_window_get_presenting (self))
    return FALSE;
  step = (int) self->present_step + delta;
  if (step < 0 || step >= (int) self->present_steps->len)
    return FALSE;
  self->present_step = step;
  show_step (self);
  return TRUE;
}

static void
presentation_cb (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  VpcWindow *self = VPC_WINDOW (widget);

  vpc_window_set_presenting (self, !vpc_window_get_presenting (self));
}

static gboolean
key_pressed_cb (GtkEventControllerKey *controller,
                guint                  keyval,
                guint                  keycode,
                GdkModifierType        state,
                VpcWindow             *self)
{
  gboolean free_keys;

  if (!vpc_window_get_presenting (self) || (state & (GDK_CONTROL_MASK | GDK_ALT_MASK)) != 0)
    return FALSE;
  /* Arrows and Space move a selection while there is one. */
  free_keys = g_hash_table_size (vpc_canvas_get_selection (self->canvas)) == 0;
  switch (keyval)
    {
    case GDK_KEY_Escape:
      vpc_window_set_presenting (self, FALSE);
      return TRUE;
    case GDK_KEY_Page_Down:
    case GDK_KEY_KP_Page_Down:
      vpc_window_presentation_go (self, 1);
      return TRUE;
    case GDK_KEY_Page_Up:
    case GDK_KEY_KP_Page_Up:
      vpc_window_presentation_go (self, -1);
      return TRUE;
    case GDK_KEY_Right:
    case GDK_KEY_Down:
    case GDK_KEY_space:
      return free_keys && (vpc_window_presentation_go (self, 1), TRUE);
    case GDK_KEY_Left:
    case GDK_KEY_Up:
    case GDK_KEY_BackSpace:
      return free_keys && (vpc_window_presentation_go (self, -1), TRUE);
    default:
      return FALSE;
    }
}

void
_vpc_window_present_init (VpcWindow *self)
{
  GtkWidget *overlay = gtk_widget_get_parent (GTK_WIDGET (self->canvas));
  GtkEventController *keys = gtk_event_controller_key_new ();

  self->present_caption = gtk_label_new (NULL);
  gtk_label_set_wrap (GTK_LABEL (self->present_caption), TRUE);
  gtk_label_set_max_width_chars (GTK_LABEL (self->present_caption), 70);
  gtk_widget_add_css_class (self->present_caption, "osd");
  gtk_widget_add_css_class (self->present_caption, "title-4");
  gtk_widget_set_halign (self->present_caption, GTK_ALIGN_CENTER);
  gtk_widget_set_valign (self->present_caption, GTK_ALIGN_END);
  gtk_widget_set_margin_bottom (self->present_caption, 18);
  gtk_widget_set_can_target (self->present_caption, FALSE);
  gtk_widget_set_visible (self->present_caption, FALSE);
  gtk_overlay_add_overlay (GTK_OVERLAY (overlay), self->present_caption);
  /* Before the canvas's own bindings (Escape, arrows). */
  gtk_event_controller_set_propagation_phase (keys, GTK_PHASE_CAPTURE);
  g_signal_connect (keys, "key-pressed", G_CALLBACK (key_pressed_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), keys);
}

void
_vpc_window_present_dispose (VpcWindow *self)
{
  g_clear_pointer (&self->present_steps, g_ptr_array_unref);
}

void
_vpc_window_class_present_init (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "win.presentation", NULL, presentation_cb);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_F5, 0, "win.presentation", NULL);
}
