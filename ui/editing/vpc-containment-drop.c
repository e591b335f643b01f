/* SPDX-License-Identifier: GPL-3.0-or-later */
/* vpc-containment-drop.c: where a palette drop lands, and whether the
 * design would take it.
 *
 * A drop snaps to the grid and then moves to the nearest free place: an
 * icon never covers another icon or its label, a box header, a subnet's
 * strip of interface markers or a box it is not in; an availability zone
 * never covers another zone. The search walks outward ring by ring in grid
 * steps and keeps the element in the subnet, zone or VPC it was dropped
 * into, since that is what the drop means.
 */
#include "vpc-containment.h"

#include <math.h>
#include <string.h>

#include "vpc-edit-check.h"
#include "vpc-geometry.h"
#include "vpc-i18n.h"
#include "vpc-layout.h"

#define AZ_HEADER    VPC_GEOMETRY_AZ_HEADER
#define SUBNET_TOP   VPC_GEOMETRY_SUBNET_TOP
#define ENI_STRIP    VPC_GEOMETRY_ENI_STRIP
#define VPC_HEADER   VPC_GEOMETRY_VPC_HEADER
#define LABEL_SPILL  VPC_GEOMETRY_LABEL_SPILL
#define LABEL_BELOW  10.0  /* ... and this far below the icon's box */
#define AZ_MARGIN    16.0
#define MAX_RINGS    40
#define FREE_STEP    8.0   /* search step without a grid */

static const VpcKind icon_kinds[] = {
  VPC_KIND_SECURITY_GROUP, VPC_KIND_ENDPOINT, VPC_KIND_NAT_GATEWAY, VPC_KIND_WORKLOAD,
};

static gboolean
overlaps (const VpcRect *a,
          const VpcRect *b)
{
  return a->x < b->x + b->w && b->x < a->x + a->w && a->y < b->y + b->h && b->y < a->y + a->h;
}

/* What an icon at @r covers: its box and its label. */
static VpcRect
icon_footprint (const VpcRect *r)
{
  return (VpcRect) { r->x - LABEL_SPILL, r->y, r->w + 2 * LABEL_SPILL, r->h + LABEL_BELOW };
}

static VpcRect
strip (const VpcRect *box,
       double         top,
       double         height)
{
  return (VpcRect) { box->x, top, box->w, height };
}

typedef struct
{
  VpcKind           kind;
  double            w, h;
  const VpcElement *subnet;  /* icons: the containers of the drop point */
  const VpcElement *az;
  gboolean          in_vpc;
  VpcRect           inside;  /* the part of the container it must stay in */
  gboolean          bounded;
  GArray           *obstacles; /* VpcRect */
} Search;

static void
add_obstacle (Search        *s,
              const VpcRect *r,
              const VpcRect *area)
{
  if (overlaps (r, area))
    g_array_append_val (s->obstacles, *r);
}

static gboolean
is_icon (VpcKind kind)
{
  return kind != VPC_KIND_AZ && kind != VPC_KIND_SUBNET;
}

static void
containers_at (VpcDesign         *design,
               double             x,
               double             y,
               const VpcElement **subnet,
               const VpcElement **az,
               gboolean          *in_vpc)
{
  VpcRect vpc = vpc_containment_vpc_rect (design);

  *subnet = vpc_containment_subnet_at (design, x, y);
  *az = vpc_containment_az_at (design, x, y);
  *in_vpc = vpc_rect_contains (&vpc, x, y);
}

/* Obstacles within @area (the whole search), and the region to stay in. */
static void
collect (VpcDesign     *design,
         Search        *s,
         const VpcRect *area)
{
  VpcRect vpc = vpc_containment_vpc_rect (design);
  VpcRect r;

  if (s->kind == VPC_KIND_AZ)
    {
      for (guint i = 0; i < vpc_design_get_n_elements (design, VPC_KIND_AZ); i++)
        {
          r = vpc_element_rect (vpc_design_get_element (design, VPC_KIND_AZ, i));
          r = (VpcRect){ r.x - AZ_MARGIN, r.y - AZ_MARGIN, r.w + 2 * AZ_MARGIN,
                         r.h + 2 * AZ_MARGIN };
          add_obstacle (s, &r, area);
        }
      r = strip (&vpc, vpc.y, VPC_HEADER);
      add_obstacle (s, &r, area);
      return;
    }

  for (guint k = 0; k < G_N_ELEMENTS (icon_kinds); k++)
    for (guint i = 0; i < vpc_design_get_n_elements (design, icon_kinds[k]); i++)
      {
        const VpcElement *e = vpc_design_get_element (design, icon_kinds[k], i);

        if (!e->has_layout)
          continue;
        r = vpc_element_rect (e);
        r = icon_footprint (&r);
        add_obstacle (s, &r, area);
      }
  /* Boxes it is not in; the headers of those it is in. */
  for (guint i = 0; i < vpc_design_get_n_elements (design, VPC_KIND_SUBNET); i++)
    {
      const VpcElement *sn = vpc_design_get_element (design, VPC_KIND_SUBNET, i);

      r = vpc_element_rect (sn);
      if (sn != s->subnet)
        add_obstacle (s, &r, area);
    }
  for (guint i = 0; i < vpc_design_get_n_elements (design, VPC_KIND_AZ); i++)
    {
      const VpcElement *az = vpc_design_get_element (design, VPC_KIND_AZ, i);

      r = vpc_element_rect (az);
      if (az != s->az)
        add_obstacle (s, &r, area);
    }
  if (s->subnet != NULL)
    {
      VpcRect sr = vpc_element_rect (s->subnet);

      s->inside = (VpcRect) { sr.x, sr.y + SUBNET_TOP, sr.w, sr.h - SUBNET_TOP - ENI_STRIP };
      s->bounded = TRUE;
    }
  else if (s->az != NULL)
    {
      VpcRect ar = vpc_element_rect (s->az);

      s->inside = (VpcRect) { ar.x, ar.y + AZ_HEADER, ar.w, ar.h - AZ_HEADER };
      s->bounded = TRUE;
    }
  else if (s->in_vpc)
    {
      s->inside = (VpcRect) { vpc.x, vpc.y + VPC_HEADER, vpc.w, vpc.h - VPC_HEADER };
      s->bounded = TRUE;
    }
  else
    add_obstacle (s, &vpc, area);
}

