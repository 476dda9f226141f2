-- SPDX-FileCopyrightText: 2026 Packbench contributors
-- SPDX-License-Identifier: GPL-3.0-or-later
-- Queue wake-ups (LISTEN/NOTIFY), hub-only secrets, database roles and row-level security.
-- Roles are cluster-wide: created here only when missing, so every database in a cluster shares them.
-- See docs/database-roles.md for how to create login users that belong to these roles.

DO $$
DECLARE
  wanted text;
BEGIN
  FOREACH wanted IN ARRAY ARRAY['packbench_station', 'packbench_hub'] LOOP
    IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = wanted) THEN
      BEGIN
        EXECUTE format('CREATE ROLE %I NOLOGIN', wanted);
      EXCEPTION
        WHEN duplicate_object OR unique_violation THEN
          NULL; -- another database of this cluster created it at the same moment
        WHEN insufficient_privilege THEN
          RAISE EXCEPTION 'role % does not exist and this user may not create it', wanted
            USING HINT = 'run "packbench-hub migrate" as a user with CREATEROLE, or create the role first (docs/database-roles.md)';
      END;
    END IF;
  END LOOP;
END $$;

-- Hub-only secrets per shop. Stations have no privilege on this table at all.
CREATE TABLE shop_credentials (
  shop_id           bigint PRIMARY KEY REFERENCES shops(id),
  access_token      text,
  webhook_secret    text,
  carrier_api_key   text,
  updated_at        timestamptz NOT NULL DEFAULT now()
);

-- Lease reaping scans open claims by expiry; 0001 already has claims_expiry.
CREATE INDEX claims_station_open ON claims (station_id) WHERE released_at IS NULL;

-- Wake stations at a location when an order becomes claimable there.
CREATE FUNCTION packbench_notify_queue() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_notify('packbench_queue', NEW.location_id::text);
  RETURN NULL;
END $$;
CREATE TRIGGER fulfillment_orders_queued_insert AFTER INSERT ON fulfillment_orders
  FOR EACH ROW WHEN (NEW.pack_state = 'queued') EXECUTE FUNCTION packbench_notify_queue();
CREATE TRIGGER fulfillment_orders_queued_update AFTER UPDATE OF pack_state, location_id ON fulfillment_orders
  FOR EACH ROW WHEN (NEW.pack_state = 'queued'
                     AND (OLD.pack_state IS DISTINCT FROM 'queued' OR OLD.location_id IS DISTINCT FROM NEW.location_id))
  EXECUTE FUNCTION packbench_notify_queue();

-- Tell the station packing a claimed order that it was cancelled or edited under it.
CREATE FUNCTION packbench_notify_order_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_notify('packbench_order_changed', NEW.id::text);
  RETURN NULL;
END $$;
CREATE TRIGGER fulfillment_orders_changed AFTER UPDATE ON fulfillment_orders
  FOR EACH ROW WHEN (OLD.pack_state = 'claimed'
                     AND (NEW.pack_state = 'cancelled' OR NEW.version IS DISTINCT FROM OLD.version
                          OR NEW.shopify_status IS DISTINCT FROM OLD.shopify_status))
  EXECUTE FUNCTION packbench_notify_order_changed();

CREATE FUNCTION packbench_notify_lines_changed() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  fo_id bigint;
BEGIN
  fo_id := CASE WHEN TG_OP = 'DELETE' THEN OLD.fulfillment_order_id ELSE NEW.fulfillment_order_id END;
  IF EXISTS (SELECT 1 FROM fulfillment_orders WHERE id = fo_id AND pack_state = 'claimed') THEN
    PERFORM pg_notify('packbench_order_changed', fo_id::text);
  END IF;
  RETURN NULL;
END $$;
CREATE TRIGGER fulfillment_order_lines_changed AFTER INSERT OR UPDATE OR DELETE ON fulfillment_order_lines
  FOR EACH ROW EXECUTE FUNCTION packbench_notify_lines_changed();

