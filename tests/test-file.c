/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-file.c: loading the design file with clear errors, and saving it
 * byte-exactly (format.md §1–3). */
#include <fcntl.h>
#include <math.h>
#include <string.h>
#include <unistd.h>

#include <glib/gstdio.h>
#include <json-glib/json-glib.h>

#include "vpc-file.h"
#include "vpc-json-scan.h"
#include "vpc-json-write.h"

/* A valid top level; %s takes the lists (with a leading comma) or "". */
#define HEAD "{\"format\": \"vpc-designer\", \"version\": 1, \"region\": \"us-east-1\", " \
             "\"vpc\": {\"cidr\": \"10.0.0.0/16\"}"
#define AZS  ", \"availability_zones\": [{\"id\": \"az-1\"}, {\"id\": \"az-2\"}]"
#define SUBNETS                                                                                    \
  ", \"subnets\": [{\"id\": \"sn-a\", \"az\": \"az-1\", \"cidr\": \"10.0.1.0/24\"}, "              \
  "{\"id\": \"sn-b\", \"az\": \"az-1\", \"cidr\": \"10.0.2.0/24\"}, "                              \
  "{\"id\": \"sn-c\", \"az\": \"az-2\", \"cidr\": \"10.0.3.0/24\"}]"
#define BASE HEAD AZS SUBNETS

static VpcDesign *
load_text (const char *text,
           GPtrArray **warnings,
           GError    **error)
{
  g_autoptr(GBytes) bytes = g_bytes_new (text, strlen (text));

  return vpc_file_load_bytes (bytes, warnings, error);
}

static void
note_freed (gpointer data)
{
  *(gboolean *) data = TRUE;
}

/* vpc_file_load_bytes_take() lets the bytes go once parsed, whether the
 * load succeeds or not; vpc_file_load_bytes_full() leaves the caller's. */
static void
test_load_take (void)
{
  static const char *const texts[] = { BASE "}", BASE ", \"name\": 1}", "[1," };

  for (guint i = 0; i < G_N_ELEMENTS (texts); i++)
    {
      gboolean freed = FALSE;
      g_autoptr(GError) error = NULL;
      g_autoptr(GError) error_full = NULL;
      g_autoptr(VpcDesign) taken = NULL;
      g_autoptr(VpcDesign) kept = NULL;
      GBytes *bytes = g_bytes_new_with_free_func (texts[i], strlen (texts[i]), note_freed, &freed);

      kept = vpc_file_load_bytes_full (bytes, VPC_FILE_LOAD_DEFAULT, NULL, &error_full);
      g_assert_false (freed);
      taken = vpc_file_load_bytes_take (bytes, VPC_FILE_LOAD_DEFAULT, NULL, &error);
      g_assert_true (freed);
      g_assert_true ((taken != NULL) == (i == 0));
      g_assert_true ((kept != NULL) == (i == 0));
      g_assert_cmpstr (error != NULL ? error->message : NULL, ==,
                       error_full != NULL ? error_full->message : NULL);
      if (taken != NULL)
        {
          g_autofree char *taken_text = vpc_file_serialize (taken, NULL);
          g_autofree char *kept_text = vpc_file_serialize (kept, NULL);

          g_assert_cmpstr (taken_text, ==, kept_text);
        }
    }
}

static char *
data_path (const char *first,
           ...)
{
  const char *srcdir = g_getenv ("G_TEST_SRCDIR");
  GString *path = g_string_new (srcdir != NULL ? srcdir : ".");
  va_list args;

  g_string_append (path, "/data");
  va_start (args, first);
  for (const char *part = first; part != NULL; part = va_arg (args, const char *))
    g_string_append_printf (path, "/%s", part);
  va_end (args);
  return g_string_free (path, FALSE);
}

static void
assert_designs_equal (VpcDesign *a,
                      VpcDesign *b)
{
  g_assert_true (vpc_design_info_equal (vpc_design_get_info (a), vpc_design_get_info (b)));
  for (guint k = 0; k < VPC_N_KINDS; k++)
    {
      g_assert_cmpuint (vpc_design_get_n_elements (a, k), ==, vpc_design_get_n_elements (b, k));
      for (guint i = 0; i < vpc_design_get_n_elements (a, k); i++)
        g_assert_true (vpc_element_equal (vpc_design_get_element (a, k, i),
                                          vpc_design_get_element (b, k, i)));
    }
}

/* Loading: defaults and values */

static void
test_load_minimal (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) warnings = NULL;
  g_autoptr(VpcDesign) design = load_text (HEAD AZS ", \"workloads\": [{\"id\": \"w\", "
                                           "\"kind\": \"client\"}]}", &warnings, &error);
  const VpcDesignInfo *info;
  const VpcElement *az, *w;

  g_assert_no_error (error);
  g_assert_nonnull (warnings);
  g_assert_cmpuint (warnings->len, ==, 0);
  info = vpc_design_get_info (design);
  g_assert_cmpstr (info->name, ==, "");
  g_assert_cmpstr (info->description, ==, "");
  g_assert_cmpstr (info->vpc_name, ==, "");
  g_assert_cmpstr (info->vpc_cidr, ==, "10.0.0.0/16");
  g_assert_true (info->dns_support && info->dns_hostnames);
  g_assert_true (info->has_vpc_layout);
  g_assert_cmpint (info->environment, ==, VPC_ENVIRONMENT_PRODUCTION);
  g_assert_cmpint (info->profile, ==, VPC_PROFILE_STUDY_GUIDE);
  az = vpc_design_lookup (design, "az-1");
  g_assert_null (az->name);
  g_assert_true (az->has_layout);
  w = vpc_design_lookup (design, "w");
  g_assert_null (w->calls);
  g_assert_true (w->vpc_mode && w->direct_internet_access);
  g_assert_cmpint (w->instance_count, ==, 1);
  g_assert_false (vpc_design_get_modified (design));
  g_assert_false (vpc_design_get_can_undo (design));
}

static void
test_load_values (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = data_path ("file", "full.vpcd.json", NULL);
  g_autoptr(GPtrArray) warnings = NULL;
  g_autoptr(VpcDesign) design = vpc_file_load_path (path, &warnings, &error);
  const VpcElement *e;
  const VpcSgRule *rule;

  g_assert_no_error (error);
  g_assert_cmpuint (warnings->len, ==, 0);
  g_assert_cmpstr (vpc_design_get_info (design)->region, ==, "us-east-1");
  g_assert_cmpfloat (vpc_design_get_info (design)->vpc_layout.h, ==, 800.5);
  e = vpc_design_lookup (design, "ep-api");
  g_assert_cmpint (e->endpoint_type, ==, VPC_ENDPOINT_INTERFACE);
  g_assert_cmpuint (e->subnets->len, ==, 2);
  g_assert_cmpfloat (e->gb_per_month, ==, 0.1);
  e = vpc_design_lookup (design, "sg-endpoints");
  rule = &g_array_index (e->ingress, VpcSgRule, 1);
  g_assert_cmpint (rule->protocol, ==, VPC_PROTOCOL_UDP);
  g_assert_cmpuint (rule->port_from, ==, 8192);
  g_assert_cmpuint (rule->port_to, ==, 65535);
  g_assert_cmpuint (e->egress->len, ==, 0);
  e = vpc_design_lookup (design, "nb-1");
  g_assert_nonnull (e->calls);
  g_assert_cmpuint (e->calls->len, ==, 0);
  g_assert_false (e->direct_internet_access);
  e = vpc_design_lookup (design, "client-1");
  g_assert_cmpfloat (e->layout.x, ==, -100.25);
}

