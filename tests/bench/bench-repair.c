/* SPDX-License-Identifier: GPL-3.0-or-later */
/* bench-repair.c: how fast `repair` is on large broken designs.
 *
 * Generates design files of 10,000, 50,000 and 100,000 elements (three AZs,
 * then subnets, security groups, interface endpoints, NAT gateways and
 * workloads in equal shares) in which about one element in ten has a fault
 * of a common kind: a CIDR with host bits, a rule with a bad port, a
 * dangling peer or subnet, a bad gb_per_month, instance_count 2.5; NAT
 * gateways on the broken subnets and references to them go too. Also one
 * security group holding 200,000 rules, every other one broken.
 *
 * Prints, as medians of three runs of processor time (the machine is
 * shared: wall time says little): the whole repair, the loader on the
 * repaired text (which repair runs once to prove it, and which includes
 * the automatic layout), and what remains: repair's own work. Near-linear
 * means the 100k/10k ratio stays near 10.
 */
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include "bench-utils.h"
#include "vpc-file-repair.h"

#define RUNS 3

/* Layouts are given, so that the loader's automatic layout has little to
 * do and the figures are repair's own. */
static void
layout (GString *out,
        guint    i)
{
  g_string_append_printf (out, ", \"layout\": {\"x\": %u, \"y\": %u}", 40 + (i % 300) * 30,
                          40 + (i / 300) * 30);
}

static GBytes *
generate (guint total)
{
  GString *out = g_string_new (
      "{\"format\": \"vpc-designer\", \"version\": 1, \"region\": \"us-east-1\", "
      "\"vpc\": {\"cidr\": \"10.0.0.0/8\"},\n"
      "\"availability_zones\": [{\"id\": \"az-0\"}, {\"id\": \"az-1\"}, {\"id\": \"az-2\"}],\n");
  guint share = (total - 3) / 5 / 3 * 3; /* a multiple of three: endpoint subnets in two AZs */
  guint workloads = total - 3 - 4 * share;

  g_string_append (out, "\"subnets\": [");
  for (guint i = 0; i < share; i++)
    {
      g_string_append_printf (
          out, "%s\n{\"id\": \"sn-%u\", \"az\": \"az-%u\", \"cidr\": \"10.%u.%u.%s/24\"",
          i > 0 ? "," : "", i, i % 3, i / 256, i % 256, i % 10 == 5 ? "7" : "0");
      layout (out, i);
      g_string_append_c (out, '}');
    }
  g_string_append (out, "],\n\"security_groups\": [");
  for (guint i = 0; i < share; i++)
    g_string_append_printf (
        out,
        "%s\n{\"id\": \"sg-%u\", \"ingress\": [{\"protocol\": \"tcp\", \"ports\": \"443\", "
        "\"peer\": \"sg-%u\"}%s]}",
        i > 0 ? "," : "", i, i % 17 == 3 ? share + i : (i + 1) % share,
        i % 10 == 1 ? ", {\"protocol\": \"tcp\", \"ports\": \"99999\", \"peer\": \"self\"}" : "");
  g_string_append (out, "],\n\"endpoints\": [");
  for (guint i = 0; i < share; i++)
    {
      g_string_append_printf (
          out,
          "%s\n{\"id\": \"ep-%u\", \"service\": \"sts\", \"subnets\": [\"sn-%u\", \"sn-%u\"%s], "
          "\"security_groups\": [\"sg-%u\"]",
          i > 0 ? "," : "", i, 3 * i % share, (3 * i + 1) % share,
          i % 10 == 2 ? ", \"sn-missing\"" : "", i);
      layout (out, i);
      g_string_append_c (out, '}');
    }
  g_string_append (out, "],\n\"nat_gateways\": [");
  for (guint i = 0; i < share; i++)
    {
      g_string_append_printf (out, "%s\n{\"id\": \"nat-%u\", \"subnet\": \"sn-%u\"%s",
                              i > 0 ? "," : "", i, i, i % 10 == 3 ? ", \"gb_per_month\": -1" : "");
      layout (out, i);
      g_string_append_c (out, '}');
    }
  g_string_append (out, "],\n\"workloads\": [");
  for (guint i = 0; i < workloads; i++)
    {
      g_string_append_printf (
          out,
          "%s\n{\"id\": \"w-%u\", \"kind\": \"training_job\", \"subnets\": [\"sn-%u\"], "
          "\"security_groups\": [\"sg-%u\"]%s",
          i > 0 ? "," : "", i, i % share, i % share,
          i % 10 == 4 ? ", \"instance_count\": 2.5" : "");
      layout (out, i);
      g_string_append_c (out, '}');
    }
  g_string_append (out, "]}\n");
  return g_string_free_to_bytes (out);
}

