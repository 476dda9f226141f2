// SPDX-FileCopyrightText: 2026 Packbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QDateTime>

namespace pb {

// Injectable time source: leases, SLA cut-offs and backoff read time only through this.
class Clock {
public:
  virtual ~Clock();
  virtual QDateTime nowUtc() const = 0;
  // Monotonic milliseconds for measuring intervals (never jumps with NTP).
  virtual qint64 monotonicMs() const = 0;
};

class SystemClock final : public Clock {
public:
  QDateTime nowUtc() const override;
  qint64 monotonicMs() const override;
};

// A clock that only moves when told to; for tests of expiry and backoff.
class ManualClock final : public Clock {
public:
  explicit ManualClock(QDateTime start);
  QDateTime nowUtc() const override;
  qint64 monotonicMs() const override;
  void advanceMs(qint64 ms);

private:
  QDateTime m_start;
  qint64 m_elapsedMs = 0;
};

} // namespace pb
