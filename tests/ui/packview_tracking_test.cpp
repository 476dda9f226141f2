// SPDX-FileCopyrightText: 2026 Packbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
// The pack screen's tracking line (trackingLabel): a pre-printed carrier label scanned per box shows there with its
// carrier, a refused label leaves it as it was, and it is hidden for an order without labels. Driven like a bench:
// scanner bursts, F6 for the next box.
#include "core/db/sql.h"
#include "core/packing/leasedqueueworkflow.h"
#include "core/queue/orderqueue.h"
#include "tests/support/keyboardinput.h"
#include "tests/support/manualclock.h"
#include "tests/support/packfixture.h"
#include "ui/packview.h"
#include "ui/stationwindow.h"
#include "ui/statusbanner.h"

#include <QApplication>
#include <QLabel>
#include <QTemporaryDir>
#include <QTest>

using namespace pb;
using pb::test::press;
using pb::test::scan;
using Tone = ui::StatusBanner::Tone;

namespace {
// Valid UPS numbers of the courier dataset (../shared/reference/tracking-numbers/ups.json).
const QString kUps1 = QStringLiteral("1Z5R89390357567127");
const QString kUps2 = QStringLiteral("1Z879E930346834440");
const QString kUpsOther = QStringLiteral("1Z410E7W0392751591");
} // namespace

class PackViewTrackingTest final : public QObject {
  Q_OBJECT

private:
  QTemporaryDir m_dir;
  QSqlDatabase m_db;
  test::ManualClock m_clock{QDateTime(QDate(2026, 12, 2), QTime(8, 0), Qt::UTC)};
  std::unique_ptr<queue::OrderQueue> m_queue;
  std::unique_ptr<packing::LeasedQueueWorkflow> m_workflow;
  int m_orderNo = 0;
  const QString m_daypack = QStringLiteral("NW-T2D-001");
  const QString m_shell = QStringLiteral("NW-RRS-004");

  std::unique_ptr<ui::StationWindow> makeWindow()
  {
    ui::StationOptions options;
    options.workflow = m_workflow.get();
    options.stationId = m_workflow->stationId();
    options.sounds = false;
    auto window = std::make_unique<ui::StationWindow>(
        m_db, m_clock, ui::StationIdentity{QStringLiteral("bench-7"), QStringLiteral("RNO"), QStringLiteral("demo")},
        options);
    window->resize(1280, 800);
    window->show();
    window->activateWindow();
    if (!QTest::qWaitForWindowActive(window.get()))
      qWarning("window did not become active");
    test::scanBadgeAndTypePin(QStringLiteral("PB-1001"), test::demoPin(QStringLiteral("PB-1001")));
    if (!QTest::qWaitFor([&]() { return window->packer().has_value(); }))
      qWarning("the packer did not sign in");
    return window;
  }

  qint64 openNewOrder(ui::StationWindow &window, const QList<test::TestLine> &lines)
  {
    auto fo = test::createClaimedOrder(m_db, QStringLiteral("#T%1").arg(++m_orderNo), lines);
    if (!fo ||
        !db::exec(m_db, QStringLiteral("UPDATE fulfillment_orders SET pack_state = 'queued' WHERE id = ?"), {*fo}))
      return 0;
    auto taken = m_workflow->take(*fo, *window.packer());
    if (!taken || !window.openOrder(*taken))
      return 0;
    return *fo;
  }

  static QLabel *trackingLine(ui::StationWindow &window)
  {
    return window.findChild<QLabel *>(QStringLiteral("trackingLabel"));
  }
  static QString banner(ui::StationWindow &window) { return window.packView()->banner()->headline(); }

