// SPDX-FileCopyrightText: 2026 Packbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
// The station's side of a pack attempt, driven through the real widgets: a release empties the box,
// a lead takes orders over and lifts holds with badge and PIN, a locked bench lets its lease run out.
#include "core/db/sql.h"
#include "core/packing/leasedqueueworkflow.h"
#include "core/queue/orderqueue.h"
#include "tests/support/keyboardinput.h"
#include "tests/support/manualclock.h"
#include "tests/support/packfixture.h"
#include "tests/support/screenshot.h"
#include "tests/support/verify.h"
#include "ui/leadapprovalpanel.h"
#include "ui/packview.h"
#include "ui/queuetablemodel.h"
#include "ui/signinview.h"
#include "ui/stationwindow.h"
#include "ui/statusbanner.h"

#include <QApplication>
#include <QLabel>
#include <QLineEdit>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>

#include <memory>

using namespace pb;
using namespace std::chrono_literals;
using pb::test::press;
using pb::test::scan;

class StationAttemptTest final : public QObject {
  Q_OBJECT

private:
  QTemporaryDir m_dir;
  QSqlDatabase m_db;
  test::ManualClock m_clock{QDateTime(QDate(2026, 11, 26), QTime(8, 0), Qt::UTC)};
  QString m_locationCode;
  int m_orderNo = 0;
  std::unique_ptr<queue::OrderQueue> m_queue;
  std::unique_ptr<packing::LeasedQueueWorkflow> m_here;
  std::unique_ptr<packing::LeasedQueueWorkflow> m_there; // another bench with the same host name
  const QString m_daypack = QStringLiteral("NW-T2D-001");

  // Two daypacks, first in the queue of the demo's first warehouse.
  qint64 queuedOrder()
  {
    auto fo = test::createClaimedOrder(m_db, QStringLiteral("#G%1").arg(++m_orderNo), {{m_daypack, 2}});
    if (!fo)
      qFatal("createClaimedOrder: %s", qPrintable(fo.error().message));
    if (!db::exec(
            m_db,
            QStringLiteral("UPDATE fulfillment_orders SET pack_state = 'queued', priority = 5000 + ? WHERE id = ?"),
            {m_orderNo, *fo}))
      qFatal("could not queue the order");
    return *fo;
  }

  std::unique_ptr<ui::StationWindow> openWindow(packing::LeasedQueueWorkflow &workflow, ui::StationOptions options = {})
  {
    options.sounds = false;
    options.workflow = &workflow;
    options.stationId = workflow.stationId();
    auto window = std::make_unique<ui::StationWindow>(
        m_db, m_clock, ui::StationIdentity{QStringLiteral("bench"), m_locationCode, QStringLiteral("demo")}, options);
    window->show();
    window->activateWindow(); // Xvfb has no window manager to do it
    if (!QTest::qWaitForWindowActive(window.get()))
      qFatal("station window never became active");
    return window;
  }

  void signIn(ui::StationWindow &window, const QString &badge)
  {
    test::scanBadgeAndTypePin(badge, test::demoPin(badge));
    QTRY_VERIFY(window.packer().has_value());
  }

  // Selects an order's row in the queue and presses Enter on it, as a packer does.
  void enterOnRow(ui::StationWindow &window, qint64 fo)
  {
    auto *table = window.findChild<QTableView *>(QStringLiteral("queueTable"));
    QVERIFY(table);
    window.refreshQueue();
    int row = -1;
    for (int i = 0; i < window.queueModel()->orders().size(); ++i)
      if (window.queueModel()->orders().at(i).fulfillmentOrderId == fo)
        row = i;
    QVERIFY(row >= 0);
    table->setFocus();
    table->setCurrentIndex(window.queueModel()->index(row, 0));
    QTest::keyClick(table, Qt::Key_Return, Qt::NoModifier, 60);
  }

  void type(const QString &text)
  {
    QWidget *target = QApplication::focusWidget();
    QVERIFY(target);
    for (const QChar c : text) // slower than a scanner: a person typing a PIN
      QTest::keyClick(target, c.toLatin1(), Qt::NoModifier, 60);
    QTest::keyClick(target, Qt::Key_Return, Qt::NoModifier, 60);
  }

  QString text(const QString &sql, const QVariantList &values)
  {
    auto q = db::exec(m_db, sql, values);
    return q && q.value().next() ? q.value().value(0).toString() : QString();
  }

  packing::Packer packer(const QString &badge)
  {
    auto found = packing::findPackerByBadge(m_db, badge);
    if (!found)
      qFatal("no packer %s", qPrintable(badge));
    return *found;
  }

