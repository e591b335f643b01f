/* SPDX-License-Identifier: GPL-3.0-or-later */
/* vpc-validator.c: the live rule engine, a GListModel of VpcFinding.
 *
 * Every run validates the whole design from scratch with per-run indices
 * (see vpc-rules.h): that is simpler to keep right than incremental rules
 * and fast enough (well under a millisecond for 1,000 elements). The list
 * then emits one items-changed for the span between the unchanged leading
 * and trailing findings, so views keep their rows.
 *
 * An edit of a few workloads runs the rules about those workloads alone
 * (vpc_rule_context_new_scoped()) and puts their findings in place of the
 * ones they stand for: at 100,000 elements a few milliseconds, not the
 * second of a full run. When the edit changed what other elements' rules
 * read of them (their subnets, say, not their instances), those rules all
 * run as well, still without the rules about every other workload, which
 * are most of a run's work; so does an edit of a security group, for the
 * workloads in it. What they were is read from the design as last
 * validated, kept as a snapshot (self->basis). An edit of the data per
 * month of endpoints or NAT gateways alone runs the two rules that read
 * the cost, VPC116 and VPC501 (vpc_rule_context_new_costs()). A run that
 * indexes every workload keeps what it learnt for the next (VpcRuleMemo):
 * the workloads no edit replaced are not looked up again.
 *
 * A rename changes no finding but the messages that give the name: the
 * findings keep their messages with names as marks (vpc-rules.h), and a
 * run after renames only gives the renamed elements' findings their new
 * names (a full run takes ~1 s at 100,000 elements).
 *
 * An interactive view turns on "deferred": changes then re-validate in one
 * idle callback after the burst of signals (a drag's per-frame previews, a
 * step's "info-changed" + "changed"), so a big design is checked at most
 * once per main-loop cycle, not once per signal. A deferred validator of a
 * big design runs the rules on another thread, on a snapshot of the design
 * (vpc_design_snapshot()): the window answers while they run, the list
 * shows the previous findings meanwhile ("checking"), and what changed
 * during a run is looked at when it ends.
 */
#include "vpc-validator.h"

#include <string.h>

#include "vpc-finding-names.h"
#include "vpc-finding-private.h"
#include "vpc-rules.h"

struct _VpcValidator
{
  GObject    parent_instance;

  VpcDesign *design;
  GPtrArray *findings;      /* VpcFinding, sorted */
  guint64    revision;      /* the design's content revision validated last */
  guint64    rules_revision; /* ... its rules revision then */
  VpcProfile profile;       /* ... and the profile it was validated with */
  GPtrArray *touched;       /* ids of elements changed in place since, or NULL:
                             * too many to follow */
  VpcFindingNames *naming;  /* which findings name which element, built on
                             * the first rename after a run, or NULL */
  gboolean   validated;
  guint      full_runs;
  gboolean   deferred;
  guint      idle_id;
  guint      index_id;      /* builds self->naming later, once deferred */
  struct Run *running;      /* the run on another thread whose findings
                             * will be taken, or NULL */
  VpcDesign  *basis;        /* a snapshot of the design as validated last,
                             * or NULL */
  gboolean    in_place;     /* an element was changed in place since (a
                             * rename, a box): the basis shows it changed */
  guint       scoped_runs;
  guint       cost_runs;    /* of those, after edits of data alone */
  VpcRuleMemo *memo;        /* what the last run indexed, or NULL: a run on
                             * another thread has it */
};

/* What a scoped run is about (scoped_workloads()). */
typedef struct
{
  GArray    *positions; /* the workloads whose own rules run, ascending */
  gboolean   others;    /* every rule about other elements runs too... */
  GPtrArray *sized;     /* ... with VPC211 about these subnets (ids) alone, or
                         * NULL: every subnet */
  gboolean   costs;     /* data per month changed (what only the cost reads):
                         * alone, only VPC116 and VPC501 run
                         * (vpc_rule_context_new_costs()) */
} Scope;

static void
scope_free (Scope *scope)
{
  if (scope == NULL)
    return;
  g_array_unref (scope->positions);
  g_clear_pointer (&scope->sized, g_ptr_array_unref);
  g_free (scope);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Scope, scope_free)

/* A run on another thread: its snapshot, and the findings it compares
 * with (which nothing changes while it runs), are its own until it ends. */
typedef struct Run
{
  /* Weak: the window may drop the validator during a run, and a task's
   * last reference can go on the pool's thread. */
  GWeakRef   validator;
  VpcDesign *snapshot;
  VpcProfile profile;
  GPtrArray *previous; /* the findings when it started */
  Scope     *scope;    /* a scoped run's (all rules about other elements run
                         * too), or NULL: a full run */
  GPtrArray *fresh;    /* its result, sharing previous's unchanged ones */
  GArray    *changes;  /* from previous to fresh (share_unchanged()) */
  VpcFindingNames *naming; /* which of them name which element */
  VpcFindingNames *previous_naming; /* previous's, or NULL */
  VpcRuleMemo *memo;   /* the validator's while it runs, or NULL */
} Run;

static void list_model_iface_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (VpcValidator, vpc_validator, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, list_model_iface_init))

enum {
  PROP_0,
  PROP_DESIGN,
  PROP_DEFERRED,
  PROP_CHECKING,
  N_PROPS,
};

static GParamSpec *properties[N_PROPS];

