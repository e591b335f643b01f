/* SPDX-License-Identifier: GPL-3.0-or-later */
/* vpc-palette.c: palette rows, search, click-to-place and drag sources. */
#include "vpc-palette.h"

#include <string.h>

#include "vpc-i18n.h"
#include "vpc-icons.h"

typedef struct
{
  const char *group;
  const char *item;
  const char *label;
  const char *icon;
  const char *tooltip;
  const char *keywords; /* what people type: abbreviations, AWS names */
} PaletteEntry;

static const PaletteEntry entries[] = {
  { N_("Network"), "az", N_("Availability zone"), "vpc",
    N_("An isolated location of the region. Subnets live in one zone; spread endpoints and "
        "hosting over two or more."),
    "az zone availability" },
  { N_("Network"), "subnet:private", N_("Private subnet"), "subnet-private",
    N_("No route to the internet. Where jobs and endpoints should run, reaching AWS through VPC "
        "endpoints."),
    "subnet private sn" },
  { N_("Network"), "subnet:nat", N_("Private subnet with NAT"), "subnet-nat",
    N_("Default route to a NAT gateway: outbound internet (package installs), nothing inbound."),
    "subnet nat sn" },
  { N_("Network"), "subnet:public", N_("Public subnet"), "subnet-public",
    N_("Default route to an internet gateway. Holds NAT gateways; SageMaker interfaces here still "
        "get no internet."),
    "subnet public sn igw" },
  { N_("Network"), "nat", N_("NAT gateway"), "nat-gateway",
    N_("Gives private subnets outbound internet. Drop it into a public subnet. Billed per hour "
        "and per GB."),
    "nat gateway ngw" },
  { N_("Endpoints"), "endpoint:s3", N_("S3 (gateway)"), "svc-s3",
    N_("Free gateway endpoint: the path for training data, model artifacts and image layers."),
    "s3 bucket gateway endpoint vpce" },
  { N_("Endpoints"), "endpoint:sagemaker.api", N_("SageMaker API"), "svc-api",
    N_("Create and describe jobs and endpoints from inside the VPC (notebooks, pipelines)."),
    "sagemaker api endpoint vpce sm" },
  { N_("Endpoints"), "endpoint:sagemaker.runtime", N_("SageMaker Runtime"), "svc-runtime",
    N_("Invoke SageMaker endpoints from inside the VPC."),
    "sagemaker runtime endpoint vpce sm" },
  { N_("Endpoints"), "endpoint:logs", N_("CloudWatch Logs"), "svc-logs",
    N_("Job and notebook logs reach CloudWatch without internet."),
    "logs cloudwatch cw endpoint vpce" },
  { N_("Endpoints"), "endpoint:monitoring", N_("CloudWatch Monitoring"), "svc-monitoring",
    N_("Metrics that your code publishes or reads."),
    "monitoring metrics cloudwatch cw endpoint vpce" },
  { N_("Endpoints"), "endpoint:ecr.api", N_("ECR API"), "svc-ecr",
    N_("Image pulls through the VPC (image access “vpc”, docker in a notebook). Needs ECR Docker "
        "and S3 too."),
    "ecr api registry endpoint vpce" },
  { N_("Endpoints"), "endpoint:ecr.dkr", N_("ECR Docker"), "svc-ecr",
    N_("The registry endpoint that serves image pulls made through the VPC."),
    "ecr dkr docker registry endpoint vpce" },
  { N_("Endpoints"), "endpoint:sts", N_("STS"), "svc-sts",
    N_("Role look-ups and AssumeRole from inside the VPC."),
    "sts iam role endpoint vpce" },
  { N_("Endpoints"), "endpoint:kms", N_("KMS"), "svc-sts",
    N_("Encryption keys that your code calls."),
    "kms key endpoint vpce" },
  { N_("Endpoints"), "endpoint:secretsmanager", N_("Secrets Manager"), "svc-sts",
    N_("Secrets that your code reads."),
    "secrets manager endpoint vpce" },
  { N_("Endpoints"), "endpoint:ssm", N_("Systems Manager"), "svc-sts",
    N_("Parameters and sessions that your code uses."),
    "ssm systems manager endpoint vpce" },
  { N_("Endpoints"), "endpoint:dynamodb", N_("DynamoDB (gateway)"), "svc-dynamodb",
    N_("Free gateway endpoint for DynamoDB tables in the same region."),
    "dynamodb ddb gateway endpoint vpce" },
  { N_("SageMaker"), "workload:training_job", N_("Training job"), "training-job",
    N_("Trains a model in your subnets (VPC mode). Needs a path to S3 for data and artifacts."),
    "train training job sagemaker" },
  { N_("SageMaker"), "workload:processing_job", N_("Processing job"), "processing-job",
    N_("Data preparation or evaluation in your subnets."),
    "processing job sagemaker" },
  { N_("SageMaker"), "workload:batch_transform", N_("Batch transform"), "batch-transform",
    N_("Batch inference over data in S3."),
    "batch transform job sagemaker" },
  { N_("SageMaker"), "workload:realtime_endpoint", N_("Real-time endpoint"), "realtime-endpoint",
    N_("A hosted model. In VPC mode it needs subnets in at least two availability zones."),
    "realtime real-time endpoint hosting inference sagemaker" },
  { N_("SageMaker"), "workload:notebook_instance", N_("Notebook instance"), "notebook-instance",
    N_("A notebook instance: takes exactly one subnet."),
    "notebook instance jupyter sagemaker" },
  { N_("SageMaker"), "workload:studio_domain", N_("Studio domain"), "studio-domain",
    N_("SageMaker Studio in VPC-only mode."),
    "studio domain sagemaker" },
  { N_("SageMaker"), "workload:client", N_("Client application"), "client",
    N_("An application in the VPC that calls SageMaker, e.g. one that invokes an endpoint."),
    "client application app" },
  { N_("Security"), "sg", N_("Security group"), "security-group",
    N_("A stateful firewall for network interfaces. Workloads need outbound 443 to the "
        "endpoints."),
    "sg security group firewall" },
};

