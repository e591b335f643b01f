/* SPDX-License-Identifier: GPL-3.0-or-later */
/* vpc-inspector.c: every property of the selected element, editable.
 *
 * The inspector builds a form (vpc-inspector-form.c) for the selection and
 * keeps it in step with the design: after each change it re-reads the rows
 * in place, or rebuilds the form when its rows themselves must change (a
 * rule was added, the element's kind of endpoint changed, a subnet was
 * renamed). Rebuilds wait for an idle moment because a change often starts
 * inside one of the form's own signal handlers. Several selected elements
 * get one form for what they have in common (vpc-inspector-multi.c).
 */
#include "vpc-inspector.h"

#include <adwaita.h>

#include "vpc-i18n.h"
#include "vpc-inspector-private.h"

struct _VpcInspector
{
  GtkWidget         parent_instance;

  GtkImage         *kind_icon;
  GtkLabel         *title_label;
  GtkLabel         *subtitle_label;
  GtkBox           *form_box;

  VpcDesign        *design;
  GStrv             ids;  /* the selected elements, NULL when none */
  GSignalGroup     *design_signals;
  VpcInspectorForm *form;
  char             *shape;
  guint             rebuild_id;
};

G_DEFINE_FINAL_TYPE (VpcInspector, vpc_inspector, GTK_TYPE_WIDGET)

static const char *const kind_icons[] = {
  "view-grid-symbolic",                  /* AZ */
  "network-wired-symbolic",              /* subnet */
  "security-high-symbolic",              /* security group */
  "network-server-symbolic",             /* endpoint */
  "network-transmit-receive-symbolic",   /* NAT gateway */
  "system-run-symbolic",                 /* workload */
};

/* Shared rows */

static char *
get_element_name (VpcInspectorForm *form, gconstpointer target, gpointer data)
{
  return g_strdup (((const VpcElement *) target)->name);
}

static gboolean
set_element_name (
    VpcInspectorForm *form, gpointer target, const char *text, gpointer data, char **error)
{
  VpcElement *element = target;

  g_free (element->name);
  element->name = text[0] != '\0' ? g_strdup (text) : NULL;
  return TRUE;
}

/* Getters and setters shared by the forms */

/* Fixed labels (N_()): for vpc_inspector_form_add_fixed_combo(). */
const char *const vpc_inspector_routes[]
    = { N_("Private"), N_("NAT gateway"), N_("Internet gateway"), NULL };
const char *const vpc_inspector_image_access[] = { N_("Platform"), N_("Through the VPC"), NULL };

gboolean
_vpc_inspector_get_flag (gconstpointer target, gpointer data)
{
  return *(const gboolean *) G_STRUCT_MEMBER_P (target, GPOINTER_TO_SIZE (data));
}

void
_vpc_inspector_set_flag (gpointer target, gboolean value, gpointer data)
{
  *(gboolean *) G_STRUCT_MEMBER_P (target, GPOINTER_TO_SIZE (data)) = value;
}

double
_vpc_inspector_get_gb (gconstpointer target, gpointer data)
{
  return ((const VpcElement *) target)->gb_per_month;
}

void
_vpc_inspector_set_gb (gpointer target, double value, gpointer data)
{
  ((VpcElement *) target)->gb_per_month = value;
}

guint
_vpc_inspector_get_route (gconstpointer target, gpointer data)
{
  return ((const VpcElement *) target)->route;
}

void
_vpc_inspector_set_route (gpointer target, guint choice, gpointer data)
{
  ((VpcElement *) target)->route = choice;
}

double
_vpc_inspector_get_instances (gconstpointer target, gpointer data)
{
  return ((const VpcElement *) target)->instance_count;
}

void
_vpc_inspector_set_instances (gpointer target, double value, gpointer data)
{
  ((VpcElement *) target)->instance_count = (int) value;
}

guint
_vpc_inspector_get_image_access (gconstpointer target, gpointer data)
{
  return ((const VpcElement *) target)->image_access;
}

