// SPDX-FileCopyrightText: 2026 Packbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
// What the station does with its open order when it is told to stop (SIGTERM/SIGINT reach
// StationWindow::stopForShutdown through app/station): an untouched order goes back to the queue at
// once; an order with scans keeps its claim (the box is on this bench) until its lease says otherwise.
#include "core/db/sql.h"
#include "core/packing/leasedqueueworkflow.h"
#include "core/queue/orderqueue.h"
#include "tests/support/keyboardinput.h"
#include "tests/support/manualclock.h"
#include "tests/support/packfixture.h"
#include "tests/support/testdatabase.h"
#include "ui/packview.h"
#include "ui/stationwindow.h"

#include <QApplication>
#include <QTemporaryDir>
#include <QTest>

#include <memory>

using namespace pb;
using pb::test::press;
using pb::test::scan;
using namespace std::chrono_literals;

class StationShutdownTest final : public QObject {
  Q_OBJECT

private:
  QTemporaryDir m_dir;
  QSqlDatabase m_db;
  test::ManualClock m_clock{QDateTime(QDate(2026, 11, 26), QTime(8, 0), Qt::UTC)};
  qint64 m_stationId = 0;
  std::unique_ptr<queue::OrderQueue> m_queue;
  std::unique_ptr<packing::LeasedQueueWorkflow> m_workflow;

  std::unique_ptr<ui::StationWindow> signedInWindow()
  {
    ui::StationOptions options;
    options.workflow = m_workflow.get();
    options.stationId = m_stationId;
    options.sounds = false;
    auto window = std::make_unique<ui::StationWindow>(
        m_db, m_clock, ui::StationIdentity{QStringLiteral("bench-s"), QStringLiteral("RNO"), QStringLiteral("demo")},
        options);
    window->show();
    window->activateWindow();
    if (!QTest::qWaitForWindowActive(window.get()))
      return nullptr;
    test::scanBadgeAndTypePin(QStringLiteral("PB-1001"), QStringLiteral("1001"));
    if (!QTest::qWaitFor([&]() { return window->packer().has_value(); }))
      return nullptr;
    return window;
  }

  // The claim's release_reason, "open" while it is held, "" when there is none.
  QString claimState(qint64 fo)
  {
    auto q =
        db::exec(m_db,
                 QStringLiteral("SELECT COALESCE(release_reason, 'open') FROM claims WHERE fulfillment_order_id = ? "
                                "ORDER BY id DESC LIMIT 1"),
                 {fo});
    return q && q.value().next() ? q.value().value(0).toString() : QString();
  }

private Q_SLOTS:
  void initTestCase()
  {
    auto db = test::openDemoSqlite(m_dir.filePath(QStringLiteral("stop.sqlite")), QStringLiteral("stop"), m_clock);
    QVERIFY2(db.ok(), qPrintable(db.ok() ? QString() : db.error().message));
    m_db = *db;
    auto station = queue::registerStation(m_db, QStringLiteral("bench-s"), std::nullopt);
    QVERIFY(station.ok());
    m_stationId = *station;
    m_queue = std::make_unique<queue::OrderQueue>(m_db, m_clock, 120s);
    m_workflow = std::make_unique<packing::LeasedQueueWorkflow>(m_db, *m_queue, m_stationId);
  }

  void nothingOpen_saysSo()
  {
    auto window = signedInWindow();
    QVERIFY(window);
    QCOMPARE(window->stopForShutdown(), QStringLiteral("no order open"));
  }

  void orderWithoutScans_goesBackToTheQueue_andNoMoreWorkIsTaken()
  {
    auto window = signedInWindow();
    QVERIFY(window);
    press(Qt::Key_F8);
    QVERIFY(window->packView()->session());
    const qint64 fo = window->packView()->session()->header().fulfillmentOrderId;
    QCOMPARE(claimState(fo), QStringLiteral("open"));
    const QString said = window->stopForShutdown();
    QVERIFY2(said.contains(QStringLiteral("went back to the queue")), qPrintable(said));
    QCOMPARE(claimState(fo), QStringLiteral("released"));
    press(Qt::Key_F8); // a stopping station takes no more work
    QVERIFY(!window->packView()->session() ||
            window->packView()->session()->state() != packing::PackSession::State::Packing);
    QCOMPARE(test::scalar(m_db, QStringLiteral("SELECT count(*) FROM claims WHERE released_at IS NULL")), 0);
  }

  void orderWithScans_keepsItsClaim()
  {
    auto window = signedInWindow();
    QVERIFY(window);
    press(Qt::Key_F8);
    packing::PackSession *session = window->packView()->session();
    QVERIFY(session);
    const qint64 fo = session->header().fulfillmentOrderId;
    scan(test::barcodeFor(m_db, session->lines().constFirst().sku));
    QTRY_VERIFY(session->verifiedTotal() == 1);
    const QString said = window->stopForShutdown();
    QVERIFY2(said.contains(QStringLiteral("its claim stays")), qPrintable(said));
    QCOMPARE(claimState(fo), QStringLiteral("open"));
  }
};

QTEST_MAIN(StationShutdownTest)
#include "station_shutdown_test.moc"
