/* SPDX-License-Identifier: GPL-3.0-or-later */
/* vpc-layout-tidy.c: "Tidy", the layout engine behind the Tidy command and
 * the automatic layout of files without `layout` (issue 10).
 *
 * The picture it aims for: AZs as columns, their subnets stacked in bands
 * that line up across the AZs of a row, and the interface endpoints in a
 * column in the gutter between two AZ columns (at the side for one AZ),
 * one endpoint per row, each level with every subnet it has a network
 * interface in. The router (ui/vpc-render-routes.c) then draws every
 * interface link as a straight horizontal line from the subnet's side that
 * faces the gutter: links of one gutter never cross. Workloads and NAT
 * gateways sit inside their (first) subnet on the side away from the
 * endpoints, starting SUBNET_TOP below the subnet's top so that a corridor
 * under the header stays free for the links of workloads to their other
 * subnets. Endpoints whose subnets span more than two neighbouring AZs,
 * security groups and endpoints without subnets go in rows under the AZs;
 * workloads outside the VPC under the VPC.
 *
 * Large designs stay near a page's aspect ratio: many AZs wrap into rows
 * of AZ columns, and many subnets in one AZ (more than 8) into several
 * subnet columns, choosing the shape whose estimated size is nearest a
 * landscape page.
 *
 * Everything is computed from the structure alone (file order, references,
 * the VPC's origin), so the result is deterministic and a second Tidy
 * changes nothing. */
#include "vpc-layout-private.h"

#include <math.h>
#include <string.h>

#include "vpc-i18n.h"

#define PAD          VPC_GEOMETRY_PAD
#define AZ_HEADER    VPC_GEOMETRY_AZ_HEADER
#define VPC_HEADER   VPC_GEOMETRY_VPC_HEADER
#define SUBNET_TOP   VPC_GEOMETRY_SUBNET_TOP
#define ICON         VPC_GEOMETRY_ICON
#define CELL         128.0 /* an icon's column: its label spills 24 on each side */
#define GUTTER       168.0 /* between two AZ boxes when endpoints stand there */
#define AZ_GAP       VPC_GEOMETRY_AZ_GAP
#define SUBNET_GAP   VPC_GEOMETRY_SUBNET_GAP
#define SUBNET_MIN_H 140.0
#define SUBNET_MIN_COLS 2
#define SUBNET_MAX_COLS 3
#define BOTTOM_GAP   16.0  /* below the last label in a subnet */
#define PAGE_ASPECT  1.414 /* width / height of a landscape page */

typedef struct
{
  const VpcElement *e;
  guint             az;     /* index in the AZ list */
  guint             index;  /* within its AZ, file order */
  guint             band;   /* row of subnets across the AZ row */
  guint             column; /* subnet column inside the AZ */
  guint             n_icons;
  int               gutter_side; /* -1: endpoints on its left, +1 right, 0 none */
  VpcRect           r;
} Subnet;

typedef struct
{
  const VpcElement *e;
  guint             row;      /* AZ row */
  guint             position; /* within the AZ row */
  guint             n_subnets;
  VpcRect           r;
} Az;

typedef struct
{
  guint row, gutter, band;
  gboolean in_gutter;
  guint slot;
} EpPlace;

typedef struct
{
  VpcDesign  *design;
  double      row_h;   /* between icon rows: label and a margin */
  double      label_h; /* an icon's drawn height (tile and label) */
  double      subnet_top; /* first icon row below a subnet's top */
  GArray     *azs;     /* Az */
  GArray     *subnets; /* Subnet, in file order */
  GHashTable *subnet_of; /* id -> index + 1 */
  GHashTable *az_of;     /* id -> index + 1 */
  VpcLayoutPlaced *placed;
  int        *homes;     /* each subnet icon's subnet (subnet_icon order), or -1 */
  guint       per_row;   /* AZ columns per AZ row */
  guint       n_rows;
  guint       subnet_cols; /* subnet columns per AZ */
  guint       max_per_az;  /* subnets in the fullest AZ */
  guint       n_bands;     /* bands per AZ row */
  guint       n_gutters;   /* per AZ row: per_row + 1 */
  EpPlace    *eps;         /* where each endpoint stands, in file order */
  guint      *gutter_count; /* [row][gutter][band] endpoints */
  double     *band_h;      /* [row][band] */
  double     *band_top;    /* [row][band] */
  double     *col_w;       /* [az][column] subnet widths */
  double     *gutter_w;    /* [row][gutter] */
  GArray     *below;       /* Ref: icons in rows under the AZs */
  GArray     *outside;     /* Ref: workloads under the VPC */
} Tidy;

/* An element by its place in the design's lists. */
typedef struct
{
  VpcKind kind;
  guint   index;
} Ref;

static void
put (Tidy    *t,
     VpcKind  kind,
     guint    index,
     double   x,
     double   y,
     double   w,
     double   h)
{
  t->placed->rects[kind][index] = (VpcRect) {
    vpc_layout_clamp_coord (x), vpc_layout_clamp_coord (y),
    vpc_layout_clamp_size (w, ICON), vpc_layout_clamp_size (h, ICON),
  };
  t->placed->has[kind][index] = TRUE;
}

