/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-cfn.c: CloudFormation export (.yaml, .cfn.json) and `import`
 * (format.md §5), run as processes.
 *
 * - Round trip: every example and every loadable tests/data design,
 *   exported in both forms and imported again, is judged the same:
 *   `check --format json` of both profiles (findings, in order, with their
 *   messages) and `cost --format json` (items and total) are equal, and
 *   the import warns of nothing.
 * - Structure of every exported template: each Ref names a resource, a
 *   parameter or a pseudo parameter; each Fn::GetAtt and DependsOn a
 *   resource; each resource type is one the exporter means to write, with
 *   the properties CloudFormation requires of it (from the AWS resource
 *   reference).
 * - A hand-written short-form YAML template (tests/data/import): intrinsic
 *   functions, conditions, defaults, routes, endpoints, a notebook, and a
 *   warning for what the design cannot hold.
 * - Errors: not a template, no VPC, two VPCs without --vpc, bad YAML.
 * - Saved AWS CLI outputs (tests/data/import/aws-cli), in any order: the
 *   design they describe, and --vpc when they hold two VPCs.
 * - Public templates (tests/data/import/corpus): what each imports to.
 */
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <string.h>

#include "cli-test-utils.h"

static char *work_dir;

static const struct
{
  const char        *type;
  const char *const *required;
} resource_types[] = {
  { "AWS::EC2::VPC", (const char *const[]){ "CidrBlock", NULL } },
  { "AWS::EC2::Subnet", (const char *const[]){ "VpcId", NULL } },
  { "AWS::EC2::RouteTable", (const char *const[]){ "VpcId", NULL } },
  { "AWS::EC2::SubnetRouteTableAssociation",
    (const char *const[]){ "RouteTableId", "SubnetId", NULL } },
  { "AWS::EC2::Route", (const char *const[]){ "RouteTableId", NULL } },
  { "AWS::EC2::InternetGateway", (const char *const[]){ NULL } },
  { "AWS::EC2::VPCGatewayAttachment", (const char *const[]){ "VpcId", NULL } },
  { "AWS::EC2::EIP", (const char *const[]){ NULL } },
  { "AWS::EC2::NatGateway", (const char *const[]){ "SubnetId", NULL } },
  { "AWS::EC2::SecurityGroup", (const char *const[]){ "GroupDescription", NULL } },
  { "AWS::EC2::SecurityGroupIngress", (const char *const[]){ "IpProtocol", NULL } },
  { "AWS::EC2::SecurityGroupEgress", (const char *const[]){ "GroupId", "IpProtocol", NULL } },
  { "AWS::EC2::VPCEndpoint", (const char *const[]){ "ServiceName", "VpcId", NULL } },
  { "AWS::SageMaker::NotebookInstance", (const char *const[]){ "InstanceType", "RoleArn", NULL } },
  { "AWS::SageMaker::Domain", (const char *const[]){ "AuthMode", "DefaultUserSettings",
                                                     "DomainName", "SubnetIds", "VpcId", NULL } },
  { "AWS::SageMaker::Model", (const char *const[]){ NULL } },
  { "AWS::SageMaker::EndpointConfig", (const char *const[]){ "ProductionVariants", NULL } },
  { "AWS::SageMaker::Endpoint", (const char *const[]){ "EndpointConfigName", NULL } },
};

/* --- helpers --------------------------------------------------------------- */

static JsonNode *
parse (const char *text)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;

  if (!json_parser_load_from_data (parser, text, -1, &error))
    g_error ("not JSON (%s)", error->message);
  return json_node_copy (json_parser_get_root (parser));
}

static char *
run_ok (const char *const *args)
{
  g_auto(CliRun) run = { 0 };

  cli_run (&run, work_dir, args);
  if (run.status == 2)
    g_error ("%s %s failed: %s", args[0], args[1], run.err);
  return g_steal_pointer (&run.out);
}

