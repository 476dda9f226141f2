// SPDX-FileCopyrightText: 2026 Packbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
// The queue's behaviour, compiled twice: against PostgreSQL (label db) and SQLite (label unit,
// PACKBENCH_QUEUE_TEST_SQLITE) so the embedded single-station database behaves the same.
#include "core/db/connection.h"
#include "core/db/migrations.h"
#include "core/db/sql.h"
#include "core/queue/orderqueue.h"
#include "tests/support/manualclock.h"
#include "tests/support/queueworld.h"
#ifndef PACKBENCH_QUEUE_TEST_SQLITE
#include "tests/support/testdatabase.h"
#endif
#include "tests/support/verify.h"

#include <QTemporaryDir>
#include <QTest>

#include <memory>

using namespace pb;
using namespace std::chrono_literals;

class OrderQueueTest final : public QObject {
  Q_OBJECT

private:
  QTemporaryDir m_dir;
  QSqlDatabase m_db;
  std::unique_ptr<test::ManualClock> m_clock;
  std::unique_ptr<queue::OrderQueue> m_queue;
  test::QueueWorld m_world;
  const QDateTime m_start = QDateTime(QDate(2026, 11, 26), QTime(8, 0), Qt::UTC);

  qint64 add(int priority, const QDateTime &shipBy)
  {
    auto fo = test::addQueuedOrder(m_db, m_world.shopId, m_world.locationId, priority, shipBy);
    if (!fo)
      qFatal("addQueuedOrder: %s", qPrintable(fo.error().message));
    return *fo;
  }

  QString packState(qint64 fo)
  {
    auto q = db::exec(m_db, QStringLiteral("SELECT pack_state FROM fulfillment_orders WHERE id = ?"), {fo});
    return q && q.value().next() ? q.value().value(0).toString() : QString();
  }

  qint64 auditCount(qint64 fo, const QString &action)
  {
    return test::scalar(m_db,
                        QStringLiteral("SELECT count(*) FROM audit_log WHERE subject_kind = 'fulfillment_order' AND "
                                       "subject_id = ? AND action = ?"),
                        {QString::number(fo), action});
  }

  queue::Claim claimNextOrFail(qint64 station)
  {
    auto claim = m_queue->claimNext(station, m_world.locationId);
    if (!claim || !claim.value())
      qFatal("claimNext gave nothing: %s", claim ? "empty queue" : qPrintable(claim.error().message));
    return **claim;
  }

private Q_SLOTS:
  void initTestCase()
  {
#ifdef PACKBENCH_QUEUE_TEST_SQLITE
    db::ConnectionSettings settings;
    settings.sqlitePath = m_dir.filePath(QStringLiteral("queue.sqlite"));
#else
    auto scratch = test::createScratchDatabase(QStringLiteral("queue"));
    VERIFY_OK(scratch);
    const db::ConnectionSettings settings = *scratch;
#endif
    auto db = db::openDatabase(settings, QStringLiteral("queue-test"));
    VERIFY_OK(db);
    m_db = *db;
    VERIFY_OK(db::MigrationRunner(db::MigrationRunner::defaultDirectory(m_db)).migrate(m_db));
  }

  void init()
  {
    auto world = test::createQueueWorld(m_db);
    VERIFY_OK(world);
    m_world = *world;
    m_clock = std::make_unique<test::ManualClock>(m_start);
    m_queue = std::make_unique<queue::OrderQueue>(m_db, *m_clock, 120s);
  }

  void cleanup()
  {
    m_queue.reset();
    // Leases left open by one test must not be reaped by the next.
    VERIFY_OK(db::exec(m_db, QStringLiteral("UPDATE claims SET released_at = expires_at, release_reason = 'released' "
                                            "WHERE released_at IS NULL")));
  }

  void claimNext_followsPriorityThenShipByThenId()
  {
    const qint64 lowSoon = add(0, m_start.addSecs(600));
    const qint64 highLate = add(5, m_start.addSecs(7200));
    const qint64 highSoon = add(5, m_start.addSecs(3600));
    const qint64 highNoShipBy = add(5, QDateTime());
    const qint64 highSoonTwin = add(5, m_start.addSecs(3600));
    const QList<qint64> expected{highSoon, highSoonTwin, highLate, highNoShipBy, lowSoon};
    for (const qint64 fo : expected)
      QCOMPARE(claimNextOrFail(m_world.stationId).fulfillmentOrderId, fo);
    auto empty = m_queue->claimNext(m_world.stationId, m_world.locationId);
    VERIFY_OK(empty);
    QVERIFY(!empty->has_value());
  }

