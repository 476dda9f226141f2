// SPDX-FileCopyrightText: 2026 Packbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
// The station wired as app/station does it: StationWindow over LeasedQueueWorkflow on the demo
// SQLite database, driven by keyboard and scanner bursts from sign-in to the outbox row.
#include "core/db/sql.h"
#include "core/packing/leasedqueueworkflow.h"
#include "core/queue/orderqueue.h"
#include "tests/support/keyboardinput.h"
#include "tests/support/manualclock.h"
#include "tests/support/packfixture.h"
#include "ui/packview.h"
#include "ui/printing/journaledprinter.h"
#include "ui/queuetablemodel.h"
#include "ui/stationwindow.h"
#include "ui/statusbanner.h"

#include <QApplication>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

#include <memory>

using namespace pb;
using pb::test::press;
using pb::test::scan;
using namespace std::chrono_literals;

class StationFlowTest final : public QObject {
  Q_OBJECT

private:
  QTemporaryDir m_dir;
  QSqlDatabase m_db;
  test::ManualClock m_clock{QDateTime(QDate(2026, 11, 26), QTime(8, 0), Qt::UTC)};
  qint64 m_stationId = 0;
  std::unique_ptr<queue::OrderQueue> m_queue;
  std::unique_ptr<packing::LeasedQueueWorkflow> m_workflow;

  std::unique_ptr<ui::StationWindow> makeWindow(ui::StationOptions options = {})
  {
    options.workflow = m_workflow.get();
    options.stationId = m_stationId;
    options.sounds = false;
    auto window = std::make_unique<ui::StationWindow>(
        m_db, m_clock, ui::StationIdentity{QStringLiteral("bench-9"), QStringLiteral("RNO"), QStringLiteral("demo")},
        options);
    window->show();
    window->activateWindow(); // Xvfb has no window manager to do it
    if (!QTest::qWaitForWindowActive(window.get()))
      qWarning("window did not become active");
    return window;
  }

  // Signs in, takes the next order with F8 and scans every item on it; returns the order.
  qint64 takeAndScanEverything(ui::StationWindow &window)
  {
    test::scanBadgeAndTypePin(QStringLiteral("PB-1001"), QStringLiteral("1001"));
    if (!QTest::qWaitFor([&]() { return window.packer().has_value(); }))
      return 0;
    press(Qt::Key_F8);
    packing::PackSession *session = window.packView()->session();
    if (!session)
      return 0;
    const QList<packing::PackLine> lines = session->lines(); // a resumed order may be partly scanned already
    for (const packing::PackLine &line : lines)
      for (int i = line.verified; i < line.expected; ++i)
        scan(test::barcodeFor(m_db, line.sku));
    return session->allVerified() ? session->header().fulfillmentOrderId : 0;
  }

  qint64 count(const QString &sql, const QVariantList &values)
  {
    auto q = db::exec(m_db, sql, values);
    return q && q.value().next() ? q.value().value(0).toLongLong() : -1;
  }

  qint64 outboxRows(qint64 fo)
  {
    return count(QStringLiteral("SELECT count(*) FROM outbox WHERE kind = 'fulfillment.create' AND aggregate_id = ? "
                                "AND idempotency_key = ?"),
                 {QString::number(fo), QStringLiteral("fulfillment.create:%1").arg(fo)});
  }

  QString packState(qint64 fo)
  {
    auto q = db::exec(m_db, QStringLiteral("SELECT pack_state FROM fulfillment_orders WHERE id = ?"), {fo});
    return q && q.value().next() ? q.value().value(0).toString() : QString();
  }

private Q_SLOTS:
  void initTestCase()
  {
    auto db = test::openDemoSqlite(m_dir.filePath(QStringLiteral("flow.sqlite")), QStringLiteral("flow"), m_clock);
    QVERIFY2(db.ok(), qPrintable(db.ok() ? QString() : db.error().message));
    m_db = *db;
    auto station = queue::registerStation(m_db, QStringLiteral("bench-9"), std::nullopt);
    QVERIFY(station.ok());
    m_stationId = *station;
    m_queue = std::make_unique<queue::OrderQueue>(m_db, m_clock, 120s);
    m_workflow = std::make_unique<packing::LeasedQueueWorkflow>(m_db, *m_queue, m_stationId);
  }

