#!/usr/bin/env bash
# SPDX-FileCopyrightText: 2026 Packbench contributors
# SPDX-License-Identifier: GPL-3.0-or-later
# Webhook ingest, side by side: packbench-hub vs the strongest idiomatic FastAPI receiver doing the same
# work (size limit, served shop, HMAC, fresh Triggered-At, dedupe, durable commit; uvicorn with uvloop and
# httptools, asyncpg pool) vs pgbench's single-row durable INSERT. Every request is a distinct signed
# body (receivers dedupe on it). Starts its own PostgreSQL with default durability (fsync and
# synchronous_commit on). BENCH_DRIVER=psycopg|threadpool tries the receiver's other database sides.
# usage: webhook_ingest_bench.sh HUB_BINARY [SECONDS]
set -euo pipefail
hub=${1:?packbench-hub binary}; secs=${2:-10}
here="$(cd "$(dirname "$0")" && pwd)"
py=/usr/bin/python3 # Debian's, where python3-fastapi and friends live
for tool in wrk pgbench "$py"; do command -v $tool >/dev/null || { echo "missing $tool (scripts/install-deps.sh)" >&2; exit 1; }; done
"$py" -c 'import fastapi, uvicorn, uvloop, httptools, asyncpg, psycopg, psycopg_pool, psycopg2' ||
  { echo "missing python3-fastapi/uvicorn/uvloop/httptools/asyncpg/psycopg/psycopg-pool/psycopg2 (scripts/install-deps.sh)" >&2; exit 1; }
# shellcheck source=bench-postgres.sh
source "$(dirname "$0")/bench-postgres.sh"

export BENCH_SECRET="bench-secret-$$"
"$py" "$here/order_body.py" "$work/body.json"
export BENCH_BODY_FILE="$work/body.json"
bodylen=$(stat -c %s "$BENCH_BODY_FILE")

# packbench-hub: one process, inbox processing off so both receivers do the same work.
PACKBENCH_SHOPIFY_SHOP=bench.myshopify.com PACKBENCH_SHOPIFY_WEBHOOK_SECRET="$BENCH_SECRET" "$hub" serve "${db[@]}" --set hub.port=18931 --set hub.inbox_processing=false ${BENCH_HUB_SET:-} \
  --set log.file=- --set log.level=warn >"$work/hub.log" 2>&1 &
pids+=($!)
# FastAPI as deployed: one uvicorn worker per core (the hub's threads use every core too), uvloop and
# httptools as uvicorn[standard] installs them. BENCH_FASTAPI_WORKERS=1 for a single process.
api_workers=${BENCH_FASTAPI_WORKERS:-$(nproc)}
(cd "$here" && BENCH_PGHOST="$work" BENCH_PGDATABASE=bench BENCH_DRIVER="${BENCH_DRIVER:-asyncpg}" \
  exec "$py" -m uvicorn fastapi_receiver:app --host 127.0.0.1 --port 18932 --workers "$api_workers" --loop uvloop --http httptools \
  --log-level warning --no-access-log) >"$work/fastapi.log" 2>&1 &
pids+=($!)
for port in 18931 18932; do
  for _ in $(seq 100); do curl -s -o /dev/null "http://127.0.0.1:$port/" && break; sleep 0.1; done
  curl -s -o /dev/null "http://127.0.0.1:$port/" || { echo "nothing answers on $port:" >&2; cat "$work"/*.log >&2; exit 1; }
done

run_wrk() { # name port connections
  BENCH_RUN="$1-$3" wrk -t2 -c"$3" -d"${secs}s" --timeout 10s -s "$here/signed_webhook.lua" "http://127.0.0.1:$2/webhooks/shopify" \
    | sed -n 's/^RESULT //p'
}
run_pgbench() { # connections
  (cd "$work" && as_owner "$bin/pgbench" -h "$work" -U postgres -n -c "$1" -j 2 -T "$secs" -D bodylen="$bodylen" -l --log-prefix=pgb$1 \
    -f "$here/pgbench_insert.sql" bench >"$work/pgbench-$1.txt" 2>&1)
  "$py" - "$work" "$1" "$secs" <<'PY'
import glob, json, sys
work, c, secs = sys.argv[1], sys.argv[2], float(sys.argv[3])
lat = sorted(int(line.split()[2]) for f in glob.glob(f"{work}/pgb{c}.*") for line in open(f))
print(json.dumps({"requests": len(lat), "rps": round(len(lat) / secs, 1), "p50_ms": lat[len(lat) // 2] / 1000,
                  "p99_ms": lat[int(len(lat) * 0.99)] / 1000, "errors": 0}))
PY
  rm -f "$work"/pgb"$1".*
}

results="{}"
for c in 16 64; do
  hubr=$(run_wrk hub 18931 $c); apir=$(run_wrk fastapi 18932 $c); pgr=$(run_pgbench $c)
  echo "c=$c hub:     $hubr"; echo "c=$c fastapi: $apir"; echo "c=$c pgbench: $pgr"
  results=$("$py" -c 'import json,sys; r=json.loads(sys.argv[1]); r[sys.argv[2]]={"hub":json.loads(sys.argv[3]),"fastapi":json.loads(sys.argv[4]),"pgbench":json.loads(sys.argv[5])}; print(json.dumps(r))' \
    "$results" "c$c" "$hubr" "$apir" "$pgr")
done
stored_hub=$(psql -d bench -c "SELECT count(*) FROM webhook_inbox WHERE webhook_id LIKE 'hub-%'")
stored_api=$(psql -d bench -c "SELECT count(*) FROM webhook_inbox WHERE webhook_id LIKE 'fastapi-%'")
echo "rows stored: hub $stored_hub, fastapi $stored_api"
API_WORKERS=$api_workers "$py" - "$results" "$stored_hub" "$stored_api" <<'PY'
import json, os, sys
r = json.loads(sys.argv[1])
hub_ok = sum(r[c]["hub"]["requests"] - r[c]["hub"]["errors"] for c in r)
api_ok = sum(r[c]["fastapi"]["requests"] - r[c]["fastapi"]["errors"] for c in r)
# Every answered request is stored; requests still in flight when wrk stops may be stored too.
in_flight = sum(int(c[1:]) for c in r)
stored = lambda rows, ok: ok <= int(rows) <= ok + in_flight
out = {"benchmark": "webhook_ingest", "fastapi_driver": os.environ.get("BENCH_DRIVER", "asyncpg"),
       "fastapi_workers": int(os.environ["API_WORKERS"]), "stored_rows_match": stored(sys.argv[2], hub_ok) and stored(sys.argv[3], api_ok)}
for c in r:
    out[c] = {k: r[c][k] for k in ("hub", "fastapi", "pgbench")}
    out[c]["hub_vs_fastapi_rps"] = round(r[c]["hub"]["rps"] / r[c]["fastapi"]["rps"], 2)
    out[c]["hub_vs_pgbench_rps"] = round(r[c]["hub"]["rps"] / r[c]["pgbench"]["rps"], 2)
print(json.dumps(out))
sys.exit(0 if out["stored_rows_match"] else 1)
PY