void
_vpc_inspector_set_image_access (gpointer target, guint choice, gpointer data)
{
  ((VpcElement *) target)->image_access
      = choice == 1 ? VPC_IMAGE_ACCESS_VPC : VPC_IMAGE_ACCESS_PLATFORM;
}

char **
_vpc_inspector_element_choices (VpcDesign *design,
                                VpcKind    kind)
{
  guint n = vpc_design_get_n_elements (design, kind);
  char **choices = g_new0 (char *, n + 1);

  for (guint i = 0; i < n; i++)
    choices[i] = g_strdup (vpc_element_get_display_name (vpc_design_get_element (design, kind, i)));
  return choices;
}

guint
_vpc_inspector_get_reference (gconstpointer target, gpointer data)
{
  const VpcElement *element = target;
  const char *id = element->kind == VPC_KIND_SUBNET ? element->az : element->subnet;
  int index = id != NULL ? vpc_design_index_of (vpc_inspector_form_get_design (data), id) : -1;

  return index >= 0 ? (guint) index : GTK_INVALID_LIST_POSITION;
}

void
_vpc_inspector_set_reference (gpointer target, guint choice, gpointer data)
{
  VpcElement *element = target;
  VpcDesign *design = vpc_inspector_form_get_design (data);
  VpcKind kind = element->kind == VPC_KIND_SUBNET ? VPC_KIND_AZ : VPC_KIND_SUBNET;
  char **field = element->kind == VPC_KIND_SUBNET ? &element->az : &element->subnet;

  if (choice >= vpc_design_get_n_elements (design, kind))
    return;
  g_free (*field);
  *field = g_strdup (vpc_design_get_element (design, kind, choice)->id);
}

void
_vpc_inspector_add_identity (VpcInspectorForm    *form,
                             AdwPreferencesGroup *group,
                             const VpcElement    *element)
{
  vpc_inspector_form_add_info (form, GTK_WIDGET (group), _("ID"), element->id);
  vpc_inspector_form_add_entry (form, GTK_WIDGET (group), _("Name"), get_element_name,
                                set_element_name, NULL);
}

static guint
n_selected (VpcInspector *self)
{
  return self->ids != NULL ? g_strv_length (self->ids) : 0;
}

/* The rows a form has depend on these; anything else is re-read in place. */
static void
append_shape (VpcInspector     *self,
              GString          *shape,
              const VpcElement *element)
{
  g_string_append_printf (shape, "%s|%d|%d|%d|%d|%d", element->id, element->kind,
                          element->endpoint_type, element->workload_kind, element->calls != NULL,
                          g_strcmp0 (element->service, "s3") == 0
                              || g_strcmp0 (element->service, "dynamodb") == 0);
  if (element->kind == VPC_KIND_SECURITY_GROUP)
    g_string_append_printf (shape, "|%u|%u", element->ingress->len, element->egress->len);
  if (element->kind == VPC_KIND_WORKLOAD)
    for (guint i = 0; i < vpc_workload_n_calls (element); i++)
      g_string_append_printf (shape, "|%s", vpc_workload_get_call (element, i));
  g_string_append_c (shape, '\n');
}

static char *
compute_shape (VpcInspector *self)
{
  GString *shape = g_string_new (NULL);
  const VpcKind listed[] = { VPC_KIND_AZ, VPC_KIND_SUBNET, VPC_KIND_SECURITY_GROUP };

  if (n_selected (self) == 0)
    {
      g_string_append (shape, "(design)");
      return g_string_free (shape, FALSE);
    }
  for (guint i = 0; self->ids[i] != NULL; i++)
    append_shape (self, shape, vpc_design_lookup (self->design, self->ids[i]));
  for (guint k = 0; k < G_N_ELEMENTS (listed); k++)
    for (guint i = 0; i < vpc_design_get_n_elements (self->design, listed[k]); i++)
      g_string_append_printf (
          shape, "|%s",
          vpc_element_get_display_name (vpc_design_get_element (self->design, listed[k], i)));
  return g_string_free (shape, FALSE);
}

