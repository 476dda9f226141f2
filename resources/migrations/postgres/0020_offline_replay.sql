-- SPDX-FileCopyrightText: 2026 Packbench contributors
-- SPDX-License-Identifier: GPL-3.0-or-later
-- Offline packing (issue #15): a station that packed on while the database was away replays its journal through
-- the usual station functions. When the database refuses it (the order was cancelled, edited or taken over), none
-- of it is recorded, and this leaves the lead a record of it: which order, which claim, how many events, and why.
CREATE FUNCTION packbench_offline_replay_refused(p_station bigint, p_fo bigint, p_claim bigint, p_events integer,
                                                 p_reason text, p_sign_in text, p_now timestamptz)
  RETURNS void LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE
  now_ timestamptz := packbench_effective_now(p_now);
  packer bigint;
BEGIN
  PERFORM packbench_require_station(p_station);
  packer := packbench_signed_in_packer(p_sign_in, p_station, NULL);
  PERFORM packbench_lock_order(p_fo); -- only an order this station may see
  PERFORM packbench_audit(now_, p_station, packer, 'offline_replay_refused', p_fo,
                          jsonb_build_object('claim_id', p_claim, 'events', GREATEST(COALESCE(p_events, 0), 0),
                                             'reason', left(COALESCE(p_reason, ''), 500)));
END $$;

REVOKE ALL ON FUNCTION packbench_offline_replay_refused(bigint, bigint, bigint, integer, text, text, timestamptz)
  FROM PUBLIC;
GRANT EXECUTE ON FUNCTION packbench_offline_replay_refused(bigint, bigint, bigint, integer, text, text, timestamptz)
  TO packbench_station, packbench_hub;
