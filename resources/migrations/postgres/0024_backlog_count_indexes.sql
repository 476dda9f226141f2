-- SPDX-FileCopyrightText: 2026 Packbench contributors
-- SPDX-License-Identifier: GPL-3.0-or-later
-- The hub's probe counts the inbox and outbox rows not settled yet every 2 s, for /healthz and /metrics
-- (`webhookinbox::unsettledCounts`, `outbox::unsettledCounts`). No index matched `status <> 'processed'` or
-- `status <> 'done'`, so each count read the whole table: with 370,000 webhooks stored, a 580 MB parallel scan
-- (184 ms, three processes) every 2 s, growing with every delivery, which is why the 30-minute soak's p99 climbed;
-- and past about a million rows it would pass the probe's 1 s statement timeout and the backlog would go unreported.
-- These indexes hold only the rows not settled (the backlog and dead letters), so a count reads only those.
CREATE INDEX webhook_inbox_unsettled ON webhook_inbox (status) WHERE status <> 'processed';
CREATE INDEX outbox_unsettled ON outbox (status) WHERE status <> 'done';
