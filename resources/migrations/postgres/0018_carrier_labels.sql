-- SPDX-FileCopyrightText: 2026 Packbench contributors
-- SPDX-License-Identifier: GPL-3.0-or-later
-- Carrier labels bought by the hub on behalf of a station (issue #14, docs/carriers.md). A station asks for a
-- box's label through packbench_request_label (claim and lease checked, like 0012's functions) and hears back on
-- NOTIFY packbench_label; the hub's carrier worker (core/hub/labelworker) LISTENs on packbench_label_request, buys
-- the label exactly once per external_shipment_id, and writes the result here and on the package in one
-- transaction. Stations read their own orders' labels; only the hub writes results. Like every station work function
-- since 0016, the station's two functions take the packer's sign-in token (p_sign_in) before p_now.
-- Refusals: PBI30 the box has no weight, PBI31 a bad measurement or format, PBC30 the order is not at the bench,
-- PBN30 no such label request for this station.

-- The Shopify shipping line's code next to its title (shipping_method): service rules match either.
ALTER TABLE orders ADD COLUMN shipping_code text;

-- Where each warehouse ships from, as the carrier wants the address (ShipEngine's field names: name, phone,
-- company_name, address_line1, address_line2, city_locality, state_province, postal_code, country_code).
CREATE TABLE carrier_locations (
  location_id  bigint PRIMARY KEY REFERENCES locations(id),
  ship_from    jsonb NOT NULL CHECK (jsonb_typeof(ship_from) = 'object'),
  updated_at   timestamptz NOT NULL DEFAULT now()
);

