#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Times Dia exporting 10,000 labelled boxes to SVG and PNG, the yardstick
# for our export speed (tools/bench prints the ratios).
# Usage: tools/bench-dia.sh [WORK_DIR]   (default: a temporary folder)
# Prints "dia-svg-10000: N ms, M KB" and "dia-png-10000: N ms, M KB"
# (median wall time, peak resident memory of one run).
set -euo pipefail

work=${1:-$(mktemp -d)}
runs=${VPC_DIA_RUNS:-3}
n=10000
mkdir -p "$work/dia-bench"
dir="$work/dia-bench"

if ! command -v dia >/dev/null; then
  if [ "$(id -u)" = 0 ]; then
    DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends dia >/dev/null
  else
    echo "bench-dia: dia is not installed (run as root to install it)" >&2
    exit 1
  fi
fi

# An uncompressed .dia document: a 100 x 100 grid of flowchart boxes, each
# with its own label.
python3 - "$dir/boxes.dia" "$n" <<'PY'
import sys
path, n = sys.argv[1], int(sys.argv[2])
cols = 100
out = ['<?xml version="1.0" encoding="UTF-8"?>',
       '<dia:diagram xmlns:dia="http://www.lysator.liu.se/~alla/dia/">',
       '  <dia:layer name="Background" visible="true" active="true">']
for i in range(n):
    x, y = (i % cols) * 5.0, (i // cols) * 3.0
    out.append(f'''    <dia:object type="Flowchart - Box" version="0" id="O{i}">
      <dia:attribute name="obj_pos"><dia:point val="{x},{y}"/></dia:attribute>
      <dia:attribute name="elem_corner"><dia:point val="{x},{y}"/></dia:attribute>
      <dia:attribute name="elem_width"><dia:real val="4"/></dia:attribute>
      <dia:attribute name="elem_height"><dia:real val="2"/></dia:attribute>
      <dia:attribute name="show_background"><dia:boolean val="true"/></dia:attribute>
      <dia:attribute name="padding"><dia:real val="0.3"/></dia:attribute>
      <dia:attribute name="text">
        <dia:composite type="text">
          <dia:attribute name="string"><dia:string>#box-{i}#</dia:string></dia:attribute>
          <dia:attribute name="font"><dia:font family="sans" style="0" name="Helvetica"/></dia:attribute>
          <dia:attribute name="height"><dia:real val="0.8"/></dia:attribute>
          <dia:attribute name="pos"><dia:point val="{x + 2},{y + 1.2}"/></dia:attribute>
          <dia:attribute name="color"><dia:color val="#000000"/></dia:attribute>
          <dia:attribute name="alignment"><dia:enum val="1"/></dia:attribute>
        </dia:composite>
      </dia:attribute>
    </dia:object>''')
out += ['  </dia:layer>', '</dia:diagram>', '']
open(path, 'w').write('\n'.join(out))
PY

# Median wall time in ms of $runs runs of "dia -n -e OUT -t FORMAT".
time_dia () {
  local fmt=$1 times=() t0 t1
  for ((i = 0; i < runs; i++)); do
    rm -f "$dir/out.$fmt"
    t0=$(date +%s%N)
    dia -n -e "$dir/out.$fmt" -t "$fmt" "$dir/boxes.dia" >/dev/null 2>&1 </dev/null
    t1=$(date +%s%N)
    [ -s "$dir/out.$fmt" ] || { echo "bench-dia: dia wrote no $fmt" >&2; exit 1; }
    times+=($(( (t1 - t0) / 1000 )))
  done
  /usr/bin/time -o "$dir/peak" -f '%M' dia -n -e "$dir/out.$fmt" -t "$fmt" "$dir/boxes.dia" \
    >/dev/null 2>&1 </dev/null || true
  printf '%s\n' "${times[@]}" | sort -n | awk -v f="$fmt" -v n="$n" -v peak="$(tail -1 "$dir/peak")" \
    '{ a[NR] = $1 } END { printf "dia-%s-%s: %.1f ms, %s KB\n", f, n, a[int((NR + 1) / 2)] / 1000, peak }'
}

time_dia svg
time_dia png
