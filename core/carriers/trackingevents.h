// SPDX-FileCopyrightText: 2026 Packbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/carriers/carriertypes.h"

#include <QList>
#include <QString>

namespace pb::carriers {

// A carrier tracking event as Shopify's FulfillmentEventStatus names it (Admin API 2026-01): IN_TRANSIT,
// OUT_FOR_DELIVERY, DELIVERED, FAILURE … Empty when the event says nothing a customer should see (label created,
// not yet with the carrier, unknown).
QString shopifyEventStatus(const QString &statusCode, const QString &statusDetailCode);
inline QString shopifyEventStatus(const TrackingEvent &event)
{
  return shopifyEventStatus(event.statusCode, event.statusDetailCode);
}

// Delivered (DE) is the end of a shipment's tracking: nothing follows it.
bool isFinalTrackingStatus(const QString &statusCode);

// One Shopify fulfillment event to post for a shipment, from the carrier's event that first reached the status.
struct ShipmentEvent {
  QString status;       // FulfillmentEventStatus
  QDateTime happenedAt; // the carrier's time of the event
  QString message;      // the carrier's description
  QString city;
  QString province;
  QString zip;
  QString country;
  QDateTime estimatedDeliveryAt;
};

// The events to post for what the carrier answered, oldest first, one per Shopify status (its first occurrence):
// the carrier's event list, and its current status when the list is empty or ends before it.
QList<ShipmentEvent> shipmentEvents(const TrackingInfo &info);

} // namespace pb::carriers
