// SPDX-FileCopyrightText: 2026 Packbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
// Offline packing (issue #15) as production runs it: the station logs in as a packbench_station member under
// row-level security, the real cluster closes its doors mid-order (backends killed, new connections refused), the
// ConnectionSupervisor notices, the packer scans on against the journal, and when the cluster is back the journal
// lands once through the station functions — or, for an order cancelled meanwhile, not at all, with an audit record.
#include "core/db/sql.h"
#include "core/station/offlinejournal.h"
#include "core/station/stationcontroller.h"
#include "tests/support/outagebench.h"
#include "tests/support/packfixture.h"
#include "tests/support/testdatabase.h"
#include "tests/support/upsnumbers.h"
#include "tests/support/verify.h"

#include <QScopeGuard>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace pb;
using namespace std::chrono_literals;

class StationOfflineTest final : public QObject {
  Q_OBJECT

private:
  QTemporaryDir m_dir;
  SystemClock m_clock;
  test::OutageBench m_bench; // the station's login, queue, workflow and supervisor, on a cluster the test can close
  QSqlDatabase m_admin;
  int m_orderNo = 0;
  const QString m_daypack = QStringLiteral("NW-T2D-001");

  qint64 count(const QString &sql, const QVariantList &values = {}) { return test::scalar(m_admin, sql, values); }

  void cutOff() { VERIFY_OK(m_bench.outage.cutOff()); }

  void bringBack() { VERIFY_OK(m_bench.outage.bringBack()); }

  qint64 queuedOrder(int daypacks)
  {
    auto fo = test::createClaimedOrder(m_admin, QStringLiteral("#OFF%1").arg(++m_orderNo), {{m_daypack, daypacks}});
    if (!fo ||
        !db::exec(m_admin, QStringLiteral("UPDATE fulfillment_orders SET pack_state = 'queued' WHERE id = ?"), {*fo}))
      qFatal("no order");
    return *fo;
  }

  struct Bench {
    std::unique_ptr<station::OfflineJournal> journal;
    std::unique_ptr<station::StationController> controller;
  };

  Bench openBench(const QString &journalName)
  {
    Bench bench;
    auto journal = station::OfflineJournal::open(m_dir.filePath(journalName));
    if (!journal)
      qFatal("journal: %s", qPrintable(journal.error().message));
    bench.journal = std::move(journal).value();
    station::StationSettings settings;
    settings.workflow = m_bench.workflow.get();
    settings.stationId = m_bench.stationId;
    settings.shopId = m_bench.shopId;
    settings.supervisor = m_bench.supervisor.get();
    settings.offlineJournal = bench.journal.get();
    bench.controller = std::make_unique<station::StationController>(m_bench.db, m_clock, settings);
    bench.controller->refreshQueue();
    bench.controller->signIn(QStringLiteral("PB-1001"), QStringLiteral("1001"));
    return bench;
  }

  // A bench with its own journal that has taken a fresh order of three daypacks.
  struct Taken {
    qint64 fo = 0;
    Bench bench;
  };
  Taken takeFreshOrder(const QString &journalName)
  {
    Taken taken{queuedOrder(3), openBench(journalName)};
    taken.bench.controller->takeOrder(taken.fo);
    return taken;
  }

  static QString lastDatabaseHeadline(const QSignalSpy &notices)
  {
    for (qsizetype i = notices.size() - 1; i >= 0; --i) {
      const auto notice = notices.at(i).first().value<station::Notice>();
      if (notice.where == station::Notice::Where::Database && !notice.headline.isEmpty())
        return notice.headline;
    }
    return {};
  }

  // After a replay: nothing waits in the journal, and F9 packs the order.
  void journalEmpty_andTheOrderCompletes(Bench &bench, qint64 fo)
  {
    auto waiting = bench.journal->pendingCount();
    VERIFY_OK(waiting);
    QCOMPARE(*waiting, 0);
    bench.controller->complete();
    QCOMPARE(
        count(QStringLiteral("SELECT count(*) FROM fulfillment_orders WHERE id = ? AND pack_state = 'packed'"), {fo}),
        1);
    bench.controller->signOut();
  }

private Q_SLOTS:
  void initTestCase()
  {
    VERIFY_OK(m_bench.open(QStringLiteral("stationoff"), QStringLiteral("pbt_off_"), QStringLiteral("off-main"), {},
                           m_clock));
    m_admin = m_bench.admin;
  }

