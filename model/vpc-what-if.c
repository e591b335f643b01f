/* SPDX-License-Identifier: GPL-3.0-or-later */
/* vpc-what-if.c: judging a design as if elements were deleted, or
 * switched as what-if mode says. */
#include "vpc-what-if.h"

#include <string.h>

#include "vpc-i18n.h"

VpcDesign *
vpc_what_if_without (VpcDesign         *design,
                     const char *const *ids,
                     guint              n_ids,
                     GError           **error)
{
  g_autoptr(VpcDesign) copy = NULL;

  g_return_val_if_fail (VPC_IS_DESIGN (design), NULL);

  for (guint i = 0; i < n_ids; i++)
    if (vpc_design_lookup (design, ids[i]) == NULL)
      {
        g_set_error (error, VPC_DESIGN_ERROR, VPC_DESIGN_ERROR_NOT_FOUND,
                     /* TRANSLATORS: %s is an element's id. */
                     _("no element with id \"%s\""), ids[i]);
        return NULL;
      }
  /* The same delete as the canvas's, on a copy: one cascade everywhere. */
  copy = vpc_design_duplicate (design);
  if (n_ids > 0 && !vpc_design_delete (copy, ids, n_ids))
    {
      g_set_error (error, VPC_DESIGN_ERROR, VPC_DESIGN_ERROR_REFUSED, "%s",
                   vpc_design_get_last_refusal (copy) != NULL ? vpc_design_get_last_refusal (copy)
                                                              : _("the delete was refused"));
      return NULL;
    }
  return g_steal_pointer (&copy);
}

/* What-if mode */

typedef struct
{
  VpcWhatIfChange change;
  char           *id;
} Switch;

struct _VpcWhatIf
{
  GArray *switches; /* of Switch */
};

static void
switch_clear (gpointer data)
{
  g_free (((Switch *) data)->id);
}

VpcWhatIf *
vpc_what_if_new (void)
{
  VpcWhatIf *self = g_new0 (VpcWhatIf, 1);

  self->switches = g_array_new (FALSE, FALSE, sizeof (Switch));
  g_array_set_clear_func (self->switches, switch_clear);
  return self;
}

void
vpc_what_if_free (VpcWhatIf *self)
{
  if (self == NULL)
    return;
  g_array_unref (self->switches);
  g_free (self);
}

gboolean
vpc_what_if_applies (VpcDesign       *design,
                     VpcWhatIfChange  change,
                     const char      *id)
{
  const VpcElement *e = id != NULL ? vpc_design_lookup (design, id) : NULL;

  if (e == NULL)
    return FALSE;
  if (change == VPC_WHAT_IF_ISOLATED)
    return e->kind == VPC_KIND_WORKLOAD && !e->network_isolation;
  return e->kind == VPC_KIND_AZ || e->kind == VPC_KIND_ENDPOINT || e->kind == VPC_KIND_NAT_GATEWAY;
}

static int
find_switch (VpcWhatIf       *self,
             VpcWhatIfChange  change,
             const char      *id)
{
  for (guint i = 0; i < self->switches->len; i++)
    {
      const Switch *s = &g_array_index (self->switches, Switch, i);

      if (s->change == change && strcmp (s->id, id) == 0)
        return (int) i;
    }
  return -1;
}

gboolean
vpc_what_if_toggle (VpcWhatIf       *self,
                    VpcWhatIfChange  change,
                    const char      *id)
{
  int at = find_switch (self, change, id);
  Switch s = { change, NULL };

  if (at >= 0)
    {
      g_array_remove_index (self->switches, at);
      return FALSE;
    }
  s.id = g_strdup (id);
  g_array_append_val (self->switches, s);
  return TRUE;
}

gboolean
vpc_what_if_contains (VpcWhatIf       *self,
                      VpcWhatIfChange  change,
                      const char      *id)
{
  return find_switch (self, change, id) >= 0;
}

guint
vpc_what_if_get_n_switches (VpcWhatIf *self)
{
  return self->switches->len;
}

VpcWhatIfChange
vpc_what_if_get_switch (VpcWhatIf   *self,
                        guint        i,
                        const char **id)
{
  const Switch *s = &g_array_index (self->switches, Switch, i);

  *id = s->id;
  return s->change;
}

gboolean
vpc_what_if_prune (VpcWhatIf *self,
                   VpcDesign *design)
{
  gboolean pruned = FALSE;

  for (guint i = self->switches->len; i > 0; i--)
    {
      const Switch *s = &g_array_index (self->switches, Switch, i - 1);

      if (!vpc_what_if_applies (design, s->change, s->id))
        {
          g_array_remove_index (self->switches, i - 1);
          pruned = TRUE;
        }
    }
  return pruned;
}

/* The switches as edits of @design in one step: isolation first, then one
 * delete, so that a switched workload inside a deleted AZ's subnet is
 * still found. */
static gboolean
make_switches (VpcWhatIf  *self,
               VpcDesign  *design,
               const char *label,
               GError    **error)
{
  g_autoptr(GPtrArray) off = g_ptr_array_new ();

  vpc_design_begin (design, label);
  for (guint i = 0; i < self->switches->len; i++)
    {
      const Switch *s = &g_array_index (self->switches, Switch, i);

      if (!vpc_what_if_applies (design, s->change, s->id))
        continue;
      if (s->change == VPC_WHAT_IF_OFF)
        g_ptr_array_add (off, s->id);
      else
        {
          VpcElement *copy = vpc_element_copy (vpc_design_lookup (design, s->id));

          copy->network_isolation = TRUE;
          vpc_design_replace_element (design, copy);
        }
    }
  if (off->len > 0)
    vpc_design_delete (design, (const char *const *) off->pdata, off->len);
  return vpc_design_try_commit (design, error);
}

VpcDesign *
vpc_what_if_scenario (VpcWhatIf   *self,
                      VpcDesign   *design,
                      const char  *read_only_reason,
                      GError     **error)
{
  g_autoptr(VpcDesign) copy = NULL;

  g_return_val_if_fail (self != NULL && VPC_IS_DESIGN (design), NULL);

  copy = vpc_design_duplicate (design);
  /* TRANSLATORS: the name of the edit that makes a what-if scenario; it
   * shows in the message when the scenario is refused. */
  if (!make_switches (self, copy, _("What if"), error))
    return NULL;
  vpc_design_clear_history (copy);
  vpc_design_set_read_only (copy, read_only_reason);
  return g_steal_pointer (&copy);
}

gboolean
vpc_what_if_apply (VpcWhatIf  *self,
                   VpcDesign  *design,
                   const char *label)
{
  g_return_val_if_fail (self != NULL && VPC_IS_DESIGN (design), FALSE);
  return make_switches (self, design, label, NULL);
}
