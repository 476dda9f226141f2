-- SPDX-FileCopyrightText: 2026 Packbench contributors
-- SPDX-License-Identifier: GPL-3.0-or-later
-- Embedded (demo) and station-journal schema: the same tables and columns as PostgreSQL 0001.
-- Times are ISO-8601 UTC text ('2026-11-26T07:00:00.000Z'); JSON is text.

CREATE TABLE shops (
  id          INTEGER PRIMARY KEY,
  domain      TEXT NOT NULL UNIQUE,
  name        TEXT NOT NULL,
  currency    TEXT NOT NULL DEFAULT 'USD',
  created_at  TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
);

CREATE TABLE locations (
  id          INTEGER PRIMARY KEY,
  shop_id     INTEGER NOT NULL REFERENCES shops(id),
  shopify_id  TEXT,
  code        TEXT NOT NULL,
  name        TEXT NOT NULL,
  timezone    TEXT NOT NULL DEFAULT 'UTC',
  UNIQUE (shop_id, code)
);

CREATE TABLE products (
  id          INTEGER PRIMARY KEY,
  shop_id     INTEGER NOT NULL REFERENCES shops(id),
  shopify_id  TEXT,
  title       TEXT NOT NULL,
  vendor      TEXT,
  UNIQUE (shop_id, shopify_id)
);

CREATE TABLE variants (
  id                 INTEGER PRIMARY KEY,
  product_id         INTEGER NOT NULL REFERENCES products(id),
  shopify_id         TEXT,
  inventory_item_id  TEXT,
  title              TEXT NOT NULL DEFAULT '',
  sku                TEXT,
  weight_grams       INTEGER,
  price_minor        INTEGER,
  currency           TEXT
);
CREATE INDEX variants_sku ON variants (sku);

CREATE TABLE barcodes (
  id          INTEGER PRIMARY KEY,
  shop_id     INTEGER NOT NULL REFERENCES shops(id),
  variant_id  INTEGER NOT NULL REFERENCES variants(id),
  kind        TEXT NOT NULL CHECK (kind IN ('upc', 'ean', 'gtin14', 'sku', 'custom')),
  code        TEXT NOT NULL,
  normalized  TEXT NOT NULL,
  UNIQUE (shop_id, normalized, variant_id)
);
CREATE INDEX barcodes_lookup ON barcodes (shop_id, normalized);

CREATE TABLE orders (
  id                  INTEGER PRIMARY KEY,
  shop_id             INTEGER NOT NULL REFERENCES shops(id),
  shopify_id          TEXT,
  name                TEXT NOT NULL,
  email               TEXT,
  phone               TEXT,
  customer_name       TEXT,
  shipping_address    TEXT,
  billing_address     TEXT,
  shipping_method     TEXT,
  note                TEXT,
  gift_message        TEXT,
  currency            TEXT NOT NULL DEFAULT 'USD',
  total_minor         INTEGER NOT NULL DEFAULT 0,
  cancelled_at        TEXT,
  shopify_updated_at  TEXT,
  created_at          TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
  updated_at          TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
  UNIQUE (shop_id, shopify_id)
);

CREATE TABLE fulfillment_orders (
  id              INTEGER PRIMARY KEY,
  order_id        INTEGER NOT NULL REFERENCES orders(id),
  location_id     INTEGER NOT NULL REFERENCES locations(id),
  shopify_id      TEXT UNIQUE,
  shopify_status  TEXT NOT NULL DEFAULT 'OPEN'
                  CHECK (shopify_status IN ('OPEN', 'IN_PROGRESS', 'ON_HOLD', 'SCHEDULED', 'INCOMPLETE', 'CLOSED', 'CANCELLED')),
  pack_state      TEXT NOT NULL DEFAULT 'queued'
                  CHECK (pack_state IN ('queued', 'claimed', 'held', 'packed', 'cancelled')),
  priority        INTEGER NOT NULL DEFAULT 0,
  ship_by         TEXT,
  hold_reason     TEXT,
  version         INTEGER NOT NULL DEFAULT 1,
  created_at      TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
  updated_at      TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
);
CREATE INDEX fulfillment_orders_queue ON fulfillment_orders (location_id, pack_state, priority DESC, ship_by, id);

