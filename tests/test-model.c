#include "vpc-design.h"
#include "vpc-cidr.h"

static void
test_cidr_parse (void)
{
  VpcCidr c;
  const char *reason = NULL;

  g_assert_true (vpc_cidr_parse ("10.0.0.0/16", &c, NULL));
  g_assert_cmpuint (c.prefix, ==, 16);
  g_assert_false (vpc_cidr_parse ("10.0.1.5/24", &c, &reason));
  g_assert_nonnull (reason);
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/model/cidr/parse", test_cidr_parse);
  return g_test_run ();
}
