/* SPDX-License-Identifier: GPL-3.0-or-later */
/* vpc-containment.c: nesting rules for moves, drops and connections. */
#include "vpc-containment.h"

#include <string.h>

#include "vpc-cidr.h"
#include "vpc-i18n.h"
#include "vpc-geometry.h"
#include "vpc-layout.h"

#define PAD        VPC_GEOMETRY_PAD
#define AZ_HEADER  VPC_GEOMETRY_AZ_HEADER
#define SUBNET_TOP VPC_GEOMETRY_SUBNET_TOP
#define VPC_HEADER VPC_GEOMETRY_VPC_HEADER

/* Geometry */

VpcRect
vpc_element_rect (const VpcElement *element)
{
  VpcRect r = { 0, 0, 0, 0 };

  if (element->has_layout)
    r = element->layout;
  else
    vpc_layout_natural_size (element->kind, &r.w, &r.h);
  if (!(r.w > 0) || !(r.h > 0))
    vpc_layout_natural_size (element->kind, &r.w, &r.h);
  return r;
}

gboolean
vpc_rect_contains (const VpcRect *rect,
                   double         x,
                   double         y)
{
  return x >= rect->x && y >= rect->y && x <= rect->x + rect->w && y <= rect->y + rect->h;
}

gboolean
vpc_rect_inside (const VpcRect *inner,
                 const VpcRect *outer)
{
  return inner->x >= outer->x && inner->y >= outer->y &&
         inner->x + inner->w <= outer->x + outer->w &&
         inner->y + inner->h <= outer->y + outer->h;
}

static void
rect_center (const VpcRect *r,
             double        *x,
             double        *y)
{
  *x = r->x + r->w / 2;
  *y = r->y + r->h / 2;
}

VpcRect
vpc_containment_vpc_rect (VpcDesign *design)
{
  const VpcDesignInfo *info = vpc_design_get_info (design);

  if (info->has_vpc_layout && info->vpc_layout.w > 0 && info->vpc_layout.h > 0)
    return info->vpc_layout;
  return (VpcRect) { 0, 0, 1200, 800 };
}

gboolean
vpc_kind_is_box (VpcKind kind)
{
  return kind == VPC_KIND_AZ || kind == VPC_KIND_SUBNET;
}

static const VpcElement *
box_at (VpcDesign *design,
        VpcKind    kind,
        double     x,
        double     y)
{
  /* Later elements are drawn on top. */
  for (guint i = vpc_design_get_n_elements (design, kind); i > 0; i--)
    {
      const VpcElement *e = vpc_design_get_element (design, kind, i - 1);
      VpcRect r = vpc_element_rect (e);

      if (vpc_rect_contains (&r, x, y))
        return e;
    }
  return NULL;
}

const VpcElement *
vpc_containment_az_at (VpcDesign *design,
                       double     x,
                       double     y)
{
  return box_at (design, VPC_KIND_AZ, x, y);
}

const VpcElement *
vpc_containment_subnet_at (VpcDesign *design,
                           double     x,
                           double     y)
{
  return box_at (design, VPC_KIND_SUBNET, x, y);
}

static void
collect_icons_in (VpcDesign     *design,
                  const VpcRect *box,
                  GHashTable    *out)
{
  static const VpcKind icons[] = {
    VPC_KIND_SECURITY_GROUP, VPC_KIND_ENDPOINT, VPC_KIND_NAT_GATEWAY, VPC_KIND_WORKLOAD,
  };

  for (guint k = 0; k < G_N_ELEMENTS (icons); k++)
    for (guint i = 0; i < vpc_design_get_n_elements (design, icons[k]); i++)
      {
        const VpcElement *e = vpc_design_get_element (design, icons[k], i);
        VpcRect r = vpc_element_rect (e);
        double cx, cy;

        rect_center (&r, &cx, &cy);
        if (e->has_layout && vpc_rect_contains (box, cx, cy))
          g_hash_table_add (out, g_strdup (e->id));
      }
}

