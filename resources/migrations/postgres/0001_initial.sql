-- SPDX-FileCopyrightText: 2026 Packbench contributors
-- SPDX-License-Identifier: GPL-3.0-or-later
-- Initial central schema. Times are timestamptz (UTC); money is integer minor units + currency.

CREATE TABLE shops (
  id          bigserial PRIMARY KEY,
  domain      text NOT NULL UNIQUE,
  name        text NOT NULL,
  currency    char(3) NOT NULL DEFAULT 'USD',
  created_at  timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE locations (
  id          bigserial PRIMARY KEY,
  shop_id     bigint NOT NULL REFERENCES shops(id),
  shopify_id  text,
  code        text NOT NULL,
  name        text NOT NULL,
  timezone    text NOT NULL DEFAULT 'UTC',
  UNIQUE (shop_id, code)
);

CREATE TABLE products (
  id          bigserial PRIMARY KEY,
  shop_id     bigint NOT NULL REFERENCES shops(id),
  shopify_id  text,
  title       text NOT NULL,
  vendor      text,
  UNIQUE (shop_id, shopify_id)
);

CREATE TABLE variants (
  id                 bigserial PRIMARY KEY,
  product_id         bigint NOT NULL REFERENCES products(id),
  shopify_id         text,
  inventory_item_id  text,
  title              text NOT NULL DEFAULT '',
  sku                text,
  weight_grams       integer,
  price_minor        bigint,
  currency           char(3)
);
CREATE INDEX variants_sku ON variants (sku);

-- Several barcodes per variant; 'normalized' is the GTIN-14 (or the raw code for sku/custom).
CREATE TABLE barcodes (
  id          bigserial PRIMARY KEY,
  shop_id     bigint NOT NULL REFERENCES shops(id),
  variant_id  bigint NOT NULL REFERENCES variants(id),
  kind        text NOT NULL CHECK (kind IN ('upc', 'ean', 'gtin14', 'sku', 'custom')),
  code        text NOT NULL,
  normalized  text NOT NULL,
  UNIQUE (shop_id, normalized, variant_id)
);
CREATE INDEX barcodes_lookup ON barcodes (shop_id, normalized);

CREATE TABLE orders (
  id                  bigserial PRIMARY KEY,
  shop_id             bigint NOT NULL REFERENCES shops(id),
  shopify_id          text,
  name                text NOT NULL,
  email               text,
  phone               text,
  customer_name       text,
  shipping_address    jsonb,
  billing_address     jsonb,
  shipping_method     text,
  note                text,
  gift_message        text,
  currency            char(3) NOT NULL DEFAULT 'USD',
  total_minor         bigint NOT NULL DEFAULT 0,
  cancelled_at        timestamptz,
  shopify_updated_at  timestamptz,
  created_at          timestamptz NOT NULL DEFAULT now(),
  updated_at          timestamptz NOT NULL DEFAULT now(),
  UNIQUE (shop_id, shopify_id)
);

-- The unit of packing work: one fulfillment order at one location.
CREATE TABLE fulfillment_orders (
  id              bigserial PRIMARY KEY,
  order_id        bigint NOT NULL REFERENCES orders(id),
  location_id     bigint NOT NULL REFERENCES locations(id),
  shopify_id      text UNIQUE,
  shopify_status  text NOT NULL DEFAULT 'OPEN'
                  CHECK (shopify_status IN ('OPEN', 'IN_PROGRESS', 'ON_HOLD', 'SCHEDULED', 'INCOMPLETE', 'CLOSED', 'CANCELLED')),
  pack_state      text NOT NULL DEFAULT 'queued'
                  CHECK (pack_state IN ('queued', 'claimed', 'held', 'packed', 'cancelled')),
  priority        integer NOT NULL DEFAULT 0,
  ship_by         timestamptz,
  hold_reason     text,
  version         integer NOT NULL DEFAULT 1,
  created_at      timestamptz NOT NULL DEFAULT now(),
  updated_at      timestamptz NOT NULL DEFAULT now()
);
-- Claim order: highest priority first, then the earliest ship-by.
CREATE INDEX fulfillment_orders_queue ON fulfillment_orders (location_id, priority DESC, ship_by, id)
  WHERE pack_state = 'queued';

CREATE TABLE fulfillment_order_lines (
  id                    bigserial PRIMARY KEY,
  fulfillment_order_id  bigint NOT NULL REFERENCES fulfillment_orders(id),
  shopify_id            text,
  variant_id            bigint REFERENCES variants(id),
  title                 text NOT NULL,
  variant_title         text,
  sku                   text,
  bin_location          text,
  quantity              integer NOT NULL CHECK (quantity >= 0),
  remaining_quantity    integer NOT NULL CHECK (remaining_quantity >= 0),
  price_minor           bigint NOT NULL DEFAULT 0
);
CREATE INDEX fulfillment_order_lines_fo ON fulfillment_order_lines (fulfillment_order_id);

CREATE TABLE stations (
  id            bigserial PRIMARY KEY,
  name          text NOT NULL UNIQUE,
  location_id   bigint REFERENCES locations(id),
  last_seen_at  timestamptz
);

CREATE TABLE packers (
  id        bigserial PRIMARY KEY,
  badge_id  text NOT NULL UNIQUE,
  name      text NOT NULL,
  pin_hash  text,
  role      text NOT NULL DEFAULT 'packer' CHECK (role IN ('packer', 'lead', 'admin')),
  active    boolean NOT NULL DEFAULT true
);

-- A lease on one fulfillment order; at most one open claim per fulfillment order.
CREATE TABLE claims (
  id                    bigserial PRIMARY KEY,
  fulfillment_order_id  bigint NOT NULL REFERENCES fulfillment_orders(id),
  station_id            bigint NOT NULL REFERENCES stations(id),
  packer_id             bigint REFERENCES packers(id),
  claimed_at            timestamptz NOT NULL DEFAULT now(),
  heartbeat_at          timestamptz NOT NULL DEFAULT now(),
  expires_at            timestamptz NOT NULL,
  released_at           timestamptz,
  release_reason        text CHECK (release_reason IN ('completed', 'released', 'expired', 'held', 'cancelled'))
);
CREATE UNIQUE INDEX claims_one_open ON claims (fulfillment_order_id) WHERE released_at IS NULL;
CREATE INDEX claims_expiry ON claims (expires_at) WHERE released_at IS NULL;

-- Append-only: every scan as it happened. client_event_id makes journal replay idempotent.
CREATE TABLE scan_events (
  id                    bigserial PRIMARY KEY,
  client_event_id       uuid NOT NULL UNIQUE,
  fulfillment_order_id  bigint NOT NULL REFERENCES fulfillment_orders(id),
  claim_id              bigint REFERENCES claims(id),
  line_id               bigint REFERENCES fulfillment_order_lines(id),
  station_id            bigint REFERENCES stations(id),
  packer_id             bigint REFERENCES packers(id),
  raw_code              text NOT NULL,
  normalized_code       text,
  symbology             text,
  outcome               text NOT NULL CHECK (outcome IN ('ok', 'wrong_item', 'unknown', 'over_scan', 'manual', 'acknowledged', 'command')),
  quantity              integer NOT NULL DEFAULT 1,
  box_no                integer NOT NULL DEFAULT 1,
  reason                text,
  scanned_at            timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX scan_events_fo ON scan_events (fulfillment_order_id, id);

CREATE TABLE packages (
  id                    bigserial PRIMARY KEY,
  fulfillment_order_id  bigint NOT NULL REFERENCES fulfillment_orders(id),
  box_no                integer NOT NULL,
  box_type              text,
  weight_grams          integer,
  length_mm             integer,
  width_mm              integer,
  height_mm             integer,
  carrier               text,
  service               text,
  tracking_number       text,
  tracking_url          text,
  created_at            timestamptz NOT NULL DEFAULT now(),
  UNIQUE (fulfillment_order_id, box_no)
);

-- Every call to the outside world: written in the same transaction as the change that needs it.
CREATE TABLE outbox (
  id               bigserial PRIMARY KEY,
  shop_id          bigint REFERENCES shops(id),
  kind             text NOT NULL,
  aggregate_id     text NOT NULL,
  idempotency_key  text NOT NULL UNIQUE,
  payload          jsonb NOT NULL,
  status           text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'in_flight', 'done', 'failed', 'dead')),
  attempts         integer NOT NULL DEFAULT 0,
  next_attempt_at  timestamptz NOT NULL DEFAULT now(),
  last_error       text,
  locked_by        text,
  locked_until     timestamptz,
  created_at       timestamptz NOT NULL DEFAULT now(),
  done_at          timestamptz
);
CREATE INDEX outbox_due ON outbox (next_attempt_at, id) WHERE status IN ('pending', 'failed');

