/* SPDX-License-Identifier: GPL-3.0-or-later */
/* vpc-layout-contain.c: the canvas and the model never disagree about what
 * is inside what. The rule, axis by axis (x and y are independent):
 *
 *  - a subnet lies inside its AZ's box, an AZ inside the VPC box, and a NAT
 *    gateway or VPC-mode workload whose centre is in its (first) subnet lies
 *    wholly inside that subnet (an icon elsewhere is linked by a line);
 *  - bottom-up, a container grows to hold a child that sticks out (with the
 *    margins the automatic layout uses, when they fit), as long as it stays
 *    within the format's limits;
 *  - top-down, a child that is still not inside moves to the nearest place
 *    inside, shrinking to the container's size when it is bigger; what sits
 *    inside a moved container moves with it.
 *
 * "Inside" is computed exactly as the move computes it, so a second run
 * finds nothing to do. Elements without a layout are left alone. */
#include "vpc-layout-private.h"

#include <math.h>
#include <string.h>

#include "vpc-design-private.h"
#include "vpc-i18n.h"

#define LIMIT VPC_LAYOUT_LIMIT

typedef struct
{
  VpcRect r;
  gboolean has;
  int      parent;  /* index in the parent kind's list, or -1 */
} Box;

typedef struct
{
  double lo, hi; /* before and after the child, along one axis */
} Margin;

/* The children of each container kind, and the margins a container grows by. */
static const VpcKind icon_kinds[] = { VPC_KIND_NAT_GATEWAY, VPC_KIND_WORKLOAD };

typedef struct
{
  VpcDesign *design;
  GArray    *boxes[VPC_N_KINDS]; /* of Box, for AZs, subnets and icon kinds */
  Box        vpc;
  const int *parents[VPC_N_KINDS]; /* each box's parent (the design's Parents) */
} Contain;

/* Which container each element is drawn in, kept on the design while its
 * content (all but boxes) stays as it was: a move at 100,000 elements
 * looked up 100,000 ids to find them again. */
typedef struct
{
  guint64 content_revision;
  int    *of[VPC_N_KINDS]; /* NULL until asked for */
} Parents;

#define PARENTS_KEY "vpc-layout-parents"

double
vpc_layout_clamp_coord (double v)
{
  return isnan (v) ? 0 : CLAMP (v, -LIMIT, LIMIT);
}

double
vpc_layout_clamp_size (double v,
                       double fallback)
{
  return v > 0 ? MIN (v, LIMIT) : fallback;
}

/* Where a child of size @cw may start inside [p, p + pw] (also never past
 * the coordinate limit); the child is inside when its size is at most
 * @pw and its start within [*lo, *hi]. */
static void
axis_range (double  p,
            double  pw,
            double  cw,
            double *lo,
            double *hi)
{
  *lo = p;
  *hi = MAX (p, MIN (p + pw - MIN (cw, pw), LIMIT));
}

static gboolean
inside_axis (double p,
             double pw,
             double c,
             double cw)
{
  double lo, hi;

  axis_range (p, pw, cw, &lo, &hi);
  return cw <= pw && c >= lo && c <= hi;
}

/* Moves (and if needed shrinks) the child to the nearest place inside. */
static void
fit_axis (double  p,
          double  pw,
          double *c,
          double *cw)
{
  double lo, hi;

  *cw = MIN (*cw, pw);
  axis_range (p, pw, *cw, &lo, &hi);
  *c = CLAMP (*c, lo, hi);
}

/* Grows the container to hold the child, with @m where that fits, and not
 * at all where it would exceed the format's limits. Only a side the child
 * sticks out of moves. */
static void
grow_axis (double *p,
           double *pw,
           double  c,
           double  cw,
           Margin  m)
{
  if (inside_axis (*p, *pw, c, cw))
    return;
  for (int with_margin = 1; with_margin >= 0; with_margin--)
    {
      double x0 = c < *p ? c - with_margin * m.lo : *p;
      double x1 = c + cw > *p + *pw ? c + cw + with_margin * m.hi : *p + *pw;

      x0 = MAX (x0, -LIMIT);
      if (x1 - x0 <= LIMIT)
        {
          *p = x0;
          *pw = x1 - x0;
          return;
        }
    }
}

