// SPDX-FileCopyrightText: 2026 Packbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/base/result.h"
#include "core/carriers/carrier.h"
#include "core/carriers/requestpacer.h"
#include "core/outbox/message.h"

#include <QSqlDatabase>

namespace pb::config {
class Config;
}

namespace pb::hub {

struct TrackingSettings {
  QString workerId;                   // locked_by: host/pid/thread
  int firstIntervalSeconds = 30 * 60; // the first poll, and the next after a change
  int maxIntervalSeconds = 6 * 3600;  // the wait doubles while nothing changes, up to this
  int giveUpDays = 45;
  int batchSize = 20;
  int leaseSeconds = 300; // a crashed worker's shipments are polled by another after this

  static TrackingSettings fromConfig(const config::Config &config, const QString &workerId);
};

struct TrackingPass {
  int discovered = 0;  // shipments newly followed
  int unsupported = 0; // of those, with no carrier the API can track (logged, never polled)
  int polled = 0;      // carrier answers (or NotFound) settled
  int events = 0;      // Shopify fulfillment events written to the outbox (new ones only)
  int failed = 0;      // polls that failed and wait for their next turn
  qint64 waitMs = 0;   // > 0: the carrier (429) or our tracking share says wait this long before the next pass
};

// Follows shipments after their label: every package with a tracking number whose fulfillment is at Shopify gets
// a shipment_tracking row (migration 0017); due rows are claimed under a lease (SKIP LOCKED, so several hubs share
// them), the carrier is asked (Carrier::tracking, GET /v1/tracking), and each Shopify event status the carrier's
// events reach is written to the outbox once (idempotency key per shipment and status) in the same transaction as
// the shipment's new state. The wait between polls doubles while nothing changes and starts again after a change;
// a delivery ends it. DELIVERED goes to Shopify with the order's last followed box, not its first. Tracking numbers
// and addresses are never logged.
class TrackingFollower final {
  Q_DISABLE_COPY_MOVE(TrackingFollower)

public:
  // share: tracking's part of the key's limit (the carrier paces the whole key); may be null.
  TrackingFollower(QSqlDatabase db, carriers::Carrier &carrier, carriers::RequestPacer *share,
                   TrackingSettings settings);

  // Starts following what has newly shipped; marks shipments whose package got another number as replaced.
  Result<int> discover(TrackingPass *pass = nullptr);
  // discover(), then polls what is due (one batch).
  Result<TrackingPass> runOnce();

private:
  struct Shipment {
    qint64 id = 0;
    qint64 fulfillmentOrderId = 0;
    QString trackingNumber;
    QString carrierCode;
    QString statusCode;
    QString statusDetailCode;
    int intervalSeconds = 0;
    bool tooOld = false;
  };
  Result<QList<Shipment>> claimDue();
  Status unlock(const QList<Shipment> &shipments, qsizetype from, qint64 delayMs);
  Status settleAnswer(const Shipment &shipment, const carriers::TrackingInfo &info, TrackingPass *pass);
  Status settleUnknown(const Shipment &shipment);
  Status settleFailure(const Shipment &shipment, const carriers::CarrierError &error);
  Result<bool> writeEvent(const outbox::TrackingEvent &event);

  QSqlDatabase m_db;
  carriers::Carrier &m_carrier;
  carriers::RequestPacer *m_share;
  TrackingSettings m_settings;
};

} // namespace pb::hub
