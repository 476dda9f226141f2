// SPDX-FileCopyrightText: 2026 Packbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "tests/support/outboxrig.h"

namespace pb::test {

shopify::OutboxSettings outboxSettings(const QString &workerId, OutboxPace pace)
{
  shopify::OutboxSettings s;
  s.workerId = workerId;
  s.leaseSeconds = 60;
  s.maxAttempts = pace.maxAttempts;
  s.backoffBaseMs = pace.backoffBaseMs;
  s.backoffMaxMs = pace.backoffMaxMs;
  s.batchSize = 10;
  return s;
}

} // namespace pb::test
