// SPDX-FileCopyrightText: 2026 Packbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/base/result.h"
#include "core/config/config.h"
#include "core/shopify/locationsync.h"

#include <QJsonObject>
#include <QSqlDatabase>
#include <QStringList>

#include <optional>
#include <utility>

namespace pb::shopify {

class GraphQlClient;
struct TrackingInfo;

struct OutboxSettings {
  QString workerId;       // locked_by: host/pid/thread, unique per worker
  int leaseSeconds = 120; // longer than one row's worst case (retries included)
  int maxAttempts = 25;
  int backoffBaseMs = 2000;
  int backoffMaxMs = 15 * 60 * 1000;
  int batchSize = 20;
  LocationCodes locationCodes; // order.sync: the codes stations know Shopify's locations by

  static OutboxSettings fromConfig(const config::Config &config, const QString &workerId);
};

// Posts Shopify-bound outbox rows (fulfillment.create, fulfillment.tracking_update,
// fulfillment_order.hold, fulfillment_order.release_hold) and runs the reads that must happen before
// stations see an order (order.sync: Shopify's fulfillment orders, see core/shopify/ordersync.h). Rows are claimed with
// FOR UPDATE SKIP LOCKED under a lease, so several hubs share the outbox; delivery is at least
// once, the effect exactly once: a retry first asks Shopify whether the earlier call took effect.
class OutboxWorker final {
  Q_DISABLE_COPY_MOVE(OutboxWorker)

public:
  OutboxWorker(QSqlDatabase db, GraphQlClient &client, OutboxSettings settings);

  // Claims one batch of due rows and settles each; returns how many rows it claimed.
  Result<int> runOnce();

  static const QStringList &kinds();

private:
  struct Row {
    qint64 id = 0;
    QString kind;
    QJsonObject payload;
    int attempts = 0;
  };
  // Done (true), or an error: InvalidInput = permanent (dead), others retried with backoff.
  Status handle(const Row &row);
  Status createFulfillment(const Row &row);
  Status updateTracking(const Row &row);
  Status changeHold(const Row &row, bool hold);
  Status settle(const Row &row, const Status &outcome);
  Result<TrackingInfo> trackingFor(qint64 fulfillmentOrderId);

  QSqlDatabase m_db;
  std::optional<std::pair<qint64, QString>> m_recorded; // fulfillment order id, Shopify fulfillment id
  GraphQlClient &m_client;
  OutboxSettings m_settings;
};

} // namespace pb::shopify