struct _VpcPalette
{
  GtkBox          parent_instance;

  GtkSearchEntry *search_entry;
  GtkListBox     *list;
};

G_DEFINE_FINAL_TYPE (VpcPalette, vpc_palette, GTK_TYPE_BOX)

enum {
  SIGNAL_ITEM_ACTIVATED,
  N_SIGNALS,
};

static guint signals[N_SIGNALS];

static const PaletteEntry *
entry_of_row (GtkListBoxRow *row)
{
  return g_object_get_data (G_OBJECT (row), "vpc-palette-entry");
}

/* The tile colour of an item: the AWS diagram colours of domain.md §5, as
 * the canvas draws them (vpc-theme.h's names clash with this widget's). */
static guint32
tile_color (const PaletteEntry *entry)
{
  const char *item = entry->item;

  if (g_str_equal (item, "az"))
    return 0x147eba;
  if (g_str_equal (item, "subnet:private"))
    return 0x00a4a6;
  if (g_str_equal (item, "subnet:nat"))
    return 0x0e7c9b;
  if (g_str_equal (item, "subnet:public"))
    return 0x7aa116;
  if (g_str_equal (item, "sg"))
    return 0xdd344c;
  if (g_str_equal (item, "endpoint:s3") || g_str_equal (item, "endpoint:dynamodb"))
    return 0x7aa116;
  if (g_str_equal (item, "workload:client"))
    return 0xe7157b;
  if (g_str_has_prefix (item, "workload:"))
    return 0x01a88d;
  return 0x8c4fff;
}

