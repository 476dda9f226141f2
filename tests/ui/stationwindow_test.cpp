// SPDX-FileCopyrightText: 2026 Packbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/db/connection.h"
#include "core/db/demodata.h"
#include "core/db/migrations.h"
#include "core/db/sql.h"
#include "core/packing/leasedqueueworkflow.h"
#include "core/queue/orderqueue.h"
#include "tests/support/keyboardinput.h"
#include "tests/support/manualclock.h"
#include "tests/support/packfixture.h"
#include "ui/packview.h"
#include "ui/queuetablemodel.h"
#include "ui/stationwindow.h"
#include "ui/statusbanner.h"

#include <QApplication>
#include <QComboBox>
#include <QLabel>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>

using namespace pb;
using pb::test::scan;

class StationWindowTest final : public QObject {
  Q_OBJECT

private:
  QTemporaryDir m_dir;
  QSqlDatabase m_db;
  test::ManualClock m_clock{QDateTime(QDate(2026, 11, 26), QTime(8, 0), Qt::UTC)};

  ui::StationOptions quietOptions(packing::PackWorkflow *workflow = nullptr)
  {
    ui::StationOptions options;
    options.sounds = false;
    options.workflow = workflow;
    return options;
  }

  QString packState(qint64 fo)
  {
    auto q = db::exec(m_db, QStringLiteral("SELECT pack_state FROM fulfillment_orders WHERE id = ?"), {fo});
    return q && q.value().next() ? q.value().value(0).toString() : QString();
  }

private Q_SLOTS:
  void initTestCase()
  {
    db::ConnectionSettings s;
    s.sqlitePath = m_dir.filePath(QStringLiteral("station.sqlite"));
    auto db = db::openDatabase(s, QStringLiteral("gui"));
    QVERIFY(db.ok());
    m_db = *db;
    QVERIFY(db::MigrationRunner(QStringLiteral(":/migrations/sqlite")).migrate(m_db).ok());
    QVERIFY(db::seedDemoData(m_db, m_clock).ok());
  }

  void showsDemoQueue_forConfiguredWarehouse()
  {
    ui::StationWindow window(m_db, m_clock, {QStringLiteral("bench-7"), QStringLiteral("CMH"), QStringLiteral("demo")},
                             quietOptions());
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

    const QString shots = qEnvironmentVariable("PACKBENCH_SCREENSHOT_DIR");
    if (!shots.isEmpty())
      QVERIFY(window.grab().save(shots + QStringLiteral("/station-queue.png")));
  }

  void takeNext_claimsFirstWaiting_signOutReleasesIt()
  {
    auto station = queue::registerStation(m_db, QStringLiteral("bench-7"), std::nullopt);
    QVERIFY(station.ok());
    queue::OrderQueue orders(m_db, m_clock);
    packing::LeasedQueueWorkflow workflow(m_db, orders, *station);
    ui::StationWindow window(m_db, m_clock, {QStringLiteral("bench-7"), QStringLiteral("RNO"), QStringLiteral("demo")},
                             quietOptions(&workflow));
    window.show();
    window.activateWindow(); // Xvfb has no window manager to do it
    QVERIFY(QTest::qWaitForWindowActive(&window));
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
    const QString shots = qEnvironmentVariable("PACKBENCH_SCREENSHOT_DIR");
    if (!shots.isEmpty())
      QVERIFY(window.grab().save(shots + QStringLiteral("/pack-start.png")));
    scan(QStringLiteral("PB*SIGNOUT"));
    QVERIFY(!window.packer().has_value());
    QCOMPARE(packState(first), QStringLiteral("queued"));
  }

  void enterOnQueueRow_opensThatOrder()
  {
    auto station = queue::registerStation(m_db, QStringLiteral("bench-7"), std::nullopt);
    QVERIFY(station.ok());
    queue::OrderQueue orders(m_db, m_clock);
    packing::LeasedQueueWorkflow workflow(m_db, orders, *station);
    ui::StationWindow window(m_db, m_clock, {QStringLiteral("bench-7"), QStringLiteral("RNO"), QStringLiteral("demo")},
                             quietOptions(&workflow));
    window.show();
    window.activateWindow(); // Xvfb has no window manager to do it
    QVERIFY(QTest::qWaitForWindowActive(&window));
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
};

QTEST_MAIN(StationWindowTest)
#include "stationwindow_test.moc"
