// SPDX-FileCopyrightText: 2026 Packbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
// Orders as Shopify routes them: an orders/create webhook waits in a provisional row until the hub has read
// the order's fulfillment orders, then each warehouse gets exactly its lines. Real PostgreSQL, the fake.
#include "core/base/clock.h"
#include "core/db/sql.h"
#include "core/shopify/costthrottle.h"
#include "core/shopify/fulfillmentordermirror.h"
#include "core/shopify/graphqlclient.h"
#include "core/shopify/inboxprocessor.h"
#include "core/shopify/locationsync.h"
#include "core/shopify/outboxworker.h"
#include "core/shopify/webhookinbox.h"
#include "tests/support/fakeshopify.h"
#include "tests/support/inboxstore.h"
#include "tests/support/shopifypayloads.h"
#include "tests/support/testdatabase.h"
#include "tests/support/verify.h"

#include <QTest>
#include <QUuid>

using namespace pb;

namespace {
const QString kShop = QStringLiteral("mirror.myshopify.com");
const QString kReno = QStringLiteral("70001");
const QString kColumbus = QStringLiteral("70002");
} // namespace

class FulfillmentOrderMirrorTest final : public QObject {
  Q_OBJECT

private:
  QSqlDatabase m_db;
  std::unique_ptr<test::FakeShopify> m_fake;
  std::unique_ptr<SystemClock> m_clock;
  std::unique_ptr<shopify::CostThrottle> m_throttle;
  std::unique_ptr<shopify::GraphQlClient> m_client;
  std::unique_ptr<shopify::OutboxWorker> m_worker;
  std::unique_ptr<shopify::InboxProcessor> m_inbox;
  QDateTime m_t0 = QDateTime(QDate(2026, 11, 30), QTime(9, 0), Qt::UTC);

  qint64 scalar(const QString &sql, const QVariantList &values = {}) { return test::scalar(m_db, sql, values); }
  qint64 shopId() { return scalar(QStringLiteral("SELECT id FROM shops WHERE domain = ?"), {kShop}); }
  QString text(const QString &sql, const QVariantList &values = {}) { return test::text(m_db, sql, values); }

  bool deliver(const QString &topic, const QJsonObject &body)
  {
    shopify::WebhookDelivery delivery;
    delivery.shopDomain = kShop;
    delivery.topic = topic;
    delivery.webhookId = QUuid::createUuid().toString(QUuid::WithoutBraces);
    delivery.body = test::compact(body);
    auto stored = test::storeWebhook(m_db, delivery);
    if (!stored)
      return false;
    auto processed = m_inbox->processPending();
    return processed.ok();
  }

  // Runs the outbox until nothing due is left (the order.sync rows and anything they lead to).
  void drainOutbox()
  {
    for (int pass = 0; pass < 10; ++pass) {
      auto claimed = m_worker->runOnce();
      QVERIFY2(claimed.ok(), qPrintable(claimed.ok() ? QString() : claimed.error().message));
      if (claimed->claimed == 0)
        return;
    }
  }

  test::FakeShopify::Order splitOrder(const QString &id, const QDateTime &at)
  {
    test::FakeShopify::Order order{id, QStringLiteral("#%1").arg(id), at, {}};
    order.lines = {{id + QStringLiteral("1"), QStringLiteral("4001"), QStringLiteral("Trail Tent"),
                    QStringLiteral("Green"), QStringLiteral("TNT-2P-GRN"), 1, kReno},
                   {id + QStringLiteral("2"),
                    QStringLiteral("4002"),
                    QStringLiteral("Camp Mug"),
                    {},
                    QStringLiteral("MUG-01"),
                    3,
                    kColumbus},
                   {id + QStringLiteral("3"), {}, QStringLiteral("Gift wrap"), {}, {}, 1, kReno}};
    return order;
  }

private Q_SLOTS:
  void initTestCase()
  {
    auto scratch = test::createMigratedDatabase(QStringLiteral("mirror"));
    VERIFY_OK(scratch);
    m_db = scratch->db;
    m_fake = std::make_unique<test::FakeShopify>();
    QVERIFY(m_fake->listen() > 0);
    m_fake->addLocation(kReno, QStringLiteral("Reno Warehouse"));
    m_fake->addLocation(kColumbus, QStringLiteral("Columbus DC"));
    m_clock = std::make_unique<SystemClock>();
    m_throttle = std::make_unique<shopify::CostThrottle>(*m_clock);
    shopify::GraphQlSettings settings;
    settings.endpoint = m_fake->graphqlEndpoint();
    settings.accessToken = m_fake->accessToken();
    settings.backoffBaseMs = 10;
    m_client = std::make_unique<shopify::GraphQlClient>(settings, *m_throttle);
    shopify::OutboxSettings outbox;
    outbox.workerId = QStringLiteral("mirror-test");
    outbox.backoffBaseMs = 1;
    outbox.backoffMaxMs = 1;
    auto codes = shopify::LocationCodes::parse(QStringLiteral("RNO=%1, CMH=Columbus DC").arg(kReno));
    VERIFY_OK(codes);
    outbox.locationCodes = *codes;
    m_worker = std::make_unique<shopify::OutboxWorker>(m_db, *m_client, kShop, outbox);
    m_inbox = std::make_unique<shopify::InboxProcessor>(m_db);
    m_inbox->setMirrorFulfillmentOrders(true);
  }

