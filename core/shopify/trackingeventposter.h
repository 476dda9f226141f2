// SPDX-FileCopyrightText: 2026 Packbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/base/result.h"
#include "core/outbox/claimedrow.h"
#include "core/outbox/lease.h"
#include "core/shopify/outboxoutcome.h"

#include <QDateTime>
#include <QSqlDatabase>

namespace pb::shopify {

class GraphQlClient;

// Posts one fulfillment.tracking_event row (outbox::TrackingEvent, written by core/hub's tracking follower):
// fulfillmentEventCreate on every Shopify fulfillment the package's fulfillment order was split into
// (shopify_fulfillments), each once. The row's progress keeps which fulfillments have it and which call went out
// without an answer; a retry first reads that fulfillment's events and does not post again when the event (same status,
// same time) is there. A shipment's events go out in the order they were written: a row waits while an earlier event of
// its shipment is not settled.
class TrackingEventPoster final {
  Q_DISABLE_COPY_MOVE(TrackingEventPoster)

public:
  TrackingEventPoster(QSqlDatabase db, GraphQlClient &client, outbox::Lease &lease);

  Result<OutboxOutcome> post(const outbox::ClaimedRow &row, const outbox::TrackingEvent &event);

private:
  Result<bool> alreadyThere(const QString &fulfillmentId, const QString &status, const QDateTime &happenedAt);
  Status earlierEventsSettled(const outbox::ClaimedRow &row, const outbox::TrackingEvent &event);

  QSqlDatabase m_db;
  GraphQlClient &m_client;
  outbox::Lease &m_lease;
};

} // namespace pb::shopify