static void
test_load_defaults (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr (VpcDesign) design = load_text (
      BASE ", \"security_groups\": [{\"id\": \"sg\"}], "
           "\"endpoints\": [{\"id\": \"s3\", \"service\": \"s3\"}, {\"id\": \"ecr\", \"service\": "
           "\"ecr.dkr\"}], "
           "\"workloads\": [{\"id\": \"w\", \"kind\": \"training_job\", \"instance_count\": 2.0}], "
           "\"nat_gateways\": [{\"id\": \"n\", \"subnet\": \"sn-a\"}]}",
      NULL, &error);
  const VpcElement *sg, *s3, *ecr, *sn;
  const VpcSgRule *rule;

  g_assert_no_error (error);
  sg = vpc_design_lookup (design, "sg");
  g_assert_cmpuint (sg->ingress->len, ==, 0);
  g_assert_cmpuint (sg->egress->len, ==, 1);
  rule = &g_array_index (sg->egress, VpcSgRule, 0);
  g_assert_cmpint (rule->protocol, ==, VPC_PROTOCOL_ALL);
  g_assert_cmpstr (rule->peer, ==, "0.0.0.0/0");
  s3 = vpc_design_lookup (design, "s3");
  ecr = vpc_design_lookup (design, "ecr");
  g_assert_cmpint (s3->endpoint_type, ==, VPC_ENDPOINT_GATEWAY);
  g_assert_cmpint (ecr->endpoint_type, ==, VPC_ENDPOINT_INTERFACE);
  g_assert_true (ecr->private_dns);
  sn = vpc_design_lookup (design, "sn-a");
  g_assert_cmpint (sn->route, ==, VPC_ROUTE_PRIVATE);
  g_assert_cmpint (vpc_design_lookup (design, "w")->instance_count, ==, 2);
}

static void
test_load_bom (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(VpcDesign) design = load_text ("\xef\xbb\xbf" HEAD "}", NULL, &error);

  g_assert_no_error (error);
  g_assert_nonnull (design);
}

/* Not load errors: findings for the rules (format.md §2, domain.md). */
static void
test_load_not_errors (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(VpcDesign) design = load_text (
    "{\"format\": \"vpc-designer\", \"version\": 1, \"region\": \"xx-nowhere-9\", "
    "\"vpc\": {\"cidr\": \"10.0.0.0/8\"}" AZS
    ", \"subnets\": [{\"id\": \"sn-a\", \"az\": \"az-1\", \"cidr\": \"192.168.0.0/30\"}, "
    "{\"id\": \"sn-b\", \"az\": \"az-1\", \"cidr\": \"10.0.0.0/24\"}], "
    "\"workloads\": [{\"id\": \"nb\", \"kind\": \"notebook_instance\", "
    "\"subnets\": [\"sn-a\", \"sn-b\"]}], "
    "\"endpoints\": [{\"id\": \"gw\", \"service\": \"s3\", \"subnets\": [\"sn-a\", \"sn-b\"]}]}",
    NULL, &error);

  g_assert_no_error (error);
  g_assert_nonnull (design);
}

static void
test_load_warnings (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) warnings = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(VpcDesign) design = NULL;

  g_ptr_array_add (warnings, g_strdup ("kept"));
  design = load_text (
      "{\"format\": \"vpc-designer\", \"version\": 1, \"colour\": \"red\", \"region\": "
      "\"us-east-1\", "
      "\"vpc\": {\"cidr\": \"10.0.0.0/16\", \"tags\": {}}" AZS
      ", \"subnets\": [{\"id\": \"sn-a\", \"az\": \"az-1\", \"cidr\": \"10.0.1.0/24\", "
      "\"layout\": {\"x\": 1, \"y\": 2, \"z\": 3}}], "
      "\"security_groups\": [{\"id\": \"sg\", \"ingress\": [{\"protocol\": \"tcp\", \"peer\": "
      "\"self\", "
      "\"note\": 1}]}], "
      "\"endpoints\": [{\"id\": \"gw\", \"service\": \"s3\", \"private_dns\": \"not even a "
      "boolean\", "
      "\"security_groups\": [\"nope\"]}], "
      "\"workloads\": [{\"id\": \"w\", \"kind\": \"training_job\", \"direct_internet_access\": 7, "
      "\"a b\": 1}]}",
      &warnings, &error);

  g_assert_no_error (error);
  g_assert_nonnull (design);
  g_assert_cmpuint (warnings->len, ==, 9);
  g_assert_cmpstr (warnings->pdata[0], ==, "kept");
  g_assert_cmpstr (warnings->pdata[1], ==, "colour: unknown key; ignored");
  g_assert_cmpstr (warnings->pdata[2], ==, "vpc.tags: unknown key; ignored");
  g_assert_cmpstr (warnings->pdata[3], ==, "subnets[0].layout.z: unknown key; ignored");
  g_assert_cmpstr (warnings->pdata[4], ==,
                   "security_groups[0].ingress[0].note: unknown key; ignored");
  g_assert_cmpstr (warnings->pdata[5], ==,
                   "endpoints[0].private_dns: does not apply to a gateway endpoint; ignored");
  g_assert_cmpstr (warnings->pdata[6], ==,
                   "endpoints[0].security_groups: does not apply to a gateway endpoint; ignored");
  g_assert_cmpstr (
      warnings->pdata[7], ==,
      "workloads[0].direct_internet_access: applies only to a notebook instance; ignored");
  g_assert_cmpstr (warnings->pdata[8], ==, "workloads[0][\"a b\"]: unknown key; ignored");
  g_assert_cmpuint (vpc_design_lookup (design, "gw")->security_groups->len, ==, 0);
}

/* Load errors, one per class of format.md §3 */

typedef struct
{
  const char *name;
  const char *text;
  int         code;
  const char *message; /* a glob */
} ErrorCase;

