/* SPDX-License-Identifier: GPL-3.0-or-later */
/* vpc-editing.c: hit testing, selection and one-step edits, in world units. */
#include "vpc-editing-private.h"

#include <math.h>

#include "vpc-geometry.h"
#include "vpc-i18n.h"

#define AZ_HEADER   VPC_GEOMETRY_AZ_HEADER
#define VPC_HEADER  VPC_GEOMETRY_VPC_HEADER
#define LABEL_H     VPC_GEOMETRY_LABEL_H
#define BORDER_PICK 6.0  /* pixels */
#define LINE_PICK   5.0  /* pixels */

static const VpcKind icon_kinds_top_first[] = {
  VPC_KIND_WORKLOAD, VPC_KIND_NAT_GATEWAY, VPC_KIND_ENDPOINT, VPC_KIND_SECURITY_GROUP,
};

gboolean
vpc_editing_get_rect (VpcDesign  *design,
                    const char *id,
                    VpcRect    *rect)
{
  const VpcElement *e;

  if (g_strcmp0 (id, VPC_CONTAINMENT_VPC_ID) == 0)
    {
      *rect = vpc_containment_vpc_rect (design);
      return TRUE;
    }
  e = id != NULL ? vpc_design_lookup (design, id) : NULL;
  if (e == NULL)
    return FALSE;
  *rect = vpc_element_rect (e);
  return TRUE;
}

void
vpc_editing_handle_point (const VpcRect *r,
                        VpcHandle      handle,
                        double        *x,
                        double        *y)
{
  static const double fx[] = { 0, .5, 1, 1, 1, .5, 0, 0 };
  static const double fy[] = { 0, 0, 0, .5, 1, 1, 1, .5 };

  g_assert (handle < VPC_N_HANDLES);
  *x = r->x + fx[handle] * r->w;
  *y = r->y + fy[handle] * r->h;
}

VpcLinkRoute *
vpc_editing_connection_route (VpcDesign        *design,
                            const VpcElement *workload,
                            const char       *subnet_id)
{
  GPtrArray *routes;
  const VpcLinkRoute *route;

  if (workload == NULL || subnet_id == NULL)
    return NULL;
  vpc_routes_get_cached (design, NULL, &routes);
  route = vpc_routes_find (routes, VPC_LINK_WORKLOAD, workload->id, subnet_id);
  return route != NULL ? vpc_link_route_copy (route) : NULL;
}

gboolean
vpc_editing_connection_line (VpcDesign        *design,
                           const VpcElement *workload,
                           const char       *subnet_id,
                           double           *x0,
                           double           *y0,
                           double           *x1,
                           double           *y1)
{
  g_autoptr(VpcLinkRoute) route = vpc_editing_connection_route (design, workload, subnet_id);
  guint k;

  if (route == NULL)
    return FALSE;
  /* The middle segment of the line as drawn. */
  k = (route->n_points - 1) / 2;
  if (k + 1 >= route->n_points)
    k = route->n_points - 2;
  *x0 = route->points[k].x;
  *y0 = route->points[k].y;
  *x1 = route->points[k + 1].x;
  *y1 = route->points[k + 1].y;
  return TRUE;
}

static gboolean
near_border (const VpcRect *r,
             double         x,
             double         y,
             double         tolerance,
             double         header)
{
  VpcRect outer
      = { r->x - tolerance, r->y - tolerance, r->w + 2 * tolerance, r->h + 2 * tolerance };
  VpcRect inner
      = { r->x + tolerance, r->y + header, r->w - 2 * tolerance, r->h - header - tolerance };

  return vpc_rect_contains (&outer, x, y) && !vpc_rect_contains (&inner, x, y);
}

static gboolean
hit_handle (VpcDesign  *design,
            const char *id,
            double      x,
            double      y,
            double      tolerance,
            VpcHit     *hit)
{
  const VpcElement *e = NULL;
  VpcRect r;

  if (g_strcmp0 (id, VPC_CONTAINMENT_VPC_ID) != 0)
    {
      e = vpc_design_lookup (design, id);
      if (e == NULL || !vpc_kind_is_box (e->kind))
        return FALSE;
    }
  if (!vpc_editing_get_rect (design, id, &r))
    return FALSE;
  for (guint h = 0; h < VPC_N_HANDLES; h++)
    {
      double hx, hy;

      vpc_editing_handle_point (&r, h, &hx, &hy);
      if (fabs (x - hx) <= tolerance && fabs (y - hy) <= tolerance)
        {
          hit->type = VPC_HIT_HANDLE;
          hit->id = e != NULL ? e->id : VPC_CONTAINMENT_VPC_ID;
          hit->handle = h;
          return TRUE;
        }
    }
  return FALSE;
}

