/* SPDX-License-Identifier: GPL-3.0-or-later */
/* vpc-layout.c: a deterministic automatic layout that reads like an AWS
 * architecture diagram: VPC ⊃ AZ columns ⊃ stacked subnets ⊃ resources. */
#include "vpc-layout-private.h"

#include <math.h>
#include <string.h>

#include "vpc-i18n.h"
#include "vpc-layout-index.h"

#define PAD         VPC_GEOMETRY_PAD
#define AZ_W        420.0
#define AZ_GAP      VPC_GEOMETRY_AZ_GAP
#define AZ_HEADER   VPC_GEOMETRY_AZ_HEADER
#define SUBNET_W    (AZ_W - 2 * PAD)
#define SUBNET_MIN_W (ICON_CELL + PAD) /* room for one icon */
#define SUBNET_H    176.0
#define SUBNET_GAP  VPC_GEOMETRY_SUBNET_GAP
#define SUBNET_TOP  VPC_GEOMETRY_SUBNET_TOP
#define ICON        VPC_GEOMETRY_ICON
#define ICON_CELL   VPC_GEOMETRY_ICON_CELL
#define VPC_HEADER  VPC_GEOMETRY_VPC_HEADER
#define ENI_STRIP   VPC_GEOMETRY_ENI_STRIP
#define BUCKET      24.0  /* grid of the occupancy index */
#define LIMIT       VPC_LAYOUT_LIMIT

void
vpc_layout_natural_size (VpcKind kind,
                         double *w,
                         double *h)
{
  switch (kind)
    {
    case VPC_KIND_AZ:
      *w = AZ_W;
      *h = AZ_HEADER + SUBNET_H + PAD;
      break;
    case VPC_KIND_SUBNET:
      *w = SUBNET_W;
      *h = SUBNET_H;
      break;
    case VPC_KIND_SECURITY_GROUP:
    case VPC_KIND_ENDPOINT:
    case VPC_KIND_NAT_GATEWAY:
    case VPC_KIND_WORKLOAD:
    case VPC_N_KINDS:
    default:
      *w = ICON;
      *h = ICON;
      break;
    }
}

typedef struct
{
  VpcDesign      *design;
  GHashTable     *placed;   /* id -> VpcRect* (final rects, owned) */
  GHashTable     *slots;    /* subnet id -> number of icons placed inside */
  VpcLayoutIndex *occupied; /* icons, so new ones avoid them; built when first asked */
  double          vx, vy;   /* the VPC's origin */
  double          az_h;     /* height of a new AZ column */
  double          right;    /* right edge of the content, padding included */
} Layout;

static void occupy_laid_out_icons (Layout *layout);

static void
occupy (Layout        *layout,
        const VpcRect *r)
{
  if (layout->occupied != NULL)
    vpc_layout_index_add (layout->occupied, r);
}

static gboolean
is_free (Layout        *layout,
         const VpcRect *r)
{
  if (layout->occupied == NULL)
    {
      layout->occupied = vpc_layout_index_new (BUCKET);
      occupy_laid_out_icons (layout);
    }
  return vpc_layout_index_is_free (layout->occupied, r);
}

/* Icons already laid out are obstacles for new ones. */
static void
occupy_laid_out_icons (Layout *layout)
{
  static const VpcKind icon_kinds[] = {
    VPC_KIND_SECURITY_GROUP, VPC_KIND_ENDPOINT, VPC_KIND_NAT_GATEWAY, VPC_KIND_WORKLOAD,
  };

  for (guint k = 0; k < G_N_ELEMENTS (icon_kinds); k++)
    for (guint i = 0; i < vpc_design_get_n_elements (layout->design, icon_kinds[k]); i++)
      {
        const VpcElement *e = vpc_design_get_element (layout->design, icon_kinds[k], i);
        if (e->has_layout)
          occupy (layout, &e->layout);
      }
}

static VpcRect *
rect_of (Layout           *layout,
         const VpcElement *e)
{
  return g_hash_table_lookup (layout->placed, e->id);
}

