// SPDX-FileCopyrightText: 2026 Packbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
// The station wired as app/station does it, on the real throwaway PostgreSQL as a station role under
// row-level security, while the database goes away mid-shift and comes back: the window says so,
// refuses input rather than half-write it, and afterwards restores the shop scope, the LISTEN and the
// order's lease, and packs on with nothing lost or counted twice.
#include "core/db/connection.h"
#include "core/db/connectionsupervisor.h"
#include "core/db/sql.h"
#include "core/packing/leasedqueueworkflow.h"
#include "core/packing/packers.h"
#include "core/queue/orderqueue.h"
#include "core/queue/queuenotifier.h"
#include "core/queue/stationregistration.h"
#include "core/station/offlinejournal.h"
#include "tests/support/cupssandbox.h"
#include "tests/support/keyboardinput.h"
#include "tests/support/outagebench.h"
#include "tests/support/packfixture.h"
#include "tests/support/queueworld.h"
#include "tests/support/testdatabase.h"
#include "tests/support/verify.h"
#include "ui/packview.h"
#include "ui/printing/journaledprinter.h"
#include "ui/queuetablemodel.h"
#include "ui/stationwindow.h"
#include "ui/statusbanner.h"

#include <QApplication>
#include <QDir>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QUuid>

#include <memory>

using namespace pb;
using pb::test::press;
using pb::test::scan;
using namespace std::chrono_literals;

class StationReconnectTest final : public QObject {
  Q_OBJECT

private:
  QTemporaryDir m_dir;
  SystemClock m_clock;
  test::OutageBench
      m_bench; // the station's login (at RNO), queue, workflow and supervisor, on a cluster the test closes
  QSqlDatabase m_admin;
  std::unique_ptr<queue::QueueNotifier> m_notifier;
  // What the window uses lives longer than it: declared first, destroyed last.
  std::unique_ptr<station::OfflineJournal> m_journal;
  std::unique_ptr<printing::JournaledPrinter> m_printer;
  std::unique_ptr<ui::StationWindow> m_window;
  QString m_cutTable; // the table whose trigger cutInsideTheNextWrite made

  qint64 adminCount(const QString &sql, const QVariantList &values = {}) { return test::scalar(m_admin, sql, values); }

  QString packState(qint64 fo)
  {
    auto q = db::exec(m_admin, QStringLiteral("SELECT pack_state FROM fulfillment_orders WHERE id = ?"), {fo});
    return q && q.value().next() ? q.value().value(0).toString() : QString();
  }

  qint64 savedItemScans(qint64 fo)
  {
    return adminCount(QStringLiteral("SELECT COALESCE(sum(quantity), 0) FROM scan_events "
                                     "WHERE fulfillment_order_id = ? AND outcome IN ('ok', 'manual')"),
                      {fo});
  }

  qint64 outboxRows(qint64 fo)
  {
    return adminCount(
        QStringLiteral("SELECT count(*) FROM outbox WHERE kind = 'fulfillment.create' AND aggregate_id = ?"),
        {QString::number(fo)});
  }

  // The server goes away for this station: its backends die and new connections are refused.
  void cutOff(bool killBackends = true) { VERIFY_OK(m_bench.outage.cutOff(killBackends)); }

  void bringBack() { VERIFY_OK(m_bench.outage.bringBack()); }

  // The station's connection dies inside its next write that fires `trigger` on `table` (e.g. "BEFORE INSERT",
  // "outbox"), so that write's transaction is rolled back as a lost connection leaves it; removeTheCut() ends that.
  void cutInsideTheNextWrite(const QString &trigger, const QString &table, const QString &when = {})
  {
    VERIFY_OK(db::execStatic(m_admin, QStringLiteral("CREATE FUNCTION pbt_cut_connection() RETURNS trigger "
                                                     "LANGUAGE plpgsql AS $$ BEGIN "
                                                     "PERFORM pg_terminate_backend(pg_backend_pid()); "
                                                     "RETURN NEW; END $$")));
    VERIFY_OK(db::execStatic(m_admin, QStringLiteral("CREATE TRIGGER pbt_cut %1 ON %2 FOR EACH ROW %3 EXECUTE FUNCTION "
                                                     "pbt_cut_connection()")
                                          .arg(trigger, table, when)));
    m_cutTable = table;
  }

