/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-trace.c: the path engine, `trace` and `check --without` (format.md §5).
 *
 * Designs: the examples, every design under tests/data that loads, and 500
 * seeded random designs, each judged in both profiles.
 *
 * - Consistency: for every workload in the VPC and every service it needs,
 *   the subnets trace marks "via": "none" are exactly those of check's
 *   VPC101–107 finding for that workload and service.
 * - An independent reading of domain.md §2 (needs, internet paths, reaches)
 *   written here from the text alone gives every path's via and through.
 * - The cascade of format.md §5, written here on the file's JSON, gives the
 *   same design as the model's delete, for every element of every design.
 * - `check --without X` prints what `check` prints for the file with X
 *   deleted (the command line run as a process, VPC_DESIGNER).
 * - Golden text and JSON of `trace` (tests/data/trace/); run with
 *   VPC_UPDATE_GOLDEN=1 to rewrite them, then read the diff.
 */
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <string.h>

#include "cli-test-utils.h"
#include "random-designs.h"
#include "vpc-file.h"
#include "vpc-trace.h"
#include "vpc-validator.h"
#include "vpc-what-if.h"

#define N_RANDOM 500

typedef struct
{
  char      *name;   /* for messages */
  char      *path;   /* a file holding the design */
  VpcDesign *design; /* loaded, then saved and loaded again: canonical */
} Case;

static GPtrArray *examples;     /* Case */
static GPtrArray *data_designs; /* Case */
static GPtrArray *random_cases; /* Case */
static char      *random_dir;

static void
case_free (gpointer data)
{
  Case *c = data;

  g_free (c->name);
  g_free (c->path);
  g_clear_object (&c->design);
  g_free (c);
}

static VpcDesign *
load_text (const char *text,
           gsize       length)
{
  g_autoptr(GBytes) bytes = g_bytes_new (text, length);
  g_autoptr(GError) error = NULL;
  VpcDesign *design = vpc_file_load_bytes (bytes, NULL, &error);

  g_assert_no_error (error);
  return design;
}

/* The design as a save writes it and a load reads it back, so that its
 * layout no longer depends on the automatic layout. */
static VpcDesign *
canonical (VpcDesign *design)
{
  gsize length = 0;
  g_autofree char *text = vpc_file_serialize (design, &length);

  return load_text (text, length);
}

static Case *
case_new (const char *name,
          const char *path,
          VpcDesign  *design)
{
  Case *c = g_new0 (Case, 1);

  c->name = g_strdup (name);
  c->path = g_strdup (path);
  c->design = canonical (design);
  return c;
}

/* --- domain.md §2, read independently -------------------------------- */

static gboolean
is_container (VpcWorkloadKind kind)
{
  return kind == VPC_WORKLOAD_TRAINING_JOB || kind == VPC_WORKLOAD_PROCESSING_JOB ||
         kind == VPC_WORKLOAD_BATCH_TRANSFORM || kind == VPC_WORKLOAD_REALTIME_ENDPOINT;
}

static void
add_unique (GPtrArray  *list,
            const char *name)
{
  if (!g_ptr_array_find_with_equal_func (list, name, g_str_equal, NULL))
    g_ptr_array_add (list, (gpointer) name);
}

static void
add_calls (GPtrArray        *needs,
           const VpcElement *workload)
{
  static const char *const notebook[]
      = { "s3", "sagemaker.api", "sagemaker.runtime", "sts", "logs", NULL };
  static const char *const client[] = { "sagemaker.runtime", NULL };
  const char *const *defaults = NULL;

  if (workload->calls != NULL)
    {
      for (guint i = 0; i < workload->calls->len; i++)
        add_unique (needs, g_ptr_array_index (workload->calls, i));
      return;
    }
  if (workload->workload_kind == VPC_WORKLOAD_NOTEBOOK_INSTANCE ||
      workload->workload_kind == VPC_WORKLOAD_STUDIO_DOMAIN)
    defaults = notebook;
  else if (workload->workload_kind == VPC_WORKLOAD_CLIENT)
    defaults = client;
  for (guint i = 0; defaults != NULL && defaults[i] != NULL; i++)
    add_unique (needs, defaults[i]);
}

static int
compare_strings (gconstpointer a,
                 gconstpointer b)
{
  return strcmp (*(const char *const *) a, *(const char *const *) b);
}

/* What @workload needs under @profile, sorted (static or borrowed strings). */
static GPtrArray *
oracle_needs (const VpcElement *workload,
              VpcProfile        profile)
{
  static const char *const checklist[] = {
    "s3", "sagemaker.api", "sagemaker.runtime", "logs", "ecr.api", "ecr.dkr", "sts",
  };
  GPtrArray *needs = g_ptr_array_new ();
  gboolean container = is_container (workload->workload_kind);
  gboolean vpc_image = workload->image_access == VPC_IMAGE_ACCESS_VPC;

  if (workload->network_isolation && container)
    {
      add_unique (needs, "s3");
      if (vpc_image)
        {
          add_unique (needs, "ecr.api");
          add_unique (needs, "ecr.dkr");
        }
    }
  else if (profile == VPC_PROFILE_STUDY_GUIDE)
    {
      for (guint i = 0;
           workload->workload_kind != VPC_WORKLOAD_CLIENT && i < G_N_ELEMENTS (checklist); i++)
        add_unique (needs, checklist[i]);
      add_calls (needs, workload);
    }
  else
    {
      if (container)
        add_unique (needs, "s3");
      if (container && vpc_image)
        {
          add_unique (needs, "ecr.api");
          add_unique (needs, "ecr.dkr");
        }
      add_calls (needs, workload);
    }
  if (g_ptr_array_find_with_equal_func (needs, "ecr.dkr", g_str_equal, NULL))
    add_unique (needs, "s3");
  g_ptr_array_sort (needs, compare_strings);
  return needs;
}

