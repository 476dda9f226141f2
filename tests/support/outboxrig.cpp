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

} // namespace pb::test