static void
add_ref (GArray  *refs,
         VpcKind  kind,
         guint    index)
{
  Ref ref = { kind, index };

  g_array_append_val (refs, ref);
}

static int
subnet_index (Tidy       *t,
              const char *id)
{
  return id != NULL ? GPOINTER_TO_INT (g_hash_table_lookup (t->subnet_of, id)) - 1 : -1;
}

/* Where an endpoint stands: in a gutter of an AZ row (between AZ column
 * @gutter - 1 and @gutter, 0 and per_row being the row's outer sides), in
 * the band of its first linked subnet; or in the rows below (FALSE).
 *
 * Between two neighbouring AZs when it serves both. When it serves one AZ
 * and every subnet it serves lies in one band, next to it on the side
 * away from the other AZs where the row has several bands (workloads'
 * links to subnets of other AZs run through the inner gutters); an
 * endpoint whose links go to several bands takes the other side, where
 * its vertical lines meet no row of single-band links. */
static gboolean
endpoint_gutter (Tidy             *t,
                 const VpcElement *ep,
                 guint             n_bands,
                 guint            *row,
                 guint            *gutter,
                 guint            *band)
{
  int lo = G_MAXINT, hi = -1;
  guint az_row = 0, first_band = G_MAXUINT, last_band = 0, n_in_row;
  gboolean first, last, multi;

  if (ep->subnets == NULL || ep->subnets->len == 0 || t->azs->len == 0)
    return FALSE;
  for (guint i = 0; i < ep->subnets->len; i++)
    {
      int s = subnet_index (t, g_ptr_array_index (ep->subnets, i));
      const Subnet *sn;
      const Az *az;

      if (s < 0)
        continue;
      sn = &g_array_index (t->subnets, Subnet, s);
      az = &g_array_index (t->azs, Az, sn->az);
      if (hi >= 0 && az->row != az_row)
        return FALSE;
      az_row = az->row;
      lo = MIN (lo, (int) az->position);
      hi = MAX (hi, (int) az->position);
      first_band = MIN (first_band, sn->band);
      last_band = MAX (last_band, sn->band);
    }
  if (hi < 0 || hi - lo > 1)
    return FALSE;
  n_in_row = MIN (t->per_row, t->azs->len - az_row * t->per_row);
  *row = az_row;
  *band = first_band;
  multi = last_band != first_band;
  first = lo == 0;
  last = (guint) lo + 1 == n_in_row;
  if (hi == lo + 1)
    *gutter = (guint) hi;
  else if (n_in_row == 1)
    *gutter = multi ? 0 : 1; /* one AZ: columns at its sides */
  else if (n_bands == 1)
    *gutter = last ? (guint) lo : (guint) lo + 1;
  else if (first)
    *gutter = multi ? 1 : 0;
  else if (last)
    *gutter = multi ? (guint) lo : (guint) lo + 1;
  else
    *gutter = multi ? (guint) lo : (guint) lo + 1;
  return TRUE;
}

static gboolean
is_vpc_workload (const VpcElement *w)
{
  return w->vpc_mode && w->subnets != NULL && w->subnets->len > 0;
}

static int
home_of (Tidy             *t,
         const VpcElement *e)
{
  if (e->kind == VPC_KIND_NAT_GATEWAY)
    return subnet_index (t, e->subnet);
  if (e->kind == VPC_KIND_WORKLOAD && is_vpc_workload (e))
    return subnet_index (t, g_ptr_array_index (e->subnets, 0));
  return -1;
}

/* Icons in rows from (@left, @top), @per_row a row; returns the bottom of
 * the last label. */
static double
put_rows (Tidy   *t,
          GArray *items,
          double  left,
          double  top,
          guint   per_row)
{
  double bottom = top;

  per_row = MAX (per_row, 1);
  for (guint i = 0; i < items->len; i++)
    {
      double x = left + (i % per_row) * CELL + (CELL - ICON) / 2;
      double y = top + (i / per_row) * t->row_h;

      const Ref *ref = &g_array_index (items, Ref, i);

      put (t, ref->kind, ref->index, x, y, ICON, ICON);
      bottom = MAX (bottom, y + t->label_h);
    }
  return bottom;
}

static gint
compare_shared (gconstpointer a,
                gconstpointer b)
{
  const Subnet *x = *(const Subnet *const *) a, *y = *(const Subnet *const *) b;

  if (x->az != y->az)
    return x->az < y->az ? -1 : 1;
  if (x->n_icons != y->n_icons) /* here: how many workloads share it */
    return x->n_icons > y->n_icons ? -1 : 1;
  return x->index < y->index ? -1 : x->index > y->index;
}

/* Subnets that workloads share with other subnets, or endpoints with
 * subnets of other AZs, come first in their AZ: a workload's links to its
 * other subnets then run along the corridor under the top band's headers
 * instead of down a gutter across the endpoints' links, and an endpoint of
 * two AZs finds both its subnets in one band. File order otherwise. */