static const ErrorCase error_cases[] = {
  /* Invalid JSON (the pre-scan) */
  { "empty", "", VPC_FILE_ERROR_SYNTAX, "*the file is empty*" },
  { "blank", " \n\t ", VPC_FILE_ERROR_SYNTAX, "*the file is empty*" },
  { "not-closed", HEAD, VPC_FILE_ERROR_SYNTAX, "*invalid JSON: the file ends too early*" },
  { "trailing-comma", HEAD ",}", VPC_FILE_ERROR_SYNTAX,
    "line 1, column *: invalid JSON: a comma before '}' is not allowed" },
  { "trailing-comma-array", HEAD AZS ", \"subnets\": [1, 2,]}", VPC_FILE_ERROR_SYNTAX,
    "subnets[2]: invalid JSON: a comma before ']' is not allowed (line 1, column *)" },
  { "comment", "/* c */ " HEAD "}", VPC_FILE_ERROR_SYNTAX, "*comments are not allowed*" },
  { "single-quotes", "{'format': 1}", VPC_FILE_ERROR_SYNTAX, "*double quotes*" },
  { "hex", HEAD ", \"x\": 0x1}", VPC_FILE_ERROR_SYNTAX, "x: invalid JSON: hexadecimal*" },
  { "leading-zero", HEAD ", \"x\": 01}", VPC_FILE_ERROR_SYNTAX,
    "x: invalid JSON: *leading zeros*" },
  { "nan", HEAD ", \"x\": NaN}", VPC_FILE_ERROR_SYNTAX, "x: invalid JSON: *NaN*" },
  { "infinity", HEAD ", \"x\": -Infinity}", VPC_FILE_ERROR_SYNTAX, "x: invalid JSON: *" },
  { "plus", HEAD ", \"x\": +1}", VPC_FILE_ERROR_SYNTAX, "x: invalid JSON: *" },
  { "fraction", HEAD ", \"x\": 1.}", VPC_FILE_ERROR_SYNTAX, "x: invalid JSON: *decimal point*" },
  { "raw-tab", HEAD ", \"name\": \"a\tb\"}", VPC_FILE_ERROR_SYNTAX,
    "name: invalid JSON: control character U+0009 *" },
  { "raw-newline", "{\"a\n\": 1}", VPC_FILE_ERROR_SYNTAX, "*control character U+000A*" },
  { "bad-escape", HEAD ", \"name\": \"a\\xb\"}", VPC_FILE_ERROR_SYNTAX,
    "name: *unknown escape \\x*" },
  { "short-unicode", HEAD ", \"name\": \"\\u12\"}", VPC_FILE_ERROR_SYNTAX,
    "name: *four hex digits*" },
  { "nul-escape", HEAD ", \"name\": \"a\\u0000b\"}", VPC_FILE_ERROR_ENCODING, "name: *\\u0000*" },
  { "lone-high", HEAD ", \"name\": \"\\ud800x\"}", VPC_FILE_ERROR_ENCODING,
    "name: *lone UTF-16 surrogate*" },
  { "lone-low", HEAD ", \"name\": \"\\udc00\"}", VPC_FILE_ERROR_ENCODING,
    "name: *lone UTF-16 surrogate*" },
  { "garbage-after", HEAD "} x", VPC_FILE_ERROR_SYNTAX, "*unexpected text after the end*" },
  { "two-roots", HEAD "} {}", VPC_FILE_ERROR_SYNTAX, "*unexpected text after the end*" },
  { "missing-comma", "{\"format\": \"vpc-designer\" \"version\": 1}", VPC_FILE_ERROR_SYNTAX,
    "format: invalid JSON: expected ',' or '}' (line 1, column 27)" },
  { "missing-colon", "{\"format\" 1}", VPC_FILE_ERROR_SYNTAX, "*expected ':'*" },
  { "line-column", "{\n  \"format\": \"vpc-designer\",\n  \"x\": [1, 2, tru]\n}",
    VPC_FILE_ERROR_SYNTAX, "x[2]: invalid JSON: expected a value* (line 3, column 15)" },
  { "unclosed-string", HEAD ", \"name\": \"abc}", VPC_FILE_ERROR_SYNTAX, "name: *not closed*" },
  { "duplicate-key", HEAD ", \"subnets\": [{\"id\": \"a\", \"cidr\": \"x\", \"cidr\": \"y\"}]}",
    VPC_FILE_ERROR_SYNTAX,
    "subnets[0].cidr: the key is given twice in one object (line 1, column *)" },
  { "duplicate-key-escaped", HEAD ", \"name\": \"a\", \"n\\u0061me\": \"b\"}",
    VPC_FILE_ERROR_SYNTAX, "name: the key is given twice*" },
  { "big-integer", HEAD ", \"x\": 9007199254740992}", VPC_FILE_ERROR_INVALID,
    "x: the number 9007199254740992 is out of range*" },
  { "big-negative", HEAD ", \"x\": [-18446744073709551616]}", VPC_FILE_ERROR_INVALID,
    "x[0]: the number -18446744073709551616 is out of range*" },
  { "not-an-object", "[1, 2]", VPC_FILE_ERROR_FORMAT, "the file must hold one JSON object*" },
  { "string-root", "\"vpc\"", VPC_FILE_ERROR_FORMAT, "the file must hold one JSON object*" },
  /* Wrong format, version */
  { "format-missing", "{\"version\": 1}", VPC_FILE_ERROR_FORMAT,
    "missing required key \"format\"*" },
  { "format-wrong", "{\"format\": \"drawio\", \"version\": 1}", VPC_FILE_ERROR_FORMAT,
    "format: must be \"vpc-designer\"" },
  { "format-type", "{\"format\": 1, \"version\": 1}", VPC_FILE_ERROR_FORMAT,
    "format: must be \"vpc-designer\"" },
  { "version-missing", "{\"format\": \"vpc-designer\"}", VPC_FILE_ERROR_FORMAT,
    "missing required key \"version\"" },
  { "version-newer", "{\"format\": \"vpc-designer\", \"version\": 2}", VPC_FILE_ERROR_FORMAT,
    "version: made by a newer version (2) of VPC Designer" },
  { "version-zero", "{\"format\": \"vpc-designer\", \"version\": 0}", VPC_FILE_ERROR_FORMAT,
    "version: must be 1" },
  { "version-fraction", "{\"format\": \"vpc-designer\", \"version\": 1.5}", VPC_FILE_ERROR_FORMAT,
    "version: must be 1" },
  { "version-string", "{\"format\": \"vpc-designer\", \"version\": \"1\"}", VPC_FILE_ERROR_FORMAT,
    "version: must be 1" },
  /* Missing required keys */
  { "region-missing",
    "{\"format\": \"vpc-designer\", \"version\": 1, \"vpc\": {\"cidr\": \"10.0.0.0/16\"}}",
    VPC_FILE_ERROR_INVALID, "missing required key \"region\"" },
  { "vpc-missing", "{\"format\": \"vpc-designer\", \"version\": 1, \"region\": \"us-east-1\"}",
    VPC_FILE_ERROR_INVALID, "missing required key \"vpc\"" },
  { "vpc-cidr-missing",
    "{\"format\": \"vpc-designer\", \"version\": 1, \"region\": \"us-east-1\", \"vpc\": {}}",
    VPC_FILE_ERROR_INVALID, "vpc: missing required key \"cidr\"" },
  { "id-missing", HEAD ", \"availability_zones\": [{\"name\": \"a\"}]}", VPC_FILE_ERROR_INVALID,
    "availability_zones[0]: missing required key \"id\"" },
  { "subnet-az-missing", HEAD AZS ", \"subnets\": [{\"id\": \"s\", \"cidr\": \"10.0.0.0/24\"}]}",
    VPC_FILE_ERROR_INVALID, "subnets[0]: missing required key \"az\"" },
  { "rule-peer-missing",
    HEAD ", \"security_groups\": [{\"id\": \"sg\", \"egress\": [{\"protocol\": \"tcp\"}]}]}",
    VPC_FILE_ERROR_INVALID, "security_groups[0].egress[0]: missing required key \"peer\"" },
  { "layout-y-missing", HEAD ", \"availability_zones\": [{\"id\": \"a\", \"layout\": {\"x\": 1}}]}",
    VPC_FILE_ERROR_INVALID, "availability_zones[0].layout: missing required key \"y\"" },
  { "endpoint-service-missing", HEAD ", \"endpoints\": [{\"id\": \"e\"}]}", VPC_FILE_ERROR_INVALID,
    "endpoints[0]: missing required key \"service\"" },
  { "workload-kind-missing", HEAD ", \"workloads\": [{\"id\": \"w\"}]}", VPC_FILE_ERROR_INVALID,
    "workloads[0]: missing required key \"kind\"" },
  { "nat-subnet-missing", HEAD ", \"nat_gateways\": [{\"id\": \"n\"}]}", VPC_FILE_ERROR_INVALID,
    "nat_gateways[0]: missing required key \"subnet\"" },
  /* Wrong types */
  { "name-type", HEAD ", \"name\": 5}", VPC_FILE_ERROR_INVALID,
    "name: must be a string, not a number" },
  { "name-null", HEAD ", \"name\": null}", VPC_FILE_ERROR_INVALID,
    "name: must be a string, not null" },
  { "vpc-type",
    "{\"format\": \"vpc-designer\", \"version\": 1, \"region\": \"us-east-1\", \"vpc\": []}",
    VPC_FILE_ERROR_INVALID, "vpc: must be an object, not an array" },
  { "list-type", HEAD ", \"subnets\": {}}", VPC_FILE_ERROR_INVALID,
    "subnets: must be an array, not an object" },
  { "element-type", HEAD ", \"subnets\": [\"sn-a\"]}", VPC_FILE_ERROR_INVALID,
    "subnets[0]: must be an object, not a string" },
  { "bool-type",
    HEAD ", \"workloads\": [{\"id\": \"w\", \"kind\": \"client\", \"vpc_mode\": \"yes\"}]}",
    VPC_FILE_ERROR_INVALID, "workloads[0].vpc_mode: must be true or false, not a string" },
  { "ref-entry-type",
    BASE ", \"workloads\": [{\"id\": \"w\", \"kind\": \"client\", \"subnets\": [\"sn-a\", 3]}]}",
    VPC_FILE_ERROR_INVALID, "workloads[0].subnets[1]: must be a string, not a number" },
  { "ports-type",
    HEAD ", \"security_groups\": [{\"id\": \"sg\", \"ingress\": [{\"protocol\": \"tcp\", "
         "\"ports\": 443, \"peer\": \"self\"}]}]}",
    VPC_FILE_ERROR_INVALID, "security_groups[0].ingress[0].ports: must be a string, not a number" },
  { "layout-type",
    HEAD ", \"availability_zones\": [{\"id\": \"a\", \"layout\": {\"x\": \"1\", \"y\": 2}}]}",
    VPC_FILE_ERROR_INVALID, "availability_zones[0].layout.x: must be a number, not a string" },
  /* Unknown enum values */
  { "route-enum",
    HEAD AZS ", \"subnets\": [{\"id\": \"s\", \"az\": \"az-1\", \"cidr\": \"10.0.0.0/24\", "
             "\"route\": \"igw\"}]}",
    VPC_FILE_ERROR_INVALID,
    "subnets[0].route: unknown value \"igw\" (expected \"private\", \"nat\" or \"public\")" },
  { "environment-enum", HEAD ", \"environment\": \"staging\"}", VPC_FILE_ERROR_INVALID,
    "environment: unknown value \"staging\"*" },
  { "profile-enum", HEAD ", \"profile\": \"strict\"}", VPC_FILE_ERROR_INVALID,
    "profile: unknown value \"strict\"*" },
  { "kind-enum", HEAD ", \"workloads\": [{\"id\": \"w\", \"kind\": \"lambda\"}]}",
    VPC_FILE_ERROR_INVALID, "workloads[0].kind: unknown value \"lambda\"*" },
  { "protocol-enum",
    HEAD ", \"security_groups\": [{\"id\": \"sg\", \"egress\": [{\"protocol\": \"sctp\", "
         "\"peer\": \"self\"}]}]}",
    VPC_FILE_ERROR_INVALID, "security_groups[0].egress[0].protocol: unknown value \"sctp\"*" },
  { "type-enum",
    HEAD ", \"endpoints\": [{\"id\": \"e\", \"service\": \"logs\", \"type\": \"lb\"}]}",
    VPC_FILE_ERROR_INVALID, "endpoints[0].type: unknown value \"lb\"*" },
  { "image-access-enum",
    HEAD ", \"workloads\": [{\"id\": \"w\", \"kind\": \"client\", \"image_access\": \"ecr\"}]}",
    VPC_FILE_ERROR_INVALID, "workloads[0].image_access: unknown value \"ecr\"*" },
  { "gateway-for-logs",
    HEAD ", \"endpoints\": [{\"id\": \"e\", \"service\": \"logs\", \"type\": \"gateway\"}]}",
    VPC_FILE_ERROR_INVALID,
    "endpoints[0].type: a gateway endpoint exists only for s3 and dynamodb" },
  { "service-name", HEAD ", \"endpoints\": [{\"id\": \"e\", \"service\": \"S3\"}]}",
    VPC_FILE_ERROR_INVALID, "endpoints[0].service: \"S3\" is not a service name*" },
  { "call-name",
    HEAD ", \"workloads\": [{\"id\": \"w\", \"kind\": \"client\", \"calls\": [\"s3\", \"\"]}]}",
    VPC_FILE_ERROR_INVALID, "workloads[0].calls[1]: \"\" is not a service name*" },
  { "region-bad",
    "{\"format\": \"vpc-designer\", \"version\": 1, \"region\": \"US East\", "
    "\"vpc\": {\"cidr\": \"10.0.0.0/16\"}}",
    VPC_FILE_ERROR_INVALID, "region: \"US East\" is not a region code*" },
  { "region-empty",
    "{\"format\": \"vpc-designer\", \"version\": 1, \"region\": \"\", "
    "\"vpc\": {\"cidr\": \"10.0.0.0/16\"}}",
    VPC_FILE_ERROR_INVALID, "region: \"\" is not a region code*" },
  /* Ids */
  { "duplicate-id", BASE ", \"workloads\": [{\"id\": \"sn-b\", \"kind\": \"client\"}]}",
    VPC_FILE_ERROR_INVALID, "workloads[0].id: duplicate id \"sn-b\" (first used by subnets[1])" },
  { "duplicate-id-same-list",
    HEAD ", \"availability_zones\": [{\"id\": \"a\"}, {\"id\": \"b\"}, {\"id\": \"a\"}]}",
    VPC_FILE_ERROR_INVALID,
    "availability_zones[2].id: duplicate id \"a\" (first used by availability_zones[0])" },
  { "reserved-self", HEAD ", \"security_groups\": [{\"id\": \"self\"}]}", VPC_FILE_ERROR_INVALID,
    "security_groups[0].id: \"self\" is reserved*" },
  { "reserved-prefix", HEAD ", \"security_groups\": [{\"id\": \"prefix-list:s3\"}]}",
    VPC_FILE_ERROR_INVALID, "security_groups[0].id: \"prefix-list:s3\" is reserved*" },
  { "id-chars", HEAD ", \"availability_zones\": [{\"id\": \"a b\"}]}", VPC_FILE_ERROR_INVALID,
    "availability_zones[0].id: \"a b\" is not a valid id*" },
  { "id-empty", HEAD ", \"availability_zones\": [{\"id\": \"\"}]}", VPC_FILE_ERROR_INVALID,
    "availability_zones[0].id: \"\" is not a valid id*" },
  { "id-long",
    HEAD ", \"availability_zones\": [{\"id\": "
         "\"a1234567890123456789012345678901234567890123456789012345678901234\"}]}",
    VPC_FILE_ERROR_INVALID, "availability_zones[0].id: * is not a valid id*" },
  /* References */
  { "duplicate-list", BASE ", \"subnets\": []}", VPC_FILE_ERROR_SYNTAX,
    "subnets: the key is given twice*" },
  { "az-missing",
    HEAD AZS ", \"subnets\": [{\"id\": \"s0\", \"az\": \"az-1\", \"cidr\": \"10.0.0.0/24\"}, "
             "{\"id\": \"s1\", \"az\": \"az-1\", \"cidr\": \"10.0.1.0/24\"}, {\"id\": \"s2\", "
             "\"az\": \"az-c\", "
             "\"cidr\": \"10.0.2.0/24\"}]}",
    VPC_FILE_ERROR_REFERENCE, "subnets[2].az: no availability zone with id \"az-c\"" },
  { "az-wrong-kind", BASE ", \"nat_gateways\": [{\"id\": \"n\", \"subnet\": \"az-1\"}]}",
    VPC_FILE_ERROR_REFERENCE,
    "nat_gateways[0].subnet: \"az-1\" is an availability zone, not a subnet" },
  { "endpoint-subnet-kind",
    BASE
    ", \"nat_gateways\": [{\"id\": \"sn-x\", \"subnet\": \"sn-a\"}], "
    "\"endpoints\": [{\"id\": \"e\", \"service\": \"logs\", \"subnets\": [\"sn-a\", \"sn-x\"]}]}",
    VPC_FILE_ERROR_REFERENCE, "endpoints[0].subnets[1]: \"sn-x\" is a NAT gateway, not a subnet" },
  { "workload-sg-missing",
    BASE ", \"workloads\": [{\"id\": \"w\", \"kind\": \"client\", "
         "\"security_groups\": [\"sg-9\"]}]}",
    VPC_FILE_ERROR_REFERENCE,
    "workloads[0].security_groups[0]: no security group with id \"sg-9\"" },
  { "peer-missing",
    HEAD ", \"security_groups\": [{\"id\": \"sg\", \"ingress\": [{\"protocol\": \"all\", "
         "\"peer\": \"sg-other\"}]}]}",
    VPC_FILE_ERROR_REFERENCE,
    "security_groups[0].ingress[0].peer: no security group with id \"sg-other\"" },
  { "peer-wrong-kind",
    BASE ", \"security_groups\": [{\"id\": \"sg\", \"egress\": [{\"protocol\": \"all\", "
         "\"peer\": \"sn-a\"}]}]}",
    VPC_FILE_ERROR_REFERENCE,
    "security_groups[0].egress[0].peer: \"sn-a\" is a subnet, not a security group" },
  { "peer-prefix-list",
    HEAD ", \"security_groups\": [{\"id\": \"sg\", \"egress\": [{\"protocol\": \"all\", "
         "\"peer\": \"prefix-list:ec2\"}]}]}",
    VPC_FILE_ERROR_INVALID,
    "security_groups[0].egress[0].peer: unknown prefix list \"prefix-list:ec2\"*" },
  { "repeated-ref",
    BASE ", \"workloads\": [{\"id\": \"w\", \"kind\": \"client\", "
         "\"subnets\": [\"sn-a\", \"sn-b\", \"sn-a\"]}]}",
    VPC_FILE_ERROR_INVALID, "workloads[0].subnets[2]: \"sn-a\" is listed twice" },
  { "interface-two-in-az",
    BASE ", \"endpoints\": [{\"id\": \"e0\", \"service\": \"s3\"}, {\"id\": \"e1\", "
         "\"service\": \"logs\", \"subnets\": [\"sn-a\", \"sn-b\"]}]}",
    VPC_FILE_ERROR_INVALID,
    "endpoints[1].subnets: \"sn-a\" and \"sn-b\" are both in availability zone az-1; "
    "an interface endpoint takes one subnet per AZ" },
  /* CIDRs and ports */
  { "cidr-host-bits",
    HEAD AZS ", \"subnets\": [{\"id\": \"s\", \"az\": \"az-1\", \"cidr\": \"10.0.1.5/24\"}]}",
    VPC_FILE_ERROR_INVALID,
    "subnets[0].cidr: \"10.0.1.5/24\" is not a valid CIDR block: host bits are set*" },
  { "cidr-leading-zero",
    "{\"format\": \"vpc-designer\", \"version\": 1, \"region\": \"us-east-1\", "
    "\"vpc\": {\"cidr\": \"10.00.0.0/16\"}}",
    VPC_FILE_ERROR_INVALID, "vpc.cidr: \"10.00.0.0/16\" is not a valid CIDR block: *" },
  { "cidr-prefix",
    "{\"format\": \"vpc-designer\", \"version\": 1, \"region\": \"us-east-1\", "
    "\"vpc\": {\"cidr\": \"10.0.0.0/33\"}}",
    VPC_FILE_ERROR_INVALID, "vpc.cidr: *not a valid CIDR block*" },
  { "peer-cidr",
    HEAD ", \"security_groups\": [{\"id\": \"sg\", \"egress\": [{\"protocol\": \"all\", "
         "\"peer\": \"0.0.0.0/33\"}]}]}",
    VPC_FILE_ERROR_INVALID,
    "security_groups[0].egress[0].peer: \"0.0.0.0/33\" is not a valid CIDR block*" },
  { "ports-range",
    HEAD ", \"security_groups\": [{\"id\": \"sg\", \"egress\": [{\"protocol\": \"tcp\", "
         "\"ports\": \"70000\", \"peer\": \"self\"}]}]}",
    VPC_FILE_ERROR_INVALID, "security_groups[0].egress[0].ports: \"70000\" is not a port range*" },
  { "ports-reversed",
    HEAD ", \"security_groups\": [{\"id\": \"sg\", \"egress\": [{\"protocol\": \"udp\", "
         "\"ports\": \"443-80\", \"peer\": \"self\"}]}]}",
    VPC_FILE_ERROR_INVALID, "security_groups[0].egress[0].ports: \"443-80\" is not a port range*" },
  /* Numbers */
  { "instances-fraction",
    HEAD ", \"workloads\": [{\"id\": \"w0\", \"kind\": \"client\"}, {\"id\": \"w\", "
         "\"kind\": \"client\", \"instance_count\": 2.5}]}",
    VPC_FILE_ERROR_INVALID, "workloads[1].instance_count: must be a whole number from 1 to 10000" },
  { "instances-zero",
    HEAD ", \"workloads\": [{\"id\": \"w\", \"kind\": \"client\", \"instance_count\": 0}]}",
    VPC_FILE_ERROR_INVALID, "workloads[0].instance_count: must be a whole number from 1 to 10000" },
  { "instances-big",
    HEAD ", \"workloads\": [{\"id\": \"w\", \"kind\": \"client\", \"instance_count\": 1e4001}]}",
    VPC_FILE_ERROR_INVALID, "workloads[0].instance_count: must be a finite number" },
  { "gb-negative",
    BASE ", \"nat_gateways\": [{\"id\": \"n\", \"subnet\": \"sn-a\", \"gb_per_month\": -1}]}",
    VPC_FILE_ERROR_INVALID,
    "nat_gateways[0].gb_per_month: must be a number from 0 to 1000000000000" },
  { "gb-infinite",
    HEAD ", \"endpoints\": [{\"id\": \"e\", \"service\": \"s3\", \"gb_per_month\": 1e400}]}",
    VPC_FILE_ERROR_INVALID, "endpoints[0].gb_per_month: must be a finite number" },
  { "layout-w-zero",
    HEAD ", \"availability_zones\": [{\"id\": \"a\", \"layout\": {\"x\": 0, \"y\": 0, \"w\": 0}}]}",
    VPC_FILE_ERROR_INVALID,
    "availability_zones[0].layout.w: must be a number above 0 and at most 10000000" },
  { "layout-h-negative",
    HEAD ", \"availability_zones\": [{\"id\": \"a\", \"layout\": {\"x\": 0, \"y\": 0, "
         "\"h\": -5}}]}",
    VPC_FILE_ERROR_INVALID, "availability_zones[0].layout.h: must be a number above 0*" },
  { "layout-x-far",
    "{\"format\": \"vpc-designer\", \"version\": 1, \"region\": \"us-east-1\", "
    "\"vpc\": {\"cidr\": \"10.0.0.0/16\", \"layout\": {\"x\": 1e8, \"y\": 0}}}",
    VPC_FILE_ERROR_INVALID, "vpc.layout.x: must be a number from -10000000 to 10000000" },
  /* Limits */
  { "depth-65",
    HEAD ", \"x\": "
         "[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[["
         "]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]"
         "}",
    VPC_FILE_ERROR_TOO_LARGE, "x*: nesting is deeper than 64 levels (line 1, column *)" },
  /* Encoding */
  { "invalid-utf8", HEAD ", \"name\": \"caf\xe9\"}", VPC_FILE_ERROR_ENCODING,
    "line 1, column *: the file is not valid UTF-8" },
  { "overlong-utf8", HEAD ", \"name\": \"\xc0\xaf\"}", VPC_FILE_ERROR_ENCODING,
    "*not valid UTF-8" },
  { "surrogate-utf8", HEAD ", \"name\": \"\xed\xa0\x80\"}", VPC_FILE_ERROR_ENCODING,
    "*not valid UTF-8" },
};

