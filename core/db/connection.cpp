// SPDX-FileCopyrightText: 2026 Packbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/db/connection.h"

#include "core/db/sql.h"
#include "core/db/transportsecurity.h"

#include <QCoreApplication>
#include <QDeadlineTimer>
#include <QDir>
#include <QFileInfo>
#include <QLoggingCategory>
#include <QStandardPaths>
#include <QThread>

#include <algorithm>

namespace pb::db {

namespace {
Q_LOGGING_CATEGORY(lcConnection, "packbench.core.db.connection")

bool isSqliteBusy(const Error &error)
{
  return error.code == u"5" || error.code == u"6"; // SQLITE_BUSY, SQLITE_LOCKED
}

Status applySqlitePragmas(const QSqlDatabase &db)
{
  // FULL sync: a scan acknowledged to the packer must survive a power cut. The busy timeout is set at open
  // (QSQLITE_BUSY_TIMEOUT), so switching a new file to WAL waits for another connection's lock.
  const QStringList pragmas = {QStringLiteral("PRAGMA journal_mode=WAL"), QStringLiteral("PRAGMA synchronous=FULL"),
                               QStringLiteral("PRAGMA foreign_keys=ON")};
  for (const QString &pragma : pragmas) {
    auto result = execStatic(db, pragma);
    // SQLite answers BUSY at once, without its busy handler, when switching a new file to WAL would deadlock
    // with another connection opening it: wait and ask again.
    QDeadlineTimer patience(5000);
    while (!result && isSqliteBusy(result.error()) && !patience.hasExpired()) {
      QThread::msleep(10);
      result = execStatic(db, pragma);
    }
    if (!result)
      return result.error();
  }
  return {};
}
} // namespace

ConnectionSettings ConnectionSettings::fromConfig(const config::Config &config)
{
  using namespace config::keys;
  ConnectionSettings s;
  s.driver = config.get(DatabaseDriver) == u"postgres" ? Driver::Postgres : Driver::Sqlite;
  s.sqlitePath = config.get(DatabaseSqlitePath);
  if (s.sqlitePath.isEmpty())
    s.sqlitePath = defaultSqlitePath();
  s.host = config.get(DatabaseHost);
  s.port = config.get(DatabasePort);
  s.name = config.get(DatabaseName);
  s.user = config.get(DatabaseUser);
  s.password = config.get(DatabasePassword);
  s.sslMode = config.get(DatabaseSslMode);
  s.sslRootCert = config.get(DatabaseSslRootCert);
  s.sslCert = config.get(DatabaseSslCert);
  s.sslKey = config.get(DatabaseSslKey);
  s.linkTimeoutSeconds = config.get(DatabaseLinkTimeoutSeconds);
  return s;
}

QString ConnectionSettings::describe() const
{
  if (driver == Driver::Sqlite)
    return QStringLiteral("sqlite %1").arg(sqlitePath);
  return QStringLiteral("postgres %1@%2:%3/%4").arg(user, host).arg(port).arg(name);
}

QString ConnectionSettings::effectiveSslMode() const
{
  if (sslMode.isEmpty() || sslMode == u"auto")
    return isLocalHost(host) ? QStringLiteral("prefer") : QStringLiteral("verify-full");
  return sslMode;
}

QString defaultSqlitePath()
{
  return QDir(QStandardPaths::writableLocation(QStandardPaths::AppLocalDataLocation))
      .filePath(QStringLiteral("packbench.sqlite"));
}

QString linkTimeoutOptions(int seconds)
{
  // Idle links are probed after half the budget, three unanswered probes share the rest; unacknowledged data (a
  // query sent into the void) is given up after the whole of it.
  const int idle = std::max(1, seconds / 2);
  const int interval = std::max(1, (seconds - idle) / 3);
  return QStringLiteral("connect_timeout=%1;application_name=packbench;keepalives=1;keepalives_idle=%2;"
                        "keepalives_interval=%3;keepalives_count=3;tcp_user_timeout=%4;")
      .arg(std::max(2, seconds / 2))
      .arg(idle)
      .arg(interval)
      .arg(seconds * 1000);
}

Result<QSqlDatabase> openDatabase(const ConnectionSettings &settings, const QString &connectionName)
{
  const QString driverName = settings.driver == Driver::Postgres ? QStringLiteral("QPSQL") : QStringLiteral("QSQLITE");
  if (!QSqlDatabase::isDriverAvailable(driverName))
    return makeError(ErrorKind::Unavailable,
                     QCoreApplication::translate("pb::db::Connection", "Qt SQL driver %1 is not installed (Debian: %2)")
                         .arg(driverName, settings.driver == Driver::Postgres ? QStringLiteral("libqt6sql6-psql")
                                                                              : QStringLiteral("libqt6sql6-sqlite")));
  QSqlDatabase db = QSqlDatabase::addDatabase(driverName, connectionName);
  if (settings.driver == Driver::Sqlite) {
    if (!QDir().mkpath(QFileInfo(settings.sqlitePath).absolutePath()))
      return makeError(
          ErrorKind::Unavailable,
          QCoreApplication::translate("pb::db::Connection", "cannot create directory for %1").arg(settings.sqlitePath));
    db.setDatabaseName(settings.sqlitePath);
    db.setConnectOptions(QStringLiteral("QSQLITE_BUSY_TIMEOUT=5000"));
  } else {
    db.setHostName(settings.host);
    db.setPort(settings.port);
    db.setDatabaseName(settings.name);
    db.setUserName(settings.user);
    db.setPassword(settings.password);
    // A pulled cable sends no reset: keepalives and a TCP user timeout bound how long a query can hang on it
    // (database.link_timeout_seconds) before the station shows the database as unavailable. Unix sockets ignore them.
    auto tls = tlsConnectOptions(settings);
    if (!tls) {
      db = QSqlDatabase();
      QSqlDatabase::removeDatabase(connectionName);
      return tls.error();
    }
    db.setConnectOptions(linkTimeoutOptions(settings.linkTimeoutSeconds) + *tls);
  }
  if (!db.open()) {
    Error error = toError(db.lastError(), QStringLiteral("cannot open %1").arg(settings.describe()));
    if (settings.driver == Driver::Postgres)
      error.message += tlsFailureHint(error.message, settings);
    db = QSqlDatabase();
    QSqlDatabase::removeDatabase(connectionName);
    return makeError(ErrorKind::Unavailable, error.message);
  }
  if (settings.driver == Driver::Sqlite) {
    if (Status pragmas = applySqlitePragmas(db); !pragmas) {
      db.close();
      db = QSqlDatabase();
      QSqlDatabase::removeDatabase(connectionName);
      return pragmas.error();
    }
  }
  if (settings.driver == Driver::Postgres) {
    qCInfo(lcConnection).noquote() << "connected:" << settings.describe() << "over" << describeTransport(db);
    if (!isLocalHost(settings.host) && !verifiesServer(settings.effectiveSslMode()))
      qCWarning(lcConnection).noquote() << "database.sslmode" << settings.effectiveSslMode()
                                        << "does not verify the server: another machine on the network can pose as it";
  } else {
    qCInfo(lcConnection) << "connected:" << settings.describe();
  }
  return db;
}

} // namespace pb::db
