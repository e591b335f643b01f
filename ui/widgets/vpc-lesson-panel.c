/* SPDX-License-Identifier: GPL-3.0-or-later */
/* vpc-lesson-panel.c: task, hints, "Check my answer", "Reset Lab". */
#include "vpc-lesson-panel.h"

#include "vpc-accessible.h"

#include "vpc-i18n.h"
#include "vpc-lesson-grade.h"

struct _VpcLessonPanel
{
  GtkWidget  parent_instance;

  GtkWidget *card;
  GtkLabel  *title;
  GtkLabel  *task;
  GtkWidget *hints;        /* GtkBox of hint labels */
  GtkWidget *hint_button;
  GtkWidget *results;      /* GtkBox of result labels */
  GtkLabel  *verdict;

  VpcDesign *design;
  gulong     changed_handler;
  guint      hints_shown;
};

G_DEFINE_FINAL_TYPE (VpcLessonPanel, vpc_lesson_panel, GTK_TYPE_WIDGET)

static const VpcLesson *
lesson_of (VpcLessonPanel *self)
{
  return self->design != NULL ? vpc_design_get_info (self->design)->lesson : NULL;
}

static void
clear_box (GtkWidget *box)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (box)) != NULL)
    gtk_box_remove (GTK_BOX (box), child);
}

static GtkWidget *
wrapped_label (const char *text)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_selectable (GTK_LABEL (label), TRUE);
  return label;
}

static void
update_hint_button (VpcLessonPanel *self)
{
  const VpcLesson *lesson = lesson_of (self);
  guint n = lesson != NULL ? lesson->hints->len : 0;
  g_autofree char *label
      = g_strdup_printf (_("Show a Hint (%u of %u)"), MIN (self->hints_shown + 1, n), n);

  gtk_button_set_label (GTK_BUTTON (self->hint_button), label);
  gtk_widget_set_visible (self->hint_button, self->hints_shown < n);
}

gboolean
vpc_lesson_panel_next_hint (VpcLessonPanel *self)
{
  const VpcLesson *lesson = lesson_of (self);

  g_return_val_if_fail (VPC_IS_LESSON_PANEL (self), FALSE);
  if (lesson == NULL || self->hints_shown >= lesson->hints->len)
    return FALSE;
  gtk_box_append (GTK_BOX (self->hints),
                  wrapped_label (g_ptr_array_index (lesson->hints, self->hints_shown++)));
  update_hint_button (self);
  return TRUE;
}

gboolean
vpc_lesson_panel_check (VpcLessonPanel *self)
{
  g_autoptr(GPtrArray) results = NULL;
  gboolean passed = FALSE;
  guint met = 0;
  g_autofree char *verdict = NULL;

  g_return_val_if_fail (VPC_IS_LESSON_PANEL (self), FALSE);
  clear_box (self->results);
  if (self->design == NULL || (results = vpc_lesson_grade (self->design, &passed)) == NULL)
    return FALSE;
  for (guint i = 0; i < results->len; i++)
    {
      const VpcGoalResult *r = g_ptr_array_index (results, i);
      g_autofree char *text = g_strdup_printf ("%s %s", r->met ? "✓" : "✗", r->detail);
      GtkWidget *label = wrapped_label (text);

      met += r->met;
      gtk_widget_add_css_class (label, r->met ? "success" : "error");
      gtk_box_append (GTK_BOX (self->results), label);
    }
  verdict = passed ? g_strdup (_("Passed: every goal is met."))
                   : g_strdup_printf (ngettext ("Not yet: %u of %u goals met.",
                                                "Not yet: %u of %u goals met.", results->len),
                                      met, results->len);
  gtk_label_set_text (self->verdict, verdict);
  gtk_widget_set_visible (GTK_WIDGET (self->verdict), TRUE);
  return passed;
}

