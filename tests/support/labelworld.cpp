// SPDX-FileCopyrightText: 2026 Packbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "tests/support/labelworld.h"

#include "core/db/sql.h"
#include "core/db/sqlvalues.h"

#include <QJsonDocument>

namespace pb::test {

namespace {
QString json(const QJsonObject &o)
{
  return QString::fromUtf8(QJsonDocument(o).toJson(QJsonDocument::Compact));
}
} // namespace

QJsonObject testShipTo()
{
  return QJsonObject{{QStringLiteral("name"), QStringLiteral("Ada Fictional")},
                     {QStringLiteral("address1"), QStringLiteral("1 Example Way")},
                     {QStringLiteral("city"), QStringLiteral("Austin")},
                     {QStringLiteral("province_code"), QStringLiteral("TX")},
                     {QStringLiteral("zip"), QStringLiteral("78701")},
                     {QStringLiteral("country_code"), QStringLiteral("US")}};
}

Status addShipFrom(const QSqlDatabase &db, qint64 locationId)
{
  const QJsonObject from{{QStringLiteral("name"), QStringLiteral("Packbench Warehouse")},
                         {QStringLiteral("phone"), QStringLiteral("555-0100")},
                         {QStringLiteral("company_name"), QStringLiteral("Packbench")},
                         {QStringLiteral("address_line1"), QStringLiteral("2 Dock Road")},
                         {QStringLiteral("city_locality"), QStringLiteral("Reno")},
                         {QStringLiteral("state_province"), QStringLiteral("NV")},
                         {QStringLiteral("postal_code"), QStringLiteral("89501")},
                         {QStringLiteral("country_code"), QStringLiteral("US")}};
  auto located =
      db::exec(db, QStringLiteral("INSERT INTO carrier_locations (location_id, ship_from) VALUES (?, ?::jsonb)"),
               {locationId, json(from)});
  return located ? Status{} : Status{located.error()};
}

Result<LabelWorld> createLabelWorld(const QSqlDatabase &db)
{
  auto queue = createQueueWorld(db);
  if (!queue)
    return queue.error();
  if (Status located = addShipFrom(db, queue->locationId); !located)
    return located.error();
  auto rule = db::exec(db,
                       QStringLiteral("INSERT INTO carrier_service_rules (shop_id, pattern, carrier_id, service_code, "
                                      "priority) VALUES (?, '%', 'se-100001', 'ups_ground', -100)"),
                       {queue->shopId});
  if (!rule)
    return rule.error();
  return LabelWorld{*queue};
}

Result<LabelWorldDatabase> createLabelWorldDatabase(const QString &prefix)
{
  auto scratch = createMigratedDatabase(prefix);
  if (!scratch)
    return scratch.error();
  auto world = createLabelWorld(scratch->db);
  if (!world)
    return world.error();
  return LabelWorldDatabase{*scratch, *world};
}

Result<BenchOrder> addBenchOrder(const QSqlDatabase &db, const LabelWorld &world, const QString &shippingTitle,
                                 const QJsonObject &shipTo, qint64 stationId)
{
  auto fo = addQueuedOrder(db, world.queue.shopId, world.queue.locationId, 0, {});
  if (!fo)
    return fo.error();
  auto order = db::exec(db,
                        QStringLiteral("UPDATE orders SET shipping_address = ?::jsonb, shipping_method = ? WHERE id = "
                                       "(SELECT order_id FROM fulfillment_orders WHERE id = ?) RETURNING id"),
                        {json(shipTo), shippingTitle, *fo});
  if (!order || !order.value().next())
    return order ? makeError(ErrorKind::Internal, QStringLiteral("no order")) : Result<BenchOrder>(order.error());
  const qint64 orderId = order->value(0).toLongLong();
  auto claim =
      db::exec(db, QStringLiteral("SELECT claim_id FROM packbench_claim_order(?, ?, NULL, 600, NULL, NULL, NULL)"),
               {stationId ? stationId : world.queue.stationId, *fo});
  if (!claim)
    return claim.error();
  if (!claim.value().next())
    return makeError(ErrorKind::Internal, QStringLiteral("not claimed"));
  return BenchOrder{*fo, claim->value(0).toLongLong(), orderId};
}

Result<qint64> requestLabel(const QSqlDatabase &db, const LabelWorld &world, const BenchOrder &order, int box,
                            int weightGrams, const QString &format, qint64 stationId, const QString &signInToken)
{
  auto id = db::exec(db, QStringLiteral("SELECT packbench_request_label(?, ?, ?, ?, ?, ?, NULL, NULL, NULL, ?, NULL)"),
                     {order.claimId, stationId ? stationId : world.queue.stationId, order.fulfillmentOrderId, box,
                      format, weightGrams > 0 ? QVariant(weightGrams) : QVariant(QMetaType::fromType<int>()),
                      db::textOrNull(signInToken)});
  if (!id)
    return id.error();
  if (!id.value().next())
    return makeError(ErrorKind::Internal, QStringLiteral("no request id"));
  return id->value(0).toLongLong();
}

Status addServiceRule(const QSqlDatabase &db, const QString &pattern, const QString &carrierId,
                      const QString &serviceCode, std::optional<int> maxDays, int priority, const QString &field)
{
  auto rule = db::exec(db,
                       QStringLiteral("INSERT INTO carrier_service_rules (match_field, pattern, carrier_id, "
                                      "service_code, max_delivery_days, priority) VALUES (?, ?, ?, ?, ?, ?)"),
                       {field, pattern, carrierId, serviceCode,
                        maxDays ? QVariant(*maxDays) : QVariant(QMetaType::fromType<int>()), priority});
  return rule ? Status{} : Status{rule.error()};
}

QString labelState(const QSqlDatabase &db, qint64 requestId)
{
  auto q = db::exec(db, QStringLiteral("SELECT state FROM label_requests WHERE id = ?"), {requestId});
  return q && q.value().next() ? q->value(0).toString() : QString();
}

} // namespace pb::test
