#!/usr/bin/env bash
# SPDX-FileCopyrightText: 2026 Packbench contributors
# SPDX-License-Identifier: GPL-3.0-or-later
# The soak's question in five minutes (issue #15): does the hub's p99 at the spike rate depend on how many webhooks the
# inbox already holds? The whole hub as shipped (inbox processing on), open loop at RATE over 64 connections: two
# minutes on an empty inbox, then ROWS processed webhooks stored at once (as after hours of the spike), then two more
# minutes. Side by side in one run, so a noisy machine shifts both alike. Fails when the full inbox's worst p99 is
# more than 1.5x the empty one's (before migration 0024 the probe's backlog count read the whole table: about 2x).
# usage: webhook_full_inbox_bench.sh HUB_BINARY LOAD_BINARY [ROWS (370000)] [RATE (200)]
set -euo pipefail
hub=${1:?packbench-hub binary}; load=${2:?packbench-webhook-load binary}; fill=${3:-370000}; rate=${4:-200}
py=/usr/bin/python3
# shellcheck source=bench-postgres.sh
source "$(dirname "$0")/bench-postgres.sh"
# shellcheck source=bench-hub.sh
source "$(dirname "$0")/bench-hub.sh"
port=18961
start_hub $port

results="[]"
minute() { # label first-order
  local out
  out=$(${BENCH_LOAD_NICE:-nice -n -5} "$load" --port $port --rate "$rate" --seconds 60 --connections 64 \
    --prefix "$1" --first-order "$2" --body "$work/order.json")
  echo "$1: $out" >&2
  results=$("$py" -c 'import json,sys; r=json.loads(sys.argv[1]); r.append({"phase":sys.argv[2],**json.loads(sys.argv[3])}); print(json.dumps(r))' \
    "$results" "$1" "$out")
}
minute warm-up 400000000
minute empty-1 401000000
minute empty-2 402000000
started=$(date +%s)
body=$(sed 's/@ORDER@/9/g' "$work/order.json")
psql -d bench -c "INSERT INTO webhook_inbox (shop_domain, topic, webhook_id, body, received_at, processed_at, status)
  SELECT 'bench.myshopify.com', 'orders/create', 'stored-' || i, convert_to(\$b\$$body\$b\$ || i, 'UTF8'), now(), now(),
         'processed' FROM generate_series(1, $fill) i"
# As hours of traffic would have left it: vacuumed (hint bits set, visibility map) and checkpointed, so the minutes
# after measure the stored rows, not the clean-up of one bulk insert.
psql -d bench -c "VACUUM ANALYZE webhook_inbox"
psql -d bench -c "CHECKPOINT"
echo "stored $fill processed webhooks in $(($(date +%s) - started)) s; inbox $(psql -d bench -c \
  "SELECT pg_size_pretty(pg_total_relation_size('webhook_inbox'))")" >&2
minute full-1 403000000
minute full-2 404000000

"$py" - "$results" "$fill" "$rate" <<'PY'
import json, sys
rows, fill, rate = json.loads(sys.argv[1]), int(sys.argv[2]), int(sys.argv[3])
def worst(prefix): return max(r["p99_ms"] for r in rows if r["phase"].startswith(prefix))
all_ok = all(r["ok"] == r["requests"] for r in rows)
out = {"benchmark": "webhook_full_inbox", "rate": rate, "stored_rows": fill, "p99_empty_ms": worst("empty"),
       "p99_full_ms": worst("full"), "all_answered_200": all_ok}
out["p99_full_vs_empty"] = round(out["p99_full_ms"] / out["p99_empty_ms"], 2)
out["flat"] = out["p99_full_vs_empty"] <= 1.5
for r in rows:
    print(f"| {r['phase']} | {r['achieved_rps']:.0f} | {r['p50_ms']:.1f} | {r['p99_ms']:.1f} | {r['max_ms']:.1f} |")
print(json.dumps(out))
sys.exit(0 if all_ok and out["flat"] else 1)
PY
