// SPDX-FileCopyrightText: 2026 Packbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/db/connection.h"
#include "core/db/sql.h"
#include "tests/support/fakeserialport.h"
#include "tests/support/keyboardinput.h"
#include "tests/support/screenshot.h"
#include "tests/support/stationbench.h"
#include "tests/support/verify.h"
#include "ui/packview.h"
#include "ui/queuetablemodel.h"
#include "ui/serialscannersource.h"
#include "ui/stationwindow.h"
#include "ui/statusbanner.h"

#include <QApplication>
#include <QComboBox>
#include <QLabel>
#include <QTableView>
#include <QTest>

#include <memory>

using namespace pb;
using pb::test::scan;

class StationWindowTest final : public QObject, private test::DemoStationBench {
  Q_OBJECT

private:
  QString packState(qint64 fo)
  {
    auto q = db::exec(m_db, QStringLiteral("SELECT pack_state FROM fulfillment_orders WHERE id = ?"), {fo});
    return q && q.value().next() ? q.value().value(0).toString() : QString();
  }

private Q_SLOTS:
  void initTestCase() { VERIFY_OK(openBench(QStringLiteral("station"), QStringLiteral("bench-7"))); }

  void showsDemoQueue_forConfiguredWarehouse()
  {
    ui::StationOptions quiet;
    quiet.sounds = false;
    ui::StationWindow window(m_db, m_clock, {m_bench, QStringLiteral("CMH"), QStringLiteral("demo")}, quiet);
    window.show();
    window.activateWindow(); // Xvfb has no window manager to do it
    QVERIFY(QTest::qWaitForWindowActive(&window));
    test::scanBadgeAndTypePin(QStringLiteral("PB-1001"), QStringLiteral("1001"));
    QTRY_VERIFY(window.packer().has_value());
    auto *combo = window.findChild<QComboBox *>(QStringLiteral("locationCombo"));
    auto *table = window.findChild<QTableView *>(QStringLiteral("queueTable"));
    QVERIFY(combo && table);
    QVERIFY(combo->currentText().startsWith(QStringLiteral("CMH")));
    const int cmhRows = table->model()->rowCount();
    QVERIFY(cmhRows > 0);
    QVERIFY(window.banner()->text().contains(table->model()->index(0, ui::QueueTableModel::Order).data().toString()));
    QVERIFY(window.windowTitle().contains(QStringLiteral("bench-7")));

    // Keyboard only: focus the warehouse box and pick the other one.
    combo->setFocus();
    QTest::keyClick(combo, Qt::Key_Up);
    QTRY_VERIFY(combo->currentText().startsWith(QStringLiteral("RNO")));
    QVERIFY(table->model()->rowCount() != cmhRows);
    QVERIFY(window.findChild<QLabel *>(QStringLiteral("queueCountLabel"))->text().contains(QStringLiteral("RNO")));

    QVERIFY(test::saveScreenshot(window, QStringLiteral("station-queue.png")));
  }

  void takeNext_claimsFirstWaiting_signOutReleasesIt()
  {
    auto shown = showWindow();
    ui::StationWindow &window = *shown;
    QVERIFY(window.isActiveWindow());
    QTest::keyClick(QApplication::focusWidget(), Qt::Key_F8, Qt::NoModifier, 60); // nobody signed in: nothing
    QVERIFY(!window.packView()->session());
    test::scanBadgeAndTypePin(QStringLiteral("PB-1002"), QStringLiteral("1002"));
    QTRY_VERIFY(window.packer().has_value());
    const qint64 first = window.queueModel()->orders().first().fulfillmentOrderId;
    scan(test::barcodeFor(m_db, QStringLiteral("NW-T2D-001"))); // an item with no order open: told what to do
    QVERIFY(window.banner()->headline().contains(QStringLiteral("No order open")));
    QTest::keyClick(QApplication::focusWidget(), Qt::Key_F8, Qt::NoModifier, 60);
    QVERIFY(window.packView()->session());
    QCOMPARE(window.packView()->session()->header().fulfillmentOrderId, first);
    QCOMPARE(packState(first), QStringLiteral("claimed"));
    QVERIFY(test::saveScreenshot(window, QStringLiteral("pack-start.png")));
    scan(QStringLiteral("PB*SIGNOUT"));
    QVERIFY(!window.packer().has_value());
    QCOMPARE(packState(first), QStringLiteral("queued"));
  }

