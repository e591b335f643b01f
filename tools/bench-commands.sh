#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Whole commands as a user waits for them: vpc-designer check, cost and
# export on generated designs of 1,000, 10,000 and 100,000 elements
# (tools/make-design), each timed as a whole process. Prints one line per
# figure: "name: MEDIAN ms, PEAK KB" (median wall time of several runs,
# peak resident memory of one run).
#
# Usage: tools/bench-commands.sh [VPC_DESIGNER [WORK_DIR]]
# Environment: VPC_BENCH_RUNS (runs per figure, default 5; 3 at 100k).
set -euo pipefail

TOP=$(cd "$(dirname "$0")/.." && pwd)
bin=${1:-$TOP/build-bench/app/vpc-designer}
work=${2:-$(mktemp -d)}
runs=${VPC_BENCH_RUNS:-5}
mkdir -p "$work"
[ -x "$bin" ] || { echo "bench-commands: no binary at $bin" >&2; exit 2; }
[ -x /usr/bin/time ] || { echo "bench-commands: /usr/bin/time is missing" >&2; exit 2; }

for n in 1000 10000 100000; do
  [ -s "$work/design-$n.vpcd.json" ] || "$TOP/tools/make-design" "$n" "$work/design-$n.vpcd.json"
done
# A fifth of the elements interface endpoints of the services the workloads
# call: every workload meets thousands of them (VPC401/402).
for n in 10000 100000; do
  [ -s "$work/endpoints-$n.vpcd.json" ] ||
    "$TOP/tools/make-design" "$n" "$work/endpoints-$n.vpcd.json" --shape endpoints
done
# Every element without a layout: the whole automatic layout runs.
[ -s "$work/unplaced-100000.vpcd.json" ] ||
  "$TOP/tools/make-design" 100000 "$work/unplaced-100000.vpcd.json" --layout none

# figure NAME RUNS COMMAND...: median wall time and the peak memory.
figure () {
  local name=$1 n=$2 times=() t0 t1 peak
  shift 2
  for ((i = 0; i < n; i++)); do
    # $EPOCHREALTIME (its decimal point follows the locale), not $(date):
    # forking date added 5-20 ms to each run.
    t0=${EPOCHREALTIME//[.,]/}
    "$@" >/dev/null 2>&1 || [ $? -eq 1 ] # check exits 1 on error findings
    t1=${EPOCHREALTIME//[.,]/}
    times+=($(( t1 - t0 )))
  done
  /usr/bin/time -o "$work/peak" -f '%M' "$@" >/dev/null 2>&1 || true
  peak=$(tail -1 "$work/peak")
  printf '%s\n' "${times[@]}" | sort -n | awk -v name="$name" -v peak="$peak" \
    '{ a[NR] = $1 } END { printf "%s: %.1f ms, %s KB\n", name, a[int((NR + 1) / 2)] / 1000, peak }'
}

for n in 1000 10000 100000; do
  r=$runs
  [ "$n" -lt 100000 ] || r=$(( runs < 3 ? runs : 3 ))
  design="$work/design-$n.vpcd.json"
  figure "check-$n" "$r" "$bin" check "$design"
  figure "check-json-$n" "$r" "$bin" check "$design" --format json
  figure "cost-$n" "$r" "$bin" cost "$design"
done
for n in 10000 100000; do
  r=$runs
  [ "$n" -lt 100000 ] || r=$(( runs < 3 ? runs : 3 ))
  figure "check-endpoints-$n" "$r" "$bin" check "$work/endpoints-$n.vpcd.json"
  figure "cost-endpoints-$n" "$r" "$bin" cost "$work/endpoints-$n.vpcd.json"
done
# At 1,000 elements the work budget lets every link's router look at all
# it passes: the routing thread is what an SVG of such a design waits for
# (a PNG waits for its encoders).
for n in 1000 10000 100000; do
  r=$runs
  [ "$n" -lt 100000 ] || r=$(( runs < 3 ? runs : 3 ))
  for fmt in svg png; do
    figure "export-$fmt-$n" "$r" "$bin" export "$work/design-$n.vpcd.json" -o "$work/out-$n.$fmt"
  done
done
figure "layout-export-json-100000" 3 "$bin" export "$work/unplaced-100000.vpcd.json" -o "$work/placed.vpcd.json"