/* "3 training jobs": @n elements of kind @k, where k counts VPC_KIND_* and
 * then VPC_N_KINDS + VPC_WORKLOAD_*. */
static char *
count_of_kind (guint k,
               guint n)
{
  switch (k)
    {
    case VPC_KIND_AZ:
      return g_strdup_printf (ngettext ("%u availability zone", "%u availability zones", n), n);
    case VPC_KIND_SUBNET:
      return g_strdup_printf (ngettext ("%u subnet", "%u subnets", n), n);
    case VPC_KIND_SECURITY_GROUP:
      return g_strdup_printf (ngettext ("%u security group", "%u security groups", n), n);
    case VPC_KIND_ENDPOINT:
      return g_strdup_printf (ngettext ("%u endpoint", "%u endpoints", n), n);
    case VPC_KIND_NAT_GATEWAY:
      return g_strdup_printf (ngettext ("%u NAT gateway", "%u NAT gateways", n), n);
    case VPC_N_KINDS + VPC_WORKLOAD_TRAINING_JOB:
      return g_strdup_printf (ngettext ("%u training job", "%u training jobs", n), n);
    case VPC_N_KINDS + VPC_WORKLOAD_PROCESSING_JOB:
      return g_strdup_printf (ngettext ("%u processing job", "%u processing jobs", n), n);
    case VPC_N_KINDS + VPC_WORKLOAD_BATCH_TRANSFORM:
      return g_strdup_printf (ngettext ("%u batch transform job", "%u batch transform jobs", n), n);
    case VPC_N_KINDS + VPC_WORKLOAD_REALTIME_ENDPOINT:
      return g_strdup_printf (ngettext ("%u real-time endpoint", "%u real-time endpoints", n), n);
    case VPC_N_KINDS + VPC_WORKLOAD_NOTEBOOK_INSTANCE:
      return g_strdup_printf (ngettext ("%u notebook instance", "%u notebook instances", n), n);
    case VPC_N_KINDS + VPC_WORKLOAD_STUDIO_DOMAIN:
      return g_strdup_printf (ngettext ("%u Studio domain", "%u Studio domains", n), n);
    case VPC_N_KINDS + VPC_WORKLOAD_CLIENT:
      return g_strdup_printf (ngettext ("%u client", "%u clients", n), n);
    default:
      return g_strdup_printf ("%u %s", n, k < VPC_N_KINDS ? vpc_kind_to_label (k) : "");
    }
}

/* "3 training jobs, 2 endpoints": what a multi-selection holds. */
static char *
describe_kinds (VpcInspector *self)
{
  guint counts[VPC_N_KINDS + VPC_N_WORKLOAD_KINDS] = { 0 };
  GString *text = g_string_new (NULL);

  for (guint i = 0; self->ids[i] != NULL; i++)
    {
      const VpcElement *e = vpc_design_lookup (self->design, self->ids[i]);

      counts[e->kind == VPC_KIND_WORKLOAD ? VPC_N_KINDS + e->workload_kind : e->kind]++;
    }
  for (guint k = 0; k < G_N_ELEMENTS (counts); k++)
    {
      g_autofree char *count = NULL;

      if (counts[k] == 0 || k == VPC_KIND_WORKLOAD)
        continue;
      count = count_of_kind (k, counts[k]);
      g_string_append_printf (text, "%s%s", text->len > 0 ? ", " : "", count);
    }
  return g_string_free (text, FALSE);
}

