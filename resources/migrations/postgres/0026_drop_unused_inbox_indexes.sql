-- SPDX-FileCopyrightText: 2026 Packbench contributors
-- SPDX-License-Identifier: GPL-3.0-or-later
-- Two indexes no statement uses, paid for on every stored webhook. Since migration 0014 a delivery is deduped on
-- what Shopify signs (shop, topic, body hash: webhook_inbox_signed_body), and the unsigned X-Shopify-Webhook-Id and
-- X-Shopify-Event-Id are kept only as columns to read; nothing looks a row up by them (an operator who does by hand
-- scans the table: rare, and off the ingest path). Each was one more B-tree insert, its WAL and its dirty pages for
-- every webhook stored (docs/benchmarks.md, webhook ingest).
DROP INDEX IF EXISTS webhook_inbox_webhook_id;
DROP INDEX IF EXISTS webhook_inbox_event;
