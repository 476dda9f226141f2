// SPDX-FileCopyrightText: 2026 Packbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/shopify/webhookadmission.h"

#include <QJsonDocument>

#include <simdjson.h>

#include <optional>

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

namespace {

// The top-level fields a resource body is checked by; a field's value is its text when it is a string,
// empty when it is anything else (as QJsonValue::toString() has it), absent when the key is missing.
struct ResourceFields {
  std::optional<QString> shopDomain;
  std::optional<QString> myshopifyDomain;
  std::optional<QString> adminGraphqlApiId;
  bool apiIdIsString = false;
};

// Through simdjson, which validates the whole document at gigabytes a second without building it (Qt's
// JSON parser took a fifth of the hub's CPU per webhook). Duplicate keys: the last one counts, as in
// QJsonObject. nullopt when simdjson cannot read it: the caller then asks Qt, so a body is judged the same.
std::optional<ResourceFields> resourceFieldsFast(const QByteArray &body)
{
  thread_local simdjson::dom::parser parser;
  simdjson::dom::element document;
  if (parser.parse(body.constData(), static_cast<size_t>(body.size())).get(document) != simdjson::SUCCESS)
    return std::nullopt;
  simdjson::dom::object object;
  if (document.get_object().get(object) != simdjson::SUCCESS)
    return std::nullopt;
  ResourceFields fields;
  for (const simdjson::dom::key_value_pair field : object) {
    std::optional<QString> *slot = field.key == "shop_domain"            ? &fields.shopDomain
                                   : field.key == "myshopify_domain"     ? &fields.myshopifyDomain
                                   : field.key == "admin_graphql_api_id" ? &fields.adminGraphqlApiId
                                                                         : nullptr;
    if (!slot)
      continue;
    std::string_view text;
    const bool isString = field.value.get_string().get(text) == simdjson::SUCCESS;
    *slot = isString ? QString::fromUtf8(text.data(), static_cast<qsizetype>(text.size())) : QString();
    if (slot == &fields.adminGraphqlApiId)
      fields.apiIdIsString = isString;
  }
  return fields;
}

std::optional<ResourceFields> resourceFieldsByQt(const QByteArray &body)
{
  QJsonParseError parseError{};
  const QJsonDocument document = QJsonDocument::fromJson(body, &parseError);
  if (parseError.error != QJsonParseError::NoError || !document.isObject())
    return std::nullopt;
  const QJsonObject object = document.object();
  ResourceFields fields;
  if (object.contains(u"shop_domain"))
    fields.shopDomain = object.value(u"shop_domain").toString();
  if (object.contains(u"myshopify_domain"))
    fields.myshopifyDomain = object.value(u"myshopify_domain").toString();
  if (object.contains(u"admin_graphql_api_id")) {
    fields.adminGraphqlApiId = object.value(u"admin_graphql_api_id").toString();
    fields.apiIdIsString = object.value(u"admin_graphql_api_id").isString();
  }
  return fields;
}

Verdict checkComplianceBody(const WebhookDelivery &delivery)
{
  const QString &topic = delivery.topic;
  QJsonParseError parseError{};
  const QJsonDocument document = QJsonDocument::fromJson(delivery.body, &parseError);
  if (parseError.error != QJsonParseError::NoError || !document.isObject())
    return refuse(Refusal::BodyMismatch, QStringLiteral("%1 body is not a JSON object").arg(topic));
  const QJsonObject body = document.object();
  const NamedShop named = shopNamedBy(body);
  if (named.domain.isEmpty() || named.shopifyId.isEmpty())
    return refuse(Refusal::BodyMismatch, QStringLiteral("%1 body lacks shop_domain or shop_id").arg(topic));
  if (named.domain != delivery.shopDomain.toLower())
    return refuse(Refusal::BodyMismatch,
                  QStringLiteral("%1 body names another shop than X-Shopify-Shop-Domain").arg(topic));
  if (topic != u"shop/redact" && !body.value(u"customer").isObject())
    return refuse(Refusal::BodyMismatch, QStringLiteral("%1 body has no customer").arg(topic));
  if (body.contains(u"admin_graphql_api_id"))
    return refuse(Refusal::BodyMismatch, QStringLiteral("%1 body is a resource, not a privacy request").arg(topic));
  return {};
}

} // namespace

namespace {
Verdict judgeResource(const WebhookDelivery &delivery, const ResourceFields &fields)
{
  const QString &topic = delivery.topic;
  const QString shop = delivery.shopDomain.toLower();
  // Any other body naming a shop names this one (a compliance body replayed under another topic, too).
  if (fields.shopDomain && fields.shopDomain->toLower() != shop)
    return refuse(Refusal::BodyMismatch, QStringLiteral("body names another shop than X-Shopify-Shop-Domain"));
  if (topic == u"app/uninstalled" && fields.myshopifyDomain && fields.myshopifyDomain->toLower() != shop)
    return refuse(Refusal::BodyMismatch, QStringLiteral("app/uninstalled body is another shop"));
  if (fields.apiIdIsString) {
    const QString expected = expectedResource(topic);
    const QString prefix = QStringLiteral("gid://shopify/%1/").arg(expected);
    if (!expected.isEmpty() && !fields.adminGraphqlApiId->startsWith(prefix))
      return refuse(Refusal::BodyMismatch, QStringLiteral("%1 body is not a %2").arg(topic, expected));
  }
  return {};
}
} // namespace

Verdict checkBody(const WebhookDelivery &delivery)
{
  if (isComplianceTopic(delivery.topic))
    return checkComplianceBody(delivery);
  if (const auto fast = resourceFieldsFast(delivery.body)) {
    Verdict verdict = judgeResource(delivery, *fast);
    if (verdict.refusal == Refusal::None)
      return verdict;
    // A refusal is rare, and Qt refuses some documents simdjson reads (a number that underflows, say): the
    // refusal stands only as Qt's reading has it, so that a body is judged as the inbox processor will read it.
  }
  const auto fields = resourceFieldsByQt(delivery.body);
  if (!fields)
    return {}; // authentic but unusable: the processor keeps it as a dead letter for a person
  return judgeResource(delivery, *fields);
}

Verdict check(const WebhookDelivery &delivery, const QDateTime &now, int maxAgeSeconds)
{
  if (Verdict fresh = checkFreshness(delivery, now, maxAgeSeconds); fresh.refusal != Refusal::None)
    return fresh;
  return checkBody(delivery);
}

} // namespace pb::shopify::webhookadmission