  QString packState(qint64 fo)
  {
    return text(QStringLiteral("SELECT pack_state FROM fulfillment_orders WHERE id = ?"), {fo});
  }

private Q_SLOTS:
  void initTestCase()
  {
    auto db = test::openDemoSqlite(m_dir.filePath(QStringLiteral("attempt.sqlite")), QStringLiteral("gui"), m_clock);
    VERIFY_OK(db);
    m_db = *db;
    m_locationCode = text(QStringLiteral("SELECT code FROM locations ORDER BY id LIMIT 1"), {});
    auto here = queue::registerStation(m_db, QStringLiteral("install-1"), QStringLiteral("bench"), std::nullopt);
    VERIFY_OK(here);
    auto there = queue::registerStation(m_db, QStringLiteral("install-2"), QStringLiteral("bench"), std::nullopt);
    VERIFY_OK(there);
    QVERIFY(*here != *there); // same host name, two installations: two stations
    m_queue = std::make_unique<queue::OrderQueue>(m_db, m_clock, 120s);
    m_here = std::make_unique<packing::LeasedQueueWorkflow>(m_db, *m_queue, *here);
    m_there = std::make_unique<packing::LeasedQueueWorkflow>(m_db, *m_queue, *there);
  }

  void signOutMidOrder_saysPutItBack_andTheNextBenchStartsFromZero()
  {
    const qint64 fo = queuedOrder();
    {
      auto window = openWindow(*m_here);
      signIn(*window, QStringLiteral("PB-1001"));
      press(Qt::Key_F8);
      QVERIFY(window->packView()->session());
      QCOMPARE(window->packView()->session()->header().fulfillmentOrderId, fo);
      scan(test::barcodeFor(m_db, m_daypack));
      scan(test::barcodeFor(m_db, m_daypack));
      QCOMPARE(window->packView()->session()->verifiedTotal(), 2);
      scan(QStringLiteral("PB*SIGNOUT"));
      QVERIFY(!window->packer().has_value());
      QVERIFY2(window->signInView()->banner()->text().contains(QStringLiteral("put its items back")),
               qPrintable(window->signInView()->banner()->text()));
      QCOMPARE(packState(fo), QStringLiteral("queued"));
    }
    auto window = openWindow(*m_there);
    signIn(*window, QStringLiteral("PB-1002"));
    press(Qt::Key_F8);
    QVERIFY(window->packView()->session());
    QCOMPARE(window->packView()->session()->header().fulfillmentOrderId, fo);
    QCOMPARE(window->packView()->session()->verifiedTotal(), 0); // the old box was emptied
    press(Qt::Key_F9);
    QVERIFY(window->packView()->banner()->headline().contains(QStringLiteral("Not complete")));
    QCOMPARE(packState(fo), QStringLiteral("claimed"));
    window->signOut();
  }

  void leadTakesOverAnotherBenchsOrder_withBadgeAndPin()
  {
    const qint64 fo = queuedOrder();
    auto there = m_there->take(fo, packer(QStringLiteral("PB-1002")));
    VERIFY_OK(there);
    auto window = openWindow(*m_here);
    signIn(*window, QStringLiteral("PB-1001"));
    enterOnRow(*window, fo);
    QVERIFY(!window->packView()->session());
    QVERIFY(window->leadPanel()->isVisible());
    QVERIFY(window->banner()->headline().contains(QStringLiteral("Another station")));
    scan(QStringLiteral("PB-9001")); // the lead's badge goes to the panel, not to a sign-in
    QCOMPARE(window->packer()->badgeId, QStringLiteral("PB-1001"));
    QCOMPARE(window->leadPanel()->findChild<QLineEdit *>(QStringLiteral("leadBadge"))->text(),
             QStringLiteral("PB-9001"));
    QCOMPARE(QApplication::focusWidget(), window->leadPanel()->findChild<QLineEdit *>(QStringLiteral("leadPin")));
    QVERIFY(test::saveScreenshot(*window, QStringLiteral("lead-approval-pin.png")));
    type(QStringLiteral("0000"));
    QVERIFY(window->leadPanel()->isVisible()); // a wrong PIN approves nothing
    QVERIFY(!window->leadPanel()->findChild<QLabel *>(QStringLiteral("leadProblem"))->text().isEmpty());
    QCOMPARE(
        text(QStringLiteral("SELECT count(*) FROM claims WHERE id = ? AND released_at IS NULL"), {*there->claimId}),
        QStringLiteral("1"));
    type(QStringLiteral("9001"));
    QVERIFY(!window->leadPanel()->isVisible());
    QVERIFY(window->packView()->session());
    QCOMPARE(window->packView()->session()->header().fulfillmentOrderId, fo);
    QVERIFY(*window->packView()->session()->context().claimId != *there->claimId);
    QVERIFY(window->packView()->banner()->headline().contains(QStringLiteral("taken over")));
    QCOMPARE(text(QStringLiteral("SELECT count(*) FROM audit_log WHERE action = 'take_over' AND subject_id = ?"),
                  {QString::number(fo)}),
             QStringLiteral("1"));
    QVERIFY(!m_there->keepAlive(*there).ok());
    window->signOut();
  }

