// SPDX-FileCopyrightText: 2026 Packbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "tests/support/queueworld.h"

#include "core/db/sql.h"

#include <QUuid>

namespace pb::test {

namespace {
QString uniqueSuffix()
{
  return QUuid::createUuid().toString(QUuid::Id128).left(10);
}

Result<qint64> insertId(const QSqlDatabase &db, const QString &sql, const QVariantList &values)
{
  auto query = db::exec(db, sql + QStringLiteral(" RETURNING id"), values);
  if (!query)
    return query.error();
  if (!query.value().next())
    return makeError(ErrorKind::Internal, QStringLiteral("no id returned"));
  return query.value().value(0).toLongLong();
}
} // namespace

Result<qint64> addLocation(const QSqlDatabase &db, qint64 shopId)
{
  return insertId(db, QStringLiteral("INSERT INTO locations (shop_id, code, name) VALUES (?, ?, 'Test warehouse')"),
                  {shopId, QString(QStringLiteral("L") + uniqueSuffix())});
}

Result<QueueWorld> createQueueWorld(const QSqlDatabase &db)
{
  const QString suffix = uniqueSuffix();
  QueueWorld world;
  auto shop = insertId(db, QStringLiteral("INSERT INTO shops (domain, name) VALUES (?, 'Test shop')"),
                       {QString(suffix + QStringLiteral(".myshopify.com"))});
  if (!shop)
    return shop.error();
  world.shopId = *shop;
  auto location = addLocation(db, world.shopId);
  if (!location)
    return location.error();
  world.locationId = *location;
  const QString stationSql = QStringLiteral("INSERT INTO stations (name, location_id) VALUES (?, ?)");
  auto station = insertId(db, stationSql, {QString(QStringLiteral("bench-a-") + suffix), world.locationId});
  if (!station)
    return station.error();
  world.stationId = *station;
  auto other = insertId(db, stationSql, {QString(QStringLiteral("bench-b-") + suffix), world.locationId});
  if (!other)
    return other.error();
  world.otherStationId = *other;
  return world;
}

Result<qint64> addQueuedOrder(const QSqlDatabase &db, qint64 shopId, qint64 locationId, int priority,
                              const QDateTime &shipBy)
{
  const bool pg = db::isPostgres(db);
  auto order = insertId(db, QStringLiteral("INSERT INTO orders (shop_id, name) VALUES (?, ?)"),
                        {shopId, QString(QStringLiteral("#T") + uniqueSuffix())});
  if (!order)
    return order.error();
  const QVariant shipByValue = shipBy.isValid() ? QVariant(shipBy.toUTC().toString(Qt::ISODateWithMs)) : QVariant();
  auto fo = insertId(db,
                     pg ? QStringLiteral("INSERT INTO fulfillment_orders (order_id, location_id, priority, ship_by) "
                                         "VALUES (?, ?, ?, ?::timestamptz)")
                        : QStringLiteral("INSERT INTO fulfillment_orders (order_id, location_id, priority, ship_by) "
                                         "VALUES (?, ?, ?, ?)"),
                     {*order, locationId, priority, shipByValue});
  if (!fo)
    return fo.error();
  auto line = db::exec(db,
                       QStringLiteral("INSERT INTO fulfillment_order_lines (fulfillment_order_id, title, quantity, "
                                      "remaining_quantity) VALUES (?, 'Test item', 2, 2)"),
                       {*fo});
  if (!line)
    return line.error();
  return *fo;
}

Result<int> addQueuedOrdersBulk(const QSqlDatabase &db, qint64 shopId, qint64 locationId, int count)
{
  auto orders = db::exec(db,
                         QStringLiteral("WITH o AS (INSERT INTO orders (shop_id, name) "
                                        "  SELECT ?, '#B' || g FROM generate_series(1, ?) g RETURNING id) "
                                        "INSERT INTO fulfillment_orders (order_id, location_id, priority, ship_by) "
                                        "SELECT id, ?, (id % 3)::int, "
                                        "  timestamptz '2026-11-26 12:00:00+00' + (id % 1440) * interval '1 minute' "
                                        "FROM o"),
                         {shopId, count, locationId});
  if (!orders)
    return orders.error();
  return orders.value().numRowsAffected();
}

Status addScan(const QSqlDatabase &db, qint64 fulfillmentOrderId, qint64 claimId, qint64 stationId)
{
  auto scan = db::exec(db,
                       db::isPostgres(db)
                           ? QStringLiteral("INSERT INTO scan_events (client_event_id, fulfillment_order_id, claim_id, "
                                            "station_id, raw_code, outcome) VALUES (?::uuid, ?, ?, ?, '0123', 'ok')")
                           : QStringLiteral("INSERT INTO scan_events (client_event_id, fulfillment_order_id, claim_id, "
                                            "station_id, raw_code, outcome) VALUES (?, ?, ?, ?, '0123', 'ok')"),
                       {QUuid::createUuid().toString(QUuid::WithoutBraces), fulfillmentOrderId, claimId, stationId});
  if (!scan)
    return scan.error();
  return {};
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

} // namespace pb::test
