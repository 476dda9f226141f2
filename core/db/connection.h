// SPDX-FileCopyrightText: 2026 Packbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/base/result.h"
#include "core/config/config.h"

#include <QSqlDatabase>

namespace pb::db {

enum class Driver { Sqlite, Postgres };

// How to reach the database; built from config, never logged whole (it holds the password).
struct ConnectionSettings {
  Driver driver = Driver::Sqlite;
  QString sqlitePath;
  QString host;
  int port = 5432;
  QString name;
  QString user;
  QString password;

  static ConnectionSettings fromConfig(const config::Config &config);
  // "postgres packbench@host:port" or "sqlite /path"; safe for logs.
  QString describe() const;
};

QString defaultSqlitePath();

// Opens a named connection (one per thread). SQLite gets WAL, foreign keys and a busy timeout.
Result<QSqlDatabase> openDatabase(const ConnectionSettings &settings, const QString &connectionName);

} // namespace pb::db
