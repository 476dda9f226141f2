// SPDX-FileCopyrightText: 2026 Packbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
// What the station does with its open order when it is told to stop (SIGTERM/SIGINT reach
// StationWindow::stopForShutdown through app/station): an untouched order goes back to the queue at
// once; an order with scans keeps its claim (the box is on this bench) until its lease says otherwise.
#include "core/db/sql.h"
#include "core/packing/leasedqueueworkflow.h"
#include "core/queue/orderqueue.h"
#include "tests/support/stationbench.h"
#include "tests/support/verify.h"
#include "ui/packview.h"
#include "ui/stationwindow.h"

#include <QApplication>
#include <QTest>

#include <memory>

using namespace pb;
using pb::test::press;
using pb::test::scan;
using namespace std::chrono_literals;

class StationShutdownTest final : public QObject, private test::DemoStationBench {
  Q_OBJECT

private:
  std::unique_ptr<ui::StationWindow> signedInWindow()
  {
    auto window = showWindow();
    if (!window->isActiveWindow() || !signIn(*window))
      return nullptr;
    return window;
  }

  // The claim's release_reason, "open" while it is held, "<none>" when there is none.
  QString claimState(qint64 fo)
  {
    return test::text(m_db,
                      QStringLiteral("SELECT COALESCE(release_reason, 'open') FROM claims WHERE "
                                     "fulfillment_order_id = ? ORDER BY id DESC LIMIT 1"),
                      {fo});
  }

private Q_SLOTS:
  void initTestCase() { VERIFY_OK(openBench(QStringLiteral("stop"), QStringLiteral("bench-s"))); }

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
