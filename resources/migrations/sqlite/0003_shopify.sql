-- SPDX-FileCopyrightText: 2026 Packbench contributors
-- SPDX-License-Identifier: GPL-3.0-or-later
-- Shopify ingest lives on the hub (PostgreSQL only); kept so versions stay aligned.
SELECT 1;
