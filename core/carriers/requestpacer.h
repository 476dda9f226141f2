// SPDX-FileCopyrightText: 2026 Packbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/base/clock.h"

#include <QMutex>

#include <deque>

namespace pb::carriers {

// Keeps requests under the carrier's limit (ShipEngine: 200 a minute) without waiting for a 429: at
// most `limit` sends in any `windowMs` (a sliding window, so whether the carrier counts in fixed or
// sliding minutes, we never exceed it). One pacer per API key, shared by every thread using that key.
class RequestPacer final {
public:
  // marginMs widens the window: a request's send and its arrival at the carrier are a little apart.
  RequestPacer(int limit, qint64 windowMs, const Clock &clock, qint64 marginMs = 250);
  Q_DISABLE_COPY_MOVE(RequestPacer)

  // 0: a send is reserved now, go ahead. Otherwise the milliseconds to wait before asking again.
  qint64 reserve();
  // The carrier answered 429 anyway (another client on the key): nobody sends for the next ms.
  void holdFor(qint64 ms);
  // A reserved send that never left (stopped before sending): give its place back.
  void release();

  int limit() const { return m_limit; }
  qint64 windowMs() const { return m_windowMs; }
  int sentInWindow(); // for metrics and tests

private:
  void expire(qint64 now);

  const int m_limit;
  const qint64 m_windowMs;
  const Clock &m_clock;
  QMutex m_mutex;
  std::deque<qint64> m_sent; // monotonic ms of each send in the window, oldest first
  qint64 m_heldUntil = 0;
};

} // namespace pb::carriers
