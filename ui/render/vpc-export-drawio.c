/* SPDX-License-Identifier: GPL-3.0-or-later */
/* vpc-export-drawio.c: an editable diagrams.net (draw.io) page.
 *
 * One vertex per element, styled with the AWS 2021+ shapes of draw.io's
 * "AWS 4" library; the VPC, AZs and subnets are group containers and
 * containment is nesting (an AZ inside the VPC, a subnet inside its AZ, a
 * NAT gateway or VPC-mode workload inside its first subnet when it is drawn
 * there), so that moving a subnet in diagrams.net moves what it holds.
 * References the boxes do not show (an interface endpoint's network
 * interfaces, a gateway endpoint's routes, a workload's other subnets)
 * become edges between the shapes. Geometry is the design's layout, child
 * positions relative to their parent as draw.io expects.
 */
#include "vpc-export-drawio.h"

#include <math.h>
#include <string.h>

#include "vpc-i18n.h"
#include "vpc-layout.h"
#include "vpc-render.h"
#include "vpc-safe-save.h"

/* The page's own cells. Element cells keep the element's id, so a
 * diagrams.net user sees the design's ids; these three would only clash
 * with an element named exactly so. */
#define ROOT_ID  "vpcd:root"
#define LAYER_ID "vpcd:layer"
#define VPC_ID   "vpcd:vpc"

/* Containers: draw.io's AWS 4 group styles. */
#define CONTAINER                                                                                  \
  "container=1;pointerEvents=0;collapsible=0;recursiveResize=0;html=1;whiteSpace=wrap;"            \
  "fontSize=12;fontStyle=0;verticalAlign=top;align=left;outlineConnect=0;gradientColor=none;"
#define GROUP CONTAINER "shape=mxgraph.aws4.group;spacingLeft=30;dashed=0;"
#define STYLE_VPC                                                                                  \
  GROUP "grIcon=mxgraph.aws4.group_vpc2;strokeColor=#8C4FFF;fillColor=none;fontColor=#8C4FFF;"
#define STYLE_AZ                                                                                   \
  CONTAINER "fillColor=none;strokeColor=#147EBA;dashed=1;fontColor=#147EBA;spacingLeft=10;"
#define STYLE_PRIVATE                                                                              \
  GROUP "grIcon=mxgraph.aws4.group_security_group;grStroke=0;strokeColor=#00A4A6;"                 \
        "fillColor=#E6F6F7;fontColor=#147EBA;"
#define STYLE_PUBLIC                                                                               \
  GROUP "grIcon=mxgraph.aws4.group_security_group;grStroke=0;strokeColor=#7AA116;"                 \
        "fillColor=#F2F6E8;fontColor=#248814;"
#define STYLE_SG                                                                                   \
  "fillColor=none;strokeColor=#DD3522;verticalAlign=top;fontStyle=0;fontColor=#DD3522;"            \
  "whiteSpace=wrap;html=1;fontSize=11;"

/* Icons: AWS 4 resource shapes, label under the icon. */
#define ICON "outlineConnect=0;fontColor=#232F3E;gradientColor=none;strokeColor=none;dashed=0;" \
             "verticalLabelPosition=bottom;verticalAlign=top;align=center;html=1;whiteSpace=wrap;" \
             "fontSize=11;fontStyle=0;aspect=fixed;pointerEvents=1;"
#define NETWORKING "fillColor=#8C4FFF;"
#define MACHINE_LEARNING "fillColor=#01A88D;"
#define GENERAL "fillColor=#232F3E;"

#define EDGE                                                                                       \
  "edgeStyle=orthogonalEdgeStyle;rounded=0;html=1;endArrow=none;startArrow=none;fontSize=10;"

typedef struct
{
  VpcDesign *design;
  GString   *out;
  guint      n_edges;
} Writer;

