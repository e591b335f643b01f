/* SPDX-License-Identifier: GPL-3.0-or-later */
/* vpc-gesture.c: the pointer gesture state machine (press, motion, release).
 *
 * A drag is view state until it ends: motion only updates the tool's
 * preview (id → rectangle, read by the canvas's renderer through
 * VpcRenderOptions.overrides), and release applies the final geometry to
 * the design as one command. The design emits nothing during a drag. */
#include "vpc-editing-private.h"

#include <math.h>
#include <string.h>

#include "vpc-edit-check.h"
#include "vpc-i18n.h"

#define MIN_BOX_W 120.0
#define MIN_BOX_H 80.0
#define DRAG_THRESHOLD 3.0 /* pixels */

struct _VpcGesture
{
  VpcDesign   *design;
  GHashTable  *selection;
  double       grid;

  VpcGestureMode  mode;
  double       zoom;
  double       press_x, press_y;
  double       x, y;
  double       preview_dx, preview_dy;

  char        *primary;      /* pressed element, or the VPC key */
  VpcRect      primary_rect;
  VpcHandle    handle;
  GHashTable  *moved;        /* id -> VpcRect* at press time */
  GHashTable  *preview;      /* id -> VpcRect* where it is drawn now, or NULL */
  char        *select_one_on_click;

  char        *connect_from;
  gboolean     connect_armed;

  char        *conn_from;    /* selected connection */
  char        *conn_subnet;

  /* Would the gesture be accepted if it ended here? Asked of a copy of
   * the design once per drop target (vpc_gesture_get_drop_verdict()). */
  char        *verdict_key;
  gboolean     verdict_ok;
  char        *verdict_hint;
};

VpcGesture *
vpc_gesture_new (VpcDesign  *design,
              GHashTable *selection)
{
  VpcGesture *tool = g_new0 (VpcGesture, 1);

  tool->design = g_object_ref (design);
  tool->selection = g_hash_table_ref (selection);
  tool->zoom = 1.0;
  return tool;
}

static void
reset (VpcGesture *tool)
{
  tool->mode = VPC_GESTURE_IDLE;
  tool->preview_dx = tool->preview_dy = 0;
  g_clear_pointer (&tool->primary, g_free);
  g_clear_pointer (&tool->moved, g_hash_table_unref);
  g_clear_pointer (&tool->preview, g_hash_table_unref);
  g_clear_pointer (&tool->select_one_on_click, g_free);
  g_clear_pointer (&tool->connect_from, g_free);
  g_clear_pointer (&tool->verdict_key, g_free);
  g_clear_pointer (&tool->verdict_hint, g_free);
}

void
vpc_gesture_free (VpcGesture *tool)
{
  if (tool == NULL)
    return;
  vpc_gesture_cancel (tool);
  vpc_gesture_clear_connection (tool);
  g_clear_object (&tool->design);
  g_clear_pointer (&tool->selection, g_hash_table_unref);
  g_free (tool);
}

void
vpc_gesture_set_grid (VpcGesture *tool,
                   double   grid)
{
  tool->grid = grid > 0 ? grid : 0;
}

static double
snap (VpcGesture *tool,
      double   v)
{
  return tool->grid > 0 ? round (v / tool->grid) * tool->grid : v;
}

void
vpc_gesture_arm_connect (VpcGesture    *tool,
                      const char *from_id)
{
  g_free (tool->connect_from);
  tool->connect_from = g_strdup (from_id);
  tool->connect_armed = from_id != NULL;
}

gboolean
vpc_gesture_is_connect_armed (VpcGesture *tool)
{
  return tool->connect_armed;
}

VpcGestureMode
vpc_gesture_get_mode (VpcGesture *tool)
{
  return tool->mode;
}

const char *
vpc_gesture_get_pressed (VpcGesture *tool)
{
  return tool->primary;
}

void
vpc_gesture_clear_connection (VpcGesture *tool)
{
  g_clear_pointer (&tool->conn_from, g_free);
  g_clear_pointer (&tool->conn_subnet, g_free);
}

gboolean
vpc_gesture_get_selected_connection (VpcGesture     *tool,
                                  const char **from_id,
                                  const char **subnet_id)
{
  const VpcElement *from;

  if (tool->conn_from == NULL)
    return FALSE;
  from = vpc_design_lookup (tool->design, tool->conn_from);
  if (from == NULL || from->subnets == NULL
      || !vpc_id_list_contains (from->subnets, tool->conn_subnet))
    {
      vpc_gesture_clear_connection (tool);
      return FALSE;
    }
  if (from_id != NULL)
    *from_id = tool->conn_from;
  if (subnet_id != NULL)
    *subnet_id = tool->conn_subnet;
  return TRUE;
}

