-- SPDX-FileCopyrightText: 2026 Packbench contributors
-- SPDX-License-Identifier: GPL-3.0-or-later
-- Redaction reaches every place customer data lands (docs/security.md, "Redaction"): data-request exports
-- the merchant hands over, and free-text reasons inside the otherwise append-only audit log.

-- customers/data_request: what we hold on one customer, kept until the merchant has it or the customer is
-- redacted (customers/redact and shop/redact delete it). Hub-only: stations never read it.
CREATE TABLE customer_data_exports (
  id                  bigserial PRIMARY KEY,
  shop_id             bigint NOT NULL REFERENCES shops(id),
  shopify_customer_id text,
  requested_at        timestamptz NOT NULL DEFAULT now(),
  orders_count        integer NOT NULL,
  export              jsonb NOT NULL CHECK (jsonb_typeof(export) = 'object'),
  delivered_at        timestamptz
);
CREATE INDEX customer_data_exports_customer ON customer_data_exports (shop_id, shopify_customer_id);

-- The audit log stays append-only, with one exception: a value in details replaced by "[redacted]"
-- (a hold reason naming the customer). Every other column, every key and every other value must stay.
CREATE OR REPLACE FUNCTION audit_log_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'UPDATE'
     AND (NEW.id, NEW.at, NEW.actor_kind, NEW.actor_id, NEW.station_id, NEW.action, NEW.subject_kind, NEW.subject_id)
         IS NOT DISTINCT FROM
         (OLD.id, OLD.at, OLD.actor_kind, OLD.actor_id, OLD.station_id, OLD.action, OLD.subject_kind, OLD.subject_id)
     AND jsonb_typeof(NEW.details) = 'object' AND jsonb_typeof(OLD.details) = 'object'
     AND NOT EXISTS (
       SELECT 1 FROM jsonb_each(NEW.details) AS n FULL JOIN jsonb_each(OLD.details) AS o ON o.key = n.key
        WHERE n.key IS NULL OR o.key IS NULL
           OR (n.value IS DISTINCT FROM o.value AND n.value IS DISTINCT FROM '"[redacted]"'::jsonb)) THEN
    RETURN NEW;
  END IF;
  RAISE EXCEPTION 'audit_log is append-only';
END $$;

-- What the hub's redaction writes, granted by name (earlier grants may be narrowed).
DO $$
BEGIN
  IF EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'packbench_hub') THEN
    GRANT SELECT, INSERT, UPDATE, DELETE ON customer_data_exports TO packbench_hub;
    GRANT USAGE, SELECT ON SEQUENCE customer_data_exports_id_seq TO packbench_hub;
    GRANT UPDATE (details) ON audit_log TO packbench_hub;
    GRANT SELECT, UPDATE (payload, last_error, updated_at) ON print_jobs TO packbench_hub;
    GRANT SELECT, UPDATE (reason) ON scan_events TO packbench_hub;
    GRANT SELECT, UPDATE (tracking_number, tracking_url) ON packages TO packbench_hub;
    GRANT SELECT, UPDATE (hold_reason) ON fulfillment_orders TO packbench_hub;
    GRANT SELECT, UPDATE (payload, last_error) ON outbox TO packbench_hub;
    GRANT SELECT, UPDATE (body, error, status, processed_at) ON webhook_inbox TO packbench_hub;
    GRANT SELECT, DELETE ON shop_credentials TO packbench_hub;
  END IF;
END $$;