static const char *
workload_style (VpcWorkloadKind kind)
{
  switch (kind)
    {
    case VPC_WORKLOAD_TRAINING_JOB:
    case VPC_WORKLOAD_PROCESSING_JOB:
    case VPC_WORKLOAD_BATCH_TRANSFORM:
      return ICON MACHINE_LEARNING "shape=mxgraph.aws4.sagemaker_train;";
    case VPC_WORKLOAD_REALTIME_ENDPOINT:
      return ICON MACHINE_LEARNING "shape=mxgraph.aws4.sagemaker_model;";
    case VPC_WORKLOAD_NOTEBOOK_INSTANCE:
      return ICON MACHINE_LEARNING "shape=mxgraph.aws4.sagemaker_notebook;";
    case VPC_WORKLOAD_STUDIO_DOMAIN:
      return ICON MACHINE_LEARNING
          "shape=mxgraph.aws4.resourceIcon;resIcon=mxgraph.aws4.sagemaker;";
    case VPC_WORKLOAD_CLIENT:
    default:
      return ICON GENERAL "shape=mxgraph.aws4.client;";
    }
}

static const char *
element_style (const VpcElement *e)
{
  switch (e->kind)
    {
    case VPC_KIND_AZ:
      return STYLE_AZ;
    case VPC_KIND_SUBNET:
      return e->route == VPC_ROUTE_PUBLIC ? STYLE_PUBLIC : STYLE_PRIVATE;
    case VPC_KIND_SECURITY_GROUP:
      return STYLE_SG;
    case VPC_KIND_ENDPOINT:
      return ICON NETWORKING "shape=mxgraph.aws4.endpoints;";
    case VPC_KIND_NAT_GATEWAY:
      return ICON NETWORKING "shape=mxgraph.aws4.nat_gateway;";
    case VPC_KIND_WORKLOAD:
    case VPC_N_KINDS:
    default:
      return workload_style (e->workload_kind);
    }
}

/* Text for an attribute of an html=1 cell: shown as HTML, so escaped once
 * for HTML and once for XML; nothing XML 1.0 forbids. */
static void
append_label_text (GString    *label,
                   const char *text)
{
  g_autofree char *clean = vpc_render_clean_text (text, G_MAXSIZE);

  for (const char *c = clean != NULL ? clean : text; *c != '\0'; c++)
    {
      if (*c == '&')
        g_string_append (label, "&amp;");
      else if (*c == '<')
        g_string_append (label, "&lt;");
      else if (*c == '>')
        g_string_append (label, "&gt;");
      else
        g_string_append_c (label, *c);
    }
}

static void
put_attr (GString    *out,
          const char *name,
          const char *value)
{
  g_autofree char *escaped = g_markup_escape_text (value, -1);

  g_string_append_printf (out, " %s=\"%s\"", name, escaped);
}

/* "Private A<br>10.0.1.0/24 · private": name, then the key facts. */
static char *
element_label (const VpcElement *e)
{
  GString *label = g_string_new (NULL);
  g_autofree char *facts = NULL;

  append_label_text (label, vpc_element_get_display_name (e));
  switch (e->kind)
    {
    case VPC_KIND_SUBNET:
      facts = g_strdup_printf ("%s · %s", e->cidr, vpc_route_to_string (e->route));
      break;
    case VPC_KIND_ENDPOINT:
      facts = g_strdup_printf ("%s %s", e->service, vpc_endpoint_type_to_string (e->endpoint_type));
      break;
    case VPC_KIND_SECURITY_GROUP:
      /* TRANSLATORS: how many inbound and outbound rules a group has. */
      facts = g_strdup_printf (_("security group: %u in, %u out"),
                               e->ingress != NULL ? e->ingress->len : 0,
                               e->egress != NULL ? e->egress->len : 0);
      break;
    case VPC_KIND_WORKLOAD:
      facts = g_strdup (vpc_workload_kind_to_label (e->workload_kind));
      break;
    case VPC_KIND_AZ:
    case VPC_KIND_NAT_GATEWAY:
    case VPC_N_KINDS:
    default:
      break;
    }
  if (facts != NULL)
    {
      g_string_append (label, "<br>");
      append_label_text (label, facts);
    }
  return g_string_free (label, FALSE);
}

