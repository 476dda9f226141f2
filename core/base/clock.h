// SPDX-FileCopyrightText: 2026 Packbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QDateTime>

namespace pb {

// Injectable time source: leases, SLA cut-offs and backoff read time only through this (tests use
// test::ManualClock, tests/support/manualclock.h).
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

} // namespace pb
