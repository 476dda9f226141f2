// SPDX-FileCopyrightText: 2026 Packbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/shopify/fulfillmentapi.h"

#include "core/shopify/graphqlclient.h"
#include "core/shopify/graphqlpaging.h"
#include "core/shopify/ordermapper.h"

#include <QJsonArray>

namespace pb::shopify {

bool RemoteFulfillmentOrder::isFullyFulfilled() const
{
  if (status == u"CLOSED")
    return true;
  if (lines.isEmpty())
    return false;
  return std::all_of(lines.begin(), lines.end(),
                     [](const RemoteFulfillmentOrderLine &line) { return line.remainingQuantity == 0; });
}

namespace fulfillmentapi {

namespace {

Status checkUserErrors(const QJsonObject &payload, const QString &operation)
{
  const QJsonArray errors = payload.value(u"userErrors").toArray();
  if (errors.isEmpty())
    return {};
  QStringList messages;
  for (const QJsonValue &error : errors)
    messages.append(error.toObject().value(u"message").toString());
  return makeError(ErrorKind::InvalidInput,
                   QStringLiteral("%1 refused: %2").arg(operation, messages.join(QStringLiteral("; "))));
}

QJsonObject trackingJson(const TrackingInfo &tracking)
{
  QJsonObject json;
  if (!tracking.company.isEmpty())
    json.insert(QStringLiteral("company"), tracking.company);
  // One parcel: number/url; several: numbers/urls (Shopify keeps them in the same order).
  if (tracking.numbers.size() == 1) {
    json.insert(QStringLiteral("number"), tracking.numbers.first());
    if (!tracking.urls.isEmpty() && !tracking.urls.first().isEmpty())
      json.insert(QStringLiteral("url"), tracking.urls.first());
  } else {
    json.insert(QStringLiteral("numbers"), QJsonArray::fromStringList(tracking.numbers));
    QStringList urls;
    for (const QString &url : tracking.urls) {
      if (!url.isEmpty())
        urls.append(url);
    }
    if (urls.size() == tracking.numbers.size())
      json.insert(QStringLiteral("urls"), QJsonArray::fromStringList(urls));
  }
  return json;
}

void appendLines(const QJsonObject &connection, QList<RemoteFulfillmentOrderLine> *lines)
{
  for (const QJsonValue &lineValue : connection.value(u"nodes").toArray()) {
    const QJsonObject line = lineValue.toObject();
    lines->append({line.value(u"id").toString(),
                   ordermapper::numericId(line.value(u"lineItem").toObject().value(u"id")),
                   line.value(u"totalQuantity").toInt(), line.value(u"remainingQuantity").toInt()});
  }
}

using graphqlpaging::nextCursor;

Error noFulfillmentOrder(const QString &fulfillmentOrderId)
{
  return makeError(ErrorKind::NotFound, QStringLiteral("Shopify has no fulfillment order %1").arg(fulfillmentOrderId));
}

Status fetchRemainingLines(GraphQlClient &client, const QString &fulfillmentOrderId, QString after,
                           QList<RemoteFulfillmentOrderLine> *lines)
{
  if (after.isEmpty())
    return {};
  return graphqlpaging::forEachPage(
      client, QStringLiteral("FulfillmentOrderLineItems"), QJsonObject{{QStringLiteral("id"), fulfillmentOrderId}},
      {QStringLiteral("fulfillmentOrder"), QStringLiteral("lineItems"), noFulfillmentOrder(fulfillmentOrderId)},
      [&](const QJsonObject &connection) -> Status {
        appendLines(connection, lines);
        return {};
      },
      std::move(after));
}

} // namespace

bool isHoldReason(const QString &reason)
{
  static const QStringList reasons{QStringLiteral("AWAITING_PAYMENT"),
                                   QStringLiteral("AWAITING_RETURN_ITEMS"),
                                   QStringLiteral("HIGH_RISK_OF_FRAUD"),
                                   QStringLiteral("INCORRECT_ADDRESS"),
                                   QStringLiteral("INVENTORY_OUT_OF_STOCK"),
                                   QStringLiteral("ONLINE_STORE_POST_PURCHASE_CROSS_SELL"),
                                   QStringLiteral("OTHER"),
                                   QStringLiteral("UNKNOWN_DELIVERY_DATE")};
  return reasons.contains(reason);
}

Result<QList<RemoteFulfillmentOrder>> fetchFulfillmentOrders(GraphQlClient &client, const QString &orderId)
{
  QList<RemoteFulfillmentOrder> result;
  const auto onPage = [&](const QJsonObject &connection) -> Status {
    for (const QJsonValue &value : connection.value(u"nodes").toArray()) {
      const QJsonObject node = value.toObject();
      RemoteFulfillmentOrder fo;
      fo.id = node.value(u"id").toString();
      fo.status = node.value(u"status").toString();
      for (const QJsonValue &action : node.value(u"supportedActions").toArray())
        fo.supportedActions.append(action.toObject().value(u"action").toString());
      const QJsonObject lineItems = node.value(u"lineItems").toObject();
      appendLines(lineItems, &fo.lines);
      for (const QJsonValue &fulfillment : node.value(u"fulfillments").toObject().value(u"nodes").toArray())
        fo.fulfillmentIds.append(fulfillment.toObject().value(u"id").toString());
      auto cursor = nextCursor(lineItems, QString());
      if (!cursor)
        return cursor.error();
      if (Status rest = fetchRemainingLines(client, fo.id, *cursor, &fo.lines); !rest)
        return rest;
      result.append(fo);
    }
    return {};
  };
  if (Status paged = graphqlpaging::forEachFulfillmentOrderPage(client, QStringLiteral("FulfillmentOrdersForOrder"),
                                                                orderId, onPage);
      !paged)
    return paged.error();
  return result;
}

Result<QList<RemoteFulfillment>> fetchFulfillments(GraphQlClient &client, const QString &fulfillmentOrderId)
{
  QList<RemoteFulfillment> result;
  const auto onPage = [&](const QJsonObject &connection) -> Status {
    for (const QJsonValue &value : connection.value(u"nodes").toArray()) {
      const QJsonObject node = value.toObject();
      RemoteFulfillment f;
      f.id = node.value(u"id").toString();
      f.createdAt = QDateTime::fromString(node.value(u"createdAt").toString(), Qt::ISODateWithMs);
      f.totalQuantity = node.value(u"totalQuantity").toInt();
      const QJsonObject lines = node.value(u"fulfillmentLineItems").toObject();
      for (const QJsonValue &line : lines.value(u"nodes").toArray()) {
        const QJsonObject item = line.toObject();
        f.lineItems[ordermapper::numericId(item.value(u"lineItem").toObject().value(u"id"))] +=
            item.value(u"quantity").toInt();
      }
      f.moreLines = lines.value(u"pageInfo").toObject().value(u"hasNextPage").toBool();
      result.append(f);
    }
    return {};
  };
  if (Status paged = graphqlpaging::forEachPage(
          client, QStringLiteral("FulfillmentOrderFulfillments"),
          QJsonObject{{QStringLiteral("id"), fulfillmentOrderId}},
          {QStringLiteral("fulfillmentOrder"), QStringLiteral("fulfillments"), noFulfillmentOrder(fulfillmentOrderId)},
          onPage);
      !paged)
    return paged.error();
  return result;
}

Result<QString> createFulfillment(GraphQlClient &client, const QString &fulfillmentOrderId,
                                  const QList<FulfillmentLine> &lines, const TrackingInfo &tracking,
                                  bool notifyCustomer)
{
  QJsonArray items;
  for (const FulfillmentLine &line : lines)
    items.append(QJsonObject{{QStringLiteral("id"), line.fulfillmentOrderLineItemId},
                             {QStringLiteral("quantity"), line.quantity}});
  QJsonObject fulfillment{{QStringLiteral("lineItemsByFulfillmentOrder"),
                           QJsonArray{QJsonObject{{QStringLiteral("fulfillmentOrderId"), fulfillmentOrderId},
                                                  {QStringLiteral("fulfillmentOrderLineItems"), items}}}},
                          {QStringLiteral("notifyCustomer"), notifyCustomer}};
  if (!tracking.isEmpty())
    fulfillment.insert(QStringLiteral("trackingInfo"), trackingJson(tracking));
  auto data =
      client.execute(QStringLiteral("FulfillmentCreate"), QJsonObject{{QStringLiteral("fulfillment"), fulfillment}});
  if (!data)
    return data.error();
  const QJsonObject payload = data->value(u"fulfillmentCreate").toObject();
  if (Status s = checkUserErrors(payload, QStringLiteral("fulfillmentCreate")); !s)
    return s.error();
  const QString id = payload.value(u"fulfillment").toObject().value(u"id").toString();
  if (id.isEmpty())
    return makeError(ErrorKind::Unavailable, QStringLiteral("fulfillmentCreate answered without a fulfillment"));
  return id;
}

Status updateTracking(GraphQlClient &client, const QString &fulfillmentId, const TrackingInfo &tracking,
                      bool notifyCustomer)
{
  auto data = client.execute(QStringLiteral("FulfillmentTrackingInfoUpdate"),
                             QJsonObject{{QStringLiteral("fulfillmentId"), fulfillmentId},
                                         {QStringLiteral("trackingInfoInput"), trackingJson(tracking)},
                                         {QStringLiteral("notifyCustomer"), notifyCustomer}});
  if (!data)
    return data.error();
  return checkUserErrors(data->value(u"fulfillmentTrackingInfoUpdate").toObject(),
                         QStringLiteral("fulfillmentTrackingInfoUpdate"));
}

Status hold(GraphQlClient &client, const QString &fulfillmentOrderId, const QString &reason, const QString &notes)
{
  if (!isHoldReason(reason))
    return makeError(ErrorKind::InvalidInput, QStringLiteral("%1 is not a FulfillmentHoldReason").arg(reason));
  QJsonObject input{{QStringLiteral("reason"), reason}};
  if (!notes.isEmpty())
    input.insert(QStringLiteral("reasonNotes"), notes);
  auto data =
      client.execute(QStringLiteral("FulfillmentOrderHold"), QJsonObject{{QStringLiteral("id"), fulfillmentOrderId},
                                                                         {QStringLiteral("fulfillmentHold"), input}});
  if (!data)
    return data.error();
  return checkUserErrors(data->value(u"fulfillmentOrderHold").toObject(), QStringLiteral("fulfillmentOrderHold"));
}

Status releaseHold(GraphQlClient &client, const QString &fulfillmentOrderId)
{
  auto data = client.execute(QStringLiteral("FulfillmentOrderReleaseHold"),
                             QJsonObject{{QStringLiteral("id"), fulfillmentOrderId}});
  if (!data)
    return data.error();
  return checkUserErrors(data->value(u"fulfillmentOrderReleaseHold").toObject(),
                         QStringLiteral("fulfillmentOrderReleaseHold"));
}

} // namespace fulfillmentapi
} // namespace pb::shopify