static void
update_header (VpcInspector *self)
{
  const VpcElement *element
      = n_selected (self) == 1 ? vpc_design_lookup (self->design, self->ids[0]) : NULL;
  g_autofree char *subtitle = NULL;
  g_autofree char *description = NULL;
  g_autofree char *title = NULL;

  if (n_selected (self) > 1)
    {
      title = g_strdup_printf (ngettext ("%u element", "%u elements", n_selected (self)),
                               n_selected (self));
      subtitle = describe_kinds (self);
      gtk_image_set_from_icon_name (self->kind_icon, "edit-select-all-symbolic");
      gtk_label_set_label (self->title_label, title);
    }
  else if (element != NULL)
    {
      subtitle = vpc_i18n_capitalize (element->kind == VPC_KIND_WORKLOAD
                                  ? vpc_workload_kind_to_label (element->workload_kind)
                                  : vpc_kind_to_label (element->kind));
      gtk_image_set_from_icon_name (self->kind_icon, kind_icons[element->kind]);
      gtk_label_set_label (self->title_label, vpc_element_get_display_name (element));
    }
  else if (self->design != NULL)
    {
      const char *name = vpc_design_get_info (self->design)->name;

      subtitle = g_strdup (_("Design and VPC"));
      gtk_image_set_from_icon_name (self->kind_icon, "document-properties-symbolic");
      gtk_label_set_label (self->title_label,
                           name != NULL && name[0] != '\0' ? name : _("Untitled design"));
    }
  else
    {
      gtk_image_set_from_icon_name (self->kind_icon, "document-properties-symbolic");
      gtk_label_set_label (self->title_label, _("No design"));
    }
  gtk_label_set_label (self->subtitle_label, subtitle != NULL ? subtitle : "");
  /* "Inspector, Training job: train" for a screen reader. */
  /* TRANSLATORS: what is selected ("Training job") and its name. */
  description = subtitle != NULL ? g_strdup_printf (_("%s: %s"), subtitle,
                                                    gtk_label_get_label (self->title_label))
                                 : g_strdup (gtk_label_get_label (self->title_label));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                  description, -1);
}

static void
clear_form (VpcInspector *self)
{
  for (GtkWidget *child;
       (child = gtk_widget_get_first_child (GTK_WIDGET (self->form_box))) != NULL;)
    gtk_box_remove (self->form_box, child);
  g_clear_pointer (&self->form, vpc_inspector_form_free);
  g_clear_pointer (&self->shape, g_free);
}

static GtkWidget *
find_row (GtkWidget  *widget,
          const char *title)
{
  if (ADW_IS_PREFERENCES_ROW (widget) &&
      g_strcmp0 (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (widget)), title) == 0)
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_row (child, title);

      if (found != NULL)
        return found;
    }
  return NULL;
}

/* The titles of the open expander rows under @widget, added to @titles. */
static void
collect_expanded (GtkWidget *widget,
                  GPtrArray *titles)
{
  if (ADW_IS_EXPANDER_ROW (widget) && adw_expander_row_get_expanded (ADW_EXPANDER_ROW (widget)))
    g_ptr_array_add (titles,
                     g_strdup (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (widget))));
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    collect_expanded (child, titles);
}

/* What a rebuilt form must give back so that a keyboard user keeps their
 * place: the open expanders and the row that had focus (a check box
 * toggled in a list of subnets can change the form's rows). */
typedef struct
{
  GPtrArray *expanded;
  char      *focused;
} FormPlace;

static void
form_place_save (VpcInspector *self,
                 FormPlace    *place)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkWidget *focus = root != NULL ? gtk_root_get_focus (root) : NULL;
  GtkWidget *row;

  place->expanded = g_ptr_array_new_with_free_func (g_free);
  place->focused = NULL;
  collect_expanded (GTK_WIDGET (self->form_box), place->expanded);
  if (focus == NULL || !gtk_widget_is_ancestor (focus, GTK_WIDGET (self->form_box)))
    return;
  row = gtk_widget_get_ancestor (focus, ADW_TYPE_PREFERENCES_ROW);
  if (row != NULL)
    place->focused = g_strdup (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)));
}

