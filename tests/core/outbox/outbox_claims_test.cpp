// SPDX-FileCopyrightText: 2026 Packbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
// The outbox's claim/lease/settle side on PostgreSQL, without Shopify: which rows a worker claims, what each
// settle writes, and that nothing is written for a row another worker has taken over.
#include "core/db/demodata.h"
#include "core/db/sql.h"
#include "core/outbox/claims.h"
#include "core/outbox/enqueue.h"
#include "core/outbox/lease.h"
#include "tests/support/manualclock.h"
#include "tests/support/packfixture.h"
#include "tests/support/verify.h"

#include <QJsonArray>
#include <QTest>

using namespace pb;

class OutboxClaimsTest final : public QObject {
  Q_OBJECT

private:
  QSqlDatabase m_db;
  test::ManualClock m_clock{QDateTime(QDate(2026, 11, 26), QTime(8, 0), Qt::UTC)};
  int m_orderNo = 0;

  static outbox::ClaimSettings settings(const QString &worker)
  {
    outbox::ClaimSettings s;
    s.workerId = worker;
    s.leaseSeconds = 60;
    s.maxAttempts = 3;
    s.backoffBaseMs = 10'000;
    return s;
  }

  qint64 newOrder()
  {
    auto fo =
        test::createClaimedOrder(m_db, QStringLiteral("#CL%1").arg(++m_orderNo), {{QStringLiteral("NW-T2D-001"), 1}});
    if (!fo)
      qFatal("createClaimedOrder: %s", qPrintable(fo.error().message));
    return *fo;
  }

  // A due fulfillment.create row for a new order; its id.
  qint64 enqueueFulfillment()
  {
    outbox::FulfillmentCreate body;
    body.fulfillmentOrderId = newOrder();
    body.lines = QList<outbox::VerifiedLine>{{1, 1}};
    const outbox::Message message = outbox::Message::fulfillmentCreate(body);
    if (auto written = outbox::enqueue(m_db, message); !written || !*written)
      qFatal("enqueue failed");
    return scalar(QStringLiteral("SELECT id FROM outbox WHERE idempotency_key = ?"), {message.idempotencyKey});
  }

  qint64 scalar(const QString &sql, const QVariantList &values = {}) { return test::scalar(m_db, sql, values); }

  QString text(const QString &sql, const QVariantList &values = {})
  {
    auto q = db::exec(m_db, sql, values);
    return q && q.value().next() ? q.value().value(0).toString() : QString();
  }

  QString status(qint64 row) { return text(QStringLiteral("SELECT status FROM outbox WHERE id = ?"), {row}); }

  void steal(qint64 row)
  {
    VERIFY_OK(db::exec(m_db, QStringLiteral("UPDATE outbox SET locked_by = 'thief' WHERE id = ?"), {row}));
  }

  // Nothing due but the rows a test makes.
  void finishEverything()
  {
    VERIFY_OK(
        db::exec(m_db, QStringLiteral("UPDATE outbox SET status = 'done', locked_by = NULL WHERE status <> 'done'")));
  }

  outbox::ClaimedRow claimOne(outbox::Claims &claims)
  {
    auto claimed = claims.claim(outbox::allKinds());
    if (!claimed || claimed->size() != 1)
      qFatal("expected one claimed row");
    return claimed->first();
  }

private Q_SLOTS:
  void initTestCase()
  {
    auto scratch = test::createMigratedDatabase(QStringLiteral("outboxclaims"));
    VERIFY_OK(scratch);
    m_db = scratch->db;
    VERIFY_OK(db::seedDemoData(m_db, m_clock));
  }

  void init() { finishEverything(); }

