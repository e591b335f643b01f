/* SPDX-License-Identifier: GPL-3.0-or-later */
/* vpc-render-path.h: a traced path (vpc-trace.h) drawn over the diagram,
 * hop by hop: the workload, each of its subnets, then the way out of that
 * subnet (an interface endpoint's network interface, a gateway endpoint, a
 * NAT gateway, the internet) to the service, which a labelled end badge
 * shows ("ecr.dkr ✗"). Each subnet's line is coloured by its verdict; the
 * elements that block the path are outlined.
 *
 * GTK-free (cairo and pango): the canvas draws it after vpc_render_design()
 * with the same options, so it follows the drawn connectors and network
 * interface markers, drag previews included. */
#pragma once

#include <cairo.h>

#include "vpc-render.h"
#include "vpc-render-routes.h"
#include "vpc-trace.h"

G_BEGIN_DECLS

typedef enum {
  VPC_PATH_OK,       /* reachable, nothing in the way */
  VPC_PATH_PROBLEMS, /* reachable, but findings stand in its way */
  VPC_PATH_NONE,     /* no way out of the subnet (via none) */
} VpcPathVerdict;

/* The verdict of one subnet's path. */
VpcPathVerdict vpc_path_verdict (const VpcTracePath *path);

typedef enum {
  VPC_HOP_WORKLOAD,
  VPC_HOP_SUBNET,    /* where the line meets the subnet: a port on its border */
  VPC_HOP_INTERFACE, /* an interface endpoint's network interface marker */
  VPC_HOP_ENDPOINT,  /* an interface or gateway endpoint */
  VPC_HOP_NAT,       /* a NAT gateway */
  VPC_HOP_SERVICE,   /* the end badge */
} VpcHopKind;

typedef struct
{
  VpcHopKind  kind;
  char       *id;   /* the element (an interface: its endpoint); the service's name */
  double      x, y; /* world: an icon's centre, a port, a marker's centre, the badge's centre */
} VpcPathHop;

typedef struct
{
  guint           path;    /* index in trace->paths; G_MAXUINT: the workload runs outside the VPC */
  VpcPathVerdict  verdict;
  GArray         *hops;    /* VpcPathHop, in order */
  /* The line drawn (VpcPoint): from the workload's tile border through the
   * ports and markers to the border of the last icon, or to the subnet's
   * port where there is no way. */
  GArray         *points;
  GArray         *arrows;  /* guint: indices into points where an arrowhead arrives */
  guint           end;     /* index into the geometry's ends */
} VpcPathLine;

typedef struct
{
  VpcPathVerdict  verdict; /* the worst of the lines ending here */
  VpcRect         badge;   /* world rectangle of the label */
  char           *label;   /* "ecr.dkr ✓" */
  gboolean        cross;   /* a ✗ disc at (x, y): the way ends at a subnet */
  double          x, y;
} VpcPathEnd;

typedef struct
{
  GPtrArray *lines;    /* VpcPathLine, in the order of the trace's paths */
  GPtrArray *ends;     /* VpcPathEnd, no two at the same place */
  GPtrArray *blocking; /* ids (char *) of the elements that block a path, no repeats */
} VpcPathGeometry;

/* Where @trace's lines run over @design drawn with @options. Paths whose
 * workload or subnet has no layout are left out. */
VpcPathGeometry *vpc_render_path_geometry (VpcDesign              *design,
                                           const VpcRenderOptions *options,
                                           const VpcTrace         *trace);
void             vpc_path_geometry_free (VpcPathGeometry *geometry);
/* The index of the end badge at world point (@x, @y), or -1. */
int              vpc_path_geometry_hit_end (const VpcPathGeometry *geometry,
                                            double                 x,
                                            double                 y);
/* The world rectangle around every line and badge; FALSE when empty. */
gboolean         vpc_path_geometry_bounds (const VpcPathGeometry *geometry,
                                           VpcRect               *bounds);

/* Draws @geometry (made for @design and @options) on @cr with the
 * transform of @options, over what vpc_render_design() drew. */
void             vpc_render_path (cairo_t                *cr,
                                  VpcDesign              *design,
                                  const VpcRenderOptions *options,
                                  const VpcPathGeometry  *geometry);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (VpcPathGeometry, vpc_path_geometry_free)

G_END_DECLS
