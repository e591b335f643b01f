/* SPDX-License-Identifier: GPL-3.0-or-later */
/* vpc-checklist-view.c: a searchable list of checks for many candidates. */
#include "vpc-checklist-view.h"

#include <string.h>

#include "vpc-i18n.h"

/* Tall enough for eight rows, the rest scrolls. */
#define LIST_HEIGHT 320

struct _VpcChecklistView
{
  GtkWidget            parent_instance;

  GtkWidget           *search;
  GtkWidget           *scrolled;
  GtkWidget           *list;
  GtkCustomFilter     *filter;
  char                *needle;  /* casefolded search text, or NULL */
  GHashTable          *bound;   /* the GtkListItems shown now */
  gboolean             syncing; /* checks set from the targets, not ticked */
  VpcChecklistDescribe describe;
  VpcChecklistState    state;
  VpcChecklistToggled  toggled;
  gpointer             data;
};

G_DEFINE_FINAL_TYPE (VpcChecklistView, vpc_checklist_view, GTK_TYPE_WIDGET)

/* The parts of a row, kept on its child. */
typedef struct
{
  GtkWidget *check;    /* labelled with the candidate's name */
  GtkWidget *subtitle; /* its id, and how many targets tick it when some do */
} Row;

static gboolean
matches (gpointer item,
         gpointer data)
{
  VpcChecklistView *self = data;
  const char *id = gtk_string_object_get_string (item);
  const char *name = NULL, *subtitle = NULL;
  g_autofree char *folded = NULL;

  if (self->needle == NULL)
    return TRUE;
  self->describe (id, &name, &subtitle, self->data);
  folded = g_utf8_casefold (name, -1);
  if (strstr (folded, self->needle) != NULL)
    return TRUE;
  g_free (folded);
  folded = g_utf8_casefold (id, -1);
  return strstr (folded, self->needle) != NULL;
}

static void
search_changed_cb (VpcChecklistView *self)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->search));

  g_clear_pointer (&self->needle, g_free);
  if (text[0] != '\0')
    self->needle = g_utf8_casefold (text, -1);
  gtk_filter_changed (GTK_FILTER (self->filter), GTK_FILTER_CHANGE_DIFFERENT);
}

static void
sync_item (VpcChecklistView *self,
           GtkListItem      *item)
{
  Row *row = g_object_get_data (G_OBJECT (gtk_list_item_get_child (item)), "vpc-row");
  const char *id = gtk_string_object_get_string (gtk_list_item_get_item (item));
  const char *name = NULL, *subtitle = NULL;
  g_autofree char *text = NULL;
  guint count = 0, of = 0;

  self->describe (id, &name, &subtitle, self->data);
  self->state (id, &count, &of, self->data);
  text = vpc_checklist_subtitle (subtitle, count, of);
  self->syncing = TRUE;
  gtk_check_button_set_label (GTK_CHECK_BUTTON (row->check), name);
  gtk_check_button_set_active (GTK_CHECK_BUTTON (row->check), of > 0 && count == of);
  gtk_check_button_set_inconsistent (GTK_CHECK_BUTTON (row->check), count > 0 && count < of);
  self->syncing = FALSE;
  gtk_label_set_text (GTK_LABEL (row->subtitle), text != NULL ? text : "");
  gtk_widget_set_visible (row->subtitle, text != NULL);
}

char *
vpc_checklist_subtitle (const char *id_line,
                        guint       count,
                        guint       of)
{
  g_autofree char *share = NULL;

  if (count == 0 || count == of)
    return g_strdup (id_line);
  /* TRANSLATORS: how many of the selected elements have it. */
  share = g_strdup_printf (ngettext ("%u of %u selected element", "%u of %u selected elements", of),
                           count, of);
  if (id_line == NULL)
    return g_steal_pointer (&share);
  return g_strdup_printf ("%s · %s", id_line, share);
}

static void
toggled_cb (GtkCheckButton *check,
            GtkListItem    *item)
{
  VpcChecklistView *self = g_object_get_data (G_OBJECT (check), "vpc-view");
  gpointer string = gtk_list_item_get_item (item);

  if (self->syncing || string == NULL)
    return;
  /* A click on a mixed check gives it to every target. */
  gtk_check_button_set_inconsistent (check, FALSE);
  self->toggled (gtk_string_object_get_string (string), gtk_check_button_get_active (check),
                 self->data);
}

static void
setup_cb (GtkSignalListItemFactory *factory,
          GtkListItem              *item,
          VpcChecklistView         *self)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  Row *row = g_new0 (Row, 1);

  row->check = gtk_check_button_new ();
  row->subtitle = gtk_label_new (NULL);
  gtk_label_set_xalign (GTK_LABEL (row->subtitle), 0);
  gtk_label_set_ellipsize (GTK_LABEL (row->subtitle), PANGO_ELLIPSIZE_END);
  gtk_widget_add_css_class (row->subtitle, "dim-label");
  gtk_widget_add_css_class (row->subtitle, "caption");
  /* Under the name, past the check's box. */
  gtk_widget_set_margin_start (row->subtitle, 28);
  gtk_widget_set_margin_start (box, 6);
  gtk_widget_set_margin_top (box, 3);
  gtk_widget_set_margin_bottom (box, 3);
  gtk_box_append (GTK_BOX (box), row->check);
  gtk_box_append (GTK_BOX (box), row->subtitle);
  g_object_set_data_full (G_OBJECT (box), "vpc-row", row, g_free);
  g_object_set_data (G_OBJECT (row->check), "vpc-view", self);
  g_signal_connect (row->check, "toggled", G_CALLBACK (toggled_cb), item);
  gtk_list_item_set_child (item, box);
}