  void removeTheCut()
  {
    VERIFY_OK(db::execStatic(m_admin, QStringLiteral("DROP TRIGGER pbt_cut ON %1").arg(m_cutTable)));
    VERIFY_OK(db::execStatic(m_admin, QStringLiteral("DROP FUNCTION pbt_cut_connection()")));
  }

  // What the station told the packer, on any screen, while `notices` listened.
  static bool wasTold(const QSignalSpy &notices, const QString &headline)
  {
    for (const QList<QVariant> &notice : notices)
      if (notice.first().value<station::Notice>().headline.contains(headline))
        return true;
    return false;
  }

  void saveScreenshot(const QString &name)
  {
    const QString dir = qEnvironmentVariable("PACKBENCH_SCREENSHOT_DIR", m_dir.path());
    const QString path = QDir(dir).filePath(name);
    QTest::qWait(100); // pending layout requests first: the screen as the packer sees it
    QVERIFY2(m_window->grab().save(path), qPrintable(path));
    qInfo().noquote() << "screenshot:" << path;
  }

  // Makes one queued order at RNO with at least `items` items the next one F8 takes; returns it.
  qint64 nextOrderWithItems(int items)
  {
    const qint64 fo = adminCount(
        QStringLiteral("SELECT fo.id FROM fulfillment_orders fo JOIN fulfillment_order_lines l "
                       "ON l.fulfillment_order_id = fo.id WHERE fo.location_id = ? AND fo.pack_state = 'queued' "
                       "GROUP BY fo.id HAVING sum(l.quantity) >= ? ORDER BY fo.id LIMIT 1"),
        {*m_bench.locationId, items});
    if (fo <= 0)
      return 0;
    if (!db::exec(m_admin, QStringLiteral("UPDATE fulfillment_orders SET priority = 100 WHERE id = ?"), {fo}))
      return 0;
    return fo;
  }

  // F8, then checks the window opened the order we expected.
  bool takeWithF8(qint64 fo)
  {
    press(Qt::Key_F8);
    const packing::PackSession *session = m_window->packView()->session();
    return session && session->header().fulfillmentOrderId == fo;
  }

  // Scans `count` not-yet-verified items of the open order.
  void scanItems(int count)
  {
    for (int n = 0; n < count; ++n) {
      const packing::PackSession *session = m_window->packView()->session();
      QVERIFY(session);
      QString code;
      for (const packing::PackLine &line : session->lines())
        if (code.isEmpty() && line.verified < line.expected)
          code = test::barcodeFor(m_admin, line.sku);
      QVERIFY2(!code.isEmpty(), "nothing left to scan");
      scan(code);
    }
  }

  int verified() const
  {
    const packing::PackSession *session = m_window->packView()->session();
    return session ? session->verifiedTotal() : -1;
  }

  // A window with an offline journal (m_journal; and the journaled printer on the station's connection, as
  // app/station wires it), signed in, that took by F8 an order of at least `items` items; 0 when it could not.
  qint64 takeOrderWithAJournal(const QString &journalFile, int items, bool withPrinter = false)
  {
    auto opened = station::OfflineJournal::open(m_dir.filePath(journalFile));
    if (!opened)
      return 0;
    m_window.reset(); // before what it uses goes
    m_journal = std::move(opened).value();
    m_printer = withPrinter
                    ? std::make_unique<printing::JournaledPrinter>(m_bench.db, printing::JournaledPrinter::Policy{})
                    : nullptr;
    openWindow(m_journal.get(), m_printer.get());
    const qint64 fo = nextOrderWithItems(items);
    return fo > 0 && takeWithF8(fo) ? fo : 0;
  }

  QString orderName(qint64 fo)
  {
    auto q = db::exec(m_admin,
                      QStringLiteral("SELECT o.name FROM fulfillment_orders f JOIN orders o ON o.id = f.order_id "
                                     "WHERE f.id = ?"),
                      {fo});
    return q && q.value().next() ? q.value().value(0).toString() : QString();
  }

