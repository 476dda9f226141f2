// SPDX-FileCopyrightText: 2026 Packbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "tests/support/testdatabase.h"

#include "core/base/clock.h"
#include "core/base/result.h"

#include <QList>
#include <QSqlDatabase>
#include <QString>

namespace pb::test {

// Opens a SQLite file at path, migrates it and loads the demo shop.
Result<QSqlDatabase> openDemoSqlite(const QString &path, const QString &connectionName, const Clock &clock);

// The demo shop on a fresh database, for tests compiled against both drivers: a SQLite file named after name
// in dir, or a scratch PostgreSQL database on the fixture cluster.
Result<QSqlDatabase> openDemoDatabase(bool sqlite, const QString &dir, const QString &name, const Clock &clock);

struct TestLine {
  QString sku;
  int quantity = 1;
};

// Inserts an order with one fulfillment order at the first location, lines for the given demo
// SKUs, already claimed (pack_state 'claimed'), as the queue would leave it. Returns its id.
Result<qint64> createClaimedOrder(const QSqlDatabase &db, const QString &name, const QList<TestLine> &lines);

// A barcode of the given kind ('upc', 'ean', 'sku') for a demo SKU, as printed on the item.
QString barcodeFor(const QSqlDatabase &db, const QString &sku, const QString &kind = QStringLiteral("upc"));

qint64 packerId(const QSqlDatabase &db, const QString &badge);

} // namespace pb::test
