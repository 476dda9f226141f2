// SPDX-FileCopyrightText: 2026 Packbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/shopify/ordermapper.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QRegularExpression>

namespace pb::shopify::ordermapper {

namespace {

Error invalid(const QString &what)
{
  return makeError(ErrorKind::InvalidInput, QStringLiteral("order payload: %1").arg(what));
}

int zeroDecimalCurrency(const QString &currency)
{
  static const QStringList zero{QStringLiteral("JPY"), QStringLiteral("KRW"), QStringLiteral("VND"),
                                QStringLiteral("CLP"), QStringLiteral("ISK"), QStringLiteral("XOF")};
  return zero.contains(currency) ? 0 : 2;
}

QString joinName(const QJsonObject &person)
{
  return QStringList{person.value(u"first_name").toString(), person.value(u"last_name").toString()}
      .join(QLatin1Char(' '))
      .trimmed();
}

QString moneyText(const QJsonValue &value)
{
  if (value.isDouble())
    return QString::number(value.toDouble(), 'f', 2);
  return value.toString();
}

// JSON numbers are doubles: ids past 2^53 survive only in the string admin_graphql_api_id.
QString restId(const QJsonObject &object)
{
  const QString fromGid = numericId(object.value(u"admin_graphql_api_id"));
  return fromGid.isEmpty() ? numericId(object.value(u"id")) : fromGid;
}

} // namespace

QString numericId(const QJsonValue &value)
{
  if (value.isDouble()) {
    const double number = value.toDouble();
    if (number < 1 || number > 9.0e15)
      return {};
    return QString::number(static_cast<qint64>(number));
  }
  QString text = value.toString();
  if (text.startsWith(u"gid://"))
    text = text.section(QLatin1Char('/'), -1).section(QLatin1Char('?'), 0, 0);
  static const QRegularExpression digits(QStringLiteral(R"(^\d{1,19}$)"));
  return digits.match(text).hasMatch() ? text : QString();
}

Result<qint64> toMinorUnits(const QString &amount, const QString &currency)
{
  static const QRegularExpression money(QStringLiteral(R"(^(-?)(\d{1,15})(?:\.(\d{1,6}))?$)"));
  const auto match = money.match(amount.trimmed());
  if (!match.hasMatch())
    return invalid(QStringLiteral("amount is not a decimal number"));
  const int exponent = zeroDecimalCurrency(currency);
  QString fraction = match.captured(3).leftJustified(exponent, QLatin1Char('0'));
  const qint64 rounding = fraction.size() > exponent && fraction.at(exponent) >= u'5' ? 1 : 0;
  fraction.truncate(exponent);
  qint64 minor = match.captured(2).toLongLong();
  for (int i = 0; i < exponent; ++i)
    minor *= 10;
  minor += fraction.isEmpty() ? 0 : fraction.toLongLong();
  minor += rounding;
  return match.captured(1).isEmpty() ? minor : -minor;
}

QDateTime parseTimestamp(const QJsonValue &value)
{
  QDateTime time = QDateTime::fromString(value.toString(), Qt::ISODateWithMs);
  return time.isValid() ? time.toUTC() : QDateTime();
}

Result<ShopifyOrder> fromRestJson(const QByteArray &body)
{
  QJsonParseError error{};
  const QJsonDocument document = QJsonDocument::fromJson(body, &error);
  if (error.error != QJsonParseError::NoError)
    return invalid(QStringLiteral("not JSON (%1 at offset %2)").arg(error.errorString()).arg(error.offset));
  if (!document.isObject())
    return invalid(QStringLiteral("not a JSON object"));
  return fromRest(document.object());
}

Result<ShopifyOrder> fromRest(const QJsonObject &json)
{
  ShopifyOrder order;
  order.id = restId(json);
  if (order.id.isEmpty())
    return invalid(QStringLiteral("missing or malformed id"));
  order.updatedAt = parseTimestamp(json.value(u"updated_at"));
  if (!order.updatedAt.isValid())
    return invalid(QStringLiteral("missing or malformed updated_at"));
  if (!json.value(u"line_items").isArray())
    return invalid(QStringLiteral("line_items is not an array"));
  order.name = json.value(u"name").toString();
  if (order.name.isEmpty())
    order.name = QLatin1Char('#') + order.id;
  order.email = json.value(u"email").toString();
  order.phone = json.value(u"phone").toString();
  const QJsonObject customer = json.value(u"customer").toObject();
  order.customerId = restId(customer);
  order.shippingAddress = json.value(u"shipping_address").toObject();
  order.billingAddress = json.value(u"billing_address").toObject();
  order.customerName = joinName(order.shippingAddress.isEmpty() ? customer : order.shippingAddress);
  const QJsonArray shippingLines = json.value(u"shipping_lines").toArray();
  if (!shippingLines.isEmpty()) {
    order.shippingMethod = shippingLines.first().toObject().value(u"title").toString();
    order.shippingCode = shippingLines.first().toObject().value(u"code").toString();
  }
  order.note = json.value(u"note").toString();
  order.currency = json.value(u"currency").toString(QStringLiteral("USD"));
  if (order.currency.size() != 3)
    return invalid(QStringLiteral("currency is not a 3-letter code"));
  if (json.contains(u"total_price")) {
    auto total = toMinorUnits(moneyText(json.value(u"total_price")), order.currency);
    if (!total)
      return total.error();
    order.totalMinor = *total;
  }
  if (!json.value(u"cancelled_at").isNull() && json.contains(u"cancelled_at")) {
    order.cancelledAt = parseTimestamp(json.value(u"cancelled_at"));
    if (!order.cancelledAt.isValid())
      return invalid(QStringLiteral("malformed cancelled_at"));
  }
  for (const QJsonValue &value : json.value(u"line_items").toArray()) {
    const QJsonObject item = value.toObject();
    ShopifyLineItem line;
    line.lineItemId = restId(item);
    if (line.lineItemId.isEmpty())
      return invalid(QStringLiteral("line item without id"));
    line.title = item.value(u"title").toString(item.value(u"name").toString());
    line.variantTitle = item.value(u"variant_title").toString();
    line.sku = item.value(u"sku").toString();
    line.variantId = numericId(item.value(u"variant_id"));
    const QJsonValue quantity =
        item.contains(u"current_quantity") ? item.value(u"current_quantity") : item.value(u"quantity");
    if (!quantity.isDouble() || quantity.toInt(-1) < 0)
      return invalid(QStringLiteral("line item quantity is not a non-negative integer"));
    line.quantity = quantity.toInt();
    line.fulfillableQuantity = qBound(0, item.value(u"fulfillable_quantity").toInt(line.quantity), line.quantity);
    auto price = toMinorUnits(moneyText(item.value(u"price")), order.currency);
    line.priceMinor = price ? *price : 0;
    order.lines.append(line);
  }
  return order;
}

Result<ShopifyOrder> fromGraphQl(const QJsonObject &node)
{
  ShopifyOrder order;
  order.id = numericId(node.value(u"id"));
  if (order.id.isEmpty())
    return invalid(QStringLiteral("missing or malformed id"));
  order.updatedAt = parseTimestamp(node.value(u"updatedAt"));
  if (!order.updatedAt.isValid())
    return invalid(QStringLiteral("missing or malformed updatedAt"));
  order.name = node.value(u"name").toString();
  order.email = node.value(u"email").toString();
  order.phone = node.value(u"phone").toString();
  order.note = node.value(u"note").toString();
  order.currency = node.value(u"currencyCode").toString(QStringLiteral("USD"));
  const QJsonObject customer = node.value(u"customer").toObject();
  order.customerId = numericId(customer.value(u"id"));
  const QJsonObject address = node.value(u"shippingAddress").toObject();
  order.customerName = address.value(u"name").toString();
  for (auto it = address.begin(); it != address.end(); ++it)
    order.shippingAddress.insert(it.key() == u"name" ? QStringLiteral("name") : it.key(), it.value());
  order.shippingMethod = node.value(u"shippingLine").toObject().value(u"title").toString();
  order.shippingCode = node.value(u"shippingLine").toObject().value(u"code").toString();
  const QJsonObject total = node.value(u"totalPriceSet").toObject().value(u"shopMoney").toObject();
  if (!total.isEmpty()) {
    auto minor = toMinorUnits(total.value(u"amount").toString(), order.currency);
    if (!minor)
      return minor.error();
    order.totalMinor = *minor;
  }
  if (!node.value(u"cancelledAt").isNull() && node.contains(u"cancelledAt"))
    order.cancelledAt = parseTimestamp(node.value(u"cancelledAt"));
  for (const QJsonValue &edge : node.value(u"lineItems").toObject().value(u"nodes").toArray()) {
    const QJsonObject item = edge.toObject();
    ShopifyLineItem line;
    line.lineItemId = numericId(item.value(u"id"));
    if (line.lineItemId.isEmpty())
      return invalid(QStringLiteral("line item without id"));
    line.title = item.value(u"title").toString();
    line.variantTitle = item.value(u"variantTitle").toString();
    line.sku = item.value(u"sku").toString();
    line.variantId = numericId(item.value(u"variant").toObject().value(u"id"));
    // The same rule as the webhook's: a negative count is refused, not clamped into an order nobody can pack.
    const QJsonValue quantity =
        item.contains(u"currentQuantity") ? item.value(u"currentQuantity") : item.value(u"quantity");
    if (!quantity.isDouble() || quantity.toInt(-1) < 0)
      return invalid(QStringLiteral("line item quantity is not a non-negative integer"));
    line.quantity = quantity.toInt();
    line.fulfillableQuantity = qBound(0, item.value(u"unfulfilledQuantity").toInt(line.quantity), line.quantity);
    order.lines.append(line);
  }
  return order;
}

} // namespace pb::shopify::ordermapper
