// SPDX-FileCopyrightText: 2026 Packbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/packing/packworkflow.h"
#include "core/queue/orderqueue.h"

namespace pb::packing {

// One line of a finished pack: how many units this claim verified (fulfillment_order_lines.id).
struct VerifiedLine {
  qint64 lineId = 0;
  int quantity = 0;
};

// The station's workflow over pb::queue::OrderQueue: every order is a leased claim, and finishing
// marks it packed and enqueues the Shopify fulfillment in one transaction. Works on both drivers: on PostgreSQL
// finishing is one call to packbench_complete, which counts the verified quantities itself. Every call carries the
// packer's sign-in (Packer::signInToken, then ClaimedOrder::signInToken), which PostgreSQL checks (migration 0016).
// The fulfillment.create payload is outbox::FulfillmentCreate (core/outbox/message.h): lines are the units
// this claim verified (only lines with quantity > 0), for full and partial packs alike.
class LeasedQueueWorkflow final : public PackWorkflow {
public:
  LeasedQueueWorkflow(QSqlDatabase db, queue::OrderQueue &queue, qint64 stationId);
  Q_DISABLE_COPY_MOVE(LeasedQueueWorkflow)
  ~LeasedQueueWorkflow() override;

  Result<ClaimedOrder> takeNext(qint64 locationId, const Packer &packer) override;
  Result<ClaimedOrder> take(qint64 fulfillmentOrderId, const Packer &packer) override;
  Result<ClaimedOrder> takeOver(qint64 fulfillmentOrderId, const Packer &packer, const Packer &lead) override;
  Status releaseHold(qint64 fulfillmentOrderId, const Packer &packer, const Packer &lead) override;
  Status finish(const ClaimedOrder &order, bool partial) override;
  Status finishWithin(const ClaimedOrder &order, bool partial) override;
  Status hold(const ClaimedOrder &order, const QString &reason) override;
  Status holdWithin(const ClaimedOrder &order, const QString &reason) override;
  Status release(const ClaimedOrder &order) override;
  Status keepAlive(const ClaimedOrder &order) override;
  Result<bool> wasFinished(const ClaimedOrder &order) override;

  std::chrono::seconds lease() const { return m_queue.lease(); }
  qint64 stationId() const { return m_stationId; }

private:
  Result<queue::Claim> claimOf(const ClaimedOrder &order) const;
  // What this claim verified per line; Conflict when it does not fit the order as it now stands.
  Result<QList<VerifiedLine>> verifiedLines(const queue::Claim &claim, bool partial);
  Status enqueueFulfillment(const queue::Claim &claim, bool partial, const QList<VerifiedLine> &lines);

  QSqlDatabase m_db;
  queue::OrderQueue &m_queue;
  qint64 m_stationId = 0;
};

} // namespace pb::packing