/* check of both profiles and cost, as one text to compare. */
static char *
judgement (const char *path)
{
  const char *profiles[] = { "study-guide", "precise" };
  GString *text = g_string_new (NULL);

  for (guint i = 0; i < G_N_ELEMENTS (profiles); i++)
    {
      const char *args[] = { "check", path, "--profile", profiles[i], "--format", "json", NULL };
      g_autofree char *out = run_ok (args);
      g_autoptr(JsonNode) root = parse (out);
      JsonNode *findings = json_object_get_member (json_node_get_object (root), "findings");
      g_autofree char *findings_text = json_to_string (findings, TRUE);

      g_string_append (text, findings_text);
    }
  {
    const char *args[] = { "cost", path, "--format", "json", NULL };
    g_autofree char *out = run_ok (args);
    g_autoptr(JsonNode) root = parse (out);
    JsonObject *cost = json_node_get_object (root);
    g_autofree char *items = json_to_string (json_object_get_member (cost, "items"), TRUE);
    g_autofree char *total = json_to_string (json_object_get_member (cost, "monthly_total"), FALSE);

    g_string_append_printf (text, "%s\ntotal %s\n", items, total);
  }
  return g_string_free (text, FALSE);
}

/* --- structure ------------------------------------------------------------- */

static gboolean
is_pseudo (const char *name)
{
  return g_str_has_prefix (name, "AWS::");
}

static void
check_references (JsonObject *root,
                  JsonNode   *node,
                  const char *what)
{
  JsonObject *resources = json_object_get_object_member (root, "Resources");
  JsonObject *parameters = json_object_has_member (root, "Parameters")
                             ? json_object_get_object_member (root, "Parameters") : NULL;

  if (JSON_NODE_HOLDS_ARRAY (node))
    {
      for (guint i = 0; i < json_array_get_length (json_node_get_array (node)); i++)
        check_references (root, json_array_get_element (json_node_get_array (node), i), what);
      return;
    }
  if (!JSON_NODE_HOLDS_OBJECT (node))
    return;
  {
    JsonObject *object = json_node_get_object (node);
    GList *members = json_object_get_members (object);

    for (GList *m = members; m != NULL; m = m->next)
      {
        JsonNode *value = json_object_get_member (object, m->data);

        if (g_str_equal (m->data, "Ref"))
          {
            const char *name = json_node_get_string (value);

            if (!json_object_has_member (resources, name) && !is_pseudo (name) &&
                (parameters == NULL || !json_object_has_member (parameters, name)))
              g_error ("%s: Ref %s names nothing", what, name);
          }
        else if (g_str_equal (m->data, "Fn::GetAtt"))
          {
            const char *name = json_array_get_string_element (json_node_get_array (value), 0);

            g_assert_cmpuint (json_array_get_length (json_node_get_array (value)), ==, 2);
            if (!json_object_has_member (resources, name))
              g_error ("%s: Fn::GetAtt %s names no resource", what, name);
          }
        else if (g_str_equal (m->data, "Fn::Sub"))
          {
            /* ${X} in the text: pseudo parameters only, as the exporter writes. */
            const char *text = json_node_get_string (value);

            for (const char *at = strstr (text, "${"); at != NULL; at = strstr (at + 2, "${"))
              g_assert_true (g_str_has_prefix (at + 2, "AWS::"));
          }
        else
          check_references (root, value, what);
      }
    g_list_free (members);
  }
}

