/* SPDX-License-Identifier: GPL-3.0-or-later */
/* vpc-canvas-path.c: the path from a workload to a service drawn over the
 * canvas (vpc-render-path.h), the "Trace Path" menu that picks it and the
 * popover that explains it.
 *
 * The trace is view state, never saved: recomputed after every change of
 * the design (and of its rule profile), cleared when its workload goes or
 * with Escape. The popover at the path's end lists, per subnet, the way
 * out, the symptom when there is none, and the findings that stand in the
 * way, each a button that shows its element. */
#include "vpc-canvas-private.h"

#include <math.h>

#include "vpc-i18n.h"
#include "vpc-needs.h"
#include "vpc-render-path.h"
#include "vpc-rule-catalogue.h"

struct _VpcCanvasPath
{
  char            *workload;
  char            *service;
  VpcTrace        *trace;
  VpcDesign       *design;        /* the canvas's; signals connected while a trace is shown */
  gulong           changed_handler;
  gulong           info_handler;
  VpcPathGeometry *geometry;      /* as last drawn */
  GtkWidget       *details;       /* GtkPopover */
  GtkWidget       *menu;          /* GtkPopoverMenu */
  gboolean         popup_pending; /* open the details after the next draw */
  gboolean         reveal;        /* and scroll the path into view first */
  guint            popup_idle;
};

static VpcCanvasPath *
path_of (VpcCanvas *self)
{
  if (self->path == NULL)
    self->path = g_new0 (VpcCanvasPath, 1);
  return self->path;
}

static const VpcElement *
workload_of (VpcCanvas  *self,
             const char *id)
{
  const VpcElement *e
      = self->design != NULL && id != NULL ? vpc_design_lookup (self->design, id) : NULL;

  return e != NULL && e->kind == VPC_KIND_WORKLOAD ? e : NULL;
}

/* The one selected element when it is a workload. */
static const VpcElement *
selected_workload (VpcCanvas *self)
{
  return workload_of (self, _vpc_canvas_single_selected (self));
}

/* The workload the menu traces from: the selected one, else the one whose
 * path is shown. */
static const VpcElement *
menu_workload (VpcCanvas *self)
{
  const VpcElement *e = selected_workload (self);

  if (e == NULL && self->path != NULL)
    e = workload_of (self, self->path->workload);
  return e;
}

void
_vpc_canvas_path_update_actions (VpcCanvas *self)
{
  GtkWidget *widget = GTK_WIDGET (self);
  gboolean shown = self->path != NULL && self->path->trace != NULL;

  gtk_widget_action_set_enabled (widget, "canvas.trace-menu", menu_workload (self) != NULL);
  gtk_widget_action_set_enabled (widget, "canvas.trace-path", menu_workload (self) != NULL);
  gtk_widget_action_set_enabled (widget, "canvas.clear-path", shown);
  gtk_widget_action_set_enabled (widget, "canvas.path-details", shown);
}

/* --- the details popover ------------------------------------------------ */

static GtkWidget *
label_new (const char *text,
           const char *css_class)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_max_width_chars (GTK_LABEL (label), 52);
  if (css_class != NULL)
    gtk_widget_add_css_class (label, css_class);
  return label;
}

static const char *
name_of (VpcDesign  *design,
         const char *id)
{
  const VpcElement *e = id != NULL ? vpc_design_lookup (design, id) : NULL;

  return e != NULL ? vpc_element_get_display_name (e) : id;
}

/* Which of @endpoint's network interfaces serves @subnet (domain.md §1:
 * any of them, the one in the same AZ best). */
static char *
interface_text (VpcDesign        *design,
                const VpcElement *endpoint,
                const VpcElement *subnet)
{
  const VpcElement *same_az = NULL;

  for (guint i = 0; endpoint->subnets != NULL && i < endpoint->subnets->len; i++)
    {
      const VpcElement *other
          = vpc_design_lookup (design, g_ptr_array_index (endpoint->subnets, i));

      if (other == NULL)
        continue;
      if (other == subnet)
        return g_strdup (_("its network interface in this subnet"));
      if (same_az == NULL && g_strcmp0 (other->az, subnet->az) == 0)
        same_az = other;
    }
  if (same_az != NULL)
    return g_strdup_printf (_("its network interface in %s, in the same availability zone"),
                            vpc_element_get_display_name (same_az));
  return g_strdup (_("a network interface in another availability zone"));
}

