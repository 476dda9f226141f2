# SPDX-FileCopyrightText: 2026 Packbench contributors
# SPDX-License-Identifier: GPL-3.0-or-later
"""Baseline webhook receiver: the same work as packbench-hub's endpoint (size limit, HMAC in
constant time, durable INSERT into webhook_inbox with dedupe) in FastAPI + uvicorn + psycopg2."""
import base64
import hashlib
import hmac
import os

import psycopg2.pool
from fastapi import FastAPI, Request, Response

SECRET = os.environ["BENCH_SECRET"].encode()
MAX_BODY = int(os.environ.get("BENCH_MAX_BODY", "2097152"))
pool = psycopg2.pool.ThreadedConnectionPool(
    1, 64, host=os.environ["BENCH_PGHOST"], dbname=os.environ["BENCH_PGDATABASE"], user="postgres")
app = FastAPI()

SQL = ("INSERT INTO webhook_inbox (shop_domain, topic, webhook_id, event_id, api_version, body) "
       "VALUES (%s, %s, %s, %s, %s, %s) ON CONFLICT DO NOTHING RETURNING id")


@app.post("/webhooks/shopify")
async def webhook(request: Request):
    declared = request.headers.get("content-length")
    if declared and declared.isdigit() and int(declared) > MAX_BODY:
        return Response(status_code=413)
    body = await request.body()
    if len(body) > MAX_BODY:
        return Response(status_code=413)
    given = request.headers.get("x-shopify-hmac-sha256", "")
    expected = base64.b64encode(hmac.new(SECRET, body, hashlib.sha256).digest()).decode()
    if not given or not hmac.compare_digest(given, expected):
        return Response(status_code=401)
    h = request.headers
    values = (h.get("x-shopify-shop-domain"), h.get("x-shopify-topic"), h.get("x-shopify-webhook-id"),
              h.get("x-shopify-event-id"), h.get("x-shopify-api-version"), body)
    if not all(values[:3]):
        return Response(status_code=400)
    conn = pool.getconn()
    try:
        with conn.cursor() as cur:  # blocking, like psycopg2 apps usually are
            cur.execute(SQL, values)
        conn.commit()
    except Exception:
        conn.rollback()
        return Response(status_code=503)
    finally:
        pool.putconn(conn)
    return Response(status_code=200)
