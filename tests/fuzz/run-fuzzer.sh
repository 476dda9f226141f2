#!/usr/bin/env bash
# SPDX-FileCopyrightText: 2026 Packbench contributors
# SPDX-License-Identifier: GPL-3.0-or-later
# Runs one libFuzzer target: first every seed (the regression inputs among them), then `runs` mutated
# inputs. New interesting inputs go to WORKDIR/corpus (never into the source tree), a crash to
# WORKDIR/crash-*. Prints one JSON object as its last line (docs/fuzzing.md records them).
# usage: run-fuzzer.sh BINARY SEEDDIR WORKDIR RUNS [MAX_SECONDS]
# FUZZ_TIMEOUT_SECONDS (default 10): one input slower than this is a finding; raise it on a machine shared with builds.
# FUZZ_MAX_LEN (default: libFuzzer's guess from the corpus): the longest input mutated (CMake sets it per target).
# FUZZ_FORK (default 0): libFuzzer's fork mode with this many worker processes, each fuzzing a sample of the corpus
# for a while before the next starts afresh; still one run (one corpus, one count of executions). The long runs use
# it: a single process slows as its corpus grows (liquid 10,000 -> 700 exec/s in an hour), a fresh job does not.
set -euo pipefail
binary=${1:?binary}; seeds=${2:?seed dir}; work=${3:?work dir}; runs=${4:?runs}; max_seconds=${5:-0}
name=$(basename "$binary")
rm -rf "$work"; mkdir -p "$work/corpus"
# -rss_limit_mb: a leak or a runaway allocation is a finding, not a swap storm on a 2-core box.
args=(-runs="$runs" -seed=1 -rss_limit_mb=2048 -timeout="${FUZZ_TIMEOUT_SECONDS:-10}" -print_final_stats=1
  -artifact_prefix="$work/" "$work/corpus" "$seeds")
[ "$max_seconds" != 0 ] && args+=(-max_total_time="$max_seconds")
[ -n "${FUZZ_MAX_LEN:-}" ] && args+=(-max_len="$FUZZ_MAX_LEN")
[ "${FUZZ_FORK:-0}" != 0 ] && args+=(-fork="$FUZZ_FORK")
start=$(date +%s.%N)
set +e
ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1} UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1} \
  "$binary" "${args[@]}" >"$work/log" 2>&1
rc=$?
set -e
end=$(date +%s.%N)
if [ "${FUZZ_FORK:-0}" != 0 ]; then
  # Fork mode's own count is its last status line ("#N: cov: …"); a stat:: line there is one job's (an interrupt).
  executed=$(sed -n 's/^#\([0-9]*\): cov:.*/\1/p' "$work/log" | tail -n 1)
  peak_rss_mb=0 # not reported for the run as a whole
else
  executed=$(sed -n 's/^stat::number_of_executed_units: *//p' "$work/log" | tail -n 1)
  peak_rss_mb=$(sed -n 's/^stat::peak_rss_mb: *//p' "$work/log" | tail -n 1)
fi
corpus=$(find "$work/corpus" -type f | wc -l)
crashes=$(find "$work" -maxdepth 1 -name 'crash-*' -o -maxdepth 1 -name 'leak-*' -o -maxdepth 1 -name 'timeout-*' -o -maxdepth 1 -name 'oom-*' | wc -l)
if [ "$rc" != 0 ]; then
  tail -n 60 "$work/log" >&2
  echo "$name: libFuzzer exit $rc; reproduce with: $binary $work/crash-*" >&2
fi
seconds=$(awk -v a="$start" -v b="$end" 'BEGIN { printf "%.1f", b - a }')
per_second=$(awk -v n="${executed:-0}" -v s="$seconds" 'BEGIN { printf "%.0f", (s > 0 ? n / s : 0) }')
printf '{"target":"%s","executions":%s,"seconds":%s,"exec_per_second":%s,"peak_rss_mb":%s,"new_corpus_inputs":%s,"findings":%s,"exit":%s}\n' \
  "$name" "${executed:-0}" "$seconds" "$per_second" "${peak_rss_mb:-0}" "$corpus" "$crashes" "$rc"
exit "$rc"