static void
order_subnets (Tidy *t)
{
  guint n_wl = vpc_design_get_n_elements (t->design, VPC_KIND_WORKLOAD);
  g_autoptr(GPtrArray) sorted = g_ptr_array_sized_new (t->subnets->len);
  guint az = G_MAXUINT, next = 0;

  for (guint i = 0; i < n_wl; i++)
    {
      const VpcElement *w = vpc_design_get_element (t->design, VPC_KIND_WORKLOAD, i);

      if (!is_vpc_workload (w) || w->subnets->len < 2)
        continue;
      for (guint j = 0; j < w->subnets->len; j++)
        {
          int s = subnet_index (t, g_ptr_array_index (w->subnets, j));
          if (s >= 0)
            g_array_index (t->subnets, Subnet, s).n_icons++;
        }
    }
  /* Endpoints serving subnets of two AZs line up best in the top band too. */
  for (guint i = 0; i < vpc_design_get_n_elements (t->design, VPC_KIND_ENDPOINT); i++)
    {
      const VpcElement *ep = vpc_design_get_element (t->design, VPC_KIND_ENDPOINT, i);
      guint first_az = G_MAXUINT;
      gboolean across = FALSE;

      for (guint j = 0; ep->subnets != NULL && j < ep->subnets->len; j++)
        {
          int s = subnet_index (t, g_ptr_array_index (ep->subnets, j));
          if (s < 0)
            continue;
          if (first_az == G_MAXUINT)
            first_az = g_array_index (t->subnets, Subnet, s).az;
          else
            across |= g_array_index (t->subnets, Subnet, s).az != first_az;
        }
      for (guint j = 0; across && j < ep->subnets->len; j++)
        {
          int s = subnet_index (t, g_ptr_array_index (ep->subnets, j));
          if (s >= 0)
            g_array_index (t->subnets, Subnet, s).n_icons++;
        }
    }
  for (guint i = 0; i < t->subnets->len; i++)
    g_ptr_array_add (sorted, &g_array_index (t->subnets, Subnet, i));
  g_ptr_array_sort (sorted, compare_shared);
  for (guint i = 0; i < sorted->len; i++)
    {
      Subnet *sn = g_ptr_array_index (sorted, i);

      if (sn->az != az)
        az = sn->az, next = 0;
      sn->index = next++;
      sn->n_icons = 0;
    }
}

/* The AZs in file order, and the subnets of each. */
static void
collect_azs_and_subnets (Tidy *t)
{
  VpcDesign *design = t->design;
  guint n_az = vpc_design_get_n_elements (design, VPC_KIND_AZ);
  guint n_sn = vpc_design_get_n_elements (design, VPC_KIND_SUBNET);

  for (guint i = 0; i < n_az; i++)
    {
      Az az = { vpc_design_get_element (design, VPC_KIND_AZ, i), 0, 0, 0, { 0 } };

      g_array_append_val (t->azs, az);
      g_hash_table_insert (t->az_of, az.e->id, GUINT_TO_POINTER (i + 1));
    }
  for (guint i = 0; i < n_sn; i++)
    {
      Subnet sn = { vpc_design_get_element (design, VPC_KIND_SUBNET, i), 0 };
      guint a = GPOINTER_TO_UINT (g_hash_table_lookup (t->az_of, sn.e->az != NULL ? sn.e->az : ""));

      if (a == 0) /* the loader refuses this; stay safe */
        a = 1;
      if (t->azs->len == 0)
        continue;
      sn.az = a - 1;
      sn.index = g_array_index (t->azs, Az, sn.az).n_subnets++;
      t->max_per_az = MAX (t->max_per_az, sn.index + 1);
      g_array_append_val (t->subnets, sn);
      g_hash_table_insert (t->subnet_of, sn.e->id, GUINT_TO_POINTER (t->subnets->len));
    }
}

/* The icons that sit in a subnet: NAT gateways, then workloads. */
static guint
n_subnet_icons (Tidy *t)
{
  return vpc_design_get_n_elements (t->design, VPC_KIND_NAT_GATEWAY)
         + vpc_design_get_n_elements (t->design, VPC_KIND_WORKLOAD);
}

static const VpcElement *
subnet_icon (Tidy  *t,
             guint  i)
{
  guint n_nat = vpc_design_get_n_elements (t->design, VPC_KIND_NAT_GATEWAY);

  return i < n_nat ? vpc_design_get_element (t->design, VPC_KIND_NAT_GATEWAY, i)
                   : vpc_design_get_element (t->design, VPC_KIND_WORKLOAD, i - n_nat);
}

/* Icons per subnet: they set the subnets' sizes. */
static void
count_icons (Tidy *t)
{
  guint n = n_subnet_icons (t);

  t->homes = g_new (int, MAX (n, 1));
  for (guint i = 0; i < n; i++)
    {
      int s = t->homes[i] = home_of (t, subnet_icon (t, i));

      if (s >= 0)
        g_array_index (t->subnets, Subnet, s).n_icons++;
    }
}

/* The shape: AZs per row and subnet columns per AZ whose estimated size
 * is nearest a landscape page. Few AZs stay in one row, few subnets in one
 * column. */
