/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-undo.c: the history against a model-based random oracle.
 *
 * 200 seeded sequences of 50 random edits (10,000 in all): adds, changes,
 * cascading deletes, top-level edits, multi-edit transactions, undos and
 * redos in between. After every step the canonical JSON of every state so
 * far is checked by undoing everything (each state in reverse) and redoing
 * everything (each state forward), as GtkSourceView's undo tests do.
 */
#include "vpc-design.h"
#include "vpc-file.h"

#define N_SEQUENCES 200
#define N_STEPS     50

typedef struct
{
  GRand     *rand;
  VpcDesign *design;
  GPtrArray *states; /* canonical JSON after each undo step, [0] = start */
  guint      position;
  guint      counter;
} Oracle;

static char *
canonical (VpcDesign *design)
{
  return vpc_file_serialize (design, NULL);
}

static const VpcElement *
random_element (Oracle *o,
                VpcKind kind)
{
  guint n = vpc_design_get_n_elements (o->design, kind);

  if (n == 0)
    return NULL;
  return vpc_design_get_element (o->design, kind, g_rand_int_range (o->rand, 0, (int) n));
}

static char *
fresh_id (Oracle     *o,
          const char *prefix)
{
  return g_strdup_printf ("%s-%u", prefix, ++o->counter);
}

static void
add_random (Oracle *o)
{
  VpcKind kind = g_rand_int_range (o->rand, 0, VPC_N_KINDS);
  const VpcElement *az = random_element (o, VPC_KIND_AZ);
  const VpcElement *subnet = random_element (o, VPC_KIND_SUBNET);
  const VpcElement *group = random_element (o, VPC_KIND_SECURITY_GROUP);
  g_autofree char *id = fresh_id (o, vpc_kind_to_string (kind));
  VpcElement *e;

  /* Elements that need a parent fall back to an AZ. */
  if ((kind == VPC_KIND_SUBNET && az == NULL) || (kind == VPC_KIND_NAT_GATEWAY && subnet == NULL))
    kind = VPC_KIND_AZ;
  e = vpc_element_new (kind, id);
  switch (kind)
    {
    case VPC_KIND_SUBNET:
      e->az = g_strdup (az->id);
      e->cidr = g_strdup_printf ("10.0.%u.0/24", o->counter % 256);
      e->route = g_rand_int_range (o->rand, 0, 3);
      break;
    case VPC_KIND_NAT_GATEWAY:
      e->subnet = g_strdup (subnet->id);
      break;
    case VPC_KIND_ENDPOINT:
      e->service = g_strdup (g_rand_boolean (o->rand) ? "logs" : "sts");
      if (subnet != NULL)
        vpc_id_list_add (e->subnets, subnet->id);
      break;
    case VPC_KIND_WORKLOAD:
      e->workload_kind = g_rand_int_range (o->rand, 0, VPC_N_WORKLOAD_KINDS);
      if (subnet != NULL)
        vpc_id_list_add (e->subnets, subnet->id);
      if (group != NULL)
        vpc_id_list_add (e->security_groups, group->id);
      break;
    case VPC_KIND_SECURITY_GROUP:
      if (group != NULL)
        {
          VpcSgRule rule = { VPC_PROTOCOL_TCP, 443, 443, g_strdup (group->id) };
          g_array_append_val (e->ingress, rule);
        }
      break;
    case VPC_KIND_AZ:
    case VPC_N_KINDS:
    default:
      break;
    }
  e->has_layout = TRUE;
  e->layout = (VpcRect) { g_rand_int_range (o->rand, 0, 1000), 10, 80, 80 };
  vpc_design_add_element (o->design, e, g_rand_int_range (o->rand, -1, 3));
}

static void
change_random (Oracle *o)
{
  const VpcElement *old = random_element (o, g_rand_int_range (o->rand, 0, VPC_N_KINDS));
  g_autoptr(VpcElement) e = NULL;

  if (old == NULL)
    return;
  e = vpc_element_copy (old);
  g_free (e->name);
  e->name = g_rand_boolean (o->rand) ? g_strdup_printf ("name %u", ++o->counter) : NULL;
  e->layout.x += g_rand_int_range (o->rand, -50, 50);
  if (e->kind == VPC_KIND_WORKLOAD)
    {
      e->network_isolation = !e->network_isolation;
      e->instance_count = g_rand_int_range (o->rand, 1, 5);
    }
  if (e->kind == VPC_KIND_SUBNET)
    e->route = (e->route + 1) % 3;
  vpc_design_replace_element (o->design, g_steal_pointer (&e));
}

