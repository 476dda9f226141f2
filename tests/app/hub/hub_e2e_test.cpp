// SPDX-FileCopyrightText: 2026 Packbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
// The real packbench-hub binary between the Shopify fake and PostgreSQL: a signed webhook becomes
// packing work, and a packed order's outbox row becomes one fulfillment at "Shopify".
#include "core/db/migrations.h"
#include "core/db/sql.h"
#include "tests/support/fakeshopify.h"
#include "tests/support/programrun.h"
#include "tests/support/runningprogram.h"
#include "tests/support/shopifypayloads.h"
#include "tests/support/testdatabase.h"

#include <QElapsedTimer>
#include <QTemporaryDir>
#include <QTest>

#include <csignal>
#include <memory>
#include <optional>

using namespace pb;

namespace {
const QByteArray kSecret = QByteArrayLiteral("e2e-secret");
const QString kShop = QStringLiteral("e2e.myshopify.com");
} // namespace

class HubEndToEndTest final : public QObject {
  Q_OBJECT

private:
  QTemporaryDir m_dir;
  QSqlDatabase m_db;
  std::unique_ptr<test::FakeShopify> m_fake; // Shopify with one location, "1", made anew for each test

  qint64 scalar(const QString &sql, const QVariantList &values = {})
  {
    auto query = db::exec(m_db, sql, values);
    if (!query || !query.value().next())
      return -1;
    return query->value(0).toLongLong();
  }

  // A hub on its own port against the fake, with `sets` added to its configuration.
  std::unique_ptr<test::RunningProgram> startHub(const db::ConnectionSettings &settings, test::FakeShopify &fake,
                                                 quint16 port, const QStringList &sets = {})
  {
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("PACKBENCH_SHOPIFY_WEBHOOK_SECRET"), QString::fromLatin1(kSecret));
    env.insert(QStringLiteral("PACKBENCH_SHOPIFY_ACCESS_TOKEN"), QString::fromLatin1(fake.accessToken()));
    QStringList args{QStringLiteral("serve"), QStringLiteral("--no-default-files")};
    args += test::postgresArgs(settings);
    for (const QString &set :
         QStringList{QStringLiteral("hub.port=%1").arg(port), QStringLiteral("shopify.shop=") + kShop,
                     QStringLiteral("shopify.admin_base_url=") + fake.adminBaseUrl().toString(),
                     QStringLiteral("log.file=-")} +
             sets)
      args << QStringLiteral("--set") << set;
    return std::make_unique<test::RunningProgram>(QStringLiteral(PACKBENCH_HUB_BINARY), args, m_dir.path(), env);
  }

  // A fresh migrated database; its settings, or none when it could not be made.
  std::optional<db::ConnectionSettings> freshDatabase(const QString &prefix)
  {
    auto settings = test::createScratchDatabase(prefix);
    if (!settings)
      return std::nullopt;
    auto db = db::openDatabase(*settings, prefix + QStringLiteral("-test"));
    if (!db)
      return std::nullopt;
    m_db = *db;
    if (!db::MigrationRunner(QStringLiteral(":/migrations/postgres")).migrate(m_db))
      return std::nullopt;
    return *settings;
  }

  // Shopify's orders/create for `order` by webhook; true once the hub queued its fulfillment order.
  bool orderIn(test::FakeShopify &fake, quint16 port, qint64 order)
  {
    const QUrl webhooks(QStringLiteral("http://127.0.0.1:%1/webhooks/shopify").arg(port));
    // The fake answers GraphQL on this thread, so waiting must keep the event loop turning.
    const bool answered = QTest::qWaitFor(
        [&] {
          return fake.sendWebhook(webhooks, kSecret, QStringLiteral("orders/create"),
                                  test::compact(test::restOrder(order, QDateTime::currentDateTimeUtc())),
                                  QStringLiteral("e2e-%1").arg(order), kShop) == 200;
        },
        20000);
    // The order waits until the hub has read Shopify's fulfillment orders, then is queued at its location.
    return answered &&
           QTest::qWaitFor(
               [&] {
                 return scalar(QStringLiteral("SELECT count(*) FROM fulfillment_orders f JOIN locations l ON l.id = "
                                              "f.location_id WHERE f.pack_state = 'queued' AND l.shopify_id = '1' AND "
                                              "f.shopify_id = ?"),
                               {QStringLiteral("gid://shopify/FulfillmentOrder/%1").arg(order)}) == 1;
               },
               20000);
  }

  // What a station's completion writes: packed state, a parcel with tracking and the outbox row, in one go.
  bool packed(qint64 fo, const QString &trackingNumber)
  {
    return db::inTransaction(
               m_db,
               [&]() -> Status {
                 for (const auto &[sql, values] : QList<QPair<QString, QVariantList>>{
                          {QStringLiteral("UPDATE fulfillment_orders SET pack_state = 'packed' WHERE id = ?"), {fo}},
                          {QStringLiteral(
                               "INSERT INTO packages (fulfillment_order_id, box_no, carrier, tracking_number) "
                               "VALUES (?, 1, 'USPS', ?)"),
                           {fo, trackingNumber}},
                          {QStringLiteral("INSERT INTO outbox (kind, aggregate_id, idempotency_key, payload) VALUES "
                                          "('fulfillment.create', ?, ?, jsonb_build_object('fulfillment_order_id', "
                                          "?::bigint))"),
                           {QString::number(fo), QStringLiteral("fulfillment.create:%1").arg(fo), fo}}}) {
                   if (auto done = db::exec(m_db, sql, values); !done)
                     return done.error();
                 }
                 return {};
               })
        .ok();
  }

  qint64 fulfillmentsDone()
  {
    return scalar(QStringLiteral("SELECT count(*) FROM outbox WHERE kind = 'fulfillment.create' AND status = 'done'"));
  }

