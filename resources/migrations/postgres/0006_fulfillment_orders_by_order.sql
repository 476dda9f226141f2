-- SPDX-FileCopyrightText: 2026 Packbench contributors
-- SPDX-License-Identifier: GPL-3.0-or-later
-- Every orders/updated, cancelled and edited webhook looks up the order's fulfillment orders: without
-- this index each one scanned the whole table (10 ms at 28,000 rows, and growing with history).
CREATE INDEX fulfillment_orders_order ON fulfillment_orders (order_id);
