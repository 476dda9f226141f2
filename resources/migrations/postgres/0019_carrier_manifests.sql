-- SPDX-FileCopyrightText: 2026 Packbench contributors
-- SPDX-License-Identifier: GPL-3.0-or-later
-- End of day (issue #14, docs/carriers.md "End of day"): a lead at a station asks for the carrier manifests of its
-- warehouse through packbench_request_manifest (the packer's sign-in and a lead's badge + PIN approval, consumed);
-- the hub's carrier thread hears NOTIFY packbench_manifest_request, sends the warehouse's bought, unvoided labels that
-- are on no manifest yet to the carrier (POST /v1/manifests, one manifest per carrier), and stores the manifests with
-- their PDFs and marks the labels in one transaction after the answer. The station hears NOTIFY packbench_manifest
-- and prints them with its driver hand-off sheet. Stations read their warehouses' manifests and write none.
-- Refusals: PBN31 no such warehouse for this station; 42501 no lead's approval.

-- One end of day asked for by a lead. State: requested (the hub works on it), done (label_count labels on its
-- manifests), failed (error says why, in the lead's terms; error_kind sorts it). A failed one is never tried again
-- by itself: the lead asks again after checking (an unanswered manifest request may have been made).
CREATE TABLE manifest_requests (
  id            bigserial PRIMARY KEY,
  location_id   bigint NOT NULL REFERENCES locations(id),
  station_id    bigint REFERENCES stations(id),
  lead_id       bigint REFERENCES packers(id),
  state         text NOT NULL DEFAULT 'requested' CHECK (state IN ('requested', 'done', 'failed')),
  requested_at  timestamptz NOT NULL DEFAULT now(),
  updated_at    timestamptz NOT NULL DEFAULT now(),
  locked_by     text,
  locked_until  timestamptz,
  label_count   integer CHECK (label_count >= 0),
  error         text,
  error_kind    text CHECK (error_kind IN ('nothing_to_manifest', 'carrier_unavailable', 'uncertain', 'refused',
                                           'configuration'))
);
-- One open end of day per warehouse: asking twice answers the one under way.
CREATE UNIQUE INDEX manifest_requests_one_open ON manifest_requests (location_id) WHERE state = 'requested';

-- A manifest the carrier made: its id, the carrier, how many labels are on it and its PDF, as the carrier gave them.
CREATE TABLE carrier_manifests (
  id                   bigserial PRIMARY KEY,
  manifest_request_id  bigint NOT NULL REFERENCES manifest_requests(id),
  location_id          bigint NOT NULL REFERENCES locations(id),
  carrier_id           text NOT NULL,
  carrier_name         text NOT NULL, -- as the driver knows it (UPS, USPS …)
  manifest_id          text NOT NULL UNIQUE,
  form_id              text,
  label_count          integer NOT NULL CHECK (label_count >= 1),
  pdf                  bytea,
  ship_date            timestamptz,
  created_at           timestamptz NOT NULL
);
CREATE INDEX carrier_manifests_request ON carrier_manifests (manifest_request_id);

-- The manifest a label is on; NULL: on none yet (the next end of day takes it).
ALTER TABLE label_requests ADD COLUMN carrier_manifest_id bigint REFERENCES carrier_manifests(id);
CREATE INDEX label_requests_unmanifested ON label_requests (fulfillment_order_id)
  WHERE state IN ('bought', 'printed') AND carrier_manifest_id IS NULL;

-- The station hears about every change of its warehouse's end of day (done, failed).
CREATE FUNCTION packbench_notify_manifest() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_notify('packbench_manifest', NEW.id::text);
  RETURN NULL;
END $$;
CREATE TRIGGER manifest_requests_changed AFTER UPDATE OF state ON manifest_requests
  FOR EACH ROW EXECUTE FUNCTION packbench_notify_manifest();

-- A lead asks for warehouse p_location's end of day at bench p_station: the signed-in packer's token and a lead's
-- approval (packbench_approve_as_lead, consumed here; a trusted login may pass none). Asked while one is under way,
-- it answers that one. Answers the request id; the hub hears NOTIFY packbench_manifest_request.
CREATE FUNCTION packbench_request_manifest(p_station bigint, p_location bigint, p_approval uuid, p_sign_in text,
                                           p_now timestamptz)
  RETURNS bigint LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE
  now_ timestamptz := packbench_effective_now(p_now);
  packer bigint;
  lead bigint;
  request_id bigint;
BEGIN
  PERFORM packbench_require_station(p_station);
  packer := packbench_signed_in_packer(p_sign_in, p_station, NULL);
  IF p_approval IS NOT NULL OR packbench_is_station_login() THEN
    lead := packbench_use_approval(p_approval);
  END IF;
  IF NOT EXISTS (SELECT 1 FROM locations l WHERE l.id = p_location)
     OR (packbench_is_station_login() AND NOT (p_location = ANY (packbench_station_locations()))) THEN
    RAISE EXCEPTION 'No such warehouse for this station.' USING ERRCODE = 'PBN31';
  END IF;
  SELECT id INTO request_id FROM manifest_requests WHERE location_id = p_location AND state = 'requested';
  IF FOUND THEN
    RETURN request_id;
  END IF;
  INSERT INTO manifest_requests (location_id, station_id, lead_id, requested_at, updated_at)
  VALUES (p_location, p_station, lead, now_, now_)
  RETURNING id INTO request_id;
  INSERT INTO audit_log (at, actor_kind, actor_id, station_id, action, subject_kind, subject_id, details)
  VALUES (now_, CASE WHEN COALESCE(lead, packer) IS NOT NULL THEN 'packer' ELSE 'station' END,
          COALESCE(lead, packer, p_station)::text, p_station, 'manifest.requested', 'location', p_location::text,
          jsonb_build_object('manifest_request_id', request_id, 'packer_id', packer, 'lead_id', lead)
            || CASE WHEN packbench_is_station_login() THEN jsonb_build_object('login', session_user::text)
                    ELSE '{}'::jsonb END);
  PERFORM pg_notify('packbench_manifest_request', request_id::text);
  RETURN request_id;
END $$;

-- Row-level security: a station sees its warehouses' end of day; the hub sees all.
ALTER TABLE manifest_requests ENABLE ROW LEVEL SECURITY;
ALTER TABLE carrier_manifests ENABLE ROW LEVEL SECURITY;
CREATE POLICY station_mapped ON manifest_requests TO packbench_station
  USING (location_id = ANY (packbench_station_locations()));
CREATE POLICY station_mapped ON carrier_manifests TO packbench_station
  USING (location_id = ANY (packbench_station_locations()));
CREATE POLICY hub_all_shops ON manifest_requests TO packbench_hub USING (true) WITH CHECK (true);
CREATE POLICY hub_all_shops ON carrier_manifests TO packbench_hub USING (true) WITH CHECK (true);

GRANT SELECT ON manifest_requests, carrier_manifests TO packbench_station;
GRANT SELECT, UPDATE ON manifest_requests TO packbench_hub;
GRANT SELECT, INSERT ON carrier_manifests TO packbench_hub;
GRANT USAGE, SELECT ON SEQUENCE carrier_manifests_id_seq TO packbench_hub;

REVOKE ALL ON FUNCTION packbench_request_manifest(bigint, bigint, uuid, text, timestamptz) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION packbench_request_manifest(bigint, bigint, uuid, text, timestamptz)
  TO packbench_station, packbench_hub;
