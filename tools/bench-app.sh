#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# The editor as a user waits for it: from starting vpc-designer to its
# first drawn frame (the window is viewable and its header bar is no longer
# black on the screen, polled every ~30 ms), empty and with generated
# designs of 10,000 and 100,000 elements, and the peak memory of the
# 100,000 one. Prints "name: N ms"
# lines (medians) and "app-peak-100000: 0 ms, M KB".
#
# Usage: tools/bench-app.sh BUILD_DIR WORK_DIR   (designs from bench-commands.sh)
# Needs Xvfb, xdotool and ImageMagick's import; run it in a D-Bus session.
set -euo pipefail

build=$1
work=$2
runs=${VPC_BENCH_RUNS:-5}
for tool in Xvfb xdotool import; do
  command -v "$tool" >/dev/null || { echo "bench-app: $tool is missing" >&2; exit 2; }
done

display=${VPC_BENCH_DISPLAY:-:77}
Xvfb "$display" -screen 0 1280x1024x24 -nolisten tcp >/dev/null 2>&1 &
xvfb=$!
trap 'kill $xvfb 2>/dev/null || true' EXIT
sleep 1
export DISPLAY=$display

# open_ms [FILE]: prints the µs until the window is viewable; leaves the
# editor running as $pid.
open_ms () {
  local t0 t1
  t0=$(date +%s%N)
  env XDG_DATA_HOME="$work/xdg" GSETTINGS_BACKEND=memory GSETTINGS_SCHEMA_DIR="$build/resources" \
    NO_AT_BRIDGE=1 GDK_BACKEND=x11 "$build/app/vpc-designer" "$@" >/dev/null 2>&1 &
  pid=$!
  until xdotool search --onlyvisible --pid "$pid" >/dev/null 2>&1 &&
        ! import -window root -crop 1x1+640+30 txt:- 2>/dev/null | grep -q '#000000'; do
    kill -0 "$pid" 2>/dev/null || { echo "bench-app: the editor exited" >&2; exit 1; }
    sleep 0.005
  done
  t1=$(date +%s%N)
  echo $(( (t1 - t0) / 1000 ))
}

figure () {
  local name=$1 times=()
  shift
  for ((i = 0; i < runs; i++)); do
    open_ms "$@" >"$work/open-us" # not $(...): $pid must reach this shell
    times+=("$(cat "$work/open-us")")
    kill "$pid"; wait "$pid" 2>/dev/null || true
  done
  printf '%s\n' "${times[@]}" | sort -n | awk -v name="$name" \
    '{ a[NR] = $1 } END { printf "%s: %.1f ms\n", name, a[int((NR + 1) / 2)] / 1000 }'
}

figure app-start-empty
figure app-open-10000 "$work/design-10000.vpcd.json"
figure app-open-100000 "$work/design-100000.vpcd.json"
open_ms "$work/design-100000.vpcd.json" >"$work/open-us"
sleep 3
peak=$(awk '/VmHWM/ { print $2 }' "/proc/$pid/status")
kill "$pid"; wait "$pid" 2>/dev/null || true
echo "app-peak-100000: 0 ms, $peak KB"