/* From this many elements on, a full run takes longer than a frame (~50 ms
 * at 10,000, ~1 s at 100,000): a deferred validator runs it on another
 * thread. */
#define THREAD_MIN_ELEMENTS 10000

static guint thread_min_elements = THREAD_MIN_ELEMENTS;

void
_vpc_validator_set_thread_min_elements (guint n)
{
  thread_min_elements = n > 0 ? n : THREAD_MIN_ELEMENTS;
}

/* Elements followed for a rename before the next run validates all. */
#define MAX_TOUCHED 64

/* What a run keeps besides the findings. */
typedef enum
{
  RUN_PLAIN = 0,
  RUN_MARKS = 1 << 0,         /* messages with their names as marks */
  RUN_ELEMENT_NAMES = 1 << 1, /* the elements' display names */
  RUN_BORROW = 1 << 2,        /* ... and ids, as the design's own strings */
} RunFlags;

static void
run_checks (VpcRuleContext *ctx)
{
  vpc_rules_check_endpoints (ctx);
  vpc_rules_check_network (ctx);
  vpc_rules_check_isolation (ctx);
  vpc_rules_check_security (ctx);
  vpc_rules_check_cost (ctx);
}

static GPtrArray *
run_rules (VpcDesign   *design,
           VpcProfile   profile,
           RunFlags     flags,
           VpcRuleMemo *memo)
{
  VpcRuleContext *ctx;
  GPtrArray *findings;

  ctx = vpc_rule_context_new_remembering (design, profile, memo);
  if (flags & RUN_MARKS)
    vpc_rule_context_keep_names (ctx);
  if (flags & RUN_ELEMENT_NAMES)
    vpc_rule_context_name_elements (ctx);
  if (flags & RUN_BORROW)
    vpc_rule_context_borrow_strings (ctx);
  run_checks (ctx);
  findings = vpc_rule_context_take_findings (ctx);
  vpc_rule_context_free (ctx);
  return findings;
}

GPtrArray *
_vpc_validate_remembering (VpcDesign   *design,
                           VpcProfile   profile,
                           VpcRuleMemo *memo)
{
  return run_rules (design, profile, RUN_PLAIN, memo);
}

GPtrArray *
vpc_validate (VpcDesign *design,
              VpcProfile profile)
{
  return vpc_validate_full (design, profile, VPC_VALIDATE_DEFAULT);
}

GPtrArray *
vpc_validate_with_names (VpcDesign *design,
                         VpcProfile profile)
{
  return vpc_validate_full (design, profile, VPC_VALIDATE_NAMES);
}

GPtrArray *
vpc_validate_full (VpcDesign       *design,
                   VpcProfile       profile,
                   VpcValidateFlags flags)
{
  g_return_val_if_fail (VPC_IS_DESIGN (design), NULL);
  return run_rules (design, profile,
                    ((flags & VPC_VALIDATE_NAMES) ? RUN_ELEMENT_NAMES : RUN_PLAIN)
                    | ((flags & VPC_VALIDATE_BORROW) ? RUN_BORROW : RUN_PLAIN),
                    NULL);
}

/* GListModel */

static GType
vpc_validator_get_item_type (GListModel *model)
{
  return VPC_TYPE_FINDING;
}

static guint
vpc_validator_get_n_items (GListModel *model)
{
  return VPC_VALIDATOR (model)->findings->len;
}

static gpointer
vpc_validator_get_item (GListModel *model,
                        guint       position)
{
  VpcValidator *self = VPC_VALIDATOR (model);

  if (position >= self->findings->len)
    return NULL;
  return g_object_ref (g_ptr_array_index (self->findings, position));
}

static void
list_model_iface_init (GListModelInterface *iface)
{
  iface->get_item_type = vpc_validator_get_item_type;
  iface->get_n_items = vpc_validator_get_n_items;
  iface->get_item = vpc_validator_get_item;
}

/* One change of the list (vpc-finding-names.h). */
typedef VpcFindingsChange Change;

/* Changes this close together are told as one: fewer signals for the
 * views, which cost more per signal than per finding. */
#define CHANGE_GAP 32
/* Beyond this many changes, one span from the first to the last. */
#define CHANGES_MAX 64

static void
add_change (GArray *changes,
            guint   position,
            guint   removed,
            guint   added)
{
  Change *last = changes->len > 0 ? &g_array_index (changes, Change, changes->len - 1) : NULL;
  guint gap = last != NULL ? position - (last->position + last->added) : G_MAXUINT;

  if (removed == 0 && added == 0)
    return;
  if (gap < CHANGE_GAP)
    {
      /* The unchanged ones between are told as replaced by themselves. */
      last->removed += gap + removed;
      last->added += gap + added;
      return;
    }
  g_array_append_val (changes, ((Change) { position, removed, added }));
}

/* Where @fresh differs from @old, into @changes (Change), in order. Both
 * are sorted (vpc_finding_compare()), so one walk aligns them: each fresh
 * finding that says the same as the old one it meets takes that object,
 * so that a view holding it sees no change; the others are removed or
 * added where the order puts them. An edit at 100,000 elements changes a
 * few findings far apart (a workload's own and its subnet's): told as one
 * span from the first to the last, every view took tens of thousands of
 * findings again. Reads @old only: a run on another thread calls it
 * (freeing ~140,000 duplicates of unchanged findings took ~200 ms). */
