-- SPDX-FileCopyrightText: 2026 Packbench contributors
-- SPDX-License-Identifier: GPL-3.0-or-later
-- A station login may attribute work only to a packer signed in at that bench (issue #12). Until now the station
-- functions of 0012 took a packer id from the station, so a station login could claim, scan and complete as any
-- packer without that packer's PIN. Now packbench_sign_in (badge + PIN) opens a sign-in session bound to the
-- calling login (and bench), and answers an opaque random token; only its SHA-256 is stored and no station can read
-- the table. Every function that does work at a bench takes the token and derives the packer from it; a station
-- login is refused without a live one. Lead approvals are unchanged (badge + PIN, single use, 0011).
-- Refusals: PBS01 no sign-in, PBS02 unknown to this login, PBS03 ended (signed out, or another packer signed in at
-- the bench), PBS04 expired (idle too long), PBS05 the packer was deactivated; 42501 another packer's id or bench.

CREATE TABLE sign_in_sessions (
  id            bigserial PRIMARY KEY,
  token_sha256  bytea NOT NULL UNIQUE CHECK (length(token_sha256) = 32),
  login         name NOT NULL,
  packer_id     bigint NOT NULL REFERENCES packers(id),
  station_id    bigint REFERENCES stations(id), -- NULL: not bound to one bench of the login
  signed_in_at  timestamptz NOT NULL DEFAULT clock_timestamp(),
  last_used_at  timestamptz NOT NULL DEFAULT clock_timestamp(),
  ended_at      timestamptz,
  end_reason    text CHECK (end_reason IN ('signed_out', 'replaced')),
  CHECK ((ended_at IS NULL) = (end_reason IS NULL))
);
CREATE INDEX sign_in_sessions_open_at_bench ON sign_in_sessions (login, station_id) WHERE ended_at IS NULL;

-- How long a sign-in lasts without work (a claim, a scan, a box, a finish …); then the packer signs in again.
-- The constant to change: the schema owner may CREATE OR REPLACE this function (e.g. a later migration).
CREATE FUNCTION packbench_sign_in_idle_limit() RETURNS interval
  LANGUAGE sql STABLE AS $$
  SELECT interval '12 hours'
$$;

-- The packer a sign-in token stands for at this bench, checked and marked as used; raises when there is none.
-- A trusted login (hub, tools, tests) passing no token names the packer itself, as before this migration.
CREATE FUNCTION packbench_signed_in_packer(p_sign_in text, p_station bigint, p_packer bigint) RETURNS bigint
  LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE
  s sign_in_sessions%ROWTYPE;
  still_active boolean;
BEGIN
  IF COALESCE(p_sign_in, '') = '' THEN
    IF packbench_is_station_login() THEN
      RAISE EXCEPTION 'No packer is signed in at this bench.' USING ERRCODE = 'PBS01';
    END IF;
    RETURN p_packer;
  END IF;
  -- Marked as used in the same statement: the row stays locked until the work commits, so a sign-out waits.
  UPDATE sign_in_sessions SET last_used_at = clock_timestamp()
   WHERE token_sha256 = digest(p_sign_in, 'sha256') AND login = session_user AND ended_at IS NULL
     AND last_used_at > clock_timestamp() - packbench_sign_in_idle_limit()
  RETURNING * INTO s;
  IF NOT FOUND THEN
    SELECT * INTO s FROM sign_in_sessions WHERE token_sha256 = digest(p_sign_in, 'sha256') AND login = session_user;
    IF NOT FOUND THEN -- another login's token is as unknown here as a made-up one
      RAISE EXCEPTION 'This sign-in is not known here.' USING ERRCODE = 'PBS02';
    ELSIF s.ended_at IS NOT NULL THEN
      RAISE EXCEPTION 'This sign-in has ended (%).', replace(s.end_reason, '_', ' ') USING ERRCODE = 'PBS03';
    END IF;
    RAISE EXCEPTION 'This sign-in expired after % without work.', packbench_sign_in_idle_limit()
      USING ERRCODE = 'PBS04';
  END IF;
  SELECT p.active INTO still_active FROM packers p WHERE p.id = s.packer_id;
  IF NOT COALESCE(still_active, false) THEN
    RAISE EXCEPTION 'This packer was deactivated.' USING ERRCODE = 'PBS05';
  END IF;
  IF s.station_id IS NOT NULL AND s.station_id IS DISTINCT FROM p_station THEN
    RAISE EXCEPTION 'This sign-in belongs to another bench.' USING ERRCODE = '42501';
  END IF;
  IF p_packer IS NOT NULL AND p_packer <> s.packer_id THEN
    RAISE EXCEPTION 'Packer % is not the one signed in at this bench.', p_packer USING ERRCODE = '42501';
  END IF;
  RETURN s.packer_id;
END $$;

-- Sign-in now answers a token too (a new result type: the old function goes).
DROP FUNCTION packbench_sign_in(text, text, bigint);
CREATE FUNCTION packbench_sign_in(p_badge text, p_pin text, p_station bigint,
                                  OUT outcome text, OUT packer_id bigint, OUT retry_after integer, OUT token text)
  LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE
  bench bigint;
BEGIN
  SELECT c.outcome, c.packer_id, c.retry_after INTO outcome, packer_id, retry_after
    FROM packbench_check_pin(p_badge, p_pin, 'sign_in', p_station) c;
  IF outcome <> 'ok' THEN
    RETURN;
  END IF;
  -- Bound to the bench only when it is one of this login's own (a station names only its own rows).
  bench := CASE WHEN NOT packbench_is_station_login() OR p_station = ANY (packbench_station_ids()) THEN p_station END;
  IF bench IS NOT NULL THEN -- one packer per bench: whoever signed in there before is signed out
    UPDATE sign_in_sessions s SET ended_at = clock_timestamp(), end_reason = 'replaced'
     WHERE s.login = session_user AND s.station_id = bench AND s.ended_at IS NULL;
  END IF;
  token := encode(gen_random_bytes(32), 'hex');
  INSERT INTO sign_in_sessions (token_sha256, login, packer_id, station_id)
  VALUES (digest(token, 'sha256'), session_user, packbench_sign_in.packer_id, bench);
  INSERT INTO audit_log (actor_kind, actor_id, station_id, action, subject_kind, subject_id, details)
  VALUES ('packer', packbench_sign_in.packer_id::text, bench, 'signed_in', 'packer', packbench_sign_in.packer_id::text,
          jsonb_build_object('login', session_user::text));
END $$;

-- Ends this login's sign-in; false when it had ended already (or was never this login's).
CREATE FUNCTION packbench_sign_out(p_sign_in text) RETURNS boolean
  LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE
  s sign_in_sessions%ROWTYPE;
