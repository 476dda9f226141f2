// SPDX-FileCopyrightText: 2026 Packbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/base/result.h"
#include "core/outbox/message.h"
#include "core/outbox/progress.h"

#include <QHash>
#include <QJsonObject>
#include <QList>
#include <QSqlDatabase>
#include <QString>

namespace pb::shopify {

struct RemoteFulfillmentOrder;
struct TrackingInfo;

struct LocalLine {
  qint64 id = 0;      // fulfillment_order_lines.id
  QString shopifyId;  // FulfillmentOrderLineItem gid, empty until looked up
  QString lineItemId; // numeric LineItem id
  int quantity = 0;
};

// Our copy of one fulfillment order, as the outbox reads it for a row.
struct LocalFulfillmentOrder {
  qint64 id = 0;
  QString shopifyId;
  QString orderShopifyId;
  QString fulfillmentId;
  QList<LocalLine> lines; // those with a quantity, in id order

  bool idsKnown() const; // the order's and every line's Shopify id
  QHash<qint64, QString> lineItemOfLine() const;
};

// The fulfillment order a row names; unknown: InvalidInput.
Result<LocalFulfillmentOrder> loadFulfillmentOrder(QSqlDatabase &db, qint64 fulfillmentOrderId);

// What the row asks to fulfil, per line: the station's verified lines when the message has them (full
// and partial packs alike); from older stations, a partial pack's accepted scans or a full pack's line
// quantities. Lines not on this fulfillment order: InvalidInput.
Result<outbox::LineQuantities> wantedQuantities(QSqlDatabase &db, const outbox::FulfillmentCreate &message,
                                                const LocalFulfillmentOrder &local);

// Finds our fulfillment order among the order's remote ones: by id, else by its line items.
const RemoteFulfillmentOrder *matchRemote(const QList<RemoteFulfillmentOrder> &remote,
                                          const LocalFulfillmentOrder &local);

// Stores the Shopify ids learned from the remote fulfillment order, so later calls need no lookup.
Status rememberShopifyIds(QSqlDatabase &db, LocalFulfillmentOrder &local, const RemoteFulfillmentOrder &remote);

// The tracking numbers of the fulfillment order's packages, in box order.
Result<TrackingInfo> loadTracking(QSqlDatabase &db, qint64 fulfillmentOrderId);

} // namespace pb::shopify
