-- SPDX-FileCopyrightText: 2026 Packbench contributors
-- SPDX-License-Identifier: GPL-3.0-or-later
-- wrk script: POSTs signed orders/create deliveries, each a distinct body (its own order id and a note
-- naming its X-Shopify-Webhook-Id) signed per request with HMAC-SHA256 through OpenSSL (LuaJIT's FFI;
-- wrk links libcrypto). Receivers dedupe on the signed body, so one body for all would measure only the
-- duplicate path. BENCH_BODY_FILE holds the order with "@ID@" and "@NOTE@" to fill in; BENCH_SECRET
-- signs; BENCH_RUN prefixes the ids. done() prints one "RESULT {json}" line.
local ffi = require("ffi")
ffi.cdef [[
typedef struct evp_md_st EVP_MD;
const EVP_MD *EVP_sha256(void);
unsigned char *HMAC(const EVP_MD *md, const void *key, int key_len, const void *d, size_t n,
                    unsigned char *out, unsigned int *out_len);
int EVP_EncodeBlock(unsigned char *t, const unsigned char *f, int n);
]]
local crypto = ffi.C
if not pcall(function() return crypto.HMAC end) then crypto = ffi.load("crypto") end

local body_file = assert(io.open(os.getenv("BENCH_BODY_FILE"), "rb"))
local template = body_file:read("*a")
body_file:close()
local secret = assert(os.getenv("BENCH_SECRET"), "BENCH_SECRET")
local digest = ffi.new("unsigned char[32]")
local digest_len = ffi.new("unsigned int[1]")
local encoded = ffi.new("unsigned char[48]")
local counter = 0
thread_id = 0 -- global: setup() overwrites it per thread
local threads = {}

local function sign(body)
  crypto.HMAC(crypto.EVP_sha256(), secret, #secret, body, #body, digest, digest_len)
  return ffi.string(encoded, crypto.EVP_EncodeBlock(encoded, digest, 32))
end

function setup(thread)
  thread:set("thread_id", #threads + 1)
  table.insert(threads, thread)
end

function init(args)
  wrk.method = "POST"
  wrk.headers["Content-Type"] = "application/json"
  wrk.headers["X-Shopify-Topic"] = "orders/create"
  wrk.headers["X-Shopify-Shop-Domain"] = "bench.myshopify.com"
  wrk.headers["X-Shopify-API-Version"] = "2026-01"
  run_id = os.getenv("BENCH_RUN") or "run"
end

function request()
  counter = counter + 1
  local id = string.format("%s-%d-%d", run_id, thread_id, counter)
  local body = template:gsub("@ID@", tostring(thread_id * 100000000 + counter)):gsub("@NOTE@", id, 1)
  wrk.headers["X-Shopify-Triggered-At"] = os.date("!%Y-%m-%dT%H:%M:%SZ")
  wrk.headers["X-Shopify-Webhook-Id"] = id
  wrk.headers["X-Shopify-Hmac-Sha256"] = sign(body)
  return wrk.format(nil, nil, nil, body)
end

function done(summary, latency, requests)
  local secs = summary.duration / 1e6
  local errors = summary.errors.status + summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout
  io.write(string.format('RESULT {"requests": %d, "rps": %.1f, "p50_ms": %.3f, "p99_ms": %.3f, "errors": %d}\n',
    summary.requests, summary.requests / secs, latency:percentile(50) / 1000, latency:percentile(99) / 1000, errors))
end
