// SPDX-FileCopyrightText: 2026 Packbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/shopify/trackingeventposter.h"

#include "core/db/sql.h"
#include "core/db/sqlvalues.h"
#include "core/shopify/graphqlclient.h"

#include <QJsonArray>
#include <QLoggingCategory>

namespace pb::shopify {

namespace {
Q_LOGGING_CATEGORY(lcEvents, "packbench.core.shopify.trackingeventposter")

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

QJsonObject eventInput(const outbox::TrackingEvent &event, const QString &fulfillmentId)
{
  QJsonObject input{{QStringLiteral("fulfillmentId"), fulfillmentId},
                    {QStringLiteral("status"), event.status},
                    {QStringLiteral("happenedAt"), db::isoUtc(event.happenedAt)}};
  // Optional fields go only when the carrier said something: Shopify shows them on the order's timeline.
  const std::pair<const char *, const QString *> optional[] = {{"message", &event.message},
                                                               {"city", &event.city},
                                                               {"province", &event.province},
                                                               {"zip", &event.zip},
                                                               {"country", &event.country}};
  for (const auto &[name, value] : optional) {
    if (!value->isEmpty())
      input.insert(QLatin1String(name), *value);
  }
  if (event.estimatedDeliveryAt.isValid())
    input.insert(QStringLiteral("estimatedDeliveryAt"), db::isoUtc(event.estimatedDeliveryAt));
  return input;
}

} // namespace

TrackingEventPoster::TrackingEventPoster(QSqlDatabase db, GraphQlClient &client, outbox::Lease &lease)
    : m_db(std::move(db))
    , m_client(client)
    , m_lease(lease)
{}

Status TrackingEventPoster::earlierEventsSettled(const outbox::ClaimedRow &row, const outbox::TrackingEvent &event)
{
  // The field name is ours (message.h), not input: it goes into the statement's text as the claim's do.
  auto earlier =
      db::exec(m_db,
               QStringLiteral("SELECT count(*) FROM outbox WHERE kind = ? AND payload->>'%1' = ? AND id < ? "
                              "AND status NOT IN ('done', 'dead')")
                   .arg(QString::fromLatin1(outbox::field::kShipmentTrackingId)),
               {outbox::kindName(outbox::Kind::TrackingEvent), QString::number(event.shipmentTrackingId), row.id});
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
        // To the second: Shopify's DateTime may not echo the milliseconds we sent.
        QDateTime::fromString(event.value(u"happenedAt").toString(), Qt::ISODate).toSecsSinceEpoch() ==
            happenedAt.toSecsSinceEpoch())
      return true;
  }
  return false;
}

Result<OutboxOutcome> TrackingEventPoster::post(const outbox::ClaimedRow &row, const outbox::TrackingEvent &event)
{
  // The body's shape (a fulfillment order, a FulfillmentEventStatus, a time) was checked by outbox::parse.
  const QString &status = event.status;
  if (Status order = earlierEventsSettled(row, event); !order)
    return order.error();
  auto fulfillments = fulfillmentsOf(m_db, event.fulfillmentOrderId);
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
      auto there = alreadyThere(fulfillmentId, status, event.happenedAt);
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
    auto made = m_client.execute(QStringLiteral("FulfillmentEventCreate"),
                                 QJsonObject{{QStringLiteral("fulfillmentEvent"), eventInput(event, fulfillmentId)}});
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