static void
draw_icon (GtkDrawingArea *area,
           cairo_t        *cr,
           int             width,
           int             height,
           gpointer        data)
{
  const PaletteEntry *entry = data;
  double size = MIN (width, height), r = 5;
  guint32 rgb = tile_color (entry);

  cairo_new_sub_path (cr);
  cairo_arc (cr, size - r, r, r, -G_PI / 2, 0);
  cairo_arc (cr, size - r, size - r, r, 0, G_PI / 2);
  cairo_arc (cr, r, size - r, r, G_PI / 2, G_PI);
  cairo_arc (cr, r, r, r, G_PI, 3 * G_PI / 2);
  cairo_close_path (cr);
  cairo_set_source_rgb (cr, (rgb >> 16) / 255.0, ((rgb >> 8) & 0xff) / 255.0, (rgb & 0xff) / 255.0);
  cairo_fill (cr);
  vpc_icons_draw (cr, entry->icon, 3, 3, size - 6, FALSE);
}

static GdkContentProvider *
drag_prepare_cb (GtkDragSource *source,
                 double         x,
                 double         y,
                 GtkWidget     *row)
{
  const PaletteEntry *entry = entry_of_row (GTK_LIST_BOX_ROW (row));
  g_autoptr(GdkPaintable) icon = gtk_widget_paintable_new (row);

  gtk_drag_source_set_icon (source, icon, (int) x, (int) y);
  return gdk_content_provider_new_typed (G_TYPE_STRING, entry->item);
}

/* "palette.add" on each row: what a click does (add the element), for
 * assistive technologies, which see a row's parameterless actions. */
static void
add_action_cb (GSimpleAction *action,
               GVariant      *parameter,
               gpointer       row)
{
  g_signal_emit_by_name (row, "activate");
}

static GtkWidget *
make_row (const PaletteEntry *entry)
{
  GtkWidget *row = gtk_list_box_row_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 10);
  /* The icon repeats the row's name: hidden from assistive technologies. */
  GtkWidget *icon = g_object_new (GTK_TYPE_DRAWING_AREA,
                                  "accessible-role", GTK_ACCESSIBLE_ROLE_PRESENTATION, NULL);
  GtkWidget *label = gtk_label_new (_(entry->label));
  GtkDragSource *source = gtk_drag_source_new ();

  gtk_drawing_area_set_content_width (GTK_DRAWING_AREA (icon), 24);
  gtk_drawing_area_set_content_height (GTK_DRAWING_AREA (icon), 24);
  gtk_drawing_area_set_draw_func (GTK_DRAWING_AREA (icon), draw_icon, (gpointer) entry, NULL);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  /* Wrapped, never cut: "Punto de conexión en tiempo real" is long. */
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_natural_wrap_mode (GTK_LABEL (label), GTK_NATURAL_WRAP_WORD);
  gtk_box_append (GTK_BOX (box), icon);
  gtk_box_append (GTK_BOX (box), label);
  gtk_widget_set_margin_top (box, 4);
  gtk_widget_set_margin_bottom (box, 4);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);
  gtk_widget_set_tooltip_text (row, _(entry->tooltip));
  gtk_accessible_update_property (GTK_ACCESSIBLE (row),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _(entry->label),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, _(entry->tooltip), -1);
  g_object_set_data (G_OBJECT (row), "vpc-palette-entry", (gpointer) entry);
  {
    g_autoptr(GSimpleActionGroup) group = g_simple_action_group_new ();
    g_autoptr(GSimpleAction) add = g_simple_action_new ("add", NULL);

    g_signal_connect (add, "activate", G_CALLBACK (add_action_cb), row);
    g_action_map_add_action (G_ACTION_MAP (group), G_ACTION (add));
    gtk_widget_insert_action_group (row, "palette", G_ACTION_GROUP (group));
  }

  gtk_drag_source_set_actions (source, GDK_ACTION_COPY);
  g_signal_connect (source, "prepare", G_CALLBACK (drag_prepare_cb), row);
  gtk_widget_add_controller (row, GTK_EVENT_CONTROLLER (source));
  return row;
}