static void
place (Layout           *layout,
       const VpcElement *e,
       double            x,
       double            y,
       double            w,
       double            h)
{
  VpcRect *r = g_new (VpcRect, 1);
  double natural_w, natural_h;

  /* Whatever was computed, the result is a layout the loader accepts. */
  vpc_layout_natural_size (e->kind, &natural_w, &natural_h);
  *r = (VpcRect) {
    vpc_layout_clamp_coord (x), vpc_layout_clamp_coord (y),
    vpc_layout_clamp_size (w, natural_w), vpc_layout_clamp_size (h, natural_h),
  };
  g_hash_table_insert (layout->placed, e->id, r);
}

static void
keep (Layout           *layout,
      const VpcElement *e)
{
  place (layout, e, e->layout.x, e->layout.y, e->layout.w, e->layout.h);
}

/* Puts an icon in the next free slot of a subnet; FALSE when it is full. */
static gboolean
place_in_subnet (Layout           *layout,
                 const VpcElement *e,
                 const char       *subnet_id)
{
  const VpcElement *subnet = vpc_design_lookup (layout->design, subnet_id);
  VpcRect *sr;
  guint slot, capacity;

  if (subnet == NULL || (sr = rect_of (layout, subnet)) == NULL)
    return FALSE;
  capacity = vpc_geometry_subnet_capacity (sr);
  for (slot = GPOINTER_TO_UINT (g_hash_table_lookup (layout->slots, subnet->id));
       slot < capacity; slot++)
    {
      VpcRect cell;

      vpc_geometry_subnet_slot (sr, slot, &cell);
      if (!is_free (layout, &cell))
        continue;
      g_hash_table_insert (layout->slots, subnet->id, GUINT_TO_POINTER (slot + 1));
      place (layout, e, cell.x, cell.y, cell.w, cell.h);
      occupy (layout, &cell);
      return TRUE;
    }
  return FALSE;
}

/* Places icons in rows starting at @top, wrapping at @width and skipping
 * cells that icons already laid out occupy. Returns the bottom of the last
 * row used, or @top when nothing was placed. */
static double
place_row (Layout    *layout,
           GPtrArray *items,
           double     left,
           double     top,
           double     width)
{
  guint64 cell_index = 0;
  double bottom = top;

  for (guint i = 0; i < items->len; i++)
    {
      VpcRect cell;

      do
        {
          vpc_geometry_row_slot (left, top, width, cell_index, &cell);
          cell_index++;
        }
      while (!is_free (layout, &cell));
      place (layout, g_ptr_array_index (items, i), cell.x, cell.y, cell.w, cell.h);
      occupy (layout, &cell);
      bottom = MAX (bottom, cell.y + cell.h);
    }
  return bottom;
}

/* AZ id -> GPtrArray of its subnets in file order, built in one pass so
 * that laying out many AZs stays linear. */
static GHashTable *
subnets_by_az (VpcDesign *design)
{
  GHashTable *map = g_hash_table_new_full (g_str_hash, g_str_equal, NULL,
                                           (GDestroyNotify) g_ptr_array_unref);

  for (guint i = 0; i < vpc_design_get_n_elements (design, VPC_KIND_SUBNET); i++)
    {
      const VpcElement *subnet = vpc_design_get_element (design, VPC_KIND_SUBNET, i);
      GPtrArray *list;

      if (subnet->az == NULL)
        continue;
      list = g_hash_table_lookup (map, subnet->az);
      if (list == NULL)
        {
          list = g_ptr_array_new ();
          g_hash_table_insert (map, subnet->az, list);
        }
      g_ptr_array_add (list, (gpointer) subnet);
    }
  return map;
}

static GPtrArray *
subnets_of (GHashTable *map,
            const char *az_id,
            GPtrArray  *none)
{
  GPtrArray *list = g_hash_table_lookup (map, az_id);

  return list != NULL ? list : none;
}

static gboolean
all_placed (VpcDesign *design)
{
  if (!vpc_design_get_info (design)->has_vpc_layout)
    return FALSE;
  for (guint k = 0; k < VPC_N_KINDS; k++)
    for (guint i = 0; i < vpc_design_get_n_elements (design, k); i++)
      if (!vpc_design_get_element (design, k, i)->has_layout)
        return FALSE;
  return TRUE;
}

