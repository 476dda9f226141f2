// SPDX-FileCopyrightText: 2026 Packbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
// packbench-hub: webhooks in, Shopify and carriers out; `packbench-hub migrate` upgrades the schema.
#include "app/common/startup.h"
#include "app/common/stopsignals.h"
#include "app/hub/dataexport.h"
#include "app/hub/hubcommands.h"
#include "app/hub/hubshutdown.h"
#include "app/hub/importcatalogue.h"
#include "core/base/version.h"
#include "core/carriers/keypacers.h"
#include "core/db/migrations.h"
#include "core/hub/carrierlabelthread.h"
#include "core/hub/hubserver.h"
#include "core/hub/inboxthread.h"
#include "core/hub/leasereaperthread.h"
#include "core/hub/sharedlistener.h"
#include "core/hub/shopifysyncthread.h"
#include "core/hub/trackingthread.h"
#include "core/shopify/costthrottle.h"
#include "core/shopify/shopclients.h"
#include "core/shopify/shopdirectory.h"

#include <QCoreApplication>
#include <QHostInfo>
#include <QLoggingCategory>
#include <QTextStream>

#include <memory>
#include <vector>

namespace {
Q_LOGGING_CATEGORY(lcHub, "packbench.app.hub")

// checkOnly: the unit's ExecStartPre, as the hub's own login: verify, change nothing.
int runMigrate(const pb::config::Config &config, bool checkOnly)
{
  QTextStream err(stderr);
  auto opened = pb::db::openDatabase(pb::db::ConnectionSettings::fromConfig(config), QStringLiteral("migrate"));
  if (!opened) {
    err << "packbench-hub migrate: " << opened.error().message << Qt::endl;
    return pb::app::ExitDatabase;
  }
  QSqlDatabase db = *opened;
  const pb::db::MigrationRunner runner(pb::db::MigrationRunner::defaultDirectory(db));
  if (checkOnly) {
    if (pb::Status current = runner.verify(db); !current) {
      err << "packbench-hub migrate --check: " << current.error().message
          << "\nMigrations are applied once per upgrade by an administrator as the database owner, not by the "
             "service (docs/install.md): sudo -u postgres packbench-hub --no-default-files --set "
             "database.driver=postgres --set database.host=/run/postgresql --set database.user=postgres migrate"
          << Qt::endl;
      return pb::app::ExitDatabase;
    }
    auto version = runner.currentVersion(db);
    QTextStream(stdout) << "schema version " << (version ? *version : -1) << " is current" << Qt::endl;
    return pb::app::ExitOk;
  }
  auto applied = runner.migrate(db);
  if (!applied) {
    err << "packbench-hub migrate: " << applied.error().message << Qt::endl;
    return pb::app::ExitDatabase;
  }
  auto version = runner.currentVersion(db);
  QTextStream(stdout) << "applied " << *applied << " migration(s); schema version " << (version ? *version : -1)
                      << Qt::endl;
  return pb::app::ExitOk;
}

int runServe(const pb::config::Config &config, QCoreApplication &app)
{
  using namespace pb::config::keys;
  // Before anything is opened: a listen address that is not one would otherwise bind every IPv6 interface.
  auto listenAddress = pb::hub::listenAddress(config.get(HubListenAddress));
  if (!listenAddress) {
    QTextStream(stderr) << "packbench-hub: " << listenAddress.error().message << Qt::endl;
    return pb::app::ExitBadConfig;
  }
  const pb::SystemClock clock;
  auto db = pb::app::openConfiguredDatabase(config, clock, QStringLiteral("hub-main"));
  if (!db) {
    qCCritical(lcHub).noquote() << db.error().message;
    QTextStream(stderr) << "packbench-hub: " << db.error().message << Qt::endl;
    return pb::app::ExitDatabase;
  }
  auto shops = pb::shopify::ShopDirectory::fromConfig(config);
  if (!shops) {
    QTextStream(stderr) << "packbench-hub: " << shops.error().message << Qt::endl;
    return pb::app::ExitBadConfig;
  }
  qCInfo(lcHub).noquote() << "serving shops:"
                          << (shops->isEmpty() ? QStringLiteral("none") : shops->domains().join(u", "));
  // Webhooks are served by hub.ingest_threads threads and stored by hub.inbox_writers writers, each with
  // its own connection (the one above only checked the schema).
  pb::hub::WebhookSettings webhooks;
  webhooks.shops = *shops;
  webhooks.maxBodyBytes = config.get(HubMaxBodyBytes);
  webhooks.inboxWriters = config.get(HubInboxWriters);
  webhooks.maxBatch = config.get(HubIngestBatch);
  webhooks.maxAgeSeconds = config.get(ShopifyWebhookMaxAgeSeconds);
  pb::hub::HubServer server(pb::db::ConnectionSettings::fromConfig(config), std::move(webhooks),
                            config.get(HubIngestThreads));
  if (!shops->isEmpty() && config.get(ShopifyWebhookSecret).isEmpty() && !config.get(ShopifyShop).isEmpty())
    qCWarning(lcHub) << "shopify.webhook_secret is empty: webhooks of shopify.shop will be refused with 401";

  auto locationCodes = pb::shopify::LocationCodes::parse(config.get(ShopifyLocationCodes));
  if (!locationCodes) {
    QTextStream(stderr) << "packbench-hub: " << locationCodes.error().message << Qt::endl;
    return pb::app::ExitBadConfig;
  }
  // The outbox runs when any served shop has an Admin API token; each row goes out with its own shop's.
  bool shopifyReachable = false;
  for (const QString &domain : shops->domains())
    shopifyReachable = shopifyReachable || !shops->find(domain)->accessToken.isEmpty();

  // Webhooks are stored by the ingest threads and mapped on the inbox thread, off the request path.
  std::unique_ptr<pb::hub::InboxThread> inbox;
  if (config.get(HubInboxProcessing)) {
    inbox = std::make_unique<pb::hub::InboxThread>(pb::db::ConnectionSettings::fromConfig(config),
                                                   config.get(HubInboxNice), config.get(HubInboxBatchSize));
    inbox->setRetention(
        {std::chrono::days(config.get(HubWebhookRetentionDays)), std::chrono::days(config.get(HubLabelRetentionDays))});
    // Orders wait for Shopify's own fulfillment orders only when this hub can read them.
    inbox->setMirrorFulfillmentOrders(shopifyReachable && config.get(ShopifyMirrorFulfillmentOrders));
    QObject::connect(&server, &pb::hub::HubServer::webhookStored, inbox.get(), [&inbox]() { inbox->wake(); });
    inbox->start();
  }

  // Orders of crashed or abandoned stations come back to the queue whether or not Shopify is configured.
  std::unique_ptr<pb::hub::LeaseReaperThread> reaper;
  if (const int every = config.get(HubReapIntervalSeconds); every > 0) {
    reaper = std::make_unique<pb::hub::LeaseReaperThread>(pb::db::ConnectionSettings::fromConfig(config),
                                                          std::chrono::seconds(every));
    reaper->start();
  } else {
    qCWarning(lcHub) << "hub.reap_interval_seconds is 0: expired station leases are not returned to the queue";
  }

  pb::shopify::ShopThrottles throttles(clock); // Shopify's bucket is per app and shop: shared by all workers
  std::vector<std::unique_ptr<pb::hub::ShopifySyncThread>> sync; // after the throttle: joined before it goes
  if (shopifyReachable) {
    const QString process =
        QStringLiteral("%1/%2").arg(QHostInfo::localHostName()).arg(QCoreApplication::applicationPid());
    for (int i = 0; i < config.get(HubOutboxWorkers); ++i) {
      pb::hub::SyncSettings settings;
      settings.throttles = &throttles;
      settings.shops = &*shops;
      settings.database = pb::db::ConnectionSettings::fromConfig(config);
      settings.graphql = pb::shopify::GraphQlSettings::fromConfig(config);
      settings.apiVersion = config.get(ShopifyApiVersion);
      settings.outbox = pb::shopify::OutboxSettings::fromConfig(config, QStringLiteral("%1/%2").arg(process).arg(i));
      settings.shopDomain = config.get(ShopifyShop);
      settings.reconcileIntervalSeconds = i == 0 ? config.get(HubReconcileIntervalSeconds) : 0;
      settings.mirrorFulfillmentOrders = config.get(ShopifyMirrorFulfillmentOrders);
      settings.syncLocations = i == 0;
      sync.push_back(std::make_unique<pb::hub::ShopifySyncThread>(settings));
      sync.back()->start();
    }
  } else {
    qCWarning(lcHub) << "no served shop has an Admin API token (shopify.access_token, shopify.shops_file): outbox "
                        "and reconcile poller are off";
  }

  // The carrier limits the API key, not the caller: every thread that talks to the carrier (tracking here, labels)
  // takes its pacer from here, so all of them together stay under the key's limit.
  pb::carriers::KeyPacers carrierPacers(clock);
  const pb::carriers::ShipEngineSettings carrier = pb::carriers::ShipEngineSettings::fromConfig(config);

  // Tracking events: every shipped package's carrier is asked with backoff, and Shopify's fulfillment events go out
  // through the outbox. Within the carrier key's limit (the key's shared pacer) and tracking's share of it.
  std::unique_ptr<pb::hub::TrackingThread> tracking;
  if (!carrier.apiKey.isEmpty() && config.get(TrackingRequestsPerMinute) > 0) {
    pb::hub::TrackingThreadSettings settings;
    settings.database = pb::db::ConnectionSettings::fromConfig(config);
    settings.carrier = carrier;
    settings.pacer = carrierPacers.forKey(carrier);
    settings.requestsPerMinute = std::min(config.get(TrackingRequestsPerMinute), carrier.requestsPerMinute);
    settings.tracking = pb::hub::TrackingSettings::fromConfig(
        config,
        QStringLiteral("%1/%2/tracking").arg(QHostInfo::localHostName()).arg(QCoreApplication::applicationPid()));
    tracking = std::make_unique<pb::hub::TrackingThread>(settings);
    tracking->start();
  } else {
    qCInfo(lcHub) << "tracking events off (no carrier.api_key, or tracking.requests_per_minute is 0)";
  }

  // Carrier labels for the stations: bought here, never on a station (the key lives only on the hub). Their pacer is
  // the key's, shared with tracking.
  std::vector<std::unique_ptr<pb::hub::CarrierLabelThread>> labelThreads;
  if (!carrier.apiKey.isEmpty() && config.get(CarrierLabelWorkers) > 0) {
    const QString process =
        QStringLiteral("%1/%2").arg(QHostInfo::localHostName()).arg(QCoreApplication::applicationPid());
    for (int i = 0; i < config.get(CarrierLabelWorkers); ++i) {
      pb::hub::CarrierLabelSettings settings;
      settings.database = pb::db::ConnectionSettings::fromConfig(config);
      settings.carrier = carrier;
      settings.pacer = carrierPacers.forKey(carrier);
      settings.worker.workerId = QStringLiteral("%1/labels-%2").arg(process).arg(i);
      labelThreads.push_back(std::make_unique<pb::hub::CarrierLabelThread>(settings));
      labelThreads.back()->start();
    }
  } else {
    qCInfo(lcHub) << "carrier labels are off (no carrier.api_key, or carrier.label_workers = 0)";
  }

  pb::app::StopSignals stopSignals; // systemd's SIGTERM and Ctrl+C stop the hub in order, not mid-write
  QObject::connect(&stopSignals, &pb::app::StopSignals::stopRequested, &app, &QCoreApplication::quit);
  auto port = server.listen(*listenAddress, static_cast<quint16>(config.get(HubPort)));
  if (!port) {
    QTextStream(stderr) << "packbench-hub: " << port.error().message << Qt::endl;
    return pb::app::ExitFailure;
  }
  app.exec();
  if (reaper)
    reaper->requestStop(); // joined when it goes out of scope
  for (auto &thread : labelThreads)
    thread->requestStop(); // a purchase in flight ends as Stopped; its lease lets another worker look it up
  if (tracking)
    tracking->requestStop(); // likewise; its polls are read-only, an unanswered one is simply asked again
  pb::app::HubParts parts{&server, inbox.get(), {}};
  for (auto &thread : sync)
    parts.sync.push_back(thread.get());
  if (pb::app::stopHub(parts, QDeadlineTimer(std::chrono::seconds(config.get(HubStopGraceSeconds)))) > 0)
    pb::app::quickExit(pb::app::ExitOk); // what is still in flight is left to its lease
  return pb::app::ExitOk;
}

} // namespace

