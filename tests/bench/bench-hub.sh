# SPDX-FileCopyrightText: 2026 Packbench contributors
# SPDX-License-Identifier: GPL-3.0-or-later
# shellcheck shell=bash disable=SC2154 # work, hub, db, pids: bench-postgres.sh and the sourcing script
# Sourced by the open-loop webhook benchmarks (spike, soak) after bench-postgres.sh: a realistic orders/create body
# in $work/order.json (3 lines, addresses; @ORDER@ becomes a distinct order id per request) and start_hub PORT, which
# starts the hub as shipped (default ingest threads, inbox processing on) with BENCH_HUB_SET's extra settings and waits
# for /healthz. Defines: BENCH_SECRET, hub_pid, start_hub.
cat >"$work/order.json" <<'JSON'
{"id": @ORDER@, "admin_graphql_api_id": "gid://shopify/Order/@ORDER@", "name": "#@ORDER@", "email": "bench@example.com",
 "created_at": "2026-11-26T08:00:00Z", "updated_at": "2026-11-26T08:00:00Z", "currency": "USD", "total_price": "29.97",
 "financial_status": "paid", "fulfillment_status": null,
 "line_items": [{"id": @ORDER@01, "title": "Widget A", "sku": "W-A", "variant_id": 41, "quantity": 1, "fulfillable_quantity": 1, "price": "9.99"},
                {"id": @ORDER@02, "title": "Widget B", "sku": "W-B", "variant_id": 42, "quantity": 1, "fulfillable_quantity": 1, "price": "9.99"},
                {"id": @ORDER@03, "title": "Widget C", "sku": "W-C", "variant_id": 43, "quantity": 1, "fulfillable_quantity": 1, "price": "9.99"}],
 "shipping_address": {"first_name": "Bench", "last_name": "Mark", "address1": "1 Loop", "city": "Reno", "zip": "89501", "country_code": "US"}}
JSON
export BENCH_SECRET="bench-secret-$$"

start_hub() { # port
  # shellcheck disable=SC2086 # BENCH_HUB_SET is a list of --set options
  PACKBENCH_SHOPIFY_SHOP=bench.myshopify.com PACKBENCH_SHOPIFY_WEBHOOK_SECRET="$BENCH_SECRET" "$hub" serve "${db[@]}" \
    --set hub.port="$1" ${BENCH_HUB_SET:-} --set log.file=- --set log.level=warn >"$work/hub.log" 2>&1 &
  hub_pid=$!
  pids+=("$hub_pid")
  for _ in $(seq 100); do curl -s -o /dev/null "http://127.0.0.1:$1/healthz" && break; sleep 0.1; done
}