static void
share_unchanged (GPtrArray *old,
                 GPtrArray *fresh,
                 GArray    *changes)
{
  guint n_old = old->len, n_new = fresh->len, i = 0, j = 0;
  guint run_j = 0, removed = 0, added = 0;

  g_array_set_size (changes, 0);
  while (i < n_old || j < n_new)
    {
      VpcFinding *was = i < n_old ? g_ptr_array_index (old, i) : NULL;
      VpcFinding *now = j < n_new ? g_ptr_array_index (fresh, j) : NULL;
      int order;

      if (was != NULL && now != NULL && (was == now || _vpc_finding_same (was, now)))
        {
          add_change (changes, run_j, removed, added);
          g_set_object ((VpcFinding **) &fresh->pdata[j], was);
          i++;
          j++;
          run_j = j;
          removed = added = 0;
          continue;
        }
      order = was == NULL ? 1 : now == NULL ? -1 : vpc_finding_compare (was, now);
      if (order <= 0)
        {
          removed++;
          i++;
        }
      if (order >= 0)
        {
          added++;
          j++;
        }
    }
  add_change (changes, run_j, removed, added);
  if (changes->len > CHANGES_MAX)
    {
      const Change *first = &g_array_index (changes, Change, 0);
      const Change *last = &g_array_index (changes, Change, changes->len - 1);
      guint end_new = last->position + last->added;
      guint end_old = n_old - (n_new - end_new);
      Change all = { first->position, end_old - first->position, end_new - first->position };

      g_array_set_size (changes, 1);
      g_array_index (changes, Change, 0) = all;
    }
}

/* Swaps in @fresh, which share_unchanged() compared with the findings now,
 * and reports its @changes. */
static void
take_findings (VpcValidator *self,
               GPtrArray    *fresh,
               GArray       *changes)
{
  GPtrArray *old = self->findings;

  self->findings = fresh;
  g_ptr_array_unref (old);
  for (guint c = 0; c < changes->len; c++)
    {
      const Change *change = &g_array_index (changes, Change, c);

      g_list_model_items_changed (G_LIST_MODEL (self), change->position, change->removed,
                                  change->added);
    }
}

static gboolean
index_names_idle_cb (gpointer data)
{
  VpcValidator *self = data;

  self->index_id = 0;
  /* A run under way brings its own. */
  if (self->naming == NULL && self->running == NULL)
    self->naming = vpc_finding_names_new (self->findings);
  return G_SOURCE_REMOVE;
}

/* A window has time to index before the user renames anything, but not
 * before its first frame: a second after a full run, when idle. */
#define INDEX_DELAY_MS 1000

static void
schedule_index (VpcValidator *self)
{
  g_clear_handle_id (&self->index_id, g_source_remove);
  self->index_id = g_timeout_add_full (G_PRIORITY_LOW, INDEX_DELAY_MS, index_names_idle_cb, self,
                                       NULL);
}

static int
compare_positions (gconstpointer a,
                   gconstpointer b)
{
  guint pa = *(const guint *) a, pb = *(const guint *) b;

  return (pa > pb) - (pa < pb);
}

/* After renames only: the findings that name a renamed element say its
 * new name; order and everything else stay (no rule reads a name). */
static void
rename_in_messages (VpcValidator *self)
{
  g_autoptr(GArray) positions = g_array_new (FALSE, FALSE, sizeof (guint));
  guint first = G_MAXUINT, last = 0;

  if (self->naming == NULL)
    self->naming = vpc_finding_names_new (self->findings);
  for (guint t = 0; t < self->touched->len; t++)
    vpc_finding_names_add_positions (self->naming, g_ptr_array_index (self->touched, t),
                                     positions);
  g_array_sort (positions, compare_positions);
  for (guint p = 0; p < positions->len; p++)
    {
      guint i = g_array_index (positions, guint, p);
      VpcFinding *finding = g_ptr_array_index (self->findings, i);
      g_autofree char *message = NULL;

      if (p > 0 && i == g_array_index (positions, guint, p - 1))
        continue;
      message = vpc_rules_resolve_names (self->design, _vpc_finding_get_marked (finding));
      if (strcmp (message, vpc_finding_get_message (finding)) == 0)
        continue;
      self->findings->pdata[i] = _vpc_finding_copy_with_message (finding, g_steal_pointer (&message));
      g_object_unref (finding);
      first = MIN (first, i);
      last = i;
    }
  if (first != G_MAXUINT)
    g_list_model_items_changed (G_LIST_MODEL (self), first, last - first + 1, last - first + 1);
}

static void revalidate (VpcValidator *self,
                        gboolean      may_thread);

/* Takes @snapshot as the design validated last. */
static void
set_basis (VpcValidator *self,
           VpcDesign    *snapshot)
{
  g_clear_object (&self->basis);
  self->basis = snapshot;
  self->in_place = FALSE;
}

static void
set_running (VpcValidator *self,
             Run          *run)
{
  gboolean was = self->running != NULL;

  self->running = run;
  if (was != (run != NULL))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CHECKING]);
}

static void
run_free (Run *run)
{
  g_weak_ref_clear (&run->validator);
  g_clear_object (&run->snapshot); /* on the design's thread: it unpins it */
  g_ptr_array_unref (run->previous);
  g_clear_pointer (&run->fresh, g_ptr_array_unref);
  g_array_unref (run->changes);
  g_clear_pointer (&run->scope, scope_free);
  g_clear_pointer (&run->naming, vpc_finding_names_unref);
  g_clear_pointer (&run->previous_naming, vpc_finding_names_unref);
  vpc_rule_memo_free (run->memo);
  g_free (run);
}