  void cleanupTestCase() { m_bench.close(); }

  void clusterGoesAway_packerScansOn_journalLandsOnce()
  {
    auto [fo, bench] = takeFreshOrder(QStringLiteral("replay.sqlite"));
    station::StationController &controller = *bench.controller;
    QSignalSpy notices(&controller, &station::StationController::notice);
    QVERIFY(controller.session());
    const QString item = test::barcodeFor(m_admin, m_daypack);
    controller.handleScan(item);
    QCOMPARE(count(QStringLiteral("SELECT count(*) FROM scan_events WHERE fulfillment_order_id = ?"), {fo}), 1);

    cutOff();
    QTRY_VERIFY(!controller.isDatabaseAvailable()); // the supervisor's probe notices
    QVERIFY(controller.session()->isOffline());
    controller.handleScan(item);
    controller.handleScan(item);
    QCOMPARE(controller.session()->verifiedTotal(), 3);
    QCOMPARE(lastDatabaseHeadline(notices), QStringLiteral("Offline — 2 event(s) waiting"));
    QTRY_VERIFY(m_bench.supervisor->failedRounds() >= 2); // it keeps trying while the cluster refuses
    QCOMPARE(count(QStringLiteral("SELECT count(*) FROM scan_events WHERE fulfillment_order_id = ?"), {fo}), 1);

    bringBack();
    QTRY_VERIFY_WITH_TIMEOUT(controller.isDatabaseAvailable(), 10'000);
    QVERIFY(controller.session());
    QVERIFY(!controller.session()->isOffline());
    QCOMPARE(controller.session()->verifiedTotal(), 3);
    QCOMPARE(count(QStringLiteral("SELECT count(*) FROM scan_events WHERE fulfillment_order_id = ?"), {fo}), 3);
    QCOMPARE(count(QStringLiteral("SELECT count(DISTINCT client_event_id) FROM scan_events "
                                  "WHERE fulfillment_order_id = ?"),
                   {fo}),
             3);
    journalEmpty_andTheOrderCompletes(bench, fo);
  }

  // A long outage: the packer's sign-in runs out while the cluster is away, so the replay at the reconnect is refused
  // for it and waits. Signing in again lands the journal at once, not at some later reconnect, and the bench packs on
  // online.
  void signInRanOutDuringTheOutage_theJournalLandsWhenThePackerSignsInAgain()
  {
    auto [fo, bench] = takeFreshOrder(QStringLiteral("ranout.sqlite"));
    station::StationController &controller = *bench.controller;
    const QString item = test::barcodeFor(m_admin, m_daypack);
    const QString scans = QStringLiteral("SELECT count(*) FROM scan_events WHERE fulfillment_order_id = ?");
    controller.handleScan(item);
    QCOMPARE(count(scans, {fo}), 1);

    cutOff();
    QTRY_VERIFY(!controller.isDatabaseAvailable());
    controller.handleScan(item); // kept in the journal
    QCOMPARE(controller.session()->verifiedTotal(), 2);
    VERIFY_OK(db::execStatic(m_admin, QStringLiteral("UPDATE sign_in_sessions SET last_used_at = now() - "
                                                     "packbench_sign_in_idle_limit() - interval '1 minute' "
                                                     "WHERE ended_at IS NULL")));
    QSignalSpy signInAsked(&controller, &station::StationController::signInRequired);
    bringBack();
    QTRY_VERIFY_WITH_TIMEOUT(controller.isDatabaseAvailable(), 10'000);
    QTRY_VERIFY(!signInAsked.isEmpty()); // the replay found the sign-in ended: nothing of it landed
    QCOMPARE(count(scans, {fo}), 1);

    controller.signIn(QStringLiteral("PB-1001"), QStringLiteral("1001"));
    QTRY_COMPARE_WITH_TIMEOUT(count(scans, {fo}), 2, 5000);
    QVERIFY(controller.session());
    QVERIFY(!controller.session()->isOffline());
    controller.handleScan(item); // online again: straight to the database
    QCOMPARE(count(scans, {fo}), 3);
    QCOMPARE(count(QStringLiteral("SELECT count(DISTINCT client_event_id) FROM scan_events WHERE "
                                  "fulfillment_order_id = ?"),
                   {fo}),
             3);
    journalEmpty_andTheOrderCompletes(bench, fo);
  }

  // A crash-restart of the cluster (immediate mode, a failover): the bench's connection is dead but the server takes
  // connections again at once, so the first the station hears of it is the next scan's write failing. That scan is
  // counted and kept in the journal, and lands with the reconnect (database_outage_test lost one a bench here).
  void connectionDiesBetweenScans_theNextScanIsKept_andLandsOnce()
  {
    auto [fo, bench] = takeFreshOrder(QStringLiteral("crashed.sqlite"));
    station::StationController &controller = *bench.controller;
    QVERIFY(controller.session());
    const QString item = test::barcodeFor(m_admin, m_daypack);
    controller.handleScan(item);
    // Waits for the backends to end, without giving the supervisor's probe a turn of the event loop.
    VERIFY_OK(db::exec(m_admin,
                       QStringLiteral("SELECT pg_terminate_backend(pid, 5000) FROM pg_stat_activity WHERE usename = ?"),
                       {m_bench.outage.stationRole()}));
    QVERIFY(controller.isDatabaseAvailable());
    controller.handleScan(item);
    QCOMPARE(controller.session()->verifiedTotal(), 2); // counted at once, not "not saved"

    QTRY_VERIFY_WITH_TIMEOUT(controller.isDatabaseAvailable() && !controller.session()->isOffline(), 10'000);
    QTRY_COMPARE(count(QStringLiteral("SELECT count(*) FROM scan_events WHERE fulfillment_order_id = ? "
                                      "AND outcome = 'ok'"),
                       {fo}),
                 2);
    controller.handleScan(item);
    QCOMPARE(controller.session()->verifiedTotal(), 3);
    journalEmpty_andTheOrderCompletes(bench, fo);
    QCOMPARE(count(QStringLiteral("SELECT count(*) FROM scan_events WHERE fulfillment_order_id = ? AND outcome = 'ok'"),
                   {fo}),
             3);
  }

  // A carrier label printed elsewhere, scanned onto the box while the cluster is away (it used to be refused as a
  // wrong item, and the box shipped without its tracking): kept in the journal and shown on the box, attached through
  // packbench_attach_tracking under the station's login when the cluster is back, with the scans around it, once.
  void trackingLabelScannedOffline_isAttachedWhenTheClusterIsBack()
  {
    auto [fo, bench] = takeFreshOrder(QStringLiteral("tracking.sqlite"));
    station::StationController &controller = *bench.controller;
    QVERIFY(controller.session());
    const QString item = test::barcodeFor(m_admin, m_daypack);
    controller.handleScan(item);
    cutOff();
    QTRY_VERIFY(!controller.isDatabaseAvailable());
    QSignalSpy feedback(controller.session(), &packing::PackSession::feedbackGiven);
    controller.handleScan(QStringLiteral("1Z 5R89 3903 5756 7127"));
    QCOMPARE(feedback.size(), 1);
    QCOMPARE(feedback.first().first().value<packing::ScanFeedback>().outcome, packing::Outcome::TrackingAttached);
    QCOMPARE(controller.session()->boxTracking().value(1).company, QStringLiteral("UPS"));
    controller.handleScan(item);
    controller.handleScan(item);
    QCOMPARE(controller.session()->verifiedTotal(), 3);
    const QString tracking =
        QStringLiteral("SELECT count(*) FROM packages WHERE fulfillment_order_id = ? AND box_no = 1 AND "
                       "tracking_number = '1Z5R89390357567127' AND tracking_company = 'UPS' AND tracking_url LIKE "
                       "'https://wwwapps.ups.com/%1Z5R89390357567127'");
    QCOMPARE(count(tracking, {fo}), 0);

    bringBack();
    QTRY_VERIFY_WITH_TIMEOUT(controller.isDatabaseAvailable() && !controller.session()->isOffline(), 10'000);
    QTRY_COMPARE(count(tracking, {fo}), 1);
    QCOMPARE(count(QStringLiteral("SELECT count(*) FROM audit_log WHERE action = 'tracking.attached' AND "
                                  "subject_id = ?::text"),
                   {fo}),
             1);
    journalEmpty_andTheOrderCompletes(bench, fo);
  }

  // The connection dies between scans and the label is the first write to find it gone: the label is kept as an
  // item scan would be, and lands with the reconnect.
  void connectionDiesBeforeALabelScan_theLabelIsKept_andLands()
  {
    auto [fo, bench] = takeFreshOrder(QStringLiteral("tracking-lost-link.sqlite"));
    station::StationController &controller = *bench.controller;
    QVERIFY(controller.session());
    VERIFY_OK(db::exec(m_admin,
                       QStringLiteral("SELECT pg_terminate_backend(pid, 5000) FROM pg_stat_activity WHERE usename = ?"),
                       {m_bench.outage.stationRole()}));
    QSignalSpy feedback(controller.session(), &packing::PackSession::feedbackGiven);
    controller.handleScan(test::ups::kUps2);
    QCOMPARE(feedback.size(), 1);
    QCOMPARE(feedback.first().first().value<packing::ScanFeedback>().outcome, packing::Outcome::TrackingAttached);
    QTRY_VERIFY_WITH_TIMEOUT(controller.isDatabaseAvailable() && !controller.session()->isOffline(), 10'000);
    QTRY_COMPARE(count(QStringLiteral("SELECT count(*) FROM packages WHERE fulfillment_order_id = ? AND "
                                      "tracking_number = ?"),
                       {fo, test::ups::kUps2}),
                 1);
    const QString item = test::barcodeFor(m_admin, m_daypack);
    for (int i = 0; i < 3; ++i)
      controller.handleScan(item);
    journalEmpty_andTheOrderCompletes(bench, fo);
  }

  // The station stops (killed, or the packer closed it) after finishing an order offline or putting it on hold
  // offline, before the database came back. Its next run, the database back, resumes its own claim: the journal lands
  // once, and the packer is told the order is recorded, with the bench free for the next one.
  void stoppedAfterLeavingTheOrderOffline_theNextRunRecordsItOnce_data()
  {
    QTest::addColumn<bool>("hold");
    QTest::newRow("completed") << false;
    QTest::newRow("held") << true;
  }

  void stoppedAfterLeavingTheOrderOffline_theNextRunRecordsItOnce()
  {
    QFETCH(bool, hold);
    const QString journalName = hold ? QStringLiteral("stopped-held.sqlite") : QStringLiteral("stopped-done.sqlite");
    qint64 fo = 0;
    const auto reopen = qScopeGuard([this] { (void)m_bench.outage.bringBack(); }); // also when a check below fails
    {
      auto [taken, bench] = takeFreshOrder(journalName);
      fo = taken;
      station::StationController &controller = *bench.controller;
      const QString item = test::barcodeFor(m_admin, m_daypack);
      controller.handleScan(item);
      cutOff();
      QTRY_VERIFY(!controller.isDatabaseAvailable());
      controller.handleScan(item);
      controller.handleScan(item);
      if (hold)
        (void)controller.hold(QStringLiteral("Item damaged"));
      else
        controller.complete();
      auto waiting = bench.journal->pendingCount();
      VERIFY_OK(waiting);
      QVERIFY(*waiting >= 3); // the two scans, the completion or the hold (and the bench's own events)
    }                         // the station stops here, the database still away
    bringBack();
    QTRY_VERIFY_WITH_TIMEOUT(m_bench.supervisor->isAvailable(), 10'000);

    Bench again = openBench(journalName);
    QTRY_COMPARE_WITH_TIMEOUT(
        count(QStringLiteral("SELECT count(*) FROM fulfillment_orders WHERE id = ? AND pack_state = ?"),
              {fo, hold ? QStringLiteral("held") : QStringLiteral("packed")}),
        1, 10'000);
    QCOMPARE(count(QStringLiteral("SELECT count(*) FROM scan_events WHERE fulfillment_order_id = ? AND outcome = 'ok'"),
                   {fo}),
             3);
    QCOMPARE(count(QStringLiteral("SELECT count(*) FROM outbox WHERE aggregate_id = ?"), {QString::number(fo)}),
             hold ? 0 : 1);
    QCOMPARE(again.controller->screen(), station::Screen::Queue);
    QVERIFY(!again.controller->session());
    auto waiting = again.journal->pendingCount();
    VERIFY_OK(waiting);
    QCOMPARE(*waiting, 0);
    again.controller->signOut();
  }

  void orderCancelledMeanwhile_nothingLands_andTheLeadHasARecord()
  {
    auto [fo, bench] = takeFreshOrder(QStringLiteral("refused.sqlite"));
    station::StationController &controller = *bench.controller;
    QVERIFY(controller.session());
    const QString item = test::barcodeFor(m_admin, m_daypack);
    cutOff();
    QTRY_VERIFY(!controller.isDatabaseAvailable());
    controller.handleScan(item);
    controller.handleScan(item);
    VERIFY_OK(
        db::exec(m_admin, QStringLiteral("UPDATE fulfillment_orders SET pack_state = 'cancelled' WHERE id = ?"), {fo}));
    bringBack();
    QTRY_VERIFY_WITH_TIMEOUT(controller.isDatabaseAvailable(), 10'000);
    QVERIFY(!controller.session());
    QCOMPARE(count(QStringLiteral("SELECT count(*) FROM scan_events WHERE fulfillment_order_id = ?"), {fo}), 0);
    QCOMPARE(count(QStringLiteral("SELECT count(*) FROM audit_log WHERE action = 'offline_replay_refused' "
                                  "AND subject_id = ? AND actor_kind = 'packer' AND (details->>'events')::int = 2"),
                   {QString::number(fo)}),
             1);
    auto waiting = bench.journal->pendingCount();
    VERIFY_OK(waiting);
    QCOMPARE(*waiting, 0); // set aside for the lead, not replayed again
    controller.signOut();
  }

  // A typed quantity while the cluster is away, under the station's login: the lead approved here online earlier, so
  // the bench holds the database's offline approvals for them; the replay spends one through packbench_record_scan,
  // which a station login cannot pass without one.
  void manualCountOffline_landsWithTheLeadsOfflineApproval()
  {
    auto [fo, bench] = takeFreshOrder(QStringLiteral("manual.sqlite"));
    station::StationController &controller = *bench.controller;
    QVERIFY(controller.session());
    const QString lead = QStringLiteral("PB-9001");
    QCOMPARE(controller.enterManual(0, 1, QStringLiteral("barcode torn"), lead, QStringLiteral("9001")).outcome,
             packing::Outcome::Counted);
    const qint64 leadId = count(QStringLiteral("SELECT id FROM packers WHERE badge_id = ?"), {lead});
    QCOMPARE(count(QStringLiteral("SELECT count(*) FROM lead_approvals WHERE offline AND lead_id = ? AND used_at IS "
                                  "NULL"),
                   {leadId}),
             10);

    cutOff();
    QTRY_VERIFY(!controller.isDatabaseAvailable());
    QVERIFY(controller.session()->isOffline());
    QCOMPARE(controller.enterManual(0, 2, QStringLiteral("label smudged"), lead, QStringLiteral("9001")).outcome,
             packing::Outcome::Counted);
    QCOMPARE(controller.session()->verifiedTotal(), 3);

    bringBack();
    QTRY_VERIFY_WITH_TIMEOUT(controller.isDatabaseAvailable(), 10'000);
    QVERIFY(controller.session());
    QVERIFY(!controller.session()->isOffline());
    QCOMPARE(count(QStringLiteral("SELECT coalesce(sum(quantity), 0) FROM scan_events WHERE fulfillment_order_id = ? "
                                  "AND outcome = 'manual' AND approved_by = ?"),
                   {fo, leadId}),
             3);
    QCOMPARE(count(QStringLiteral("SELECT count(*) FROM audit_log WHERE action = 'approval.offline_used' AND "
                                  "subject_id = ? AND actor_id = ?"),
                   {QString::number(leadId), m_bench.outage.stationRole()}),
             1);
    journalEmpty_andTheOrderCompletes(bench, fo);
  }
};

QTEST_GUILESS_MAIN(StationOfflineTest)
#include "station_offline_test.moc"
