-- SPDX-FileCopyrightText: 2026 Packbench contributors
-- SPDX-License-Identifier: GPL-3.0-or-later
-- Manual counts offline (issue #15). A station cannot ask the database to check a lead's PIN while it is away, so
-- when a lead approves at a bench online (the PIN checked here, packbench_approve_as_lead) the bench also gets a
-- few single-use approvals for that lead, bound to its login and valid for one shift. The bench keeps them beside
-- its own hash of the PIN; offline, the lead's PIN unlocks one, and the replay spends it through
-- packbench_use_approval as any other approval. A station can therefore never approve offline more often than
-- the database allowed it while it checked the PIN, and every offline approval spent leaves an audit record.
ALTER TABLE lead_approvals ADD COLUMN offline boolean NOT NULL DEFAULT false;

-- Up to 10 offline approvals for the lead of `p_approval`: a fresh approval (unused, unexpired) of this login.
-- It is not spent; the lead's earlier unused offline approvals for this login are withdrawn, so a bench never
-- holds more than one batch per lead.
CREATE FUNCTION packbench_issue_offline_approvals(p_approval uuid, p_count integer)
  RETURNS TABLE (token uuid, expires_at timestamptz)
  LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE
  a lead_approvals%ROWTYPE;
  n integer := least(greatest(COALESCE(p_count, 0), 0), 10);
BEGIN
  SELECT l.* INTO a FROM lead_approvals l JOIN packers p ON p.id = l.lead_id
   WHERE l.token = p_approval AND NOT l.offline AND l.used_at IS NULL AND l.expires_at > clock_timestamp()
     AND l.login = session_user AND p.active AND p.role IN ('lead', 'admin');
  IF NOT FOUND THEN
    RAISE EXCEPTION 'a lead''s badge and PIN are needed (the approval is missing, used or expired)'
      USING ERRCODE = '42501';
  END IF;
  UPDATE lead_approvals l SET expires_at = clock_timestamp()
   WHERE l.lead_id = a.lead_id AND l.login = session_user AND l.offline AND l.used_at IS NULL
     AND l.expires_at > clock_timestamp();
  INSERT INTO audit_log (actor_kind, actor_id, station_id, action, subject_kind, subject_id, details)
  VALUES ('station', session_user, a.station_id, 'approval.offline_issued', 'packer', a.lead_id::text,
          jsonb_build_object('count', n));
  RETURN QUERY
    INSERT INTO lead_approvals (lead_id, login, station_id, expires_at, offline)
    SELECT a.lead_id, session_user, a.station_id, clock_timestamp() + interval '12 hours', true
      FROM generate_series(1, n)
    RETURNING lead_approvals.token, lead_approvals.expires_at;
END $$;

-- As in 0011, and an offline approval spent leaves the lead a record: it was approved against the bench's copy.
CREATE OR REPLACE FUNCTION packbench_use_approval(p_token uuid) RETURNS bigint
  LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE
  lead bigint;
  was_offline boolean;
  station bigint;
BEGIN
  UPDATE lead_approvals a SET used_at = clock_timestamp()
    FROM packers p
   WHERE a.token = p_token AND a.used_at IS NULL AND a.expires_at > clock_timestamp() AND a.login = session_user
     AND p.id = a.lead_id AND p.active AND p.role IN ('lead', 'admin')
  RETURNING a.lead_id, a.offline, a.station_id INTO lead, was_offline, station;
  IF lead IS NULL THEN
    RAISE EXCEPTION 'a lead''s badge and PIN are needed (the approval is missing, used or expired)'
      USING ERRCODE = '42501';
  END IF;
  IF was_offline THEN
    INSERT INTO audit_log (actor_kind, actor_id, station_id, action, subject_kind, subject_id, details)
    VALUES ('station', session_user, station, 'approval.offline_used', 'packer', lead::text, '{}'::jsonb);
  END IF;
  RETURN lead;
END $$;

REVOKE ALL ON FUNCTION packbench_issue_offline_approvals(uuid, integer) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION packbench_issue_offline_approvals(uuid, integer) TO packbench_station, packbench_hub;