static void
grow (VpcRect       *parent,
      const VpcRect *child,
      Margin         mx,
      Margin         my)
{
  grow_axis (&parent->x, &parent->w, child->x, child->w, mx);
  grow_axis (&parent->y, &parent->h, child->y, child->h, my);
}

static void
fit (const VpcRect *parent,
     VpcRect       *child)
{
  fit_axis (parent->x, parent->w, &child->x, &child->w);
  fit_axis (parent->y, parent->h, &child->y, &child->h);
}

static gboolean
rect_inside (const VpcRect *parent,
             const VpcRect *child)
{
  return inside_axis (parent->x, parent->w, child->x, child->w) &&
         inside_axis (parent->y, parent->h, child->y, child->h);
}

static gboolean
centre_inside (const VpcRect *parent,
               const VpcRect *child)
{
  double cx = child->x + child->w / 2, cy = child->y + child->h / 2;

  return cx >= parent->x && cx <= parent->x + parent->w &&
         cy >= parent->y && cy <= parent->y + parent->h;
}


const char *
vpc_layout_container_of (const VpcElement *e)
{
  switch (e->kind)
    {
    case VPC_KIND_SUBNET:
      return e->az;
    case VPC_KIND_NAT_GATEWAY:
      return e->subnet;
    case VPC_KIND_WORKLOAD:
      return e->vpc_mode && e->subnets != NULL && e->subnets->len > 0 ?
             g_ptr_array_index (e->subnets, 0) : NULL;
    case VPC_KIND_AZ:
    case VPC_KIND_SECURITY_GROUP:
    case VPC_KIND_ENDPOINT:
    case VPC_N_KINDS:
    default:
      return NULL;
    }
}

/* Which container each element of @kind is drawn in, as an index in
 * @parent_kind's list (-1: none). Containment only moves boxes, so this
 * holds for every round of one call. */
static int *
find_parents (VpcDesign *design,
              VpcKind    kind,
              VpcKind    parent_kind)
{
  guint n = vpc_design_get_n_elements (design, kind);
  int *parents = g_new (int, MAX (n, 1));

  for (guint i = 0; i < n; i++)
    {
      const VpcElement *e = vpc_design_get_element (design, kind, i);
      const char *id = vpc_layout_container_of (e);

      parents[i] = id != NULL ? vpc_design_index_of_kind (design, id, parent_kind) : -1;
    }
  return parents;
}

static void
parents_free (gpointer data)
{
  Parents *parents = data;

  for (guint k = 0; k < VPC_N_KINDS; k++)
    g_free (parents->of[k]);
  g_free (parents);
}

/* The containers of @kind's elements in @parent_kind's list. */
static const int *
parents_of (VpcDesign *design,
            VpcKind    kind,
            VpcKind    parent_kind)
{
  Parents *parents = g_object_get_data (G_OBJECT (design), PARENTS_KEY);
  guint64 revision = vpc_design_get_content_revision (design);

  if (parents == NULL || parents->content_revision != revision)
    {
      parents = g_new0 (Parents, 1);
      parents->content_revision = revision;
      g_object_set_data_full (G_OBJECT (design), PARENTS_KEY, parents, parents_free);
    }
  if (parents->of[kind] == NULL)
    parents->of[kind] = find_parents (design, kind, parent_kind);
  return parents->of[kind];
}

static void
gather_kind (Contain *c,
             VpcKind  kind,
             VpcKind  parent_kind)
{
  guint n = vpc_design_get_n_elements (c->design, kind);
  GArray *boxes = g_array_sized_new (FALSE, TRUE, sizeof (Box), n);

  if (c->parents[kind] == NULL && kind != VPC_KIND_AZ)
    c->parents[kind] = parents_of (c->design, kind, parent_kind);
  g_array_set_size (boxes, n);
  for (guint i = 0; i < n; i++)
    {
      const VpcElement *e = vpc_design_get_element (c->design, kind, i);
      Box *b = &g_array_index (boxes, Box, i);

      b->r = e->layout;
      b->has = e->has_layout;
      b->parent = kind == VPC_KIND_AZ ? -1 : c->parents[kind][i];
    }
  c->boxes[kind] = boxes;
}

