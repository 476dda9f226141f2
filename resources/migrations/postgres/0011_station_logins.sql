-- SPDX-FileCopyrightText: 2026 Packbench contributors
-- SPDX-License-Identifier: GPL-3.0-or-later
-- A station's login may not do harm (issue #12): each station login is mapped to one shop and its allowed
-- locations in station_logins (written only by the schema owner, i.e. `packbench-hub station-login`), and
-- row-level security follows that mapping through session_user, never a setting the station can change.
-- Stations lose every direct write; they change state only through the SECURITY DEFINER functions of 0012.
-- PINs are checked here, inside the database, with a lockout that grows after repeated failures.

-- bcrypt for PINs (crypt/gen_salt) and HMAC for the PBKDF2 hashes written before this migration.
-- pgcrypto is a trusted extension: the database owner may create it.
CREATE EXTENSION IF NOT EXISTS pgcrypto;

CREATE TABLE station_logins (
  login         name PRIMARY KEY,
  shop_id       bigint NOT NULL REFERENCES shops(id),
  location_ids  bigint[] NOT NULL CHECK (cardinality(location_ids) > 0),
  created_at    timestamptz NOT NULL DEFAULT now(),
  revoked_at    timestamptz
);

-- Which login registered (and so owns) a station row; NULL for rows from before station logins.
ALTER TABLE stations ADD COLUMN login name;
-- Lead approvals by packer id: the badge number no longer goes into the free-text reason.
ALTER TABLE scan_events ADD COLUMN approved_by bigint REFERENCES packers(id);
-- Print jobs with no order (test pages) belong to the login that printed them.
ALTER TABLE print_jobs ADD COLUMN login name DEFAULT session_user;

-- Consecutive wrong PINs per packer; locked_until grows with each failure past the threshold.
CREATE TABLE pin_attempts (
  packer_id        bigint PRIMARY KEY REFERENCES packers(id),
  failures         integer NOT NULL DEFAULT 0,
  last_failure_at  timestamptz,
  locked_until     timestamptz
);

-- A lead's badge+PIN, checked once, becomes a single-use approval for the login that asked for it.
CREATE TABLE lead_approvals (
  token       uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  lead_id     bigint NOT NULL REFERENCES packers(id),
  login       name NOT NULL,
  station_id  bigint REFERENCES stations(id),
  issued_at   timestamptz NOT NULL DEFAULT now(),
  expires_at  timestamptz NOT NULL,
  used_at     timestamptz
);

-- The calling login's mapping. A station login (member of packbench_station, not a superuser) with no
-- live mapping gets no shop and no locations: it sees nothing and may do nothing.
CREATE FUNCTION packbench_is_station_login() RETURNS boolean
  LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
  SELECT pg_has_role(session_user, 'packbench_station', 'MEMBER')
     AND NOT COALESCE((SELECT rolsuper FROM pg_roles WHERE rolname = session_user), false)
$$;
CREATE FUNCTION packbench_station_shop() RETURNS bigint
  LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
  SELECT shop_id FROM station_logins WHERE login = session_user AND revoked_at IS NULL
$$;
CREATE FUNCTION packbench_station_locations() RETURNS bigint[]
  LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
  SELECT COALESCE((SELECT location_ids FROM station_logins WHERE login = session_user AND revoked_at IS NULL),
                  '{}'::bigint[])
$$;
-- The station rows this login registered.
CREATE FUNCTION packbench_station_ids() RETURNS bigint[]
  LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
  SELECT COALESCE(array_agg(id), '{}'::bigint[]) FROM stations WHERE login = session_user
$$;

-- The setting a station could change is no longer trusted: 0002's policies go, the mapping decides.
DROP POLICY station_own_shop ON orders;
DROP POLICY station_own_shop ON fulfillment_orders;
DROP FUNCTION packbench_session_shop();

-- Row-level security on every table with shop data a station can read.
ALTER TABLE shops ENABLE ROW LEVEL SECURITY;
ALTER TABLE locations ENABLE ROW LEVEL SECURITY;
ALTER TABLE products ENABLE ROW LEVEL SECURITY;
ALTER TABLE variants ENABLE ROW LEVEL SECURITY;
ALTER TABLE barcodes ENABLE ROW LEVEL SECURITY;
ALTER TABLE inventory_levels ENABLE ROW LEVEL SECURITY;
ALTER TABLE fulfillment_order_lines ENABLE ROW LEVEL SECURITY;
ALTER TABLE stations ENABLE ROW LEVEL SECURITY;
ALTER TABLE claims ENABLE ROW LEVEL SECURITY;
ALTER TABLE scan_events ENABLE ROW LEVEL SECURITY;
ALTER TABLE packages ENABLE ROW LEVEL SECURITY;
ALTER TABLE print_jobs ENABLE ROW LEVEL SECURITY;
ALTER TABLE audit_log ENABLE ROW LEVEL SECURITY;
ALTER TABLE station_logins ENABLE ROW LEVEL SECURITY;

