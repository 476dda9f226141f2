-- SPDX-FileCopyrightText: 2026 Packbench contributors
-- SPDX-License-Identifier: GPL-3.0-or-later
-- A bench that starts again (or a packer who signs in again) asks for the order it finished last, to reprint it and to
-- warn about a box whose carrier label never printed (queue::lastPackedAtStation). Without this index that is a scan
-- of every claim ever made; with it, one index entry. Small: only finished claims, three columns.
CREATE INDEX claims_finished_by_station ON claims (station_id, released_at DESC, id DESC)
  WHERE release_reason = 'completed';