static const VpcElement *
subnet_of (VpcDesign  *design,
           const char *id)
{
  const VpcElement *subnet = vpc_design_lookup (design, id);

  return subnet != NULL && subnet->kind == VPC_KIND_SUBNET ? subnet : NULL;
}

/* §5's via, from §2's "reaches" and "internet path"; @through gets ids. */
static VpcVia
oracle_via (VpcDesign        *design,
            const VpcElement *workload,
            const char       *service,
            const VpcElement *subnet,
            GPtrArray        *through)
{
  guint n_endpoints = vpc_design_get_n_elements (design, VPC_KIND_ENDPOINT);
  guint n_nats = vpc_design_get_n_elements (design, VPC_KIND_NAT_GATEWAY);

  for (guint i = 0; i < n_endpoints; i++)
    {
      const VpcElement *e = vpc_design_get_element (design, VPC_KIND_ENDPOINT, i);

      if (g_str_equal (e->service, service) && e->endpoint_type == VPC_ENDPOINT_INTERFACE
          && e->subnets->len > 0)
        g_ptr_array_add (through, e->id);
    }
  if (through->len > 0)
    return VPC_VIA_INTERFACE_ENDPOINT;

  for (guint i = 0; i < n_endpoints; i++)
    {
      const VpcElement *e = vpc_design_get_element (design, VPC_KIND_ENDPOINT, i);

      if (g_str_equal (e->service, service) && e->endpoint_type == VPC_ENDPOINT_GATEWAY &&
          (g_str_equal (service, "s3") || g_str_equal (service, "dynamodb")) &&
          (e->subnets->len == 0 || vpc_id_list_contains (e->subnets, subnet->id)))
        g_ptr_array_add (through, e->id);
    }
  if (through->len > 0)
    return VPC_VIA_GATEWAY_ENDPOINT;

  if (subnet->route == VPC_ROUTE_NAT)
    {
      for (guint i = 0; i < n_nats; i++)
        {
          const VpcElement *nat = vpc_design_get_element (design, VPC_KIND_NAT_GATEWAY, i);
          const VpcElement *home = subnet_of (design, nat->subnet);

          if (home != NULL && home->route == VPC_ROUTE_PUBLIC)
            g_ptr_array_add (through, nat->id);
        }
      if (through->len > 0)
        return VPC_VIA_NAT;
    }
  if ((workload->workload_kind == VPC_WORKLOAD_CLIENT && subnet->route == VPC_ROUTE_PUBLIC)
      || (workload->workload_kind == VPC_WORKLOAD_NOTEBOOK_INSTANCE
          && workload->direct_internet_access))
    return VPC_VIA_INTERNET;
  return VPC_VIA_NONE;
}

