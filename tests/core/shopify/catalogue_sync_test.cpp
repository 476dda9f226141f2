// SPDX-FileCopyrightText: 2026 Packbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
// Catalogue sync end to end on real PostgreSQL against the Shopify fake: products webhooks through
// the real inbox, the bulk import with faults (THROTTLED, 5xx, failed downloads, a failed operation,
// a restart mid-import), the catalogue poller, and ensureVariants for an order's variants.
#include "core/base/clock.h"
#include "core/db/connection.h"
#include "core/db/sql.h"
#include "core/shopify/cataloguefetch.h"
#include "core/shopify/catalogueimport.h"
#include "core/shopify/cataloguepoller.h"
#include "core/shopify/costthrottle.h"
#include "core/shopify/graphqlclient.h"
#include "core/shopify/inboxprocessor.h"
#include "core/shopify/webhookinbox.h"
#include "tests/support/fakeshopify.h"
#include "tests/support/fakeshopifycatalogue.h"
#include "tests/support/inboxstore.h"
#include "tests/support/shopifypayloads.h"
#include "tests/support/testdatabase.h"
#include "tests/support/verify.h"

#include <QJsonDocument>
#include <QTest>
#include <QUuid>

#include <memory>

using namespace pb;
using shopify::catalogue::ImportState;

namespace {
const QString kShop = QStringLiteral("catalogue.myshopify.com");
const QDateTime kT1(QDate(2026, 11, 20), QTime(8, 0), Qt::UTC);
} // namespace

class CatalogueSyncTest final : public QObject {
  Q_OBJECT

private:
  QSqlDatabase m_db;
  qint64 m_shopId = 0;
  const SystemClock m_clock{}; // {}: clang refuses a const member with no initialiser
  std::unique_ptr<test::FakeShopify> m_fake;
  std::unique_ptr<shopify::CostThrottle> m_throttle;
  std::unique_ptr<shopify::GraphQlClient> m_client;

  qint64 count(const QString &sql, const QVariantList &values = {}) { return test::scalar(m_db, sql, values); }

  void freshWorld()
  {
    auto scratch = test::createMigratedDatabase(QStringLiteral("catsync"));
    VERIFY_OK(scratch);
    m_db = scratch->db;
    auto shop =
        db::exec(m_db, QStringLiteral("INSERT INTO shops (domain, name) VALUES (?, ?) RETURNING id"), {kShop, kShop});
    VERIFY_OK(shop);
    QVERIFY(shop.value().next());
    m_shopId = shop->value(0).toLongLong();
    m_client.reset();
    m_fake = std::make_unique<test::FakeShopify>();
    QVERIFY(m_fake->listen() > 0);
    m_fake->setBucket(2000, 100); // Standard: 100 points/s
    m_throttle = std::make_unique<shopify::CostThrottle>(m_clock);
    shopify::GraphQlSettings s;
    s.endpoint = m_fake->graphqlEndpoint();
    s.accessToken = m_fake->accessToken();
    s.backoffBaseMs = 20;
    s.maxRetries = 8;
    m_client = std::make_unique<shopify::GraphQlClient>(s, *m_throttle);
  }

  shopify::catalogue::ImportSettings fastImport()
  {
    shopify::catalogue::ImportSettings settings;
    settings.pollIntervalMs = 10;
    settings.batchVariants = 100;
    settings.downloadStallMs = 5000;
    settings.retryFailedAfterSeconds = 0;
    return settings;
  }

