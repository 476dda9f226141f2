// SPDX-FileCopyrightText: 2026 Packbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
// The outbox worker and GraphQL client against the Shopify fake and a real PostgreSQL.
#include "core/base/clock.h"
#include "core/db/migrations.h"
#include "core/db/sql.h"
#include "core/shopify/costthrottle.h"
#include "core/shopify/fulfillmentapi.h"
#include "core/shopify/graphqlclient.h"
#include "core/shopify/outboxworker.h"
#include "tests/support/fakeshopbench.h"
#include "tests/support/fakeshopify.h"
#include "tests/support/outboxrig.h"
#include "tests/support/testdatabase.h"
#include "tests/support/verify.h"

#include <QJsonDocument>
#include <QScopeGuard>
#include <QTest>
#include <QThread>

#include <atomic>

using namespace pb;

namespace {

// Retries come back within a few hundred milliseconds: the fault test's rows need many attempts.
shopify::OutboxSettings workerSettings(const QString &id)
{
  return test::outboxSettings(id, {60, 20, 400});
}

} // namespace

class OutboxTest final : public QObject, private test::FakeShopBench {
  Q_OBJECT

private:
  // Orders firstId..firstId+count-1, packed as a station's completion leaves them, with outbox rows.
  bool seedPacked(qint64 firstId, int count, const QString &kind = QStringLiteral("fulfillment.create"))
  {
    const qint64 lastId = firstId + count - 1;
    return run(QStringLiteral("INSERT INTO orders (shop_id, shopify_id, name) SELECT ?, g::text, '#' || g FROM "
                              "generate_series(?::bigint, ?::bigint) g"),
               {m_shopId, firstId, lastId}) &&
           // Every other fulfillment order has no Shopify ids yet: the worker must look them up.
           run(QStringLiteral("INSERT INTO fulfillment_orders (order_id, location_id, pack_state, shopify_id) SELECT "
                              "o.id, ?, 'packed', CASE WHEN o.shopify_id::bigint % 2 = 0 THEN "
                              "'gid://shopify/FulfillmentOrder/' || o.shopify_id END FROM orders o WHERE "
                              "o.shopify_id::bigint BETWEEN ? AND ?"),
               {m_locationId, firstId, lastId}) &&
           run(QStringLiteral(
                   "INSERT INTO fulfillment_order_lines (fulfillment_order_id, shopify_id, "
                   "line_item_shopify_id, title, quantity, remaining_quantity) SELECT f.id, CASE WHEN "
                   "f.shopify_id IS NOT NULL THEN 'gid://shopify/FulfillmentOrderLineItem/' || "
                   "(o.shopify_id::bigint * 100 + i) END, (o.shopify_id::bigint * 100 + i)::text, 'Item', "
                   "i, i FROM fulfillment_orders f JOIN orders o ON o.id = f.order_id, generate_series(1, 2) "
                   "i WHERE o.shopify_id::bigint BETWEEN ? AND ?"),
               {firstId, lastId}) &&
           run(QStringLiteral("INSERT INTO packages (fulfillment_order_id, box_no, carrier, tracking_number, "
                              "tracking_url) SELECT f.id, b, 'UPS', '1ZPB' || o.shopify_id || 'B' || b, "
                              "'https://track.example/' || o.shopify_id || '/' || b FROM fulfillment_orders f JOIN "
                              "orders o ON o.id = f.order_id, generate_series(1, 2) b WHERE o.shopify_id::bigint "
                              "BETWEEN ? AND ? AND (b = 1 OR o.shopify_id::bigint % 3 = 0)"),
               {firstId, lastId}) &&
           run(QStringLiteral("INSERT INTO outbox (shop_id, kind, aggregate_id, idempotency_key, payload) SELECT ?, ?, "
                              "f.id::text, ? || ':' || f.id, jsonb_build_object('fulfillment_order_id', f.id, "
                              "'notify_customer', true) FROM fulfillment_orders f JOIN orders o ON o.id = f.order_id "
                              "WHERE o.shopify_id::bigint BETWEEN ? AND ?"),
               {m_shopId, kind, kind, firstId, lastId});
  }

