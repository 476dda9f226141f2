// SPDX-FileCopyrightText: 2026 Packbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/base/result.h"
#include "core/carriers/carrier.h"
#include "core/hub/labelrequests.h"

#include <QSqlDatabase>

namespace pb::hub {

struct LabelWorkerSettings {
  QString workerId;          // locked_by: host/pid/thread, unique per worker
  int leaseSeconds = 600;    // longer than one purchase with all its retries and lookups
  int batchSize = 20;        // requests worked per pass
  qint64 retryBaseMs = 2000; // carrier unavailable: first wait, doubling per attempt, with jitter
  qint64 retryMaxMs = 5 * 60 * 1000;
  qint64 configurationRetryMs = 60 * 1000; // a lead's fix (rules, ship-from, key) is picked up this soon
  qint64 voidRefusedRetryMs = 60 * 60 * 1000;
};

// The hub's carrier work on one database connection and one carrier (docs/carriers.md): buys the label of each
// requested box exactly once (the request's own external_shipment_id on every attempt; after a lost answer the
// adapter finds the label by it), choosing the cheapest allowed service that keeps the shipping line's promise;
// stores label and tracking in one transaction; and voids the labels of pack attempts that ended without
// shipping, telling the lead. Several workers (threads, hubs) share the work through leases.
class LabelWorker final {
  Q_DISABLE_COPY_MOVE(LabelWorker)

public:
  LabelWorker(QSqlDatabase db, carriers::Carrier &carrier, LabelWorkerSettings settings);
  ~LabelWorker();

  // One pass: retire abandoned labels, void what is due, buy what is due. How many requests it worked on.
  Result<int> runOnce();

  int bought() const { return m_bought; }
  int voided() const { return m_voided; }
  int failed() const { return m_failed; }

private:
  Status buy(LabelJob job);
  // Picks the service for a job with none yet; false: the job was put back or failed (said why).
  Result<bool> chooseService(LabelJob &job, const carriers::Shipment &shipment);
  Status settleError(const LabelJob &job, const carriers::CarrierError &error, bool purchaseSent);
  Status voidLabel(const LabelJob &job);
  qint64 backoffMs(int attempts) const;

  QSqlDatabase m_db;
  carriers::Carrier &m_carrier;
  LabelWorkerSettings m_settings;
  int m_bought = 0;
  int m_voided = 0;
  int m_failed = 0;
};

// The purchase a job asks for: addresses from the order and the warehouse, the box as the station measured it.
// InvalidInput (with the packer's words) when something the carrier needs is missing.
Result<carriers::LabelPurchase> purchaseFor(const LabelJob &job, const QDateTime &shipDate);

} // namespace pb::hub
