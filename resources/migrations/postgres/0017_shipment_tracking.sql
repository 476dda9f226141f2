-- SPDX-FileCopyrightText: 2026 Packbench contributors
-- SPDX-License-Identifier: GPL-3.0-or-later
-- Tracking after the label (issue #14, docs/carriers.md "Tracking events"): the hub follows every package that
-- left with a tracking number, asking the carrier API (GET /v1/tracking) with backoff per shipment, and posts
-- Shopify fulfillment events through the outbox (kind fulfillment.tracking_event, one per shipment and status).

-- The carrier API's carrier_code of a label the hub bought (its label worker writes it with the label). NULL for a
-- label scanned at the bench: the code then comes from the tracking company (tracking_carrier_codes below).
ALTER TABLE packages ADD COLUMN tracking_carrier_code text
  CHECK (tracking_carrier_code ~ '^[a-z0-9]+(_[a-z0-9]+)*$');
GRANT UPDATE (tracking_carrier_code) ON packages TO packbench_hub;

-- Which carrier API code tracks a Shopify tracking company's numbers (ShipEngine's carrier codes, from the carrier
-- list of tests/data/carriers/shipengine-openapi.yaml). A company without a row is not followed: the hub logs it
-- once per package. Operators may add rows for carriers their account has connected.
CREATE TABLE tracking_carrier_codes (
  company      text PRIMARY KEY,
  carrier_code text NOT NULL CHECK (carrier_code ~ '^[a-z0-9]+(_[a-z0-9]+)*$')
);
INSERT INTO tracking_carrier_codes (company, carrier_code) VALUES
  ('Australia Post', 'australia_post'),
  ('Canada Post', 'canada_post'),
  ('DHL eCommerce', 'dhl_ecommerce'),
  ('DHL Express', 'dhl_express'),
  ('DPD', 'dpd'),
  ('FedEx', 'fedex'),
  ('Lasership', 'lasership'),
  ('OnTrac', 'ontrac'),
  ('Purolator', 'purolator_canada'),
  ('Royal Mail', 'royal_mail'),
  ('UPS', 'ups'),
  ('USPS', 'stamps_com');
GRANT SELECT, INSERT, UPDATE, DELETE ON tracking_carrier_codes TO packbench_hub;

-- One followed shipment: a package's tracking number once its order's fulfillment is at Shopify.
--   following: polled when next_poll_at comes (the interval grows while nothing changes, back to the first after a
--              change); delivered: the carrier said DE (final); unsupported: no carrier code (never polled);
--              replaced: the package got another number (a voided and re-bought label); expired: followed for the
--              longest time allowed without a delivery.
CREATE TABLE shipment_tracking (
  id                    bigserial PRIMARY KEY,
  package_id            bigint NOT NULL REFERENCES packages(id),
  fulfillment_order_id  bigint NOT NULL REFERENCES fulfillment_orders(id),
  tracking_number       text NOT NULL,
  company               text,
  carrier_code          text,
  state                 text NOT NULL DEFAULT 'following'
                        CHECK (state IN ('following', 'delivered', 'unsupported', 'replaced', 'expired')),
  status_code           text, -- the carrier's last status: UN, AC, IT, DE, EX, AT, NY, SP
  status_detail_code    text,
  polls                 integer NOT NULL DEFAULT 0,
  interval_seconds      integer NOT NULL CHECK (interval_seconds > 0),
  next_poll_at          timestamptz NOT NULL,
  locked_by             text,
  locked_until          timestamptz,
  last_error            text,
  started_at            timestamptz NOT NULL DEFAULT now(),
  updated_at            timestamptz NOT NULL DEFAULT now(),
  UNIQUE (package_id, tracking_number),
  CHECK (state <> 'following' OR carrier_code IS NOT NULL)
);
CREATE INDEX shipment_tracking_due ON shipment_tracking (next_poll_at, id) WHERE state = 'following';
CREATE INDEX shipment_tracking_fo ON shipment_tracking (fulfillment_order_id);
-- The hub looks for newly shipped packages every few seconds: only the recent ones with a number.
CREATE INDEX packages_tracked_recent ON packages (created_at) WHERE tracking_number IS NOT NULL;
GRANT SELECT, INSERT, UPDATE ON shipment_tracking TO packbench_hub;
GRANT USAGE, SELECT ON SEQUENCE shipment_tracking_id_seq TO packbench_hub;
