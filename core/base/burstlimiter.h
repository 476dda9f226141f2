// SPDX-FileCopyrightText: 2026 Packbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QtGlobal>

#include <optional>

namespace pb {

// Lets the first event of a burst through, then at most one per interval, reporting how many were
// held back meanwhile: a lost database or a forged-webhook flood must not flood the log too.
class BurstLimiter final {
public:
  explicit BurstLimiter(qint64 intervalMs)
      : m_intervalMs(intervalMs)
  {}

  // The count of events suppressed since the last admitted one, or nothing if this one is suppressed.
  std::optional<int> admit(qint64 nowMs)
  {
    if (m_admittedOnce && nowMs - m_lastAdmittedMs < m_intervalMs) {
      ++m_suppressed;
      return std::nullopt;
    }
    const int suppressed = m_suppressed;
    m_admittedOnce = true;
    m_lastAdmittedMs = nowMs;
    m_suppressed = 0;
    return suppressed;
  }

private:
  qint64 m_intervalMs;
  qint64 m_lastAdmittedMs = 0;
  bool m_admittedOnce = false;
  int m_suppressed = 0;
};

} // namespace pb