BEGIN
  UPDATE sign_in_sessions SET ended_at = clock_timestamp(), end_reason = 'signed_out'
   WHERE token_sha256 = digest(COALESCE(p_sign_in, ''), 'sha256') AND login = session_user AND ended_at IS NULL
  RETURNING * INTO s;
  IF NOT FOUND THEN
    RETURN false;
  END IF;
  INSERT INTO audit_log (actor_kind, actor_id, station_id, action, subject_kind, subject_id, details)
  VALUES ('packer', s.packer_id::text, s.station_id, 'signed_out', 'packer', s.packer_id::text,
          jsonb_build_object('login', session_user::text));
  RETURN true;
END $$;

-- 0012's functions keep all their checks (mapping, claim, lease, scans) under a new name that only the schema owner
-- may call. The functions of the old names take the sign-in token, turn it into the packer, and call them.
ALTER FUNCTION packbench_claim_next(bigint, bigint, bigint, integer, timestamptz) RENAME TO packbench_claim_next_core;
ALTER FUNCTION packbench_claim_order(bigint, bigint, bigint, integer, uuid, timestamptz)
  RENAME TO packbench_claim_order_core;
ALTER FUNCTION packbench_release(bigint, bigint, bigint, text, bigint, timestamptz) RENAME TO packbench_release_core;
ALTER FUNCTION packbench_unhold(bigint, bigint, bigint, uuid, timestamptz) RENAME TO packbench_unhold_core;
ALTER FUNCTION packbench_record_scan(uuid, bigint, bigint, bigint, bigint, bigint, text, text, text, text, integer,
                                     integer, text, uuid, timestamptz) RENAME TO packbench_record_scan_core;
