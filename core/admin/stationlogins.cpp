// SPDX-FileCopyrightText: 2026 Packbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/admin/stationlogins.h"

#include "core/admin/databaselogins.h"
#include "core/db/sql.h"

#include <QLoggingCategory>

using namespace Qt::StringLiterals;

namespace pb::admin {

namespace {
Q_LOGGING_CATEGORY(lcStationLogins, "packbench.core.admin.stationlogins")

QString arrayLiteral(const QList<qint64> &ids)
{
  QStringList parts;
  for (const qint64 id : ids)
    parts.append(QString::number(id));
  return u"{%1}"_s.arg(parts.join(u','));
}
} // namespace

Result<StationScope> resolveStationScope(const QSqlDatabase &db, const QString &shopDomain,
                                         const QStringList &locationCodes)
{
  if (shopDomain.trimmed().isEmpty() || locationCodes.isEmpty())
    return makeError(ErrorKind::InvalidInput, u"a station login needs --shop DOMAIN and --location CODE[,CODE]"_s);
  StationScope scope;
  auto shop = db::execOneRow(db, u"SELECT id, domain FROM shops WHERE domain = ?"_s, {shopDomain.trimmed()},
                             u"no shop with the domain %1"_s.arg(shopDomain.trimmed()));
  if (!shop)
    return shop.error();
  scope.shopId = shop.value().value(0).toLongLong();
  scope.shopDomain = shop.value().value(1).toString();
  for (const QString &raw : locationCodes) {
    const QString code = raw.trimmed();
    auto location =
        db::execOneRow(db, u"SELECT id FROM locations WHERE shop_id = ? AND code = ?"_s, {scope.shopId, code},
                       u"shop %1 has no location with the code '%2'"_s.arg(scope.shopDomain, code));
    if (!location)
      return location.error();
    const qint64 id = location.value().value(0).toLongLong();
    if (!scope.locationIds.contains(id)) {
      scope.locationIds.append(id);
      scope.locationCodes.append(code);
    }
  }
  return scope;
}

Status createStationLogin(QSqlDatabase db, const QString &name, const StationScope &scope, const QString &password)
{
  if (scope.shopId == 0 || scope.locationIds.isEmpty())
    return makeError(ErrorKind::InvalidInput, u"a station login needs a shop and at least one location"_s);
  return db::inTransaction(db, [&]() -> Status {
    if (Status created = createLogin(db, name, LoginGroup::Station, password); !created)
      return created;
    auto mapped =
        db::exec(db, u"INSERT INTO station_logins (login, shop_id, location_ids) VALUES (?, ?, ?::bigint[])"_s,
                 {name, scope.shopId, arrayLiteral(scope.locationIds)});
    if (!mapped)
      return mapped.error();
    return {};
  });
}

Result<QList<StationLoginRecord>> listStationLogins(const QSqlDatabase &db)
{
  auto query = db::exec(
      db,
      u"SELECT r.rolname, r.rolcanlogin, s.domain, "
      "  (SELECT string_agg(l.code, ',' ORDER BY l.code) FROM locations l WHERE l.id = ANY (m.location_ids)), "
      "  m.revoked_at "
      "FROM station_logins m JOIN shops s ON s.id = m.shop_id LEFT JOIN pg_roles r ON r.rolname = m.login "
      "UNION ALL "
      "SELECT r.rolname, r.rolcanlogin, NULL, NULL, NULL FROM pg_roles r "
      "JOIN pg_auth_members a ON a.member = r.oid JOIN pg_roles g ON g.oid = a.roleid "
      "WHERE g.rolname = 'packbench_station' AND NOT EXISTS (SELECT 1 FROM station_logins m WHERE m.login = r.rolname) "
      "ORDER BY 1"_s);
  if (!query)
    return query.error();
  QList<StationLoginRecord> logins;
  while (query.value().next()) {
    const QSqlQuery &q = query.value();
    StationLoginRecord record;
    record.name = q.value(0).toString();
    record.canLogin = q.value(1).toBool();
    record.shopDomain = q.value(2).toString();
    record.locationCodes = q.value(3).toString().split(u',', Qt::SkipEmptyParts);
    record.revokedAt = q.value(4).toDateTime();
    logins.append(record);
  }
  return logins;
}

Status revokeStationLogin(QSqlDatabase db, const QString &name)
{
  if (Status valid = checkLoginName(name); !valid)
    return valid;
  const Status revoked = db::inTransaction(db, [&]() -> Status {
    auto marked =
        db::exec(db, u"UPDATE station_logins SET revoked_at = COALESCE(revoked_at, now()) WHERE login = ?"_s, {name});
    if (!marked)
      return marked.error();
    if (marked.value().numRowsAffected() == 0)
      return makeError(ErrorKind::NotFound, u"%1 is not a station login"_s.arg(name));
    // ALTER ROLE / REVOKE take no bound values: the server quotes the name (format %I) in a session-only function.
    auto function = db::execStatic(db, u"CREATE OR REPLACE FUNCTION pg_temp.packbench_revoke_station_login(login text) "
                                       "RETURNS void LANGUAGE plpgsql AS $$ BEGIN "
                                       "IF EXISTS (SELECT 1 FROM pg_roles WHERE rolname = login) THEN "
                                       "EXECUTE format('ALTER ROLE %I NOLOGIN', login); "
                                       "EXECUTE format('REVOKE packbench_station FROM %I', login); "
                                       "END IF; END $$"_s);
    if (!function)
      return function.error();
    auto done = db::exec(db, u"SELECT pg_temp.packbench_revoke_station_login(?)"_s, {name});
    if (!done)
      return done.error();
    return {};
  });
  if (!revoked)
    return revoked;
  // Sessions already open lost every privilege with the commit; ending them tells the station at once.
  auto ended =
      db::exec(db, u"SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity WHERE usename = ?"_s, {name});
  if (!ended)
    qCWarning(lcStationLogins).noquote() << "could not end the open sessions of" << name << ":"
                                         << ended.error().message;
  return {};
}

} // namespace pb::admin
