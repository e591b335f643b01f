/* SPDX-License-Identifier: GPL-3.0-or-later */
/* vpc-checklist-view.h: a searchable list of checks for many candidates.
 *
 * The inspector ticks subnets and groups in a list: a row of widgets per
 * candidate is fine for tens, but at 20,000 subnets the rows took over a
 * gigabyte and the window stopped answering. This list makes rows only
 * for what is shown (GtkListView) and filters by name or id as one types.
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define VPC_TYPE_CHECKLIST_VIEW (vpc_checklist_view_get_type ())
G_DECLARE_FINAL_TYPE (VpcChecklistView, vpc_checklist_view, VPC, CHECKLIST_VIEW, GtkWidget)

/* How many of the targets tick @id: sets @count out of @of. */
typedef void (*VpcChecklistState) (const char *id,
                                   guint      *count,
                                   guint      *of,
                                   gpointer    data);
/* The user ticked (@active) or cleared @id. */
typedef void (*VpcChecklistToggled) (const char *id,
                                     gboolean    active,
                                     gpointer    data);
/* The name shown for @id and, when it differs, the id under it (or NULL);
 * the two strings stay valid while the list shows them. */
typedef void (*VpcChecklistDescribe) (const char  *id,
                                      const char **name,
                                      const char **subtitle,
                                      gpointer     data);

/* A search entry (@placeholder, translated) over a scrolled list of
 * @ids' checks, which @title names. */
GtkWidget *vpc_checklist_view_new (const char *const   *ids,
                                   const char          *title,
                                   const char          *placeholder,
                                   VpcChecklistDescribe describe,
                                   VpcChecklistState    state,
                                   VpcChecklistToggled  toggled,
                                   gpointer             data);
/* A candidate's subtitle: its @id_line (or NULL), and when some but not
 * all of the @of targets tick it, how many do ("sn-a · 2 of 3 selected
 * elements"); NULL when there is nothing to say. */
char      *vpc_checklist_subtitle (const char *id_line,
                                   guint       count,
                                   guint       of);
/* Reads every shown check's state again (after the targets changed). */
void       vpc_checklist_view_sync (VpcChecklistView *self);
/* The search entry and the list, for tests. */
GtkWidget *vpc_checklist_view_get_search (VpcChecklistView *self);
GtkWidget *vpc_checklist_view_get_list (VpcChecklistView *self);

G_END_DECLS
