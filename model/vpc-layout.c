/* vpc-layout.c: a deterministic automatic layout that reads like an AWS
 * architecture diagram: VPC ⊃ AZ columns ⊃ stacked subnets ⊃ resources. */
#include "vpc-layout.h"

#include <math.h>
#include <string.h>

#define PAD         24.0
#define AZ_W        420.0
#define AZ_GAP      32.0
#define AZ_HEADER   44.0
#define SUBNET_W    (AZ_W - 2 * PAD)
#define SUBNET_H    176.0
#define SUBNET_GAP  20.0
#define SUBNET_TOP  56.0 /* below the subnet's name and CIDR */
#define ICON        72.0
#define ICON_CELL   112.0 /* icon plus its label */
#define VPC_HEADER  56.0
#define ENI_STRIP   28.0  /* network-interface markers along a subnet's bottom */
#define ROW_H       104.0 /* rows of icons under the AZs */

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
  VpcDesign  *design;
  GHashTable *placed;   /* id -> VpcRect* (final rects, owned) */
  GHashTable *slots;    /* subnet id -> number of icons placed inside */
  GHashTable *occupied; /* grid buckets covered by icons, so new ones avoid them */
} Layout;

#define BUCKET 24.0

static gint64
bucket_key (gint64 bx,
            gint64 by)
{
  /* Shifted as unsigned: shifting a negative value left is undefined. */
  return (gint64) (((guint64) bx << 32) ^ ((guint64) by & 0xffffffff));
}

/* Calls @visit on each bucket a rectangle covers; stops when it returns TRUE. */
static gboolean
for_buckets (Layout        *layout,
             const VpcRect *r,
             gboolean     (*visit) (Layout *layout, gint64 key))
{
  gint64 x0 = (gint64) floor (r->x / BUCKET), x1 = (gint64) floor ((r->x + r->w - 1) / BUCKET);
  gint64 y0 = (gint64) floor (r->y / BUCKET), y1 = (gint64) floor ((r->y + r->h - 1) / BUCKET);

  for (gint64 by = y0; by <= y1; by++)
    for (gint64 bx = x0; bx <= x1; bx++)
      if (visit (layout, bucket_key (bx, by)))
        return TRUE;
  return FALSE;
}

static gboolean
mark_bucket (Layout *layout,
             gint64  key)
{
  gint64 *copy = g_new (gint64, 1);

  *copy = key;
  g_hash_table_add (layout->occupied, copy);
  return FALSE;
}

static gboolean
bucket_taken (Layout *layout,
              gint64  key)
{
  return g_hash_table_contains (layout->occupied, &key);
}

static void
occupy (Layout        *layout,
        const VpcRect *r)
{
  for_buckets (layout, r, mark_bucket);
}

