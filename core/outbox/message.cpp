// SPDX-FileCopyrightText: 2026 Packbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/outbox/message.h"

#include "core/db/sqlvalues.h"

#include <QJsonArray>

#include <limits>

namespace pb::outbox {

namespace {

template <class... Ts> struct Overloaded : Ts... {
  using Ts::operator()...;
};
template <class... Ts> Overloaded(Ts...) -> Overloaded<Ts...>;

QString key(const char *name)
{
  return QString::fromLatin1(name);
}

// A bigint the row stores as a JSON number (C++, PL/pgSQL) or, from older writers, as digits in a string.
std::optional<qint64> idValue(const QJsonValue &value)
{
  if (value.isDouble()) {
    const qint64 id = value.toInteger(-1);
    return id > 0 ? std::optional<qint64>(id) : std::nullopt;
  }
  bool ok = false;
  const qint64 id = value.toString().toLongLong(&ok);
  return ok && id > 0 ? std::optional<qint64>(id) : std::nullopt;
}

Result<qint64> fulfillmentOrderOf(QStringView kind, const QJsonObject &payload)
{
  if (auto id = idValue(payload.value(key(field::kFulfillmentOrderId))))
    return *id;
  return makeError(ErrorKind::InvalidInput,
                   QStringLiteral("%1 row without a fulfillment_order_id").arg(kind.toString()));
}

Result<QList<VerifiedLine>> linesFromJson(qint64 fulfillmentOrderId, const QJsonValue &value)
{
  if (!value.isArray())
    return makeError(ErrorKind::InvalidInput,
                     QStringLiteral("payload lines of fulfillment order %1 are not a list").arg(fulfillmentOrderId));
  QList<VerifiedLine> lines;
  for (const QJsonValue &entry : value.toArray()) {
    const QJsonObject line = entry.toObject();
    const auto id = idValue(line.value(u"line_id"));
    const qint64 quantity = line.value(u"quantity").toInteger(-1); // -1: missing, negative or not whole
    const bool repeated =
        std::any_of(lines.begin(), lines.end(), [&](const VerifiedLine &l) { return l.lineId == id; });
    if (!id || quantity < 0 || quantity > std::numeric_limits<int>::max() || repeated)
      return makeError(ErrorKind::InvalidInput,
                       QStringLiteral("payload line %1 of fulfillment order %2 has a bad id or a bad or repeated "
                                      "quantity")
                           .arg(line.value(u"line_id").toVariant().toString())
                           .arg(fulfillmentOrderId));
    lines.append({*id, static_cast<int>(quantity)});
  }
  return lines;
}

QJsonArray linesToJson(const QList<VerifiedLine> &lines)
{
  QJsonArray json;
  for (const VerifiedLine &line : lines)
    json.append(QJsonObject{{QStringLiteral("line_id"), line.lineId}, {QStringLiteral("quantity"), line.quantity}});
  return json;
}

Result<Body> parseFulfillmentCreate(QStringView kind, const QJsonObject &payload)
{
  auto fo = fulfillmentOrderOf(kind, payload);
  if (!fo)
    return fo.error();
  FulfillmentCreate body;
  body.fulfillmentOrderId = *fo;
  body.notifyCustomer = payload.value(u"notify_customer").toBool(true);
  body.partial = payload.value(u"partial").toBool(false);
  if (payload.value(u"claim_id").isDouble())
    body.claimId = payload.value(u"claim_id").toInteger();
  if (payload.value(u"version").isDouble())
    body.version = payload.value(u"version").toInt();
  if (payload.contains(u"lines")) {
    auto lines = linesFromJson(*fo, payload.value(u"lines"));
    if (!lines)
      return lines.error();
    body.lines = *lines;
  }
  return Body{body};
}

// The optional fields of a tracking event, by their payload names: sent only when the carrier said something.
struct EventText {
  const char *name;
  QString TrackingEvent::*member;
};
constexpr EventText kEventTexts[] = {{"message", &TrackingEvent::message},
                                     {"city", &TrackingEvent::city},
                                     {"province", &TrackingEvent::province},
                                     {"zip", &TrackingEvent::zip},
                                     {"country", &TrackingEvent::country}};

QJsonObject trackingEventToJson(const TrackingEvent &m)
{
  QJsonObject json{{key(field::kFulfillmentOrderId), m.fulfillmentOrderId},
                   {key(field::kShipmentTrackingId), m.shipmentTrackingId},
                   {QStringLiteral("status"), m.status},
                   {QStringLiteral("happened_at"), db::isoUtc(m.happenedAt)}};
  for (const EventText &text : kEventTexts) {
    if (!(m.*text.member).isEmpty())
      json.insert(key(text.name), m.*text.member);
  }
  if (m.estimatedDeliveryAt.isValid())
    json.insert(QStringLiteral("estimated_delivery_at"), db::isoUtc(m.estimatedDeliveryAt));
  return json;
}

Result<Body> parseTrackingEvent(QStringView kind, const QJsonObject &payload)
{
  auto fo = fulfillmentOrderOf(kind, payload);
  if (!fo)
    return fo.error();
  TrackingEvent body;
  body.fulfillmentOrderId = *fo;
  const auto shipment = idValue(payload.value(key(field::kShipmentTrackingId)));
  body.status = payload.value(u"status").toString();
  body.happenedAt = QDateTime::fromString(payload.value(u"happened_at").toString(), Qt::ISODateWithMs).toUTC();
  const QString estimated = payload.value(u"estimated_delivery_at").toString();
  body.estimatedDeliveryAt = QDateTime::fromString(estimated, Qt::ISODateWithMs).toUTC();
  if (!shipment || !isFulfillmentEventStatus(body.status) || !body.happenedAt.isValid() ||
      (!estimated.isEmpty() && !body.estimatedDeliveryAt.isValid()))
    return makeError(ErrorKind::InvalidInput,
                     QStringLiteral("%1 row of fulfillment order %2 without a shipment, a FulfillmentEventStatus, a "
                                    "time, or with a bad estimated delivery time")
                         .arg(kind.toString())
                         .arg(*fo));
  body.shipmentTrackingId = *shipment;
  for (const EventText &text : kEventTexts)
    body.*text.member = payload.value(QLatin1String(text.name)).toString();
  return Body{body};
}

QString aggregateOf(const Body &body)
{
  return std::visit(
      Overloaded{[](const OrderSync &sync) { return sync.orderId; },
                 [](const auto &onFulfillmentOrder) { return QString::number(onFulfillmentOrder.fulfillmentOrderId); }},
      body);
}

} // namespace

QString kindName(Kind kind)
{
  switch (kind) {
  case Kind::FulfillmentCreate: return QStringLiteral("fulfillment.create");
  case Kind::TrackingUpdate: return QStringLiteral("fulfillment.tracking_update");
  case Kind::Hold: return QStringLiteral("fulfillment_order.hold");
  case Kind::ReleaseHold: return QStringLiteral("fulfillment_order.release_hold");
  case Kind::OrderSync: return QStringLiteral("order.sync");
  case Kind::TrackingEvent: return QStringLiteral("fulfillment.tracking_event");
  }
  Q_UNREACHABLE();
}

const QList<Kind> &allKinds()
{
  static const QList<Kind> all{Kind::FulfillmentCreate, Kind::TrackingUpdate, Kind::Hold,
                               Kind::ReleaseHold,       Kind::OrderSync,      Kind::TrackingEvent};
  return all;
}

bool isFulfillmentEventStatus(QStringView status)
{
  static const QStringList all{QStringLiteral("LABEL_PURCHASED"),    QStringLiteral("LABEL_PRINTED"),
                               QStringLiteral("READY_FOR_PICKUP"),   QStringLiteral("CONFIRMED"),
                               QStringLiteral("IN_TRANSIT"),         QStringLiteral("OUT_FOR_DELIVERY"),
                               QStringLiteral("ATTEMPTED_DELIVERY"), QStringLiteral("DELAYED"),
                               QStringLiteral("DELIVERED"),          QStringLiteral("FAILURE"),
                               QStringLiteral("CARRIER_PICKED_UP")};
  return all.contains(status);
}

std::optional<Kind> kindNamed(QStringView name)
{
  for (const Kind kind : allKinds()) {
    if (kindName(kind) == name)
      return kind;
  }
  return std::nullopt;
}

Kind kindOf(const Body &body)
{
  return std::visit(Overloaded{[](const FulfillmentCreate &) { return Kind::FulfillmentCreate; },
                               [](const TrackingUpdate &) { return Kind::TrackingUpdate; },
                               [](const Hold &) { return Kind::Hold; },
                               [](const ReleaseHold &) { return Kind::ReleaseHold; },
                               [](const OrderSync &) { return Kind::OrderSync; },
                               [](const TrackingEvent &) { return Kind::TrackingEvent; }},
                    body);
}

QJsonObject toJson(const Body &body)
{
  const QString fo = key(field::kFulfillmentOrderId);
  return std::visit(
      Overloaded{
          [&](const FulfillmentCreate &m) {
            QJsonObject json{{fo, m.fulfillmentOrderId},
                             {QStringLiteral("notify_customer"), m.notifyCustomer},
                             {QStringLiteral("partial"), m.partial}};
            if (m.claimId)
              json.insert(QStringLiteral("claim_id"), *m.claimId);
            if (m.version)
              json.insert(QStringLiteral("version"), *m.version);
            if (m.lines)
              json.insert(QStringLiteral("lines"), linesToJson(*m.lines));
            return json;
          },
          [&](const TrackingUpdate &m) {
            return QJsonObject{{fo, m.fulfillmentOrderId}, {QStringLiteral("notify_customer"), m.notifyCustomer}};
          },
          [&](const Hold &m) {
            return QJsonObject{
                {fo, m.fulfillmentOrderId}, {QStringLiteral("reason"), m.reason}, {QStringLiteral("notes"), m.notes}};
          },
          [&](const ReleaseHold &m) {
            return QJsonObject{{fo, m.fulfillmentOrderId}};
          },
          // Ids as strings, as the hub has always written them (the claim reads them as text either way).
          [&](const OrderSync &m) {
            return QJsonObject{{key(field::kShopId), QString::number(m.shopId)},
                               {QStringLiteral("order_id"), m.orderId}};
          },
          [&](const TrackingEvent &m) { return trackingEventToJson(m); }},
      body);
}

Result<Body> parse(QStringView kind, const QJsonObject &payload)
{
  const std::optional<Kind> known = kindNamed(kind);
  if (!known)
    return makeError(ErrorKind::InvalidInput, QStringLiteral("unknown outbox kind %1").arg(kind.toString()));
  switch (*known) {
  case Kind::FulfillmentCreate: return parseFulfillmentCreate(kind, payload);
  case Kind::TrackingUpdate: {
    auto fo = fulfillmentOrderOf(kind, payload);
    if (!fo)
      return fo.error();
    return Body{TrackingUpdate{*fo, payload.value(u"notify_customer").toBool(true)}};
  }
  case Kind::Hold: {
    auto fo = fulfillmentOrderOf(kind, payload);
    if (!fo)
      return fo.error();
    return Body{
        Hold{*fo, payload.value(u"reason").toString(QStringLiteral("OTHER")), payload.value(u"notes").toString()}};
  }
  case Kind::ReleaseHold: {
    auto fo = fulfillmentOrderOf(kind, payload);
    if (!fo)
      return fo.error();
    return Body{ReleaseHold{*fo}};
  }
  case Kind::OrderSync: {
    const qint64 shopId = payload.value(key(field::kShopId)).toString().toLongLong();
    const QString orderId = payload.value(u"order_id").toString();
    if (shopId <= 0 || orderId.isEmpty())
      return makeError(ErrorKind::InvalidInput, QStringLiteral("order.sync row without shop_id or order_id"));
    return Body{OrderSync{shopId, orderId}};
  }
  case Kind::TrackingEvent: return parseTrackingEvent(kind, payload);
  }
  Q_UNREACHABLE();
}

Message Message::fulfillmentCreate(FulfillmentCreate body)
{
  const QString key = QStringLiteral("fulfillment.create:%1").arg(body.fulfillmentOrderId);
  return withKey(std::move(body), key);
}

Message Message::orderSync(OrderSync body, const QString &reason)
{
  const QString key = QStringLiteral("order.sync:%1:%2:%3").arg(body.shopId).arg(body.orderId, reason);
  return withKey(std::move(body), key);
}

Message Message::trackingEvent(TrackingEvent body)
{
  const QString key = QStringLiteral("fulfillment.tracking_event:%1:%2").arg(body.shipmentTrackingId).arg(body.status);
  return withKey(std::move(body), key);
}

Message Message::withKey(Body body, QString idempotencyKey)
{
  Message message{std::move(body), std::move(idempotencyKey), QString(), std::nullopt};
  message.aggregateId = aggregateOf(message.body);
  if (const auto *sync = std::get_if<OrderSync>(&message.body))
    message.shopId = sync->shopId;
  return message;
}

} // namespace pb::outbox