static gboolean
can_connect (const VpcElement *e)
{
  return e != NULL &&
         (e->kind == VPC_KIND_WORKLOAD || e->kind == VPC_KIND_NAT_GATEWAY ||
          (e->kind == VPC_KIND_ENDPOINT && e->endpoint_type == VPC_ENDPOINT_INTERFACE));
}

void
vpc_gesture_press (VpcGesture      *tool,
                double        x,
                double        y,
                VpcModifiers  modifiers,
                double        zoom)
{
  gboolean extend = (modifiers & (VPC_MODIFIER_SHIFT | VPC_MODIFIER_CONTROL)) != 0;
  g_autofree char *armed = NULL;
  VpcHit hit;

  if (tool->connect_armed)
    armed = g_steal_pointer (&tool->connect_from);
  tool->connect_armed = FALSE;
  vpc_gesture_cancel (tool);
  tool->zoom = zoom > 0 ? zoom : 1.0;
  tool->press_x = tool->x = x;
  tool->press_y = tool->y = y;

  if (armed != NULL && vpc_design_lookup (tool->design, armed) != NULL)
    {
      tool->mode = VPC_GESTURE_CONNECT;
      tool->connect_from = g_steal_pointer (&armed);
      return;
    }

  hit = vpc_editing_hit_test (tool->design, tool->selection, x, y, tool->zoom);
  if (hit.type != VPC_HIT_CONNECTION)
    vpc_gesture_clear_connection (tool);

  switch (hit.type)
    {
    case VPC_HIT_HANDLE:
      tool->mode = VPC_GESTURE_RESIZE;
      tool->primary = g_strdup (hit.id);
      tool->handle = hit.handle;
      vpc_editing_get_rect (tool->design, hit.id, &tool->primary_rect);
      break;

    case VPC_HIT_CONNECTION:
      g_hash_table_remove_all (tool->selection);
      g_free (tool->conn_from);
      g_free (tool->conn_subnet);
      tool->conn_from = g_strdup (hit.id);
      tool->conn_subnet = g_strdup (hit.subnet);
      break;

    case VPC_HIT_ELEMENT:
    case VPC_HIT_VPC:
      if ((modifiers & VPC_MODIFIER_ALT) && can_connect (vpc_design_lookup (tool->design, hit.id)))
        {
          tool->mode = VPC_GESTURE_CONNECT;
          tool->connect_from = g_strdup (hit.id);
          vpc_selection_set_one (tool->selection, hit.id);
          break;
        }
      if (extend && g_hash_table_contains (tool->selection, hit.id))
        {
          g_hash_table_remove (tool->selection, hit.id);
          break;
        }
      if (extend)
        g_hash_table_add (tool->selection, g_strdup (hit.id));
      else if (!g_hash_table_contains (tool->selection, hit.id))
        vpc_selection_set_one (tool->selection, hit.id);
      else
        tool->select_one_on_click = g_strdup (hit.id);
      tool->mode = VPC_GESTURE_PRESSED;
      tool->primary = g_strdup (hit.id);
      vpc_editing_get_rect (tool->design, hit.id, &tool->primary_rect);
      break;

    case VPC_HIT_NONE:
    default:
      if (!extend)
        g_hash_table_remove_all (tool->selection);
      tool->mode = VPC_GESTURE_RUBBER_BAND;
      break;
    }
}

static GHashTable *
rect_table_new (void)
{
  return g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
}

static void
start_move (VpcGesture *tool)
{
  g_autoptr(GHashTable) ids = vpc_selection_new ();
  GHashTableIter iter;
  gpointer key;

  g_hash_table_iter_init (&iter, tool->selection);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    {
      g_hash_table_add (ids, g_strdup (key));
      vpc_containment_collect_children (tool->design, key, ids);
    }
  tool->moved = rect_table_new ();
  tool->preview = rect_table_new ();
  g_hash_table_iter_init (&iter, ids);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    {
      VpcRect r;

      if (vpc_editing_get_rect (tool->design, key, &r))
        {
          g_hash_table_insert (tool->moved, g_strdup (key), g_memdup2 (&r, sizeof r));
          g_hash_table_insert (tool->preview, g_strdup (key), g_memdup2 (&r, sizeof r));
        }
    }
  tool->mode = VPC_GESTURE_MOVE;
}

/* The move delta, snapped so that the pressed box lands on the grid. */
static void
move_delta (VpcGesture *tool,
            double  *dx,
            double  *dy)
{
  *dx = snap (tool, tool->primary_rect.x + tool->x - tool->press_x) - tool->primary_rect.x;
  *dy = snap (tool, tool->primary_rect.y + tool->y - tool->press_y) - tool->primary_rect.y;
}

