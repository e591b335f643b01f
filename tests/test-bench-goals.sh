#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# tools/bench-goals.sh reads figures and prints every goal with its mark:
# a quote in a row's text once ended its awk program early, and tools/bench
# printed no table at all.
set -euo pipefail

goals="$(dirname "$0")/../tools/bench-goals.sh"
figures=$(mktemp)
trap 'rm -f "$figures"' EXIT
cat > "$figures" <<'FIGURES'
check-1000: 12.0 ms
check-10000: 50.0 ms
check-100000: 700.0 ms
frame-fit-100000: 28.0 ms
frame-pan-fit-100000: 0.7 ms
edit-subnet-100000: 18.0 ms
edit-data-costs-findings-100000: 41.0 ms
edit-endpoint-findings-100000: 620.0 ms
FIGURES
table=$("$goals" "$figures")
fail() { echo "bench-goals: $1"; echo "$table"; exit 1; }
grep -q '^| check, 1,000 elements .*| 12.0 ms .*| pass |$' <<<"$table" || fail "check-1000 not passed"
grep -q '^| check, growth 10k -> 100k .*| 14.0x .*| FAIL |$' <<<"$table" || fail "growth not failed"
grep -q '^| frame zoomed out .*| 28.0 ms .*| FAIL |$' <<<"$table" || fail "frame-fit not failed"
grep -q '^| \.\.\. panned by whole pixels.*| 0.7 ms .*| pass |$' <<<"$table" || fail "pan not passed"
grep -q '^| the route of a subnet changed .*| 18.0 ms .*| pass |$' <<<"$table" || fail "edit-subnet"
grep -q '^| \.\.\. precise + development.*| 41.0 ms .*| pass |$' <<<"$table" || fail "edit-data-costs"
grep -q '^| \.\.\. until its findings are drawn, 100,000 .*| 620.0 ms .*| FAIL |$' <<<"$table" \
  || fail "edit-endpoint-findings"
# Every goal after the figures given is listed, unmeasured.
grep -q '^| editor: open to first frame, 100,000 .*| not measured .*| -    |$' <<<"$table" \
  || fail "the last goal is missing"
echo "bench-goals: $(grep -c '^|' <<<"$table") rows"