  void locationCodes_parseIdsAndNames_data()
  {
    QTest::addColumn<QString>("setting");
    QTest::addColumn<bool>("valid");
    QTest::newRow("empty") << QString() << true;
    QTest::newRow("id and name") << QStringLiteral("RNO=74213, CMH = Columbus DC") << true;
    QTest::newRow("gid") << QStringLiteral("RNO=gid://shopify/Location/74213") << true;
    QTest::newRow("no target") << QStringLiteral("RNO=") << false;
    QTest::newRow("no equals") << QStringLiteral("RNO") << false;
    QTest::newRow("bad code") << QStringLiteral("R N O=1") << false;
  }
  void locationCodes_parseIdsAndNames()
  {
    QFETCH(QString, setting);
    QFETCH(bool, valid);
    auto codes = shopify::LocationCodes::parse(setting);
    QCOMPARE(codes.ok(), valid);
    if (valid && !setting.isEmpty())
      QCOMPARE(codes->codeFor(QStringLiteral("74213"), QStringLiteral("Reno")), QStringLiteral("RNO"));
  }

  void newOrder_waitsSyncingUntilShopifyRoutesIt()
  {
    m_fake->addRoutedOrder(splitOrder(QStringLiteral("5001"), m_t0));
    QVERIFY(deliver(QStringLiteral("orders/create"), m_fake->orderWebhookPayload(QStringLiteral("5001"))));
    // Nothing a station could claim yet: one provisional row without a location.
    QCOMPARE(scalar(QStringLiteral("SELECT count(*) FROM fulfillment_orders WHERE pack_state = 'syncing' AND "
                                   "location_id IS NULL")),
             1);
    QCOMPARE(scalar(QStringLiteral("SELECT count(*) FROM fulfillment_orders WHERE pack_state = 'queued'")), 0);
    QCOMPARE(scalar(QStringLiteral("SELECT count(*) FROM outbox WHERE kind = 'order.sync' AND status = 'pending'")), 1);
    QCOMPARE(scalar(QStringLiteral("SELECT count(*) FROM locations WHERE code = 'default'")), 0);
  }

