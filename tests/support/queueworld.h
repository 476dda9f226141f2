// SPDX-FileCopyrightText: 2026 Packbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/base/result.h"

#include <QDateTime>
#include <QSqlDatabase>

namespace pb::test {

// A shop with one location and two stations there, for queue tests; names are unique per call.
struct QueueWorld {
  qint64 shopId = 0;
  qint64 locationId = 0;
  qint64 stationId = 0;
  qint64 otherStationId = 0;
};

Result<QueueWorld> createQueueWorld(const QSqlDatabase &db);
// Another location of the same shop.
Result<qint64> addLocation(const QSqlDatabase &db, qint64 shopId);
// One queued fulfillment order (with one line) at a location; returns the fulfillment order id.
Result<qint64> addQueuedOrder(const QSqlDatabase &db, qint64 shopId, qint64 locationId, int priority,
                              const QDateTime &shipBy);
// Many queued fulfillment orders in one statement (PostgreSQL); priorities 0..2, ship-by spread over a day.
Result<int> addQueuedOrdersBulk(const QSqlDatabase &db, qint64 shopId, qint64 locationId, int count);
// A scan event on a claimed order, as the packing screen would write it.
Status addScan(const QSqlDatabase &db, qint64 fulfillmentOrderId, qint64 claimId, qint64 stationId);
// One integer from a query with bound values; -1 and a test failure message on error.
qint64 scalar(const QSqlDatabase &db, const QString &sql, const QVariantList &values = {});

} // namespace pb::test
