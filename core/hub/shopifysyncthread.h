// SPDX-FileCopyrightText: 2026 Packbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/db/connection.h"
#include "core/hub/stoppablethread.h"
#include "core/shopify/costthrottle.h"
#include "core/shopify/graphqlclient.h"
#include "core/shopify/outboxworker.h"
#include "core/shopify/shopclients.h"
#include "core/shopify/shopdirectory.h"

#include <atomic>

namespace pb::hub {

struct SyncSettings {
  // One per hub process, shared by all its sync threads: Shopify's bucket is per app and shop.
  shopify::ShopThrottles *throttles = nullptr;
  // The shops served and their Admin API tokens: each outbox row goes out with its own shop's.
  const shopify::ShopDirectory *shops = nullptr;
  db::ConnectionSettings database;
  shopify::GraphQlSettings graphql; // timeouts and retries; endpoint and token come per shop
  QString apiVersion;
  shopify::OutboxSettings outbox;
  QString shopDomain;                 // the shop whose orders, locations and catalogue this thread polls (shopify.shop)
  int reconcileIntervalSeconds = 300; // 0: this thread does not poll (only one of a hub's threads does)
  bool mirrorFulfillmentOrders = false; // the poller's orders wait for Shopify's fulfillment orders
  bool syncLocations = false;           // read the shop's locations once at start (one thread does)
};

// The hub's Shopify-bound work on its own thread and database connection: drains the outbox (every
// served shop's rows, each through its own shop's client)
// and runs the reconcile poller every interval; the polling thread also imports the catalogue once
// per shop (a bulk operation, stepped between outbox passes) and then polls products. Blocking Admin API calls never
// stall webhooks; several threads (hub.outbox_workers) keep calls in flight while others wait for answers.
class ShopifySyncThread final : public StoppableThread {
  Q_OBJECT
  Q_DISABLE_COPY_MOVE(ShopifySyncThread)

public:
  explicit ShopifySyncThread(SyncSettings settings, QObject *parent = nullptr);
  ~ShopifySyncThread() override;

protected:
  void run() override;

private:
  // One connection's life: returns when the database went away (run() reconnects) or on stop.
  void runWith(QSqlDatabase db);
  void syncShopLocations(QSqlDatabase db, shopify::GraphQlClient &client);

  SyncSettings m_settings;
};

} // namespace pb::hub