  void enterOnQueueRow_opensThatOrder()
  {
    auto shown = showWindow();
    ui::StationWindow &window = *shown;
    QVERIFY(window.isActiveWindow());
    test::scanBadgeAndTypePin(QStringLiteral("PB-1001"), QStringLiteral("1001"));
    QTRY_VERIFY(window.packer().has_value());
    auto *table = window.findChild<QTableView *>(QStringLiteral("queueTable"));
    QCOMPARE(QApplication::focusWidget(), table);
    QTest::keyClick(table, Qt::Key_Down, Qt::NoModifier, 60);
    const qint64 second = window.queueModel()->orders().at(1).fulfillmentOrderId;
    QTest::keyClick(table, Qt::Key_Return, Qt::NoModifier, 60);
    QVERIFY(window.packView()->session());
    QCOMPARE(window.packView()->session()->header().fulfillmentOrderId, second);
    window.signOut();
  }

  void queueModel_marksLateOrders()
  {
    ui::QueueTableModel model(m_clock);
    queue::WaitingOrder late;
    late.orderName = QStringLiteral("#9");
    late.shipBy = m_clock.nowUtc().addSecs(-90 * 60);
    queue::WaitingOrder soon = late;
    soon.shipBy = m_clock.nowUtc().addSecs(45 * 60);
    model.setOrders({late, soon});
    QCOMPARE(model.index(0, ui::QueueTableModel::ShipBy).data().toString(), QStringLiteral("late by 1 h 30 min"));
    QCOMPARE(model.index(1, ui::QueueTableModel::ShipBy).data().toString(), QStringLiteral("in 45 min"));
    QVERIFY(model.index(0, ui::QueueTableModel::ShipBy).data(Qt::ForegroundRole).isValid());
  }

  void databaseGone_showsErrorBanner()
  {
    db::ConnectionSettings s;
    s.sqlitePath = m_dir.filePath(QStringLiteral("empty.sqlite"));
    auto empty = db::openDatabase(s, QStringLiteral("empty")); // no schema at all
    QVERIFY(empty.ok());
    ui::StationWindow window(*empty, m_clock, {QStringLiteral("bench-1"), {}, QStringLiteral("demo")});
    QCOMPARE(window.banner()->tone(), ui::StatusBanner::Tone::Error);
    QVERIFY(window.banner()->text().contains(QStringLiteral("Database problem")));
  }

  // A bench with a serial scanner: the status bar says whether it is connected, in red while it is not (unplugged, it
  // still beeps at the packer, and its codes go nowhere). Through the window as app/station wires it.
  void serialScanner_stateInTheStatusBar_redWhileUnplugged()
  {
    ui::StationOptions quiet;
    quiet.sounds = false;
    ui::StationWindow window(m_db, m_clock, {m_bench, QStringLiteral("CMH"), QStringLiteral("demo")}, quiet);
    window.show();
    auto port = std::make_unique<test::FakeSerialPort>();
    QVERIFY(port->isOpen());
    const QString path = port->path();
    auto *scanner = new ui::SerialScannerSource(path, 9600, &window);
    window.attachSerialScanner(scanner);
    auto *state = window.findChild<QLabel *>(QStringLiteral("scannerState"));
    QVERIFY(state);
    QVERIFY(scanner->start());
    QCOMPARE(state->text(), QStringLiteral("Scanner on %1").arg(path));
    port.reset(); // the cable pulled
    QTRY_COMPARE(state->text(), QStringLiteral("Scanner on %1 NOT connected — check its cable").arg(path));
    QVERIFY(state->styleSheet().contains(QStringLiteral("#a51d2d")));

    // Configured but never there: said at once, not after the first retry.
    auto *missing = new ui::SerialScannerSource(QStringLiteral("/dev/packbench-no-such-scanner"), 9600, &window);
    window.attachSerialScanner(missing);
    QVERIFY(!missing->start());
    QCOMPARE(state->text(),
             QStringLiteral("Scanner on /dev/packbench-no-such-scanner NOT connected — check its cable"));
  }
};

QTEST_MAIN(StationWindowTest)
#include "stationwindow_test.moc"
