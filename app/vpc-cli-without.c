/* SPDX-License-Identifier: GPL-3.0-or-later */
/* vpc-cli-without.c: `--without ID[,ID...]`, the design as if elements were
 * deleted (format.md §5), shared by the subcommands that take it. */
#include "vpc-cli-private.h"

#include "vpc-what-if.h"

VpcDesign *
_vpc_cli_without (const char *command,
                  VpcDesign  *design,
                  GPtrArray  *values,
                  GPtrArray **ids)
{
  g_autoptr(GPtrArray) list = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GError) error = NULL;
  VpcDesign *result;

  /* Given once or several times, each a comma-separated list. */
  for (guint v = 0; v < values->len; v++)
    {
      const char *value = g_ptr_array_index (values, v);
      g_auto(GStrv) parts = g_strsplit (value, ",", -1);

      for (guint i = 0; parts[i] != NULL; i++)
        {
          if (*parts[i] == '\0')
            {
              _vpc_cli_usage_error (
                  command, _("--without '%s': an empty id (write ID,ID with no spaces)"), value);
              return NULL;
            }
          if (!g_ptr_array_find_with_equal_func (list, parts[i], g_str_equal, NULL))
            g_ptr_array_add (list, g_strdup (parts[i]));
        }
    }
  if (list->len == 0)
    result = g_object_ref (design);
  else
    result = vpc_what_if_without (design, (const char *const *) list->pdata, list->len, &error);
  if (result == NULL)
    {
      /* "no element with id "X"": an unknown id is a usage error. */
      _vpc_cli_usage_error (command, "--without: %s", error->message);
      return NULL;
    }
  *ids = g_steal_pointer (&list);
  return result;
}