CREATE POLICY station_mapped ON shops TO packbench_station USING (id = packbench_station_shop());
CREATE POLICY station_mapped ON locations TO packbench_station USING (shop_id = packbench_station_shop());
CREATE POLICY station_mapped ON products TO packbench_station USING (shop_id = packbench_station_shop());
CREATE POLICY station_mapped ON variants TO packbench_station
  USING (product_id IN (SELECT id FROM products));
CREATE POLICY station_mapped ON barcodes TO packbench_station USING (shop_id = packbench_station_shop());
CREATE POLICY station_mapped ON inventory_levels TO packbench_station
  USING (location_id = ANY (packbench_station_locations()));
CREATE POLICY station_mapped ON orders TO packbench_station USING (shop_id = packbench_station_shop());
CREATE POLICY station_mapped ON fulfillment_orders TO packbench_station
  USING (location_id = ANY (packbench_station_locations()));
CREATE POLICY station_mapped ON fulfillment_order_lines TO packbench_station
  USING (fulfillment_order_id IN (SELECT id FROM fulfillment_orders));
CREATE POLICY station_mapped ON stations TO packbench_station
  USING (login = session_user OR location_id = ANY (packbench_station_locations()));
CREATE POLICY station_mapped ON claims TO packbench_station
  USING (fulfillment_order_id IN (SELECT id FROM fulfillment_orders));
CREATE POLICY station_mapped ON scan_events TO packbench_station
  USING (fulfillment_order_id IN (SELECT id FROM fulfillment_orders));
CREATE POLICY station_mapped ON packages TO packbench_station
  USING (fulfillment_order_id IN (SELECT id FROM fulfillment_orders));
CREATE POLICY station_mapped ON print_jobs TO packbench_station
  USING (fulfillment_order_id IN (SELECT id FROM fulfillment_orders)
         OR (fulfillment_order_id IS NULL AND login = session_user));
CREATE POLICY station_mapped ON audit_log TO packbench_station USING (station_id = ANY (packbench_station_ids()));
CREATE POLICY station_mapped ON station_logins TO packbench_station USING (login = session_user);

DO $$
DECLARE
  t text;
BEGIN
  FOREACH t IN ARRAY ARRAY['shops', 'locations', 'products', 'variants', 'barcodes', 'inventory_levels',
                           'fulfillment_order_lines', 'stations', 'claims', 'scan_events', 'packages', 'print_jobs',
                           'audit_log', 'station_logins'] LOOP
    EXECUTE format('CREATE POLICY hub_all_shops ON %I TO packbench_hub USING (true) WITH CHECK (true)', t);
  END LOOP;
END $$;

-- Privileges: a station reads what it packs and writes nothing directly.
REVOKE INSERT, UPDATE, DELETE ON fulfillment_orders, claims, stations, scan_events, packages, outbox, audit_log,
  print_jobs FROM packbench_station;
REVOKE SELECT ON outbox, packers FROM packbench_station;
REVOKE ALL ON SEQUENCE claims_id_seq, stations_id_seq, scan_events_id_seq, packages_id_seq, outbox_id_seq,
  audit_log_id_seq, print_jobs_id_seq FROM packbench_station;
GRANT SELECT (id, badge_id, name, role, active) ON packers TO packbench_station;
GRANT SELECT ON station_logins, audit_log, print_jobs TO packbench_station;
-- The hub reads the mapping (lead dashboards, support) but only the schema owner writes it.
GRANT SELECT ON station_logins TO packbench_hub;
REVOKE INSERT, UPDATE, DELETE ON station_logins FROM packbench_hub;
GRANT SELECT, INSERT, UPDATE, DELETE ON pin_attempts, lead_approvals TO packbench_hub;
REVOKE ALL ON FUNCTION packbench_is_station_login(), packbench_station_shop(), packbench_station_locations(),
  packbench_station_ids() FROM PUBLIC;