/* The way out of the subnet, in words. */
static char *
way_text (VpcDesign          *design,
          const VpcTrace     *trace,
          const VpcTracePath *path)
{
  const char *first = path->through->len > 0 ? g_ptr_array_index (path->through, 0) : NULL;
  const VpcElement *through = first != NULL ? vpc_design_lookup (design, first) : NULL;
  const VpcElement *subnet = vpc_design_lookup (design, path->subnet);
  const VpcElement *workload = vpc_design_lookup (design, trace->workload);
  g_autofree char *where = NULL;

  switch (path->via)
    {
    case VPC_VIA_INTERFACE_ENDPOINT:
      if (through == NULL || subnet == NULL)
        break;
      where = interface_text (design, through, subnet);
      return g_strdup_printf (_("Through interface endpoint %s, %s"),
                              vpc_element_get_display_name (through), where);
    case VPC_VIA_GATEWAY_ENDPOINT:
      return g_strdup_printf (_("Through gateway endpoint %s, on this subnet’s route table"),
                              name_of (design, first));
    case VPC_VIA_NAT:
      return g_strdup_printf (
          _("Over the internet, through this subnet’s NAT route to NAT gateway %s"),
          name_of (design, first));
    case VPC_VIA_INTERNET:
      if (workload != NULL && workload->workload_kind == VPC_WORKLOAD_NOTEBOOK_INSTANCE)
        return g_strdup (_("Over the internet, through the notebook’s direct internet access"));
      return g_strdup (_("Over the internet, through this subnet’s public route"));
    case VPC_VIA_PLATFORM:
      return g_strdup (_("Through SageMaker’s own network: the workload runs outside the VPC"));
    case VPC_VIA_NONE:
    default:
      break;
    }
  return g_strdup_printf (_("No way out: no endpoint for %s, no gateway route, no internet path"),
                          trace->service);
}

static char *
summary_text (const VpcTrace *trace)
{
  guint broken = 0, problems = 0;

  if (trace->via == VPC_VIA_PLATFORM)
    return g_strdup (_("Reachable: the workload runs outside the VPC"));
  for (guint i = 0; i < trace->paths->len; i++)
    {
      const VpcTracePath *path = g_ptr_array_index (trace->paths, i);

      broken += !path->reachable;
      problems += path->problems->len;
    }
  if (broken > 0)
    return g_strdup_printf (ngettext ("Not reachable from %u of its %u subnet",
                                      "Not reachable from %u of its %u subnets", trace->paths->len),
                            broken, trace->paths->len);
  if (problems > 0)
    return g_strdup (_("Reachable from every subnet, but findings stand in the way"));
  return g_strdup (_("Reachable from every subnet"));
}

static const char *
verdict_class (VpcPathVerdict verdict)
{
  static const char *const classes[] = { "success", "warning", "error" };

  return classes[verdict];
}

static GtkWidget *
finding_button (VpcDesign  *design,
                VpcFinding *finding)
{
  const char *id = vpc_trace_problem_element (finding);
  g_autofree char *text = g_strdup_printf ("%s · %s", vpc_finding_get_rule_id (finding),
                                           vpc_finding_get_title (finding));
  g_autofree char *description = NULL;
  GtkWidget *button = gtk_button_new ();
  GtkWidget *label = label_new (text, NULL);

  gtk_button_set_child (GTK_BUTTON (button), label);
  gtk_widget_add_css_class (button, "flat");
  gtk_widget_set_tooltip_text (button, vpc_finding_get_message (finding));
  if (id != NULL && vpc_design_lookup (design, id) != NULL)
    {
      gtk_actionable_set_action_name (GTK_ACTIONABLE (button), "canvas.show-element");
      gtk_actionable_set_action_target (GTK_ACTIONABLE (button), "s", id);
      description = g_strdup_printf (_("Shows %s on the canvas"), name_of (design, id));
      gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                      description, -1);
    }
  return button;
}