static void
bind_cb (GtkSignalListItemFactory *factory,
         GtkListItem              *item,
         VpcChecklistView         *self)
{
  g_hash_table_add (self->bound, item);
  sync_item (self, item);
}

static void
unbind_cb (GtkSignalListItemFactory *factory,
           GtkListItem              *item,
           VpcChecklistView         *self)
{
  g_hash_table_remove (self->bound, item);
}

void
vpc_checklist_view_sync (VpcChecklistView *self)
{
  GHashTableIter iter;
  gpointer item;

  g_return_if_fail (VPC_IS_CHECKLIST_VIEW (self));
  g_hash_table_iter_init (&iter, self->bound);
  while (g_hash_table_iter_next (&iter, &item, NULL))
    sync_item (self, item);
}

GtkWidget *
vpc_checklist_view_get_search (VpcChecklistView *self)
{
  g_return_val_if_fail (VPC_IS_CHECKLIST_VIEW (self), NULL);
  return self->search;
}

GtkWidget *
vpc_checklist_view_get_list (VpcChecklistView *self)
{
  g_return_val_if_fail (VPC_IS_CHECKLIST_VIEW (self), NULL);
  return self->list;
}

static void
vpc_checklist_view_dispose (GObject *object)
{
  VpcChecklistView *self = VPC_CHECKLIST_VIEW (object);
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);
  g_clear_object (&self->filter);
  G_OBJECT_CLASS (vpc_checklist_view_parent_class)->dispose (object);
}

static void
vpc_checklist_view_finalize (GObject *object)
{
  VpcChecklistView *self = VPC_CHECKLIST_VIEW (object);

  g_hash_table_unref (self->bound);
  g_free (self->needle);
  G_OBJECT_CLASS (vpc_checklist_view_parent_class)->finalize (object);
}

static void
vpc_checklist_view_class_init (VpcChecklistViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = vpc_checklist_view_dispose;
  object_class->finalize = vpc_checklist_view_finalize;
  gtk_widget_class_set_layout_manager_type (GTK_WIDGET_CLASS (klass), GTK_TYPE_BOX_LAYOUT);
}

static void
vpc_checklist_view_init (VpcChecklistView *self)
{
  self->bound = g_hash_table_new (NULL, NULL);
  gtk_orientable_set_orientation (
      GTK_ORIENTABLE (gtk_widget_get_layout_manager (GTK_WIDGET (self))),
      GTK_ORIENTATION_VERTICAL);
  gtk_box_layout_set_spacing (GTK_BOX_LAYOUT (gtk_widget_get_layout_manager (GTK_WIDGET (self))),
                              6);
}

GtkWidget *
vpc_checklist_view_new (const char *const   *ids,
                        const char          *title,
                        const char          *placeholder,
                        VpcChecklistDescribe describe,
                        VpcChecklistState    state,
                        VpcChecklistToggled  toggled,
                        gpointer             data)
{
  VpcChecklistView *self = g_object_new (VPC_TYPE_CHECKLIST_VIEW, NULL);
  GtkStringList *strings = gtk_string_list_new (ids);
  GtkFilterListModel *filtered;
  GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();

  self->describe = describe;
  self->state = state;
  self->toggled = toggled;
  self->data = data;

  self->search = gtk_search_entry_new ();
  /* gtk_search_entry_set_placeholder_text() is GTK 4.10. */
  g_object_set (self->search, "placeholder-text", placeholder, NULL);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->search), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  placeholder, -1);
  gtk_widget_set_margin_start (self->search, 6);
  gtk_widget_set_margin_end (self->search, 6);
  gtk_widget_set_margin_top (self->search, 6);
  g_signal_connect_swapped (self->search, "search-changed", G_CALLBACK (search_changed_cb), self);
  gtk_widget_set_parent (self->search, GTK_WIDGET (self));

  self->filter = gtk_custom_filter_new (matches, self, NULL);
  filtered = gtk_filter_list_model_new (G_LIST_MODEL (strings),
                                        g_object_ref (GTK_FILTER (self->filter)));
  g_signal_connect (factory, "setup", G_CALLBACK (setup_cb), self);
  g_signal_connect (factory, "bind", G_CALLBACK (bind_cb), self);
  g_signal_connect (factory, "unbind", G_CALLBACK (unbind_cb), self);
  self->list = gtk_list_view_new (GTK_SELECTION_MODEL (gtk_no_selection_new (G_LIST_MODEL (filtered))),
                                  factory);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->list), GTK_ACCESSIBLE_PROPERTY_LABEL, title,
                                  -1);
  self->scrolled = gtk_scrolled_window_new ();
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (self->scrolled), GTK_POLICY_NEVER,
                                  GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_min_content_height (GTK_SCROLLED_WINDOW (self->scrolled), LIST_HEIGHT);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (self->scrolled), self->list);
  gtk_widget_set_parent (self->scrolled, GTK_WIDGET (self));
  return GTK_WIDGET (self);
}
