// SPDX-FileCopyrightText: 2026 Packbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
// The fake's locations and routed orders: what the hub reads to mirror fulfillment orders per warehouse.
#include "tests/support/fakeshopify.h"
#include "tests/support/fakeshopifypaging.h"

#include <QJsonArray>

namespace pb::test {

namespace {

QString gid(const char *type, const QString &id)
{
  return QStringLiteral("gid://shopify/%1/%2").arg(QLatin1String(type), id);
}

QJsonValue textOrNull(const QString &text)
{
  return text.isEmpty() ? QJsonValue() : QJsonValue(text);
}

QJsonObject mirrorLineJson(const FakeShopify::Line &line)
{
  return QJsonObject{
      {QStringLiteral("id"), line.id},
      {QStringLiteral("totalQuantity"), line.total},
      {QStringLiteral("remainingQuantity"), line.remaining},
      {QStringLiteral("productTitle"), line.title},
      {QStringLiteral("variantTitle"), textOrNull(line.variantTitle)},
      {QStringLiteral("sku"), textOrNull(line.sku)},
      {QStringLiteral("lineItem"), QJsonObject{{QStringLiteral("id"), gid("LineItem", line.lineItemId)}}},
      {QStringLiteral("variant"),
       line.variantId.isEmpty()
           ? QJsonValue()
           : QJsonValue(QJsonObject{{QStringLiteral("id"), gid("ProductVariant", line.variantId)}})}};
}

QJsonObject linesConnection(const FakeShopify::FulfillmentOrder &fo, const QString &after, int first)
{
  const FakePage page = fakePageOf(fo.lines.size(), after, first);
  QJsonArray nodes;
  for (qsizetype i = page.from; i < page.to; ++i)
    nodes.append(mirrorLineJson(fo.lines.at(i)));
  return QJsonObject{{QStringLiteral("pageInfo"), page.pageInfo}, {QStringLiteral("nodes"), nodes}};
}

} // namespace

QStringList FakeShopify::schemaErrors(const QString &document)
{
  if (!m_schemaCheckOn)
    return {};
  if (!m_schemaCheck)
    m_schemaCheck = GraphQlSchemaCheck::fromBuild();
  return m_schemaCheck->errors(document);
}

void FakeShopify::addLocation(const QString &id, const QString &name, bool active)
{
  m_locations.append({id, name, active});
}

void FakeShopify::addRoutedOrder(const Order &order)
{
  m_orders.insert(order.id, order);
  m_fulfillmentOrdersOfOrder[order.id]; // known to Shopify even before routing gives it fulfillment orders
  QStringList locations;
  for (const OrderLine &line : order.lines) {
    if (!locations.contains(line.locationId))
      locations.append(line.locationId);
  }
  for (qsizetype k = 0; k < locations.size(); ++k) {
    FulfillmentOrder fo;
    fo.id = gid("FulfillmentOrder", QString::number(order.id.toLongLong() * 10 + k + 1));
    fo.orderId = order.id;
    fo.locationId = locations.at(k);
    for (const OrderLine &line : order.lines) {
      if (line.locationId != fo.locationId)
        continue;
      fo.lines.append({gid("FulfillmentOrderLineItem", QString::number(line.lineItemId.toLongLong() * 10 + k + 1)),
                       line.lineItemId, line.quantity, line.quantity, line.variantId, line.title, line.variantTitle,
                       line.sku});
    }
    if (!m_fulfillmentOrders.contains(fo.id))
      m_fulfillmentOrdersOfOrder[order.id].append(fo.id);
    m_fulfillmentOrders.insert(fo.id, fo);
  }
}

QJsonObject FakeShopify::orderWebhookPayload(const QString &orderId) const
{
  const Order order = m_orders.value(orderId);
  QJsonArray items;
  for (const OrderLine &line : order.lines) {
    items.append(
        QJsonObject{{QStringLiteral("id"), line.lineItemId.toDouble()},
                    {QStringLiteral("admin_graphql_api_id"), gid("LineItem", line.lineItemId)},
                    {QStringLiteral("variant_id"), line.variantId.isEmpty() ? QJsonValue() : line.variantId.toDouble()},
                    {QStringLiteral("title"), line.title},
                    {QStringLiteral("variant_title"), textOrNull(line.variantTitle)},
                    {QStringLiteral("sku"), textOrNull(line.sku)},
                    {QStringLiteral("quantity"), line.quantity},
                    {QStringLiteral("current_quantity"), line.quantity},
                    {QStringLiteral("fulfillable_quantity"), line.quantity},
                    {QStringLiteral("price"), line.price}});
  }
  const QJsonObject address{{QStringLiteral("first_name"), QStringLiteral("Robin")},
                            {QStringLiteral("last_name"), QStringLiteral("Fictional")},
                            {QStringLiteral("address1"), QStringLiteral("12 Sample Road")},
                            {QStringLiteral("city"), QStringLiteral("Sparks")},
                            {QStringLiteral("province"), QStringLiteral("Nevada")},
                            {QStringLiteral("province_code"), QStringLiteral("NV")},
                            {QStringLiteral("zip"), QStringLiteral("89431")},
                            {QStringLiteral("country_code"), QStringLiteral("US")}};
  const QString updated = order.updatedAt.toUTC().toString(Qt::ISODateWithMs);
  return QJsonObject{
      {QStringLiteral("id"), orderId.toDouble()},
      {QStringLiteral("admin_graphql_api_id"), gid("Order", orderId)},
      {QStringLiteral("name"), order.name},
      {QStringLiteral("email"), QStringLiteral("robin%1@example.com").arg(orderId)},
      {QStringLiteral("currency"), QStringLiteral("USD")},
      {QStringLiteral("created_at"), updated},
      {QStringLiteral("updated_at"), updated},
      {QStringLiteral("cancelled_at"), QJsonValue::Null},
      {QStringLiteral("customer"), QJsonObject{{QStringLiteral("id"), orderId.toDouble() + 7000000},
                                               {QStringLiteral("first_name"), QStringLiteral("Robin")},
                                               {QStringLiteral("last_name"), QStringLiteral("Fictional")}}},
      {QStringLiteral("shipping_address"), address},
      {QStringLiteral("billing_address"), address},
      {QStringLiteral("shipping_lines"), QJsonArray{QJsonObject{{QStringLiteral("title"), order.shippingTitle}}}},
      {QStringLiteral("line_items"), items}};
}

QJsonObject FakeShopify::mirrorFulfillmentOrders(const QJsonObject &variables)
{
  const QString orderId = variables.value(u"orderId").toString().section(QLatin1Char('/'), -1);
  const auto ids = m_fulfillmentOrdersOfOrder.constFind(orderId);
  if (ids == m_fulfillmentOrdersOfOrder.constEnd())
    return QJsonObject{{QStringLiteral("order"), QJsonValue()}};
  const FakePage page =
      fakePageOf(ids->size(), variables.value(u"after").toString(), pageSizeOf(QStringLiteral("fulfillmentOrders")));
  QJsonArray nodes;
  for (qsizetype i = page.from; i < page.to; ++i) {
    const FulfillmentOrder fo = m_fulfillmentOrders.value(ids->at(i));
    const auto location = std::find_if(m_locations.cbegin(), m_locations.cend(),
                                       [&](const Location &l) { return l.id == fo.locationId; });
    nodes.append(QJsonObject{
        {QStringLiteral("id"), fo.id},
        {QStringLiteral("status"), fo.status},
        {QStringLiteral("updatedAt"), QDateTime::currentDateTimeUtc().toString(Qt::ISODateWithMs)},
        {QStringLiteral("fulfillAt"), QJsonValue()},
        {QStringLiteral("fulfillBy"), QJsonValue()},
        {QStringLiteral("assignedLocation"),
         QJsonObject{
             {QStringLiteral("name"), location == m_locations.cend() ? QString() : location->name},
             {QStringLiteral("location"), QJsonObject{{QStringLiteral("id"), gid("Location", fo.locationId)}}}}},
        {QStringLiteral("lineItems"), linesConnection(fo, QString(), pageSizeOf(QStringLiteral("lineItems")))}});
  }
  return QJsonObject{{QStringLiteral("order"), QJsonObject{{QStringLiteral("id"), gid("Order", orderId)},
                                                           {QStringLiteral("fulfillmentOrders"),
                                                            QJsonObject{{QStringLiteral("pageInfo"), page.pageInfo},
                                                                        {QStringLiteral("nodes"), nodes}}}}}};
}

QJsonObject FakeShopify::mirrorLineItems(const QJsonObject &variables)
{
  const auto it = constFindFulfillmentOrder(variables.value(u"id").toString());
  if (it == m_fulfillmentOrders.constEnd())
    return QJsonObject{{QStringLiteral("fulfillmentOrder"), QJsonValue()}};
  return QJsonObject{
      {QStringLiteral("fulfillmentOrder"),
       QJsonObject{{QStringLiteral("id"), it->id},
                   {QStringLiteral("lineItems"), linesConnection(*it, variables.value(u"after").toString(),
                                                                 pageSizeOf(QStringLiteral("lineItems")))}}}};
}

QJsonObject FakeShopify::shopLocations(const QJsonObject &variables)
{
  const FakePage page =
      fakePageOf(m_locations.size(), variables.value(u"after").toString(), pageSizeOf(QStringLiteral("locations")));
  QJsonArray nodes;
  for (qsizetype i = page.from; i < page.to; ++i) {
    const Location &location = m_locations.at(i);
    nodes.append(QJsonObject{{QStringLiteral("id"), gid("Location", location.id)},
                             {QStringLiteral("name"), location.name},
                             {QStringLiteral("isActive"), location.active}});
  }
  return QJsonObject{{QStringLiteral("locations"),
                      QJsonObject{{QStringLiteral("pageInfo"), page.pageInfo}, {QStringLiteral("nodes"), nodes}}}};
}

} // namespace pb::test