static GtkWidget *
path_box (VpcCanvas          *self,
          const VpcTrace     *trace,
          const VpcTracePath *path)
{
  static const char *const signs[] = { "✓", "⚠", "✗" };
  VpcPathVerdict verdict = vpc_path_verdict (path);
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 3);
  g_autofree char *heading = g_strdup_printf ("%s %s · %s", signs[verdict],
                                              name_of (self->design, path->subnet),
                                              name_of (self->design, path->az));
  g_autofree char *way = way_text (self->design, trace, path);
  GtkWidget *title = label_new (heading, "heading");

  gtk_widget_add_css_class (title, verdict_class (verdict));
  gtk_box_append (GTK_BOX (box), title);
  gtk_box_append (GTK_BOX (box), label_new (way, NULL));
  if (path->symptom != NULL)
    {
      g_autofree char *symptom = g_strdup_printf (_("What fails: %s"), path->symptom);

      gtk_box_append (GTK_BOX (box), label_new (symptom, "dim-label"));
    }
  if (path->problems->len > 0)
    gtk_box_append (GTK_BOX (box), label_new (_("In the way:"), "caption-heading"));
  for (guint i = 0; i < path->problems->len; i++)
    gtk_box_append (GTK_BOX (box),
                    finding_button (self->design, g_ptr_array_index (path->problems, i)));
  return box;
}

static GtkWidget *
details_content (VpcCanvas *self)
{
  const VpcTrace *trace = self->path->trace;
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  GtkWidget *head = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  GtkWidget *scroller, *list = gtk_box_new (GTK_ORIENTATION_VERTICAL, 14), *clear;
  g_autofree char *title = g_strdup_printf (_("%s → %s"), name_of (self->design, trace->workload),
                                            trace->service);
  g_autofree char *summary = summary_text (trace);

  gtk_widget_set_margin_start (box, 6);
  gtk_widget_set_margin_end (box, 6);
  gtk_widget_set_margin_top (box, 6);
  gtk_widget_set_margin_bottom (box, 6);
  gtk_box_append (GTK_BOX (head), label_new (title, "title-4"));
  gtk_box_append (GTK_BOX (head), label_new (summary, trace->reachable ? NULL : "error"));
  if (!trace->needed)
    gtk_box_append (GTK_BOX (head),
                    label_new (_("The workload does not need this service."), "dim-label"));
  gtk_box_append (GTK_BOX (box), head);

  for (guint i = 0; i < trace->paths->len; i++)
    gtk_box_append (GTK_BOX (list), path_box (self, trace, g_ptr_array_index (trace->paths, i)));
  if (trace->paths->len > 0)
    {
      scroller = gtk_scrolled_window_new ();
      gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scroller), GTK_POLICY_NEVER,
                                      GTK_POLICY_AUTOMATIC);
      gtk_scrolled_window_set_propagate_natural_height (GTK_SCROLLED_WINDOW (scroller), TRUE);
      gtk_scrolled_window_set_max_content_height (GTK_SCROLLED_WINDOW (scroller), 420);
      gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scroller), list);
      gtk_box_append (GTK_BOX (box), scroller);
    }

  clear = gtk_button_new_with_mnemonic (_("_Clear Path"));
  gtk_widget_set_halign (clear, GTK_ALIGN_END);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (clear), "canvas.clear-path");
  gtk_box_append (GTK_BOX (box), clear);
  return box;
}

static void
refresh_details (VpcCanvas *self)
{
  VpcCanvasPath *p = self->path;
  g_autofree char *label = NULL;

  if (p == NULL || p->details == NULL || p->trace == NULL)
    return;
  gtk_popover_set_child (GTK_POPOVER (p->details), details_content (self));
  label = g_strdup_printf (_("Path from %s to %s"), name_of (self->design, p->trace->workload),
                           p->trace->service);
  gtk_accessible_update_property (GTK_ACCESSIBLE (p->details), GTK_ACCESSIBLE_PROPERTY_LABEL, label,
                                  -1);
}

/* Where the popover points: the whole path (in widget coordinates), from
 * the side with the most room, so that it hides as little of it as it
 * can. */
