// SPDX-FileCopyrightText: 2026 Packbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/carriers/requestpacer.h"

#include <algorithm>

namespace pb::carriers {

RequestPacer::RequestPacer(int limit, qint64 windowMs, const Clock &clock, qint64 marginMs)
    : m_limit(std::max(1, limit))
    , m_windowMs(std::max<qint64>(1, windowMs + marginMs))
    , m_clock(clock)
{}

void RequestPacer::expire(qint64 now)
{
  while (!m_sent.empty() && m_sent.front() + m_windowMs <= now)
    m_sent.pop_front();
}

qint64 RequestPacer::reserve()
{
  const QMutexLocker lock(&m_mutex);
  const qint64 now = m_clock.monotonicMs();
  if (now < m_heldUntil)
    return m_heldUntil - now;
  expire(now);
  if (static_cast<int>(m_sent.size()) < m_limit) {
    m_sent.push_back(now);
    return 0;
  }
  return std::max<qint64>(1, m_sent.front() + m_windowMs - now);
}

void RequestPacer::holdFor(qint64 ms)
{
  const QMutexLocker lock(&m_mutex);
  m_heldUntil = std::max(m_heldUntil, m_clock.monotonicMs() + ms);
}

void RequestPacer::release()
{
  const QMutexLocker lock(&m_mutex);
  if (!m_sent.empty())
    m_sent.pop_back();
}

int RequestPacer::sentInWindow()
{
  const QMutexLocker lock(&m_mutex);
  expire(m_clock.monotonicMs());
  return static_cast<int>(m_sent.size());
}

} // namespace pb::carriers
