-- SPDX-FileCopyrightText: 2026 Packbench contributors
-- SPDX-License-Identifier: GPL-3.0-or-later
-- Queue twin of PostgreSQL 0002: the lease indexes. Roles, RLS, secrets and NOTIFY have no SQLite form.

CREATE INDEX claims_expiry ON claims (expires_at) WHERE released_at IS NULL;
CREATE INDEX claims_station_open ON claims (station_id) WHERE released_at IS NULL;
