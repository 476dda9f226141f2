-- SPDX-FileCopyrightText: 2026 Packbench contributors
-- SPDX-License-Identifier: GPL-3.0-or-later
-- The twin of the PostgreSQL migration: catalogue columns, one row per Shopify variant, import journal.

ALTER TABLE products ADD COLUMN status TEXT;
ALTER TABLE products ADD COLUMN image_url TEXT;
ALTER TABLE products ADD COLUMN shopify_updated_at TEXT;
ALTER TABLE products ADD COLUMN deleted_at TEXT;

ALTER TABLE variants ADD COLUMN barcode TEXT;
ALTER TABLE variants ADD COLUMN image_url TEXT;
ALTER TABLE variants ADD COLUMN shopify_updated_at TEXT;
ALTER TABLE variants ADD COLUMN deleted_at TEXT;
CREATE UNIQUE INDEX variants_shopify_id ON variants (shopify_id);
CREATE INDEX variants_product ON variants (product_id);
CREATE INDEX barcodes_variant ON barcodes (variant_id);

CREATE TABLE catalogue_imports (
  id                 INTEGER PRIMARY KEY,
  shop_id            INTEGER NOT NULL REFERENCES shops(id),
  bulk_operation_id  TEXT,
  status             TEXT NOT NULL DEFAULT 'running' CHECK (status IN ('running', 'completed', 'failed')),
  started_at         TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
  snapshot_at        TEXT,
  finished_at        TEXT,
  products_written   INTEGER NOT NULL DEFAULT 0,
  variants_written   INTEGER NOT NULL DEFAULT 0,
  error              TEXT
);
CREATE UNIQUE INDEX catalogue_imports_one_running ON catalogue_imports (shop_id) WHERE status = 'running';
