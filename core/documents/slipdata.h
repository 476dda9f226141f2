// SPDX-FileCopyrightText: 2026 Packbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QDateTime>
#include <QJsonObject>
#include <QList>
#include <QString>
#include <QVariantMap>

namespace pb::documents {

// One line of a packing slip: what goes in this parcel.
struct SlipLine {
  QString title;
  QString variantTitle;
  QString sku;
  QString binLocation;
  int quantity = 0; // in this parcel (Shopify's shipping_quantity)
  qint64 priceMinor = 0;
  int orderedQuantity = 0; // on the order (Shopify's quantity); 0: the same as quantity
  qint64 lineId = 0;       // fulfillment_order_lines.id: an offline slip counts what the pack verified of it
};

// Everything a packing slip shows about one fulfillment order; built from the database.
struct SlipData {
  qint64 fulfillmentOrderId = 0;
  QString shopName;
  QString shopDomain;
  QString shopEmail;
  QString currency = QStringLiteral("USD");
  QString locationName;
  QString locationCode;
  QJsonObject shopAddress; // Shopify address fields (address1, city, province_code, zip, country_code…)
  QString orderName;       // "#1001"
  QDateTime orderCreatedAt;
  QString customerName;
  QString email;
  QString phone;
  QJsonObject shippingAddress;
  QJsonObject billingAddress;
  QString shippingMethod;
  QString note;
  QString giftMessage;
  QDateTime shipBy;
  qint64 totalMinor = 0;
  bool includesAllLineItemsInOrder = true;
  QList<SlipLine> lines;

  int totalItems() const;
};

// The Liquid environment for a slip, with Shopify's packing-slip variable names (shop, shop_address,
// order, customer, shipping_address, billing_address, line_items_in_shipment, delivery_method, …).
QVariantMap slipEnvironment(const SlipData &slip);

// "Shop, 12 Road, City ST 12345, US": Shopify's address `summary`.
QString addressSummary(const QJsonObject &address);

// A fixed, fictional slip for previews, screenshots and benchmarks (lineCount lines).
SlipData sampleSlip(int lineCount = 6);

} // namespace pb::documents
