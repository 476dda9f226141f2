// SPDX-FileCopyrightText: 2026 Packbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/shopify/locationsync.h"

#include "core/db/sql.h"
#include "core/shopify/graphqlclient.h"
#include "core/shopify/graphqlpaging.h"
#include "core/shopify/ordermapper.h"

#include <QJsonArray>
#include <QLoggingCategory>
#include <QRegularExpression>

namespace pb::shopify {

namespace {
Q_LOGGING_CATEGORY(lcLocations, "packbench.core.shopify.locationsync")

Result<bool> applyOne(QSqlDatabase &db, qint64 shopId, const RemoteLocation &location, const QString &code)
{
  auto byId = db::exec(db, QStringLiteral("SELECT id, code, name FROM locations WHERE shop_id = ? AND shopify_id = ?"),
                       {shopId, location.id});
  if (!byId)
    return byId.error();
  if (byId.value().next()) {
    if (byId->value(1).toString() == code && byId->value(2).toString() == location.name)
      return false;
    auto updated = db::exec(db, QStringLiteral("UPDATE locations SET code = ?, name = ? WHERE id = ?"),
                            {code, location.name, byId->value(0).toLongLong()});
    if (!updated)
      return updated.error();
    return true;
  }
  auto byCode = db::exec(db, QStringLiteral("SELECT id, shopify_id FROM locations WHERE shop_id = ? AND code = ?"),
                         {shopId, code});
  if (!byCode)
    return byCode.error();
  if (byCode.value().next()) {
    if (!byCode->value(1).isNull() && !byCode->value(1).toString().isEmpty())
      return makeError(ErrorKind::InvalidInput, QStringLiteral("location code %1 already names Shopify location %2, "
                                                               "not %3 (check shopify.location_codes)")
                                                    .arg(code, byCode->value(1).toString(), location.id));
    auto adopted = db::exec(db, QStringLiteral("UPDATE locations SET shopify_id = ?, name = ? WHERE id = ?"),
                            {location.id, location.name, byCode->value(0).toLongLong()});
    if (!adopted)
      return adopted.error();
    return true;
  }
  auto inserted =
      db::exec(db, QStringLiteral("INSERT INTO locations (shop_id, shopify_id, code, name) VALUES (?, ?, ?, ?)"),
               {shopId, location.id, code, location.name});
  if (!inserted)
    return inserted.error();
  return true;
}

} // namespace

Result<LocationCodes> LocationCodes::parse(const QString &setting)
{
  LocationCodes codes;
  static const QRegularExpression codePattern(QStringLiteral(R"(^[A-Za-z0-9][A-Za-z0-9_.-]{0,31}$)"));
  for (const QString &entry : setting.split(QLatin1Char(','), Qt::SkipEmptyParts)) {
    const qsizetype eq = entry.indexOf(QLatin1Char('='));
    const QString code = entry.left(eq).trimmed();
    const QString target = eq < 0 ? QString() : entry.mid(eq + 1).trimmed();
    if (eq < 0 || target.isEmpty() || !codePattern.match(code).hasMatch())
      return makeError(
          ErrorKind::InvalidInput,
          QStringLiteral("shopify.location_codes: \"%1\" is not CODE=location id or name").arg(entry.trimmed()));
    const QString id = ordermapper::numericId(target);
    if (!id.isEmpty())
      codes.codeByLocationId.insert(id, code);
    else
      codes.codeByName.insert(target, code);
  }
  return codes;
}

QString LocationCodes::codeFor(const QString &locationId, const QString &name) const
{
  if (codeByLocationId.contains(locationId))
    return codeByLocationId.value(locationId);
  if (codeByName.contains(name))
    return codeByName.value(name);
  return QStringLiteral("L") + locationId;
}

namespace locationsync {

Result<QList<RemoteLocation>> fetch(GraphQlClient &client)
{
  QList<RemoteLocation> result;
  const auto onPage = [&](const QJsonObject &connection) -> Status {
    for (const QJsonValue &value : connection.value(u"nodes").toArray()) {
      const QJsonObject node = value.toObject();
      RemoteLocation location{ordermapper::numericId(node.value(u"id")), node.value(u"name").toString(),
                              node.value(u"isActive").toBool(true)};
      if (location.id.isEmpty())
        return makeError(ErrorKind::InvalidInput, QStringLiteral("location without id"));
      result.append(location);
    }
    return {};
  };
  if (Status paged = graphqlpaging::forEachPage(client, QStringLiteral("ShopLocations"), QJsonObject(),
                                                {QString(), QStringLiteral("locations"), Error()}, onPage);
      !paged)
    return paged.error();
  return result;
}

Result<int> apply(QSqlDatabase &db, qint64 shopId, const QList<RemoteLocation> &remote, const LocationCodes &codes)
{
  int changed = 0;
  const Status written = db::inTransaction(db, [&]() -> Status {
    for (const RemoteLocation &location : remote) {
      auto one = applyOne(db, shopId, location, codes.codeFor(location.id, location.name));
      if (!one)
        return one.error();
      changed += *one ? 1 : 0;
    }
    return {};
  });
  if (!written)
    return written.error();
  if (changed > 0)
    qCInfo(lcLocations) << changed << "location(s) of shop" << shopId << "synced from Shopify";
  return changed;
}

Result<int> sync(GraphQlClient &client, QSqlDatabase &db, qint64 shopId, const LocationCodes &codes)
{
  auto remote = fetch(client);
  if (!remote)
    return remote.error();
  return apply(db, shopId, *remote, codes);
}

} // namespace locationsync
} // namespace pb::shopify
