-- SPDX-FileCopyrightText: 2026 Packbench contributors
-- SPDX-License-Identifier: GPL-3.0-or-later
-- The floor: one durable single-row INSERT with dedupe, no HTTP, no HMAC.
INSERT INTO webhook_inbox (shop_domain, topic, webhook_id, body)
VALUES ('bench.myshopify.com', 'orders/create', md5(random()::text || clock_timestamp()::text),
        convert_to(repeat('x', :bodylen), 'UTF8'))
ON CONFLICT DO NOTHING;