/* Displaces the preview rectangles; the design is not touched. */
static void
preview_move (VpcGesture *tool)
{
  GHashTableIter iter;
  gpointer key, value;
  double dx, dy;

  move_delta (tool, &dx, &dy);
  if (dx == tool->preview_dx && dy == tool->preview_dy)
    return;
  tool->preview_dx = dx;
  tool->preview_dy = dy;
  g_hash_table_iter_init (&iter, tool->moved);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      const VpcRect *from = value;
      VpcRect *to = g_hash_table_lookup (tool->preview, key);

      to->x = from->x + dx;
      to->y = from->y + dy;
    }
}

static VpcRect
resized_rect (VpcGesture *tool)
{
  VpcRect o = tool->primary_rect;
  double left = o.x, top = o.y, right = o.x + o.w, bottom = o.y + o.h;
  double dx = tool->x - tool->press_x, dy = tool->y - tool->press_y;
  VpcHandle h = tool->handle;

  if (h == VPC_HANDLE_NW || h == VPC_HANDLE_W || h == VPC_HANDLE_SW)
    left = MIN (snap (tool, left + dx), right - MIN_BOX_W);
  if (h == VPC_HANDLE_NE || h == VPC_HANDLE_E || h == VPC_HANDLE_SE)
    right = MAX (snap (tool, right + dx), left + MIN_BOX_W);
  if (h == VPC_HANDLE_NW || h == VPC_HANDLE_N || h == VPC_HANDLE_NE)
    top = MIN (snap (tool, top + dy), bottom - MIN_BOX_H);
  if (h == VPC_HANDLE_SW || h == VPC_HANDLE_S || h == VPC_HANDLE_SE)
    bottom = MAX (snap (tool, bottom + dy), top + MIN_BOX_H);
  return (VpcRect) { left, top, right - left, bottom - top };
}

void
vpc_gesture_motion (VpcGesture      *tool,
                 double        x,
                 double        y,
                 VpcModifiers  modifiers)
{
  VpcRect r;

  tool->x = x;
  tool->y = y;
  switch (tool->mode)
    {
    case VPC_GESTURE_PRESSED:
      if (hypot (x - tool->press_x, y - tool->press_y) * tool->zoom < DRAG_THRESHOLD)
        return;
      start_move (tool);
      preview_move (tool);
      break;
    case VPC_GESTURE_MOVE:
      preview_move (tool);
      break;
    case VPC_GESTURE_RESIZE:
      r = resized_rect (tool);
      if (tool->preview == NULL)
        tool->preview = rect_table_new ();
      g_hash_table_insert (tool->preview, g_strdup (tool->primary), g_memdup2 (&r, sizeof r));
      break;
    case VPC_GESTURE_IDLE:
    case VPC_GESTURE_RUBBER_BAND:
    case VPC_GESTURE_CONNECT:
    default:
      break;
    }
}

gboolean
vpc_gesture_get_rubber_band (VpcGesture *tool,
                          VpcRect *rect)
{
  if (tool->mode != VPC_GESTURE_RUBBER_BAND)
    return FALSE;
  rect->x = MIN (tool->press_x, tool->x);
  rect->y = MIN (tool->press_y, tool->y);
  rect->w = fabs (tool->x - tool->press_x);
  rect->h = fabs (tool->y - tool->press_y);
  return TRUE;
}

gboolean
vpc_gesture_get_connect_line (VpcGesture *tool,
                           double  *x0,
                           double  *y0,
                           double  *x1,
                           double  *y1)
{
  VpcRect r;

  if (tool->mode != VPC_GESTURE_CONNECT || !vpc_editing_get_rect (tool->design, tool->connect_from, &r))
    return FALSE;
  *x0 = r.x + r.w / 2;
  *y0 = r.y + r.h / 2;
  *x1 = tool->x;
  *y1 = tool->y;
  return TRUE;
}

static gboolean
finish_connect (VpcGesture *tool,
                char   **reason)
{
  const VpcElement *subnet = vpc_containment_subnet_at (tool->design, tool->x, tool->y);

  if (subnet == NULL)
    {
      /* Releasing on the element itself (a click) is not an error. */
      if (hypot (tool->x - tool->press_x, tool->y - tool->press_y) * tool->zoom < DRAG_THRESHOLD)
        return TRUE;
      if (reason != NULL)
        *reason = g_strdup (_("Release the line over a subnet to connect"));
      return FALSE;
    }
  return vpc_editing_connect (tool->design, tool->connect_from, subnet->id, reason);
}