private Q_SLOTS:
  void init()
  {
    m_fake = std::make_unique<test::FakeShopify>();
    QVERIFY(m_fake->listen() > 0);
    m_fake->addLocation(QStringLiteral("1"), QStringLiteral("Main Warehouse"));
  }

  void cleanup() { m_fake.reset(); }

  void webhookToFulfillment_throughTheRealBinary()
  {
    const auto settings = freshDatabase(QStringLiteral("e2e"));
    QVERIFY(settings);
    test::FakeShopify &fake = *m_fake;
    fake.addOrder(QStringLiteral("4242"), {1, 2}); // one fulfillment order at location 1
    const quint16 port = test::freePort();
    auto hub = startHub(*settings, fake, port);
    QVERIFY(hub->waitForStarted());
    QVERIFY2(orderIn(fake, port, 4242), qPrintable(hub->output()));
    QCOMPARE(scalar(QStringLiteral("SELECT count(*) FROM fulfillment_order_lines")), 2);

    QVERIFY(
        packed(scalar(QStringLiteral("SELECT id FROM fulfillment_orders")), QStringLiteral("9400100000000000000001")));
    QTRY_COMPARE_WITH_TIMEOUT(fulfillmentsDone(), 1, 30000);
    const auto remote = fake.fulfillmentOrders().value(QStringLiteral("gid://shopify/FulfillmentOrder/4242"));
    QCOMPARE(remote.status, QStringLiteral("CLOSED"));
    QCOMPARE(remote.fulfillmentIds.size(), 1);
    QCOMPARE(fake.fulfillments().value(remote.fulfillmentIds.first()).numbers,
             QStringList{QStringLiteral("9400100000000000000001")});

    hub->sendSignal(SIGTERM);
    QVERIFY(hub->waitForExit(10000));
    const QByteArray log = hub->output().toUtf8();
    QVERIFY2(log.contains("listening on"), log.constData()); // the log was captured at all
    QVERIFY2(!log.contains(fake.accessToken()), "the access token must never reach the log");
    QVERIFY2(!log.contains(kSecret), "the webhook secret must never reach the log");
    QVERIFY2(!log.contains("ada4242@example.com"), "customer data must never reach the log");
  }

  // systemd stops the hub while a fulfillment call is still waiting for Shopify's answer: the hub leaves at the end
  // of hub.stop_grace_seconds with the row still leased, and the next hub finds the fulfillment Shopify already
  // made instead of posting a second one.
  void stoppedWithAFulfillmentInFlight_leavesAtTheGrace_andTheNextHubPostsNoSecond()
  {
    const auto settings = freshDatabase(QStringLiteral("e2egrace"));
    QVERIFY(settings);
    test::FakeShopify &fake = *m_fake;
    fake.addOrder(QStringLiteral("4343"), {1});
    const quint16 port = test::freePort();
    const QStringList quick{QStringLiteral("hub.stop_grace_seconds=1"), QStringLiteral("hub.outbox_lease_seconds=3")};
    auto first = startHub(*settings, fake, port, quick);
    QVERIFY(first->waitForStarted());
    QVERIFY2(orderIn(fake, port, 4343), qPrintable(first->output()));

    test::FakeShopify::Faults slow;
    slow.slow = 1.0; // applied at once, answered after 8 s (the hub waits up to shopify.request_timeout_ms, 10 s)
    slow.slowMs = 8000;
    fake.setFaults(slow);
    QVERIFY(
        packed(scalar(QStringLiteral("SELECT id FROM fulfillment_orders")), QStringLiteral("9400100000000000000002")));
    const QString fulfillmentOrder = QStringLiteral("gid://shopify/FulfillmentOrder/4343");
    QTRY_COMPARE_WITH_TIMEOUT(fake.fulfillmentOrders().value(fulfillmentOrder).fulfillmentIds.size(), 1, 20000);

    QElapsedTimer stopping;
    stopping.start();
    first->sendSignal(SIGTERM);
    QVERIFY(first->waitForExit(10000)); // blocks this thread: the fake's answer stays unsent
    QVERIFY2(stopping.elapsed() < 5000, qPrintable(QStringLiteral("stopped after %1 ms").arg(stopping.elapsed())));
    QVERIFY2(!first->crashed() && first->exitCode() == 0, qPrintable(first->output()));
    QVERIFY2(first->output().contains(QStringLiteral("still busy at the stop deadline")), qPrintable(first->output()));
    QCOMPARE(fulfillmentsDone(), 0);

    fake.setFaults({});
    auto next = startHub(*settings, fake, port, quick);
    QVERIFY(next->waitForStarted());
    QTRY_COMPARE_WITH_TIMEOUT(fulfillmentsDone(), 1, 30000);
    QCOMPARE(fake.stats().fulfillmentCreates, 1);
    QCOMPARE(fake.fulfillmentOrders().value(fulfillmentOrder).fulfillmentIds.size(), 1);
    next->sendSignal(SIGTERM);
    QVERIFY(next->waitForExit(10000));
    QVERIFY2(!next->crashed() && next->exitCode() == 0, qPrintable(next->output()));
  }
};

QTEST_GUILESS_MAIN(HubEndToEndTest)
#include "hub_e2e_test.moc"