/* The boxes as the design has them now (the parents found once). */
static void
gather (Contain *c)
{
  const VpcDesignInfo *info = vpc_design_get_info (c->design);

  c->vpc = (Box) { info->vpc_layout, info->has_vpc_layout, -1 };
  gather_kind (c, VPC_KIND_AZ, VPC_N_KINDS);
  gather_kind (c, VPC_KIND_SUBNET, VPC_KIND_AZ);
  for (guint k = 0; k < G_N_ELEMENTS (icon_kinds); k++)
    gather_kind (c, icon_kinds[k], VPC_KIND_SUBNET);
}

static void
clear_boxes (Contain *c)
{
  for (guint k = 0; k < VPC_N_KINDS; k++)
    g_clear_pointer (&c->boxes[k], g_array_unref);
}

static void
clear (Contain *c)
{
  clear_boxes (c);
  memset (c->parents, 0, sizeof c->parents);
}

static Box *
box (Contain *c,
     VpcKind  kind,
     guint    i)
{
  return &g_array_index (c->boxes[kind], Box, i);
}

/* The container of a box, when both are laid out. */
static Box *
parent_box (Contain *c,
            VpcKind  kind,
            Box     *b)
{
  Box *p;

  if (!b->has)
    return NULL;
  if (kind == VPC_KIND_AZ)
    return c->vpc.has ? &c->vpc : NULL;
  if (b->parent < 0)
    return NULL;
  p = box (c, kind == VPC_KIND_SUBNET ? VPC_KIND_AZ : VPC_KIND_SUBNET, b->parent);
  return p->has ? p : NULL;
}

static void
grow_all (Contain *c)
{
  static const Margin icon_x = { VPC_GEOMETRY_PAD, VPC_GEOMETRY_PAD };
  static const Margin icon_y = { VPC_GEOMETRY_SUBNET_TOP, VPC_GEOMETRY_ENI_STRIP };
  static const Margin subnet_x = { VPC_GEOMETRY_PAD, VPC_GEOMETRY_PAD };
  static const Margin subnet_y = { VPC_GEOMETRY_AZ_HEADER, VPC_GEOMETRY_PAD };
  static const Margin az_x = { VPC_GEOMETRY_PAD, VPC_GEOMETRY_PAD };
  static const Margin az_y = { VPC_GEOMETRY_VPC_HEADER, VPC_GEOMETRY_PAD };

  for (guint k = 0; k < G_N_ELEMENTS (icon_kinds); k++)
    for (guint i = 0; i < c->boxes[icon_kinds[k]]->len; i++)
      {
        Box *b = box (c, icon_kinds[k], i), *p = parent_box (c, icon_kinds[k], b);
        if (p != NULL && centre_inside (&p->r, &b->r))
          grow (&p->r, &b->r, icon_x, icon_y);
      }
  for (guint i = 0; i < c->boxes[VPC_KIND_SUBNET]->len; i++)
    {
      Box *b = box (c, VPC_KIND_SUBNET, i), *p = parent_box (c, VPC_KIND_SUBNET, b);
      if (p != NULL)
        grow (&p->r, &b->r, subnet_x, subnet_y);
    }
  for (guint i = 0; i < c->boxes[VPC_KIND_AZ]->len; i++)
    {
      Box *b = box (c, VPC_KIND_AZ, i), *p = parent_box (c, VPC_KIND_AZ, b);
      if (p != NULL)
        grow (&p->r, &b->r, az_x, az_y);
    }
}

/* Fits the children of @kind into their containers, top-down.
 * @parents_before holds the containers' rectangles before this pass moved
 * them (NULL for the VPC, which does not move): what was inside a container
 * moves along with it. Returns the children's rectangles before the pass. */