gboolean
vpc_editing_connect (VpcDesign  *design,
                     const char *from_id,
                     const char *subnet_id,
                     char      **reason)
{
  g_autofree char *local = NULL;

  vpc_design_begin (design, _("Connect"));
  if (!vpc_containment_connect (design, from_id, subnet_id, &local))
    {
      vpc_design_rollback (design);
      if (reason != NULL)
        *reason = g_steal_pointer (&local);
      return FALSE;
    }
  return vpc_containment_commit (design, reason);
}

typedef struct
{
  const char *from;
  const char *subnet;
} ConnectAttempt;

static gboolean
try_connect_to (VpcDesign *design,
                gpointer   data,
                char     **reason)
{
  ConnectAttempt *attempt = data;

  return vpc_containment_connect (design, attempt->from, attempt->subnet, reason);
}

/* Connected there already: nothing to offer. */
static gboolean
already_connected (const VpcElement *from,
                   const char       *subnet_id)
{
  if (from->kind == VPC_KIND_NAT_GATEWAY)
    return g_strcmp0 (from->subnet, subnet_id) == 0;
  if (from->kind == VPC_KIND_WORKLOAD && !from->vpc_mode)
    return FALSE;
  return from->subnets != NULL && vpc_id_list_contains (from->subnets, subnet_id);
}

GPtrArray *
vpc_editing_connect_targets (VpcDesign  *design,
                             const char *from_id)
{
  const VpcElement *from = vpc_design_lookup (design, from_id);
  GPtrArray *out = g_ptr_array_new ();

  if (!can_connect (from))
    return out;
  for (guint i = 0; i < vpc_design_get_n_elements (design, VPC_KIND_SUBNET); i++)
    {
      const VpcElement *subnet = vpc_design_get_element (design, VPC_KIND_SUBNET, i);
      ConnectAttempt attempt = { from_id, subnet->id };

      if (already_connected (from, subnet->id))
        continue;
      if (vpc_design_check_edit (design, _("Connect"), try_connect_to, &attempt, NULL))
        g_ptr_array_add (out, (gpointer) subnet);
    }
  return out;
}

gboolean
vpc_gesture_release (VpcGesture      *tool,
                  double        x,
                  double        y,
                  VpcModifiers  modifiers,
                  char        **reason)
{
  gboolean ok = TRUE;
  double dx, dy;
  VpcRect r;

  vpc_gesture_motion (tool, x, y, modifiers);
  switch (tool->mode)
    {
    case VPC_GESTURE_PRESSED:
      if (tool->select_one_on_click != NULL)
        vpc_selection_set_one (tool->selection, tool->select_one_on_click);
      break;
    case VPC_GESTURE_MOVE:
      /* The one command of the gesture, with the containment effects. */
      move_delta (tool, &dx, &dy);
      ok = vpc_editing_move_selection (tool->design, tool->selection, dx, dy, reason);
      break;
    case VPC_GESTURE_RESIZE:
      r = resized_rect (tool);
      if (memcmp (&r, &tool->primary_rect, sizeof r) != 0)
        {
          vpc_design_begin (tool->design, _("Resize"));
          _vpc_tools_place_at (tool->design, tool->primary, &r);
          vpc_containment_grow_parents (tool->design, tool->primary);
          ok = vpc_containment_commit (tool->design, reason);
        }
      break;
    case VPC_GESTURE_RUBBER_BAND:
      vpc_gesture_get_rubber_band (tool, &r);
      if (r.w > 0 || r.h > 0)
        vpc_editing_select_rect (tool->design, tool->selection, &r,
                               (modifiers & (VPC_MODIFIER_SHIFT | VPC_MODIFIER_CONTROL)) != 0);
      break;
    case VPC_GESTURE_CONNECT:
      ok = finish_connect (tool, reason);
      break;
    case VPC_GESTURE_IDLE:
    default:
      break;
    }
  reset (tool);
  return ok;
}

void
vpc_gesture_cancel (VpcGesture *tool)
{
  reset (tool);
}

GHashTable *
vpc_gesture_get_preview (VpcGesture *tool)
{
  if ((tool->mode != VPC_GESTURE_MOVE && tool->mode != VPC_GESTURE_RESIZE) || tool->preview == NULL)
    return NULL;
  if (tool->mode == VPC_GESTURE_MOVE && tool->preview_dx == 0 && tool->preview_dy == 0)
    return NULL;
  return tool->preview;
}

