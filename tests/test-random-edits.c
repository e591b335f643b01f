/* test-random-edits.c: the invariant guard under 100,000 random edits.
 *
 * Edits go through the entry points the editor uses: the inspector's
 * setters (copy an element, change one field, vpc_design_replace_element;
 * vpc_design_set_info for the top level), quick fixes, paste, delete,
 * rename, the canvas's containment operations, multi-edit transactions,
 * undo and redo. Values are valid and invalid alike. After every edit:
 * - refused (the call says so): the canonical bytes and the history are as
 *   before;
 * - accepted: the invariants hold, the layout agrees with containment, and
 *   the design saves and loads back to the same bytes;
 * and at the end of each sequence undo-all and redo-all pass through every
 * state exactly. Seeded: VPC_PROPERTY_SEED replays a run, VPC_PROPERTY_EDITS
 * changes the number of edits (default 100,000).
 */
#include <math.h>
#include <string.h>

#include "vpc-clipboard.h"
#include "vpc-containment.h"
#include "vpc-design.h"
#include "vpc-file.h"
#include "vpc-invariants.h"
#include "vpc-layout.h"
#include "vpc-quick-fix.h"
#include "vpc-validator.h"

#define SEQUENCE_LENGTH 40

typedef struct
{
  GRand     *rand;
  guint32    seed;
  guint      edit; /* number of the edit, for messages */
  VpcDesign *design;
  GPtrArray *states; /* canonical bytes after each undo step, [0] = start */
  guint      position;
  guint      accepted, refused, undone;
  guint      kind; /* which entry point the last edit used */
} Run;

