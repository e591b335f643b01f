/* SPDX-License-Identifier: GPL-3.0-or-later */
/* vpc-palette.h: the searchable, grouped list of things to add.
 *
 * Each row names a palette item (see vpc_containment_place()). Activating a
 * row emits "item-activated" (const char *item); dragging a row offers the
 * item as a string, which the canvas accepts as a drop.
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define VPC_TYPE_PALETTE (vpc_palette_get_type ())
G_DECLARE_FINAL_TYPE (VpcPalette, vpc_palette, VPC, PALETTE, GtkBox)

GtkWidget  *vpc_palette_new (void);
/* Items of the palette, NULL-terminated, static (for tests and menus). */
const char *const *vpc_palette_list_items (void);
/* The tooltip of an item, or NULL. */
const char *vpc_palette_get_tooltip (const char *item);
/* Number of rows that the current search shows. */
guint       vpc_palette_count_visible (VpcPalette *self);
/* Moves the keyboard focus to the search, its text selected (what Ctrl+F
 * does anywhere in the window). FALSE when the palette is hidden. */
gboolean    vpc_palette_focus_search (VpcPalette *self);
/* Searches for @text and returns the item Enter would add, or NULL. */
const char *vpc_palette_best_match (VpcPalette *self,
                                    const char *text);

G_END_DECLS