  qint64 foId(qint64 orderId)
  {
    return scalar(QStringLiteral("SELECT f.id FROM fulfillment_orders f JOIN orders o ON o.id = f.order_id WHERE "
                                 "o.shopify_id = ?"),
                  {QString::number(orderId)});
  }

private:
  // Stops worker threads and waits for them while the fake they talk to still answers on this thread.
  static void stopAndJoin(std::atomic<bool> &stop, std::initializer_list<QThread *> threads)
  {
    stop = true;
    for (QThread *thread : threads) {
      if (thread == nullptr)
        continue;
      while (!thread->wait(20))
        QCoreApplication::processEvents();
      delete thread;
    }
  }

private Q_SLOTS:
  void initTestCase() { VERIFY_OK(openFakeShopBench(QStringLiteral("outbox"))); }

  void client_waitsForTheBucketInsteadOfBeingThrottled()
  {
    test::FakeShopify fake;
    QVERIFY(fake.listen() > 0);
    // 564 requested, 14 actual: only the refund lets a read follow another without a 5-second wait.
    fake.setBucket(600, 100);
    fake.addOrder(QStringLiteral("42"), {1});
    const SystemClock clock;
    shopify::CostThrottle throttle(clock);
    shopify::GraphQlClient client(fake.clientSettings(2000), throttle);
    for (int i = 0; i < 8; ++i) {
      auto fos = shopify::fulfillmentapi::fetchFulfillmentOrders(client, QStringLiteral("42"));
      QVERIFY2(fos.ok(), qPrintable(fos.ok() ? QString() : fos.error().message));
      QCOMPARE(fos->size(), 1);
      QCOMPARE(fos->first().lines.first().remainingQuantity, 1);
    }
    QCOMPARE(fake.stats().throttled, 0);
    QCOMPARE(fake.stats().requestedCost.value(QStringLiteral("FulfillmentOrdersForOrder")), 564);
    QCOMPARE(fake.stats().actualCost.value(QStringLiteral("FulfillmentOrdersForOrder")), 8 * 14.0);
    QCOMPARE(fake.lastAccessToken(), fake.accessToken());
  }

  void client_retriesReadsAndWaitsOutThrottling()
  {
    test::FakeShopify fake;
    QVERIFY(fake.listen() > 0);
    fake.addOrder(QStringLiteral("43"), {2});
    fake.setFaults({0.5, 0, 0, 0.3, 0}, 7);
    const SystemClock clock;
    shopify::CostThrottle throttle(clock);
    auto settings = fake.clientSettings(2000);
    settings.maxRetries = 12;
    shopify::GraphQlClient client(settings, throttle);
    for (int i = 0; i < 10; ++i) {
      auto fos = shopify::fulfillmentapi::fetchFulfillmentOrders(client, QStringLiteral("43"));
      QVERIFY2(fos.ok(), qPrintable(fos.ok() ? QString() : fos.error().message));
    }
    QVERIFY(fake.stats().serverErrors > 0);
    QVERIFY(client.retries() >= fake.stats().serverErrors);
    QCOMPARE(client.throttledResponses(), fake.stats().throttled);
  }

  void client_deadServer_isUnavailable()
  {
    const SystemClock clock;
    shopify::CostThrottle throttle(clock);
    shopify::GraphQlSettings s;
    s.endpoint = QUrl(QStringLiteral("http://127.0.0.1:1/admin/api/2026-01/graphql.json"));
    s.maxRetries = 1;
    s.backoffBaseMs = 1;
    shopify::GraphQlClient client(s, throttle);
    auto fos = shopify::fulfillmentapi::fetchFulfillmentOrders(client, QStringLiteral("1"));
    QVERIFY(!fos.ok());
    QCOMPARE(fos.error().kind, ErrorKind::Unavailable);
  }

