-- SPDX-FileCopyrightText: 2026 Packbench contributors
-- SPDX-License-Identifier: GPL-3.0-or-later
-- Tracking numbers scanned from labels printed elsewhere (issue #14): the courier and the Shopify tracking company
-- of a package's number, its tracking page computed here from the company (never taken from a station), and every
-- Shopify fulfillment an order's fulfillment was split into, so that a later tracking change reaches each one.

-- tracking_courier: the courier dataset's courier_code ("ups"); tracking_company: Shopify's trackingInfo.company.
ALTER TABLE packages ADD COLUMN tracking_courier text, ADD COLUMN tracking_company text;

-- The courier dataset's tracking pages by Shopify company (core/carriers: TrackingNumberRecognizer::urlTemplates();
-- tracking_templates_test fails when the two differ). %s is the tracking number.
CREATE TABLE tracking_url_templates (
  company      text PRIMARY KEY,
  url_template text NOT NULL CHECK (url_template ~ '^https?://[^[:space:]<>"]+$' AND strpos(url_template, '%s') > 0)
);
INSERT INTO tracking_url_templates (company, url_template) VALUES
  ('Canada Post', 'https://www.canadapost-postescanada.ca/track-reperage/en#/search?searchFor=%s'),
  ('Canpar', 'https://www.canpar.com/en/track/tracking.jsp?reference=%s&locale=en'),
  ('DHL Express', 'http://www.dhl.com/en/express/tracking.html?brand=DHL&AWB=%s'),
  ('DHL eCommerce', 'http://www.dhl.com/en/express/tracking.html?brand=DHL&AWB=%s'),
  ('DPD', 'https://www.dpdgroup.com/nl/mydpd/my-parcels/track?lang=en&parcelNumber=%s'),
  ('FedEx', 'https://www.fedex.com/apps/fedextrack/?tracknumbers=%s'),
  ('GOFO Express', 'https://www.gofoexpress.com/tracking.html?searchID=%s'),
  ('Landmark Global', 'https://track.landmarkglobal.com/?search=%s'),
  ('Old Dominion', 'https://www.odfl.com/us/en/tools/trace-track-ltl-freight/trace.html?proNumbers=%s'),
  ('OnTrac', 'http://www.ontrac.com/tracking/?number=%s'),
  ('Purolator', 'https://www.purolator.com/en/shipping/tracker?searchValue=%s'),
  ('Spee-Dee Delivery', 'https://www.speedeedelivery.com/track/?tracking=%s'),
  ('UPS', 'https://wwwapps.ups.com/WebTracking/track?track=yes&trackNums=%s'),
  ('USPS', 'https://tools.usps.com/go/TrackConfirmAction?tLabels=%s'),
  ('Yodel', 'https://www.yodel.co.uk/tracking/%s'),
  ('YunExpress', 'https://www.yuntrack.com/parcelTracking?id=%s');
GRANT SELECT ON tracking_url_templates TO packbench_hub;

-- Every Shopify fulfillment made for one of our fulfillment orders (fulfillment_orders.shopify_fulfillment_id keeps
-- the last one, as before).
CREATE TABLE shopify_fulfillments (
  fulfillment_order_id   bigint NOT NULL REFERENCES fulfillment_orders(id),
  shopify_fulfillment_id text NOT NULL,
  created_at             timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (fulfillment_order_id, shopify_fulfillment_id)
);
INSERT INTO shopify_fulfillments (fulfillment_order_id, shopify_fulfillment_id)
  SELECT id, shopify_fulfillment_id FROM fulfillment_orders
   WHERE shopify_fulfillment_id IS NOT NULL AND shopify_fulfillment_id <> 'unknown';
GRANT SELECT, INSERT ON shopify_fulfillments TO packbench_hub;