  qint64 openClaimOf(qint64 fo)
  {
    return adminCount(QStringLiteral("SELECT COALESCE(max(id), 0) FROM claims WHERE fulfillment_order_id = ? "
                                     "AND station_id = ? AND released_at IS NULL"),
                      {fo, m_bench.stationId});
  }

  // The station's window as app/station builds it, signed in; with a journal it packs on through an outage, with a
  // printer it prints each finished order's slip there (the sandboxed cupsd's packbench-pdf queue).
  void openWindow(station::OfflineJournal *journal, documents::PrintService *printer = nullptr)
  {
    m_window.reset();
    ui::StationOptions options;
    options.printer = printer;
    options.autoPrint = printer != nullptr;
    options.slipPrinter = QStringLiteral("packbench-pdf");
    options.workflow = m_bench.workflow.get();
    options.stationId = m_bench.stationId;
    options.sounds = false;
    options.supervisor = m_bench.supervisor.get();
    options.offlineJournal = journal;
    m_window = std::make_unique<ui::StationWindow>(
        m_bench.db, m_clock,
        ui::StationIdentity{QStringLiteral("bench-rc"), QStringLiteral("RNO"), QStringLiteral("Central database")},
        options);
    connect(m_notifier.get(), &queue::QueueNotifier::workAvailable, m_window.get(), &ui::StationWindow::refreshQueue);
    m_window->show();
    m_window->activateWindow(); // Xvfb has no window manager to do it
    QVERIFY(QTest::qWaitForWindowActive(m_window.get()));
    QVERIFY(m_window->isDatabaseAvailable());
    QVERIFY(!m_window->databaseBanner()->isVisible());
    test::scanBadgeAndTypePin(QStringLiteral("PB-1001"), QStringLiteral("1001"));
    QTRY_VERIFY(m_window->packer().has_value());
    QVERIFY2(m_window->queueModel()->rowCount() > 0, "row-level security hides the shop's queue");
  }

private Q_SLOTS:
  void initTestCase()
  {
    // The station logs in as a member of packbench_station, so row-level security applies as in production.
    // Mapped to the demo shop and all its locations, as `packbench-hub station-login create` does (migration 0011).
    VERIFY_OK(m_bench.open(QStringLiteral("stationrc"), QStringLiteral("pbt_rc_"), QStringLiteral("rc-main"),
                           QStringLiteral("RNO"), m_clock));
    m_admin = m_bench.admin;
    QVERIFY(m_bench.shopId > 0 && m_bench.locationId.value_or(0) > 0);
    auto listen = m_bench.outage.logInStation(QStringLiteral("rc-notify"));
    VERIFY_OK(listen);
    m_notifier = std::make_unique<queue::QueueNotifier>(*listen);
    VERIFY_OK(m_notifier->start());
    queue::QueueNotifier *notifier = m_notifier.get();
    m_bench.supervisor->watch(QStringLiteral("rc-notify"),
                              [notifier](const QSqlDatabase &) { return notifier->start(); });
    openWindow(nullptr);
  }

  void cleanupTestCase()
  {
    (void)m_bench.outage.bringBack();
    m_window.reset();
    m_printer.reset();
    m_journal.reset();
    m_notifier.reset();
    m_bench.close({QStringLiteral("rc-notify"), QStringLiteral("rc-other")});
  }