  void claim_takesDueRowsOfItsKinds_underALease()
  {
    const qint64 row = enqueueFulfillment();
    const qint64 shop = scalar(QStringLiteral("SELECT shop_id FROM outbox WHERE id = ?"), {row});
    VERIFY_OK(outbox::enqueue(m_db, outbox::Message::orderSync({shop, QStringLiteral("4242")}, QStringLiteral("v1"))));
    outbox::Claims claims(m_db, settings(QStringLiteral("w1")));
    auto claimed = claims.claim({outbox::Kind::FulfillmentCreate});
    VERIFY_OK(claimed);
    QCOMPARE(claimed->size(), 1);
    const outbox::ClaimedRow &first = claimed->first();
    QCOMPARE(first.id, row);
    QCOMPARE(first.attempts, 1);
    VERIFY_OK(first.body);
    QCOMPARE(std::get<outbox::FulfillmentCreate>(*first.body).lines->size(), 1);
    QCOMPARE(first.shopDomain, text(QStringLiteral("SELECT domain FROM shops WHERE id = ?"), {shop}));
    QVERIFY(first.shopProblem.isEmpty());
    QCOMPARE(status(row), QStringLiteral("in_flight"));
    QCOMPARE(text(QStringLiteral("SELECT locked_by FROM outbox WHERE id = ?"), {row}), QStringLiteral("w1"));

    // Another worker gets the order.sync row, never the leased one.
    outbox::Claims other(m_db, settings(QStringLiteral("w2")));
    auto rest = other.claim(outbox::allKinds());
    VERIFY_OK(rest);
    QCOMPARE(rest->size(), 1);
    VERIFY_OK(rest->first().body);
    QCOMPARE(std::get<outbox::OrderSync>(*rest->first().body).orderId, QStringLiteral("4242"));

    // A lease that ran out is a crashed worker's: the next claim takes the row over.
    VERIFY_OK(db::exec(
        m_db, QStringLiteral("UPDATE outbox SET locked_until = now() - interval '1 second' WHERE id = ?"), {row}));
    auto taken = other.claim({outbox::Kind::FulfillmentCreate});
    VERIFY_OK(taken);
    QCOMPARE(taken->size(), 1);
    QCOMPARE(taken->first().attempts, 2);
    auto settled = claims.done(first, std::nullopt);
    VERIFY_OK(settled);
    QCOMPARE(*settled, outbox::Settled::LeaseLost); // w1 lost it: its outcome is not written
    QCOMPARE(status(row), QStringLiteral("in_flight"));
  }

  // A pass that lost its connection mid-batch settles nothing; the same worker's next pass must not wait
  // out the lease (120 s by default) for the rows it was working, and no other worker may take them early.
  void claim_takesBackItsOwnRowsLeftInFlight_othersWaitForTheLease()
  {
    const qint64 row = enqueueFulfillment();
    outbox::Claims claims(m_db, settings(QStringLiteral("w1")));
    QCOMPARE(claimOne(claims).id, row); // and never settled: the pass ended there

    outbox::Claims other(m_db, settings(QStringLiteral("w2")));
    auto notYet = other.claim(outbox::allKinds());
    VERIFY_OK(notYet);
    QCOMPARE(notYet->size(), 0);

    const outbox::ClaimedRow again = claimOne(claims);
    QCOMPARE(again.id, row);
    QCOMPARE(again.attempts, 2);
    QCOMPARE(text(QStringLiteral("SELECT locked_by FROM outbox WHERE id = ?"), {row}), QStringLiteral("w1"));
    QVERIFY(scalar(QStringLiteral("SELECT extract(epoch FROM locked_until - now())::int FROM outbox WHERE id = ?"),
                   {row}) > 50); // a fresh lease
    auto settled = claims.done(again, std::nullopt);
    VERIFY_OK(settled);
    QCOMPARE(*settled, outbox::Settled::Written);
    QCOMPARE(status(row), QStringLiteral("done"));
  }