static gboolean
none_placed (VpcDesign *design)
{
  for (guint k = 0; k < VPC_N_KINDS; k++)
    for (guint i = 0; i < vpc_design_get_n_elements (design, k); i++)
      if (vpc_design_get_element (design, k, i)->has_layout)
        return FALSE;
  return TRUE;
}

/* AZ columns are as tall as the fullest one. */
static double
tallest_az_column (VpcDesign  *design,
                   GHashTable *by_az,
                   GPtrArray  *no_subnets)
{
  double az_h = AZ_HEADER + SUBNET_H + PAD;

  for (guint i = 0; i < vpc_design_get_n_elements (design, VPC_KIND_AZ); i++)
    {
      const VpcElement *az = vpc_design_get_element (design, VPC_KIND_AZ, i);
      GPtrArray *subnets = subnets_of (by_az, az->id, no_subnets);
      az_h = MAX (az_h, AZ_HEADER + subnets->len * (SUBNET_H + SUBNET_GAP) - SUBNET_GAP + PAD);
    }
  return az_h;
}

/* Laid-out subnets stay; returns where new ones start: below the lowest,
 * or at @top. */
static double
keep_laid_out_subnets (Layout    *layout,
                       GPtrArray *subnets,
                       double     top)
{
  double next_y = top;

  for (guint j = 0; j < subnets->len; j++)
    {
      const VpcElement *subnet = g_ptr_array_index (subnets, j);
      if (subnet->has_layout)
        {
          keep (layout, subnet);
          next_y = MAX (next_y, subnet->layout.y + subnet->layout.h + SUBNET_GAP);
        }
    }
  return next_y;
}

/* New subnets stack from @next_y down, in a new column when the stack
 * would pass the format's coordinate limit. Returns where the next would
 * go. */
static double
stack_new_subnets (Layout        *layout,
                   GPtrArray     *subnets,
                   const VpcRect *ar,
                   double         top,
                   double         next_y)
{
  double subnet_w = MAX (ar->w - 2 * PAD, SUBNET_MIN_W);
  double column_x = ar->x + PAD;

  for (guint j = 0; j < subnets->len; j++)
    {
      const VpcElement *subnet = g_ptr_array_index (subnets, j);
      if (subnet->has_layout)
        continue;
      if (next_y > top && next_y + SUBNET_H > LIMIT)
        {
          column_x += subnet_w + SUBNET_GAP;
          next_y = top;
        }
      place (layout, subnet, column_x, next_y, subnet_w, SUBNET_H);
      next_y += SUBNET_H + SUBNET_GAP;
    }
  return next_y;
}

/* The @i-th AZ as a column (kept where it is when laid out) with its
 * subnets. */
static void
place_az_column (Layout           *layout,
                 const VpcElement *az,
                 guint             i,
                 GPtrArray        *subnets)
{
  VpcRect *ar;
  double next_y, top;

  if (az->has_layout)
    keep (layout, az);
  else
    place (layout, az, layout->vx + PAD + i * (AZ_W + AZ_GAP), layout->vy + VPC_HEADER, AZ_W,
           layout->az_h);
  ar = rect_of (layout, az);
  layout->right = MAX (layout->right, ar->x + ar->w + PAD);

  top = ar->y + AZ_HEADER;
  next_y = keep_laid_out_subnets (layout, subnets, top);
  next_y = stack_new_subnets (layout, subnets, ar, top, next_y);
  /* A laid-out AZ grows to hold the subnets added to it (and
   * vpc_layout_contain() to hold them all, within the limits). */
  ar->h = vpc_layout_clamp_size (MAX (ar->h, next_y - SUBNET_GAP + PAD - ar->y), ar->h);
}