gboolean
vpc_gesture_get_rect (VpcGesture    *tool,
                   const char *id,
                   VpcRect    *rect)
{
  GHashTable *preview = vpc_gesture_get_preview (tool);
  const VpcRect *r = preview != NULL && id != NULL ? g_hash_table_lookup (preview, id) : NULL;

  if (r == NULL)
    return vpc_editing_get_rect (tool->design, id, rect);
  *rect = *r;
  return TRUE;
}

/* The box that would take the dragged element (or the connection) if the
 * gesture ended here: the AZ under a moved subnet's centre, the subnet under
 * a moved icon's centre or under the end of a connection line. */
const char *
vpc_gesture_get_drop_target (VpcGesture *tool)
{
  const VpcElement *e, *target = NULL;
  VpcRect r;

  if (tool->mode == VPC_GESTURE_CONNECT)
    {
      target = vpc_containment_subnet_at (tool->design, tool->x, tool->y);
      return target != NULL ? target->id : NULL;
    }
  if (tool->mode != VPC_GESTURE_MOVE || vpc_gesture_get_preview (tool) == NULL ||
      (e = vpc_design_lookup (tool->design, tool->primary)) == NULL ||
      !vpc_gesture_get_rect (tool, tool->primary, &r))
    return NULL;
  if (e->kind == VPC_KIND_SUBNET)
    target = vpc_containment_az_at (tool->design, r.x + r.w / 2, r.y + r.h / 2);
  else if (e->kind == VPC_KIND_WORKLOAD || e->kind == VPC_KIND_NAT_GATEWAY ||
           (e->kind == VPC_KIND_ENDPOINT && e->endpoint_type == VPC_ENDPOINT_INTERFACE))
    target = vpc_containment_subnet_at (tool->design, r.x + r.w / 2, r.y + r.h / 2);
  return target != NULL ? target->id : NULL;
}

typedef struct
{
  VpcGesture *tool;
  double   dx, dy;
  char    *subnet;
} Attempt;

static gboolean
try_move (VpcDesign *design,
          gpointer   data,
          char     **reason)
{
  Attempt *attempt = data;

  return vpc_editing_move_selection (design, attempt->tool->selection, attempt->dx, attempt->dy,
                                   reason);
}

static gboolean
try_connect (VpcDesign *design,
             gpointer   data,
             char     **reason)
{
  Attempt *attempt = data;

  return vpc_containment_connect (design, attempt->tool->connect_from, attempt->subnet, reason);
}

gboolean
vpc_gesture_get_drop_verdict (VpcGesture     *tool,
                           const char **hint)
{
  const char *target = vpc_gesture_get_drop_target (tool);
  g_autofree char *key = NULL;
  g_autofree char *reason = NULL;
  Attempt attempt = { tool, 0, 0, (char *) target };

  if (hint != NULL)
    *hint = NULL;
  move_delta (tool, &attempt.dx, &attempt.dy);
  /* A move is judged where it would end: the same target at another
   * place can grow a container past the format's limits. */
  if (tool->mode == VPC_GESTURE_MOVE && vpc_gesture_get_preview (tool) != NULL)
    key = g_strdup_printf ("move %s %.17g %.17g", target != NULL ? target : "", attempt.dx,
                           attempt.dy);
  else if (tool->mode == VPC_GESTURE_CONNECT && target != NULL)
    key = g_strdup_printf ("connect %s", target);
  else
    return TRUE;
  if (g_strcmp0 (key, tool->verdict_key) != 0)
    {
      tool->verdict_ok = vpc_design_check_edit (
          tool->design, tool->mode == VPC_GESTURE_MOVE ? _("Move") : _("Connect"),
          tool->mode == VPC_GESTURE_MOVE ? try_move : try_connect, &attempt, &reason);
      g_free (tool->verdict_hint);
      tool->verdict_hint = tool->verdict_ok ? NULL : vpc_containment_drop_hint (reason);
      g_free (tool->verdict_key);
      tool->verdict_key = g_steal_pointer (&key);
    }
  if (hint != NULL)
    *hint = tool->verdict_hint;
  return tool->verdict_ok;
}

gboolean
vpc_gesture_delete (VpcGesture *tool)
{
  const char *from, *subnet;

  if (vpc_gesture_get_selected_connection (tool, &from, &subnet))
    {
      g_autofree char *f = g_strdup (from);
      g_autofree char *s = g_strdup (subnet);

      gboolean done;

      vpc_design_begin (tool->design, _("Disconnect"));
      vpc_containment_disconnect (tool->design, f, s);
      done = vpc_design_commit (tool->design);
      vpc_gesture_clear_connection (tool);
      return done;
    }
  return vpc_editing_delete_selection (tool->design, tool->selection) > 0;
}
