-- SPDX-FileCopyrightText: 2026 Packbench contributors
-- SPDX-License-Identifier: GPL-3.0-or-later
-- Every stored webhook went into two partial indexes over the same rows: webhook_inbox_pending (id) for the
-- inbox thread's claim, and webhook_inbox_unsettled (status) of 0024 for the backlog counts. One index on
-- (status, id) over the unsettled rows serves both: the claim (status = 'pending' ORDER BY id) walks it in id
-- order, the counts read only its status column. One B-tree insert less per webhook.
DROP INDEX webhook_inbox_pending;
DROP INDEX webhook_inbox_unsettled;
CREATE INDEX webhook_inbox_unsettled ON webhook_inbox (status, id) WHERE status <> 'processed';