static void
test_load_error (gconstpointer data)
{
  const ErrorCase *c = data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) warnings = NULL;
  g_autoptr(VpcDesign) design = load_text (c->text, &warnings, &error);

  g_assert_null (design);
  g_assert_null (warnings);
  g_assert_error (error, VPC_FILE_ERROR, c->code);
  if (!g_pattern_match_simple (c->message, error->message))
    g_error ("message \"%s\" does not match \"%s\"", error->message, c->message);
}

/* 64 levels are fine: the top-level object is level 1. */
static void
test_load_depth_64 (void)
{
  GString *text = g_string_new (HEAD ", \"x\": ");
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) warnings = NULL;
  g_autoptr(VpcDesign) design = NULL;

  for (int i = 0; i < 63; i++)
    g_string_append_c (text, '[');
  for (int i = 0; i < 63; i++)
    g_string_append_c (text, ']');
  g_string_append_c (text, '}');
  design = load_text (text->str, &warnings, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (warnings->len, ==, 1);
  g_string_free (text, TRUE);
}

static void
test_load_nul_byte (void)
{
  static const char text[] = "{\"format\": \"vpc\0designer\"}";
  g_autoptr(GBytes) bytes = g_bytes_new_static (text, sizeof text - 1);
  g_autoptr(GError) error = NULL;

  g_assert_null (vpc_file_load_bytes (bytes, NULL, &error));
  g_assert_error (error, VPC_FILE_ERROR, VPC_FILE_ERROR_ENCODING);
  g_assert_cmpstr (error->message, ==, "line 1, column 16: the file contains a NUL byte");
}

