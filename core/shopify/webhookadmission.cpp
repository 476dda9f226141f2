// SPDX-FileCopyrightText: 2026 Packbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/shopify/webhookadmission.h"

#include <QJsonDocument>

namespace pb::shopify::webhookadmission {

namespace {

constexpr qint64 kAllowedSkewSeconds = 300;

Verdict refuse(Refusal refusal, const QString &reason)
{
  return Verdict{refusal, reason};
}

// The resource type an admin_graphql_api_id must name for the topic; empty: any, or none expected.
QString expectedResource(QStringView topic)
{
  if (topic.startsWith(u"orders/") && topic != u"orders/edited")
    return QStringLiteral("Order");
  if (topic.startsWith(u"products/"))
    return QStringLiteral("Product");
  if (topic == u"app/uninstalled")
    return QStringLiteral("Shop");
  return {};
}

QString idText(const QJsonValue &value)
{
  if (value.isDouble())
    return QString::number(static_cast<qint64>(value.toDouble()));
  return value.toString();
}

} // namespace

bool isComplianceTopic(QStringView topic)
{
  return topic == u"customers/redact" || topic == u"shop/redact" || topic == u"customers/data_request";
}

NamedShop shopNamedBy(const QJsonObject &complianceBody)
{
  return NamedShop{complianceBody.value(u"shop_domain").toString().trimmed().toLower(),
                   idText(complianceBody.value(u"shop_id"))};
}

Verdict checkFreshness(const WebhookDelivery &delivery, const QDateTime &now, int maxAgeSeconds)
{
  if (!delivery.triggeredAt.isValid())
    return refuse(Refusal::Stale, QStringLiteral("X-Shopify-Triggered-At missing or not a time"));
  const qint64 age = delivery.triggeredAt.secsTo(now);
  if (age > maxAgeSeconds)
    return refuse(Refusal::Stale, QStringLiteral("X-Shopify-Triggered-At is %1 s old (shopify.webhook_max_age_seconds "
                                                 "= %2)")
                                      .arg(age)
                                      .arg(maxAgeSeconds));
  if (age < -kAllowedSkewSeconds)
    return refuse(Refusal::Stale, QStringLiteral("X-Shopify-Triggered-At is %1 s in the future").arg(-age));
  return {};
}

Verdict checkBody(const WebhookDelivery &delivery)
{
  const QString &topic = delivery.topic;
  const bool compliance = isComplianceTopic(topic);
  QJsonParseError parseError{};
  const QJsonDocument document = QJsonDocument::fromJson(delivery.body, &parseError);
  if (parseError.error != QJsonParseError::NoError || !document.isObject()) {
    if (compliance)
      return refuse(Refusal::BodyMismatch, QStringLiteral("%1 body is not a JSON object").arg(topic));
    return {}; // authentic but unusable: the processor keeps it as a dead letter for a person
  }
  const QJsonObject body = document.object();
  const QString shop = delivery.shopDomain.toLower();
  if (compliance) {
    const NamedShop named = shopNamedBy(body);
    if (named.domain.isEmpty() || named.shopifyId.isEmpty())
      return refuse(Refusal::BodyMismatch, QStringLiteral("%1 body lacks shop_domain or shop_id").arg(topic));
    if (named.domain != shop)
      return refuse(Refusal::BodyMismatch,
                    QStringLiteral("%1 body names another shop than X-Shopify-Shop-Domain").arg(topic));
    if (topic != u"shop/redact" && !body.value(u"customer").isObject())
      return refuse(Refusal::BodyMismatch, QStringLiteral("%1 body has no customer").arg(topic));
    if (body.contains(u"admin_graphql_api_id"))
      return refuse(Refusal::BodyMismatch, QStringLiteral("%1 body is a resource, not a privacy request").arg(topic));
    return {};
  }
  // Any other body naming a shop names this one (a compliance body replayed under another topic, too).
  if (body.contains(u"shop_domain") && body.value(u"shop_domain").toString().toLower() != shop)
    return refuse(Refusal::BodyMismatch, QStringLiteral("body names another shop than X-Shopify-Shop-Domain"));
  if (topic == u"app/uninstalled" && body.contains(u"myshopify_domain") &&
      body.value(u"myshopify_domain").toString().toLower() != shop)
    return refuse(Refusal::BodyMismatch, QStringLiteral("app/uninstalled body is another shop"));
  if (const QJsonValue gid = body.value(u"admin_graphql_api_id"); gid.isString()) {
    const QString expected = expectedResource(topic);
    const QString prefix = QStringLiteral("gid://shopify/%1/").arg(expected);
    if (!expected.isEmpty() && !gid.toString().startsWith(prefix))
      return refuse(Refusal::BodyMismatch, QStringLiteral("%1 body is not a %2").arg(topic, expected));
  }
  return {};
}

Verdict check(const WebhookDelivery &delivery, const QDateTime &now, int maxAgeSeconds)
{
  if (Verdict fresh = checkFreshness(delivery, now, maxAgeSeconds); fresh.refusal != Refusal::None)
    return fresh;
  return checkBody(delivery);
}

} // namespace pb::shopify::webhookadmission