static void
check_structure (const char *template_path,
                 const char *what)
{
  g_autofree char *text = NULL;
  g_autoptr(JsonNode) node = NULL;
  JsonObject *root, *resources;
  GList *names;

  g_assert_true (g_file_get_contents (template_path, &text, NULL, NULL));
  node = parse (text);
  root = json_node_get_object (node);
  g_assert_cmpstr (json_object_get_string_member (root, "AWSTemplateFormatVersion"), ==,
                   "2010-09-09");
  resources = json_object_get_object_member (root, "Resources");
  names = json_object_get_members (resources);
  for (GList *m = names; m != NULL; m = m->next)
    {
      JsonObject *resource = json_object_get_object_member (resources, m->data);
      const char *type = json_object_get_string_member (resource, "Type");
      JsonObject *properties = json_object_get_object_member (resource, "Properties");
      gboolean known = FALSE;

      for (const char *c = m->data; *c != '\0'; c++)
        g_assert_true (g_ascii_isalnum (*c));
      for (guint i = 0; i < G_N_ELEMENTS (resource_types); i++)
        if (g_str_equal (type, resource_types[i].type))
          {
            known = TRUE;
            for (guint k = 0; resource_types[i].required[k] != NULL; k++)
              if (!json_object_has_member (properties, resource_types[i].required[k]))
                g_error ("%s: %s (%s) lacks %s", what, (char *) m->data, type,
                         resource_types[i].required[k]);
          }
      if (!known)
        g_error ("%s: %s has the unexpected type %s", what, (char *) m->data, type);
      if (json_object_has_member (resource, "DependsOn"))
        {
          JsonArray *depends = json_object_get_array_member (resource, "DependsOn");

          for (guint i = 0; i < json_array_get_length (depends); i++)
            g_assert_true (
                json_object_has_member (resources, json_array_get_string_element (depends, i)));
        }
    }
  g_list_free (names);
  check_references (root, json_object_get_member (root, "Resources"), what);
  if (json_object_has_member (root, "Outputs"))
    check_references (root, json_object_get_member (root, "Outputs"), what);
}

/* --- tests ------------------------------------------------------------------ */

static void
test_round_trip (void)
{
  g_autoptr(GPtrArray) paths = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *data_dir = g_test_build_filename (G_TEST_DIST, "data", NULL);
  g_autofree char *yaml = g_build_filename (work_dir, "t.yaml", NULL);
  g_autofree char *json = g_build_filename (work_dir, "t.cfn.json", NULL);
  g_autofree char *back = g_build_filename (work_dir, "back.vpcd.json", NULL);
  guint n = 0;

  cli_add_designs (paths, g_getenv ("VPC_EXAMPLES_DIR"), FALSE);
  cli_add_designs (paths, data_dir, TRUE);
  g_ptr_array_sort (paths, (GCompareFunc) g_strcmp0);
  for (guint i = 0; i < paths->len; i++)
    {
      const char *path = g_ptr_array_index (paths, i);
      const char *templates[] = { yaml, json };
      g_auto(CliRun) probe = { 0 };
      g_autofree char *original = NULL;

      CLI_RUN (&probe, NULL, "check", path);
      if (probe.status == 2)
        continue;
      original = judgement (path);
      for (guint t = 0; t < G_N_ELEMENTS (templates); t++)
        {
          g_auto(CliRun) exported = { 0 };
          g_auto(CliRun) imported = { 0 };
          g_autofree char *again = NULL;

          CLI_RUN (&exported, NULL, "export", path, "-o", templates[t]);
          g_assert_cmpint (exported.status, ==, 0);
          if (t == 1)
            check_structure (templates[t], path);
          CLI_RUN (&imported, NULL, "import", templates[t], "-o", back);
          if (imported.status != 0 || *imported.err != '\0')
            g_error ("%s through %s: import said %d: %s", path, templates[t], imported.status,
                     imported.err);
          again = judgement (back);
          if (!g_str_equal (original, again))
            g_error ("%s through %s is judged differently:\n%s\n---\n%s", path, templates[t],
                     original, again);
        }
      n++;
    }
  g_test_message ("%u designs, both forms", n);
  g_assert_cmpuint (n, >=, 60);
  g_unlink (yaml);
  g_unlink (json);
  g_unlink (back);
}

static JsonObject *
element (JsonObject *design,
         const char *list,
         const char *id)
{
  JsonArray *array = json_object_get_array_member (design, list);

  for (guint i = 0; i < json_array_get_length (array); i++)
    if (g_str_equal (json_object_get_string_member (json_array_get_object_element (array, i), "id"),
                     id))
      return json_array_get_object_element (array, i);
  g_error ("%s has no %s", list, id);
  return NULL;
}

static char *
strings (JsonArray *array)
{
  GString *text = g_string_new (NULL);

  for (guint i = 0; i < json_array_get_length (array); i++)
    g_string_append_printf (text, "%s%s", i > 0 ? "," : "",
                            json_array_get_string_element (array, i));
  return g_string_free (text, FALSE);
}