/* Whether the element centred on (@cx, @cy) fits there. */
static gboolean
fits (Search    *s,
      double     cx,
      double     cy)
{
  VpcRect box = { cx - s->w / 2, cy - s->h / 2, s->w, s->h };
  VpcRect covers = s->kind == VPC_KIND_AZ ? box : icon_footprint (&box);

  /* Inside its container and clear of the boxes beside it, an icon stays
   * in the container it was dropped into. */
  if (is_icon (s->kind) && s->bounded && !vpc_rect_inside (&box, &s->inside))
    return FALSE;
  for (guint i = 0; i < s->obstacles->len; i++)
    if (overlaps (&covers, &g_array_index (s->obstacles, VpcRect, i)))
      return FALSE;
  return TRUE;
}

static double
snap_corner (double centre,
             double size,
             double grid)
{
  return grid > 0 ? round ((centre - size / 2) / grid) * grid + size / 2 : centre;
}

void
vpc_containment_drop_point (VpcDesign  *design,
                            const char *item,
                            double      x,
                            double      y,
                            double      grid,
                            double     *out_x,
                            double     *out_y)
{
  double step = grid > 0 ? grid : FREE_STEP;
  double reach = MAX_RINGS * step;
  Search s = { 0 };
  VpcRect area;
  double sx, sy;

  *out_x = x;
  *out_y = y;
  /* A subnet's place is laid out in its zone (below the others). */
  if (!vpc_containment_item_kind (item, &s.kind) || s.kind == VPC_KIND_SUBNET)
    return;
  vpc_layout_natural_size (s.kind, &s.w, &s.h);
  sx = snap_corner (x, s.w, grid);
  sy = snap_corner (y, s.h, grid);
  *out_x = sx;
  *out_y = sy;
  containers_at (design, x, y, &s.subnet, &s.az, &s.in_vpc);
  area = (VpcRect) { sx - reach - s.w, sy - reach - s.h, 2 * (reach + s.w), 2 * (reach + s.h) };
  s.obstacles = g_array_new (FALSE, FALSE, sizeof (VpcRect));
  collect (design, &s, &area);
  /* Where it was dropped, if it fits; else ring after ring, the nearest
   * fitting point of each ring. */
  for (int ring = 0; ring <= MAX_RINGS; ring++)
    {
      double best = G_MAXDOUBLE;

      for (int i = -ring; i <= ring; i++)
        for (int j = -ring; j <= ring; j++)
          {
            double cx = sx + i * step, cy = sy + j * step;
            double d = hypot (i, j);

            if ((ABS (i) != ring && ABS (j) != ring) || d >= best || !fits (&s, cx, cy))
              continue;
            best = d;
            *out_x = cx;
            *out_y = cy;
          }
      if (best < G_MAXDOUBLE)
        break;
    }
  g_array_unref (s.obstacles);
}

const char *
vpc_containment_drop_target (VpcDesign  *design,
                             const char *item,
                             double      x,
                             double      y)
{
  const VpcElement *target = NULL;
  VpcKind kind;

  if (!vpc_containment_item_kind (item, &kind))
    return NULL;
  if (kind == VPC_KIND_SUBNET)
    target = vpc_containment_az_at (design, x, y);
  else if (kind == VPC_KIND_WORKLOAD || kind == VPC_KIND_NAT_GATEWAY ||
           (kind == VPC_KIND_ENDPOINT &&
            vpc_endpoint_default_type (item + strlen ("endpoint:")) == VPC_ENDPOINT_INTERFACE))
    target = vpc_containment_subnet_at (design, x, y);
  return target != NULL ? target->id : NULL;
}

typedef struct
{
  const char *item;
  double      x, y;
} Place;

static gboolean
place_edit (VpcDesign *design,
            gpointer   data,
            char     **reason)
{
  Place *place = data;
  g_autofree char *id = vpc_containment_place (design, place->item, place->x, place->y, reason);

  return id != NULL;
}

gboolean
vpc_containment_check_place (VpcDesign  *design,
                             const char *item,
                             double      x,
                             double      y,
                             char      **reason)
{
  Place place = { item, x, y };

  return vpc_design_check_edit (design, _("Add element"), place_edit, &place, reason);
}

char *
vpc_containment_drop_hint (const char *refusal)
{
  const char *done = refusal != NULL ? strstr (refusal, " was not done. ") : NULL;

  if (refusal == NULL)
    return NULL;
  /* The guard tells what happened ("“Move” was not done. …"); before the
   * drop, say what would. */
  if (refusal[0] != '\0' && done != NULL && g_str_has_prefix (refusal, "“"))
    refusal = done + strlen (" was not done. ");
  /* TRANSLATORS: %s says why the design would refuse the drop. */
  return g_strdup_printf (_("Cannot drop here: %s"), refusal);
}
