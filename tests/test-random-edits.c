/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-random-edits.c: the invariant guard under 100,000 random edits.
 *
 * Edits go through the entry points the editor uses: the inspector's
 * setters for every field (copy an element, change one field,
 * vpc_design_replace_element; vpc_design_set_info for the top level), alone
 * and for several selected elements as one step, with the inspector's
 * preview (vpc_design_check_replace) asked first; quick fixes; copy, cut,
 * paste and duplicate; delete; rename; palette drops; the canvas's gestures
 * (drag, resize, connect, disconnect) with the drop verdict they show;
 * the containment operations; scripted model calls; nested transactions
 * with rollbacks; undo and redo. Values are valid and invalid alike. After
 * every edit:
 * - refused or nothing to do (no undo step): the canonical bytes and the
 *   history are as before, and a refusal says why in readable text;
 * - accepted (one undo step): the invariants hold, the layout agrees with
 *   containment, and the design saves and loads back to the same bytes;
 * and at the end of each sequence undo-all and redo-all pass through every
 * state exactly. Seeded: VPC_PROPERTY_SEED replays a run, VPC_PROPERTY_EDITS
 * changes the number of edits (default 100,000).
 */
#include <math.h>
#include <string.h>

#include "vpc-clipboard.h"
#include "vpc-containment.h"
#include "vpc-design.h"
#include "vpc-edit-check.h"
#include "vpc-file.h"
#include "vpc-invariants.h"
#include "vpc-layout.h"
#include "vpc-quick-fix.h"
#include "vpc-editing.h"
#include "vpc-validator.h"

#define SEQUENCE_LENGTH 40
#define DEFAULT_EDITS   100000
/* After each of the first edits and history steps, the live findings are
 * compared with a full run (a full run per edit for all of them took too
 * long under the sanitizers). */
#define CHECKED_FINDINGS 4000

typedef struct
{
  gboolean    can_undo, can_redo;
  const char *undo_label, *redo_label;
} History;

typedef struct
{
  GRand        *rand;
  guint32       seed;
  guint         edit; /* number of the edit, for messages */
  VpcDesign    *design;
  VpcValidator *validator; /* deferred, as the window's */
  guint         findings_checked;
  GPtrArray    *states; /* canonical bytes after each undo step, [0] = start */
  guint         position;
  guint         accepted, refused, undone, n_unplaced;
  guint         entry; /* which entry point the last edit used */
  gboolean      skipped; /* it found nothing to do */
  gboolean      nested;  /* inside edit_transaction(): the commit judges, previews do not apply */
  gboolean      unplaced; /* the design holds an element without a layout */
  gboolean      may_unplace; /* the edit added one (scripted, or pasted from such a state) */
  gboolean      clipboard_unplaced;
  gboolean      trace; /* VPC_PROPERTY_TRACE: list the edits on stderr */
  char         *reason;  /* its own reason for a refusal */
  char         *refusal; /* the last "edit-refused" message */
  VpcClipboard *clipboard; /* one for the process, as the canvas has */
  guint         stats[32][3]; /* per entry point: accepted, refused, nothing to do */
} Run;

static const char *entry_name (guint entry);

#define FAIL(run, ...)                                                                        \
  g_error ("seed %u, edit %u (%s): %s (replay with VPC_PROPERTY_SEED=%u)", (run)->seed,        \
           (run)->edit, entry_name ((run)->entry), g_strdup_printf (__VA_ARGS__), (run)->seed)
