/* SPDX-License-Identifier: GPL-3.0-or-later */
/* vpc-design.c: the design document, its id index and its undo history.
 *
 * Every change is an Op (insert, remove, replace an element, set the
 * top-level info, or set the layout rectangles of elements) holding the
 * state before and after: copies of elements and info, or for a layout op
 * only the rectangles, so that laying out 100,000 elements does not copy
 * them. Ops are
 * applied at once and recorded in the open Step; a Step is one user-visible
 * undo entry. Undo reverts a step's ops in reverse order, redo re-applies
 * them, so any edit built from ops is undoable by construction.
 */
#include "vpc-design-private.h"

#include <string.h>

#include "vpc-i18n.h"
#include "vpc-invariants.h"
#include "vpc-layout.h"

typedef enum {
  OP_INSERT,
  OP_REMOVE,
  OP_REPLACE,
  OP_INFO,
  OP_LAYOUT,
} OpType;

/* One element's layout set by an OP_LAYOUT op. */
typedef struct
{
  VpcKind  kind;
  guint    index;
  gboolean had_layout; /* before */
  VpcRect  before;
  VpcRect  after;      /* has_layout is TRUE after */
} LayoutChange;

typedef struct
{
  OpType         type;
  VpcKind        kind;
  guint          index;
  VpcElement    *before; /* REMOVE, REPLACE */
  VpcElement    *after;  /* INSERT, REPLACE */
  VpcDesignInfo *info_before;
  VpcDesignInfo *info_after;
  GArray        *layouts; /* LAYOUT: of LayoutChange, applied in order */
} Op;

/* A box a change at @revision set. */
typedef struct
{
  guint64 revision;
  VpcKind kind; /* VPC_N_KINDS: the VPC's box */
  guint   index;
} BoxChange;

/* Boxes remembered at most: more, and caches make everything again anyway. */
#define BOX_LOG_MAX 1024

typedef struct
{
  char      *label;
  GPtrArray *ops; /* of Op */
  guint64    start_revision; /* the design's revision before the first op */
} Step;

struct _VpcDesign
{
  GObject        parent_instance;

  VpcDesignInfo *info;
  GPtrArray     *lists[VPC_N_KINDS]; /* of VpcElement, owned */
  GHashTable    *by_id;              /* id -> VpcElement (borrowed) */
  GHashTable    *positions;          /* id -> index + 1, rebuilt lazily */
  gboolean       positions_dirty;
  guint64        ids_generation;     /* vpc_design_get_ids_generation() */
  guint64        revision;
  guint64        content_revision; /* the revision of the last change not only to boxes */
  guint64        shape_revision;   /* ... of the last change but a rename */
  guint64        rules_revision;   /* ... of the last change to neither */
  guint64        checked_revision; /* passed the whole invariant check then */
  guint64        contained_revision; /* vpc_layout_contain() settled then */
  /* The boxes and elements changed since box_log_floor, when only boxes,
   * names and elements replaced in place did
   * (vpc_design_get_elements_changed_since()). */
  GArray        *box_log; /* of BoxChange */
  guint64        box_log_floor;

  GPtrArray     *steps;     /* of Step */
  guint          position;  /* steps applied */
  int            saved_position; /* -1: the saved state is gone */
  Step          *open_step; /* transaction in progress */
  guint          open_depth;
  gboolean       open_changed;
  gboolean       replaying;
  char          *last_refusal;
  char          *read_only; /* why every step is refused, or NULL */

  /* While snapshots read this design's elements on other threads
   * (vpc_design_snapshot()), what an edit replaces, removes or renames
   * waits here instead of being freed. */
  guint          pins;
  GPtrArray     *retired;       /* of VpcElement, or NULL */
  GPtrArray     *retired_names; /* of char *, or NULL */
  VpcDesign     *source;        /* of a snapshot: the design it pins */
};

G_DEFINE_FINAL_TYPE (VpcDesign, vpc_design, G_TYPE_OBJECT)
G_DEFINE_QUARK (vpc-design-error-quark, vpc_design_error)

/* A new generation of ids at their positions, unique among all designs. */
static void
new_ids_generation (VpcDesign *self)
{
  static guint64 last;

  self->ids_generation = __atomic_add_fetch (&last, 1, __ATOMIC_RELAXED);
}

enum {
  PROP_0,
  PROP_CAN_UNDO,
  PROP_CAN_REDO,
  PROP_MODIFIED,
  N_PROPS,
};

