-- SPDX-FileCopyrightText: 2026 Packbench contributors
-- SPDX-License-Identifier: GPL-3.0-or-later
-- Fulfillment orders mirrored from Shopify: a new order waits 'syncing' (no location yet, no station
-- sees it) until the hub has read Shopify's fulfillment orders, one per assigned location.
ALTER TABLE fulfillment_orders DROP CONSTRAINT IF EXISTS fulfillment_orders_pack_state_check;
ALTER TABLE fulfillment_orders ADD CONSTRAINT fulfillment_orders_pack_state_check
  CHECK (pack_state IN ('syncing', 'queued', 'claimed', 'held', 'packed', 'cancelled'));
ALTER TABLE fulfillment_orders ALTER COLUMN location_id DROP NOT NULL;
ALTER TABLE fulfillment_orders ADD CONSTRAINT fulfillment_orders_located
  CHECK (location_id IS NOT NULL OR pack_state IN ('syncing', 'cancelled'));
-- Locations are looked up by their Shopify id on every mirrored order.
CREATE UNIQUE INDEX locations_shopify_id ON locations (shop_id, shopify_id) WHERE shopify_id IS NOT NULL;
