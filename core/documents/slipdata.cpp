// SPDX-FileCopyrightText: 2026 Packbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/documents/slipdata.h"

#include <QStringList>

using namespace Qt::StringLiterals;

namespace pb::documents {

int SlipData::totalItems() const
{
  int total = 0;
  for (const SlipLine &line : lines)
    total += line.quantity;
  return total;
}

QString addressSummary(const QJsonObject &address)
{
  QStringList parts;
  for (const auto *key : {"company", "address1", "address2", "city"}) {
    const QString value = address.value(QLatin1String(key)).toString();
    if (!value.isEmpty())
      parts.append(value);
  }
  const QString region =
      QString(address.value(u"province_code"_s).toString() + u' ' + address.value(u"zip"_s).toString()).trimmed();
  if (!region.isEmpty())
    parts.append(region);
  const QString country = address.value(u"country_code"_s).toString();
  if (!country.isEmpty())
    parts.append(country);
  return parts.join(u", "_s);
}

namespace {

QVariantMap addressMap(const QJsonObject &address)
{
  QVariantMap map = address.toVariantMap();
  const QString name = address.value(u"name"_s).toString();
  if (!map.contains(u"first_name"_s)) {
    map.insert(u"first_name"_s, name.section(u' ', 0, 0));
    map.insert(u"last_name"_s, name.section(u' ', 1));
  }
  map.insert(u"summary"_s, addressSummary(address));
  return map;
}

QString iso(const QDateTime &t)
{
  return t.isValid() ? t.toUTC().toString(Qt::ISODate) : QString();
}

} // namespace

QVariantMap slipEnvironment(const SlipData &slip)
{
  QVariantList lines;
  for (const SlipLine &line : slip.lines) {
    lines.append(QVariantMap{
        {u"title"_s, line.title},
        {u"variant_title"_s, line.variantTitle},
        {u"sku"_s, line.sku},
        {u"quantity"_s, qint64(line.orderedQuantity > 0 ? line.orderedQuantity : line.quantity)},
        {u"shipping_quantity"_s, qint64(line.quantity)},
        {u"bin_location"_s, line.binLocation},
        {u"price"_s, line.priceMinor},
        {u"final_price"_s, line.priceMinor},
        {u"line_price"_s, line.priceMinor * (line.orderedQuantity > 0 ? line.orderedQuantity : line.quantity)},
    });
  }
  const QString orderNumber = slip.orderName.startsWith(u'#') ? slip.orderName.mid(1) : slip.orderName;
  const QVariantMap shipping = addressMap(slip.shippingAddress);
  const QString customerName = slip.customerName.isEmpty() ? shipping.value(u"name"_s).toString() : slip.customerName;
  QVariantMap order{
      {u"name"_s, slip.orderName},
      {u"order_number"_s, orderNumber},
      {u"created_at"_s, iso(slip.orderCreatedAt)},
      {u"note"_s, slip.note},
      {u"gift_message"_s, slip.giftMessage},
      {u"shipping_method"_s, QVariantMap{{u"title"_s, slip.shippingMethod}}},
      {u"total_price"_s, slip.totalMinor},
      {u"currency"_s, slip.currency},
      {u"email"_s, slip.email},
  };
  QVariantMap shopAddress = addressMap(slip.shopAddress);
  return QVariantMap{
      {u"shop"_s, QVariantMap{{u"name"_s, slip.shopName},
                              {u"domain"_s, slip.shopDomain},
                              {u"email"_s, slip.shopEmail},
                              {u"currency"_s, slip.currency}}},
      {u"shop_address"_s, shopAddress},
      {u"order"_s, order},
      {u"customer"_s, QVariantMap{{u"name"_s, customerName},
                                  {u"first_name"_s, customerName.section(u' ', 0, 0)},
                                  {u"last_name"_s, customerName.section(u' ', 1)},
                                  {u"email"_s, slip.email},
                                  {u"phone"_s, slip.phone}}},
      {u"shipping_address"_s, slip.shippingAddress.isEmpty() ? QVariant() : QVariant(shipping)},
      {u"billing_address"_s, slip.billingAddress.isEmpty() ? QVariant() : QVariant(addressMap(slip.billingAddress))},
      {u"line_items_in_shipment"_s, lines},
      {u"includes_all_line_items_in_order"_s, slip.includesAllLineItemsInOrder},
      {u"delivery_method"_s, QVariantMap{{u"method_type"_s, slip.shippingAddress.isEmpty() ? u"none"_s : u"shipping"_s},
                                         {u"title"_s, slip.shippingMethod},
                                         {u"instructions"_s, slip.note}}},
      {u"fulfillment_order"_s, QVariantMap{{u"id"_s, slip.fulfillmentOrderId},
                                           {u"ship_by"_s, iso(slip.shipBy)},
                                           {u"location_name"_s, slip.locationName},
                                           {u"location_code"_s, slip.locationCode},
                                           {u"total_items"_s, qint64(slip.totalItems())}}},
      {u"gift_message"_s, slip.giftMessage},
      {u"total_items"_s, qint64(slip.totalItems())},
  };
}

SlipData sampleSlip(int lineCount)
{
  static const char *const products[][4] = {{"Trailhead 28L Daypack", "Slate", "NW-T2D-001", "D02-5"},
                                            {"Ridgeline Rain Shell", "M / Ember", "NW-RRS-014", "B11-2"},
                                            {"Merino Crew Sock", "L / Charcoal", "NW-MCS-005", "A03-1"},
                                            {"Camp Enamel Mug 12oz", "Sage", "NW-CEM-002", "C07-4"},
                                            {"Titanium Spork", "", "NW-TSP-001", "C01-1"},
                                            {"Summit Down Vest", "S / Navy", "NW-SDV-021", "B04-3"},
                                            {"Alpine Trekking Pole (pair)", "Carbon", "NW-ATP-003", "E01-2"},
                                            {"Headlamp 400 Lumen", "Black", "NW-HL4-001", "C12-6"}};
  SlipData slip;
  slip.fulfillmentOrderId = 4021;
  slip.shopName = u"Northwind Outfitters"_s;
  slip.shopDomain = u"northwind-outfitters.myshopify.com"_s;
  slip.shopEmail = u"orders@northwind.example"_s;
  slip.locationName = u"Reno Fulfillment Center"_s;
  slip.locationCode = u"RNO"_s;
  slip.shopAddress = QJsonObject{{u"company"_s, u"Northwind Outfitters"_s},
                                 {u"address1"_s, u"1200 Freeport Blvd"_s},
                                 {u"city"_s, u"Sparks"_s},
                                 {u"province_code"_s, u"NV"_s},
                                 {u"zip"_s, u"89431"_s},
                                 {u"country_code"_s, u"US"_s}};
  slip.orderName = u"#1002"_s;
  slip.orderCreatedAt = QDateTime(QDate(2026, 11, 25), QTime(18, 42), Qt::UTC);
  slip.customerName = u"Maya Haddad"_s;
  slip.shippingAddress =
      QJsonObject{{u"name"_s, u"Maya Haddad"_s}, {u"address1"_s, u"5116 Juniper Ave"_s}, {u"address2"_s, u"Apt 4B"_s},
                  {u"city"_s, u"Tucson"_s},      {u"province_code"_s, u"AZ"_s},          {u"zip"_s, u"85701"_s},
                  {u"country_code"_s, u"US"_s}};
  slip.billingAddress = slip.shippingAddress;
  slip.shippingMethod = u"FedEx 2Day"_s;
  slip.note = u"Please leave at the side door if no one answers."_s;
  slip.giftMessage = u"Happy birthday, Sam! Enjoy the trails."_s;
  slip.shipBy = QDateTime(QDate(2026, 11, 26), QTime(22, 0), Qt::UTC);
  constexpr int kProducts = static_cast<int>(sizeof products / sizeof products[0]);
  for (int i = 0; i < lineCount; ++i) {
    const auto &p = products[i % kProducts];
    SlipLine line;
    line.title = QString::fromUtf8(p[0]);
    line.variantTitle = QString::fromUtf8(p[1]);
    line.sku =
        i < kProducts ? QString::fromUtf8(p[2]) : u"%1-%2"_s.arg(QString::fromUtf8(p[2])).arg(i, 3, 10, QChar(u'0'));
    line.binLocation = QString::fromUtf8(p[3]);
    line.quantity = 1 + (i * 7) % 3;
    line.priceMinor = 1500 + 700 * (i % 5);
    slip.lines.append(line);
    slip.totalMinor += line.priceMinor * line.quantity;
  }
  return slip;
}

} // namespace pb::documents
