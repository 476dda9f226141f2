// SPDX-FileCopyrightText: 2026 Packbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
// The fake's outbox-facing extras: faults that need the request itself (a late fulfillmentCreate, a
// connection closed after applying one) and a fulfillment order's fulfillments with their lines.
#include "tests/support/fakeshopify.h"

#include <QHttpServerResponder>
#include <QJsonArray>
#include <QTcpSocket>

namespace pb::test {

// The faults around fulfillmentCreate that need the request itself: late application, closed connections.
QJsonObject FakeShopify::fulfillmentCreateWithFaults(const QJsonObject &variables)
{
  if (!m_heldCreate.isEmpty()) {
    const bool lose = m_loseCurrent; // the held call's own fault settings do not touch this answer
    fulfillmentCreate(std::exchange(m_heldCreate, QJsonObject()));
    m_loseCurrent = lose;
    m_closeCurrent = false;
  }
  if (m_lateCreates.contains(++m_createsReceived)) {
    m_heldCreate = variables;
    m_loseCurrent = true;
    return {};
  }
  const int applied = m_stats.fulfillmentCreates;
  QJsonObject answer = fulfillmentCreate(variables);
  if (m_stats.fulfillmentCreates > applied && m_closeAfterCreates.contains(m_stats.fulfillmentCreates))
    m_closeCurrent = true;
  return answer;
}

void FakeShopify::closeWithoutAnswer(QHttpServerResponder &responder)
{
  // A server or proxy dropping the connection after the request took effect: nothing is written back.
  if (QTcpSocket *socket = responder.socket())
    socket->disconnectFromHost();
}

// fulfillmentOrder(id) { fulfillments(first:, after:) { nodes { id createdAt totalQuantity
// fulfillmentLineItems(first:) { … } } } }, paged like Shopify's connections.
QJsonObject FakeShopify::fulfillmentOrderFulfillments(const QJsonObject &variables)
{
  const auto it = constFindFulfillmentOrder(variables.value(u"id").toString());
  if (it == m_fulfillmentOrders.constEnd())
    return QJsonObject{{QStringLiteral("fulfillmentOrder"), QJsonValue()}};
  const QStringList &ids = it->fulfillmentIds;
  // Cursors are indexes, as in the fake's other connections.
  const qsizetype from = std::clamp<qsizetype>(variables.value(u"after").toString().toLongLong(), 0, ids.size());
  const qsizetype to = std::min<qsizetype>(from + std::max(1, pageSizeOf(QStringLiteral("fulfillments"))), ids.size());
  const QJsonObject pageInfo{{QStringLiteral("hasNextPage"), to < ids.size()},
                             {QStringLiteral("endCursor"), to > from ? QJsonValue(QString::number(to)) : QJsonValue()}};
  const int linesFirst = std::max(1, pageSizeOf(QStringLiteral("fulfillmentLineItems")));
  QJsonArray nodes;
  for (qsizetype i = from; i < to; ++i) {
    const Fulfillment f = m_fulfillments.value(ids.at(i));
    QJsonArray lines;
    int total = 0;
    for (const auto &[lineItemId, quantity] : f.lines) {
      total += quantity;
      if (lines.size() < linesFirst)
        lines.append(QJsonObject{
            {QStringLiteral("quantity"), quantity},
            {QStringLiteral("lineItem"),
             QJsonObject{{QStringLiteral("id"), QString(QStringLiteral("gid://shopify/LineItem/") + lineItemId)}}}});
    }
    nodes.append(QJsonObject{{QStringLiteral("id"), f.id},
                             {QStringLiteral("createdAt"), f.createdAt.toString(Qt::ISODate)},
                             {QStringLiteral("totalQuantity"), total},
                             {QStringLiteral("fulfillmentLineItems"),
                              QJsonObject{{QStringLiteral("pageInfo"),
                                           QJsonObject{{QStringLiteral("hasNextPage"), f.lines.size() > linesFirst}}},
                                          {QStringLiteral("nodes"), lines}}}});
  }
  return QJsonObject{{QStringLiteral("fulfillmentOrder"),
                      QJsonObject{{QStringLiteral("id"), it->id},
                                  {QStringLiteral("fulfillments"), QJsonObject{{QStringLiteral("pageInfo"), pageInfo},
                                                                               {QStringLiteral("nodes"), nodes}}}}}};
}

} // namespace pb::test
