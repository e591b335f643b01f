/* SPDX-License-Identifier: GPL-3.0-or-later */
/* vpc-outline.c: the Outline page: a tree list of the design's elements.
 *
 * The rows come from vpc_outline_build() (GTK-free); the tree is rebuilt
 * whole after each change while the page is shown (an idle coalesces a
 * burst), and only marked stale while it is hidden, so large designs pay
 * nothing for it. Selection follows the canvas both ways.
 */
#include "vpc-outline.h"

#include <adwaita.h>

#include "vpc-i18n.h"
#include "vpc-outline-model.h"
#include "vpc-quick-fix.h"

struct _VpcOutline
{
  GtkWidget          parent_instance;

  GtkWidget         *scroller;
  GtkListView       *list;
  GListStore        *root;      /* holds the VPC row */
  GtkTreeListModel  *tree;
  GtkMultiSelection *selection;
  GtkWidget         *menu;

  VpcDesign         *design;
  VpcValidator      *validator;
  GSignalGroup      *design_signals;
  GSignalGroup      *validator_signals;
  guint              rebuild_source;
  guint              scroll_source;
  gboolean           stale;
  guint64            built_revision; /* the design's content revision when built */
  gboolean           syncing;   /* selecting rows for the canvas, not the user */
  GStrv              selected;  /* the canvas selection */
  GPtrArray         *menu_findings; /* VpcFinding with a quick fix, for the menu */
};

G_DEFINE_FINAL_TYPE (VpcOutline, vpc_outline, GTK_TYPE_WIDGET)

static VpcOutlineNode *
node_at (VpcOutline *self,
         guint       position)
{
  g_autoptr(GtkTreeListRow) row = g_list_model_get_item (G_LIST_MODEL (self->tree), position);

  return row != NULL ? VPC_OUTLINE_NODE (gtk_tree_list_row_get_item (row)) : NULL;
}

/* Tree */

static GListModel *
create_children (gpointer item,
                 gpointer user_data)
{
  GListModel *children = vpc_outline_node_get_children (VPC_OUTLINE_NODE (item));

  return children != NULL ? g_object_ref (children) : NULL;
}

static void apply_selection (VpcOutline *self,
                             gboolean    scroll);
static void focus_selected (VpcOutline *self);

/* The ids of the rows the user closed, so that a rebuild keeps them closed. */
static GHashTable *
collapsed_ids (VpcOutline *self)
{
  GHashTable *ids = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  for (guint i = 0, n = g_list_model_get_n_items (G_LIST_MODEL (self->tree)); i < n; i++)
    {
      g_autoptr(GtkTreeListRow) row = g_list_model_get_item (G_LIST_MODEL (self->tree), i);

      if (gtk_tree_list_row_is_expandable (row) && !gtk_tree_list_row_get_expanded (row))
        {
          g_autoptr(VpcOutlineNode) node = gtk_tree_list_row_get_item (row);

          g_hash_table_add (ids, g_strdup (vpc_outline_node_get_id (node)));
        }
    }
  return ids;
}

/* From the last row up, so that closing a row moves none still to visit. */
static void
collapse (VpcOutline *self,
          GHashTable *ids)
{
  if (g_hash_table_size (ids) == 0)
    return;
  for (guint i = g_list_model_get_n_items (G_LIST_MODEL (self->tree)); i-- > 0;)
    {
      g_autoptr(GtkTreeListRow) row = g_list_model_get_item (G_LIST_MODEL (self->tree), i);
      g_autoptr(VpcOutlineNode) node = gtk_tree_list_row_get_item (row);

      if (g_hash_table_contains (ids, vpc_outline_node_get_id (node)))
        gtk_tree_list_row_set_expanded (row, FALSE);
    }
}

