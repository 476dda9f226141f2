-- SPDX-FileCopyrightText: 2026 Packbench contributors
-- SPDX-License-Identifier: GPL-3.0-or-later
-- A voided carrier label must never reach a box: the carrier has cancelled it, and a parcel that carries it is
-- refused or billed again. When a label is to be voided (the order cancelled, put on hold or packed again) every print
-- job made of it, the first send and each reprint (all under the reference carrier-label:request=<id>), loses its
-- bytes. A reprint, a move, a printer's own retry and the lead's print-jobs list then all refuse it, as they refuse a
-- label cleared by retention (refuseIfLabelGone). Other labels' jobs keep theirs.
CREATE FUNCTION packbench_forget_voided_label_prints() RETURNS trigger
  LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
BEGIN
  UPDATE print_jobs SET payload = NULL, updated_at = now()
   WHERE fulfillment_order_id = NEW.fulfillment_order_id -- print_jobs_fo: an order's jobs, not the whole table
     AND kind = 'label' AND reference = 'carrier-label:request=' || NEW.id AND payload IS NOT NULL;
  RETURN NULL;
END $$;
REVOKE ALL ON FUNCTION packbench_forget_voided_label_prints() FROM PUBLIC; -- fires as a trigger only

CREATE TRIGGER label_requests_voided AFTER UPDATE OF state ON label_requests
  FOR EACH ROW WHEN (NEW.state IN ('void_pending', 'voided') AND OLD.state IS DISTINCT FROM NEW.state)
  EXECUTE FUNCTION packbench_forget_voided_label_prints();
