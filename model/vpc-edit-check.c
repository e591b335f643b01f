/* SPDX-License-Identifier: GPL-3.0-or-later */
/* vpc-edit-check.c: asks a detached copy of the design whether an edit passes. */
#include "vpc-edit-check.h"

gboolean
vpc_design_check_edit (VpcDesign         *design,
                       const char        *label,
                       VpcDesignEditFunc  edit,
                       gpointer           data,
                       char             **reason)
{
  g_autoptr(VpcDesign) copy = NULL;
  g_autofree char *own = NULL;

  g_return_val_if_fail (VPC_IS_DESIGN (design), FALSE);
  g_return_val_if_fail (edit != NULL, FALSE);

  copy = vpc_design_duplicate (design);
  vpc_design_begin (copy, label);
  if (!edit (copy, data, &own))
    {
      vpc_design_rollback (copy);
      if (reason != NULL)
        *reason = g_steal_pointer (&own);
      return FALSE;
    }
  if (vpc_design_commit (copy))
    return TRUE;
  if (reason != NULL)
    *reason = g_strdup (vpc_design_get_last_refusal (copy));
  return FALSE;
}

static gboolean
replace_edit (VpcDesign *design,
              gpointer   data,
              char     **reason)
{
  return vpc_design_replace_element (design, vpc_element_copy (data));
}

gboolean
vpc_design_check_replace (VpcDesign        *design,
                          const char       *label,
                          const VpcElement *element,
                          char            **reason)
{
  g_return_val_if_fail (element != NULL, FALSE);
  return vpc_design_check_edit (design, label, replace_edit, (gpointer) element, reason);
}

static gboolean
set_info_edit (VpcDesign *design,
               gpointer   data,
               char     **reason)
{
  return vpc_design_set_info (design, vpc_design_info_copy (data));
}

gboolean
vpc_design_check_set_info (VpcDesign           *design,
                           const char          *label,
                           const VpcDesignInfo *info,
                           char               **reason)
{
  g_return_val_if_fail (info != NULL, FALSE);
  return vpc_design_check_edit (design, label, set_info_edit, (gpointer) info, reason);
}