-- Which carrier services a Shopify shipping line may go with. A rule matches when the line's title (or code, or
-- either: 'any') is LIKE pattern, case-insensitively ('%' matches everything). Of the matching rules only those of
-- the highest priority count; their services are allowed and the cheapest rate that keeps the promise wins
-- (max_delivery_days counted from the order's ship-by, or from now when it has none).
CREATE TABLE carrier_service_rules (
  id                 bigserial PRIMARY KEY,
  shop_id            bigint REFERENCES shops(id), -- NULL: every shop
  match_field        text NOT NULL DEFAULT 'any' CHECK (match_field IN ('title', 'code', 'any')),
  pattern            text NOT NULL CHECK (pattern <> ''),
  carrier_id         text NOT NULL CHECK (carrier_id <> ''),
  service_code       text NOT NULL CHECK (service_code <> ''),
  max_delivery_days  integer CHECK (max_delivery_days BETWEEN 0 AND 60),
  priority           integer NOT NULL DEFAULT 0,
  UNIQUE (shop_id, match_field, pattern, carrier_id, service_code)
);

-- One row per label a box needs: a box whose label is voided (order repacked, cancelled) gets a new request, with
-- a new generation and a new external_shipment_id. State: requested (the hub buys; error says why it waits),
-- bought, printed, void_pending (to be voided at the carrier), voided, failed (refused; error says why).
CREATE TABLE label_requests (
  id                    bigserial PRIMARY KEY,
  package_id            bigint NOT NULL REFERENCES packages(id),
  fulfillment_order_id  bigint NOT NULL REFERENCES fulfillment_orders(id),
  box_no                integer NOT NULL,
  generation            integer NOT NULL DEFAULT 1 CHECK (generation >= 1),
  -- The carrier's key for this purchase: unique per account, so a lost answer finds the label and never buys twice.
  external_shipment_id  text NOT NULL UNIQUE CHECK (length(external_shipment_id) BETWEEN 1 AND 50),
  state                 text NOT NULL DEFAULT 'requested'
                        CHECK (state IN ('requested', 'bought', 'printed', 'void_pending', 'voided', 'failed')),
  label_format          text NOT NULL CHECK (label_format IN ('zpl', 'pdf', 'png')),
  station_id            bigint REFERENCES stations(id),
  claim_id              bigint REFERENCES claims(id),
  requested_at          timestamptz NOT NULL DEFAULT now(),
  updated_at            timestamptz NOT NULL DEFAULT now(),
  -- The hub's work on it: attempts, when next, and which worker holds it until when.
  attempts              integer NOT NULL DEFAULT 0,
  next_attempt_at       timestamptz NOT NULL DEFAULT now(),
  locked_by             text,
  locked_until          timestamptz,
  -- The service chosen (kept before buying, so that a retry buys the same one) and what was bought.
  carrier_id            text,
  carrier_code          text,
  tracking_company      text, -- Shopify's trackingInfo.company for carrier_code
  service_code          text,
  label_id              text,
  tracking_number       text,
  tracking_numbers      text[],
  tracking_url          text,
  cost_minor            bigint,
  cost_currency         char(3),
  label_bytes           bytea,
  bought_at             timestamptz,
  printed_at            timestamptz,
  print_job_id          bigint REFERENCES print_jobs(id),
  -- What the station shows while it waits or after it failed, in the packer's terms; error_kind sorts it.
  error                 text,
  error_kind            text CHECK (error_kind IN ('carrier_unavailable', 'refused', 'needs_weight', 'configuration',
                                                   'cancelled', 'void_refused')),
  void_reason           text,
  voided_at             timestamptz,
  -- (label_bytes may be gone: customers/redact clears it with the address it prints)
  CHECK (state NOT IN ('bought', 'printed') OR label_id IS NOT NULL)
);
-- At most one live label per box (one being voided may sit beside its replacement).
CREATE UNIQUE INDEX label_requests_one_live ON label_requests (package_id)
  WHERE state IN ('requested', 'bought', 'printed');
CREATE INDEX label_requests_due ON label_requests (next_attempt_at, id) WHERE state IN ('requested', 'void_pending');
CREATE INDEX label_requests_fo ON label_requests (fulfillment_order_id);

-- The station hears about every change of its order's labels (bought, waiting and why, failed, voided).
CREATE FUNCTION packbench_notify_label() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_notify('packbench_label', NEW.fulfillment_order_id::text);
  RETURN NULL;
END $$;
CREATE TRIGGER label_requests_changed AFTER INSERT OR UPDATE OF state, error ON label_requests
  FOR EACH ROW EXECUTE FUNCTION packbench_notify_label();

-- Ends a box's live label that belongs to an earlier pack attempt: a label the hub may have bought is voided (the
-- worker looks it up by external_shipment_id), one never sent to the carrier is simply cancelled.
CREATE FUNCTION packbench_retire_label(p_request bigint, p_reason text) RETURNS void
  LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
BEGIN
  UPDATE label_requests r
     SET state = CASE WHEN r.state = 'requested' AND r.attempts = 0 AND r.locked_by IS NULL THEN 'failed'
                      ELSE 'void_pending' END,
         error = CASE WHEN r.state = 'requested' AND r.attempts = 0 AND r.locked_by IS NULL
                      THEN 'The label was no longer needed: ' || p_reason ELSE r.error END,
         error_kind = CASE WHEN r.state = 'requested' AND r.attempts = 0 AND r.locked_by IS NULL THEN 'cancelled'
                           ELSE r.error_kind END,
         void_reason = p_reason, next_attempt_at = now(), updated_at = now()
   WHERE r.id = p_request AND r.state IN ('requested', 'bought', 'printed');
END $$;

-- A station asks for box p_box's carrier label (format zpl, pdf or png) under its live claim. The weight (grams)
-- and the size (mm, all three or none) the station passes are stored on the package first; a box with no weight
-- is refused (PBI30): the hub never guesses one. Asking again for a box that has its label answers that label's
-- request (a reprint never buys a second one); a label of an earlier attempt at the order is retired and a new
-- one requested. Answers the request id; the hub hears NOTIFY packbench_label_request.
CREATE FUNCTION packbench_request_label(p_claim bigint, p_station bigint, p_fo bigint, p_box integer,
                                        p_format text, p_weight_grams integer, p_length_mm integer,
                                        p_width_mm integer, p_height_mm integer, p_sign_in text, p_now timestamptz)
  RETURNS bigint LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE
  now_ timestamptz := packbench_effective_now(p_now);
  packer bigint;
  o record;
  box packages%ROWTYPE;
  live label_requests%ROWTYPE;
  next_generation integer;
  request_id bigint;
  sized integer := (p_length_mm IS NOT NULL)::integer + (p_width_mm IS NOT NULL)::integer
                   + (p_height_mm IS NOT NULL)::integer;
