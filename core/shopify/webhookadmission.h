// SPDX-FileCopyrightText: 2026 Packbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/base/result.h"
#include "core/shopify/webhookinbox.h"

#include <QDateTime>
#include <QJsonObject>

namespace pb::shopify {

// What an authentic (HMAC-checked) delivery must also satisfy before it is stored. Shopify signs only the
// body: topic, shop, ids and X-Shopify-Triggered-At are plain headers a replayer can rewrite, so the
// headers must agree with the signed body, and an old delivery is refused.
namespace webhookadmission {

enum class Refusal {
  None,
  Stale,        // X-Shopify-Triggered-At older than the allowed age, or missing, or from the future
  BodyMismatch, // the signed body contradicts the topic or shop in the headers
};

struct Verdict {
  Refusal refusal = Refusal::None;
  QString reason; // for logs and tests: names the header or field, never a value from the body
};

// Shopify's three mandatory privacy topics; their bodies name the shop (shop_id, shop_domain).
bool isComplianceTopic(QStringView topic);

// Triggered-at within [now - maxAgeSeconds, now + 5 min of clock skew].
Verdict checkFreshness(const WebhookDelivery &delivery, const QDateTime &now, int maxAgeSeconds);
// The body agrees with the topic and shop headers: a compliance body names the same shop_domain and
// carries shop_id (and a customer where the topic needs one); app/uninstalled names the same
// myshopify_domain; admin_graphql_api_id, where present, is of the topic's resource (an orders/* body
// is an Order, products/* a Product, app/uninstalled a Shop; compliance bodies have none). A body that
// is not JSON is left to the inbox processor (stored and dead-lettered) unless the topic is a compliance one.
Verdict checkBody(const WebhookDelivery &delivery);
// Both, freshness first.
Verdict check(const WebhookDelivery &delivery, const QDateTime &now, int maxAgeSeconds);

// The shop a compliance body names: its shop_domain and shop_id (as text); empty when missing.
struct NamedShop {
  QString domain;
  QString shopifyId;
};
NamedShop shopNamedBy(const QJsonObject &complianceBody);

} // namespace webhookadmission
} // namespace pb::shopify
