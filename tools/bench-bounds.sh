#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Worst cases of the bounds contract (issue 9): every design the loader
# accepts goes through check, cost and export in every format in < 10 s and
# < 1 GB. Generates the designs, runs whole commands under /usr/bin/time -v
# and prints wall time and peak RSS per command. Not a test: the figures
# depend on the machine.
#
# Usage: tools/bench-bounds.sh [VPC_DESIGNER [WORK_DIR]]
#   VPC_DESIGNER  the binary (default: build-bench/app/vpc-designer, built
#                 by tools/bench; build it first when running this alone)
#   WORK_DIR      where designs and outputs go (default: a temporary folder)
# Environment: VPC_BOUNDS_TIMEOUT (seconds per command, default 60),
#              VPC_BOUNDS_CASES (space-separated subset of the case names).
set -euo pipefail

TOP=$(cd "$(dirname "$0")/.." && pwd)
bin=${1:-$TOP/build-bench/app/vpc-designer}
work=${2:-$(mktemp -d)}
limit=${VPC_BOUNDS_TIMEOUT:-60}
mkdir -p "$work"
[ -x "$bin" ] || { echo "bench-bounds: no binary at $bin (build it first)" >&2; exit 2; }
[ -x /usr/bin/time ] || { echo "bench-bounds: /usr/bin/time is missing (apt-get install time)" >&2; exit 2; }

# Each case is one design file of at most 64 MiB that the loader accepts.
python3 - "$work" <<'PY'
import json, sys, os

work = sys.argv[1]
MAX = 64 * 1024 * 1024

def head(name, desc=""):
    return {"format": "vpc-designer", "version": 1, "name": name, "description": desc,
            "region": "us-east-1", "environment": "production", "profile": "study-guide",
            "vpc": {"name": "vpc", "cidr": "10.0.0.0/8"},
            "availability_zones": [], "subnets": [], "security_groups": [],
            "endpoints": [], "nat_gateways": [], "workloads": []}

def small():
    d = head("small")
    d["availability_zones"] = [{"id": "az-a", "name": "us-east-1a"}]
    d["subnets"] = [{"id": "sn-a", "name": "A", "az": "az-a", "cidr": "10.0.0.0/24",
                     "route": "private"}]
    d["endpoints"] = [{"id": "ep", "name": "Logs", "service": "logs", "type": "interface",
                       "subnets": ["sn-a"]}]
    d["workloads"] = [{"id": "w", "name": "Training", "kind": "training_job",
                       "subnets": ["sn-a"]}]
    return d

def cidr(i):
    # /28 blocks of 10.0.0.0/8, one per subnet.
    n = i * 16
    return "10.%d.%d.%d/28" % ((n >> 16) & 255, (n >> 8) & 255, n & 255)