#define CHECK(run, cond, what)                                                        \
  G_STMT_START {                                                                      \
    if (!(cond))                                                                      \
      g_error ("seed %u, edit %u (entry point %u): %s (%s)", (run)->seed, (run)->edit, \
               (run)->kind, (what), #cond);                                           \
  } G_STMT_END

static int
pick (Run *run,
      int  n)
{
  return g_rand_int_range (run->rand, 0, n);
}

static gboolean
coin (Run *run)
{
  return g_rand_boolean (run->rand);
}

static const char *
pick_string (Run               *run,
             const char *const *choices,
             guint              n)
{
  return choices[pick (run, (int) n)];
}
#define PICK(run, array) pick_string ((run), (array), G_N_ELEMENTS (array))

static const VpcElement *
random_element (Run *run,
                int  kind) /* -1: any kind */
{
  VpcDesign *d = run->design;
  guint total = 0;
  guint index;

  if (kind >= 0)
    {
      guint n = vpc_design_get_n_elements (d, kind);
      return n == 0 ? NULL : vpc_design_get_element (d, kind, (guint) pick (run, (int) n));
    }
  total = vpc_design_get_total_elements (d);
  if (total == 0)
    return NULL;
  index = (guint) pick (run, (int) total);
  for (guint k = 0; k < VPC_N_KINDS; k++)
    {
      guint n = vpc_design_get_n_elements (d, k);

      if (index < n)
        return vpc_design_get_element (d, k, index);
      index -= n;
    }
  g_assert_not_reached ();
}

/* An id: mostly of an element of @kind, sometimes of another kind or of
 * nothing at all. */
static const char *
random_ref (Run    *run,
            VpcKind kind)
{
  static const char *const missing[] = { "missing", "az-9", "sn-9", "sg-9", "self" };
  const VpcElement *e;
  int roll = pick (run, 10);

  e = random_element (run, roll < 7 ? (int) kind : -1);
  if (e == NULL || roll == 9)
    return PICK (run, missing);
  return e->id;
}

static double
random_number (Run *run)
{
  static const double numbers[] = {
    0, -0.0, 1, 24, 72, 400, 1e-300, 0.5, -1, 1e7, 1e7 + 1, -1e7, 2e7, 1e12, 1e13,
  };

  if (pick (run, 8) == 0)
    return pick (run, 2) ? NAN : INFINITY;
  return numbers[pick (run, G_N_ELEMENTS (numbers))] + (coin (run) ? 0 : g_rand_double_range (run->rand, 0, 500));
}

static void
random_id_list (Run       *run,
                GPtrArray *list,
                VpcKind    kind)
{
  switch (pick (run, 4))
    {
    case 0:
    case 1:
      g_ptr_array_add (list, g_strdup (random_ref (run, kind)));
      break;
    case 2:
      if (list->len > 0)
        g_ptr_array_remove_index (list, (guint) pick (run, (int) list->len));
      break;
    default:
      g_ptr_array_set_size (list, 0);
    }
}

static void
random_rules (Run    *run,
              GArray *rules)
{
  static const char *const peers[] = {
    "self", "0.0.0.0/0", "10.0.0.0/16", "10.0.0.5/16", "prefix-list:s3", "prefix-list:nope",
    "1.2.3.4/33",
  };
  VpcSgRule rule = { 0 };

  if (rules->len > 0 && coin (run))
    {
      g_array_remove_index (rules, (guint) pick (run, (int) rules->len));
      return;
    }
  rule.protocol = (VpcProtocol) pick (run, 5);
  rule.port_from = (guint16) (coin (run) ? 443 : pick (run, 65536));
  rule.port_to = (guint16) (coin (run) ? rule.port_from : pick (run, 65536));
  rule.peer = g_strdup (coin (run) ? random_ref (run, VPC_KIND_SECURITY_GROUP) : PICK (run, peers));
  g_array_append_val (rules, rule);
}

/* One inspector setter: one field of @e, valid or not. */
static void
mutate_element (Run        *run,
                VpcElement *e)
{
  static const char *const names[] = { "Private A", "", "Ünïcødé ☃", "\xef\xb7\x90", "bad \xff" };
  static const char *const cidrs[] = {
    "10.0.9.0/24", "10.0.1.0/24", "10.1.0.0/16", "10.0.1.5/24", "300.0.0.0/8", "10.0.0.0/33", "",
  };
  static const char *const services[] = {
    "s3", "dynamodb", "logs", "sts", "ecr.api", "ecr.dkr", "sagemaker.api", "BAD", "",
  };
  int field = pick (run, 8);

  if (field == 0)
    {
      g_free (e->name);
      e->name = g_strdup (PICK (run, names));
      return;
    }
  if (field == 1)
    {
      e->has_layout = TRUE;
      switch (pick (run, 4))
        {
        case 0: e->layout.x = random_number (run); break;
        case 1: e->layout.y = random_number (run); break;
        case 2: e->layout.w = random_number (run); break;
        default: e->layout.h = random_number (run);
        }
      return;
    }
  switch (e->kind)
    {
    case VPC_KIND_SUBNET:
      if (field < 5)
        {
          g_free (e->az);
          e->az = g_strdup (random_ref (run, VPC_KIND_AZ));
        }
      else if (field < 7)
        {
          g_free (e->cidr);
          e->cidr = g_strdup (PICK (run, cidrs));
        }
      else
        e->route = (VpcRoute) pick (run, 4);
      break;
    case VPC_KIND_SECURITY_GROUP:
      random_rules (run, coin (run) ? e->ingress : e->egress);
      break;
    case VPC_KIND_ENDPOINT:
      switch (field)
        {
        case 2: g_free (e->service); e->service = g_strdup (PICK (run, services)); break;
        case 3: e->endpoint_type = (VpcEndpointType) pick (run, 3); break;
        case 4: e->private_dns = !e->private_dns; break;
        case 5: random_id_list (run, e->security_groups, VPC_KIND_SECURITY_GROUP); break;
        case 6: e->gb_per_month = random_number (run); break;
        default: random_id_list (run, e->subnets, VPC_KIND_SUBNET);
        }
      break;
    case VPC_KIND_NAT_GATEWAY:
      if (field < 5)
        {
          g_free (e->subnet);
          e->subnet = g_strdup (random_ref (run, VPC_KIND_SUBNET));
        }
      else
        e->gb_per_month = random_number (run);
      break;
    case VPC_KIND_WORKLOAD:
      switch (pick (run, 12))
        {
        case 0: e->workload_kind = (VpcWorkloadKind) pick (run, VPC_N_WORKLOAD_KINDS + 1); break;
        case 1: e->vpc_mode = !e->vpc_mode; break;
        case 2: random_id_list (run, e->security_groups, VPC_KIND_SECURITY_GROUP); break;
        case 3: e->network_isolation = !e->network_isolation; break;
        case 4: e->instance_count = coin (run) ? pick (run, 5) : 10000 + pick (run, 3); break;
        case 5: e->inter_container_encryption = !e->inter_container_encryption; break;
        case 6: e->image_access = (VpcImageAccess) pick (run, 3); break;
        case 7:
          if (e->calls == NULL || coin (run))
            {
              g_clear_pointer (&e->calls, g_ptr_array_unref);
              e->calls = vpc_id_list_new ();
            }
          g_ptr_array_add (e->calls, g_strdup (PICK (run, services)));
          break;
        case 8: g_clear_pointer (&e->calls, g_ptr_array_unref); break;
        case 9: e->needs_internet = !e->needs_internet; break;
        case 10: e->direct_internet_access = !e->direct_internet_access; break;
        default: random_id_list (run, e->subnets, VPC_KIND_SUBNET);
        }
      break;
    case VPC_KIND_AZ:
    case VPC_N_KINDS:
    default:
      break;
    }
}

static gboolean
edit_field (Run *run)
{
  const VpcElement *e = random_element (run, -1);
  VpcElement *copy;

  if (e == NULL)
    return FALSE;
  copy = vpc_element_copy (e);
  mutate_element (run, copy);
  return vpc_design_replace_element (run->design, copy);
}

static gboolean
edit_info (Run *run)
{
  static const char *const regions[] = { "us-east-1", "eu-west-1", "mars-1", "US", "" };
  static const char *const cidrs[] = { "10.0.0.0/16", "10.0.0.0/8", "10.0.0.1/16", "x" };
  VpcDesignInfo *info = vpc_design_info_copy (vpc_design_get_info (run->design));

  switch (pick (run, 8))
    {
    case 0: g_free (info->region); info->region = g_strdup (PICK (run, regions)); break;
    case 1: info->environment = (VpcEnvironment) pick (run, 3); break;
    case 2: info->profile = (VpcProfile) pick (run, 3); break;
    case 3: g_free (info->vpc_cidr); info->vpc_cidr = g_strdup (PICK (run, cidrs)); break;
    case 4: g_free (info->name); info->name = g_strdup (coin (run) ? "Design" : "\xc3"); break;
    case 5: info->dns_support = !info->dns_support; break;
    case 6: info->dns_hostnames = !info->dns_hostnames; break;
    default:
      info->has_vpc_layout = TRUE;
      info->vpc_layout.h = random_number (run);
    }
  return vpc_design_set_info (run->design, info);
}

static gboolean
edit_quick_fix (Run *run)
{
  g_autoptr(GPtrArray) findings = vpc_validate (run->design, vpc_design_get_info (run->design)->profile);
  g_autoptr(GPtrArray) fixable = g_ptr_array_new ();

  for (guint i = 0; i < findings->len; i++)
    if (vpc_quick_fix_available (g_ptr_array_index (findings, i), run->design))
      g_ptr_array_add (fixable, g_ptr_array_index (findings, i));
  if (fixable->len == 0)
    return FALSE;
  return vpc_quick_fix_apply (g_ptr_array_index (fixable, (guint) pick (run, (int) fixable->len)),
                              run->design);
}

static gboolean
edit_paste (Run *run)
{
  g_autoptr(GHashTable) selection = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(VpcClipboard) clipboard = NULL;
  g_autofree char *reason = NULL;
  g_auto(GStrv) ids = NULL;

  for (int n = 1 + pick (run, 3); n > 0; n--)
    {
      const VpcElement *e = random_element (run, -1);

      if (e != NULL)
        g_hash_table_add (selection, e->id);
    }
  if (g_hash_table_size (selection) == 0)
    return FALSE;
  clipboard = vpc_clipboard_copy (run->design, selection);
  ids = vpc_clipboard_paste (clipboard, run->design, 24 * pick (run, 5), 24 * pick (run, 5), &reason);
  return ids != NULL && ids[0] != NULL;
}

static gboolean
edit_delete (Run *run)
{
  const char *ids[2];
  guint n = 0;

  for (int i = 1 + pick (run, 2); i > 0; i--)
    {
      const VpcElement *e = random_element (run, -1);

      if (e != NULL)
        ids[n++] = e->id;
    }
  return n > 0 && vpc_design_delete (run->design, ids, n);
}

static gboolean
edit_rename (Run *run)
{
  static const char *const ids[] = { "renamed", "self", "prefix-list:s3", "", "a b", "sg-1", "az-1" };
  const VpcElement *e = random_element (run, -1);
  g_autofree char *old_id = NULL;
  g_autofree char *new_id = NULL;

  if (e == NULL)
    return FALSE;
  old_id = g_strdup (e->id);
  new_id = coin (run) ? g_strdup_printf ("id-%u", run->edit) : g_strdup (PICK (run, ids));
  return vpc_design_rename (run->design, old_id, new_id, NULL) && strcmp (old_id, new_id) != 0;
}

static gboolean
edit_containment (Run *run)
{
  static const char *const items[] = {
    "az", "subnet:private", "subnet:nat", "subnet:public", "nat", "sg", "endpoint:s3",
    "endpoint:logs", "endpoint:ecr.api", "workload:training_job", "workload:notebook_instance",
    "workload:client",
  };
  const VpcElement *from = random_element (run, coin (run) ? VPC_KIND_WORKLOAD : VPC_KIND_ENDPOINT);
  const VpcElement *subnet = random_element (run, VPC_KIND_SUBNET);
  g_autofree char *reason = NULL;
  g_autofree char *placed = NULL;
  VpcRect vpc = vpc_containment_vpc_rect (run->design);

  switch (pick (run, 3))
    {
    case 0:
      placed = vpc_containment_place (run->design, PICK (run, items),
                                      vpc.x + g_rand_double_range (run->rand, -50, vpc.w + 50),
                                      vpc.y + g_rand_double_range (run->rand, -50, vpc.h + 50),
                                      &reason);
      return placed != NULL;
    case 1:
      if (from == NULL || subnet == NULL)
        return FALSE;
      return vpc_containment_connect (run->design, from->id, subnet->id, &reason);
    default:
      from = random_element (run, VPC_KIND_ENDPOINT);
      if (from == NULL || subnet == NULL)
        return FALSE;
      return vpc_containment_add_interface (run->design, from->id, subnet->id, NULL, &reason);
    }
}

/* Several setters as one step, judged at the commit. */
static gboolean
edit_transaction (Run *run)
{
  vpc_design_begin (run->design, "Several changes");
  for (int n = 2 + pick (run, 3); n > 0; n--)
    edit_field (run);
  return vpc_design_commit (run->design);
}

typedef gboolean (*EditFunc) (Run *run);
/* The transaction comes last (check_edit knows it by that). */
static const EditFunc edit_funcs[] = {
  edit_field, edit_field, edit_field, edit_field, edit_field, edit_info, edit_quick_fix,
  edit_paste, edit_delete, edit_rename, edit_containment, edit_containment, edit_transaction,
};

static char *
canonical (VpcDesign *design)
{
  return vpc_file_serialize (design, NULL);
}

/* Saving and loading back gives the same bytes. */
static void
check_round_trip (Run        *run,
                  const char *text)
{
  g_autoptr(GBytes) bytes = g_bytes_new_static (text, strlen (text));
  g_autoptr(GError) error = NULL;
  g_autoptr(VpcDesign) again = vpc_file_load_bytes (bytes, NULL, &error);
  g_autofree char *text_again = NULL;

  if (again == NULL)
    g_error ("seed %u, edit %u: the saved design does not load: %s\n%s", run->seed, run->edit,
             error->message, text);
  text_again = canonical (again);
  if (strcmp (text, text_again) != 0)
    g_error ("seed %u, edit %u (entry point %u): save, load, save changed the bytes\n%s\n---\n%s",
             run->seed, run->edit, run->kind, text, text_again);
}

static void
check_edit (Run        *run,
            gboolean    accepted,
            const char *before,
            gboolean    could_undo,
            const char *undo_label)
{
  g_autofree char *after = canonical (run->design);
  g_autoptr(GError) error = NULL;

  if (!accepted)
    {
      /* Refused, or nothing to do: nothing changed, nothing recorded. */
      run->refused++;
      CHECK (run, strcmp (before, after) == 0, "a refused edit changed the design");
      CHECK (run, vpc_design_get_can_undo (run->design) == could_undo, "a refused edit left history");
      CHECK (run, vpc_design_get_undo_label (run->design) == undo_label, "a refused edit left history");
      return;
    }
  if (!vpc_invariants_check_design (run->design, VPC_INVARIANTS_PLACE_FILE, &error))
    g_error ("seed %u, edit %u: an accepted edit broke an invariant: %s", run->seed, run->edit,
             error->message);
  CHECK (run, vpc_layout_is_contained (run->design), "the layout disagrees with containment");
  check_round_trip (run, after);
  if (strcmp (before, after) == 0)
    {
      /* Nothing visible changed: then no undo step either, but for a
       * transaction whose edits undid each other (as a user can). */
      if (vpc_design_get_undo_label (run->design) == undo_label)
        return;
      CHECK (run, run->kind == G_N_ELEMENTS (edit_funcs) - 1,
             "an edit that changed nothing left an undo step");
    }
  run->accepted++;
  g_ptr_array_set_size (run->states, run->position + 1);
  g_ptr_array_add (run->states, g_steal_pointer (&after));
  run->position++;
}

static void
step_history (Run     *run,
              gboolean forward)
{
  g_autofree char *now = NULL;

  if (forward ? run->position + 1 >= run->states->len : run->position == 0)
    {
      CHECK (run, !(forward ? vpc_design_redo (run->design) : vpc_design_undo (run->design)),
             "history has a step the test did not see");
      return;
    }
  CHECK (run, forward ? vpc_design_redo (run->design) : vpc_design_undo (run->design),
         "history lost a step");
  run->position += forward ? 1 : -1;
  now = canonical (run->design);
  CHECK (run, strcmp (now, g_ptr_array_index (run->states, run->position)) == 0,
         forward ? "redo did not give the state back" : "undo did not give the state back");
  run->undone++;
}

static void
run_sequence (Run       *run,
              VpcDesign *start,
              guint      n_edits)
{

  run->design = vpc_design_duplicate (start);
  g_ptr_array_set_size (run->states, 0);
  g_ptr_array_add (run->states, canonical (run->design));
  run->position = 0;

  for (guint i = 0; i < n_edits; i++, run->edit++)
    {
      g_autofree char *before = NULL;
      gboolean could_undo;
      const char *undo_label;
      int roll = pick (run, 20);

      if (roll == 0 || roll == 1)
        {
          step_history (run, roll == 1);
          continue;
        }
      /* The bytes of the current state are known: the test checks every
       * state it records against the design. */
      before = g_strdup (g_ptr_array_index (run->states, run->position));
      could_undo = vpc_design_get_can_undo (run->design);
      undo_label = vpc_design_get_undo_label (run->design);
      run->kind = (guint) pick (run, G_N_ELEMENTS (edit_funcs));
      check_edit (run, edit_funcs[run->kind] (run), before, could_undo, undo_label);
    }

  /* Undo everything, then redo everything, state by state. */
  while (run->position > 0)
    step_history (run, FALSE);
  CHECK (run, !vpc_design_get_can_undo (run->design), "undo-all left a step");
  while (run->position + 1 < run->states->len)
    step_history (run, TRUE);
  CHECK (run, !vpc_design_get_can_redo (run->design), "redo-all left a step");
  g_clear_object (&run->design);
}

static GPtrArray *
load_seeds (void)
{
  GPtrArray *seeds = g_ptr_array_new_with_free_func (g_object_unref);
  const char *examples = g_getenv ("VPC_EXAMPLES_DIR");
  g_autoptr(GDir) dir = NULL;
  g_autofree char *extra = g_test_build_filename (G_TEST_DIST, "data", "gui-two-az.vpcd.json", NULL);
  const char *name;

  g_assert_nonnull (examples);
  dir = g_dir_open (examples, 0, NULL);
  g_assert_nonnull (dir);
  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = g_build_filename (examples, name, NULL);
      g_autoptr(GError) error = NULL;
      VpcDesign *design;

      if (!g_str_has_suffix (name, ".vpcd.json"))
        continue;
      design = vpc_file_load_path (path, NULL, &error);
      g_assert_no_error (error);
      g_ptr_array_add (seeds, design);
    }
  g_ptr_array_add (seeds, vpc_file_load_path (extra, NULL, NULL));
  g_assert_nonnull (g_ptr_array_index (seeds, seeds->len - 1));
  {
    /* Drawing from nothing, as File → New starts (vpc_window_new_design). */
    VpcDesign *empty = vpc_design_new ();
    VpcDesignInfo *info = vpc_design_info_new ();

    info->has_vpc_layout = TRUE;
    info->vpc_layout = (VpcRect) { 0, 0, 920, 420 };
    vpc_design_take_info (empty, info);
    g_ptr_array_add (seeds, empty);
  }
  return seeds;
}