-- A recognised tracking number for one box of the order this station holds (the station checked its check digit
-- against the courier dataset). Answers the tracking URL this database computed from the company. A box keeps the
-- first number it gets (PBC20); one order's boxes go with one company (PBC21), each with its own number (PBC22).
DROP FUNCTION packbench_attach_tracking(bigint, bigint, bigint, integer, text, text, timestamptz);
CREATE FUNCTION packbench_attach_tracking(p_claim bigint, p_station bigint, p_fo bigint, p_box integer,
                                          p_courier text, p_company text, p_tracking_number text, p_now timestamptz)
  RETURNS text LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE
  now_ timestamptz := packbench_effective_now(p_now);
  box packages%ROWTYPE;
  other record;
  url text;
BEGIN
  PERFORM packbench_own_claim(p_claim, p_station, p_fo, now_);
  -- Normalised as the station sends it: upper-case letters, digits and LaserShip's dash; no URL can pass.
  IF COALESCE(p_tracking_number, '') !~ '^[A-Z0-9][A-Z0-9-]{5,39}$' OR COALESCE(p_courier, '') !~ '^[a-z0-9_]{1,40}$'
     OR COALESCE(p_company, '') !~ '^[^[:cntrl:]<>:/\\"]{1,100}$' OR COALESCE(p_box, 0) NOT BETWEEN 1 AND 999 THEN
    RAISE EXCEPTION 'not a tracking number' USING ERRCODE = 'PBI03';
  END IF;
  PERFORM packbench_lock_order(p_fo); -- two benches' attaches to one order take turns
  SELECT * INTO box FROM packages WHERE fulfillment_order_id = p_fo AND box_no = p_box;
  IF FOUND AND box.tracking_number IS NOT NULL THEN
    IF box.tracking_number = p_tracking_number THEN
      RETURN box.tracking_url; -- the same label scanned again: nothing changes
    END IF;
    RAISE EXCEPTION 'Box % already has tracking number %.', p_box, box.tracking_number USING ERRCODE = 'PBC20';
  END IF;
  SELECT box_no, tracking_company INTO other FROM packages
   WHERE fulfillment_order_id = p_fo AND box_no <> p_box AND tracking_number IS NOT NULL
     AND tracking_company IS DISTINCT FROM p_company LIMIT 1;
  IF FOUND THEN
    RAISE EXCEPTION 'Box % ships with %; one fulfillment carries one tracking company.', other.box_no,
      COALESCE(other.tracking_company, 'another carrier') USING ERRCODE = 'PBC21';
  END IF;
  SELECT box_no INTO other FROM packages
   WHERE fulfillment_order_id = p_fo AND box_no <> p_box AND tracking_number = p_tracking_number LIMIT 1;
  IF FOUND THEN
    RAISE EXCEPTION 'That label is already on box %.', other.box_no USING ERRCODE = 'PBC22';
  END IF;
  SELECT replace(t.url_template, '%s', p_tracking_number) INTO url FROM tracking_url_templates t
   WHERE t.company = p_company;
  INSERT INTO packages (fulfillment_order_id, box_no, tracking_courier, tracking_company, tracking_number, tracking_url)
  VALUES (p_fo, p_box, p_courier, p_company, p_tracking_number, url)
    ON CONFLICT (fulfillment_order_id, box_no)
    DO UPDATE SET tracking_courier = EXCLUDED.tracking_courier, tracking_company = EXCLUDED.tracking_company,
                  tracking_number = EXCLUDED.tracking_number, tracking_url = EXCLUDED.tracking_url;
  PERFORM packbench_audit(now_, p_station, NULL, 'tracking.attached', p_fo,
                          jsonb_build_object('claim_id', p_claim, 'box_no', p_box, 'company', p_company));
  RETURN url;
END $$;
REVOKE ALL ON FUNCTION packbench_attach_tracking(bigint, bigint, bigint, integer, text, text, text, timestamptz)
  FROM PUBLIC;
GRANT EXECUTE ON FUNCTION packbench_attach_tracking(bigint, bigint, bigint, integer, text, text, text, timestamptz)
  TO packbench_station, packbench_hub;
