# SPDX-FileCopyrightText: 2026 Packbench contributors
# SPDX-License-Identifier: GPL-3.0-or-later
"""Baseline webhook receiver written the way a FastAPI developer would: the same contract as
packbench-hub's endpoint (size limit, served shop, HMAC in constant time, fresh Triggered-At, body of
the topic's resource, durable INSERT into webhook_inbox before the 200, dedupe by the table's unique
key) on uvicorn with uvloop and httptools; webhook_ingest_bench.sh runs one uvicorn worker per core.

BENCH_DRIVER picks the database side (each as its documentation shows it):
  asyncpg    async def handler, asyncpg pool (default: the fastest of the three, docs/benchmarks.md)
  psycopg    async def handler, psycopg 3 AsyncConnectionPool
  threadpool plain def handler (FastAPI runs it in its threadpool), psycopg2 ThreadedConnectionPool
"""
import base64
import hashlib
import hmac
import json
import os
from datetime import datetime, timezone

from fastapi import FastAPI, Request, Response

SECRET = os.environ["BENCH_SECRET"].encode()
SHOP = os.environ.get("BENCH_SHOP", "bench.myshopify.com")
MAX_BODY = int(os.environ.get("BENCH_MAX_BODY", "2097152"))
MAX_AGE_S = int(os.environ.get("BENCH_MAX_AGE_SECONDS", "21600"))
POOL_SIZE = int(os.environ.get("BENCH_POOL_SIZE", "16"))
DRIVER = os.environ.get("BENCH_DRIVER", "asyncpg")
PG = {"host": os.environ["BENCH_PGHOST"], "dbname": os.environ["BENCH_PGDATABASE"], "user": "postgres"}
COLUMNS = "shop_domain, topic, webhook_id, event_id, api_version, triggered_at, body"

app = FastAPI()


def admit(headers, body: bytes):
    """The status to refuse with, or None; values to store otherwise (the hub's webhookadmission)."""
    if len(body) > MAX_BODY:
        return 413, None
    shop, topic, webhook_id = (headers.get(k) for k in
                               ("x-shopify-shop-domain", "x-shopify-topic", "x-shopify-webhook-id"))
    if not (shop and topic and webhook_id):
        return 400, None
    if shop.lower() != SHOP:
        return 401, None
    given = headers.get("x-shopify-hmac-sha256", "")
    expected = base64.b64encode(hmac.new(SECRET, body, hashlib.sha256).digest()).decode()
    if not given or not hmac.compare_digest(given, expected):
        return 401, None
    try:
        triggered = datetime.fromisoformat(headers.get("x-shopify-triggered-at", "").replace("Z", "+00:00"))
        age = (datetime.now(timezone.utc) - triggered).total_seconds()
    except ValueError:
        return 400, None
    if age > MAX_AGE_S or age < -300:
        return 400, None
    try:
        document = json.loads(body)
    except ValueError:
        document = None  # authentic but unusable: stored, the processor dead-letters it
    if isinstance(document, dict):
        gid = document.get("admin_graphql_api_id")
        if topic.startswith("orders/") and isinstance(gid, str) and not gid.startswith("gid://shopify/Order/"):
            return 400, None
    return None, (shop.lower(), topic, webhook_id, headers.get("x-shopify-event-id"),
                  headers.get("x-shopify-api-version"), triggered, body)


def too_large(request: Request) -> bool:
    declared = request.headers.get("content-length")
    return bool(declared and declared.isdigit() and int(declared) > MAX_BODY)


if DRIVER == "asyncpg":
    import asyncpg

    SQL = f"INSERT INTO webhook_inbox ({COLUMNS}) VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT DO NOTHING"
    pool = None

    @app.on_event("startup")
    async def open_pool():
        global pool
        pool = await asyncpg.create_pool(host=PG["host"], database=PG["dbname"], user=PG["user"],
                                         min_size=POOL_SIZE, max_size=POOL_SIZE)

    @app.post("/webhooks/shopify")
    async def webhook(request: Request):
        if too_large(request):
            return Response(status_code=413)
        refused, values = admit(request.headers, await request.body())
        if refused:
            return Response(status_code=refused)
        try:
            await pool.execute(SQL, *values)  # autocommit: durable before it returns
        except (asyncpg.PostgresError, OSError):
            return Response(status_code=503)
        return Response(status_code=200)

elif DRIVER == "psycopg":
    import psycopg
    from psycopg_pool import AsyncConnectionPool

    SQL = f"INSERT INTO webhook_inbox ({COLUMNS}) VALUES (%s, %s, %s, %s, %s, %s, %s) ON CONFLICT DO NOTHING"
    pool = AsyncConnectionPool(psycopg.conninfo.make_conninfo(**PG), min_size=POOL_SIZE, max_size=POOL_SIZE,
                               open=False)

    @app.on_event("startup")
    async def open_pool():
        await pool.open(wait=True)

    @app.post("/webhooks/shopify")
    async def webhook(request: Request):
        if too_large(request):
            return Response(status_code=413)
        refused, values = admit(request.headers, await request.body())
        if refused:
            return Response(status_code=refused)
        try:
            async with pool.connection() as conn:  # commits when the block ends
                await conn.execute(SQL, values)
        except (psycopg.Error, OSError):
            return Response(status_code=503)
        return Response(status_code=200)

elif DRIVER == "threadpool":
    import psycopg2.pool
    from fastapi import Depends

    SQL = f"INSERT INTO webhook_inbox ({COLUMNS}) VALUES (%s, %s, %s, %s, %s, %s, %s) ON CONFLICT DO NOTHING"
    pool = psycopg2.pool.ThreadedConnectionPool(1, 64, **PG)

    async def raw_body(request: Request) -> bytes:
        return await request.body()

    @app.post("/webhooks/shopify")
    def webhook(request: Request, body: bytes = Depends(raw_body)):  # plain def: FastAPI's threadpool
        if too_large(request):
            return Response(status_code=413)
        refused, values = admit(request.headers, body)
        if refused:
            return Response(status_code=refused)
        conn = pool.getconn()
        try:
            with conn, conn.cursor() as cur:  # commits when the block ends
                cur.execute(SQL, values)
        except psycopg2.Error:
            return Response(status_code=503)
        finally:
            pool.putconn(conn)
        return Response(status_code=200)

else:
    raise SystemExit(f"BENCH_DRIVER={DRIVER}: asyncpg, psycopg or threadpool")