/* domain.md §3: the rule that reports a missing path to @service. */
static const char *
oracle_rule (const char *service)
{
  static const char *const table[][2] = {
    { "s3", "VPC101" }, { "sagemaker.api", "VPC102" }, { "sagemaker.runtime", "VPC103" },
    { "logs", "VPC104" }, { "ecr.api", "VPC105" }, { "ecr.dkr", "VPC105" }, { "sts", "VPC106" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (table); i++)
    if (g_str_equal (table[i][0], service))
      return table[i][1];
  return "VPC107";
}

/* Check's VPC101–107 finding for @workload and @service, or NULL. VPC105 is
 * one finding for both ECR services: it is the finding for the one(s) its
 * message names. */
static VpcFinding *
path_finding (GPtrArray  *findings,
              const char *workload,
              const char *service)
{
  const char *rule = oracle_rule (service);
  g_autofree char *named = g_strdup_printf ("(%s)", service);

  for (guint i = 0; i < findings->len; i++)
    {
      VpcFinding *f = g_ptr_array_index (findings, i);

      if (!g_str_equal (vpc_finding_get_rule_id (f), rule) ||
          g_strcmp0 (vpc_finding_get_primary_element (f), workload) != 0)
        continue;
      if (g_str_equal (rule, "VPC107") && g_strcmp0 (vpc_finding_get_service (f), service) != 0)
        continue;
      if (g_str_equal (rule, "VPC105") && strstr (vpc_finding_get_message (f), named) == NULL)
        continue;
      return f;
    }
  return NULL;
}

/* "a b c": ids sorted, for comparing sets. */
/* A copy of the pointers only: g_ptr_array_copy() would keep the free function. */
static GPtrArray *
borrow (GPtrArray *ids)
{
  GPtrArray *copy = g_ptr_array_sized_new (ids->len + 1);

  g_ptr_array_extend (copy, ids, NULL, NULL);
  return copy;
}

static char *
sorted_ids (GPtrArray *ids)
{
  g_autoptr(GPtrArray) copy = borrow (ids);

  g_ptr_array_sort (copy, compare_strings);
  g_ptr_array_add (copy, NULL);
  return g_strjoinv (" ", (char **) copy->pdata);
}

static char *
joined (GPtrArray *ids)
{
  g_autoptr(GPtrArray) copy = borrow (ids);

  g_ptr_array_add (copy, NULL);
  return g_strjoinv (" ", (char **) copy->pdata);
}

/* --- consistency of trace with check and with the reading above ------- */

#define MAX_OTHERS 100

static int
compare_positions (gconstpointer a,
                   gconstpointer b,
                   gpointer      design)
{
  int pa = vpc_design_index_of (design, *(const char *const *) a);
  int pb = vpc_design_index_of (design, *(const char *const *) b);

  return (pa > pb) - (pa < pb);
}

typedef struct
{
  guint traces;
  guint paths;
  guint none_paths;
  guint vias[VPC_VIA_PLATFORM + 1];
} Counts;

static Counts totals;

/* One trace against the oracle; when @needed, against the findings too. */
static void
assert_trace (const Case       *c,
              VpcProfile        profile,
              const VpcElement *workload,
              const char       *service,
              gboolean          needed,
              GPtrArray        *findings)
{
  g_autoptr(VpcTrace) trace = vpc_trace_new (c->design, profile, workload->id, service);
  g_autoptr(GPtrArray) none = g_ptr_array_new ();
  gboolean all = TRUE;

  totals.traces++;
  g_assert_cmpstr (trace->workload, ==, workload->id);
  g_assert_cmpstr (trace->service, ==, service);
  if (trace->needed != needed)
    g_error ("%s: %s → %s: needed %d, domain.md §2 says %d", c->name, workload->id, service,
             trace->needed, needed);
  g_assert_cmpuint (trace->findings->len, ==, findings->len);

  if (!workload->vpc_mode)
    {
      g_assert_cmpint (trace->via, ==, VPC_VIA_PLATFORM);
      g_assert_cmpuint (trace->paths->len, ==, 0);
      g_assert_true (trace->reachable);
      totals.vias[VPC_VIA_PLATFORM]++;
      return;
    }

  g_assert_cmpint (trace->via, ==, VPC_VIA_NONE);
  /* One path per subnet, in the workload's order. */
  g_assert_cmpuint (trace->paths->len, ==, workload->subnets->len);
  for (guint i = 0; i < trace->paths->len; i++)
    {
      VpcTracePath *path = g_ptr_array_index (trace->paths, i);
      const VpcElement *subnet = subnet_of (c->design, g_ptr_array_index (workload->subnets, i));
      g_autoptr(GPtrArray) through = g_ptr_array_new ();
      VpcVia via = oracle_via (c->design, workload, service, subnet, through);
      g_autofree char *want = joined (through);
      g_autofree char *got = joined (path->through);

      totals.paths++;
      totals.vias[path->via]++;
      g_assert_cmpstr (path->subnet, ==, subnet->id);
      g_assert_cmpstr (path->az, ==, subnet->az);
      if (path->via != via || !g_str_equal (want, got))
        g_error ("%s (%s): %s → %s from %s: via %s [%s], domain.md §2 says %s [%s]", c->name,
                 vpc_profile_to_string (profile), workload->id, service, subnet->id,
                 vpc_via_to_string (path->via), got, vpc_via_to_string (via), want);
      g_assert_cmpint (path->reachable, ==, via != VPC_VIA_NONE);
      g_assert_cmpint (path->symptom != NULL, ==, via == VPC_VIA_NONE);
      all &= path->reachable;
      if (!path->reachable)
        {
          g_ptr_array_add (none, path->subnet);
          totals.none_paths++;
        }
      /* Problems are findings of check; a missing-path finding only on a missing path. */
      for (guint p = 0; p < path->problems->len; p++)
        {
          VpcFinding *problem = g_ptr_array_index (path->problems, p);
          const char *rule = vpc_finding_get_rule_id (problem);

          g_assert_true (g_ptr_array_find (trace->findings, problem, NULL));
          if (g_str_has_prefix (rule, "VPC10"))
            g_assert_false (path->reachable);
        }
      if (needed && !path->reachable)
        {
          VpcFinding *f = path_finding (trace->findings, workload->id, service);

          g_assert_nonnull (f);
          g_assert_true (g_ptr_array_find (path->problems, f, NULL));
        }
    }
  g_assert_cmpint (trace->reachable, ==, all);

  if (needed)
    {
      VpcFinding *f = path_finding (findings, workload->id, service);
      g_autoptr(GPtrArray) listed = g_ptr_array_new ();
      g_autofree char *want = NULL;
      g_autofree char *got = NULL;

      for (guint i = 1; f != NULL && vpc_finding_get_elements (f)[i] != NULL; i++)
        g_ptr_array_add (listed, (gpointer) vpc_finding_get_elements (f)[i]);
      /* A finding lists at most 100 others, the first in file order, and
       * its message gives the full count (domain.md §3). */
      if (none->len > MAX_OTHERS)
        {
          g_autofree char *count = g_strdup_printf ("(%u elements involved;", none->len);

          g_assert_nonnull (f);
          g_assert_nonnull (strstr (vpc_finding_get_message (f), count));
          g_ptr_array_sort_with_data (none, compare_positions, c->design);
          g_ptr_array_set_size (none, MAX_OTHERS);
        }
      want = sorted_ids (listed);
      got = sorted_ids (none);
      if (!g_str_equal (want, got))
        g_error ("%s (%s): %s → %s: via none from [%s], %s lists [%s]", c->name,
                 vpc_profile_to_string (profile), workload->id, service, got,
                 oracle_rule (service), want);
    }
}

/* Services worth tracing that no one needs: known ones and an unknown one. */
static const char *const extra_services[] = { "s3", "dynamodb", "sts", "kms", "textract" };

static void
assert_case (const Case *c)
{
  guint n = vpc_design_get_n_elements (c->design, VPC_KIND_WORKLOAD);

  for (VpcProfile profile = VPC_PROFILE_STUDY_GUIDE; profile <= VPC_PROFILE_PRECISE; profile++)
    {
      g_autoptr(GPtrArray) findings = vpc_validate (c->design, profile);

      for (guint w = 0; w < n; w++)
        {
          const VpcElement *workload = vpc_design_get_element (c->design, VPC_KIND_WORKLOAD, w);
          g_autoptr(GPtrArray) needs = oracle_needs (workload, profile);

          for (guint s = 0; s < needs->len; s++)
            assert_trace (c, profile, workload, g_ptr_array_index (needs, s), TRUE, findings);
          for (guint s = 0; s < G_N_ELEMENTS (extra_services); s++)
            if (!g_ptr_array_find_with_equal_func (needs, extra_services[s], g_str_equal, NULL))
              assert_trace (c, profile, workload, extra_services[s], FALSE, findings);
        }
      /* No VPC101–107 finding names a workload or service trace would not. */
      for (guint i = 0; i < findings->len; i++)
        {
          VpcFinding *f = g_ptr_array_index (findings, i);
          const char *rule = vpc_finding_get_rule_id (f);

          if (g_str_has_prefix (rule, "VPC10"))
            {
              const VpcElement *workload
                  = vpc_design_lookup (c->design, vpc_finding_get_primary_element (f));

              g_assert_nonnull (workload);
              g_assert_true (workload->vpc_mode);
            }
        }
    }
}

static void
test_consistency (gconstpointer data)
{
  GPtrArray *cases = *(GPtrArray *const *) data;

  g_assert_cmpuint (cases->len, >, 0);
  for (guint i = 0; i < cases->len; i++)
    assert_case (g_ptr_array_index (cases, i));
}

/* The random designs reach every way; so do the examples and data. */
static void
test_coverage (void)
{
  for (VpcVia via = VPC_VIA_NONE; via <= VPC_VIA_PLATFORM; via++)
    if (totals.vias[via] == 0)
      g_error ("no path via %s in %u traces", vpc_via_to_string (via), totals.traces);
  g_test_message ("%u traces, %u paths: %u none, %u interface, %u gateway, %u NAT, %u internet; "
                  "%u outside the VPC",
                  totals.traces, totals.paths, totals.none_paths,
                  totals.vias[VPC_VIA_INTERFACE_ENDPOINT], totals.vias[VPC_VIA_GATEWAY_ENDPOINT],
                  totals.vias[VPC_VIA_NAT], totals.vias[VPC_VIA_INTERNET],
                  totals.vias[VPC_VIA_PLATFORM]);
}

/* --- the cascade (format.md §5), on the file's JSON ------------------- */

static void
drop_ids (JsonObject *element,
          const char *key,
          GHashTable *gone)
{
  JsonArray *list
      = json_object_has_member (element, key) ? json_object_get_array_member (element, key) : NULL;

  for (guint i = list != NULL ? json_array_get_length (list) : 0; i > 0; i--)
    if (g_hash_table_contains (gone, json_array_get_string_element (list, i - 1)))
      json_array_remove_element (list, i - 1);
}

static void
drop_rules (JsonObject *group,
            const char *key,
            GHashTable *gone)
{
  JsonArray *rules
      = json_object_has_member (group, key) ? json_object_get_array_member (group, key) : NULL;

  for (guint i = rules != NULL ? json_array_get_length (rules) : 0; i > 0; i--)
    {
      JsonObject *rule = json_array_get_object_element (rules, i - 1);

      if (g_hash_table_contains (gone, json_object_get_string_member (rule, "peer")))
        json_array_remove_element (rules, i - 1);
    }
}

static JsonArray *
list_of (JsonObject *root,
         const char *key)
{
  return json_object_get_array_member (root, key);
}

/* json-glib 1.6 writes controls in strings raw, which JSON forbids; the
 * generator's compact output has no other bytes below 0x20. Takes @text. */
static char *
escape_controls (char *text)
{
  GString *out = g_string_new (NULL);

  for (const char *p = text; *p != '\0'; p++)
    if ((guchar) *p < 0x20)
      g_string_append_printf (out, "\\u%04x", (guchar) *p);
    else
      g_string_append_c (out, *p);
  g_free (text);
  return g_string_free (out, FALSE);
}

/* "An AZ takes its subnets; a subnet leaves every subnets list and takes
 * its NAT gateways; a security group leaves every security_groups list and
 * every rule whose peer it is; endpoints, NAT gateways and workloads go
 * alone." */
static char *
oracle_delete (VpcDesign         *design,
               const char *const *ids,
               guint              n_ids)
{
  static const char *const lists[] = {
    "availability_zones", "subnets", "security_groups", "endpoints", "nat_gateways", "workloads",
  };
  gsize length = 0;
  g_autofree char *text = vpc_file_serialize (design, &length);
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GHashTable) gone = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  JsonObject *root;

  g_assert_true (json_parser_load_from_data (parser, text, (gssize) length, NULL));
  root = json_node_get_object (json_parser_get_root (parser));
  for (guint i = 0; i < n_ids; i++)
    g_hash_table_add (gone, g_strdup (ids[i]));
  for (guint i = 0; i < json_array_get_length (list_of (root, "subnets")); i++)
    {
      JsonObject *subnet = json_array_get_object_element (list_of (root, "subnets"), i);

      if (g_hash_table_contains (gone, json_object_get_string_member (subnet, "az")))
        g_hash_table_add (gone, g_strdup (json_object_get_string_member (subnet, "id")));
    }
  for (guint i = 0; i < json_array_get_length (list_of (root, "nat_gateways")); i++)
    {
      JsonObject *nat = json_array_get_object_element (list_of (root, "nat_gateways"), i);

      if (g_hash_table_contains (gone, json_object_get_string_member (nat, "subnet")))
        g_hash_table_add (gone, g_strdup (json_object_get_string_member (nat, "id")));
    }
  for (guint l = 0; l < G_N_ELEMENTS (lists); l++)
    {
      JsonArray *list = list_of (root, lists[l]);

      for (guint i = json_array_get_length (list); i > 0; i--)
        {
          JsonObject *element = json_array_get_object_element (list, i - 1);

          if (g_hash_table_contains (gone, json_object_get_string_member (element, "id")))
            {
              json_array_remove_element (list, i - 1);
              continue;
            }
          drop_ids (element, "subnets", gone);
          drop_ids (element, "security_groups", gone);
          drop_rules (element, "ingress", gone);
          drop_rules (element, "egress", gone);
        }
    }
  json_generator_set_root (generator, json_parser_get_root (parser));
  return escape_controls (json_generator_to_data (generator, NULL));
}

