// SPDX-FileCopyrightText: 2026 Packbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/base/result.h"
#include "core/config/config.h"

#include <QByteArray>
#include <QHash>
#include <QString>
#include <QStringList>

namespace pb::shopify {

// What the hub holds for one shop it serves. Secrets live only in the hub's private config (0600 file or
// environment), never in the database stations reach, and are never logged.
struct ShopCredentials {
  QString domain;           // lower case, e.g. example.myshopify.com
  QByteArray accessToken;   // Admin API token; empty: the shop's outbox rows wait
  QByteArray webhookSecret; // the client secret of the app that signs this shop's webhooks
  QString adminBaseUrl;     // empty: https://{domain}
};

// The shops this hub serves: shopify.shop (with shopify.access_token, shopify.webhook_secret and
// shopify.admin_base_url) plus one [domain] section per shop in shopify.shops_file:
//   [second.myshopify.com]
//   access_token = shpat_…
//   webhook_secret = …        (default: shopify.webhook_secret, the app's client secret)
//   admin_base_url = https://… (default: https://second.myshopify.com)
// A webhook from any other shop is refused, and an outbox row is posted only with its own shop's token.
class ShopDirectory final {
public:
  ShopDirectory() = default;

  static Result<ShopDirectory> fromConfig(const config::Config &config);
  // A shops file's text; origin names it in errors (never a value), defaultSecret fills a missing
  // webhook_secret.
  static Result<ShopDirectory> parse(const QString &text, const QString &origin, const QByteArray &defaultSecret);
  // Reads the file, which must be private (no group or other permissions).
  static Result<ShopDirectory> load(const QString &path, const QByteArray &defaultSecret);

  // Adds a shop or replaces the one with the same domain.
  void add(ShopCredentials shop);
  // Case-insensitive; nullptr when the hub does not serve the shop.
  const ShopCredentials *find(QStringView domain) const;
  QStringList domains() const;
  bool isEmpty() const { return m_shops.isEmpty(); }

  // A shop domain as Shopify names it: lower-case host name labels (letters, digits, hyphens).
  static bool isShopDomain(const QString &domain);

private:
  QHash<QString, ShopCredentials> m_shops;
};

} // namespace pb::shopify