  void claimNext_onlyAtTheStationsLocation()
  {
    auto elsewhere = test::addLocation(m_db, m_world.shopId);
    VERIFY_OK(elsewhere);
    VERIFY_OK(test::addQueuedOrder(m_db, m_world.shopId, *elsewhere, 9, m_start));
    auto none = m_queue->claimNext(m_world.stationId, m_world.locationId);
    VERIFY_OK(none);
    QVERIFY(!none->has_value());
  }

  void claimNext_writesLeaseClaimRowAndAudit()
  {
    const qint64 fo = add(1, m_start);
    auto claim = m_queue->claimNext(m_world.stationId, m_world.locationId, std::optional<qint64>());
    VERIFY_OK(claim);
    QVERIFY(claim->has_value());
    const queue::Claim c = **claim;
    QCOMPARE(c.fulfillmentOrderId, fo);
    QCOMPARE(c.stationId, m_world.stationId);
    QCOMPARE(c.expiresAt, m_start.addSecs(120));
    QCOMPARE(packState(fo), QStringLiteral("claimed"));
    QCOMPARE(test::scalar(m_db,
                          QStringLiteral("SELECT count(*) FROM claims WHERE id = ? AND fulfillment_order_id = ? "
                                         "AND released_at IS NULL"),
                          {c.claimId, fo}),
             1);
    QCOMPARE(auditCount(fo, QStringLiteral("claim")), 1);
  }

  void claimSpecific_claimsTheScannedSlip()
  {
    add(9, m_start); // higher priority, but the packer scanned the other slip
    const qint64 scanned = add(0, m_start.addSecs(9000));
    auto packer = db::exec(m_db, QStringLiteral("INSERT INTO packers (badge_id, name) VALUES (?, 'Pat') RETURNING id"),
                           {QStringLiteral("badge-%1").arg(m_world.locationId)});
    QVERIFY(packer && packer.value().next());
    const qint64 packerId = packer.value().value(0).toLongLong();
    packer.value().finish(); // SQLite cannot commit while a statement is still open
    auto claim = m_queue->claimSpecific(m_world.stationId, scanned, packerId);
    VERIFY_OK(claim);
    QCOMPARE(claim->fulfillmentOrderId, scanned);
    QCOMPARE(test::scalar(m_db, QStringLiteral("SELECT packer_id FROM claims WHERE id = ?"), {claim->claimId}),
             packerId);
    QCOMPARE(
        test::scalar(m_db,
                     QStringLiteral("SELECT count(*) FROM audit_log WHERE subject_id = ? AND actor_kind = 'packer' "
                                    "AND actor_id = ?"),
                     {QString::number(scanned), QString::number(packerId)}),
        1);
  }

