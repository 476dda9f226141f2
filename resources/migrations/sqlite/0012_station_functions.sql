-- SPDX-FileCopyrightText: 2026 Packbench contributors
-- SPDX-License-Identifier: GPL-3.0-or-later
-- Twin of PostgreSQL 0012 (the station functions). SQLite has no functions: the same checks are the C++ of
-- core/queue and core/packing, chosen by driver. Nothing changes in the embedded schema; the number is kept so
-- both histories stay in step.
SELECT 1;
