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
// The same on another cluster (e.g. the TLS one), reached with `server`'s settings.
Result<db::ConnectionSettings> createScratchDatabaseOn(const db::ConnectionSettings &server, const QString &prefix);

// The TLS-only cluster (FIXTURES postgres_tls, tests/support/postgres-tls-fixture.sh): host "localhost",
// sslmode verify-full against the fixture's CA, logged in as postgres by client certificate.
Result<db::ConnectionSettings> tlsFixtureServer();
// A file the TLS fixture made, e.g. "ca.crt", "pbt_tls_station.key" (see the fixture script).
QString tlsFixtureFile(const QString &name);

// A scratch database with the PostgreSQL migrations applied, and a superuser connection to it.
struct MigratedDatabase {
  db::ConnectionSettings settings;
  QSqlDatabase db;
};
Result<MigratedDatabase> createMigratedDatabase(const QString &prefix);

// First column of the first row as a number; -1 (and a warning) when the query fails or is empty.
qint64 scalar(const QSqlDatabase &db, const QString &sql, const QVariantList &values = {});
// The first column of the first row, as it came; null when there is no row or the query failed (and said why).
QVariant value(const QSqlDatabase &db, const QString &sql, const QVariantList &values = {});
// First column of the first row as text; "<none>" (and a warning when it failed) when the query fails or is empty.
QString text(const QSqlDatabase &db, const QString &sql, const QVariantList &values = {});

} // namespace pb::test