/* Hostile files (tests/data/hostile) */

typedef struct
{
  const char *file;
  int         code;
  const char *message;
} HostileCase;

static const HostileCase hostile_cases[] = {
  { "broken.json", VPC_FILE_ERROR_SYNTAX, "*invalid JSON*" },
  { "nested-100000.json", VPC_FILE_ERROR_TOO_LARGE, "*nesting is deeper than 64 levels*" },
  { "nested-objects.json", VPC_FILE_ERROR_TOO_LARGE, "*nesting is deeper than 64 levels*" },
  { "depth-65.json", VPC_FILE_ERROR_TOO_LARGE, "*nesting is deeper than 64 levels*" },
  { "huge-integer.json", VPC_FILE_ERROR_INVALID, "*18446744073709551616 is out of range*" },
  { "huge-exponent.json", VPC_FILE_ERROR_INVALID, "vpc.layout.x: must be a finite number" },
  { "duplicate-key.json", VPC_FILE_ERROR_SYNTAX, "vpc.cidr: the key is given twice*" },
  { "duplicate-id.json", VPC_FILE_ERROR_INVALID, "subnets[0].id: duplicate id \"az-1\"*" },
  { "dangling-ref.json", VPC_FILE_ERROR_REFERENCE,
    "workloads[0].subnets[0]: no subnet with id \"sn-gone\"" },
  { "bad-cidr.json", VPC_FILE_ERROR_INVALID,
    "subnets[0].cidr: \"10.0.1.0/24 \" is not a valid CIDR block*" },
  { "invalid-utf8.json", VPC_FILE_ERROR_ENCODING, "*not valid UTF-8" },
  { "nul.json", VPC_FILE_ERROR_ENCODING, "*NUL byte" },
  { "utf16.json", VPC_FILE_ERROR_ENCODING, "*NUL byte" },
  { "nul-escape.json", VPC_FILE_ERROR_ENCODING, "name: *\\u0000*" },
  { "comments.json", VPC_FILE_ERROR_SYNTAX, "*comments are not allowed*" },
  { "lone-surrogate.json", VPC_FILE_ERROR_ENCODING, "*lone UTF-16 surrogate*" },
  { "array-root.json", VPC_FILE_ERROR_FORMAT, "*one JSON object*" },
  { "nan.json", VPC_FILE_ERROR_SYNTAX, "*NaN*" },
};