enum {
  SIGNAL_ELEMENT_ADDED,
  SIGNAL_ELEMENT_REMOVED,
  SIGNAL_ELEMENT_CHANGED,
  SIGNAL_INFO_CHANGED,
  SIGNAL_CHANGED,
  SIGNAL_EDIT_REFUSED,
  SIGNAL_EDIT_NOTICE,
  N_SIGNALS,
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static void
op_free (gpointer data)
{
  Op *op = data;

  vpc_element_free (op->before);
  vpc_element_free (op->after);
  vpc_design_info_free (op->info_before);
  vpc_design_info_free (op->info_after);
  if (op->layouts != NULL)
    g_array_unref (op->layouts);
  g_free (op);
}

static void
step_free (gpointer data)
{
  Step *step = data;

  g_free (step->label);
  g_ptr_array_unref (step->ops);
  g_free (step);
}

static Step *
step_new (VpcDesign  *self,
          const char *label)
{
  Step *step = g_new0 (Step, 1);

  step->label = g_strdup (label);
  step->start_revision = self->revision;
  step->ops = g_ptr_array_new_with_free_func (op_free);
  return step;
}

static void
unpin (VpcDesign *self)
{
  g_assert (self->pins > 0);
  if (--self->pins > 0)
    return;
  g_clear_pointer (&self->retired, g_ptr_array_unref);
  g_clear_pointer (&self->retired_names, g_ptr_array_unref);
}

/* Frees @data, which an edit took out of the design (an element, a name),
 * once no snapshot can read it: keeps it in @retired until then. */
static void
retire (VpcDesign      *self,
        GPtrArray     **retired,
        gpointer        data,
        GDestroyNotify  free_func)
{
  if (self->pins == 0)
    {
      free_func (data);
      return;
    }
  if (*retired == NULL)
    *retired = g_ptr_array_new_with_free_func (free_func);
  g_ptr_array_add (*retired, data);
}

static void
vpc_design_dispose (GObject *object)
{
  VpcDesign *self = VPC_DESIGN (object);

  g_clear_pointer (&self->open_step, step_free);
  G_OBJECT_CLASS (vpc_design_parent_class)->dispose (object);
}

static void
vpc_design_finalize (GObject *object)
{
  VpcDesign *self = VPC_DESIGN (object);

  g_clear_pointer (&self->by_id, g_hash_table_unref);
  g_hash_table_unref (self->positions);
  for (guint k = 0; k < VPC_N_KINDS; k++)
    g_ptr_array_unref (self->lists[k]);
  if (self->source != NULL)
    unpin (self->source);
  g_clear_object (&self->source);
  g_clear_pointer (&self->retired, g_ptr_array_unref);
  g_clear_pointer (&self->retired_names, g_ptr_array_unref);
  vpc_design_info_free (self->info);
  g_ptr_array_unref (self->steps);
  g_array_unref (self->box_log);
  g_free (self->last_refusal);
  g_free (self->read_only);
  G_OBJECT_CLASS (vpc_design_parent_class)->finalize (object);
}

static void
vpc_design_get_property (GObject    *object,
                         guint       prop_id,
                         GValue     *value,
                         GParamSpec *pspec)
{
  VpcDesign *self = VPC_DESIGN (object);

  switch (prop_id)
    {
    case PROP_CAN_UNDO:
      g_value_set_boolean (value, vpc_design_get_can_undo (self));
      break;
    case PROP_CAN_REDO:
      g_value_set_boolean (value, vpc_design_get_can_redo (self));
      break;
    case PROP_MODIFIED:
      g_value_set_boolean (value, vpc_design_get_modified (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
vpc_design_class_init (VpcDesignClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = vpc_design_dispose;
  object_class->finalize = vpc_design_finalize;
  object_class->get_property = vpc_design_get_property;

  properties[PROP_CAN_UNDO] =
    g_param_spec_boolean ("can-undo", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_CAN_REDO] =
    g_param_spec_boolean ("can-redo", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_MODIFIED] =
    g_param_spec_boolean ("modified", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  signals[SIGNAL_ELEMENT_ADDED] =
    g_signal_new ("element-added", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                  NULL, NULL, NULL, G_TYPE_NONE, 3, G_TYPE_INT, G_TYPE_UINT, G_TYPE_STRING);
  signals[SIGNAL_ELEMENT_REMOVED] =
    g_signal_new ("element-removed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                  NULL, NULL, NULL, G_TYPE_NONE, 3, G_TYPE_INT, G_TYPE_UINT, G_TYPE_STRING);
  signals[SIGNAL_ELEMENT_CHANGED] =
    g_signal_new ("element-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                  NULL, NULL, NULL, G_TYPE_NONE, 3, G_TYPE_INT, G_TYPE_UINT, G_TYPE_STRING);
  signals[SIGNAL_INFO_CHANGED] =
    g_signal_new ("info-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                  NULL, NULL, NULL, G_TYPE_NONE, 0);
  signals[SIGNAL_CHANGED] =
    g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                  NULL, NULL, NULL, G_TYPE_NONE, 0);
  signals[SIGNAL_EDIT_REFUSED] =
    g_signal_new ("edit-refused", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                  NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);
  signals[SIGNAL_EDIT_NOTICE] =
    g_signal_new ("edit-notice", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                  NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);
}

static void
vpc_design_init (VpcDesign *self)
{
  self->info = vpc_design_info_new ();
  for (guint k = 0; k < VPC_N_KINDS; k++)
    self->lists[k] = g_ptr_array_new_with_free_func ((GDestroyNotify) vpc_element_free);
  self->by_id = g_hash_table_new (g_str_hash, g_str_equal);
  self->positions = g_hash_table_new (g_str_hash, g_str_equal);
  self->steps = g_ptr_array_new_with_free_func (step_free);
  self->box_log = g_array_new (FALSE, FALSE, sizeof (BoxChange));
  self->checked_revision = G_MAXUINT64;
  self->contained_revision = G_MAXUINT64;
  new_ids_generation (self);
}

VpcDesign *
vpc_design_new (void)
{
  return g_object_new (VPC_TYPE_DESIGN, NULL);
}

VpcDesign *
vpc_design_snapshot (VpcDesign *self)
{
  VpcDesign *snapshot;

  g_return_val_if_fail (VPC_IS_DESIGN (self), NULL);

  snapshot = vpc_design_new ();
  vpc_design_info_free (snapshot->info);
  snapshot->info = vpc_design_info_copy (self->info);
  for (guint k = 0; k < VPC_N_KINDS; k++)
    {
      g_ptr_array_unref (snapshot->lists[k]);
      snapshot->lists[k] = g_ptr_array_copy (self->lists[k], NULL, NULL);
      /* Borrowed: the copy took the free function too. */
      g_ptr_array_set_free_func (snapshot->lists[k], NULL);
    }
  /* Its reader builds the indices, on its own thread. */
  g_clear_pointer (&snapshot->by_id, g_hash_table_unref);
  snapshot->positions_dirty = TRUE;
  snapshot->ids_generation = self->ids_generation;
  snapshot->revision = self->revision;
  snapshot->content_revision = self->content_revision;
  snapshot->shape_revision = self->shape_revision;
  snapshot->rules_revision = self->rules_revision;
  snapshot->read_only = g_strdup ("snapshot"); /* never shown: nothing edits it */
  snapshot->source = g_object_ref (self);
  self->pins++;
  return snapshot;
}

VpcDesign *
vpc_design_duplicate (VpcDesign *self)
{
  VpcDesign *copy;

  g_return_val_if_fail (VPC_IS_DESIGN (self), NULL);

  copy = vpc_design_new ();
  vpc_design_take_info (copy, vpc_design_info_copy (self->info));
  for (guint k = 0; k < VPC_N_KINDS; k++)
    for (guint i = 0; i < self->lists[k]->len; i++)
      vpc_design_take_element (copy, vpc_element_copy (g_ptr_array_index (self->lists[k], i)));
  return copy;
}

void
vpc_design_set_read_only (VpcDesign  *self,
                          const char *reason)
{
  g_return_if_fail (VPC_IS_DESIGN (self));
  g_free (self->read_only);
  self->read_only = g_strdup (reason);
}

const char *
vpc_design_get_read_only (VpcDesign *self)
{
  g_return_val_if_fail (VPC_IS_DESIGN (self), NULL);
  return self->read_only;
}

/* Reading */

const VpcDesignInfo *
vpc_design_get_info (VpcDesign *self)
{
  g_return_val_if_fail (VPC_IS_DESIGN (self), NULL);
  return self->info;
}

guint
vpc_design_get_n_elements (VpcDesign *self,
                           VpcKind    kind)
{
  g_return_val_if_fail (VPC_IS_DESIGN (self), 0);
  g_return_val_if_fail (kind < VPC_N_KINDS, 0);
  return self->lists[kind]->len;
}

const VpcElement *
vpc_design_get_element (VpcDesign *self,
                        VpcKind    kind,
                        guint      index)
{
  g_return_val_if_fail (VPC_IS_DESIGN (self), NULL);
  g_return_val_if_fail (kind < VPC_N_KINDS, NULL);
  g_return_val_if_fail (index < self->lists[kind]->len, NULL);
  return g_ptr_array_index (self->lists[kind], index);
}

/* A snapshot's id index, built by its reader. */
static void
index_ids (VpcDesign *self)
{
  self->by_id = g_hash_table_new (g_str_hash, g_str_equal);
  for (guint k = 0; k < VPC_N_KINDS; k++)
    for (guint i = 0; i < self->lists[k]->len; i++)
      {
        VpcElement *e = g_ptr_array_index (self->lists[k], i);
        g_hash_table_insert (self->by_id, e->id, e);
      }
}

const VpcElement *
vpc_design_lookup (VpcDesign  *self,
                   const char *id)
{
  g_return_val_if_fail (VPC_IS_DESIGN (self), NULL);
  if (id == NULL)
    return NULL;
  if (G_UNLIKELY (self->by_id == NULL))
    index_ids (self);
  return g_hash_table_lookup (self->by_id, id);
}

static void
update_positions (VpcDesign *self)
{
  if (!self->positions_dirty)
    return;
  g_hash_table_remove_all (self->positions);
  for (guint k = 0; k < VPC_N_KINDS; k++)
    for (guint i = 0; i < self->lists[k]->len; i++)
      {
        VpcElement *e = g_ptr_array_index (self->lists[k], i);
        g_hash_table_insert (self->positions, e->id, GUINT_TO_POINTER (i + 1));
      }
  self->positions_dirty = FALSE;
}

int
vpc_design_index_of (VpcDesign  *self,
                     const char *id)
{
  g_return_val_if_fail (VPC_IS_DESIGN (self), -1);

  if (id == NULL)
    return -1;
  /* Every element's id is there, as its index + 1: 0 says none. */
  update_positions (self);
  return (int) GPOINTER_TO_UINT (g_hash_table_lookup (self->positions, id)) - 1;
}

void
vpc_design_prepare_reads (VpcDesign *self)
{
  g_return_if_fail (VPC_IS_DESIGN (self));

  update_positions (self);
  if (self->by_id == NULL)
    index_ids (self);
}

int
vpc_design_index_of_kind (VpcDesign  *self,
                          const char *id,
                          VpcKind     kind)
{
  int index;

  g_return_val_if_fail (VPC_IS_DESIGN (self), -1);
  g_return_val_if_fail (kind < VPC_N_KINDS, -1);

  if (id == NULL)
    return -1;
  update_positions (self);
  /* One lookup: the position is in the id's own list, so it names an
   * element of @kind only when that element has the id (ids are unique). */
  index = (int) GPOINTER_TO_UINT (g_hash_table_lookup (self->positions, id)) - 1;
  if (index < 0 || (guint) index >= self->lists[kind]->len ||
      strcmp (((VpcElement *) g_ptr_array_index (self->lists[kind], index))->id, id) != 0)
    return -1;
  return index;
}

guint
vpc_design_get_total_elements (VpcDesign *self)
{
  guint total = 0;

  g_return_val_if_fail (VPC_IS_DESIGN (self), 0);
  for (guint k = 0; k < VPC_N_KINDS; k++)
    total += self->lists[k]->len;
  return total;
}

guint64
vpc_design_get_revision (VpcDesign *self)
{
  g_return_val_if_fail (VPC_IS_DESIGN (self), 0);
  return self->revision;
}

guint64
vpc_design_get_content_revision (VpcDesign *self)
{
  g_return_val_if_fail (VPC_IS_DESIGN (self), 0);
  return self->content_revision;
}

guint64
vpc_design_get_shape_revision (VpcDesign *self)
{
  g_return_val_if_fail (VPC_IS_DESIGN (self), 0);
  return self->shape_revision;
}

guint64
vpc_design_get_ids_generation (VpcDesign *self)
{
  g_return_val_if_fail (VPC_IS_DESIGN (self), 0);
  return self->ids_generation;
}

guint64
vpc_design_get_rules_revision (VpcDesign *self)
{
  g_return_val_if_fail (VPC_IS_DESIGN (self), 0);
  return self->rules_revision;
}

/* Queries */

GPtrArray *
vpc_design_subnets_of_az (VpcDesign  *self,
                          const char *az_id)
{
  GPtrArray *result = g_ptr_array_new ();
  GPtrArray *subnets = self->lists[VPC_KIND_SUBNET];

  for (guint i = 0; i < subnets->len; i++)
    {
      VpcElement *subnet = g_ptr_array_index (subnets, i);
      if (g_strcmp0 (subnet->az, az_id) == 0)
        g_ptr_array_add (result, subnet);
    }
  return result;
}

const VpcElement *
vpc_design_az_of_subnet (VpcDesign  *self,
                         const char *subnet_id)
{
  const VpcElement *subnet = vpc_design_lookup (self, subnet_id);
  const VpcElement *az;

  if (subnet == NULL || subnet->kind != VPC_KIND_SUBNET)
    return NULL;
  az = vpc_design_lookup (self, subnet->az);
  return az != NULL && az->kind == VPC_KIND_AZ ? az : NULL;
}

GPtrArray *
vpc_design_endpoints_of_service (VpcDesign  *self,
                                 const char *service)
{
  GPtrArray *result = g_ptr_array_new ();
  GPtrArray *endpoints = self->lists[VPC_KIND_ENDPOINT];

  for (guint i = 0; i < endpoints->len; i++)
    {
      VpcElement *endpoint = g_ptr_array_index (endpoints, i);
      if (g_strcmp0 (endpoint->service, service) == 0)
        g_ptr_array_add (result, endpoint);
    }
  return result;
}

static gboolean
rules_name_peer (const GArray *rules,
                 const char   *id)
{
  for (guint i = 0; rules != NULL && i < rules->len; i++)
    if (g_strcmp0 (g_array_index (rules, VpcSgRule, i).peer, id) == 0)
      return TRUE;
  return FALSE;
}

static gboolean
element_refers_to (const VpcElement *e,
                   const char       *id)
{
  if (g_strcmp0 (e->id, id) == 0)
    return FALSE;
  return g_strcmp0 (e->az, id) == 0 ||
         g_strcmp0 (e->subnet, id) == 0 ||
         vpc_id_list_contains (e->subnets, id) ||
         vpc_id_list_contains (e->security_groups, id) ||
         rules_name_peer (e->ingress, id) ||
         rules_name_peer (e->egress, id);
}

GPtrArray *
vpc_design_referrers (VpcDesign  *self,
                      const char *id)
{
  GPtrArray *result = g_ptr_array_new ();

  g_return_val_if_fail (VPC_IS_DESIGN (self), result);
  for (guint k = 0; k < VPC_N_KINDS; k++)
    for (guint i = 0; i < self->lists[k]->len; i++)
      {
        VpcElement *e = g_ptr_array_index (self->lists[k], i);
        if (element_refers_to (e, id))
          g_ptr_array_add (result, e);
      }
  return result;
}

char *
vpc_design_make_id (VpcDesign  *self,
                    const char *prefix)
{
  int len = (int) MIN (strlen (prefix), VPC_ID_PREFIX_MAX);

  for (guint n = 1;; n++)
    {
      char *id = g_strdup_printf ("%.*s-%u", len, prefix, n);

      if (!g_hash_table_contains (self->by_id, id))
        return id;
      g_free (id);
    }
}

/* Applying ops */

static void
insert_at (VpcDesign  *self,
           VpcKind     kind,
           guint       index,
           VpcElement *element)
{
  g_ptr_array_insert (self->lists[kind], (int) index, element);
  g_hash_table_insert (self->by_id, element->id, element);
  self->positions_dirty = TRUE;
  new_ids_generation (self);
  g_signal_emit (self, signals[SIGNAL_ELEMENT_ADDED], 0, (int) kind, index, element->id);
}

static void
remove_at (VpcDesign *self,
           VpcKind    kind,
           guint      index)
{
  VpcElement *element = g_ptr_array_steal_index (self->lists[kind], index);
  g_autofree char *id = g_strdup (element->id);

  g_hash_table_remove (self->by_id, element->id);
  self->positions_dirty = TRUE;
  new_ids_generation (self);
  retire (self, &self->retired, element, (GDestroyNotify) vpc_element_free);
  g_signal_emit (self, signals[SIGNAL_ELEMENT_REMOVED], 0, (int) kind, index, id);
}

static void
replace_at (VpcDesign  *self,
            VpcKind     kind,
            guint       index,
            VpcElement *element)
{
  VpcElement *old = g_ptr_array_index (self->lists[kind], index);

  if (strcmp (old->id, element->id) != 0)
    new_ids_generation (self);
  g_hash_table_remove (self->by_id, old->id);
  /* The position index keys on the element's own id string: re-key it
   * before that string is freed. */
  if (!self->positions_dirty)
    {
      g_hash_table_remove (self->positions, old->id);
      g_hash_table_insert (self->positions, element->id, GUINT_TO_POINTER (index + 1));
    }
  retire (self, &self->retired, old, (GDestroyNotify) vpc_element_free);
  g_ptr_array_index (self->lists[kind], index) = element;
  g_hash_table_insert (self->by_id, element->id, element);
  g_signal_emit (self, signals[SIGNAL_ELEMENT_CHANGED], 0, (int) kind, index, element->id);
}

/* Renames an element in place: the element stays the same object, so what
 * holds it (the connectors' router) stays valid. */
static void
rename_at (VpcDesign  *self,
           VpcKind     kind,
           guint       index,
           const char *name)
{
  VpcElement *e = g_ptr_array_index (self->lists[kind], index);
  char *old = e->name;

  /* A snapshot's reader may be reading the name (vpc_design_snapshot()). */
  g_atomic_pointer_set (&e->name, g_strdup (name));
  retire (self, &self->retired_names, old, g_free);
  g_signal_emit (self, signals[SIGNAL_ELEMENT_CHANGED], 0, (int) kind, index, e->id);
}

static void
set_info (VpcDesign     *self,
          VpcDesignInfo *info)
{
  vpc_design_info_free (self->info);
  self->info = info;
  g_signal_emit (self, signals[SIGNAL_INFO_CHANGED], 0);
}

/* Sets one element's layout in place: the element stays the same object,
 * only its rectangle changes. */
static void
set_layout_at (VpcDesign     *self,
               VpcKind        kind,
               guint          index,
               gboolean       has_layout,
               const VpcRect *layout,
               gboolean       emit)
{
  VpcElement *e = g_ptr_array_index (self->lists[kind], index);

  e->has_layout = has_layout;
  e->layout = *layout;
  if (emit)
    g_signal_emit (self, signals[SIGNAL_ELEMENT_CHANGED], 0, (int) kind, index, e->id);
}

/* Forward sets the new rectangles in order; backward puts the old ones
 * back in reverse order, so that an element set twice ends as it was. */
static void
run_layouts (VpcDesign *self,
             GArray    *layouts,
             gboolean   forward)
{
  guint n = layouts->len;
  /* One look per op rather than one emission per element when nobody
   * listens (the command line lays out 100,000 elements). */
  gboolean emit = g_signal_has_handler_pending (self, signals[SIGNAL_ELEMENT_CHANGED], 0, TRUE);

  for (guint i = 0; i < n; i++)
    {
      const LayoutChange *c = &g_array_index (layouts, LayoutChange, forward ? i : n - 1 - i);

      if (forward)
        set_layout_at (self, c->kind, c->index, TRUE, &c->after, emit);
      else
        set_layout_at (self, c->kind, c->index, c->had_layout, &c->before, emit);
    }
}

/* TRUE when @a and @b differ at most in the VPC's box. */
static gboolean
info_differs_in_layout_only (const VpcDesignInfo *a,
                             const VpcDesignInfo *b)
{
  g_autoptr(VpcDesignInfo) copy = vpc_design_info_copy (b);

  copy->has_vpc_layout = a->has_vpc_layout;
  copy->vpc_layout = a->vpc_layout;
  return vpc_design_info_equal (a, copy);
}

/* TRUE when @a and @b differ at most in their boxes. */
static gboolean
element_differs_in_layout_only (const VpcElement *a,
                                const VpcElement *b)
{
  g_autoptr(VpcElement) copy = vpc_element_copy (b);

  copy->has_layout = a->has_layout;
  copy->layout = a->layout;
  return vpc_element_equal (a, copy);
}

/* TRUE when @a and @b differ at most in their names. */
static gboolean
element_differs_in_name_only (const VpcElement *a,
                              const VpcElement *b)
{
  g_autoptr(VpcElement) copy = NULL;

  if (g_strcmp0 (a->name, b->name) == 0)
    return FALSE;
  copy = vpc_element_copy (b);
  g_free (copy->name);
  copy->name = g_strdup (a->name);
  return vpc_element_equal (a, copy);
}

/* Whether @op only renames an element: nothing is drawn elsewhere or
 * joined otherwise (no box, line or link reads a name). */
static gboolean
op_renames_only (const Op *op)
{
  return op->type == OP_REPLACE && element_differs_in_name_only (op->before, op->after);
}

/* Whether @op moves or sizes boxes and changes nothing else: what the
 * rules and the cost read stays as it was. */
static gboolean
op_sets_boxes_only (const Op *op)
{
  switch (op->type)
    {
    case OP_LAYOUT:
      return TRUE;
    case OP_REPLACE:
      return element_differs_in_layout_only (op->before, op->after);
    case OP_INFO:
      return info_differs_in_layout_only (op->info_before, op->info_after);
    case OP_INSERT:
    case OP_REMOVE:
    default:
      return FALSE;
    }
}

/* Changes before now are no longer told apart: something but boxes, names
 * and elements replaced in place changed. */
static void
forget_boxes (VpcDesign *self)
{
  g_array_set_size (self->box_log, 0);
  self->box_log_floor = self->revision;
}

/* The box of the @index-th element of @kind changed, at the revision now. */
static void
log_box (VpcDesign *self,
         VpcKind    kind,
         guint      index)
{
  BoxChange change = { self->revision, kind, index };

  if (self->box_log->len >= BOX_LOG_MAX)
    forget_boxes (self);
  else
    g_array_append_val (self->box_log, change);
}

static void
log_op_boxes (VpcDesign *self,
              const Op  *op)
{
  switch (op->type)
    {
    case OP_REPLACE:
      log_box (self, op->kind, op->index);
      break;
    case OP_INFO:
      log_box (self, VPC_N_KINDS, 0);
      break;
    case OP_LAYOUT:
      if (self->box_log->len + op->layouts->len > BOX_LOG_MAX)
        {
          forget_boxes (self);
          break;
        }
      for (guint i = 0; i < op->layouts->len; i++)
        {
          const LayoutChange *c = &g_array_index (op->layouts, LayoutChange, i);

          log_box (self, c->kind, c->index);
        }
      break;
    case OP_INSERT:
    case OP_REMOVE:
    default:
      forget_boxes (self);
      break;
    }
}

gboolean
vpc_design_get_elements_changed_since (VpcDesign *self,
                                       guint64    revision,
                                       guint      max,
                                       GArray    *out)
{
  guint first;

  g_return_val_if_fail (VPC_IS_DESIGN (self), FALSE);
  g_return_val_if_fail (out != NULL && g_array_get_element_size (out) == sizeof (VpcBoxRef),
                        FALSE);

  if (revision < self->box_log_floor || revision > self->revision)
    return FALSE;
  /* The log is in revision order: the changes since start past the last
   * one at or before @revision. */
  for (first = self->box_log->len;
       first > 0 && g_array_index (self->box_log, BoxChange, first - 1).revision > revision;
       first--)
    ;
  if (self->box_log->len - first > max)
    return FALSE;
  for (guint i = first; i < self->box_log->len; i++)
    {
      const BoxChange *c = &g_array_index (self->box_log, BoxChange, i);
      VpcBoxRef ref = { c->kind, c->index };

      g_array_append_val (out, ref);
    }
  return TRUE;
}

static void
op_run (VpcDesign *self,
        Op        *op,
        gboolean   forward)
{
  gboolean renames = op_renames_only (op);
  gboolean boxes_only = op_sets_boxes_only (op);

  switch (op->type)
    {
    case OP_INSERT:
      if (forward)
        insert_at (self, op->kind, op->index, vpc_element_copy (op->after));
      else
        remove_at (self, op->kind, op->index);
      break;
    case OP_REMOVE:
      if (forward)
        remove_at (self, op->kind, op->index);
      else
        insert_at (self, op->kind, op->index, vpc_element_copy (op->before));
      break;
    case OP_REPLACE:
      if (renames)
        rename_at (self, op->kind, op->index, (forward ? op->after : op->before)->name);
      else
        replace_at (self, op->kind, op->index,
                    vpc_element_copy (forward ? op->after : op->before));
      break;
    case OP_INFO:
      set_info (self, vpc_design_info_copy (forward ? op->info_after : op->info_before));
      break;
    case OP_LAYOUT:
      run_layouts (self, op->layouts, forward);
      break;
    default:
      g_assert_not_reached ();
    }
  self->revision++;
  if (!boxes_only)
    self->content_revision = self->revision;
  if (!renames)
    self->shape_revision = self->revision;
  if (!boxes_only && !renames)
    self->rules_revision = self->revision;
  /* An element replaced keeps its id and place (another id is a removal
   * and an insertion): caches of the drawing can take in the new copy
   * (its box, its links) instead of making everything again. */
  if (boxes_only || op->type == OP_REPLACE)
    log_op_boxes (self, op);
  else if (!renames)
    forget_boxes (self);
}

static void
notify_history (VpcDesign *self,
                gboolean   could_undo,
                gboolean   could_redo,
                gboolean   was_modified)
{
  if (could_undo != vpc_design_get_can_undo (self))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CAN_UNDO]);
  if (could_redo != vpc_design_get_can_redo (self))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CAN_REDO]);
  if (was_modified != vpc_design_get_modified (self))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MODIFIED]);
}

/* Pushes a finished step on the history, dropping what could be redone. */
static void
push_step (VpcDesign *self,
           Step      *step)
{
  gboolean could_undo = vpc_design_get_can_undo (self);
  gboolean could_redo = vpc_design_get_can_redo (self);
  gboolean was_modified = vpc_design_get_modified (self);

  if (step->ops->len == 0)
    {
      step_free (step);
      return;
    }
  if (self->position < self->steps->len)
    {
      if (self->saved_position > (int) self->position)
        self->saved_position = -1;
      g_ptr_array_set_size (self->steps, self->position);
    }
  g_ptr_array_add (self->steps, step);
  self->position++;
  notify_history (self, could_undo, could_redo, was_modified);
  g_signal_emit (self, signals[SIGNAL_CHANGED], 0);
}

/* The guard */

/* Interface endpoints that would have two network interfaces in one AZ
 * once @subnet moved there give up the one in @subnet: moving a subnet into
 * the AZ of a sibling interface clearly means that. */
static void
release_interfaces (VpcDesign        *self,
                    const VpcElement *subnet,
                    GString          *notice)
{
  GPtrArray *endpoints = self->lists[VPC_KIND_ENDPOINT];
  g_autoptr(GString) names = g_string_new (NULL);
  const VpcElement *kept_in = NULL;
  guint n_released = 0;

  for (guint i = 0; i < endpoints->len; i++)
    {
      VpcElement *endpoint = g_ptr_array_index (endpoints, i);
      VpcElement *copy;
      const VpcElement *sibling = NULL;

      if (endpoint->endpoint_type != VPC_ENDPOINT_INTERFACE ||
          !vpc_id_list_contains (endpoint->subnets, subnet->id))
        continue;
      for (guint j = 0; j < endpoint->subnets->len && sibling == NULL; j++)
        {
          VpcElement *other = g_hash_table_lookup (self->by_id,
                                                   g_ptr_array_index (endpoint->subnets, j));

          if (other != NULL && other != subnet && other->kind == VPC_KIND_SUBNET &&
              g_strcmp0 (other->az, subnet->az) == 0)
            sibling = other;
        }
      if (sibling == NULL)
        continue;
      g_string_append_printf (names, "%s“%s”", names->len > 0 ? ", " : "",
                              vpc_element_get_display_name (endpoint));
      kept_in = kept_in == NULL || kept_in == sibling ? sibling : subnet; /* subnet: several */
      n_released++;
      copy = vpc_element_copy (endpoint);
      vpc_id_list_remove (copy->subnets, subnet->id);
      vpc_design_replace_element (self, copy);
    }
  if (n_released == 0)
    return;
  if (notice->len > 0)
    g_string_append_c (notice, ' ');
  if (kept_in != subnet)
    g_string_append_printf (
        notice,
        /* TRANSLATORS: the endpoints' names (“a”, “b”), the subnet
         * that keeps their network interface, then the subnet that
         * moved. */
        ngettext ("Endpoint %s keeps its network interface in “%s” and no longer "
                  "has one in “%s”: an interface endpoint has one per availability zone.",
                  "Endpoints %s keep their network interface in “%s” and no longer "
                  "have one in “%s”: an interface endpoint has one per availability zone.",
                  n_released),
        names->str, vpc_element_get_display_name (kept_in), vpc_element_get_display_name (subnet));
  else
    g_string_append_printf (
        notice,
        /* TRANSLATORS: the endpoints' names (“a”, “b”), then the
         * subnet that moved. */
        ngettext ("Endpoint %s no longer has a network interface in “%s”: they keep the "
                  "one they have in its new availability zone (one per zone).",
                  "Endpoints %s no longer have a network interface in “%s”: they keep the "
                  "one they have in its new availability zone (one per zone).",
                  n_released),
        names->str, vpc_element_get_display_name (subnet));
}

static gboolean
centre_inside (const VpcRect *outer,
               const VpcRect *r)
{
  double cx = r->x + r->w / 2, cy = r->y + r->h / 2;

  return cx >= outer->x && cx <= outer->x + outer->w && cy >= outer->y && cy <= outer->y + outer->h;
}

static gboolean
rect_inside (const VpcRect *outer,
             const VpcRect *r)
{
  return r->x >= outer->x && r->y >= outer->y && r->x + r->w <= outer->x + outer->w &&
         r->y + r->h <= outer->y + outer->h;
}

/* Moves every icon that lies below @az's box (endpoint and group rows,
 * workloads outside the VPC) down by @need, so that the AZ can grow without
 * covering them; icons inside @skip move with it instead. */
static void
make_room_below (VpcDesign        *self,
                 const VpcElement *az,
                 double            need,
                 const VpcRect    *skip)
{
  double bottom = az->layout.y + az->layout.h;
  static const VpcKind icons[] = {
    VPC_KIND_SECURITY_GROUP, VPC_KIND_ENDPOINT, VPC_KIND_NAT_GATEWAY, VPC_KIND_WORKLOAD,
  };

  if (need <= 0)
    return;
  for (guint n = 0; n < G_N_ELEMENTS (icons); n++)
    for (guint i = 0; i < self->lists[icons[n]]->len; i++)
      {
        const VpcElement *e = g_ptr_array_index (self->lists[icons[n]], i);
        VpcElement *copy;

        if (!e->has_layout || e->layout.y < bottom || centre_inside (skip, &e->layout))
          continue;
        copy = vpc_element_copy (e);
        copy->layout.y = MIN (copy->layout.y + need, VPC_LAYOUT_LIMIT);
        vpc_design_replace_element (self, copy);
      }
  /* The VPC box keeps holding the rows it held. */
  if (self->info->has_vpc_layout && self->info->vpc_layout.y + self->info->vpc_layout.h > bottom)
    {
      VpcDesignInfo *info = vpc_design_info_copy (self->info);

      info->vpc_layout.h = MIN (info->vpc_layout.h + need, VPC_LAYOUT_LIMIT);
      vpc_design_set_info (self, info);
    }
}

/* A subnet that now belongs to another AZ is drawn there: it moves, with the
 * icons drawn inside it, below the subnets already in that AZ (the AZ then
 * grows to hold it, vpc_layout_contain()). */
static void
move_into_az (VpcDesign        *self,
              const VpcElement *subnet)
{
  /* A subnet in no AZ has none to be drawn in. */
  const VpcElement *az = subnet->az != NULL ? g_hash_table_lookup (self->by_id, subnet->az) : NULL;
  VpcRect old = subnet->layout;
  g_autofree char *subnet_id = g_strdup (subnet->id);
  double x, y, dx, dy;

  if (az == NULL || !az->has_layout || !subnet->has_layout || rect_inside (&az->layout, &old))
    return;
  x = az->layout.x + 24;
  y = az->layout.y + 44;
  for (guint i = 0; i < self->lists[VPC_KIND_SUBNET]->len; i++)
    {
      const VpcElement *other = g_ptr_array_index (self->lists[VPC_KIND_SUBNET], i);

      if (other != subnet && other->has_layout && g_strcmp0 (other->az, az->id) == 0)
        y = MAX (y, other->layout.y + other->layout.h + 20);
    }
  dx = x - old.x;
  dy = y - old.y;
  make_room_below (self, az, y + old.h + 24 - (az->layout.y + az->layout.h), &old);
  for (guint k = VPC_KIND_SUBNET; k < VPC_N_KINDS; k++)
    for (guint i = 0; i < self->lists[k]->len; i++)
      {
        const VpcElement *e = g_ptr_array_index (self->lists[k], i);
        VpcElement *copy;

        if (!e->has_layout || (k != VPC_KIND_SUBNET && k != VPC_KIND_NAT_GATEWAY &&
                               k != VPC_KIND_WORKLOAD))
          continue;
        /* @subnet itself is freed once replaced: compare ids. */
        if (k == VPC_KIND_SUBNET ? strcmp (e->id, subnet_id) != 0
                                 : !centre_inside (&old, &e->layout))
          continue;
        copy = vpc_element_copy (e);
        copy->layout.x = CLAMP (copy->layout.x + dx, -VPC_LAYOUT_LIMIT, VPC_LAYOUT_LIMIT);
        copy->layout.y = CLAMP (copy->layout.y + dy, -VPC_LAYOUT_LIMIT, VPC_LAYOUT_LIMIT);
        vpc_design_replace_element (self, copy);
      }
}

/* Records, into the step being finished, what the edit clearly implies:
 * fields that no longer apply are reset, and a subnet moved to another AZ
 * releases endpoint interfaces that would clash there. */
static void
add_consequences (VpcDesign *self,
                  Step      *step,
                  GString   *notice)
{
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  guint n_ops = step->ops->len;

  for (guint i = 0; i < n_ops; i++)
    {
      Op *op = g_ptr_array_index (step->ops, i);
      VpcElement *current;
      VpcElement *copy;

      if (op->type == OP_INFO)
        {
          VpcDesignInfo *info = vpc_design_info_copy (self->info);

          if (vpc_design_info_normalize (info))
            vpc_design_set_info (self, info);
          else
            vpc_design_info_free (info);
          continue;
        }
      if (op->after == NULL || !g_hash_table_add (seen, g_strdup (op->after->id)))
        continue;
      current = g_hash_table_lookup (self->by_id, op->after->id);
      if (current == NULL)
        continue;
      copy = vpc_element_copy (current);
      if (vpc_element_normalize (copy))
        vpc_design_replace_element (self, copy);
      else
        vpc_element_free (copy);
      current = g_hash_table_lookup (self->by_id, op->after->id);
      if (current->kind == VPC_KIND_SUBNET &&
          (op->before == NULL || g_strcmp0 (op->before->az, current->az) != 0))
        {
          release_interfaces (self, current, notice);
          if (op->before != NULL)
            move_into_az (self, current);
        }
    }
}

/* TRUE when @element, first seen in this step (@seen), is not as @step
 * found it (@before, or the rectangle @had / @layout when @before is NULL). */
static gboolean
first_differs (GHashTable       *seen,
               const VpcElement *element,
               const VpcElement *before,
               gboolean          had,
               const VpcRect    *layout)
{
  if (!g_hash_table_add (seen, (gpointer) element))
    return FALSE;
  if (before != NULL)
    return !vpc_element_equal (element, before);
  return element->has_layout != had ||
         (had && !(element->layout.x == layout->x && element->layout.y == layout->y &&
                   element->layout.w == layout->w && element->layout.h == layout->h));
}

/* TRUE when @step, applied, left the design as it found it (a move that
 * containment put back, edits that undid each other): such a step is not
 * worth an undo entry. Each element is compared with its state before its
 * first op in the step; the first difference answers. */
static gboolean
step_changed_nothing (VpcDesign *self,
                      Step      *step)
{
  g_autoptr(GHashTable) seen = g_hash_table_new (g_direct_hash, g_direct_equal);
  const VpcDesignInfo *info_before = NULL;

  /* A new element, or one put back somewhere else, or one gone (no insert
   * brings it back): a change. Without those, every index in the step
   * names the same element now as when its op ran. */
  for (guint i = 0; i < step->ops->len; i++)
    {
      Op *op = g_ptr_array_index (step->ops, i);

      if (op->type == OP_INSERT || op->type == OP_REMOVE)
        return FALSE;
    }
  for (guint i = 0; i < step->ops->len; i++)
    {
      Op *op = g_ptr_array_index (step->ops, i);

      if (op->type == OP_INFO)
        info_before = info_before != NULL ? info_before : op->info_before;
      else if (op->type == OP_REPLACE)
        {
          if (first_differs (seen, g_ptr_array_index (self->lists[op->kind], op->index),
                             op->before, FALSE, NULL))
            return FALSE;
        }
      else
        for (guint j = 0; j < op->layouts->len; j++)
          {
            const LayoutChange *c = &g_array_index (op->layouts, LayoutChange, j);

            if (first_differs (seen, g_ptr_array_index (self->lists[c->kind], c->index), NULL,
                               c->had_layout, &c->before))
              return FALSE;
          }
    }
  return info_before == NULL || vpc_design_info_equal (info_before, self->info);
}

/* Whether @step changed no box and no element's container: a design
 * contained before it still is (a rename, or an edit of a field the
 * drawing does not place by, such as a workload's instance count). */
static gboolean
step_keeps_containment (Step *step)
{
  for (guint i = 0; i < step->ops->len; i++)
    {
      const Op *op = g_ptr_array_index (step->ops, i);

      if (op->type != OP_REPLACE || !vpc_element_layout_equal (op->before, op->after) ||
          g_strcmp0 (vpc_layout_container_of (op->before),
                     vpc_layout_container_of (op->after)) != 0)
        return FALSE;
    }
  return TRUE;
}

/* Whether the element @op replaced in place (same id and kind: what refers
 * to it still finds it) passes its own check now, and no other element's
 * check reads what changed: an interface endpoint's reads its subnets'
 * AZs. */
static gboolean
op_replaces_validly (VpcDesign *self,
                     const Op  *op)
{
  const VpcElement *now = g_ptr_array_index (self->lists[op->kind], op->index);

  if (op->kind == VPC_KIND_SUBNET && g_strcmp0 (op->before->az, op->after->az) != 0)
    return FALSE;
  return vpc_invariants_check_element (self, now, op->index, VPC_INVARIANTS_PLACE_ELEMENT, NULL);
}

/* TRUE when @step only moved or sized boxes (layout ops, replacements that
 * differ only there, the VPC's box), renamed elements or replaced them in
 * place, and every box, name and element it set is one the format accepts
 * (op_replaces_validly()). Without inserts and removals, each index in the
 * step names the same element now. */
static gboolean
step_keeps_design_valid (VpcDesign *self,
                         Step      *step)
{
  const VpcDesignInfo *info = self->info;

  if (info->has_vpc_layout && !vpc_invariants_layout_is_valid (&info->vpc_layout))
    return FALSE;
  /* Indices hold only without them (whichever op comes first). */
  for (guint i = 0; i < step->ops->len; i++)
    {
      OpType type = ((Op *) g_ptr_array_index (step->ops, i))->type;

      if (type == OP_INSERT || type == OP_REMOVE)
        return FALSE;
    }
  for (guint i = 0; i < step->ops->len; i++)
    {
      Op *op = g_ptr_array_index (step->ops, i);

      if (op->type == OP_INFO && info_differs_in_layout_only (op->info_before, op->info_after))
        continue;
      /* A name is free text: only its encoding can be wrong. */
      if (op->type == OP_REPLACE && op_renames_only (op))
        {
          if (!vpc_invariants_text_is_valid (op->after->name))
            return FALSE;
          continue;
        }
      /* The canvas moves and sizes an element by replacing it. */
      if (op->type == OP_REPLACE && op_sets_boxes_only (op))
        {
          if (op->after->has_layout && !vpc_invariants_layout_is_valid (&op->after->layout))
            return FALSE;
          continue;
        }
      if (op->type == OP_REPLACE)
        {
          if (!op_replaces_validly (self, op))
            return FALSE;
          continue;
        }
      if (op->type != OP_LAYOUT)
        return FALSE;
      for (guint j = 0; j < op->layouts->len; j++)
        {
          const LayoutChange *c = &g_array_index (op->layouts, LayoutChange, j);
          const VpcElement *e = g_ptr_array_index (self->lists[c->kind], c->index);

          if (e->has_layout && !vpc_invariants_layout_is_valid (&e->layout))
            return FALSE;
        }
    }
  return TRUE;
}

/* The guard's check of the design @step left. A step that only set boxes
 * or names, or replaced elements in place, of a design that passed the
 * whole check just before it can break nothing but those values, so when
 * they are valid that is the whole answer (laying out 100,000 elements
 * checks 100,000 rectangles, not every name, CIDR and reference again; a
 * rename checks one name, an edit of a workload that workload). Otherwise,
 * and to word any fault, the whole check runs. */
static gboolean
check_step (VpcDesign *self,
            Step      *step,
            GError   **error)
{
  if ((step->start_revision == self->checked_revision &&
       step_keeps_design_valid (self, step)) ||
      vpc_invariants_check_design (self, VPC_INVARIANTS_PLACE_ELEMENT, error))
    {
      self->checked_revision = self->revision;
      return TRUE;
    }
  return FALSE;
}

/* Closes @step: adds its consequences, then either pushes it on the history
 * or, when the result breaks an invariant, reverts it as a whole and says
 * why ("edit-refused"). */
static gboolean
finish_step (VpcDesign *self,
             Step      *step,
             GError   **error)
{
  g_autoptr(GString) notice = g_string_new (NULL);
  g_autoptr(GError) local = NULL;

  if (step->ops->len == 0)
    {
      step_free (step);
      return TRUE;
    }
  if (self->read_only == NULL)
    {
      self->open_step = step;
      self->open_depth = 1;
      add_consequences (self, step, notice);
      /* The drawing follows the model: children stay inside their
       * containers (a second containment changes nothing, and an edit
       * that moves nothing and re-parents nothing: skip those). */
      if (self->contained_revision == step->start_revision && step_keeps_containment (step))
        self->contained_revision = self->revision;
      if (self->contained_revision != self->revision)
        vpc_layout_contain (self);
      self->open_step = NULL;
      self->open_depth = 0;
    }

  if (self->read_only != NULL || !check_step (self, step, &local))
    {
      for (guint i = step->ops->len; i > 0; i--)
        op_run (self, g_ptr_array_index (step->ops, i - 1), FALSE);
      g_free (self->last_refusal);
      /* TRANSLATORS: the name of an edit ("Add subnet"), then why it was
       * refused. */
      self->last_refusal
          = g_strdup_printf (_("“%s” was not done. %s."), step->label,
                             self->read_only != NULL ? self->read_only : local->message);
      step_free (step);
      g_signal_emit (self, signals[SIGNAL_CHANGED], 0);
      g_signal_emit (self, signals[SIGNAL_EDIT_REFUSED], 0, self->last_refusal);
      g_set_error_literal (error, VPC_DESIGN_ERROR, VPC_DESIGN_ERROR_REFUSED, self->last_refusal);
      return FALSE;
    }
  if (step_changed_nothing (self, step))
    {
      step_free (step);
      return TRUE;
    }
  push_step (self, step);
  if (notice->len > 0)
    g_signal_emit (self, signals[SIGNAL_EDIT_NOTICE], 0, notice->str);
  return TRUE;
}

/* Applies an op and records it in the open step, or as a step of its own
 * (which the guard may refuse). */
static gboolean
record_op (VpcDesign  *self,
           Op         *op,
           const char *label)
{
  Step *step = NULL;

  /* The step starts before the op: its revision is the state it found. */
  if (self->open_step == NULL)
    step = step_new (self, label);
  op_run (self, op, TRUE);
  if (self->open_step != NULL)
    {
      g_ptr_array_add (self->open_step->ops, op);
      self->open_changed = TRUE;
      return TRUE;
    }
  g_ptr_array_add (step->ops, op);
  return finish_step (self, step, NULL);
}

void
vpc_design_begin (VpcDesign  *self,
                  const char *label)
{
  g_return_if_fail (VPC_IS_DESIGN (self));

  if (self->open_depth++ == 0)
    self->open_step = step_new (self, label);
}

gboolean
vpc_design_try_commit (VpcDesign *self,
                       GError   **error)
{
  Step *step;

  g_return_val_if_fail (VPC_IS_DESIGN (self), FALSE);
  g_return_val_if_fail (self->open_depth > 0, FALSE);

  if (--self->open_depth > 0)
    return TRUE;
  step = g_steal_pointer (&self->open_step);
  self->open_changed = FALSE;
  return finish_step (self, step, error);
}

gboolean
vpc_design_commit (VpcDesign *self)
{
  return vpc_design_try_commit (self, NULL);
}

const char *
vpc_design_get_last_refusal (VpcDesign *self)
{
  g_return_val_if_fail (VPC_IS_DESIGN (self), NULL);
  return self->last_refusal;
}

void
vpc_design_rollback (VpcDesign *self)
{
  Step *step;
  gboolean reverted;

  g_return_if_fail (VPC_IS_DESIGN (self));
  g_return_if_fail (self->open_depth > 0);

  /* Everything recorded in the open transaction is reverted; an enclosing
   * level stays open and its own commit closes it. */
  step = self->open_step;
  reverted = step->ops->len > 0;
  for (guint i = step->ops->len; i > 0; i--)
    op_run (self, g_ptr_array_index (step->ops, i - 1), FALSE);
  g_ptr_array_set_size (step->ops, 0);
  self->open_changed = FALSE;
  if (--self->open_depth == 0)
    g_clear_pointer (&self->open_step, step_free);
  if (reverted)
    g_signal_emit (self, signals[SIGNAL_CHANGED], 0);
}

static const char *
default_label (VpcKind kind, const char *verb)
{
  static const char *const labels[][3] = {
    { N_("Add availability zone"), N_("Remove availability zone"), N_("Change availability zone") },
    { N_("Add subnet"), N_("Remove subnet"), N_("Change subnet") },
    { N_("Add security group"), N_("Remove security group"), N_("Change security group") },
    { N_("Add endpoint"), N_("Remove endpoint"), N_("Change endpoint") },
    { N_("Add NAT gateway"), N_("Remove NAT gateway"), N_("Change NAT gateway") },
    { N_("Add workload"), N_("Remove workload"), N_("Change workload") },
  };
  int v = verb[0] == 'a' ? 0 : verb[0] == 'r' ? 1 : 2;

  return _(labels[kind][v]);
}

/* Refuses an edit that cannot even be recorded (the id index needs unique
 * ids), the same way the guard refuses the others. */
static gboolean
refuse (VpcDesign  *self,
        const char *label,
        const char *reason)
{
  g_free (self->last_refusal);
  /* TRANSLATORS: the name of an edit ("Add subnet"), then why it was
   * refused. */
  self->last_refusal = g_strdup_printf (_("“%s” was not done. %s."), label, reason);
  g_signal_emit (self, signals[SIGNAL_EDIT_REFUSED], 0, self->last_refusal);
  return FALSE;
}

gboolean
vpc_design_add_element (VpcDesign  *self,
                        VpcElement *element,
                        int         index)
{
  Op *op;
  guint len;

  g_return_val_if_fail (VPC_IS_DESIGN (self), FALSE);
  g_return_val_if_fail (element != NULL && element->kind < VPC_N_KINDS, FALSE);
  g_return_val_if_fail (element->id != NULL, FALSE);

  if (g_hash_table_contains (self->by_id, element->id))
    {
      g_autofree char *reason = g_strdup_printf (_("Another element already has the id “%s”"),
                                                 element->id);
      VpcKind kind = element->kind;

      vpc_element_free (element);
      return refuse (self, default_label (kind, "add"), reason);
    }
  vpc_element_normalize (element);
  len = self->lists[element->kind]->len;
  op = g_new0 (Op, 1);
  op->type = OP_INSERT;
  op->kind = element->kind;
  op->index = index < 0 || (guint) index > len ? len : (guint) index;
  op->after = element;
  return record_op (self, op, default_label (element->kind, "add"));
}

gboolean
vpc_design_replace_element (VpcDesign  *self,
                            VpcElement *element)
{
  const VpcElement *old;
  Op *op;

  g_return_val_if_fail (VPC_IS_DESIGN (self), FALSE);
  g_return_val_if_fail (element != NULL, FALSE);

  old = vpc_design_lookup (self, element->id);
  if (old == NULL || old->kind != element->kind)
    {
      g_critical ("No %s with id \"%s\" to replace", vpc_kind_to_label (element->kind),
                  element->id);
      vpc_element_free (element);
      return FALSE;
    }
  /* A field that does not apply is no change (and no undo step). */
  vpc_element_normalize (element);
  if (vpc_element_equal (old, element))
    {
      vpc_element_free (element);
      return TRUE;
    }
  op = g_new0 (Op, 1);
  op->type = OP_REPLACE;
  op->kind = element->kind;
  op->index = (guint) vpc_design_index_of (self, element->id);
  op->before = vpc_element_copy (old);
  op->after = element;
  return record_op (self, op, default_label (element->kind, "change"));
}

gboolean
vpc_design_remove_element (VpcDesign  *self,
                           const char *id)
{
  const VpcElement *old;
  Op *op;

  g_return_val_if_fail (VPC_IS_DESIGN (self), FALSE);

  old = vpc_design_lookup (self, id);
  g_return_val_if_fail (old != NULL, FALSE);
  op = g_new0 (Op, 1);
  op->type = OP_REMOVE;
  op->kind = old->kind;
  op->index = (guint) vpc_design_index_of (self, id);
  op->before = vpc_element_copy (old);
  return record_op (self, op, default_label (old->kind, "remove"));
}

gboolean
vpc_design_set_info (VpcDesign     *self,
                     VpcDesignInfo *info)
{
  Op *op;

  g_return_val_if_fail (VPC_IS_DESIGN (self), FALSE);
  g_return_val_if_fail (info != NULL, FALSE);

  vpc_design_info_normalize (info);
  if (vpc_design_info_equal (self->info, info))
    {
      vpc_design_info_free (info);
      return TRUE;
    }
  op = g_new0 (Op, 1);
  op->type = OP_INFO;
  op->info_before = vpc_design_info_copy (self->info);
  op->info_after = info;
  return record_op (self, op, _("Change design properties"));
}

/* -0 reads back as 0 (as vpc_element_normalize() puts it). */
static void
normalize_origin (VpcRect *r)
{
  if (r->x == 0)
    r->x = 0;
  if (r->y == 0)
    r->y = 0;
}

gboolean
vpc_design_set_layout (VpcDesign     *self,
                       VpcKind        kind,
                       guint          index,
                       const VpcRect *layout)
{
  const VpcElement *e;
  LayoutChange change;
  Op *op;

  g_return_val_if_fail (VPC_IS_DESIGN (self), FALSE);
  g_return_val_if_fail (kind < VPC_N_KINDS && index < self->lists[kind]->len, FALSE);
  g_return_val_if_fail (layout != NULL, FALSE);

  e = g_ptr_array_index (self->lists[kind], index);
  change = (LayoutChange) { kind, index, e->has_layout, e->layout, *layout };
  normalize_origin (&change.after);
  /* The same rectangle is no change (and no undo step). */
  if (e->has_layout && e->layout.x == change.after.x && e->layout.y == change.after.y &&
      e->layout.w == change.after.w && e->layout.h == change.after.h)
    return TRUE;
  /* Within a transaction, consecutive layouts share one op. */
  op = self->open_step != NULL && self->open_step->ops->len > 0
           ? g_ptr_array_index (self->open_step->ops, self->open_step->ops->len - 1)
           : NULL;
  if (op != NULL && op->type == OP_LAYOUT)
    {
      g_array_append_val (op->layouts, change);
      set_layout_at (self, kind, index, TRUE, &change.after,
                     g_signal_has_handler_pending (self, signals[SIGNAL_ELEMENT_CHANGED], 0,
                                                   TRUE));
      self->shape_revision = ++self->revision;
      log_box (self, kind, index);
      self->open_changed = TRUE;
      return TRUE;
    }
  op = g_new0 (Op, 1);
  op->type = OP_LAYOUT;
  op->layouts = g_array_new (FALSE, FALSE, sizeof (LayoutChange));
  g_array_append_val (op->layouts, change);
  return record_op (self, op, default_label (kind, "change"));
}

static gboolean
strip_rules (GArray     *rules,
             GHashTable *gone)
{
  gboolean changed = FALSE;

  for (guint i = rules->len; i > 0; i--)
    if (g_hash_table_contains (gone, g_array_index (rules, VpcSgRule, i - 1).peer))
      {
        g_array_remove_index (rules, i - 1);
        changed = TRUE;
      }
  return changed;
}

static gboolean
strip_ids (GPtrArray  *list,
           GHashTable *gone)
{
  gboolean changed = FALSE;

  for (guint i = list != NULL ? list->len : 0; i > 0; i--)
    if (g_hash_table_contains (gone, g_ptr_array_index (list, i - 1)))
      {
        g_ptr_array_remove_index (list, i - 1);
        changed = TRUE;
      }
  return changed;
}

gboolean
vpc_design_delete (VpcDesign         *self,
                   const char *const *ids,
                   guint              n_ids)
{
  g_autoptr(GHashTable) gone = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GPtrArray) order = g_ptr_array_new ();

  g_return_val_if_fail (VPC_IS_DESIGN (self), FALSE);

  for (guint i = 0; i < n_ids; i++)
    {
      VpcElement *e = g_hash_table_lookup (self->by_id, ids[i]);
      if (e != NULL)
        g_hash_table_add (gone, e->id);
    }
  if (g_hash_table_size (gone) == 0)
    return TRUE;

  /* An AZ takes its subnets, a subnet its NAT gateways. */
  for (guint i = 0; i < self->lists[VPC_KIND_SUBNET]->len; i++)
    {
      VpcElement *subnet = g_ptr_array_index (self->lists[VPC_KIND_SUBNET], i);
      if (g_hash_table_contains (gone, subnet->az))
        g_hash_table_add (gone, subnet->id);
    }
  for (guint i = 0; i < self->lists[VPC_KIND_NAT_GATEWAY]->len; i++)
    {
      VpcElement *nat = g_ptr_array_index (self->lists[VPC_KIND_NAT_GATEWAY], i);
      if (g_hash_table_contains (gone, nat->subnet))
        g_hash_table_add (gone, nat->id);
    }

  vpc_design_begin (self, ngettext ("Delete element", "Delete elements", g_hash_table_size (gone)));

  /* Drop references held by the elements that stay. */
  for (guint k = 0; k < VPC_N_KINDS; k++)
    for (guint i = 0; i < self->lists[k]->len; i++)
      {
        VpcElement *e = g_ptr_array_index (self->lists[k], i);
        g_autoptr(VpcElement) copy = NULL;
        gboolean changed = FALSE;

        if (g_hash_table_contains (gone, e->id)
            || !(e->subnets || e->security_groups || e->ingress))
          continue;
        copy = vpc_element_copy (e);
        changed |= strip_ids (copy->subnets, gone);
        changed |= strip_ids (copy->security_groups, gone);
        if (copy->ingress != NULL)
          {
            changed |= strip_rules (copy->ingress, gone);
            changed |= strip_rules (copy->egress, gone);
          }
        if (changed)
          vpc_design_replace_element (self, g_steal_pointer (&copy));
      }

  /* Remove from the end of each list so indices stay valid for undo. */
  for (guint k = 0; k < VPC_N_KINDS; k++)
    for (guint i = self->lists[k]->len; i > 0; i--)
      {
        VpcElement *e = g_ptr_array_index (self->lists[k], i - 1);
        if (g_hash_table_contains (gone, e->id))
          g_ptr_array_add (order, g_strdup (e->id));
      }
  for (guint i = 0; i < order->len; i++)
    {
      vpc_design_remove_element (self, g_ptr_array_index (order, i));
      g_free (g_ptr_array_index (order, i));
    }

  return vpc_design_commit (self);
}

/* Rename */

static gboolean
rename_string (char       **field,
               const char  *old_id,
               const char  *new_id)
{
  if (g_strcmp0 (*field, old_id) != 0)
    return FALSE;
  g_free (*field);
  *field = g_strdup (new_id);
  return TRUE;
}

static gboolean
rename_in_list (GPtrArray  *list,
                const char *old_id,
                const char *new_id)
{
  gboolean changed = FALSE;

  for (guint i = 0; list != NULL && i < list->len; i++)
    changed |= rename_string ((char **) &g_ptr_array_index (list, i), old_id, new_id);
  return changed;
}

static gboolean
rename_in_rules (GArray     *rules,
                 const char *old_id,
                 const char *new_id)
{
  gboolean changed = FALSE;

  for (guint i = 0; rules != NULL && i < rules->len; i++)
    changed |= rename_string (&g_array_index (rules, VpcSgRule, i).peer, old_id, new_id);
  return changed;
}

/* Rewrites the references @element holds to @old_id. */
static gboolean
rename_references (VpcElement *element,
                   const char *old_id,
                   const char *new_id)
{
  gboolean changed = FALSE;

  changed |= rename_string (&element->az, old_id, new_id);
  changed |= rename_string (&element->subnet, old_id, new_id);
  changed |= rename_in_list (element->subnets, old_id, new_id);
  changed |= rename_in_list (element->security_groups, old_id, new_id);
  changed |= rename_in_rules (element->ingress, old_id, new_id);
  changed |= rename_in_rules (element->egress, old_id, new_id);
  return changed;
}

gboolean
vpc_design_check_rename (VpcDesign   *self,
                         const char  *old_id,
                         const char  *new_id,
                         GError     **error)
{
  g_return_val_if_fail (VPC_IS_DESIGN (self), FALSE);
  g_return_val_if_fail (old_id != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (vpc_design_lookup (self, old_id) == NULL)
    {
      g_set_error (error, VPC_DESIGN_ERROR, VPC_DESIGN_ERROR_NOT_FOUND,
                   _("No element with id “%s”"), old_id);
      return FALSE;
    }
  if (g_strcmp0 (old_id, new_id) == 0)
    return TRUE;
  if (new_id == NULL || !vpc_id_is_valid (new_id))
    {
      if (new_id != NULL && vpc_id_is_reserved (new_id))
        g_set_error (error, VPC_DESIGN_ERROR, VPC_DESIGN_ERROR_INVALID_ID,
                     _("“%s” is reserved"), new_id);
      else if (new_id == NULL || new_id[0] == '\0')
        g_set_error_literal (error, VPC_DESIGN_ERROR, VPC_DESIGN_ERROR_INVALID_ID,
                             _("An id cannot be empty"));
      else if (strlen (new_id) > 64)
        g_set_error_literal (error, VPC_DESIGN_ERROR, VPC_DESIGN_ERROR_INVALID_ID,
                             _("An id has at most 64 characters"));
      else
        g_set_error_literal (error, VPC_DESIGN_ERROR, VPC_DESIGN_ERROR_INVALID_ID,
                             _("Use only letters, digits and . _ : -"));
      return FALSE;
    }
  if (vpc_design_lookup (self, new_id) != NULL)
    {
      g_set_error (error, VPC_DESIGN_ERROR, VPC_DESIGN_ERROR_ID_IN_USE,
                   _("“%s” is already used"), new_id);
      return FALSE;
    }

  return TRUE;
}

gboolean
vpc_design_rename (VpcDesign   *self,
                   const char  *old_id,
                   const char  *new_id,
                   GError     **error)
{
  const VpcElement *old;
  g_autoptr(GPtrArray) referrers = NULL;
  VpcElement *renamed;
  int index;

  g_return_val_if_fail (VPC_IS_DESIGN (self), FALSE);
  g_return_val_if_fail (old_id != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!vpc_design_check_rename (self, old_id, new_id, error))
    return FALSE;
  if (g_strcmp0 (old_id, new_id) == 0)
    return TRUE;
  old = vpc_design_lookup (self, old_id);

  /* Collect the referrers before the element leaves the index. */
  referrers = g_ptr_array_new_with_free_func (g_free);
  for (guint k = 0; k < VPC_N_KINDS; k++)
    for (guint i = 0; i < self->lists[k]->len; i++)
      {
        VpcElement *e = g_ptr_array_index (self->lists[k], i);
        g_autoptr(VpcElement) copy = NULL;

        if (e == old)
          continue;
        copy = vpc_element_copy (e);
        if (rename_references (copy, old_id, new_id))
          g_ptr_array_add (referrers, g_strdup (e->id));
      }

  renamed = vpc_element_copy (old);
  g_free (renamed->id);
  renamed->id = g_strdup (new_id);
  /* A group whose own rules name it as peer. */
  rename_references (renamed, old_id, new_id);
  index = vpc_design_index_of (self, old_id);

  vpc_design_begin (self, _("Rename"));
  {
    g_autofree char *old_copy = g_strdup (old_id); /* @old_id may be the element's own string */

    vpc_design_remove_element (self, old_copy);
    vpc_design_add_element (self, renamed, index);
    for (guint i = 0; i < referrers->len; i++)
      {
        VpcElement *copy
            = vpc_element_copy (vpc_design_lookup (self, g_ptr_array_index (referrers, i)));

        rename_references (copy, old_copy, new_id);
        vpc_design_replace_element (self, copy);
      }
  }
  return vpc_design_try_commit (self, error);
}

void
_vpc_design_note_checked (VpcDesign *self)
{
  self->checked_revision = self->revision;
}

void
_vpc_design_note_contained (VpcDesign *self)
{
  self->contained_revision = self->revision;
}

void
vpc_design_take_element (VpcDesign  *self,
                         VpcElement *element)
{
  g_return_if_fail (VPC_IS_DESIGN (self));
  g_return_if_fail (element != NULL && element->kind < VPC_N_KINDS && element->id != NULL);
  g_return_if_fail (!g_hash_table_contains (self->by_id, element->id));

  g_ptr_array_add (self->lists[element->kind], element);
  g_hash_table_insert (self->by_id, element->id, element);
  self->positions_dirty = TRUE;
  new_ids_generation (self);
  self->rules_revision = self->shape_revision = self->content_revision = ++self->revision;
  forget_boxes (self);
}

void
vpc_design_take_info (VpcDesign     *self,
                      VpcDesignInfo *info)
{
  g_return_if_fail (VPC_IS_DESIGN (self));
  vpc_design_info_free (self->info);
  self->info = info;
  self->rules_revision = self->shape_revision = self->content_revision = ++self->revision;
  forget_boxes (self);
}

/* History */

gboolean
vpc_design_get_can_undo (VpcDesign *self)
{
  g_return_val_if_fail (VPC_IS_DESIGN (self), FALSE);
  return self->position > 0;
}

gboolean
vpc_design_get_can_redo (VpcDesign *self)
{
  g_return_val_if_fail (VPC_IS_DESIGN (self), FALSE);
  return self->position < self->steps->len;
}

static gboolean
replay (VpcDesign *self,
        gboolean   forward)
{
  gboolean could_undo = vpc_design_get_can_undo (self);
  gboolean could_redo = vpc_design_get_can_redo (self);
  gboolean was_modified = vpc_design_get_modified (self);
  Step *step;

  g_return_val_if_fail (self->open_step == NULL, FALSE);

  if (forward ? !could_redo : !could_undo)
    return FALSE;
  if (forward)
    {
      step = g_ptr_array_index (self->steps, self->position);
      for (guint i = 0; i < step->ops->len; i++)
        op_run (self, g_ptr_array_index (step->ops, i), TRUE);
      self->position++;
    }
  else
    {
      step = g_ptr_array_index (self->steps, self->position - 1);
      for (guint i = step->ops->len; i > 0; i--)
        op_run (self, g_ptr_array_index (step->ops, i - 1), FALSE);
      self->position--;
    }
  notify_history (self, could_undo, could_redo, was_modified);
  g_signal_emit (self, signals[SIGNAL_CHANGED], 0);
  return TRUE;
}

gboolean
vpc_design_undo (VpcDesign *self)
{
  g_return_val_if_fail (VPC_IS_DESIGN (self), FALSE);
  return replay (self, FALSE);
}

gboolean
vpc_design_redo (VpcDesign *self)
{
  g_return_val_if_fail (VPC_IS_DESIGN (self), FALSE);
  return replay (self, TRUE);
}

const char *
vpc_design_get_undo_label (VpcDesign *self)
{
  Step *step;

  g_return_val_if_fail (VPC_IS_DESIGN (self), NULL);
  if (self->position == 0)
    return NULL;
  step = g_ptr_array_index (self->steps, self->position - 1);
  return step->label;
}

const char *
vpc_design_get_redo_label (VpcDesign *self)
{
  Step *step;

  g_return_val_if_fail (VPC_IS_DESIGN (self), NULL);
  if (self->position >= self->steps->len)
    return NULL;
  step = g_ptr_array_index (self->steps, self->position);
  return step->label;
}

void
vpc_design_clear_history (VpcDesign *self)
{
  gboolean could_undo, could_redo, was_modified;

  g_return_if_fail (VPC_IS_DESIGN (self));
  g_return_if_fail (self->open_step == NULL);

  could_undo = vpc_design_get_can_undo (self);
  could_redo = vpc_design_get_can_redo (self);
  was_modified = vpc_design_get_modified (self);
  /* Whatever the state is now stays as it was relative to the save. */
  self->saved_position = was_modified ? -1 : 0;
  g_ptr_array_set_size (self->steps, 0);
  self->position = 0;
  notify_history (self, could_undo, could_redo, was_modified);
}

gboolean
vpc_design_get_modified (VpcDesign *self)
{
  g_return_val_if_fail (VPC_IS_DESIGN (self), FALSE);
  return self->saved_position != (int) self->position;
}

void
vpc_design_mark_unsaved (VpcDesign *self)
{
  gboolean was_modified;

  g_return_if_fail (VPC_IS_DESIGN (self));
  was_modified = vpc_design_get_modified (self);
  self->saved_position = -1;
  if (!was_modified)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MODIFIED]);
}

void
vpc_design_mark_saved (VpcDesign *self)
{
  gboolean was_modified;

  g_return_if_fail (VPC_IS_DESIGN (self));
  was_modified = vpc_design_get_modified (self);
  self->saved_position = (int) self->position;
  if (was_modified)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MODIFIED]);
}