static void
header_func (GtkListBoxRow *row,
             GtkListBoxRow *before,
             gpointer       user_data)
{
  const PaletteEntry *entry = entry_of_row (row);
  GtkWidget *header;

  if (before != NULL && g_strcmp0 (entry_of_row (before)->group, entry->group) == 0)
    {
      gtk_list_box_row_set_header (row, NULL);
      return;
    }
  header = gtk_label_new (_(entry->group));
  gtk_label_set_xalign (GTK_LABEL (header), 0);
  gtk_widget_add_css_class (header, "heading");
  gtk_widget_add_css_class (header, "vpc-palette-heading");
  gtk_widget_set_margin_start (header, 12);
  gtk_widget_set_margin_top (header, 10);
  gtk_widget_set_margin_bottom (header, 4);
  gtk_list_box_row_set_header (row, header);
}

/* Whether a word of @hay (words split at spaces, dashes, dots, slashes,
 * colons and brackets) starts with @word. */
static gboolean
word_starts (const char *hay,
             const char *word)
{
  gsize n = strlen (word);

  for (const char *p = hay; p != NULL && *p != '\0'; p++)
    if ((p == hay || strchr (" -._:/()", p[-1]) != NULL) && strncmp (p, word, n) == 0)
      return TRUE;
  return FALSE;
}

/* How well @entry answers the search @text (0: not at all). Every word of
 * @text must start a word of the entry's name, keywords or item, or occur
 * in its group or description; matches on the name rank first, then on
 * the keywords, then anywhere. */
static int
match_rank (const PaletteEntry *entry,
            const char         *text)
{
  g_autofree char *folded = g_utf8_casefold (text != NULL ? text : "", -1);
  g_auto(GStrv) words = g_strsplit_set (folded, " \t", -1);
  g_autofree char *label = g_utf8_casefold (_(entry->label), -1);
  g_autofree char *keys = g_strconcat (entry->keywords, " ", entry->item, NULL);
  g_autofree char *joined
      = g_strjoin (" ", _(entry->group), _(entry->label), entry->item, _(entry->tooltip), NULL);
  g_autofree char *anywhere = g_utf8_casefold (joined, -1);
  int rank = 3;

  for (guint i = 0; words[i] != NULL; i++)
    {
      if (words[i][0] == '\0')
        continue;
      if (word_starts (label, words[i]))
        continue;
      if (word_starts (keys, words[i]))
        rank = MIN (rank, 2);
      else if (strstr (anywhere, words[i]) != NULL)
        rank = MIN (rank, 1);
      else
        return 0;
    }
  return rank;
}

static gboolean
matches (const PaletteEntry *entry,
         const char         *text)
{
  return match_rank (entry, text) > 0;
}

static gboolean
filter_func (GtkListBoxRow *row,
             gpointer       user_data)
{
  VpcPalette *self = user_data;

  return matches (entry_of_row (row), gtk_editable_get_text (GTK_EDITABLE (self->search_entry)));
}

static void
search_changed_cb (VpcPalette *self)
{
  gtk_list_box_invalidate_filter (self->list);
  gtk_list_box_invalidate_headers (self->list);
}

static void
row_activated_cb (VpcPalette    *self,
                  GtkListBoxRow *row)
{
  g_signal_emit (self, signals[SIGNAL_ITEM_ACTIVATED], 0, entry_of_row (row)->item);
}

/* The row the search's Enter adds: the best match, the first of equals. */
static GtkListBoxRow *
best_row (VpcPalette *self)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->search_entry));
  GtkListBoxRow *best = NULL;
  int best_rank = 0;

  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self->list));
       child != NULL; child = gtk_widget_get_next_sibling (child))
    {
      int rank;

      if (!GTK_IS_LIST_BOX_ROW (child))
        continue;
      rank = match_rank (entry_of_row (GTK_LIST_BOX_ROW (child)), text);
      if (rank > best_rank)
        {
          best = GTK_LIST_BOX_ROW (child);
          best_rank = rank;
        }
    }
  return best;
}

/* Enter in the search adds the row that matches best. */
static void
search_activate_cb (VpcPalette *self)
{
  GtkListBoxRow *row = best_row (self);

  if (row != NULL)
    row_activated_cb (self, row);
}

