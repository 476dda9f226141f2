-- SPDX-FileCopyrightText: 2026 Packbench contributors
-- SPDX-License-Identifier: GPL-3.0-or-later
-- Placeholder so 0003 has no gap on the hub branch; replaced by the real 0002 at merge.
SELECT 1;
