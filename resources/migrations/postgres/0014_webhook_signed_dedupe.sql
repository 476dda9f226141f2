-- SPDX-FileCopyrightText: 2026 Packbench contributors
-- SPDX-License-Identifier: GPL-3.0-or-later
-- Webhook dedupe keyed on what Shopify signs. X-Shopify-Webhook-Id and X-Shopify-Event-Id are not covered
-- by the HMAC: keyed on them alone, a captured body sent again under a fresh id was stored and applied
-- again, and a captured body sent under the id of a delivery Shopify is still retrying made the genuine
-- retry look like a duplicate (lost). A delivery is now the same one when shop, topic and the SHA-256 of
-- the signed body agree; the ids stay as looked-up columns. The hash is written once, at ingest:
-- redaction blanks the body but a replay of the original is still recognised.
ALTER TABLE webhook_inbox ADD COLUMN body_sha256 bytea;
-- Rows blanked by redaction may share a body: keep the first as is, make later ones unique by their id.
UPDATE webhook_inbox AS w SET body_sha256 = CASE
    WHEN EXISTS (SELECT 1 FROM webhook_inbox e WHERE e.shop_domain = w.shop_domain AND e.topic = w.topic
                 AND e.body = w.body AND e.id < w.id AND e.status <> 'dead')
      THEN sha256(w.body || int8send(w.id))
    ELSE sha256(w.body)
  END;
ALTER TABLE webhook_inbox ALTER COLUMN body_sha256 SET NOT NULL;
ALTER TABLE webhook_inbox ADD CONSTRAINT webhook_inbox_body_sha256_size CHECK (length(body_sha256) = 32);
-- Every insert gets its hash here, whoever writes the row (the hub passes none).
CREATE FUNCTION webhook_inbox_hash_body() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  NEW.body_sha256 := sha256(NEW.body);
  RETURN NEW;
END $$;
REVOKE ALL ON FUNCTION webhook_inbox_hash_body() FROM PUBLIC; -- fires as a trigger only
CREATE TRIGGER webhook_inbox_hash_body BEFORE INSERT ON webhook_inbox
  FOR EACH ROW EXECUTE FUNCTION webhook_inbox_hash_body();
-- A dead letter does not count: the same body delivered again (after a fix) is tried again.
CREATE UNIQUE INDEX webhook_inbox_signed_body ON webhook_inbox (shop_domain, topic, body_sha256)
  WHERE status <> 'dead';

ALTER TABLE webhook_inbox DROP CONSTRAINT webhook_inbox_webhook_id_key;
CREATE INDEX webhook_inbox_webhook_id ON webhook_inbox (webhook_id);
DROP INDEX webhook_inbox_event;
CREATE INDEX webhook_inbox_event ON webhook_inbox (shop_domain, topic, event_id) WHERE event_id IS NOT NULL;
