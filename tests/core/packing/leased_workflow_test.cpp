// SPDX-FileCopyrightText: 2026 Packbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
// LeasedQueueWorkflow end to end, compiled twice: PostgreSQL (label db) and SQLite (label unit,
// PACKBENCH_WORKFLOW_TEST_SQLITE), because the station runs the same workflow on both.
#include "core/db/connection.h"
#include "core/db/demodata.h"
#include "core/db/migrations.h"
#include "core/db/sql.h"
#include "core/packing/leasedqueueworkflow.h"
#include "core/packing/packers.h"
#include "core/packing/packsession.h"
#include "core/queue/orderqueue.h"
#include "core/scanning/scandecoder.h"
#include "tests/support/demopackbench.h"
#include "tests/support/verify.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>

#include <memory>

using namespace pb;
using namespace std::chrono_literals;

#ifdef PACKBENCH_WORKFLOW_TEST_SQLITE
constexpr bool kSqlite = true;
#else
constexpr bool kSqlite = false;
#endif

class LeasedWorkflowTest final : public QObject, private test::DemoPackBench {
  Q_OBJECT

private:
  packing::Packer m_packer;
  qint64 m_stationId = 0;
  qint64 m_otherStation = 0; // another bench at the same warehouse
  qint64 m_locationId = 0;
  std::unique_ptr<queue::OrderQueue> m_queue;
  std::unique_ptr<packing::LeasedQueueWorkflow> m_workflow;

  // A waiting order ahead of everything the demo queued: the next one takeNext hands out.
  qint64 queuedOrder()
  {
    const qint64 fo = DemoPackBench::queuedOrder(QStringLiteral("#W"));
    if (!db::exec(m_db, QStringLiteral("UPDATE fulfillment_orders SET priority = 1000 + ? WHERE id = ?"),
                  {m_orderNo, fo}))
      qFatal("could not put the order first");
    return fo;
  }

  qint64 outboxRows(qint64 fo)
  {
    return scalar(QStringLiteral("SELECT count(*) FROM outbox WHERE kind = 'fulfillment.create' AND aggregate_id = ?"),
                  {QString::number(fo)});
  }

  QString packState(qint64 fo)
  {
    return text(QStringLiteral("SELECT pack_state FROM fulfillment_orders WHERE id = ?"), {fo});
  }

  // Scans every item of the order through a PackSession, as the pack view does, and completes it.
  void packEverything(const packing::ClaimedOrder &order)
  {
    auto session =
        packing::PackSession::open(m_db, m_clock, order.fulfillmentOrderId, {m_packer.id, order.claimId, m_stationId});
    VERIFY_OK(session);
    const QString daypack = test::barcodeFor(m_db, m_daypack);
    QCOMPARE((*session)->handleScan(m_decoder.decode(daypack)).outcome, packing::Outcome::Counted);
    QCOMPARE((*session)->handleScan(m_decoder.decode(daypack)).outcome, packing::Outcome::Counted);
    QCOMPARE((*session)->handleScan(m_decoder.decode(test::barcodeFor(m_db, m_shell))).outcome,
             packing::Outcome::Counted);
    QCOMPARE((*session)->complete().outcome, packing::Outcome::Completed);
  }

private Q_SLOTS:
  void initTestCase()
  {
    auto db = test::openDemoDatabase(kSqlite, m_dir.path(), QStringLiteral("workflow"), m_clock);
    VERIFY_OK(db);
    m_db = *db;
    const qint64 probe = queuedOrder();
    m_locationId = scalar(QStringLiteral("SELECT location_id FROM fulfillment_orders WHERE id = ?"), {probe});
    QVERIFY(m_locationId > 0);
    VERIFY_OK(
        db::exec(m_db, QStringLiteral("UPDATE fulfillment_orders SET pack_state = 'cancelled' WHERE id = ?"), {probe}));
    auto station = queue::registerStation(m_db, QStringLiteral("wf-bench"), m_locationId);
    VERIFY_OK(station);
    m_stationId = *station;
    auto other = queue::registerStation(m_db, QStringLiteral("wf-bench-2"), m_locationId);
    VERIFY_OK(other);
    m_otherStation = *other;
    m_packer.id = test::packerId(m_db, QStringLiteral("PB-1001"));
    QVERIFY(m_packer.id > 0);
    m_queue = std::make_unique<queue::OrderQueue>(m_db, m_clock, 120s);
    m_workflow = std::make_unique<packing::LeasedQueueWorkflow>(m_db, *m_queue, m_stationId);
  }

