// SPDX-FileCopyrightText: 2026 Packbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/base/result.h"
#include "core/packing/packers.h"

#include <QSqlDatabase>
#include <QVariant>

#include <optional>

namespace pb::packing {

// An order the station may pack: claimed by the queue (claimId set) or opened directly.
struct ClaimedOrder {
  qint64 fulfillmentOrderId = 0;
  std::optional<qint64> claimId;
};

// How the station gets work and hands it back. The central database implements this over
// pb::queue::OrderQueue (claimNext / claimSpecific / markPacked / hold / release); a PackSession
// only records scans and signals, it never changes pack_state itself.
class PackWorkflow {
public:
  virtual ~PackWorkflow();
  // NotFound when nothing is waiting.
  virtual Result<ClaimedOrder> takeNext(qint64 locationId, const Packer &packer) = 0;
  virtual Result<ClaimedOrder> take(qint64 fulfillmentOrderId, const Packer &packer) = 0;
  virtual Status finish(const ClaimedOrder &order, bool partial) = 0;
  virtual Status hold(const ClaimedOrder &order, const QString &reason) = 0;
  // Gives the order back unfinished (sign-out mid-order); its scans stay and the next packer resumes.
  virtual Status release(const ClaimedOrder &order) = 0;
};

// The embedded single-station demo: no leases, pack_state changed directly with a compare-and-set.
// Not for a shared database: there OrderQueue's leases keep two stations off one order.
class UnleasedDemoWorkflow final : public PackWorkflow {
public:
  explicit UnleasedDemoWorkflow(QSqlDatabase db);
  Result<ClaimedOrder> takeNext(qint64 locationId, const Packer &packer) override;
  Result<ClaimedOrder> take(qint64 fulfillmentOrderId, const Packer &packer) override;
  Status finish(const ClaimedOrder &order, bool partial) override;
  Status hold(const ClaimedOrder &order, const QString &reason) override;
  Status release(const ClaimedOrder &order) override;

private:
  Status moveState(qint64 fulfillmentOrderId, const QString &from, const QString &to, const QVariant &reason = {});

  QSqlDatabase m_db;
};

} // namespace pb::packing