/* Every id of @design, in file order. */
static GPtrArray *
all_ids (VpcDesign *design)
{
  GPtrArray *ids = g_ptr_array_new ();

  for (VpcKind kind = 0; kind < VPC_N_KINDS; kind++)
    for (guint i = 0; i < vpc_design_get_n_elements (design, kind); i++)
      g_ptr_array_add (ids, vpc_design_get_element (design, kind, i)->id);
  return ids;
}

static void
assert_cascade (const Case        *c,
                const char *const *ids,
                guint              n_ids)
{
  g_autofree char *expected_text = oracle_delete (c->design, ids, n_ids);
  g_autoptr(VpcDesign) expected = load_text (expected_text, strlen (expected_text));
  g_autoptr(GError) error = NULL;
  g_autoptr(VpcDesign) actual = vpc_what_if_without (c->design, ids, n_ids, &error);
  g_autofree char *want = NULL;
  g_autofree char *got = NULL;

  g_assert_no_error (error);
  want = vpc_file_serialize (expected, NULL);
  got = vpc_file_serialize (actual, NULL);
  if (!g_str_equal (want, got))
    g_error ("%s without %s: the model's delete differs from format.md §5:\n%s\n---\n%s",
             c->name, ids[0], got, want);
}

static void
test_cascade (void)
{
  GPtrArray *sets[] = { examples, data_designs, random_cases };
  guint n = 0;

  for (guint s = 0; s < G_N_ELEMENTS (sets); s++)
    for (guint i = 0; i < sets[s]->len; i++)
      {
        const Case *c = g_ptr_array_index (sets[s], i);
        g_autoptr(GPtrArray) ids = all_ids (c->design);

        /* Every element alone, in the first 200 random designs (time). */
        for (guint e = 0; (sets[s] != random_cases || i < 200) && e < ids->len; e++, n++)
          assert_cascade (c, (const char *const *) &ids->pdata[e], 1);
        /* Everything at once, and pairs that cascade into each other. */
        if (ids->len > 0)
          assert_cascade (c, (const char *const *) ids->pdata, ids->len);
        for (guint e = 0; e + 1 < ids->len; e += 2)
          assert_cascade (c, (const char *const *) &ids->pdata[e], 2);
      }
  g_test_message ("%u single deletions", n);

  {
    const char *ghost[] = { "no-such-id" };
    g_autoptr(GError) error = NULL;
    const Case *c = g_ptr_array_index (examples, 0);

    g_assert_null (vpc_what_if_without (c->design, ghost, 1, &error));
    g_assert_error (error, VPC_DESIGN_ERROR, VPC_DESIGN_ERROR_NOT_FOUND);
  }
}