/* A resize handle of a selected box; selections past
 * VPC_GEOMETRY_MAX_HANDLES show none. */
static gboolean
hit_selected_handle (VpcDesign  *design,
                     GHashTable *selection,
                     double      x,
                     double      y,
                     double      tolerance,
                     VpcHit     *hit)
{
  GHashTableIter iter;
  gpointer key;

  if (selection == NULL || g_hash_table_size (selection) > VPC_GEOMETRY_MAX_HANDLES)
    return FALSE;
  g_hash_table_iter_init (&iter, selection);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    if (hit_handle (design, key, x, y, tolerance, hit))
      return TRUE;
  return FALSE;
}

/* Fills @hit with @e; returns TRUE so that a step can end with it. */
static gboolean
pick_element (VpcHit           *hit,
              const VpcElement *e)
{
  hit->type = VPC_HIT_ELEMENT;
  hit->id = e->id;
  return TRUE;
}

/* An icon or its label, the topmost kind and the last drawn first. */
static gboolean
hit_icon (VpcDesign *design,
          double     x,
          double     y,
          VpcHit    *hit)
{
  for (guint k = 0; k < G_N_ELEMENTS (icon_kinds_top_first); k++)
    for (guint i = vpc_design_get_n_elements (design, icon_kinds_top_first[k]); i > 0; i--)
      {
        const VpcElement *e = vpc_design_get_element (design, icon_kinds_top_first[k], i - 1);
        VpcRect r = vpc_element_rect (e);

        r.h += LABEL_H;
        if (e->has_layout && vpc_rect_contains (&r, x, y))
          return pick_element (hit, e);
      }
  return FALSE;
}

/* Workload connections, as drawn (vpc-render-routes.h). */
static gboolean
hit_connection (VpcDesign *design,
                double     x,
                double     y,
                double     zoom,
                VpcHit    *hit)
{
  GPtrArray *routes;

  vpc_routes_get_cached (design, NULL, &routes);
  for (guint i = 0; i < routes->len; i++)
    {
      const VpcLinkRoute *route = g_ptr_array_index (routes, i);
      const VpcElement *w;

      if (route->kind != VPC_LINK_WORKLOAD ||
          vpc_link_route_distance (route, x, y) > LINE_PICK / zoom ||
          (w = vpc_design_lookup (design, route->from)) == NULL)
        continue;
      /* The design's own strings, which outlive the routes. */
      for (guint j = 0; j < w->subnets->len; j++)
        if (g_str_equal (g_ptr_array_index (w->subnets, j), route->to))
          {
            hit->type = VPC_HIT_CONNECTION;
            hit->id = w->id;
            hit->subnet = g_ptr_array_index (w->subnets, j);
            return TRUE;
          }
    }
  return FALSE;
}

/* The last drawn box of @kind under (x, y). Subnets are picked anywhere
 * inside; boxes that hold others only by their header or border, so that a
 * drag on their empty inside draws a rubber band. */
static gboolean
hit_box (VpcDesign *design,
         VpcKind    kind,
         double     x,
         double     y,
         double     border_tolerance,
         VpcHit    *hit)
{
  for (guint i = vpc_design_get_n_elements (design, kind); i > 0; i--)
    {
      const VpcElement *e = vpc_design_get_element (design, kind, i - 1);
      VpcRect r = vpc_element_rect (e);
      gboolean picked = kind == VPC_KIND_SUBNET
                            ? vpc_rect_contains (&r, x, y)
                            : near_border (&r, x, y, border_tolerance, AZ_HEADER);

      if (picked)
        return pick_element (hit, e);
    }
  return FALSE;
}

static gboolean
hit_vpc_border (VpcDesign *design,
                double     x,
                double     y,
                double     tolerance,
                VpcHit    *hit)
{
  VpcRect vpc = vpc_containment_vpc_rect (design);

  if (!near_border (&vpc, x, y, tolerance, VPC_HEADER))
    return FALSE;
  hit->type = VPC_HIT_VPC;
  hit->id = VPC_CONTAINMENT_VPC_ID;
  return TRUE;
}

/* Each step fills @hit and returns TRUE when (x, y) is on its kind of
 * thing; the first that does wins. */
