// SPDX-FileCopyrightText: 2026 Packbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/queue/stationsite.h"

#include "core/db/sql.h"

#include <QCoreApplication>

namespace pb::queue {

namespace {

QString trSite(const char *text, int n = -1)
{
  return QCoreApplication::translate("pb::queue::StationSite", text, nullptr, n);
}

// Rows of (shop id, shop domain, location id or NULL) as sites.
Result<QList<StationSite>> candidates(const QSqlDatabase &db, const QString &sql, const QVariantList &values)
{
  auto rows = db::exec(db, sql, values);
  if (!rows)
    return rows.error();
  QList<StationSite> sites;
  while (rows.value().next()) {
    StationSite site{rows.value().value(0).toLongLong(), rows.value().value(1).toString(), std::nullopt};
    if (!rows.value().value(2).isNull())
      site.locationId = rows.value().value(2).toLongLong();
    sites.append(site);
  }
  return sites;
}

} // namespace

Result<StationSite> resolveStationSite(const QSqlDatabase &db, const QString &shopDomain, const QString &locationCode)
{
  const QString shop = shopDomain.trimmed();
  const QString code = locationCode.trimmed();
  if (!shop.isEmpty()) {
    auto shops = candidates(db, QStringLiteral("SELECT id, domain, NULL FROM shops WHERE domain = ?"), {shop});
    if (!shops)
      return shops.error();
    if (shops->isEmpty())
      return makeError(
          ErrorKind::NotFound,
          trSite(QT_TRANSLATE_NOOP("pb::queue::StationSite", "No shop %1 in this database (station.shop).")).arg(shop));
    StationSite site = shops->first();
    if (code.isEmpty())
      return site;
    auto location = db::execOneRow(
        db, QStringLiteral("SELECT id FROM locations WHERE shop_id = ? AND code = ?"), {site.shopId, code},
        trSite(QT_TRANSLATE_NOOP("pb::queue::StationSite", "Shop %1 has no location with code %2 (station.location)."))
            .arg(shop, code));
    if (!location)
      return location.error();
    site.locationId = location.value().value(0).toLongLong();
    return site;
  }
  if (code.isEmpty()) {
    auto shops = candidates(db, QStringLiteral("SELECT id, domain, NULL FROM shops ORDER BY id LIMIT 2"), {});
    if (!shops)
      return shops.error();
    if (shops->size() != 1)
      return makeError(
          ErrorKind::InvalidInput,
          trSite(QT_TRANSLATE_N_NOOP("pb::queue::StationSite",
                                     "Set station.shop and station.location: the database holds %n shop(s)."),
                 int(shops->size())));
    return shops->first();
  }
  auto locations = candidates(db,
                              QStringLiteral("SELECT s.id, s.domain, l.id FROM locations l JOIN shops s ON s.id = "
                                             "l.shop_id WHERE l.code = ? ORDER BY s.id LIMIT 2"),
                              {code});
  if (!locations)
    return locations.error();
  if (locations->isEmpty())
    return makeError(
        ErrorKind::NotFound,
        trSite(QT_TRANSLATE_NOOP("pb::queue::StationSite", "No location with code %1 (station.location).")).arg(code));
  if (locations->size() > 1)
    return makeError(
        ErrorKind::InvalidInput,
        trSite(
            QT_TRANSLATE_NOOP("pb::queue::StationSite",
                              "Location code %1 exists in more than one shop: set station.shop to the shop's domain."))
            .arg(code));
  return locations->first();
}

} // namespace pb::queue
