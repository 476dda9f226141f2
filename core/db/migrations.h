// SPDX-FileCopyrightText: 2026 Packbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/base/result.h"

#include <QList>
#include <QSqlDatabase>
#include <QString>

namespace pb::db {

struct Migration {
  int version = 0;
  QString name;
  QString sql;
  QString checksum; // SHA-256 of the file, hex
};

// Forward-only, checksummed schema migrations read from NNNN_name.sql files in one directory
// (":/migrations/postgres" or ":/migrations/sqlite" by default).
class MigrationRunner {
public:
  explicit MigrationRunner(QString directory);

  static QString defaultDirectory(const QSqlDatabase &db);

  Result<QList<Migration>> available() const;
  // The highest applied version (0 for an empty database).
  Result<int> currentVersion(const QSqlDatabase &db) const;
  // Applies what is missing, each migration in its own transaction. Refuses a database newer than
  // this binary and one whose applied migrations were edited since (checksum mismatch).
  Result<int> migrate(QSqlDatabase &db) const;
  // Verifies without changing anything: the database is exactly at this binary's version.
  Status verify(const QSqlDatabase &db) const;

private:
  Status checkApplied(const QSqlDatabase &db, const QList<Migration> &known) const;

  QString m_directory;
};

// The code of verify's refusal when the database is older than this program: an upgrade whose `packbench-hub migrate`
// has not run yet, so a station may wait for it. A newer database, or edited migrations, are refused without it.
inline constexpr char kSchemaBehindCode[] = "PBS01";
bool isSchemaBehind(const Error &error);

// Splits a script into statements (SQLite runs one per call); keeps trigger bodies whole.
QStringList splitStatements(const QString &script);

} // namespace pb::db
