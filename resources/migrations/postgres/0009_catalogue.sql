-- SPDX-FileCopyrightText: 2026 Packbench contributors
-- SPDX-License-Identifier: GPL-3.0-or-later
-- Catalogue sync from Shopify: what products, variants and their barcodes need to follow Shopify
-- (its timestamps for staleness, deletion that keeps history), and the initial-import journal.

ALTER TABLE products ADD COLUMN status text;
ALTER TABLE products ADD COLUMN image_url text;
ALTER TABLE products ADD COLUMN shopify_updated_at timestamptz;
-- Deleted in Shopify: the row stays (order lines point at its variants), scans stop matching.
ALTER TABLE products ADD COLUMN deleted_at timestamptz;

-- The barcode as Shopify holds it; barcodes holds its normalised readings for lookups.
ALTER TABLE variants ADD COLUMN barcode text;
ALTER TABLE variants ADD COLUMN image_url text;
ALTER TABLE variants ADD COLUMN shopify_updated_at timestamptz;
ALTER TABLE variants ADD COLUMN deleted_at timestamptz;
-- A Shopify variant id is global: one row per id (local-only variants keep NULL, which never collides).
CREATE UNIQUE INDEX variants_shopify_id ON variants (shopify_id);
-- A product's variants (removals) and a variant's barcodes (replacement) without a table scan.
CREATE INDEX variants_product ON variants (product_id);
CREATE INDEX barcodes_variant ON barcodes (variant_id);

-- One row per initial import: a restarted hub resumes the bulk operation Shopify is still running
-- (Shopify runs one bulk query per app and shop) instead of starting another.
CREATE TABLE catalogue_imports (
  id                 bigserial PRIMARY KEY,
  shop_id            bigint NOT NULL REFERENCES shops(id),
  bulk_operation_id  text,
  status             text NOT NULL DEFAULT 'running' CHECK (status IN ('running', 'completed', 'failed')),
  started_at         timestamptz NOT NULL DEFAULT now(),
  snapshot_at        timestamptz,
  finished_at        timestamptz,
  products_written   integer NOT NULL DEFAULT 0,
  variants_written   integer NOT NULL DEFAULT 0,
  error              text
);
CREATE UNIQUE INDEX catalogue_imports_one_running ON catalogue_imports (shop_id) WHERE status = 'running';

-- The hub writes the catalogue (0002 granted it products, variants and barcodes); stations only read it.
DO $$
BEGIN
  IF EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'packbench_hub') THEN
    GRANT SELECT, INSERT, UPDATE, DELETE ON catalogue_imports TO packbench_hub;
    GRANT USAGE, SELECT, UPDATE ON SEQUENCE catalogue_imports_id_seq TO packbench_hub;
  END IF;
END $$;
