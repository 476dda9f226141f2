-- SPDX-FileCopyrightText: 2026 Packbench contributors
-- SPDX-License-Identifier: GPL-3.0-or-later
-- Twin of PostgreSQL 0009: stations keyed by installation (install_id), the name only for display.
-- SQLite cannot drop a column's UNIQUE: the table is rebuilt with the same ids. Foreign keys are checked at
-- commit, when every referenced id is back.
PRAGMA defer_foreign_keys = ON;
CREATE TEMP TABLE stations_before AS SELECT id, name, location_id, last_seen_at FROM stations;
DROP TABLE stations;
CREATE TABLE stations (
  id            INTEGER PRIMARY KEY,
  name          TEXT NOT NULL,
  location_id   INTEGER REFERENCES locations(id),
  last_seen_at  TEXT,
  install_id    TEXT
);
INSERT INTO stations (id, name, location_id, last_seen_at) SELECT id, name, location_id, last_seen_at FROM stations_before;
DROP TABLE stations_before;
CREATE UNIQUE INDEX stations_install_id ON stations (install_id);
CREATE INDEX stations_unadopted_name ON stations (name) WHERE install_id IS NULL;
