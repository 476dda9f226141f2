// SPDX-FileCopyrightText: 2026 Packbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/documents/sliprepository.h"

#include "core/db/sql.h"
#include "core/db/sqlvalues.h"

#include <QJsonDocument>

using namespace Qt::StringLiterals;

namespace pb::documents {

namespace {

QJsonObject toObject(const QVariant &v)
{
  if (v.isNull())
    return {};
  const QByteArray text = v.metaType().id() == QMetaType::QByteArray ? v.toByteArray() : v.toString().toUtf8();
  return QJsonDocument::fromJson(text).object();
}

} // namespace

SlipRepository::SlipRepository(QSqlDatabase db)
    : m_db(std::move(db))
{}

Result<SlipData> SlipRepository::load(qint64 fulfillmentOrderId) const
{
  auto head =
      db::execOneRow(m_db,
                     u"SELECT fo.id, fo.ship_by, o.id, o.name, o.email, o.phone, o.customer_name, "
                     "       o.shipping_address, o.billing_address, o.shipping_method, o.note, o.gift_message, "
                     "       o.currency, o.total_minor, o.created_at, s.name, s.domain, l.name, l.code, "
                     "       (SELECT count(*) FROM fulfillment_orders other "
                     "         WHERE other.order_id = o.id AND other.id <> fo.id AND other.pack_state <> 'cancelled') "
                     "FROM fulfillment_orders fo "
                     "JOIN orders o ON o.id = fo.order_id "
                     "JOIN shops s ON s.id = o.shop_id "
                     "JOIN locations l ON l.id = fo.location_id "
                     "WHERE fo.id = ?"_s,
                     {fulfillmentOrderId}, u"fulfillment order %1 not found"_s.arg(fulfillmentOrderId));
  if (!head)
    return head.error();
  QSqlQuery &q = head.value();
  SlipData slip;
  slip.fulfillmentOrderId = q.value(0).toLongLong();
  slip.shipBy = db::storedTime(q.value(1));
  slip.orderName = q.value(3).toString();
  slip.email = q.value(4).toString();
  slip.phone = q.value(5).toString();
  slip.customerName = q.value(6).toString();
  slip.shippingAddress = toObject(q.value(7));
  slip.billingAddress = toObject(q.value(8));
  slip.shippingMethod = q.value(9).toString();
  slip.note = q.value(10).toString();
  slip.giftMessage = q.value(11).toString();
  slip.currency = q.value(12).toString().trimmed();
  slip.totalMinor = q.value(13).toLongLong();
  slip.orderCreatedAt = db::storedTime(q.value(14));
  slip.shopName = q.value(15).toString();
  slip.shopDomain = q.value(16).toString();
  slip.locationName = q.value(17).toString();
  slip.locationCode = q.value(18).toString();
  slip.includesAllLineItemsInOrder = q.value(19).toLongLong() == 0;
  slip.shopAddress = QJsonObject{{u"company"_s, slip.shopName}, {u"address1"_s, slip.locationName}};

  // What is in the box: the units the completing claim verified. Before any pack, the ordered quantities.
  auto packedBy = db::exec(m_db,
                           u"SELECT id FROM claims WHERE fulfillment_order_id = ? AND release_reason = 'completed' "
                           "ORDER BY id DESC LIMIT 1"_s,
                           {fulfillmentOrderId});
  if (!packedBy)
    return packedBy.error();
  const bool packed = packedBy.value().next();
  auto lines = packed ? db::exec(m_db,
                                 u"SELECT l.title, l.variant_title, l.sku, l.bin_location, v.n, l.price_minor, "
                                 "l.quantity, l.id FROM fulfillment_order_lines l JOIN (SELECT line_id, "
                                 "sum(quantity) AS n FROM scan_events WHERE claim_id = ? AND outcome IN "
                                 "('ok', 'manual') AND line_id IS NOT NULL GROUP BY line_id) v ON v.line_id = l.id "
                                 "WHERE l.fulfillment_order_id = ? AND v.n > 0 ORDER BY l.id"_s,
                                 {packedBy.value().value(0).toLongLong(), fulfillmentOrderId})
                      : db::exec(m_db,
                                 u"SELECT title, variant_title, sku, bin_location, quantity, price_minor, quantity, id "
                                 "FROM fulfillment_order_lines WHERE fulfillment_order_id = ? AND quantity > 0 "
                                 "ORDER BY id"_s,
                                 {fulfillmentOrderId});
  if (!lines)
    return lines.error();
  int boxed = 0;
  while (lines.value().next()) {
    const QSqlQuery &l = lines.value();
    slip.lines.append({l.value(0).toString(), l.value(1).toString(), l.value(2).toString(), l.value(3).toString(),
                       l.value(4).toInt(), l.value(5).toLongLong(), l.value(6).toInt(), l.value(7).toLongLong()});
    boxed += l.value(4).toInt();
  }
  if (packed) {
    // A box short of what was ordered does not hold the whole order, whatever other fulfillment orders do.
    auto wanted = db::exec(m_db,
                           u"SELECT COALESCE(sum(quantity), 0) FROM fulfillment_order_lines "
                           "WHERE fulfillment_order_id = ?"_s,
                           {fulfillmentOrderId});
    if (!wanted)
      return wanted.error();
    if (wanted.value().next() && boxed < wanted.value().value(0).toInt())
      slip.includesAllLineItemsInOrder = false;
  }
  return slip;
}

} // namespace pb::documents