VpcHit
vpc_editing_hit_test (VpcDesign  *design,
                    GHashTable *selection,
                    double      x,
                    double      y,
                    double      zoom)
{
  VpcHit hit = { VPC_HIT_NONE, NULL, NULL, 0 };
  double handle_tol = (VPC_EDITING_HANDLE_SIZE / 2 + 2) / zoom;
  double border_tol = BORDER_PICK / zoom;

  g_return_val_if_fail (VPC_IS_DESIGN (design), hit);

  if (hit_selected_handle (design, selection, x, y, handle_tol, &hit) ||
      hit_icon (design, x, y, &hit) ||
      hit_connection (design, x, y, zoom, &hit) ||
      hit_box (design, VPC_KIND_SUBNET, x, y, border_tol, &hit) ||
      hit_box (design, VPC_KIND_AZ, x, y, border_tol, &hit))
    return hit;
  hit_vpc_border (design, x, y, border_tol, &hit);
  return hit;
}

/* Selection */

GHashTable *
vpc_selection_new (void)
{
  return g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
}

void
vpc_selection_set_one (GHashTable *selection,
                       const char *id)
{
  g_hash_table_remove_all (selection);
  if (id != NULL)
    g_hash_table_add (selection, g_strdup (id));
}

void
vpc_editing_select_rect (VpcDesign     *design,
                       GHashTable    *selection,
                       const VpcRect *rect,
                       gboolean       extend)
{
  VpcRect vpc = vpc_containment_vpc_rect (design);

  if (!extend)
    g_hash_table_remove_all (selection);
  for (guint k = 0; k < VPC_N_KINDS; k++)
    for (guint i = 0; i < vpc_design_get_n_elements (design, k); i++)
      {
        const VpcElement *e = vpc_design_get_element (design, k, i);
        VpcRect r = vpc_element_rect (e);

        if (e->has_layout && vpc_rect_inside (&r, rect))
          g_hash_table_add (selection, g_strdup (e->id));
      }
  if (vpc_rect_inside (&vpc, rect))
    g_hash_table_add (selection, g_strdup (VPC_CONTAINMENT_VPC_ID));
}

void
vpc_editing_select_all (VpcDesign  *design,
                      GHashTable *selection)
{
  g_hash_table_remove_all (selection);
  for (guint k = 0; k < VPC_N_KINDS; k++)
    for (guint i = 0; i < vpc_design_get_n_elements (design, k); i++)
      g_hash_table_add (selection, g_strdup (vpc_design_get_element (design, k, i)->id));
}

void
vpc_editing_prune_selection (VpcDesign  *design,
                           GHashTable *selection)
{
  GHashTableIter iter;
  gpointer key;

  g_hash_table_iter_init (&iter, selection);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    if (g_strcmp0 (key, VPC_CONTAINMENT_VPC_ID) != 0 && vpc_design_lookup (design, key) == NULL)
      g_hash_table_iter_remove (&iter);
}

char **
vpc_editing_selected_ids (VpcDesign  *design,
                        GHashTable *selection)
{
  GPtrArray *ids = g_ptr_array_new ();

  for (guint k = 0; k < VPC_N_KINDS; k++)
    for (guint i = 0; i < vpc_design_get_n_elements (design, k); i++)
      {
        const char *id = vpc_design_get_element (design, k, i)->id;

        if (g_hash_table_contains (selection, id))
          g_ptr_array_add (ids, g_strdup (id));
      }
  g_ptr_array_add (ids, NULL);
  return (char **) g_ptr_array_free (ids, FALSE);
}

const char *
vpc_editing_next_element (VpcDesign  *design,
                        const char *id,
                        gboolean    backwards)
{
  guint total = vpc_design_get_total_elements (design);
  guint pos = 0, target;
  gboolean found = FALSE;

  if (total == 0)
    return NULL;
  for (guint k = 0; k < VPC_N_KINDS && !found && id != NULL; k++)
    for (guint i = 0; i < vpc_design_get_n_elements (design, k) && !found; i++, pos++)
      found = g_strcmp0 (vpc_design_get_element (design, k, i)->id, id) == 0;
  if (!found)
    target = backwards ? total - 1 : 0;
  else
    target = backwards ? (pos - 1 + total - 1) % total : pos % total;
  for (guint k = 0; k < VPC_N_KINDS; k++)
    {
      guint n = vpc_design_get_n_elements (design, k);
      if (target < n)
        return vpc_design_get_element (design, k, target)->id;
      target -= n;
    }
  return NULL;
}

/* Scores the element whose centre is (@x, @y) as a step from (@x0, @y0)
 * in direction (@dx, @dy): the distance along it plus twice the distance
 * across; G_MAXDOUBLE when it lies not that way. @in_cone tells whether
 * it lies within 45° of the direction. */
static double
toward_score (double    x0,
              double    y0,
              double    x,
              double    y,
              int       dx,
              int       dy,
              gboolean *in_cone)
{
  double along = (x - x0) * dx + (y - y0) * dy;
  double across = fabs ((x - x0) * dy - (y - y0) * dx);

  if (along < 0.5)
    return G_MAXDOUBLE;
  *in_cone = across <= along;
  return along + 2 * across;
}