static GtkPositionType
anchor (VpcCanvas    *self,
        GdkRectangle *rect)
{
  VpcCanvasPath *p = self->path;
  double         w = gtk_widget_get_width (GTK_WIDGET (self)),
         h = gtk_widget_get_height (GTK_WIDGET (self));
  double x0, y0, x1, y1, room[4];
  GtkPositionType best = GTK_POS_BOTTOM;
  VpcRect r;

  if (p->geometry == NULL || !vpc_path_geometry_bounds (p->geometry, &r))
    {
      *rect = (GdkRectangle) { (int) (w / 2), (int) (h / 2), 1, 1 };
      return best;
    }
  vpc_viewport_world_to_widget (self->viewport, r.x, r.y, &x0, &y0);
  vpc_viewport_world_to_widget (self->viewport, r.x + r.w, r.y + r.h, &x1, &y1);
  x0 = CLAMP (x0, 0, w - 1), x1 = CLAMP (x1, x0 + 1, w);
  y0 = CLAMP (y0, 0, h - 1), y1 = CLAMP (y1, y0 + 1, h);
  *rect = (GdkRectangle) { (int) floor (x0), (int) floor (y0),
                           (int) ceil (x1 - x0), (int) ceil (y1 - y0) };
  /* A popover is taller than wide: height counts double. */
  room[GTK_POS_LEFT] = x0;
  room[GTK_POS_RIGHT] = w - x1;
  room[GTK_POS_TOP] = 2 * y0;
  room[GTK_POS_BOTTOM] = 2 * (h - y1);
  for (GtkPositionType pos = GTK_POS_LEFT; pos <= GTK_POS_BOTTOM; pos++)
    if (room[pos] > room[best])
      best = pos;
  return best;
}

static void
details_closed_cb (VpcCanvas *self)
{
  if (gtk_widget_get_root (GTK_WIDGET (self)) != NULL)
    gtk_widget_grab_focus (GTK_WIDGET (self));
}

static void
popup_details (VpcCanvas *self)
{
  VpcCanvasPath *p = self->path;
  GdkRectangle rect;
  GtkPositionType position = anchor (self, &rect);

  if (p->trace == NULL)
    return;
  if (p->details == NULL)
    {
      p->details = gtk_popover_new ();
      gtk_widget_set_name (p->details, "path-details");
      gtk_widget_set_parent (p->details, GTK_WIDGET (self));
      g_signal_connect_object (p->details, "closed", G_CALLBACK (details_closed_cb), self,
                               G_CONNECT_SWAPPED);
    }
  refresh_details (self);
  gtk_popover_set_position (GTK_POPOVER (p->details), position);
  gtk_popover_set_pointing_to (GTK_POPOVER (p->details), &rect);
  gtk_popover_popup (GTK_POPOVER (p->details));
}

/* The ids the path goes through, for scrolling it into view. */
static GStrv
path_ids (const VpcTrace *trace)
{
  GStrvBuilder *builder = g_strv_builder_new ();
  GStrv ids;

  g_strv_builder_add (builder, trace->workload);
  for (guint i = 0; i < trace->paths->len; i++)
    {
      const VpcTracePath *path = g_ptr_array_index (trace->paths, i);

      g_strv_builder_add (builder, path->subnet);
      for (guint k = 0; k < path->through->len; k++)
        g_strv_builder_add (builder, g_ptr_array_index (path->through, k));
    }
  ids = g_strv_builder_end (builder);
  g_strv_builder_unref (builder);
  return ids;
}

static gboolean
visible (VpcCanvas *self)
{
  VpcRect r;
  double x0, y0, x1, y1;

  if (self->path->geometry == NULL || !vpc_path_geometry_bounds (self->path->geometry, &r))
    return TRUE;
  vpc_viewport_world_to_widget (self->viewport, r.x, r.y, &x0, &y0);
  vpc_viewport_world_to_widget (self->viewport, r.x + r.w, r.y + r.h, &x1, &y1);
  return x0 >= 0 && y0 >= 0 && x1 <= gtk_widget_get_width (GTK_WIDGET (self)) &&
         y1 <= gtk_widget_get_height (GTK_WIDGET (self));
}

static gboolean
popup_idle_cb (gpointer data)
{
  VpcCanvas *self = data;
  VpcCanvasPath *p = self->path;

  p->popup_idle = 0;
  if (p->trace == NULL)
    return G_SOURCE_REMOVE;
  if (p->reveal && !visible (self))
    {
      g_auto(GStrv) ids = path_ids (p->trace);

      /* Open the popover once the path is drawn where it is scrolled to. */
      p->reveal = FALSE;
      p->popup_pending = TRUE;
      vpc_canvas_centre_on (self, (const char *const *) ids);
      gtk_widget_queue_draw (GTK_WIDGET (self));
      return G_SOURCE_REMOVE;
    }
  p->reveal = FALSE;
  popup_details (self);
  return G_SOURCE_REMOVE;
}