static void
rebuild (VpcOutline *self)
{
  g_autoptr(GListModel) built = NULL;
  g_autoptr(GHashTable) collapsed = collapsed_ids (self);
  gboolean had_focus = gtk_widget_has_focus (GTK_WIDGET (self->list)) ||
                       gtk_widget_get_focus_child (GTK_WIDGET (self->list)) != NULL;

  g_clear_handle_id (&self->rebuild_source, g_source_remove);
  self->stale = FALSE;
  self->built_revision = self->design != NULL ? vpc_design_get_content_revision (self->design) : 0;
  self->syncing = TRUE;
  if (self->design == NULL)
    g_list_store_remove_all (self->root);
  else
    {
      guint n;
      g_autofree gpointer *items = NULL;

      built = vpc_outline_build (self->design, self->validator);
      n = g_list_model_get_n_items (built);
      items = g_new0 (gpointer, n);
      for (guint i = 0; i < n; i++)
        items[i] = g_list_model_get_item (built, i);
      g_list_store_splice (self->root, 0, g_list_model_get_n_items (G_LIST_MODEL (self->root)),
                           items, n);
      for (guint i = 0; i < n; i++)
        g_object_unref (items[i]);
      collapse (self, collapsed);
    }
  self->syncing = FALSE;
  apply_selection (self, FALSE);
  if (had_focus)
    focus_selected (self);
}

static gboolean
rebuild_idle (gpointer data)
{
  VpcOutline *self = data;

  self->rebuild_source = 0;
  rebuild (self);
  return G_SOURCE_REMOVE;
}

static void
mark_stale (VpcOutline *self)
{
  self->stale = TRUE;
  if (gtk_widget_get_mapped (GTK_WIDGET (self)) && self->rebuild_source == 0)
    self->rebuild_source = g_idle_add (rebuild_idle, self);
}

/* Rows show names, kinds, containment and findings: a step that only
 * moved boxes changes none of them. */
static void
design_changed_cb (VpcOutline *self)
{
  if (!self->stale && self->design != NULL &&
      vpc_design_get_content_revision (self->design) == self->built_revision)
    return;
  mark_stale (self);
}

static void
vpc_outline_map (GtkWidget *widget)
{
  VpcOutline *self = VPC_OUTLINE (widget);

  GTK_WIDGET_CLASS (vpc_outline_parent_class)->map (widget);
  if (self->stale)
    {
      rebuild (self);
      apply_selection (self, TRUE);
    }
}

/* Selection */

static guint
first_selected (VpcOutline *self)
{
  g_autoptr(GtkBitset) chosen
      = gtk_selection_model_get_selection (GTK_SELECTION_MODEL (self->selection));

  return gtk_bitset_is_empty (chosen) ? GTK_INVALID_LIST_POSITION
                                      : gtk_bitset_get_minimum (chosen);
}

/* Scrolling waits for an idle: right after a rebuild or a map the rows
 * have no size yet. */
static gboolean
scroll_idle (gpointer data)
{
  VpcOutline *self = data;
  guint position = first_selected (self);

  self->scroll_source = 0;
  if (position != GTK_INVALID_LIST_POSITION)
    gtk_widget_activate_action (GTK_WIDGET (self->list), "list.scroll-to-item", "u", position);
  return G_SOURCE_REMOVE;
}

/* Selects the rows of self->selected; @scroll brings the first into view
 * (not when the selection only came back from the canvas unchanged: the
 * user's place in the list stays). */
static void
apply_selection (VpcOutline *self,
                 gboolean    scroll)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->tree));
  g_autoptr(GtkBitset) chosen = gtk_bitset_new_empty ();
  g_autoptr(GtkBitset) all = gtk_bitset_new_range (0, n);

  for (guint i = 0; self->selected != NULL && i < n; i++)
    {
      g_autoptr(GtkTreeListRow) row = g_list_model_get_item (G_LIST_MODEL (self->tree), i);
      VpcOutlineNode *node = VPC_OUTLINE_NODE (gtk_tree_list_row_get_item (row));

      if (g_strv_contains ((const char *const *) self->selected, vpc_outline_node_get_id (node)))
        gtk_bitset_add (chosen, i);
      g_object_unref (node);
    }
  self->syncing = TRUE;
  gtk_selection_model_set_selection (GTK_SELECTION_MODEL (self->selection), chosen, all);
  self->syncing = FALSE;
  if (scroll && !gtk_bitset_is_empty (chosen) && self->scroll_source == 0)
    self->scroll_source = g_idle_add (scroll_idle, self);
}

/* After a rebuild the rows are new: keyboard focus goes back to the first
 * selected row, as "list.select-item" moves it, and the selection is put
 * back whole (that action keeps one row). */
