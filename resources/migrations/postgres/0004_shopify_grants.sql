-- SPDX-FileCopyrightText: 2026 Packbench contributors
-- SPDX-License-Identifier: GPL-3.0-or-later
-- 0002 granted the hub role the tables that existed then; sync_watermarks (0003) came later.
DO $$
BEGIN
  IF EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'packbench_hub') THEN
    GRANT SELECT, INSERT, UPDATE, DELETE ON sync_watermarks TO packbench_hub;
  END IF;
END $$;