static void
test_random_edits (void)
{
  g_autoptr(GPtrArray) seeds = load_seeds ();
  const char *seed_text = g_getenv ("VPC_PROPERTY_SEED");
  const char *edits_text = g_getenv ("VPC_PROPERTY_EDITS");
  guint n_edits = edits_text != NULL ? (guint) g_ascii_strtoull (edits_text, NULL, 10) : 100000;
  Run run = { 0 };

  run.seed = seed_text != NULL ? (guint32) g_ascii_strtoull (seed_text, NULL, 10) : g_random_int ();
  g_test_message ("seed %u (replay with VPC_PROPERTY_SEED=%u), %u edits", run.seed, run.seed, n_edits);
  run.rand = g_rand_new_with_seed (run.seed);
  run.states = g_ptr_array_new_with_free_func (g_free);

  while (run.edit < n_edits)
    run_sequence (&run, g_ptr_array_index (seeds, (guint) pick (&run, (int) seeds->len)),
                  MIN (SEQUENCE_LENGTH, n_edits - run.edit));

  g_test_message ("%u edits: %u accepted changes, %u refused or empty, %u undo/redo steps checked",
                  run.edit, run.accepted, run.refused, run.undone);
  /* The mix really exercises both sides of the guard. */
  g_assert_cmpuint (run.accepted, >, n_edits / 10);
  g_assert_cmpuint (run.refused, >, n_edits / 10);
  g_ptr_array_unref (run.states);
  g_rand_free (run.rand);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/guard/random-edits", test_random_edits);
  return g_test_run ();
}
