// SPDX-FileCopyrightText: 2026 Packbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/carriers/trackingevents.h"

#include <QSet>

namespace pb::carriers {

namespace {

// Accepted (AC) only once the parcel is physically with the carrier; before that the label is all there is.
bool notYetWithCarrier(const QString &detail)
{
  static const QSet<QString> waiting{QStringLiteral("SHIPMENT_CREATED"), QStringLiteral("AWAITING_PICKUP_DROP_OFF"),
                                     QStringLiteral("ELEC_ADVICE_RECD_BY_CARRIER"),
                                     QStringLiteral("NOT_YET_RECEIVED_BY_CARRIER")};
  return waiting.contains(detail);
}

// Exceptions (EX) the parcel comes out of by itself: a delay, not a failure of the delivery.
bool isDelay(const QString &detail)
{
  static const QSet<QString> delays{
      QStringLiteral("CARRIER_DELAYS"),  QStringLiteral("DELAYED_NOT_CARRIER"),
      QStringLiteral("HELD_BY_CARRIER"), QStringLiteral("HELD_BY_CARRIER_FOR_CLEARANCE_PRE_PROCESSING"),
      QStringLiteral("HELD_BY_CUSTOMS"), QStringLiteral("CUSTOMS_PROCESSING"),
      QStringLiteral("MISROUTED"),       QStringLiteral("PARCEL_REPACKED")};
  return delays.contains(detail);
}

} // namespace

QString shopifyEventStatus(const QString &statusCode, const QString &statusDetailCode)
{
  if (statusCode == u"AC")
    return notYetWithCarrier(statusDetailCode) ? QString() : QStringLiteral("CARRIER_PICKED_UP");
  if (statusCode == u"IT")
    return statusDetailCode == u"OUT_FOR_DELIVERY" ? QStringLiteral("OUT_FOR_DELIVERY") : QStringLiteral("IN_TRANSIT");
  if (statusCode == u"AT")
    return QStringLiteral("ATTEMPTED_DELIVERY");
  if (statusCode == u"SP") // at a collection point: collected is a delivery
    return statusDetailCode == u"PARCEL_COLLECTED_FROM_PICKUP_POINT" ? QStringLiteral("DELIVERED")
                                                                     : QStringLiteral("READY_FOR_PICKUP");
  if (statusCode == u"DE")
    return QStringLiteral("DELIVERED");
  if (statusCode == u"EX")
    return isDelay(statusDetailCode) ? QStringLiteral("DELAYED") : QStringLiteral("FAILURE");
  return {}; // UN unknown, NY not yet in the carrier's system
}

bool isFinalTrackingStatus(const QString &statusCode)
{
  return statusCode == u"DE";
}

QList<ShipmentEvent> shipmentEvents(const TrackingInfo &info)
{
  QList<ShipmentEvent> out;
  QSet<QString> seen;
  auto add = [&](const QString &status, const QDateTime &at, const QString &message, const TrackingEvent *where) {
    if (status.isEmpty() || seen.contains(status))
      return;
    seen.insert(status);
    ShipmentEvent event{status, at, message, {}, {}, {}, {}, info.estimatedDelivery};
    if (where) {
      event.city = where->cityLocality;
      event.province = where->stateProvince;
      event.zip = where->postalCode;
      event.country = where->countryCode;
    }
    out.append(event);
  };
  for (const TrackingEvent &e : info.events)
    add(shopifyEventStatus(e), e.occurredAt, e.description, &e);
  // The carrier's own status is the latest word, also when its event list is short or empty.
  const QDateTime when = info.actualDelivery.isValid() && info.statusCode == u"DE" ? info.actualDelivery
                         : info.events.isEmpty()                                   ? QDateTime()
                                                                                   : info.events.last().occurredAt;
  add(shopifyEventStatus(info.statusCode, info.statusDetailCode), when,
      info.exceptionDescription.isEmpty() ? info.statusDescription : info.exceptionDescription, nullptr);
  return out;
}

} // namespace pb::carriers