  void client_wrongToken_isPermission_andNotRetried()
  {
    test::FakeShopify fake;
    QVERIFY(fake.listen() > 0);
    fake.addOrder(QStringLiteral("44"), {1});
    const SystemClock clock;
    shopify::CostThrottle throttle(clock);
    auto settings = fake.clientSettings(2000);
    settings.accessToken = QByteArrayLiteral("shpat_revoked");
    shopify::GraphQlClient client(settings, throttle);
    auto fos = shopify::fulfillmentapi::fetchFulfillmentOrders(client, QStringLiteral("44"));
    QVERIFY(!fos.ok());
    QCOMPARE(fos.error().kind, ErrorKind::Permission);
    QVERIFY(fos.error().message.contains(QStringLiteral("401")));
    QVERIFY(!fos.error().message.contains(QStringLiteral("shpat_revoked")));
    QCOMPARE(client.retries(), 0);
    QCOMPARE(fake.stats().requests, 1);
  }

  void client_unknownOperation_isInternal_withoutARequest()
  {
    test::FakeShopify fake;
    QVERIFY(fake.listen() > 0);
    const SystemClock clock;
    shopify::CostThrottle throttle(clock);
    shopify::GraphQlClient client(fake.clientSettings(2000), throttle);
    auto answer = client.execute(QStringLiteral("NoSuchOperation"), {});
    QVERIFY(!answer.ok());
    QCOMPARE(answer.error().kind, ErrorKind::Internal);
    QVERIFY(answer.error().message.contains(QStringLiteral("NoSuchOperation")));
    QCOMPARE(fake.stats().requests, 0);
    QVERIFY(shopify::graphQlDocument(QStringLiteral("NoSuchOperation")).isEmpty());
  }

  void fetchFulfillmentOrders_unknownOrder_isNotFound()
  {
    test::FakeShopify fake;
    QVERIFY(fake.listen() > 0);
    const SystemClock clock;
    shopify::CostThrottle throttle(clock);
    shopify::GraphQlClient client(fake.clientSettings(2000), throttle);
    auto fos = shopify::fulfillmentapi::fetchFulfillmentOrders(client, QStringLiteral("999"));
    QVERIFY(!fos.ok());
    QCOMPARE(fos.error().kind, ErrorKind::NotFound);
    QVERIFY(fos.error().message.contains(QStringLiteral("999")));
  }

  void client_wrongPath_isInvalidInput()
  {
    test::FakeShopify fake;
    QVERIFY(fake.listen() > 0);
    const SystemClock clock;
    shopify::CostThrottle throttle(clock);
    auto settings = fake.clientSettings(2000);
    settings.endpoint = QUrl(fake.adminBaseUrl().toString() + QStringLiteral("/admin/api/2026-01/nothing-here"));
    shopify::GraphQlClient client(settings, throttle);
    auto fos = shopify::fulfillmentapi::fetchFulfillmentOrders(client, QStringLiteral("1"));
    QVERIFY(!fos.ok());
    QVERIFY2(fos.error().kind == ErrorKind::InvalidInput, qPrintable(fos.error().message));
    QCOMPARE(client.retries(), 0);
  }

