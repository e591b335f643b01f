/* vpc-what-if.c: judging a design as if elements were deleted. */
#include "vpc-what-if.h"

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
                     "no element with id \"%s\"", ids[i]);
        return NULL;
      }
  /* The same delete as the canvas's, on a copy: one cascade everywhere. */
  copy = vpc_design_duplicate (design);
  if (n_ids > 0 && !vpc_design_delete (copy, ids, n_ids))
    {
      g_set_error (error, VPC_DESIGN_ERROR, VPC_DESIGN_ERROR_REFUSED, "%s",
                   vpc_design_get_last_refusal (copy) != NULL ? vpc_design_get_last_refusal (copy)
                                                              : "the delete was refused");
      return NULL;
    }
  return g_steal_pointer (&copy);
}