/* --- drawing and input -------------------------------------------------- */

void
_vpc_canvas_path_draw (VpcCanvas              *self,
                       cairo_t                *cr,
                       const VpcRenderOptions *options)
{
  VpcCanvasPath *p = self->path;

  if (p == NULL || p->trace == NULL || self->design == NULL)
    return;
  g_clear_pointer (&p->geometry, vpc_path_geometry_free);
  p->geometry = vpc_render_path_geometry (self->design, options, p->trace);
  vpc_render_path (cr, self->design, options, p->geometry);
  /* A popover cannot be opened while the frame is drawn. */
  if (p->popup_pending && p->popup_idle == 0)
    {
      p->popup_pending = FALSE;
      p->popup_idle = g_idle_add (popup_idle_cb, self);
    }
}

void
_vpc_canvas_path_allocate (VpcCanvas *self)
{
  VpcCanvasPath *p = self->path;

  if (p == NULL)
    return;
  if (p->details != NULL)
    gtk_popover_present (GTK_POPOVER (p->details));
  if (p->menu != NULL)
    gtk_popover_present (GTK_POPOVER (p->menu));
}

gboolean
_vpc_canvas_path_press (VpcCanvas *self,
                        double     x,
                        double     y)
{
  VpcCanvasPath *p = self->path;
  const VpcElement *e;
  const char *hit;

  if (p == NULL || p->trace == NULL || self->design == NULL)
    return FALSE;
  /* The end badge opens the details. */
  if (p->geometry != NULL && vpc_path_geometry_hit_end (p->geometry, x, y) >= 0)
    {
      popup_details (self);
      return TRUE;
    }
  /* An endpoint of another service: its path instead. */
  hit = vpc_render_hit_test (self->design, x, y);
  e = hit != NULL ? vpc_design_lookup (self->design, hit) : NULL;
  if (e != NULL && e->kind == VPC_KIND_ENDPOINT && e->service != NULL &&
      g_strcmp0 (e->service, p->service) != 0)
    {
      g_autofree char *workload = g_strdup (p->workload);

      vpc_canvas_set_trace (self, workload, e->service);
    }
  return FALSE;
}

/* --- the trace ---------------------------------------------------------- */

static void
disconnect (VpcCanvasPath *p)
{
  if (p->design == NULL)
    return;
  g_clear_signal_handler (&p->changed_handler, p->design);
  g_clear_signal_handler (&p->info_handler, p->design);
  p->design = NULL;
}

/* After an edit: the same workload and service traced again, or nothing
 * when the workload is gone. */