  void done_writesProgressAndTheCallersWrite_inOneCommit()
  {
    const qint64 row = enqueueFulfillment();
    outbox::Claims claims(m_db, settings(QStringLiteral("w1")));
    const outbox::ClaimedRow claimed = claimOne(claims);
    const qint64 fo = std::get<outbox::FulfillmentCreate>(*claimed.body).fulfillmentOrderId;
    auto done = claims.done(claimed, QJsonObject{{QStringLiteral("posted"), QJsonArray()}}, [&]() -> Status {
      auto recorded = db::exec(
          m_db, QStringLiteral("UPDATE fulfillment_orders SET shopify_fulfillment_id = 'gid://F/1' WHERE id = ?"),
          {fo});
      return recorded ? Status{} : Status{recorded.error()};
    });
    VERIFY_OK(done);
    QCOMPARE(*done, outbox::Settled::Written);
    QCOMPARE(status(row), QStringLiteral("done"));
    QVERIFY(text(QStringLiteral("SELECT progress::text FROM outbox WHERE id = ?"), {row}).contains(u"posted"));
    QCOMPARE(text(QStringLiteral("SELECT shopify_fulfillment_id FROM fulfillment_orders WHERE id = ?"), {fo}),
             QStringLiteral("gid://F/1"));

    // The caller's write fails: the done state rolls back with it.
    const qint64 second = enqueueFulfillment();
    const outbox::ClaimedRow again = claimOne(claims);
    QCOMPARE(again.id, second);
    auto refused =
        claims.done(again, std::nullopt, [] { return Status{makeError(ErrorKind::Unavailable, QStringLiteral("x"))}; });
    QVERIFY(!refused.ok());
    QCOMPARE(status(second), QStringLiteral("in_flight"));

    // Taken over meanwhile: nothing is written, not even the caller's write.
    steal(second);
    bool ran = false;
    auto lost = claims.done(again, std::nullopt, [&] {
      ran = true;
      return Status{};
    });
    VERIFY_OK(lost);
    QCOMPARE(*lost, outbox::Settled::LeaseLost);
    QVERIFY(!ran);
    QCOMPARE(status(second), QStringLiteral("in_flight"));
  }

  void failed_retriesWithBackoff_andPermanentErrorsAreDead()
  {
    const qint64 row = enqueueFulfillment();
    outbox::Claims claims(m_db, settings(QStringLiteral("w1")));
    bool dead = true;
    auto failed = claims.failed(claimOne(claims), makeError(ErrorKind::Unavailable, QStringLiteral("timeout")), &dead);
    VERIFY_OK(failed);
    QCOMPARE(*failed, outbox::Settled::Written);
    QVERIFY(!dead);
    QCOMPARE(status(row), QStringLiteral("failed"));
    QCOMPARE(text(QStringLiteral("SELECT last_error FROM outbox WHERE id = ?"), {row}), QStringLiteral("timeout"));
    // 10 s base, jittered to between half and all of it; not due before.
    QCOMPARE(scalar(QStringLiteral("SELECT count(*) FROM outbox WHERE id = ? AND next_attempt_at BETWEEN now() + "
                                   "interval '4.9 seconds' AND now() + interval '10.1 seconds' AND locked_by IS NULL"),
                    {row}),
             1);
    auto none = claims.claim(outbox::allKinds());
    VERIFY_OK(none);
    QCOMPARE(none->size(), 0);

    const qint64 refused = enqueueFulfillment();
    auto permanent = claims.failed(claimOne(claims), makeError(ErrorKind::InvalidInput, QStringLiteral("bad")), &dead);
    VERIFY_OK(permanent);
    QVERIFY(dead);
    QCOMPARE(status(refused), QStringLiteral("dead"));

    // The last attempt is dead whatever the error.
    VERIFY_OK(
        db::exec(m_db, QStringLiteral("UPDATE outbox SET next_attempt_at = now(), attempts = 2 WHERE id = ?"), {row}));
    const outbox::ClaimedRow third = claimOne(claims);
    QCOMPARE(third.attempts, 3);
    VERIFY_OK(claims.failed(third, makeError(ErrorKind::Unavailable, QStringLiteral("timeout")), &dead));
    QVERIFY(dead);
    QCOMPARE(status(row), QStringLiteral("dead"));

    // A failure for a row another worker holds is not written.
    const qint64 stolen = enqueueFulfillment();
    const outbox::ClaimedRow mine = claimOne(claims);
    steal(stolen);
    auto lost = claims.failed(mine, makeError(ErrorKind::Unavailable, QStringLiteral("timeout")));
    VERIFY_OK(lost);
    QCOMPARE(*lost, outbox::Settled::LeaseLost);
    QCOMPARE(status(stolen), QStringLiteral("in_flight"));
  }