static void
choose_shape (Tidy *t)
{
  guint n_az = t->azs->len, max_per_az = t->max_per_az;
  guint n_ep = vpc_design_get_n_elements (t->design, VPC_KIND_ENDPOINT);
  double band = SUBNET_MIN_H, col = PAD + SUBNET_MIN_COLS * CELL + PAD, best = G_MAXDOUBLE;
  guint max_rows, max_cols;

  t->per_row = MAX (n_az, 1);
  t->subnet_cols = 1;
  if (!(n_az > 4 || max_per_az > 8))
    return;
  max_rows = n_az > 4 ? MIN (n_az, 256) : 1;
  max_cols = max_per_az > 8 ? MIN (max_per_az, 64) : 1;
  for (guint i = 0; i < t->subnets->len; i++)
    {
      const Subnet *sn = &g_array_index (t->subnets, Subnet, i);
      guint cols = CLAMP (sn->n_icons, SUBNET_MIN_COLS, SUBNET_MAX_COLS);
      guint rows = (sn->n_icons + cols - 1) / cols;

      col = MAX (col, PAD + cols * CELL + PAD);
      if (rows > 0)
        band = MAX (band, t->subnet_top + (rows - 1) * t->row_h + t->label_h + BOTTOM_GAP);
    }
  for (guint rows = 1; rows <= max_rows; rows++)
    for (guint c = 1; c <= max_cols; c++)
      {
        guint per_row = (n_az + rows - 1) / rows;
        guint bands = (max_per_az + c - 1) / c;
        /* Endpoints spread over the gutters' bands. */
        double per_band = ceil ((double) n_ep / ((double) rows * bands * (per_row + 1)));
        double bh = MAX (band, t->subnet_top + per_band * t->row_h + BOTTOM_GAP);
        double w = per_row * (2 * PAD + c * (col + SUBNET_GAP) + (per_band > 0 ? GUTTER : AZ_GAP));
        double h = rows * (AZ_HEADER + bands * (bh + SUBNET_GAP) + PAD);
        double bad = fabs (log (w / h / PAGE_ASPECT));

        if (n_az > 4 && per_row < 4)
          continue;
        if (bad < best - 1e-9)
          {
            best = bad;
            t->per_row = MAX (per_row, 1);
            t->subnet_cols = c;
          }
      }
}

/* Each AZ's row and position in it; each subnet's band and column. */
static void
assign_rows_and_bands (Tidy *t)
{
  guint n_az = t->azs->len;

  t->n_rows = n_az > 0 ? (n_az + t->per_row - 1) / t->per_row : 0;
  for (guint i = 0; i < n_az; i++)
    {
      Az *az = &g_array_index (t->azs, Az, i);
      az->row = i / t->per_row;
      az->position = i % t->per_row;
    }
  t->n_bands = MAX ((t->max_per_az + t->subnet_cols - 1) / t->subnet_cols, 1);
  t->n_gutters = t->per_row + 1;
  for (guint i = 0; i < t->subnets->len; i++)
    {
      Subnet *sn = &g_array_index (t->subnets, Subnet, i);
      sn->band = sn->index / t->subnet_cols;
      sn->column = sn->index % t->subnet_cols;
    }
}

/* Endpoints: gutters first, in file order within each; the others go in
 * the rows below. */
static void
assign_endpoint_gutters (Tidy *t)
{
  guint n_ep = vpc_design_get_n_elements (t->design, VPC_KIND_ENDPOINT);
  guint n_gutters = t->n_gutters, n_bands = t->n_bands;

  t->gutter_count = g_new0 (guint, MAX (t->n_rows, 1) * n_gutters * n_bands);
  for (guint i = 0; i < n_ep; i++)
    {
      const VpcElement *ep = vpc_design_get_element (t->design, VPC_KIND_ENDPOINT, i);
      EpPlace *p = &t->eps[i];

      p->in_gutter = endpoint_gutter (t, ep, n_bands, &p->row, &p->gutter, &p->band);
      if (p->in_gutter)
        p->slot = t->gutter_count[(p->row * n_gutters + p->gutter) * n_bands + p->band]++;
      else
        add_ref (t->below, VPC_KIND_ENDPOINT, i);
    }
}

/* Which side of each subnet faces endpoints. */
static void
choose_gutter_sides (Tidy *t)
{
  const guint *gutter_count = t->gutter_count;
  guint n_bands = t->n_bands;

  for (guint i = 0; i < t->subnets->len; i++)
    {
      Subnet *sn = &g_array_index (t->subnets, Subnet, i);
      const Az *az = &g_array_index (t->azs, Az, sn->az);
      guint base = az->row * t->n_gutters;
      guint left = sn->column == 0 ? gutter_count[(base + az->position) * n_bands + sn->band] : 0;
      guint right_n = sn->column + 1 == t->subnet_cols || sn->index + 1 == az->n_subnets
                        ? gutter_count[(base + az->position + 1) * n_bands + sn->band] : 0;

      sn->gutter_side = right_n > left ? 1 : left > 0 ? -1 : 0;
    }
}

/* Sizes: subnet columns as wide as their fullest subnet needs, bands as
 * tall as their icons and the endpoints beside them need. */
