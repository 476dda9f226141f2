-- SPDX-FileCopyrightText: 2026 Packbench contributors
-- SPDX-License-Identifier: GPL-3.0-or-later
-- Shopify ingest: webhook dedupe by event, redaction marks, fulfillment ids, sync watermarks.

-- Shopify may send one event to several subscriptions with new webhook ids: dedupe on the event too.
CREATE UNIQUE INDEX webhook_inbox_event ON webhook_inbox (shop_domain, topic, event_id)
  WHERE event_id IS NOT NULL;
ALTER TABLE webhook_inbox ADD COLUMN attempts integer NOT NULL DEFAULT 0;

ALTER TABLE shops ADD COLUMN shopify_id text;
ALTER TABLE shops ADD COLUMN uninstalled_at timestamptz;
ALTER TABLE shops ADD COLUMN redacted_at timestamptz;

ALTER TABLE orders ADD COLUMN shopify_customer_id text;
ALTER TABLE orders ADD COLUMN redacted_at timestamptz;
CREATE INDEX orders_customer ON orders (shop_id, shopify_customer_id) WHERE shopify_customer_id IS NOT NULL;

-- The fulfillment Shopify created for a packed fulfillment order (tracking updates need it).
ALTER TABLE fulfillment_orders ADD COLUMN shopify_fulfillment_id text;
-- The order's LineItem id; fulfillment_order_lines.shopify_id is the FulfillmentOrderLineItem id.
ALTER TABLE fulfillment_order_lines ADD COLUMN line_item_shopify_id text;
CREATE UNIQUE INDEX fulfillment_order_lines_line_item ON fulfillment_order_lines (fulfillment_order_id, line_item_shopify_id);

-- How far the reconcile poller has read each shop's order changes.
CREATE TABLE sync_watermarks (
  shop_id     bigint NOT NULL REFERENCES shops(id),
  name        text NOT NULL,
  value       timestamptz NOT NULL,
  updated_at  timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (shop_id, name)
);
