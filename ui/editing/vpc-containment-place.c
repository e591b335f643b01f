/* SPDX-License-Identifier: GPL-3.0-or-later */
/* vpc-containment-place.c: creating elements from the palette at a point. */
#include "vpc-containment.h"

#include <string.h>

#include "vpc-i18n.h"
#include "vpc-geometry.h"
#include "vpc-layout.h"

#define PAD        VPC_GEOMETRY_PAD
#define AZ_GAP     VPC_GEOMETRY_AZ_GAP
#define AZ_HEADER  VPC_GEOMETRY_AZ_HEADER
#define SUBNET_GAP VPC_GEOMETRY_SUBNET_GAP
#define SUBNET_TOP VPC_GEOMETRY_SUBNET_TOP
#define VPC_HEADER VPC_GEOMETRY_VPC_HEADER
#define ICON       VPC_GEOMETRY_ICON
#define ICON_CELL  VPC_GEOMETRY_ICON_CELL

typedef struct
{
  VpcKind         kind;
  VpcRoute        route;
  VpcWorkloadKind workload_kind;
  const char     *service;
} Item;

static gboolean
parse_item (const char *item,
            Item       *out)
{
  memset (out, 0, sizeof *out);
  if (item == NULL)
    return FALSE;
  if (strcmp (item, "az") == 0)
    out->kind = VPC_KIND_AZ;
  else if (strcmp (item, "nat") == 0)
    out->kind = VPC_KIND_NAT_GATEWAY;
  else if (strcmp (item, "sg") == 0)
    out->kind = VPC_KIND_SECURITY_GROUP;
  else if (g_str_has_prefix (item, "subnet:"))
    {
      out->kind = VPC_KIND_SUBNET;
      return vpc_route_from_string (item + strlen ("subnet:"), &out->route);
    }
  else if (g_str_has_prefix (item, "endpoint:"))
    {
      out->kind = VPC_KIND_ENDPOINT;
      out->service = item + strlen ("endpoint:");
      return vpc_service_name_is_valid (out->service);
    }
  else if (g_str_has_prefix (item, "workload:"))
    {
      out->kind = VPC_KIND_WORKLOAD;
      return vpc_workload_kind_from_string (item + strlen ("workload:"), &out->workload_kind);
    }
  else
    return FALSE;
  return TRUE;
}

gboolean
vpc_containment_item_is_valid (const char *item)
{
  Item parsed;

  return parse_item (item, &parsed);
}

gboolean
vpc_containment_item_kind (const char *item,
                           VpcKind    *kind)
{
  Item parsed;

  if (!parse_item (item, &parsed))
    return FALSE;
  *kind = parsed.kind;
  return TRUE;
}

static const char *
workload_prefix (VpcWorkloadKind kind)
{
  static const char *const prefixes[] = {
    "train", "processing", "transform", "endpoint", "notebook", "studio", "client",
  };

  return kind < G_N_ELEMENTS (prefixes) ? prefixes[kind] : "workload";
}

static char *
new_id (VpcDesign  *design,
        const Item *item)
{
  g_autofree char *prefix = NULL;

  switch (item->kind)
    {
    case VPC_KIND_AZ:
      return vpc_design_make_id (design, "az");
    case VPC_KIND_SUBNET:
      return vpc_design_make_id (design, "subnet");
    case VPC_KIND_SECURITY_GROUP:
      return vpc_design_make_id (design, "sg");
    case VPC_KIND_NAT_GATEWAY:
      return vpc_design_make_id (design, "nat");
    case VPC_KIND_ENDPOINT:
      prefix = g_strconcat ("ep-", item->service, NULL);
      g_strdelimit (prefix, ".", '-');
      return vpc_design_make_id (design, prefix);
    case VPC_KIND_WORKLOAD:
      return vpc_design_make_id (design, workload_prefix (item->workload_kind));
    case VPC_N_KINDS:
    default:
      g_assert_not_reached ();
    }
}