static void
focus_selected (VpcOutline *self)
{
  guint position = first_selected (self);

  if (position != GTK_INVALID_LIST_POSITION)
    {
      /* list.select-item makes the row's widget and GtkListView's cursor;
       * focus goes to that widget (GTK 4.8 has no call for it). */
      self->syncing = TRUE;
      gtk_widget_activate_action (GTK_WIDGET (self->list), "list.select-item", "(ubb)", position,
                                  FALSE, FALSE);
      self->syncing = FALSE;
      apply_selection (self, TRUE);
      for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self->list)); child != NULL;
           child = gtk_widget_get_next_sibling (child))
        {
          GtkWidget *expander = gtk_widget_get_first_child (child);
          GtkTreeListRow *row = GTK_IS_TREE_EXPANDER (expander)
                                    ? gtk_tree_expander_get_list_row (GTK_TREE_EXPANDER (expander))
                                    : NULL;

          if (row != NULL && gtk_tree_list_row_get_position (row) == position &&
              gtk_widget_grab_focus (child))
            return;
        }
    }
  gtk_widget_grab_focus (GTK_WIDGET (self->list));
}

/* The ids of the selected rows, each once (an element in two subnets has
 * two rows). */
static GStrv
selected_ids (VpcOutline *self)
{
  g_autoptr(GtkBitset) set = gtk_selection_model_get_selection (
      GTK_SELECTION_MODEL (self->selection));
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  GtkBitsetIter iter;
  guint position;

  for (gboolean more = gtk_bitset_iter_init_first (&iter, set, &position); more;
       more = gtk_bitset_iter_next (&iter, &position))
    {
      g_autoptr(VpcOutlineNode) node = node_at (self, position);
      const char *id = vpc_outline_node_get_id (node);

      if (g_hash_table_add (seen, g_strdup (id)))
        g_strv_builder_add (builder, id);
    }
  return g_strv_builder_end (builder);
}

static void
selection_changed_cb (VpcOutline *self)
{
  g_auto(GStrv) ids = NULL;

  if (self->syncing)
    return;
  ids = selected_ids (self);
  g_strfreev (self->selected);
  self->selected = g_strdupv (ids);
  gtk_widget_activate_action (GTK_WIDGET (self), "win.select-elements", "^as", ids);
}

/* Rows */

/* Where a row sits, for a screen reader: "Level 3, in ml-vpc › us-east-1a". */
static char *
row_place (GtkTreeListRow *row)
{
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GString) path = g_string_new (NULL);

  for (GtkTreeListRow *parent = gtk_tree_list_row_get_parent (row); parent != NULL;)
    {
      g_autoptr(VpcOutlineNode) node = gtk_tree_list_row_get_item (parent);
      GtkTreeListRow *up = gtk_tree_list_row_get_parent (parent);

      g_ptr_array_insert (names, 0, g_strdup (vpc_outline_node_get_name (node)));
      g_object_unref (parent);
      parent = up;
    }
  if (names->len == 0)
    return g_strdup (_("Top level"));
  for (guint i = 0; i < names->len; i++)
    g_string_append_printf (path, i == 0 ? "%s" : " › %s", (const char *) names->pdata[i]);
  /* TRANSLATORS: where an outline row sits: its depth and the rows above
   * it, e.g. "Level 3, in ml-vpc › us-east-1a". */
  return g_strdup_printf (_("Level %1$u, in %2$s"), names->len + 1, path->str);
}