static GPtrArray *run_scoped (VpcDesign   *design,
                              VpcProfile   profile,
                              const Scope *scope,
                              GPtrArray   *previous,
                              GPtrArray   *replaced,
                              VpcRuleMemo *memo);

static void
thread_run (GTask        *task,
            gpointer      source,
            gpointer      data,
            GCancellable *cancellable)
{
  Run *run = data;

  if (run->scope != NULL)
    /* The list still holds the findings kept: they are referenced. */
    run->fresh = run_scoped (run->snapshot, run->profile, run->scope, run->previous, NULL,
                             run->memo);
  else
    run->fresh = run_rules (run->snapshot, run->profile, RUN_MARKS, run->memo);
  share_unchanged (run->previous, run->fresh, run->changes);
  run->naming = run->previous_naming != NULL
                    ? vpc_finding_names_update (run->previous_naming, run->fresh,
                                                (const Change *) run->changes->data,
                                                run->changes->len)
                    : vpc_finding_names_new (run->fresh);
  g_task_return_boolean (task, TRUE);
}

static void
thread_run_done_cb (GObject      *source,
                    GAsyncResult *result,
                    gpointer      data)
{
  Run *run = g_task_get_task_data (G_TASK (result));
  g_autoptr(VpcValidator) self = g_weak_ref_get (&run->validator);

  /* Whether or not its findings are taken, what it indexed stays good. */
  if (self != NULL && self->memo == NULL)
    self->memo = g_steal_pointer (&run->memo);
  /* Not taken: the validator is gone, or a flush or a synchronous run
   * went past it. */
  if (self == NULL || run != self->running || self->design == NULL)
    {
      run_free (run);
      return;
    }
  g_assert (self->findings == run->previous);
  if (run->scope != NULL)
    {
      self->scoped_runs++;
      self->cost_runs += run->scope->costs && !run->scope->others;
    }
  else
    self->full_runs++;
  vpc_finding_names_unref (self->naming);
  self->naming = g_steal_pointer (&run->naming);
  take_findings (self, g_steal_pointer (&run->fresh), run->changes);
  self->validated = TRUE;
  self->revision = vpc_design_get_content_revision (run->snapshot);
  self->rules_revision = vpc_design_get_rules_revision (run->snapshot);
  self->profile = run->profile;
  set_basis (self, g_steal_pointer (&run->snapshot));
  /* What was renamed during the run was renamed in the snapshot too: its
   * findings may give either name. */
  self->in_place = self->touched == NULL || self->touched->len > 0;
  run_free (run);
  set_running (self, NULL);
  /* Renames since the snapshot (self->touched), or another run. */
  revalidate (self, TRUE);
}

/* Starts a run on another thread: a full one, or with @scope (taken) a
 * scoped one that runs every rule about other elements too. Renames from
 * now on are followed in self->touched: its findings may give the old
 * names. */
static void
start_thread_run (VpcValidator *self,
                  VpcProfile    profile,
                  Scope        *scope)
{
  g_autoptr(GTask) task = g_task_new (NULL, NULL, thread_run_done_cb, NULL);
  Run *run = g_new0 (Run, 1);

  g_weak_ref_init (&run->validator, self);
  run->snapshot = vpc_design_snapshot (self->design);
  run->profile = profile;
  run->previous = g_ptr_array_ref (self->findings);
  run->scope = scope;
  run->changes = g_array_new (FALSE, FALSE, sizeof (Change));
  run->memo = g_steal_pointer (&self->memo);
  /* It says where the findings run->previous are (renames during the run
   * read it too: it is never changed). */
  run->previous_naming = self->naming != NULL ? vpc_finding_names_ref (self->naming) : NULL;
  g_task_set_task_data (task, run, NULL);
  g_task_set_name (task, "vpc-validator");
  g_task_run_in_thread (task, thread_run);
  if (self->touched == NULL)
    self->touched = g_ptr_array_new_with_free_func (g_free);
  else
    g_ptr_array_set_size (self->touched, 0);
  set_running (self, run);
}

/* Beyond this many workloads edited since the last run, a full one; when
 * the rules about other elements run too (their work then outweighs the
 * workloads'), beyond this many workloads edited or in an edited group. */
#define MAX_SCOPED 16
#define MAX_SCOPED_OTHERS 256
/* Beyond this many subnets whose size may have changed, a scoped run with
 * the rules about other elements finds every subnet's size again. */
#define MAX_SIZED 16

/* Adds @position to @positions unless there. */
static void
add_position (GArray *positions,
              guint   position)
{
  for (guint p = 0; p < positions->len; p++)
    if (g_array_index (positions, guint, p) == position)
      return;
  g_array_append_val (positions, position);
}

/* The workloads that list @id among their subnets (@kind
 * VPC_KIND_SUBNET) or security groups, into @positions, while they are
 * fewer than @max. */
static gboolean
add_listing_workloads (VpcDesign  *design,
                       VpcKind     kind,
                       const char *id,
                       GArray     *positions,
                       guint       max)
{
  guint n = vpc_design_get_n_elements (design, VPC_KIND_WORKLOAD);

  for (guint i = 0; i < n && positions->len <= max; i++)
    {
      const VpcElement *workload = vpc_design_get_element (design, VPC_KIND_WORKLOAD, i);
      const GPtrArray *list
          = kind == VPC_KIND_SUBNET ? workload->subnets : workload->security_groups;

      if (list != NULL && vpc_id_list_contains (list, id))
        add_position (positions, i);
    }
  return positions->len <= max;
}

