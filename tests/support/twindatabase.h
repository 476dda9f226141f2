// SPDX-FileCopyrightText: 2026 Packbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

namespace pb::test {

// For a test registered twice from one source (CONTRIBUTING.md, "Add a test"): its PostgreSQL build defines
// PACKBENCH_TEST_POSTGRES, the other runs on SQLite. Internal linkage: each test decides for itself.
#ifdef PACKBENCH_TEST_POSTGRES
constexpr bool kOnSqlite = false;
#else
constexpr bool kOnSqlite = true;
#endif

} // namespace pb::test
