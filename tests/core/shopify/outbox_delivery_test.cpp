// SPDX-FileCopyrightText: 2026 Packbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
// How a fulfillment reaches Shopify when answers go missing: one request per attempt, refusals after a
// lost answer reconciled, retries decided by what this row posted, the verified lines sent, and leases
// that hold while a call is in flight. Against the Shopify fake and a real PostgreSQL.
#include "core/base/clock.h"
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

#include <QJsonArray>
#include <QTest>
#include <QThread>

#include <atomic>

using namespace pb;

namespace {

QString foGid(qint64 number)
{
  return QStringLiteral("gid://shopify/FulfillmentOrder/%1").arg(number);
}

} // namespace

class OutboxDeliveryTest final : public QObject, private test::FakeShopBench {
  Q_OBJECT

private:
  qint64 lineId(qint64 fo, int index)
  {
    return scalar(QStringLiteral("SELECT id FROM fulfillment_order_lines WHERE fulfillment_order_id = ? ORDER BY id "
                                 "OFFSET ? LIMIT 1"),
                  {fo, index});
  }

  QString rowStatus(qint64 fo)
  {
    return text(QStringLiteral("SELECT status FROM outbox WHERE aggregate_id = ?"), {QString::number(fo)});
  }
  QString recordedFulfillment(qint64 fo)
  {
    return text(QStringLiteral("SELECT coalesce(shopify_fulfillment_id, '') FROM fulfillment_orders WHERE id = ?"),
                {fo});
  }

  // The next attempt is due now (the tests run attempts one at a time).
  bool makeDue() { return run(QStringLiteral("UPDATE outbox SET next_attempt_at = now() WHERE status = 'failed'")); }

private Q_SLOTS:
  void initTestCase() { VERIFY_OK(openFakeShopBench(QStringLiteral("outbox_delivery"))); }

  void cleanup() { QVERIFY(run(QStringLiteral("DELETE FROM outbox"))); }

  // Shopify applies the fulfillment, then the connection closes with no answer. Qt's HTTP layer would send
  // the same POST again on a new connection at once; the fake must see it exactly once per attempt.
  void create_connectionClosedAfterApply_sentOncePerAttempt()
  {
    test::FakeShopify fake;
    QVERIFY(fake.listen() > 0);
    fake.addFulfillmentOrder(QStringLiteral("9100"), 9100, {1, 2});
    fake.closeConnectionAfterFulfillmentCreate(1);
    // Ids unknown: the lookup goes first, so the create travels on a reused keep-alive connection.
    const qint64 fo = packedWithFulfillmentRow(9100, {1, 2}, false);
    QVERIFY(fo > 0);
    test::OutboxRig rig(m_db, fake, test::outboxSettings(QStringLiteral("w-once")));

    VERIFY_OK(rig.worker.runOnce());
    QCOMPARE(fake.stats().calls.value(QStringLiteral("FulfillmentCreate")), 1); // not re-sent inside the attempt
    QCOMPARE(fake.stats().lost, 1);
    QCOMPARE(rowStatus(fo), QStringLiteral("failed")); // no answer: not dead, tried again

    QVERIFY(makeDue());
    VERIFY_OK(rig.worker.runOnce());
    const auto remote = fake.fulfillmentOrders().value(foGid(9100));
    QCOMPARE(fake.stats().calls.value(QStringLiteral("FulfillmentCreate")), 1); // the retry found it at Shopify
    QCOMPARE(remote.fulfillmentIds.size(), 1);
    QCOMPARE(rowStatus(fo), QStringLiteral("done"));
    QCOMPARE(recordedFulfillment(fo), remote.fulfillmentIds.first());
  }