static void
setup_row_cb (GtkSignalListItemFactory *factory,
              GtkListItem              *item,
              VpcOutline               *self)
{
  GtkWidget *expander = gtk_tree_expander_new ();
  GtkWidget *grid = gtk_grid_new ();
  GtkWidget *name = gtk_label_new (NULL);
  GtkWidget *facts = gtk_label_new (NULL);
  GtkWidget *badge = gtk_label_new (NULL);

  gtk_grid_set_column_spacing (GTK_GRID (grid), 6);
  gtk_widget_set_margin_top (grid, 3);
  gtk_widget_set_margin_bottom (grid, 3);
  gtk_label_set_xalign (GTK_LABEL (name), 0);
  gtk_label_set_ellipsize (GTK_LABEL (name), PANGO_ELLIPSIZE_END);
  gtk_widget_set_hexpand (name, TRUE);
  gtk_label_set_xalign (GTK_LABEL (facts), 0);
  gtk_label_set_ellipsize (GTK_LABEL (facts), PANGO_ELLIPSIZE_END);
  gtk_widget_add_css_class (facts, "dim-label");
  gtk_widget_add_css_class (facts, "caption");
  gtk_widget_add_css_class (badge, "numeric");
  gtk_widget_add_css_class (badge, "vpc-outline-badge");
  gtk_grid_attach (GTK_GRID (grid), name, 0, 0, 1, 1);
  gtk_grid_attach (GTK_GRID (grid), badge, 1, 0, 1, 1);
  gtk_grid_attach (GTK_GRID (grid), facts, 0, 1, 2, 1);
  gtk_tree_expander_set_child (GTK_TREE_EXPANDER (expander), grid);
  gtk_list_item_set_child (item, expander);
  g_object_set_data (G_OBJECT (expander), "name", name);
  g_object_set_data (G_OBJECT (expander), "facts", facts);
  g_object_set_data (G_OBJECT (expander), "badge", badge);
}

static void
bind_row_cb (GtkSignalListItemFactory *factory,
             GtkListItem              *item,
             VpcOutline               *self)
{
  GtkTreeListRow *row = gtk_list_item_get_item (item);
  GtkWidget *expander = gtk_list_item_get_child (item);
  g_autoptr(VpcOutlineNode) node = gtk_tree_list_row_get_item (row);
  GtkLabel *badge = g_object_get_data (G_OBJECT (expander), "badge");
  g_autofree char *facts = NULL;
  g_autofree char *spoken = vpc_outline_node_dup_accessible_name (node);
  g_autofree char *count = g_strdup_printf ("%u", vpc_outline_node_get_n_findings (node));
  GtkWidget *row_widget = gtk_widget_get_parent (expander);

  if (vpc_outline_node_get_facts (node)[0] != '\0')
    /* TRANSLATORS: an outline row's second line: kind · facts. */
    facts = g_strdup_printf (_("%1$s · %2$s"), vpc_outline_node_get_kind_label (node),
                             vpc_outline_node_get_facts (node));
  else
    facts = g_strdup (vpc_outline_node_get_kind_label (node));
  gtk_tree_expander_set_list_row (GTK_TREE_EXPANDER (expander), row);
  gtk_label_set_label (g_object_get_data (G_OBJECT (expander), "name"),
                       vpc_outline_node_get_name (node));
  gtk_label_set_label (g_object_get_data (G_OBJECT (expander), "facts"), facts);
  gtk_widget_set_tooltip_text (expander, facts);
  gtk_label_set_label (badge, count);
  gtk_widget_set_visible (GTK_WIDGET (badge), vpc_outline_node_get_n_findings (node) > 0);
  if (vpc_outline_node_get_n_errors (node) > 0)
    gtk_widget_add_css_class (GTK_WIDGET (badge), "error");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (badge), "error");
  /* The row itself is what a screen reader lands on: name it whole. */
  gtk_accessible_update_property (GTK_ACCESSIBLE (expander), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  spoken, -1);
  if (row_widget != NULL)
    {
      g_autofree char *place = row_place (row);

      gtk_accessible_update_property (GTK_ACCESSIBLE (row_widget), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      spoken, GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, place,
                                      GTK_ACCESSIBLE_PROPERTY_LEVEL,
                                      gtk_tree_list_row_get_depth (row) + 1, -1);
    }
}

/* Menu */

static const char *
single_selected (VpcOutline *self)
{
  return self->selected != NULL && self->selected[0] != NULL && self->selected[1] == NULL
             ? self->selected[0]
             : NULL;
}

/* The one selected element, or NULL (none, several, or the VPC). */
static const VpcElement *
single_element (VpcOutline *self)
{
  const char *id = single_selected (self);

  return id != NULL && self->design != NULL ? vpc_design_lookup (self->design, id) : NULL;
}

