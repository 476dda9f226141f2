// SPDX-FileCopyrightText: 2026 Packbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/base/clock.h"

#include <QHash>
#include <QJsonObject>
#include <QMutex>
#include <QString>

namespace pb::shopify {

// Client-side model of Shopify's GraphQL leaky bucket (per app and shop). Callers ask how long to
// wait before a call so that THROTTLED is not provoked; Shopify's own throttleStatus corrects it.
// Thread-safe: every worker of one hub process shares one.
class CostThrottle final {
  Q_DISABLE_COPY_MOVE(CostThrottle)

public:
  explicit CostThrottle(const Clock &clock);

  // Milliseconds to wait before sending; 0 means the cost is reserved and the call may go now.
  qint64 reserve(const QString &operation);
  // Reads extensions.cost: throttleStatus resets the model, requestedQueryCost is remembered.
  void observe(const QString &operation, const QJsonObject &cost);
  // After a THROTTLED answer: how long until the bucket holds the requested cost again.
  qint64 delayAfterThrottled(const QString &operation, const QJsonObject &cost);

  double available() const;
  double estimatedCost(const QString &operation) const;

private:
  double availableLocked(qint64 now) const;

  const Clock &m_clock;
  mutable QMutex m_mutex;
  double m_maximum = 1000;
  double m_available = 1000;
  double m_restoreRate = 50; // points per second (Standard plan ~100; be cautious until told)
  qint64 m_atMs = 0;
  QHash<QString, double> m_costs;
};

} // namespace pb::shopify
