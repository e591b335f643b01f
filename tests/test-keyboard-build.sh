#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# test-keyboard-build.sh BINARY: a design built with the keyboard only.
#
# Starts vpc-designer under the current DISPLAY (no file: the start page),
# and with xdotool key presses only (no pointer) makes a new design with
# two availability zones, a private subnet in each, a SageMaker training
# job attached to both subnets, an S3 and a CloudWatch Logs endpoint and a
# security group, then saves it (Ctrl+S, a name, Enter). The saved file is
# read back through the app's own command line (export to the design
# format) and checked with python3. Every key press counts (a chord such
# as Ctrl+F is one press; a typed character is one); the test prints
# "keys: N" and fails at 60 or more.
#
# VPC_KEYS_SCREENSHOT_DIR=DIR saves a screenshot before saving.
set -euo pipefail

bin=$(realpath "$1")
if [ -z "${DISPLAY:-}" ]; then
  echo "test-keyboard-build.sh: no DISPLAY; run under xvfb-run (tools/test does)" >&2
  exit 1
fi
command -v xdotool >/dev/null || { echo "test-keyboard-build.sh: xdotool is missing" >&2; exit 1; }
python=/usr/bin/python3
[ -x "$python" ] || python=python3

tmp=$(mktemp -d)
pid=
cleanup () {
  if [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null; then kill "$pid"; wait "$pid" 2>/dev/null || true; fi
  rm -rf "$tmp"
}
trap cleanup EXIT
mkdir -p "$tmp/config/gtk-4.0" "$tmp/work"
printf '[Settings]\ngtk-recent-files-enabled=false\n' > "$tmp/config/gtk-4.0/settings.ini"
export XDG_CONFIG_HOME="$tmp/config"

# The save dialog starts in the working folder.
cd "$tmp/work"
VPC_TEST_WINDOW_SIZE=1280x800 "$bin" &
pid=$!

wid=
for _ in $(seq 1 100); do
  wid=$(xdotool search --onlyvisible --name "VPC Designer" 2>/dev/null | head -n 1) || true
  [ -n "$wid" ] && break
  kill -0 "$pid" 2>/dev/null || { echo "test-keyboard-build.sh: the app exited" >&2; exit 1; }
  sleep 0.1
done
[ -n "$wid" ] || { echo "test-keyboard-build.sh: the app showed no window" >&2; exit 1; }
xdotool windowfocus --sync "$wid" 2>/dev/null || xdotool windowfocus "$wid"
sleep 0.5

keys=0
key () {   # key KEY...: each argument is one press
  for k in "$@"; do
    xdotool key "$k"
    keys=$((keys + 1))
    sleep 0.25
  done
}
typed () {   # typed TEXT: one press per character
  xdotool type --delay 60 "$1"
  keys=$((keys + ${#1}))
  sleep 0.25
}
add () {   # add QUERY: Ctrl+F, the query, Enter (the palette adds its best match)
  key ctrl+f
  typed "$1"
  key Return
}

key ctrl+n          # a new design
add az              # zone 1, selected
add sub             # a private subnet in it, selected
add az              # zone 2
add sub             # a private subnet in zone 2
add train           # a training job in that subnet, selected
key ctrl+k Return   # Connect to… the other subnet (the only one offered)
add s3
add logs
add sg
if [ -n "${VPC_KEYS_SCREENSHOT_DIR:-}" ] && command -v import >/dev/null; then
  import -window root "$VPC_KEYS_SCREENSHOT_DIR/keyboard-build.png"
fi
key ctrl+s
# The dialog may take a while on a busy machine: type once it is shown.
for _ in $(seq 1 100); do
  xdotool search --onlyvisible --name "Save Design" >/dev/null 2>&1 && break
  sleep 0.1
done
sleep 0.5
typed kb            # replaces the suggested name's stem
key Return

saved=
for _ in $(seq 1 50); do
  saved=$(find "$tmp/work" -maxdepth 1 -name 'kb*.json' | head -n 1)
  [ -n "$saved" ] && break
  sleep 0.1
done
[ -n "$saved" ] || { echo "test-keyboard-build.sh: nothing was saved" >&2; exit 1; }
sleep 0.3
kill "$pid"; wait "$pid" 2>/dev/null || true
pid=

echo "keys: $keys"
"$bin" export "$saved" -o "$tmp/check.vpcd.json"
"$python" - "$tmp/check.vpcd.json" <<'EOF'
import json, sys

d = json.load(open(sys.argv[1]))
def fail(msg):
    print("test-keyboard-build.sh: " + msg, file=sys.stderr)
    sys.exit(1)

azs = [a["id"] for a in d["availability_zones"]]
subnets = d["subnets"]
if len(azs) != 2:
    fail("expected 2 availability zones, got %d" % len(azs))
if len(subnets) != 2 or {s["az"] for s in subnets} != set(azs):
    fail("expected a subnet in each zone, got %r" % [(s["id"], s["az"]) for s in subnets])
if any(s["route"] != "private" for s in subnets):
    fail("expected private subnets")
jobs = [w for w in d["workloads"] if w["kind"] == "training_job"]
if len(jobs) != 1 or set(jobs[0]["subnets"]) != {s["id"] for s in subnets}:
    fail("expected one training job in both subnets, got %r" % d["workloads"])
services = sorted(e["service"] for e in d["endpoints"])
if services != ["logs", "s3"]:
    fail("expected the s3 and logs endpoints, got %r" % services)
if len(d["security_groups"]) != 1:
    fail("expected one security group, got %d" % len(d["security_groups"]))
print("test-keyboard-build.sh: the design is complete")
EOF
if [ "$keys" -ge 60 ]; then
  echo "test-keyboard-build.sh: $keys key presses (must be fewer than 60)" >&2
  exit 1
fi