  void takeNext_packEverything_finish_packsAndEnqueuesOneFulfillment()
  {
    const qint64 fo = queuedOrder();
    auto taken = m_workflow->takeNext(m_locationId, m_packer);
    VERIFY_OK(taken);
    QCOMPARE(taken->fulfillmentOrderId, fo);
    QVERIFY(taken->claimId.has_value());
    QCOMPARE(packState(fo), QStringLiteral("claimed"));
    packEverything(*taken);
    VERIFY_OK(m_workflow->finish(*taken, false));

    QCOMPARE(packState(fo), QStringLiteral("packed"));
    QCOMPARE(text(QStringLiteral("SELECT release_reason FROM claims WHERE id = ?"), {*taken->claimId}),
             QStringLiteral("completed"));
    QCOMPARE(outboxRows(fo), 1);
    const QJsonObject payload =
        QJsonDocument::fromJson(text(QStringLiteral("SELECT CAST(payload AS text) FROM outbox WHERE aggregate_id = ?"),
                                     {QString::number(fo)})
                                    .toUtf8())
            .object();
    QCOMPARE(payload.value(QStringLiteral("fulfillment_order_id")).toInteger(), fo);
    QCOMPARE(payload.value(QStringLiteral("notify_customer")).toBool(false), true);
    QCOMPARE(text(QStringLiteral("SELECT idempotency_key FROM outbox WHERE aggregate_id = ?"), {QString::number(fo)}),
             QStringLiteral("fulfillment.create:%1").arg(fo));
    QCOMPARE(scalar(QStringLiteral("SELECT o.shop_id FROM outbox o WHERE o.aggregate_id = ?"), {QString::number(fo)}),
             scalar(QStringLiteral("SELECT r.shop_id FROM fulfillment_orders f JOIN orders r ON r.id = f.order_id "
                                   "WHERE f.id = ?"),
                    {fo}));
    QCOMPARE(scalar(QStringLiteral("SELECT count(*) FROM audit_log WHERE action = 'fulfillment.enqueued' AND "
                                   "subject_id = ?"),
                    {QString::number(fo)}),
             1);

    // A second finish (double press, retry after a timeout) is refused and enqueues nothing more.
    const Status again = m_workflow->finish(*taken, false);
    QVERIFY(!again.ok());
    QCOMPARE(again.error().kind, ErrorKind::Conflict);
    QCOMPARE(outboxRows(fo), 1);
    QCOMPARE(packState(fo), QStringLiteral("packed"));
  }

  void finish_afterCancellation_conflictsAndWritesNothing()
  {
    const qint64 fo = queuedOrder();
    auto taken = m_workflow->take(fo, m_packer);
    VERIFY_OK(taken);
    packEverything(*taken);
    VERIFY_OK(db::exec(m_db, QStringLiteral("UPDATE fulfillment_orders SET pack_state = 'cancelled' WHERE id = ?"),
                       {fo})); // the hub applied a cancellation webhook meanwhile
    const Status finished = m_workflow->finish(*taken, false);
    QVERIFY(!finished.ok());
    QCOMPARE(finished.error().kind, ErrorKind::Conflict);
    QCOMPARE(outboxRows(fo), 0);
    QCOMPARE(packState(fo), QStringLiteral("cancelled"));
    QCOMPARE(
        scalar(QStringLiteral("SELECT count(*) FROM claims WHERE id = ? AND released_at IS NULL"), {*taken->claimId}),
        1); // the rolled-back transaction did not even close the claim
    QCOMPARE(scalar(QStringLiteral("SELECT count(*) FROM audit_log WHERE action IN ('packed', 'fulfillment.enqueued') "
                                   "AND subject_id = ?"),
                    {QString::number(fo)}),
             0);
    VERIFY_OK(m_workflow->release(*taken));
  }