  void outbox_holdTrackingAndUserErrors()
  {
    test::FakeShopify fake;
    QVERIFY(fake.listen() > 0);
    for (qint64 id = 100; id < 104; ++id)
      fake.addOrder(QString::number(id), {1, 2});
    QVERIFY(seedPacked(100, 1));                                           // create
    QVERIFY(seedPacked(101, 1, QStringLiteral("fulfillment_order.hold"))); // hold …
    QVERIFY(run(QStringLiteral("UPDATE outbox SET payload = payload || '{\"reason\": \"INCORRECT_ADDRESS\"}' WHERE "
                               "kind = 'fulfillment_order.hold'")));
    QVERIFY(seedPacked(103, 1, QStringLiteral("fulfillment_order.hold")));
    QVERIFY(run(QStringLiteral("UPDATE outbox SET payload = payload || '{\"reason\": \"BECAUSE\"}' WHERE "
                               "aggregate_id = ?"),
                {QString::number(foId(103))}));
    const SystemClock clock;
    shopify::CostThrottle throttle(clock);
    shopify::GraphQlClient client(fake.clientSettings(2000), throttle);
    QSqlDatabase db = m_db;
    shopify::OutboxWorker worker(db, client, test::FakeShopify::defaultShop(),
                                 workerSettings(QStringLiteral("w-small")));
    auto claimed = worker.runOnce();
    QVERIFY2(claimed.ok(), qPrintable(claimed.ok() ? QString() : claimed.error().message));
    QCOMPARE(claimed->claimed, 3);
    QCOMPARE(fake.fulfillmentOrders().value(QStringLiteral("gid://shopify/FulfillmentOrder/101")).status,
             QStringLiteral("ON_HOLD"));
    // Not a FulfillmentHoldReason: a permanent error, so dead at once with the reason.
    QCOMPARE(scalar(QStringLiteral("SELECT count(*) FROM outbox WHERE status = 'dead' AND last_error LIKE "
                                   "'%FulfillmentHoldReason%'")),
             1);

    // Release the hold; a tracking update for 100 changes the fake's tracking.
    QVERIFY(run(QStringLiteral("INSERT INTO outbox (kind, aggregate_id, idempotency_key, payload) VALUES "
                               "('fulfillment_order.release_hold', ?, 'release:101', jsonb_build_object("
                               "'fulfillment_order_id', ?::bigint))"),
                {QString::number(foId(101)), foId(101)}));
    QVERIFY(run(QStringLiteral("UPDATE packages SET tracking_number = 'NEW123' WHERE fulfillment_order_id = ?"),
                {foId(100)}));
    QVERIFY(run(QStringLiteral("INSERT INTO outbox (kind, aggregate_id, idempotency_key, payload) VALUES "
                               "('fulfillment.tracking_update', ?, 'tracking:100', jsonb_build_object("
                               "'fulfillment_order_id', ?::bigint, 'notify_customer', false))"),
                {QString::number(foId(100)), foId(100)}));
    claimed = worker.runOnce();
    QVERIFY(claimed.ok());
    QCOMPARE(claimed->claimed, 2);
    QCOMPARE(fake.fulfillmentOrders().value(QStringLiteral("gid://shopify/FulfillmentOrder/101")).status,
             QStringLiteral("OPEN"));
    const QString fulfillmentId =
        fake.fulfillmentOrders().value(QStringLiteral("gid://shopify/FulfillmentOrder/100")).fulfillmentIds.value(0);
    QCOMPARE(fake.fulfillments().value(fulfillmentId).numbers, QStringList{QStringLiteral("NEW123")});
    QCOMPARE(fake.fulfillments().value(fulfillmentId).trackingUpdates, 1);
    QCOMPARE(scalar(QStringLiteral("SELECT count(*) FROM outbox WHERE status = 'done'")), 4);
    QVERIFY(run(QStringLiteral("DELETE FROM outbox")));
  }

  void outbox_partlyFulfilledElsewhere_postsOnlyWhatIsLeft()
  {
    test::FakeShopify fake;
    QVERIFY(fake.listen() > 0);
    fake.addOrder(QStringLiteral("111"), {1, 2}).lines[1].remaining = 1; // one unit shipped outside Packbench
    QVERIFY(seedPacked(111, 1));
    test::OutboxRig rig(m_db, fake, workerSettings(QStringLiteral("w-partial")), 2000);
    auto claimed = rig.worker.runOnce();
    QVERIFY(claimed.ok());
    QCOMPARE(claimed->claimed, 1);
    const auto fo = fake.fulfillmentOrders().value(QStringLiteral("gid://shopify/FulfillmentOrder/111"));
    QCOMPARE(fo.status, QStringLiteral("CLOSED"));
    QCOMPARE(fo.fulfillmentIds.size(), 1);
    QCOMPARE(scalar(QStringLiteral("SELECT count(*) FROM outbox WHERE status = 'done'")), 1);
    QVERIFY(run(QStringLiteral("DELETE FROM outbox")));
  }

