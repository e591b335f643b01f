/* vpc-file.c: placeholder, replaced by the loader. */
#include "vpc-file.h"

G_DEFINE_QUARK (vpc-file-error-quark, vpc_file_error)

VpcDesign *
vpc_file_load_path (const char *path, GPtrArray **warnings, GError **error)
{
  g_set_error (error, VPC_FILE_ERROR, VPC_FILE_ERROR_FORMAT, "not implemented");
  return NULL;
}