  void outageMidOrder_showsReconnecting_thenPackContinues()
  {
    const qint64 fo = nextOrderWithItems(2);
    QVERIFY(fo > 0);
    QVERIFY(takeWithF8(fo));
    const qint64 claim = openClaimOf(fo);
    QVERIFY(claim > 0);
    const int expected = m_window->packView()->session()->expectedTotal();
    scanItems(1);
    QCOMPARE(verified(), 1);

    cutOff();
    scanItems(1); // the connection is dead: not saved, not counted, and the station notices
    QTRY_VERIFY(!m_window->isDatabaseAvailable());
    QCOMPARE(verified(), 1);
    QVERIFY(m_window->databaseBanner()->isVisible());
    QCOMPARE(m_window->databaseBanner()->tone(), ui::StatusBanner::Tone::Error);
    // Whether the probe or the failed scan noticed first, the banner says what is going on.
    QVERIFY2(
        m_window->databaseBanner()->headline().contains(QStringLiteral("database unavailable"), Qt::CaseInsensitive),
        qPrintable(m_window->databaseBanner()->headline()));
    QVERIFY(m_window->databaseBanner()->headline().contains(QStringLiteral("reconnecting")));
    QVERIFY(m_window->databaseBanner()->text().contains(QStringLiteral("1 of %1 items are saved").arg(expected)));
    QTRY_VERIFY(m_bench.supervisor->failedRounds() >= 2); // it keeps trying while the server refuses
    saveScreenshot(QStringLiteral("station-database-unavailable.png"));

    scanItems(1); // while it is away every scan is refused outright
    QVERIFY(m_window->databaseBanner()->headline().contains(QStringLiteral("NOT COUNTED")));
    QCOMPARE(verified(), 1);
    press(Qt::Key_F9); // nor can the order be completed
    QCOMPARE(savedItemScans(fo), 1);
    QCOMPARE(packState(fo), QStringLiteral("claimed"));

    bringBack();
    QTRY_VERIFY_WITH_TIMEOUT(m_window->isDatabaseAvailable(), 10'000);
    QVERIFY(!m_window->databaseBanner()->isVisible());
    QVERIFY(m_window->packView()->isEnabled());
    QCOMPARE(verified(), 1);          // reloaded from scan_events: the saved scan kept, nothing counted twice
    QCOMPARE(openClaimOf(fo), claim); // the same lease, renewed
    QCOMPARE(test::scalar(m_bench.db, QStringLiteral("SELECT current_setting('packbench.shop_id')::bigint")),
             m_bench.shopId);
    QVERIFY2(m_window->queueModel()->rowCount() > 0, "shop scope not restored: the queue is empty");

    // The LISTEN is back: new work reaches the station by notification again.
    QSignalSpy woken(m_notifier.get(), &queue::QueueNotifier::workAvailable);
    VERIFY_OK(test::addQueuedOrder(m_admin, m_bench.shopId, *m_bench.locationId, 0, QDateTime()));
    QVERIFY(woken.wait(5'000));
    QCOMPARE(woken.first().first().toLongLong(), *m_bench.locationId);

    QSignalSpy finished(m_window.get(), &ui::StationWindow::orderFinished);
    scanItems(expected - 1);
    QCOMPARE(verified(), expected);
    press(Qt::Key_F9);
    QCOMPARE(finished.count(), 1);
    QCOMPARE(packState(fo), QStringLiteral("packed"));
    QCOMPARE(outboxRows(fo), 1);
    QCOMPARE(savedItemScans(fo), expected);
  }

  void outageDuringComplete_recordsThePackOnceBack()
  {
    const qint64 fo = nextOrderWithItems(1);
    QVERIFY(fo > 0);
    QVERIFY(takeWithF8(fo));
    const int expected = m_window->packView()->session()->expectedTotal();
    scanItems(expected);
    // The connection dies inside the finish transaction, between marking packed and the outbox row.
    cutInsideTheNextWrite(QStringLiteral("BEFORE INSERT"), QStringLiteral("outbox"));
    cutOff(false);

    QSignalSpy finished(m_window.get(), &ui::StationWindow::orderFinished);
    press(Qt::Key_F9);
    QTRY_VERIFY(!m_window->isDatabaseAvailable());
    QCOMPARE(finished.count(), 0);
    QVERIFY(m_window->packView()->banner()->headline().contains(QStringLiteral("NOT recorded yet")));
    QVERIFY(m_window->databaseBanner()->text().contains(QStringLiteral("recorded as packed when")));
    QCOMPARE(packState(fo), QStringLiteral("claimed")); // nothing half-written
    QCOMPARE(outboxRows(fo), 0);

    removeTheCut();
    bringBack();
    QTRY_VERIFY_WITH_TIMEOUT(m_window->isDatabaseAvailable(), 10'000);
    QTRY_COMPARE(finished.count(), 1);
    QCOMPARE(packState(fo), QStringLiteral("packed"));
    QCOMPARE(outboxRows(fo), 1);
    QVERIFY(m_window->packView()->banner()->headline().contains(QStringLiteral("recorded")));
  }

  // As above, but the order is cancelled while the finish waits: once back the finish is refused, the packer is told
  // it was NOT recorded, and nothing of it lands (no packed state, no fulfillment to post).
  void outageDuringComplete_orderCancelledMeanwhile_isNotRecorded_andSaysSo()
  {
    const qint64 fo = nextOrderWithItems(1);
    QVERIFY(fo > 0);
    QVERIFY(takeWithF8(fo));
    scanItems(m_window->packView()->session()->expectedTotal());
    cutInsideTheNextWrite(QStringLiteral("BEFORE INSERT"), QStringLiteral("outbox"));
    cutOff(false);
    QSignalSpy finished(m_window.get(), &ui::StationWindow::orderFinished);
    QSignalSpy notices(m_window->controller(), &station::StationController::notice);
    press(Qt::Key_F9);
    QTRY_VERIFY(!m_window->isDatabaseAvailable());
    QVERIFY(m_window->packView()->banner()->headline().contains(QStringLiteral("NOT recorded yet")));
    removeTheCut();
    VERIFY_OK(
        db::exec(m_admin, QStringLiteral("UPDATE fulfillment_orders SET pack_state = 'cancelled' WHERE id = ?"), {fo}));

    bringBack();
    QTRY_VERIFY_WITH_TIMEOUT(m_window->isDatabaseAvailable(), 10'000);
    QTRY_VERIFY(wasTold(notices, QStringLiteral("was cancelled — NOT recorded as packed")));
    QVERIFY(!m_window->packView()->session());
    QCOMPARE(finished.count(), 0);
    QCOMPARE(packState(fo), QStringLiteral("cancelled"));
    QCOMPARE(outboxRows(fo), 0);
    QCOMPARE(openClaimOf(fo), 0);
  }

  // A hold (F4, a reason) whose write dies with the connection: the packer is told it is NOT recorded yet, and once
  // the database is back the order is put on hold with that reason, once; or, if the order was cancelled meanwhile,
  // the packer is told the hold was NOT made and the order is no longer this bench's.
  void outageDuringHold_isRecordedOnceBack_data()
  {
    QTest::addColumn<bool>("cancelledMeanwhile");
    QTest::newRow("recorded") << false;
    QTest::newRow("order cancelled meanwhile") << true;
  }

  void outageDuringHold_isRecordedOnceBack()
  {
    QFETCH(bool, cancelledMeanwhile);
    const qint64 fo = nextOrderWithItems(2);
    QVERIFY(fo > 0);
    QVERIFY(takeWithF8(fo));
    scanItems(1);
    cutInsideTheNextWrite(QStringLiteral("BEFORE UPDATE"), QStringLiteral("fulfillment_orders"),
                          QStringLiteral("WHEN (NEW.pack_state = 'held')"));
    cutOff(false);
    QSignalSpy notices(m_window->controller(), &station::StationController::notice);
    press(Qt::Key_F4);
    press(Qt::Key_Down); // "Item missing from bin"
    press(Qt::Key_Return);
    QTRY_VERIFY(!m_window->isDatabaseAvailable());
    QTRY_VERIFY2(m_window->packView()->banner()->headline().contains(QStringLiteral("NOT recorded yet")),
                 qPrintable(m_window->packView()->banner()->headline()));
    QVERIFY(m_window->databaseBanner()->text().contains(QStringLiteral("put on hold when the database is back")));
    QCOMPARE(packState(fo), QStringLiteral("claimed")); // nothing half-written
    if (!cancelledMeanwhile)
      saveScreenshot(QStringLiteral("station-hold-not-recorded-yet.png"));
    removeTheCut();
    if (cancelledMeanwhile)
      VERIFY_OK(db::exec(m_admin, QStringLiteral("UPDATE fulfillment_orders SET pack_state = 'cancelled' WHERE id = ?"),
                         {fo}));

    bringBack();
    QTRY_VERIFY_WITH_TIMEOUT(m_window->isDatabaseAvailable(), 10'000);
    const qint64 holds =
        adminCount(QStringLiteral("SELECT count(*) FROM audit_log WHERE action = 'hold' AND subject_id = ?"),
                   {QString::number(fo)});
    if (cancelledMeanwhile) {
      QTRY_VERIFY(wasTold(notices, QStringLiteral("was cancelled — NOT put on hold")));
      QVERIFY(!m_window->packView()->session());
      QCOMPARE(packState(fo), QStringLiteral("cancelled"));
      QCOMPARE(holds, 0);
    } else {
      QTRY_COMPARE(packState(fo), QStringLiteral("held"));
      QCOMPARE(adminCount(QStringLiteral("SELECT count(*) FROM fulfillment_orders WHERE id = ? AND hold_reason = "
                                         "'Item missing from bin'"),
                          {fo}),
               1);
      QCOMPARE(holds, 1);
      QVERIFY(wasTold(notices, QStringLiteral("— recorded")));
      saveScreenshot(QStringLiteral("station-hold-recorded-when-back.png"));
    }
    QCOMPARE(openClaimOf(fo), 0);
  }

  // The outage outlasts the lease and the hub's reaper gives the order back to the queue. Nobody claims it meanwhile,
  // so when the database is back the bench's renewal revives its own claim (migration 0023): the box and its scans
  // still count. Had another bench claimed it, the order would be taken back from this one.
  void leaseExpiredDuringOutage_theSameClaimIsRevived_withItsScans()
  {
    const qint64 fo = nextOrderWithItems(2);
    QVERIFY(fo > 0);
    QVERIFY(takeWithF8(fo));
    const qint64 claim = openClaimOf(fo);
    const int expected = m_window->packView()->session()->expectedTotal();
    scanItems(1);
    cutOff();
    QTRY_VERIFY(!m_window->isDatabaseAvailable()); // the supervisor's probe finds it by itself

    VERIFY_OK(db::exec(
        m_admin, QStringLiteral("UPDATE claims SET expires_at = now() - interval '1 minute' WHERE id = ?"), {claim}));
    queue::OrderQueue reaper(m_admin, m_clock);
    auto reaped = reaper.reapExpired();
    VERIFY_OK(reaped);
    QCOMPARE(*reaped, 1);
    QCOMPARE(packState(fo), QStringLiteral("queued"));

    bringBack();
    QTRY_VERIFY_WITH_TIMEOUT(m_window->isDatabaseAvailable(), 10'000);
    QTRY_COMPARE(packState(fo), QStringLiteral("claimed"));
    QCOMPARE(openClaimOf(fo), claim); // the same claim, not a new attempt
    QCOMPARE(verified(), 1);          // the scan before the outage still counts
    QVERIFY2(m_window->packView()->banner()->headline().contains(QStringLiteral("Database back")),
             qPrintable(m_window->packView()->banner()->headline()));
    QCOMPARE(adminCount(QStringLiteral("SELECT count(*) FROM audit_log WHERE action = 'lease_revived' AND "
                                       "subject_id = ?"),
                        {QString::number(fo)}),
             1);
    scanItems(expected - 1);
    press(Qt::Key_F9);
    QCOMPARE(packState(fo), QStringLiteral("packed"));
    QCOMPARE(savedItemScans(fo), expected);
    QCOMPARE(outboxRows(fo), 1);
  }

  // The outage outlasts the lease and another bench claims the order meanwhile: once back, this bench's renewal and
  // its try to take the order again are both refused, the order is taken back from it with a message, and the other
  // bench's claim is untouched.
  void leaseExpiredDuringOutage_anotherBenchTookIt_theOrderIsTakenBackFromThisOne()
  {
    // The other bench, connected before the outage: only this station's own connections are cut below.
    auto other = m_bench.outage.logInStation(QStringLiteral("rc-other"));
    VERIFY_OK(other);
    VERIFY_OK(queue::setSessionShop(*other, m_bench.shopId));
    auto otherStation = queue::registerStation(*other, QStringLiteral("bench-rc-other"), *m_bench.locationId);
    VERIFY_OK(otherStation);
    queue::OrderQueue otherQueue(*other, m_clock, 120s);
    packing::LeasedQueueWorkflow otherBench(*other, otherQueue, *otherStation);
    auto otherPacker = packing::signInWithPin(*other, QStringLiteral("PB-1002"), QStringLiteral("1002"), *otherStation);
    VERIFY_OK(otherPacker);

    const qint64 fo = nextOrderWithItems(2);
    QVERIFY(fo > 0);
    QVERIFY(takeWithF8(fo));
    const qint64 claim = openClaimOf(fo);
    scanItems(1);
    const qint64 otherPid = test::scalar(*other, QStringLiteral("SELECT pg_backend_pid()"));
    cutOff(false);
    VERIFY_OK(db::exec(m_admin,
                       QStringLiteral("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE usename = ? AND "
                                      "pid <> ?"),
                       {m_bench.outage.stationRole(), otherPid}));
    QTRY_VERIFY(!m_window->isDatabaseAvailable());
    QSignalSpy notices(m_window->controller(), &station::StationController::notice);

    VERIFY_OK(db::exec(
        m_admin, QStringLiteral("UPDATE claims SET expires_at = now() - interval '1 minute' WHERE id = ?"), {claim}));
    queue::OrderQueue reaper(m_admin, m_clock);
    VERIFY_OK(reaper.reapExpired());
    auto taken = otherBench.take(fo, *otherPacker);
    VERIFY_OK(taken);

    bringBack();
    QTRY_VERIFY_WITH_TIMEOUT(m_window->isDatabaseAvailable(), 10'000);
    QTRY_VERIFY(wasTold(notices, QStringLiteral("taken back while the database was away")));
    QVERIFY(!m_window->packView()->session());
    QCOMPARE(openClaimOf(fo), 0);
    QCOMPARE(adminCount(QStringLiteral("SELECT count(*) FROM claims WHERE fulfillment_order_id = ? AND station_id = ? "
                                       "AND released_at IS NULL"),
                        {fo, *otherStation}),
             1);
    QCOMPARE(packState(fo), QStringLiteral("claimed"));
    // The other bench keeps the order: released, it would come back to later tests with this bench's old scan.
    VERIFY_OK(packing::signOut(*other, *otherPacker));
    QSqlDatabase(*other).close();
  }

  // Offline packing (issue #15): with a journal the packer goes on scanning through the outage, the window says
  // "Offline — N events waiting" as a warning, not an error, and the scans are recorded once it is back.
  void outageWithAJournal_packerScansOn_thenItIsRecorded()
  {
    const qint64 fo = takeOrderWithAJournal(QStringLiteral("offline-journal.sqlite"), 3);
    QVERIFY(fo > 0);
    const int expected = m_window->packView()->session()->expectedTotal();
    scanItems(1);
    cutOff();
    QTRY_VERIFY(!m_window->isDatabaseAvailable());
    scanItems(2);
    QCOMPARE(verified(), 3);
    QVERIFY(m_window->databaseBanner()->isVisible());
    QCOMPARE(m_window->databaseBanner()->tone(), ui::StatusBanner::Tone::Warning);
    QCOMPARE(m_window->databaseBanner()->headline(), QStringLiteral("Offline — 2 event(s) waiting"));
    QVERIFY(m_window->packView()->isEnabled()); // the pack screen keeps working
    QVERIFY(m_window->packView()->banner()->headline().contains(QStringLiteral("✔")));
    saveScreenshot(QStringLiteral("station-offline-packing.png"));
    QCOMPARE(savedItemScans(fo), 1);

    bringBack();
    QTRY_VERIFY_WITH_TIMEOUT(m_window->isDatabaseAvailable(), 10'000);
    QVERIFY(!m_window->databaseBanner()->isVisible());
    QCOMPARE(savedItemScans(fo), 3); // each offline scan once
    QCOMPARE(verified(), 3);
    scanItems(expected - 3);
    press(Qt::Key_F9);
    QCOMPARE(packState(fo), QStringLiteral("packed"));
    QCOMPARE(outboxRows(fo), 1);
  }

  // Finishing offline (issue #15): PostgreSQL goes away mid-order, the packer scans the rest and presses F9; the slip
  // prints at once from the snapshot, the bench says the pack waits and takes no new order; once the cluster is back
  // the scans and the completion land together, the fulfillment is queued once and the slip's job is journaled.
  void finishedOffline_slipPrintsFromTheSnapshot_thenThePackLandsOnce()
  {
    auto cups = test::cupsSandbox();
    VERIFY_OK(cups);
    const qint64 fo = takeOrderWithAJournal(QStringLiteral("offline-finish.sqlite"), 2, true);
    QVERIFY(fo > 0);
    const int expected = m_window->packView()->session()->expectedTotal();
    scanItems(1);
    cutOff();
    QTRY_VERIFY(!m_window->isDatabaseAvailable());
    const qint64 before = cups->lastJob();
    press(Qt::Key_F9); // refused as online: items are missing
    QVERIFY(m_window->packView()->banner()->headline().startsWith(QStringLiteral("Not complete")));
    scanItems(expected - 1);
    press(Qt::Key_F9);
    QTRY_COMPARE(m_window->packView()->banner()->headline(),
                 QStringLiteral("Packed offline — will be sent when the database is back"));
    QCOMPARE(m_window->databaseBanner()->tone(), ui::StatusBanner::Tone::Warning);
    auto slip = cups->waitForText(before, orderName(fo)); // printed from the snapshot, no database to ask
    QVERIFY2(slip.ok(), qPrintable(slip.ok() ? QString() : slip.error().message));
    saveScreenshot(QStringLiteral("station-offline-finished.png"));
    press(Qt::Key_F8); // no new claim while the database is away
    QCOMPARE(m_window->packView()->banner()->headline(), QStringLiteral("The next order waits for the database"));
    QCOMPARE(packState(fo), QStringLiteral("claimed"));
    QCOMPARE(outboxRows(fo), 0);

    bringBack();
    QTRY_VERIFY_WITH_TIMEOUT(m_window->isDatabaseAvailable(), 10'000);
    QCOMPARE(packState(fo), QStringLiteral("packed"));
    QCOMPARE(outboxRows(fo), 1);
    QCOMPARE(savedItemScans(fo), expected);
    auto waiting = m_journal->pendingCount();
    VERIFY_OK(waiting);
    QCOMPARE(*waiting, 0);
    QVERIFY(m_window->packView()->banner()->headline().contains(QStringLiteral("COMPLETE — recorded")));
    QTRY_COMPARE(adminCount(QStringLiteral("SELECT count(*) FROM print_jobs WHERE fulfillment_order_id = ? AND "
                                           "kind = 'slip' AND status = 'done' AND reference LIKE '%offline=%'"),
                            {fo}),
                 1);
    saveScreenshot(QStringLiteral("station-offline-caught-up.png"));
  }

  // The order is cancelled while the bench finishes it offline: nothing of the journal lands, no fulfillment is
  // queued, and the packer is told to set the box aside.
  void finishedOffline_orderCancelledMeanwhile_nothingLands()
  {
    const qint64 fo = takeOrderWithAJournal(QStringLiteral("offline-cancelled.sqlite"), 2);
    QVERIFY(fo > 0);
    const int expected = m_window->packView()->session()->expectedTotal();
    cutOff();
    QTRY_VERIFY(!m_window->isDatabaseAvailable());
    scanItems(expected);
    press(Qt::Key_F9);
    QTRY_VERIFY(m_window->packView()->banner()->headline().startsWith(QStringLiteral("Packed offline")));
    VERIFY_OK(
        db::exec(m_admin, QStringLiteral("UPDATE fulfillment_orders SET pack_state = 'cancelled' WHERE id = ?"), {fo}));
    QSignalSpy notices(m_window->controller(), &station::StationController::notice);

    bringBack();
    QTRY_VERIFY_WITH_TIMEOUT(m_window->isDatabaseAvailable(), 10'000);
    QVERIFY(wasTold(notices, QStringLiteral("NOT recorded"))); // on the queue screen, before its "Ready" line
    QVERIFY(!m_window->packView()->session());
    QCOMPARE(packState(fo), QStringLiteral("cancelled"));
    QCOMPARE(outboxRows(fo), 0);
    QCOMPARE(savedItemScans(fo), 0);
    auto waiting = m_journal->pendingCount();
    VERIFY_OK(waiting);
    QCOMPARE(*waiting, 0); // set aside for the lead
  }
};

QTEST_MAIN(StationReconnectTest)
#include "station_reconnect_test.moc"