  void park_waitsWithoutCountingTheAttempt()
  {
    const qint64 row = enqueueFulfillment();
    outbox::Claims claims(m_db, settings(QStringLiteral("w1")));
    auto parked = claims.park(claimOne(claims), QStringLiteral("waiting for credentials"), 60);
    VERIFY_OK(parked);
    QCOMPARE(*parked, outbox::Settled::Written);
    QCOMPARE(status(row), QStringLiteral("failed"));
    QCOMPARE(scalar(QStringLiteral("SELECT attempts FROM outbox WHERE id = ?"), {row}), 0);
  }

  void rowsNotOfTheirShape_andRowsNamingAnotherShop_areFlagged()
  {
    const qint64 fo = newOrder();
    VERIFY_OK(
        db::exec(m_db, QStringLiteral("INSERT INTO outbox (shop_id, kind, aggregate_id, idempotency_key, payload) "
                                      "VALUES (NULL, 'fulfillment.create', 'x', 'claims-bad', '{\"partial\": 1}')")));
    VERIFY_OK(db::exec(
        m_db, QStringLiteral("INSERT INTO shops (domain, name) VALUES ('other-claims.myshopify.com', 'Other')")));
    VERIFY_OK(
        db::exec(m_db,
                 QStringLiteral("INSERT INTO outbox (shop_id, kind, aggregate_id, idempotency_key, payload) SELECT "
                                "id, 'fulfillment_order.release_hold', ?, 'claims-other-shop', "
                                "jsonb_build_object('fulfillment_order_id', ?::bigint) FROM shops WHERE domain = "
                                "'other-claims.myshopify.com'"),
                 {QString::number(fo), fo}));
    outbox::Claims claims(m_db, settings(QStringLiteral("w1")));
    auto claimed = claims.claim(outbox::allKinds());
    VERIFY_OK(claimed);
    QCOMPARE(claimed->size(), 2);
    const outbox::ClaimedRow &bad = claimed->at(0);
    QVERIFY(!bad.body.ok());
    QCOMPARE(bad.body.error().kind, ErrorKind::InvalidInput);
    const outbox::ClaimedRow &otherShop = claimed->at(1);
    VERIFY_OK(otherShop.body);
    QVERIFY(!otherShop.shopProblem.isEmpty());
    QCOMPARE(otherShop.shopDomain,
             text(QStringLiteral("SELECT s.domain FROM fulfillment_orders f JOIN orders o ON o.id = f.order_id JOIN "
                                 "shops s ON s.id = o.shop_id WHERE f.id = ?"),
                  {fo})); // the order's shop, not the one the row names
  }

  void lease_storesProgressOnlyWhileTheRowIsOurs()
  {
    const qint64 row = enqueueFulfillment();
    outbox::Claims claims(m_db, settings(QStringLiteral("w1")));
    const outbox::ClaimedRow claimed = claimOne(claims);
    outbox::Lease lease(m_db, QStringLiteral("w1"), 60, {row});
    QVERIFY(lease.holds(row));
    auto stored = lease.storeProgress(row, QJsonObject{{QStringLiteral("sent"), QJsonArray()}});
    VERIFY_OK(stored);
    QVERIFY(*stored);
    steal(row);
    auto lost = lease.storeProgress(row, QJsonObject{{QStringLiteral("posted"), QJsonArray()}});
    VERIFY_OK(lost);
    QVERIFY(!*lost);
    QVERIFY(!lease.holds(row));
    QVERIFY(text(QStringLiteral("SELECT progress::text FROM outbox WHERE id = ?"), {row}).contains(u"sent"));
  }
};

QTEST_GUILESS_MAIN(OutboxClaimsTest)
#include "outbox_claims_test.moc"
