// SPDX-FileCopyrightText: 2026 Packbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/shopify/fulfillmentorderevents.h"

#include "core/db/statementcache.h"
#include "core/shopify/ordermapper.h"
#include "core/shopify/orderwriter.h"

#include <QJsonArray>
#include <QSet>

namespace pb::shopify::fulfillmentorderevents {

namespace {

const QString kFulfillmentOrderGid = QStringLiteral("gid://shopify/FulfillmentOrder/");
const QString kOrderGid = QStringLiteral("gid://shopify/Order/");

// Every fulfillment order and order the payload names, wherever it nests them.
void collect(const QJsonValue &value, QSet<QString> *fulfillmentOrders, QSet<QString> *orders)
{
  if (value.isString()) {
    const QString text = value.toString();
    if (text.startsWith(kFulfillmentOrderGid))
      fulfillmentOrders->insert(text.section(QLatin1Char('?'), 0, 0));
    else if (text.startsWith(kOrderGid))
      orders->insert(ordermapper::numericId(text));
  } else if (value.isArray()) {
    for (const QJsonValue &item : value.toArray())
      collect(item, fulfillmentOrders, orders);
  } else if (value.isObject()) {
    for (const QJsonValue &item : value.toObject())
      collect(item, fulfillmentOrders, orders);
  }
}

} // namespace

bool isTopic(const QString &topic)
{
  return topic.startsWith(u"fulfillment_orders/");
}

Result<int> apply(db::StatementCache &sql, qint64 shopId, const QJsonObject &payload, const QString &reason)
{
  QSet<QString> fulfillmentOrders;
  QSet<QString> orders;
  collect(payload, &fulfillmentOrders, &orders);
  orders.remove(QString());
  if (!fulfillmentOrders.isEmpty()) {
    const QStringList ids(fulfillmentOrders.begin(), fulfillmentOrders.end());
    auto known =
        sql.query(QStringLiteral("SELECT DISTINCT o.shopify_id FROM fulfillment_orders f JOIN orders o ON o.id = "
                                 "f.order_id WHERE o.shop_id = ? AND f.shopify_id = ANY(string_to_array(?, ','))"),
                  {shopId, ids.join(QLatin1Char(','))});
    if (!known)
      return known.error();
    for (const QVariantList &row : *known)
      orders.insert(row.at(0).toString());
  }
  for (const QString &order : std::as_const(orders)) {
    if (Status s = orderwriter::enqueueOrderSync(sql, shopId, order, reason); !s)
      return s.error();
  }
  return static_cast<int>(orders.size());
}

} // namespace pb::shopify::fulfillmentorderevents
