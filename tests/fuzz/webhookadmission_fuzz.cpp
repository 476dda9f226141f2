// SPDX-FileCopyrightText: 2026 Packbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
// libFuzzer target, differential: the hub's admission of a signed body (simdjson reads its top-level fields,
// Qt where simdjson cannot) must judge every body as Qt's JSON parser alone would. The oracle below is the
// Qt-only check the hub used before simdjson.
#include "core/shopify/webhookadmission.h"

#include <QJsonDocument>

#include <array>
#include <cstddef>
#include <cstdint>
#include <cstdlib>

using namespace pb::shopify;
using webhookadmission::Refusal;

namespace {

const std::array<QString, 4> kTopics{QStringLiteral("orders/create"), QStringLiteral("products/update"),
                                     QStringLiteral("app/uninstalled"), QStringLiteral("fulfillment_orders/moved")};

bool refusedByQt(const WebhookDelivery &delivery)
{
  QJsonParseError error{};
  const QJsonDocument document = QJsonDocument::fromJson(delivery.body, &error);
  if (error.error != QJsonParseError::NoError || !document.isObject())
    return false;
  const QJsonObject body = document.object();
  const QString shop = delivery.shopDomain.toLower();
  if (body.contains(u"shop_domain") && body.value(u"shop_domain").toString().toLower() != shop)
    return true;
  if (delivery.topic == u"app/uninstalled" && body.contains(u"myshopify_domain") &&
      body.value(u"myshopify_domain").toString().toLower() != shop)
    return true;
  if (const QJsonValue gid = body.value(u"admin_graphql_api_id"); gid.isString()) {
    const QString resource = delivery.topic.startsWith(u"orders/")     ? QStringLiteral("Order")
                             : delivery.topic.startsWith(u"products/") ? QStringLiteral("Product")
                             : delivery.topic == u"app/uninstalled"    ? QStringLiteral("Shop")
                                                                       : QString();
    if (!resource.isEmpty() && !gid.toString().startsWith(QStringLiteral("gid://shopify/%1/").arg(resource)))
      return true;
  }
  return false;
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
  if (size == 0)
    return 0;
  WebhookDelivery delivery;
  delivery.shopDomain = QStringLiteral("bench.myshopify.com");
  delivery.topic = kTopics[data[0] % kTopics.size()];
  delivery.body = QByteArray(reinterpret_cast<const char *>(data + 1), static_cast<qsizetype>(size - 1));
  const bool refused = webhookadmission::checkBody(delivery).refusal == Refusal::BodyMismatch;
  if (refused != refusedByQt(delivery))
    std::abort();
  return 0;
}