char *
vpc_lesson_panel_get_results_text (VpcLessonPanel *self)
{
  GString *text = g_string_new (NULL);

  for (GtkWidget *child = gtk_widget_get_first_child (self->results); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    g_string_append_printf (text, "%s\n", gtk_label_get_text (GTK_LABEL (child)));
  return g_string_free (text, FALSE);
}

static void
refresh (VpcLessonPanel *self)
{
  const VpcLesson *lesson = lesson_of (self);

  gtk_widget_set_visible (GTK_WIDGET (self), lesson != NULL);
  clear_box (self->results);
  gtk_widget_set_visible (GTK_WIDGET (self->verdict), FALSE);
  if (lesson == NULL)
    return;
  gtk_label_set_text (self->title, *lesson->title != '\0' ? lesson->title : _("Lesson"));
  gtk_label_set_text (self->task, lesson->task);
  update_hint_button (self);
}

/* An edit makes the last check stale. */
static void
design_changed_cb (VpcLessonPanel *self)
{
  const VpcLesson *lesson = lesson_of (self);

  gtk_widget_set_visible (GTK_WIDGET (self), lesson != NULL);
  if (gtk_widget_get_visible (GTK_WIDGET (self->verdict)))
    vpc_lesson_panel_check (self);
}

void
vpc_lesson_panel_set_design (VpcLessonPanel *self,
                             VpcDesign      *design)
{
  g_return_if_fail (VPC_IS_LESSON_PANEL (self));

  if (self->design != NULL)
    g_clear_signal_handler (&self->changed_handler, self->design);
  g_set_object (&self->design, design);
  if (design != NULL)
    self->changed_handler
        = g_signal_connect_swapped (design, "changed", G_CALLBACK (design_changed_cb), self);
  self->hints_shown = 0;
  clear_box (self->hints);
  refresh (self);
}

static void
vpc_lesson_panel_dispose (GObject *object)
{
  VpcLessonPanel *self = VPC_LESSON_PANEL (object);

  vpc_lesson_panel_set_design (self, NULL);
  g_clear_pointer (&self->card, gtk_widget_unparent);
  G_OBJECT_CLASS (vpc_lesson_panel_parent_class)->dispose (object);
}

static void
vpc_lesson_panel_class_init (VpcLessonPanelClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = vpc_lesson_panel_dispose;
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "vpc-lesson-panel");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
}

static void
vpc_lesson_panel_init (VpcLessonPanel *self)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 8);
  GtkWidget *scroller = gtk_scrolled_window_new ();
  GtkWidget *buttons = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *check = vpc_button_new_with_mnemonic (_("_Check My Answer"));
  GtkWidget *reset = vpc_button_new_with_mnemonic (_("_Reset Lab"));

  self->card = scroller;
  gtk_widget_set_parent (scroller, GTK_WIDGET (self));
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scroller), GTK_POLICY_NEVER,
                                  GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_propagate_natural_height (GTK_SCROLLED_WINDOW (scroller), TRUE);
  gtk_scrolled_window_set_max_content_height (GTK_SCROLLED_WINDOW (scroller), 520);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scroller), box);
  gtk_widget_add_css_class (scroller, "card");
  gtk_widget_set_size_request (scroller, 320, -1);
  gtk_widget_set_margin_start (box, 14);
  gtk_widget_set_margin_end (box, 14);
  gtk_widget_set_margin_top (box, 12);
  gtk_widget_set_margin_bottom (box, 12);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Lesson"), -1);

  self->title = GTK_LABEL (wrapped_label (NULL));
  gtk_widget_add_css_class (GTK_WIDGET (self->title), "heading");
  self->task = GTK_LABEL (wrapped_label (NULL));
  self->hints = gtk_box_new (GTK_ORIENTATION_VERTICAL, 4);
  gtk_widget_add_css_class (self->hints, "dim-label");
  self->hint_button = gtk_button_new ();
  gtk_widget_set_halign (self->hint_button, GTK_ALIGN_START);
  g_signal_connect_swapped (self->hint_button, "clicked", G_CALLBACK (vpc_lesson_panel_next_hint),
                            self);
  gtk_widget_add_css_class (check, "suggested-action");
  g_signal_connect_swapped (check, "clicked", G_CALLBACK (vpc_lesson_panel_check), self);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (reset), "win.reset-lab");
  gtk_widget_set_tooltip_text (reset,
                               _("Open the lab again as it was saved, discarding your changes"));
  gtk_box_append (GTK_BOX (buttons), check);
  gtk_box_append (GTK_BOX (buttons), reset);
  self->verdict = GTK_LABEL (wrapped_label (NULL));
  gtk_widget_add_css_class (GTK_WIDGET (self->verdict), "heading");
  self->results = gtk_box_new (GTK_ORIENTATION_VERTICAL, 4);

  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->title));
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->task));
  gtk_box_append (GTK_BOX (box), self->hints);
  gtk_box_append (GTK_BOX (box), self->hint_button);
  gtk_box_append (GTK_BOX (box), buttons);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->verdict));
  gtk_box_append (GTK_BOX (box), self->results);
  gtk_widget_set_visible (GTK_WIDGET (self), FALSE);
}

GtkWidget *
vpc_lesson_panel_new (void)
{
  return g_object_new (VPC_TYPE_LESSON_PANEL, NULL);
}
