-- SPDX-FileCopyrightText: 2026 Packbench contributors
-- SPDX-License-Identifier: GPL-3.0-or-later
-- The twin of the PostgreSQL migration. Only the hub mirrors Shopify's fulfillment orders (and the hub
-- runs on PostgreSQL), so the embedded station database never holds a 'syncing' row: it keeps its
-- pack_state check and only gains the lookup of locations by Shopify id.
CREATE UNIQUE INDEX locations_shopify_id ON locations (shop_id, shopify_id) WHERE shopify_id IS NOT NULL;