static void
test_short_forms (void)
{
  g_autofree char *source
      = g_test_build_filename (G_TEST_DIST, "data", "import", "short-forms.yaml", NULL);
  g_autofree char *out = g_build_filename (work_dir, "short.vpcd.json", NULL);
  g_autofree char *text = NULL;
  g_autoptr(JsonNode) node = NULL;
  g_autofree char *s3_subnets = NULL, *logs_subnets = NULL;
  g_auto(CliRun) run = { 0 };
  JsonObject *design, *vpc, *subnet, *group, *notebook;

  CLI_RUN (&run, NULL, "import", source, "-o", out, "--region", "eu-west-1");
  g_assert_cmpint (run.status, ==, 0);
  /* The bucket is named, nothing else is. */
  g_assert_nonnull (
      strstr (run.err, "Resources.Artifacts (AWS::S3::Bucket): not part of the VPC design"));
  g_assert_null (strstr (run.err, "ProdOnlyEndpoint"));
  g_assert_true (g_file_get_contents (out, &text, NULL, NULL));
  node = parse (text);
  design = json_node_get_object (node);

  g_assert_cmpstr (json_object_get_string_member (design, "region"), ==, "eu-west-1");
  vpc = json_object_get_object_member (design, "vpc");
  g_assert_cmpstr (json_object_get_string_member (vpc, "cidr"), ==, "10.20.0.0/16");
  g_assert_cmpuint (
      json_array_get_length (json_object_get_array_member (design, "availability_zones")), ==, 2);
  g_assert_cmpstr (json_object_get_string_member (
                       element (design, "availability_zones", "az-eu-west-1b"), "name"),
                   ==, "eu-west-1b");
  subnet = element (design, "subnets", "SubnetA");
  g_assert_cmpstr (json_object_get_string_member (subnet, "name"), ==, "Private A");
  g_assert_cmpstr (json_object_get_string_member (subnet, "az"), ==, "az-eu-west-1a");
  g_assert_cmpstr (json_object_get_string_member (subnet, "route"), ==, "private");
  g_assert_cmpstr (
      json_object_get_string_member (element (design, "subnets", "PublicSubnet"), "route"), ==,
      "public");
  group = element (design, "security_groups", "EndpointGroup");
  g_assert_cmpstr (json_object_get_string_member (group, "name"), ==, "Interface endpoints");
  g_assert_cmpstr (
      json_object_get_string_member (
          json_array_get_object_element (json_object_get_array_member (group, "ingress"), 0),
          "peer"),
      ==, "JobGroup");
  s3_subnets = strings (
      json_object_get_array_member (element (design, "endpoints", "S3Endpoint"), "subnets"));
  g_assert_cmpstr (s3_subnets, ==, "SubnetA,SubnetB");
  g_assert_cmpstr (
      json_object_get_string_member (element (design, "endpoints", "S3Endpoint"), "type"), ==,
      "gateway");
  logs_subnets = strings (
      json_object_get_array_member (element (design, "endpoints", "LogsEndpoint"), "subnets"));
  g_assert_cmpstr (logs_subnets, ==, "SubnetA,SubnetB");
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (design, "endpoints")), ==,
                    2);
  notebook = element (design, "workloads", "Notebook");
  g_assert_cmpstr (json_object_get_string_member (notebook, "kind"), ==, "notebook_instance");
  g_assert_false (json_object_get_boolean_member (notebook, "direct_internet_access"));
  g_unlink (out);
}