/* --- check --without through the command line ------------------------ */

/* Check's JSON ends with the loader's warnings. */
#define WARNINGS_KEY "\n  \"warnings\": ["

static gboolean
has_warnings (const char *path)
{
  g_autoptr(GPtrArray) warnings = NULL;
  g_autoptr(VpcDesign) design = vpc_file_load_path (path, &warnings, NULL);

  g_assert_nonnull (design);
  return warnings != NULL && warnings->len > 0;
}

/* `check FILE --without IDS` against `check` of FILE with IDS deleted by
 * vpc_design_delete() on a copy and saved under the same name elsewhere:
 * both run from their own folder, so "file" reads the same. */
static void
assert_check_without (const Case *c,
                      GPtrArray  *ids,
                      const char *format)
{
  g_autofree char *folder = g_path_get_dirname (c->path);
  g_autofree char *base = g_path_get_basename (c->path);
  g_autofree char *dir = g_dir_make_tmp ("vpc-trace-XXXXXX", NULL);
  g_autofree char *deleted_path = g_build_filename (dir, base, NULL);
  g_autoptr(GPtrArray) list = borrow (ids);
  g_autofree char *without = NULL;
  g_autoptr(VpcDesign) deleted = vpc_design_duplicate (c->design);
  g_autoptr(GError) error = NULL;
  g_auto(CliRun) with = { 0 };
  g_auto(CliRun) reference = { 0 };

  g_ptr_array_add (list, NULL);
  without = g_strjoinv (",", (char **) list->pdata);
  g_assert_true (vpc_design_delete (deleted, (const char *const *) ids->pdata, ids->len));
  g_assert_true (vpc_file_save_path (deleted, deleted_path, &error));
  g_assert_no_error (error);

  CLI_RUN (&with, folder, "check", base, "--without", without, "--format", format);
  CLI_RUN (&reference, dir, "check", base, "--format", format);
  if (has_warnings (c->path))
    {
      /* The file's unknown keys stay in it whatever is deleted: its
       * warnings are the file's, the saved copy has none. */
      g_auto(CliRun) plain = { 0 };

      g_assert_cmpstr (format, ==, "json");
      CLI_RUN (&plain, folder, "check", base, "--format", format);
      g_assert_cmpstr (strstr (with.out, WARNINGS_KEY), ==, strstr (plain.out, WARNINGS_KEY));
      *strstr (with.out, WARNINGS_KEY) = '\0';
      *strstr (reference.out, WARNINGS_KEY) = '\0';
    }
  if (with.status != reference.status || !g_str_equal (with.out, reference.out))
    g_error ("%s: check --without %s --format %s differs from check of the file without them:\n"
             "%s\n---\n%s", c->name, without, format, with.out, reference.out);
  g_assert_cmpint (with.status, !=, 2);
  g_assert_cmpint (g_unlink (deleted_path), ==, 0);
  g_assert_cmpint (g_rmdir (dir), ==, 0);
}

/* One id of each kind present, chosen by @rand. */
static GPtrArray *
one_of_each_kind (VpcDesign *design,
                  GRand     *rand)
{
  GPtrArray *ids = g_ptr_array_new ();

  for (VpcKind kind = 0; kind < VPC_N_KINDS; kind++)
    {
      guint n = vpc_design_get_n_elements (design, kind);

      if (n > 0)
        g_ptr_array_add (ids,
                         vpc_design_get_element (design, kind, g_rand_int_range (rand, 0, n))->id);
    }
  return ids;
}