/* Whether an endpoint or a NAT gateway is in subnet @id. */
static gboolean
subnet_serves (VpcDesign  *design,
               const char *id)
{
  for (guint i = 0; i < vpc_design_get_n_elements (design, VPC_KIND_ENDPOINT); i++)
    {
      const VpcElement *endpoint = vpc_design_get_element (design, VPC_KIND_ENDPOINT, i);

      if (endpoint->subnets != NULL && vpc_id_list_contains (endpoint->subnets, id))
        return TRUE;
    }
  for (guint i = 0; i < vpc_design_get_n_elements (design, VPC_KIND_NAT_GATEWAY); i++)
    if (g_strcmp0 (vpc_design_get_element (design, VPC_KIND_NAT_GATEWAY, i)->subnet, id) == 0)
      return TRUE;
  return FALSE;
}

/* Whether @now differs from @was in its data per month alone. */
static gboolean
only_data_changed (const VpcElement *was,
                   const VpcElement *now)
{
  g_autoptr(VpcElement) same = vpc_element_copy (was);

  same->gb_per_month = now->gb_per_month;
  return vpc_element_equal (same, now);
}

/* Adds subnet @id to @scope's sized ones unless there. */
static void
add_sized (Scope      *scope,
           const char *id)
{
  if (!vpc_id_list_contains (scope->sized, id))
    g_ptr_array_add (scope->sized, g_strdup (id));
}

/* What changed since the basis asks of the rules: the positions of the
 * workloads whose own rules may say something else (those edited, those
 * in a security group or a subnet edited; none for an endpoint's or a NAT
 * gateway's data per month), whether the rules about other elements must
 * run too (a workload reads differently to them, or something else
 * changed), and the subnets whose size (VPC211) may differ: those of the
 * workloads edited, before and after, and those edited. NULL when
 * something else that the rules read changed. */
static Scope *
scoped_workloads (VpcValidator *self,
                  VpcProfile    profile)
{
  g_autoptr(GArray) changed = g_array_new (FALSE, FALSE, sizeof (VpcBoxRef));
  g_autoptr(Scope) scope = g_new0 (Scope, 1);

  scope->positions = g_array_new (FALSE, FALSE, sizeof (guint));
  scope->sized = g_ptr_array_new_with_free_func (g_free);

  if (self->basis == NULL
      || !vpc_design_get_elements_changed_since (self->design,
                                                 vpc_design_get_revision (self->basis),
                                                 4 * MAX_SCOPED, changed))
    return NULL;
  for (guint c = 0; c < changed->len; c++)
    {
      const VpcBoxRef *ref = &g_array_index (changed, VpcBoxRef, c);
      const VpcElement *was, *now;

      if (ref->kind == VPC_N_KINDS)
        {
          /* The VPC's box, or its settings. */
          if (!vpc_design_info_equal (vpc_design_get_info (self->basis),
                                      vpc_design_get_info (self->design)))
            return NULL;
          continue;
        }
      was = vpc_design_get_element (self->basis, ref->kind, ref->index);
      now = vpc_design_get_element (self->design, ref->kind, ref->index);
      /* Changed in place: a box or a name, which no rule reads. */
      if (was == now)
        continue;
      if ((ref->kind == VPC_KIND_ENDPOINT || ref->kind == VPC_KIND_NAT_GATEWAY)
          && only_data_changed (was, now))
        {
          /* Read by the cost alone, which only rules about endpoints read
           * (VPC116, VPC501). */
          scope->costs = TRUE;
          continue;
        }
      if (ref->kind == VPC_KIND_SECURITY_GROUP || ref->kind == VPC_KIND_SUBNET)
        {
          /* A group's rules, a subnet's block, zone and route are read by
           * the rules about the workloads that list it (theirs only:
           * another workload's reads only its id) and by those about
           * other elements; a subnet's by the rules about every workload
           * that an endpoint or a NAT gateway in it serves, too. */
          scope->others = TRUE;
          if (strcmp (was->id, now->id) != 0
              || (ref->kind == VPC_KIND_SUBNET && subnet_serves (self->design, now->id))
              || !add_listing_workloads (self->design, ref->kind, now->id, scope->positions,
                                         MAX_SCOPED_OTHERS))
            return NULL;
          if (ref->kind == VPC_KIND_SUBNET)
            add_sized (scope, now->id);
          continue;
        }
      if (ref->kind != VPC_KIND_WORKLOAD)
        return NULL;
      scope->others = scope->others || !vpc_rules_same_to_others (was, now, profile);
      add_position (scope->positions, ref->index);
      if (scope->positions->len > (scope->others ? MAX_SCOPED_OTHERS : MAX_SCOPED))
        return NULL;
      for (guint i = 0; was->subnets != NULL && i < was->subnets->len; i++)
        add_sized (scope, g_ptr_array_index (was->subnets, i));
      for (guint i = 0; now->subnets != NULL && i < now->subnets->len; i++)
        add_sized (scope, g_ptr_array_index (now->subnets, i));
    }
  /* With other edits, VPC116 and VPC501 run among the rules about other
   * elements. */
  if (scope->costs && (scope->positions->len > 0 || scope->others))
    scope->others = TRUE;
  g_array_sort (scope->positions, compare_positions);
  /* Beyond a few, every subnet's size is as quickly found again. */
  if (scope->sized->len > MAX_SIZED)
    g_clear_pointer (&scope->sized, g_ptr_array_unref);
  return g_steal_pointer (&scope);
}

