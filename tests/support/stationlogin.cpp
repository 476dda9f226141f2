// SPDX-FileCopyrightText: 2026 Packbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "tests/support/stationlogin.h"

#include "core/admin/stationlogins.h"
#include "core/db/sql.h"

#include <QUuid>

namespace pb::test {

Result<QSqlDatabase> logInAs(const db::ConnectionSettings &settings, const QString &login, const QString &connection)
{
  db::ConnectionSettings s = settings;
  s.user = login;
  s.password.clear();
  return db::openDatabase(s, connection);
}

Result<StationLogin> createStationLogin(const QSqlDatabase &admin, const db::ConnectionSettings &settings,
                                        const QString &prefix, qint64 shopId, const QList<qint64> &locationIds)
{
  StationLogin login;
  login.name = prefix + QUuid::createUuid().toString(QUuid::Id128).left(8);
  admin::StationScope scope;
  scope.shopId = shopId;
  scope.locationIds = locationIds;
  if (Status created = admin::createStationLogin(admin, login.name, scope); !created)
    return created.error();
  auto db = logInAs(settings, login.name, QStringLiteral("as-") + login.name);
  if (!db)
    return db.error();
  login.db = *db;
  return login;
}

Result<QString> createDemoShopStationLogin(const QSqlDatabase &admin, const QString &prefix)
{
  auto locations = db::exec(admin, QStringLiteral("SELECT shop_id, id FROM locations WHERE shop_id = "
                                                  "(SELECT min(id) FROM shops) ORDER BY id"));
  if (!locations)
    return locations.error();
  admin::StationScope scope;
  while (locations.value().next()) {
    scope.shopId = locations.value().value(0).toLongLong();
    scope.locationIds.append(locations.value().value(1).toLongLong());
  }
  const QString name = prefix + QUuid::createUuid().toString(QUuid::Id128).left(10);
  if (Status created = admin::createStationLogin(admin, name, scope); !created)
    return created.error();
  return name;
}

void dropStationLogin(const QSqlDatabase &admin, StationLogin &login)
{
  const QString connection = login.db.connectionName();
  login.db.close();
  login.db = QSqlDatabase();
  QSqlDatabase::removeDatabase(connection);
  (void)db::exec(admin, QStringLiteral("DELETE FROM station_logins WHERE login = ?"), {login.name});
  (void)db::exec(admin, QStringLiteral("UPDATE stations SET login = NULL WHERE login = ?"), {login.name});
  (void)db::execStatic(admin, QStringLiteral("DROP ROLE IF EXISTS %1").arg(login.name));
}

void expectRefused(const QSqlDatabase &db, const QString &sql, const QVariantList &values, ErrorKind kind)
{
  auto result = db::exec(db, sql, values);
  QVERIFY2(!result.ok(), qPrintable(QStringLiteral("allowed: ") + sql));
  QVERIFY2(result.error().kind == kind, qPrintable(sql + QStringLiteral(" -> ") + result.error().message));
}

} // namespace pb::test
