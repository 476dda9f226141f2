#!/usr/bin/env bash
# SPDX-FileCopyrightText: 2026 Packbench contributors
# SPDX-License-Identifier: GPL-3.0-or-later
# Fails when translations/*.ts are out of step with the tr() strings in the sources.
# Usage: scripts/check-translations.sh <configured build dir>
set -euo pipefail
cd "$(dirname "$0")/.."
build=${1:?usage: check-translations.sh <build dir>}
before=$(mktemp -d)
trap 'rm -rf "$before"' EXIT
cp translations/*.ts "$before/"
# lupdate warns about C++17 nested namespaces it cannot parse; the contexts come out right.
if ! cmake --build "$build" --target update_translations >"$before/lupdate.log" 2>&1; then
  cat "$before/lupdate.log" >&2
  exit 1
fi
drift=0
for ts in translations/*.ts; do
  if ! cmp -s "$ts" "$before/$(basename "$ts")"; then
    echo "check-translations: $ts was out of date with the sources (now refreshed; review and commit it):" >&2
    diff -u "$before/$(basename "$ts")" "$ts" | head -40 >&2 || true
    drift=1
  fi
done
for ts in translations/packbench_*.ts; do
  [[ $ts == *_en.ts ]] && continue # English shows the source text; only its plurals are filled in
  echo "check-translations: $(basename "$ts"): $(grep -c 'type="unfinished"' "$ts" || true) unfinished"
done
exit "$drift"
