// SPDX-FileCopyrightText: 2026 Packbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "app/hub/importcatalogue.h"

#include "app/common/startup.h"
#include "core/config/configkeys.h"
#include "core/shopify/catalogueimport.h"
#include "core/shopify/costthrottle.h"
#include "core/shopify/graphqlclient.h"
#include "core/shopify/orderwriter.h"

#include <QElapsedTimer>
#include <QTextStream>

namespace pb::app {

int runImportCatalogue(const config::Config &config, bool force)
{
  using namespace config::keys;
  QTextStream err(stderr);
  if (config.get(ShopifyShop).isEmpty() || config.get(ShopifyAccessToken).isEmpty()) {
    err << "packbench-hub import-catalogue: shopify.shop and shopify.access_token must be set" << Qt::endl;
    return ExitBadConfig;
  }
  const SystemClock clock;
  auto db = openConfiguredDatabase(config, clock, QStringLiteral("import-catalogue"));
  if (!db) {
    err << "packbench-hub import-catalogue: " << db.error().message << Qt::endl;
    return ExitDatabase;
  }
  QSqlDatabase connection = *db;
  auto shopId = shopify::orderwriter::ensureShop(connection, config.get(ShopifyShop));
  if (!shopId) {
    err << "packbench-hub import-catalogue: " << shopId.error().message << Qt::endl;
    return ExitDatabase;
  }
  shopify::CostThrottle throttle(clock);
  shopify::GraphQlClient client(shopify::GraphQlSettings::fromConfig(config), throttle);
  shopify::catalogue::ImportSettings settings;
  settings.force = force;
  settings.retryFailedAfterSeconds = 0; // asked for now: a failed earlier import does not hold this one
  shopify::catalogue::CatalogueImporter importer(connection, client, *shopId, clock, settings);
  QElapsedTimer timer;
  timer.start();
  auto result = importer.run();
  if (!result) {
    err << "packbench-hub import-catalogue: " << result.error().message << Qt::endl;
    return ExitFailure;
  }
  QTextStream out(stdout);
  switch (result->state) {
  case shopify::catalogue::ImportState::Completed:
    out << "imported " << result->products << " product(s), " << result->variants << " variant(s) in "
        << timer.elapsed() / 1000.0 << " s (" << result->bulkOperationId << ")" << Qt::endl;
    return ExitOk;
  case shopify::catalogue::ImportState::NotNeeded:
    out << "the catalogue was imported already; --force imports it again" << Qt::endl;
    return ExitOk;
  default: // failed at Shopify, or stopped, before any product was written
    err << "packbench-hub import-catalogue: "
        << (result->error.isEmpty() ? QStringLiteral("not finished") : result->error)
        << "; nothing was imported, the catalogue is as it was: run the command again later" << Qt::endl;
    return ExitFailure;
  }
}

} // namespace pb::app