GRANT EXECUTE ON FUNCTION packbench_is_station_login(), packbench_station_shop(), packbench_station_locations(),
  packbench_station_ids() TO packbench_station, packbench_hub;

-- PBKDF2-HMAC-SHA256 as core/packing/pinhash.cpp writes it ("pbkdf2-sha256$N$salt$hash"), so PINs set
-- before this migration keep working; each is replaced by bcrypt the first time it is entered correctly.
CREATE FUNCTION packbench_pbkdf2_matches(p_pin text, p_stored text) RETURNS boolean
  LANGUAGE plpgsql IMMUTABLE SET search_path = public, pg_temp AS $$
DECLARE
  parts text[] := string_to_array(p_stored, '$');
  iterations integer;
  salt bytea;
  expected bytea;
  pw bytea := convert_to(p_pin, 'UTF8');
  u bytea;
  t bit(256);
BEGIN
  IF cardinality(parts) <> 4 OR parts[1] <> 'pbkdf2-sha256' OR parts[2] !~ '^[0-9]{1,8}$' THEN
    RETURN false;
  END IF;
  iterations := parts[2]::integer;
  salt := decode(parts[3], 'base64');
  expected := decode(parts[4], 'base64');
  IF iterations < 1 OR iterations > 10000000 OR length(expected) <> 32 THEN
    RETURN false;
  END IF;
  u := hmac(salt || '\x00000001'::bytea, pw, 'sha256');
  t := ('x' || encode(u, 'hex'))::bit(256);
  FOR i IN 2..iterations LOOP
    u := hmac(u, pw, 'sha256');
    t := t # ('x' || encode(u, 'hex'))::bit(256);
  END LOOP;
  RETURN t = ('x' || encode(expected, 'hex'))::bit(256);
END $$;
REVOKE ALL ON FUNCTION packbench_pbkdf2_matches(text, text) FROM PUBLIC;

-- Badge + PIN, checked here so that no station ever reads a hash. Five wrong PINs in a row lock the badge for
-- 30 s, doubling with every further failure up to an hour; every failure and every locked attempt is audited.
-- Never raises for a wrong PIN (the count must survive): answers 'ok', 'refused' or 'locked' (+ seconds left).
CREATE FUNCTION packbench_check_pin(p_badge text, p_pin text, p_purpose text, p_station bigint,
                                    OUT outcome text, OUT packer_id bigint, OUT retry_after integer)
  LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE
  p packers%ROWTYPE;
  a pin_attempts%ROWTYPE;
  good boolean := false;
  station bigint := p_station;
  lock_seconds integer;
