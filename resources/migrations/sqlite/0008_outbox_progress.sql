-- SPDX-FileCopyrightText: 2026 Packbench contributors
-- SPDX-License-Identifier: GPL-3.0-or-later
-- The twin of the PostgreSQL migration: the column exists so the schemas stay alike; only the hub (on
-- PostgreSQL) records what a fulfillment.create row has posted.
ALTER TABLE outbox ADD COLUMN progress TEXT NOT NULL DEFAULT '{}';
