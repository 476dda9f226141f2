-- SPDX-FileCopyrightText: 2026 Packbench contributors
-- SPDX-License-Identifier: GPL-3.0-or-later
-- A station is one installation, not one host name: two benches cloned with the same host name were one
-- station and resumed each other's claims. install_id is the installation's own UUID (kept in its data
-- directory); name is only what leads read. A row from before this migration has no install_id yet: the
-- first installation that registers under its name adopts it (and its history), any other gets a new row.
ALTER TABLE stations ADD COLUMN install_id text;
ALTER TABLE stations DROP CONSTRAINT stations_name_key;
CREATE UNIQUE INDEX stations_install_id ON stations (install_id);
CREATE INDEX stations_unadopted_name ON stations (name) WHERE install_id IS NULL;
GRANT UPDATE (name, install_id) ON stations TO packbench_station;