/* Saved AWS CLI outputs, in any order: one design, the same bytes. */
static void
test_aws_cli (void)
{
  g_autofree char *dir = g_test_build_filename (G_TEST_DIST, "data", "import", "aws-cli", NULL);
  g_autofree char *out = g_build_filename (work_dir, "cli.vpcd.json", NULL);
  g_autofree char *out_reversed = g_build_filename (work_dir, "cli-reversed.vpcd.json", NULL);
  g_autoptr(GPtrArray) inputs = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) args = g_ptr_array_new ();
  g_autoptr(GPtrArray) reversed = g_ptr_array_new ();
  g_autoptr(GDir) folder = g_dir_open (dir, 0, NULL);
  g_autofree char *text = NULL, *text_reversed = NULL;
  g_autoptr(JsonNode) node = NULL;
  g_auto(CliRun) run = { 0 };
  g_auto(CliRun) run_reversed = { 0 };
  g_auto(CliRun) ambiguous = { 0 };
  JsonObject *design, *group, *notebook, *endpoint, *job;
  const char *name;

  while ((name = g_dir_read_name (folder)) != NULL)
    g_ptr_array_add (inputs, g_build_filename (dir, name, NULL));
  g_ptr_array_sort (inputs, (GCompareFunc) g_strcmp0);
  g_assert_cmpuint (inputs->len, >=, 13);
  g_ptr_array_add (args, "import");
  g_ptr_array_add (reversed, "import");
  for (guint i = 0; i < inputs->len; i++)
    {
      g_ptr_array_add (args, g_ptr_array_index (inputs, i));
      g_ptr_array_add (reversed, g_ptr_array_index (inputs, inputs->len - 1 - i));
    }

  /* Two VPCs in the outputs: --vpc is needed. */
  g_ptr_array_add (args, "-o");
  g_ptr_array_add (args, out);
  g_ptr_array_add (args, NULL);
  cli_run (&ambiguous, NULL, (const char *const *) args->pdata);
  g_assert_cmpint (ambiguous.status, ==, 2);
  g_assert_nonnull (strstr (ambiguous.err, "choose one with --vpc"));
  g_ptr_array_remove_index (args, args->len - 1);
  g_ptr_array_add (args, "--vpc");
  g_ptr_array_add (args, "vpc-0a1b2c3d4e5f60718");
  g_ptr_array_add (args, NULL);
  cli_run (&run, NULL, (const char *const *) args->pdata);
  g_assert_cmpint (run.status, ==, 0);
  /* What the format cannot hold is said. */
  g_assert_nonnull (strstr (run.err, "IPv6 ranges are not part of the design format"));

  g_ptr_array_add (reversed, "-o");
  g_ptr_array_add (reversed, out_reversed);
  g_ptr_array_add (reversed, "--vpc");
  g_ptr_array_add (reversed, "vpc-0a1b2c3d4e5f60718");
  g_ptr_array_add (reversed, NULL);
  cli_run (&run_reversed, NULL, (const char *const *) reversed->pdata);
  g_assert_cmpint (run_reversed.status, ==, 0);
  g_assert_true (g_file_get_contents (out, &text, NULL, NULL));
  g_assert_true (g_file_get_contents (out_reversed, &text_reversed, NULL, NULL));
  g_assert_cmpstr (text, ==, text_reversed);

  node = parse (text);
  design = json_node_get_object (node);
  g_assert_cmpstr (json_object_get_string_member (design, "region"), ==, "eu-west-1");
  g_assert_cmpstr (
      json_object_get_string_member (json_object_get_object_member (design, "vpc"), "cidr"), ==,
      "10.1.0.0/16");
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (design, "subnets")), ==,
                    3);
  g_assert_cmpstr (json_object_get_string_member (
                       element (design, "subnets", "subnet-0aaa1111aaaa1111a"), "route"),
                   ==, "private");
  g_assert_cmpstr (json_object_get_string_member (
                       element (design, "subnets", "subnet-0bbb2222bbbb2222b"), "route"),
                   ==, "nat");
  g_assert_cmpstr (json_object_get_string_member (
                       element (design, "subnets", "subnet-0ccc3333cccc3333c"), "route"),
                   ==, "public");
  g_assert_cmpstr (json_object_get_string_member (
                       element (design, "nat_gateways", "nat-0abc0000abc000001"), "subnet"),
                   ==, "subnet-0ccc3333cccc3333c");
  /* The gateway endpoint is on the main table: the subnet without its own. */
  {
    g_autofree char *served = strings (json_object_get_array_member (
        element (design, "endpoints", "vpce-0s3gw000s3gw0000"), "subnets"));

    g_assert_cmpstr (served, ==, "subnet-0aaa1111aaaa1111a");
  }
  group = element (design, "security_groups", "sg-0111aaaa1111aaaa1");
  g_assert_cmpstr (json_object_get_string_member (group, "name"), ==, "ml-workloads");
  g_assert_nonnull (strstr (text, "\"peer\": \"prefix-list:s3\""));
  g_assert_cmpstr (
      json_object_get_string_member (
          json_array_get_object_element (json_object_get_array_member (group, "ingress"), 0),
          "peer"),
      ==, "self");
  job = element (design, "workloads", "churn-xgb-2026-01-15");
  g_assert_cmpstr (json_object_get_string_member (job, "image_access"), ==, "vpc");
  g_assert_cmpint (json_object_get_int_member (job, "instance_count"), ==, 2);
  g_assert_true (json_object_get_boolean_member (job, "inter_container_encryption"));
  endpoint = element (design, "workloads", "churn-endpoint-config");
  g_assert_cmpstr (json_object_get_string_member (endpoint, "kind"), ==, "realtime_endpoint");
  g_assert_true (json_object_get_boolean_member (endpoint, "network_isolation"));
  g_assert_cmpint (json_object_get_int_member (endpoint, "instance_count"), ==, 2);
  notebook = element (design, "workloads", "research");
  g_assert_false (json_object_get_boolean_member (notebook, "direct_internet_access"));
  g_assert_cmpstr (
      json_object_get_string_member (element (design, "workloads", "research-studio"), "kind"), ==,
      "studio_domain");
  g_unlink (out);
  g_unlink (out_reversed);
}