static void
size_columns_and_bands (Tidy *t)
{
  guint n_az = t->azs->len, n_bands = t->n_bands, n_gutters = t->n_gutters;

  t->col_w = g_new0 (double, MAX (n_az, 1) * t->subnet_cols);
  t->band_h = g_new0 (double, MAX (t->n_rows, 1) * n_bands);
  for (guint i = 0; i < MAX (n_az, 1) * t->subnet_cols; i++)
    t->col_w[i] = PAD + SUBNET_MIN_COLS * CELL + PAD;
  for (guint i = 0; i < MAX (t->n_rows, 1) * n_bands; i++)
    t->band_h[i] = SUBNET_MIN_H;
  for (guint i = 0; i < t->subnets->len; i++)
    {
      const Subnet *sn = &g_array_index (t->subnets, Subnet, i);
      const Az *az = &g_array_index (t->azs, Az, sn->az);
      guint cols = CLAMP (sn->n_icons, SUBNET_MIN_COLS, SUBNET_MAX_COLS);
      guint rows = (sn->n_icons + cols - 1) / cols;
      double *w = &t->col_w[sn->az * t->subnet_cols + sn->column];
      double *h = &t->band_h[az->row * n_bands + sn->band];

      *w = MAX (*w, PAD + cols * CELL + PAD);
      if (rows > 0)
        *h = MAX (*h, t->subnet_top + (rows - 1) * t->row_h + t->label_h + BOTTOM_GAP);
    }
  for (guint r = 0; r < t->n_rows; r++)
    for (guint g = 0; g < n_gutters; g++)
      for (guint b = 0; b < n_bands; b++)
        {
          guint c = t->gutter_count[(r * n_gutters + g) * n_bands + b];
          double *h = &t->band_h[r * n_bands + b];

          if (c > 0)
            *h = MAX (*h, t->subnet_top + (c - 1) * t->row_h + t->label_h + BOTTOM_GAP);
        }
}

/* Gutter widths: room for an endpoint column, else the usual gap. */
static void
size_gutters (Tidy *t)
{
  guint n_bands = t->n_bands, n_gutters = t->n_gutters;

  t->gutter_w = g_new0 (double, MAX (t->n_rows, 1) * n_gutters);
  for (guint r = 0; r < t->n_rows; r++)
    for (guint g = 0; g < n_gutters; g++)
      {
        gboolean used = FALSE;

        for (guint b = 0; b < n_bands; b++)
          used |= t->gutter_count[(r * n_gutters + g) * n_bands + b] > 0;
        t->gutter_w[r * n_gutters + g] = used ? GUTTER : g == 0 || g + 1 == n_gutters ? 0 : AZ_GAP;
      }
}

/* The tops of AZ row @r's bands, the row starting at @y; returns the
 * height of its AZs. */
static double
put_bands (Tidy   *t,
           guint   r,
           double  y)
{
  double az_h = AZ_HEADER + PAD - SUBNET_GAP;
  double by = y + AZ_HEADER;

  for (guint b = 0; b < t->n_bands; b++)
    {
      t->band_top[r * t->n_bands + b] = by;
      by += t->band_h[r * t->n_bands + b] + SUBNET_GAP;
      az_h += t->band_h[r * t->n_bands + b] + SUBNET_GAP;
    }
  return az_h;
}

/* The AZs of row @r side by side from @vx, each as wide as its subnet
 * columns, with the gutters between them; grows *@right. */
static void
put_row_azs (Tidy   *t,
             guint   r,
             double  vx,
             double  y,
             double  az_h,
             double *right)
{
  guint n_az = t->azs->len, n_gutters = t->n_gutters;
  double x = vx + PAD;

  for (guint p = 0; p < t->per_row && r * t->per_row + p < n_az; p++)
    {
      guint a = r * t->per_row + p;
      Az *az = &g_array_index (t->azs, Az, a);
      double w = PAD - SUBNET_GAP + PAD;
      guint used_cols = MIN (t->subnet_cols, MAX (az->n_subnets, 1));

      x += t->gutter_w[r * n_gutters + p];
      for (guint c = 0; c < used_cols; c++)
        w += t->col_w[a * t->subnet_cols + c] + SUBNET_GAP;
      az->r = (VpcRect) { x, y, w, az_h };
      put (t, VPC_KIND_AZ, a, x, y, w, az_h);
      x += w;
      *right = MAX (*right, x + t->gutter_w[r * n_gutters + p + 1] + PAD);
    }
}

/* Endpoints in the gutters of row @r, centred in theirs, one per row of
 * icons in their band. */
static void
put_gutter_endpoints (Tidy  *t,
                      guint  r)
{
  guint n_az = t->azs->len, n_gutters = t->n_gutters;
  guint n_ep = vpc_design_get_n_elements (t->design, VPC_KIND_ENDPOINT);

  for (guint i = 0; i < n_ep; i++)
    {
      const EpPlace *ep = &t->eps[i];
      double gx;

      if (!ep->in_gutter || ep->row != r)
        continue;
      if (ep->gutter < t->per_row && r * t->per_row + ep->gutter < n_az)
        gx = g_array_index (t->azs, Az, r * t->per_row + ep->gutter).r.x;
      else
        {
          const Az *last = &g_array_index (t->azs, Az, MIN (n_az, (r + 1) * t->per_row) - 1);
          gx = last->r.x + last->r.w + t->gutter_w[r * n_gutters + ep->gutter];
        }
      gx -= t->gutter_w[r * n_gutters + ep->gutter] / 2;
      put (t, VPC_KIND_ENDPOINT, i, gx - ICON / 2,
           t->band_top[r * t->n_bands + ep->band] + t->subnet_top + ep->slot * t->row_h,
           ICON, ICON);
    }
}