static void
add_quick_fixes (VpcOutline *self,
                 GMenu      *menu)
{
  const char *id = single_selected (self);
  g_autoptr(GMenu) section = g_menu_new ();
  g_autoptr(GPtrArray) findings = NULL;

  g_clear_pointer (&self->menu_findings, g_ptr_array_unref);
  self->menu_findings = g_ptr_array_new_with_free_func (g_object_unref);
  if (id == NULL || self->validator == NULL)
    return;
  findings = vpc_validator_findings_for (self->validator, id);
  for (guint i = 0; findings != NULL && i < findings->len; i++)
    {
      VpcFinding *finding = g_ptr_array_index (findings, i);
      g_autofree char *label = vpc_quick_fix_describe (finding, self->design);
      g_autoptr(GMenuItem) item = NULL;

      if (label == NULL)
        continue;
      item = g_menu_item_new (label, NULL);
      g_menu_item_set_action_and_target (item, "outline.quick-fix", "u",
                                         self->menu_findings->len);
      g_menu_append_item (section, item);
      g_ptr_array_add (self->menu_findings, g_object_ref (finding));
    }
  if (self->menu_findings->len > 0)
    g_menu_append_section (menu, _("Quick Fixes"), G_MENU_MODEL (section));
}

static GMenuModel *
build_menu (VpcOutline *self)
{
  GMenu *menu = g_menu_new ();
  g_autoptr(GMenu) edit = g_menu_new ();
  g_autoptr(GMenu) more = g_menu_new ();

  const VpcElement *element = single_element (self);
  gboolean placed = element != NULL && element->kind != VPC_KIND_AZ &&
                    element->kind != VPC_KIND_SECURITY_GROUP;
  gboolean connects = placed && element->kind != VPC_KIND_SUBNET &&
                      !(element->kind == VPC_KIND_ENDPOINT &&
                        element->endpoint_type == VPC_ENDPOINT_GATEWAY);

  g_menu_append (edit, _("_Edit in Inspector"), "outline.inspect");
  g_menu_append (edit, _("_Rename…"), "sidebar.edit-field::name");
  /* Only what applies to the row: an AZ or a group has no place to move
   * to, a subnet connects to nothing. */
  if (placed)
    g_menu_append (edit, _("_Move to…"), "sidebar.edit-field::placement");
  if (connects)
    g_menu_append (edit, _("Co_nnect to…"), "win.canvas-action::canvas.connect");
  if (self->selected != NULL && (element != NULL || single_selected (self) == NULL))
    g_menu_append (edit, _("De_lete"), "win.canvas-action::canvas.delete");
  g_menu_append_section (menu, NULL, G_MENU_MODEL (edit));
  add_quick_fixes (self, menu);
  g_menu_append (more, _("Show _Findings"), "sidebar.go-to-page::findings");
  g_menu_append_section (menu, NULL, G_MENU_MODEL (more));
  return G_MENU_MODEL (menu);
}

static void
popup_menu (VpcOutline *self,
            double      x,
            double      y)
{
  g_autoptr(GMenuModel) model = build_menu (self);

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "outline.inspect", self->selected != NULL);
  if (self->menu == NULL)
    {
      self->menu = gtk_popover_menu_new_from_model (model);
      gtk_widget_set_parent (self->menu, GTK_WIDGET (self));
      gtk_popover_set_has_arrow (GTK_POPOVER (self->menu), FALSE);
      gtk_widget_set_halign (self->menu, GTK_ALIGN_START);
    }
  else
    gtk_popover_menu_set_menu_model (GTK_POPOVER_MENU (self->menu), model);
  gtk_popover_set_pointing_to (GTK_POPOVER (self->menu),
                               &(GdkRectangle) { (int) x, (int) y, 1, 1 });
  gtk_popover_popup (GTK_POPOVER (self->menu));
}

/* Menu and Shift+F10: the menu at the focused row (or the top). */
static void
context_menu_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  VpcOutline *self = VPC_OUTLINE (widget);
  GtkWidget *focus = gtk_root_get_focus (gtk_widget_get_root (widget));
  graphene_point_t point = GRAPHENE_POINT_INIT (12, 12);

  if (focus != NULL && gtk_widget_is_ancestor (focus, widget) &&
      !gtk_widget_compute_point (focus, widget, &GRAPHENE_POINT_INIT (24, 12), &point))
    point = GRAPHENE_POINT_INIT (12, 12);
  popup_menu (self, point.x, point.y);
}

