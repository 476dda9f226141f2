#!/usr/bin/env bash
# SPDX-FileCopyrightText: 2026 Packbench contributors
# SPDX-License-Identifier: GPL-3.0-or-later
# The soak (issue #15): the 300% spike rate held for MINUTES against the whole hub as shipped (ingest threads, inbox
# writers AND inbox processing: every delivery mapped into an order), open loop over 64 keep-alive connections
# (packbench-webhook-load). One load phase a minute, back to back; after each: that minute's latency percentiles,
# the hub's RSS, the inbox backlog and the rows stored so far. Flat means: the p99 of the last five minutes within
# 1.5x of the first five (after a discarded warm-up minute), RSS within 1.2x, and the backlog at the end under one
# second of load. The first minute is the baseline of the same run, so a noisy machine shifts both ends alike.
# usage: webhook_soak_bench.sh HUB_BINARY LOAD_BINARY [MINUTES] [RATE] [CONNECTIONS]
set -euo pipefail
hub=${1:?packbench-hub binary}; load=${2:?packbench-webhook-load binary}
minutes=${3:-30}; rate=${4:-200}; connections=${5:-64}
py=/usr/bin/python3
# shellcheck source=bench-postgres.sh
source "$(dirname "$0")/bench-postgres.sh"

# shellcheck source=bench-hub.sh
source "$(dirname "$0")/bench-hub.sh"
port=18951
start_hub $port

# What the disk did each minute, to tell a stall's cause: checkpoints, the WAL's flushes and their mean time, and the
# kernel's dirty page cache (its peak, and the largest drop in one second: a writeback burst the WAL queues behind).
psql -d postgres -c "ALTER SYSTEM SET track_wal_io_timing = on"
psql -d postgres -c "SELECT pg_reload_conf()" >/dev/null
disk_counters() { psql -d bench -F ' ' -c "SELECT (SELECT checkpoints_timed + checkpoints_req FROM pg_stat_bgwriter), wal_sync, round(wal_sync_time::numeric, 1) FROM pg_stat_wal"; }
sample_dirty() { while :; do awk '/^Dirty:/ { print $2 }' /proc/meminfo; sleep 1; done; }

pending() { psql -d bench -c "SELECT count(*) FROM webhook_inbox WHERE status = 'pending'"; }
stored() { psql -d bench -c "SELECT count(*) FROM webhook_inbox"; }
rss_mb() { awk '/^VmRSS:/ { printf "%.1f", $2 / 1024 }' "/proc/$hub_pid/status"; }

rows="[]"
for m in $(seq 0 "$minutes"); do # minute 0 is the warm-up
  before=$(disk_counters)
  sample_dirty >"$work/dirty.$m" &
  sampler=$!
  out=$(${BENCH_LOAD_NICE:-nice -n -5} "$load" --port $port --rate "$rate" --seconds 60 --connections "$connections" \
    --prefix "m$m" --first-order $((300000000 + m * 1000000)) --body "$work/order.json")
  kill "$sampler"; wait "$sampler" 2>/dev/null || true
  row=$("$py" -c '
import json, sys
r = json.loads(sys.argv[1])
b, a = [float(x) for x in sys.argv[6].split()], [float(x) for x in sys.argv[7].split()]
dirty = [int(x) / 1024 for x in open(sys.argv[8]).read().split()] or [0]
syncs = a[1] - b[1]
print(json.dumps({"minute": int(sys.argv[2]), "rss_mb": float(sys.argv[3]), "backlog": int(sys.argv[4]),
                  "stored": int(sys.argv[5]), "checkpoints": int(a[0] - b[0]), "wal_syncs": int(syncs),
                  "wal_sync_ms": round((a[2] - b[2]) / syncs, 2) if syncs else 0, "dirty_max_mb": round(max(dirty)),
                  "writeback_mb": round(max([0] + [x - y for x, y in zip(dirty, dirty[1:])])),
                  **{k: r[k] for k in ("achieved_rps", "ok", "requests", "p50_ms", "p99_ms", "max_ms", "max_send_lag_ms",
                                       "errors")}}))' \
    "$out" "$m" "$(rss_mb)" "$(pending)" "$(stored)" "$before" "$(disk_counters)" "$work/dirty.$m")
  echo "$row" >&2
  rows=$("$py" -c 'import json,sys; r=json.loads(sys.argv[1]); r.append(json.loads(sys.argv[2])); print(json.dumps(r))' "$rows" "$row")
done
checkpoints=$(psql -d bench -c "SELECT checkpoints_timed + checkpoints_req FROM pg_stat_bgwriter")

"$py" - "$rows" "$rate" "$connections" "$checkpoints" <<'PY'
import json, sys
rows, rate, connections, checkpoints = json.loads(sys.argv[1]), int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4])
measured = [r for r in rows if r["minute"] > 0]
first, last = measured[:5], measured[-5:]
def worst(rs, key): return max(r[key] for r in rs)
p99_first, p99_last = worst(first, "p99_ms"), worst(last, "p99_ms")
rss_first, rss_last = first[0]["rss_mb"], last[-1]["rss_mb"]
all_ok = all(r["ok"] == r["requests"] for r in measured)
out = {"benchmark": "webhook_soak", "rate": rate, "connections": connections, "minutes": len(measured),
       "p99_first5_ms": p99_first, "p99_last5_ms": p99_last, "p99_last_vs_first": round(p99_last / p99_first, 2),
       "p99_worst_ms": worst(measured, "p99_ms"), "rss_first_mb": rss_first, "rss_last_mb": rss_last,
       "rss_last_vs_first": round(rss_last / rss_first, 2), "backlog_end": measured[-1]["backlog"],
       "rows_stored": measured[-1]["stored"], "checkpoints": checkpoints, "all_answered_200": all_ok}
out["flat"] = out["p99_last_vs_first"] <= 1.5 and out["rss_last_vs_first"] <= 1.2 and out["backlog_end"] < rate and all_ok
out["p99_under_25ms"] = out["p99_worst_ms"] < 25
print("| minute | req/s | p50 ms | p99 ms | max ms | RSS MB | backlog | rows stored | checkpoints | WAL flush ms (mean) | dirty MB (peak) | writeback MB in 1 s |")
print("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
for r in measured:
    print(f"| {r['minute']} | {r['achieved_rps']:.0f} | {r['p50_ms']:.1f} | {r['p99_ms']:.1f} | {r['max_ms']:.1f} | {r['rss_mb']:.1f} | {r['backlog']} | {r['stored']:,} "
          f"| {r['checkpoints']} | {r['wal_sync_ms']:.2f} | {r['dirty_max_mb']} | {r['writeback_mb']} |")
print(json.dumps(out))
sys.exit(0 if all_ok else 1)
PY