/* The examples: every element alone (JSON), and one of each kind at once
 * (JSON, text and SARIF). */
static void
test_without_examples (void)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (11);
  guint n = 0;

  for (guint i = 0; i < examples->len; i++)
    {
      const Case *c = g_ptr_array_index (examples, i);
      g_autoptr(GPtrArray) ids = all_ids (c->design);
      g_autoptr(GPtrArray) each = one_of_each_kind (c->design, rand);

      for (guint e = 0; e < ids->len; e++, n++)
        {
          g_autoptr(GPtrArray) one = g_ptr_array_new ();

          g_ptr_array_add (one, g_ptr_array_index (ids, e));
          assert_check_without (c, one, "json");
        }
      assert_check_without (c, each, "json");
      assert_check_without (c, each, "text");
      assert_check_without (c, each, "sarif");
    }
  g_test_message ("%u elements of %u examples", n, examples->len);
}

/* Every design from tests/data and the first 30 random ones, one run each
 * (the command is slow to start under sanitizers): in turn one element of
 * a rotating kind alone, or one element of each kind at once. */
static void
test_without_more (gconstpointer data)
{
  GPtrArray *cases = *(GPtrArray *const *) data;
  g_autoptr(GRand) rand = g_rand_new_with_seed (12);
  guint limit = cases == random_cases ? 30 : cases->len;

  for (guint i = 0; i < limit; i++)
    {
      const Case *c = g_ptr_array_index (cases, i);
      g_autoptr(GPtrArray) each = one_of_each_kind (c->design, rand);

      if (each->len == 0)
        continue;
      if (i % 2 == 0 && each->len > 1)
        {
          gpointer one = each->pdata[(i / 2) % each->len];

          g_ptr_array_set_size (each, 1);
          each->pdata[0] = one;
        }
      assert_check_without (c, each, "json");
    }
}

/* --- trace through the command line ---------------------------------- */

static char *
golden_path (const char *name,
             const char *suffix)
{
  g_autofree char *file = g_strconcat (name, suffix, NULL);

  return g_test_build_filename (G_TEST_DIST, "data", "trace", file, NULL);
}

static void
assert_golden (const char *name,
               const char *suffix,
               const char *actual)
{
  g_autofree char *path = golden_path (name, suffix);
  g_autofree char *expected = NULL;
  g_autoptr(GError) error = NULL;

  if (g_getenv ("VPC_UPDATE_GOLDEN") != NULL)
    {
      g_assert_true (g_file_set_contents (path, actual, -1, &error));
      g_assert_no_error (error);
      return;
    }
  g_assert_true (g_file_get_contents (path, &expected, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (actual, ==, expected);
}

/* One run of trace as text and as JSON, appended to the golden texts. */
static void
golden_run (GString    *text,
            GString    *json,
            const char *folder,
            const char *base,
            const char *workload,
            const char *service,
            const char *without)
{
  g_auto(CliRun) as_text = { 0 };
  g_auto(CliRun) as_json = { 0 };
  g_autoptr(JsonParser) parser = json_parser_new ();

  if (without != NULL)
    {
      CLI_RUN (&as_text, folder, "trace", base, "--from", workload, "--to", service, "--without",
               without);
      CLI_RUN (&as_json, folder, "trace", base, "--from", workload, "--to", service, "--without",
               without, "--format", "json");
    }
  else
    {
      CLI_RUN (&as_text, folder, "trace", base, "--from", workload, "--to", service);
      CLI_RUN (&as_json, folder, "trace", base, "--from", workload, "--to", service, "--format",
               "json");
    }
  /* Reachable or not, a trace that was made exits 0. */
  g_assert_cmpint (as_text.status, ==, 0);
  g_assert_cmpint (as_json.status, ==, 0);
  g_assert_cmpstr (as_json.err, ==, "");
  g_assert_true (json_parser_load_from_data (parser, as_json.out, -1, NULL));
  g_string_append_printf (text, "$ vpc-designer trace %s --from %s --to %s%s%s\n%s\n", base,
                          workload, service, without != NULL ? " --without " : "",
                          without != NULL ? without : "", as_text.out);
  g_string_append (json, as_json.out);
}

/* Every workload in the VPC to every service it needs or calls (the
 * file's profile), a workload outside it to s3; ways.vpcd.json also with
 * --without. */
static void
test_golden (gconstpointer data)
{
  static const char *const ways_without[][3] = {
    { "train", "s3", "s3-gw-a,nat-a" },
    { "train", "sts", "az-a" },
    { "nb", "s3", "priv-b" },
  };
  const Case *c = data;
  g_autofree char *folder = g_path_get_dirname (c->path);
  g_autofree char *base = g_path_get_basename (c->path);
  g_autofree char *name = g_strndup (base, strlen (base) - strlen (".vpcd.json"));
  VpcProfile profile = vpc_design_get_info (c->design)->profile;
  guint n = vpc_design_get_n_elements (c->design, VPC_KIND_WORKLOAD);
  g_autoptr(GString) text = g_string_new (NULL);
  g_autoptr(GString) json = g_string_new (NULL);

  for (guint w = 0; w < n; w++)
    {
      const VpcElement *workload = vpc_design_get_element (c->design, VPC_KIND_WORKLOAD, w);
      g_autoptr(GPtrArray) services = oracle_needs (workload, profile);

      if (!workload->vpc_mode)
        g_ptr_array_set_size (services, 0);
      if (workload->vpc_mode && workload->calls != NULL)
        for (guint i = 0; i < workload->calls->len; i++)
          add_unique (services, g_ptr_array_index (workload->calls, i));
      if (services->len == 0)
        g_ptr_array_add (services, (gpointer) "s3");
      for (guint s = 0; s < services->len; s++)
        golden_run (text, json, folder, base, workload->id, g_ptr_array_index (services, s), NULL);
    }
  for (guint i = 0; g_str_equal (name, "ways") && i < G_N_ELEMENTS (ways_without); i++)
    golden_run (text, json, folder, base, ways_without[i][0], ways_without[i][1],
                ways_without[i][2]);
  assert_golden (name, ".golden-text", text->str);
  assert_golden (name, ".golden-json", json->str);
}

/* format.md §5's keys, in its order, and the trace's own view of --without. */
static void
test_json_keys (void)
{
  g_autofree char *path = golden_path ("ways", ".vpcd.json");
  g_autofree char *folder = g_path_get_dirname (path);
  g_auto(CliRun) run = { 0 };
  g_auto(CliRun) platform = { 0 };
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonObject *root, *first;
  g_autoptr(GList) members = NULL;
  GString *keys = g_string_new (NULL);
  g_autofree char *key_list = NULL;

  CLI_RUN (&run, folder, "trace", "ways.vpcd.json", "--from", "train", "--to", "s3",
          "--without", "s3-gw-b,ep-s3-spare", "--without", "nat-b", "--format", "json");
  g_assert_cmpint (run.status, ==, 0);
  g_assert_true (json_parser_load_from_data (parser, run.out, -1, NULL));
  root = json_node_get_object (json_parser_get_root (parser));
  members = json_object_get_members (root);
  for (GList *l = members; l != NULL; l = l->next)
    g_string_append_printf (keys, "%s ", (const char *) l->data);
  key_list = g_string_free (keys, FALSE);
  g_assert_cmpstr (key_list, ==, "file profile from to needed without paths reachable ");
  g_assert_cmpstr (json_object_get_string_member (root, "file"), ==, "ways.vpcd.json");
  /* --without given twice adds up, in the order given. */
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (root, "without")), ==, 3);
  g_assert_cmpstr (
      json_array_get_string_element (json_object_get_array_member (root, "without"), 2), ==,
      "nat-b");
  first = json_array_get_object_element (json_object_get_array_member (root, "paths"), 0);
  g_assert_cmpuint (json_object_get_size (first), ==, 6); /* reachable: no symptom */

  CLI_RUN (&platform, folder, "trace", "ways.vpcd.json", "--from", "outside", "--to", "s3",
          "--format", "json", "--profile", "precise");
  g_assert_cmpint (platform.status, ==, 0);
  g_assert_nonnull (
      strstr (platform.out, "\"via\": \"platform\",\n  \"paths\": [],\n  \"reachable\": true\n}"));
  g_assert_nonnull (strstr (platform.out, "\"profile\": \"precise\""));
}

