/* SPDX-License-Identifier: GPL-3.0-or-later */
/* diagram-measure.h: what makes an exported diagram hard to read, counted
 * from the SVG alone (issue 10, format.md §7): truncated labels,
 * overlapping element boxes and labels, connector crossings.
 *
 * Independent of the renderer: the SVG is parsed with GMarkup, text is
 * measured with pango at the font the SVG names (as the renderer measures
 * it), and the design is used only for the names and ids it should show. */
#pragma once

#include "vpc-design.h"

G_BEGIN_DECLS

typedef struct
{
  guint designs;
  guint texts;     /* <text> lines read */
  guint elements;  /* element groups (vpcd-KIND with data-id) */
  guint links;     /* connector groups (vpcd-link), or connector lines */
  /* Texts cut short: ending in "…" (or "...") while no <title> of an
   * enclosing group holds the full text, or a strict prefix of the
   * element's name (or the design's name or description in the title
   * block) without an ellipsis and without the rest on another line. */
  guint truncated;
  /* Pairs of elements that overlap: the sum of the three below. */
  guint overlaps;
  guint overlap_icons;   /* two icons' boxes (shapes, chips and labels) */
  guint overlap_partial; /* an element partly inside a container's box */
  guint overlap_headers; /* an element over a container's name or badges */
  /* Pairs of segments of different connectors that cross or run along each
   * other; touching only where both end at the same element does not count. */
  guint crossings;
  /* Elements of the design with no group of their kind and id, plus
   * element groups without a <title>: a diagram without §7 structure would
   * otherwise measure as perfect. */
  guint missing;
} DiagramCounts;

void  diagram_counts_add (DiagramCounts       *sum,
                          const DiagramCounts *counts);
/* "LABEL: N designs, truncated T, overlaps O, crossings C" (the README's
 * form), then the breakdown of the overlaps and the missing groups. */
char *diagram_counts_format (const char          *label,
                             const DiagramCounts *counts);

/* Adds the counts of one exported SVG (format.md §7) to @counts (designs
 * + 1). @design (may be NULL) gives the element ids and names the SVG must
 * carry and the full name and description for the title block. Each
 * problem is described on a line of @details (may be NULL). FALSE with
 * @error when the SVG is not well-formed. */
gboolean diagram_measure_svg (const char    *svg,
                              gsize          len,
                              VpcDesign     *design,
                              DiagramCounts *counts,
                              GString       *details,
                              GError       **error);

/* The same figures for an SVG drawn before issue 10 (no element or link
 * groups): truncated = texts ending in "…" that are not a full text of
 * @design; crossings = pairs of connector lines (stroked <line>s at the
 * connectors' opacities 0.3, 0.55 and 0.8) that meet anywhere but a common
 * end; overlaps = icons (tile, security-group chip, gateway ring and the
 * labels drawn under it, matched by position) and network-interface
 * markers against each other and against the containers' boxes, all taken
 * from @laid_out, the design as that binary laid it out (its JSON export).
 * Containers' headers are not measured (overlap_headers stays 0). */
gboolean diagram_measure_svg_before (const char    *svg,
                                     gsize          len,
                                     VpcDesign     *laid_out,
                                     DiagramCounts *counts,
                                     GString       *details,
                                     GError       **error);

/* Frees the text measurer (tests call it before exiting). */
void     diagram_measure_clear (void);

G_END_DECLS