/* "us-east-1a", "us-east-1b", …: the first letter no AZ uses yet. */
static char *
new_az_name (VpcDesign *design)
{
  const char *region = vpc_design_get_info (design)->region;

  for (char letter = 'a'; letter <= 'z'; letter++)
    {
      g_autofree char *name = g_strdup_printf ("%s%c", region ? region : "az-", letter);
      gboolean used = FALSE;

      for (guint i = 0; i < vpc_design_get_n_elements (design, VPC_KIND_AZ) && !used; i++)
        used = g_strcmp0 (
                   vpc_element_get_display_name (vpc_design_get_element (design, VPC_KIND_AZ, i)),
                   name)
               == 0;
      if (!used)
        return g_steal_pointer (&name);
    }
  return NULL;
}

static void
set_layout (VpcElement *e,
            double      cx,
            double      cy)
{
  double w, h;

  vpc_layout_natural_size (e->kind, &w, &h);
  e->has_layout = TRUE;
  e->layout = (VpcRect) { cx - w / 2, cy - h / 2, w, h };
}

/* The first y at or below @y where @rect does not overlap a subnet of the
 * AZ (the AZ grows to fit afterwards). */
static double
below_overlaps (VpcDesign     *design,
                const char    *az_id,
                const VpcRect *rect,
                double         y)
{
  g_autoptr(GPtrArray) subnets = vpc_design_subnets_of_az (design, az_id);
  gboolean moved = TRUE;

  while (moved)
    {
      moved = FALSE;
      for (guint i = 0; i < subnets->len; i++)
        {
          VpcRect r = vpc_element_rect (g_ptr_array_index (subnets, i));

          if (y < r.y + r.h && y + rect->h > r.y &&
              rect->x < r.x + r.w && rect->x + rect->w > r.x)
            {
              y = r.y + r.h + SUBNET_GAP;
              moved = TRUE;
            }
        }
    }
  return y;
}

static const VpcElement *
existing_endpoint (VpcDesign  *design,
                   const char *service)
{
  g_autoptr(GPtrArray) found = vpc_design_endpoints_of_service (design, service);

  return found->len > 0 ? g_ptr_array_index (found, 0) : NULL;
}

/* A subnet takes a free /24 and the width of the availability zone it is
 * dropped in, moved down until it overlaps none of the zone's subnets. */
static gboolean
build_subnet (VpcDesign  *design,
              VpcElement *e,
              const Item *item,
              double      x,
              double      y,
              char      **reason)
{
  const VpcElement *az = vpc_containment_az_at (design, x, y);
  VpcRect ar;

  if (az == NULL)
    {
      *reason = g_strdup (_("Drop the subnet inside an availability zone"));
      return FALSE;
    }
  e->cidr = vpc_containment_free_cidr (design, 24);
  if (e->cidr == NULL)
    {
      *reason = g_strdup (_("The VPC's CIDR block has no free /24 left for a new subnet"));
      return FALSE;
    }
  e->az = g_strdup (az->id);
  e->route = item->route;
  ar = vpc_element_rect (az);
  e->layout.x = ar.x + PAD;
  e->layout.w = MAX (ar.w - 2 * PAD, 120);
  e->layout.y = below_overlaps (design, az->id, &e->layout,
                                MAX (e->layout.y, ar.y + AZ_HEADER));
  return TRUE;
}

static gboolean
build_nat_gateway (VpcElement       *e,
                   const VpcElement *subnet,
                   char            **reason)
{
  if (subnet == NULL)
    {
      *reason = g_strdup (_("Drop the NAT gateway into a subnet (usually a public one)"));
      return FALSE;
    }
  e->subnet = g_strdup (subnet->id);
  return TRUE;
}

/* One endpoint per service: a second one is refused, except that an
 * interface endpoint dropped on a subnet adds that subnet to the first one
 * instead (*extended). */
