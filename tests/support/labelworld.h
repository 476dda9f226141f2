// SPDX-FileCopyrightText: 2026 Packbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "tests/support/queueworld.h"
#include "tests/support/testdatabase.h"

#include "core/base/result.h"

#include <QJsonObject>
#include <QSqlDatabase>

namespace pb::test {

// A shop whose warehouse ships through the carrier fake: its ship-from address (carrier_locations) and one
// service rule for every shipping line ('%' → UPS Ground), on top of a QueueWorld.
struct LabelWorld {
  QueueWorld queue;
};

// One order at the bench: its fulfillment order and this station's open claim.
struct BenchOrder {
  qint64 fulfillmentOrderId = 0;
  qint64 claimId = 0;
  qint64 orderId = 0;
};

Result<LabelWorld> createLabelWorld(const QSqlDatabase &db);
// A migrated scratch database named after `prefix` with a LabelWorld in it (for initTestCase).
struct LabelWorldDatabase {
  MigratedDatabase scratch;
  LabelWorld world;
};
Result<LabelWorldDatabase> createLabelWorldDatabase(const QString &prefix);

// What the carrier-label tests start from: a scratch database with a LabelWorld, and the owner's connection to it.
// Inherit it privately next to QObject and call openLabelWorld in initTestCase; the m_ names are those the tests used.
class LabelWorldBench {
protected:
  MigratedDatabase m_scratch;
  QSqlDatabase m_db;
  LabelWorld m_world;

  Status openLabelWorld(const QString &prefix)
  {
    auto made = createLabelWorldDatabase(prefix);
    if (!made)
      return made.error();
    m_scratch = made->scratch;
    m_db = m_scratch.db;
    m_world = made->world;
    return {};
  }
};
// A ship-to address the fake accepts (fictional).
QJsonObject testShipTo();
// The warehouse's ship-from for the carrier (carrier_locations), fictional: Packbench Warehouse, 2 Dock Road, Reno NV.
Status addShipFrom(const QSqlDatabase &db, qint64 locationId);
// A queued order with a shipping address and method, claimed by the world's station (trusted caller).
Result<BenchOrder> addBenchOrder(const QSqlDatabase &db, const LabelWorld &world,
                                 const QString &shippingTitle = QStringLiteral("Standard"),
                                 const QJsonObject &shipTo = testShipTo(), qint64 stationId = 0);
// packbench_request_label for one box (weight in grams; 0: none given) under a packer's sign-in token (empty: none,
// as a trusted login may); the request id.
Result<qint64> requestLabel(const QSqlDatabase &db, const LabelWorld &world, const BenchOrder &order, int box = 1,
                            int weightGrams = 850, const QString &format = QStringLiteral("zpl"), qint64 stationId = 0,
                            const QString &signInToken = {});
// A service rule (carrier_service_rules) for every shop.
Status addServiceRule(const QSqlDatabase &db, const QString &pattern, const QString &carrierId,
                      const QString &serviceCode, std::optional<int> maxDays = std::nullopt, int priority = 0,
                      const QString &field = QStringLiteral("any"));
// A label request's state (label_requests.state), or "" when there is none.
QString labelState(const QSqlDatabase &db, qint64 requestId);

} // namespace pb::test