/* Where @finding goes in @findings (sorted): past every one before it. */
static guint
insertion_point (GPtrArray  *findings,
                 VpcFinding *finding)
{
  guint low = 0, high = findings->len;

  while (low < high)
    {
      guint middle = low + (high - low) / 2;

      if (vpc_finding_compare (g_ptr_array_index (findings, middle), finding) < 0)
        low = middle + 1;
      else
        high = middle;
    }
  return low;
}

/* @findings with @fresh (sorted; taken) in place of its @spans, and what
 * those held in @replaced: the references move from @findings and @fresh
 * to the two, so that nothing reads the findings kept (at 100,000
 * elements, reading each of ~150,000 took ~30 ms). Without @replaced,
 * @findings keeps its own and the kept ones are referenced again. */
static GPtrArray *
splice_scoped (GPtrArray    *findings,
               const GArray *spans,
               GPtrArray    *fresh,
               GPtrArray    *replaced)
{
  GPtrArray *merged = g_ptr_array_new_full (findings->len + fresh->len, g_object_unref);
  g_autofree guint *at = g_new (guint, fresh->len + 1);
  guint f = 0, s = 0;

  /* Neither sorts equal to a finding kept: they share its primary. */
  for (guint i = 0; i < fresh->len; i++)
    at[i] = insertion_point (findings, g_ptr_array_index (fresh, i));
  at[fresh->len] = G_MAXUINT;
  for (guint i = 0; i <= findings->len; i++)
    {
      for (; at[f] == i; f++)
        g_ptr_array_add (merged, fresh->pdata[f]);
      if (i == findings->len)
        break;
      if (s < spans->len && i >= g_array_index (spans, VpcFindingSpan, s).end)
        s++;
      if (s < spans->len && i >= g_array_index (spans, VpcFindingSpan, s).start)
        {
          if (replaced != NULL)
            g_ptr_array_add (replaced, findings->pdata[i]);
        }
      else
        g_ptr_array_add (merged, replaced != NULL ? findings->pdata[i]
                                                  : g_object_ref (findings->pdata[i]));
    }
  g_ptr_array_set_free_func (fresh, NULL);
  g_ptr_array_unref (fresh);
  return merged;
}

/* @previous (sorted) with the findings of a run about the workloads of
 * @design at @positions (vpc_rule_context_new_scoped()) in place of the
 * ones they stand for (splice_scoped()). */
static GPtrArray *
run_scoped (VpcDesign   *design,
            VpcProfile   profile,
            const Scope *scope,
            GPtrArray   *previous,
            GPtrArray   *replaced,
            VpcRuleMemo *memo)
{
  g_autoptr(GArray) spans = g_array_new (FALSE, FALSE, sizeof (VpcFindingSpan));
  gboolean costs_alone = scope->costs && !scope->others;
  VpcRuleContext *ctx = costs_alone
                            ? vpc_rule_context_new_costs (design, profile, previous)
                            : vpc_rule_context_new_scoped (design, profile,
                                                           (const guint *) scope->positions->data,
                                                           scope->positions->len, scope->others,
                                                           memo);
  GPtrArray *fresh;

  if (scope->others && scope->sized != NULL)
    vpc_rule_context_size_subnets (ctx, (const char *const *) scope->sized->pdata,
                                   scope->sized->len);
  vpc_rule_context_keep_names (ctx);
  if (costs_alone)
    vpc_rules_check_costs (ctx);
  else
    run_checks (ctx);
  vpc_rule_context_replaced_spans (ctx, previous, spans);
  fresh = splice_scoped (previous, spans, vpc_rule_context_take_findings (ctx), replaced);
  vpc_rule_context_free (ctx);
  return fresh;
}

/* Runs the rules about the workloads of @scope, edited since the last
 * run, alone (vpc_rule_context_new_scoped()), with every rule about other
 * elements when it says so. */
static void
revalidate_scoped (VpcValidator *self,
                   VpcProfile    profile,
                   const Scope  *scope)
{
  g_autoptr(GArray) changes = g_array_new (FALSE, FALSE, sizeof (Change));
  g_autoptr(GPtrArray) replaced = g_ptr_array_new_with_free_func (g_object_unref);
  GPtrArray *fresh = run_scoped (self->design, profile, scope, self->findings, replaced,
                                 self->memo);

  share_unchanged (self->findings, fresh, changes);
  /* Its findings went to fresh and replaced (nothing else holds the list
   * when no run is under way). */
  g_ptr_array_set_free_func (self->findings, NULL);
  /* The positions of what names what have moved. */
  if (self->naming != NULL)
    {
      VpcFindingNames *naming = vpc_finding_names_update (
          self->naming, fresh, (const Change *) changes->data, changes->len);

      vpc_finding_names_unref (self->naming);
      self->naming = naming;
    }
  take_findings (self, fresh, changes);
  if (self->deferred)
    schedule_index (self);
  self->scoped_runs++;
  self->cost_runs += scope->costs && !scope->others;
}

/* Brings the findings up to date, or starts a run on another thread that
 * will when @may_thread (a deferred validator's idle callback). */