ALTER FUNCTION packbench_open_box(bigint, bigint, bigint, integer, timestamptz) RENAME TO packbench_open_box_core;
ALTER FUNCTION packbench_attach_tracking(bigint, bigint, bigint, integer, text, text, text, timestamptz)
  RENAME TO packbench_attach_tracking_core;
ALTER FUNCTION packbench_complete(bigint, bigint, bigint, integer, boolean, timestamptz) RENAME TO packbench_complete_core;

CREATE FUNCTION packbench_claim_next(p_station bigint, p_location bigint, p_packer bigint, p_lease integer,
                                     p_sign_in text, p_now timestamptz)
  RETURNS TABLE (claim_id bigint, fulfillment_order_id bigint, version integer, expires_at timestamptz)
  LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
BEGIN
  PERFORM packbench_require_station(p_station);
  RETURN QUERY SELECT * FROM packbench_claim_next_core(
    p_station, p_location, packbench_signed_in_packer(p_sign_in, p_station, p_packer), p_lease, p_now);
END $$;

CREATE FUNCTION packbench_claim_order(p_station bigint, p_fo bigint, p_packer bigint, p_lease integer,
                                      p_approval uuid, p_sign_in text, p_now timestamptz)
  RETURNS TABLE (claim_id bigint, fulfillment_order_id bigint, version integer, expires_at timestamptz)
  LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
BEGIN
  PERFORM packbench_require_station(p_station);
  RETURN QUERY SELECT * FROM packbench_claim_order_core(
    p_station, p_fo, packbench_signed_in_packer(p_sign_in, p_station, p_packer), p_lease, p_approval, p_now);
END $$;

-- Release (p_hold_reason NULL) or hold: the hold is the signed-in packer's.
CREATE FUNCTION packbench_release(p_claim bigint, p_station bigint, p_fo bigint, p_hold_reason text,
                                  p_packer bigint, p_sign_in text, p_now timestamptz)
  RETURNS void LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
BEGIN
  PERFORM packbench_require_station(p_station);
  PERFORM packbench_release_core(p_claim, p_station, p_fo, p_hold_reason,
                                 packbench_signed_in_packer(p_sign_in, p_station, p_packer), p_now);
END $$;

-- p_packer is the lead for a trusted caller; a station's lead comes from the approval, its packer from the token.
CREATE FUNCTION packbench_unhold(p_fo bigint, p_station bigint, p_packer bigint, p_approval uuid, p_sign_in text,
                                 p_now timestamptz)
  RETURNS void LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
BEGIN
  IF p_station IS NOT NULL OR packbench_is_station_login() THEN
    PERFORM packbench_require_station(p_station);
  END IF;
  PERFORM packbench_signed_in_packer(p_sign_in, p_station, NULL);
  PERFORM packbench_unhold_core(p_fo, p_station, p_packer, p_approval, p_now);
END $$;

-- The scan is recorded under the signed-in packer; a station naming another packer is refused.
CREATE FUNCTION packbench_record_scan(p_event uuid, p_fo bigint, p_claim bigint, p_line bigint, p_station bigint,
                                      p_packer bigint, p_raw text, p_normalized text, p_symbology text,
                                      p_outcome text, p_quantity integer, p_box integer, p_reason text,
                                      p_approval uuid, p_sign_in text, p_now timestamptz)
  RETURNS void LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
BEGIN
  PERFORM packbench_require_station(p_station);
  PERFORM packbench_record_scan_core(p_event, p_fo, p_claim, p_line, p_station,
                                     packbench_signed_in_packer(p_sign_in, p_station, p_packer), p_raw, p_normalized,
                                     p_symbology, p_outcome, p_quantity, p_box, p_reason, p_approval, p_now);
END $$;

CREATE FUNCTION packbench_open_box(p_claim bigint, p_station bigint, p_fo bigint, p_box integer, p_sign_in text,
                                   p_now timestamptz)
  RETURNS void LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
