// SPDX-FileCopyrightText: 2026 Packbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "tests/support/outboxrig.h"

#include "tests/support/testdatabase.h"

namespace pb::test {

Result<FakeShopRows> insertFakeShop(const QSqlDatabase &db)
{
  FakeShopRows rows;
  rows.shopId = scalar(db, QStringLiteral("INSERT INTO shops (domain, name) VALUES (?, 'Fake') RETURNING id"),
                       {FakeShopify::defaultShop()});
  if (rows.shopId <= 0)
    return makeError(ErrorKind::Internal, QStringLiteral("the fake's shop was not inserted"));
  rows.locationId =
      scalar(db, QStringLiteral("INSERT INTO locations (shop_id, code, name) VALUES (?, 'RNO', 'Reno') RETURNING id"),
             {rows.shopId});
  if (rows.locationId <= 0)
    return makeError(ErrorKind::Internal, QStringLiteral("the fake's location was not inserted"));
  return rows;
}

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

QThread *startLeaseWorker(const db::ConnectionSettings &database, const FakeShopify &fake, int timeoutMs,
                          shopify::CostThrottle &throttle, const shopify::OutboxSettings &settings, bool loop,
                          LeaseTally &tally)
{
  QThread *thread = QThread::create([database, &fake, timeoutMs, &throttle, settings, loop, &tally]() {
    {
      auto db = db::openDatabase(database, settings.workerId);
      if (!db) {
        ++tally.errors;
        return;
      }
      shopify::GraphQlClient client(fake.clientSettings(timeoutMs), throttle);
      shopify::OutboxWorker worker(*db, client, FakeShopify::defaultShop(), settings);
      do {
        auto claimed = worker.runOnce();
        if (!claimed)
          ++tally.errors;
        else if (loop)
          tally.claimedByLooping += claimed->claimed;
        shopify::waitMs(50);
      } while (loop && !tally.stop);
    }
    QSqlDatabase::removeDatabase(settings.workerId);
  });
  thread->start();
  return thread;
}

} // namespace pb::test
