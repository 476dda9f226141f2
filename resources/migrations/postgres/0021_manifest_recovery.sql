-- SPDX-FileCopyrightText: 2026 Packbench contributors
-- SPDX-License-Identifier: GPL-3.0-or-later
-- End of day after a lost answer (issue #14, docs/carriers.md "End of day"): before the hub sends labels in
-- POST /v1/manifests it marks them as sent in that request (committed first). A label with that mark and no manifest
-- may be on one the carrier made without our hearing it, so the next attempt looks the manifests up first
-- (GET /v1/manifests?label_ids=…), stores what it finds as recovered with the labels marked, in one transaction, and
-- sends only the labels found on no manifest. An attempt that could not learn the outcome stays requested and is
-- tried again later, up to a bound.

-- The end of day that last sent this label to the carrier; kept after a manifest is stored (it says which one did).
ALTER TABLE label_requests ADD COLUMN manifest_sent_in bigint REFERENCES manifest_requests(id);
-- Found at the carrier after a lost answer rather than in the answer to our request.
ALTER TABLE carrier_manifests ADD COLUMN recovered boolean NOT NULL DEFAULT false;
-- Attempts the hub made at this end of day (each claim is one).
ALTER TABLE manifest_requests ADD COLUMN attempts integer NOT NULL DEFAULT 0 CHECK (attempts >= 0);

-- Before this migration a lost answer left no mark: the labels an end of day that ended uncertain could have sent
-- (bought before it was asked for, still on no manifest) are marked as sent in it, so asking again looks them up.
UPDATE label_requests r
SET manifest_sent_in = (SELECT m.id FROM manifest_requests m JOIN fulfillment_orders f ON f.location_id = m.location_id
                        WHERE f.id = r.fulfillment_order_id AND m.state = 'failed' AND m.error_kind = 'uncertain'
                          AND m.requested_at >= r.bought_at
                        ORDER BY m.id LIMIT 1)
WHERE r.state IN ('bought', 'printed') AND r.carrier_manifest_id IS NULL AND r.label_id IS NOT NULL;