  void shoot(ui::StationWindow &window, const QString &name)
  {
    const QString dir = qEnvironmentVariable("PACKBENCH_SCREENSHOT_DIR");
    if (!dir.isEmpty())
      QVERIFY(window.grab().save(dir + u'/' + name));
  }

private Q_SLOTS:
  void initTestCase()
  {
    auto db = test::openDemoSqlite(m_dir.filePath(QStringLiteral("gui.sqlite")), QStringLiteral("gui"), m_clock);
    QVERIFY2(db.ok(), qPrintable(db.ok() ? QString() : db.error().message));
    m_db = *db;
    auto station = queue::registerStation(m_db, QStringLiteral("bench-7"), std::nullopt);
    QVERIFY(station.ok());
    m_queue = std::make_unique<queue::OrderQueue>(m_db, m_clock);
    m_workflow = std::make_unique<packing::LeasedQueueWorkflow>(m_db, *m_queue, *station);
  }

  void trackingLine_showsEachBoxLabel_withItsCarrier()
  {
    auto window = makeWindow();
    const qint64 fo = openNewOrder(*window, {{m_daypack, 1}, {m_shell, 1}});
    QVERIFY(fo > 0);
    QLabel *line = trackingLine(*window);
    QVERIFY(line);
    QVERIFY(!line->isVisibleTo(window.get())); // nothing scanned yet: no empty "Tracking —"

    scan(test::barcodeFor(m_db, m_daypack));
    scan(QStringLiteral("1Z 5R89 3903 5756 7127")); // the label's human-readable line, spaces and all
    QCOMPARE(window->packView()->banner()->tone(), Tone::Good);
    QVERIFY2(banner(*window).contains(kUps1), qPrintable(banner(*window)));
    QVERIFY(line->isVisibleTo(window.get()));
    QCOMPARE(line->text(), QStringLiteral("Tracking — Box 1: UPS %1").arg(kUps1));
    QCOMPARE(window->packView()->session()->verifiedTotal(), 1); // a label is never counted as an item

    press(Qt::Key_F6);
    scan(kUps2);
    scan(test::barcodeFor(m_db, m_shell));
    QCOMPARE(line->text(), QStringLiteral("Tracking — Box 1: UPS %1  ·  Box 2: UPS %2").arg(kUps1, kUps2));
    shoot(*window, QStringLiteral("pack-tracking-two-boxes.png"));

    // A second label on box 2 is refused and the line still shows what each box has.
    scan(kUpsOther);
    QCOMPARE(window->packView()->banner()->tone(), Tone::Error);
    QVERIFY2(banner(*window).contains(QStringLiteral("LABEL NOT ATTACHED")), qPrintable(banner(*window)));
    shoot(*window, QStringLiteral("pack-tracking-refused.png"));
    QCOMPARE(line->text(), QStringLiteral("Tracking — Box 1: UPS %1  ·  Box 2: UPS %2").arg(kUps1, kUps2));
    press(Qt::Key_Return);

    scan(QStringLiteral("PB*COMPLETE"));
    QCOMPARE(test::scalar(m_db,
                          QStringLiteral("SELECT count(*) FROM packages WHERE fulfillment_order_id = ? AND "
                                         "tracking_company = 'UPS' AND tracking_number IN (?, ?)"),
                          {fo, kUps1, kUps2}),
             2);
    window->signOut();
  }

  void trackingLine_followsTheOpenOrder()
  {
    auto window = makeWindow();
    const qint64 first = openNewOrder(*window, {{m_daypack, 1}});
    QVERIFY(first > 0);
    scan(kUpsOther);
    QVERIFY(trackingLine(*window)->isVisibleTo(window.get()));
    scan(test::barcodeFor(m_db, m_daypack));
    scan(QStringLiteral("PB*COMPLETE"));
    QCOMPARE(test::scalar(m_db,
                          QStringLiteral("SELECT count(*) FROM fulfillment_orders WHERE id = ? AND pack_state = "
                                         "'packed'"),
                          {first}),
             1);
    // The next order has no label yet: the line must not show the previous order's.
    const qint64 second = openNewOrder(*window, {{m_shell, 1}});
    QVERIFY(second > 0);
    QVERIFY(!trackingLine(*window)->isVisibleTo(window.get()));
    window->signOut();
  }
};

QTEST_MAIN(PackViewTrackingTest)
#include "packview_tracking_test.moc"
