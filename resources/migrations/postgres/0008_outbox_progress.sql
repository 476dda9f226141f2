-- SPDX-FileCopyrightText: 2026 Packbench contributors
-- SPDX-License-Identifier: GPL-3.0-or-later
-- What an outbox row has done at Shopify so far: for fulfillment.create, the fulfillments it posted
-- ({"posted": [{"fulfillment_id", "lines": {line id: quantity}}]}) and the calls whose answer never came
-- ({"sent": [{"lines", "sent_at"}]}). A retry decides by this row's own fulfillments, not by everything
-- Shopify shows fulfilled (the merchant may have shipped units elsewhere). Written by the hub only.
ALTER TABLE outbox ADD COLUMN progress jsonb NOT NULL DEFAULT '{}'::jsonb;
ALTER TABLE outbox ADD CONSTRAINT outbox_progress_is_object CHECK (jsonb_typeof(progress) = 'object');
