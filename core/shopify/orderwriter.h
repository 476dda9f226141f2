// SPDX-FileCopyrightText: 2026 Packbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/base/result.h"
#include "core/shopify/ordermapper.h"

#include <QSqlDatabase>

namespace pb::db {
class StatementCache;
}

namespace pb::shopify {

enum class ApplyOutcome { Created, Updated, Stale };

// Writes ShopifyOrders into orders / fulfillment_orders / lines. Call inside a transaction: every
// change a packing station must see at once also sends pg_notify('packbench_order_changed', fo id).
// Callers pass the StatementCache of their connection (core/db/sql.h); ensureShop also takes a bare connection
// for one-off callers (start-up, tools).
namespace orderwriter {

Result<qint64> ensureShop(db::StatementCache &statements, const QString &domain);
Result<qint64> ensureShop(QSqlDatabase &db, const QString &domain);

// What a caller already holds or read in its transaction; each saves applyOrder a round trip.
struct Known {
  qint64 locationId = 0; // the shop's default location (its first); 0 = look it up
  bool locked = false;   // orderLockKey(shopId, order.id) is already held by this transaction
  // Shopify's fulfillment orders are mirrored (shopify.mirror_fulfillment_orders): a new order waits in a
  // provisional 'syncing' row and every change queues an order.sync outbox row that reads them.
  bool mirror = false;
};

// Idempotent; an update older than the stored shopify_updated_at is ignored (Stale).
// redacted: set when the stored order's customer was redacted (the delivery's raw body must go too).
Result<ApplyOutcome> applyOrder(db::StatementCache &statements, qint64 shopId, const ShopifyOrder &order,
                                const Known &known = {}, bool *redacted = nullptr);

// The transaction-scoped lock applyOrder takes: writers of one order (hubs, the poller) take turns.
QString orderLockKey(qint64 shopId, const QString &orderId);

// orders/edited: quantities removed by the edit come off unpacked lines; open work gets a new version.
struct EditDelta {
  QString lineItemId;
  int delta = 0;
};
// mirror: the edit only queues an order.sync (Shopify's fulfillment orders carry the new quantities).
Result<int> applyEdit(db::StatementCache &statements, qint64 shopId, const QString &orderId,
                      const QList<EditDelta> &removals, bool mirror = false);

// Queues one read of the order's fulfillment orders for this version of it (outbox kind order.sync).
Status enqueueOrderSync(db::StatementCache &statements, qint64 shopId, const QString &orderId,
                        const QDateTime &orderUpdatedAt);
// The same for a change that is not an order version (a fulfillment-order webhook): reason keys it once.
Status enqueueOrderSync(db::StatementCache &statements, qint64 shopId, const QString &orderId, const QString &reason);

Status notifyOrderChanged(db::StatementCache &statements, qint64 fulfillmentOrderId);

} // namespace orderwriter
} // namespace pb::shopify
