-- SPDX-FileCopyrightText: 2026 Packbench contributors
-- SPDX-License-Identifier: GPL-3.0-or-later
-- Nothing lost (issue #15): a lease that ran out while its bench could not renew it (an outage longer than the lease,
-- a bench left locked) sent the order back to the queue, and the bench had to start it again under a new claim: the
-- scans made before no longer counted, and a journal packed offline under the old claim was set aside. Now the
-- bench's next renewal revives its own claim when nobody has claimed the order since and it still waits in the
-- queue: the same claim, so every scan made under it counts and the journal lands. Otherwise it is lost, as before.
CREATE OR REPLACE FUNCTION packbench_heartbeat(p_claim bigint, p_station bigint, p_lease integer, p_now timestamptz)
  RETURNS timestamptz LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE
  now_ timestamptz := packbench_effective_now(p_now);
  expires timestamptz := now_ + packbench_lease(p_lease);
  lapsed claims%ROWTYPE;
BEGIN
  PERFORM packbench_require_station(p_station);
  UPDATE claims SET heartbeat_at = now_, expires_at = expires
   WHERE id = p_claim AND station_id = p_station AND released_at IS NULL;
  IF FOUND THEN
    RETURN expires;
  END IF;
  SELECT * INTO lapsed FROM claims WHERE id = p_claim AND station_id = p_station AND release_reason = 'expired';
  IF FOUND THEN
    -- The order's row first, as packbench_claim_order locks it: a station claiming it now waits, or wins.
    PERFORM 1 FROM fulfillment_orders f WHERE f.id = lapsed.fulfillment_order_id AND f.pack_state = 'queued'
      FOR UPDATE;
    IF FOUND AND NOT EXISTS (SELECT 1 FROM claims n WHERE n.fulfillment_order_id = lapsed.fulfillment_order_id
                                AND n.id > lapsed.id) THEN
      UPDATE claims SET released_at = NULL, release_reason = NULL, heartbeat_at = now_, expires_at = expires
       WHERE id = lapsed.id;
      UPDATE fulfillment_orders SET pack_state = 'claimed', updated_at = now_ WHERE id = lapsed.fulfillment_order_id;
      PERFORM packbench_audit(now_, p_station, NULL, 'lease_revived', lapsed.fulfillment_order_id,
                              jsonb_build_object('claim_id', lapsed.id));
      RETURN expires;
    END IF;
  END IF;
  RAISE EXCEPTION 'The lease on this order was lost; it went back to the queue.' USING ERRCODE = 'PBC01';
END $$;