  void claimSpecific_statesAndErrors()
  {
    const qint64 fo = add(0, m_start);
    auto first = m_queue->claimSpecific(m_world.stationId, fo);
    VERIFY_OK(first);
    QCOMPARE(first->fulfillmentOrderId, fo);
    QCOMPARE(auditCount(fo, QStringLiteral("claim_specific")), 1);

    m_clock->advanceMs(60'000);
    auto again = m_queue->claimSpecific(m_world.stationId, fo); // second scan: resume, lease renewed
    VERIFY_OK(again);
    QCOMPARE(again->claimId, first->claimId);
    QCOMPARE(again->expiresAt, m_start.addSecs(180));

    auto other = m_queue->claimSpecific(m_world.otherStationId, fo);
    QVERIFY(!other.ok());
    QCOMPARE(other.error().kind, ErrorKind::Conflict);

    auto missing = m_queue->claimSpecific(m_world.stationId, 987654321);
    QVERIFY(!missing.ok());
    QCOMPARE(missing.error().kind, ErrorKind::NotFound);

    VERIFY_OK(m_queue->hold(*first, QStringLiteral("damaged box")));
    auto held = m_queue->claimSpecific(m_world.stationId, fo);
    QVERIFY(!held.ok());
    QCOMPARE(held.error().kind, ErrorKind::Conflict);
    QVERIFY(held.error().message.contains(QStringLiteral("damaged box")));
  }

  void heartbeat_keepsTheLeaseAlive()
  {
    const qint64 fo = add(0, m_start);
    const queue::Claim claim = claimNextOrFail(m_world.stationId);
    for (int i = 0; i < 3; ++i) {
      m_clock->advanceMs(100'000);
      VERIFY_OK(m_queue->heartbeat(claim));
    }
    auto reaped = m_queue->reapExpired();
    VERIFY_OK(reaped);
    QCOMPARE(*reaped, 0);
    QCOMPARE(packState(fo), QStringLiteral("claimed"));
  }

  // The lease ran out and nobody claimed the order since: the bench's next renewal revives the same claim, so the
  // scans made under it still count (migration 0023).
  void heartbeat_afterLeaseLapsed_revivesTheSameClaim_whenNobodyTookTheOrder()
  {
    const qint64 fo = add(0, m_start);
    const queue::Claim claim = claimNextOrFail(m_world.stationId);
    VERIFY_OK(test::addScan(m_db, fo, claim.claimId, m_world.stationId));
    m_clock->advanceMs(121'000);
    QCOMPARE(*m_queue->reapExpired(), 1);
    QCOMPARE(packState(fo), QStringLiteral("queued"));
    VERIFY_OK(m_queue->heartbeat(claim));
    QCOMPARE(packState(fo), QStringLiteral("claimed"));
    QCOMPARE(test::scalar(m_db,
                          QStringLiteral("SELECT count(*) FROM claims WHERE fulfillment_order_id = ? AND "
                                         "released_at IS NULL AND id = ?"),
                          {fo, claim.claimId}),
             1);
    QCOMPARE(auditCount(fo, QStringLiteral("lease_revived")), 1);
    QCOMPARE(*m_queue->reapExpired(), 0); // renewed: a fresh lease
    // Another station's claim cannot be revived by this one.
    m_clock->advanceMs(121'000);
    QCOMPARE(*m_queue->reapExpired(), 1);
    const queue::Claim foreign{claim.claimId, fo, m_world.otherStationId, {}};
    QCOMPARE(m_queue->heartbeat(foreign).error().kind, ErrorKind::Conflict);
    QCOMPARE(packState(fo), QStringLiteral("queued"));
  }

  void heartbeat_afterLeaseLost_isConflict()
  {
    const qint64 fo = add(0, m_start);
    const queue::Claim claim = claimNextOrFail(m_world.stationId);
    m_clock->advanceMs(121'000);
    auto reaped = m_queue->reapExpired();
    VERIFY_OK(reaped);
    QCOMPARE(*reaped, 1);
    // Lost for good: another station claimed the order meanwhile.
    QCOMPARE(claimNextOrFail(m_world.otherStationId).fulfillmentOrderId, fo);
    const Status beat = m_queue->heartbeat(claim);
    QVERIFY(!beat.ok());
    QCOMPARE(beat.error().kind, ErrorKind::Conflict);
    const Status packed = [&]() -> Status {
      return db::inTransaction(m_db, [&]() -> Status { return m_queue->markPacked(claim); });
    }();
    QCOMPARE(packed.ok() ? ErrorKind::Internal : packed.error().kind, ErrorKind::Conflict);
  }

  void leaseExpiry_returnsOrderOnce_keepingScans()
  {
    const qint64 fo = add(0, m_start);
    const queue::Claim claim = claimNextOrFail(m_world.stationId);
    VERIFY_OK(test::addScan(m_db, fo, claim.claimId, m_world.stationId));
    VERIFY_OK(test::addScan(m_db, fo, claim.claimId, m_world.stationId));

    m_clock->advanceMs(119'000);
    QCOMPARE(*m_queue->reapExpired(), 0); // not yet
    m_clock->advanceMs(2'000);
    QCOMPARE(*m_queue->reapExpired(), 1);
    QCOMPARE(*m_queue->reapExpired(), 0); // exactly once
    QCOMPARE(packState(fo), QStringLiteral("queued"));
    QCOMPARE(test::scalar(m_db,
                          QStringLiteral("SELECT count(*) FROM claims WHERE id = ? AND release_reason = 'expired'"),
                          {claim.claimId}),
             1);
    QCOMPARE(
        test::scalar(m_db, QStringLiteral("SELECT count(*) FROM scan_events WHERE fulfillment_order_id = ?"), {fo}), 2);
    QCOMPARE(auditCount(fo, QStringLiteral("lease_expired")), 1);

    const queue::Claim reclaim = claimNextOrFail(m_world.otherStationId);
    QCOMPARE(reclaim.fulfillmentOrderId, fo);
    QVERIFY(reclaim.claimId != claim.claimId);
  }

  void release_requeuesKeepingScans()
  {
    const qint64 fo = add(0, m_start);
    const queue::Claim claim = claimNextOrFail(m_world.stationId);
    VERIFY_OK(test::addScan(m_db, fo, claim.claimId, m_world.stationId));
    VERIFY_OK(m_queue->release(claim));
    QCOMPARE(packState(fo), QStringLiteral("queued"));
    QCOMPARE(
        test::scalar(m_db, QStringLiteral("SELECT count(*) FROM scan_events WHERE fulfillment_order_id = ?"), {fo}), 1);
    QCOMPARE(auditCount(fo, QStringLiteral("release")), 1);
    const Status twice = m_queue->release(claim);
    QVERIFY(!twice.ok());
    QCOMPARE(twice.error().kind, ErrorKind::Conflict);
    QCOMPARE(claimNextOrFail(m_world.otherStationId).fulfillmentOrderId, fo);
  }

  void hold_recordsReason_unholdRequeues()
  {
    const qint64 fo = add(0, m_start);
    const queue::Claim claim = claimNextOrFail(m_world.stationId);
    const Status noReason = m_queue->hold(claim, QStringLiteral("  "));
    QCOMPARE(noReason.ok() ? ErrorKind::Internal : noReason.error().kind, ErrorKind::InvalidInput);
    VERIFY_OK(m_queue->hold(claim, QStringLiteral("missing item")));
    QCOMPARE(packState(fo), QStringLiteral("held"));
    auto reason = db::exec(m_db, QStringLiteral("SELECT hold_reason FROM fulfillment_orders WHERE id = ?"), {fo});
    QVERIFY(reason && reason.value().next());
    QCOMPARE(reason.value().value(0).toString(), QStringLiteral("missing item"));
    QCOMPARE(test::scalar(m_db, QStringLiteral("SELECT count(*) FROM claims WHERE id = ? AND release_reason = 'held'"),
                          {claim.claimId}),
             1);
    auto none = m_queue->claimNext(m_world.otherStationId, m_world.locationId);
    VERIFY_OK(none);
    QVERIFY(!none->has_value()); // a held order is not claimable

    VERIFY_OK(m_queue->unhold(fo));
    QCOMPARE(packState(fo), QStringLiteral("queued"));
    QCOMPARE(auditCount(fo, QStringLiteral("hold")), 1);
    QCOMPARE(auditCount(fo, QStringLiteral("unhold")), 1);
    const Status notHeld = m_queue->unhold(fo);
    QCOMPARE(notHeld.ok() ? ErrorKind::Internal : notHeld.error().kind, ErrorKind::Conflict);
    const Status missing = m_queue->unhold(987654321);
    QCOMPARE(missing.ok() ? ErrorKind::Internal : missing.error().kind, ErrorKind::NotFound);
  }

  void markPacked_insideCallersTransaction()
  {
    const qint64 fo = add(0, m_start);
    const queue::Claim claim = claimNextOrFail(m_world.stationId);
    // A failing caller transaction rolls the pack back: the order stays claimed.
    const Status failed = db::inTransaction(m_db, [&]() -> Status {
      if (Status packed = m_queue->markPacked(claim); !packed)
        return packed;
      return makeError(ErrorKind::Unavailable, QStringLiteral("printer on fire"));
    });
    QVERIFY(!failed.ok());
    QCOMPARE(packState(fo), QStringLiteral("claimed"));
    VERIFY_OK(db::inTransaction(m_db, [&]() -> Status { return m_queue->markPacked(claim); }));
    QCOMPARE(packState(fo), QStringLiteral("packed"));
    QCOMPARE(test::scalar(m_db,
                          QStringLiteral("SELECT count(*) FROM claims WHERE id = ? AND release_reason = 'completed'"),
                          {claim.claimId}),
             1);
    QCOMPARE(auditCount(fo, QStringLiteral("packed")), 1);
  }

  void cancelledWhileClaimed_markPackedIsConflict()
  {
    const qint64 fo = add(0, m_start);
    const queue::Claim claim = claimNextOrFail(m_world.stationId);
    VERIFY_OK(
        db::exec(m_db, QStringLiteral("UPDATE fulfillment_orders SET pack_state = 'cancelled' WHERE id = ?"), {fo}));
    const Status packed = db::inTransaction(m_db, [&]() -> Status { return m_queue->markPacked(claim); });
    QCOMPARE(packed.ok() ? ErrorKind::Internal : packed.error().kind, ErrorKind::Conflict);
    QCOMPARE(packState(fo), QStringLiteral("cancelled"));
  }

  void registerStation_isIdempotentByName()
  {
    const QString name = QStringLiteral("bench-register-%1").arg(m_world.locationId);
    auto first = queue::registerStation(m_db, name, m_world.locationId);
    VERIFY_OK(first);
    auto second = queue::registerStation(m_db, name, std::nullopt);
    VERIFY_OK(second);
    QCOMPARE(*second, *first);
    QVERIFY(!queue::registerStation(m_db, QStringLiteral(" "), std::nullopt).ok());
  }
};

QTEST_GUILESS_MAIN(OrderQueueTest)
#include "order_queue_test.moc"
