/* SPDX-License-Identifier: GPL-3.0-or-later */
/* vpc-accessible.h: accessible names GTK 4.8 and Adw 1.2 do not give.
 *
 * A button made with a mnemonic gets its raw label as accessible name,
 * underscore included, and then its child label's text: a screen reader
 * says "_Apply Apply". The items of a combo row's list have no name at
 * all. (Issue 17; tests/test-a11y-names.py lists what is left.) */
#pragma once

#include <adwaita.h>
#include <string.h>

G_BEGIN_DECLS

/* "_Save" -> "Save", "Rock __n Roll" -> "Rock _n Roll". */
static inline char *
vpc_accessible_strip_mnemonic (const char *text)
{
  GString *plain = g_string_sized_new (strlen (text));

  for (const char *p = text; *p != '\0'; p++)
    {
      if (*p == '_' && p[1] == '_')
        p++;
      else if (*p == '_')
        continue;
      g_string_append_c (plain, *p);
    }
  return g_string_free (plain, FALSE);
}

/* Names @button after @mnemonic, its text with a mnemonic. */
static inline void
vpc_accessible_name_from_mnemonic (GtkWidget  *button,
                                   const char *mnemonic)
{
  g_autofree char *plain = vpc_accessible_strip_mnemonic (mnemonic);

  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, plain,
                                  -1);
}

/* gtk_button_new_with_mnemonic () with a name a screen reader can say. */
static inline GtkWidget *
vpc_button_new_with_mnemonic (const char *mnemonic)
{
  GtkWidget *button = gtk_button_new_with_mnemonic (mnemonic);

  vpc_accessible_name_from_mnemonic (button, mnemonic);
  return button;
}

static inline char *
vpc_accessible_item_text (AdwComboRow *row,
                          gpointer     item)
{
  GtkExpression *expression = adw_combo_row_get_expression (row);
  GValue value = G_VALUE_INIT;
  char *text = NULL;

  if (expression != NULL && gtk_expression_evaluate (expression, item, &value))
    {
      text = g_value_dup_string (&value);
      g_value_unset (&value);
    }
  else if (GTK_IS_STRING_OBJECT (item))
    text = g_strdup (gtk_string_object_get_string (GTK_STRING_OBJECT (item)));
  return text != NULL ? text : g_strdup ("");
}

static inline void
vpc_accessible_item_selected_cb (GtkListItem *item)
{
  GtkWidget *box = gtk_list_item_get_child (item);

  /* The check mark is for the list in the popover, not the row's value. */
  if (box != NULL)
    gtk_widget_set_opacity (gtk_widget_get_last_child (box),
                            gtk_list_item_get_selected (item)
                                    && gtk_widget_get_ancestor (box, GTK_TYPE_POPOVER) != NULL
                                ? 1.0
                                : 0.0);
}

static inline void
vpc_accessible_item_setup_cb (GtkSignalListItemFactory *factory,
                              GtkListItem              *item)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *label = gtk_label_new (NULL);
  GtkWidget *check = g_object_new (GTK_TYPE_IMAGE, "icon-name", "object-select-symbolic",
                                   "accessible-role", GTK_ACCESSIBLE_ROLE_PRESENTATION, NULL);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_widget_set_hexpand (label, TRUE);
  gtk_box_append (GTK_BOX (box), label);
  gtk_box_append (GTK_BOX (box), check);
  gtk_list_item_set_child (item, box);
  g_signal_connect (item, "notify::selected", G_CALLBACK (vpc_accessible_item_selected_cb), NULL);
}

static inline void
vpc_accessible_item_bind_cb (GtkSignalListItemFactory *factory,
                             GtkListItem              *item,
                             AdwComboRow              *row)
{
  GtkWidget *box = gtk_list_item_get_child (item);
  GtkWidget *parent = gtk_widget_get_parent (box);
  g_autofree char *text = vpc_accessible_item_text (row, gtk_list_item_get_item (item));

  gtk_label_set_label (GTK_LABEL (gtk_widget_get_first_child (box)), text);
  /* The list item widget is what a screen reader reads: name it. */
  if (parent != NULL)
    gtk_accessible_update_property (GTK_ACCESSIBLE (parent), GTK_ACCESSIBLE_PROPERTY_LABEL, text,
                                    -1);
  vpc_accessible_item_selected_cb (item);
}

/* Gives @row's list items their text as accessible names: the one that
 * shows the row's value and those of its drop-down list, where a check
 * mark shows the chosen one as in Adw's own list. */
static inline void
vpc_accessible_name_combo_items (AdwComboRow *row)
{
  GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();

  g_signal_connect (factory, "setup", G_CALLBACK (vpc_accessible_item_setup_cb), NULL);
  g_signal_connect (factory, "bind", G_CALLBACK (vpc_accessible_item_bind_cb), row);
  adw_combo_row_set_factory (row, factory);
  adw_combo_row_set_list_factory (row, factory);
  g_object_unref (factory);
}

G_END_DECLS
