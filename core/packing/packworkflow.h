// SPDX-FileCopyrightText: 2026 Packbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/base/result.h"
#include "core/packing/packers.h"

#include <QSqlDatabase>

#include <optional>

namespace pb::packing {

// An order the station may pack: claimed by the queue (claimId set) or opened directly.
struct ClaimedOrder {
  qint64 fulfillmentOrderId = 0;
  std::optional<qint64> claimId;
  // The order version packed against: the claim's, then the one the pack session loaded and shows.
  int orderVersion = 0;
  // The sign-in of the packer working on it now (Packer::signInToken): finish, hold and release are theirs.
  // Set when the order is taken; StationController renews it when someone signs in again at the bench.
  QString signInToken{};
};

// How the station gets work and hands it back; LeasedQueueWorkflow implements it over
// pb::queue::OrderQueue on both drivers. A PackSession only records scans and signals, it never
// changes pack_state itself.
class PackWorkflow {
public:
  virtual ~PackWorkflow();
  // NotFound when nothing is waiting.
  virtual Result<ClaimedOrder> takeNext(qint64 locationId, const Packer &packer) = 0;
  virtual Result<ClaimedOrder> take(qint64 fulfillmentOrderId, const Packer &packer) = 0;
  // Records the pack and its fulfillment for exactly what this claim verified; Conflict when the order
  // changed since orderVersion, when a full pack is not fully verified, or when the lease was lost.
  virtual Status finish(const ClaimedOrder &order, bool partial) = 0;
  // The same finish inside a transaction the caller holds open (the offline replay: the journal's scans and their
  // completion land together or not at all).
  virtual Status finishWithin(const ClaimedOrder &order, bool partial) = 0;
  virtual Status hold(const ClaimedOrder &order, const QString &reason) = 0;
  // The same hold inside a transaction the caller holds open (the offline replay); by default hold().
  virtual Status holdWithin(const ClaimedOrder &order, const QString &reason);
  // Gives the order back unfinished (sign-out mid-order): the attempt ends, its items go back to the
  // shelf, and the next claim starts from zero (the old scans stay in the audit trail).
  virtual Status release(const ClaimedOrder &order) = 0;
  // A lead (badge and PIN already checked: approveAsLead) moves an order another station holds to
  // this one, for `packer`; Permission when `lead` is not a lead.
  virtual Result<ClaimedOrder> takeOver(qint64 fulfillmentOrderId, const Packer &packer, const Packer &lead);
  // A lead lifts a hold at the bench where `packer` is signed in: the order goes back to the queue.
  virtual Status releaseHold(qint64 fulfillmentOrderId, const Packer &packer, const Packer &lead);
  // Renews the order's lease while it is open; ErrorKind::Conflict once it was taken back.
  virtual Status keepAlive(const ClaimedOrder &order);
  // Whether this claim already ended in a recorded pack (a finish whose answer was lost with the connection).
  virtual Result<bool> wasFinished(const ClaimedOrder &order);
};

} // namespace pb::packing
