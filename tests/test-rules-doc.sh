#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# resources/doc/rules.md is `vpc-designer rules --format markdown`: the
# reference cannot drift from the tables the findings use. The JSON form
# lists the same ids in the same order.
set -euo pipefail

top=$(cd "$(dirname "$0")/.." && pwd)
bin=${VPC_DESIGNER:?VPC_DESIGNER must name the vpc-designer binary}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

LC_ALL=C.UTF-8 "$bin" rules --format markdown >"$work/rules.md"
if ! diff -u "$top/resources/doc/rules.md" "$work/rules.md"; then
  echo "not ok: resources/doc/rules.md is stale; regenerate it with" >&2
  echo "  vpc-designer rules --format markdown > resources/doc/rules.md" >&2
  exit 1
fi
LC_ALL=C.UTF-8 "$bin" rules --format json >"$work/rules.json"
grep -o '"id": "VPC[0-9]*"' "$work/rules.json" | sed 's/.*"\(VPC[0-9]*\)"/\1/' >"$work/json-ids"
grep -o '^## VPC[0-9]*' "$work/rules.md" | sed 's/## //' >"$work/md-ids"
cmp "$work/json-ids" "$work/md-ids"
# The catalogue holds exactly the rules domain.md defines.
grep -o 'VPC[0-9][0-9][0-9]' "$top/resources/doc/domain.md" | sort -u >"$work/domain-ids"
sort "$work/md-ids" | diff -u "$work/domain-ids" - ||
  { echo "not ok: the catalogue's ids differ from domain.md's" >&2; exit 1; }
LC_ALL=C.UTF-8 "$bin" rules --format yaml >/dev/null 2>&1 && { echo "not ok: --format yaml accepted" >&2; exit 1; }
echo "ok: rules.md matches the catalogue ($(wc -l <"$work/md-ids") rules)"