  // The answer is lost and Shopify applies the call late, after the retry has looked: the retry posts and
  // is refused. The refusal is reconciled with what Shopify shows (the late fulfillment is this row's),
  // not dead-lettered.
  void create_refusedAfterLostAnswer_reconciledNotDead()
  {
    test::FakeShopify fake;
    QVERIFY(fake.listen() > 0);
    fake.addFulfillmentOrder(QStringLiteral("9200"), 9200, {2, 1});
    fake.applyFulfillmentCreateLate(1);
    const qint64 fo = packedWithFulfillmentRow(9200, {2, 1}, true);
    QVERIFY(fo > 0);
    test::OutboxRig rig(m_db, fake, test::outboxSettings(QStringLiteral("w-late")));

    VERIFY_OK(rig.worker.runOnce());
    QCOMPARE(rowStatus(fo), QStringLiteral("failed"));
    QCOMPARE(fake.stats().fulfillmentCreates, 0); // held by Shopify, not applied yet
    QVERIFY(makeDue());
    VERIFY_OK(rig.worker.runOnce()); // looks (nothing yet), posts: the held call lands first, ours is refused
    const auto remote = fake.fulfillmentOrders().value(foGid(9200));
    QCOMPARE(fake.stats().fulfillmentCreates, 1);
    QCOMPARE(fake.stats().calls.value(QStringLiteral("FulfillmentCreate")), 2);
    QCOMPARE(remote.fulfillmentIds.size(), 1);
    QCOMPARE(rowStatus(fo), QStringLiteral("done"));
    QCOMPARE(recordedFulfillment(fo), remote.fulfillmentIds.first());
    QCOMPARE(text(QStringLiteral("SELECT progress->'posted'->0->>'fulfillment_id' FROM outbox WHERE aggregate_id = ?"),
                  {QString::number(fo)}),
             remote.fulfillmentIds.first());
  }

  // A refusal with no lost answer behind it and nothing changed at Shopify stays final (dead, with why).
  void create_refusedForGood_isDead()
  {
    test::FakeShopify fake;
    QVERIFY(fake.listen() > 0);
    fake.addFulfillmentOrder(QStringLiteral("9210"), 9210, {1}).status = QStringLiteral("CANCELLED");
    const qint64 fo = packedWithFulfillmentRow(9210, {1}, true);
    QVERIFY(fo > 0);
    test::OutboxRig rig(m_db, fake, test::outboxSettings(QStringLiteral("w-final")));
    VERIFY_OK(rig.worker.runOnce());
    QCOMPARE(rowStatus(fo), QStringLiteral("dead"));
    QVERIFY(text(QStringLiteral("SELECT last_error FROM outbox WHERE aggregate_id = ?"), {QString::number(fo)})
                .contains(QStringLiteral("cancelled")));
    QCOMPARE(fake.stats().calls.value(QStringLiteral("FulfillmentCreate")), 1);
  }

  // The merchant shipped 2 of line 1's 3 units elsewhere; the packer verified 2. The first post fails
  // without effect (503). The retry must post what this row still owes, capped at what Shopify has open
  // (1), not subtract what others fulfilled (which left nothing to post).
  void partialRetry_decidedByThisRowsPosts()
  {
    test::FakeShopify fake;
    QVERIFY(fake.listen() > 0);
    fake.addFulfillmentOrder(QStringLiteral("9300"), 9300, {3, 2}).lines[0].remaining = 1;
    const qint64 fo = packedWithFulfillmentRow(9300, {3, 2}, true, {{QStringLiteral("partial"), true}});
    QVERIFY(fo > 0);
    QVERIFY(run(QStringLiteral("INSERT INTO scan_events (client_event_id, fulfillment_order_id, line_id, raw_code, "
                               "outcome, quantity) VALUES (gen_random_uuid(), ?, ?, 'SKU-1', 'ok', 2)"),
                {fo, lineId(fo, 0)}));
    test::OutboxRig rig(m_db, fake, test::outboxSettings(QStringLiteral("w-partial")));
    fake.setFaults({1.0, 0, 0, 0, 0}); // every call 5xx, nothing applied
    VERIFY_OK(rig.worker.runOnce());
    QCOMPARE(rowStatus(fo), QStringLiteral("failed"));
    fake.setFaults({});
    QVERIFY(makeDue());
    VERIFY_OK(rig.worker.runOnce());
    const auto remote = fake.fulfillmentOrders().value(foGid(9300));
    QCOMPARE(fake.stats().fulfillmentCreates, 1);
    QCOMPARE(remote.lines.at(0).remaining, 0);
    QCOMPARE(remote.lines.at(1).remaining, 2);
    QCOMPARE(rowStatus(fo), QStringLiteral("done"));
    QCOMPARE(recordedFulfillment(fo), remote.fulfillmentIds.value(0));
  }

