#!/usr/bin/env bash
# SPDX-FileCopyrightText: 2026 Packbench contributors
# SPDX-License-Identifier: GPL-3.0-or-later
# Line coverage of the product (core/, ui/ and app/: the libraries, the station's widgets and the programs' own
# code; tests and test support are not counted) from a build made with the coverage preset, after its tests ran.
# Writes build/<preset>/coverage-html/index.html and coverage.txt, prints each part's share, and fails below the
# floor (raised as it grows).
set -euo pipefail
cd "$(dirname "$0")/.."
build=${1:-build/coverage}
floor=${PACKBENCH_COVERAGE_FLOOR:-90}
mkdir -p "$build/coverage-html"
gcovr --root . --object-directory "$build" --filter 'core/' --filter 'ui/' --filter 'app/' \
  --exclude-unreachable-branches --gcov-ignore-parse-errors --print-summary \
  --html-details "$build/coverage-html/index.html" --txt "$build/coverage.txt" \
  --fail-under-line "$floor"
# Each part on its own: the per-file rows of the text report, summed by their top folder.
awk '$1 ~ /^(core|ui|app)\// && $2 ~ /^[0-9]+$/ {
       split($1, part, "/"); lines[part[1]] += $2; run[part[1]] += $3 }
     END { for (p in lines) printf "  %-5s %6.1f %% (%d of %d lines)\n", p "/", 100 * run[p] / lines[p], run[p], lines[p] }' \
  "$build/coverage.txt" | sort