BEGIN
  PERFORM packbench_require_station(p_station);
  packer := packbench_signed_in_packer(p_sign_in, p_station, NULL);
  PERFORM packbench_own_claim(p_claim, p_station, p_fo, now_);
  SELECT * INTO o FROM packbench_lock_order(p_fo);
  IF o.state <> 'claimed' THEN
    RAISE EXCEPTION 'This order is not being packed here any more.' USING ERRCODE = 'PBC30';
  END IF;
  IF COALESCE(p_box, 0) NOT BETWEEN 1 AND 999 OR COALESCE(p_format, '') NOT IN ('zpl', 'pdf', 'png') THEN
    RAISE EXCEPTION 'box number or label format out of range' USING ERRCODE = 'PBI31';
  END IF;
  IF (p_weight_grams IS NOT NULL AND p_weight_grams NOT BETWEEN 1 AND 150000) OR sized NOT IN (0, 3)
     OR (sized = 3 AND (p_length_mm NOT BETWEEN 1 AND 3000 OR p_width_mm NOT BETWEEN 1 AND 3000
                        OR p_height_mm NOT BETWEEN 1 AND 3000)) THEN
    RAISE EXCEPTION 'A weight is 1 g to 150 kg; a size needs length, width and height, each 1 to 3000 mm.'
      USING ERRCODE = 'PBI31';
  END IF;
  INSERT INTO packages (fulfillment_order_id, box_no) VALUES (p_fo, p_box)
    ON CONFLICT (fulfillment_order_id, box_no) DO NOTHING;
  SELECT * INTO box FROM packages WHERE fulfillment_order_id = p_fo AND box_no = p_box FOR UPDATE;
  SELECT * INTO live FROM label_requests r WHERE r.package_id = box.id AND r.state IN ('requested', 'bought', 'printed')
     FOR UPDATE;
  IF FOUND AND live.claim_id IS NOT DISTINCT FROM p_claim THEN
    RETURN live.id; -- this attempt's label: asked again (a restart, a reprint) it is the same label
  END IF;
  IF FOUND THEN
    PERFORM packbench_retire_label(live.id, 'the order was packed again');
    PERFORM packbench_audit(now_, p_station, packer, 'label.retired', p_fo,
                            jsonb_build_object('label_request_id', live.id, 'box_no', p_box,
                                               'reason', 'the order was packed again'));
  END IF;
  UPDATE packages SET weight_grams = COALESCE(p_weight_grams, weight_grams),
                      length_mm = CASE WHEN sized = 3 THEN p_length_mm ELSE length_mm END,
                      width_mm = CASE WHEN sized = 3 THEN p_width_mm ELSE width_mm END,
                      height_mm = CASE WHEN sized = 3 THEN p_height_mm ELSE height_mm END
   WHERE id = box.id RETURNING * INTO box;
  IF box.weight_grams IS NULL THEN
    RAISE EXCEPTION 'Weigh box %: a carrier label needs the weight of the box.', p_box USING ERRCODE = 'PBI30';
  END IF;
  SELECT COALESCE(max(generation), 0) + 1 INTO next_generation FROM label_requests WHERE package_id = box.id;
  INSERT INTO label_requests (package_id, fulfillment_order_id, box_no, generation, external_shipment_id,
                              label_format, station_id, claim_id, requested_at, updated_at)
  VALUES (box.id, p_fo, p_box, next_generation,
          format('pb-%s-%s-%s', box.id, next_generation, left(replace(gen_random_uuid()::text, '-', ''), 16)),
          p_format, p_station, p_claim, now_, now_)
  RETURNING id INTO request_id;
  PERFORM packbench_audit(now_, p_station, packer, 'label.requested', p_fo,
                          jsonb_build_object('claim_id', p_claim, 'box_no', p_box, 'label_request_id', request_id));
  PERFORM pg_notify('packbench_label_request', request_id::text);
  RETURN request_id;
