/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-drawio.c: the diagrams.net export, read back as XML.
 *
 * For every example and every design file the data tests use, plus the
 * demo and awkward-names designs: the file is well-formed XML (GMarkup,
 * strict), one mxfile with one diagram; every cell's parent exists and
 * comes before it; one vertex per element plus the VPC; nesting equals the
 * model's containment (an AZ in the VPC, a subnet in its AZ, a NAT gateway
 * or VPC-mode workload in its first subnet or else the VPC or the page),
 * written here from format.md, not from the exporter; every vertex's
 * absolute position is the element's layout; every edge joins two
 * element vertices; every style uses only shapes of draw.io's AWS 4
 * library.
 */
#include <glib/gstdio.h>
#include <string.h>

#include "render-designs.h"
#include "vpc-export.h"
#include "vpc-file.h"

typedef struct
{
  char    *id;
  char    *parent;
  char    *style;
  char    *value;
  char    *source;
  char    *target;
  gboolean vertex;
  gboolean edge;
  double   x, y, w, h;
} Cell;

typedef struct
{
  GPtrArray  *cells;   /* Cell, in file order */
  GHashTable *by_id;   /* id → Cell */
  Cell       *current;
  guint       n_mxfile, n_diagram;
} Page;

static void
cell_free (gpointer data)
{
  Cell *cell = data;

  g_free (cell->id);
  g_free (cell->parent);
  g_free (cell->style);
  g_free (cell->value);
  g_free (cell->source);
  g_free (cell->target);
  g_free (cell);
}

static const char *
attr (const char **names,
      const char **values,
      const char  *name)
{
  for (guint i = 0; names[i] != NULL; i++)
    if (g_str_equal (names[i], name))
      return values[i];
  return NULL;
}

static void
start_element (GMarkupParseContext *context,
               const char          *element,
               const char         **names,
               const char         **values,
               gpointer             data,
               GError             **error)
{
  Page *page = data;

  if (g_str_equal (element, "mxfile"))
    page->n_mxfile++;
  else if (g_str_equal (element, "diagram"))
    page->n_diagram++;
  else if (g_str_equal (element, "mxCell"))
    {
      Cell *cell = g_new0 (Cell, 1);

      cell->id = g_strdup (attr (names, values, "id"));
      cell->parent = g_strdup (attr (names, values, "parent"));
      cell->style = g_strdup (attr (names, values, "style"));
      cell->value = g_strdup (attr (names, values, "value"));
      cell->source = g_strdup (attr (names, values, "source"));
      cell->target = g_strdup (attr (names, values, "target"));
      cell->vertex = g_strcmp0 (attr (names, values, "vertex"), "1") == 0;
      cell->edge = g_strcmp0 (attr (names, values, "edge"), "1") == 0;
      g_assert_nonnull (cell->id);
      if (g_hash_table_contains (page->by_id, cell->id))
        g_error ("cell id %s twice", cell->id);
      /* A parent is defined before its children. */
      if (cell->parent != NULL && !g_hash_table_contains (page->by_id, cell->parent))
        g_error ("cell %s: parent %s does not exist (yet)", cell->id, cell->parent);
      g_ptr_array_add (page->cells, cell);
      g_hash_table_insert (page->by_id, cell->id, cell);
      page->current = cell;
    }
  else if (g_str_equal (element, "mxGeometry") && page->current != NULL && page->current->vertex)
    {
      const char *keys[] = { "x", "y", "width", "height" };
      double     *slots[]
          = { &page->current->x, &page->current->y, &page->current->w, &page->current->h };

      for (guint i = 0; i < G_N_ELEMENTS (keys); i++)
        {
          const char *v = attr (names, values, keys[i]);

          g_assert_nonnull (v);
          *slots[i] = g_ascii_strtod (v, NULL);
        }
    }
}

static const GMarkupParser parser = { start_element, NULL, NULL, NULL, NULL };