static void
form_place_restore (VpcInspector *self,
                    FormPlace    *place)
{
  for (guint i = 0; i < place->expanded->len; i++)
    {
      GtkWidget *row = find_row (GTK_WIDGET (self->form_box), place->expanded->pdata[i]);

      if (row != NULL && ADW_IS_EXPANDER_ROW (row))
        adw_expander_row_set_expanded (ADW_EXPANDER_ROW (row), TRUE);
    }
  if (place->focused != NULL)
    {
      GtkWidget *row = find_row (GTK_WIDGET (self->form_box), place->focused);

      if (row != NULL)
        gtk_widget_grab_focus (row);
    }
  g_ptr_array_unref (place->expanded);
  g_free (place->focused);
}

/* @same_selection: the form is rebuilt for the elements it showed, so the
 * open lists and the focused row carry over (not to another element's). */
static void
rebuild (VpcInspector *self,
         gboolean      same_selection)
{
  const VpcElement *element;
  FormPlace place;

  g_clear_handle_id (&self->rebuild_id, g_source_remove);
  form_place_save (self, &place);
  if (!same_selection)
    {
      g_ptr_array_set_size (place.expanded, 0);
      g_clear_pointer (&place.focused, g_free);
    }
  clear_form (self);
  update_header (self);
  if (self->design == NULL)
    {
      form_place_restore (self, &place);
      return;
    }
  self->form
      = vpc_inspector_form_new (self->design, (const char *const *) self->ids, self->form_box);
  self->shape = compute_shape (self);
  element = n_selected (self) == 1 ? vpc_design_lookup (self->design, self->ids[0]) : NULL;
  if (n_selected (self) > 1)
    _vpc_inspector_build_multi (self->form);
  else if (element == NULL)
    _vpc_inspector_build_design (self->form);
  else if (element->kind == VPC_KIND_ENDPOINT)
    _vpc_inspector_build_endpoint (self->form, element);
  else if (element->kind == VPC_KIND_WORKLOAD)
    _vpc_inspector_build_workload (self->form, element);
  else
    _vpc_inspector_build_network (self->form, element);
  vpc_inspector_form_sync (self->form);
  form_place_restore (self, &place);
}

static gboolean
rebuild_idle_cb (gpointer data)
{
  VpcInspector *self = data;

  self->rebuild_id = 0;
  rebuild (self, TRUE);
  return G_SOURCE_REMOVE;
}

/* Keeps the ids of @ids that name elements of the design, in order. */
static void
set_ids (VpcInspector      *self,
         const char *const *ids)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_auto(GStrv) kept = NULL;

  for (guint i = 0; self->design != NULL && ids != NULL && ids[i] != NULL; i++)
    if (vpc_design_lookup (self->design, ids[i]) != NULL)
      g_strv_builder_add (builder, ids[i]);
  kept = g_strv_builder_end (builder);
  g_strfreev (self->ids);
  self->ids = kept[0] != NULL ? g_steal_pointer (&kept) : NULL;
}

static void
design_changed_cb (VpcInspector *self)
{
  g_autofree char *shape = NULL;

  set_ids (self, (const char *const *) self->ids);
  shape = compute_shape (self);
  update_header (self);
  if (self->form != NULL && g_strcmp0 (shape, self->shape) == 0)
    {
      vpc_inspector_form_sync (self->form);
      return;
    }
  if (self->rebuild_id == 0)
    self->rebuild_id = g_idle_add (rebuild_idle_cb, self);
}

static void
vpc_inspector_dispose (GObject *object)
{
  VpcInspector *self = VPC_INSPECTOR (object);

  g_clear_handle_id (&self->rebuild_id, g_source_remove);
  if (self->design_signals != NULL)
    g_signal_group_set_target (self->design_signals, NULL);
  g_clear_object (&self->design_signals);
  if (self->form_box != NULL)
    clear_form (self);
  gtk_widget_dispose_template (GTK_WIDGET (self), VPC_TYPE_INSPECTOR);
  for (GtkWidget *child; (child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL;)
    gtk_widget_unparent (child);
  g_clear_object (&self->design);
  g_clear_pointer (&self->ids, g_strfreev);
  G_OBJECT_CLASS (vpc_inspector_parent_class)->dispose (object);
}

static void
vpc_inspector_class_init (VpcInspectorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = vpc_inspector_dispose;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/org/example/VpcDesigner/vpc-inspector.ui");
  gtk_widget_class_bind_template_child (widget_class, VpcInspector, kind_icon);
  gtk_widget_class_bind_template_child (widget_class, VpcInspector, title_label);
  gtk_widget_class_bind_template_child (widget_class, VpcInspector, subtitle_label);
  gtk_widget_class_bind_template_child (widget_class, VpcInspector, form_box);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "inspector");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
}

