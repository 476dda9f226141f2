-- SPDX-FileCopyrightText: 2026 Packbench contributors
-- SPDX-License-Identifier: GPL-3.0-or-later
-- The twin of the PostgreSQL migration: fulfillment orders found by their order without a table scan.
CREATE INDEX fulfillment_orders_order ON fulfillment_orders (order_id);
