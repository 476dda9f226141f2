// SPDX-FileCopyrightText: 2026 Packbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/base/clock.h"
#include "core/db/connection.h"
#include "core/shopify/costthrottle.h"
#include "core/shopify/graphqlclient.h"
#include "core/shopify/outboxworker.h"
#include "tests/support/fakeshopify.h"

#include <QThread>

#include <atomic>

namespace pb::test {

// How fast a test's outbox worker retries: at once (one attempt per runOnce), or with a short real backoff.
struct OutboxPace {
  int maxAttempts = 10;
  int backoffBaseMs = 1;
  int backoffMaxMs = 1;
};

// The shop the Shopify fake serves (FakeShopify::defaultShop()) and its Reno warehouse, as rows in `db`.
struct FakeShopRows {
  qint64 shopId = 0;
  qint64 locationId = 0;
};
Result<FakeShopRows> insertFakeShop(const QSqlDatabase &db);

// Worker settings for tests: a 60 s lease, batches of 10, the given pace.
shopify::OutboxSettings outboxSettings(const QString &workerId, OutboxPace pace = {});

// One outbox worker posting to a listening Shopify fake over real sockets, wired as the hub wires it
// (its own cost throttle on the system clock). Header-only parts, so each test links what it already does.
struct OutboxRig {
  OutboxRig(QSqlDatabase db, const FakeShopify &fake, shopify::OutboxSettings settings, int timeoutMs = 5000)
      : client(fake.clientSettings(timeoutMs), throttle)
      , worker(std::move(db), client, FakeShopify::defaultShop(), std::move(settings))
  {}

  SystemClock clock;
  shopify::CostThrottle throttle{clock};
  shopify::GraphQlClient client;
  shopify::OutboxWorker worker;
};

// What the lease tests' worker threads share: the stop flag, the passes that failed, and what the looping
// workers claimed (none while another worker's lease is live).
struct LeaseTally {
  std::atomic<bool> stop{false};
  std::atomic<int> errors{0};
  std::atomic<int> claimedByLooping{0};
};

// An outbox worker on its own thread and database connection (named settings.workerId), as the hub runs several,
// sharing `throttle`: one pass, or with `loop` passes every 50 ms until tally.stop. Started; the caller deletes it.
QThread *startLeaseWorker(const db::ConnectionSettings &database, const FakeShopify &fake, int timeoutMs,
                          shopify::CostThrottle &throttle, const shopify::OutboxSettings &settings, bool loop,
                          LeaseTally &tally);

} // namespace pb::test