/* One group with @rules rules, every other one with a port out of range. */
static GBytes *
generate_long_list (guint rules)
{
  GString *out = g_string_new (
      "{\"format\": \"vpc-designer\", \"version\": 1, \"region\": \"us-east-1\", "
      "\"vpc\": {\"cidr\": \"10.0.0.0/16\"}, \"security_groups\": [{\"id\": \"sg\", "
      "\"ingress\": [");

  for (guint i = 0; i < rules; i++)
    g_string_append_printf (out, "%s{\"protocol\": \"tcp\", \"ports\": \"%u\", \"peer\": \"self\"}",
                            i > 0 ? ",\n" : "", i % 2 == 1 ? 70000u : i % 65536);
  g_string_append (out, "]}]}\n");
  return g_string_free_to_bytes (out);
}

/* Processor time of this process, in milliseconds. */
static double
cpu_ms (void)
{
  struct timespec now;

  clock_gettime (CLOCK_PROCESS_CPUTIME_ID, &now);
  return now.tv_sec * 1e3 + now.tv_nsec / 1e6;
}

typedef struct
{
  double repair, load;
  guint  changes;
} Figures;

static Figures
measure (GBytes *input)
{
  double repair[RUNS], load[RUNS];
  Figures f = { 0 };

  for (guint run = 0; run < RUNS; run++)
    {
      g_autoptr(GPtrArray) changes = NULL;
      g_autoptr(GError) error = NULL;
      g_autoptr(GBytes) output = NULL;
      g_autoptr(VpcDesign) design = NULL;
      double start = cpu_ms ();

      output = vpc_file_repair_bytes (input, &changes, NULL, &error);
      repair[run] = cpu_ms () - start;
      if (output == NULL)
        {
          fprintf (stderr, "bench-repair: %s\n", error->message);
          exit (1);
        }
      f.changes = changes->len;
      start = cpu_ms ();
      design = vpc_file_load_bytes (output, NULL, &error);
      load[run] = cpu_ms () - start;
      if (design == NULL)
        {
          fprintf (stderr, "bench-repair: the repaired design does not load: %s\n", error->message);
          exit (1);
        }
    }
  qsort (repair, RUNS, sizeof (double), bench_compare_doubles);
  qsort (load, RUNS, sizeof (double), bench_compare_doubles);
  f.repair = repair[RUNS / 2];
  f.load = load[RUNS / 2];
  return f;
}

static void
report (const char *name,
        GBytes     *input,
        Figures     f)
{
  printf ("repair-%s: %.1f ms CPU (%.1f MB, %u changes); loading the result %.1f ms; repair's own "
          "work %.1f ms\n",
          name, f.repair, g_bytes_get_size (input) / 1e6, f.changes, f.load, f.repair - f.load);
}

int
main (int   argc,
      char *argv[])
{
  const guint sizes[] = { 10000, 50000, 100000 };
  double own[G_N_ELEMENTS (sizes)];
  g_autoptr(GBytes) rules = NULL;

  /* "bench-repair N": one size only, for profilers. */
  if (argc > 1)
    {
      g_autoptr(GBytes) input = generate ((guint) g_ascii_strtoull (argv[1], NULL, 10));

      report (argv[1], input, measure (input));
      return 0;
    }
  rules = generate_long_list (200000);
  for (guint i = 0; i < G_N_ELEMENTS (sizes); i++)
    {
      g_autoptr(GBytes) input = generate (sizes[i]);
      g_autofree char *name = g_strdup_printf ("%u", sizes[i]);
      Figures f = measure (input);

      report (name, input, f);
      own[i] = f.repair - f.load;
    }
  printf ("repair growth 100k / 10k: %.1fx (10x elements)\n", own[2] / own[0]);
  report ("200000-rules", rules, measure (rules));
  return 0;
}