  qint64 storeWebhook(const QString &topic, const QByteArray &body, const QDateTime &triggeredAt = {})
  {
    shopify::WebhookDelivery delivery;
    delivery.shopDomain = kShop;
    delivery.topic = topic;
    delivery.webhookId = QUuid::createUuid().toString(QUuid::WithoutBraces);
    delivery.triggeredAt = triggeredAt;
    delivery.body = body;
    auto stored = test::storeWebhook(m_db, delivery);
    if (!stored)
      return -1;
    return *stored == shopify::StoreOutcome::Stored ? 1 : 0; // 0: a repeat of a stored signed body
  }

private Q_SLOTS:
  void productsWebhooks_throughTheInbox_createUpdateDelete()
  {
    freshWorld();
    test::FakeCatalogue &catalogue = m_fake->catalogue();
    catalogue.generate(700, 1, 3, kT1);
    const QByteArray created = test::compact(catalogue.restPayload(QStringLiteral("700")));
    catalogue.product(QStringLiteral("700"))->title = QStringLiteral("Renamed");
    catalogue.product(QStringLiteral("700"))->updatedAt = kT1.addSecs(60);
    catalogue.product(QStringLiteral("700"))->variants.removeLast();
    const QByteArray updated = test::compact(catalogue.restPayload(QStringLiteral("700")));
    // Out of order and twice: the update first, then the older create, then the same update again (a repeat
    // of a stored signed body is a duplicate, not a second row).
    QCOMPARE(storeWebhook(QStringLiteral("products/update"), updated), 1);
    QCOMPARE(storeWebhook(QStringLiteral("products/create"), created), 1);
    QCOMPARE(storeWebhook(QStringLiteral("products/update"), updated), 0);
    shopify::InboxProcessor processor(m_db);
    auto settled = processor.processPending();
    VERIFY_OK(settled);
    QCOMPARE(*settled, 2);
    QCOMPARE(count(QStringLiteral("SELECT count(*) FROM webhook_inbox WHERE status = 'processed'")), 2);
    QCOMPARE(count(QStringLiteral("SELECT count(*) FROM products WHERE title = 'Renamed'")), 1);
    // The older create, processed after the newer update, must not bring back the variant the update removed.
    QCOMPARE(count(QStringLiteral("SELECT count(*) FROM variants WHERE deleted_at IS NULL")), 2);
    QCOMPARE(count(QStringLiteral("SELECT count(*) FROM barcodes b JOIN variants v ON v.id = b.variant_id WHERE "
                                  "v.shopify_id = '700001'")),
             1);

    QCOMPARE(storeWebhook(QStringLiteral("products/delete"), QByteArrayLiteral("{\"id\": 700}"), kT1.addSecs(120)), 1);
    QCOMPARE(storeWebhook(QStringLiteral("products/delete"), QByteArrayLiteral("{\"title\": \"no id\"}")), 1);
    VERIFY_OK(processor.processPending());
    QCOMPARE(count(QStringLiteral("SELECT count(*) FROM products WHERE deleted_at IS NOT NULL")), 1);
    QCOMPARE(count(QStringLiteral("SELECT count(*) FROM variants")), 2); // history stays (the third never existed here)
    QCOMPARE(count(QStringLiteral("SELECT count(*) FROM barcodes")), 0); // nothing matches any more
    QCOMPARE(count(QStringLiteral("SELECT count(*) FROM webhook_inbox WHERE status = 'dead' AND error LIKE "
                                  "'%without a usable id%'")),
             1);
  }

  void bulkImport_withFaults_writesTheWholeCatalogueOnce()
  {
    freshWorld();
    m_fake->catalogue().generate(1, 120, 5, kT1); // 600 variants
    test::FakeShopify::Faults faults;
    faults.throttle = 0.3;
    faults.serverError = 0.2;
    m_fake->setFaults(faults, 7);
    m_fake->catalogue().setBulkFaults({3, {}, 2});
    shopify::catalogue::CatalogueImporter importer(m_db, *m_client, m_shopId, m_clock, fastImport());
    QCOMPARE(count(QStringLiteral("SELECT count(*) FROM catalogue_imports WHERE status = 'completed'")), 0);
    ImportState state = ImportState::Failed;
    for (int attempt = 0; attempt < 20 && state != ImportState::Completed; ++attempt) { // a 5xx may hit the start
      auto run = importer.run();
      VERIFY_OK(run);
      state = run->state;
    }
    QCOMPARE(state, ImportState::Completed);
    QVERIFY(m_fake->stats().throttled > 0 || m_fake->stats().serverErrors > 0);
    QCOMPARE(m_fake->catalogue().bulkStats().failedDownloads, 2);
    QCOMPARE(count(QStringLiteral("SELECT count(*) FROM variants")), 600);
    QCOMPARE(count(QStringLiteral("SELECT count(*) FROM products")), 120);
    QCOMPARE(count(QStringLiteral("SELECT count(*) FROM variants WHERE weight_grams IS NULL OR image_url IS NULL")), 0);
    QCOMPARE(count(QStringLiteral("SELECT count(DISTINCT variant_id) FROM barcodes")), 480); // 1 in 5 has none
    QCOMPARE(count(QStringLiteral("SELECT count(*) FROM sync_watermarks WHERE name = 'products'")), 1);
    QCOMPARE(count(QStringLiteral("SELECT count(*) FROM catalogue_imports WHERE status = 'completed' AND "
                                  "variants_written = 600")),
             1);
    auto again = importer.step();
    VERIFY_OK(again);
    QCOMPARE(again->state, ImportState::NotNeeded);
  }

