-- SPDX-FileCopyrightText: 2026 Packbench contributors
-- SPDX-License-Identifier: GPL-3.0-or-later
-- Twin of PostgreSQL 0015 (tracking) for the embedded database: the courier and Shopify company of a package's
-- tracking number, and the tracking pages by company (the URL is computed from these, as PostgreSQL does). The
-- Shopify side (shopify_fulfillments) is the hub's and lives only in PostgreSQL.
ALTER TABLE packages ADD COLUMN tracking_courier TEXT;
ALTER TABLE packages ADD COLUMN tracking_company TEXT;
CREATE TABLE tracking_url_templates (
  company      TEXT PRIMARY KEY,
  url_template TEXT NOT NULL CHECK (url_template LIKE 'http%://%' AND instr(url_template, '%s') > 0)
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
