// SPDX-FileCopyrightText: 2026 Packbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/shopify/trackingeventposter.h"

#include "core/db/sql.h"
#include "core/shopify/graphqlclient.h"
#include "core/shopify/outboxlease.h"

#include <QJsonArray>
#include <QLoggingCategory>

namespace pb::shopify {

namespace {
Q_LOGGING_CATEGORY(lcEvents, "packbench.core.shopify.trackingeventposter")

// FulfillmentEventStatus of the Admin API 2026-01 (tests/data/shopify/admin-2026-01.graphql).
bool isEventStatus(const QString &status)
{
  static const QStringList all{QStringLiteral("LABEL_PURCHASED"),    QStringLiteral("LABEL_PRINTED"),
                               QStringLiteral("READY_FOR_PICKUP"),   QStringLiteral("CONFIRMED"),
                               QStringLiteral("IN_TRANSIT"),         QStringLiteral("OUT_FOR_DELIVERY"),
                               QStringLiteral("ATTEMPTED_DELIVERY"), QStringLiteral("DELAYED"),
                               QStringLiteral("DELIVERED"),          QStringLiteral("FAILURE"),
                               QStringLiteral("CARRIER_PICKED_UP")};
  return all.contains(status);
}

// progress: {"posted": [fulfillment ids], "sent": fulfillment id or absent, "refused": {id: message}}
struct EventProgress {
  QStringList posted;
  QString sent;
  QJsonObject refused;