static VpcRect *
fit_kind (Contain       *c,
          VpcKind        kind,
          const VpcRect *parents_before)
{
  guint n = c->boxes[kind]->len;
  VpcRect *before = g_new0 (VpcRect, n);

  for (guint i = 0; i < n; i++)
    {
      Box *b = box (c, kind, i), *p = parent_box (c, kind, b);
      gboolean was_held = TRUE;

      before[i] = b->r;
      if (p == NULL)
        continue;
      if (parents_before != NULL)
        {
          const VpcRect *old_p = &parents_before[b->parent];
          double dx = p->r.x - old_p->x, dy = p->r.y - old_p->y;

          was_held = kind == VPC_KIND_SUBNET || centre_inside (old_p, &b->r);
          if (was_held && (dx != 0 || dy != 0))
            {
              b->r.x += dx;
              b->r.y += dy;
            }
        }
      if (was_held || centre_inside (&p->r, &b->r))
        fit (&p->r, &b->r);
    }
  return before;
}

static void
fit_all (Contain *c)
{
  g_autofree VpcRect *azs = fit_kind (c, VPC_KIND_AZ, NULL);
  g_autofree VpcRect *subnets = fit_kind (c, VPC_KIND_SUBNET, azs);

  for (guint k = 0; k < G_N_ELEMENTS (icon_kinds); k++)
    g_free (fit_kind (c, icon_kinds[k], subnets));
}

/* Records the boxes that moved; FALSE when none did. */
static gboolean
record (Contain *c)
{
  const VpcDesignInfo *info = vpc_design_get_info (c->design);
  gboolean changed = FALSE;

  if (c->vpc.has && !vpc_rect_equal (&c->vpc.r, &info->vpc_layout))
    {
      VpcDesignInfo *copy = vpc_design_info_copy (info);

      copy->vpc_layout = c->vpc.r;
      vpc_design_set_info (c->design, copy);
      changed = TRUE;
    }
  for (guint k = 0; k < VPC_N_KINDS; k++)
    for (guint i = 0; c->boxes[k] != NULL && i < c->boxes[k]->len; i++)
      {
        const VpcElement *e = vpc_design_get_element (c->design, k, i);
        Box *b = box (c, k, i);

        if (!b->has || vpc_rect_equal (&b->r, &e->layout))
          continue;
        vpc_design_set_layout (c->design, k, i, &b->r);
        changed = TRUE;
      }
  return changed;
}

/* TRUE when every box of the design (gathered into @c) is inside. */
static gboolean
is_contained (Contain *c)
{
  gboolean ok = TRUE;

  gather (c);
  for (guint k = 0; k < VPC_N_KINDS && ok; k++)
    for (guint i = 0; c->boxes[k] != NULL && i < c->boxes[k]->len && ok; i++)
      {
        Box *b = box (c, k, i), *p = parent_box (c, k, b);
        gboolean is_icon = k == VPC_KIND_NAT_GATEWAY || k == VPC_KIND_WORKLOAD;

        if (p != NULL && (!is_icon || centre_inside (&p->r, &b->r)))
          ok = rect_inside (&p->r, &b->r);
      }
  clear_boxes (c);
  return ok;
}

void
vpc_layout_contain (VpcDesign *design)
{
  Contain c = { design };
  gboolean settled = FALSE;

  g_return_if_fail (VPC_IS_DESIGN (design));

  /* Growing a box can push its own box out of its parent: repeat until
   * nothing moves (a few rounds at most: each round settles one level of
   * VPC ⊃ AZ ⊃ subnet ⊃ icon), so that a second call changes nothing.
   * A round that moved nothing would move nothing again: stop there. */
  vpc_design_begin (design, _("Keep elements inside their boxes"));
  for (guint round = 0; round < 8 && !settled; round++)
    {
      if (round > 0 && is_contained (&c))
        {
          settled = TRUE;
          break;
        }
      gather (&c);
      grow_all (&c);
      fit_all (&c);
      settled = !record (&c);
      clear_boxes (&c);
    }
  clear (&c);
  /* Before the commit: a refused outermost step puts back a state that
   * need not be settled (and changes the revision). */
  if (settled)
    _vpc_design_note_contained (design);
  vpc_design_commit (design);
}

gboolean
vpc_layout_is_contained (VpcDesign *design)
{
  Contain c = { design };
  gboolean ok;

  g_return_val_if_fail (VPC_IS_DESIGN (design), FALSE);

  ok = is_contained (&c);
  clear (&c);
  return ok;
}