/* Public templates (tests/data/import/corpus, MIT-0): what each imports
 * to, checked by hand against its text. */
static void
test_corpus (void)
{
  static const struct
  {
    const char *file;
    guint       subnets, groups, endpoints, nats;
    const char *routes;   /* the subnets' routes, in order */
    const char *warning;  /* one of the notes it must give */
  } corpus[] = {
    /* 11 endpoints; the PyPI mirror's service is a parameter without default. */
    { "sdsra-env-network.yaml", 3, 3, 10, 0, "private,private,private",
      "PyPIMirrorEndpointServiceName" },
    { "sdsra-shared-services-network.yaml", 3, 0, 1, 0, "public,public,public",
      "AWS::SSM::Parameter" },
    /* Conditions on the number of AZs and private subnets: the defaults. */
    { "secure-mlops-env-vpc.yaml", 4, 3, 16, 2, "nat,nat,public,public", "has no default" },
    /* The NAT subnet's default route goes to the firewall endpoint: private. */
    { "studio-networkfirewall-vpc.yaml", 3, 2, 11, 1, "public,private,nat",
      "the parameter VPCCIDR" },
    { "studio-workshop-sagemaker-network.yaml", 3, 4, 15, 0, "private,private,private",
      "AWS::SSM::Parameter" },
    /* One private subnet for Studio, ten endpoints, CIDRs as parameters. */
    { "studio-vpc-blog-vpc.yaml", 1, 2, 10, 0, "private", "the parameter PrivateSubnetCIDR" },
  };
  g_autofree char *out = g_build_filename (work_dir, "corpus.vpcd.json", NULL);

  for (guint i = 0; i < G_N_ELEMENTS (corpus); i++)
    {
      g_autofree char *source
          = g_test_build_filename (G_TEST_DIST, "data", "import", "corpus", corpus[i].file, NULL);
      g_autofree char *text = NULL;
      g_autoptr(JsonNode) node = NULL;
      g_autoptr(GString) routes = g_string_new (NULL);
      g_auto(CliRun) run = { 0 };
      JsonObject *design;
      JsonArray *subnets;

      CLI_RUN (&run, NULL, "import", source, "-o", out);
      if (run.status != 0)
        g_error ("%s: %s", corpus[i].file, run.err);
      g_assert_nonnull (strstr (run.err, corpus[i].warning));
      g_assert_true (g_file_get_contents (out, &text, NULL, NULL));
      node = parse (text);
      design = json_node_get_object (node);
      subnets = json_object_get_array_member (design, "subnets");
      g_assert_cmpuint (json_array_get_length (subnets), ==, corpus[i].subnets);
      g_assert_cmpuint (
          json_array_get_length (json_object_get_array_member (design, "security_groups")), ==,
          corpus[i].groups);
      g_assert_cmpuint (json_array_get_length (json_object_get_array_member (design, "endpoints")),
                        ==, corpus[i].endpoints);
      g_assert_cmpuint (
          json_array_get_length (json_object_get_array_member (design, "nat_gateways")), ==,
          corpus[i].nats);
      for (guint k = 0; k < json_array_get_length (subnets); k++)
        g_string_append_printf (
            routes, "%s%s", k > 0 ? "," : "",
            json_object_get_string_member (json_array_get_object_element (subnets, k), "route"));
      g_assert_cmpstr (routes->str, ==, corpus[i].routes);
    }
  g_unlink (out);
}

