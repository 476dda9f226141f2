// SPDX-FileCopyrightText: 2026 Packbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/base/result.h"
#include "core/shopify/outboxrow.h"

#include <QDateTime>
#include <QSqlDatabase>

namespace pb::shopify {

class GraphQlClient;
class OutboxLease;

// The outbox kind of a carrier tracking event for Shopify (written by core/hub's tracking follower).
inline constexpr char kTrackingEventKind[] = "fulfillment.tracking_event";

// Posts one fulfillment.tracking_event row: fulfillmentEventCreate on every Shopify fulfillment the package's
// fulfillment order was split into (shopify_fulfillments), each once. The row's progress keeps which fulfillments
// have it and which call went out without an answer; a retry first reads that fulfillment's events and does not post
// again when the event (same status, same time) is there. A shipment's events go out in the order they were written:
// a row waits while an earlier event of its shipment is not settled.
// Payload: fulfillment_order_id, shipment_tracking_id, status (FulfillmentEventStatus), happened_at (ISO 8601 UTC),
// and optionally message, city, province, zip, country, estimated_delivery_at.
class TrackingEventPoster final {
  Q_DISABLE_COPY_MOVE(TrackingEventPoster)

public:
  TrackingEventPoster(QSqlDatabase db, GraphQlClient &client, OutboxLease &lease);

  Result<OutboxOutcome> post(const OutboxRow &row);

private:
  Result<bool> alreadyThere(const QString &fulfillmentId, const QString &status, const QDateTime &happenedAt);
  Status earlierEventsSettled(const OutboxRow &row);

  QSqlDatabase m_db;
  GraphQlClient &m_client;
  OutboxLease &m_lease;
};

} // namespace pb::shopify
