-- SPDX-FileCopyrightText: 2026 Packbench contributors
-- SPDX-License-Identifier: GPL-3.0-or-later
-- Role grants exist only in PostgreSQL; kept so versions stay aligned.
SELECT 1;