static void
vpc_inspector_init (VpcInspector *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Inspector"), -1);
  self->design_signals = g_signal_group_new (VPC_TYPE_DESIGN);
  g_signal_group_connect_swapped (self->design_signals, "changed", G_CALLBACK (design_changed_cb),
                                  self);
  g_signal_group_connect_swapped (self->design_signals, "info-changed",
                                  G_CALLBACK (design_changed_cb), self);
  update_header (self);
}

GtkWidget *
vpc_inspector_new (void)
{
  return g_object_new (VPC_TYPE_INSPECTOR, NULL);
}

void
vpc_inspector_set_selection (VpcInspector *self,
                             VpcDesign    *design,
                             const char   *id)
{
  const char *ids[] = { id, NULL };

  vpc_inspector_set_selection_ids (self, design, ids);
}

static gboolean
same_ids (const char *const *a,
          const char *const *b)
{
  if (a == NULL || b == NULL)
    return a == b;
  return g_strv_equal (a, b);
}

void
vpc_inspector_set_selection_ids (VpcInspector      *self,
                                 VpcDesign         *design,
                                 const char *const *ids)
{
  g_auto(GStrv) old = NULL;

  g_return_if_fail (VPC_IS_INSPECTOR (self));
  g_return_if_fail (design == NULL || VPC_IS_DESIGN (design));

  old = g_steal_pointer (&self->ids);
  if (g_set_object (&self->design, design))
    g_signal_group_set_target (self->design_signals, design);
  set_ids (self, ids);
  if (self->form != NULL && same_ids ((const char *const *) old, (const char *const *) self->ids))
    return;
  rebuild (self, FALSE);
  gtk_adjustment_set_value (gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (
                                gtk_widget_get_first_child (GTK_WIDGET (self)))),
                            0);
}

const char *
vpc_inspector_get_selection (VpcInspector *self)
{
  g_return_val_if_fail (VPC_IS_INSPECTOR (self), NULL);

  return self->ids != NULL ? self->ids[0] : NULL;
}

const char *const *
vpc_inspector_get_selection_ids (VpcInspector *self)
{
  g_return_val_if_fail (VPC_IS_INSPECTOR (self), NULL);

  return (const char *const *) self->ids;
}

gboolean
vpc_inspector_focus_field (VpcInspector *self,
                           const char   *field)
{
  /* The rows are found by their titles, the same translated strings the
   * forms give them. */
  const char *const name_titles[] = { _("Name"), NULL };
  const char *const placement_titles[] = { _("Availability zone"), _("Subnets"), _("Subnet"),
                                           NULL };
  const char *const *titles;

  g_return_val_if_fail (VPC_IS_INSPECTOR (self), FALSE);
  g_return_val_if_fail (field != NULL, FALSE);

  if (g_str_equal (field, "name"))
    titles = name_titles;
  else if (g_str_equal (field, "placement"))
    titles = placement_titles;
  else
    return FALSE;
  for (guint i = 0; titles[i] != NULL; i++)
    {
      GtkWidget *row = find_row (GTK_WIDGET (self->form_box), titles[i]);

      if (row == NULL)
        continue;
      if (ADW_IS_EXPANDER_ROW (row))
        adw_expander_row_set_expanded (ADW_EXPANDER_ROW (row), TRUE);
      return gtk_widget_grab_focus (row);
    }
  return FALSE;
}