  void sync_splitsTheOrderPerWarehouse_withLinesAndLocations()
  {
    drainOutbox();
    QCOMPARE(text(QStringLiteral("SELECT status FROM outbox WHERE kind = 'order.sync'")), QStringLiteral("done"));
    // The locations came from Shopify with the codes stations know them by.
    QCOMPARE(text(QStringLiteral("SELECT code FROM locations WHERE shopify_id = ?"), {kReno}), QStringLiteral("RNO"));
    QCOMPARE(text(QStringLiteral("SELECT code FROM locations WHERE shopify_id = ?"), {kColumbus}),
             QStringLiteral("CMH"));
    QCOMPARE(scalar(QStringLiteral("SELECT count(*) FROM fulfillment_orders")), 2);
    QCOMPARE(scalar(QStringLiteral("SELECT count(*) FROM fulfillment_orders WHERE pack_state = 'queued'")), 2);
    const QString reno =
        QStringLiteral("SELECT string_agg(l.sku || 'x' || l.remaining_quantity, ',' ORDER BY "
                       "l.line_item_shopify_id) FROM fulfillment_order_lines l JOIN fulfillment_orders "
                       "f ON f.id = l.fulfillment_order_id JOIN locations c ON c.id = f.location_id "
                       "WHERE c.code = ?");
    QCOMPARE(text(reno, {QStringLiteral("RNO")}), QStringLiteral("TNT-2P-GRNx1"));
    QCOMPARE(
        scalar(QStringLiteral("SELECT count(*) FROM fulfillment_order_lines l JOIN fulfillment_orders f ON f.id = "
                              "l.fulfillment_order_id JOIN locations c ON c.id = f.location_id WHERE c.code = "
                              "'RNO' AND l.title = 'Gift wrap' AND l.variant_id IS NULL AND l.remaining_quantity = 1")),
        1);
    QCOMPARE(text(reno, {QStringLiteral("CMH")}), QStringLiteral("MUG-01x3"));
    // Each line knows its Shopify ids: the outbox posts without another lookup.
    QCOMPARE(scalar(QStringLiteral("SELECT count(*) FROM fulfillment_order_lines WHERE shopify_id IS NULL")), 0);
    QCOMPARE(scalar(QStringLiteral("SELECT count(*) FROM fulfillment_orders WHERE shopify_id IS NULL")), 0);
    // The webhook's price survives the move into Shopify's rows.
    QCOMPARE(scalar(QStringLiteral("SELECT min(price_minor) FROM fulfillment_order_lines")), 999);
  }

  void sync_isIdempotent_andFollowsHoldsMovesAndCancellations()
  {
    const qint64 before = scalar(QStringLiteral("SELECT sum(version) FROM fulfillment_orders"));
    auto fetched = shopify::fulfillmentordermirror::fetch(*m_client, QStringLiteral("5001"));
    VERIFY_OK(fetched);
    QList<shopify::MirroredFulfillmentOrder> remote = *fetched;
    auto again = shopify::fulfillmentordermirror::apply(m_db, shopId(), QStringLiteral("5001"), remote);
    VERIFY_OK(again);
    QCOMPARE(again->created + again->changed + again->closed, 0);
    QCOMPARE(scalar(QStringLiteral("SELECT sum(version) FROM fulfillment_orders")), before);

    // Shopify puts the Columbus part on hold, then the Reno part is cancelled.
    const QString columbus = QStringLiteral("gid://shopify/FulfillmentOrder/50012");
    QVERIFY(remote.size() == 2 && remote.at(1).id == columbus);
    remote[1].status = QStringLiteral("ON_HOLD");
    remote[0].status = QStringLiteral("CANCELLED");
    auto held = shopify::fulfillmentordermirror::apply(m_db, shopId(), QStringLiteral("5001"), remote);
    VERIFY_OK(held);
    QCOMPARE(held->changed, 2);
    QCOMPARE(text(QStringLiteral("SELECT pack_state FROM fulfillment_orders WHERE shopify_id = ?"), {columbus}),
             QStringLiteral("held"));
    QVERIFY(text(QStringLiteral("SELECT hold_reason FROM fulfillment_orders WHERE shopify_id = ?"), {columbus})
                .startsWith(QStringLiteral("Shopify: ")));
    QCOMPARE(scalar(QStringLiteral("SELECT count(*) FROM fulfillment_orders WHERE pack_state = 'cancelled'")), 1);

    // Released in Shopify and moved to Reno: queued again, now at RNO.
    remote[1].status = QStringLiteral("OPEN");
    remote[1].locationId = kReno;
    VERIFY_OK(shopify::fulfillmentordermirror::apply(m_db, shopId(), QStringLiteral("5001"), remote));
    QCOMPARE(text(QStringLiteral("SELECT pack_state || '@' || c.code FROM fulfillment_orders f JOIN locations c ON "
                                 "c.id = f.location_id WHERE f.shopify_id = ?"),
                  {columbus}),
             QStringLiteral("queued@RNO"));
    QVERIFY(text(QStringLiteral("SELECT coalesce(hold_reason, '') FROM fulfillment_orders WHERE shopify_id = ?"),
                 {columbus})
                .isEmpty());
  }