GHashTable *
vpc_containment_collect_children (VpcDesign  *design,
                                  const char *id,
                                  GHashTable *out)
{
  const VpcElement *e;

  if (g_strcmp0 (id, VPC_CONTAINMENT_VPC_ID) == 0)
    {
      VpcRect vpc = vpc_containment_vpc_rect (design);

      for (guint k = 0; k < VPC_N_KINDS; k++)
        for (guint i = 0; i < vpc_design_get_n_elements (design, k); i++)
          {
            const VpcElement *c = vpc_design_get_element (design, k, i);
            VpcRect r = vpc_element_rect (c);
            double cx, cy;

            rect_center (&r, &cx, &cy);
            if (c->has_layout && vpc_rect_contains (&vpc, cx, cy))
              g_hash_table_add (out, g_strdup (c->id));
          }
      return out;
    }

  e = vpc_design_lookup (design, id);
  if (e == NULL)
    return out;
  if (e->kind == VPC_KIND_AZ)
    {
      g_autoptr(GPtrArray) subnets = vpc_design_subnets_of_az (design, e->id);
      VpcRect r = vpc_element_rect (e);

      for (guint i = 0; i < subnets->len; i++)
        {
          const VpcElement *s = g_ptr_array_index (subnets, i);
          VpcRect sr = vpc_element_rect (s);

          g_hash_table_add (out, g_strdup (s->id));
          collect_icons_in (design, &sr, out);
        }
      collect_icons_in (design, &r, out);
    }
  else if (e->kind == VPC_KIND_SUBNET)
    {
      VpcRect r = vpc_element_rect (e);

      collect_icons_in (design, &r, out);
    }
  return out;
}

/* Editing helpers */

static VpcElement *
copy_of (VpcDesign  *design,
         const char *id)
{
  const VpcElement *e = vpc_design_lookup (design, id);

  return e != NULL ? vpc_element_copy (e) : NULL;
}

gboolean
vpc_containment_refused (VpcDesign  *design,
                         char      **reason)
{
  if (reason != NULL && *reason == NULL)
    *reason = g_strdup (vpc_design_get_last_refusal (design));
  return FALSE;
}

gboolean
vpc_containment_replace (VpcDesign  *design,
                         VpcElement *element,
                         char      **reason)
{
  return vpc_design_replace_element (design, element) || vpc_containment_refused (design, reason);
}

gboolean
vpc_containment_commit (VpcDesign  *design,
                        char      **reason)
{
  return vpc_design_commit (design) || vpc_containment_refused (design, reason);
}

gboolean
vpc_containment_add_interface (VpcDesign  *design,
                               const char *endpoint_id,
                               const char *subnet_id,
                               const char *replaces,
                               char      **reason)
{
  const VpcElement *endpoint = vpc_design_lookup (design, endpoint_id);
  const VpcElement *subnet = vpc_design_lookup (design, subnet_id);
  VpcElement *copy;

  g_return_val_if_fail (endpoint != NULL && endpoint->kind == VPC_KIND_ENDPOINT, FALSE);
  g_return_val_if_fail (subnet != NULL && subnet->kind == VPC_KIND_SUBNET, FALSE);

  if (endpoint->endpoint_type != VPC_ENDPOINT_INTERFACE)
    {
      if (reason != NULL)
        *reason = g_strdup_printf (_("%s is a gateway endpoint: it has no network interfaces"),
                                   vpc_element_get_display_name (endpoint));
      return FALSE;
    }
  if (vpc_id_list_contains (endpoint->subnets, subnet_id))
    return TRUE;
  /* A second interface in one AZ is for the design's guard to refuse. */
  copy = vpc_element_copy (endpoint);
  if (replaces != NULL)
    vpc_id_list_remove (copy->subnets, replaces);
  vpc_id_list_add (copy->subnets, subnet_id);
  return vpc_containment_replace (design, copy, reason);
}

gboolean
vpc_containment_connect (VpcDesign  *design,
                         const char *from_id,
                         const char *subnet_id,
                         char      **reason)
{
  const VpcElement *from = vpc_design_lookup (design, from_id);
  const VpcElement *subnet = vpc_design_lookup (design, subnet_id);
  VpcElement *copy;

  if (from == NULL || subnet == NULL || subnet->kind != VPC_KIND_SUBNET)
    {
      if (reason != NULL)
        *reason = g_strdup (_("Connect to a subnet"));
      return FALSE;
    }
  if (from->kind == VPC_KIND_ENDPOINT)
    return vpc_containment_add_interface (design, from_id, subnet_id, NULL, reason);
  if (from->kind == VPC_KIND_NAT_GATEWAY)
    {
      copy = vpc_element_copy (from);
      g_free (copy->subnet);
      copy->subnet = g_strdup (subnet_id);
      return vpc_containment_replace (design, copy, reason);
    }
  if (from->kind != VPC_KIND_WORKLOAD)
    {
      if (reason != NULL)
        *reason = g_strdup (_("Only workloads, endpoints and NAT gateways connect to subnets"));
      return FALSE;
    }
  if (from->vpc_mode && vpc_id_list_contains (from->subnets, subnet_id) &&
      (from->workload_kind != VPC_WORKLOAD_NOTEBOOK_INSTANCE || from->subnets->len == 1))
    return TRUE;
  copy = vpc_element_copy (from);
  copy->vpc_mode = TRUE;
  if (copy->workload_kind == VPC_WORKLOAD_NOTEBOOK_INSTANCE)
    g_ptr_array_set_size (copy->subnets, 0);
  vpc_id_list_add (copy->subnets, subnet_id);
  return vpc_containment_replace (design, copy, reason);
}