  // A batch that outlives its lease renews it: a second worker, ready to take over expired rows,
  // never gets one (leases of 3 s, renewed after 1.5 s; the batch of 12 takes ~5 s at 400 ms a call).
  void outbox_longBatch_renewsItsLeases()
  {
    constexpr qint64 kFirst = 700000;
    test::FakeShopify fake;
    QVERIFY(fake.listen() > 0);
    fake.setLatencyMs(400);
    for (qint64 id = kFirst; id < kFirst + 12; ++id)
      fake.addOrder(QString::number(id), {1, 2});
    QVERIFY(seedPacked(kFirst, 12));
    // All ids known: one call per row, so the batch's length is predictable.
    QVERIFY(run(QStringLiteral("UPDATE fulfillment_orders f SET shopify_id = 'gid://shopify/FulfillmentOrder/' || "
                               "o.shopify_id FROM orders o WHERE o.id = f.order_id AND o.shopify_id::bigint >= ?"),
                {kFirst}));
    QVERIFY(run(QStringLiteral("UPDATE fulfillment_order_lines l SET shopify_id = "
                               "'gid://shopify/FulfillmentOrderLineItem/' || l.line_item_shopify_id FROM "
                               "fulfillment_orders f JOIN orders o ON o.id = f.order_id WHERE f.id = "
                               "l.fulfillment_order_id AND o.shopify_id::bigint >= ?"),
                {kFirst}));
    const SystemClock clock;
    shopify::CostThrottle throttle(clock);
    test::LeaseTally tally;
    auto startWorker = [&](const QString &name, int batch, bool loop) {
      auto settings = workerSettings(name);
      settings.leaseSeconds = 3;
      settings.batchSize = batch;
      // A long timeout: on a loaded machine a 400 ms answer can take seconds, and a timed-out call is
      // retried later by whichever worker is free, which is not what this test is about.
      return test::startLeaseWorker(m_settings, fake, 20000, throttle, settings, loop, tally);
    };
    QThread *first = nullptr;
    QThread *second = nullptr;
    // A failed check returns early: the workers use this function's locals, so they stop before it returns.
    auto joinWorkers = qScopeGuard([&]() { stopAndJoin(tally.stop, {first, second}); });
    first = startWorker(QStringLiteral("lease-a"), 12, false);
    QTRY_VERIFY_WITH_TIMEOUT(scalar(QStringLiteral("SELECT count(*) FROM outbox WHERE status = 'in_flight'")) > 0,
                             10000);
    second = startWorker(QStringLiteral("lease-b"), 12, true);
    QTRY_VERIFY_WITH_TIMEOUT(first->isFinished(), 60000); // the fake answers on this thread
    tally.stop = true;
    QTRY_VERIFY_WITH_TIMEOUT(second->isFinished(), 10000);
    joinWorkers.dismiss();
    stopAndJoin(tally.stop, {first, second});
    QCOMPARE(tally.errors.load(), 0);
    QCOMPARE(tally.claimedByLooping.load(), 0);
    QCOMPARE(scalar(QStringLiteral("SELECT count(*) FROM outbox WHERE status = 'done' AND attempts = 1 AND "
                                   "aggregate_id::bigint IN (SELECT f.id FROM fulfillment_orders f JOIN orders o ON "
                                   "o.id = f.order_id WHERE o.shopify_id::bigint >= ?)"),
                    {kFirst}),
             12);
    QCOMPARE(fake.stats().fulfillmentCreates, 12);
    QVERIFY(run(QStringLiteral("DELETE FROM outbox")));
  }

