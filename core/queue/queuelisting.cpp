// SPDX-FileCopyrightText: 2026 Packbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/queue/queuelisting.h"

#include "core/db/sql.h"
#include "core/db/sqlvalues.h"

namespace pb::queue {

Result<QList<Location>> listLocations(const QSqlDatabase &db, std::optional<qint64> shopId)
{
  // Codes are unique per shop only: another shop's "RNO" must never appear in this station's list.
  auto query = shopId
                   ? db::exec(db, QStringLiteral("SELECT id, code, name FROM locations WHERE shop_id = ? ORDER BY id"),
                              {*shopId})
                   : db::exec(db, QStringLiteral("SELECT id, code, name FROM locations ORDER BY id"));
  if (!query)
    return query.error();
  QList<Location> locations;
  while (query.value().next())
    locations.append(
        {query.value().value(0).toLongLong(), query.value().value(1).toString(), query.value().value(2).toString()});
  return locations;
}

Result<QList<WaitingOrder>> listWaitingOrders(const QSqlDatabase &db, qint64 locationId, int limit)
{
  auto query =
      db::exec(db,
               QStringLiteral("SELECT fo.id, o.name, fo.priority, fo.ship_by, o.shipping_method, "
                              "       count(l.id), COALESCE(sum(l.remaining_quantity), 0), fo.pack_state "
                              "FROM fulfillment_orders fo "
                              "JOIN orders o ON o.id = fo.order_id "
                              "LEFT JOIN fulfillment_order_lines l ON l.fulfillment_order_id = fo.id "
                              "WHERE fo.location_id = ? AND fo.pack_state IN ('queued', 'claimed', 'held') "
                              "GROUP BY fo.id, o.name, fo.priority, fo.ship_by, o.shipping_method, fo.pack_state "
                              "ORDER BY fo.priority DESC, fo.ship_by, fo.id LIMIT ?"),
               {locationId, limit});
  if (!query)
    return query.error();
  QList<WaitingOrder> orders;
  QSqlQuery &q = query.value();
  while (q.next()) {
    WaitingOrder w;
    w.fulfillmentOrderId = q.value(0).toLongLong();
    w.orderName = q.value(1).toString();
    w.priority = q.value(2).toInt();
    w.shipBy = db::storedTime(q.value(3));
    w.shippingMethod = q.value(4).toString();
    w.lineCount = q.value(5).toInt();
    w.itemCount = q.value(6).toInt();
    w.packState = q.value(7).toString();
    orders.append(w);
  }
  return orders;
}

namespace {
// The first column of every row, as ids.
Result<QList<qint64>> idsFrom(const QSqlDatabase &db, const QString &sql, qint64 stationId)
{
  auto query = db::exec(db, sql, {stationId});
  if (!query)
    return query.error();
  QList<qint64> ids;
  while (query.value().next())
    ids.append(query.value().value(0).toLongLong());
  return ids;
}
} // namespace

Result<QList<qint64>> ordersHeldByStation(const QSqlDatabase &db, qint64 stationId)
{
  return idsFrom(db,
                 QStringLiteral("SELECT c.fulfillment_order_id FROM claims c JOIN fulfillment_orders fo ON fo.id = "
                                "c.fulfillment_order_id WHERE c.station_id = ? AND c.released_at IS NULL AND "
                                "fo.pack_state = 'claimed' ORDER BY c.id"),
                 stationId);
}

Result<QList<qint64>> openClaimsOfStation(const QSqlDatabase &db, qint64 stationId)
{
  return idsFrom(db, QStringLiteral("SELECT id FROM claims WHERE station_id = ? AND released_at IS NULL"), stationId);
}

Result<std::optional<PackedOrder>> lastPackedAtStation(const QSqlDatabase &db, qint64 stationId)
{
  auto row = db::execOneRow(db,
                            QStringLiteral("SELECT c.fulfillment_order_id, o.name, c.packer_id, c.released_at "
                                           "FROM claims c JOIN fulfillment_orders fo ON fo.id = c.fulfillment_order_id "
                                           "JOIN orders o ON o.id = fo.order_id "
                                           "WHERE c.station_id = ? AND c.release_reason = 'completed' "
                                           "ORDER BY c.released_at DESC, c.id DESC LIMIT 1"),
                            {stationId}, QStringLiteral("nothing packed at this station"));
  if (!row && row.error().kind == ErrorKind::NotFound)
    return std::optional<PackedOrder>();
  if (!row)
    return row.error();
  return std::optional<PackedOrder>(PackedOrder{row->value(0).toLongLong(), row->value(1).toString(),
                                                row->value(2).toLongLong(), db::storedTime(row->value(3))});
}

} // namespace pb::queue