  void keepAlive_renewsLease_untilReaped()
  {
    const qint64 fo = queuedOrder();
    auto taken = m_workflow->take(fo, m_packer);
    VERIFY_OK(taken);
    m_clock.advanceMs(100'000);
    VERIFY_OK(m_workflow->keepAlive(*taken)); // renewed: still ours past the first lease
    m_clock.advanceMs(100'000);
    VERIFY_OK(m_queue->reapExpired());
    QCOMPARE(packState(fo), QStringLiteral("claimed"));
    m_clock.advanceMs(200'000);
    VERIFY_OK(m_queue->reapExpired());
    QCOMPARE(packState(fo), QStringLiteral("queued"));
    VERIFY_OK(m_workflow->keepAlive(*taken)); // nobody took it meanwhile: the same claim is revived
    QCOMPARE(packState(fo), QStringLiteral("claimed"));
    m_clock.advanceMs(200'000);
    VERIFY_OK(m_queue->reapExpired());
    auto elsewhere = m_queue->claimSpecific(m_otherStation, fo); // and now another bench has it
    VERIFY_OK(elsewhere);
    const Status lost = m_workflow->keepAlive(*taken);
    QVERIFY(!lost.ok());
    QCOMPARE(lost.error().kind, ErrorKind::Conflict);
    const Status finished = m_workflow->finish(*taken, false);
    QVERIFY(!finished.ok());
    QCOMPARE(outboxRows(fo), 0);
    QCOMPARE(packState(fo), QStringLiteral("claimed")); // the other bench's
  }

  void holdAndRelease_moveTheOrder_withoutOutbox()
  {
    const qint64 fo = queuedOrder();
    auto taken = m_workflow->take(fo, m_packer);
    VERIFY_OK(taken);
    VERIFY_OK(m_workflow->release(*taken));
    QCOMPARE(packState(fo), QStringLiteral("queued"));
    taken = m_workflow->take(fo, m_packer);
    VERIFY_OK(taken);
    QVERIFY(!m_workflow->hold(*taken, QStringLiteral("  ")).ok()); // a hold needs a reason
    VERIFY_OK(m_workflow->hold(*taken, QStringLiteral("damaged box")));
    QCOMPARE(packState(fo), QStringLiteral("held"));
    QCOMPARE(outboxRows(fo), 0);
  }

  void unclaimedOrder_isRefused()
  {
    const Status finished = m_workflow->finish({queuedOrder(), std::nullopt}, false);
    QVERIFY(!finished.ok());
    QCOMPARE(finished.error().kind, ErrorKind::InvalidInput);
  }

  void takeNext_emptyLocation_isNotFound()
  {
    const qint64 shop = scalar(QStringLiteral("SELECT shop_id FROM locations WHERE id = ?"), {m_locationId});
    VERIFY_OK(db::exec(m_db, QStringLiteral("INSERT INTO locations (shop_id, code, name) VALUES (?, 'EMPTY', 'Empty')"),
                       {shop}));
    const qint64 empty = scalar(QStringLiteral("SELECT id FROM locations WHERE code = 'EMPTY'"), {});
    auto taken = m_workflow->takeNext(empty, m_packer);
    QVERIFY(!taken.ok());
    QCOMPARE(taken.error().kind, ErrorKind::NotFound);
  }
};

QTEST_GUILESS_MAIN(LeasedWorkflowTest)
#include "leased_workflow_test.moc"