static void
revalidate (VpcValidator *self,
            gboolean      may_thread)
{
  const VpcDesignInfo *info = vpc_design_get_info (self->design);
  /* The rules read no box: moving one (a drag, Tidy, the automatic
   * layout) leaves the findings as they were. */
  guint64 revision = vpc_design_get_content_revision (self->design);
  guint64 rules_revision = vpc_design_get_rules_revision (self->design);
  /* A run under way has taken self->touched over: only a full run is sure. */
  gboolean same = self->validated && info->profile == self->profile && self->running == NULL;
  gboolean thread
      = may_thread && vpc_design_get_total_elements (self->design) >= thread_min_elements;
  g_autoptr(Scope) scope = NULL;

  /* Its end looks at what changed meanwhile. */
  if (may_thread && self->running != NULL)
    return;
  /* "info-changed" and "changed" both arrive for one step. */
  if (same && revision == self->revision)
    ;
  else if (same && rules_revision == self->rules_revision && self->touched != NULL)
    rename_in_messages (self);
  else if (same && self->touched != NULL
           && (scope = scoped_workloads (self, info->profile)) != NULL)
    {
      /* Renames in place since, which the basis shows done: the findings
       * kept give the new names as a rename alone would have. */
      if (self->in_place && self->touched->len > 0)
        rename_in_messages (self);
      /* With the rules about other elements, a big design's run takes
       * longer than a frame (~0.25 s at 100,000 elements). */
      if (scope->others && thread)
        {
          start_thread_run (self, info->profile, g_steal_pointer (&scope));
          return;
        }
      revalidate_scoped (self, info->profile, scope);
    }
  else if (thread)
    {
      start_thread_run (self, info->profile, NULL);
      return;
    }
  else
    {
      self->full_runs++;
      g_clear_pointer (&self->naming, vpc_finding_names_unref);
      GPtrArray *fresh = run_rules (self->design, info->profile, RUN_MARKS, self->memo);
      g_autoptr(GArray) changes = g_array_new (FALSE, FALSE, sizeof (Change));

      share_unchanged (self->findings, fresh, changes);
      take_findings (self, fresh, changes);
      /* A run under way would bring older findings. */
      set_running (self, NULL);
      if (self->deferred)
        schedule_index (self);
    }
  self->validated = TRUE;
  self->revision = revision;
  self->rules_revision = rules_revision;
  self->profile = info->profile;
  set_basis (self, vpc_design_snapshot (self->design));
  if (self->touched == NULL)
    self->touched = g_ptr_array_new_with_free_func (g_free);
  else
    g_ptr_array_set_size (self->touched, 0);
}

static gboolean
revalidate_idle_cb (gpointer data)
{
  VpcValidator *self = data;

  self->idle_id = 0;
  revalidate (self, TRUE);
  return G_SOURCE_REMOVE;
}

/* Follows what changes in place: a rename is one of them. */
static void
element_changed_cb (VpcValidator *self,
                    VpcKind       kind,
                    guint         index,
                    const char   *id)
{
  if (self->basis != NULL && index < vpc_design_get_n_elements (self->basis, kind)
      && vpc_design_get_element (self->basis, kind, index)
             == vpc_design_get_element (self->design, kind, index))
    self->in_place = TRUE;
  if (self->touched == NULL)
    return;
  if (self->touched->len == MAX_TOUCHED)
    g_clear_pointer (&self->touched, g_ptr_array_unref);
  else
    g_ptr_array_add (self->touched, g_strdup (id));
}

static void
design_changed_cb (VpcValidator *self)
{
  if (!self->deferred)
    revalidate (self, FALSE);
  else if (self->idle_id == 0)
    self->idle_id = g_idle_add_full (G_PRIORITY_DEFAULT_IDLE, revalidate_idle_cb, self, NULL);
}

