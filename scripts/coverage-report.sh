#!/usr/bin/env bash
# SPDX-FileCopyrightText: 2026 Packbench contributors
# SPDX-License-Identifier: GPL-3.0-or-later
# Line coverage of core/ from a build made with the coverage preset, after its tests ran.
# Writes build/<preset>/coverage/index.html and fails below the floor in docs (raised as it grows).
set -euo pipefail
cd "$(dirname "$0")/.."
build=${1:-build/coverage}
floor=${PACKBENCH_COVERAGE_FLOOR:-89}
mkdir -p "$build/coverage-html"
gcovr --root . --object-directory "$build" --filter 'core/' \
  --exclude-unreachable-branches --gcov-ignore-parse-errors --print-summary \
  --html-details "$build/coverage-html/index.html" \
  --fail-under-line "$floor"