/* The absolute position of a vertex: its geometry plus its ancestors'. */
static void
absolute (Page       *page,
          const Cell *cell,
          double     *x,
          double     *y)
{
  *x = 0;
  *y = 0;
  for (; cell != NULL && cell->vertex; cell = g_hash_table_lookup (page->by_id, cell->parent))
    {
      *x += cell->x;
      *y += cell->y;
    }
}

/* The style's value for @key ("shape"), or NULL. */
static char *
style_value (const char *style,
             const char *key)
{
  g_auto(GStrv) parts = g_strsplit (style, ";", -1);

  for (guint i = 0; parts[i] != NULL; i++)
    if (g_str_has_prefix (parts[i], key) && parts[i][strlen (key)] == '=')
      return g_strdup (parts[i] + strlen (key) + 1);
  return NULL;
}

static void
assert_aws4_style (const Cell *cell)
{
  /* The AWS 4 shapes the exporter may use; groups carry a grIcon, resource
   * icons a resIcon, both from the same library. */
  static const char *const shapes[] = {
    "mxgraph.aws4.group",
    "mxgraph.aws4.endpoints",
    "mxgraph.aws4.nat_gateway",
    "mxgraph.aws4.sagemaker_train",
    "mxgraph.aws4.sagemaker_model",
    "mxgraph.aws4.sagemaker_notebook",
    "mxgraph.aws4.resourceIcon",
    "mxgraph.aws4.client",
    NULL,
  };
  g_autofree char *shape = style_value (cell->style, "shape");
  g_autofree char *icon = style_value (cell->style, "grIcon");
  g_autofree char *res_icon = style_value (cell->style, "resIcon");

  /* No shape: a plain rectangle, as the library's AZ and security group. */
  if (shape != NULL && !g_strv_contains (shapes, shape))
    g_error ("cell %s: shape %s is not one of the AWS 4 library's", cell->id, shape);
  if (icon != NULL)
    g_assert_true (g_str_equal (icon, "mxgraph.aws4.group_vpc2") ||
                   g_str_equal (icon, "mxgraph.aws4.group_security_group"));
  if (res_icon != NULL)
    g_assert_cmpstr (res_icon, ==, "mxgraph.aws4.sagemaker");
}

static gboolean
centre_in (const VpcRect *outer,
           const VpcRect *inner)
{
  double cx = inner->x + inner->w / 2, cy = inner->y + inner->h / 2;

  return cx >= outer->x && cx <= outer->x + outer->w && cy >= outer->y && cy <= outer->y + outer->h;
}

/* Where format.md puts @e: its AZ, NAT subnet or first VpcConfig subnet
 * when drawn there, else the VPC when drawn inside it (AZs always), else
 * the page. */
static const char *
expected_parent (VpcDesign        *design,
                 const VpcElement *e)
{
  const VpcRect *vpc = &vpc_design_get_info (design)->vpc_layout;
  const char *box_id = NULL;
  const VpcElement *box;

  if (e->kind == VPC_KIND_SUBNET)
    return e->az;
  if (e->kind == VPC_KIND_NAT_GATEWAY)
    box_id = e->subnet;
  else if (e->kind == VPC_KIND_WORKLOAD && e->vpc_mode && e->subnets->len > 0)
    box_id = g_ptr_array_index (e->subnets, 0);
  box = box_id != NULL ? vpc_design_lookup (design, box_id) : NULL;
  if (box != NULL && centre_in (&box->layout, &e->layout))
    return box->id;
  if (e->kind == VPC_KIND_AZ || centre_in (vpc, &e->layout))
    return "vpcd:vpc";
  return "vpcd:layer";
}