static void
pressed_cb (GtkGestureClick *gesture,
            int              n_press,
            double           x,
            double           y,
            VpcOutline      *self)
{
  GtkWidget *picked = gtk_widget_pick (GTK_WIDGET (self->list), x, y, GTK_PICK_DEFAULT);

  /* Select the row under the pointer first, unless it is already selected. */
  for (; picked != NULL && picked != GTK_WIDGET (self->list); picked = gtk_widget_get_parent (picked))
    if (GTK_IS_TREE_EXPANDER (picked))
      {
        GtkTreeListRow *row = gtk_tree_expander_get_list_row (GTK_TREE_EXPANDER (picked));
        guint position = row != NULL ? gtk_tree_list_row_get_position (row) : GTK_INVALID_LIST_POSITION;

        if (position != GTK_INVALID_LIST_POSITION &&
            !gtk_selection_model_is_selected (GTK_SELECTION_MODEL (self->selection), position))
          gtk_selection_model_select_item (GTK_SELECTION_MODEL (self->selection), position, TRUE);
        break;
      }
  {
    graphene_point_t point;

    if (!gtk_widget_compute_point (GTK_WIDGET (self->list), GTK_WIDGET (self),
                                   &GRAPHENE_POINT_INIT (x, y), &point))
      point = GRAPHENE_POINT_INIT (x, y);
    popup_menu (self, point.x, point.y);
  }
}

static void
quick_fix_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  VpcOutline *self = VPC_OUTLINE (widget);
  guint index = g_variant_get_uint32 (parameter);

  if (self->design != NULL && self->menu_findings != NULL && index < self->menu_findings->len)
    vpc_quick_fix_apply (g_ptr_array_index (self->menu_findings, index), self->design);
}

static void
inspect_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  gtk_widget_activate_action (widget, "sidebar.go-to-page", "s", "inspector");
}

/* Enter on a row (or a double click) edits it in the inspector. */
static void
activate_cb (VpcOutline *self,
             guint       position)
{
  inspect_action (GTK_WIDGET (self), NULL, NULL);
}

/* Class */

static void
vpc_outline_dispose (GObject *object)
{
  VpcOutline *self = VPC_OUTLINE (object);

  g_clear_handle_id (&self->rebuild_source, g_source_remove);
  g_clear_handle_id (&self->scroll_source, g_source_remove);
  if (self->selection != NULL)
    g_signal_handlers_disconnect_by_data (self->selection, self);
  if (self->design_signals != NULL)
    g_signal_group_set_target (self->design_signals, NULL);
  if (self->validator_signals != NULL)
    g_signal_group_set_target (self->validator_signals, NULL);
  g_clear_object (&self->design_signals);
  g_clear_object (&self->validator_signals);
  g_clear_pointer (&self->menu, gtk_widget_unparent);
  g_clear_pointer (&self->scroller, gtk_widget_unparent);
  g_clear_object (&self->selection);
  g_clear_object (&self->tree);
  g_clear_object (&self->root);
  g_clear_object (&self->design);
  g_clear_object (&self->validator);
  g_clear_pointer (&self->selected, g_strfreev);
  g_clear_pointer (&self->menu_findings, g_ptr_array_unref);
  G_OBJECT_CLASS (vpc_outline_parent_class)->dispose (object);
}

static void
vpc_outline_class_init (VpcOutlineClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = vpc_outline_dispose;
  widget_class->map = vpc_outline_map;

  gtk_widget_class_install_action (widget_class, "outline.context-menu", NULL,
                                   context_menu_action);
  gtk_widget_class_install_action (widget_class, "outline.quick-fix", "u", quick_fix_action);
  gtk_widget_class_install_action (widget_class, "outline.inspect", NULL, inspect_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Menu, 0, "outline.context-menu",
                                       NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_F10, GDK_SHIFT_MASK,
                                       "outline.context-menu", NULL);
  /* The menu shows the last key bound to an action: Delete, not KP Delete. */
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Delete, 0, "win.canvas-action",
                                       "s", "canvas.delete");
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Delete, 0, "win.canvas-action",
                                       "s", "canvas.delete");
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_F2, 0, "sidebar.edit-field", "s",
                                       "name");
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "outline");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
}

