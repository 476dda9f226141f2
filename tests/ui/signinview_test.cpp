// SPDX-FileCopyrightText: 2026 Packbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
// The sign-in screen: a badge scan or typed badge number, then the PIN typed by a person; refusals, idle lock.
#include "tests/support/keyboardinput.h"
#include "tests/support/manualclock.h"
#include "tests/support/packfixture.h"
#include "tests/support/screenshot.h"
#include "ui/packview.h"
#include "ui/signinview.h"
#include "ui/stationwindow.h"
#include "ui/statusbanner.h"

#include <QApplication>
#include <QLineEdit>
#include <QTemporaryDir>
#include <QTest>

using namespace pb;
using pb::test::scan;
using Tone = ui::StatusBanner::Tone;

class SignInViewTest final : public QObject {
  Q_OBJECT

private:
  QTemporaryDir m_dir;
  QSqlDatabase m_db;
  test::ManualClock m_clock{QDateTime(QDate(2026, 11, 26), QTime(8, 0), Qt::UTC)};

  std::unique_ptr<ui::StationWindow> makeWindow()
  {
    ui::StationOptions options;
    options.sounds = false;
    auto window = std::make_unique<ui::StationWindow>(
        m_db, m_clock, ui::StationIdentity{QStringLiteral("bench-1"), {}, QStringLiteral("demo")}, options);
    window->show();
    window->activateWindow(); // Xvfb has no window manager to do it
    if (!QTest::qWaitForWindowActive(window.get()))
      qWarning("window did not become active");
    return window;
  }

  // A person at the keyboard: slower than any scanner.
  static void type(const QString &text) { QTest::keyClicks(QApplication::focusWidget(), text, Qt::NoModifier, 70); }

  static Tone tone(ui::StationWindow &w) { return w.signInView()->banner()->tone(); }

private Q_SLOTS:
  void initTestCase()
  {
    auto db = test::openDemoSqlite(m_dir.filePath(QStringLiteral("s.sqlite")), QStringLiteral("signin"), m_clock);
    QVERIFY2(db.ok(), qPrintable(db.ok() ? QString() : db.error().message));
    m_db = *db;
  }

  void badgeScan_selectsThePacker_andOnlyThePinSignsIn()
  {
    auto window = makeWindow();
    QVERIFY(window->signInView()->isVisible());
    QVERIFY(test::saveScreenshot(*window, QStringLiteral("sign-in.png")));
    scan(QStringLiteral("PB-1001"));
    QTest::qWait(100);
    QVERIFY(!window->packer().has_value()); // a badge is half of the credential
    QVERIFY(window->signInView()->isVisible());
    auto *badgeEdit = window->findChild<QLineEdit *>(QStringLiteral("badgeEdit"));
    QCOMPARE(badgeEdit->text(), QStringLiteral("PB-1001")); // the decoded badge, not the raw burst
    QCOMPARE(QApplication::focusWidget(), window->findChild<QLineEdit *>(QStringLiteral("pinEdit")));
    QVERIFY(window->signInView()->banner()->headline().contains(QStringLiteral("PIN")));
    QVERIFY(test::saveScreenshot(*window, QStringLiteral("sign-in-pin.png")));
    type(QStringLiteral("1001"));
    QTest::keyClick(QApplication::focusWidget(), Qt::Key_Return, Qt::NoModifier, 70);
    QTRY_VERIFY(window->packer().has_value());
    QCOMPARE(window->packer()->name, QStringLiteral("Jordan P."));
    QVERIFY(!window->signInView()->isVisible());
  }

  void unknownBadge_andItemScan_areRefused()
  {
    auto window = makeWindow();
    scan(QStringLiteral("PB-4242")); // which badges exist is not told before the PIN
    type(QStringLiteral("4242"));
    QTest::keyClick(QApplication::focusWidget(), Qt::Key_Return, Qt::NoModifier, 70);
    QCOMPARE(tone(*window), Tone::Error);
    QVERIFY2(window->signInView()->banner()->text().contains(QStringLiteral("not accepted")),
             qPrintable(window->signInView()->banner()->text()));
    scan(QStringLiteral("081234500016"));
    QVERIFY(window->signInView()->banner()->text().contains(QStringLiteral("not a badge")));
    QVERIFY(!window->packer().has_value());
  }