static void
test_usage_errors (void)
{
  g_autofree char *path = golden_path ("ways", ".vpcd.json");
  const char *file = path;
  static const struct { const char *args[8]; const char *problem;
  } cases[] = {
    { { "--from", "nope", "--to", "s3" }, "no workload with id \"nope\"" },
    { { "--from", "sn-a", "--to", "s3" }, "'sn-a' is a subnet, not a workload" },
    { { "--from", "s3-gw-a", "--to", "s3" }, "is an endpoint, not a workload" },
    { { "--from", "train", "--to", "S3" }, "is not a service name" },
    { { "--from", "train", "--to", "s3/x" }, "is not a service name" },
    { { "--from", "train" }, "missing --to SERVICE" },
    { { "--to", "s3" }, "missing --from WORKLOAD" },
    { { "--from", "train", "--to", "s3", "--without", "ghost" },
      "--without: no element with id \"ghost\"" },
    { { "--from", "train", "--to", "s3", "--without", "sn-a,,sn-b" }, "an empty id" },
    { { "--from", "train", "--to", "s3", "--without", "" }, "needs a value" },
    { { "--from", "train", "--to", "s3", "--without", "train" }, "deleted by --without" },
    { { "--from", "train", "--to", "s3", "--format", "sarif" }, "invalid value 'sarif'" },
    { { "--from", "train", "--to", "s3", "--profile", "strict" }, "invalid value 'strict'" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GPtrArray) argv = g_ptr_array_new ();
      g_auto(CliRun) run = { 0 };

      g_ptr_array_add (argv, (gpointer) "trace");
      g_ptr_array_add (argv, (gpointer) file);
      for (guint a = 0; cases[i].args[a] != NULL; a++)
        g_ptr_array_add (argv, (gpointer) cases[i].args[a]);
      g_ptr_array_add (argv, NULL);
      cli_run (&run, NULL, (const char *const *) argv->pdata);
      cli_assert_usage_error (&run, cases[i].problem);
    }

  /* check: an unknown or empty id is a usage error, nothing on stdout. */
  {
    g_auto(CliRun) run = { 0 };
    g_auto(CliRun) empty = { 0 };
    g_auto(CliRun) missing = { 0 };

    CLI_RUN (&run, NULL, "check", file, "--without", "sn-a,ghost", "--format", "json");
    cli_assert_usage_error (&run, "no element with id \"ghost\"");
    CLI_RUN (&empty, NULL, "check", file, "--without", ",sn-a");
    cli_assert_usage_error (&empty, "an empty id");
    CLI_RUN (&missing, NULL, "trace", "/nonexistent/d.vpcd.json", "--from", "train", "--to", "s3");
    g_assert_cmpint (missing.status, ==, 2);
    g_assert_cmpstr (missing.out, ==, "");
  }
  /* --help anywhere wins, like the other commands. */
  {
    g_auto(CliRun) run = { 0 };

    CLI_RUN (&run, NULL, "trace", "--bogus", "--help");
    g_assert_cmpint (run.status, ==, 0);
    g_assert_nonnull (strstr (run.out, "vpc-designer trace FILE --from WORKLOAD --to SERVICE"));
    g_assert_nonnull (strstr (run.out, "[--without ID[,ID...]]"));
  }
}