#define CHECK(run, cond, what)                                    \
  G_STMT_START {                                                  \
    if (!(cond))                                                  \
      FAIL ((run), "%s (%s)", (what), #cond);                     \
  } G_STMT_END

/* Where two canonical texts first differ: a few lines of each. */
static char *
difference (const char *a,
            const char *b)
{
  gsize line_start = 0, i = 0;
  g_autofree char *from_a = NULL;
  g_autofree char *from_b = NULL;

  for (; a[i] != '\0' && a[i] == b[i]; i++)
    if (a[i] == '\n')
      line_start = i + 1;
  from_a = g_strndup (a + line_start, 600);
  from_b = g_strndup (b + line_start, 600);
  return g_strdup_printf ("at byte %" G_GSIZE_FORMAT ", expected:\n%s\n--- but found:\n%s",
                          line_start, from_a, from_b);
}

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

static gboolean
skip (Run *run)
{
  run->skipped = TRUE;
  return FALSE;
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
 * nothing at all (or not even valid text). */
static const char *
random_ref (Run    *run,
            VpcKind kind)
{
  static const char *const missing[] = {
    "missing", "az-9", "sn-9", "sg-9", "self", "prefix-list:s3", "", "sg-\xff",
  };
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
    0, -0.0, 1, 24, 72, 400, 1e-300, 0.5, -1, 1e7, 1e7 + 1, -1e7, 2e7, 1e8, 1e12, 1e13, -1e-300,
  };
  double value = numbers[pick (run, G_N_ELEMENTS (numbers))];

  if (pick (run, 8) == 0)
    return pick (run, 3) == 0 ? -INFINITY : pick (run, 2) ? NAN : INFINITY;
  return coin (run) ? value : value + g_rand_double_range (run->rand, 0, 500);
}

/* Text for a name or a description: ordinary, empty, none, long, Unicode,
 * a noncharacter, terminal escapes, or not UTF-8 at all. */
static char *
random_text (Run *run)
{
  static const char *const texts[] = {
    "Private A", "", "Ünïcødé ☃", "\xef\xb7\x90", "bad \xff", "\x1b]0;owned\x07\x1b[2J",
    "tab\there", "\xed\xa0\x80", "a\xc3",
  };

  switch (pick (run, 12))
    {
    case 0: return NULL;
    case 1: return g_strnfill (300 + (gsize) pick (run, 5000), 'n');
    default: return g_strdup (PICK (run, texts));
    }
}

static void
random_id_list (Run       *run,
                GPtrArray *list,
                VpcKind    kind)
{
  switch (pick (run, 5))
    {
    case 0:
    case 1:
      g_ptr_array_add (list, g_strdup (random_ref (run, kind)));
      break;
    case 2:
      if (list->len > 0)
        g_ptr_array_remove_index (list, (guint) pick (run, (int) list->len));
      break;
    case 3:
      /* The same id twice. */
      if (list->len > 0)
        g_ptr_array_add (list,
                         g_strdup (g_ptr_array_index (list, (guint) pick (run, (int) list->len))));
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
    "self", "0.0.0.0/0", "10.0.0.0/16", "10.0.0.5/16", "prefix-list:s3", "prefix-list:dynamodb",
    "prefix-list:nope", "1.2.3.4/33", "", "::/0", "10.0.0.0/16\xff",
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
  static const char *const cidrs[] = {
    "10.0.9.0/24", "10.0.1.0/24", "10.1.0.0/16", "10.0.1.5/24", "300.0.0.0/8", "10.0.0.0/33", "",
    "10.0.200.0/28", "10.0.9.0/24\xff", "0.0.0.0/0",
  };
  static const char *const services[] = {
    "s3", "dynamodb", "logs", "sts", "ecr.api", "ecr.dkr", "sagemaker.api", "BAD", "", "s3\xff",
  };
  int field = pick (run, 8);

  if (field == 0)
    {
      g_free (e->name);
      e->name = random_text (run);
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
        case 4:
          e->instance_count = coin (run) ? pick (run, 5) - 1 : 9999 + pick (run, 3);
          break;
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

/* The inspector: its preview (a copy of the design judges) says what the
 * edit will do, then the edit. */
static gboolean
replace_as_inspector (Run        *run,
                      VpcElement *copy)
{
  gboolean verdict = TRUE, done;
  gboolean asked = pick (run, 4) == 0;

  if (asked)
    verdict = vpc_design_check_replace (run->design, "Change", copy, NULL);
  done = vpc_design_replace_element (run->design, copy);
  CHECK (run, !asked || run->nested || verdict == done,
         "the inspector's preview disagrees with the edit");
  return done;
}

static gboolean
edit_field (Run *run)
{
  const VpcElement *e = random_element (run, -1);
  VpcElement *copy;

  if (e == NULL)
    return skip (run);
  copy = vpc_element_copy (e);
  mutate_element (run, copy);
  return replace_as_inspector (run, copy);
}

/* Issue 9's path: a subnet moved, in the inspector, to the AZ of a sibling
 * subnet that holds another network interface of the same endpoint. */
static gboolean
edit_sibling_az (Run *run)
{
  const VpcElement *endpoint = random_element (run, VPC_KIND_ENDPOINT);
  const VpcElement *a, *b;
  VpcElement *copy;

  if (endpoint == NULL || endpoint->subnets->len < 2)
    return skip (run);
  a = vpc_design_lookup (run->design, g_ptr_array_index (endpoint->subnets, 0));
  b = vpc_design_lookup (run->design, g_ptr_array_index (endpoint->subnets, 1));
  if (a == NULL || b == NULL)
    return skip (run);
  copy = vpc_element_copy (coin (run) ? a : b);
  g_free (copy->az);
  copy->az = g_strdup (strcmp (copy->id, a->id) == 0 ? b->az : a->az);
  return replace_as_inspector (run, copy);
}

typedef struct
{
  Run      *run;
  GStrv     ids;
  guint32   seed;
} MultiEdit;

/* The same field change on every element of @data, as the multi-selection
 * inspector makes it: the same random choices for each. */
static gboolean
apply_multi (VpcDesign *design,
             gpointer   data,
             char     **reason)
{
  MultiEdit *multi = data;
  Run *run = multi->run;
  GRand *saved = run->rand;
  VpcDesign *saved_design = run->design;
  gboolean ok = TRUE;

  run->design = design;
  for (guint i = 0; ok && multi->ids[i] != NULL; i++)
    {
      const VpcElement *e = vpc_design_lookup (design, multi->ids[i]);
      VpcElement *copy;

      if (e == NULL)
        continue;
      run->rand = g_rand_new_with_seed (multi->seed);
      copy = vpc_element_copy (e);
      mutate_element (run, copy);
      g_rand_free (run->rand);
      ok = vpc_design_replace_element (design, copy);
    }
  run->rand = saved;
  run->design = saved_design;
  return ok;
}

static gboolean
edit_multi (Run *run)
{
  VpcKind kind = (VpcKind) pick (run, VPC_N_KINDS);
  guint n = vpc_design_get_n_elements (run->design, kind);
  g_autoptr(GPtrArray) ids = g_ptr_array_new_with_free_func (g_free);
  MultiEdit multi = { run, NULL, g_rand_int (run->rand) };
  gboolean verdict, done;

  if (n < 2)
    return skip (run);
  for (guint i = 0; i < n && ids->len < 4; i++)
    if (coin (run))
      g_ptr_array_add (ids, g_strdup (vpc_design_get_element (run->design, kind, i)->id));
  if (ids->len < 2)
    return skip (run);
  g_ptr_array_add (ids, NULL);
  multi.ids = (GStrv) ids->pdata;
  verdict = vpc_design_check_edit (run->design, "Change several", apply_multi, &multi, NULL);
  vpc_design_begin (run->design, "Change several");
  if (!apply_multi (run->design, &multi, NULL))
    {
      vpc_design_rollback (run->design);
      done = FALSE;
    }
  else
    done = vpc_design_commit (run->design);
  CHECK (run, run->nested || verdict == done,
         "the multi-selection preview disagrees with the edit");
  return done;
}

static gboolean
edit_info (Run *run)
{
  static const char *const regions[] = { "us-east-1", "eu-west-1", "mars-1", "US", "", "eu\xff" };
  static const char *const cidrs[] = {
    "10.0.0.0/16", "10.0.0.0/8", "10.0.0.1/16", "x", "10.0.0.0/16\xff", "172.16.0.0/12",
  };
  VpcDesignInfo *info = vpc_design_info_copy (vpc_design_get_info (run->design));
  gboolean verdict = TRUE, done, asked = pick (run, 4) == 0;
  char *text;

  switch (pick (run, 14))
    {
    case 0: g_free (info->region); info->region = g_strdup (PICK (run, regions)); break;
    case 1: info->environment = (VpcEnvironment) pick (run, 3); break;
    case 2: info->profile = (VpcProfile) pick (run, 3); break;
    case 3: g_free (info->vpc_cidr); info->vpc_cidr = g_strdup (PICK (run, cidrs)); break;
    case 4:
    case 5:
    case 6:
      /* The inspector's entries give text, never none. */
      text = random_text (run);
      text = text != NULL ? text : g_strdup ("");
      if (pick (run, 3) == 0)
        g_free (g_steal_pointer (&info->name)), info->name = text;
      else if (coin (run))
        g_free (g_steal_pointer (&info->description)), info->description = text;
      else
        g_free (g_steal_pointer (&info->vpc_name)), info->vpc_name = text;
      break;
    case 7: info->dns_support = !info->dns_support; break;
    case 8: info->dns_hostnames = !info->dns_hostnames; break;
    case 9: info->has_vpc_layout = TRUE; info->vpc_layout.x = random_number (run); break;
    case 10: info->has_vpc_layout = TRUE; info->vpc_layout.y = random_number (run); break;
    case 11: info->has_vpc_layout = TRUE; info->vpc_layout.w = random_number (run); break;
    default: info->has_vpc_layout = TRUE; info->vpc_layout.h = random_number (run);
    }
  if (asked)
    verdict = vpc_design_check_set_info (run->design, "Change design properties", info, NULL);
  done = vpc_design_set_info (run->design, info);
  CHECK (run, !asked || run->nested || verdict == done,
         "the design inspector's preview disagrees with the edit");
  return done;
}

static gboolean
edit_quick_fix (Run *run)
{
  g_autoptr (GPtrArray) findings
      = vpc_validate (run->design, vpc_design_get_info (run->design)->profile);
  g_autoptr(GPtrArray) fixable = g_ptr_array_new ();

  for (guint i = 0; i < findings->len; i++)
    if (vpc_quick_fix_available (g_ptr_array_index (findings, i), run->design))
      g_ptr_array_add (fixable, g_ptr_array_index (findings, i));
  if (fixable->len == 0)
    return skip (run);
  return vpc_quick_fix_apply (g_ptr_array_index (fixable, (guint) pick (run, (int) fixable->len)),
                              run->design);
}

static gboolean has_unplaced (VpcDesign *design);

/* A selection of one to three elements, sometimes with the VPC box. */
static GHashTable *
random_selection (Run *run)
{
  GHashTable *selection = vpc_selection_new ();

  for (int n = 1 + pick (run, 3); n > 0; n--)
    {
      const VpcElement *e = random_element (run, -1);

      if (e != NULL)
        g_hash_table_add (selection, g_strdup (e->id));
    }
  if (pick (run, 8) == 0)
    g_hash_table_add (selection, g_strdup (VPC_CONTAINMENT_VPC_ID));
  return selection;
}

static gboolean
paste_from (Run          *run,
            VpcClipboard *clipboard,
            double        shift)
{
  g_auto(GStrv) ids = vpc_clipboard_paste (clipboard, run->design, shift, shift, &run->reason);

  return ids != NULL && ids[0] != NULL;
}

/* The canvas's Delete: nothing to do when only the VPC box is selected. */
static gboolean
delete_selection (Run        *run,
                  GHashTable *selection)
{
  g_auto(GStrv) ids = vpc_editing_selected_ids (run->design, selection);

  if (ids[0] == NULL)
    return skip (run);
  return vpc_editing_delete_selection (run->design, selection) > 0;
}

/* Copy, cut, paste (from a clipboard that may come from an earlier state
 * or another design) and duplicate, as the canvas's actions do. */
static gboolean
edit_clipboard (Run *run)
{
  g_autoptr(GHashTable) selection = random_selection (run);
  g_autoptr(VpcClipboard) copy = NULL;

  switch (pick (run, 4))
    {
    case 0: /* copy, paste */
      g_clear_pointer (&run->clipboard, vpc_clipboard_free);
      run->clipboard = vpc_clipboard_copy (run->design, selection);
      run->clipboard_unplaced = has_unplaced (run->design);
      run->may_unplace |= run->clipboard_unplaced;
      return paste_from (run, run->clipboard, 32 * pick (run, 4));
    case 1: /* paste what was copied before */
      if (run->clipboard == NULL)
        return skip (run);
      run->may_unplace |= run->clipboard_unplaced;
      return paste_from (run, run->clipboard, 32 * (1 + pick (run, 3)));
    case 2: /* cut */
      g_clear_pointer (&run->clipboard, vpc_clipboard_free);
      run->clipboard = vpc_clipboard_copy (run->design, selection);
      run->clipboard_unplaced = has_unplaced (run->design);
      return delete_selection (run, selection);
    default: /* duplicate */
      copy = vpc_clipboard_copy (run->design, selection);
      run->may_unplace |= has_unplaced (run->design);
      return paste_from (run, copy, 32);
    }
}

static gboolean
edit_delete (Run *run)
{
  const char *ids[2];
  guint n = 0;
  g_autoptr(GHashTable) selection = NULL;

  if (coin (run))
    {
      selection = random_selection (run);
      return delete_selection (run, selection);
    }
  for (int i = 1 + pick (run, 2); i > 0; i--)
    {
      const VpcElement *e = random_element (run, -1);

      if (e != NULL)
        ids[n++] = e->id;
    }
  if (n == 0)
    return skip (run);
  return vpc_design_delete (run->design, ids, n);
}

static gboolean
edit_rename (Run *run)
{
  static const char *const ids[] = {
    "renamed", "self", "prefix-list:s3", "", "a b", "sg-1", "az-1", "x\xff",
    "a123456789012345678901234567890123456789012345678901234567890123",
    "a1234567890123456789012345678901234567890123456789012345678901234",
  };
  const VpcElement *e = random_element (run, -1);
  g_autofree char *old_id = NULL;
  g_autofree char *new_id = NULL;
  g_autoptr(GError) error = NULL;
  gboolean done;

  if (e == NULL)
    return skip (run);
  old_id = g_strdup (e->id);
  switch (pick (run, 4))
    {
    case 0: new_id = g_strdup_printf ("id-%u", run->edit); break;
    case 1: new_id = g_strdup (random_element (run, -1)->id); break;
    default: new_id = g_strdup (PICK (run, ids));
    }
  done = vpc_design_rename (run->design, old_id, new_id, &error);
  CHECK (run, done == (error == NULL),
         "a rename says it failed without saying why, or the reverse");
  if (error != NULL)
    run->reason = g_strdup (error->message);
  return done;
}

static const char *const palette[] = {
  "az", "subnet:private", "subnet:nat", "subnet:public", "nat", "sg", "endpoint:s3",
  "endpoint:dynamodb", "endpoint:logs", "endpoint:ecr.api", "endpoint:sagemaker.runtime",
  "workload:training_job", "workload:processing_job", "workload:batch_transform",
  "workload:realtime_endpoint", "workload:notebook_instance", "workload:studio_domain",
  "workload:client",
};

/* A point: inside a random box (the VPC, an AZ, a subnet) or anywhere near
 * the VPC. */
static void
random_point (Run    *run,
              double *x,
              double *y)
{
  VpcRect r = vpc_containment_vpc_rect (run->design);
  const VpcElement *box = random_element (run, coin (run) ? VPC_KIND_SUBNET : VPC_KIND_AZ);

  if (box != NULL && pick (run, 3) > 0)
    r = vpc_element_rect (box);
  *x = r.x + g_rand_double_range (run->rand, -0.2, 1.2) * r.w;
  *y = r.y + g_rand_double_range (run->rand, -0.2, 1.2) * r.h;
}

/* A palette item dropped on the canvas: where the drop lands, whether the
 * canvas would accept it (its highlight), then the drop. */
static gboolean
edit_drop (Run *run)
{
  static const double grids[] = { 0, 8, 24 };
  const char *item = PICK (run, palette);
  g_autofree char *placed = NULL;
  gboolean verdict;
  double x, y, px, py;

  random_point (run, &x, &y);
  vpc_containment_drop_point (run->design, item, x, y, grids[pick (run, 3)], &px, &py);
  verdict = vpc_containment_check_place (run->design, item, px, py, NULL);
  placed = vpc_containment_place (run->design, item, px, py, &run->reason);
  CHECK (run, run->nested || verdict == (placed != NULL),
         "the drop highlight disagrees with the drop");
  return placed != NULL;
}

/* The containment operations, called the way the canvas's tools call them
 * (each alone is one step). */
static gboolean
edit_containment (Run *run)
{
  const VpcElement *from = random_element (run, pick (run, 3) == 0 ? VPC_KIND_ENDPOINT
                                                : coin (run)       ? VPC_KIND_WORKLOAD
                                                                   : VPC_KIND_NAT_GATEWAY);
  const VpcElement *subnet = random_element (run, VPC_KIND_SUBNET);
  const VpcElement *e = random_element (run, -1);
  const char *old_subnet;

  switch (pick (run, 5))
    {
    case 0:
      if (from == NULL || subnet == NULL)
        return skip (run);
      return vpc_containment_connect (run->design, from->id,
                                      coin (run) ? subnet->id : random_ref (run, VPC_KIND_SUBNET),
                                      &run->reason);
    case 1:
      from = random_element (run, VPC_KIND_ENDPOINT);
      if (from == NULL || subnet == NULL)
        return skip (run);
      return vpc_containment_add_interface (run->design, from->id, subnet->id,
                                            from->subnets->len > 0 && coin (run)
                                            ? g_ptr_array_index (from->subnets, 0) : NULL,
                                            &run->reason);
    case 2:
      /* Disconnect (the tool's "Delete" on a selected connection). */
      if (from == NULL || from->subnets == NULL || from->subnets->len == 0)
        return skip (run);
      vpc_design_begin (run->design, "Disconnect");
      vpc_containment_disconnect (
          run->design, from->id,
          g_ptr_array_index (from->subnets, (guint) pick (run, (int) from->subnets->len)));
      return vpc_design_commit (run->design);
    case 3:
      /* After a move: the tools settle inside their "Move" step. */
      if (e == NULL)
        return skip (run);
      old_subnet = subnet != NULL && coin (run) ? subnet->id : NULL;
      vpc_design_begin (run->design, "Move");
      if (!vpc_containment_settle (run->design, e->id, old_subnet, &run->reason))
        {
          vpc_design_rollback (run->design);
          return FALSE;
        }
      return vpc_containment_commit (run->design, &run->reason);
    default:
      if (e == NULL)
        return skip (run);
      vpc_design_begin (run->design, "Resize");
      vpc_containment_grow_parents (run->design, e->id);
      return vpc_containment_commit (run->design, &run->reason);
    }
}

/* The pointer gestures, through the tool's state machine. Where the canvas
 * shows a verdict (the highlight under a drag or a connection line), it
 * must be what the release does. */
static gboolean
edit_gesture (Run *run)
{
  g_autoptr(GHashTable) selection = vpc_selection_new ();
  VpcGesture *tool = vpc_gesture_new (run->design, selection);
  const VpcElement *e = random_element (run, -1);
  gboolean verdict = TRUE, judged = FALSE, done;
  double x = 0, y = 0, tx = 0, ty = 0;
  VpcRect r;

  vpc_gesture_set_grid (tool, coin (run) ? 0 : 8);
  switch (pick (run, 4))
    {
    case 0: /* drag what lies under a point of an element (or the VPC box) */
      if (!vpc_editing_get_rect (run->design,
                               e != NULL && pick (run, 6) > 0 ? e->id : VPC_CONTAINMENT_VPC_ID, &r))
        break;
      x = r.x + r.w / 2;
      y = r.y + MIN (r.h / 2, 10);
      if (coin (run))
        random_point (run, &tx, &ty);
      else
        tx = x + g_rand_double_range (run->rand, -200, 200),
        ty = y + g_rand_double_range (run->rand, -200, 200);
      vpc_gesture_press (tool, x, y, coin (run) ? 0 : VPC_MODIFIER_SHIFT, 1.0);
      vpc_gesture_motion (tool, (x + tx) / 2, (y + ty) / 2, 0);
      vpc_gesture_get_drop_verdict (tool, NULL); /* the canvas asks at every motion */
      vpc_gesture_motion (tool, tx, ty, 0);
      judged = vpc_gesture_get_mode (tool) == VPC_GESTURE_MOVE && vpc_gesture_get_drop_target (tool) != NULL;
      verdict = vpc_gesture_get_drop_verdict (tool, NULL);
      break;
    case 1: /* resize a selected box by one of its handles */
      e = random_element (run, coin (run) ? VPC_KIND_AZ : VPC_KIND_SUBNET);
      vpc_selection_set_one (selection,
                             e != NULL && pick (run, 4) > 0 ? e->id : VPC_CONTAINMENT_VPC_ID);
      if (!vpc_editing_get_rect (run->design, e != NULL ? e->id : VPC_CONTAINMENT_VPC_ID, &r))
        break;
      vpc_editing_handle_point (&r, (VpcHandle) pick (run, VPC_N_HANDLES), &x, &y);
      tx = x + g_rand_double_range (run->rand, -300, 300);
      ty = y + g_rand_double_range (run->rand, -300, 300);
      vpc_gesture_press (tool, x, y, 0, 1.0);
      vpc_gesture_motion (tool, tx, ty, 0);
      break;
    case 2: /* connect (the context menu arms it) */
      e = random_element (run, coin (run)      ? VPC_KIND_WORKLOAD
                               : pick (run, 3) ? VPC_KIND_ENDPOINT
                                               : VPC_KIND_NAT_GATEWAY);
      if (e == NULL)
        break;
      vpc_gesture_arm_connect (tool, e->id);
      random_point (run, &tx, &ty);
      vpc_gesture_press (tool, tx, ty, 0, 1.0);
      judged = vpc_gesture_get_drop_target (tool) != NULL;
      verdict = vpc_gesture_get_drop_verdict (tool, NULL);
      break;
    default: /* select a connection line and delete it */
      e = random_element (run, VPC_KIND_WORKLOAD);
      if (e == NULL || e->subnets->len == 0
          || !vpc_editing_connection_line (run->design, e, g_ptr_array_index (e->subnets, 0), &x, &y,
                                         &tx, &ty))
        break;
      tx = (x + tx) / 2;
      ty = (y + ty) / 2;
      vpc_gesture_press (tool, tx, ty, 0, 1.0);
      vpc_gesture_release (tool, tx, ty, 0, NULL);
      if (!vpc_gesture_get_selected_connection (tool, NULL, NULL)
          && g_hash_table_size (selection) == 0)
        {
          vpc_gesture_free (tool);
          return skip (run);
        }
      done = vpc_gesture_delete (tool);
      vpc_gesture_free (tool);
      return done;
    }
  if (vpc_gesture_get_mode (tool) == VPC_GESTURE_IDLE)
    {
      vpc_gesture_free (tool);
      return skip (run);
    }
  done = vpc_gesture_release (tool, tx, ty, 0, &run->reason);
  vpc_gesture_free (tool);
  CHECK (run, !judged || run->nested || verdict == done,
         verdict ? "the canvas promised a drop that was refused"
                 : "the canvas refused a drop that was done");
  return done;
}

static gboolean
edit_nudge (Run *run)
{
  static const double steps[] = { 1, -1, 8, -8, 24, 120, -400, 5e6, -2e7 };
  g_autoptr(GHashTable) selection = random_selection (run);
  double d = steps[pick (run, G_N_ELEMENTS (steps))];

  if (coin (run))
    return vpc_editing_move_selection (run->design, selection, d, 0, &run->reason);
  return vpc_editing_move_selection (run->design, selection, 0, d, &run->reason);
}

/* Scripted model calls: an element added whole (maybe with an id in use, a
 * dangling reference, or no layout yet) or removed alone. */
static gboolean
edit_scripted (Run *run)
{
  VpcKind kind = (VpcKind) pick (run, VPC_N_KINDS);
  const VpcElement *e = random_element (run, -1);
  g_autofree char *id = NULL;
  VpcElement *added;
  VpcRect vpc;

  if (pick (run, 3) == 0)
    {
      if (e == NULL)
        return skip (run);
      return vpc_design_remove_element (run->design, e->id);
    }
  id = e != NULL && pick (run, 5) == 0 ? g_strdup (e->id) : vpc_design_make_id (run->design, "new");
  added = vpc_element_new (kind, id);
  switch (kind)
    {
    case VPC_KIND_SUBNET:
      added->az = g_strdup (random_ref (run, VPC_KIND_AZ));
      added->cidr
          = coin (run) ? vpc_containment_free_cidr (run->design, 24) : g_strdup ("10.0.1.0/24");
      if (added->cidr == NULL)
        added->cidr = g_strdup ("10.9.0.0/24");
      break;
    case VPC_KIND_NAT_GATEWAY:
      added->subnet = g_strdup (random_ref (run, VPC_KIND_SUBNET));
      break;
    case VPC_KIND_ENDPOINT:
      added->service = g_strdup (coin (run) ? "logs" : "s3");
      added->endpoint_type = vpc_endpoint_default_type (added->service);
      break;
    case VPC_KIND_WORKLOAD:
      if (coin (run))
        vpc_id_list_add (added->subnets, random_ref (run, VPC_KIND_SUBNET));
      break;
    case VPC_KIND_AZ:
    case VPC_KIND_SECURITY_GROUP:
    case VPC_N_KINDS:
    default:
      break;
    }
  run->may_unplace = TRUE;
  if (pick (run, 4) > 0)
    {
      vpc = vpc_containment_vpc_rect (run->design);
      added->has_layout = TRUE;
      vpc_layout_natural_size (kind, &added->layout.w, &added->layout.h);
      added->layout.x = vpc.x + g_rand_double_range (run->rand, 0, vpc.w);
      added->layout.y = vpc.y + g_rand_double_range (run->rand, 0, vpc.h);
    }
  return vpc_design_add_element (run->design, added, pick (run, 3) - 1);
}

typedef gboolean (*EditFunc) (Run *run);
static gboolean edit_transaction (Run *run);

typedef struct
{
  const char *name;
  EditFunc    func;
  guint       weight;
  gboolean nests; /* also inside a transaction (where the design may be invalid until the commit) */
  gboolean    refusable; /* with the suite's count, some edit is refused */
} Entry;

/* The quick fixes judge findings, which exist only for valid designs. A
 * subnet moved to a sibling interface's AZ is carried out (issue 9);
 * deletes take what depends on the deleted; quick fixes make valid edits. */
static const Entry entries[] = {
  { "inspector", edit_field, 10, TRUE, TRUE },
  { "inspector, sibling AZ", edit_sibling_az, 1, TRUE, FALSE },
  { "inspector, several", edit_multi, 2, TRUE, TRUE },
  { "design inspector", edit_info, 2, TRUE, TRUE },
  { "quick fix", edit_quick_fix, 2, FALSE, FALSE },
  { "clipboard", edit_clipboard, 2, TRUE, TRUE },
  { "delete", edit_delete, 1, TRUE, FALSE },
  { "rename", edit_rename, 2, TRUE, TRUE },
  { "palette drop", edit_drop, 2, TRUE, TRUE },
  { "containment", edit_containment, 3, TRUE, TRUE },
  { "gesture", edit_gesture, 3, TRUE, TRUE },
  { "nudge", edit_nudge, 1, TRUE, TRUE },
  { "scripted", edit_scripted, 1, TRUE, TRUE },
  { "transaction", edit_transaction, 2, FALSE, TRUE },
};
#define TRANSACTION_ENTRY (G_N_ELEMENTS (entries) - 1)

static const char *
entry_name (guint entry)
{
  return entry < G_N_ELEMENTS (entries) ? entries[entry].name : "undo/redo";
}

static guint
pick_entry (Run     *run,
            gboolean nested)
{
  guint total = 0, roll;

  for (guint i = 0; i < G_N_ELEMENTS (entries); i++)
    total += !nested || entries[i].nests ? entries[i].weight : 0;
  roll = (guint) pick (run, (int) total);
  for (guint i = 0; i < G_N_ELEMENTS (entries); i++)
    {
      guint weight = !nested || entries[i].nests ? entries[i].weight : 0;

      if (roll < weight)
        return i;
      roll -= weight;
    }
  g_assert_not_reached ();
}

/* Several edits through any entry point as one step, judged at the commit;
 * sometimes a nested level, and sometimes a nested level rolled back (which
 * reverts everything recorded so far, vpc_design_rollback()). */
static gboolean
edit_transaction (Run *run)
{
  run->nested = TRUE;
  vpc_design_begin (run->design, "Several changes");
  for (int n = 2 + pick (run, 3); n > 0; n--)
    {
      gboolean nested = pick (run, 4) == 0;

      if (nested)
        vpc_design_begin (run->design, "Nested");
      entries[pick_entry (run, TRUE)].func (run);
      g_clear_pointer (&run->reason, g_free);
      if (nested && pick (run, 3) == 0)
        vpc_design_rollback (run->design);
      else if (nested)
        vpc_design_commit (run->design);
    }
  run->skipped = FALSE;
  run->nested = FALSE;
  return vpc_design_commit (run->design);
}

static char *
canonical (VpcDesign *design)
{
  return vpc_file_serialize (design, NULL);
}

static gboolean
has_unplaced (VpcDesign *design)
{
  if (!vpc_design_get_info (design)->has_vpc_layout)
    return TRUE;
  for (guint k = 0; k < VPC_N_KINDS; k++)
    for (guint i = 0; i < vpc_design_get_n_elements (design, k); i++)
      if (!vpc_design_get_element (design, k, i)->has_layout)
        return TRUE;
  return FALSE;
}

static char *
reload (Run        *run,
        const char *text)
{
  g_autoptr(GBytes) bytes = g_bytes_new_static (text, strlen (text));
  g_autoptr(GError) error = NULL;
  g_autoptr(VpcDesign) again = vpc_file_load_bytes (bytes, NULL, &error);

  if (again == NULL)
    FAIL (run, "the saved design does not load: %s\n%s", error->message, text);
  return canonical (again);
}

/* Saving and loading back gives the same bytes. A design holding elements
 * without a layout yet (only scripted calls make one) is laid out by the
 * loader: then the second round trip must be stable. */
static void
check_round_trip (Run        *run,
                  const char *text)
{
  g_autofree char *once = reload (run, text);
  g_autofree char *twice = NULL;

  if (strcmp (text, once) == 0)
    return;
  if (!run->unplaced)
    FAIL (run, "save, load, save changed the bytes %s", difference (text, once));
  if (run->n_unplaced++ == 0)
    g_test_message ("seed %u, edit %u (%s): the design holds elements without a layout, "
                    "which the loader lays out", run->seed, run->edit, entry_name (run->entry));
  twice = reload (run, once);
  if (strcmp (once, twice) != 0)
    FAIL (run, "the loader's layout does not load back equal %s", difference (once, twice));
}

static History
history_of (VpcDesign *design)
{
  return (History) {
    vpc_design_get_can_undo (design), vpc_design_get_can_redo (design),
    vpc_design_get_undo_label (design), vpc_design_get_redo_label (design),
  };
}

static void
check_message (Run        *run,
               const char *message,
               const char *what)
{
  CHECK (run, message != NULL && *message != '\0', what);
  if (!g_utf8_validate (message, -1, NULL))
    FAIL (run, "a message for a person is not valid UTF-8: %s", g_strescape (message, NULL));
}

/* The edit left a new undo step exactly when it was accepted; then the
 * design is valid and saves and loads back equal; otherwise it is
 * byte-identical and the history is untouched. */
static void
check_edit (Run           *run,
            gboolean       done,
            const char    *before,
            const History *was)
{
  History now = history_of (run->design);
  gboolean stepped = now.can_undo != was->can_undo || now.undo_label != was->undo_label;
  g_autofree char *after = canonical (run->design);
  g_autoptr(GError) error = NULL;
  guint *stats = run->stats[run->entry];
  gboolean was_unplaced;

  if (!stepped)
    {
      if (strcmp (before, after) != 0)
        FAIL (run, "%s: %s",
              done ? "an edit changed the design but left no undo step"
                   : "a refused edit changed the design",
              difference (before, after));
      CHECK (run, now.can_redo == was->can_redo && now.redo_label == was->redo_label,
             "an edit that changed nothing dropped the redo history");
      if (done || run->skipped)
        {
          stats[2]++;
          return;
        }
      /* Refused: a reason a person can read, from the design or the tool. */
      check_message (run, run->reason != NULL ? run->reason : run->refusal,
                     "a refusal without a reason");
      run->refused++;
      stats[1]++;
      return;
    }
  CHECK (run, done, "an edit reported as refused left an undo step");
  CHECK (run, !now.can_redo, "an accepted edit left a redo step");
  /* One edit, one undo step: a single undo leads to the step before. */
  CHECK (run, vpc_design_undo (run->design), "an accepted edit cannot be undone");
  CHECK (run,
         vpc_design_get_undo_label (run->design) == was->undo_label
             && vpc_design_get_can_undo (run->design) == was->can_undo,
         "an edit left more than one undo step");
  CHECK (run, vpc_design_redo (run->design), "an undone edit cannot be redone");
  CHECK (run, vpc_design_get_undo_label (run->design) == now.undo_label,
         "redo gave another step back");
  if (!vpc_invariants_check_design (run->design, VPC_INVARIANTS_PLACE_FILE, &error))
    FAIL (run, "an accepted edit broke an invariant: %s", error->message);
  CHECK (run, vpc_layout_is_contained (run->design), "the layout disagrees with containment");
  /* The editor never makes an element without a layout. */
  was_unplaced = run->unplaced;
  run->unplaced = has_unplaced (run->design);
  CHECK (run, !run->unplaced || was_unplaced || run->may_unplace,
         "an edit left an element without a layout");
  if (strcmp (before, after) == 0)
    /* Edits that undid each other within one transaction, as a user can. */
    CHECK (run, run->entry == TRANSACTION_ENTRY, "an edit that changed nothing left an undo step");
  else
    check_round_trip (run, after);
  if (run->trace)
    g_printerr ("  changed %s\n", difference (before, after));
  run->accepted++;
  stats[0]++;
  g_ptr_array_set_size (run->states, run->position + 1);
  g_ptr_array_add (run->states, g_steal_pointer (&after));
  run->position++;
}

static void
step_history (Run     *run,
              gboolean forward)
{
  g_autofree char *now = NULL;

  run->entry = G_N_ELEMENTS (entries);
  if (run->trace)
    g_printerr ("edit %u: %s\n", run->edit, forward ? "redo" : "undo");
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
  if (strcmp (now, g_ptr_array_index (run->states, run->position)) != 0)
    FAIL (run, "%s did not give state %u of the sequence back: %s", forward ? "redo" : "undo",
          run->position, difference (g_ptr_array_index (run->states, run->position), now));
  run->unplaced = has_unplaced (run->design);
  run->undone++;
}

static void
message_cb (VpcDesign  *design,
            const char *message,
            gpointer    data)
{
  Run *run = data;

  check_message (run, message, "an empty message");
  g_free (run->refusal);
  run->refusal = g_strdup (message);
}

static void
notice_cb (VpcDesign  *design,
           const char *message,
           gpointer    data)
{
  check_message (data, message, "an empty notice");
}

/* The live validator, flushed as the window's idle would, holds what a
 * full run says: renames give findings their new names without a run
 * (vpc-validator.c), and this mixes them with every other edit, undo and
 * redo. */
static void
check_findings (Run *run)
{
  GListModel *model = G_LIST_MODEL (run->validator);
  g_autoptr(GPtrArray) fresh = NULL;

  if (run->findings_checked >= CHECKED_FINDINGS)
    return;
  run->findings_checked++;
  vpc_validator_flush (run->validator);
  fresh = vpc_validate (run->design, vpc_design_get_info (run->design)->profile);
  CHECK (run, g_list_model_get_n_items (model) == fresh->len,
         "the live findings are not a full run's");
  for (guint i = 0; i < fresh->len; i++)
    {
      g_autoptr(VpcFinding) live = g_list_model_get_item (model, i);
      VpcFinding *full = g_ptr_array_index (fresh, i);

      if (!vpc_finding_equal (live, full))
        FAIL (run, "live finding %u says \"%s\" (%s), a full run \"%s\" (%s)", i,
              vpc_finding_get_message (live), vpc_finding_get_rule_id (live),
              vpc_finding_get_message (full), vpc_finding_get_rule_id (full));
    }
}

static void
run_sequence (Run       *run,
              VpcDesign *start,
              guint      n_edits)
{
  run->design = vpc_design_duplicate (start);
  run->validator = vpc_validator_new (run->design);
  vpc_validator_set_deferred (run->validator, TRUE);
  g_signal_connect (run->design, "edit-refused", G_CALLBACK (message_cb), run);
  g_signal_connect (run->design, "edit-notice", G_CALLBACK (notice_cb), run);
  g_ptr_array_set_size (run->states, 0);
  g_ptr_array_add (run->states, canonical (run->design));
  run->position = 0;
  run->unplaced = has_unplaced (run->design);

  for (guint i = 0; i < n_edits; i++, run->edit++)
    {
      History was;
      int roll = pick (run, 20);
      gboolean done;

      if (roll == 0 || roll == 1)
        {
          step_history (run, roll == 1);
          check_findings (run);
          continue;
        }
      was = history_of (run->design);
      run->entry = pick_entry (run, FALSE);
      run->skipped = FALSE;
      run->may_unplace = FALSE;
      g_clear_pointer (&run->reason, g_free);
      g_clear_pointer (&run->refusal, g_free);
      done = entries[run->entry].func (run);
      if (run->trace)
        g_printerr ("edit %u: %s %s, at state %u (%s)\n", run->edit, entries[run->entry].name,
                    done ? "done" : "not done", run->position,
                    vpc_design_get_undo_label (run->design));
      /* The bytes of the current state are known: the test checks every
       * state it records against the design. */
      check_edit (run, done, g_ptr_array_index (run->states, run->position), &was);
      check_findings (run);
    }

  /* Undo everything, then redo everything, state by state. */
  while (run->position > 0)
    step_history (run, FALSE);
  CHECK (run, !vpc_design_get_can_undo (run->design), "undo-all left a step");
  CHECK (run, !vpc_design_get_modified (run->design),
         "undo-all does not give the saved state back");
  while (run->position + 1 < run->states->len)
    step_history (run, TRUE);
  CHECK (run, !vpc_design_get_can_redo (run->design), "redo-all left a step");
  check_findings (run);
  g_clear_object (&run->validator);
  g_clear_object (&run->design);
}

static GPtrArray *
load_seeds (void)
{
  GPtrArray *seeds = g_ptr_array_new_with_free_func (g_object_unref);
  const char *examples = g_getenv ("VPC_EXAMPLES_DIR");
  g_autoptr(GDir) dir = NULL;
  g_autofree char *extra
      = g_test_build_filename (G_TEST_DIST, "data", "gui-two-az.vpcd.json", NULL);
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
  g_assert_cmpuint (seeds->len, >, 0);
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
  guint       n_edits
      = edits_text != NULL ? (guint) g_ascii_strtoull (edits_text, NULL, 10) : DEFAULT_EDITS;
  Run run = { 0 };

  run.seed = seed_text != NULL ? (guint32) g_ascii_strtoull (seed_text, NULL, 10) : g_random_int ();
  g_test_message ("seed %u (replay with VPC_PROPERTY_SEED=%u), %u edits", run.seed, run.seed,
                  n_edits);
  run.rand = g_rand_new_with_seed (run.seed);
  run.trace = g_getenv ("VPC_PROPERTY_TRACE") != NULL;
  run.states = g_ptr_array_new_with_free_func (g_free);

  while (run.edit < n_edits)
    run_sequence (&run, g_ptr_array_index (seeds, (guint) pick (&run, (int) seeds->len)),
                  MIN (SEQUENCE_LENGTH, n_edits - run.edit));

  g_test_message ("seed %u, %u edits: %u accepted, %u refused, %u undo/redo steps checked; "
                  "%u states held elements without a layout",
                  run.seed, run.edit, run.accepted, run.refused, run.undone, run.n_unplaced);
  for (guint i = 0; i < G_N_ELEMENTS (entries); i++)
    g_test_message ("  %-22s %6u accepted %6u refused %6u nothing to do", entries[i].name,
                    run.stats[i][0], run.stats[i][1], run.stats[i][2]);
  /* The mix really exercises both sides of the guard, through every entry
   * point (with the suite's number of edits). */
  g_assert_cmpuint (run.accepted, >, n_edits / 10);
  g_assert_cmpuint (run.refused, >, n_edits / 10);
  if (n_edits >= DEFAULT_EDITS)
    for (guint i = 0; i < G_N_ELEMENTS (entries); i++)
      {
        g_assert_cmpuint (run.stats[i][0], >, 0);
        if (entries[i].refusable)
          g_assert_cmpuint (run.stats[i][1], >, 0);
      }
  g_clear_pointer (&run.clipboard, vpc_clipboard_free);
  g_free (run.reason);
  g_free (run.refusal);
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
