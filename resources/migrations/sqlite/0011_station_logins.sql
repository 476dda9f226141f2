-- SPDX-FileCopyrightText: 2026 Packbench contributors
-- SPDX-License-Identifier: GPL-3.0-or-later
-- Twin of PostgreSQL 0011 where the embedded database needs it: a lead's approval of a manual count is recorded
-- by packer id, not as a badge number in the free-text reason. (Station logins, row-level security and PIN
-- lockout are PostgreSQL's: the embedded database has one user.)
ALTER TABLE scan_events ADD COLUMN approved_by INTEGER REFERENCES packers(id);