static gboolean
build_endpoint (VpcDesign        *design,
                VpcElement       *e,
                const Item       *item,
                const VpcElement *subnet,
                char            **extended,
                char            **reason)
{
  const VpcElement *other = existing_endpoint (design, item->service);

  g_free (e->service);
  e->service = g_strdup (item->service);
  e->endpoint_type = vpc_endpoint_default_type (item->service);
  if (other != NULL && e->endpoint_type == VPC_ENDPOINT_INTERFACE && subnet != NULL)
    {
      g_autofree char *other_id = g_strdup (other->id);

      /* @other is replaced (and freed) by the next call. */
      if (!vpc_containment_add_interface (design, other_id, subnet->id, NULL, reason))
        return FALSE;
      *extended = g_steal_pointer (&other_id);
      return FALSE;
    }
  if (other != NULL)
    {
      /* TRANSLATORS: %s are a service (s3) and the name of its endpoint. */
      *reason = g_strdup_printf (
          e->endpoint_type == VPC_ENDPOINT_INTERFACE
              ? _("The VPC already has an endpoint for %s (%s): drop it onto a "
                   "subnet to add a network interface there")
              /* TRANSLATORS: %s are a service (s3) and the name of its endpoint. */
              : _("The VPC already has an endpoint for %s (%s)"),
          item->service, vpc_element_get_display_name (other));
      return FALSE;
    }
  if (subnet != NULL && e->endpoint_type == VPC_ENDPOINT_INTERFACE)
    vpc_id_list_add (e->subnets, subnet->id);
  return TRUE;
}

/* A workload dropped inside the VPC runs in VPC mode, attached to the
 * subnet under it if any. */
static void
build_workload (VpcDesign        *design,
                VpcElement       *e,
                const Item       *item,
                const VpcElement *subnet,
                double            x,
                double            y)
{
  VpcRect vpc = vpc_containment_vpc_rect (design);

  e->workload_kind = item->workload_kind;
  e->vpc_mode = subnet != NULL || vpc_rect_contains (&vpc, x, y);
  if (subnet != NULL)
    vpc_id_list_add (e->subnets, subnet->id);
}

/* Builds the element, or refuses. May instead extend an existing endpoint
 * (then returns NULL with *extended set). */
static VpcElement *
build (VpcDesign  *design,
       const Item *item,
       double      x,
       double      y,
       char      **extended,
       char      **reason)
{
  const VpcElement *subnet = vpc_containment_subnet_at (design, x, y);
  g_autoptr(VpcElement) e = NULL;
  g_autofree char *id = new_id (design, item);
  gboolean built = TRUE;

  e = vpc_element_new (item->kind, id);
  set_layout (e, x, y);
  switch (item->kind)
    {
    case VPC_KIND_AZ:
      e->name = new_az_name (design);
      break;
    case VPC_KIND_SUBNET:
      built = build_subnet (design, e, item, x, y, reason);
      break;
    case VPC_KIND_NAT_GATEWAY:
      built = build_nat_gateway (e, subnet, reason);
      break;
    case VPC_KIND_ENDPOINT:
      built = build_endpoint (design, e, item, subnet, extended, reason);
      break;
    case VPC_KIND_WORKLOAD:
      build_workload (design, e, item, subnet, x, y);
      break;
    case VPC_KIND_SECURITY_GROUP:
    case VPC_N_KINDS:
    default:
      break;
    }
  return built ? g_steal_pointer (&e) : NULL;
}