/* Geometry, row by row: bands, AZs and the endpoints in the gutters.
 * Returns the bottom of the last row, padding included; grows *@right. */
static double
put_az_rows (Tidy   *t,
             double  vx,
             double  vy,
             double *right)
{
  double y = vy + VPC_HEADER;

  t->band_top = g_new0 (double, MAX (t->n_rows, 1) * t->n_bands);
  for (guint r = 0; r < t->n_rows; r++)
    {
      double az_h = put_bands (t, r, y);

      put_row_azs (t, r, vx, y, az_h, right);
      put_gutter_endpoints (t, r);
      y += az_h + PAD;
    }
  return y;
}

/* Subnets in their bands and columns. */
static void
put_subnets (Tidy *t)
{
  for (guint i = 0; i < t->subnets->len; i++)
    {
      Subnet *sn = &g_array_index (t->subnets, Subnet, i);
      const Az *az = &g_array_index (t->azs, Az, sn->az);
      double x = az->r.x + PAD;

      for (guint c = 0; c < sn->column; c++)
        x += t->col_w[sn->az * t->subnet_cols + c] + SUBNET_GAP;
      sn->r = (VpcRect) { x, t->band_top[az->row * t->n_bands + sn->band],
                          t->col_w[sn->az * t->subnet_cols + sn->column],
                          t->band_h[az->row * t->n_bands + sn->band] };
      /* t->subnets holds every subnet in file order (when there are AZs). */
      put (t, VPC_KIND_SUBNET, i, sn->r.x, sn->r.y, sn->r.w, sn->r.h);
    }
}

/* NAT gateways, then workloads, inside their subnet, away from the
 * endpoints' side; those without one go below the AZs, or below the VPC
 * for workloads outside it. */
static void
put_subnet_icons (Tidy *t)
{
  g_autofree guint *used = g_new0 (guint, MAX (t->subnets->len, 1));
  guint n = n_subnet_icons (t);
  guint n_nat = vpc_design_get_n_elements (t->design, VPC_KIND_NAT_GATEWAY);

  for (guint i = 0; i < n; i++)
    {
      const VpcElement *e = subnet_icon (t, i);
      int s = t->homes[i];
      VpcKind kind = i < n_nat ? VPC_KIND_NAT_GATEWAY : VPC_KIND_WORKLOAD;
      guint index = i < n_nat ? i : i - n_nat;
      const Subnet *sn;
      guint cols, slot, col;
      double x;

      if (s < 0)
        {
          add_ref (e->kind == VPC_KIND_WORKLOAD && !is_vpc_workload (e) ? t->outside : t->below,
                   kind, index);
          continue;
        }
      sn = &g_array_index (t->subnets, Subnet, s);
      cols = CLAMP (sn->n_icons, SUBNET_MIN_COLS, SUBNET_MAX_COLS);
      slot = used[s]++;
      col = slot % cols;
      if (sn->gutter_side > 0)
        x = sn->r.x + PAD + col * CELL;
      else
        x = sn->r.x + sn->r.w - PAD - (col + 1) * CELL;
      if (sn->gutter_side == 0)
        x = sn->r.x + PAD + col * CELL;
      put (t, kind, index, x + (CELL - ICON) / 2,
           sn->r.y + t->subnet_top + (slot / cols) * t->row_h, ICON, ICON);
    }
}

/* Security groups after the endpoints that did not find a gutter, in rows
 * from @y as wide as the content; returns the VPC's bottom. */
static double
put_rows_below (Tidy   *t,
                double  vx,
                double  y,
                double  right)
{
  guint n_sg = vpc_design_get_n_elements (t->design, VPC_KIND_SECURITY_GROUP);
  double bottom = y;

  for (guint i = 0; i < n_sg; i++)
    add_ref (t->below, VPC_KIND_SECURITY_GROUP, i);
  if (t->below->len > 0)
    {
      guint per_row = (guint) MAX (1, floor ((right - vx - 2 * PAD) / CELL));
      bottom = put_rows (t, t->below, vx + PAD, y, per_row) + PAD;
    }
  return bottom;
}

/* The VPC's box, and the workloads outside it in rows under it. */
static void
put_vpc_and_outside (Tidy   *t,
                     double  vx,
                     double  vy,
                     double  right,
                     double  bottom)
{
  VpcRect *vpc = &t->placed->vpc;

  *vpc = (VpcRect) { vpc_layout_clamp_coord (vx), vpc_layout_clamp_coord (vy),
                     vpc_layout_clamp_size (right - vx, 300),
                     vpc_layout_clamp_size (MAX (bottom - vy, VPC_HEADER + PAD), 300) };
  if (t->outside->len > 0)
    {
      guint per_row = (guint) MAX (1, floor ((vpc->w - 2 * PAD) / CELL));
      put_rows (t, t->outside, vx + PAD, vpc->y + vpc->h + 2 * PAD, per_row);
    }
}