/* AZs and the subnets in them; returns the bottom of the AZ columns. */
static double
place_azs_and_subnets (Layout *layout)
{
  VpcDesign *design = layout->design;
  g_autoptr(GHashTable) by_az = subnets_by_az (design);
  g_autoptr(GPtrArray) no_subnets = g_ptr_array_new ();
  guint n_az = vpc_design_get_n_elements (design, VPC_KIND_AZ);
  double bottom;

  layout->az_h = tallest_az_column (design, by_az, no_subnets);
  for (guint i = 0; i < n_az; i++)
    {
      const VpcElement *az = vpc_design_get_element (design, VPC_KIND_AZ, i);
      place_az_column (layout, az, i, subnets_of (by_az, az->id, no_subnets));
    }

  bottom = layout->vy + VPC_HEADER + layout->az_h;
  for (guint i = 0; i < n_az; i++)
    {
      VpcRect *ar = rect_of (layout, vpc_design_get_element (design, VPC_KIND_AZ, i));
      bottom = MAX (bottom, ar->y + ar->h);
    }
  return bottom;
}

/* Laid-out subnets that no AZ column took stay where they are. */
static void
keep_other_subnets (Layout *layout)
{
  VpcDesign *design = layout->design;

  for (guint i = 0; i < vpc_design_get_n_elements (design, VPC_KIND_SUBNET); i++)
    {
      const VpcElement *subnet = vpc_design_get_element (design, VPC_KIND_SUBNET, i);
      if (subnet->has_layout && rect_of (layout, subnet) == NULL)
        keep (layout, subnet);
    }
}

/* NAT gateways sit inside their subnet; those that do not fit join
 * @endpoint_row. */
static void
place_nat_gateways (Layout    *layout,
                    GPtrArray *endpoint_row)
{
  VpcDesign *design = layout->design;

  for (guint i = 0; i < vpc_design_get_n_elements (design, VPC_KIND_NAT_GATEWAY); i++)
    {
      const VpcElement *nat = vpc_design_get_element (design, VPC_KIND_NAT_GATEWAY, i);
      if (nat->has_layout)
        keep (layout, nat);
      else if (!place_in_subnet (layout, nat, nat->subnet))
        g_ptr_array_add (endpoint_row, (gpointer) nat);
    }
}

/* Workloads sit inside their first subnet; VPC-mode ones that do not fit
 * join @group_row, the others @outside_row. */
static void
place_workloads (Layout    *layout,
                 GPtrArray *group_row,
                 GPtrArray *outside_row)
{
  VpcDesign *design = layout->design;

  for (guint i = 0; i < vpc_design_get_n_elements (design, VPC_KIND_WORKLOAD); i++)
    {
      const VpcElement *w = vpc_design_get_element (design, VPC_KIND_WORKLOAD, i);
      if (w->has_layout)
        keep (layout, w);
      else if (!w->vpc_mode || w->subnets->len == 0 ||
               !place_in_subnet (layout, w, g_ptr_array_index (w->subnets, 0)))
        g_ptr_array_add (w->vpc_mode && w->subnets->len > 0 ? group_row : outside_row,
                         (gpointer) w);
    }
}

/* Laid-out elements of @kind stay; the others join @row. */
static void
keep_or_queue (Layout    *layout,
               VpcKind    kind,
               GPtrArray *row)
{
  for (guint i = 0; i < vpc_design_get_n_elements (layout->design, kind); i++)
    {
      const VpcElement *e = vpc_design_get_element (layout->design, kind, i);
      if (e->has_layout)
        keep (layout, e);
      else
        g_ptr_array_add (row, (gpointer) e);
    }
}

/* The VPC is sized to its content, or grows when content was added, up
 * to the format's limit. */
static void
size_vpc (Layout *layout,
          double  bottom)
{
  VpcDesign *design = layout->design;
  const VpcDesignInfo *info = vpc_design_get_info (design);
  double vx = layout->vx, vy = layout->vy;
  VpcRect vpc = {
    vx, vy,
    vpc_layout_clamp_size (layout->right - vx, AZ_W + 2 * PAD),
    vpc_layout_clamp_size (bottom + PAD - vy, VPC_HEADER + layout->az_h + PAD),
  };

  if (info->has_vpc_layout)
    {
      vpc.w = MAX (vpc.w, info->vpc_layout.w);
      vpc.h = MAX (vpc.h, info->vpc_layout.h);
    }
  if (!info->has_vpc_layout || memcmp (&vpc, &info->vpc_layout, sizeof vpc) != 0)
    {
      g_autoptr(VpcDesignInfo) copy = vpc_design_info_copy (info);

      copy->has_vpc_layout = TRUE;
      copy->vpc_layout = vpc;
      vpc_design_set_info (design, g_steal_pointer (&copy));
    }
}

