// SPDX-FileCopyrightText: 2026 Packbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
// The station wired as app/station does it: StationWindow over LeasedQueueWorkflow on the demo
// SQLite database, driven by keyboard and scanner bursts from sign-in to the outbox row.
#include "core/db/sql.h"
#include "core/packing/leasedqueueworkflow.h"
#include "core/queue/orderqueue.h"
#include "tests/support/stationbench.h"
#include "tests/support/verify.h"
#include "ui/packview.h"
#include "ui/printing/journaledprinter.h"
#include "ui/queuetablemodel.h"
#include "ui/stationwindow.h"
#include "ui/statusbanner.h"

#include <QApplication>
#include <QSignalSpy>
#include <QTest>

#include <memory>

using namespace pb;
using pb::test::press;
using pb::test::scan;
using namespace std::chrono_literals;

class StationFlowTest final : public QObject, private test::DemoStationBench {
  Q_OBJECT

private:
  // Signs in, takes the next order with F8 and scans every item on it; returns the order.
  qint64 takeAndScanEverything(ui::StationWindow &window)
  {
    packing::PackSession *session = signIn(window) ? scanNextOrder(window) : nullptr;
    return session && session->allVerified() ? session->header().fulfillmentOrderId : 0;
  }

  qint64 outboxRows(qint64 fo)
  {
    return test::scalar(m_db,
                        QStringLiteral("SELECT count(*) FROM outbox WHERE kind = 'fulfillment.create' AND "
                                       "aggregate_id = ? AND idempotency_key = ?"),
                        {QString::number(fo), QStringLiteral("fulfillment.create:%1").arg(fo)});
  }

  QString packState(qint64 fo)
  {
    return test::text(m_db, QStringLiteral("SELECT pack_state FROM fulfillment_orders WHERE id = ?"), {fo});
  }

private Q_SLOTS:
  void initTestCase() { VERIFY_OK(openBench(QStringLiteral("flow"), QStringLiteral("bench-9"))); }

  void f8_scanAll_f9_packsAndEnqueuesFulfillment()
  {
    auto window = showWindow();
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
    auto window = showWindow();
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
    auto window = showWindow(options);
    const qint64 fo = takeAndScanEverything(*window);
    QVERIFY(fo > 0);
    m_clock.advanceMs(121'000); // nobody renewed in time (the test clock stands still for the heartbeat)
    auto reaped = m_queue->reapExpired();
    QVERIFY(reaped.ok());
    // Another bench claims it before this one renews (else the renewal would revive this bench's claim).
    auto other = queue::registerStation(m_db, QStringLiteral("flow-other"), QStringLiteral("other"), std::nullopt);
    VERIFY_OK(other);
    VERIFY_OK(m_queue->claimSpecific(*other, fo));
    QTRY_VERIFY(!window->packView()->session());
    QCOMPARE(window->banner()->tone(), ui::StatusBanner::Tone::Error);
    QVERIFY(window->banner()->headline().contains(QStringLiteral("taken back")));
    QCOMPARE(packState(fo), QStringLiteral("claimed")); // the other bench's
    QCOMPARE(outboxRows(fo), 0);
  }

  void orderChanged_forOpenOrder_stopsPacking()
  {
    auto window = showWindow();
    const qint64 fo = takeAndScanEverything(*window);
    QVERIFY(fo > 0);
    window->orderChanged(fo + 100000); // someone else's order: nothing happens
    QVERIFY(window->packView()->session());
    const QString name = window->packView()->session()->header().orderName;
    window->orderChanged(fo);
    QVERIFY(!window->packView()->session());
    QCOMPARE(window->banner()->tone(), ui::StatusBanner::Tone::Error);
    QCOMPARE(window->banner()->headline(), QStringLiteral("Order %1 changed or cancelled — stop packing").arg(name));
    QCOMPARE(packState(fo), QStringLiteral("queued")); // released: packed afresh with the new lines
  }

  // Told by the hub's notice, the bench says what happened as the database has it: a cancelled order's items go
  // to the shelf; an edited one is packed again from the start.
  void orderChanged_saysCancelledOrEditedAsTheDatabaseHasIt_data()
  {
    QTest::addColumn<QString>("change");
    QTest::addColumn<QString>("headline");
    QTest::addColumn<QString>("hint");
    QTest::addColumn<QString>("packStateAfter");
    QTest::newRow("cancelled") << QStringLiteral("UPDATE fulfillment_orders SET pack_state = 'cancelled' WHERE id = ?")
                               << QStringLiteral("Order %1 was cancelled — stop packing it")
                               << QStringLiteral("it does not ship") << QStringLiteral("cancelled");
    QTest::newRow("edited") << QStringLiteral("UPDATE fulfillment_orders SET version = version + 1 WHERE id = ?")
                            << QStringLiteral("Order %1 changed — stop packing it")
                            << QStringLiteral("packed again from the start") << QStringLiteral("queued");
  }
  void orderChanged_saysCancelledOrEditedAsTheDatabaseHasIt()
  {
    QFETCH(QString, change);
    QFETCH(QString, headline);
    QFETCH(QString, hint);
    QFETCH(QString, packStateAfter);
    auto window = showWindow();
    const qint64 fo = takeAndScanEverything(*window);
    QVERIFY(fo > 0);
    const QString name = window->packView()->session()->header().orderName;
    VERIFY_OK(db::exec(m_db, change, {fo}));
    window->orderChanged(fo);
    QVERIFY(!window->packView()->session());
    QCOMPARE(window->banner()->headline(), headline.arg(name));
    QVERIFY2(window->banner()->text().contains(hint), qPrintable(window->banner()->text()));
    QCOMPARE(packState(fo), packStateAfter);
  }

  void failedAutoPrint_warnsButKeepsThePack()
  {
    printing::JournaledPrinter printer(m_db, {});
    QSignalSpy failed(&printer, &printing::JournaledPrinter::jobFailed);
    ui::StationOptions options;
    options.printer = &printer;
    options.autoPrint = true;
    options.slipPrinter = QStringLiteral("no-such-printer"); // CUPS has no such queue
    auto window = showWindow(options);
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
