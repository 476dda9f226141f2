// SPDX-FileCopyrightText: 2026 Packbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/base/clock.h"

#include <QDeadlineTimer>

namespace pb {

Clock::~Clock() = default;

QDateTime SystemClock::nowUtc() const
{
  return QDateTime::currentDateTimeUtc();
}

qint64 SystemClock::monotonicMs() const
{
  return QDeadlineTimer::current().deadlineNSecs() / 1'000'000;
}

} // namespace pb