static gboolean
is_free (Layout        *layout,
         const VpcRect *r)
{
  return !for_buckets (layout, r, bucket_taken);
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

  *r = (VpcRect) { x, y, w, h };
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
  guint slot, per_row, rows;

  if (subnet == NULL || (sr = rect_of (layout, subnet)) == NULL)
    return FALSE;
  per_row = MAX (1, (guint) ((sr->w - PAD) / ICON_CELL));
  rows = MAX (1, (guint) ((sr->h - SUBNET_TOP - ENI_STRIP) / (ICON + 12)));
  for (slot = GPOINTER_TO_UINT (g_hash_table_lookup (layout->slots, subnet->id));
       slot < per_row * rows; slot++)
    {
      VpcRect cell = { sr->x + PAD + (slot % per_row) * ICON_CELL,
                       sr->y + SUBNET_TOP + (slot / per_row) * (ICON + 12),
                       ICON, ICON };

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
  guint per_row = MAX (1, (guint) (width / ICON_CELL));
  guint cell_index = 0;
  double bottom = top;

  for (guint i = 0; i < items->len; i++)
    {
      VpcRect cell;

      do
        {
          cell = (VpcRect) { left + (cell_index % per_row) * ICON_CELL + (ICON_CELL - ICON) / 2,
                             top + (cell_index / per_row) * ROW_H, ICON, ICON };
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

void
vpc_layout_auto (VpcDesign *design)
{
  g_autoptr(GHashTable) by_az = subnets_by_az (design);
  g_autoptr(GPtrArray) no_subnets = g_ptr_array_new ();
  Layout layout = { design, NULL, NULL, NULL };
  const VpcDesignInfo *info = vpc_design_get_info (design);
  g_autoptr(GPtrArray) endpoint_row = g_ptr_array_new ();
  g_autoptr(GPtrArray) group_row = g_ptr_array_new ();
  g_autoptr(GPtrArray) outside_row = g_ptr_array_new ();
  guint n_az = vpc_design_get_n_elements (design, VPC_KIND_AZ);
  double vx = info->has_vpc_layout ? info->vpc_layout.x : 0;
  double vy = info->has_vpc_layout ? info->vpc_layout.y : 0;
  double az_h = AZ_HEADER + SUBNET_H + PAD;
  double right = vx + 2 * PAD + AZ_W;
  double bottom, row_width;

  layout.placed = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, g_free);
  layout.slots = g_hash_table_new (g_str_hash, g_str_equal);
  layout.occupied = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  occupy_laid_out_icons (&layout);

  /* AZ columns are as tall as the fullest one. */
  for (guint i = 0; i < n_az; i++)
    {
      const VpcElement *az = vpc_design_get_element (design, VPC_KIND_AZ, i);
      GPtrArray *subnets = subnets_of (by_az, az->id, no_subnets);
      az_h = MAX (az_h, AZ_HEADER + subnets->len * (SUBNET_H + SUBNET_GAP) - SUBNET_GAP + PAD);
    }

  for (guint i = 0; i < n_az; i++)
    {
      const VpcElement *az = vpc_design_get_element (design, VPC_KIND_AZ, i);
      GPtrArray *subnets = subnets_of (by_az, az->id, no_subnets);
      VpcRect *ar;
      double next_y;

      if (az->has_layout)
        keep (&layout, az);
      else
        place (&layout, az, vx + PAD + i * (AZ_W + AZ_GAP), vy + VPC_HEADER, AZ_W, az_h);
      ar = rect_of (&layout, az);
      right = MAX (right, ar->x + ar->w + PAD);

      /* Laid-out subnets stay; new ones stack below the lowest. */
      next_y = ar->y + AZ_HEADER;
      for (guint j = 0; j < subnets->len; j++)
        {
          const VpcElement *subnet = g_ptr_array_index (subnets, j);
          if (subnet->has_layout)
            {
              keep (&layout, subnet);
              next_y = MAX (next_y, subnet->layout.y + subnet->layout.h + SUBNET_GAP);
            }
        }
      for (guint j = 0; j < subnets->len; j++)
        {
          const VpcElement *subnet = g_ptr_array_index (subnets, j);
          if (!subnet->has_layout)
            {
              place (&layout, subnet, ar->x + PAD, next_y, ar->w - 2 * PAD, SUBNET_H);
              next_y += SUBNET_H + SUBNET_GAP;
            }
        }
      /* A laid-out AZ grows to hold the subnets added to it. */
      ar->h = MAX (ar->h, next_y - SUBNET_GAP + PAD - ar->y);
    }

  bottom = vy + VPC_HEADER + az_h;
  for (guint i = 0; i < n_az; i++)
    {
      VpcRect *ar = rect_of (&layout, vpc_design_get_element (design, VPC_KIND_AZ, i));
      bottom = MAX (bottom, ar->y + ar->h);
    }
  for (guint i = 0; i < vpc_design_get_n_elements (design, VPC_KIND_SUBNET); i++)
    {
      const VpcElement *subnet = vpc_design_get_element (design, VPC_KIND_SUBNET, i);
      if (subnet->has_layout && rect_of (&layout, subnet) == NULL)
        keep (&layout, subnet);
    }

  /* NAT gateways and workloads sit inside their (first) subnet. */
  for (guint i = 0; i < vpc_design_get_n_elements (design, VPC_KIND_NAT_GATEWAY); i++)
    {
      const VpcElement *nat = vpc_design_get_element (design, VPC_KIND_NAT_GATEWAY, i);
      if (nat->has_layout)
        keep (&layout, nat);
      else if (!place_in_subnet (&layout, nat, nat->subnet))
        g_ptr_array_add (endpoint_row, (gpointer) nat);
    }
  for (guint i = 0; i < vpc_design_get_n_elements (design, VPC_KIND_WORKLOAD); i++)
    {
      const VpcElement *w = vpc_design_get_element (design, VPC_KIND_WORKLOAD, i);
      if (w->has_layout)
        keep (&layout, w);
      else if (!w->vpc_mode || w->subnets->len == 0 ||
               !place_in_subnet (&layout, w, g_ptr_array_index (w->subnets, 0)))
        g_ptr_array_add (w->vpc_mode && w->subnets->len > 0 ? group_row : outside_row,
                         (gpointer) w);
    }

  /* Endpoints, then security groups, in rows under the AZs. */
  for (guint i = 0; i < vpc_design_get_n_elements (design, VPC_KIND_ENDPOINT); i++)
    {
      const VpcElement *e = vpc_design_get_element (design, VPC_KIND_ENDPOINT, i);
      if (e->has_layout)
        keep (&layout, e);
      else
        g_ptr_array_add (endpoint_row, (gpointer) e);
    }
  row_width = right - vx - 2 * PAD;
  bottom = place_row (&layout, endpoint_row, vx + PAD, bottom + PAD, row_width);
  for (guint i = 0; i < vpc_design_get_n_elements (design, VPC_KIND_SECURITY_GROUP); i++)
    {
      const VpcElement *e = vpc_design_get_element (design, VPC_KIND_SECURITY_GROUP, i);
      if (e->has_layout)
        keep (&layout, e);
      else
        g_ptr_array_add (group_row, (gpointer) e);
    }
  bottom = place_row (&layout, group_row, vx + PAD, bottom + PAD, row_width);

  vpc_design_begin (design, "Arrange automatically");

  /* The VPC is sized to its content, or grows when content was added. */
  if (!info->has_vpc_layout ||
      right - vx > info->vpc_layout.w || bottom + PAD - vy > info->vpc_layout.h)
    {
      g_autoptr(VpcDesignInfo) copy = vpc_design_info_copy (info);
      double w = right - vx, h = bottom + PAD - vy;

      if (info->has_vpc_layout)
        {
          w = MAX (w, info->vpc_layout.w);
          h = MAX (h, info->vpc_layout.h);
        }
      copy->has_vpc_layout = TRUE;
      copy->vpc_layout = (VpcRect) { vx, vy, w, h };
      vpc_design_set_info (design, g_steal_pointer (&copy));
    }
  /* Workloads in SageMaker's own network go below the VPC. */
  info = vpc_design_get_info (design);
  place_row (&layout, outside_row, info->vpc_layout.x + PAD,
             info->vpc_layout.y + info->vpc_layout.h + 2 * PAD, row_width);

  for (guint k = 0; k < VPC_N_KINDS; k++)
    for (guint i = 0; i < vpc_design_get_n_elements (design, k); i++)
      {
        const VpcElement *e = vpc_design_get_element (design, k, i);
        VpcRect *r = rect_of (&layout, e);
        g_autoptr(VpcElement) copy = NULL;

        if (r == NULL || (e->has_layout && memcmp (r, &e->layout, sizeof *r) == 0))
          continue;
        copy = vpc_element_copy (e);
        copy->has_layout = TRUE;
        copy->layout = *r;
        vpc_design_replace_element (design, g_steal_pointer (&copy));
      }

  vpc_design_commit (design);

  g_hash_table_unref (layout.placed);
  g_hash_table_unref (layout.slots);
  g_hash_table_unref (layout.occupied);
}
