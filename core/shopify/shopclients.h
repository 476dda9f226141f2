// SPDX-FileCopyrightText: 2026 Packbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/base/clock.h"
#include "core/base/result.h"
#include "core/shopify/costthrottle.h"
#include "core/shopify/graphqlclient.h"
#include "core/shopify/shopdirectory.h"

#include <QMutex>
#include <QString>

#include <atomic>
#include <map>
#include <memory>

namespace pb::shopify {

// The Admin API client that talks to one shop with that shop's own token. An outbox row is posted only
// through the client of the shop it belongs to: never with another shop's credentials.
class ShopClients {
public:
  virtual ~ShopClients();
  // NotFound (with the reason, never a secret) when this hub holds no Admin API token for the shop.
  virtual Result<GraphQlClient *> clientFor(const QString &shopDomain) = 0;
};

// A single shop's client (import-catalogue, tests): rows of any other shop wait.
class OneShopClient final : public ShopClients {
public:
  OneShopClient(QString shopDomain, GraphQlClient &client);
  Result<GraphQlClient *> clientFor(const QString &shopDomain) override;

private:
  QString m_shopDomain;
  GraphQlClient &m_client;
};

// Shopify's cost bucket is per app and shop: one CostThrottle per shop, shared by every thread of a hub.
class ShopThrottles final {
public:
  explicit ShopThrottles(const Clock &clock);
  Q_DISABLE_COPY_MOVE(ShopThrottles)
  CostThrottle &forShop(const QString &shopDomain); // thread-safe; the throttle lives as long as this

private:
  const Clock &m_clock;
  QMutex m_mutex;
  std::map<QString, std::unique_ptr<CostThrottle>> m_throttles;
};

// Every shop of a ShopDirectory that has an access token: one GraphQlClient each, made on first use on
// the calling thread (create and use the pool on one thread), pointed at the shop's own Admin API
// (https://{shop} or its admin_base_url) with its own token and throttle.
class ShopClientPool final : public ShopClients {
public:
  // base: timeouts and retries for every client; its endpoint and token are not used.
  ShopClientPool(const ShopDirectory &shops, GraphQlSettings base, QString apiVersion, ShopThrottles &throttles);
  ~ShopClientPool() override;
  Q_DISABLE_COPY_MOVE(ShopClientPool)

  void setStopFlag(const std::atomic<bool> *stop) { m_stop = stop; }
  Result<GraphQlClient *> clientFor(const QString &shopDomain) override;

  // The settings a client for this shop uses (endpoint and token of the shop).
  static GraphQlSettings settingsFor(const ShopCredentials &shop, const GraphQlSettings &base,
                                     const QString &apiVersion);

private:
  const ShopDirectory &m_shops;
  GraphQlSettings m_base;
  QString m_apiVersion;
  ShopThrottles &m_throttles;
  const std::atomic<bool> *m_stop = nullptr;
  std::map<QString, std::unique_ptr<GraphQlClient>> m_clients;
};

} // namespace pb::shopify
