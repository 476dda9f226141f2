// SPDX-FileCopyrightText: 2026 Packbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "tests/support/testdatabase.h"

#include "core/db/migrations.h"
#include "core/db/sql.h"

#include <QFile>
#include <QProcessEnvironment>
#include <QUuid>

namespace pb::test {

Result<db::ConnectionSettings> fixtureServer()
{
  const auto env = QProcessEnvironment::systemEnvironment();
  if (!env.contains(QStringLiteral("PACKBENCH_TEST_PGHOST")))
    return makeError(ErrorKind::Unavailable, QStringLiteral("PACKBENCH_TEST_PGHOST is not set: run through ctest "
                                                            "so the postgres fixture starts"));
  db::ConnectionSettings s;
  s.driver = db::Driver::Postgres;
  s.host = env.value(QStringLiteral("PACKBENCH_TEST_PGHOST"));
  s.port = env.value(QStringLiteral("PACKBENCH_TEST_PGPORT"), QStringLiteral("5432")).toInt();
  s.user = QStringLiteral("postgres");
  s.name = QStringLiteral("postgres");
  return s;
}

QString tlsFixtureFile(const QString &name)
{
  const QString dir = QProcessEnvironment::systemEnvironment().value(QStringLiteral("PACKBENCH_TEST_PGTLS_DIR"));
  return dir.isEmpty() ? QString() : dir + QStringLiteral("/certs/") + name;
}

Result<db::ConnectionSettings> tlsFixtureServer()
{
  const QString dir = QProcessEnvironment::systemEnvironment().value(QStringLiteral("PACKBENCH_TEST_PGTLS_DIR"));
  if (dir.isEmpty())
    return makeError(ErrorKind::Unavailable, QStringLiteral("PACKBENCH_TEST_PGTLS_DIR is not set: run through ctest "
                                                            "so the postgres_tls fixture starts"));
  QFile portFile(dir + QStringLiteral("/port"));
  if (!portFile.open(QIODevice::ReadOnly))
    return makeError(
        ErrorKind::Unavailable,
        QStringLiteral("the TLS cluster is not running (%1: %2)").arg(portFile.fileName(), portFile.errorString()));
  db::ConnectionSettings s;
  s.driver = db::Driver::Postgres;
  s.host = QStringLiteral("localhost");
  s.port = QString::fromLatin1(portFile.readAll()).trimmed().toInt();
  s.user = QStringLiteral("postgres");
  s.name = QStringLiteral("postgres");
  s.sslMode = QStringLiteral("verify-full");
  s.sslRootCert = tlsFixtureFile(QStringLiteral("ca.crt"));
  s.sslCert = tlsFixtureFile(QStringLiteral("postgres.crt"));
  s.sslKey = tlsFixtureFile(QStringLiteral("postgres.key"));
  return s;
}

Result<db::ConnectionSettings> createScratchDatabase(const QString &prefix)
{
  auto server = fixtureServer();
  if (!server)
    return server.error();
  return createScratchDatabaseOn(*server, prefix);
}

Result<db::ConnectionSettings> createScratchDatabaseOn(const db::ConnectionSettings &server, const QString &prefix)
{
  const QString name = prefix + QLatin1Char('_') + QUuid::createUuid().toString(QUuid::Id128).left(12);
  {
    const QString admin = QStringLiteral("admin-") + name;
    {
      auto opened = db::openDatabase(server, admin);
      if (!opened)
        return opened.error();
      // CREATE DATABASE cannot take a bound parameter; the name is generated above, never user input.
      QSqlQuery query(*opened);
      if (!query.exec(QStringLiteral("CREATE DATABASE \"%1\"").arg(name)))
        return db::toError(query.lastError(), QStringLiteral("create database"));
    } // every handle on the admin connection is gone before it is removed
    QSqlDatabase::removeDatabase(admin);
  }
  db::ConnectionSettings settings = server;
  settings.name = name;
  return settings;
}

Result<MigratedDatabase> createMigratedDatabase(const QString &prefix)
{
  auto settings = createScratchDatabase(prefix);
  if (!settings)
    return settings.error();
  auto opened = db::openDatabase(*settings, prefix + QStringLiteral("-admin"));
  if (!opened)
    return opened.error();
  MigratedDatabase scratch{*settings, std::move(opened).value()};
  if (auto migrated = db::MigrationRunner(QStringLiteral(":/migrations/postgres")).migrate(scratch.db); !migrated)
    return migrated.error();
  return scratch;
}

QVariant value(const QSqlDatabase &db, const QString &sql, const QVariantList &values)
{
  auto query = db::exec(db, sql, values);
  if (!query) {
    qWarning("value query failed: %s", qPrintable(query.error().message));
    return {};
  }
  return query.value().next() ? query.value().value(0) : QVariant();
}

qint64 scalar(const QSqlDatabase &db, const QString &sql, const QVariantList &values)
{
  auto query = db::exec(db, sql, values);
  if (!query) {
    qWarning("scalar query failed: %s", qPrintable(query.error().message));
    return -1;
  }
  if (!query.value().next())
    return -1;
  return query.value().value(0).toLongLong();
}

QString text(const QSqlDatabase &db, const QString &sql, const QVariantList &values)
{
  auto query = db::exec(db, sql, values);
  if (!query) {
    qWarning("text query failed: %s", qPrintable(query.error().message));
    return QStringLiteral("<none>");
  }
  if (!query.value().next())
    return QStringLiteral("<none>");
  return query.value().value(0).toString();
}

} // namespace pb::test
