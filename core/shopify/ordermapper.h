// SPDX-FileCopyrightText: 2026 Packbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/base/result.h"

#include <QDateTime>
#include <QJsonObject>
#include <QList>
#include <QString>

namespace pb::shopify {

struct ShopifyLineItem {
  QString lineItemId; // numeric id, as text
  QString title;
  QString variantTitle;
  QString sku;
  QString variantId; // numeric ProductVariant id; empty for a custom item
  int quantity = 0;
  int fulfillableQuantity = 0;
  qint64 priceMinor = 0;
};

// An order as Packbench needs it, from a REST webhook payload or a GraphQL node alike.
struct ShopifyOrder {
  QString id; // numeric id, as text
  QString name;
  QString email;
  QString phone;
  QString customerName;
  QString customerId;
  QJsonObject shippingAddress;
  QJsonObject billingAddress;
  QString shippingMethod;
  QString shippingCode; // the shipping line's code: carrier_service_rules match on it (or on the title)
  QString note;
  QString currency;
  qint64 totalMinor = 0;
  QDateTime updatedAt;
  QDateTime cancelledAt;
  QList<ShopifyLineItem> lines;
};

// Turns Shopify payloads into ShopifyOrder; InvalidInput says what is missing (never the data itself).
namespace ordermapper {

Result<ShopifyOrder> fromRestJson(const QByteArray &body);
Result<ShopifyOrder> fromRest(const QJsonObject &order);
// A node of `orders` in the reconcile query (see resources/shopify/graphql/OrdersUpdatedSince.graphql).
Result<ShopifyOrder> fromGraphQl(const QJsonObject &node);

// "gid://shopify/Order/123" -> "123"; numbers (below 2^53) and numeric strings as text; else empty.
QString numericId(const QJsonValue &value);
// "19.99" in USD -> 1999; currencies without minor units (JPY …) keep the integer.
Result<qint64> toMinorUnits(const QString &amount, const QString &currency);
QDateTime parseTimestamp(const QJsonValue &value);

} // namespace ordermapper
} // namespace pb::shopify