int main(int argc, char *argv[])
{
  // Qt's own event dispatcher, not GLib's: a third fewer system calls per webhook on the ingest threads.
  if (!qEnvironmentVariableIsSet("QT_NO_GLIB"))
    qputenv("QT_NO_GLIB", "1");
  QCoreApplication app(argc, argv);
  QCoreApplication::setApplicationName(QStringLiteral("packbench-hub"));
  QCoreApplication::setOrganizationName(QStringLiteral("Packbench"));
  QCoreApplication::setApplicationVersion(pb::versionString());

  QCommandLineParser parser;
  parser.setApplicationDescription(
      QStringLiteral("Packbench hub: Shopify webhooks, fulfillment outbox, carrier labels.\n\n"
                     "Commands:\n  serve             run the service (default)\n  migrate           apply database "
                     "migrations and exit (--check: only verify)\n  import-catalogue  import the shop's products from "
                     "Shopify (bulk "
                     "operation) and exit\n") +
      pb::app::adminCommandsHelp());
  parser.addHelpOption();
  parser.addVersionOption();
  parser.addPositionalArgument(
      QStringLiteral("command"),
      QStringLiteral("serve | migrate | import-catalogue | packer … | station-login … | hub-login … | data-export …"),
      QStringLiteral("[command]"));
  pb::app::addAdminOptions(parser);
  const pb::config::CommonOptions common;
  common.addTo(parser);
  const QCommandLineOption force(QStringLiteral("force"),
                                 QStringLiteral("import-catalogue: import again although an import completed."));
  parser.addOption(force);
  const QCommandLineOption check(QStringLiteral("check"),
                                 QStringLiteral("migrate: only verify the schema is current; change nothing (exit 3 "
                                                "if not)."));
  parser.addOption(check);

  pb::config::Config config;
  if (auto exitCode = pb::app::loadConfiguration(parser, common, pb::config::Scope::Hub, &config))
    return *exitCode;

  const QStringList positional = parser.positionalArguments();
  const QString command = positional.isEmpty() ? QStringLiteral("serve") : positional.first();
  if (command == u"migrate")
    return runMigrate(config, parser.isSet(check));
  if (command == u"import-catalogue")
    return pb::app::runImportCatalogue(config, parser.isSet(force));
  if (command == u"serve")
    return pb::app::finishRun(runServe(config, app));
  if (command == u"data-export")
    return pb::app::runDataExport(config, positional);
  if (pb::app::isAdminCommand(command))
    return pb::app::runAdminCommand(config, parser);
  QTextStream(stderr) << "packbench-hub: unknown command '" << command << "' (serve | migrate | import-catalogue)"
                      << Qt::endl;
  return pb::app::ExitBadConfig;
}