static void
vpc_validator_set_design (VpcValidator *self,
                          VpcDesign    *design)
{
  g_assert (self->design == NULL);

  self->design = g_object_ref (design);
  self->memo = vpc_rule_memo_new ();
  g_signal_connect_object (design, "changed", G_CALLBACK (design_changed_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (design, "info-changed", G_CALLBACK (design_changed_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (design, "element-changed", G_CALLBACK (element_changed_cb), self,
                           G_CONNECT_SWAPPED);
}

/* The first run: on another thread for a big design when constructed
 * "deferred" (a window opening a file draws before the findings come). */
static void
vpc_validator_constructed (GObject *object)
{
  VpcValidator *self = VPC_VALIDATOR (object);

  G_OBJECT_CLASS (vpc_validator_parent_class)->constructed (object);
  g_assert (self->design != NULL);
  revalidate (self, self->deferred);
}

static void
vpc_validator_dispose (GObject *object)
{
  VpcValidator *self = VPC_VALIDATOR (object);

  g_clear_handle_id (&self->idle_id, g_source_remove);
  g_clear_handle_id (&self->index_id, g_source_remove);
  g_clear_object (&self->basis);
  if (self->design != NULL)
    g_signal_handlers_disconnect_by_data (self->design, self);
  g_clear_object (&self->design);
  G_OBJECT_CLASS (vpc_validator_parent_class)->dispose (object);
}

static void
vpc_validator_finalize (GObject *object)
{
  VpcValidator *self = VPC_VALIDATOR (object);

  g_ptr_array_unref (self->findings);
  g_clear_pointer (&self->touched, g_ptr_array_unref);
  g_clear_pointer (&self->naming, vpc_finding_names_unref);
  vpc_rule_memo_free (self->memo);
  G_OBJECT_CLASS (vpc_validator_parent_class)->finalize (object);
}

static void
vpc_validator_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  VpcValidator *self = VPC_VALIDATOR (object);

  switch (prop_id)
    {
    case PROP_DESIGN:
      g_value_set_object (value, self->design);
      break;
    case PROP_DEFERRED:
      g_value_set_boolean (value, self->deferred);
      break;
    case PROP_CHECKING:
      g_value_set_boolean (value, self->running != NULL);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
vpc_validator_set_property (GObject      *object,
                            guint         prop_id,
                            const GValue *value,
                            GParamSpec   *pspec)
{
  VpcValidator *self = VPC_VALIDATOR (object);

  switch (prop_id)
    {
    case PROP_DESIGN:
      vpc_validator_set_design (self, g_value_get_object (value));
      break;
    case PROP_DEFERRED:
      vpc_validator_set_deferred (self, g_value_get_boolean (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
vpc_validator_class_init (VpcValidatorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->constructed = vpc_validator_constructed;
  object_class->dispose = vpc_validator_dispose;
  object_class->finalize = vpc_validator_finalize;
  object_class->get_property = vpc_validator_get_property;
  object_class->set_property = vpc_validator_set_property;

  properties[PROP_DESIGN] =
    g_param_spec_object ("design", NULL, NULL, VPC_TYPE_DESIGN,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_DEFERRED] =
    g_param_spec_boolean ("deferred", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_CONSTRUCT | G_PARAM_EXPLICIT_NOTIFY |
                          G_PARAM_STATIC_STRINGS);
  properties[PROP_CHECKING] =
    g_param_spec_boolean ("checking", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
vpc_validator_init (VpcValidator *self)
{
  self->findings = g_ptr_array_new_with_free_func (g_object_unref);
}

VpcValidator *
vpc_validator_new (VpcDesign *design)
{
  g_return_val_if_fail (VPC_IS_DESIGN (design), NULL);
  return g_object_new (VPC_TYPE_VALIDATOR, "design", design, NULL);
}

VpcValidator *
vpc_validator_new_deferred (VpcDesign *design)
{
  g_return_val_if_fail (VPC_IS_DESIGN (design), NULL);
  return g_object_new (VPC_TYPE_VALIDATOR, "design", design, "deferred", TRUE, NULL);
}

gboolean
vpc_validator_get_deferred (VpcValidator *self)
{
  g_return_val_if_fail (VPC_IS_VALIDATOR (self), FALSE);
  return self->deferred;
}

void
vpc_validator_set_deferred (VpcValidator *self,
                            gboolean      deferred)
{
  g_return_if_fail (VPC_IS_VALIDATOR (self));

  deferred = !!deferred;
  if (self->deferred == deferred)
    return;
  self->deferred = deferred;
  if (deferred && self->validated && self->naming == NULL)
    schedule_index (self);
  /* Back to synchronous: catch up now. */
  if (!deferred && (self->idle_id != 0 || self->running != NULL))
    {
      g_clear_handle_id (&self->idle_id, g_source_remove);
      revalidate (self, FALSE);
    }
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DEFERRED]);
}

void
vpc_validator_flush (VpcValidator *self)
{
  g_return_if_fail (VPC_IS_VALIDATOR (self));

  if (self->idle_id != 0 || self->running != NULL)
    {
      g_clear_handle_id (&self->idle_id, g_source_remove);
      revalidate (self, FALSE);
    }
}

gboolean
vpc_validator_get_checking (VpcValidator *self)
{
  g_return_val_if_fail (VPC_IS_VALIDATOR (self), FALSE);
  return self->running != NULL;
}

VpcDesign *
vpc_validator_get_design (VpcValidator *self)
{
  g_return_val_if_fail (VPC_IS_VALIDATOR (self), NULL);
  return self->design;
}

guint
vpc_validator_count (VpcValidator *self,
                     VpcSeverity   severity)
{
  guint count = 0;

  g_return_val_if_fail (VPC_IS_VALIDATOR (self), 0);
  for (guint i = 0; i < self->findings->len; i++)
    if (vpc_finding_get_severity (g_ptr_array_index (self->findings, i)) == severity)
      count++;
  return count;
}

guint
_vpc_validator_get_scoped_runs (VpcValidator *self)
{
  g_return_val_if_fail (VPC_IS_VALIDATOR (self), 0);
  return self->scoped_runs;
}

guint
_vpc_validator_get_cost_runs (VpcValidator *self)
{
  g_return_val_if_fail (VPC_IS_VALIDATOR (self), 0);
  return self->cost_runs;
}

guint
vpc_validator_get_full_runs (VpcValidator *self)
{
  g_return_val_if_fail (VPC_IS_VALIDATOR (self), 0);
  return self->full_runs;
}

GPtrArray *
vpc_validator_findings_for (VpcValidator *self,
                            const char   *id)
{
  GPtrArray *result = g_ptr_array_new_with_free_func (g_object_unref);

  g_return_val_if_fail (VPC_IS_VALIDATOR (self), result);
  for (guint i = 0; i < self->findings->len; i++)
    {
      VpcFinding *finding = g_ptr_array_index (self->findings, i);

      if (g_strv_contains (vpc_finding_get_elements (finding), id))
        g_ptr_array_add (result, g_object_ref (finding));
    }
  return result;
}
