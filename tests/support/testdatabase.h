// SPDX-FileCopyrightText: 2026 Packbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/base/result.h"
#include "core/db/connection.h"

#include <QSqlDatabase>

namespace pb::test {

// Connection settings for the fixture's throwaway cluster (superuser), from PACKBENCH_TEST_PGHOST.
// Fails (never skips) when the variable is missing: a db test without a database must not pass.
Result<db::ConnectionSettings> fixtureServer();

// Creates a fresh, uniquely named database on the fixture cluster and returns its settings.
Result<db::ConnectionSettings> createScratchDatabase(const QString &prefix);

// A scratch database with the PostgreSQL migrations applied, and a superuser connection to it.
struct MigratedDatabase {
  db::ConnectionSettings settings;
  QSqlDatabase db;
};
Result<MigratedDatabase> createMigratedDatabase(const QString &prefix);

// First column of the first row as a number; -1 (and a warning) when the query fails or is empty.
qint64 scalar(const QSqlDatabase &db, const QString &sql, const QVariantList &values = {});

} // namespace pb::test
