// SPDX-FileCopyrightText: 2026 Packbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/shopify/costthrottle.h"

#include <QMutexLocker>

#include <cmath>

namespace pb::shopify {

namespace {
constexpr double kDefaultCost = 10; // what Shopify charges a mutation; reads learn their own
}

CostThrottle::CostThrottle(const Clock &clock)
    : m_clock(clock)
    , m_atMs(clock.monotonicMs())
{}

double CostThrottle::availableLocked(qint64 now) const
{
  const double restored = m_restoreRate * static_cast<double>(now - m_atMs) / 1000.0;
  return std::min(m_maximum, m_available + restored);
}

double CostThrottle::available() const
{
  const QMutexLocker lock(&m_mutex);
  return availableLocked(m_clock.monotonicMs());
}

double CostThrottle::estimatedCost(const QString &operation) const
{
  const QMutexLocker lock(&m_mutex);
  return std::min(m_costs.value(operation, kDefaultCost), m_maximum);
}

qint64 CostThrottle::reserve(const QString &operation)
{
  const QMutexLocker lock(&m_mutex);
  const qint64 now = m_clock.monotonicMs();
  const double cost = std::min(m_costs.value(operation, kDefaultCost), m_maximum);
  const double have = availableLocked(now);
  if (have >= cost) {
    m_available = have - cost;
    m_atMs = now;
    return 0;
  }
  return static_cast<qint64>(std::ceil((cost - have) / m_restoreRate * 1000.0));
}

void CostThrottle::observe(const QString &operation, const QJsonObject &cost)
{
  const QJsonObject status = cost.value(u"throttleStatus").toObject();
  const QMutexLocker lock(&m_mutex);
  if (cost.value(u"requestedQueryCost").isDouble())
    m_costs.insert(operation, cost.value(u"requestedQueryCost").toDouble());
  if (status.isEmpty())
    return;
  m_maximum = std::max(1.0, status.value(u"maximumAvailable").toDouble(m_maximum));
  m_restoreRate = std::max(1.0, status.value(u"restoreRate").toDouble(m_restoreRate));
  // Shopify's figure predates calls still in flight from other workers: keep the lower estimate.
  const qint64 now = m_clock.monotonicMs();
  const double reported = std::clamp(status.value(u"currentlyAvailable").toDouble(m_available), 0.0, m_maximum);
  m_available = std::min(availableLocked(now), reported);
  m_atMs = now;
}

qint64 CostThrottle::delayAfterThrottled(const QString &operation, const QJsonObject &cost)
{
  observe(operation, cost);
  const QMutexLocker lock(&m_mutex);
  const double wanted = std::min(m_costs.value(operation, kDefaultCost), m_maximum);
  const double have = availableLocked(m_clock.monotonicMs());
  return std::max<qint64>(static_cast<qint64>(std::ceil((wanted - have) / m_restoreRate * 1000.0)), 1);
}

} // namespace pb::shopify
