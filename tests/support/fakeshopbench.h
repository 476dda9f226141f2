// SPDX-FileCopyrightText: 2026 Packbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/base/result.h"
#include "core/db/connection.h"
#include "core/shopify/outboxworker.h"

#include <QJsonObject>
#include <QList>
#include <QSqlDatabase>

namespace pb::test {

// What the outbox and tracking tests start from, so each test class declares only what is its own: a scratch
// PostgreSQL database with the Shopify fake's shop and Reno warehouse in it (insertFakeShop).
// Inherit it privately next to QObject; the m_ names stay those the tests always used.
class FakeShopBench {
protected:
  db::ConnectionSettings m_settings;
  QSqlDatabase m_db;
  qint64 m_shopId = 0;
  qint64 m_locationId = 0;

  // The migrated scratch database named after `prefix`, with the fake's shop (for initTestCase).
  Status openFakeShopBench(const QString &prefix);

  // test::scalar and test::text on this database.
  qint64 scalar(const QString &sql, const QVariantList &values = {}) const;
  QString text(const QString &sql, const QVariantList &values = {}) const;
  // One statement; false, with its error logged, when it fails.
  bool run(const QString &sql, const QVariantList &values = {}) const;

  // A packed fulfillment order of the order row `orderRowId` mirroring the fake's addFulfillmentOrder(…, number,
  // quantities): one line a quantity, with its Shopify ids only when idsKnown. Its id, or -1.
  qint64 packedFulfillmentOrder(qint64 orderRowId, qint64 number, const QList<int> &quantities, bool idsKnown) const;

  // A new order `number` of the fake's shop, packed as packedFulfillmentOrder makes it, with a tracked box and its
  // fulfillment.create outbox row, whose payload `extra` extends. The fulfillment order's id, or -1.
  qint64 packedWithFulfillmentRow(qint64 number, const QList<int> &quantities, bool idsKnown,
                                  const QJsonObject &extra = {}) const;

  // Runs the worker until no outbox row is left to post (retries due at once), pausing pauseMs between passes;
  // false if a pass fails or 50 passes leave rows.
  bool drainOutbox(shopify::OutboxWorker &worker, int pauseMs) const;
};

} // namespace pb::test