/* Records every rectangle that differs from the element's layout. */
static void
record_placed (Layout *layout)
{
  VpcDesign *design = layout->design;

  for (guint k = 0; k < VPC_N_KINDS; k++)
    for (guint i = 0; i < vpc_design_get_n_elements (design, k); i++)
      {
        const VpcElement *e = vpc_design_get_element (design, k, i);
        VpcRect *r = rect_of (layout, e);

        if (r == NULL || (e->has_layout && memcmp (r, &e->layout, sizeof *r) == 0))
          continue;
        vpc_design_set_layout (design, k, i, r);
      }
}

/* Some elements are laid out, some not: those stay where they are and the
 * others are placed around them (AZ columns, stacked subnets, icons in
 * their subnet, rows under the AZs and under the VPC). */
static void
place_missing (VpcDesign *design)
{
  const VpcDesignInfo *info = vpc_design_get_info (design);
  Layout layout = { .design = design };
  g_autoptr(GPtrArray) endpoint_row = g_ptr_array_new ();
  g_autoptr(GPtrArray) group_row = g_ptr_array_new ();
  g_autoptr(GPtrArray) outside_row = g_ptr_array_new ();
  double bottom, row_width;

  /* A VPC layout without a size (from a file) still gives the origin. */
  layout.vx = vpc_layout_clamp_coord (info->vpc_layout.x);
  layout.vy = vpc_layout_clamp_coord (info->vpc_layout.y);
  layout.right = layout.vx + 2 * PAD + AZ_W;
  layout.placed = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, g_free);
  layout.slots = g_hash_table_new (g_str_hash, g_str_equal);

  bottom = place_azs_and_subnets (&layout);
  keep_other_subnets (&layout);
  place_nat_gateways (&layout, endpoint_row);
  place_workloads (&layout, group_row, outside_row);

  /* Endpoints, then security groups, in rows under the AZs. */
  keep_or_queue (&layout, VPC_KIND_ENDPOINT, endpoint_row);
  row_width = layout.right - layout.vx - 2 * PAD;
  bottom = place_row (&layout, endpoint_row, layout.vx + PAD, bottom + PAD, row_width);
  keep_or_queue (&layout, VPC_KIND_SECURITY_GROUP, group_row);
  bottom = place_row (&layout, group_row, layout.vx + PAD, bottom + PAD, row_width);

  vpc_design_begin (design, _("Arrange automatically"));
  size_vpc (&layout, bottom);
  /* Workloads in SageMaker's own network go below the VPC. */
  info = vpc_design_get_info (design);
  place_row (&layout, outside_row, info->vpc_layout.x + PAD,
             info->vpc_layout.y + info->vpc_layout.h + 2 * PAD, row_width);
  record_placed (&layout);
  vpc_layout_contain (design);
  vpc_design_commit (design);

  g_hash_table_unref (layout.placed);
  g_hash_table_unref (layout.slots);
  vpc_layout_index_free (layout.occupied);
}

void
vpc_layout_auto (VpcDesign *design)
{
  /* Nothing to place (a saved file): the layout stays as it is, so that
   * saving and loading again gives the same bytes. */
  if (all_placed (design))
    {
      vpc_design_begin (design, _("Arrange automatically"));
      vpc_layout_contain (design);
      vpc_design_commit (design);
      return;
    }
  /* A file without any layout: Tidy's engine. */
  if (none_placed (design))
    {
      g_autoptr(VpcLayoutPlaced) placed = NULL;
      VpcRect vpc;

      placed = vpc_layout_tidy_compute (design, 1.0, &vpc);
      vpc_design_begin (design, _("Arrange automatically"));
      vpc_layout_apply (design, placed, &vpc, NULL, TRUE);
      vpc_layout_contain (design);
      vpc_design_commit (design);
      return;
    }
  place_missing (design);
}
