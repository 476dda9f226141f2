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
  // TLS (libpq names). "auto": verify-full for a host on the network, prefer on this machine.
  QString sslMode = QStringLiteral("auto");
  QString sslRootCert; // CA file; empty = libpq's ~/.postgresql/root.crt
  QString sslCert;     // client certificate and key, for `cert` logins
  QString sslKey;
  // A silent network path (no reset) counts as lost after this long: keepalives and tcp_user_timeout.
  int linkTimeoutSeconds = 10;

  static ConnectionSettings fromConfig(const config::Config &config);
  // "postgres packbench@host:port" or "sqlite /path"; safe for logs.
  QString describe() const;
  // The sslmode libpq gets: "auto" resolved against the host.
  QString effectiveSslMode() const;
};

QString defaultSqlitePath();

// libpq connect options that make a silent network path count as lost after `seconds` (TCP sockets only).
QString linkTimeoutOptions(int seconds);

// Opens a named connection (one per thread). SQLite gets WAL, foreign keys and a busy timeout.
Result<QSqlDatabase> openDatabase(const ConnectionSettings &settings, const QString &connectionName);

} // namespace pb::db
