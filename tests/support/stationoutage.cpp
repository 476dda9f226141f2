// SPDX-FileCopyrightText: 2026 Packbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "tests/support/stationoutage.h"

#include "core/db/demodata.h"
#include "core/db/migrations.h"
#include "core/db/sql.h"
#include "tests/support/stationlogin.h"
#include "tests/support/testdatabase.h"

#include <QTest>

namespace pb::test {

Status StationOutage::open(const QString &prefix, const QString &loginPrefix, const Clock &clock)
{
  auto scratch = createScratchDatabase(prefix);
  if (!scratch)
    return scratch.error();
  m_settings = *scratch;
  auto admin = db::openDatabase(m_settings, prefix + QStringLiteral("-admin"));
  if (!admin)
    return admin.error();
  m_admin = *admin;
  auto serverSettings = fixtureServer();
  if (!serverSettings)
    return serverSettings.error();
  auto server = db::openDatabase(*serverSettings, prefix + QStringLiteral("-server"));
  if (!server)
    return server.error();
  m_server = *server;
  if (auto migrated = db::MigrationRunner(QStringLiteral(":/migrations/postgres")).migrate(m_admin); !migrated)
    return migrated.error();
  if (auto seeded = db::seedDemoData(m_admin, clock); !seeded)
    return seeded.error();
  auto login = createDemoShopStationLogin(m_admin, loginPrefix);
  if (!login)
    return login.error();
  m_stationRole = *login;
  return {};
}

Result<QSqlDatabase> StationOutage::logInStation(const QString &connection) const
{
  db::ConnectionSettings station = m_settings;
  station.user = m_stationRole;
  return db::openDatabase(station, connection);
}

Status StationOutage::cutOff(bool killBackends)
{
  auto closed =
      db::execStatic(m_server, QStringLiteral("ALTER DATABASE \"%1\" ALLOW_CONNECTIONS false").arg(m_settings.name));
  if (!closed)
    return closed.error();
  if (!killBackends)
    return {};
  auto killed =
      db::exec(m_admin, QStringLiteral("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE usename = ?"),
               {m_stationRole});
  if (!killed)
    return killed.error();
  const QString left = QStringLiteral("SELECT count(*) FROM pg_stat_activity WHERE usename = ?");
  for (int waited = 0; scalar(m_admin, left, {m_stationRole}) > 0; waited += 50) {
    if (waited > 5000)
      return makeError(ErrorKind::Internal, QStringLiteral("the station's backends did not go"));
    QTest::qWait(50);
  }
  return {};
}

Status StationOutage::bringBack()
{
  auto opened =
      db::execStatic(m_server, QStringLiteral("ALTER DATABASE \"%1\" ALLOW_CONNECTIONS true").arg(m_settings.name));
  if (!opened)
    return opened.error();
  return {};
}

void StationOutage::close()
{
  (void)bringBack();
  (void)db::execStatic(m_admin, QStringLiteral("DROP OWNED BY %1").arg(m_stationRole));
  (void)db::execStatic(m_admin, QStringLiteral("DROP ROLE IF EXISTS %1").arg(m_stationRole));
}

} // namespace pb::test