def many(n_total, huge):
    """About n_total elements of every kind; half without layout so that
    the automatic layout runs. With huge, laid-out values sit at the
    format's limits (1e7)."""
    d = head("many" + (" huge" if huge else ""))
    n_az, n_sn, n_sg, n_ep, n_nat = 50, 20000, 10000, 20000, 10000
    n_w = n_total - n_az - n_sn - n_sg - n_ep - n_nat
    def lay(i, icon):
        if i % 2:
            return None
        if huge:
            big = 1e7
            return {"x": -1e7 + (i % 97) * 1e5, "y": -1e7 + (i % 89) * 1e5,
                    "w": big if icon else big, "h": big if i % 4 == 0 else 72}
        return {"x": (i % 300) * 120.0, "y": (i // 300) * 120.0, "w": 72, "h": 72}
    for a in range(n_az):
        e = {"id": "az-%d" % a, "name": "us-east-1%c" % (97 + a % 26)}
        if huge and a % 2 == 0:
            e["layout"] = {"x": -1e7, "y": -1e7, "w": 1e7, "h": 1 if a % 4 else 1e7}
        d["availability_zones"].append(e)
    for s in range(n_sn):
        e = {"id": "sn-%d" % s, "name": "Subnet %d" % s, "az": "az-%d" % (s % n_az),
             "cidr": cidr(s), "route": ("private", "nat", "public")[s % 3]}
        if huge and s % 3 == 0:
            e["layout"] = {"x": 1e7, "y": 1e7, "w": 1e7, "h": 0.5}
        d["subnets"].append(e)
    for g in range(n_sg):
        e = {"id": "sg-%d" % g, "name": "Group %d" % g,
             "ingress": [{"protocol": "tcp", "ports": "443", "peer": "sg-%d" % ((g + 1) % n_sg)}],
             "egress": [{"protocol": "all", "ports": "all", "peer": "0.0.0.0/0"}]}
        l = lay(g, True)
        if l: e["layout"] = l
        d["security_groups"].append(e)
    for p in range(n_ep):
        e = {"id": "ep-%d" % p, "name": "Endpoint %d" % p, "service": "svc%d.example" % p,
             "type": "interface", "subnets": ["sn-%d" % (p % n_sn)],
             "security_groups": ["sg-%d" % (p % n_sg)]}
        l = lay(p, True)
        if l: e["layout"] = l
        d["endpoints"].append(e)
    for t in range(n_nat):
        e = {"id": "nat-%d" % t, "name": "NAT %d" % t, "subnet": "sn-%d" % (t % n_sn)}
        l = lay(t, True)
        if l: e["layout"] = l
        d["nat_gateways"].append(e)
    for w in range(n_w):
        e = {"id": "w-%d" % w, "name": "Workload %d" % w, "kind": "training_job",
             "subnets": ["sn-%d" % (w % n_sn)], "security_groups": ["sg-%d" % (w % n_sg)]}
        l = lay(w, True)
        if l: e["layout"] = l
        d["workloads"].append(e)
    return d

def long_text(where):
    """A 60 MB string (mixed ASCII, accents, CJK, combining marks,
    noncharacters and bidi marks) as the design's name, its description or
    an endpoint's name."""
    unit = "Name é 名前 a\u0301 \ufdd0\uffff \u202e bidi \u202c "
    text = unit * (60 * 1000 * 1000 // len(unit.encode()))
    d = small()
    if where == "name":
        d["name"] = text
    elif where == "description":
        d["description"] = text
    else:
        d["endpoints"][0]["name"] = text
    return d

def huge_icon():
    d = small()
    d["endpoints"][0]["layout"] = {"x": 0, "y": 0, "w": 1e7, "h": 1e7}
    d["workloads"][0]["layout"] = {"x": -1e7, "y": 1e7, "w": 1e6, "h": 72}
    return d

def tiny():
    d = small()
    d["endpoints"][0]["layout"] = {"x": 0, "y": 0, "w": 1e-300, "h": 1e-300}
    d["availability_zones"][0]["layout"] = {"x": 24, "y": 56, "w": 1, "h": 1}
    return d

cases = {
    "huge-icon": huge_icon(),
    "tiny-values": tiny(),
    "long-name": long_text("name"),
    "long-description": long_text("description"),
    "long-label": long_text("endpoint"),
    "100k-elements": many(100000, False),
    "100k-huge-layout": many(100000, True),
}
for name, d in cases.items():
    path = os.path.join(work, name + ".vpcd.json")
    with open(path, "w", encoding="utf-8") as f:
        json.dump(d, f, ensure_ascii=False, separators=(",", ":"))
    size = os.path.getsize(path)
    assert size <= MAX, (name, size)
PY

cases=${VPC_BOUNDS_CASES:-"huge-icon tiny-values long-name long-description long-label 100k-elements 100k-huge-layout"}
printf "%-18s %-11s %9s %9s %9s  %s\n" case command MB_in seconds peak_MB exit
worst_s=0
worst_mb=0
for c in $cases; do
  in="$work/$c.vpcd.json"
  mb_in=$(awk -v b="$(stat -c %s "$in")" 'BEGIN { printf "%.1f", b / 1048576 }')
  for cmd in check cost png svg pdf json; do
    case $cmd in
      check|cost) args=("$cmd" "$in") ;;
      *) args=(export "$in" -o "$work/$c.out.$cmd") ;;
    esac
    rc=0
    /usr/bin/time -f "%e %M" -o "$work/time.txt" timeout "$limit" "$bin" "${args[@]}" \
      >/dev/null 2>"$work/stderr.txt" || rc=$?
    read -r secs kb < <(tail -1 "$work/time.txt")
    mb=$(awk -v k="$kb" 'BEGIN { printf "%.0f", k / 1024 }')
    note=$rc
    [ "$rc" = 124 ] && note="timeout after ${limit}s"
    [ "$rc" = 2 ] && note="2: $(head -c 100 "$work/stderr.txt" | tr '\n' ' ')"
    printf "%-18s %-11s %9s %9s %9s  %s\n" "$c" "$cmd" "$mb_in" "$secs" "$mb" "$note"
    worst_s=$(awk -v a="$worst_s" -v b="$secs" 'BEGIN { print (b > a) ? b : a }')
    worst_mb=$(awk -v a="$worst_mb" -v b="$mb" 'BEGIN { print (b > a) ? b : a }')
    rm -f "$work/$c.out.$cmd"
  done
done
echo "worst: ${worst_s} s, ${worst_mb} MB (goal: < 10 s and < 1024 MB per command)"