CREATE TABLE webhook_inbox (
  id            bigserial PRIMARY KEY,
  shop_domain   text NOT NULL,
  topic         text NOT NULL,
  webhook_id    text NOT NULL UNIQUE,
  event_id      text,
  api_version   text,
  triggered_at  timestamptz,
  body          bytea NOT NULL,
  received_at   timestamptz NOT NULL DEFAULT now(),
  processed_at  timestamptz,
  status        text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'processed', 'dead')),
  error         text
);
CREATE INDEX webhook_inbox_pending ON webhook_inbox (id) WHERE status = 'pending';

CREATE TABLE audit_log (
  id            bigserial PRIMARY KEY,
  at            timestamptz NOT NULL DEFAULT now(),
  actor_kind    text NOT NULL CHECK (actor_kind IN ('packer', 'station', 'hub', 'system')),
  actor_id      text,
  station_id    bigint REFERENCES stations(id),
  action        text NOT NULL,
  subject_kind  text NOT NULL,
  subject_id    text NOT NULL,
  details       jsonb NOT NULL DEFAULT '{}'::jsonb
);

CREATE FUNCTION audit_log_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'audit_log is append-only';
END $$;
CREATE TRIGGER audit_log_no_change BEFORE UPDATE OR DELETE ON audit_log
  FOR EACH ROW EXECUTE FUNCTION audit_log_append_only();

CREATE TABLE inventory_levels (
  location_id  bigint NOT NULL REFERENCES locations(id),
  variant_id   bigint NOT NULL REFERENCES variants(id),
  available    integer NOT NULL DEFAULT 0,
  on_hand      integer NOT NULL DEFAULT 0,
  updated_at   timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (location_id, variant_id)
);
