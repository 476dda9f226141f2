// SPDX-FileCopyrightText: 2026 Packbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/base/result.h"

#include <QDateTime>
#include <QList>
#include <QSqlDatabase>
#include <QString>
#include <QStringList>

namespace pb::shopify {

class GraphQlClient;

// One line of a fulfillment order as Shopify routed it.
struct MirroredLine {
  QString id;         // gid://shopify/FulfillmentOrderLineItem/…
  QString lineItemId; // numeric LineItem id
  QString variantId;  // numeric ProductVariant id; empty for a custom item
  QString title;
  QString variantTitle;
  QString sku;
  int totalQuantity = 0;
  int remainingQuantity = 0;
};

// A fulfillment order as Shopify has it: the work of one location.
struct MirroredFulfillmentOrder {
  QString id; // gid://shopify/FulfillmentOrder/…
  QString status;
  QString locationId; // numeric Location id
  QString locationName;
  QDateTime fulfillAt;
  QDateTime fulfillBy;
  QList<MirroredLine> lines;
};

// Mirrors an order's fulfillment orders from Shopify into fulfillment_orders: one local row per Shopify
// fulfillment order at its assigned location, so each warehouse's stations see exactly its lines.
namespace fulfillmentordermirror {

// Every fulfillment order of the order (all pages, all lines). NotFound: Shopify has no such order.
Result<QList<MirroredFulfillmentOrder>> fetch(GraphQlClient &client, const QString &orderId);

// Shopify location ids (numeric) the remote fulfillment orders name that the shop has no row for.
Result<QStringList> unknownLocations(const QSqlDatabase &db, qint64 shopId,
                                     const QList<MirroredFulfillmentOrder> &remote);

// Shopify variant ids (numeric) the remote lines name that the catalogue has no row for.
Result<QStringList> unknownVariants(const QSqlDatabase &db, qint64 shopId,
                                    const QList<MirroredFulfillmentOrder> &remote);

struct ApplyCounts {
  int created = 0; // local fulfillment orders made (or adopted from the provisional one)
  int changed = 0; // existing ones whose state, location or lines changed
  int closed = 0;  // local ones Shopify no longer lists (merged or moved away)
};

// Writes the remote state in one transaction under the order's lock (the inbox's writers take turns
// with it). Work a station already claimed keeps its claim: changes reach it as a new version.
// Unavailable when Shopify has not routed the order yet or names a location not synced.
Result<ApplyCounts> apply(QSqlDatabase &db, qint64 shopId, const QString &orderId,
                          const QList<MirroredFulfillmentOrder> &remote);

// The pack state a fulfillment order in Shopify's status should have, given the local one.
QString packStateFor(const QString &shopifyStatus, const QString &localState, const QString &holdReason);

// The hold reason the mirror writes for Shopify-side holds (so it can lift them again).
QString shopifyHoldReason(const QString &shopifyStatus, const QDateTime &fulfillAt);

} // namespace fulfillmentordermirror
} // namespace pb::shopify
