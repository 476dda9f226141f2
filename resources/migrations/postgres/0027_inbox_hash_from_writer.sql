-- SPDX-FileCopyrightText: 2026 Packbench contributors
-- SPDX-License-Identifier: GPL-3.0-or-later
-- The hub now passes each webhook's body_sha256 with the row: it hashes the signed body anyway, to match the
-- RETURNING rows back to its deliveries. The trigger of 0014 fills the hash only for a row written without one
-- (any other writer), so a stored webhook no longer costs a PL/pgSQL call. Whoever may insert here could insert
-- any body at all, so a writer's own hash adds no new trust: the HMAC is checked by the hub, not here.
DROP TRIGGER webhook_inbox_hash_body ON webhook_inbox;
CREATE TRIGGER webhook_inbox_hash_body BEFORE INSERT ON webhook_inbox
  FOR EACH ROW WHEN (NEW.body_sha256 IS NULL) EXECUTE FUNCTION webhook_inbox_hash_body();