char *
vpc_containment_place (VpcDesign  *design,
                       const char *item,
                       double      x,
                       double      y,
                       char      **reason)
{
  g_autofree char *local_reason = NULL;
  g_autofree char *extended = NULL;
  VpcElement *e;
  Item parsed;
  char *id;

  g_return_val_if_fail (VPC_IS_DESIGN (design), NULL);

  if (!parse_item (item, &parsed))
    {
      if (reason != NULL)
        *reason = g_strdup_printf (_("Unknown palette item “%s”"), item ? item : "");
      return NULL;
    }

  vpc_design_begin (design, _("Add element"));
  e = build (design, &parsed, x, y, &extended, &local_reason);
  if (e == NULL && extended == NULL)
    {
      vpc_design_rollback (design);
      if (reason != NULL)
        *reason = g_steal_pointer (&local_reason);
      return NULL;
    }
  id = extended != NULL ? g_steal_pointer (&extended) : g_strdup (e->id);
  if (e != NULL)
    {
      vpc_design_add_element (design, e, -1);
      vpc_containment_grow_parents (design, id);
    }
  if (!vpc_containment_commit (design, reason))
    g_clear_pointer (&id, g_free);
  return id;
}

/* Default points */

static void
free_slot_in_subnet (VpcDesign        *design,
                     const VpcElement *subnet,
                     double           *x,
                     double           *y)
{
  VpcRect sr = vpc_element_rect (subnet);
  g_autoptr(GHashTable) icons = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  guint capacity = MIN (vpc_geometry_subnet_capacity (&sr), 64);

  vpc_containment_collect_children (design, subnet->id, icons);
  /* The slots the automatic layout fills, in the same order. */
  for (guint slot = 0; slot < capacity; slot++)
    {
      VpcRect cell;
      GHashTableIter iter;
      gpointer key;
      gboolean taken = FALSE;

      vpc_geometry_subnet_slot (&sr, slot, &cell);
      if (cell.y + cell.h > sr.y + sr.h)
        break;
      g_hash_table_iter_init (&iter, icons);
      while (!taken && g_hash_table_iter_next (&iter, &key, NULL))
        {
          VpcRect r = vpc_element_rect (vpc_design_lookup (design, key));

          taken = vpc_rect_contains (&cell, r.x + r.w / 2, r.y + r.h / 2);
        }
      if (!taken)
        {
          *x = cell.x + cell.w / 2;
          *y = cell.y + cell.h / 2;
          return;
        }
    }
  *x = sr.x + sr.w / 2;
  *y = sr.y + sr.h / 2;
}

static gboolean
icon_near (VpcDesign *design,
           double     x,
           double     y)
{
  static const VpcKind icons[] = {
    VPC_KIND_SECURITY_GROUP, VPC_KIND_ENDPOINT, VPC_KIND_NAT_GATEWAY, VPC_KIND_WORKLOAD,
  };

  for (guint k = 0; k < G_N_ELEMENTS (icons); k++)
    for (guint i = 0; i < vpc_design_get_n_elements (design, icons[k]); i++)
      {
        VpcRect r = vpc_element_rect (vpc_design_get_element (design, icons[k], i));

        if (ABS (r.x + r.w / 2 - x) < ICON_CELL / 2 && ABS (r.y + r.h / 2 - y) < ICON_CELL / 2)
          return TRUE;
      }
  return FALSE;
}

/* Endpoints and security groups without a subnet go in rows under the
 * availability zones, inside the VPC, as the automatic layout puts them. */
static void
free_slot_below_zones (VpcDesign *design,
                       double    *x,
                       double    *y)
{
  VpcRect vpc = vpc_containment_vpc_rect (design);
  double top = vpc.y + VPC_HEADER;

  for (guint i = 0; i < vpc_design_get_n_elements (design, VPC_KIND_AZ); i++)
    {
      VpcRect r = vpc_element_rect (vpc_design_get_element (design, VPC_KIND_AZ, i));
      top = MAX (top, r.y + r.h);
    }
  for (guint slot = 0; slot < 4096; slot++)
    {
      VpcRect cell;
      double cx, cy;

      /* The row the automatic layout puts them in. */
      vpc_geometry_row_slot (vpc.x + PAD, top + PAD, vpc.w - 2 * PAD, slot, &cell);
      cx = cell.x + cell.w / 2;
      cy = cell.y + cell.h / 2;

      if (!icon_near (design, cx, cy))
        {
          *x = cx;
          *y = cy;
          return;
        }
    }
}