const char *
vpc_editing_element_toward (VpcDesign  *design,
                            const char *id,
                            int         dx,
                            int         dy)
{
  const char *best = NULL;
  double best_score = G_MAXDOUBLE;
  gboolean best_in_cone = FALSE;
  double x0, y0;
  VpcRect r;

  if (id == NULL || !vpc_editing_get_rect (design, id, &r))
    return vpc_editing_next_element (design, NULL, dx + dy < 0);
  x0 = r.x + r.w / 2;
  y0 = r.y + r.h / 2;
  for (guint k = 0; k < VPC_N_KINDS; k++)
    for (guint i = 0; i < vpc_design_get_n_elements (design, k); i++)
      {
        const VpcElement *e = vpc_design_get_element (design, k, i);
        gboolean in_cone = FALSE;
        double score;

        if (g_strcmp0 (e->id, id) == 0 || !vpc_editing_get_rect (design, e->id, &r))
          continue;
        score = toward_score (x0, y0, r.x + r.w / 2, r.y + r.h / 2, dx, dy, &in_cone);
        if (score == G_MAXDOUBLE)
          continue;
        /* Within the cone first, then the nearest. */
        if ((in_cone && !best_in_cone) || (in_cone == best_in_cone && score < best_score))
          {
            best = e->id;
            best_score = score;
            best_in_cone = in_cone;
          }
      }
  /* Nothing that way: the next (Right, Down) or previous element in design
   * order, so that every element can be reached. */
  return best != NULL ? best : vpc_editing_next_element (design, id, dx + dy < 0);
}

/* Editing */

void
_vpc_tools_place_at (VpcDesign     *design,
                     const char    *id,
                     const VpcRect *rect)
{
  if (g_strcmp0 (id, VPC_CONTAINMENT_VPC_ID) == 0)
    {
      g_autoptr(VpcDesignInfo) info = vpc_design_info_copy (vpc_design_get_info (design));

      info->has_vpc_layout = TRUE;
      info->vpc_layout = *rect;
      vpc_design_set_info (design, g_steal_pointer (&info));
    }
  else
    {
      const VpcElement *e = vpc_design_lookup (design, id);
      g_autoptr(VpcElement) copy = NULL;

      if (e == NULL)
        return;
      copy = vpc_element_copy (e);
      copy->has_layout = TRUE;
      copy->layout = *rect;
      vpc_design_replace_element (design, g_steal_pointer (&copy));
    }
}

gboolean
vpc_editing_move_selection (VpcDesign  *design,
                          GHashTable *selection,
                          double      dx,
                          double      dy,
                          char      **reason)
{
  g_autoptr(GHashTable) moved = vpc_selection_new ();
  g_autoptr (GHashTable) old_subnets
      = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  GHashTableIter iter;
  gpointer key;

  if (g_hash_table_size (selection) == 0 || (dx == 0 && dy == 0))
    return TRUE;

  /* Everything moves with its container. */
  g_hash_table_iter_init (&iter, selection);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    {
      VpcRect r;

      if (!vpc_editing_get_rect (design, key, &r))
        continue;
      g_hash_table_add (moved, g_strdup (key));
      vpc_containment_collect_children (design, key, moved);
      if (g_strcmp0 (key, VPC_CONTAINMENT_VPC_ID) != 0)
        {
          const VpcElement *s = vpc_containment_subnet_at (design, r.x + r.w / 2, r.y + r.h / 2);
          if (s != NULL)
            g_hash_table_insert (old_subnets, g_strdup (key), g_strdup (s->id));
        }
    }

  vpc_design_begin (design, _("Move"));
  g_hash_table_iter_init (&iter, moved);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    {
      VpcRect r;

      if (vpc_editing_get_rect (design, key, &r))
        {
          r.x += dx;
          r.y += dy;
          _vpc_tools_place_at (design, key, &r);
        }
    }
  /* Only what the user picked changes its references; children go along. */
  g_hash_table_iter_init (&iter, selection);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    if (!vpc_containment_settle (design, key, g_hash_table_lookup (old_subnets, key), reason))
      {
        vpc_design_rollback (design);
        return FALSE;
      }
  return vpc_containment_commit (design, reason);
}

guint
vpc_editing_delete_selection (VpcDesign  *design,
                            GHashTable *selection)
{
  g_auto(GStrv) ids = vpc_editing_selected_ids (design, selection);
  guint n = g_strv_length (ids);

  if (n > 0 && !vpc_design_delete (design, (const char *const *) ids, n))
    n = 0;
  vpc_editing_prune_selection (design, selection);
  return n;
}
