#!/usr/bin/env bash
# SPDX-FileCopyrightText: 2026 Packbench contributors
# SPDX-License-Identifier: GPL-3.0-or-later
# Diagnostic, not a benchmark: where the hub's closed-loop p99 at 64 connections comes from (issue #15). Runs the hub
# alone (inbox processing off, as in webhook_ingest_bench.sh) under wrk for 10 s per step and prints each step's
# latency distribution beside the kernel's dirty and writeback page counts, sampled every second, and PostgreSQL's
# buffer-write and WAL counters at the end (add "-c track_wal_io_timing=on" for the WAL sync time). A step is a
# connection count, or `pg` for 10 s of the pgbench INSERT floor.
# usage: webhook_tail_probe.sh HUB_BINARY [STEPS (default "16 pg 64 64 64")] [EXTRA POSTGRES OPTIONS ("-c name=value …")]
set -euo pipefail
hub=${1:?packbench-hub binary}; steps=${2:-16 pg 64 64 64}; pgopts=${3:-}
here="$(cd "$(dirname "$0")" && pwd)"
for tool in wrk pgbench; do command -v $tool >/dev/null || { echo "missing $tool (scripts/install-deps.sh)" >&2; exit 1; }; done
# shellcheck source=bench-postgres.sh
source "$here/bench-postgres.sh"
if [ -n "$pgopts" ]; then
  as_owner "$bin/pg_ctl" -D "$work/pg" -w -m fast stop >/dev/null
  as_owner "$bin/pg_ctl" -D "$work/pg" -l "$work/pg.log" -w \
    -o "-p 5432 -k $work -c listen_addresses='' -c max_connections=200 $pgopts" start >/dev/null
fi
# shellcheck source=bench-hub.sh
source "$here/bench-hub.sh" # start_hub; its BENCH_SECRET signs the wrk requests too
export BENCH_SECRET BENCH_BODY_FILE="$work/body.json"
/usr/bin/python3 "$here/order_body.py" "$BENCH_BODY_FILE"
bodylen=$(stat -c %s "$BENCH_BODY_FILE")
BENCH_HUB_SET="--set hub.inbox_processing=false ${BENCH_HUB_SET:-}" start_hub 18931
# Dirty: page cache written but not yet sent to the disk; Writeback: being sent now.
(while true; do echo "$(date +%T) $(grep -E '^(Dirty|Writeback):' /proc/meminfo | tr -s ' ' | tr '\n' ' ')"; sleep 1; done) >"$work/dirty" &
pids+=($!)
n=0
for step in $steps; do
  n=$((n + 1))
  echo "step $n ($step) from $(date +%T)"
  if [ "$step" = pg ]; then
    (cd "$work" && as_owner "$bin/pgbench" -h "$work" -U postgres -n -c 16 -j 2 -T 10 -D bodylen="$bodylen" \
      -f "$here/pgbench_insert.sql" bench 2>&1 | grep -E '^tps|latency average')
    continue
  fi
  BENCH_RUN="probe-$n" wrk -t2 -c"$step" -d10s --latency --timeout 10s -s "$here/signed_webhook.lua" \
    http://127.0.0.1:18931/webhooks/shopify | grep -E '^RESULT|Latency  |  (50|90|99)%'
done
echo "page cache, every 2 s:"; awk 'NR % 2 == 0' "$work/dirty"
echo "buffers written by checkpoints | the background writer | backends | allocated:"
psql -d bench -c "SELECT buffers_checkpoint, buffers_clean, buffers_backend, buffers_alloc FROM pg_stat_bgwriter"
echo "WAL records | full-page images | bytes | writes | syncs | write ms | sync ms:"
psql -d bench -c "SELECT wal_records, wal_fpi, wal_bytes, wal_write, wal_sync, round(wal_write_time), round(wal_sync_time) FROM pg_stat_wal"