/* Names holding escape sequences and line breaks come out escaped. */
static void
test_text_escapes (void)
{
  g_autofree char *hostile
      = g_test_build_filename (G_TEST_DIST, "data", "cli", "hostile-names.vpcd.json", NULL);
  g_auto(CliRun) run = { 0 };
  g_autofree gunichar *chars = NULL;
  glong n = 0;

  CLI_RUN (&run, NULL, "trace", hostile, "--from", "train", "--to", "s3", "--without", "sg-1");
  g_assert_cmpint (run.status, ==, 0);
  g_assert_nonnull (strstr (run.out, "\\x1b"));
  g_assert_true (g_utf8_validate (run.out, -1, NULL));
  chars = g_utf8_to_ucs4_fast (run.out, -1, &n);
  for (glong i = 0; i < n; i++)
    {
      gunichar c = chars[i];

      g_assert_false (c != '\n' && (c < 0x20 || (c >= 0x7f && c <= 0x9f)));
      g_assert_false (c >= 0x202a && c <= 0x202e);
    }
  g_assert_null (strstr (run.out, "\nFAKE"));
}

/* --- the designs ------------------------------------------------------- */

static void
add_folder (GPtrArray  *cases,
            const char *folder,
            gboolean    recursive)
{
  g_autoptr(GDir) dir = g_dir_open (folder, 0, NULL);
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  const char *name;

  g_assert_nonnull (dir);
  while ((name = g_dir_read_name (dir)) != NULL)
    g_ptr_array_add (names, g_strdup (name));
  g_ptr_array_sort (names, compare_strings);
  for (guint i = 0; i < names->len; i++)
    {
      g_autofree char *path = g_build_filename (folder, g_ptr_array_index (names, i), NULL);
      g_autoptr(VpcDesign) design = NULL;

      if (recursive && g_file_test (path, G_FILE_TEST_IS_DIR))
        {
          add_folder (cases, path, TRUE);
          continue;
        }
      if (!g_str_has_suffix (path, ".json"))
        continue;
      /* Data for other tests includes files that must not load. */
      design = vpc_file_load_path (path, NULL, NULL);
      if (design != NULL)
        g_ptr_array_add (cases, case_new (g_ptr_array_index (names, i), path, design));
    }
}

static void
make_random_cases (void)
{
  random_cases = g_ptr_array_new_with_free_func (case_free);
  random_dir = g_dir_make_tmp ("vpc-trace-random-XXXXXX", NULL);
  g_assert_nonnull (random_dir);
  for (guint seed = 1; seed <= N_RANDOM; seed++)
    {
      g_autofree char *text = random_design_json (seed);
      g_autofree char *name = g_strdup_printf ("random-%u.vpcd.json", seed);
      g_autofree char *path = g_build_filename (random_dir, name, NULL);
      g_autoptr(VpcDesign) design = load_text (text, strlen (text));
      g_autoptr(GError) error = NULL;

      g_assert_true (g_file_set_contents (path, text, -1, &error));
      g_assert_no_error (error);
      g_ptr_array_add (random_cases, case_new (name, path, design));
    }
}

static void
remove_random_cases (void)
{
  for (guint i = 0; i < random_cases->len; i++)
    g_assert_cmpint (g_unlink (((Case *) g_ptr_array_index (random_cases, i))->path), ==, 0);
  g_assert_cmpint (g_rmdir (random_dir), ==, 0);
  g_clear_pointer (&random_dir, g_free);
}

int
main (int   argc,
      char *argv[])
{
  const char *examples_dir = g_getenv ("VPC_EXAMPLES_DIR");
  g_autofree char *data_dir = NULL;
  g_autoptr(GPtrArray) golden = g_ptr_array_new_with_free_func (g_free);
  int status;

  g_test_init (&argc, &argv, NULL);

  g_assert_nonnull (examples_dir);
  examples = g_ptr_array_new_with_free_func (case_free);
  add_folder (examples, examples_dir, FALSE);
  data_designs = g_ptr_array_new_with_free_func (case_free);
  data_dir = g_test_build_filename (G_TEST_DIST, "data", NULL);
  add_folder (data_designs, data_dir, TRUE);
  make_random_cases ();

  g_test_add_data_func ("/trace/consistency/examples", &examples, test_consistency);
  g_test_add_data_func ("/trace/consistency/data", &data_designs, test_consistency);
  g_test_add_data_func ("/trace/consistency/random", &random_cases, test_consistency);
  g_test_add_func ("/trace/consistency/coverage", test_coverage);
  g_test_add_func ("/trace/without/cascade", test_cascade);
  g_test_add_func ("/trace/without/check-examples", test_without_examples);
  g_test_add_data_func ("/trace/without/check-data", &data_designs, test_without_more);
  g_test_add_data_func ("/trace/without/check-random", &random_cases, test_without_more);
  for (guint i = 0; i < examples->len; i++)
    {
      const Case *c = g_ptr_array_index (examples, i);
      char *test_path = g_strdup_printf ("/trace/golden/%s", c->name);

      g_ptr_array_add (golden, test_path);
      g_test_add_data_func (test_path, c, test_golden);
    }
  for (guint i = 0; i < data_designs->len; i++)
    {
      const Case *c = g_ptr_array_index (data_designs, i);

      if (g_str_equal (c->name, "ways.vpcd.json"))
        g_test_add_data_func ("/trace/golden/ways.vpcd.json", c, test_golden);
    }
  g_test_add_func ("/trace/cli/json-keys", test_json_keys);
  g_test_add_func ("/trace/cli/usage-errors", test_usage_errors);
  g_test_add_func ("/trace/cli/text-escapes", test_text_escapes);

  status = g_test_run ();
  remove_random_cases ();
  g_ptr_array_unref (random_cases);
  g_ptr_array_unref (data_designs);
  g_ptr_array_unref (examples);
  return status;
}