BEGIN
  PERFORM packbench_require_station(p_station);
  PERFORM packbench_signed_in_packer(p_sign_in, p_station, NULL);
  PERFORM packbench_open_box_core(p_claim, p_station, p_fo, p_box, p_now);
END $$;

CREATE FUNCTION packbench_attach_tracking(p_claim bigint, p_station bigint, p_fo bigint, p_box integer,
                                          p_courier text, p_company text, p_tracking_number text, p_sign_in text,
                                          p_now timestamptz)
  RETURNS text LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
BEGIN
  PERFORM packbench_require_station(p_station);
  PERFORM packbench_signed_in_packer(p_sign_in, p_station, NULL);
  RETURN packbench_attach_tracking_core(p_claim, p_station, p_fo, p_box, p_courier, p_company, p_tracking_number,
                                        p_now);
END $$;

CREATE FUNCTION packbench_complete(p_claim bigint, p_station bigint, p_fo bigint, p_version integer,
                                   p_partial boolean, p_sign_in text, p_now timestamptz)
  RETURNS text LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
BEGIN
  PERFORM packbench_require_station(p_station);
  PERFORM packbench_signed_in_packer(p_sign_in, p_station, NULL);
  RETURN packbench_complete_core(p_claim, p_station, p_fo, p_version, p_partial, p_now);
END $$;

-- Privileges: nobody but the owner reads sessions or calls the inner functions; the hub may see who is signed in.
GRANT SELECT (id, login, packer_id, station_id, signed_in_at, last_used_at, ended_at, end_reason)
  ON sign_in_sessions TO packbench_hub;
DO $$
DECLARE
  f text;
BEGIN
  FOREACH f IN ARRAY ARRAY[
      'packbench_claim_next_core(bigint, bigint, bigint, integer, timestamptz)',
      'packbench_claim_order_core(bigint, bigint, bigint, integer, uuid, timestamptz)',
      'packbench_release_core(bigint, bigint, bigint, text, bigint, timestamptz)',
      'packbench_unhold_core(bigint, bigint, bigint, uuid, timestamptz)',
      'packbench_record_scan_core(uuid, bigint, bigint, bigint, bigint, bigint, text, text, text, text, integer, '
        'integer, text, uuid, timestamptz)',
      'packbench_open_box_core(bigint, bigint, bigint, integer, timestamptz)',
      'packbench_attach_tracking_core(bigint, bigint, bigint, integer, text, text, text, timestamptz)',
      'packbench_complete_core(bigint, bigint, bigint, integer, boolean, timestamptz)'] LOOP
    EXECUTE format('REVOKE ALL ON FUNCTION %s FROM PUBLIC, packbench_station, packbench_hub', f);
  END LOOP;
  FOREACH f IN ARRAY ARRAY['packbench_sign_in_idle_limit()', 'packbench_signed_in_packer(text, bigint, bigint)'] LOOP
    EXECUTE format('REVOKE ALL ON FUNCTION %s FROM PUBLIC', f);
  END LOOP;
  FOREACH f IN ARRAY ARRAY[
      'packbench_sign_in(text, text, bigint)', 'packbench_sign_out(text)',
      'packbench_claim_next(bigint, bigint, bigint, integer, text, timestamptz)',
      'packbench_claim_order(bigint, bigint, bigint, integer, uuid, text, timestamptz)',
      'packbench_release(bigint, bigint, bigint, text, bigint, text, timestamptz)',
      'packbench_unhold(bigint, bigint, bigint, uuid, text, timestamptz)',
      'packbench_record_scan(uuid, bigint, bigint, bigint, bigint, bigint, text, text, text, text, integer, integer, '
        'text, uuid, text, timestamptz)',
      'packbench_open_box(bigint, bigint, bigint, integer, text, timestamptz)',
      'packbench_attach_tracking(bigint, bigint, bigint, integer, text, text, text, text, timestamptz)',
      'packbench_complete(bigint, bigint, bigint, integer, boolean, text, timestamptz)'] LOOP
    EXECUTE format('REVOKE ALL ON FUNCTION %s FROM PUBLIC', f);
    EXECUTE format('GRANT EXECUTE ON FUNCTION %s TO packbench_station, packbench_hub', f);
  END LOOP;
END $$;