static void
check_design (VpcDesign  *design,
              const char *label)
{
  g_autofree char *dir = g_dir_make_tmp ("vpc-drawio-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "design.drawio", NULL);
  g_autofree char *text = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GMarkupParseContext) context = NULL;
  Page             page = { g_ptr_array_new_with_free_func (cell_free),
                            g_hash_table_new (g_str_hash, g_str_equal), NULL, 0, 0 };
  VpcExportOptions options;
  guint n_vertices = 0, n_elements = 0;

  vpc_export_options_init (&options);
  if (!vpc_export_to_file_full (design, path, &options, &error))
    g_error ("%s: %s", label, error->message);
  g_assert_true (g_file_get_contents (path, &text, NULL, NULL));
  context = g_markup_parse_context_new (&parser, 0, &page, NULL);
  if (!g_markup_parse_context_parse (context, text, -1, &error) ||
      !g_markup_parse_context_end_parse (context, &error))
    g_error ("%s: not well-formed: %s", label, error->message);
  g_assert_cmpuint (page.n_mxfile, ==, 1);
  g_assert_cmpuint (page.n_diagram, ==, 1);

  for (guint i = 0; i < page.cells->len; i++)
    {
      Cell *cell = g_ptr_array_index (page.cells, i);

      if (cell->vertex)
        {
          n_vertices++;
          assert_aws4_style (cell);
          g_assert_nonnull (cell->value);
        }
      if (cell->edge)
        {
          Cell *source = g_hash_table_lookup (page.by_id, cell->source);
          Cell *target = g_hash_table_lookup (page.by_id, cell->target);

          g_assert_true (source != NULL && source->vertex
                         && vpc_design_lookup (design, source->id) != NULL);
          g_assert_true (target != NULL && target->vertex
                         && vpc_design_lookup (design, target->id) != NULL);
        }
    }

  for (VpcKind kind = 0; kind < VPC_N_KINDS; kind++)
    for (guint i = 0; i < vpc_design_get_n_elements (design, kind); i++)
      {
        const VpcElement *e = vpc_design_get_element (design, kind, i);
        Cell *cell = g_hash_table_lookup (page.by_id, e->id);
        const char *want = expected_parent (design, e);
        double x, y;

        n_elements++;
        if (cell == NULL || !cell->vertex)
          g_error ("%s: no vertex for %s", label, e->id);
        if (!g_str_equal (cell->parent, want))
          g_error ("%s: %s nested in %s, expected %s", label, e->id, cell->parent, want);
        absolute (&page, cell, &x, &y);
        g_assert_cmpfloat_with_epsilon (x, e->layout.x, 1e-6);
        g_assert_cmpfloat_with_epsilon (y, e->layout.y, 1e-6);
        g_assert_cmpfloat_with_epsilon (cell->w, e->layout.w, 1e-6);
        g_assert_cmpfloat_with_epsilon (cell->h, e->layout.h, 1e-6);
      }
  /* Every element, the VPC, nothing else. */
  g_assert_cmpuint (n_vertices, ==, n_elements + 1);

  g_ptr_array_unref (page.cells);
  g_hash_table_unref (page.by_id);
  g_assert_cmpint (g_unlink (path), ==, 0);
  g_assert_cmpint (g_rmdir (dir), ==, 0);
}

static void
test_files (void)
{
  g_autoptr(GPtrArray) labels = NULL;
  g_autoptr(GPtrArray) files = render_design_files (&labels);

  g_assert_cmpuint (files->len, >=, 8);
  for (guint i = 0; i < files->len; i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(VpcDesign) design = vpc_file_load_path (g_ptr_array_index (files, i), NULL, &error);

      if (design != NULL)
        check_design (design, g_ptr_array_index (labels, i));
    }
}

static void
test_built (void)
{
  g_autoptr(VpcDesign) demo = render_design_demo ();
  g_autoptr(VpcDesign) awkward = render_design_awkward_names ();

  check_design (demo, "demo");
  check_design (awkward, "awkward names");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/drawio/files", test_files);
  g_test_add_func ("/drawio/built", test_built);
  return g_test_run ();
}
