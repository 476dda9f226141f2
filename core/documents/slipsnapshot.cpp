// SPDX-FileCopyrightText: 2026 Packbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/documents/slipsnapshot.h"

#include <QJsonArray>

#include <utility>

using namespace Qt::StringLiterals;

namespace pb::documents {

namespace {

QString timeText(const QDateTime &time)
{
  return time.isValid() ? time.toUTC().toString(Qt::ISODateWithMs) : QString();
}

QDateTime timeFrom(const QJsonValue &value)
{
  QDateTime time = QDateTime::fromString(value.toString(), Qt::ISODateWithMs);
  if (time.isValid())
    time.setTimeSpec(Qt::UTC);
  return time;
}

// The slip's text and address fields by their JSON names: written and read by the same table.
const std::pair<QLatin1StringView, QString SlipData::*> kTexts[] = {{"shopName"_L1, &SlipData::shopName},
                                                                    {"shopDomain"_L1, &SlipData::shopDomain},
                                                                    {"shopEmail"_L1, &SlipData::shopEmail},
                                                                    {"currency"_L1, &SlipData::currency},
                                                                    {"locationName"_L1, &SlipData::locationName},
                                                                    {"locationCode"_L1, &SlipData::locationCode},
                                                                    {"orderName"_L1, &SlipData::orderName},
                                                                    {"customerName"_L1, &SlipData::customerName},
                                                                    {"email"_L1, &SlipData::email},
                                                                    {"phone"_L1, &SlipData::phone},
                                                                    {"shippingMethod"_L1, &SlipData::shippingMethod},
                                                                    {"note"_L1, &SlipData::note},
                                                                    {"giftMessage"_L1, &SlipData::giftMessage}};
const std::pair<QLatin1StringView, QJsonObject SlipData::*> kAddresses[] = {
    {"shopAddress"_L1, &SlipData::shopAddress},
    {"shippingAddress"_L1, &SlipData::shippingAddress},
    {"billingAddress"_L1, &SlipData::billingAddress}};

} // namespace

QJsonObject slipToJson(const SlipData &slip)
{
  QJsonArray lines;
  for (const SlipLine &line : slip.lines)
    lines.append(QJsonObject{{u"title"_s, line.title},
                             {u"variantTitle"_s, line.variantTitle},
                             {u"sku"_s, line.sku},
                             {u"bin"_s, line.binLocation},
                             {u"quantity"_s, line.quantity},
                             {u"priceMinor"_s, line.priceMinor},
                             {u"ordered"_s, line.orderedQuantity},
                             {u"lineId"_s, line.lineId}});
  QJsonObject json{{u"fulfillmentOrderId"_s, slip.fulfillmentOrderId},
                   {u"orderCreatedAt"_s, timeText(slip.orderCreatedAt)},
                   {u"shipBy"_s, timeText(slip.shipBy)},
                   {u"totalMinor"_s, slip.totalMinor},
                   {u"includesAll"_s, slip.includesAllLineItemsInOrder},
                   {u"lines"_s, lines}};
  for (const auto &[name, field] : kTexts)
    json.insert(name, slip.*field);
  for (const auto &[name, field] : kAddresses)
    json.insert(name, slip.*field);
  return json;
}

SlipData slipFromJson(const QJsonObject &j)
{
  SlipData slip;
  slip.fulfillmentOrderId = j.value(u"fulfillmentOrderId"_s).toInteger();
  for (const auto &[name, field] : kTexts)
    slip.*field = j.value(name).toString(slip.*field);
  for (const auto &[name, field] : kAddresses)
    slip.*field = j.value(name).toObject();
  slip.orderCreatedAt = timeFrom(j.value(u"orderCreatedAt"_s));
  slip.shipBy = timeFrom(j.value(u"shipBy"_s));
  slip.totalMinor = j.value(u"totalMinor"_s).toInteger();
  slip.includesAllLineItemsInOrder = j.value(u"includesAll"_s).toBool(true);
  for (const QJsonValue &value : j.value(u"lines"_s).toArray()) {
    const QJsonObject l = value.toObject();
    slip.lines.append({l.value(u"title"_s).toString(), l.value(u"variantTitle"_s).toString(),
                       l.value(u"sku"_s).toString(), l.value(u"bin"_s).toString(), l.value(u"quantity"_s).toInt(),
                       l.value(u"priceMinor"_s).toInteger(), l.value(u"ordered"_s).toInt(),
                       l.value(u"lineId"_s).toInteger()});
  }
  return slip;
}

} // namespace pb::documents