  // A partial pack whose answer was lost, with units shipped elsewhere before: the retry finds its own
  // fulfillment by its lines and time, records it, and posts nothing more.
  void partialRetry_lostAnswer_findsItsOwnFulfillment()
  {
    test::FakeShopify fake;
    QVERIFY(fake.listen() > 0);
    fake.addFulfillmentOrder(QStringLiteral("9310"), 9310, {3, 2}).lines[0].remaining = 2;
    fake.loseAnswerOfFulfillmentCreate(1);
    const qint64 fo = packedWithFulfillmentRow(9310, {3, 2}, true, {{QStringLiteral("partial"), true}});
    QVERIFY(fo > 0);
    QVERIFY(run(QStringLiteral("UPDATE outbox SET payload = payload || jsonb_build_object('lines', "
                               "jsonb_build_array(jsonb_build_object('line_id', ?::bigint, 'quantity', 2))) WHERE "
                               "aggregate_id = ?"),
                {lineId(fo, 0), QString::number(fo)}));
    test::OutboxRig rig(m_db, fake, test::outboxSettings(QStringLiteral("w-own")));
    VERIFY_OK(rig.worker.runOnce());
    QVERIFY(makeDue());
    VERIFY_OK(rig.worker.runOnce());
    const auto remote = fake.fulfillmentOrders().value(foGid(9310));
    QCOMPARE(fake.stats().lost, 1);
    QCOMPARE(fake.stats().fulfillmentCreates, 1);
    QCOMPARE(remote.lines.at(0).remaining, 0);
    QCOMPARE(rowStatus(fo), QStringLiteral("done"));
    QCOMPARE(recordedFulfillment(fo), remote.fulfillmentIds.value(0));
  }

  // The station sends what was verified: a full pack whose line 1 was verified short (2 of 3) posts 2.
  void verifiedLines_fullPack_postsExactlyThose()
  {
    test::FakeShopify fake;
    QVERIFY(fake.listen() > 0);
    fake.addFulfillmentOrder(QStringLiteral("9400"), 9400, {3, 2});
    const qint64 fo = packedWithFulfillmentRow(9400, {3, 2}, true, {{QStringLiteral("partial"), false}});
    QVERIFY(fo > 0);
    QVERIFY(run(QStringLiteral("UPDATE outbox SET payload = payload || jsonb_build_object('version', 4, 'lines', "
                               "jsonb_build_array(jsonb_build_object('line_id', ?::bigint, 'quantity', 2), "
                               "jsonb_build_object('line_id', ?::bigint, 'quantity', 2))) WHERE aggregate_id = ?"),
                {lineId(fo, 0), lineId(fo, 1), QString::number(fo)}));
    test::OutboxRig rig(m_db, fake, test::outboxSettings(QStringLiteral("w-lines")));
    VERIFY_OK(rig.worker.runOnce());
    const auto remote = fake.fulfillmentOrders().value(foGid(9400));
    QCOMPARE(rowStatus(fo), QStringLiteral("done"));
    QCOMPARE(remote.lines.at(0).remaining, 1);
    QCOMPARE(remote.lines.at(1).remaining, 0);
  }