static void
put_cell (Writer        *w,
          const char    *id,
          const char    *label,
          const char    *style,
          const char    *parent,
          const VpcRect *rect,
          const VpcRect *origin)
{
  g_string_append (w->out, "        <mxCell");
  put_attr (w->out, "id", id);
  put_attr (w->out, "value", label);
  put_attr (w->out, "style", style);
  g_string_append (w->out, " vertex=\"1\"");
  put_attr (w->out, "parent", parent);
  g_string_append_printf (w->out,
                          ">\n          <mxGeometry x=\"%g\" y=\"%g\" width=\"%g\" height=\"%g\" "
                          "as=\"geometry\" />\n        </mxCell>\n",
                          rect->x - origin->x, rect->y - origin->y, rect->w, rect->h);
}

static gboolean
centre_inside (const VpcRect *outer,
               const VpcRect *inner)
{
  double cx = inner->x + inner->w / 2, cy = inner->y + inner->h / 2;

  return cx >= outer->x && cx <= outer->x + outer->w && cy >= outer->y && cy <= outer->y + outer->h;
}

const char *
vpc_export_drawio_parent (VpcDesign        *design,
                          const VpcElement *e)
{
  const VpcDesignInfo *info = vpc_design_get_info (design);
  const char *container = vpc_layout_container_of (e);
  const VpcElement *box = container != NULL ? vpc_design_lookup (design, container) : NULL;

  /* A subnet always sits in its AZ; an icon in its subnet only where the
   * layout draws it there, else in the VPC when drawn inside it. */
  if (box != NULL && (e->kind == VPC_KIND_SUBNET || centre_inside (&box->layout, &e->layout)))
    return box->id;
  if (e->kind == VPC_KIND_AZ || centre_inside (&info->vpc_layout, &e->layout))
    return VPC_ID;
  return LAYER_ID;
}

static const VpcRect *
origin_of (VpcDesign  *design,
           const char *parent)
{
  static const VpcRect zero = { 0, 0, 0, 0 };

  if (g_str_equal (parent, LAYER_ID))
    return &zero;
  if (g_str_equal (parent, VPC_ID))
    return &vpc_design_get_info (design)->vpc_layout;
  return &vpc_design_lookup (design, parent)->layout;
}

static void
put_edge (Writer     *w,
          const char *source,
          const char *target,
          const char *label,
          const char *style)
{
  g_autofree char *id = g_strdup_printf ("vpcd:edge:%u", ++w->n_edges);

  g_string_append (w->out, "        <mxCell");
  put_attr (w->out, "id", id);
  put_attr (w->out, "value", label);
  put_attr (w->out, "style", style);
  g_string_append (w->out, " edge=\"1\"");
  put_attr (w->out, "parent", LAYER_ID);
  put_attr (w->out, "source", source);
  put_attr (w->out, "target", target);
  g_string_append (
      w->out, ">\n          <mxGeometry relative=\"1\" as=\"geometry\" />\n        </mxCell>\n");
}

/* What the nesting does not show, as edges. */
static void
put_edges (Writer           *w,
           const VpcElement *e)
{
  const char *parent = vpc_export_drawio_parent (w->design, e);

  if (e->kind == VPC_KIND_ENDPOINT && e->subnets != NULL)
    for (guint i = 0; i < e->subnets->len; i++)
      put_edge (w, e->id, g_ptr_array_index (e->subnets, i),
                e->endpoint_type == VPC_ENDPOINT_INTERFACE ? "ENI" : C_("diagram line", "route"),
                e->endpoint_type == VPC_ENDPOINT_INTERFACE ? EDGE "strokeColor=#8C4FFF;"
                                                           : EDGE "strokeColor=#7AA116;dashed=1;");
  if (e->kind == VPC_KIND_WORKLOAD && e->vpc_mode && e->subnets != NULL)
    for (guint i = 0; i < e->subnets->len; i++)
      if (!g_str_equal (g_ptr_array_index (e->subnets, i), parent))
        put_edge (w, e->id, g_ptr_array_index (e->subnets, i), "VpcConfig",
                  EDGE "strokeColor=#01A88D;");
}

