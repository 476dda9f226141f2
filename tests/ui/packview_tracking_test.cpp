// SPDX-FileCopyrightText: 2026 Packbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
// The pack screen's tracking line (trackingLabel): a pre-printed carrier label scanned per box shows there with its
// carrier, a refused label leaves it as it was, and it is hidden for an order without labels. Driven like a bench:
// scanner bursts, F6 for the next box.
#include "core/db/sql.h"
#include "tests/support/keyboardinput.h"
#include "tests/support/screenshot.h"
#include "tests/support/stationbench.h"
#include "tests/support/upsnumbers.h"
#include "tests/support/verify.h"
#include "ui/packview.h"
#include "ui/stationwindow.h"
#include "ui/statusbanner.h"

#include <QApplication>
#include <QLabel>
#include <QTest>

using namespace pb;
using pb::test::press;
using pb::test::scan;
using Tone = ui::StatusBanner::Tone;
using namespace pb::test::ups;

class PackViewTrackingTest final : public QObject, private test::DemoStationBench {
  Q_OBJECT

public:
  PackViewTrackingTest()
      : DemoStationBench(QDateTime(QDate(2026, 12, 2), QTime(8, 0), Qt::UTC))
  {}

private:
  // Shown at the screenshots' size, the demo packer signed in.
  std::unique_ptr<ui::StationWindow> makeWindow()
  {
    auto window = showWindow();
    window->resize(1280, 800);
    if (!signIn(*window))
      qWarning("the packer did not sign in");
    return window;
  }

  qint64 openNewOrder(ui::StationWindow &window, const QList<test::TestLine> &lines)
  {
    return openOrderNamed(window, QStringLiteral("#T%1").arg(++m_orderNo), lines);
  }

  static QLabel *trackingLine(ui::StationWindow &window)
  {
    return window.findChild<QLabel *>(QStringLiteral("trackingLabel"));
  }
  static QString banner(ui::StationWindow &window) { return window.packView()->banner()->headline(); }

private Q_SLOTS:
  void initTestCase() { VERIFY_OK(openBench(QStringLiteral("gui"), QStringLiteral("bench-7"))); }

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
    QVERIFY(window->packView()->banner()->hint().startsWith(QStringLiteral("1 item"))); // no translator loaded here
    scan(test::barcodeFor(m_db, m_shell));
    // Its label scanned again once every item is in a box: the hint says what comes next, not "0 items to go".
    scan(kUps2);
    QCOMPARE(window->packView()->banner()->hint(),
             QStringLiteral("Already on this box · All items verified — press F9 to complete"));
    QCOMPARE(line->text(), QStringLiteral("Tracking — Box 1: UPS %1  ·  Box 2: UPS %2").arg(kUps1, kUps2));
    QVERIFY(test::saveScreenshot(*window, QStringLiteral("pack-tracking-two-boxes.png")));

    // A second label on box 2 is refused and the line still shows what each box has.
    scan(kUps3);
    QCOMPARE(window->packView()->banner()->tone(), Tone::Error);
    QVERIFY2(banner(*window).contains(QStringLiteral("LABEL NOT ATTACHED")), qPrintable(banner(*window)));
    QVERIFY(test::saveScreenshot(*window, QStringLiteral("pack-tracking-refused.png")));
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

  // The two mistakes a packer makes with pre-printed labels, said in words that tell what to do: the label of box 1
  // scanned again on box 2, and another carrier's label on an order that ships with UPS.
  void refusedLabel_saysWhichBoxHasItOrWhichCarrierTheOrderShipsWith()
  {
    auto window = makeWindow();
    const qint64 fo = openNewOrder(*window, {{m_daypack, 2}});
    QVERIFY(fo > 0);
    const QString item = test::barcodeFor(m_db, m_daypack);
    scan(item);
    scan(kUps1);
    press(Qt::Key_F6);
    scan(kUps1);
    QCOMPARE(window->packView()->banner()->tone(), Tone::Error);
    QCOMPARE(window->packView()->banner()->hint(), QStringLiteral("That label is already on box 1"));
    press(Qt::Key_Return);
    scan(QStringLiteral("]C0986578788855")); // a FedEx Express label
    QCOMPARE(window->packView()->banner()->tone(), Tone::Error);
    QVERIFY2(banner(*window).contains(QStringLiteral("FedEx")), qPrintable(banner(*window)));
    QCOMPARE(window->packView()->banner()->hint(),
             QStringLiteral("Box 1 ships with UPS: all boxes of an order go with one carrier"));
    press(Qt::Key_Return);
    scan(kUps2);
    scan(item);
    scan(QStringLiteral("PB*COMPLETE"));
    QCOMPARE(test::scalar(m_db,
                          QStringLiteral("SELECT count(*) FROM packages WHERE fulfillment_order_id = ? AND "
                                         "tracking_company = 'UPS'"),
                          {fo}),
             2);
    window->signOut();
  }

  void trackingLine_followsTheOpenOrder()
  {
    auto window = makeWindow();
    const qint64 first = openNewOrder(*window, {{m_daypack, 1}});
    QVERIFY(first > 0);
    scan(kUps3);
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
