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

#include <QTemporaryDir>
#include <QTest>

#include <csignal>

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

  qint64 scalar(const QString &sql, const QVariantList &values = {})
  {
    auto query = db::exec(m_db, sql, values);
    if (!query || !query.value().next())
      return -1;
    return query->value(0).toLongLong();
  }

private Q_SLOTS:
  void webhookToFulfillment_throughTheRealBinary()
  {
    auto settings = test::createScratchDatabase(QStringLiteral("e2e"));
    QVERIFY2(settings.ok(), qPrintable(settings.ok() ? QString() : settings.error().message));
    auto db = db::openDatabase(*settings, QStringLiteral("e2e-test"));
    QVERIFY(db.ok());
    m_db = *db;
    QVERIFY(db::MigrationRunner(QStringLiteral(":/migrations/postgres")).migrate(m_db).ok());

    test::FakeShopify fake;
    QVERIFY(fake.listen() > 0);
    fake.addLocation(QStringLiteral("1"), QStringLiteral("Main Warehouse"));
    fake.addOrder(QStringLiteral("4242"), {1, 2}); // one fulfillment order at location 1
    const quint16 port = test::freePort();

    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("PACKBENCH_SHOPIFY_WEBHOOK_SECRET"), QString::fromLatin1(kSecret));
    env.insert(QStringLiteral("PACKBENCH_SHOPIFY_ACCESS_TOKEN"), QString::fromLatin1(fake.accessToken()));
    test::RunningProgram hub(
        QStringLiteral(PACKBENCH_HUB_BINARY),
        QStringList{QStringLiteral("serve"), QStringLiteral("--no-default-files")} + test::postgresArgs(*settings) +
            QStringList{QStringLiteral("--set"), QStringLiteral("hub.port=%1").arg(port), QStringLiteral("--set"),
                        QStringLiteral("shopify.shop=") + kShop, QStringLiteral("--set"),
                        QStringLiteral("shopify.admin_base_url=") + fake.adminBaseUrl().toString(),
                        QStringLiteral("--set"), QStringLiteral("log.file=-")},
        m_dir.path(), env);
    QVERIFY(hub.waitForStarted());
    const QUrl webhooks(QStringLiteral("http://127.0.0.1:%1/webhooks/shopify").arg(port));
    int status = -1;
    // The fake answers GraphQL on this thread, so waiting must keep the event loop turning.
    QTRY_VERIFY_WITH_TIMEOUT(
        (status = fake.sendWebhook(webhooks, kSecret, QStringLiteral("orders/create"),
                                   test::compact(test::restOrder(4242, QDateTime::currentDateTimeUtc())),
                                   QStringLiteral("e2e-1"), kShop)) == 200,
        20000);
    // The order waits until the hub has read Shopify's fulfillment orders, then is queued at its location.
    QTRY_COMPARE_WITH_TIMEOUT(scalar(QStringLiteral("SELECT count(*) FROM fulfillment_orders f JOIN locations l ON "
                                                    "l.id = f.location_id WHERE f.pack_state = 'queued' AND "
                                                    "l.shopify_id = '1' AND f.shopify_id IS NOT NULL")),
                              1, 20000);
    QCOMPARE(scalar(QStringLiteral("SELECT count(*) FROM fulfillment_order_lines")), 2);

    // A station completes the pack: packed state, a parcel with tracking and the outbox row, in one go.
    const qint64 fo = scalar(QStringLiteral("SELECT id FROM fulfillment_orders"));
    QVERIFY(db::inTransaction(m_db, [&]() -> Status {
              for (const auto &[sql, values] : QList<QPair<QString, QVariantList>>{
                       {QStringLiteral("UPDATE fulfillment_orders SET pack_state = 'packed' WHERE id = ?"), {fo}},
                       {QStringLiteral("INSERT INTO packages (fulfillment_order_id, box_no, carrier, tracking_number) "
                                       "VALUES (?, 1, 'USPS', '9400100000000000000001')"),
                        {fo}},
                       {QStringLiteral("INSERT INTO outbox (kind, aggregate_id, idempotency_key, payload) VALUES "
                                       "('fulfillment.create', ?, ?, jsonb_build_object('fulfillment_order_id', "
                                       "?::bigint))"),
                        {QString::number(fo), QStringLiteral("fulfillment.create:%1").arg(fo), fo}}}) {
                if (auto done = db::exec(m_db, sql, values); !done)
                  return done.error();
              }
              return {};
            }).ok());
    QTRY_COMPARE_WITH_TIMEOUT(
        scalar(QStringLiteral("SELECT count(*) FROM outbox WHERE kind = 'fulfillment.create' AND status = "
                              "'done'")),
        1, 30000);
    const auto remote = fake.fulfillmentOrders().value(QStringLiteral("gid://shopify/FulfillmentOrder/4242"));
    QCOMPARE(remote.status, QStringLiteral("CLOSED"));
    QCOMPARE(remote.fulfillmentIds.size(), 1);
    QCOMPARE(fake.fulfillments().value(remote.fulfillmentIds.first()).numbers,
             QStringList{QStringLiteral("9400100000000000000001")});

    hub.sendSignal(SIGTERM);
    QVERIFY(hub.waitForExit(10000));
    const QByteArray log = hub.output().toUtf8();
    QVERIFY2(log.contains("listening on"), log.constData()); // the log was captured at all
    QVERIFY2(!log.contains(fake.accessToken()), "the access token must never reach the log");
    QVERIFY2(!log.contains(kSecret), "the webhook secret must never reach the log");
    QVERIFY2(!log.contains("ada4242@example.com"), "customer data must never reach the log");
  }
};

QTEST_GUILESS_MAIN(HubEndToEndTest)
#include "hub_e2e_test.moc"