  void leadReleasesAHold_aPackerCannot()
  {
    const qint64 fo = queuedOrder();
    auto held = m_there->take(fo, packer(QStringLiteral("PB-1002")));
    VERIFY_OK(held);
    VERIFY_OK(m_there->hold(*held, QStringLiteral("label printer jammed")));
    auto window = openWindow(*m_here);
    signIn(*window, QStringLiteral("PB-1001"));
    enterOnRow(*window, fo);
    QVERIFY(window->leadPanel()->isVisible());
    QVERIFY(window->banner()->headline().contains(QStringLiteral("label printer jammed")));
    scan(QStringLiteral("PB-1002")); // a packer's badge and PIN are not enough
    type(QStringLiteral("1002"));
    QVERIFY(window->leadPanel()->isVisible());
    QCOMPARE(packState(fo), QStringLiteral("held"));
    scan(QStringLiteral("PB-9001"));
    type(QStringLiteral("9001"));
    QVERIFY(!window->leadPanel()->isVisible());
    QCOMPARE(packState(fo), QStringLiteral("queued"));
    QVERIFY(window->banner()->headline().contains(QStringLiteral("Hold released")));
    window->signOut();
  }

  void lockedBench_stopsRenewingAfterIdleRelease_andTheOrderGoesBack()
  {
    const qint64 fo = queuedOrder();
    ui::StationOptions options;
    options.keepAliveInterval = 20ms;
    options.idleRelease = 300ms;
    auto window = openWindow(*m_here, options);
    signIn(*window, QStringLiteral("PB-1001"));
    press(Qt::Key_F8);
    QVERIFY(window->packView()->session());
    QCOMPARE(window->packView()->session()->header().fulfillmentOrderId, fo);
    const QString claimSql = QStringLiteral("SELECT expires_at FROM claims WHERE fulfillment_order_id = ? AND "
                                            "released_at IS NULL");
    const QString leased = text(claimSql, {fo});
    m_clock.advanceMs(10'000);
    QTRY_VERIFY(text(claimSql, {fo}) != leased); // renewed while someone is at the bench

    window->lock();
    m_clock.advanceMs(10'000);
    QTRY_VERIFY(text(claimSql, {fo}) != leased); // still renewed right after locking
    QTest::qWait(500); // past idle_release (a real-time timer: a loaded machine may take longer)
    // Nobody renews it any more: with the clock moved on, a renewal would show as a later expiry.
    const auto renewalsStopped = [&]() {
      const QString lastRenewal = text(claimSql, {fo});
      m_clock.advanceMs(10'000);
      QTest::qWait(200);
      return text(claimSql, {fo}) == lastRenewal;
    };
    QTRY_VERIFY_WITH_TIMEOUT(renewalsStopped(), 10000);

    m_clock.advanceMs(121'000);
    auto reaped = m_queue->reapExpired(); // as the hub does
    VERIFY_OK(reaped);
    QCOMPARE(*reaped, 1);
    QCOMPARE(packState(fo), QStringLiteral("queued"));
    // Another bench packs it meanwhile (had nobody, the bench would have its own claim revived at sign-in).
    auto elsewhere = m_there->take(fo, packer(QStringLiteral("PB-1002")));
    VERIFY_OK(elsewhere);
    test::scanBadgeAndTypePin(QStringLiteral("PB-1001"), QStringLiteral("1001"));
    QTRY_VERIFY(window->banner()->isVisible());
    QVERIFY(!window->packView()->session());
    QVERIFY2(window->banner()->headline().contains(QStringLiteral("while the station was locked")),
             qPrintable(window->banner()->headline()));
    window->signOut();
    VERIFY_OK(m_there->release(*elsewhere));
  }

  void finishAfterAnUnnoticedEdit_isNotRecorded_andSaysWhy()
  {
    const qint64 fo = queuedOrder();
    auto window = openWindow(*m_here);
    signIn(*window, QStringLiteral("PB-1001"));
    press(Qt::Key_F8);
    QVERIFY(window->packView()->session());
    scan(test::barcodeFor(m_db, m_daypack));
    scan(test::barcodeFor(m_db, m_daypack));
    // An edit lands after the last scan and its notification is lost.
    VERIFY_OK(db::exec(m_db, QStringLiteral("UPDATE fulfillment_orders SET version = version + 1 WHERE id = ?"), {fo}));
    const QString name = window->packView()->session()->header().orderName;
    press(Qt::Key_F9);
    QTRY_VERIFY(!window->packView()->session());
    QCOMPARE(window->banner()->headline(), QStringLiteral("Order %1 changed — NOT recorded as packed").arg(name));
    QCOMPARE(window->banner()->hint(), QStringLiteral("Put its items back: it is packed again from the start"));
    QCOMPARE(text(QStringLiteral("SELECT count(*) FROM outbox WHERE aggregate_id = ?"), {QString::number(fo)}),
             QStringLiteral("0"));
    QCOMPARE(packState(fo), QStringLiteral("queued"));
    window->signOut();
  }
};

QTEST_MAIN(StationAttemptTest)
#include "station_attempt_test.moc"
