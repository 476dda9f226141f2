#!/usr/bin/env bash
# SPDX-FileCopyrightText: 2026 Packbench contributors
# SPDX-License-Identifier: GPL-3.0-or-later
# The 300% spike: webhook answer latency at 4x the baseline rate against the baseline rate itself, same
# hub, same run, rounds interleaved (1x, 4x, 1x, 4x, ...). Open-loop load (packbench-webhook-load):
# latency counts from each request's due time, so queueing is not hidden. The whole hub runs: ingest
# threads AND inbox processing (orders mapped while the spike arrives). Durable PostgreSQL defaults.
# usage: webhook_spike_bench.sh HUB_BINARY LOAD_BINARY [SECONDS_PER_PHASE] [ROUNDS] [BASELINE_RPS]
set -euo pipefail
hub=${1:?packbench-hub binary}; load=${2:?packbench-webhook-load binary}
secs=${3:-30}; rounds=${4:-3}; base=${5:-50}
spike=$((base * 4))
py=/usr/bin/python3
# shellcheck source=bench-postgres.sh
source "$(dirname "$0")/bench-postgres.sh"

# shellcheck source=bench-hub.sh
source "$(dirname "$0")/bench-hub.sh"
port=18941
start_hub $port

pending() { psql -d bench -c "SELECT count(*) FROM webhook_inbox WHERE status = 'pending'"; }
phase() { # name rate first-order
  local out
  out=$(${BENCH_LOAD_NICE:-nice -n -5} "$load" --port $port --rate "$2" --seconds "$secs" --prefix "$1" --first-order "$3" \
    --body "$work/order.json" --latencies "$work/$1.lat")
  echo "$1 ($2/s): $out backlog=$(pending)" >&2
  echo "$out"
}
phase warmup "$base" 100000000 >/dev/null
phases="[]"
for r in $(seq "$rounds"); do
  for kind in base spike; do
    rate=$base; first=$((200000000 + r * 1000000)); [ $kind = spike ] && { rate=$spike; first=$((first + 500000)); }
    res=$(phase "$kind-$r" "$rate" "$first")
    phases=$("$py" -c 'import json,sys; p=json.loads(sys.argv[1]); p.append({"name":sys.argv[2],"backlog":int(sys.argv[4]),**json.loads(sys.argv[3])}); print(json.dumps(p))' \
      "$phases" "$kind-$r" "$res" "$(pending)")
  done
done
# Let the processor finish what the spike left behind, and see that every delivery became an order.
drain_start=$(date +%s.%N)
case "${BENCH_HUB_SET:-}" in *inbox_processing=false*) ;; *) for _ in $(seq 3000); do [ "$(pending)" = 0 ] && break; sleep 0.2; done ;; esac
drain_s=$("$py" -c "import sys; print(round($(date +%s.%N) - $drain_start, 1))")
stored=$(psql -d bench -c "SELECT count(*) FROM webhook_inbox WHERE webhook_id NOT LIKE 'warmup-%'")
processed=$(psql -d bench -c "SELECT count(*) FROM webhook_inbox WHERE status = 'processed' AND webhook_id NOT LIKE 'warmup-%'")
orders=$(psql -d bench -c "SELECT count(*) FROM orders")
echo "stored $stored, processed $processed, orders $orders (incl. warm-up), backlog drained in ${drain_s}s" >&2

"$py" - "$work" "$phases" "$base" "$spike" "$stored" "$processed" "$drain_s" <<'PY'
import json, math, sys
work, phases, base, spike = sys.argv[1], json.loads(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4])
stored, processed, drain_s = int(sys.argv[5]), int(sys.argv[6]), float(sys.argv[7])
def pct(lat, p):
    return lat[min(len(lat) - 1, math.ceil(p / 100 * len(lat)) - 1)] / 1000
def pooled(kind):
    lat, ok, n = [], 0, 0
    for ph in phases:
        if ph["name"].startswith(kind + "-"):
            lat += [int(x) for x in open(f"{work}/{ph['name']}.lat") if int(x) >= 0]
            ok += ph["ok"]; n += ph["requests"]
    lat.sort()
    return {"requests": n, "ok": ok, "p50_ms": pct(lat, 50), "p90_ms": pct(lat, 90), "p99_ms": pct(lat, 99), "max_ms": pct(lat, 100)}
b, s = pooled("base"), pooled("spike")
ratio = round(s["p99_ms"] / b["p99_ms"], 2)
all_ok = b["ok"] == b["requests"] and s["ok"] == s["requests"]
out = {"benchmark": "webhook_spike", "baseline_rps": base, "spike_rps": spike, "baseline": b, "spike": s,
       "p99_spike_vs_baseline": ratio, "target": 1.2, "met": ratio <= 1.2 and all_ok, "all_answered_200": all_ok,
       "stored_rows_match": stored == b["ok"] + s["ok"], "all_processed": processed == stored, "drain_s": drain_s,
       "rounds": [{k: ph[k] for k in ("name", "achieved_rps", "p50_ms", "p99_ms", "max_ms", "max_send_lag_ms", "errors", "backlog")} for ph in phases]}
print(json.dumps(out))
sys.exit(0 if all_ok and out["stored_rows_match"] else 1)
PY