CREATE TABLE fulfillment_order_lines (
  id                    INTEGER PRIMARY KEY,
  fulfillment_order_id  INTEGER NOT NULL REFERENCES fulfillment_orders(id),
  shopify_id            TEXT,
  variant_id            INTEGER REFERENCES variants(id),
  title                 TEXT NOT NULL,
  variant_title         TEXT,
  sku                   TEXT,
  bin_location          TEXT,
  quantity              INTEGER NOT NULL CHECK (quantity >= 0),
  remaining_quantity    INTEGER NOT NULL CHECK (remaining_quantity >= 0),
  price_minor           INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX fulfillment_order_lines_fo ON fulfillment_order_lines (fulfillment_order_id);

CREATE TABLE stations (
  id            INTEGER PRIMARY KEY,
  name          TEXT NOT NULL UNIQUE,
  location_id   INTEGER REFERENCES locations(id),
  last_seen_at  TEXT
);

CREATE TABLE packers (
  id        INTEGER PRIMARY KEY,
  badge_id  TEXT NOT NULL UNIQUE,
  name      TEXT NOT NULL,
  pin_hash  TEXT,
  role      TEXT NOT NULL DEFAULT 'packer' CHECK (role IN ('packer', 'lead', 'admin')),
  active    INTEGER NOT NULL DEFAULT 1
);

CREATE TABLE claims (
  id                    INTEGER PRIMARY KEY,
  fulfillment_order_id  INTEGER NOT NULL REFERENCES fulfillment_orders(id),
  station_id            INTEGER NOT NULL REFERENCES stations(id),
  packer_id             INTEGER REFERENCES packers(id),
  claimed_at            TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
  heartbeat_at          TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
  expires_at            TEXT NOT NULL,
  released_at           TEXT,
  release_reason        TEXT CHECK (release_reason IN ('completed', 'released', 'expired', 'held', 'cancelled'))
);
CREATE UNIQUE INDEX claims_one_open ON claims (fulfillment_order_id) WHERE released_at IS NULL;

CREATE TABLE scan_events (
  id                    INTEGER PRIMARY KEY,
  client_event_id       TEXT NOT NULL UNIQUE,
  fulfillment_order_id  INTEGER NOT NULL REFERENCES fulfillment_orders(id),
  claim_id              INTEGER REFERENCES claims(id),
  line_id               INTEGER REFERENCES fulfillment_order_lines(id),
  station_id            INTEGER REFERENCES stations(id),
  packer_id             INTEGER REFERENCES packers(id),
  raw_code              TEXT NOT NULL,
  normalized_code       TEXT,
  symbology             TEXT,
  outcome               TEXT NOT NULL CHECK (outcome IN ('ok', 'wrong_item', 'unknown', 'over_scan', 'manual', 'acknowledged', 'command')),
  quantity              INTEGER NOT NULL DEFAULT 1,
  box_no                INTEGER NOT NULL DEFAULT 1,
  reason                TEXT,
  scanned_at            TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
);
CREATE INDEX scan_events_fo ON scan_events (fulfillment_order_id, id);

CREATE TABLE packages (
  id                    INTEGER PRIMARY KEY,
  fulfillment_order_id  INTEGER NOT NULL REFERENCES fulfillment_orders(id),
  box_no                INTEGER NOT NULL,
  box_type              TEXT,
  weight_grams          INTEGER,
  length_mm             INTEGER,
  width_mm              INTEGER,
  height_mm             INTEGER,
  carrier               TEXT,
  service               TEXT,
  tracking_number       TEXT,
  tracking_url          TEXT,
  created_at            TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
  UNIQUE (fulfillment_order_id, box_no)
);

CREATE TABLE outbox (
  id               INTEGER PRIMARY KEY,
  shop_id          INTEGER REFERENCES shops(id),
  kind             TEXT NOT NULL,
  aggregate_id     TEXT NOT NULL,
  idempotency_key  TEXT NOT NULL UNIQUE,
  payload          TEXT NOT NULL,
  status           TEXT NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'in_flight', 'done', 'failed', 'dead')),
  attempts         INTEGER NOT NULL DEFAULT 0,
  next_attempt_at  TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
  last_error       TEXT,
  locked_by        TEXT,
  locked_until     TEXT,
  created_at       TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
  done_at          TEXT
);

CREATE TABLE audit_log (
  id            INTEGER PRIMARY KEY,
  at            TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
  actor_kind    TEXT NOT NULL CHECK (actor_kind IN ('packer', 'station', 'hub', 'system')),
  actor_id      TEXT,
  station_id    INTEGER REFERENCES stations(id),
  action        TEXT NOT NULL,
  subject_kind  TEXT NOT NULL,
  subject_id    TEXT NOT NULL,
  details       TEXT NOT NULL DEFAULT '{}'
);
CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;
CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;

CREATE TABLE inventory_levels (
  location_id  INTEGER NOT NULL REFERENCES locations(id),
  variant_id   INTEGER NOT NULL REFERENCES variants(id),
  available    INTEGER NOT NULL DEFAULT 0,
  on_hand      INTEGER NOT NULL DEFAULT 0,
  updated_at   TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
  PRIMARY KEY (location_id, variant_id)
);