-- An order cancelled or edited in Shopify: every claimed fulfillment order of it hears about it.
CREATE FUNCTION packbench_notify_parent_order_changed() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  fo_id bigint;
BEGIN
  FOR fo_id IN SELECT id FROM fulfillment_orders WHERE order_id = NEW.id AND pack_state = 'claimed' LOOP
    PERFORM pg_notify('packbench_order_changed', fo_id::text);
  END LOOP;
  RETURN NULL;
END $$;
CREATE TRIGGER orders_changed AFTER UPDATE ON orders
  FOR EACH ROW WHEN (NEW.cancelled_at IS DISTINCT FROM OLD.cancelled_at
                     OR NEW.shipping_address IS DISTINCT FROM OLD.shipping_address
                     OR NEW.shipping_method IS DISTINCT FROM OLD.shipping_method
                     OR NEW.note IS DISTINCT FROM OLD.note
                     OR NEW.gift_message IS DISTINCT FROM OLD.gift_message)
  EXECUTE FUNCTION packbench_notify_parent_order_changed();

-- Privileges. Nothing is granted to PUBLIC; every later migration grants what its tables need.
REVOKE ALL ON ALL TABLES IN SCHEMA public FROM PUBLIC;
GRANT USAGE ON SCHEMA public TO packbench_station, packbench_hub;

-- The hub runs the whole back office.
GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO packbench_hub;
GRANT USAGE, SELECT, UPDATE ON ALL SEQUENCES IN SCHEMA public TO packbench_hub;
REVOKE UPDATE, DELETE ON audit_log FROM packbench_hub;
REVOKE INSERT, UPDATE, DELETE ON schema_migrations FROM packbench_hub;

-- A station reads what it packs and writes only its own packing work.
GRANT SELECT ON schema_migrations, shops, locations, products, variants, barcodes, orders, fulfillment_orders,
  fulfillment_order_lines, stations, packers, claims, scan_events, packages, inventory_levels
  TO packbench_station;
GRANT UPDATE (pack_state, hold_reason, updated_at) ON fulfillment_orders TO packbench_station;
GRANT INSERT, UPDATE (heartbeat_at, expires_at, released_at, release_reason) ON claims TO packbench_station;
GRANT INSERT, UPDATE (location_id, last_seen_at) ON stations TO packbench_station;
GRANT INSERT ON scan_events TO packbench_station;
GRANT INSERT, UPDATE (box_type, weight_grams, length_mm, width_mm, height_mm, carrier, service, tracking_number,
  tracking_url) ON packages TO packbench_station;
GRANT SELECT, INSERT ON outbox, audit_log TO packbench_station;
GRANT USAGE ON SEQUENCE claims_id_seq, stations_id_seq, scan_events_id_seq, packages_id_seq, outbox_id_seq,
  audit_log_id_seq TO packbench_station;

-- Row-level security: a station sees only the shop named by its session setting packbench.shop_id
-- (set with set_config('packbench.shop_id', …) after connecting). Unset means no rows at all.
CREATE FUNCTION packbench_session_shop() RETURNS bigint LANGUAGE sql STABLE AS $$
  SELECT NULLIF(current_setting('packbench.shop_id', true), '')::bigint
$$;
GRANT EXECUTE ON FUNCTION packbench_session_shop() TO packbench_station, packbench_hub;

ALTER TABLE orders ENABLE ROW LEVEL SECURITY;
ALTER TABLE fulfillment_orders ENABLE ROW LEVEL SECURITY;
CREATE POLICY station_own_shop ON orders TO packbench_station
  USING (shop_id = packbench_session_shop());
CREATE POLICY station_own_shop ON fulfillment_orders TO packbench_station
  USING (location_id IN (SELECT l.id FROM locations l WHERE l.shop_id = packbench_session_shop()));
CREATE POLICY hub_all_shops ON orders TO packbench_hub USING (true) WITH CHECK (true);
CREATE POLICY hub_all_shops ON fulfillment_orders TO packbench_hub USING (true) WITH CHECK (true);