  // Verified 3 but Shopify has only 2 open (shipped elsewhere meanwhile): the refused post is reconciled
  // and the next attempt posts the 2 that are open; never more than remainingQuantity.
  void verifiedLines_moreThanShopifyHasOpen_cappedAtRemaining()
  {
    test::FakeShopify fake;
    QVERIFY(fake.listen() > 0);
    fake.addFulfillmentOrder(QStringLiteral("9410"), 9410, {3}).lines[0].remaining = 2;
    const qint64 fo = packedWithFulfillmentRow(9410, {3}, true);
    QVERIFY(fo > 0);
    QVERIFY(run(QStringLiteral("UPDATE outbox SET payload = payload || jsonb_build_object('lines', "
                               "jsonb_build_array(jsonb_build_object('line_id', ?::bigint, 'quantity', 3))) WHERE "
                               "aggregate_id = ?"),
                {lineId(fo, 0), QString::number(fo)}));
    test::OutboxRig rig(m_db, fake, test::outboxSettings(QStringLiteral("w-cap")));
    VERIFY_OK(rig.worker.runOnce());
    QCOMPARE(rowStatus(fo), QStringLiteral("failed"));
    QVERIFY(makeDue());
    VERIFY_OK(rig.worker.runOnce());
    QCOMPARE(rowStatus(fo), QStringLiteral("done"));
    QCOMPARE(fake.stats().fulfillmentCreates, 1);
    QCOMPARE(fake.fulfillmentOrders().value(foGid(9410)).lines.at(0).remaining, 0);
  }

  // A payload line that is not on the fulfillment order is bad input: dead at once, nothing posted.
  void verifiedLines_foreignLine_isDeadWithoutPosting()
  {
    test::FakeShopify fake;
    QVERIFY(fake.listen() > 0);
    fake.addFulfillmentOrder(QStringLiteral("9420"), 9420, {1});
    const qint64 fo = packedWithFulfillmentRow(9420, {1}, true);
    QVERIFY(fo > 0);
    QVERIFY(run(QStringLiteral("UPDATE outbox SET payload = payload || '{\"lines\": [{\"line_id\": 987654321, "
                               "\"quantity\": 1}]}' WHERE aggregate_id = ?"),
                {QString::number(fo)}));
    test::OutboxRig rig(m_db, fake, test::outboxSettings(QStringLiteral("w-foreign")));
    VERIFY_OK(rig.worker.runOnce());
    QCOMPARE(rowStatus(fo), QStringLiteral("dead"));
    QVERIFY(text(QStringLiteral("SELECT last_error FROM outbox WHERE aggregate_id = ?"), {QString::number(fo)})
                .contains(QStringLiteral("987654321")));
    QCOMPARE(fake.stats().requests, 0);
  }

  // Six fulfillments made elsewhere before ours, whose answer is lost: ours is on the second page of the
  // fulfillment order's fulfillments, and the retry still finds it (and none of the others).
  void lostAnswer_ownFulfillmentOnSecondPage_found()
  {
    test::FakeShopify fake;
    QVERIFY(fake.listen() > 0);
    fake.addFulfillmentOrder(QStringLiteral("9700"), 9700, {10});
    const SystemClock clock;
    shopify::CostThrottle throttle(clock);
    shopify::GraphQlClient client(fake.clientSettings(), throttle);
    const QString lineItem = QStringLiteral("gid://shopify/FulfillmentOrderLineItem/9700001");
    for (int i = 0; i < 6; ++i)
      VERIFY_OK(shopify::fulfillmentapi::createFulfillment(client, foGid(9700), {{lineItem, 1}}, {}, false));
    fake.loseAnswerOfFulfillmentCreate(7);
    const qint64 fo = packedWithFulfillmentRow(9700, {10}, true);
    QVERIFY(fo > 0);
    QVERIFY(run(QStringLiteral("UPDATE outbox SET payload = payload || jsonb_build_object('lines', "
                               "jsonb_build_array(jsonb_build_object('line_id', ?::bigint, 'quantity', 4))) WHERE "
                               "aggregate_id = ?"),
                {lineId(fo, 0), QString::number(fo)}));
    shopify::OutboxWorker worker(m_db, client, test::FakeShopify::defaultShop(),
                                 test::outboxSettings(QStringLiteral("w-paged")));
    VERIFY_OK(worker.runOnce());
    QVERIFY(makeDue());
    VERIFY_OK(worker.runOnce());
    const auto remote = fake.fulfillmentOrders().value(foGid(9700));
    QCOMPARE(fake.stats().fulfillmentCreates, 7);
    QCOMPARE(fake.stats().calls.value(QStringLiteral("FulfillmentOrderFulfillments")), 2);
    QCOMPARE(remote.lines.at(0).remaining, 0);
    QCOMPARE(rowStatus(fo), QStringLiteral("done"));
    QCOMPARE(recordedFulfillment(fo), remote.fulfillmentIds.value(6));
  }

