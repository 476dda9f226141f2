// SPDX-FileCopyrightText: 2026 Packbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
// The hub's Shopify sync thread as the hub runs it, on its own connection, against the Shopify fake and a real
// PostgreSQL: it posts what the outbox holds, and when the database drops its connection (a restart, a failover) it
// reconnects by itself and goes on posting, the hub never restarted.
#include "core/base/clock.h"
#include "core/hub/shopifysyncthread.h"
#include "tests/support/fakeshopbench.h"
#include "tests/support/fakeshopify.h"
#include "tests/support/outboxrig.h"
#include "tests/support/verify.h"

#include <QTest>

using namespace pb;

class ShopifySyncThreadTest final : public QObject, private test::FakeShopBench {
  Q_OBJECT

private:
  QString rowStatus(qint64 fo)
  {
    return text(QStringLiteral("SELECT status FROM outbox WHERE aggregate_id = ?"), {QString::number(fo)});
  }
  // The backends of everyone but this test: the sync thread's connection.
  int dropOtherConnections()
  {
    return static_cast<int>(scalar(QStringLiteral("SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity "
                                                  "WHERE datname = current_database() AND pid <> pg_backend_pid()")));
  }

private Q_SLOTS:
  void initTestCase() { VERIFY_OK(openFakeShopBench(QStringLiteral("sync_thread"))); }

  void connectionDropped_threadReconnectsByItself_andPostsWhatCameMeanwhile()
  {
    test::FakeShopify fake;
    QVERIFY(fake.listen() > 0);
    fake.addFulfillmentOrder(QStringLiteral("9900"), 9900, {1});
    fake.addFulfillmentOrder(QStringLiteral("9901"), 9901, {2});
    shopify::ShopDirectory shops;
    shops.add({test::FakeShopify::defaultShop(), fake.accessToken(), QByteArrayLiteral("sync-secret"),
               fake.adminBaseUrl().toString()});
    const SystemClock clock;
    shopify::ShopThrottles throttles(clock);
    hub::SyncSettings settings;
    settings.throttles = &throttles;
    settings.shops = &shops;
    settings.database = m_settings;
    settings.graphql = fake.clientSettings(3000);
    settings.apiVersion = QStringLiteral("2026-01");
    settings.outbox = test::outboxSettings(QStringLiteral("sync-thread"));
    settings.shopDomain = test::FakeShopify::defaultShop();
    settings.reconcileIntervalSeconds = 0; // the outbox alone
    hub::ShopifySyncThread thread(settings);
    thread.start();

    const qint64 first = packedWithFulfillmentRow(9900, {1}, true);
    QVERIFY(first > 0);
    QTRY_COMPARE_WITH_TIMEOUT(rowStatus(first), QStringLiteral("done"), 15000);

    QCOMPARE(dropOtherConnections(), 1);
    const qint64 second = packedWithFulfillmentRow(9901, {2}, true);
    QVERIFY(second > 0);
    // Reconnecting waits 2 s between attempts and the idle loop 1 s: well inside 15 s.
    QTRY_COMPARE_WITH_TIMEOUT(rowStatus(second), QStringLiteral("done"), 15000);
    QCOMPARE(fake.stats().fulfillmentCreates, 2);
    thread.requestStop();
    QVERIFY(thread.wait(15000));
  }
};

QTEST_GUILESS_MAIN(ShopifySyncThreadTest)
#include "shopify_sync_thread_test.moc"