  void bulkImport_resumesAfterARestart_andRetriesAFailedOperation()
  {
    freshWorld();
    m_fake->catalogue().generate(1, 10, 2, kT1);
    m_fake->catalogue().setBulkFaults({2, QStringLiteral("INTERNAL_SERVER_ERROR"), 0});
    {
      shopify::catalogue::CatalogueImporter first(m_db, *m_client, m_shopId, m_clock, fastImport());
      auto started = first.step();
      VERIFY_OK(started);
      QCOMPARE(started->state, ImportState::Running);
    } // the hub stops while Shopify runs the export
    shopify::catalogue::CatalogueImporter second(m_db, *m_client, m_shopId, m_clock, fastImport());
    auto failed = second.run();
    VERIFY_OK(failed);
    QCOMPARE(failed->state, ImportState::Failed);
    QVERIFY(failed->error.contains(QStringLiteral("INTERNAL_SERVER_ERROR")));
    QCOMPARE(m_fake->catalogue().bulkStats().started, 1); // resumed, not started twice
    QCOMPARE(count(QStringLiteral("SELECT count(*) FROM variants")), 0);

    m_fake->catalogue().setBulkFaults({1, {}, 0});
    auto retried = second.run();
    VERIFY_OK(retried);
    QCOMPARE(retried->state, ImportState::Completed);
    QCOMPARE(m_fake->catalogue().bulkStats().started, 2);
    QCOMPARE(count(QStringLiteral("SELECT count(*) FROM variants")), 20);
  }

  void poller_bringsChangesSinceTheImport_withEveryVariantOfBigProducts()
  {
    freshWorld();
    test::FakeCatalogue &catalogue = m_fake->catalogue();
    catalogue.generate(1, 3, 2, kT1);
    shopify::catalogue::CatalogueImporter importer(m_db, *m_client, m_shopId, m_clock, fastImport());
    QCOMPARE(importer.run()->state, ImportState::Completed);
    shopify::CataloguePoller poller(m_db, *m_client, m_shopId);
    // Changed after the snapshot, with no webhook: a rename, a removed variant, a product of 45 variants.
    const QDateTime later = QDateTime::fromSecsSinceEpoch(QDateTime::currentSecsSinceEpoch() + 5, Qt::UTC);
    catalogue.product(QStringLiteral("1"))->title = QStringLiteral("Renamed");
    catalogue.product(QStringLiteral("1"))->updatedAt = later;
    catalogue.product(QStringLiteral("2"))->variants.removeLast();
    catalogue.product(QStringLiteral("2"))->updatedAt = later;
    catalogue.generate(50, 1, 45, later);
    auto polled = poller.pollOnce();
    VERIFY_OK(polled);
    QVERIFY(*polled >= 3);
    QCOMPARE(count(QStringLiteral("SELECT count(*) FROM products WHERE title = 'Renamed'")), 1);
    QCOMPARE(count(QStringLiteral("SELECT count(*) FROM variants WHERE shopify_id = '2002' AND deleted_at IS NOT "
                                  "NULL")),
             1);
    QCOMPARE(count(QStringLiteral("SELECT count(*) FROM variants v JOIN products p ON p.id = v.product_id WHERE "
                                  "p.shopify_id = '50' AND v.deleted_at IS NULL")),
             45);
    QCOMPARE(
        count(QStringLiteral("SELECT count(*) FROM sync_watermarks WHERE name = 'products' AND value >= ?"), {later}),
        1);
  }

  void ensureVariants_fetchesOnlyWhatIsMissing()
  {
    freshWorld();
    test::FakeCatalogue &catalogue = m_fake->catalogue();
    catalogue.generate(1, 80, 2, kT1);
    // Known already: one variant, written as a webhook would.
    VERIFY_OK(shopify::catalogue::ensureVariants(*m_client, m_db, m_shopId, {QStringLiteral("1001")}));
    QCOMPARE(count(QStringLiteral("SELECT count(*) FROM variants")), 1);
    const int callsBefore = m_fake->stats().calls.value(QStringLiteral("ProductVariantsPage"));
    QStringList wanted{QStringLiteral("1001"), QStringLiteral("gid://shopify/ProductVariant/2002"),
                       QStringLiteral("999999")};   // known, missing (as a gid), unknown to Shopify
    for (int product = 3; product <= 62; ++product) // 60 more: two calls of 50
      wanted << QString::number(product * 1000 + 1);
    VERIFY_OK(shopify::catalogue::ensureVariants(*m_client, m_db, m_shopId, wanted));
    QCOMPARE(m_fake->stats().calls.value(QStringLiteral("ProductVariantsPage")) - callsBefore, 2);
    QCOMPARE(count(QStringLiteral("SELECT count(*) FROM variants")), 62);
    QCOMPARE(count(QStringLiteral("SELECT count(*) FROM variants WHERE shopify_id = '2002' AND weight_grams = 102")),
             1);
    auto bad = shopify::catalogue::ensureVariants(*m_client, m_db, m_shopId, {QStringLiteral("abc")});
    QVERIFY(!bad.ok());
    QCOMPARE(bad.error().kind, ErrorKind::InvalidInput);
  }
};

QTEST_GUILESS_MAIN(CatalogueSyncTest)
#include "catalogue_sync_test.moc"