static void
delete_random (Oracle *o)
{
  const VpcElement *victim = random_element (o, g_rand_int_range (o->rand, 0, VPC_N_KINDS));
  const char *ids[1];

  if (victim == NULL)
    return;
  ids[0] = victim->id;
  vpc_design_delete (o->design, ids, 1);
}

static void
change_info (Oracle *o)
{
  g_autoptr(VpcDesignInfo) info = vpc_design_info_copy (vpc_design_get_info (o->design));

  g_free (info->name);
  info->name = g_strdup_printf ("design %u", ++o->counter);
  info->profile = g_rand_boolean (o->rand) ? VPC_PROFILE_PRECISE : VPC_PROFILE_STUDY_GUIDE;
  info->dns_support = g_rand_boolean (o->rand);
  vpc_design_set_info (o->design, g_steal_pointer (&info));
}

static void
edit_random (Oracle *o)
{
  switch (g_rand_int_range (o->rand, 0, 6))
    {
    case 0:
    case 1:
      add_random (o);
      break;
    case 2:
      change_random (o);
      break;
    case 3:
      delete_random (o);
      break;
    case 4:
      change_info (o);
      break;
    default:
      vpc_design_begin (o->design, "Group");
      for (int i = g_rand_int_range (o->rand, 1, 4); i > 0; i--)
        {
          add_random (o);
          change_random (o);
        }
      vpc_design_commit (o->design);
      break;
    }
}

/* Records the state after a step; an edit after undo drops the redo states. */
static void
record_state (Oracle *o)
{
  g_autofree char *now = canonical (o->design);

  if (g_strcmp0 (now, g_ptr_array_index (o->states, o->position)) == 0)
    return; /* the edit was a no-op: the history did not move */
  g_ptr_array_set_size (o->states, o->position + 1);
  g_ptr_array_add (o->states, g_steal_pointer (&now));
  o->position++;
}

static void
check_history (Oracle *o)
{
  g_autofree char *now = NULL;
  guint steps = o->position;

  /* Undo all, checking every earlier state on the way. */
  for (guint i = steps; i > 0; i--)
    {
      g_autofree char *state = NULL;

      g_assert_true (vpc_design_undo (o->design));
      state = canonical (o->design);
      g_assert_cmpstr (state, ==, g_ptr_array_index (o->states, i - 1));
    }
  g_assert_false (vpc_design_get_can_undo (o->design));

  /* Redo all the way to the newest state, then back to where we were. */
  for (guint i = 1; i < o->states->len; i++)
    {
      g_autofree char *state = NULL;

      g_assert_true (vpc_design_redo (o->design));
      state = canonical (o->design);
      g_assert_cmpstr (state, ==, g_ptr_array_index (o->states, i));
    }
  g_assert_false (vpc_design_get_can_redo (o->design));
  for (guint i = o->states->len - 1; i > steps; i--)
    g_assert_true (vpc_design_undo (o->design));
  now = canonical (o->design);
  g_assert_cmpstr (now, ==, g_ptr_array_index (o->states, steps));
}

static void
run_sequence (guint32 seed)
{
  Oracle o = { 0 };
  g_autofree char *saved = NULL;

  o.rand = g_rand_new_with_seed (seed);
  o.design = vpc_design_new ();
  o.states = g_ptr_array_new_with_free_func (g_free);
  g_ptr_array_add (o.states, canonical (o.design));
  vpc_design_mark_saved (o.design);
  saved = canonical (o.design);

  for (guint step = 0; step < N_STEPS; step++)
    {
      int what = g_rand_int_range (o.rand, 0, 10);

      if (what == 0 && vpc_design_get_can_undo (o.design))
        {
          vpc_design_undo (o.design);
          o.position--;
        }
      else if (what == 1 && vpc_design_get_can_redo (o.design))
        {
          vpc_design_redo (o.design);
          o.position++;
        }
      else
        {
          edit_random (&o);
          record_state (&o);
        }

      if (g_rand_int_range (o.rand, 0, 20) == 0)
        {
          vpc_design_mark_saved (o.design);
          g_free (saved);
          saved = canonical (o.design);
        }
      /* Clean means the saved bytes, exactly. */
      if (!vpc_design_get_modified (o.design))
        {
          g_autofree char *now = canonical (o.design);
          g_assert_cmpstr (now, ==, saved);
        }
      check_history (&o);
    }

  g_ptr_array_unref (o.states);
  g_object_unref (o.design);
  g_rand_free (o.rand);
}

static void
test_random_sequences (void)
{
  for (guint32 seed = 1; seed <= N_SEQUENCES; seed++)
    run_sequence (seed);
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/model/undo/random-sequences", test_random_sequences);
  return g_test_run ();
}