void
vpc_containment_disconnect (VpcDesign  *design,
                            const char *from_id,
                            const char *subnet_id)
{
  g_autoptr(VpcElement) copy = copy_of (design, from_id);

  if (copy == NULL || copy->subnets == NULL || !vpc_id_list_remove (copy->subnets, subnet_id))
    return;
  vpc_design_replace_element (design, g_steal_pointer (&copy));
}

/* Growing parents */

static gboolean
grow_rect (VpcRect       *outer,
           const VpcRect *inner,
           double         pad,
           double         header)
{
  VpcRect old = *outer;
  double right;
  double bottom;

  if (vpc_rect_inside (inner, outer))
    return FALSE;
  right = MAX (outer->x + outer->w, inner->x + inner->w + pad);
  bottom = MAX (outer->y + outer->h, inner->y + inner->h + pad);

  outer->x = MIN (outer->x, inner->x - pad);
  outer->y = MIN (outer->y, inner->y - header);
  outer->w = right - outer->x;
  outer->h = bottom - outer->y;
  return memcmp (&old, outer, sizeof old) != 0;
}

static void
grow_vpc (VpcDesign     *design,
          const VpcRect *inner)
{
  const VpcDesignInfo *info = vpc_design_get_info (design);
  VpcRect vpc = vpc_containment_vpc_rect (design);
  g_autoptr(VpcDesignInfo) copy = NULL;

  if (!grow_rect (&vpc, inner, PAD, VPC_HEADER) && info->has_vpc_layout)
    return;
  copy = vpc_design_info_copy (info);
  copy->has_vpc_layout = TRUE;
  copy->vpc_layout = vpc;
  vpc_design_set_info (design, g_steal_pointer (&copy));
}

void
vpc_containment_grow_parents (VpcDesign  *design,
                              const char *id)
{
  const VpcElement *e = vpc_design_lookup (design, id);
  VpcRect r;

  if (e == NULL)
    return;
  r = vpc_element_rect (e);
  if (e->kind == VPC_KIND_SUBNET)
    {
      const VpcElement *az = vpc_design_lookup (design, e->az);
      g_autoptr(VpcElement) copy = NULL;
      VpcRect ar;

      if (az == NULL)
        return;
      ar = vpc_element_rect (az);
      if (grow_rect (&ar, &r, PAD, AZ_HEADER))
        {
          copy = vpc_element_copy (az);
          copy->has_layout = TRUE;
          copy->layout = ar;
          vpc_design_replace_element (design, g_steal_pointer (&copy));
        }
      grow_vpc (design, &ar);
    }
  else if (e->kind == VPC_KIND_AZ || e->kind == VPC_KIND_ENDPOINT ||
           e->kind == VPC_KIND_SECURITY_GROUP)
    grow_vpc (design, &r);  /* these always belong to the VPC */
}

/* Settling after a move */

static const VpcElement *
subnet_under_center (VpcDesign        *design,
                     const VpcElement *e)
{
  VpcRect r = vpc_element_rect (e);
  double cx, cy;

  rect_center (&r, &cx, &cy);
  return vpc_containment_subnet_at (design, cx, cy);
}