char *
vpc_export_drawio (VpcDesign  *design,
                   const char *title)
{
  const VpcDesignInfo *info;
  Writer w = { design, NULL, 0 };
  g_autofree char *vpc_label = NULL;
  GString *label;
  double right, bottom;

  g_return_val_if_fail (VPC_IS_DESIGN (design), NULL);

  info = vpc_design_get_info (design);
  right = info->vpc_layout.x + info->vpc_layout.w;
  bottom = info->vpc_layout.y + info->vpc_layout.h;
  for (VpcKind kind = 0; kind < VPC_N_KINDS; kind++)
    for (guint i = 0; i < vpc_design_get_n_elements (design, kind); i++)
      {
        const VpcElement *e = vpc_design_get_element (design, kind, i);

        right = MAX (right, e->layout.x + e->layout.w);
        bottom = MAX (bottom, e->layout.y + e->layout.h);
      }

  w.out
      = g_string_new ("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<mxfile host=\"vpc-designer\"");
  put_attr (w.out, "agent", "VPC Designer " VPC_VERSION);
  g_string_append (w.out, " type=\"device\">\n  <diagram id=\"vpc-designer\"");
  {
    /* The page's name is plain text, not HTML. */
    const char *name = title != NULL && *title != '\0' ? title : _("VPC design");
    g_autofree char *clean = vpc_render_clean_text (name, G_MAXSIZE);

    put_attr (w.out, "name", clean != NULL ? clean : name);
  }
  g_string_append_printf (
      w.out,
      ">\n    <mxGraphModel grid=\"1\" gridSize=\"10\" guides=\"1\" tooltips=\"1\" "
      "connect=\"1\" arrows=\"1\" fold=\"1\" page=\"1\" pageScale=\"1\" "
      "pageWidth=\"%.0f\" pageHeight=\"%.0f\" math=\"0\" shadow=\"0\">\n      <root>\n",
      ceil (MAX (right, 850) + 40), ceil (MAX (bottom, 1100) + 40));
  g_string_append (w.out, "        <mxCell id=\"" ROOT_ID "\" />\n"
                          "        <mxCell id=\"" LAYER_ID "\" parent=\"" ROOT_ID "\" />\n");

  label = g_string_new (NULL);
  append_label_text (label, info->vpc_name);
  g_string_append (label, "<br>");
  append_label_text (label, info->vpc_cidr);
  vpc_label = g_string_free (label, FALSE);
  {
    static const VpcRect zero = { 0, 0, 0, 0 };

    put_cell (&w, VPC_ID, vpc_label, STYLE_VPC, LAYER_ID, &info->vpc_layout, &zero);
  }

  /* Parents before children: AZs, subnets, then the rest. */
  for (VpcKind kind = 0; kind < VPC_N_KINDS; kind++)
    for (guint i = 0; i < vpc_design_get_n_elements (design, kind); i++)
      {
        const VpcElement *e = vpc_design_get_element (design, kind, i);
        const char *parent = vpc_export_drawio_parent (design, e);
        g_autofree char *text = element_label (e);

        put_cell (&w, e->id, text, element_style (e), parent, &e->layout,
                  origin_of (design, parent));
      }
  for (guint i = 0; i < vpc_design_get_n_elements (design, VPC_KIND_ENDPOINT); i++)
    put_edges (&w, vpc_design_get_element (design, VPC_KIND_ENDPOINT, i));
  for (guint i = 0; i < vpc_design_get_n_elements (design, VPC_KIND_WORKLOAD); i++)
    put_edges (&w, vpc_design_get_element (design, VPC_KIND_WORKLOAD, i));

  g_string_append (w.out, "      </root>\n    </mxGraphModel>\n  </diagram>\n</mxfile>\n");
  return g_string_free (w.out, FALSE);
}
