// SPDX-FileCopyrightText: 2026 Packbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/shopify/shopclients.h"

namespace pb::shopify {

ShopClients::~ShopClients() = default;

OneShopClient::OneShopClient(QString shopDomain, GraphQlClient &client)
    : m_shopDomain(std::move(shopDomain).toLower())
    , m_client(client)
{}

Result<GraphQlClient *> OneShopClient::clientFor(const QString &shopDomain)
{
  if (shopDomain.toLower() != m_shopDomain)
    return makeError(ErrorKind::NotFound,
                     QStringLiteral("no Admin API credentials for shop '%1' here (this worker posts for %2 only)")
                         .arg(shopDomain, m_shopDomain));
  return &m_client;
}

ShopThrottles::ShopThrottles(const Clock &clock)
    : m_clock(clock)
{}

CostThrottle &ShopThrottles::forShop(const QString &shopDomain)
{
  const QMutexLocker lock(&m_mutex);
  auto &throttle = m_throttles[shopDomain.toLower()];
  if (!throttle)
    throttle = std::make_unique<CostThrottle>(m_clock);
  return *throttle;
}

ShopClientPool::ShopClientPool(const ShopDirectory &shops, GraphQlSettings base, QString apiVersion,
                               ShopThrottles &throttles)
    : m_shops(shops)
    , m_base(std::move(base))
    , m_apiVersion(std::move(apiVersion))
    , m_throttles(throttles)
{}

ShopClientPool::~ShopClientPool() = default;

GraphQlSettings ShopClientPool::settingsFor(const ShopCredentials &shop, const GraphQlSettings &base,
                                            const QString &apiVersion)
{
  GraphQlSettings settings = base;
  QString root = shop.adminBaseUrl.isEmpty() ? QStringLiteral("https://") + shop.domain : shop.adminBaseUrl;
  while (root.endsWith(QLatin1Char('/')))
    root.chop(1);
  settings.endpoint = QUrl(root + QStringLiteral("/admin/api/") + apiVersion + QStringLiteral("/graphql.json"));
  settings.accessToken = shop.accessToken;
  return settings;
}

Result<GraphQlClient *> ShopClientPool::clientFor(const QString &shopDomain)
{
  const QString domain = shopDomain.toLower();
  if (auto it = m_clients.find(domain); it != m_clients.end())
    return it->second.get();
  if (domain.isEmpty())
    return makeError(ErrorKind::NotFound, QStringLiteral("the row names no shop"));
  const ShopCredentials *shop = m_shops.find(domain);
  if (!shop)
    return makeError(
        ErrorKind::NotFound,
        QStringLiteral("shop '%1' is not served by this hub (shopify.shop, shopify.shops_file)").arg(domain));
  if (shop->accessToken.isEmpty())
    return makeError(
        ErrorKind::NotFound,
        QStringLiteral("no Admin API access token for shop '%1' (access_token in shopify.shops_file)").arg(domain));
  auto client = std::make_unique<GraphQlClient>(settingsFor(*shop, m_base, m_apiVersion), m_throttles.forShop(domain));
  client->setStopFlag(m_stop);
  GraphQlClient *raw = client.get();
  m_clients.emplace(domain, std::move(client));
  return raw;
}

} // namespace pb::shopify
