// SPDX-FileCopyrightText: 2026 Packbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
// The fake's fulfillment events: fulfillmentEventCreate(fulfillmentEvent: FulfillmentEventInput!) and
// fulfillment(id) { events(first:, sortKey: HAPPENED_AT, reverse:) }, as the Admin API 2026-01 has them.
#include "tests/support/fakeshopify.h"

#include <QJsonArray>

namespace pb::test {

namespace {

QJsonObject userError(const QString &field, const QString &message)
{
  return QJsonObject{{QStringLiteral("field"), QJsonArray{QStringLiteral("fulfillmentEvent"), field}},
                     {QStringLiteral("message"), message}};
}

QJsonObject eventJson(const FakeShopify::FulfillmentEvent &e)
{
  return QJsonObject{{QStringLiteral("id"), e.id},
                     {QStringLiteral("status"), e.status},
                     {QStringLiteral("happenedAt"), e.happenedAt.toUTC().toString(Qt::ISODate)},
                     {QStringLiteral("message"), e.message.isEmpty() ? QJsonValue() : QJsonValue(e.message)}};
}

} // namespace

QJsonObject FakeShopify::fulfillmentEventCreate(const QJsonObject &variables)
{
  const QJsonObject input = variables.value(u"fulfillmentEvent").toObject();
  auto refuse = [](const QJsonObject &error) {
    return QJsonObject{
        {QStringLiteral("fulfillmentEventCreate"), QJsonObject{{QStringLiteral("fulfillmentEvent"), QJsonValue()},
                                                               {QStringLiteral("userErrors"), QJsonArray{error}}}}};
  };
  auto it = m_fulfillments.find(input.value(u"fulfillmentId").toString());
  if (it == m_fulfillments.end() || it->shop != m_currentShop) // another shop's fulfillment is not there
    return refuse(userError(QStringLiteral("fulfillmentId"), QStringLiteral("Fulfillment does not exist.")));
  FulfillmentEvent event;
  event.id = QStringLiteral("gid://shopify/FulfillmentEvent/%1").arg(++m_nextEventId);
  event.status = input.value(u"status").toString(); // the schema check has held it to FulfillmentEventStatus
  event.happenedAt = input.contains(u"happenedAt")
                         ? QDateTime::fromString(input.value(u"happenedAt").toString(), Qt::ISODate)
                         : QDateTime::currentDateTimeUtc();
  if (!event.happenedAt.isValid())
    return refuse(userError(QStringLiteral("happenedAt"), QStringLiteral("Happened at is invalid.")));
  event.message = input.value(u"message").toString();
  event.city = input.value(u"city").toString();
  event.province = input.value(u"province").toString();
  event.zip = input.value(u"zip").toString();
  event.country = input.value(u"country").toString();
  event.estimatedDeliveryAt = QDateTime::fromString(input.value(u"estimatedDeliveryAt").toString(), Qt::ISODate);
  it->events.append(event);
  ++m_stats.fulfillmentEvents;
  if (m_loseEvents.contains(m_stats.fulfillmentEvents))
    m_loseCurrent = true; // applied; the answer is lost on its way back
  return QJsonObject{
      {QStringLiteral("fulfillmentEventCreate"), QJsonObject{{QStringLiteral("fulfillmentEvent"), eventJson(event)},
                                                             {QStringLiteral("userErrors"), QJsonArray()}}}};
}

QJsonObject FakeShopify::fulfillmentEvents(const QJsonObject &variables)
{
  const auto it = m_fulfillments.constFind(variables.value(u"id").toString());
  if (it == m_fulfillments.constEnd() || it->shop != m_currentShop)
    return QJsonObject{{QStringLiteral("fulfillment"), QJsonValue()}};
  // The document asks for the newest first (sortKey HAPPENED_AT, reverse: true), one page.
  QList<FulfillmentEvent> events = it->events;
  std::stable_sort(events.begin(), events.end(),
                   [](const FulfillmentEvent &a, const FulfillmentEvent &b) { return a.happenedAt > b.happenedAt; });
  const int first = std::max(1, pageSizeOf(QStringLiteral("events")));
  QJsonArray nodes;
  for (const FulfillmentEvent &e : events) {
    if (nodes.size() >= first)
      break;
    nodes.append(eventJson(e));
  }
  return QJsonObject{{QStringLiteral("fulfillment"),
                      QJsonObject{{QStringLiteral("id"), it->id},
                                  {QStringLiteral("events"), QJsonObject{{QStringLiteral("nodes"), nodes}}}}}};
}

} // namespace pb::test
