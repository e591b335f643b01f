#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# The command line in German and Spanish:
# - each catalogue holds every message of the sources, none fuzzy or empty,
#   and its formats match (msgfmt --check);
# - text output is translated: every rule title the English `check` prints
#   appears translated in the German and Spanish output;
# - what programs read (json, sarif, csv) is the same bytes in every
#   language, with the same exit status.
# Needs VPC_DESIGNER (the binary under test) and VPC_LOCALEDIR (the build
# tree's catalogues, where vpc-designer looks for them when run from there).
set -euo pipefail

top=$(cd "$(dirname "$0")/.." && pwd)
bin=${VPC_DESIGNER:?VPC_DESIGNER must name the vpc-designer binary}
localedir=${VPC_LOCALEDIR:?VPC_LOCALEDIR must name the built catalogues}
po=$top/resources/po
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
failures=0
languages="de es"

fail () {
  echo "not ok: $*" >&2
  failures=$((failures + 1))
}

# in LANG COMMAND...: runs COMMAND in language LANG ("C" for English).
in_language () {
  local lang=$1
  shift
  if [ "$lang" = C ]; then
    env -u LANGUAGE LC_ALL=C.UTF-8 "$@"
  else
    env -u LC_ALL LANG=C.UTF-8 LANGUAGE="$lang" "$@"
  fi
}

# --- the catalogues ------------------------------------------------------
(cd "$top" && xgettext --from-code=UTF-8 --add-comments=TRANSLATORS \
  --keyword=_ --keyword=N_ --keyword=C_:1c,2 --keyword=NC_:1c,2 \
  --keyword=ngettext:1,2 --keyword=g_dngettext:2,3 \
  --flag=N_:1:pass-c-format --flag=C_:2:pass-c-format \
  --flag=g_strdup_printf:1:c-format --flag=g_string_append_printf:2:c-format \
  -f resources/po/POTFILES.in -o "$work/template.pot" 2>"$work/xgettext.err") ||
  fail "xgettext: $(cat "$work/xgettext.err")"
n_messages=$(msgattrib --no-obsolete "$work/template.pot" | grep -c '^msgid ' || true)
[ "$n_messages" -gt 300 ] || fail "only $n_messages messages extracted: is the template right?"
echo "ok: $n_messages messages in the sources"
for lang in $languages; do
  msgcmp "$po/$lang.po" "$work/template.pot" 2>"$work/msgcmp.err" ||
    fail "$lang.po lacks messages: $(head -c 600 "$work/msgcmp.err")"
  stats=$(msgfmt --check --statistics -o /dev/null "$po/$lang.po" 2>&1) ||
    fail "$lang.po: msgfmt --check: $stats"
  case $stats in
    *fuzzy*|*untranslated*) fail "$lang.po: $stats" ;;
    *) echo "ok: $lang.po: $stats" ;;
  esac
done

# --- text output is translated -------------------------------------------
example=$top/resources/examples/training-cannot-reach-s3-ecr.vpcd.json
in_language C "$bin" check "$example" --format text >"$work/C.txt" || true
grep -q 'VPC10' "$work/C.txt" || fail "English check output has no finding"
for lang in $languages; do
  in_language "$lang" "$bin" check "$example" --format text >"$work/$lang.txt" || true
  cmp -s "$work/C.txt" "$work/$lang.txt" && fail "check text output is English in $lang"
  # Every English rule title printed has its translation printed instead.
  in_language C "$bin" rules --format json |
    sed -n 's/^ *"title": "\(.*\)",$/\1/p' >"$work/titles"
  while IFS= read -r title; do
    grep -qF -- "$title" "$work/C.txt" || continue
    translated=$(TEXTDOMAINDIR=$localedir LANGUAGE=$lang LANG=C.UTF-8 \
      gettext -d vpc-designer -- "$title")
    if [ "$translated" = "$title" ]; then
      fail "$lang: rule title not translated: $title"
    elif ! grep -qF -- "$translated" "$work/$lang.txt"; then
      fail "$lang: check does not print '$translated'"
    fi
  done <"$work/titles"
  echo "ok: check --format text in $lang"
  in_language "$lang" "$bin" --help >"$work/help-$lang" || fail "--help in $lang"
  in_language C "$bin" --help >"$work/help-C"
  cmp -s "$work/help-C" "$work/help-$lang" && fail "--help is English in $lang"
done

# --- machine output is the same bytes in every language -----------------
lesson=$top/resources/lessons/02-pull-image.vpcd.json
other=$top/resources/examples/two-az-training-and-hosting.vpcd.json
commands=(
  "check|$example|--format|json"
  "check|$example|--format|sarif"
  "check|$example|--format|json|--profile|precise"
  "cost|$example|--format|json"
  "cost|$example|--format|csv"
  "diff|$example|$other|--format|json"
  "grade|$lesson|--format|json"
  "rules|--format|json"
)
for spec in "${commands[@]}"; do
  IFS='|' read -r -a args <<<"$spec"
  status_c=0
  in_language C "$bin" "${args[@]}" >"$work/out-C" 2>/dev/null || status_c=$?
  [ -s "$work/out-C" ] || fail "${args[*]}: no output"
  for lang in $languages; do
    status=0
    in_language "$lang" "$bin" "${args[@]}" >"$work/out-$lang" 2>/dev/null || status=$?
    if ! cmp -s "$work/out-C" "$work/out-$lang"; then
      fail "${args[*]}: output differs in $lang"
    elif [ "$status" != "$status_c" ]; then
      fail "${args[*]}: exit $status in $lang, $status_c in English"
    fi
  done
  echo "ok: ${args[*]} is the same in C $languages"
done

if [ "$failures" -gt 0 ]; then
  echo "$failures failure(s)" >&2
  exit 1
fi
echo "all locale checks passed"
