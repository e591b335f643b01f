#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# The editor as a user waits for it: from starting vpc-designer to its
# first drawn frame (its header bar is no longer black on the screen: see
# tools/bench-first-frame.py), empty and with generated
# designs of 10,000 and 100,000 elements, and the peak memory of the
# 100,000 one. Prints "name: N ms"
# lines (medians) and "app-peak-100000: 0 ms, M KB".
#
# Usage: tools/bench-app.sh BUILD_DIR WORK_DIR   (designs from bench-commands.sh)
# Needs Xvfb and python3; run it in a D-Bus session.
set -euo pipefail

top=$(cd "$(dirname "$0")/.." && pwd)
build=$1
work=$2
runs=${VPC_BENCH_RUNS:-5}
for tool in Xvfb python3; do
  command -v "$tool" >/dev/null || { echo "bench-app: $tool is missing" >&2; exit 2; }
done

display=${VPC_BENCH_DISPLAY:-:77}
Xvfb "$display" -screen 0 1280x1024x24 -nolisten tcp >/dev/null 2>&1 &
xvfb=$!
trap 'kill $xvfb 2>/dev/null || true' EXIT
sleep 1
export DISPLAY=$display

# open_us [ARGS]: the µs from starting the editor to its first frame
# (bench-first-frame.py); extra words follow with --peak-after.
open_us () {
  env XDG_DATA_HOME="$work/xdg" GSETTINGS_BACKEND=memory GSETTINGS_SCHEMA_DIR="$build/resources" \
    NO_AT_BRIDGE=1 GDK_BACKEND=x11 "$top/tools/bench-first-frame.py" "$@"
}

figure () {
  local name=$1 times=()
  shift
  for ((i = 0; i < runs; i++)); do
    times+=("$(open_us "$build/app/vpc-designer" "$@")")
  done
  printf '%s\n' "${times[@]}" | sort -n | awk -v name="$name" \
    '{ a[NR] = $1 } END { printf "%s: %.1f ms\n", name, a[int((NR + 1) / 2)] / 1000 }'
}

figure app-start-empty
figure app-open-10000 "$work/design-10000.vpcd.json"
figure app-open-100000 "$work/design-100000.vpcd.json"
read -r _ peak < <(open_us --peak-after 3 "$build/app/vpc-designer" "$work/design-100000.vpcd.json")
echo "app-peak-100000: 0 ms, $peak KB"
