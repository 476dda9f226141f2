// SPDX-FileCopyrightText: 2026 Packbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/hub/shopifysyncthread.h"

#include "core/shopify/catalogueimport.h"
#include "core/shopify/cataloguepoller.h"
#include "core/shopify/costthrottle.h"
#include "core/shopify/locationsync.h"
#include "core/shopify/orderwriter.h"
#include "core/shopify/reconcilepoller.h"

#include <QElapsedTimer>
#include <QLoggingCategory>

#include <memory>
#include <optional>

namespace pb::hub {

namespace {
Q_LOGGING_CATEGORY(lcSync, "packbench.core.hub.shopifysyncthread")
constexpr qint64 kIdleMs = 1000;
constexpr qint64 kReconnectMs = 2000;  // after the database went away
constexpr qint64 kImportStepMs = 5000; // between bulk-operation polls of the initial catalogue import
} // namespace

ShopifySyncThread::ShopifySyncThread(SyncSettings settings, QObject *parent)
    : StoppableThread(parent)
    , m_settings(std::move(settings))
{}

ShopifySyncThread::~ShopifySyncThread()
{
  requestStop();
  wait();
}

void ShopifySyncThread::syncShopLocations(QSqlDatabase db, shopify::GraphQlClient &client)
{
  // Stations check their warehouse code against these at start: have them before the first order.
  auto shopId = shopify::orderwriter::ensureShop(db, m_settings.shopDomain);
  if (!shopId) {
    qCWarning(lcSync).noquote() << "locations not synced:" << shopId.error().message;
    return;
  }
  auto synced = shopify::locationsync::sync(client, db, *shopId, m_settings.outbox.locationCodes);
  if (!synced)
    qCWarning(lcSync).noquote() << "locations not synced (retried when an order names one):" << synced.error().message;
}

void ShopifySyncThread::run()
{
  // A restarted or failed-over database must not stop fulfillments until the hub restarts: reconnect and go on.
  runReconnecting(m_settings.database, QStringLiteral("hub-sync-%1").arg(m_settings.outbox.workerId), kReconnectMs,
                  lcSync, "Shopify sync:", [this](QSqlDatabase db) { runWith(db); });
}

void ShopifySyncThread::runWith(QSqlDatabase db)
{
  const SystemClock clock;
  std::optional<shopify::ShopThrottles> own; // only when the caller shares none
  if (!m_settings.throttles)
    own.emplace(clock);
  const shopify::ShopDirectory none;
  shopify::ShopClientPool clients(m_settings.shops ? *m_settings.shops : none, m_settings.graphql,
                                  m_settings.apiVersion, m_settings.throttles ? *m_settings.throttles : *own);
  clients.setStopFlag(&m_stop);
  shopify::OutboxWorker worker(db, clients, m_settings.outbox);
  // Reads (reconcile, locations, catalogue) are for the primary shop, with its own client.
  auto primary = clients.clientFor(m_settings.shopDomain);
  if (!primary && m_settings.reconcileIntervalSeconds > 0)
    qCWarning(lcSync).noquote() << "reconcile poller off:" << primary.error().message;
  std::unique_ptr<shopify::ReconcilePoller> poller;
  if (primary) {
    poller = std::make_unique<shopify::ReconcilePoller>(db, **primary, m_settings.shopDomain, clock);
    poller->setMirrorFulfillmentOrders(m_settings.mirrorFulfillmentOrders);
    if (m_settings.syncLocations)
      syncShopLocations(db, **primary);
  }
  // The catalogue travels with the reconcile poll: the thread that polls also imports (once per shop).
  std::unique_ptr<shopify::catalogue::CatalogueImporter> importer;
  std::unique_ptr<shopify::CataloguePoller> catalogue;
  bool imported = false;
  QElapsedTimer sinceImportStep;
  if (poller && m_settings.reconcileIntervalSeconds > 0) {
    if (auto shopId = shopify::orderwriter::ensureShop(db, m_settings.shopDomain)) {
      importer = std::make_unique<shopify::catalogue::CatalogueImporter>(db, **primary, *shopId, clock);
      catalogue = std::make_unique<shopify::CataloguePoller>(db, **primary, *shopId);
    } else {
      qCWarning(lcSync).noquote() << "catalogue sync off:" << shopId.error().message;
    }
  }
  QElapsedTimer sincePoll;
  bool polledOnce = false;
  while (!m_stop) {
    if (importer && !imported && (!sinceImportStep.isValid() || sinceImportStep.elapsed() >= kImportStepMs)) {
      // One move at a time (start, poll, write): fulfillments keep going out while Shopify exports.
      auto step = importer->step();
      if (!step)
        qCWarning(lcSync).noquote() << "catalogue import:" << step.error().message;
      else
        imported = step->state == shopify::catalogue::ImportState::Completed ||
                   step->state == shopify::catalogue::ImportState::NotNeeded;
      sinceImportStep.start();
    }
    if (poller && m_settings.reconcileIntervalSeconds > 0 &&
        (!polledOnce || sincePoll.elapsed() >= m_settings.reconcileIntervalSeconds * 1000LL)) {
      auto reconciled = poller->pollOnce();
      if (!reconciled)
        qCWarning(lcSync).noquote() << "reconcile poll failed:" << reconciled.error().message;
      if (catalogue && imported) {
        auto products = catalogue->pollOnce();
        if (!products)
          qCWarning(lcSync).noquote() << "catalogue poll failed:" << products.error().message;
      }
      sincePoll.start();
      polledOnce = true;
    }
    auto claimed = worker.runOnce();
    if (!claimed) {
      qCWarning(lcSync).noquote() << "outbox pass failed:" << claimed.error().message;
      if (claimed.error().kind == ErrorKind::Unavailable)
        return; // reconnect
    }
    if (!claimed || claimed->claimed == 0)
      shopify::waitMs(kIdleMs);
  }
}

} // namespace pb::hub