static const VpcElement *
pick_subnet (VpcDesign  *design,
             const char *near_id,
             VpcRoute    preferred,
             gboolean    any)
{
  const VpcElement *near = near_id ? vpc_design_lookup (design, near_id) : NULL;

  if (near != NULL && near->kind == VPC_KIND_SUBNET)
    return near;
  for (guint i = 0; i < vpc_design_get_n_elements (design, VPC_KIND_SUBNET); i++)
    {
      const VpcElement *s = vpc_design_get_element (design, VPC_KIND_SUBNET, i);
      if (s->route == preferred)
        return s;
    }
  if (any && vpc_design_get_n_elements (design, VPC_KIND_SUBNET) > 0)
    return vpc_design_get_element (design, VPC_KIND_SUBNET, 0);
  return NULL;
}

void
vpc_containment_default_point (VpcDesign  *design,
                               const char *item,
                               const char *near_id,
                               double      fallback_x,
                               double      fallback_y,
                               double     *x,
                               double     *y)
{
  const VpcElement *near = near_id ? vpc_design_lookup (design, near_id) : NULL;
  VpcRect vpc = vpc_containment_vpc_rect (design);
  double w, h;
  Item parsed;

  *x = fallback_x;
  *y = fallback_y;
  if (!parse_item (item, &parsed))
    return;
  vpc_layout_natural_size (parsed.kind, &w, &h);

  if (parsed.kind == VPC_KIND_AZ)
    {
      const VpcElement *last = NULL;

      for (guint i = 0; i < vpc_design_get_n_elements (design, VPC_KIND_AZ); i++)
        {
          const VpcElement *az = vpc_design_get_element (design, VPC_KIND_AZ, i);
          if (last == NULL || vpc_element_rect (az).x > vpc_element_rect (last).x)
            last = az;
        }
      if (last != NULL)
        {
          VpcRect r = vpc_element_rect (last);
          *x = r.x + r.w + AZ_GAP + w / 2;
          *y = r.y + h / 2;
        }
      else
        {
          *x = vpc.x + PAD + w / 2;
          *y = vpc.y + VPC_HEADER + h / 2;
        }
    }
  else if (parsed.kind == VPC_KIND_SUBNET)
    {
      const VpcElement *az = NULL;
      VpcRect ar;

      if (near != NULL && near->kind == VPC_KIND_AZ)
        az = near;
      else if (near != NULL && near->kind == VPC_KIND_SUBNET)
        az = vpc_design_lookup (design, near->az);
      else if (vpc_design_get_n_elements (design, VPC_KIND_AZ) > 0)
        az = vpc_design_get_element (design, VPC_KIND_AZ, 0);
      if (az == NULL)
        return;
      /* A point in the AZ's header: the subnet goes below the others. */
      ar = vpc_element_rect (az);
      *x = ar.x + ar.w / 2;
      *y = ar.y + AZ_HEADER / 2;
    }
  else
    {
      gboolean in_subnet
          = parsed.kind == VPC_KIND_NAT_GATEWAY || parsed.kind == VPC_KIND_WORKLOAD
            || (parsed.kind == VPC_KIND_ENDPOINT
                && vpc_endpoint_default_type (parsed.service) == VPC_ENDPOINT_INTERFACE);
      const VpcElement *subnet = NULL;

      if (in_subnet)
        subnet = pick_subnet (design, near_id,
                              parsed.kind == VPC_KIND_NAT_GATEWAY ? VPC_ROUTE_PUBLIC
                                                                  : VPC_ROUTE_PRIVATE,
                              parsed.kind == VPC_KIND_NAT_GATEWAY);
      if (subnet != NULL && (parsed.kind == VPC_KIND_NAT_GATEWAY || near == subnet))
        free_slot_in_subnet (design, subnet, x, y);
      else if (parsed.kind == VPC_KIND_ENDPOINT || parsed.kind == VPC_KIND_SECURITY_GROUP)
        free_slot_below_zones (design, x, y);
    }
}
