// SPDX-FileCopyrightText: 2026 Packbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "tests/support/shopifypayloads.h"

#include <QCryptographicHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QMessageAuthenticationCode>

namespace pb::test {

QJsonObject restOrder(qint64 id, const QDateTime &updatedAt, int lines, const QString &email)
{
  QJsonArray items;
  for (int i = 1; i <= lines; ++i) {
    items.append(QJsonObject{{QStringLiteral("id"), static_cast<double>(id * 100 + i)},
                             {QStringLiteral("title"), QStringLiteral("Widget %1").arg(i)},
                             {QStringLiteral("sku"), QStringLiteral("W-%1").arg(i)},
                             {QStringLiteral("quantity"), i},
                             {QStringLiteral("fulfillable_quantity"), i},
                             {QStringLiteral("price"), QStringLiteral("9.99")}});
  }
  const QJsonObject address{{QStringLiteral("first_name"), QStringLiteral("Ada")},
                            {QStringLiteral("last_name"), QStringLiteral("Example")},
                            {QStringLiteral("address1"), QStringLiteral("1 Test Street")},
                            {QStringLiteral("city"), QStringLiteral("Reno")},
                            {QStringLiteral("zip"), QStringLiteral("89501")},
                            {QStringLiteral("country_code"), QStringLiteral("US")}};
  return QJsonObject{
      {QStringLiteral("id"), static_cast<double>(id)},
      {QStringLiteral("admin_graphql_api_id"), QStringLiteral("gid://shopify/Order/%1").arg(id)},
      {QStringLiteral("name"), QStringLiteral("#%1").arg(id)},
      {QStringLiteral("email"), email.isEmpty() ? QStringLiteral("ada%1@example.com").arg(id) : email},
      {QStringLiteral("phone"), QStringLiteral("+15555550100")},
      {QStringLiteral("currency"), QStringLiteral("USD")},
      {QStringLiteral("total_price"), QStringLiteral("19.98")},
      {QStringLiteral("created_at"), updatedAt.toString(Qt::ISODate)},
      {QStringLiteral("updated_at"), updatedAt.toString(Qt::ISODate)},
      {QStringLiteral("cancelled_at"), QJsonValue::Null},
      {QStringLiteral("customer"), QJsonObject{{QStringLiteral("id"), static_cast<double>(id + 7000000)},
                                               {QStringLiteral("first_name"), QStringLiteral("Ada")},
                                               {QStringLiteral("last_name"), QStringLiteral("Example")}}},
      {QStringLiteral("shipping_address"), address},
      {QStringLiteral("billing_address"), address},
      {QStringLiteral("shipping_lines"), QJsonArray{QJsonObject{{QStringLiteral("title"), QStringLiteral("Ground")},
                                                                {QStringLiteral("code"), QStringLiteral("GROUND")}}}},
      {QStringLiteral("line_items"), items}};
}

QByteArray compact(const QJsonObject &object)
{
  return QJsonDocument(object).toJson(QJsonDocument::Compact);
}

QByteArray shopifyHmac(const QByteArray &secret, const QByteArray &rawBody)
{
  return QMessageAuthenticationCode::hash(rawBody, secret, QCryptographicHash::Sha256).toBase64();
}

} // namespace pb::test