  // A call in flight longer than the lease (3 s of latency, a 2 s lease): the lease is renewed while it
  // waits, so a second worker ready to take over expired rows never gets it.
  void lease_renewedWhileCallInFlight()
  {
    test::FakeShopify fake;
    QVERIFY(fake.listen() > 0);
    fake.setLatencyMs(3000);
    fake.addFulfillmentOrder(QStringLiteral("9500"), 9500, {1});
    const qint64 fo = packedWithFulfillmentRow(9500, {1}, true);
    QVERIFY(fo > 0);
    const SystemClock clock;
    shopify::CostThrottle throttle(clock);
    test::LeaseTally tally;
    auto startWorker = [&](const QString &name, bool loop) {
      auto settings = test::outboxSettings(name);
      settings.leaseSeconds = 2;
      return test::startLeaseWorker(m_settings, fake, 10000, throttle, settings, loop, tally);
    };
    QThread *first = startWorker(QStringLiteral("slow-a"), false);
    QTRY_VERIFY_WITH_TIMEOUT(rowStatus(fo) == u"in_flight", 10000);
    QThread *second = startWorker(QStringLiteral("slow-b"), true);
    QTRY_VERIFY_WITH_TIMEOUT(first->isFinished(), 30000); // the fake answers on this thread
    tally.stop = true;
    QTRY_VERIFY_WITH_TIMEOUT(second->isFinished(), 10000);
    delete first;
    delete second;
    QCOMPARE(tally.errors.load(), 0);
    QCOMPARE(tally.claimedByLooping.load(), 0);
    QCOMPARE(rowStatus(fo), QStringLiteral("done"));
    QCOMPARE(scalar(QStringLiteral("SELECT attempts FROM outbox WHERE aggregate_id = ?"), {QString::number(fo)}), 1);
    QCOMPARE(fake.stats().calls.value(QStringLiteral("FulfillmentCreate")), 1);
  }

  // Another worker takes the row while the call is in flight: the settle finds its lease gone and writes
  // nothing (no done, no fulfillment id), and says so; the new owner finds the fulfillment and records it.
  void settle_leaseGone_writesNothing_newOwnerFindsIt()
  {
    test::FakeShopify fake;
    QVERIFY(fake.listen() > 0);
    fake.setLatencyMs(300);
    fake.addFulfillmentOrder(QStringLiteral("9600"), 9600, {2});
    const qint64 fo = packedWithFulfillmentRow(9600, {2}, true);
    QVERIFY(fo > 0);
    const SystemClock clock;
    shopify::CostThrottle throttle(clock);
    std::atomic<int> lost{-1};
    std::atomic<bool> ok{false};
    QThread *owner = QThread::create([&]() {
      {
        auto db = db::openDatabase(m_settings, QStringLiteral("robbed"));
        if (!db)
          return;
        shopify::GraphQlClient client(fake.clientSettings(), throttle);
        shopify::OutboxWorker worker(*db, client, test::FakeShopify::defaultShop(),
                                     test::outboxSettings(QStringLiteral("robbed")));
        auto pass = worker.runOnce();
        ok = pass.ok();
        lost = pass.ok() ? pass->leasesLost : -1;
      }
      QSqlDatabase::removeDatabase(QStringLiteral("robbed"));
    });
    owner->start();
    // Applied at Shopify, answer still travelling: another worker takes the row over now.
    QTRY_VERIFY_WITH_TIMEOUT(fake.stats().fulfillmentCreates == 1, 10000);
    QVERIFY(run(QStringLiteral("UPDATE outbox SET locked_by = 'thief', locked_until = now() - interval '1 second' "
                               "WHERE aggregate_id = ?"),
                {QString::number(fo)}));
    QTRY_VERIFY_WITH_TIMEOUT(owner->isFinished(), 10000);
    delete owner;
    QVERIFY(ok.load());
    QCOMPARE(lost.load(), 1);
    QCOMPARE(recordedFulfillment(fo), QString());
    QCOMPARE(rowStatus(fo), QStringLiteral("in_flight"));
    QCOMPARE(text(QStringLiteral("SELECT locked_by FROM outbox WHERE aggregate_id = ?"), {QString::number(fo)}),
             QStringLiteral("thief"));

    // The lease has run out: the next worker takes the row over and finds the fulfillment the call made.
    fake.setLatencyMs(0);
    shopify::GraphQlClient client(fake.clientSettings(), throttle);
    shopify::OutboxWorker next(m_db, client, test::FakeShopify::defaultShop(),
                               test::outboxSettings(QStringLiteral("heir")));
    VERIFY_OK(next.runOnce());
    const auto remote = fake.fulfillmentOrders().value(foGid(9600));
    QCOMPARE(fake.stats().fulfillmentCreates, 1);
    QCOMPARE(rowStatus(fo), QStringLiteral("done"));
    QCOMPARE(recordedFulfillment(fo), remote.fulfillmentIds.value(0));
  }