static void
recompute (VpcCanvas *self)
{
  VpcCanvasPath *p = self->path;
  const VpcElement *workload = workload_of (self, p->workload);

  if (workload == NULL)
    {
      vpc_canvas_set_trace (self, NULL, NULL);
      return;
    }
  g_clear_pointer (&p->trace, vpc_trace_free);
  p->trace = vpc_trace_new (self->design, vpc_design_get_info (self->design)->profile,
                            p->workload, p->service);
  if (p->details != NULL && gtk_widget_get_visible (p->details))
    refresh_details (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

void
vpc_canvas_set_trace (VpcCanvas  *self,
                      const char *workload,
                      const char *service)
{
  VpcCanvasPath *p;

  g_return_if_fail (VPC_IS_CANVAS (self));
  g_return_if_fail ((workload == NULL) == (service == NULL));

  p = path_of (self);
  if (workload == NULL || workload_of (self, workload) == NULL
      || !vpc_service_name_is_valid (service))
    {
      gboolean had = p->trace != NULL;

      disconnect (p);
      g_clear_pointer (&p->workload, g_free);
      g_clear_pointer (&p->service, g_free);
      g_clear_pointer (&p->trace, vpc_trace_free);
      g_clear_pointer (&p->geometry, vpc_path_geometry_free);
      g_clear_handle_id (&p->popup_idle, g_source_remove);
      p->popup_pending = p->reveal = FALSE;
      if (p->details != NULL)
        gtk_popover_popdown (GTK_POPOVER (p->details));
      if (had)
        gtk_widget_queue_draw (GTK_WIDGET (self));
      _vpc_canvas_path_update_actions (self);
      return;
    }
  if (p->design != self->design)
    {
      disconnect (p);
      p->design = self->design;
      p->changed_handler
          = g_signal_connect_swapped (p->design, "changed", G_CALLBACK (recompute), self);
      p->info_handler
          = g_signal_connect_swapped (p->design, "info-changed", G_CALLBACK (recompute), self);
    }
  if (p->workload != workload)
    {
      g_free (p->workload);
      p->workload = g_strdup (workload);
    }
  if (p->service != service)
    {
      g_free (p->service);
      p->service = g_strdup (service);
    }
  recompute (self);
  _vpc_canvas_path_update_actions (self);
}

const VpcTrace *
vpc_canvas_get_trace (VpcCanvas *self)
{
  g_return_val_if_fail (VPC_IS_CANVAS (self), NULL);

  return self->path != NULL ? self->path->trace : NULL;
}

void
vpc_canvas_show_trace_details (VpcCanvas *self)
{
  VpcCanvasPath *p;

  g_return_if_fail (VPC_IS_CANVAS (self));

  p = path_of (self);
  if (p->trace == NULL)
    return;
  /* After the next draw, where the path's end is known. */
  p->popup_pending = TRUE;
  p->reveal = TRUE;
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

void
_vpc_canvas_path_dispose (VpcCanvas *self)
{
  VpcCanvasPath *p = self->path;

  if (p == NULL)
    return;
  disconnect (p);
  g_clear_handle_id (&p->popup_idle, g_source_remove);
  g_clear_pointer (&p->details, gtk_widget_unparent);
  g_clear_pointer (&p->menu, gtk_widget_unparent);
  g_clear_pointer (&p->geometry, vpc_path_geometry_free);
  g_clear_pointer (&p->trace, vpc_trace_free);
  g_free (p->workload);
  g_free (p->service);
  g_clear_pointer (&self->path, g_free);
}

/* --- the menu and the actions ------------------------------------------- */

static void
append_service (GMenu      *menu,
                const char *service)
{
  g_autoptr(GMenuItem) item = g_menu_item_new (service, NULL);

  g_menu_item_set_action_and_target (item, "canvas.trace-path", "s", service);
  g_menu_append_item (menu, item);
}

/* What the workload needs, then every other service, then the path shown. */
static GMenuModel *
trace_menu_model (VpcCanvas        *self,
                  const VpcElement *workload)
{
  GMenu *menu = g_menu_new ();
  g_autoptr(GMenu) needed = g_menu_new ();
  g_autoptr(GMenu) others = g_menu_new ();
  g_autoptr(GMenu) others_section = g_menu_new ();
  g_autoptr (GPtrArray) needs
      = vpc_needs_compute (workload, vpc_design_get_info (self->design)->profile);
  g_autoptr(GPtrArray) rest = g_ptr_array_new ();
  g_autofree char *heading
      = g_strdup_printf (_("Trace %s To"), vpc_element_get_display_name (workload));
  guint n_endpoints = vpc_design_get_n_elements (self->design, VPC_KIND_ENDPOINT);

  for (guint i = 0; i < needs->len; i++)
    append_service (needed, g_ptr_array_index (needs, i));
  for (guint i = 0; vpc_service_nth (i) != NULL; i++)
    if (!vpc_needs_contains (needs, vpc_service_nth (i)))
      g_ptr_array_add (rest, (gpointer) vpc_service_nth (i));
  for (guint i = 0; i < n_endpoints; i++)
    {
      const char *service = vpc_design_get_element (self->design, VPC_KIND_ENDPOINT, i)->service;

      if (service != NULL && !vpc_needs_contains (needs, service) &&
          !g_ptr_array_find_with_equal_func (rest, service, g_str_equal, NULL))
        g_ptr_array_add (rest, (gpointer) service);
    }
  for (guint i = 0; i < rest->len; i++)
    append_service (others, g_ptr_array_index (rest, i));

  g_menu_append_section (menu, heading, G_MENU_MODEL (needed));
  g_menu_append_submenu (others_section, _("_Other Services"), G_MENU_MODEL (others));
  g_menu_append_section (menu, NULL, G_MENU_MODEL (others_section));
  if (self->path != NULL && self->path->trace != NULL)
    {
      g_autoptr(GMenu) shown = g_menu_new ();
      g_autoptr(GMenuItem) clear = g_menu_item_new (_("_Clear Path"), "canvas.clear-path");

      g_menu_append (shown, _("Path _Details…"), "canvas.path-details");
      g_menu_item_set_attribute (clear, "accel", "s", "Escape");
      g_menu_append_item (shown, clear);
      g_menu_append_section (menu, NULL, G_MENU_MODEL (shown));
    }
  return G_MENU_MODEL (menu);
}

static void
trace_menu_cb (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  VpcCanvas *self = VPC_CANVAS (widget);
  VpcCanvasPath *p = path_of (self);
  const VpcElement *workload = menu_workload (self);
  g_autoptr(GMenuModel) model = NULL;
  GdkRectangle rect
      = { gtk_widget_get_width (widget) / 2, gtk_widget_get_height (widget) / 2, 1, 1 };
  VpcRect r;

  if (workload == NULL)
    return;
  model = trace_menu_model (self, workload);
  if (p->menu == NULL)
    {
      p->menu = gtk_popover_menu_new_from_model (model);
      gtk_widget_set_name (p->menu, "trace-menu");
      gtk_widget_set_parent (p->menu, widget);
      g_signal_connect_object (p->menu, "closed", G_CALLBACK (details_closed_cb), self,
                               G_CONNECT_SWAPPED);
    }
  else
    gtk_popover_menu_set_menu_model (GTK_POPOVER_MENU (p->menu), model);
  /* Under the workload's icon. */
  if (vpc_editing_get_rect (self->design, workload->id, &r))
    {
      double x0, y0, x1, y1;

      vpc_viewport_world_to_widget (self->viewport, r.x, r.y, &x0, &y0);
      vpc_viewport_world_to_widget (self->viewport, r.x + r.w, r.y + r.h, &x1, &y1);
      x0 = CLAMP (x0, 0, gtk_widget_get_width (widget) - 1);
      y0 = CLAMP (y0, 0, gtk_widget_get_height (widget) - 1);
      rect = (GdkRectangle){ (int) x0, (int) y0,
                             MAX (1, (int) (MIN (x1, gtk_widget_get_width (widget)) - x0)),
                             MAX (1, (int) (MIN (y1, gtk_widget_get_height (widget)) - y0)) };
    }
  gtk_popover_set_pointing_to (GTK_POPOVER (p->menu), &rect);
  gtk_popover_popup (GTK_POPOVER (p->menu));
}

static void
trace_path_cb (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  VpcCanvas *self = VPC_CANVAS (widget);
  const VpcElement *workload = menu_workload (self);
  g_autofree char *id = NULL;

  if (workload == NULL)
    return;
  id = g_strdup (workload->id);
  vpc_canvas_set_trace (self, id, g_variant_get_string (parameter, NULL));
  vpc_canvas_show_trace_details (self);
}

static void
clear_path_cb (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  vpc_canvas_set_trace (VPC_CANVAS (widget), NULL, NULL);
}

static void
path_details_cb (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  VpcCanvas *self = VPC_CANVAS (widget);

  if (self->path != NULL && self->path->trace != NULL)
    popup_details (self);
}

/* A finding's button in the details: select its element and show it. */
static void
show_element_cb (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  VpcCanvas *self = VPC_CANVAS (widget);
  const char *ids[] = { g_variant_get_string (parameter, NULL), NULL };

  if (self->design == NULL || vpc_design_lookup (self->design, ids[0]) == NULL)
    return;
  if (self->path != NULL && self->path->details != NULL)
    gtk_popover_popdown (GTK_POPOVER (self->path->details));
  vpc_canvas_select (self, ids);
  vpc_canvas_centre_on (self, ids);
}

void
_vpc_canvas_path_class_init (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "canvas.trace-menu", NULL, trace_menu_cb);
  gtk_widget_class_install_action (widget_class, "canvas.trace-path", "s", trace_path_cb);
  gtk_widget_class_install_action (widget_class, "canvas.clear-path", NULL, clear_path_cb);
  gtk_widget_class_install_action (widget_class, "canvas.path-details", NULL, path_details_cb);
  gtk_widget_class_install_action (widget_class, "canvas.show-element", "s", show_element_cb);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_t, GDK_CONTROL_MASK,
                                       "canvas.trace-menu", NULL);
  /* Before Escape's "select nothing", which it takes over while a path is
   * shown (a disabled action lets the key go on to the next binding). */
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "canvas.clear-path", NULL);
}