static void
vpc_outline_init (VpcOutline *self)
{
  GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();
  GtkGesture *click = gtk_gesture_click_new ();

  self->root = g_list_store_new (VPC_TYPE_OUTLINE_NODE);
  self->tree = gtk_tree_list_model_new (G_LIST_MODEL (g_object_ref (self->root)), FALSE, TRUE,
                                        create_children, NULL, NULL);
  self->selection = gtk_multi_selection_new (G_LIST_MODEL (g_object_ref (self->tree)));
  g_signal_connect_swapped (self->selection, "selection-changed",
                            G_CALLBACK (selection_changed_cb), self);

  g_signal_connect (factory, "setup", G_CALLBACK (setup_row_cb), self);
  g_signal_connect (factory, "bind", G_CALLBACK (bind_row_cb), self);
  self->list = GTK_LIST_VIEW (gtk_list_view_new (
      GTK_SELECTION_MODEL (g_object_ref (self->selection)), factory));
  gtk_widget_add_css_class (GTK_WIDGET (self->list), "navigation-sidebar");
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->list), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Design outline"), -1);
  g_signal_connect_swapped (self->list, "activate", G_CALLBACK (activate_cb), self);

  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (click), GDK_BUTTON_SECONDARY);
  g_signal_connect (click, "pressed", G_CALLBACK (pressed_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self->list), GTK_EVENT_CONTROLLER (click));

  self->scroller = gtk_scrolled_window_new ();
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (self->scroller), GTK_POLICY_NEVER,
                                  GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (self->scroller), GTK_WIDGET (self->list));
  gtk_widget_set_parent (self->scroller, GTK_WIDGET (self));

  self->design_signals = g_signal_group_new (VPC_TYPE_DESIGN);
  g_signal_group_connect_swapped (self->design_signals, "changed",
                                  G_CALLBACK (design_changed_cb), self);
  g_signal_group_connect_swapped (self->design_signals, "info-changed",
                                  G_CALLBACK (design_changed_cb), self);
  self->validator_signals = g_signal_group_new (VPC_TYPE_VALIDATOR);
  g_signal_group_connect_swapped (self->validator_signals, "items-changed",
                                  G_CALLBACK (mark_stale), self);
}

GtkWidget *
vpc_outline_new (void)
{
  return g_object_new (VPC_TYPE_OUTLINE, NULL);
}

void
vpc_outline_set_design (VpcOutline   *self,
                        VpcDesign    *design,
                        VpcValidator *validator)
{
  g_return_if_fail (VPC_IS_OUTLINE (self));
  g_return_if_fail (design == NULL || VPC_IS_DESIGN (design));
  g_return_if_fail (validator == NULL || VPC_IS_VALIDATOR (validator));

  g_set_object (&self->design, design);
  g_set_object (&self->validator, validator);
  g_signal_group_set_target (self->design_signals, design);
  g_signal_group_set_target (self->validator_signals, validator);
  g_clear_pointer (&self->selected, g_strfreev);
  self->stale = TRUE;
  if (gtk_widget_get_mapped (GTK_WIDGET (self)))
    rebuild (self);
}

/* The same ids, in any order (the outline lists in tree order, the canvas
 * in design order). */
static gboolean
same_ids (const char *const *a,
          const char *const *b)
{
  guint n = a != NULL ? g_strv_length ((GStrv) a) : 0;

  if (n != (b != NULL ? g_strv_length ((GStrv) b) : 0))
    return FALSE;
  for (guint i = 0; i < n; i++)
    if (!g_strv_contains (b, a[i]))
      return FALSE;
  return TRUE;
}

void
vpc_outline_set_selection (VpcOutline        *self,
                           const char *const *ids)
{
  gboolean changed;

  g_return_if_fail (VPC_IS_OUTLINE (self));

  if (ids != NULL && ids[0] == NULL)
    ids = NULL;
  changed = !same_ids ((const char *const *) self->selected, ids);
  g_strfreev (self->selected);
  self->selected = ids != NULL ? g_strdupv ((GStrv) ids) : NULL;
  if (!self->stale)
    apply_selection (self, changed);
}

guint
vpc_outline_get_n_rows (VpcOutline *self)
{
  g_return_val_if_fail (VPC_IS_OUTLINE (self), 0);

  if (self->stale)
    rebuild (self);
  return g_list_model_get_n_items (G_LIST_MODEL (self->tree));
}

GtkSelectionModel *
vpc_outline_get_model (VpcOutline *self)
{
  g_return_val_if_fail (VPC_IS_OUTLINE (self), NULL);

  return GTK_SELECTION_MODEL (self->selection);
}