static void
test_errors (void)
{
  g_autofree char *not_template = g_build_filename (work_dir, "plain.json", NULL);
  g_autofree char *no_vpc = g_build_filename (work_dir, "no-vpc.yaml", NULL);
  g_autofree char *two = g_build_filename (work_dir, "two.yaml", NULL);
  g_autofree char *bad = g_build_filename (work_dir, "bad.yaml", NULL);
  g_autofree char *out = g_build_filename (work_dir, "never.vpcd.json", NULL);
  g_auto(CliRun) a = { 0 };
  g_auto(CliRun) b = { 0 };
  g_auto(CliRun) c = { 0 };
  g_auto(CliRun) d = { 0 };
  g_auto(CliRun) e = { 0 };
  g_auto(CliRun) f = { 0 };

  g_assert_true (g_file_set_contents (not_template, "{\"format\": \"vpc-designer\"}", -1, NULL));
  g_assert_true (
      g_file_set_contents (no_vpc, "Resources:\n  B:\n    Type: AWS::S3::Bucket\n", -1, NULL));
  g_assert_true (g_file_set_contents (
      two,
      "Resources:\n  A:\n    Type: AWS::EC2::VPC\n    Properties: {CidrBlock: 10.0.0.0/16}\n"
      "  B:\n    Type: AWS::EC2::VPC\n    Properties: {CidrBlock: 10.1.0.0/16}\n",
      -1, NULL));
  g_assert_true (g_file_set_contents (bad, "Resources:\n  A: [unclosed\n", -1, NULL));

  CLI_RUN (&a, NULL, "import", not_template, "-o", out);
  g_assert_cmpint (a.status, ==, 2);
  g_assert_nonnull (strstr (a.err, "neither a CloudFormation template"));
  CLI_RUN (&b, NULL, "import", no_vpc, "-o", out);
  g_assert_cmpint (b.status, ==, 2);
  g_assert_nonnull (strstr (b.err, "no AWS::EC2::VPC"));
  CLI_RUN (&c, NULL, "import", two, "-o", out);
  g_assert_cmpint (c.status, ==, 2);
  g_assert_nonnull (strstr (c.err, "--vpc"));
  CLI_RUN (&d, NULL, "import", bad, "-o", out);
  g_assert_cmpint (d.status, ==, 2);
  g_assert_nonnull (strstr (d.err, "line "));
  g_assert_false (g_file_test (out, G_FILE_TEST_EXISTS));
  CLI_RUN (&e, NULL, "import", two, "-o", out, "--vpc", "B");
  g_assert_cmpint (e.status, ==, 0);
  g_assert_true (g_file_test (out, G_FILE_TEST_EXISTS));
  CLI_RUN (&f, NULL, "import", two);
  cli_assert_usage_error (&f, "missing -o");
  g_unlink (not_template);
  g_unlink (no_vpc);
  g_unlink (two);
  g_unlink (bad);
  g_unlink (out);
}

int
main (int   argc,
      char *argv[])
{
  int status;

  g_test_init (&argc, &argv, NULL);
  work_dir = g_dir_make_tmp ("vpc-cfn-XXXXXX", NULL);
  g_test_add_func ("/cfn/round-trip", test_round_trip);
  g_test_add_func ("/cfn/short-forms", test_short_forms);
  g_test_add_func ("/cfn/errors", test_errors);
  g_test_add_func ("/import/aws-cli", test_aws_cli);
  g_test_add_func ("/import/corpus", test_corpus);
  status = g_test_run ();
  g_rmdir (work_dir);
  g_free (work_dir);
  return status;
}
