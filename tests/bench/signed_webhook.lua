-- SPDX-FileCopyrightText: 2026 Packbench contributors
-- SPDX-License-Identifier: GPL-3.0-or-later
-- wrk script: POSTs one signed orders/create body with a unique X-Shopify-Webhook-Id per request
-- (the HMAC covers only the body, so one signature serves every request; since the hub dedupes on the signed
-- body, every request after the first is answered as a duplicate: this measures the ingest path, not storage). BENCH_BODY_FILE and
-- BENCH_HMAC come from the environment; done() prints one "RESULT {json}" line.
local body_file = assert(io.open(os.getenv("BENCH_BODY_FILE"), "rb"))
local body = body_file:read("*a")
body_file:close()
local hmac = os.getenv("BENCH_HMAC")
local counter = 0
thread_id = 0 -- global: setup() overwrites it per thread
local threads = {}

function setup(thread)
  thread:set("thread_id", #threads + 1)
  table.insert(threads, thread)
end

function init(args)
  wrk.method = "POST"
  wrk.body = body
  wrk.headers["Content-Type"] = "application/json"
  wrk.headers["X-Shopify-Topic"] = "orders/create"
  wrk.headers["X-Shopify-Shop-Domain"] = "bench.myshopify.com"
  wrk.headers["X-Shopify-API-Version"] = "2026-01"
  wrk.headers["X-Shopify-Hmac-Sha256"] = hmac
  run_id = os.getenv("BENCH_RUN") or "run"
end

function request()
  counter = counter + 1
  wrk.headers["X-Shopify-Triggered-At"] = os.date("!%Y-%m-%dT%H:%M:%SZ")
  wrk.headers["X-Shopify-Webhook-Id"] = string.format("%s-%d-%d", run_id, thread_id, counter)
  return wrk.format()
end

function done(summary, latency, requests)
  local secs = summary.duration / 1e6
  local errors = summary.errors.status + summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout
  io.write(string.format('RESULT {"requests": %d, "rps": %.1f, "p50_ms": %.3f, "p99_ms": %.3f, "errors": %d}\n',
    summary.requests, summary.requests / secs, latency:percentile(50) / 1000, latency:percentile(99) / 1000, errors))
end