  static EventProgress fromJson(const QJsonObject &json)
  {
    EventProgress p;
    for (const QJsonValue &id : json.value(u"posted").toArray())
      p.posted.append(id.toString());
    p.sent = json.value(u"sent").toString();
    p.refused = json.value(u"refused").toObject();
    return p;
  }
  QJsonObject toJson() const
  {
    QJsonObject json{{QStringLiteral("posted"), QJsonArray::fromStringList(posted)}};
    if (!sent.isEmpty())
      json.insert(QStringLiteral("sent"), sent);
    if (!refused.isEmpty())
      json.insert(QStringLiteral("refused"), refused);
    return json;
  }
};

Result<QStringList> fulfillmentsOf(QSqlDatabase &db, qint64 fulfillmentOrderId)
{
  auto rows = db::exec(db,
                       QStringLiteral("SELECT shopify_fulfillment_id FROM shopify_fulfillments WHERE "
                                      "fulfillment_order_id = ? ORDER BY created_at, shopify_fulfillment_id"),
                       {fulfillmentOrderId});
  if (!rows)
    return rows.error();
  QStringList ids;
  while (rows.value().next())
    ids.append(rows.value().value(0).toString());
  return ids;
}

QJsonObject eventInput(const QJsonObject &payload, const QString &fulfillmentId)
{
  QJsonObject input{{QStringLiteral("fulfillmentId"), fulfillmentId},
                    {QStringLiteral("status"), payload.value(u"status").toString()},
                    {QStringLiteral("happenedAt"), payload.value(u"happened_at").toString()}};
  // Optional fields go only when the carrier said something: Shopify shows them on the order's timeline.
  struct Field {
    const char *payload;
    const char *input;
  };
  constexpr Field optional[] = {{"message", "message"},   {"city", "city"},
                                {"province", "province"}, {"zip", "zip"},
                                {"country", "country"},   {"estimated_delivery_at", "estimatedDeliveryAt"}};
  for (const Field &field : optional) {
    const QString value = payload.value(QLatin1String(field.payload)).toString();
    if (!value.isEmpty())
      input.insert(QLatin1String(field.input), value);
  }
  return input;
}

} // namespace

TrackingEventPoster::TrackingEventPoster(QSqlDatabase db, GraphQlClient &client, OutboxLease &lease)
    : m_db(std::move(db))
    , m_client(client)
    , m_lease(lease)
{}

Status TrackingEventPoster::earlierEventsSettled(const OutboxRow &row)
{
  auto earlier =
      db::exec(m_db,
               QStringLiteral("SELECT count(*) FROM outbox WHERE kind = ? AND payload->>'shipment_tracking_id' = ? AND "
                              "id < ? AND status NOT IN ('done', 'dead')"),
               {QString::fromLatin1(kTrackingEventKind),
                QString::number(row.payload.value(u"shipment_tracking_id").toInteger()), row.id});
  if (!earlier)
    return earlier.error();
  if (earlier.value().next() && earlier.value().value(0).toLongLong() > 0)
    return makeError(ErrorKind::Unavailable, QStringLiteral("waiting for an earlier event of the shipment"));
  return {};
}

Result<bool> TrackingEventPoster::alreadyThere(const QString &fulfillmentId, const QString &status,
                                               const QDateTime &happenedAt)
{
  auto data = m_client.execute(QStringLiteral("FulfillmentEvents"), QJsonObject{{QStringLiteral("id"), fulfillmentId}});
  if (!data)
    return data.error();
  const QJsonObject fulfillment = data->value(u"fulfillment").toObject();
  if (fulfillment.isEmpty())
    return makeError(ErrorKind::InvalidInput, QStringLiteral("Shopify has no fulfillment %1").arg(fulfillmentId));
  for (const QJsonValue &node : fulfillment.value(u"events").toObject().value(u"nodes").toArray()) {
    const QJsonObject event = node.toObject();
    if (event.value(u"status").toString() == status &&
        QDateTime::fromString(event.value(u"happenedAt").toString(), Qt::ISODate) == happenedAt)
      return true;
  }
  return false;
}

Result<OutboxOutcome> TrackingEventPoster::post(const OutboxRow &row)
{
  const qint64 fo = row.payload.value(u"fulfillment_order_id").toInteger();
  const QString status = row.payload.value(u"status").toString();
  const QDateTime happenedAt = QDateTime::fromString(row.payload.value(u"happened_at").toString(), Qt::ISODate);
  if (fo <= 0 || !isEventStatus(status) || !happenedAt.isValid())
    return makeError(ErrorKind::InvalidInput, QStringLiteral("tracking event row without a fulfillment order, a "
                                                             "FulfillmentEventStatus and a time"));
  if (Status order = earlierEventsSettled(row); !order)
    return order.error();
  auto fulfillments = fulfillmentsOf(m_db, fo);
  if (!fulfillments)
    return fulfillments.error();
  if (fulfillments->isEmpty())
    return makeError(ErrorKind::Unavailable, QStringLiteral("fulfillment not created yet"));
  EventProgress progress = EventProgress::fromJson(row.progress);
  auto store = [&]() -> Result<bool> { return m_lease.storeProgress(row.id, progress.toJson()); };
  for (const QString &fulfillmentId : *fulfillments) {
    if (progress.posted.contains(fulfillmentId) || progress.refused.contains(fulfillmentId))
      continue;
    // An earlier attempt may have reached Shopify without an answer: look before posting.
    if (progress.sent == fulfillmentId || row.attempts > 1) {
      auto there = alreadyThere(fulfillmentId, status, happenedAt);
      if (!there)
        return there.error();
      if (*there) {
        progress.posted.append(fulfillmentId);
        progress.sent.clear();
        auto kept = store();
        if (!kept)
          return kept.error();
        if (!*kept)
          return OutboxOutcome::lost();
        continue;
      }
    }
    progress.sent = fulfillmentId;
    auto ours = store();
    if (!ours)
      return ours.error();
    if (!*ours)
      return OutboxOutcome::lost(); // another worker has the row: never posted twice
    auto made =
        m_client.execute(QStringLiteral("FulfillmentEventCreate"),
                         QJsonObject{{QStringLiteral("fulfillmentEvent"), eventInput(row.payload, fulfillmentId)}});
    if (!made)
      return made.error(); // without an answer the stored sent call is looked for next time
    progress.sent.clear();
    const QJsonObject payload = made->value(u"fulfillmentEventCreate").toObject();
    const QJsonArray errors = payload.value(u"userErrors").toArray();
    if (!errors.isEmpty()) {
      // Refused for this fulfillment (cancelled at Shopify …): final for it, the others still get the event.
      QStringList messages;
      for (const QJsonValue &error : errors)
        messages.append(error.toObject().value(u"message").toString());
      progress.refused.insert(fulfillmentId, messages.join(QStringLiteral("; ")));
      qCWarning(lcEvents).noquote() << "tracking event" << status << "of outbox row" << row.id << "refused on"
                                    << fulfillmentId << ":" << messages.join(QStringLiteral("; "));
    } else {
      progress.posted.append(fulfillmentId);
    }
    auto kept = store();
    if (!kept)
      return kept.error();
    if (!*kept)
      return OutboxOutcome::lost();
  }
  OutboxOutcome outcome;
  outcome.progress = progress.toJson();
  if (progress.posted.isEmpty())
    return makeError(ErrorKind::InvalidInput,
                     QStringLiteral("Shopify refused the tracking event on every fulfillment"));
  return outcome;
}

} // namespace pb::shopify
