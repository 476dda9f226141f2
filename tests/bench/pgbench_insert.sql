-- SPDX-FileCopyrightText: 2026 Packbench contributors
-- SPDX-License-Identifier: GPL-3.0-or-later
-- The floor: one durable single-row INSERT with dedupe, no HTTP, no HMAC. A distinct body per row: the
-- table dedupes on the body's hash, and a conflict commits without a WAL flush.
\set id random(1, 1000000000000)
INSERT INTO webhook_inbox (shop_domain, topic, webhook_id, triggered_at, body)
VALUES ('bench.myshopify.com', 'orders/create', 'pgbench-' || :client_id || '-' || :id || '-' || md5(clock_timestamp()::text),
        now(), convert_to(md5(random()::text || clock_timestamp()::text) || repeat('x', :bodylen - 32), 'UTF8'))
ON CONFLICT DO NOTHING;