  // A wholesale order of 60 lines at one warehouse: Shopify gives a fulfillment order's lines 50 at a time, and the
  // mirror reads the rest page by page. A fulfillment order cut at 50 would send the bench 10 lines short.
  void orderOfSixtyLines_isMirroredWithEveryLine()
  {
    test::FakeShopify::Order order{QStringLiteral("5100"), QStringLiteral("#5100"), m_t0, {}};
    for (int i = 1; i <= 60; ++i)
      order.lines.append({QStringLiteral("5100%1").arg(i, 2, 10, QLatin1Char('0')),
                          {},
                          QStringLiteral("Wholesale item %1").arg(i),
                          {},
                          QStringLiteral("WS-%1").arg(i, 2, 10, QLatin1Char('0')),
                          i,
                          kReno});
    m_fake->addRoutedOrder(order);
    const int pagesBefore = m_fake->stats().calls.value(QStringLiteral("FulfillmentOrderLineItemsForMirror"));
    QVERIFY(deliver(QStringLiteral("orders/create"), m_fake->orderWebhookPayload(QStringLiteral("5100"))));
    drainOutbox();
    // Lines 51 to 60 came as a page of their own.
    QCOMPARE(m_fake->stats().calls.value(QStringLiteral("FulfillmentOrderLineItemsForMirror")), pagesBefore + 1);
    const QString fo = QStringLiteral("SELECT f.id FROM fulfillment_orders f JOIN orders o ON o.id = f.order_id WHERE "
                                      "o.shopify_id = '5100' AND f.pack_state = 'queued'");
    QCOMPARE(scalar(QStringLiteral("SELECT count(*) FROM (%1) q").arg(fo)), 1);
    QCOMPARE(
        scalar(
            QStringLiteral("SELECT count(*) FROM fulfillment_order_lines WHERE fulfillment_order_id = (%1)").arg(fo)),
        60);
    QCOMPARE(scalar(QStringLiteral("SELECT sum(remaining_quantity) FROM fulfillment_order_lines WHERE "
                                   "fulfillment_order_id = (%1)")
                        .arg(fo)),
             60 * 61 / 2);
    QCOMPARE(
        text(QStringLiteral("SELECT max(sku) FROM fulfillment_order_lines WHERE fulfillment_order_id = (%1)").arg(fo)),
        QStringLiteral("WS-60"));
  }

  void claimedWork_keepsItsClaim_andLearnsOfChangesByVersion()
  {
    const QString columbus = QStringLiteral("gid://shopify/FulfillmentOrder/50012");
    QVERIFY(db::exec(m_db, QStringLiteral("UPDATE fulfillment_orders SET pack_state = 'claimed' WHERE shopify_id = ?"),
                     {columbus})
                .ok());
    const qint64 version =
        scalar(QStringLiteral("SELECT version FROM fulfillment_orders WHERE shopify_id = ?"), {columbus});
    auto fetched = shopify::fulfillmentordermirror::fetch(*m_client, QStringLiteral("5001"));
    VERIFY_OK(fetched);
    QList<shopify::MirroredFulfillmentOrder> remote = *fetched;
    remote[1].lines[0].remainingQuantity = 2; // an edit took one mug off
    VERIFY_OK(shopify::fulfillmentordermirror::apply(m_db, shopId(), QStringLiteral("5001"), remote));
    QCOMPARE(text(QStringLiteral("SELECT pack_state FROM fulfillment_orders WHERE shopify_id = ?"), {columbus}),
             QStringLiteral("claimed"));
    QCOMPARE(scalar(QStringLiteral("SELECT version FROM fulfillment_orders WHERE shopify_id = ?"), {columbus}),
             version + 1);
  }

  void unroutedOrder_staysSyncing_andIsRetried()
  {
    // An order Shopify has no fulfillment orders for yet (routing not finished).
    QJsonObject payload = test::restOrder(5002, m_t0, 1);
    QVERIFY(deliver(QStringLiteral("orders/create"), payload));
    m_fake->addRoutedOrder({QStringLiteral("5002"), QStringLiteral("#5002"), m_t0, {}}); // not routed yet
    drainOutbox();
    QCOMPARE(text(QStringLiteral("SELECT f.pack_state FROM fulfillment_orders f JOIN orders o ON o.id = f.order_id "
                                 "WHERE o.shopify_id = '5002'")),
             QStringLiteral("syncing"));
    QCOMPARE(text(QStringLiteral("SELECT status FROM outbox WHERE kind = 'order.sync' AND aggregate_id = '5002'")),
             QStringLiteral("failed"));
  }