static void
compute (Tidy   *t,
         double  vx,
         double  vy)
{
  double right = vx + 2 * PAD + 300, y, bottom;

  /* Structure first: what goes where, and how many. */
  collect_azs_and_subnets (t);
  order_subnets (t);
  count_icons (t);
  choose_shape (t);
  assign_rows_and_bands (t);
  assign_endpoint_gutters (t);
  choose_gutter_sides (t);
  /* Then sizes, then places. */
  size_columns_and_bands (t);
  size_gutters (t);
  y = put_az_rows (t, vx, vy, &right);
  put_subnets (t);
  put_subnet_icons (t);
  bottom = put_rows_below (t, vx, y, right);
  put_vpc_and_outside (t, vx, vy, right, bottom);
}

/* Whether @id is selected, or lies inside a selected container. */
static gboolean
chosen (VpcDesign        *design,
        GHashTable       *ids,
        const VpcElement *e)
{
  const VpcElement *sn;

  if (ids == NULL || g_hash_table_contains (ids, e->id))
    return TRUE;
  switch (e->kind)
    {
    case VPC_KIND_SUBNET:
      return e->az != NULL && g_hash_table_contains (ids, e->az);
    case VPC_KIND_NAT_GATEWAY:
      sn = e->subnet != NULL ? vpc_design_lookup (design, e->subnet) : NULL;
      return sn != NULL && chosen (design, ids, sn);
    case VPC_KIND_WORKLOAD:
      sn = is_vpc_workload (e) ? vpc_design_lookup (design, g_ptr_array_index (e->subnets, 0))
                               : NULL;
      return sn != NULL && chosen (design, ids, sn);
    case VPC_KIND_AZ:
    case VPC_KIND_SECURITY_GROUP:
    case VPC_KIND_ENDPOINT:
    case VPC_N_KINDS:
    default:
      return FALSE;
    }
}

/* The container an element is drawn in for Tidy: a subnet's AZ, a NAT
 * gateway's or VPC-mode workload's (first) subnet; NULL for the VPC. */
static const VpcElement *
container_of (VpcDesign        *design,
              const VpcElement *e)
{
  switch (e->kind)
    {
    case VPC_KIND_SUBNET:
      return e->az != NULL ? vpc_design_lookup (design, e->az) : NULL;
    case VPC_KIND_NAT_GATEWAY:
      return e->subnet != NULL ? vpc_design_lookup (design, e->subnet) : NULL;
    case VPC_KIND_WORKLOAD:
      return is_vpc_workload (e) ? vpc_design_lookup (design, g_ptr_array_index (e->subnets, 0))
                                 : NULL;
    case VPC_KIND_AZ:
    case VPC_KIND_SECURITY_GROUP:
    case VPC_KIND_ENDPOINT:
    case VPC_N_KINDS:
    default:
      return NULL;
    }
}

/* How far a selected element moves from Tidy's place: as far as the
 * nearest container that stays (is not selected) lies from its own place
 * in Tidy's layout, so that a selection is tidied where it is. */
static void
offset_of (VpcDesign        *design,
           const VpcLayoutPlaced *placed,
           GHashTable       *ids,
           const VpcElement *e,
           double           *dx,
           double           *dy)
{
  const VpcElement *parent;
  const VpcRect *r;

  *dx = *dy = 0;
  if (ids == NULL || (parent = container_of (design, e)) == NULL)
    return;
  if (chosen (design, ids, parent))
    {
      offset_of (design, placed, ids, parent, dx, dy);
      return;
    }
  r = vpc_layout_placed_get (placed, parent->kind, vpc_design_index_of (design, parent->id));
  if (r != NULL && parent->has_layout)
    {
      *dx = parent->layout.x - r->x;
      *dy = parent->layout.y - r->y;
    }
}

VpcLayoutPlaced *
vpc_layout_placed_new (VpcDesign *design)
{
  VpcLayoutPlaced *placed = g_new0 (VpcLayoutPlaced, 1);

  for (guint k = 0; k < VPC_N_KINDS; k++)
    {
      guint n = MAX (vpc_design_get_n_elements (design, k), 1);

      placed->rects[k] = g_new (VpcRect, n);
      placed->has[k] = g_new0 (gboolean, n);
    }
  return placed;
}

void
vpc_layout_placed_free (VpcLayoutPlaced *placed)
{
  if (placed == NULL)
    return;
  for (guint k = 0; k < VPC_N_KINDS; k++)
    {
      g_free (placed->rects[k]);
      g_free (placed->has[k]);
    }
  g_free (placed);
}

const VpcRect *
vpc_layout_placed_get (const VpcLayoutPlaced *placed,
                       VpcKind                kind,
                       int                    index)
{
  return index >= 0 && placed->has[kind][index] ? &placed->rects[kind][index] : NULL;
}