END $$;

-- The station printed its label (print_jobs row p_print_job): bought → printed. Printing it again changes nothing.
CREATE FUNCTION packbench_label_printed(p_request bigint, p_station bigint, p_print_job bigint, p_sign_in text,
                                        p_now timestamptz)
  RETURNS void LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE
  now_ timestamptz := packbench_effective_now(p_now);
  r label_requests%ROWTYPE;
  packer bigint;
BEGIN
  PERFORM packbench_require_station(p_station);
  packer := packbench_signed_in_packer(p_sign_in, p_station, NULL);
  SELECT * INTO r FROM label_requests WHERE id = p_request AND station_id IS NOT DISTINCT FROM p_station FOR UPDATE;
  IF NOT FOUND OR (packbench_is_station_login() AND NOT EXISTS (
       SELECT 1 FROM fulfillment_orders f WHERE f.id = r.fulfillment_order_id
          AND f.location_id = ANY (packbench_station_locations()))) THEN
    RAISE EXCEPTION 'No such label for this station.' USING ERRCODE = 'PBN30';
  END IF;
  IF r.state NOT IN ('bought', 'printed') THEN
    RAISE EXCEPTION 'This label is % and cannot be printed.', r.state USING ERRCODE = 'PBC31';
  END IF;
  IF p_print_job IS NOT NULL AND NOT packbench_print_job_visible(p_print_job) THEN
    RAISE EXCEPTION 'No such print job for this station.' USING ERRCODE = 'PBN30';
  END IF;
  UPDATE label_requests SET state = 'printed', printed_at = COALESCE(printed_at, now_),
                            print_job_id = COALESCE(p_print_job, print_job_id), updated_at = now_
   WHERE id = p_request;
  IF r.state = 'bought' THEN
    PERFORM packbench_audit(now_, p_station, packer, 'label.printed', r.fulfillment_order_id,
                            jsonb_build_object('label_request_id', p_request, 'box_no', r.box_no,
                                               'print_job_id', p_print_job));
  END IF;
END $$;

-- Row-level security: a station sees the labels of the orders it can see; the hub sees all.
ALTER TABLE label_requests ENABLE ROW LEVEL SECURITY;
CREATE POLICY station_mapped ON label_requests TO packbench_station
  USING (fulfillment_order_id IN (SELECT id FROM fulfillment_orders));
CREATE POLICY hub_all_shops ON label_requests TO packbench_hub USING (true) WITH CHECK (true);

GRANT SELECT ON label_requests TO packbench_station;
GRANT SELECT, INSERT, UPDATE ON label_requests TO packbench_hub;
GRANT SELECT, INSERT, UPDATE, DELETE ON carrier_locations, carrier_service_rules TO packbench_hub;
GRANT USAGE, SELECT ON SEQUENCE label_requests_id_seq, carrier_service_rules_id_seq TO packbench_hub;

REVOKE ALL ON FUNCTION packbench_retire_label(bigint, text) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION packbench_retire_label(bigint, text) TO packbench_hub;
REVOKE ALL ON FUNCTION packbench_request_label(bigint, bigint, bigint, integer, text, integer, integer, integer,
                                               integer, text, timestamptz) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION packbench_request_label(bigint, bigint, bigint, integer, text, integer, integer, integer,
                                                  integer, text, timestamptz) TO packbench_station, packbench_hub;
REVOKE ALL ON FUNCTION packbench_label_printed(bigint, bigint, bigint, text, timestamptz) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION packbench_label_printed(bigint, bigint, bigint, text, timestamptz)
  TO packbench_station, packbench_hub;
