#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Prints the speed goals of the project as a table, each figure with its
# goal and a pass/fail mark, from the "name: N ms[, M KB]" lines that
# tools/bench-commands.sh, bench-scale and tools/bench-dia.sh wrote.
# Usage: tools/bench-goals.sh FIGURE_FILE...
set -euo pipefail

cat "$@" | awk '
  /^[a-z0-9-]+: [0-9.]+ ms/ {
    name = $1; sub(/:$/, "", name)
    ms[name] = $2 + 0
    if (match($0, /[0-9]+ KB/)) kb[name] = substr($0, RSTART, RLENGTH - 3) + 0
  }
  function row(what, value, goal, ok) {
    printf "| %-44s | %-22s | %-26s | %-4s |\n", what, value, goal, ok ? "pass" : "FAIL"
  }
  function limit(what, name, max) {
    if (name in ms) row(what, sprintf("%.1f ms", ms[name]), sprintf("< %g ms", max), ms[name] < max)
    else printf "| %-44s | %-22s | %-26s | %-4s |\n", what, "not measured", sprintf("< %g ms", max), "-"
  }
  function growth(what, small, large) {
    if ((small in ms) && (large in ms) && ms[small] > 0)
      row(what, sprintf("%.1fx", ms[large] / ms[small]), "at most 11x", ms[large] / ms[small] <= 11)
  }
  function versus(what, ours, dia) {
    if (!(ours in ms) || !(dia in ms)) return
    row(what " time", sprintf("%.0f vs Dia %.0f ms", ms[ours], ms[dia]), ">= 10x faster than Dia",
        ms[dia] >= 10 * ms[ours])
    if ((ours in kb) && (dia in kb) && kb[dia] > 0)
      row(what " memory", sprintf("%.0f vs Dia %.0f MB", kb[ours] / 1024, kb[dia] / 1024),
          "<= 1/5 of Dia", kb[ours] * 5 <= kb[dia])
  }
  END {
    printf "| %-44s | %-22s | %-26s | %-4s |\n", "figure (whole process unless noted)", "median", "goal", ""
    print "| --- | --- | --- | --- |"
    limit("check, 1,000 elements", "check-1000", 15)
    limit("check, 10,000 elements", "check-10000", 100)
    limit("check, 100,000 elements", "check-100000", 1000)
    growth("check, growth 10k -> 100k", "check-10000", "check-100000")
    limit("check, 10,000, a fifth endpoints", "check-endpoints-10000", 100)
    limit("check, 100,000, a fifth endpoints", "check-endpoints-100000", 1000)
    growth("check, a fifth endpoints, growth", "check-endpoints-10000", "check-endpoints-100000")
    limit("cost, 1,000 elements", "cost-1000", 15)
    limit("cost, 10,000 elements", "cost-10000", 100)
    limit("cost, 100,000 elements", "cost-100000", 1000)
    growth("cost, growth 10k -> 100k", "cost-10000", "cost-100000")
    limit("cost, 100,000, a fifth endpoints", "cost-endpoints-100000", 1000)
    limit("automatic layout, 100,000 (in-process)", "layout-100000", 300)
    versus("export SVG, 10,000", "export-svg-10000", "dia-svg-10000")
    versus("export PNG, 10,000", "export-png-10000", "dia-png-10000")
    limit("export SVG, 100,000", "export-svg-100000", 5000)
    limit("export PNG, 100,000", "export-png-100000", 5000)
    limit("frame zoomed out with findings, 100,000 (in-process)", "frame-fit-100000", 16)
    limit("... the same through the canvas cache, drawn anew (a zoom)", "frame-fit-cached-100000", 16)
    limit("... panned by whole pixels, from the cache", "frame-pan-fit-100000", 16)
    limit("... a step of a zoom under way, the cache scaled", "frame-zoom-fit-100000", 16)
    limit("frame at 100 % (pan) with findings, 100,000 (in-process)", "frame-100-100000", 16)
    limit("one edit (a rename) + re-check + frame, 100,000", "edit-100000", 50)
    limit("the first rename after a full check, 100,000", "edit-first-100000", 50)
    limit("one move + frame (no re-check), 100,000", "edit-move-100000", 50)
    limit("one edit of a field + its rules re-checked + frame, 100,000", "edit-field-100000", 50)
    limit("... until its findings are drawn, 100,000", "edit-field-findings-100000", 50)
    limit("one workload moved to another subnet + frame, 100,000", "edit-connect-100000", 50)
    limit("... until its findings are drawn, 100,000", "edit-connect-findings-100000", 50)
    limit("one rule added to a security group + frame, 100,000", "edit-group-100000", 50)
    limit("... until its findings are drawn, 100,000", "edit-group-findings-100000", 50)
    limit("the route of a subnet changed + frame, 100,000", "edit-subnet-100000", 50)
    limit("... until its findings are drawn, 100,000", "edit-subnet-findings-100000", 50)
    limit("the data per month of an endpoint changed + frame", "edit-data-100000", 50)
    limit("... until its findings are drawn, 100,000", "edit-data-findings-100000", 50)
    limit("... precise + development: every cost finding anew", "edit-data-costs-findings-100000", 50)
    limit("an endpoint changed otherwise (every rule) + frame", "edit-endpoint-100000", 50)
    limit("... until its findings are drawn, 100,000", "edit-endpoint-findings-100000", 50)
    limit("editor: start to first frame, empty", "app-start-empty", 500)
    limit("editor: open to first frame, 10,000", "app-open-10000", 500)
    limit("editor: open to first frame, 100,000", "app-open-100000", 3000)
    if ("app-peak-100000" in kb)
      row("editor: peak memory, 100,000", sprintf("%.0f MB", kb["app-peak-100000"] / 1024), "< 1 GB",
          kb["app-peak-100000"] < 1024 * 1024)
  }'
