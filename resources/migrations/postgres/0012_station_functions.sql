-- SPDX-FileCopyrightText: 2026 Packbench contributors
-- SPDX-License-Identifier: GPL-3.0-or-later
-- The only way a station changes state (issue #12): SECURITY DEFINER functions that check the calling login's
-- mapping (0011), the claim, the lease and the scans. The SQLite twin of this logic is the C++ in core/queue and
-- core/packing, chosen there by driver. Errors carry their own SQLSTATEs (class PB) that core/db maps to an
-- ErrorKind: PBC.. Conflict, PBN.. NotFound, PBI.. InvalidInput; 42501 Permission.
-- Times: a station login always runs on the server's clock; trusted callers (hub, owner, tests) may pass theirs.

CREATE FUNCTION packbench_effective_now(p_now timestamptz) RETURNS timestamptz
  LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
  SELECT CASE WHEN packbench_is_station_login() OR p_now IS NULL THEN statement_timestamp() ELSE p_now END
$$;

-- A lease a station asks for is kept between 10 s and an hour.
CREATE FUNCTION packbench_lease(p_seconds integer) RETURNS interval
  LANGUAGE sql IMMUTABLE AS $$
  SELECT make_interval(secs => greatest(10, least(COALESCE(p_seconds, 120), 3600)))
$$;

-- Refuses a station login acting as a station row it did not register.
CREATE FUNCTION packbench_require_station(p_station bigint) RETURNS void
  LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
BEGIN
  IF packbench_is_station_login() AND NOT (COALESCE(p_station, 0) = ANY (packbench_station_ids())) THEN
    RAISE EXCEPTION 'station % is not registered by this login', p_station USING ERRCODE = '42501';
  END IF;
END $$;

-- Locks the fulfillment order and answers (state, hold reason, version); NotFound for one the caller may not see.
CREATE FUNCTION packbench_lock_order(p_fo bigint, OUT state text, OUT hold_reason text, OUT version integer)
  LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
BEGIN
  SELECT f.pack_state, f.hold_reason, f.version INTO state, hold_reason, version FROM fulfillment_orders f
   WHERE f.id = p_fo
     AND (NOT packbench_is_station_login() OR f.location_id = ANY (packbench_station_locations()))
     FOR UPDATE;
  IF NOT FOUND THEN
    RAISE EXCEPTION 'No such order in the queue.' USING ERRCODE = 'PBN01';
  END IF;
END $$;

-- The open claim p_claim of p_station on p_fo with a lease still running, locked; Conflict otherwise.
-- A station login always needs one; a trusted login passing no claim gets NULL.
CREATE FUNCTION packbench_own_claim(p_claim bigint, p_station bigint, p_fo bigint, p_now timestamptz)
  RETURNS claims LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE
  c claims;
BEGIN
  PERFORM packbench_require_station(p_station);
  IF p_claim IS NULL AND NOT packbench_is_station_login() THEN
    RETURN NULL; -- a trusted login (hub, tools, tests) may record work outside a claim, as SQLite does
  END IF;
  SELECT * INTO c FROM claims
   WHERE id = p_claim AND station_id = p_station AND fulfillment_order_id = p_fo AND released_at IS NULL
     AND (NOT packbench_is_station_login() OR expires_at > p_now)
     FOR UPDATE;
  IF NOT FOUND THEN
    RAISE EXCEPTION 'The lease on this order was lost; it went back to the queue.' USING ERRCODE = 'PBC01';
  END IF;
  RETURN c;
END $$;

CREATE FUNCTION packbench_audit(p_now timestamptz, p_station bigint, p_packer bigint, p_action text, p_fo bigint,
                                p_details jsonb) RETURNS void
  LANGUAGE sql SECURITY DEFINER SET search_path = public, pg_temp AS $$
  INSERT INTO audit_log (at, actor_kind, actor_id, station_id, action, subject_kind, subject_id, details)
  VALUES (p_now,
          CASE WHEN p_packer IS NOT NULL THEN 'packer' WHEN p_station IS NOT NULL THEN 'station' ELSE 'system' END,
          COALESCE(p_packer, p_station)::text, p_station, p_action, 'fulfillment_order', p_fo::text,
          p_details || CASE WHEN packbench_is_station_login() THEN jsonb_build_object('login', session_user::text)
                            ELSE '{}'::jsonb END)
$$;

CREATE FUNCTION packbench_open_claim(p_now timestamptz, p_station bigint, p_packer bigint, p_fo bigint,
                                     p_lease integer, p_action text, p_details jsonb,
                                     OUT claim_id bigint, OUT fulfillment_order_id bigint, OUT version integer,
                                     OUT expires_at timestamptz)
  LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
BEGIN
  UPDATE fulfillment_orders f SET pack_state = 'claimed', updated_at = p_now WHERE f.id = p_fo
    RETURNING f.version INTO version;
  expires_at := p_now + packbench_lease(p_lease);
  INSERT INTO claims (fulfillment_order_id, station_id, packer_id, claimed_at, heartbeat_at, expires_at)
  VALUES (p_fo, p_station, p_packer, p_now, p_now, packbench_open_claim.expires_at) RETURNING id INTO claim_id;
  fulfillment_order_id := p_fo;
  PERFORM packbench_audit(p_now, p_station, p_packer, p_action, p_fo, p_details || jsonb_build_object('claim_id', claim_id));
END $$;

-- The next queued order at one of the login's locations (priority DESC, ship_by, id); no row when none is free.
CREATE FUNCTION packbench_claim_next(p_station bigint, p_location bigint, p_packer bigint, p_lease integer,
                                     p_now timestamptz)
  RETURNS TABLE (claim_id bigint, fulfillment_order_id bigint, version integer, expires_at timestamptz)
  LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE
  now_ timestamptz := packbench_effective_now(p_now);
  next_id bigint;
BEGIN
  PERFORM packbench_require_station(p_station);
  IF packbench_is_station_login() AND NOT COALESCE(p_location = ANY (packbench_station_locations()), false) THEN
    RAISE EXCEPTION 'location % is not one of this login''s locations', p_location USING ERRCODE = '42501';
  END IF;
  SELECT f.id INTO next_id FROM fulfillment_orders f WHERE f.location_id = p_location AND f.pack_state = 'queued'
   ORDER BY f.priority DESC, f.ship_by NULLS LAST, f.id LIMIT 1 FOR UPDATE SKIP LOCKED;
  IF next_id IS NULL THEN
    RETURN;
  END IF;
  RETURN QUERY SELECT * FROM packbench_open_claim(now_, p_station, p_packer, next_id, p_lease, 'claim', '{}'::jsonb);
END $$;

-- Claims one order (a scanned slip), resumes this station's own claim on it, replaces another station's expired
-- claim, or with a lead's approval (packbench_approve_as_lead) takes it over from a live one.
CREATE FUNCTION packbench_claim_order(p_station bigint, p_fo bigint, p_packer bigint, p_lease integer,
                                      p_approval uuid, p_now timestamptz)
  RETURNS TABLE (claim_id bigint, fulfillment_order_id bigint, version integer, expires_at timestamptz)
  LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE
  now_ timestamptz := packbench_effective_now(p_now);
  o record;
  held claims;
  lead bigint;
  expired boolean;
BEGIN
  PERFORM packbench_require_station(p_station);
  SELECT * INTO o FROM packbench_lock_order(p_fo);
  IF p_approval IS NOT NULL THEN
    lead := packbench_use_approval(p_approval);
  END IF;
  IF o.state = 'queued' THEN
    RETURN QUERY SELECT * FROM packbench_open_claim(now_, p_station, p_packer, p_fo, p_lease, 'claim_specific',
                                                    '{}'::jsonb);
    RETURN;
  ELSIF o.state = 'held' THEN
    RAISE EXCEPTION 'This order is on hold: %', o.hold_reason USING ERRCODE = 'PBC03';
  ELSIF o.state = 'packed' THEN
    RAISE EXCEPTION 'This order is already packed.' USING ERRCODE = 'PBC04';
  ELSIF o.state <> 'claimed' THEN
    RAISE EXCEPTION 'This order was cancelled.' USING ERRCODE = 'PBC05';
  END IF;
  SELECT * INTO held FROM claims c WHERE c.fulfillment_order_id = p_fo AND c.released_at IS NULL FOR UPDATE;
  IF NOT FOUND THEN -- claimed with no open claim: only a hand-edited row; claim it afresh
    RETURN QUERY SELECT * FROM packbench_open_claim(now_, p_station, p_packer, p_fo, p_lease, 'claim_specific',
                                                    '{}'::jsonb);
    RETURN;
  END IF;
  IF held.station_id = p_station THEN -- this station already holds it: resume the lease and its scans
    UPDATE claims c SET heartbeat_at = now_, expires_at = now_ + packbench_lease(p_lease) WHERE c.id = held.id;
    RETURN QUERY SELECT held.id, p_fo, o.version, now_ + packbench_lease(p_lease);
    RETURN;
  END IF;
  expired := held.expires_at <= now_;
  IF NOT expired AND lead IS NULL THEN
    RAISE EXCEPTION 'This order is being packed at another station.' USING ERRCODE = 'PBC02';
  END IF;
  -- The other attempt ends here; its scans stay in scan_events under its own claim id.
  UPDATE claims c SET released_at = now_, release_reason = CASE WHEN expired THEN 'expired' ELSE 'released' END
   WHERE c.id = held.id;
  RETURN QUERY SELECT * FROM packbench_open_claim(
    now_, p_station, p_packer, p_fo, p_lease,
    CASE WHEN expired AND lead IS NULL THEN 'claim_after_expiry' ELSE 'take_over' END,
    jsonb_build_object('previous_claim_id', held.id, 'previous_station_id', held.station_id)
      || CASE WHEN lead IS NULL THEN '{}'::jsonb ELSE jsonb_build_object('approved_by_packer_id', lead) END);
END $$;

CREATE FUNCTION packbench_heartbeat(p_claim bigint, p_station bigint, p_lease integer, p_now timestamptz)
  RETURNS timestamptz LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE
  now_ timestamptz := packbench_effective_now(p_now);
  expires timestamptz := now_ + packbench_lease(p_lease);
BEGIN
  PERFORM packbench_require_station(p_station);
  UPDATE claims SET heartbeat_at = now_, expires_at = expires
   WHERE id = p_claim AND station_id = p_station AND released_at IS NULL;
  IF NOT FOUND THEN
    RAISE EXCEPTION 'The lease on this order was lost; it went back to the queue.' USING ERRCODE = 'PBC01';
  END IF;
  RETURN expires;
END $$;

-- Ends this station's attempt: back to the queue ('released') or on hold ('held', with a reason).
CREATE FUNCTION packbench_release(p_claim bigint, p_station bigint, p_fo bigint, p_hold_reason text,
                                  p_packer bigint, p_now timestamptz)
  RETURNS void LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE
  now_ timestamptz := packbench_effective_now(p_now);
  holding boolean := p_hold_reason IS NOT NULL;
BEGIN
  IF holding AND btrim(p_hold_reason) = '' THEN
    RAISE EXCEPTION 'A hold needs a reason.' USING ERRCODE = 'PBI01';
  END IF;
  -- Releasing needs the claim, not a running lease: a bench that lost its lease may still give it back.
  PERFORM packbench_require_station(p_station);
  UPDATE claims SET released_at = now_, release_reason = CASE WHEN holding THEN 'held' ELSE 'released' END
   WHERE id = p_claim AND station_id = p_station AND fulfillment_order_id = p_fo AND released_at IS NULL;
  IF NOT FOUND THEN
    RAISE EXCEPTION 'The lease on this order was lost; it went back to the queue.' USING ERRCODE = 'PBC01';
  END IF;
  IF holding THEN
    UPDATE fulfillment_orders SET pack_state = 'held', hold_reason = btrim(p_hold_reason), updated_at = now_
     WHERE id = p_fo AND pack_state = 'claimed';
    PERFORM packbench_audit(now_, p_station, p_packer, 'hold', p_fo,
                            jsonb_build_object('claim_id', p_claim, 'reason', btrim(p_hold_reason)));
  ELSE
    UPDATE fulfillment_orders SET pack_state = 'queued', updated_at = now_ WHERE id = p_fo AND pack_state = 'claimed';
    PERFORM packbench_audit(now_, p_station, NULL, 'release', p_fo, jsonb_build_object('claim_id', p_claim));
  END IF;
END $$;

-- A held order back to the queue. A station needs a lead's approval; trusted callers name the packer.
CREATE FUNCTION packbench_unhold(p_fo bigint, p_station bigint, p_packer bigint, p_approval uuid,
                                 p_now timestamptz)
  RETURNS void LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE
  now_ timestamptz := packbench_effective_now(p_now);
  o record;
  lead bigint := p_packer;
BEGIN
  IF p_station IS NOT NULL OR packbench_is_station_login() THEN
    PERFORM packbench_require_station(p_station);
  END IF;
  SELECT * INTO o FROM packbench_lock_order(p_fo);
  IF p_approval IS NOT NULL OR packbench_is_station_login() THEN
    lead := packbench_use_approval(p_approval);
  END IF;
  IF o.state <> 'held' THEN
    RAISE EXCEPTION 'This order is not on hold.' USING ERRCODE = 'PBC11';
  END IF;
  UPDATE fulfillment_orders SET pack_state = 'queued', hold_reason = NULL, updated_at = now_ WHERE id = p_fo;
  PERFORM packbench_audit(now_, p_station, lead, 'unhold', p_fo, '{}'::jsonb);
END $$;

-- Records one scan under this station's live claim. 'ok' must be a barcode of the line's item and never more
-- than the line asks for; 'manual' needs a lead's approval (recorded as approved_by). Unique client_event_id:
-- a replayed event is a unique violation (Conflict), so nothing counts twice.
CREATE FUNCTION packbench_record_scan(p_event uuid, p_fo bigint, p_claim bigint, p_line bigint, p_station bigint,
                                      p_packer bigint, p_raw text, p_normalized text, p_symbology text,
                                      p_outcome text, p_quantity integer, p_box integer, p_reason text,
                                      p_approval uuid, p_now timestamptz)
  RETURNS void LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE
  now_ timestamptz := packbench_effective_now(p_now);
  line fulfillment_order_lines%ROWTYPE;
  counted integer;
  approver bigint;
BEGIN
  PERFORM packbench_own_claim(p_claim, p_station, p_fo, now_);
  IF p_outcome NOT IN ('ok', 'wrong_item', 'unknown', 'over_scan', 'manual', 'acknowledged', 'command') THEN
    RAISE EXCEPTION 'unknown scan outcome' USING ERRCODE = 'PBI02';
  END IF;
  IF p_line IS NOT NULL THEN
    SELECT * INTO line FROM fulfillment_order_lines l WHERE l.id = p_line AND l.fulfillment_order_id = p_fo;
    IF NOT FOUND THEN
      RAISE EXCEPTION 'line % is not on this order', p_line USING ERRCODE = 'PBI02';
    END IF;
  END IF;
  IF p_outcome IN ('ok', 'manual') THEN
    IF p_line IS NULL OR COALESCE(p_quantity, 0) < 1 THEN
      RAISE EXCEPTION 'a counted scan needs a line and a quantity' USING ERRCODE = 'PBI02';
    END IF;
    SELECT COALESCE(sum(quantity), 0) INTO counted FROM scan_events
     WHERE claim_id = p_claim AND line_id = p_line AND outcome IN ('ok', 'manual');
    IF counted + p_quantity > line.remaining_quantity THEN
      RAISE EXCEPTION 'more items than the line asks for' USING ERRCODE = 'PBC10';
    END IF;
  END IF;
  -- An accepted scan is a code of the line's item: one of its barcodes, or its SKU.
  -- (NULL-safe: an unknown SKU must refuse the scan, not let it through.)
  IF p_outcome = 'ok' AND NOT (
       EXISTS (SELECT 1 FROM barcodes b WHERE b.variant_id = line.variant_id
                  AND (b.normalized IN (p_normalized, p_raw) OR b.code IN (p_normalized, p_raw)))
       OR COALESCE(line.sku IN (p_normalized, p_raw), false)
       OR EXISTS (SELECT 1 FROM variants v WHERE v.id = line.variant_id AND v.sku IN (p_normalized, p_raw))) THEN
    RAISE EXCEPTION 'that barcode is not this line''s item' USING ERRCODE = 'PBI02';
  END IF;
  IF p_outcome = 'manual' AND (p_approval IS NOT NULL OR packbench_is_station_login()) THEN
    approver := packbench_use_approval(p_approval);
  END IF;
  INSERT INTO scan_events (client_event_id, fulfillment_order_id, claim_id, line_id, station_id, packer_id, raw_code,
                           normalized_code, symbology, outcome, quantity, box_no, reason, approved_by, scanned_at)
  VALUES (p_event, p_fo, p_claim, p_line, p_station, p_packer, COALESCE(p_raw, ''), p_normalized, p_symbology,
          p_outcome, COALESCE(p_quantity, 1), COALESCE(p_box, 1), p_reason, approver, now_);
END $$;

-- The box rows of this claim's order (next box, complete); existing boxes are kept.
CREATE FUNCTION packbench_open_box(p_claim bigint, p_station bigint, p_fo bigint, p_box integer, p_now timestamptz)
  RETURNS void LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
BEGIN
  PERFORM packbench_own_claim(p_claim, p_station, p_fo, packbench_effective_now(p_now));
  IF p_box IS NULL OR p_box < 1 OR p_box > 999 THEN
    RAISE EXCEPTION 'box number out of range' USING ERRCODE = 'PBI02';
  END IF;
  INSERT INTO packages (fulfillment_order_id, box_no) VALUES (p_fo, p_box)
    ON CONFLICT (fulfillment_order_id, box_no) DO NOTHING;
END $$;

-- A carrier's tracking number for one box of the order this station holds. Never a URL: the hub derives it.
CREATE FUNCTION packbench_attach_tracking(p_claim bigint, p_station bigint, p_fo bigint, p_box integer,
                                          p_carrier text, p_tracking_number text, p_now timestamptz)
  RETURNS void LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE
  now_ timestamptz := packbench_effective_now(p_now);
BEGIN
  PERFORM packbench_own_claim(p_claim, p_station, p_fo, now_);
  IF COALESCE(p_tracking_number, '') !~ '^[A-Za-z0-9]{6,40}$' OR COALESCE(p_carrier, '') !~ '^[A-Za-z0-9 _.-]{0,40}$'
     OR COALESCE(p_box, 0) NOT BETWEEN 1 AND 999 THEN
    RAISE EXCEPTION 'not a tracking number' USING ERRCODE = 'PBI03';
  END IF;
  INSERT INTO packages (fulfillment_order_id, box_no, carrier, tracking_number) VALUES (p_fo, p_box, p_carrier,
                                                                                         p_tracking_number)
    ON CONFLICT (fulfillment_order_id, box_no)
    DO UPDATE SET carrier = EXCLUDED.carrier, tracking_number = EXCLUDED.tracking_number;
  PERFORM packbench_audit(now_, p_station, NULL, 'tracking.attached', p_fo,
                          jsonb_build_object('claim_id', p_claim, 'box_no', p_box));
END $$;

-- Finishes a pack: closes the claim, marks the order packed and writes the fulfillment to the outbox with the
-- quantities this claim verified (counted here from scan_events, never taken from the station). Answers the
-- outbox idempotency key. Payload as core/packing/leasedqueueworkflow.h describes it.
CREATE FUNCTION packbench_complete(p_claim bigint, p_station bigint, p_fo bigint, p_version integer,
                                   p_partial boolean, p_now timestamptz)
  RETURNS text LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE
  now_ timestamptz := packbench_effective_now(p_now);
  o record;
  complete boolean;
  too_many boolean;
  lines jsonb;
  idem_key text := 'fulfillment.create:' || p_fo;
BEGIN
  PERFORM packbench_own_claim(p_claim, p_station, p_fo, now_);
  SELECT * INTO o FROM packbench_lock_order(p_fo);
  IF o.state <> 'claimed' THEN
    RAISE EXCEPTION 'This order changed while it was being packed.' USING ERRCODE = 'PBC06';
  END IF;
  IF o.version IS DISTINCT FROM p_version THEN
    RAISE EXCEPTION 'This order was edited after it was opened for packing.' USING ERRCODE = 'PBC07';
  END IF;
  SELECT bool_and(COALESCE(v.n, 0) = l.remaining_quantity), bool_or(COALESCE(v.n, 0) > l.remaining_quantity),
         COALESCE(jsonb_agg(jsonb_build_object('line_id', l.id, 'quantity', v.n) ORDER BY l.id)
                    FILTER (WHERE v.n > 0), '[]'::jsonb)
    INTO complete, too_many, lines
    FROM fulfillment_order_lines l
    LEFT JOIN (SELECT line_id, sum(quantity)::integer AS n FROM scan_events
                WHERE claim_id = p_claim AND outcome IN ('ok', 'manual') AND line_id IS NOT NULL
                GROUP BY line_id) v ON v.line_id = l.id
   WHERE l.fulfillment_order_id = p_fo;
  IF too_many THEN
    RAISE EXCEPTION 'More items were verified than the order now asks for.' USING ERRCODE = 'PBC10';
  END IF;
  IF NOT COALESCE(p_partial, false) AND NOT COALESCE(complete, false) THEN
    RAISE EXCEPTION 'Not every item was verified in this pack attempt.' USING ERRCODE = 'PBC08';
  END IF;
  IF jsonb_array_length(lines) = 0 THEN
    RAISE EXCEPTION 'Nothing was verified in this pack attempt.' USING ERRCODE = 'PBC09';
  END IF;
  UPDATE claims SET released_at = now_, release_reason = 'completed' WHERE id = p_claim;
  UPDATE fulfillment_orders SET pack_state = 'packed', updated_at = now_ WHERE id = p_fo;
  PERFORM packbench_audit(now_, p_station, NULL, 'packed', p_fo,
                          jsonb_build_object('claim_id', p_claim, 'version', p_version));
  INSERT INTO outbox (shop_id, kind, aggregate_id, idempotency_key, payload)
  SELECT ord.shop_id, 'fulfillment.create', p_fo::text, idem_key,
         jsonb_build_object('fulfillment_order_id', p_fo, 'notify_customer', true, 'partial', COALESCE(p_partial, false),
                            'claim_id', p_claim, 'version', p_version, 'lines', lines)
    FROM fulfillment_orders f JOIN orders ord ON ord.id = f.order_id WHERE f.id = p_fo;
  PERFORM packbench_audit(now_, p_station, NULL, 'fulfillment.enqueued', p_fo,
                          jsonb_build_object('claim_id', p_claim, 'idempotency_key', idem_key,
                                             'partial', COALESCE(p_partial, false), 'version', p_version));
  RETURN idem_key;
END $$;

-- Expired leases back to the queue exactly once; a station login reaps only at its own locations.
CREATE FUNCTION packbench_reap_expired(p_now timestamptz) RETURNS integer
  LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE
  now_ timestamptz := packbench_effective_now(p_now);
  c record;
  reaped integer := 0;
BEGIN
  FOR c IN SELECT cl.id, cl.fulfillment_order_id, cl.station_id FROM claims cl
             JOIN fulfillment_orders f ON f.id = cl.fulfillment_order_id
            WHERE cl.released_at IS NULL AND cl.expires_at <= now_
              AND (NOT packbench_is_station_login() OR f.location_id = ANY (packbench_station_locations()))
            ORDER BY cl.id FOR UPDATE OF cl SKIP LOCKED LOOP
    UPDATE claims SET released_at = now_, release_reason = 'expired' WHERE id = c.id;
    UPDATE fulfillment_orders SET pack_state = 'queued', updated_at = now_
     WHERE id = c.fulfillment_order_id AND pack_state = 'claimed';
    PERFORM packbench_audit(now_, NULL, NULL, 'lease_expired', c.fulfillment_order_id,
                            jsonb_build_object('claim_id', c.id, 'station_id', c.station_id));
    reaped := reaped + 1;
  END LOOP;
  RETURN reaped;
END $$;

-- Registers (or re-registers) one station installation under the calling login; answers its id. A station login
-- may only take a row it registered itself or a legacy row nobody owns, at one of its own locations.
CREATE FUNCTION packbench_register_station(p_install_id text, p_name text, p_location bigint) RETURNS bigint
  LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE
  restricted boolean := packbench_is_station_login();
  id_ bigint;
  owner_ name;
BEGIN
  IF btrim(COALESCE(p_name, '')) = '' OR btrim(COALESCE(p_install_id, '')) = '' THEN
    RAISE EXCEPTION 'station name and installation id are required' USING ERRCODE = 'PBI04';
  END IF;
  IF restricted AND p_location IS NOT NULL AND NOT (p_location = ANY (packbench_station_locations())) THEN
    RAISE EXCEPTION 'location % is not one of this login''s locations', p_location USING ERRCODE = '42501';
  END IF;
  SELECT id, login INTO id_, owner_ FROM stations WHERE install_id = p_install_id FOR UPDATE;
  IF NOT FOUND THEN
    -- Re-checked on the row itself: of two installations adopting one legacy row at once, one gets it.
    UPDATE stations SET install_id = p_install_id
     WHERE id = (SELECT id FROM stations WHERE name = p_name AND install_id IS NULL
                    AND (NOT restricted OR login IS NULL OR login = session_user) ORDER BY id LIMIT 1)
       AND install_id IS NULL
    RETURNING id, login INTO id_, owner_;
  END IF;
  IF id_ IS NOT NULL AND restricted AND owner_ IS NOT NULL AND owner_ <> session_user THEN
    RAISE EXCEPTION 'this installation is registered by another login' USING ERRCODE = '42501';
  END IF;
  IF id_ IS NULL THEN
    INSERT INTO stations (name, install_id, location_id, login)
    VALUES (p_name, p_install_id, p_location, CASE WHEN restricted THEN session_user END)
    RETURNING id INTO id_;
  ELSE
    UPDATE stations SET name = p_name, location_id = p_location,
                        login = CASE WHEN restricted THEN session_user ELSE login END
     WHERE id = id_;
  END IF;
  RETURN id_;
END $$;

-- Print-job journal. A station journals jobs for orders it can see (or none), and only updates those.
CREATE FUNCTION packbench_print_job_visible(p_job bigint) RETURNS boolean
  LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
  SELECT EXISTS (
    SELECT 1 FROM print_jobs j LEFT JOIN fulfillment_orders f ON f.id = j.fulfillment_order_id
     WHERE j.id = p_job
       AND (NOT packbench_is_station_login()
            OR f.location_id = ANY (packbench_station_locations())
            OR (j.fulfillment_order_id IS NULL AND j.login = session_user)))
$$;

CREATE FUNCTION packbench_print_job_create(p_fo bigint, p_kind text, p_printer text, p_format text, p_payload bytea,
                                           p_reference text) RETURNS bigint
  LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE
  id_ bigint;
BEGIN
  IF p_fo IS NOT NULL THEN
    PERFORM packbench_lock_order(p_fo);
  END IF;
  INSERT INTO print_jobs (fulfillment_order_id, kind, printer, format, status, payload, reference, login)
  VALUES (p_fo, p_kind, p_printer, p_format, 'queued', p_payload, p_reference, session_user) RETURNING id INTO id_;
  RETURN id_;
END $$;

-- Answers false for a job that does not exist (or that the caller may not see).
CREATE FUNCTION packbench_print_job_set_status(p_job bigint, p_status text, p_count_attempt boolean, p_error text)
  RETURNS boolean LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
BEGIN
  IF NOT packbench_print_job_visible(p_job) OR p_status = 'moved' THEN
    RETURN false;
  END IF;
  UPDATE print_jobs SET status = p_status, attempts = attempts + CASE WHEN p_count_attempt THEN 1 ELSE 0 END,
                        last_error = COALESCE(p_error, last_error), updated_at = now(),
                        sent_at = CASE WHEN p_status = 'sent' THEN now() ELSE sent_at END
   WHERE id = p_job;
  RETURN FOUND;
END $$;

CREATE FUNCTION packbench_print_job_moved(p_job bigint, p_new_job bigint) RETURNS boolean
  LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
BEGIN
  IF NOT packbench_print_job_visible(p_job) OR NOT packbench_print_job_visible(p_new_job) THEN
    RETURN false;
  END IF;
  UPDATE print_jobs SET status = 'moved', moved_to_job_id = p_new_job, updated_at = now() WHERE id = p_job;
  RETURN FOUND;
END $$;

DO $$
DECLARE
  f text;
BEGIN
  FOREACH f IN ARRAY ARRAY[
      'packbench_effective_now(timestamptz)', 'packbench_require_station(bigint)', 'packbench_lock_order(bigint)',
      'packbench_own_claim(bigint, bigint, bigint, timestamptz)',
      'packbench_audit(timestamptz, bigint, bigint, text, bigint, jsonb)',
      'packbench_open_claim(timestamptz, bigint, bigint, bigint, integer, text, jsonb)',
      'packbench_print_job_visible(bigint)'] LOOP
    EXECUTE format('REVOKE ALL ON FUNCTION %s FROM PUBLIC', f);
  END LOOP;
  FOREACH f IN ARRAY ARRAY[
      'packbench_claim_next(bigint, bigint, bigint, integer, timestamptz)',
      'packbench_claim_order(bigint, bigint, bigint, integer, uuid, timestamptz)',
      'packbench_heartbeat(bigint, bigint, integer, timestamptz)',
      'packbench_release(bigint, bigint, bigint, text, bigint, timestamptz)',
      'packbench_unhold(bigint, bigint, bigint, uuid, timestamptz)',
      'packbench_record_scan(uuid, bigint, bigint, bigint, bigint, bigint, text, text, text, text, integer, integer, '
        'text, uuid, timestamptz)',
      'packbench_open_box(bigint, bigint, bigint, integer, timestamptz)',
      'packbench_attach_tracking(bigint, bigint, bigint, integer, text, text, timestamptz)',
      'packbench_complete(bigint, bigint, bigint, integer, boolean, timestamptz)',
      'packbench_reap_expired(timestamptz)', 'packbench_register_station(text, text, bigint)',
      'packbench_print_job_create(bigint, text, text, text, bytea, text)',
      'packbench_print_job_set_status(bigint, text, boolean, text)', 'packbench_print_job_moved(bigint, bigint)'] LOOP
    EXECUTE format('REVOKE ALL ON FUNCTION %s FROM PUBLIC', f);
    EXECUTE format('GRANT EXECUTE ON FUNCTION %s TO packbench_station, packbench_hub', f);
  END LOOP;
END $$;