BEGIN
  IF p_purpose NOT IN ('sign_in', 'lead_approval') THEN
    RAISE EXCEPTION 'unknown purpose' USING ERRCODE = '22023';
  END IF;
  IF packbench_is_station_login() AND NOT (p_station = ANY (packbench_station_ids())) THEN
    station := NULL; -- a station names only its own rows in the audit
  END IF;
  SELECT * INTO p FROM packers WHERE badge_id = btrim(p_badge);
  IF FOUND THEN
    INSERT INTO pin_attempts (packer_id) VALUES (p.id) ON CONFLICT ON CONSTRAINT pin_attempts_pkey DO NOTHING;
    SELECT * INTO a FROM pin_attempts WHERE pin_attempts.packer_id = p.id FOR UPDATE;
    IF a.locked_until > clock_timestamp() THEN
      outcome := 'locked';
      retry_after := ceil(extract(epoch FROM a.locked_until - clock_timestamp()))::integer;
      INSERT INTO audit_log (actor_kind, actor_id, station_id, action, subject_kind, subject_id, details)
      VALUES ('station', session_user, station, 'pin.locked_out', 'packer', p.id::text,
              jsonb_build_object('purpose', p_purpose, 'retry_after', retry_after));
      RETURN;
    END IF;
  END IF;
  IF p.pin_hash LIKE '$2%' THEN
    good := crypt(COALESCE(p_pin, ''), p.pin_hash) = p.pin_hash;
  ELSIF p.pin_hash LIKE 'pbkdf2-sha256$%' THEN
    good := packbench_pbkdf2_matches(COALESCE(p_pin, ''), p.pin_hash);
  ELSE
    -- Unknown badge or no PIN: spend the same time as a real check so timing does not tell badges apart.
    PERFORM crypt(COALESCE(p_pin, ''), '$2a$10$0123456789012345678901');
  END IF;
  good := good AND p.active AND COALESCE(p_pin, '') <> '';
  IF good THEN
    IF p.pin_hash NOT LIKE '$2%' THEN
      UPDATE packers SET pin_hash = crypt(p_pin, gen_salt('bf', 10)) WHERE id = p.id;
    END IF;
    UPDATE pin_attempts SET failures = 0, locked_until = NULL WHERE pin_attempts.packer_id = p.id;
    IF p_purpose = 'lead_approval' AND p.role NOT IN ('lead', 'admin') THEN
      outcome := 'refused';
      INSERT INTO audit_log (actor_kind, actor_id, station_id, action, subject_kind, subject_id, details)
      VALUES ('station', session_user, station, 'approval.not_a_lead', 'packer', p.id::text, '{}'::jsonb);
      RETURN;
    END IF;
    outcome := 'ok';
    packer_id := p.id;
    RETURN;
  END IF;
  outcome := 'refused';
  IF p.id IS NOT NULL THEN
    UPDATE pin_attempts SET failures = failures + 1, last_failure_at = clock_timestamp()
      WHERE pin_attempts.packer_id = p.id RETURNING * INTO a;
    IF a.failures >= 5 THEN
      lock_seconds := least(30 * power(2, least(a.failures - 5, 7))::integer, 3600);
      UPDATE pin_attempts SET locked_until = clock_timestamp() + make_interval(secs => lock_seconds)
        WHERE pin_attempts.packer_id = p.id;
      retry_after := lock_seconds;
    END IF;
  END IF;
  INSERT INTO audit_log (actor_kind, actor_id, station_id, action, subject_kind, subject_id, details)
  VALUES ('station', session_user, station, 'pin.failed', 'packer', COALESCE(p.id::text, 'unknown'),
          jsonb_build_object('purpose', p_purpose, 'failures', a.failures, 'locked_seconds', lock_seconds));
END $$;

-- Sign-in: the packer's id, or why not.
CREATE FUNCTION packbench_sign_in(p_badge text, p_pin text, p_station bigint,
                                  OUT outcome text, OUT packer_id bigint, OUT retry_after integer)
  LANGUAGE sql SECURITY DEFINER SET search_path = public, pg_temp AS $$
  SELECT * FROM packbench_check_pin(p_badge, p_pin, 'sign_in', p_station)
$$;

-- A lead's approval: a single-use token, valid for two minutes, for this login only.
CREATE FUNCTION packbench_approve_as_lead(p_badge text, p_pin text, p_station bigint,
                                          OUT outcome text, OUT packer_id bigint, OUT retry_after integer,
                                          OUT token uuid)
  LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
BEGIN
  SELECT c.outcome, c.packer_id, c.retry_after INTO outcome, packer_id, retry_after
    FROM packbench_check_pin(p_badge, p_pin, 'lead_approval', p_station) c;
  IF outcome = 'ok' THEN
    INSERT INTO lead_approvals (lead_id, login, station_id, expires_at)
    VALUES (packer_id, session_user,
            CASE WHEN p_station = ANY (packbench_station_ids()) OR NOT packbench_is_station_login() THEN p_station END,
            clock_timestamp() + interval '2 minutes')
    RETURNING lead_approvals.token INTO token;
  END IF;
END $$;

-- Consumes an approval (inside the approving function's transaction); the lead's packer id, or raises.
CREATE FUNCTION packbench_use_approval(p_token uuid) RETURNS bigint
  LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE
  lead bigint;
BEGIN
  UPDATE lead_approvals a SET used_at = clock_timestamp()
    FROM packers p
   WHERE a.token = p_token AND a.used_at IS NULL AND a.expires_at > clock_timestamp() AND a.login = session_user
     AND p.id = a.lead_id AND p.active AND p.role IN ('lead', 'admin')
  RETURNING a.lead_id INTO lead;
  IF lead IS NULL THEN
    RAISE EXCEPTION 'a lead''s badge and PIN are needed (the approval is missing, used or expired)'
      USING ERRCODE = '42501';
  END IF;
  RETURN lead;
END $$;

REVOKE ALL ON FUNCTION packbench_check_pin(text, text, text, bigint), packbench_sign_in(text, text, bigint),
  packbench_approve_as_lead(text, text, bigint), packbench_use_approval(uuid) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION packbench_sign_in(text, text, bigint), packbench_approve_as_lead(text, text, bigint)
  TO packbench_station, packbench_hub;