  // The database drops the worker's connection while Shopify's answer travels (a failover, a restart): the
  // pass fails with nothing settled. Once reconnected, the same worker's next pass takes the row back at once,
  // not after its 60 s lease, and finds the fulfillment its lost call made.
  void connectionLostMidPass_sameWorkersNextPassFinishesTheRow()
  {
    test::FakeShopify fake;
    QVERIFY(fake.listen() > 0);
    fake.setLatencyMs(500);
    fake.addFulfillmentOrder(QStringLiteral("9650"), 9650, {1});
    const qint64 fo = packedWithFulfillmentRow(9650, {1}, true);
    QVERIFY(fo > 0);
    const SystemClock clock;
    shopify::CostThrottle throttle(clock);
    std::atomic<bool> firstFailed{false};
    std::atomic<bool> secondOk{false};
    const auto runPass = [&](const QString &connection) -> bool {
      auto db = db::openDatabase(m_settings, connection);
      if (!db)
        return false;
      shopify::GraphQlClient client(fake.clientSettings(), throttle);
      shopify::OutboxWorker worker(*db, client, test::FakeShopify::defaultShop(),
                                   test::outboxSettings(QStringLiteral("cut")));
      return worker.runOnce().ok();
    };
    QThread *owner = QThread::create([&]() {
      firstFailed = !runPass(QStringLiteral("cut-1"));
      QSqlDatabase::removeDatabase(QStringLiteral("cut-1"));
      secondOk = runPass(QStringLiteral("cut-2")); // the reconnect, as the sync thread's Reconnector does
      QSqlDatabase::removeDatabase(QStringLiteral("cut-2"));
    });
    owner->start();
    QTRY_VERIFY_WITH_TIMEOUT(fake.stats().fulfillmentCreates == 1, 10000);
    QVERIFY(run(QStringLiteral("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = "
                               "current_database() AND pid <> pg_backend_pid()")));
    QTRY_VERIFY_WITH_TIMEOUT(owner->isFinished(), 15000);
    delete owner;
    QVERIFY(firstFailed.load());
    QVERIFY(secondOk.load());
    QCOMPARE(fake.stats().fulfillmentCreates, 1);
    QCOMPARE(rowStatus(fo), QStringLiteral("done"));
    QCOMPARE(recordedFulfillment(fo), fake.fulfillmentOrders().value(foGid(9650)).fulfillmentIds.value(0));
  }
};

QTEST_GUILESS_MAIN(OutboxDeliveryTest)
#include "outbox_delivery_test.moc"
