-- SPDX-FileCopyrightText: 2026 Packbench contributors
-- SPDX-License-Identifier: GPL-3.0-or-later
-- A hold on an order cancelled under the bench (the cancellation leaves the claim open; the bench hears of it by
-- NOTIFY, or only when the database is back after an outage) was answered as done: the claim was closed as 'held',
-- a 'hold' was audited, and the order stayed cancelled. The packer was told "ON HOLD" and put the items on the hold
-- shelf for a lead who would never see the order in the held list. Now such a hold is refused as a finish is
-- (PBC06) and nothing of it is kept. Same body as 0012's packbench_release, renamed _core by 0016, plus that check.
CREATE OR REPLACE FUNCTION packbench_release_core(p_claim bigint, p_station bigint, p_fo bigint, p_hold_reason text,
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
    IF NOT FOUND THEN -- cancelled under the bench: nothing of the hold is kept (the claim stays open to be released)
      RAISE EXCEPTION 'This order changed while it was being packed.' USING ERRCODE = 'PBC06';
    END IF;
    PERFORM packbench_audit(now_, p_station, p_packer, 'hold', p_fo,
                            jsonb_build_object('claim_id', p_claim, 'reason', btrim(p_hold_reason)));
  ELSE
    UPDATE fulfillment_orders SET pack_state = 'queued', updated_at = now_ WHERE id = p_fo AND pack_state = 'claimed';
    PERFORM packbench_audit(now_, p_station, NULL, 'release', p_fo, jsonb_build_object('claim_id', p_claim));
  END IF;
END $$;

