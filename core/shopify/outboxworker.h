// SPDX-FileCopyrightText: 2026 Packbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/base/result.h"
#include "core/config/config.h"
#include "core/outbox/claims.h"
#include "core/shopify/locationsync.h"
#include "core/shopify/outboxoutcome.h"

#include <QJsonObject>
#include <QSqlDatabase>

#include <memory>

namespace pb::outbox {
class Lease;
}

namespace pb::shopify {

class GraphQlClient;
class OneShopClient;
class ShopClients;

struct OutboxSettings {
  QString workerId;       // locked_by: host/pid/thread, unique per worker
  int leaseSeconds = 120; // renewed every third while the row is worked on
  int maxAttempts = 25;
  int backoffBaseMs = 2000;
  int backoffMaxMs = 15 * 60 * 1000;
  int batchSize = 20;
  LocationCodes locationCodes; // order.sync: the codes stations know Shopify's locations by

  static OutboxSettings fromConfig(const config::Config &config, const QString &workerId);
  outbox::ClaimSettings claims() const;
};

// What one pass of the worker did.
struct OutboxPass {
  int claimed = 0;    // rows claimed
  int leasesLost = 0; // rows another worker took before this one could write their outcome (nothing was written)
};

// Posts Shopify-bound outbox messages (core/outbox/message.h: fulfillment.create, fulfillment.tracking_update,
// fulfillment.tracking_event, fulfillment_order.hold, fulfillment_order.release_hold), and runs the reads that must
// happen before stations see an order (order.sync: Shopify's fulfillment orders, core/shopify/ordersync.h). Rows are
// claimed and settled through outbox::Claims under a lease (outbox::Lease: renewed while calls are in flight), so
// several hubs share the outbox; delivery is at least once, the effect exactly once: each request goes out once per
// attempt, and a retry first asks Shopify whether the earlier call took effect (FulfillmentPoster). The worker
// keeps nothing from one pass to the next: everything a retry needs is in the row.
class OutboxWorker final {
  Q_DISABLE_COPY_MOVE(OutboxWorker)

public:
  // Each row goes out through the client of its own shop; a row whose shop has no client waits.
  OutboxWorker(QSqlDatabase db, ShopClients &clients, OutboxSettings settings);
  // A worker for one shop's rows (import-catalogue, tests): rows of other shops wait.
  OutboxWorker(QSqlDatabase db, GraphQlClient &client, const QString &shopDomain, OutboxSettings settings);
  ~OutboxWorker();

  // Claims one batch of due rows and settles each.
  Result<OutboxPass> runOnce();

private:
  // Done (an outcome to write), or an error: InvalidInput/Permission = permanent (dead), others retried.
  Result<OutboxOutcome> handle(const outbox::ClaimedRow &row, outbox::Lease &lease, GraphQlClient &client);
  Status updateTracking(const outbox::TrackingUpdate &message, GraphQlClient &client);
  Status changeHold(const outbox::ClaimedRow &row, qint64 fulfillmentOrderId, const outbox::Hold *hold,
                    GraphQlClient &client);
  // The row's shop has no credentials here: back to waiting with the reason, the attempt not counted.
  Status park(const outbox::ClaimedRow &row, const QString &why);
  Status settle(const outbox::ClaimedRow &row, const Result<OutboxOutcome> &outcome, OutboxPass &pass);
  static void reportLeaseLost(const outbox::ClaimedRow &row, const QString &what, OutboxPass &pass);

  QSqlDatabase m_db;
  std::unique_ptr<OneShopClient> m_ownClients; // the single-shop constructor's
  ShopClients &m_clients;
  OutboxSettings m_settings;
  outbox::Claims m_claims;
};

} // namespace pb::shopify