VpcLayoutPlaced *
vpc_layout_tidy_compute (VpcDesign *design,
                         double     text_scale,
                         VpcRect   *vpc)
{
  const VpcDesignInfo *info = vpc_design_get_info (design);
  Tidy t = { design };

  text_scale = isfinite (text_scale) ? CLAMP (text_scale, 1.0, 2.0) : 1.0;
  t.label_h
      = VPC_GEOMETRY_TILE + VPC_GEOMETRY_LABEL_GAP
        + text_scale
              * (VPC_GEOMETRY_LABEL_LINES * VPC_GEOMETRY_NAME_LINE_H + VPC_GEOMETRY_KIND_LINE_H);
  /* The subnet's header grows with the text, and ports stay below it. */
  t.subnet_top = SUBNET_TOP + 40.0 * (text_scale - 1.0);
  t.row_h = MAX (104.0, ceil (t.label_h + 15));
  t.azs = g_array_new (FALSE, FALSE, sizeof (Az));
  t.subnets = g_array_new (FALSE, FALSE, sizeof (Subnet));
  t.subnet_of = g_hash_table_new (g_str_hash, g_str_equal);
  t.az_of = g_hash_table_new (g_str_hash, g_str_equal);
  t.placed = vpc_layout_placed_new (design);
  t.eps = g_new0 (EpPlace, MAX (vpc_design_get_n_elements (design, VPC_KIND_ENDPOINT), 1));
  t.below = g_array_new (FALSE, FALSE, sizeof (Ref));
  t.outside = g_array_new (FALSE, FALSE, sizeof (Ref));
  compute (&t, vpc_layout_clamp_coord (info->vpc_layout.x),
           vpc_layout_clamp_coord (info->vpc_layout.y));
  *vpc = t.placed->vpc;
  g_array_unref (t.azs);
  g_array_unref (t.subnets);
  g_hash_table_unref (t.subnet_of);
  g_hash_table_unref (t.az_of);
  g_free (t.eps);
  g_free (t.gutter_count);
  g_free (t.band_h);
  g_free (t.band_top);
  g_free (t.col_w);
  g_free (t.gutter_w);
  g_free (t.homes);
  g_array_unref (t.below);
  g_array_unref (t.outside);
  return t.placed;
}

void
vpc_layout_apply (VpcDesign             *design,
                  const VpcLayoutPlaced *placed,
                  const VpcRect *vpc,
                  GHashTable    *ids,
                  gboolean       only_missing)
{
  const VpcDesignInfo *info = vpc_design_get_info (design);

  if (vpc != NULL && (ids == NULL || !only_missing) &&
      (!info->has_vpc_layout || memcmp (vpc, &info->vpc_layout, sizeof *vpc) != 0) &&
      (!only_missing || !info->has_vpc_layout))
    {
      g_autoptr(VpcDesignInfo) copy = vpc_design_info_copy (info);

      copy->has_vpc_layout = TRUE;
      copy->vpc_layout = *vpc;
      if (ids != NULL)
        {
          /* A selection keeps the VPC's box, grown to hold the result. */
          copy->vpc_layout.w = MAX (info->vpc_layout.w, vpc->w);
          copy->vpc_layout.h = MAX (info->vpc_layout.h, vpc->h);
        }
      if (memcmp (&copy->vpc_layout, &info->vpc_layout, sizeof *vpc) != 0 || !info->has_vpc_layout)
        vpc_design_set_info (design, g_steal_pointer (&copy));
    }
  for (guint k = 0; k < VPC_N_KINDS; k++)
    for (guint i = 0; i < vpc_design_get_n_elements (design, k); i++)
      {
        const VpcElement *e = vpc_design_get_element (design, k, i);
        const VpcRect *tidy = vpc_layout_placed_get (placed, k, (int) i);
        VpcRect r;
        double dx, dy;

        if (tidy == NULL || (only_missing && e->has_layout) || !chosen (design, ids, e))
          continue;
        offset_of (design, placed, ids, e, &dx, &dy);
        r = (VpcRect){ vpc_layout_clamp_coord (tidy->x + dx), vpc_layout_clamp_coord (tidy->y + dy),
                       tidy->w, tidy->h };
        if (e->has_layout && memcmp (&r, &e->layout, sizeof r) == 0)
          continue;
        vpc_design_set_layout (design, k, i, &r);
      }
}

gboolean
vpc_layout_tidy (VpcDesign         *design,
                 const char *const *ids,
                 double             text_scale)
{
  g_autoptr(VpcLayoutPlaced) placed = NULL;
  g_autoptr(GHashTable) chosen_ids = NULL;
  VpcRect vpc;

  g_return_val_if_fail (VPC_IS_DESIGN (design), FALSE);

  if (ids != NULL && ids[0] != NULL)
    {
      chosen_ids = g_hash_table_new (g_str_hash, g_str_equal);
      for (guint i = 0; ids[i] != NULL; i++)
        g_hash_table_add (chosen_ids, (gpointer) ids[i]);
    }
  placed = vpc_layout_tidy_compute (design, text_scale, &vpc);
  vpc_design_begin (design, _("Tidy"));
  vpc_layout_apply (design, placed, &vpc, chosen_ids, FALSE);
  vpc_layout_contain (design);
  return vpc_design_commit (design);
}