  void f8_scanAll_f9_packsAndEnqueuesFulfillment()
  {
    auto window = makeWindow();
    QSignalSpy finished(window.get(), &ui::StationWindow::orderFinished);
    const qint64 fo = takeAndScanEverything(*window);
    QVERIFY(fo > 0);
    QCOMPARE(packState(fo), QStringLiteral("claimed"));
    QCOMPARE(outboxRows(fo), 0);
    press(Qt::Key_F9);
    QCOMPARE(finished.count(), 1);
    QCOMPARE(packState(fo), QStringLiteral("packed"));
    QCOMPARE(outboxRows(fo), 1);
    QVERIFY(window->packView()->banner()->headline().contains(QStringLiteral("COMPLETE")));
    press(Qt::Key_F9); // a second press changes nothing
    QCOMPARE(outboxRows(fo), 1);
  }

  void cancelledWhilePacking_completeIsRefused_backToQueue()
  {
    auto window = makeWindow();
    QSignalSpy finished(window.get(), &ui::StationWindow::orderFinished);
    const qint64 fo = takeAndScanEverything(*window);
    QVERIFY(fo > 0);
    QVERIFY(db::exec(m_db, QStringLiteral("UPDATE fulfillment_orders SET pack_state = 'cancelled' WHERE id = ?"), {fo})
                .ok());
    press(Qt::Key_F9);
    QTRY_VERIFY(!window->packView()->session());
    QCOMPARE(finished.count(), 0);
    QCOMPARE(window->banner()->tone(), ui::StatusBanner::Tone::Error);
    QVERIFY(window->banner()->headline().contains(QStringLiteral("NOT recorded")));
    QCOMPARE(outboxRows(fo), 0);
    QCOMPARE(packState(fo), QStringLiteral("cancelled"));
  }

  void lostLease_showsTakenBack_andReturnsToQueue()
  {
    ui::StationOptions options;
    options.keepAliveInterval = 20ms;
    auto window = makeWindow(options);
    const qint64 fo = takeAndScanEverything(*window);
    QVERIFY(fo > 0);
    m_clock.advanceMs(121'000); // nobody renewed in time (the test clock stands still for the heartbeat)
    auto reaped = m_queue->reapExpired();
    QVERIFY(reaped.ok());
    QTRY_VERIFY(!window->packView()->session());
    QCOMPARE(window->banner()->tone(), ui::StatusBanner::Tone::Error);
    QVERIFY(window->banner()->headline().contains(QStringLiteral("taken back")));
    QCOMPARE(packState(fo), QStringLiteral("queued"));
    QCOMPARE(outboxRows(fo), 0);
  }

  void orderChanged_forOpenOrder_stopsPacking()
  {
    auto window = makeWindow();
    const qint64 fo = takeAndScanEverything(*window);
    QVERIFY(fo > 0);
    window->orderChanged(fo + 100000); // someone else's order: nothing happens
    QVERIFY(window->packView()->session());
    window->orderChanged(fo);
    QVERIFY(!window->packView()->session());
    QCOMPARE(window->banner()->tone(), ui::StatusBanner::Tone::Error);
    QVERIFY(window->banner()->headline().contains(QStringLiteral("Order changed or cancelled")));
    QCOMPARE(packState(fo), QStringLiteral("queued")); // released: packed afresh with the new lines
  }

  void failedAutoPrint_warnsButKeepsThePack()
  {
    printing::JournaledPrinter printer(m_db, {});
    QSignalSpy failed(&printer, &printing::JournaledPrinter::jobFailed);
    ui::StationOptions options;
    options.printer = &printer;
    options.autoPrint = true;
    options.slipPrinter = QStringLiteral("no-such-printer"); // CUPS has no such queue
    auto window = makeWindow(options);
    const qint64 fo = takeAndScanEverything(*window);
    QVERIFY(fo > 0);
    press(Qt::Key_F9);
    QCOMPARE(packState(fo), QStringLiteral("packed"));
    QCOMPARE(outboxRows(fo), 1);
    QTRY_COMPARE(failed.count(), 1);
    QTRY_VERIFY(window->packView()->banner()->headline().contains(QStringLiteral("slip did not print")));
    QCOMPARE(window->packView()->banner()->tone(), ui::StatusBanner::Tone::Warning);
  }
};

QTEST_MAIN(StationFlowTest)
#include "station_flow_test.moc"