  // Two workers, 2,000 packed orders, a Shopify that fails at random: one fulfillment each.
  void faults_twoWorkers_everyFulfillmentPostedExactlyOnce()
  {
    constexpr int kOrders = 2000;
    constexpr qint64 kFirst = 500000;
    test::FakeShopify fake;
    QVERIFY(fake.listen() > 0);
    fake.setBucket(2000, 20000);
    for (qint64 id = kFirst; id < kFirst + kOrders; ++id)
      fake.addOrder(QString::number(id), {1, 2});
    QVERIFY(seedPacked(kFirst, kOrders));
    test::FakeShopify::Faults faults;
    faults.serverError = 0.08;
    faults.lost = 0.05;
    faults.slow = 0.02;
    faults.slowMs = 300;
    faults.throttle = 0.03;
    fake.setFaults(faults, 20261126);

    const SystemClock clock;
    shopify::CostThrottle throttle(clock); // one per hub process; both workers share it
    std::atomic<bool> stop{false};
    std::atomic<int> workerErrors{0};
    auto startWorker = [&](const QString &name) {
      QThread *thread = QThread::create([&, name]() {
        {
          auto db = db::openDatabase(m_settings, name);
          if (!db) {
            ++workerErrors;
            return;
          }
          shopify::GraphQlClient client(fake.clientSettings(150), throttle);
          shopify::OutboxWorker worker(*db, client, test::FakeShopify::defaultShop(), workerSettings(name));
          while (!stop) {
            auto claimed = worker.runOnce();
            if (!claimed)
              ++workerErrors;
            if (!claimed || claimed->claimed == 0)
              shopify::waitMs(20);
          }
        }
        QSqlDatabase::removeDatabase(name);
      });
      thread->start();
      return thread;
    };
    QThread *first = nullptr;
    QThread *second = nullptr;
    auto joinWorkers = qScopeGuard([&]() { stopAndJoin(stop, {first, second}); });
    first = startWorker(QStringLiteral("worker-a"));
    second = startWorker(QStringLiteral("worker-b"));
    QTRY_VERIFY_WITH_TIMEOUT(scalar(QStringLiteral("SELECT count(*) FROM outbox WHERE status <> 'done'")) == 0, 150000);
    joinWorkers.dismiss();
    stopAndJoin(stop, {first, second});
    QCOMPARE(workerErrors.load(), 0);

    const auto &stats = fake.stats();
    qInfo("fake: %d requests, %d fulfillments applied, %d 5xx, %d lost, %d slow, %d throttled (%d injected)",
          stats.requests, stats.fulfillmentCreates, stats.serverErrors, stats.lost, stats.slow, stats.throttled,
          stats.throttledInjected);
    QVERIFY(stats.serverErrors > 0 && stats.lost > 0 && stats.slow > 0 && stats.throttledInjected > 0);
    QCOMPARE(stats.fulfillmentCreates, kOrders);
    for (qint64 id = kFirst; id < kFirst + kOrders; ++id) {
      const auto fo = fake.fulfillmentOrders().value(QStringLiteral("gid://shopify/FulfillmentOrder/%1").arg(id));
      QCOMPARE(fo.fulfillmentIds.size(), 1);
      QCOMPARE(fo.status, QStringLiteral("CLOSED"));
      const auto fulfillment = fake.fulfillments().value(fo.fulfillmentIds.first());
      QStringList expected{QStringLiteral("1ZPB%1B1").arg(id)};
      if (id % 3 == 0)
        expected.append(QStringLiteral("1ZPB%1B2").arg(id));
      QCOMPARE(fulfillment.numbers, expected);
      QCOMPARE(fulfillment.company, QStringLiteral("UPS"));
      QCOMPARE(fulfillment.urls.size(), expected.size());
    }
    // Our side knows each fulfillment's id (tracking updates need it), including after lost answers.
    QCOMPARE(scalar(QStringLiteral("SELECT count(*) FROM fulfillment_orders f JOIN orders o ON o.id = f.order_id WHERE "
                                   "o.shopify_id::bigint BETWEEN ? AND ? AND f.shopify_fulfillment_id LIKE "
                                   "'gid://shopify/Fulfillment/%'"),
                    {kFirst, kFirst + kOrders - 1}),
             kOrders);
    qInfo("outbox attempts: %lld rows needed more than one",
          scalar(QStringLiteral("SELECT count(*) FROM outbox WHERE attempts > 1")));
  }
};

QTEST_GUILESS_MAIN(OutboxTest)
#include "outbox_test.moc"