static void
test_hostile (gconstpointer data)
{
  const HostileCase *c = data;
  g_autofree char *path = data_path ("hostile", c->file, NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(VpcDesign) design = vpc_file_load_path (path, NULL, &error);

  g_assert_null (design);
  g_assert_error (error, VPC_FILE_ERROR, c->code);
  if (!g_pattern_match_simple (c->message, error->message))
    g_error ("%s: message \"%s\" does not match \"%s\"", c->file, error->message, c->message);
}

/* Every file in tests/data/hostile is in the table above. */
static void
test_hostile_all_listed (void)
{
  g_autofree char *dir_path = data_path ("hostile", NULL);
  g_autoptr(GDir) dir = g_dir_open (dir_path, 0, NULL);
  const char *name;
  guint n = 0;

  g_assert_nonnull (dir);
  while ((name = g_dir_read_name (dir)) != NULL)
    {
      gboolean listed = FALSE;

      for (guint i = 0; i < G_N_ELEMENTS (hostile_cases); i++)
        listed = listed || strcmp (hostile_cases[i].file, name) == 0;
      if (!listed)
        g_error ("tests/data/hostile/%s has no expected message in test-file.c", name);
      n++;
    }
  g_assert_cmpuint (n, ==, G_N_ELEMENTS (hostile_cases));
}

/* Limits generated at test time, in a temporary folder. */

static void
test_limit_file_size (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("vpc-file-XXXXXX", &error);
  g_autofree char *path = NULL;
  g_autoptr(GBytes) bytes = NULL;
  gsize size = VPC_FILE_MAX_BYTES + 1;
  char *data;
  FILE *f;

  g_assert_no_error (error);
  path = g_build_filename (dir, "big.vpcd.json", NULL);
  f = fopen (path, "w");
  g_assert_nonnull (f);
  g_assert_cmpint (fseeko (f, (off_t) size - 1, SEEK_SET), ==, 0);
  g_assert_cmpint (fputc (' ', f), ==, ' ');
  g_assert_cmpint (fclose (f), ==, 0);
  g_assert_null (vpc_file_load_path (path, NULL, &error));
  g_assert_error (error, VPC_FILE_ERROR, VPC_FILE_ERROR_TOO_LARGE);
  g_assert_true (g_pattern_match_simple ("*larger than 64 MiB*", error->message));
  g_clear_error (&error);
  g_assert_cmpint (g_unlink (path), ==, 0);
  g_assert_cmpint (g_rmdir (dir), ==, 0);

  /* The same from memory, where nothing stats the size first. */
  data = g_malloc0 (size);
  bytes = g_bytes_new_take (data, size);
  g_assert_null (vpc_file_load_bytes (bytes, NULL, &error));
  g_assert_error (error, VPC_FILE_ERROR, VPC_FILE_ERROR_TOO_LARGE);
}

/* A device is not a design file: refused without reading ("check
 * /dev/zero"). Standard input has no size to stat: reading it stops at the
 * limit instead of filling the memory. */
static void
test_limit_stream_size (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = NULL;
  int fd;

  g_assert_null (vpc_file_load_path ("/dev/zero", NULL, &error));
  g_assert_error (error, G_FILE_ERROR, G_FILE_ERROR_INVAL);
  g_assert_true (g_pattern_match_simple ("*character device*", error->message));
  g_clear_error (&error);

  fd = g_open ("/dev/zero", O_RDONLY, 0);
  g_assert_cmpint (fd, >=, 0);
  bytes = vpc_file_read_fd (fd, "/dev/zero", &error);
  g_assert_cmpint (close (fd), ==, 0);
  g_assert_null (bytes);
  g_assert_error (error, VPC_FILE_ERROR, VPC_FILE_ERROR_TOO_LARGE);
  g_assert_true (g_pattern_match_simple ("*larger than 64 MiB*", error->message));
}

static void
test_limit_elements (void)
{
  GString *text = g_string_new (HEAD ", \"availability_zones\": [");
  g_autoptr(GError) error = NULL;

  for (guint i = 0; i <= VPC_FILE_MAX_ELEMENTS - 10; i++)
    g_string_append_printf (text, "%s{\"id\": \"a%u\"}", i > 0 ? ", " : "", i);
  g_string_append (text, "], \"workloads\": [");
  for (guint i = 0; i < 10; i++)
    g_string_append_printf (text, "%s{\"id\": \"w%u\", \"kind\": \"client\"}", i > 0 ? ", " : "",
                            i);
  g_string_append (text, "]}");
  g_assert_null (load_text (text->str, NULL, &error));
  g_assert_error (error, VPC_FILE_ERROR, VPC_FILE_ERROR_TOO_LARGE);
  g_assert_cmpstr (error->message, ==, "the design has 100001 elements; the limit is 100000");
  g_string_free (text, TRUE);
}

static void
test_limit_values (void)
{
  GString *text = g_string_new (HEAD ", \"x\": [0");
  g_autoptr(GError) error = NULL;

  for (guint i = 0; i < VPC_JSON_SCAN_MAX_VALUES; i++)
    g_string_append (text, ",0");
  g_string_append (text, "]}");
  g_assert_null (load_text (text->str, NULL, &error));
  g_assert_error (error, VPC_FILE_ERROR, VPC_FILE_ERROR_TOO_LARGE);
  g_assert_true (g_pattern_match_simple ("x[*]: the file holds more than 4000000 JSON values*",
                                         error->message));
  g_string_free (text, TRUE);
}

/* Saving */

static char *
read_data_file (const char *name,
                gsize      *length)
{
  g_autofree char *path = data_path ("file", name, NULL);
  g_autoptr(GError) error = NULL;
  char *text = NULL;

  g_file_get_contents (path, &text, length, &error);
  g_assert_no_error (error);
  return text;
}

/* full.vpcd.json is written in the canonical form already. */
static void
test_save_canonical (void)
{
  gsize expected_length, length;
  g_autofree char *expected = read_data_file ("full.vpcd.json", &expected_length);
  g_autoptr(GError) error = NULL;
  g_autoptr(VpcDesign) design = load_text (expected, NULL, &error);
  g_autofree char *text = NULL;

  g_assert_no_error (error);
  text = vpc_file_serialize (design, &length);
  g_assert_cmpstr (text, ==, expected);
  g_assert_cmpuint (length, ==, expected_length);
}

static void
test_save_round_trip (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *source = read_data_file ("no-layout.vpcd.json", NULL);
  g_autoptr(VpcDesign) first = load_text (source, NULL, &error);
  g_autofree char *text1 = vpc_file_serialize (first, NULL);
  g_autoptr(VpcDesign) second = load_text (text1, NULL, &error);
  g_autofree char *text2 = vpc_file_serialize (second, NULL);
  g_autoptr(JsonParser) parser = json_parser_new ();

  g_assert_no_error (error);
  assert_designs_equal (first, second);
  g_assert_cmpstr (text1, ==, text2);
  json_parser_load_from_data (parser, text1, -1, &error);
  g_assert_no_error (error);
  g_assert_true (g_str_has_suffix (text1, "}\n"));
}

static guint
count (const char *text,
       const char *needle)
{
  guint n = 0;

  for (const char *p = strstr (text, needle); p != NULL; p = strstr (p + 1, needle))
    n++;
  return n;
}

static void
test_save_omits_unset (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr (VpcDesign) design = load_text (
      BASE
      ", \"endpoints\": [{\"id\": \"gw\", \"service\": \"dynamodb\"}], "
      "\"workloads\": [{\"id\": \"w\", \"kind\": \"training_job\"}, "
      "{\"id\": \"nb\", \"name\": \"\", \"kind\": \"notebook_instance\", \"calls\": [\"s3\"]}], "
      "\"security_groups\": [{\"id\": \"sg\", \"ingress\": [{\"protocol\": \"icmp\", \"ports\": "
      "\"7\", "
      "\"peer\": \"self\"}, {\"protocol\": \"tcp\", \"ports\": \"0-65535\", \"peer\": \"sg\"}, "
      "{\"protocol\": \"tcp\", \"ports\": \"22-22\", \"peer\": \"sg\"}]}]}",
      NULL, &error);
  g_autofree char *text = NULL;

  g_assert_no_error (error);
  text = vpc_file_serialize (design, NULL);
  /* No name or calls where the file gave none; interface-only keys only
   * on interface endpoints; direct_internet_access only on notebooks. */
  g_assert_null (strstr (text, "\"id\": \"w\",\n      \"name\""));
  g_assert_nonnull (strstr (text, "\"id\": \"nb\",\n      \"name\": \"\",\n"));
  g_assert_cmpuint (count (text, "\"calls\""), ==, 1);
  g_assert_cmpuint (count (text, "\"direct_internet_access\""), ==, 1);
  g_assert_null (strstr (text, "private_dns"));
  g_assert_nonnull (strstr (text, "\"type\": \"gateway\""));
  g_assert_nonnull (strstr (text, "\"protocol\": \"icmp\",\n          \"ports\": \"all\""));
  g_assert_nonnull (strstr (text, "\"protocol\": \"tcp\",\n          \"ports\": \"all\""));
  g_assert_nonnull (strstr (text, "\"protocol\": \"tcp\",\n          \"ports\": \"22\""));
}

static void
assert_number_text (double      value,
                    const char *expected)
{
  g_autoptr(GString) out = g_string_new (NULL);

  vpc_json_append_number (out, value);
  g_assert_cmpstr (out->str, ==, expected);
  g_assert_cmpfloat (g_ascii_strtod (out->str, NULL), ==, isfinite (value) ? value : 0);
}

static void
test_save_numbers (void)
{
  assert_number_text (0, "0");
  assert_number_text (-0.0, "0");
  assert_number_text (2, "2");
  assert_number_text (-1e7, "-10000000");
  assert_number_text (0.1, "0.1");
  assert_number_text (800.5, "800.5");
  assert_number_text (1.0 / 3, "0.3333333333333333");
  assert_number_text (123456789.123, "123456789.123");
  assert_number_text (9007199254740991.0, "9007199254740991");
  assert_number_text (9007199254740992.0, "9.0071992547409920e+15");
  assert_number_text (-18014398509481984.0, "-1.8014398509481984e+16");
  assert_number_text (1e20, "1e+20");
  assert_number_text (-1e-78, "-1e-78");
  assert_number_text (5e-324, "5e-324");
  assert_number_text (1.7976931348623157e308, "1.7976931348623157e+308");
  assert_number_text (INFINITY, "0");
  assert_number_text (NAN, "0");
}

static void
test_save_strings (void)
{
  const char *value
      = "quote \" backslash \\ slash / nl \n cr \r tab \t bell \a esc \x1b del \x7f é ☃ 😀";
  g_autoptr(GString) out = g_string_new (NULL);
  g_autoptr(GString) doc = g_string_new ("[");
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;

  vpc_json_append_string (out, value);
  g_assert_cmpstr (out->str, ==,
                   "\"quote \\\" backslash \\\\ slash / nl \\n cr \\r tab \\t bell \\u0007 "
                   "esc \\u001b del \x7f é ☃ 😀\"");
  g_string_append_printf (doc, "%s]", out->str);
  g_assert_true (vpc_json_scan (doc->str, doc->len, NULL, &error));
  json_parser_load_from_data (parser, doc->str, -1, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (
      json_array_get_string_element (json_node_get_array (json_parser_get_root (parser)), 0), ==,
      value);

  /* Invalid UTF-8 from elsewhere never makes invalid JSON. */
  g_string_truncate (out, 0);
  vpc_json_append_string (out, "caf\xe9");
  g_assert_true (g_utf8_validate (out->str, -1, NULL));
}

static void
test_save_path (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("vpc-file-XXXXXX", &error);
  g_autofree char *path = g_build_filename (dir, "d.vpcd.json", NULL);
  g_autoptr(VpcDesign) design = load_text (BASE "}", NULL, &error);
  g_autoptr(VpcDesign) again = NULL;
  g_autoptr(VpcElement) copy = NULL;

  g_assert_no_error (error);
  copy = vpc_element_copy (vpc_design_lookup (design, "sn-a"));
  g_free (copy->cidr);
  copy->cidr = g_strdup ("10.0.9.0/24");
  vpc_design_replace_element (design, g_steal_pointer (&copy));
  g_assert_true (vpc_design_get_modified (design));

  /* A failed save leaves the design modified. */
  g_assert_false (vpc_file_save_path (design, dir, &error));
  g_assert_error (error, G_FILE_ERROR, G_FILE_ERROR_ISDIR);
  g_clear_error (&error);
  g_assert_true (vpc_design_get_modified (design));

  g_assert_true (vpc_file_save_path (design, path, &error));
  g_assert_no_error (error);
  g_assert_false (vpc_design_get_modified (design));
  again = vpc_file_load_path (path, NULL, &error);
  g_assert_no_error (error);
  assert_designs_equal (design, again);
  g_assert_cmpint (g_unlink (path), ==, 0);
  g_assert_cmpint (g_rmdir (dir), ==, 0);
}

static void
test_load_path_errors (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = data_path ("file", NULL);

  g_assert_null (vpc_file_load_path ("/nonexistent/x.vpcd.json", NULL, &error));
  g_assert_error (error, G_FILE_ERROR, G_FILE_ERROR_NOENT);
  g_assert_nonnull (strstr (error->message, "/nonexistent/x.vpcd.json"));
  g_clear_error (&error);
  g_assert_null (vpc_file_load_path (dir, NULL, &error));
  g_assert_error (error, G_FILE_ERROR, G_FILE_ERROR_ISDIR);
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/file/load/minimal", test_load_minimal);
  g_test_add_func ("/file/load/take", test_load_take);
  g_test_add_func ("/file/load/values", test_load_values);
  g_test_add_func ("/file/load/defaults", test_load_defaults);
  g_test_add_func ("/file/load/bom", test_load_bom);
  g_test_add_func ("/file/load/not-errors", test_load_not_errors);
  g_test_add_func ("/file/load/warnings", test_load_warnings);
  g_test_add_func ("/file/load/depth-64", test_load_depth_64);
  g_test_add_func ("/file/load/nul-byte", test_load_nul_byte);
  g_test_add_func ("/file/load/path-errors", test_load_path_errors);
  for (guint i = 0; i < G_N_ELEMENTS (error_cases); i++)
    {
      g_autofree char *name = g_strdup_printf ("/file/error/%s", error_cases[i].name);

      g_test_add_data_func (name, &error_cases[i], test_load_error);
    }
  for (guint i = 0; i < G_N_ELEMENTS (hostile_cases); i++)
    {
      g_autofree char *name = g_strdup_printf ("/file/hostile/%s", hostile_cases[i].file);

      g_test_add_data_func (name, &hostile_cases[i], test_hostile);
    }
  g_test_add_func ("/file/hostile/all-listed", test_hostile_all_listed);
  g_test_add_func ("/file/limit/file-size", test_limit_file_size);
  g_test_add_func ("/file/limit/stream-size", test_limit_stream_size);
  g_test_add_func ("/file/limit/elements", test_limit_elements);
  g_test_add_func ("/file/limit/values", test_limit_values);
  g_test_add_func ("/file/save/canonical", test_save_canonical);
  g_test_add_func ("/file/save/round-trip", test_save_round_trip);
  g_test_add_func ("/file/save/omits-unset", test_save_omits_unset);
  g_test_add_func ("/file/save/numbers", test_save_numbers);
  g_test_add_func ("/file/save/strings", test_save_strings);
  g_test_add_func ("/file/save/path", test_save_path);

  return g_test_run ();
}