static gboolean
settle_subnet (VpcDesign        *design,
               const VpcElement *subnet,
               char            **reason)
{
  VpcRect r = vpc_element_rect (subnet);
  const VpcElement *az;
  g_autoptr(VpcElement) copy = NULL;
  g_autofree char *id = g_strdup (subnet->id);
  double cx, cy;

  rect_center (&r, &cx, &cy);
  az = vpc_containment_az_at (design, cx, cy);
  if (az == NULL)
    {
      if (reason != NULL)
        *reason = g_strdup_printf (_("Subnet %s must stay inside an availability zone"),
                                   vpc_element_get_display_name (subnet));
      return FALSE;
    }
  /* What a new AZ means for endpoint interfaces is the design's business:
   * it releases one that would clash, and says so. */
  if (g_strcmp0 (az->id, subnet->az) != 0)
    {
      copy = vpc_element_copy (subnet);
      g_free (copy->az);
      copy->az = g_strdup (az->id);
      if (!vpc_containment_replace (design, g_steal_pointer (&copy), reason))
        return FALSE;
    }
  vpc_containment_grow_parents (design, id);
  return TRUE;
}

gboolean
vpc_containment_settle (VpcDesign  *design,
                        const char *id,
                        const char *old_subnet,
                        char      **reason)
{
  const VpcElement *e = vpc_design_lookup (design, id);
  const VpcElement *subnet;
  g_autoptr(VpcElement) copy = NULL;

  if (e == NULL)
    return TRUE;
  switch (e->kind)
    {
    case VPC_KIND_AZ:
      vpc_containment_grow_parents (design, id);
      return TRUE;
    case VPC_KIND_SUBNET:
      return settle_subnet (design, e, reason);
    case VPC_KIND_NAT_GATEWAY:
      subnet = subnet_under_center (design, e);
      if (subnet == NULL)
        {
          if (reason != NULL)
            *reason = g_strdup_printf (_("NAT gateway %s must sit in a subnet"),
                                       vpc_element_get_display_name (e));
          return FALSE;
        }
      return vpc_containment_connect (design, id, subnet->id, reason);
    case VPC_KIND_ENDPOINT:
      subnet = subnet_under_center (design, e);
      if (subnet == NULL || e->endpoint_type != VPC_ENDPOINT_INTERFACE ||
          g_strcmp0 (subnet->id, old_subnet) == 0)
        return TRUE;
      return vpc_containment_add_interface (design, id, subnet->id,
                                            vpc_id_list_contains (e->subnets, old_subnet)
                                            ? old_subnet : NULL,
                                            reason);
    case VPC_KIND_WORKLOAD:
      subnet = subnet_under_center (design, e);
      if (subnet == NULL || g_strcmp0 (subnet->id, old_subnet) == 0)
        return TRUE;
      copy = vpc_element_copy (e);
      if (old_subnet != NULL)
        vpc_id_list_remove (copy->subnets, old_subnet);
      if (copy->workload_kind == VPC_WORKLOAD_NOTEBOOK_INSTANCE)
        g_ptr_array_set_size (copy->subnets, 0);
      vpc_id_list_add (copy->subnets, subnet->id);
      copy->vpc_mode = TRUE;
      return vpc_containment_replace (design, g_steal_pointer (&copy), reason);
    case VPC_KIND_SECURITY_GROUP:
    case VPC_N_KINDS:
    default:
      return TRUE;
    }
}

/* CIDRs */

char *
vpc_containment_free_cidr (VpcDesign *design,
                           guint      prefix)
{
  const VpcDesignInfo *info = vpc_design_get_info (design);
  VpcCidr vpc, candidate;
  guint32 step;

  if (info->vpc_cidr == NULL || !vpc_cidr_parse (info->vpc_cidr, &vpc, NULL))
    return NULL;
  if (prefix < vpc.prefix)
    prefix = vpc.prefix;
  if (prefix > 28)
    prefix = 28;
  step = prefix == 0 ? 0 : (guint32) 1 << (32 - prefix);
  candidate.prefix = prefix;
  for (guint64 n = 0; n < ((guint64) 1 << (prefix - vpc.prefix)) && n < 65536; n++)
    {
      gboolean taken = FALSE;

      candidate.address = vpc.address + (guint32) (n * step);
      for (guint i = 0; i < vpc_design_get_n_elements (design, VPC_KIND_SUBNET) && !taken; i++)
        {
          const VpcElement *s = vpc_design_get_element (design, VPC_KIND_SUBNET, i);
          VpcCidr other;

          if (s->cidr != NULL && vpc_cidr_parse (s->cidr, &other, NULL) &&
              vpc_cidr_overlaps (&candidate, &other))
            taken = TRUE;
        }
      if (!taken)
        return vpc_cidr_to_string (&candidate);
    }
  return NULL;
}
