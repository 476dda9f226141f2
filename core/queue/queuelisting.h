// SPDX-FileCopyrightText: 2026 Packbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/base/result.h"

#include <QDateTime>
#include <QList>
#include <QSqlDatabase>
#include <QString>

#include <optional>

namespace pb::queue {

// One fulfillment order waiting at a location, as the station's queue view shows it.
struct WaitingOrder {
  qint64 fulfillmentOrderId = 0;
  QString orderName;
  int priority = 0;
  QDateTime shipBy;
  QString shippingMethod;
  int lineCount = 0;
  int itemCount = 0;
  QString packState;
};

struct Location {
  qint64 id = 0;
  QString code;
  QString name;
};

// The locations of one shop (all shops when none is given: the embedded single-shop database).
Result<QList<Location>> listLocations(const QSqlDatabase &db, std::optional<qint64> shopId = std::nullopt);

// Orders not yet packed at a location, in claim order: priority, then ship-by, then age.
Result<QList<WaitingOrder>> listWaitingOrders(const QSqlDatabase &db, qint64 locationId, int limit = 500);

// The orders this station still holds open claims on (the program stopped or crashed mid-order), oldest claim first:
// the order on the bench comes before the one claimed ahead of it (station.prefetch).
Result<QList<qint64>> ordersHeldByStation(const QSqlDatabase &db, qint64 stationId);
// The ids of this station's claims that are still open (not released, expired or finished).
Result<QList<qint64>> openClaimsOfStation(const QSqlDatabase &db, qint64 stationId);

// An order a packer finished at a station: its claim released as completed.
struct PackedOrder {
  qint64 fulfillmentOrderId = 0;
  QString orderName;
  qint64 packerId = 0;
  QDateTime packedAt;
};
// The order finished last at this station, if any (a bench restarted, or signed out and in again).
Result<std::optional<PackedOrder>> lastPackedAtStation(const QSqlDatabase &db, qint64 stationId);

} // namespace pb::queue
