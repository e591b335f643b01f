#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# gui-drag.sh BINARY DESIGN: a real pointer drag in the real app.
#
# Starts vpc-designer on a copy of DESIGN under the current DISPLAY, with a
# fixed window size and view (VPC_TEST_WINDOW_SIZE, VPC_TEST_VIEW), reads the
# canvas's place in the window (VPC_TEST_GEOMETRY_FILE), then with xdotool:
# starts a drag of subnet sn-a2 and cancels it with Escape (the design must
# stay unmodified), drags sn-a2 from AZ a into AZ b (press, moves, release;
# the design must stay unmodified until the release: a drag is previewed as
# view state), saves with Ctrl+S, quits with Ctrl+Q and checks that the saved
# subnet's az is az-b. "Modified" is read from the window title ("• NAME").
#
# VPC_DRAG_SCREENSHOT_DIR=DIR saves screenshots mid-drag and after the drop.
set -euo pipefail

bin=$1
design=$2
if [ -z "${DISPLAY:-}" ]; then
  echo "gui-drag.sh: no DISPLAY; run under xvfb-run (tools/test does)" >&2
  exit 1
fi
command -v xdotool >/dev/null || { echo "gui-drag.sh: xdotool is missing" >&2; exit 1; }

tmp=$(mktemp -d)
pid=
cleanup () {
  if [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null; then kill "$pid"; wait "$pid" 2>/dev/null || true; fi
  rm -rf "$tmp"
}
trap cleanup EXIT
cp "$design" "$tmp/drag.vpcd.json"
# A GTK configuration of our own: no recent files (the user's list stays
# untouched, and GTK 4.8 leaks a GDateTime each time it writes it).
mkdir -p "$tmp/config/gtk-4.0"
printf '[Settings]\ngtk-recent-files-enabled=false\n' > "$tmp/config/gtk-4.0/settings.ini"
export XDG_CONFIG_HOME="$tmp/config"

zoom=0.75 offset=20
VPC_TEST_WINDOW_SIZE=1280x800 VPC_TEST_VIEW="$zoom,$offset,$offset" \
VPC_TEST_GEOMETRY_FILE="$tmp/geometry" "$bin" "$tmp/drag.vpcd.json" &
pid=$!

for _ in $(seq 1 100); do [ -s "$tmp/geometry" ] && break; sleep 0.1; done
[ -s "$tmp/geometry" ] || { echo "gui-drag.sh: the app did not show the canvas" >&2; exit 1; }
read -r cx cy < "$tmp/geometry"
wid=$(xdotool search --sync --onlyvisible --name "GUI drag test" | head -n 1)
eval "$(xdotool getwindowgeometry --shell "$wid")"   # sets X and Y
xdotool windowfocus --sync "$wid" 2>/dev/null || xdotool windowfocus "$wid"

# World → screen: window + canvas origin + world * zoom + offset.
to_screen () { awk -v w="$1" -v o="$2" -v c="$3" -v z="$zoom" -v off="$offset" \
  'BEGIN { printf "%d", o + c + w * z + off }'; }
x0=$(to_screen 234 "$X" "$cx"); y0=$(to_screen 370 "$Y" "$cy")   # sn-a2's centre
x1=$(to_screen 686 "$X" "$cx")                                   # inside AZ b

shot () {
  if [ -n "${VPC_DRAG_SCREENSHOT_DIR:-}" ] && command -v import >/dev/null; then
    import -window root "$VPC_DRAG_SCREENSHOT_DIR/$1.png"
  fi
}
title () { xdotool getwindowname "$wid"; }
expect_unmodified () {
  case "$(title)" in
    "•"*) echo "gui-drag.sh: the design was modified $1" >&2; exit 1 ;;
  esac
}
drag_to () {   # drag_to STEPS: moves the pressed pointer towards x1 in 12 steps
  for i in $(seq 1 "$1"); do
    xdotool mousemove --sync $((x0 + (x1 - x0) * i / 12)) "$y0"
    sleep 0.03
  done
}

# Escape cancels a drag: nothing happens to the design.
xdotool mousemove --sync "$x0" "$y0"
sleep 0.2
xdotool mousedown 1
drag_to 8
sleep 0.2
xdotool key Escape
sleep 0.2
xdotool mouseup 1
sleep 0.3
expect_unmodified "by a drag cancelled with Escape"

# The real drag: unmodified while the button is down, one edit on release.
xdotool mousemove --sync "$x0" "$y0"
sleep 0.2
xdotool mousedown 1
drag_to 12
sleep 0.3
expect_unmodified "during the drag (the preview must be view state)"
shot mid-drag
xdotool mouseup 1
sleep 0.3
case "$(title)" in
  "•"*) ;;
  *) echo "gui-drag.sh: the drop did not modify the design (title: $(title))" >&2; exit 1 ;;
esac
shot after-drop
xdotool key ctrl+s
for _ in $(seq 1 50); do
  grep -q '"az-b"' <(python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); print(json.dumps([s["az"] for s in d["subnets"] if s["id"]=="sn-a2"]))' "$tmp/drag.vpcd.json") && break
  sleep 0.1
done
xdotool key ctrl+q
for _ in $(seq 1 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
if kill -0 "$pid" 2>/dev/null; then echo "gui-drag.sh: the app did not quit" >&2; exit 1; fi
wait "$pid" || { echo "gui-drag.sh: the app exited with status $?" >&2; exit 1; }
pid=

az=$(python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); print([s["az"] for s in d["subnets"] if s["id"]=="sn-a2"][0])' "$tmp/drag.vpcd.json")
if [ "$az" != "az-b" ]; then
  echo "gui-drag.sh: after the drag, sn-a2 is in $az, expected az-b" >&2
  exit 1
fi
echo "gui-drag.sh: sn-a2 moved into az-b and was saved"