/* Ctrl+F, from anywhere in the window. */
static gboolean
focus_search_cb (GtkWidget *widget,
                 GVariant  *args,
                 gpointer   data)
{
  return vpc_palette_focus_search (VPC_PALETTE (widget));
}

static void
vpc_palette_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), VPC_TYPE_PALETTE);
  G_OBJECT_CLASS (vpc_palette_parent_class)->dispose (object);
}

static void
vpc_palette_class_init (VpcPaletteClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = vpc_palette_dispose;

  signals[SIGNAL_ITEM_ACTIVATED] =
    g_signal_new ("item-activated", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                  NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/org/example/VpcDesigner/vpc-palette.ui");
  gtk_widget_class_bind_template_child (widget_class, VpcPalette, search_entry);
  gtk_widget_class_bind_template_child (widget_class, VpcPalette, list);
  gtk_widget_class_bind_template_callback (widget_class, search_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, search_activate_cb);
  gtk_widget_class_bind_template_callback (widget_class, row_activated_cb);
}

static void
vpc_palette_init (VpcPalette *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  for (guint i = 0; i < G_N_ELEMENTS (entries); i++)
    gtk_list_box_append (self->list, make_row (&entries[i]));
  gtk_list_box_set_header_func (self->list, header_func, NULL, NULL);
  gtk_list_box_set_filter_func (self->list, filter_func, self, NULL);
  {
    /* Global: the palette answers Ctrl+F wherever the focus is. */
    GtkEventController *shortcuts = gtk_shortcut_controller_new ();

    gtk_shortcut_controller_set_scope (GTK_SHORTCUT_CONTROLLER (shortcuts),
                                       GTK_SHORTCUT_SCOPE_GLOBAL);
    gtk_shortcut_controller_add_shortcut (
        GTK_SHORTCUT_CONTROLLER (shortcuts),
        gtk_shortcut_new (gtk_keyval_trigger_new (GDK_KEY_f, GDK_CONTROL_MASK),
                          gtk_callback_action_new (focus_search_cb, NULL, NULL)));
    gtk_widget_add_controller (GTK_WIDGET (self), shortcuts);
  }
}

GtkWidget *
vpc_palette_new (void)
{
  return g_object_new (VPC_TYPE_PALETTE, NULL);
}

const char *const *
vpc_palette_list_items (void)
{
  static const char *items[G_N_ELEMENTS (entries) + 1];

  if (items[0] == NULL)
    for (guint i = 0; i < G_N_ELEMENTS (entries); i++)
      items[i] = entries[i].item;
  return items;
}

const char *
vpc_palette_get_tooltip (const char *item)
{
  for (guint i = 0; i < G_N_ELEMENTS (entries); i++)
    if (g_strcmp0 (entries[i].item, item) == 0)
      return entries[i].tooltip;
  return NULL;
}

gboolean
vpc_palette_focus_search (VpcPalette *self)
{
  g_return_val_if_fail (VPC_IS_PALETTE (self), FALSE);
  if (!gtk_widget_is_visible (GTK_WIDGET (self)))
    return FALSE;
  if (!gtk_widget_grab_focus (GTK_WIDGET (self->search_entry)))
    return FALSE;
  gtk_editable_select_region (GTK_EDITABLE (self->search_entry), 0, -1);
  return TRUE;
}

const char *
vpc_palette_best_match (VpcPalette *self,
                        const char *text)
{
  GtkListBoxRow *row;

  g_return_val_if_fail (VPC_IS_PALETTE (self), NULL);
  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), text);
  row = best_row (self);
  return row != NULL ? entry_of_row (row)->item : NULL;
}

guint
vpc_palette_count_visible (VpcPalette *self)
{
  guint n = 0;

  g_return_val_if_fail (VPC_IS_PALETTE (self), 0);
  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self->list));
       child != NULL; child = gtk_widget_get_next_sibling (child))
    if (GTK_IS_LIST_BOX_ROW (child) && filter_func (GTK_LIST_BOX_ROW (child), self))
      n++;
  return n;
}