  void locationShopifyDoesNotList_keepsTheOrderSyncing_andRetries()
  {
    // A fulfillment order at a location the shop's location list does not show (deactivated since).
    test::FakeShopify::Order order{QStringLiteral("5003"), QStringLiteral("#5003"), m_t0, {}};
    order.lines = {{QStringLiteral("50031"), {}, QStringLiteral("Gift wrap"), {}, {}, 1, QStringLiteral("79999")}};
    m_fake->addRoutedOrder(order);
    QVERIFY(deliver(QStringLiteral("orders/create"), m_fake->orderWebhookPayload(QStringLiteral("5003"))));
    drainOutbox();
    QCOMPARE(text(QStringLiteral("SELECT f.pack_state FROM fulfillment_orders f JOIN orders o ON o.id = f.order_id "
                                 "WHERE o.shopify_id = '5003'")),
             QStringLiteral("syncing"));
    QCOMPARE(text(QStringLiteral("SELECT status FROM outbox WHERE kind = 'order.sync' AND aggregate_id = '5003'")),
             QStringLiteral("failed"));
    QVERIFY(text(QStringLiteral("SELECT last_error FROM outbox WHERE kind = 'order.sync' AND aggregate_id = '5003'"))
                .contains(QStringLiteral("location 79999 is not synced")));
  }

  void updatesAndEdits_queueAnotherRead_notALocalGuess()
  {
    QJsonObject payload = m_fake->orderWebhookPayload(QStringLiteral("5001"));
    payload.insert(QStringLiteral("updated_at"), m_t0.addSecs(60).toString(Qt::ISODate));
    QVERIFY(deliver(QStringLiteral("orders/updated"), payload));
    QCOMPARE(scalar(QStringLiteral("SELECT count(*) FROM outbox WHERE kind = 'order.sync' AND aggregate_id = '5001'")),
             2);
    // A redelivery of the same version queues nothing more.
    QVERIFY(deliver(QStringLiteral("orders/updated"), payload));
    QCOMPARE(scalar(QStringLiteral("SELECT count(*) FROM outbox WHERE kind = 'order.sync' AND aggregate_id = '5001'")),
             2);
  }

  void fulfillmentOrderWebhooks_queueAReadOfTheirOrder()
  {
    // fulfillment_orders/moved names fulfillment orders (not the order): the hub finds the order by them.
    const QJsonObject moved{
        {QStringLiteral("original_fulfillment_order"),
         QJsonObject{{QStringLiteral("id"), QStringLiteral("gid://shopify/FulfillmentOrder/50012")},
                     {QStringLiteral("status"), QStringLiteral("closed")}}},
        {QStringLiteral("moved_fulfillment_order"),
         QJsonObject{{QStringLiteral("id"), QStringLiteral("gid://shopify/FulfillmentOrder/50019")},
                     {QStringLiteral("status"), QStringLiteral("open")}}},
        {QStringLiteral("destination_location_id"), QStringLiteral("gid://shopify/Location/%1").arg(kReno)}};
    const qint64 before =
        scalar(QStringLiteral("SELECT count(*) FROM outbox WHERE kind = 'order.sync' AND aggregate_id = '5001'"));
    QVERIFY(deliver(QStringLiteral("fulfillment_orders/moved"), moved));
    QCOMPARE(scalar(QStringLiteral("SELECT count(*) FROM outbox WHERE kind = 'order.sync' AND aggregate_id = '5001'")),
             before + 1);
    // One naming nothing we know is settled, not dead: the order's own webhook brings it later.
    QVERIFY(deliver(
        QStringLiteral("fulfillment_orders/placed_on_hold"),
        QJsonObject{{QStringLiteral("fulfillment_order"),
                     QJsonObject{{QStringLiteral("id"), QStringLiteral("gid://shopify/FulfillmentOrder/1")}}}}));
    QCOMPARE(scalar(QStringLiteral("SELECT count(*) FROM webhook_inbox WHERE status = 'dead'")), 0);
    QCOMPARE(scalar(QStringLiteral("SELECT count(*) FROM webhook_inbox WHERE status = 'pending'")), 0);
  }

  void everyDocumentSent_wasValidAgainstTheSchema() { QCOMPARE(m_fake->stats().invalidDocuments, 0); }
};

QTEST_GUILESS_MAIN(FulfillmentOrderMirrorTest)
#include "fulfillment_order_mirror_test.moc"
