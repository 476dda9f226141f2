// SPDX-FileCopyrightText: 2026 Packbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/base/clock.h"

namespace pb::test {

// A clock that only moves when told to; for tests of expiry and backoff. Header-only, so unit tests that
// link nothing but the library under test can use it.
class ManualClock final : public Clock {
public:
  explicit ManualClock(QDateTime start)
      : m_start(std::move(start))
  {}
  QDateTime nowUtc() const override { return m_start.addMSecs(m_elapsedMs); }
  qint64 monotonicMs() const override { return m_elapsedMs; }
  void advanceMs(qint64 ms) { m_elapsedMs += ms; }

private:
  QDateTime m_start;
  qint64 m_elapsedMs = 0;
};

} // namespace pb::test
