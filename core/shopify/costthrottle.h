// SPDX-FileCopyrightText: 2026 Packbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/base/clock.h"

#include <QHash>
#include <QJsonObject>
#include <QMutex>
#include <QString>

namespace pb::shopify {

// What one call holds from the bucket until its answer says what it really cost: the actual cost
// its operation had last time (Shopify refunds the rest of the requested cost as soon as it ran).
struct CostReservation {
  double cost = 0;
  qint64 atMs = -1; // monotonic time of the reservation (the call's send time); -1: none
};

// Client-side model of Shopify's GraphQL leaky bucket (per app and shop). Callers ask how long to
// wait before a call so that THROTTLED is not provoked; Shopify's own throttleStatus corrects it.
// Thread-safe: every worker of one hub process shares one.
class CostThrottle final {
  Q_DISABLE_COPY_MOVE(CostThrottle)

public:
  explicit CostThrottle(const Clock &clock);

  // Milliseconds to wait before sending; 0 means the call may go now. Shopify runs a call only if
  // the bucket holds its requested cost; what it keeps is the actual cost, so that is what is held.
  qint64 reserve(const QString &operation, CostReservation *reservation = nullptr);
  // Reads extensions.cost: the difference between the reserved and the actual cost comes back
  // (Shopify refunds requested minus actual), requestedQueryCost is remembered, and throttleStatus
  // lowers the model when someone else spends from the same bucket.
  void observe(const QString &operation, const QJsonObject &cost, const CostReservation &reservation = {});
  // After a THROTTLED answer (nothing charged): how long until the bucket holds the requested cost.
  qint64 delayAfterThrottled(const QString &operation, const QJsonObject &cost,
                             const CostReservation &reservation = {});

  // No usable answer (network error, 5xx, time-out): the reservation stays spent, no longer in flight.
  void abandon(const CostReservation &reservation);

  double available() const;
  double estimatedCost(const QString &operation) const;

private:
  double availableLocked(qint64 now) const;
  double safetyLocked() const;

  const Clock &m_clock;
  mutable QMutex m_mutex;
  double m_maximum = 1000;
  double m_available = 1000;
  double m_restoreRate = 50; // points per second (Standard plan ~100; be cautious until told)
  qint64 m_atMs = 0;
  double m_inFlight = 0; // held by calls whose answers have not come yet
  QHash<QString, double> m_actualCosts;
  QHash<QString, double> m_costs;
};

} // namespace pb::shopify
