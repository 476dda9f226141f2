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

qint64 CostThrottle::reserve(const QString &operation, CostReservation *reservation)
{
  const QMutexLocker lock(&m_mutex);
  const qint64 now = m_clock.monotonicMs();
  const double cost = std::min(m_costs.value(operation, kDefaultCost), m_maximum);
  const double needed = std::min(cost + safetyLocked(), m_maximum);
  const double have = availableLocked(now);
  if (have >= needed) {
    const double held = std::min(cost, m_actualCosts.value(operation, cost));
    m_available = have - held;
    m_atMs = now;
    if (reservation) {
      *reservation = {held, now};
      m_inFlight += held;
    }
    return 0;
  }
  return std::max<qint64>(1, static_cast<qint64>(std::ceil((needed - have) / m_restoreRate * 1000.0)));
}

double CostThrottle::safetyLocked() const
{
  // Our clock and Shopify's are not the same, and timers fire late: ask for a point and 5 ms more.
  return 1.0 + m_restoreRate * 0.005;
}

void CostThrottle::observe(const QString &operation, const QJsonObject &cost, const CostReservation &reservation)
{
  const QJsonObject status = cost.value(u"throttleStatus").toObject();
  const QMutexLocker lock(&m_mutex);
  const qint64 now = m_clock.monotonicMs();
  if (cost.value(u"requestedQueryCost").isDouble())
    m_costs.insert(operation, cost.value(u"requestedQueryCost").toDouble());
  if (reservation.atMs >= 0) {
    m_inFlight = std::max(0.0, m_inFlight - reservation.cost);
    if (cost.value(u"actualQueryCost").isDouble())
      m_actualCosts.insert(operation, cost.value(u"actualQueryCost").toDouble());
    // Not run (THROTTLED, actualQueryCost null): all of it back; run: the refund of requested - actual.
    const QJsonValue actual = cost.value(u"actualQueryCost");
    const double charged = actual.isDouble() ? actual.toDouble() : (cost.isEmpty() ? reservation.cost : 0.0);
    m_available = std::clamp(availableLocked(now) + reservation.cost - charged, 0.0, m_maximum);
    m_atMs = now;
  }
  if (status.isEmpty())
    return;
  m_maximum = std::max(1.0, status.value(u"maximumAvailable").toDouble(m_maximum));
  m_restoreRate = std::max(1.0, status.value(u"restoreRate").toDouble(m_restoreRate));
  // Shopify's figure is a floor for the bucket once what our other calls in flight will be charged is
  // taken off (it is rounded down, older than now, and may already include some of those calls).
  // Far below our model: someone else spent from the bucket, follow it. Far above: our model started
  // low (a bigger bucket than we assumed), raise it but keep 5% back, since answers may arrive in
  // another order than Shopify ran the calls.
  const double margin =
      reservation.atMs < 0
          ? 0.0
          : 1.0 + m_restoreRate * static_cast<double>(std::max<qint64>(0, now - reservation.atMs)) / 1000.0;
  const double reported = std::clamp(status.value(u"currentlyAvailable").toDouble(m_available), 0.0, m_maximum);
  const double floor = std::max(0.0, reported - m_inFlight);
  const double model = availableLocked(now);
  const double keepBack = 0.05 * m_maximum;
  if (reported + margin < model)
    m_available = floor;
  else if (floor > model + margin + keepBack)
    m_available = floor - keepBack;
  else
    m_available = model;
  m_atMs = now;
}

void CostThrottle::abandon(const CostReservation &reservation)
{
  const QMutexLocker lock(&m_mutex);
  if (reservation.atMs < 0)
    return;
  m_inFlight = std::max(0.0, m_inFlight - reservation.cost); // the points stay spent: it may have run
}

qint64 CostThrottle::delayAfterThrottled(const QString &operation, const QJsonObject &cost,
                                         const CostReservation &reservation)
{
  observe(operation, cost, reservation);
  const QMutexLocker lock(&m_mutex);
  const double wanted = std::min(m_costs.value(operation, kDefaultCost) + safetyLocked(), m_maximum);
  const double have = availableLocked(m_clock.monotonicMs());
  return std::max<qint64>(static_cast<qint64>(std::ceil((wanted - have) / m_restoreRate * 1000.0)), 1);
}

} // namespace pb::shopify