  void otherPackersBadge_atTheQueue_asksForTheirPin()
  {
    auto window = makeWindow();
    test::scanBadgeAndTypePin(QStringLiteral("PB-1001"), QStringLiteral("1001"));
    QTRY_VERIFY(window->packer().has_value());
    scan(QStringLiteral("PB-9001")); // someone else steps up to the bench
    QVERIFY(window->signInView()->isVisible());
    QCOMPARE(window->packer()->badgeId, QStringLiteral("PB-1001")); // not signed in as the lead by a badge
    QCOMPARE(QApplication::focusWidget(), window->findChild<QLineEdit *>(QStringLiteral("pinEdit")));
    QTest::keyClick(QApplication::focusWidget(), Qt::Key_F8, Qt::NoModifier, 60); // no order for a half sign-in
    QVERIFY(!window->packView()->session());
    type(QStringLiteral("9001"));
    QTest::keyClick(QApplication::focusWidget(), Qt::Key_Return, Qt::NoModifier, 70);
    QTRY_COMPARE(window->packer()->badgeId, QStringLiteral("PB-9001"));
    QVERIFY(!window->signInView()->isVisible());
  }

  void typedBadgeAndPin_signIn()
  {
    auto window = makeWindow();
    QCOMPARE(QApplication::focusWidget(), window->findChild<QLineEdit *>(QStringLiteral("badgeEdit")));
    type(QStringLiteral("PB-9001"));
    QTest::keyClick(QApplication::focusWidget(), Qt::Key_Tab, Qt::NoModifier, 70);
    QCOMPARE(QApplication::focusWidget(), window->findChild<QLineEdit *>(QStringLiteral("pinEdit")));
    type(QStringLiteral("9001"));
    QTest::keyClick(QApplication::focusWidget(), Qt::Key_Return, Qt::NoModifier, 70);
    QTRY_VERIFY(window->packer().has_value());
    QVERIFY(window->packer()->isLead());
  }

  void wrongPin_isRefusedAndCleared()
  {
    auto window = makeWindow();
    type(QStringLiteral("PB-1001"));
    QTest::keyClick(QApplication::focusWidget(), Qt::Key_Return, Qt::NoModifier, 70); // Enter moves to the PIN
    type(QStringLiteral("0000"));
    QTest::keyClick(QApplication::focusWidget(), Qt::Key_Return, Qt::NoModifier, 70);
    QCOMPARE(tone(*window), Tone::Error);
    QVERIFY(window->signInView()->banner()->text().contains(QStringLiteral("not accepted")));
    QCOMPARE(window->findChild<QLineEdit *>(QStringLiteral("pinEdit"))->text(), QString());
    QVERIFY(!window->packer().has_value());
  }

  void idleLock_keepsTheOrder_andBadgeUnlocks()
  {
    auto window = makeWindow();
    test::scanBadgeAndTypePin(QStringLiteral("PB-1001"), QStringLiteral("1001"));
    QTRY_VERIFY(window->packer().has_value());
    auto fo = test::createClaimedOrder(m_db, QStringLiteral("#L1"), {{QStringLiteral("NW-T2D-001"), 2}});
    QVERIFY(fo.ok());
    QVERIFY(window->openOrder({*fo, std::nullopt}));
    scan(test::barcodeFor(m_db, QStringLiteral("NW-T2D-001")));
    window->lock();
    QVERIFY(window->signInView()->isVisible());
    QVERIFY(window->signInView()->banner()->text().contains(QStringLiteral("Locked")));
    scan(test::barcodeFor(m_db, QStringLiteral("NW-T2D-001"))); // scans do nothing while locked
    QCOMPARE(window->packView()->session()->verifiedTotal(), 1);
    scan(QStringLiteral("PB-1001"));
    QVERIFY(window->signInView()->isVisible()); // the badge alone does not unlock
    QCOMPARE(window->packView()->session()->verifiedTotal(), 1);
    type(QStringLiteral("1001"));
    QTest::keyClick(QApplication::focusWidget(), Qt::Key_Return, Qt::NoModifier, 70);
    QTRY_VERIFY(window->packView()->isVisible());
    QCOMPARE(window->packView()->session()->verifiedTotal(), 1);
  }
};

QTEST_MAIN(SignInViewTest)
#include "signinview_test.moc"
