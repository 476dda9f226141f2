// SPDX-FileCopyrightText: 2026 Packbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/base/result.h"

#include <QDateTime>
#include <QHash>
#include <QList>
#include <QString>
#include <QStringList>

namespace pb::shopify {

class GraphQlClient;

struct RemoteFulfillmentOrderLine {
  QString id;         // gid://shopify/FulfillmentOrderLineItem/…
  QString lineItemId; // numeric LineItem id
  int totalQuantity = 0;
  int remainingQuantity = 0;
};

struct RemoteFulfillmentOrder {
  QString id; // gid://shopify/FulfillmentOrder/…
  QString status;
  QStringList supportedActions;
  QList<RemoteFulfillmentOrderLine> lines;
  QStringList fulfillmentIds;

  // Nothing left to fulfil: a fulfillment we posted (maybe with a lost answer) already took it all.
  bool isFullyFulfilled() const;
};

// A fulfillment Shopify holds on one fulfillment order: enough to tell whether an unanswered call made it.
struct RemoteFulfillment {
  QString id; // gid://shopify/Fulfillment/…
  QDateTime createdAt;
  int totalQuantity = 0;
  QHash<QString, int> lineItems; // numeric LineItem id -> quantity, from the first page of its lines
  bool moreLines = false;        // it has lines beyond that page
};

struct TrackingInfo {
  QString company;
  QStringList numbers;
  QStringList urls;
  bool isEmpty() const { return numbers.isEmpty(); }
};

struct FulfillmentLine {
  QString fulfillmentOrderLineItemId;
  int quantity = 0;
};

// Typed Admin API operations for fulfillment; userErrors come back as InvalidInput with their text.
namespace fulfillmentapi {

// shopify.dev FulfillmentOrderLineItemsInput.fulfillmentOrderLineItems: "Accepts a maximum of 512 line items."
constexpr int kMaxLinesPerFulfillment = 512;

// Every fulfillment order of the order with every line: pages through both connections.

Result<QList<RemoteFulfillmentOrder>> fetchFulfillmentOrders(GraphQlClient &client, const QString &orderId);
// Every fulfillment of one fulfillment order (gid), oldest first as Shopify lists them: pages through them.
Result<QList<RemoteFulfillment>> fetchFulfillments(GraphQlClient &client, const QString &fulfillmentOrderId);
// Returns the new fulfillment's id.
Result<QString> createFulfillment(GraphQlClient &client, const QString &fulfillmentOrderId,
                                  const QList<FulfillmentLine> &lines, const TrackingInfo &tracking,
                                  bool notifyCustomer);
Status updateTracking(GraphQlClient &client, const QString &fulfillmentId, const TrackingInfo &tracking,
                      bool notifyCustomer);
// reason is a FulfillmentHoldReason (INCORRECT_ADDRESS, INVENTORY_OUT_OF_STOCK, OTHER …).
Status hold(GraphQlClient &client, const QString &fulfillmentOrderId, const QString &reason, const QString &notes);
Status releaseHold(GraphQlClient &client, const QString &fulfillmentOrderId);

bool isHoldReason(const QString &reason);

} // namespace fulfillmentapi
} // namespace pb::shopify
