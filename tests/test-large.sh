#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Correctness at the format's limit: a generated design of 100,000 elements
# (tools/make-design) loads, checks, prices, saves and loads again, and
# exports. Not a timed test: the bound is the meson timeout, far above what
# the commands take (tools/bench measures them).
# Needs VPC_DESIGNER (the vpc-designer binary under test).
set -euo pipefail

top=$(cd "$(dirname "$0")/.." && pwd)
bin=${VPC_DESIGNER:?VPC_DESIGNER must name the vpc-designer binary}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
n=100000
failures=0

fail () {
  echo "not ok: $*" >&2
  failures=$((failures + 1))
}

# run NAME EXPECTED_STATUSES COMMAND...: runs it, keeps stdout in $work/NAME.
run () {
  local name=$1 allowed=$2 status=0
  shift 2
  "$@" >"$work/$name.out" 2>"$work/$name.err" || status=$?
  case " $allowed " in
    *" $status "*) echo "ok: $name (exit $status)" ;;
    *) fail "$name exited $status: $(head -c 400 "$work/$name.err")" ;;
  esac
}

"$top/tools/make-design" "$n" "$work/big.vpcd.json" --seed 7
"$top/tools/make-design" "$n" "$work/unplaced.vpcd.json" --seed 8 --layout none

run check "0 1" "$bin" check "$work/big.vpcd.json" --format json
run cost "0" "$bin" cost "$work/big.vpcd.json" --format json
python3 - "$work" "$n" <<'PY' || fail "check/cost JSON"
import json, sys
work, n = sys.argv[1], int(sys.argv[2])
design = json.load(open(f"{work}/big.vpcd.json"))
ids = {e["id"] for k in ("availability_zones", "subnets", "security_groups", "endpoints",
                         "nat_gateways", "workloads") for e in design[k]}
assert len(ids) == n, len(ids)
check = json.load(open(f"{work}/check.out"))
assert check["findings"], "no findings"
for f in check["findings"]:
    assert f["rule"].startswith("VPC"), f
    assert all(e in ids for e in f["elements"]), f
cost = json.load(open(f"{work}/cost.out"))
items = {i["element"] for i in cost["items"]}
want = {e["id"] for e in design["nat_gateways"]} | \
       {e["id"] for e in design["endpoints"] if e.get("type") != "gateway"}
assert want <= items, len(want - items)
print(f"ok: {len(check['findings'])} findings on known elements; {len(items)} cost items")
PY

# A fifth of the elements interface endpoints of the services the workloads
# call: VPC401 and VPC402 compare thousands of endpoints with tens of
# thousands of workloads (through sets; test-rules compares them with
# every pair on small designs).
"$top/tools/make-design" "$n" "$work/endpoints.vpcd.json" --seed 9 --shape endpoints
run check-endpoints "0 1" "$bin" check "$work/endpoints.vpcd.json" --format json
python3 - "$work" <<'PY' || fail "check of the endpoints shape"
import json, sys
work = sys.argv[1]
design = json.load(open(f"{work}/endpoints.vpcd.json"))
kinds = {e["id"]: k for k in ("availability_zones", "subnets", "security_groups", "endpoints",
                               "nat_gateways", "workloads") for e in design[k]}
findings = json.load(open(f"{work}/check-endpoints.out"))["findings"]
by_rule = {}
for f in findings:
    by_rule.setdefault(f["rule"], []).append(f)
for rule, primary in (("VPC401", "workloads"), ("VPC402", "endpoints")):
    assert by_rule.get(rule), f"no {rule}"
    for f in by_rule[rule]:
        assert kinds[f["elements"][0]] == primary, f
        assert len(f["elements"]) <= 101, f
print(f"ok: {len(by_rule['VPC401'])} VPC401 and {len(by_rule['VPC402'])} VPC402 findings")
PY

# Reports this large are written as they are made: the text report agrees
# with the JSON one, and a write that fails part-way (a full disk) is
# reported once, with exit status 2.
run check-text "0 1" "$bin" check "$work/big.vpcd.json"
python3 - "$work" <<'PY' || fail "the text report's summary disagrees with the JSON one"
import json, re, sys
work = sys.argv[1]
s = json.load(open(f"{work}/check.out"))["summary"]
last = open(f"{work}/check-text.out").read().splitlines()[-1]
numbers = [int(x) for x in re.findall(r"[0-9]+", last)]
assert last.startswith("Summary:") and numbers == [s["errors"], s["warnings"], s["info"]], last
PY
[ "$(grep -c '^  ' "$work/check-text.out")" -gt 0 ] || fail "the text report lists no finding"
if [ -w /dev/full ]; then
  status=0
  "$bin" check "$work/big.vpcd.json" --format json >/dev/full 2>"$work/full.err" || status=$?
  [ "$status" = 2 ] || fail "a full disk gave exit status $status, not 2"
  [ "$(grep -c 'cannot write the output' "$work/full.err")" = 1 ] \
    || fail "a full disk was not reported once: $(head -c 400 "$work/full.err")"
else
  fail "/dev/full is missing: the full-disk check cannot run"
fi

# Saving: the automatic layout places every element, the saved file loads
# again, saves to the same bytes and is judged the same.
run save "0" "$bin" export "$work/unplaced.vpcd.json" -o "$work/placed.vpcd.json"
run save-again "0" "$bin" export "$work/placed.vpcd.json" -o "$work/placed-again.vpcd.json"
cmp -s "$work/placed.vpcd.json" "$work/placed-again.vpcd.json" || fail "the saved design saves to other bytes"
run check-unplaced "0 1" "$bin" check "$work/unplaced.vpcd.json" --format json
run check-placed "0 1" "$bin" check "$work/placed.vpcd.json" --format json
python3 - "$work" <<'PY' || fail "placed design"
import json, sys
work = sys.argv[1]
placed = json.load(open(f"{work}/placed.vpcd.json"))
for k in ("availability_zones", "subnets", "security_groups", "endpoints", "nat_gateways", "workloads"):
    for e in placed[k]:
        l = e["layout"]
        assert l["w"] > 0 and l["h"] > 0, e["id"]
a = json.load(open(f"{work}/check-unplaced.out"))["findings"]
b = json.load(open(f"{work}/check-placed.out"))["findings"]
assert a == b, "placing the elements changed the findings"
print("ok: every element placed; findings unchanged by the layout")
PY

# Pictures: a whole SVG (XML) and a PNG.
run svg "0" "$bin" export "$work/big.vpcd.json" -o "$work/big.svg"
xmllint --noout --huge "$work/big.svg" 2>/dev/null || fail "the SVG is not XML"
last=$(python3 -c 'import json, sys; print(json.load(open(sys.argv[1]))["workloads"][-1]["name"])' "$work/big.vpcd.json")
grep -q ">$last<" "$work/big.svg" || fail "the SVG lacks the last workload's label ($last)"
run png "0" "$bin" export "$work/big.vpcd.json" -o "$work/big.png"
[ "$(head -c 8 "$work/big.png" | od -An -tx1 | tr -d ' \n')" = 89504e470d0a1a0a ] || fail "the PNG has no PNG signature"

if [ "$failures" -gt 0 ]; then
  echo "$failures failure(s)" >&2
  exit 1
fi
echo "all large-design checks passed"
